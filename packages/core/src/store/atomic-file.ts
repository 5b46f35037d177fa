import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';

const TEMP_NAME = /^\.tmp-(.+)-(\d+)-[0-9a-f]+$/;

/**
 * A unique temp name beside `target`, so the final rename stays on one filesystem. It names the
 * host and pid that write it, so a sweep can tell a dead writer's leftovers from work in flight.
 */
export function tempPathBeside(target: string): string {
  const host = hostname().replace(/[^A-Za-z0-9.]/g, '_');
  return join(dirname(target), `.tmp-${host}-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/**
 * True when a `.tmp-*` entry can no longer become anything: its writer was a process on this
 * host that is gone, or it is older than `maxAgeMs` (writers on other hosts of a shared volume).
 */
export function isAbandonedTemp(name: string, ageMs: number, maxAgeMs: number): boolean {
  const match = TEMP_NAME.exec(name);
  if (!match) return name.startsWith('.tmp-') && ageMs > maxAgeMs;
  const [, host, pid] = match;
  if (host === hostname().replace(/[^A-Za-z0-9.]/g, '_') && !isAlive(Number(pid))) return true;
  return ageMs > maxAgeMs;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes `data` to `path` so that readers see the old file or the new one, never a torn one. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await writeFileAtomicWith(path, (handle) => handle.writeFile(data));
}

/**
 * `writeFileAtomic` with the content written by `write`, for files too big to hold as one
 * string. A failed write removes its temp file: on a full disk, a leftover would keep the space.
 */
export async function writeFileAtomicWith(
  path: string,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  const created = await mkdir(dirname(path), { recursive: true });
  const temp = tempPathBeside(path);
  const handle = await open(temp, 'w');
  let renamed = false;
  try {
    try {
      await write(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    renamed = true;
  } finally {
    if (!renamed) await rm(temp, { force: true });
  }
  await syncDirectory(dirname(path));
  // A directory made here survives a power loss only once its parent is synced as well.
  if (created !== undefined)
    for (let dir = dirname(path); dir !== dirname(created);) {
      dir = dirname(dir);
      await syncDirectory(dir);
    }
}

/** fsync a directory so a rename inside it survives a power loss. */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic.
  } finally {
    await handle.close();
  }
}
