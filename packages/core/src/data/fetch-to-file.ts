import { lookup as dnsLookup } from 'node:dns';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Agent, fetch as undiciFetch, type Response } from 'undici';
import { LsmlError } from '../errors/index.js';
import { checkHostAllowed, privateAddressGuard, type ResolveAll } from './address-guard.js';
import { describeUrl } from './describe-url.js';

export interface FetchPolicy {
  /** The Label Studio origin (`http://ls:8080`); only requests to it carry the token. */
  labelStudioOrigin: string | undefined;
  /**
   * The one origin the private-address guard lets through: Label Studio as the operator named it
   * (`LABEL_STUDIO_URL`), since it usually lives on a private network. Never a `/setup` hostname:
   * anyone who can reach `/setup` could name any host on the backend's network.
   */
  exemptOrigin: string | undefined;
  token: string | undefined;
  maxBytes: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  blockPrivateAddresses: boolean;
  maxRedirects: number;
  signal?: AbortSignal | undefined;
  /** How host names resolve (tests stand in a DNS server here). Default `dns.lookup`. */
  resolve?: ResolveAll | undefined;
}

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

export interface Fetched {
  contentType: string | undefined;
  size: number;
  /** Where the bytes finally came from (after redirects). */
  finalUrl: string;
}

/**
 * Requests `url` following redirects by hand, so the Label Studio token goes only to the Label
 * Studio origin (never after a redirect elsewhere) and every hop is checked against the policy.
 * Returns the response with headers received, or throws an LsmlError naming the URL.
 */
export async function requestWithPolicy(
  url: URL,
  policy: FetchPolicy,
  controller: AbortController,
): Promise<{ response: Response; url: URL }> {
  let current = url;
  for (let hop = 0; ; hop++) {
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
    if (toLabelStudio && policy.token) headers.authorization = `Token ${policy.token}`;
    const connectTimer = setTimeout(() => {
      controller.abort(
        new LsmlError(
          'DATA_TIMEOUT',
          `No answer from ${describeUrl(current)} within ${policy.connectTimeoutMs} ms`,
        ),
      );
    }, policy.connectTimeoutMs);
    let response: Response;
    try {
      // undici's fetch, not the global one: only it takes an undici Agent, whose connect-time
      // lookup closes the gap between the check above and the connection (DNS rebinding).
      response = await undiciFetch(current, {
        headers,
        redirect: 'manual',
        signal: controller.signal,
        ...(guarded ? { dispatcher: guardedAgent(resolve) } : {}),
      });
    } catch (error) {
      throw networkError(current, controller, error);
    } finally {
      clearTimeout(connectTimer);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      if (hop >= policy.maxRedirects)
        throw new LsmlError('DATA_FETCH_FAILED', `Too many redirects fetching ${describeUrl(url)}`);
      current = new URL(location, current);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw statusError(current, response.status, toLabelStudio);
    }
    return { response, url: current };
  }
}

/** Downloads `url` into `path` under the policy's size limit and read timeout. */
export async function fetchToFile(url: URL, path: string, policy: FetchPolicy): Promise<Fetched> {
  const controller = new AbortController();
  const onOuterAbort = () => {
    controller.abort(policy.signal?.reason);
  };
  policy.signal?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    const { response, url: finalUrl } = await requestWithPolicy(url, policy, controller);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > policy.maxBytes) {
      await response.body?.cancel();
      throw tooLarge(finalUrl, policy.maxBytes);
    }
    const size = await streamToFile(response, path, finalUrl, policy, controller);
    return {
      contentType: response.headers.get('content-type') ?? undefined,
      size,
      finalUrl: finalUrl.href,
    };
  } catch (error) {
    await rm(path, { force: true });
    throw controller.signal.reason instanceof LsmlError ? controller.signal.reason : error;
  } finally {
    policy.signal?.removeEventListener('abort', onOuterAbort);
  }
}

async function streamToFile(
  response: Response,
  path: string,
  url: URL,
  policy: FetchPolicy,
  controller: AbortController,
): Promise<number> {
  const out = createWriteStream(path);
  try {
    return await forEachChunk(response, url, policy, controller, async (chunk) => {
      if (!out.write(chunk))
        await new Promise<void>((resolve) =>
          out.once('drain', () => {
            resolve();
          }),
        );
    });
  } finally {
    await new Promise<void>((resolve, reject) => {
      out.end((error?: Error | null) => {
        if (error) reject(error);
        else resolve();
      });
    });
  }
}

/**
 * Reads a whole (small) answer into memory under the same rules as a download: at most
 * `maxBytes` (from Content-Length, then counted), and no pause longer than `readTimeoutMs`.
 */
export async function readBodyBounded(
  response: Response,
  url: URL,
  policy: FetchPolicy,
  controller: AbortController,
): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > policy.maxBytes) {
    await response.body?.cancel();
    throw tooLarge(url, policy.maxBytes);
  }
  const chunks: Uint8Array[] = [];
  await forEachChunk(response, url, policy, controller, (chunk) => {
    chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

/** Feeds the body to `onChunk`, enforcing the size limit and the read timeout; returns its size. */
async function forEachChunk(
  response: Response,
  url: URL,
  policy: FetchPolicy,
  controller: AbortController,
  onChunk: (chunk: Uint8Array) => void | Promise<void>,
): Promise<number> {
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const armReadTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      controller.abort(
        new LsmlError(
          'DATA_TIMEOUT',
          `${describeUrl(url)} stopped sending data for ${policy.readTimeoutMs} ms`,
        ),
      );
    }, policy.readTimeoutMs);
  };
  try {
    armReadTimer();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > policy.maxBytes) {
        controller.abort(tooLarge(url, policy.maxBytes));
        break;
      }
      await onChunk(chunk);
      armReadTimer();
    }
  } catch (error) {
    // An abort (timeout, size) surfaces as the stream's error: report why it was aborted.
    if (controller.signal.reason instanceof LsmlError) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
  if (controller.signal.aborted) throw controller.signal.reason;
  return size;
}

function tooLarge(url: URL, maxBytes: number): LsmlError {
  return new LsmlError(
    'DATA_TOO_LARGE',
    `${describeUrl(url)} is larger than the limit of ${maxBytes} bytes (LSML_DATA_MAX_BYTES)`,
  );
}

export function statusError(url: URL, status: number, toLabelStudio: boolean): LsmlError {
  const where = describeUrl(url);
  if (status === 404) return new LsmlError('DATA_NOT_FOUND', `${where} answered 404 Not Found`);
  if (status === 401 || status === 403) {
    const hint = toLabelStudio
      ? 'check LABEL_STUDIO_API_KEY (a Label Studio access token of a user who can see the project)'
      : 'the file host refused access; for Label Studio files set LABEL_STUDIO_URL to the address the file is served from';
    return new LsmlError('DATA_UNAUTHORIZED', `${where} answered ${status}: ${hint}`);
  }
  return new LsmlError('DATA_FETCH_FAILED', `${where} answered ${status}`);
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
