import { config } from '../config.ts';
import type { Directory } from '../domain/accounts.ts';
import { storeFromConfig } from '../store/context.ts';
import { localDirectory } from '../store/localDirectory.ts';
import { jsonService } from './awsCall.ts';
import { cognitoDirectory } from './cognitoDirectory.ts';
import { outboxMailer } from './mail.ts';

let chosen: Directory | undefined;

/**
 * The account directory of this process: the user pool (USER_POOL_ID)
 * deployed, the local directory table (DIRECTORY_TABLE) on the local
 * platform. Chosen on first use, so that the module can be imported (for
 * its route schemas) where no environment is set.
 */
export function directoryFromConfig(): Directory {
  const directory = (): Directory => {
    if (!chosen) {
      const { USER_POOL_ID, DIRECTORY_TABLE, MAIL_OUTBOX_FILE, AWS_REGION } = config();
      if (DIRECTORY_TABLE) {
        if (!MAIL_OUTBOX_FILE) throw new Error('the local directory needs MAIL_OUTBOX_FILE');
        const { db } = storeFromConfig();
        chosen = localDirectory({ db, table: DIRECTORY_TABLE }, outboxMailer(MAIL_OUTBOX_FILE));
      } else if (USER_POOL_ID) {
        const cognito = jsonService({
          name: 'cognito-idp',
          target: 'AWSCognitoIdentityProviderService',
          jsonVersion: '1.1',
          region: AWS_REGION,
        });
        chosen = cognitoDirectory(cognito, USER_POOL_ID);
      } else {
        throw new Error('neither USER_POOL_ID nor DIRECTORY_TABLE is set');
      }
    }
    return chosen;
  };
  return {
    listAccounts: (unitId) => directory().listAccounts(unitId),
    getAccount: (username) => directory().getAccount(username),
    createAccount: (account) => directory().createAccount(account),
    setEnabled: (username, enabled) => directory().setEnabled(username, enabled),
  };
}
