import type { Hono } from 'hono';
import { readWebhook, receiveEvent } from '../../training/index.js';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';
import { assertJsonDepth } from '../json-depth.js';
import { readJson } from '../read-json.js';
import { webhookBodySchema } from '../schemas.js';

/**
 * `POST /webhook`: Label Studio's project events. It answers fast (Label Studio waits 1 s and
 * never retries): a 201 means the annotation is stored and training is queued (see
 * `receiveEvent`); fit runs elsewhere.
 */
export function webhookRoute(app: Hono<LsmlEnv>, { runtime, trainer, config }: RouteDeps): void {
  const sink = { runtime, trainer, trainEvery: config.trainEvery };
  app.post('/webhook', async (c) => {
    const body = await readJson(c, webhookBodySchema);
    assertJsonDepth(body);
    const event = readWebhook(body);
    const receipt = await receiveEvent(sink, event, c.get('log'));
    return c.json(receipt, receipt.status === 'ok' ? 201 : 200);
  });
}
