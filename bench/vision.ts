/**
 * `pnpm bench:vision`: images/s of the object_detector and image_classifier examples on the
 * tiny models (so the numbers show lsml's overhead, not a real network's cost), at 1 and 16
 * tasks per /predict, through the in-process HTTP app. Each line splits the time into the
 * model (transformers.js preprocessing + ONNX Runtime, measured inside the inference queues:
 * `inferenceTotals`, as the examples run one after the other) and the rest (HTTP, JSON, data-URI and image decoding, result mapping).
 * Env: BENCH_IMAGES (images per measurement, default 192), BENCH_SIZE (default 320x240).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createService, type Backend } from '../packages/core/src/index.js';
import { inferenceTotals } from '../packages/transformers/src/index.js';
import { imageDataUri, syntheticImage } from '../packages/transformers/src/testing/index.js';
import { ensureTinyModels } from '../tools/tiny-models/src/index.js';
import { createImageClassifier } from '../examples/image_classifier/src/model.js';
import { createObjectDetector } from '../examples/object_detector/src/model.js';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 192);
const [WIDTH, HEIGHT] = (process.env.BENCH_SIZE ?? '320x240').split('x').map(Number) as [
  number,
  number,
];
const BATCHES = [1, 16];

const DETECTOR_CONFIG = `<View><Image name="image" value="$image"/>
  <RectangleLabels name="label" toName="image"><Label value="cat"></Label><Label value="dog"></Label><Label value="person"></Label></RectangleLabels></View>`;
const CLASSIFIER_CONFIG = `<View><Image name="image" value="$image"/>
  <Choices name="colour" toName="image"><Choice value="Red"></Choice><Choice value="Blue"></Choice></Choices></View>`;

let nextSeed = 1;
/** Distinct JPEG data URIs (distinct, so the classifier's embedding cache never answers). */
async function images(count: number): Promise<{ image: string; kind: 'Red' | 'Blue' }[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const kind = i % 2 === 0 ? ('Red' as const) : ('Blue' as const);
      const seed = nextSeed++;
      const colour = kind === 'Red' ? ([220, 40, 40] as const) : ([40, 40, 220] as const);
      const bytes = await syntheticImage(colour, {
        width: WIDTH,
        height: HEIGHT,
        seed,
        format: 'jpeg',
      });
      return { image: imageDataUri(bytes, 'jpeg'), kind };
    }),
  );
}

interface Measured {
  name: string;
  backend: Backend<never>;
  config: string;
}

const modelMs = () => inferenceTotals.modelMs;

async function measure(
  app: ReturnType<typeof createService>['app'],
  config: string,
  batch: number,
) {
  const pool = await images(IMAGES);
  const requests = Math.max(1, Math.floor(IMAGES / batch));
  const bodies = Array.from({ length: requests }, (_, r) =>
    JSON.stringify({
      tasks: pool
        .slice(r * batch, (r + 1) * batch)
        .map((p, i) => ({ id: r * batch + i, data: { image: p.image } })),
      label_config: config,
      project: '1',
    }),
  );
  const modelBefore = modelMs();
  const started = performance.now();
  for (const body of bodies) {
    const response = await app.request('/predict', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    if (response.status !== 200)
      throw new Error(`/predict answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  }
  const wall = performance.now() - started;
  const model = modelMs() - modelBefore;
  return {
    imagesPerSecond: (requests * batch * 1000) / wall,
    msPerRequest: wall / requests,
    modelShare: model / wall,
  };
}

async function main(): Promise<void> {
  const { modelsDir } = await ensureTinyModels(undefined, { kinds: ['detr', 'vit-features'] });
  const scratch = await mkdtemp(join(tmpdir(), 'bench-vision-'));
  const log = createLogger('silent');
  const env = (modelId: string) => ({
    LSML_MODELS_DIR: modelsDir,
    MODEL_ID: modelId,
    LSML_OFFLINE: '1',
    LSML_ORT_THREADS: process.env.LSML_ORT_THREADS ?? '1',
    LSML_INFERENCE_BATCH: '16',
    LSML_CACHE_DIR: join(scratch, 'cache'),
  });
  const examples: Measured[] = [
    {
      name: 'object_detector',
      backend: createObjectDetector({ env: env('detr') }) as Backend<never>,
      config: DETECTOR_CONFIG,
    },
    {
      name: 'image_classifier',
      backend: createImageClassifier({ env: env('vit-features') }) as Backend<never>,
      config: CLASSIFIER_CONFIG,
    },
  ];

  console.log(
    `vision bench: tiny models, ${WIDTH}x${HEIGHT} JPEG data URIs, ${IMAGES} images per line, ORT threads ${env('').LSML_ORT_THREADS}`,
  );
  console.log('example            tasks/request   images/s   ms/request   model   rest');
  try {
    for (const example of examples) {
      const service = createService(example.backend, {
        modelDir: join(scratch, example.name),
        logger: log,
      });
      if (example.name === 'image_classifier') {
        // A head must exist, or predict answers cold without touching the model.
        const tasks = (await images(20)).map((p, i) => ({
          id: i,
          data: { image: p.image },
          annotations: [
            {
              result: [
                {
                  from_name: 'colour',
                  to_name: 'image',
                  type: 'choices',
                  value: { choices: [p.kind] },
                },
              ],
            },
          ],
        }));
        await service.app.request('/train', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ annotations: tasks, label_config: example.config, project: '1' }),
        });
        await service.trainer.idle();
      }
      await measure(service.app, example.config, 4); // warm-up: load, JIT
      for (const batch of BATCHES) {
        const r = await measure(service.app, example.config, batch);
        console.log(
          `${example.name.padEnd(18)} ${String(batch).padStart(13)} ${r.imagesPerSecond.toFixed(1).padStart(10)} ${r.msPerRequest.toFixed(1).padStart(12)} ${`${(r.modelShare * 100).toFixed(0)}%`.padStart(7)} ${`${((1 - r.modelShare) * 100).toFixed(0)}%`.padStart(6)}`,
        );
      }
      await service.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
