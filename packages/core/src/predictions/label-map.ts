import { labelKey, type ControlTag } from '../label-config/index.js';

/**
 * Maps model class names to the control's labels, like the Python SDK's `build_label_map`:
 * a name listed in a label's `predicted_values` maps to that label; otherwise a label whose
 * value equals the name (ignoring case) does. Names that match nothing are left out.
 *
 * @example
 * // <Label value="Car" predicted_values="car,truck"/><Label value="Airplane"/>
 * buildLabelMap(control, ['car', 'truck', 'airplane', 'boat']);
 * // { car: 'Car', truck: 'Car', airplane: 'Airplane' }
 */
export function buildLabelMap(
  control: Pick<ControlTag, 'labels'>,
  modelNames: readonly string[],
): Record<string, string> {
  const byPredicted = new Map<string, string>();
  const byValue = new Map<string, string>();
  for (const label of control.labels) {
    for (const name of label.predictedValues) {
      if (!byPredicted.has(name.toLowerCase()))
        byPredicted.set(name.toLowerCase(), labelKey(label));
    }
    for (const key of [label.value, label.alias]) {
      if (key !== undefined && !byValue.has(key.toLowerCase()))
        byValue.set(key.toLowerCase(), labelKey(label));
    }
  }
  const entries: [string, string][] = [];
  for (const name of modelNames) {
    const key = name.toLowerCase();
    const label = byPredicted.get(key) ?? byValue.get(key);
    if (label !== undefined) entries.push([name, label]);
  }
  return Object.fromEntries(entries);
}
