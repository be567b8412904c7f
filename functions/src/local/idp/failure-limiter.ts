/**
 * Slows password guessing on the local sign-in: after `maxFailures` wrong
 * passwords for one address within `windowMs`, that address is refused until
 * the window has passed. In memory, as the local server is one process
 * (Cognito has its own lockout in AWS).
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly opts: { maxFailures: number; windowMs: number }) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.opts.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds until `key` may try again; 0 when it may now. */
  retryAfterSeconds(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    if (list.length < this.opts.maxFailures) return 0;
    return Math.ceil((list[0]! + this.opts.windowMs - now) / 1000);
  }

  fail(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
