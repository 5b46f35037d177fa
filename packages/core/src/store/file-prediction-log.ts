import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { counterField } from '../analytics/index.js';
import type { ProjectId } from '../contract/types.js';
import type { Logger } from '../observability/logger.js';
import { writeFileAtomic } from './atomic-file.js';
import type { PredictionLog, PredictionLogBounds, RecordedPrediction } from './prediction-log.js';

interface Entry extends RecordedPrediction {
  judged: boolean;
}

interface ProjectLog {
  /** Task → entry, in recording order (a re-recorded task moves to the end). */
  entries: Map<string, Entry>;
  counters: Record<string, number>;
  dirty: boolean;
}

const DAY_MS = 86_400_000;
/** Dev mode writes the log at most this often: a crash loses at most this much of it. */
const FLUSH_EVERY_MS = 1_000;

/**
 * Dev mode's prediction log: kept in memory (one process serves and judges), written to
 * `MODEL_DIR/<project>/predictions.json` at most once a second and on close.
 */
export class FilePredictionLog implements PredictionLog {
  private readonly projects = new Map<ProjectId, Promise<ProjectLog>>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly projectDir: (project: ProjectId) => string,
    private readonly bounds: PredictionLogBounds,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async record(project: ProjectId, entries: RecordedPrediction[]): Promise<void> {
    const p = await this.load(project);
    const bump = (field: string, by = 1) => (p.counters[field] = (p.counters[field] ?? 0) + by);
    for (const entry of entries) {
      const old = p.entries.get(entry.task);
      if (old && !old.judged) bump(counterField.count(old.modelVersion, 'pending'), -1);
      p.entries.delete(entry.task);
      p.entries.set(entry.task, { ...entry, judged: false });
      bump(counterField.count(entry.modelVersion, 'recorded'));
      bump(counterField.count(entry.modelVersion, 'pending'));
      p.counters[counterField.count(entry.modelVersion, 'first_seen')] ??= entry.at;
    }
    const oldest = this.now() - this.bounds.maxDays * DAY_MS;
    for (const [task, entry] of p.entries) {
      if (p.entries.size <= this.bounds.maxEntries && entry.at >= oldest) break;
      if (!entry.judged) bump(counterField.count(entry.modelVersion, 'pending'), -1);
      p.entries.delete(task);
    }
    this.changed(p);
  }

  async claim(project: ProjectId, task: string): Promise<RecordedPrediction | undefined> {
    const p = await this.load(project);
    const entry = p.entries.get(task);
    if (!entry || entry.judged) return undefined;
    // Judged entries keep no results: only their version is still needed.
    p.entries.set(task, { ...entry, judged: true, results: [] });
    const bump = (field: string, by: number) => (p.counters[field] = (p.counters[field] ?? 0) + by);
    bump(counterField.count(entry.modelVersion, 'pending'), -1);
    bump(counterField.count(entry.modelVersion, 'annotated'), 1);
    this.changed(p);
    return {
      task: entry.task,
      modelVersion: entry.modelVersion,
      at: entry.at,
      results: entry.results,
    };
  }

  async add(project: ProjectId, counters: Record<string, number>): Promise<void> {
    const p = await this.load(project);
    for (const [field, by] of Object.entries(counters))
      p.counters[field] = (p.counters[field] ?? 0) + by;
    this.changed(p);
  }

  async counters(project: ProjectId): Promise<Record<string, number>> {
    return { ...(await this.load(project)).counters };
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private changed(p: ProjectLog): void {
    p.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, FLUSH_EVERY_MS).unref();
  }

  private flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      for (const [project, loading] of this.projects) {
        const p = await loading;
        if (!p.dirty) continue;
        p.dirty = false;
        const body = JSON.stringify({ entries: [...p.entries.values()], counters: p.counters });
        try {
          await writeFileAtomic(this.path(project), body);
        } catch (error) {
          p.dirty = true;
          this.log.warn({ err: error, project }, 'could not write the prediction log');
        }
      }
    });
    return this.writing;
  }

  private path(project: ProjectId): string {
    return join(this.projectDir(project), 'predictions.json');
  }

  private load(project: ProjectId): Promise<ProjectLog> {
    let loading = this.projects.get(project);
    if (!loading) {
      loading = this.read(project);
      this.projects.set(project, loading);
    }
    return loading;
  }

  private async read(project: ProjectId): Promise<ProjectLog> {
    const empty: ProjectLog = { entries: new Map(), counters: {}, dirty: false };
    let text: string;
    try {
      text = await readFile(this.path(project), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.log.warn(
          { err: error, project },
          'could not read the prediction log; starting a new one',
        );
      return empty;
    }
    try {
      const saved = JSON.parse(text) as { entries?: Entry[]; counters?: Record<string, number> };
      return {
        entries: new Map((saved.entries ?? []).map((e) => [e.task, e])),
        counters: saved.counters ?? {},
        dirty: false,
      };
    } catch (error) {
      this.log.warn({ err: error, project }, 'the prediction log is corrupt; starting a new one');
      return empty;
    }
  }
}
