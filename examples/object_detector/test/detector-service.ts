import type { Prediction } from '@lsml/core';
import { serveInProcess } from '@lsml/testing';
import { useTinyModel } from '@lsml/testing/tiny-models';
import { expect } from 'vitest';
import { createObjectDetector } from '../src/model.js';

export const CONFIG = `<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="label" toName="image">
    <Label value="Cat"/>
    <Label value="Pet dog" predicted_values="dog"/>
    <Label value="PERSON"/>
  </RectangleLabels>
</View>`;

/**
 * The object detector served in-process on the tiny DETR (cat, dog, person, car at fixed
 * boxes), fully offline: any network access fails the test.
 */
export async function detectorService(vars: Record<string, string> = {}) {
  const model = await useTinyModel('detr', vars);
  const service = serveInProcess(createObjectDetector({ env: model.env }));
  return {
    ...service,
    async predict(tasks: unknown[], extra: Record<string, unknown> = {}) {
      const response = await service.request<{ results: Prediction[] }>('/predict', {
        tasks,
        label_config: CONFIG,
        project: '1.1700000000',
        ...extra,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.results;
    },
    async cleanup() {
      await service.close();
      await model.remove();
    },
  };
}

/** A rectangle region's value. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  rectanglelabels: string[];
}

export const boxOf = (region: { value: Record<string, unknown> }): Box =>
  region.value as unknown as Box;

/** Asserts a prediction holds only well-formed RectangleLabels regions for CONFIG. */
export function expectValidRectangles(
  prediction: Prediction,
  image: { width: number; height: number },
  labels: readonly string[] = ['Cat', 'Pet dog', 'PERSON'],
): void {
  for (const region of prediction.result) {
    expect(region).toMatchObject({
      from_name: 'label',
      to_name: 'image',
      type: 'rectanglelabels',
      original_width: image.width,
      original_height: image.height,
    });
    const { x, y, width, height, rectanglelabels } = boxOf(region);
    expect(rectanglelabels).toHaveLength(1);
    expect(labels).toContain(rectanglelabels[0]);
    for (const v of [x, y, width, height]) expect(v).toBeGreaterThanOrEqual(0);
    expect(x + width).toBeLessThanOrEqual(100);
    expect(y + height).toBeLessThanOrEqual(100);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(region.score).toBeGreaterThan(0);
    expect(region.score).toBeLessThanOrEqual(1);
  }
}
