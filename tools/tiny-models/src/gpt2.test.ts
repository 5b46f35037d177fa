import { pipeline, random, Tensor, type TextGenerationPipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GPT2_LAYERS } from './kinds/gpt2.js';
import {
  generateInTemp,
  SESSION_OPTIONS,
  useOfflineTransformers,
} from './test-support/offline-transformers.js';

// transformers.js types its global PRNG's methods as `any`.
const seedSampling = random.seed as (seed: number) => void;

const PROMPT = 'User: Hello there, how are you?\nAssistant:';

/** The pipeline's text, whatever nesting a single or batched call returns. */
function texts(output: unknown): string[] {
  return (output as unknown[]).flat().map((o) => (o as { generated_text: string }).generated_text);
}

describe('tiny gpt2', () => {
  let generator: TextGenerationPipeline;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    useOfflineTransformers();
    const generated = await generateInTemp('gpt2');
    cleanup = generated.cleanup;
    generator = await pipeline('text-generation', generated.dir, {
      session_options: SESSION_OPTIONS,
    });
  });
  afterAll(() => cleanup());

  const greedy = async (prompt: string | string[], max_new_tokens = 20) =>
    texts(await generator(prompt, { max_new_tokens, do_sample: false, return_full_text: false }));

  it('generates non-empty, text-like, deterministic continuations under greedy decoding', async () => {
    const [first] = await greedy(PROMPT);
    expect(first).toMatch(/^[\x20-\x7e]+$/);
    expect(first!.trim().length).toBeGreaterThan(5);
    expect(await greedy(PROMPT)).toEqual([first]);
    const [full] = texts(await generator(PROMPT, { max_new_tokens: 20, do_sample: false }));
    expect(full).toBe(PROMPT + first!);
  });

  it('uses a real KV cache: cached greedy decoding equals full recomputation', async () => {
    const tokenizer = generator.tokenizer;
    const ids = tokenizer.encode(PROMPT);
    const promptLength = ids.length;
    for (let step = 0; step < 12; step += 1) {
      const input_ids = new Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);
      const attention_mask = new Tensor('int64', new BigInt64Array(ids.length).fill(1n), [
        1,
        ids.length,
      ]);
      const { logits } = (await generator.model({ input_ids, attention_mask })) as {
        logits: Tensor;
      };
      const vocab = logits.dims[2]!;
      const last = (logits.data as Float32Array).subarray((ids.length - 1) * vocab);
      ids.push(last.indexOf(Math.max(...last)));
    }
    expect(tokenizer.decode(ids.slice(promptLength))).toBe((await greedy(PROMPT, 12))[0]);
    expect(generator.model.config).toMatchObject({ n_layer: GPT2_LAYERS });
  });

  it('batches prompts of different lengths (left padding) like single calls', async () => {
    const prompts = ['Hi', PROMPT];
    const batched = await greedy(prompts, 10);
    expect(batched).toEqual([(await greedy('Hi', 10))[0], (await greedy(PROMPT, 10))[0]]);
  });

  it('samples with temperature, top_k and top_p, reproducibly under random.seed', async () => {
    const sample = async (seed: number) => {
      seedSampling(seed);
      const options = {
        max_new_tokens: 16,
        do_sample: true,
        temperature: 0.8,
        top_k: 20,
        top_p: 0.9,
        return_full_text: false,
      };
      return texts(await generator([PROMPT, PROMPT, PROMPT], options));
    };
    const first = await sample(7);
    expect(first).toHaveLength(3);
    for (const text of first) expect(text.length).toBeGreaterThan(0);
    expect(await sample(7)).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });
});
