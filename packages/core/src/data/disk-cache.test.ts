import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDataAccess } from './data-access.js';
import { DiskCache } from './disk-cache.js';
import { configFromEnv } from '../config/index.js';

const work = mkdtempSync(join(tmpdir(), 'lsml-disk-cache-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const fill = (bytes: number) => async (temp: string) => {
  await writeFile(temp, Buffer.alloc(bytes, 1));
  return { size: bytes, contentType: undefined };
};

describe('DiskCache', () => {
  it('neither counts nor evicts files and folders it did not write', async () => {
    const dir = join(work, 'shared');
    // What a transformers.js model cache and a person leave in a shared LSML_CACHE_DIR.
    mkdirSync(join(dir, 'Xenova', 'vit', 'onnx'), { recursive: true });
    writeFileSync(join(dir, 'Xenova', 'vit', 'onnx', 'model.onnx'), Buffer.alloc(5000));
    writeFileSync(join(dir, 'notes.txt'), Buffer.alloc(5000));
    mkdirSync(join(dir, '.tmp-not-a-cache-temp'));
    const cache = new DiskCache(dir, 250);
    expect(await cache.size()).toBe(0);
    for (const key of ['a', 'b', 'c', 'd']) await cache.getOrFill(key, fill(100));
    expect(await cache.size()).toBe(200);
    expect(await cache.get('a')).toBeUndefined();
    expect(existsSync(join(dir, 'Xenova', 'vit', 'onnx', 'model.onnx'))).toBe(true);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
    expect(existsSync(join(dir, '.tmp-not-a-cache-temp'))).toBe(true);
    // A restart rebuilds the index from its own entries only.
    expect(await new DiskCache(dir, 250).size()).toBe(200);
  });

  it('keeps task data in a task-data/ subfolder of LSML_CACHE_DIR, apart from the models', () => {
    const fromEnv = configFromEnv({ LSML_CACHE_DIR: '/cache' }).taskData;
    expect(fromEnv.cacheDir).toBe(join('/cache', 'task-data'));
    expect(createDataAccess('/models', fromEnv).resolver.options.cacheDir).toBe(
      join('/cache', 'task-data'),
    );
    expect(createDataAccess('/models', {}).resolver.options.cacheDir).toBe(
      join('/models', '.cache', 'data'),
    );
  });
});
