import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './errors';

/**
 * A per-client limit for the public routes (survey answers, board tables):
 * at most `max` requests per client in a fixed window, then 429 with
 * Retry-After. In memory, per process — locally that is the whole server; in
 * AWS each Lambda instance counts for itself, and API Gateway's route
 * throttling (infra/lib/api.ts) caps the total. The client's address is used
 * only for counting here and is never stored.
 *
 * The limit is generous on purpose: a room of fifty phones on the city's
 * guest Wi-Fi is one address. `PUBLIC_RATE_LIMIT_PER_MINUTE` changes it
 * (the bench raises it to measure the database, not the limiter).
 */
export interface RateLimitOptions {
  max: number;
  windowMs: number;
  /** Proxies in front of the app that append to X-Forwarded-For (CloudFront → API Gateway in AWS: 1). */
  trustedProxyHops: number;
}

export class WindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly opts: Pick<RateLimitOptions, 'max' | 'windowMs'>) {}

  /** Counts one request; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.opts.windowMs) {
      if (this.windows.size > 10_000) this.prune(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return w.count > this.opts.max ? Math.max(1, Math.ceil((w.start + this.opts.windowMs - now) / 1000)) : 0;
  }

  private prune(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.opts.windowMs) this.windows.delete(key);
  }
}

/**
 * The client as the nearest trusted proxy saw it: X-Forwarded-For is a list
 * each proxy appends to, so entries a client wrote itself come first and the
 * trustworthy one is `hops` from the end.
 */
export function clientKey(c: Context, hops: number): string {
  const chain = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[Math.max(0, chain.length - 1 - hops)] ?? 'direct';
}

export function rateLimit(opts: RateLimitOptions): MiddlewareHandler {
  const counter = new WindowCounter(opts);
  return async (c, next) => {
    const wait = counter.hit(clientKey(c, opts.trustedProxyHops));
    if (wait > 0) {
      throw new ApiError(429, 'rate_limited', 'Too many requests from this address. Try again shortly.', [], {
        'Retry-After': String(wait),
      });
    }
    return next();
  };
}

export function publicRateLimitFromEnv(): RateLimitOptions {
  const max = Number(process.env.PUBLIC_RATE_LIMIT_PER_MINUTE);
  const hops = Number(process.env.TRUSTED_PROXY_HOPS);
  return {
    max: Number.isInteger(max) && max > 0 ? max : 600,
    windowMs: 60_000,
    trustedProxyHops: Number.isInteger(hops) && hops >= 0 ? hops : 0,
  };
}

let shared: MiddlewareHandler | undefined;

/** The one limiter of the public routes (API and survey pages count together), configured at first use. */
export const publicRateLimit: MiddlewareHandler = (c, next) => {
  shared ??= rateLimit(publicRateLimitFromEnv());
  return shared(c, next);
};
