import nodemailer from 'nodemailer';
import { putOutboxMail } from '../data/outbox';
import type { Send } from './mail';

/**
 * Where the reminder job's mails go when not in AWS (the Lambda uses SES,
 * reminders-lambda.ts): an SMTP server named by a URL such as
 * smtp://user:pass@localhost:1025, or the municipality's outbox in the table,
 * which administrators read at GET /api/outbox.
 */
const DEFAULT_FROM = 'Sillat <sillat@localhost>';

/** Sends through SMTP; rejects when the server refuses, so the job keeps the reminders pending. */
export function smtpSender(url: string, from = process.env.MAIL_FROM ?? DEFAULT_FROM): Send {
  const transport = nodemailer.createTransport(url);
  return async (mail) => {
    await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  };
}

/** Keeps each mail as an outbox item of its municipality instead of sending it. */
export function outboxSender(now: () => Date = () => new Date()): Send {
  return async ({ municipalityId, to, subject, text, html, locale }) => {
    await putOutboxMail(
      municipalityId,
      { to, subject, text, html, ...(locale ? { locale } : {}) },
      now().toISOString(),
    );
  };
}
