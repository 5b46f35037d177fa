import { FaultPlan } from './faults.js';
import { FakeProject, type FakePrediction, type FakeProjectOptions } from './fake-project.js';
import type { FakeLabelStudioOptions, FakeRequest, FakeRoute, FakeState } from './fake-state.js';
import { FakeTokens } from './fake-tokens.js';
import { sendJson } from './http-helpers.js';
import { fakeServer, type FakeServer } from './recording-server.js';
import { authRoutes } from './routes/auth-routes.js';
import { fileRoutes } from './routes/file-routes.js';
import { integrationRoutes } from './routes/integration-routes.js';
import { predictionRoutes } from './routes/prediction-routes.js';
import { projectRoutes } from './routes/project-routes.js';
import { quirkRoutes } from './routes/quirk-routes.js';

/** A running fake Label Studio: a {@link FakeServer} plus its data, tokens and fault counters. */
export interface FakeLabelStudio extends FakeServer {
  /** The user's legacy token, personal access token, and controls over them. */
  tokens: FakeTokens;
  /** Counters of requests and of the faults answered. */
  faults: FaultPlan;
  /** Project `id` (throws when there is none). */
  project(id: number): FakeProject;
  addProject(options: FakeProjectOptions): FakeProject;
  /** The predictions stored for task `id`. */
  predictions(taskId: number): FakePrediction[];
  /** Predictions stored so far, over all projects. */
  readonly stored: number;
  /** Resolves once `count` predictions have been stored in all (an event to wait on, not a poll). */
  storedAtLeast(count: number): Promise<void>;
}

const ROUTES: FakeRoute[] = [
  quirkRoutes,
  authRoutes,
  projectRoutes,
  predictionRoutes,
  integrationRoutes,
  fileRoutes,
];

/**
 * A local server on 127.0.0.1 that plays Label Studio's API for tests: both token kinds
 * (legacy `Token` keys, and personal access tokens refreshed at `/api/token/refresh/` into
 * expiring `Bearer` access tokens), paginated tasks, predictions import (bulk and one by one),
 * the project's ML backends and webhooks, uploads and local files that need the token,
 * presigned cloud storage, and deterministic 429s and 5xx.
 *
 * @example
 * const ls = await fakeLabelStudio({
 *   projects: [{ id: 1, labelConfig: SENTIMENT_CONFIG, tasks: 500 }],
 *   faults: { tooManyEvery: 7 },
 * });
 * // LABEL_STUDIO_URL=ls.url, LABEL_STUDIO_API_KEY=ls.tokens.personal
 * ls.predictions(1); // what the client posted for task 1
 * await ls.close();
 */
export async function fakeLabelStudio(
  options: FakeLabelStudioOptions = {},
): Promise<FakeLabelStudio> {
  const projects = new Map<number, FakeProject>();
  const waiters: { count: number; resolve: () => void }[] = [];
  let nextTaskId = 1;
  let nextPredictionId = 1;
  let stored = 0;
  // The server's own origin is known once it listens; routes only ask after that.
  const own = { origin: '' };

  const state: FakeState = {
    options,
    tokens: new FakeTokens(options.tokens),
    faults: new FaultPlan(options.faults),
    projects,
    projectOfTask: (id) => [...projects.values()].find((p) => p.hasTask(id)),
    store(project, items) {
      const created = items.map((item) => ({
        ...item,
        id: nextPredictionId++,
        project: project.id,
      }));
      for (const prediction of created) project.addPrediction(prediction);
      stored += created.length;
      for (const waiter of waiters.filter((w) => stored >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      return created;
    },
    otherOrigin: () => options.otherOrigin?.() ?? own.origin,
  };

  const addProject = (projectOptions: FakeProjectOptions) => {
    const project = new FakeProject(projectOptions, nextTaskId);
    nextTaskId += project.count;
    projects.set(project.id, project);
    return project;
  };
  for (const project of options.projects ?? []) addProject(project);

  const server = await fakeServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const r: FakeRequest = { req, res, method: req.method ?? 'GET', url, path, state };
    if (path.startsWith('/api/')) {
      const fault = state.faults.next();
      if (fault?.status === 429) {
        sendJson(
          res,
          429,
          { detail: `Request was throttled. Expected available in ${fault.retryAfter} seconds.` },
          { 'retry-after': String(fault.retryAfter) },
        );
        return;
      }
      if (fault) {
        sendJson(res, fault.status, { detail: `fake fault ${fault.status}` });
        return;
      }
    }
    for (const route of ROUTES) if (await route(r)) return;
    sendJson(res, 404, { detail: 'Not found.' });
  });
  own.origin = server.origin;

  return {
    ...server,
    tokens: state.tokens,
    faults: state.faults,
    project(id) {
      const project = projects.get(id);
      if (!project) throw new Error(`the fake Label Studio has no project ${id}`);
      return project;
    },
    addProject,
    predictions: (taskId) => state.projectOfTask(taskId)?.predictions.get(taskId) ?? [],
    get stored() {
      return stored;
    },
    storedAtLeast: (count) =>
      stored >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.push({ count, resolve });
          }),
  };
}
