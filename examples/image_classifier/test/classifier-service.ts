import type { JobInfo, Prediction } from '@lsml/core';
import { serveInProcess } from '@lsml/testing';
import { useTinyModel } from '@lsml/testing/tiny-models';
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

/** A `choices` answer as the editor saves it, naming the choice by `label` (a value or an alias). */
export const answered = (label: string) => [
  { from_name: 'colour', to_name: 'image', type: 'choices', value: { choices: [label] } },
];

/** A task of `kind` annotated with `label` (default: the kind's name). */
export async function labeledTask(kind: Kind, seed: number, label: string = kind) {
  return {
    id: seed,
    data: { image: await kindImage(kind, seed) },
    annotations: [{ id: seed, result: answered(label) }],
  };
}

/** The image classifier served in-process on the tiny ViT, offline, over `modelDir`. */
export async function classifierService(
  options: { vars?: Record<string, string>; modelDir?: string; config?: string } = {},
) {
  const model = await useTinyModel('vit-features', options.vars);
  const config = options.config ?? CONFIG;
  const service = serveInProcess(createImageClassifier({ env: model.env }), {
    ...(options.modelDir === undefined ? {} : { modelDir: options.modelDir }),
  });
  return {
    ...service,
    async predict(tasks: unknown[], project = '7') {
      const response = await service.request<{ results: Prediction[] }>('/predict', {
        tasks,
        label_config: config,
        project,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.results;
    },
    /** Trains through the legacy /train route (the whole training set at once) and waits. */
    async train(tasks: unknown[], project = '7'): Promise<JobInfo> {
      const response = await service.request<{ job: string }>('/train', {
        annotations: tasks,
        label_config: config,
        project,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      await service.trainer.idle();
      const info = await service.trainer.job(response.body.job);
      if (!info) throw new Error(`job ${response.body.job} vanished`);
      return info;
    },
    async cleanup() {
      await service.close();
      await model.remove();
    },
  };
}

export const choiceOf = (prediction: Prediction | undefined) =>
  (prediction?.result[0]?.value.choices as string[] | undefined)?.[0];
