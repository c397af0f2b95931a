import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { shanghaiDay } from '../domain/reception.ts';
import type { OutcomeCounts } from '../domain/receiptOutcomes.ts';
import type { Receipt } from '../domain/receipts.ts';
import type { TransactItem } from './audit.ts';
import type { Store } from './context.ts';
import { counterUpdate } from './counters.ts';

/**
 * A unit's day of reception figures: one small item of counters, in a
 * partition per month, so a bulletin's range is one query per month.
 */
export const receptionKey = (unitId: string, day: string) => ({
  pk: `RECEPTION#${day.slice(0, 7)}`,
  sk: `DAY#${day}#UNIT#${unitId}`,
});

/** Adds counts to the day the receipt was sent (Asia/Shanghai), in the transaction of the change. */
export function receptionUpdate(
  store: Store,
  receipt: Pick<Receipt, 'unitId' | 'sentAt'>,
  counts: OutcomeCounts,
): TransactItem[] {
  const day = shanghaiDay(receipt.sentAt);
  return counterUpdate(store, receptionKey(receipt.unitId, day), counts, {
    set: { unitId: receipt.unitId, day },
  });
}

const months = (from: string, to: string) => {
  const found: string[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7);) {
    found.push(month);
    const [year, m] = month.split('-').map(Number) as [number, number];
    month = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  }
  return found;
};

/** Every unit's day counters from `from` to `to` (days, inclusive): one query per month touched. */
export async function readReception(
  store: Store,
  from: string,
  to: string,
): Promise<{ days: { unitId: string; counts: OutcomeCounts }[] }> {
  const perMonth = await Promise.all(
    months(from, to).map(async (month) => {
      const found: { unitId: string; counts: OutcomeCounts }[] = [];
      const pages = paginateQuery(
        { client: store.db },
        {
          TableName: store.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': `RECEPTION#${month}`,
            ':from': `DAY#${from}`,
            ':to': `DAY#${to}#UNIT#\uffff`,
          },
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const { pk: _pk, sk: _sk, unitId, day: _day, ...counts } = item;
          found.push({ unitId: unitId as string, counts: counts });
        }
      }
      return found;
    }),
  );
  return { days: perMonth.flat() };
}
