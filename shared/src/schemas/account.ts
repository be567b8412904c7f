import * as z from 'zod';

/**
 * What a signed-in person sets for themselves on "My account": which mails
 * they get, and their private calendar feed of checkpoints (issue 6).
 */

/**
 * Which mails the reminder job sends this person: digests of their own
 * checkpoints and notes deadlines, and (for coordinators) word of measures
 * long overdue. Both are on until the person turns them off.
 */
export const NotificationSettings = z
  .object({
    reminders: z.boolean({ message: 'Give true or false.' }),
    escalations: z.boolean({ message: 'Give true or false.' }),
  })
  .strict()
  .meta({ id: 'NotificationSettings' });

export const DEFAULT_NOTIFICATIONS: NotificationSettings = { reminders: true, escalations: true };

/**
 * A new calendar feed address. The secret in it is shown this once: only its
 * hash is stored, so a lost link is replaced, never recovered.
 */
export const CalendarFeedLink = z
  .object({ url: z.url().meta({ description: 'The private feed address; subscribe to it in a calendar app' }) })
  .meta({ id: 'CalendarFeedLink' });

export type NotificationSettings = z.output<typeof NotificationSettings>;
export type CalendarFeedLink = z.output<typeof CalendarFeedLink>;
