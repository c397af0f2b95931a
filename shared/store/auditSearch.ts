import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { addDays } from '../domain/reception.ts';
import type { Store } from './context.ts';
import { encodeCursor as encode, invalidCursor, isKeyOf, parseCursor } from './pages.ts';

/** One line of the audit log as the search shows it. */
export interface AuditRecord {
  at: string;
  action: string;
  target: string;
  actorSub: string;
  actorUnit: string;
  sourceIp?: string;
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  target?: string | undefined;
  actor?: string | undefined;
  /** Instants, inclusive. */
  from: string;
  to: string;
}

/** How the search reads: the table by target, an index by actor, or day partitions by time. */
type Plan =
  | { by: 'target'; keys: ['pk', 'sk'] }
  | { by: 'actor'; index: 'byActor'; keys: ['pk', 'sk', 'actorSub'] }
  | { by: 'day'; index: 'byDay'; keys: ['pk', 'sk', 'day'] };

const planOf = (filter: AuditFilter): Plan =>
  filter.target
    ? { by: 'target', keys: ['pk', 'sk'] }
    : filter.actor
      ? { by: 'actor', index: 'byActor', keys: ['pk', 'sk', 'actorSub'] }
      : { by: 'day', index: 'byDay', keys: ['pk', 'sk', 'day'] };

interface Cursor {
  /** The day partition the next page starts in (time search). */
  d?: string;
  /** Where the last query stopped (DynamoDB's LastEvaluatedKey). */
  k?: Record<string, string>;
}

/**
 * A cursor this very search handed out, or a 400: its key names exactly the
 * plan's attributes, each a non-empty string within DynamoDB's key size, in
 * the partition searched and the range asked. Never a query elsewhere.
 */
function decode(text: string, plan: Plan, filter: AuditFilter): Cursor {
  const { d, k, ...rest } = parseCursor(text);
  const inPartition = (key: Record<string, string>) =>
    plan.by === 'target'
      ? key['pk'] === filter.target
      : plan.by === 'actor'
        ? key['actorSub'] === filter.actor
        : key['day'] === d;
  const inRange = (sk = '') => sk >= filter.from && sk <= `${filter.to}\uffff`;
  const keyValid = k === undefined || (isKeyOf(k, plan.keys) && inRange(k['sk']) && inPartition(k));
  const dayValid =
    plan.by === 'day'
      ? typeof d === 'string' && d >= filter.from.slice(0, 10) && d <= filter.to.slice(0, 10)
      : d === undefined && k !== undefined;
  if (Object.keys(rest).length > 0 || !keyValid || !dayValid) throw invalidCursor();
  return {
    ...(typeof d === 'string' ? { d } : {}),
    ...(isKeyOf(k, plan.keys) ? { k } : {}),
  };
}

const toRecord = (item: Record<string, unknown>): AuditRecord => ({
  at: item['at'] as string,
  action: item['action'] as string,
  target: item['pk'] as string,
  actorSub: item['actorSub'] as string,
  actorUnit: item['actorUnit'] as string,
  ...(typeof item['sourceIp'] === 'string' ? { sourceIp: item['sourceIp'] } : {}),
  ...(item['details'] ? { details: item['details'] as Record<string, unknown> } : {}),
});

/**
 * The audit log, newest first, by target (the table's own key), by actor
 * (index `byActor`) or by time alone (index `byDay`, a day at a time from
 * the newest), and within a time range always: queries only, never a scan.
 */
export async function searchAudit(
  store: Store,
  filter: AuditFilter,
  options: { cursor?: string | undefined; limit?: number } = {},
): Promise<{ items: AuditRecord[]; cursor?: string }> {
  const limit = options.limit ?? 50;
  const plan = planOf(filter);
  const start = options.cursor ? decode(options.cursor, plan, filter) : {};
  const query = async (
    partition: Omit<QueryCommandInput, 'TableName'>,
    key: Cursor['k'],
    wanted: number,
  ) => {
    const { Items = [], LastEvaluatedKey } = await store.db.send(
      new QueryCommand({
        TableName: store.auditTable,
        ...partition,
        ScanIndexForward: false,
        Limit: wanted,
        ExclusiveStartKey: key,
      }),
    );
    return { items: Items.map(toRecord), last: LastEvaluatedKey as Cursor['k'] };
  };
  const range = { ':from': filter.from, ':to': `${filter.to}\uffff` };

  if (plan.by !== 'day') {
    const partition: Omit<QueryCommandInput, 'TableName'> =
      plan.by === 'target'
        ? {
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ...(filter.actor ? { FilterExpression: 'actorSub = :actor' } : {}),
            ExpressionAttributeValues: {
              ':pk': filter.target,
              ...range,
              ...(filter.actor ? { ':actor': filter.actor } : {}),
            },
          }
        : {
            IndexName: plan.index,
            KeyConditionExpression: 'actorSub = :actor AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':actor': filter.actor, ...range },
          };
    const page = await query(partition, start.k, limit);
    return { items: page.items, ...(page.last ? { cursor: encode({ k: page.last }) } : {}) };
  }

  const items: AuditRecord[] = [];
  const firstDay = filter.from.slice(0, 10);
  let day = start.d ?? filter.to.slice(0, 10);
  let key = start.k;
  while (day >= firstDay) {
    const page = await query(
      {
        IndexName: plan.index,
        KeyConditionExpression: '#day = :day AND sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: { ':day': day, ...range },
      },
      key,
      limit - items.length,
    );
    items.push(...page.items);
    if (page.last) return { items, cursor: encode({ d: day, k: page.last }) };
    day = addDays(day, -1);
    key = undefined;
    if (items.length >= limit)
      return { items, ...(day >= firstDay ? { cursor: encode({ d: day }) } : {}) };
  }
  return { items };
}
