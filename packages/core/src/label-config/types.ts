/**
 * One `<Label>`, `<Choice>`, `<Relation>` or `<Bucket>` of a control, in config order.
 *
 * @example
 * // <Label value="Car" alias="car" predicted_values="car,truck" background="red" hotkey="c"/>
 * const car: LabelDef = {
 *   value: 'Car', alias: 'car', background: 'red', hotkey: 'c',
 *   predictedValues: ['car', 'truck'], attrs: { value: 'Car', alias: 'car' },
 * };
 */
export interface LabelDef {
  value: string;
  /** When set, Label Studio stores the alias (not the value) in results. */
  alias?: string | undefined;
  background?: string | undefined;
  hotkey?: string | undefined;
  /** Model class names that map to this label (`predicted_values="cat,kitten"`). */
  predictedValues: string[];
  /** Taxonomy only: the result values from the root down to this choice. */
  path?: readonly string[] | undefined;
  /** Every attribute as written. */
  attrs?: Record<string, string> | undefined;
}

/**
 * A node of a `<Taxonomy>` tree: a `<Choice>` and the `<Choice>`s nested in it.
 *
 * @example
 * // <Taxonomy ...><Choice value="Animal"><Choice value="Cat"/></Choice></Taxonomy>
 * const node: TaxonomyNode = { label: animal, children: [{ label: cat, children: [] }] };
 */
export interface TaxonomyNode {
  label: LabelDef;
  children: TaxonomyNode[];
}

/**
 * A `<Channel>` of a `<TimeSeries>` object.
 *
 * @example
 * const ch: TimeSeriesChannel = { column: 'velocity', legend: 'Velocity', attrs: { column: 'velocity' } };
 */
export interface TimeSeriesChannel {
  column: string;
  legend?: string | undefined;
  attrs: Record<string, string>;
}

/**
 * A data-holding tag: `<Text name="text" value="$text"/>`.
 *
 * @example
 * const text: ObjectTag = { tag: 'Text', name: 'text', value: '$text', dataKey: 'text', attrs: {} };
 */
export interface ObjectTag {
  /** Tag name as written in the config, e.g. `Image`. */
  tag: string;
  name: string;
  /** The raw `value` attribute (or `valueList`), e.g. `$text`. */
  value: string;
  /** The task data key (`text` for `$text`), or undefined when the value is not a `$key`. */
  dataKey: string | undefined;
  attrs: Record<string, string>;
  /** `valueType` (e.g. `url` for Text/HyperText loaded from a URL). */
  valueType?: string | undefined;
  /** TimeSeries only: its `<Channel>` children, in order. */
  channels?: TimeSeriesChannel[] | undefined;
}

/**
 * `choice="single" | "single-radio" | "multiple"` on Choices and Taxonomy.
 *
 * @example
 * li.control('tags')?.choice === 'multiple';
 */
export type ChoiceMode = 'single' | 'single-radio' | 'multiple';

/**
 * A labeling tag: `<Choices name="sentiment" toName="text">…</Choices>`.
 *
 * @example
 * const li = parseLabelConfig(config);
 * const c: ControlTag | undefined = li.control('sentiment');
 * c?.type; // 'choices'
 * c?.labels.map((l) => l.value); // ['Positive', 'Negative']
 */
export interface ControlTag {
  /** Tag name as written in the config, e.g. `RectangleLabels`. */
  tag: string;
  /** The result `type` Label Studio uses for it: the tag name in lower case. */
  type: string;
  name: string;
  toName: string[];
  /** Labels in config order (Taxonomy: every choice, depth first, each with its `path`). */
  labels: LabelDef[];
  attrs: Record<string, string>;
  /** From `choice=`; undefined when absent or unknown (Label Studio then uses single). */
  choice?: ChoiceMode | undefined;
  /** `perRegion="true"`: the control labels regions, not the whole task. */
  perRegion?: boolean | undefined;
  /** `smart="true"`: the tool sends interactive pre-annotation requests. */
  smart?: boolean | undefined;
  /** `smartOnly="true"`: only the smart tool is shown. */
  smartOnly?: boolean | undefined;
  required?: boolean | undefined;
  /** Labels come from task data (`value="$options"`) or `apiUrl`: do not check them. */
  dynamicLabels?: boolean | undefined;
  /** Taxonomy only: the choice tree. */
  taxonomy?: TaxonomyNode[] | undefined;
}

