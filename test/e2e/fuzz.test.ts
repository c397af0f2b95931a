import { rmSync } from 'node:fs';
import { DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/aws/dynamo.ts';
import type { Group } from '../../shared/domain/principal.ts';
import { ROUTES, routeKey, type Route } from '../../shared/routes.ts';
import { newLocalDir, startPlatform, type RunningPlatform } from '../support/platform.ts';
import { arbitraryFor, type JsonSchema } from '../support/schemaArbitrary.ts';
import { openApiDocument } from '../../infra/openapi.ts';

/**
 * Hostile input, generated: for every route, requests generated from the
 * route's own zod schema (through its JSON Schema), and requests built from
 * a valid one and broken in every way a client or an attacker might (wrong types,
 * huge strings, deep nesting, invalid UTF-8, look-alike characters,
 * prototype keys, edge numbers, repeated query parameters, wrong content
 * types). Every answer is a 2xx or a 4xx in API.md's error shape, never a
 * 5xx; a refused request writes nothing. A platform of its own, so that no
 * other test writes while a refusal is compared.
 */
const RUNS_PER_ROUTE = 80;

let platform: RunningPlatform;
let db: ReturnType<typeof createDocumentClient>;
let tokens: Record<Group, string>;
const ulidLike = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/);

const TABLES = ['xinhua-main', 'xinhua-audit'];

/**
 * What the platform writes, as DynamoDB's own streams record it: every put,
 * update and delete of both tables, read from where the last read stopped.
 * Turned on for this platform's tables only (DynamoDB Local keeps streams
 * as DynamoDB does); a read costs two small GetRecords, not two scans.
 */
let streams: DynamoDBStreamsClient;
/** Each table's stream, where its open shards were last read, and the last record read of each. */
const positions = new Map<
  string,
  { streamArn: string; iterators: Map<string, string>; last: Map<string, string> }
>();

async function followWrites(endpoint: string): Promise<void> {
  const config = {
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  streams = new DynamoDBStreamsClient(config);
  for (const TableName of TABLES) {
    const { Table } = await db.send(new DescribeTableCommand({ TableName }));
    if (!Table?.StreamSpecification?.StreamEnabled)
      await db.send(
        new UpdateTableCommand({
          TableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        }),
      );
    const { Table: streamed } = await db.send(new DescribeTableCommand({ TableName }));
    positions.set(TableName, {
      streamArn: streamed?.LatestStreamArn ?? '',
      iterators: new Map(),
      last: new Map(),
    });
    // The stream holds only what was written since it was turned on: read it all.
    await newShards(TableName);
  }
}

/** Starts reading shards not read yet, from their start. */
async function newShards(table: string): Promise<void> {
  const position = positions.get(table)!;
  const { StreamDescription } = await streams.send(
    new DescribeStreamCommand({ StreamArn: position.streamArn }),
  );
  for (const { ShardId } of StreamDescription?.Shards ?? []) {
    if (!ShardId || position.iterators.has(ShardId)) continue;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: position.streamArn,
        ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    if (ShardIterator) position.iterators.set(ShardId, ShardIterator);
  }
}

/**
 * The items written since the last call, as `table pk sk` → the item as
 * written (or `removed`), but the per-client counters: they count every
 * request, refused or not; and the hourly audit digest's chain, which moves
 * on by itself.
 */
async function writesSinceLastRead(): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  await Promise.all(
    TABLES.map(async (table) => {
      const position = positions.get(table)!;
      let closed = false;
      for (const [shard, iterator] of [...position.iterators]) {
        const { Records = [], NextShardIterator } = await streams
          .send(new GetRecordsCommand({ ShardIterator: iterator }))
          .catch(async (error: unknown) => {
            // An iterator that expired: a new one right after the last record read.
            if (!/Trimmed|Expired/.test((error as Error).name)) throw error;
            const after = position.last.get(shard);
            const { ShardIterator } = await streams.send(
              new GetShardIteratorCommand({
                StreamArn: position.streamArn,
                ShardId: shard,
                ...(after
                  ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
                  : { ShardIteratorType: 'TRIM_HORIZON' }),
              }),
            );
            return streams.send(new GetRecordsCommand({ ShardIterator }));
          });
        for (const record of Records) note(table, record, written);
        const sequence = Records.at(-1)?.dynamodb?.SequenceNumber;
        if (sequence) position.last.set(shard, sequence);
        if (NextShardIterator) position.iterators.set(shard, NextShardIterator);
        else closed = true;
      }
      // A shard closed (DynamoDB rolls them over): its children are read from their start.
      if (closed) await newShards(table);
    }),
  );
  return written;
}

