import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultOptions, FaultPlan } from './faults.js';
import type { FakePrediction, FakeProject, FakeProjectOptions } from './fake-project.js';
import type { FakeTokens, TokenOptions } from './fake-tokens.js';
import { sendJson } from './http-helpers.js';

export interface FakeLabelStudioOptions {
  projects?: FakeProjectOptions[];
  /** Token kinds and access token lifetime. */
  tokens?: TokenOptions;
  /** Deterministic 429s and 5xx. Default none. */
  faults?: FaultOptions;
  /** `GET /api/version`'s `release`. Default `1.20.0`. */
  version?: string;
  /** `POST /api/projects/:id/import/predictions` exists. Default true; false plays an older Label Studio. */
  bulkPredictions?: boolean;
  /** `LOCAL_FILES_SERVING_ENABLED` of this Label Studio. Default false (local-files URLs answer 403). */
  localFiles?: boolean;
  /**
   * Label Studio runs in Docker: an ML backend at `localhost`/`127.0.0.1` is, from inside the
   * container, Label Studio itself, so it is listed `DI` (disconnected) unless a state is given.
   */
  docker?: boolean;
  /** Where presigned cloud-storage URLs and `/redirect-away` point. Default: this server. */
  otherOrigin?: () => string;
  /** Tasks per page when the client sends no `page_size`. Default 100. */
  defaultPageSize?: number;
}

/** What the routes share: the options, the data and the counters. */
export interface FakeState {
  readonly options: FakeLabelStudioOptions;
  readonly tokens: FakeTokens;
  readonly faults: FaultPlan;
  readonly projects: Map<number, FakeProject>;
  projectOfTask(id: number): FakeProject | undefined;
  /** Stores predictions (ids assigned here) and tells whoever waits on the count. */
  store(project: FakeProject, items: Omit<FakePrediction, 'id' | 'project'>[]): FakePrediction[];
  /** Where presigned URLs and `/redirect-away` point. */
  otherOrigin(): string;
}

/** One request as a route sees it. */
export interface FakeRequest {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  /** The path without a trailing slash (Label Studio redirects GETs to the slashed form). */
  path: string;
  state: FakeState;
}

/** A route: handles the request and returns true, or returns false to let the next one try. */
export type FakeRoute = (r: FakeRequest) => boolean | Promise<boolean>;

/** Answers 401 as Label Studio does unless the request carries a valid token; true when it does. */
export function authorized(r: FakeRequest): boolean {
  const refusal = r.state.tokens.check(r.req.headers.authorization);
  if (!refusal) return true;
  const { status, ...body } = refusal;
  sendJson(r.res, status, body, { 'www-authenticate': 'Token' });
  return false;
}

export function notFound(r: FakeRequest): true {
  sendJson(r.res, 404, { detail: 'Not found.' });
  return true;
}
