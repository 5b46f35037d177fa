import type { RegionResult } from '../contract/types.js';
import { labelKey, type ControlTag } from '../label-config/index.js';
import { labelKeyOf } from './result-kinds.js';

/**
 * The labels an annotation (or prediction) gives `control`, as label keys ({@link labelKey}:
 * the alias when the label has one), each once, in the order they first appear. A result that
 * names a label by its `value` where the config now gives it an alias still counts, under the
 * alias; labels the config does not define are left out (unless its labels come from task
 * data). Reads choices, every `*labels` type (including `labels` results that the editor saves
 * for a `<Labels>` beside a geometry tool) and the leaf of each Taxonomy path.
 *
 * @example
 * // <Choices name="sentiment" toName="text"><Choice value="Positive" alias="pos"/>…</Choices>
 * answerKeys({ result: [{ from_name: 'sentiment', to_name: 'text', type: 'choices',
 *   value: { choices: ['Positive'] } }] }, control); // ['pos']
 */
export function answerKeys(
  answer: { result: readonly RegionResult[] },
  control: Pick<ControlTag, 'name' | 'labels' | 'dynamicLabels'>,
): string[] {
  const keyOf = new Map<string, string>();
  // Aliases last: a key Label Studio stored always maps to itself.
  for (const label of control.labels) keyOf.set(label.value, labelKey(label));
  for (const label of control.labels) if (label.alias) keyOf.set(label.alias, label.alias);
  const keys = new Set<string>();
  // Annotations arrive as any JSON: a malformed entry answers nothing.
  const results: readonly unknown[] = Array.isArray(answer.result) ? answer.result : [];
  for (const entry of results) {
    if (typeof entry !== 'object' || entry === null) continue;
    const result = entry as RegionResult;
    if (result.from_name !== control.name) continue;
    for (const given of givenLabels(result)) {
      const key = keyOf.get(given) ?? (control.dynamicLabels ? given : undefined);
      if (key !== undefined) keys.add(key);
    }
  }
  return [...keys];
}

/** The strings a result names as labels: its label list, or the leaves of its taxonomy paths. */
function givenLabels(result: RegionResult): string[] {
  const raw: unknown = result.value;
  if (typeof raw !== 'object' || raw === null) return [];
  const value = raw as Record<string, unknown>;
  if (result.type === 'taxonomy') {
    const paths = Array.isArray(value.taxonomy) ? (value.taxonomy as unknown[]) : [];
    return paths.flatMap((p) => (Array.isArray(p) ? strings([p.at(-1)]) : []));
  }
  const key = typeof result.type === 'string' ? labelKeyOf(result.type) : undefined;
  const list = key === undefined ? undefined : value[key];
  return Array.isArray(list) ? strings(list) : [];
}

const strings = (list: readonly unknown[]): string[] =>
  list.filter((s): s is string => typeof s === 'string');
