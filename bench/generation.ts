/**
 * `pnpm bench:generation`: the generation examples on the tiny models, so the numbers show
 * lsml's overhead rather than a real network's cost.
 * - gpt2_chat: tokens/s of the transformers.js pipeline alone (its own sampler), of lsml's
 *   generation (seeded top-k/top-p sampler with token probabilities, no HTTP), and of a whole
 *   /predict (prompt building, HTTP, JSON).
 * - asr: real-time factor (processing seconds per second of audio; lower is better) of the
 *   pipeline alone on decoded samples, and of a whole /predict with a WAV data URI (base64, WAV
 *   decoding, chunking, CTC decoding, results), for the wav2vec2-CTC and Whisper tiny models.
 * Env: BENCH_TASKS (dialogues per measurement, default 12), BENCH_AUDIO_S (seconds, default 60),
 * BENCH_REPEAT (runs per line, the fastest is shown; default 3).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLogger,
  createService,
  type Backend,
  type LsmlService,
} from '../packages/core/src/index.js';
import { loadPipeline, type ModelSettings } from '../packages/transformers/src/index.js';
import { ensureTinyModels, toneAlphabetAudio } from '../tools/tiny-models/src/index.js';
import { createGpt2Chat } from '../examples/gpt2_chat/src/model.js';
import { generateResponses } from '../examples/gpt2_chat/src/generation/generate-responses.js';
import { createAsr } from '../examples/asr/src/model.js';
import { wavBytes, dataUri } from '../examples/asr/test/audio-fixtures.js';

const TASKS = Number(process.env.BENCH_TASKS ?? 12);
const AUDIO_S = Number(process.env.BENCH_AUDIO_S ?? 60);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const CANDIDATES = 3;
const NEW_TOKENS = 32;
const log = createLogger('silent');

const settingsFor = (modelId: string, cacheDir: string): ModelSettings => ({
  modelId,
  modelsDir: undefined,
  offline: true,
  cacheDir,
  dtype: undefined,
  threads: 1,
  batchSize: 1,
  concurrency: 1,
});

/** The env the examples read for the same model: a path, offline, one ONNX Runtime thread. */
const offlineEnv = (modelPath: string, cacheDir: string) => ({
  MODEL_ID: modelPath,
  LSML_OFFLINE: '1',
  LSML_CACHE_DIR: cacheDir,
  LSML_ORT_THREADS: '1',
});

