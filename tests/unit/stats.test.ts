import * as fc from 'fast-check';
import {
  cardBalance,
  momentsDisclose,
  describeChange,
  meanDifference,
  proportionDifference,
  publishableRating,
  publishableShare,
  ratingSummary,
  tCdf,
  tQuantile,
  wilson,
} from '@sillat/shared/stats';
import { describe, expect, it } from 'vitest';

/** Both ends of an interval to `digits` decimals. */
function expectInterval(actual: readonly [number, number] | null, expected: [number, number], digits = 4) {
  expect(actual).not.toBeNull();
  expect(actual![0]).toBeCloseTo(expected[0], digits);
  expect(actual![1]).toBeCloseTo(expected[1], digits);
}

describe("Student's t quantile", () => {
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [5, 2.5706],
    [9, 2.2622],
    [10, 2.2281],
    [30, 2.0423],
    [100, 1.984],
    [1e6, 1.96],
  ])('t(0.975, df=%s) matches the table value %s', (df, expected) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(expected, 4);
  });

  it('is symmetric, zero at the median, and inverts the CDF for fractional df', () => {
    expect(tQuantile(0.025, 10)).toBeCloseTo(-2.2281, 4);
    expect(tQuantile(0.5, 3)).toBe(0);
    // Table values t(0.995, 4) = 4.6041 and t(0.95, 20) = 1.7247.
    expect(tQuantile(0.995, 4)).toBeCloseTo(4.6041, 4);
    expect(tQuantile(0.95, 20)).toBeCloseTo(1.7247, 4);
    expect(tCdf(tQuantile(0.975, 17.3), 17.3)).toBeCloseTo(0.975, 10);
    // df = 1 is the Cauchy distribution: P(T ≤ 1) = 3/4 exactly.
    expect(tCdf(1, 1)).toBeCloseTo(0.75, 12);
  });

  it('refuses probabilities outside (0, 1) and non-positive df', () => {
    expect(() => tQuantile(1, 5)).toThrow(RangeError);
    expect(() => tQuantile(0.975, 0)).toThrow(RangeError);
  });
});

describe('Wilson score interval', () => {
  it('matches hand-computed values', () => {
    // p = 0.5, z² = 3.8415: centre 0.5, half = z/(1 + z²/10)·√(0.025 + z²/400) = 0.2634.
    expectInterval(wilson(5, 10), [0.2366, 0.7634]);
    // k = 0: [0, (z²/n)/(1 + z²/n)] = [0, 0.38415/1.38415] = [0, 0.2775].
    expectInterval(wilson(0, 10), [0, 0.2775]);
    expectInterval(wilson(10, 10), [0.7225, 1]);
    expect(wilson(0, 10)![0]).toBe(0);
    expect(wilson(10, 10)![1]).toBe(1);
  });

  it('has no interval for nobody and refuses impossible counts', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(11, 10)).toThrow(RangeError);
    expect(() => wilson(1.5, 10)).toThrow(RangeError);
  });
});

describe('rating summary', () => {
  it('gives the mean with a Student-t CI and the 4–5 share with a Wilson CI', () => {
    // [0,2,3,4,1], n = 10: mean = (2·2 + 3·3 + 4·4 + 1·5)/10 = 34/10 = 3.4.
    // Squared deviations: 2·1.96 + 3·0.16 + 4·0.36 + 1·2.56 = 8.4; SD = √(8.4/9) = 0.966092.
    // Half-width = t(0.975, 9) · SD/√10 = 2.262157 · 0.305505 = 0.691101 → [2.7089, 4.0911].
    const s = ratingSummary([0, 2, 3, 4, 1]);
    expect(s.n).toBe(10);
    expect(s.mean).toBeCloseTo(3.4, 12);
    expect(s.sd).toBeCloseTo(0.966092, 6);
    expectInterval(s.ci, [2.7089, 4.0911]);
    expect(s.shareHigh).toBe(0.5);
    expectInterval(s.shareHighCi, [0.2366, 0.7634]);
  });

  it('has nothing for nobody, no SD or CI for one answer, and a degenerate CI when everyone agrees', () => {
    expect(ratingSummary([0, 0, 0, 0, 0])).toEqual({
      n: 0,
      mean: null,
      sd: null,
      ci: null,
      shareHigh: null,
      shareHighCi: null,
    });
    const one = ratingSummary([0, 0, 1, 0, 0]);
    expect([one.n, one.mean, one.sd, one.ci, one.shareHigh]).toEqual([1, 3, null, null, 0]);
    const same = ratingSummary([0, 0, 0, 7, 0]);
    expect([same.mean, same.sd, same.ci, same.shareHigh]).toEqual([4, 0, [4, 4], 1]);
  });

  it('refuses counts that are not five non-negative whole numbers', () => {
    expect(() => ratingSummary([1, 2, 3])).toThrow(RangeError);
    expect(() => ratingSummary([1, -1, 0, 0, 0])).toThrow(RangeError);
  });
});

