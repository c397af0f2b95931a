import { cancellationReasons, isConditionalCheckFailed } from '../aws/dynamo.ts';

/** A write refused because its condition did not hold, alone or inside a transaction. */
export function isConditionFailure(error: unknown): boolean {
  return (
    isConditionalCheckFailed(error) ||
    (cancellationReasons(error) ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed')
  );
}

/** A transaction that lost a race with another one on the same item; retrying may succeed. */
export function isTransactionConflict(error: unknown): boolean {
  return (cancellationReasons(error) ?? []).some((reason) => reason.Code === 'TransactionConflict');
}

/** Whether the item at `index` of a cancelled transaction is the one whose condition failed. */
export function conditionFailedAt(error: unknown, index: number): boolean {
  return cancellationReasons(error)?.[index]?.Code === 'ConditionalCheckFailed';
}
