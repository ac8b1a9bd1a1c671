// `model-lens shapes <file|notebook|folder>`: a torchinfo-like table of every model in a PyTorch or
// tfjs file or Jupyter notebook, or one summary line per file for a whole folder, without VS Code
// or Python. Analyses run in worker threads with a time budget per file (src/analysis/worker/).
// Exit status: 0 shapes fit, 1 a shape mismatch or invalid layer, 2 bad usage or an unreadable file.
import { readdir, stat } from 'node:fs/promises';
import { readSourceText } from './sourceFile';
import { basename, join, relative, resolve } from 'node:path';
import { languageOfFile } from '../analysis/analyze';
import { describeIncomplete, syntaxErrorNotice } from '../analysis/incomplete';
import { cellAt, notebookProgram, readIpynb, type NotebookProgram } from '../analysis/notebook';
import { defaultParserDirs, findParsersDir } from '../analysis/parser';
import { parseShapeList } from '../analysis/inputAnnotation';
import { splitCommandLine } from '../analysis/commandLine';
import { feedsInOrder, formatParams, formatShape, inputsShown } from '../analysis/query';
import { AnalysisWorkerPool, analysisWorkerEntry } from '../analysis/worker/pool';
import { findPackageRoot } from '../backend/paths';
import { runtimeShapes } from '../host/python/runtimeShapes';
import type { MeasuredShape, RuntimeLayer } from '../protocol/runtimeShapes';
import { findTorch } from './torchRun';
import { workspaceRootFor } from './workspaceRoot';
import type { AnalysisResult, Lang, ModelInfo, ShapeResult, SourceLanguage } from '../analysis/types';

export const SHAPES_USAGE = 'shapes <file.py|.js|.ts|.ipynb|FOLDER> [--input 64,1,28,28] [--class Name] [--args "SCRIPT ARGS"] [--runtime [--python PATH]] [--json] [--lang en|zh-cn] [--timeout S] [--max-size MB]   layer shapes and parameters (a folder: one line per file; --args: the command line the script runs with, which its argparse reads; --runtime: a .py file\'s models run once in PyTorch, whose numbers win)';

/** Per file, the analysis stops here and reports what it has, marked partial. */
export const DEFAULT_TIMEOUT_S = 20;
/** In a folder, larger files are listed as skipped (generated data, bundles, minified code). */
export const DEFAULT_MAX_SIZE_MB = 5;
/** Folders no one writes models in: dependencies, caches, tool state. Hidden folders too. */
const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'site-packages', 'dist-packages']);

interface ShapesArgs {
  target: string;
  /** One shape per tensor the model's forward takes. */
  input?: number[][];
  className?: string;
  /** The command line the script runs with (`--args "--dataset fake"`): what its parse_args() reads. */
  scriptArgs?: string[];
  json: boolean;
  lang: Lang;
  timeoutMs: number;
  maxBytes: number;
  runtime: boolean;
  python?: string;
}

