/** Result types whose value holds percent coordinates of an image (or video frame). */
export const PERCENT_GEOMETRY = /^(rectangle|polygon|keypoint|ellipse|videorectangle)/;

/** Geometry tools that, combined with a `<Labels>`, produce `<tool>labels` results. */
const LABELLED_FORM: Record<string, string> = {
  rectangle: 'rectanglelabels',
  polygon: 'polygonlabels',
  keypoint: 'keypointlabels',
  ellipse: 'ellipselabels',
  brush: 'brushlabels',
  magicwand: 'brushlabels',
  bitmask: 'bitmasklabels',
};

/** Does a result `type` fit a control of `controlType`? */
export function typeFitsControl(resultType: string, controlType: string): boolean {
  if (resultType === controlType) return true;
  // <Labels> next to a geometry tool: Label Studio writes e.g. `rectanglelabels` under either name.
  if (controlType === 'labels') return resultType.endsWith('labels');
  return LABELLED_FORM[controlType] === resultType;
}

/** Where a result type keeps its labels, or undefined when it has none. */
export function labelKeyOf(resultType: string): string | undefined {
  if (resultType === 'choices' || resultType.endsWith('labels')) return resultType;
  if (resultType === 'videorectangle') return 'labels';
  return undefined;
}

/** Types whose label list must be present. */
export function labelsRequired(resultType: string): boolean {
  return resultType === 'choices' || resultType.endsWith('labels');
}
