// A small canvas line chart: title, axis labels, legend, linear or log y, min/max downsampling
// to the pixel width, and a hover readout. Enough for live curves without a charting framework.
import type { ChartTheme } from './theme';
import { fmtNum } from './format';

export interface Series {
  label: string;
  color: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  n: number;
  dashed?: boolean;
  /** Drawn thinner and fainter (the raw curve behind a smoothed one). */
  faint?: boolean;
}

export interface LineChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  yLog?: boolean;
  yMin?: number;
  yMax?: number;
  emptyText: string;
  hoverX?: number | null;
}

export interface ChartLayout {
  plotX: number; plotY: number; plotW: number; plotH: number;
  x0: number; x1: number; y0: number; y1: number;
  yLog: boolean;
}

export function ema(y: ArrayLike<number>, n: number, alpha: number): Float32Array {
  const out = new Float32Array(n);
  let acc = NaN;
  let weight = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    if (!Number.isFinite(v)) { out[i] = NaN; continue; }
    // Bias-corrected EMA (as TensorBoard does) so the start of the curve is not pulled to zero.
    acc = Number.isNaN(acc) ? v * (1 - alpha) : acc * alpha + v * (1 - alpha);
    weight = weight * alpha + (1 - alpha);
    out[i] = acc / weight;
  }
  return out;
}

function niceTicks(lo: number, hi: number, count: number): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return ticks;
}

