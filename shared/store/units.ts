import { GetCommand, TransactWriteCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Unit, UnitKind } from '../domain/units.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { auditPut } from './audit.ts';
import type { Store } from './context.ts';
import { isConditionFailure } from './conditions.ts';
import { unitKey } from './keys.ts';
import { updateExpression } from './updateExpression.ts';
import { putIfAbsent } from './transactions.ts';

const toUnit = (item: Record<string, unknown>): Unit => ({
  id: item['id'] as string,
  name: item['name'] as string,
  kind: item['kind'] as UnitKind,
});

/** Every unit of the district: one partition, read with a query (a few hundred units at most). */
export async function listUnits(store: Store): Promise<Unit[]> {
  const units: Unit[] = [];
  const pages = paginateQuery(
    { client: store.db },
    {
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'UNITS' },
    },
  );
  for await (const page of pages) units.push(...(page.Items ?? []).map(toUnit));
  return units;
}

export async function getUnit(store: Store, unitId: string): Promise<Unit | undefined> {
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key: unitKey(unitId) }),
  );
  return Item ? toUnit(Item) : undefined;
}

export async function createUnit(store: Store, unit: Unit, audit: AuditEntry): Promise<Unit> {
  try {
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: store.table,
              Item: { ...unitKey(unit.id), ...unit },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          auditPut(store, audit),
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error))
      throw new ConflictError(`单位“${unit.id}”已存在`, [], { cause: error });
    throw error;
  }
  return unit;
}

export async function updateUnit(
  store: Store,
  unitId: string,
  changes: Partial<Omit<Unit, 'id'>>,
  audit: AuditEntry,
): Promise<Unit> {
  const update = updateExpression(changes);
  try {
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: store.table,
              Key: unitKey(unitId),
              ...update,
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          auditPut(store, audit),
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error))
      throw new NotFoundError(`单位“${unitId}”不存在`, [], { cause: error });
    throw error;
  }
  const unit = await getUnit(store, unitId);
  if (!unit) throw new NotFoundError(`单位“${unitId}”不存在`);
  return unit;
}

/** Loads units that are not there yet; a unit edited since the last seed keeps its edits. */
export async function seedUnits(store: Store, units: readonly Unit[]): Promise<number> {
  return putIfAbsent(
    store,
    units.map((unit) => ({ ...unitKey(unit.id), ...unit })),
  );
}
