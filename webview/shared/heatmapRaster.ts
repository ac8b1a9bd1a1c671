// The pure half of the gradient heatmap (no DOM): log colour range and rasterizing layers ×
// steps into packed RGBA. Cost is bounded by the canvas, not the run: beyond one column per pixel,
// steps are averaged (in log space) into buckets, so 50 layers × 5,000 steps costs one pass over
// the values plus a few thousand pixels. Unit-tested and benchmarked in Node and in Chromium.
import { viridisLut } from './colormap';

export interface HeatmapData {
  layers: readonly string[];
  steps: Float64Array;
  /** values[i * layers.length + l]: layer l at steps[i]. */
  values: Float32Array;
  /** Number of filled steps (arrays may be over-allocated while a run grows). */
  count: number;
}

/** log10 bounds of the colour scale. */
export interface LogRange { lo: number; hi: number }

export const LUT = viridisLut();
const EMPTY_PIXEL = 0; // transparent: a step with no value shows the background, not a colour

export function logRange(values: Float32Array, n: number): LogRange | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v > 0 && v < Infinity) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) return null;
  // float32 round-off (1e-8 is stored as 9.99…e-9) must not add a decade to the scale.
  let l = Math.floor(Math.log10(lo) + 1e-6);
  const h = Math.ceil(Math.log10(hi) - 1e-6) + 0; // + 0 turns -0 into 0
  // A scale wider than 12 decades hides everything interesting in the top few colours.
  if (h - l > 12) l = h - 12;
  return { lo: l, hi: Math.max(h, l + 1) };
}

/**
 * Fill `out` (cols × layers, row-major, top row = first layer) with packed RGBA. Steps are
 * bucketed into `cols` columns by averaging log10 values; zero/absent values are skipped.
 */
export function rasterizeHeatmap(data: HeatmapData, cols: number, range: LogRange, out: Uint32Array): void {
  const L = data.layers.length;
  const n = data.count;
  const span = range.hi - range.lo;
  const sums = new Float64Array(L);
  const counts = new Uint32Array(L);
  for (let c = 0; c < cols; c++) {
    const start = Math.floor((c * n) / cols);
    const end = Math.max(start + 1, Math.floor(((c + 1) * n) / cols));
    sums.fill(0);
    counts.fill(0);
    for (let i = start; i < end && i < n; i++) {
      const base = i * L;
      for (let l = 0; l < L; l++) {
        const v = data.values[base + l] as number;
        if (v > 0 && v < Infinity) {
          sums[l] = (sums[l] as number) + Math.log10(v);
          counts[l] = (counts[l] as number) + 1;
        }
      }
    }
    for (let l = 0; l < L; l++) {
      const k = counts[l] as number;
      if (k === 0) {
        out[l * cols + c] = EMPTY_PIXEL;
        continue;
      }
      const t = ((sums[l] as number) / k - range.lo) / span;
      const idx = t <= 0 ? 0 : t >= 1 ? 255 : Math.round(t * 255);
      out[l * cols + c] = LUT[idx] as number;
    }
  }
}

