import fc from 'fast-check';
import type { Hono } from 'hono';
import { TEXT_CONFIG } from '../helpers.js';
import { THROW_MARKER } from './fuzz-backend.js';
import { deepText, mutatedText, pathsOf, type Mutation } from './mutate-json.js';
import { ALL_BODIES, BODIES_BY_PATH, PREDICT_BODY } from './protocol-shapes.js';

/** One generated request; `throws` marks the ones built to make the backend throw. */
export interface FuzzRequest {
  family: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  throws: boolean;
}

export interface Route {
  method: string;
  path: string;
}

/**
 * The routes `app` answers, read from the app itself: a route added later is fuzzed without
 * touching this suite. Middleware (`ALL /*`) is left out.
 */
export function routesOf(
  app: Hono<never> | { routes: { method: string; path: string }[] },
): Route[] {
  const seen = new Map<string, Route>();
  for (const { method, path } of app.routes) {
    if (method === 'ALL' || path === '/*') continue;
    seen.set(`${method} ${path}`, { method, path });
  }
  return [...seen.values()];
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND'];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/jsonp',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=latin1',
  '',
  ';;;',
  '*/*',
];

/** Printable ASCII: what a header value may hold in a fetch Request. */
const headerText = fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((s) => s.trim());

/**
 * Headers of every kind; with `credentials` (a deployment behind basic auth) most requests
 * carry them, so the fuzz gets past the 401.
 */
const headers = (bodyLength: () => number, credentials: string | undefined) =>
  fc
    .record(
      {
        contentType: fc.oneof(
          { weight: 6, arbitrary: fc.constant('application/json') },
          { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
          { weight: 1, arbitrary: headerText },
        ),
        contentLength: fc.oneof(
          fc.constantFrom(
            '0',
            '1',
            '-1',
            'abc',
            '1e3',
            '99999999999999999999',
            '18446744073709551616',
          ),
          fc.integer({ min: -5, max: 5 }).map((d) => String(Math.max(0, bodyLength() + d))),
        ),
        accept: fc.constantFrom(
          'application/json',
          'text/html',
          '*/*',
          'text/html,application/xhtml+xml',
          'image/png',
        ),
        authorization: fc.oneof(
          { weight: credentials === undefined ? 0 : 6, arbitrary: fc.constant(credentials ?? '') },
          {
            weight: 1,
            arbitrary: headerText.map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
          },
          { weight: 1, arbitrary: headerText },
        ),
        requestId: headerText,
        other: fc.tuple(
          fc.constantFrom('x-forwarded-for', 'origin', 'cookie', 'range', 'expect'),
          headerText,
        ),
      },
      { requiredKeys: ['contentType'] },
    )
    .map((h) => {
      const out: Record<string, string> = { 'user-agent': 'heartex/1.12.0' };
      if (h.contentType !== '') out['content-type'] = h.contentType;
      if (h.contentLength !== undefined) out['content-length'] = h.contentLength;
      if (h.accept !== undefined) out.accept = h.accept;
      const authorization = h.authorization ?? credentials;
      if (authorization !== undefined) out.authorization = authorization;
      if (h.requestId !== undefined) out['x-request-id'] = h.requestId;
      if (h.other !== undefined) out[h.other[0]] = h.other[1];
      return out;
    });

/** Values of the wrong type, size or meaning for any field. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    [],
    {},
    '',
    ' ',
    '..',
    '../../etc/passwd',
    '$text',
    'null',
  ),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 5e-324, -0),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 5 }).map((s) => s.repeat(2_000)),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
);

/** JSON text no value can produce: numbers past float range, deep nesting, lone surrogates. */
export const rawJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '1e400',
    '-1e400',
    '1e-400',
    '123456789012345678901234567890',
    '-0',
    '0.0000000000000000000001',
  ),
  fc.constantFrom('"\\ud800"', '"\\udfff\\ud800"', '"\\u0000"', '"\u202e\u0000\uffff"'),
  fc
    .tuple(
      fc.integer({ min: 900, max: 12_000 }),
      fc.constantFrom<'array' | 'object'>('array', 'object'),
    )
    .map(([d, k]) => deepText(d, k)),
);

const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  'hasOwnProperty',
  'toString',
  'valueOf',
  'toJSON',
  'then',
];

