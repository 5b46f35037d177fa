/**
 * Requests exactly as Label Studio sends them, one set per protocol era (see
 * ../../shared/protocol.md and the research notes): LS 1.0 (`/setup` with project + schema,
 * `/predict` with a top-level model_version, legacy `/train` with `annotations` or LS 0.9's
 * `completions`), LS 1.4+ (webhooks), and current LS (setup with hostname/access_token/extra_params,
 * tasks with every serializer field, interactive context, START_TRAINING, bulk events).
 */

/** A sentiment config as Label Studio stores it, with the sample-data comment it appends. */
export const SENTIMENT_CONFIG = `<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/>
    <Choice value="Negative"/>
    <Choice value="Neutral"/>
  </Choices>
</View><!-- {"data": {"text": "sample"}} -->`;

export const NER_CONFIG = `<!-- NER template -->
<View>
  <Labels name="label" toName="text">
    <Label value="PER" background="red"/>
    <Label value="ORG" background="darkorange"/>
    <Label value="LOC" background="orange"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>`;

export const BBOX_CONFIG = `<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="label" toName="image">
    <Label value="Cat"/>
    <Label value="Dog"/>
  </RectangleLabels>
</View>`;

const PROJECT = '62075.1712591487';

/** A task serialized the way current Label Studio serializes it (TaskSimpleSerializer). */
export function lsTask(id: number, data: Record<string, unknown>): Record<string, unknown> {
  return {
    id,
    data,
    meta: {},
    created_at: '2024-04-08T15:52:07.473205Z',
    updated_at: '2024-04-08T15:52:07.473210Z',
    is_labeled: false,
    overlap: 1,
    inner_id: id,
    total_annotations: 0,
    cancelled_annotations: 0,
    total_predictions: 0,
    comment_count: 0,
    unresolved_comment_count: 0,
    last_comment_updated_at: null,
    project: 62075,
    updated_by: null,
    file_upload: 1430391,
    comment_authors: [],
    annotations: [],
    predictions: [],
  };
}

const projectPayload = (config: string) => ({
  id: 62075,
  title: 'Sentiment',
  label_config: config,
  model_version: '',
  show_collab_predictions: true,
  task_number: 3,
  total_annotations_number: 1,
});

const annotation = (id: number, taskId: number, label: string) => ({
  id,
  result: [
    {
      id: `r${id}`,
      from_name: 'sentiment',
      to_name: 'text',
      type: 'choices',
      value: { choices: [label] },
    },
  ],
  was_cancelled: false,
  ground_truth: false,
  lead_time: 3.2,
  task: taskId,
  project: 62075,
  completed_by: 1,
});

