// Shape diagnostics in the Problems view, refreshed after typing pauses, and the quick fix that
// writes the number the analysis computed.
import * as vscode from 'vscode';
import type { AnalysisResult, ShapeDiagnostic, SourceRange } from '../../analysis/types';
import type { AnalysisCache } from './analysisCache';
import { sourceLanguage } from './analysisCache';
import { affectsAny, uiLang } from '../config';

export const DIAGNOSTIC_SOURCE = 'Model Lens';
export const TYPING_DEBOUNCE_MS = 300;

function toRange(r: SourceRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function toDiagnostic(d: ShapeDiagnostic): vscode.Diagnostic {
  const lang = uiLang();
  const severity = d.severity === 'error' ? vscode.DiagnosticSeverity.Error : d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const diag = new vscode.Diagnostic(toRange(d.range), d.message[lang], severity);
  diag.source = DIAGNOSTIC_SOURCE;
  diag.code = d.code;
  return diag;
}

export class ShapeDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('modelLens');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  private cancel = new Map<string, vscode.CancellationTokenSource>();

  constructor(private readonly cache: AnalysisCache) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, TYPING_DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsAny(e)) for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!sourceLanguage(document) || document.uri.scheme === 'output') return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.cancel.get(key)?.cancel();
    this.timers.set(key, setTimeout(() => void this.update(document), delayMs));
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    this.timers.delete(key);
    const cts = new vscode.CancellationTokenSource();
    this.cancel.set(key, cts);
    try {
      const result = await this.cache.analyze(document, cts.token);
      if (cts.token.isCancellationRequested || document.isClosed) return;
      this.collection.set(document.uri, (result?.diagnostics ?? []).map(toDiagnostic));
    } finally {
      if (this.cancel.get(key) === cts) this.cancel.delete(key);
      cts.dispose();
    }
  }

  private clear(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(document.uri);
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