function parseArgs(argv: string[]): ShapesArgs | string {
  let target: string | undefined;
  const out: Partial<ShapesArgs> = { json: false, lang: 'en', timeoutMs: DEFAULT_TIMEOUT_S * 1000, maxBytes: DEFAULT_MAX_SIZE_MB * 1024 * 1024 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | undefined => {
      const eq = a.indexOf('=');
      return eq >= 0 ? a.slice(eq + 1) : argv[++i];
    };
    const positive = (name: string): number | string => {
      const v = Number(value());
      return Number.isFinite(v) && v > 0 && v <= 86_400 ? v : `${name} needs a positive number`;
    };
    if (a === '--json') out.json = true;
    else if (a === '--runtime') out.runtime = true;
    else if (a === '--python' || a.startsWith('--python=')) {
      const p = value();
      if (!p) return '--python needs an interpreter path';
      out.python = p;
    }
    else if (a === '--input' || a.startsWith('--input=')) {
      const shapes = parseShapeList(value() ?? '');
      if (shapes.length === 0) return '--input needs sizes like 64,1,28,28 (several inputs: "(2,3,64,64),(2,5)")';
      out.input = shapes;
    } else if (a === '--args' || a.startsWith('--args=')) {
      // Its value starts with '-' (`--args "--dataset fake"`): taken as it is, never as an option of ours.
      const line = value();
      const words = line === undefined ? undefined : splitCommandLine(line);
      if (!words) return '--args needs the script\'s arguments as one quoted string, e.g. --args "--dataset fake --imageSize 32" (no $variables or globs)';
      out.scriptArgs = words;
    } else if (a === '--class' || a.startsWith('--class=')) {
      const name = value();
      if (!name) return '--class needs a name';
      out.className = name;
    } else if (a === '--lang' || a.startsWith('--lang=')) {
      const l = value()?.toLowerCase();
      if (l !== 'en' && l !== 'zh-cn') return '--lang is en or zh-cn';
      out.lang = l;
    } else if (a === '--timeout' || a.startsWith('--timeout=')) {
      const s = positive('--timeout');
      if (typeof s === 'string') return `${s} of seconds`;
      out.timeoutMs = Math.round(s * 1000);
    } else if (a === '--max-size' || a.startsWith('--max-size=')) {
      const mb = positive('--max-size');
      if (typeof mb === 'string') return `${mb} of megabytes`;
      out.maxBytes = Math.round(mb * 1024 * 1024);
    } else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (target === undefined) target = a;
    else return `unexpected argument ${a}`;
  }
  if (target === undefined) return 'missing <file> or <folder>';
  if (out.python !== undefined && !out.runtime) return '--python goes with --runtime';
  return {
    target, json: out.json ?? false, lang: out.lang ?? 'en', timeoutMs: out.timeoutMs!, maxBytes: out.maxBytes!, runtime: out.runtime ?? false,
    ...(out.python !== undefined ? { python: out.python } : {}),
    ...(out.input ? { input: out.input } : {}), ...(out.className ? { className: out.className } : {}),
    ...(out.scriptArgs ? { scriptArgs: out.scriptArgs } : {}),
  };
}

/** A word as a shell would need it written back. */
function quoteWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

// ---------------------------------------------------------------- sources

/** A file ready to analyse: a notebook is its code cells as one program. */
interface Source {
  file: string;
  language: SourceLanguage;
  text: string;
  notebook?: NotebookProgram;
}

function isSupported(file: string): boolean {
  if (/\.d\.[cm]?ts$|\.min\.js$/i.test(file)) return false;
  return /\.ipynb$/i.test(file) || languageOfFile(file) !== undefined;
}

