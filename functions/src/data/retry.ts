import { setTimeout as sleep } from 'node:timers/promises';

/** A write that met another transaction on the same item; DynamoDB asks for a retry. */
function conflicted(err: unknown): boolean {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
  return (
    e.name === 'TransactionConflictException' ||
    (e.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict')
  );
}

/**
 * Runs `write` again (with jittered back-off, at most five times) while it
 * only met a concurrent transaction. The retry re-evaluates its conditions, so
 * a write that lost the race then fails on them as it should.
 */
export async function retryingConflicts<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= 4 || !conflicted(err)) throw err;
      await sleep(Math.random() * 25 * 2 ** attempt);
    }
  }
}
