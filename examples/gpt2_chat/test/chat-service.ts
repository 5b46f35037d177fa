import { serveInProcess, type InProcessService } from '@lsml/testing';
import { useTinyModel } from '@lsml/testing/tiny-models';
import { createGpt2Chat, type ChatMemory } from '../src/model.js';

export const LABEL_CONFIG = `<View>
  <Paragraphs name="dialogue" value="$dialogue" layout="dialogue"/>
  <TextArea name="response" toName="dialogue"/>
</View>`;

/** gpt2_chat on the tiny generated GPT-2, offline, with `vars` as its env (NUM_RESPONSES, SEED, …). */
export async function chatService(vars: Record<string, string>): Promise<{
  service: InProcessService<ChatMemory>;
  post: (path: string, body: unknown) => Promise<{ status: number; json: ResponseJson }>;
  close: () => Promise<void>;
}> {
  const model = await useTinyModel('gpt2', vars);
  const service = serveInProcess(createGpt2Chat({ env: model.env }));
  return {
    service,
    post: async (path, body) => {
      const { status, body: json } = await service.request<ResponseJson>(path, body);
      return { status, json };
    },
    close: async () => {
      await service.close();
      await model.remove();
    },
  };
}

/** The parts of lsml's answers these tests read (/predict results, errors). */
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
  job?: string;
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
  if (!meta) throw new Error('no meta: is LSML_DEBUG_PROMPT on?');
  return meta;
}
