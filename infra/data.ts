import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AUDIT_CHAIN_PARTITION } from '../shared/store/auditChain.ts';
import { EXTENSIONS_PARTITION } from '../shared/store/keys.ts';
import { REQUEST_COUNTER_PREFIX } from '../shared/store/rateLimits.ts';
import { AUDIT_TABLE, MAIN_TABLE, type TableDefinition } from '../shared/store/tables.ts';

/** The actions that change items (a transaction's items are authorised as these). */
const WRITES = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/** The main table and the append-only audit table, built from `shared/store/tables.ts`. */
export class Data extends Construct {
  readonly table: TableV2;
  readonly auditTable: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = tableFrom(this, 'Main', MAIN_TABLE);
    // Its stream carries only keys: what the audit watch needs to name a changed or deleted record.
    this.auditTable = tableFrom(this, 'Audit', AUDIT_TABLE, StreamViewType.KEYS_ONLY);
  }

  /**
   * Exactly these actions on the main table and the named indexes: no
   * `index/*` wildcard, no actions a function does not call. A function
   * that may write may still never write where the audit chain stands
   * (an explicit deny on that partition): only the digester moves it.
   */
  grantMain(
    grantee: IGrantable,
    actions: string[],
    indexes: { name: keyof typeof MAIN_TABLE.indexes; actions: string[] }[] = [],
    options: { movesAuditChain?: boolean } = {},
  ): void {
    if (actions.length > 0) {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({ actions, resources: [this.table.tableArn] }),
      );
    }
    const writes = actions.filter((action) => WRITES.includes(action));
    if (writes.length > 0 && !options.movesAuditChain) {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.DENY,
          actions: writes,
          resources: [this.table.tableArn],
          conditions: {
            'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': [AUDIT_CHAIN_PARTITION] },
          },
        }),
      );
    }
    for (const index of indexes) {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({
          actions: index.actions,
          resources: [`${this.table.tableArn}/index/${index.name}`],
        }),
      );
    }
  }

  /**
   * The per-client request counters of public routes, for a function that
   * otherwise only reads: UpdateItem on the counters' partitions, no other item.
   */
  grantRequestCounters(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [this.table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${REQUEST_COUNTER_PREFIX}*`] },
        },
      }),
    );
  }

  /** DeleteItem on the entries of the office's list of extensions to decide, nothing else. */
  grantExtensionListDeletes(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:DeleteItem'],
        resources: [this.table.tableArn],
        conditions: {
          'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [EXTENSIONS_PARTITION] },
        },
      }),
    );
  }

  /** The audit search (district administrators): Query on the table and its two indexes, nothing else. */
  grantAuditSearch(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [
          this.auditTable.tableArn,
          ...Object.keys(AUDIT_TABLE.indexes).map(
            (index) => `${this.auditTable.tableArn}/index/${index}`,
          ),
        ],
      }),
    );
  }

  /** Append only (Art20): PutItem, never Update or Delete. */
  grantAuditAppend(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [this.auditTable.tableArn] }),
    );
  }
}

/** A table as shared/store/tables.ts defines it: on demand, PITR, deletion protection, retained. */
export function tableFrom(
  scope: Construct,
  id: string,
  definition: TableDefinition,
  stream?: StreamViewType,
): TableV2 {
  const key = (name: string) => ({ name, type: AttributeType.STRING });
  return new TableV2(scope, id, {
    partitionKey: key(definition.partitionKey),
    sortKey: key(definition.sortKey),
    billing: Billing.onDemand(),
    encryption: TableEncryptionV2.awsManagedKey(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    ...(stream ? { dynamoStream: stream } : {}),
    ...(definition.timeToLiveAttribute
      ? { timeToLiveAttribute: definition.timeToLiveAttribute }
      : {}),
    globalSecondaryIndexes: Object.entries(definition.indexes).map(([indexName, index]) => ({
      indexName,
      partitionKey: key(index.partitionKey),
      sortKey: key(index.sortKey),
      ...(index.include
        ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: index.include }
        : { projectionType: ProjectionType.ALL }),
    })),
  });
}
