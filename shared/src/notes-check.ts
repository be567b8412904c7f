import { findPersonalData, type PersonalDataFlag } from './personal-data-check';

/**
 * Which personal-data flags in a session's notes still stand in the way of
 * delivery: those the clerk has neither redacted (then the check no longer
 * finds them) nor confirmed. The browser shows them as the clerk types; the
 * API runs the very same function before it accepts a delivery.
 */
export interface SectionFlag extends PersonalDataFlag {
  section: string;
}

export interface FlagConfirmation {
  section: string;
  kind: string;
  text: string;
}

export function unresolvedFlags(
  sections: Partial<Record<string, string>>,
  confirmations: readonly FlagConfirmation[],
  names: readonly string[] = [],
): SectionFlag[] {
  const confirmed = new Set(confirmations.map((c) => `${c.section}\u0000${c.kind}\u0000${c.text}`));
  return Object.entries(sections).flatMap(([section, text]) =>
    findPersonalData(text ?? '', { names })
      .filter((f) => !confirmed.has(`${section}\u0000${f.kind}\u0000${f.text}`))
      .map((f) => ({ ...f, section })),
  );
}
