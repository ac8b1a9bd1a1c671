// The "Training" tab's charts: loss and accuracy curves (smoothed, hover readout) and the
// gradient heatmap (layers × steps, log colour) with vanishing/exploding flags and optional
// per-layer lines.
import { drawHeatmap, heatmapHit, type HeatmapLayout } from '../shared/heatmap';
import { drawLineChart, ema, nearestIndex, type ChartLayout, type Series } from '../shared/lineChart';
import { fitCanvas, layerColor } from '../shared/theme';
import { fmtNum, fmtPercent } from '../shared/format';
import { ce, h, setText } from '../shared/dom';
import type { PanelCtx } from './context';
import { gradientFlags } from './store';

export class OverviewView {
  readonly root: HTMLElement;
  private readonly lossCanvas = h('canvas', { role: 'img', 'data-chart': 'loss' });
  private readonly accCanvas = h('canvas', { role: 'img', 'data-chart': 'accuracy' });
  private readonly heatCanvas = h('canvas', { role: 'img', 'data-chart': 'heatmap' });
  private readonly linesCanvas = h('canvas', { role: 'img', 'data-chart': 'grad-lines' });
  private readonly tooltip = h('div', { class: 'tooltip', role: 'status' });
  private readonly flags = h('div', { class: 'flags', 'aria-live': 'polite' });
  private readonly smoothing = h('input', { type: 'range', min: 0, max: 0.99, step: 0.01, class: 'smoothing' });
  private readonly smoothingLabel = h('label', { class: 'inline' });
  private readonly smoothingText = h('span');
  private readonly linesButton = ce('vscode-button', { secondary: true, 'data-action': 'toggle-lines' });
  private readonly curvesAlt = h('p', { class: 'sr-only' });
  private readonly gradAlt = h('p', { class: 'sr-only' });
  private lossLayout: ChartLayout | null = null;
  private accLayout: ChartLayout | null = null;
  private heatLayout: HeatmapLayout | null = null;
  private hover: { chart: 'loss' | 'acc'; x: number } | null = null;

  constructor(private readonly ctx: () => PanelCtx) {
    this.smoothingLabel.append(this.smoothingText, this.smoothing);
    this.root = h('div', { class: 'overview' },
      h('section', { class: 'card curves' },
        h('div', { class: 'card-tools' }, this.smoothingLabel),
        this.lossCanvas, this.accCanvas, this.curvesAlt),
      h('section', { class: 'card grads' },
        this.heatCanvas, this.gradAlt,
        h('div', { class: 'card-tools' }, this.flags, this.linesButton),
        this.linesCanvas),
      this.tooltip,
    );
    this.smoothing.addEventListener('input', () => this.ctx().update({ smoothing: Number(this.smoothing.value) }));
    this.linesButton.addEventListener('click', () => this.ctx().update({ showLines: !this.ctx().ui.showLines }));
    for (const [canvas, chart] of [[this.lossCanvas, 'loss'], [this.accCanvas, 'acc']] as const) {
      canvas.addEventListener('mousemove', (e) => { this.hover = { chart, x: e.offsetX }; this.drawCurves(); });
      canvas.addEventListener('mouseleave', () => { this.hover = null; this.tooltip.hidden = true; this.drawCurves(); });
    }
    this.heatCanvas.addEventListener('mousemove', (e) => this.heatHover(e));
    this.heatCanvas.addEventListener('mouseleave', () => { this.tooltip.hidden = true; });
    this.heatCanvas.addEventListener('click', (e) => {
      const c = this.ctx();
      const hit = this.heatLayout && c.run ? heatmapHit(this.heatLayout, { layers: c.run.grads.layers, steps: c.run.grads.steps, values: c.run.grads.values, count: c.run.grads.n }, e.offsetX, e.offsetY) : null;
      const name = hit ? c.run?.grads.layers[hit.layer] : undefined;
      if (name) c.update({ selectedLayer: name });
    });
    this.tooltip.hidden = true;
  }

  private width(el: HTMLElement): number {
    return Math.max(200, Math.floor(el.clientWidth || el.parentElement?.clientWidth || 400));
  }

  render(): void {
    const c = this.ctx();
    const { t } = c;
    setText(this.smoothingText, `${t('smoothing')} `);
    if (document.activeElement !== this.smoothing) this.smoothing.value = String(c.ui.smoothing);
    this.smoothing.setAttribute('aria-label', t('smoothing'));
    this.linesButton.textContent = c.ui.showLines ? t('grad.hideLines') : t('grad.showLines');
    this.drawCurves();
    this.drawGrads();
  }

