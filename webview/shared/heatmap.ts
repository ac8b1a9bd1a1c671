// Layers × steps heatmap of gradient norms on a log colour scale, drawn on a canvas with title,
// layer labels, step axis and a colour legend. The raster itself is in heatmapRaster.ts.
import { LUT, logRange, rasterizeHeatmap, type HeatmapData, type LogRange } from './heatmapRaster';
import type { ChartTheme } from './theme';
import { fmtNum } from './format';

export interface HeatmapLayout {
  plotX: number; plotY: number; plotW: number; plotH: number;
  cols: number;
  range: LogRange | null;
}

export interface HeatmapOptions {
  title: string;
  xLabel: string;
  legendLabel: string;
  emptyText: string;
  /** A shared scale, so two runs side by side are comparable. */
  range?: LogRange | null;
  highlightLayer?: string | null;
}

let scratch: { canvas: HTMLCanvasElement | OffscreenCanvas; ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D } | null = null;

function scratchCanvas(w: number, h: number): { canvas: HTMLCanvasElement | OffscreenCanvas; ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D } {
  if (!scratch) {
    const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(w, h) : document.createElement('canvas');
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (!ctx) throw new Error('canvas 2d context unavailable');
    scratch = { canvas, ctx };
  }
  if (scratch.canvas.width !== w) scratch.canvas.width = w;
  if (scratch.canvas.height !== h) scratch.canvas.height = h;
  return scratch;
}

/** Draw the whole chart (title, layer labels, step axis, colour legend) into a CSS-pixel context. */
export function drawHeatmap(ctx: CanvasRenderingContext2D, w: number, h: number, data: HeatmapData, theme: ChartTheme, opts: HeatmapOptions): HeatmapLayout {
  ctx.clearRect(0, 0, w, h);
  ctx.font = theme.font;
  ctx.textBaseline = 'middle';
  const L = data.layers.length;
  let labelW = 40;
  for (const name of data.layers) labelW = Math.max(labelW, ctx.measureText(name).width + 10);
  labelW = Math.min(labelW, Math.max(60, w * 0.3));
  const legendW = 84; // colour bar, tick labels, and the rotated legend title clear of both
  const plotX = labelW;
  const plotY = theme.fontSize + 10;
  const plotW = Math.max(10, w - plotX - legendW - 8);
  const plotH = Math.max(10, h - plotY - theme.fontSize * 2 - 14);
  ctx.fillStyle = theme.fg;
  ctx.textAlign = 'left';
  ctx.fillText(opts.title, 0, theme.fontSize / 2 + 2);

  const range = opts.range ?? logRange(data.values, data.count * L);
  const layout: HeatmapLayout = { plotX, plotY, plotW, plotH, cols: 0, range };
  ctx.strokeStyle = theme.grid;
  ctx.strokeRect(plotX - 0.5, plotY - 0.5, plotW + 1, plotH + 1);
  if (data.count === 0 || L === 0 || !range) {
    ctx.fillStyle = theme.muted;
    ctx.textAlign = 'center';
    ctx.fillText(opts.emptyText, plotX + plotW / 2, plotY + plotH / 2);
    return layout;
  }
  const cols = Math.max(1, Math.min(data.count, Math.floor(plotW)));
  layout.cols = cols;
  const pixels = new Uint32Array(cols * L);
  rasterizeHeatmap(data, cols, range, pixels);
  const img = new ImageData(new Uint8ClampedArray(pixels.buffer), cols, L);
  const s = scratchCanvas(cols, L);
  s.ctx.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(s.canvas as CanvasImageSource, 0, 0, cols, L, plotX, plotY, plotW, plotH);

  // Layer labels, one per row (skipping rows when they would overlap).
  const rowH = plotH / L;
  const every = Math.max(1, Math.ceil((theme.fontSize + 2) / rowH));
  ctx.textAlign = 'right';
  for (let l = 0; l < L; l += every) {
    const name = data.layers[l] ?? '';
    ctx.fillStyle = name === opts.highlightLayer ? theme.focus : theme.fg;
    ctx.fillText(name, plotX - 6, plotY + rowH * (l + 0.5), labelW - 8);
  }
  if (opts.highlightLayer) {
    const l = data.layers.indexOf(opts.highlightLayer);
    if (l >= 0) {
      ctx.strokeStyle = theme.focus;
      ctx.lineWidth = 2;
      ctx.strokeRect(plotX, plotY + rowH * l, plotW, rowH);
      ctx.lineWidth = 1;
    }
  }

  // Step axis: first, middle and last step under the plot, the axis title below.
  ctx.fillStyle = theme.muted;
  ctx.textBaseline = 'top';
  const first = data.steps[0] ?? 0;
  const last = data.steps[data.count - 1] ?? 0;
  const ty = plotY + plotH + 4;
  ctx.textAlign = 'left';
  ctx.fillText(String(first), plotX, ty);
  ctx.textAlign = 'right';
  ctx.fillText(String(last), plotX + plotW, ty);
  ctx.textAlign = 'center';
  ctx.fillText(opts.xLabel, plotX + plotW / 2, ty + theme.fontSize + 2);

  // Legend: a vertical colour bar with one tick per decade (at most ~6 labels).
  const lx = plotX + plotW + 14;
  const lw = 12;
  for (let y = 0; y < plotH; y++) {
    const t = 1 - y / Math.max(1, plotH - 1);
    const c = LUT[Math.round(t * 255)] as number;
    ctx.fillStyle = `rgb(${c & 255}, ${(c >> 8) & 255}, ${(c >> 16) & 255})`;
    ctx.fillRect(lx, plotY + y, lw, 1);
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = theme.fg;
  const decades = range.hi - range.lo;
  const stepDec = Math.max(1, Math.ceil(decades / 6));
  for (let d = range.lo; d <= range.hi; d += stepDec) {
    const y = plotY + plotH - ((d - range.lo) / decades) * plotH;
    ctx.fillText(fmtNum(10 ** d), lx + lw + 3, y);
  }
  ctx.save();
  ctx.translate(w - 4, plotY + plotH / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillStyle = theme.muted;
  ctx.fillText(opts.legendLabel, 0, 0);
  ctx.restore();
  return layout;
}

/** Which layer/step a point in the plot refers to, for hover text. */
export function heatmapHit(layout: HeatmapLayout, data: HeatmapData, x: number, y: number): { layer: number; index: number } | null {
  if (layout.cols === 0 || x < layout.plotX || y < layout.plotY || x >= layout.plotX + layout.plotW || y >= layout.plotY + layout.plotH) return null;
  const layer = Math.floor(((y - layout.plotY) / layout.plotH) * data.layers.length);
  const col = Math.floor(((x - layout.plotX) / layout.plotW) * layout.cols);
  const index = Math.min(data.count - 1, Math.floor(((col + 0.5) * data.count) / layout.cols));
  return { layer, index };
}
