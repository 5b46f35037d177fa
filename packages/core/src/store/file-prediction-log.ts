import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { counterField } from '../analytics/index.js';
import type { ProjectId } from '../contract/types.js';
import type { Logger } from '../observability/logger.js';
import { writeFileAtomic } from './atomic-file.js';
import {
  type PredictionLog,
  type PredictionLogBounds,
  type RecordedPrediction,
} from './prediction-log.js';

interface Entry extends RecordedPrediction {
  judged: boolean;
}

interface ProjectLog {
  /** Task → its newest entry. */
  entries: Map<string, Entry>;
  /**
   * Entries oldest first, from `head` on; one whose task was recorded again since is stale
   * (no longer the map's). Evicting walks this instead of the map: a Map iterated from the
   * front after many deletions scans every deleted slot.
   */
  order: Entry[];
  head: number;
  counters: Record<string, number>;
  dirty: boolean;
}

/**
 * An entry read from `predictions.json` (results as JSON, not as text within JSON), or none
 * when it lacks what the log needs: a hand-edited file loses that entry, not the whole log.
 */
function entryOf(saved: unknown): Entry[] {
  if (typeof saved !== 'object' || saved === null) return [];
  const { task, modelVersion, at, judged, results } = saved as Record<string, unknown>;
  if (typeof task !== 'string' && typeof task !== 'number') return [];
  if (typeof modelVersion !== 'string' || typeof at !== 'number' || !Number.isFinite(at)) return [];
  return [
    {
      task: String(task),
      modelVersion,
      at,
      judged: judged === true,
      resultsJson: JSON.stringify(Array.isArray(results) ? results : []),
    },
  ];
}

const DAY_MS = 86_400_000;
/**
 * Dev mode writes the log at most this often: a crash loses at most this much of it. Each
 * write is the whole log (10,000 entries by default, a few MB): rarer writes cost /predict less.
 */
const FLUSH_EVERY_MS = 5_000;

/**
 * Dev mode's prediction log: kept in memory (one process serves and judges), written to
 * `MODEL_DIR/<project>/predictions.json` at most every 5 s and on close. It takes ownership of
 * the entries it records.
 */
export class FilePredictionLog implements PredictionLog {
  private readonly projects = new Map<ProjectId, Promise<ProjectLog>>();
  /** The projects whose log is read, for the synchronous path of {@link record}. */
  private readonly loaded = new Map<ProjectId, ProjectLog>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly projectDir: (project: ProjectId) => string,
    private readonly bounds: PredictionLogBounds,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  record(project: ProjectId, entries: RecordedPrediction[]): Promise<void> {
    // Synchronous once the project is loaded: the tracker times the call to keep recording
    // within its budget, and work done in a later microtask would escape the measure.
    const p = this.loaded.get(project);
    if (p) {
      this.recordInto(p, entries);
      return Promise.resolve();
    }
    return this.load(project).then((loaded) => {
      this.recordInto(loaded, entries);
    });
  }

  private recordInto(p: ProjectLog, entries: RecordedPrediction[]): void {
    // Counted per version once per call: a call may hold a thousand entries.
    const added = new Map<string, number>();
    const dropped = new Map<string, number>();
    for (const entry of entries) {
      const old = p.entries.get(entry.task);
      if (old && !old.judged)
        dropped.set(old.modelVersion, (dropped.get(old.modelVersion) ?? 0) + 1);
      // The log owns what it is given (the tracker builds entries for it): no copy.
      const fresh = entry as Entry;
      fresh.judged = false;
      p.entries.set(entry.task, fresh);
      p.order.push(fresh);
      added.set(entry.modelVersion, (added.get(entry.modelVersion) ?? 0) + 1);
    }
    const oldest = this.now() - this.bounds.maxDays * DAY_MS;
    while (p.head < p.order.length) {
      const entry = p.order[p.head] as Entry;
      const current = p.entries.get(entry.task) === entry;
      if (current && p.entries.size <= this.bounds.maxEntries && entry.at >= oldest) break;
      p.head += 1;
      if (!current) continue;
      if (!entry.judged)
        dropped.set(entry.modelVersion, (dropped.get(entry.modelVersion) ?? 0) + 1);
      p.entries.delete(entry.task);
    }
    if (p.head > 1024 && p.head * 2 > p.order.length) {
      p.order = p.order.slice(p.head);
      p.head = 0;
    }
    const bump = (field: string, by: number) => (p.counters[field] = (p.counters[field] ?? 0) + by);
    for (const [version, n] of added) {
      bump(counterField.count(version, 'recorded'), n);
      bump(counterField.count(version, 'pending'), n);
      p.counters[counterField.count(version, 'first_seen')] ??= entries[0]?.at ?? this.now();
    }
    for (const [version, n] of dropped) bump(counterField.count(version, 'pending'), -n);
    this.changed(p);
  }

  async claim(project: ProjectId, task: string): Promise<RecordedPrediction | undefined> {
    const p = await this.load(project);
    const entry = p.entries.get(task);
    if (!entry || entry.judged) return undefined;
    const resultsJson = entry.resultsJson;
    // Judged entries keep no results: only their version is still needed.
    entry.judged = true;
    entry.resultsJson = '[]';
    const bump = (field: string, by: number) => (p.counters[field] = (p.counters[field] ?? 0) + by);
    bump(counterField.count(entry.modelVersion, 'pending'), -1);
    bump(counterField.count(entry.modelVersion, 'annotated'), 1);
    this.changed(p);
    return {
      task: entry.task,
      modelVersion: entry.modelVersion,
      at: entry.at,
      resultsJson,
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
        const body = serializeLog(p);
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
      loading = this.read(project).then((p) => {
        this.loaded.set(project, p);
        return p;
      });
      this.projects.set(project, loading);
    }
    return loading;
  }

  private async read(project: ProjectId): Promise<ProjectLog> {
    const empty: ProjectLog = {
      entries: new Map(),
      order: [],
      head: 0,
      counters: {},
      dirty: false,
    };
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
      const saved = JSON.parse(text) as {
        entries?: unknown;
        counters?: Record<string, number>;
      };
      const order = (Array.isArray(saved.entries) ? saved.entries : [])
        .flatMap((e: unknown) => entryOf(e))
        .sort((a, b) => a.at - b.at);
      return {
        entries: new Map(order.map((e) => [e.task, e])),
        order,
        head: 0,
        counters: saved.counters ?? {},
        dirty: false,
      };
    } catch (error) {
      this.log.warn({ err: error, project }, 'the prediction log is corrupt; starting a new one');
      return empty;
    }
  }
}

/**
 * The file's text: each entry's results are already JSON, so they are spliced in rather than
 * parsed and serialized again (the whole log is written every few seconds).
 */
function serializeLog(p: ProjectLog): string {
  const entries: string[] = [];
  for (const e of p.entries.values())
    entries.push(
      `{"task":${JSON.stringify(e.task)},"modelVersion":${JSON.stringify(e.modelVersion)},"at":${e.at},"judged":${e.judged},"results":${e.resultsJson}}`,
    );
  return `{"entries":[${entries.join(',')}],"counters":${JSON.stringify(p.counters)}}`;
}
