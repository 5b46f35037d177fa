/**
 * Runs at most `size` jobs at once. `run` resolves when its job has started, so a producer
 * that awaits it reads ahead no further than the pool can take (memory stays flat). The first
 * job that throws stops nothing by itself: the producer checks {@link failed}, and
 * {@link drain} rethrows the error once every started job has ended.
 */
export class BoundedPool {
  private readonly running = new Set<Promise<void>>();
  private error: { value: unknown } | undefined;

  constructor(private readonly size: number) {}

  get failed(): boolean {
    return this.error !== undefined;
  }

  async run(job: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.size) await Promise.race(this.running);
    const started: Promise<void> = job()
      .catch((error: unknown) => {
        this.error ??= { value: error };
      })
      .finally(() => {
        this.running.delete(started);
      });
    this.running.add(started);
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    if (this.error) throw this.error.value;
  }
}
