import {
  labelKey,
  type DataReader,
  type LabelInterface,
  type ObjectTag,
  type Target,
  type TargetQuery,
  type Task,
} from '@lsml/core';

/** The part of a label config this backend works on: a Choices control and its text object. */
export interface TextChoices extends Target {
  /**
   * The label keys in config order: a choice's `alias` when it has one, else its `value`. The
   * editor saves annotations with these keys and loads predictions by them.
   */
  labels: string[];
  /** `choice="multiple"`: any number of labels per text. */
  multiple: boolean;
}

const TEXT_CHOICES: TargetQuery = { control: 'choices', object: ['Text', 'HyperText'] };

const withLabels = (target: Target): TextChoices => ({
  ...target,
  labels: target.control.labels.map(labelKey),
  multiple: target.control.attrs.choice === 'multiple',
});

/** The first Choices control bound to a Text or HyperText object, or `undefined`. */
export function findTextChoices(labelInterface: LabelInterface): TextChoices | undefined {
  const target = labelInterface.findTarget(TEXT_CHOICES);
  return target && withLabels(target);
}

/** {@link findTextChoices}, or `UNSUPPORTED_CONFIG` (422 at /setup) saying what would work. */
export function requireTextChoices(labelInterface: LabelInterface): TextChoices {
  return withLabels(
    labelInterface.requireTarget(
      TEXT_CHOICES,
      'For example: <Text name="text" value="$text"/><Choices name="label" toName="text">…</Choices>',
    ),
  );
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
