import {
  findPersonalData,
  PERSONAL_DATA_KINDS,
  redact,
  REDACTION_MARK,
  type PersonalDataFlag,
  type PersonalDataKind,
} from '@sillat/shared/personal-data-check';
import { describe, expect, it } from 'vitest';

/** The check character computed from the published rule, independently of the module under test. */
function checkCharacter(ddmmyy: string, individual: string): string {
  return '0123456789ABCDEFHJKLMNPRSTUVWXY'.charAt(Number(ddmmyy + individual) % 31);
}
function identityCode(ddmmyy: string, sign: string, individual: string): string {
  return `${ddmmyy}${sign}${individual}${checkCharacter(ddmmyy, individual)}`;
}
/** A different but valid-looking check character: the right one shifted by one place. */
function wrongCheckCharacter(ddmmyy: string, individual: string): string {
  const alphabet = '0123456789ABCDEFHJKLMNPRSTUVWXY';
  return alphabet.charAt((alphabet.indexOf(checkCharacter(ddmmyy, individual)) + 1) % 31);
}

/** Flags as [kind, text] pairs, after checking every flag's offsets point at its text. */
function flagsOf(text: string, names?: readonly string[]): [PersonalDataKind, string][] {
  const flags = findPersonalData(text, names ? { names } : undefined);
  for (const flag of flags) expect(text.slice(flag.start, flag.end)).toBe(flag.text);
  return flags.map((f) => [f.kind, f.text]);
}

describe('identity codes', () => {
  it.each(['131052-308T', '311280-888Y', '280264-051U', '010594Y9021', '010594Y9032'])(
    'flags the well-known valid code %s at its exact offsets',
    (code) => {
      const text = `Osallistuja (${code}) kertoi asuneensa alueella pitkään.`;
      expect(findPersonalData(text)).toEqual([{ kind: 'identityCode', start: 13, end: 13 + code.length, text: code }]);
    },
  );

  it.each([
    ['+', '010190'],
    ['-', '150385'],
    ['U', '150385'],
    ['V', '150385'],
    ['W', '150385'],
    ['X', '150385'],
    ['Y', '150385'],
    ['A', '290200'], // 29 February 2000: a leap year
    ['B', '070611'],
    ['C', '311224'],
    ['D', '010103'],
    ['E', '121215'],
    ['F', '300422'],
  ])('accepts century sign %s (date %s) with a computed check character', (sign, date) => {
    const code = identityCode(date, sign, '247');
    expect(flagsOf(`Deltagaren ${code} berättade om biblioteket.`)).toEqual([['identityCode', code]]);
  });

  it('accepts a temporary individual number and a check character that is a digit', () => {
    const temporary = identityCode('010203', 'A', '987');
    const digitCheck = identityCode('010594', 'Y', '902');
    expect(digitCheck).toBe('010594Y9021');
    expect(flagsOf(`${temporary}; ${digitCheck}`)).toEqual([
      ['identityCode', temporary],
      ['identityCode', digitCheck],
    ]);
  });

  it('does not flag a code with a wrong check character', () => {
    expect(flagsOf('Osallistuja (131052-308U) kertoi')).toEqual([]);
    const wrong = `150385-247${wrongCheckCharacter('150385', '247')}`;
    expect(flagsOf(`Tunnus ${wrong} on virheellinen.`)).toEqual([]);
  });

  it.each([
    ['310224', 'A'], // 31 February
    ['290200', '-'], // 29 February 1900: not a leap year
    ['001052', '-'], // day 0
    ['131352', '-'], // month 13
    ['320185', 'B'], // day 32
  ])('does not flag the impossible date %s even with a matching check character', (date, sign) => {
    expect(flagsOf(`Koodi ${identityCode(date, sign, '308')} kirjattiin.`)).toEqual([]);
  });

  it('does not flag lower-case signs or check characters, unknown signs, or codes inside longer tokens', () => {
    expect(flagsOf('131052-308t')).toEqual([]);
    expect(flagsOf(`${identityCode('010105', 'a', '123')}`)).toEqual([]);
    expect(flagsOf(`${identityCode('010105', 'G', '123')}`)).toEqual([]);
    expect(flagsOf('X131052-308T 9131052-308T 131052-308T5')).toEqual([]);
  });

  it('keeps an identity code starting with 0 whole instead of reading it as a phone number', () => {
    const code = identityCode('010190', '-', '123');
    expect(flagsOf(`Hetu ${code}, kysyi lisää.`)).toEqual([['identityCode', code]]);
  });
});

