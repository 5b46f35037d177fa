import { describe, expect, it } from 'vitest';
import { LsmlError } from '../errors/index.js';
import { parseLabelConfig, parseLabelConfigUncached } from './parse.js';

const SIMPLE = `<View><Text name="to_name" value="$var"/><Choices name="from_name" toName="to_name"><Choice value="yes"/><Choice value="no"/></Choices></View>`;

function parseError(config: string): LsmlError {
  try {
    parseLabelConfigUncached(config);
  } catch (error) {
    if (error instanceof LsmlError) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseLabelConfig', () => {
  it('reads objects with their data key and controls with their toName and labels', () => {
    const li = parseLabelConfig(SIMPLE);
    expect(li.object('to_name')).toMatchObject({ tag: 'Text', value: '$var', dataKey: 'var' });
    expect(li.control('from_name')).toMatchObject({ type: 'choices', toName: ['to_name'] });
    expect(li.control('from_name')?.labels.map((l) => l.value)).toEqual(['yes', 'no']);
  });

  it('caches by config hash and returns the same interface', () => {
    expect(parseLabelConfig(SIMPLE)).toBe(parseLabelConfig(SIMPLE));
    expect(parseLabelConfig(SIMPLE).hash).toMatch(/^[0-9a-f]{64}$/);
    expect(parseLabelConfigUncached(SIMPLE)).not.toBe(parseLabelConfig(SIMPLE));
  });

  it('bounds the cache: old configs are parsed again, recent ones are not', () => {
    const config = (i: number) => `<View><Text name="t${String(i)}" value="$t"/></View>`;
    const first = parseLabelConfig(config(0));
    for (let i = 1; i <= 300; i++) parseLabelConfig(config(i));
    expect(parseLabelConfig(config(0))).not.toBe(first);
    const recent = parseLabelConfig(config(300));
    expect(parseLabelConfig(config(300))).toBe(recent);
  });

  it('finds the first control by type and object tag, case-insensitively (get_first_tag_occurence)', () => {
    const li = parseLabelConfig(SIMPLE);
    expect(li.findControl({ type: 'Choices', objectTag: 'Text' })?.name).toBe('from_name');
    expect(
      li.findControl({
        type: 'choices',
        objectTag: ['Image', 'text'],
        name: (n) => n.startsWith('from'),
      })?.name,
    ).toBe('from_name');
    expect(
      li.findControl({ type: 'choices', name: (n) => n.startsWith('wrong_prefix') }),
    ).toBeUndefined();
    expect(li.findControl({ type: 'Choices', objectTag: 'Image' })).toBeUndefined();
    expect(li.findControl({ type: 'Labels', objectTag: 'Text' })).toBeUndefined();
    expect(li.objectsOf(li.controls[0]!).map((o) => o.name)).toEqual(['to_name']);
  });

  it('reads label attributes: alias, background, hotkey, predicted_values', () => {
    const li = parseLabelConfig(
      `<View><Image name="i" value="$i"/><RectangleLabels name="r" toName="i"><Label value="Car" alias="car" background="red" hotkey="c" predicted_values="car, truck ,"/></RectangleLabels></View>`,
    );
    expect(li.control('r')?.labels[0]).toMatchObject({
      value: 'Car',
      alias: 'car',
      background: 'red',
      hotkey: 'c',
      predictedValues: ['car', 'truck'],
    });
  });

  it('reads choice, perRegion, smart, smartOnly, required and dynamic labels', () => {
    const li = parseLabelConfig(
      `<View><Image name="i" value="$i"/><Choices name="c" toName="i" choice="multiple" perRegion="true" required="true"/><KeyPointLabels name="k" toName="i" smart="true" smartOnly="true"/><Choices name="d" toName="i" value="$options"/><Choices name="e" toName="i" choice="weird"/></View>`,
    );
    expect(li.control('c')).toMatchObject({
      choice: 'multiple',
      perRegion: true,
      required: true,
      smart: false,
    });
    expect(li.control('k')).toMatchObject({ smart: true, smartOnly: true, perRegion: false });
    expect(li.control('d')?.dynamicLabels).toBe(true);
    expect(li.control('e')?.choice).toBeUndefined();
  });

  it('builds the taxonomy tree with each choice’s path', () => {
    const li = parseLabelConfig(
      `<View><Text name="t" value="$t"/><Taxonomy name="tax" toName="t"><Choice value="Animal"><Choice value="Cat"/><Choice value="Dog" alias="dog"/></Choice><Choice value="Plant"/></Taxonomy></View>`,
    );
    const tax = li.control('tax');
    expect(tax?.taxonomy?.map((n) => n.label.value)).toEqual(['Animal', 'Plant']);
    expect(tax?.taxonomy?.[0]?.children.map((n) => n.label.path)).toEqual([
      ['Animal', 'Cat'],
      ['Animal', 'dog'],
    ]);
  });

  it('reads TimeSeries channels and Relations labels', () => {
    const li = parseLabelConfig(
      `<View><Relations><Relation value="likes"/></Relations><TimeSeries name="ts" value="$csv"><Channel column="a" legend="A"/><Channel column="b"/></TimeSeries></View>`,
    );
    expect(li.object('ts')?.channels?.map((c) => [c.column, c.legend])).toEqual([
      ['a', 'A'],
      ['b', undefined],
    ]);
    expect(li.relations.map((r) => r.value)).toEqual(['likes']);
  });

  it('accepts comments before and after the root, an XML declaration and an empty View', () => {
    const withComments = `<?xml version="1.0"?>\n<!-- {"data": {"hello": "world"}, "predictions": [], "annotations": [] } -->${SIMPLE}\n<!--{"annotations": []} -->`;
    expect(parseLabelConfigUncached(withComments).controls).toHaveLength(1);
    expect(parseLabelConfigUncached('<View></View>').controls).toEqual([]);
    expect(parseLabelConfigUncached('<View/>').objects).toEqual([]);
  });

  it('keeps character references and predefined entities in values', () => {
    const li = parseLabelConfigUncached(
      `<View><Text name="t" value="$t"/><Choices name="c" toName="t"><Choice value="R&amp;D &#233;"/></Choices></View>`,
    );
    expect(li.control('c')?.labels[0]?.value).toBe('R&D é');
  });
});

