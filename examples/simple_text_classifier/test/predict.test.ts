import { labelStudioRequests, predictResponseProblems, SENTIMENT_CONFIG } from '@lsml/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createTextClassifierBackend, simpleTextClassifier } from '../src/model.js';
import { annotationCreated, startService, type PredictResult } from './http.js';

const config = (labels: string[], extra = '') => `<View>
  <Text name="text" value="$review"${extra}/>
  <Choices name="label" toName="text">
    ${labels.map((l) => `<Choice value="${l}"/>`).join('\n    ')}
  </Choices>
</View>`;
const SENTIMENT = config(['Positive', 'Negative']);

const reviews: [string, string][] = [
  ['great phone, love the screen', 'Positive'],
  ['terrible battery, hate it', 'Negative'],
  ['love it, great value', 'Positive'],
  ['awful screen and terrible support', 'Negative'],
  ['great battery, great screen', 'Positive'],
  ['hate the awful camera', 'Negative'],
];

type Service = ReturnType<typeof startService>;
let service: Service;
afterEach(async () => {
  await service.close();
});

async function annotate(labelConfig: string, items: [string, string][], firstId = 1, project = 1) {
  for (const [i, [text, label]] of items.entries()) {
    const { status } = await service.send(
      'POST',
      '/webhook',
      annotationCreated({
        project,
        labelConfig,
        taskId: firstId + i,
        data: { review: text },
        choices: [label],
      }),
    );
    expect(status).toBe(201);
  }
  await service.trainer.idle();
}

async function predict(labelConfig: string, texts: unknown[], project = 1) {
  const tasks = texts.map((text, i) => ({ id: 100 + i, data: { review: text } }));
  const { status, body } = await service.send('POST', '/predict', {
    tasks,
    project: `${project}.1700000000`,
    label_config: labelConfig,
  });
  expect(status, JSON.stringify(body)).toBe(200);
  expect(predictResponseProblems(body, tasks.length, labelConfig)).toEqual([]);
  return body.results as PredictResult[];
}

