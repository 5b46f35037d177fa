import { describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { memoryIo } from './helpers/memory-io.js';
import { cliDir } from './helpers/paths.js';

describe('run', () => {
  it('lists the commands on --help and without arguments (exit 1: nothing to do)', async () => {
    const io = memoryIo({ cwd: cliDir });
    expect(await run(['--help'], io)).toBe(0);
    for (const name of ['create', 'start', 'worker', 'predict', 'train', 'versions', 'rollback'])
      expect(io.out()).toContain(`  ${name}`);
    expect(await run([], memoryIo({ cwd: cliDir }))).toBe(1);
  });

  it('shows a command’s options on --help without running it', async () => {
    const io = memoryIo({ cwd: cliDir });
    expect(await run(['predict', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: lsml predict [--label-studio <url>] [--api-key <key>]');
    expect(io.out()).toContain('[--tasks <export.json|.jsonl>]');
    expect(io.out()).toContain('--batch <n>');
  });

  it('prints the version', async () => {
    const io = memoryIo({ cwd: cliDir });
    expect(await run(['--version'], io)).toBe(0);
    expect(io.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it.each([
    [['frobnicate'], /^lsml: Unknown command "frobnicate"\n {2}hint: commands: create, start/],
    [
      ['start', '--prot', '9090'],
      /^lsml: Unknown option '--prot'.*\n {2}hint: see `lsml start --help`/,
    ],
    [['predict', '--tasks', 'x.json'], /^lsml: Missing --backend\n {2}hint: with --tasks, predict/],
    [['start', 'a', 'b'], /^lsml: Unexpected argument "b"/],
    [
      ['predict', '--backend', '.', '--tasks', 'x', '--batch', 'lots'],
      /--batch must be a whole number/,
    ],
  ])('refuses %j with one line and a hint, exit 1', async (argv, message) => {
    const io = memoryIo({ cwd: cliDir });
    expect(await run(argv, io)).toBe(1);
    expect(io.err()).toMatch(message);
    expect(io.err().trimEnd().split('\n').length).toBeLessThanOrEqual(2);
  });
});
