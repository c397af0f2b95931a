/**
 * The first district administrator of a deployment where the platform signs
 * staff in itself (`-c identity=platform`, the China regions): there is no
 * Cognito console to make one. Makes the account in the identity table, in
 * the information centre (区信息中心), and prints its temporary password
 * here, once; its first sign-in must set a new one. Every later account is
 * made in the console's 账号管理.
 *
 *   npm run first-admin -- --table <IdentityTable output> --username wang.admin \
 *     --name 王某 --email wang@example.gov.cn --phone 13800000000 [--region cn-north-1]
 */
import { parseArgs } from 'node:util';
import { CreateAccountBody } from '../shared/contract/accounts.ts';
import type { NewAccount } from '../shared/domain/accounts.ts';
import type { DocumentClient } from '../shared/aws/dynamo.ts';
import { tableDirectory } from '../shared/store/directory.ts';

/** The information centre's district administrator, its temporary password handed to `print`. */
export async function createFirstAdmin(
  table: { db: DocumentClient; table: string },
  person: { username: string; name: string; email: string; phone: string },
  print: (line: string) => void,
): Promise<NewAccount> {
  const body = CreateAccountBody.parse({ ...person, group: 'district-admin' });
  const account: NewAccount = { ...body, unitId: 'info-center' };
  await tableDirectory(table, {
    send: (created, password) => {
      print(
        `${created.username} (district-admin, info-center) made; temporary password, shown once: ${password}`,
      );
      return Promise.resolve();
    },
  }).createAccount(account);
  return account;
}

if (process.argv[1]?.endsWith('first-admin.ts')) {
  const { values } = parseArgs({
    options: {
      table: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
    },
  });
  const { table, username, name, email, phone } = values;
  if (!table || !username || !name || !email || !phone) {
    console.error(
      'usage: npm run first-admin -- --table <IdentityTable> --username <name> --name <姓名> --email <address> --phone <mobile> [--region <region>]',
    );
    process.exit(2);
  }
  const { createDocumentClient } = await import('../shared/aws/dynamo.ts');
  const region = values.region ?? process.env['AWS_REGION'] ?? 'cn-north-1';
  const db = createDocumentClient({ region, endpoint: values.endpoint });
  try {
    await createFirstAdmin({ db, table }, { username, name, email, phone }, console.log);
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    process.exit(1);
  }
}
