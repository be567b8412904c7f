import * as fc from 'fast-check';
import { ASPECTS } from '@sillat/shared/aspects';
import { cardContribution, sessionContribution, sumContributions } from '@sillat/shared/round-stats';
import type { Card, Session } from '@sillat/shared';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/data/client';
import { municipalityPk } from '../../functions/src/data/municipality-keys';
import { migrateLocalData } from '../../functions/src/local/migrate';
import { SYSTEM_ACTOR } from '../../functions/src/data/audited-write';
import { createCard, listCards, updateCard } from '../../functions/src/data/cards';
import { VersionConflictError } from '../../functions/src/data/errors';
import { listStats, statsPk, statsSk } from '../../functions/src/data/round-stats';
import { createRound, listRounds } from '../../functions/src/data/rounds';
import {
  createSession,
  getSession,
  listSessions,
  setSessionRatings,
  setSessionStatus,
  updateSession,
} from '../../functions/src/data/sessions';
import {
  DEMO_DISTRICTS,
  DEMO_GROUPS,
  DEMO_MUNICIPALITY,
  DEMO_ORGANISATIONS,
} from '../../functions/src/local/demo-data';
import { useFreshTable } from '../setup/table';

/**
 * The dashboards' counters (pk MUNI#<m>#STATS) are maintained by every write
 * of a session or card, in the same transaction. After any sequence of
 * creates, edits and "deletes" (a card out of the deck, a session back to
 * planned), they must equal a recomputation from the raw items.
 */
useFreshTable({ seed: true });
const M = DEMO_MUNICIPALITY.id;

/** The counters as stored, as comparable maps (zeros dropped: a cell emptied by a move keeps its item). */
async function stored(): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  for (const { cell, counters } of await listStats(M)) {
    const nonZero = Object.fromEntries(Object.entries(counters).filter(([, v]) => Number(v) !== 0));
    if (Object.keys(nonZero).length) out[`${cell.roundId}#${cell.populationGroupId}#${cell.districtId}`] = nonZero;
  }
  return out;
}

/** The counters recomputed from every session and card of every round. */
async function recomputed(): Promise<Record<string, Record<string, number>>> {
  const contributions = [];
  for (const round of await listRounds(M)) {
    contributions.push(...(await listSessions(M, round.id)).map(sessionContribution));
    contributions.push(...(await listCards(M, round.id)).map(cardContribution));
  }
  const out: Record<string, Record<string, number>> = {};
  for (const [key, c] of sumContributions(contributions)) {
    const nonZero = Object.fromEntries(Object.entries(c.counters).filter(([, v]) => v !== 0));
    if (Object.keys(nonZero).length) out[key] = nonZero;
  }
  return out;
}

const pick = <T>(list: readonly T[]) => fc.integer({ min: 0, max: list.length - 1 }).map((i) => list[i]!);
const ratings = fc.record(
  Object.fromEntries(
    ASPECTS.map((a) => [a, fc.option(fc.array(fc.nat(12), { minLength: 5, maxLength: 5 }), { nil: undefined })]),
  ),
);
const op = fc.oneof(
  fc.record({ kind: fc.constant('createSession' as const), group: pick(DEMO_GROUPS), district: pick(DEMO_DISTRICTS) }),
  fc.record({ kind: fc.constant('status' as const), which: fc.nat(), held: fc.boolean() }),
  fc.record({ kind: fc.constant('ratings' as const), which: fc.nat(), ratings }),
  fc.record({
    kind: fc.constant('move' as const),
    which: fc.nat(),
    group: pick(DEMO_GROUPS),
    district: pick(DEMO_DISTRICTS),
    participants: fc.option(fc.nat(40), { nil: null }),
  }),
  fc.record({
    kind: fc.constant('createCard' as const),
    which: fc.nat(),
    aspect: pick(ASPECTS),
    positive: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('editCard' as const),
    which: fc.nat(),
    aspect: pick(ASPECTS),
    positive: fc.boolean(),
    inDeck: fc.boolean(),
  }),
);