describe('phone numbers', () => {
  it.each([
    '+358 40 123 4567',
    '040 123 4567',
    '040-1234567',
    '09 310 1234',
    '(09) 310 1234',
    '+358 9 310 1234',
    '0401234567',
    '+358401234567',
    '+358 (0)40 123 4567',
    '050-123 45 67',
    '0400 123 456',
    '+46 8 123 456 78',
    '+44 20 7946 0958',
    '+1 (555) 123-4567',
  ])('flags %s exactly', (phone) => {
    const text = `Hän sanoi: soita numeroon ${phone}, jos jotain sattuu.`;
    expect(findPersonalData(text)).toEqual([{ kind: 'phone', start: 26, end: 26 + phone.length, text: phone }]);
  });

  it('flags numbers in Swedish notes and at the very start and end of the text', () => {
    expect(flagsOf('Ring mig på 040 123 4567')).toEqual([['phone', '040 123 4567']]);
    expect(flagsOf('0401234567 är hennes nummer. Eller tel:+46701234567.')).toEqual([
      ['phone', '0401234567'],
      ['phone', '+46701234567'],
    ]);
  });

  it('takes in a short trailing group that could belong to the number, but drops one that makes it too long', () => {
    expect(flagsOf('puh. 040 123 4567 12 kertaa')).toEqual([['phone', '040 123 4567 12']]);
    expect(flagsOf('puh. 040 123 4567 2024 lähtien')).toEqual([['phone', '040 123 4567']]);
  });

  it.each([
    'Tapaaminen oli 12.03.2024 kirjastossa.',
    'Seuraava kerta 1.1.2025 klo 09.30–11.00.',
    'Päivämäärä 2024-03-12 ja 2024-03-12T09:30.',
    'vuonna 2024 oli 15 osallistujaa',
    '12 osallistujaa, 3 poissa, 0 perui.',
    'Lipun hinta oli 0,50 € ja vuosikortti 1 000 000 000 euroa budjetissa.',
    'Postinumero 00100 Helsinki, FI-00100.',
    'Nummer 040 123 är för kort.',
    'Kortin numero 1040 123 4567 ja tili 123 040 1234.',
    'Mötet 03/12/2024 kl. 08:00, rum 0 1 2 3 4 5 6.',
    'Budjetti kasvoi +12 345 678 € ja kävijät +5 %; anslaget +12 345 678 kronor.',
    'Diaarinumero HEL 2024-001234, ärende 2024/0123456.',
  ])('flags nothing in %j', (text) => {
    expect(flagsOf(text)).toEqual([]);
  });
});

describe('e-mail addresses', () => {
  it('flags addresses with dots, plus tags, hyphens and Scandinavian letters, without trailing punctuation', () => {
    expect(
      flagsOf('Yhteys: matti.meikalainen@example.fi. Toinen: anna-liisa+muistiot@kunta.fi, sekä åsa@förening.ax'),
    ).toEqual([
      ['email', 'matti.meikalainen@example.fi'],
      ['email', 'anna-liisa+muistiot@kunta.fi'],
      ['email', 'åsa@förening.ax'],
    ]);
  });

  it('flags the (at) and [at] spellings', () => {
    expect(flagsOf('Skriv till erik (at) example.se eller erik[at]example.se')).toEqual([
      ['email', 'erik (at) example.se'],
      ['email', 'erik[at]example.se'],
    ]);
  });

  it('does not flag an @ that is not an address', () => {
    expect(flagsOf('Tavattiin @kirjasto, ja some-kanava @nuoret_hki mainittiin.')).toEqual([]);
  });
});

