import { OpenAPIHono } from '@hono/zod-openapi';
import type { Locale, Measure } from '@sillat/shared';
import { type IcsEvent, serializeCalendar } from '@sillat/shared/ics';
import { todayIn } from '@sillat/shared/reminders';
import { addDays, expandSchedule } from '@sillat/shared/schedule';
import * as z from 'zod';
import { resolveFeed } from '../data/calendar-feeds';
import { listMeasuresOf } from '../data/measures';
import { guardedRoute } from '../http/access';
import { publicBaseUrl } from '../http/base-url';
import type { AppEnv } from '../http/context';
import { log } from '../http/log';
import { validationHook } from '../http/validation';

/**
 * The private calendar feed (issue 6, item 7): what calendar apps poll, with
 * the secret of GET /api/me/calendar in the path and no token. One all-day
 * event per checkpoint the person reports at — of the measures they own or
 * contribute to, the entries whose reporter they are (the owner's when none is
 * named) — from 90 days back to 400 days ahead.
 */
const PAST_DAYS = 90;
const FUTURE_DAYS = 400;

const WORDS: Record<Locale, { calendar: string; checkpoint: string; assess: string; report: string }> = {
  fi: { calendar: 'Sillat: arvioinnit', checkpoint: 'arviointi', assess: 'Arvioitavaa', report: 'Raportoi' },
  sv: { calendar: 'Sillat: uppföljningar', checkpoint: 'uppföljning', assess: 'Att bedöma', report: 'Rapportera' },
  en: { calendar: 'Sillat: checkpoints', checkpoint: 'checkpoint', assess: 'To assess', report: 'Report' },
};

/** The events of `userId`'s checkpoints in [from, to], in their language. */
export function checkpointEvents(
  measures: readonly Measure[],
  userId: string,
  range: { from: string; to: string },
  opts: { locale: Locale; baseUrl: string; stamp: Date },
): IcsEvent[] {
  const w = WORDS[opts.locale];
  return measures.flatMap((measure) => {
    const link = `${opts.baseUrl}/measures/${measure.roundId}/${measure.id}#report`;
    let checkpoints;
    try {
      checkpoints = expandSchedule(measure.schedule ?? [], range);
    } catch (err) {
      // A stored rule the expander refuses must not empty the whole feed; leave that measure out and say so once.
      log('warn', 'calendar feed: schedule not expanded', { measureId: measure.id, error: String(err) });
      return [];
    }
    return checkpoints
      .filter((cp) => (cp.reporterId ?? measure.ownerId) === userId)
      .map((cp) => ({
        uid: `${measure.id}.${cp.entryId}.${cp.date.replace(/-/g, '')}@sillat`,
        stamp: opts.stamp,
        date: cp.date,
        summary: `${measure.title} – ${w.checkpoint}`,
        description: `${w.assess}: ${cp.assess}\n${w.report}: ${link}`,
        url: link,
      }));
  });
}

const feed = guardedRoute({
  method: 'get',
  path: '/{secret}',
  tags: ['Me'],
  summary: 'My checkpoints as an iCalendar feed, for calendar apps (the address from POST /api/me/calendar)',
  access: 'public',
  request: { params: z.object({ secret: z.string() }) },
  responses: {
    200: { description: 'The feed', content: { 'text/calendar': { schema: z.string() } } },
    404: {
      description: 'No such feed (unknown, turned off or replaced)',
      content: { 'text/plain': { schema: z.string() } },
    },
  },
});

export const calendarRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(feed, async (c) => {
  const owner = await resolveFeed(c.req.valid('param').secret);
  // The same plain answer for every kind of miss, so a guess learns nothing.
  if (!owner) return c.text('Not found.', 404, { 'Cache-Control': 'no-store' });
  const now = new Date();
  const today = todayIn(now, 'Europe/Helsinki');
  const measures = await listMeasuresOf(owner.municipalityId, owner.userId);
  const events = checkpointEvents(
    measures,
    owner.userId,
    { from: addDays(today, -PAST_DAYS), to: addDays(today, FUTURE_DAYS) },
    { locale: owner.locale, baseUrl: publicBaseUrl(c), stamp: now },
  );
  const body = serializeCalendar({
    productId: '-//Sillat//Checkpoints//EN',
    name: WORDS[owner.locale].calendar,
    events: events.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid)),
  });
  return c.body(body, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Cache-Control': 'private, max-age=300',
  });
});
