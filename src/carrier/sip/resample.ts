// Sample-rate conversion for synthesized speech (22,050 Hz from espeak-ng down to G.711's 8,000 Hz):
// a windowed-sinc interpolator whose cut-off sits below the lower Nyquist frequency, so what the
// telephone band cannot carry is filtered out rather than folded back into it as aliasing.

/** Taps on each side of the interpolated point. */
const HALF_WIDTH = 16;

export function resample(input: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate) return input.slice();
  const ratio = fromRate / toRate;
  // Below both Nyquist frequencies, with a little room for the window's transition band.
  const cutoff = 0.95 * Math.min(1, toRate / fromRate);
  const out = new Int16Array(Math.floor(input.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const centre = i * ratio;
    const first = Math.ceil(centre - HALF_WIDTH / cutoff);
    const last = Math.floor(centre + HALF_WIDTH / cutoff);
    let acc = 0;
    let weights = 0;
    for (let k = first; k <= last; k++) {
      if (k < 0 || k >= input.length) continue;
      const x = (k - centre) * cutoff;
      const w = sinc(x) * blackman((k - centre) / (HALF_WIDTH / cutoff));
      acc += input[k]! * w;
      weights += w;
    }
    out[i] = Math.max(-32_768, Math.min(32_767, Math.round(weights === 0 ? 0 : acc / weights)));
  }
  return out;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Blackman window over t in [-1, 1]. */
function blackman(t: number): number {
  if (t <= -1 || t >= 1) return 0;
  const u = (t + 1) / 2;
  return 0.42 - 0.5 * Math.cos(2 * Math.PI * u) + 0.08 * Math.cos(4 * Math.PI * u);
}
