import { spawn, type ChildProcess } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  output: string;
}

/**
 * Runs `command` to its end and fails with its last output when it exits non-zero, so a broken
 * step says what the user would have seen.
 */
export async function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'pipe' });
  const result = await collect(child, options.timeoutMs ?? 180_000);
  if (result.code !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` in ${options.cwd} exited ${String(result.code)}:\n${result.output.slice(-4000)}`,
    );
  }
  return result.output;
}

function collect(child: ChildProcess, timeoutMs: number): Promise<CommandResult> {
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${timeoutMs} ms:\n${output.slice(-4000)}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A long-running process (a server), its output kept for failure messages. */
export interface Started {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export function startProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Started {
  const child = spawn(command, args, { ...options, stdio: 'pipe', detached: true });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  return {
    child,
    output: () => output,
    stop: async () => {
      // The group: `npm start` runs tsx, which runs node.
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}
