/**
 * Verifies the seal of an upward report offline, with nothing but the
 * published JWKS (`GET /public/seal-keys`, saved to a file or fetched):
 *
 *   npm run verify-seal -- report.json seal-keys.json
 *   npm run verify-seal -- report.json https://api.example.gov.cn/public/seal-keys
 *
 * `report.json` is the report as `GET /upward/{id}` returns it. The JWKS is
 * fetched only over https (plain http only from this machine, the local
 * platform): on the way, anyone could hand over a key of their own. The key
 * must also be the one the seal's `kid` names (its RFC 7638 thumbprint).
 * Exit code 0 when the seal holds, 1 when it does not, 2 on a usage error.
 */
import { readFileSync } from 'node:fs';
import { verifySeal, type Jwks } from '../shared/domain/seal.ts';

const [reportFile, jwksSource] = process.argv.slice(2);
if (!reportFile || !jwksSource) {
  console.error('usage: npm run verify-seal -- <report.json> <seal-keys.json | JWKS URL>');
  process.exit(2);
}
const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(jwksSource);
const fromThisMachine = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
if (isUrl) {
  const url = new URL(jwksSource);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && fromThisMachine(url))) {
    console.error(`refused: the JWKS is fetched only over https, not ${url.protocol}//`);
    process.exit(2);
  }
}
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Parameters<typeof verifySeal>[0];
const jwks = (
  isUrl ? await (await fetch(jwksSource)).json() : JSON.parse(readFileSync(jwksSource, 'utf8'))
) as Jwks;
const verdict = await verifySeal(report, jwks);
if (verdict.valid) {
  console.log(
    `seal valid: ${report.seal?.kid ?? ''} sealed “${report.title}” of ${report.unitId} at ${report.seal?.sealedAt ?? ''}, approved by ${report.seal?.approvedBy ?? ''}`,
  );
} else {
  console.log(`seal NOT valid: ${verdict.reason}`);
  process.exit(1);
}
