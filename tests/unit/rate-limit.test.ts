import { describe, expect, it } from 'vitest';
import { WindowCounter } from '../../functions/src/http/rate-limit';

describe('the public rate limit window', () => {
  it('lets `max` requests through per window, then says how long to wait', () => {
    const counter = new WindowCounter({ max: 3, windowMs: 60_000 });
    expect([0, 1, 2].map(() => counter.hit('a', 1_000))).toEqual([0, 0, 0]);
    expect(counter.hit('a', 1_000)).toBe(60);
    expect(counter.hit('a', 31_000)).toBe(30);
    expect(counter.hit('b', 31_000)).toBe(0);
  });

  it('starts a fresh window once the old one has passed', () => {
    const counter = new WindowCounter({ max: 1, windowMs: 10_000 });
    expect(counter.hit('a', 0)).toBe(0);
    expect(counter.hit('a', 9_999)).toBe(1);
    expect(counter.hit('a', 10_000)).toBe(0);
  });
});
