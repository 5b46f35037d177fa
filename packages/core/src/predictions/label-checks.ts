import type { ControlTag, LabelInterface, TaxonomyNode } from '../label-config/index.js';
import { labelKeyOf, labelsRequired } from './result-kinds.js';

/** Labels and taxonomy paths in a result that the config does not define. */
export function labelProblems(
  type: string,
  value: Record<string, unknown>,
  control: ControlTag,
  toName: string,
  li: LabelInterface,
): string[] {
  if (type === 'taxonomy') return taxonomyProblems(value.taxonomy, control);
  const key = labelKeyOf(type);
  if (key === undefined) return [];
  const given = value[key];
  if (given === undefined) return labelsRequired(type) ? [`value.${key} is missing`] : [];
  if (!Array.isArray(given) || !given.every((l) => typeof l === 'string'))
    return [`value.${key} must be a list of strings`];
  if (given.length === 0) return [`value.${key} is empty: name at least one label`];
  const allowed = allowedLabels(control, toName, li);
  if (allowed === undefined) return [];
  return given
    .filter((label) => !allowed.has(label))
    .map((label) => `label "${label}" is not defined in <${control.tag} name="${control.name}">`);
}

/**
 * The labels a result may use: the control's own, plus those of `<Labels>` on the same object
 * (geometry tools and VideoRectangle take their labels from there). Undefined = not checkable.
 */
function allowedLabels(
  control: ControlTag,
  toName: string,
  li: LabelInterface,
): Set<string> | undefined {
  const sources = [
    control,
    ...li.controls.filter((c) => c !== control && c.type === 'labels' && c.toName.includes(toName)),
  ];
  if (sources.some((c) => c.dynamicLabels)) return undefined;
  const allowed = new Set<string>();
  for (const c of sources)
    for (const l of c.labels) {
      allowed.add(l.value);
      if (l.alias !== undefined) allowed.add(l.alias);
    }
  return allowed.size === 0 ? undefined : allowed;
}

function taxonomyProblems(paths: unknown, control: ControlTag): string[] {
  if (
    !Array.isArray(paths) ||
    !paths.every((p) => Array.isArray(p) && p.every((s) => typeof s === 'string'))
  )
    return ['value.taxonomy must be a list of paths (lists of strings)'];
  if (paths.length === 0) return ['value.taxonomy is empty: give at least one path'];
  if (control.dynamicLabels || (control.taxonomy ?? []).length === 0) return [];
  return paths
    .filter((path) => !pathExists(control.taxonomy ?? [], path))
    .map(
      (path) =>
        `taxonomy path "${path.join(' / ')}" is not defined in <${control.tag} name="${control.name}">`,
    );
}

function pathExists(roots: readonly TaxonomyNode[], path: readonly string[]): boolean {
  let level = roots;
  for (const step of path) {
    const node = level.find((n) => n.label.value === step || n.label.alias === step);
    if (!node) return false;
    level = node.children;
  }
  return path.length > 0;
}
