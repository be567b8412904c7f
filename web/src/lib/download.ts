/**
 * Saves `data` as a JSON file through the browser's download, for responses
 * that need the access token (a plain link cannot send it).
 */
export function downloadJson(filename: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
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
