import { LsmlError, type DataReader } from '@lsml/core';
import { readDialogue, type Turn } from './dialogue.js';

/** Label Studio lets Paragraphs data live in a file (`valueType="url"`): an http(s) URL, an upload or a data URI. */
const FILE_REFERENCE = /^(https?:\/\/|data:|\/data\/)/i;

/**
 * A task's dialogue, from the task itself or, for `<Paragraphs>` given as a file reference, from
 * the JSON file it points to (read through the backend's data reader).
 */
export async function loadDialogue(
  value: unknown,
  where: string,
  fromFile: { readData: DataReader; signal?: AbortSignal } | undefined,
): Promise<Turn[]> {
  if (fromFile && typeof value === 'string' && FILE_REFERENCE.test(value.trim())) {
    const bytes = await fromFile.readData(
      value.trim(),
      fromFile.signal ? { signal: fromFile.signal } : {},
    );
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new LsmlError('VALIDATION_FAILED', `${where} points to a file that is not JSON`, {
        cause: error,
      });
    }
    return readDialogue(parsed, `${where} (file)`);
  }
  return readDialogue(value, where);
}
