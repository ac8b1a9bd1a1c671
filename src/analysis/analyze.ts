// Entry point of code analysis: text in, models/layers/shapes/diagnostics out. Synchronous and
// pure once the parsers are loaded; callers cache by document version.
import { countErrors, parserFor, type Parsers } from './parser';
import { pythonIncludedRanges } from './commentBlocks';
import { analyzePythonTree } from './pytorch';
import { analyzeTfjsTree } from './tfjs';
import { repairUnclosedBrackets } from './repair';
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
  const progress = cancelled ? { progressCallback: () => cancelled() } : {};
  // Python: long comment blocks are left out of the parse (linear time; see commentBlocks.ts).
  const optionsFor = (source: string) => {
    const includedRanges = language === 'python' ? pythonIncludedRanges(source) : undefined;
    return includedRanges ? { ...progress, includedRanges } : progress;
  };
  // A parse halted by cancellation would otherwise resume, with the old text, on the next call.
  parser.reset();
  let tree = parser.parse(text, null, optionsFor(text));
  if (!tree) {
    parser.reset();
    return { language, models: [], diagnostics: [], syntaxErrors: 0 };
  }
  const syntaxErrors = countErrors(tree.rootNode);
  let source = text;
  if (syntaxErrors > 0 && language === 'python') {
    const repaired = repairUnclosedBrackets(text);
    if (repaired !== text) {
      parser.reset();
      const again = parser.parse(repaired, null, optionsFor(repaired));
      if (!again) parser.reset();
      else {
        tree.delete();
        tree = again;
        source = repaired;
      }
    }
  }
  try {
    const root = tree.rootNode;
    const r = language === 'python' ? analyzePythonTree(root, source, opts) : analyzeTfjsTree(root, source, opts);
    return { language, models: r.models, diagnostics: r.diagnostics, syntaxErrors };
  } finally {
    // Trees live in the wasm heap: free them or a long session leaks memory.
    tree.delete();
  }
}
