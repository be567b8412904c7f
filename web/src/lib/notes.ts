import type { ConfirmedFlag, Notes, NoteStatus } from '@sillat/shared/schemas/notes';
import type { PersonalDataKind } from '@sillat/shared/personal-data-check';
import { m } from '#lib/paraglide/messages.js';
import { ASPECTS, aspectLabel, type Aspect } from './sessions';

/** Notes as the API answers them (type only: the schema module would ship zod). */
export type { ConfirmedFlag, Notes, NoteStatus };

/** Mirrors NOTE_SECTIONS in shared/src/schemas/notes.ts: the four aspects, then "other". */
export const NOTE_SECTIONS = [...ASPECTS, 'other'] as const;
export type NoteSection = Aspect | 'other';

/** Mirrors MAX_SECTION_LENGTH in shared/src/schemas/notes.ts. */
export const MAX_SECTION_LENGTH = 20_000;

export function sectionLabel(section: string): string {
  return section === 'other' ? m.notes_section_other() : aspectLabel(section as Aspect);
}

const KIND_LABELS: Record<PersonalDataKind, () => string> = {
  identityCode: m.pd_identity_code,
  phone: m.pd_phone,
  email: m.pd_email,
  streetAddress: m.pd_street_address,
  name: m.pd_name,
};

export function kindLabel(kind: string): string {
  return Object.hasOwn(KIND_LABELS, kind) ? KIND_LABELS[kind as PersonalDataKind]() : kind;
}

export const NOTE_STATUS_LABELS: Record<NoteStatus, () => string> = {
  draft: m.notes_status_draft,
  delivered: m.notes_status_delivered,
  approved: m.notes_status_approved,
  returned: m.notes_status_returned,
};

/**
 * A draft not yet accepted by the server, kept on this device so a lost
 * connection or a reload loses nothing. `version` is the server version the
 * draft was based on (sent back as If-Match when it is finally saved).
 */
export interface LocalDraft {
  language: 'fi' | 'sv';
  sections: Record<string, string>;
  confirmations: ConfirmedFlag[];
  version: number;
  /** True while the text has changes the server has not accepted. */
  unsent: boolean;
}

const key = (sessionId: string) => `sillat.notes.${sessionId}`;

export const localDraft = {
  read(sessionId: string): LocalDraft | undefined {
    try {
      const raw = localStorage.getItem(key(sessionId));
      if (!raw) return undefined;
      const value: unknown = JSON.parse(raw);
      if (typeof value !== 'object' || value === null) return undefined;
      const d = value as Partial<LocalDraft>;
      if ((d.language !== 'fi' && d.language !== 'sv') || typeof d.version !== 'number') return undefined;
      if (typeof d.sections !== 'object' || d.sections === null) return undefined;
      const sections = Object.fromEntries(
        Object.entries(d.sections).filter(
          ([s, t]) => (NOTE_SECTIONS as readonly string[]).includes(s) && typeof t === 'string',
        ),
      ) as Record<string, string>;
      const confirmations = Array.isArray(d.confirmations) ? d.confirmations : [];
      return { language: d.language, sections, confirmations, version: d.version, unsent: d.unsent === true };
    } catch {
      return undefined;
    }
  },
  write(sessionId: string, draft: LocalDraft): void {
    try {
      localStorage.setItem(key(sessionId), JSON.stringify(draft));
    } catch {
      // Storage full or disabled: the server copy is all there is; saving still works online.
    }
  },
  clear(sessionId: string): void {
    try {
      localStorage.removeItem(key(sessionId));
    } catch {
      // Nothing to clear.
    }
  },
};
