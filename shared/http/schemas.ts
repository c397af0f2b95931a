import * as z from 'zod';

/** Schemas shared by several routes. Route-specific ones live beside their route. */
export const UnitId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a unit id: lower-case letters, digits and hyphens');
export const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an id as returned by the API');
export const DispatchIdParams = z.object({ id: Ulid });

