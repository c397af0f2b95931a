/**
 * Recomputes the audit chain from the audit table and checks it against the
 * signed hourly digests (Art21): every digest there, signed by the digest key,
 * continuing the hour before, and matching the table record for record.
 *
 *   npm run audit:verify -- --from 2026-11-25T00 --to 2026-11-25T23 [--jwks seal-keys.json]
 *
 * Hours are UTC (`YYYY-MM-DDTHH`). It reads the environment a function
 * would (TABLE_NAME, AUDIT_TABLE_NAME, AUDIT_DIGEST_BUCKET, AWS_REGION or the
 * profile's, and DIGEST_KEY_ID or --jwks); without it, the running local
 * platform's (`.local/platform.json`). Exit 0 when the chain holds, 1 naming the first
 * hour and record that differs, 2 on a usage error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { LocalSettings } from '../local/localPlatform.ts';
import { localPaths, localSecret } from '../local/paths.ts';
import type { Jwks } from '../shared/domain/seal.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
const HOUR = /^\d{4}-\d{2}-\d{2}T\d{2}$/;
const { values } = parseArgs({
  options: { from: { type: 'string' }, to: { type: 'string' }, jwks: { type: 'string' } },
});
if (!values.from || !values.to || !HOUR.test(values.from) || !HOUR.test(values.to)) {
  console.error(
    'usage: npm run audit:verify -- --from YYYY-MM-DDTHH --to YYYY-MM-DDTHH [--jwks file]',
  );
  process.exit(2);
}
/** The platform to check: AWS's from the environment (any profile or SSO the SDK finds), else the running local one. */
async function platformToCheck() {
  if (process.env['TABLE_NAME']) {
    const { lambdaPlatform } = await import('../functions/lambdaPlatform.ts');
    return lambdaPlatform();
  }
  const paths = localPaths();
  if (!existsSync(paths.platform)) {
    console.error(
      'set TABLE_NAME, AUDIT_TABLE_NAME, AUDIT_DIGEST_BUCKET and DIGEST_KEY_ID, or start the local platform (npm start)',
    );
    process.exit(2);
  }
  const { settings } = JSON.parse(readFileSync(paths.platform, 'utf8')) as {
    settings: Omit<LocalSettings, 'phoneCodeKey'>;
  };
  const { localPlatform } = await import('../local/localPlatform.ts');
  return localPlatform({ ...settings, phoneCodeKey: localSecret(paths.phoneCodeKey) });
}

const platform = await platformToCheck();
const { verifyAuditChain } = await import('../functions/auditDigest/verify.ts');
const jwks = values.jwks
  ? (JSON.parse(readFileSync(values.jwks, 'utf8')) as Jwks)
  : await platform.digestKey.jwks();
const verdict = await verifyAuditChain(
  { store: platform.store, digests: platform.digests, jwks },
  values.from,
  values.to,
);
if (verdict.valid) {
  console.log(`audit chain holds: ${verdict.hours} hours, ${verdict.records} records`);
} else {
  const record = verdict.record ? `: ${verdict.record.pk} ${verdict.record.sk}` : '';
  console.error(`audit chain broken at ${verdict.hour}, ${verdict.reason}${record}`);
  process.exit(1);
}
