import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createService, type Backend, type LsmlService } from '@lsml/core';
import type { TrainingAnnotation } from './training-sets.js';

/** One task's prediction as `/predict` answers it. */
export interface PredictionJson {
  model_version?: string;
  score?: number;
  result: Record<string, unknown>[];
}

/**
 * An example's backend served in-process (`app.request`, no socket), asked the way Label
 * Studio asks: `/setup`, then `/webhook` for each annotation, then `/predict`.
 */
export class BackendSession {
  private constructor(
    private readonly service: LsmlService<never>,
    private readonly modelDir: string,
  ) {}

  static async start(backend: Backend<never>): Promise<BackendSession> {
    const modelDir = await mkdtemp(join(tmpdir(), 'editor-models-'));
    const service = createService(backend, { modelDir, logger: createLogger('silent') });
    return new BackendSession(service, modelDir);
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const res = await this.service.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'heartex/1.8.0' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text}`);
    return JSON.parse(text);
  }

  /** `/setup`, annotations through `/webhook` (then waits for training), `/setup` again. */
  async prepare(project: number, config: string, annotations: TrainingAnnotation[]) {
    const setup = { project: `${project}.1700000000`, schema: config };
    await this.post('/setup', setup);
    for (const [i, annotation] of annotations.entries()) {
      await this.post('/webhook', {
        action: 'ANNOTATION_CREATED',
        project: { id: project, label_config: config },
        task: { id: 1000 + i, data: annotation.data },
        annotation: { id: 1000 + i, result: annotation.result },
      });
    }
    await this.service.trainer.idle();
    if (annotations.length > 0) await this.post('/setup', setup);
  }

  async predict(project: number, config: string, task: { id: number; data: unknown }) {
    const body = (await this.post('/predict', {
      tasks: [task],
      project: `${project}.1700000000`,
      label_config: config,
      params: { login: null, password: null, context: null },
    })) as { results?: PredictionJson[] };
    const prediction = body.results?.[0];
    if (!prediction) throw new Error(`/predict answered no prediction: ${JSON.stringify(body)}`);
    return prediction;
  }

  async close(): Promise<void> {
    await this.service.close();
    await rm(this.modelDir, { recursive: true, force: true });
  }
}
