import { randomInt } from 'node:crypto';
import {
  defineBackend,
  LsmlError,
  predictEachTask,
  type Backend,
  type Logger,
  type Prediction,
} from '@lsml/core';
import { InferenceQueue, modelSettingsFromEnv, type ModelSettings } from '@lsml/transformers';
import { chatSettingsFromEnv, type ChatSettings } from './chat-settings.js';
import { loadDialogue } from './dialogue/load-dialogue.js';
import { collectExamples, type FewShotExample } from './few-shot/few-shot-examples.js';
import {
  generateResponses,
  type Candidate,
  type GenerationRequest,
  type LanguageModel,
} from './generation/generate-responses.js';
import { hashString } from './generation/seeded-random.js';
import { contextLength, loadLanguageModel, tokenCounter } from './language-model.js';
import { buildPrompt } from './prompt/build-prompt.js';
import { responseTarget } from './response-binding.js';

/** The default model: a real small GPT-2 (82M parameters, ONNX export). `MODEL_ID` overrides it. */
export const DEFAULT_MODEL_ID = 'Xenova/distilgpt2';

/** What `fit` learns: the accepted responses, shown to the model as examples (in-context learning). */
export interface ChatMemory {
  examples: FewShotExample[];
}

export interface Gpt2ChatOptions {
  chat?: Partial<ChatSettings>;
  model?: ModelSettings;
}

export type Gpt2ChatBackend = Backend<ChatMemory> & {
  /** Loads the model now (the server does it before listening, so a bad MODEL_ID fails fast). */
  loadModel(log: Logger): Promise<LanguageModel>;
};

/** Pooled token probability: every token of every candidate weighs the same. */
function meanTokenProbability(candidates: readonly Candidate[]): number {
  const tokens = candidates.reduce((n, c) => n + c.tokenCount, 0);
  if (tokens === 0) return 0;
  return candidates.reduce((s, c) => s + c.meanProbability * c.tokenCount, 0) / tokens;
}

/**
 * gpt2_chat: for each dialogue, N candidate next turns from a GPT-2, returned as one TextArea
 * result; the task score is their mean token probability. `fit` does not change the weights: it
 * keeps the accepted responses, and each prompt shows the model the most similar accepted
 * dialogues first (few-shot, in-context learning).
 */
export function createGpt2Chat(options: Gpt2ChatOptions = {}): Gpt2ChatBackend {
  const chat = { ...chatSettingsFromEnv(), ...options.chat };
  const modelSettings = options.model ?? modelSettingsFromEnv(DEFAULT_MODEL_ID);
  let loaded: Promise<LanguageModel> | undefined;
  const loadModel = (log: Logger) => (loaded ??= loadLanguageModel(modelSettings, log));
  let queue: InferenceQueue<GenerationRequest, Candidate[]> | undefined;
  const generate = (lm: LanguageModel) =>
    (queue ??= new InferenceQueue({
      // One dialogue per model call: its N candidates are already one batch.
      batchSize: 1,
      concurrency: modelSettings.concurrency,
      run: async ([request]) => (request ? [await generateResponses(lm, request)] : []),
    }));

  return {
    ...defineBackend<ChatMemory>({
      name: 'gpt2_chat',
      setup({ labelInterface }) {
        responseTarget(labelInterface);
      },
      async predict(tasks, ctx) {
        const target = responseTarget(ctx.labelInterface);
        const lm = await loadModel(ctx.log);
        const budget =
          Math.min(chat.contextTokens ?? Infinity, contextLength(lm)) - chat.maxNewTokens;
        if (budget < 8) {
          throw new LsmlError(
            'UNSUPPORTED_CONFIG',
            `MAX_NEW_TOKENS=${chat.maxNewTokens} leaves no room for the prompt in a ${contextLength(lm)}-token context`,
          );
        }
        const examples = ctx.model?.examples ?? [];
        const signal = ctx.signal;
        return predictEachTask(tasks, { log: ctx.log, concurrency: 4, signal }, async (task) => {
          const turns = await loadDialogue(
            task.data[target.dataKey],
            `data.${target.dataKey}`,
            target.paragraphs ? { readData: ctx.readData, signal } : undefined,
          );
          if (turns.length === 0)
            throw new LsmlError('VALIDATION_FAILED', `data.${target.dataKey} has no turns`);
          const prompt = buildPrompt(turns, examples, tokenCounter(lm), {
            budget,
            maxExamples: chat.fewShotExamples,
            taskId: String(task.id),
          });
          const seed =
            chat.seed === undefined
              ? randomInt(2 ** 32)
              : hashString(`${chat.seed}:${String(task.id)}`);
          const candidates = await generate(lm).run({ ...chat, prompt: prompt.text, seed }, signal);
          const texts = candidates.map((c) => c.text).filter((t) => t !== '');
          const score = meanTokenProbability(candidates);
          const prediction: Prediction = {
            score,
            result:
              texts.length === 0
                ? []
                : [
                    {
                      from_name: target.controlName,
                      to_name: target.objectName,
                      type: 'textarea',
                      value: { text: texts },
                      score,
                    },
                  ],
          };
          if (chat.debugPrompt) {
            prediction.meta = { prompt: prompt.text, few_shot_task_ids: prompt.fewShotTaskIds };
          }
          return prediction;
        });
      },
      async fit({ annotations, labelInterface, previous, readData, signal }) {
        if (!labelInterface) return { status: 'skipped', reason: 'no label config seen yet' };
        const target = responseTarget(labelInterface);
        const fromFile = target.paragraphs ? { readData, signal } : undefined;
        const examples = await collectExamples(
          annotations,
          target,
          chat.fewShotPool,
          (value, where) => loadDialogue(value, where, fromFile),
        );
        if (examples.length === 0 && previous === undefined)
          return { status: 'skipped', reason: 'no accepted responses in the annotations yet' };
        return { status: 'trained', model: { examples }, trainingSetSize: examples.length };
      },
    }),
    loadModel,
  };
}

export const gpt2Chat = createGpt2Chat();
export default gpt2Chat;
