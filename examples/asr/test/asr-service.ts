import { serveInProcess, type InProcessService } from '@lsml/testing';
import { useTinyModel, type TinyModelKind } from '@lsml/testing/tiny-models';
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

export interface AsrService {
  service: InProcessService<never>;
  /** POSTs a /predict for one task per `audio` value (ids 1, 2, …). */
  predict(audios: string[], labelConfig?: string): Promise<{ status: number; json: ResponseJson }>;
  close(): Promise<void>;
}

/** asr on the tiny generated speech model `kind`, offline, with `vars` as extra env (FFMPEG_PATH, …). */
export async function asrService(
  kind: TinyModelKind,
  vars: Record<string, string> = {},
): Promise<AsrService> {
  const model = await useTinyModel(kind, vars);
  const service = serveInProcess(createAsr({ env: model.env }));
  return {
    service,
    predict: async (audios, labelConfig = LABEL_CONFIG) => {
      const { status, body } = await service.request<ResponseJson>('/predict', {
        tasks: audios.map((audio, i) => ({ id: i + 1, data: { audio } })),
        label_config: labelConfig,
        project: '1',
      });
      return { status, json: body };
    },
    close: async () => {
      await service.close();
      await model.remove();
    },
  };
}

/** The TextArea text of task `index` ('' when there is none). */
export function transcriptOf(json: ResponseJson, index = 0): string {
  const result = json.results[index]?.result.find((r) => r.type === 'textarea');
  return result?.value.text?.[0] ?? '';
}
