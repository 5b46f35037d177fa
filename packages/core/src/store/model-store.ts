import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LsmlError } from '../errors/index.js';
import { isSafeProjectId } from '../contract/project-id.js';
import type { ProjectId } from '../contract/types.js';
import type { ArtifactReader, ArtifactWriter } from '../contract/artifacts.js';
import { directoryReader, directoryWriter } from './artifact-directory.js';
import { isAbandonedTemp, syncDirectory, tempPathBeside, writeFileAtomic } from './atomic-file.js';
import {
  DEFAULT_KEEP_VERSIONS,
  isMissingError,
  outsideWindow,
  readVersionNumber,
  removeVersion,
  type ModelStoreOptions,
  type VersionListing,
} from './version-retention.js';

/** What the store knows about one trained version. */
export interface VersionInfo {
  project: ProjectId;
  /** 1, 2, 3… per project. */
  number: number;
  /** The label Label Studio sees: `<backend name>-v<number>`. */
  version: string;
  createdAt: string;
  trainingSetSize?: number | undefined;
  metrics?: Record<string, number> | undefined;
  /** Artifact file names. */
  files: string[];
}

/** The metadata a caller supplies when committing a version. */
export type NewVersion = Pick<VersionInfo, 'trainingSetSize' | 'metrics'>;

const META = 'version.json';
const CURRENT = 'current';
const PINNED = 'pinned';

/**
 * Versioned model artifacts on disk: `MODEL_DIR/<project>/<number>/`, written to a temp dir,
 * fsynced and renamed into place; a `current` file switched atomically names the live one.
 * A crash mid-write leaves a `.tmp-*` dir that never becomes current and is swept on start.
 * Each commit prunes versions past the newest `keepVersions`; a rollback's target is pinned
 * (a `pinned` file beside `current`) and kept.
 */
export class ModelStore {
  readonly keepVersions: number;

  constructor(
    readonly root: string,
    /** Prefix of version labels, normally the backend name. */
    readonly prefix: string,
    options: ModelStoreOptions = {},
  ) {
    this.keepVersions = options.keepVersions ?? DEFAULT_KEEP_VERSIONS;
    if (!Number.isInteger(this.keepVersions) || this.keepVersions < 1)
      throw new LsmlError(
        'VALIDATION_FAILED',
        `keepVersions must be a whole number of at least 1, got ${String(options.keepVersions)}`,
      );
  }

  projectDir(project: ProjectId): string {
    if (!isSafeProjectId(project)) {
      throw new LsmlError(
        'VALIDATION_FAILED',
        `Project id "${project}" may only hold letters, digits, "_" and "-"`,
      );
    }
    return join(this.root, project);
  }

  label(number: number): string {
    return `${this.prefix}-v${number}`;
  }

