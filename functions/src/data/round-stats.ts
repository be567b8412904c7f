import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { type Contribution, contributionDelta, type Counters, type StatsCell } from '@sillat/shared/round-stats';
import { tableName } from './client';
import { municipalityPk } from './municipality-keys';
import { queryByPrefix } from './query';

/**
 * The dashboards' precomputed counters (shared/src/round-stats.ts), one item
 * per round × population group × district:
 *   pk = MUNI#<m>#STATS, sk = ROUND#<round>#GROUP#<group>#DISTRICT#<district>.
 * A partition of their own, so reading every round's counters is one Query
 * whose size is rounds × groups × districts — however many sessions, cards or
 * participants there are. Writers of sessions and cards add `statsUpdates`
 * to their own transaction, so the counters can never disagree with the items.
 */
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const statsPk = (m: string) => `${municipalityPk(m)}#STATS`;
export const statsSk = (cell: StatsCell) =>
  `ROUND#${cell.roundId}#GROUP#${cell.populationGroupId}#DISTRICT#${cell.districtId}`;

/** `ADD` updates (the item is created on first use) moving the counters from `before`'s contribution to `after`'s. */
export function statsUpdates(m: string, before: Contribution | null, after: Contribution | null): TransactItem[] {
  return contributionDelta(before, after).map(({ cell, delta }) => {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const adds = Object.entries(delta).map(([name, value], i) => {
      names[`#c${i}`] = name;
      values[`:c${i}`] = value;
      return `#c${i} :c${i}`;
    });
    names['#round'] = 'roundId';
    names['#group'] = 'populationGroupId';
    names['#district'] = 'districtId';
    values[':round'] = cell.roundId;
    values[':group'] = cell.populationGroupId;
    values[':district'] = cell.districtId;
    return {
      Update: {
        TableName: tableName(),
        Key: { pk: statsPk(m), sk: statsSk(cell) },
        UpdateExpression: `SET #round = :round, #group = :group, #district = :district ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
}

export interface StoredCell {
  cell: StatsCell;
  counters: Counters;
}

/** Every round's cells (one Query, all pages), or one round's with `roundId`. */
export async function listStats(m: string, roundId?: string): Promise<StoredCell[]> {
  const items = await queryByPrefix(statsPk(m), roundId ? `ROUND#${roundId}#` : 'ROUND#');
  return items.map((item) => {
    const { pk: _pk, sk: _sk, roundId: r, populationGroupId, districtId, ...counters } = item;
    return {
      cell: { roundId: String(r), populationGroupId: String(populationGroupId), districtId: String(districtId) },
      counters: counters as Counters,
    };
  });
}
