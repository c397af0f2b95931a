import type { DocumentClient } from '../aws/dynamo.ts';
import { createDocumentClient } from '../aws/dynamo.ts';
import { config } from '../config.ts';

/** What every repository function needs: the client and the two table names. */
export interface Store {
  db: DocumentClient;
  table: string;
  auditTable: string;
}

let client: DocumentClient | undefined;

/**
 * The store of this process, reused across invocations. Handlers take it
 * when their module loads; it reads the environment on first use, so a
 * module can be imported (for its route schemas) where none is set.
 */
export function storeFromConfig(): Store {
  return {
    get db() {
      const { DYNAMODB_ENDPOINT, AWS_REGION } = config();
      client ??= createDocumentClient({ region: AWS_REGION, endpoint: DYNAMODB_ENDPOINT });
      return client;
    },
    get table() {
      return config().TABLE_NAME;
    },
    get auditTable() {
      return config().AUDIT_TABLE_NAME;
    },
  };
}
