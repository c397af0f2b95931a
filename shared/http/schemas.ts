import { en } from 'zod/locales';
import * as z from 'zod/mini';

/**
 * Request schemas are written with `zod/mini`: the same validation as
 * classic zod at a fifth of the bundle and a tenth of the import time
 * (bench/bundles.ts). English messages for the error details of API.md.
 */
z.config(en());

/** Schemas shared by several routes. Route-specific ones live beside their route. */
export const UnitId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a unit id: lower-case letters, digits and hyphens'));
export const Ulid = z
  .string()
  .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an id as returned by the API'));
export const DispatchIdParams = z.object({ id: Ulid });

/** Trimmed text of 1 to `max` characters. */
export const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** A page cursor as handed out with the previous page. */
export const Cursor = z.string().check(z.maxLength(4096));
