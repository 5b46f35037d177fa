import { describe, expect, it } from 'vitest';
import { InferenceQueue, inferenceTotals } from './inference-queue.js';

function tracked(batchSize: number, concurrency: number) {
  let inFlight = 0;
  const seen = { maxInFlight: 0, batches: [] as number[][] };
  const queue = new InferenceQueue<number, number>({
    batchSize,
    concurrency,
    run: async (batch) => {
      inFlight += 1;
      seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
      seen.batches.push(batch);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return batch.map((x) => x * 2);
    },
  });
  return { queue, seen };
}

describe('InferenceQueue', () => {
  it('runs 64 inputs as full batches with bounded concurrency, outputs in order', async () => {
    const { queue, seen } = tracked(8, 2);
    const inputs = Array.from({ length: 64 }, (_, i) => i);
    expect(await queue.runAll(inputs)).toEqual(inputs.map((x) => x * 2));
    expect(seen.batches).toHaveLength(8);
    expect(seen.batches.every((b) => b.length === 8)).toBe(true);
    expect(seen.maxInFlight).toBe(2);
    expect(queue.stats).toMatchObject({ calls: 8, items: 64 });
  });

  it('adds the calls of every queue to the process totals', async () => {
    const before = { ...inferenceTotals };
    const [a, b] = [tracked(4, 1), tracked(2, 1)];
    await Promise.all([a.queue.runAll([1, 2, 3, 4, 5]), b.queue.runAll([6, 7, 8])]);
    expect(inferenceTotals.calls - before.calls).toBe(a.queue.stats.calls + b.queue.stats.calls);
    expect(inferenceTotals.items - before.items).toBe(8);
    expect(inferenceTotals.modelMs).toBeGreaterThan(before.modelMs);
  });

  it('lets concurrent requests share batches', async () => {
    const { queue, seen } = tracked(16, 1);
    await Promise.all([queue.runAll([1, 2, 3]), queue.runAll([4, 5]), queue.run(6)]);
    expect(seen.batches).toEqual([[1, 2, 3, 4, 5, 6]]);
  });

  it('rejects every input of a failed batch and keeps serving', async () => {
    let fail = true;
    const queue = new InferenceQueue<number, number>({
      batchSize: 4,
      concurrency: 1,
      run: (batch) => {
        if (fail) return Promise.reject(new Error('model exploded'));
        return Promise.resolve(batch);
      },
    });
    await expect(queue.runAll([1, 2])).rejects.toThrow('model exploded');
    fail = false;
    expect(await queue.runAll([3])).toEqual([3]);
  });

  it('rejects a batch whose output count is wrong', async () => {
    const queue = new InferenceQueue<number, number>({
      batchSize: 4,
      concurrency: 1,
      run: () => Promise.resolve([1]),
    });
    await expect(queue.runAll([1, 2])).rejects.toThrow('1 outputs for a batch of 2');
  });

  it('drops inputs of an aborted request before they reach the model', async () => {
    const { queue, seen } = tracked(1, 1);
    const controller = new AbortController();
    const first = queue.run(1);
    const second = queue.run(2, controller.signal);
    controller.abort(new Error('client went away'));
    await expect(second).rejects.toThrow('client went away');
    expect(await first).toBe(2);
    expect(seen.batches).toEqual([[1]]);
  });
});

describe('InferenceQueue abort listeners', () => {
  it('adds one listener per call and removes it when the call settles', async () => {
    const queue = new InferenceQueue<number, number>({
      batchSize: 4,
      concurrency: 1,
      run: (batch) => Promise.resolve(batch),
    });
    const controller = new AbortController();
    let added = 0;
    let removed = 0;
    const { signal } = controller;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = (...args: Parameters<typeof add>) => {
      added += 1;
      add(...args);
    };
    signal.removeEventListener = (...args: Parameters<typeof remove>) => {
      removed += 1;
      remove(...args);
    };
    await queue.runAll(
      Array.from({ length: 16 }, (_, i) => i),
      signal,
    );
    expect([added, removed]).toEqual([1, 1]);
  });
});
