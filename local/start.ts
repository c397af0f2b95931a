/**
 * `npm start`: the whole platform on this machine. DynamoDB Local (data in
 * .local/), the tables and seed units, and the gateway on PORT serving the
 * route table with the handlers Lambda runs. The first start (no .local/
 * yet) loads a demo week; `npm start -- --fresh` starts with empty tables.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { assertJava, ensureTables, startDynamoLocal, type DynamoLocal } from './dynamoLocal.ts';
import { createGateway } from './gateway.ts';
import type { S3Event } from 'aws-lambda';
import { lambdaContext } from './lambdaContext.ts';
import { localPaths, localSecret } from './paths.ts';
import { startS3Local, type S3Local } from './s3Local.ts';
import { startScheduler } from './scheduler.ts';
import { DEMO_PASSWORD, demoAccounts } from './demoAccounts.ts';
import { signingKey, tokenVerifier } from './tokens.ts';
import { CONSOLE_CLIENT_ID } from '../shared/domain/accounts.ts';
import { buildWebApps } from './webApps.ts';
import { contentSecurityPolicy, STATIC_HEADERS } from '../shared/web/securityHeaders.ts';

const { values } = parseArgs({ options: { fresh: { type: 'boolean', default: false } } });
const port = Number(process.env['PORT'] ?? 3000);
/** The local OpenID provider's own origin, as Cognito's domain is not the API's. */
const oidcPort = Number(process.env['OIDC_PORT'] ?? port + 1);
const scheduleSeconds = Number(process.env['LOCAL_SCHEDULE_SECONDS'] ?? 60);
const paths = localPaths();
/** No `.local/` yet: a newcomer's first start, which finds a district's week already at work. */
const firstStart = !existsSync(paths.root);
const tables = {
  table: 'xinhua-main',
  auditTable: 'xinhua-audit',
  directoryTable: 'xinhua-directory',
};
const bucket = 'xinhua-photos';
const digestBucket = 'xinhua-audit-digests';

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

try {
  assertJava();
} catch (error) {
  fail((error as Error).message);
}

if (values.fresh) {
  rmSync(paths.dynamodb, { recursive: true, force: true });
  rmSync(paths.s3, { recursive: true, force: true });
}
mkdirSync(paths.dynamodb, { recursive: true });
// Node 20 here, nodejs22.x on Lambda: the SDK's notice about Node 20 says nothing to a local run.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
/** A name for the SDK's clients: nothing local is in a region (and no AWS region is pretended). */
const LOCAL_REGION = 'local';

let dynamo: DynamoLocal | undefined;
let s3: S3Local | undefined;
let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    stopScheduler?.();
    server?.close();
    oidcServer?.close();
    await Promise.all([dynamo?.stop(), s3?.stop()]);
    console.log('stopped');
  }
  process.exit(code);
}
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

let server: ReturnType<typeof createGateway> | undefined;
let oidcServer: Server | undefined;

