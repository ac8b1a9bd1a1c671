// Code analysis for the side panel until the editor features' shared per-version cache is wired
// in: parses with the real tree-sitter grammars (loaded once, lazily) and remembers the result
// per document version, so cursor moves never re-parse.
import * as vscode from 'vscode';
import { analyzeText, languageOfFile } from '../../analysis/analyze';
import { findParsersDir, defaultParserDirs, loadParsers, type Parsers } from '../../analysis/parser';
import { parseShapeSetting } from '../../analysis/inputAnnotation';
import type { AnalysisResult, SourceLanguage } from '../../analysis/types';
import type { AnalysisSource } from './sidePanel';

const LANGUAGE_IDS: Record<string, SourceLanguage> = {
  python: 'python', typescript: 'typescript', typescriptreact: 'typescript', javascript: 'javascript', javascriptreact: 'javascript',
};

export function createAnalysisSource(extensionUri: vscode.Uri): AnalysisSource & vscode.Disposable {
  let parsers: Promise<Parsers> | undefined;
  const cache = new Map<string, { version: number; result: AnalysisResult }>();
  const closed = vscode.workspace.onDidCloseTextDocument((d) => cache.delete(d.uri.toString()));
  return {
    async analyze(document, token) {
      const language = LANGUAGE_IDS[document.languageId] ?? languageOfFile(document.fileName);
      if (!language) return undefined;
      const key = document.uri.toString();
      const hit = cache.get(key);
      if (hit && hit.version === document.version) return hit.result;
      parsers ??= findParsersDir([vscode.Uri.joinPath(extensionUri, 'dist', 'parsers').fsPath, ...defaultParserDirs(__dirname)]).then(loadParsers);
      const p = await parsers;
      if (token?.isCancellationRequested) return undefined;
      const defaultInput = parseShapeSetting(vscode.workspace.getConfiguration('modelLens').get<string>('defaultInputShape'));
      const result = analyzeText(p, document.getText(), language, { ...(defaultInput ? { defaultInput } : {}), isCancelled: () => token?.isCancellationRequested === true }, document.fileName);
      cache.set(key, { version: document.version, result });
      return result;
    },
    dispose() {
      closed.dispose();
      cache.clear();
    },
  };
}
