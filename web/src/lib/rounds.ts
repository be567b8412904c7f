import { ROUND_PHASES, type RoundPhase } from '@sillat/shared/round-phases';
import type { Round } from '@sillat/shared/schemas/rounds';
import { m } from '#lib/paraglide/messages.js';
import { currentLocale } from './i18n';
import type { RegistryItem } from './registries';

/** A round as the API answers it (type only: the schema module would ship zod). */
export type { Round, RoundPhase };
export { ROUND_PHASES };

/** The phases' names in the reader's language, in the method's order. */
export const PHASE_LABELS: Record<RoundPhase, () => string> = {
  planning: m.phase_planning,
  dataCollection: m.phase_data_collection,
  decisionSession: m.phase_decision_session,
  monitoring: m.phase_monitoring,
  closed: m.phase_closed,
};

export function phaseLabel(phase: RoundPhase): string {
  return PHASE_LABELS[phase]();
}

/** "1.9.2026–31.12.2026" in the reader's language; the dates are calendar days, so read as UTC. */
export function formatPeriod(period: { start: string; end: string }): string {
  const format = new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeZone: 'UTC' });
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  try {
    return format.formatRange(day(period.start), day(period.end));
  } catch {
    return `${period.start} – ${period.end}`;
  }
}

/** The fields a round form edits; names as the inputs hold them (empty = not given). */
export interface RoundFieldValues {
  name: { fi: string; sv: string; en: string };
  period: { start: string; end: string };
}

export function fieldValuesOf(round?: Round): RoundFieldValues {
  return {
    name: { fi: round?.name.fi ?? '', sv: round?.name.sv ?? '', en: round?.name.en ?? '' },
    period: { start: round?.period.start ?? '', end: round?.period.end ?? '' },
  };
}

/**
 * Checks the API would make too, worded in the reader's language before the
 * request: a period that ends before it starts.
 */
export function periodErrors(period: { start: string; end: string }): Record<string, string> {
  return period.start && period.end && period.end < period.start ? { 'period.end': m.round_period_order() } : {};
}

/**
 * The choices offered for a round's groups or organisations: the items in
 * use, plus any archived item the round already has (so saving keeps it).
 */
export function registryChoices(items: RegistryItem[], selected: readonly string[] = []): RegistryItem[] {
  return items.filter((i) => !i.archived || selected.includes(i.id));
}
