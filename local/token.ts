/**
 * Prints one JWT for the local platform:
 *   npm run --silent token -- --group unit-staff --unit environment [--sub alice]
 */
import { parseArgs } from 'node:util';
import { GROUPS, type Group } from '../shared/domain/principal.ts';
import { issueToken } from './tokens.ts';

const USAGE = `usage: npm run --silent token -- --group <${GROUPS.join('|')}> --unit <unitId> [--sub <name>]`;
let values: { group?: string; unit?: string; sub?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      group: { type: 'string' },
      unit: { type: 'string' },
      sub: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.group || !(GROUPS as readonly string[]).includes(values.group) || !values.unit) {
  console.error(USAGE);
  process.exit(2);
}
console.log(
  await issueToken({
    group: values.group as Group,
    unit: values.unit,
    ...(values.sub ? { sub: values.sub } : {}),
  }),
);
