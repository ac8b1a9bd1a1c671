// Training panel webview: header, controls, tabs (training curves + gradients + layers +
// formula; attention; task views; comparison). Draws only what the host sends; redraws are
// coalesced into one animation frame however many deltas arrive.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import './style.css';
import type { LocalizedConcept } from '../../src/knowledge/types';
import {
  TRAINING_PANEL_PROTOCOL, parseHostToTraining, type HostToTraining, type RunHeader, type TrainingToHost,
} from '../../src/protocol/trainingPanel';
import {
  ACTIVATIONS, HYPER_LIMITS, INITIALIZERS, OPTIMIZERS, isHyperOverrides,
  type HyperOverrides, type Hyperparameters, type Lang,
} from '../../src/protocol/vocabulary';
import { ce, clear, h, setText } from '../shared/dom';
import { fmtInt, fmtNum, fmtPercent } from '../shared/format';
import { translator, type StringKey } from '../shared/i18n';
import { readTheme } from '../shared/theme';
import { connectHost } from '../shared/vscodeApi';
import { AttentionView } from './attention';
import { CompareView } from './compare';
import type { PanelCtx, UiState } from './context';
import { ExtrasView } from './extras';
import { LayersView } from './layers';
import { OverviewView } from './overview';
import { applyDelta, metricsCsv, runFromSnapshot } from './store';

/** The form's choice that leaves a setting to the sample (not sent). */
const AS_IN_SAMPLE = 'default' as const;

interface SavedState { runId: string | null; ui: UiState }
const isSavedState = (v: unknown): v is SavedState =>
  typeof v === 'object' && v !== null && 'ui' in v && typeof (v as SavedState).ui === 'object' && (v as SavedState).ui !== null;

const host = connectHost<TrainingToHost, SavedState>(isSavedState);
const saved = host.getState();
const initialLocale: Lang = document.documentElement.lang === 'zh-cn' ? 'zh-cn' : 'en';

const ui: UiState = {
  tab: 'training', selectedLayer: null, smoothing: 0.6, showLines: false, attentionKind: 0, attentionFrame: -1,
  ...(saved?.ui ?? {}),
};
const ctx: PanelCtx = {
  locale: initialLocale,
  t: translator(initialLocale),
  theme: readTheme(),
  run: null,
  previous: [],
  concepts: new Map<string, LocalizedConcept>(),
  cursorLayer: null,
  ui,
  post: (msg) => host.post(msg),
  update: (patch) => {
    Object.assign(ui, patch);
    persist();
    schedule('all');
  },
};
const getCtx = (): PanelCtx => ctx;

function persist(): void {
  host.setState({ runId: ctx.run?.header.runId ?? null, ui: { ...ui } });
}

// ---- layout ---------------------------------------------------------------------------------

const titleEl = h('h1', { class: 'title' });
const stateEl = h('span', { class: 'state', 'data-state': 'none', role: 'status' });
const statsEl = h('span', { class: 'stats' });
const progress = ce('vscode-progress-bar', { 'aria-hidden': 'true' });
const reasonText = h('span', {});
// The traceback's last frame in the person's files: a click puts the cursor on that line.
const errorLink = h('a', { href: '#', class: 'error-at', 'data-action': 'reveal-error' });
const reasonEl = h('div', { class: 'reason', role: 'alert' }, reasonText, ' ', errorLink);
const runWarningEl = h('div', { class: 'run-warning', role: 'status' });
// Why the PyTorch engine is not in use (or the Python setting was passed over), with the README's how-to.
const engineNoteText = h('span', {});
const engineHelp = h('a', { href: '#', class: 'engine-help', 'data-action': 'open-help' });
const engineNoteEl = h('div', { class: 'engine-note', role: 'note' }, engineNoteText, ' ', engineHelp);
const datasetEl = h('div', { class: 'dataset' });
const header = h('header', { class: 'panel-header' }, h('div', { class: 'title-row' }, titleEl, stateEl, statsEl), datasetEl, progress, reasonEl, runWarningEl, engineNoteEl);

