import type { Logger } from '../observability/logger.js';
import type { ModelStore, VersionInfo } from '../store/index.js';
import type { Backend } from '../contract/backend.js';
import type { ProjectId } from '../contract/types.js';

/** A project's live model: the stored version and its loaded form. */
export interface LiveModel<M> {
  info: VersionInfo | undefined;
  model: M | undefined;
  /** The version label Label Studio sees (`<name>-v0` before the first training). */
  version: string;
}

/**
 * The loaded current model of each project in this process. Loads lazily from the store,
 * and swaps in a new version only once it is fully loaded, so /predict never waits on training
 * and never sees a half-loaded model.
 */
export class ProjectModels<M> {
  private readonly live = new Map<ProjectId, LiveModel<M>>();
  private readonly loading = new Map<ProjectId, Promise<LiveModel<M>>>();
  /** A refresh asked for while a load runs: that load may have read the pointer too early. */
  private readonly again = new Map<ProjectId, Promise<LiveModel<M>>>();

  constructor(
    private readonly backend: Backend<M>,
    private readonly store: ModelStore,
    private readonly log: Logger,
    private readonly onChange: (project: ProjectId, version: string) => void = () => undefined,
  ) {}

  async get(project: ProjectId): Promise<LiveModel<M>> {
    return this.live.get(project) ?? (await (this.loading.get(project) ?? this.startLoad(project)));
  }

  /**
   * Re-reads the store's current pointer and loads that version if it changed. Concurrent
   * calls share loads, but a call made while a load runs always gets a load that started after
   * it (a version announced mid-load is never missed).
   */
  refresh(project: ProjectId): Promise<LiveModel<M>> {
    const inFlight = this.loading.get(project);
    if (!inFlight) return this.startLoad(project);
    let queued = this.again.get(project);
    if (!queued) {
      queued = inFlight
        .catch(() => undefined)
        .then(() => {
          this.again.delete(project);
          return this.startLoad(project);
        });
      this.again.set(project, queued);
    }
    return queued;
  }

  private startLoad(project: ProjectId): Promise<LiveModel<M>> {
    const work = this.load(project).finally(() => {
      if (this.loading.get(project) === work) this.loading.delete(project);
    });
    this.loading.set(project, work);
    return work;
  }

  /** Installs a model this process just trained, without reading it back. */
  install(project: ProjectId, info: VersionInfo, model: M): void {
    this.set(project, { info, model, version: info.version });
  }

  /** Projects with a model loaded in this process. */
  loaded(): ProjectId[] {
    return [...this.live.keys()];
  }

  private async load(project: ProjectId): Promise<LiveModel<M>> {
    for (;;) {
      const info = await this.store.current(project);
      const existing = this.live.get(project);
      if (existing && existing.info?.number === info?.number) return existing;
      if (!info) {
        const cold: LiveModel<M> = {
          info: undefined,
          model: undefined,
          version: this.store.label(0),
        };
        this.set(project, cold);
        return cold;
      }
      let model: M;
      try {
        model = await this.read(info);
      } catch (error) {
        // Newer commits (another process) may have pruned this version while it loaded: their
        // `current` is newer, so load that one. Any other failure is the backend's.
        if (!(await this.store.exists(info))) continue;
        throw error;
      }
      return this.goLive(project, info, model);
    }
  }

  private async read(info: VersionInfo): Promise<M> {
    const reader = this.store.reader(info);
    return this.backend.load
      ? await this.backend.load(reader)
      : await reader.readJson<M>('model.json');
  }

  private goLive(project: ProjectId, info: VersionInfo, model: M): LiveModel<M> {
    const next = { info, model, version: info.version };
    this.set(project, next);
    this.log.info({ project, version: info.version }, 'model version is live');
    return next;
  }

  private set(project: ProjectId, live: LiveModel<M>): void {
    const before = this.live.get(project)?.version;
    this.live.set(project, live);
    if (before !== live.version) this.onChange(project, live.version);
  }
}
