/**
 * Prints one JWT for the local platform:
 *   npm run --silent token -- --group unit-staff --unit environment [--sub alice]
 */
import { parseArgs } from 'node:util';
import { GROUPS, type Group } from '../shared/domain/principal.ts';
import { issueToken } from './tokens.ts';

const { values } = parseArgs({
  options: { group: { type: 'string' }, unit: { type: 'string' }, sub: { type: 'string' } },
});
if (!values.group || !(GROUPS as readonly string[]).includes(values.group) || !values.unit) {
  console.error(
    `usage: npm run --silent token -- --group <${GROUPS.join('|')}> --unit <unitId> [--sub <name>]`,
  );
  process.exit(2);
}
console.log(
  await issueToken({
    group: values.group as Group,
    unit: values.unit,
    ...(values.sub ? { sub: values.sub } : {}),
  }),
);