describe('differences between rounds', () => {
  it('gives the Welch CI of a change in mean rating', () => {
    // a = [0,2,3,4,1]: mean 3.4, s² = 8.4/9, s²/n = 7/75.
    // b = [0,0,2,4,4]: mean (6 + 16 + 20)/10 = 4.2, squared deviations 2·1.44 + 4·0.04 + 4·0.64 = 5.6,
    //   s² = 5.6/9, s²/n = 14/225.
    // SE² = 7/75 + 14/225 = 7/45; df = (7/45)² / (((7/75)² + (14/225)²)/9) = 225/13 ≈ 17.31.
    // t(0.975, 225/13) = 2.1070 (between the table's 2.1098 at 17 and 2.1009 at 18).
    // 0.8 ± 2.1070 · √(7/45) = 0.8 ± 0.8310 → [−0.0310, 1.6310]: spans zero.
    expect(tQuantile(0.975, 225 / 13)).toBeCloseTo(2.107, 3);
    const d = meanDifference([0, 2, 3, 4, 1], [0, 0, 2, 4, 4])!;
    expect(d.estimate).toBeCloseTo(0.8, 12);
    expectInterval(d.ci, [-0.031, 1.631]);
    expect(describeChange(d)).toBe('noClearChange');
  });

  it('uses the other round’s df when one round has no spread, and degenerates when neither has', () => {
    // a = [0,0,10,0,0] (all 3, variance 0); b = [0,2,3,4,1]: SE = 0.305505, df = 9 → 0.4 ± 0.691101.
    expectInterval(meanDifference([0, 0, 10, 0, 0], [0, 2, 3, 4, 1])!.ci, [-0.2911, 1.0911]);
    expect(meanDifference([0, 0, 5, 0, 0], [0, 0, 0, 5, 0])).toEqual({ estimate: 1, ci: [1, 1] });
  });

  it('cannot compare a round with fewer than two answers', () => {
    expect(meanDifference([0, 0, 1, 0, 0], [0, 2, 3, 4, 1])).toBeNull();
    expect(meanDifference([0, 2, 3, 4, 1], [0, 0, 0, 0, 0])).toBeNull();
  });

  it("gives Newcombe's hybrid score interval for a change in a share (Newcombe 1998, table II)", () => {
    // 56/70 vs 48/80: p1 − p2 = 0.2 with method 10 interval [0.0524, 0.3339].
    const forward = proportionDifference(48, 80, 56, 70)!;
    expect(forward.estimate).toBeCloseTo(0.2, 12);
    expectInterval(forward.ci, [0.0524, 0.3339]);
    expect(describeChange(forward)).toBe('improved');
    const backward = proportionDifference(56, 70, 48, 80)!;
    expect(backward.estimate).toBeCloseTo(-0.2, 12);
    expectInterval(backward.ci, [-0.3339, -0.0524]);
    expect(describeChange(backward)).toBe('worsened');
  });

  it('keeps the share interval sensible at 0% and 100%', () => {
    // 0/10 vs 0/10: ±(Wilson upper of 0/10) = ±0.2775.
    expectInterval(proportionDifference(0, 10, 0, 10)!.ci, [-0.2775, 0.2775]);
    // 5/10 → 10/10, d = 0.5. Wilson: 5/10 → [0.2366, 0.7634], 10/10 → [0.7225, 1].
    // Lower: 0.5 − √((1 − 0.7225)² + (0.7634 − 0.5)²) = 0.5 − 0.3826 = 0.1174.
    // Upper: 0.5 + √((1 − 1)² + (0.5 − 0.2366)²) = 0.7634.
    expectInterval(proportionDifference(5, 10, 10, 10)!.ci, [0.1174, 0.7634]);
    expect(proportionDifference(0, 0, 3, 10)).toBeNull();
  });

  it('only claims a change when the whole interval is on one side of zero', () => {
    expect(describeChange({ estimate: 0.5, ci: [0.1, 0.9] })).toBe('improved');
    expect(describeChange({ estimate: -0.5, ci: [-0.9, -0.1] })).toBe('worsened');
    expect(describeChange({ estimate: 0.5, ci: [0, 1] })).toBe('noClearChange');
    expect(describeChange({ estimate: -0.5, ci: [-1, 0] })).toBe('noClearChange');
    expect(describeChange({ estimate: 0, ci: [0, 0] })).toBe('noClearChange');
    expect(describeChange(null)).toBe('notComparable');
  });
});

