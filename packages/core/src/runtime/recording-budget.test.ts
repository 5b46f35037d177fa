import { describe, expect, it } from 'vitest';
import { RecordingBudget } from './recording-budget.js';

/** A budget on a clock and a random source the test sets. */
function budgetAt(share: number) {
  const clock = { now: 0, random: 0.5 };
  const budget = new RecordingBudget(
    share,
    () => clock.now,
    () => clock.random,
  );
  return { budget, clock };
}

describe('RecordingBudget', () => {
  it('records every request while recording stays within its share', () => {
    const { budget, clock } = budgetAt(0.03);
    for (let ms = 0; ms <= 5_000; ms += 100) {
      clock.now = ms;
      budget.charge(1); // 1% of the time
      expect(budget.admit()).toBe(true);
    }
    expect(budget.samplingRate).toBe(1);
  });

  it('samples requests in proportion once recording takes more than its share', () => {
    const { budget, clock } = budgetAt(0.03);
    budget.charge(50); // 10% of a 500 ms window
    clock.now = 500;
    clock.random = 0.29;
    expect(budget.admit()).toBe(true);
    expect(budget.samplingRate).toBeCloseTo(0.3);
    clock.random = 0.31;
    expect(budget.admit()).toBe(false);
  });

  it('looks again only after a window: a single slow recording does not cut the rate', () => {
    const { budget, clock } = budgetAt(0.03);
    budget.charge(200);
    clock.now = 499;
    expect(budget.admit()).toBe(true);
    expect(budget.samplingRate).toBe(1);
  });

  it('comes back to recording everything, at most doubling the rate per window', () => {
    const { budget, clock } = budgetAt(0.03);
    budget.charge(100); // 20%: the rate falls to 0.15
    clock.now = 500;
    budget.admit();
    expect(budget.samplingRate).toBeCloseTo(0.15);
    const rates: number[] = [];
    for (let window = 2; window <= 5; window++) {
      clock.now = window * 500;
      budget.admit();
      rates.push(budget.samplingRate);
    }
    expect(rates.map((r) => Number(r.toFixed(2)))).toEqual([0.3, 0.6, 1, 1]);
  });

  it('keeps recording a small sample however slow recording is', () => {
    const { budget, clock } = budgetAt(0.001);
    budget.charge(500);
    clock.now = 500;
    budget.admit();
    expect(budget.samplingRate).toBe(0.01);
  });

  it('with a share of 1, records everything and never draws', () => {
    const budget = new RecordingBudget(
      1,
      () => 0,
      () => {
        throw new Error('drawn');
      },
    );
    budget.charge(10_000);
    expect(budget.admit()).toBe(true);
  });
});