export interface LabelStudioRequest {
  era: 'LS 0.9' | 'LS 1.0' | 'LS 1.4+' | 'current';
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

/** Every request kind, in the order a session with Label Studio would send them. */
export function labelStudioRequests(config: string = SENTIMENT_CONFIG): LabelStudioRequest[] {
  const tasks = [
    lsTask(101, { text: 'I love it' }),
    lsTask(102, { text: 'Awful' }),
    lsTask(103, { text: 'Fine' }),
  ];
  return [
    { era: 'current', name: 'health', method: 'GET', path: '/health' },
    {
      era: 'LS 1.0',
      name: 'setup (project + schema)',
      method: 'POST',
      path: '/setup',
      body: { project: PROJECT, schema: config },
    },
    {
      era: 'current',
      name: 'setup (hostname, token, extra_params)',
      method: 'POST',
      path: '/setup',
      body: {
        project: PROJECT,
        schema: config,
        hostname: 'http://localhost:8080',
        access_token: '9105a1d897e52286',
        extra_params: null,
      },
    },
    {
      era: 'LS 1.0',
      name: 'predict (with model_version)',
      method: 'POST',
      path: '/predict',
      body: {
        tasks,
        model_version: 'INITIAL',
        project: PROJECT,
        label_config: config,
        params: { login: null, password: null },
      },
    },
    {
      era: 'current',
      name: 'predict batch (context null)',
      method: 'POST',
      path: '/predict',
      body: {
        tasks,
        project: PROJECT,
        label_config: config,
        params: { login: null, password: null, context: null },
      },
    },
    {
      era: 'current',
      name: 'predict interactive (context with a region)',
      method: 'POST',
      path: '/predict',
      body: {
        tasks: [{ ...lsTask(104, { text: 'Apple is great' }), drafts: [], agreement: null }],
        project: PROJECT,
        label_config: config,
        params: {
          login: null,
          password: null,
          context: {
            annotation_id: null,
            draft_id: 0,
            user_id: 2640,
            result: [
              {
                id: 'u1',
                from_name: 'sentiment',
                to_name: 'text',
                type: 'choices',
                value: { choices: ['Positive'] },
                origin: 'manual',
              },
            ],
          },
        },
      },
    },
    {
      era: 'LS 1.4+',
      name: 'webhook ANNOTATION_CREATED',
      method: 'POST',
      path: '/webhook',
      body: {
        action: 'ANNOTATION_CREATED',
        annotation: annotation(1, 101, 'Positive'),
        task: { ...lsTask(101, { text: 'I love it' }), is_labeled: true },
        project: projectPayload(config),
      },
    },
    {
      era: 'LS 1.4+',
      name: 'webhook ANNOTATION_UPDATED',
      method: 'POST',
      path: '/webhook',
      body: {
        action: 'ANNOTATION_UPDATED',
        annotation: annotation(1, 101, 'Neutral'),
        task: lsTask(101, { text: 'I love it' }),
        project: projectPayload(config),
      },
    },
    {
      era: 'current',
      name: 'webhook ANNOTATIONS_CREATED (bulk lists)',
      method: 'POST',
      path: '/webhook',
      body: {
        action: 'ANNOTATIONS_CREATED',
        annotation: [annotation(2, 102, 'Negative'), annotation(3, 103, 'Neutral')],
        task: [lsTask(102, { text: 'Awful' }), lsTask(103, { text: 'Fine' })],
        project: projectPayload(config),
      },
    },
    {
      era: 'current',
      name: 'webhook ANNOTATIONS_DELETED',
      method: 'POST',
      path: '/webhook',
      body: {
        action: 'ANNOTATIONS_DELETED',
        annotations: [{ id: 3 }],
        project: projectPayload(config),
      },
    },
    {
      era: 'LS 1.4+',
      name: 'webhook ANNOTATION_DELETED',
      method: 'POST',
      path: '/webhook',
      body: {
        action: 'ANNOTATION_DELETED',
        annotation: { id: 2 },
        task: lsTask(102, { text: 'Awful' }),
        project: projectPayload(config),
      },
    },
    {
      era: 'current',
      name: 'webhook TASKS_CREATED',
      method: 'POST',
      path: '/webhook',
      body: {
        action: 'TASKS_CREATED',
        tasks: [lsTask(105, { text: 'new' })],
        project: projectPayload(config),
      },
    },
    {
      era: 'current',
      name: 'webhook TASKS_DELETED',
      method: 'POST',
      path: '/webhook',
      body: { action: 'TASKS_DELETED', tasks: [{ id: 105 }], project: projectPayload(config) },
    },
    {
      era: 'LS 1.4+',
      name: 'webhook PROJECT_UPDATED',
      method: 'POST',
      path: '/webhook',
      body: { action: 'PROJECT_UPDATED', project: projectPayload(config) },
    },
    {
      era: 'current',
      name: 'webhook START_TRAINING (no annotation)',
      method: 'POST',
      path: '/webhook',
      body: { action: 'START_TRAINING', project: projectPayload(config) },
    },
    {
      era: 'LS 1.0',
      name: 'legacy train (annotations)',
      method: 'POST',
      path: '/train',
      body: {
        annotations: [
          { ...lsTask(101, { text: 'I love it' }), annotations: [annotation(1, 101, 'Positive')] },
        ],
        project: PROJECT,
        label_config: config,
        params: { login: null, password: null },
      },
    },
    {
      era: 'LS 0.9',
      name: 'legacy train (completions)',
      method: 'POST',
      path: '/train',
      body: {
        completions: [
          { id: 101, data: { text: 'I love it' }, completions: [annotation(1, 101, 'Positive')] },
        ],
        project: PROJECT,
        label_config: config,
      },
    },
    { era: 'LS 1.0', name: 'validate', method: 'POST', path: '/validate', body: { config } },
    { era: 'current', name: 'versions', method: 'GET', path: '/versions' },
  ];
}
