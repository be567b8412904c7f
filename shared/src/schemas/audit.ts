import * as z from 'zod';

/**
 * The audit trail as administrators read it. Entries are append-only; an
 * erased user's entries stay, naming them only by their pseudonymous id.
 */
export const AuditEntry = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    actorId: z.string(),
    actorRole: z.string(),
    municipalityId: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    /** Field names with their new values; personal data of staff appears only as "[personal data]". */
    changes: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

const day = z.iso.date({ message: 'Use a date like 2026-11-23.' });

export const AUDIT_PAGE_SIZE = 50;

export const AuditQuery = z
  .object({
    /** First day included (UTC). */
    from: day.optional(),
    /** Last day included (UTC). */
    to: day.optional(),
    actorId: z.string().max(128).optional(),
    targetType: z.string().max(64).optional(),
    targetId: z.string().max(128).optional(),
    /** A prefix: "district." matches every district action. */
    action: z.string().max(64).optional(),
    /** Opaque; from the previous page's `nextCursor`. */
    cursor: z.string().max(1024).optional(),
  })
  .strict()
  .refine((q) => !(q.from && q.to && q.from > q.to), { path: ['to'], message: 'Must not be before "from".' });

export const AuditPage = z
  .object({ items: z.array(AuditEntry), nextCursor: z.string().optional() })
  .meta({ id: 'AuditPage' });

export { PERSONAL_DATA_MARK } from '../personal-data';

export type AuditEntry = z.output<typeof AuditEntry>;
export type AuditQuery = z.output<typeof AuditQuery>;
