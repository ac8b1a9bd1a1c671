// The corpus measurement: real public model files (fetched into a folder outside the repository,
// never committed) analysed statically and compared with what the real frameworks compute.
//   npx tsx bench/corpus/measure.ts CORPUS_DIR [--split dev|heldout|all] [--only TEXT] [--manifest FILE] [--refresh] [--verbose | --verbose-built] [--json]
// CORPUS_DIR/manifest.json (or --manifest FILE: the same files built another way) lists the files (.py, .ipynb: its code cells in order, .js, .ts): {"files": [{"path": "owner+repo/dir/file.py",
// "split": "dev" | "heldout", "build": "python or js code", "argv": ["--flag"], tfjs: "builds":
// ["js code", …] instead of build, each built in its own process as one run of the script builds one
// of them}]}; the first path
// segment names the repository. PyTorch truth: bench/corpus/torchTruth.py (the file's own run with
// forward hooks on every module); TensorFlow.js truth: bench/corpus/tfjsTruth.ts (the file's model
// builders run by tfjs 4.22). Truths are cached in CORPUS_DIR/.truth/.
// Printed: files, repositories, models found, % of layers exact (output shape of every call and
// parameter count), and every wrong number shown as known (layer or block shape, parameter count,
// model output, total, input, or an error diagnostic on code that runs) — the goal is 0.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { analyzeText, languageOfFile } from '../../src/analysis/analyze';
import { loadParsers } from '../../src/analysis/parser';
import type { AnalysisResult, ModelInfo, WorkspaceFiles } from '../../src/analysis/types';
import { notebookProgram, readIpynb } from '../../src/analysis/notebook';
import type { Truth, TruthModule, TruthRoot } from './truth';

const HERE = __dirname;
const ROOT = join(HERE, '..', '..');
const PYTHON = '/usr/bin/python3';
const TRUTH_VERSION = '20';
// (Truths cached before `ownRunError` was recorded lack it: delete a file's cached truth to record it.)

interface Entry {
  path: string;
  split?: 'dev' | 'heldout';
  build?: string;
  /** tfjs: each model built in its own process, instead of `build` (tfjs numbers default names per process, and a run of the script builds one of them). */
  builds?: string[];
  argv?: string[];
}

interface Wrong {
  file: string;
  what: 'layer shape' | 'block shape' | 'params' | 'total' | 'output' | 'input' | 'diagnostic' | 'phantom layer';
  detail: string;
}

interface FileScore {
  file: string;
  repo: string;
  split: string;
  /**
   * 'written': the file as it is; 'given': with the input given where the file has none; 'built':
   * the manifest's build code written below the file (the call a user writes in a script or a
   * notebook cell beside the model: its constructor arguments and input) and the script run
   * with the manifest's `argv` as its command line, as the truth ran it; then the input given.
   */
  mode: 'written' | 'given' | 'built';
  models: number;
  found: number;
  layers: number;
  exact: number;
  wrong: Wrong[];
  unknown: string[];
  note?: string;
}

function args(): { corpus: string; manifest: string; split: string; only?: string; refresh: boolean; verbose: boolean; verboseMode: 'given' | 'built'; json: boolean } {
  const a = process.argv.slice(2);
  const valued = new Set(['--split', '--only', '--manifest']);
  const corpus = a.find((x, i) => !x.startsWith('--') && !valued.has(a[i - 1] ?? ''));
  if (!corpus) {
    console.error('usage: measure.ts CORPUS_DIR [--split dev|heldout|all] [--only TEXT] [--manifest FILE] [--refresh] [--verbose | --verbose-built] [--json]');
    process.exit(2);
  }
  const val = (k: string): string | undefined => (a.includes(k) ? a[a.indexOf(k) + 1] : undefined);
  const only = val('--only');
  const manifest = val('--manifest');
  return {
    corpus: resolve(corpus), manifest: manifest ? resolve(manifest) : join(resolve(corpus), 'manifest.json'), split: val('--split') ?? 'dev', ...(only ? { only } : {}),
    refresh: a.includes('--refresh'), verbose: a.includes('--verbose') || a.includes('--verbose-built'), verboseMode: a.includes('--verbose-built') ? 'built' : 'given', json: a.includes('--json'),
  };
}

/** 30 % of the files, chosen by a hash of their path: looked at only for the final figure. */
function splitOf(e: Entry): 'dev' | 'heldout' {
  if (e.split) return e.split;
  const h = createHash('sha1').update(e.path).digest();
  return BigInt(`0x${h.toString('hex')}`) % 10n < 3n ? 'heldout' : 'dev';
}

