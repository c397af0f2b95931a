import { describe, expect, it } from 'vitest';
import { dispatchAccess } from '../../../shared/domain/access.ts';
import type { Group, Principal } from '../../../shared/domain/principal.ts';
import type { Receipt } from '../../../shared/domain/receipts.ts';

const as = (group: Group, unitId: string): Principal => ({
  sub: `${unitId}-${group}`,
  unitId,
  groups: [group],
  sourceIp: '10.0.0.1',
});
const dispatch = { senderUnit: 'district-office' };
const healthReceipt: Receipt = {
  dispatchId: '01JDISPATCH0000000000000000',
  unitId: 'health',
  kind: 'notice',
  title: '通知',
  sentAt: '2026-11-25T02:00:00.000Z',
  ackDueAt: '2026-11-25T02:10:00.000Z',
  status: 'pending',
};

describe('who reads a dispatch, and how much of it', () => {
  it('shows the whole of it to the district office and the district administrator', () => {
    expect(dispatchAccess(as('district-office', 'district-office'), dispatch, undefined)).toBe(
      'whole',
    );
    expect(dispatchAccess(as('district-admin', 'info-center'), dispatch, undefined)).toBe('whole');
  });

  it('shows the whole of it to any member of the sending unit', () => {
    expect(dispatchAccess(as('unit-staff', 'health'), { senderUnit: 'health' }, undefined)).toBe(
      'whole',
    );
  });

  it('shows a recipient unit the item with its own receipt only', () => {
    expect(dispatchAccess(as('unit-staff', 'health'), dispatch, healthReceipt)).toBe('own-receipt');
    expect(dispatchAccess(as('unit-admin', 'health'), dispatch, healthReceipt)).toBe('own-receipt');
  });

  it('shows anyone else nothing', () => {
    expect(dispatchAccess(as('unit-staff', 'education'), dispatch, undefined)).toBe('none');
    expect(dispatchAccess(as('unit-admin', 'education'), dispatch, undefined)).toBe('none');
  });
});