const pauseBtn = ce('vscode-button', { 'data-action': 'pause' });
const stopBtn = ce('vscode-button', { secondary: true, 'data-action': 'stop' });
const stepBtn = ce('vscode-button', { secondary: true, 'data-action': 'step' });
const pngBtn = ce('vscode-button', { secondary: true, 'data-action': 'export-png' });
const csvBtn = ce('vscode-button', { secondary: true, 'data-action': 'export-csv' });
const openRunBtn = ce('vscode-button', { secondary: true, 'data-action': 'open-run' });

// Next-run hyperparameters.
const lrField = ce('vscode-textfield', { type: 'text', 'data-hp': 'lr', size: 7 });
const batchField = ce('vscode-textfield', { type: 'text', 'data-hp': 'batch', size: 5 });
const epochsField = ce('vscode-textfield', { type: 'text', 'data-hp': 'epochs', size: 4 });
const optSelect = ce('vscode-single-select', { 'data-hp': 'optimizer' });
const actSelect = ce('vscode-single-select', { 'data-hp': 'activation' });
const initSelect = ce('vscode-single-select', { 'data-hp': 'initializer' });
const runAgainBtn = ce('vscode-button', { 'data-action': 'run-again' });
const hpError = h('span', { class: 'hp-error', role: 'alert' });
const hpSummary = h('summary');
const hpLabels: HTMLElement[] = [];
const hpField = (key: StringKey, el: HTMLElement): HTMLElement => {
  const label = h('span', { class: 'hp-label', 'data-key': key });
  hpLabels.push(label);
  return h('label', { class: 'hp' }, label, el);
};
const hpForm = h('details', { class: 'next-run' }, hpSummary,
  h('div', { class: 'hp-grid' },
    hpField('hp.lr', lrField), hpField('hp.batch', batchField), hpField('hp.epochs', epochsField),
    hpField('hp.optimizer', optSelect), hpField('hp.activation', actSelect), hpField('hp.initializer', initSelect),
    runAgainBtn, hpError));
const toolbar = h('div', { class: 'toolbar', role: 'toolbar' }, pauseBtn, stopBtn, stepBtn, h('span', { class: 'hp-current' }), h('span', { class: 'spacer' }), pngBtn, csvBtn, openRunBtn);
const noticeEl = h('div', { class: 'notice', role: 'status' });

const overview = new OverviewView(getCtx);
const layersView = new LayersView(getCtx);
const attention = new AttentionView(getCtx);
const boundary = new ExtrasView(getCtx, 'boundary');
const fit = new ExtrasView(getCtx, 'fit');
const points = new ExtrasView(getCtx, 'points');
const recon = new ExtrasView(getCtx, 'recon');
const compare = new CompareView(getCtx);
const trainingTab = h('div', { class: 'training-tab' }, overview.root, layersView.root);

interface TabDef { id: string; label: StringKey; root: HTMLElement; render(): void }
const allTabs: TabDef[] = [
  { id: 'training', label: 'tab.training', root: trainingTab, render: () => { overview.render(); layersView.render(); } },
  { id: 'attention', label: 'tab.attention', root: attention.root, render: () => attention.render() },
  { id: 'boundary', label: 'tab.samples', root: boundary.root, render: () => boundary.render() },
  { id: 'fit', label: 'tab.fit', root: fit.root, render: () => fit.render() },
  { id: 'points', label: 'tab.generated', root: points.root, render: () => points.render() },
  { id: 'recon', label: 'tab.recon', root: recon.root, render: () => recon.render() },
  { id: 'compare', label: 'tab.compare', root: compare.root, render: () => compare.render() },
];
const tabsHost = h('div', { class: 'tabs-host' });
let tabsEl: HTMLElement | null = null;
let tabsKey = '';

document.body.append(header, toolbar, hpForm, noticeEl, tabsHost);

function visibleTabs(): TabDef[] {
  const run = ctx.run;
  return allTabs.filter((tab) => {
    switch (tab.id) {
      case 'attention': return !!run && run.attentionGroups.length > 0;
      case 'boundary': return !!run && run.boundaries.length > 0;
      case 'fit': return !!run?.fit;
      case 'points': return !!run?.points;
      case 'recon': return !!run?.recon;
      case 'compare': return ctx.previous.length > 0;
      default: return true;
    }
  });
}

