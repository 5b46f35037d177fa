import type { Prediction, RegionResult, Task } from '../contract/types.js';
import {
  labelKey,
  type ControlTag,
  type LabelDef,
  type LabelInterface,
  type ObjectTag,
} from '../label-config/index.js';
import type { ResultOptions } from './build-result.js';
import {
  choices,
  datetime,
  number,
  pairwise,
  ranker,
  rating,
  taxonomy,
  textarea,
} from './classification-builders.js';
import { dataUriImageSize } from './data-uri-image-size.js';
import { exampleDateTime, exampleNumber, exampleRating, exampleText } from './example-values.js';
import { IMAGE_TOOLS, imageRegion, spanRegions, type RegionDraw } from './example-regions.js';
import { diceFor, type Dice } from './example-seed.js';
import { regionLabels, type ImageSize } from './image-builders.js';
import { relation } from './relation.js';
import { taskValue } from './task-value.js';

/**
 * Options of {@link examplePrediction}.
 *
 * @example
 * const options: ExampleOptions = { labels: { sentiment: 'pos' }, imageSizes: { image: { width: 640, height: 480 } } };
 */
export interface ExampleOptions {
  /** Mixed with the task id: another seed gives other (still deterministic) answers. */
  seed?: number;
  /** Per control name, the label key (or value) to answer with, e.g. what `fit` learned. */
  labels?: Readonly<Record<string, string>>;
  /**
   * Image sizes by object name. A brush mask is drawn at the image's size, which is otherwise
   * read from a `data:` URI image in the task, or else 64×64 (Label Studio redraws a mask of
   * another size at the image's size, so it is stored changed).
   */
  imageSizes?: Readonly<Record<string, ImageSize>>;
}

/** Controls whose answer is a value for the whole task (or, per region, for one region). */
const VALUE_CONTROLS = new Set(['choices', 'taxonomy', 'textarea', 'rating', 'number', 'datetime']);

/**
 * A plausible answer to every control of a label config, in the shapes Label Studio's editor
 * (1.7.1) loads and saves unchanged; the same task always gets the same answer. For testing a
 * setup end to end, demos, and as a starting point: see the README of examples/dummy_model for
 * the shape per control. Per-region controls answer on a region of the same prediction; with
 * `<Relation>` labels in the config, two text spans are related. Controls it cannot place
 * (data not in the task, an object it does not know) get no result.
 *
 * @example
 * const prediction = examplePrediction(labelInterface, task); // { score: 0.73, result: [...] }
 * examplePrediction(labelInterface, task, { labels: { sentiment: 'pos' } }); // answers "pos"
 */
export function examplePrediction(
  li: LabelInterface,
  task: Task,
  options: ExampleOptions = {},
): Prediction {
  const dice = diceFor(task.id, options.seed);
  const score = dice.between(500, 999) / 1000;
  const answers = new ExampleAnswers(li, task, dice, score, options);
  const result = answers.all();
  return { score, result };
}

class ExampleAnswers {
  private readonly done = new Set<ControlTag>();
  private count = 0;

  constructor(
    private readonly li: LabelInterface,
    private readonly task: Task,
    private readonly dice: Dice,
    private readonly score: number,
    private readonly options: ExampleOptions,
  ) {}

  all(): RegionResult[] {
    const results: RegionResult[] = [];
    for (const control of this.li.controls)
      if (control.perRegion !== true && !this.done.has(control))
        results.push(...this.answer(control));
    const regions = uniqueRegions(results);
    for (const control of this.li.controls) {
      if (control.perRegion !== true) continue;
      const region = regions.find((r) => control.toName.includes(r.to_name));
      const answer = region && this.value(control, { region, score: this.score });
      if (answer) results.push(answer);
    }
    const [from, to] = regions;
    const relationLabel = this.pick(this.li.relations);
    if (from?.id && to?.id && relationLabel)
      results.push(relation(from.id, to.id, { labels: [labelKey(relationLabel)] }));
    for (const object of this.li.objects)
      if (object.tag.toLowerCase() === 'ranker') results.push(...this.ranking(object));
    return results;
  }

