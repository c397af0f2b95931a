import { describe, expect, it } from 'vitest';
import {
  chainHour,
  firstDifference,
  GENESIS,
  nextHour,
  type AuditItem,
} from '../../../shared/domain/auditChain.ts';

const item = (sk: string, pk = 'DISPATCH#A', action = 'dispatch.send'): AuditItem => ({
  pk,
  sk,
  action,
  at: sk.slice(0, 24),
  details: { unitId: 'health', nested: { b: 1, a: 2 } },
});
const hour = [
  item('2033-02-01T10:05:00.000Z#01'),
  item('2033-02-01T10:05:00.000Z#01', 'DISPATCH#B'),
  item('2033-02-01T10:20:00.000Z#02'),
];

describe('the audit chain', () => {
  it('links each record to the one before, in a stable order whatever order they are read in', () => {
    const digest = chainHour('2033-02-01T10', GENESIS, hour);
    expect(chainHour('2033-02-01T10', GENESIS, [...hour].reverse())).toEqual(digest);
    expect(digest.records.map((r) => r.pk)).toEqual(['DISPATCH#A', 'DISPATCH#B', 'DISPATCH#A']);
    expect(digest.last).toBe(digest.records[2]!.hash);
    // Another start gives other links: an hour cannot be moved into another place of the chain.
    expect(chainHour('2033-02-01T10', digest.last, hour).last).not.toBe(digest.last);
    // Key order inside a record does not matter: the JSON is canonical.
    const reordered = hour.map(({ details, ...rest }) => ({ details, ...rest }));
    expect(chainHour('2033-02-01T10', GENESIS, reordered)).toEqual(digest);
  });

  it('names the first record changed, deleted or added', () => {
    const digest = chainHour('2033-02-01T10', GENESIS, hour);
    expect(firstDifference(digest, hour)).toBeUndefined();
    const changed = hour.map((record, i) => (i === 1 ? { ...record, action: 'x' } : record));
    expect(firstDifference(digest, changed)).toEqual({
      pk: 'DISPATCH#B',
      sk: '2033-02-01T10:05:00.000Z#01',
      problem: 'changed',
    });
    expect(firstDifference(digest, [hour[0]!, hour[2]!])).toEqual({
      pk: 'DISPATCH#B',
      sk: '2033-02-01T10:05:00.000Z#01',
      problem: 'deleted',
    });
    const added = item('2033-02-01T10:10:00.000Z#09');
    expect(firstDifference(digest, [...hour, added])).toEqual({
      pk: 'DISPATCH#A',
      sk: '2033-02-01T10:10:00.000Z#09',
      problem: 'added',
    });
    expect(firstDifference(digest, [...hour, item('2033-02-01T10:59:00.000Z#10')])).toMatchObject({
      problem: 'added',
    });
  });

  it('counts hours across days', () => {
    expect(nextHour('2033-02-01T23')).toBe('2033-02-02T00');
  });
});
