import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const children = new Set<ChildProcess>();

/**
 * Runs a file of this folder with workspace sources (tsx, `source` condition) and resolves
 * with its first stdout line matching `ready`. Output is kept for failure messages.
 */
export function start(file: string, env: Record<string, string>, ready: RegExp) {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', fileURLToPath(new URL(file, import.meta.url))],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  const output: string[] = [];
  const line = new Promise<string>((resolve, reject) => {
    let partial = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      output.push(...lines);
      const found = lines.find((l) => ready.test(l));
      if (found) resolve(found);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    child.once('exit', (code) => {
      reject(new Error(`${file} exited (${code}) before it was ready:\n${output.join('\n')}`));
    });
  });
  return { child, ready: line, output };
}

/** Stops every process started here. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => {
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
