import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The tables as data: the CDK stack and the local platform both build their
 * tables from these definitions, so the two can never drift apart.
 */
export interface IndexDefinition {
  partitionKey: string;
  sortKey: string;
  /** Attributes projected besides the keys; undefined projects all. */
  include?: string[];
}

export interface TableDefinition {
  partitionKey: string;
  sortKey: string;
  timeToLiveAttribute?: string;
  indexes: Record<string, IndexDefinition>;
}

export const MAIN_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  indexes: {
    /** A unit's inbox and, later, a department's report queue, newest first. */
    byUnit: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /**
     * Everything of a kind across units, newest first: every dispatch, every
     * citizen report (the district office's overviews). Lists show no bodies,
     * so only what they show is projected (20 attributes at most per index,
     * as CloudFormation checks).
     */
    feed: {
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
      include: [
        ...[
          'id',
          'kind',
          'title',
          'sentAt',
          'ackDueAt',
          'respondBy',
          'recipientCount',
          'copyCount',
          'docNumber',
          'urgency',
        ],
        'tally',
        ...[
          'serviceCode',
          'unitId',
          'description',
          'lat',
          'lng',
          'address',
          'status',
          'createdAt',
          'photos',
        ],
      ],
    },
    /**
     * Sparse: only receipts that still owe something, and citizens' reports
     * in a department's hands, carry `duePk`/`dueAt`.
     * Projects what the reminder check decides with (domain/reminders.ts,
     * obligations.ts, supervision.ts) and the day a miss is counted on.
     */
    due: {
      partitionKey: 'duePk',
      sortKey: 'dueAt',
      include: [
        'dispatchId',
        'unitId',
        'senderUnit',
        'kind',
        'status',
        'sentAt',
        'ackDueAt',
        'respondBy',
        'acknowledgedAt',
        'remindersSent',
        'supervision',
        'missedAt',
        'overdue',
        // Citizens' reports (domain/workOrders.ts), the id from their key.
        'slaDueAt',
        'firstReplyDueAt',
        'assignedAt',
        'createdAt',
        'judged',
      ],
    },
  },
} satisfies TableDefinition;

/**
 * Append-only: functions may only PutItem here. Its key is the target and
 * `at#id`, so a target's history is one query; the indexes serve the audit
 * search by actor and by time (a partition per UTC day), never a scan.
 */
export const AUDIT_TABLE: TableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    byActor: { partitionKey: 'actorSub', sortKey: 'sk' },
    byDay: { partitionKey: 'day', sortKey: 'sk' },
  },
};

/**
 * The table directory and the platform's OpenID provider: accounts in one
 * partition (`ACCOUNTS`), the provider's sessions, sign-in steps and keys
 * in partitions of their own (`OIDC#…`), which lapse at `expiresAt`. The
 * local platform's; deployed where there is no Cognito (the identity table).
 */
export const DIRECTORY_TABLE: TableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  indexes: {},
};

export function createTableInput(
  tableName: string,
  definition: TableDefinition,
): CreateTableCommandInput {
  const keyNames = new Set([definition.partitionKey, definition.sortKey]);
  for (const index of Object.values(definition.indexes)) {
    keyNames.add(index.partitionKey).add(index.sortKey);
  }
  const indexes = Object.entries(definition.indexes).map(([IndexName, index]) => ({
    IndexName,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: index.include
      ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: index.include }
      : { ProjectionType: 'ALL' as const },
  }));
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...keyNames].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: definition.partitionKey, KeyType: 'HASH' },
      { AttributeName: definition.sortKey, KeyType: 'RANGE' },
    ],
    ...(indexes.length > 0 ? { GlobalSecondaryIndexes: indexes } : {}),
  };
}
