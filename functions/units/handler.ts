import * as z from 'zod/mini';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import { apiHandler, defineRoute } from '../../shared/http/apiHandler.ts';
import { Text, UnitId } from '../../shared/http/schemas.ts';
import { storeFromConfig } from '../../shared/store/context.ts';
import { UNIT_KINDS } from '../../shared/domain/units.ts';
import { createUnit, listUnits, updateUnit } from '../../shared/store/units.ts';

const store = storeFromConfig();

const UnitFields = { name: Text(100), kind: z.enum(UNIT_KINDS) };

export const handler = apiHandler('units', {
  'GET /units': defineRoute({
    handle: async () => ({ status: 200, body: { items: await listUnits(store) } }),
  }),

  'POST /units': defineRoute({
    body: z.strictObject({ id: UnitId, ...UnitFields }),
    handle: async ({ body, principal, now }) => {
      const audit = auditEntry('unit.create', auditTarget.unit(body.id), principal, now, body);
      return { status: 201, body: await createUnit(store, body, audit) };
    },
  }),

  'PATCH /units/{unitId}': defineRoute({
    params: z.object({ unitId: UnitId }),
    body: z
      .strictObject({ name: z.optional(UnitFields.name), kind: z.optional(UnitFields.kind) })
      .check(z.refine((changes) => Object.keys(changes).length > 0, 'name or kind is required')),
    handle: async ({ params, body, principal, now }) => {
      const audit = auditEntry(
        'unit.update',
        auditTarget.unit(params.unitId),
        principal,
        now,
        body,
      );
      return { status: 200, body: await updateUnit(store, params.unitId, body, audit) };
    },
  }),
});
