import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { auditEntry, auditTarget, type AuditEntry } from './audit.ts';
import { hasAnyGroup, type Group, type Principal } from './principal.ts';

/**
 * A personal login (Art13): one person, one unit, one group. Accounts live
 * in a directory (Cognito deployed, a local one on the local platform),
 * never in the platform's tables.
 */
export interface Account {
  username: string;
  name: string;
  group: Group;
  unitId: string;
  enabled: boolean;
}

export interface NewAccount extends Omit<Account, 'enabled'> {
  /** Where the temporary password goes (out of band: Cognito's invitation, or the local mail outbox). */
  email: string;
  phone?: string | undefined;
}

/**
 * The accounts the platform keeps, whoever adapts it: Cognito's admin APIs
 * deployed, a DynamoDB Local directory locally. Handlers never know which.
 */
export interface Directory {
  listAccounts(unitId: string): Promise<Account[]>;
  getAccount(username: string): Promise<Account | undefined>;
  /** Creates the account with a temporary password sent to its email; the first sign-in must change it. Refused (ConflictError) when the username is taken. */
  createAccount(account: NewAccount): Promise<void>;
  /** A disabled account cannot sign in, and its refresh tokens are revoked. */
  setEnabled(username: string, enabled: boolean): Promise<void>;
  /** The accounts whose phone is this number (E.164), in any unit. */
  accountsWithPhone(phone: string): Promise<Account[]>;
  /** Whether a code texted to the account's phone signs it in (`signsInByPhone` decides). */
  setPhoneSignIn(username: string, allowed: boolean): Promise<void>;
}

/**
 * The console's client at the platform's own OpenID provider (locally, and
 * deployed where there is no Cognito): public (no secret), authorization
 * code with PKCE, as Cognito's app client.
 */
export const CONSOLE_CLIENT_ID = 'xinhua-console';

/**
 * Wrong passwords: after this many for one account within the window, its
 * password sign-in is refused until the window ends (where the platform
 * signs staff in itself; Cognito's threat protection does this deployed).
 */
export const PASSWORD_TRIES = 5;
export const PASSWORD_LOCK_MINUTES = 15;

export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** The password policy, Cognito's and the table directory's alike. */
export const PASSWORD_POLICY = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
} as const;

/** What a new password lacks, in the words the sign-in page shows; empty when it will do. */
export function passwordProblems(password: string): string[] {
  return [
    ...(password.length >= PASSWORD_POLICY.minLength ? [] : [`至少${PASSWORD_POLICY.minLength}位`]),
    ...(/[a-z]/.test(password) ? [] : ['含小写字母']),
    ...(/[A-Z]/.test(password) ? [] : ['含大写字母']),
    ...(/\d/.test(password) ? [] : ['含数字']),
    ...(/[^A-Za-z0-9]/.test(password) ? [] : ['含符号']),
  ];
}

/**
 * Where each group may live: the district administrator in the information
 * centre (区信息中心), the district office's clerks in the district office.
 */
const ONLY_IN: Partial<Record<Group, string>> = {
  'district-admin': 'info-center',
  'district-office': 'district-office',
};

/**
 * Who may create whom (Art5, Art6; API.md "Accounts"): the district
 * administrator any group in any unit (within ONLY_IN); a unit admin only
 * staff and heads, and only in its own unit. Anything else is 403.
 */
export function mayCreate(principal: Principal, unitId: string, group: Group): boolean {
  const placed = ONLY_IN[group] === undefined || ONLY_IN[group] === unitId;
  if (hasAnyGroup(principal, ['district-admin'])) return placed;
  if (hasAnyGroup(principal, ['unit-admin'])) {
    return principal.unitId === unitId && (group === 'unit-staff' || group === 'unit-head');
  }
  return false;
}

/** Who sees a unit's accounts: the district administrator, and that unit's admin. */
export function mayList(principal: Principal, unitId: string): boolean {
  return (
    hasAnyGroup(principal, ['district-admin']) ||
    (hasAnyGroup(principal, ['unit-admin']) && principal.unitId === unitId)
  );
}

/** The new account and its audit record, if the caller may create it. */
export function newAccount(
  account: NewAccount,
  actor: Principal,
  now: Date,
): { account: NewAccount; audit: AuditEntry } {
  if (!mayCreate(actor, account.unitId, account.group)) {
    throw new ForbiddenError(`无权在这个单位创建这类账号`);
  }
  const audit = auditEntry('account.create', auditTarget.account(account.username), actor, now, {
    unitId: account.unitId,
    group: account.group,
  });
  return { account, audit };
}

/**
 * Disabling or enabling an account: whoever could create it may (a unit
 * admin its own unit's staff and heads). The account must be in the unit
 * the request names, or it does not exist for that caller.
 */
export function accountSwitch(
  account: Account | undefined,
  unitId: string,
  enabled: boolean,
  actor: Principal,
  now: Date,
): { account: Account; audit: AuditEntry } {
  if (!account || account.unitId !== unitId || !mayList(actor, unitId)) {
    throw new NotFoundError('本单位没有这个账号');
  }
  if (!mayCreate(actor, account.unitId, account.group)) {
    throw new ForbiddenError(`无权修改这类账号`);
  }
  if (actor.username === account.username && !enabled) {
    throw new ConflictError('不能停用自己的账号');
  }
  const audit = auditEntry(
    enabled ? 'account.enable' : 'account.disable',
    auditTarget.account(account.username),
    actor,
    now,
    { unitId: account.unitId, group: account.group },
  );
  return { account: { ...account, enabled }, audit };
}
