/** How often the share of time spent recording is looked at, and the sampling rate adjusted. */
const WINDOW_MS = 500;
/** The sampling rate never goes below this: a saturated server still records some requests. */
const MIN_RATE = 0.01;

/**
 * Keeps acceptance recording within a share of the process's time. Recording a prediction
 * costs a few microseconds; a backend that answers tens of thousands of predictions a second
 * (a cheap model under a pre-labeling burst) would otherwise lose a noticeable part of its
 * throughput to analytics. The tracker charges the time each recorded request and each write
 * to the store take (a sampled-out request costs a few operations and is not timed). Every
 * half second the share of wall time charged is compared with the budget; past it only a
 * random sample of `/predict` requests is recorded (whole requests, so the sample stays
 * unbiased) until the share falls back. At the rates annotators open tasks, nothing is skipped.
 *
 * Only what can be timed is charged (serializing, the store's bookkeeping): the garbage
 * collection the recorded entries cause, and the periodic write of the dev log, come on top,
 * and `pnpm bench:http` measured them at one to two times as much again. Hence a small default.
 */
export class RecordingBudget {
  /** Share of requests recorded: 1 records all. */
  private rate = 1;
  private windowStart: number;
  private spent = 0;

  /**
   * @param share the share of wall time recording may take (`LSML_PREDICTION_LOG_BUDGET`);
   *   1 turns sampling off.
   * @param now the clock of the windows, in ms: `Date.now` by default, cheaper to read than
   *   `performance.now` and precise enough for half-second windows (each request reads it).
   */
  constructor(
    readonly share: number,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.windowStart = now();
  }

  /** The share of requests currently recorded (1 = every request). */
  get samplingRate(): number {
    return this.rate;
  }

  /** Whether to record the predictions of the request at hand. */
  admit(): boolean {
    if (this.share >= 1) return true;
    this.adjust();
    return this.rate >= 1 || this.random() < this.rate;
  }

  /** Adds time spent recording, in milliseconds. */
  charge(ms: number): void {
    this.spent += ms;
  }

  private adjust(): void {
    const now = this.now();
    const elapsed = now - this.windowStart;
    if (elapsed < WINDOW_MS) return;
    const used = this.spent / elapsed;
    this.windowStart = now;
    this.spent = 0;
    // What recording would take at the current rate is `used`; scaling the rate by
    // share ÷ used brings it to the budget. It rises at most twofold per window, so a burst
    // that has just ended does not swing it back past the budget at once.
    const next = used === 0 ? 1 : (this.rate * this.share) / used;
    this.rate = Math.min(1, this.rate * 2, Math.max(MIN_RATE, next));
  }
}
