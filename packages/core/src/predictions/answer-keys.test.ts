import { describe, expect, it } from 'vitest';
import type { RegionResult } from '../contract/types.js';
import { parseLabelConfig, type ControlTag } from '../label-config/index.js';
import { answerKeys } from './answer-keys.js';

const li = parseLabelConfig(`<View>
  <Image name="image" value="$image"/>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="multiple">
    <Choice value="Positive" alias="pos"/><Choice value="Negative"/>
  </Choices>
  <Rectangle name="box" toName="image"/>
  <Labels name="label" toName="image"><Label value="Car" alias="car"/></Labels>
  <Taxonomy name="topic" toName="text"><Choice value="Animal"><Choice value="Cat" alias="cat"/></Choice></Taxonomy>
  <Choices name="tags" toName="text" value="$options"/>
</View>`);

const control = (name: string): ControlTag => {
  const c = li.control(name);
  if (!c) throw new Error(name);
  return c;
};
const result = (from_name: string, type: string, value: Record<string, unknown>): RegionResult => ({
  from_name,
  to_name: 'text',
  type,
  value,
});

describe('answerKeys', () => {
  it('reads the labels given to a control as label keys, each once', () => {
    const answer = {
      result: [
        result('sentiment', 'choices', { choices: ['pos', 'Negative'] }),
        result('sentiment', 'choices', { choices: ['Negative'] }),
        result('other', 'choices', { choices: ['Positive'] }),
      ],
    };
    expect(answerKeys(answer, control('sentiment'))).toEqual(['pos', 'Negative']);
  });

  it('counts a label named by its value under its alias, and drops labels the config lacks', () => {
    const answer = {
      result: [result('sentiment', 'choices', { choices: ['Positive', 'Gone', 7] })],
    };
    expect(answerKeys(answer, control('sentiment'))).toEqual(['pos']);
  });

  it('reads region labels as the editor saves them, and the leaves of taxonomy paths', () => {
    const box = { x: 1, y: 2, width: 3, height: 4 };
    const annotation = {
      result: [
        { ...result('box', 'rectangle', box), id: 'r1' },
        { ...result('label', 'labels', { ...box, labels: ['car'] }), id: 'r1' },
        result('label', 'rectanglelabels', { ...box, rectanglelabels: ['Car'] }),
        result('topic', 'taxonomy', { taxonomy: [['Animal', 'Cat'], ['Animal']] }),
      ],
    };
    expect(answerKeys(annotation, control('label'))).toEqual(['car']);
    expect(answerKeys(annotation, control('topic'))).toEqual(['cat', 'Animal']);
    expect(answerKeys(annotation, control('box'))).toEqual([]);
  });

  it('keeps every label of a control whose labels come from task data', () => {
    const answer = { result: [result('tags', 'choices', { choices: ['anything'] })] };
    expect(answerKeys(answer, control('tags'))).toEqual(['anything']);
  });

  it('reads nothing from malformed results', () => {
    const junk = { result: [{ from_name: 'sentiment', type: 'choices', value: null }] } as never;
    expect(answerKeys(junk, control('sentiment'))).toEqual([]);
    expect(answerKeys({ result: 'x' } as never, control('sentiment'))).toEqual([]);
  });
});
