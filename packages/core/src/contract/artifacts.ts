/**
 * Where `save` writes a trained model's files. Names are relative (`head.bin`, `vocab.json`).
 *
 * @example
 * async save(model, artifacts) { await artifacts.writeJson('counts.json', model.counts); }
 */
export interface ArtifactWriter {
  writeJson(name: string, value: unknown): Promise<void>;
  writeBytes(name: string, bytes: Uint8Array): Promise<void>;
}

/**
 * What `load` reads one stored version's files back from.
 *
 * @example
 * async load(artifacts) { return { counts: await artifacts.readJson('counts.json') }; }
 */
export interface ArtifactReader {
  /** The version being read, e.g. `my_backend-v3`. */
  readonly version: string;
  readJson<T = unknown>(name: string): Promise<T>;
  readBytes(name: string): Promise<Buffer>;
  has(name: string): Promise<boolean>;
}
