import type { LabeledText } from '../src/index.js';
import { seededRandom } from './random-sparse.js';

/**
 * `count` texts of `words` words each, labelled `a` and `b` in turn. Most words are drawn
 * from a vocabulary both labels share; one in four from a part only its label uses, so a
 * model can learn them apart. Seeded: the same texts on every run.
 */
export function randomLabeledTexts(count: number, seed: number, words = 60): LabeledText[] {
  const random = seededRandom(seed);
  const shared = 5000;
  const own = 500;
  return Array.from({ length: count }, (_, i) => {
    const label = i % 2 === 0 ? 'a' : 'b';
    const text = Array.from({ length: words }, () =>
      random() < 0.25
        ? `${label}${Math.floor(random() * own)}`
        : `w${Math.floor(random() * shared)}`,
    ).join(' ');
    return { text, labels: [label] };
  });
}
