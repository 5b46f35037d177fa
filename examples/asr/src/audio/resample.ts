/** Averages channels into one. */
export function downmix(channels: readonly Float32Array[]): Float32Array {
  const [first] = channels;
  if (!first) return new Float32Array(0);
  if (channels.length === 1) return first;
  const mono = new Float32Array(first.length);
  for (const channel of channels) {
    for (let i = 0; i < mono.length; i += 1) mono[i] = (mono[i] ?? 0) + (channel[i] ?? 0);
  }
  for (let i = 0; i < mono.length; i += 1) mono[i] = (mono[i] ?? 0) / channels.length;
  return mono;
}

/** Taps on each side of an output sample: enough for speech, cheap for hours of audio. */
const HALF_WIDTH = 16;
/** Kernel table resolution (entries per input sample): sin/cos per tap would dominate the cost. */
const TABLE_STEPS = 512;

/** The Hann-windowed sinc kernel, tabulated over [0, HALF_WIDTH] (it is symmetric). */
const KERNEL = Float32Array.from({ length: HALF_WIDTH * TABLE_STEPS + 1 }, (_, i) => {
  const x = i / TABLE_STEPS;
  const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  return sinc * (0.5 + 0.5 * Math.cos((Math.PI * x) / HALF_WIDTH));
});

/**
 * Resamples mono audio with a Hann-windowed sinc filter whose cutoff follows the lower of the
 * two Nyquist rates, so downsampling (44.1 kHz → 16 kHz) does not fold high frequencies into
 * the speech band.
 */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input;
  const ratio = toRate / fromRate;
  const cutoff = Math.min(1, ratio);
  const output = new Float32Array(Math.round(input.length * ratio));
  const reach = HALF_WIDTH / cutoff;
  const scale = cutoff * TABLE_STEPS;
  for (let n = 0; n < output.length; n += 1) {
    const center = n / ratio;
    const lo = Math.max(0, Math.ceil(center - reach));
    const hi = Math.min(input.length - 1, Math.floor(center + reach));
    let sum = 0;
    let weights = 0;
    for (let k = lo; k <= hi; k += 1) {
      const w = KERNEL[Math.round(Math.abs(k - center) * scale)] ?? 0;
      sum += (input[k] ?? 0) * w;
      weights += w;
    }
    // Normalising by the summed weights keeps DC gain at 1, also at the edges.
    output[n] = weights === 0 ? 0 : sum / weights;
  }
  return output;
}
