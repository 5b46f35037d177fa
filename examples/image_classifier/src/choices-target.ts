import { LsmlError, type ControlTag, type LabelInterface, type LabeledTask } from '@lsml/core';
import { imageTarget, type ImageTarget } from '@lsml/transformers';

/** The `<Choices>` control the classifier predicts and the `<Image>` it labels. */
export interface ChoicesTarget {
  control: ControlTag;
  image: ImageTarget;
}

export function findChoicesTarget(labelInterface: LabelInterface): ChoicesTarget {
  for (const control of labelInterface.controls) {
    if (control.type !== 'choices' || control.labels.length < 2) continue;
    const image = imageTarget(labelInterface, control);
    if (image) return { control, image };
  }
  throw new LsmlError(
    'UNSUPPORTED_CONFIG',
    'image_classifier needs a <Choices> control with at least 2 <Choice>s on an <Image> in the label config',
  );
}

/** Training examples: each labeled task with the first choice its annotation made, if the config knows it. */
export function choiceExamples(
  annotations: readonly LabeledTask[],
  target: ChoicesTarget,
): { task: LabeledTask['task']; label: string }[] {
  const known = new Set(target.control.labels.map((l) => l.value));
  return annotations.flatMap(({ task, annotation }) => {
    const region = annotation.result.find(
      (r) => r.from_name === target.control.name && r.type === 'choices',
    );
    const choices = region?.value.choices;
    const label: unknown = Array.isArray(choices) ? choices[0] : undefined;
    return typeof label === 'string' && known.has(label) ? [{ task, label }] : [];
  });
}
