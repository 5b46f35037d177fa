import { imageDataUri, syntheticImage } from '@lsml/transformers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectorService, expectValidRectangles } from './detector-service.js';

/** Label Studio's smart-tool context: the rectangle the annotator drew, in percent. */
function drawn(x: number, y: number, width: number, height: number, label?: string) {
  return {
    annotation_id: null,
    draft_id: 0,
    user_id: 1,
    result: [
      {
        id: 'user1',
        from_name: 'label',
        to_name: 'image',
        type: label ? 'rectanglelabels' : 'rectangle',
        original_width: 64,
        original_height: 48,
        value: { x, y, width, height, rotation: 0, ...(label ? { rectanglelabels: [label] } : {}) },
      },
    ],
  };
}

describe('object_detector interactive pre-annotation', () => {
  let ctx: Awaited<ReturnType<typeof detectorService>>;
  let task: { id: number; data: { image: string } };
  beforeAll(async () => {
    ctx = await detectorService();
    task = {
      id: 9,
      data: { image: imageDataUri(await syntheticImage([150, 90, 60], { width: 64, height: 48 })) },
    };
  });
  afterAll(() => ctx.cleanup());

  const ask = async (context: unknown) => (await ctx.predict([task], { params: { context } }))[0]!;

  it('returns the detection under a rectangle drawn around it', async () => {
    // The dog is centred at (75%, 30%), 30% × 40%.
    const prediction = await ask(drawn(58, 8, 34, 44));
    expect(prediction.result).toHaveLength(1);
    expect(prediction.result[0]!.value.rectanglelabels).toEqual(['Pet dog']);
    expect(prediction.score).toBeGreaterThan(0.9);
    expectValidRectangles(prediction, { width: 64, height: 48 });
  });

  it('returns nothing where there is no detection', async () => {
    const prediction = await ask(drawn(0, 0, 5, 5));
    expect(prediction).toMatchObject({ result: [], score: 0 });
  });

  it('keeps to the label the annotator picked', async () => {
    // A rectangle over the whole image overlaps everything; the chosen label decides.
    const prediction = await ask(drawn(0, 0, 100, 100, 'PERSON'));
    expect(prediction.result.map((r) => r.value.rectanglelabels)).toEqual([['PERSON']]);
  });

  it('keeps to an aliased label the annotator picked, by the key the editor sends', async () => {
    const aliased = `<View><Image name="image" value="$image"/>
      <RectangleLabels name="label" toName="image" smart="true"><Label value="Cat"/>
      <Label value="Human" alias="human" predicted_values="person"/></RectangleLabels></View>`;
    const [prediction] = await ctx.predict([task], {
      label_config: aliased,
      params: { context: drawn(0, 0, 100, 100, 'human') },
    });
    expect(prediction!.result.map((r) => r.value.rectanglelabels)).toEqual([['human']]);
  });

  it('answers a context without a rectangle with no result', async () => {
    const prediction = await ask({
      result: [
        { from_name: 'label', to_name: 'image', type: 'keypointlabels', value: { x: 1, y: 1 } },
      ],
    });
    expect(prediction.result).toEqual([]);
  });
});
