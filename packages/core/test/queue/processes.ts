import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));

/** A spawned process with its output kept as lines. */
export interface Spawned {
  child: ChildProcess;
  lines: string[];
  /**
   * Resolves with the first line matching `test` (bounded by `timeoutMs`, default 60 s: a
   * process importing the workspace through tsx starts slowly on a loaded CI machine).
   */
  waitForLine(test: (line: string) => boolean, timeoutMs?: number): Promise<string>;
}

const spawned = new Set<ChildProcess>();

/**
 * Runs `file` (relative to this folder) with workspace sources, as users' processes would run.
 * `stdin: 'pipe'` lets a test feed it input through `child.stdin`.
 */
export function spawnNode(
  file: string,
  env: Record<string, string>,
  { stdin = 'ignore' }: { stdin?: 'ignore' | 'pipe' } = {},
): Spawned {
  const args = ['--conditions=source', '--import', 'tsx', join(here, file)];
  const options = { cwd: repoRoot, env: { ...process.env, ...env } };
  const child =
    stdin === 'pipe'
      ? spawn(process.execPath, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  spawned.add(child);
  child.once('exit', () => spawned.delete(child));
  const lines: string[] = [];
  const waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  const onLine = (line: string) => {
    if (line.trim() === '') return;
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  // A chunk may end in the middle of a line (a busy child, a full pipe): each stream keeps
  // its unfinished tail until the rest arrives, so no line is ever seen in two pieces.
  const lineReader = () => {
    let partial = '';
    return {
      data: (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) onLine(line);
      },
      end: () => {
        onLine(partial);
        partial = '';
      },
    };
  };
  const out = lineReader();
  const err = lineReader();
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', out.data);
  child.stdout.once('end', out.end);
  child.stderr.on('data', (chunk: string) => {
    err.data(chunk);
    if (process.env.LSML_E2E_VERBOSE) process.stderr.write(chunk);
  });
  child.stderr.once('end', err.end);
  return {
    child,
    lines,
    waitForLine(test, timeoutMs = 60_000) {
      const found = lines.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(
            new Error(`no matching line within ${timeoutMs} ms; output:\n${lines.join('\n')}`),
          );
        }, timeoutMs);
        waiters.push({
          test,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
      });
    },
  };
}

/** Starts an API replica; resolves with its base URL. */
export async function startApi(env: Record<string, string>): Promise<Spawned & { url: string }> {
  const p = spawnNode('api-process.ts', env);
  const line = await p.waitForLine((l) => l.startsWith('{"port":'));
  const { port } = JSON.parse(line) as { port: number };
  return { ...p, url: `http://127.0.0.1:${port}` };
}

/** Starts a worker; resolves once it takes jobs. */
export async function startWorker(env: Record<string, string>): Promise<Spawned> {
  const p = spawnNode('worker-process.ts', env);
  await p.waitForLine((l) => l.includes('training worker for'));
  return p;
}

/** SIGKILLs every process these helpers started that still runs. */
export async function killAll(): Promise<void> {
  const exits = [...spawned]
    .filter((child) => child.exitCode === null && child.signalCode === null)
    .map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => {
            resolve();
          });
          child.kill('SIGKILL');
        }),
    );
  await Promise.all(exits);
}

/** Polls `check` every `everyMs` until it returns a value, at most `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(
    `condition not met within ${timeoutMs} ms${last instanceof Error ? `: ${last.message}` : ''}`,
  );
}
