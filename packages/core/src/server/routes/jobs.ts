import type { Hono } from 'hono';
import { LsmlError } from '../../errors/index.js';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';
import { readJson } from '../read-json.js';
import { jobStatusBodySchema } from '../schemas.js';

/** `GET /jobs/:id` and legacy `POST /job_status {job}`: a training job's state, progress and timings. */
export function jobRoutes(app: Hono<LsmlEnv>, { trainer }: RouteDeps): void {
  const find = async (id: string, missing: 'NOT_FOUND' | 'JOB_GONE' = 'NOT_FOUND') => {
    const job = await trainer.job(id);
    if (!job)
      throw new LsmlError(
        missing,
        `No training job "${id}" (finished jobs are kept for a while, then forgotten)`,
      );
    return job;
  };
  app.get('/jobs/:id', async (c) => c.json(await find(c.req.param('id'))));
  app.post('/job_status', async (c) => {
    const body = await readJson(c, jobStatusBodySchema);
    // Label Studio reads 410 as "job removed".
    return c.json(await find(String(body.job), 'JOB_GONE'));
  });
}
