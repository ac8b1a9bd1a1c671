// Entry point of code analysis: text in, models/layers/shapes/diagnostics out. Synchronous and
// pure once the parsers are loaded; the editor runs it in a worker thread (analysisWorker.ts),
// the CLI in its own process. Bounded: a time budget and a cancellation check stop it, and what
// it did not reach is said in `incomplete`.
import { countErrors, emptyPythonBlocks, errorRanges, misindentedStatements, parserFor, type Parsers, type Tree } from './parser';
import { pythonIncludedRanges } from './commentBlocks';
import { analyzePythonTree } from './pytorch';
import { analyzeTfjsTree } from './tfjs';
import { repairUnclosedBrackets } from './repair';
import { stoppedReason } from './incomplete';
import type { AnalysisResult, AnalyzeOptions, Incomplete, LayerInfo, ModelInfo, Msg, ShapeResult, SourceLanguage } from './types';

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

const TOO_LARGE: Msg = { en: 'a number above 2^53, which the analysis cannot hold exactly', 'zh-cn': '超过 2^53 的数，分析无法精确表示' };

const exactShape = (r: ShapeResult): ShapeResult => (r.known && !r.shape.every((d) => Number.isSafeInteger(d)) ? { known: false, reason: TOO_LARGE } : r);

/**
 * Sizes and counts beyond 2^53 are rounded in JavaScript's numbers (`nn.Linear(123456789,
 * 98765433)` has 12,193,263,321,140,070 parameters, not …068): shown as unknown, never rounded.
 * One place for every model of every language; a mismatch between such numbers is not reported.
 */
/**
 * A class with a syntax error inside it (a `def` cut off while typing, a file committed truncated):
 * what it builds is not what the finished code will, so its total and output are unknown (the
 * layers read before the error stay as they are).
 */
function unfinishedClasses(models: ModelInfo[], errors: { start: number; end: number; message?: string }[]): ModelInfo[] {
  return models.map((m) => {
    const hit = errors.find((e) => e.start <= m.extent.end.line && e.end >= m.extent.start.line);
    if (!hit) return m;
    const why = hit.message
      ? { en: `the code of ${m.name} does not compile: ${hit.message} (line ${hit.start + 1}); Python refuses the file`, 'zh-cn': `${m.name} 的代码无法编译：${hit.message}（第 ${hit.start + 1} 行）；Python 拒绝运行该文件` }
      : { en: `the code of ${m.name} has a syntax error at line ${hit.start + 1}: unfinished code builds another model`, 'zh-cn': `${m.name} 的代码在第 ${hit.start + 1} 行有语法错误：未完成的代码构建的是另一个模型` };
    return { ...m, totalParams: null, totalParamsUnknown: why, output: { known: false, reason: why } };
  });
}

function exactNumbersOnly(r: AnalysisResult): AnalysisResult {
  const models = r.models.map((m): ModelInfo => {
    const layers = m.layers.map((l): LayerInfo => {
      const calls = l.calls.map((c) => ({ ...c, input: exactShape(c.input), output: exactShape(c.output) }));
      const params = l.params !== null && !Number.isSafeInteger(l.params) ? { params: null, paramsUnknown: TOO_LARGE } : {};
      return { ...l, ...params, calls, output: exactShape(l.output) };
    });
    const total = m.totalParams !== null && !Number.isSafeInteger(m.totalParams) ? { totalParams: null, totalParamsUnknown: TOO_LARGE } : {};
    return { ...m, ...total, layers, output: exactShape(m.output), flow: m.flow.map((f) => ({ ...f, value: exactShape(f.value) })) };
  });
  const safe = (x: number | undefined): boolean => x === undefined || Number.isSafeInteger(x);
  return { ...r, models, diagnostics: r.diagnostics.filter((d) => safe(d.expected) && safe(d.actual)) };
}

/**
 * A lone carriage return ends a line for Python, JavaScript and VS Code alike; tree-sitter reads it
 * as a space. Made a line feed (same length, so every offset stays) before parsing.
 */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/**
 * Python reads identifiers in NFKC form (`ＳＩＺＥ` is `SIZE`, `self.ﬁrst` is `self.first`): such
 * names are written so before parsing. Strings and comments keep their text; only a line holding
 * such a name can shift its later columns (a ligature becomes two letters).
 */
export function pythonIdentifiersNfkc(text: string): string {
  if (!/[^\t-~]/.test(text) || text.normalize('NFKC') === text) return text;
  return text.replace(/("""|''')[\s\S]*?\1|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*|[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]+/gu, (token) => {
    if (/^["'#]/.test(token) || !/[^\t-~]/.test(token)) return token;
    return token.normalize('NFKC');
  });
}

export function analyzeText(parsers: Parsers, rawText: string, language: SourceLanguage, opts: AnalyzeOptions = {}, fileName?: string): AnalysisResult {
  const lines = withLineFeeds(rawText);
  const text = language === 'python' ? pythonIdentifiersNfkc(lines) : lines;
  // Python refuses a file with a NUL byte outright: none of its models exists.
  const nul = language === 'python' ? text.indexOf('\0') : -1;
  if (nul >= 0) return { language, models: [], diagnostics: [], syntaxErrors: 1, incomplete: [{ kind: 'nulBytes', line: text.slice(0, nul).split('\n').length - 1 }] };
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
  const emptyBlocks = language === 'python' ? emptyPythonBlocks(tree.rootNode) : [];
  const syntaxErrors = countErrors(tree.rootNode) + emptyBlocks.length + (language === 'python' ? misindentedStatements(tree.rootNode, text).length : 0);
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
      const parseMore = (raw: string): Tree | undefined => {
        const t = pythonIdentifiersNfkc(withLineFeeds(raw));
        return parser.parse(t, null, optionsFor(t)) ?? undefined;
      };
      const r = analyzePythonTree(root, source, analyzeOpts, parseMore, (file, t) => libraryTree(parser, file, t));
      const cap: Incomplete[] = r.cap ? [{ kind: 'modelCap', ...r.cap }] : [];
      const models = syntaxErrors > 0 ? unfinishedClasses(r.models, [...misindentedStatements(root, source), ...errorRanges(root), ...emptyPythonBlocks(root)]) : r.models;
      return exactNumbersOnly({ language, models, diagnostics: r.diagnostics, syntaxErrors, incomplete: [...stopped(), ...cap] });
    }
    const r = analyzeTfjsTree(root, source, analyzeOpts, (t, f) => parserFor(parsers, languageOfFile(f) ?? language, f).parse(withLineFeeds(t)) ?? undefined);
    const incomplete = stopped();
    const models = incomplete.length > 0 ? r.models.map(unfinishedTfjsModel) : r.models;
    return exactNumbersOnly({ language, models, diagnostics: r.diagnostics, syntaxErrors, incomplete });
  } finally {
    // Trees live in the wasm heap: free them or a long session leaks memory.
    tree.delete();
  }
}
