import { ForbiddenError } from '../errors.ts';
import type { Dispatch } from './dispatches.ts';
import { hasAnyGroup, type Principal } from './principal.ts';
import type { Receipt } from './receipts.ts';

/**
 * Who may read a dispatch, and how much of it (API.md): the sender's unit and
 * the district's office and administrators follow the whole of it; a
 * recipient unit reads the item with its own receipt only, since it must
 * read what it acknowledges; anyone else learns nothing, not even that it
 * exists.
 */
export function dispatchAccess(
  principal: Principal,
  dispatch: Pick<Dispatch, 'senderUnit'>,
  ownReceipt: Receipt | undefined,
): 'whole' | 'own-receipt' | 'none' {
  if (
    principal.unitId === dispatch.senderUnit ||
    hasAnyGroup(principal, ['district-office', 'district-admin'])
  ) {
    return 'whole';
  }
  return ownReceipt ? 'own-receipt' : 'none';
}

/**
 * Whose dispatches a person lists (API.md "Overviews"): the district office
 * and administrators every one; anyone else what their own unit sent.
 */
export function dispatchListScope(principal: Principal): { sender?: string } {
  return hasAnyGroup(principal, ['district-office', 'district-admin'])
    ? {}
    : { sender: principal.unitId };
}

/**
 * Whose citizen reports a person lists: the district office every
 * department's, or one department's if it asks (to find what was misrouted);
 * a department its own queue only.
 */
export function reportListScope(
  principal: Principal,
  unitId: string | undefined,
): { unitId?: string } {
  if (hasAnyGroup(principal, ['district-office'])) return unitId ? { unitId } : {};
  if (unitId !== undefined && unitId !== principal.unitId) {
    throw new ForbiddenError('部门只能查看本部门的诉求');
  }
  return { unitId: principal.unitId };
}

/** Who reads a citizen report whole: the department it is routed to, and the district office. */
export function canReadReport(principal: Principal, report: { unitId: string }): boolean {
  return principal.unitId === report.unitId || hasAnyGroup(principal, ['district-office']);
}