describe('simple_text_classifier over HTTP', () => {
  it('answers every Label Studio era of requests', async () => {
    service = startService(simpleTextClassifier);
    for (const request of labelStudioRequests(SENTIMENT_CONFIG)) {
      const { status, body } = await service.send(request.method, request.path, request.body);
      expect(status, `${request.era} ${request.name}: ${JSON.stringify(body)}`).toBeLessThan(300);
    }
  });

  it('predicts nothing with score 0 while cold, then the learned label with its probability', async () => {
    service = startService(simpleTextClassifier);
    const cold = await predict(SENTIMENT, ['great screen']);
    expect(cold).toEqual([expect.objectContaining({ result: [], score: 0 })]);

    await annotate(SENTIMENT, reviews);
    const [positive, negative] = await predict(SENTIMENT, [
      'I love the great screen',
      'awful, I hate it',
    ]);
    expect(positive?.result[0]).toMatchObject({
      from_name: 'label',
      to_name: 'text',
      type: 'choices',
      value: { choices: ['Positive'] },
    });
    expect(negative?.result[0]?.value.choices).toEqual(['Negative']);
    expect(positive?.score).toBeGreaterThan(0.5);
    expect(positive?.score).toBe(positive?.result[0]?.score);
  });

  it('skips training, with the reason, until two labels have examples', async () => {
    service = startService(simpleTextClassifier);
    await annotate(
      SENTIMENT,
      reviews.filter(([, label]) => label === 'Positive'),
    );
    const outcome = await service.runtime.train('1', { action: 'START_TRAINING', project: '1' });
    expect(outcome).toMatchObject({ status: 'skipped' });
    expect(outcome.reason).toMatch(/at least two labels \(so far: Positive: 3\)/);
    expect((await predict(SENTIMENT, ['great']))[0]?.result).toEqual([]);
  });

  it('picks up a label added to the config at the next training', async () => {
    service = startService(simpleTextClassifier);
    await annotate(SENTIMENT, reviews);
    const withNeutral = config(['Positive', 'Negative', 'Neutral']);
    await annotate(
      withNeutral,
      [
        ['it is a phone, it works', 'Neutral'],
        ['a phone that works, it is ok', 'Neutral'],
        ['ok phone, it works', 'Neutral'],
      ],
      50,
    );
    const [neutral] = await predict(withNeutral, ['the phone works, it is ok']);
    expect(neutral?.result[0]?.value.choices).toEqual(['Neutral']);
  });

  it('scores by margin or entropy when SCORE asks for it', async () => {
    const scores: Record<string, number> = {};
    for (const score of ['probability', 'margin', 'entropy'] as const) {
      service = startService(createTextClassifierBackend({ score, model: {} }));
      await annotate(SENTIMENT, reviews);
      scores[score] = (await predict(SENTIMENT, ['great screen but awful battery']))[0]!.score;
      await service.close();
    }
    service = startService(simpleTextClassifier);
    // Same model, same text, two labels: the uncertainties 1 − (p − (1 − p)) and the entropy
    // of (p, 1 − p) in bits.
    const p = scores.probability!;
    expect(scores.margin).toBeCloseTo(2 - 2 * p, 6);
    expect(scores.entropy).toBeCloseTo(-(p * Math.log2(p) + (1 - p) * Math.log2(1 - p)), 6);
  });

  it('chooses several labels with choice="multiple"', async () => {
    service = startService(simpleTextClassifier);
    const topics = `<View>
  <Text name="text" value="$review"/>
  <Choices name="label" toName="text" choice="multiple">
    <Choice value="Screen"/><Choice value="Battery"/><Choice value="Camera"/>
  </Choices>
</View>`;
    const tagged: [string, string[]][] = [
      ['bright screen', ['Screen']],
      ['screen is sharp', ['Screen']],
      ['battery lasts long', ['Battery']],
      ['battery drains', ['Battery']],
      ['screen and battery both good', ['Screen', 'Battery']],
      ['sharp screen, long battery', ['Screen', 'Battery']],
      ['nice camera photos', ['Camera']],
      ['camera is blurry', ['Camera']],
    ];
    for (const [i, [text, choices]] of tagged.entries()) {
      await service.send(
        'POST',
        '/webhook',
        annotationCreated({
          project: 2,
          labelConfig: topics,
          taskId: i + 1,
          data: { review: text },
          choices,
        }),
      );
    }
    await service.trainer.idle();
    const [both] = await predict(topics, ['the screen is sharp and the battery lasts long'], 2);
    expect([...(both?.result[0]?.value.choices ?? [])].sort()).toEqual(['Battery', 'Screen']);
  });

  it('reads Text with valueType="url" through the task data reader', async () => {
    service = startService(simpleTextClassifier);
    const byUrl = config(['Positive', 'Negative'], ' valueType="url"');
    const asDataUri = (text: string) => `data:text/plain,${encodeURIComponent(text)}`;
    await annotate(
      byUrl,
      reviews.map(([text, label]) => [asDataUri(text), label]),
    );
    const [prediction] = await predict(byUrl, [asDataUri('awful battery, hate it')]);
    expect(prediction?.result[0]?.value.choices).toEqual(['Negative']);
  });

  it('learns and predicts label keys: aliases where the config gives them', async () => {
    service = startService(simpleTextClassifier);
    const aliased = `<View>
  <Text name="text" value="$review"/>
  <Choices name="label" toName="text">
    <Choice value="Positive" alias="pos"/><Choice value="Negative" alias="neg"/>
  </Choices>
</View>`;
    // The editor saves clicks by alias; an annotation made before the alias existed names the value.
    const saved = reviews.map(([text, label], i): [string, string] => [
      text,
      i === 0 ? label : label === 'Positive' ? 'pos' : 'neg',
    ]);
    await annotate(aliased, saved, 1, 4);
    const [positive, negative] = await predict(
      aliased,
      ['love the great screen', 'awful, hate it'],
      4,
    );
    expect(positive?.result[0]?.value.choices).toEqual(['pos']);
    expect(negative?.result[0]?.value.choices).toEqual(['neg']);
  });

  it('skips a training text it cannot read, lists it, and trains on the rest', async () => {
    service = startService(simpleTextClassifier);
    const byUrl = config(['Positive', 'Negative'], ' valueType="url"');
    const asDataUri = (text: string) => `data:text/plain,${encodeURIComponent(text)}`;
    const items = reviews.map(([text, label]): [string, string] => [asDataUri(text), label]);
    // Port 9 on 127.0.0.1: nothing listens there, so the read fails.
    items.push(['http://127.0.0.1:9/gone.txt', 'Positive']);
    await annotate(byUrl, items, 1, 5);
    const outcome = await service.runtime.train('5', { action: 'START_TRAINING', project: '5' });
    expect(outcome).toMatchObject({
      status: 'trained',
      trainingSetSize: reviews.length,
      skipped: [{ task: reviews.length + 1, reason: expect.stringMatching(/gone\.txt/) }],
    });
  });

  it('refuses a config without Choices on a Text object, with a message', async () => {
    service = startService(simpleTextClassifier);
    const { status, body } = await service.send('POST', '/setup', {
      project: '3.1700000000',
      schema:
        '<View><Image name="image" value="$image"/><Choices name="c" toName="image"><Choice value="A"/></Choices></View>',
    });
    expect(status).toBe(422);
    expect(body).toMatchObject({
      code: 'UNSUPPORTED_CONFIG',
      error: expect.stringMatching(/Choices/),
    });
  });
});
