import {
  createLogger,
  defineBackend,
  LsmlError,
  type Backend,
  type ControlTag,
  type LabelInterface,
  type Logger,
  type Prediction,
} from '@lsml/core';
import { imageTarget, readTaskImages, type ImageTarget } from '@lsml/transformers';
import { Detector } from './detector.js';
import { drawnRectangle } from './interactive.js';
import { LabelMap } from './label-map.js';
import { objectDetectorSettingsFromEnv, type ObjectDetectorSettings } from './settings.js';
import { boxesPrediction, smartToolPrediction } from './task-prediction.js';

interface Target {
  control: ControlTag;
  image: ImageTarget;
}

function findTarget(labelInterface: LabelInterface): Target {
  for (const control of labelInterface.controls) {
    if (control.type !== 'rectanglelabels') continue;
    const image = imageTarget(labelInterface, control);
    if (image) return { control, image };
  }
  throw new LsmlError(
    'UNSUPPORTED_CONFIG',
    'object_detector needs a <RectangleLabels> control on an <Image> in the label config',
  );
}

export interface ObjectDetector {
  backend: Backend;
  detector: Detector;
  settings: ObjectDetectorSettings;
}

/**
 * The object detector backend: a pretrained detector (transformers.js) predicts boxes, mapped
 * to the config's RectangleLabels. It does not train. Task `score` = the best box's score, so
 * sorting by prediction score in Label Studio puts images the model is least sure of first.
 */
export function createObjectDetector({
  env = process.env,
  log = createLogger(),
}: { env?: NodeJS.ProcessEnv; log?: Logger } = {}): ObjectDetector {
  const settings = objectDetectorSettingsFromEnv(env);
  const detector = new Detector(
    settings.model,
    Math.min(settings.threshold, settings.interactiveThreshold),
    log,
  );

  const backend = defineBackend<unknown>({
    name: 'object_detector',
    setup({ labelInterface }) {
      findTarget(labelInterface);
    },
    async predict(tasks, ctx) {
      const target = findTarget(ctx.labelInterface);
      const labels = new LabelMap(target.control);
      const images = await readTaskImages(tasks, target.image.dataKey, ctx.readData, {
        log: ctx.log,
        signal: ctx.signal,
      });
      const readable = images.flatMap((i) => (i ? [i.image] : []));
      const found = await detector.detect(readable, ctx.signal);
      const drawn = ctx.interactive ? drawnRectangle(ctx.interactive) : undefined;
      let next = 0;
      return images.map((taskImage): Prediction => {
        if (!taskImage) return { result: [] };
        const detections = found[next++] ?? [];
        const taskTarget = {
          fromName: target.control.name,
          toName: target.image.name,
          size: { width: taskImage.image.width, height: taskImage.image.height },
        };
        return ctx.interactive
          ? smartToolPrediction(
              detections,
              labels,
              taskTarget,
              drawn,
              settings.interactiveThreshold,
            )
          : boxesPrediction(detections, labels, taskTarget, settings.threshold);
      });
    },
  });
  return { backend, detector, settings };
}

export const objectDetector = createObjectDetector();
export default objectDetector.backend;
