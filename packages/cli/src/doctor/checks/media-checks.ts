import {
  isCloudStorageUri,
  isLsmlError,
  type LsmlError,
  type Task,
  type TaskDataResolver,
} from '@lsml/core';
import type { DoctorContext } from '../doctor-context.js';

/** A task data value that names a file: something `readData` has to fetch. */
interface MediaValue {
  task: Task;
  key: string;
  value: string;
}

/**
 * One real task's media, read the way the backend reads it: for a backend run here, through
 * its own runtime's reader with its settings (after /setup told it Label Studio's address, as
 * Label Studio does); for one at --url, with this machine's settings and the token given.
 */
export async function checkMedia(ctx: DoctorContext): Promise<void> {
  if (!ctx.labelInterface || ctx.tasks === undefined) {
    ctx.checks.skip('media', 'task data not checked: it needs the project and its tasks');
    return;
  }
  if (ctx.tasks.length === 0) {
    ctx.checks.skip('media', 'task data not checked: the project has no tasks yet');
    return;
  }
  const media = findMedia(ctx);
  if (media === undefined) {
    ctx.checks.ok('media', 'Task data is inline (no files or URLs to fetch)');
    return;
  }
  const resolver = ctx.backend.resolver ?? ctx.session.resolver;
  const how = ctx.backend.resolver
    ? "with the backend's settings"
    : `from this machine with the token given (the backend at --url reads with its own)`;
  const what = `task ${String(media.task.id)} $${media.key} = ${short(media.value)}`;
  try {
    const file = await resolver.resolve(media.value, { taskId: media.task.id });
    const type = file.contentType === undefined ? '' : `, ${file.contentType}`;
    ctx.checks.ok('media', `Read ${what} ${how} (${file.size} bytes${type})`);
  } catch (error) {
    if (!isLsmlError(error)) throw error;
    ctx.checks.fail(
      'media',
      `Cannot read ${what} ${how}: ${error.message}`,
      mediaFix(error, media.value, resolver),
    );
  }
}

/** The first value of a sampled task, under a key the config reads, that names a file. */
function findMedia(ctx: DoctorContext): MediaValue | undefined {
  const keys = [
    ...new Set(
      (ctx.labelInterface?.objects ?? []).flatMap((o) =>
        o.dataKey === undefined ? [] : [o.dataKey],
      ),
    ),
  ];
  for (const task of ctx.tasks ?? []) {
    for (const key of keys) {
      const value = task.data[key];
      if (typeof value === 'string' && namesFile(value)) return { task, key, value };
    }
  }
  return undefined;
}

function namesFile(value: string): boolean {
  const text = value.trim();
  return (
    /^https?:\/\//i.test(text) ||
    text.startsWith('/') ||
    text.startsWith('data:') ||
    isCloudStorageUri(text)
  );
}

function mediaFix(error: LsmlError, value: string, resolver: TaskDataResolver): string {
  const local = value.includes('/data/local-files');
  const fromLabelStudio = value.trim().startsWith('/') || isCloudStorageUri(value);
  switch (error.code) {
    case 'DATA_UNAUTHORIZED':
      if (/local files/i.test(error.message))
        return 'start Label Studio with LOCAL_FILES_SERVING_ENABLED=true, or mount the same folder into the backend with LOCAL_FILES_SERVING_ENABLED=true and LOCAL_FILES_DOCUMENT_ROOT';
      return fromLabelStudio
        ? 'set LABEL_STUDIO_API_KEY on the backend to a token (legacy or personal access token) of a user who can see the project'
        : 'the file host refuses: a presigned URL may have expired, or the bucket is private (connect it as Source Storage in Label Studio)';
    case 'DATA_NOT_FOUND':
      if (isCloudStorageUri(value))
        return 'connect the bucket to the project in Label Studio (Settings → Cloud Storage → Source Storage) so it can presign the file';
      return local
        ? "the file is not under Label Studio's LOCAL_FILES_DOCUMENT_ROOT (or the backend's): check the path"
        : `set LABEL_STUDIO_URL on the backend to the Label Studio the tasks come from (now: ${resolver.labelStudio().url ?? 'unset'})`;
    case 'DATA_BLOCKED':
      return 'see the message: a private address with LSML_BLOCK_PRIVATE_ADDRESSES=true, or a scheme lsml does not read';
    case 'DATA_TIMEOUT':
    case 'DATA_FETCH_FAILED':
      return fromLabelStudio
        ? 'the backend cannot reach Label Studio there: from Docker set LABEL_STUDIO_URL=http://host.docker.internal:8080 (Linux: --add-host host.docker.internal:host-gateway) or the compose service name'
        : 'the backend cannot reach that host: check its network (proxy, DNS, firewall)';
    default:
      return 'see the message';
  }
}

function short(value: string): string {
  const text = value.startsWith('data:') ? `${value.slice(0, 30)}…` : value;
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
