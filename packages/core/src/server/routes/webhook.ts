import type { Hono } from 'hono';
import { isLsmlError } from '../../errors/index.js';
import type { Annotation, Task } from '../../model/types.js';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';
import { assertJsonDepth } from '../json-depth.js';
import { readJson } from '../read-json.js';
import { webhookBodySchema } from '../schemas.js';
import { examplesOf, toTrainingEvent } from './webhook-event.js';

const ADDS = new Set(['ANNOTATION_CREATED', 'ANNOTATION_UPDATED', 'ANNOTATIONS_CREATED']);
const REMOVES = new Set(['ANNOTATION_DELETED', 'ANNOTATIONS_DELETED']);

/**
 * `POST /webhook`: Label Studio's project events. It answers fast (Label Studio waits 1 s and
 * never retries): the training set is updated, training is queued, and fit runs elsewhere.
 */
export function webhookRoute(app: Hono<LsmlEnv>, { runtime, trainer, options }: RouteDeps): void {
  const sinceTraining = new Map<string, number>();

  app.post('/webhook', async (c) => {
    const body = await readJson(c, webhookBodySchema);
    assertJsonDepth(body);
    let event = toTrainingEvent(body);
    const project = event.project;
    if (event.labelConfig) {
      try {
        await runtime.labelInterface(project, event.labelConfig);
      } catch (error) {
        // Label Studio never retries a webhook: refusing it would lose the annotation. Keep it,
        // and train with the config /setup or /predict stored rather than the one we reject.
        if (!isLsmlError(error) || error.code !== 'INVALID_LABEL_CONFIG') throw error;
        c.get('log').warn(
          { project, err: error },
          `webhook ${event.action}: ignoring project.label_config: ${error.message}`,
        );
        event = { ...event, labelConfig: undefined };
      }
    }

    if (ADDS.has(event.action)) {
      const items = examplesOf(event, (Array.isArray(body.task) ? body.task : []) as Task[]);
      await runtime.trainingData.put(project, items);
      const count = (sinceTraining.get(project) ?? 0) + Math.max(1, items.length);
      if (count < options.trainEvery) {
        sinceTraining.set(project, count);
        return c.json(
          {
            status: 'ok',
            stored: items.length,
            training: `after ${options.trainEvery - count} more annotation(s)`,
          },
          201,
        );
      }
      sinceTraining.set(project, 0);
      const job = await trainer.submit(project, event);
      return c.json(
        { status: 'ok', stored: items.length, job: job.id, coalesced: job.coalesced },
        201,
      );
    }
    if (REMOVES.has(event.action)) {
      const refs = [event.annotation, ...(event.annotations ?? [])]
        .filter((a): a is Annotation => a !== undefined)
        .map((a) => ({
          annotationId: a.id ?? undefined,
          taskId: a.id === undefined ? event.task?.id : undefined,
        }));
      await runtime.trainingData.remove(project, refs);
      const job = await trainer.submit(project, event);
      return c.json(
        { status: 'ok', removed: refs.length, job: job.id, coalesced: job.coalesced },
        201,
      );
    }
    if (event.action === 'START_TRAINING') {
      const job = await trainer.submit(project, event);
      return c.json({ status: 'ok', job: job.id, coalesced: job.coalesced }, 201);
    }
    // TASKS_CREATED, PROJECT_UPDATED and any future action: accepted, nothing to train on.
    return c.json({ status: 'Unknown event', action: event.action }, 200);
  });
}
