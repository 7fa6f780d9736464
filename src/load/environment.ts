import { cpus, hostname } from 'node:os';
import type { Environment } from '../results/types.js';
import { capplanVersion } from '../util/version.js';

/** The environment block of a result file: versions, machine, workers and connections per worker. */
export async function describeEnvironment(workers: number, connections: number): Promise<Environment> {
  const cpuList = cpus();
  return {
    capplanVersion: await capplanVersion(),
    nodeVersion: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model?.trim() ?? 'unknown',
    hostname: hostname(),
    workers,
    connections,
  };
}
