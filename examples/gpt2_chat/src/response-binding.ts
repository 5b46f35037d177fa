import { LsmlError, type LabelInterface } from '@lsml/core';
import type { ResponseBinding } from './few-shot/few-shot-examples.js';

export interface ResponseTarget extends ResponseBinding {
  /** The dialogue object's name (`to_name` of the results). */
  objectName: string;
  /** True for `<Paragraphs>`, whose data may be a file reference (URL or data URI) to JSON. */
  paragraphs: boolean;
}

const NEEDS =
  'gpt2_chat needs a <TextArea> bound to a <Paragraphs> (or <Text>) dialogue, e.g. ' +
  '<Paragraphs name="dialogue" value="$dialogue" layout="dialogue"/> ' +
  '<TextArea name="response" toName="dialogue"/>';

/** The TextArea to fill and the dialogue it answers, from the label config. */
export function responseTarget(labelInterface: LabelInterface): ResponseTarget {
  const control = labelInterface.findControl({
    type: 'textarea',
    objectTag: ['Paragraphs', 'Text'],
  });
  if (!control) throw new LsmlError('UNSUPPORTED_CONFIG', NEEDS);
  const object = control.toName
    .map((name) => labelInterface.object(name))
    .find((o) => o !== undefined && ['paragraphs', 'text'].includes(o.tag.toLowerCase()));
  if (object?.dataKey === undefined) {
    throw new LsmlError('UNSUPPORTED_CONFIG', `${NEEDS} (its value must be a "$key")`);
  }
  return {
    controlName: control.name,
    objectName: object.name,
    dataKey: object.dataKey,
    paragraphs: object.tag.toLowerCase() === 'paragraphs',
  };
}
