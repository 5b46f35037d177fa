import {
  describeUrl,
  isLsmlError,
  LsmlError,
  taskValue,
  type DataReader,
  type Target,
  type Task,
} from '@lsml/core';

/**
 * Reads the audio file behind a task's data value through the backend's data reader (URLs,
 * Label Studio uploads, cloud storage URIs, data URIs). Every failure says which value could not
 * be read and why, without the query string: presigned URLs carry their signature there.
 */
export async function readTaskAudio(
  task: Task,
  { object, dataKey }: Pick<Target, 'object' | 'dataKey'>,
  readData: DataReader,
  signal: AbortSignal | undefined,
): Promise<Buffer> {
  const value = taskValue(task, object);
  if (typeof value !== 'string' || value.trim() === '') {
    throw new LsmlError('VALIDATION_FAILED', `data.${dataKey} must be the audio's URL or data URI`);
  }
  const shown = value.startsWith('data:') ? `${value.slice(0, 30)}…` : describeUrl(value);
  try {
    // The task id lets Label Studio presign cloud storage URIs (s3://…) for this task.
    return await readData(value, signal ? { signal, taskId: task.id } : { taskId: task.id });
  } catch (error) {
    if (signal?.aborted === true) throw error;
    if (!isLsmlError(error)) {
      const reason = error instanceof Error ? describe(error) : String(error);
      throw new LsmlError('DATA_FETCH_FAILED', `cannot read audio ${shown}: ${reason}`, {
        cause: error,
      });
    }
    // lsml's data resolver already names the URL in its message: say it once.
    const message = error.message.includes(shown)
      ? `cannot read the audio: ${error.message}`
      : `cannot read audio ${shown}: ${error.message}`;
    throw new LsmlError(error.code, message, { cause: error });
  }
}

/** `fetch failed` says little; its cause (ECONNREFUSED, ENOTFOUND, …) says what happened. */
function describe(error: Error): string {
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = typeof cause?.code === 'string' ? cause.code : cause?.message;
  return typeof detail === 'string' && detail !== ''
    ? `${error.message} (${detail})`
    : error.message;
}
