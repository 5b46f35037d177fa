import type { Hono } from 'hono';
import { bindTaskIds } from '../../data/index.js';
import { LsmlError } from '../../errors/index.js';
import { requireLabelInterface } from '../../model/backend-runtime.js';
import type { InteractiveContext } from '../../model/backend.js';
import { requestProjectId } from '../../model/project-id.js';
import type { Prediction, Task } from '../../model/types.js';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';
import { guardPredictions } from '../prediction-guard.js';
import { readJson } from '../read-json.js';
import { predictBodySchema } from '../schemas.js';

/**
 * `POST /predict`: one prediction per task, in task order, each checked against the label
 * config and stamped with the project's current model version.
 */
export function predictRoute(app: Hono<LsmlEnv>, { runtime, metrics, options }: RouteDeps): void {
  app.post('/predict', async (c) => {
    const body = await readJson(c, predictBodySchema);
    const project = requestProjectId(body.project, 'project') ?? 'default';
    const labelInterface = requireLabelInterface(
      await runtime.labelInterface(project, body.label_config ?? undefined),
      project,
    );
    const live = await runtime.models.get(project);
    const { login: _login, password: _password, context, ...params } = body.params ?? {};
    const tasks = body.tasks as Task[];
    let predictions: Prediction[];
    try {
      predictions = await runtime.backend.predict(tasks, {
        project,
        labelInterface,
        model: live.model,
        modelVersion: live.version,
        interactive: context?.result ? (context as InteractiveContext) : undefined,
        params,
        state: runtime.state(project),
        readData: bindTaskIds(runtime.options.readData, () => tasks),
        log: c.get('log'),
        // Reading the raw request's signal makes @hono/node-server build a full Request object:
        // done only if the backend asks for it.
        get signal() {
          return c.req.raw.signal;
        },
      });
    } catch (error) {
      metrics.predictErrors.inc({ reason: 'backend' });
      throw error;
    }
    if (!Array.isArray(predictions) || predictions.length !== tasks.length) {
      metrics.predictErrors.inc({ reason: 'count' });
      throw new LsmlError(
        'BACKEND_ERROR',
        `${runtime.backend.name}.predict returned ${Array.isArray(predictions) ? predictions.length : typeof predictions} predictions for ${tasks.length} tasks; it must return one per task, in order`,
      );
    }
    const results = guardPredictions(
      predictions,
      labelInterface,
      options.validation,
      c.get('log'),
      metrics,
    ).map((p) => ({
      ...p,
      model_version: p.model_version ?? live.version,
    }));
    metrics.tasksPredicted.inc({}, tasks.length);
    return c.json({ results, model_version: live.version });
  });
}
