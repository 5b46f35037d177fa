import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeRequest, problemWith, type Answer } from './check-answer.js';
import {
  anyRequest,
  routesOf,
  throwingRequest,
  type FuzzRequest,
  type Route,
} from './fuzz-requests.js';
import { PREDICT_BODY } from './protocol-shapes.js';
import { pipelined, rawRequest, type RawRequest } from './raw-requests.js';
import { rawExchange, sendHttp, sendInProcess } from './send.js';

/** A fixed seed, so a red run is red again; LSML_FUZZ_SEED explores others. */
export const FUZZ_SEED = Number(process.env.LSML_FUZZ_SEED ?? 12_345);

/** A served backend: the app in-process and the same service over a real socket. */
export interface FuzzTarget {
  app: Hono<never>;
  port: number;
  close(): Promise<void>;
}

export interface FuzzRuns {
  /** Any route, method, headers and body, in-process. */
  inProcess: number;
  /** Requests built to make the backend throw. */
  throwing: number;
  /** Fuzzed requests through Node's HTTP client. */
  socket: number;
  /** Malformed HTTP written on raw TCP connections. */
  raw: number;
}

const GOOD: FuzzRequest = {
  family: 'good',
  method: 'POST',
  path: '/predict',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(PREDICT_BODY),
  throws: false,
};

/** Throws unless `answer` is a correct answer to the good /predict. */
function assertGood(answer: Answer, after: string): void {
  const body =
    answer.status === 200
      ? (JSON.parse(answer.text) as { results?: unknown[]; model_version?: unknown })
      : {};
  if (answer.status !== 200 || body.results?.length !== 2 || typeof body.model_version !== 'string')
    throw new Error(
      `a good /predict after ${after} got ${answer.status}: ${answer.text.slice(0, 300)}`,
    );
}

async function property<T>(
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  run: (value: T) => Promise<void>,
): Promise<void> {
  try {
    await fc.assert(fc.asyncProperty(arbitrary, run), { seed: FUZZ_SEED, numRuns });
  } catch (error) {
    throw new Error(
      `fuzz failure; reproduce with LSML_FUZZ_SEED=${FUZZ_SEED}\n${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * The fuzz suite against one kind of deployment: every route of the app (read from the app),
 * malformed in every way the generators know, first in-process, then over a real socket. After
 * each request a good one must still be served.
 */
export function defineFuzzSuite(
  start: () => Promise<FuzzTarget>,
  runs: FuzzRuns,
  /** The Authorization header of a deployment behind basic auth. */
  credentials?: string,
): void {
  const authorized = (req: FuzzRequest): FuzzRequest =>
    credentials === undefined
      ? req
      : { ...req, headers: { ...req.headers, authorization: credentials } };
  const good = authorized(GOOD);
  const authorizedRaw = (raw: RawRequest): RawRequest =>
    credentials === undefined
      ? raw
      : {
          ...raw,
          bytes: Buffer.from(
            raw.bytes
              .toString('latin1')
              .replace('Host: fuzz\r\n', `Host: fuzz\r\nAuthorization: ${credentials}\r\n`),
            'latin1',
          ),
        };
  let target: FuzzTarget;
  let routes: Route[];
  let sent = 0;
  // LSML_FUZZ_STATS=1 prints how the answers spread over routes and statuses: a generator
  // that only ever earns 415s tests little.
  const stats = new Map<string, number>();
  const count = (req: { path: string; method: string }, status: number) => {
    const key = `${req.method} ${req.path.split('?')[0] ?? ''} ${status}`;
    stats.set(key, (stats.get(key) ?? 0) + 1);
  };

  beforeAll(async () => {
    target = await start();
    routes = routesOf(target.app);
  });
  afterAll(async () => {
    if (process.env.LSML_FUZZ_STATS === '1')
      console.log(
        [...stats]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, n]) => `${k}: ${n}`)
          .join('\n'),
      );
    await target.close();
  });

  const exchange = async (send: (r: FuzzRequest) => Promise<Answer>, req: FuzzRequest) => {
    sent += 1;
    const answer = await send(req);
    count(req, answer.status);
    const problem = problemWith(answer, req);
    if (problem) throw new Error(`${problem}\nrequest: ${describeRequest(req)}`);
    assertGood(await send(good), describeRequest(req));
  };

  // Thousands of exchanges: on a loaded machine (two suites side by side on 2 cores) they take
  // minutes, not seconds. A safety net, not a speed claim (speed lives in bench/).
  const budget = { timeout: 300_000 };

  it('finds the routes in the app', () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    for (const known of [
      'GET /health',
      'POST /predict',
      'POST /webhook',
      'POST /train',
      'GET /versions',
    ])
      expect(paths).toContain(known);
  });

  it(
    `answers ${runs.inProcess} malformed requests in-process with a clear 4xx`,
    budget,
    async () => {
      const send = (r: FuzzRequest) => sendInProcess(target.app, r);
      await property(anyRequest(routes, credentials), runs.inProcess, (req) => exchange(send, req));
    },
  );

  it(
    `answers ${runs.throwing} requests whose backend throws with BACKEND_ERROR`,
    budget,
    async () => {
      const send = (r: FuzzRequest) => sendInProcess(target.app, r);
      await property(throwingRequest, runs.throwing, (req) => exchange(send, authorized(req)));
    },
  );

  it(`answers ${runs.socket} malformed requests over a real socket`, budget, async () => {
    const send = (r: FuzzRequest) => sendHttp(target.port, r);
    await property(anyRequest(routes, credentials), runs.socket, (req) => exchange(send, req));
  });

  it(
    `answers ${runs.raw} malformed HTTP messages on raw TCP with JSON, and keeps serving`,
    budget,
    async () => {
      const send = (r: FuzzRequest) => sendHttp(target.port, r);
      await property(fc.oneof(rawRequest, pipelined), runs.raw, async (generated: RawRequest) => {
        const raw = authorizedRaw(generated);
        sent += 1;
        const outcome = await rawExchange(target.port, raw.bytes, raw.options);
        const shown = `${raw.family}: ${JSON.stringify(raw.bytes.toString('latin1').slice(0, 200))}`;
        if (!outcome.answer)
          throw new Error(
            `no HTTP answer to ${shown}; got ${JSON.stringify(outcome.bytes.toString('latin1').slice(0, 200))}`,
          );
        const problem = problemWith(outcome.answer, { method: 'POST', throws: false });
        if (problem) throw new Error(`${problem}\nrequest: ${shown}`);
        if (raw.family === 'pipelined' && outcome.answer.status !== 200)
          throw new Error(`the good request before the garbage got ${outcome.answer.status}`);
        assertGood(await send(good), shown);
      });
    },
  );

  it('sent the requests it promised', () => {
    expect(sent).toBe(runs.inProcess + runs.throwing + runs.socket + runs.raw);
  });
}
