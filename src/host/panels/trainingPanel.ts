// The training panel: a WebviewPanel beside the sample's code that draws one training session
// (and keeps earlier runs of the same panel for comparison). It follows the GitLens pattern:
// ready handshake, a full snapshot whenever the panel (re)opens or becomes visible, batched
// deltas (≤ ~30 messages/s) while it is visible, nothing while hidden.
import * as vscode from 'vscode';
import type { BackendEvent } from '../../protocol/backend';
import {
  parseTrainingToHost, type HostToTraining, type RunSnapshot, type TrainingToHost,
} from '../../protocol/trainingPanel';
import type { HyperOverrides } from '../../protocol/vocabulary';
import { conceptById, localize } from '../../knowledge/lookup';
import type { LocalizedConcept } from '../../knowledge/types';
import { CommandIds, ViewIds } from '../commandIds';
import { uiLang } from '../config';
import { showTorchHelp } from '../python/pythonEngine';
import { firstPointOrEnd, type TrainingSessionLike } from '../training/trainingSession';
import { revealLine, type AnalysisSource } from './editorBridge';
import { RunModel } from './runModel';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** A live session or a saved run replayed from disk: `events()` rebuilds, `onEvent` continues. */
export type PanelSession = TrainingSessionLike;

export interface PanelHooks {
  /** Start the next run with these hyperparameters; resolves to its session. */
  runAgain?(hyper: HyperOverrides): Promise<PanelSession | undefined>;
  /** The sample's source, for "reveal line" and the cursor highlight. */
  sourceUri?: vscode.Uri;
}

export const FLUSH_INTERVAL_MS = 33;
/** A webview that has not said `drawn` by then (reloading, an older page) gets the next post anyway. */
export const DRAWN_TIMEOUT_MS = 3000;
const MAX_PREVIOUS = 3;
/** The longest the per-layer numbers wait for a starting run's first point. */
const LAYER_NUMBERS_AFTER_MS = 4000;

export interface TrainingPanelDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** Code analysis of the sample's source: gives each layer's formula with its own numbers. */
  analysis?: AnalysisSource;
  /** Called when a run's gradients change, so the side panel can show them next to its rows. */
  onGradients?(sourceUri: vscode.Uri | undefined, runLabel: string, grads: Map<string, number>): void;
}

export class TrainingPanel implements vscode.Disposable {
  private model: RunModel;
  private previous: RunSnapshot[] = [];
  private session: PanelSession | undefined;
  private hooks: PanelHooks = {};
  private ready = false;
  private flushTimer: NodeJS.Timeout | undefined;
  /** When the last snapshot/delta was posted and not yet drawn (0: nothing in flight). */
  private inFlightSince = 0;
  private lastFlush = 0;
  private cursorLayer: string | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  private sessionListener: { dispose(): void } | undefined;
  private readonly locale = uiLang();
  private disposed = false;
  /** Messages posted to the webview since it opened (for tests and the log). */
  readonly stats = { snapshots: 0, deltas: 0, dropped: 0, received: 0 };
  private readonly onDidDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDidDisposeEmitter.event;

