import { PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cardContribution, sessionContribution, sumContributions } from '@sillat/shared/round-stats';
import { listCards } from '../data/cards';
import { db, tableName } from '../data/client';
import { listStats, statsPk, statsSk } from '../data/round-stats';
import { listSessions } from '../data/sessions';

/**
 * Brings a local data directory written by an earlier version up to date, at
 * start-up and before anything is served: round items get their gsi1 keys
 * (the round list reads that index) and a municipality with rounds but no
 * dashboard counters gets them computed from its sessions and cards. A Scan
 * is fine here — once per start, on a local table — and never in a request.
 * A deployed table has no such history: every item was written by code that
 * already maintains both.
 */
export async function migrateLocalData(): Promise<number> {
  const rounds: { pk: string; sk: string; municipalityId: string; id: string; gsi1pk?: string }[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await db().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: '#type = :round',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':round': 'round' },
        ExclusiveStartKey: startKey,
      }),
    );
    rounds.push(...((res.Items ?? []) as typeof rounds));
    startKey = res.LastEvaluatedKey;
  } while (startKey);

  let changed = 0;
  for (const round of rounds.filter((r) => !r.gsi1pk)) {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: round.pk, sk: round.sk },
        UpdateExpression: 'SET gsi1pk = :pk, gsi1sk = :sk',
        ExpressionAttributeValues: { ':pk': `${round.pk}#ROUNDS`, ':sk': round.id },
      }),
    );
    changed++;
  }

  const municipalities = new Set(rounds.map((r) => r.municipalityId));
  for (const m of municipalities) {
    if ((await listStats(m)).length) continue;
    const contributions = [];
    for (const round of rounds.filter((r) => r.municipalityId === m)) {
      contributions.push(...(await listSessions(m, round.id)).map(sessionContribution));
      contributions.push(...(await listCards(m, round.id)).map(cardContribution));
    }
    for (const { cell, counters } of sumContributions(contributions).values()) {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            pk: statsPk(m),
            sk: statsSk(cell),
            ...cell,
            ...counters,
          },
        }),
      );
      changed++;
    }
  }
  return changed;
}
