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
