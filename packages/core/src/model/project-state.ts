/**
 * Small per-project key-value state (JSON values) a backend keeps between calls, e.g. a
 * counter or a label map. It is stored beside the project's model versions, so every process
 * sharing the model directory sees it.
 */
export interface ProjectState {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}
