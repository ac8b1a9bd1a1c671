// Shape diagnostics in the Problems view, refreshed after typing pauses, and the quick fix that
// writes the number the analysis computed. A notebook is one program: an edit in any cell
// refreshes every cell's diagnostics. An incomplete analysis adds one information line saying so.
import * as vscode from 'vscode';
import { incompleteNotices } from '../../analysis/incomplete';
import { shiftLines } from '../../analysis/notebook';
import type { AnalysisResult, Lang, ShapeDiagnostic, SourceRange } from '../../analysis/types';
import type { AnalysisCache, DocumentAnalysis } from './analysisCache';
import { notebookOf, sourceKey } from './analysisCache';
import { affectsAny, uiLang } from '../config';

export const DIAGNOSTIC_SOURCE = 'Model Lens';
export const TYPING_DEBOUNCE_MS = 300;

function toRange(r: SourceRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function toDiagnostic(d: ShapeDiagnostic, lang: Lang): vscode.Diagnostic {
  const severity = d.severity === 'error' ? vscode.DiagnosticSeverity.Error : d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const diag = new vscode.Diagnostic(toRange(d.range), d.message[lang], severity);
  diag.source = DIAGNOSTIC_SOURCE;
  diag.code = d.code;
  return diag;
}

/** Each part's diagnostics, in its own lines; the incomplete notices go on the first part's first line. */
export function diagnosticsByPart(a: DocumentAnalysis): Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }> {
  const out = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
  // Read once: each settings read costs, and a file may have thousands of diagnostics.
  const lang = uiLang();
  for (const part of a.parts) {
    const inPart = a.result.diagnostics.filter((d) => d.range.start.line >= part.startLine && d.range.start.line < part.startLine + part.lineCount);
    out.set(part.uri.toString(), { uri: part.uri, diagnostics: shiftLines(inPart, -part.startLine).map((d) => toDiagnostic(d, lang)) });
  }
  const first = a.parts[0];
  const notices = incompleteNotices(a.result.incomplete);
  if (first && notices.length > 0) {
    for (const m of notices) {
      const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), m[lang], vscode.DiagnosticSeverity.Information);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = 'incomplete';
      out.get(first.uri.toString())?.diagnostics.push(d);
    }
  }
  return out;
}

export class ShapeDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('modelLens');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly cancel = new Map<string, vscode.CancellationTokenSource>();
  /** Per source, the documents it last set diagnostics on (a removed cell must lose them). */
  private readonly shown = new Map<string, Set<string>>();

  constructor(private readonly cache: AnalysisCache, private readonly log?: vscode.LogOutputChannel) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, TYPING_DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => { if (!notebookOf(d)) this.clear(d.uri.toString()); }),
      // Cells added, removed or moved change the program of every cell.
      vscode.workspace.onDidChangeNotebookDocument((e) => { const cell = e.notebook.getCells().find((c) => c.document.languageId === 'python'); if (cell) this.schedule(cell.document, TYPING_DEBOUNCE_MS); }),
      vscode.workspace.onDidCloseNotebookDocument((nb) => this.clear(nb.uri.toString())),
      // A workspace file the analysis read changed: the source's diagnostics are computed again.
      cache.onDidInvalidate((e) => {
        const doc = vscode.workspace.textDocuments.find((d) => sourceKey(d) === e.key);
        if (doc) this.schedule(doc, 0);
      }),
      // PyTorch's exact shapes refined a version: its diagnostics change (withdrawn, or a forward that raised).
      cache.onDidAnalyze((e) => {
        if (!e.refined) return;
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === e.parts[0]?.uri.toString());
        if (doc) this.schedule(doc, 0);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsAny(e)) for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (document.uri.scheme === 'output') return;
    const key = sourceKey(document);
    if (!key) return;
    clearTimeout(this.timers.get(key));
    this.cancel.get(key)?.cancel();
    this.timers.set(key, setTimeout(() => void this.update(key, document), delayMs));
  }

  private async update(key: string, document: vscode.TextDocument): Promise<void> {
    this.timers.delete(key);
    const cts = new vscode.CancellationTokenSource();
    this.cancel.set(key, cts);
    try {
      const a = await this.cache.analyzeSource(document, cts.token);
      if (cts.token.isCancellationRequested || document.isClosed || !a) return;
      const now = diagnosticsByPart(a);
      for (const uri of this.shown.get(key) ?? []) if (!now.has(uri)) this.collection.delete(vscode.Uri.parse(uri));
      for (const { uri, diagnostics } of now.values()) this.collection.set(uri, diagnostics);
      this.shown.set(key, new Set(now.keys()));
    } catch (e) {
      this.log?.error(`diagnostics: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (this.cancel.get(key) === cts) this.cancel.delete(key);
      cts.dispose();
    }
  }

  private clear(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.cancel.get(key)?.cancel();
    for (const uri of this.shown.get(key) ?? [key]) this.collection.delete(vscode.Uri.parse(uri));
    this.shown.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const c of this.cancel.values()) c.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

export function fixesFor(result: AnalysisResult, range: vscode.Range): ShapeDiagnostic[] {
  return result.diagnostics.filter((d) => d.fix !== undefined && toRange(d.range).intersection(range) !== undefined);
}

export class ShapeQuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly cache: AnalysisCache) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const result = await this.cache.analyze(document, token);
    if (!result || token.isCancellationRequested) return [];
    const lang = uiLang();
    const actions: vscode.CodeAction[] = [];
    for (const d of fixesFor(result, range)) {
      const fix = d.fix!;
      const action = new vscode.CodeAction(fix.title[lang], vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, toRange(fix.range), fix.newText);
      action.diagnostics = ours.filter((v) => v.range.isEqual(toRange(d.range)));
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}
