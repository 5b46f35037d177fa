import {
  buildLabelMap,
  defineBackend,
  LsmlError,
  type LabelInterface,
  type Prediction,
} from '@lsml/core';
import { readTaskImages } from '@lsml/transformers';
import { Detector } from './detector.js';
import { drawnRectangle } from './interactive.js';
import { objectDetectorSettingsFromEnv, type ObjectDetectorSettings } from './settings.js';
import { boxesPrediction, smartToolPrediction } from './task-prediction.js';

/** The `<RectangleLabels>` the detector answers and the `<Image>` it looks at. */
const rectanglesOnImage = (labelInterface: LabelInterface) =>
  labelInterface.requireTarget(
    { control: 'rectanglelabels', object: 'image' },
    'object_detector predicts its boxes as the <Label>s of it',
  );

/**
 * The object detector backend: a pretrained detector (transformers.js) predicts boxes, mapped
 * to the config's RectangleLabels as label keys (core's `buildLabelMap`). It does not train.
 * Task `score` = the best box's score, so sorting by prediction score in Label Studio puts
 * images the model is least sure of first. Settings come from `env` (`MODEL_ID`,
 * `SCORE_THRESHOLD`, …), read when the backend starts.
 */
export function createObjectDetector({ env = process.env }: { env?: NodeJS.ProcessEnv } = {}) {
  let loaded: { detector: Detector; settings: ObjectDetectorSettings } | undefined;
  const ready = () => {
    if (!loaded) throw new LsmlError('INTERNAL', 'object_detector: init() has not run');
    return loaded;
  };

  return defineBackend({
    name: 'object_detector',

    async init({ log }) {
      const settings = objectDetectorSettingsFromEnv(env);
      // The model call keeps what either threshold may want; each answer filters further.
      const floor = Math.min(settings.threshold, settings.interactiveThreshold);
      const detector = new Detector(settings.model, floor, log);
      await detector.load();
      loaded = { detector, settings };
    },

    setup({ labelInterface }) {
      rectanglesOnImage(labelInterface);
    },

    async predict(tasks, ctx) {
      const { detector, settings } = ready();
      const { control, object, dataKey } = rectanglesOnImage(ctx.labelInterface);
      const images = await readTaskImages(tasks, dataKey, ctx.readData, {
        log: ctx.log,
        signal: ctx.signal,
      });
      const readable = images.filter((image) => image !== undefined);
      const found = await detector.detect(
        readable.map((i) => i.image),
        ctx.signal,
      );
      const classes = [...new Set(found.flat().map((d) => d.label))];
      const labels = new Map(Object.entries(buildLabelMap(control, classes)));
      const drawn = ctx.interactive && drawnRectangle(ctx.interactive, control);
      return images.map((taskImage): Prediction => {
        const detections = taskImage && found[readable.indexOf(taskImage)];
        if (!taskImage || !detections) return { result: [] };
        const { width, height } = taskImage.image;
        const target = { control, toName: object.name, size: { width, height } };
        return ctx.interactive
          ? smartToolPrediction(detections, labels, target, drawn, settings.interactiveThreshold)
          : boxesPrediction(detections, labels, target, settings.threshold);
      });
    },
  });
}

export const objectDetector = createObjectDetector();
export default objectDetector;
