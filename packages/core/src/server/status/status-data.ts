import type { VersionAcceptance } from '../../analytics/index.js';
import type { ProjectId } from '../../contract/types.js';
import { labelKey } from '../../label-config/index.js';
import type { ListedVersion } from '../../store/index.js';
import { describeRedis } from '../../store/index.js';
import type { HealthReport } from '../../runtime/index.js';
import type { JobInfo } from '../../training/index.js';
import type { RouteDeps } from '../deps.js';
import type { RequestRates, RouteTraffic } from './request-rates.js';

/** A control of the label config, as the page summarizes it. */
export interface ControlSummary {
  tag: string;
  name: string;
  toName: string[];
  labels: string[];
}

export interface ProjectStatus {
  id: ProjectId;
  /** `null` when no label config is stored yet (or it no longer parses). */
  controls: ControlSummary[] | null;
  objects: { tag: string; name: string }[];
  current: string;
  pinned: string | undefined;
  versions: ListedVersion[];
  acceptance: VersionAcceptance[];
}

/** What the page shows, and what `GET /status` answers. Never holds a secret. */
export interface StatusData {
  backend: string;
  generatedAt: string;
  config: {
    mode: 'dev' | 'production';
    trainer: 'inline' | 'queue';
    /** `host:port` (no credentials); `null` in dev mode. */
    redis: string | null;
    workerConcurrency: number;
    validation: 'strict' | 'lenient';
    basicAuth: boolean;
    webhookAuth: 'required' | 'none';
    webhookSecret: boolean;
    trainEvery: number;
    keepVersions: number;
    /** Bounds, and the share of time recording may take (`LSML_PREDICTION_LOG_BUDGET`). */
    predictionLog: { maxEntries: number; maxDays: number; budget: number };
  };
  /** What `/health` reports: whether training can run, and why not. */
  health: HealthReport;
  projects: ProjectStatus[];
  jobs: JobInfo[];
  traffic: RouteTraffic[];
}

/** Gathers the page's data; a part that cannot be read (Redis down) is left empty, not fatal. */
export async function collectStatus(
  deps: RouteDeps,
  rates: RequestRates,
  health: () => Promise<HealthReport>,
): Promise<StatusData> {
  const { runtime, trainer, config } = deps;
  const warn = (what: string) => (error: unknown) => {
    runtime.log.warn({ err: error }, `status page: could not read ${what}`);
  };
  const listed = await runtime.store.projects().catch((e: unknown) => (warn('projects')(e), []));
  const ids = [...new Set([...listed, ...runtime.models.loaded()])].sort((a, b) =>
    a.localeCompare(b, undefined, { numeric: true }),
  );
  await runtime.acceptance?.settled();
  const projects = await Promise.all(ids.map((id) => projectStatus(deps, id, warn)));
  const jobs = (await trainer.recent?.(10).catch((e: unknown) => (warn('jobs')(e), []))) ?? [];
  return {
    backend: runtime.backend.name,
    generatedAt: new Date().toISOString(),
    config: {
      mode: config.mode,
      trainer: trainer.mode,
      redis: config.mode === 'production' ? describeRedis(config.redis) : null,
      workerConcurrency: config.workerConcurrency,
      validation: config.validation,
      basicAuth: config.basicAuth !== undefined,
      webhookAuth: config.webhookAuth,
      webhookSecret: config.webhookSecret !== undefined,
      trainEvery: config.trainEvery,
      keepVersions: config.keepVersions,
      predictionLog: { ...config.predictionLog, budget: config.predictionLogBudget },
    },
    health: await health(),
    projects,
    jobs,
    traffic: rates.traffic(),
  };
}

async function projectStatus(
  { runtime }: RouteDeps,
  id: ProjectId,
  warn: (what: string) => (error: unknown) => void,
): Promise<ProjectStatus> {
  const li = await runtime
    .labelInterface(id, undefined)
    .catch((e: unknown) => (warn(`project ${id}'s label config`)(e), undefined));
  const listing = await runtime.store
    .listing(id)
    .catch((e: unknown) => (warn(`project ${id}'s versions`)(e), undefined));
  const acceptance =
    (await runtime.acceptance
      ?.report(id)
      .catch((e: unknown) => (warn(`project ${id}'s acceptance`)(e), []))) ?? [];
  return {
    id,
    controls: li
      ? li.controls.map((c) => ({
          tag: c.tag,
          name: c.name,
          toName: c.toName,
          labels: c.labels.map(labelKey),
        }))
      : null,
    objects: li ? li.objects.map((o) => ({ tag: o.tag, name: o.name })) : [],
    current: listing?.current ?? runtime.store.label(0),
    pinned: listing?.pinned,
    versions: listing?.versions ?? [],
    acceptance,
  };
}
