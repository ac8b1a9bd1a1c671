// The side panel (view `modelLens.sidePanel`): follows the active Python/TS/JS editor or notebook
// cell, shows the models that code analysis finds (a notebook's, for a cell), the layer under the
// cursor and its formula. Edits and cursor moves are debounced; the webview gets a snapshot when it
// (re)appears and small cursor messages otherwise, so it never rebuilds while the person only
// moves the cursor.
import * as vscode from 'vscode';
import type { AnalysisResult } from '../../analysis/types';
import { layerAt } from '../../analysis/query';
import { incompleteNotices } from '../../analysis/incomplete';
import { allConcepts, conceptById, localize } from '../../knowledge/lookup';
import { SAMPLE_CATALOG } from '../../protocol/backend';
import { parseSideToHost, type HostToSide, type OutlineModel, type SideCursor, type SideStatus, type SideToHost } from '../../protocol/sidePanel';
import type { Lang } from '../../protocol/vocabulary';
import { CommandIds, ViewIds, WorkbenchCommands } from '../commandIds';
import { affects, SettingKeys, uiLang } from '../config';
import { sourceKey, type DocumentAnalysis } from '../editor/analysisCache';
import { revealLine, type AnalysisSource } from './editorBridge';
import { buildOutline } from './outline';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const SUPPORTED_LANGUAGES = new Set(['python', 'typescript', 'javascript', 'typescriptreact', 'javascriptreact']);
export const CURSOR_DEBOUNCE_MS = 60;
export const EDIT_DEBOUNCE_MS = 300;
export const GRADIENT_REFRESH_MS = 1000;

