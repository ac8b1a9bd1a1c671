// Entry point of code analysis: text in, models/layers/shapes/diagnostics out. Synchronous and
// pure once the parsers are loaded; callers cache by document version.
import { countErrors, parserFor, type Parsers } from './parser';
import { analyzePythonTree } from './pytorch';
import { analyzeTfjsTree } from './tfjs';
import type { AnalysisResult, AnalyzeOptions, SourceLanguage } from './types';

export function languageOfFile(fileName: string): SourceLanguage | undefined {
  if (/\.py$/i.test(fileName)) return 'python';
  if (/\.(ts|tsx|mts|cts)$/i.test(fileName)) return 'typescript';
  if (/\.(js|jsx|mjs|cjs)$/i.test(fileName)) return 'javascript';
  return undefined;
}

export function analyzeText(parsers: Parsers, text: string, language: SourceLanguage, opts: AnalyzeOptions = {}, fileName?: string): AnalysisResult {
  const parser = parserFor(parsers, language, fileName);
  const cancelled = opts.isCancelled;
  const tree = parser.parse(text, null, cancelled ? { progressCallback: () => cancelled() } : undefined);
  if (!tree) return { language, models: [], diagnostics: [], syntaxErrors: 0 };
  try {
    const root = tree.rootNode;
    const syntaxErrors = countErrors(root);
    const r = language === 'python' ? analyzePythonTree(root, text, opts) : analyzeTfjsTree(root, text, opts);
    return { language, models: r.models, diagnostics: r.diagnostics, syntaxErrors };
  } finally {
    // Trees live in the wasm heap: free them or a long session leaks memory.
    tree.delete();
  }
}