function buildTabs(): TabDef[] {
  const tabs = visibleTabs();
  const key = `${ctx.locale}|${tabs.map((x) => x.id).join(',')}`;
  if (key === tabsKey && tabsEl) return tabs;
  tabsKey = key;
  const selected = Math.max(0, tabs.findIndex((x) => x.id === ui.tab));
  const el = ce('vscode-tabs', { 'selected-index': selected, panel: true });
  for (const tab of tabs) {
    el.append(ce('vscode-tab-header', { slot: 'header', 'data-tab': tab.id }, ctx.t(tab.label)));
    el.append(ce('vscode-tab-panel', { 'data-panel': tab.id }, tab.root));
  }
  el.addEventListener('vsc-tabs-select', (e) => {
    const idx = (e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
    const tab = visibleTabs()[idx];
    if (tab && tab.id !== ui.tab) ctx.update({ tab: tab.id });
  });
  clear(tabsHost);
  tabsHost.append(el);
  tabsEl = el;
  return tabs;
}

// ---- rendering ------------------------------------------------------------------------------

let pending: Set<string> = new Set();
let frame = 0;
/** A snapshot or delta arrived that the host is waiting to hear `drawn` about. */
let drawOwed = false;
function schedule(part: string): void {
  pending.add(part);
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    const parts = pending;
    pending = new Set();
    const started = performance.now();
    render(parts);
    if (drawOwed) ackDrawn(performance.now() - started);
  });
}

/**
 * Tells the host the last update is on screen, after resting twice as long as drawing took: the
 * page shares its thread with the workbench (on a busy machine a frame can take 100 ms), so the
 * panel takes at most a third of it and VS Code itself stays responsive. Not before the run's
 * first loss point: the run's header (the layer table with its formulas) is the costliest draw,
 * and resting after it held the first point back by over a second.
 */
function ackDrawn(drawMs: number): void {
  drawOwed = false;
  const streaming = (ctx.run?.train.n ?? 0) > 0;
  window.setTimeout(() => host.post({ type: 'drawn' }), streaming ? Math.min(2000, Math.max(0, 2 * drawMs)) : 0);
}

function stateText(): { key: StringKey | null; state: string } {
  const run = ctx.run;
  if (!run) return { key: null, state: 'none' };
  return { key: `state.${run.header.state}` as StringKey, state: run.header.state };
}

