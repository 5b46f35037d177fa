import type { Redis } from 'ioredis';
import type { LabeledTask, ProjectId } from '../contract/types.js';
import { withRedis } from './redis-unavailable.js';
import { replaceStaged, type SetEntry } from './staged-replace.js';
import type { TrainingDataStore } from './training-data.js';

/** Where a project's training set lives in Redis. */
export interface TrainingDataKeys {
  /** Hash: task id → labeled task JSON. */
  trainingData(project: ProjectId): string;
  /** Hash: task id → id of the annotation stored for it. */
  annotationOf(project: ProjectId): string;
}

// Deleting by annotation id: only the task whose *current* annotation has that id loses its
// entry, so deleting an old, already replaced annotation keeps the newer one. Atomic in Redis.
const REMOVE_BY_ANNOTATION = `
local pairs_ = redis.call('HGETALL', KEYS[2])
local removed = 0
for i = 1, #pairs_, 2 do
  for j = 1, #ARGV do
    if pairs_[i + 1] == ARGV[j] then
      redis.call('HDEL', KEYS[1], pairs_[i])
      redis.call('HDEL', KEYS[2], pairs_[i])
      removed = removed + 1
    end
  end
end
return removed`;

/**
 * Production training data: one Redis hash per project, so every API replica that receives a
 * webhook and every worker that trains see the same set, on any host.
 *
 * @example
 * const data = new RedisTrainingData(redis, queueKeys('dummy'), '127.0.0.1:6379');
 * await data.put('12', [{ task, annotation }]);
 */
export class RedisTrainingData implements TrainingDataStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: TrainingDataKeys,
    /** `host:port`, for error messages. */
    private readonly where: string,
  ) {}

  put(project: ProjectId, items: LabeledTask[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return withRedis(this.redis, this.where, async () => {
      const multi = this.redis.multi();
      for (const item of items) this.queuePut(multi, project, item);
      await multi.exec();
    });
  }

  remove(
    project: ProjectId,
    refs: { annotationId?: string | number | undefined; taskId?: string | number | undefined }[],
  ): Promise<void> {
    const annotationIds = refs.flatMap((r) =>
      r.annotationId === undefined ? [] : [String(r.annotationId)],
    );
    const taskIds = refs.flatMap((r) =>
      r.annotationId === undefined && r.taskId !== undefined ? [String(r.taskId)] : [],
    );
    return withRedis(this.redis, this.where, async () => {
      const data = this.keys.trainingData(project);
      const annotationOf = this.keys.annotationOf(project);
      if (annotationIds.length > 0) {
        await this.redis.eval(REMOVE_BY_ANNOTATION, 2, data, annotationOf, ...annotationIds);
      }
      if (taskIds.length > 0) {
        await this.redis
          .multi()
          .hdel(data, ...taskIds)
          .hdel(annotationOf, ...taskIds)
          .exec();
      }
    });
  }

  /**
   * Swaps the whole set for `items`, all or nothing, in bounded steps (one transaction of 60,000
   * tasks outlived the API connection's 2 s timeout while Redis still ran it): see
   * {@link replaceStaged}. A later item for the same task wins.
   */
  replace(project: ProjectId, items: LabeledTask[]): Promise<void> {
    const byTask = new Map<string, SetEntry>();
    for (const item of items) {
      const taskId = String(item.task.id);
      byTask.set(taskId, {
        taskId,
        json: JSON.stringify(item),
        annotationId: item.annotation.id === undefined ? undefined : String(item.annotation.id),
      });
    }
    const data = this.keys.trainingData(project);
    return replaceStaged(
      this.redis,
      this.where,
      { data, annotationOf: this.keys.annotationOf(project), replacedBy: `${data}:replaced-by` },
      [...byTask.values()],
    );
  }

  all(project: ProjectId): Promise<LabeledTask[]> {
    return withRedis(this.redis, this.where, async () => {
      const entries = await this.redis.hgetall(this.keys.trainingData(project));
      // Hashes have no order: sort by task id so a fit sees the same order on every run.
      return Object.keys(entries)
        .sort(compareTaskIds)
        .map((id) => JSON.parse(entries[id] ?? 'null') as LabeledTask);
    });
  }

  count(project: ProjectId): Promise<number> {
    return withRedis(this.redis, this.where, () =>
      this.redis.hlen(this.keys.trainingData(project)),
    );
  }

  private queuePut(multi: ReturnType<Redis['multi']>, project: ProjectId, item: LabeledTask) {
    const taskId = String(item.task.id);
    multi.hset(this.keys.trainingData(project), taskId, JSON.stringify(item));
    if (item.annotation.id === undefined) multi.hdel(this.keys.annotationOf(project), taskId);
    else multi.hset(this.keys.annotationOf(project), taskId, String(item.annotation.id));
  }
}

const NUMERIC = /^\d+$/;

function compareTaskIds(a: string, b: string): number {
  if (NUMERIC.test(a) && NUMERIC.test(b))
    return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}
