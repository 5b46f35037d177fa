import { afterAll, describe, expect, it } from 'vitest';
import { echoBackend, testService, TEXT_CONFIG } from '../../test/helpers.js';

/**
 * Every bad request gets a 4xx JSON `{error, code}` a person can act on, and the server keeps
 * serving: after each one, a good /predict still works.
 */
const s = testService(echoBackend(), {
  bodyLimit: 64 * 1024,
  basicAuth: { user: 'ls', pass: 'secret' },
  webhookSecret: 'hook',
});
afterAll(() => s.cleanup());

const AUTH = { authorization: `Basic ${Buffer.from('ls:secret').toString('base64')}` };
const JSON_HEADERS = { ...AUTH, 'content-type': 'application/json' };
const goodTask = { id: 1, data: { text: 'hello' } };

interface Case {
  name: string;
  method?: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  status: number;
  /** The field the message must name. */
  field?: string;
}

const json = (path: string, body: unknown, status: number, name: string, field?: string): Case => ({
  name,
  path,
  body: JSON.stringify(body),
  status,
  ...(field === undefined ? {} : { field }),
});

const cases: Case[] = [
  // Broken JSON.
  { name: 'empty body', path: '/predict', body: '', status: 400 },
  { name: 'whitespace body', path: '/predict', body: '   ', status: 400 },
  { name: 'truncated object', path: '/predict', body: '{"tasks": [', status: 400 },
  { name: 'trailing comma', path: '/predict', body: '{"tasks": [],}', status: 400 },
  { name: 'single quotes', path: '/predict', body: "{'tasks': []}", status: 400 },
  { name: 'NaN literal', path: '/predict', body: '{"tasks": NaN}', status: 400 },
  { name: 'plain text', path: '/predict', body: 'predict please', status: 400 },
  { name: 'broken setup', path: '/setup', body: '{"project":', status: 400 },
  { name: 'broken webhook', path: '/webhook', body: '{"action"', status: 400 },
  { name: 'broken train', path: '/train', body: '[', status: 400 },
  { name: 'broken validate', path: '/validate', body: '{"config": "<View>"', status: 400 },
  { name: 'broken job_status', path: '/job_status', body: 'nul', status: 400 },
  // Wrong shapes.
  json('/predict', null, 422, 'null body'),
  json('/predict', [], 422, 'array body'),
  json('/predict', 'tasks', 422, 'string body'),
  json('/predict', 42, 422, 'number body'),
  json('/predict', {}, 422, 'missing tasks'),
  json('/predict', { tasks: [] }, 422, 'empty tasks'),
  json('/predict', { tasks: {} }, 422, 'tasks as object'),
  json('/predict', { tasks: 'a' }, 422, 'tasks as string'),
  json('/predict', { tasks: [null] }, 422, 'null task'),
  json('/predict', { tasks: [1, 2] }, 422, 'numbers as tasks'),
  json('/predict', { tasks: [{ data: {} }] }, 422, 'task without id'),
  json('/predict', { tasks: [{ id: 1 }] }, 422, 'task without data'),
  json('/predict', { tasks: [{ id: 1, data: 'x' }] }, 422, 'data as string'),
  json('/predict', { tasks: [{ id: 1, data: [] }] }, 422, 'data as array'),
  json('/predict', { tasks: [{ id: true, data: {} }] }, 422, 'boolean id'),
  json('/predict', { tasks: [{ id: '', data: {} }] }, 422, 'empty id'),
  json('/predict', { tasks: [goodTask], label_config: 5 }, 422, 'label_config as number'),
  json('/predict', { tasks: [goodTask], label_config: '<View><Text' }, 422, 'label_config not XML'),
  json(
    '/predict',
    { tasks: [goodTask], label_config: '<View><Choices name="c" toName="x"/></View>' },
    422,
    'toName names nothing',
  ),
  json(
    '/predict',
    { tasks: [goodTask], label_config: '<!DOCTYPE x [<!ENTITY a "b">]><View/>' },
    422,
    'DOCTYPE in config',
  ),
  json('/predict', { tasks: [goodTask], project: '42.1' }, 422, 'no config known for project'),
  json(
    '/predict',
    { tasks: [goodTask], label_config: TEXT_CONFIG, params: 'x' },
    422,
    'params as string',
  ),
  json(
    '/predict',
    { tasks: [goodTask], label_config: TEXT_CONFIG, params: { context: 'x' } },
    422,
    'context as string',
  ),
  json(
    '/predict',
    { tasks: [goodTask], label_config: TEXT_CONFIG, project: [] },
    422,
    'project as array',
  ),
  json(
    '/predict',
    { tasks: [goodTask], label_config: TEXT_CONFIG, project: 'x/../y' },
    422,
    'unsafe project id',
  ),
  json('/setup', { schema: 12 }, 422, 'schema as number'),
  json('/setup', { project: '1.1', schema: '<View' }, 422, 'schema not XML'),
  json('/setup', { project: { name: 'x' } }, 422, 'project object without id'),
  json('/webhook', {}, 422, 'webhook without action'),
  json('/webhook', { action: '' }, 422, 'empty action'),
  json('/webhook', { action: 5 }, 422, 'numeric action'),
  json('/webhook', { action: 'ANNOTATION_CREATED', task: 'x' }, 422, 'task as string'),
  json('/webhook', { action: 'ANNOTATION_CREATED', annotation: 'x' }, 422, 'annotation as string'),
  json(
    '/webhook',
    { action: 'ANNOTATIONS_DELETED', annotations: {} },
    422,
    'annotations as object',
  ),
  json(
    '/webhook',
    { action: 'ANNOTATIONS_CREATED', annotations: [{ id: 1, result: [], task: null }] },
    422,
    'bulk annotation with a null task',
    'annotations[0].task',
  ),
  json(
    '/webhook',
    { action: 'START_TRAINING', project: { id: '../x' } },
    422,
    'webhook project id that does not parse',
    'project=',
  ),
  json(
    '/train',
    { annotations: [{ id: 1, data: {}, annotations: [null] }] },
    422,
    'null annotation in a train task',
    'annotations[0].annotations[0]',
  ),
  json('/train', { annotations: [], project: { id: '../x' } }, 422, 'train project', 'project='),
  // Found by the fuzz suite: an object id reached string conversion and answered 500.
  json(
    '/train',
    { annotations: [{ id: { toString: 1 }, data: {}, annotations: [{ result: [] }] }] },
    422,
    'train task id as an object',
    'annotations[0].id',
  ),
  json(
    '/train',
    { annotations: [{ id: 1, data: 'x', annotations: [{ result: [] }] }] },
    422,
    'train task data as a string',
    'annotations[0].data',
  ),
  json('/setup', { project: '../x' }, 422, 'setup project "../x"', 'project='),
  json('/predict', { tasks: [goodTask], project: '..' }, 422, 'predict project ".."', 'project='),
  json('/train', {}, 422, 'train without annotations'),
  json('/train', { annotations: 'x' }, 422, 'annotations as string'),
  json('/train', { annotations: [5] }, 422, 'annotation as number'),
  json('/validate', {}, 422, 'validate without config'),
  json('/validate', { config: '' }, 422, 'empty config'),
  json('/job_status', {}, 422, 'job_status without job'),
  json('/job_status', { job: 'nope' }, 410, 'unknown job'),
  // Content type.
  {
    name: 'form content type',
    path: '/predict',
    body: 'tasks=1',
    headers: { ...AUTH, 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
  },
  {
    name: 'text content type',
    path: '/predict',
    body: '{}',
    headers: { ...AUTH, 'content-type': 'text/plain' },
    status: 415,
  },
  { name: 'no content type', path: '/webhook', body: '{}', headers: { ...AUTH }, status: 415 },
  // Size.
  {
    name: 'huge body',
    path: '/predict',
    body: JSON.stringify({ tasks: [{ id: 1, data: { text: 'x'.repeat(100_000) } }] }),
    status: 413,
  },
  // Auth.
  {
    name: 'no credentials',
    path: '/predict',
    body: '{}',
    headers: { 'content-type': 'application/json' },
    status: 401,
  },
  {
    name: 'wrong password',
    path: '/predict',
    body: '{}',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from('ls:nope').toString('base64')}`,
    },
    status: 401,
  },
  {
    name: 'wrong user',
    path: '/setup',
    body: '{}',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from('x:secret').toString('base64')}`,
    },
    status: 401,
  },
  {
    name: 'garbage auth header',
    path: '/setup',
    body: '{}',
    headers: { 'content-type': 'application/json', authorization: 'Basic !!!' },
    status: 401,
  },
  {
    name: 'bearer instead of basic',
    path: '/setup',
    body: '{}',
    headers: { 'content-type': 'application/json', authorization: 'Bearer abc' },
    status: 401,
  },
  {
    name: 'webhook wrong secret',
    path: '/webhook?secret=nope',
    body: '{"action":"START_TRAINING"}',
    headers: { 'content-type': 'application/json' },
    status: 401,
  },
  // Routes and methods.
  { name: 'health without credentials', method: 'GET', path: '/health', headers: {}, status: 401 },
  { name: 'unknown route', method: 'GET', path: '/nope', status: 404 },
  { name: 'unknown POST route', path: '/predictions', body: '{}', status: 404 },
  { name: 'GET on predict', method: 'GET', path: '/predict', status: 404 },
  { name: 'DELETE on setup', method: 'DELETE', path: '/setup', status: 404 },
  { name: 'bad versions query', method: 'GET', path: '/versions?project=../../etc', status: 422 },
];

describe(`${cases.length} malformed requests`, () => {
  it('has at least 50 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases)(
    '$name → $status with a readable message, then a good request still works',
    async (c) => {
      const res = await s.app.request(c.path, {
        method: c.method ?? 'POST',
        headers: c.headers ?? JSON_HEADERS,
        ...(c.body === undefined ? {} : { body: c.body }),
      });
      expect(res.status).toBe(c.status);
      const body = (await res.json()) as { error: string; code: string };
      expect(body.error.length).toBeGreaterThan(10);
      expect(body.code).toMatch(/^[A-Z_]+$/);
      expect(JSON.stringify(body)).not.toMatch(/\n\s+at /);
      if (c.field) expect(body.error).toContain(c.field);
      if (c.status === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);

      const good = await s.app.request('/predict', {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ tasks: [goodTask], label_config: TEXT_CONFIG }),
      });
      expect(good.status).toBe(200);
    },
  );
});