function renderHeader(): void {
  const { t, run } = ctx;
  document.documentElement.lang = ctx.locale === 'zh-cn' ? 'zh-CN' : 'en';
  setText(titleEl, run ? run.header.title : 'Model Lens');
  const st = stateText();
  setText(stateEl, st.key ? t(st.key) : '');
  stateEl.dataset.state = st.state;
  const stats: string[] = [];
  if (run) {
    const hd = run.header;
    const e = hd.engine;
    const threads = e.threads === null ? '' : e.threads === 1 ? t('header.threads1') : t('header.threadsN', e.threads);
    stats.push(e.torch ? t('header.engineTorch', e.torch.version, e.torch.blas, threads) : t('header.engine', e.name));
    if (hd.samplesPerSec !== null) stats.push(t('header.samplesPerSec', fmtNum(hd.samplesPerSec)));
    // A script's epochs are its own business: the probe sees optimizer steps, not epochs.
    if (!hd.script) stats.push(t('header.epoch', hd.epoch, hd.epochs));
    stats.push(t('header.step', hd.step));
    if (hd.testAcc !== null) stats.push(t('header.testAcc', fmtPercent(hd.testAcc)));
    else if (hd.testLoss !== null) stats.push(t('header.testLoss', fmtNum(hd.testLoss)));
  }
  setText(statsEl, stats.join(' · '));
  setText(datasetEl, run?.header.dataset ?? '');
  datasetEl.hidden = !run?.header.dataset;
  // For tests and styling: which run and settings are on screen.
  document.body.dataset.runId = run?.header.runId ?? '';
  document.body.dataset.hyper = run ? `${run.header.hyper.activation}/${run.header.hyper.initializer}` : '';
  // The backend phrases the reason in full ("Training stopped: the loss became NaN at step 812 — …").
  const reason = run && (run.header.state === 'failed' || run.header.state === 'stopped' || run.header.state === 'crashed') && run.header.reason ? run.header.reason : '';
  setText(reasonText, reason);
  const errorAt = reason !== '' ? run?.header.errorAt ?? null : null;
  setText(errorLink, errorAt ? t('header.errorAt', errorAt.label, errorAt.line) : '');
  errorLink.hidden = errorAt === null;
  reasonEl.hidden = reason === '';
  statsEl.title = run?.header.engine.detail ?? '';
  const notice = run?.header.notice ?? '';
  setText(runWarningEl, notice);
  runWarningEl.hidden = notice === '';
  const note = run?.header.engine.note ?? null;
  setText(engineNoteText, note ? t(note.kind === 'torchUnavailable' ? 'engine.torchUnavailable' : 'engine.pythonSettingIgnored', note.detail) : '');
  setText(engineHelp, t('engine.torchHelp'));
  engineNoteEl.hidden = note === null;
  const running = run?.header.state === 'running' || run?.header.state === 'starting';
  progress.hidden = !running;
  if (run && run.header.stepsPerEpoch && run.header.epochs) {
    const total = run.header.stepsPerEpoch * run.header.epochs;
    progress.removeAttribute('indeterminate');
    progress.setAttribute('value', String(Math.min(100, (100 * run.header.step) / total)));
    progress.setAttribute('max', '100');
  } else progress.setAttribute('indeterminate', '');

  const paused = run?.header.state === 'paused';
  const live = running || paused;
  setText(pauseBtn, paused ? t('ctl.resume') : t('ctl.pause'));
  pauseBtn.dataset.action = paused ? 'resume' : 'pause';
  setText(stopBtn, t('ctl.stop'));
  setText(stepBtn, t('ctl.step'));
  toggleDisabled(pauseBtn, !live);
  toggleDisabled(stopBtn, !live);
  toggleDisabled(stepBtn, !paused);
  setText(pngBtn, t('ctl.exportPng'));
  setText(csvBtn, t('ctl.exportCsv'));
  toggleDisabled(csvBtn, !run);
  setText(openRunBtn, t('ctl.openRun'));
  toolbar.setAttribute('aria-label', t('ctl.toolbar'));
  const cur = toolbar.querySelector('.hp-current');
  if (cur) setText(cur, run ? (run.header.script ? scriptSummary(run.header.script) : hyperSummary(run.header.hyper)) : '');
  renderHyperForm();
}

function toggleDisabled(el: HTMLElement, disabled: boolean): void {
  if (disabled) el.setAttribute('disabled', ''); else el.removeAttribute('disabled');
}

/** A person's own script: its real optimizer class, not the nearest word of the samples' vocabulary. */
function scriptSummary(s: NonNullable<RunHeader['script']>): string {
  const { t } = ctx;
  return `${t('hp.lr')} ${s.lr === null ? '—' : fmtNum(s.lr)}  ${t('hp.batch')} ${s.batch ?? '—'}  ${t('hp.optimizer')} ${s.optimizer || '—'}`;
}

function hyperSummary(hp: Hyperparameters): string {
  const { t } = ctx;
  return `${t('hp.lr')} ${fmtNum(hp.learningRate)}  ${t('hp.batch')} ${hp.batchSize}  ${t('hp.optimizer')} ${t(`opt.${hp.optimizer}`)}`;
}

let formRunId = '';
let formLocale = '';
function renderHyperForm(): void {
  const { t, run } = ctx;
  setText(hpSummary, `${t('ctl.runAgain')} ▾`);
  setText(runAgainBtn, t('ctl.runAgain'));
  for (const l of hpLabels) setText(l, t(l.dataset.key as StringKey));
  if (formLocale !== ctx.locale) {
    formLocale = ctx.locale;
    fillOptions(optSelect, OPTIMIZERS.map((o) => [o, t(`opt.${o}`)]));
    fillOptions(actSelect, [AS_IN_SAMPLE, ...ACTIVATIONS].map((o) => [o, t(`act.${o}`)]));
    fillOptions(initSelect, [AS_IN_SAMPLE, ...INITIALIZERS].map((o) => [o, t(`init.${o}`)]));
    formRunId = '';
  }
  // Follow the current run's settings until the person edits the form.
  if (run && run.header.runId !== formRunId) {
    formRunId = run.header.runId;
    const hp = run.header.hyper;
    setValue(lrField, String(hp.learningRate));
    setValue(batchField, String(hp.batchSize));
    setValue(epochsField, String(hp.epochs));
    setValue(optSelect, hp.optimizer);
    setValue(actSelect, hp.activation);
    setValue(initSelect, hp.initializer);
  }
  toggleDisabled(runAgainBtn, !run);
  // A script runs again from its editor (its settings are its own arguments), not from this form.
  hpForm.hidden = run?.header.script != null;
}

