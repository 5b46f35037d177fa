import { open } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file.js';
import { cutTail } from './log-repair.js';
import { jsonLine } from './training-snapshot.js';

/**
 * A project's append-only log: a header `{"op": "begin", "snapshot": <generation>}`, then one
 * record a line, each change since that snapshot.
 */
export class TrainingLog {
  /** Set after a failed append: bytes past `bytes` may be a torn record, cut before the next. */
  private torn = false;

  /**
   * @param generation the snapshot this log continues (undefined: no log yet)
   * @param bytes the length of its whole records: everything on disk up to a failed write
   */
  constructor(
    readonly path: string,
    public generation: number | undefined,
    public bytes: number,
  ) {}

  /**
   * Appends `lines` and fsyncs them: once this resolves they survive a crash or a power loss.
   * A failed write (a full disk) is cut off again, so it can never merge into the next record.
   */
  async append(lines: Buffer): Promise<void> {
    if (this.torn) {
      await cutTail(this.path, this.bytes);
      this.torn = false;
    }
    const handle = await open(this.path, 'a');
    try {
      await handle.writeFile(lines);
      // datasync also flushes the new file length, which is what makes an append readable.
      await handle.datasync();
    } catch (error) {
      this.torn = true;
      // Cut now, while we know the length: on a full disk this also frees what was written.
      await cutTail(this.path, this.bytes).then(
        () => (this.torn = false),
        () => undefined,
      );
      throw error;
    } finally {
      await handle.close();
    }
    this.bytes += lines.length;
  }

  /** Replaces the log with an empty one continuing snapshot `generation`. */
  async start(generation: number): Promise<void> {
    const header = jsonLine({ op: 'begin', snapshot: generation });
    // Atomic: until the rename, the previous log (and so the data) is still whole on disk.
    await writeFileAtomic(this.path, header);
    this.generation = generation;
    this.bytes = header.length;
    this.torn = false;
  }
}