describe('parseLabelConfig errors (one typed error naming tag and attribute)', () => {
  it.each([
    ['not well-formed XML', '<View><Text name="t" value="$t"></View>', /not well-formed/],
    ['empty config', '   ', /empty/],
    [
      'root is not View',
      '<Text name="t" value="$t"/>',
      /root element must be <View>, found <Text>/,
    ],
    [
      'a toName naming no object',
      '<View><Choices name="c" toName="missing"/></View>',
      /<Choices name="c">: toName="missing" names no object/,
    ],
    [
      'a toName naming a control',
      '<View><Text name="t" value="$t"/><Labels name="l" toName="t"/><Choices name="c" toName="l"/></View>',
      /toName="l"/,
    ],
    [
      'duplicate names',
      '<View><Text name="x" value="$a"/><Image name="x" value="$b"/></View>',
      /<Image name="x">: name="x" is already used by <Text name="x">/,
    ],
    [
      'a control without name',
      '<View><Text name="t" value="$t"/><Choices toName="t"/></View>',
      /<Choices toName="t"> has no name/,
    ],
    [
      'an empty toName',
      '<View><Text name="t" value="$t"/><Choices name="c" toName=" , "/></View>',
      /<Choices name="c">: toName is empty/,
    ],
    ['an undefined entity', '<View><Text name="t" value="&xxe;"/></View>', /undefined entity/],
    [
      'duplicate attributes',
      '<View><Text name="t" name="u" value="$t"/></View>',
      /duplicate attribute/,
    ],
    ['two roots', '<View/><View/>', /one root/],
    [
      'a known control tag without toName',
      '<View><Text name="t" value="$t"/><Choices name="c"><Choice value="A"/></Choices></View>',
      /<Choices name="c"> has no toName: name the object tag\(s\) it labels/,
    ],
    [
      'an object tag without value',
      '<View><Image name="img"/><RectangleLabels name="r" toName="img"/></View>',
      /<Image name="img"> has no value: point it at the task data, e.g. value="\$img"/,
    ],
  ])('%s', (_name, config, message) => {
    const error = parseError(config);
    expect(error.code).toBe('INVALID_LABEL_CONFIG');
    expect(error.status).toBe(422);
    expect(error.message).toMatch(message);
  });

  it.each([42, null, undefined, ['<View/>'], { xml: '<View/>' }])(
    'refuses a config that is not a string (%o) with the typed error, not a TypeError',
    (config) => {
      for (const parse of [parseLabelConfig, parseLabelConfigUncached]) {
        const call = () => parse(config as unknown as string);
        expect(call).toThrow(expect.objectContaining({ code: 'INVALID_LABEL_CONFIG' }));
        expect(call).toThrow(/the config must be XML text, got/);
      }
    },
  );

  it('refuses DOCTYPEs, so billion laughs and external entities never expand', () => {
    const lol = ['<!DOCTYPE lolz [', '<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++)
      lol.push(`<!ENTITY lol${i} "${`&lol${i - 1 || ''};`.repeat(10)}">`);
    const billionLaughs = `<?xml version="1.0"?>${lol.join('')}]><View><Text name="t" value="&lol9;"/></View>`;
    const started = performance.now();
    expect(parseError(billionLaughs).message).toMatch(/DOCTYPE/);
    // A hang guard, not a benchmark: expanding &lol9; means 10^9 copies, which takes far
    // longer than this generous bound (a loaded CI machine can stretch one call past 100 ms).
    expect(performance.now() - started).toBeLessThan(2_000);
    const xxe = `<!DOCTYPE v [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><View><Text name="t" value="&xxe;"/></View>`;
    expect(parseError(xxe).message).toMatch(/DOCTYPE/);
  });
});