/**
 * Filters for {@link LabelInterface.findControl}; each field takes one tag name or several,
 * compared case-insensitively, like the Python SDK's `get_first_tag_occurence`.
 *
 * @example
 * li.findControl({ type: ['rectanglelabels', 'rectangle'], objectTag: 'Image' });
 */
export interface ControlQuery {
  type?: string | string[];
  objectTag?: string | string[];
  /** Keep only controls whose name passes (given the lower-cased name). */
  name?: (lowerCaseName: string) => boolean;
}

/**
 * What {@link LabelInterface.requireTarget} looks for: a control of one of `control`'s types
 * (the tag name, any case: `'choices'`, `'RectangleLabels'`) bound to an object of one of
 * `object`'s tags (`'Text'`, `['Audio', 'AudioPlus']`), optionally passing `where`.
 *
 * @example
 * const query: TargetQuery = { control: 'choices', object: 'Image', where: (c) => c.labels.length >= 2 };
 */
export interface TargetQuery {
  control: string | readonly string[];
  object: string | readonly string[];
  /** An extra condition, e.g. at least two labels. */
  where?: (control: ControlTag, object: ObjectTag) => boolean;
}

/**
 * The control a backend predicts, the object it reads and that object's task data key.
 *
 * @example
 * const { control, object, dataKey } = li.requireTarget({ control: 'choices', object: 'Text' });
 * task.data[dataKey]; // the text to classify
 */
export interface Target {
  control: ControlTag;
  object: ObjectTag;
  /** `text` for `value="$text"`. */
  dataKey: string;
}

/**
 * What a label config asks for: its object tags (the data), its control tags (what to
 * predict) and their labels. Built by {@link parseLabelConfig}, cached per config text.
 *
 * @example
 * const li = parseLabelConfig('<View><Text name="t" value="$text"/><Choices name="c" toName="t"><Choice value="A"/></Choices></View>');
 * li.findControl({ type: 'choices', objectTag: 'Text' })?.labels[0]?.value; // 'A'
 */
export interface LabelInterface {
  readonly config: string;
  readonly hash: string;
  readonly objects: readonly ObjectTag[];
  readonly controls: readonly ControlTag[];
  /** Labels of `<Relations>` (relation results may carry them). */
  readonly relations: readonly LabelDef[];
  control(name: string): ControlTag | undefined;
  object(name: string): ObjectTag | undefined;
  /** The first control of one of `type`s bound to an object of one of `objectTag`s. */
  findControl(query: ControlQuery): ControlTag | undefined;
  /** Every control that matches, in config order. */
  findControls(query: ControlQuery): ControlTag[];
  /** The objects a control labels, in its `toName` order. */
  objectsOf(control: ControlTag): ObjectTag[];
  /**
   * The first control (config order) of the query's types bound to an object of its tags whose
   * `value` is a `$key`, like the Python SDK's `get_first_tag_occurence`; `undefined` if none.
   *
   * @example
   * const target = li.findTarget({ control: 'choices', object: ['Text', 'HyperText'] });
   */
  findTarget(query: TargetQuery): Target | undefined;
  /**
   * {@link findTarget}, or throws `UNSUPPORTED_CONFIG` (422 at /setup, shown by Label Studio)
   * naming the control and objects needed, followed by `hint` (e.g. a config that works).
   *
   * @example
   * const { control, object, dataKey } = li.requireTarget(
   *   { control: 'choices', object: 'Text' },
   *   'e.g. <Text name="text" value="$text"/><Choices name="label" toName="text">…</Choices>',
   * );
   */
  requireTarget(query: TargetQuery, hint?: string): Target;
}