describe('street addresses', () => {
  it.each([
    ['Hän asuu osoitteessa Mannerheimintie 5 A 12, Helsinki.', 'Mannerheimintie 5 A 12'],
    ['Asunto on Itäkatu 3 b:ssä.', 'Itäkatu 3 b'],
    ['Hon bor på Stora Robertsgatan 2 i Helsingfors.', 'Stora Robertsgatan 2'],
    ['Hon bor på Tavastvägen 14 B 7.', 'Tavastvägen 14 B 7'],
    ['Perhe asuu Hämeentiellä 12.', 'Hämeentiellä 12'],
    ['Osoite on Sörnäisten rantatie 25 as. 4.', 'Sörnäisten rantatie 25 as. 4'],
    ['Iso Roobertinkatu 3–5 on hänen kotinsa.', 'Iso Roobertinkatu 3–5'],
    ['Han bor på Kyrkans gata 4.', 'Kyrkans gata 4'],
    ['Kotiosoite Kalliolanrinne 7.', 'Kalliolanrinne 7'],
    ['Han bor vid Sandvikskajen 10.', 'Sandvikskajen 10'],
  ])('flags the address in %j', (text, address) => {
    expect(flagsOf(text)).toEqual([['streetAddress', address]]);
  });

  it.each([
    'Itäkatu on meluisa iltaisin.',
    'Nuoret kokoontuvat Kauppatorilla klo 12.',
    'Tapasimme Kauppatori 12.30 jälkeen.',
    'Valtatie 4 on ruuhkainen, samoin Riksväg 25.',
    'Handlingsplan 2 godkändes, liksom våningsplan 3.',
    'Kauppatori 2024 -tapahtuma oli suosittu.',
    'tie 5 kilometriä pitkä',
  ])('flags nothing in %j', (text) => {
    expect(flagsOf(text)).toEqual([]);
  });
});

describe('names from the list', () => {
  const names = ['Mikko', 'Virtanen', 'Jääskeläinen', 'Åsa Öberg', 'Ahmed', 'Anna', 'Tuomas', 'Antti'];

  it('matches whole words in any letter case, with Scandinavian letters', () => {
    expect(flagsOf('JÄÄSKELÄINEN ja jääskeläinen; Åsa Öberg och åsa  öberg.', names)).toEqual([
      ['name', 'JÄÄSKELÄINEN'],
      ['name', 'jääskeläinen'],
      ['name', 'Åsa Öberg'],
      ['name', 'åsa  öberg'],
    ]);
  });

  it.each([
    ['Mikon', 'Mikolle', 'Mikkoa', 'Mikkoon', 'Mikolta'],
    ['Virtasen', 'Virtaselle', 'Virtasta', 'Virtaseen'],
    ['Jääskeläisen', 'Jääskeläistä'],
    ['Ahmedin', 'Ahmedille', 'Ahmedia', 'Ahmed:n', 'Ahmeds'],
    ['Annan', 'Annalle', 'Annaa', 'Annaan', 'Annas'],
    ['Tuomaksen', 'Tuomakselle', 'Tuomasta'],
    ['Antin', 'Antille', 'Anttia'],
    ['Åsa Öbergs', 'Åsa Öbergin'],
  ])('matches the inflected forms %s…', (...forms) => {
    const text = forms.join(', ') + '.';
    expect(flagsOf(text, names)).toEqual(forms.map((form) => ['name', form]));
  });

  it('does not match inside other words or names', () => {
    expect(flagsOf('Hanna, Annankatu, Mikkola, Virtaniemi, Ahmedov, Tuomasmäki, Mikkoja', names)).toEqual([]);
  });

  it('ignores blank and one-letter entries, and regular-expression characters are literal', () => {
    expect(flagsOf('A. B. kävi ja a+b ja (x)', ['', '  ', 'A', 'a+b', '(x)'])).toEqual([['name', 'a+b']]);
  });

  it('flags no names when no list is given', () => {
    expect(flagsOf('Mikko ja Anna tulivat.')).toEqual([]);
  });
});

