/**
 * Complementary suppression over published sums (issue 7, privacy). A
 * "margin" says that one published figure (its total) is the sum of others
 * (its members): a round's participants are the sum of its groups', and also
 * of its districts'. Knowing the total and all members but one gives that
 * one away, and knowing all members gives the total. So, until nothing
 * changes:
 * - total shown, exactly one non-zero member hidden → hide the smallest
 *   other non-zero member (the total, if it has none; it is then equal);
 * - total hidden, every non-zero member shown → hide the smallest member.
 * Units marked `fixed` are published elsewhere with a status this call may
 * not change (e.g. the open-data file's group totals seen from one round's
 * session table). When only a fixed unit could be hidden, every non-fixed
 * unit is hidden: over-cautious, never a leak.
 *
 * Only the sums the caller lists are checked: a relation that needs several
 * of them at once (two groups' union equal to two districts' union) is not
 * searched. open-data.ts adds the ones that arise from how sessions fall
 * into groups and districts (a district whose groups were met nowhere else).
 */
export interface Margin {
  /** Index of the unit that is the sum. */
  total: number;
  /** Indices of the units it is the sum of. */
  members: readonly number[];
}

export function protectMargins(
  weights: readonly number[],
  hidden: readonly boolean[],
  margins: readonly Margin[],
  fixed: readonly boolean[] = [],
): boolean[] {
  const out = [...hidden];
  const hideAll = () => out.map((h, i) => h || (!fixed[i] && weights[i]! > 0));
  let changed = true;
  while (changed) {
    changed = false;
    for (const { total, members } of margins) {
      const live = members.filter((i) => weights[i]! > 0);
      const hiddenLive = live.filter((i) => out[i]).length;
      const totalHidden = out[total]! && weights[total]! > 0;
      const leaks = totalHidden ? hiddenLive === 0 && live.length > 0 : hiddenLive === 1;
      if (!leaks) continue;
      const next = live.filter((i) => !out[i] && !fixed[i]).sort((a, b) => weights[a]! - weights[b]! || a - b)[0];
      if (next !== undefined) out[next] = true;
      else if (!totalHidden && !fixed[total]) out[total] = true;
      else return hideAll();
      changed = true;
    }
  }
  return out;
}
