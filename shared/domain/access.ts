import { hasAnyGroup, type Principal } from './principal.ts';

/** The sender's unit and the district's office and administrators follow a dispatch (API.md). */
export function canViewDispatch(principal: Principal, dispatch: { senderUnit: string }): boolean {
  return (
    principal.unitId === dispatch.senderUnit ||
    hasAnyGroup(principal, ['district-office', 'district-admin'])
  );
}
