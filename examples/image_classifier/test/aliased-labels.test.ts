import type { Prediction } from '@lsml/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answered,
  choiceOf,
  classifierService,
  kindImage,
  type Kind,
} from './classifier-service.js';

// The editor saves an aliased choice under its alias: that is the key to learn from and predict.
const ALIASED = `<View>
  <Image name="image" value="$image"/>
  <Choices name="colour" toName="image">
    <Choice value="Reddish" alias="red"/>
    <Choice value="Bluish" alias="blue"/>
  </Choices>
</View>`;
const kinds: Kind[] = ['Red', 'Blue'];
const keyOf = { Red: 'red', Blue: 'blue' } as const;

describe('image_classifier: a config with aliases, annotations through /webhook', () => {
  let ctx: Awaited<ReturnType<typeof classifierService>>;
  beforeAll(async () => {
    ctx = await classifierService({ config: ALIASED });
  });
  afterAll(() => ctx.cleanup());

  it('learns from the alias keys and predicts alias keys', async () => {
    for (let i = 0; i < 12; i += 1) {
      const kind = kinds[i % 2]!;
      // One annotation names its choice by value, as saved before the alias existed.
      const label = i === 0 ? 'Reddish' : keyOf[kind];
      const res = await ctx.request('/webhook', {
        action: 'ANNOTATION_CREATED',
        project: { id: 31, label_config: ALIASED },
        task: { id: 700 + i, data: { image: await kindImage(kind, 700 + i) } },
        annotation: { id: 700 + i, result: answered(label) },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    await ctx.trainer.idle();

    const holdout = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => ({
        kind: kinds[i % 2]!,
        task: { id: 800 + i, data: { image: await kindImage(kinds[i % 2]!, 800 + i) } },
      })),
    );
    const results: Prediction[] = await ctx.predict(
      holdout.map((h) => h.task),
      '31',
    );
    expect(results[0]?.model_version).not.toBe('image_classifier-v0');
    expect(results.map(choiceOf)).toEqual(holdout.map((h) => keyOf[h.kind]));
  });
});