  constructor(readonly panel: vscode.WebviewPanel, private readonly deps: TrainingPanelDeps) {
    this.model = new RunModel(this.locale);
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'model-lens.svg');
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, 'training', this.locale, panel.title);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.handleWebviewMessage(m)),
      panel.onDidChangeViewState(() => { if (panel.visible && this.ready) this.postSnapshot(); }),
      panel.onDidDispose(() => this.dispose()),
      vscode.window.onDidChangeTextEditorSelection((e) => this.followCursor(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => { if (e) this.followCursor(e); }),
    );
  }

  /** Show a (new) session in this panel; the run it replaces moves to the comparison list. */
  attach(session: PanelSession, hooks: PanelHooks = {}): void {
    const old = this.model.snapshot();
    if (old && this.session !== session) {
      this.previous.push(stripForComparison(old));
      if (this.previous.length > MAX_PREVIOUS) this.previous.shift();
    }
    this.sessionListener?.dispose();
    this.session = session;
    this.hooks = { ...this.hooks, ...hooks };
    this.model = new RunModel(this.locale, hooks.sourceUri ? vscode.workspace.asRelativePath(hooks.sourceUri) : null);
    for (const e of session.events()) this.model.apply(e);
    // A saved run whose log ends mid-training was cut short (the process died): say so.
    if (!session.live && session.state === 'crashed') this.model.markCrashed(vscode.l10n.t('This run ended unexpectedly (its training process stopped before finishing).'));
    this.sessionListener = session.onEvent((e) => this.onEvent(e));
    this.updateTitle();
    if (this.ready) this.postSnapshot();
    // Reading and analysing the source opens it in the editor's document model (language servers
    // start for it): after the first point, so a starting run is not slowed down.
    const model = this.model;
    void firstPointOrEnd(session, LAYER_NUMBERS_AFTER_MS).then(() => this.loadLayerNumbers(model));
  }

  /** "H_out = ⌊(28 + 2·1 − 3)/1⌋ + 1 = 28" per layer, from the analysis of the sample's code. */
  private async loadLayerNumbers(model: RunModel): Promise<void> {
    const uri = this.hooks.sourceUri;
    if (!uri || !this.deps.analysis) return;
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const result = await this.deps.analysis.analyze(doc);
      if (!result || model !== this.model) return;
      const numbers = new Map<string, string[]>();
      for (const m of result.models) {
        for (const l of m.layers) {
          const steps = l.calls.flatMap((c) => c.steps).map((s) => s.text.slice(0, 400)).slice(0, 16);
          if (steps.length > 0) numbers.set(l.name, steps);
        }
      }
      model.setLayerNumbers(numbers);
      this.scheduleFlush();
    } catch (err) {
      this.deps.log.warn(`training panel: no layer numbers for ${uri.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  get runId(): string | null { return this.model.runId; }
  get sourceUri(): vscode.Uri | undefined { return this.hooks.sourceUri; }

  private onEvent(e: BackendEvent): void {
    this.model.apply(e);
    if (e.kind === 'runStarted') this.updateTitle();
    if (e.kind === 'gradients' && this.deps.onGradients && this.model.header) {
      this.deps.onGradients(this.hooks.sourceUri, this.model.header.title, this.model.latestGradients());
    }
    this.scheduleFlush();
  }

  private updateTitle(): void {
    const h = this.model.header;
    if (h) this.panel.title = `Model Lens · ${h.title}`;
  }

  private scheduleFlush(): void {
    if (this.flushTimer || !this.ready || !this.panel.visible) return;
    // One post in flight at a time: the webview's `drawn` schedules the next one.
    const inFlightFor = this.inFlightSince === 0 ? Infinity : Date.now() - this.inFlightSince;
    if (inFlightFor < DRAWN_TIMEOUT_MS) {
      this.flushTimer = setTimeout(() => { this.flushTimer = undefined; this.scheduleFlush(); }, DRAWN_TIMEOUT_MS - inFlightFor);
      return;
    }
    const wait = Math.max(0, FLUSH_INTERVAL_MS - (Date.now() - this.lastFlush));
    this.flushTimer = setTimeout(() => { this.flushTimer = undefined; this.flush(); }, wait);
  }

  private flush(): void {
    if (this.disposed || !this.ready || !this.panel.visible) return;
    if (this.inFlightSince !== 0 && Date.now() - this.inFlightSince < DRAWN_TIMEOUT_MS) { this.scheduleFlush(); return; }
    this.lastFlush = Date.now();
    if (this.model.needsSnapshot()) { this.postSnapshot(); return; }
    const delta = this.model.takeDelta();
    if (!delta) return;
    if (delta.layers) delta.concepts = this.concepts();
    this.stats.deltas++;
    this.inFlightSince = Date.now();
    void this.post(delta);
  }

  private concepts(): LocalizedConcept[] {
    const lang = this.locale;
    return this.model.conceptIds().map((id) => conceptById(id)).filter((c) => c !== undefined).map((c) => localize(c, lang));
  }

  private postSnapshot(): void {
    const run = this.model.snapshot();
    this.model.markAllSent();
    this.stats.snapshots++;
    this.inFlightSince = Date.now();
    void this.post({ type: 'snapshot', locale: this.locale, run, previous: this.previous, concepts: this.concepts(), cursorLayer: this.cursorLayer });
  }

  private post(msg: HostToTraining): Thenable<boolean> {
    return this.panel.webview.postMessage(msg);
  }

  /** The only way in for what the webview posts: validated here, then handled. */
  handleWebviewMessage(raw: unknown): void {
    const msg = parseTrainingToHost(raw);
    if (!msg) {
      this.stats.dropped++;
      this.deps.log.warn(`training panel: dropped a malformed or unknown message (${describe(raw)})`);
      return;
    }
    this.stats.received++;
    void this.handle(msg).catch((err: unknown) => {
      const text = err instanceof Error ? err.message : String(err);
      this.deps.log.error(`training panel: ${msg.type} failed: ${text}`);
      void this.post({ type: 'notice', text, level: 'error' });
    });
  }

  private async handle(msg: TrainingToHost): Promise<void> {
    switch (msg.type) {
      case 'drawn':
        this.inFlightSince = 0;
        if (this.flushTimer) { clearTimeout(this.flushTimer); this.flushTimer = undefined; }
        this.scheduleFlush();
        return;
      case 'ready':
        this.ready = true;
        this.postSnapshot();
        this.deps.log.info(`training panel: ready handshake, snapshot sent (run ${this.model.runId ?? 'none'}, step ${this.model.header?.step ?? 0})`);
        return;
      case 'control': {
        const s = this.session;
        if (!s) return;
        if (msg.action === 'pause') await s.pause();
        else if (msg.action === 'resume') await s.resume();
        else if (msg.action === 'step') await s.step();
        else await s.stop();
        return;
      }
      case 'runAgain': {
        if (!this.hooks.runAgain) throw new Error(vscode.l10n.t('This run cannot be started again from here.'));
        // The new session normally arrives through the panel opener (same source → this panel).
        const next = await this.hooks.runAgain(msg.hyper);
        if (next && next !== this.session) this.attach(next);
        return;
      }
      case 'revealLayer': {
        const layer = this.model.layers.find((l) => l.name === msg.layer);
        // A script's layer may be written in another of the person's files (the model imported from models.py).
        const file = this.session?.snapshot().runStarted?.layers.find((l) => l.name === msg.layer)?.file;
        const uri = file ? vscode.Uri.file(file) : this.hooks.sourceUri;
        if (!layer?.line || !uri) {
          this.deps.log.info(`training panel: no line to reveal for layer ${msg.layer} (${layer ? 'no line' : 'unknown layer'}${uri ? '' : ', no source file'})`);
          return;
        }
        const editor = await revealLine(uri, layer.line, this.panel.viewColumn);
        this.deps.log.info(`training panel: revealed ${msg.layer} at line ${layer.line}: editor in column ${String(editor.viewColumn)}, cursor on line ${editor.selection.active.line + 1}`);
        return;
      }
      case 'revealError': {
        const at = this.model.errorLocation;
        if (!at) { this.deps.log.info('training panel: no error line to reveal'); return; }
        const editor = await revealLine(vscode.Uri.file(at.file), at.line, this.panel.viewColumn);
        this.deps.log.info(`training panel: revealed the error at ${at.file}:${at.line}, cursor on line ${editor.selection.active.line + 1}`);
        return;
      }
      case 'openConcept':
        await vscode.commands.executeCommand(CommandIds.showConcept, msg.conceptId);
        return;
      case 'export':
        await this.export(msg.format, msg.fileName, msg.data);
        return;
      case 'openRun':
        await vscode.commands.executeCommand(CommandIds.openRun);
        return;
      case 'openHelp':
        await showTorchHelp(this.deps.extensionUri);
        return;
    }
  }

  private async export(format: 'png' | 'csv', fileName: string, data: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
      filters: format === 'png' ? { PNG: ['png'] } : { CSV: ['csv'] },
    });
    if (!target) return;
    const bytes = format === 'png'
      ? Buffer.from(data.slice(data.indexOf(',') + 1), 'base64')
      : Buffer.from(data, 'utf8');
    await vscode.workspace.fs.writeFile(target, bytes);
    void this.post({ type: 'notice', text: vscode.l10n.t('Saved {0}', vscode.workspace.asRelativePath(target)), level: 'info' });
  }

  private followCursor(editor: vscode.TextEditor): void {
    const src = this.hooks.sourceUri;
    if (!src || editor.document.uri.toString() !== src.toString()) return;
    const line = editor.selection.active.line + 1;
    const layer = this.model.layers.find((l) => l.line === line)?.name ?? null;
    if (layer === this.cursorLayer) return;
    this.cursorLayer = layer;
    if (this.ready && this.panel.visible) void this.post({ type: 'cursor', layer });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.sessionListener?.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.onDidDisposeEmitter.fire();
    this.onDidDisposeEmitter.dispose();
  }
}

/** Comparison needs curves and gradients, not the heavy visuals. */
function stripForComparison(s: RunSnapshot): RunSnapshot {
  return { ...s, attentionGroups: [], attention: [], boundaries: [], fit: null, points: null, recon: null, decoding: [] };
}

function describe(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return typeof raw;
  const t = (raw as { type?: unknown }).type;
  return typeof t === 'string' ? `type "${t.slice(0, 40)}"` : 'no type';
}

/** Creates panels, keeps track of them, and restores them after a reload. */
export class TrainingPanels implements vscode.Disposable {
  private readonly panels = new Set<TrainingPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: TrainingPanelDeps & {
    /** After a reload: find the live session (or the saved run) a restored panel showed. */
    restore?(runId: string | null): Promise<{ session: PanelSession; hooks: PanelHooks } | undefined>;
  }) {
    this.disposables.push(vscode.window.registerWebviewPanelSerializer(ViewIds.trainingPanel, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        const p = this.adopt(panel);
        const runId = typeof state === 'object' && state !== null && typeof (state as { runId?: unknown }).runId === 'string' ? (state as { runId: string }).runId : null;
        const found = await this.deps.restore?.(runId).catch(() => undefined);
        if (found) p.attach(found.session, found.hooks);
      },
    }));
  }

  /** Whether a panel shows this sample's source. */
  showing(sourceUri: vscode.Uri | undefined): boolean {
    return sourceUri !== undefined && [...this.panels].some((p) => p.sourceUri?.toString() === sourceUri.toString());
  }

  /**
   * Opens a panel for this session (or reuses the one showing its source) in `column`, or beside
   * the active editor.
   */
  show(session: PanelSession, hooks: PanelHooks = {}, column: vscode.ViewColumn = vscode.ViewColumn.Beside): TrainingPanel {
    const reuse = [...this.panels].find((p) => hooks.sourceUri && p.sourceUri?.toString() === hooks.sourceUri.toString());
    if (reuse) {
      reuse.attach(session, hooks);
      // An explicit column is where a new panel would go; a panel already open stays in its own.
      reuse.panel.reveal(column === vscode.ViewColumn.Beside ? column : reuse.panel.viewColumn, true);
      return reuse;
    }
    const panel = vscode.window.createWebviewPanel(ViewIds.trainingPanel, 'Model Lens', { viewColumn: column, preserveFocus: true }, {
      ...webviewOptions(this.deps.extensionUri),
      retainContextWhenHidden: false,
    });
    const p = this.adopt(panel);
    p.attach(session, hooks);
    return p;
  }

  private adopt(panel: vscode.WebviewPanel): TrainingPanel {
    const p = new TrainingPanel(panel, this.deps);
    this.panels.add(p);
    p.onDidDispose(() => this.panels.delete(p));
    return p;
  }

  all(): TrainingPanel[] { return [...this.panels]; }

  dispose(): void {
    for (const p of this.panels) p.dispose();
    this.panels.clear();
    for (const d of this.disposables) d.dispose();
  }
}
