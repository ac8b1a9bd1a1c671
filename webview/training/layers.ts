// Layer table (name, kind, output shape, params, latest ‖∇W‖, formula chip, line) and the
// formula pane for the selected layer. Rows are keyboard reachable; Enter reveals the line.
import type { LayerRow } from '../../src/protocol/trainingPanel';
import { clear, h } from '../shared/dom';
import { fmtInt, fmtNum, fmtShape } from '../shared/format';
import { renderConcept } from '../shared/concept';
import { renderMath } from '../shared/math';
import type { PanelCtx } from './context';

export class LayersView {
  readonly root: HTMLElement;
  private readonly tbody = h('tbody');
  private readonly caption = h('caption');
  private readonly head = h('tr');
  private readonly formula = h('section', { class: 'card formula', 'aria-live': 'polite', 'data-pane': 'formula' });
  private lastKey = '';
  private lastFormulaKey = '';
  /** The formula pane's live ‖∇W‖ text: patched on every step, the pane itself is not rebuilt. */
  private gradText: HTMLElement | null = null;

  constructor(private readonly ctx: () => PanelCtx) {
    this.root = h('div', { class: 'layers-and-formula' },
      h('section', { class: 'card layers' }, h('table', { class: 'layer-table', 'data-table': 'layers' }, this.caption, h('thead', {}, this.head), this.tbody)),
      this.formula);
  }

  render(): void {
    const c = this.ctx();
    const { t, run } = c;
    this.caption.textContent = t('layers.title');
    const cols = [t('col.name'), t('col.kind'), t('col.shape'), t('col.params'), t('col.grad'), t('col.formula'), t('col.line')];
    if (this.head.childElementCount !== cols.length || this.head.textContent !== cols.join('')) {
      clear(this.head);
      for (const name of cols) this.head.append(h('th', { scope: 'col' }, name));
    }
    const layers = run?.layers ?? [];
    const gradIdx = new Map((run?.grads.layers ?? []).map((n, i) => [n, i] as const));
    const active = c.ui.selectedLayer;
    // Rebuild rows only when the layer list changes; otherwise patch cells in place (no flicker).
    const key = `${c.locale}|${layers.map((l) => `${l.name}/${l.kind}/${fmtShape(l.outputShape)}/${l.params}/${l.line}`).join('|')}`;
    if (key !== this.lastKey) {
      this.lastKey = key;
      clear(this.tbody);
      if (layers.length === 0) {
        this.tbody.append(h('tr', {}, h('td', { colspan: cols.length, class: 'muted' }, run ? t('layers.empty') : t('empty.noRun'))));
      }
      for (const layer of layers) this.tbody.append(this.row(layer, c));
    }
    for (const tr of Array.from(this.tbody.querySelectorAll<HTMLTableRowElement>('tr[data-layer]'))) {
      const name = tr.dataset.layer ?? '';
      tr.classList.toggle('cursor', name === c.cursorLayer);
      tr.classList.toggle('selected', name === active);
      tr.setAttribute('aria-selected', String(name === active));
      const gi = gradIdx.get(name);
      const cell = tr.querySelector('td.grad');
      if (cell) cell.textContent = gi === undefined || !run ? '—' : fmtNum(run.grads.latest(gi));
    }
    this.renderFormula(c);
  }

  private row(layer: LayerRow, c: PanelCtx): HTMLTableRowElement {
    const { t } = c;
    const concept = layer.conceptId ? c.concepts.get(layer.conceptId) : undefined;
    const chip = h('td', { class: 'chip-cell' });
    const first = concept?.formulas[0];
    if (first) {
      const span = h('span', { class: 'formula-chip' });
      renderMath(span, first.latex, false, t('math.error'));
      chip.append(span);
    } else chip.textContent = '—';
    const tr = h('tr', { 'data-layer': layer.name, tabindex: 0, title: layer.line ? t('layers.reveal', layer.name) : null },
      h('td', { class: 'name' }, layer.name),
      h('td', {}, layer.kind),
      h('td', { class: 'num' }, fmtShape(layer.outputShape)),
      h('td', { class: 'num' }, fmtInt(layer.params)),
      h('td', { class: 'num grad' }, '—'),
      chip,
      h('td', { class: 'num', title: layer.line ? t('layers.lineN', layer.line) : null }, layer.line ? String(layer.line) : '—'),
    );
    const activate = (): void => {
      c.update({ selectedLayer: layer.name });
      if (layer.line) c.post({ type: 'revealLayer', layer: layer.name });
    };
    tr.addEventListener('click', activate);
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); activate(); }
      if (e.key === 'ArrowDown') { (tr.nextElementSibling as HTMLElement | null)?.focus(); e.preventDefault(); }
      if (e.key === 'ArrowUp') { (tr.previousElementSibling as HTMLElement | null)?.focus(); e.preventDefault(); }
    });
    return tr;
  }

  private renderFormula(c: PanelCtx): void {
    const { t, run } = c;
    const name = c.ui.selectedLayer ?? c.cursorLayer;
    const layer = run?.layers.find((l) => l.name === name);
    const concept = layer?.conceptId ? c.concepts.get(layer.conceptId) : undefined;
    const gi = layer && run ? run.grads.layers.indexOf(layer.name) : -1;
    const grad = gi >= 0 && run ? ` · ${t('formula.gradLine', fmtNum(run.grads.latest(gi)))}` : '';
    // Rebuilding the pane renders every formula and symbol with KaTeX: only when what it shows
    // changes, never for the gradient figure that changes every step. (Doing it 30 times a
    // second kept the workbench, which shares the page's thread, from answering for seconds.)
    const key = `${c.locale}|${layer?.name}|${concept?.id}|${fmtShape(layer?.outputShape)}|${layer?.numbers.join('|')}|${gi}`;
    if (key === this.lastFormulaKey) {
      if (this.gradText && this.gradText.textContent !== grad) this.gradText.textContent = grad;
      return;
    }
    this.lastFormulaKey = key;
    this.gradText = null;
    clear(this.formula);
    if (!layer) {
      this.formula.append(h('p', { class: 'muted' }, t('formula.none')));
      return;
    }
    this.formula.append(h('h3', {}, t('formula.title', `${layer.name} · ${layer.kind}`)));
    const own = h('div', { class: 'own-numbers' }, h('strong', {}, `${t('formula.ownNumbers')}: `),
      t('formula.shapeLine', fmtShape(layer.outputShape), fmtInt(layer.params)));
    this.gradText = h('span', { class: 'grad-line' }, grad);
    own.append(this.gradText);
    if (!concept) {
      this.formula.append(own, h('p', { class: 'muted' }, t('formula.noConcept')));
      for (const n of layer.numbers) this.formula.append(h('div', { class: 'numbers' }, n));
      return;
    }
    this.formula.append(renderConcept(concept, t, layer.numbers), own);
  }
}
