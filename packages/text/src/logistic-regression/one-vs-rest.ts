import {
  SoftmaxRegression,
  type LogisticRegressionOptions,
  type SoftmaxState,
} from './softmax-regression.js';
import type { CsrMatrix } from '../sparse/sparse-matrix.js';

/** Per label: a binary model, or a constant probability when training saw one side only. */
export type BinaryLabelState = { weights: SoftmaxState } | { constant: number };

/**
 * Multi-label classification as one binary logistic regression per label (one-vs-rest):
 * each label's probability is independent of the others'.
 */
export class OneVsRest {
  private constructor(private readonly perLabel: readonly (SoftmaxRegression | number)[]) {}

  /** `targets[row]` lists the label indices (`0 .. labelCount-1`) present on that row. */
  static fit(
    x: CsrMatrix,
    targets: readonly (readonly number[])[],
    labelCount: number,
    options: Partial<LogisticRegressionOptions> = {},
  ): OneVsRest {
    const perLabel: (SoftmaxRegression | number)[] = [];
    for (let label = 0; label < labelCount; label++) {
      // Binary classes: 0 = label present, 1 = absent (the pinned class).
      const classes = Int32Array.from(targets, (present) => (present.includes(label) ? 0 : 1));
      const positives = classes.filter((c) => c === 0).length;
      if (positives === 0 || positives === classes.length) {
        perLabel.push(positives === 0 ? 0 : 1);
        continue;
      }
      perLabel.push(SoftmaxRegression.fit(x, classes, 2, options).model);
    }
    return new OneVsRest(perLabel);
  }

  static fromState(states: readonly BinaryLabelState[]): OneVsRest {
    return new OneVsRest(
      states.map((state) =>
        'constant' in state ? state.constant : SoftmaxRegression.fromState(state.weights),
      ),
    );
  }

  toState(): BinaryLabelState[] {
    return this.perLabel.map((model) =>
      typeof model === 'number' ? { constant: model } : { weights: model.toState() },
    );
  }

  get labelCount(): number {
    return this.perLabel.length;
  }

  /** Probability that each label applies, row-major: `result[row * labelCount + label]`. */
  predictProba(x: CsrMatrix): Float64Array {
    const labelCount = this.perLabel.length;
    const probabilities = new Float64Array(x.rows * labelCount);
    this.perLabel.forEach((model, label) => {
      const present = typeof model === 'number' ? null : model.predictProba(x);
      for (let row = 0; row < x.rows; row++) {
        probabilities[row * labelCount + label] =
          present === null ? (model as number) : (present[row * 2] as number);
      }
    });
    return probabilities;
  }
}
