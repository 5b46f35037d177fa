import { bindTaskIds, type LabelStudioClient } from '../data/index.js';
import { join } from 'node:path';
import { LsmlError } from '../errors/index.js';
import { parseLabelConfig, type LabelInterface } from '../label-config/index.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import {
  FileProjectState,
  FileTrainingData,
  ModelStore,
  type TrainingDataStore,
  type VersionListing,
} from '../store/index.js';
import type { Backend, DataReader, FitResult } from './backend.js';
import type { ProjectState } from './project-state.js';
import { ProjectModels } from './project-models.js';
import type { ProjectId, TrainingEvent } from './types.js';

const LABEL_CONFIG_KEY = 'lsml:label_config';

export interface RuntimeOptions {
  modelDir: string;
  /** Versions each commit keeps per project (`LSML_KEEP_VERSIONS`); default 10. */
  keepVersions?: number | undefined;
  log: Logger;
  metrics: Metrics;
  readData: DataReader;
  /** Label Studio's API, for backends that pull labeled tasks on START_TRAINING. */
  labelStudio?: LabelStudioClient | undefined;
  trainingData?: TrainingDataStore;
  /** Per-project state; default `state.json` in the project's model dir. */
  projectState?: (project: ProjectId) => ProjectState;
}

/** Stores that every process of a deployment must share (production: Redis). */
export interface SharedStores {
  trainingData: TrainingDataStore;
  projectState: (project: ProjectId) => ProjectState;
}

/** What a training run ended with, as jobs report it. */
export interface TrainingOutcome {
  status: 'trained' | 'skipped';
  version?: string;
  reason?: string;
  trainingSetSize?: number;
  metrics?: Record<string, number>;
}

/**
 * Everything one process knows about a backend's projects: the model store, the loaded models,
 * the training data, per-project state and label configs. Shared by the HTTP app and workers.
 */
export class BackendRuntime<M> {
  readonly store: ModelStore;
  readonly models: ProjectModels<M>;
  private data: TrainingDataStore;
  private newState: (project: ProjectId) => ProjectState;
  private readonly states = new Map<ProjectId, ProjectState>();
  /** The label config this process last saw stored, per project: saves a write per request. */
  private readonly labelConfigs = new Map<ProjectId, { text: string; li: LabelInterface }>();

  constructor(
    readonly backend: Backend<M>,
    readonly options: RuntimeOptions,
  ) {
    this.store = new ModelStore(options.modelDir, backend.name, {
      keepVersions: options.keepVersions,
    });
    this.models = new ProjectModels(backend, this.store, options.log, (project, version) => {
      options.metrics.setModelVersion(project, version);
    });
    this.data = options.trainingData ?? new FileTrainingData((p) => this.store.projectDir(p));
    this.newState =
      options.projectState ?? ((project) => new FileProjectState(this.store.projectDir(project)));
  }

  /** The annotations received so far, per project. */
  get trainingData(): TrainingDataStore {
    return this.data;
  }

  /**
   * Switches to stores shared by every process (the queue trainer calls it: in production,
   * nothing in-process may be the only copy of state). Call before serving.
   */
  useSharedStores(stores: SharedStores): void {
    this.data = stores.trainingData;
    this.newState = stores.projectState;
    this.states.clear();
    this.labelConfigs.clear();
  }

  get log(): Logger {
    return this.options.log;
  }

  state(project: ProjectId): ProjectState {
    let state = this.states.get(project);
    if (!state) {
      state = this.newState(project);
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

  /** Runs `fit` on the project's training set and commits a new version when it trains. */
  async train(
    project: ProjectId,
    event: TrainingEvent,
    hooks: {
      progress?: (fraction: number) => Promise<void>;
      signal?: AbortSignal;
      log?: Logger;
    } = {},
  ): Promise<TrainingOutcome> {
    const fit = this.backend.fit?.bind(this.backend);
    if (!fit)
      return { status: 'skipped', reason: `${this.backend.name} does not train (it has no fit)` };
    const log = hooks.log ?? this.log.child({ project });
    const labelInterface = await this.labelInterface(project, event.labelConfig);
    // A dead process may have left a half-written version behind.
    await this.store.sweep(project);
    const annotations = await this.trainingData.all(project);
    // Another worker may have trained since this process loaded the project: continue from
    // the store's current version, not from a stale copy.
    const live = await this.models.refresh(project);
    const started = Date.now();
    let result: FitResult<M>;
    try {
      result = await fit({
        project,
        event,
        labelInterface,
        annotations,
        previous: live.model,
        state: this.state(project),
        readData: bindTaskIds(this.options.readData, () => annotations.map((a) => a.task)),
        labelStudio: this.options.labelStudio,
        log,
        progress: hooks.progress ?? (() => Promise.resolve()),
        signal: hooks.signal ?? new AbortController().signal,
      });
    } catch (error) {
      this.options.metrics.trainingRuns.inc({ outcome: 'failed' });
      throw error;
    }
    if (result.status === 'skipped') {
      this.options.metrics.trainingRuns.inc({ outcome: 'skipped' });
      log.info({ reason: result.reason }, 'training skipped');
      return { status: 'skipped', reason: result.reason };
    }
    const trainingSetSize = result.trainingSetSize ?? annotations.length;
    const info = await this.store.commit(
      project,
      { trainingSetSize, metrics: result.metrics },
      async (writer) => {
        if (this.backend.save) await this.backend.save(result.model, writer);
        else await writer.writeJson('model.json', result.model);
      },
    );
    this.models.install(project, info, result.model);
    this.options.metrics.trainingRuns.inc({ outcome: 'trained' });
    log.info(
      { version: info.version, trainingSetSize, ms: Date.now() - started },
      'training finished',
    );
    return {
      status: 'trained',
      version: info.version,
      trainingSetSize,
      ...(result.metrics ? { metrics: result.metrics } : {}),
    };
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
}

/** Default model directory: `MODEL_DIR`, else `./models` beside the process. */
export function defaultModelDir(env: NodeJS.ProcessEnv = process.env): string {
  // An empty MODEL_DIR (compose's `${MODEL_DIR:-}`) means unset, not the current directory.
  return env.MODEL_DIR?.trim() || join(process.cwd(), 'models');
}

export function requireLabelInterface(
  li: LabelInterface | undefined,
  project: ProjectId,
): LabelInterface {
  if (!li) {
    throw new LsmlError(
      'VALIDATION_FAILED',
      `No label config for project ${project}: send "label_config" in the request, or call /setup with "schema" first`,
    );
  }
  return li;
}
