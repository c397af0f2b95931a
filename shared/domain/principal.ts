/** Who is calling, as the JWT claims of API.md say. */
export const GROUPS = [
  'district-admin',
  'district-office',
  'unit-admin',
  'unit-staff',
  /** 单位主要负责人: reads the unit's inbox like its staff, and approves and seals its upward reports. */
  'unit-head',
] as const;
export type Group = (typeof GROUPS)[number];

export interface Principal {
  sub: string;
  /** The sign-in name (`cognito:username`), where the token carries it. */
  username?: string;
  /** The person's name (the ID token's `name`), where the token carries it. */
  name?: string;
  unitId: string;
  /** Exactly one: a person in two groups, or in none, is refused before any route runs. */
  groups: Group[];
  /** Caller's address as the gateway saw it, for the audit log. */
  sourceIp: string;
}

export function hasAnyGroup(principal: Principal, groups: readonly Group[]): boolean {
  return principal.groups.some((group) => groups.includes(group));
}

/** How records name the person who acted (签收人, 反馈人, 签发人): their name, else their sign-in name. */
export const personName = (principal: Pick<Principal, 'name' | 'username' | 'sub'>): string =>
  principal.name ?? principal.username ?? principal.sub;
