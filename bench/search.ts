/**
 * Search over 掌上新华's articles, with 200 and with 2,000 published
 * articles side by side in one run. `npm run bench:search`
 *
 * For each corpus (DynamoDB Local and s3rver, the local platform's
 * emulators): the index build on publish (requests, index size), then
 * searches — the first in a process (which reads the index object) and
 * the next ones (which read only where the index stands): requests per
 * search, and the time ratio 2,000 : 200.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { ensureTables, startDynamoLocal } from '../local/dynamoLocal.ts';
import { startS3Local } from '../local/s3Local.ts';
import { countRequests, putAll } from './support/dynamo.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';

const SIZES = [200, 2_000];
const RUNS = 41;
const QUERIES = ['垃圾分类', '停车', '供暖', '疫苗接种', '老旧小区', '居住证'];
const WORDS =
  '垃圾分类 停车位 供暖 疫苗接种 老旧小区 居住证 社保卡 公积金 户口 医保 防汛 消防 燃气 充电桩 养老 托育 义诊 招聘 道路 施工 公交 学校 图书馆 公园'.split(
    ' ',
  );

let seed = 7;
const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
const pick = () => WORDS[Math.floor(random() * WORDS.length)] ?? '';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

const dynamo = await startDynamoLocal();
const dir = mkdtempSync(join(tmpdir(), 'bench-search-'));
const s3 = await startS3Local({ dir, buckets: ['bench'], onUpload: () => Promise.resolve() });
try {
  const { createDocumentClient } = await import('../shared/aws/dynamo.ts');
  const { objectStore } = await import('../shared/aws/s3.ts');
  const uploads = objectStore(
    new S3Client({
      region: 'local',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    }),
    'bench',
  );
  const rows: string[] = [];
  const times: Record<number, number> = {};
  for (const size of SIZES) {
    const db = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });
    const table = `bench-search-${String(size)}`;
    await ensureTables(dynamo.endpoint, { table, auditTable: `${table}-audit` });
    const store = { db, table, auditTable: `${table}-audit` };
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    const columns = ['guide', 'district', 'news', 'local'];
    await putAll(
      db,
      table,
      Array.from({ length: size }, (_, i) => {
        const id = `01K${String(i).padStart(23, '0')}`;
        const column = columns[i % columns.length] ?? 'news';
        return {
          pk: `ARTICLE#${id}`,
          sk: 'ARTICLE',
          gsi1pk: `ARTICLES#${column}#published`,
          gsi1sk: `${at(i)}#${id}`,
          id,
          column,
          title: `${pick()}${pick()}工作通知`,
          body: Array.from({ length: 40 }, () => `${pick()}相关事项，请居民知悉。`).join(''),
          attachments: [],
          unitId: 'district-office',
          status: 'published',
          createdAt: at(i),
          updatedAt: at(i),
          writtenBy: '王秘书',
          publishedAt: at(i),
          publishedBy: '王秘书',
        };
      }),
    );
    // Each corpus has an index object of its own: the first search of each reads it.
    const { rebuildSearchIndex, search: find } = await import('../shared/store/search.ts');
    const build = countRequests(db);
    await rebuildSearchIndex(store, uploads);
    build.stop();
    const { readSearchState } = await import('../shared/store/searchIndex.ts');
    const { indexKey } = await readSearchState(store);
    const indexBytes = (await (await uploads.get(indexKey ?? ''))?.bytes())?.length ?? 0;
    const first = countRequests(db);
    const firstStart = performance.now();
    const firstHits = await find(store, uploads, QUERIES[0] ?? '');
    const firstMs = performance.now() - firstStart;
    first.stop();
    const warm = countRequests(db);
    const samples: number[] = [];
    let hits = 0;
    for (let run = 0; run < RUNS; run++) {
      const query = QUERIES[run % QUERIES.length] ?? '';
      const start = performance.now();
      hits += (await find(store, uploads, query)).length;
      samples.push(performance.now() - start);
    }
    warm.stop();
    times[size] = median(samples);
    const perSearch = Object.values(warm.requests).reduce((a, b) => a + b, 0) / RUNS;
    rows.push(
      `${String(size).padStart(6)} articles  build: ${JSON.stringify(build.requests)}, index ${(indexBytes / 1024).toFixed(0)} KB  first search: ${JSON.stringify(first.requests)} + 1 S3 GET, ${firstMs.toFixed(0)} ms, ${String(firstHits.length)} hits  next searches: ${perSearch.toFixed(1)} DynamoDB requests each (${JSON.stringify(warm.requests)}), median ${median(samples).toFixed(2)} ms, ${String(Math.round(hits / RUNS))} hits on average`,
    );
  }
  console.log(
    `search over published articles (MiniSearch, bigrams), ${String(RUNS)} searches each, node ${process.version}`,
  );
  for (const row of rows) console.log(row);
  console.log(
    `time per search, 2,000 : 200 articles = ${((times[2_000] ?? 0) / (times[200] ?? 1)).toFixed(2)}×`,
  );
} finally {
  await s3.stop();
  await dynamo.stop();
  rmSync(dir, { recursive: true, force: true });
}
