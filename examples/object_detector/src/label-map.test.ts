import type { ControlTag } from '@lsml/core';
import { describe, expect, it } from 'vitest';
import { LabelMap } from './label-map.js';

const control = (labels: { value: string; predictedValues?: string[] }[]): ControlTag => ({
  tag: 'RectangleLabels',
  type: 'rectanglelabels',
  name: 'label',
  toName: ['image'],
  attrs: {},
  labels: labels.map((l) => ({ value: l.value, predictedValues: l.predictedValues ?? [] })),
});

describe('LabelMap', () => {
  it('maps classes by predicted_values, then by name ignoring case; drops the rest', () => {
    const map = new LabelMap(
      control([{ value: 'Person' }, { value: 'Pet', predictedValues: ['cat', 'Dog'] }]),
    );
    expect(map.labelFor('person')).toBe('Person');
    expect(map.labelFor('PERSON ')).toBe('Person');
    expect(map.labelFor('dog')).toBe('Pet');
    expect(map.labelFor('cat')).toBe('Pet');
    expect(map.labelFor('car')).toBeUndefined();
  });

  it('lets predicted_values win over a label of the same name', () => {
    const map = new LabelMap(
      control([{ value: 'Animal', predictedValues: ['cat'] }, { value: 'Cat' }]),
    );
    expect(map.labelFor('cat')).toBe('Animal');
  });
});
