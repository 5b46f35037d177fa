import { defineBackend, LsmlError, type ControlTag, type Prediction, type Task } from '@lsml/core';

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

/** A region value for each control type: a whole-item choice, or a region covering the middle. */
function valueFor(
  control: ControlTag,
  label: string,
  text: string | undefined,
): Record<string, unknown> {
  switch (control.type) {
    case 'choices':
    case 'taxonomy':
      return { [control.type]: control.type === 'taxonomy' ? [[label]] : [label] };
    case 'labels':
    case 'hypertextlabels':
      return {
        start: 0,
        end: Math.min(text?.length ?? 1, 10),
        text: text?.slice(0, 10) ?? '',
        [control.type]: [label],
      };
    case 'keypointlabels':
      return { x: 50, y: 50, width: 1, keypointlabels: [label] };
    case 'polygonlabels':
      return {
        points: [
          [25, 25],
          [75, 25],
          [50, 75],
        ],
        polygonlabels: [label],
      };
    case 'ellipselabels':
      return { x: 50, y: 50, radiusX: 20, radiusY: 10, rotation: 0, ellipselabels: [label] };
    default:
      return { x: 25, y: 25, width: 50, height: 50, rotation: 0, [control.type]: [label] };
  }
}

/**
 * The dummy backend: for any config with a Choices or Labels-type control it predicts one of
 * the control's labels, chosen by the task id (so tests can assert), with a score in [0.5, 1).
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
    const dataKey = labelInterface.object(toName)?.dataKey;
    return tasks.map((task): Prediction => {
      const h = taskHash(task.id);
      const label = control.labels[h % control.labels.length]?.value ?? '';
      const score = (500 + (h % 500)) / 1000;
      const raw = dataKey === undefined ? undefined : task.data[dataKey];
      const value = valueFor(control, label, typeof raw === 'string' ? raw : undefined);
      return {
        score,
        result: [{ from_name: control.name, to_name: toName, type: control.type, value, score }],
      };
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
