import type { Hono } from 'hono';
import { isSafeProjectId } from '../../contract/project-id.js';
import { LsmlError } from '../../errors/index.js';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';

/**
 * `GET /stats?project=12`: acceptance analytics, per model version and label: how many
 * predicted regions annotators kept, edited or removed, what they added, and how many
 * predictions wait for an annotation, and the share of requests recorded right now (below 1
 * while recording is over its time budget; see docs/acceptance.md).
 */
export function statsRoute(app: Hono<LsmlEnv>, { runtime }: RouteDeps): void {
  app.get('/stats', async (c) => {
    const project = c.req.query('project');
    if (project === undefined || project === '')
      throw new LsmlError(
        'VALIDATION_FAILED',
        'Query "project" is required, e.g. GET /stats?project=12',
      );
    if (!isSafeProjectId(project))
      throw new LsmlError(
        'VALIDATION_FAILED',
        `Query "project" must be a project id like 12, got "${project}"`,
      );
    const acceptance = runtime.acceptance;
    if (!acceptance) return c.json({ project, recording: false, versions: [] });
    await acceptance.settled();
    return c.json({
      project,
      recording: true,
      sampling_rate: acceptance.samplingRate,
      versions: await acceptance.report(project),
    });
  });
}
