import type { ProgressCallback } from '@huggingface/transformers';
import type { Logger } from '@lsml/core';

/** While a big file downloads, say how far it got at most this often. */
const REPORT_EVERY_MS = 10_000;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A transformers.js `progress_callback` that logs one line per model file when it is ready
 * (size and time), plus a line every 10 s while a large file is still downloading, so a first
 * start that fetches hundreds of MB is never silent.
 */
export function progressLogger(log: Logger, model: string): ProgressCallback {
  const started = new Map<string, number>();
  const sizes = new Map<string, number>();
  const reported = new Map<string, number>();
  return (info) => {
    switch (info.status) {
      case 'initiate':
        started.set(info.file, Date.now());
        break;
      case 'progress': {
        sizes.set(info.file, info.total);
        const last = reported.get(info.file) ?? started.get(info.file) ?? Date.now();
        if (info.progress < 100 && Date.now() - last >= REPORT_EVERY_MS) {
          reported.set(info.file, Date.now());
          log.info(
            { model, file: info.file, loaded: info.loaded, total: info.total },
            `model file ${info.file}: ${Math.floor(info.progress)}% of ${formatBytes(info.total)}`,
          );
        }
        break;
      }
      case 'done': {
        const bytes = sizes.get(info.file);
        const ms = Date.now() - (started.get(info.file) ?? Date.now());
        log.info(
          { model, file: info.file, bytes, ms },
          `model file ${info.file} ready${bytes === undefined ? '' : ` (${formatBytes(bytes)})`} in ${ms} ms`,
        );
        break;
      }
      case 'ready':
        log.info({ model, task: info.task }, `model ${model} ready for ${info.task}`);
        break;
      default:
        break;
    }
  };
}
