/**
 * Deterministic trouble, so tests that meet it never depend on luck: counted over the API
 * requests (`/api/…`) the fake receives, every Nth one fails the same way every run.
 */
export interface FaultOptions {
  /** Every Nth API request answers 429 Too Many Requests with `Retry-After`. */
  tooManyEvery?: number;
  /** The `Retry-After` of those answers, in seconds. Default 0. */
  retryAfterSeconds?: number;
  /** Every Nth API request answers a 5xx (502, 503 and 500 in turn) before doing anything. */
  serverErrorEvery?: number;
  /**
   * Every Nth predictions import is stored, then answered 500: a proxy that times out after the
   * database committed. A client that simply retries it stores the predictions twice.
   */
  failAfterCommitEvery?: number;
}

export type Fault = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | undefined;

const SERVER_ERRORS = [502, 503, 500] as const;

/** Counts requests and says which fail. */
export class FaultPlan {
  requests = 0;
  imports = 0;
  /** Faults answered so far, by status. */
  readonly answered = new Map<number, number>();
  private serverErrors = 0;

  constructor(private readonly options: FaultOptions = {}) {}

  /** The fault for the next API request, if it is one that fails. */
  next(): Fault {
    this.requests += 1;
    const { tooManyEvery, serverErrorEvery } = this.options;
    if (tooManyEvery !== undefined && this.requests % tooManyEvery === 0)
      return this.count({ status: 429, retryAfter: this.options.retryAfterSeconds ?? 0 });
    if (serverErrorEvery !== undefined && this.requests % serverErrorEvery === 0) {
      const status = SERVER_ERRORS[this.serverErrors % SERVER_ERRORS.length] ?? 500;
      this.serverErrors += 1;
      return this.count({ status });
    }
    return undefined;
  }

  /** True when this predictions import must be answered 500 after it is stored. */
  failAfterCommit(): boolean {
    this.imports += 1;
    const every = this.options.failAfterCommitEvery;
    const fails = every !== undefined && this.imports % every === 0;
    if (fails) this.answered.set(500, (this.answered.get(500) ?? 0) + 1);
    return fails;
  }

  private count(fault: NonNullable<Fault>): Fault {
    this.answered.set(fault.status, (this.answered.get(fault.status) ?? 0) + 1);
    return fault;
  }
}
