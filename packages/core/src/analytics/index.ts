export { compareResults } from './compare-results.js';
export { normalizedEditDistance } from './edit-distance.js';
export { intersectionArea, polygonIoU, type Point, type Polygon } from './geometry.js';
export {
  OUTCOMES,
  type CompareOptions,
  type RegionComparison,
  type RegionOutcome,
  type ResultComparison,
} from './types.js';
export {
  acceptanceReport,
  comparisonCounters,
  counterField,
  type AcceptanceRates,
  type LabelAcceptance,
  type OutcomeCounts,
  type PredictionCount,
  type VersionAcceptance,
} from './acceptance-counters.js';
