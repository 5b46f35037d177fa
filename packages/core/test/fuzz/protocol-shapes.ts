import { TEXT_CONFIG } from '../helpers.js';

/** Label Studio's request bodies, as /work/shared/protocol.md describes them: the seeds every mutation starts from. */

const choice = (label: string) => ({
  from_name: 'sentiment',
  to_name: 'text',
  type: 'choices',
  value: { choices: [label] },
});

export const PREDICT_BODY = {
  tasks: [
    { id: 1, data: { text: 'good movie' }, annotations: [], predictions: [] },
    { id: 2, data: { text: 'bad movie' } },
  ],
  model_version: 'fuzz-v1',
  project: '12.1700000000',
  label_config: TEXT_CONFIG,
  params: { login: null, password: null, context: null },
};

export const INTERACTIVE_PREDICT_BODY = {
  ...PREDICT_BODY,
  tasks: [{ id: 3, data: { text: 'smart tool' } }],
  params: {
    login: null,
    password: null,
    context: { annotation_id: 1, draft_id: 2, user_id: 3, result: [choice('Positive')] },
  },
};

export const SETUP_BODY = {
  project: '12.1700000000',
  schema: TEXT_CONFIG,
  hostname: 'http://label-studio.invalid:8080',
  access_token: 'token',
  model_version: 'fuzz-v1',
  extra_params: '{}',
};

export const WEBHOOK_BODIES = [
  {
    action: 'ANNOTATION_CREATED',
    project: { id: 12, label_config: TEXT_CONFIG },
    task: { id: 7, data: { text: 'fine' } },
    annotation: { id: 70, result: [choice('Positive')], task: 7 },
  },
  {
    action: 'ANNOTATION_UPDATED',
    project: { id: 12, label_config: TEXT_CONFIG },
    task: { id: 7, data: { text: 'fine' } },
    annotation: { id: 70, result: [choice('Negative')] },
  },
  { action: 'ANNOTATION_DELETED', project: { id: 12 }, annotation: { id: 70 } },
  { action: 'START_TRAINING', project: { id: 12, label_config: TEXT_CONFIG } },
  {
    action: 'ANNOTATIONS_CREATED',
    project: { id: 12, label_config: TEXT_CONFIG },
    annotations: [{ id: 71, result: [choice('Negative')], task: { id: 8, data: { text: 'meh' } } }],
  },
  { action: 'ANNOTATIONS_DELETED', project: { id: 12 }, annotations: [{ id: 71 }] },
  { action: 'TASKS_CREATED', project: { id: 12 }, tasks: [{ id: 9 }] },
  { action: 'PROJECT_UPDATED', project: { id: 12, label_config: TEXT_CONFIG } },
];

export const TRAIN_BODY = {
  annotations: [
    {
      id: 7,
      data: { text: 'fine' },
      annotations: [{ id: 70, result: [choice('Positive')], was_cancelled: false }],
    },
  ],
  project: '12.1700000000',
  label_config: TEXT_CONFIG,
  params: { login: null, password: null },
};

/** LS 0.9 sent `completions`. */
export const TRAIN_COMPLETIONS_BODY = {
  completions: [
    { id: 8, data: { text: 'meh' }, completions: [{ id: 80, result: [choice('Negative')] }] },
  ],
  project: '12.1700000000',
};

export const VALIDATE_BODY = { config: TEXT_CONFIG };

export const JOB_STATUS_BODY = { job: '12' };

/** The bodies a route is known to take; a route not listed here is fed all of them. */
export const BODIES_BY_PATH: Record<string, readonly unknown[]> = {
  '/predict': [PREDICT_BODY, INTERACTIVE_PREDICT_BODY],
  '/setup': [SETUP_BODY],
  '/webhook': WEBHOOK_BODIES,
  '/train': [TRAIN_BODY, TRAIN_COMPLETIONS_BODY],
  '/validate': [VALIDATE_BODY],
  '/job_status': [JOB_STATUS_BODY],
};

export const ALL_BODIES: readonly unknown[] = Object.values(BODIES_BY_PATH).flat();
