// Runs inside headless Chromium for bench/panels.ts: draws the training panel's charts with the
// real drawing code on a real canvas and reports per-draw times (median, p95).
import { drawHeatmap } from '../shared/heatmap';
import { drawLineChart } from '../shared/lineChart';
import { drawAttentionMap } from '../training/attention';
import type { ChartTheme } from '../shared/theme';

const theme: ChartTheme = {
  fg: '#cccccc', muted: '#999999', grid: '#444444', bg: '#1e1e1e', font: '12px sans-serif', fontSize: 13,
  series: ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'], warn: '#cca700', error: '#f14c4c', focus: '#007fd4', highContrast: false,
};

export interface Timing { name: string; median: number; p95: number; runs: number }

function time(name: string, runs: number, draw: () => void, flush: () => void): Timing {
  for (let i = 0; i < 3; i++) { draw(); flush(); }
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    draw();
    flush(); // read a pixel back so the time includes the rasterization, not just queuing it
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { name, median: t[Math.floor(runs / 2)] ?? NaN, p95: t[Math.floor(runs * 0.95)] ?? NaN, runs };
}

function canvas(w: number, h: number): CanvasRenderingContext2D {
  const c = document.createElement('canvas');
  c.width = w; c.height = h;
  document.body.append(c);
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  return ctx;
}

export function runBench(layersN: number, stepsN: number, width: number): Timing[] {
  const out: Timing[] = [];
  const layers = Array.from({ length: layersN }, (_, i) => `layer${i + 1}`);
  const values = new Float32Array(layersN * stepsN);
  for (let s = 0; s < stepsN; s++) for (let l = 0; l < layersN; l++) values[s * layersN + l] = 10 ** (-1 - (6 * l) / layersN) * (1 + 0.3 * Math.sin(s / 50 + l));
  const data = { layers, steps: Float64Array.from({ length: stepsN }, (_, i) => i + 1), values, count: stepsN };
  const h = 40 + layersN * 8 + 40;
  const ctx = canvas(width, h);
  const flush = (): void => { ctx.getImageData(0, 0, 1, 1); };
  out.push(time(`heatmap ${layersN} layers × ${stepsN} steps → ${width}×${h} px (downsampled)`, 60, () => drawHeatmap(ctx, width, h, data, theme, { title: 'grad', xLabel: 'step', legendLabel: '‖∇W‖', emptyText: '' }), flush));

  // What downsampling saves: one fillRect per value, the straightforward way.
  const naive = (): void => {
    ctx.clearRect(0, 0, width, h);
    const cw = width / stepsN, rh = h / layersN;
    for (let s = 0; s < stepsN; s++) {
      for (let l = 0; l < layersN; l++) {
        const v = Math.log10(values[s * layersN + l] as number);
        ctx.fillStyle = `hsl(${Math.round(-v * 40)}, 60%, 50%)`;
        ctx.fillRect(s * cw, l * rh, Math.ceil(cw), Math.ceil(rh));
      }
    }
  };
  out.push(time(`heatmap ${layersN} × ${stepsN}, one fillRect per value (no downsampling, for comparison)`, 5, naive, flush));

  const n = stepsN;
  const x = Float64Array.from({ length: n }, (_, i) => i + 1);
  const y = Float32Array.from({ length: n }, (_, i) => 2.3 * Math.exp(-i / 800) + 0.05 * Math.random());
  const lctx = canvas(width, 190);
  out.push(time(`loss curve ${n} points, raw + smoothed + validation`, 60, () => drawLineChart(lctx, width, 190, theme, {
    title: 'loss', xLabel: 'step', yLabel: 'loss', emptyText: '',
    series: [
      { label: 'train', color: '#3794ff', x, y, n, faint: true },
      { label: 'train', color: '#3794ff', x, y, n },
      { label: 'val', color: '#d18616', x: x.filter((_, i) => i % 100 === 0), y: y.filter((_, i) => i % 100 === 0), n: Math.ceil(n / 100), dashed: true },
    ],
  }), () => { lctx.getImageData(0, 0, 1, 1); }));

  // Attention grid: 2 layers × 4 heads of 12 × 12 maps (the Transformer sample), 120 px cells.
  const T = 12;
  const group = { kind: 'decoderSelf' as const, layers: 2, heads: 4, qTokens: Array.from({ length: T }, (_, i) => `t${i}`), kTokens: Array.from({ length: T }, (_, i) => `t${i}`) };
  const map = new Float32Array(T * T).map(() => Math.random());
  const actx = canvas(120, 120);
  out.push(time('attention grid 2 layers × 4 heads, 12 × 12 tokens, 120 px cells', 60, () => {
    for (let k = 0; k < 8; k++) drawAttentionMap(actx, 120, 120, group, map, '#ccc', false);
  }, () => { actx.getImageData(0, 0, 1, 1); }));
  return out;
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;
