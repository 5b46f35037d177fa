import { open, readFile, mkdir, access } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import type { ArtifactReader, ArtifactWriter } from '../contract/artifacts.js';
import { LsmlError } from '../errors/index.js';

function artifactPath(dir: string, name: string): string {
  const relative = normalize(name);
  if (relative.startsWith('..') || relative.startsWith(sep) || relative === '.') {
    throw new LsmlError(
      'INTERNAL',
      `Artifact name "${name}" must be a relative path inside the version`,
    );
  }
  return join(dir, relative);
}

/** Writes into a (temp) version directory, fsyncing each file. */
export function directoryWriter(dir: string): ArtifactWriter & { written: string[] } {
  const written: string[] = [];
  const writeBytes = async (name: string, bytes: Uint8Array) => {
    const path = artifactPath(dir, name);
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    written.push(name);
  };
  return {
    written,
    writeBytes,
    writeJson: (name, value) => writeBytes(name, Buffer.from(JSON.stringify(value))),
  };
}

export function directoryReader(dir: string, version: string): ArtifactReader {
  return {
    version,
    async readJson<T>(name: string) {
      return JSON.parse(await readFile(artifactPath(dir, name), 'utf8')) as T;
    },
    readBytes: (name) => readFile(artifactPath(dir, name)),
    async has(name) {
      try {
        await access(artifactPath(dir, name));
        return true;
      } catch {
        return false;
      }
    },
  };
}
