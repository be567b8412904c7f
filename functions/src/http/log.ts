/**
 * Structured, one-line JSON logs: CloudWatch Logs Insights and a terminal can
 * both read them. Logging happens once, at the edge (the error handler).
 */
export function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void {
  if (process.env.SILLAT_LOG === 'silent') return;
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}
