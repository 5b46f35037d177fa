import { CLIError } from '../cli-error.js';
import type { TextPosition } from './json-position.js';

/** Thrown for an export that is not valid JSON or JSONL, pointing at the line and column. */
export function badJsonError(file: string, at: TextPosition, reason: string): CLIError {
  return new CLIError(
    'BAD_JSON',
    `Unreadable JSON in ${file} at line ${at.line}, column ${at.column}: ${reason}`,
    'export the project again from Label Studio (JSON or JSON-MIN), or give one task per line in a .jsonl file',
  );
}
