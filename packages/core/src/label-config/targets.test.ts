import { describe, expect, it } from 'vitest';
import { isLsmlError } from '../errors/index.js';
import { labelKey } from './label-defs.js';
import { parseLabelConfig } from './parse.js';

const li = parseLabelConfig(`<View>
  <Image name="image" value="$image"/>
  <Text name="title" value="Static title"/>
  <Text name="text" value="$text"/>
  <HyperText name="html" value="$html"/>
  <Choices name="static" toName="title"><Choice value="A"/></Choices>
  <Choices name="colour" toName="image"><Choice value="Red"/></Choices>
  <Choices name="sentiment" toName="image,text"><Choice value="Positive" alias="pos"/><Choice value="Negative"/></Choices>
  <Choices name="topic" toName="html"><Choice value="News"/></Choices>
</View>`);

describe('labelInterface.findTarget / requireTarget', () => {
  it('finds the first control of the types bound to an object of the tags with a $key', () => {
    // `static` labels a Text whose value is a literal: nothing to read from the task.
    const target = li.requireTarget({ control: 'Choices', object: ['text', 'HyperText'] });
    expect(target.control.name).toBe('sentiment');
    expect(target.object.name).toBe('text');
    expect(target.dataKey).toBe('text');
    expect(li.findTarget({ control: 'choices', object: 'HyperText' })?.control.name).toBe('topic');
  });

  it('skips matches the condition refuses', () => {
    const target = li.findTarget({
      control: 'choices',
      object: 'Image',
      where: (control) => control.labels.length >= 2,
    });
    expect(target?.control.name).toBe('sentiment');
    expect(target?.object.name).toBe('image');
  });

  it('throws UNSUPPORTED_CONFIG naming what is needed, then the hint', () => {
    expect(li.findTarget({ control: 'rectanglelabels', object: 'image' })).toBeUndefined();
    let error: unknown;
    try {
      li.requireTarget(
        { control: ['rectanglelabels', 'Rectangle'], object: 'image' },
        'e.g. <RectangleLabels name="label" toName="image"><Label value="Car"/></RectangleLabels>',
      );
    } catch (e) {
      error = e;
    }
    expect(isLsmlError(error) && error.code).toBe('UNSUPPORTED_CONFIG');
    expect((error as Error).message).toBe(
      'The label config needs a <RectangleLabels> or <Rectangle> control bound to a <Image> whose value is a "$key". e.g. <RectangleLabels name="label" toName="image"><Label value="Car"/></RectangleLabels>',
    );
  });
});

describe('labelKey', () => {
  it('is the alias when the label has one, else its value', () => {
    const [pos, neg] = li.control('sentiment')?.labels ?? [];
    expect(pos && labelKey(pos)).toBe('pos');
    expect(neg && labelKey(neg)).toBe('Negative');
  });
});
