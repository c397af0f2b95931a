import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '../domain/reminders.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { auditPut } from './audit.ts';
import type { Store } from './context.ts';

const SETTINGS_KEY = { pk: 'SETTINGS', sk: 'REMINDERS' };
/** Settings change rarely; a warm function reads them at most once a minute. */
const CACHE_MS = 60_000;
let cache: { settings: ReminderSettings; readAt: number; table: string } | undefined;

export async function getReminderSettings(
  store: Store,
  options: { fresh?: boolean } = {},
): Promise<ReminderSettings> {
  if (
    !options.fresh &&
    cache &&
    cache.table === store.table &&
    Date.now() - cache.readAt < CACHE_MS
  )
    return cache.settings;
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key: SETTINGS_KEY, ConsistentRead: options.fresh }),
  );
  const settings =
    (Item?.['settings'] as ReminderSettings | undefined) ?? DEFAULT_REMINDER_SETTINGS;
  cache = { settings, readAt: Date.now(), table: store.table };
  return settings;
}

export async function putReminderSettings(
  store: Store,
  settings: ReminderSettings,
  audit: AuditEntry,
): Promise<ReminderSettings> {
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: store.table, Item: { ...SETTINGS_KEY, settings } } },
        auditPut(store, audit),
      ],
    }),
  );
  cache = { settings, readAt: Date.now(), table: store.table };
  return settings;
}
