import type { Hono } from 'hono';
import { LsmlError } from '../../errors/index.js';
import { isSafeProjectId } from '../../contract/project-id.js';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';

/**
 * `GET /versions[?project=12]`: every stored version per project, and why each is kept: among
 * the newest `keep`, `current: true`, or `pinned: true` (the last rollback's target).
 */
export function versionsRoute(app: Hono<LsmlEnv>, { runtime }: RouteDeps): void {
  app.get('/versions', async (c) => {
    const project = c.req.query('project');
    if (project !== undefined && !isSafeProjectId(project)) {
      throw new LsmlError(
        'VALIDATION_FAILED',
        `Query "project" must be a project id like 12, got "${project}"`,
      );
    }
    const projects = await runtime.versions(project);
    // Label Studio reads a flat `versions` list; `projects` has the detail per project.
    const versions = [
      ...new Set(Object.values(projects).flatMap((p) => p.versions.map((v) => v.version))),
    ];
    return c.json({ model_class: runtime.backend.name, versions, projects });
  });
}
