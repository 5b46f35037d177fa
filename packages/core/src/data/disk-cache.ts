import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The temp names `fillOnce` writes (`.tmp-` and 12 hex digits). */
const TEMP_NAME = /^\.tmp-[0-9a-f]{12}$/;

/** A file in the cache. */
export interface CachedFile {
  path: string;
  size: number;
  contentType: string | undefined;
}

interface Entry {
  size: number;
  contentType: string | undefined;
  lastUsed: number;
}

/**
 * A disk cache keyed by content address (a hash of what identifies the file), bounded in bytes
 * with least-recently-used eviction. Concurrent requests for one key share one fill: the same
 * file is downloaded once. Files are written to a temp name and renamed into place, so a reader
 * never sees a partial file. The index is rebuilt from disk on start (access order by mtime).
 */
export class DiskCache {
  private indexing: Promise<Map<string, Entry>> | undefined;
  private readonly filling = new Map<string, Promise<CachedFile>>();
  private total = 0;
  private clock = 0;

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  async get(key: string): Promise<CachedFile | undefined> {
    const entries = await this.index();
    const entry = entries.get(key);
    if (!entry) return undefined;
    entry.lastUsed = ++this.clock;
    return { path: this.pathOf(key), size: entry.size, contentType: entry.contentType };
  }

  /** The cached file for `key`, filled by `fill(tempPath)` once if missing. */
  async getOrFill(
    key: string,
    fill: (tempPath: string) => Promise<{ size: number; contentType: string | undefined }>,
  ): Promise<CachedFile> {
    const hit = await this.get(key);
    if (hit) return hit;
    const inFlight = this.filling.get(key);
    if (inFlight) return inFlight;
    const work = this.fillOnce(key, fill).finally(() => this.filling.delete(key));
    this.filling.set(key, work);
    return work;
  }

  /** Bytes currently held. */
  async size(): Promise<number> {
    await this.index();
    return this.total;
  }

  private async fillOnce(
    key: string,
    fill: (tempPath: string) => Promise<{ size: number; contentType: string | undefined }>,
  ): Promise<CachedFile> {
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.tmp-${randomBytes(6).toString('hex')}`);
    try {
      const { size, contentType } = await fill(temp);
      await writeFile(`${this.pathOf(key)}.json`, JSON.stringify({ contentType }));
      await rename(temp, this.pathOf(key));
      const entries = await this.index();
      entries.set(key, { size, contentType, lastUsed: ++this.clock });
      this.total += size;
      await this.evict(key);
      return { path: this.pathOf(key), size, contentType };
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** Drops least-recently-used files until the cache fits, never the one just added. */
  private async evict(keep: string): Promise<void> {
    const entries = await this.index();
    if (this.total <= this.maxBytes) return;
    const byAge = [...entries]
      .filter(([k]) => k !== keep)
      .sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [key, entry] of byAge) {
      if (this.total <= this.maxBytes) break;
      entries.delete(key);
      this.total -= entry.size;
      await rm(this.pathOf(key), { force: true });
      await rm(`${this.pathOf(key)}.json`, { force: true });
    }
  }

  private pathOf(key: string): string {
    return join(this.dir, key);
  }

  private index(): Promise<Map<string, Entry>> {
    this.indexing ??= this.scan();
    return this.indexing;
  }

  private async scan(): Promise<Map<string, Entry>> {
    const entries = new Map<string, Entry>();
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch {
      // No cache dir yet.
    }
    const found: [string, Entry, number][] = [];
    for (const name of names) {
      // Only what this cache wrote is its own: the directory may be shared (LSML_CACHE_DIR also
      // holds model folders), and removing or counting anything else would break its owner.
      if (TEMP_NAME.test(name)) {
        await rm(join(this.dir, name), { force: true }).catch(() => undefined);
        continue;
      }
      if (name.endsWith('.json') || name.startsWith('.')) continue;
      try {
        const info = await stat(join(this.dir, name));
        if (!info.isFile()) continue;
        // Every entry gets its sidecar before it is renamed into place: no sidecar, not ours.
        const meta = JSON.parse(await readFile(join(this.dir, `${name}.json`), 'utf8')) as {
          contentType?: string;
        };
        found.push([
          name,
          { size: info.size, contentType: meta.contentType, lastUsed: 0 },
          info.mtimeMs,
        ]);
      } catch {
        // Removed meanwhile, or a file this cache did not write.
      }
    }
    found.sort((a, b) => a[2] - b[2]);
    for (const [name, entry] of found) {
      entry.lastUsed = ++this.clock;
      entries.set(name, entry);
      this.total += entry.size;
    }
    return entries;
  }
}
