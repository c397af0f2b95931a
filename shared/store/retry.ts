import { cancellationReasons } from '../aws/dynamo.ts';
import { isConditionFailure, isTransactionConflict } from './conditions.ts';

/** How many times a write that lost a race is tried in all. */
export const RETRY_ATTEMPTS = 10;
/** Each retry waits a random time up to this many milliseconds × the attempt number. */
export const RETRY_JITTER_MS = 20;

/** Lost a race (a condition another writer broke, a conflicting transaction) or was throttled inside a transaction. */
export function isRetryable(error: unknown): boolean {
  return (
    isConditionFailure(error) ||
    isTransactionConflict(error) ||
    (cancellationReasons(error) ?? []).some((reason) => reason.Code === 'ThrottlingError')
  );
}

/**
 * The one retry policy for writes that race: `work` reads, decides and
 * writes conditionally, and is run again when its write lost the race, so
 * that it decides again on what the winner left. Up to RETRY_ATTEMPTS
 * attempts; before each retry a random wait of up to RETRY_JITTER_MS × the
 * attempt number (full jitter, growing linearly), so that racing writers
 * spread out instead of colliding again. Any other error, and the last
 * attempt's, is thrown.
 *
 * @example
 * await retryOnConflict(async () => {
 *   const receipt = await getReceipt(store, id, unit);
 *   await writeIfStill(receipt);
 * });
 */
export async function retryOnConflict<T>(work: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= RETRY_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * RETRY_JITTER_MS * attempt),
      );
    }
  }
}
