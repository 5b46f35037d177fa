/** Where a command writes: anything with `write(text)`, like a Node stream or a test buffer. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Everything a command may touch of its process, injectable so tests run commands in-process. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM: long-running commands (start, worker) shut down gracefully. */
  signal: AbortSignal;
}

/** The real process, with a signal that SIGINT/SIGTERM abort. */
export function processIo(): CliIo {
  const controller = new AbortController();
  const stop = () => {
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: invocationDir(process.env),
    signal: controller.signal,
  };
}

/**
 * The directory the user typed the command in. `pnpm lsml …` (the repo's root script) runs at
 * the repository root, and pnpm keeps the user's directory in INIT_CWD; relative paths are
 * meant from there. Any other launch (a bin, a package script) uses the process's own cwd.
 */
function invocationDir(env: NodeJS.ProcessEnv): string {
  return env.npm_lifecycle_event === 'lsml' && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}
