// A knowledge-base concept as both webviews show it: title, document section, formulas
// (the corrected one with its erratum when the document is wrong), the layer's own numbers,
// our explanation and the symbols. Text goes in as text; formulas through KaTeX.
import type { LocalizedConcept } from '../../src/knowledge/types';
import { h } from './dom';
import type { Translate } from './i18n';
import { renderMath } from './math';

/** Title, formulas (corrected ones with their erratum), explanation and symbols of a concept. */
export function renderConcept(concept: LocalizedConcept, t: Translate, numbers: readonly string[]): HTMLElement {
  const box = h('div', { class: 'concept', 'data-concept': concept.id });
  box.append(h('div', { class: 'concept-title' }, concept.title), h('div', { class: 'muted section', title: concept.section }, `§ ${concept.section}`));
  for (const f of concept.formulas.slice(0, 6)) {
    const block = h('div', { class: 'formula-block' });
    if (f.label) block.append(h('div', { class: 'formula-label' }, f.label));
    const math = h('div', { class: 'math' });
    renderMath(math, f.latex, true, t('math.error'));
    block.append(math);
    if (f.erratum) {
      const orig = h('span', { class: 'original-math' });
      renderMath(orig, f.original, false, t('math.error'));
      block.append(h('div', { class: 'erratum', role: 'note' }, h('strong', {}, `${t('formula.erratum')}: `), f.erratum, ' ', h('span', { class: 'muted' }, `${t('formula.original')}: `), orig));
    }
    box.append(block);
  }
  for (const n of numbers) box.append(h('div', { class: 'numbers' }, n));
  box.append(h('p', { class: 'explanation' }, concept.explanation));
  if (concept.symbols.length > 0) {
    const dl = h('dl', { class: 'symbols' });
    for (const s of concept.symbols.slice(0, 12)) {
      const dt = h('dt', {});
      renderMath(dt, s.symbol, false, t('math.error'));
      dl.append(dt, h('dd', {}, s.meaning));
    }
    box.append(dl);
  }
  return box;
}