export function drawLineChart(ctx: CanvasRenderingContext2D, w: number, h: number, theme: ChartTheme, spec: LineChartSpec): ChartLayout {
  ctx.clearRect(0, 0, w, h);
  ctx.font = theme.font;
  const fs = theme.fontSize;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  const yLog = spec.yLog ?? false;
  for (const s of spec.series) {
    for (let i = 0; i < s.n; i++) {
      const x = s.x[i] as number;
      const y = s.y[i] as number;
      if (!Number.isFinite(x) || !Number.isFinite(y) || (yLog && y <= 0)) continue;
      const yy = yLog ? Math.log10(y) : y;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (yy < y0) y0 = yy;
      if (yy > y1) y1 = yy;
    }
  }
  if (spec.yMin !== undefined) y0 = Math.min(y0, spec.yMin);
  if (spec.yMax !== undefined) y1 = Math.max(y1, spec.yMax);
  const plotX = 52;
  const plotY = fs + 26;
  const plotW = Math.max(10, w - plotX - 12);
  const plotH = Math.max(10, h - plotY - fs * 2 - 12);
  const layout: ChartLayout = { plotX, plotY, plotW, plotH, x0, x1, y0, y1, yLog };
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillStyle = theme.fg;
  ctx.fillText(spec.title, 0, fs / 2 + 2);
  // Legend on the second line.
  let lx = 0;
  for (const s of spec.series) {
    if (s.faint) continue;
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 2;
    ctx.setLineDash(s.dashed ? [4, 3] : []);
    ctx.beginPath();
    ctx.moveTo(lx, fs + 12);
    ctx.lineTo(lx + 16, fs + 12);
    ctx.stroke();
    ctx.fillStyle = theme.fg;
    ctx.fillText(s.label, lx + 20, fs + 12);
    lx += 28 + ctx.measureText(s.label).width;
  }
  ctx.setLineDash([]);
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.grid;
  ctx.strokeRect(plotX - 0.5, plotY - 0.5, plotW + 1, plotH + 1);
  if (!(x0 <= x1) || !(y0 <= y1)) {
    ctx.fillStyle = theme.muted;
    ctx.textAlign = 'center';
    ctx.fillText(spec.emptyText, plotX + plotW / 2, plotY + plotH / 2);
    return layout;
  }
  if (x0 === x1) { x0 -= 1; x1 += 1; }
  if (y0 === y1) { y0 -= yLog ? 1 : Math.abs(y0) * 0.1 + 1e-6; y1 += yLog ? 1 : Math.abs(y1) * 0.1 + 1e-6; }
  Object.assign(layout, { x0, x1, y0, y1 });
  const px = (x: number): number => plotX + ((x - x0) / (x1 - x0)) * plotW;
  const py = (y: number): number => plotY + plotH - ((y - y0) / (y1 - y0)) * plotH;

  // Grid and tick labels.
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'right';
  const yt = yLog ? niceTicks(Math.floor(y0), Math.ceil(y1), 5).filter((t) => Number.isInteger(t) && t >= y0 && t <= y1) : niceTicks(y0, y1, 5);
  for (const t of yt) {
    const y = py(t);
    ctx.strokeStyle = theme.grid;
    ctx.globalAlpha = 0.5;
    ctx.beginPath(); ctx.moveTo(plotX, Math.round(y) + 0.5); ctx.lineTo(plotX + plotW, Math.round(y) + 0.5); ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.fillText(fmtNum(yLog ? 10 ** t : t), plotX - 4, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of niceTicks(x0, x1, 5)) ctx.fillText(fmtNum(t), px(t), plotY + plotH + 3);
  ctx.fillText(spec.xLabel, plotX + plotW / 2, plotY + plotH + fs + 5);
  ctx.save();
  ctx.translate(10, plotY + plotH / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(spec.yLabel, 0, 0);
  ctx.restore();

  ctx.save();
  ctx.beginPath();
  ctx.rect(plotX, plotY, plotW, plotH);
  ctx.clip();
  for (const s of spec.series) drawSeries(ctx, s, px, py, yLog, plotW);
  ctx.restore();

  if (spec.hoverX !== undefined && spec.hoverX !== null && spec.hoverX >= plotX && spec.hoverX <= plotX + plotW) {
    ctx.strokeStyle = theme.muted;
    ctx.setLineDash([2, 2]);
    ctx.beginPath(); ctx.moveTo(spec.hoverX + 0.5, plotY); ctx.lineTo(spec.hoverX + 0.5, plotY + plotH); ctx.stroke();
    ctx.setLineDash([]);
  }
  return layout;
}

function drawSeries(ctx: CanvasRenderingContext2D, s: Series, px: (x: number) => number, py: (y: number) => number, yLog: boolean, plotW: number): void {
  ctx.strokeStyle = s.color;
  ctx.globalAlpha = s.faint ? 0.3 : 1;
  ctx.lineWidth = s.faint ? 1 : 1.75;
  ctx.setLineDash(s.dashed ? [4, 3] : []);
  ctx.beginPath();
  let pen = false;
  // Min/max per pixel column when there are more points than pixels: shape kept, cost bounded.
  const bucket = s.n > plotW * 2;
  let col = -1, cmin = 0, cmax = 0, cx = 0;
  const flush = (): void => {
    if (col < 0) return;
    if (!pen) { ctx.moveTo(cx, cmin); pen = true; } else ctx.lineTo(cx, cmin);
    if (cmax !== cmin) ctx.lineTo(cx, cmax);
  };
  for (let i = 0; i < s.n; i++) {
    const xv = s.x[i] as number;
    const yv = s.y[i] as number;
    if (!Number.isFinite(xv) || !Number.isFinite(yv) || (yLog && yv <= 0)) { if (!bucket) pen = false; continue; }
    const x = px(xv);
    const y = py(yLog ? Math.log10(yv) : yv);
    if (!bucket) {
      if (!pen) { ctx.moveTo(x, y); pen = true; } else ctx.lineTo(x, y);
      continue;
    }
    const c = Math.floor(x);
    if (c !== col) { flush(); col = c; cx = x; cmin = y; cmax = y; }
    else { if (y < cmin) cmin = y; if (y > cmax) cmax = y; }
  }
  if (bucket) flush();
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  if (s.n === 1) {
    const xv = s.x[0] as number;
    const yv = s.y[0] as number;
    if (Number.isFinite(xv) && Number.isFinite(yv)) {
      ctx.fillStyle = s.color;
      ctx.beginPath(); ctx.arc(px(xv), py(yLog ? Math.log10(yv) : yv), 2.5, 0, Math.PI * 2); ctx.fill();
    }
  }
}

/** Index of the point of `s` nearest to the plot x coordinate, for the hover readout. */
export function nearestIndex(layout: ChartLayout, s: Series, mouseX: number): number {
  if (s.n === 0) return -1;
  const xv = layout.x0 + ((mouseX - layout.plotX) / layout.plotW) * (layout.x1 - layout.x0);
  let lo = 0, hi = s.n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((s.x[mid] as number) < xv) lo = mid + 1; else hi = mid;
  }
  if (lo > 0 && Math.abs((s.x[lo - 1] as number) - xv) < Math.abs((s.x[lo] as number) - xv)) lo--;
  return lo;
}
