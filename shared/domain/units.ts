/** The district's units (Art4, Art5): departments, townships and street offices. */
export const UNIT_KINDS = ['department', 'township', 'street-office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
}
