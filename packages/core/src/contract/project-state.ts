/**
 * Small per-project key-value state (JSON values) a backend keeps between calls, e.g. a
 * counter or a label map. Every process of a deployment sees the same state: a file beside
 * the project's model versions in dev mode, a Redis hash in production.
 *
 * @example
 * const seen = await ctx.state.increment('tasks_seen', tasks.length);
 */
export interface ProjectState {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Adds `by` to the whole number at `key` (0 when unset) at once for every process; returns the sum. */
  increment(key: string, by: number): Promise<number>;
}