async function loadSource(file: string): Promise<Source | { error: string }> {
  const notebook = /\.ipynb$/i.test(file);
  const language = notebook ? 'python' : languageOfFile(file);
  if (!language) return { error: `${file}: not a .py, .js, .ts or .ipynb file` };
  let text: string;
  try {
    text = await readSourceText(file);
  } catch (e) {
    return { error: `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!notebook) return { file, language, text };
  try {
    const nb = readIpynb(text);
    if (nb.language !== 'python') return { error: `${file}: a ${nb.language} notebook; only Python notebooks are analysed` };
    const program = notebookProgram(nb.cells);
    return { file, language, text: program.text, notebook: program };
  } catch (e) {
    return { error: `${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Where a 0-based program line is, as a person finds it: `12`, or `cell 3:5` in a notebook. */
function place(src: Source, line: number): { text: string; line: number; cell?: number } {
  if (!src.notebook) return { text: String(line + 1), line: line + 1 };
  const at = cellAt(src.notebook, line);
  if (!at) return { text: String(line + 1), line: line + 1 };
  return { text: `cell ${at.cell.index + 1}:${at.line + 1}`, line: at.line + 1, cell: at.cell.index + 1 };
}

// ---------------------------------------------------------------- --runtime: what PyTorch measured

/** One model's measurement, by layer path (the analysis's LayerInfo.path is torch's module path). */
interface Measured {
  layers: Map<string, RuntimeLayer>;
  output: MeasuredShape | null;
  totalParams: number;
  ranAt: (number | null)[];
}
/** The runtime pass of one file: per model a measurement or why there is none; `note` when the whole pass failed. */
interface RuntimeView {
  runtime: string;
  /** The Python side's time for the request (import of the file + every model), torch's own import excluded. */
  elapsedMs: number;
  note: string | null;
  models: Map<string, Measured | { failed: string }>;
}

/** A call's measured shape when every dimension is known; otherwise the inferred one stands. */
function measuredCall(m: RuntimeLayer, call: number): number[] | null {
  const out = m.outputs[call];
  return out && out.every((d) => d !== null) ? (out as number[]) : null;
}

function runtimeLine(view: RuntimeView, model: ModelInfo): string {
  if (view.note !== null) return `${view.note}; the shapes below are inferred`;
  const m = view.models.get(model.name);
  if (!m) return model.inputs.length === 0 ? 'not run (no input shape); the shapes below are inferred' : 'not run; the shapes below are inferred';
  if ('failed' in m) return `${m.failed}; the shapes below are inferred`;
  const at = m.ranAt.length > 1 ? `forward passes at leading size ${m.ranAt.join(', ')}, carried to ${model.inputs[0]?.[0] ?? '?'}` : `one forward pass at ${model.inputs.map(formatShape).join(', ')}`;
  return `${view.runtime}, ${at}, no grad (${Math.round(view.elapsedMs)} ms for the file)`;
}

function describeFailure(stage: string, message: string, line: number | null, name?: string): string {
  const what: Record<string, string> = {
    syntax: 'the file has a syntax error', import: 'importing the file failed', find: `${name ?? 'the model'} was not found`,
    init: `${name ?? 'the model'}'s constructor failed`, forward: `${name ?? 'the model'}'s forward failed`,
    budget: 'the time budget ran out', memory: 'the memory cap was reached', request: 'the request was refused',
  };
  return `${what[stage] ?? stage}${line !== null ? ` at line ${line}` : ''}: ${message}`;
}

const RUNTIME_MEMORY_MB = 4096;

/** The runtime pass for one analysed file; never throws (no Python, no torch… → `note`). */
async function runtimePass(src: Source, result: AnalysisResult, args: ShapesArgs): Promise<RuntimeView> {
  const view = (note: string): RuntimeView => ({ runtime: '', elapsedMs: 0, note, models: new Map() });
  if (src.notebook) return view('not run: --runtime takes a .py file, not a notebook');
  if (src.language !== 'python') return view('not run: --runtime runs PyTorch models (.py files)');
  const models = result.models.filter(feedsInOrder)
    .map((m) => ({ name: m.name, inputs: m.inputs }));
  if (models.length === 0) return view(result.syntaxErrors > 0 ? 'not run: the file has a syntax error' : 'not run: no PyTorch model with a known input shape');
  const root = findPackageRoot(__dirname);
  // --python is used as given (the person named it); otherwise the extension's discovery decides.
  const found = args.python !== undefined ? { python: args.python, note: null } : await findTorch(root, undefined);
  if (!found.python) return view(`not run: ${found.note?.detail ?? 'no Python interpreter with torch was found'}`);
  const outcome = await runtimeShapes({
    python: found.python, packageDir: join(root, 'python'), file: resolve(src.file), models, timeBudgetMs: args.timeoutMs, maxMemoryMb: RUNTIME_MEMORY_MB,
    onLog: (l) => { if (process.env.MODEL_LENS_DEBUG) process.stderr.write(`[python] ${l}\n`); },
  });
  if (outcome.kind === 'failed') return view(`failed: ${outcome.reason}`);
  const reply = outcome.reply;
  if (!reply.ok) return { runtime: reply.runtime, elapsedMs: reply.elapsedMs, note: describeFailure(reply.stage, reply.message, reply.line), models: new Map() };
  const out: RuntimeView = { runtime: reply.runtime, elapsedMs: reply.elapsedMs, note: null, models: new Map() };
  for (const m of reply.models) {
    out.models.set(m.name, m.ok
      ? { layers: new Map(m.layers.map((l) => [l.path, l])), output: m.output, totalParams: m.totalParams, ranAt: m.ranAt }
      : { failed: describeFailure(m.stage, m.message, m.line, m.name) });
  }
  return out;
}

// ---------------------------------------------------------------- one file: table and records

function shape(s: ShapeResult): string {
  return s.known ? formatShape(s.shape) : '?';
}

interface Row {
  name: string;
  line: string;
  kind: string;
  output: string;
  params: string;
  /** With --runtime: where the row's numbers come from. */
  from: string;
}

function rowsOf(model: ModelInfo, src: Source, measured: Measured | null): Row[] {
  const rows: Row[] = [];
  const shown = new Set<number>();
  const row = (i: number, call: number | null, inferred: string): void => {
    const l = model.layers[i]!;
    const m = measured?.layers.get(l.path);
    const real = m ? measuredCall(m, call ?? 0) : null;
    const output = real ? formatShape(real) : inferred;
    const params = m ? m.params : l.params;
    const differs = real !== null && inferred !== output ? (inferred.startsWith('?') ? ' (inferred ?)' : ` (inferred ${inferred})`) : '';
    rows.push({
      name: `${'  '.repeat(l.depth)}${l.name}`, line: place(src, l.range.start.line).text, kind: l.kind, output,
      params: shown.has(i) ? '(again)' : formatParams(params), from: real ? `PyTorch${differs}` : 'inferred',
    });
    shown.add(i);
  };
  // Execution order, like torchinfo; a layer used twice gets a row per call.
  for (const t of model.trace) row(t.layer, t.call, shape(model.layers[t.layer]!.calls[t.call]!.output));
  model.layers.forEach((l, i) => {
    if (!shown.has(i)) row(i, null, l.calls.length === 0 ? `? ${l.output.known ? '' : `(${l.output.reason.en})`}`.trim() : shape(l.output));
  });
  return rows;
}

const INPUT_FROM: Record<string, string> = { annotation: 'input comment', setting: 'setting', inputShape: 'inputShape', caller: 'the model using it', cli: '--input', call: 'a call in the code', dataset: 'the data the script loads', example: 'example_input_array', none: 'none' };

function inputFrom(model: ModelInfo): string {
  const o = model.inputOrigin;
  if (!o) return INPUT_FROM[model.inputSource] ?? model.inputSource;
  return `${o.what} (${o.file ? `${basename(o.file)}:` : 'line '}${o.line + 1})`;
}

function table(model: ModelInfo, src: Source, runtime: RuntimeView | null): string {
  const measured = runtime?.models.get(model.name) ?? null;
  const rows = rowsOf(model, src, measured && 'layers' in measured ? measured : null);
  const head: Row = { name: 'Layer (name as written)', line: src.notebook ? 'Where' : 'Line', kind: 'Kind', output: 'Output shape', params: 'Params', from: 'From' };
  const all = [head, ...rows];
  const w = (k: keyof Row): number => Math.max(...all.map((r) => r[k].length));
  const widths = { name: w('name'), line: w('line'), kind: w('kind'), output: w('output'), params: w('params') };
  const fmt = (r: Row): string => `${r.name.padEnd(widths.name)}  ${r.line.padStart(widths.line)}  ${r.kind.padEnd(widths.kind)}  ${r.output.padEnd(widths.output)}  ${r.params.padStart(widths.params)}${runtime ? `  ${r.from}` : ''}`.trimEnd();
  const width = fmt(head).length;
  const input = inputsShown(model).length > 0 ? `input ${inputsShown(model).join(', ')} from ${inputFrom(model)}` : model.inputSource !== 'none' ? `no input (its forward takes none), run as ${inputFrom(model)}` : `no input shape: add "${model.framework === 'tfjs' ? '//' : '#'} input: (…)" or pass --input`;
  const at = place(src, model.range.start.line);
  const ok = measured && 'layers' in measured ? measured : null;
  const inferredTotal = `${formatParams(model.totalParams)}${model.totalParams === null && model.totalParamsUnknown ? ` (${model.totalParamsUnknown.en})` : ''}`;
  // (A tuple's other items are said after the first: `[2, 5, 4] (first of 2: [2, 5, 4], [2, 6])`.)
  const others = model.outputs ? ` (first of ${model.outputs.length}: ${model.outputs.map((o) => (o.known ? shape(o) : o.reason.en === 'None' ? 'None' : '?')).join(', ')})` : '';
  const inferredOutput = `${shape(model.output)}${model.output.known ? others : ` (${model.output.reason.en})`}`;
  const realOutput = ok?.output && ok.output.every((d) => d !== null) ? formatShape(ok.output as number[]) : null;
  const from = (real: string | null, inferred: string): string => (!runtime ? inferred : real === null ? `${inferred}  (inferred)` : `${real}  (from PyTorch${real !== inferred ? `; inferred ${inferred.startsWith('?') ? '?' : inferred}` : ''})`);
  return [
    `${model.name} (${model.framework})  ${basename(src.file)}${src.notebook ? ` ${at.text}` : `:${at.text}`}  ${input}`,
    ...(runtime ? [`PyTorch: ${runtimeLine(runtime, model)}`] : []),
    '='.repeat(width),
    fmt(head),
    '-'.repeat(width),
    ...rows.map(fmt),
    '='.repeat(width),
    `Total params: ${from(ok ? formatParams(ok.totalParams) : null, inferredTotal)}`,
    `Output: ${from(realOutput, inferredOutput)}`,
  ].join('\n');
}

/** `line` (and `cell` in a notebook) for the JSON records. */
function jsonPlace(src: Source, line: number): { line: number; cell?: number } {
  const p = place(src, line);
  return p.cell !== undefined ? { cell: p.cell, line: p.line } : { line: p.line };
}

function toJson(result: AnalysisResult, src: Source, lang: Lang, runtime: RuntimeView | null = null): Record<string, unknown> {
  const measuredOf = (m: ModelInfo): Measured | null => {
    const r = runtime?.models.get(m.name);
    return r && 'layers' in r ? r : null;
  };
  return {
    file: src.file,
    language: result.language,
    ...(src.notebook ? { notebook: { codeCells: src.notebook.cells.length } } : {}),
    syntaxErrors: result.syntaxErrors,
    incomplete: result.incomplete.map((i) => ({ ...i, message: describeIncomplete(i)[lang] })),
    models: result.models.map((m) => ({
      name: m.name,
      framework: m.framework,
      ...jsonPlace(src, m.range.start.line),
      inputs: m.inputs,
      inputSource: m.inputSource,
      inputOrigin: m.inputOrigin ?? null,
      output: m.output.known ? m.output.shape : null,
      ...(m.outputs ? { outputs: m.outputs.map((o) => (o.known ? o.shape : null)) } : {}),
      totalParams: m.totalParams,
      totalParamsUnknownReason: m.totalParams === null ? m.totalParamsUnknown?.[lang] ?? null : null,
      ...(runtime ? { runtime: runtimeJson(runtime, m, measuredOf(m)) } : {}),
      layers: m.layers.map((l) => ({
        name: l.name,
        path: l.path,
        ...jsonPlace(src, l.range.start.line),
        kind: l.kind,
        callee: l.callee,
        outputShapes: l.calls.map((c) => (c.output.known ? c.output.shape : null)),
        output: l.output.known ? l.output.shape : null,
        unknownReason: l.output.known ? null : l.output.reason[lang],
        params: l.params,
        paramsUnknownReason: l.params === null ? l.paramsUnknown?.[lang] ?? null : null,
        concepts: l.conceptIds,
        ...(runtime ? { measured: layerJson(measuredOf(m)?.layers.get(l.path)) } : {}),
      })),
    })),
    diagnostics: result.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      ...jsonPlace(src, d.range.start.line),
      column: d.range.start.character + 1,
      model: d.model,
      layer: d.layer ?? null,
      message: d.message[lang],
      expected: d.expected ?? null,
      actual: d.actual ?? null,
      fix: d.fix ? { ...jsonPlace(src, d.fix.range.start.line), column: d.fix.range.start.character + 1, endColumn: d.fix.range.end.character + 1, newText: d.fix.newText } : null,
    })),
  };
}

/** The inferred numbers stay as they are in the JSON; what PyTorch measured sits beside them. */
function runtimeJson(view: RuntimeView, model: ModelInfo, m: Measured | null): Record<string, unknown> {
  return m
    ? { ran: true, runtime: view.runtime, elapsedMs: view.elapsedMs, ranAt: m.ranAt, output: m.output, totalParams: m.totalParams }
    : { ran: false, reason: runtimeLine(view, model) };
}

function layerJson(l: RuntimeLayer | undefined): Record<string, unknown> | null {
  return l ? { outputShapes: l.outputs, params: l.params, kind: l.kind } : null;
}

// ---------------------------------------------------------------- running

async function openPool(size: number): Promise<AnalysisWorkerPool> {
  return new AnalysisWorkerPool({ ...analysisWorkerEntry(), parsersDir: await findParsersDir(defaultParserDirs(__dirname)), size, graceMs: 2000 });
}

async function analyse(pool: AnalysisWorkerPool, src: Source, args: ShapesArgs, folder?: string): Promise<AnalysisResult | { error: string }> {
  const workspaceRoot = workspaceRootFor(src.file, folder);
  const options = {
    timeBudgetMs: args.timeoutMs, workspaceRoot, ...(args.input ? { forceInput: args.input } : {}), ...(args.className ? { onlyModel: args.className } : {}),
    ...(args.scriptArgs ? { scriptArgs: args.scriptArgs } : {}),
  };
  const outcome = await pool.run({ text: src.text, language: src.language, fileName: src.file, options }).outcome;
  if (outcome.kind === 'done') return outcome.result;
  return { error: outcome.kind === 'failed' ? `analysis of ${src.file} failed: ${outcome.message}` : `analysis of ${src.file} was cancelled` };
}

async function runFile(file: string, args: ShapesArgs): Promise<number> {
  const src = await loadSource(file);
  if ('error' in src) {
    process.stderr.write(`model-lens shapes: ${src.error}\n`);
    return 2;
  }
  const pool = await openPool(1);
  let result: AnalysisResult | { error: string };
  try {
    result = await analyse(pool, src, args);
  } finally {
    await pool.dispose();
  }
  if ('error' in result) {
    process.stderr.write(`model-lens shapes: ${result.error}\n`);
    return 2;
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (args.className && result.models.length === 0 && result.incomplete.length === 0) {
    process.stderr.write(`model-lens shapes: no model named ${args.className} in ${file}\n`);
    return 2;
  }
  const runtime = args.runtime ? await runtimePass(src, result, args) : null;
  if (args.json) process.stdout.write(`${JSON.stringify({ ...toJson(result, src, args.lang, runtime), ...(args.scriptArgs ? { scriptArgs: { args: args.scriptArgs, from: '--args' } } : {}) }, null, 2)}\n`);
  else {
    if (runtime?.note && result.models.length === 0) process.stdout.write(`PyTorch: ${runtime.note}\n`);
    for (const i of result.incomplete) process.stdout.write(`note: ${describeIncomplete(i)[args.lang]}\n`);
    if (result.syntaxErrors > 0 && !result.incomplete.some((i) => i.kind === 'nulBytes')) process.stdout.write(`note: ${syntaxErrorNotice(result.syntaxErrors, result.language)[args.lang]}\n`);
    if (args.scriptArgs) process.stdout.write(`script arguments (from --args): ${args.scriptArgs.map(quoteWord).join(' ')}\n`);
    if (result.models.length === 0 && result.incomplete.length === 0) process.stdout.write(`No nn.Module subclass or tf.sequential/tf.model found in ${file}.\n`);
    process.stdout.write(result.models.map((m) => table(m, src, runtime)).join('\n\n') + (result.models.length > 0 ? '\n' : ''));
    for (const d of result.diagnostics) {
      const at = place(src, d.range.start.line);
      const where = `${basename(file)}${src.notebook ? ` ${at.text}` : `:${at.text}`}:${d.range.start.character + 1}`;
      const fix = d.fix ? `  (fix: write ${d.fix.newText})` : '';
      process.stdout.write(`${d.severity}: ${where} ${d.message[args.lang]}${fix}\n`);
    }
  }
  return errors.length > 0 ? 1 : 0;
}

/** Every supported file under `root`, sorted; hidden and dependency folders and links are not entered. */
async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable folder inside the tree: nothing to list there
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) await walk(p);
      } else if (e.isFile() && isSupported(e.name)) out.push(p);
    }
  };
  await walk(root);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

