import {
  PutCommand,
  type PutCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { AuditEntry } from '../domain/audit.ts';
import type { Store } from './context.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The audit record as a transaction item, written in the same transaction as
 * the change it records. Only ever a Put that refuses to overwrite.
 */
export function auditPut(store: Store, entry: AuditEntry): TransactItem {
  return {
    Put: {
      TableName: store.auditTable,
      Item: {
        pk: entry.target,
        sk: `${entry.at}#${ulid()}`,
        action: entry.action,
        actorSub: entry.actor.sub,
        actorUnit: entry.actor.unitId,
        actorGroups: entry.actor.groups,
        sourceIp: entry.actor.sourceIp,
        at: entry.at,
        // The UTC day: the audit search's partition by time (index `byDay`).
        day: entry.at.slice(0, 10),
        details: entry.details,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export type { TransactItem };

/**
 * The audit record of a change made outside the table (in the account
 * directory): written right after the change succeeds, since no
 * transaction spans both.
 */
export async function appendAudit(store: Store, entry: AuditEntry): Promise<void> {
  await store.db.send(new PutCommand(auditPut(store, entry).Put as PutCommandInput));
}
