import { readJsonBody, sendJson } from '../http-helpers.js';
import type { FakePrediction, FakeProject } from '../fake-project.js';
import { authorized, notFound, type FakeRequest, type FakeRoute } from '../fake-state.js';

type Item = Omit<FakePrediction, 'id' | 'project'>;

/**
 * `POST /api/projects/:id/import/predictions` (a list, all or nothing: one task outside the
 * project refuses the whole list with 400) and `POST /api/predictions/` (one prediction).
 */
export const predictionRoutes: FakeRoute = async (r) => {
  if (r.method !== 'POST') return false;
  // No trailing slash on this one in Label Studio's URL patterns.
  const bulk = /^\/api\/projects\/(\d+)\/import\/predictions$/.exec(r.url.pathname);
  if (bulk) {
    if (r.state.options.bulkPredictions === false) return notFound(r);
    if (!authorized(r)) return true;
    const project = r.state.projects.get(Number(bulk[1]));
    if (!project) return notFound(r);
    await importList(r, project);
    return true;
  }
  if (r.url.pathname === '/api/predictions/') {
    if (!authorized(r)) return true;
    const body = (await readJsonBody(r.req)) as Record<string, unknown> | undefined;
    const project = r.state.projectOfTask(Number(body?.task));
    const item = project && body ? toItem(body) : undefined;
    if (!project || !item) {
      sendJson(r.res, 400, { task: ['Invalid pk - object does not exist.'] });
      return true;
    }
    const [stored] = r.state.store(project, [item]);
    sendJson(r.res, 201, stored);
    return true;
  }
  return false;
};

async function importList(r: FakeRequest, project: FakeProject): Promise<void> {
  const body = await readJsonBody(r.req);
  if (!Array.isArray(body)) {
    sendJson(r.res, 400, ['Expected a list of items but got type "dict".']);
    return;
  }
  const items: Item[] = [];
  for (const raw of body as unknown[]) {
    const item =
      typeof raw === 'object' && raw !== null ? toItem(raw as Record<string, unknown>) : undefined;
    if (!item || !project.hasTask(item.task)) {
      sendJson(r.res, 400, [
        `${JSON.stringify(raw).slice(0, 80)} contains invalid "task" field: corresponding task ID couldn't be retrieved from project ${project.id} tasks`,
      ]);
      return;
    }
    items.push(item);
  }
  r.state.store(project, items);
  if (r.state.faults.failAfterCommit()) {
    sendJson(r.res, 500, { detail: 'upstream timed out' });
    return;
  }
  sendJson(r.res, 201, { created: items.length });
}

function toItem(raw: Record<string, unknown>): Item | undefined {
  const task = Number(raw.task);
  if (!Number.isInteger(task) || !Array.isArray(raw.result)) return undefined;
  return {
    task,
    result: raw.result,
    score: typeof raw.score === 'number' ? raw.score : null,
    model_version: typeof raw.model_version === 'string' ? raw.model_version : 'undefined',
  };
}
