/**
 * Key layout of the main table. One partition per dispatch holds the
 * dispatch, its receipts and its reception problems, so the sender's view
 * is one query.
 */
export const DUE_SHARDS = 8;

export const unitKey = (unitId: string) => ({ pk: 'UNITS', sk: `UNIT#${unitId}` });
export const dispatchKey = (dispatchId: string) => ({
  pk: `DISPATCH#${dispatchId}`,
  sk: 'DISPATCH',
});
export const receiptKey = (dispatchId: string, unitId: string) => ({
  pk: `DISPATCH#${dispatchId}`,
  sk: `RECEIPT#${unitId}`,
});
export const problemKey = (dispatchId: string, unitId: string, problemId: string) => ({
  pk: `DISPATCH#${dispatchId}`,
  sk: `PROBLEM#${unitId}#${problemId}`,
});
export const idempotencyKey = (senderUnit: string, key: string) => ({
  pk: `IDEMPOTENCY#${senderUnit}#${key}`,
  sk: 'IDEMPOTENCY',
});

export const inboxPartition = (unitId: string) => `INBOX#${unitId}`;
export const reportKey = (reportId: string) => ({ pk: `REPORT#${reportId}`, sk: 'REPORT' });
/** A department's citizen reports, newest first (the `byUnit` index). */
export const queuePartition = (unitId: string) => `QUEUE#${unitId}`;
/** Reports a department handed back (退单), for the district office to route again (the `byUnit` index). */
export const RETURNED_PARTITION = 'RETURNED';
/** Reports whose extension waits for the district office's decision: one small entry each. */
export const EXTENSIONS_PARTITION = 'EXTENSIONS';
/** What a unit sent, newest first (the `byUnit` index). */
export const sentPartition = (unitId: string) => `SENT#${unitId}`;
/** Everything of a kind across units, newest first (the `feed` index): the district office's overviews. */
export const FEED = {
  dispatches: 'DISPATCHES',
  reports: 'REPORTS',
  upward: 'UPWARD',
  bulletins: 'BULLETINS',
} as const;
export const bulletinKey = (bulletinId: string) => ({
  pk: `BULLETIN#${bulletinId}`,
  sk: 'BULLETIN',
});
export const inboxSortKey = (sentAt: string, dispatchId: string) => `${sentAt}#${dispatchId}`;

/** Spreads due receipts over DUE_SHARDS partitions of the `due` index (FNV-1a of the receipt's identity). */
export function dueShard(dispatchId: string, unitId: string): string {
  let hash = 0x811c9dc5;
  for (const char of `${dispatchId}#${unitId}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `DUE#${hash % DUE_SHARDS}`;
}

/** A stored item without its table and index keys: the record itself. */
export function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, gsi2pk: _f1, gsi2sk: _f2, ...record } = item;
  return record;
}
export const attachmentKey = (attachmentId: string) => ({
  pk: `ATTACHMENT#${attachmentId}`,
  sk: 'ATTACHMENT',
});
export const upwardKey = (upwardId: string) => ({ pk: `UPWARD#${upwardId}`, sk: 'UPWARD' });
/** A unit's upward reports, newest first (the `byUnit` index). */
export const upwardPartition = (unitId: string) => `UPWARD-OF#${unitId}`;
/** A report on the public board; the board is the `BOARD` partition of the `byUnit` index, newest first. */
export const boardKey = (reportId: string) => ({ pk: `BOARD#${reportId}`, sk: 'BOARD' });
export const BOARD_PARTITION = 'BOARD';
/** Open reports of one category in one geohash cell, newest first: the nearby lookup reads a few of these. */
export const nearbyPartition = (serviceCode: string, cell: string) =>
  `NEARBY#${serviceCode}#${cell}`;
export const nearbyKey = (
  serviceCode: string,
  cell: string,
  createdAt: string,
  reportId: string,
) => ({
  pk: nearbyPartition(serviceCode, cell),
  sk: `${createdAt}#${reportId}`,
});
/** One department's figures for one day of reports: the ranking reads days × departments. */
export const rankingKey = (day: string, unitId: string) => ({
  pk: 'RANKING',
  sk: `${day}#${unitId}`,
});
