/**
 * `npm run reminders`: runs the reminder job once for the demo municipality
 * (or MUNICIPALITY_IDS) against the local table (.data/) — what `npm start`'s
 * timer does every hour — sending through SMTP when SMTP_URL is set
 * (e.g. smtp://localhost:1025) and otherwise into the outbox that
 * administrators read in the app. With DYNAMODB_ENDPOINT set it uses that
 * DynamoDB instead of starting DynamoDB Local (stop `npm start` first, or
 * both would open the same files).
 */
import { resolve } from 'node:path';
import { configureData } from '../data/client';
import { ensureTable } from '../local/create-table';
import { type DynamoLocal, startDynamoLocal } from '../local/dynamo-local';
import { localBaseUrl, localMunicipalityIds, localSender } from '../local/reminder-timer';
import { runReminders } from './reminders';

const DATA_DIR = resolve(process.env.SILLAT_DATA_DIR ?? resolve(import.meta.dirname, '../../../.data'));
const TABLE_NAME = process.env.TABLE_NAME ?? 'sillat';

async function main(): Promise<void> {
  let dynamo: DynamoLocal | undefined;
  try {
    const municipalityIds = localMunicipalityIds();
    const { send, where } = localSender();
    let endpoint = process.env.DYNAMODB_ENDPOINT;
    if (!endpoint) {
      dynamo = await startDynamoLocal({ dataDir: resolve(DATA_DIR, 'dynamodb') });
      endpoint = dynamo.endpoint;
      await ensureTable(endpoint, TABLE_NAME); // a fresh data directory: an empty table, nothing to remind
    }
    configureData({ tableName: TABLE_NAME, endpoint, region: 'eu-north-1' });
    const result = await runReminders({
      now: new Date(),
      municipalityIds,
      send,
      baseUrl: localBaseUrl(Number(process.env.PORT ?? 3000)),
    });
    console.log(
      `Reminders: ${result.sent} mail(s) ${where}, ${result.reminders} reminder(s)` +
        (result.failed ? `, ${result.failed} mail(s) failed (kept pending for the next run)` : ''),
    );
    process.exitCode = result.failed ? 1 : 0;
  } catch (err) {
    console.error(`✖ ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await dynamo?.stop();
  }
}

void main();
