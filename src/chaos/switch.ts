/**
 * The run-time chaos switch: holds the current {@link ChaosConfig}, serves `GET/POST /__chaos`,
 * and applies the faults to requests. One instance per server (built-in target or proxy).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyChaosPatch, CHAOS_OFF, decideChaos, type ChaosConfig } from './config.js';
import { readJson, sendJson } from '../util/http-json.js';

/** Path of the switch on every capplan server. */
export const CHAOS_PATH = '/__chaos';

/** Faults injected so far, by kind. */
export interface ChaosCounts {
  error: number;
  reset: number;
  slow: number;
}

/** Current chaos settings plus the counts of faults injected; what `GET /__chaos` returns. */
export interface ChaosState extends ChaosConfig {
  injected: ChaosCounts;
}

/** The switch of one server. */
export class ChaosSwitch {
  private config: ChaosConfig;
  private readonly counts: ChaosCounts = { error: 0, reset: 0, slow: 0 };
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    initial: ChaosConfig = CHAOS_OFF,
    /** Uniform [0,1) draws (seedable for tests). */
    private readonly rnd: () => number = Math.random,
  ) {
    this.config = { ...initial };
  }

  /** Replace the settings (already validated, e.g. by applyChaosPatch). */
  set(config: ChaosConfig): void {
    this.config = { ...config };
  }

  /** Current settings and counts. */
  state(): ChaosState {
    return { ...this.config, injected: { ...this.counts } };
  }

  /**
   * Serve `GET /__chaos` (the state) and `POST /__chaos` (a partial update, 400 listing every problem).
   * Returns false when the request is not for the switch.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    const path = url.split('?', 1)[0];
    if (path !== CHAOS_PATH) return false;
    if (req.method === 'GET' || req.method === 'HEAD') {
      sendJson(res, 200, JSON.stringify(this.state()));
    } else if (req.method === 'POST' || req.method === 'PUT') {
      readJson(req, (err, value) => {
        if (err) return sendJson(res, err === 'too large' ? 413 : 400, JSON.stringify({ problems: [`body is ${err}`] }));
        const r = applyChaosPatch(this.config, value);
        if (!r.ok) return sendJson(res, 400, JSON.stringify({ problems: r.problems }));
        this.config = r.config;
        sendJson(res, 200, JSON.stringify(this.state()));
      });
    } else {
      req.resume();
      sendJson(res, 405, JSON.stringify({ problems: [`${CHAOS_PATH} accepts GET and POST`] }), { allow: 'GET, POST' });
    }
    return true;
  }

  /**
   * Apply the faults to one request: answer 500, reset the connection, or call `next` now or
   * after the drawn delay.
   */
  apply(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const d = decideChaos(this.config, this.rnd);
    switch (d.kind) {
      case 'pass':
        return next();
      case 'error':
        this.counts.error++;
        req.resume();
        return sendJson(res, 500, '{"error":"chaos: injected error"}');
      case 'reset':
        this.counts.reset++;
        req.socket.resetAndDestroy();
        return;
      case 'slow': {
        this.counts.slow++;
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (!res.destroyed) next();
        }, d.delayMs);
        this.timers.add(timer);
        return;
      }
    }
  }

  /** Cancel pending delays (on server close). */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
