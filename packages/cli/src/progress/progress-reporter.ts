import type { OutputStream } from '../io.js';
import { formatCount, formatDuration, formatRate } from './format.js';

/**
 * How far a run is: tasks done, and either the tasks there are in all (a Label Studio project)
 * or the bytes of the input read out of its size (a streamed export file).
 */
export interface ProgressSnapshot {
  tasks: number;
  failed: number;
  bytesRead: number;
  totalBytes: number;
  /** Tasks in all, when known: the share done is `tasks / total`, shown as `done/total`. */
  total?: number | undefined;
}

/**
 * Reports progress on `out`: a redrawn bar with rate and ETA on a terminal, plain lines
 * elsewhere (CI logs, files), at most every `lineEveryMs` and at every 10% step. The ETA comes
 * from the share done: of the tasks when their count is known, else of the input bytes read
 * (a streamed file needs no task count up front).
 */
export class ProgressReporter {
  private readonly started: number;
  private lastDraw = 0;
  private lastLine = 0;
  private lastDecile = 0;

  constructor(
    private readonly out: OutputStream,
    private readonly label: string,
    private readonly options: {
      now?: () => number;
      lineEveryMs?: number;
      drawEveryMs?: number;
    } = {},
  ) {
    this.started = this.now();
  }

  update(progress: ProgressSnapshot): void {
    const now = this.now();
    if (this.out.isTTY) {
      if (now - this.lastDraw < (this.options.drawEveryMs ?? 100)) return;
      this.lastDraw = now;
      this.out.write(`\r\x1b[2K${this.bar(progress, now)}`);
      return;
    }
    const decile = Math.floor(fraction(progress) * 10);
    const due = now - this.lastLine >= (this.options.lineEveryMs ?? 5000);
    if (decile > this.lastDecile || due) {
      this.lastDecile = Math.max(decile, this.lastDecile);
      this.lastLine = now;
      this.out.write(`${this.line(progress, now)}\n`);
    }
  }

  /** Ends the bar (a terminal keeps its last frame) and returns the elapsed seconds. */
  finish(progress: ProgressSnapshot): number {
    const now = this.now();
    if (this.out.isTTY) this.out.write(`\r\x1b[2K${this.bar(progress, now)}\n`);
    return (now - this.started) / 1000;
  }

  private line(p: ProgressSnapshot, now: number): string {
    const { percent, rate, eta } = this.measure(p, now);
    return `${this.label}: ${percent}% ${count(p)} tasks, ${formatRate(rate)}, ${p.failed} failed, ETA ${formatDuration(eta)}`;
  }

  private bar(p: ProgressSnapshot, now: number): string {
    const { percent, rate, eta } = this.measure(p, now);
    const width = 24;
    const filled = Math.round((percent / 100) * width);
    const failed = p.failed > 0 ? `  ${formatCount(p.failed)} failed` : '';
    return `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%  ${count(p)} tasks  ${formatRate(rate)}  ETA ${formatDuration(eta)}${failed}`;
  }

  private measure(p: ProgressSnapshot, now: number) {
    const seconds = Math.max((now - this.started) / 1000, 1e-3);
    const share = fraction(p);
    return {
      percent: Math.floor(share * 100),
      rate: p.tasks / seconds,
      eta: share > 0 ? (seconds * (1 - share)) / share : Number.NaN,
    };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function fraction(p: ProgressSnapshot): number {
  if (p.total !== undefined) return p.total > 0 ? Math.min(1, p.tasks / p.total) : 1;
  return p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
}

function count(p: ProgressSnapshot): string {
  return p.total === undefined
    ? formatCount(p.tasks)
    : `${formatCount(p.tasks)}/${formatCount(p.total)}`;
}
