/**
 * Recomputes the audit chain from the audit table and checks it against the
 * signed hourly digests (Art21): every digest there, signed by the seal key,
 * continuing the hour before, and matching the table record for record.
 *
 *   npm run audit:verify -- --from 2026-11-25T00 --to 2026-11-25T23 [--jwks seal-keys.json]
 *
 * Hours are UTC (`YYYY-MM-DDTHH`). It reads the environment a function
 * would (TABLE_NAME, AUDIT_TABLE_NAME, AUDIT_DIGEST_BUCKET, AWS_REGION, and
 * SEAL_KEY_ID or --jwks); without it, the running local platform's
 * (`.local/platform.json`). Exit 0 when the chain holds, 1 naming the first
 * hour and record that differs, 2 on a usage error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { localPaths } from '../local/paths.ts';
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
if (!process.env['TABLE_NAME']) {
  const platform = localPaths().platform;
  if (!existsSync(platform)) {
    console.error(
      'set TABLE_NAME, AUDIT_TABLE_NAME and AUDIT_DIGEST_BUCKET, or start the local platform (npm start)',
    );
    process.exit(2);
  }
  const { environment } = JSON.parse(readFileSync(platform, 'utf8')) as {
    environment: Record<string, string>;
  };
  Object.assign(process.env, environment);
}
// The store and the key read their configuration when first used: only now, with the environment set.
const { storeFromConfig } = await import('../shared/store/context.ts');
const { digestStoreFromConfig } = await import('../shared/aws/auditDigests.ts');
const { sealKeyFromConfig } = await import('../shared/aws/sealSigner.ts');
const { verifyAuditChain } = await import('../functions/auditDigest/verify.ts');

const jwks = values.jwks
  ? (JSON.parse(readFileSync(values.jwks, 'utf8')) as Jwks)
  : await sealKeyFromConfig().jwks();
const verdict = await verifyAuditChain(
  { store: storeFromConfig(), digests: digestStoreFromConfig(), jwks },
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
