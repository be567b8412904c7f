import { DEFAULT_SUPPRESSION_THRESHOLD, type Shown } from './suppression';

/**
 * Statistics for the trend dashboards and the round comparison (issue 7):
 * means with Student-t intervals, shares with Wilson intervals, differences
 * between rounds (Welch, Newcombe) and the privacy rules for publishing them.
 * Framework-free and zod-free so the web app can import it too. Ratings are
 * counts per point of the 1–5 scale, `[c1, c2, c3, c4, c5]`; shares are `k`
 * of `n`. Higher is better for every rating and share here.
 */

/** Points on the rating scale; counts arrays have one entry per point. */
export const RATING_POINTS = 5;
/** The standard normal 0.975 quantile, for 95% score intervals. */
export const Z_95 = 1.959963984540054;

export type Interval = readonly [lo: number, hi: number];

/** A change between two rounds and its 95% interval (`estimate` = later − earlier). */
export interface Difference {
  estimate: number;
  ci: Interval;
}

export interface RatingSummary {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1), null below 2 answers. */
  sd: number | null;
  /** 95% CI of the mean; null below 2 answers, degenerate [m, m] when everyone gave the same point. */
  ci: Interval | null;
  /** Share who rated 4–5. */
  shareHigh: number | null;
  shareHighCi: Interval | null;
}

// ——— Student's t ———

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~15 significant digits). */
function logGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = g[0]!;
  for (let i = 1; i < g.length; i++) sum += g[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the incomplete beta (Numerical Recipes `betacf`, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const guard = (v: number) => (Math.abs(v) < tiny ? tiny : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  const step = (coefficient: number) => {
    d = 1 / guard(1 + coefficient * d);
    c = guard(1 + coefficient / c);
    h *= d * c;
    return d * c;
  };
  // Converges in O(√max(a, b)) steps, so even df = 10⁶ needs only ~10³.
  for (let m = 1; m <= 100_000; m++) {
    step((m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)));
    const delta = step((-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1)));
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/**
 * Regularized incomplete beta I_x(a, b), given x and y = 1 − x separately so
 * that x near 1 (large df) loses no precision.
 */
function incompleteBeta(a: number, b: number, x: number, y: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(y));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, y)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df may be fractional, as Welch's is). */
export function tCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t * t), (t * t) / (df + t * t));
  return t >= 0 ? 1 - tail : tail;
}

