import { open } from 'node:fs/promises';
import { LsmlError } from '../errors/index.js';
import type { Logger } from '../observability/logger.js';
import { parseLine, readLines } from './jsonl-lines.js';
import { isTrainingRecord, type TrainingSet } from './training-set.js';

/** What replaying a log found: the snapshot it continues, and the bytes of whole records. */
export interface ReplayedLog {
  /** undefined when there is no log yet; 0 for a log written before headers existed. */
  generation: number | undefined;
  bytes: number;
}

/**
 * Replays the log at `path` into `set` when it continues snapshot `generation` (a log of an
 * older generation was already compacted into the snapshot: a crash came between the two
 * writes). A torn tail (a last record cut short by a crash or a full disk) is cut off here,
 * before anything is appended: appended after it, the next record would merge into the torn
 * line and be skipped as torn at the next start.
 */
export async function replayLog(
  path: string,
  generation: number,
  set: TrainingSet,
  log: Logger | undefined,
): Promise<ReplayedLog> {
  let logGeneration: number | undefined;
  let good = 0;
  let end = 0;
  const skipped: { start: number; end: number }[] = [];
  try {
    for await (const line of readLines(path)) {
      const value = parseLine(line);
      const start = end;
      end = line.end;
      if (logGeneration === undefined) {
        // No header: a log of an earlier lsml, which had no snapshots (generation 0).
        const header = line.complete && isHeader(value) ? value : undefined;
        logGeneration = header?.snapshot ?? 0;
        if (logGeneration > generation) throw aheadOfSnapshot(path, logGeneration, generation);
        if (logGeneration < generation) return { generation: logGeneration, bytes: 0 };
        if (header) {
          good = end;
          continue;
        }
      }
      if (line.complete && isTrainingRecord(value)) {
        set.apply(value, line.bytes.length + 1);
        good = end;
      } else skipped.push({ start, end });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { generation: undefined, bytes: 0 };
    throw error;
  }
  if (good < end) {
    await cutTail(path, good);
    log?.warn(
      { file: path, droppedBytes: end - good, keptBytes: good },
      `training data: cut ${String(end - good)} bytes of a record torn by a crash or a full disk (never acknowledged)`,
    );
  }
  // Only logs of earlier lsml versions hold these: they appended after a torn line.
  const inside = skipped.filter((range) => range.end <= good);
  if (inside.length > 0)
    log?.warn(
      { file: path, byteRanges: inside },
      `training data: skipped ${String(inside.length)} damaged line(s) inside the log`,
    );
  return { generation: logGeneration ?? 0, bytes: good };
}

/** Truncates `path` to `length` bytes, durably. */
export async function cutTail(path: string, length: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(length);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

function aheadOfSnapshot(path: string, log: number, snapshot: number): LsmlError {
  return new LsmlError(
    'INTERNAL',
    `${path} continues training data snapshot ${String(log)}, but the snapshot beside it is ` +
      `${snapshot === 0 ? 'missing' : `number ${String(snapshot)}`}: the files were copied or ` +
      `restored separately. Restore the matching training-data.snapshot.jsonl.`,
  );
}

function isHeader(value: unknown): value is { op: 'begin'; snapshot: number } {
  const v = value as { op?: unknown; snapshot?: unknown } | null | undefined;
  return v?.op === 'begin' && Number.isInteger(v.snapshot);
}
