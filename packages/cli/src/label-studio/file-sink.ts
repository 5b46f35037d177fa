import { createWriteStream } from 'node:fs';
import type { PredictionImport } from '@lsml/core';
import { JsonArrayWriter } from '../tasks/json-array-writer.js';
import type { PredictionSink, StoreFailure } from './prediction-sink.js';

/**
 * A dry run's sink: the predictions that would be posted, as a JSON array in the shape of
 * Label Studio's predictions import (`POST /api/projects/:id/import/predictions` takes the file).
 */
export class FileSink implements PredictionSink {
  private readonly writer: JsonArrayWriter;

  constructor(
    path: string,
    readonly destination: string,
  ) {
    this.writer = new JsonArrayWriter(createWriteStream(path, { highWaterMark: 4 * 1024 * 1024 }));
  }

  async put(predictions: PredictionImport[]): Promise<StoreFailure[]> {
    await this.writer.write(predictions);
    return [];
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}