  private curveSeries(kind: 'loss' | 'acc'): Series[] {
    const c = this.ctx();
    const run = c.run;
    if (!run) return [];
    const th = c.theme;
    const trainY = kind === 'loss' ? run.train.loss : run.train.acc;
    const valY = kind === 'loss' ? run.val.loss : run.val.acc;
    const out: Series[] = [];
    const label = kind === 'loss' ? c.t('series.trainLoss') : c.t('series.trainAcc');
    if (c.ui.smoothing > 0 && run.train.n > 2) {
      out.push({ label, color: th.series[0] ?? '#888', x: run.train.step, y: trainY, n: run.train.n, faint: true });
      out.push({ label, color: th.series[0] ?? '#888', x: run.train.step, y: ema(trainY, run.train.n, c.ui.smoothing), n: run.train.n });
    } else {
      out.push({ label, color: th.series[0] ?? '#888', x: run.train.step, y: trainY, n: run.train.n });
    }
    out.push({ label: kind === 'loss' ? c.t('series.valLoss') : c.t('series.valAcc'), color: th.series[1] ?? '#d18616', x: run.val.step, y: valY, n: run.val.n, dashed: true });
    // Two-phase runs (the GAN): both losses, each named by its phase.
    const phases = run.header.phases;
    if (kind === 'loss' && phases.length > 1 && hasFinite(run.train.loss2, run.train.n)) {
      const first = out[c.ui.smoothing > 0 && run.train.n > 2 ? 1 : 0];
      if (first) first.label = `${label} · ${phases[0] ?? ''}`;
      const y2 = c.ui.smoothing > 0 && run.train.n > 2 ? ema(run.train.loss2, run.train.n, c.ui.smoothing) : run.train.loss2;
      out.push({ label: `${label} · ${phases[1] ?? ''}`, color: th.series[2] ?? '#89d185', x: run.train.step, y: y2, n: run.train.n });
    }
    return out;
  }

  private drawCurves(): void {
    const c = this.ctx();
    const { t } = c;
    const w = this.width(this.lossCanvas.parentElement as HTMLElement);
    const hasAcc = !!c.run && (hasFinite(c.run.train.acc, c.run.train.n) || hasFinite(c.run.val.acc, c.run.val.n));
    const empty = c.run ? t('empty.waitFirst') : t('empty.noRun');
    const lossSeries = this.curveSeries('loss');
    this.lossLayout = drawLineChart(fitCanvas(this.lossCanvas, w, 190), w, 190, c.theme, {
      title: t('chart.loss'), xLabel: t('axis.step'), yLabel: t('axis.loss'), series: lossSeries, emptyText: empty,
      hoverX: this.hover?.chart === 'loss' ? this.hover.x : null,
    });
    this.accCanvas.hidden = !hasAcc;
    const accSeries = this.curveSeries('acc');
    if (hasAcc) {
      this.accLayout = drawLineChart(fitCanvas(this.accCanvas, w, 150), w, 150, c.theme, {
        title: t('chart.acc'), xLabel: t('axis.step'), yLabel: t('axis.acc'), series: accSeries, yMin: 0, yMax: 1, emptyText: empty,
        hoverX: this.hover?.chart === 'acc' ? this.hover.x : null,
      });
    }
    const run = c.run;
    const alt = run ? t('alt.curves', fmtNum(run.train.last(run.train.loss)), fmtNum(run.val.last(run.val.loss)), fmtPercent(run.val.last(run.val.acc)), run.header.step) : empty;
    this.lossCanvas.setAttribute('aria-label', `${t('chart.loss')}. ${alt}`);
    // When this run's first loss point reached the screen (the e2e suite times it from the click).
    this.lossCanvas.dataset.points = String(run?.train.n ?? 0);
    if (run && run.train.n > 0 && this.lossCanvas.dataset.firstPointRun !== run.header.runId) {
      this.lossCanvas.dataset.firstPointRun = run.header.runId;
      this.lossCanvas.dataset.firstPointAt = String(Date.now());
    }
    this.accCanvas.setAttribute('aria-label', `${t('chart.acc')}. ${alt}`);
    setText(this.curvesAlt, alt);
    if (this.hover) {
      const layout = this.hover.chart === 'loss' ? this.lossLayout : this.accLayout;
      const series = (this.hover.chart === 'loss' ? lossSeries : accSeries).filter((s) => !s.faint || c.ui.smoothing === 0);
      if (layout && series.length > 0) {
        const parts: string[] = [];
        for (const s of series) {
          const i = nearestIndex(layout, s, this.hover.x);
          if (i < 0) continue;
          const y = s.y[i] as number;
          parts.push(`${s.label} @${fmtNum(s.x[i] as number)}: ${this.hover.chart === 'acc' ? fmtPercent(y) : fmtNum(y)}`);
        }
        this.showTooltip(parts.join('\n'), this.hover.chart === 'loss' ? this.lossCanvas : this.accCanvas, this.hover.x, 30);
      }
    }
  }

