import { readFile, rename, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { tempPathBeside } from './atomic-file.js';
import type { VersionInfo } from './model-store.js';

/** How many of a project's newest versions a commit leaves on disk when not told. */
export const DEFAULT_KEEP_VERSIONS = 10;

/** A stored version as listed: whether it is live, and whether a rollback pinned it. */
export interface ListedVersion extends VersionInfo {
  current: boolean;
  pinned: boolean;
}

/** A project's stored versions and why each is still on disk. */
export interface VersionListing {
  /** The live version's label; undefined before the first training. */
  current: string | undefined;
  /** How many of the newest versions each commit keeps, besides the current and pinned one. */
  keep: number;
  /** The version the last rollback pinned: kept until the next rollback moves the pin or `unpin`. */
  pinned: string | undefined;
  /** Oldest first. */
  versions: ListedVersion[];
}

export interface ModelStoreOptions {
  /**
   * `LSML_KEEP_VERSIONS`: each commit removes the versions older than the newest N, except the
   * current one and the one a rollback pinned. A whole number ≥ 1; default 10.
   */
  keepVersions?: number | undefined;
}

/** Reads a file that holds one version number (`current`, `pinned`); undefined when absent. */
export async function readVersionNumber(path: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissingError(error)) return undefined;
    throw error;
  }
  const number = Number(text.trim());
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

/** The versions older than the newest `keep` (`numbers` ascending): what a prune may remove. */
export function outsideWindow(numbers: number[], keep: number): number[] {
  return numbers.slice(0, Math.max(0, numbers.length - keep));
}

/**
 * Removes version directory `number` of `projectDir` unless `isKept()` says a process still
 * needs it (it is current or pinned). Returns whether it was removed.
 *
 * The directory is renamed aside first, so a reader sees the whole version or none of it, and
 * `isKept()` is asked again after the rename: a rollback pins its target before checking that
 * it exists, so either this sees the pin and puts the version back, or the rollback finds it
 * gone and says so. Never both gone and current.
 */
export async function removeVersion(
  projectDir: string,
  number: number,
  isKept: () => Promise<boolean>,
): Promise<boolean> {
  if (await isKept()) return false;
  const path = join(projectDir, String(number));
  const aside = tempPathBeside(path);
  try {
    // A fresh mtime: another host's sweep takes `.tmp-*` dirs older than 6 h as abandoned,
    // and this one may still be put back.
    const now = new Date();
    await utimes(path, now, now);
    await rename(path, aside);
  } catch (error) {
    if (isMissingError(error)) return false; // another process pruned it first
    throw error;
  }
  if (await isKept()) {
    await rename(aside, path);
    return false;
  }
  // If this fails (a file held open on a network volume), the `.tmp-*` dir is swept later.
  await rm(aside, { recursive: true, force: true });
  return true;
}

export function isMissingError(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
