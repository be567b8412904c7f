import { OpenAPIHono } from '@hono/zod-openapi';
import { COORDINATORS, DASHBOARD_READERS } from '@sillat/shared/access';
import { Id, LocaleQuery, RoundCsvQuery } from '@sillat/shared';
import { toCsv } from '@sillat/shared/export/csv';
import { openDataDictionaryTable } from '@sillat/shared/export/open-data-dictionary';
import { ROUND_EXPORT_TABLES, type RoundExportInput, roundExportTables } from '@sillat/shared/export/round-export';
import { fileSlug } from '@sillat/shared/export/table';
import { checkpointState } from '@sillat/shared/measure-checkpoints';
import { nameIn, openDataTable } from '@sillat/shared/open-data';
import { todayIn } from '@sillat/shared/reminders';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '@sillat/shared/suppression';
import * as z from 'zod';
import { recordAudit } from '../data/audit';
import { listCards } from '../data/cards';
import { districts } from '../data/districts';
import { listRoundMeasures } from '../data/measures';
import { getMunicipality } from '../data/municipality';
import { organisations } from '../data/organisations';
import { populationGroups } from '../data/population-groups';
import { listStats } from '../data/round-stats';
import { getRound, listRounds } from '../data/rounds';
import { listSessions } from '../data/sessions';
import { getSurveyAndCounters } from '../data/survey';
import { listUsers } from '../data/users';
import { xlsxFile, XLSX_TYPE } from '../export/xlsx-zip';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';

/**
 * Exports (issue 7, item 6): one round's data for its coordinators as CSV
 * (one table per file) or an XLSX workbook (every table a sheet), and the
 * aggregated open-data CSV with its data dictionary for those who read the
 * dashboards. The privacy rules live in the pure builders
 * (shared/src/export/round-export.ts, shared/src/open-data.ts); every text
 * cell is neutralised against formula injection by the serialisers. A round
 * export leaves an audit entry (`round.export`): nothing changes, but data
 * about people's sessions leaves the system.
 */
const tags = ['Exports'];
const RoundParam = z.object({ roundId: Id });
const CSV = 'text/csv; charset=utf-8';
const file = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().meta({ format: 'binary' }) } },
});

const roundCsv = guardedRoute({
  method: 'get',
  path: '/rounds/{roundId}/export.csv',
  tags,
  access: COORDINATORS,
  summary: `One table of a round's data as CSV (${ROUND_EXPORT_TABLES.join(', ')}); small figures hidden`,
  request: { params: RoundParam, query: RoundCsvQuery },
  responses: { 200: file('text/csv', 'The table, UTF-8 with a byte order mark'), ...ErrorResponses },
});
const roundXlsx = guardedRoute({
  method: 'get',
  path: '/rounds/{roundId}/export.xlsx',
  tags,
  access: COORDINATORS,
  summary: "A round's data as an Excel workbook, one sheet per table; small figures hidden",
  request: { params: RoundParam, query: LocaleQuery },
  responses: { 200: file(XLSX_TYPE, 'The workbook'), ...ErrorResponses },
});
const openData = guardedRoute({
  method: 'get',
  path: '/dashboard/open-data.csv',
  tags,
  access: DASHBOARD_READERS,
  summary: 'Open data: every round × aspect for the city, each group and each district; suppression applied',
  request: { query: LocaleQuery },
  responses: { 200: file('text/csv', 'The open-data file'), ...ErrorResponses },
});
const dictionary = guardedRoute({
  method: 'get',
  path: '/dashboard/open-data-dictionary.csv',
  tags,
  access: DASHBOARD_READERS,
  summary: 'The data dictionary of the open-data file (fi, sv, en)',
  request: { query: LocaleQuery },
  responses: { 200: file('text/csv', 'The dictionary'), ...ErrorResponses },
});

const attachment = (type: string, filename: string) => ({
  'Content-Type': type,
  // The name is ASCII by construction (fileSlug), so no RFC 5987 encoding is needed.
  'Content-Disposition': `attachment; filename="${filename}"`,
  'Cache-Control': 'no-store',
});

/** Everything a round export reads: lists of the round's items, the registries and the round's counters. */
async function roundInput(m: string, roundId: string, locale: RoundExportInput['locale']) {
  const round = await getRound(m, roundId);
  const [municipality, sessions, cards, measures, survey, cells, groups, districtList, orgs, users] = await Promise.all(
    [
      getMunicipality(m),
      listSessions(m, roundId),
      listCards(m, roundId),
      listRoundMeasures(m, roundId),
      getSurveyAndCounters(m, roundId),
      listStats(m, roundId),
      populationGroups.list(m, { includeArchived: true }),
      districts.list(m, { includeArchived: true }),
      organisations.list(m, { includeArchived: true }),
      listUsers(m),
    ],
  );
  const today = todayIn(new Date(), 'Europe/Helsinki');
  const input: RoundExportInput = {
    round,
    sessions,
    cards,
    measures: measures.map((x) => ({ ...x, ...checkpointState(x, today) })),
    survey: { status: survey.survey.status, counters: survey.counters, measureOptions: survey.survey.measureOptions },
    cells,
    groups,
    districts: districtList,
    organisations: orgs,
    users,
    threshold: municipality.privacyThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD,
    locale,
  };
  return { input, slug: fileSlug(nameIn(round.name, 'fi'), 'round') };
}

export const exportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(roundCsv, async (c) => {
    const m = c.var.municipalityId;
    const { roundId } = c.req.valid('param');
    const { table, locale } = c.req.valid('query');
    const { input, slug } = await roundInput(m, roundId, locale);
    const [sheet] = roundExportTables(input, [table]);
    await recordAudit({
      actor: c.var.actor,
      municipalityId: m,
      action: 'round.export',
      target: { type: 'round', id: roundId },
      changes: { format: 'csv', table },
    });
    return c.body(toCsv(sheet!), 200, attachment(CSV, `sillat-${slug}-${table}.csv`));
  })
  .openapi(roundXlsx, async (c) => {
    const m = c.var.municipalityId;
    const { roundId } = c.req.valid('param');
    const { input, slug } = await roundInput(m, roundId, c.req.valid('query').locale);
    const workbook = xlsxFile(roundExportTables(input, ROUND_EXPORT_TABLES));
    await recordAudit({
      actor: c.var.actor,
      municipalityId: m,
      action: 'round.export',
      target: { type: 'round', id: roundId },
      changes: { format: 'xlsx', table: ROUND_EXPORT_TABLES.join(',') },
    });
    return c.body(workbook.slice().buffer, 200, attachment(XLSX_TYPE, `sillat-${slug}.xlsx`));
  })
  .openapi(openData, async (c) => {
    const m = c.var.municipalityId;
    const [municipality, rounds, cells, groups, districtList] = await Promise.all([
      getMunicipality(m),
      listRounds(m),
      listStats(m),
      populationGroups.list(m, { includeArchived: true }),
      districts.list(m, { includeArchived: true }),
    ]);
    const table = openDataTable({
      rounds,
      cells,
      groups,
      districts: districtList,
      threshold: municipality.privacyThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD,
      locale: c.req.valid('query').locale,
    });
    return c.body(toCsv(table), 200, attachment(CSV, 'sillat-open-data.csv'));
  })
  .openapi(dictionary, async (c) => {
    const municipality = await getMunicipality(c.var.municipalityId);
    const table = openDataDictionaryTable(municipality.privacyThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD);
    return c.body(toCsv(table), 200, attachment(CSV, 'sillat-open-data-dictionary.csv'));
  });
