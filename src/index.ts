/**
 * capplan's programmatic API: `import { runLoad, loadProfile, … } from 'capplan'`. Everything here is also what
 * the CLI uses; nothing here prints or exits. Durations are in ms and rates in requests per second unless a
 * name says otherwise (`…Sec`). Documented in docs/api.md.
 */

// Profiles: YAML text or file → the normalised, validated Profile the engine runs.
export { loadProfile, parseProfile, type ProfileOptions } from './profile/load.js';
export type { Profile, EndpointSpec, KeyDistribution, LoadModel } from './profile/types.js';
export { shippedProfiles, resolveProfileRef, type ShippedProfile } from './profile/shipped.js';

// The load engine: run a profile, get the result file's content (and its path when written).
export { runLoad, defaultWorkerCount, defaultConnections, type RunOptions, type RunOutcome, type RunProgress } from './load/run.js';

// Result files: read, validate, merge exactly.
export { readResultFile, parseResult } from './results/read.js';
export { mergeResults, type MergeOptions } from './results/merge.js';
export type { ResultFile, Summary, EndpointSummary, IntervalRecord, LatencySummaryMs, Counters, ErrorKind } from './results/types.js';

// Verdicts: the profile's thresholds, the regression gate and side-by-side comparison.
export { checkThresholds, type ThresholdCheck } from './gate/thresholds.js';
export { runGate, type GateInput, type GateReport, type GateCheck } from './gate/gate.js';
export { runCompare, type CompareReport, type CompareRow } from './gate/compare.js';

// The report model every renderer takes.
export { buildReportModel, type ReportModel } from './report/model.js';

// Pure capacity analysis.
export { littlesLaw, type LittlesLawInput, type LittlesLawResult } from './analysis/littles-law.js';
export { spikeBacklog, type SpikeBacklogInput, type SpikeBacklogResult } from './analysis/spike-backlog.js';
export { erlangC, mmc, minServersFor, type MmcInput, type MmcResult } from './analysis/erlang.js';
export { fitUsl, uslThroughput, type UslFit, type UslParams } from './analysis/usl.js';
export { forecastMetric, type ForecastInput, type MetricForecast } from './analysis/forecast.js';
export { costModel, type CostInput, type CostReport } from './analysis/cost.js';
export { errorBudget, type ErrorBudgetInput, type ErrorBudgetResult } from './analysis/burn-rate.js';

// The built-in demo target (bounded workers + bounded queue) for tests and demos.
export { startTarget, type RunningTarget, type TargetOptions } from './target/index.js';

// Profile drafts (what `capplan init` writes).
export { draftFromHar, type HarOptions } from './init/har.js';
export { draftFromOpenApi, type OpenApiOptions } from './init/openapi.js';
export { renderDraft } from './init/profile-text.js';
export type { ProfileDraft } from './init/draft.js';

// Errors and exit codes.
export { CapplanError, UsageError, InputError, ValidationError, TargetUnreachableError, InterruptedError, ExitCode, type ValidationIssue } from './errors.js';
