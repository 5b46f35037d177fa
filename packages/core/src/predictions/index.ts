export { answerKeys } from './answer-keys.js';
export { checkPrediction, validatePrediction, type PredictionProblem } from './check-prediction.js';
export { examplePrediction, type ExampleOptions } from './example-prediction.js';
export { buildResult, type ResultOptions, type ResultTarget } from './build-result.js';
export {
  choices,
  datetime,
  number,
  pairwise,
  ranker,
  rating,
  taxonomy,
  textarea,
} from './classification-builders.js';
export {
  brush,
  ellipse,
  keypoint,
  polygon,
  rectangle,
  rectangleFromPixels,
  regionLabels,
  type ImageResultOptions,
  type ImageSize,
} from './image-builders.js';
export {
  audioSegment,
  hypertextLabels,
  labels,
  paragraphLabels,
  timeseriesLabels,
} from './span-builders.js';
export { timelineLabels, videoRectangle, type VideoKeyframe } from './video-builders.js';
export { relation, type RelationDirection, type RelationResult } from './relation.js';
export { decodeRle, encodeRle, maskToRle } from './brush-rle.js';
export {
  entropy,
  leastConfidence,
  marginUncertainty,
  parseScoreMode,
  SCORE_MODES,
  scoreFromProbabilities,
  topProbability,
  type ScoreMode,
} from './uncertainty.js';
export { buildLabelMap } from './label-map.js';
export { taskValue } from './task-value.js';
