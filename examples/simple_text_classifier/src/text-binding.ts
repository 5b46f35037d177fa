import {
  LsmlError,
  type ControlTag,
  type DataReader,
  type LabelInterface,
  type ObjectTag,
  type Task,
} from '@lsml/core';

/** The part of a label config this backend works on: a Choices control and its text object. */
export interface TextChoices {
  control: ControlTag;
  object: ObjectTag;
  labels: string[];
  /** `choice="multiple"`: any number of labels per text. */
  multiple: boolean;
}

const TEXT_OBJECTS = ['Text', 'HyperText'];

/** The first Choices control bound to a Text or HyperText object, or `undefined`. */
export function findTextChoices(labelInterface: LabelInterface): TextChoices | undefined {
  const control = labelInterface.findControl({ type: 'choices', objectTag: TEXT_OBJECTS });
  if (!control) return undefined;
  const object = control.toName
    .map((name) => labelInterface.object(name))
    .find((o): o is ObjectTag => o !== undefined && TEXT_OBJECTS.includes(o.tag));
  if (!object) return undefined;
  return {
    control,
    object,
    labels: control.labels.map((label) => label.value),
    multiple: control.attrs.choice === 'multiple',
  };
}

export const UNSUPPORTED_CONFIG_MESSAGE =
  'simple_text_classifier needs a <Choices> control bound to a <Text> or <HyperText> object, e.g. ' +
  '<Text name="text" value="$text"/><Choices name="label" toName="text">…</Choices>';

export function requireTextChoices(labelInterface: LabelInterface): TextChoices {
  const binding = findTextChoices(labelInterface);
  if (!binding) throw new LsmlError('UNSUPPORTED_CONFIG', UNSUPPORTED_CONFIG_MESSAGE);
  return binding;
}

/**
 * The text of `task` for `object`: the data value named by `value="$key"` (or the task's only
 * data value), fetched through the task data reader when `valueType="url"`. HyperText is
 * reduced to its text so markup does not become features.
 */
export async function taskText(
  task: Task,
  object: ObjectTag,
  readData: DataReader,
): Promise<string> {
  const raw =
    object.dataKey !== undefined && object.dataKey in task.data
      ? task.data[object.dataKey]
      : onlyValue(task.data);
  if (raw === undefined || raw === null) return '';
  let text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (object.attrs.valueType?.toLowerCase() === 'url')
    text = (await readData(text)).toString('utf8');
  return object.tag === 'HyperText' ? htmlToText(text) : text;
}

function onlyValue(data: Record<string, unknown>): unknown {
  const values = Object.values(data);
  return values.length === 1 ? values[0] : undefined;
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (_, entity: string) =>
      entity === 'nbsp'
        ? ' '
        : ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" }[entity] ?? ' '),
    );
}
