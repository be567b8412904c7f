import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Send } from './mail';
import { runReminders } from './reminders';
import { runRetention } from './retention';

/**
 * The daily job in AWS, run by EventBridge Scheduler: reminders, then the
 * notes' retention (jobs/retention.ts). Environment:
 * - TABLE_NAME: the table (as for the API);
 * - MAIL_FROM: the verified SES sender, e.g. "Sillat <sillat@city.example>";
 * - MUNICIPALITY_IDS: comma-separated municipality ids to remind (the table
 *   has no index listing municipalities, and this job does not Scan); empty:
 *   the run does nothing and says so in the log;
 * - APP_URL: the site's address, for the links in the mails.
 * A failure throws, so the invocation fails and its on-failure destination
 * holds the event; reminders whose mail was not sent stay pending for the next run.
 */
function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`${name} is not set.`);
  return value;
}

const from = required('MAIL_FROM');
// Empty until the city lists its municipalities (sillat:municipalityIds): nothing to remind, not a failure.
const municipalityIds = (process.env.MUNICIPALITY_IDS ?? '')
  .split(',')
  .map((id) => id.trim())
  .filter(Boolean);
const baseUrl = required('APP_URL');
const ses = new SESv2Client({});

const sesSender: Send = async (mail) => {
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: [mail.to] },
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
        },
      },
    }),
  );
};

export const handler = async (): Promise<{ sent: number; failed: number; reminders: number }> => {
  if (!municipalityIds.length) {
    console.log(JSON.stringify({ level: 'warn', msg: 'reminders: MUNICIPALITY_IDS is empty; nothing to remind' }));
    return { sent: 0, failed: 0, reminders: 0 };
  }
  const now = new Date();
  const result = await runReminders({ now, municipalityIds, send: sesSender, baseUrl });
  console.log(JSON.stringify({ level: 'info', msg: 'reminders run', ...result }));
  // The daily run also applies the notes' retention period (jobs/retention.ts).
  const retention = await runRetention({ now, municipalityIds });
  console.log(JSON.stringify({ level: 'info', msg: 'retention run', ...retention }));
  if (result.failed > 0) throw new Error(`${result.failed} reminder mail(s) were not sent; they stay pending.`);
  return result;
};
