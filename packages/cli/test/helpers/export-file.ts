import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Writes `tasks` as a Label Studio JSON export (an array), or as JSONL. */
export async function writeExport(
  path: string,
  tasks: Iterable<unknown>,
  format: 'json' | 'jsonl' = 'json',
): Promise<void> {
  const out = createWriteStream(path);
  let first = true;
  const put = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  if (format === 'json') await put('[\n');
  for (const task of tasks) {
    const separator = format === 'json' ? (first ? '' : ',\n') : '';
    await put(`${separator}${JSON.stringify(task)}${format === 'jsonl' ? '\n' : ''}`);
    first = false;
  }
  if (format === 'json') await put('\n]\n');
  out.end();
  await once(out, 'finish');
}
