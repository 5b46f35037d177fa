import {
  audioSegment,
  brush,
  choices,
  defineBackend,
  ellipse,
  keypoint,
  labels,
  LsmlError,
  paragraphLabels,
  polygon,
  rectangle,
  labelKey,
  taxonomy,
  timeseriesLabels,
  type ControlTag,
  type LabelDef,
  type ObjectTag,
  type Prediction,
  type RegionResult,
  type Task,
} from '@lsml/core';

/** Control types the dummy can answer: anything that picks from a list of labels. */
const LABEL_CONTROLS = [
  'choices',
  'labels',
  'rectanglelabels',
  'polygonlabels',
  'keypointlabels',
  'ellipselabels',
  'brushlabels',
  'taxonomy',
  'paragraphlabels',
  'hypertextlabels',
  'timeserieslabels',
];

/** What the dummy "learns": how many annotations each project has sent. */
export interface DummyModel {
  annotationCount: number;
}

/** A stable hash of the task id, so the same task always gets the same label and score. */
function taskHash(id: Task['id']): number {
  let h = 0x811c9dc5;
  for (const ch of String(id)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

function findLabelControl(controls: readonly ControlTag[]): ControlTag | undefined {
  return controls.find((c) => LABEL_CONTROLS.includes(c.type) && c.labels.length > 0);
}

/** The control, object and label a dummy answer is about, plus the task's data. */
interface Answer {
  control: ControlTag;
  object: ObjectTag | undefined;
  label: LabelDef;
  data: Task['data'];
  score: number;
}

/** Up to the first 10 characters of a text, as a span; undefined when there is no text. */
function firstChars(text: unknown): { start: number; end: number; text: string } | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  const span = text.slice(0, 10);
  return { start: 0, end: span.length, text: span };
}

/** The first utterance's text of a `<Paragraphs>` value (a list of `{author, text}` objects). */
function firstUtterance(object: ObjectTag | undefined, data: Task['data']): unknown {
  const list = object?.dataKey === undefined ? undefined : data[object.dataKey];
  const first: unknown = Array.isArray(list) ? list[0] : undefined;
  if (typeof first !== 'object' || first === null) return undefined;
  return (first as Record<string, unknown>)[object?.attrs.textKey ?? 'text'];
}

// A 64×64 mask, all inside. The dummy does not know the image size, and Label Studio lays the
// decoded pixels out row by row over the real image, so this paints a band along its top.
const BRUSH_MASK = { data: new Uint8Array(64 * 64).fill(1), width: 64, height: 64 };

/**
 * One result in the shape Label Studio stores for the control type (built with core's
 * builders), or undefined when the dummy cannot place one sensibly (README lists those).
 */
function resultFor({ control, object, label, data, score }: Answer): RegionResult | undefined {
  // Label Studio stores a label's alias, when it has one, in place of its value.
  const value = labelKey(label);
  const options = { score };
  const box = { x: 25, y: 25, width: 50, height: 50 };
  switch (control.type) {
    case 'choices':
      return choices(control, value, options);
    case 'taxonomy':
      // A nested choice is stored as its whole path from the root: ["Animal", "Cat"].
      return taxonomy(control, [label.path ?? [value]], options);
    case 'labels':
      return labelsResult(control, object, value, data, score);
    case 'rectanglelabels':
      return rectangle(control, box, value, options);
    case 'polygonlabels':
      return polygon(
        control,
        [
          [25, 25],
          [75, 25],
          [50, 75],
        ],
        value,
        options,
      );
    case 'keypointlabels':
      return keypoint(control, { x: 50, y: 50 }, value, options);
    case 'ellipselabels':
      return ellipse(control, { x: 50, y: 50, radiusX: 20, radiusY: 10 }, value, options);
    case 'brushlabels':
      return brush(control, BRUSH_MASK, value, options);
    case 'paragraphlabels': {
      const span = firstChars(firstUtterance(object, data));
      if (!span) return undefined;
      const utterance = { start: 0, end: 0, startOffset: 0, endOffset: span.end, text: span.text };
      return paragraphLabels(control, utterance, value, options);
    }
    case 'timeserieslabels':
      // The first unit of the time axis: Label Studio indexes rows from 0 without a timeColumn.
      return timeseriesLabels(control, { start: 0, end: 1 }, value, options);
    default:
      // HyperTextLabels needs XPaths into HTML the dummy does not parse.
      return undefined;
  }
}

/** `<Labels>` takes its region shape from the object it labels. */
function labelsResult(
  control: ControlTag,
  object: ObjectTag | undefined,
  value: string,
  data: Task['data'],
  score: number,
): RegionResult | undefined {
  const options = { score };
  switch (object?.tag) {
    case 'Text': {
      const span = firstChars(object.dataKey === undefined ? undefined : data[object.dataKey]);
      return span && labels(control, span, value, options);
    }
    case 'Image':
      // <Labels> beside a geometry tool: Label Studio stores a `rectanglelabels` region.
      return rectangle(
        { ...control, type: 'rectanglelabels' },
        { x: 25, y: 25, width: 50, height: 50 },
        value,
        options,
      );
    case 'Audio':
    case 'AudioPlus':
      return audioSegment(control, { start: 0, end: 1 }, value, options);
    default:
      return undefined;
  }
}

/**
 * The dummy backend: for any config with a Choices or Labels-type control it predicts one of
 * the control's labels, chosen by the task id (so tests can assert), with a score in [0.5, 1),
 * as a fixed region of the shape that control stores (see the README's table).
 * Its `fit` counts the project's annotations and so bumps the model version.
 */
export const dummy = defineBackend<DummyModel>({
  name: 'dummy',
  setup({ labelInterface }) {
    if (!findLabelControl(labelInterface.controls)) {
      throw new LsmlError(
        'UNSUPPORTED_CONFIG',
        'The dummy backend needs a control with labels (Choices, Labels, RectangleLabels, …) in the label config',
      );
    }
  },
  predict(tasks, { labelInterface }) {
    const control = findLabelControl(labelInterface.controls);
    if (!control) {
      throw new LsmlError(
        'UNSUPPORTED_CONFIG',
        'The dummy backend needs a control with labels (Choices, Labels, RectangleLabels, …) in the label config',
      );
    }
    const toName = control.toName[0] ?? '';
    const object = labelInterface.object(toName);
    return tasks.map((task): Prediction => {
      const h = taskHash(task.id);
      const label = control.labels[h % control.labels.length];
      const score = (500 + (h % 500)) / 1000;
      const result = label && resultFor({ control, object, label, data: task.data, score });
      return { score, result: result ? [result] : [] };
    });
  },
  fit({ annotations }) {
    return {
      status: 'trained',
      model: { annotationCount: annotations.length },
      trainingSetSize: annotations.length,
    };
  },
});

export default dummy;
