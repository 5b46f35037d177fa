import type { CliIo } from '../../src/io.js';

/** A CliIo that records what a command writes, for in-process command tests. */
export interface MemoryIo extends CliIo {
  out(): string;
  err(): string;
  /** Aborts `signal`, as SIGINT would. */
  interrupt(): void;
}

export function memoryIo(options: {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  tty?: boolean;
}): MemoryIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const controller = new AbortController();
  return {
    stdout: { write: (text: string) => stdout.push(text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => stderr.push(text), isTTY: options.tty ?? false },
    env: options.env ?? {},
    cwd: options.cwd,
    signal: controller.signal,
    out: () => stdout.join(''),
    err: () => stderr.join(''),
    interrupt: () => {
      controller.abort();
    },
  };
}
