import { LsmlError } from '../errors/index.js';
import { CONTROL_TAGS, OBJECT_TAGS } from './tag-catalog.js';
import type { LabelInterface, Target, TargetQuery } from './types.js';

type Lookup = Pick<LabelInterface, 'controls' | 'objectsOf'>;

/**
 * The first control (config order) of one of `query.control`'s types bound to an object of one
 * of `query.object`'s tags whose `value` is a `$key`, with that object and key.
 */
export function findTargetIn(li: Lookup, query: TargetQuery): Target | undefined {
  const controlTypes = lowerSet(query.control);
  const objectTags = lowerSet(query.object);
  for (const control of li.controls) {
    if (!controlTypes.has(control.type)) continue;
    for (const object of li.objectsOf(control)) {
      if (!objectTags.has(object.tag.toLowerCase()) || object.dataKey === undefined) continue;
      if (query.where && !query.where(control, object)) continue;
      return { control, object, dataKey: object.dataKey };
    }
  }
  return undefined;
}

/** {@link findTargetIn}, or an `UNSUPPORTED_CONFIG` naming what the config lacks, then `hint`. */
export function requireTargetIn(li: Lookup, query: TargetQuery, hint?: string): Target {
  const target = findTargetIn(li, query);
  if (target) return target;
  const controls = listTags(query.control, CONTROL_TAGS);
  const objects = listTags(query.object, OBJECT_TAGS);
  const needs = `The label config needs a ${controls} control bound to a ${objects} whose value is a "$key"`;
  throw new LsmlError('UNSUPPORTED_CONFIG', hint ? `${needs}. ${hint}` : needs);
}

function asList(v: string | readonly string[]): readonly string[] {
  return typeof v === 'string' ? [v] : v;
}

function lowerSet(v: string | readonly string[]): Set<string> {
  return new Set(asList(v).map((s) => s.toLowerCase()));
}

/** `<Choices>`, or `<Text> or <HyperText>`, spelled as the docs spell the tags. */
function listTags(v: string | readonly string[], catalog: readonly string[]): string {
  const tags = asList(v).map((t) => {
    const known = catalog.find((c) => c.toLowerCase() === t.toLowerCase());
    return `<${known ?? t}>`;
  });
  return tags.length <= 1 ? (tags[0] ?? '') : `${tags.slice(0, -1).join(', ')} or ${tags.at(-1)}`;
}