export class SidePanelProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  private viewDisposables: vscode.Disposable[] = [];
  private document: vscode.TextDocument | undefined;
  /** The active document's analysis; for a notebook cell, the notebook's (lines are program lines). */
  private analysis_: DocumentAnalysis | undefined;
  private status: SideStatus = 'noEditor';
  private error: string | null = null;
  private cursorLine: number | null = null;
  private pinnedConcept: string | null = null;
  private cursorTimer: NodeJS.Timeout | undefined;
  private editTimer: NodeJS.Timeout | undefined;
  private gradTimer: NodeJS.Timeout | undefined;
  private cancel: vscode.CancellationTokenSource | undefined;
  private readonly gradients = new Map<string, { label: string; grads: Map<string, number> }>();
  private locale: Lang = uiLang();
  /** For tests: what was posted and what was dropped. */
  readonly stats = { snapshots: 0, cursors: 0, dropped: 0, received: 0 };
  private readonly snapshotEmitter = new vscode.EventEmitter<Extract<HostToSide, { type: 'snapshot' }>>();
  readonly onDidPostSnapshot = this.snapshotEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly analysis: AnalysisSource, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.window.registerWebviewViewProvider(ViewIds.sidePanel, this, { webviewOptions: { retainContextWhenHidden: false } }),
      vscode.window.onDidChangeActiveTextEditor((e) => { if (e) this.scheduleRefresh(0); }),
      // Any cell of the active cell's notebook counts: the notebook is one program.
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === this.document || (this.document && sourceKey(e.document) === sourceKey(this.document))) this.scheduleRefresh(EDIT_DEBOUNCE_MS); }),
      vscode.workspace.onDidCloseTextDocument((d) => { if (d === this.document) { this.document = undefined; this.scheduleRefresh(0); } }),
      ...(analysis.onDidInvalidate ? [analysis.onDidInvalidate((e) => { if (this.document && sourceKey(this.document) === e.key) this.scheduleRefresh(0); })] : []),
      vscode.window.onDidChangeTextEditorSelection((e) => { if (e.textEditor.document === this.document) this.scheduleCursor(e.textEditor.selection.active.line + 1); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (affects(e, SettingKeys.language)) { this.locale = uiLang(); this.postSnapshot(); } }),
      vscode.commands.registerCommand(CommandIds.showConcept, (conceptId: unknown) => this.showConcept(conceptId)),
      // PyTorch's exact shapes refined the shown file's analysis.
      ...(analysis.onDidAnalyze ? [analysis.onDidAnalyze((e) => { if (e.refined && this.document && sourceKey(this.document) === e.key) this.scheduleRefresh(0); })] : []),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    for (const d of this.viewDisposables) d.dispose();
    this.view = view;
    this.ready = false;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.extensionUri, 'sidePanel', this.locale, 'Model Lens');
    this.viewDisposables = [
      view.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      view.onDidChangeVisibility(() => { if (view.visible) void this.refresh(); }),
      view.onDidDispose(() => { this.view = undefined; this.ready = false; }),
    ];
  }

  /** A training run reported gradients for a source file: show them next to its rows. */
  setGradients(sourceUri: vscode.Uri | undefined, label: string, grads: Map<string, number>): void {
    if (!sourceUri) return;
    this.gradients.set(sourceUri.toString(), { label, grads });
    // Throttled, not debounced: gradients arrive every few ms and must not starve the refresh.
    if (this.document?.uri.toString() === sourceUri.toString() && !this.gradTimer) {
      this.gradTimer = setTimeout(() => { this.gradTimer = undefined; this.postSnapshot(); }, GRADIENT_REFRESH_MS);
    }
  }

  private async showConcept(conceptId: unknown): Promise<void> {
    if (conceptId === undefined) {
      // From the palette: let the person pick one.
      const picked = await vscode.window.showQuickPick(
        allConcepts().map((c) => ({ label: c.title[this.lang()], description: c.section, id: c.id })),
        { placeHolder: vscode.l10n.t('Which formula should the side panel show?'), matchOnDescription: true },
      );
      conceptId = picked?.id;
    }
    if (typeof conceptId !== 'string' || !conceptById(conceptId)) return;
    this.pinnedConcept = conceptId;
    await vscode.commands.executeCommand(WorkbenchCommands.focusSidePanel);
    this.postCursor();
  }

  private scheduleRefresh(ms: number): void {
    if (this.editTimer) clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => { this.editTimer = undefined; void this.refresh(); }, ms);
  }

  private scheduleCursor(line: number): void {
    if (this.cursorTimer) clearTimeout(this.cursorTimer);
    this.cursorTimer = setTimeout(() => {
      this.cursorTimer = undefined;
      if (line === this.cursorLine) return;
      this.cursorLine = line;
      this.pinnedConcept = null;
      this.postCursor();
    }, CURSOR_DEBOUNCE_MS);
  }

  /** Re-reads the active editor (keeping the last one while a webview has focus) and re-analyses. */
  private async refresh(): Promise<void> {
    // A focused webview (the training panel) leaves no active editor: use the visible one.
    const editor = vscode.window.activeTextEditor ?? (this.document ? undefined : vscode.window.visibleTextEditors[0]);
    if (editor && editor.document.uri.scheme !== 'output') {
      this.document = editor.document;
      this.cursorLine = editor.selection.active.line + 1;
    }
    const doc = this.document;
    this.analysis_ = undefined;
    this.error = null;
    if (!doc) this.status = 'noEditor';
    else if (!SUPPORTED_LANGUAGES.has(doc.languageId)) this.status = 'unsupported';
    else {
      this.cancel?.cancel();
      const cts = new vscode.CancellationTokenSource();
      this.cancel = cts;
      try {
        const analysis = await this.analysis.analyzeSource(doc, cts.token);
        if (cts.token.isCancellationRequested) return;
        this.analysis_ = analysis;
        this.status = analysis && analysis.result.models.length > 0 ? 'ok' : 'noModel';
      } catch (err) {
        this.status = 'error';
        this.error = err instanceof Error ? err.message : String(err);
        this.log.error(`side panel: analysis of ${doc.uri.fsPath} failed: ${this.error}`);
      } finally {
        cts.dispose();
        if (this.cancel === cts) this.cancel = undefined;
      }
    }
    this.postSnapshot();
  }

  private lang(): Lang { return this.locale; }

  private outline(): OutlineModel[] {
    if (!this.analysis_) return [];
    const grads = this.document ? this.gradients.get(this.document.uri.toString())?.grads : undefined;
    return buildOutline(this.analysis_.result, this.lang(), grads);
  }

  /** A program line (1-based, as the outline shows it) → the document that holds it and its line there. */
  private locate(line: number): { uri: vscode.Uri; line: number } | undefined {
    const a = this.analysis_;
    if (!a) return this.document ? { uri: this.document.uri, line } : undefined;
    const part = a.parts.find((p) => line - 1 >= p.startLine && line - 1 < p.startLine + p.lineCount) ?? a.part;
    return { uri: part.uri, line: line - part.startLine };
  }

  private cursor(): SideCursor {
    const r = this.analysis_?.result;
    const offset = this.analysis_?.part.startLine ?? 0;
    const line = this.cursorLine === null ? null : this.cursorLine + offset;
    const editor = vscode.window.activeTextEditor;
    const character = editor && editor.document === this.document ? editor.selection.active.character : 0;
    let activeKey: string | null = null;
    let conceptId: string | null = this.pinnedConcept;
    let numbers: string[] = [];
    if (r && line !== null) {
      const hit = layerAt(r, { line: line - 1, character }) ?? layerOnLine(r, line - 1);
      if (hit) {
        const mi = r.models.indexOf(hit.model);
        const li = hit.model.layers.indexOf(hit.layer);
        if (mi >= 0 && li >= 0) activeKey = `${mi}:${li}`;
        if (!this.pinnedConcept) conceptId = hit.layer.conceptIds[0] ?? null;
        const steps = hit.call?.steps ?? hit.layer.calls[0]?.steps ?? [];
        numbers = steps.slice(0, 16).map((s) => s.text.slice(0, 400));
      }
    }
    const concept = conceptId ? conceptById(conceptId) : undefined;
    return { line, activeKey, concept: concept ? localize(concept, this.lang()) : null, numbers: this.pinnedConcept ? [] : numbers };
  }

  private postSnapshot(): void {
    if (!this.view || !this.ready || !this.view.visible) return;
    const doc = this.document;
    const grads = doc ? this.gradients.get(doc.uri.toString()) : undefined;
    const msg: Extract<HostToSide, { type: 'snapshot' }> = {
      type: 'snapshot',
      locale: this.locale,
      status: this.status,
      fileLabel: doc ? vscode.workspace.asRelativePath(this.analysis_?.label ?? doc.uri).slice(0, 500) : null,
      error: this.error?.slice(0, 2000) ?? null,
      models: this.outline(),
      samples: SAMPLE_CATALOG.map((s) => ({ id: s.id, title: s.title[this.locale] })),
      runLabel: grads?.label.slice(0, 200) ?? null,
      notices: incompleteNotices(this.analysis_?.result.incomplete ?? []).slice(0, 8).map((m) => m[this.locale].slice(0, 1000)),
      cursor: this.cursor(),
    };
    this.stats.snapshots++;
    void this.view.webview.postMessage(msg);
    this.snapshotEmitter.fire(msg);
  }

  private postCursor(): void {
    if (!this.view || !this.ready || !this.view.visible) return;
    this.stats.cursors++;
    void this.view.webview.postMessage({ type: 'cursor', ...this.cursor() } satisfies HostToSide);
  }

  private receive(raw: unknown): void {
    const msg = parseSideToHost(raw);
    if (!msg) {
      this.stats.dropped++;
      this.log.warn('side panel: dropped a malformed or unknown message');
      return;
    }
    this.stats.received++;
    void this.handle(msg).catch((err: unknown) => this.log.error(`side panel: ${msg.type} failed: ${err instanceof Error ? err.message : String(err)}`));
  }

  private async handle(msg: SideToHost): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        return;
      case 'revealLine': {
        const at = this.locate(msg.line);
        if (at) await revealLine(at.uri, at.line);
        return;
      }
      case 'trainSample':
        await vscode.commands.executeCommand(CommandIds.trainSampleModel, msg.sampleId ?? undefined);
        return;
      case 'showConcept':
        await this.showConcept(msg.conceptId);
        return;
    }
  }

  dispose(): void {
    if (this.cursorTimer) clearTimeout(this.cursorTimer);
    if (this.editTimer) clearTimeout(this.editTimer);
    if (this.gradTimer) clearTimeout(this.gradTimer);
    this.cancel?.cancel();
    for (const d of this.viewDisposables) d.dispose();
    for (const d of this.disposables) d.dispose();
    this.snapshotEmitter.dispose();
  }
}

/** A cursor anywhere on a layer's line counts, not only inside its constructor's parentheses. */
function layerOnLine(r: AnalysisResult, line: number): ReturnType<typeof layerAt> {
  for (const model of r.models) {
    for (const layer of model.layers) {
      if (layer.range.start.line === line) return { model, layer, range: layer.range };
      const call = layer.calls.find((c) => c.range.start.line === line);
      if (call) return { model, layer, call, range: call.range };
    }
  }
  return undefined;
}
