import type { LabelDef } from './types.js';

/** The label a `<Label>`/`<Choice>`/`<Relation>`/`<Bucket>` defines, or undefined without a key. */
export function readLabelDef(tag: string, attrs: Record<string, string>): LabelDef | undefined {
  // A Ranker bucket is identified by its name; every other label by its value (or alias).
  const value = tag === 'Bucket' ? (attrs.name ?? attrs.value) : (attrs.value ?? attrs.alias);
  if (value === undefined) return undefined;
  return {
    value,
    alias: attrs.alias,
    background: attrs.background,
    hotkey: attrs.hotkey,
    predictedValues: splitList(attrs.predicted_values),
    attrs,
  };
}

/**
 * The key a result must use for this label, as Label Studio keys it: the alias when the label
 * has one, else its value. The editor saves `<Choice value="Positive" alias="pos"/>` as
 * `{"choices": ["pos"]}`, and shows a result that says "Positive" as not selected.
 *
 * @example
 * // <Choice value="Positive" alias="pos"/><Choice value="Negative"/>
 * control.labels.map(labelKey); // ['pos', 'Negative']
 * choices(control, labelKey(control.labels[0]!)); // {choices: ['pos']}
 */
export function labelKey(label: Pick<LabelDef, 'value' | 'alias'>): string {
  return label.alias ?? label.value;
}

/** `"a, b,,c"` → `['a', 'b', 'c']`. */
export function splitList(list: string | undefined): string[] {
  if (list === undefined) return [];
  const items: string[] = [];
  for (const part of list.split(',')) {
    const item = part.trim();
    if (item !== '') items.push(item);
  }
  return items;
}
