/**
 * Sampling a local process from /proc (Linux), for targets without a /metrics endpoint:
 * resident memory from `/proc/PID/status` (VmRSS, kB) and CPU time from `/proc/PID/stat`
 * (utime + stime, in clock ticks of USER_HZ = 100 per second, fixed by the Linux ABI).
 */
import { readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc/PID/stat's CPU fields (USER_HZ). */
export const USER_HZ = 100;

/** One reading of a process. */
export interface ProcReading {
  /** Resident set size, bytes. */
  rssBytes: number;
  /** User + system CPU time since the process started, seconds. */
  cpuSeconds: number;
}

/** Parse `/proc/PID/status` and `/proc/PID/stat` text (pure). `undefined` when either is malformed. */
export function parseProc(status: string, stat: string): ProcReading | undefined {
  const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  // comm (field 2) may hold spaces and parentheses: fields after the last ')' start at field 3 (state).
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[11]); // field 14
  const stime = Number(rest[12]); // field 15
  if (!rss || !Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return { rssBytes: Number(rss[1]) * 1024, cpuSeconds: (utime + stime) / USER_HZ };
}

/** Read a process now. Rejects when it does not exist (or /proc is absent). */
export async function readProc(pid: number): Promise<ProcReading> {
  const [status, stat] = await Promise.all([readFile(`/proc/${pid}/status`, 'utf8'), readFile(`/proc/${pid}/stat`, 'utf8')]);
  const r = parseProc(status, stat);
  if (!r) throw new Error(`/proc/${pid}: unexpected format`);
  return r;
}
