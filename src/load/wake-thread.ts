/**
 * Entry of a load worker's wake thread (loaded from dist/load/wake-thread.js by {@link Waker}). It sleeps in
 * Atomics.wait, whose timeout has sub-millisecond precision (a futex), until the instant the worker asked for,
 * then posts one message, which wakes the worker's event loop at once (libuv's async handle). Node's own timers
 * cannot do this: their resolution is 1 ms. The thread holds no JavaScript event loop work of its own.
 *
 * Shared state (see waker.ts): ctl[0] a generation the worker bumps on every request, due[0] the instant to wake
 * at (epoch ms; 0 none; -1 stop).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

const { buffer, minGapMs } = workerData as { buffer: SharedArrayBuffer; minGapMs: number };
const ctl = new Int32Array(buffer, 0, 2);
const due = new Float64Array(buffer, 8, 1);
const port = parentPort!;
const nowEpochMs = () => performance.timeOrigin + performance.now();

let lastPostMs = 0;
for (;;) {
  const gen = Atomics.load(ctl, 0);
  const at = due[0];
  if (at < 0) break;
  if (at === 0) {
    Atomics.wait(ctl, 0, gen);
    continue;
  }
  // Never more often than minGapMs: a wake-up costs the worker a message.
  const waitMs = Math.max(at, lastPostMs + minGapMs) - nowEpochMs();
  if (waitMs > 0 && Atomics.wait(ctl, 0, gen, waitMs) !== 'timed-out') continue;
  if (Atomics.load(ctl, 0) !== gen) continue;
  due[0] = 0;
  lastPostMs = nowEpochMs();
  port.postMessage(0);
}
port.close();
