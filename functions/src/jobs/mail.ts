/** One mail of the reminder job: a digest for one person, in their language. */
export interface Mail {
  municipalityId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Delivers one mail; rejects when it was not accepted (the job then keeps its reminders pending). */
export type Send = (mail: Mail) => Promise<void>;
