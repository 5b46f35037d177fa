import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectState } from '../contract/project-state.js';
import { writeFileAtomic } from './atomic-file.js';

/** Per-project key-value state in `MODEL_DIR/<project>/state.json`, written atomically. */
export class FileProjectState implements ProjectState {
  private readonly path: string;
  private values: Record<string, unknown> | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(projectDir: string) {
    this.path = join(projectDir, 'state.json');
  }

  async get<T>(key: string): Promise<T | undefined> {
    await this.queue;
    return (await this.load())[key] as T | undefined;
  }

  set(key: string, value: unknown): Promise<void> {
    return this.update((values) => ({ ...values, [key]: value }));
  }

  async increment(key: string, by: number): Promise<number> {
    let total = 0;
    await this.update((values) => {
      const before = values[key];
      total = (typeof before === 'number' ? before : 0) + by;
      return { ...values, [key]: total };
    });
    return total;
  }

  delete(key: string): Promise<void> {
    return this.update((values) =>
      Object.fromEntries(Object.entries(values).filter(([k]) => k !== key)),
    );
  }

  private update(
    change: (values: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<void> {
    // Writes are chained so two updates in flight never lose one another.
    const next = this.queue.then(async () => {
      const values = change(await this.load());
      await writeFileAtomic(this.path, JSON.stringify(values));
      this.values = values;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<Record<string, unknown>> {
    if (this.values) return this.values;
    try {
      this.values = JSON.parse(await readFile(this.path, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.values = {};
    }
    return this.values;
  }
}
