import { parseLabelConfig, type DataReader } from '@lsml/core';
import { describe, expect, it } from 'vitest';
import { findTextChoices, taskText } from './text-binding.js';

const noReads: DataReader = () => Promise.reject(new Error('no reads expected'));

describe('findTextChoices', () => {
  it('takes the first Choices control bound to a Text or HyperText object', () => {
    const li = parseLabelConfig(`<View>
      <Image name="image" value="$image"/>
      <Choices name="kind" toName="image"><Choice value="Cat"/></Choices>
      <HyperText name="page" value="$html"/>
      <Choices name="topic" toName="page" choice="multiple"><Choice value="News"/></Choices>
    </View>`);
    const binding = findTextChoices(li);
    expect(binding?.control.name).toBe('topic');
    expect(binding?.object.name).toBe('page');
    expect(binding?.multiple).toBe(true);
    expect(binding?.labels).toEqual(['News']);
  });

  it('finds nothing without a Choices on text', () => {
    const li = parseLabelConfig(
      '<View><Text name="t" value="$t"/><Labels name="l" toName="t"><Label value="A"/></Labels></View>',
    );
    expect(findTextChoices(li)).toBeUndefined();
  });
});

describe('taskText', () => {
  const object = (attrs: string, tag = 'Text') => {
    const li = parseLabelConfig(
      `<View><${tag} name="t" value="$body"${attrs}/><Choices name="c" toName="t"><Choice value="A"/></Choices></View>`,
    );
    return findTextChoices(li)!.object;
  };

  it('reads the data key, or the only data value when the key is missing', async () => {
    expect(await taskText({ id: 1, data: { body: 'hello' } }, object(''), noReads)).toBe('hello');
    expect(await taskText({ id: 1, data: { other: 'only one' } }, object(''), noReads)).toBe(
      'only one',
    );
    expect(await taskText({ id: 1, data: {} }, object(''), noReads)).toBe('');
  });

  it('fetches valueType="url" through the reader', async () => {
    const reader: DataReader = (value) => Promise.resolve(Buffer.from(`text of ${value}`));
    const text = await taskText(
      { id: 1, data: { body: 'https://x.test/a.txt' } },
      object(' valueType="url"'),
      reader,
    );
    expect(text).toBe('text of https://x.test/a.txt');
  });

  it('strips HyperText markup, scripts and styles', async () => {
    const html = '<style>p{color:red}</style><p>Fish &amp; chips</p><script>var x = 1;</script>';
    const text = await taskText({ id: 1, data: { body: html } }, object('', 'HyperText'), noReads);
    expect(text.replace(/\s+/g, ' ').trim()).toBe('Fish & chips');
  });
});
