import type { BackendRuntime, Prediction, Task } from '@lsml/core';
import { CLIError } from '../cli-error.js';
import { predictBatch, type BatchOutcome } from '../predict/predict-batch.js';
import { answerError, type BackendHttp } from './backend-http.js';

/** A backend to pre-label with: its setup (answering the model version) and its predict. */
export interface PredictTarget {
  /** Runs setup with the project's config, as Label Studio does before predicting; the current model version. */
  setup(): Promise<string>;
  predict(tasks: Task[]): Promise<BatchOutcome>;
}

/** What Label Studio tells a backend about the project and itself. */
export interface ProjectContext {
  /** `"<id>.<created unix seconds>"` over HTTP; the runtime keys projects by the id. */
  project: string;
  projectId: string;
  labelConfig: string;
  /** Label Studio's URL and the key, as Label Studio's `/setup` sends `hostname` and `access_token`. */
  hostname: string;
  accessToken: string;
}

/** The backend in this process, through its runtime: the flows the server runs, without HTTP. */
export function runtimeTarget(
  runtime: BackendRuntime<unknown>,
  context: ProjectContext,
): PredictTarget {
  return {
    async setup() {
      try {
        return await runtime.setup(context.projectId, {
          labelConfig: context.labelConfig,
          labelStudio: { url: context.hostname, token: context.accessToken },
        });
      } catch (error) {
        throw refusedConfig(context.projectId, (error as Error).message, error);
      }
    },
    predict: (tasks) => predictBatch(runtime, tasks, context.projectId, context.labelConfig),
  };
}

/** A running backend at a URL (lsml or not), through `/setup` and `/predict` as Label Studio calls them. */
export function httpTarget(http: BackendHttp, context: ProjectContext): PredictTarget {
  let version = '';
  return {
    async setup() {
      const answer = await http.call('POST', '/setup', {
        project: context.project,
        schema: context.labelConfig,
        hostname: context.hostname,
        access_token: context.accessToken,
      });
      const modelVersion = (answer.json as { model_version?: unknown } | undefined)?.model_version;
      if (answer.status !== 200) throw refusedConfig(context.projectId, answerError(answer));
      if (typeof modelVersion !== 'string' || modelVersion === '')
        throw new CLIError(
          'BAD_LABEL_CONFIG',
          `${http.where}/setup answered without a model_version`,
          'Label Studio keys predictions by the version /setup answers; fix the backend, then run `lsml doctor`',
        );
      version = modelVersion;
      return modelVersion;
    },
    async predict(tasks) {
      let answer;
      try {
        answer = await http.call('POST', '/predict', {
          tasks,
          model_version: version,
          project: context.project,
          label_config: context.labelConfig,
          params: { login: null, password: null, context: null },
        });
      } catch (error) {
        return { ok: false, message: `${http.where}/predict: ${(error as Error).message}` };
      }
      return predictOutcome(answer.status, answer.json, tasks.length, version, () =>
        answerError(answer),
      );
    },
  };
}

function predictOutcome(
  status: number,
  json: unknown,
  count: number,
  version: string,
  error: () => string,
): BatchOutcome {
  if (status !== 200) return { ok: false, message: error() };
  const body = json as { results?: unknown; model_version?: unknown } | undefined;
  if (!Array.isArray(body?.results))
    return { ok: false, message: '/predict answered without a "results" list' };
  if (body.results.length !== count)
    return {
      ok: false,
      message: `/predict answered ${body.results.length} results for ${count} tasks (one per task, in order, is what Label Studio takes)`,
    };
  const modelVersion = typeof body.model_version === 'string' ? body.model_version : version;
  return { ok: true, results: body.results as Prediction[], modelVersion };
}

function refusedConfig(project: string, reason: string, cause?: unknown): CLIError {
  return new CLIError(
    'BAD_LABEL_CONFIG',
    `The backend rejects the label config of project ${project}: ${reason}`,
    'run `lsml doctor` for the details, or pick the backend made for this project',
    cause === undefined ? undefined : { cause },
  );
}
