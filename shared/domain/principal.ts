/** Who is calling, as the JWT claims of API.md say. */
export const GROUPS = ['district-admin', 'district-office', 'unit-admin', 'unit-staff'] as const;
export type Group = (typeof GROUPS)[number];

export interface Principal {
  sub: string;
  unitId: string;
  groups: Group[];
  /** Caller's address as the gateway saw it, for the audit log. */
  sourceIp: string;
}

export function hasAnyGroup(principal: Principal, groups: readonly Group[]): boolean {
  return principal.groups.some((group) => groups.includes(group));
}
