import * as z from 'zod/mini';
import { apiHandler, defineRoute } from '../../shared/http/apiHandler.ts';
import { Text, UnitId } from '../../shared/http/schemas.ts';
import { storeFromConfig } from '../../shared/store/context.ts';
import { createUnit, listUnits, UNIT_KINDS, updateUnit } from '../../shared/store/units.ts';

const store = storeFromConfig();

const UnitFields = { name: Text(100), kind: z.enum(UNIT_KINDS) };

export const handler = apiHandler('units', {
  'GET /units': defineRoute({
    handle: async () => ({ status: 200, body: { items: await listUnits(store) } }),
  }),

  'POST /units': defineRoute({
    body: z.strictObject({ id: UnitId, ...UnitFields }),
    handle: async ({ body, principal, now }) => {
      const audit = {
        action: 'unit.create',
        target: `UNIT#${body.id}`,
        actor: principal,
        at: now.toISOString(),
        details: body,
      };
      return { status: 201, body: await createUnit(store, body, audit) };
    },
  }),

  'PATCH /units/{unitId}': defineRoute({
    params: z.object({ unitId: UnitId }),
    body: z
      .strictObject({ name: z.optional(UnitFields.name), kind: z.optional(UnitFields.kind) })
      .check(z.refine((changes) => Object.keys(changes).length > 0, 'name or kind is required')),
    handle: async ({ params, body, principal, now }) => {
      const audit = {
        action: 'unit.update',
        target: `UNIT#${params.unitId}`,
        actor: principal,
        at: now.toISOString(),
        details: body,
      };
      return { status: 200, body: await updateUnit(store, params.unitId, body, audit) };
    },
  }),
});
