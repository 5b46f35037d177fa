import { requestProjectId } from '../contract/project-id.js';
import type {
  Annotation,
  LabeledTask,
  ProjectId,
  Task,
  TrainingEvent,
  WebhookAction,
} from '../contract/types.js';

/**
 * A Label Studio webhook as lsml reads it: the action, the project, and the task and
 * annotation bodies it carried (bulk actions carry lists).
 */
export interface WebhookEvent {
  action: WebhookAction;
  project: ProjectId;
  /** The project's label config, when the event carried it. */
  labelConfig: string | undefined;
  /** The labeled tasks an add event carries. */
  examples: LabeledTask[];
  /** The annotations a delete event names. */
  removed: { annotationId?: string | number | undefined; taskId?: string | number | undefined }[];
}

/** The webhook body's fields lsml reads (the route checks their shapes first). */
export interface WebhookBody {
  action: string;
  project?: unknown;
  task?: unknown;
  annotation?: unknown;
  annotations?: unknown;
}

const asList = <T>(value: T | T[] | null | undefined): T[] =>
  value == null ? [] : Array.isArray(value) ? value : [value];

/** A webhook body as a {@link WebhookEvent}. */
export function readWebhook(body: WebhookBody): WebhookEvent {
  const tasks = asList(body.task as Task | Task[] | null | undefined);
  const annotations = [
    ...asList(body.annotation as Annotation | Annotation[] | null | undefined),
    ...asList(body.annotations as Annotation[] | null | undefined),
  ];
  const projectConfig =
    typeof body.project === 'object' && body.project !== null
      ? (body.project as { label_config?: unknown }).label_config
      : undefined;
  const single =
    !Array.isArray(body.task) && !Array.isArray(body.annotation) && body.annotation != null;
  const examples =
    single && tasks[0] !== undefined && annotations[0] !== undefined
      ? [{ task: tasks[0], annotation: annotations[0] }]
      : pairByTask(annotations, tasks);
  return {
    action: body.action,
    project:
      requestProjectId(body.project, 'project') ??
      requestProjectId(tasks[0]?.project, 'task.project') ??
      requestProjectId(annotations[0]?.project, 'annotation.project') ??
      'default',
    labelConfig: typeof projectConfig === 'string' ? projectConfig : undefined,
    examples,
    removed: annotations.map((a) => {
      // Read as unknown: the schema lets a null id through (Label Studio sends one for drafts).
      const id = idOf(a.id);
      return { annotationId: id, taskId: id === undefined ? tasks[0]?.id : undefined };
    }),
  };
}

/** Annotation ids a training event names at most (a bulk event may hold thousands). */
const NAMED_IDS = 100;

/** What a job carries of the event: the action and ids, never the bodies. */
export function triggerOf(event: WebhookEvent, ids: Annotation['id'][] = []): TrainingEvent {
  const annotationIds = ids
    .map(idOf)
    .filter((id) => id !== undefined)
    .slice(0, NAMED_IDS);
  return {
    action: event.action,
    project: event.project,
    ...(annotationIds.length > 0 ? { annotationIds } : {}),
  };
}

function idOf(value: unknown): string | number | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

/**
 * Bulk events pair each annotation with its task by id; an annotation whose task data did
 * not come along is kept with empty data (a backend skips what it cannot use, and
 * START_TRAINING can pull full tasks from Label Studio).
 */
function pairByTask(annotations: Annotation[], tasks: Task[]): LabeledTask[] {
  const byId = new Map(tasks.map((t) => [String(t.id), t]));
  return annotations
    .filter((a) => Array.isArray(a.result))
    .map((annotation) => {
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
