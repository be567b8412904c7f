/**
 * Small-number suppression: no figure about fewer than `threshold` people is
 * shown, and neither is any figure from which a hidden one could be worked out
 * (domain.md, "Principles"). Pure functions over counts, used by the API
 * before anything leaves it and by exports later.
 */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** A count that is shown, or `null` when it is hidden. */
export type Shown = number | null;

/**
 * Hides the counts of one distribution whose total is published:
 * 1. primary: every count from 1 to threshold−1 (a zero says nobody, which
 *    is not a figure about anyone);
 * 2. complementary: if exactly one count is hidden, the total minus the shown
 *    counts would give it away, so the smallest other non-zero count is hidden
 *    too.
 * A total below the threshold hides everything, the total included.
 */
export function suppressDistribution(
  counts: readonly number[],
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
): { total: Shown; counts: Shown[] } {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total < threshold) return { total: null, counts: counts.map(() => null) };
  const hidden = counts.map((c) => c > 0 && c < threshold);
  if (hidden.filter(Boolean).length === 1) {
    // The total is at least the threshold and the hidden count below it, so another non-zero count exists.
    const next = counts
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => c > 0 && !hidden[i])
      .sort((a, b) => a.c - b.c)[0]!;
    hidden[next.i] = true;
  }
  return { total, counts: counts.map((c, i) => (hidden[i] ? null : c)) };
}

/**
 * Counts of options that people may choose several of (e.g. measures they
 * intend to take forward): each count stands alone — no total is published
 * from which one could be derived — so only the primary rule applies.
 */
export function suppressEach(counts: readonly number[], threshold = DEFAULT_SUPPRESSION_THRESHOLD): Shown[] {
  return counts.map((c) => (c > 0 && c < threshold ? null : c));
}

/**
 * The mean of a 1–5 scale from counts per point, shown only when no count of
 * the distribution is hidden: with the total and the shown counts, a mean
 * would let anyone solve for two hidden counts.
 */
export function suppressedMean(counts: readonly number[], shown: readonly Shown[]): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0 || shown.some((s) => s === null)) return null;
  return counts.reduce((sum, c, i) => sum + c * (i + 1), 0) / total;
}
