import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env as transformersEnv, LogLevel } from '@huggingface/transformers';
import { createLogger, createService, type JobInfo, type Prediction } from '@lsml/core';
import { ensureTinyModels } from '@lsml/tiny-models';
import { imageDataUri, syntheticImage, type Rgb } from '@lsml/transformers/testing';
import { expect } from 'vitest';
import { createImageClassifier } from '../src/model.js';

export const CONFIG = `<View>
  <Image name="image" value="$image"/>
  <Choices name="colour" toName="image">
    <Choice value="Red"/>
    <Choice value="Blue"/>
    <Choice value="Green"/>
  </Choices>
</View>`;

export type Kind = 'Red' | 'Blue';

/** A deterministic pseudo-random number in [0, 1) for `seed`. */
function unit(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

/**
 * A mostly-red or mostly-blue image: the dominant channel 160–250, the others 0–90, with
 * per-pixel noise, a random size, PNG or JPEG. No two are alike.
 */
export async function kindImage(kind: Kind, seed: number) {
  const strong = 160 + unit(seed) * 90;
  const weak = () => unit(seed * 7 + 1) * 90;
  const colour: Rgb =
    kind === 'Red' ? [strong, weak(), unit(seed * 3) * 90] : [weak(), unit(seed * 3) * 90, strong];
  const format = seed % 2 === 0 ? 'png' : 'jpeg';
  const bytes = await syntheticImage(colour, {
    width: 24 + Math.floor(unit(seed * 5) * 40),
    height: 24 + Math.floor(unit(seed * 11) * 40),
    seed,
    format,
  });
  return imageDataUri(bytes, format);
}

export async function labeledTask(kind: Kind, seed: number) {
  return {
    id: seed,
    data: { image: await kindImage(kind, seed) },
    annotations: [
      {
        id: seed,
        result: [
          { from_name: 'colour', to_name: 'image', type: 'choices', value: { choices: [kind] } },
        ],
      },
    ],
  };
}

/** The image classifier served in-process on the tiny ViT, offline, over `modelDir`. */
export async function classifierService(
  options: { vars?: Record<string, string>; modelDir?: string } = {},
) {
  const { modelsDir } = await ensureTinyModels(undefined, { kinds: ['vit-features'] });
  const scratch = await mkdtemp(join(tmpdir(), 'image-classifier-'));
  transformersEnv.logLevel = LogLevel.ERROR;
  transformersEnv.fetch = () => {
    throw new Error('tests must not touch the network');
  };
  const log = createLogger('silent');
  const classifier = createImageClassifier({
    env: {
      LSML_MODELS_DIR: modelsDir,
      MODEL_ID: 'vit-features',
      LSML_OFFLINE: '1',
      LSML_ORT_THREADS: '1',
      LSML_CACHE_DIR: join(scratch, 'cache'),
      ...options.vars,
    },
    log,
  });
  const modelDir = options.modelDir ?? join(scratch, 'models');
  const service = createService(classifier.backend, { modelDir, logger: log });
  const post = (path: string, body: unknown) =>
    service.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return {
    ...classifier,
    service,
    modelDir,
    post,
    async predict(tasks: unknown[], project = '7') {
      const response = await post('/predict', { tasks, label_config: CONFIG, project });
      expect(response.status, await response.clone().text()).toBe(200);
      return ((await response.json()) as { results: Prediction[] }).results;
    },
    /** Trains through the legacy /train route (the whole training set at once) and waits. */
    async train(tasks: unknown[], project = '7'): Promise<JobInfo> {
      const response = await post('/train', { annotations: tasks, label_config: CONFIG, project });
      expect(response.status, await response.clone().text()).toBe(201);
      const { job } = (await response.json()) as { job: string };
      await service.trainer.idle();
      const info = await service.trainer.job(job);
      if (!info) throw new Error(`job ${job} vanished`);
      return info;
    },
    async cleanup() {
      await service.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

export const choiceOf = (prediction: Prediction | undefined) =>
  (prediction?.result[0]?.value.choices as string[] | undefined)?.[0];