  private drawGrads(): void {
    const c = this.ctx();
    const { t, run } = c;
    const w = this.width(this.heatCanvas.parentElement as HTMLElement);
    const layers = run?.grads.layers ?? [];
    const hh = Math.max(150, Math.min(420, 40 + layers.length * 18 + 40));
    const data = { layers, steps: run?.grads.steps ?? new Float64Array(0), values: run?.grads.values ?? new Float32Array(0), count: run?.grads.n ?? 0 };
    this.heatLayout = drawHeatmap(fitCanvas(this.heatCanvas, w, hh), w, hh, data, c.theme, {
      title: t('chart.grad'), xLabel: t('axis.stepsArrow'), legendLabel: t('legend.gradNorm'),
      emptyText: run ? t('empty.noGrads') : t('empty.noRun'), highlightLayer: c.ui.selectedLayer ?? c.cursorLayer,
    });
    this.heatCanvas.dataset.steps = String(data.count);
    const latest = layers.map((name, l) => `${name} ${fmtNum(run?.grads.latest(l))}`).join(', ');
    const alt = t('alt.grads', layers.length, data.count, latest || '—');
    this.heatCanvas.setAttribute('aria-label', `${t('chart.grad')}. ${alt}`);
    setText(this.gradAlt, alt);

    // Flags.
    this.flags.textContent = '';
    if (run && run.grads.n > 0) {
      const f = gradientFlags(run.grads);
      if (f.vanishing.length === 0 && f.exploding.length === 0) {
        this.flags.append(h('span', { class: 'flag ok' }, `✓ ${t('flags.none')}`));
      }
      for (const l of f.vanishing) this.flags.append(h('span', { class: 'flag warn', 'data-flag': 'vanishing' }, `⚠ ${t('flags.vanishing', layers[l] ?? '', 20)}`));
      for (const l of f.exploding) this.flags.append(h('span', { class: 'flag error', 'data-flag': 'exploding' }, `⚠ ${t('flags.exploding', layers[l] ?? '', fmtNum(run.grads.latest(l)))}`));
      if (f.vanishing.length + f.exploding.length > 0) {
        const link = h('a', { href: '#', class: 'link' }, t('flags.why'));
        link.addEventListener('click', (e) => { e.preventDefault(); c.post({ type: 'openConcept', conceptId: f.vanishing.length > 0 ? 'sigmoid' : 'chain-rule' }); });
        this.flags.append(link);
      }
    }

    this.linesCanvas.hidden = !c.ui.showLines;
    if (c.ui.showLines && run) {
      const series: Series[] = [];
      const L = layers.length;
      const g = run.grads;
      layers.forEach((name, l) => {
        const y = new Float32Array(g.n);
        for (let i = 0; i < g.n; i++) y[i] = g.values[i * L + l] as number;
        series.push({ label: name, color: layerColor(c.theme, l), x: g.steps, y, n: g.n });
      });
      drawLineChart(fitCanvas(this.linesCanvas, w, 200), w, 200, c.theme, {
        title: t('chart.gradLines'), xLabel: t('axis.step'), yLabel: t('axis.gradNorm'), series, yLog: true, emptyText: t('empty.noGrads'),
      });
      this.linesCanvas.setAttribute('aria-label', `${t('chart.gradLines')}. ${alt}`);
    }
  }

  private heatHover(e: MouseEvent): void {
    const c = this.ctx();
    const run = c.run;
    if (!run || !this.heatLayout) return;
    const g = run.grads;
    const hit = heatmapHit(this.heatLayout, { layers: g.layers, steps: g.steps, values: g.values, count: g.n }, e.offsetX, e.offsetY);
    if (!hit) { this.tooltip.hidden = true; return; }
    const v = g.values[hit.index * g.layers.length + hit.layer] as number;
    this.showTooltip(`${g.layers[hit.layer] ?? ''} · ${c.t('header.step', g.steps[hit.index] ?? 0)} · ‖∇W‖ ${fmtNum(v)}`, this.heatCanvas, e.offsetX, e.offsetY);
  }

  private showTooltip(text: string, anchor: HTMLElement, x: number, y: number): void {
    this.tooltip.textContent = text;
    this.tooltip.hidden = false;
    const r = anchor.getBoundingClientRect();
    const rootR = this.root.getBoundingClientRect();
    this.tooltip.style.left = `${Math.min(r.left - rootR.left + x + 12, rootR.width - 260)}px`;
    this.tooltip.style.top = `${r.top - rootR.top + y + 12}px`;
  }
}

function hasFinite(a: Float32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (Number.isFinite(a[i] as number)) return true;
  return false;
}
