/**
 * `npm start`: DynamoDB Local with data under .data/, the table, the demo
 * municipality, the API + web app on one port, and the reminder job on a timer
 * (reminder-timer.ts). Ctrl-C or SIGTERM stops it all, DynamoDB Local included.
 */
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { configureData } from '../data/client';
import { localIdpTableName } from '../identity/local-store';
import { runReminders } from '../jobs/reminders';
import { setupLocalAuth } from './auth';
import { ensureLocalIdpTable, ensureTable } from './create-table';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-data';
import { type DynamoLocal, startDynamoLocal } from './dynamo-local';
import { javaProblem } from './java';
import {
  type ReminderTimer,
  localBaseUrl,
  localMunicipalityIds,
  localSender,
  reminderIntervalMinutes,
  startReminderTimer,
} from './reminder-timer';
import { runRetention } from '../jobs/retention';
import { migrateLocalData } from './migrate';
import { seedDemo } from './seed';
import { createLocalServer } from './server';

const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? '127.0.0.1';
const DATA_DIR = resolve(process.env.SILLAT_DATA_DIR ?? resolve(import.meta.dirname, '../../../.data'));
const TABLE_NAME = process.env.TABLE_NAME ?? 'sillat';
/** Set by `npm run dev`, where Vite serves the web app. */
const API_ONLY = process.env.SILLAT_API_ONLY === '1';

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

/** The reminder timer's settings, checked before anything starts so a typo is one clear line. */
function reminderSettings() {
  try {
    const intervalMinutes = reminderIntervalMinutes(process.env.SILLAT_REMINDER_INTERVAL_MINUTES);
    if (intervalMinutes === 0) return undefined;
    const municipalityIds = localMunicipalityIds();
    const { send, where } = localSender();
    return { intervalMinutes, municipalityIds, send, where, baseUrl: localBaseUrl(PORT) };
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
}

/** Checks the port before anything starts, so a clash is one clear line, not a stack trace. */
function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, host, () => probe.close(() => done(true)));
  });
}

async function main(): Promise<void> {
  if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535)
    fail(`PORT must be a port number, not "${process.env.PORT}".`);
  const java = javaProblem();
  if (java) fail(java);
  const reminders = reminderSettings();
  if (!(await portFree(PORT, HOST))) {
    fail(`Port ${PORT} is already in use. Stop whatever uses it, or start on another port: PORT=${PORT + 1} npm start`);
  }

  let dynamo: DynamoLocal | undefined;
  let timer: ReminderTimer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    timer?.stop();
    await dynamo?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));
  // If whatever started us (npm, a shell) goes away without passing a signal on,
  // we are re-parented: stop too, so no java process is left behind.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop(0);
  }, 1000).unref();

  try {
    dynamo = await startDynamoLocal({ dataDir: resolve(DATA_DIR, 'dynamodb') });
    // If DynamoDB Local dies under us, say so and stop rather than serve 503s forever.
    dynamo.process.once('exit', (code) => {
      if (!stopping) {
        console.error(`✖ DynamoDB Local stopped unexpectedly (exit ${code}).`);
        void stop(1);
      }
    });
    await ensureTable(dynamo.endpoint, TABLE_NAME);
    await ensureLocalIdpTable(dynamo.endpoint, localIdpTableName(TABLE_NAME));
    configureData({ tableName: TABLE_NAME, endpoint: dynamo.endpoint, region: 'eu-north-1' });
    await migrateLocalData();
    const seeded = await seedDemo();
    // The API fetches the issuer's keys from this server, like it fetches Cognito's in AWS.
    const selfHost = HOST === '0.0.0.0' || HOST === '::' ? '127.0.0.1' : HOST;
    const issuer = await setupLocalAuth({
      baseUrl: `http://${selfHost.includes(':') ? `[${selfHost}]` : selfHost}:${PORT}`,
      keyFile: resolve(DATA_DIR, 'local-issuer-key.json'),
    });

    const server = createLocalServer(issuer, API_ONLY ? null : undefined);
    const http = serve({ fetch: server.fetch, port: PORT, hostname: HOST });
    http.once('error', (err) => {
      console.error(`✖ Could not listen on ${HOST}:${PORT}: ${err.message}`);
      void stop(1);
    });
    http.once('listening', () => {
      console.log(`Sillat ${API_ONLY ? 'API ' : ''}is running at http://localhost:${PORT}`);
      console.log(`  data: ${DATA_DIR} (${seeded === 'seeded' ? 'demo municipality seeded' : 'existing data kept'})`);
      console.log(`  API docs: http://localhost:${PORT}/api-docs · health: http://localhost:${PORT}/api/health`);
      console.log(`  Demo sign-ins (password ${DEMO_PASSWORD} for all):`);
      for (const u of DEMO_USERS) console.log(`    ${u.input.role.padEnd(18)} ${u.input.email}`);
      console.log(
        reminders
          ? `  Reminders: every ${reminders.intervalMinutes} min ${reminders.where}`
          : '  Reminders: timer off (SILLAT_REMINDER_INTERVAL_MINUTES=0)',
      );
      console.log('  Press Ctrl-C to stop.');
      if (reminders && !stopping) {
        const { municipalityIds, send, baseUrl } = reminders;
        timer = startReminderTimer({
          intervalMinutes: reminders.intervalMinutes,
          where: reminders.where,
          run: async () => {
            const now = new Date();
            const result = await runReminders({ now, municipalityIds, send, baseUrl });
            // Notes past their retention period go with the same daily work, as in AWS.
            const { deleted } = await runRetention({ now, municipalityIds });
            if (deleted)
              console.log(`Retention: ${deleted} session notes deleted (their round closed long enough ago).`);
            return result;
          },
        });
      }
    });
  } catch (err) {
    console.error(`✖ ${err instanceof Error ? err.message : String(err)}`);
    await stop(1);
  }
}

void main();
