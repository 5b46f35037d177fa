import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LsmlError } from '../errors/index.js';
import { isSafeProjectId } from '../contract/project-id.js';
import type { ProjectId } from '../contract/types.js';
import type { ArtifactReader, ArtifactWriter } from '../contract/artifacts.js';
import { directoryReader, directoryWriter } from './artifact-directory.js';
import { isAbandonedTemp, syncDirectory, tempPathBeside, writeFileAtomic } from './atomic-file.js';

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

/**
 * Versioned model artifacts on disk: `MODEL_DIR/<project>/<number>/`, written to a temp dir,
 * fsynced and renamed into place; a `current` file switched atomically names the live one.
 * A crash mid-write leaves a `.tmp-*` dir that never becomes current and is swept on start.
 */
export class ModelStore {
  constructor(
    readonly root: string,
    /** Prefix of version labels, normally the backend name. */
    readonly prefix: string,
  ) {}

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

  /** Writes a new version with `write`, then makes it current. Returns its info. */
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
          await this.setCurrent(project, number);
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
    let text: string;
    try {
      text = await readFile(join(this.projectDir(project), CURRENT), 'utf8');
    } catch (error) {
      if (isMissingError(error)) return undefined;
      throw error;
    }
    return this.info(project, Number(text.trim()));
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

  /** Makes an existing version current again. Accepts `7` or `"<prefix>-v7"`. */
  async rollback(project: ProjectId, version: string | number): Promise<VersionInfo> {
    const number =
      typeof version === 'number' ? version : Number(/(\d+)$/.exec(version)?.[1] ?? NaN);
    const info = Number.isInteger(number) ? await this.info(project, number) : undefined;
    if (!info)
      throw new LsmlError('NOT_FOUND', `Project ${project} has no model version "${version}"`);
    await this.setCurrent(project, info.number);
    return info;
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

  private async setCurrent(project: ProjectId, number: number): Promise<void> {
    await writeFileAtomic(join(this.projectDir(project), CURRENT), String(number));
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

function isMissingError(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function isExistsError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'ENOTDIR';
}