  private answer(control: ControlTag): RegionResult[] {
    this.done.add(control);
    if (VALUE_CONTROLS.has(control.type)) {
      const answer = this.value(control, { score: this.score });
      return answer ? [answer] : [];
    }
    if (control.type === 'pairwise')
      return [
        pairwise(control, this.dice.below(2) === 0 ? 'left' : 'right', { score: this.score }),
      ];
    const object = this.li.objectsOf(control)[0];
    if (!object) return [];
    const key = this.key(control);
    const shape = IMAGE_TOOLS[control.type];
    const kind = object.tag.toLowerCase();
    if (shape === control.type) return this.labelledShape(control, this.labelsOn(object), object);
    if (shape !== undefined)
      return [imageRegion(shape, control, this.draw(key, this.imageSize(object)))];
    if (control.type === 'labels' && (kind === 'image' || kind === 'video')) {
      // Answered with the tool that draws its regions, if there is one.
      const tool = this.li.controls.find(
        (c) =>
          !this.done.has(c) &&
          c.toName.includes(object.name) &&
          (IMAGE_TOOLS[c.type] === c.type || c.type === 'videorectangle'),
      );
      if (tool) this.done.add(tool);
      if (tool?.type === 'videorectangle') return spanRegions(tool, object, this.draw(key));
      return tool ? this.labelledShape(tool, control, object) : [];
    }
    if (control.type === 'videorectangle') {
      const labels = this.labelsOn(object);
      return spanRegions(control, object, this.draw(labels && this.key(labels)));
    }
    if (key === undefined) return [];
    // Two spans when the config names relations, so there is something to relate.
    const count = this.li.relations.length > 0 && kind === 'text' ? 2 : 1;
    return spanRegions(control, object, this.draw(key), count);
  }

  /**
   * A shape of a bare tool (`<Rectangle>`), labelled from the `<Labels>` on the same image if
   * there is one, as the editor stores that pair: two results sharing the region's id.
   */
  private labelledShape(
    tool: ControlTag,
    labels: ControlTag | undefined,
    object: ObjectTag,
  ): RegionResult[] {
    const region = imageRegion(tool.type, tool, this.draw(undefined, this.imageSize(object)));
    if (!labels) return [region];
    this.done.add(labels);
    const key = this.key(labels);
    return key === undefined ? [region] : [region, regionLabels(region, labels, key)];
  }

  /** The first `<Labels>` with labels on `object`. */
  private labelsOn(object: ObjectTag): ControlTag | undefined {
    return this.li.controls.find(
      (c) => c.type === 'labels' && c.labels.length > 0 && c.toName.includes(object.name),
    );
  }

  /** A whole-task answer (or, with `region`, the answer on that region). */
  private value(control: ControlTag, options: ResultOptions): RegionResult | undefined {
    const object = this.li.objectsOf(control)[0];
    switch (control.type) {
      case 'choices': {
        const key = this.key(control);
        return key === undefined ? undefined : choices(control, key, options);
      }
      case 'taxonomy': {
        const label = this.label(control);
        return label && taxonomy(control, [label.path ?? [labelKey(label)]], options);
      }
      case 'textarea':
        return textarea(control, exampleText(object, options.region !== undefined), options);
      case 'rating':
        return rating(control, exampleRating(control, this.dice), options);
      case 'number':
        return number(control, exampleNumber(control, this.dice), options);
      case 'datetime':
        return datetime(control, exampleDateTime(control, this.dice), options);
      default:
        return undefined;
    }
  }

  /** 1.7.1's `<Ranker value="$items">`: the items reordered (`mode="rank"`) or one picked. */
  private ranking(object: ObjectTag): RegionResult[] {
    const items = taskValue(this.task, object);
    const ids = (Array.isArray(items) ? items : []).flatMap((item: unknown) => {
      const id = (item as { id?: unknown } | null)?.id;
      return typeof id === 'string' ? [id] : [];
    });
    if (ids.length === 0) return [];
    const at = this.dice.below(ids.length);
    const order =
      object.attrs.mode === 'rank' ? [...ids.slice(at), ...ids.slice(0, at)] : [ids[at] ?? ''];
    return [ranker({ name: object.name, toName: [object.name] }, order, { score: this.score })];
  }

  private draw(key: string | undefined, imageSize?: ImageSize): RegionDraw {
    return {
      task: this.task,
      dice: this.dice,
      key,
      score: this.score,
      imageSize,
      nextId: () => `${String(this.task.id)}-${String((this.count += 1))}`,
    };
  }

  private imageSize(object: ObjectTag): ImageSize | undefined {
    return this.options.imageSizes?.[object.name] ?? dataUriImageSize(taskValue(this.task, object));
  }

  private label(control: ControlTag): LabelDef | undefined {
    const wanted = this.options.labels?.[control.name];
    const learned = control.labels.find((l) => labelKey(l) === wanted || l.value === wanted);
    return learned ?? this.pick(control.labels);
  }

  private key(control: ControlTag): string | undefined {
    const label = this.label(control);
    return label && labelKey(label);
  }

  private pick<T>(list: readonly T[]): T | undefined {
    return list.length === 0 ? undefined : list[this.dice.below(list.length)];
  }
}

/** Results that draw a region, once per id, in order. */
function uniqueRegions(results: readonly RegionResult[]): RegionResult[] {
  const seen = new Set<string>();
  return results.filter((r) => r.id !== undefined && !seen.has(r.id) && seen.add(r.id));
}
