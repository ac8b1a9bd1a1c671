// PyTorch models in Python source. Discovery first: the file's own code runs on the abstract
// interpreter (module-level statements, the `__main__` block, then the top-level functions nothing
// calls, such as `test()`), and every nn.Module it builds and every tensor it feeds one is
// observed. The models are the file's nn.Module subclasses and the containers it builds outside a
// class (`model = nn.Sequential(...)`); each is analysed with the constructor arguments and the
// input the code gave it (or an `# input:` comment, the CLI, the setting), and reports each layer's
// calls, shapes and parameters. Anything it cannot follow becomes `unknown` with a reason; it never
// guesses a dimension.
//   pyProgram.ts      what a file declares (classes, functions, imports, module-level names)
//   pyInterpreter.ts  statements and expressions over abstract values
//   torchModules.ts   nn.Module instances, their names and parameters, the per-model records
//   torchOps.ts       tensor operations' shape rules (torchLayers.ts: the nn layer classes)
//   torchData.ts      datasets, transforms, data loaders, argparse: where inputs come from
import { basename, isAbsolute, resolve } from 'node:path';
import type { Node, Tree } from './parser';
import { NodeCache } from './parser';
import type { ScriptArgs } from './argparseArgv';
import type { AnalyzeOptions, InputOrigin, InputSource, ModelInfo, Msg, ShapeDiagnostic, ShapeResult, WorkspaceFiles } from './types';
import type { Arg, ArgList } from './torchLayers';
import { describe, firstTensor, type Callable, isPlain, isPlainConstant, sameValue, toShape, tupleOutputs, unknown, unknownModule, type Value } from './values';
import { pythonBlocks } from './markdownBlocks';
import { parseInputAnnotations, type InputAnnotation } from './inputAnnotation';
import { ClassIndex, PyProgram, importBinds, type ClassDef } from './pyProgram';
import { Budget, PyInterpreter, tensorAsReceived, tooLong, type RunObserver, type Scope } from './pyInterpreter';
import type { OpenedText } from './pyFiles';
import { TorchModules, type ModuleInst } from './torchModules';
import { TORCHVISION_MODELS_FILE, TORCHVISION_MODELS_PROGRAM, isTorchvisionModelsModule } from './torchvisionModels';
import { TORCHVISION_OPS_FILE, TORCHVISION_OPS_SOURCE, isTorchvisionOpsModule, torchvisionModuleOf } from './torchvisionOps';
import { TIMM_LAYERS_FILE, TIMM_LAYERS_SOURCE, isTimmLayersModule } from './timmLayers';

