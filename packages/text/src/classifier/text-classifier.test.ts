import { describe, expect, it } from 'vitest';
import { TextClassifier, type LabeledText } from './text-classifier.js';

const reviews: LabeledText[] = [
  { text: 'great movie, loved the acting', labels: ['Positive'] },
  { text: 'wonderful and great fun', labels: ['Positive'] },
  { text: 'loved it, wonderful story', labels: ['Positive'] },
  { text: 'terrible plot, hated the acting', labels: ['Negative'] },
  { text: 'boring and terrible', labels: ['Negative'] },
  { text: 'hated it, boring story', labels: ['Negative'] },
];
const labels = ['Positive', 'Negative', 'Neutral'];

describe('TextClassifier', () => {
  it('learns labels in config order and leaves out labels without examples', () => {
    const model = TextClassifier.train(reviews, labels, { mode: 'single' });
    expect(model.labels).toEqual(['Positive', 'Negative']);
    const [positive = 0, negative = 0] = model.predictProba(['a great, wonderful film']);
    expect(positive).toBeGreaterThan(negative);
    expect(positive + negative).toBeCloseTo(1, 12);
  });

  it('needs examples of two labels', () => {
    const onlyPositive = reviews.filter((r) => r.labels[0] === 'Positive');
    expect(() => TextClassifier.train(onlyPositive, labels, { mode: 'single' })).toThrow(
      /at least two labels/,
    );
    // Labels outside the candidates do not count.
    const relabeled = reviews.map((r) => ({ ...r, labels: ['Other'] }));
    expect(() => TextClassifier.train(relabeled, labels, { mode: 'single' })).toThrow(RangeError);
  });

  it('serializes to a compact file and predicts the same after loading', () => {
    for (const mode of ['single', 'multiple'] as const) {
      const model = TextClassifier.train(reviews, labels, { mode, tfidf: { ngramRange: [1, 3] } });
      const bytes = model.serialize();
      const loaded = TextClassifier.deserialize(bytes);
      expect(loaded.mode).toBe(mode);
      expect(loaded.labels).toEqual(model.labels);
      expect(loaded.featureCount).toBe(model.featureCount);
      const texts = ['great acting but a boring story', 'unseen words only'];
      const expected = model.predictProba(texts);
      loaded.predictProba(texts).forEach((p, i) => {
        expect(p).toBeCloseTo(expected[i]!, 5);
      });
    }
  });

  it('classifies several labels per text in multiple mode', () => {
    const tagged: LabeledText[] = [
      { text: 'football match tonight', labels: ['Sports'] },
      { text: 'election debate tonight', labels: ['Politics'] },
      { text: 'the president went to the football match', labels: ['Sports', 'Politics'] },
      { text: 'cooking pasta at home', labels: [] },
      { text: 'the football cup final', labels: ['Sports'] },
      { text: 'parliament election results', labels: ['Politics'] },
    ];
    const model = TextClassifier.train(tagged, ['Sports', 'Politics', 'Weather'], {
      mode: 'multiple',
      classifier: { c: 100 },
    });
    expect(model.labels).toEqual(['Sports', 'Politics', 'Weather']);
    const [sports = 0, politics = 0, weather = 1] = model.predictProba([
      'football fans and the election',
    ]);
    expect(sports).toBeGreaterThan(0.5);
    expect(politics).toBeGreaterThan(0.5);
    expect(weather).toBe(0);
  });

  it('rejects a file of another format', () => {
    expect(() => TextClassifier.deserialize(new Uint8Array(16))).toThrow();
  });
});
