import { LsmlError } from '../errors/index.js';
import type { LabeledTask } from '../contract/types.js';
import { writeFileAtomicWith } from './atomic-file.js';
import { parseLine, readLines } from './jsonl-lines.js';
import { isLabeledTask, TrainingSet } from './training-set.js';

/**
 * A compacted training set: a header line `{"snapshot": <generation>, "items": <n>}`, then one
 * labeled task a line. Written whole or not at all; the log continues it.
 */
export interface SnapshotInfo {
  /** 0 before the first snapshot (a log with no header continues generation 0). */
  generation: number;
  bytes: number;
}

// Lines are written in batches of about this size: few syscalls, no giant string.
const BATCH_BYTES = 1 << 20;

/** Writes `items` as snapshot `generation`; resolves with them as a set, once durable. */
export async function writeSnapshot(
  path: string,
  generation: number,
  items: LabeledTask[],
): Promise<{ set: TrainingSet; info: SnapshotInfo }> {
  const set = new TrainingSet();
  let bytes = 0;
  await writeFileAtomicWith(path, async (handle) => {
    let batch: Buffer[] = [];
    let batched = 0;
    const add = async (line: Buffer) => {
      batch.push(line);
      batched += line.length;
      bytes += line.length;
      if (batched < BATCH_BYTES) return;
      await handle.writeFile(Buffer.concat(batch));
      batch = [];
      batched = 0;
    };
    await add(jsonLine({ snapshot: generation, items: items.length }));
    for (const item of items) {
      const line = jsonLine(item);
      set.apply({ op: 'put', item }, line.length);
      await add(line);
    }
    if (batch.length > 0) await handle.writeFile(Buffer.concat(batch));
  });
  return { set, info: { generation, bytes } };
}

/** Reads the snapshot at `path` into `set`; generation 0 when there is none yet. */
export async function readSnapshot(path: string, set: TrainingSet): Promise<SnapshotInfo> {
  let header: { snapshot: number; items: number } | undefined;
  let count = 0;
  let bytes = 0;
  try {
    for await (const line of readLines(path)) {
      const value = parseLine(line);
      bytes = line.end;
      if (!line.complete) throw damaged(path, `it ends mid-line at byte ${String(line.end)}`);
      if (header) {
        if (!isLabeledTask(value))
          throw damaged(path, `line ${String(count + 2)} is not a labeled task`);
        set.apply({ op: 'put', item: value }, line.bytes.length + 1);
        count++;
      } else if (isHeader(value)) header = value;
      else throw damaged(path, 'its first line is not a snapshot header');
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { generation: 0, bytes: 0 };
    throw error;
  }
  if (!header) throw damaged(path, 'it is empty');
  if (count !== header.items)
    throw damaged(path, `it holds ${String(count)} of its ${String(header.items)} items`);
  return { generation: header.snapshot, bytes };
}

export function jsonLine(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value) + '\n');
}

function isHeader(value: unknown): value is { snapshot: number; items: number } {
  const v = value as { snapshot?: unknown; items?: unknown } | null | undefined;
  return Number.isInteger(v?.snapshot) && Number.isInteger(v?.items);
}

// Snapshots are renamed into place whole, so damage means the disk or another program.
function damaged(path: string, reason: string): LsmlError {
  return new LsmlError(
    'INTERNAL',
    `The training data snapshot ${path} is damaged (${reason}). Restore it from a backup, or ` +
      `delete it and the training-data.jsonl beside it and send the project's annotations ` +
      `again (export them from Label Studio and POST them to /train).`,
  );
}
