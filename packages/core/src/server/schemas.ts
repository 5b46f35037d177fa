import { z } from 'zod';

/** Request bodies as Label Studio sends them; unknown fields pass through untouched. */

const taskId = z.union([z.number(), z.string().min(1)]);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A task needs an `id` and a `data` object; its other fields (Label Studio sends ~20) pass
 * through untouched. Checked in place rather than with a loose object schema, which would copy
 * every field of every task on the /predict hot path.
 */
export const tasksSchema = z.array(z.unknown()).superRefine((tasks, ctx) => {
  tasks.forEach((task, i) => {
    if (!isPlainObject(task)) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `expected a task object, received ${describe(task)}`,
      });
      return;
    }
    const { id, data } = task;
    if (!(
      (typeof id === 'number' && Number.isFinite(id)) ||
      (typeof id === 'string' && id !== '')
    )) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'id'],
        message: `expected a number or non-empty string, received ${describe(id)}`,
      });
    }
    if (!isPlainObject(data)) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'data'],
        message: `expected an object, received ${describe(data)}`,
      });
    }
    for (const key of ['annotations', 'predictions'] as const) {
      if (task[key] !== undefined && task[key] !== null && !Array.isArray(task[key])) {
        ctx.addIssue({
          code: 'custom',
          path: [i, key],
          message: `expected a list, received ${describe(task[key])}`,
        });
      }
    }
  });
});

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value;
}

const projectField = z.union([
  z.string(),
  z.number(),
  z.looseObject({ id: z.union([z.number(), z.string()]) }),
]);

export const predictBodySchema = z.looseObject({
  tasks: tasksSchema.refine((tasks) => tasks.length > 0, 'tasks must hold at least one task'),
  project: projectField.nullish(),
  label_config: z.string().nullish(),
  model_version: z.string().nullish(),
  params: z
    .looseObject({
      login: z.string().nullish(),
      password: z.string().nullish(),
      context: z.looseObject({ result: z.array(z.unknown()).optional() }).nullish(),
    })
    .nullish(),
});

export const setupBodySchema = z.looseObject({
  project: projectField.nullish(),
  schema: z.string().nullish(),
  hostname: z.string().nullish(),
  access_token: z.string().nullish(),
  model_version: z.string().nullish(),
  extra_params: z.unknown().optional(),
});

/** An annotation's `task`: its id, or the task itself (bulk events carry either). */
const taskRef = z.unknown().superRefine((task, ctx) => {
  const ok =
    task === undefined ||
    (typeof task === 'number' && Number.isFinite(task)) ||
    (typeof task === 'string' && task !== '') ||
    isPlainObject(task);
  if (!ok)
    ctx.addIssue({
      code: 'custom',
      message: `expected a task id or a task object, received ${describe(task)}`,
    });
});

const annotationSchema = z.looseObject({
  id: z.union([z.number(), z.string()]).nullish(),
  result: z.array(z.unknown()).nullish(),
  task: taskRef.optional(),
});

const webhookTaskSchema = z.looseObject({
  id: taskId,
  data: z.record(z.string(), z.unknown()).optional(),
});

/** Singular events carry `task` and `annotation` objects; bulk ANNOTATIONS_CREATED carries lists. */
export const webhookBodySchema = z.looseObject({
  action: z.string().min(1, 'action must be a non-empty string'),
  project: projectField.nullish(),
  task: z.union([webhookTaskSchema, z.array(webhookTaskSchema)]).nullish(),
  annotation: z.union([annotationSchema, z.array(annotationSchema)]).nullish(),
  annotations: z.array(annotationSchema).nullish(),
  tasks: z.array(z.unknown()).nullish(),
});

export const trainBodySchema = z.looseObject({
  annotations: z.array(z.unknown()).optional(),
  completions: z.array(z.unknown()).optional(),
  project: projectField.nullish(),
  label_config: z.string().nullish(),
});

export const validateBodySchema = z.looseObject({
  config: z.string().min(1, 'config must be a non-empty label config'),
});

export const jobStatusBodySchema = z.looseObject({
  job: z.union([z.string().min(1), z.number()]),
});
