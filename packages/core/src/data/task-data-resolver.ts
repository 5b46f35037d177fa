import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { LsmlError } from '../errors/index.js';
import { decodeDataUri } from './data-uri.js';
import { describeUrl } from './describe-url.js';
import { DiskCache } from './disk-cache.js';
import type { FetchPolicy } from './fetch-policy.js';
import { fetchToFile } from './fetch-to-file.js';
import { LabelStudioAuth } from './label-studio-auth.js';
import { isLocalFilesUrl, resolveLocalFile } from './local-files.js';
import type { TaskDataOptions } from './options.js';
import type { RetryPolicy } from './retry-policy.js';
import { tokenExchange } from './token-exchange.js';

/** What tests (and programs with their own clock) may stand in for a resolver. */
export interface ResolverHooks {
  /** The clock access tokens expire against. Default `Date.now`. */
  now?: () => number;
  /** How 429 and 5xx answers are retried (and waited for). */
  retry?: RetryPolicy;
}

/** Where a task data value's bytes are on this machine. */
export interface ResolvedData {
  /** A file in the download cache, or the allowed local file itself. */
  path: string;
  contentType: string | undefined;
  size: number;
  /** What was resolved, printable: no token, no query string. */
  source: string;
}

const CLOUD = /^(s3|gs|azure-blob|azure-spi):\/\//i;

/** True for `s3://`, `gs://`, `azure-blob://` and `azure-spi://` URIs (read through Label Studio). */
export function isCloudStorageUri(value: string): boolean {
  return CLOUD.test(value.trim());
}

/**
 * Turns a task data value (`task.data.image`) into a local file: http(s) URLs, Label Studio
 * uploads and local files (`/data/upload/…`, `/data/local-files/?d=…`), cloud storage URIs
 * (through Label Studio's presign endpoint) and `data:` URIs. Downloads are cached on disk
 * (content-addressed, LRU-bounded) and concurrent requests for one URL share one download.
 * The Label Studio token is sent to the Label Studio origin only.
 *
 * @example
 * const resolver = createTaskDataResolver(taskDataOptionsFromEnv());
 * const image = await resolver.readBuffer(task.data.image as string);
 */
export class TaskDataResolver {
  private readonly cache: DiskCache;
  private fromSetup: { url?: string | undefined; token?: string | undefined } = {};
  /** The auth of the connection in force, kept while URL and token stay the same (its access token with it). */
  private current: { key: string; auth: LabelStudioAuth } | undefined;

  constructor(
    readonly options: TaskDataOptions,
    private readonly hooks: ResolverHooks = {},
  ) {
    this.cache = new DiskCache(options.cacheDir, options.cacheMaxBytes);
  }

  /**
   * Remembers the connection a `/setup` call sent. The call replaces the previous one whole: a
   * later `/setup` with only a new hostname must not inherit an earlier call's token, or anyone
   * who can reach `/setup` could have that token sent to a host of their choosing.
   */
  setLabelStudio(connection: { url?: string | undefined; token?: string | undefined }): void {
    const url = nonEmpty(connection.url);
    const token = nonEmpty(connection.token);
    if (url === undefined && token === undefined) return;
    this.fromSetup = { url, token };
  }

  /**
   * The Label Studio base URL and token in force. URL and token travel as a pair, so a token
   * only ever goes to the URL it came with:
   *
   * - `LABEL_STUDIO_URL` set: that URL, with `LABEL_STUDIO_API_KEY`, else the token `/setup`
   *   sent (the operator chose the host; the hostname Label Studio reports is often one only
   *   it can reach, like `http://localhost:8080`).
   * - only `LABEL_STUDIO_API_KEY` set: the `/setup` hostname with the `/setup` token. The env
   *   key is never sent to a host that `/setup` named (it is unused until LABEL_STUDIO_URL is set).
   * - neither: the `/setup` hostname and token.
   *
   * Only `LABEL_STUDIO_URL` is exempt from the private-address guard ({@link policy}): a `/setup`
   * hostname gets its token but is guarded like any host, as anyone who can reach `/setup` sends it.
   */
  labelStudio(): { url: string | undefined; token: string | undefined } {
    const envUrl = this.options.labelStudioUrl;
    if (envUrl !== undefined)
      return { url: envUrl, token: this.options.apiKey ?? this.fromSetup.token };
    return { url: this.fromSetup.url, token: this.fromSetup.token };
  }

  /**
   * The Label Studio URL in force, parsed, with a trailing slash so relative paths resolve under
   * it; `undefined` when none is known. A value that is not an http(s) URL is a configuration
   * mistake, reported as such rather than as the `TypeError` of `new URL`.
   */
  labelStudioBase(): URL | undefined {
    const { url } = this.labelStudio();
    if (url === undefined) return undefined;
    const from =
      this.options.labelStudioUrl === undefined ? 'the hostname /setup sent' : 'LABEL_STUDIO_URL';
    let parsed: URL | undefined;
    try {
      parsed = new URL(withSlash(url));
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      throw new LsmlError(
        'DATA_FETCH_FAILED',
        `The Label Studio URL "${url.slice(0, 120)}" (${from}) is not an http(s) URL; set LABEL_STUDIO_URL like http://label-studio:8080`,
      );
    }
    return parsed;
  }

