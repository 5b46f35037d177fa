export {
  imageDataUri,
  syntheticImage,
  type Rgb,
  type SyntheticImageOptions,
} from './synthetic-images.js';
