/**
 * `pnpm bench:label-config`: parse a label config with 5,000 labels (target < 20 ms), cache
 * bypassed, median of 31 runs after warm-up (interleaved with the baseline); against a plain saxes pass over the same text,
 * measured in the same run (the floor any XML-based parser pays).
 */
import { createRequire } from 'node:module';
import { parseLabelConfigUncached } from '../packages/core/src/index.js';

interface SaxPass {
  on(event: 'opentag', handler: (tag: { name: string }) => void): void;
  write(chunk: string): SaxPass;
  close(): SaxPass;
}

// saxes is a dependency of @lsml/core, not of the workspace root: resolve it from there.
const requireFromCore = createRequire(new URL('../packages/core/package.json', import.meta.url));
const { SaxesParser } = requireFromCore('saxes') as {
  SaxesParser: new (options?: object) => SaxPass;
};

const LABELS = 5_000;
const RUNS = 31;
const WARM_UP = 20;
const TARGET_MS = 20;

function bigConfig(labels: number): string {
  const items = Array.from(
    { length: labels },
    (_, i) =>
      `    <Label value="class_${String(i)}" background="#${(i * 2654435761).toString(16).slice(-6).padStart(6, '0')}" predicted_values="c${String(i)},k${String(i)}"/>`,
  );
  return `<View>\n  <Image name="image" value="$image"/>\n  <RectangleLabels name="label" toName="image">\n${items.join('\n')}\n  </RectangleLabels>\n</View>`;
}

/** Medians of interleaved runs, so both parsers see the same machine load and GC state. */
function measure(...runs: (() => void)[]): { median: number; best: number }[] {
  for (let i = 0; i < WARM_UP; i++) for (const run of runs) run();
  const times = runs.map((): number[] => []);
  for (let i = 0; i < RUNS; i++)
    runs.forEach((run, r) => {
      const started = performance.now();
      run();
      times[r]?.push(performance.now() - started);
    });
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return { median: t[Math.floor(t.length / 2)] ?? Number.NaN, best: t[0] ?? Number.NaN };
  });
}

const config = bigConfig(LABELS);
let parsedLabels = 0;
let tags = 0;
const lsmlRun = () => {
  parsedLabels = parseLabelConfigUncached(config).control('label')?.labels.length ?? 0;
};
const saxesRun = () => {
  tags = 0;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', () => {
    tags++;
  });
  parser.write(config).close();
};
const [lsml, saxes] = measure(lsmlRun, saxesRun);
if (!lsml || !saxes) throw new Error('no timings');
if (parsedLabels !== LABELS || tags !== LABELS + 3)
  throw new Error('the bench parsed the wrong thing');

const ms = (v: number) => `${v.toFixed(2)} ms`;
console.log(
  `label config with ${String(LABELS)} labels (${(config.length / 1024).toFixed(0)} KiB), ${String(RUNS)} interleaved runs:`,
);
console.log(
  `  parseLabelConfig (uncached): median ${ms(lsml.median)}, best ${ms(lsml.best)}  (target < ${String(TARGET_MS)} ms: ${lsml.median < TARGET_MS ? 'met' : 'MISSED'})`,
);
console.log(`  plain saxes pass (baseline): median ${ms(saxes.median)}, best ${ms(saxes.best)}`);
console.log(`  ratio lsml / saxes (medians): ${(lsml.median / saxes.median).toFixed(2)}x`);
