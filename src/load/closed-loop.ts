/**
 * Closed model for one worker: virtual users, each looping request → uniform think time.
 * The worker's user count follows splitLevel(usersAt(shape, t)) and is re-checked every
 * 100 ms; users beyond the level stop after their current request.
 * Latency = completion − issue (including any wait for a free connection): there is no intended time, so
 * coordinated-omission correction does not apply (the waiting user *is* the back-pressure).
 */
import { performance } from 'node:perf_hooks';
import { Random } from '../mix/random.js';
import { splitLevel, usersAt } from '../schedule/closed-users.js';
import type { Shape } from '../shapes/types.js';
import type { RequestGenerator } from '../mix/generator.js';
import type { Recorder } from './recorder.js';
import { LoadLoop } from './loop.js';
import type { Exchange, Sender } from './sender.js';

const LEVEL_CHECK_MS = 100;

class User {
  active = false;
  /** True while a request is in flight or a think timer runs. */
  busy = false;
  timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  readonly ex: Exchange;
  readonly go: () => void;

  constructor(loop: ClosedLoop, sender: Sender) {
    this.ex = sender.newExchange();
    this.ex.owner = this;
    this.go = () => {
      this.timer = null;
      loop.issue(this);
    };
  }
}

/** What a {@link ClosedLoop} needs. */
export interface ClosedLoopOptions {
  shape: Shape;
  /** This worker's index in [0, workerCount): its share of the users is splitLevel(users, workerIndex, workerCount). */
  workerIndex: number;
  workerCount: number;
  source: RequestGenerator;
  sender: Sender;
  recorder: Recorder;
  /** Uniform think time between a response and the user's next request, ms. */
  thinkTime: { minMs: number; maxMs: number };
  /** Seed of the think-time stream. */
  seed: number;
}

export class ClosedLoop extends LoadLoop {
  private readonly users: User[] = [];
  private levelTimer: NodeJS.Timeout | null = null;
  private readonly rnd: Random;
  private readonly shape: Shape;
  private readonly workerIndex: number;
  private readonly workerCount: number;
  private readonly source: RequestGenerator;
  private readonly sender: Sender;
  private readonly recorder: Recorder;
  private readonly thinkTime: { minMs: number; maxMs: number };

  constructor(opts: ClosedLoopOptions) {
    super();
    ({ shape: this.shape, workerIndex: this.workerIndex, workerCount: this.workerCount, source: this.source, sender: this.sender, recorder: this.recorder, thinkTime: this.thinkTime } = opts);
    this.rnd = new Random(opts.seed);
    this.sender.onDone = (ex) => this.onDone(ex);
  }

  /** True when no request is in flight. */
  override get idle(): boolean {
    return this.sender.inflight === 0;
  }

  /** Users currently active in this worker. */
  get activeUsers(): number {
    let n = 0;
    for (const u of this.users) if (u.active) n++;
    return n;
  }

  /** Start the users; `startPerf` is performance.now() of t = 0. */
  override start(startPerf: number): void {
    this.startPerf = startPerf;
    this.adjust();
  }

  /** Stop issuing: users finish nothing new; thinking users stop at once. */
  override stop(): void {
    this.stopped = true;
    if (this.levelTimer) clearTimeout(this.levelTimer);
    for (const u of this.users) {
      u.active = false;
      if (u.timer) this.cancel(u);
    }
  }

  private readonly adjust = (): void => {
    this.levelTimer = null;
    if (this.stopped) return;
    const tSec = (performance.now() - this.startPerf) / 1000;
    if (tSec >= this.shape.durationSec) {
      for (const u of this.users) {
        u.active = false;
        if (u.timer) this.cancel(u);
      }
      this.recorder.activeUsers(performance.now(), 0);
      this.markEnded();
      return;
    }
    const want = splitLevel(usersAt(this.shape, tSec), this.workerIndex, this.workerCount);
    let active = this.activeUsers;
    for (let i = 0; i < this.users.length && active < want; i++) {
      const u = this.users[i];
      if (u.active) continue;
      u.active = true;
      active++;
      if (!u.busy) this.issue(u);
    }
    while (active < want) {
      const u = new User(this, this.sender);
      this.users.push(u);
      u.active = true;
      active++;
      this.issue(u);
    }
    for (let i = this.users.length - 1; i >= 0 && active > want; i--) {
      const u = this.users[i];
      if (!u.active) continue;
      u.active = false;
      active--;
      if (u.timer) this.cancel(u);
    }
    this.recorder.activeUsers(performance.now(), active);
    const nextTick = Math.min(LEVEL_CHECK_MS, Math.max(1, (this.shape.durationSec - tSec) * 1000));
    this.levelTimer = setTimeout(this.adjust, nextTick);
  };

  /** @internal start the user's next iteration (or let it rest when inactive). */
  issue(u: User): void {
    if (!u.active || this.stopped) {
      u.busy = false;
      return;
    }
    u.busy = true;
    const req = this.source.next();
    const now = performance.now();
    this.recorder.scheduled(now, req.endpointIndex);
    this.sender.send(u.ex, req, now);
  }

  private onDone(ex: Exchange): void {
    const u = ex.owner as User;
    if (!u.active || this.stopped) {
      u.busy = false;
      return;
    }
    const { minMs, maxMs } = this.thinkTime;
    if (maxMs > 0) {
      u.timer = setTimeout(u.go, minMs + this.rnd.float() * (maxMs - minMs));
    } else if (ex.errorKind !== null) {
      // Transport errors can arrive synchronously from dispatch: break the recursion.
      u.timer = setImmediate(u.go);
    } else {
      this.issue(u);
    }
  }

  private cancel(u: User): void {
    clearTimeout(u.timer as NodeJS.Timeout);
    clearImmediate(u.timer as NodeJS.Immediate);
    u.timer = null;
    u.busy = false;
  }
}
