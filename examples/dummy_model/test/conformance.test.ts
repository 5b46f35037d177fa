import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createService } from '@lsml/core';
import {
  BBOX_CONFIG,
  labelStudioRequests,
  NER_CONFIG,
  predictResponseProblems,
  SENTIMENT_CONFIG,
} from '@lsml/testing';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { dummy } from '../src/model.js';

/** Replays the requests of every Label Studio era against dummy and checks what LS reads. */
const modelDir = mkdtempSync(join(tmpdir(), 'lsml-dummy-'));
const service = createService(dummy, { modelDir, logger: pino({ level: 'silent' }) });
afterAll(async () => {
  await service.close();
  rmSync(modelDir, { recursive: true, force: true });
});

async function send(method: string, path: string, body?: unknown) {
  const res = await service.app.request(path, {
    method,
    headers: { 'content-type': 'application/json', 'user-agent': 'heartex/1.12.0' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: (await res.json()) as Record<string, unknown>,
  };
}

describe('Label Studio conformance (dummy)', () => {
  for (const request of labelStudioRequests()) {
    it(`${request.era}: ${request.name}`, async () => {
      const { status, type, body } = await send(request.method, request.path, request.body);
      expect(status, JSON.stringify(body)).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(300);
      expect(type).toMatch(/application\/json/);
      if (request.path === '/health')
        expect(body).toMatchObject({ status: 'UP', model_class: 'dummy' });
      if (request.path === '/setup') expect(body.model_version).toMatch(/^dummy-v\d+$/);
      if (request.path === '/predict') {
        const tasks = (request.body as { tasks: unknown[] }).tasks;
        expect(predictResponseProblems(body, tasks.length, SENTIMENT_CONFIG)).toEqual([]);
      }
      if (request.name.includes('START_TRAINING') || request.path === '/train')
        expect(typeof body.job).toBe('string');
      if (request.path === '/versions') expect(Array.isArray(body.versions)).toBe(true);
    });
  }

  it('after training, /setup returns a new version so Label Studio re-predicts', async () => {
    await service.trainer.idle();
    const before = (await send('POST', '/setup', { project: '77.1', schema: SENTIMENT_CONFIG }))
      .body.model_version;
    await send('POST', '/webhook', {
      action: 'START_TRAINING',
      project: { id: 77, label_config: SENTIMENT_CONFIG },
    });
    await service.trainer.idle();
    const after = (await send('POST', '/setup', { project: '77.1', schema: SENTIMENT_CONFIG })).body
      .model_version;
    expect(before).toBe('dummy-v0');
    expect(after).toBe('dummy-v1');
    const predict = await send('POST', '/predict', {
      tasks: [{ id: 1, data: { text: 'x' } }],
      project: '77.1',
      label_config: SENTIMENT_CONFIG,
    });
    expect((predict.body.results as { model_version: string }[])[0]?.model_version).toBe(
      'dummy-v1',
    );
  });

  it('predicts the same label and score for the same task id, and counts annotations in fit', async () => {
    const ask = () =>
      send('POST', '/predict', {
        tasks: [{ id: 42, data: { text: 'x' } }],
        project: '78.1',
        label_config: SENTIMENT_CONFIG,
      });
    expect((await ask()).body.results).toEqual((await ask()).body.results);
    for (let i = 1; i <= 3; i++) {
      await send('POST', '/webhook', {
        action: 'ANNOTATION_CREATED',
        project: { id: 78 },
        task: { id: i, data: { text: 't' } },
        annotation: { id: i, result: [] },
      });
    }
    await service.trainer.idle();
    const versions = (await send('GET', '/versions?project=78')).body as {
      projects: Record<string, { versions: { trainingSetSize: number }[] }>;
    };
    expect(versions.projects['78']?.versions.at(-1)?.trainingSetSize).toBe(3);
  });

  it.each([
    ['NER spans', NER_CONFIG, { text: 'Alice works at Acme' }],
    ['bounding boxes', BBOX_CONFIG, { image: 'https://example.com/cat.jpg' }],
  ])('answers valid %s', async (_name, config, data) => {
    const { status, body } = await send('POST', '/predict', {
      tasks: [
        { id: 7, data },
        { id: 8, data },
      ],
      project: '79.1',
      label_config: config,
    });
    expect(status).toBe(200);
    expect(predictResponseProblems(body, 2, config)).toEqual([]);
  });

  // One config per control type the dummy answers, plus the object each <Labels> can label.
  // Task ids 1–12 land on every label, nested taxonomy choices and aliases included.
  const image = { image: 'https://example.com/cat.jpg' };
  it.each([
    [
      'Choices',
      '<Image name="i" value="$image"/><Choices name="c" toName="i"><Choice value="Cat"/><Choice value="Dog"/></Choices>',
      image,
      ['choices'],
    ],
    [
      'Choices with aliases',
      '<Image name="i" value="$image"/><Choices name="c" toName="i"><Choice value="Cat" alias="cat"/><Choice value="Dog" alias="dog"/></Choices>',
      image,
      ['choices'],
    ],
    [
      'Labels on Text',
      '<Text name="t" value="$text"/><Labels name="l" toName="t"><Label value="PER" alias="person"/><Label value="ORG"/></Labels>',
      { text: 'Alice works at Acme' },
      ['start', 'end', 'text', 'labels'],
    ],
    [
      'Labels on Image',
      '<Image name="i" value="$image"/><Labels name="l" toName="i"><Label value="Cat"/></Labels><Rectangle name="r" toName="i"/>',
      image,
      ['x', 'y', 'width', 'height', 'rectanglelabels'],
    ],
    [
      'Labels on Audio',
      '<Audio name="a" value="$audio"/><Labels name="l" toName="a"><Label value="Speech"/></Labels>',
      { audio: 'https://example.com/a.wav' },
      ['start', 'end', 'labels'],
    ],
    [
      'RectangleLabels',
      '<Image name="i" value="$image"/><RectangleLabels name="r" toName="i"><Label value="Cat"/><Label value="Dog"/></RectangleLabels>',
      image,
      ['x', 'y', 'width', 'height', 'rectanglelabels'],
    ],
    [
      'PolygonLabels',
      '<Image name="i" value="$image"/><PolygonLabels name="p" toName="i"><Label value="Car"/></PolygonLabels>',
      image,
      ['points', 'polygonlabels'],
    ],
    [
      'KeyPointLabels',
      '<Image name="i" value="$image"/><KeyPointLabels name="k" toName="i"><Label value="Nose"/></KeyPointLabels>',
      image,
      ['x', 'y', 'keypointlabels'],
    ],
    [
      'EllipseLabels',
      '<Image name="i" value="$image"/><EllipseLabels name="e" toName="i"><Label value="Cell"/></EllipseLabels>',
      image,
      ['x', 'y', 'radiusX', 'radiusY', 'ellipselabels'],
    ],
    [
      'BrushLabels',
      '<Image name="i" value="$image"/><BrushLabels name="b" toName="i"><Label value="Road"/><Label value="Sky"/></BrushLabels>',
      image,
      ['format', 'rle', 'brushlabels'],
    ],
    [
      'nested Taxonomy',
      '<Text name="t" value="$text"/><Taxonomy name="tx" toName="t"><Choice value="Animal"><Choice value="Cat" alias="cat"/><Choice value="Dog"/></Choice><Choice value="Plant"/></Taxonomy>',
      { text: 'x' },
      ['taxonomy'],
    ],
    [
      'ParagraphLabels',
      '<Paragraphs name="p" value="$dialogue"/><ParagraphLabels name="pl" toName="p"><Label value="Greeting"/></ParagraphLabels>',
      { dialogue: [{ author: 'A', text: 'Hello there' }] },
      ['start', 'end', 'startOffset', 'endOffset', 'paragraphlabels'],
    ],
    [
      'TimeSeriesLabels',
      '<TimeSeries name="ts" value="$csv" valueType="url"><Channel column="v"/></TimeSeries><TimeSeriesLabels name="tl" toName="ts"><Label value="Run"/></TimeSeriesLabels>',
      { csv: 'https://example.com/ts.csv' },
      ['start', 'end', 'instant', 'timeserieslabels'],
    ],
  ])('answers %s in the shape Label Studio stores', async (_name, body, data, keys) => {
    const config = `<View>${body}</View>`;
    const tasks = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, data }));
    const res = await send('POST', '/predict', { tasks, project: '81.1', label_config: config });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(predictResponseProblems(res.body, tasks.length, config)).toEqual([]);
    const results = res.body.results as { result: { value: Record<string, unknown> }[] }[];
    for (const { result } of results) {
      expect(result).toHaveLength(1);
      expect(Object.keys(result[0]?.value ?? {})).toEqual(expect.arrayContaining(keys));
    }
  });

  it('stores aliases and whole taxonomy paths, as Label Studio does', async () => {
    const ask = async (config: string) => {
      const tasks = Array.from({ length: 8 }, (_, i) => ({ id: i + 1, data: { text: 'x' } }));
      const res = await send('POST', '/predict', { tasks, project: '82.1', label_config: config });
      const results = res.body.results as { result: { value: Record<string, unknown> }[] }[];
      return new Set(results.map((p) => JSON.stringify(Object.values(p.result[0]?.value ?? {}))));
    };
    const choices =
      '<View><Text name="t" value="$text"/><Choices name="c" toName="t"><Choice value="Yes" alias="y"/><Choice value="No" alias="n"/></Choices></View>';
    expect(await ask(choices)).toEqual(new Set(['[["y"]]', '[["n"]]']));
    const taxonomy =
      '<View><Text name="t" value="$text"/><Taxonomy name="tx" toName="t"><Choice value="Animal" alias="animal"><Choice value="Cat" alias="cat"/></Choice></Taxonomy></View>';
    expect(await ask(taxonomy)).toEqual(new Set(['[[["animal"]]]', '[[["animal","cat"]]]']));
  });

  it('answers no result for HyperTextLabels, whose XPaths it cannot place', async () => {
    const config =
      '<View><HyperText name="h" value="$html"/><HyperTextLabels name="hl" toName="h"><Label value="Person"/></HyperTextLabels></View>';
    const res = await send('POST', '/predict', {
      tasks: [{ id: 1, data: { html: '<p>Alice</p>' } }],
      project: '83.1',
      label_config: config,
    });
    expect(res.status).toBe(200);
    expect(predictResponseProblems(res.body, 1, config)).toEqual([]);
    expect((res.body.results as { result: unknown[] }[])[0]?.result).toEqual([]);
  });

  it('refuses a config without any labeled control, with a message Label Studio can show', async () => {
    const { status, body } = await send('POST', '/setup', {
      project: '80.1',
      schema: '<View><Text name="t" value="$t"/><TextArea name="a" toName="t"/></View>',
    });
    expect(status).toBe(422);
    expect(body.error).toMatch(/needs a control with labels/);
  });
});
