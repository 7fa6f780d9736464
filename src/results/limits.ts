/**
 * Size limits shared by profiles and result files.
 *
 * Endpoints: each endpoint keeps two HDR histograms per second (latency and service time; a
 * decoded one is ~200 KB), per worker, in every phase and in the report. A result file with
 * 100 000 endpoint keys drove `report` past 9.4 GB of memory, so both a profile and a result file
 * with more than MAX_ENDPOINTS distinct endpoint names are refused (exit 2). Group URLs with
 * parameters instead (`path: /item/{id}`).
 */

/** Distinct endpoint names allowed in a profile or a result file. */
export const MAX_ENDPOINTS = 1000;

/** The problem text for `count` endpoints, shared by the profile check and the result-file check. */
export function tooManyEndpoints(count: number | string): string {
  return `${count} endpoints: at most ${MAX_ENDPOINTS} are allowed (every endpoint keeps its own histograms per second); group URLs with parameters, e.g. path: /item/{id}`;
}
