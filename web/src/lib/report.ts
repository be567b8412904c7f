import type { CouncilReport } from '@sillat/shared/schemas/report';
import { m } from '#lib/paraglide/messages.js';
import { currentLocale } from './i18n';

/**
 * The council report of a round as the API answers it
 * (GET /api/rounds/{roundId}/report; shared/src/schemas/report.ts — type only,
 * the schema module would ship zod) and how its figures read: numbers per the
 * reader's locale, hidden figures as "–".
 */
export type { CouncilReport };
export type ChangeKind = CouncilReport['aspects'][number]['change']['kind'];

/** What a hidden figure prints as; a footnote says why. */
export const HIDDEN = '–';

const formats = new Map<string, Intl.NumberFormat>();
function format(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${currentLocale()}:${key}`;
  let f = formats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(currentLocale(), options);
    formats.set(id, f);
  }
  return f;
}

/** A whole count ("1 234"), or "–" when hidden. */
export function count(n: number | null): string {
  return n === null ? HIDDEN : format('int', { maximumFractionDigits: 0 }).format(n);
}

/** A mean on the 1–5 scale with one decimal ("3,4"), or "–". */
export function mean(x: number | null): string {
  return x === null ? HIDDEN : format('mean', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
}

/** A share as a whole percentage ("42 %"), or "–". */
export function percent(x: number | null): string {
  return x === null ? HIDDEN : format('pct', { style: 'percent', maximumFractionDigits: 0 }).format(x);
}

/** A mean with its interval: "3,4 (3,1–3,7)", or "–". */
export function meanWithCi(x: number | null, ci: readonly [number, number] | null): string {
  if (x === null) return HIDDEN;
  return ci ? `${mean(x)} (${mean(ci[0])}–${mean(ci[1])})` : mean(x);
}

export function changeLabel(kind: ChangeKind): string {
  switch (kind) {
    case 'improved':
      return m.rep_change_improved();
    case 'worsened':
      return m.rep_change_worsened();
    case 'noClearChange':
      return m.rep_change_no_clear();
    default:
      return m.rep_change_not_comparable();
  }
}

/** A calendar day ("2026-09-01") in the reader's language; read as UTC so it never shifts. */
export function day(iso: string): string {
  try {
    return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  } catch {
    return iso;
  }
}

/** Whether any figure about people in a section is hidden (then the section prints the footnote). */
export function hiddenIn(report: CouncilReport): Record<'summary' | 'aspects' | 'groups' | 'comparison', boolean> {
  const s = report.summary;
  return {
    summary:
      s.participants === null ||
      (s.survey.status === 'closed' &&
        (s.survey.respondents === null || s.survey.changedUnderstanding?.share === null)),
    aspects: report.aspects.some(
      (a) => a.rating.n === null || a.rating.mean === null || (a.rating.n !== 0 && a.rating.shareHigh === null),
    ),
    groups: report.groups.some((g) => g.participants === null || g.means.some((x) => x.mean === null)),
    comparison: report.comparison.some(
      (c) => c.consulted === 'both' && c.aspects.some((a) => a.mean === null || a.previousMean === null),
    ),
  };
}

/** Counts of the comparison's group × aspect changes, for its one-sentence summary. */
export function changeCounts(report: CouncilReport): Record<ChangeKind, number> {
  const out: Record<ChangeKind, number> = { improved: 0, worsened: 0, noClearChange: 0, notComparable: 0 };
  for (const c of report.comparison) for (const a of c.aspects) out[a.change.kind]++;
  return out;
}