interface FileRecord {
  file: string;
  status: 'analysed' | 'skipped' | 'failed';
  line: string;
  errors: number;
  json: Record<string, unknown>;
}

function summaryLine(result: AnalysisResult): { text: string; errors: number } {
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const parts: string[] = [];
  if (result.models.length === 0) parts.push('no model');
  else {
    const layers = result.models.flatMap((m) => m.layers);
    const known = layers.filter((l) => l.output.known).length;
    const names = result.models.map((m) => m.name);
    parts.push(`${result.models.length} model${result.models.length === 1 ? '' : 's'} (${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''})`);
    parts.push(`${layers.length} layers, ${known} with known shapes`);
  }
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  for (const i of result.incomplete) {
    if (i.kind === 'timeBudget') parts.push(`stopped: file too complex (over ${i.budgetMs / 1000} s), partial`);
    else if (i.kind === 'modelCap') parts.push(`only the first ${i.analysed} of ${i.found} models`);
  }
  return { text: parts.join(' · '), errors };
}

async function fileRecord(pool: AnalysisWorkerPool, file: string, root: string, args: ShapesArgs): Promise<FileRecord> {
  const rel = relative(root, file) || basename(file);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    const reason = `cannot read: ${e instanceof Error ? e.message : String(e)}`;
    return { file: rel, status: 'failed', line: reason, errors: 0, json: { file: rel, status: 'failed', reason } };
  }
  if (size > args.maxBytes) {
    const reason = `skipped: ${(size / 1024 / 1024).toFixed(1)} MB, over --max-size ${(args.maxBytes / 1024 / 1024).toFixed(0)} MB`;
    return { file: rel, status: 'skipped', line: reason, errors: 0, json: { file: rel, status: 'skipped', reason } };
  }
  const src = await loadSource(file);
  const result = 'error' in src ? src : await analyse(pool, src, args, root);
  if ('error' in result || 'error' in src) {
    const reason = 'error' in result ? result.error : 'error' in src ? src.error : '';
    return { file: rel, status: 'failed', line: `failed: ${reason}`, errors: 0, json: { file: rel, status: 'failed', reason } };
  }
  const s = summaryLine(result);
  return { file: rel, status: 'analysed', line: s.text, errors: s.errors, json: { ...toJson(result, { ...src, file: rel }, args.lang), status: 'analysed' } };
}

