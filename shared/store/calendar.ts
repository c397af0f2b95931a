import { BatchGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../domain/audit.ts';
import type { DistrictCalendar } from '../domain/duty.ts';
import { auditPut } from './audit.ts';
import type { Store } from './context.ts';

/** The district's calendar, one item per year (its holidays and the weekend days worked). */
const calendarKey = (year: number) => ({ pk: 'CALENDAR', sk: `YEAR#${year}` });

/** The calendars of these years (one request); a year nobody set is Monday to Friday. */
export async function readCalendars(store: Store, years: number[]): Promise<DistrictCalendar[]> {
  const { Responses } = await store.db.send(
    new BatchGetCommand({
      RequestItems: { [store.table]: { Keys: [...new Set(years)].map(calendarKey) } },
    }),
  );
  return (Responses?.[store.table] ?? []).map((item) => ({
    year: item['year'] as number,
    holidays: item['holidays'] as string[],
    workdays: item['workdays'] as string[],
  }));
}

export async function putCalendar(
  store: Store,
  calendar: DistrictCalendar,
  audit: AuditEntry,
): Promise<void> {
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: store.table, Item: { ...calendarKey(calendar.year), ...calendar } } },
        auditPut(store, audit),
      ],
    }),
  );
}
