import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createService, type LsmlService } from '@lsml/core';
import { ensureTinyModels } from '@lsml/tiny-models';
import type { ChatSettings } from '../src/chat-settings.js';
import { createGpt2Chat, type ChatMemory } from '../src/model.js';

export const LABEL_CONFIG = `<View>
  <Paragraphs name="dialogue" value="$dialogue" layout="dialogue"/>
  <TextArea name="response" toName="dialogue"/>
</View>`;

/** gpt2_chat on the tiny generated GPT-2, offline, with its own model store in a temp dir. */
export async function tinyChatService(
  chat: Partial<ChatSettings>,
  concurrency = 1,
): Promise<{
  service: LsmlService<ChatMemory>;
  cleanup: () => Promise<void>;
}> {
  const { paths } = await ensureTinyModels(undefined, { kinds: ['gpt2'] });
  const dir = await mkdtemp(join(tmpdir(), 'gpt2-chat-'));
  const backend = createGpt2Chat({
    chat,
    model: {
      modelId: paths.gpt2!,
      modelsDir: undefined,
      offline: true,
      cacheDir: join(dir, 'cache'),
      dtype: undefined,
      threads: 1,
      batchSize: 1,
      concurrency,
    },
  });
  const service = createService(backend, {
    modelDir: join(dir, 'models'),
    logger: createLogger('silent'),
  });
  return {
    service,
    cleanup: async () => {
      await service.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The parts of lsml's answers these tests read (/predict results, errors, /train). */
export interface ResponseJson {
  results: {
    score?: number;
    model_version?: string;
    result: { from_name: string; to_name: string; type: string; value: { text: string[] } }[];
    meta?: { prompt: string; few_shot_task_ids: string[] };
  }[];
  model_version?: string;
  error?: string;
  code?: string;
}

/** POSTs JSON to the in-process app. */
export async function post(
  service: LsmlService<ChatMemory>,
  path: string,
  body: unknown,
): Promise<{ status: number; json: ResponseJson }> {
  const res = await service.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as ResponseJson };
}

/** The prediction for task `index`; fails the test when there is none. */
export function predictionOf(json: ResponseJson, index = 0): ResponseJson['results'][number] {
  const prediction = json.results[index];
  if (!prediction) throw new Error(`no prediction #${index} in ${JSON.stringify(json)}`);
  return prediction;
}

/** The candidate texts of task `index` ([] when its result is empty). */
export function candidatesOf(json: ResponseJson, index = 0): string[] {
  return predictionOf(json, index).result[0]?.value.text ?? [];
}

/** The debug hook's prompt and examples for task `index`. */
export function debugOf(
  json: ResponseJson,
  index = 0,
): { prompt: string; few_shot_task_ids: string[] } {
  const meta = predictionOf(json, index).meta;
  if (!meta) throw new Error('no meta: is debugPrompt (LSML_DEBUG_PROMPT) on?');
  return meta;
}
