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

/** What Label Studio writes into results for this label: the alias when there is one. */
export function resultValueOf(label: LabelDef): string {
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
