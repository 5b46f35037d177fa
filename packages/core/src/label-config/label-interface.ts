import { configError, describeTag } from './config-error.js';
import type { ReadTags } from './read-tags.js';
import { findTargetIn, requireTargetIn } from './targets.js';
import type { ControlQuery, ControlTag, LabelInterface, ObjectTag } from './types.js';

/** Cross-checks names (every toName must name an object) and builds the lookups. */
export function createLabelInterface(config: string, hash: string, tags: ReadTags): LabelInterface {
  const { objects, controls, relations } = tags;
  const objectByName = new Map(objects.map((o) => [o.name, o]));
  const controlByName = new Map(controls.map((c) => [c.name, c]));
  for (const control of controls) {
    for (const target of control.toName) {
      if (!objectByName.has(target)) {
        throw configError(
          `${describeTag(control.tag, control.attrs)}: toName="${target}" names no object tag`,
        );
      }
    }
  }
  const objectsOf = (control: ControlTag): ObjectTag[] =>
    control.toName.flatMap((n) => objectByName.get(n) ?? []);
  const findControls = (query: ControlQuery): ControlTag[] => {
    const types = lowerSet(query.type);
    const objectTags = lowerSet(query.objectTag);
    return controls.filter(
      (c) =>
        (types === undefined || types.has(c.type)) &&
        (query.name === undefined || query.name(c.name.toLowerCase())) &&
        (objectTags === undefined || objectsOf(c).some((o) => objectTags.has(o.tag.toLowerCase()))),
    );
  };
  const li: LabelInterface = {
    config,
    hash,
    objects,
    controls,
    relations,
    control: (name) => controlByName.get(name),
    object: (name) => objectByName.get(name),
    findControl: (query) => findControls(query)[0],
    findControls,
    objectsOf,
    findTarget: (query) => findTargetIn(li, query),
    requireTarget: (query, hint) => requireTargetIn(li, query, hint),
  };
  return li;
}

function lowerSet(v: string | string[] | undefined): Set<string> | undefined {
  if (v === undefined) return undefined;
  return new Set((Array.isArray(v) ? v : [v]).map((s) => s.toLowerCase()));
}
