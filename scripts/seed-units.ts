/**
 * Loads the seed units and report categories of SPEC.md into a deployed main
 * table. What exists already is left as it is (a category the district office
 * re-routed keeps its department), so it is safe to run again.
 *
 *   npm run seed -- --table <TableName output of the stack> [--region cn-north-1] [--endpoint http://127.0.0.1:8000]
 */
import { parseArgs } from 'node:util';
import { createDocumentClient } from '../shared/aws/dynamo.ts';
import { SEED_CATEGORIES } from '../shared/seed/reportCategories.ts';
import { SEED_UNITS } from '../shared/seed/units.ts';
import { seedCategories } from '../shared/store/reportCategories.ts';
import { seedUnits } from '../shared/store/units.ts';

const { values } = parseArgs({
  options: { table: { type: 'string' }, region: { type: 'string' }, endpoint: { type: 'string' } },
});
if (!values.table) {
  console.error(
    'usage: npm run seed -- --table <TableName> [--region <region>] [--endpoint <url>]',
  );
  process.exit(2);
}
const region = values.region ?? process.env['AWS_REGION'] ?? 'cn-north-1';
const db = createDocumentClient({ region, endpoint: values.endpoint });
const store = { db, table: values.table, auditTable: '' };
const units = await seedUnits(store, SEED_UNITS);
const categories = await seedCategories(store, SEED_CATEGORIES);
console.log(
  `seeded ${units} of ${SEED_UNITS.length} units and ${categories} of ${SEED_CATEGORIES.length} report categories into ${values.table} (the rest were there already)`,
);
