import type { Redis } from 'ioredis';
import type { Backend, DataReader, InteractiveContext } from '../contract/backend.js';
import type { ProjectState } from '../contract/project-state.js';
import type { Prediction, ProjectId, Task, TrainingEvent } from '../contract/types.js';
import { bindTaskIds, type DataAccess } from '../data/index.js';
import { LsmlError } from '../errors/index.js';
import { parseLabelConfig, type LabelInterface } from '../label-config/index.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import {
  announceVersion,
  type ModelStore,
  type ProjectStores,
  type QueueKeys,
  type RedisLocation,
  type TrainingDataStore,
  type VersionInfo,
  type VersionListing,
} from '../store/index.js';
import type { AcceptanceTracker } from './acceptance-tracker.js';
import { guardPredictions } from './prediction-guard.js';
import { ProjectModels } from './project-models.js';
import { runFit, type TrainingHooks, type TrainingOutcome } from './run-fit.js';

const LABEL_CONFIG_KEY = 'lsml:label_config';

/** The Redis a production runtime shares with every replica and worker. */
export interface SharedRedis {
  connection: Redis;
  location: RedisLocation;
  keys: QueueKeys;
  /** `host:port`, for messages. */
  where: string;
}

/** What a runtime is made of; {@link createRuntime} chooses them from the config. */
export interface RuntimeParts {
  log: Logger;
  metrics: Metrics;
  store: ModelStore;
  stores: ProjectStores;
  data: DataAccess;
  /** Reads task data; `data.readData` unless a caller stands another in. */
  readData: DataReader;
  validation: 'strict' | 'lenient';
  /** Production mode: the shared Redis. */
  redis?: SharedRedis | undefined;
  /** Acceptance analytics; absent when recording is off (`LSML_PREDICTION_LOG_MAX=0`). */
  acceptance?: AcceptanceTracker | undefined;
}

/** One `/predict` call, as the runtime takes it from the route or the CLI. */
export interface PredictRequest {
  /** The label config the request carried (else the project's stored one). */
  labelConfig?: string | undefined;
  /** `params` of the request, without credentials or `context`. */
  params?: Record<string, unknown>;
  /** `params.context` for interactive pre-annotation. */
  context?: InteractiveContext | undefined;
  log?: Logger;
  /** Read only when the backend reads `ctx.signal` (building it costs the route a Request). */
  signal?: AbortSignal;
}

/** The answer to a predict call: one prediction per task, each stamped with a version. */
export interface PredictAnswer {
  results: Prediction[];
  modelVersion: string;
}

const NEVER_ABORTED = new AbortController().signal;

/**
 * Everything one process does with a backend: predict (context, count check, validation,
 * versions), train (training set, `fit`, commit), setup and versions. The HTTP routes, the
 * training workers and the CLI all call it; none of them orchestrates a flow itself.
 */
export class BackendRuntime<M> {
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly store: ModelStore;
  readonly models: ProjectModels<M>;
  readonly trainingData: TrainingDataStore;
  readonly data: DataAccess;
  readonly redis: SharedRedis | undefined;
  readonly acceptance: AcceptanceTracker | undefined;
  private readonly parts: RuntimeParts;
  private readonly states = new Map<ProjectId, ProjectState>();
  /** The label config this process last saw stored, per project: saves a write per request. */
  private readonly labelConfigs = new Map<ProjectId, { text: string; li: LabelInterface }>();
  private initialized: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  constructor(
    readonly backend: Backend<M>,
    parts: RuntimeParts,
  ) {
    this.parts = parts;
    this.log = parts.log;
    this.metrics = parts.metrics;
    this.store = parts.store;
    this.trainingData = parts.stores.trainingData;
    this.data = parts.data;
    this.redis = parts.redis;
    this.acceptance = parts.acceptance;
    this.models = new ProjectModels(backend, parts.store, parts.log, (project, version) => {
      parts.metrics.setModelVersion(project, version);
    });
  }

  /**
   * Runs the backend's `init` once per process; every later call shares the first one's
   * outcome. Entry points await it before serving; predict and train await it too.
   */
  init(): Promise<void> {
    this.initialized ??= Promise.resolve(
      this.backend.init?.({ log: this.log, signal: this.stopping.signal }),
    );
    return this.initialized;
  }

  state(project: ProjectId): ProjectState {
    let state = this.states.get(project);
    if (!state) {
      state = this.parts.stores.projectState(project);
      this.states.set(project, state);
    }
    return state;
  }

  /**
   * The project's label config: `given` when the request carries one (remembered for later
   * calls that do not), else the last one seen.
   */
  async labelInterface(
    project: ProjectId,
    given: string | undefined,
  ): Promise<LabelInterface | undefined> {
    const state = this.state(project);
    if (given !== undefined && given.trim() !== '') {
      const seen = this.labelConfigs.get(project);
      if (seen?.text === given) return seen.li;
      const li = parseLabelConfig(given);
      try {
        if ((await state.get<string>(LABEL_CONFIG_KEY)) !== given)
          await state.set(LABEL_CONFIG_KEY, given);
        this.labelConfigs.set(project, { text: given, li });
      } catch (error) {
        // The request carries its config, so it can be served without the shared state
        // (production: /predict keeps working while Redis is down). Stored on a later call.
        this.log.warn({ err: error, project }, 'could not store the label config');
      }
      return li;
    }
    const stored = await state.get<string>(LABEL_CONFIG_KEY);
    return stored === undefined ? undefined : parseLabelConfig(stored);
  }

