import type { Hono } from 'hono';
import { LsmlError } from '../../errors/index.js';
import { requestProjectId } from '../../contract/project-id.js';
import type { Annotation, LabeledTask, Task } from '../../contract/types.js';
import { receiveTrainingSet } from '../../training/index.js';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';
import { assertJsonDepth } from '../json-depth.js';
import { readJson } from '../read-json.js';
import { trainBodySchema } from '../schemas.js';

/**
 * `POST /train` (older Label Studio, or the webhook flag off): the body holds every labeled
 * task (`annotations`, or `completions` from LS 0.9). The training set is replaced by it.
 */
export function trainRoute(app: Hono<LsmlEnv>, { runtime, trainer }: RouteDeps): void {
  app.post('/train', async (c) => {
    const body = await readJson(c, trainBodySchema);
    assertJsonDepth(body);
    const tasks = body.annotations ?? body.completions;
    if (!tasks)
      throw new LsmlError(
        'VALIDATION_FAILED',
        'Invalid request body: send "annotations" (a list of labeled tasks), or "completions" from Label Studio 0.9',
      );
    const project = requestProjectId(body.project, 'project') ?? 'default';
    const items = tasks.flatMap((t, i) => examplesOfTask(t, i));
    // Replace, then enqueue: a run then always sees this set. A 503 means no training was
    // queued; the set is the old one, or already this one (Redis failed at the switch, or the
    // enqueue failed after it). Either way, sending the same /train again is safe.
    const job = await receiveTrainingSet(
      { runtime, trainer },
      project,
      items,
      body.label_config ?? undefined,
    );
    return c.json({ job: job.id, status: 'queued', training_set_size: items.length }, 201);
  });
}

function examplesOfTask(value: unknown, index: number): LabeledTask[] {
  if (typeof value !== 'object' || value === null) {
    throw new LsmlError(
      'VALIDATION_FAILED',
      `Invalid request body: annotations[${index}] must be a labeled task object`,
    );
  }
  const raw = value as Record<string, unknown>;
  const { id, data } = raw;
  // The id names the example in stores and logs, and data is what fit reads: a wrong type
  // there is the sender's mistake (422), not something to trip over later (500).
  if (
    id !== undefined &&
    !((typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id !== ''))
  )
    throw new LsmlError(
      'VALIDATION_FAILED',
      `Invalid request body: annotations[${index}].id must be a number or a non-empty string, got ${typeof id === 'object' ? JSON.stringify(id).slice(0, 60) : typeof id}`,
    );
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data)))
    throw new LsmlError(
      'VALIDATION_FAILED',
      `Invalid request body: annotations[${index}].data must be an object of the task's data fields, got ${data === null ? 'null' : Array.isArray(data) ? 'a list' : typeof data}`,
    );
  const task: Task = {
    ...raw,
    id: (raw.id as Task['id'] | undefined) ?? `task-${index}`,
    data: (raw.data as Task['data'] | undefined) ?? {},
  };
  const annotations = (raw.annotations ?? raw.completions ?? []) as Annotation[];
  if (!Array.isArray(annotations))
    throw new LsmlError(
      'VALIDATION_FAILED',
      `Invalid request body: annotations[${index}].annotations must be a list`,
    );
  annotations.forEach((a: unknown, j) => {
    if (typeof a !== 'object' || a === null || Array.isArray(a))
      throw new LsmlError(
        'VALIDATION_FAILED',
        `Invalid request body: annotations[${index}].annotations[${j}] must be an annotation object, got ${a === null ? 'null' : Array.isArray(a) ? 'a list' : typeof a}`,
      );
  });
  const usable = annotations.filter((a) => Array.isArray(a.result) && a.was_cancelled !== true);
  const newest = usable.at(-1);
  return newest ? [{ task, annotation: newest }] : [];
}
