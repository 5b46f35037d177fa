import type { OutputStream } from '../io.js';

const SHOWN = 20;

/**
 * Prints each failed task on its own line (clearing a progress bar first), the first 20 only:
 * a broken export should not bury the summary under a million lines.
 */
export function failureReporter(
  out: OutputStream,
): (failure: { id: unknown; message: string }) => void {
  let count = 0;
  return ({ id, message }) => {
    count++;
    if (count > SHOWN) return;
    const clear = out.isTTY ? '\r\x1b[2K' : '';
    out.write(`${clear}task ${String(id)} failed: ${message}\n`);
    if (count === SHOWN) out.write(`${clear}(further failures are counted in the summary only)\n`);
  };
}
