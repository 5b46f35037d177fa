import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Response } from 'undici';
import { LsmlError } from '../errors/index.js';
import { describeUrl } from './describe-url.js';
import type { FetchPolicy } from './fetch-policy.js';
import { requestWithPolicy } from './request-with-policy.js';

export interface Fetched {
  contentType: string | undefined;
  size: number;
  /** Where the bytes finally came from (after redirects). */
  finalUrl: string;
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