  /** Writes a new version with `write`, makes it current, then prunes old ones. Returns its info. */
  async commit(
    project: ProjectId,
    meta: NewVersion,
    write: (artifacts: ArtifactWriter) => Promise<void>,
  ): Promise<VersionInfo> {
    const dir = this.projectDir(project);
    await mkdir(dir, { recursive: true });
    const temp = tempPathBeside(join(dir, 'x'));
    await mkdir(temp);
    try {
      const writer = directoryWriter(temp);
      await write(writer);
      let number = (await this.highestNumber(project)) + 1;
      // Another process may take the same number: renaming onto an existing dir fails, so retry.
      for (;;) {
        const info: VersionInfo = {
          project,
          number,
          version: this.label(number),
          createdAt: new Date().toISOString(),
          trainingSetSize: meta.trainingSetSize,
          metrics: meta.metrics,
          files: writer.written,
        };
        await writeFileAtomic(join(temp, META), JSON.stringify(info, null, 2));
        try {
          await rename(temp, join(dir, String(number)));
          await syncDirectory(dir);
          await this.setPointer(project, CURRENT, number);
          // The version is committed and live whatever happens here; a removal that fails (a
          // file held open on a network volume) is tried again by the next commit.
          await this.prune(project).catch(() => undefined);
          return info;
        } catch (error) {
          if (!isExistsError(error)) throw error;
          number += 1;
        }
      }
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
  }

  /** The live version of a project, or undefined before its first training. */
  async current(project: ProjectId): Promise<VersionInfo | undefined> {
    let number = await this.pointer(project, CURRENT);
    while (number !== undefined) {
      const info = await this.info(project, number);
      if (info) return info;
      // Pruned between reading the pointer and the version: newer commits moved the pointer.
      const now = await this.pointer(project, CURRENT);
      if (now === number) return undefined;
      number = now;
    }
    return undefined;
  }

  /** Whether a version's directory is still on disk (a newer commit may have pruned it). */
  async exists(info: VersionInfo): Promise<boolean> {
    return (await this.info(info.project, info.number)) !== undefined;
  }

  async info(project: ProjectId, number: number): Promise<VersionInfo | undefined> {
    try {
      const text = await readFile(join(this.projectDir(project), String(number), META), 'utf8');
      return JSON.parse(text) as VersionInfo;
    } catch (error) {
      if (isMissingError(error)) return undefined;
      throw error;
    }
  }

  reader(info: VersionInfo): ArtifactReader {
    return directoryReader(join(this.projectDir(info.project), String(info.number)), info.version);
  }

  /** Every version of a project, oldest first. */
  async list(project: ProjectId): Promise<VersionInfo[]> {
    const numbers = await this.numbers(project);
    const infos = await Promise.all(numbers.map((n) => this.info(project, n)));
    return infos.filter((i): i is VersionInfo => i !== undefined);
  }

  /** The versions on disk, which is current and which pinned, and the keep count. */
  async listing(project: ProjectId): Promise<VersionListing> {
    const [current, pinned, versions] = await Promise.all([
      this.pointer(project, CURRENT),
      this.pointer(project, PINNED),
      this.list(project),
    ]);
    const listed = versions.map((v) => ({
      ...v,
      current: v.number === current,
      pinned: v.number === pinned,
    }));
    return {
      current: listed.find((v) => v.current)?.version,
      keep: this.keepVersions,
      pinned: listed.find((v) => v.pinned)?.version,
      versions: listed,
    };
  }

  /** Projects that have a directory in the store. */
  async projects(): Promise<ProjectId[]> {
    try {
      const entries = await readdir(this.root, { withFileTypes: true });
      return entries
        .filter((e) => e.isDirectory() && isSafeProjectId(e.name))
        .map((e) => e.name)
        .sort();
    } catch (error) {
      if (isMissingError(error)) return [];
      throw error;
    }
  }

  /**
   * Makes an existing version current again and pins it: pruning keeps it after later trainings,
   * until the next rollback moves the pin or {@link unpin} releases it. Accepts `7` or
   * `"<prefix>-v7"`.
   */
  async rollback(project: ProjectId, version: string | number): Promise<VersionInfo> {
    const number =
      typeof version === 'number' ? version : Number(/(\d+)$/.exec(version)?.[1] ?? NaN);
    const info = Number.isInteger(number) ? await this.info(project, number) : undefined;
    if (!info)
      throw new LsmlError('NOT_FOUND', `Project ${project} has no model version "${version}"`);
    // Pin first, then look again: a prune running meanwhile either sees the pin and keeps the
    // version, or had already moved it aside and this says so. Current never names a gone one.
    await this.setPointer(project, PINNED, info.number);
    if (!(await this.exists(info)))
      throw new LsmlError(
        'NOT_FOUND',
        `Model version "${version}" of project ${project} was being pruned just now; list the versions and try again`,
      );
    await this.setPointer(project, CURRENT, info.number);
    return info;
  }

  /** Releases the project's pinned version (pruned by a later commit, unless current). */
  async unpin(project: ProjectId): Promise<VersionInfo | undefined> {
    const number = await this.pointer(project, PINNED);
    await rm(join(this.projectDir(project), PINNED), { force: true });
    return number === undefined ? undefined : this.info(project, number);
  }

  /**
   * Removes the versions older than the newest `keepVersions`, except the current and the
   * pinned one; commit calls it. Returns the numbers removed. Replicas loading a version while
   * it goes re-read `current` (see `ProjectModels`).
   */
  async prune(project: ProjectId): Promise<number[]> {
    const dir = this.projectDir(project);
    const isKept = (number: number) => async () => {
      const [current, pinned] = await Promise.all([
        this.pointer(project, CURRENT),
        this.pointer(project, PINNED),
      ]);
      return number === current || number === pinned;
    };
    const removed: number[] = [];
    for (const number of outsideWindow(await this.numbers(project), this.keepVersions)) {
      if (await removeVersion(dir, number, isKept(number))) removed.push(number);
    }
    return removed;
  }

  /**
   * Removes half-written versions left by a crash: temp dirs of processes on this host that are
   * gone, and any older than `maxAgeMs` (a writer on another host sharing the volume).
   * Writes in flight are left alone, so any process may sweep at any time.
   */
  async sweep(project: ProjectId, maxAgeMs = 6 * 60 * 60 * 1000): Promise<string[]> {
    const dir = this.projectDir(project);
    let entries: string[];
    try {
      entries = (await readdir(dir)).filter((e) => e.startsWith('.tmp-'));
    } catch (error) {
      if (isMissingError(error)) return [];
      throw error;
    }
    const now = Date.now();
    const removed: string[] = [];
    for (const entry of entries) {
      const path = join(dir, entry);
      const info = await stat(path).catch(() => undefined);
      if (!info || !isAbandonedTemp(entry, now - info.mtimeMs, maxAgeMs)) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(entry);
    }
    return removed;
  }

  private pointer(project: ProjectId, name: typeof CURRENT | typeof PINNED) {
    return readVersionNumber(join(this.projectDir(project), name));
  }

  private async setPointer(
    project: ProjectId,
    name: typeof CURRENT | typeof PINNED,
    number: number,
  ): Promise<void> {
    await writeFileAtomic(join(this.projectDir(project), name), String(number));
  }

  private async numbers(project: ProjectId): Promise<number[]> {
    try {
      const entries = await readdir(this.projectDir(project));
      return entries
        .filter((e) => /^\d+$/.test(e))
        .map(Number)
        .sort((a, b) => a - b);
    } catch (error) {
      if (isMissingError(error)) return [];
      throw error;
    }
  }

  private async highestNumber(project: ProjectId): Promise<number> {
    return (await this.numbers(project)).at(-1) ?? 0;
  }
}

function isExistsError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'ENOTDIR';
}
