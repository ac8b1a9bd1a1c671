// Side panel webview (view `modelLens.sidePanel`): the active file's model outline with shapes,
// params, warnings and the latest ‖∇W‖; the layer under the cursor filled (●) and its formula
// below. Rows are patched in place on cursor moves, so following the cursor never flickers.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import './style.css';
import { SIDE_PANEL_PROTOCOL, parseHostToSide, type HostToSide, type OutlineModel, type SideCursor, type SideToHost } from '../../src/protocol/sidePanel';
import type { Lang } from '../../src/protocol/vocabulary';
import { ce, clear, h, setText } from '../shared/dom';
import { fmtInt, fmtNum, fmtShape } from '../shared/format';
import { translator, type Translate } from '../shared/i18n';
import { connectHost } from '../shared/vscodeApi';
import { renderConcept } from '../shared/concept';

type Snapshot = Extract<HostToSide, { type: 'snapshot' }>;

const host = connectHost<SideToHost, { scrollTop: number }>((v): v is { scrollTop: number } => typeof v === 'object' && v !== null && typeof (v as { scrollTop?: unknown }).scrollTop === 'number');

let locale: Lang = document.documentElement.lang === 'zh-cn' ? 'zh-cn' : 'en';
let t: Translate = translator(locale);
let snapshot: Snapshot | null = null;

const statusEl = h('div', { class: 'status', role: 'status' });
const outlineEl = h('div', { class: 'outline', role: 'tree' });
const detailEl = h('section', { class: 'detail', 'aria-live': 'polite', 'data-pane': 'concept' });
document.body.append(statusEl, outlineEl, ce('vscode-divider'), detailEl);

function post(msg: SideToHost): void { host.post(msg); }

let structureKey = '';

/** Everything the rows show except the gradients: when it is unchanged, rows are patched in place. */
function structureOf(s: Snapshot): string {
  return JSON.stringify([s.locale, s.status, s.fileLabel, s.error, s.runLabel, s.notices, s.models.map((m) => [m.name, m.line, m.inputShape, m.layers.map((l) => [l.key, l.name, l.kind, l.line, l.outputShape, l.params, l.warning, l.source])])]);
}

function patchGradients(s: Snapshot): void {
  for (const l of s.models.flatMap((m) => m.layers)) {
    const cell = outlineEl.querySelector(`.row[data-key="${l.key}"] .grad`);
    if (cell) setText(cell, l.gradNorm !== null ? `‖∇W‖ ${fmtNum(l.gradNorm)}` : '');
  }
}

function renderSnapshot(s: Snapshot): void {
  const key = structureOf(s);
  if (key === structureKey) {
    patchGradients(s);
    applyCursor(s.cursor);
    return;
  }
  structureKey = key;
  locale = s.locale;
  t = translator(locale);
  document.documentElement.lang = locale === 'zh-cn' ? 'zh-CN' : 'en';
  clear(statusEl);
  clear(outlineEl);
  document.body.dataset.status = s.status;
  switch (s.status) {
    case 'noEditor': statusEl.append(h('p', { class: 'muted' }, t('side.noEditor'))); break;
    case 'unsupported': statusEl.append(h('p', { class: 'muted' }, t('side.unsupported'))); break;
    case 'error': statusEl.append(h('p', { class: 'error' }, t('side.error', s.error ?? ''))); break;
    case 'noModel': {
      // An analysis that stopped (or never ran) has not shown that the file has no model.
      if (s.notices.length > 0) {
        statusEl.append(h('p', {}, h('strong', {}, s.fileLabel ?? '')), ...notices(s));
        break;
      }
      statusEl.append(h('p', {}, h('strong', {}, s.fileLabel ?? ''), ' — ', t('side.noModel')));
      const train = ce('vscode-button', { 'data-action': 'train' }, t('side.offerTrain'));
      train.addEventListener('click', () => post({ type: 'trainSample', sampleId: null }));
      statusEl.append(train);
      if (s.samples.length > 0) {
        const list = h('ul', { class: 'samples' });
        for (const sample of s.samples) {
          const a = h('a', { href: '#', 'data-sample': sample.id }, sample.title);
          a.addEventListener('click', (e) => { e.preventDefault(); post({ type: 'trainSample', sampleId: sample.id }); });
          list.append(h('li', {}, a));
        }
        statusEl.append(h('p', { class: 'muted' }, t('side.samples')), list);
      }
      break;
    }
    case 'ok':
      if (s.fileLabel) statusEl.append(h('div', { class: 'muted file' }, s.fileLabel, s.runLabel ? ` · ${t('side.runFrom', s.runLabel)}` : ''));
      statusEl.append(...notices(s));
      for (const m of s.models) outlineEl.append(renderModel(m));
      break;
  }
  applyCursor(s.cursor);
}

