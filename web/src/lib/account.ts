import { api } from './api';

/**
 * "My account": the signed-in person's own settings (functions/src/routes/me.ts).
 * Each call acts on the caller's own profile; none names a user.
 */

/** Which reminder mails the person gets (shared/src/schemas/account.ts). */
export interface NotificationSettings {
  reminders: boolean;
  escalations: boolean;
}

/** Stores the choices at the profile `version` the page read; answers the new version. */
export function saveNotifications(settings: NotificationSettings, version: number) {
  return api.put<NotificationSettings>('/me/notifications', settings, version);
}

/** Makes a calendar feed (or replaces the current one) and answers its address, shown only this once. */
export async function createCalendarLink(): Promise<string> {
  const { data } = await api.post<{ url: string }>('/me/calendar');
  return data.url;
}

/** Turns the calendar feed off. */
export async function turnOffCalendar(): Promise<void> {
  await api.delete('/me/calendar');
}
