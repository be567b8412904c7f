/**
 * The personal-data check a clerk's notes pass before delivery (issue 4, §3): it flags what looks
 * identifying so the clerk redacts it or confirms it. Zod-free and import-free because the web app
 * runs it in the browser on every keystroke. It is a safety net, not a guarantee: it prefers a
 * flag the clerk dismisses over a code or number that slips through, but stays quiet on the dates,
 * times, counts and years that fill every note.
 */

/** In order of specificity: when two flags of equal length overlap, the earlier kind is kept. */
export const PERSONAL_DATA_KINDS = ['identityCode', 'phone', 'email', 'streetAddress', 'name'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** `start`/`end` are UTF-16 offsets into the checked text (end exclusive), as `String.slice` takes them. */
export type PersonalDataFlag = { kind: PersonalDataKind; start: number; end: number; text: string };

/**
 * What `redact` writes instead of a span. Language-neutral, so it reads the same in Finnish and
 * Swedish notes, and the same for every kind and length, so the mark itself tells nothing (not
 * even how long a name was). No detector matches it, so redacted text checks clean.
 */
export const REDACTION_MARK = '[…]';

// A span must not start or end inside a word or number. \p{M} keeps "ä" typed as "a" + a combining
// mark inside its word.
const WORD = '\\p{L}\\p{M}\\p{N}_';
const NOT_AFTER_WORD = `(?<![${WORD}])`;
const NOT_BEFORE_WORD = `(?![${WORD}])`;

// ---------------------------------------------------------------------------------------------
// Identity codes (henkilötunnus): DDMMYY, century sign, 3-digit individual number, check character.
// Flagged only with a real date and the right check character, so one digit off, a date like
// 310224 or a reference number of the same shape is not. Sign and check character are upper case
// only, as the Digital and Population Data Services Agency (DVV) issues them; lower case is not
// matched. Temporary numbers (900–999) are flagged too: they identify a person just the same.
// Hyphen look-alikes that word processors substitute (‐ ‑ – −) count as the 1900s "-".
const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const CENTURIES: Record<string, number> = { '+': 1800, A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000 };
for (const sign of '-\u2010\u2011\u2013\u2212UVWXY') CENTURIES[sign] = 1900;
const IDENTITY_CODE = new RegExp(
  `${NOT_AFTER_WORD}(\\d{6})([-+\u2010\u2011\u2013\u2212A-FU-Y])(\\d{3})([0-9A-Y])${NOT_BEFORE_WORD}`,
  'gu',
);

function isIdentityCode(dateDigits: string, sign: string, individual: string, check: string): boolean {
  const century = CENTURIES[sign];
  if (century === undefined) return false;
  const day = Number(dateDigits.slice(0, 2));
  const month = Number(dateDigits.slice(2, 4));
  const year = century + Number(dateDigits.slice(4, 6));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  return CHECK_CHARACTERS[Number(dateDigits + individual) % 31] === check;
}

// ---------------------------------------------------------------------------------------------
// Phone numbers: a national number starts with 0 (or "(0"), an international one with "+"; digit
// groups are joined by one space or hyphen, or a bracketed group ("+1 (555) 123-4567"). The
// separators deliberately exclude "." "," ":" "/", and a number may not follow a digit (or a digit
// and a separator), so dates (12.03.2024, 2024-03-12), times and the tail of a longer number never
// start one. Counts and years do not start with 0; a postal code (00100) has too few digits; an
// identity code is followed by a letter, which rules the phone reading out; a figure followed by
// a currency or per cent sign ("+12 345 678 €") is money. At most seven groups, which bounds the work
// on a long run of numbers.
const PHONE = new RegExp(
  `${NOT_AFTER_WORD}(?<![+\\p{N}][ \\u00a0.,:/\\-])(?:\\+\\d+|\\(0\\d*\\)|0\\d*)` +
    `(?:(?:[ \\u00a0]?\\(\\d{1,4}\\)[ \\u00a0]?|[ \\u00a0-])\\d+){0,6}${NOT_BEFORE_WORD}(?![.,:/-]\\p{N})` +
    `(?![ \\u00a0]?(?:[€%$£]|(?:eur|euroa?|kr|kronor)(?![\\p{L}])))`,
  'giu',
);

/** Length of the longest leading part of `raw` that is a plausible phone number, if any. */
function phoneLength(raw: string): number | undefined {
  const international = raw.startsWith('+');
  // "+358 (0)40…": the bracketed trunk zero is not dialled, so it does not count as a digit.
  const groups = [...raw.matchAll(/\d+/g)].filter((g) => !(international && g[0] === '0' && raw[g.index - 1] === '('));
  // Trailing groups are dropped until the rest fits, so "040 123 4567 2024" still flags the number.
  for (let n = groups.length; n >= 1; n--) {
    const used = groups.slice(0, n).map((g) => g[0]);
    const digits = used.join('').length;
    if (digits < 7 || digits > (international ? 15 : 12)) continue;
    // A national area code (09, 040, 0400) has 2–4 digits; after it, and after a country code's
    // first group (+358 9, +46 8), single digits are stray counts, not part of a number.
    const shaped = used.every((group, i) =>
      i === 0
        ? international || n === 1 || (group.length >= 2 && group.length <= 4)
        : group.length >= 2 || (international && i === 1),
    );
    const last = groups[n - 1];
    if (shaped && last) return last.index + last[0].length;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses, including the "(at)"/"[at]" spellings people use to dodge spam harvesters.
const EMAIL = new RegExp(
  `${NOT_AFTER_WORD}[\\p{L}\\p{N}._%+-]+(?:@|\\s?[([]at[)\\]]\\s?)[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*` +
    `\\.\\p{L}{2,}${NOT_BEFORE_WORD}`,
  'gu',
);

// ---------------------------------------------------------------------------------------------
// Street addresses: a capitalised street name ending in a Finnish or Swedish street word,
// followed by a house number. Only with a number: "Itäkatu on meluisa" is a place the group
// talks about, "Itäkatu 3 B 12" is where someone lives. Finnish street words also match in the
// cases an address takes in a sentence ("asuu Hämeentiellä 12", "Itäkadun 3"). Street names must
// be capitalised (street names are proper nouns); that keeps "uimaranta 2" or "våningsplan 2" out.
const FI_STREET =
  'kat(?:u|ua)|kadu(?:n|lla|lle|lta)|tie(?:n|llä|lle|ltä|tä)?|kuja(?:n|lla|lle|lta|a)?|polku(?:a)?' +
  '|polu(?:n|lla|lle|lta)|väylä(?:n|llä|lle|ltä|ä)?|raitti(?:a)?|raiti(?:n|lla|lle|lta)|kaari|kaarta' +
  '|kaare(?:n|lla|lle|lta)|rinne|rinnettä|rintee(?:n|llä|lle|ltä)|tori(?:n|lla|lle|lta|a)?' +
  '|aukio(?:n|lla|lle|lta|ta)?|puistikko(?:a)?|puistiko(?:n|lla|lle|lta)|ranta(?:a)?|ranna(?:n|lla|lle|lta)';
const SV_STREET = 'gatan?|väg(?:en)?|gränd(?:en)?|stig(?:en)?|backen?|torg(?:et)?|kaj(?:en)?';
// Multi-word names: a fixed first word ("Iso Roobertinkatu", "Stora Robertsgatan") or a genitive
// before a separate street word ("Sörnäisten rantatie", "Kyrkans gata", "Kampens plan"). "plan"
// only counts as a separate word: as a suffix it is mostly "handlingsplan", an action plan.
const FIRST_WORDS = 'Stora|Lilla|Norra|Södra|Östra|Västra|Nya|Gamla|Iso|Pieni|Vanha|Uusi|Pohjoinen|Eteläinen';
const STREET_NAME =
  `(?:(?:${FIRST_WORDS})[ \\u00a0])?\\p{Lu}[\\p{L}\\p{M}-]{0,40}(?:${FI_STREET}|${SV_STREET})` +
  `|\\p{Lu}[\\p{L}\\p{M}-]{0,40}[ns][ \\u00a0][\\p{Ll}\\p{M}]{0,40}(?:${FI_STREET}|${SV_STREET}|plan)`;
// House number, optionally a range (3–5), a staircase letter and a flat number ("5 A 12", "3 b",
// "3 as. 4"). Not a year (a street name before "2024" is an event), not a time ("Kauppatori
// 12.30"), and not a lower-case "i", which is Swedish for "in" ("Robertsgatan 2 i Helsingfors").
const HOUSE_NUMBER =
  `(?!(?:19|20)\\d\\d(?!\\p{N}))[1-9]\\d{0,3}(?:[ \\u00a0]?[-–][ \\u00a0]?[1-9]\\d{0,3})?(?![.,:]?\\p{N})` +
  `(?:[ \\u00a0]?(?:[A-Z]|[a-hj-z])(?![${WORD}])(?:[ \\u00a0]?[1-9]\\d{0,2}(?!\\p{N}))?)?` +
  `(?:[ \\u00a0](?:as|bst|lgh)\\.?[ \\u00a0]?[1-9]\\d{0,2}(?!\\p{N}))?`;
const STREET_ADDRESS = new RegExp(`${NOT_AFTER_WORD}(?:${STREET_NAME})[ \\u00a0]+${HOUSE_NUMBER}`, 'gu');
// Route numbers ("Valtatie 4", "Riksväg 25") have the shape of an address but locate no one.
const ROUTE = /^(?:valta|kanta|seutu|maan|moottori)tie|^(?:riks|stam|lands)väg/iu;

// ---------------------------------------------------------------------------------------------
// Names from the municipality's list: whole words, any letter case, with the Finnish case endings
// a name takes in running text (Anna → Annan, Annalle, Annaa, Annaan; Ahmed → Ahmedin,
// Ahmedille), the Swedish genitive (Annas) and ":n"/"'n" forms. Stems that change are covered for
// the commonest patterns only: kk/pp/tt weakening (Mikko → Mikon, Antti → Antille), -nen surnames
// (Virtanen → Virtasen, Virtasta) and names in vowel + s (Tuomas → Tuomaksen). Other stem changes
// (Lahti → Lahden, Kivi → Kiven, Aleksander → Aleksanterin), plurals and clitics (-kin) are not
// matched; list such forms separately. A name that is also a word, or inflects into one (Aino →
// "ainoa", only), is flagged there too: the clerk confirms it. One-letter entries are ignored.
const ENDINGS = 'n|a|ä|lle|lla|llä|lta|ltä|ssa|ssä|sta|stä|na|nä|ksi|s';
const STEM_ENDINGS = 'n|lle|lla|llä|lta|ltä|ssa|ssä|sta|stä|ksi|na|nä|en';
const WEAK_ENDINGS = 'n|lle|lla|llä|lta|ltä|ssa|ssä|sta|stä|ksi';
// Keyed by the list itself: the check runs on every keystroke with the same (read-only) list.
const namePatternCache = new WeakMap<readonly string[], RegExp[]>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function namePattern(name: string): RegExp | undefined {
  const trimmed = name.trim().normalize('NFC');
  if ([...trimmed.matchAll(/\p{L}/gu)].length < 2) return undefined;
  const base = escapeRegExp(trimmed).replace(/\s+/g, '\\s+');
  const last = trimmed.slice(-1).toLowerCase();
  const vowelFinal = 'aeiouyäöå'.includes(last);
  const forms = [`${base}(?:[:']?${vowelFinal ? '' : 'i?'}(?:${ENDINGS}${vowelFinal ? `|${last}n` : '|in'}))?`];
  const weak = /(kk|pp|tt)([aeiouyäö])$/iu.exec(trimmed);
  if (weak) forms.push(`${base.slice(0, -3)}${weak[1]?.[0] ?? ''}${weak[2] ?? ''}(?:${WEAK_ENDINGS})`);
  if (/nen$/iu.test(trimmed)) forms.push(`${base.slice(0, -3)}(?:se(?:${STEM_ENDINGS})|st[aä])`);
  if (/[aeiouyäö]s$/iu.test(trimmed)) forms.push(`${base}t[aä]|${base.slice(0, -1)}kse(?:${STEM_ENDINGS})`);
  return new RegExp(`${NOT_AFTER_WORD}(?:${forms.join('|')})${NOT_BEFORE_WORD}`, 'giu');
}

function namePatterns(names: readonly string[]): RegExp[] {
  let patterns = namePatternCache.get(names);
  if (!patterns) {
    patterns = names.map(namePattern).filter((p): p is RegExp => p !== undefined);
    namePatternCache.set(names, patterns);
  }
  return patterns;
}

// ---------------------------------------------------------------------------------------------

function candidates(text: string, names: readonly string[]): PersonalDataFlag[] {
  const found: PersonalDataFlag[] = [];
  const add = (kind: PersonalDataKind, start: number, length: number) =>
    found.push({ kind, start, end: start + length, text: text.slice(start, start + length) });

  for (const m of text.matchAll(IDENTITY_CODE)) {
    if (isIdentityCode(m[1] ?? '', m[2] ?? '', m[3] ?? '', m[4] ?? '')) add('identityCode', m.index, m[0].length);
  }
  for (const m of text.matchAll(PHONE)) {
    const length = phoneLength(m[0]);
    if (length !== undefined) add('phone', m.index, length);
  }
  for (const m of text.matchAll(EMAIL)) add('email', m.index, m[0].length);
  for (const m of text.matchAll(STREET_ADDRESS)) {
    if (!ROUTE.test(m[0])) add('streetAddress', m.index, m[0].length);
  }
  for (const pattern of namePatterns(names)) {
    for (const m of text.matchAll(pattern)) add('name', m.index, m[0].length);
  }
  return found;
}

/**
 * Flags what looks like personal data in `text`: sorted by start, never overlapping. Where two
 * detectors claim overlapping text the longer span wins (an e-mail address over the name inside
 * it), and at equal length the more specific kind (see `PERSONAL_DATA_KINDS`).
 */
export function findPersonalData(text: string, options: { names?: readonly string[] } = {}): PersonalDataFlag[] {
  const rank = (flag: PersonalDataFlag) => PERSONAL_DATA_KINDS.indexOf(flag.kind);
  const byPreference = candidates(text, options.names ?? []).sort(
    (a, b) => b.end - b.start - (a.end - a.start) || rank(a) - rank(b) || a.start - b.start,
  );
  const kept: PersonalDataFlag[] = [];
  for (const flag of byPreference) {
    if (kept.every((k) => flag.end <= k.start || flag.start >= k.end)) kept.push(flag);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Replaces each flagged span with `mark`. Any subset of flags may be passed, in any order (the
 * clerk redacts some and confirms the rest). A flag whose text no longer sits at its offsets —
 * the notes changed since the check — or that overlaps an earlier one is skipped rather than
 * cutting the wrong characters; run the check again on the result.
 */
export function redact(text: string, flags: readonly PersonalDataFlag[], mark: string = REDACTION_MARK): string {
  let result = '';
  let position = 0;
  for (const flag of [...flags].sort((a, b) => a.start - b.start)) {
    if (flag.start < position || text.slice(flag.start, flag.end) !== flag.text || flag.end <= flag.start) continue;
    result += text.slice(position, flag.start) + mark;
    position = flag.end;
  }
  return result + text.slice(position);
}
