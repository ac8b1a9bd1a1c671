// What both panels need from the editor side: the analysis of a document and a way to put the
// cursor on a line. Its own module so the training panel and the side panel depend on it, not on
// each other.
import * as vscode from 'vscode';
import type { AnalysisResult } from '../../analysis/types';

/** Code analysis as the panels need it (the per-document-version cache provides it). */
export interface AnalysisSource {
  analyze(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<AnalysisResult | undefined>;
}

/** Shows `uri` with the cursor at the first non-blank character of a 1-based line. */
export async function revealLine(uri: vscode.Uri, line: number, besideOf?: vscode.ViewColumn): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const existing = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const column = existing?.viewColumn ?? (besideOf === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  const pos = new vscode.Position(Math.max(0, Math.min(doc.lineCount - 1, line - 1)), 0);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false });
  const text = doc.lineAt(pos.line).text;
  const start = pos.with(undefined, text.length - text.trimStart().length);
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
