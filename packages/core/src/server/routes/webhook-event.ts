import { requestProjectId } from '../../model/project-id.js';
import type { Annotation, LabeledTask, Task, TrainingEvent } from '../../model/types.js';
import type { z } from 'zod';
import type { webhookBodySchema } from '../schemas.js';

type WebhookBody = z.infer<typeof webhookBodySchema>;

const asList = <T>(value: T | T[] | null | undefined): T[] =>
  value == null ? [] : Array.isArray(value) ? value : [value];

/** A webhook body as a TrainingEvent; bulk lists are kept in `annotations`. */
export function toTrainingEvent(body: WebhookBody): TrainingEvent {
  const tasks = asList(body.task) as Task[];
  const annotations = [...asList(body.annotation), ...asList(body.annotations)] as Annotation[];
  const projectConfig =
    typeof body.project === 'object' && body.project !== null
      ? (body.project as { label_config?: unknown }).label_config
      : undefined;
  const single = !Array.isArray(body.task) && !Array.isArray(body.annotation);
  return {
    action: body.action,
    project:
      requestProjectId(body.project, 'project') ??
      requestProjectId(tasks[0]?.project, 'task.project') ??
      requestProjectId(annotations[0]?.project, 'annotation.project') ??
      'default',
    labelConfig: typeof projectConfig === 'string' ? projectConfig : undefined,
    task: single ? tasks[0] : undefined,
    annotation: single ? (asList(body.annotation)[0] as Annotation | undefined) : undefined,
    annotations: single
      ? ((body.annotations ?? undefined) as Annotation[] | undefined)
      : annotations,
    raw: body,
  };
}

/**
 * The training examples an add event carries. Bulk events pair each annotation with its task
 * by id; an annotation whose task data did not come along is kept with empty data (a backend
 * skips what it cannot use, and START_TRAINING can pull full tasks from Label Studio).
 */
export function examplesOf(event: TrainingEvent, rawTasks: Task[]): LabeledTask[] {
  if (event.annotation && event.task) return [{ task: event.task, annotation: event.annotation }];
  const byId = new Map(rawTasks.map((t) => [String(t.id), t]));
  return (event.annotations ?? [])
    .filter((a) => Array.isArray(a.result))
    .map((annotation) => {
      // Read as unknown: events also come back from the queue as JSON, and typeof null is
      // 'object' (the schema refuses a null task; this keeps examplesOf total all the same).
      const ref: unknown = annotation.task;
      const isObject = typeof ref === 'object' && ref !== null;
      const rawId = isObject ? (ref as { id?: unknown }).id : ref;
      const id = typeof rawId === 'number' || typeof rawId === 'string' ? rawId : undefined;
      const known = id === undefined ? undefined : byId.get(String(id));
      const task: Task =
        known ??
        (isObject && 'data' in ref
          ? (ref as Task)
          : { id: id ?? `annotation-${String(annotation.id)}`, data: {} });
      return { task, annotation };
    });
}
