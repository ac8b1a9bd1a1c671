// Task-specific views: decision boundary with the samples (2-D classifiers), fitted curve
// (regression), generated vs real points (GAN), reconstructions (autoencoder).
import type { BoundaryFrame, FitFrame, PointsFrame, ReconFrame } from '../../src/protocol/trainingPanel';
import { drawLineChart } from '../shared/lineChart';
import { fitCanvas, type ChartTheme } from '../shared/theme';
import { fmtNum, fmtPercent } from '../shared/format';
import { h, setText } from '../shared/dom';
import type { PanelCtx } from './context';

function parseRgb(css: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})/i.exec(css.trim());
  if (m?.[1]) { const n = parseInt(m[1], 16); return [(n >> 16) & 255, (n >> 8) & 255, n & 255]; }
  const r = /rgba?\((\d+)[ ,]+(\d+)[ ,]+(\d+)/.exec(css);
  return r ? [Number(r[1]), Number(r[2]), Number(r[3])] : [128, 128, 128];
}

export function drawBoundary(ctx: CanvasRenderingContext2D, w: number, hgt: number, b: BoundaryFrame, theme: ChartTheme, title: string): void {
  ctx.clearRect(0, 0, w, hgt);
  const top = theme.fontSize + 10;
  const size = Math.min(w, hgt - top);
  const x0 = (w - size) / 2;
  ctx.fillStyle = theme.fg;
  ctx.font = theme.font;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, 0, theme.fontSize / 2 + 2);
  const c0 = parseRgb(theme.series[0] ?? '#3794ff');
  const c1 = parseRgb(theme.series[1] ?? '#d18616');
  const img = new ImageData(b.res, b.res);
  for (let gy = 0; gy < b.res; gy++) {
    for (let gx = 0; gx < b.res; gx++) {
      const p = Math.min(1, Math.max(0, b.grid[gy * b.res + gx] as number));
      // Row 0 of the grid is yMin: flip so up is up.
      const o = ((b.res - 1 - gy) * b.res + gx) * 4;
      img.data[o] = c0[0] + (c1[0] - c0[0]) * p;
      img.data[o + 1] = c0[1] + (c1[1] - c0[1]) * p;
      img.data[o + 2] = c0[2] + (c1[2] - c0[2]) * p;
      // Confident regions tinted, the uncertain band (p ≈ 0.5) nearly clear: the boundary shows.
      img.data[o + 3] = 40 + Math.abs(p - 0.5) * 2 * 110;
    }
  }
  const off = document.createElement('canvas');
  off.width = b.res; off.height = b.res;
  off.getContext('2d')?.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, x0, top, size, size);
  ctx.strokeStyle = theme.grid;
  ctx.strokeRect(x0 + 0.5, top + 0.5, size - 1, size - 1);
  const px = (x: number): number => x0 + ((x - b.xMin) / (b.xMax - b.xMin)) * size;
  const py = (y: number): number => top + size - ((y - b.yMin) / (b.yMax - b.yMin)) * size;
  for (let i = 0; i + 2 < b.points.length; i += 3) {
    const label = b.points[i + 2] as number;
    ctx.beginPath();
    ctx.arc(px(b.points[i] as number), py(b.points[i + 1] as number), b.points.length > 300 ? 2.5 : 5, 0, Math.PI * 2);
    ctx.fillStyle = label >= 0.5 ? (theme.series[1] ?? '#d18616') : (theme.series[0] ?? '#3794ff');
    ctx.fill();
    ctx.strokeStyle = theme.fg;
    ctx.lineWidth = 1;
    ctx.stroke();
  }
}

function drawScatter(ctx: CanvasRenderingContext2D, w: number, hgt: number, p: PointsFrame, theme: ChartTheme, title: string, labels: [string, string]): void {
  ctx.clearRect(0, 0, w, hgt);
  ctx.font = theme.font;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = theme.fg;
  ctx.fillText(title, 0, theme.fontSize / 2 + 2);
  let lo = Infinity, hi = -Infinity;
  for (const a of [p.real, p.fake]) for (const v of a) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(lo < hi)) { lo = -1; hi = 1; }
  const top = theme.fontSize * 2 + 16;
  const size = Math.min(w, hgt - top);
  const x0 = (w - size) / 2;
  const s = (v: number): number => ((v - lo) / (hi - lo)) * (size - 10) + 5;
  ctx.strokeStyle = theme.grid;
  ctx.strokeRect(x0 + 0.5, top + 0.5, size - 1, size - 1);
  const sets: [Float32Array, string, string][] = [[p.real, theme.muted, labels[0]], [p.fake, theme.series[1] ?? '#d18616', labels[1]]];
  let lx = 0;
  for (const [a, color, label] of sets) {
    ctx.fillStyle = color;
    for (let i = 0; i + 1 < a.length; i += 2) ctx.fillRect(x0 + s(a[i] as number) - 1.5, top + size - s(a[i + 1] as number) - 1.5, 3, 3);
    ctx.fillRect(lx, theme.fontSize + 10, 8, 8);
    ctx.fillStyle = theme.fg;
    ctx.fillText(label, lx + 12, theme.fontSize + 14);
    lx += 24 + ctx.measureText(label).width;
  }
}