function fillOptions(select: HTMLElement, options: [string, string][]): void {
  const value = (select as HTMLElement & { value?: string }).value;
  clear(select);
  for (const [v, label] of options) select.append(ce('vscode-option', { value: v }, label));
  if (value) setValue(select, value);
}

function setValue(el: HTMLElement, v: string): void {
  if (el.tagName.toLowerCase() === 'vscode-single-select') {
    // The select reads its options when their slot settles: mark the option too, and set the
    // value again once the element has caught up, or the field shows empty.
    for (const o of Array.from(el.querySelectorAll('vscode-option'))) o.toggleAttribute('selected', o.getAttribute('value') === v);
    requestAnimationFrame(() => { (el as HTMLElement & { value: string }).value = v; });
  }
  (el as HTMLElement & { value: string }).value = v;
}
function getValue(el: HTMLElement): string {
  return String((el as HTMLElement & { value?: string }).value ?? '');
}

/** The form as the next run's overrides (within the protocol's limits), or null. */
function readHyper(): HyperOverrides | null {
  const hp: Record<string, unknown> = {
    learningRate: Number(getValue(lrField)),
    batchSize: Number(getValue(batchField)),
    epochs: Number(getValue(epochsField)),
    optimizer: getValue(optSelect),
  };
  // "As in the sample" leaves the choice to the sample.
  if (getValue(actSelect) !== AS_IN_SAMPLE) hp.activation = getValue(actSelect);
  if (getValue(initSelect) !== AS_IN_SAMPLE) hp.initializer = getValue(initSelect);
  return isHyperOverrides(hp) ? hp : null;
}

function render(parts: Set<string>): void {
  ctx.theme = readTheme();
  renderHeader();
  const tabs = buildTabs();
  const active = tabs.find((x) => x.id === ui.tab) ?? tabs[0];
  if (active && active.id !== ui.tab) ui.tab = active.id;
  if (tabsEl) {
    const idx = tabs.indexOf(active as TabDef);
    if ((tabsEl as HTMLElement & { selectedIndex?: number }).selectedIndex !== idx) (tabsEl as HTMLElement & { selectedIndex: number }).selectedIndex = idx;
  }
  void parts;
  active?.render();
}

// ---- events ---------------------------------------------------------------------------------

pauseBtn.addEventListener('click', () => host.post({ type: 'control', action: pauseBtn.dataset.action === 'resume' ? 'resume' : 'pause' }));
stopBtn.addEventListener('click', () => host.post({ type: 'control', action: 'stop' }));
stepBtn.addEventListener('click', () => host.post({ type: 'control', action: 'step' }));
runAgainBtn.addEventListener('click', () => {
  const hp = readHyper();
  if (!hp) { setText(hpError, ctx.t('hp.invalid', fmtInt(HYPER_LIMITS.batchSize.max), fmtInt(HYPER_LIMITS.epochs.max))); return; }
  setText(hpError, '');
  host.post({ type: 'runAgain', hyper: hp });
});
openRunBtn.addEventListener('click', () => host.post({ type: 'openRun' }));
errorLink.addEventListener('click', (ev) => { ev.preventDefault(); host.post({ type: 'revealError' }); });
engineHelp.addEventListener('click', (ev) => { ev.preventDefault(); host.post({ type: 'openHelp', topic: 'torchEngine' }); });
csvBtn.addEventListener('click', () => {
  if (!ctx.run) return;
  host.post({ type: 'export', format: 'csv', fileName: `${safeName(ctx.run.header.sampleId)}-metrics.csv`, data: metricsCsv(ctx.run) });
});
pngBtn.addEventListener('click', () => {
  const url = exportPng();
  if (url) host.post({ type: 'export', format: 'png', fileName: `${safeName(ctx.run?.header.sampleId ?? 'model-lens')}-${ui.tab}.png`, data: url });
});

