import { toProjectId } from '../../model/project-id.js';
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
      toProjectId(body.project) ??
      toProjectId(tasks[0]?.project) ??
      toProjectId(annotations[0]?.project) ??
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
      const ref = annotation.task;
      const rawId = typeof ref === 'object' ? (ref as { id?: unknown }).id : ref;
      const id = typeof rawId === 'number' || typeof rawId === 'string' ? rawId : undefined;
      const known = id === undefined ? undefined : byId.get(String(id));
      const task: Task =
        known ??
        (typeof ref === 'object' && 'data' in ref
          ? (ref as Task)
          : { id: id ?? `annotation-${String(annotation.id)}`, data: {} });
      return { task, annotation };
    });
}
