import { join } from 'node:path';
import { LsmlError } from '../errors/index.js';
import type { LabeledTask, ProjectId } from '../contract/types.js';
import type { Logger } from '../observability/logger.js';
import { replayLog } from './log-repair.js';
import type { TrainingDataStore } from './training-data.js';
import { TrainingLog } from './training-log.js';
import { TrainingSet, type TrainingRecord } from './training-set.js';
import { jsonLine, readSnapshot, writeSnapshot, type SnapshotInfo } from './training-snapshot.js';

export interface FileTrainingDataOptions {
  /** Where torn records cut at start and compactions are reported. */
  log?: Logger | undefined;
  /**
   * Compaction starts once the files hold more than this many bytes beyond the live set, and
   * more than the live set again (default 8 MiB): between compactions the files stay under
   * 2× the set + this + the last record; a compaction writes one more copy of the set.
   */
  compactAfterBytes?: number | undefined;
}

const LOG = 'training-data.jsonl';
const SNAPSHOT = 'training-data.snapshot.jsonl';

interface ProjectFiles {
  dir: string;
  set: TrainingSet;
  snapshot: SnapshotInfo;
  log: TrainingLog;
  compactionQueued: boolean;
}

/**
 * Dev-mode training data in `MODEL_DIR/<project>/`: a snapshot of the set and an append-only
 * log of the changes since, read back into memory once. A put resolves only once its record is
 * fsynced (the route's 201 promises the annotation is kept); a crash loses only a write that
 * was never acknowledged, whose torn record is cut off at the next start.
 */
export class FileTrainingData implements TrainingDataStore {
  private readonly files = new Map<ProjectId, ProjectFiles>();
  /** One queue per project: appends, compactions and reads never interleave. */
  private readonly queues = new Map<ProjectId, Promise<unknown>>();
  private readonly log: Logger | undefined;
  private readonly compactAfterBytes: number;

  constructor(
    private readonly projectDir: (project: ProjectId) => string,
    options: FileTrainingDataOptions = {},
  ) {
    this.log = options.log;
    this.compactAfterBytes = options.compactAfterBytes ?? 8 * 1024 * 1024;
  }

  put(project: ProjectId, items: LabeledTask[]): Promise<void> {
    return this.append(
      project,
      items.map((item) => ({ op: 'put', item })),
    );
  }

  remove(
    project: ProjectId,
    refs: { annotationId?: string | number | undefined; taskId?: string | number | undefined }[],
  ): Promise<void> {
    return this.append(
      project,
      refs.map((ref) => ({ op: 'remove', ...ref })),
    );
  }

  replace(project: ProjectId, items: LabeledTask[]): Promise<void> {
    const unique = new TrainingSet();
    for (const item of items) unique.apply({ op: 'put', item }, 0);
    return this.queue(project, async (files) => {
      await this.writeSnapshot(files, unique.items()).catch((error: unknown) => {
        throw notStored(join(files.dir, SNAPSHOT), error);
      });
    });
  }

  all(project: ProjectId): Promise<LabeledTask[]> {
    return this.queue(project, (files) => Promise.resolve(files.set.items()));
  }

  count(project: ProjectId): Promise<number> {
    return this.queue(project, (files) => Promise.resolve(files.set.size));
  }

  private async append(project: ProjectId, records: TrainingRecord[]): Promise<void> {
    if (records.length === 0) return;
    const lines = records.map(jsonLine);
    await this.queue(project, async (files) => {
      const { log, snapshot } = files;
      try {
        // No log yet, or one a compaction replaced with a snapshot but could not restart.
        if (log.generation !== snapshot.generation) await log.start(snapshot.generation);
        await log.append(Buffer.concat(lines));
      } catch (error) {
        throw notStored(log.path, error);
      }
      records.forEach((record, i) => {
        files.set.apply(record, lines[i]?.length ?? 0);
      });
      this.compactLater(project, files);
    });
  }

  private queue<T>(project: ProjectId, work: (files: ProjectFiles) => Promise<T>): Promise<T> {
    const previous = this.queues.get(project) ?? Promise.resolve();
    const next = previous.then(async () => work(await this.open(project)));
    this.queues.set(
      project,
      next.catch(() => undefined),
    );
    return next;
  }

  private async open(project: ProjectId): Promise<ProjectFiles> {
    const cached = this.files.get(project);
    if (cached) return cached;
    const dir = this.projectDir(project);
    const set = new TrainingSet();
    const snapshot = await readSnapshot(join(dir, SNAPSHOT), set);
    const replayed = await replayLog(join(dir, LOG), snapshot.generation, set, this.log);
    const log = new TrainingLog(join(dir, LOG), replayed.generation, replayed.bytes);
    const files = { dir, set, snapshot, log, compactionQueued: false };
    this.files.set(project, files);
    this.compactLater(project, files);
    return files;
  }

  /** Queues a compaction behind the work in flight, when the files have outgrown the set. */
  private compactLater(project: ProjectId, files: ProjectFiles): void {
    if (files.compactionQueued || !this.outgrown(files)) return;
    files.compactionQueued = true;
    this.queue(project, async () => {
      files.compactionQueued = false;
      if (!this.outgrown(files)) return;
      const started = Date.now();
      const before = files.snapshot.bytes + files.log.bytes;
      await this.writeSnapshot(files, files.set.items());
      this.log?.info(
        { project, beforeBytes: before, afterBytes: files.snapshot.bytes + files.log.bytes },
        `training data: compacted in ${String(Date.now() - started)} ms`,
      );
    }).catch((error: unknown) => {
      // Nothing is lost: the log still holds every record. The next append tries again.
      this.log?.warn({ project, err: error }, 'training data: compaction failed');
    });
  }

  private outgrown({ set, snapshot, log }: ProjectFiles): boolean {
    const garbage = snapshot.bytes + log.bytes - set.bytes;
    return garbage > Math.max(set.bytes, this.compactAfterBytes);
  }

  /** Makes `items` the project's set: a new snapshot, then an empty log after it. */
  private async writeSnapshot(files: ProjectFiles, items: LabeledTask[]): Promise<void> {
    const generation = files.snapshot.generation + 1;
    const written = await writeSnapshot(join(files.dir, SNAPSHOT), generation, items);
    files.set = written.set;
    files.snapshot = written.info;
    // The snapshot holds everything now; the old log is stale (a restart skips it). If the
    // fresh log cannot be written, the next append writes it first.
    await files.log.start(generation).catch((error: unknown) => {
      this.log?.warn(
        { file: files.log.path, err: error },
        'training data: could not restart the log',
      );
    });
  }
}

function notStored(path: string, error: unknown): LsmlError {
  const reason = error instanceof Error ? error.message : String(error);
  return new LsmlError(
    'INTERNAL',
    `Could not store the training data in ${path} (${reason}); nothing was acknowledged. ` +
      `Free disk space or fix MODEL_DIR's permissions, then send it again.`,
    { cause: error },
  );
}
