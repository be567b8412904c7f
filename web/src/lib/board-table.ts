import type { Aspect } from '@sillat/shared/aspects';
import type { LocalizedText } from '@sillat/shared/locales';
import { ApiError, type FieldError } from './api';
import type { Tone } from './cards';
import type { Idea, IdeaKind, Mark } from './decision';
import type { Locale } from './i18n';

/**
 * A table's phone or tablet at the "more of this, less of that" board. No one
 * signs in: the board's token in the link is the key, so these calls carry no
 * access token and never start a sign-in (routes: functions/src/routes/board.ts).
 */
export interface TableCard {
  id: string;
  aspect: Aspect;
  tone: Tone;
  language: string;
  text: string;
  translations?: Partial<Record<Locale, string>>;
  populationGroupId: string;
  districtId: string;
}

export interface TableView {
  roundName: LocalizedText;
  table: number;
  tables: number;
  /** The deck, in deck order. */
  cards: TableCard[];
  marks: Record<string, Mark>;
  /** This table's own ideas. */
  ideas: Idea[];
}

/** An idea as written at the table, with the id that makes sending it again harmless. */
export interface IdeaDraft {
  id: string;
  kind: IdeaKind;
  text: string;
  cardIds: string[];
}

type Fetch = typeof fetch;

async function call<T>(fetcher: Fetch, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetcher(`/api${path}`, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The connection to the server was lost.');
  }
  const payload: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = (payload as { error?: { code?: string; message?: string; details?: FieldError[] } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'unknown', err?.message ?? res.statusText, err?.details ?? []);
  }
  return payload as T;
}

const tablePath = (token: string, table: number | string) =>
  `/boards/${encodeURIComponent(token)}/tables/${encodeURIComponent(String(table))}`;

export const tableApi = {
  view: (token: string, table: number | string, fetcher: Fetch = fetch) =>
    call<TableView>(fetcher, 'GET', tablePath(token, table)),
  mark: (token: string, table: number, cardId: string, mark: Mark | 'none') =>
    call<{ marks: Record<string, Mark> }>(
      fetch,
      'PUT',
      `${tablePath(token, table)}/marks/${encodeURIComponent(cardId)}`,
      { mark },
    ),
  idea: (token: string, table: number, idea: IdeaDraft) =>
    call<Idea>(fetch, 'POST', `${tablePath(token, table)}/ideas`, {
      id: idea.id,
      kind: idea.kind,
      text: idea.text,
      ...(idea.cardIds.length ? { cardIds: idea.cardIds } : {}),
    }),
};

/**
 * Whether sending again could succeed: the connection, a busy or failing
 * server, too many requests. A refusal (a closed board, a text too long) will
 * not change by trying again.
 */
export function worthRetrying(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.status === 0 || err.status === 408 || err.status === 429 || err.status >= 500;
}

/** Ideas not yet accepted by the server are kept on the device, per board and table, until they are. */
const pendingKey = (token: string, table: number) => `sillat.board.${token}.${table}.pending`;

export function loadPending(token: string, table: number): IdeaDraft[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(pendingKey(token, table)) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (d): d is IdeaDraft =>
        typeof d === 'object' &&
        d !== null &&
        typeof d.id === 'string' &&
        (d.kind === 'increaseGood' || d.kind === 'reduceBad') &&
        typeof d.text === 'string' &&
        Array.isArray(d.cardIds) &&
        d.cardIds.every((c: unknown) => typeof c === 'string'),
    );
  } catch {
    return [];
  }
}

export function savePending(token: string, table: number, drafts: IdeaDraft[]): void {
  try {
    if (drafts.length) localStorage.setItem(pendingKey(token, table), JSON.stringify(drafts));
    else localStorage.removeItem(pendingKey(token, table));
  } catch {
    // Storage full or blocked: the drafts stay in memory for this visit.
  }
}

/** A card's words in `lang`: its own text in that language, else its translation, else the original. */
export function tableCardText(card: TableCard, lang: Locale): { text: string; lang: string; original: boolean } {
  if (card.language === lang) return { text: card.text, lang, original: false };
  const translated = card.translations?.[lang];
  if (translated) return { text: translated, lang, original: false };
  return { text: card.text, lang: card.language, original: true };
}
