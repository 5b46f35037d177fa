import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createService, type LsmlService } from '@lsml/core';
import { ensureTinyModels, type TinyModelKind } from '@lsml/tiny-models';
import type { AsrSettings } from '../src/asr-settings.js';
import { createAsr } from '../src/model.js';

export const LABEL_CONFIG = `<View>
  <Audio name="audio" value="$audio"/>
  <TextArea name="transcription" toName="audio" editable="true"/>
</View>`;

export const SEGMENTS_CONFIG = `<View>
  <Audio name="audio" value="$audio"/>
  <Labels name="speech" toName="audio"><Label value="Speech"/></Labels>
  <TextArea name="transcription" toName="audio" editable="true"/>
</View>`;

export interface ResultJson {
  from_name: string;
  to_name: string;
  type: string;
  id?: string;
  score?: number;
  value: { text?: string[]; start?: number; end?: number; labels?: string[] };
}

export interface ResponseJson {
  results: { score?: number; result: ResultJson[] }[];
  error?: string;
  code?: string;
}

/** asr on a tiny generated speech model, offline, with its own model store in a temp dir. */
export async function tinyAsrService(
  kind: TinyModelKind,
  asr: Partial<AsrSettings> = {},
): Promise<{ service: LsmlService<never>; cleanup: () => Promise<void> }> {
  const { paths } = await ensureTinyModels(undefined, { kinds: [kind] });
  const dir = await mkdtemp(join(tmpdir(), 'asr-'));
  const backend = createAsr({
    asr,
    model: {
      modelId: paths[kind]!,
      modelsDir: undefined,
      offline: true,
      cacheDir: join(dir, 'cache'),
      dtype: undefined,
      threads: 1,
      batchSize: 1,
      concurrency: 1,
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

/** POSTs a /predict for `audio` values to the in-process app. */
export async function predictAudio(
  service: LsmlService<never>,
  audios: string[],
  labelConfig = LABEL_CONFIG,
): Promise<{ status: number; json: ResponseJson }> {
  const res = await service.app.request('/predict', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tasks: audios.map((audio, i) => ({ id: i + 1, data: { audio } })),
      label_config: labelConfig,
      project: '1',
    }),
  });
  return { status: res.status, json: (await res.json()) as ResponseJson };
}

/** The TextArea text of task `index` ('' when there is none). */
export function transcriptOf(json: ResponseJson, index = 0): string {
  const result = json.results[index]?.result.find((r) => r.type === 'textarea');
  return result?.value.text?.[0] ?? '';
}