function truthFor(corpus: string, e: Entry, refresh: boolean): Truth {
  if (e.builds) {
    const parts = e.builds.map((b) => truthFor(corpus, { path: e.path, build: b }, refresh));
    return { roots: parts.flatMap((t, i) => t.roots.map((r) => ({ ...r, variable: `${r.variable}[${i}]`, build: e.builds![i] }))), error: parts.find((t) => t.error !== null)?.error ?? null };
  }
  const file = join(corpus, e.path);
  const text = readFileSync(file, 'utf8');
  const key = createHash('sha1').update(TRUTH_VERSION).update(text).update(e.build ?? '').update(JSON.stringify(e.argv ?? [])).digest('hex').slice(0, 16);
  const cache = join(corpus, '.truth', `${e.path.replace(/\//g, '__')}.${key}.json`);
  if (!refresh && existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Truth;
  let out: string;
  try {
    if (languageOf(file) === 'python') {
      const cmd = [join(HERE, 'torchTruth.py'), file, ...(e.build ? ['--build', e.build] : []), ...(e.argv ? ['--argv', ...e.argv] : [])];
      out = execFileSync(PYTHON, cmd, { cwd: dirname(file), maxBuffer: 256 * 1024 * 1024, timeout: 240_000, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    } else {
      out = execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(HERE, 'tfjsTruth.ts'), file, ...(e.build ? ['--build', e.build] : [])], { cwd: dirname(file), maxBuffer: 256 * 1024 * 1024, timeout: 240_000, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    }
  } catch (err) {
    const stdout = (err as { stdout?: Buffer }).stdout?.toString() ?? '';
    out = stdout.trim().startsWith('{') ? stdout : JSON.stringify({ roots: [], error: `runner failed: ${String(err).slice(0, 200)}` });
  }
  const json = out.lastIndexOf('{"roots"');
  let truth: Truth;
  try {
    truth = JSON.parse(json >= 0 ? out.slice(json) : out) as Truth;
  } catch {
    truth = { roots: [], error: `the runner printed no result: ${out.slice(0, 120)}` };
  }
  mkdirSync(dirname(cache), { recursive: true });
  writeFileSync(cache, JSON.stringify(truth));
  return truth;
}

/**
 * The build written below the file, as a user would write the call: Python runs in the file's
 * namespace after it (as torchTruth.py does); a tfjs build is an expression, kept in a variable.
 * undefined: nothing to add (no build, or several tfjs builds that tfjs runs in separate processes).
 */
/** A file's program text: a notebook's code cells in order (as the editor and the CLI read them), else the file. */
function programText(file: string): string {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.ipynb') ? notebookProgram(readIpynb(text).cells).text : text;
}

/** A notebook is a Python program. */
function languageOf(file: string): ReturnType<typeof languageOfFile> {
  return file.endsWith('.ipynb') ? 'python' : languageOfFile(file);
}

/** The variable a tfjs build expression is kept in below the file. */
const BUILT_NAME = '__modelLensBuilt';

function builtTail(e: Entry, file: string): string | undefined {
  if (languageOf(file) === 'python') return e.build;
  const one = e.builds ? (e.builds.length === 1 ? e.builds[0] : undefined) : e.build;
  return one === undefined ? undefined : `const ${BUILT_NAME} = (${one});`;
}

function workspaceFor(corpus: string, file: string): WorkspaceFiles {
  const repoRoot = join(corpus, relative(corpus, file).split('/')[0]!);
  let listed: string[] | undefined;
  return {
    fileName: file,
    root: repoRoot,
    readFile: (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    listFiles: (ext) => {
      if (!listed) {
        listed = [];
        const walk = (d: string): void => {
          for (const n of readdirSync(d)) {
            const p = join(d, n);
            if (n.startsWith('.')) continue;
            if (statSync(p).isDirectory()) walk(p);
            else listed!.push(p);
          }
        };
        walk(repoRoot);
      }
      return listed.filter((p) => extname(p) === ext);
    },
  };
}

const shapeText = (s: readonly number[] | null | undefined): string => (s ? `[${s.join(', ')}]` : '?');

/**
 * The file's function, method and class definitions whose names the build expression calls
 * (`getCritic(8)`, `new Agent(4)`): 0-based lines where each such definition starts, and the lines
 * of every definition, so a model can be placed in the definition it is written in.
 */
function builtDefinitions(source: string, build: string | undefined): { named: Set<number>; noArgs: Set<number>; all: number[] } {
  const called = new Set([...(build ?? '').matchAll(/([A-Za-z_$][\w$]*)\s*\(/g)].map((m) => m[1]!));
  // Called only with no arguments (`mlp()`): the same model wherever the file would call it.
  const withArgs = new Set([...(build ?? '').matchAll(/([A-Za-z_$][\w$]*)\s*\(\s*[^)\s]/g)].map((m) => m[1]!));
  const named = new Set<number>();
  const noArgs = new Set<number>();
  const all: number[] = [];
  source.split('\n').forEach((line, i) => {
    const m = /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\s*\*?\s*([A-Za-z_$][\w$]*)|class\s+([A-Za-z_$][\w$]*)|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:(?:module\.)?exports\.[A-Za-z_$][\w$]*\s*=\s*)?(?:async\s*)?(?:function\b|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>))/.exec(line);
    if (!m) return;
    all.push(i);
    const name = m[1] ?? m[2] ?? m[3]!;
    if (called.has(name)) named.add(i);
    if (called.has(name) && !withArgs.has(name)) noArgs.add(i);
  });
  return { named, noArgs, all };
}

/** Is the model written in a definition the build calls with no arguments (builtDefinitions)? */
function inNoArgBuilder(m: ModelInfo, source: string, build: string | undefined): boolean {
  const defs = builtDefinitions(source, build);
  return writtenIn(m, defs.all, defs.noArgs);
}

/** Is the model held, or its first layer made, in one of these definitions (starting lines among all of them)? */
function writtenIn(m: ModelInfo, all: number[], starts: Set<number>): boolean {
  return [m.range.start.line, m.layers[0]?.range.start.line].some((line) => line !== undefined && starts.has(Math.max(-1, ...all.filter((d) => d <= line))));
}

function modelFor(result: AnalysisResult, root: TruthRoot, tfjs: boolean, source = '', claimed?: ReadonlySet<string>): ModelInfo | undefined {
  if (tfjs) {
    // tfjs models are matched by their layers' names (tfjs's own names, defaults included). Two
    // builders in one file name their layers alike (both start at dense_Dense1): a tie goes to the
    // model the build's variable holds, then to the one written in a definition the build calls
    // (as written, another file may call the other builder), then to one whose input is known.
    // As written, a builder's default names may count on from another's (a function the file never
    // calls runs them in turn; each build runs in a fresh process): for a model written in a
    // builder the build calls with no arguments (the same model wherever it runs), names are
    // compared as tfjs's fresh process numbers them (defaultNameShift).
    const names = new Set(Object.keys(root.modules));
    const defs = builtDefinitions(source, root.build);
    // (Where the model is held, or where its first layer is made: a builder called elsewhere makes it inside.)
    const within = (m: ModelInfo, set: Set<number>): boolean => writtenIn(m, defs.all, set);
    const inCalled = (m: ModelInfo): boolean => within(m, defs.named);
    let best: ModelInfo | undefined;
    let bestHits = 0;
    for (const m of result.models) {
      // A model with no layer in common is another model (an empty tf.sequential() of another
      // branch), unless the framework's has no layers either.
      const shift = within(m, defs.noArgs) ? defaultNameShift(m.layers.map((l) => l.name), [...names]) : undefined;
      const layerNames = unsureNames(m.layers.map((l) => shift?.get(l.name) ?? l.name), [...names]);
      if (names.size > 0 && !layerNames.some((l) => names.has(l))) continue;
      // The most layers in common, then the fewest the framework's model does not have.
      // (Held by the build's own variable first: it is the model the build made.)
      const hits = layerNames.filter((l) => names.has(l)).length - 0.001 * layerNames.filter((l) => !names.has(l)).length + (m.name === BUILT_NAME ? 0.0004 : 0) + (inCalled(m) ? 0.0002 : 0) + (m.inputSource !== 'none' ? 0.0001 : 0);
      if (hits > bestHits) {
        best = m;
        bestHits = hits;
      }
    }
    return best;
  }
  const isContainer = root.classModule.startsWith('torch.nn.modules');
  // A model a factory built (`m = resnet18()`) is the analysis's model named by that factory
  // (the outermost one the analysis lists), else its class's.
  if (!isContainer) {
    // (A factory called with arguments, `m = ghostnet(width=1.3)`: the analysis's model of the variable is
    // that build; its model named by the factory is the factory run with its defaults.)
    const held = root.binding !== undefined && (root.factories ?? []).length > 0 ? result.models.find((x) => x.name === root.binding && (root.builtAtLine === undefined || x.range.start.line + 1 === root.builtAtLine)) : undefined;
    if (held) return held;
    for (const f of [...(root.factories ?? [])].reverse()) {
      const m = result.models.find((x) => x.name === f);
      if (m) return m;
    }
    // A class the file builds in several ways: the analysis's model of the instance a module-level name holds.
    // A name bound again later (`blk = Residual(3, 3); blk(X); blk = Residual(3, 6)`) names the
    // analysis's model of its last instance: the one built on the line this instance was built on.
    // A loop binding one name to instances of several classes (`for k in names: m = get_model(k)`)
    // builds them all on one line: the analysis's model there is this root's only if its layers are.
    const sameLayers = (x: ModelInfo): boolean => {
      const size = Object.keys(root.modules).length;
      const crowded = result.models.filter((y) => y.range.start.line === x.range.start.line).length > 1;
      return !crowded || size === 0 || x.layers.filter((l) => l.path in root.modules).length * 2 >= Math.max(size, x.layers.length);
    };
    const bound = root.binding !== undefined ? result.models.find((x) => x.name === root.binding && (root.builtAtLine === undefined || x.range.start.line + 1 === root.builtAtLine) && sameLayers(x)) : undefined;
    if (bound) return bound;
  }
  // A layer held by a local of the code that built it (YOLOv5's `m` in parse_model) is not the model a
  // module-level name of that spelling holds (`m = Model('yolov5s.yaml')`).
  if (isContainer && root.binding === undefined && claimed?.has(root.variable)) return undefined;
  const named = result.models.filter((m) => m.name === (isContainer ? root.variable : root.class));
  // A class defined again under its name: the definition on the root's class line.
  return (root.classLine !== undefined && named.length > 1 ? named.find((m) => m.range.start.line + 1 === root.classLine || m.extent.start.line + 1 === root.classLine) : undefined) ?? named[0];
}

/**
 * Default names the analysis could not number (`dense_Dense?`: a builder that may run more than once,
 * from a click listener or after an await): when tfjs's model has as many names of that class, the
 * analysis's are paired with them in order (tfjs numbers them in the order they are made).
 */
function unsureNames(ours: string[], real: string[]): string[] {
  const prefixOf = (n: string): string | undefined => /^([a-z0-9_]+_[A-Z][A-Za-z0-9]*?)\?$/.exec(n)?.[1];
  const theirs = new Map<string, string[]>();
  for (const n of real) {
    const d = /^([a-z0-9_]+_[A-Z][A-Za-z0-9]*?)(\d+)$/.exec(n);
    if (d) theirs.set(d[1]!, [...(theirs.get(d[1]!) ?? []), n]);
  }
  for (const list of theirs.values()) list.sort((a, b) => Number(/(\d+)$/.exec(a)![1]) - Number(/(\d+)$/.exec(b)![1]));
  const counts = new Map<string, number>();
  for (const n of ours) {
    const p = prefixOf(n);
    if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const next = new Map<string, number>();
  return ours.map((n) => {
    const p = prefixOf(n);
    const list = p ? theirs.get(p) : undefined;
    if (!p || !list || list.length !== counts.get(p)) return n;
    const i = next.get(p) ?? 0;
    next.set(p, i + 1);
    return list[i]!;
  });
}

/**
 * tfjs numbers default names (`dense_Dense3`) per process: a builder the file as written runs after
 * others counts on from them, while the build ran it in a fresh process. When every default name
 * of a class is off from tfjs's by one same amount (the same count of that class, in order), the
 * analysis's names map onto tfjs's; otherwise names stay as they are.
 */
function defaultNameShift(ours: string[], real: string[]): Map<string, string> {
  const byClass = (names: string[]): Map<string, number[]> => {
    const out = new Map<string, number[]>();
    for (const n of names) {
      const d = /^([a-z0-9_]+_[A-Z][A-Za-z0-9]*?|sequential_|model)(\d+)$/.exec(n);
      if (d) out.set(d[1]!, [...(out.get(d[1]!) ?? []), Number(d[2])]);
    }
    return out;
  };
  const a = byClass(ours);
  const b = byClass(real);
  const map = new Map<string, string>();
  for (const [prefix, mine] of a) {
    const theirs = b.get(prefix);
    if (!theirs || theirs.length !== mine.length) continue;
    const x = [...mine].sort((p, q) => p - q);
    const y = [...theirs].sort((p, q) => p - q);
    const shift = x[0]! - y[0]!;
    if (shift === 0 || x.some((v, i) => v - y[i]! !== shift)) continue;
    for (const v of x) map.set(`${prefix}${v}`, `${prefix}${v - shift}`);
  }
  return map;
}

/**
 * Compares every model the framework ran with the analysis. `rerun` re-analyses one model with
 * the input given (what `--input` / "Set input shape…" does) when the file itself never feeds it.
 */
function compareFile(file: string, source: string, truth: Truth, result: AnalysisResult, score: FileScore, rerun?: (model: string, inputs: number[][]) => AnalysisResult): void {
  const tfjs = languageOf(file) !== 'python';
  const wrong = (what: Wrong['what'], detail: string): void => {
    score.wrong.push({ file, what, detail });
  };
  const matched = new Set<ModelInfo>();
  // Several tfjs models may be listed under one name (unnamed ones are all `model`): the rerun's
  // model is the one of that name made at the same place. Several made there (one builder run by
  // several others) cannot be told apart, so none of them is given the input.
  const at = (x: ModelInfo): string => `${x.name}@${x.range.start.line}:${x.range.start.character}`;
  const alone = (m: ModelInfo): boolean => result.models.filter((x) => at(x) === at(m)).length === 1;
  const rerunOf = (m: ModelInfo, inputs: number[][]): AnalysisResult => {
    const again = rerun!(m.name, inputs);
    return { ...again, models: again.models.filter((x) => at(x) === at(m)), diagnostics: [] };
  };
  const labels = new Set<string>();
  // The module-level names that hold the models the framework ran.
  const claimed = new Set(truth.roots.flatMap((r) => (r.binding !== undefined ? [r.binding] : [])));
  // tfjs builds that name a variable of the file (`snapshotModel`) are paired first: a builder's call
  // after the file ran (`createModel()`) makes a model the file as written may not hold.
  const bare = (r: TruthRoot): boolean => tfjs && /^\s*[A-Za-z_$][\w$]*\s*$/.test(r.build ?? '');
  // (PyTorch: a model a module-level name of the file holds comes before one of the same class built elsewhere —
  // an imported module's smoke test run at import —, which the "run twice counts once" rule then drops.)
  const ownFirst = (r: TruthRoot): number => (tfjs || r.binding !== undefined ? 0 : 1);
  const roots = [...truth.roots.filter(bare), ...truth.roots.filter((r) => !bare(r))].map((r, i) => ({ r, i })).sort((a, b) => ownFirst(a.r) - ownFirst(b.r) || a.i - b.i).map(({ r }) => r);
  for (const root of roots) {
    // The same model run twice (a `__main__` block and the build) counts once.
    const key = `${root.class}|${root.classModule.startsWith('torch.nn.modules') ? root.variable : ''}`;
    if (!tfjs && labels.has(key)) continue;
    labels.add(key);
    // Several inputs are given (as `--input "(…),(…)"` does) only when every positional argument was a
    // tensor; tensors inside a tuple (`m((mel, audio))`) cannot be given so.
    if (rerun && !root.nested && (root.inputs.length === 1 || (root.inputs.length > 1 && (tfjs || root.positional === root.inputs.length)))) {
      let first = modelFor(result, root, tfjs, source, claimed);
      let again: AnalysisResult | undefined;
      if (first?.inputSource === 'none') again = !tfjs ? { ...rerun(first.name, root.inputs), diagnostics: [] } : alone(first) ? rerunOf(first, root.inputs) : undefined;
      if (!first && tfjs) {
        // Without its input the analysis named nothing tfjs has (a builder's unknown tf.input): each
        // model without an input is given the truth's, as "Set input shape…" on it does; the one that
        // then matches is it (every layer it names, tfjs has).
        const names = new Set(Object.keys(root.modules));
        // (Builders of one network at several widths name their layers alike: a tie goes to the
        // model written in a definition the build calls, as modelFor does.)
        const defs = builtDefinitions(source, root.build);
        let bestHits = 0;
        for (const m of result.models) {
          if (m.inputSource !== 'none' || matched.has(m) || !alone(m)) continue;
          const a = rerunOf(m, root.inputs);
          const ours = a.models[0]?.layers.filter((l) => l.kind !== 'InputLayer' && !l.name.includes('?')) ?? [];
          const hits = ours.length > 0 && ours.every((l) => names.has(l.name)) ? ours.length + (writtenIn(m, defs.all, defs.named) ? 0.5 : 0) : 0;
          if (hits > bestHits) {
            [first, again, bestHits] = [m, a, hits];
          }
        }
      }
      if (first && again) {
        if (tfjs) matched.add(first);
        compareFile(file, source, { ...truth, roots: [root] }, again, score);
        continue;
      }
    }
    score.models++;
    const paths = Object.keys(root.modules);
    const leaf = paths.length === 0;
    const m = modelFor(result, root, tfjs, source, claimed);
    const label = root.classModule.startsWith('torch.nn.modules') ? root.variable : root.class;
    score.layers += leaf ? 1 : paths.length;
    if (!m || matched.has(m)) {
      score.unknown.push(`${label}: model not found`);
      continue;
    }
    matched.add(m);
    score.found++;
    const ourInput = m.inputs[0];
    const realInput = root.inputs[0];
    // The analysis shows the file's own call (`__main__`'s input), which stopped before it ran here,
    // while the framework ran the build's another input: the shapes answer different calls, the
    // parameter counts still compare.
    const otherCall = !tfjs && !!truth.ownRunError && !!ourInput && !!realInput && !sameShape(ourInput, realInput, tfjs);
    // The file's own run failed inside a model, or before its call: the analysis's input is that run's, the build's another.
    if (!truth.ownModelError && !otherCall && ourInput && realInput && !sameShape(ourInput, realInput, tfjs)) wrong('input', `${label}: input ${shapeText(ourInput)}, ${tfjs ? 'tfjs built' : 'PyTorch ran'} ${shapeText(realInput)}`);
    if (m.output.known && root.output && !otherCall && !sameShape(m.output.shape, root.output, tfjs)) wrong('output', `${label}: output ${shapeText(m.output.shape)}, real ${shapeText(root.output)}`);
    if (m.totalParams !== null && m.totalParams !== root.total) wrong('total', `${label}: total ${m.totalParams}, real ${root.total}`);
    const renumber = tfjs && inNoArgBuilder(m, source, root.build) ? defaultNameShift(m.layers.map((l) => l.name), Object.keys(root.modules)) : undefined;
    // A bare built-in layer run as the model (`mha = nn.MultiheadAttention(…)`): the analysis lists it
    // as its own first layer, its inner layers under its name (`mha.out_proj`); PyTorch's are the
    // root's own (`out_proj`), and the root's total and output are compared above.
    const bare = !tfjs && !leaf && root.classModule.startsWith('torch.nn.modules') && m.layers[0]?.path === m.name;
    const pathOf = (p: string): string => (bare && p.startsWith(`${m.name}.`) ? p.slice(m.name.length + 1) : p);
    const tfNames = tfjs ? unsureNames(m.layers.map((l) => renumber?.get(l.name) ?? l.name), Object.keys(root.modules)) : [];
    const byPath = new Map(m.layers.map((l, i) => [l, i] as const).filter(([l]) => !(bare && l.path === m.name)).map(([l, i]) => [tfjs ? tfNames[i]! : pathOf(l.path), l]));
    const modules: [string, TruthModule][] = leaf ? [[label, { params: root.total, kind: root.class, calls: [root.output] }]] : Object.entries(root.modules);
    // A model with no modules inside (parameters of its own, or none: `LinearRegressionModel`, a
    // Flatten) is its own one layer: its total and its output.
    const whole = leaf && !tfjs ? ({ path: label, params: m.totalParams, calls: [{ output: m.output }] } as unknown as (typeof m.layers)[number]) : undefined;
    for (const [path, real] of modules) {
      const ours = byPath.get(path) ?? (path === label ? whole : undefined);
      if (!ours) {
        score.unknown.push(`${label}.${path}: not listed`);
        continue;
      }
      byPath.delete(path);
      const block = !BUILTIN_KINDS.test(real.kind);
      let ok = true;
      if (ours.params === null) {
        ok = false;
        score.unknown.push(`${label}.${path}: params unknown`);
      } else if (ours.params !== real.params) {
        ok = false;
        wrong('params', `${label}.${path} (${real.kind}): params ${ours.params}, real ${real.params}`);
      }
      const realCalls = real.calls.map(shapeText);
      const ourKnown = ours.calls.map((c) => (c.output.known ? shapeText(c.output.shape) : undefined));
      if (otherCall) {
        ok = false;
        score.unknown.push(`${label}.${path}: shapes not compared (the file's own call, input ${shapeText(ourInput)}, stopped before it ran: ${truth.ownRunError!.slice(0, 60)})`);
      } else if (!tfjs && real.kind === 'RecursiveScriptModule') {
        // PyTorch refuses hooks on script modules: their calls are never recorded, so neither checked.
        ok = false;
        score.unknown.push(`${label}.${path}: call 1 unknown (PyTorch records no calls of a script module)`);
      } else if (tfjs) {
        const o = ours.output.known ? ours.output.shape : null;
        const r = real.calls[0] ?? null;
        if (!o) {
          ok = false;
          score.unknown.push(`${label}.${path}: shape unknown (${ours.output.known ? '' : ours.output.reason.en})`);
        } else if (!r || !sameShape(o, r, true)) {
          ok = false;
          wrong(block ? 'block shape' : 'layer shape', `${label}.${path} (${real.kind}): ${shapeText(o)}, real ${shapeText(r)}`);
        }
      } else {
        // A call the analysis says may not happen (under an undecided condition) before calls it is
        // sure of takes no place of its own when those are as many as PyTorch's: they are paired in order.
        const maybe = ours.calls.map((c) => !c.output.known && /called under a condition|any number of times/.test(c.output.reason.en));
        const sure = ours.calls.map((_, i) => i).filter((i) => !maybe[i]);
        const paired = maybe.some((m, i) => m && sure.some((j) => j > i)) && sure.length === realCalls.length;
        if (paired) {
          ok = false;
          score.unknown.push(`${label}.${path}: a call that may not happen (${(ours.calls[maybe.indexOf(true)]!.output as { reason: { en: string } }).reason.en})`);
        }
        const at = (i: number): number => (paired ? (sure[i] ?? -1) : i);
        for (let i = 0; i < Math.max(realCalls.length, paired ? sure.length : ourKnown.length); i++) {
          const o = ourKnown[at(i)];
          const r = realCalls[i];
          if (o === undefined) {
            if (r !== undefined) {
              ok = false;
              const why = ours.calls[i] && !ours.calls[i]!.output.known ? (ours.calls[i]!.output as { reason: { en: string } }).reason.en : ours.output.known ? 'not called' : ours.output.reason.en;
              score.unknown.push(`${label}.${path}: call ${i + 1} unknown (${why})`);
            }
          } else if (o !== r) {
            ok = false;
            wrong(block ? 'block shape' : 'layer shape', `${label}.${path} (${real.kind}) call ${i + 1}: ${o}, real ${r ?? 'no such call'}`);
          }
        }
      }
      if (ok) score.exact++;
    }
    const aliases = new Set(root.aliases ?? []);
    for (const [path, l] of byPath) {
      // tfjsTruth.ts leaves InputLayers out of its list (tfjs's model.layers has them); a module
      // shared by several paths is listed by PyTorch under its first path only.
      if (leaf || (tfjs && l.kind === 'InputLayer') || aliases.has(path)) continue;
      // A tfjs layer whose name the analysis says it does not know (`?`, `dense_Dense?`) cannot be
      // matched by name: it is not one the framework lacks.
      if (tfjs && l.name.includes('?')) continue;
      if (l.params !== null || l.output.known) wrong('phantom layer', `${label}.${path}: listed by the analysis, not by the framework`);
    }
  }
  // A file whose own run fails inside a model (a shape error) may be rightly flagged, whatever its build does.
  const ranFine = (truth.error === null || /StopRun/.test(truth.error)) && !truth.ownModelError;
  if (ranFine && truth.roots.length > 0) {
    for (const d of result.diagnostics.filter((x) => x.severity === 'error')) wrong('diagnostic', `line ${d.range.start.line + 1}: ${d.message.en.slice(0, 160)}`);
  }
}

const BUILTIN_KINDS = /^(Conv|ConvTranspose|Linear|Bilinear|LazyLinear|BatchNorm|InstanceNorm|LayerNorm|GroupNorm|LocalResponseNorm|Embedding|EmbeddingBag|RNN|LSTM|GRU|RNNCell|LSTMCell|GRUCell|MaxPool|AvgPool|AdaptiveAvgPool|AdaptiveMaxPool|LPPool|Dropout|AlphaDropout|ReLU|ReLU6|LeakyReLU|PReLU|ELU|SELU|CELU|GELU|SiLU|Mish|Sigmoid|Tanh|Softmax|LogSoftmax|Softmin|Softplus|Softsign|Hardtanh|Hardswish|Hardsigmoid|Tanhshrink|Threshold|Identity|Flatten|Unflatten|Upsample|UpsamplingNearest2d|UpsamplingBilinear2d|PixelShuffle|PixelUnshuffle|ZeroPad|ConstantPad|ReflectionPad|ReplicationPad|MultiheadAttention|TransformerEncoderLayer|TransformerDecoderLayer|Rearrange|Reduce|Dense|Conv\dD|MaxPooling|AveragePooling|GlobalAveragePooling|GlobalMaxPooling|Activation|Reshape|Permute|RepeatVector|SimpleRNN|Bidirectional|ZeroPadding|UpSampling|Concatenate|Add|Multiply|BatchNormalization|LayerNormalization|InputLayer|Average|Maximum|Minimum|SpatialDropout|GaussianNoise|GaussianDropout)\w*$/;

function sameShape(a: readonly number[], b: readonly number[], tfjs: boolean): boolean {
  // tfjs's batch is null (-1) unless fixed: compare from the first dimension on.
  return tfjs ? shapeText(a.slice(1)) === shapeText(b.slice(1)) && a.length === b.length : shapeText(a) === shapeText(b);
}

async function main(): Promise<void> {
  const opts = args();
  const manifest = JSON.parse(readFileSync(opts.manifest, 'utf8')) as { files: Entry[] };
  const parsers = await loadParsers(join(ROOT, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm'));
  const scores: FileScore[] = [];
  const given: FileScore[] = [];
  const built: FileScore[] = [];
  const entries = manifest.files.filter((e) => (opts.split === 'all' || splitOf(e) === opts.split) && (!opts.only || e.path.includes(opts.only)));
  for (const e of entries) {
    const file = join(opts.corpus, e.path);
    const repo = e.path.split('/')[0]!;
    const score: FileScore = { file: e.path, repo, split: splitOf(e), mode: 'written', models: 0, found: 0, layers: 0, exact: 0, wrong: [], unknown: [] };
    const scoreGiven: FileScore = { ...score, mode: 'given', wrong: [], unknown: [] };
    const truth = truthFor(opts.corpus, e, opts.refresh);
    if (truth.roots.length === 0) score.note = `the framework built no model${truth.error ? `: ${truth.error.slice(0, 120)}` : ''}`;
    const text = programText(file);
    const started = performance.now();
    const workspace = workspaceFor(opts.corpus, file);
    const result = analyzeText(parsers, text, languageOf(file)!, { workspace }, file);
    const ms = performance.now() - started;
    compareFile(e.path, text, truth, result, score);
    compareFile(e.path, text, truth, result, scoreGiven, (model, inputs) => analyzeText(parsers, text, languageOf(file)!, { workspace, onlyModel: model, forceInput: inputs }, file));
    given.push(scoreGiven);
    const scoreBuilt: FileScore = { ...score, mode: 'built', models: 0, found: 0, layers: 0, exact: 0, wrong: [], unknown: [] };
    const buildCode = builtTail(e, file);
    // The truth ran the script with `argv`: so does the built mode (the person's launch.json args, the CLI's --args).
    const scriptArgs = e.argv ? { scriptArgs: e.argv } : {};
    if (e.builds && e.builds.length > 1 && languageOf(file) !== 'python') {
      // Several tfjs builds, each run by the truth in its own process: each analysed as the file
      // with that one build written below it, compared with the models that build made.
      for (const b of e.builds) {
        const builtText = `${text}\n${builtTail({ path: e.path, builds: [b] }, file)!}\n`;
        const builtResult = analyzeText(parsers, builtText, languageOf(file)!, { workspace, ...scriptArgs }, file);
        compareFile(e.path, builtText, { ...truth, roots: truth.roots.filter((r) => r.build === b) }, builtResult, scoreBuilt, (model, inputs) => analyzeText(parsers, builtText, languageOf(file)!, { workspace, onlyModel: model, forceInput: inputs, ...scriptArgs }, file));
      }
    } else if (buildCode === undefined && !e.argv) Object.assign(scoreBuilt, { ...scoreGiven, mode: 'built' });
    else {
      const builtText = buildCode === undefined ? text : `${text}\n${buildCode}\n`;
      const builtResult = analyzeText(parsers, builtText, languageOf(file)!, { workspace, ...scriptArgs }, file);
      compareFile(e.path, builtText, truth, builtResult, scoreBuilt, (model, inputs) => analyzeText(parsers, builtText, languageOf(file)!, { workspace, onlyModel: model, forceInput: inputs, ...scriptArgs }, file));
    }
    built.push(scoreBuilt);
    if (ms > 2000) score.note = `${score.note ? `${score.note}; ` : ''}analysis took ${Math.round(ms)} ms`;
    scores.push(score);
    if (!opts.json) {
      const pct = (s: FileScore): string => (s.layers > 0 ? ((100 * s.exact) / s.layers).toFixed(0) : '-');
      const bad = score.wrong.length + scoreGiven.wrong.length + scoreBuilt.wrong.length;
      console.log(`${bad > 0 ? '✗' : ' '} ${e.path.padEnd(86)} models ${score.found}/${score.models}  exact ${score.exact}/${score.layers} (${pct(score)}%), input given ${scoreGiven.exact} (${pct(scoreGiven)}%), built ${scoreBuilt.exact}/${scoreBuilt.layers} (${pct(scoreBuilt)}%)  wrong ${score.wrong.length}+${scoreGiven.wrong.length}+${scoreBuilt.wrong.length}${score.note ? `  [${score.note}]` : ''}`);
      for (const w of score.wrong) console.log(`    WRONG ${w.what}: ${w.detail}`);
      for (const w of scoreGiven.wrong) if (!score.wrong.some((x) => x.detail === w.detail)) console.log(`    WRONG (input given) ${w.what}: ${w.detail}`);
      for (const w of scoreBuilt.wrong) if (![...score.wrong, ...scoreGiven.wrong].some((x) => x.detail === w.detail)) console.log(`    WRONG (built) ${w.what}: ${w.detail}`);
      if (opts.verbose) for (const u of (opts.verboseMode === 'built' ? scoreBuilt : scoreGiven).unknown.slice(0, 40)) console.log(`    unknown: ${u}`);
    }
  }
  const summarize = (list: FileScore[]): Record<string, unknown> => {
    const sum = (f: (s: FileScore) => number): number => list.reduce((a, s) => a + f(s), 0);
    const withModels = list.filter((s) => s.models > 0);
    const wrongBy = new Map<string, number>();
    for (const s of list) for (const w of s.wrong) wrongBy.set(w.what, (wrongBy.get(w.what) ?? 0) + 1);
    return {
      files: withModels.length,
      filesWithoutModel: list.length - withModels.length,
      repositories: [...new Set(withModels.map((s) => s.repo))].sort(),
      models: sum((s) => s.models),
      modelsFound: sum((s) => s.found),
      layers: sum((s) => s.layers),
      layersExact: sum((s) => s.exact),
      percentExact: sum((s) => s.layers) > 0 ? Math.round((1000 * sum((s) => s.exact)) / sum((s) => s.layers)) / 10 : 0,
      wrongAsKnown: sum((s) => s.wrong.length),
      wrongByKind: Object.fromEntries(wrongBy),
    };
  };
  /**
   * The layers not exact, by cause: each layer's first stated reason (names and numbers blanked,
   * so one cause across files counts once); a layer with none (not listed, count unknown) takes
   * its file's most frequent reason, which is what left it out.
   */
  const causes = (list: FileScore[]): [string, number, number][] => {
    const layers = new Map<string, { n: number; files: Set<string> }>();
    for (const s of list) {
      const reasonOf = new Map<string, string>();
      const perFile = new Map<string, number>();
      const bare: string[] = [];
      for (const u of s.unknown) {
        const at = u.indexOf(': ');
        const layer = u.slice(0, at);
        const why = /\((.*)\)$/.exec(u.slice(at + 2))?.[1];
        if (why === undefined) {
          if (!reasonOf.has(layer)) bare.push(layer);
          continue;
        }
        const cause = why.replace(/'[^']*'/g, "'…'").replace(/`[^`]*`/g, '`…`').replace(/\b\d+\b/g, 'N').replace(/\b[A-Z]\w*\.\w+\(\)/g, 'X.f()').slice(0, 110);
        if (!reasonOf.has(layer)) reasonOf.set(layer, cause);
        perFile.set(cause, (perFile.get(cause) ?? 0) + 1);
      }
      const dominant = [...perFile].sort((a, b) => b[1] - a[1])[0]?.[0];
      for (const layer of bare) if (!reasonOf.has(layer)) reasonOf.set(layer, dominant ?? (s.unknown.find((u) => u.startsWith(`${layer}: `))?.slice(layer.length + 2) ?? '?'));
      for (const cause of reasonOf.values()) {
        const c = layers.get(cause) ?? { n: 0, files: new Set<string>() };
        c.n++;
        c.files.add(s.file);
        layers.set(cause, c);
      }
    }
    return [...layers].map(([c, v]) => [c, v.n, v.files.size] as [string, number, number]).sort((a, b) => b[1] - a[1]);
  };
  const summary = { split: opts.split, manifest: opts.manifest, date: new Date().toISOString().slice(0, 10), loadAverage: loadavg()[0], asWritten: summarize(scores), inputGiven: summarize(given), built: summarize(built) };
  if (opts.json) console.log(JSON.stringify({ summary, files: scores, filesInputGiven: given, filesBuilt: built }, null, 2));
  else {
    const w = summary.asWritten as { files: number; filesWithoutModel: number; repositories: string[] };
    console.log('');
    console.log(`manifest ${summary.manifest}\nsplit ${summary.split}: ${w.files} files with models (${w.filesWithoutModel} where the framework built none), ${w.repositories.length} repositories: ${w.repositories.join(', ')}`);
    for (const [label, s] of [['as written', summary.asWritten], ['input given where the file has none', summary.inputGiven], ['built as the manifest builds it (constructor arguments and input written below the file, the script run with its argv)', summary.built]] as const) {
      const x = s as { modelsFound: number; models: number; layersExact: number; layers: number; percentExact: number; wrongAsKnown: number; wrongByKind: object };
      console.log(`${label}: models found ${x.modelsFound}/${x.models}; layers exact ${x.layersExact}/${x.layers} = ${x.percentExact} %; wrong numbers shown as known: ${x.wrongAsKnown} ${JSON.stringify(x.wrongByKind)}`);
    }
    for (const [label, list] of [['as written', scores], ['input given', given], ['built', built]] as const) {
      console.log(`\nlayers not exact ${label}, by cause (top 30):\n${'layers'.padStart(7)} ${'files'.padStart(5)}  cause`);
      for (const [cause, n, files] of causes(list).slice(0, 30)) console.log(`${String(n).padStart(7)} ${String(files).padStart(5)}  ${cause}`);
    }
  }
}

void main();
