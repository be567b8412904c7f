import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Measure } from '@sillat/shared';
import type { RecurrenceTemplate, ScheduleEntry } from '@sillat/shared/schedule';
import { type Actor, auditPut } from './audit';
import { db, tableName } from './client';
import { isConditionFailure, VersionConflictError } from './errors';
import { getMeasure, listRoundMeasures, measureKey } from './measures';
import { retryingConflicts } from './retry';

/**
 * A measure's assessment schedule: a list attribute `schedule` on the measure
 * item (≤ 20 entries, checked by the schema), changed like the rest of the
 * measure — at the version the coordinator saw, +1, with its audit entry in
 * the same transaction.
 */
const ENTITY = 'measure';
/** The id of the entry a round-level template writes; applying it again replaces that entry only. */
export const TEMPLATE_ENTRY_ID = 'quarterly';

async function writeSchedule(
  m: string,
  measure: Measure,
  schedule: ScheduleEntry[],
  expectedVersion: number,
  actor: Actor,
  action: string,
): Promise<void> {
  const at = new Date().toISOString();
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: measureKey(m, measure.roundId, measure.id),
            UpdateExpression: 'SET schedule = :schedule, #version = #version + :one, updatedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':schedule': schedule, ':one': 1, ':at': at, ':expected': expectedVersion },
          },
        },
        auditPut({
          actor,
          municipalityId: m,
          action,
          target: { type: ENTITY, id: measure.id },
          changes: { schedule },
          at,
        }),
      ],
    }),
  );
}

/** Replaces the measure's schedule at `expectedVersion` (409 when stale, 404 when gone). */
export async function setSchedule(
  m: string,
  measure: Measure,
  schedule: ScheduleEntry[],
  expectedVersion: number,
  actor: Actor,
): Promise<Measure> {
  try {
    await retryingConflicts(() => writeSchedule(m, measure, schedule, expectedVersion, actor, 'measure.schedule'));
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    await getMeasure(m, measure.roundId, measure.id); // NotFoundError when gone
    throw new VersionConflictError(ENTITY, measure.id, expectedVersion);
  }
  return getMeasure(m, measure.roundId, measure.id);
}

/**
 * Applies a recurrence to every measure of the round: one transaction per
 * measure at the version just read (re-read and tried again, up to three
 * times, when someone else saved in between). The template's entry replaces
 * an earlier template entry; the coordinator's own entries stay.
 */
export async function applyScheduleTemplate(
  m: string,
  roundId: string,
  template: RecurrenceTemplate & { assess: string },
  actor: Actor,
): Promise<Measure[]> {
  const entry: ScheduleEntry = { id: TEMPLATE_ENTRY_ID, ...template };
  const out: Measure[] = [];
  for (const listed of await listRoundMeasures(m, roundId)) {
    for (let attempt = 0; ; attempt++) {
      const measure = attempt === 0 ? listed : await getMeasure(m, roundId, listed.id);
      const kept = (measure.schedule ?? []).filter((e) => e.id !== TEMPLATE_ENTRY_ID).slice(0, 19);
      try {
        await retryingConflicts(() =>
          writeSchedule(m, measure, [...kept, entry], measure.version, actor, 'measure.scheduleTemplate'),
        );
        break;
      } catch (err) {
        if (!isConditionFailure(err) || attempt >= 2) throw err;
      }
    }
    out.push(await getMeasure(m, roundId, listed.id));
  }
  return out;
}
