import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import {
  CreateUnitBody,
  UnitList,
  UnitParams,
  UnitView,
  UpdateUnitBody,
} from '../../shared/contract/units.ts';
import { apiHandler, defineRoute } from '../../shared/http/apiHandler.ts';
import { storeFromConfig } from '../../shared/store/context.ts';
import { createUnit, listUnits, updateUnit } from '../../shared/store/units.ts';

const store = storeFromConfig();

export const handler = apiHandler('units', {
  'GET /units': defineRoute({
    responses: { 200: UnitList },
    handle: async () => ({ status: 200, body: { items: await listUnits(store) } }),
  }),

  'POST /units': defineRoute({
    body: CreateUnitBody,
    responses: { 201: UnitView },
    handle: async ({ body, principal, now }) => {
      const audit = auditEntry('unit.create', auditTarget.unit(body.id), principal, now, body);
      return { status: 201, body: await createUnit(store, body, audit) };
    },
  }),

  'PATCH /units/{unitId}': defineRoute({
    params: UnitParams,
    body: UpdateUnitBody,
    responses: { 200: UnitView },
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
