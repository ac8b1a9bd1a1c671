// One analysis per document version, shared by hovers, inlay hints, diagnostics and the side
// panel. Concurrent requests for the same version share one run; parsers load once, lazily.
import * as vscode from 'vscode';
import { analyzeText, languageOfFile } from '../../analysis/analyze';
import { defaultParserDirs, findParsersDir, loadParsers, type Parsers } from '../../analysis/parser';
import { parseShapeSetting } from '../../analysis/inputAnnotation';
import type { AnalysisResult, SourceLanguage } from '../../analysis/types';
import { affects, config, SettingKeys } from '../config';

const LANGUAGE_IDS: Record<string, SourceLanguage> = {
  python: 'python', typescript: 'typescript', typescriptreact: 'typescript', javascript: 'javascript', javascriptreact: 'javascript',
};

/** Live analysis runs on the extension host thread: larger documents are left alone. */
export const MAX_LIVE_CHARS = 2_000_000;

export const ANALYSED_LANGUAGES: vscode.DocumentSelector = Object.keys(LANGUAGE_IDS).map((language) => ({ language }));

export interface AnalysisCache extends vscode.Disposable {
  analyze(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<AnalysisResult | undefined>;
  /** The cached result when it matches the document's current version (no work). */
  peek(document: vscode.TextDocument): AnalysisResult | undefined;
  /** Fires after a document's analysis for a new version is ready. */
  readonly onDidAnalyze: vscode.Event<{ document: vscode.TextDocument; result: AnalysisResult }>;
  /** Timing of the last runs, for the log and the bench. */
  readonly stats: { runs: number; hits: number; lastMs: number };
}

export function sourceLanguage(document: vscode.TextDocument): SourceLanguage | undefined {
  return LANGUAGE_IDS[document.languageId] ?? languageOfFile(document.fileName);
}

export function createAnalysisCache(extensionUri: vscode.Uri, log?: vscode.LogOutputChannel): AnalysisCache {
  let parsers: Promise<Parsers> | undefined;
  const cache = new Map<string, { version: number; result: AnalysisResult; settings: string }>();
  const pending = new Map<string, { version: number; settings: string; promise: Promise<AnalysisResult | undefined> }>();
  const emitter = new vscode.EventEmitter<{ document: vscode.TextDocument; result: AnalysisResult }>();
  const stats = { runs: 0, hits: 0, lastMs: 0 };
  const settingsKey = (): string => config.defaultInputShape();

  const loadOnce = (): Promise<Parsers> => {
    parsers ??= findParsersDir([vscode.Uri.joinPath(extensionUri, 'dist', 'parsers').fsPath, ...defaultParserDirs(__dirname)]).then(loadParsers);
    parsers.catch((e: unknown) => log?.error(`tree-sitter grammars failed to load: ${e instanceof Error ? e.message : String(e)}`));
    return parsers;
  };

  const run = async (document: vscode.TextDocument, language: SourceLanguage, settings: string, token?: vscode.CancellationToken): Promise<AnalysisResult | undefined> => {
    const p = await loadOnce();
    // Let other host work (typing, other providers) run before this CPU-bound step.
    await new Promise((r) => setImmediate(r));
    if (token?.isCancellationRequested) return undefined;
    const version = document.version;
    const text = document.getText();
    const defaultInput = parseShapeSetting(settings);
    const started = performance.now();
    const result = analyzeText(p, text, language, { ...(defaultInput ? { defaultInput } : {}), isCancelled: () => token?.isCancellationRequested === true }, document.fileName);
    stats.lastMs = performance.now() - started;
    stats.runs++;
    if (token?.isCancellationRequested) return undefined;
    cache.set(document.uri.toString(), { version, result, settings });
    emitter.fire({ document, result });
    return result;
  };

  const disposables = [
    emitter,
    vscode.workspace.onDidCloseTextDocument((d) => {
      cache.delete(d.uri.toString());
      pending.delete(d.uri.toString());
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, SettingKeys.defaultInputShape)) cache.clear();
    }),
  ];

  return {
    stats,
    onDidAnalyze: emitter.event,
    peek(document) {
      const hit = cache.get(document.uri.toString());
      return hit && hit.version === document.version && hit.settings === settingsKey() ? hit.result : undefined;
    },
    async analyze(document, token) {
      const language = sourceLanguage(document);
      if (!language || document.getText().length > MAX_LIVE_CHARS) return undefined;
      const key = document.uri.toString();
      const settings = settingsKey();
      const hit = cache.get(key);
      if (hit && hit.version === document.version && hit.settings === settings) {
        stats.hits++;
        return hit.result;
      }
      const inFlight = pending.get(key);
      if (inFlight && inFlight.version === document.version && inFlight.settings === settings) return inFlight.promise;
      // The shared run must not die with the first caller's token: it serves every caller.
      const promise = run(document, language, settings).finally(() => {
        if (pending.get(key)?.promise === promise) pending.delete(key);
      });
      pending.set(key, { version: document.version, settings, promise });
      const result = await promise;
      return token?.isCancellationRequested ? undefined : result;
    },
    dispose() {
      for (const d of disposables) d.dispose();
      cache.clear();
      pending.clear();
    },
  };
}