  async resolve(
    value: string,
    opts: { signal?: AbortSignal | undefined; taskId?: string | number | undefined } = {},
  ): Promise<ResolvedData> {
    const text = value.trim();
    if (text.startsWith('data:')) {
      const { contentType, bytes } = decodeDataUri(text, this.options.maxBytes);
      const key = createHash('sha256').update(text).digest('hex');
      const file = await this.cache.getOrFill(key, async (temp) => {
        await writeFile(temp, bytes);
        return { size: bytes.length, contentType };
      });
      return { ...file, source: `data:${contentType ?? ''} (${bytes.length} bytes)` };
    }
    const localRoot = this.options.localFilesRoot;
    if (
      localRoot !== undefined &&
      (isLocalFilesUrl(text) || (text.startsWith('/') && !text.startsWith('/data/')))
    ) {
      const path = await resolveLocalFile(text, localRoot);
      const { size } = await stat(path);
      if (size > this.options.maxBytes)
        throw new LsmlError(
          'DATA_TOO_LARGE',
          `Local file ${text} is larger than the limit of ${this.options.maxBytes} bytes`,
        );
      return { path, contentType: undefined, size, source: text };
    }
    const url = this.toUrl(text, opts.taskId);
    const key = createHash('sha256').update(url.href).digest('hex');
    const file = await this.cache.getOrFill(key, (temp) =>
      fetchToFile(url, temp, this.policy(opts.signal)),
    );
    return { ...file, source: describeUrl(url) };
  }

  async readBuffer(
    value: string,
    opts: { signal?: AbortSignal | undefined; taskId?: string | number | undefined } = {},
  ): Promise<Buffer> {
    if (value.trim().startsWith('data:'))
      return decodeDataUri(value.trim(), this.options.maxBytes).bytes;
    return readFile((await this.resolve(value, opts)).path);
  }

  async readText(
    value: string,
    opts: { signal?: AbortSignal | undefined; taskId?: string | number | undefined } = {},
  ): Promise<string> {
    return (await this.readBuffer(value, opts)).toString('utf8');
  }

  /**
   * The key in force, as an `Authorization` header source (either token kind), or undefined
   * without one. `LABEL_STUDIO_TOKEN_KIND` applies to `LABEL_STUDIO_API_KEY` only: a token
   * `/setup` sent is read from its shape.
   */
  auth(): LabelStudioAuth | undefined {
    const { url, token } = this.labelStudio();
    if (token === undefined || url === undefined) return undefined;
    let base: URL | undefined;
    try {
      base = this.labelStudioBase();
    } catch {
      // A bad URL is reported by whatever tries to reach it; without one there is nobody to send the token to.
      return undefined;
    }
    if (base === undefined) return undefined;
    const key = `${base.href}\n${token}`;
    if (this.current?.key !== key) {
      const override = token === this.options.apiKey ? this.options.tokenKind : undefined;
      const exchange = tokenExchange(base, () => this.policy());
      this.current = { key, auth: new LabelStudioAuth(token, override, exchange, this.hooks.now) };
    }
    return this.current.auth;
  }

  /** The request policy for this resolver's current Label Studio connection. */
  policy(signal?: AbortSignal): FetchPolicy {
    const { url } = this.labelStudio();
    // Only the operator's LABEL_STUDIO_URL is exempt from the private-address guard.
    const envUrl = this.options.labelStudioUrl;
    return {
      labelStudioOrigin: url === undefined ? undefined : safeOrigin(url),
      exemptOrigin: envUrl === undefined ? undefined : safeOrigin(envUrl),
      auth: this.auth(),
      retry: this.hooks.retry,
      maxBytes: this.options.maxBytes,
      connectTimeoutMs: this.options.connectTimeoutMs,
      readTimeoutMs: this.options.readTimeoutMs,
      blockPrivateAddresses: this.options.blockPrivateAddresses,
      maxRedirects: this.options.maxRedirects,
      signal,
    };
  }

  private toUrl(text: string, taskId: string | number | undefined): URL {
    const base = this.labelStudioBase();
    if (CLOUD.test(text)) {
      if (base === undefined) {
        throw new LsmlError(
          'DATA_FETCH_FAILED',
          `Cannot read ${text.split('?')[0] ?? ''}: cloud storage URIs are resolved through Label Studio; set LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY (or enable pre-signed URLs on the storage)`,
        );
      }
      if (taskId === undefined) {
        throw new LsmlError(
          'DATA_FETCH_FAILED',
          `Cannot read ${text.split('?')[0] ?? ''}: Label Studio presigns cloud storage URIs per task; pass the task id (readData(value, { taskId: task.id })) or read a value of the tasks being predicted`,
        );
      }
      // Label Studio decodes with Python's urlsafe_b64decode, which rejects missing padding
      // (and then reads the value as plain text): keep the '=' padding, percent-encoded.
      const fileuri = encodeURIComponent(
        Buffer.from(text).toString('base64').replaceAll('+', '-').replaceAll('/', '_'),
      );
      return new URL(
        `tasks/${encodeURIComponent(String(taskId))}/presign/?fileuri=${fileuri}`,
        base,
      );
    }
    if (/^https?:\/\//i.test(text)) return new URL(text);
    if (text.startsWith('/')) {
      if (base === undefined) {
        throw new LsmlError(
          'DATA_FETCH_FAILED',
          `Cannot read "${text.slice(0, 120)}": it is a Label Studio path, and LABEL_STUDIO_URL is not set (nor sent by /setup)`,
        );
      }
      return new URL(text.slice(1), base);
    }
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
    throw new LsmlError(
      'DATA_BLOCKED',
      scheme === undefined
        ? `Cannot read "${text.slice(0, 120)}": not a URL, a Label Studio path or a data: URI`
        : `Refused to read a "${scheme}:" URL: only http, https and data URLs are allowed`,
    );
  }
}

export function createTaskDataResolver(
  options: TaskDataOptions,
  hooks: ResolverHooks = {},
): TaskDataResolver {
  return new TaskDataResolver(options, hooks);
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