async function post(service: LsmlService<unknown>, body: unknown): Promise<unknown> {
  const res = await service.app.request('/predict', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`/predict answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** The fastest of `BENCH_REPEAT` runs (default 3), in seconds: the machine is shared and noisy. */
async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  let best = Infinity;
  let value: T | undefined;
  for (let i = 0; i < REPEAT; i += 1) {
    const started = performance.now();
    value = await run();
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return [value as T, best];
}

const row = (name: string, value: string, note = '') =>
  `  ${name.padEnd(46)} ${value.padStart(12)}  ${note}`;

const DIALOGUE = [
  { author: 'Customer', text: 'Hi, my order has not arrived yet.' },
  { author: 'Agent', text: 'Sorry to hear that. What is the order number?' },
  { author: 'Customer', text: 'It is 12345, placed last Monday.' },
  { author: 'Agent', text: 'Thanks, let me check the tracking for you.' },
];
const PROMPT = `${DIALOGUE.map((t) => `${t.author}: ${t.text}`).join('\n')}\nCustomer:`;
const CHAT_CONFIG = `<View><Paragraphs name="dialogue" value="$dialogue" layout="dialogue"/><TextArea name="response" toName="dialogue"/></View>`;
const AUDIO_CONFIG = `<View><Audio name="audio" value="$audio"/><TextArea name="transcription" toName="audio"/></View>`;

async function benchChat(gpt2: string, dir: string): Promise<void> {
  const settings = settingsFor(gpt2, join(dir, 'cache'));
  const generator = await loadPipeline('text-generation', settings, log);
  const sampling = { temperature: 0.8, topK: 50, topP: 0.95 };
  const generated = TASKS * CANDIDATES * NEW_TOKENS; // the tiny GPT-2 never stops early
  console.log(
    `gpt2_chat, tiny GPT-2: ${TASKS} dialogues × ${CANDIDATES} candidates × ${NEW_TOKENS} tokens`,
  );

  // Warm-up, so no line pays for the first ONNX Runtime run.
  await generator(PROMPT, { max_new_tokens: 4 });
  const [, pipelineS] = await timed(async () => {
    for (let t = 0; t < TASKS; t += 1) {
      await generator(Array<string>(CANDIDATES).fill(PROMPT), {
        max_new_tokens: NEW_TOKENS,
        do_sample: true,
        temperature: sampling.temperature,
        top_k: sampling.topK,
      });
    }
  });
  console.log(
    row('transformers.js pipeline (its sampler)', `${(generated / pipelineS).toFixed(0)} tok/s`),
  );

  const lm = { model: generator.model, tokenizer: generator.tokenizer };
  const request = { ...sampling, prompt: PROMPT, count: CANDIDATES, maxNewTokens: NEW_TOKENS };
  await generateResponses(lm, { ...request, maxNewTokens: 4, seed: 0 }); // warm-up
  let lsmlTokens = 0;
  const [, lsmlS] = await timed(async () => {
    lsmlTokens = 0;
    for (let t = 0; t < TASKS; t += 1) {
      const candidates = await generateResponses(lm, { ...request, seed: t });
      lsmlTokens += candidates.reduce((n, c) => n + c.tokenCount, 0);
    }
  });
  console.log(
    row(
      'lsml generation (seeded sampler, probabilities)',
      `${(lsmlTokens / lsmlS).toFixed(0)} tok/s`,
      `${lsmlTokens} tokens (replies end at a line break)`,
    ),
  );

  const backend = createGpt2Chat({
    env: {
      ...offlineEnv(gpt2, join(dir, 'cache')),
      TEMPERATURE: String(sampling.temperature),
      TOP_K: String(sampling.topK),
      TOP_P: String(sampling.topP),
      NUM_RESPONSES: String(CANDIDATES),
      MAX_NEW_TOKENS: String(NEW_TOKENS),
      SEED: '1',
    },
  });
  const service = createService(backend as Backend, {
    modelDir: join(dir, 'chat-models'),
    logger: log,
  });
  const tasks = Array.from({ length: TASKS }, (_, id) => ({ id, data: { dialogue: DIALOGUE } }));
  await post(service, { tasks: tasks.slice(0, 1), label_config: CHAT_CONFIG, project: '1' });
  const [answer, httpS] = await timed(() =>
    post(service, { tasks, label_config: CHAT_CONFIG, project: '1' }),
  );
  // Re-tokenizing the returned texts counts the reply tokens (the trimmed text may differ by one).
  const texts = (
    answer as { results: { result: { value: { text: string[] } }[] }[] }
  ).results.flatMap((p) => p.result.flatMap((r) => r.value.text));
  const httpTokens = texts.reduce((n, t) => n + lm.tokenizer.encode(t).length, 0);
  console.log(
    row(
      `/predict, ${TASKS} tasks in one request`,
      `${(httpTokens / httpS).toFixed(0)} tok/s`,
      `${httpTokens} tokens`,
    ),
  );
  await service.close();
}

async function benchAsr(kind: 'wav2vec2-ctc' | 'whisper', path: string, dir: string) {
  const settings = settingsFor(path, join(dir, `cache-${kind}`));
  const asr = await loadPipeline('automatic-speech-recognition', settings, log);
  const audio = new Float32Array(AUDIO_S * 16_000);
  const phrase = toneAlphabetAudio('HELLO WORLD');
  for (let at = 0; at + phrase.length < audio.length; at += 16_000 * 5) audio.set(phrase, at);
  const windowS = kind === 'whisper' ? 2 : 20; // the tiny Whisper's window is 2 s
  const options = { chunk_length_s: windowS, stride_length_s: windowS / 6 };
  console.log(`asr, tiny ${kind}: ${AUDIO_S} s of audio (real-time factor: lower is better)`);

  await asr(audio.subarray(0, 16_000), kind === 'whisper' ? { language: 'en' } : {});
  const [, pipelineS] = await timed(() =>
    asr(audio, kind === 'whisper' ? { ...options, language: 'en' } : {}),
  );
  console.log(
    row(
      `transformers.js pipeline${kind === 'whisper' ? ' (chunked)' : ' (one pass)'}`,
      `RTF ${(pipelineS / AUDIO_S).toFixed(4)}`,
    ),
  );

  const backend = createAsr({ env: offlineEnv(path, join(dir, `cache-${kind}`)) });
  const service = createService(backend as Backend, {
    modelDir: join(dir, `asr-models-${kind}`),
    logger: log,
  });
  const wav = dataUri(wavBytes([audio], 16_000));
  await post(service, { tasks: [{ id: 0, data: { audio: wav } }], label_config: AUDIO_CONFIG });
  const [, httpS] = await timed(() =>
    post(service, { tasks: [{ id: 1, data: { audio: wav } }], label_config: AUDIO_CONFIG }),
  );
  console.log(
    row(
      '/predict with a WAV data URI',
      `RTF ${(httpS / AUDIO_S).toFixed(4)}`,
      `${(httpS / pipelineS).toFixed(2)}× the pipeline's time`,
    ),
  );
  await service.close();
}

const dir = await mkdtemp(join(tmpdir(), 'bench-generation-'));
try {
  const { paths } = await ensureTinyModels(undefined, {
    kinds: ['gpt2', 'wav2vec2-ctc', 'whisper'],
  });
  await benchChat(paths.gpt2!, dir);
  await benchAsr('wav2vec2-ctc', paths['wav2vec2-ctc']!, dir);
  await benchAsr('whisper', paths.whisper!, dir);
} finally {
  await rm(dir, { recursive: true, force: true });
}
