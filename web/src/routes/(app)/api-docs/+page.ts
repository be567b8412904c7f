import { api } from '#lib/api';
import { loadFailed } from '#lib/load';
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
    // The description is for signed-in users only, so it is read with the token like any other call.
    const { data: doc } = await api.get<OpenApiDocument>('/openapi.json', fetch);
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
    return { info: doc.info, operations, document: doc };
  } catch (err) {
    loadFailed(err);
  }
};
