import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { GetCommand, PutCommand, UpdateCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Account, Directory, NewAccount } from '../domain/accounts.ts';
import { ConflictError } from '../errors.ts';
import { isConditionFailure } from './conditions.ts';
import type { Store } from './context.ts';
import { putIfAbsent } from './transactions.ts';

const hash = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
) => Promise<Buffer>;
const KEY_LENGTH = 64;

/** scrypt with a salt of its own (Node's defaults: N=16384, r=8, p=1): `scrypt$<salt>$<hash>`. */
export async function hashPassword(password: string, salt = randomBytes(16)): Promise<string> {
  const key = await hash(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [, salt = '', expected = ''] = stored.split('$');
  const key = await hash(password, Buffer.from(salt, 'base64url'), KEY_LENGTH);
  const wanted = Buffer.from(expected, 'base64url');
  return wanted.length === key.length && timingSafeEqual(wanted, key);
}

/** A temporary password that meets the policy, as Cognito would make one. */
const temporaryPassword = () => `Xh!${randomBytes(8).toString('hex')}7`;

interface StoredAccount extends Account {
  email?: string;
  phone?: string;
  passwordHash: string;
  /** A temporary password: the first sign-in must set a new one. */
  mustChangePassword: boolean;
  /** A code texted to `phone` signs the account in (as Cognito's verified `phone_number`). */
  phoneSignIn?: boolean;
  /** When it was last disabled (ms): no session or token from before then works again. */
  signedOutAt?: number;
}

/** How a new account's temporary password reaches its holder. */
export interface TemporaryPasswords {
  /** Refuses (a 4xx error) an account the password could not reach, before anything is written. */
  check?(account: NewAccount): void;
  send(account: NewAccount, password: string): Promise<void>;
}

const ACCOUNTS = 'ACCOUNTS';
const accountKey = (username: string) => ({ pk: ACCOUNTS, sk: `ACCOUNT#${username}` });
const toAccount = ({ username, name, group, unitId, enabled }: StoredAccount): Account => ({
  username,
  name,
  group,
  unitId,
  enabled,
});

export type SignIn =
  | { outcome: 'signed-in'; account: Account }
  | { outcome: 'must-change-password'; account: Account }
  /** A wrong password (`account` when the name is one: its failure is audited) or an unknown name. */
  | { outcome: 'refused'; account?: Account }
  | { outcome: 'disabled' };

/**
 * The platform's own directory, where Cognito is not the directory: accounts
 * in a DynamoDB table of their own (the identity table deployed in the China
 * regions, a DynamoDB Local table locally), passwords hashed with scrypt,
 * temporary passwords sent by `temporaryPasswords` (texted deployed, mailed
 * to `.local/mail-outbox.jsonl` locally). The account routes use it through
 * `Directory`; the platform's OpenID provider signs people in with the rest.
 */
export function tableDirectory(
  store: Pick<Store, 'db' | 'table'>,
  temporaryPasswords: TemporaryPasswords,
) {
  const read = async (username: string) => {
    const { Item } = await store.db.send(
      new GetCommand({ TableName: store.table, Key: accountKey(username), ConsistentRead: true }),
    );
    return Item as StoredAccount | undefined;
  };

  /** The directory's own small table: one query of its accounts, filtered by one attribute. */
  const accountsWhere = async (attribute: 'unitId' | 'phone', value: string) => {
    const found: StoredAccount[] = [];
    const pages = paginateQuery(
      { client: store.db },
      {
        TableName: store.table,
        KeyConditionExpression: 'pk = :accounts',
        FilterExpression: '#attribute = :value',
        ExpressionAttributeNames: { '#attribute': attribute },
        ExpressionAttributeValues: { ':accounts': ACCOUNTS, ':value': value },
      },
    );
    for await (const page of pages) found.push(...(page.Items as StoredAccount[]));
    return found;
  };

  const directory = {
    async listAccounts(unitId) {
      return (await accountsWhere('unitId', unitId)).map(toAccount);
    },

    async accountsWithPhone(phone) {
      return (await accountsWhere('phone', phone)).map(toAccount);
    },

    async setPhoneSignIn(username, allowed) {
      await store.db.send(
        new UpdateCommand({
          TableName: store.table,
          Key: accountKey(username),
          UpdateExpression: 'SET phoneSignIn = :allowed',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':allowed': allowed },
        }),
      );
    },

    async getAccount(username) {
      const stored = await read(username);
      return stored ? toAccount(stored) : undefined;
    },

    async createAccount(account: NewAccount) {
      temporaryPasswords.check?.(account);
      const password = temporaryPassword();
      const stored: StoredAccount = {
        ...account,
        enabled: true,
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
      };
      try {
        await store.db.send(
          new PutCommand({
            TableName: store.table,
            Item: { ...accountKey(account.username), ...stored },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) {
          throw new ConflictError(`the username "${account.username}" is taken`, [], {
            cause: error,
          });
        }
        throw error;
      }
      await temporaryPasswords.send(account, password);
    },

    /**
     * Disabling also signs the person out everywhere, as Cognito's global
     * sign-out does: the OpenID provider honours no session or token from
     * before `signedOutAt`, so enabling the account again brings none back.
     */
    async setEnabled(username, enabled) {
      await store.db.send(
        new UpdateCommand({
          TableName: store.table,
          Key: accountKey(username),
          UpdateExpression: enabled
            ? 'SET enabled = :enabled'
            : 'SET enabled = :enabled, signedOutAt = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':enabled': enabled,
            ...(enabled ? {} : { ':now': Date.now() }),
          },
        }),
      );
    },
  } satisfies Directory;

  return {
    ...directory,
    /** The directory's own table. */
    table: store.table,

    /** Checks a password: a disabled account is refused whatever its password. */
    async signIn(username: string, password: string): Promise<SignIn> {
      const stored = await read(username);
      if (!stored) return { outcome: 'refused' };
      if (!(await passwordMatches(password, stored.passwordHash)))
        return { outcome: 'refused', account: toAccount(stored) };
      if (!stored.enabled) return { outcome: 'disabled' };
      const account = toAccount(stored);
      return stored.mustChangePassword
        ? { outcome: 'must-change-password', account }
        : { outcome: 'signed-in', account };
    },

    /**
     * The one enabled account a code texted to this number may sign in, as
     * Cognito's SMS_OTP finds it; none when no account, or more than one, may.
     */
    async phoneSignInAccount(phone: string): Promise<Account | undefined> {
      const [account, ...others] = (await accountsWhere('phone', phone)).filter(
        (candidate) => candidate.enabled && candidate.phoneSignIn === true,
      );
      return account && others.length === 0 ? toAccount(account) : undefined;
    },

    /** The account as the OpenID provider sees it, with when it was last signed out everywhere. */
    async signInRecord(
      username: string,
    ): Promise<{ account: Account; signedOutAt: number } | undefined> {
      const stored = await read(username);
      return stored && { account: toAccount(stored), signedOutAt: stored.signedOutAt ?? 0 };
    },

    /** Whether this is the account's password now (a new password may not be the temporary one). */
    async passwordMatches(username: string, password: string): Promise<boolean> {
      const stored = await read(username);
      return stored !== undefined && (await passwordMatches(password, stored.passwordHash));
    },

    async changePassword(username: string, password: string): Promise<void> {
      await store.db.send(
        new UpdateCommand({
          TableName: store.table,
          Key: accountKey(username),
          UpdateExpression: 'SET passwordHash = :hash, mustChangePassword = :false',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':hash': await hashPassword(password), ':false': false },
        }),
      );
    },

    /** Accounts given with their password (the demo accounts); those there already are left alone. */
    async seed(accounts: (Account & { passwordHash: string })[]): Promise<number> {
      return putIfAbsent(
        store,
        accounts.map((account) => ({
          ...accountKey(account.username),
          ...account,
          mustChangePassword: false,
        })),
      );
    },
  };
}

export type TableDirectory = ReturnType<typeof tableDirectory>;
