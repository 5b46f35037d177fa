import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, LogLevel } from '@huggingface/transformers';
import { ensureTinyModels, generateTinyModel } from '@lsml/tiny-models';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LsmlError } from '@lsml/core';
import { loadPipeline } from './load-pipeline.js';
import { modelSettingsFromEnv } from './model-settings.js';
import { decodeImage } from './decode-image.js';
import { syntheticImage } from './testing/index.js';

const log = pino({ level: 'silent' });

describe('loadPipeline', () => {
  let modelsDir: string;
  let scratch: string;

  beforeAll(async () => {
    ({ modelsDir } = await ensureTinyModels(undefined, { kinds: ['detr', 'vit-features'] }));
    scratch = await mkdtemp(join(tmpdir(), 'lsml-transformers-'));
    env.logLevel = LogLevel.ERROR;
    env.fetch = () => {
      throw new Error('tests must not touch the network');
    };
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  const settings = (vars: Record<string, string>) =>
    modelSettingsFromEnv('Xenova/detr-resnet-50', {
      LSML_OFFLINE: '1',
      LSML_ORT_THREADS: '1',
      LSML_CACHE_DIR: join(scratch, 'cache'),
      ...vars,
    });

  it('loads a folder from LSML_MODELS_DIR once per process and runs it', async () => {
    const s = settings({ LSML_MODELS_DIR: modelsDir, MODEL_ID: 'detr' });
    const first = loadPipeline('object-detection', s, log);
    expect(loadPipeline('object-detection', s, log)).toBe(first);
    const detector = await first;
    const image = await decodeImage(await syntheticImage([90, 90, 200]));
    const detections = await detector(image, { threshold: 0.5 });
    expect(detections.map((d) => d.label)).toEqual(['cat', 'dog', 'person', 'car']);
  });

  it('prefers the local folder over a stale download cache of the same id', async () => {
    // transformers.js checks its download cache before local folders when given an id.
    const stale = join(scratch, 'cache', 'vit-features');
    await mkdir(stale, { recursive: true });
    await writeFile(join(stale, 'config.json'), '{"model_type": "gpt2"}');
    const s = settings({ LSML_MODELS_DIR: modelsDir, MODEL_ID: 'vit-features' });
    const extractor = await loadPipeline('image-feature-extraction', s, log);
    const image = await decodeImage(await syntheticImage([200, 10, 10]));
    expect((await extractor(image)).dims[0]).toBe(1);
  });

  it('logs one line per model file and one when the model is ready', async () => {
    const dir = await generateTinyModel('detr', join(scratch, 'logged-detr'));
    const lines: { msg: string; file?: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as { msg: string; file?: string });
        done();
      },
    });
    await loadPipeline('object-detection', settings({ MODEL_ID: dir }), pino(sink));
    const files = lines.filter((l) => l.file !== undefined).map((l) => l.file);
    expect(files.sort()).toEqual(['config.json', 'onnx/model.onnx', 'preprocessor_config.json']);
    expect(lines.map((l) => l.msg)).toContain(`model ${dir} ready for object-detection`);
  });

  it('explains a hub download that fails', async () => {
    const offlineFetch = env.fetch;
    env.fetch = () => {
      throw new TypeError('fetch failed');
    };
    try {
      const s = settings({ LSML_OFFLINE: '', MODEL_ID: 'Xenova/not-downloadable' });
      const failure = loadPipeline('object-detection', s, log);
      await expect(failure).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
      await expect(failure).rejects.toThrow(
        'Could not download model "Xenova/not-downloadable" from the Hugging Face hub',
      );
    } finally {
      env.fetch = offlineFetch;
    }
  });

  it('explains a model missing offline: id, folder searched, env to set', async () => {
    const s = settings({ LSML_MODELS_DIR: modelsDir, MODEL_ID: 'Xenova/yolos-tiny' });
    let error: unknown;
    try {
      await loadPipeline('object-detection', s, log);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LsmlError);
    const { code, message } = error as LsmlError;
    expect(code).toBe('MODEL_UNAVAILABLE');
    expect(message).toContain('"Xenova/yolos-tiny"');
    expect(message).toContain(join(modelsDir, 'Xenova/yolos-tiny'));
    expect(message).toContain('LSML_OFFLINE=1');
    expect(message).toContain('LSML_MODELS_DIR');
  });

  it('turns a broken model folder into MODEL_UNAVAILABLE naming the folder', async () => {
    const broken = join(scratch, 'broken');
    await mkdir(join(broken, 'onnx'), { recursive: true });
    await writeFile(join(broken, 'config.json'), '{"model_type": "detr", "id2label": {"0": "x"}}');
    await writeFile(
      join(broken, 'preprocessor_config.json'),
      '{"image_processor_type": "DetrImageProcessor"}',
    );
    await writeFile(join(broken, 'onnx', 'model.onnx'), 'not onnx');
    const s = settings({ MODEL_ID: broken });
    const failure = loadPipeline('object-detection', s, log);
    await expect(failure).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
    await expect(failure).rejects.toThrow(`folder ${broken}`);
    // A failed load is forgotten, so a fixed model can be loaded without a restart.
    const retry = loadPipeline('object-detection', s, log);
    expect(retry).not.toBe(failure);
    await expect(retry).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });
});
