import { todayIn } from './reminders';
import { addDays, type Checkpoint, type IsoDate, nextCheckpoint, type ScheduleEntry } from './schedule';

/**
 * Where a measure stands against its assessment schedule on `today`
 * (a Helsinki calendar day): the next checkpoint from today on, and the
 * checkpoint that is overdue — the first one after the day of the last
 * report (or, with no report, after the measure was created) when that day
 * is already past. A report on a checkpoint's day answers it; an earlier one
 * does not. Pure, so the API's lists and the reminder job agree.
 */
export interface CheckpointState {
  nextCheckpoint?: Checkpoint;
  overdueCheckpoint?: Checkpoint;
}

export function checkpointState(
  measure: { schedule?: readonly ScheduleEntry[]; lastReportAt?: string; createdAt: string },
  today: IsoDate,
  timeZone = 'Europe/Helsinki',
): CheckpointState {
  const schedule = measure.schedule ?? [];
  if (schedule.length === 0) return {};
  const state: CheckpointState = {};
  const next = nextCheckpoint(schedule, today);
  if (next) state.nextCheckpoint = next;
  const dayOf = (instant: string) => todayIn(new Date(instant), timeZone);
  const since = measure.lastReportAt ? addDays(dayOf(measure.lastReportAt), 1) : dayOf(measure.createdAt);
  const owed = nextCheckpoint(schedule, since);
  if (owed && owed.date < today) state.overdueCheckpoint = owed;
  return state;
}
