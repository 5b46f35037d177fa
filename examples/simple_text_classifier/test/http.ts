import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createService, type Backend, type LsmlService } from '@lsml/core';
import { pino } from 'pino';

/** A backend served in-process on a fresh model directory; `close()` removes it. */
export function startService<M>(backend: Backend<M>): LsmlService<M> & {
  send: (
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; body: Record<string, unknown> }>;
} {
  const modelDir = mkdtempSync(join(tmpdir(), 'lsml-text-'));
  const service = createService(backend, { modelDir, logger: pino({ level: 'silent' }) });
  const send = async (method: string, path: string, body?: unknown) => {
    const res = await service.app.request(path, {
      method,
      headers: { 'content-type': 'application/json', 'user-agent': 'heartex/1.12.0' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    ...service,
    send,
    close: async () => {
      await service.close();
      rmSync(modelDir, { recursive: true, force: true });
    },
  };
}

/** Label Studio's ANNOTATION_CREATED webhook body for one task labeled with `choices`. */
export function annotationCreated(options: {
  project: number;
  labelConfig: string;
  taskId: number;
  data: Record<string, unknown>;
  choices: string[];
  fromName?: string;
}): Record<string, unknown> {
  return {
    action: 'ANNOTATION_CREATED',
    project: { id: options.project, label_config: options.labelConfig },
    task: { id: options.taskId, data: options.data },
    annotation: {
      id: options.taskId,
      result: [
        {
          from_name: options.fromName ?? 'label',
          to_name: 'text',
          type: 'choices',
          value: { choices: options.choices },
        },
      ],
    },
  };
}

export interface PredictResult {
  score: number;
  result: {
    from_name: string;
    to_name: string;
    type: string;
    value: { choices: string[] };
    score: number;
  }[];
}
