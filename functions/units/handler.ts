import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import {
  CreateUnitBody,
  UnitList,
  UnitParams,
  UnitView,
  UpdateUnitBody,
} from '../../shared/contract/units.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { createUnit, listUnits, updateUnit } from '../../shared/store/units.ts';

export const units = apiRoutes('units', {
  'GET /units': defineRoute({
    responses: { 200: UnitList },
    handle: async (_input, { store }) => ({ status: 200, body: { items: await listUnits(store) } }),
  }),

  'POST /units': defineRoute({
    body: CreateUnitBody,
    responses: { 201: UnitView },
    handle: async ({ body, principal, now }, { store }) => {
      const audit = auditEntry('unit.create', auditTarget.unit(body.id), principal, now, body);
      return { status: 201, body: await createUnit(store, body, audit) };
    },
  }),

  'PATCH /units/{unitId}': defineRoute({
    params: UnitParams,
    body: UpdateUnitBody,
    responses: { 200: UnitView },
    handle: async ({ params, body, principal, now }, { store }) => {
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
