import { OpenAPIHono } from '@hono/zod-openapi';
import { DASHBOARD_READERS } from '@sillat/shared/access';
import { ComparisonQuery, type Round, RoundComparison } from '@sillat/shared';
import { roundComparison } from '@sillat/shared/comparison';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '@sillat/shared/suppression';
import { getMunicipality } from '../data/municipality';
import { listStats } from '../data/round-stats';
import { getRound } from '../data/rounds';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';

/**
 * Round comparison (issue 7, item 2): any two rounds, per aspect × group,
 * district or both. Five reads whatever the data's size: the two rounds, the
 * municipality (its privacy threshold) and each round's counter cells (one
 * Query each). Names of groups and districts are the web's to resolve.
 */
const compare = guardedRoute({
  method: 'get',
  path: '/compare',
  tags: ['Dashboards'],
  access: DASHBOARD_READERS,
  summary: 'Two rounds side by side with the change per aspect and group/district; privacy-suppressed',
  request: { query: ComparisonQuery },
  responses: {
    200: { description: 'The comparison', content: { 'application/json': { schema: RoundComparison } } },
    ...ErrorResponses,
  },
});

const roundRef = ({ id, name, period, phase }: Round) => ({ id, name, period, phase });

export const comparisonRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(compare, async (c) => {
  const m = c.var.municipalityId;
  const { from, to, by } = c.req.valid('query');
  // An unknown round is a NotFoundError: 404.
  const [fromRound, toRound, municipality, fromCells, toCells] = await Promise.all([
    getRound(m, from),
    getRound(m, to),
    getMunicipality(m),
    listStats(m, from),
    listStats(m, to),
  ]);
  const figures = roundComparison({
    from: fromCells,
    to: toCells,
    by,
    threshold: municipality.privacyThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD,
  });
  return c.json({ ...figures, from: roundRef(fromRound), to: roundRef(toRound) }, 200);
});
