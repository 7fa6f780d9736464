/** The built-in demo target: `startTarget` and its types. */
export { startTarget } from './server.js';
export { nominalCapacityPerSec, meanServiceTimeMs } from './service-time.js';
export type { RunningTarget, ServiceDistribution, ServiceTimeSpec, TargetOptions, TargetStats, EndpointStats } from './types.js';
export { SERVICE_DISTRIBUTIONS } from './types.js';
