import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The files of one model folder in Hugging Face layout, by relative path. Generators build
 * this in memory so the cache can hash the exact bytes before anything touches the disk.
 */
export class ModelFiles {
  private readonly files = new Map<string, Uint8Array>();

  json(path: string, value: unknown): this {
    return this.bytes(path, new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`));
  }

  bytes(path: string, contents: Uint8Array): this {
    this.files.set(path, contents);
    return this;
  }

  /** Paths in a stable order, so hashes do not depend on insertion order. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  get(path: string): Uint8Array | undefined {
    return this.files.get(path);
  }

  totalBytes(): number {
    let total = 0;
    for (const contents of this.files.values()) total += contents.byteLength;
    return total;
  }

  async writeTo(dir: string): Promise<void> {
    for (const path of this.paths()) {
      const target = join(dir, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, this.files.get(path) ?? new Uint8Array());
    }
  }
}
