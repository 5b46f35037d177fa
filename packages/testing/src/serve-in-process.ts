import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLogger,
  createService,
  type Backend,
  type LsmlService,
  type ServiceOptions,
} from '@lsml/core';

/** An answer of {@link InProcessService.request}: the status, and the body as JSON (else text). */
export interface InProcessResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A backend served in-process: requests go through `app.request` (no socket), with a model
 * directory of its own and logs off. `close()` stops it and removes the directory.
 *
 * @example
 * const s = serveInProcess(dummy);
 * const res = await s.request('/predict', { tasks, label_config, project: '1' });
 * await s.trainer.idle(); // after a webhook, wait for the training it started
 * await s.close();
 */
export interface InProcessService<M> extends LsmlService<M> {
  /**
   * A request as Label Studio sends it (JSON, `User-Agent: heartex/…`): a POST with `body`,
   * else a GET; `init` may change the method or add headers.
   */
  request<T = Record<string, unknown>>(
    path: string,
    body?: unknown,
    init?: { method?: string; headers?: Record<string, string> },
  ): Promise<InProcessResponse<T>>;
  /** The model directory (a temporary one unless `options.modelDir` named one). */
  modelDir: string;
}

/**
 * Serves `backend` in-process for a test: {@link createService} with `options` (any config
 * field, e.g. `{ validation: 'lenient' }`), a fresh temporary `modelDir` unless one is given,
 * and a silent logger unless one is given.
 *
 * @example
 * const s = serveInProcess(myBackend, { validation: 'strict' });
 * try {
 *   expect((await s.request('/health')).body).toMatchObject({ status: 'UP' });
 * } finally {
 *   await s.close();
 * }
 */
export function serveInProcess<M>(
  backend: Backend<M>,
  options: ServiceOptions = {},
): InProcessService<M> {
  const made =
    options.modelDir === undefined ? mkdtempSync(join(tmpdir(), 'lsml-test-')) : undefined;
  const modelDir = options.modelDir ?? made ?? '';
  const service = createService(backend, {
    ...options,
    modelDir,
    logger: options.logger ?? createLogger('silent'),
  });
  const request = async <T>(
    path: string,
    body?: unknown,
    init: { method?: string; headers?: Record<string, string> } = {},
  ): Promise<InProcessResponse<T>> => {
    const res = await service.app.request(path, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'heartex/1.12.0',
        ...init.headers,
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: parsed(text) as T };
  };
  return {
    ...service,
    modelDir,
    request,
    async close() {
      await service.close();
      if (made !== undefined) await rm(made, { recursive: true, force: true });
    },
  };
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