describe('overlaps', () => {
  it('keeps an e-mail address over the listed names inside it', () => {
    expect(flagsOf('Mikko Virtanen, mikko.virtanen@example.fi', ['Mikko', 'Virtanen'])).toEqual([
      ['name', 'Mikko'],
      ['name', 'Virtanen'],
      ['email', 'mikko.virtanen@example.fi'],
    ]);
  });

  it('keeps the longer of two listed names that overlap', () => {
    expect(flagsOf('Anna-Liisa tuli, Anna ei.', ['Anna', 'Anna-Liisa'])).toEqual([
      ['name', 'Anna-Liisa'],
      ['name', 'Anna'],
    ]);
  });

  it('keeps a street address over a listed name that is part of it', () => {
    expect(flagsOf('Hon bor på Sofiagatan 3 B.', ['Sofiagatan'])).toEqual([['streetAddress', 'Sofiagatan 3 B']]);
  });

  it('returns flags sorted by start and never overlapping in a full note', () => {
    const code = identityCode('241199', '-', '123');
    const note =
      `Asenteet: Anna (hetu ${code}) kertoi, että naapuri Virtanen, puh. 040-1234567, asuu ` +
      `Itäkatu 3 B 12:ssa. Hänelle voi kirjoittaa osoitteeseen anna.virtanen@example.fi. ` +
      `Trygghet: Åsa sade att hon ringer +358 9 310 1234 om något händer på Tavastvägen 7.`;
    expect(flagsOf(note, ['Anna', 'Virtanen', 'Åsa'])).toEqual([
      ['name', 'Anna'],
      ['identityCode', code],
      ['name', 'Virtanen'],
      ['phone', '040-1234567'],
      ['streetAddress', 'Itäkatu 3 B 12'],
      ['email', 'anna.virtanen@example.fi'],
      ['name', 'Åsa'],
      ['phone', '+358 9 310 1234'],
      ['streetAddress', 'Tavastvägen 7'],
    ]);
    const flags = findPersonalData(note, { names: ['Anna', 'Virtanen', 'Åsa'] });
    for (let i = 1; i < flags.length; i++) expect(flags[i]!.start).toBeGreaterThanOrEqual(flags[i - 1]!.end);
  });
});

describe('redact', () => {
  const text = 'Mikko (131052-308T) soitti numerosta 040 123 4567.';

  it('replaces every flagged span with the mark, leaving nothing for the check to find', () => {
    const flags = findPersonalData(text, { names: ['Mikko'] });
    const redacted = redact(text, flags);
    expect(redacted).toBe(`${REDACTION_MARK} (${REDACTION_MARK}) soitti numerosta ${REDACTION_MARK}.`);
    expect(findPersonalData(redacted, { names: ['Mikko'] })).toEqual([]);
  });

  it('redacts only the flags passed, in any order, with a chosen mark', () => {
    const [name, code, phone] = findPersonalData(text, { names: ['Mikko'] }) as [
      PersonalDataFlag,
      PersonalDataFlag,
      PersonalDataFlag,
    ];
    expect(redact(text, [phone, code], '***')).toBe('Mikko (***) soitti numerosta ***.');
    expect(redact(text, [name])).toBe(`${REDACTION_MARK} (131052-308T) soitti numerosta 040 123 4567.`);
  });

  it('skips flags whose text is no longer at their offsets, and overlapping flags', () => {
    const flags = findPersonalData(text);
    const edited = `Hei! ${text}`;
    expect(redact(edited, flags)).toBe(edited);
    const code = flags[0]!;
    const overlapping = { ...code, start: code.start + 2, text: text.slice(code.start + 2, code.end) };
    expect(redact(text, [overlapping, code])).toBe(`Mikko (${REDACTION_MARK}) soitti numerosta 040 123 4567.`);
  });
});

// Speed is measured in bench/, not asserted here; this checks the results on long and hostile input
// (catastrophic backtracking would also show up as the test runner's timeout).
it('handles a long note and input built to make regular expressions backtrack', () => {
  const note = 'Asenteet: Anna kertoi, että Virtanen (040-1234567) asuu Itäkatu 3 B 12:ssa, 12.3.2024. '.repeat(250);
  const hostile = ['+' + '1'.repeat(5000) + 'x ', '0 '.repeat(3000), 'Ä'.repeat(5000) + 'katu ', 'a@'.repeat(3000)];
  const names = Array.from({ length: 50 }, (_, i) => `Nimi${i}`);
  expect(findPersonalData(note, { names: [...names, 'Anna', 'Virtanen'] })).toHaveLength(1000);
  for (const text of hostile) expect(findPersonalData(text, { names })).toEqual([]);
});

it('lists the five kinds, most specific first', () => {
  expect(PERSONAL_DATA_KINDS).toEqual(['identityCode', 'phone', 'email', 'streetAddress', 'name']);
});
