import * as z from 'zod/mini';
import { UNIT_KINDS } from '../domain/units.ts';
import { List, Text, UnitId } from './common.ts';

export const UnitParams = z.object({ unitId: UnitId });

const UnitFields = { name: Text(100), kind: z.enum(UNIT_KINDS) };
export const CreateUnitBody = z.strictObject({ id: UnitId, ...UnitFields });
export const UpdateUnitBody = z
  .strictObject({ name: z.optional(UnitFields.name), kind: z.optional(UnitFields.kind) })
  .check(z.refine((changes) => Object.keys(changes).length > 0, '名称或类型至少填写一项'));

export const UnitView = z.object({ id: z.string(), name: z.string(), kind: z.enum(UNIT_KINDS) });
export const UnitList = List(UnitView);