describe('card balance', () => {
  it('is (positive − negative)/total, and undefined without cards', () => {
    expect(cardBalance(6, 2)).toEqual({ total: 8, balance: 0.5 });
    expect(cardBalance(0, 3)).toEqual({ total: 3, balance: -1 });
    expect(cardBalance(0, 0)).toEqual({ total: 0, balance: null });
  });
});

describe('publishable figures (threshold 5 unless stated)', () => {
  it('shows everything when every count is 0 or at least the threshold', () => {
    const p = publishableRating([0, 5, 0, 5, 5]);
    expect(p.n).toBe(15);
    expect(p.mean).toBeCloseTo(11 / 3, 12);
    expect(p.ci).not.toBeNull();
    expect(p.shareHigh).toBeCloseTo(2 / 3, 12);
    expect(p.shareHighCi).not.toBeNull();
  });

  it('hides everything but a zero n below the threshold: 4 people vs 5', () => {
    expect(publishableRating([0, 0, 0, 4, 0])).toEqual({
      n: null,
      mean: null,
      sd: null,
      ci: null,
      shareHigh: null,
      shareHighCi: null,
    });
    const five = publishableRating([0, 0, 0, 5, 0]);
    expect([five.n, five.mean, five.ci, five.shareHigh]).toEqual([5, 4, [4, 4], 1]);
    expect(publishableRating([0, 0, 0, 0, 0]).n).toBe(0);
  });

  it('hides the mean when n and the mean alone would pin a small count down', () => {
    // 10 answers with mean 4.9: the sum is 49 of a possible 50, so exactly one person gave a 4.
    const p = publishableRating([0, 0, 0, 1, 9]);
    expect(p.n).toBe(10);
    expect([p.mean, p.sd, p.ci]).toEqual([null, null, null]);
    // All ten rated 4–5, so the share (10 of 10) is shown: it reveals nothing about the hidden 1.
    expect(p.shareHigh).toBe(1);
  });

  it('hides the 4–5 share when it or its complement is a small count', () => {
    // 4 of 10 rated 4–5 (the share would give away 4), and 6 of 10 rated 4–5 (its complement, 4, is small).
    for (const counts of [
      [0, 0, 6, 4, 0],
      [0, 0, 4, 6, 0],
    ]) {
      const p = publishableRating(counts);
      expect([p.n, p.shareHigh, p.shareHighCi]).toEqual([10, null, null]);
    }
    // 5 and 5: both at the threshold, shown.
    expect(publishableRating([0, 0, 5, 5, 0]).shareHigh).toBe(0.5);
  });

  it('follows a configured threshold', () => {
    const p = publishableRating([0, 3, 0, 0, 3], 3);
    expect([p.n, p.mean, p.shareHigh]).toEqual([6, 3.5, 0.5]);
    expect(publishableRating([0, 3, 0, 0, 3], 4).n).toBe(6);
    expect(publishableRating([0, 3, 0, 0, 3], 4).mean).toBeNull();
  });

  it('publishes a share only when k and n − k are each 0 or at least the threshold', () => {
    expect(publishableShare(5, 10)).toEqual({ n: 10, k: 5, share: 0.5, ci: wilson(5, 10) });
    expect(publishableShare(0, 10)).toEqual({ n: 10, k: 0, share: 0, ci: wilson(0, 10) });
    expect(publishableShare(10, 10)).toEqual({ n: 10, k: 10, share: 1, ci: [wilson(10, 10)![0], 1] });
    // k small (1–4) or n − k small (k = n−1 … n−4): the share, k and its interval are hidden; n is shown.
    for (const k of [1, 2, 3, 4, 9, 8, 7, 6]) {
      expect(publishableShare(k, 10)).toEqual({ n: 10, k: null, share: null, ci: null });
    }
    // 4 people vs 5: n itself is hidden below the threshold.
    expect(publishableShare(4, 4)).toEqual({ n: null, k: null, share: null, ci: null });
    expect(publishableShare(5, 5).share).toBe(1);
    expect(publishableShare(0, 0)).toEqual({ n: 0, k: null, share: null, ci: null });
    expect(publishableShare(3, 6, 3).share).toBe(0.5);
  });

  it('shows a mean of many people spread over the scale even when one person gave a 1', () => {
    // The demo's city-wide safety ratings: n, mean and SD leave many distributions possible.
    expect(momentsDisclose([1, 9, 29, 15, 2], 5, true)).toBe(false);
    const p = publishableRating([1, 9, 29, 15, 2]);
    expect(p.mean).toBeCloseTo((1 + 18 + 87 + 60 + 10) / 56, 12);
    expect(p.ci).not.toBeNull();
    // Near the top of the scale a single 4 is pinned down whatever n is.
    expect(momentsDisclose([0, 0, 0, 1, 59], 5, false)).toBe(true);
    expect(publishableRating([0, 0, 0, 1, 59]).mean).toBeNull();
  });

  it('agrees with a brute-force search over every distribution of up to 12 people', () => {
    const all = (n: number): number[][] => {
      const out: number[][] = [];
      for (let a = 0; a <= n; a++)
        for (let b = 0; a + b <= n; b++)
          for (let c = 0; a + b + c <= n; c++)
            for (let d = 0; a + b + c + d <= n; d++) out.push([a, b, c, d, n - a - b - c - d]);
      return out;
    };
    const moments = (x: number[]) => [
      x.reduce((s, v, i) => s + v * (i + 1), 0),
      x.reduce((s, v, i) => s + v * (i + 1) ** 2, 0),
      x[3]! + x[4]!,
    ];
    const bruteForce = (counts: number[], threshold: number, withShare: boolean) => {
      const [sum, squares, high] = moments(counts);
      const same = all(counts.reduce((a, b) => a + b, 0)).filter((x) => {
        const [s2, q2, h2] = moments(x);
        return s2 === sum && q2 === squares && (!withShare || h2 === high);
      });
      for (let mask = 1; mask < 31; mask++) {
        const sumOf = (x: number[]) => x.reduce((acc, v, i) => acc + (mask & (1 << i) ? v : 0), 0);
        const v = sumOf(counts);
        if (v > 0 && v < threshold && same.every((x) => sumOf(x) === v)) return true;
      }
      return false;
    };
    fc.assert(
      fc.property(
        fc.array(fc.nat(3), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 3, max: 6 }),
        fc.boolean(),
        (counts, threshold, withShare) => {
          expect(momentsDisclose(counts, threshold, withShare)).toBe(bruteForce(counts, threshold, withShare));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
