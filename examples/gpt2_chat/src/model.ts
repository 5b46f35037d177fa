import { randomInt } from 'node:crypto';
import {
  defineBackend,
  LsmlError,
  predictEachTask,
  taskValue,
  type LabelInterface,
  type Target,
  type Task,
} from '@lsml/core';
import { modelSettingsFromEnv } from '@lsml/transformers';
import { chatSettingsFromEnv, type ChatSettings } from './chat-settings.js';
import { loadDialogue } from './dialogue/load-dialogue.js';
import { acceptedResponses, type FewShotExample } from './few-shot/few-shot-examples.js';
import { hashString } from './generation/seeded-random.js';
import { loadChatModel, type ChatModel } from './language-model.js';
import { buildPrompt } from './prompt/build-prompt.js';
import { responsePrediction } from './response-prediction.js';

/** The default model: a real small GPT-2 (82M parameters, ONNX export). `MODEL_ID` overrides it. */
export const DEFAULT_MODEL_ID = 'Xenova/distilgpt2';

/** What `fit` learns: the accepted responses, shown to the model as examples (in-context learning). */
export interface ChatMemory {
  examples: FewShotExample[];
}

const dialogueTarget = (li: LabelInterface): Target =>
  li.requireTarget(
    { control: 'textarea', object: ['Paragraphs', 'Text'] },
    'gpt2_chat writes the next turn of the dialogue there, e.g. <Paragraphs name="dialogue" value="$dialogue" layout="dialogue"/> <TextArea name="response" toName="dialogue"/>',
  );

/** A task's turns; `<Paragraphs>` data may also be a file (URL or data URI) holding them as JSON. */
function readTurns(task: Task, target: Target, readData: Parameters<typeof loadDialogue>[2]) {
  const paragraphs = target.object.tag.toLowerCase() === 'paragraphs';
  return loadDialogue(
    taskValue(task, target.object),
    `data.${target.dataKey}`,
    paragraphs ? readData : undefined,
  );
}

/** A fixed SEED gives each task its own reproducible seed; otherwise fresh randomness. */
const seedOf = (chat: ChatSettings, task: Task) =>
  chat.seed === undefined ? randomInt(2 ** 32) : hashString(`${chat.seed}:${String(task.id)}`);

/**
 * gpt2_chat: for each dialogue, N candidate next turns from a GPT-2, returned as one TextArea
 * result; the task score is their mean token probability. `fit` does not change the weights: it
 * keeps the accepted responses, and each prompt shows the model the most similar accepted
 * dialogues first (few-shot, in-context learning). Settings come from `env` (see the README).
 */
export function createGpt2Chat({ env = process.env }: { env?: NodeJS.ProcessEnv } = {}) {
  let chat: ChatSettings | undefined;
  const settings = () => (chat ??= chatSettingsFromEnv(env));
  let model: ChatModel | undefined;

  return defineBackend<ChatMemory>({
    name: 'gpt2_chat',
    async init({ log }) {
      model = await loadChatModel(modelSettingsFromEnv(DEFAULT_MODEL_ID, env), settings(), log);
    },
    setup({ labelInterface }) {
      dialogueTarget(labelInterface);
    },
    predict(tasks, ctx) {
      if (!model) throw new LsmlError('INTERNAL', 'gpt2_chat predicted before its init ran');
      const lm = model;
      const target = dialogueTarget(ctx.labelInterface);
      const examples = ctx.model?.examples ?? [];
      const { signal } = ctx;
      return predictEachTask(tasks, { log: ctx.log, concurrency: 4, signal }, async (task) => {
        const turns = await readTurns(task, target, { readData: ctx.readData, signal });
        if (turns.length === 0)
          throw new LsmlError('VALIDATION_FAILED', `data.${target.dataKey} has no turns`);
        const prompt = buildPrompt(turns, examples, lm.tokens, {
          budget: lm.promptBudget,
          maxExamples: lm.chat.fewShotExamples,
          taskId: String(task.id),
        });
        const request = { ...lm.chat, prompt: prompt.text, seed: seedOf(lm.chat, task) };
        const candidates = await lm.generate(request, signal);
        return responsePrediction(target, candidates, lm.chat.debugPrompt ? prompt : undefined);
      });
    },
    async fit(ctx) {
      if (!ctx.labelInterface) return { status: 'skipped', reason: 'no label config seen yet' };
      const target = dialogueTarget(ctx.labelInterface);
      const reader = { readData: ctx.readData, signal: ctx.signal };
      // A task whose dialogue cannot be read is skipped and listed in the job's result.
      const perTask = await ctx.mapExamples(async ({ task, annotation }) => {
        const responses = acceptedResponses(annotation, target.control);
        if (responses.length === 0) return undefined;
        const turns = await readTurns(task, target, reader);
        return responses.map((response) => ({ taskId: String(task.id), turns, response }));
      });
      // The most recent accepted responses, FEW_SHOT_POOL of them.
      const examples = perTask.flat().slice(-settings().fewShotPool);
      if (examples.length === 0 && ctx.previous === undefined)
        return { status: 'skipped', reason: 'no accepted responses in the annotations yet' };
      return { status: 'trained', model: { examples }, trainingSetSize: examples.length };
    },
  });
}

export const gpt2Chat = createGpt2Chat();
export default gpt2Chat;
