import { lookup as dnsLookup } from 'node:dns';
import { Agent, fetch as undiciFetch, type Response } from 'undici';
import { LsmlError } from '../errors/index.js';
import { checkHostAllowed, privateAddressGuard, type ResolveAll } from './address-guard.js';
import { describeUrl } from './describe-url.js';
import type { FetchPolicy, RequestInit } from './fetch-policy.js';
import { RETRY_DEFAULTS, retryDelay, sleep } from './retry-policy.js';
import { errorDetail, statusError } from './status-error.js';

/** One connection pool per resolver whose sockets refuse private addresses at connect time. */
const guardedAgents = new WeakMap<ResolveAll, Agent>();

function guardedAgent(resolve: ResolveAll): Agent {
  let agent = guardedAgents.get(resolve);
  if (!agent) {
    agent = new Agent({ connect: { lookup: privateAddressGuard(resolve) } });
    guardedAgents.set(resolve, agent);
  }
  return agent;
}

const UNTRUSTED_LABEL_STUDIO =
  'it is the Label Studio hostname /setup sent, which the guard never exempts: set LABEL_STUDIO_URL to the Label Studio address to allow it';

/**
 * Sends a request under `policy` and returns the final answer, whatever its status:
 * redirects are followed by hand (GET only), so the Label Studio token goes only to the Label
 * Studio origin (never after a redirect elsewhere) and every hop is checked against the policy;
 * a 401 to a personal access token's access token is retried once with a fresh one; 429 and
 * 5xx are retried with backoff (honouring `Retry-After`) as {@link retryDelay} allows.
 */
export async function sendWithPolicy(
  url: URL,
  policy: FetchPolicy,
  controller: AbortController,
  init: RequestInit = {},
): Promise<{ response: Response; url: URL; toLabelStudio: boolean }> {
  const method = init.method ?? 'GET';
  const retry = policy.retry ?? RETRY_DEFAULTS;
  const repeatable = method === 'GET' || init.idempotent === true;
  let current = url;
  let hops = 0;
  let attempt = 0;
  let renewed = false;
  for (;;) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      throw new LsmlError(
        'DATA_BLOCKED',
        `Refused to fetch ${describeUrl(current)}: only http, https and data URLs are allowed`,
      );
    }
    const toLabelStudio =
      policy.labelStudioOrigin !== undefined && current.origin === policy.labelStudioOrigin;
    const exempt = policy.exemptOrigin !== undefined && current.origin === policy.exemptOrigin;
    const resolve = policy.resolve ?? dnsLookup;
    // Checked on every hop: a redirect from the exempt origin to another host is guarded too.
    const guarded = policy.blockPrivateAddresses && !exempt;
    if (guarded)
      await checkHostAllowed(current, resolve, toLabelStudio ? UNTRUSTED_LABEL_STUDIO : undefined);
    const headers: Record<string, string> = { 'user-agent': 'lsml' };
    const authorization = toLabelStudio ? await policy.auth?.header() : undefined;
    if (authorization !== undefined) headers.authorization = authorization;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetchOnce(current, policy, controller, guarded ? resolve : undefined, {
      method,
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      if (method !== 'GET')
        throw new LsmlError(
          'DATA_FETCH_FAILED',
          `${describeUrl(current)} redirects a ${method} to ${describeUrl(new URL(location, current))}: set LABEL_STUDIO_URL to the address it redirects to (https?)`,
        );
      if (hops >= policy.maxRedirects)
        throw new LsmlError('DATA_FETCH_FAILED', `Too many redirects fetching ${describeUrl(url)}`);
      hops += 1;
      current = new URL(location, current);
      continue;
    }
    if (response.status === 401 && authorization !== undefined && !renewed) {
      // An access token expired or revoked early: one fresh exchange, then the 401 stands.
      if (policy.auth?.rejected(authorization)) {
        await response.body?.cancel();
        renewed = true;
        continue;
      }
    }
    const delay = retryDelay(response, attempt, retry, repeatable);
    if (delay !== undefined) {
      await response.body?.cancel();
      attempt += 1;
      await (retry.sleep ?? sleep)(delay, controller.signal);
      continue;
    }
    return { response, url: current, toLabelStudio };
  }
}

/** {@link sendWithPolicy}, throwing an LsmlError that names the URL and the fix for a non-2xx answer. */
export async function requestWithPolicy(
  url: URL,
  policy: FetchPolicy,
  controller: AbortController,
  init: RequestInit = {},
): Promise<{ response: Response; url: URL }> {
  const sent = await sendWithPolicy(url, policy, controller, init);
  if (!sent.response.ok) {
    const detail = await errorDetail(sent.response);
    throw statusError(sent.url, sent.response.status, sent.toLabelStudio, detail);
  }
  return sent;
}

async function fetchOnce(
  url: URL,
  policy: FetchPolicy,
  controller: AbortController,
  guardWith: ResolveAll | undefined,
  init: { method: string; headers: Record<string, string>; body: string | undefined },
): Promise<Response> {
  const connectTimer = setTimeout(() => {
    controller.abort(
      new LsmlError(
        'DATA_TIMEOUT',
        `No answer from ${describeUrl(url)} within ${policy.connectTimeoutMs} ms`,
      ),
    );
  }, policy.connectTimeoutMs);
  try {
    // undici's fetch, not the global one: only it takes an undici Agent, whose connect-time
    // lookup closes the gap between the host check and the connection (DNS rebinding).
    return await undiciFetch(url, {
      ...init,
      redirect: 'manual',
      signal: controller.signal,
      ...(guardWith ? { dispatcher: guardedAgent(guardWith) } : {}),
    });
  } catch (error) {
    throw networkError(url, controller, error);
  } finally {
    clearTimeout(connectTimer);
  }
}

function networkError(url: URL, controller: AbortController, error: unknown): LsmlError {
  if (controller.signal.reason instanceof LsmlError) return controller.signal.reason;
  // The connect-time address guard refuses with an LsmlError, which fetch wraps as its cause.
  const refused = (error as { cause?: unknown }).cause;
  if (refused instanceof LsmlError) return refused;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason =
    cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new LsmlError('DATA_FETCH_FAILED', `Cannot fetch ${describeUrl(url)}: ${reason}`, {
    cause: error,
  });
}
