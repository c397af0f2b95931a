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
