export { parseLabelConfig, parseLabelConfigUncached } from './parse.js';
export { labelKey } from './label-defs.js';
export { CONTROL_TAGS, OBJECT_TAGS } from './tag-catalog.js';
export type {
  ChoiceMode,
  ControlQuery,
  ControlTag,
  LabelDef,
  LabelInterface,
  ObjectTag,
  Target,
  TargetQuery,
  TaxonomyNode,
  TimeSeriesChannel,
} from './types.js';
