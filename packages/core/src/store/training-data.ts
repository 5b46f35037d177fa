import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Annotation, LabeledTask, ProjectId, Task } from '../contract/types.js';
import { writeFileAtomic } from './atomic-file.js';

/**
 * The annotations received so far, per project, keyed by task id: the training set a backend
 * fits on without calling Label Studio. A task's newest annotation wins.
 */
export interface TrainingDataStore {
  /** Adds or replaces the annotation of `task`. */
  put(project: ProjectId, items: LabeledTask[]): Promise<void>;
  /** Removes by annotation id (or by task id when the annotation id is unknown). */
  remove(
    project: ProjectId,
    refs: { annotationId?: string | number | undefined; taskId?: string | number | undefined }[],
  ): Promise<void>;
  /** Replaces the whole set (legacy /train bodies). */
  replace(project: ProjectId, items: LabeledTask[]): Promise<void>;
  all(project: ProjectId): Promise<LabeledTask[]>;
  count(project: ProjectId): Promise<number>;
}

type Op =
  | { op: 'put'; item: LabeledTask }
  | {
      op: 'remove';
      annotationId?: string | number | undefined;
      taskId?: string | number | undefined;
    }
  | { op: 'replace'; items: LabeledTask[] };

/**
 * Dev-mode training data: an append-only JSONL log per project (`training-data.jsonl`),
 * replayed into memory once; appends are O(1) and a crash loses at most the line in flight.
 */
export class FileTrainingData implements TrainingDataStore {
  private readonly sets = new Map<ProjectId, Map<string, LabeledTask>>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly projectDir: (project: ProjectId) => string) {}

  put(project: ProjectId, items: LabeledTask[]): Promise<void> {
    return this.write(
      project,
      items.map((item) => ({ op: 'put', item })),
    );
  }

  remove(
    project: ProjectId,
    refs: { annotationId?: string | number | undefined; taskId?: string | number | undefined }[],
  ): Promise<void> {
    return this.write(
      project,
      refs.map((ref) => ({ op: 'remove', ...ref })),
    );
  }

  async replace(project: ProjectId, items: LabeledTask[]): Promise<void> {
    await this.chain(async () => {
      await writeFileAtomic(
        this.logPath(project),
        JSON.stringify({ op: 'replace', items } satisfies Op) + '\n',
      );
      const set = new Map<string, LabeledTask>();
      apply(set, { op: 'replace', items });
      this.sets.set(project, set);
    });
  }

  async all(project: ProjectId): Promise<LabeledTask[]> {
    await this.queue;
    return [...(await this.load(project)).values()];
  }

  async count(project: ProjectId): Promise<number> {
    await this.queue;
    return (await this.load(project)).size;
  }

  private async write(project: ProjectId, ops: Op[]): Promise<void> {
    if (ops.length === 0) return;
    await this.chain(async () => {
      const set = await this.load(project);
      await mkdir(this.projectDir(project), { recursive: true });
      await appendFile(this.logPath(project), ops.map((o) => JSON.stringify(o)).join('\n') + '\n');
      for (const op of ops) apply(set, op);
    });
  }

  private chain(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private logPath(project: ProjectId): string {
    return join(this.projectDir(project), 'training-data.jsonl');
  }

  private async load(project: ProjectId): Promise<Map<string, LabeledTask>> {
    const cached = this.sets.get(project);
    if (cached) return cached;
    const set = new Map<string, LabeledTask>();
    let text = '';
    try {
      text = await readFile(this.logPath(project), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        apply(set, JSON.parse(line) as Op);
      } catch {
        // A torn last line from a crash: everything before it is intact.
      }
    }
    this.sets.set(project, set);
    return set;
  }
}

function apply(set: Map<string, LabeledTask>, op: Op): void {
  if (op.op === 'put') set.set(String(op.item.task.id), op.item);
  else if (op.op === 'replace') {
    set.clear();
    for (const item of op.items) set.set(String(item.task.id), item);
  } else {
    for (const [key, item] of set) {
      const byAnnotation =
        op.annotationId !== undefined && String(item.annotation.id) === String(op.annotationId);
      const byTask =
        op.annotationId === undefined && op.taskId !== undefined && key === String(op.taskId);
      if (byAnnotation || byTask) set.delete(key);
    }
  }
}

/** Builds a training example from a task and annotation as Label Studio sends them. */
export function labeledTask(task: Task, annotation: Annotation): LabeledTask {
  return { task, annotation };
}
