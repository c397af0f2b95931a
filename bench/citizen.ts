/**
 * The citizen site and its public reads, side by side in one run.
 * `npm run bench:citizen`
 *
 * 1. First-load bytes of `/m/`: the JavaScript and CSS its index.html loads
 *    (module script, module preloads, stylesheets), gzip, from a fresh Vite build.
 * 2. "Someone nearby already reported this" with 1,000 and with 100,000
 *    reports in the district (DynamoDB Local): requests and items read per
 *    lookup, and the time ratio. Reads must follow the few cells around the
 *    point, not the reports in the table.
 * 3. The 30-day ranking of 60 departments with 100,000 reports in the table:
 *    requests and items (departments × days, units, categories).
 *
 * The photo figure (bytes uploaded for a 4000×3000 photo against its
 * original) is printed by test/browser/citizen.test.ts, where Chromium shrinks it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { ensureTables, startDynamoLocal } from '../local/dynamoLocal.ts';
import { countRequests, putAll } from './support/dynamo.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';

const root = resolve(import.meta.dirname, '..');
const RUNS = 21;
const DEPARTMENTS = 60;
const CATEGORIES = 8;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

// 1. First load.
await build({ configFile: join(root, 'web', 'citizen', 'vite.config.ts'), logLevel: 'warn' });
const dist = join(root, 'web', 'citizen', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const loaded = [...html.matchAll(/(?:src|href)="\/m\/(assets\/[^"]+\.(?:js|css))"/g)].map(
  (match) => match[1] ?? '',
);
const gzipOf = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
const js = loaded.filter((file) => file.endsWith('.js'));
const css = loaded.filter((file) => file.endsWith('.css'));
const sum = (files: string[]) => files.reduce((total, file) => total + gzipOf(file), 0);
console.log('citizen site /m/, first load (Vite build, gzip):');
console.log(`  JavaScript: ${js.length} files, ${kb(sum(js))} (target ≤ 150 KB)`);
for (const file of js) console.log(`    ${file}  ${kb(gzipOf(file))}`);
console.log(`  CSS: ${css.length} files, ${kb(sum(css))}`);

// 2 and 3: DynamoDB.
const dynamo = await startDynamoLocal();
try {
  const { createDocumentClient } = await import('../shared/aws/dynamo.ts');
  const { shanghaiDay } = await import('../shared/domain/reception.ts');
  const { publicWritesOfNewReport, findNearby, readRankingDays } =
    await import('../shared/store/citizenBoard.ts');
  const { nearbyPartition, rankingKey } = await import('../shared/store/keys.ts');
  const { listUnits, seedUnits } = await import('../shared/store/units.ts');
  const { listServices } = await import('../shared/store/reportCategories.ts');
  const { rankDepartments } = await import('../shared/domain/citizenBoard.ts');
  const db = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });
  const NOW = new Date('2026-11-25T04:00:00Z');
  // Xinhua district, about 9 km × 8 km.
  const AREA = { lat: 38.02, lng: 114.42, dLat: 0.075, dLng: 0.09 };

  let seed = 11;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

  /** `count` reports over the last 30 days, spread over the district and the categories, with their nearby entries and day figures. */
  function reports(count: number) {
    const items: Record<string, unknown>[] = [];
    const days = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < count; i++) {
      const createdAt = new Date(NOW.getTime() - random() * 30 * 86_400_000).toISOString();
      const unitId = `dept-${String(i % DEPARTMENTS)}`;
      const report = {
        id: `BENCH${String(i).padStart(21, '0')}`,
        serviceCode: `service-${String(i % CATEGORIES)}`,
        unitId,
        description: 'x',
        lat: AREA.lat + random() * AREA.dLat,
        lng: AREA.lng + random() * AREA.dLng,
        status: 'submitted' as const,
        createdAt,
        trackingTokenHash: '',
        photos: [],
      };
      const [nearby] = publicWritesOfNewReport({ db, table: '', auditTable: '' }, report);
      if (nearby?.Put?.Item) items.push(nearby.Put.Item);
      const key = rankingKey(shanghaiDay(createdAt), unitId);
      const day = days.get(key.sk) ?? {
        ...key,
        unitId,
        day: shanghaiDay(createdAt),
        reports: 0,
        firstReplyHours: [],
        resolvedWithinSla: 0,
      };
      day['reports'] = (day['reports'] as number) + 1;
      if (i % 2 === 0) (day['firstReplyHours'] as number[]).push(Math.round(random() * 480) / 10);
      if (i % 3 === 0) day['resolvedWithinSla'] = (day['resolvedWithinSla'] as number) + 1;
      days.set(key.sk, day);
    }
    return [...items, ...days.values()];
  }

  const setups = [
    { name: '1,000 reports', table: 'bench-citizen-small', count: 1_000 },
    { name: '100,000 reports', table: 'bench-citizen-large', count: 100_000 },
  ];
  for (const setup of setups) {
    await ensureTables(dynamo.endpoint, { table: setup.table, auditTable: `${setup.table}-audit` });
    const store = { db, table: setup.table, auditTable: `${setup.table}-audit` };
    const started = performance.now();
    await seedUnits(
      store,
      Array.from({ length: DEPARTMENTS }, (_, u) => ({
        id: `dept-${String(u)}`,
        name: `部门${String(u)}`,
        kind: 'department' as const,
      })),
    );
    await putAll(db, setup.table, reports(setup.count));
    console.log(`loaded ${setup.name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const points = Array.from({ length: RUNS }, () => ({
    serviceCode: `service-${String(Math.floor(random() * CATEGORIES))}`,
    lat: AREA.lat + random() * AREA.dLat,
    lng: AREA.lng + random() * AREA.dLng,
  }));
  const times: Record<string, number[]> = {};
  const figures: Record<string, { requests: number; items: number; found: number }[]> = {};
  const rankingTimes: number[] = [];
  let ranking = { requests: {} as Record<string, number>, items: 0, ranked: 0 };
  for (const point of points) {
    for (const setup of setups) {
      const store = { db, table: setup.table, auditTable: `${setup.table}-audit` };
      // Items read: what the cells hold since 30 days ago, counted by a second, identical read.
      const { requests, stop } = countRequests(db);
      const started = performance.now();
      const found = await findNearby(store, point, NOW);
      (times[setup.name] ??= []).push(performance.now() - started);
      stop();
      const { cellsAround } = await import('../shared/domain/geo.ts');
      const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
      let items = 0;
      for (const cell of cellsAround(point.lat, point.lng)) {
        const page = await db.send(
          new QueryCommand({
            TableName: setup.table,
            KeyConditionExpression: 'pk = :pk AND sk >= :since',
            ExpressionAttributeValues: {
              ':pk': nearbyPartition(point.serviceCode, cell),
              ':since': new Date(NOW.getTime() - 30 * 86_400_000).toISOString(),
            },
            Select: 'COUNT',
          }),
        );
        items += page.Count ?? 0;
      }
      (figures[setup.name] ??= []).push({
        requests: requests['QueryCommand'] ?? 0,
        items,
        found: found.items.length + found.unpublished,
      });
    }
    // The ranking, as GET /public/ranking reads it, with 100,000 reports in the table.
    const store = { db, table: 'bench-citizen-large', auditTable: 'bench-citizen-large-audit' };
    const { requests, stop } = countRequests(db);
    const started = performance.now();
    const [days, units, services] = await Promise.all([
      readRankingDays(
        store,
        shanghaiDay(new Date(NOW.getTime() - 29 * 86_400_000).toISOString()),
        shanghaiDay(NOW.toISOString()),
      ),
      listUnits(store),
      listServices(store),
    ]);
    const ranked = rankDepartments(
      units.map((unit) => ({ unitId: unit.id, name: unit.name })),
      days,
    );
    rankingTimes.push(performance.now() - started);
    stop();
    ranking = {
      requests,
      items: days.length + units.length + services.length,
      ranked: ranked.filter((unit) => unit.rank !== null).length,
    };
  }

  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  console.log(`\nnearby lookups (50 m, 30 days), ${String(RUNS)} random points, interleaved:`);
  for (const setup of setups) {
    const all = figures[setup.name] ?? [];
    console.log(
      `  ${setup.name.padEnd(16)} queries per lookup: ${String(Math.min(...all.map((f) => f.requests)))}–${String(Math.max(...all.map((f) => f.requests)))}, items read: median ${String(median(all.map((f) => f.items)))}, max ${String(Math.max(...all.map((f) => f.items)))}; time ${median(times[setup.name] ?? []).toFixed(1)} ms`,
    );
  }
  console.log(
    `  time, 100,000 vs 1,000 reports: ${(median(times['100,000 reports'] ?? []) / median(times['1,000 reports'] ?? [])).toFixed(2)}x`,
  );
  console.log(
    `\nranking, 30 days × ${String(DEPARTMENTS)} departments, 100,000 reports in the table: requests=${JSON.stringify(ranking.requests)} items read=${String(ranking.items)} (department-days + units + categories), departments ranked=${String(ranking.ranked)}, time ${median(rankingTimes).toFixed(1)} ms`,
  );
} finally {
  await dynamo.stop();
}
