/** ✓ passed, ! works but will bite, ✗ broken, – not checked (something it needs failed first). */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** One line of the doctor's checklist: what was checked, what was found, and the fix. */
export interface CheckLine {
  /** Stable, for `--json` readers: `label-studio`, `token`, `project`, `backend-health`, … */
  id: string;
  status: CheckStatus;
  /** One line: what was found. */
  title: string;
  /** More lines: each problem found, one per line. */
  details?: string[];
  /** One sentence: what to do about it. */
  fix?: string;
}

/** Collects the checklist in order. */
export class Checklist {
  readonly lines: CheckLine[] = [];

  add(line: CheckLine): CheckLine {
    this.lines.push(line);
    return line;
  }

  ok(id: string, title: string, details?: string[]): CheckLine {
    return this.add({ id, status: 'ok', title, ...(details?.length ? { details } : {}) });
  }

  warn(id: string, title: string, fix: string, details?: string[]): CheckLine {
    return this.add({ id, status: 'warn', title, fix, ...(details?.length ? { details } : {}) });
  }

  fail(id: string, title: string, fix: string, details?: string[]): CheckLine {
    return this.add({ id, status: 'fail', title, fix, ...(details?.length ? { details } : {}) });
  }

  skip(id: string, title: string): CheckLine {
    return this.add({ id, status: 'skip', title });
  }

  get failed(): boolean {
    return this.lines.some((line) => line.status === 'fail');
  }
}
