import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import { requirePage } from '#lib/session';
import type { PageLoad } from './$types';

/** One mail as GET /api/outbox returns it (functions/src/routes/outbox.ts). */
export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  locale?: 'fi' | 'sv' | 'en';
  createdAt: string;
}

/** The newest 100 mails, newest first, as the API orders them. */
export const load: PageLoad = async ({ fetch, parent }) => {
  requirePage((await parent()).me, 'outbox');
  try {
    const { data } = await api.get<{ items: OutboxMail[] }>('/outbox', fetch);
    return { mails: data.items };
  } catch (err) {
    loadFailed(err);
  }
};