async function runFolder(root: string, args: ShapesArgs): Promise<number> {
  if (args.runtime) {
    process.stderr.write('model-lens shapes: --runtime needs a single file, not a folder\n');
    return 2;
  }
  if (args.className) {
    process.stderr.write('model-lens shapes: --class needs a single file, not a folder\n');
    return 2;
  }
  const files = await listFiles(root);
  const pool = await openPool(2);
  const records: FileRecord[] = [];
  const width = Math.min(60, Math.max(0, ...files.map((f) => relative(root, f).length)));
  try {
    // A few files in flight (two workers, one waiting each); printed in order as they finish.
    const inFlight: Promise<FileRecord>[] = [];
    let next = 0;
    const fill = (): void => {
      while (next < files.length && inFlight.length < 4) inFlight.push(fileRecord(pool, files[next++]!, root, args));
    };
    fill();
    while (inFlight.length > 0) {
      const r = await inFlight.shift()!;
      fill();
      records.push(r);
      if (!args.json) process.stdout.write(`${r.file.padEnd(width)}  ${r.line}\n`);
    }
  } finally {
    await pool.dispose();
  }
  const analysed = records.filter((r) => r.status === 'analysed');
  const withModels = analysed.filter((r) => Array.isArray(r.json.models) && r.json.models.length > 0);
  const models = withModels.reduce((n, r) => n + (r.json.models as unknown[]).length, 0);
  const withErrors = records.filter((r) => r.errors > 0).length;
  const stopped = analysed.filter((r) => (r.json.incomplete as { kind: string }[]).some((i) => i.kind === 'timeBudget')).length;
  const summary = { files: records.length, analysed: analysed.length, withModels: withModels.length, models, withErrors, stopped, skipped: records.filter((r) => r.status === 'skipped').length, failed: records.filter((r) => r.status === 'failed').length };
  if (args.json) process.stdout.write(`${JSON.stringify({ root, files: records.map((r) => r.json), summary }, null, 2)}\n`);
  else {
    const extra = [summary.stopped ? `${summary.stopped} stopped (partial)` : '', summary.skipped ? `${summary.skipped} skipped` : '', summary.failed ? `${summary.failed} failed` : ''].filter((x) => x !== '');
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    process.stdout.write(`${plural(records.length, 'file')}: ${summary.withModels} with models (${plural(models, 'model')}), ${withErrors} with shape errors${extra.length > 0 ? `, ${extra.join(', ')}` : ''}\n`);
  }
  return withErrors > 0 ? 1 : 0;
}

export async function runShapesCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`model-lens shapes: ${args}\nusage: model-lens ${SHAPES_USAGE}\n`);
    return 2;
  }
  let isDir = false;
  try {
    isDir = (await stat(args.target)).isDirectory();
  } catch {
    // not there: loadSource says so, as "cannot read"
  }
  return isDir ? runFolder(args.target, args) : runFile(args.target, args);
}
