import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { isLsmlError } from '../errors/index.js';
import { configError, describeTag } from './config-error.js';
import { labelKey, readLabelDef, splitList } from './label-defs.js';
import { CONTROL_TAGS, LABEL_TAGS, NOT_CONTROLS, OBJECT_TAGS } from './tag-catalog.js';
import type { ChoiceMode, ControlTag, LabelDef, ObjectTag, TaxonomyNode } from './types.js';

/** The tags a config defines, before names are cross-checked. */
export interface ReadTags {
  objects: ObjectTag[];
  controls: ControlTag[];
  relations: LabelDef[];
}

type Holder = { kind: 'control'; control: ControlTag } | { kind: 'relations' };

/** Every field always present: one object shape keeps the hot loop monomorphic. */
interface Frame {
  holder: Holder | undefined;
  object: ObjectTag | undefined;
  taxonomyNode: TaxonomyNode | undefined;
}

const CHOICE_MODES: ReadonlySet<string> = new Set(['single', 'single-radio', 'multiple']);
// <Relations> is a control without toName (it labels links between regions).
const NEEDS_TO_NAME: ReadonlySet<string> = new Set(CONTROL_TAGS.filter((t) => t !== 'Relations'));
const KNOWN_OBJECTS: ReadonlySet<string> = new Set(OBJECT_TAGS);

/**
 * One streaming pass over the XML with an explicit stack (no recursion, so deep nesting
 * cannot overflow). DOCTYPE is refused outright: with no DTD there is no entity to expand,
 * and saxes rejects any entity it does not know.
 */
export function readTags(config: string): ReadTags {
  const found: ReadTags = { objects: [], controls: [], relations: [] };
  const names = new Map<string, string>();
  const stack: Frame[] = [];
  let sawRoot = false;
  const parser = new SaxesParser({ xmlns: false, position: true });

  const register = (tag: string, attrs: Record<string, string>, name: string): void => {
    const earlier = names.get(name);
    if (earlier !== undefined)
      throw configError(`${describeTag(tag, attrs)}: name="${name}" is already used by ${earlier}`);
    names.set(name, describeTag(tag, attrs));
  };

  parser.on('doctype', () => {
    throw configError('<!DOCTYPE> is not allowed (DTDs and entity declarations are refused)');
  });
  parser.on('opentag', (node: SaxesTagPlain) => {
    const tag = node.name;
    // saxes builds a fresh prototype-less object per tag (so `__proto__` is just a name): keep it.
    const attrs = node.attributes;
    if (!sawRoot) {
      sawRoot = true;
      if (tag.toLowerCase() !== 'view')
        throw configError(`the root element must be <View>, found <${tag}>`);
    }
    const parent = stack.at(-1);
    const frame: Frame = { holder: parent?.holder, object: undefined, taxonomyNode: undefined };
    if (LABEL_TAGS.has(tag) && parent?.holder) {
      addLabel(found, parent, frame, tag, attrs);
    } else if (attrs.toName !== undefined && !NOT_CONTROLS.has(tag)) {
      const control = readControl(tag, attrs);
      register(tag, attrs, control.name);
      found.controls.push(control);
      frame.holder = { kind: 'control', control };
    } else if (attrs.name !== undefined && (attrs.value ?? attrs.valueList) !== undefined) {
      const object = readObject(tag, attrs, attrs.name);
      register(tag, attrs, object.name);
      found.objects.push(object);
      frame.object = object;
    } else if (NEEDS_TO_NAME.has(tag)) {
      // Classified by attributes, a control without toName would vanish and never be predicted.
      throw configError(
        `${describeTag(tag, attrs)} has no toName: name the object tag(s) it labels, e.g. toName="text"`,
      );
    } else if (KNOWN_OBJECTS.has(tag) && attrs.name !== undefined) {
      // Else the controls that label it fail with a misleading "toName names no object tag".
      throw configError(
        `${describeTag(tag, attrs)} has no value: point it at the task data, e.g. value="$${attrs.name}"`,
      );
    } else if (tag === 'Channel' && parent?.object?.tag === 'TimeSeries') {
      addChannel(parent.object, attrs);
    } else if (tag === 'Relations') {
      frame.holder = { kind: 'relations' };
    }
    // Self-closing tags (most labels) never hold children: skip their frame entirely.
    if (!node.isSelfClosing) stack.push(frame);
  });
  parser.on('closetag', (node) => {
    if (!node.isSelfClosing) stack.pop();
  });

  try {
    parser.write(config).close();
  } catch (error) {
    if (isLsmlError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw configError(`not well-formed XML: ${reason}`, error);
  }
  return found;
}

function addLabel(
  found: ReadTags,
  parent: Frame,
  frame: Frame,
  tag: string,
  attrs: Record<string, string>,
): void {
  const label = readLabelDef(tag, attrs);
  if (label === undefined) return;
  const holder = parent.holder;
  if (holder?.kind === 'relations') {
    found.relations.push(label);
    return;
  }
  if (holder === undefined) return;
  const control = holder.control;
  if (control.type === 'taxonomy') {
    // Nested <Choice>s form the tree; a choice's path is its ancestors' result values.
    const up = parent.taxonomyNode;
    label.path = [...(up?.label.path ?? []), labelKey(label)];
    const node: TaxonomyNode = { label, children: [] };
    (up?.children ?? (control.taxonomy ??= [])).push(node);
    frame.taxonomyNode = node;
  }
  control.labels.push(label);
}

function readControl(tag: string, attrs: Record<string, string>): ControlTag {
  const name = attrs.name;
  if (name === undefined || name === '')
    throw configError(`<${tag} toName="${attrs.toName ?? ''}"> has no name attribute`);
  const toName = splitList(attrs.toName);
  if (toName.length === 0) throw configError(`${describeTag(tag, attrs)}: toName is empty`);
  const choice = attrs.choice;
  return {
    tag,
    type: tag.toLowerCase(),
    name,
    toName,
    labels: [],
    attrs,
    choice: choice !== undefined && CHOICE_MODES.has(choice) ? (choice as ChoiceMode) : undefined,
    perRegion: attrs.perRegion === 'true',
    smart: attrs.smart === 'true',
    smartOnly: attrs.smartOnly === 'true',
    required: attrs.required === 'true',
    dynamicLabels: (attrs.value ?? '').startsWith('$') || Boolean(attrs.apiUrl),
  };
}

function readObject(tag: string, attrs: Record<string, string>, name: string): ObjectTag {
  const value = attrs.valueList ?? attrs.value ?? '';
  const object: ObjectTag = {
    tag,
    name,
    value,
    dataKey: value.startsWith('$') && value.length > 1 ? value.slice(1) : undefined,
    attrs,
    valueType: attrs.valueType,
  };
  if (tag === 'TimeSeries') object.channels = [];
  return object;
}

function addChannel(timeSeries: ObjectTag, attrs: Record<string, string>): void {
  const column = attrs.column;
  if (column === undefined) return;
  (timeSeries.channels ??= []).push({ column, legend: attrs.legend, attrs });
}
