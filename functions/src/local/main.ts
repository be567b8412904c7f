/**
 * `npm start`: DynamoDB Local with data under .data/, the table, the demo
 * municipality, the API + web app on one port, and the reminder job on a timer
 * (reminder-timer.ts). Ctrl-C or SIGTERM stops it all, DynamoDB Local included.
 */
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { DynamoLocal } from './dynamo-local';
import { javaProblem } from './java';
import {
  type ReminderTimer,
  localBaseUrl,
  localMunicipalityIds,
  localSender,
  reminderIntervalMinutes,
  startReminderTimer,
} from './reminder-timer';

const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? '127.0.0.1';
const DATA_DIR = resolve(process.env.SILLAT_DATA_DIR ?? resolve(import.meta.dirname, '../../../.data'));
const TABLE_NAME = process.env.TABLE_NAME ?? 'sillat';
/** Set by `npm run dev`, where Vite serves the web app. */
const API_ONLY = process.env.SILLAT_API_ONLY === '1';
/** DynamoDB Local's port; any free one unless set (the bench sets it to measure the same database directly). */
const DYNAMODB_PORT = process.env.SILLAT_DYNAMODB_PORT ? Number(process.env.SILLAT_DYNAMODB_PORT) : undefined;

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
  if (DYNAMODB_PORT !== undefined && (!Number.isInteger(DYNAMODB_PORT) || DYNAMODB_PORT < 1 || DYNAMODB_PORT > 65535))
    fail(`SILLAT_DYNAMODB_PORT must be a port number, not "${process.env.SILLAT_DYNAMODB_PORT}".`);
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
    // DynamoDB Local, a JVM, takes seconds to answer: it starts first, and the
    // app's modules load while it does (this file imports them only here).
    const { startDynamoLocal } = await import('./dynamo-local');
    const starting = startDynamoLocal({ dataDir: resolve(DATA_DIR, 'dynamodb'), port: DYNAMODB_PORT });
    const [started, loaded] = await Promise.allSettled([starting, loadModules()]);
    if (started.status === 'fulfilled') dynamo = started.value;
    if (started.status === 'rejected') throw started.reason;
    if (loaded.status === 'rejected') throw loaded.reason;
    const m = loaded.value;
    const db = started.value;
    // If DynamoDB Local dies under us, say so and stop rather than serve 503s forever.
    db.process.once('exit', (code) => {
      if (!stopping) {
        console.error(`✖ DynamoDB Local stopped unexpectedly (exit ${code}).`);
        void stop(1);
      }
    });
    const [table] = await Promise.all([
      m.ensureTable(db.endpoint, TABLE_NAME),
      m.ensureLocalIdpTable(db.endpoint, m.localIdpTableName(TABLE_NAME)),
    ]);
    m.configureData({ tableName: TABLE_NAME, endpoint: db.endpoint, region: 'eu-north-1' });
    // A table made just now holds nothing written by an earlier version.
    if (table === 'exists') await m.migrateLocalData();
    // The API fetches the issuer's keys from this server, like it fetches Cognito's in AWS.
    const selfHost = HOST === '0.0.0.0' || HOST === '::' ? '127.0.0.1' : HOST;
    const [seeded, issuer] = await Promise.all([
      m.seedDemo(),
      m.setupLocalAuth({
        baseUrl: `http://${selfHost.includes(':') ? `[${selfHost}]` : selfHost}:${PORT}`,
        keyFile: resolve(DATA_DIR, 'local-issuer-key.json'),
      }),
    ]);
    const { serve, createLocalServer, runReminders, runRetention, DEMO_PASSWORD, DEMO_USERS } = m;

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

/** Everything but the start-up checks, loaded while DynamoDB Local starts. */
async function loadModules() {
  const [nodeServer, client, localStore, reminders, retention, auth, tables, demo, migrate, seed, server] =
    await Promise.all([
      import('@hono/node-server'),
      import('../data/client'),
      import('../identity/local-store'),
      import('../jobs/reminders'),
      import('../jobs/retention'),
      import('./auth'),
      import('./create-table'),
      import('./demo-data'),
      import('./migrate'),
      import('./seed'),
      import('./server'),
    ]);
  return {
    serve: nodeServer.serve,
    configureData: client.configureData,
    localIdpTableName: localStore.localIdpTableName,
    runReminders: reminders.runReminders,
    runRetention: retention.runRetention,
    setupLocalAuth: auth.setupLocalAuth,
    ensureTable: tables.ensureTable,
    ensureLocalIdpTable: tables.ensureLocalIdpTable,
    DEMO_PASSWORD: demo.DEMO_PASSWORD,
    DEMO_USERS: demo.DEMO_USERS,
    migrateLocalData: migrate.migrateLocalData,
    seedDemo: seed.seedDemo,
    createLocalServer: server.createLocalServer,
  };
}

void main();
