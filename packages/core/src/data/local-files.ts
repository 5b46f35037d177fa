import { realpath } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import { LsmlError } from '../errors/index.js';

/**
 * The file a Label Studio local-files URL (`/data/local-files/?d=dir/a.jpg`) or an absolute path
 * names, if it lies inside `root`. `..` segments, their encoded forms and symlinks that lead
 * out of the root are refused: the real path of the file must be inside the real root.
 */
export async function resolveLocalFile(value: string, root: string): Promise<string> {
  const relative = localFilesRelativePath(value);
  if (relative.includes('\0')) throw blocked(value, 'it contains a NUL byte');
  const realRoot = await realpath(root);
  const candidate = isAbsolute(relative) ? resolve(relative) : resolve(realRoot, relative);
  if (!isInside(candidate, realRoot))
    throw blocked(value, 'it points outside LOCAL_FILES_DOCUMENT_ROOT');
  let real: string;
  try {
    real = await realpath(candidate);
  } catch (error) {
    throw new LsmlError('DATA_NOT_FOUND', `Local file not found: ${relative}`, { cause: error });
  }
  if (!isInside(real, realRoot))
    throw blocked(value, 'a symlink leads outside LOCAL_FILES_DOCUMENT_ROOT');
  return real;
}

/** `/data/local-files/?d=a%2Fb.jpg` → `a/b.jpg` (decoded once, as Label Studio encodes it once). */
export function localFilesRelativePath(value: string): string {
  const marker = value.indexOf('/data/local-files');
  if (marker < 0) return value;
  const query = value.slice(value.indexOf('?', marker) + 1);
  const d = new URLSearchParams(query).get('d');
  if (d === null)
    throw new LsmlError(
      'DATA_FETCH_FAILED',
      `Local-files URL without a "d" parameter: ${value.slice(0, 200)}`,
    );
  return d;
}

export function isLocalFilesUrl(value: string): boolean {
  return /^(https?:\/\/[^/]+)?\/data\/local-files\/?\?/.test(value);
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function blocked(value: string, reason: string): LsmlError {
  return new LsmlError(
    'DATA_BLOCKED',
    `Refused to read local file "${value.slice(0, 200)}": ${reason}`,
  );
}
