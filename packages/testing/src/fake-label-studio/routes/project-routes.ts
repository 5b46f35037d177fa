import { sendJson } from '../http-helpers.js';
import { authorized, notFound, type FakeRequest, type FakeRoute } from '../fake-state.js';

/** `GET /api/projects/:id`, the paginated `GET /api/tasks?project=…` and `GET /api/tasks/:id`. */
export const projectRoutes: FakeRoute = (r) => {
  if (r.method !== 'GET') return false;
  const project = /^\/api\/projects\/(\d+)$/.exec(r.path);
  if (project) {
    if (!authorized(r)) return true;
    const found = r.state.projects.get(Number(project[1]));
    if (!found) return notFound(r);
    sendJson(r.res, 200, found.serialize());
    return true;
  }
  if (r.path === '/api/tasks') {
    if (!authorized(r)) return true;
    listTasks(r);
    return true;
  }
  const task = /^\/api\/tasks\/(\d+)$/.exec(r.path);
  if (task) {
    if (!authorized(r)) return true;
    const id = Number(task[1]);
    const owner = r.state.projectOfTask(id);
    if (!owner) return notFound(r);
    sendJson(r.res, 200, owner.task(id));
    return true;
  }
  return false;
};

/** A page of tasks as the Data Manager API answers it; past the last page, 404 like Django's paginator. */
function listTasks(r: FakeRequest): void {
  const project = r.state.projects.get(Number(r.url.searchParams.get('project')));
  if (!project) {
    sendJson(r.res, 404, { detail: 'Not found.' });
    return;
  }
  const page = Number(r.url.searchParams.get('page') ?? '1');
  const size = Number(
    r.url.searchParams.get('page_size') ?? r.state.options.defaultPageSize ?? 100,
  );
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1) {
    sendJson(r.res, 400, { detail: 'Invalid page.' });
    return;
  }
  const start = (page - 1) * size;
  if (start >= project.count && page > 1) {
    sendJson(r.res, 404, { detail: 'Invalid page.' });
    return;
  }
  const tasks = [];
  for (let i = start; i < Math.min(start + size, project.count); i++)
    tasks.push(project.task(project.firstTaskId + i));
  let predictions = 0;
  for (const list of project.predictions.values()) predictions += list.length;
  sendJson(r.res, 200, {
    tasks,
    total: project.count,
    total_annotations: 0,
    total_predictions: predictions,
  });
}