/** What the analysis left out, above the outline: the outline is partial, and says so. */
function notices(s: Snapshot): HTMLElement[] {
  return s.notices.map((n) => h('p', { class: 'notice', role: 'note' }, `⚠ ${n}`));
}

function renderModel(m: OutlineModel): HTMLElement {
  const box = h('div', { class: 'model', role: 'group' });
  const head = h('div', { class: 'model-head' }, h('strong', {}, m.name), m.inputShape ? h('span', { class: 'muted' }, ` (${t('side.input', fmtShape(m.inputShape))})`) : null);
  head.addEventListener('click', () => post({ type: 'revealLine', line: m.line }));
  box.append(head);
  for (const l of m.layers) {
    const row = h('div', {
      class: `row${l.warning ? ' warning' : ''}`, role: 'treeitem', tabindex: 0, 'data-key': l.key, 'data-line': l.line,
      'data-layer': l.name, title: t('side.jump', l.line), 'aria-selected': 'false',
    },
      h('span', { class: 'mark', 'aria-hidden': 'true' }, l.warning ? '⚠' : '○'),
      h('span', { class: 'name' }, l.name),
      h('span', { class: 'kind' }, l.kind),
      h('span', { class: 'params' }, fmtInt(l.params)),
      h('span', { class: 'shape' }, fmtShape(l.outputShape)),
      l.source ? h('span', { class: `source ${l.source}`, title: t(l.source === 'pytorch' ? 'side.fromPytorchTip' : 'side.inferredTip') }, t(l.source === 'pytorch' ? 'side.fromPytorch' : 'side.inferred')) : null,
      h('span', { class: 'grad', title: l.gradNorm !== null ? t('side.lastRun', fmtNum(l.gradNorm)) : '' }, l.gradNorm !== null ? `‖∇W‖ ${fmtNum(l.gradNorm)}` : ''),
      l.warning ? h('span', { class: 'warning-text', title: l.warning }, l.warning) : null,
    );
    const go = (): void => post({ type: 'revealLine', line: l.line });
    row.addEventListener('click', go);
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); }
      if (e.key === 'ArrowDown') { (row.nextElementSibling as HTMLElement | null)?.focus(); e.preventDefault(); }
      if (e.key === 'ArrowUp') { (row.previousElementSibling as HTMLElement | null)?.focus(); e.preventDefault(); }
    });
    box.append(row);
  }
  return box;
}

let detailKey = '';
function applyCursor(c: SideCursor): void {
  for (const row of Array.from(outlineEl.querySelectorAll<HTMLElement>('.row'))) {
    const active = row.dataset.key === c.activeKey;
    row.classList.toggle('active', active);
    row.setAttribute('aria-selected', String(active));
    const mark = row.querySelector('.mark');
    if (mark && !row.classList.contains('warning')) setText(mark, active ? '●' : '○');
    if (active) row.scrollIntoView({ block: 'nearest' });
  }
  const key = `${locale}|${c.concept?.id ?? ''}|${c.numbers.join('|')}|${snapshot?.status}`;
  if (key === detailKey) return;
  detailKey = key;
  clear(detailEl);
  if (c.concept) {
    detailEl.append(renderConcept(c.concept, t, c.numbers));
    const layer = snapshot?.models.flatMap((m) => m.layers).find((l) => l.key === c.activeKey);
    if (layer?.gradNorm !== null && layer?.gradNorm !== undefined) detailEl.append(h('p', { class: 'muted' }, t('side.lastRun', fmtNum(layer.gradNorm))));
  } else if (snapshot?.status === 'ok') {
    detailEl.append(h('p', { class: 'muted' }, t('side.cursorHint')));
  }
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const msg = parseHostToSide(e.data);
  if (!msg) {
    if (typeof e.data === 'object' && e.data !== null && 'type' in e.data && !snapshot) {
      clear(statusEl);
      statusEl.append(h('p', { class: 'error' }, t('notice.dropped')));
    }
    return;
  }
  if (msg.type === 'snapshot') {
    snapshot = msg;
    renderSnapshot(msg);
    document.body.dataset.snapshot = String(Number(document.body.dataset.snapshot ?? '0') + 1);
  } else {
    if (snapshot) snapshot.cursor = msg;
    applyCursor(msg);
  }
});

const saved = host.getState();
window.addEventListener('scroll', () => host.setState({ scrollTop: window.scrollY }), { passive: true });
if (saved) window.scrollTo(0, saved.scrollTop);
statusEl.append(h('p', { class: 'muted' }, t('side.loading')));
post({ type: 'ready', protocol: SIDE_PANEL_PROTOCOL });