/** sys.argv written other than by `sys.argv = […]` / `sys.argv[i] = …` / its list methods, which the interpreter follows. */
const ARGV_UNFOLLOWED = /patch(?:\.object)?\s*\(\s*(?:['"]sys\.argv['"]|sys\s*,\s*['"]argv['"])|setattr\s*\(\s*(?:os\.)?sys\s*,\s*['"]argv['"]|\bos\.sys\.argv\b|sys\.modules\s*\[\s*['"]sys['"]\s*\]|vars\s*\(\s*sys\s*\)|from\s+sys\s+import\s+[^\n]*\bargv\b/;
/** A file with more models than this is generated, not written: the first ones are analysed. */
const MAX_MODELS = 200;
/** Line notes kept per file (RunObserver.noted: version warnings, constructor errors; one per line). */
const MAX_NOTES = 50;
/** Top-level functions nothing calls that the discovery runs (`test()`, factories). */
const MAX_ENTRY_FUNCTIONS = 40;
/** Workspace files loaded for imports. */
const MAX_PROGRAMS = 40;
/** Workspace files searched for code that builds this file's models, and run. */
const MAX_USAGE_FILES_SCANNED = 400;
const MAX_USAGE_FILES_RUN = 4;
/** Functions run per usage file (tests, `main()`). */
const MAX_USAGE_FUNCTIONS = 8;
/** Markdown files read for usage examples, and their code blocks run. */
const MAX_DOC_FILES_SCANNED = 20;
const MAX_DOC_BLOCKS_RUN = 8;
const MAX_IMPORTED_CHARS = 1_000_000;

/** What the Python analysis reports; `cap` when the file has more models than it analyses. */
export interface PythonAnalysis {
  models: ModelInfo[];
  diagnostics: ShapeDiagnostic[];
  cap?: { analysed: number; found: number; lastLine: number };
}

/** Parses another workspace file (the caller owns the parser). */
export type ParsePython = (text: string) => Tree | undefined;
/** The tree of one of the analysis's own library programs (torchvision): parsed once, kept by the caller, never deleted here. */
export type LibraryTree = (file: string, text: string) => Tree | undefined;

export function analyzePythonTree(root: Node, text: string, opts: AnalyzeOptions, parse?: ParsePython, libraryTree?: LibraryTree): PythonAnalysis {
  const a = new PyAnalyzer(root, text, opts, parse, libraryTree);
  try {
    return a.run();
  } finally {
    a.dispose();
  }
}

/**
 * How the code instantiated a model class. Priority: 1 the program itself, 2 a usage function
 * (`test()`) or another workspace file, 3 a factory nothing calls, 4 a documentation example,
 * 5 a test when a script may also build the class with arguments the analysis cannot read.
 */
interface Creation {
  priority: number;
  ctor: Map<string, Value>;
  inst: ModuleInst;
  inside: boolean;
  /** Made by test code (a test file, a pytest function, a unittest method). */
  test?: boolean;
}

/** Test code by its path: `tests/…`, `test_x.py`, `x_test.py`. */
const TEST_PATH = /(^|\/)(tests?\/|test_[^/]*\.py$|[^/]*_test\.py$)/;

/** A test file of the workspace: judged by its path inside the workspace (a project kept under ~/test/ is not all tests). */
function isTestPath(path: string, root: string): boolean {
  return TEST_PATH.test(path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path);
}

interface Fed {
  inputs: Value[];
  /** What the call gave forward by name past the inputs placed in order (see forwardInputs). */
  keywords?: Map<string, Value>;
  node: Node | undefined;
  inst: ModuleInst;
  /** Order of the call among every first call the run saw. */
  seq: number;
  /** Fed through this method of the module, not its forward (`model.encode(x)`). */
  method?: string;
  /** How many modules existed at the call: a container made later (`net = nn.Sequential(conv, head)` after `conv(probe)`) was not walked by it. */
  made?: number;
}

class PyAnalyzer implements RunObserver {
  private fedSeq = 0;
  private readonly nc = new NodeCache();
  private readonly main: PyProgram;
  private readonly index: ClassIndex;
  private readonly mods: TorchModules;
  private readonly interp: PyInterpreter;
  private readonly programs = new Map<string, PyProgram | null>();
  private loadedPrograms = 0;
  private readonly trees: Tree[] = [];
  private readonly creations = new Map<ClassDef, Creation[]>();
  private readonly fedInst = new Map<number, Fed>();
  private readonly fedClass = new Map<ClassDef, Fed>();
  /** Modules the code runs only through another method (`model.encode(x)`): that method's first call with tensors. */
  private readonly fedMethod = new Map<number, Fed>();
  /** Each other method the code runs a model through, at its first call, in order (`model.decode(…)`, `model.project(…)` after `model.encode(…)`). */
  private readonly laterMethods = new Map<number, Fed[]>();
  /** `variable`: the module-level name holding an instance of another file's class (listed by its class). */
  /** Models named by a variable; `run`: the priority of the run that bound it (1: the program's own). */
  private readonly containers: { inst: ModuleInst; name: string; node: Node; variable?: string; run?: number }[] = [];
  private phase: 'entry' | 'model' = 'entry';
  private priority = 1;
  private forwardCalls = 0;
  /** While a Markdown code block runs: its program, and "README.md" as its messages name it. */
  private doc: { program: PyProgram; at: string } | undefined;
  /** While test code runs as a usage: its creations are marked `test`. */
  private inTest = false;
  /** The call being evaluated when a module is fed, for "input from … at line N". */

  constructor(
    root: Node,
    private readonly text: string,
    private readonly opts: AnalyzeOptions,
    private readonly parse: ParsePython | undefined,
    private readonly libraryTree: LibraryTree | undefined,
  ) {
    this.main = new PyProgram(this.nc, root, opts.workspace?.fileName ?? '<file>');
    this.programs.set(this.main.file, this.main);
    this.index = new ClassIndex((p, base, cls) => this.definedBefore(p, base, cls) ?? this.resolveClass(p, base));
    // `class B(A)` where the workspace's A is one of two classes an undecided `if` picks (or a name it changes): B's layers are not known.
    this.index.undecided = (p, base) => {
      const v = this.interp.global(p, base.replace(/\s+/g, '').split('.')[0] ?? '');
      return v?.t === 'unknown' && !/ is not defined where the analysis can see it/.test(v.reason.en) ? v.reason : undefined;
    };
    this.mods = new TorchModules(this.nc, (n) => this.main.owns(n));
    this.mods.whereIs = (n) => {
      const p = [...this.programs.values()].find((x) => x !== null && x.root.tree === n.tree);
      return p ? `${basename(p.file)}:${n.startPosition.row + 1}` : undefined;
    };
    this.interp = new PyInterpreter(this.nc, this.index, this.mods, { load: (from, level, module) => this.load(from, level, module), readText: (from, path) => this.readText(from, path), loaded: () => [...this.programs.values()].filter((x): x is PyProgram => x !== null) });
    this.interp.mainProgram = this.main;
    this.interp.observer = this;
    this.noteModeSwitches(text);
    if (opts.isCancelled) this.interp.isCancelled = opts.isCancelled;
    this.interp.scriptArgs = this.scriptArgs();
  }

  /** Code that sets `training` itself: `self.training` is not followed from then on (see PyInterpreter.modesFollowed). */
  private noteModeSwitches(text: string): void {
    if (/\.training\s*=(?!=)|setattr\s*\([^)]*['"]training['"]/.test(text)) this.interp.modesFollowed = false;
  }

  private scriptArgs(): ScriptArgs | undefined {
    const why = this.opts.scriptArgsUnreadable;
    return why !== undefined ? { unreadable: { en: `the script's arguments are not known: ${why}`, 'zh-cn': `脚本参数未知：${why}` } } : this.opts.scriptArgs;
  }

  dispose(): void {
    for (const t of this.trees) t.delete();
  }

  // ---------------------------------------------------------------- workspace files

  private load(from: PyProgram, level: number, module: string): PyProgram | undefined {
    const found = this.loadFromWorkspace(from, level, module);
    if (found) return found;
    // torchvision's ops blocks and model builders, timm's stochastic depth and helpers, which the
    // workspace does not hold: the analysis's own programs of them.
    if (level === 0 && isTimmLayersModule(module)) return this.libraryProgram(TIMM_LAYERS_FILE, TIMM_LAYERS_SOURCE);
    const absolute = torchvisionModuleOf(from.file, level, module);
    if (absolute === undefined) return undefined;
    if (isTorchvisionOpsModule(absolute)) return this.libraryProgram(TORCHVISION_OPS_FILE, TORCHVISION_OPS_SOURCE);
    return isTorchvisionModelsModule(absolute) ? this.libraryProgram(TORCHVISION_MODELS_FILE, TORCHVISION_MODELS_PROGRAM) : undefined;
  }

  /**
   * The text `open(path)` reads: a workspace file. A relative path is read from the directory
   * the script runs in, which the analysis does not know: the analysed file's folder, the folder
   * of the code calling open(), or the workspace folder (where VS Code starts a script); when
   * these hold different files, it is not known which.
   */
  private readText(from: PyProgram, path: string): OpenedText {
    const ws = this.opts.workspace;
    if (!ws) return { why: { en: `open('${path}'): no workspace to read it from`, zh: `open('${path}')：没有可读取的工作区` } };
    const inside = (p: string): boolean => p === ws.root || p.startsWith(ws.root.endsWith('/') ? ws.root : `${ws.root}/`);
    const candidates = isAbsolute(path) ? [resolve(path)] : [...new Set([resolve(dirname(this.main.file), path), resolve(dirname(from.file), path), resolve(ws.root, path)])];
    const found = candidates.filter(inside).map((p) => ({ p, text: ws.readFile(p) })).filter((c): c is { p: string; text: string } => c.text !== undefined);
    if (found.length === 0) return { why: { en: `open('${path}'): no such file in the workspace`, zh: `open('${path}')：工作区中没有此文件` } };
    if (found.some((c) => c.text !== found[0]!.text)) return { why: { en: `open('${path}'): a different file beside the script and at the workspace folder; which one it reads depends on where it runs`, zh: `open('${path}')：脚本旁与工作区根目录各有一个不同的文件，读取哪个取决于运行目录` } };
    return { path: found[0]!.p, text: found[0]!.text };
  }

  private libraryProgram(file: string, source: string): PyProgram | undefined {
    const cached = this.programs.get(file);
    if (cached !== undefined) return cached ?? undefined;
    const tree = this.libraryTree?.(file, source);
    if (!tree) return undefined;
    const p = new PyProgram(this.nc, tree.rootNode, file);
    this.programs.set(file, p);
    return p;
  }

  private loadFromWorkspace(from: PyProgram, level: number, module: string): PyProgram | undefined {
    const ws = this.opts.workspace;
    if (!ws || !this.parse) return undefined;
    const rel = module.split('.').filter((s) => s !== '').join('/');
    const dirs: string[] = [];
    const fromDir = dirname(from.file);
    if (level > 0) {
      let d = fromDir;
      for (let i = 1; i < level; i++) d = dirname(d);
      dirs.push(d);
    } else {
      // An absolute import: a package next to the file or in any folder above it in the workspace.
      for (let d = fromDir; d.startsWith(ws.root); d = dirname(d)) {
        dirs.push(d);
        if (dirname(d) === d) break;
      }
    }
    const inDir = (d: string): PyProgram | undefined => {
      const base = rel === '' ? d : `${d}/${rel}`;
      for (const path of rel === '' ? [`${base}/__init__.py`] : [`${base}.py`, `${base}/__init__.py`]) {
        const p = this.program(path);
        if (p) return p;
      }
      return undefined;
    };
    for (const d of dirs) {
      const p = inDir(d);
      if (p) return p;
    }
    if (level > 0) return undefined;
    // Folders the code puts on sys.path (`sys.path.append("../semi-supervised")` in a notebook). A
    // relative one is read from the directory Python runs in, which the analysis does not know:
    // the file's folder or the workspace folder; used only when those do not find different files.
    for (const p of new Set([from, this.main])) {
      for (const entry of sysPathEntries(this.nc.text(p.root))) {
        const candidates = entry.fromFile ? [resolve(dirname(p.file), entry.path)] : isAbsolute(entry.path) ? [resolve(entry.path)] : [...new Set([resolve(dirname(p.file), entry.path), resolve(ws.root, entry.path)])];
        const found = [...new Set(candidates.filter((d) => d === ws.root || d.startsWith(`${ws.root}/`)).map(inDir).filter((x): x is PyProgram => x !== undefined))];
        if (found.length === 1) return found[0];
      }
    }
    return undefined;
  }

  private program(path: string): PyProgram | undefined {
    const cached = this.programs.get(path);
    if (cached !== undefined) return cached ?? undefined;
    const ws = this.opts.workspace as WorkspaceFiles;
    // The bound counts files loaded, not paths looked up and missing (`import torch` tries several).
    if (this.loadedPrograms >= MAX_PROGRAMS || !path.startsWith(ws.root)) return undefined;
    const text = ws.readFile(path);
    if (text === undefined || text.length > MAX_IMPORTED_CHARS) {
      this.programs.set(path, null);
      return undefined;
    }
    const tree = this.parse?.(text);
    if (!tree) {
      this.programs.set(path, null);
      return undefined;
    }
    this.trees.push(tree);
    this.noteModeSwitches(text);
    const p = new PyProgram(this.nc, tree.rootNode, path);
    this.programs.set(path, p);
    this.loadedPrograms++;
    return p;
  }

  /** A base class written in a class header, when it is a class of the workspace. */
  /**
   * `class B(A)` above a second `class A`: the base is the A defined before B (Python binds it
   * when the class statement runs). Only for top-level definitions of the same file.
   */
  private definedBefore(p: PyProgram, base: string, cls: ClassDef): ClassDef | undefined {
    if (!/^\w+$/.test(base) || !topLevel(cls.node)) return undefined;
    if (p.imports.has(base)) return this.importedBefore(p, base, cls);
    const at = cls.node.startIndex;
    const last = p.classDefs.filter((d) => d.name === base && d.node.startIndex < at).at(-1);
    if (!last && !p.lastBinding.has(base) && p.starImports.length > 1) return this.starBaseBefore(p, base, at);
    // Bound later (a second `class A`, `A = Other`, a class under an `if`): the one above still is B's base.
    if (!last || !topLevel(last.node) || p.classDefs.every((d) => d.name !== base || d === last)) {
      if (!last || !topLevel(last.node) || ![...p.writes.values()].some((w) => w.has(base))) return undefined;
    }
    const from = last.node.startIndex;
    // Nothing between rebinds it: no class of that name, no assignment, no star import.
    if (p.classDefs.some((d) => d.name === base && d.node.startIndex > from && d.node.startIndex < at)) return undefined;
    for (const [stmt, names] of p.writes) if (names.has(base) && stmt.startIndex > from && stmt.startIndex < at) return undefined;
    if (p.starImports.some((s) => { const st = p.statements[s.index]; return st !== undefined && st.startIndex > from && st.startIndex < at; })) return undefined;
    return last;
  }

  /** `from a import A; class B(A); from b import A`: B's base is a's A, imported above it. */
  private importedBefore(p: PyProgram, base: string, cls: ClassDef): ClassDef | undefined {
    const history = p.importHistory.filter((h) => h.alias === base);
    const at = p.statements.findIndex((st) => st.startIndex <= cls.node.startIndex && cls.node.endIndex <= st.endIndex);
    const before = history.filter((h) => h.index < at).at(-1);
    if (!before || history.length < 2 || history.at(-1) === before) return undefined;
    // Nothing between binds it otherwise (a class, an assignment, a star import).
    const from = p.statements[before.index]?.startIndex ?? 0;
    const to = cls.node.startIndex;
    if (p.classDefs.some((d) => d.name === base && d.node.startIndex > from && d.node.startIndex < to)) return undefined;
    for (const [stmt, names] of p.writes) if (names.has(base) && stmt.startIndex > from && stmt.startIndex < to) return undefined;
    const other = this.load(p, before.spec.level, before.spec.module);
    const v = other && before.spec.name ? this.interp.global(other, before.spec.name) : undefined;
    return v?.t === 'class' ? (v.c as ClassDef) : undefined;
  }

  /** `from a import *; class B(A); from b import *`: B's base is a's A, the star import above it. */
  private starBaseBefore(p: PyProgram, base: string, at: number): ClassDef | undefined {
    for (const star of [...p.starImports].reverse()) {
      const st = p.statements[star.index];
      if (!st || st.startIndex > at) continue;
      const other = this.load(p, star.level, star.module);
      if (!other || other === p) continue;
      const v = this.interp.global(other, base);
      if (v?.t === 'class') return v.c as ClassDef;
      if (v) return undefined;
    }
    return undefined;
  }

  private resolveClass(p: PyProgram, base: string): ClassDef | undefined {
    const parts = base.replace(/\s+/g, '').split('.');
    let v: Value | undefined = this.interp.global(p, parts[0] ?? '');
    for (const part of parts.slice(1)) {
      if (v?.t !== 'pymod') return undefined;
      v = this.interp.global(v.p as PyProgram, part);
    }
    if (v?.t === 'class') return v.c as ClassDef;
    // `class Block(torchvision.ops.MLP)`: a library class the analysis has a program for.
    const lib = this.interp.libraryName(p.resolveDotted(base));
    return lib?.t === 'class' ? (lib.c as ClassDef) : undefined;
  }

  // ---------------------------------------------------------------- what the code does (RunObserver)

  created(c: ClassDef, inst: ModuleInst, ctor: Map<string, Value>, inside: boolean): void {
    // What an example's model builds inside itself says nothing of how the code builds those blocks.
    if (this.doc && inside) return;
    const list = this.creations.get(c) ?? [];
    // (As they were at this build: a list or config the code changes before building again is not this build's.)
    const asBuilt = new Map([...ctor].map(([k, v]) => [k, snapshot(v)]));
    if (list.length < 64) list.push({ priority: this.phase === 'entry' ? this.priority : 0, ctor: asBuilt, inst, inside: inside || this.phase === 'model', ...(this.inTest ? { test: true } : {}) });
    this.creations.set(c, list);
  }

  /** `copy.deepcopy(model)` (a teacher's student, a target network): one more build of the class, as the original was built. */
  copied(original: ModuleInst, copy: ModuleInst): void {
    const c = copy.userClass as ClassDef | undefined;
    const list = c ? this.creations.get(c) : undefined;
    const from = list?.find((k) => k.inst === original);
    if (list && from && list.length < 64) list.push({ ...from, inst: copy });
  }

  called(inst: ModuleInst, inputs: Value[], node: Node, keywords?: Map<string, Value>): void {
    if (this.phase === 'entry' && inst.userClass) this.forwardCalls++;
    // The first call decides (as a forward pass would): a later call's input is not "the" input.
    // As they were at this call: a list the code appends to afterwards (DenseNet's `features`) is not this input.
    const seen = new Map<Value, Value>();
    const fed: Fed = { inputs: inputs.map((v) => asReceived(v, seen)), node, inst, seq: this.fedSeq++, made: this.mods.count, ...(keywords ? { keywords: new Map([...keywords].map(([k, v]) => [k, asReceived(v, seen)])) } : {}) };
    if (!this.fedInst.has(inst.id)) this.fedInst.set(inst.id, fed);
    // A deep copy fed before the model itself (`model = copy.deepcopy(estimator)` in a training helper): the model's input too.
    if (inst.copyOf !== undefined && !this.fedInst.has(inst.copyOf)) this.fedInst.set(inst.copyOf, fed);
    if (inst.userClass && !this.doc && !this.fedClass.has(inst.userClass)) this.fedClass.set(inst.userClass, fed);
  }

  /** Errors and warnings on the file's own lines that hold whichever model runs them (`iter(loader).next()`, `nn.Linear(d, d / 2)`). */
  private readonly notes = new Map<number, ShapeDiagnostic>();

  noted(node: Node, message: Msg, severity: 'error' | 'warning' = 'warning'): void {
    if (!this.main.owns(node) || this.notes.has(node.startIndex) || this.notes.size >= MAX_NOTES) return;
    this.notes.set(node.startIndex, { code: severity === 'error' ? 'invalid-config' : 'removed-api', severity, range: this.nc.range(node), message, model: '' });
  }

  /** Inputs torchsummary / torchinfo ran a module on, the first per module (inputFor's last resort among the code's own). */
  private readonly summarizedInst = new Map<number, Fed>();

  summarized(inst: ModuleInst, inputs: Value[], node: Node): void {
    if (this.doc || this.summarizedInst.has(inst.id)) return;
    this.summarizedInst.set(inst.id, { inputs, node, inst, seq: this.fedSeq++ });
  }

  methodCalled(inst: ModuleInst, method: string, args: ArgList, node: Node): void {
    if (this.doc || args.unknownRest || !args.positional.some((a) => tensorsIn(a.value).length > 0)) return;
    const seen = new Map<Value, Value>();
    const keywords = args.keyword.size > 0 ? { keywords: new Map([...args.keyword].map(([k, a]) => [k, asReceived(a.value, seen)])) } : {};
    const fed: Fed = { inputs: args.positional.map((a) => asReceived(a.value, seen)), node, inst, seq: this.fedSeq++, method, ...keywords };
    const first = this.fedMethod.get(inst.id);
    if (!first) {
      this.fedMethod.set(inst.id, fed);
      return;
    }
    // (Only calls from outside the class: its own methods calling each other are part of a run.)
    const own = inst.userClass as ClassDef | undefined;
    if (own && node.tree === own.node.tree && node.startIndex >= own.node.startIndex && node.endIndex <= own.node.endIndex) return;
    const later = this.laterMethods.get(inst.id) ?? [];
    if (first.method !== method && !later.some((f) => f.method === method) && later.length < MAX_LATER_METHODS) this.laterMethods.set(inst.id, [...later, fed]);
  }

  named(inst: ModuleInst, name: string, node: Node): void {
    // (nn.DataParallel(model) is the model it wraps, listed as that one.)
    if (this.phase !== 'entry' || !this.main.owns(node) || name.startsWith('_') || inst.wraps) return;
    const known = this.containers.find((c) => c.inst === inst);
    // A container a function built under a local name (`net = nn.Sequential(…)` in `def PaLM(…)`)
    // and the script holds at module level (`model = PaLM(…)`): named by the script's name.
    if (known && !inst.userClass && insideFunction(known.node) && !insideFunction(node) && !this.containers.some((c) => c.name === name)) {
      known.name = name;
      known.node = node;
      return;
    }
    if (known || this.containers.length >= MAX_MODELS) return;
    const cls = inst.userClass;
    if (cls) {
      // A class of another workspace file built here (a training script's `model = UNet(3, 2)`):
      // this file's model, named by its class; the file's own classes are analysed as classes.
      if (cls.program === this.main || cls.program.file === this.main.file) {
        this.noteOwnInstance(inst, name, node);
        return;
      }
      // Another file's class under the name of one of this file's (`from heads import *` replacing
      // `class Head`): named by the variable holding it, the file's own class keeping its name.
      const listed = this.main.classes.has(cls.name) ? name : cls.name;
      const same = this.containers.find((c) => c.name === listed || (c.variable !== undefined && c.inst.userClass === cls && c.variable !== name));
      if (same && same.variable === name) {
        // `model = Tab(3)` then `model = Tab(8)`: the name holds the later instance — not one a function
        // the program never calls builds when the analysis runs it on its own afterwards.
        if ((same.run ?? 1) < this.priority) return;
        same.inst = inst;
        same.node = node;
        same.run = this.priority;
        return;
      }
      // (An attribute path — `agent.qnetwork_local` beside `agent.qnetwork_target` — keeps the class's name for the first.)
      if (same && (!/^\w+$/.test(name) || !/^\w+$/.test(same.variable ?? ''))) return;
      if (same) {
        // Several instances under different names (`small = Tab(3); big = Tab(8)`): each its own model, named by its variable.
        if (same.variable !== undefined && same.name === listed && !this.containers.some((c) => c.name === same.variable) && !this.main.classes.has(same.variable)) same.name = same.variable;
        if (this.containers.some((c) => c.name === name || c.inst === inst) || this.main.classes.has(name) || this.containers.length >= MAX_MODELS) return;
        this.containers.push({ inst, name, node, variable: name });
        return;
      }
      if (this.main.classes.has(listed)) return;
      this.containers.push({ inst, name: listed, node, variable: name, run: this.priority });
      return;
    }
    this.containers.push({ inst, name, node });
  }

  /**
   * A thin entry script (`from training.train import train; train()`) whose run builds other files'
   * models where it holds no name of them (in the locals of the function it calls): each class built
   * so is a model of this file, named by its class, shown at this file's call that built it.
   */
  private modelsBuiltElsewhere(): void {
    for (const [c, list] of this.creations) {
      if (this.containers.length >= MAX_MODELS) return;
      if (c.program === this.main || this.containers.some((k) => k.name === c.name)) continue;
      const k = list.find((x) => !x.inside && x.priority > 0 && !x.test);
      if (k && this.main.owns(k.inst.node)) this.containers.push({ inst: k.inst, name: c.name, node: k.inst.node });
    }
  }

  /**
   * A module-level name bound to an instance of one of the file's classes (`m = Model(opt)`,
   * `s = mobilenetv3_small()`): its own model when the file builds the class in several
   * different ways (see instancesOfDifferingBuilds). Named by the factory called without
   * arguments that made it (`mobilenetv3_small()`, as a factory nothing calls is), else by the variable.
   */
  private noteOwnInstance(inst: ModuleInst, name: string, node: Node): void {
    if (insideFunction(node)) return;
    const assignment = node.type === 'expression_statement' ? node.namedChild(0) : node;
    const right = assignment?.type === 'assignment' ? this.nc.field(assignment, 'right') : null;
    const fn = right?.type === 'call' ? this.nc.field(right, 'function') : null;
    const def = fn?.type === 'identifier' ? this.main.functions.get(fn.text) : undefined;
    // Only a call without arguments stands for the function: PyTorch's pass builds `name()` again by name.
    const bare = right ? (this.nc.field(right, 'arguments')?.namedChildCount ?? 1) === 0 : false;
    const byFactory = def && fn && bare && !this.ownInstances.some((o) => o.name === fn.text) ? { name: fn.text, node: def } : undefined;
    const at = this.ownInstances.findIndex((o) => o.variable === name);
    // Bound again by the same statement (a loop: `for s in [2, 4]: m = SubPixel(s); m(x)`): which
    // of its instances the name stands for is not one place's build, so it has no model of its own.
    const again = at >= 0 && (this.ownInstances[at]!.statement.id === node.id || this.ownInstances[at]!.again === true);
    const entry = { inst, name: byFactory?.name ?? name, node: byFactory?.node ?? node, variable: name, statement: node, ...(again ? { again: true as const } : {}) };
    // A name bound again holds the later instance; one factory's model after another's (`model = ResNet18(); train(model);
    // model = ResNet34()`) leaves both, each named by its factory.
    const otherFactory = at >= 0 && !again && byFactory !== undefined && this.ownInstances[at]!.name !== this.ownInstances[at]!.variable && this.ownInstances[at]!.name !== byFactory.name;
    if (at >= 0 && !otherFactory) this.ownInstances.splice(at, 1, entry);
    else if (this.ownInstances.length < MAX_MODELS) this.ownInstances.push(entry);
  }

  private readonly ownInstances: { inst: ModuleInst; name: string; node: Node; variable: string; statement: Node; again?: true }[] = [];

  /**
   * The file builds a class in several different ways (`m = mobilenetv3_large(); s =
   * mobilenetv3_small()`): the class's own view keeps only what they agree on, and each instance a
   * module-level name holds is a model of its own, with that build's arguments and input.
   */
  private instancesOfDifferingBuilds(modelClasses: ClassDef[], usedInside: Set<string>): void {
    for (const c of modelClasses) {
      if (usedInside.has(c.name)) continue;
      const group = this.firstBuilds(c);
      if (group.length < 2 || alikeBuilds(group)) continue;
      for (const o of this.ownInstances) {
        if (this.containers.length >= MAX_MODELS) return;
        if (o.again || !group.some((k) => k.inst === o.inst) || this.containers.some((k) => k.inst === o.inst || k.name === o.name)) continue;
        if (modelClasses.some((x) => x.name === o.name)) continue;
        this.containers.push({ inst: o.inst, name: o.name, node: o.node });
      }
    }
  }

  /** The builds of a class that decide its model: outside other models, of the best priority. */
  private firstBuilds(c: ClassDef): Creation[] {
    const outside = (this.creations.get(c) ?? []).filter((k) => !k.inside && k.priority > 0);
    if (outside.length === 0) return [];
    const best = Math.min(...outside.map((k) => k.priority));
    return outside.filter((k) => k.priority === best);
  }

  // ---------------------------------------------------------------- the run

  run(): PythonAnalysis {
    // Every definition is a model of its own: one defined again keeps the earlier one's (what the code above the redefinition built).
    const classes = this.main.classDefs;
    const allModels = classes.filter((c) => this.index.isModuleClass(c));
    const modelClasses = allModels.slice(0, MAX_MODELS);
    this.interp.entryMode = true;
    // sys.argv changed in ways the interpreter does not follow (mock.patch, setattr(sys, 'argv', …), sys.modules['sys'].argv):
    // the command line parse_args() reads is not known.
    if (ARGV_UNFOLLOWED.test(this.text)) this.interp.scriptArgs = this.interp.argvFromCode = { unreadable: { en: 'the code changes sys.argv in a way the analysis does not follow', 'zh-cn': '代码以分析无法跟踪的方式修改了 sys.argv' } };
    this.runEntry(modelClasses);
    // (What the file's own code put in sys.argv stands for its later reads too.)
    const codeArgv = this.interp.argvFromCode;
    // Other scripts that build this file's models run with their own command lines, not this one's: their defaults.
    this.interp.scriptArgs = undefined;
    this.runWorkspaceUsages(modelClasses);
    this.interp.scriptArgs = codeArgv ?? this.scriptArgs();
    this.interp.entryMode = false;
    this.phase = 'model';
    const annotations = parseInputAnnotations(this.text, '#', (at) => {
      for (let n: Node | null = this.main.root.descendantForIndex(at); n; n = n.parent) if (n.type === 'string' || n.type === 'string_content') return true;
      return false;
    });
    if (modelClasses.length === 0 && this.containers.length === 0) this.modelsBuiltElsewhere();
    const usedInside = this.classesUsedInsideOthers(modelClasses);
    for (const c of modelClasses) if ((this.creations.get(c) ?? []).some((k) => k.inside) && !(this.creations.get(c) ?? []).some((k) => !k.inside)) usedInside.add(c.name);
    this.instancesOfDifferingBuilds(modelClasses, usedInside);
    const results: { pos: number; model: ModelInfo; diags: ShapeDiagnostic[]; top: boolean; cls?: ClassDef }[] = [];
    // Models that others use run last: by then their callers have fed them.
    const order = [...modelClasses.filter((c) => !usedInside.has(c.name)), ...modelClasses.filter((c) => usedInside.has(c.name))];
    for (const c of order) {
      if (this.opts.isCancelled?.()) break;
      if (this.opts.onlyModel !== undefined && this.opts.onlyModel !== c.name && !usedInside.has(c.name)) continue;
      const top = !usedInside.has(c.name);
      const r = this.analyzeClass(c, annotations, top);
      results.push({ pos: c.node.startIndex, ...r, top, cls: c });
    }
    for (const k of this.containers) {
      if (this.opts.isCancelled?.()) break;
      if (this.opts.onlyModel !== undefined && this.opts.onlyModel !== k.name) continue;
      const r = this.analyzeContainer(k, annotations);
      results.push({ pos: k.node.startIndex, ...r, top: true });
    }
    results.sort((a, b) => a.pos - b.pos);
    const models: ModelInfo[] = [];
    const diagnostics: ShapeDiagnostic[] = [];
    const seen = new Set<string>();
    // A module a function makes, the function called from several places with the same tensors
    // (a loss made in `fit()`): one entry, not one per call.
    const listed = new Set<string>();
    for (const r of results) {
      if (this.opts.onlyModel !== undefined && this.opts.onlyModel !== r.model.name) continue;
      const key = JSON.stringify(r.model);
      if (listed.has(key)) continue;
      listed.add(key);
      models.push(r.model);
      for (const d of r.diags) {
        const key = diagKey(d);
        if (!seen.has(key)) {
          seen.add(key);
          diagnostics.push(d);
        }
      }
      if (r.model.inputSource === 'none' && r.top && r.model.layers.length > 0) {
        const name = r.model.name;
        diagnostics.push({
          code: 'no-input-shape', severity: 'info', range: r.model.range, model: name,
          message: { en: `${name}: no input shape, so output shapes are unknown. Use "Set input shape…" or add a comment such as "# input: (64, 1, 28, 28)".`, 'zh-cn': `${name}：没有输入形状，因此输出形状未知。请使用“设置输入形状…”或添加注释，例如 "# input: (64, 1, 28, 28)"。` },
        });
      }
    }
    // (A note a model's own layer report already says on that line — `m Linear: …` of a module-level layer — once.)
    const sameLine = (d: ShapeDiagnostic): boolean => diagnostics.some((o) => o.range.start.line === d.range.start.line && o.severity === d.severity && o.message.en.endsWith(d.message.en));
    for (const d of [...this.notes.values()].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)) {
      if (!seen.has(diagKey(d)) && !sameLine(d)) diagnostics.push(d);
    }
    const last = modelClasses[modelClasses.length - 1];
    const cap = allModels.length > modelClasses.length && last ? { analysed: modelClasses.length, found: allModels.length, lastLine: last.node.endPosition.row } : undefined;
    return { models, diagnostics, ...(cap ? { cap } : {}) };
  }

  /**
   * A class defined again under its name (a notebook cell redefining `Classifier`): the code from
   * each definition on builds that one, so the name is bound to it when the run reaches it.
   */
  private bindClassDefinition(stmt: Node): void {
    const def = this.nc.type(stmt) === 'decorated_definition' ? this.nc.field(stmt, 'definition') : stmt;
    const cls = def ? this.main.classAt(def) : undefined;
    if (cls) this.main.globals.set(cls.name, { t: 'class', c: cls });
  }

  /**
   * A function defined again under its name (a later notebook cell redefining `create_model` or
   * `train`): the code from each definition on calls that one, as Python does.
   */
  private bindFunctionDefinition(stmt: Node): void {
    const def = this.nc.type(stmt) === 'decorated_definition' ? this.nc.field(stmt, 'definition') : stmt;
    const name = def?.type === 'function_definition' ? this.nc.field(def, 'name')?.text : undefined;
    if (def && name && this.main.redefinedFunctions.has(name)) this.interp.topLevelFunction(this.main, name, def, this.main.globals);
  }

  private bindImportsAssignedLater(stmt: Node, p: PyProgram = this.main): void {
    const index = p.statements.indexOf(stmt);
    for (const h of p.importHistory) {
      if (h.index !== index || !p.globalNodes.has(h.alias)) continue;
      const v = this.interp.importedSpec(p, h.spec);
      if (v) p.globals.set(h.alias, v);
    }
    // `import model`, then `model = model.Net()`: a workspace module's name, the module until the assignment runs.
    const plain = stmt.type === 'import_statement' ? /^import\s+([\w.]+(?:\s*,\s*[\w.]+)*)\s*$/.exec(this.nc.text(stmt).replace(/#.*$/gm, '').trim()) : null;
    for (const mod of plain ? plain[1]!.split(',').map((x) => x.trim().split('.')[0]!) : []) {
      if (!p.globalNodes.has(mod)) continue;
      const other = this.load(p, 0, mod);
      if (other && other !== p) p.globals.set(mod, { t: 'pymod', p: other });
    }
  }

  /** `from b import *` after `class Net` / `from a import Net`: the code below it sees b's Net. */
  private bindStarReplaced(stmt: Node): void {
    const index = this.main.statements.indexOf(stmt);
    if (!this.main.starImports.some((s) => s.index === index) && !this.main.blockStarImports.some((s) => s.index === index)) return;
    for (const [name, bound] of this.main.lastBinding) {
      if (bound >= index || !this.main.globals.has(name)) continue;
      const v = this.interp.starReplaced(this.main, name);
      if (v) this.main.globals.set(name, v);
    }
  }

  /** Runs the file's own code to see how it builds and feeds its models. */
  private runEntry(modelClasses: ClassDef[]): void {
    // Star-imported names too: a script's `D_A = Discriminator()` mentions nothing else the models use.
    const declared = [...this.main.classes.keys(), ...this.main.functions.keys(), ...this.main.imports.keys(), ...this.interp.starImportedNames(this.main)].filter((n) => /^\w+$/.test(n));
    // Module-level aliases of those (YOLOv5's `Model = DetectionModel`): `m = Model(cfg)` builds a model too.
    const known = new Set(declared);
    const aliases: string[] = [];
    for (const stmt of this.main.statements) {
      const a = this.nc.type(stmt) === 'expression_statement' ? stmt.namedChild(0) : null;
      if (a?.type !== 'assignment') continue;
      const l = this.nc.field(a, 'left');
      const r = this.nc.field(a, 'right');
      if (l?.type === 'identifier' && r?.type === 'identifier' && known.has(r.text) && !known.has(l.text)) {
        aliases.push(l.text);
        known.add(l.text);
      }
    }
    // A module-level name a statement changes in place (`data.resize((21, 1))`, `arr.sort()`): its
    // statements run in order, or a lazy read of its assignment would miss the change.
    const changedInPlace: string[] = [];
    for (const stmt of this.main.statements) {
      const call = this.nc.type(stmt) === 'expression_statement' ? stmt.namedChild(0) : null;
      const fn = call?.type === 'call' ? this.nc.field(call, 'function') : null;
      const obj = fn?.type === 'attribute' ? this.nc.field(fn, 'object') : null;
      if (obj?.type === 'identifier' && this.main.globalNodes.has(obj.text)) changedInPlace.push(obj.text);
    }
    const names = [...declared, ...aliases, ...changedInPlace];
    const interesting = new RegExp(`\\b(?:${['nn', 'torch', 'torchvision', 'DataLoader', 'datasets', 'transforms', '__name__', 'argparse', 'parse_args', 'add_argument', ...names].map(escapeRe).join('|')})\\b`);
    const scope: Scope = { vars: this.main.globals, recordFlow: false, program: this.main };
    // Names whose value changes as the file runs (a function defined again counts): a default or class attribute reading one keeps the value it had there.
    const changedLater = new Set([...this.main.mutated, ...this.main.redefinedFunctions]);
    this.priority = 1;
    for (const stmt of this.main.statements) {
      if (this.opts.isCancelled?.()) return;
      const type = this.nc.type(stmt);
      if (type === 'class_definition' || type === 'decorated_definition') this.bindClassDefinition(stmt);
      if (type === 'function_definition' || type === 'decorated_definition') this.bindFunctionDefinition(stmt);
      // A default reading a global the file changes later (`def __init__(self, hid=HID)`, then `HID = 16`) keeps the value it had here.
      if ((type === 'class_definition' || type === 'function_definition' || type === 'decorated_definition') && changedLater.size > 0) this.interp.bindDefinitionDefaults(stmt, changedLater, scope);
      if (type === 'import_from_statement' || this.main.blockStarImports.length > 0) this.bindStarReplaced(stmt);
      // An import rebinds its names: a value the code gave one before (`with open(p) as F`, then
      // `import torch.nn.functional as F` in a later notebook cell) is gone.
      if (type === 'import_statement' || type === 'import_from_statement') for (const name of importBinds(this.nc.text(stmt))) scope.vars.delete(name);
      // A name imported here and assigned later at the top level (`from model import Net`, then
      // `Net = Net()`): the code in between reads the import, which a lazy read of the name would miss.
      if (type === 'import_statement' || type === 'import_from_statement') this.bindImportsAssignedLater(stmt);
      if (type === 'class_definition' || type === 'function_definition' || type === 'decorated_definition' || type === 'import_statement' || type === 'import_from_statement') continue;
      // Statements that mention nothing the models could use stay lazy (a generated file may hold
      // hundreds of thousands of them).
      if (stmt.endIndex - stmt.startIndex > 200_000) continue;
      const src = this.text.slice(stmt.startIndex, Math.min(stmt.endIndex, stmt.startIndex + 20_000));
      // Statements that build or change a module-level value something may read run in order.
      const writesChanged = [...(this.main.writes.get(stmt) ?? [])].some((n) => this.main.mutated.has(n));
      if (!interesting.test(src) && !this.usesLiveName(src) && !writesChanged) continue;
      this.interp.resetBudget();
      try {
        this.interp.execTopLevel(stmt, scope);
      } catch (e) {
        if (!(e instanceof Budget)) throw e;
        // What it was assigning is unknown, not computed again (at the budget's cost) where read.
        for (const n of this.main.writes.get(stmt) ?? []) if (!this.main.globals.has(n)) this.main.globals.set(n, tooLong(n));
      }
    }
    if (modelClasses.length === 0 && this.containers.length === 0 && !/\bnn\.|torch/.test(this.text)) return;
    // Functions nothing calls: usage code like `test()` (it feeds a model) or factories. A function
    // the code calls only where Python refuses the call (`DPN92()` without its required argument)
    // never ran: it runs after the others, as a factory.
    let ran = 0;
    const calledOnly: [string, Node][] = [];
    const entries = [...this.main.functions];
    for (let i = 0; i < entries.length; i++) {
      const [name, def] = entries[i]!;
      if (ran >= MAX_ENTRY_FUNCTIONS || this.opts.isCancelled?.()) break;
      const body = this.text.slice(def.startIndex, def.endIndex);
      // A function only named elsewhere (`build_sam = build_sam_vit_h`, a registry dict of
      // factories) is not run by that code: it runs here when it needs no arguments.
      const use = i < this.main.functions.size ? this.referencedElsewhere(name, def) : 'unrun';
      if (use === 'call') calledOnly.push([name, def]);
      if (i === this.main.functions.size - 1) entries.push(...calledOnly);
      if (use === 'call' || (use === 'unrun' && this.interp.ranDefs.has(def.id)) || (use === 'reference' && !requiresNoArguments(this.nc, def)) || !interesting.test(body)) continue;
      ran++;
      const f = this.interp.global(this.main, name);
      if (f?.t !== 'func') continue;
      const before = new Map([...this.creations].map(([c, l]) => [c, l.length]));
      this.priority = 2;
      this.forwardCalls = 0;
      this.interp.resetBudget();
      let returned: Value | undefined;
      try {
        returned = this.interp.runDiscarding(() => this.interp.invokeFunction(f.f, { positional: [], keyword: new Map() }, false));
      } catch (e) {
        if (!(e instanceof Budget)) throw e;
      }
      this.noteFactory(name, def, returned);
      // Code that names the factory may call it with other arguments (`builders["a0"](deploy=True)`):
      // what this run built is the factory's model, not how the classes are built.
      if (use === 'reference') {
        for (const [c, list] of this.creations) for (const k of list.slice(before.get(c) ?? 0)) if (k.priority === 2) k.priority = 0;
        continue;
      }
      if (this.forwardCalls === 0) {
        for (const [c, list] of this.creations) for (const k of list.slice(before.get(c) ?? 0)) if (k.priority === 2) k.priority = 3;
      }
    }
  }

  /**
   * A factory (`def resnet18(**kwargs): return _resnet(BasicBlock, [2, 2, 2, 2], …)`): a
   * module-level function nothing in the file calls, callable with no arguments, that returns an
   * instance of one of the workspace's nn.Module classes. Its model is that instance, named by
   * the function, with the class's layers sized by the arguments the factory gave it.
   */
  private noteFactory(name: string, def: Node, returned: Value | undefined): void {
    if (returned?.t !== 'module' || name.startsWith('_') || this.containers.length >= MAX_MODELS) return;
    const inst = returned.m as ModuleInst;
    if (!inst.userClass || !requiresNoArguments(this.nc, def)) return;
    // Listed already as the class another file defines, built inside a helper (SAM's `_build_sam`): the factory names it.
    const known = this.containers.find((c) => c.inst === inst);
    if (known && insideFunction(known.node) && !this.containers.some((c) => c.name === name)) {
      known.name = name;
      known.node = def;
      return;
    }
    if (this.containers.some((c) => c.inst === inst || c.name === name)) return;
    this.containers.push({ inst, name, node: def });
  }

  /** The file's model classes no code has built, or fed, yet. */
  private lacking(modelClasses: ClassDef[]): ClassDef[] {
    return modelClasses.filter((c) => !(this.creations.get(c) ?? []).some((k) => k.priority > 0) || !this.fedClass.has(c));
  }

  /**
   * Models this file never builds with their arguments: other workspace files that import it may
   * (`model = model.RNNModel(args.model, ntokens, …)` in main.py; a test's `def test_vit(): v =
   * ViT(…); v(img)`). Their module-level code runs, then their functions that build such a model
   * and nothing in their file calls; then, for what is still lacking, the README's examples.
   */
  private runWorkspaceUsages(modelClasses: ClassDef[]): void {
    const ws = this.opts.workspace;
    if (!ws || !this.parse) return;
    let lacking = this.lacking(modelClasses);
    if (lacking.length === 0) return;
    const base = this.main.file.slice(this.main.file.lastIndexOf('/') + 1).replace(/\.py$/, '');
    const moduleName = base === '__init__' ? dirname(this.main.file).slice(dirname(this.main.file).lastIndexOf('/') + 1) : base;
    // A package's `__init__.py` re-exports its modules' classes: `from unet import UNet` for unet/unet_model.py.
    const dir = dirname(this.main.file);
    const init = base !== '__init__' ? ws.readFile(`${dir}/__init__.py`) : undefined;
    const pkg = init !== undefined && /^\w+$/.test(dir.slice(dir.lastIndexOf('/') + 1)) ? dir.slice(dir.lastIndexOf('/') + 1) : undefined;
    const mod = escapeRe(moduleName);
    // Modules that re-export this one's classes (`from models import *` in a folder's `__init__.py`,
    // which scripts import as `from __init__ import *`): importing them imports this file's classes.
    const relays = reexportingModules(ws, this.main.file, [mod, ...(pkg ? [pkg] : [])], lacking.map((c) => c.name));
    const names = [mod, ...(pkg ? [pkg] : []), ...relays].join('|');
    // `from vit_pytorch import ViT` is this file's ViT only when the package's __init__.py
    // names this module (re-exports from it); the package holds other ViTs too.
    const reexported = pkg !== undefined && init !== undefined && new RegExp(`\\b${mod}\\b`).test(init);
    const importsOf = (classes: ClassDef[]): RegExp => {
      const fromPkg = pkg ? `|from\\s+[\\w.]*\\b${pkg}\\s+import\\s+(?:\\([^)]*|[^\\n]*)(?:\\b(?:${[mod, ...(reexported ? classes.map((c) => escapeRe(c.name)) : [])].join('|')})\\b${reexported ? '|\\*' : ''})` : '';
      const fromRelay = relays.length > 0 ? `|from\\s+[\\w.]*\\b(?:${relays.join('|')})\\s+import\\s+(?:\\([^)]*|[^\\n]*)(?:\\b(?:${classes.map((c) => escapeRe(c.name)).join('|')})\\b|\\*)` : '';
      return new RegExp(`\\b(?:import\\s+[\\w.]*\\b(?:${names})\\b|from\\s+[\\w.]*\\b${mod}\\s+import${fromPkg}${fromRelay})`);
    };
    const mentionsOf = (classes: ClassDef[], also: string[] = []): RegExp => new RegExp(`\\b(?:${[...classes.map((c) => c.name), ...also].map(escapeRe).join('|')})\\s*\\(`);
    // A script may build a class only through this file's factory (`model = get_seghead('streets')`).
    const factoryNames = this.containers.filter((k) => k.node.type === 'function_definition').map((k) => k.name);
    const imports = importsOf(lacking);
    const mentions = mentionsOf(lacking, factoryNames);
    let scanned = 0;
    let ran = 0;
    const hops: { p: PyProgram; text: string }[] = [];
    // Nearest files first: `from models import *` in a repository of many `models.py` (one per
    // example folder) is most likely the script beside this one.
    const here = dir.split('/');
    const nearness = (p: string): number => {
      const parts = dirname(p).split('/');
      let i = 0;
      while (i < parts.length && i < here.length && parts[i] === here[i]) i++;
      return i - 0.001 * (parts.length - i);
    };
    const candidates = ws.listFiles('.py').map((p) => ({ p, n: nearness(p) })).sort((a, b) => b.n - a.n).map((c) => c.p);
    const dynamic = new Map<string, { en: string; zh: string }>();
    // What such a script may pick: the lacking classes, and the factories (`def vgg19_bn(**kwargs)`) that take arguments.
    const factories = this.containers.filter((k) => k.node.type === 'function_definition' && hasParameters(this.nc, k.node)).map((k) => k.name);
    const picked = [...lacking.map((c) => c.name), ...factories];
    for (const path of candidates) {
      if (path === this.main.file || scanned++ >= MAX_USAGE_FILES_SCANNED || ran >= MAX_USAGE_FILES_RUN) continue;
      if (this.opts.isCancelled?.()) return;
      const text = ws.readFile(path);
      if (text === undefined || text.length > MAX_IMPORTED_CHARS || !imports.test(text)) continue;
      if (!isTestPath(path, ws.root)) this.noteDynamicBuilds(path, text, picked, init, [moduleName, ...(pkg ? [pkg] : [])], dynamic);
      // A call in the code, not in a comment or a string ("an inference-time Net (…)" in RepVGG's tools);
      // also under an imported alias (`from model import efficientnet_b0 as create_model`).
      const aliases = importAliases(text, [...lacking.map((c) => c.name), ...factoryNames]);
      // A function or a registry of this module the script imports and calls (`from models import
      // MODELS; MODELS["net"](5)`, `from factory import create; create("big", c=7)`) may build them too.
      const helpers = importedByName(text, moduleName, [...this.main.functions.keys(), ...[...this.main.globalNodes.keys()].filter((n) => !this.main.classes.has(n))]);
      const viaHelper = helpers.length > 0 ? `|\\b(?:${helpers.map(escapeRe).join('|')})\\s*(?:\\(|\\[[^\\]\\n]*\\]\\s*\\()` : '';
      const called = aliases.length > 0 || viaHelper ? new RegExp(`${mentions.source}${aliases.length > 0 ? `|\\b(?:${aliases.map(escapeRe).join('|')})\\s*\\(` : ''}${viaHelper}`) : mentions;
      if (!called.test(text) || !called.test(codeOnly(text))) continue;
      const p = this.program(path);
      if (!p) continue;
      ran++;
      this.usageFiles.push({ path, text });
      this.priority = 2;
      this.inTest = isTestPath(path, ws.root);
      try {
        this.runStatements(p);
        this.inTest = true;
        this.runUsageFunctions(p, text, mentions);
      } finally {
        this.inTest = false;
      }
      if (!isTestPath(path, ws.root)) hops.push({ p, text });
    }
    if (ran < MAX_USAGE_FILES_RUN && this.lacking(modelClasses).length > 0) this.runSecondHop(hops, candidates, mentions, MAX_USAGE_FILES_RUN - ran);
    this.addDynamicBuilds(dynamic, lacking);
    this.rerunFactoriesCalledElsewhere();
    lacking = this.lacking(modelClasses);
    if (lacking.length > 0) this.runDocUsages(ws, importsOf(lacking), mentionsOf(lacking), nearness);
  }

  /**
   * Scripts that build this file's models only through another workspace file's class or function
   * (main.py: `tr.Trainer(args).run()`; train.py, a usage already run: `self.net = Net(args)` in
   * Trainer): they import that file and call what in it names the model. Run as usages are, nearest first.
   */
  private runSecondHop(hops: { p: PyProgram; text: string }[], candidates: string[], mentions: RegExp, budget: number): void {
    const ws = this.opts.workspace;
    if (!ws || budget <= 0) return;
    const done = new Set([this.main.file, ...hops.map((h) => h.p.file), ...this.usageFiles.map((u) => u.path)]);
    const links: { module: string; names: string[] }[] = [];
    for (const { p, text } of hops) {
      const base = p.file.slice(p.file.lastIndexOf('/') + 1).replace(/\.py$/, '');
      if (base === '__init__' || !/^\w+$/.test(base)) continue;
      const code = codeOnly(text);
      const names = [...p.classes.values()].filter((c) => mentions.test(code.slice(c.node.startIndex, c.node.endIndex))).map((c) => c.name);
      for (const [name, def] of p.functions) if (mentions.test(code.slice(def.startIndex, def.endIndex))) names.push(name);
      if (names.length > 0) links.push({ module: base, names });
    }
    if (links.length === 0) return;
    const imports = new RegExp(`\\b(?:import\\s+[\\w.]*\\b(?:${links.map((l) => escapeRe(l.module)).join('|')})\\b|from\\s+[\\w.]*\\b(?:${links.map((l) => escapeRe(l.module)).join('|')})\\s+import)`);
    const calls = new RegExp(`\\b(?:${[...new Set(links.flatMap((l) => l.names))].map(escapeRe).join('|')})\\s*\\(`);
    let ran = 0;
    let scanned = 0;
    for (const path of candidates) {
      if (ran >= budget || scanned++ >= MAX_USAGE_FILES_SCANNED || this.opts.isCancelled?.()) return;
      if (done.has(path) || isTestPath(path, ws.root)) continue;
      const text = ws.readFile(path);
      if (text === undefined || text.length > MAX_IMPORTED_CHARS || !imports.test(text) || !calls.test(codeOnly(text))) continue;
      const p = this.program(path);
      if (!p) continue;
      ran++;
      this.usageFiles.push({ path, text });
      this.priority = 2;
      this.runStatements(p);
      this.inTest = true;
      try {
        this.runUsageFunctions(p, text, calls);
      } finally {
        this.inTest = false;
      }
    }
  }

  /**
   * A script that may build one of this file's classes with arguments the analysis cannot read: a
   * registry of classes indexed by a value it does not know (`vae_models[config['name']](**params)`
   * with `vae_models = {'BetaVAE': BetaVAE, …}`), `models.__dict__[args.arch](…)`,
   * `getattr(models, args.model)(…)`. Noted per class or factory name with the line, for addDynamicBuilds.
   */
  private noteDynamicBuilds(path: string, text: string, names: string[], init: string | undefined, moduleNames: string[], out: Map<string, { en: string; zh: string }>): void {
    if (names.length === 0 || !/\[|getattr/.test(text)) return;
    const file = path.slice(path.lastIndexOf('/') + 1);
    const lineAt = (i: number): number => text.slice(0, i).split('\n').length;
    // The names this script knows the module by: its own names and the aliases it imports them as.
    const aliases = new Set(moduleNames);
    for (const m of text.matchAll(new RegExp(`\\b(?:import\\s+[\\w.]*\\b(?:${moduleNames.map(escapeRe).join('|')})|from\\s+[\\w.]+\\s+import\\s+(?:${moduleNames.map(escapeRe).join('|')}))\\s+as\\s+(\\w+)`, 'g'))) aliases.add(m[1]!);
    const mod = [...aliases].map(escapeRe).join('|');
    const note = (name: string, at: number, how: string): void => {
      if (out.has(name)) return;
      const where = `${file}:${lineAt(at)}`;
      out.set(name, { en: `${where} may build ${name} through ${how} with arguments the analysis cannot read`, zh: `${where} 可能通过 ${how} 以无法分析的参数构建 ${name}` });
    };
    // Indexing the module's namespace, or getattr with a name that is not a literal.
    const byName = new RegExp(`\\b(?:${mod})\\s*\\.\\s*__dict__\\s*\\[(?!\\s*['"])|\\bgetattr\\s*\\(\\s*(?:${mod})\\s*,\\s*(?!['"])`);
    const m = byName.exec(text);
    if (m) for (const name of names) note(name, m.index, m[0].includes('__dict__') ? '__dict__[…]' : 'getattr(…)');
    // A dict of classes (here or in the package's __init__.py) called by a key it does not write.
    for (const source of [text, init ?? '']) {
      for (const name of names) {
        const entry = new RegExp(`(\\w+)\\s*=\\s*(?:dict\\s*\\(|\\{)[^}]*?[:=]\\s*${escapeRe(name)}\\s*[,})]`, 'g');
        for (const d of source.matchAll(entry)) {
          // `vae_models[config['name']](`: a key with one level of brackets in it, not a string literal.
          const call = new RegExp(`\\b${escapeRe(d[1]!)}\\s*\\[(?!\\s*['"][^'"]*['"]\\s*\\])(?:[^\\[\\]\\n]|\\[[^\\]\\n]*\\])+\\]\\s*\\(`).exec(text);
          if (call) note(name, call.index, `${d[1]}[…]`);
        }
        // A dict literal of classes indexed right away by a value it does not write (Attention-Gated
        // Networks' `return {'unet': {'2D': unet_2D, …}, …}[name][tensor_dim]`, then called with config values).
        const value = new RegExp(`['"][^'"\\n]*['"]\\s*:\\s*${escapeRe(name)}\\s*[,}]`).exec(source);
        const indexed = value ? /\}\s*\[(?!\s*['"][^'"]*['"]\s*\])/.exec(source.slice(value.index)) : null;
        if (value && indexed && source === text) note(name, value.index + indexed.index, 'a dict of classes indexed by a value');
      }
    }
  }

  /**
   * A class a script may build with arguments the analysis cannot read is built so here (every
   * argument unknown, said where), as another workspace use; tests then do not stand for it (a
   * unit test builds small models), so they drop below every other use. A factory it may call
   * is run again with its arguments unknown: `vgg19_bn(**kwargs)` called as
   * `models.__dict__[args.arch](num_classes=10)` does not keep the class's num_classes=1000.
   */
  private addDynamicBuilds(dynamic: Map<string, { en: string; zh: string }>, lacking: ClassDef[]): void {
    for (const k of this.containers) {
      const why = k.node.type === 'function_definition' ? dynamic.get(k.name) : undefined;
      const f = why ? this.interp.global(this.main, k.name) : undefined;
      if (!why || f?.t !== 'func') continue;
      this.priority = 3;
      this.interp.resetBudget();
      try {
        const again = this.interp.invokeFunction(f.f, { positional: [], keyword: new Map(), unknownRest: unknownModule(why.en, why.zh) }, false);
        if (again.t === 'module' && (again.m as ModuleInst).userClass) k.inst = again.m as ModuleInst;
      } catch (e) {
        if (!(e instanceof Budget)) throw e;
      }
    }
    for (const c of lacking) {
      const why = dynamic.get(c.name);
      if (!why) continue;
      const list = this.creations.get(c) ?? [];
      if (list.some((k) => k.priority > 0 && !k.test && !k.inside)) continue;
      for (const k of list) if (k.test) k.priority = 5;
      this.priority = 2;
      this.interp.resetBudget();
      try {
        this.interp.instantiate(c, { positional: [], keyword: new Map(), unknownRest: unknownModule(why.en, why.zh) }, c.node);
      } catch (e) {
        if (!(e instanceof Budget)) throw e;
      }
    }
  }

  /** A program's module-level statements, in order (definitions and imports are read lazily). */
  private runStatements(p: PyProgram): void {
    const scope: Scope = { vars: p.globals, recordFlow: false, program: p };
    for (const stmt of p.statements) {
      if (this.opts.isCancelled?.()) return;
      const type = this.nc.type(stmt);
      if (type === 'import_statement' || type === 'import_from_statement') this.bindImportsAssignedLater(stmt, p);
      if (type === 'class_definition' || type === 'function_definition' || type === 'decorated_definition' || type === 'import_statement' || type === 'import_from_statement') continue;
      this.interp.resetBudget();
      try {
        this.interp.execTopLevel(stmt, scope);
      } catch (e) {
        if (!(e instanceof Budget)) throw e;
      }
    }
  }

  /**
   * A usage file's top-level functions that build a lacking model and that nothing in the file
   * calls (pytest's `def test_vit():`), and the test methods of its test classes (`class
   * TestViT(unittest.TestCase): def test_forward(self):`, after `setUp`): each runs with its
   * parameters' defaults.
   */
  private runUsageFunctions(p: PyProgram, text: string, mentions: RegExp): void {
    let ran = 0;
    const code = codeOnly(text);
    const within = (n: Node): string => code.slice(n.startIndex, n.endIndex);
    for (const [name, def] of p.functions) {
      if (ran >= MAX_USAGE_FUNCTIONS || this.opts.isCancelled?.()) return;
      if (!mentions.test(within(def)) || referencedOutside(text, name, def)) continue;
      const f = this.interp.global(p, name);
      if (f?.t !== 'func') continue;
      ran++;
      // A factory other workspace files call (`net_factory(net_type=args.model, class_num=num_classes)`
      // in the training scripts): the values they pass, not its defaults, unless they pass none.
      const args = this.argsAtCallSites(name, f.f, def, true, this.callersElsewhere(p, name)) ?? { positional: [], keyword: new Map() };
      this.runAsUsage(() => this.interp.invokeFunction(f.f, args, false));
    }
    for (const c of p.classes.values()) {
      if (!/^Test/.test(c.name) || this.index.isModuleClass(c)) continue;
      const setUp = this.index.findMethod(c, 'setUp');
      for (const [name, m] of c.methods) {
        if (ran >= MAX_USAGE_FUNCTIONS || this.opts.isCancelled?.()) return;
        if (!name.startsWith('test') || m.isStatic || m.isClassMethod || m.isProperty) continue;
        if (!mentions.test(within(m.node)) && !(setUp && mentions.test(within(setUp.node)))) continue;
        ran++;
        const self: Value = { t: 'obj', cls: c.name, attrs: new Map(), def: c };
        const call = (method: Node, owner: ClassDef): Value => this.interp.invokeFunction(this.interp.makeFunction(method, new Map(), self, 'method', owner.program as PyProgram, owner), { positional: [], keyword: new Map() }, false, owner);
        this.runAsUsage(() => {
          if (setUp) call(setUp.node, setUp.owner);
          call(m.node, c);
        });
      }
    }
  }

  /**
   * The calls of a usage file's function in other workspace files that import it from that file's
   * module (`from networks.net_factory import net_factory` in each training script). Bounded.
   */
  private callersElsewhere(p: PyProgram, name: string): CallSites[] {
    const ws = this.opts.workspace;
    if (!ws) return [];
    const mod = escapeRe(p.file.slice(p.file.lastIndexOf('/') + 1).replace(/\.py$/, ''));
    const imports = new RegExp(`^[ \\t]*(?:from\\s+[\\w.]*\\b${mod}\\s+import\\s+[^\\n]*\\b${escapeRe(name)}\\b|import\\s+[\\w.]*\\b${mod}\\b)`, 'm');
    const sites: CallSites[] = [];
    let scanned = 0;
    for (const path of ws.listFiles('.py')) {
      if (path === p.file || path === this.main.file || scanned++ >= MAX_USAGE_FILES_SCANNED || sites.length >= MAX_USAGE_FILES_RUN) continue;
      const text = ws.readFile(path);
      if (text === undefined || text.length > MAX_IMPORTED_CHARS || !imports.test(text)) continue;
      const aliases = importAliases(text, [name]).map(escapeRe);
      const calls = new RegExp(`\\b(?:${[escapeRe(name), ...aliases].join('|')})\\s*\\(`, 'g');
      if (!new RegExp(calls.source).test(codeOnly(text))) continue;
      const q = this.program(path);
      if (q) sites.push({ root: q.root, text, calls, at: `${path.slice(path.lastIndexOf('/') + 1)}:` });
    }
    return sites;
  }

  /** Runs usage code; one that feeds no model is a factory, weaker than code that runs the model (as in the file's own discovery). */
  private runAsUsage(run: () => void): void {
    const before = new Map([...this.creations].map(([c, l]) => [c, l.length]));
    this.priority = 2;
    this.forwardCalls = 0;
    this.interp.resetBudget();
    try {
      run();
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
    }
    if (this.forwardCalls === 0) {
      for (const [c, list] of this.creations) for (const k of list.slice(before.get(c) ?? 0)) if (k.priority === 2) k.priority = 3;
    }
  }

  /**
   * The workspace's Markdown files (README.md first, nearest first): their ```python blocks that
   * import this module and build a lacking model run as usages, weaker than any code. A block's
   * call is a documentation example: `constructing` keeps its values only for parameters without
   * a default (see docArgs).
   */
  private runDocUsages(ws: WorkspaceFiles, imports: RegExp, mentions: RegExp, nearness: (p: string) => number): void {
    const docs = ws.listFiles('.md')
      .map((p) => ({ p, n: nearness(p), readme: /(^|\/)readme\.md$/i.test(p) }))
      .sort((a, b) => Number(b.readme) - Number(a.readme) || b.n - a.n)
      .slice(0, MAX_DOC_FILES_SCANNED);
    let ran = 0;
    for (const { p: path } of docs) {
      if (ran >= MAX_DOC_BLOCKS_RUN || this.opts.isCancelled?.()) return;
      const text = ws.readFile(path);
      if (text === undefined || text.length > MAX_IMPORTED_CHARS) continue;
      for (const block of pythonBlocks(text)) {
        if (ran >= MAX_DOC_BLOCKS_RUN || this.opts.isCancelled?.()) return;
        if (!imports.test(block.code) || !mentions.test(block.code)) continue;
        // Blank lines before the code: the block's nodes carry the Markdown file's line numbers.
        const tree = this.parse?.('\n'.repeat(block.line) + block.code);
        if (!tree) continue;
        this.noteModeSwitches(block.code);
        this.trees.push(tree);
        const program = new PyProgram(this.nc, tree.rootNode, path);
        this.programs.set(`${path}#${block.line}`, program);
        ran++;
        this.priority = 4;
        this.doc = { program, at: ws.root && path.startsWith(`${ws.root}/`) ? path.slice(ws.root.length + 1) : path.slice(path.lastIndexOf('/') + 1) };
        try {
          this.runStatements(program);
        } finally {
          this.doc = undefined;
        }
      }
    }
  }

  /**
   * A documentation example's constructor call (README.md: `v = XCiT(image_size = 256, …, depth =
   * 12)`): its values stand for the parameters without a default; a parameter with a default
   * keeps it where the example gives the same value, and is unknown (said why) where it gives
   * another, since code may build the model either way. A call its constructor would refuse (an
   * outdated README's keyword) is not used at all.
   */
  private docArgs(c: ClassDef, args: ArgList, node: Node, at: string): ArgList | undefined {
    const sig = this.interp.constructorSignature(c);
    if (!sig) return args.positional.length === 0 && args.keyword.size === 0 ? args : undefined;
    const positionalNames = sig.params.filter((n) => !sig.kwOnly?.has(n));
    if (args.positional.length > positionalNames.length && !sig.varargs) return undefined;
    const positional = [...args.positional];
    const keyword = new Map(args.keyword);
    const given = new Map<string, { arg: Arg; index?: number }>();
    args.positional.slice(0, positionalNames.length).forEach((arg, index) => given.set(positionalNames[index]!, { arg, index }));
    const line = (a: Arg): number => (a.node ?? node).startPosition.row + 1;
    const shown = (a: Arg): string => (a.node ? compactText(this.nc.text(a.node)) : describe(a.value));
    for (const [k, arg] of args.keyword) {
      if (given.has(k)) return undefined;
      if (sig.params.includes(k)) given.set(k, { arg });
      else if (sig.kwargs) keyword.set(k, { value: unknownModule(`${at}:${line(arg)} passes ${k} = ${shown(arg)} to ${c.name}'s **${sig.kwargs}: an example's value, not necessarily the code's`, `${at}:${line(arg)} 将 ${k} = ${shown(arg)} 传给 ${c.name} 的 **${sig.kwargs}：这是示例的值，不一定是代码的值`) });
      else return undefined;
    }
    for (const [name, { arg, index }] of given) {
      const d = this.interp.defaultOf(sig, name);
      if (d === undefined || (isPlain(arg.value) && sameValue(arg.value, d))) continue;
      const defNode = sig.defaults.get(name);
      const dflt = defNode ? compactText(this.nc.text(defNode)) : describe(d);
      // Plain on both sides (sizes, rates, flags): whatever the code passes is plain too, and holds no modules.
      const value = (isPlain(arg.value) && isPlain(d) ? unknown : unknownModule)(`${at}:${line(arg)} builds ${c.name} with ${name} = ${shown(arg)}, its default is ${dflt}`, `${at}:${line(arg)} 以 ${name} = ${shown(arg)} 构建 ${c.name}，其默认值为 ${dflt}`);
      if (index !== undefined) positional[index] = { value };
      else keyword.set(name, { value });
    }
    return { positional, keyword, ...(args.unknownRest ? { unknownRest: args.unknownRest } : {}) };
  }

  constructing(c: ClassDef, args: ArgList, node: Node): ArgList | undefined {
    const doc = this.doc;
    if (!doc) return args;
    // Only the example's own calls: a function it calls may build the model any way.
    if (!doc.program.owns(node)) return undefined;
    return this.docArgs(c, args, node, doc.at);
  }

  /** Does this code read a module-level name that holds a model, a tensor, data or an object? */
  private usesLiveName(src: string): boolean {
    for (const m of src.matchAll(/[A-Za-z_]\w*/g)) {
      const v = this.main.globals.get(m[0]);
      if (v && v.t !== 'num' && v.t !== 'str' && v.t !== 'bool' && v.t !== 'none' && v.t !== 'class' && v.t !== 'func') return true;
      // A function that writes its enclosing function's or the module's names (`nonlocal v; v += 4`):
      // a call of it changes what another one reads.
      if (v?.t === 'func' && /\b(?:nonlocal|global)\b/.test(this.nc.text(v.f.body))) return true;
    }
    return false;
  }

  /** The file's text with string literals and comments blanked (same length): `__all__ = ["resnet18"]` calls nothing. */
  private codeOnly?: string;

  private codeText(): string {
    // A comment or one-line string is blanked in one piece (a 2,000-line comment block stays cheap).
    this.codeOnly ??= this.text.replace(/("""|''')[\s\S]*?\1|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*/g, (s) => (s.includes('\n') ? s.replace(/[^\n]/g, ' ') : ' '.repeat(s.length)));
    return this.codeOnly;
  }

  /** How code outside the function names it: a call (`name(`), only references (an alias, a dict value), or not at all. */
  private referencedElsewhere(name: string, def: Node): 'call' | 'reference' | false {
    const re = new RegExp(`\\b${escapeRe(name)}\\b(\\s*\\()?`, 'g');
    const code = this.codeText();
    let found: 'reference' | false = false;
    for (const m of code.matchAll(re)) {
      const at = m.index ?? 0;
      if (at >= def.startIndex && at < def.endIndex) continue;
      // `# test()` in a comment does not call it.
      const lineStart = this.text.lastIndexOf('\n', at) + 1;
      if (this.text.slice(lineStart, at).includes('#')) continue;
      // A call (`name(`, or `obj.name(`: another object's method of that name, kept as a call) or a
      // decorator runs it; a plain mention (`map(name, xs)`, a dict value) is a reference.
      if (m[1] !== undefined || /@\s*$/.test(code.slice(lineStart, at))) return 'call';
      found = 'reference';
    }
    return found;
  }

  private classesUsedInsideOthers(models: ClassDef[]): Set<string> {
    // A text search is enough (and far cheaper than walking every node): `Name(` inside another
    // model's source means that model instantiates it.
    const used = new Set<string>();
    if (models.length < 2) return used;
    const pattern = new RegExp(`\\b(${models.map((m) => escapeRe(m.name)).join('|')})\\s*\\(`, 'g');
    for (const m of models) {
      const body = this.text.slice(m.node.startIndex, m.node.endIndex);
      for (const match of body.matchAll(pattern)) if (match[1] !== m.name) used.add(match[1]!);
    }
    return used;
  }

  // ---------------------------------------------------------------- one model

  /**
   * The instance to analyse — what the program built, or a fresh one with what all its uses agree
   * on — and the instances whose inputs fit it (same constructor arguments).
   */
  private instanceFor(c: ClassDef, top: boolean): { inst: ModuleInst; feeds: ModuleInst[] } {
    const list = this.creations.get(c) ?? [];
    const outside = list.filter((k) => !k.inside && k.priority > 0);
    if (top && outside.length > 0) {
      const group = this.firstBuilds(c);
      const first = group[0]!;
      const feeds = group.map((k) => k.inst);
      // A script that imports this module by a name it computes (`__import__(config['model'])`) may
      // build it with other values — unless this file's own code builds it (what the person runs).
      const dynamic = first.priority > 1 ? this.dynamicCallArgs(c) : undefined;
      if (!dynamic && alikeBuilds(group)) return { inst: first.inst, feeds };
      if (!dynamic && group.every((k) => sameCtor(k.ctor, first.ctor))) {
        // The same arguments, other layers: a global the constructor reads changed between the
        // builds (`W = 4; a = Net(); W = 8; b = Net()`). The class's view is built again, its
        // layers that differ between the builds unknown (each build's own name is a model of its own).
        const inst = this.interp.instantiate(c, this.argsFromCtor(c, first.ctor), c.node);
        const why = { en: `${c.name} is built with the same arguments but different layers (a value its constructor reads changed between the builds, or one copy's layer was replaced)`, 'zh-cn': `${c.name} 以相同参数构建却得到不同的层（构造函数读取的值在两次构建之间改变，或某个副本的层被替换）` };
        for (const k of group) forgetDiffering(inst, k.inst, why);
        // Instances run in other modes, with hooks or another forward: the class's view is none of them.
        const state = group.map((k) => stateDiffers(k.inst, first.inst)).find((d) => d !== undefined);
        if (state === 'mode') {
          inst.modeUnsure = true;
          inst.modeAtFirstCall = { evaluating: false, unsure: true };
        } else if (state === 'hooks') inst.callUnsure = { en: `${c.name}'s instances have different forward hooks: what a call gives depends on the instance`, 'zh-cn': `${c.name} 的各实例前向钩子不同：调用结果取决于实例` };
        else if (state === 'forward') inst.callUnsure = { en: `${c.name}: one instance's forward is replaced, another's is not`, 'zh-cn': `${c.name}：一个实例的 forward 被替换，另一个没有` };
        return { inst, feeds };
      }
      // Several different instantiations: only the arguments they agree on are known.
      const merged = new Map<string, Value>();
      for (const [k, v] of first.ctor) {
        const same = group.every((g) => { const o = g.ctor.get(k); return o !== undefined && sameValue(o, v); });
        // Unknown everywhere: the first's reason ("README.md:12 builds … its default is …").
        const unknownAll = group.every((g) => g.ctor.get(k)?.t === 'unknown');
        // One build's value unknown: its reason says where (a call with other values the analysis has not run).
        const unknownOne = group.map((g) => g.ctor.get(k)).find((o) => o?.t === 'unknown');
        merged.set(k, same || unknownAll ? v : unknownOne ?? unknownModule(`'${k}' differs between the places that build ${c.name}`, `构建 ${c.name} 的各处给出的 '${k}' 不同`));
        const other = dynamic?.keyword.get(k)?.value ?? dynamic?.unknownRest;
        if (other) merged.set(k, other);
      }
      return { inst: this.interp.instantiate(c, this.argsFromCtor(c, merged), c.node), feeds };
    }
    if (!top) {
      // A block the program (or a README example) also builds and feeds on its own: that build, as
      // the person wrote it (perceiver's README runs PerceiverIO itself, and inside PerceiverLM).
      const own = outside.find((k) => this.fedInst.has(k.inst.id)) ?? outside.find((k) => this.fedMethod.has(k.inst.id));
      if (own) return { inst: own.inst, feeds: [own.inst] };
      // Else the instance a model fed first (with that input), else one the program built
      // itself, else one built inside a model by the program, else inside a model analysed here.
      const fed = this.fedClass.get(c);
      if (fed) return { inst: fed.inst, feeds: [fed.inst] };
      const pick = outside[0] ?? list.find((k) => k.priority > 0) ?? list[0];
      if (pick) return { inst: pick.inst, feeds: [pick.inst] };
    }
    // A class a registry decorator records (`@register("model", "resnet")`, `@MODELS.register_module()`) is
    // built by a config through its **kwargs: what they may set is not the defaults (round 35b).
    const registered = c.node.parent?.type === 'decorated_definition' && this.nc.kids(c.node.parent).some((d) => d.type === 'decorator' && !/^@\s*(?:dataclasses\.)?(?:dataclass|total_ordering|final|typing\.final)\b/.test(this.nc.text(d)));
    const inst = this.interp.instantiate(c, { ...(this.unrunCallArgs(c) ?? { positional: [], keyword: new Map() }), ...(registered ? { builtByRegistry: true as const } : {}) }, c.node);
    return { inst, feeds: [inst] };
  }

  /**
   * A class the file builds only in code the analysis has not run (a GAN trainer class's
   * `self.G = generator(input_dim=self.z_dim, input_size=self.input_size)`), or that a workspace
   * script builds from a module it imports at run time (`model = importlib.import_module(args.model);
   * model.get_model(num_class, normal_channel=args.use_normals)`): the parameters such a call
   * gives are not assumed to keep their defaults (unknown, said where); the others do.
   */
  private unrunCallArgs(c: ClassDef): ArgList | undefined {
    const sig = c.program === this.main ? this.interp.constructorSignature(c) : undefined;
    return sig ? this.unrunCallSites(c.name, sig, c.node, false) : undefined;
  }

  /**
   * What the workspace's scripts that import a module by a computed name give this class, where
   * the code also builds it itself: BigGAN's train.py `model = __import__(config['model']);
   * model.Generator(**config)` beside TFHub/converter.py's build with a literal config.
   */
  private dynamicCallArgs(c: ClassDef): ArgList | undefined {
    const sig = c.program === this.main ? this.interp.constructorSignature(c) : undefined;
    return sig ? this.unrunCallSites(c.name, sig, c.node, false, true) : undefined;
  }

  /**
   * The parameters calls of `name` give in code the analysis has not run (this file's, and the
   * workspace scripts' that use it), each unknown, said where; with `spread`, keywords the
   * signature does not name go to its `**kwargs` (a factory's `mobilenet_v2(**kwargs)` called as
   * `mobilenet_v2(pretrained=p, output_stride=os)` in DeepLab's modeling.py).
   */
  private unrunCallSites(callee: string, sig: Callable, def: Node, spread: boolean, dynamicOnly = false): ArgList | undefined {
    const name = escapeRe(callee);
    const sites: CallSites[] = [];
    // The file's own calls, read without comments and strings only when the raw text has one outside the definition.
    const raw = [...this.text.matchAll(new RegExp(`\\b${name}\\s*\\(`, 'g'))].some((m) => {
      const at = m.index ?? 0;
      return (at < def.startIndex || at >= def.endIndex) && !this.text.slice(this.text.lastIndexOf('\n', at) + 1, at).includes('#');
    });
    if (raw && !dynamicOnly) sites.push({ root: this.main.root, text: this.codeText(), calls: new RegExp(`\\b${name}\\s*\\(`, 'g'), at: 'line ' });
    const at = (path: string): string => `${path.slice(path.lastIndexOf('/') + 1)}:`;
    // Scripts that import this module and ran as usages: a call they hold but never reached (a
    // lambda in a dict of models, a branch of a CLI command) builds it all the same.
    for (const u of dynamicOnly ? [] : this.usageFiles) {
      const p = this.program(u.path);
      // Also under the name the script imports it as (`from model import efficientnet_b0 as create_model`).
      const aliases = importAliases(u.text, [callee]).map(escapeRe);
      if (p) sites.push({ root: p.root, text: u.text, calls: new RegExp(`\\b(?:${[name, ...aliases].join('|')})\\s*\\(`, 'g'), at: at(u.path) });
    }
    for (const d of this.dynamicUsers()) {
      const p = !this.usageFiles.some((u) => u.path === d.path) && new RegExp(`\\.\\s*${name}\\s*\\(`).test(d.text) ? this.program(d.path) : undefined;
      if (p) sites.push({ root: p.root, text: d.text, calls: new RegExp(`(?<=\\.\\s*)${name}\\s*\\(`, 'g'), at: at(d.path) });
    }
    return this.argsAtCallSites(callee, sig, def, spread, sites);
  }

  /**
   * The arguments calls in code the analysis has not run give a function or class: each parameter
   * with a default they pass another value for becomes unknown ("its default is not assumed"), and
   * a splat leaves the rest unknown. undefined: they change nothing.
   */
  private argsAtCallSites(callee: string, sig: Callable, def: Node, spread: boolean, sites: CallSites[]): ArgList | undefined {
    const positionalNames = sig.params.filter((n) => !sig.kwOnly?.has(n));
    const keyword = new Map<string, Arg>();
    let rest: Value | undefined;
    for (const site of sites) {
      for (const m of site.text.matchAll(site.calls)) {
        const at = m.index ?? 0;
        if (site.root.tree === def.tree && at >= def.startIndex && at < def.endIndex) continue;
        let call: Node | null = site.root.descendantForIndex(at);
        while (call && call.type !== 'call') call = call.parent;
        const fn = call ? this.nc.field(call, 'function') : null;
        const argNode = call ? this.nc.field(call, 'arguments') : null;
        const calledAs = /^[\w.]+/.exec(m[0])![0];
        if (!call || !fn || !argNode || fn.endIndex !== at + calledAs.length) continue;
        const line = call.startPosition.row + 1;
        const where = `${site.at}${line}`;
        let i = 0;
        for (const a of this.nc.kids(argNode)) {
          if (a.type === 'comment') continue;
          if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
            rest ??= unknownModule(`${where} builds ${callee} with ${compactText(this.nc.text(a))}, in code the analysis has not run`, `${where} 以 ${compactText(this.nc.text(a))} 构建 ${callee}，分析尚未运行这段代码`);
            continue;
          }
          const param = a.type === 'keyword_argument' ? this.nc.field(a, 'name')?.text : positionalNames[i++];
          const value = a.type === 'keyword_argument' ? this.nc.field(a, 'value') : a;
          if (param === undefined || !value || keyword.has(param)) continue;
          const dflt = sig.defaults.get(param);
          const extra = spread && sig.kwargs !== undefined && !sig.params.includes(param);
          if (!dflt && !extra) continue;
          const shown = compactText(this.nc.text(value));
          // The default written again (`Net(num_classes=10)` for `num_classes=10`) keeps it.
          if (dflt && shown === compactText(this.nc.text(dflt))) continue;
          const d = dflt ? compactText(this.nc.text(dflt)) : undefined;
          keyword.set(param, {
            value: unknownModule(
              `${where} builds ${callee} with ${param} = ${shown}, in code the analysis has not run${d !== undefined ? `: its default ${d} is not assumed` : ''}`,
              `${where} 以 ${param} = ${shown} 构建 ${callee}，分析尚未运行这段代码${d !== undefined ? `：不假定其默认值 ${d}` : ''}`,
            ),
          });
        }
      }
    }
    if (keyword.size === 0 && !rest) return undefined;
    return { positional: [], keyword, ...(rest ? { unknownRest: rest } : {}) };
  }

  /**
   * A factory this file's discovery ran with no arguments that workspace code calls with others,
   * where the analysis has not run that code: run again with those arguments unknown, so neither
   * the factory nor the class it builds keeps defaults the call changes.
   */
  private rerunFactoriesCalledElsewhere(): void {
    for (const k of [...this.containers]) {
      if (k.node.type !== 'function_definition') continue;
      const f = this.interp.global(this.main, k.name);
      const args = f?.t === 'func' ? this.unrunCallSites(k.name, f.f, k.node, true) : undefined;
      if (f?.t !== 'func' || !args) continue;
      this.priority = 3;
      this.interp.resetBudget();
      try {
        const again = this.interp.invokeFunction(f.f, args, false);
        if (again.t === 'module' && (again.m as ModuleInst).userClass) k.inst = again.m as ModuleInst;
        // What it builds depends on what the calls give: no longer a model of its own (the class stays one).
        else this.containers.splice(this.containers.indexOf(k), 1);
      } catch (e) {
        if (!(e instanceof Budget)) throw e;
        this.containers.splice(this.containers.indexOf(k), 1);
      }
    }
  }

  private dynamic?: { path: string; text: string }[];
  /** The workspace files run as usages of this file's models (runWorkspaceUsages). */
  private readonly usageFiles: { path: string; text: string }[] = [];

  /** Workspace scripts that import a module chosen at run time (`importlib.import_module(args.model)`); a bounded few. */
  private dynamicUsers(): { path: string; text: string }[] {
    if (this.dynamic) return this.dynamic;
    this.dynamic = [];
    const ws = this.opts.workspace;
    if (!ws || !this.parse) return this.dynamic;
    let scanned = 0;
    for (const path of ws.listFiles('.py')) {
      if (path === this.main.file || scanned++ >= MAX_USAGE_FILES_SCANNED || this.dynamic.length >= MAX_USAGE_FILES_RUN) continue;
      const text = ws.readFile(path);
      if (text !== undefined && text.length <= MAX_IMPORTED_CHARS && /\bimport_module\s*\(|\b__import__\s*\(/.test(text)) this.dynamic.push({ path, text });
    }
    return this.dynamic;
  }

  /** Call arguments that bind a constructor's parameters to these values (`*args` / `**kwargs` spread again). */
  private argsFromCtor(c: ClassDef, ctor: Map<string, Value>): ArgList {
    const sig = this.interp.constructorSignature(c);
    const args: ArgList = { positional: [], keyword: new Map() };
    const spread = sig?.varargs !== undefined ? ctor.get(sig.varargs) : undefined;
    const leading = spread?.t === 'seq' && sig ? sig.params.filter((n) => !sig.kwOnly?.has(n)) : [];
    for (const n of leading) args.positional.push({ value: ctor.get(n) ?? unknownModule(`'${n}' is not known`, `'${n}' 未知`) });
    if (spread?.t === 'seq') for (const value of spread.items) args.positional.push({ value });
    for (const [k, v] of ctor) {
      if (leading.includes(k) || k === sig?.varargs) continue;
      if (k === sig?.kwargs) {
        if (v.t === 'dict') for (const [ek, ev] of v.entries) args.keyword.set(ek, { value: ev });
        else args.unknownRest = v;
        continue;
      }
      args.keyword.set(k, { value: v });
    }
    return args;
  }

  private analyzeClass(c: ClassDef, annotations: InputAnnotation[], top: boolean): { model: ModelInfo; diags: ShapeDiagnostic[] } {
    this.mods.startModel(c.name);
    this.interp.resetBudget();
    let output: ShapeResult = { known: false, reason: { en: 'no input shape', 'zh-cn': '没有输入形状' } };
    let outputs: ShapeResult[] | undefined;
    let rootInst: ModuleInst | undefined;
    let inputs: number[][] = [];
    let source: InputSource = 'none';
    let origin: InputOrigin | undefined;
    let keywordInputs: Record<string, number[] | null> | undefined;
    let nestedInputs = false;
    let method: MethodRun | undefined;
    const laterMethods: NonNullable<ModelInfo['laterMethods']> = [];
    try {
      const picked = this.instanceFor(c, top);
      rootInst = picked.inst;
      const chosen = this.inputFor(c.node, picked.feeds, annotations, top);
      // A deep copy the code runs in place of the model it copied (`clone = copy.deepcopy(base)`, then
      // `base.fc = …`, `clone(x)`): the copy is what ran, as it was when called.
      if (chosen.fedInst && chosen.fedInst !== rootInst && chosen.fedInst.copyOf === rootInst.id) rootInst = chosen.fedInst;
      this.mods.registerTree(rootInst);
      inputs = chosen.shapes;
      source = chosen.source;
      origin = chosen.origin;
      nestedInputs = chosen.nested === true;
      // (Marked as soon as chosen: the inputs are the method's even when its run stops part-way.)
      if (chosen.method) method = { name: chosen.method, ran: false };
      if (chosen.keywords) keywordInputs = Object.fromEntries([...chosen.keywords].map(([k, v]) => [k, v.t === 'tensor' ? v.shape : null]));
      if (chosen.values) {
        this.interp.rewindToFirstCall(rootInst);
        this.interp.keepModeFor(rootInst, chosen.fedInst);
        const args: ArgList = { positional: chosen.values.map((value) => ({ value })), keyword: new Map([...(chosen.keywords ?? [])].map(([k, value]) => [k, { value }])) };
        if (chosen.method) {
          const ran = this.runThroughMethods(c, rootInst, chosen.method, args, chosen.fedInst ?? picked.feeds.find((i) => this.fedMethod.get(i.id)?.method === chosen.method));
          method = ran.method;
          laterMethods.push(...ran.later);
          output = ran.output;
        } else {
          const returned = this.interp.runForward(c, rootInst, args);
          output = rootInst.callUnsure ? { known: false, reason: rootInst.callUnsure } : toShape(firstTensor(returned));
          if (!rootInst.callUnsure) outputs = tupleOutputs(returned);
        }
      }
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
      output = { known: false, reason: stopped() };
    }
    const model: ModelInfo = {
      name: c.name, framework: 'pytorch', range: this.nc.range(c.nameNode), extent: this.nc.range(c.node), inputs, ...(keywordInputs ? { keywordInputs } : {}), inputSource: source,
      layers: this.mods.layers, output, ...(outputs && output.known ? { outputs } : {}), totalParams: rootInst ? this.mods.subtreeParams(rootInst) : null, trace: this.mods.trace, flow: this.mods.flow,
    };
    const why = rootInst ? this.mods.subtreeParamsUnknown(rootInst) : undefined;
    if (why) model.totalParamsUnknown = why;
    // A forward not run here that makes layers on its first call (`if self.fc is None: self.fc = nn.Linear(…)`):
    // the model's count after that call is not the constructor's.
    const lazy = source === 'none' && rootInst && model.totalParams !== null ? this.layersMadeInForward(c) : undefined;
    if (lazy) {
      model.totalParams = null;
      model.totalParamsUnknown = lazy;
    }
    if (origin) model.inputOrigin = origin;
    if (nestedInputs) model.nestedInputs = true;
    if (method) model.inputMethod = method.name;
    if (laterMethods.length > 0) model.laterMethods = laterMethods;
    this.finishLayers(model, inputs.length > 0 || source !== 'none', method);
    return { model, diags: this.mods.diags };
  }

  /**
   * A model the code runs through its methods, not forward: the first method with its input, then
   * each other method the code runs it through (a Transformer's decode and project after encode),
   * at its first call, in order. What a method returns is not the model's output (forward's): the
   * layers the methods reach are listed.
   */
  private runThroughMethods(c: ClassDef, inst: ModuleInst, name: string, args: ArgList, fedAt: ModuleInst | undefined): { method: MethodRun; later: NonNullable<ModelInfo['laterMethods']>; output: ShapeResult } {
    const got = toShape(firstTensor(this.interp.runMethod(c, inst, name, args)));
    const method: MethodRun = { name, ran: got.known };
    const later: NonNullable<ModelInfo['laterMethods']> = [];
    for (const f of got.known && fedAt ? (this.laterMethods.get(fedAt.id) ?? []) : []) {
      if (!f.method || !f.inputs.every(isKnownInput) || (f.keywords && ![...f.keywords.values()].every(isKnownInput))) break;
      const more: ArgList = { positional: f.inputs.map((value) => ({ value })), keyword: new Map([...(f.keywords ?? [])].map(([k, value]) => [k, { value }])) };
      if (!toShape(firstTensor(this.interp.runMethod(c, inst, f.method, more))).known) break;
      method.also = [...(method.also ?? []), f.method];
      later.push({ method: f.method, inputs: f.inputs.flatMap(tensorsIn).map((v) => v.shape) });
    }
    const output: ShapeResult = got.known ? { known: false, reason: { en: `the code runs the model through ${name}(), not forward`, 'zh-cn': `代码通过 ${name}() 而非 forward 运行该模型` } } : got;
    return { method, later, output };
  }

  /** Does the class's forward assign a layer to the module (`self.fc = nn.Linear(…)`, `add_module`, `setattr(self, …)`)? */
  private layersMadeInForward(c: ClassDef): Msg | undefined {
    const fwd = this.index.findMethod(c, 'forward');
    const text = fwd ? this.nc.text(fwd.node) : '';
    const made = /\bself\.\w+\s*=\s*(?:nn|torch\.nn)\.[A-Z]\w*\s*\(|\bself\.add_module\s*\(|\bsetattr\s*\(\s*self\b/.exec(text);
    if (!made) return undefined;
    const what = made[0].replace(/\s+/g, ' ');
    return { en: `forward makes layers on its first call (${what}…), and it has not run here (no input shape)`, 'zh-cn': `forward 在首次调用时创建层（${what}…），而此处未运行（没有输入形状）` };
  }

  private analyzeContainer(k: { inst: ModuleInst; name: string; node: Node }, annotations: InputAnnotation[]): { model: ModelInfo; diags: ShapeDiagnostic[] } {
    this.mods.startModel(k.name);
    this.interp.resetBudget();
    let output: ShapeResult = { known: false, reason: { en: 'no input shape', 'zh-cn': '没有输入形状' } };
    let outputs: ShapeResult[] | undefined;
    const assignment = k.node.namedChild(0);
    // A factory is named by its function: `def resnet18(…)`.
    const left = k.node.type === 'function_definition' ? this.nc.field(k.node, 'name') : assignment?.type === 'assignment' ? this.nc.field(assignment, 'left') : null;
    const chosen = this.inputFor(k.node, [k.inst], annotations, true);
    let method: MethodRun | undefined;
    const laterMethods: NonNullable<ModelInfo['laterMethods']> = [];
    try {
      // A lone layer used as the model (`model = nn.Linear(1, 1)`) is listed as its own layer.
      if (k.inst.builtin) {
        const wrapper = this.mods.newModule('Model', k.name, k.node);
        wrapper.children.push({ name: k.name, inst: k.inst });
        this.mods.registerTree(wrapper);
      } else this.mods.registerTree(k.inst);
      if (chosen.values) {
        this.interp.rewindToFirstCall(k.inst);
        this.interp.keepModeFor(k.inst, chosen.fedInst);
        const args: ArgList = { positional: chosen.values.map((value) => ({ value })), keyword: new Map([...(chosen.keywords ?? [])].map(([key, value]) => [key, { value }])) };
        // A factory's model the code runs through its methods (`model = build_transformer(…); model.encode(src, mask)`).
        const cls = k.inst.userClass as ClassDef | undefined;
        if (chosen.method && cls) {
          const ran = this.runThroughMethods(cls, k.inst, chosen.method, args, k.inst);
          method = ran.method;
          laterMethods.push(...ran.later);
          output = ran.output;
        } else {
          // (A model of another file runs all its code there: what it reports stands on this file's line that builds it.)
          const prevAnchor = this.mods.anchor;
          if (this.main.owns(k.node)) this.mods.anchor = k.node;
          try {
            const returned = this.interp.callModule(k.inst, { positional: args.positional, keyword: new Map() }, k.node);
            output = toShape(firstTensor(returned));
            outputs = tupleOutputs(returned);
          } finally {
            this.mods.anchor = prevAnchor;
          }
        }
      }
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
      output = { known: false, reason: stopped() };
    }
    const model: ModelInfo = {
      name: k.name, framework: 'pytorch', range: this.nc.range(left ?? k.node), extent: this.nc.range(k.node), inputs: chosen.shapes, inputSource: chosen.source,
      layers: this.mods.layers, output, ...(outputs && output.known ? { outputs } : {}), totalParams: this.mods.subtreeParams(k.inst), trace: this.mods.trace, flow: [],
    };
    const why = this.mods.subtreeParamsUnknown(k.inst);
    if (why) model.totalParamsUnknown = why;
    if (chosen.origin) model.inputOrigin = chosen.origin;
    if (method) model.inputMethod = method.name;
    if (laterMethods.length > 0) model.laterMethods = laterMethods;
    this.finishLayers(model, chosen.shapes.length > 0, method);
    return { model, diags: this.mods.diags };
  }

  private finishLayers(model: ModelInfo, hasInput: boolean, method?: MethodRun): void {
    // A layer without a call was either skipped by a forward that ran to its end, or not reached
    // because the forward stopped earlier: then the reason is what stopped it (an unknown loop
    // length, say), not the layer.
    const out = model.output;
    const reason: Extract<ShapeResult, { known: false }>['reason'] = !hasInput ? { en: 'no input shape for this model', 'zh-cn': '该模型没有输入形状' }
      : method?.ran ? (method.also?.length ? { en: `not called by ${[method.name, ...method.also].map((m) => `${m}()`).join(', ')}, the methods the code runs the model through`, 'zh-cn': `代码运行模型所用的 ${[method.name, ...method.also].map((m) => `${m}()`).join('、')} 都没有调用该层` } : { en: `not called by ${method.name}(), the method the code runs the model through`, 'zh-cn': `代码运行模型所用的 ${method.name}() 没有调用该层` })
      : out.known ? { en: 'this layer is never called in forward', 'zh-cn': '该层在 forward 中从未被调用' }
      : { en: `not reached: the forward pass stopped before it (${out.reason.en})`, 'zh-cn': `未到达：forward 在此之前已停止（${out.reason['zh-cn']}）` };
    // nn.ParameterList / ParameterDict have no forward: forward reads their parameters directly.
    const holder = { en: 'holds parameters (or modules) that forward uses directly; it is never called itself', 'zh-cn': '存放 forward 直接使用的参数（或模块），本身不被调用' };
    for (const l of model.layers) {
      if (l.calls.length === 0) l.output = { known: false, reason: l.kind === 'ParameterList' || l.kind === 'ParameterDict' ? holder : reason };
    }
  }

  /** The model's input: CLI, comment, what the code fed this instance (or the class), the setting. */
  /**
   * An nn.Sequential never called itself whose first layer the code feeds (d2l's `for layer in
   * net: X = layer(X)`, which is `net(X)` step by step): that input is the Sequential's.
   */
  private fedThroughFirstLayer(feeds: ModuleInst[]): Fed | undefined {
    for (const inst of feeds) {
      const first = inst.container === 'Sequential' && !inst.userClass && !inst.uncertain ? inst.children[0]?.inst : undefined;
      const fed = first ? this.fedInst.get(first.id) : undefined;
      // (Fed before the Sequential existed — a probe `conv(torch.ones(1, 1, 28, 28))` sizing the head — is not its walk.)
      if (fed?.node && fed.inputs.length === 1 && this.main.owns(fed.node) && (fed.made ?? 0) > inst.id) return fed;
    }
    return undefined;
  }

  /** The `example_input_array` a LightningModule instance sets (`self.example_input_array = torch.zeros(1, 1, 28, 28)`). */
  private lightningExample(feeds: ModuleInst[]): { values: Value[]; origin: InputOrigin } | undefined {
    for (const inst of feeds) {
      const c = inst.userClass as ClassDef | undefined;
      const v = c && this.index.isLightningModule(c) ? inst.attrs.get('example_input_array') : undefined;
      const values = v?.t === 'tensor' ? [v] : v?.t === 'seq' && v.tuple && v.items.length > 0 && v.items.every((x) => x.t === 'tensor') ? v.items : undefined;
      if (!values) continue;
      const text = this.nc.text(c!.node);
      const at = /\bexample_input_array\s*=\s*([^\n]*)/.exec(text);
      const line = at ? c!.node.startPosition.row + text.slice(0, at.index).split('\n').length - 1 : c!.node.startPosition.row;
      return { values, origin: { line, what: at ? `example_input_array = ${compactText(at[1]!)}` : 'example_input_array' } };
    }
    return undefined;
  }

  private inputFor(def: Node, feeds: ModuleInst[], annotations: InputAnnotation[], top: boolean): { shapes: number[][]; values?: Value[]; keywords?: Map<string, Value>; nested?: boolean; method?: string; source: InputSource; origin?: InputOrigin; fedInst?: ModuleInst } {
    const asValues = (shapes: number[][]): Value[] => shapes.map((shape) => ({ t: 'tensor', shape }));
    if (this.opts.forceInput && this.opts.forceInput.length > 0 && top) return { shapes: this.opts.forceInput, values: asValues(this.opts.forceInput), source: 'cli' };
    const ann = annotationFor(def, annotations);
    if (ann) return { shapes: ann, values: asValues(ann), source: 'annotation' };
    // A Sequential walked layer by layer before it is called itself: the walk is its first run.
    const direct = feeds.map((i) => this.fedInst.get(i.id)).find((f) => f !== undefined);
    const walked = this.fedThroughFirstLayer(feeds);
    const forwardFed = direct && walked ? (walked.seq < direct.seq ? walked : direct) : (direct ?? walked);
    // A model the code never calls but runs through another method (`z = model.encode(x)`): that method's input.
    // (A summary's run counts only where the code itself runs the model nowhere: its package may be absent where the code runs.)
    const fed = forwardFed ?? feeds.map((i) => this.fedMethod.get(i.id)).find((f) => f !== undefined) ?? feeds.map((i) => this.summarizedInst.get(i.id)).find((f) => f !== undefined);
    // Given by name: tensors (`labels=torch.zeros(2, 40)`) and plain values (`reverse=True`), as for positional inputs.
    const keywordsKnown = !fed?.keywords || [...fed.keywords.values()].every(isKnownInput);
    // (`m(tokens=t, lengths=l)` to a `forward(self, *, tokens, lengths)`: tensors by name only.)
    const tensorByName = !!fed?.keywords && [...fed.keywords.values()].some((v) => tensorsIn(v).length > 0);
    // `lv()` of a `def forward(self):` (a learned latent fed to another net): called with nothing, as it takes nothing.
    const takesNothing = !!fed && fed.inputs.length === 0 && !fed.keywords && !fed.method && forwardTakesNothing(this.nc, def);
    if (fed && fed.inputs.every(isKnownInput) && keywordsKnown && (fed.inputs.some((v) => tensorsIn(v).length > 0) || tensorByName || takesNothing)) {
      // The shapes are the positional inputs' tensors in order (what a runner feeds, unless some
      // come inside a tuple: `m((mel, audio))`); values given by name go with them to forward.
      const shapes = fed.inputs.flatMap(tensorsIn).map((v) => v.shape);
      const keywords = fed.keywords ? { keywords: fed.keywords } : {};
      const nested = fed.inputs.some((v) => v.t !== 'tensor' && tensorsIn(v).length > 0) ? { nested: true } : {};
      if (!top && !fed.method) return { shapes, values: fed.inputs, ...keywords, ...nested, source: 'caller', fedInst: fed.inst };
      const first = fed.inputs.flatMap(tensorsIn)[0] ?? [...(fed.keywords?.values() ?? [])].flatMap(tensorsIn)[0];
      const src = first?.src;
      const line = fed.node ? fed.node.startPosition.row : def.startPosition.row;
      // A tuple of tensors comes from the call that gives it, not from its first tensor's maker.
      // (Through a method, the call says which: `model.encode(torch.zeros(8, 784))`.)
      const what = fed.method || nested.nested || !src?.what ? (fed.node ? compactText(this.nc.text(fed.node)) : '') : src.what;
      const origin: InputOrigin = { line, what };
      const elsewhere = fed.node && !this.main.owns(fed.node) ? [...this.programs.values()].find((p) => p?.owns(fed.node!)) : undefined;
      if (elsewhere) origin.file = elsewhere.file;
      const method = fed.method ? { method: fed.method } : {};
      // (A summary's run has the mode its package sets — torchinfo's eval, or the model's: not the code's.)
      const viaSummary = feeds.some((i) => this.summarizedInst.get(i.id) === fed);
      return { shapes, values: fed.inputs, ...keywords, ...nested, ...method, source: src?.kind === 'dataset' ? 'dataset' : 'call', origin, fedInst: fed.method || viaSummary ? undefined : fed.inst };
    }
    // Lightning's `self.example_input_array` (what its model summary runs): a tensor, or a tuple given as positional inputs.
    const example = top ? this.lightningExample(feeds) : undefined;
    if (example) return { ...example, shapes: example.values.flatMap(tensorsIn).map((v) => v.shape), source: 'example' };
    if (this.opts.defaultInput && top) return { shapes: [this.opts.defaultInput], values: asValues([this.opts.defaultInput]), source: 'setting' };
    return { shapes: [], source: 'none' };
  }
}

/**
 * What makes two diagnostics one: the place and the message, or for a mismatch the place and its
 * numbers (a block's error found in its own view and in the model holding it — `skip`, `block1.skip`).
 */
function diagKey(d: ShapeDiagnostic): string {
  const at = `${d.range.start.line}:${d.range.start.character}`;
  return d.expected !== undefined && d.actual !== undefined ? `${at}:${d.code}:${d.expected}:${d.actual}` : `${at}:${d.message.en}`;
}

/** A list's or dict's items as they are now (the interpreter's lists change in place). */
function snapshot(v: Value): Value {
  if (v.t === 'seq') return { ...v, items: v.items.map(snapshot) };
  if (v.t === 'dict') return { ...v, entries: v.entries.map(([k, x]): [string, Value] => [k, snapshot(x)]) };
  return v;
}

/**
 * An input as the call received it (snapshot), its tensors values of their own: the model's report
 * runs that call again, and what the call itself then did in place (`x.unsqueeze_(1)`) is not yet done.
 * (The same tensor given twice stays one: `m(x, x)`.)
 */
function asReceived(v: Value, seen: Map<Value, Value>): Value {
  const known = seen.get(v);
  if (known) return known;
  const out = v.t === 'tensor' ? tensorAsReceived(v) : v.t === 'seq' ? { ...v, items: v.items.map((x) => asReceived(x, seen)) } : v.t === 'dict' ? { ...v, entries: v.entries.map(([k, x]): [string, Value] => [k, asReceived(x, seen)]) } : v;
  seen.set(v, out);
  return out;
}

/** The tensors in an input value, in order (a tuple's, list's or dict's, nested ones included). */
function tensorsIn(v: Value): (Value & { t: 'tensor' })[] {
  return v.t === 'tensor' ? [v] : v.t === 'seq' ? v.items.flatMap(tensorsIn) : v.t === 'dict' ? v.entries.flatMap(([, x]) => tensorsIn(x)) : [];
}

/** A value a forward can be run on as the model's input: tensors, None, numbers, tuples and dicts of them. */
function isKnownInput(v: Value): boolean {
  if (v.t === 'seq') return v.items.every(isKnownInput);
  // SAM's `sam([{'image': …, 'original_size': (1024, 1024)}], multimask_output=True)`: dicts of such values.
  if (v.t === 'dict') return v.entries.every(([, x]) => isKnownInput(x));
  // (A function handed to forward: `agg(x, neighbours, act=torch.tanh)`, `model(x, lambda t: t)`.)
  return v.t === 'tensor' || v.t === 'none' || v.t === 'num' || v.t === 'bool' || v.t === 'str' || v.t === 'func' || (v.t === 'ref' && /^(?:torch|builtins|math|numpy)\./.test(v.name));
}

/** The class's own `def forward(self):` takes nothing but the instance (an inherited forward: not known here). */
function forwardTakesNothing(nc: NodeCache, cls: Node): boolean {
  const body = nc.field(cls, 'body');
  for (const st of body ? nc.kids(body) : []) {
    const fn = st.type === 'decorated_definition' ? nc.field(st, 'definition') : st;
    if (fn?.type !== 'function_definition' || nc.field(fn, 'name')?.text !== 'forward') continue;
    const params = nc.field(fn, 'parameters');
    const names = params ? nc.kids(params).filter((p) => p.isNamed && p.type !== 'comment') : [];
    return names.length === 1 && names[0]!.type === 'identifier' && st.type === 'function_definition';
  }
  return false;
}

/** Can the function be called with no arguments (every parameter has a default, or is *args / **kwargs)? */
/** Does the function take any parameter (named, `*args` or `**kwargs`)? */
function hasParameters(nc: NodeCache, def: Node): boolean {
  const params = nc.field(def, 'parameters');
  return !!params && nc.kids(params).some((p) => p !== null && nc.type(p) !== '(' && nc.type(p) !== ')' && nc.type(p) !== ',' && nc.type(p) !== 'comment');
}

function requiresNoArguments(nc: NodeCache, def: Node): boolean {
  const params = nc.field(def, 'parameters');
  if (!params) return false;
  for (const p of nc.kids(params)) {
    if (!p) continue;
    const type = nc.type(p);
    // `**kwargs: Any` is a typed_parameter around its splat.
    const inner = type === 'typed_parameter' ? p.namedChild(0) : null;
    if (type === 'identifier' || (type === 'typed_parameter' && inner?.type !== 'list_splat_pattern' && inner?.type !== 'dictionary_splat_pattern')) return false;
  }
  return true;
}

/** A model run through its methods: the first one, whether it ran, and the others run after it (`decode`, `project`). */
type MethodRun = { name: string; ran: boolean; also?: string[] };

/** How many other methods (past the first) a model run through its methods is run through here. */
const MAX_LATER_METHODS = 8;

function stopped(): { en: string; 'zh-cn': string } {
  return { en: 'the analysis stopped: the code is too large or too deeply nested to follow', 'zh-cn': '分析已停止：代码过大或嵌套过深' };
}

function sameCtor(a: Map<string, Value>, b: Map<string, Value>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const o = b.get(k);
    if (!o || (!sameValue(o, v) && !sameBuild(o, v)) || (v.t === 'unknown' && o !== v)) return false;
  }
  return true;
}

/**
 * Builds of one class that gave the same model: the same constructor arguments, and the same layers
 * (`W = 4; a = Net(); W = 8; b = Net()`: a global the constructor reads changed between them).
 */
function alikeBuilds(group: { ctor: Map<string, Value>; inst: ModuleInst }[]): boolean {
  const first = group[0];
  return !first || group.every((k) => sameCtor(k.ctor, first.ctor) && sameLayers(k.inst, first.inst) && !stateDiffers(k.inst, first.inst));
}

/**
 * Two builds alike but run differently (`teacher.eval()` beside a training student, a forward hook or
 * a replaced forward on one of them): what differs, for the class's own view; undefined when alike.
 */
function stateDiffers(x: ModuleInst, y: ModuleInst): 'mode' | 'hooks' | 'forward' | undefined {
  const mode = (m: ModuleInst) => (m.modeAtFirstCall ? `${m.modeAtFirstCall.evaluating}${m.modeAtFirstCall.unsure}` : `${m.evaluating === true}${m.modeUnsure === true}`);
  const hooks = (m: ModuleInst) => `${m.preHooks?.length ?? 0}/${m.postHooks?.length ?? 0}`;
  if (!!x.forwardReplaced !== !!y.forwardReplaced) return 'forward';
  if (hooks(x) !== hooks(y)) return 'hooks';
  // (Modes change shapes only where the code reads `training`: eval beside train of a plain CNN is the same model.)
  return mode(x) !== mode(y) && readsTraining(x) ? 'mode' : undefined;
}

/** Whether a workspace class in the module's tree reads `training` (`if self.training:`), so its mode can change what it gives. */
function readsTraining(m: ModuleInst, depth = 0): boolean {
  if (depth > 20) return false;
  const c = m.userClass as ClassDef | undefined;
  if (c && /\btraining\b/.test(c.node.text)) return true;
  return m.children.some((k) => readsTraining(k.inst, depth + 1));
}

/** One layer's settings and parameter count alike (children and attributes are the callers' to compare). */
function sameSettings(a: ModuleInst, b: ModuleInst): boolean {
  return JSON.stringify(a.builtin?.config ?? null) === JSON.stringify(b.builtin?.config ?? null) && (a.builtin?.params ?? null) === (b.builtin?.params ?? null);
}

/** The layers of `a` whose settings or counts differ from `b`'s (the same place in the other build): unknown. */
function forgetDiffering(a: ModuleInst, b: ModuleInst, why: Msg, depth = 0): void {
  if (a === b || depth > 20) return;
  const unknownLayer = (): void => {
    if (a.builtin) a.builtin = { ...a.builtin, params: null, paramsUnknown: why, apply: () => ({ output: unknown(why.en, why['zh-cn']), problems: [] }) };
    else {
      // (Which children it has is what differs: none is listed.)
      a.uncertain = why;
      a.children = [];
    }
  };
  if (a.kind !== b.kind || a.userClass !== b.userClass) return unknownLayer();
  if (!sameSettings(a, b)) return unknownLayer();
  if (a.children.length !== b.children.length) return unknownLayer();
  a.children.forEach((c, i) => forgetDiffering(c.inst, b.children[i]!.inst, why, depth + 1));
  for (const [k, v] of a.attrs) {
    const w = b.attrs.get(k);
    if (v.t === 'module' && w?.t === 'module') forgetDiffering(v.m as ModuleInst, w.m as ModuleInst, why, depth + 1);
    // A plain setting the forward may read (`self.scale = W`) that differs: unknown too.
    else if (isPlain(v) && (!w || !sameValue(v, w))) a.attrs.set(k, unknown(why.en, why['zh-cn']));
  }
}

/**
 * The same layers: kinds, settings and parameter counts, children and module attributes alike, the
 * same plain attributes (a size `self.scale = W` the forward reads). Other attributes are not compared.
 */
function sameLayers(x: ModuleInst, y: ModuleInst, depth = 0): boolean {
  if (x === y) return true;
  if (depth > 20 || x.kind !== y.kind || x.userClass !== y.userClass || !!x.uncertain !== !!y.uncertain) return false;
  if (!sameSettings(x, y)) return false;
  if (x.children.length !== y.children.length || !x.children.every((c, i) => c.name === y.children[i]!.name && sameLayers(c.inst, y.children[i]!.inst, depth + 1))) return false;
  const plain = (u: Value | undefined): boolean => u !== undefined && isPlainConstant(u);
  for (const [k, v] of x.attrs) {
    const w = y.attrs.get(k);
    if (v.t === 'module' || w?.t === 'module') {
      if (v.t !== 'module' || w?.t !== 'module' || !sameLayers(v.m as ModuleInst, w.m as ModuleInst, depth + 1)) return false;
    } else if ((plain(v) || plain(w)) && (!w || !sameValue(v, w))) return false;
  }
  return [...y.attrs].every(([k, w]) => x.attrs.has(k) || (w.t !== 'module' && !plain(w)));
}

/**
 * Two modules built alike (`Wrapper(Encoder(50), Decoder(50))` run twice, each with new blocks): the
 * same class or layer, the same settings and plain attributes, children alike in order.
 */
function sameBuild(a: Value, b: Value, depth = 0): boolean {
  if (a.t !== 'module' || b.t !== 'module' || depth > 20) return false;
  const x = a.m as ModuleInst;
  const y = b.m as ModuleInst;
  if (x === y) return true;
  if (x.kind !== y.kind || x.callee !== y.callee || x.userClass !== y.userClass || x.container !== y.container || x.uncertain || y.uncertain || x.forwardReplaced || y.forwardReplaced) return false;
  if (!sameSettings(x, y)) return false;
  if (x.children.length !== y.children.length || x.children.some((c, i) => c.name !== y.children[i]!.name || !sameBuild({ t: 'module', m: c.inst }, { t: 'module', m: y.children[i]!.inst }, depth + 1))) return false;
  if (x.attrs.size !== y.attrs.size) return false;
  for (const [k, v] of x.attrs) {
    const w = y.attrs.get(k);
    if (!w) return false;
    if (isPlainConstant(v) || isPlainConstant(w) ? !sameValue(v, w) : !sameBuild(v, w, depth + 1)) return false;
  }
  return true;
}

function annotationFor(def: Node, annotations: InputAnnotation[]): number[][] | undefined {
  const start = def.startPosition.row;
  const end = def.endPosition.row;
  // Inside the definition, or in the comment block right above it (up to 3 lines).
  const inside = annotations.find((a) => a.line >= start && a.line <= end);
  if (inside) return inside.shapes;
  const above = annotations.filter((a) => a.line < start && a.line >= start - 3).pop();
  return above?.shapes;
}

/** The text with strings and comments blanked (same length, same lines): code only. */
function codeOnly(text: string): string {
  return text.replace(/("""|''')[\s\S]*?\1|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** Is the function named anywhere in this text outside its own definition (code only: strings and comments blanked)? */
function referencedOutside(text: string, name: string, def: Node): boolean {
  const code = codeOnly(text);
  for (const m of code.matchAll(new RegExp(`\\b${escapeRe(name)}\\b`, 'g'))) {
    const at = m.index ?? 0;
    if (at < def.startIndex || at >= def.endIndex) return true;
  }
  return false;
}

function compactText(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The names a script imports these under (`from model import efficientnet_b0 as create_model` → create_model). */
/** Calls of a function in one file's code: `calls` finds them in `text`, `at` names the file in messages. */
interface CallSites {
  root: Node;
  text: string;
  calls: RegExp;
  at: string;
}

function importAliases(text: string, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  const re = new RegExp(`^[ \\t]*from\\s+[\\w.]+\\s+import\\s+[^\\n]*?\\b(?:${names.map(escapeRe).join('|')})\\s+as\\s+(\\w+)`, 'gm');
  return [...new Set([...text.matchAll(re)].map((m) => m[1]!))];
}

/** A statement of the module itself (a decorated one included). */
function topLevel(node: Node): boolean {
  const p = node.parent?.type === 'decorated_definition' ? node.parent.parent : node.parent;
  return p?.type === 'module';
}

/**
 * The local names a script gives to some of a module's names it imports by name (`from models
 * import MODELS`, `from .factory import create as make`): `module` is the module's own name.
 */
/**
 * Workspace modules that import everything, or the given classes, from one of `modules` (this file's
 * module or package) — one hop, nearest files first, at most MAX_USAGE_FILES_SCANNED read — named as
 * scripts import them: a file's base name, and a package's `__init__.py` also as `__init__` (a
 * script beside it may put its folder on the path and write `from __init__ import *`).
 */
function reexportingModules(ws: WorkspaceFiles, self: string, modules: string[], classes: string[]): string[] {
  // (A star import relays everything; importing the classes by name relays them only from a package's
  // `__init__.py` — a module importing a class for its own use is not where scripts take it from.)
  const from = `^from\\s+\\.?[\\w.]*\\b(?:${modules.join('|')})\\s+import\\s+`;
  const star = new RegExp(`${from}\\*`, 'm');
  const named = new RegExp(`${from}\\(?[^\\n]*\\b(?:${classes.map(escapeRe).join('|')})\\b`, 'm');
  const out: string[] = [];
  let read = 0;
  for (const path of ws.listFiles('.py')) {
    if (path === self || read++ >= MAX_USAGE_FILES_SCANNED) continue;
    const text = ws.readFile(path);
    if (text === undefined || text.length > MAX_IMPORTED_CHARS) continue;
    const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.py$/, '');
    const code = codeOnly(text);
    if (!star.test(code) && !(base === '__init__' && classes.length > 0 && named.test(code))) continue;
    if (!/^\w+$/.test(base)) continue;
    const dir = dirname(path);
    const folder = dir.slice(dir.lastIndexOf('/') + 1);
    for (const name of base === '__init__' ? ['__init__', ...(/^\w+$/.test(folder) ? [folder] : [])] : [base]) if (!modules.includes(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

function importedByName(text: string, module: string, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  const wanted = new Set(names);
  const out = new Set<string>();
  const re = new RegExp(`^[ \\t]*from\\s+\\.*(?:[\\w.]*\\.)?${escapeRe(module)}\\s+import\\s+(\\([^)]*\\)|[^\\n]*)`, 'gm');
  for (const m of text.matchAll(re)) {
    for (const part of m[1]!.replace(/[()]/g, '').split(',')) {
      const pair = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*(?:#.*)?$/.exec(part.replace(/\\\n/g, ' ').replace(/#[^\n]*/g, ''));
      if (pair && wanted.has(pair[1]!)) out.add(pair[2] ?? pair[1]!);
    }
  }
  return [...out];
}

/** Is this node inside a function (or a class) body, not top-level code? */
function insideFunction(node: Node): boolean {
  for (let p: Node | null = node.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'class_definition') return true;
  return false;
}

/**
 * Folders the code adds to sys.path by a literal: `sys.path.append("../lib")`, `sys.path.insert(0,
 * os.path.abspath(".."))`, or `os.path.join(os.path.dirname(__file__), "..")` / `os.path.join(sys.path[0],
 * "utils")` (`fromFile`: relative to the file itself). At most a few, in the order written.
 */
function sysPathEntries(text: string): { path: string; fromFile: boolean }[] {
  if (!text.includes('sys.path')) return [];
  const out: { path: string; fromFile: boolean }[] = [];
  // (`sys.path[0]` is the running script's own folder, as `os.path.dirname(__file__)` is.)
  const re = /sys\.path\.(?:append|insert)\(\s*(?:\d+\s*,\s*)?(?:(os\.path\.join\(\s*(?:os\.path\.dirname\(\s*(?:os\.path\.(?:abspath|realpath)\(\s*)?__file__\s*\)\s*\)?|sys\.path\[\s*0\s*\])\s*,\s*)|os\.path\.abspath\(\s*)?(['"])([^'"\n]{1,200})\2/g;
  for (const m of text.matchAll(re)) {
    out.push({ path: m[3]!, fromFile: m[1] !== undefined });
    if (out.length >= 8) break;
  }
  return out;
}