function note(table: string, record: StreamRecord, written: Map<string, string>): void {
  const keys = record.dynamodb?.Keys ?? {};
  const pk = keys['pk']?.S ?? '';
  if (pk.startsWith('RATE#') || pk === 'AUDIT_CHAIN') return;
  const image = record.dynamodb?.NewImage;
  // The item as written, as the stream gives it (DynamoDB's JSON), or `removed`.
  written.set(`${table} ${pk} ${keys['sk']?.S ?? ''}`, image ? JSON.stringify(image) : 'removed');
}

/**
 * The one refusal that writes, by design (API.md: a code has 5 tries): a
 * wrong verification code spends a try on the number and is audited.
 */
function spentTry(
  request: { path: string },
  error: { details?: { field: string; message: string }[] },
  changes: string[],
  after: Map<string, string>,
): boolean {
  const [, unitId, phone] = /^\/units\/([^/]+)\/phones\/([^/]+)\/verify$/.exec(request.path) ?? [];
  if (!unitId || !phone) return false;
  if (!error.details?.some((d) => d.field === 'body.code' && d.message.startsWith('wrong code')))
    return false;
  return changes.every(
    (key) =>
      key === `xinhua-main PHONES#${unitId} PHONE#${phone}` ||
      (key.startsWith('xinhua-audit ') &&
        (JSON.parse(after.get(key) ?? '{}') as { action?: { S?: string } }).action?.S ===
          'phone.verify.failed'),
  );
}

/** A valid request body for each route that takes one: the seed the fuzzer breaks. */
const VALID: Record<string, unknown> = {
  'POST /units': { id: 'fuzz-town', name: '模糊乡', kind: 'township' },
  'PATCH /units/{unitId}': { name: '东风街道办事处' },
  'POST /dispatches': {
    kind: 'feedback',
    title: '通知',
    body: '内容',
    recipients: ['health'],
    respondBy: '2030-01-01T00:00:00Z',
    ackWithinMinutes: 10,
    declaredUnclassified: true,
  },
  'POST /dispatches/{id}/response': {
    summary: '已办',
    contactName: '王五',
    contactPhone: '13800000009',
  },
  'POST /dispatches/{id}/problem': {
    description: '打不开',
    contactName: '王五',
    contactPhone: '13800000009',
  },
  'POST /units/{unitId}/phones': { phone: '13700000001', holderName: '值班', remind: true },
  'POST /units/{unitId}/phones/{phone}/verify': { code: '123456' },
  'PUT /units/{unitId}/duty': {
    entries: [{ phone: '13700000001', from: '2030-01-01T00:00:00Z', to: '2030-01-02T00:00:00Z' }],
  },
  'PUT /settings/reminders': {
    notice: {
      firstAfterDeadlineMinutes: 0,
      repeatEveryMinutes: 10,
      escalateAfter: 2,
      maxReminders: 6,
    },
  },
  'POST /public/reports': {
    serviceCode: 'city-appearance',
    description: '问题',
    lat: 38.05,
    lng: 114.46,
    photos: [{ contentType: 'image/jpeg', size: 1000 }],
  },
  'POST /reports/{id}/updates': { status: 'resolved', reply: '已处理' },
  'POST /reports/{id}/route': { serviceCode: 'environment' },
  'PUT /routing/{serviceCode}': {
    name: '教育问题',
    column: '指点新华区',
    unitId: 'education',
    active: true,
  },
};

