import { join } from 'node:path';

/** `YYYYMMDD-HHMMSS` in local time. */
export function timestampForFile(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** Default result path: `<cwd>/reports/<profile>-<YYYYMMDD-HHMMSS>.json`, the name reduced to safe characters. */
export function defaultReportPath(profileName: string, startedAt: Date, cwd: string): string {
  const safe = profileName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
  return join(cwd, 'reports', `${safe}-${timestampForFile(startedAt)}.json`);
}
