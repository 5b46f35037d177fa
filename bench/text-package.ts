/**
 * `pnpm bench:text-package`: @lsml/text's `TextClassifier` alone on the SpamAssassin corpus,
 * against scikit-learn's reference pipeline and natural's classifiers in the same run (see
 * text-bench.ts for the targets). `pnpm bench:text` adds the example over HTTP.
 *
 * Flags: --no-sklearn, --no-natural, --no-variants (skip those parts).
 */
import { runTextBench } from './text-bench.js';

await runTextBench({ subject: '@lsml/text TextClassifier' });
