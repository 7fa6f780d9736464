import type { CapplanCommand } from '../command.js';

/** A command module: adds its options and action to the commander `Command` it is given. */
export interface CommandModule {
  /**
   * Declare arguments/options and set the action. The action returns the exit code
   * (0 ok, 1 threshold failed, 130 interrupted) or throws a CapplanError; it never calls process.exit.
   */
  define(cmd: CapplanCommand): void;
}

/** Every command, lazy-loaded: only the module of the command being run is imported. */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  init: { summary: 'write a first profile: for a URL, from a HAR recording or from an OpenAPI 3 document', load: () => import('./init.js') },
  profiles: { summary: 'list the example profiles shipped with capplan (load runs them by name, e.g. load steady)', load: () => import('./profiles.js') },
  load: { summary: 'run a load test from a YAML profile and write a result file', load: () => import('./load.js') },
  demo: { summary: 'run profiles/spike.yaml, scaled to under a minute, against the built-in target', load: () => import('./demo.js') },
  target: { summary: 'serve the built-in demo target (bounded workers + bounded queue) on 127.0.0.1', load: () => import('./target.js') },
  soak: { summary: 'soak verdict: does server memory grow over the steady state (leak | flat | inconclusive)?', load: () => import('./soak.js') },
  proxy: { summary: 'a fault-injecting reverse proxy (errors, delays, resets) in front of any HTTP service', load: () => import('./proxy.js') },
  report: { summary: 'render a result file as console, md, csv, json or html', load: () => import('./report.js') },
  gate: { summary: 'fail (exit 1) when SLOs or a baseline regression are violated', load: () => import('./gate.js') },
  history: { summary: 'trend of metrics over many result files, with change points (E-divisive means)', load: () => import('./history.js') },
  compare: { summary: 'compare two result files side by side, with significance', load: () => import('./compare.js') },
  merge: { summary: 'merge result files from several load generators exactly', load: () => import('./merge.js') },
  collect: { summary: 'turn kubectl logs of a sharded run (or a folder of results) into result files and merge them', load: () => import('./collect.js') },
  k8s: { summary: 'write Kubernetes manifests (ConfigMap + Indexed Job) for a sharded run', load: () => import('./k8s.js') },
  queue: { summary: "size queues: Little's Law, spike backlog, Erlang C", load: () => import('./queue.js') },
  saturation: { summary: 'fit the Universal Scalability Law to concurrency/throughput points', load: () => import('./saturation.js') },
  sweep: { summary: 'measure throughput and p99 across concurrency levels; write a capacity matrix', load: () => import('./sweep.js') },
  forecast: { summary: 'forecast when metrics cross their limits', load: () => import('./forecast.js') },
  cost: { summary: 'monthly cost, utilisation and resilience of candidate fleets', load: () => import('./cost.js') },
  autoscale: { summary: 'simulate an auto-scaler (the exercise rule or the Kubernetes HPA) against a demand series', load: () => import('./autoscale.js') },
  slo: { summary: 'error budgets, burn rate and multiwindow burn-rate alerts', load: () => import('./slo.js') },
};
