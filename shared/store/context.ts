import type { DocumentClient } from '../aws/dynamo.ts';

/** What every repository function needs: the client and the two table names. */
export interface Store {
  db: DocumentClient;
  table: string;
  auditTable: string;
}
