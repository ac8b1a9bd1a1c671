// What both panels need from the editor side: the analysis of a document and a way to put the
// cursor on a line. Its own module so the training panel and the side panel depend on it, not on
// each other.
import * as vscode from 'vscode';
import type { AnalysisResult } from '../../analysis/types';
import type { AnalyzedEvent, DocumentAnalysis } from '../editor/analysisCache';

/** Code analysis as the panels need it (the per-document-version cache provides it). */
export interface AnalysisSource {
  /** In the document's own lines. */
  analyze(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<AnalysisResult | undefined>;
  /** With the program it belongs to: for a notebook cell, every cell of the notebook. */
  analyzeSource(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<DocumentAnalysis | undefined>;
  /** A source's result went stale (a workspace file it read changed); `key` is its `sourceKey`. */
  readonly onDidInvalidate?: vscode.Event<{ key: string }>;
  /** New or refined results (PyTorch's exact shapes arrive after the static answer). */
  readonly onDidAnalyze?: vscode.Event<AnalyzedEvent>;
}

/**
 * Shows `uri` with the cursor at the first non-blank character of a 1-based line, in the editor
 * group that already shows it (else beside `besideOf`, the panel asking). The selection travels
 * inside the show request, so the workbench places the cursor as it shows the editor: one round
 * trip, not a second `editor.selection` message queued behind everything else it has to do.
 */
export async function revealLine(uri: vscode.Uri, line: number, besideOf?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const existing = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const column = existing?.viewColumn ?? (besideOf === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  const index = Math.max(0, Math.min(doc.lineCount - 1, line - 1));
  const text = doc.lineAt(index).text;
  const start = new vscode.Position(index, text.length - text.trimStart().length);
  const selection = new vscode.Selection(start, start);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false, selection });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
