import { imageDataUri, syntheticImage } from '@lsml/transformers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boxOf, CONFIG, detectorService, expectValidRectangles } from './detector-service.js';

const labelsOf = (prediction: { result: { value: Record<string, unknown> }[] }) =>
  prediction.result.map((r) => (r.value.rectanglelabels as string[])[0]);

describe('object_detector /predict', () => {
  let ctx: Awaited<ReturnType<typeof detectorService>>;
  beforeAll(async () => {
    ctx = await detectorService();
  });
  afterAll(() => ctx.cleanup());

  it('predicts RectangleLabels from PNG and JPEG bytes, mapped to the config labels', async () => {
    const png = await syntheticImage([200, 120, 40], { width: 64, height: 48, format: 'png' });
    const jpeg = await syntheticImage([40, 60, 220], { width: 80, height: 60, format: 'jpeg' });
    const [fromPng, fromJpeg] = await ctx.predict([
      { id: 1, data: { image: imageDataUri(png, 'png') } },
      { id: 2, data: { image: imageDataUri(jpeg, 'jpeg') } },
    ]);
    // cat by name, dog through predicted_values, person case-insensitively; car is unmapped.
    expect(labelsOf(fromPng!)).toEqual(['Cat', 'Pet dog', 'PERSON']);
    expect(labelsOf(fromJpeg!)).toEqual(['Cat', 'Pet dog', 'PERSON']);
    expectValidRectangles(fromPng!, { width: 64, height: 48 });
    expectValidRectangles(fromJpeg!, { width: 80, height: 60 });
    // The cat is centred at (25%, 25%) with a 30% box.
    const cat = boxOf(fromPng!.result[0]!);
    expect(cat.x + cat.width / 2).toBeCloseTo(25, -1);
    expect(cat.y + cat.height / 2).toBeCloseTo(25, -1);
    // Task score = the best box's score.
    expect(fromPng!.score).toBe(Math.max(...fromPng!.result.map((r) => r.score ?? 0)));
    expect(fromPng!.score).toBeGreaterThan(0.99);
  });

  it('clamps boxes that cross the image edge to 0–100%', async () => {
    const config = `<View><Image name="image" value="$image"/>
      <RectangleLabels name="label" toName="image"><Label value="car"/></RectangleLabels></View>`;
    const png = await syntheticImage([90, 200, 90], { width: 40, height: 30 });
    const [prediction] = await ctx.predict([{ id: 3, data: { image: imageDataUri(png) } }], {
      label_config: config,
    });
    expect(labelsOf(prediction!)).toEqual(['car']);
    const box = boxOf(prediction!.result[0]!);
    expect(box.x + box.width).toBeCloseTo(100, 6);
    expectValidRectangles(prediction!, { width: 40, height: 30 }, ['car']);
  });

  it('predicts label keys: the alias of an aliased label, matched by value, alias or predicted_values', async () => {
    const aliased = `<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image">
      <Label value="Cat" alias="kitty"/><Label value="Pet dog" alias="doggo" predicted_values="dog"/>
      <Label value="Human" alias="person"/></RectangleLabels></View>`;
    const png = await syntheticImage([200, 120, 40], { width: 64, height: 48 });
    const [prediction] = await ctx.predict([{ id: 4, data: { image: imageDataUri(png) } }], {
      label_config: aliased,
    });
    expect(labelsOf(prediction!)).toEqual(['kitty', 'doggo', 'person']);
    expectValidRectangles(prediction!, { width: 64, height: 48 }, ['kitty', 'doggo', 'person']);
  });

  it('batches a 16-task request and answers each task as it would alone', async () => {
    const tasks = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => ({
        id: 100 + i,
        data: {
          image: imageDataUri(
            await syntheticImage([i * 15, 255 - i * 15, 128], {
              width: 30 + i,
              height: 20 + 2 * i,
              seed: i,
            }),
          ),
        },
      })),
    );
    const together = await ctx.predict(tasks);
    expect(together).toHaveLength(16);
    const alone = await ctx.predict([tasks[7]]);
    expect(together[7]!.result).toHaveLength(alone[0]!.result.length);
    together[7]!.result.forEach((region, i) => {
      const single = alone[0]!.result[i]!;
      expect(region.value.rectanglelabels).toEqual(single.value.rectanglelabels);
      for (const key of ['x', 'y', 'width', 'height'])
        expect(region.value[key] as number).toBeCloseTo(single.value[key] as number, 4);
    });
  });

  it('names the task whose image is broken', async () => {
    const response = await ctx.request<{ error: string; code: string }>('/predict', {
      tasks: [{ id: 41, data: { image: imageDataUri(Buffer.from('this is not an image')) } }],
      label_config: CONFIG,
      project: '1',
    });
    expect(response.status).toBe(422);
    const body = response.body;
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.error).toMatch(/^Task 41: data.image is not a readable image/);
  });

  it('leaves a broken image in a batch without a prediction, the others answered', async () => {
    const good = imageDataUri(await syntheticImage([10, 200, 10]));
    const results = await ctx.predict([
      { id: 51, data: { image: good } },
      { id: 52, data: { image: imageDataUri(Buffer.from('broken')) } },
      { id: 53, data: { image: good } },
    ]);
    expect(results.map((r) => r.result.length)).toEqual([3, 0, 3]);
  });

  it('refuses a config without RectangleLabels on an Image at /setup', async () => {
    const response = await ctx.request<{ error: string }>('/setup', {
      project: '2',
      schema:
        '<View><Text name="t" value="$text"/><Choices name="c" toName="t"><Choice value="A"/></Choices></View>',
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toContain('<RectangleLabels>');
  });
});

describe('object_detector SCORE_THRESHOLD', () => {
  it('drops boxes below the threshold', async () => {
    const ctx = await detectorService({ SCORE_THRESHOLD: '0.999' });
    try {
      const png = await syntheticImage([128, 128, 128]);
      const [prediction] = await ctx.predict([{ id: 1, data: { image: imageDataUri(png) } }]);
      expect(labelsOf(prediction!)).toEqual(['Cat']);
    } finally {
      await ctx.cleanup();
    }
  });
});
