import { PERSONAL_DATA_MARK } from '@sillat/shared/personal-data';
import { m } from '#lib/paraglide/messages.js';
import { currentLocale } from './i18n';

/** One audit entry as GET /api/audit returns it (shared/src/schemas/audit.ts). */
export interface AuditEntry {
  id: string;
  at: string;
  actorId: string;
  actorRole: string;
  action: string;
  targetType: string;
  targetId: string;
  changes: Record<string, unknown>;
}

export interface AuditFilters {
  from: string;
  to: string;
  actorId: string;
  targetType: string;
  action: string;
}

export function filtersFrom(params: URLSearchParams): AuditFilters {
  const get = (key: keyof AuditFilters) => params.get(key)?.trim() ?? '';
  return {
    from: get('from'),
    to: get('to'),
    actorId: get('actorId'),
    targetType: get('targetType'),
    action: get('action'),
  };
}

/** The filters as a query string, leaving out the empty ones. */
export function filterQuery(filters: AuditFilters): string {
  return new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
}

/** The actor id of seeding and scheduled jobs (functions/src/data/audited-write.ts). */
export const SYSTEM_ACTOR_ID = 'system';

/** What changes are recorded about, in the reader's language. */
export const TARGET_TYPES: Record<string, () => string> = {
  municipality: m.audit_target_municipality,
  district: m.audit_target_district,
  populationGroup: m.audit_target_population_group,
  organisation: m.audit_target_organisation,
  user: m.audit_target_user,
};

const VERBS: Record<string, () => string> = {
  seed: m.audit_verb_seed,
  create: m.audit_verb_create,
  update: m.audit_verb_update,
  archive: m.audit_verb_archive,
  restore: m.audit_verb_restore,
  deactivate: m.audit_verb_deactivate,
  reactivate: m.audit_verb_reactivate,
  erase: m.audit_verb_erase,
};

export function targetTypeLabel(type: string): string {
  return Object.hasOwn(TARGET_TYPES, type) ? TARGET_TYPES[type]!() : type;
}

/** "user.deactivate" → "Deactivated"; an action this version does not know is shown as it is. */
export function actionLabel(action: string): string {
  const verb = action.slice(action.lastIndexOf('.') + 1);
  return Object.hasOwn(VERBS, verb) ? VERBS[verb]!() : action;
}

export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
}

function formatValue(value: unknown): string {
  if (value === PERSONAL_DATA_MARK) return m.audit_personal_data();
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(formatValue).join(', ') || '—';
  if (typeof value === 'object') {
    return (
      Object.entries(value)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => `${k}: ${formatValue(v)}`)
        .join('; ') || '—'
    );
  }
  return String(value);
}

/** "name: fi: Itä; sv: Öst · archived: true" — what changed, short enough for a table cell. */
export function changesSummary(changes: Record<string, unknown>, max = 240): string {
  const text = Object.entries(changes)
    .map(([field, value]) => `${field}: ${formatValue(value)}`)
    .join(' · ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
