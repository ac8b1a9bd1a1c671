// Attention tab: for the chosen kind (encoder self / decoder masked self / cross), a grid of
// small maps (rows = layers, columns = heads) with token labels, a step scrubber to watch them
// form, and an enlarged view with values on hover. Masked (future) positions are left empty so
// the causal mask reads as a blank upper triangle.
import type { AttentionGroup } from '../../src/protocol/trainingPanel';
import { viridisLut } from '../shared/colormap';
import { clear, ce, h, setText } from '../shared/dom';
import { fmtNum } from '../shared/format';
import { fitCanvas } from '../shared/theme';
import type { PanelCtx } from './context';

const LUT = viridisLut();

export class AttentionView {
  readonly root: HTMLElement;
  private readonly kinds = h('div', { class: 'segmented', role: 'radiogroup' });
  private readonly grid = h('div', { class: 'att-grid', 'data-chart': 'attention' });
  private readonly scrubber = h('input', { type: 'range', min: 0, max: 0, step: 1, value: 0, class: 'scrubber' });
  private readonly stepLabel = h('span', { class: 'step-label' });
  private readonly playButton = ce('vscode-button', { secondary: true });
  private readonly hint = h('p', { class: 'muted' });
  private readonly empty = h('p', { class: 'muted empty' });
  private readonly decoding = h('section', { class: 'decoding' });
  private readonly overlay = h('div', { class: 'att-overlay', role: 'dialog', 'aria-modal': 'true' });
  private readonly bigCanvas = h('canvas', { role: 'img', 'data-chart': 'attention-enlarged' });
  private readonly readout = h('div', { class: 'readout', role: 'status' });
  private readonly closeButton = ce('vscode-button', {});
  private readonly overlayTitle = h('h3');
  private enlarged: { layer: number; head: number } | null = null;
  private playTimer: number | undefined;
  private lastKey = '';

