import type { RoundExportTable } from '@sillat/shared/export/round-export';
import { ApiError } from './api';
import { accessToken, signIn, tokenRefused } from './auth';

/**
 * Downloads of the API's export files (CSV, XLSX). A plain link cannot carry
 * the access token, so the file is fetched with it and handed to the browser
 * as a blob; the name comes from the API's Content-Disposition.
 */
export const ROUND_EXPORT_TABLES = [
  'sessions',
  'cards',
  'measures',
  'survey',
  'aspects',
] as const satisfies readonly RoundExportTable[];

/** `attachment; filename="x.csv"` → x.csv (the API sends ASCII names only). */
export function filenameOf(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;
}

function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL; free it once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches `/api${path}` with the reader's token and saves it; returns the file name. Errors as ApiError. */
export async function downloadExport(path: string, fallback: string): Promise<string> {
  const token = accessToken();
  if (!token) return signIn();
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, 'network', 'The connection to the server was lost.');
  }
  if (!res.ok) {
    const payload = (await res.json().catch(() => undefined)) as
      { error?: { code?: string; message?: string } } | undefined;
    const code = payload?.error?.code ?? 'unknown';
    if (res.status === 401 && tokenRefused(code)) return signIn();
    throw new ApiError(res.status, code, payload?.error?.message ?? res.statusText);
  }
  const filename = filenameOf(res.headers.get('content-disposition'), fallback);
  save(await res.blob(), filename);
  return filename;
}