describe('dashboard counters', () => {
  it('equal a recomputation from raw sessions and cards after any sequence of writes', async () => {
    const round = await createRound(
      M,
      {
        name: { fi: 'Tilastokierros' },
        period: { start: '2031-01-01', end: '2031-06-30' },
        populationGroupIds: DEMO_GROUPS.map((g) => g.id),
        organisationIds: [DEMO_ORGANISATIONS[0]!.id],
      },
      SYSTEM_ACTOR,
    );
    const sessions: string[] = [];
    const cards: Card[] = [];
    const fresh = (id: string) => getSession(M, round.id, id);

    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'createSession') {
            const s = await createSession(
              M,
              round.id,
              {
                populationGroupId: o.group.id,
                districtId: o.district.id,
                organisationId: DEMO_ORGANISATIONS[0]!.id,
                language: 'fi',
                date: '2031-02-01',
                place: 'Kirjasto',
                participantCount: 9,
                notesDeadline: '2031-02-15',
              },
              SYSTEM_ACTOR,
            );
            sessions.push(s.id);
            continue;
          }
          if (!sessions.length) continue;
          const session: Session = await fresh(sessions[o.which % sessions.length]!);
          if (o.kind === 'status') {
            const to = o.held ? 'held' : 'planned';
            if (session.status !== to && ['held', 'planned'].includes(session.status))
              await setSessionStatus(M, session, to, session.version, SYSTEM_ACTOR);
          } else if (o.kind === 'ratings') {
            await setSessionRatings(M, session, o.ratings, session.version, SYSTEM_ACTOR);
          } else if (o.kind === 'move') {
            const patch = {
              populationGroupId: o.group.id,
              districtId: o.district.id,
              participantCount: o.participants,
            };
            await updateSession(M, session, patch, session.version, SYSTEM_ACTOR);
          } else if (o.kind === 'createCard') {
            const tone = o.positive ? 'positive' : 'negative';
            const input = { sessionId: session.id, aspect: o.aspect, tone, language: 'fi', text: 'Kortti.' } as const;
            cards.push(await createCard(M, session, input, SYSTEM_ACTOR));
          } else if (cards.length) {
            const i = o.which % cards.length;
            const patch = { aspect: o.aspect, tone: o.positive ? 'positive' : 'negative', inDeck: o.inDeck } as const;
            cards[i] = await updateCard(M, cards[i]!, patch, cards[i]!.version, SYSTEM_ACTOR);
          }
        }
        expect(await stored()).toEqual(await recomputed());
      }),
      { numRuns: 6, seed: 20261124 },
    );
    // The sequence did exercise the counters.
    expect(Object.keys(await stored()).some((k) => k.startsWith(round.id))).toBe(true);
  });

  it('moves nothing when a write loses its version check', async () => {
    const [round] = await listRounds(M);
    const [session] = (await listSessions(M, round!.id)).filter((s) => s.status !== 'planned');
    const before = await stored();
    const stale = { ...session!, version: session!.version - 1 };
    await expect(
      setSessionRatings(M, stale, { safety: [9, 9, 9, 9, 9] }, stale.version, SYSTEM_ACTOR),
    ).rejects.toBeInstanceOf(VersionConflictError);
    await expect(
      updateSession(M, session!, { participantCount: 99 }, session!.version + 1, SYSTEM_ACTOR),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect(await stored()).toEqual(before);
  });

  it('holds the seeded demo rounds as well', async () => {
    const cells = await listStats(M);
    expect(cells.length).toBeGreaterThan(0);
    expect(await stored()).toEqual(await recomputed());
  });

  it('are rebuilt, with the round index, for local data written before either existed', async () => {
    const expected = await stored();
    const rounds = await listRounds(M);
    expect(rounds.length).toBeGreaterThan(1);
    // As an older version left it: rounds without index keys, no counters at all.
    for (const round of rounds) {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: { pk: municipalityPk(M), sk: `ROUND#${round.id}` },
          UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
        }),
      );
    }
    for (const { cell } of await listStats(M)) {
      await db().send(new DeleteCommand({ TableName: tableName(), Key: { pk: statsPk(M), sk: statsSk(cell) } }));
    }
    expect(await listRounds(M)).toEqual([]);

    expect(await migrateLocalData()).toBeGreaterThan(rounds.length);
    expect((await listRounds(M)).map((r) => r.id)).toEqual(rounds.map((r) => r.id));
    expect(await stored()).toEqual(expected);
    expect(await migrateLocalData()).toBe(0); // nothing left to do
  });
});
