import {
  pipeline,
  type AllTasks,
  type DataType,
  type PipelineType,
} from '@huggingface/transformers';
import { LsmlError, type Logger } from '@lsml/core';
import { configureTransformers, sessionOptions } from './configure-transformers.js';
import type { ModelSettings } from './model-settings.js';
import { progressLogger } from './progress-log.js';
import { resolveModelSource, type ModelSource } from './resolve-model-source.js';

/** One load per task and model source per process, shared by every caller. */
const loads = new Map<string, Promise<unknown>>();

/**
 * Loads the pipeline for `task` once per process (callers share one promise). A model that is
 * missing, cannot be downloaded or does not load becomes `LsmlError('MODEL_UNAVAILABLE')` with
 * the model id, where it was looked for, and the env var that fixes it. A failed load is
 * forgotten, so the next call tries again (e.g. after a network blip).
 *
 * @example
 * const detector = await loadPipeline('object-detection', modelSettingsFromEnv('Xenova/detr-resnet-50'), log);
 */
export function loadPipeline<T extends PipelineType>(
  task: T,
  settings: ModelSettings,
  log: Logger,
): Promise<AllTasks[T]> {
  configureTransformers(settings);
  const source = resolveModelSource(settings);
  const model = source.kind === 'local' ? source.path : source.modelId;
  const key = `${task}\0${model}\0${settings.dtype ?? ''}`;
  let load = loads.get(key) as Promise<AllTasks[T]> | undefined;
  if (!load) {
    load = startLoad(task, model, source, settings, log);
    loads.set(key, load);
    load.catch(() => loads.delete(key));
  }
  return load;
}

async function startLoad<T extends PipelineType>(
  task: T,
  model: string,
  source: ModelSource,
  settings: ModelSettings,
  log: Logger,
): Promise<AllTasks[T]> {
  const where =
    source.kind === 'local' ? source.path : `the Hugging Face hub (cache ${source.cacheDir})`;
  log.info(
    { task, model: settings.modelId, from: where },
    `loading ${task} model ${settings.modelId} from ${where}`,
  );
  const started = Date.now();
  const session = sessionOptions(settings);
  try {
    const loaded = await pipeline(task, model, {
      progress_callback: progressLogger(log, settings.modelId),
      ...(settings.dtype ? { dtype: settings.dtype as DataType } : {}),
      ...(session ? { session_options: session } : {}),
    });
    log.info({ task, model: settings.modelId, ms: Date.now() - started }, 'model loaded');
    return loaded;
  } catch (error) {
    throw describeLoadFailure(error, task, source, settings);
  }
}

function describeLoadFailure(
  error: unknown,
  task: string,
  source: ModelSource,
  settings: ModelSettings,
): LsmlError {
  const reason = error instanceof Error ? error.message : String(error);
  const details = { model: settings.modelId, task };
  if (source.kind === 'hub' && isNetworkFailure(error)) {
    return new LsmlError(
      'MODEL_UNAVAILABLE',
      `Could not download model "${settings.modelId}" from the Hugging Face hub (${reason}). ` +
        `Check the network, or put the model folder at LSML_MODELS_DIR/${settings.modelId} and set LSML_OFFLINE=1.`,
      { cause: error, details },
    );
  }
  const where =
    source.kind === 'local' ? `folder ${source.path}` : `hub id (cache ${source.cacheDir})`;
  return new LsmlError(
    'MODEL_UNAVAILABLE',
    `Model "${settings.modelId}" (${where}) could not be loaded for ${task}: ${reason}. ` +
      'Set MODEL_ID to a model made for this task (ONNX weights in onnx/, as the Xenova and onnx-community exports have).',
    { cause: error, details },
  );
}

function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && /fetch failed/i.test(error.message);
}