/** Student's t inverse CDF: the t with P(T ≤ t) = p, by bisection on the exact CDF (accurate to ~1e-12). */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0))
    throw new RangeError(`tQuantile needs 0 < p < 1 and df > 0, got p=${p}, df=${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (tCdf(hi, df) < p) [lo, hi] = [hi, hi * 2];
  while (hi - lo > 1e-13 * hi) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// ——— Summaries ———

/** Counts must be non-negative whole numbers, one per scale point. */
function checkCounts(counts: readonly number[]): void {
  if (counts.length !== RATING_POINTS || counts.some((c) => !Number.isInteger(c) || c < 0))
    throw new RangeError(`Expected ${RATING_POINTS} non-negative whole counts, got [${counts.join(', ')}]`);
}

/** A share is k of n whole people, 0 ≤ k ≤ n. */
function checkShare(k: number, n: number): void {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k > n)
    throw new RangeError(`Expected whole counts 0 ≤ k ≤ n, got k=${k}, n=${n}`);
}

/** n, mean and sample variance of a 1–5 scale from its counts per point. */
function moments(counts: readonly number[]): { n: number; mean: number; variance: number } {
  checkCounts(counts);
  const n = counts.reduce((a, b) => a + b, 0);
  const mean = n === 0 ? NaN : counts.reduce((s, c, i) => s + c * (i + 1), 0) / n;
  const ss = counts.reduce((s, c, i) => s + c * (i + 1 - mean) ** 2, 0);
  return { n, mean, variance: n < 2 ? NaN : ss / (n - 1) };
}

/** Answers of 4–5 (the "high" share) and of 1–3 (its complement). */
function highLow(counts: readonly number[]): { high: number; low: number } {
  const high = counts.slice(3).reduce((a, b) => a + b, 0);
  return { high, low: counts.reduce((a, b) => a + b, 0) - high };
}

/** Wilson score interval for k of n: stays inside [0, 1] and behaves at k = 0 and k = n, unlike the Wald interval. */
export function wilson(k: number, n: number, z = Z_95): Interval | null {
  checkShare(k, n);
  if (n === 0) return null;
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return [k === 0 ? 0 : Math.max(0, centre - half), k === n ? 1 : Math.min(1, centre + half)];
}

/** What a dashboard shows for one rating: mean with a Student-t 95% CI and the share rating 4–5 with a Wilson CI. */
export function ratingSummary(counts: readonly number[]): RatingSummary {
  const { n, mean, variance } = moments(counts);
  if (n === 0) return { n, mean: null, sd: null, ci: null, shareHigh: null, shareHighCi: null };
  const { high } = highLow(counts);
  const sd = n < 2 ? null : Math.sqrt(variance);
  const half = sd === null ? 0 : (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return {
    n,
    mean,
    sd,
    ci: sd === null ? null : [mean - half, mean + half],
    shareHigh: high / n,
    shareHighCi: wilson(high, n),
  };
}

// ——— Differences between rounds ———

/**
 * Change in the mean rating from round a to round b (b − a) with a Welch 95%
 * CI (Welch–Satterthwaite df), which does not assume equal variances. Null
 * when either round has fewer than 2 answers. When both rounds have zero
 * variance the interval is degenerate, [d, d].
 */
export function meanDifference(a: readonly number[], b: readonly number[]): Difference | null {
  const ma = moments(a);
  const mb = moments(b);
  if (ma.n < 2 || mb.n < 2) return null;
  const va = ma.variance / ma.n;
  const vb = mb.variance / mb.n;
  const estimate = mb.mean - ma.mean;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { estimate, ci: [estimate, estimate] };
  const df = (va + vb) ** 2 / (va ** 2 / (ma.n - 1) + vb ** 2 / (mb.n - 1));
  const half = tQuantile(0.975, df) * se;
  return { estimate, ci: [estimate - half, estimate + half] };
}

/**
 * Change in a share from k1/n1 to k2/n2 (p2 − p1) with Newcombe's hybrid
 * score interval (1998, method 10) built from the two Wilson intervals; it
 * stays sensible at 0% and 100%, where the Wald interval collapses. Null when
 * either n is 0.
 */
export function proportionDifference(k1: number, n1: number, k2: number, n2: number): Difference | null {
  const w1 = wilson(k1, n1);
  const w2 = wilson(k2, n2);
  if (!w1 || !w2) return null;
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const estimate = p2 - p1;
  const lo = estimate - Math.hypot(p2 - w2[0], w1[1] - p1);
  const hi = estimate + Math.hypot(w2[1] - p2, p1 - w1[0]);
  return { estimate, ci: [lo, hi] };
}

export type ChangeKind = 'improved' | 'worsened' | 'noClearChange' | 'notComparable';

/**
 * Words that do not over-claim: a change counts only when its whole 95%
 * interval is on one side of zero. Returns a key; the web translates it.
 */
export function describeChange(diff: Difference | null): ChangeKind {
  if (!diff) return 'notComparable';
  const [lo, hi] = diff.ci;
  if (lo > 0) return 'improved';
  if (hi < 0) return 'worsened';
  return 'noClearChange';
}

/** Balance of positive and negative experience cards on −1…1; null when there are none. */
export function cardBalance(positive: number, negative: number): { total: number; balance: number | null } {
  const total = positive + negative;
  return { total, balance: total === 0 ? null : (positive - negative) / total };
}

// ——— Privacy ———

/** A count is publishable when it says nobody (0) or is about at least `threshold` people. */
const safe = (count: number, threshold: number) => count === 0 || count >= threshold;

/**
 * Every distribution over the points 1–5 with the same number of people, the
 * same sum and the same sum of squares as `counts` — what n, the mean and the
 * SD (which the CI gives away) leave possible — and, when `high` is given,
 * the same number rating 4–5. With c1 and c2 fixed the other three counts
 * follow from three linear equations, so this is O(n²), and it always holds
 * `counts` itself.
 */
function sameMoments(counts: readonly number[], high?: number): number[][] {
  const n = counts.reduce((a, b) => a + b, 0);
  const sum = counts.reduce((a, c, i) => a + c * (i + 1), 0);
  const squares = counts.reduce((a, c, i) => a + c * (i + 1) ** 2, 0);
  const out: number[][] = [];
  for (let c1 = 0; c1 <= n; c1++) {
    for (let c2 = 0; c1 + c2 <= n; c2++) {
      const rest = n - c1 - c2;
      const a = sum - c1 - 2 * c2 - 3 * rest; // c4 + 2·c5
      const b = squares - c1 - 4 * c2 - 9 * rest; // 7·c4 + 16·c5
      const twice = b - 7 * a; // 2·c5
      if (twice < 0 || twice % 2 !== 0) continue;
      const c5 = twice / 2;
      const c4 = a - 2 * c5;
      const c3 = rest - c4 - c5;
      if (c4 < 0 || c3 < 0) continue;
      if (high !== undefined && c4 + c5 !== high) continue;
      out.push([c1, c2, c3, c4, c5]);
    }
  }
  return out;
}

/**
 * Whether publishing n, mean, SD (and the 4–5 share, when `withShare`) would
 * let someone work out how many people gave some point or range of points,
 * as a number from 1 to threshold − 1: true when such a count is the same in
 * every distribution those figures leave possible.
 */
export function momentsDisclose(counts: readonly number[], threshold: number, withShare: boolean): boolean {
  const candidates = sameMoments(counts, withShare ? highLow(counts).high : undefined);
  // Every range of points (subset of the five) that is not all of them: 30 sums, counts of people each.
  for (let mask = 1; mask < 31; mask++) {
    const sumOf = (c: readonly number[]) => c.reduce((acc, v, i) => acc + (mask & (1 << i) ? v : 0), 0);
    const value = sumOf(counts);
    if (value === 0 || value >= threshold) continue;
    if (candidates.every((c) => sumOf(c) === value)) return true;
  }
  return false;
}

/**
 * A rating as dashboards may publish it: n, mean, SD and CI, the share rating
 * 4–5 — never the five counts (a mean plus a distribution with two
 * suppressed cells gives two equations in two unknowns that solve for both).
 * - n only when 0 or ≥ threshold; below that nothing at all.
 * - Mean, SD and CI only when, together with n, they do not pin down a
 *   small count ({@link momentsDisclose}): 10 answers averaging 4.9 mean
 *   exactly one 4, so that mean is hidden; 56 answers spread over the scale
 *   leave many distributions possible, so theirs is shown even when only one
 *   person gave a 1.
 * - The share only when both the 4–5 count and the 1–3 count are 0 or
 *   ≥ threshold (a share of a shown n gives its count away, and its
 *   complement) and, when the mean is shown too, only if the two together
 *   still pin nothing down. When only one of them can be shown, it is the
 *   mean: the primary figure, with its interval, that comparisons use.
 */
export function publishableRating(
  counts: readonly number[],
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
): PublishedRating {
  const s = ratingSummary(counts);
  const { high, low } = highLow(counts);
  const nShown = safe(s.n, threshold);
  const full = s.n > 0 && nShown && !momentsDisclose(counts, threshold, false);
  const shareSafe = s.n > 0 && nShown && safe(high, threshold) && safe(low, threshold);
  const shareShown = shareSafe && (!full || !momentsDisclose(counts, threshold, true));
  return {
    n: nShown ? s.n : null,
    mean: full ? s.mean : null,
    sd: full ? s.sd : null,
    ci: full ? s.ci : null,
    shareHigh: shareShown ? s.shareHigh : null,
    shareHighCi: shareShown ? s.shareHighCi : null,
  };
}

export type PublishedRating = Omit<RatingSummary, 'n'> & { n: Shown };

/** A share k of n as it may be published: same rule as the 4–5 share of a rating (k and n − k each 0 or ≥ threshold). */
export function publishableShare(
  k: number,
  n: number,
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
): { n: Shown; k: Shown; share: number | null; ci: Interval | null } {
  checkShare(k, n);
  const shown = n > 0 && safe(k, threshold) && safe(n - k, threshold);
  return {
    n: safe(n, threshold) ? n : null,
    k: shown ? k : null,
    share: shown ? k / n : null,
    ci: shown ? wilson(k, n) : null,
  };
}