function drawRecon(ctx: CanvasRenderingContext2D, w: number, hgt: number, r: ReconFrame, theme: ChartTheme, title: string): void {
  ctx.clearRect(0, 0, w, hgt);
  ctx.font = theme.font;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = theme.fg;
  ctx.fillText(title, 0, theme.fontSize / 2 + 2);
  const px = r.side * r.side;
  const n = Math.min(Math.floor(r.originals.length / px), Math.floor(r.recon.length / px), 12);
  const top = theme.fontSize + 12;
  const cell = Math.max(8, Math.min(84, Math.floor((w - 4) / Math.max(1, n)) - 4, Math.floor((hgt - top) / 2) - 4));
  for (let k = 0; k < n; k++) {
    for (const [row, src] of [[0, r.originals], [1, r.recon]] as const) {
      const img = new ImageData(r.side, r.side);
      for (let i = 0; i < px; i++) {
        const v = Math.round(Math.min(1, Math.max(0, src[k * px + i] as number)) * 255);
        img.data[i * 4] = v; img.data[i * 4 + 1] = v; img.data[i * 4 + 2] = v; img.data[i * 4 + 3] = 255;
      }
      const off = document.createElement('canvas');
      off.width = r.side; off.height = r.side;
      off.getContext('2d')?.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(off, k * (cell + 4), top + row * (cell + 4), cell, cell);
    }
  }
}

export class ExtrasView {
  readonly root: HTMLElement;
  private readonly canvas = h('canvas', { role: 'img' });
  private readonly alt = h('p', { class: 'sr-only' });
  private readonly multiples = h('div', { class: 'multiples' });

  constructor(private readonly ctx: () => PanelCtx, private readonly kind: 'boundary' | 'fit' | 'points' | 'recon') {
    if (kind !== 'boundary') this.canvas.dataset.chart = kind; // boundaries draw one canvas per task
    this.root = h('section', { class: 'card extras' }, this.canvas, this.multiples, this.alt);
  }

  render(): void {
    const c = this.ctx();
    const { t, run, theme } = c;
    const w = Math.max(260, Math.min(720, this.root.clientWidth || 500));
    if (!run) return;
    let alt = '';
    this.canvas.hidden = this.kind === 'boundary';
    if (this.kind === 'boundary' && run.boundaries.length > 0) {
      // One plot per task (the perceptron shows AND, OR, NAND and XOR side by side).
      const n = run.boundaries.length;
      const size = Math.max(200, Math.min(520, Math.floor((this.root.clientWidth || 600) / Math.min(n, 4)) - 14));
      while (this.multiples.childElementCount > n) this.multiples.lastElementChild?.remove();
      while (this.multiples.childElementCount < n) this.multiples.append(h('canvas', { role: 'img', 'data-chart': 'boundary' }));
      const alts: string[] = [];
      run.boundaries.forEach((b, i) => {
        const canvas = this.multiples.children[i] as HTMLCanvasElement;
        const title = n > 1 || b.accuracy !== null ? t('boundary.task', b.task, b.accuracy === null ? '—' : fmtPercent(b.accuracy)) : t('boundary.title');
        drawBoundary(fitCanvas(canvas, size, size + theme.fontSize + 10), size, size + theme.fontSize + 10, b, theme, title);
        const a = `${title}. ${t('boundary.alt', b.step, b.points.length / 3)}`;
        canvas.setAttribute('aria-label', a);
        alts.push(a);
      });
      setText(this.alt, alts.join(' '));
      return;
    } else if (this.kind === 'fit' && run.fit) {
      const f: FitFrame = run.fit;
      const order = Array.from(f.x.keys()).sort((a, b) => (f.x[a] as number) - (f.x[b] as number));
      const xs = Float32Array.from(order, (i) => f.x[i] as number);
      const target = Float32Array.from(order, (i) => f.target[i] as number);
      const pred = Float32Array.from(order, (i) => f.pred[i] as number);
      let mse = 0;
      for (let i = 0; i < xs.length; i++) mse += ((pred[i] as number) - (target[i] as number)) ** 2;
      mse /= Math.max(1, xs.length);
      drawLineChart(fitCanvas(this.canvas, w, 300), w, 300, theme, {
        title: t('fit.title'), xLabel: 'x', yLabel: 'y', emptyText: t('empty.waitFirst'),
        series: [
          { label: t('series.target'), color: theme.muted, x: xs, y: target, n: xs.length, dashed: true },
          { label: t('series.pred'), color: theme.series[0] ?? '#3794ff', x: xs, y: pred, n: xs.length },
        ],
      });
      alt = t('fit.alt', f.step, xs.length, fmtNum(mse));
    } else if (this.kind === 'points' && run.points) {
      const hgt = Math.min(w, 480);
      drawScatter(fitCanvas(this.canvas, w, hgt), w, hgt, run.points, theme, t('gan.title'), [t('series.real'), t('series.fake')]);
      alt = t('gan.alt', run.points.step, run.points.fake.length / 2, run.points.real.length / 2);
    } else if (this.kind === 'recon' && run.recon) {
      drawRecon(fitCanvas(this.canvas, w, 220), w, 220, run.recon, theme, t('recon.title'));
      alt = t('recon.alt', run.recon.step, Math.floor(run.recon.originals.length / (run.recon.side * run.recon.side)));
    }
    this.canvas.setAttribute('aria-label', alt);
    setText(this.alt, alt);
  }
}