  /**
   * `/setup`: stores the config, lets the backend refuse it, remembers Label Studio's address,
   * and answers the project's *current* version (Label Studio re-predicts when it changes).
   */
  async setup(
    project: ProjectId,
    request: {
      labelConfig?: string | undefined;
      labelStudio?: { url?: string | undefined; token?: string | undefined };
      log?: Logger;
    },
  ): Promise<string> {
    await this.init();
    const labelInterface = await this.labelInterface(project, request.labelConfig);
    if (labelInterface) await this.checkConfig(labelInterface, project, request.log);
    if (request.labelStudio) this.data.resolver.setLabelStudio(request.labelStudio);
    const live = await this.models.refresh(project);
    if (!labelInterface && request.labelConfig !== undefined)
      throw new LsmlError('INVALID_LABEL_CONFIG', 'The label config ("schema") is empty');
    return live.version;
  }

  /** Throws `UNSUPPORTED_CONFIG` (from the backend's `setup`) when it cannot use the config. */
  async checkConfig(
    labelInterface: LabelInterface,
    project: ProjectId | undefined,
    log: Logger = this.log,
  ): Promise<void> {
    await this.init();
    await this.backend.setup?.({ project, labelInterface, log });
  }

  /** One prediction per task, in task order, validated and stamped with the live version. */
  async predict(
    project: ProjectId,
    tasks: Task[],
    request: PredictRequest = {},
  ): Promise<PredictAnswer> {
    await this.init();
    const log = request.log ?? this.log;
    const labelInterface = await this.labelInterface(project, request.labelConfig);
    if (!labelInterface) {
      throw new LsmlError(
        'VALIDATION_FAILED',
        `No label config for project ${project}: send "label_config" in the request, or call /setup with "schema" first`,
      );
    }
    const live = await this.models.get(project);
    let predictions: Prediction[];
    try {
      predictions = await this.backend.predict(tasks, {
        project,
        labelInterface,
        model: live.model,
        modelVersion: live.version,
        interactive: request.context?.result ? request.context : undefined,
        params: request.params ?? {},
        state: this.state(project),
        readData: bindTaskIds(this.parts.readData, () => tasks),
        log,
        get signal() {
          return request.signal ?? NEVER_ABORTED;
        },
      });
    } catch (error) {
      this.metrics.predictErrors.inc({ reason: 'backend' });
      throw error;
    }
    if (!Array.isArray(predictions) || predictions.length !== tasks.length) {
      this.metrics.predictErrors.inc({ reason: 'count' });
      throw new LsmlError(
        'BACKEND_ERROR',
        `${this.backend.name}.predict returned ${Array.isArray(predictions) ? predictions.length : typeof predictions} predictions for ${tasks.length} tasks; it must return one per task, in order`,
      );
    }
    const guarded = guardPredictions(
      predictions,
      labelInterface,
      this.parts.validation,
      log,
      this.metrics,
    );
    // A backend may name its own version per prediction; acceptance counts each under it.
    let ownVersions = false;
    const results: (Prediction & { model_version: string })[] = [];
    for (const p of guarded) {
      if (p.model_version !== undefined && p.model_version !== live.version) ownVersions = true;
      results.push({ ...p, model_version: p.model_version ?? live.version });
    }
    this.metrics.tasksPredicted.inc({}, tasks.length);
    // Interactive predictions answer a click, not a task: annotators do not judge them.
    if (!request.context?.result)
      this.acceptance?.recordPredictions(
        project,
        tasks,
        results,
        ownVersions ? results.map((r) => r.model_version) : live.version,
      );
    return { results, modelVersion: live.version };
  }

  /** Runs `fit` on the project's training set and commits a new version when it trains. */
  async train(
    project: ProjectId,
    event: TrainingEvent,
    hooks: TrainingHooks = {},
  ): Promise<TrainingOutcome> {
    await this.init();
    const outcome = await runFit(this, project, event, {
      readData: this.parts.readData,
      labelStudio: this.data.labelStudio,
      ...hooks,
    });
    if (outcome.status === 'trained' && outcome.version !== undefined)
      await this.announce(project, outcome.version);
    return outcome;
  }

  /** Every project's versions, which are current and pinned, and the keep count, for /versions. */
  async versions(
    project?: ProjectId,
  ): Promise<Record<ProjectId, VersionListing & { current: string }>> {
    const projects = project === undefined ? await this.store.projects() : [project];
    const out: Record<ProjectId, VersionListing & { current: string }> = {};
    for (const p of projects) {
      const listing = await this.store.listing(p);
      out[p] = { ...listing, current: listing.current ?? this.store.label(0) };
    }
    return out;
  }

  /** Makes an earlier version current again, here and in every replica. */
  async rollback(project: ProjectId, version: string | number): Promise<VersionInfo> {
    const info = await this.store.rollback(project, version);
    await this.models.refresh(project);
    await this.announce(project, info.version);
    return info;
  }

  /** Writes what acceptance analytics still holds; call before {@link close}. */
  async flush(): Promise<void> {
    await this.acceptance?.close();
  }

  /** Aborts a running `init` and releases the Redis connection. */
  close(): void {
    this.stopping.abort();
    this.redis?.connection.disconnect();
  }

  /** Production: tells every API replica to load the project's new current version. */
  private async announce(project: ProjectId, version: string): Promise<void> {
    if (!this.redis) return;
    await announceVersion(this.redis.connection, this.redis.keys.versionsChannel, {
      project,
      version,
    });
  }
}
