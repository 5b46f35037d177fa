import { LsmlError } from '@lsml/core';
import { modelSettingsFromEnv, type ModelSettings } from '@lsml/transformers';

/** DETR with a ResNet-50 backbone (COCO's 91 classes): transformers.js's default detector, CPU-friendly. */
export const DEFAULT_MODEL_ID = 'Xenova/detr-resnet-50';

export interface ObjectDetectorSettings {
  model: ModelSettings;
  /** `SCORE_THRESHOLD`: boxes below this score are not predicted. Default 0.5. */
  threshold: number;
  /** `INTERACTIVE_THRESHOLD`: the floor for smart-tool answers, where the annotator points at the object. Default 0.1. */
  interactiveThreshold: number;
}

function probability(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new LsmlError('VALIDATION_FAILED', `${name}="${raw}" must be a number from 0 to 1`);
  return value;
}

export function objectDetectorSettingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): ObjectDetectorSettings {
  return {
    model: modelSettingsFromEnv(DEFAULT_MODEL_ID, env),
    threshold: probability(env, 'SCORE_THRESHOLD', 0.5),
    interactiveThreshold: probability(env, 'INTERACTIVE_THRESHOLD', 0.1),
  };
}