const protoPayload = fc.constantFrom(
  '{"polluted":"yes"}',
  '{"prototype":{"polluted":"yes"}}',
  '{"id":5,"data":{"polluted":"yes"}}',
  'null',
  '"x"',
  '1',
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: weirdValue.map((value) => ({ op: 'replace' as const, value })) },
  { weight: 2, arbitrary: rawJsonText.map((text) => ({ op: 'raw' as const, text })) },
  { weight: 2, arbitrary: fc.constant({ op: 'delete' as const }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...PROTO_KEYS), protoPayload)
      .map(([key, text]) => ({ op: 'inject-key' as const, key, text })),
  },
);

const bodiesFor = (path: string): readonly unknown[] => BODIES_BY_PATH[path] ?? ALL_BODIES;

/** A protocol body with one to three fields of the wrong type, deleted, or polluted. */
export const mutatedBody = (path: string): fc.Arbitrary<string> =>
  fc.constantFrom(...bodiesFor(path)).chain((seed) => {
    const paths = pathsOf(seed);
    return fc
      .array(fc.tuple(fc.constantFrom(...paths), mutation), { minLength: 1, maxLength: 3 })
      .map((changes) => mutatedText(seed, changes));
  });

/** Bodies that are not JSON, or barely: random bytes, cut JSON, odd text. */
export const brokenBody = (path: string): fc.Arbitrary<string | Uint8Array> =>
  fc.oneof(
    fc.uint8Array({ maxLength: 400 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.tuple(fc.constantFrom(...bodiesFor(path)), fc.nat()).map(([seed, cut]) => {
      const text = JSON.stringify(seed);
      return text.slice(0, cut % text.length);
    }),
    rawJsonText,
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.constantFrom(
      '',
      ' ',
      'null',
      '[]',
      '{}',
      '""',
      'true',
      '\uFEFF{}',
      '{"a":1}{"a":2}',
      '{"__proto__":{"polluted":"yes"}}',
    ),
    fc.constantFrom(
      '<View><Text name="t" value="$text"/></View>',
      'tasks=1&project=2',
      '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--',
    ),
  );

/** Label configs that parse, nearly parse, or are XML with surprises. */
export const labelConfigText: fc.Arbitrary<string> = fc.oneof(
  fc.constant(TEXT_CONFIG),
  fc.nat().map((cut) => TEXT_CONFIG.slice(0, cut % TEXT_CONFIG.length)),
  fc
    .record({
      control: fc.constantFrom(
        'Choices',
        'Labels',
        'RectangleLabels',
        'TextArea',
        'Rating',
        'Taxonomy',
        'Relations',
        'Nope',
        'View',
      ),
      object: fc.constantFrom(
        'Text',
        'Image',
        'Audio',
        'HyperText',
        'Paragraphs',
        'TimeSeries',
        'Nope',
      ),
      name: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
      toName: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
      value: fc.string({ unit: 'grapheme', maxLength: 12 }),
      label: fc.string({ unit: 'grapheme', maxLength: 12 }),
    })
    .map(
      (r) =>
        `<View><${r.object} name="${r.toName}" value="$${r.value}"/>` +
        `<${r.control} name="${r.name}" toName="${r.toName}"><Choice value="${r.label}"/><Label value="${r.label}" alias="${r.label}"/></${r.control}></View>`,
    ),
  fc.constantFrom(
    '<!DOCTYPE View [<!ENTITY x "y">]><View>&x;</View>',
    '<?xml version="1.0"?><View/>',
    '<View><!-- c --></View><!-- {"data": 1} -->',
    '<View>' + '<View>'.repeat(3000) + '</View>'.repeat(3001),
    '<View><Text name="t" value="$t"/><Choices name="c" toName="t,t,,nope"/></View>',
    '<view></View>',
    '<View xmlns:x="urn:x"><x:Text name="t" value="$t"/></View>',
  ),
);

const configBody = (path: string) =>
  labelConfigText.map((config) => {
    const body = structuredClone((bodiesFor(path)[0] ?? PREDICT_BODY) as Record<string, unknown>);
    for (const key of ['label_config', 'schema', 'config'] as const)
      if (key in body) body[key] = config;
    if (path === '/webhook') body.project = { id: 12, label_config: config };
    return JSON.stringify(body);
  });

/** A path of `route` with its parameters filled in, sometimes bent out of shape. */
const pathOf = (route: Route): fc.Arbitrary<string> => {
  const param = fc.oneof(
    fc.constantFrom('12', '0', '-1', '..', '%2e%2e', '%00', '%ZZ', 'a%2Fb', 'job:12'),
    fc.string({ maxLength: 20 }).map(encodeURIComponent),
  );
  const filled = route.path.includes(':')
    ? fc.array(param, { minLength: 4, maxLength: 4 }).map((values) => {
        let i = 0;
        return route.path.replace(/:[^/]+/g, () => values[i++] ?? 'x');
      })
    : fc.constant(route.path);
  const query = fc.oneof(
    { weight: 4, arbitrary: fc.constant('') },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom('project', 'secret', 'format', 'x', '__proto__'),
          fc.oneof(param, fc.constant('12')),
        )
        .map(([k, v]) => `?${k}=${v}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '?',
        '?&&',
        '?project',
        '?project=%',
        '?project=1&project=2',
        '?a[b]=1',
      ),
    },
  );
  const bend = fc.constantFrom(
    (p: string) => p,
    (p: string) => p,
    (p: string) => p,
    (p: string) => `${p}/`,
    (p: string) => `/${p}`,
    (p: string) => p.toUpperCase(),
    (p: string) => `${p}/..`,
    (p: string) => `${p}%00`,
  );
  return fc.tuple(filled, query, bend).map(([p, q, b]) => b(p) + q);
};

/**
 * A request to one of `routes`: method, path, headers and body all fair game (`credentials`:
 * the Authorization header of a deployment behind basic auth).
 */
export function anyRequest(
  routes: readonly Route[],
  credentials?: string,
): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...routes).chain((route) => {
    const body = fc.oneof(
      {
        weight: 4,
        arbitrary: mutatedBody(route.path).map((b) => ({
          family: 'wrong-field',
          body: b,
        })),
      },
      {
        weight: 3,
        arbitrary: brokenBody(route.path).map((b) => ({
          family: 'broken-body',
          body: b,
        })),
      },
      {
        weight: 1,
        arbitrary: configBody(route.path).map((b) => ({
          family: 'label-config',
          body: b,
        })),
      },
      {
        weight: 1,
        arbitrary: fc.constant({
          family: 'no-body',
          body: undefined as string | Uint8Array | undefined,
        }),
      },
    );
    return fc
      .tuple(
        fc.oneof(
          { weight: 6, arbitrary: fc.constant(route.method) },
          { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
        ),
        pathOf(route),
        body,
      )
      .chain(([method, path, b]) =>
        headers(
          () =>
            b.body === undefined
              ? 0
              : typeof b.body === 'string'
                ? Buffer.byteLength(b.body)
                : b.body.byteLength,
          credentials,
        ).map((h): FuzzRequest => ({
          family: b.family,
          method,
          path,
          headers: h,
          body: b.body,
          throws: false,
        })),
      );
  });
}

/** Well-formed requests that reach the backend with the marker: the one allowed 5xx. */
export const throwingRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    route: fc.constantFrom('/predict', '/webhook', '/train'),
    tasks: fc.integer({ min: 1, max: 3 }),
    markedAt: fc.nat(),
  })
  .map(({ route, tasks, markedAt }) => {
    const mark = (i: number) => (i === markedAt % tasks ? `${THROW_MARKER} ${i}` : `ok ${i}`);
    const body =
      route === '/predict'
        ? {
            ...PREDICT_BODY,
            tasks: Array.from({ length: tasks }, (_, i) => ({
              id: i + 1,
              data: { text: mark(i) },
            })),
          }
        : route === '/webhook'
          ? {
              ...(BODIES_BY_PATH['/webhook']?.[0] as object),
              project: { id: 13, label_config: TEXT_CONFIG },
              task: { id: 99, data: { text: mark(markedAt % tasks) } },
            }
          : {
              annotations: Array.from({ length: tasks }, (_, i) => ({
                id: i + 1,
                data: { text: mark(i) },
                annotations: [{ id: i + 100, result: [] }],
              })),
              project: '13',
              label_config: TEXT_CONFIG,
            };
    return {
      family: 'backend-throws',
      method: 'POST',
      path: route,
      headers: { 'content-type': 'application/json', 'user-agent': 'heartex/1.12.0' },
      body: JSON.stringify(body),
      throws: true,
    };
  });
