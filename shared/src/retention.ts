/**
 * Days the discussion notes of a closed round are kept before the retention
 * job (functions/src/jobs/retention.ts) deletes them; the experience cards
 * drawn from them stay. A year by default: time to check the cards and answer
 * questions about them. Each municipality may choose within the bounds.
 * Zod-free, so the settings page shares the numbers.
 */
export const DEFAULT_NOTES_RETENTION_DAYS = 365;
export const MIN_NOTES_RETENTION_DAYS = 30;
export const MAX_NOTES_RETENTION_DAYS = 3650;
