import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Writes values as a JSON array, one element per line, as they come: nothing is held back, and
 * a full pipe or slow disk pauses the writer (backpressure) instead of filling memory.
 */
export class JsonArrayWriter {
  private count = 0;

  constructor(private readonly out: Writable) {}

  /** Appends `values` in one write: a batch costs one syscall, not one per task. */
  async write(values: readonly unknown[]): Promise<void> {
    if (values.length === 0) return;
    let text = '';
    for (const value of values) {
      text += `${this.count === 0 ? '[\n' : ',\n'}${JSON.stringify(value)}`;
      this.count++;
    }
    await this.chunk(text);
  }

  /** Closes the array (an empty one if nothing was written) and ends the stream. */
  async close(): Promise<void> {
    await this.chunk(this.count === 0 ? '[]\n' : '\n]\n');
    this.out.end();
    await once(this.out, 'finish');
  }

  private async chunk(text: string): Promise<void> {
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
}
