import { LsmlError } from '@lsml/core';

/** How gpt2_chat writes candidates. Every field has an env var; see the README. */
export interface ChatSettings {
  /** `NUM_RESPONSES`: candidates per dialogue. Default 3. */
  count: number;
  /** `MAX_NEW_TOKENS`: longest reply, in tokens. Default 40. */
  maxNewTokens: number;
  /** `TEMPERATURE`: 0 is greedy (then every candidate is the same). Default 0.8. */
  temperature: number;
  /** `TOP_K`: sample among the k most likely tokens; 0 = all. Default 50. */
  topK: number;
  /** `TOP_P`: nucleus sampling mass; 1 = off. Default 0.95. */
  topP: number;
  /** `SEED`: fixed seed for reproducible candidates; unset = fresh randomness per request. */
  seed: number | undefined;
  /** `CONTEXT_TOKENS`: most prompt + reply tokens; default (and cap) = the model's context. */
  contextTokens: number | undefined;
  /** `FEW_SHOT_EXAMPLES`: most accepted examples in one prompt. Default 3. */
  fewShotExamples: number;
  /** `FEW_SHOT_POOL`: most accepted examples kept per project (the most recent). Default 1000. */
  fewShotPool: number;
  /** `LSML_DEBUG_PROMPT=1`: each prediction carries `meta.prompt`, the exact prompt used. */
  debugPrompt: boolean;
}

function numberFrom(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  valid: (n: number) => boolean,
  rule: string,
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !valid(value))
    throw new LsmlError('VALIDATION_FAILED', `${name}="${raw}" must be ${rule}`);
  return value;
}

const wholeAtLeast = (min: number) => (n: number) => Number.isInteger(n) && n >= min;

/** Reads {@link ChatSettings} from the environment, checking each value. */
export function chatSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ChatSettings {
  const seed = env.SEED?.trim();
  const context = env.CONTEXT_TOKENS?.trim();
  return {
    count: numberFrom(env, 'NUM_RESPONSES', 3, wholeAtLeast(1), 'a whole number ≥ 1'),
    maxNewTokens: numberFrom(env, 'MAX_NEW_TOKENS', 40, wholeAtLeast(1), 'a whole number ≥ 1'),
    temperature: numberFrom(env, 'TEMPERATURE', 0.8, (n) => n >= 0, 'a number ≥ 0'),
    topK: numberFrom(env, 'TOP_K', 50, wholeAtLeast(0), 'a whole number ≥ 0'),
    topP: numberFrom(env, 'TOP_P', 0.95, (n) => n > 0 && n <= 1, 'in (0, 1]'),
    seed:
      seed === undefined || seed === ''
        ? undefined
        : numberFrom(env, 'SEED', 0, wholeAtLeast(0), 'a whole number ≥ 0'),
    contextTokens:
      context === undefined || context === ''
        ? undefined
        : numberFrom(env, 'CONTEXT_TOKENS', 0, wholeAtLeast(16), 'a whole number ≥ 16'),
    fewShotExamples: numberFrom(env, 'FEW_SHOT_EXAMPLES', 3, wholeAtLeast(0), 'a whole number ≥ 0'),
    fewShotPool: numberFrom(env, 'FEW_SHOT_POOL', 1000, wholeAtLeast(1), 'a whole number ≥ 1'),
    debugPrompt: ['1', 'true', 'yes'].includes((env.LSML_DEBUG_PROMPT ?? '').toLowerCase()),
  };
}
