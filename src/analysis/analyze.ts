// Entry point of code analysis: text in, models/layers/shapes/diagnostics out. Synchronous and
// pure once the parsers are loaded; the editor runs it in a worker thread (analysisWorker.ts),
// the CLI in its own process. Bounded: a time budget and a cancellation check stop it, and what
// it did not reach is said in `incomplete`.
import { countErrors, parserFor, type Parsers, type Tree } from './parser';
import { pythonIncludedRanges } from './commentBlocks';
import { analyzePythonTree } from './pytorch';
import { analyzeTfjsTree } from './tfjs';
import { repairUnclosedBrackets } from './repair';
import { stoppedReason } from './incomplete';
import type { AnalysisResult, AnalyzeOptions, Incomplete, ModelInfo, SourceLanguage } from './types';

export function languageOfFile(fileName: string): SourceLanguage | undefined {
  if (/\.py$/i.test(fileName)) return 'python';
  if (/\.(ts|tsx|mts|cts)$/i.test(fileName)) return 'typescript';
  if (/\.(js|jsx|mjs|cjs)$/i.test(fileName)) return 'javascript';
  return undefined;
}

/** The stop check handed to the parser and the interpreters: cancellation or the time budget. */
function stopper(opts: AnalyzeOptions): { isStopped: () => boolean; why: () => Incomplete | undefined } {
  const started = performance.now();
  const budget = opts.timeBudgetMs;
  let why: Incomplete | undefined;
  return {
    isStopped: () => {
      if (why) return true;
      if (opts.isCancelled?.() === true) why = { kind: 'cancelled' };
      else if (budget !== undefined && performance.now() - started > budget) why = { kind: 'timeBudget', budgetMs: budget };
      return why !== undefined;
    },
    why: () => why,
  };
}

/**
 * tfjs statements run in file order, so a model may still gain layers after the point where the
 * analysis stopped: its output and total are no longer known (each layer call's shape still is).
 */
function unfinishedTfjsModel(m: ModelInfo): ModelInfo {
  const reason = stoppedReason();
  return { ...m, totalParams: null, totalParamsUnknown: reason, output: { known: false, reason } };
}

/**
 * The analysis's own library programs (torchvision's models, 79 KB) parse once per parser and
 * stay: parsing them anew cost each analysis that imports torchvision ~20 ms. Never deleted (a few
 * trees, held for the life of the worker).
 */
const libraryTrees = new WeakMap<object, Map<string, Tree>>();

function libraryTree(parser: ReturnType<typeof parserFor>, file: string, text: string): Tree | undefined {
  let trees = libraryTrees.get(parser);
  if (!trees) libraryTrees.set(parser, (trees = new Map()));
  const cached = trees.get(file);
  if (cached) return cached;
  // Parsed without the analysis's progress callback: a tree halted half-way must not be kept.
  parser.reset();
  const tree = parser.parse(text) ?? undefined;
  if (tree) trees.set(file, tree);
  return tree;
}

export function analyzeText(parsers: Parsers, text: string, language: SourceLanguage, opts: AnalyzeOptions = {}, fileName?: string): AnalysisResult {
  const parser = parserFor(parsers, language, fileName);
  const stop = stopper(opts);
  const progress = opts.isCancelled || opts.timeBudgetMs !== undefined ? { progressCallback: () => stop.isStopped() } : {};
  // Python: long comment blocks are left out of the parse (linear time; see commentBlocks.ts).
  const optionsFor = (source: string) => {
    const includedRanges = language === 'python' ? pythonIncludedRanges(source) : undefined;
    return includedRanges ? { ...progress, includedRanges } : progress;
  };
  const stopped = (): Incomplete[] => {
    const why = stop.why();
    return why ? [why] : [];
  };
  // A parse halted by cancellation would otherwise resume, with the old text, on the next call.
  parser.reset();
  let tree = parser.parse(text, null, optionsFor(text));
  if (!tree) {
    parser.reset();
    return { language, models: [], diagnostics: [], syntaxErrors: 0, incomplete: stopped() };
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
    const analyzeOpts = { ...opts, isCancelled: stop.isStopped };
    if (language === 'python') {
      // Imported workspace files are parsed with the same parser (and the same comment-block rule).
      const parseMore = (t: string): Tree | undefined => parser.parse(t, null, optionsFor(t)) ?? undefined;
      const r = analyzePythonTree(root, source, analyzeOpts, parseMore, (file, t) => libraryTree(parser, file, t));
      const cap: Incomplete[] = r.cap ? [{ kind: 'modelCap', ...r.cap }] : [];
      return { language, models: r.models, diagnostics: r.diagnostics, syntaxErrors, incomplete: [...stopped(), ...cap] };
    }
    const r = analyzeTfjsTree(root, source, analyzeOpts, (t, f) => parserFor(parsers, languageOfFile(f) ?? language, f).parse(t) ?? undefined);
    const incomplete = stopped();
    const models = incomplete.length > 0 ? r.models.map(unfinishedTfjsModel) : r.models;
    return { language, models, diagnostics: r.diagnostics, syntaxErrors, incomplete };
  } finally {
    // Trees live in the wasm heap: free them or a long session leaks memory.
    tree.delete();
  }
}
