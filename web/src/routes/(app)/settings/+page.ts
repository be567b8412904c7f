import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
import { requirePage } from '#lib/session';
import type { PageLoad } from './$types';

export interface MunicipalitySettings {
  id: string;
  name: Partial<Record<'fi' | 'sv' | 'en', string>>;
  defaultLocale: 'fi' | 'sv' | 'en';
  privacyThreshold: number;
  notesRetentionDays?: number;
  version: number;
}

export const load: PageLoad = async ({ fetch, parent }) => {
  requirePage((await parent()).me, 'settings');
  try {
    const { data, version } = await api.get<MunicipalitySettings>('/municipality', fetch);
    return { municipality: data, version: version ?? data.version };
  } catch (err) {
    loadFailed(err);
  }
};
