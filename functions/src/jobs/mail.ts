import type { Locale } from '@sillat/shared/locales';

/** One mail of the reminder job: a digest for one person, in their language. */
export interface Mail {
  municipalityId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The recipient's language (shown in the local outbox). */
  locale?: Locale;
}

/** Delivers one mail; rejects when it was not accepted (the job then keeps its reminders pending). */
export type Send = (mail: Mail) => Promise<void>;
