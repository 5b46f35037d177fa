// The one place that knows the examples: how to build each backend in-process (offline) and
// which label configs it answers. Adapt this file when the examples' exports change.
import type { Backend } from '@lsml/core';
import { createAsr } from 'asr';
import { dummy } from 'dummy';
import { createGpt2Chat } from 'gpt2_chat';
import { createImageClassifier } from 'image_classifier';
import { createObjectDetector } from 'object_detector';
import { createTextClassifierBackend } from 'simple_text_classifier';
import * as configs from './label-configs.js';
import type { EditorConfig } from './label-configs.js';
import { offlineModel } from './offline-models.js';
import {
  colourAnnotations,
  dialogueAnnotations,
  sentimentAnnotations,
  topicAnnotations,
  type TrainingAnnotation,
} from './training-sets.js';

export interface EditorCase {
  config: EditorConfig;
  /** What the case adds to the config's title (e.g. how it was trained). */
  note?: string;
  train?: () => Promise<TrainingAnnotation[]> | TrainingAnnotation[];
}

export interface ExampleGlue {
  /** The example's package name. */
  name: string;
  start(): Promise<{ backend: Backend<never>; stop?: () => Promise<void> }>;
  cases: EditorCase[];
}

// The suite serves a backend and never reads its model, so the model type does not matter here.
const asBackend = <M>(backend: Backend<M>) => backend as unknown as Backend<never>;

export const EXAMPLES: ExampleGlue[] = [
  {
    name: 'dummy',
    start: () => Promise.resolve({ backend: asBackend(dummy) }),
    cases: [
      configs.CHOICES_SINGLE,
      configs.CHOICES_MULTIPLE,
      configs.CHOICES_ALIASED,
      configs.CHOICES_IMAGE,
      configs.TAXONOMY,
      configs.LABELS_TEXT,
      configs.RELATIONS,
      configs.HYPERTEXT_LABELS,
      configs.PARAGRAPH_LABELS,
      configs.LABELS_AUDIO,
      configs.LABELS_AUDIOPLUS,
      configs.TIMESERIES_LABELS,
      configs.VIDEO_LABELS,
      configs.RECTANGLE_LABELS,
      configs.RECTANGLE_PLUS_LABELS,
      configs.POLYGON_LABELS,
      configs.KEYPOINT_LABELS,
      configs.ELLIPSE_LABELS,
      configs.BRUSH_LABELS,
      configs.PER_REGION_CHOICES,
      configs.PER_REGION_TEXTAREA,
      configs.PER_REGION_RATING,
      configs.RATING,
      configs.NUMBER,
      configs.DATETIME,
      configs.TEXTAREA_TEXT,
      configs.TEXTAREA_AUDIO,
      configs.TEXTAREA_PARAGRAPHS,
      configs.PAIRWISE,
      configs.RANKER,
    ].map((config) => ({ config })),
  },
  {
    name: 'simple_text_classifier',
    start: () => Promise.resolve({ backend: asBackend(createTextClassifierBackend()) }),
    cases: [
      { config: configs.CHOICES_SINGLE, train: () => sentimentAnnotations('Positive', 'Negative') },
      { config: configs.CHOICES_MULTIPLE, train: topicAnnotations },
      {
        config: configs.CHOICES_HYPERTEXT,
        train: () => sentimentAnnotations('Positive', 'Negative'),
      },
      {
        config: configs.CHOICES_ALIASED,
        note: 'trained through /webhook on the aliases the editor saves',
        train: () => sentimentAnnotations('pos', 'neg'),
      },
    ],
  },
  {
    name: 'image_classifier',
    async start() {
      const model = await offlineModel('vit-features');
      const backend = createImageClassifier({ env: model.env });
      return { backend: asBackend(backend), stop: model.remove };
    },
    cases: [
      { config: configs.CHOICES_IMAGE, train: () => colourAnnotations('Red', 'Blue') },
      {
        config: configs.CHOICES_IMAGE_ALIASED,
        note: 'trained through /webhook on the aliases the editor saves',
        train: () => colourAnnotations('red', 'blue'),
      },
    ],
  },
  {
    name: 'object_detector',
    async start() {
      const model = await offlineModel('detr');
      const backend = createObjectDetector({ env: model.env });
      return { backend: asBackend(backend), stop: model.remove };
    },
    cases: [{ config: configs.DETECTOR_BOXES }, { config: configs.DETECTOR_ALIASED }],
  },
  {
    name: 'gpt2_chat',
    async start() {
      const model = await offlineModel('gpt2');
      const env = { ...model.env, NUM_RESPONSES: '2', MAX_NEW_TOKENS: '12', SEED: '7' };
      return { backend: asBackend(createGpt2Chat({ env })), stop: model.remove };
    },
    // TextArea has no labels, so there is no aliased case: the answer is free text.
    cases: [
      { config: configs.TEXTAREA_PARAGRAPHS },
      { config: configs.TEXTAREA_DIALOGUE_TEXT },
      {
        config: configs.TEXTAREA_PARAGRAPHS,
        note: 'after learning accepted responses through /webhook',
        train: dialogueAnnotations,
      },
    ],
  },
  {
    name: 'asr',
    async start() {
      const model = await offlineModel('whisper');
      return { backend: asBackend(createAsr({ env: model.env })), stop: model.remove };
    },
    // asr does not learn: the aliased case checks the segments' label keys in predictions.
    cases: [
      { config: configs.TEXTAREA_AUDIO },
      { config: configs.TEXTAREA_AUDIOPLUS },
      { config: configs.AUDIO_SEGMENTS },
      { config: configs.AUDIO_SEGMENTS_ALIASED },
    ],
  },
];
