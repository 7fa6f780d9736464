/**
 * Progress over a known number of equal steps (sweep levels, matrix cells): each finished step's line gets a prefix
 * with the share done and the ETA, ETA = (steps left) × (seconds per step). On a terminal the prefix is a bar
 * (`██████░░░░░░ 3/8 · ETA 12 s`); in logs it is plain (`[3/8 · ETA 12 s]`). Lines are kept, not redrawn: each
 * step's figures are worth keeping on screen. Pure apart from the clock-free counter it holds.
 */
import { etaText, progressBar } from './progress-bar.js';

/** Prefixes step lines with the progress so far; `atMost` marks a total that is an upper bound (a sweep that may stop early). */
export function stepProgress(totalSteps: number, stepSec: number, tty: boolean, atMost = false): (line: string) => string {
  let done = 0;
  return (line: string) => {
    done = Math.min(done + 1, totalSteps);
    const of = `${done}/${atMost ? '≤' : ''}${totalSteps}`;
    const eta = etaText(done * stepSec, totalSteps * stepSec).replace(/^ETA /, atMost && done < totalSteps ? 'ETA ≤ ' : 'ETA ');
    const head = tty ? `${progressBar(totalSteps > 0 ? done / totalSteps : 1, 12)} ${of} · ${eta}` : `[${of} · ${eta}]`;
    return `${head}  ${line.trimStart()}`;
  };
}