function safeName(s: string): string {
  return s.replace(/[^\w-]/g, '_').slice(0, 60) || 'model-lens';
}

/** The current tab's charts stacked into one image on the theme's background. */
function exportPng(): string | null {
  const panel = tabsHost.querySelector(`[data-panel="${ui.tab}"]`) ?? tabsHost;
  const canvases = Array.from(panel.querySelectorAll('canvas')).filter((c) => !c.hidden && c.width > 0 && c.height > 0 && c.offsetParent !== null);
  if (canvases.length === 0) return null;
  const dpr = Math.max(1, window.devicePixelRatio || 1);
  const pad = Math.round(12 * dpr);
  const titleH = Math.round(28 * dpr);
  const width = Math.max(...canvases.map((c) => c.width)) + pad * 2;
  const height = titleH + canvases.reduce((s, c) => s + c.height + pad, pad);
  const out = document.createElement('canvas');
  out.width = width; out.height = height;
  const g = out.getContext('2d');
  if (!g) return null;
  g.fillStyle = ctx.theme.bg;
  g.fillRect(0, 0, width, height);
  g.fillStyle = ctx.theme.fg;
  g.font = `${Math.round(14 * dpr)}px sans-serif`;
  g.textBaseline = 'middle';
  g.fillText(`${titleEl.textContent ?? ''} · ${statsEl.textContent ?? ''}`, pad, titleH / 2 + pad / 2);
  let y = titleH + pad;
  for (const c of canvases) { g.drawImage(c, pad, y); y += c.height + pad; }
  return out.toDataURL('image/png');
}

function onMessage(msg: HostToTraining): void {
  switch (msg.type) {
    case 'snapshot': {
      drawOwed = true;
      ctx.locale = msg.locale;
      ctx.t = translator(msg.locale);
      ctx.run = msg.run ? runFromSnapshot(msg.run) : null;
      ctx.previous = msg.previous;
      ctx.concepts = new Map(msg.concepts.map((c) => [c.id, c]));
      ctx.cursorLayer = msg.cursorLayer;
      formRunId = '';
      document.body.dataset.snapshot = String(Number(document.body.dataset.snapshot ?? '0') + 1);
      persist();
      schedule('all');
      break;
    }
    case 'delta': {
      const run = ctx.run;
      drawOwed = true;
      if (!run || run.header.runId !== msg.runId) { ackDrawn(0); return; } // a delta for a run we do not hold
      for (const c of msg.concepts ?? []) ctx.concepts.set(c.id, c);
      const changed = applyDelta(run, msg);
      for (const part of changed) schedule(part);
      if (changed.size === 0) ackDrawn(0);
      break;
    }
    case 'cursor':
      ctx.cursorLayer = msg.layer;
      schedule('layers');
      break;
    case 'notice':
      noticeEl.textContent = msg.text;
      noticeEl.dataset.level = msg.level;
      window.setTimeout(() => { if (noticeEl.textContent === msg.text) noticeEl.textContent = ''; }, 6000);
      break;
  }
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const msg = parseHostToTraining(e.data);
  if (msg) onMessage(msg);
  else if (typeof e.data === 'object' && e.data !== null && 'type' in e.data) {
    // Say so rather than silently showing stale data.
    noticeEl.textContent = ctx.t('notice.dropped');
    noticeEl.dataset.level = 'error';
  }
});

// Theme changes flip body classes; charts read colours at draw time, so just redraw.
new MutationObserver(() => schedule('all')).observe(document.body, { attributes: true, attributeFilter: ['class'] });
new ResizeObserver(() => schedule('all')).observe(document.body);

schedule('all');
// When this page's document started loading and when it said ready (the e2e suite's timeline).
document.body.dataset.loadStartedAt = String(Math.round(performance.timeOrigin));
document.body.dataset.readyAt = String(Date.now());
host.post({ type: 'ready', protocol: TRAINING_PANEL_PROTOCOL });