/** Listens on 127.0.0.1; a port in use is an error that names it. */
async function listen(target: Server, on: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    target.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${on} is in use; set PORT (and OIDC_PORT) to another port`)
          : error,
      );
    });
    target.listen(on, '127.0.0.1', resolve);
  });
}
let stopScheduler: (() => void) | undefined;
try {
  dynamo = await startDynamoLocal({ dataDir: paths.dynamodb });
  await ensureTables(dynamo.endpoint, tables);
  // Uploads are checked by the same function S3 notifies in AWS; it is loaded below, once the environment is set.
  let onUpload: (event: S3Event) => Promise<unknown> = () => Promise.resolve(undefined);
  s3 = await startS3Local({
    dir: paths.s3,
    buckets: [bucket, digestBucket],
    onUpload: (event) => onUpload(event),
    onError: (error) => {
      console.error(`uploads check failed: ${String(error)}`);
    },
  });
  Object.assign(process.env, {
    POWERTOOLS_LOG_LEVEL: process.env['POWERTOOLS_LOG_LEVEL'] ?? 'WARN',
    POWERTOOLS_DEV: 'true',
  });
  const { localPlatform } = await import('./localPlatform.ts');
  const settings = {
    dynamoEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    region: LOCAL_REGION,
    tables,
    buckets: { uploads: bucket, digests: digestBucket },
    files: {
      smsOutbox: paths.smsOutbox,
      mailOutbox: paths.mailOutbox,
      sealKey: paths.sealKey,
      digestKey: paths.digestKey,
    },
    phoneCodeKey: localSecret(paths.phoneCodeKey),
    perClientLimitScale: Number(process.env['PER_CLIENT_LIMIT_SCALE'] ?? 1),
  };
  const platform = localPlatform(settings);
  const { seedUnits } = await import('../shared/store/units.ts');
  const { SEED_UNITS } = await import('../shared/seed/units.ts');
  const { seedCategories } = await import('../shared/store/reportCategories.ts');
  const { SEED_CATEGORIES } = await import('../shared/seed/reportCategories.ts');
  const seeded = await seedUnits(platform.store, SEED_UNITS);
  await seedCategories(platform.store, SEED_CATEGORIES);
  const { uploads } = await import('../functions/uploads/handler.ts');
  const checkUploads = uploads(platform);
  onUpload = (event) => checkUploads(event, lambdaContext('uploads'));
  const { API_FUNCTIONS } = await import('../functions/apiFunctions.ts');
  const { serve } = await import('../shared/http/apiHandler.ts');
  const handlers = Object.fromEntries(
    Object.entries(API_FUNCTIONS).map(([name, routes]) => [name, serve(routes, platform)]),
  ) as Record<keyof typeof API_FUNCTIONS, ReturnType<typeof serve>>;

  // Sign-in: the table directory with its demo accounts, and the OpenID provider on its own port.
  const { hashPassword } = await import('../shared/store/directory.ts');
  const directory = platform.directory;
  // One hash for all demo accounts: they share a published password anyway.
  const demoHash = await hashPassword(DEMO_PASSWORD);
  const demo = demoAccounts(SEED_UNITS);
  await directory.seed(demo.map((account) => ({ ...account, passwordHash: demoHash })));
  // Loaded only now: oidc-provider warns on Node 20 when imported, and a missing Java must be the only line.
  const { createLocalOidc } = await import('./oidc.ts');
  const { appendAudit } = await import('../shared/store/audit.ts');
  // The console is served by the gateway: its origin is the API's.
  const consoleOrigin = `http://127.0.0.1:${port}`;
  const consoleOrigins = [consoleOrigin, `http://localhost:${port}`];
  const oidc = createLocalOidc({
    port: oidcPort,
    signingKey: await signingKey(),
    directory,
    store: { db: platform.store.db, table: settings.tables.directoryTable },
    consoleOrigins,
    sms: platform.sms,
    audit: (entry) => appendAudit(platform.store, entry),
  });
  oidcServer = oidc.server;
  await listen(oidc.server, oidcPort);

  if (firstStart && !values.fresh) {
    console.log('first start: loading a demo week (npm start -- --fresh for an empty platform)…');
    const started = Date.now();
    const { loadDemoWeek } = await import('./demoWeek.ts');
    const week = await loadDemoWeek(platform, SEED_UNITS);
    console.log(
      `demo week loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${String(week.dispatches)} dispatches to ${String(week.receipts)} units, ${String(week.remindersSent)} reminder SMS, ${String(week.upward)} upward reports, ${String(week.reports)} citizens' reports with ${String(week.photos)} photos, ${String(week.articles)} articles, ${String(week.questions)} questions, ${String(week.bulletins)} bulletin`,
    );
  }

  // The web apps, built if their build is older than their sources, served as CloudFront serves them.
  await buildWebApps((line) => {
    console.log(line);
  });
  const { openApiDocument } = await import('../infra/openapi.ts');
  const gateway = createGateway({
    handlers,
    verifyToken: await tokenVerifier({ issuer: oidc.issuer, clientId: CONSOLE_CLIENT_ID }),
    openApi: openApiDocument(),
    web: {
      config: { apiUrl: '', authority: oidc.issuer, clientId: CONSOLE_CLIENT_ID },
      headers: {
        ...STATIC_HEADERS,
        'content-security-policy': contentSecurityPolicy({
          api: '',
          auth: [oidc.issuer],
          images: [s3.endpoint],
          uploads: [s3.endpoint],
        }),
      },
    },
  });
  server = gateway;
  const reminders = (await import('../functions/reminders/handler.ts')).reminders(platform);
  const auditDigest = (await import('../functions/auditDigest/handler.ts')).auditDigest(platform);
  const stopReminders = startScheduler(reminders, scheduleSeconds, (line) => {
    console.error(line);
  });
  // Hourly deployed; here every minute, which digests an hour as soon as it is complete.
  const stopDigests = startScheduler(auditDigest, 60, (line) => {
    console.error(line);
  });
  stopScheduler = () => {
    stopReminders();
    stopDigests();
  };
  await listen(gateway, port);
  console.log(
    `DynamoDB Local on ${dynamo.endpoint} (data in ${paths.dynamodb})${seeded > 0 ? `, ${seeded} seed units loaded` : ''}`,
  );
  console.log(`S3 (s3rver) on ${s3.endpoint}, bucket ${bucket} (files in ${paths.s3})`);
  console.log(`reminder check every ${scheduleSeconds} s; SMS go to ${paths.smsOutbox}`);
  // The token CLI signs with the key in this platform's directory: name it when it is not the default.
  const localDirPrefix = process.env['LOCAL_DIR'] ? `LOCAL_DIR=${paths.root} ` : '';
  console.log(
    `tokens: ${localDirPrefix}npm run --silent token -- --group district-office --unit district-office`,
  );
  console.log(
    `OpenID provider on ${oidc.issuer}; new accounts' temporary passwords go to ${paths.mailOutbox}`,
  );
  console.log(
    `sign in with password ${DEMO_PASSWORD} as office-clerk, sysadmin, or <unit>-admin, <unit>-staff, <unit>-head for the units ${SEED_UNITS.map((unit) => unit.id).join(', ')}`,
  );
  writeFileSync(
    paths.platform,
    `${JSON.stringify(
      {
        apiUrl: consoleOrigin,
        consoleUrl: `${consoleOrigin}/`,
        issuer: oidc.issuer,
        clientId: CONSOLE_CLIENT_ID,
        // What scripts such as audit:verify need to build this platform (its secret stays in its file).
        settings: { ...settings, phoneCodeKey: undefined },
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `staff console: ${consoleOrigin}/ (sign in as office-clerk, password ${DEMO_PASSWORD})`,
  );
  console.log(`citizen site: ${consoleOrigin}/m/`);
  console.log(`ready on http://127.0.0.1:${port}`);
  void dynamo.exited.then(() => {
    if (!stopping) {
      console.error('error: DynamoDB Local stopped; stopping the platform');
      void stop(1);
    }
  });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `error: port ${port} is in use; set PORT to another port`
      : `error: ${(error as Error).message}`,
  );
  await stop(1);
}
