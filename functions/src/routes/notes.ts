import { OpenAPIHono } from '@hono/zod-openapi';
import type { Principal } from '@sillat/shared/auth';
import { Id, Notes, NotesDelivery, NotesDraft, NotesReturn } from '@sillat/shared';
import { unresolvedFlags } from '@sillat/shared/notes-check';
import * as z from 'zod';
import { getMunicipality } from '../data/municipality';
import { deliverNotes, getNotes, NotesLockedError, NotesStateError, reviewNotes, saveNotesDraft } from '../data/notes';
import { getRound } from '../data/rounds';
import { getSession, type SessionScope } from '../data/sessions';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';

/**
 * A session's anonymised notes: the clerk's drafts (saved as they type),
 * delivery after the personal-data check, and the coordinator's review.
 * Organisation staff reach only their own organisation's sessions.
 */
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const Params = z.object({ roundId: Id, id: Id });
const tags = ['Notes'];
const WORKERS = ['coordinator', 'organisationStaff'] as const;
const base = '/{roundId}/sessions/{id}/notes';
const notesResponse = { 200: { description: 'The notes', ...json(Notes) }, ...ErrorResponses };

const read = guardedRoute({
  method: 'get',
  path: base,
  tags,
  access: WORKERS,
  summary: 'Read the notes (an empty draft at version 0 before the first save)',
  request: { params: Params },
  responses: notesResponse,
});
const save = guardedRoute({
  method: 'put',
  path: base,
  tags,
  access: WORKERS,
  summary: 'Save the draft (If-Match "0" for the first save)',
  request: { params: Params, headers: IfMatchHeader, body: { required: true, ...json(NotesDraft) } },
  responses: notesResponse,
});
const deliver = guardedRoute({
  method: 'post',
  path: `${base}/deliver`,
  tags,
  access: WORKERS,
  summary: 'Deliver the notes: every personal-data flag must be redacted or confirmed',
  request: { params: Params, headers: IfMatchHeader, body: { required: true, ...json(NotesDelivery) } },
  responses: notesResponse,
});
const approve = guardedRoute({
  method: 'post',
  path: `${base}/approve`,
  tags,
  access: ['coordinator'],
  summary: 'Approve delivered notes',
  request: { params: Params, headers: IfMatchHeader },
  responses: notesResponse,
});
const giveBack = guardedRoute({
  method: 'post',
  path: `${base}/return`,
  tags,
  access: ['coordinator'],
  summary: 'Return delivered notes to the clerk with a comment',
  request: { params: Params, headers: IfMatchHeader, body: { required: true, ...json(NotesReturn) } },
  responses: notesResponse,
});

const scopeOf = (p: Principal): SessionScope =>
  p.role === 'organisationStaff' ? { organisationId: p.organisationId } : {};

/** The session (404 outside the caller's organisation), its notes, and a refusal when the round is closed. */
async function load(m: string, roundId: string, id: string, principal: Principal, forWriting: boolean) {
  const session = await getSession(m, roundId, id, scopeOf(principal));
  if (forWriting && (await getRound(m, roundId)).phase === 'closed') {
    throw new ApiError(409, 'round_closed', 'The round is closed; its notes no longer change.');
  }
  // A Swedish-speaking group's notes start in Swedish; others in the municipality's language (fi unless sv).
  const municipality = await getMunicipality(m);
  const notesLanguage = session.language === 'sv' || municipality.defaultLocale === 'sv' ? 'sv' : 'fi';
  const notes = await getNotes(m, session, session.language === 'fi' ? 'fi' : notesLanguage);
  return { session, notes, names: municipality.personalNames ?? [] };
}

function translate(err: unknown): never {
  if (err instanceof NotesLockedError) throw new ApiError(409, 'notes_locked', err.message);
  if (err instanceof NotesStateError) throw new ApiError(409, 'notes_state', err.message);
  throw err;
}

export const notesRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(read, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const { notes } = await load(c.var.municipalityId, roundId, id, c.var.principal, false);
    return c.json(notes, 200, etag(notes.version));
  })
  .openapi(save, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const { session, notes } = await load(c.var.municipalityId, roundId, id, c.var.principal, true);
    if (session.status === 'planned')
      throw new ApiError(409, 'session_not_held', 'Mark the session held before writing its notes.');
    const version = c.req.valid('header')['if-match'];
    const saved = await saveNotesDraft(
      c.var.municipalityId,
      session,
      notes,
      c.req.valid('json'),
      version,
      c.var.actor,
    ).catch(translate);
    return c.json(saved, 200, etag(saved.version));
  })
  .openapi(deliver, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const { session, notes, names } = await load(c.var.municipalityId, roundId, id, c.var.principal, true);
    const { confirmations } = c.req.valid('json');
    // The same check the clerk's browser ran, on what is stored: nothing unresolved gets through.
    const open = unresolvedFlags(notes.sections, confirmations, names);
    if (open.length) {
      throw new ApiError(
        409,
        'personal_data_unresolved',
        'Redact or confirm each flagged passage before delivering the notes.',
        open.map((f) => ({ field: `sections.${f.section}`, message: `${f.kind}: ${f.text}` })),
      );
    }
    if (!Object.values(notes.sections).some((s) => s.trim())) {
      throw new ApiError(400, 'validation_failed', 'The notes are empty.', [
        { field: 'sections', message: 'Write the notes first.' },
      ]);
    }
    const version = c.req.valid('header')['if-match'];
    await deliverNotes(c.var.municipalityId, session, version, confirmations, c.var.actor).catch(translate);
    const after = await load(c.var.municipalityId, roundId, id, c.var.principal, false);
    return c.json(after.notes, 200, etag(after.notes.version));
  })
  .openapi(approve, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const { session } = await load(c.var.municipalityId, roundId, id, c.var.principal, true);
    await reviewNotes(
      c.var.municipalityId,
      session,
      c.req.valid('header')['if-match'],
      { approve: true },
      c.var.actor,
    ).catch(translate);
    const after = await load(c.var.municipalityId, roundId, id, c.var.principal, false);
    return c.json(after.notes, 200, etag(after.notes.version));
  })
  .openapi(giveBack, async (c) => {
    const { roundId, id } = c.req.valid('param');
    const { session } = await load(c.var.municipalityId, roundId, id, c.var.principal, true);
    const { comment } = c.req.valid('json');
    const version = c.req.valid('header')['if-match'];
    await reviewNotes(c.var.municipalityId, session, version, { approve: false, comment }, c.var.actor).catch(
      translate,
    );
    const after = await load(c.var.municipalityId, roundId, id, c.var.principal, false);
    return c.json(after.notes, 200, etag(after.notes.version));
  });
