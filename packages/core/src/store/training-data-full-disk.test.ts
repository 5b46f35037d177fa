import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, expect, it, vi } from 'vitest';
import { echoBackend, postJson } from '../../test/helpers.js';
import { createService } from '../index.js';
import { FileTrainingData } from './file-training-data.js';

/**
 * A full disk while annotations arrive: the webhook that cannot be stored answers 5xx (never
 * 201), everything acknowledged before survives a restart, and once space frees up, writes work
 * again with nothing merged into the failed record. On a real 2 MiB tmpfs where this process
 * may mount one (root); elsewhere on a simulated disk whose writes fail with ENOSPC past a quota.
 */

// The simulated disk: writes under `dir` that go past `bytes` write what fits, then fail.
const simulated = vi.hoisted(() => ({ dir: '', bytes: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof fs.open = async (path, ...rest) => {
    const handle = await fs.open(path, ...rest);
    return simulated.dir !== '' && String(path).startsWith(simulated.dir)
      ? withQuota(handle)
      : handle;
  };
  const writeVia =
    (flags: string) =>
    async (path: string, data: string | Uint8Array): Promise<void> => {
      const handle = await open(path, flags);
      try {
        await handle.writeFile(data);
      } finally {
        await handle.close();
      }
    };
  const appendFile = writeVia('a') as typeof fs.appendFile;
  const writeFile = writeVia('w') as typeof fs.writeFile;
  const mocked = { open, appendFile, writeFile };
  return { ...fs, ...mocked, default: { ...fs, ...mocked } };
});

function withQuota(handle: FileHandle): FileHandle {
  return new Proxy(handle, {
    get(target, key) {
      if (key === 'writeFile')
        return async (data: Uint8Array | string) => {
          const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
          const free = simulated.bytes - used(simulated.dir);
          if (bytes.length <= free) return target.writeFile(bytes);
          if (free > 0) await target.write(bytes, 0, free);
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
            code: 'ENOSPC',
            syscall: 'write',
          });
        };
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

function used(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

interface SmallDisk {
  dir: string;
  kind: 'tmpfs' | 'simulated';
  free(): number;
  cleanup(): void;
}

const DISK_BYTES = 2 * 1024 * 1024;

function mountTmpfs(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${String(DISK_BYTES)}`, 'tmpfs', dir], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

// Decided once, so the test's name says which disk it ran on.
const KIND: SmallDisk['kind'] = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'lsml-probe-'));
  const mounted = mountTmpfs(probe);
  if (mounted) execFileSync('umount', [probe]);
  rmSync(probe, { recursive: true, force: true });
  return mounted ? 'tmpfs' : 'simulated';
})();

function smallDisk(): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'lsml-full-'));
  if (KIND === 'tmpfs' && mountTmpfs(dir)) {
    return {
      dir,
      kind: 'tmpfs',
      free: () => {
        const stats = statfsSync(dir);
        return stats.bavail * stats.bsize;
      },
      cleanup: () => {
        execFileSync('umount', [dir]);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  Object.assign(simulated, { dir, bytes: DISK_BYTES });
  return {
    dir,
    kind: 'simulated',
    free: () => DISK_BYTES - used(dir),
    cleanup: () => {
      Object.assign(simulated, { dir: '', bytes: 0 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const disks: SmallDisk[] = [];
afterEach(() => {
  for (const disk of disks.splice(0)) disk.cleanup();
});

const webhook = (id: number, textBytes: number) => ({
  action: 'ANNOTATION_CREATED',
  project: { id: 1 },
  task: { id, data: { text: 'x'.repeat(textBytes) } },
  annotation: {
    id,
    task: id,
    result: [{ from_name: 'c', to_name: 't', type: 'choices', value: { choices: ['A'] } }],
  },
});

it(`answers 5xx for an annotation a full disk cannot hold, and loses nothing acknowledged (${KIND} disk)`, async () => {
  const disk = smallDisk();
  disks.push(disk);
  const service = createService(echoBackend(), {
    modelDir: disk.dir,
    logger: pino({ level: 'silent' }),
    trainEvery: 1000,
  });
  const ids = async () =>
    (await new FileTrainingData((p) => join(disk.dir, p)).all('1')).map((i) => i.task.id);
  try {
    for (const id of [1, 2, 3])
      expect((await postJson(service.app, '/webhook', webhook(id, 1000))).status).toBe(201);

    // Leave 64 KiB; the next annotation needs 256 KiB.
    const filler = join(disk.dir, 'filler');
    writeFileSync(filler, Buffer.alloc(disk.free() - 64 * 1024));
    const refused = await postJson(service.app, '/webhook', webhook(4, 256 * 1024));
    expect(refused.status).toBe(500);
    expect(await refused.json()).toMatchObject({
      code: 'INTERNAL',
      error: expect.stringMatching(/Could not store .*ENOSPC.*nothing was acknowledged/) as string,
    });
    // The part that fit was cut off again: the log ends with its last whole record.
    const log = readFileSync(join(disk.dir, '1', 'training-data.jsonl'), 'utf8');
    expect(log.endsWith('}\n')).toBe(true);
    expect(await ids()).toEqual([1, 2, 3]);

    rmSync(filler);
    for (const id of [5, 4])
      expect((await postJson(service.app, '/webhook', webhook(id, 256 * 1024))).status).toBe(201);
    expect(await ids()).toEqual([1, 2, 3, 5, 4]);
    expect(readdirSync(join(disk.dir, '1')).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  } finally {
    await service.close();
  }
});

it(`keeps appending while a compaction cannot fit, and compacts once space frees up (${KIND} disk)`, async () => {
  const disk = smallDisk();
  disks.push(disk);
  const logs: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => logs.push(line) });
  const store = new FileTrainingData((p) => join(disk.dir, p), { log, compactAfterBytes: 1 });
  const item = (task: number, version: number, textBytes: number) => ({
    task: { id: task, data: { text: `${String(version)}${'x'.repeat(textBytes)}` } },
    annotation: { id: version, task, result: [] },
  });
  const project = join(disk.dir, '1');
  const files = () => readdirSync(project);
  await store.put('1', [item(1, 0, 300_000)]);
  const filler = join(disk.dir, 'filler');
  let acknowledged = 0;
  for (let version = 1; version < 40; version++) {
    // Garbage is then ~240 KB, short of the live set (~320 KB) that triggers a compaction:
    // leave room for a few more small updates, not for a snapshot of the 300 KB task.
    if (version === 13) writeFileSync(filler, Buffer.alloc(disk.free() - 120 * 1024));
    const stored = await store.put('1', [item(2, version, 20_000)]).then(
      () => true,
      () => false,
    );
    if (!stored) break;
    acknowledged = version;
    await store.count('1'); // behind the compaction this put may have queued
    expect(files().filter((name) => name.startsWith('.tmp-'))).toEqual([]);
  }
  expect(acknowledged).toBeGreaterThan(13);
  expect(logs.some((line) => line.includes('compaction failed'))).toBe(true);
  const ids = async () =>
    (await new FileTrainingData((p) => join(disk.dir, p)).all('1')).map((i) => [
      i.task.id,
      i.annotation.id,
    ]);
  expect(await ids()).toEqual([
    [1, 0],
    [2, acknowledged],
  ]);

  rmSync(filler);
  await store.put('1', [item(2, 100, 20_000)]);
  await store.count('1');
  expect(files().sort()).toEqual(['training-data.jsonl', 'training-data.snapshot.jsonl']);
  expect(statSync(join(project, 'training-data.jsonl')).size).toBeLessThan(100);
  expect(await ids()).toEqual([
    [1, 0],
    [2, 100],
  ]);
});
