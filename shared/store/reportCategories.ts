import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Service } from '../domain/reportCategories.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { auditPut } from './audit.ts';
import type { Store } from './context.ts';
import { putIfAbsent } from './transactions.ts';

/** Art10.4: which department answers which category is data, changed without a deploy. */
const serviceKey = (code: string) => ({ pk: 'ROUTING', sk: `SERVICE#${code}` });
const toService = ({ code, name, column, unitId, active, slaHours }: Record<string, unknown>) =>
  ({ code, name, column, unitId, active, ...(slaHours ? { slaHours } : {}) }) as Service;

export async function listServices(store: Store): Promise<Service[]> {
  const { Items = [] } = await store.db.send(
    new QueryCommand({
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'ROUTING' },
    }),
  );
  return Items.map(toService);
}

export async function getService(store: Store, code: string): Promise<Service | undefined> {
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key: serviceKey(code) }),
  );
  return Item ? toService(Item) : undefined;
}

export async function putService(
  store: Store,
  service: Service,
  audit: AuditEntry,
): Promise<Service> {
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: store.table, Item: { ...serviceKey(service.code), ...service } } },
        auditPut(store, audit),
      ],
    }),
  );
  return service;
}

/** Loads the initial categories; a category the district office changed keeps its change. */
export async function seedCategories(store: Store, services: readonly Service[]): Promise<number> {
  return putIfAbsent(
    store,
    services.map((service) => ({ ...serviceKey(service.code), ...service })),
  );
}
