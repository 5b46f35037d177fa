import type { PredictionImport, Task } from '@lsml/core';

/** A task whose prediction could not be stored, and why. */
export interface StoreFailure {
  id: Task['id'];
  message: string;
}

/** Reads the tasks of a batch again, as Label Studio holds them now (to see what was stored). */
export type Recheck = () => Promise<Task[]>;

/** Where pre-labeling puts predictions: Label Studio, or a file on a dry run. */
export interface PredictionSink {
  /**
   * Stores the predictions; resolves to the ones that could not be stored (each counted, never
   * thrown). `recheck` reads their tasks again when an answer leaves it unknown what was stored.
   */
  put(predictions: PredictionImport[], recheck: Recheck): Promise<StoreFailure[]>;
  close(): Promise<void>;
  /** How the summary names where predictions went. */
  readonly destination: string;
}