const nasty = fc.oneof(
  fc.anything(),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.constant('x'.repeat(70_000)),
  fc.constantFrom(
    '１３８００００００００１',
    '机\u200b密',
    '\u202e13800000001',
    'Ⅰ',
    '𠮷'.repeat(3),
    '<script>',
    '../../etc/passwd',
    '%00',
    '\u0000',
  ),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -0, 1e308, -1, 0.5, 2 ** 53 + 1),
  fc.constant(JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}')),
  fc
    .integer({ min: 1, max: 3000 })
    .map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth))),
);

/** Breaks a valid body: a field replaced, dropped or added, or the whole thing replaced. */
const body = (valid: unknown) =>
  fc.oneof(
    fc.constant(valid),
    valid && typeof valid === 'object'
      ? fc
          .tuple(fc.constantFrom(...Object.keys(valid), '__proto__', 'constructor', 'extra'), nasty)
          .map(([key, value]) => ({ ...valid, [key]: value }))
      : nasty,
    valid && typeof valid === 'object'
      ? fc
          .constantFrom(...Object.keys(valid))
          .map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key)))
      : nasty,
    nasty,
  );

const pathSegment = fc.oneof(
  ulidLike,
  fc.constantFrom('health', 'education', '13700000001', '%2B8613700000001', 'city-appearance'),
  fc.string({ maxLength: 300 }).map(encodeURIComponent),
  fc.constantFrom('..', '%00', '%E0%A4%A', '*'),
);
const query = fc
  .array(
    fc.tuple(
      fc.constantFrom('status', 'cursor', 'status', 'x'),
      fc.oneof(fc.constantFrom('all', 'pending', 'open'), fc.string({ maxLength: 100 })),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => pairs.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&'));
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  undefined,
);

/** The request body schema of each route, as the OpenAPI document has it: from the handlers' zod schemas. */
const document = openApiDocument() as {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
  >;
};
/** JSON, or an HTML form's fields (Open311): generated as an object either way. */
const bodySchema = (route: Route) =>
  Object.values(
    document.paths[route.path]?.[route.method.toLowerCase()]?.requestBody?.content ?? {},
  )[0]?.schema;

function requestFor(route: Route) {
  const key = routeKey(route);
  const group: Group = route.groups === 'public' ? 'unit-staff' : route.groups[0]!;
  const schema = bodySchema(route);
  return fc
    .record({
      path: fc.array(pathSegment, { minLength: 5, maxLength: 5 }).map((segments) => {
        let i = 0;
        return route.path.replace(/\{\w+\}/g, () => segments[i++]!);
      }),
      query,
      body: fc.oneof(
        ...(schema ? [arbitraryFor(schema)] : []),
        VALID[key] === undefined ? fc.oneof(fc.constant(undefined), nasty) : body(VALID[key]),
      ),
      invalidUtf8: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      contentType,
      header: fc.oneof(
        fc.constant({}),
        fc.record({ 'idempotency-key': fc.string({ maxLength: 200 }) }),
        fc.record({ 'x-tracking-token': fc.string({ maxLength: 100 }) }),
      ),
    })
    .map((request) => ({ ...request, group }));
}

beforeAll(async () => {
  const localDir = newLocalDir();
  platform = await startPlatform({ localDir, env: { LOCAL_SCHEDULE_SECONDS: '3600' } });
  const endpoint = /DynamoDB Local on (http:\/\/127\.0\.0\.1:\d+)/.exec(platform.output())?.[1];
  db = createDocumentClient({ region: 'local', endpoint });
  await followWrites(endpoint ?? '');
  process.env['LOCAL_DIR'] = localDir;
  const { issueToken } = await import('../../local/tokens.ts');
  tokens = {
    'district-admin': await issueToken({ group: 'district-admin', unit: 'info-center' }),
    'district-office': await issueToken({ group: 'district-office', unit: 'district-office' }),
    'unit-admin': await issueToken({ group: 'unit-admin', unit: 'health' }),
    'unit-staff': await issueToken({ group: 'unit-staff', unit: 'health' }),
    'unit-head': await issueToken({ group: 'unit-head', unit: 'health' }),
  };
}, 90_000);

afterAll(async () => {
  await platform.stop();
  rmSync(platform.localDir, { recursive: true, force: true });
});

/** A generated body an HTML form can carry: one level of string-able fields. */
const isFlat = (body: unknown): body is Record<string, string> =>
  typeof body === 'object' &&
  body !== null &&
  !Array.isArray(body) &&
  Object.values(body).every((value) => ['string', 'number', 'boolean'].includes(typeof value));

let requests = 0;
const statuses: Record<number, number> = {};
describe('fuzzing every route', () => {
  it('sees every write of the platform’s tables, so a refusal that writes cannot pass unseen', async () => {
    await writesSinceLastRead();
    const key = { pk: 'FUZZ#probe', sk: 'PROBE' };
    await db.send(new PutCommand({ TableName: 'xinhua-main', Item: { ...key, n: 1 } }));
    await db.send(
      new DeleteCommand({ TableName: 'xinhua-audit', Key: { pk: 'NONE', sk: 'NONE' } }),
    );
    expect([...(await writesSinceLastRead()).keys()]).toEqual(['xinhua-main FUZZ#probe PROBE']);
    await db.send(new DeleteCommand({ TableName: 'xinhua-main', Key: key }));
    expect(await writesSinceLastRead()).toEqual(
      new Map([['xinhua-main FUZZ#probe PROBE', 'removed']]),
    );
  });

  for (const route of ROUTES) {
    it(routeKey(route), { timeout: 300_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (request) => {
          const text =
            request.body === undefined
              ? undefined
              : route.form && isFlat(request.body)
                ? new URLSearchParams(request.body).toString()
                : JSON.stringify(request.body);
          const payload = request.invalidUtf8
            ? Buffer.concat([
                Buffer.from('{"x":"'),
                Buffer.from([0xff, 0xfe, 0xc3]),
                Buffer.from('"}'),
              ])
            : text;
          const response = await fetch(
            `${platform.baseUrl}${request.path}${request.query ? `?${request.query}` : ''}`,
            {
              method: route.method,
              headers: {
                authorization: `Bearer ${tokens[request.group]}`,
                ...(request.contentType ? { 'content-type': request.contentType } : {}),
                ...request.header,
              },
              ...(payload !== undefined && route.method !== 'GET' ? { body: payload } : {}),
            },
          );
          requests++;
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          const answer = await response.text();
          // Nothing else writes here between two requests (this platform is the fuzzer's own):
          // what the streams hold now is what this request wrote; read, whatever the answer.
          const after = await writesSinceLastRead();
          expect(
            response.status,
            `${route.method} ${request.path} → ${answer.slice(0, 300)}`,
          ).toBeLessThan(500);
          if (response.status >= 400) {
            const error = JSON.parse(answer).error;
            expect(error.code).toMatch(/^[A-Z_]+$/);
            expect(typeof error.message).toBe('string');
            const changes = [...after.keys()].sort();
            if (!spentTry(request, error, changes, after))
              expect(
                changes,
                `${route.method} ${request.path} was refused (${response.status}) but wrote`,
              ).toEqual([]);
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    });
  }

  it(`sent at least 2,000 requests`, () => {
    console.log(
      `fuzz: ${requests} requests over ${ROUTES.length} routes; answers by status: ${JSON.stringify(statuses)}`,
    );
    expect(requests).toBeGreaterThanOrEqual(2000);
    expect(Object.keys(statuses).filter((status) => Number(status) >= 500)).toEqual([]);
  });
});
