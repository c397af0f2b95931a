/**
 * Loads the seed units of SPEC.md into a deployed main table. Units that
 * exist already are left as they are, so it is safe to run again.
 *
 *   npm run seed -- --table <TableName output of the stack> [--region cn-north-1] [--endpoint http://127.0.0.1:8000]
 */
import { parseArgs } from 'node:util';
import { createDocumentClient } from '../shared/aws/dynamo.ts';
import { SEED_UNITS } from '../shared/seed/units.ts';
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
const added = await seedUnits({ db, table: values.table, auditTable: '' }, SEED_UNITS);
console.log(
  `seeded ${added} of ${SEED_UNITS.length} units into ${values.table} (${SEED_UNITS.length - added} were there already)`,
);
