// Runs side by side: the same layers × steps heatmap for each run of this panel on one shared
// colour scale, plus the loss curves overlaid, so "sigmoid's first layers fade, ReLU + He do
// not" is visible at a glance.
import type { RunSnapshot } from '../../src/protocol/trainingPanel';
import { clear, h } from '../shared/dom';
import { drawHeatmap } from '../shared/heatmap';
import { logRange, type HeatmapData } from '../shared/heatmapRaster';
import { drawLineChart, ema, type Series } from '../shared/lineChart';
import { fmtNum } from '../shared/format';
import { fitCanvas } from '../shared/theme';
import type { PanelCtx } from './context';
import type { RunData } from './store';

interface Comparable { label: string; heat: HeatmapData; loss: { x: Float64Array; y: Float32Array; n: number } }

function fromSnapshot(s: RunSnapshot): Comparable {
  return {
    label: hyperLabel(s.header),
    heat: { layers: s.gradLayers, steps: s.grads.steps, values: s.grads.values, count: s.grads.steps.length },
    loss: { x: s.train.step, y: s.train.loss, n: s.train.step.length },
  };
}

function fromRun(r: RunData): Comparable {
  return {
    label: hyperLabel(r.header),
    heat: { layers: r.grads.layers, steps: r.grads.steps, values: r.grads.values, count: r.grads.n },
    loss: { x: r.train.step, y: r.train.loss, n: r.train.n },
  };
}

function hyperLabel(hd: RunSnapshot['header']): string {
  const hp = hd.hyper;
  return `${hd.title} · ${hp.activation} · ${hp.initializer} · ${hp.optimizer} · lr ${fmtNum(hp.learningRate)}`;
}

function firstLayerMean(d: HeatmapData): number {
  const L = d.layers.length;
  if (L === 0 || d.count === 0) return NaN;
  let s = 0, k = 0;
  for (let i = Math.max(0, d.count - 50); i < d.count; i++) { const v = d.values[i * L] as number; if (v > 0) { s += Math.log10(v); k++; } }
  return k ? 10 ** (s / k) : NaN;
}

export class CompareView {
  readonly root = h('div', { class: 'compare' });

  constructor(private readonly ctx: () => PanelCtx) {}

  render(): void {
    const c = this.ctx();
    const { t } = c;
    clear(this.root);
    const runs = [...c.previous.map(fromSnapshot), ...(c.run ? [fromRun(c.run)] : [])];
    if (runs.length < 2) {
      this.root.append(h('p', { class: 'muted empty' }, t('compare.none')));
      if (runs.length === 0) return;
    }
    this.root.append(h('h3', {}, t('compare.title')));
    // One scale for all runs: the union of their ranges.
    let lo = Infinity, hi = -Infinity;
    for (const r of runs) {
      const rr = logRange(r.heat.values, r.heat.count * r.heat.layers.length);
      if (rr) { lo = Math.min(lo, rr.lo); hi = Math.max(hi, rr.hi); }
    }
    const range = lo <= hi ? { lo: Math.max(lo, hi - 12), hi } : null;
    const row = h('div', { class: 'compare-row' });
    const per = Math.min(runs.length, 3);
    const w = Math.max(240, Math.floor(((this.root.parentElement?.clientWidth ?? 800) - 10 * per) / per) - 20);
    runs.forEach((r, i) => {
      const canvas = h('canvas', { role: 'img', 'data-chart': 'compare-heatmap' });
      const hh = Math.max(150, Math.min(360, 60 + r.heat.layers.length * 16 + 40));
      drawHeatmap(fitCanvas(canvas, w, hh), w, hh, r.heat, c.theme, {
        title: t('compare.runShort', i + 1), xLabel: t('axis.stepsArrow'), legendLabel: t('legend.gradNorm'), emptyText: t('empty.noGrads'), range,
      });
      const stat = t('compare.firstLayer', fmtNum(firstLayerMean(r.heat)));
      canvas.setAttribute('aria-label', `${t('compare.run', i + 1, r.label)}. ${stat}`);
      row.append(h('figure', { class: 'card' }, canvas, h('figcaption', {}, h('div', {}, t('compare.run', i + 1, r.label)), h('div', { class: 'muted' }, stat))));
    });
    this.root.append(row);
    const series: Series[] = runs.map((r, i) => ({ label: t('compare.runShort', i + 1), color: c.theme.series[i % c.theme.series.length] ?? '#888', x: r.loss.x, y: ema(r.loss.y, r.loss.n, 0.6), n: r.loss.n }));
    const lossCanvas = h('canvas', { role: 'img', 'data-chart': 'compare-loss' });
    const lw = Math.max(300, (this.root.parentElement?.clientWidth ?? 800) - 24);
    drawLineChart(fitCanvas(lossCanvas, lw, 200), lw, 200, c.theme, { title: t('chart.loss'), xLabel: t('axis.step'), yLabel: t('axis.loss'), series, yLog: true, emptyText: t('empty.waitFirst') });
    lossCanvas.setAttribute('aria-label', runs.map((r, i) => t('compare.run', i + 1, r.label)).join('; '));
    this.root.append(h('section', { class: 'card' }, lossCanvas));
  }
}