  constructor(private readonly ctx: () => PanelCtx) {
    this.overlay.hidden = true;
    this.overlay.append(h('div', { class: 'overlay-head' }, this.overlayTitle, this.closeButton), this.bigCanvas, this.readout);
    this.root = h('div', { class: 'attention' }, this.kinds, this.hint, this.empty, this.grid,
      h('div', { class: 'scrub-row' }, this.playButton, this.scrubber, this.stepLabel), this.decoding, this.overlay);
    this.scrubber.addEventListener('input', () => {
      const run = this.ctx().run;
      const v = Number(this.scrubber.value);
      this.ctx().update({ attentionFrame: run && v >= run.attention.length - 1 ? -1 : v });
    });
    this.playButton.addEventListener('click', () => this.togglePlay());
    this.closeButton.addEventListener('click', () => this.closeEnlarged());
    this.overlay.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.closeEnlarged(); });
    this.bigCanvas.addEventListener('mousemove', (e) => this.bigHover(e));
  }

  private group(): { g: AttentionGroup; index: number } | null {
    const c = this.ctx();
    const groups = c.run?.attentionGroups ?? [];
    const index = Math.min(c.ui.attentionKind, groups.length - 1);
    const g = groups[index];
    return g ? { g, index } : null;
  }

  private frameIndex(): number {
    const c = this.ctx();
    const n = c.run?.attention.length ?? 0;
    return c.ui.attentionFrame < 0 || c.ui.attentionFrame >= n ? n - 1 : c.ui.attentionFrame;
  }

  render(): void {
    const c = this.ctx();
    const { t, run } = c;
    this.hint.textContent = t('att.hint');
    this.closeButton.textContent = t('att.close');
    this.playButton.textContent = this.playTimer !== undefined ? t('att.pauseAnim') : t('att.play');
    this.scrubber.setAttribute('aria-label', t('att.scrubber'));
    const groups = run?.attentionGroups ?? [];
    const kindsKey = `${c.locale}|${groups.map((g) => g.kind).join(',')}|${c.ui.attentionKind}`;
    if (kindsKey !== this.kinds.dataset.key) {
      this.kinds.dataset.key = kindsKey;
      clear(this.kinds);
      groups.forEach((g, i) => {
        const b = ce('vscode-button', { secondary: i !== c.ui.attentionKind, role: 'radio', 'aria-checked': String(i === c.ui.attentionKind), 'data-kind': g.kind }, t(`att.${g.kind}`));
        b.addEventListener('click', () => c.update({ attentionKind: i }));
        this.kinds.append(b);
      });
    }
    this.renderDecoding(c);
    const frames = run?.attention ?? [];
    this.empty.hidden = frames.length > 0;
    this.empty.textContent = t('att.none');
    const sel = this.group();
    const fi = this.frameIndex();
    const frame = frames[fi];
    this.scrubber.max = String(Math.max(0, frames.length - 1));
    this.scrubber.value = String(Math.max(0, fi));
    this.scrubber.disabled = frames.length < 2;
    setText(this.stepLabel, frame ? t('att.step', frame.step) : '');
    if (!sel || !frame) { clear(this.grid); this.lastKey = ''; return; }
    const { g, index } = sel;
    const weights = frame.weights[index];
    if (!weights) return;
    const key = `${c.locale}|${index}|${frame.step}|${fi}|${this.root.clientWidth}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.drawGrid(g, weights, c);
    if (this.enlarged) this.drawEnlarged();
  }

  private drawGrid(g: AttentionGroup, weights: Float32Array, c: PanelCtx): void {
    const { t } = c;
    // Room left after the row labels and the gaps between maps.
    const avail = Math.max(300, this.root.clientWidth || 600) - 90 - g.heads * 8;
    const cell = Math.max(60, Math.min(180, Math.floor(avail / g.heads)));
    // Reuse canvases when the grid's geometry is unchanged: redraw in place, no flicker.
    const want = `${g.kind}|${g.layers}|${g.heads}|${cell}|${c.locale}`;
    if (this.grid.dataset.geom !== want) {
      this.grid.dataset.geom = want;
      clear(this.grid);
      this.grid.style.gridTemplateColumns = `auto repeat(${g.heads}, ${cell}px)`;
      this.grid.append(h('div'));
      for (let hd = 0; hd < g.heads; hd++) this.grid.append(h('div', { class: 'att-col' }, t('att.head', hd + 1)));
      for (let l = 0; l < g.layers; l++) {
        this.grid.append(h('div', { class: 'att-row' }, t('att.layer', l + 1)));
        for (let hd = 0; hd < g.heads; hd++) {
          const canvas = h('canvas', { role: 'button', tabindex: 0, 'data-layer': l, 'data-head': hd, class: 'att-cell' });
          const open = (): void => this.openEnlarged(l, hd);
          canvas.addEventListener('click', open);
          canvas.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
          this.grid.append(canvas);
        }
      }
    }
    const T = g.qTokens.length * g.kTokens.length;
    for (const canvas of Array.from(this.grid.querySelectorAll<HTMLCanvasElement>('canvas.att-cell'))) {
      const l = Number(canvas.dataset.layer);
      const hd = Number(canvas.dataset.head);
      const off = (l * g.heads + hd) * T;
      const ctx = fitCanvas(canvas, cell, cell);
      drawAttentionMap(ctx, cell, cell, g, weights.subarray(off, off + T), c.theme.fg, false);
      canvas.setAttribute('aria-label', `${t(`att.${g.kind}`)}, ${t('att.layer', l + 1)}, ${t('att.head', hd + 1)}. ${altFor(g, weights.subarray(off, off + T), t)}`);
    }
  }

  private renderDecoding(c: PanelCtx): void {
    const rows = c.run?.decoding ?? [];
    const key = `${c.locale}|${rows.map((r) => `${r.input}>${r.output}`).join('|')}`;
    if (this.decoding.dataset.key === key) return;
    this.decoding.dataset.key = key;
    clear(this.decoding);
    if (rows.length === 0) return;
    const { t } = c;
    const tbody = h('tbody');
    for (const r of rows.slice(0, 12)) {
      tbody.append(h('tr', { class: r.correct ? 'ok' : 'wrong' }, h('td', {}, r.input), h('td', {}, r.expected), h('td', {}, `${r.correct ? '✓' : '✗'} ${r.output}`)));
    }
    this.decoding.append(h('table', { class: 'layer-table decoding-table' },
      h('caption', {}, t('decoding.title')),
      h('thead', {}, h('tr', {}, h('th', {}, t('decoding.input')), h('th', {}, t('decoding.expected')), h('th', {}, t('decoding.output')))),
      tbody));
  }

  private openEnlarged(layer: number, head: number): void {
    this.enlarged = { layer, head };
    this.overlay.hidden = false;
    this.drawEnlarged();
    (this.closeButton as HTMLElement).focus();
  }

  private closeEnlarged(): void {
    this.enlarged = null;
    this.overlay.hidden = true;
  }

  private current(): { g: AttentionGroup; map: Float32Array } | null {
    const c = this.ctx();
    const sel = this.group();
    const frame = c.run?.attention[this.frameIndex()];
    if (!sel || !frame || !this.enlarged) return null;
    const weights = frame.weights[sel.index];
    if (!weights) return null;
    const T = sel.g.qTokens.length * sel.g.kTokens.length;
    const off = (this.enlarged.layer * sel.g.heads + this.enlarged.head) * T;
    return { g: sel.g, map: weights.subarray(off, off + T) };
  }

  private drawEnlarged(): void {
    const c = this.ctx();
    const cur = this.current();
    if (!cur || !this.enlarged) return;
    const size = Math.min(520, Math.max(260, (this.root.clientWidth || 600) - 60));
    this.overlayTitle.textContent = `${c.t(`att.${cur.g.kind}`)} · ${c.t('att.layer', this.enlarged.layer + 1)} · ${c.t('att.head', this.enlarged.head + 1)}`;
    drawAttentionMap(fitCanvas(this.bigCanvas, size, size), size, size, cur.g, cur.map, c.theme.fg, true);
    this.bigCanvas.setAttribute('aria-label', `${this.overlayTitle.textContent}. ${altFor(cur.g, cur.map, c.t)}`);
  }

  private bigHover(e: MouseEvent): void {
    const c = this.ctx();
    const cur = this.current();
    if (!cur) return;
    const size = this.bigCanvas.clientWidth;
    const geo = mapGeometry(size, size, cur.g, true);
    const j = Math.floor((e.offsetX - geo.x) / geo.cw);
    const i = Math.floor((e.offsetY - geo.y) / geo.ch);
    const nq = cur.g.qTokens.length, nk = cur.g.kTokens.length;
    if (i < 0 || j < 0 || i >= nq || j >= nk) { this.readout.textContent = ''; return; }
    const masked = cur.g.kind === 'decoderSelf' && j > i;
    this.readout.textContent = c.t('att.value', `${i}:${cur.g.qTokens[i] ?? ''}`, `${j}:${cur.g.kTokens[j] ?? ''}`, masked ? '—' : fmtNum(cur.map[i * nk + j] as number));
  }

  private togglePlay(): void {
    const c = this.ctx();
    if (this.playTimer !== undefined) {
      window.clearInterval(this.playTimer);
      this.playTimer = undefined;
      this.render();
      return;
    }
    let i = 0;
    this.playTimer = window.setInterval(() => {
      const n = this.ctx().run?.attention.length ?? 0;
      if (i >= n) { window.clearInterval(this.playTimer); this.playTimer = undefined; this.ctx().update({ attentionFrame: -1 }); return; }
      this.ctx().update({ attentionFrame: i === n - 1 ? -1 : i });
      i++;
    }, 120);
    c.update({});
  }
}

function mapGeometry(w: number, h: number, g: AttentionGroup, big: boolean): { x: number; y: number; cw: number; ch: number } {
  const label = big ? 56 : Math.min(28, w * 0.22);
  const cw = (w - label) / Math.max(1, g.kTokens.length);
  const ch = (h - label) / Math.max(1, g.qTokens.length);
  return { x: label, y: label, cw, ch };
}

/** One map: keys across the top, queries down the side, viridis 0..1, masked cells empty. */
export function drawAttentionMap(ctx: CanvasRenderingContext2D, w: number, hgt: number, g: AttentionGroup, map: Float32Array, fg: string, big: boolean): void {
  ctx.clearRect(0, 0, w, hgt);
  const { x, y, cw, ch } = mapGeometry(w, hgt, g, big);
  const nq = g.qTokens.length, nk = g.kTokens.length;
  for (let i = 0; i < nq; i++) {
    for (let j = 0; j < nk; j++) {
      if (g.kind === 'decoderSelf' && j > i) continue; // causal mask: the future stays empty
      const v = map[i * nk + j] as number;
      const c = LUT[Math.max(0, Math.min(255, Math.round(v * 255)))] as number;
      ctx.fillStyle = `rgb(${c & 255}, ${(c >> 8) & 255}, ${(c >> 16) & 255})`;
      ctx.fillRect(x + j * cw, y + i * ch, Math.ceil(cw), Math.ceil(ch));
    }
  }
  const fs = Math.max(6, Math.min(big ? 12 : 9, Math.min(cw, ch) * 0.9));
  if (Math.min(cw, ch) < 4) return;
  ctx.fillStyle = fg;
  ctx.font = `${fs}px sans-serif`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < nq; i++) ctx.fillText(g.qTokens[i] ?? '', x - 2, y + (i + 0.5) * ch, x - 3);
  ctx.save();
  for (let j = 0; j < nk; j++) {
    ctx.save();
    ctx.translate(x + (j + 0.5) * cw, y - 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'left';
    ctx.fillText(g.kTokens[j] ?? '', 0, 0, y - 3);
    ctx.restore();
  }
  ctx.restore();
}

function altFor(g: AttentionGroup, map: Float32Array, t: PanelCtx['t']): string {
  const nq = g.qTokens.length, nk = g.kTokens.length;
  const argmax: string[] = [];
  for (let i = 0; i < nq; i++) {
    let best = 0, bv = -1;
    for (let j = 0; j < nk; j++) { const v = map[i * nk + j] as number; if (v > bv) { bv = v; best = j; } }
    argmax.push(`${g.qTokens[i] ?? i}→${g.kTokens[best] ?? best}`);
  }
  return t('att.alt', argmax.join(' '));
}
