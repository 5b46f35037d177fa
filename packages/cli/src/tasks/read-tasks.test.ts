import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIError } from '../cli-error.js';
import { readTasks } from './read-tasks.js';

const dir = mkdtempSync(join(tmpdir(), 'lsml-read-tasks-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function values(path: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const item of await readTasks(path)) out.push(item.value);
  return out;
}

async function failure(path: string): Promise<CLIError> {
  return values(path).then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as CLIError,
  );
}

describe('readTasks', () => {
  const tasks = [
    { id: 1, data: { text: 'a' } },
    { id: 2, data: { text: 'b' } },
  ];

  it('tells a JSON array from JSONL by content, whatever the extension', async () => {
    expect(await values(file('a.json', JSON.stringify(tasks, null, 2)))).toEqual(tasks);
    expect(await values(file('b.json', tasks.map((t) => JSON.stringify(t)).join('\n')))).toEqual(
      tasks,
    );
    const source = await readTasks(file('c.jsonl', tasks.map((t) => JSON.stringify(t)).join('\n')));
    expect(source.format).toBe('jsonl');
  });

  it('points at the line and column of a broken element', async () => {
    const error = await failure(
      file('bad.json', '[\n  {"id": 1, "data": {}},\n  {"id": 2, "data": {"text": "x",}}\n]'),
    );
    expect(error).toBeInstanceOf(CLIError);
    expect(error.code).toBe('BAD_JSON');
    expect(error.message).toMatch(/bad\.json at line 3, column 34: /);
    expect(error.hint).toMatch(/export/);
  });

  it('points at the line of a broken JSONL line', async () => {
    const error = await failure(file('bad.jsonl', '{"id": 1, "data": {}}\n{"id": 2, "data": {\n'));
    expect(error.message).toMatch(/line 2, column \d+/);
  });

  it('refuses a file that is neither, and a missing file, with hints', async () => {
    const neither = await readTasks(file('text.json', '\n\n  id,text\n1,a')).then(
      () => undefined,
      (e: unknown) => e as CLIError,
    );
    expect(neither?.code).toBe('BAD_JSON');
    expect(neither?.message).toMatch(/line 3, column 3: expected a JSON array/);
    const missing = await readTasks(join(dir, 'nope.json')).then(
      () => undefined,
      (e: unknown) => e as CLIError,
    );
    expect(missing?.code).toBe('FILE_MISSING');
  });
});
