import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../aws/dynamo.ts';
import { config } from '../config.ts';

/** What every repository function needs: the client and the two table names. */
export interface Store {
  db: DynamoDBDocumentClient;
  table: string;
  auditTable: string;
}

let fromConfig: Store | undefined;

/** The store of this process, built once from the environment and reused across invocations. */
export function storeFromConfig(): Store {
  if (!fromConfig) {
    const { TABLE_NAME, AUDIT_TABLE_NAME, DYNAMODB_ENDPOINT, AWS_REGION } = config();
    fromConfig = {
      db: createDocumentClient({ region: AWS_REGION, endpoint: DYNAMODB_ENDPOINT }),
      table: TABLE_NAME,
      auditTable: AUDIT_TABLE_NAME,
    };
  }
  return fromConfig;
}
