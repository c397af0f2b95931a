/**
 * Writes the Chinese (+86) part of libphonenumber's full metadata to
 * shared/domain/phoneMetadata.cn.json. The platform only takes Chinese
 * numbers, and the whole world's metadata would be most of a bundle.
 * Run after upgrading libphonenumber-js: `npx tsx scripts/phone-metadata.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const full = JSON.parse(
  readFileSync(require.resolve('libphonenumber-js/metadata.max.json'), 'utf8'),
) as { version: number; countries: Record<string, unknown> };
const cn = {
  version: full.version,
  country_calling_codes: { '86': ['CN'] },
  countries: { CN: full.countries.CN },
  nonGeographic: {},
};
writeFileSync(
  new URL('../shared/domain/phoneMetadata.cn.json', import.meta.url),
  `${JSON.stringify(cn)}\n`,
);
console.log(
  `wrote CN metadata (${JSON.stringify(cn).length} bytes) from libphonenumber-js metadata ${full.version}`,
);
