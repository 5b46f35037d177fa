import { afterAll, describe, expect, it } from 'vitest';
import { simpleTextClassifier } from '../src/model.js';
import { annotationCreated, startService, type PredictResult } from './http.js';
import { fnv1a32, loadSpamAssassin, type SpamMessage } from './spam-assassin.js';

const SPAM_CONFIG = `<View>
  <Text name="text" value="$text"/>
  <Choices name="label" toName="text">
    <Choice value="ham"/>
    <Choice value="spam"/>
  </Choices>
</View>`;
const ANNOTATIONS = 500;
const EVERY = 50;
const HELD_OUT = 300;

/** The messages in an order that looks random and is the same on every run (per `seed`). */
function shuffled(messages: readonly SpamMessage[], seed: number): SpamMessage[] {
  const key = (m: SpamMessage) => fnv1a32(`${seed}/${m.id}`);
  return [...messages].sort((x, y) => key(x) - key(y));
}

describe('online learning on SpamAssassin through /webhook', () => {
  const service = startService(simpleTextClassifier);
  afterAll(() => service.close());

  const corpus = loadSpamAssassin();
  // The corpus lists all ham before all spam: annotators see them in a random order.
  const stream = shuffled(
    corpus.filter((m) => m.split === 'train'),
    1,
  ).slice(0, ANNOTATIONS);
  const heldOut = shuffled(
    corpus.filter((m) => m.split === 'test'),
    2,
  ).slice(0, HELD_OUT);

  async function heldOutAccuracy(messages: readonly SpamMessage[]): Promise<number> {
    const { status, body } = await service.send('POST', '/predict', {
      project: '7.1700000000',
      label_config: SPAM_CONFIG,
      tasks: messages.map((m, i) => ({ id: 100_000 + i, data: { text: m.text } })),
    });
    expect(status).toBe(200);
    const results = body.results as PredictResult[];
    return (
      results.filter((r, i) => r.result[0]?.value.choices[0] === messages[i]!.label).length /
      messages.length
    );
  }

  it(`starts cold, learns from ${ANNOTATIONS} annotations sent one at a time, ends ≥ 0.9`, async () => {
    expect(await heldOutAccuracy(heldOut)).toBe(0); // cold: no predictions at all
    const curve: { annotations: number; accuracy: number }[] = [];
    for (const [i, message] of stream.entries()) {
      const { status } = await service.send(
        'POST',
        '/webhook',
        annotationCreated({
          project: 7,
          labelConfig: SPAM_CONFIG,
          taskId: i + 1,
          data: { text: message.text },
          choices: [message.label],
        }),
      );
      expect(status).toBe(201);
      if ((i + 1) % EVERY === 0) {
        await service.trainer.idle();
        curve.push({ annotations: i + 1, accuracy: await heldOutAccuracy(heldOut) });
      }
    }
    console.log(
      `held-out accuracy (${HELD_OUT} texts) after n annotations: ` +
        curve.map((p) => `${p.annotations}: ${p.accuracy.toFixed(3)}`).join(', '),
    );
    const first = curve[0]!.accuracy;
    const last = curve.at(-1)!.accuracy;
    const mean = (points: typeof curve) =>
      points.reduce((s, p) => s + p.accuracy, 0) / points.length;
    expect(last).toBeGreaterThanOrEqual(0.9);
    expect(last).toBeGreaterThan(first);
    expect(mean(curve.slice(-3))).toBeGreaterThan(mean(curve.slice(0, 3)));
  }, 300_000);
});
