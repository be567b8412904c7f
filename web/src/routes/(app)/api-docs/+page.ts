import { loadFailed } from '#lib/load';
import { ApiError } from '#lib/api';
import type { PageLoad } from './$types';

interface Operation {
  summary?: string;
  tags?: string[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}
interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}

export const load: PageLoad = async ({ fetch }) => {
  try {
    const res = await fetch('/api/openapi.json');
    if (!res.ok) throw new ApiError(res.status, 'unknown', res.statusText);
    const doc = (await res.json()) as OpenApiDocument;
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
    return { info: doc.info, operations };
  } catch (err) {
    loadFailed(err);
  }
};
