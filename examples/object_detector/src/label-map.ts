import type { ControlTag } from '@lsml/core';

const normalise = (name: string) => name.trim().toLowerCase();

/**
 * Maps the model's class names to the control's labels. A label's `predicted_values`
 * (`<Label value="Pet" predicted_values="cat,dog"/>`) come first; then a label matches a class
 * of the same name, ignoring case (`Person` ↔ `person`). Classes that map to nothing are not
 * predicted: the config decides what to label.
 */
export class LabelMap {
  private readonly byClass = new Map<string, string>();

  constructor(control: ControlTag) {
    for (const label of control.labels)
      for (const value of label.predictedValues) {
        if (!this.byClass.has(normalise(value))) this.byClass.set(normalise(value), label.value);
      }
    for (const label of control.labels) {
      if (!this.byClass.has(normalise(label.value)))
        this.byClass.set(normalise(label.value), label.value);
    }
  }

  /** The config label for a model class, or undefined when the config does not ask for it. */
  labelFor(modelClass: string): string | undefined {
    return this.byClass.get(normalise(modelClass));
  }

  /** The model classes this map knows (lower case). */
  classes(): string[] {
    return [...this.byClass.keys()];
  }
}
