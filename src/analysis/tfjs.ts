// TensorFlow.js models in JavaScript/TypeScript source: `tf.sequential({layers: […]})`,
// `model.add(tf.layers.…)` and functional `tf.input` → `layer.apply(x)` → `tf.model({inputs, outputs})`.
// Statements run in document order over shapes only; function bodies are visited where they stand.
import type { Node, Tree } from './parser';
import { DIRECT, NodeCache } from './parser';
import type { AnalyzeOptions, ConfigValue, InputSource, LayerCall, LayerInfo, ModelInfo, Msg, ShapeDiagnostic, ShapeResult, SourceRange } from './types';
import { CONFIG_OPTIONAL, PLAIN_ARG_THROWS, buildTfLayer, canonicalFactory, isTfLayersExport, refusedSpec, tfClassName, tfRefusedSetting, tfParamsWithoutInput, type JsConfig, type TfLayerSpec } from './tfjsLayers';
import { parseInputAnnotations, type InputAnnotation } from './inputAnnotation';
import { fmtShape, tensor, unknown } from './values';
import { explainProblem, stepsForCall } from './explain';
import { conceptIdsFor } from './concepts';

type JsVal =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  /** null or undefined; `undef`: surely undefined (a property an object surely lacks, `undefined` itself), so `typeof` says so. */
  | { t: 'null'; undef?: true }
  | { t: 'arr'; items: JsVal[] }
  /** `inst`: an instance of a class of the file (`new MnistModel()`), its fields kept as `<inst.key>.<field>` variables. */
  | { t: 'obj'; props: Map<string, { v: JsVal; node?: Node }>; inst?: Instance; closed?: boolean; /** Names an object literal's `get` / `set` define: reading runs the getter, writing the setter (not followed). */ accessors?: Set<string>; /** The literal that defines them. */ accessorsAt?: Node }
  | { t: 'tf'; path: string }
  | { t: 'layer'; id: number }
  | { t: 'model'; id: number }
  | { t: 'method'; on: JsVal; name: string }
  /** `given`: a tf.input whose shape the code leaves unknown, given by `--input` or an `// input:` comment. */
  | { t: 'sym'; shape: number[] | null; reason?: Msg; producers: number[]; given?: 'cli' | 'annotation'; /** Which of the given shapes it took (the k-th input given one): a model's i-th input must have taken the i-th. */ givenAt?: number; /** Made from something the analysis lost track of: its producers are not all the layers before it. */ broken?: Msg; /** The region it was made in (see `TfAnalyzer.where`): only tf.input and layer outputs carry one. */ where?: string; /** The tf.input calls it is made from (each tf.input its own number), where every step on the way is known: a functional model must list them all. */ roots?: number[] }
  /** A function of the file that builds models: run where it is called, with its arguments. */
  | { t: 'fn'; node: Node; name: string; /** An arrow function or function expression: the instance `this` meant where it was made, and the call it was made in (its closure). */ closure?: { self: Instance | undefined; frame: Frame | undefined };
      /** Made inside a call that has returned it (a factory's `return { getModel }`): that call's variables as it left them. */ captured?: Frame;
      /** Arguments `bind` fixed, given before the call's own. */ bound?: JsVal[] }
  /** A class of the file: `new Agent(2)` runs its constructor with the arguments. */
  | { t: 'cls'; node: Node; name: string; /** Declared in a call that returned it (`function makeClass(n) { class Net {…} return Net; }`): that call's variables, which its methods close over. */ captured?: Frame }
  /** A function of the analysed file, seen from a file that calls it (`import {createModel} from './model'`). */
  | { t: 'ext'; name: string }
  /** The analysed file's module, seen from a file that imports it whole (`import * as model from './model'`). */
  | { t: 'extmod' }
  /** Something of a package the analysis knows by name (`require('argparse')`, its `ArgumentParser`). */
  | { t: 'lib'; path: string }
  /** An `argparse` parser: the options added so far, each with its default (the value a plain run gets). */
  | { t: 'argparser'; options: Map<string, JsVal> }
  /** `models`: the models it may be (a variable that branches the analysis does not decide set to different models). */
  | { t: 'unknown'; reason: Msg; models?: number[] };

/**
 * What `this` is while a class's constructor or method runs: `key` prefixes its fields' variables
 * (`this` for a class read on its own, `this#3` for the third instance the program constructs);
 * `self` is the object `this` evaluates to (the instance, or the model a `tf.Sequential` subclass is).
 */
/** See TfAnalyzer.sequentialTemplate: the parameter `super(…)` passes on, and each `this.m(…)` call's. */
interface SequentialTemplate {
  superArg?: number;
  calls: { method: string; args: number[] }[];
}

interface Instance {
  key: string;
  cls: Node;
  self?: JsVal;
  /** The methods that ran on it (the others may still add layers to its models). */
  ran: Set<string>;
  /** An object literal's instance made in a call that returned it: the call's variables its methods close over (see captureLocals). */
  captured?: Frame;
}

interface LayerRec {
  id: number;
  factory: string;
  kind: string;
  callee: string;
  name: string;
  node: Node;
  config: JsConfig;
  configNodes: Map<string, Node>;
  spec: TfLayerSpec;
  calls: LayerCall[];
  params: number | null;
  problems: ShapeDiagnostic[];
  /** Made in a loop the analysis does not unroll: how many there are is not known. */
  inLoop?: boolean;
  /** The region it was made in (see `TfAnalyzer.where`). */
  where?: string;
  /** Made by another workspace file's code: the analysed file's call that ran it (where it is shown). */
  site?: Node;
  /** What each application gave (`layer.output` is the one application's). */
  outputs?: JsVal[];
}

interface ModelRec {
  /** tfjs refuses to make it (a functional model whose output needs a tf.input it does not list): no output. */
  refusedModel?: Msg;
  id: number;
  name: string;
  nameNode: Node;
  startNode: Node;
  endRow: number;
  endCol: number;
  layers: number[];
  functional?: { inputs: JsVal; outputs: JsVal };
  /** Index of the first layer added in a loop the analysis does not unroll: from there on nothing is known. */
  uncertainFrom?: number;
  /** Why the layers from `uncertainFrom` on are not known (a loop, or branches not decided). */
  uncertainWhy?: Msg;
  /** The region it was made in (see `TfAnalyzer.where`). */
  where?: string;
  /** The value of the builder's selector this model was built with (`modelType = 'cnn'`). */
  variant?: string;
  /** How deep in builder calls the name was given: the caller's variable names it better (`const classifier = build()`). */
  nameDepth?: number;
  /** tfjs's own name for the model (`sequential_1`, `model2`, or its `name:`), which it has as a layer of another model. */
  tfName: string;
  /** The node that made the model (`tf.sequential(…)`). */
  madeAt: Node;
  /** The layer this model is inside the models that apply it (`cnn.apply(x)`), made on first use. */
  asLayer?: number;
  /** Made by another workspace file's code: the analysed file's call that ran it (where it is shown). */
  site?: Node;
  /** Made while another workspace file was read for its declarations (not by the analysed file's program): not shown. */
  hidden?: boolean;
  /** Why the layers listed are not all the model's (a functional model whose outputs' graph is partly lost): no total. */
  incomplete?: Msg;
}

const MAX_STEPS = 300_000;
/** Lists the code gave a named property (`ws.head = 2`): `for…in` enumerates it after the indices. */
const NAMED_PROPS = new WeakSet<JsVal>();

/** The variable `module.exports` is kept in (not a name JavaScript code can write). */
const MODULE_EXPORTS = 'module.exports';
const FUNCTION_NODES = new Set(['arrow_function', 'function_expression', 'function']);
/** Nodes whose `parameters` bind names in their body. */
const FUNCTION_LIKE = new Set([...FUNCTION_NODES, 'function_declaration', 'generator_function_declaration', 'method_definition']);

/** Config keys that are shapes: an unknown size in one is not tfjs's null. */
const SHAPE_KEYS = new Set(['inputShape', 'batchInputShape', 'inputLength', 'shape', 'batchShape', 'targetShape']);

/** Does a value hold something the analysis does not know (at any depth of a list)? */
/**
 * A shape holding something that is not a size: unknown, or a value that is no number, null or
 * array (a method, an object, a layer…). tfjs would not take it for an open size (null), so
 * neither does the analysis.
 */
function hasUnknown(v: JsVal, depth = 0): boolean {
  if (v.t === 'arr') return depth >= 8 || v.items.some((x) => hasUnknown(x, depth + 1));
  return v.t !== 'num' && v.t !== 'null' && v.t !== 'str' && v.t !== 'bool';
}

/** Layer properties that are their config's sizes (`dense.units`, `conv.filters`, `embedding.outputDim`). */
const LAYER_SIZE_PROPERTIES = new Set(['units', 'filters', 'outputDim', 'inputDim']);
/** After a spread the analysis cannot expand (`f(...rest)`), this many arguments count as unknown (more than any parameter list). */
const MAX_SPREAD_ARGS = 32;
/** Loops of more iterations than this are visited once, their changes unknown. */
const MAX_UNROLL = 64;
const MAX_DEPTH = 150;

const U = (en: string, zh: string): JsVal => ({ t: 'unknown', reason: { en, 'zh-cn': zh } });

/** Parses another workspace file (the caller owns the parser). */
export type ParseScript = (text: string, fileName: string) => Tree | undefined;

/** The arguments of a function run with no call to take them from (a builder nothing in the file calls): its parameters are unknown. A call with no arguments passes `[]`: its parameters are undefined. */
const NO_CALLER: JsVal[] = [];

export function analyzeTfjsTree(root: Node, text: string, opts: AnalyzeOptions, parse?: ParseScript): { models: ModelInfo[]; diagnostics: ShapeDiagnostic[] } {
  const world = newWorld();
  try {
    return new TfAnalyzer(text, opts, parse, { count: 0, depth: 0 }, undefined, world).run(root);
  } finally {
    disposeWorld(world);
  }
}

/**
 * What the analysers of one analysis share. The analysed file's program may construct classes and
 * call builders of other workspace files (`import TicTacToeNNet from './TicTacToeNNet'`): each such
 * file gets its own analyser (its own text and variables), and values cross between them as they
 * are — a class or function value is run by the analyser whose tree holds its node. Layers, models
 * and tfjs's default-name counters are one program's.
 */
/** An instance field set from outside the class (`ae.units = …`): where, and what it held before. */
interface FieldWrite {
  env: JournaledEnv;
  key: string;
  old: JsVal | undefined;
  prop?: { props: Map<string, { v: JsVal }>; name: string; old: { v: JsVal } };
}

/** Puts instance fields back as they were before the writes, the last first. */
function putBack(writes: FieldWrite[]): void {
  for (const w of [...writes].reverse()) {
    w.env.restore(w.key, w.old);
    if (w.prop) w.prop.props.set(w.prop.name, w.prop.old);
  }
}

interface World {
  readonly layers: LayerRec[];
  readonly models: ModelRec[];
  readonly uid: Map<string, number>;
  readonly uidUnsure: Set<string>;
  /** The analysed file's tree (set when its run starts). */
  mainTree?: Tree;
  /** The analysed file's call that led into another file's code: the layers that code makes are shown there. */
  anchor?: Node;
  /** Instances made so far by every analyser (their fields' variable names are unique across files). */
  instanceSeq: number;
  /** tf.input calls made so far (each input's own number, for `SymRoots`). */
  inputSeq: number;
  /** The top-level statement running awaits its call (`await main()`), so awaits inside run in order. */
  topAwaits?: boolean;
  /** Where the analysed file's running top-level statement ends (what follows runs before an unawaited continuation). */
  topEnd?: number;
  /** For each function call running, whether its caller awaits it (`await grow(m)`; `grow(m)` does not). */
  readonly callsAwaited: { awaited: boolean; call: Node }[];
  /**
   * Each model's layer count when an await first let the rest of its function run later than code
   * the analysis runs in place after it: layers added from there on may come in another order.
   */
  interleaveFrom?: Map<ModelRec, number>;
  /** Continuations of unawaited async calls, run after the analysed file's last statement (undefined: not collecting). */
  pending?: { analyser: TfAnalyzer; stmts: Node[]; locals: Map<string, JsVal | undefined>; self: Instance | undefined }[];
  /** The analyser of each tree the program runs code of. */
  readonly owners: Map<Tree, TfAnalyzer>;
  /** While code runs on its own (onItsOwn): the instance fields it set from outside, to put back after. */
  readonly fieldWrites: FieldWrite[][];
  /** Workspace files read for their classes and functions, by path (null while being read: an import cycle). */
  readonly modules: Map<string, ModuleExports | null>;
  /** Names of workspace modules the analysed file changes (`LABELS.push(…)`, `cfg.units = u`), by module path: other files importing them do not know their values. */
  readonly changedByImporter: Map<string, Set<string>>;
  /** Trees of those files: alive until the analysis ends (their nodes are in values and records). */
  readonly trees: Tree[];
}

function newWorld(): World {
  return { layers: [], models: [], uid: new Map(), uidUnsure: new Set(), owners: new Map(), modules: new Map(), changedByImporter: new Map(), trees: [], instanceSeq: 0, inputSeq: 0, callsAwaited: [], fieldWrites: [] };
}

function disposeWorld(w: World): void {
  for (const t of w.trees.splice(0)) t.delete();
}

/** What importing a workspace file gives: its top-level names, `module.exports`, its default export. */
interface ModuleExports {
  names: Map<string, JsVal>;
  /**
   * The file's code that may run after its import: its functions' and methods' text (a plain value
   * they change is not imported; a change its top-level statements make ran when the file was read).
   */
  text: string;
  whole?: JsVal;
  dflt?: JsVal;
  /** `export * from '@tensorflow/tfjs'`: the file passes tfjs on (a project's own `./tensorflow` picking a backend). */
  tfjs?: true;
}

/** Imported files read once per analysis (nested imports share the budget). */
const MAX_IMPORTED_FILES = 8;
/** Files read as text, beyond that budget, to learn whether importing an unread one may make layers. */
const MAX_IMPORT_SCAN = 200;
/** The largest unread file parsed to see whether its top-level statements make layers. */
const MAX_SCAN_PARSE = 200_000;
/** Workspace files searched, and run, for the calls of this file's builders. */
const MAX_USAGE_FILES_SCANNED = 400;
const MAX_USAGE_FILES_RUN = 4;
/** At most this many architectures of one builder (one per value of its selector). */
const MAX_VARIANTS = 8;

/** What a file that calls the analysed file's builders is run to collect: each call's arguments. */
interface Usage {
  file: string;
  /** Builders (`createModel`) and classes (`new NeuralNetwork`) whose calls are collected. */
  names: Set<string>;
  calls: Map<string, JsVal[][]>;
  /** The analysed file is a classic script (a page loads it beside the caller): its names are globals there. */
  globals?: true;
  /** Calls made in a loop count too (the second hop: `init(5, 6, 2)` building a population in a loop). */
  inLoops?: true;
}

class TfAnalyzer {
  // Statements are visited once: memoising nodes would only add garbage.
  private readonly nc = DIRECT;
  /** Only node types are memoised here: reading `node.type` crosses into wasm each time. */
  private readonly types = new NodeCache();
  private readonly env = new JournaledEnv();
  private readonly lazy = new Map<string, Node>();
  private braces: number[] | undefined;
  private get layers(): LayerRec[] {
    return this.world.layers;
  }
  private get models(): ModelRec[] {
    return this.world.models;
  }
  private get uid(): Map<string, number> {
    return this.world.uid;
  }
  /** This analyser's file's tree. */
  private tree: Tree | undefined;
  /** Reading this file for another file's import (what it makes now is not the program's). */
  private loading = false;
  /** The scripts a page of the file's folder loads before it (pageGlobal), found once. */
  private pageScripts: string[] | undefined;
  /** The page's other scripts, after this one included: a global one of them writes has no one value here. */
  private pageOthers: string[] = [];
  /** tf.inputs of unknown shape seen so far (the k-th takes `--input`'s k-th shape). */
  private inputsGiven = 0;
  private annotations: InputAnnotation[] | undefined;
  /** How many tf.inputs each `// input:` comment (by line) has already given a shape to. */
  private readonly annotationUses = new Map<number, number>();
  private readonly diags: ShapeDiagnostic[] = [];
  private steps = 0;
  private depth = 0;
  private stopped = false;
  /** Top-level functions some code of the file calls: their bodies run at the calls, not where they stand. */
  private calledFunctions = new Set<string>();
  /** Values the file's functions change, by path (valuesChangedElsewhere): unknown in code run on its own. */
  private changedByFunctions?: { path: string[]; why: Msg; onlyMade: boolean }[];
  private exportedNames?: Set<string>;
  /** Names bound by imports of workspace files (their empty lists another module may fill). */
  private readonly importedNames = new Set<string>();
  private rootNode?: Node;
  /** Return values of the functions running (innermost last). */
  private readonly returns: (JsVal | undefined)[] = [];
  /** Per running function: the values it may have returned early, in ifs the analysis does not decide. */
  private readonly earlyReturns: JsVal[][] = [];
  /** Per running function: the outer values of its parameters and local declarations, restored when it returns. */
  private readonly frames: Frame[] = [];
  /** The functions whose calls are running, innermost last (each with its frame above). */
  private readonly makers: Node[] = [];
  /** Writes to returned functions' variables made by code the program never runs, to undo (see varsPutBack). */
  private readonly capturedWrites: [Frame, string, { v: JsVal | undefined; lazy: Node | undefined } | undefined][][] = [];
  private readonly running = new Set<Node['id']>();
  /** The instance whose constructor or method is running (`this.createPolicyNetwork(…)` resolves in its class, `this.model` in its fields). */
  private currentThis: Instance | undefined;
  /** The class a static method runs on (its `this`), while one runs. */
  private staticThis: { node: Node; name: string } | undefined;
  /** Instances constructed so far. */
  private readonly instances: Instance[] = [];
  /** Inside a loop body (or a forEach/map callback) the analysis visits once instead of unrolling. */
  private loopDepth = 0;
  /** Per running function: how many undecided ifs returned early (the rest of its body may not run: counted as loop depth). */
  private readonly returnedInBranch: number[] = [];
  /**
   * The region the code runs in: a loop body visited once, an arm of an undecided branch and the
   * code after an undecided early return each start a new one. A layer made and applied in one
   * region, on inputs made there too, gives the same shapes in every round or arm that runs it
   * (each round makes its own layer): known, though how many such layers there are is not.
   */
  private region = 0;
  private regionCount = 0;
  private get where(): string {
    return `${this.region}:${this.loopDepth}:${this.env.journals.length}`;
  }
  /** Runs `f` in a new region. */
  private inNewRegion<T>(f: () => T): T {
    const prev = this.region;
    this.region = ++this.regionCount;
    try {
      return f();
    } finally {
      this.region = prev;
    }
  }
  /** Bodies of forEach callbacks running once per item: not loops visited once. */
  private readonly unrolledCallbacks = new Set<Node['id']>();
  /** Layer classes whose default-name counter a loop made unknown. */
  private get uidUnsure(): Set<string> {
    return this.world.uidUnsure;
  }
  /** The await where an unawaited async call pauses (its continuation is deferred, so it leaves the names known). */
  private pausesAt: Node | undefined;
  /** Function values the program made (arrow functions, function expressions), by node. */
  private readonly madeFunctions = new Map<Node['id'], Node>();
  /** The first `x.add(layer)` whose `x` the analysis does not know (an empty model may be getting its layers there). */
  private lostAdd: Node | undefined;
  /** Those of them it called. */
  private readonly calledFunctionValues = new Set<Node['id']>();
  /** Function bodies the run entered (by any call): a builder the text calls only where nothing runs it is not among them. */
  private readonly ranFunctions = new Set<Node['id']>();
  /** While a custom layer's build runs: the size of each weight it adds (null: not known). */
  private weightsAdded: (number | null)[] | undefined;

  constructor(
    private readonly text: string,
    private readonly opts: AnalyzeOptions,
    private readonly parse?: ParseScript,
    private readonly imported = { count: 0, depth: 0 },
    private readonly usage?: Usage,
    private readonly world: World = newWorld(),
  ) {}

  /** Arguments the workspace gives this file's exported builders that the file itself never calls. */
  private externalArgs = new Map<string, { args: JsVal[]; from: string }>();

  /** The workspace file a relative import names, if it is the file the usage run collects calls for. */
  private importsUsageFile(source: string): boolean {
    const ws = this.opts.workspace;
    if (!this.usage || !ws || !source.startsWith('.')) return false;
    const base = normalize(`${ws.fileName.slice(0, ws.fileName.lastIndexOf('/'))}/${source}`);
    return importCandidates(base).includes(this.usage.file);
  }

  /**
   * Exported builders this file never calls (`export function createModel(inputVocabSize, …)`):
   * the workspace files that import this one (tests left out: their sizes are toys) are run, and
   * the arguments of their calls become the builder's. Callers that disagree on an argument leave
   * it unknown.
   */
  private collectExternalCalls(root: Node): void {
    const ws = this.opts.workspace;
    if (!ws || !this.parse || this.usage) return;
    const names = new Set<string>();
    const makesModels = (n: Node): boolean => /\btf\b|layers|sequential|model\(/.test(this.text.slice(n.startIndex, n.endIndex));
    for (const stmt of this.nc.kids(root)) {
      const fn = stmt ? this.functionDeclared(stmt) : undefined;
      if (!fn || this.calledFunctions.has(fn.name)) continue;
      const params = this.nc.field(fn.node, 'parameters') ?? this.nc.field(fn.node, 'parameter');
      if (params && params.namedChildCount > 0 && makesModels(fn.node)) names.add(fn.name);
    }
    // A class the file never constructs whose constructor takes the sizes (the Coding Train's
    // `class NeuralNetwork { constructor(a, b, c) … }`, built as `new NeuralNetwork(5, 8, 2)` by bird.js).
    for (const stmt of this.nc.kids(root)) {
      const cls = stmt ? this.classDeclared(stmt) : undefined;
      if (!cls || this.calledFunctions.has(`new ${cls.name}`) || this.extendsSequential(cls.node) || this.isLayerClass(cls.node) || this.baseClass(cls.node)) continue;
      const ctor = this.methodOf(cls.node, 'constructor');
      const params = ctor ? this.nc.field(ctor, 'parameters') : null;
      if (params && params.namedChildCount > 0 && makesModels(cls.node)) names.add(`new ${cls.name}`);
    }
    if (names.size === 0) return;
    const file = ws.fileName;
    const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.(js|ts|mjs|cjs|jsx|tsx)$/, '');
    // A classic script (no import, export or require: a page loads it with a <script> tag) is
    // called by the page's other scripts through its global names, without an import.
    const classic = isClassicScript(this.text);
    const plain = [...names].map((n) => n.replace(/^new /, ''));
    const importRe = classic ? undefined : new RegExp(`(?:from\\s*|require\\s*\\(\\s*|import\\s*\\(\\s*)['"]\\.{1,2}/(?:[^'"]*/)?${escapeRe(base)}(?:\\.[jt]s|\\.mjs)?['"]`);
    const callRe = new RegExp(`\\b(?:${plain.map(escapeRe).join('|')})\\s*\\(`);
    // (A script that defines one of those names itself has its own.)
    const definesRe = new RegExp(`\\b(?:class|function)\\s+(?:${plain.map(escapeRe).join('|')})\\b`);
    const dir = file.slice(0, file.lastIndexOf('/'));
    const nearness = (p: string): number => {
      const a = p.split('/');
      const b = dir.split('/');
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return i;
    };
    const candidates = ['.js', '.ts', '.mjs'].flatMap((e) => [...ws.listFiles(e)]).filter((p) => p !== file && !isTestFile(p.slice(ws.root.length))).sort((x, y) => nearness(y) - nearness(x));
    const usage: Usage = { file, names, calls: new Map(), ...(classic ? { globals: true as const } : {}) };
    const runUsage = (path: string, text: string, into: Usage): boolean => {
      const tree = this.parse!(text, path);
      if (!tree) return false;
      try {
        const world = newWorld();
        try {
          // Its own import budget, as its own world: what it reads is not this file's to spend.
          new TfAnalyzer(text, { workspace: { ...ws, fileName: path }, ...(this.opts.isCancelled ? { isCancelled: this.opts.isCancelled } : {}) }, this.parse, { count: 0, depth: 1 }, into, world).run(tree.rootNode);
        } finally {
          disposeWorld(world);
        }
      } finally {
        tree.delete();
      }
      return true;
    };
    let scanned = 0;
    const ranFiles: string[] = [];
    for (const path of candidates) {
      if (scanned++ >= MAX_USAGE_FILES_SCANNED || ranFiles.length >= MAX_USAGE_FILES_RUN) break;
      if (this.opts.isCancelled?.()) return;
      const text = ws.readFile(path);
      if (text === undefined || text.length > 1_000_000 || !callRe.test(text)) continue;
      if (importRe ? !importRe.test(text) : !isClassicScript(text) || definesRe.test(text)) continue;
      if (runUsage(path, text, usage)) ranFiles.push(path);
    }
    // Callers that pass their own parameters through (`init(inputs, hidden, outputs) { … new Net(inputs,
    // hidden, outputs) }`): the files importing those callers are run, the calls their code leads to
    // collected; they stand for the callers' when they give every argument.
    const unsure = [...names].filter((n) => (usage.calls.get(n) ?? []).every((l) => l.some((v) => v.t === 'unknown')));
    if (!classic && unsure.length > 0 && ranFiles.length > 0) {
      const second: Usage = { file, names: new Set(unsure), calls: new Map(), inLoops: true };
      const viaRe = new RegExp(`(?:from\\s*|require\\s*\\(\\s*|import\\s*\\(\\s*)['"]\\.{1,2}/(?:[^'"]*/)?(?:${ranFiles.map((f) => escapeRe(f.slice(f.lastIndexOf('/') + 1).replace(/\.(js|ts|mjs|cjs|jsx|tsx)$/, ''))).join('|')})(?:\\.[jt]s|\\.mjs)?['"]`);
      let ran2 = 0;
      for (const path of candidates) {
        if (ran2 >= MAX_USAGE_FILES_RUN || this.opts.isCancelled?.()) break;
        if (ranFiles.includes(path)) continue;
        const text = ws.readFile(path);
        if (text === undefined || text.length > 1_000_000 || !viaRe.test(text)) continue;
        if (runUsage(path, text, second)) ran2++;
      }
      for (const [name, lists] of second.calls) if (lists.length > 0 && lists.every((l) => l.every((v) => v.t !== 'unknown'))) usage.calls.set(name, lists);
    }
    for (const [name, lists] of usage.calls) {
      const n = Math.max(...lists.map((l) => l.length));
      const args: JsVal[] = [];
      for (let i = 0; i < n; i++) {
        const vs = lists.map((l) => l[i] ?? { t: 'null' as const });
        const key = valueKey;
        const known = vs.every((v) => v.t !== 'unknown');
        args.push(known && vs.every((v) => key(v) === key(vs[0]!)) ? vs[0]! : vs.find((v) => v.t === 'unknown') ?? U(`the files that call ${name} give it different values here`, `调用 ${name} 的各文件在此给出的值不同`));
      }
      this.externalArgs.set(name, { args, from: name });
    }
  }

  /**
   * What a relative import gives (`import {IMAGE_H} from './data'`, `import Net from './net'`,
   * `const {Agent} = require('./agent')`): the file's plain top-level values, and its classes and
   * functions, which run where this program calls them. Models, layers and tensors another file
   * makes at its top level belong to its own analysis.
   */
  private importFromWorkspace(at: Node, source: string, names: [string, string][], namespace?: string, dflt?: string): JsVal | undefined {
    const mod = this.workspaceModule(source);
    if (!mod) return undefined;
    // Models the file made (only the analysed file shows them: at this import).
    const models = this.tree === this.world.mainTree && this.owns(at) ? new Set<number>() : undefined;
    // (What the analysed file changes in the module — it imports it too — has no one value in the other files' code.)
    const changed = this.tree === this.world.mainTree ? undefined : this.world.changedByImporter.get(this.modulePath(source) ?? '');
    const importable = (v: JsVal, name: string, text: string): JsVal =>
      changed?.has(name) && v.t !== 'fn' && v.t !== 'cls' && v.t !== 'tf' ? U(`${name}: changed by the file that imports it, at a time the analysis does not follow here`, `${name}：被导入它的文件修改，分析在此无法确定其值`) : importValue(v, name, text, 0, models);
    // (Every top-level name, for `import * as m` and a `require` of a file without module.exports:
    // its models are not taken, only the ones imported by name, by default or as module.exports.)
    const all: JsVal = { t: 'obj', props: new Map([...mod.names].map(([k, v]) => [k, { v: importValue(v, k, mod.text) }])) };
    // `module.exports = {TAGS, WIDTHS}`: each value checked under the variable that holds it.
    const nameOf = (v: JsVal, key: string): string => [...mod.names].find(([, x]) => x === v)?.[0] ?? key;
    const whole =
      mod.whole === undefined ? undefined
      : mod.whole.t === 'obj' && !mod.whole.inst ? { t: 'obj' as const, props: new Map([...mod.whole.props].map(([k, p]) => [k, { v: importable(p.v, nameOf(p.v, k), mod.text) }])) }
      : importable(mod.whole, nameOf(mod.whole, 'module.exports'), mod.text);
    const named = (name: string): JsVal | undefined =>
      mod.names.has(name) ? importable(mod.names.get(name)!, name, mod.text) : whole?.t === 'obj' ? whole.props.get(name)?.v : mod.tfjs ? { t: 'tf', path: `tf.${name}` } : undefined;
    // A file that re-exports tfjs is tfjs, imported whole (its own names beside it are not followed then).
    if (mod.tfjs && mod.names.size === 0) {
      for (const [name, alias] of names) this.env.set(alias, named(name)!);
      // (`export *` passes no default on.)
      if (dflt) this.env.set(dflt, U(`${source} re-exports tfjs's names, not a default`, `${source} 重新导出 tfjs 的名称，没有默认导出`));
      if (namespace) this.env.set(namespace, { t: 'tf', path: 'tf' });
      return { t: 'tf', path: 'tf' };
    }
    for (const [name, alias] of names) {
      const v = named(name);
      if (v) this.env.set(alias, v);
      this.importedNames.add(alias);
    }
    if (dflt) this.env.set(dflt, mod.dflt ? importable(mod.dflt, 'default', mod.text) : (whole ?? U(`${source} has no default export the analysis sees`, `未看到 ${source} 的默认导出`)));
    if (namespace) this.env.set(namespace, all);
    for (const n of [dflt, namespace]) if (n) this.importedNames.add(n);
    for (const id of models ?? []) this.showImported(id, at);
    return whole ?? all;
  }

  /** A model another file made when imported, shown at the import: it and its layers positioned there. */
  private showImported(id: number, at: Node): void {
    const m = this.models[id];
    if (!m || !m.hidden) return;
    m.hidden = false;
    m.site ??= at;
    for (const l of m.layers) {
      const rec = this.layers[l];
      if (!rec) continue;
      rec.site ??= at;
      // Calls recorded while the file was read carry its positions: here they are the import's.
      for (const c of rec.calls) c.range = this.nc.range(at);
    }
  }

  /** A relative import's workspace file, read once per analysis (its tree lives until the analysis ends). */
  /** The path of the workspace file an import names (the first candidate that exists). */
  private modulePath(source: string): string | undefined {
    const ws = this.opts.workspace;
    if (!ws || !source.startsWith('.')) return undefined;
    const dir = ws.fileName.slice(0, ws.fileName.lastIndexOf('/'));
    return importCandidates(normalize(`${dir}/${source}`)).find((p) => this.world.modules.has(p) || ws.readFile(p) !== undefined);
  }

  /**
   * The analysed file's changes to what it imports from workspace files (`LABELS.push('cat')`,
   * `settings.SETTINGS.hidden = 30`, `cfg.units = u` in a function): recorded before anything runs,
   * so the other files that import those modules read them as unknown.
   */
  private noteImportsChanged(): void {
    const code = blankComments(this.text);
    const bindings = new Map<string, { source: string; name?: string }>();
    for (const m of code.matchAll(/(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\s*\(\s*['"](\.[^'"]*)['"]\s*\)/g)) {
      for (const part of m[1]!.split(',')) {
        const [name, alias] = part.split(':').map((x) => x.trim());
        if (name && /^[\w$]+$/.test(name)) bindings.set(alias && /^[\w$]+$/.test(alias) ? alias : name, { source: m[2]!, name });
      }
    }
    for (const m of code.matchAll(/(?:const|let|var)\s+([\w$]+)\s*=\s*require\s*\(\s*['"](\.[^'"]*)['"]\s*\)/g)) bindings.set(m[1]!, { source: m[2]! });
    for (const m of code.matchAll(/import\s+([^;]*?)\s+from\s*['"](\.[^'"]*)['"]/g)) {
      const clause = m[1]!;
      const star = /\*\s*as\s+([\w$]+)/.exec(clause);
      if (star) bindings.set(star[1]!, { source: m[2]! });
      const dflt = /^\s*([\w$]+)/.exec(clause);
      if (dflt && !clause.trim().startsWith('{') && !clause.trim().startsWith('*')) bindings.set(dflt[1]!, { source: m[2]!, name: 'default' });
      for (const part of /\{([^}]*)\}/.exec(clause)?.[1]?.split(',') ?? []) {
        const [name, alias] = part.split(/\s+as\s+/).map((x) => x.trim());
        if (name && /^[\w$]+$/.test(name)) bindings.set(alias && /^[\w$]+$/.test(alias) ? alias : name, { source: m[2]!, name });
      }
    }
    if (bindings.size === 0) return;
    for (const { path } of pathsChangedIn(code)) {
      const b = bindings.get(path[0]!);
      // (The whole module bound to a name: the export changed is the next step of the path.)
      const name = b?.name ?? path[1];
      const file = b ? this.modulePath(b.source) : undefined;
      if (!b || !name || !file || (b.name === undefined && path.length < 2)) continue;
      const set = this.world.changedByImporter.get(file) ?? new Set<string>();
      set.add(name);
      this.world.changedByImporter.set(file, set);
    }
  }

  private workspaceModule(source: string): ModuleExports | undefined {
    const ws = this.opts.workspace;
    if (!ws || !this.parse || !source.startsWith('.')) return undefined;
    const dir = ws.fileName.slice(0, ws.fileName.lastIndexOf('/'));
    const base = normalize(`${dir}/${source}`);
    for (const path of importCandidates(base)) {
      const mod = this.workspaceFile(path);
      if (mod !== null) return mod;
    }
    return undefined;
  }

  /** A workspace file read as a module (undefined: not readable or a cycle; null: no such file, try another name). */
  private workspaceFile(path: string): ModuleExports | undefined | null {
    const ws = this.opts.workspace;
    if (!ws || !this.parse || !path.startsWith(ws.root)) return null;
    const known = this.world.modules.get(path);
    // (null: the file is being read — an import cycle.)
    if (known !== undefined) return known ?? undefined;
    const text = ws.readFile(path);
    if (text === undefined) return null;
    // The analysed file's own imports may read past the budget its imports' imports share: a first
    // import pulling in a whole package does not leave the second (the layer helpers) unread.
    if (this.imported.count >= MAX_IMPORTED_FILES * (this.imported.depth === 0 ? 2 : 1) || text.length > 1_000_000) {
      // Not read: if its code (or what it imports) may make layers at import time, tfjs's default
      // names from here on are not known.
      if (this.importMayMakeLayers(path, text)) this.uidUnsure.add('*');
      return text.length > 1_000_000 ? null : undefined;
    }
    this.imported.count++;
    const tree = this.parse(text, path);
    if (!tree) return undefined;
    this.world.trees.push(tree);
    this.world.modules.set(path, null);
    // (In a run that collects the analysed file's calls, a file it imports calls it too: `population.js`'s `new Net(…)`.)
    const sub = new TfAnalyzer(text, { workspace: { ...ws, fileName: path }, ...(this.opts.isCancelled ? { isCancelled: this.opts.isCancelled } : {}) }, this.parse, this.imported, this.usage, this.world);
    this.imported.depth++;
    let mod: ModuleExports;
    try {
      mod = sub.asModule(tree.rootNode);
    } finally {
      this.imported.depth--;
    }
    if (/^\s*export\s*\*\s*from\s*['"]@tensorflow\/tfjs(?:-node(?:-gpu)?)?['"]/m.test(text)) mod.tfjs = true;
    this.world.modules.set(path, mod);
    return mod;
  }

  /**
   * Could importing a file the analysis does not read make tfjs layers? A text test over the file and,
   * read as text too, every workspace file it imports (a game's entity classes pulled in beside the
   * layer helpers touch no tfjs): a mention of tfjs anywhere, an import that names no readable file,
   * or more than MAX_IMPORT_SCAN files, and it may.
   */
  private importMayMakeLayers(path: string, text: string, seen = new Set<string>()): boolean {
    const ws = this.opts.workspace!;
    seen.add(path);
    if (seen.size > MAX_IMPORT_SCAN) return true;
    const dir = path.slice(0, path.lastIndexOf('/'));
    // A file that uses tfjs makes layers at import time only from its top-level statements.
    if (/@tensorflow|\b(?:tf|layers)\s*\.|\bsequential\s*\(/.test(text) && this.topLevelMayMakeLayers(path, text, dir)) return true;
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.[^'"]*)['"]/g)) {
      let found = false;
      for (const candidate of importCandidates(normalize(`${dir}/${m[1]!}`))) {
        // (A file the analysis read, or is reading — the analysed file, an import cycle —, ran there: what it made at import time is counted.)
        if (seen.has(candidate) || this.world.modules.has(candidate)) {
          found = true;
          break;
        }
        const next = ws.readFile(candidate);
        if (next === undefined) continue;
        found = true;
        if (this.importMayMakeLayers(candidate, next, seen)) return true;
        break;
      }
      if (!found) return true;
    }
    return false;
  }

  /**
   * Could this file's top-level statements make layers when it is imported? Its function and class
   * declarations (exported or not) and imports do not run; any other statement may if it calls tfjs,
   * a function or class of the file that does, or something another file gives that mentions tfjs.
   * A file it cannot parse may.
   */
  private topLevelMayMakeLayers(path: string, text: string, dir: string): boolean {
    // (A bundle — a vendored tf.min.js — is not parsed: it may.)
    if (text.length > MAX_SCAN_PARSE) return true;
    const tree = this.parse?.(text, path);
    if (!tree) return true;
    try {
      return this.topLevelStatementsMayMakeLayers(tree.rootNode, dir);
    } finally {
      // Trees live in the wasm heap.
      tree.delete();
    }
  }

  private topLevelStatementsMayMakeLayers(root: Node, dir: string): boolean {
    // (The tree is deleted after this: read with the node's own calls, never through the node cache.)
    const kidsOf = (n: Node): Node[] => n.namedChildren.filter((c): c is Node => c !== null);
    const fieldOf = (n: Node, f: string): Node | null => n.childForFieldName(f);
    const LAYERS = /\btf\s*\.\s*(?:layers|sequential|model|input)\b|\blayers\s*\.\s*[a-z]\w*\s*\(|\bsequential\s*\(|\.\s*(?:add|apply)\s*\(/;
    const declared = new Map<string, string>();
    const imported = new Map<string, string>();
    const run: string[] = [];
    for (const st of kidsOf(root)) {
      const inner = st.type === 'export_statement' ? (fieldOf(st, 'declaration') ?? st) : st;
      const name = fieldOf(inner, 'name')?.text;
      if (['function_declaration', 'generator_function_declaration', 'class_declaration', 'abstract_class_declaration'].includes(inner.type) && name) {
        declared.set(name, inner.text);
        continue;
      }
      if (inner.type === 'comment' || inner.type === 'interface_declaration' || inner.type === 'type_alias_declaration' || inner.type === 'empty_statement') continue;
      if (inner.type === 'import_statement') {
        const from = /['"]([^'"]+)['"]\s*;?\s*$/.exec(inner.text)?.[1] ?? '';
        for (const m of inner.text.replace(/\bfrom\s*['"][^'"]*['"]/, '').matchAll(/[A-Za-z_$][\w$]*/g)) imported.set(m[0], from);
        continue;
      }
      // `const build = (n) => …`, `const Net = class …`: declarations too.
      if ((inner.type === 'lexical_declaration' || inner.type === 'variable_declaration') && kidsOf(inner).filter((d) => d.type === 'variable_declarator').every((d) => ['arrow_function', 'function_expression', 'function', 'class'].includes(fieldOf(d, 'value')?.type ?? ''))) {
        for (const d of kidsOf(inner).filter((x) => x.type === 'variable_declarator')) declared.set(fieldOf(d, 'name')?.text ?? '', d.text);
        continue;
      }
      // `const {Agent} = require('./agent')`: names another file gives, as an import's.
      if (inner.type === 'lexical_declaration' || inner.type === 'variable_declaration') {
        for (const d of kidsOf(inner).filter((x) => x.type === 'variable_declarator')) {
          const from = /^\s*require\s*\(\s*['"]([^'"]+)['"]\s*\)/.exec(fieldOf(d, 'value')?.text ?? '')?.[1];
          if (from !== undefined) for (const m of (fieldOf(d, 'name')?.text ?? '').matchAll(/[A-Za-z_$][\w$]*/g)) imported.set(m[0], from);
        }
      }
      run.push(inner.text);
    }
    const ws = this.opts.workspace!;
    const mentionsTf = (source: string): boolean => {
      if (!source.startsWith('.')) return /^@tensorflow\//.test(source);
      const candidates = importCandidates(normalize(`${dir}/${source}`));
      const other = candidates.map((c) => ws.readFile(c)).find((t) => t !== undefined);
      return other === undefined || /@tensorflow|\b(?:tf|layers)\s*\.|\bsequential\s*\(/.test(other);
    };
    for (const t of run) {
      if (LAYERS.test(t)) return true;
      for (const m of t.matchAll(/(?:\bnew\s+)?\b([A-Za-z_$][\w$]*)\s*(?:\.\s*[A-Za-z_$][\w$]*\s*)*\(/g)) {
        const own = declared.get(m[1]!);
        if (own !== undefined && LAYERS.test(own)) return true;
        const from = imported.get(m[1]!);
        if (from !== undefined && mentionsTf(from)) return true;
      }
      // (`require('./x')` run at the top level is an import, read by the caller's recursion.)
    }
    return false;
  }

  /**
   * A page script's global from the scripts its page loads before it (`<script src="settings.js">`
   * then `<script src="agent.js">`: settings.js's top-level `g_settings`), the latest first. Only
   * for a classic script (no import or export) of a page in its own folder.
   */
  private pageGlobal(name: string): JsVal | undefined {
    const ws = this.opts.workspace;
    if (!ws || !this.parse || this.usage) return undefined;
    if (this.pageScripts === undefined) {
      this.pageScripts = [];
      if (!isClassicScript(this.text, true)) return undefined;
      // The page of the file's folder first, then of the folders above it (`index.html` loading
      // `reinforcement/agent.js`): `index.html` or one named as the script, read directly (no
      // listing of the workspace on every analysis).
      const dirOf = (p: string): string => p.slice(0, p.lastIndexOf('/'));
      const stem = ws.fileName.slice(ws.fileName.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
      const pages: string[] = [];
      for (let d = dirOf(ws.fileName), up = 0; up < 4 && d.startsWith(ws.root); d = dirOf(d), up++) pages.push(`${d}/${stem}.html`, `${d}/index.html`);
      for (const html of pages) {
        if (ws.readFile(html) === undefined) continue;
        const srcs = [...(ws.readFile(html) ?? '').matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)]
          .map((m) => m[1]!)
          .filter((src) => !/^(?:[a-z]+:)?\/\//i.test(src) && /\.js$/.test(src))
          .map((src) => normalize(`${dirOf(html)}/${src}`));
        const at = srcs.indexOf(ws.fileName);
        if (at < 0) continue;
        // Scripts run in the order of their tags only when none is deferred, async or a module and
        // no inline script sets globals between them: otherwise which value a global has here is
        // not the page's order (not followed).
        const page = ws.readFile(html) ?? '';
        const tags = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
        if (tags.some(([, attrs, body]) => /\b(?:defer|async)\b|\btype\s*=\s*["']?module/i.test(attrs!) || (!/\bsrc\s*=/i.test(attrs!) && body!.trim() !== ''))) break;
        this.pageScripts = srcs.slice(0, at);
        this.pageOthers = srcs.filter((p) => p !== ws.fileName);
        break;
      }
    }
    // A global another script of the page writes (a setter, `window.N = 6`, p5's `setup()` setting
    // it before it calls this file's builder) may have any of its values here.
    // (A script before this one: what its functions write, its top level having run already, in
    // order; a script after it: anything it writes.)
    const viaWindow = new RegExp(`\\b(?:window|globalThis|self)\\s*\\.\\s*${escapeRe(name)}\\s*(?:[-+*/%]|\\*\\*|&&|\\|\\||\\?\\?)?=(?![=>])`);
    const writers = this.pageScripts.length === 0 ? [] : this.pageOthers.filter((p) => {
      const before = this.pageScripts!.includes(p);
      const text = before ? (this.workspaceFile(p)?.text ?? ws.readFile(p) ?? '') : (ws.readFile(p) ?? '');
      return viaWindow.test(ws.readFile(p) ?? '') || changedLater(text, name);
    });
    if (writers.length > 0 || viaWindow.test(this.text)) {
      const why = U(`'${name}' is a global other scripts of the page change`, `'${name}' 是页面中其他脚本会修改的全局变量`);
      if (this.pageScripts.some((p) => this.workspaceFile(p)?.names.has(name))) {
        this.env.set(name, why);
        return why;
      }
    }
    for (const path of [...this.pageScripts].reverse()) {
      const mod = this.workspaceFile(path);
      const v = mod?.names.get(name);
      if (!mod || !v) continue;
      // As an import's: a plain value that script changes after declaring it is not known here.
      const value = importValue(v, name, mod.text);
      this.env.set(name, value);
      return value;
    }
    return undefined;
  }

  /**
   * This file as another file imports it: its top-level statements run (classes and functions
   * bound, to run when the importer calls them), `module.exports` and `export default` read.
   */
  private asModule(root: Node): ModuleExports {
    this.tree = root.tree;
    this.world.owners.set(root.tree, this);
    this.rootNode = root;
    this.loading = true;
    const cjs = new Map<string, JsVal>();
    const mod: ModuleExports = { names: new Map(), text: functionsText(root) };
    try {
      this.calledFunctions = this.functionsCalled(root);
      this.hoist(root);
      for (const stmt of this.nc.kids(root)) {
        if (!stmt) continue;
        this.steps = 0;
        try {
          this.moduleStatement(stmt, mod, cjs);
        } catch (e) {
          if (!(e instanceof Stop)) throw e;
        }
      }
      // Declarations nothing read yet (each with its own step budget: a huge data table is left unknown).
      for (const [k] of this.lazy) {
        this.steps = 0;
        try {
          this.fromLazy(k);
        } catch (e) {
          if (!(e instanceof Stop)) throw e;
        }
      }
    } finally {
      this.loading = false;
    }
    for (const [k, v] of this.env) if (/^[A-Za-z_$][\w$]*$/.test(k)) mod.names.set(k, v);
    for (const [k, v] of cjs) mod.names.set(k, v);
    return mod;
  }

  private moduleStatement(stmt: Node, mod: ModuleExports, cjs: Map<string, JsVal>): void {
    const fn = this.functionDeclared(stmt);
    const cls = this.classDeclared(stmt);
    const isDefault = this.types.type(stmt) === 'export_statement' && stmt.children.some((c) => c?.type === 'default');
    if (fn || cls) {
      const v: JsVal = fn ? { t: 'fn', node: fn.node, name: fn.name } : { t: 'cls', node: cls!.node, name: cls!.name };
      this.env.set(v.name, v);
      if (isDefault) mod.dflt = v;
      return;
    }
    switch (this.types.type(stmt)) {
      case 'export_statement': {
        const decl = this.nc.field(stmt, 'declaration');
        // `export default function () {…}`: an anonymous builder, which the importer names.
        const anonymous = isDefault ? [decl, this.nc.field(stmt, 'value')].find((d) => d && (FUNCTION_NODES.has(d.type) || d.type === 'function_declaration' || d.type === 'generator_function_declaration') && !this.nc.field(d, 'name')) : undefined;
        if (anonymous) {
          mod.dflt = { t: 'fn', node: anonymous, name: 'default' };
          return;
        }
        if (decl) {
          this.statement(decl);
          return;
        }
        const value = this.nc.field(stmt, 'value');
        if (isDefault && value) mod.dflt = value.type === 'class' ? { t: 'cls', node: value, name: 'default' } : this.eval(value);
        // `export {a as b}`: the name it is exported under.
        for (const c of this.nc.kids(stmt)) {
          if (c.type !== 'export_clause') continue;
          for (const spec of this.nc.kids(c)) {
            const name = spec.type === 'export_specifier' ? this.nc.field(spec, 'name')?.text : undefined;
            const alias = spec.type === 'export_specifier' ? this.nc.field(spec, 'alias')?.text : undefined;
            if (name && alias) cjs.set(alias, this.env.get(name) ?? U(`${name} is not known`, `${name} 未知`));
          }
        }
        return;
      }
      case 'lexical_declaration':
      case 'variable_declaration':
      case 'import_statement':
        this.statement(stmt);
        return;
      case 'expression_statement': {
        // `module.exports = X`, `module.exports.X = …`, `exports.X = …`.
        const e = stmt.namedChild(0);
        const left = e?.type === 'assignment_expression' ? this.nc.field(e, 'left')?.text.replace(/\s+/g, '') : undefined;
        const right = e?.type === 'assignment_expression' ? this.nc.field(e, 'right') : null;
        const m = left ? /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(left) : null;
        if (right && left === 'module.exports') {
          mod.whole = this.eval(right);
          return;
        }
        if (right && m) {
          cjs.set(m[1]!, this.eval(right));
          return;
        }
        this.statement(stmt);
        return;
      }
      case 'comment':
      case 'empty_statement':
      case 'interface_declaration':
      case 'type_alias_declaration':
        return;
      default:
        // Everything else runs as importing the file runs it (`model.add(…)` at its top level, a
        // loop); the models it makes are listed only where the importer uses them.
        this.statement(stmt);
    }
  }

  /**
   * Does an await here let code the analysis runs in place after it go first? Yes unless every
   * call from the running top-level statement down to this function awaits the next (or the
   * statement itself awaits it, or the code is read on its own, as whoever runs it awaits it).
   */
  private mayInterleave(): boolean {
    return !this.world.topAwaits || this.world.callsAwaited.some((c) => !c.awaited);
  }

  /** Runs a call of the program's code, noting whether its caller awaits it (see mayInterleave). */
  private invoking<T>(call: Node, run: () => T): T {
    let p = call.parent;
    while (p?.type === 'parenthesized_expression') p = p.parent;
    // (`f().then(cb)` run in one go by promiseThen: the callback waits for the whole call.)
    this.world.callsAwaited.push({ awaited: p?.type === 'await_expression' || this.thenResolved.has(call.id), call });
    try {
      return run();
    } finally {
      this.world.callsAwaited.pop();
    }
  }

  /**
   * Could the rest of the function after this await make layers (so its default names depend on
   * what runs in between)? A text test: tfjs calls, or calls of the program's functions, classes
   * or of methods of the running instance that mention tfjs.
   */
  private continuationMayMakeLayers(awaitNode: Node): boolean {
    let fn = awaitNode.parent;
    while (fn && !['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'function', 'generator_function_declaration'].includes(fn.type)) fn = fn.parent;
    if (!fn) return true;
    // Both the rest of this function and what the file does after the running top-level statement
    // must make layers for the order to matter.
    // (Inside a loop, the next rounds are part of what resumes: the whole outermost loop.)
    let from = awaitNode.endIndex;
    for (let p = awaitNode.parent; p && p !== fn; p = p.parent) if (/^(?:for|for_in|while|do)_statement$/.test(p.type)) from = Math.min(from, p.startIndex);
    if (!this.codeMayMakeLayers(this.text.slice(from, fn.endIndex))) return false;
    // Called without await from inside another function: that function's rest after the call runs
    // first (a handler's `run(url)` with nothing after it leaves nothing to run first).
    for (const c of this.world.callsAwaited) {
      if (c.awaited) continue;
      let f = c.call.parent;
      while (f && !FUNCTION_LIKE.has(f.type)) f = f.parent;
      // (A call at a file's top level: what follows it is the file's rest, checked below.)
      if (!f) continue;
      const owner = this.ownerOf(c.call);
      if (!owner || owner.codeMayMakeLayers(owner.text.slice(c.call.endIndex, f.endIndex))) return true;
    }
    const main = this.world.mainTree ? this.world.owners.get(this.world.mainTree) : undefined;
    return !main || this.world.topEnd === undefined || main.codeMayMakeLayers(main.text.slice(this.world.topEnd));
  }

  /**
   * Could this code of this analyser's file make tfjs layers? A text test: tfjs layer calls, or calls
   * of the program's functions, classes and running instance's methods whose own code may (three
   * calls deep; a loader that only reads files makes none).
   */
  private codeMayMakeLayers(text: string, depth = 0, seen = new Set<Node>()): boolean {
    if (/\btf\s*\.\s*(?:layers|sequential|model|input)\b|\blayers\s*\.\s*[a-z]\w*\s*\(|\bsequential\s*\(|\.\s*(?:add|apply)\s*\(/.test(text)) return true;
    if (depth > 3) return true;
    for (const m of text.matchAll(/(\bthis\s*\.\s*)?([A-Za-z_$][\w$]*)\s*\(/g)) {
      const v = m[1] ? undefined : this.env.get(m[2]!);
      const code = v?.t === 'fn' || v?.t === 'cls' ? v.node : m[1] && this.currentThis ? this.methodOf(this.currentThis.cls, m[2]!) : undefined;
      if (v?.t === 'method' || v?.t === 'ext' || v?.t === 'extmod') return true;
      if (!code || seen.has(code)) continue;
      seen.add(code);
      const owner = this.ownerOf(code);
      if (!owner || owner.codeMayMakeLayers(code.text, depth + 1, seen)) return true;
    }
    return false;
  }

  /**
   * `main();` of an async main, not awaited, called from a top-level statement of the analysed
   * file: its statements run up to the first one that awaits (`const data = await load();`, the
   * awaited call included); the rest runs after the file's last statement, as JavaScript runs it
   * (so the layers the file makes below the call take tfjs's default names first). True when the
   * body was handled here.
   */
  private deferredAfterAwait(fn: Node, body: Node, frame: Frame): boolean {
    const w = this.world;
    // Called from a top-level statement, or from inside the statement where such a call pauses
    // (`await run()` in an async IIFE: run's own first await pauses it too; its rest resumes first).
    const nested = this.pausesAt !== undefined;
    if (!fn.children.some((c) => c?.type === 'async') || w.topAwaits || w.pending === undefined || this.tree !== w.mainTree || (!nested && this.returns.length !== 1) || this.loopDepth > 0 || this.env.journals.length > 0) return false;
    const stmts = this.nc.kids(body).filter((c): c is Node => c !== null && this.types.type(c) !== 'comment');
    // The first statement with an await must await at its top (`await f();`, `const x = await f();`),
    // and none before it may await inside a block: otherwise the pause is somewhere the analysis does not split.
    const at = stmts.findIndex((st) => /\bawait\b/.test(st.text));
    if (at < 0) return false;
    let first = stmts[at]!;
    let before = stmts.slice(0, at);
    let rest = stmts.slice(at + 1);
    // `try { const data = await load(); … } catch (e) { console.error(e); }`: with a catch that only
    // reports, the pause is the try block's first await; the rest of the block, its finally and the
    // function's rest are the continuation.
    if (first.type === 'try_statement' && this.inertCatch(first)) {
      const tryBody = this.nc.field(first, 'body');
      const inner = tryBody ? this.nc.kids(tryBody).filter((c): c is Node => c !== null && this.types.type(c) !== 'comment') : [];
      const j = inner.findIndex((st) => /\bawait\b/.test(st.text));
      const finalBody = this.nc.field(first, 'finalizer') ? this.nc.field(this.nc.field(first, 'finalizer')!, 'body') : null;
      if (j < 0) return false;
      before = [...before, ...inner.slice(0, j)];
      rest = [...inner.slice(j + 1), ...(finalBody ? this.nc.kids(finalBody).filter((c) => c.type !== 'comment') : []), ...rest];
      first = inner[j]!;
    }
    const top = first.type === 'expression_statement' ? first.namedChild(0) : first.type === 'lexical_declaration' || first.type === 'variable_declaration' ? first.namedChild(0)?.childForFieldName('value') : null;
    if (top?.type !== 'await_expression' || (first.type !== 'expression_statement' && first.namedChildCount !== 1)) return false;
    const outer = this.blockScope(body);
    const prevPause = this.pausesAt;
    this.pausesAt = top;
    try {
      for (const st of [...before, first]) this.classOrStatement(st);
      // The locals as they are at the pause: the continuation starts from them.
      const locals = new Map<string, JsVal | undefined>();
      for (const name of new Set([...frame.keys(), ...outer.keys()])) locals.set(name, this.env.get(name));
      w.pending.push({ analyser: this, stmts: rest, locals, self: this.currentThis });
    } finally {
      this.pausesAt = prevPause;
      this.restoreScope(outer);
    }
    return true;
  }

  /**
   * A try statement's catch that rethrows, or only reports (`console.error(e)`): it changes nothing
   * the code after it sees, so the try block is the path that goes on.
   */
  private inertCatch(stmt: Node): boolean {
    const handler = this.nc.field(stmt, 'handler');
    const handlerBody = handler ? this.nc.field(handler, 'body') : null;
    const last = handlerBody ? this.nc.kids(handlerBody).filter((c) => c.type !== 'comment').pop() : undefined;
    return !handlerBody || last?.type === 'throw_statement' || (!this.mayBuildModel(handlerBody) && namesChangedIn(this.text.slice(handlerBody.startIndex, handlerBody.endIndex)).size === 0 && !/\breturn\b/.test(handlerBody.text));
  }

  /** The continuations of unawaited async calls, run after the file's last statement (in order). */
  private runPending(): void {
    const w = this.world;
    const pending = w.pending ?? [];
    w.pending = undefined;
    // What runs before an await resumes (other continuations, event handlers, timers, code a user adds
    // below the file's last line) is not known: default names a continuation makes are not either.
    if (pending.some((p) => p.stmts.some((st) => p.analyser.codeMayMakeLayers(st.text)))) this.uidUnsure.add('*');
    for (const p of pending) {
      const a = p.analyser;
      const saved: Frame = new Map();
      for (const [name, v] of p.locals) {
        saved.set(name, { v: a.env.get(name), lazy: a.lazy.get(name) });
        a.lazy.delete(name);
        if (v === undefined) a.env.delete(name);
        else a.env.set(name, v);
      }
      const prevThis = a.currentThis;
      a.currentThis = p.self;
      a.returns.push(undefined);
      a.earlyReturns.push([]);
      a.returnedInBranch.push(0);
      a.frames.push(saved);
      a.steps = 0;
      const regionBefore = a.region;
      try {
        for (const st of p.stmts) a.classOrStatement(st);
      } catch (e) {
        if (!(e instanceof Stop)) throw e;
      } finally {
        a.returns.pop();
        a.earlyReturns.pop();
        a.loopDepth -= a.returnedInBranch.pop() ?? 0;
        a.region = regionBefore;
        a.frames.pop();
        a.currentThis = prevThis;
        for (const [k, { v, lazy }] of saved) {
          if (v === undefined) a.env.delete(k);
          else a.env.set(k, v);
          if (lazy === undefined) a.lazy.delete(k);
          else a.lazy.set(k, lazy);
        }
      }
    }
  }

  /** Is this node in this analyser's file? */
  private owns(n: Node): boolean {
    return n.tree === this.tree;
  }

  /** The analyser that runs this node's code (this one, or another workspace file's), if the analysis has it. */
  private ownerOf(n: Node): TfAnalyzer | undefined {
    return this.owns(n) ? this : this.world.owners.get(n.tree);
  }

  /**
   * Runs code of another workspace file (`owner`'s) from the call `at`: the first call from the
   * analysed file is where what that code makes is shown. Inside a loop visited once or a branch
   * the analysis does not decide, what the call changes could not be undone per round or arm: not
   * followed.
   */
  private across(owner: TfAnalyzer, at: Node, what: string, run: () => JsVal, code?: Node): JsVal {
    if (owner === this) return run();
    if (this.loopDepth > 0 || this.env.journals.length > 0 || this.returnedInBranch.some((n) => n > 0)) {
      // Not run here: if its code may make layers, tfjs's default names after it are not known.
      if (!code || owner.codeMayMakeLayers(code.text)) this.uidUnsure.add('*');
      return U(`${what} of another file is called in a loop or branch the analysis does not follow there`, `${what}（另一文件中）在分析无法跟踪的循环或分支中被调用`);
    }
    const w = this.world;
    const prev = w.anchor;
    if (prev === undefined && at.tree === w.mainTree) w.anchor = at;
    owner.steps = this.steps;
    owner.depth = this.depth;
    try {
      return run();
    } finally {
      this.steps = owner.steps;
      w.anchor = prev;
    }
  }

  /** Where what this analyser makes now is shown: its own nodes, or (another file's code) the analysed file's call that ran it. */
  private siteHere(): { site?: Node } {
    const site = this.tree === this.world.mainTree ? undefined : this.world.anchor;
    return site ? { site } : {};
  }

  /** A model's site; a model another file's code makes while being read (not from the analysed file's program) is not shown. */
  private madeHere(): { site?: Node; hidden?: boolean } {
    const hidden = this.tree !== this.world.mainTree && (this.loading || this.world.anchor === undefined);
    return { ...this.siteHere(), ...(hidden ? { hidden } : {}) };
  }

  /** A node's range in the analysed file: another file's node is shown at `site` (the call that ran its code). */
  private range(n: Node, site?: Node): SourceRange {
    const w = this.world;
    return this.nc.range(w.mainTree === undefined || n.tree === w.mainTree ? n : (site ?? w.anchor ?? n));
  }

  run(root: Node): { models: ModelInfo[]; diagnostics: ShapeDiagnostic[] } {
    this.tree = root.tree;
    this.world.mainTree = root.tree;
    this.rootNode = root;
    this.world.owners.set(root.tree, this);
    // The analysed file is being run: a file it imports that imports it back (`./index` importing
    // every page module) meets it as an import cycle does, never as a file left unread.
    const self = this.opts.workspace?.fileName;
    if (self && !this.world.modules.has(self)) this.world.modules.set(self, null);
    this.noteImportsChanged();
    this.calledFunctions = this.functionsCalled(root);
    try {
      this.collectExternalCalls(root);
    } catch (e) {
      if (!(e instanceof Stop) && !(e instanceof Cancelled)) throw e;
    }
    // Functions are hoisted: a function visited where it stands (`run`, a page's event handler)
    // calls builders the file declares further down.
    this.hoist(root);
    this.world.pending = [];
    try {
      // Each top-level statement gets its own step budget: one monstrous statement is skipped,
      // the rest of the file is still analysed. Cancellation stops everything.
      for (const stmt of this.nc.kids(root)) {
        if (!stmt) continue;
        // Steps restart per statement, so `tick` alone would never look in a file of small ones.
        if (this.opts.isCancelled?.()) throw new Cancelled();
        this.steps = 0;
        this.world.topAwaits = awaitsItsCall(stmt);
        this.world.topEnd = stmt.endIndex;
        try {
          this.statement(stmt);
        } catch (e) {
          if (!(e instanceof Stop)) throw e;
        }
      }
      // What unawaited async calls do after their first await, now that the file's statements have run.
      this.world.topAwaits = true;
      this.world.topEnd = undefined;
      this.runPending();
    } catch (e) {
      if (!(e instanceof Cancelled)) throw e;
      this.stopped = true;
    }
    // Function values never called (a click handler): read on their own, as code the program does not run.
    for (const [id, fnNode] of this.madeFunctions) {
      if (this.calledFunctionValues.has(id)) continue;
      this.steps = 0;
      try {
        // (An arrow outside any function, so every name it reads is the module's, whose body constructs an
        // instance: `module.exports = { make: () => new LeNet(data) }` builds what it names. Not any expression:
        // `onclick = () => digits.initModel()` would grow the program's own model.)
        const body = this.nc.field(fnNode, 'body');
        const made = body?.type === 'member_expression' ? this.nc.field(body, 'object') : body;
        if (body && made?.type === 'new_expression' && fnNode.type === 'arrow_function' && !this.insideFunction(fnNode)) this.onItsOwn(() => void this.eval(body));
        else this.onItsOwn(() => this.nestedBlocks(fnNode));
      } catch (e) {
        if (!(e instanceof Stop) && !(e instanceof Cancelled)) throw e;
      }
    }
    if (!this.stopped) this.unrunBuilders(root);
    for (const a of new Set(this.world.owners.values())) a.unrunMethods();
    const annotations = (this.annotations ??= parseInputAnnotations(this.text, '//'));
    const out: ModelInfo[] = [];
    for (const m of this.models) {
      if (m.hidden) continue;
      // An empty tf.sequential while layers were added to something the analysis lost: they may be its.
      if (!m.functional && m.layers.length === 0 && m.uncertainFrom === undefined && this.lostAdd) {
        m.uncertainFrom = 0;
        m.uncertainWhy = { en: `layers may be added to it through ${this.lostAdd.text.slice(0, 40)}(…), which the analysis does not follow`, 'zh-cn': `可能通过 ${this.lostAdd.text.slice(0, 40)}(…) 向其添加层，分析无法跟踪` };
      }
      // The name the model is listed under (an unnamed one is `model`), as the caller saw it.
      if (this.opts.onlyModel !== undefined && this.opts.onlyModel !== shownName(m)) continue;
      out.push(this.finish(m, annotations));
    }
    // A layer no model holds whose settings tfjs refuses (made, then never used): the program stops there all the same.
    const held = new Set(this.models.flatMap((m) => m.layers));
    for (const rec of this.layers) if (!held.has(rec.id)) this.diags.push(...rec.problems);
    return { models: out, diagnostics: this.diags };
  }

  /** Whether the node stands inside a function, method or class body (not directly in the module). */
  private insideFunction(node: Node): boolean {
    for (let p = node.parent; p; p = p.parent) if (FUNCTION_NODES.has(this.types.type(p)) || p.type === 'method_definition' || p.type === 'class_body') return true;
    return false;
  }

  /** A class read without an instance of the program: its constructor and methods, their parameters unknown. */
  private classOnItsOwn(cls: Node): void {
    // A subclass whose own constructor makes layers and hands them to its base (`const layers = […];
    // super(layers, 'leNet')`, the base, here or in another file, making `tf.sequential({layers})`):
    // constructed with its arguments unknown, so the base gets those layers; its other methods are read after.
    const ctor = this.ownMethod(cls, 'constructor');
    if (ctor && this.baseExpr(cls) && /\bsuper\s*\(\s*[^)\s]/.test(ctor.text) && /\.\s*layers\s*\.\s*\w+\s*\(/.test(ctor.text) && this.eval(this.baseExpr(cls)!).t === 'cls') {
      this.onItsOwn(() => {
        this.construct(cls, NO_CALLER);
        // (Its constructor ran: read the rest as blocks, without it.)
        this.madeFunctions.set(ctor.id, ctor);
        try {
          this.nestedBlocks(cls);
        } finally {
          this.madeFunctions.delete(ctor.id);
        }
      });
      return;
    }
    // A subclass of a class of the file: its base's constructor runs first (tfjs names the
    // layers it makes before the subclass's own), its arguments unknown.
    this.onItsOwn(() => {
      if (this.baseClass(cls)) {
        const inst: Instance = { key: `this#${++this.world.instanceSeq}`, cls, ran: new Set() };
        inst.self = { t: 'obj', props: new Map(), inst };
        const prev = this.currentThis;
        this.currentThis = inst;
        try {
          this.superCall(cls, NO_CALLER, cls);
        } finally {
          this.currentThis = prev;
        }
      }
      this.nestedBlocks(cls);
    });
  }

  /**
   * Classes the program constructs but whose model-building methods no instance ran (`await
   * m.init()` of a base class in another file calling `this.defineBuild()`): read on their own, as
   * a class the file never constructs, so their models are still found. Not when the constructor
   * itself builds models (they were made with the program's arguments).
   */
  private unrunBuilders(root: Node): void {
    // A top-level builder whose only calls stand in code nothing runs (`const train = async () => { const
    // model = createModel(); … }` inside a React component, handed to onClick): run on its own, as one nobody calls.
    for (const stmt of this.nc.kids(root)) {
      const fn = stmt ? this.functionDeclared(stmt) : undefined;
      if (!fn || !this.calledFunctions.has(fn.name) || this.ranFunctions.has(fn.node.id) || !/\.\s*(?:sequential|model)\s*\(/.test(fn.node.text)) continue;
      this.steps = 0;
      try {
        this.onItsOwn(() => {
          const made = this.callFunction(fn.node, this.externalArgs.get(fn.name)?.args ?? NO_CALLER);
          const m = made.t === 'model' ? this.models[made.id] : undefined;
          if (m && m.name === '') m.name = fn.name;
        });
      } catch (e) {
        if (!(e instanceof Stop) && !(e instanceof Cancelled)) throw e;
      }
    }
    for (const stmt of this.nc.kids(root)) {
      const cls = stmt ? this.classDeclared(stmt) : undefined;
      if (!stmt || !cls || !this.calledFunctions.has(`new ${cls.name}`) || this.extendsSequential(cls.node)) continue;
      const body = this.nc.field(cls.node, 'body');
      const methods = (body ? this.nc.kids(body) : []).filter((m) => m.type === 'method_definition');
      const builds = (m: Node): boolean => /\.\s*(?:sequential|model)\s*\(/.test(m.text);
      if (methods.some((m) => this.nc.field(m, 'name')?.text === 'constructor' && builds(m))) continue;
      const builders = methods.filter(builds).map((m) => this.nc.field(m, 'name')?.text ?? '');
      if (builders.length === 0 || this.instances.some((i) => i.cls.id === cls.node.id && builders.some((b) => i.ran.has(b)))) continue;
      this.steps = 0;
      try {
        this.classOnItsOwn(cls.node);
      } catch (e) {
        if (!(e instanceof Stop) && !(e instanceof Cancelled)) throw e;
      }
    }
  }

  /**
   * Runs code the program itself never runs (a builder nobody calls, a class nobody constructs)
   * to show its layers: tfjs's default-name counters, and which of them a loop made unsure, are
   * the program's again afterwards.
   */
  private onItsOwn(run: () => void, laterChanges: [string[], Msg][] = []): void {
    const counts = new Map(this.uid);
    const unsure = new Set(this.uidUnsure);
    // Run on its own, an async builder is awaited by whoever runs it: nothing of the program runs
    // between its awaits, so they neither defer its rest nor make its default names unsure.
    const awaited = this.world.topAwaits;
    this.world.topAwaits = true;
    // Fields it sets on the program's instances (`a.k = 9` in a function nobody calls) are put back after,
    // and so are the program's variables (`function onSlider() { units = 8; }`, a handler nothing here calls).
    const writes: FieldWrite[] = [];
    this.world.fieldWrites.push(writes);
    try {
      this.varsPutBack(() => {
        // Code read on its own runs at a time the program does not decide: what the file's functions
        // (or other files, through its exports) change has no one value there.
        for (const [path, where] of [...this.valuesChangedElsewhere(), ...laterChanges]) this.forgetPath(path, where);
        run();
      });
    } finally {
      this.world.fieldWrites.pop();
      putBack(writes);
      this.world.topAwaits = awaited;
      this.uid.clear();
      for (const [k, v] of counts) this.uid.set(k, v);
      this.uidUnsure.clear();
      for (const k of unsure) this.uidUnsure.add(k);
    }
  }

  // ---------------------------------------------------------------- statements

  private tick(): void {
    if (++this.steps > MAX_STEPS) throw new Stop();
    if ((this.steps & 1023) === 0 && this.opts.isCancelled?.()) throw new Cancelled();
  }

  private block(node: Node): void {
    for (const stmt of this.nc.kids(node)) if (stmt) this.statement(stmt);
  }

  private statement(stmt: Node): void {
    this.tick();
    const cls = this.classDeclared(stmt);
    if (cls && (this.calledFunctions.has(`new ${cls.name}`) || this.usedInItsBlock(stmt, cls))) {
      this.env.set(cls.name, { t: 'cls', node: cls.node, name: cls.name });
      return;
    }
    const fn = this.functionDeclared(stmt);
    if (fn) {
      this.env.set(fn.name, { t: 'fn', node: fn.node, name: fn.name });
      // Called somewhere: its body runs at each call with the call's arguments. Never called (an
      // exported builder): it runs here once with its parameters unknown, as if called on its
      // own (tfjs's default layer names count from where it stands, not after the others).
      if (this.calledFunctions.has(fn.name)) return;
      // (A function declared inside another runs only where that code calls it or hands it on:
      // run on its own it would add its layers to the enclosing builder's model.)
      const topLevel = stmt.parent?.type === 'program' || (stmt.parent?.type === 'export_statement' && stmt.parent.parent?.type === 'program');
      if (!topLevel) return;
      this.onItsOwn(() => {
        const made = this.callFunction(fn.node, this.externalArgs.get(fn.name)?.args ?? NO_CALLER);
        // A model it returns that no variable names is listed under the function's name (a click
        // handler's `return build()`), not as "model", which may be the program's own model.
        const m = made.t === 'model' ? this.models[made.id] : undefined;
        if (m && m.name === '') m.name = fn.name;
      }, this.changedAfter(stmt));
      return;
    }
    // A class the file never constructs: its constructor and methods are read once with their
    // parameters unknown, as on their own; the program's layer names do not count them.
    if (cls) {
      // (Its name is the class, for its static fields: `Game.action_space_size`.)
      if (!this.env.get(cls.name)) this.env.set(cls.name, { t: 'cls', node: cls.node, name: cls.name });
      // A tf.Sequential subclass is a model: constructed once with its arguments unknown, named by the class.
      if (this.extendsSequential(cls.node)) {
        this.onItsOwn(() => {
          const made = this.construct(cls.node, NO_CALLER);
          const m = made.t === 'model' ? this.models[made.id] : undefined;
          if (m && m.name === '') m.name = cls.name;
        });
        return;
      }
      // Its static methods the file calls (`Brain.createModel()`) run where they are called, not also here.
      const body = this.nc.field(cls.node, 'body');
      const outside = this.text.slice(0, cls.node.startIndex) + this.text.slice(cls.node.endIndex);
      // (And the static methods those call as `this.createCnn(…)`: a value too, run where called, else read on their own at the end.)
      const statics = new Map<string, Node>();
      for (const m of body ? this.nc.kids(body) : []) {
        const name = m.type === 'method_definition' && m.children.some((c) => c?.type === 'static') ? this.nc.field(m, 'name')?.text : undefined;
        if (name) statics.set(name, m);
      }
      const reached: Node[] = [...statics].filter(([name]) => new RegExp(`\\b${escapeRe(cls.name)}\\s*\\.\\s*${escapeRe(name)}\\s*\\(`).test(outside)).map(([, m]) => m);
      for (let i = 0; i < reached.length; i++) {
        this.madeFunctions.set(reached[i]!.id, reached[i]!);
        for (const [name, m] of statics) if (!reached.includes(m) && new RegExp(`\\b(?:this|${escapeRe(cls.name)})\\s*\\.\\s*${escapeRe(name)}\\s*\\(`).test(reached[i]!.text)) reached.push(m);
      }
      const external = this.externalArgs.get(`new ${cls.name}`);
      if (external) this.onItsOwn(() => void this.construct(cls.node, external.args));
      else this.classOnItsOwn(cls.node);
      return;
    }
    switch (this.types.type(stmt)) {
      case 'statement_block':
        // `{ let units = 8; … }` (an if's arm): its let/const end with it.
        this.runBody(stmt);
        return;
      case 'enum_declaration': {
        // TypeScript's `enum LayerType { DENSE = "DENSE", … }` (`switch (type) { case LayerType.DENSE: … }`):
        // an object of its members; a member without a value is the previous number plus one (from
        // 0), and a number member is also named by its value (`K[0] === "A"`).
        const name = this.nc.field(stmt, 'name');
        const body = this.nc.field(stmt, 'body');
        if (!name || !body) return;
        const props = new Map<string, { v: JsVal; node?: Node }>();
        let next: number | undefined = 0;
        // A member the code assigns (`(Size as any).A = 7`): tsc keeps an object, esbuild inlines the
        // declared value: not one value.
        const cast = new RegExp(`[(<]\\s*${escapeRe(name.text)}\\s*(?:as\\s[^)]*)?\\)\\s*(?:\\.\\s*[\\w$]+|\\[[^\\]]*\\])\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?)?=(?![=>])`);
        if (namesChangedIn(this.text).has(name.text) || cast.test(this.text)) {
          this.declareLocal(name);
          this.bind(name, U(`enum ${name.text} is changed at run time, which compilers treat differently`, `枚举 ${name.text} 在运行时被修改，各编译器处理不同`));
          return;
        }
        for (const m of this.nc.kids(body)) {
          const key = m.type === 'enum_assignment' ? this.nc.field(m, 'name') : m.type === 'property_identifier' ? m : null;
          if (!key) continue;
          const valueNode = m.type === 'enum_assignment' ? this.nc.field(m, 'value') : null;
          const member = key.type === 'string' ? key.text.slice(1, -1) : key.text;
          // A member's value may name the members before it (`D = B * 2`).
          const earlier = valueNode?.type === 'identifier' ? props.get(valueNode.text)?.v : undefined;
          let v: JsVal = valueNode ? (earlier ?? this.eval(valueNode)) : next !== undefined ? { t: 'num', v: next } : U(`${name.text}.${member} follows a member the analysis does not know`, `${name.text}.${member} 跟在分析未知的成员之后`);
          if (valueNode && v.t !== 'num' && v.t !== 'str') v = U(`${name.text}.${member} is not known`, `${name.text}.${member} 未知`);
          next = v.t === 'num' ? v.v + 1 : undefined;
          props.set(member, { v, node: key });
          if (v.t === 'num') props.set(String(v.v), { v: { t: 'str', v: member } });
        }
        // (Block-scoped, as `let`: one inside a function is its own.)
        this.declareLocal(name);
        this.bind(name, { t: 'obj', props, closed: true });
        return;
      }
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const d of this.nc.kids(stmt)) {
          if (d?.type !== 'variable_declarator') continue;
          const name = this.nc.field(d, 'name');
          const value = this.nc.field(d, 'value');
          if (name) this.declareLocal(name);
          // `let aux;` is undefined until assigned.
          if (name?.type === 'identifier' && !value) this.env.set(name.text, { t: 'null' });
          if (!name || !value) continue;
          // Literal declarations are evaluated only if a model reads them (`const units = 64`, a
          // generated file's data tables nothing uses). Anything else is evaluated here, where
          // JavaScript does: a value it reads may change before the first read (`const inW = prev;
          // prev = u;`, `const t = a; a = b;`), and a call in it may change other values.
          if (name.type === 'identifier' && !this.mayBuildModel(value) && isPlainLiteral(value)) {
            this.env.delete(name.text);
            this.lazy.set(name.text, value);
          } else this.bind(name, this.eval(value));
        }
        break;
      case 'expression_statement': {
        const e = stmt.namedChild(0);
        if (e?.type === 'call_expression' && this.unrolledForEach(e)) return;
        if (e?.type === 'assignment_expression') {
          const left = this.nc.field(e, 'left');
          const right = this.nc.field(e, 'right');
          if (left && right) this.assignTo(left, this.eval(right));
        } else if (e) this.eval(e);
        break;
      }
      case 'return_statement': {
        const e = stmt.namedChild(0);
        // (Captured here, while the block's let / const still hold their values: the call's end restores them.)
        const frame = this.frames[this.frames.length - 1];
        const maker = this.makers[this.makers.length - 1];
        const v = e ? (frame && maker ? this.captureLocals(this.eval(e), maker, frame, new Set()) : this.eval(e)) : { t: 'null' as const };
        // The first return reached is the function's value (builders return their model).
        if (this.returns.length > 0 && this.returns[this.returns.length - 1] === undefined) this.returns[this.returns.length - 1] = v;
        break;
      }
      case 'import_statement':
        this.importStatement(stmt);
        return;
      case 'if_statement':
      case 'switch_statement':
        this.branches(stmt);
        return;
      case 'try_statement': {
        // The try block runs to its end, or stops anywhere and the catch runs: two paths (a model
        // loaded, or built when loading fails, is one of two), then the finally.
        const body = this.nc.field(stmt, 'body');
        const handler = this.nc.field(stmt, 'handler');
        const handlerBody = handler ? this.nc.field(handler, 'body') : null;
        const finalizer = this.nc.field(stmt, 'finalizer');
        const inert = this.inertCatch(stmt);
        if (body && handlerBody && !inert) this.runArms([body, handlerBody], true, undefined, this.codeMayMakeLayers(body.text) ? new Set([1]) : undefined);
        else if (body) this.runBody(body);
        const finalBody = finalizer ? this.nc.field(finalizer, 'body') : null;
        if (finalBody) {
          // A `return` in finally replaces the try's (`try { return 3 } finally { return 6 }` is 6):
          // one that surely runs is the value; one on a path may be.
          const own = this.nc.kids(finalBody).some((c) => this.types.type(c) === 'return_statement');
          const some = /\breturn\b/.test(finalBody.text);
          const at = this.returns.length - 1;
          if (own && at >= 0) this.returns[at] = undefined;
          this.runBody(finalBody);
          if (some && !own && at >= 0 && this.returns[at] !== undefined) this.returns[at] = U('a return in finally may replace the value', 'finally 中的 return 可能替换返回值');
        }
        return;
      }
      case 'for_statement':
      case 'for_in_statement':
      case 'while_statement':
      case 'do_statement': {
        if (this.unrolledLoop(stmt) || this.conditionLoop(stmt)) return;
        this.visitedOnce(stmt, () => this.nestedBlocks(stmt));
        return;
      }
      default:
        break;
    }
    this.nestedBlocks(stmt);
  }

  /**
   * `for (let i = 0; i < n; i++)` with a known bound, `for (const x of list)` over a known list:
   * the body runs once per iteration, as the program runs it. False (nothing run) when the loop
   * is not of that form, its body may leave it early, or it changes what decides the iterations.
   */
  private unrolledLoop(stmt: Node): boolean {
    const type = this.types.type(stmt);
    const body = this.nc.field(stmt, 'body');
    if (!body || (type !== 'for_statement' && type !== 'for_in_statement')) return false;
    const bodyText = this.text.slice(body.startIndex, body.endIndex);
    // An `await` in the body pauses each round (`const cell = await tf.layers.lstmCell(…)`): the
    // rounds still run in order; what may run in between is handled where the await is evaluated.
    if (/\b(?:break|continue|return|throw|yield)\b/.test(bodyText)) return false;
    const changed = namesChangedIn(bodyText);
    let target: Node | undefined;
    let items: JsVal[];
    if (type === 'for_in_statement') {
      const left = this.nc.field(stmt, 'left');
      const right = this.nc.field(stmt, 'right');
      // (An iterable that makes layers — `for (const l of [dense(5), dense(3)])` — is evaluated here
      // once, as JavaScript does, before the rounds; the loop visited once does not evaluate it again.)
      const op = this.nc.field(stmt, 'operator')?.text;
      if ((op !== 'of' && op !== 'in') || !left || !right) return false;
      if ([...right.text.matchAll(/[A-Za-z_$][\w$]*/g)].some((m) => changed.has(m[0]))) return false;
      const list = this.eval(right);
      if (list.t !== 'arr' || (op === 'in' && NAMED_PROPS.has(list))) return false;
      target = left;
      // `for (i in neurons)` over a list: its indices, as the strings "0", "1"…
      items = op === 'of' ? list.items : list.items.map((_, k) => ({ t: 'str', v: String(k) }));
    } else {
      const seq = this.loopCounter(stmt, changed);
      if (!seq) return false;
      target = seq.name;
      items = seq.values.map((v) => ({ t: 'num', v }));
    }
    if (items.length > MAX_UNROLL) return false;
    const outer: Frame = new Map();
    for (const m of target.text.matchAll(/[A-Za-z_$][\w$]*/g)) outer.set(m[0], { v: this.env.get(m[0]), lazy: this.lazy.get(m[0]) });
    try {
      for (const item of items) {
        this.bind(target, item);
        this.runBody(body);
      }
    } finally {
      this.restoreScope(outer);
    }
    return true;
  }

  /** A loop body visited once, for a number of rounds the analysis cannot count: what it changes has no one value after it (nor inside it). */
  private visitedOnce(stmt: Node, run: () => void): void {
    const changed = namesChangedIn(this.text.slice(stmt.startIndex, stmt.endIndex));
    this.forgetPlain(changed);
    this.loopDepth++;
    try {
      this.inNewRegion(run);
    } finally {
      this.loopDepth--;
    }
    this.forgetPlain(changed);
  }

  /**
   * `while (units > 4) { units /= 2; … }`, `do { … } while (i < n)`, `for (let u = 64; u >= 8; u /= 2)`:
   * while its condition is known, the body runs as the program runs it, round by round. From a round
   * whose condition is not known (or past MAX_UNROLL rounds), the rest is a loop visited once, as
   * one of unknown length is: the rounds that surely ran are exact, what may follow is unknown.
   * False (nothing run) for a body that may leave early or a condition that calls or assigns.
   */
  private conditionLoop(stmt: Node): boolean {
    const type = this.types.type(stmt);
    const body = this.nc.field(stmt, 'body');
    let cond = this.nc.field(stmt, 'condition');
    if (cond?.type === 'parenthesized_expression') cond = cond.namedChild(0);
    const init = type === 'for_statement' ? this.nc.field(stmt, 'initializer') : null;
    const step = type === 'for_statement' ? this.nc.field(stmt, 'increment') : null;
    if (!body || !cond || (type !== 'while_statement' && type !== 'do_statement' && type !== 'for_statement')) return false;
    if (/\b(?:break|continue|return|throw|yield|await)\b/.test(this.text.slice(body.startIndex, body.endIndex))) return false;
    // (A condition or step that calls, or assigns anything but the step's own variable, is not re-evaluated here.)
    const pure = (n: Node): boolean => !/[(`]|\+\+|--|[^=!<>]=(?!=)/.test(n.text);
    if (!pure(cond)) return false;
    const stepName = step?.type === 'update_expression' ? this.nc.field(step, 'argument') : step?.type === 'augmented_assignment_expression' || step?.type === 'assignment_expression' ? this.nc.field(step, 'left') : undefined;
    if (step && (stepName?.type !== 'identifier' || !pure(this.nc.field(step, 'right') ?? stepName))) return false;
    if (init && init.type !== 'lexical_declaration' && init.type !== 'variable_declaration' && init.type !== 'empty_statement') return false;
    const outer: Frame = new Map();
    if (init) for (const d of this.nc.kids(init).filter((c) => c.type === 'variable_declarator')) {
      const name = this.nc.field(d, 'name');
      if (name?.type !== 'identifier') return false;
      outer.set(name.text, { v: this.env.get(name.text), lazy: this.lazy.get(name.text) });
    }
    if (init && init.type !== 'empty_statement') this.statement(init);
    let rounds = 0;
    let rest = false;
    try {
      for (;;) {
        if (type !== 'do_statement' || rounds > 0) {
          const go = truthiness(this.eval(cond));
          if (go === false) break;
          if (go === undefined || rounds >= MAX_UNROLL) {
            rest = true;
            break;
          }
        }
        this.runBody(body);
        if (step) this.eval(step);
        rounds++;
      }
      if (rest) this.visitedOnce(stmt, () => this.runBody(body));
    } finally {
      if (init) this.restoreScope(outer);
    }
    return true;
  }

  /** The values of a counting loop's variable (`let i = a; i < b; i++ / i += k / i--`), if the body leaves it and its bound alone. */
  private loopCounter(stmt: Node, changed: Set<string>): { name: Node; values: number[] } | undefined {
    const init = this.nc.field(stmt, 'initializer');
    const cond = this.nc.field(stmt, 'condition');
    const step = this.nc.field(stmt, 'increment');
    if (!init || !cond || !step || init.type !== 'lexical_declaration' && init.type !== 'variable_declaration') return undefined;
    const decls = this.nc.kids(init).filter((d) => d.type === 'variable_declarator');
    const decl = decls[0];
    const name = decl ? this.nc.field(decl, 'name') : undefined;
    const value = decl ? this.nc.field(decl, 'value') : undefined;
    if (decls.length !== 1 || name?.type !== 'identifier' || !value || changed.has(name.text)) return undefined;
    if (cond.type !== 'binary_expression' || this.nc.field(cond, 'left')?.text !== name.text) return undefined;
    const op = this.nc.field(cond, 'operator')?.text;
    const boundNode = this.nc.field(cond, 'right');
    if (!boundNode || [...boundNode.text.matchAll(/[A-Za-z_$][\w$]*/g)].some((m) => changed.has(m[0]) || m[0] === name.text)) return undefined;
    const start = this.eval(value);
    const bound = this.eval(boundNode);
    if (start.t !== 'num' || bound.t !== 'num') return undefined;
    let delta: number | undefined;
    if (step.type === 'update_expression' && this.nc.field(step, 'argument')?.text === name.text) delta = step.text.includes('++') ? 1 : -1;
    else if (step.type === 'augmented_assignment_expression' && this.nc.field(step, 'left')?.text === name.text) {
      const by = this.nc.field(step, 'right');
      const k = by && !/[A-Za-z_$]/.test(by.text) ? this.eval(by) : undefined;
      const sop = this.nc.field(step, 'operator')?.text;
      if (k?.t === 'num' && (sop === '+=' || sop === '-=')) delta = sop === '+=' ? k.v : -k.v;
    }
    if (!delta) return undefined;
    const holds = (i: number): boolean | undefined => (op === '<' ? i < bound.v : op === '<=' ? i <= bound.v : op === '>' ? i > bound.v : op === '>=' ? i >= bound.v : op === '!==' || op === '!=' ? i !== bound.v : undefined);
    const values: number[] = [];
    for (let i = start.v; ; i += delta) {
      const h = holds(i);
      if (h === undefined || values.length > MAX_UNROLL) return undefined;
      if (!h) break;
      values.push(i);
    }
    return { name, values };
  }

  /**
   * `layers.reduce((x, layer) => layer.apply(x), input)` over a known list with an inline callback:
   * the callback runs once per item, in order, each given the last one's result (a chain of
   * applications). undefined (not followed here) for any other form.
   */
  private reduceList(fnNode: Node, call: Node): JsVal | undefined {
    const argNode = this.nc.field(call, 'arguments');
    const args = argNode ? this.nc.kids(argNode).filter((c) => c.isNamed && c.type !== 'comment') : [];
    const cb = args[0];
    const obj = this.nc.field(fnNode, 'object');
    if (!obj || args.length < 1 || args.length > 2 || (cb?.type !== 'arrow_function' && cb?.type !== 'function_expression')) return undefined;
    if (/\b(?:yield|await)\b/.test(cb.text)) return undefined;
    // Evaluated once (an array literal of new layers makes them): from here on this is the reduce's value.
    const list = this.eval(obj);
    if (list.t !== 'arr' || list.items.length > MAX_UNROLL) return U(`${fnNode.text.slice(0, 40)} over a list the analysis cannot list`, `${fnNode.text.slice(0, 40)}：列表无法列出`);
    let acc: JsVal | undefined = args[1] ? this.eval(args[1]) : list.items[0];
    const start = args[1] ? 0 : 1;
    if (!acc) return undefined;
    const body = this.nc.field(cb, 'body');
    if (body) this.unrolledCallbacks.add(body.id);
    try {
      for (let i = start; i < list.items.length; i++) acc = this.callFunctionOnce(cb, [acc, list.items[i]!, { t: 'num', v: i }, list]);
    } finally {
      if (body) this.unrolledCallbacks.delete(body.id);
    }
    return acc;
  }

  /** `list.method(cb)` with one inline callback (an arrow or function expression that neither yields nor awaits): it and the receiver. */
  private inlineCallback(fnNode: Node, call: Node): { cb: Node; obj: Node } | undefined {
    const argNode = this.nc.field(call, 'arguments');
    const args = argNode ? this.nc.kids(argNode).filter((c) => c.isNamed && c.type !== 'comment') : [];
    const cb = args[0];
    const obj = this.nc.field(fnNode, 'object');
    if (!obj || !cb || args.length !== 1 || (cb.type !== 'arrow_function' && cb.type !== 'function_expression') || /\b(?:yield|await)\b/.test(cb.text)) return undefined;
    return { cb, obj };
  }

  /**
   * `widths.slice(1).map((w, i) => tf.layers.dense({units: w}))` over a known list: the callback
   * runs once per item, in order, and the results are the new list. undefined (not handled) for a
   * list the analysis cannot list or a callback that yields or awaits.
   */
  private mapList(fnNode: Node, call: Node): JsVal | undefined {
    const inline = this.inlineCallback(fnNode, call);
    if (!inline) return undefined;
    const { cb, obj } = inline;
    if (this.mayCreate(obj)) return undefined;
    const list = this.eval(obj);
    if (list.t !== 'arr' || list.items.length > MAX_UNROLL) return undefined;
    const body = this.nc.field(cb, 'body');
    if (body) this.unrolledCallbacks.add(body.id);
    try {
      return { t: 'arr', items: list.items.map((item, i) => this.callFunctionOnce(cb, [item, { t: 'num', v: i }, list])) };
    } finally {
      if (body) this.unrolledCallbacks.delete(body.id);
    }
  }

  /**
   * `Array.from({length: n}, (_, i) => tf.layers.dense({units: 2 ** (i + 3)}))` or `Array.from(list, f)`:
   * the callback runs once per item, in order (layers made there take their default names then). A
   * length or list the analysis cannot read, with a callback that may make layers: the names from
   * there on are not known.
   */
  private arrayFrom(call: Node): JsVal | undefined {
    const argNode = this.nc.field(call, 'arguments');
    const args = argNode ? this.nc.kids(argNode).filter((c) => c.isNamed && c.type !== 'comment') : [];
    const [src, cb] = args;
    if (!src) return undefined;
    const from = this.mayCreate(src) ? undefined : this.eval(src);
    const length = from?.t === 'obj' && !from.inst ? from.props.get('length')?.v : undefined;
    const items: JsVal[] | undefined =
      from?.t === 'arr' ? from.items
      : length?.t === 'num' && Number.isInteger(length.v) && length.v >= 0 && length.v <= MAX_UNROLL ? Array.from({ length: length.v }, () => ({ t: 'null' as const, undef: true as const }))
      : undefined;
    if (!cb) return items ? { t: 'arr', items: [...items] } : undefined;
    if ((cb.type !== 'arrow_function' && cb.type !== 'function_expression') || args.length !== 2 || /\b(?:yield|await)\b/.test(cb.text)) return undefined;
    if (!items || items.length > MAX_UNROLL) {
      if (this.codeMayMakeLayers(cb.text)) this.uidUnsure.add('*');
      return U(`${call.text.slice(0, 40)}: how many items it makes is not known`, `${call.text.slice(0, 40)}：生成多少个元素未知`);
    }
    const body = this.nc.field(cb, 'body');
    if (body) this.unrolledCallbacks.add(body.id);
    try {
      return { t: 'arr', items: items.map((item, i) => this.callFunctionOnce(cb, [item, { t: 'num', v: i }])) };
    } finally {
      if (body) this.unrolledCallbacks.delete(body.id);
    }
  }

  /** `chars.filter((c, i, all) => all.indexOf(c) === i)` over a known list: the items whose callback says true. */
  private filterList(fnNode: Node, call: Node): JsVal | undefined {
    const inline = this.inlineCallback(fnNode, call);
    if (!inline) return undefined;
    const { cb, obj } = inline;
    if (this.mayCreate(obj) || this.codeMayMakeLayers(cb.text) || namesChangedIn(cb.text).size > 0) return undefined;
    const list = this.eval(obj);
    if (list.t !== 'arr' || list.items.length > MAX_UNROLL) return undefined;
    const body = this.nc.field(cb, 'body');
    if (body) this.unrolledCallbacks.add(body.id);
    try {
      const kept: JsVal[] = [];
      for (const [i, item] of list.items.entries()) {
        const keep = truthiness(this.callFunctionOnce(cb, [item, { t: 'num', v: i }, list]));
        if (keep === undefined) return U(`${call.text.slice(0, 40)}: which items it keeps is not known`, `${call.text.slice(0, 40)}：保留哪些元素未知`);
        if (keep) kept.push(item);
      }
      return { t: 'arr', items: kept };
    } finally {
      if (body) this.unrolledCallbacks.delete(body.id);
    }
  }

  /** `sizes.forEach((n, i) => { … })` over a known list: the callback runs once per item. */
  private unrolledForEach(call: Node): boolean {
    const fnNode = this.nc.field(call, 'function');
    if (fnNode?.type !== 'member_expression' || this.nc.field(fnNode, 'property')?.text !== 'forEach') return false;
    const argNode = this.nc.field(call, 'arguments');
    const args = argNode ? this.nc.kids(argNode).filter((c) => c.isNamed && c.type !== 'comment') : [];
    // An inline callback, or a function of this file named (`sizes.forEach(addLayer)`).
    const given = args[0];
    const named = given?.type === 'identifier' ? (this.env.get(given.text) ?? this.fromLazy(given.text)) : undefined;
    // (A nested one only where it was declared: its closure is the running frame.)
    const here = !named || named.t !== 'fn' || !named.closure || (named.closure.frame === this.frames[this.frames.length - 1] && named.closure.self === this.currentThis);
    const cb = named?.t === 'fn' && here && named.node.type === 'function_declaration' && this.ownerOf(named.node) === this ? named.node : given;
    const obj = this.nc.field(fnNode, 'object');
    if (args.length !== 1 || !obj || !cb || (cb.type !== 'arrow_function' && cb.type !== 'function_expression' && cb.type !== 'function_declaration')) return false;
    const cbText = this.text.slice(cb.startIndex, cb.endIndex);
    // The receiver is evaluated once, first (`[dense(5), dense(3)].forEach(l => m.add(l))` makes its
    // layers before the callback runs); a `return` ends one round. A callback that throws, yields or
    // awaits, or changes what the receiver reads, is a loop body visited once — never skipped.
    const opaque = /\b(?:throw|yield|await)\b/.test(cbText) || [...obj.text.matchAll(/[A-Za-z_$][\w$]*/g)].some((m) => namesChangedIn(cbText).has(m[0]));
    const list = this.eval(obj);
    if (opaque || list.t !== 'arr' || list.items.length > MAX_UNROLL) {
      // Over a list the analysis does not know: the callback is a loop body visited once (a layer
      // it adds makes the model unknown from there on), never skipped as if it added nothing.
      const changed = namesChangedIn(cbText);
      this.forgetPlain(changed);
      this.loopDepth++;
      try {
        const item = U(`an item of ${obj.text.slice(0, 40)}, which the analysis cannot list`, `${obj.text.slice(0, 40)} 的元素（无法列出）`);
        this.inNewRegion(() => this.callFunctionOnce(cb, [item, U('the index of a loop the analysis does not unroll', '无法展开的循环的下标'), list]));
      } finally {
        this.loopDepth--;
      }
      this.forgetPlain(changed);
      return true;
    }
    const items = list.items;
    const body = this.nc.field(cb, 'body');
    if (body) this.unrolledCallbacks.add(body.id);
    try {
      items.forEach((item, i) => this.callFunctionOnce(cb, [item, { t: 'num', v: i }, list]));
    } finally {
      if (body) this.unrolledCallbacks.delete(body.id);
    }
    return true;
  }

  private runBody(body: Node): void {
    if (this.depth > MAX_DEPTH) return;
    if (this.types.type(body) !== 'statement_block') {
      this.statement(body);
      return;
    }
    this.depth++;
    const outer = this.blockScope(body);
    try {
      for (const s of this.nc.kids(body)) if (s) this.classOrStatement(s);
    } finally {
      this.depth--;
      this.restoreScope(outer);
    }
  }

  /** The outer values of the names a block declares with let/const: they come back when it ends. */
  private blockScope(block: Node): Frame {
    const saved: Frame = new Map();
    for (const st of this.nc.kids(block)) {
      if (st.type !== 'lexical_declaration') continue;
      for (const d of this.nc.kids(st)) {
        const name = d.type === 'variable_declarator' ? this.nc.field(d, 'name') : null;
        for (const m of name ? name.text.matchAll(/[A-Za-z_$][\w$]*/g) : []) if (!saved.has(m[0])) saved.set(m[0], { v: this.env.get(m[0]), lazy: this.lazy.get(m[0]) });
      }
    }
    return saved;
  }

  private restoreScope(saved: Frame): void {
    for (const [k, { v, lazy }] of saved) {
      if (v === undefined) this.env.delete(k);
      else this.env.set(k, v);
      if (lazy === undefined) this.lazy.delete(k);
      else this.lazy.set(k, lazy);
    }
  }

  /** Names whose plain value (a number, a list…) a loop visited once changes: unknown from here on. */
  private forgetPlain(changed: Set<string>, why?: Msg): void {
    // `this.n` is the running instance's field.
    const names = [...changed].map((n) => (n.startsWith('this.') ? this.fieldKey(n.slice(5)) : n));
    for (const name of names) {
      const v = this.env.get(name);
      if (v === undefined && !this.lazy.has(name)) continue;
      // A tensor the loop reassigns: its layers stay its producers, its shape (and what is read from
      // it, `x.shape[1]`) is not one value in the loop.
      if (v?.t === 'sym') {
        if (v.shape) this.env.set(name, { t: 'sym', shape: null, reason: { en: `'${name}' changes in a loop the analysis does not unroll`, 'zh-cn': `'${name}' 在无法展开的循环中改变` }, producers: v.producers, ...(v.broken ? { broken: v.broken } : {}) });
        continue;
      }
      if (v !== undefined && !isPlain(v) && v.t !== 'arr' && v.t !== 'obj') continue;
      this.lazy.delete(name);
      this.env.set(name, why ? U(`'${name}' is ${why.en}`, `'${name}' ${why['zh-cn']}`) : U(`'${name}' changes in a loop the analysis does not unroll`, `'${name}' 在无法展开的循环中改变`));
    }
  }

  /** Assignment to `o.p` / `o[i]` / `this.p`, and `+=`-style updates: the new value, or unknown where it cannot be kept apart. */
  private assignTo(target: Node, v: JsVal): void {
    const type = this.types.type(target);
    if (type === 'identifier' || type === 'array_pattern' || type === 'object_pattern') {
      this.bind(target, v);
      return;
    }
    if (type === 'parenthesized_expression' && target.namedChild(0)) {
      this.assignTo(target.namedChild(0)!, v);
      return;
    }
    if (type === 'member_expression' && this.nc.field(target, 'object')?.type === 'this') {
      this.bind(target, v);
      return;
    }
    if (this.isModuleExports(target)) {
      this.env.set(MODULE_EXPORTS, v);
      return;
    }
    if (type !== 'member_expression' && type !== 'subscript_expression') return;
    const objNode = this.nc.field(target, 'object');
    const o = objNode ? this.eval(objNode) : undefined;
    // Objects and lists are shared: inside branches or a loop visited once, the change cannot be undone per arm.
    const shared = this.env.journals.length > 0 || this.loopDepth > 0;
    const put = shared ? U(`${target.text.slice(0, 40)} is changed where the analysis cannot follow it`, `${target.text.slice(0, 40)} 在无法跟踪之处被修改`) : v;
    if (type === 'member_expression') {
      const prop = this.nc.field(target, 'property')?.text;
      // `TAGS.PAD_IDX = 3`: a named property of a list leaves its items (and length) as they are
      // (but `for (k in list)` enumerates it too).
      if (o?.t === 'arr' && prop && prop !== 'length') {
        NAMED_PROPS.add(o);
        return;
      }
      const owner = o?.t === 'obj' && o.inst ? this.ownerOf(o.inst.cls) : undefined;
      if (o?.t === 'obj' && o.inst && prop) {
        // `agent.model = …`, `ae.units = [20, 10]` on an instance: its field, where its methods read
        // `this.units` (the class may be another file's). Through an accessor (a setter runs; with a
        // getter only, the write is dropped or throws), what reads it gets is not known.
        const accessor = (owner ?? this).hasSetter(o.inst.cls, prop, 0, true);
        this.setField(owner, o, prop, accessor ? U(`${prop} is set through an accessor the analysis does not run`, `${prop} 通过分析不运行的访问器设置`) : put);
        return;
      }
      if (o?.t === 'obj' && prop) {
        // A setter runs instead (or, with a getter only, the write is dropped or throws): what reads it gets is not
        // known, nor what the setter changes (`set v(x) { n = x * 2; }`: n).
        const setter = o.accessors?.has(prop) ? o.accessorsAt && this.nc.kids(o.accessorsAt).find((m) => m.type === 'method_definition' && m.children.some((c) => c?.type === 'set') && this.nc.field(m, 'name')?.text === prop) : undefined;
        if (setter) this.forgetPlain(namesChangedIn(setter.text));
        o.props.set(prop, { v: o.accessors?.has(prop) ? U(`${prop} is set through an accessor the analysis does not run`, `${prop} 通过分析不运行的访问器设置`) : put });
        return;
      }
    } else {
      const idxNode = this.nc.field(target, 'index');
      const i = idxNode ? this.eval(idxNode) : undefined;
      if (o?.t === 'obj' && o.inst && i?.t === 'str') {
        this.setField(this.ownerOf(o.inst.cls), o, i.v, put);
        return;
      }
      if (o?.t === 'obj' && i?.t === 'str') {
        o.props.set(i.v, { v: put });
        return;
      }
      if (o?.t === 'arr' && i?.t === 'num' && Number.isInteger(i.v) && i.v >= 0 && i.v < o.items.length) {
        o.items[i.v] = put;
        return;
      }
    }
    // Something else changed in place: the list or object it belongs to is no longer known.
    if (o && (o.t === 'arr' || o.t === 'obj')) this.replaceEverywhere(o, U(`${objNode?.text.slice(0, 40) ?? ''} is changed in a way the analysis does not follow`, `${objNode?.text.slice(0, 40) ?? ''} 以无法跟踪的方式被修改`));
  }

  /** An instance's field set from outside its class, noted where code runs on its own (put back after). */
  private setField(owner: TfAnalyzer | undefined, o: JsVal & { t: 'obj' }, name: string, v: JsVal): void {
    const log = this.world.fieldWrites[this.world.fieldWrites.length - 1];
    const key = `${o.inst!.key}.${name}`;
    // A setter of that name (`set k(v) { this._k = v * 2 }`) runs instead: what it sets is not followed,
    // so every field of the instance is unknown from here on.
    if (owner && owner.hasSetter(o.inst!.cls, name)) {
      const why = U(`${name} is set through a setter the analysis does not run`, `${name} 通过分析不运行的 setter 设置`);
      for (const k of [...owner.env.keys()]) {
        if (!k.startsWith(`${o.inst!.key}.`)) continue;
        log?.push({ env: owner.env, key: k, old: owner.env.get(k) });
        owner.env.set(k, why);
      }
      return;
    }
    if (owner) {
      const prop = owner === this ? o.props.get(name) : undefined;
      log?.push({ env: owner.env, key, old: owner.env.get(key), ...(prop ? { prop: { props: o.props, name, old: prop } } : {}) });
      owner.env.set(key, v);
    }
    if (owner === this) o.props.delete(name);
  }

  /** Whether the class (or a base class of its file) defines `set name(…)`. */
  private hasSetter(cls: Node, name: string, depth = 0, orGetter = false): boolean {
    if (depth > 8) return true;
    // (An object literal's members are its own children.)
    const body = cls.type === 'object' ? cls : this.nc.field(cls, 'body');
    if ((body ? this.nc.kids(body) : []).some((m) => m.type === 'method_definition' && m.children.some((c) => c?.type === 'set' || (orGetter && c?.type === 'get')) && this.nc.field(m, 'name')?.text === name)) return true;
    if (cls.type === 'object') return false;
    const base = this.baseClass(cls);
    return base ? (this.ownerOf(base) ?? this).hasSetter(base, name, depth + 1) : false;
  }

  /** `module.exports` of a CommonJS file (where `module` is not a variable of its own). */
  private isModuleExports(node: Node): boolean {
    return this.types.type(node) === 'member_expression' && this.nc.field(node, 'object')?.text === 'module' && this.nc.field(node, 'property')?.text === 'exports' && !this.env.has('module');
  }

  /** What the file has put in `module.exports` so far (`{}` as Node starts it, for `module.exports.f = …`). */
  private moduleExports(): JsVal {
    const v = this.env.get(MODULE_EXPORTS);
    if (v) return v;
    const fresh: JsVal = { t: 'obj', props: new Map() };
    this.env.set(MODULE_EXPORTS, fresh);
    return fresh;
  }

  /** A list or object replaced by a new value under every name that holds it. */
  private replaceEverywhere(old: JsVal, now: JsVal): void {
    for (const [k, v] of [...this.env]) if (v === old) this.env.set(k, now);
    for (const v of this.env.values()) {
      if (v.t === 'obj') for (const [k, p] of v.props) if (p.v === old) v.props.set(k, { v: now });
      if (v.t === 'arr') v.items.forEach((x, i) => {
        if (x === old) v.items[i] = now;
      });
    }
  }

  /** `xs.push(…)` and the other methods that change a list in place. */
  private listMutation(fnNode: Node, vals: JsVal[], open = false): JsVal | undefined {
    const method = this.nc.field(fnNode, 'property')?.text;
    if (!method || !LIST_MUTATORS.has(method)) return undefined;
    const objNode = this.nc.field(fnNode, 'object');
    const o = objNode ? this.eval(objNode) : undefined;
    if (o?.t !== 'arr') return undefined;
    // `new Array(5).fill(null)`: every item (no start/end arguments).
    const fill = method === 'fill' && vals.length === 1 ? o.items.map(() => vals[0]!) : undefined;
    // `shape.splice(i, 1)`, `pop()`, `shift()`, `reverse()` with known arguments: what JavaScript does.
    const int = (v: JsVal | undefined): number | undefined => (v?.t === 'num' && Number.isInteger(v.v) ? v.v : undefined);
    let removed: JsVal | undefined;
    let edited: JsVal[] | undefined;
    if (!open && method === 'splice' && vals.length >= 1 && int(vals[0]) !== undefined && (vals.length === 1 || int(vals[1]) !== undefined)) {
      const len = o.items.length;
      const s0 = int(vals[0])!;
      const start = s0 < 0 ? Math.max(len + s0, 0) : Math.min(s0, len);
      const count = vals.length === 1 ? len - start : Math.min(Math.max(int(vals[1])!, 0), len - start);
      edited = [...o.items];
      removed = { t: 'arr', items: edited.splice(start, count, ...vals.slice(2)) };
    } else if (!open && (method === 'pop' || method === 'shift') && vals.length === 0) {
      edited = [...o.items];
      removed = (method === 'pop' ? edited.pop() : edited.shift()) ?? { t: 'null' };
    } else if (!open && method === 'reverse' && vals.length === 0) edited = [...o.items].reverse();
    else if (!open && method === 'sort') {
      // JavaScript's default order compares the items as strings; a comparator's order is not
      // followed (the length stays, the items' places are unknown).
      const plain = vals.length === 0 && o.items.every((x) => x.t === 'str' || x.t === 'num');
      edited = plain
        ? [...o.items].sort((x, y) => {
          const a = x.t === 'str' ? x.v : String((x as { v: number }).v);
          const b = y.t === 'str' ? y.v : String((y as { v: number }).v);
          return a < b ? -1 : a > b ? 1 : 0;
        })
        : o.items.map(() => U(`an item of a list sorted by a comparator the analysis does not run`, '按分析不运行的比较函数排序的列表元素'));
    }
    const items = open ? undefined : method === 'push' ? [...o.items, ...vals] : method === 'unshift' ? [...vals, ...o.items] : (edited ?? fill);
    const now: JsVal = items ? { t: 'arr', items } : U(`${objNode?.text.slice(0, 40) ?? ''} is changed by .${method}()`, `${objNode?.text.slice(0, 40) ?? ''} 被 .${method}() 修改`);
    this.replaceEverywhere(o, now);
    if (fill || ((method === 'reverse' || method === 'sort') && edited)) return now;
    if (removed) return removed;
    return items ? { t: 'num', v: items.length } : U(`.${method}() is not followed`, `不分析 .${method}()`);
  }

  /**
   * A function made inside `maker`'s running call and returned by it (itself, or in a returned
   * object or array): it keeps the call's variables as they are now, for when it runs after the
   * call is over. (Objects and arrays made in the call are updated in place.)
   */
  private captureLocals(v: JsVal, maker: Node, frame: Frame, seen: Set<JsVal>, shared: { locals?: Frame } = {}): JsVal {
    if (seen.has(v) || seen.size > 1_000) return v;
    seen.add(v);
    if (v.t === 'fn') {
      if (v.node.startIndex < maker.startIndex || v.node.endIndex > maker.endIndex || v.node.id === maker.id || v.node.tree !== maker.tree) return v;
      // (Captured already at its return statement: the call's end, which restored its block's names, changes nothing.)
      if (v.captured && [...frame.keys()].every((k) => v.captured!.has(k))) return v;
      // One set of variables for every function the call returns: a change one makes (`inc() { units++ }`) the others see.
      shared.locals ??= new Map([...frame.keys()].map((k) => [k, { v: this.env.get(k), lazy: this.lazy.get(k) }]));
      // (Names of a deeper call it was returned through are nearer: they win.)
      return { ...v, captured: v.captured ? new Map([...shared.locals, ...v.captured]) : shared.locals };
    }
    // A class declared in the call (`return Net`): its instances' methods close over the call's variables.
    if (v.t === 'cls' && !v.captured && v.node.startIndex >= maker.startIndex && v.node.endIndex <= maker.endIndex && v.node.tree === maker.tree) {
      shared.locals ??= new Map([...frame.keys()].map((k) => [k, { v: this.env.get(k), lazy: this.lazy.get(k) }]));
      return { ...v, captured: shared.locals };
    }
    // An object literal with methods (`return { getModel() {…} }`): its methods close over the call's variables too.
    if (v.t === 'obj' && v.inst?.cls.type === 'object' && !v.inst.captured && v.inst.cls.startIndex >= maker.startIndex && v.inst.cls.endIndex <= maker.endIndex && v.inst.cls.tree === maker.tree) {
      shared.locals ??= new Map([...frame.keys()].map((k) => [k, { v: this.env.get(k), lazy: this.lazy.get(k) }]));
      v.inst.captured = shared.locals;
    }
    if (v.t === 'obj' && !v.inst) for (const [, p] of v.props) p.v = this.captureLocals(p.v, maker, frame, seen, shared);
    if (v.t === 'arr') v.items.forEach((x, i) => (v.items[i] = this.captureLocals(x, maker, frame, seen, shared)));
    return v;
  }

  /** Runs `call` with a returned function's captured variables in place of the names' current values (written back after). */
  private withCaptured<T>(captured: Frame, call: () => T): T {
    const outer = [...captured.keys()].map((k) => [k, this.env.get(k), this.lazy.get(k)] as const);
    for (const [k, { v, lazy }] of captured) {
      if (v === undefined) this.env.delete(k);
      else this.env.set(k, v);
      if (lazy === undefined) this.lazy.delete(k);
      else this.lazy.set(k, lazy);
    }
    try {
      return call();
    } finally {
      // (Called under a condition the analysis cannot decide: what it changed may or may not be so.)
      const undecided = this.env.journals.length > 0 || this.loopDepth > 0;
      for (const [k, v, lazy] of outer) {
        const now = { v: this.env.get(k), lazy: this.lazy.get(k) };
        const was = captured.get(k);
        const changed = now.v !== was?.v || now.lazy !== was?.lazy;
        if (changed) this.capturedWrites[this.capturedWrites.length - 1]?.push([captured, k, was]);
        captured.set(k, undecided && changed ? { v: U(`'${k}' is changed by a call the analysis cannot decide`, `'${k}' 被分析无法判断的调用修改`), lazy: undefined } : now);
        if (v === undefined) this.env.delete(k);
        else this.env.set(k, v);
        if (lazy === undefined) this.lazy.delete(k);
        else this.lazy.set(k, lazy);
      }
    }
  }

  /** A name declared inside a running function is local to it: its outer value is kept for the return. */
  private declareLocal(target: Node): void {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) return;
    const names = target.type === 'identifier' ? [target.text] : [...target.text.matchAll(/[A-Za-z_$][\w$]*/g)].map((m) => m[0]);
    for (const name of names) if (!frame.has(name)) frame.set(name, { v: this.env.get(name), lazy: this.lazy.get(name) });
  }

  /** Function bodies, if/else and loop bodies inside a statement: run their statements too (`called`: node is a function being called, its body runs as a call's). */
  private nestedBlocks(node: Node, called = false): void {
    const stack: Node[] = [];
    for (const c of this.nc.kids(node)) if (c) stack.push(c);
    stack.reverse();
    let guard = 0;
    while (stack.length > 0 && guard++ < 500_000) {
      const n = stack.pop()!;
      // A function made into a value runs where it is called, not also here.
      if (this.madeFunctions.has(n.id) && (FUNCTION_NODES.has(this.types.type(n)) || this.types.type(n) === 'method_definition')) continue;
      if (this.types.type(n) === 'statement_block' || this.types.type(n) === 'class_body') {
        if (this.depth > MAX_DEPTH) continue;
        // A callback the analysis runs once per item (unrolledForEach) is not a loop visited once.
        const loop = isLoopCallback(n) && !this.unrolledCallbacks.has(n.id);
        const changed = loop ? namesChangedIn(this.text.slice(n.startIndex, n.endIndex)) : undefined;
        if (changed) this.forgetPlain(changed);
        this.depth++;
        if (loop) this.loopDepth++;
        const regionBefore = this.region;
        if (loop) this.region = ++this.regionCount;
        const outer = this.types.type(n) === 'statement_block' ? this.blockScope(n) : undefined;
        // A function's body read in place (an object literal's method, a getter nobody reads): the
        // fields it sets on the program's instances are put back after, as for code read on its own.
        // (Not a callback or an IIFE, which run where they stand: a method, or a function held as a property.)
        const fnBody = n.parent !== null && !(called && n.parent.id === node.id) && (this.types.type(n.parent) === 'method_definition' || (FUNCTION_NODES.has(this.types.type(n.parent)) && n.parent.parent?.type === 'pair'));
        const writes: FieldWrite[] = [];
        if (fnBody) this.world.fieldWrites.push(writes);
        try {
          const body = (): void => {
            for (const s of this.nc.kids(n)) if (s) this.classOrStatement(s);
          };
          // (An object literal's method nobody calls: its writes to the program's variables are undone too.
          // When it runs is not known, so a variable it closes over that the code changes after the
          // literal, `let u = 3; … get model() {… u …}; u = 7`, has no one value in it.)
          if (fnBody && n.parent?.parent?.type === 'object') {
            const later = this.namesChangedAfter(n.parent);
            this.varsPutBack(() => {
              if (later.size > 0) this.forgetPlain(later, { en: 'changed after the function that reads it is defined, which runs at a time the analysis does not know', 'zh-cn': '在读取它的函数定义之后被修改，而该函数的运行时刻分析无法确定' });
              body();
            });
          } else body();
        } finally {
          if (fnBody) {
            this.world.fieldWrites.pop();
            putBack(writes);
          }
          this.depth--;
          if (loop) this.loopDepth--;
          this.region = regionBefore;
          if (outer) this.restoreScope(outer);
        }
        if (changed) this.forgetPlain(changed);
        continue;
      }
      if (isStatementType(this.types.type(n))) {
        if (this.depth > MAX_DEPTH) continue;
        this.depth++;
        try {
          this.statement(n);
        } finally {
          this.depth--;
        }
        continue;
      }
      const kids = this.nc.kids(n);
      for (let i = kids.length - 1; i >= 0; i--) {
        const k = kids[i];
        // Blocks need a '{': skip subtrees without one (layer configs are objects, so they stay;
        // numbers, strings and plain calls go) without creating their nodes.
        if (k && k.childCount > 0 && this.hasBrace(k)) stack.push(k);
      }
    }
  }

  /**
   * if/else and switch. A condition the analysis can evaluate (`modelType === 'cnn'` with
   * `modelType` known) runs the branch it selects. Otherwise every branch runs, each from the same
   * variables and layer-name counters, and nothing is concatenated: a model that gained layers in
   * the branches is unknown from there on, a value the branches set differently is unknown, and
   * where they made different numbers of a layer class, later default names of that class are not
   * known.
   */
  private branches(stmt: Node): void {
    // `if (require.main === module) { main(); }`: the file run as a script runs it, the file
    // imported (or built below, as a user's call) does not. Its models are shown, built on their
    // own (tfjs's default-name counters the program's again after it), and it decides nothing else.
    const cond = stmt.type === 'if_statement' ? this.nc.field(stmt, 'condition') : null;
    const guard = cond?.text.replace(/[\s()]/g, '');
    if (guard && /^(require\.main===?module|module===?require\.main)$/.test(guard) && !this.nc.field(stmt, 'alternative')) {
      const cons = this.nc.field(stmt, 'consequence');
      if (cons) this.onItsOwn(() => (cons.type === 'statement_block' ? this.runBody(cons) : this.statement(cons)));
      return;
    }
    const chosen = this.chosenArm(stmt);
    if (chosen !== undefined) {
      if (chosen === null) return;
      this.runArm(chosen);
      return;
    }
    const arms: (Node | Node[])[] = [];
    // What selects each arm, as a model made in it is labelled (`if (config.supervisedRL)`, `else`).
    const labels: string[] = [];
    const short = (t: string): string => (t.length > 40 ? `${t.slice(0, 39)}…` : t).replace(/\s+/g, ' ');
    const collect = (n: Node): void => {
      if (n.type === 'if_statement') {
        const cons = this.nc.field(n, 'consequence');
        const cond = this.nc.field(n, 'condition');
        if (cons) {
          arms.push(cons);
          labels.push(`if ${short((cond?.text ?? '…').replace(/^\((.*)\)$/s, '$1'))}`);
        }
        const alt = this.nc.field(n, 'alternative');
        const next = alt?.type === 'else_clause' ? alt.namedChild(0) : alt;
        if (next?.type === 'if_statement') collect(next);
        else if (next) {
          arms.push(next);
          labels.push('else');
        }
      } else if (n.type === 'switch_statement') {
        // Each case runs on into the next until one ends in break / return / throw.
        for (const run of this.switchRuns(n)) {
          arms.push(run);
          const value = this.nc.field(run[0]!, 'value');
          labels.push(value ? `case ${short(value.text)}` : 'default');
        }
      }
    };
    collect(stmt);
    // Without an else (a switch without default) the program may run none of the arms: that path
    // counts as a branch too (a name only an arm sets is unknown after it).
    const exhaustive = stmt.type === 'switch_statement' ? arms.some((a) => Array.isArray(a) && a[0]?.type === 'switch_default') : (() => {
      let n: Node | null = stmt;
      while (n?.type === 'if_statement') {
        const alt = this.nc.field(n, 'alternative');
        n = alt?.type === 'else_clause' ? alt.namedChild(0) : alt;
      }
      return n !== null;
    })();
    this.runArms(arms, exhaustive, labels);
  }

  /**
   * Runs each arm from the same variables and name counters; afterwards a name the arms left
   * alike keeps its value, one they set differently is unknown, and so on (see `branches`).
   * `exhaustive`: one of the arms always runs (else, default, a try or its catch).
   */
  /** An if's branch, a statement, or the cases a switch runs from the one it enters (through those that fall through). */
  private runArm(arm: Node | Node[]): void {
    for (const a of Array.isArray(arm) ? arm : [arm]) {
      if (isStatementType(a.type)) this.statement(a);
      else if (a.type === 'statement_block') this.runBody(a);
      // (An expression's arm: `?:`, `&&` / `||` under a condition the analysis cannot decide.)
      else if (EXPRESSION_ARM.has(a.parent?.type ?? '')) this.eval(a);
      else this.nestedBlocks(a);
    }
  }

  /**
   * A switch's cases as JavaScript runs them: entered at each case, on through the next ones until
   * a case that ends in break / return / throw / continue (or the last).
   */
  private switchRuns(stmt: Node): Node[][] {
    const body = this.nc.field(stmt, 'body');
    const cases = body ? this.nc.kids(body).filter((c) => c.type === 'switch_case' || c.type === 'switch_default') : [];
    const ends = (c: Node): boolean => {
      const stmts = this.nc.kids(c).filter((k) => isStatementType(k.type) || k.type === 'expression_statement' || k.type === 'statement_block');
      const last = stmts[stmts.length - 1];
      const lastInner = last?.type === 'statement_block' ? this.nc.kids(last).filter((k) => k.type !== 'comment').pop() : last;
      return lastInner !== undefined && /^(break|return|throw|continue)_statement$/.test(lastInner.type);
    };
    return cases.map((_, i) => {
      const run: Node[] = [];
      for (let j = i; j < cases.length; j++) {
        run.push(cases[j]!);
        if (ends(cases[j]!)) break;
      }
      return run;
    });
  }

  private runArms(arms: (Node | Node[])[], exhaustive: boolean, labels?: string[], afterPart?: Set<number>): void {
    const returnedBefore = this.returns.length > 0 && this.returns[this.returns.length - 1] !== undefined;
    const start = new Map(this.uid);
    const ends: Map<string, number>[] = [];
    // The names the branches change, with their values before the if (a journal, not a copy of
    // every variable: a file of many constants and many ifs stays linear).
    const journal: Journal = new Map();
    const envEnds: Map<string, JsVal | undefined>[] = [];
    const lengths = this.models.map((m) => m.layers.length);
    // What each arm returned (every arm runs from the function not having returned yet).
    const armReturns: JsVal[] = [];
    const top = this.returns.length - 1;
    this.env.journals.push(journal);
    // Where each arm's models start in the list (a model made in arm i has an id from armStart[i]).
    const armStart: number[] = [];
    try {
      for (const [a, arm] of arms.entries()) {
        armStart.push(this.models.length);
        this.uid.clear();
        for (const [k, v] of start) this.uid.set(k, v);
        // A catch runs after part of its try ran: the try's layers up to the throw took their names.
        if (afterPart?.has(a)) this.uidUnsure.add('*');
        // Each branch starts from the values before the if: one branch never sees another's.
        for (const [k, v] of journal) this.env.restore(k, v);
        this.inNewRegion(() => this.runArm(arm));
        if (!returnedBefore && top >= 0 && this.returns[top] !== undefined) {
          armReturns.push(this.returns[top]!);
          this.returns[top] = undefined;
        }
        ends.push(new Map(this.uid));
        envEnds.push(new Map([...journal.keys()].map((k) => [k, this.env.get(k)])));
      }
      if (!exhaustive) {
        ends.push(new Map(start));
        envEnds.push(new Map());
      }
    } finally {
      this.env.journals.pop();
    }
    // An arm returned (`if (flag) return x;`): the function returns that or what a later return
    // gives (merged when it ends), and whether the code after the if runs is not known.
    if (armReturns.length > 0) {
      // Every path returned: the code after the if never runs, its returns are not the function's.
      if (exhaustive && armReturns.length === arms.length) this.returns[top] = mergeReturns(armReturns);
      else this.earlyReturns[top]!.push(...armReturns);
      this.loopDepth++;
      this.region = ++this.regionCount;
      this.returnedInBranch[this.returnedInBranch.length - 1]! += 1;
    }
    // An enclosing if's journal learns what this one changed, with the values from before it.
    const outer = this.env.journals[this.env.journals.length - 1];
    if (outer) for (const [k, v] of journal) if (!outer.has(k)) outer.set(k, v);
    this.uid.clear();
    const kinds = new Set(ends.flatMap((e) => [...e.keys()]));
    for (const k of kinds) {
      const counts = ends.map((e) => e.get(k) ?? start.get(k) ?? 0);
      this.uid.set(k, Math.max(...counts));
      if (counts.some((c) => c !== counts[0])) this.uidUnsure.add(k);
    }
    for (const [k, v] of start) if (!this.uid.has(k)) this.uid.set(k, v);
    const why = { en: 'layers are added in branches of an if/switch whose condition the analysis does not know', 'zh-cn': '层在条件未知的 if/switch 分支中添加' };
    lengths.forEach((n, i) => {
      const m = this.models[i];
      if (m && m.layers.length > n && (m.uncertainFrom === undefined || m.uncertainFrom > n)) {
        m.uncertainFrom = n;
        m.uncertainWhy = why;
      }
    });
    // After the branches: a name every branch left alike keeps its value; one they set differently is unknown.
    const differ = { en: 'set differently in branches of an if/switch whose condition the analysis does not know', 'zh-cn': '在条件未知的 if/switch 各分支中取值不同' };
    for (const [k, before] of journal) {
      // A branch that ran before the name was first changed left it as it was.
      const vs = envEnds.length > 0 ? envEnds.map((e) => (e.has(k) ? e.get(k) : before)) : [before];
      const first = vs[0];
      if (vs.every((v) => v === first)) {
        this.env.restore(k, first);
        continue;
      }
      // `if (typeof module === 'object') { var tf = require('@tensorflow/tfjs') }`: where no branch
      // binds it, `tf` is the page's global tfjs, the same namespace.
      if (k === 'tf' && vs.every((v) => v === undefined || (v.t === 'tf' && v.path === 'tf'))) {
        this.env.set(k, { t: 'tf', path: 'tf' });
        continue;
      }
      // Not one branch's value: a model the branches chose differently is one of several (each is
      // listed on its own, and a layer added later makes each of them unknown from there on).
      if (vs.some((v) => v?.t === 'model')) {
        const ids = [...new Set(vs.flatMap((v) => (v?.t === 'model' ? [v.id] : [])))];
        this.env.set(k, { t: 'unknown', reason: differ, models: ids });
        // A model an arm made is that arm's when another arm leaves something else there (another
        // model, an unknown value): listed with what selects it, never as the one the name holds
        // after the if (`representationModel (if config.supervisedRL)`). A name only set when it
        // was empty (`if (!this.model) this.model = …`) keeps its model unlabelled.
        const rivals = vs.some((v) => v?.t === 'unknown') || ids.length > 1;
        for (const id of rivals ? ids : []) {
          let arm = -1;
          armStart.forEach((from, i) => {
            if (id >= from) arm = i;
          });
          const m = this.models[id];
          if (m && arm >= 0 && id >= armStart[0]!) m.variant ??= labels?.[arm] ?? `branch ${arm + 1} of ${arms.length}`;
        }
      }
      else if (vs.some((v) => v?.t === 'sym')) this.env.set(k, { t: 'sym', shape: null, reason: differ, producers: [...new Set(vs.flatMap((v) => (v?.t === 'sym' ? v.producers : [])))], ...(vs.some((v) => v?.t !== 'sym' || v.broken) ? { broken: differ } : {}) });
      else this.env.set(k, { t: 'unknown', reason: differ });
    }
  }

  /**
   * The branch a known condition selects: the arm's node, null when no arm runs, undefined when
   * the analysis cannot tell (then every branch is visited).
   */
  private chosenArm(stmt: Node): Node | Node[] | null | undefined {
    if (stmt.type === 'if_statement') {
      const cond = this.nc.field(stmt, 'condition');
      const v = cond ? this.eval(cond) : undefined;
      const truth = v ? truthiness(v) : undefined;
      if (truth === undefined) return undefined;
      if (truth) return this.nc.field(stmt, 'consequence') ?? null;
      const alt = this.nc.field(stmt, 'alternative');
      const next = alt?.type === 'else_clause' ? alt.namedChild(0) : alt;
      return next ?? null;
    }
    if (stmt.type === 'switch_statement') {
      const value = this.nc.field(stmt, 'value');
      const v = value ? this.eval(value) : undefined;
      if (!v || !isPlain(v)) return undefined;
      const body = this.nc.field(stmt, 'body');
      const cases = body ? this.nc.kids(body).filter((c) => c.type === 'switch_case' || c.type === 'switch_default') : [];
      let hit: Node | undefined;
      for (const c of cases) {
        if (c.type !== 'switch_case') continue;
        const cv = this.nc.field(c, 'value');
        const x = cv ? this.eval(cv) : undefined;
        if (!x || !isPlain(x)) return undefined;
        if (plainEqual(x, v)) {
          hit = c;
          break;
        }
      }
      hit ??= cases.find((c) => c.type === 'switch_default');
      if (!hit) return null;
      // From the case it enters, on through the cases it falls into.
      return this.switchRuns(stmt)[cases.indexOf(hit)] ?? null;
    }
    return undefined;
  }

  /** Binds the functions a block declares (and the classes the file constructs) before its statements run. */
  private hoist(block: Node): void {
    for (const stmt of this.nc.kids(block)) {
      if (!stmt) continue;
      const fn = this.functionDeclared(stmt);
      if (fn) {
        // (Only the name it declares: `const step = () => { out = … }` leaves `out` the caller's.)
        this.declareLocal(fn.nameNode);
        this.env.set(fn.name, { t: 'fn', node: fn.node, name: fn.name });
      }
      const cls = this.classDeclared(stmt);
      if (cls && this.calledFunctions.has(`new ${cls.name}`) && !this.env.has(cls.name)) this.env.set(cls.name, { t: 'cls', node: cls.node, name: cls.name });
    }
  }

  /** `function f(…) {…}`, `export function f`, `const f = (…) => {…}` at this statement. */
  private functionDeclared(stmt: Node): { name: string; node: Node; nameNode: Node } | undefined {
    let n: Node | null = stmt;
    if (this.types.type(n) === 'export_statement') n = this.nc.field(n, 'declaration') ?? this.nc.kids(n).find((c) => c.type === 'function_declaration' || c.type === 'function_expression' || c.type === 'arrow_function') ?? null;
    if (!n) return undefined;
    const type = this.types.type(n);
    if (type === 'function_declaration' || type === 'generator_function_declaration') {
      const name = this.nc.field(n, 'name');
      return name ? { name: name.text, node: n, nameNode: name } : undefined;
    }
    if ((type === 'lexical_declaration' || type === 'variable_declaration') && n.namedChildCount === 1) {
      const d = n.namedChild(0);
      const value = d ? this.nc.field(d, 'value') : null;
      const name = d ? this.nc.field(d, 'name') : null;
      if (name?.type === 'identifier' && (value?.type === 'arrow_function' || value?.type === 'function_expression' || value?.type === 'function')) return { name: name.text, node: value, nameNode: name };
    }
    return undefined;
  }

  /**
   * A class declared in a function's body that the body uses (`return Net`, `new Net(…)`): a value of
   * that call, made where it stands (its methods close over the call's variables).
   */
  private usedInItsBlock(stmt: Node, cls: { name: string; node: Node }): boolean {
    const block = stmt.parent;
    if (!block || block.type === 'program' || block.type === 'export_statement') return false;
    const rest = this.text.slice(block.startIndex, cls.node.startIndex) + this.text.slice(cls.node.endIndex, block.endIndex);
    return new RegExp(`(?<![\\w$.])${escapeRe(cls.name)}(?![\\w$])`).test(rest);
  }

  /** `class Agent {…}` / `export class Agent`. */
  private classDeclared(stmt: Node): { name: string; node: Node } | undefined {
    let n: Node | null = stmt;
    if (this.types.type(n) === 'export_statement') n = this.nc.field(n, 'declaration');
    // (TypeScript's `abstract class Model` is a class as well.)
    if (n?.type !== 'class_declaration' && n?.type !== 'abstract_class_declaration') return undefined;
    const name = this.nc.field(n, 'name')?.text;
    return name ? { name, node: n } : undefined;
  }

  /** Names of top-level functions that appear as a callee somewhere outside their own body (classes as `new Name`). */
  private functionsCalled(root: Node): Set<string> {
    // (Read in the code alone: `refused (x)` in a comment or a string calls nothing.)
    const code = codeOnly(root, this.text);
    const names: { name: string; start: number; end: number }[] = [];
    for (const stmt of this.nc.kids(root)) {
      const fn = stmt ? this.functionDeclared(stmt) : undefined;
      if (fn) names.push({ name: fn.name, start: fn.node.startIndex, end: fn.node.endIndex });
      const cls = stmt ? this.classDeclared(stmt) : undefined;
      if (cls && new RegExp(`\\bnew\\s+${cls.name}\\s*\\(`).test(code.slice(0, cls.node.startIndex) + code.slice(cls.node.endIndex))) names.push({ name: `new ${cls.name}`, start: -1, end: -1 });
    }
    // A class the file constructs runs its base class's constructor too (`super(v)`; inherited
    // methods): a base class of the file is constructed with it.
    const bases = new Map<string, string>();
    for (const stmt of this.nc.kids(root)) {
      const cls = stmt ? this.classDeclared(stmt) : undefined;
      const base = cls ? this.baseName(cls.node) : undefined;
      if (cls && base) bases.set(cls.name, base);
    }
    const declared = new Set([...this.nc.kids(root)].map((s) => (s ? this.classDeclared(s)?.name : undefined)).filter((n): n is string => n !== undefined));
    // (A subclass the file never constructs is read on its own after its base's constructor: the base is a class either way.)
    for (const base of bases.values()) if (declared.has(base) && !names.some((g) => g.name === `new ${base}`)) names.push({ name: `new ${base}`, start: -1, end: -1 });
    const called = new Set<string>();
    for (const f of names) {
      if (f.start < 0) {
        called.add(f.name);
        continue;
      }
      // Called, or handed to a callback-taking method (`sizes.forEach(addLayer)`, `.map(makeBlock)`).
      const re = new RegExp(`\\b${f.name.replace(/\$/g, '\\$')}\\s*\\(|\\.\\s*(?:forEach|map|reduce|filter|flatMap)\\s*\\(\\s*${f.name.replace(/\$/g, '\\$')}\\s*[,)]`, 'g');
      for (const m of code.matchAll(re)) {
        const at = m.index ?? 0;
        const before = code.slice(Math.max(0, at - 9), at);
        if ((at < f.start || at >= f.end) && !/function\s*$/.test(before)) {
          called.add(f.name);
          break;
        }
      }
    }
    return called;
  }

  /** `static createModel() {…}` of a class (or one it inherits from a base class of its file). */
  private staticMethod(cls: Node, name: string, depth = 0): Node | undefined {
    const body = this.nc.field(cls, 'body');
    const own = (body ? this.nc.kids(body) : []).find((m) => m.type === 'method_definition' && m.children.some((c) => c?.type === 'static') && this.nc.field(m, 'name')?.text === name);
    if (own || depth > 8) return own;
    const owner = this.ownerOf(cls);
    const base = owner?.baseClass(cls);
    return base ? owner!.staticMethod(base, name, depth + 1) : undefined;
  }

  /**
   * `Brain.createModel()`: a static method of a class of the program, run with the call's
   * arguments where the call is (its layers take tfjs's default names there; `this` is the class,
   * whose instance fields it has none of).
   */
  private staticMethodCall(node: Node, fnNode: Node): JsVal | undefined {
    if (fnNode.type !== 'member_expression') return undefined;
    const objNode = this.nc.field(fnNode, 'object');
    const name = this.nc.field(fnNode, 'property')?.text;
    if (!objNode || !name || (objNode.type !== 'identifier' && objNode.type !== 'member_expression' && objNode.type !== 'this')) return undefined;
    // `this.createCNN(…)` inside a static method: `this` is the class it was called on.
    const cls: JsVal = objNode.type === 'this' ? (this.staticThis && !this.currentThis ? { t: 'cls', node: this.staticThis.node, name: this.staticThis.name } : U('this', 'this')) : this.eval(objNode);
    if (cls.t !== 'cls') return undefined;
    const m = this.staticMethod(cls.node, name);
    const owner = m ? this.ownerOf(m) : undefined;
    if (!m || !owner) return undefined;
    // `B.mlp = function (n) {…}` after the class: the static is replaced, not followed.
    if (new RegExp(`\\b${escapeRe(cls.name)}\\s*\\.\\s*${escapeRe(name)}\\s*=(?!=)`).test(owner.text)) return U(`${cls.name}.${name} is replaced after the class, which the analysis does not follow`, `${cls.name}.${name} 在类之后被替换，分析不跟踪`);
    const { vals } = this.args(node);
    this.calledFunctionValues.add(m.id);
    owner.calledFunctionValues.add(m.id);
    const run = (): JsVal => {
      const prev = owner.currentThis;
      const prevStatic = owner.staticThis;
      owner.currentThis = undefined;
      owner.staticThis = { node: cls.node, name: cls.name };
      try {
        // (A class its factory returned: its static methods close over the factory's variables too.)
        const captured = cls.captured && owner === this ? cls.captured : undefined;
        return captured ? this.withCaptured(captured, () => owner.callFunction(m, vals)) : owner.callFunction(m, vals);
      } finally {
        owner.currentThis = prev;
        owner.staticThis = prevStatic;
      }
    };
    return this.invoking(node, () => (owner === this ? run() : this.across(owner, node, `${cls.name}.${name}`, run, m)));
  }

  private ownMethod(cls: Node, name: string): Node | undefined {
    // An object literal's methods (an instance of the literal, see `object` in eval).
    if (cls.type === 'object') return this.nc.kids(cls).find((m) => m.type === 'method_definition' && this.nc.field(m, 'name')?.text === name);
    const body = this.nc.field(cls, 'body');
    for (const m of body ? this.nc.kids(body) : []) {
      // (A static method is the class's, never an instance's: `this.mlp()` in a method is the instance one.)
      if (m.type === 'method_definition' && this.nc.field(m, 'name')?.text === name && !m.children.some((c) => c?.type === 'static')) return m;
      // `createModel = (sizes) => {…}`: a class field holding an arrow function is a method whose `this` is the instance.
      const fn = arrowField(m, this.nc);
      if (fn && fn.name === name) return fn.node;
    }
    return undefined;
  }

  /** A method of the class, or else the one it inherits from a base class of the file. */
  private methodOf(cls: Node, name: string, depth = 0): Node | undefined {
    const own = this.ownMethod(cls, name);
    if (own || depth > 8) return own;
    const base = this.baseClass(cls);
    return base ? this.methodOf(base, name, depth + 1) : undefined;
  }

  /** The class whose body holds this node (`super(…)` calls that class's base). */
  private enclosingClass(n: Node): Node | undefined {
    for (let p = n.parent; p; p = p.parent) if (p.type === 'class_declaration' || p.type === 'abstract_class_declaration' || p.type === 'class') return p;
    return undefined;
  }

  /** A method of a class of the file, run with `this` meaning that instance. */
  private runMethod(inst: Instance, name: string, args: JsVal[]): JsVal {
    const m = this.methodOf(inst.cls, name);
    if (!m) return { t: 'null' };
    inst.ran.add(name);
    this.calledFunctionValues.add(m.id);
    const prev = this.currentThis;
    this.currentThis = inst;
    try {
      if (name === 'constructor') this.parameterProperties(m, args);
      const captured = inst.captured;
      return captured ? this.withCaptured(captured, () => this.callFunction(m, args)) : this.callFunction(m, args);
    } finally {
      this.currentThis = prev;
    }
  }

  /**
   * TypeScript's parameter properties (`constructor(private readonly config: Config)`): each is a
   * field of the instance set to its argument (its default when none is given) before the body runs.
   */
  private parameterProperties(ctor: Node, args: JsVal[]): void {
    const params = this.nc.field(ctor, 'parameters');
    const list = params ? this.nc.kids(params).filter((n) => n.isNamed && n.type !== 'comment') : [];
    list.forEach((p, i) => {
      if (p.type !== 'required_parameter' && p.type !== 'optional_parameter') return;
      if (!p.children.some((c) => c?.type === 'accessibility_modifier' || c?.type === 'readonly' || c?.type === 'override_modifier')) return;
      const id = this.nc.field(p, 'pattern');
      if (id?.type !== 'identifier') return;
      const given = args === NO_CALLER ? undefined : args[i];
      const def = this.nc.field(p, 'value');
      const v = (given === undefined || given.t === 'null') && def ? this.eval(def) : (given ?? (args === NO_CALLER ? U(`'${id.text}' has no value here`, `'${id.text}' 在此没有值`) : { t: 'null' as const }));
      this.env.set(this.fieldKey(id.text), v);
    });
  }

  /**
   * Is `this.<prop>` the tfjs namespace whatever ran before? Only when the class and its bases
   * (this file's or another workspace file's) assign it somewhere, and every assignment they make
   * is surely tfjs (`this.tf = tf` of an import, `await import('@tensorflow/tfjs-node')`). A base
   * the analysis cannot read may assign anything: then no.
   */
  private fieldSurelyTf(cls: Node, prop: string, depth = 0): boolean {
    if (depth > 8) return false;
    let assigned = false;
    const walk = (n: Node): boolean => {
      const type = this.types.type(n);
      const left = type === 'assignment_expression' || type === 'augmented_assignment_expression' ? this.nc.field(n, 'left') : type === 'update_expression' ? this.nc.field(n, 'argument') : null;
      if (left?.type === 'member_expression' && this.nc.field(left, 'object')?.type === 'this' && this.nc.field(left, 'property')?.text === prop) {
        const right = type === 'assignment_expression' ? this.nc.field(n, 'right') : null;
        if (!right || !this.surelyTf(right, new Set())) return false;
        assigned = true;
      }
      // A class field `tf = tfjs`.
      if ((type === 'field_definition' || type === 'public_field_definition') && n.parent?.id === this.nc.field(cls, 'body')?.id && (this.nc.field(n, 'property') ?? this.nc.field(n, 'name'))?.text === prop) {
        const value = this.nc.field(n, 'value');
        if (!value || !this.surelyTf(value, new Set())) return false;
        assigned = true;
      }
      return this.nc.kids(n).every(walk);
    };
    const body = this.nc.field(cls, 'body');
    if (body && !walk(body)) return false;
    const b = this.baseExpr(cls);
    if (b) {
      const v = this.eval(b);
      const owner = v.t === 'cls' && v.node !== cls ? this.ownerOf(v.node) : undefined;
      if (v.t !== 'cls' || !owner) return false;
      return owner.fieldSurelyTf(v.node, prop, depth + 1) || (assigned && !owner.assignsField(v.node, prop));
    }
    return assigned;
  }

  /** Does the class body write `this.<prop>` at all? */
  private assignsField(cls: Node, prop: string): boolean {
    return new RegExp(`\\bthis\\.${prop.replace(/\$/g, '\\$')}\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|\\?\\?|&&|\\|\\|)?=(?!=)|\\bthis\\.${prop.replace(/\$/g, '\\$')}\\s*(?:\\+\\+|--)|(?:\\+\\+|--)\\s*this\\.${prop.replace(/\$/g, '\\$')}\\b`).test(cls.text) || this.baseExpr(cls) !== undefined;
  }

  /**
   * Is this expression surely the tfjs module? An identifier imported or required from
   * `@tensorflow/tfjs*`, a variable every assignment of which is, `require`/`import()` of such a
   * package name (`await` taken off); a parameter only when named `tf` (as builders' are read).
   */
  private surelyTf(e: Node, seen: Set<number>): boolean {
    const type = this.types.type(e);
    if (type === 'await_expression' || type === 'parenthesized_expression') {
      const inner = e.namedChild(0);
      return inner ? this.surelyTf(inner, seen) : false;
    }
    // `config.tf || require('@tensorflow/tfjs')`: a tfjs the caller may pass (named tf), else the package's.
    if (type === 'binary_expression') {
      const op = this.nc.field(e, 'operator')?.text;
      const l = this.nc.field(e, 'left');
      const r = this.nc.field(e, 'right');
      const named = l?.type === 'identifier' ? l.text : l?.type === 'member_expression' ? this.nc.field(l, 'property')?.text : undefined;
      return (op === '||' || op === '??') && named === 'tf' && !!r && this.surelyTf(r, seen);
    }
    if (type === 'call_expression') {
      const fn = this.nc.field(e, 'function');
      const arg = this.nc.field(e, 'arguments')?.namedChild(0);
      if (!fn || !arg || !(fn.type === 'import' || (fn.type === 'identifier' && fn.text === 'require'))) return false;
      return this.surelyString(arg, seen, (v) => /^@tensorflow\/tfjs(-node(-gpu)?)?$/.test(v));
    }
    if (type !== 'identifier') return false;
    return this.everyBinding(e, seen, (value) => this.surelyTf(value, seen), (param) => param.text === 'tf', (source) => /^@tensorflow\/tfjs(-node(-gpu)?)?$/.test(source));
  }

  private surelyString(e: Node, seen: Set<number>, ok: (v: string) => boolean): boolean {
    const type = this.types.type(e);
    if (type === 'string') return ok(this.nc.kids(e).map((c) => c.text).join(''));
    if (type !== 'identifier') return false;
    return this.everyBinding(e, seen, (value) => this.surelyString(value, seen, ok), () => false, () => false, false);
  }

  /**
   * Every value the identifier can hold, checked: its declaration's initializer and each plain
   * assignment to it in the declaration's scope; a parameter or an import by the given tests; a
   * name declared nowhere is the global `tf` only.
   */
  private everyBinding(id: Node, seen: Set<number>, value: (v: Node) => boolean, param: (p: Node) => boolean, imported: (source: string) => boolean, globalTf = true): boolean {
    const name = id.text;
    for (let scope: Node | null = id.parent; scope; scope = scope.parent) {
      const kids = this.nc.kids(scope);
      // Parameters of an enclosing function.
      const params = this.nc.field(scope, 'parameters');
      if (params && FUNCTION_LIKE.has(scope.type) && this.nc.kids(params).some((p) => (p.type === 'identifier' ? p : this.nc.field(p, 'pattern') ?? this.nc.field(p, 'left'))?.text === name)) return param(id);
      for (const k of kids) {
        if (k.type === 'import_statement') {
          const source = this.nc.field(k, 'source');
          const clause = this.nc.kids(k).find((c) => c.type === 'import_clause');
          const names = clause ? this.nc.kids(clause).flatMap((c) => (c.type === 'identifier' ? [c.text] : c.type === 'namespace_import' ? [c.namedChild(0)?.text ?? ''] : [])) : [];
          if (names.includes(name)) return source ? imported(this.nc.kids(source).map((c) => c.text).join('')) : false;
          if (clause && wordRe(name).test(clause.text)) return false;
        }
        if (k.type !== 'lexical_declaration' && k.type !== 'variable_declaration') continue;
        for (const d of this.nc.kids(k)) {
          if (d.type !== 'variable_declarator' || this.nc.field(d, 'name')?.text !== name) continue;
          if (seen.has(d.id)) return false;
          seen.add(d.id);
          const init = this.nc.field(d, 'value');
          if (init && !value(init)) return false;
          // Each later `name = …` in the scope (a nested function's own variable of that name counts too: no more than a miss).
          let fine = init !== null;
          const walk = (n: Node): boolean => {
            const t = this.types.type(n);
            if ((t === 'augmented_assignment_expression' || t === 'update_expression') && wordRe(name).test(n.text)) return false;
            if (t === 'assignment_expression') {
              const left = this.nc.field(n, 'left');
              const right = this.nc.field(n, 'right');
              if (left?.type === 'identifier' && left.text === name) {
                if (!right || !value(right)) return false;
                fine = true;
              } else if (left && left.type !== 'identifier' && left.type !== 'member_expression' && left.type !== 'subscript_expression' && wordRe(name).test(left.text)) return false;
            }
            return this.nc.kids(n).every(walk);
          };
          return walk(scope) && fine;
        }
      }
    }
    return globalTf && name === 'tf';
  }

  /** The variable holding field `prop` of the running instance (`this.model`). */
  private fieldKey(prop: string): string {
    return `${this.currentThis?.key ?? 'this'}.${prop}`;
  }

  /** `super(vals)` in class `cls`: its base's field initializers and constructor run on the same instance (the layers they make take tfjs's names even if the subclass then replaces their model). */
  private superCall(cls: Node, vals: JsVal[], node: Node): void {
    const superCls = this.baseClass(cls);
    if (!superCls || !this.currentThis) return;
    this.initBase(this.currentThis, superCls, vals, node);
  }

  /**
   * `super(v)` of a base class another workspace file defines: its field initializers and
   * constructor run there, on the same instance (its fields copied across both ways). True when run.
   */
  private foreignSuperCall(cls: Node, inst: Instance, vals: JsVal[], node: Node): boolean {
    const b = this.baseExpr(cls);
    const v = b ? this.eval(b) : undefined;
    if (v?.t !== 'cls') return false;
    const owner = this.ownerOf(v.node);
    if (!owner || owner === this || owner.isLayerClass(v.node) || owner.extendsSequential(v.node)) return false;
    // A base whose code calls a method the subclass defines (a template method) would run this file's
    // code with the instance's fields split between the files: not followed.
    const body = this.nc.field(cls, 'body');
    const own = (body ? this.nc.kids(body) : []).map((m) => (m.type === 'method_definition' ? this.nc.field(m, 'name')?.text : arrowField(m, this.nc)?.name)).filter((n): n is string => n !== undefined && n !== 'constructor');
    if (own.some((name) => new RegExp(`\\bthis\\s*\\.\\s*${escapeRe(name)}\\s*\\(`).test(v.node.text))) return false;
    const prefix = `${inst.key}.`;
    const copy = (from: TfAnalyzer, to: TfAnalyzer): void => {
      for (const [k, x] of from.env) if (k.startsWith(prefix)) to.env.set(k, x);
    };
    copy(this, owner);
    const r = this.across(owner, node, `super() of ${v.name}`, () => {
      owner.initBase(inst, v.node, vals, node);
      return { t: 'null' };
    });
    if (r.t === 'unknown') return false;
    copy(owner, this);
    return true;
  }

  /** A base class's field initializers and constructor (or, without one, its own base's) run on the instance. */
  private initBase(inst: Instance, superCls: Node, vals: JsVal[], node: Node): void {
    const initBase = (c: Node, depth: number): void => {
      const ctor = this.ownMethod(c, 'constructor');
      const b = depth < 8 ? this.baseClass(c) : undefined;
      if (ctor) {
        this.fieldInitializers(inst, c);
        const prev = this.currentThis;
        this.currentThis = inst;
        try {
          this.callFunction(ctor, vals);
        } finally {
          this.currentThis = prev;
        }
        return;
      }
      // No constructor of its own: it passes the arguments on to its base, then its fields.
      if (b) initBase(b, depth + 1);
      else if (this.extendsSequential(c)) inst.self = this.sequential(node, vals[0]);
      this.fieldInitializers(inst, c);
    };
    initBase(superCls, 0);
  }

  /** `new Agent(…)`: a new instance, its constructor run with the arguments. */
  /**
   * `new Bot(58, 5)` of a constructor function (`const Bot = function (n, k) { this.model = … }`):
   * its body runs with `this` a new instance, which the call gives (or the object it returns).
   * Methods set on `Bot.prototype` are not followed: a model it holds may get layers from them.
   */
  private constructFunction(fn: Node, name: string, node: Node): JsVal {
    const owner = this.ownerOf(fn);
    if (!owner) return U(`new ${name}() is not followed`, `不分析 new ${name}()`);
    const { vals } = this.args(node);
    this.calledFunctionValues.add(fn.id);
    owner.calledFunctionValues.add(fn.id);
    const run = (): JsVal => {
      const inst: Instance = { key: `this#${++owner.world.instanceSeq}`, cls: fn, ran: new Set() };
      const self: JsVal = { t: 'obj', props: new Map(), inst };
      inst.self = self;
      owner.instances.push(inst);
      const prev = owner.currentThis;
      owner.currentThis = inst;
      let r: JsVal;
      try {
        r = owner.callFunction(fn, vals);
      } finally {
        owner.currentThis = prev;
      }
      // Its body calling methods (`this.extend()`, set on the prototype) or another constructor on it
      // (`Base.call(this, n)`): what they add is not followed, from the first layer on.
      const body = owner.nc.field(fn, 'body');
      // (Its own statements: functions it makes, `this.learn = function () { this.memory.save(…) }`, run later if at all.)
      let bodyText = body ? owner.text.slice(body.startIndex, body.endIndex) : '';
      const nested: Node[] = [];
      const walk = (n: Node): void => {
        for (const c of owner.nc.kids(n)) {
          if (FUNCTION_NODES.has(c.type) || c.type === 'function_declaration' || c.type === 'class' || c.type === 'class_declaration') nested.push(c);
          else walk(c);
        }
      };
      if (body) walk(body);
      for (const n of nested.reverse()) bodyText = bodyText.slice(0, n.startIndex - body!.startIndex) + ' '.repeat(n.endIndex - n.startIndex) + bodyText.slice(n.endIndex - body!.startIndex);
      const calls = /\bthis\s*\.\s*[A-Za-z_$][\w$]*\s*\(|\.\s*(?:call|apply)\s*\(\s*this\b/.test(bodyText);
      if (calls || new RegExp(`\\b${escapeRe(name)}\\s*\\.\\s*prototype\\b`).test(owner.text)) {
        const why = calls
          ? { en: `${name}'s body calls methods or constructors on the instance that the analysis does not follow`, 'zh-cn': `${name} 的函数体在实例上调用了分析不跟踪的方法或构造函数` }
          : { en: `methods set on ${name}.prototype may add layers to it, which the analysis does not follow`, 'zh-cn': `${name}.prototype 上的方法可能向其添加层，分析不跟踪` };
        for (const [k, v] of owner.env) {
          const m = k.startsWith(`${inst.key}.`) && v.t === 'model' ? owner.models[v.id] : undefined;
          if (m && m.uncertainFrom === undefined && !m.functional) {
            m.uncertainFrom = calls ? 0 : m.layers.length;
            m.uncertainWhy = why;
          }
        }
      }
      return r.t === 'obj' || r.t === 'model' ? r : self;
    };
    return this.invoking(node, () => (owner === this ? run() : this.across(owner, node, name, run, fn)));
  }

  private construct(cls: Node, vals: JsVal[], captured?: Frame): JsVal {
    const inst: Instance = { key: `this#${++this.world.instanceSeq}`, cls, ran: new Set(), ...(captured ? { captured } : {}) };
    this.instances.push(inst);
    inst.self = { t: 'obj', props: new Map(), inst };
    // A subclass of another file's template base (see sequentialTemplate) with no constructor of its own.
    const tmpl = this.ownMethod(cls, 'constructor') ? undefined : this.sequentialTemplate(cls);
    if (tmpl) {
      this.runSequentialTemplate(inst, tmpl, vals, this.nc.field(cls, 'name') ?? cls);
      this.fieldInitializers(inst);
      return inst.self;
    }
    if (!this.ownMethod(cls, 'constructor') && this.baseClass(cls)) {
      // No constructor of its own: `super(...args)`, then its own fields.
      const prev = this.currentThis;
      this.currentThis = inst;
      try {
        this.superCall(cls, vals, cls);
      } finally {
        this.currentThis = prev;
      }
      this.fieldInitializers(inst);
      return inst.self;
    }
    this.fieldInitializers(inst);
    this.runMethod(inst, 'constructor', vals);
    return inst.self;
  }

  /**
   * A model an instance holds may get more layers from a method of its class the program never ran
   * on it (`initModel()` called from an event handler): from its last known layer on it is not known.
   */
  private unrunMethods(): void {
    for (const inst of this.instances) {
      const body = this.nc.field(inst.cls, 'body');
      const unrun = (body ? this.nc.kids(body) : []).filter((m) => (m.type === 'method_definition' && !inst.ran.has(this.nc.field(m, 'name')?.text ?? '')) || (arrowField(m, this.nc) !== undefined && !inst.ran.has(arrowField(m, this.nc)!.name)));
      const held: [string, JsVal][] = [...this.env].filter(([k]) => k.startsWith(`${inst.key}.`)).map(([k, v]) => [k.slice(inst.key.length + 1), v]);
      if (inst.self?.t === 'model') held.push(['', inst.self]);
      for (const [field, v] of held) {
        const m = v.t === 'model' ? this.models[v.id] : undefined;
        if (!m || m.uncertainFrom !== undefined) continue;
        const adds = new RegExp(`\\bthis${field ? `\\s*\\.\\s*${escapeRe(field)}` : ''}\\s*\\.\\s*add\\s*\\(`);
        const by = unrun.find((meth) => adds.test(meth.text));
        if (!by) continue;
        const name = this.nc.field(by, 'name')?.text ?? this.nc.field(by, 'property')?.text ?? '?';
        m.uncertainFrom = m.layers.length;
        m.uncertainWhy = { en: `${name}() adds layers to it, and the analysis does not see it called`, 'zh-cn': `${name}() 向其添加层，但分析未看到它被调用` };
      }
    }
  }

  /** `batchSize = 128;` in a class body: the instance's field before its constructor runs (functions held in fields are not followed). */
  private fieldInitializers(inst: Instance, cls: Node = inst.cls): void {
    const body = this.nc.field(cls, 'body');
    const prev = this.currentThis;
    this.currentThis = inst;
    try {
      for (const f of body ? this.nc.kids(body) : []) {
        if (f.type !== 'field_definition' && f.type !== 'public_field_definition') continue;
        if (f.children.some((c) => c?.type === 'static')) continue;
        const name = this.nc.field(f, 'property') ?? this.nc.field(f, 'name');
        const value = this.nc.field(f, 'value');
        if (name?.type !== 'property_identifier' || !value) continue;
        if (value.type === 'arrow_function' || value.type === 'function_expression' || value.type === 'function') continue;
        this.env.set(this.fieldKey(name.text), this.eval(value));
      }
    } finally {
      this.currentThis = prev;
    }
  }

  /**
   * A static field's value as its class body writes it (`static size = 8`, TypeScript's `public
   * static size: number = 8`), when the file never assigns `Class.size` (nor `this.size` in a
   * static method): undefined otherwise.
   */
  private staticField(cls: Node, prop: string): JsVal | undefined {
    const owner = this.ownerOf(cls);
    if (!owner) return undefined;
    const body = owner.nc.field(cls, 'body');
    const className = owner.nc.field(cls, 'name')?.text;
    for (const f of body ? owner.nc.kids(body) : []) {
      if (f.type !== 'field_definition' && f.type !== 'public_field_definition') continue;
      if (!f.children.some((c) => c?.type === 'static')) continue;
      const name = owner.nc.field(f, 'property') ?? owner.nc.field(f, 'name');
      const value = owner.nc.field(f, 'value');
      if (name?.text !== prop || !value || FUNCTION_NODES.has(value.type)) continue;
      const escaped = prop.replace(/[$]/g, '\\$');
      const written = new RegExp(`(?:\\b${className ?? '\\0'}|\\bthis)\\s*\\.\\s*${escaped}\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|\\?\\?|&&|\\|\\|)?=(?!=)|(?:\\+\\+|--)\\s*${className ?? '\\0'}\\s*\\.\\s*${escaped}\\b|\\b${className ?? '\\0'}\\s*\\.\\s*${escaped}\\s*(?:\\+\\+|--)`);
      if (!className || [...this.world.trees].some((tr) => written.test(tr.rootNode.text)) || written.test(owner.text)) return undefined;
      return owner.eval(value);
    }
    return undefined;
  }

  /** Runs a function of the file with these arguments; its value is what it returns first. */
  private callFunction(fn: Node, args: JsVal[]): JsVal {
    const variants = this.running.has(fn.id) ? undefined : this.variantsOf(fn, args);
    if (variants) return this.callVariants(fn, args, variants);
    return this.callFunctionOnce(fn, args);
  }

  /**
   * A builder that picks its architecture by a string parameter the analysis does not know
   * (`buildModel(modelType, …)` with `if (modelType === 'cnn')` or `case 'lstm':`, the type given
   * on the command line): one model per value the code compares it with, each as a run with that
   * value would build it.
   */
  private variantsOf(fn: Node, args: JsVal[]): { index: number; param: string; values: string[] } | undefined {
    const params = this.nc.field(fn, 'parameters') ?? this.nc.field(fn, 'parameter');
    if (!params) return undefined;
    const list = this.types.type(params) === 'identifier' ? [params] : this.nc.kids(params).filter((n) => n.type !== 'comment' && n.isNamed);
    const body = this.text.slice(fn.startIndex, fn.endIndex);
    if (!/\blayers\b|sequential|\bmodel\(/.test(body)) return undefined;
    for (const [index, p] of list.entries()) {
      const id = p.type === 'identifier' ? p : p.type === 'required_parameter' ? this.nc.field(p, 'pattern') : p.type === 'assignment_pattern' ? this.nc.field(p, 'left') : null;
      if (id?.type !== 'identifier') continue;
      const a = args[index];
      if (!(a === undefined ? args === NO_CALLER : a.t === 'unknown')) continue;
      const name = escapeRe(id.text);
      const values = new Set<string>();
      const cmp = new RegExp(`\\b${name}\\s*[!=]==?\\s*(['"])([^'"\\n]*)\\1|(['"])([^'"\\n]*)\\3\\s*[!=]==?\\s*${name}\\b`, 'g');
      for (const m of body.matchAll(cmp)) values.add(m[2] ?? m[4] ?? '');
      for (const sw of body.matchAll(new RegExp(`switch\\s*\\(\\s*${name}\\s*\\)\\s*\\{`, 'g'))) {
        let depth = 0;
        let end = (sw.index ?? 0) + sw[0].length - 1;
        for (; end < body.length; end++) {
          if (body[end] === '{') depth++;
          else if (body[end] === '}' && --depth === 0) break;
        }
        for (const m of body.slice(sw.index, end).matchAll(/\bcase\s*(['"])([^'"\n]*)\1\s*:/g)) values.add(m[2] ?? '');
      }
      if (values.size >= 2 && values.size <= MAX_VARIANTS) return { index, param: id.text, values: [...values] };
    }
    return undefined;
  }

  private callVariants(fn: Node, args: JsVal[], v: { index: number; param: string; values: string[] }): JsVal {
    const start = new Map(this.uid);
    const ends: Map<string, number>[] = [];
    const params = this.nc.field(fn, 'parameters');
    const count = Math.max(args.length, v.index + 1, params ? params.namedChildCount : 0);
    for (const value of v.values) {
      this.uid.clear();
      for (const [k, n] of start) this.uid.set(k, n);
      const a: JsVal[] = [];
      for (let i = 0; i < count; i++) a.push(i === v.index ? { t: 'str', v: value } : (args[i] ?? (args === NO_CALLER ? U(`'${this.paramText(fn, i)}' has no value here (its caller is not in this file)`, `'${this.paramText(fn, i)}' 在此处没有值（调用者不在本文件中）`) : { t: 'null' })));
      const before = this.models.length;
      this.callFunctionOnce(fn, a);
      for (const m of this.models.slice(before)) m.variant ??= `${v.param} = '${value}'`;
      ends.push(new Map(this.uid));
    }
    this.uid.clear();
    for (const k of new Set(ends.flatMap((e) => [...e.keys()]))) {
      const counts = ends.map((e) => e.get(k) ?? start.get(k) ?? 0);
      this.uid.set(k, Math.max(...counts));
      if (counts.some((c) => c !== counts[0])) this.uidUnsure.add(k);
    }
    // Which of them the program builds depends on the value: the call's result is none of them in particular.
    return U(`one of ${v.values.length} models, chosen by '${v.param}'`, `由 '${v.param}' 选择的 ${v.values.length} 个模型之一`);
  }

  private paramText(fn: Node, i: number): string {
    const params = this.nc.field(fn, 'parameters') ?? this.nc.field(fn, 'parameter');
    const list = params ? (this.types.type(params) === 'identifier' ? [params] : this.nc.kids(params).filter((n) => n.type !== 'comment' && n.isNamed)) : [];
    return list[i]?.text ?? '?';
  }

  private callFunctionOnce(fn: Node, args: JsVal[]): JsVal {
    this.ranFunctions.add(fn.id);
    if (this.running.has(fn.id) || this.returns.length > 32) {
      // A model handed to the call it does not follow may get more layers there: not complete.
      for (const a of args) {
        const m = a.t === 'model' ? this.models[a.id] : undefined;
        if (m && m.uncertainFrom === undefined) {
          m.uncertainFrom = m.layers.length;
          m.uncertainWhy = { en: 'a recursive builder the analysis does not follow may add layers to it', 'zh-cn': '分析不跟踪的递归构建函数可能向其添加层' };
        }
      }
      return U('a recursive builder is not followed', '不分析递归的构建函数');
    }
    const params = this.nc.field(fn, 'parameters') ?? this.nc.field(fn, 'parameter');
    const saved: Frame = new Map();
    const bindName = (name: string, v: JsVal): void => {
      // `function build(tf) {…}`: a parameter named like the namespace is the namespace.
      if (v.t === 'unknown' && (name === 'tf' || this.env.get(name)?.t === 'tf')) return;
      if (!saved.has(name)) saved.set(name, { v: this.env.get(name), lazy: this.lazy.get(name) });
      this.lazy.delete(name);
      this.env.set(name, v);
    };
    const bindParam = (target: Node, v: JsVal): void => {
      const t = this.types.type(target);
      if (t === 'required_parameter' || t === 'optional_parameter') {
        const pattern = this.nc.field(target, 'pattern');
        const value = this.nc.field(target, 'value');
        if (pattern) bindParam(pattern, v.t === 'null' && value ? this.eval(value) : v);
        return;
      }
      if (t === 'assignment_pattern') {
        const left = this.nc.field(target, 'left');
        const right = this.nc.field(target, 'right');
        // The default when the argument is undefined, or when no call gives it (a builder read on its
        // own); an argument the caller passes but the analysis does not know stays unknown.
        if (left) bindParam(left, (v.t === 'null' || (v.t === 'unknown' && args === NO_CALLER)) && right ? this.eval(right) : v);
        return;
      }
      if (t === 'identifier') {
        bindName(target.text, v);
        return;
      }
      if (t === 'array_pattern') {
        // `function block(x, [f1, f2, f3])`: items by position (undefined past the end; a rest element takes the others).
        let i = 0;
        for (const p of this.nc.kids(target)) {
          if (!p || !p.isNamed || this.types.type(p) === 'comment') continue;
          const item: JsVal = v.t === 'arr' ? (v.items[i] ?? { t: 'null' }) : v.t === 'unknown' ? v : U(`'${target.text.slice(0, 30)}' destructures something that is not a list`, `'${target.text.slice(0, 30)}' 解构的不是列表`);
          if (this.types.type(p) === 'rest_pattern') {
            const name = p.namedChild(0);
            if (name?.type === 'identifier') bindName(name.text, v.t === 'arr' ? { t: 'arr', items: v.items.slice(i) } : item);
            break;
          }
          bindParam(p, item);
          i++;
        }
        return;
      }
      if (t === 'object_pattern') {
        // `function f({units, activation = 'relu'})`: options destructured from an object argument.
        for (const p of this.nc.kids(target)) {
          if (!p) continue;
          const pt = this.types.type(p);
          if (pt === 'shorthand_property_identifier_pattern') bindName(p.text, propOf(v, p.text));
          else if (pt === 'pair_pattern') {
            const key = this.nc.field(p, 'key')?.text;
            const value = this.nc.field(p, 'value');
            if (key && value) bindParam(value, propOf(v, key));
          } else if (pt === 'object_assignment_pattern') {
            const left = this.nc.field(p, 'left');
            const right = this.nc.field(p, 'right');
            const got = left ? propOf(v, left.text) : U('?', '?');
            // (As for `units = 4` above: a property the caller gives but the analysis does not know stays unknown.)
            if (left) bindName(left.text, (got.t === 'null' || (got.t === 'unknown' && args === NO_CALLER)) && right ? this.eval(right) : got);
          }
        }
      }
    };
    const list = params ? (this.types.type(params) === 'identifier' ? [params] : this.nc.kids(params).filter((n): n is Node => n !== null && this.types.type(n) !== 'comment')) : [];
    list.forEach((p, i) => {
      // `function sequence(input, ...layers)`: the arguments from here on, as a list (unknown after a spread the analysis cannot expand).
      const rest = this.types.type(p) === 'rest_pattern' ? p : this.types.type(p) === 'required_parameter' && this.nc.field(p, 'pattern')?.type === 'rest_pattern' ? this.nc.field(p, 'pattern') : null;
      const restName = rest?.namedChild(0);
      if (rest && restName?.type === 'identifier') {
        const more = args === NO_CALLER ? undefined : args.slice(i);
        bindName(restName.text, more && args.length < MAX_SPREAD_ARGS ? { t: 'arr', items: more } : U(`'...${restName.text}' has no value here`, `'...${restName.text}' 在此处没有值`));
        return;
      }
      bindParam(p, args[i] ?? (args === NO_CALLER ? U(`'${p.text}' has no value here (its caller is not in this file)`, `'${p.text}' 在此处没有值（调用者不在本文件中）`) : { t: 'null' }));
    });
    this.running.add(fn.id);
    this.returns.push(undefined);
    this.earlyReturns.push([]);
    this.returnedInBranch.push(0);
    this.frames.push(saved);
    this.makers.push(fn);
    const regionBefore = this.region;
    let result: JsVal | undefined;
    try {
      const body = this.nc.field(fn, 'body');
      if (body && this.types.type(body) === 'statement_block') {
        this.hoist(body);
        if (!this.deferredAfterAwait(fn, body, saved)) this.nestedBlocks(fn, true);
        // (Paused at an await: what it resolves to comes from the rest of its body, run later.)
        else result = U('the value of an async function paused at an await', '在 await 处暂停的异步函数的值');
      }
      else if (body) result = this.eval(body);
    } finally {
      const r = this.returns.pop();
      const early = this.earlyReturns.pop() ?? [];
      this.loopDepth -= this.returnedInBranch.pop() ?? 0;
      this.region = regionBefore;
      // Returned early in an undecided if: one of the values it may return (falling off the end returns undefined).
      result ??= early.length > 0 ? mergeReturns([...early, r ?? { t: 'null' }]) : r;
      // Functions it made and returns keep its variables (`return { getModel }` closing over the factory's arguments).
      if (result && saved.size > 0) result = this.captureLocals(result, fn, saved, new Set());
      this.running.delete(fn.id);
      this.frames.pop();
      this.makers.pop();
      // Parameters and the names the body declared go back to what they were outside it.
      for (const [k, { v, lazy }] of saved) {
        if (v === undefined) this.env.delete(k);
        else this.env.set(k, v);
        if (lazy === undefined) this.lazy.delete(k);
        else this.lazy.set(k, lazy);
      }
    }
    return result ?? { t: 'null' };
  }

  /** Could evaluating this expression make layers or models (so it must not run twice)? Narrower than mayBuildModel: a parameter named `layers` is not tfjs. */
  private mayCreate(n: Node): boolean {
    const src = this.text.slice(n.startIndex, n.endIndex);
    if (/\btf\b|\.add\(|\.apply\(|sequential|\binput\(|\bmodel\(/.test(src)) return true;
    // Reading a model, layer or tensor makes nothing; calling the file's functions or tfjs may.
    for (const m of src.matchAll(/[A-Za-z_$][\w$]*/g)) {
      const v = this.env.get(m[0]);
      if (v && (v.t === 'tf' || v.t === 'fn' || v.t === 'cls' || v.t === 'ext' || v.t === 'extmod' || v.t === 'method' || (v.t === 'obj' && v.inst))) return true;
    }
    return false;
  }

  /** Could evaluating this expression create or change a model? (A text test: no nodes made.) */
  private mayBuildModel(n: Node): boolean {
    const src = this.text.slice(n.startIndex, Math.min(n.endIndex, n.startIndex + 20_000));
    if (/\btf\b|layers|sequential|\.add\(|\.apply\(|\binput\(|\bmodel\(/.test(src)) return true;
    // Aliases of models, layers and symbolic tensors (`const x = y`) must follow them.
    for (const m of src.matchAll(/[A-Za-z_$][\w$]*/g)) {
      const v = this.env.get(m[0]);
      if (v && (v.t === 'model' || v.t === 'layer' || v.t === 'sym' || v.t === 'tf' || v.t === 'fn' || v.t === 'cls' || v.t === 'ext' || v.t === 'extmod' || (v.t === 'obj' && v.inst))) return true;
    }
    return false;
  }

  private fromLazy(name: string): JsVal | undefined {
    const node = this.lazy.get(name);
    if (!node) return undefined;
    this.lazy.delete(name);
    const v = this.eval(node);
    // Not a write of the branch being run (an if's arm, a try block): every later path sees it.
    this.env.restore(name, v);
    return v;
  }

  private hasBrace(n: Node): boolean {
    // Positions of every '{', found once: indexOf from each node would rescan to the end of a
    // brace-free tail of the file for every node (quadratic on a 10 MB file).
    if (!this.braces) {
      const at: number[] = [];
      for (let i = this.text.indexOf('{'); i >= 0; i = this.text.indexOf('{', i + 1)) at.push(i);
      this.braces = at;
    }
    const b = this.braces;
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((b[mid] ?? 0) < n.startIndex) lo = mid + 1;
      else hi = mid;
    }
    const first = b[lo];
    return first !== undefined && first < n.endIndex;
  }

  private classOrStatement(s: Node): void {
    // (A method run where the program calls it, a static builder: not read here too.)
    if (this.types.type(s) === 'method_definition' && this.madeFunctions.has(s.id)) return;
    if (this.types.type(s) === 'method_definition' || this.types.type(s) === 'field_definition' || this.types.type(s) === 'public_field_definition') this.nestedBlocks(s);
    else this.statement(s);
  }

  private importStatement(stmt: Node): void {
    const sourceNode = this.nc.field(stmt, 'source');
    const source = sourceNode ? this.nc.kids(sourceNode).map((c) => c.text).join('') : '';
    const clause = this.nc.kids(stmt).find((c) => c?.type === 'import_clause');
    if (source === 'argparse') {
      // `import {ArgumentParser} from 'argparse'`, `import * as argparse from 'argparse'`.
      for (const c of clause?.namedChildren ?? []) {
        if (c?.type === 'namespace_import' || c?.type === 'identifier') {
          const id = this.types.type(c) === 'identifier' ? c : c.namedChild(0);
          if (id) this.env.set(id.text, { t: 'lib', path: 'argparse' });
        } else if (c?.type === 'named_imports') {
          for (const spec of this.nc.kids(c)) {
            const name = spec.type === 'import_specifier' ? this.nc.field(spec, 'name')?.text : undefined;
            if (name) this.env.set(this.nc.field(spec, 'alias')?.text ?? name, { t: 'lib', path: `argparse.${name}` });
          }
        }
      }
      return;
    }
    if (this.importsUsageFile(source)) {
      // A file that calls the analysed file's builders: their calls are what this run collects.
      for (const c of clause?.namedChildren ?? []) {
        if (c?.type === 'namespace_import' || c?.type === 'identifier') {
          const id = this.types.type(c) === 'identifier' ? c : c.namedChild(0);
          if (id) this.env.set(id.text, { t: 'extmod' });
        } else if (c?.type === 'named_imports') {
          for (const spec of this.nc.kids(c)) {
            const name = spec.type === 'import_specifier' ? this.nc.field(spec, 'name')?.text : undefined;
            if (name) this.env.set(this.nc.field(spec, 'alias')?.text ?? name, { t: 'ext', name });
          }
        }
      }
      return;
    }
    // A tfjs package, not a project folder that happens to be called tensorflow (`../common/tensorflow/keras.js`).
    if (!/@tensorflow\/tfjs/.test(source)) {
      const named = clause ? this.nc.kids(clause).find((c) => c.type === 'named_imports') : undefined;
      const names: [string, string][] = [];
      for (const spec of named ? this.nc.kids(named) : []) {
        const name = spec.type === 'import_specifier' ? this.nc.field(spec, 'name')?.text : undefined;
        if (name) names.push([name, this.nc.field(spec, 'alias')?.text ?? name]);
      }
      const ns = clause ? this.nc.kids(clause).find((c) => c.type === 'namespace_import')?.namedChild(0)?.text : undefined;
      const dflt = clause ? this.nc.kids(clause).find((c) => c.type === 'identifier')?.text : undefined;
      if (names.length > 0 || ns || dflt) this.importFromWorkspace(stmt, source, names, ns, dflt);
      return;
    }
    for (const c of clause?.namedChildren ?? []) {
      if (c?.type === 'namespace_import' || c?.type === 'identifier') {
        const id = this.types.type(c) === 'identifier' ? c : c.namedChild(0);
        if (id) this.env.set(id.text, { t: 'tf', path: 'tf' });
      } else if (c?.type === 'named_imports') {
        for (const spec of this.nc.kids(c)) {
          if (spec?.type !== 'import_specifier') continue;
          const name = this.nc.field(spec, 'name')?.text;
          const alias = this.nc.field(spec, 'alias')?.text ?? name;
          // `import {default as tf} from '@tensorflow/tfjs-node'` is the namespace.
          if (name && alias) this.env.set(alias, { t: 'tf', path: name === 'default' ? 'tf' : `tf.${name}` });
        }
      }
    }
  }

  private bind(target: Node, v: JsVal): void {
    const type = this.types.type(target);
    if (type === 'array_pattern') {
      // `const [fake, aux] = discriminator.apply(x)`: the items in order.
      // Positions are counted by commas: `[, second] = xs` skips a hole.
      let i = 0;
      for (const p of target.children) {
        if (p?.type === ',') i++;
        if (!p || p.type === 'comment' || !p.isNamed) continue;
        const item = v.t === 'arr' ? (v.items[i] ?? { t: 'null' as const }) : v.t === 'unknown' ? v : U('not a list', '不是列表');
        if (p.type === 'rest_pattern') {
          // `const [first, ...rest] = sizes`: the items after.
          const inner = p.namedChild(0);
          if (inner) this.bind(inner, v.t === 'arr' ? { t: 'arr', items: v.items.slice(i) } : v.t === 'unknown' ? v : U('not a list', '不是列表'));
          break;
        }
        if (p.type === 'assignment_pattern') {
          // `const [a = 4] = xs`: the default where the item is undefined.
          const left = this.nc.field(p, 'left');
          const right = this.nc.field(p, 'right');
          if (left) this.bind(left, item.t === 'null' && right ? this.eval(right) : item);
        } else if (p.type === 'identifier' || p.type === 'array_pattern' || p.type === 'object_pattern') this.bind(p, item);
      }
      return;
    }
    if (type === 'object_pattern') {
      // `const {layers, sequential} = require('@tensorflow/tfjs')`, `const {units} = options`.
      for (const p of this.nc.kids(target)) {
        if (p?.type === 'shorthand_property_identifier_pattern') this.env.set(p.text, propOf(v, p.text));
        else if (p?.type === 'pair_pattern') {
          const key = this.nc.field(p, 'key')?.text;
          const value = this.nc.field(p, 'value');
          if (!key || !value) continue;
          if (value.type === 'assignment_pattern') {
            // `const {units: n = 16} = cfg`.
            const left = this.nc.field(value, 'left');
            const right = this.nc.field(value, 'right');
            const got = propOf(v, key);
            if (left) this.bind(left, got.t === 'null' && right ? this.eval(right) : got);
          } else this.bind(value, propOf(v, key));
        } else if (p?.type === 'object_assignment_pattern') {
          // `const {units = 16} = cfg`: the default where the property is undefined.
          const left = this.nc.field(p, 'left');
          const right = this.nc.field(p, 'right');
          const got = left ? propOf(v, left.text) : U('?', '?');
          if (left) this.env.set(left.text, got.t === 'null' && right ? this.eval(right) : got);
        } else if (p?.type === 'rest_pattern') {
          // `const {units, ...rest} = cfg`: the other properties (not followed).
          const inner = p.namedChild(0);
          if (inner?.type === 'identifier') this.env.set(inner.text, U(`'${inner.text}' holds the remaining options, not followed`, `'${inner.text}' 为其余选项，不分析`));
        }
      }
      return;
    }
    if (type === 'member_expression' && this.nc.field(target, 'object')?.type === 'this') {
      // `this.policyNet = tf.sequential()`: a model held in a class field.
      const prop = this.nc.field(target, 'property')?.text;
      if (!prop) return;
      // `this.k = k` where the class has `set k(v)`: the setter runs, which the analysis does not follow.
      const self = this.currentThis;
      if (self && this.hasSetter(self.cls, prop)) {
        const why = U(`${prop} is set through a setter the analysis does not run`, `${prop} 通过分析不运行的 setter 设置`);
        for (const k of [...this.env.keys()]) if (k.startsWith(`${self.key}.`)) this.env.set(k, why);
        this.env.set(this.fieldKey(prop), why);
        return;
      }
      this.env.set(this.fieldKey(prop), v);
      if (v.t === 'model') {
        const m = this.models[v.id];
        // The variable a caller keeps it in names it better (`const policy = new Agent(…).policy`).
        if (m && m.name === '') {
          m.name = prop;
          m.nameNode = target;
          m.nameDepth = this.returns.length;
        }
      }
      return;
    }
    if (type !== 'identifier') return;
    // `const tf = ctx.tf` (the samples) must not hide the namespace behind an unknown value.
    if (v.t === 'unknown' && (target.text === 'tf' || this.env.get(target.text)?.t === 'tf')) return;
    this.env.set(target.text, v);
    if (v.t === 'model') {
      const m = this.models[v.id];
      if (m && (m.name === '' || this.returns.length < (m.nameDepth ?? 0))) {
        m.name = target.text;
        m.nameNode = target;
        m.nameDepth = this.returns.length;
      }
    }
  }

  // ---------------------------------------------------------------- expressions

  private eval(node: Node): JsVal {
    this.tick();
    if (this.depth > MAX_DEPTH) return U('the expression nests too deeply to follow', '表达式嵌套过深');
    this.depth++;
    try {
      return this.evalInner(node);
    } finally {
      this.depth--;
    }
  }

  private evalInner(node: Node): JsVal {
    switch (this.types.type(node)) {
      case 'number': {
        const v = Number(node.text.replace(/_/g, ''));
        return Number.isFinite(v) ? { t: 'num', v } : U('bad number', '无效数字');
      }
      case 'string':
        return { t: 'str', v: this.nc.kids(node).map((c) => (c?.type === 'escape_sequence' ? unescapeJs(c.text) : (c?.text ?? ''))).join('') };
      case 'true':
        return { t: 'bool', v: true };
      case 'false':
        return { t: 'bool', v: false };
      case 'null':
        return { t: 'null' };
      case 'undefined':
        return { t: 'null', undef: true };
      case 'this':
        return this.currentThis?.self ?? U('this is not known here', '此处不知道 this');
      case 'identifier': {
        const v = this.env.get(node.text) ?? this.fromLazy(node.text);
        if (v) return v;
        if (node.text === 'tf') return { t: 'tf', path: 'tf' };
        if (node.text === 'undefined') return { t: 'null', undef: true };
        const global = this.pageGlobal(node.text);
        if (global) return global;
        if (this.usage?.globals && (this.usage.names.has(node.text) || this.usage.names.has(`new ${node.text}`))) return { t: 'ext', name: node.text };
        return U(`'${node.text}' is not known here`, `此处不知道 '${node.text}' 的值`);
      }
      case 'await_expression':
        // An await inside a function the top-level statement does not await (`main();` of an
        // async main): the rest of that function runs after the file's remaining statements, so
        // tfjs's default names from here on are not known.
        if (this.returns.length > 0 && this.mayInterleave() && node.id !== this.pausesAt?.id && this.continuationMayMakeLayers(node)) {
          this.uidUnsure.add('*');
          // The rest of this function runs later than what the analysis runs next in place: layers
          // added to the models from here on may come in another order.
          const w = this.world;
          w.interleaveFrom ??= new Map();
          for (const m of w.models) if (!w.interleaveFrom.has(m)) w.interleaveFrom.set(m, m.layers.length);
        }
        return node.namedChild(0) ? this.eval(node.namedChild(0)!) : U('empty', '空');
      case 'parenthesized_expression':
      case 'as_expression':
      case 'non_null_expression':
      case 'satisfies_expression': {
        const inner = node.namedChild(0);
        return inner ? this.eval(inner) : U('empty', '空');
      }
      case 'class': {
        // `const C = class { build() {…} }`: a class value, as a declaration's name is.
        const named = this.nc.field(node, 'name')?.text;
        const holder = node.parent?.type === 'variable_declarator' ? this.nc.field(node.parent, 'name')?.text : undefined;
        // (Its methods run where an instance calls them, not also where it stands; one never called is read on its own at the end.)
        const body = this.nc.field(node, 'body');
        for (const m of body ? this.nc.kids(body) : []) if (m.type === 'method_definition') this.madeFunctions.set(m.id, m);
        return { t: 'cls', node, name: named ?? holder ?? 'class' };
      }
      case 'type_assertion': {
        // `<any>conf`: TypeScript's older assertion form, the type first, the value last.
        const inner = node.namedChild(node.namedChildCount - 1);
        return inner ? this.eval(inner) : U('empty', '空');
      }
      case 'array': {
        // `[...tokens, '[END]']`: a spread list's items in place; a spread of something not known
        // leaves the list (its length) unknown.
        // `[4, , 6]`: a hole (its length counts it, `for…of` gives undefined, `map` skips it): not followed.
        let prev = '';
        for (const c of node.children) {
          if (!c || c.type === 'comment') continue;
          if (c.type === ',' && (prev === '[' || prev === ',')) return U(`${node.text.slice(0, 40)}: a list with holes is not followed`, `${node.text.slice(0, 40)}：不跟踪有空位的列表`);
          prev = c.type;
        }
        const items: JsVal[] = [];
        for (const c of this.nc.kids(node)) {
          if (c === null || this.types.type(c) === 'comment') continue;
          if (this.types.type(c) !== 'spread_element') {
            items.push(this.eval(c));
            continue;
          }
          const inner = c.namedChild(0);
          const v = inner ? this.eval(inner) : U('?', '?');
          if (v.t !== 'arr') return U(`${c.text.slice(0, 40)}: what it spreads is not known`, `${c.text.slice(0, 40)}：展开的内容未知`);
          items.push(...v.items);
        }
        return { t: 'arr', items };
      }
      case 'object': {
        const props = new Map<string, { v: JsVal; node?: Node }>();
        // Closed: every property it has is written here (no spread of an object from elsewhere,
        // no computed key), so a property it lacks is undefined.
        let closed = true;
        for (const p of this.nc.kids(node)) {
          if (p && p.type !== 'pair' && p.type !== 'shorthand_property_identifier' && p.type !== 'spread_element' && p.type !== 'comment' && p.isNamed) closed = false;
          if (p?.type === 'pair' && this.nc.field(p, 'key')?.type === 'computed_property_name') closed = false;
          if (p?.type === 'pair') {
            const k = this.nc.field(p, 'key');
            const v = this.nc.field(p, 'value');
            const key = k?.type === 'string' ? this.nc.kids(k).map((c) => c?.text ?? '').join('') : k?.text;
            if (key !== undefined && v) props.set(key, { v: this.eval(v), node: v });
          } else if (p?.type === 'shorthand_property_identifier') props.set(p.text, { v: this.eval(p), node: p });
          else if (p?.type === 'spread_element') {
            // `{...base, units: 6}`: its properties, in order (later keys win). An object the
            // analysis does not know may set any option: the whole object is unknown.
            const inner = p.namedChild(0);
            const spread = inner ? this.eval(inner) : U('?', '?');
            if (spread.t === 'null') continue;
            if (spread.t === 'obj' && !spread.closed) closed = false;
            if (spread.t !== 'obj') return U(`{…${inner?.text.slice(0, 30) ?? ''}}: the spread object is not known`, `{…${inner?.text.slice(0, 30) ?? ''}}：展开的对象未知`);
            for (const [k, pv] of spread.props) {
              props.delete(k);
              props.set(k, pv);
            }
          }
        }
        // Methods whose `this` is the object (`const Net = { model: tf.sequential(), build() { this.model.add(…) } }`):
        // an instance of the literal, its properties its fields, so `Net.build()` runs with `this` meaning it.
        const methods = this.nc.kids(node).filter((p) => p.type === 'method_definition' && !isGetter(p) && !p.children.some((c) => c?.type === 'set'));
        if (methods.length > 0 && methods.some((m) => /\bthis\b/.test(m.text))) {
          const inst: Instance = { key: `this#${++this.world.instanceSeq}`, cls: node, ran: new Set() };
          const self: JsVal = { t: 'obj', props, closed, inst };
          inst.self = self;
          for (const [k, p] of props) this.env.set(`${inst.key}.${k}`, p.v);
          // (Its methods run where they are called, not also here; one never called is read on its own at the end.)
          for (const m of methods) this.madeFunctions.set(m.id, m);
          return self;
        }
        // Methods that do not use `this` (`return { getModel() {…} }`): functions the object holds,
        // closing over the call that made it as any function made there does.
        for (const m of methods) {
          const name = this.nc.field(m, 'name')?.text;
          if (!name || this.nc.field(m, 'name')?.type !== 'property_identifier' || props.has(name)) continue;
          this.madeFunctions.set(m.id, m);
          props.set(name, { v: { t: 'fn', node: m, name, closure: { self: this.currentThis, frame: this.frames[this.frames.length - 1] } }, node: m });
        }
        const accessors = new Set(this.nc.kids(node).filter((p) => p.type === 'method_definition' && (isGetter(p) || p.children.some((c) => c?.type === 'set'))).map((p) => this.nc.field(p, 'name')?.text ?? ''));
        return { t: 'obj', props, closed, ...(accessors.size > 0 ? { accessors, accessorsAt: node } : {}) };
      }
      case 'shorthand_property_identifier':
        return this.env.get(node.text) ?? this.fromLazy(node.text) ?? U(`'${node.text}' is not known here`, `此处不知道 '${node.text}' 的值`);
      case 'unary_expression': {
        const op = this.nc.field(node, 'operator')?.text;
        const arg = this.nc.field(node, 'argument');
        const v = arg ? this.eval(arg) : U('?', '?');
        if (v.t === 'num' && op === '-') return { t: 'num', v: -v.v };
        if (v.t === 'num' && op === '+') return v;
        // `+'7'`, `+true`, `~~x` (a truncation idiom): JavaScript's ToNumber / ToInt32.
        if (op === '+' && (v.t === 'str' || v.t === 'bool')) return { t: 'num', v: Number(v.v) };
        if (op === '~' && v.t === 'num') return { t: 'num', v: ~v.v };
        // `delete cfg.extra`, `delete ws[1]`: the object or list is changed in a way not followed.
        if (op === 'delete' && arg && (arg.type === 'member_expression' || arg.type === 'subscript_expression')) {
          const objNode = this.nc.field(arg, 'object');
          const o = objNode ? this.eval(objNode) : undefined;
          // `delete a.k` on an instance: the field is gone (reads give undefined, `this.k || 4` its default).
          const prop = arg.type === 'member_expression' ? this.nc.field(arg, 'property')?.text : undefined;
          if (o?.t === 'obj' && o.inst && prop) {
            this.setField(this.ownerOf(o.inst.cls), o, prop, { t: 'null' });
            return { t: 'bool', v: true };
          }
          if (o && (o.t === 'arr' || o.t === 'obj')) this.replaceEverywhere(o, U(`${objNode!.text.slice(0, 40)} is changed by delete, which the analysis does not follow`, `${objNode!.text.slice(0, 40)} 被 delete 修改，分析不跟踪`));
          return { t: 'bool', v: true };
        }
        if (op === '!') {
          const b = truthiness(v);
          if (b !== undefined) return { t: 'bool', v: !b };
        }
        // `typeof n == "object"` of a value the analysis knows (its null stands for undefined too: not decided).
        if (op === 'typeof') {
          const kind = v.t === 'num' ? 'number' : v.t === 'str' ? 'string' : v.t === 'bool' ? 'boolean' : v.t === 'arr' || v.t === 'obj' || v.t === 'model' || v.t === 'layer' || v.t === 'sym' ? 'object' : v.t === 'fn' || v.t === 'cls' ? 'function' : v.t === 'null' && v.undef ? 'undefined' : undefined;
          if (kind) return { t: 'str', v: kind };
        }
        return U(`unknown value of ${node.text.slice(0, 30)}`, `${node.text.slice(0, 30)} 的值未知`);
      }
      case 'binary_expression': {
        const l = this.nc.field(node, 'left');
        const r = this.nc.field(node, 'right');
        const op = this.nc.field(node, 'operator')?.text;
        const a = l ? this.eval(l) : U('?', '?');
        // `a && b` / `a || b` as JavaScript evaluates them (the value of one operand).
        if (op === '&&' || op === '||' || op === '??') {
          const ta = op === '??' ? (a.t === 'null' ? false : a.t === 'unknown' ? undefined : true) : truthiness(a);
          if (ta === undefined) {
            // `ready && net.widen()`: the right side may run or not, as an if without an else.
            if (r && mayHaveEffects(r.text)) this.runArms([r], false);
            return U(`unknown value of ${node.text.slice(0, 30)}`, `${node.text.slice(0, 30)} 的值未知`);
          }
          if ((op === '&&') !== ta) return a;
          return r ? this.eval(r) : U('?', '?');
        }
        const b = r ? this.eval(r) : U('?', '?');
        if (op === 'instanceof') {
          const is = this.instanceOf(a, b);
          return is === undefined ? U(`unknown value of ${node.text.slice(0, 30)}`, `${node.text.slice(0, 30)} 的值未知`) : { t: 'bool', v: is };
        }
        if (isPlain(a) && isPlain(b)) {
          switch (op) {
            case '===': return { t: 'bool', v: plainEqual(a, b) };
            case '!==': return { t: 'bool', v: !plainEqual(a, b) };
            case '==': return { t: 'bool', v: looseEqual(a, b) };
            case '!=': return { t: 'bool', v: !looseEqual(a, b) };
            default: break;
          }
        }
        if ((a.t === 'str' && (b.t === 'str' || b.t === 'num')) || (a.t === 'num' && b.t === 'str')) {
          if (op === '+') return { t: 'str', v: `${a.v}${b.v}` };
        }
        // An argument left out (`if (dropoutRate > 0)` of a builder called without it): undefined
        // compares false with any number, null as 0; the analysis holds both as null, so only a
        // comparison false for 0 too is sure.
        if (((a.t === 'null' && b.t === 'num') || (a.t === 'num' && b.t === 'null')) && op !== undefined && ['<', '>', '<=', '>='].includes(op)) {
          const x = a.t === 'num' ? a.v : 0;
          const y = b.t === 'num' ? b.v : 0;
          const asZero = op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
          if (!asZero) return { t: 'bool', v: false };
        }
        if (a.t === 'num' && b.t === 'num') {
          switch (op) {
            case '<': return { t: 'bool', v: a.v < b.v };
            case '>': return { t: 'bool', v: a.v > b.v };
            case '<=': return { t: 'bool', v: a.v <= b.v };
            case '>=': return { t: 'bool', v: a.v >= b.v };
            default: break;
          }
        }
        if (a.t === 'num' && b.t === 'num') {
          const r = op === undefined ? undefined : arithmetic(op, a, b);
          if (r) return r;
        }
        return U(`unknown value of ${node.text.slice(0, 30)}`, `${node.text.slice(0, 30)} 的值未知`);
      }
      case 'member_expression': {
        const obj = this.nc.field(node, 'object');
        const prop = this.nc.field(node, 'property')?.text;
        if (!obj || !prop) return U('?', '?');
        // `x as unknown as tf.layers.Layer` parses as `(x as unknown as tf.layers).Layer`: a cast to a
        // dotted type, not a property (written `(x as T).p`, the object would be parenthesized).
        if (obj.type === 'as_expression' || obj.type === 'satisfies_expression') return this.eval(obj);
        if (this.isModuleExports(node)) return this.moduleExports();
        if (obj.type === 'this') {
          const field = this.env.get(this.fieldKey(prop));
          if (field && field.t !== 'unknown') return field;
          const self = this.currentThis?.self;
          if (!field && self?.t === 'model') return { t: 'method', on: self, name: prop };
          // `this.tf.sequential()` in a method read before (or without) the one that sets the field,
          // or set to a value it cannot read that is surely tfjs (`config.tf || require('@tensorflow/tfjs')`).
          const cls = this.currentThis?.cls ?? this.enclosingClass(node);
          if (cls && this.fieldSurelyTf(cls, prop)) return { t: 'tf', path: 'tf' };
          return field ?? U(`this.${prop} is not known`, `this.${prop} 未知`);
        }
        const o = this.eval(obj);
        // `params?.units` with params undefined: undefined (the `?? 32` default then applies).
        if (o.t === 'null' && node.children.some((c) => c?.type === 'optional_chain')) return { t: 'null' };
        if (o.t === 'obj' && o.inst) {
          // `net.model`: a field of an instance the program constructed (its class may be another file's).
          const owner = this.ownerOf(o.inst.cls);
          if (!owner) return U(`${node.text.slice(0, 40)} is not known`, `${node.text.slice(0, 40)} 未知`);
          const field = owner.env.get(`${o.inst.key}.${prop}`) ?? o.props.get(prop)?.v;
          if (field) return field;
          const m = owner.methodOf(o.inst.cls, prop);
          // `data.steps` where the class has `get steps() { … }`: the getter runs.
          if (m && isGetter(m)) return this.across(owner, node, `.${prop}`, () => owner.runMethod(o.inst!, prop, []), m);
          if (m) return { t: 'method', on: o, name: prop };
        }
        if (o.t === 'tf') return { t: 'tf', path: `${o.path}.${prop}` };
        // `Game.action_space_size`: a static field of a class of the file, never assigned elsewhere.
        // `Net.prototype.getModel(8, 2)`: the class's methods on an object no constructor ran (its fields unset).
        if (o.t === 'cls' && prop === 'prototype' && this.owns(o.node)) return this.prototypeOf(o.node);
        if (o.t === 'cls') return this.staticField(o.node, prop) ?? U(`${node.text.slice(0, 40)} is not known`, `${node.text.slice(0, 40)} 未知`);
        if (o.t === 'obj') {
          // `n.model` where the literal has `get model() {…}`: the getter runs, which the analysis does not follow.
          if (o.accessors?.has(prop)) return U(`${node.text.slice(0, 40)} is read through a getter the analysis does not run`, `${node.text.slice(0, 40)} 通过分析不运行的 getter 读取`);
          const v = o.props.get(prop)?.v;
          // Another object's method kept here (`{build: net.build}`): called through this object, `this` would be this one.
          if (v?.t === 'method' && v.on !== o && v.on.t === 'obj' && v.on.inst) return U(`${node.text.slice(0, 40)}: a method of another object, whose this the analysis does not follow`, `${node.text.slice(0, 40)}：另一对象的方法，分析不跟踪其 this`);
          return v ?? (this.lacks(o, prop) ? { t: 'null', undef: true } : U(`no property ${prop}`, `没有属性 ${prop}`));
        }
        if (o.t === 'sym' && prop === 'shape') {
          // `x.shape[x.shape.length - 1]`: tfjs's shape of a symbolic tensor, the batch null.
          const shape = o.shape;
          if (!shape || shape.some((d, i) => d < 0 && i > 0)) return U(`${node.text.slice(0, 40)} is not known`, `${node.text.slice(0, 40)} 未知`);
          return { t: 'arr', items: shape.map((d) => (d < 0 ? { t: 'null' as const } : { t: 'num' as const, v: d })) };
        }
        // `encoder.inputs` / `.outputs` of a functional model: the symbolic tensors it was built on (a list, as tfjs gives them).
        if (o.t === 'model' && (prop === 'inputs' || prop === 'outputs') && !(node.parent?.type === 'call_expression' && this.nc.field(node.parent, 'function')?.id === node.id)) {
          const f = this.models[o.id]?.functional;
          const v = f ? (prop === 'inputs' ? f.inputs : f.outputs) : undefined;
          if (v && (v.t === 'sym' || (v.t === 'arr' && v.items.every((x) => x.t === 'sym')))) return v.t === 'arr' ? v : { t: 'arr', items: [v] };
          return U(`${node.text.slice(0, 40)} is not known`, `${node.text.slice(0, 40)} 未知`);
        }
        // `lastLayer.output`: the symbolic tensor of its one application (tfjs refuses it for a layer applied several times).
        if (o.t === 'layer' && prop === 'output' && !(node.parent?.type === 'call_expression' && this.nc.field(node.parent, 'function')?.id === node.id)) {
          const outs = this.layers[o.id]?.outputs ?? [];
          if (outs.length === 1) return outs[0]!;
          return U(`${node.text.slice(0, 40)}: the layer is applied ${outs.length === 0 ? 'nowhere the analysis saw' : 'more than once'}`, `${node.text.slice(0, 40)}：该层${outs.length === 0 ? '未见被调用' : '被调用多次'}`);
        }
        // `encoderLayer.units`: a size tfjs keeps as the layer's property, as its config gives it.
        if (o.t === 'layer' && LAYER_SIZE_PROPERTIES.has(prop) && !(node.parent?.type === 'call_expression' && this.nc.field(node.parent, 'function')?.id === node.id)) {
          const c = this.layers[o.id]?.config.get(prop);
          return typeof c === 'number' ? { t: 'num', v: c } : U(`${node.text.slice(0, 40)} is not known`, `${node.text.slice(0, 40)} 未知`);
        }
        if (o.t === 'layer' || o.t === 'model' || o.t === 'sym' || o.t === 'argparser' || (o.t === 'unknown' && o.models)) return { t: 'method', on: o, name: prop };
        if (o.t === 'lib') return { t: 'lib', path: `${o.path}.${prop}` };
        if (o.t === 'extmod') return { t: 'ext', name: prop };
        if ((o.t === 'arr' && prop === 'length')) return { t: 'num', v: o.items.length };
        if (o.t === 'str' && prop === 'length') return { t: 'num', v: o.v.length };
        if (o.t === 'str' && STRING_METHODS.has(prop)) return { t: 'method', on: o, name: prop };
        return U(`${node.text.slice(0, 40)} is not known`, `${node.text.slice(0, 40)} 未知`);
      }
      case 'subscript_expression': {
        const obj = this.nc.field(node, 'object');
        const idx = this.nc.field(node, 'index');
        const o = obj ? this.eval(obj) : U('?', '?');
        const i = idx ? this.eval(idx) : U('?', '?');
        if (o.t === 'arr' && i.t === 'num') return o.items[i.v] ?? U('index out of range', '下标越界');
        // `neurons[i]` with `for (i in neurons)`'s "0", "1"…: an array index written as a string.
        if (o.t === 'arr' && i.t === 'str' && /^(?:0|[1-9]\d*)$/.test(i.v)) return o.items[Number(i.v)] ?? U('index out of range', '下标越界');
        // (A number key is its text: `Size[2]`, an object's `{0: 'a'}`.)
        const key = i.t === 'str' ? i.v : i.t === 'num' ? String(i.v) : undefined;
        if (o.t === 'obj' && key !== undefined) return o.props.get(key)?.v ?? (this.lacks(o, key) ? { t: 'null', undef: true } : U(`no property ${key}`, `没有属性 ${key}`));
        // `tf.layers[kind](config)`: a member of the tfjs namespace by a name the analysis knows.
        if (o.t === 'tf' && i.t === 'str' && /^[A-Za-z_$][\w$]*$/.test(i.v)) return { t: 'tf', path: `${o.path}.${i.v}` };
        return U('subscript', '下标');
      }
      case 'arrow_function':
      case 'function_expression':
      case 'function':
        // `this.singlePredict = (s) => {…}`: a function value, callable while the call that made it runs
        // (its body is not also visited where it stands; one never called is read on its own at the end).
        this.madeFunctions.set(node.id, node);
        return { t: 'fn', node, name: 'anonymous', closure: { self: this.currentThis, frame: this.frames[this.frames.length - 1] } };
      case 'template_string': {
        // `fc${i}`: the text with its substitutions, when every one is a known number or string.
        let out = '';
        for (const c of node.children) {
          if (!c || c.type === '`') continue;
          if (c.type === 'template_substitution') {
            const inner = c.namedChild(0);
            const v = inner ? this.eval(inner) : U('?', '?');
            if (v.t !== 'str' && v.t !== 'num') return U(`unknown value of ${node.text.slice(0, 30)}`, `${node.text.slice(0, 30)} 的值未知`);
            out += String(v.v);
          } else out += c.type === 'escape_sequence' ? unescapeJs(c.text) : c.text;
        }
        return { t: 'str', v: out };
      }
      case 'ternary_expression': {
        // `i === 0 ? [timeSteps, vocab] : undefined`: the arm the condition selects, when it is decided.
        const cond = this.nc.field(node, 'condition');
        const c = cond ? truthiness(this.eval(cond)) : undefined;
        const arm = c === undefined ? undefined : this.nc.field(node, c ? 'consequence' : 'alternative');
        // Undecided, arms that change things (`Math.random() < p ? net.widen() : null`) run as an if / else's do.
        const arms = [this.nc.field(node, 'consequence'), this.nc.field(node, 'alternative')].filter((n): n is Node => !!n);
        if (c === undefined && arms.some((n) => mayHaveEffects(n.text))) this.runArms(arms, true);
        return arm ? this.eval(arm) : U(`unknown value of ${node.text.slice(0, 30)}`, `${node.text.slice(0, 30)} 的值未知`);
      }
      case 'assignment_expression': {
        // An assignment inside an expression (`var f = module.exports.f = function …`, `a = b = tf.sequential()`): it assigns, and is the value.
        const left = this.nc.field(node, 'left');
        const right = this.nc.field(node, 'right');
        if (!left || !right) return U('?', '?');
        const v = this.eval(right);
        this.assignTo(left, v);
        return v;
      }
      case 'sequence_expression': {
        // `(data.ready = true, mlp())`: each in order, the last is the value.
        let v: JsVal = U('?', '?');
        for (const part of this.nc.kids(node)) if (part && part.isNamed && part.type !== 'comment') v = this.eval(part);
        return v;
      }
      case 'augmented_assignment_expression': {
        // `units *= 2`, `n += 1`: the new value (unknown unless both sides are known numbers or strings).
        const left = this.nc.field(node, 'left');
        const right = this.nc.field(node, 'right');
        const op = this.nc.field(node, 'operator')?.text.slice(0, -1) ?? '';
        if (!left || !right) return U('?', '?');
        if (op === '||' || op === '&&' || op === '??') {
          // `a ||= f()`: the right side runs, and assigns, only when the left does not decide it.
          const now = this.eval(left);
          const keep = op === '??' ? (now.t === 'null' ? false : now.t === 'unknown' ? undefined : true) : op === '||' ? truthiness(now) : truthiness(now) === undefined ? undefined : !truthiness(now);
          if (keep === true) return now;
          if (keep === false) {
            const v = this.eval(right);
            this.assignTo(left, v);
            return v;
          }
          if (mayHaveEffects(right.text)) this.runArms([right], false);
          const v = U(`unknown value of ${node.text.slice(0, 30)}`, `${node.text.slice(0, 30)} 的值未知`);
          this.assignTo(left, v);
          return v;
        }
        const v = arithmetic(op, this.eval(left), this.eval(right)) ?? U(`unknown value of ${node.text.slice(0, 30)}`, `${node.text.slice(0, 30)} 的值未知`);
        this.assignTo(left, v);
        return v;
      }
      case 'update_expression': {
        const arg = this.nc.field(node, 'argument');
        if (!arg) return U('?', '?');
        const before = this.eval(arg);
        const after = arithmetic(node.text.includes('++') ? '+' : '-', before, { t: 'num', v: 1 }) ?? U(`unknown value of ${node.text.slice(0, 30)}`, `${node.text.slice(0, 30)} 的值未知`);
        this.assignTo(arg, after);
        return node.firstChild?.type === arg.type ? before : after;
      }
      case 'call_expression':
        return this.call(node);
      case 'new_expression': {
        const ctor = this.nc.field(node, 'constructor');
        const c = ctor ? this.eval(ctor) : undefined;
        if (c?.t === 'lib' && /^argparse(\.ArgumentParser)+$/.test(c.path)) return { t: 'argparser', options: new Map() };
        if (ctor?.type === 'identifier' && ctor.text === 'Array' && !this.env.has('Array')) return this.arrayConstructor(node);
        // `new tf.sequential()`: a factory called with `new` returns what it returns.
        if (c?.t === 'tf' && ctor && /^tf\.(sequential|model|input|layers\.[a-z]\w*)$/.test(c.path)) {
          const { vals, nodes } = this.args(node);
          return this.tfCall(c.path, node, ctor, vals, nodes);
        }
        // `new tf.Sequential(config)` (the class tf.sequential makes, as tfjs-layers exports it): the same model.
        if (c?.t === 'tf' && ctor && c.path === 'tf.Sequential') {
          const { vals, nodes } = this.args(node);
          return this.tfCall('tf.sequential', node, ctor, vals, nodes);
        }
        if (c?.t === 'fn' && !c.closure && this.types.type(c.node) !== 'arrow_function') return this.constructFunction(c.node, c.name, node);
        if (c?.t === 'ext') {
          // A class of the analysed file, built here: the arguments are collected for it.
          const { vals } = this.args(node);
          if (this.usage?.names.has(`new ${c.name}`) && (this.loopDepth === 0 || this.usage.inLoops)) this.usage.calls.set(`new ${c.name}`, [...(this.usage.calls.get(`new ${c.name}`) ?? []), vals.map(portable)]);
          return U(`${c.name} is analysed in its own file`, `${c.name} 在其所在文件中分析`);
        }
        if (c?.t !== 'cls') return U(`new ${ctor?.text ?? ''}() is not followed`, `不分析 new ${ctor?.text ?? ''}()`);
        const { vals } = this.args(node);
        const owner = this.ownerOf(c.node);
        if (owner !== this) {
          // A class of another workspace file: its constructor runs there.
          if (!owner) return U(`new ${c.name}() is not followed`, `不分析 new ${c.name}()`);
          // A custom tf.layers.Layer of another file: read there (its className, computeOutputShape, build).
          if (owner.isLayerClass(c.node)) return this.across(owner, node, c.name, () => owner.customLayer(c.name, node, vals[0], c.node, vals), c.node);
          if (owner.extendsSequential(c.node)) return U(`new ${c.name}(): a tf.Sequential subclass of another file is not followed`, `不分析 new ${c.name}()：另一文件中的 tf.Sequential 子类`);
          return this.across(owner, node, c.name, () => owner.construct(c.node, vals), c.node);
        }
        if (this.isLayerClass(c.node)) return this.customLayer(c.name, node, vals[0], c.node, vals);
        return this.construct(c.node, vals, c.captured);
      }
      default:
        return U(`'${node.text.slice(0, 40)}' is not followed`, `不分析 '${node.text.slice(0, 40)}'`);
    }
  }

  /**
   * `Object.assign(target, ...sources)`: the sources' properties copied onto the target, in place
   * (later code reading the target sees them: a shared options object changed by each call), and
   * the target returned. Inside branches or a loop visited once the change cannot be undone per
   * path: the properties written are unknown; sources it cannot list leave the target open.
   */
  private objectAssign({ vals, open }: { vals: JsVal[]; open?: boolean }, ontoThis = false): JsVal {
    const target = vals[0];
    const shared = this.env.journals.length > 0 || this.loopDepth > 0;
    // `Object.assign(this, options)` in a constructor: each option becomes a field (`this.nHidden`),
    // kept in the analyser of the file whose class it is — or, for a class read on its own (no
    // instance made), this analyser's `this.…` names. A source it cannot list may set any field:
    // those set before are unknown after it (one never set is unknown anyway).
    const inst = target?.t === 'obj' ? target.inst : undefined;
    if (inst || ontoThis) {
      const prefix = `${inst?.key ?? this.currentThis?.key ?? 'this'}.`;
      const env = inst ? (this.ownerOf(inst.cls) ?? this).env : this.env;
      for (const src of open ? [...vals.slice(1), U('?', '?')] : vals.slice(1)) {
        if (src.t === 'null') continue;
        if (src.t !== 'obj' || !src.closed || src.inst) {
          const why = U('a field Object.assign may have set from values the analysis cannot list', 'Object.assign 可能用无法列出的值设置的字段');
          for (const k of [...env.keys()]) if (k.startsWith(prefix)) env.set(k, why);
          continue;
        }
        for (const [k, p] of src.props) env.set(`${prefix}${k}`, shared ? U(`'${k}' is set by Object.assign where the analysis cannot follow it`, `'${k}' 在无法跟踪之处由 Object.assign 设置`) : p.v);
      }
      return target ?? U('this is not known here', '此处不知道 this');
    }
    if (target?.t !== 'obj' || target.inst) return U('Object.assign onto something the analysis does not follow', '分析不跟踪 Object.assign 的目标');
    for (const src of open ? [...vals.slice(1), U('?', '?')] : vals.slice(1)) {
      if (src.t === 'null') continue;
      if (src.t !== 'obj' || !src.closed || src.inst) {
        // A source it cannot list may set any key: the defaults before it are unknown after it
        // (`Object.assign({stateDim: 4}, config)` with the config not known).
        target.closed = false;
        const why = U(`a property Object.assign may have set from ${src.t === 'obj' && !src.inst ? 'an object' : 'values'} the analysis cannot list`, 'Object.assign 可能用无法列出的值设置的属性');
        for (const k of [...target.props.keys()]) if (!(src.t === 'obj' && !src.inst && src.props.has(k))) target.props.set(k, { v: why });
        if (src.t !== 'obj' || src.inst) continue;
      }
      for (const [k, p] of src.props) {
        target.props.delete(k);
        target.props.set(k, shared ? { v: U(`'${k}' is set by Object.assign where the analysis cannot follow it`, `'${k}' 在无法跟踪之处由 Object.assign 设置`) } : { v: p.v });
      }
    }
    return target;
  }

  /**
   * A property an object literal of the file does not have is undefined (`config = {}` then
   * `config.activation === 'relu'` is false) — unless the file may add it where the analysis does
   * not follow: an assignment to that property name anywhere, a computed-key assignment, or a
   * merge helper (`Object.assign`, `_.merge`, `defaults`).
   */
  private lacks(o: Extract<JsVal, { t: 'obj' }>, prop: string): boolean {
    if (!o.closed || o.inst || prop === '__proto__' || prop === 'constructor') return false;
    const p = escapeRe(prop);
    // (`this.temporal_window = …` in a constructor sets the instance's field, not a property of a plain literal.)
    const adds = new RegExp(`(?<!\\bthis\\s*)\\.\\s*${p}\\s*(?:[-+*/|&?]{0,2})=(?!=)|\\[\\s*['"\`]${p}['"\`]\\s*\\]\\s*=(?!=)|\\bObject\\s*\\.\\s*(?:defineProperty|defineProperties|setPrototypeOf)\\b|\\b(?:merge|mergeWith|defaults|defaultsDeep|extend|set)\\s*\\(|\\bfor\\s*\\([^)]*\\bin\\b`);
    // (Objects cross files: any file of the program may add it. Comments add nothing.)
    const may = (text: string): boolean => { const code = blankComments(text); return adds.test(code) || assignMayAdd(code, prop) || computedKeyWrites(text); };
    return ![...this.world.owners.values()].some((a) => may(a.text)) && !may(this.text);
  }

  /** `tf.sequential(…)`, `tf.layers.dense(…)`, `tf.input(…)`, `tf.model(…)` (also with `new`, which returns what the factory returns). */
  private tfCall(fnPath: string, node: Node, fnNode: Node, vals: JsVal[], nodes: Node[]): JsVal {
    const path = fnPath.replace(/^tf\./, '');
    if (path === 'sequential') return this.sequential(node, vals[0]);
    // `tf.tidy(() => head.apply(x))`: what the function returns (tidy frees only the tensors it does not return).
    if (path === 'tidy') {
      const f = nodes[nodes.length - 1];
      if (!f || !FUNCTION_NODES.has(this.types.type(f))) return U('tf.tidy() of a function the analysis does not see', 'tf.tidy() 的函数未知');
      // (Run here, so not visited again where it stands.)
      this.madeFunctions.set(f.id, f);
      this.calledFunctionValues.add(f.id);
      return this.callFunction(f, []);
    }
    // `tf.regularizers.l2()`, `tf.initializers.zeros()`, `tf.train.adam(…)`: an object (truthy), its contents not followed.
    if (/^(?:regularizers|initializers|constraints|train)\.[a-zA-Z]\w*$/.test(path)) return { t: 'obj', props: new Map() };
    // `tf.keep(model)`: the value itself (kept out of the enclosing tidy).
    if (path === 'keep') return vals[0] ?? U('tf.keep() of nothing', 'tf.keep() 没有参数');
    // `layers.input({shape})` (tf.layers.input) is tf.input.
    if (path === 'input' || path === 'layers.input') return this.input(vals[0], node);
    if (path.startsWith('layers.')) return this.newLayer(canonicalFactory(path.slice(7)), node, fnNode, vals[0], nodes[0]);
    if (path === 'model') return this.functionalModel(node, vals[0]);
    const made = dataTensor(path, vals);
    if (made) return made;
    return U(`tf.${path}() is not followed`, `不分析 tf.${path}()`);
  }

  /** A call's argument values (`open`: a spread the analysis cannot expand, after which none is known). */
  private args(node: Node): { vals: JsVal[]; nodes: Node[]; open?: boolean } {
    const argNode = this.nc.field(node, 'arguments');
    const given = (argNode ? this.nc.kids(argNode) : []).filter((c): c is Node => c !== null && this.types.type(c) !== 'comment');
    const vals: JsVal[] = [];
    const nodes: Node[] = [];
    for (const n of given) {
      if (this.types.type(n) !== 'spread_element') {
        vals.push(this.eval(n));
        nodes.push(n);
        continue;
      }
      // `f(...sizes)`: a known list's items in place; otherwise no argument from here on is known
      // (so a parameter after it does not take its default).
      const inner = n.namedChild(0);
      const v = inner ? this.eval(inner) : U('?', '?');
      if (v.t === 'arr') {
        for (const item of v.items) {
          vals.push(item);
          nodes.push(n);
        }
        continue;
      }
      const why = U(`${n.text.slice(0, 40)}: the arguments it spreads are not known`, `${n.text.slice(0, 40)}：展开的参数未知`);
      while (vals.length < MAX_SPREAD_ARGS) {
        vals.push(why);
        nodes.push(n);
      }
      return { vals, nodes, open: true };
    }
    return { vals, nodes };
  }

  /**
   * `loadModel(args).then((r) => r.model)`: an async function of the file resolves to what it
   * returns, and the callback gets that. Both run here in one go; when the file's later statements
   * or continuations still waiting may make layers first, tfjs's default names are not known.
   */
  /** Calls whose `.then` callback promiseThen runs after the whole call (see invoking). */
  private readonly thenResolved = new Set<number>();

  private promiseThen(node: Node, fnNode: Node): JsVal | undefined {
    if (fnNode.type !== 'member_expression' || this.nc.field(fnNode, 'property')?.text !== 'then') return undefined;
    const objNode = this.nc.field(fnNode, 'object');
    const callee = objNode?.type === 'call_expression' ? this.nc.field(objNode, 'function') : undefined;
    if (!objNode || callee?.type !== 'identifier') return undefined;
    const target = this.env.get(callee.text);
    if (target?.t !== 'fn' || !target.node.children.some((c) => c?.type === 'async')) return undefined;
    const argsNode = this.nc.field(node, 'arguments');
    const cbNode = argsNode?.namedChild(0);
    if (!cbNode || argsNode?.namedChildCount !== 1 || !FUNCTION_NODES.has(this.types.type(cbNode))) return undefined;
    const w = this.world;
    // An async function that never awaits runs to its end now, as a plain call: only the callback
    // waits (a microtask); one that awaits finishes after what the file does meanwhile.
    const awaits = /\bawait\b/.test(target.node.text);
    const meanwhile = (): boolean => {
      const main = w.mainTree ? w.owners.get(w.mainTree) : undefined;
      const later = !main || w.topEnd === undefined || main.codeMayMakeLayers(main.text.slice(w.topEnd));
      return later || (w.pending ?? []).some((p) => p.stmts.some((st) => p.analyser.codeMayMakeLayers(st.text)));
    };
    if (!w.topAwaits && (awaits || this.codeMayMakeLayers(cbNode.text)) && meanwhile()) this.uidUnsure.add('*');
    const awaited = w.topAwaits;
    if (awaits) w.topAwaits = true;
    this.thenResolved.add(objNode.id);
    try {
      const resolved = this.eval(objNode);
      const cb = this.eval(cbNode);
      if (cb.t !== 'fn') return U(`${node.text.slice(0, 40)} is not followed`, `不分析 ${node.text.slice(0, 40)}`);
      const prev = this.currentThis;
      this.currentThis = cb.closure?.self ?? prev;
      this.calledFunctionValues.add(cb.node.id);
      try {
        return this.callFunction(cb.node, [resolved]);
      } finally {
        this.currentThis = prev;
      }
    } finally {
      w.topAwaits = awaited;
    }
  }

  /** A function value run with these arguments (`bound` ones first), where its closure allows. */
  private runFunctionValue(fn: JsVal & { t: 'fn' }, given: JsVal[], node: Node, fnNode: Node): JsVal {
    const vals = fn.bound ? [...fn.bound, ...given] : given;
    const owner = this.ownerOf(fn.node);
    if (!owner) return U(`${fn.name}() is not followed`, `不分析 ${fn.name}()`);
    const closure = fn.closure;
    // A function its maker returned: run with the maker's variables as that call left them.
    const captured = fn.captured && owner === this ? fn.captured : undefined;
    if (closure) {
      // The variables it closes over are the ones of the call that made it: after that call returned they are gone here, unless it kept them.
      if (owner !== this || (closure.frame && !this.frames.includes(closure.frame) && !captured)) return U(`${fnNode.text.slice(0, 40)}: a function made in a call that has returned is not followed`, `${fnNode.text.slice(0, 40)}：不分析在已返回的调用中创建的函数`);
      const prev = this.currentThis;
      this.currentThis = closure.self;
      this.calledFunctionValues.add(fn.node.id);
      try {
        return this.invoking(node, () => (captured ? this.withCaptured(captured, () => this.callFunction(fn.node, vals)) : this.callFunction(fn.node, vals)));
      } finally {
        this.currentThis = prev;
      }
    }
    if (captured) return this.invoking(node, () => this.withCaptured(captured, () => this.callFunction(fn.node, vals)));
    return this.invoking(node, () => this.across(owner, node, fn.name, () => owner.callFunction(fn.node, vals), fn.node));
  }

  private readonly prototypes = new Map<number, JsVal>();

  /** A class's prototype: an instance-like object whose methods run with `this` meaning it, no field set. */
  private prototypeOf(cls: Node): JsVal {
    let p = this.prototypes.get(cls.id);
    if (!p) {
      const inst: Instance = { key: `proto#${++this.world.instanceSeq}`, cls, ran: new Set() };
      p = { t: 'obj', props: new Map(), inst };
      inst.self = p;
      this.prototypes.set(cls.id, p);
    }
    return p;
  }

  /** `new Array(n)` / `Array(n)`: n empty slots (a list to fill, or forEach over). */
  private arrayConstructor(node: Node): JsVal {
    const { vals } = this.args(node);
    const n = vals.length === 1 ? vals[0] : undefined;
    if (n?.t === 'num' && Number.isInteger(n.v) && n.v >= 0 && n.v <= MAX_UNROLL) return { t: 'arr', items: Array.from({ length: n.v }, () => ({ t: 'null' as const })) };
    return U(`${node.text.slice(0, 30)} is not followed`, `不分析 ${node.text.slice(0, 30)}`);
  }

  private call(node: Node): JsVal {
    const fnNode = this.nc.field(node, 'function');
    if (!fnNode) return U('?', '?');
    if (fnNode.type === 'identifier' && fnNode.text === 'Array' && !this.env.has('Array')) return this.arrayConstructor(node);
    // CommonJS: `const tf = require('@tensorflow/tfjs-node')`.
    if (fnNode.type === 'identifier' && fnNode.text === 'require' && !this.env.has('require')) {
      const { vals } = this.args(node);
      const what = vals[0];
      if (what?.t === 'str' && what.v === 'argparse') return { t: 'lib', path: 'argparse' };
      if (what?.t === 'str' && this.importsUsageFile(what.v)) return { t: 'extmod' };
      // `const {TAGS} = require('./util')`: the plain top-level values of a workspace file.
      if (what?.t === 'str' && what.v.startsWith('.')) return this.importFromWorkspace(node, what.v, []) ?? U(`require(${what.v}): the file is not read`, `require(${what.v})：未读取该文件`);
      return what?.t === 'str' && /@tensorflow\/tfjs/.test(what.v) ? { t: 'tf', path: 'tf' } : U(`require(${what?.t === 'str' ? what.v : '…'})`, `require(${what?.t === 'str' ? what.v : '…'})`);
    }
    // `super(v)` in a subclass of a class of the file: the base's field initializers and constructor
    // run on the same instance (the layers it makes take tfjs's names even if the subclass then
    // replaces the model they are in).
    const superOf = fnNode.type === 'super' && this.currentThis ? this.enclosingClass(fnNode) : undefined;
    // (`super(…)`'s arguments are evaluated once, as JavaScript does: `super({layers: [tf.layers.dense(…)]})` makes its layers once.)
    const superArgs = fnNode.type === 'super' ? this.args(node) : undefined;
    if (superOf && this.baseClass(superOf)) {
      this.superCall(superOf, superArgs!.vals, node);
      return { t: 'null' };
    }
    // `super(c)` of another file's template base (see sequentialTemplate): the model, then this file's methods.
    const tmpl = superOf && this.currentThis ? this.sequentialTemplate(superOf) : undefined;
    if (tmpl) return this.runSequentialTemplate(this.currentThis!, tmpl, superArgs!.vals, node), { t: 'null' };
    // A base class of another workspace file the analysis has: its constructor runs there.
    if (superOf && this.currentThis && this.foreignSuperCall(superOf, this.currentThis, superArgs!.vals, node)) return { t: 'null' };
    // A base class another workspace file defines that the analysis does not have: its constructor
    // may make layers it does not see, so tfjs's default-name counters are not known after it.
    const sub = fnNode.type === 'super' ? this.enclosingClass(fnNode) : undefined;
    const base = sub ? this.baseName(sub) : undefined;
    if (sub && base && new RegExp(`\\b${escapeRe(base)}\\b[^;\\n]*(?:from\\s*|require\\s*\\(\\s*)['"]\\.`).test(this.text) && this.foreignBaseMayMakeLayers(sub)) this.uidUnsure.add('*');
    // `super()` in a subclass of tf.Sequential: `this` is the model the constructor builds.
    if (fnNode.type === 'super' && this.currentThis && this.extendsSequential(this.currentThis.cls)) {
      const model = this.sequential(node, superArgs!.vals[0]);
      this.currentThis.self = model;
      return model;
    }
    // `this.addWeight(name, shape, …)` in a custom layer's build: the weight's size.
    if (this.weightsAdded && fnNode.type === 'member_expression' && this.nc.field(fnNode, 'object')?.type === 'this' && this.nc.field(fnNode, 'property')?.text === 'addWeight') {
      const shape = this.args(node).vals[1];
      const dims = knownDims(shape) ?? null;
      this.weightsAdded.push(dims ? dims.reduce((a, d) => a * d, 1) : null);
      return U('a weight', '权重');
    }
    // `this.createPolicyNetwork(sizes)` inside a class of the file: its method, with the arguments.
    if (fnNode.type === 'member_expression' && this.nc.field(fnNode, 'object')?.type === 'this' && this.currentThis) {
      const name = this.nc.field(fnNode, 'property')?.text;
      if (name && this.methodOf(this.currentThis.cls, name)) {
        const { vals } = this.args(node);
        const inst = this.currentThis;
        return this.invoking(node, () => this.runMethod(inst, name, vals));
      }
    }
    // A method of the class read without an instance (a class the file never constructs): not run
    // here, so a model it is handed may get layers the analysis does not see from there on
    // (`this.makeHiddenLayer(model, …)` adding a forEach's layers).
    if (fnNode.type === 'member_expression' && this.nc.field(fnNode, 'object')?.type === 'this' && !this.currentThis && this.staticThis) {
      const staticCall = this.staticMethodCall(node, fnNode);
      if (staticCall) return staticCall;
    }
    if (fnNode.type === 'member_expression' && this.nc.field(fnNode, 'object')?.type === 'this' && !this.currentThis) {
      const name = this.nc.field(fnNode, 'property')?.text;
      const cls = this.enclosingClass(fnNode);
      if (name && cls && this.methodOf(cls, name)) {
        const { vals } = this.args(node);
        const why = { en: `this.${name}() may add layers, and the analysis does not run it on a class the file never constructs`, 'zh-cn': `this.${name}() 可能添加层，而分析不在文件从未构造的类上运行它` };
        for (const v of vals) {
          for (const id of v.t === 'model' ? [v.id] : v.t === 'unknown' ? (v.models ?? []) : []) {
            const m = this.models[id];
            if (m && m.uncertainFrom === undefined) {
              m.uncertainFrom = m.layers.length;
              m.uncertainWhy = why;
            }
          }
        }
        return { t: 'unknown', reason: why };
      }
    }
    // `Object.defineProperty(a, 'k', {get() {…}})` on an instance: a getter or value the analysis does not follow.
    if (fnNode.type === 'member_expression' && /^Object\.(?:defineProperty|defineProperties|setPrototypeOf)$/.test(fnNode.text) && !this.env.has('Object')) {
      const { vals } = this.args(node);
      const o = vals[0];
      if (o?.t === 'obj' && o.inst) {
        const owner = this.ownerOf(o.inst.cls);
        const key = vals[1]?.t === 'str' && fnNode.text.endsWith('defineProperty') ? vals[1].v : undefined;
        const why = U(`${node.text.slice(0, 40)} is not followed`, `不分析 ${node.text.slice(0, 40)}`);
        if (owner && key !== undefined) this.setField(owner, o, key, why);
        else if (owner) for (const k of [...owner.env.keys()]) if (k.startsWith(`${o.inst.key}.`)) this.setField(owner, o, k.slice(o.inst.key.length + 1), why);
      } else if (o?.t === 'obj') {
        // A plain object: that property (or, for several, every one) is not known from here on.
        const key = vals[1]?.t === 'str' && fnNode.text.endsWith('defineProperty') ? vals[1].v : undefined;
        const why = U(`${node.text.slice(0, 40)} is not followed`, `不分析 ${node.text.slice(0, 40)}`);
        if (key !== undefined) o.props.set(key, { v: why });
        else {
          for (const k of [...o.props.keys()]) o.props.set(k, { v: why });
          o.closed = false;
        }
      }
      return o ?? U('Object.defineProperty', 'Object.defineProperty');
    }
    if (fnNode.type === 'member_expression' && fnNode.text === 'Object.assign' && !this.env.has('Object')) {
      const first = this.nc.field(node, 'arguments')?.namedChild(0);
      return this.objectAssign(this.args(node), first?.type === 'this');
    }
    const builtin = fnNode.type === 'member_expression' ? BUILTINS[fnNode.text] : undefined;
    if (builtin && !this.env.has(fnNode.text.split('.')[0]!)) return builtin(this.args(node).vals);
    const global = fnNode.type === 'identifier' && Object.hasOwn(GLOBAL_FUNCTIONS, fnNode.text) && !this.env.has(fnNode.text) && !this.lazy.has(fnNode.text) ? GLOBAL_FUNCTIONS[fnNode.text] : undefined;
    if (global) {
      const { vals, open } = this.args(node);
      if (!open) return global(vals);
    }
    if (fnNode.type === 'member_expression' && this.nc.field(fnNode, 'property')?.text === 'slice') {
      // `shape.slice(1)`: a new list (a string's slice is not followed).
      const objNode = this.nc.field(fnNode, 'object');
      const o = objNode && !this.mayCreate(objNode) ? this.eval(objNode) : undefined;
      if (o?.t === 'arr') {
        const { vals } = this.args(node);
        const a = vals[0] ?? { t: 'num', v: 0 };
        const b = vals[1] ?? { t: 'num', v: o.items.length };
        if (a.t === 'num' && b.t === 'num' && Number.isInteger(a.v) && Number.isInteger(b.v)) return { t: 'arr', items: o.items.slice(a.v, b.v) };
        return U(`${node.text.slice(0, 40)} is not known`, `${node.text.slice(0, 40)} 未知`);
      }
    }
    if (fnNode.type === 'member_expression' && ['entries', 'keys', 'values'].includes(this.nc.field(fnNode, 'property')?.text ?? '') && this.nc.field(node, 'arguments')?.namedChildCount === 0) {
      // `for (const [i, n] of units.entries())`: a list's [index, item] pairs, indices, or items (a copy).
      const objNode = this.nc.field(fnNode, 'object');
      const o = objNode && !this.mayCreate(objNode) ? this.eval(objNode) : undefined;
      const method = this.nc.field(fnNode, 'property')?.text;
      if (o?.t === 'arr') return { t: 'arr', items: o.items.map((v, k): JsVal => (method === 'entries' ? { t: 'arr', items: [{ t: 'num', v: k }, v] } : method === 'keys' ? { t: 'num', v: k } : v)) };
    }
    if (fnNode.type === 'member_expression' && this.nc.field(fnNode, 'property')?.text === 'concat') {
      // `IMG_SIZE.concat([3])`: a new list, arrays' items spread, other values appended.
      const objNode = this.nc.field(fnNode, 'object');
      const o = objNode && !this.mayCreate(objNode) ? this.eval(objNode) : undefined;
      if (o?.t === 'arr') {
        const { vals, open } = this.args(node);
        if (open || vals.some((v) => v.t === 'unknown')) return U(`${node.text.slice(0, 40)} is not known`, `${node.text.slice(0, 40)} 未知`);
        return { t: 'arr', items: [...o.items, ...vals.flatMap((v) => (v.t === 'arr' ? v.items : [v]))] };
      }
    }
    if (fnNode.type === 'member_expression' && this.nc.field(fnNode, 'property')?.text === 'reduce') {
      const reduced = this.reduceList(fnNode, node);
      if (reduced) return reduced;
    }
    if (fnNode.type === 'member_expression' && this.nc.field(fnNode, 'property')?.text === 'map') {
      const mapped = this.mapList(fnNode, node);
      if (mapped) return mapped;
    }
    if (fnNode.type === 'member_expression' && fnNode.text.replace(/\s+/g, '') === 'Array.from') {
      const made = this.arrayFrom(node);
      if (made) return made;
    }
    if (fnNode.type === 'member_expression' && this.nc.field(fnNode, 'property')?.text === 'filter') {
      const kept = this.filterList(fnNode, node);
      if (kept) return kept;
    }
    if (fnNode.type === 'member_expression' && ARRAY_VALUE_METHODS.has(this.nc.field(fnNode, 'property')?.text ?? '')) {
      // `NAMES.join('')`, `VOCAB.indexOf(c)` over a list of known strings and numbers: the value.
      const objNode = this.nc.field(fnNode, 'object');
      const o = objNode && !this.mayCreate(objNode) ? this.eval(objNode) : undefined;
      if (o?.t === 'arr') {
        const { vals, open } = this.args(node);
        const v = open ? undefined : arrayValueMethod(o.items, this.nc.field(fnNode, 'property')!.text, vals);
        if (v) return v;
      }
    }
    if (fnNode.type === 'member_expression' && LIST_MUTATORS.has(this.nc.field(fnNode, 'property')?.text ?? '')) {
      const a = this.args(node);
      // A comparator (`xs.sort((a, b) => …)`) runs some number of times the analysis does not follow.
      if (a.vals.some((v) => v.t === 'fn')) this.unrunCallbacks(node, fnNode, a.vals);
      const changed = this.listMutation(fnNode, a.vals, a.open);
      if (changed) return changed;
    }
    const then = this.promiseThen(node, fnNode);
    if (then) return then;
    const staticCall = this.staticMethodCall(node, fnNode);
    if (staticCall) return staticCall;
    // `o?.f(bump())` with o null or undefined: nothing is called, the arguments are not evaluated.
    if (fnNode.type === 'member_expression' && fnNode.children.some((c) => c?.type === 'optional_chain')) {
      const objNode = this.nc.field(fnNode, 'object');
      if (objNode && /^[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*$/.test(objNode.text) && this.eval(objNode).t === 'null') return { t: 'null', undef: true };
    }
    // `f.call(thisArg, a)`, `f.apply(thisArg, [a])`, `f.bind(thisArg, a)()`: f run with those arguments
    // (a function that reads its own `this`, which thisArg sets, is not followed).
    const via = fnNode.type === 'member_expression' ? this.nc.field(fnNode, 'property')?.text : undefined;
    const viaOf = via === 'call' || via === 'apply' || via === 'bind' ? this.nc.field(fnNode, 'object') : null;
    if (viaOf && /^[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*$/.test(viaOf.text)) {
      const target = this.eval(viaOf);
      if (target.t === 'fn' && (target.node.type === 'arrow_function' || !/\bthis\b/.test(target.node.text))) {
        const { vals: given, open } = this.args(node);
        const rest = given.slice(1);
        const spread = rest[0];
        const list = open ? undefined : via !== 'apply' ? rest : spread === undefined || spread.t === 'null' ? [] : spread.t === 'arr' ? spread.items : undefined;
        if (list && via === 'bind') return { ...target, bound: [...(target.bound ?? []), ...list] };
        if (list) return this.runFunctionValue(target, list, node, fnNode);
      }
    }
    const fn = this.eval(fnNode);
    const { vals, nodes } = superArgs ?? this.args(node);
    if (fn.t === 'fn') return this.runFunctionValue(fn, vals, node, fnNode);
    // `new MergeHeads({}).apply([a, v])` of a layer class the analysis cannot see: a tensor it cannot
    // size, made from those inputs (the layers before it still belong to the model), and a layer of
    // unknown weights: the model's total is unknown.
    if (fn.t === 'unknown' && via === 'apply' && vals[0] && symsIn(vals[0]).length > 0) {
      const why = { en: `made by a layer the analysis does not know (${fn.reason.en})`, 'zh-cn': `由分析不认识的层生成（${fn.reason['zh-cn']}）` };
      return { t: 'sym', shape: null, reason: why, producers: [...new Set(symsIn(vals[0]).flatMap((v) => v.producers))], broken: why };
    }
    if (fn.t === 'ext') {
      if (this.usage?.names.has(fn.name) && (this.loopDepth === 0 || this.usage.inLoops)) {
        const list = this.usage.calls.get(fn.name) ?? [];
        list.push(vals.map(portable));
        this.usage.calls.set(fn.name, list);
      }
      return U(`${fn.name} is analysed in its own file`, `${fn.name} 在其所在文件中分析`);
    }
    if (fn.t === 'tf') return this.tfCall(fn.path, node, fnNode, vals, nodes);
    if (fn.t === 'method') {
      // `m.initModel()` on an instance the program constructed: its method, `this` meaning it.
      if (fn.on.t === 'obj' && fn.on.inst) {
        const inst = fn.on.inst;
        // A method called without its object (`const f = net.build; f()`): `this` is not that instance in JS.
        if (fnNode.type !== 'member_expression') return U(`${fnNode.text.slice(0, 40)}(): a method called on its own, whose this the analysis does not know`, `${fnNode.text.slice(0, 40)}()：单独调用的方法，分析不知道其 this`);
        const owner = this.ownerOf(inst.cls);
        if (!owner) return U(`.${fn.name}() is not followed`, `不分析 .${fn.name}()`);
        return this.invoking(node, () => this.across(owner, node, `.${fn.name}()`, () => owner.runMethod(inst, fn.name, vals), owner.methodOf(inst.cls, fn.name)));
      }
      if (fn.on.t === 'model' && fn.name === 'add') {
        const m = this.models[fn.on.id];
        const v = vals[0];
        const l: JsVal | undefined = v?.t === 'model' ? { t: 'layer', id: this.modelAsLayer(v.id) } : v;
        if (m && l?.t !== 'layer' && m.uncertainFrom === undefined) {
          // Something added that the analysis does not know as a layer: what follows is not known.
          m.uncertainFrom = m.layers.length;
          m.uncertainWhy = l?.t === 'unknown' ? l.reason : { en: 'something the analysis does not know as a layer is added', 'zh-cn': '添加了分析无法识别为层的对象' };
        }
        if (m && l?.t === 'layer') {
          // (A model made in the same region as the layer, and the add there too: each round or arm builds its own.)
          const local = m.where === this.where && this.layers[l.id]?.where === this.where;
          if ((this.loopDepth > 0 || this.layers[l.id]?.inLoop) && !local && m.uncertainFrom === undefined) {
            m.uncertainFrom = m.layers.length;
            m.uncertainWhy = { en: 'layers are added in a loop the analysis does not unroll', 'zh-cn': '层在无法展开的循环中添加' };
          }
          m.layers.push(l.id);
          // (The model's extent in its own file: an add from another file's code does not stretch it.)
          if (node.tree === m.startNode.tree) {
            m.endRow = Math.max(m.endRow, node.endPosition.row);
            m.endCol = node.endPosition.row >= m.endRow ? node.endPosition.column : m.endCol;
          }
        }
        return { t: 'null' };
      }
      // `model.pop()`: a Sequential's last layer leaves it (followed on straight-line code only).
      if (fn.on.t === 'model' && fn.name === 'pop' && vals.length === 0) {
        const m = this.models[fn.on.id];
        if (m && m.uncertainFrom === undefined) {
          if (this.env.journals.length === 0 && this.loopDepth === 0 && m.layers.length > 0 && !m.functional) m.layers.pop();
          else {
            m.uncertainFrom = Math.max(0, m.layers.length - 1);
            m.uncertainWhy = { en: 'a layer is removed by pop() where the analysis cannot follow it', 'zh-cn': '在无法跟踪之处用 pop() 移除了层' };
          }
        }
        return { t: 'null' };
      }
      if (fn.on.t === 'layer' && fn.name === 'apply') {
        const out = this.applyLayer(fn.on.id, vals[0], node);
        // `lstm.apply(x, {initialState: [h, c]})`: the layers that made the state feed the model too.
        const extra = vals[1] ? symsIn(vals[1]).flatMap((v) => v.producers) : [];
        return out.t === 'sym' && extra.length > 0 ? { ...out, producers: [...new Set([...extra, ...out.producers])] } : out;
      }
      // A model applied like a layer (`cnn.apply(image)`) is one layer of the model that applies it.
      if (fn.on.t === 'model' && fn.name === 'apply') {
        const first = this.applyLayer(this.modelAsLayer(fn.on.id), vals[0], node);
        const outs = this.models[fn.on.id]?.functional?.outputs;
        if (outs?.t !== 'arr' || first.t !== 'sym') return first;
        // A model of several outputs gives a list; the others are known when the first is (the input matched).
        return { t: 'arr', items: outs.items.map((o, i): JsVal => (i === 0 ? first : { t: 'sym', shape: first.shape && o.t === 'sym' && o.shape ? [first.shape[0] ?? -1, ...o.shape.slice(1)] : null, reason: first.reason ?? { en: 'the output is not known', 'zh-cn': '输出未知' }, producers: first.producers })) };
      }
      if (fn.on.t === 'argparser') {
        // A command line given (the CLI's --args) is not read for JavaScript's argparse: its options are unknown, not their defaults.
        const given = (this.opts.scriptArgs?.length ?? 0) > 0 || this.opts.scriptArgsUnreadable !== undefined;
        if (given && (fn.name === 'parseArgs' || fn.name === 'parse_args')) {
          const why = U('the script\'s command line is not read for JavaScript argparse', '不读取 JavaScript argparse 的命令行');
          return { t: 'obj', props: new Map([...fn.on.options.keys()].map((k) => [k, { v: why }])) };
        }
        return argparseCall(fn.on, fn.name, vals);
      }
      if (fn.on.t === 'unknown') {
        // `model.add(…)` on one of several models: none of them is known from here on.
        if (fn.name === 'add') {
          for (const id of fn.on.models ?? []) {
            const m = this.models[id];
            if (m && m.uncertainFrom === undefined) {
              m.uncertainFrom = m.layers.length;
              m.uncertainWhy = { en: 'later layers are added to a model that branches the analysis does not decide chose', 'zh-cn': '之后的层被添加到由条件未知的分支选出的模型上' };
            }
          }
        }
        return { t: 'unknown', reason: fn.on.reason };
      }
      if (fn.on.t === 'str') {
        // A function handed to a string method (`s.replace(/a/g, m => …)`) runs there, unseen.
        if (vals.some((v) => v.t === 'fn')) this.unrunCallbacks(node, fnNode, vals);
        return stringMethod(fn.on.v, fn.name, vals);
      }
      this.unrunCallbacks(node, fnNode, vals, fn.on);
      return U(`.${fn.name}() is not followed`, `不分析 .${fn.name}()`);
    }
    // `x.add(layer)` on something the analysis does not know: a model may get that layer.
    if (fn.t === 'unknown' && fnNode.type === 'member_expression' && this.nc.field(fnNode, 'property')?.text === 'add' && (vals[0]?.t === 'layer' || vals[0]?.t === 'model')) this.lostAdd ??= fnNode;
    this.unrunCallbacks(node, fnNode, vals);
    return fn.t === 'unknown' ? fn : U(`${fnNode.text.slice(0, 40)} is not callable here`, `${fnNode.text.slice(0, 40)} 在此不可调用`);
  }

  /**
   * A function handed to code the analysis does not run (`promise.then(m => { m.add(…) })`,
   * `Array.prototype.forEach.call(ws, w => m.add(…))`, `Reflect.apply(grow, null, [m])`, `grow.call(null, m)`)
   * that may make layers: they may be added later, into any model the call or the function
   * reaches, so those models are unknown from here on.
   */
  private unrunCallbacks(node: Node, fnNode: Node, vals: JsVal[], receiver0?: JsVal): void {
    const fns: Node[] = [];
    const seen = new Set<JsVal>();
    const collect = (v: JsVal, depth: number): void => {
      if (seen.has(v) || depth > 3) return;
      seen.add(v);
      if (v.t === 'fn') fns.push(v.node);
      else if (v.t === 'arr') for (const x of v.items) collect(x, depth + 1);
      else if (v.t === 'obj' && !v.inst) for (const p of v.props.values()) collect(p.v, depth + 1);
    };
    for (const v of vals) collect(v, 0);
    // `grow.call(…)` / `grow.apply(…)` / `grow.bind(…)`: the function is the receiver.
    const receiver = fnNode.type === 'member_expression' ? this.nc.field(fnNode, 'object') : null;
    if (receiver?.type === 'identifier' && /^(?:call|apply|bind)$/.test(this.nc.field(fnNode, 'property')?.text ?? '')) {
      const f = this.env.get(receiver.text);
      if (f?.t === 'fn') fns.push(f.node);
    }
    // What such a function changes in the program's variables (`n += 1` in a `.some` / `.find` callback,
    // `config = data` in a `.then`) may have happened any number of times, or not yet: unknown from here on.
    for (const f of fns) {
      const changed = namesChangedIn(f.text);
      if (changed.size > 0) this.forgetPlain(changed, { en: `changed by a function handed to ${fnNode.text.slice(0, 40)}(…), which the analysis does not run`, 'zh-cn': `被传给 ${fnNode.text.slice(0, 40)}(…) 的函数修改，分析不运行它` });
    }
    const adding = fns.filter((f) => this.codeMayMakeLayers(f.text));
    if (adding.length === 0) return;
    // (Such a function runs after the file's synchronous code — a callback, a handler — so the names
    // that code gives are not changed by it; what runs after it, pending continuations, is already unsure.)
    const ids = new Set<number>();
    const modelsIn = (v: JsVal | undefined, depth = 0): void => {
      if (!v || depth > 3) return;
      if (v.t === 'model') ids.add(v.id);
      else if (v.t === 'unknown') for (const id of v.models ?? []) ids.add(id);
      else if (v.t === 'arr') for (const x of v.items) modelsIn(x, depth + 1);
      else if (v.t === 'obj') for (const p of v.props.values()) modelsIn(p.v, depth + 1);
    };
    for (const v of [...vals, ...(receiver0 ? [receiver0] : [])]) modelsIn(v);
    for (const text of [node.text, ...adding.map((f) => f.text)]) for (const m of text.matchAll(/(?<![\w$.])[A-Za-z_$][\w$]*/g)) modelsIn(this.env.get(m[0]));
    const why = { en: `layers may be added by a function handed to ${fnNode.text.slice(0, 40)}(…), which the analysis does not run`, 'zh-cn': `可能由传给 ${fnNode.text.slice(0, 40)}(…) 的函数添加层，分析不运行它` };
    for (const id of ids) {
      const m = this.models[id];
      if (m && m.uncertainFrom === undefined) {
        m.uncertainFrom = m.layers.length;
        m.uncertainWhy = why;
      }
    }
  }

  private sequential(node: Node, config: JsVal | undefined): JsVal {
    const fnNode = this.nc.field(node, 'function') ?? node;
    const m: ModelRec = { id: this.models.length, name: '', nameNode: fnNode, startNode: enclosingStatement(node), endRow: node.endPosition.row, endCol: node.endPosition.column, layers: [], tfName: this.modelName(config, 'sequential_'), madeAt: node, where: this.where, ...this.madeHere() };
    this.models.push(m);
    const layers = config?.t === 'obj' ? config.props.get('layers')?.v : undefined;
    if (layers?.t === 'arr') {
      for (const l of layers.items) {
        const id = l.t === 'layer' ? l.id : l.t === 'model' ? this.modelAsLayer(l.id) : undefined;
        if (id !== undefined) m.layers.push(id);
        else if (m.uncertainFrom === undefined) {
          m.uncertainFrom = m.layers.length;
          m.uncertainWhy = l.t === 'unknown' ? l.reason : { en: 'the list holds something the analysis does not know as a layer', 'zh-cn': '列表中有分析无法识别为层的元素' };
        }
      }
    } else if (layers && m.uncertainFrom === undefined) {
      m.uncertainFrom = 0;
      m.uncertainWhy = { en: 'the list of layers is not known', 'zh-cn': '层列表未知' };
    } else if (!layers && config !== undefined && (config.t === 'unknown' || (config.t === 'obj' && config.closed === false)) && m.uncertainFrom === undefined) {
      // A configuration the analysis does not know (`tf.sequential(cfg)` after a callback it does
      // not run changed cfg) may list layers: not an empty model. (A number or null has no
      // `layers`: tfjs makes an empty model of it.)
      m.uncertainFrom = 0;
      m.uncertainWhy = config.t === 'unknown' ? config.reason : { en: 'the model\'s configuration is not known', 'zh-cn': '模型的配置未知' };
    }
    return { t: 'model', id: m.id };
  }

  private newLayer(factory: string, node: Node, fnNode: Node, configV: JsVal | undefined, _configNode: Node | undefined): JsVal {
    const config: JsConfig = new Map();
    const configNodes = new Map<string, Node>();
    let inner: TfLayerSpec | undefined;
    let cells: TfLayerSpec[] | undefined;
    if (configV?.t === 'obj') {
      for (const [k, { v, node: n }] of configV.props) {
        // A shape with a size the analysis does not know is not a shape with an open (null) size.
        config.set(k, SHAPE_KEYS.has(k) && hasUnknown(v) ? 'unknown' : toConfig(v));
        if (n) configNodes.set(k, n);
        if (k === 'layer' && v.t === 'layer') inner = this.layers[v.id]?.spec;
        // rnn's `cell` (one cell or a list) and stackedRNNCells's `cells`: unknown unless every one is a layer the analysis made.
        if ((k === 'cell' || k === 'cells') && (v.t === 'layer' || v.t === 'arr')) {
          const specs = (v.t === 'arr' ? v.items : [v]).map((x) => (x.t === 'layer' ? this.layers[x.id]?.spec : undefined));
          if (specs.every((x) => x !== undefined)) cells = specs as TfLayerSpec[];
        }
      }
    }
    // A setting the analysis cannot read is not a setting left out: tfjs's default would be a guess.
    const unread = unreadSetting(configV);
    // `tf.layers.upSampling2d()`: most factories read their options object unguarded, so tfjs
    // throws a TypeError when there is none (CONFIG_OPTIONAL lists those that do not, tfjs 4.22).
    const argsNode = this.nc.field(node, 'arguments');
    const noConfig = configV === undefined && !!argsNode && argsNode.namedChildren.every((c) => c === null || c.type === 'comment') && tfClassName(factory) !== undefined && !CONFIG_OPTIONAL.has(factory);
    // An Embedding whose vocabulary size alone is not known (`inputDim: vocab.size` of the data): its
    // output and what follows do not depend on it, only its own count.
    const vocabOnly = factory === 'embedding' && unread === "'inputDim'" && unreadSetting(configV, 'inputDim') === undefined;
    // `tf.layers.dense(8)`: tfjs reads every setting from one options object; a plain value has none.
    const plain = argsNode?.namedChildren.length === 1 && (configV?.t === 'num' || configV?.t === 'str' || configV?.t === 'bool') ? argsNode.namedChildren[0]!.text : undefined;
    const wrapped = configV?.t === 'layer' && factory === 'timeDistributed' ? argsNode?.namedChildren[0]?.text : undefined;
    const plainRefused = (plain !== undefined && PLAIN_ARG_THROWS.has(factory)) || wrapped !== undefined;
    const known = noConfig
      ? refusedSpec(factory, { en: `tf.layers.${factory}() needs an options object: tfjs throws a TypeError without one`, 'zh-cn': `tf.layers.${factory}() 需要一个选项对象：没有它 tfjs 会抛出 TypeError` })
      : plainRefused
      ? refusedSpec(factory, { en: `tf.layers.${factory}(${plain ?? wrapped}): tfjs reads its settings from one options object (${wrapped !== undefined ? '{layer: …}' : '{…}'}); given ${wrapped !== undefined ? 'a layer' : 'a plain value'} it throws`, 'zh-cn': `tf.layers.${factory}(${plain ?? wrapped})：tfjs 从一个选项对象（${wrapped !== undefined ? '{layer: …}' : '{…}'}）读取设置；直接传入${wrapped !== undefined ? '层' : '普通值'}会抛出错误` })
      : vocabOnly ? countUnknown(buildTfLayer(factory, new Map([...config, ['inputDim', 1]]), inner, cells))
      : unread ? opaqueSpec(factory, { en: `tf.layers.${factory}: ${unread} is not known`, 'zh-cn': `tf.layers.${factory}：${unread} 未知` }) : buildTfLayer(factory, config, inner, cells);
    // A layer the analysis does not know still stands in its model, unknown: what follows it is
    // unknown too, never computed as if it were not there.
    const spec =
      known ??
      (isTfLayersExport(factory)
        ? opaqueSpec(factory, { en: `tf.layers.${factory} is not a layer the analysis knows`, 'zh-cn': `分析不认识 tf.layers.${factory}` })
        : refusedSpec(factory, { en: `tf.layers.${factory} is not a function: tfjs 4.22 has no such layer (TypeError)`, 'zh-cn': `tf.layers.${factory} 不是函数：tfjs 4.22 没有这个层（TypeError）` }));
    const kind = tfClassName(factory) ?? factory;
    const given = config.get('name');
    // tfjs names a layer `<snake_case>_<Class><n>` with a per-class counter that only unnamed layers
    // advance (an InputLayer `input<n>`, shared with tf.input); a loop makes n unknown.
    const key = factory === 'inputLayer' ? 'input' : kind;
    let count = this.uid.get(key) ?? 0;
    // A `name:` the analysis cannot read (`getName()`), or options it does not know at all: the
    // layer's name is not known, nor whether it advanced the counter.
    const givenV = configV?.t === 'obj' ? configV.props.get('name')?.v : undefined;
    // (`tf.layers.dropout(0.1)`: a plain value has no name, tfjs gives the default one.)
    const nameUnknown = configV?.t === 'unknown' || (givenV !== undefined && givenV.t !== 'str' && givenV.t !== 'null');
    if (nameUnknown) this.uidUnsure.add(key);
    else if (typeof given !== 'string') {
      count++;
      this.uid.set(key, count);
      if (this.loopDepth > 0) this.uidUnsure.add(key);
    }
    const n = this.uidUnsure.has(key) || this.uidUnsure.has('*') ? '?' : String(count);
    // An unknown layer's class name (so its default name) is not known.
    const defaultName = !known ? `${factory}_?` : factory === 'inputLayer' ? `input${n}` : `${snake(kind)}_${kind}${n}`;
    const rec: LayerRec = {
      id: this.layers.length, factory, kind, callee: `tf.layers.${factory}`, name: nameUnknown ? '?' : typeof given === 'string' ? given : defaultName,
      node, config, configNodes, spec, calls: [], params: null, problems: [], ...this.siteHere(),
    };
    if (this.loopDepth > 0) rec.inLoop = true;
    rec.where = this.where;
    void fnNode;
    this.layers.push(rec);
    if (plain !== undefined && !plainRefused) {
      const rate = /dropout/i.test(factory) ? { en: ' (its rate is undefined: it drops nothing)', 'zh-cn': '（rate 未定义：不会丢弃任何值）' } : { en: '', 'zh-cn': '' };
      rec.problems.push({
        code: 'invalid-config', severity: 'warning', range: this.range(node, rec.site), model: '', layer: rec.name,
        message: { en: `tf.layers.${factory}(${plain}): tfjs reads its settings from one options object and ignores a plain value; the layer runs with its defaults${rate.en}`, 'zh-cn': `tf.layers.${factory}(${plain})：tfjs 只从一个选项对象读取设置，会忽略普通值；该层按默认设置运行${rate['zh-cn']}` },
      });
    }
    // A setting tfjs refuses when it makes the layer throws here, whether or not a model ever uses the layer.
    const refusedNow = known && !noConfig ? tfRefusedSetting(factory, config) : undefined;
    if (refusedNow && this.env.journals.length === 0) this.layerProblem(rec, refusedNow);
    return { t: 'layer', id: rec.id };
  }

  private input(config: JsVal | undefined, node: Node): JsVal {
    // tf.input makes an InputLayer: an unnamed one advances the `input<n>` counter.
    if (config?.t !== 'obj' || config.props.get('name')?.v.t !== 'str') this.uid.set('input', (this.uid.get('input') ?? 0) + 1);
    if (config?.t === 'obj') {
      // (A size the analysis does not know is not an open one: such a shape is not read.)
      const read = (key: string): ConfigValue => {
        const v = config.props.get(key)?.v ?? { t: 'null' };
        return hasUnknown(v) ? 'unknown' : toConfig(v);
      };
      const shape = read('shape');
      const batchShape = read('batchShape');
      // `shape: [null]`: a size tfjs leaves open (a sequence of any length), -1 like the batch.
      // (`shape: 768`, a bare number, is `[768]` to tfjs.)
      // (A size of 0 is a placeholder, as in an inputShape: see declaredSample.)
      const dims = (v: ConfigValue, bare = false): number[] | undefined => (bare && typeof v === 'number' && Number.isInteger(v) && v > 0 ? [v] : Array.isArray(v) && v.length > 0 && v.every((x) => x === null || (typeof x === 'number' && Number.isInteger(x) && x > 0)) ? v.map((x) => (typeof x === 'number' ? x : -1)) : undefined);
      const batch = dims(batchShape);
      const root = ++this.world.inputSeq;
      if (batch) return { t: 'sym', shape: batch, producers: [], where: this.where, roots: [root] };
      const sample = dims(shape, true);
      if (sample) return { t: 'sym', shape: [-1, ...sample], producers: [], where: this.where, roots: [root] };
    }
    return this.givenInput(node) ?? { t: 'sym', shape: null, reason: config?.t === 'obj' ? { en: 'tf.input shape is not known', 'zh-cn': 'tf.input 的 shape 未知' } : { en: 'tf.input without a shape', 'zh-cn': 'tf.input 没有 shape' }, producers: [] };
  }

  /**
   * The shape for a tf.input the code leaves unknown (a builder's parameter): from `--input`, in
   * order over such inputs; else from the `// input:` comment written below it in the same function
   * (where "Set input shape…" writes it, above `tf.model`), the k-th such input taking its k-th shape.
   */
  private givenInput(node: Node): JsVal | undefined {
    const k = this.inputsGiven++;
    const forced = this.opts.forceInput?.[k];
    // (A tf.input's batch is open, as tfjs makes it: a batch given with the sizes is not the input's,
    // and a known input beside it, `tf.input({shape: [1]})`, has an open one.)
    if (forced) return { t: 'sym', shape: [-1, ...forced.slice(1)], producers: [], given: 'cli', givenAt: k, where: this.where };
    if (this.opts.forceInput) return undefined;
    let scope: Node | null = node.parent;
    while (scope && !/function|method_definition|arrow_function/.test(scope.type)) scope = scope.parent;
    const row = node.startPosition.row;
    const end = scope ? scope.endPosition.row : Number.MAX_SAFE_INTEGER;
    this.annotations ??= parseInputAnnotations(this.text, '//');
    const ann = this.annotations.find((a) => a.line >= row && a.line <= end);
    if (!ann) return undefined;
    const used = this.annotationUses.get(ann.line) ?? 0;
    this.annotationUses.set(ann.line, used + 1);
    const shape = ann.shapes[used];
    return shape ? { t: 'sym', shape, producers: [], given: 'annotation', givenAt: used, where: this.where } : undefined;
  }

  /** A layer applied to its input; what it gives is kept for `layer.output`. */
  private applyLayer(id: number, x: JsVal | undefined, node: Node): JsVal {
    const y = this.applyLayerTo(id, x, node);
    const rec = this.layers[id];
    if (rec) rec.outputs = [...(rec.outputs ?? []), y];
    return y;
  }

  private applyLayerTo(id: number, x: JsVal | undefined, node: Node): JsVal {
    const rec = this.layers[id];
    if (!rec) return U('?', '?');
    const xs = x?.t === 'arr' ? x.items : x ? [x] : [];
    const producers = [...new Set(xs.flatMap((v) => (v.t === 'sym' ? v.producers : [])))];
    producers.push(id);
    // An input that is not a symbolic tensor the analysis followed: the layers before it are lost.
    const lost = xs.find((v) => v.t !== 'sym' || v.broken);
    const broken: { broken?: Msg } = lost ? { broken: lost.t === 'sym' && lost.broken ? lost.broken : lost.t === 'unknown' ? lost.reason : { en: 'a layer is applied to something the analysis does not know as a tensor', 'zh-cn': '某层被应用于分析无法识别为张量的对象' } } : {};
    // Made and applied in one region, on inputs made there: the same in every round or arm that runs it.
    const local = rec.where === this.where && xs.length > 0 && xs.every((v) => v.t === 'sym' && v.where === this.where);
    if ((rec.inLoop || this.loopDepth > 0 || this.env.journals.length > 0) && !local) {
      // Applied in a loop visited once: the chain's length, so its shapes, are not known. Applied
      // in an undecided branch: the model may not have the layer at all.
      const reason =
        rec.inLoop || this.loopDepth > 0
          ? { en: 'the layer is applied in a loop the analysis does not unroll', 'zh-cn': '该层在无法展开的循环中调用' }
          : { en: 'the layer is applied in a branch of an if/switch whose condition the analysis does not know', 'zh-cn': '该层在条件未知的 if/switch 分支中调用' };
      rec.calls.push({ range: this.range(node, rec.site), input: { known: false, reason }, output: { known: false, reason }, steps: [] });
      return { t: 'sym', shape: null, reason, producers, ...broken };
    }
    const shapes: number[][] = [];
    for (const v of xs) {
      if (v.t !== 'sym' || !v.shape) {
        const reason = v.t === 'sym' && v.reason ? v.reason : { en: 'the input is not known', 'zh-cn': '输入未知' };
        rec.calls.push({ range: this.range(node, rec.site), input: { known: false, reason }, output: { known: false, reason }, steps: [] });
        // Surely applied (not in a loop or an undecided branch): weights that need no input are counted.
        rec.params ??= this.paramsWithoutInput(rec);
        return { t: 'sym', shape: null, reason, producers, ...broken };
      }
      shapes.push(v.shape);
    }
    const out = this.runLayer(rec, shapes, node);
    // A refused apply throws: no model is made of what follows it.
    const lostHere = !out.known && out.refused ? { broken: out.refused } : broken;
    // (The tf.inputs it comes from, when every input's are known.)
    const rootsIn = xs.map((v) => (v.t === 'sym' ? v.roots : undefined));
    const roots = rootsIn.every((r) => r !== undefined) ? { roots: [...new Set(rootsIn.flat() as number[])] } : {};
    const y: JsVal = out.known ? { t: 'sym', shape: out.shape, producers, ...broken, where: this.where, ...roots } : { t: 'sym', shape: null, reason: out.reason, producers, ...lostHere, ...roots };
    // `returnState: true`: [output, h, c] (an LSTM) or [output, h], each state [batch, units].
    if (['lstm', 'gru', 'simpleRNN'].includes(rec.factory) && rec.config.get('returnState') === true) {
      const units = rec.config.get('units');
      const state: JsVal = out.known && typeof units === 'number' ? { t: 'sym', shape: [out.shape[0] ?? -1, units], producers, ...broken, where: this.where } : { t: 'sym', shape: null, reason: out.known ? { en: 'units unknown', 'zh-cn': 'units 未知' } : out.reason, producers, ...broken };
      return { t: 'arr', items: [y, ...Array.from({ length: rec.factory === 'lstm' ? 2 : 1 }, () => state)] };
    }
    return y;
  }

  private functionalModel(node: Node, config: JsVal | undefined): JsVal {
    const fnNode = this.nc.field(node, 'function') ?? node;
    const inputs = config?.t === 'obj' ? config.props.get('inputs')?.v : undefined;
    const outputs = config?.t === 'obj' ? config.props.get('outputs')?.v : undefined;
    const outs = outputs?.t === 'arr' ? outputs.items : outputs ? [outputs] : [];
    const ids = [...new Set(outs.flatMap((o) => (o.t === 'sym' ? o.producers : [])))].sort((a, b) => a - b);
    // Outputs the analysis lost track of (a custom layer of another file, a helper it does not
    // follow): the layers it lists are not all the model's.
    const lostOut = outs.find((o) => o.t !== 'sym' || o.broken);
    const incomplete: Msg | undefined = outs.length === 0 || ids.length === 0 ? { en: 'the analysis does not see which layers make its outputs', 'zh-cn': '分析看不到哪些层产生其输出' }
      : lostOut ? (lostOut.t === 'sym' && lostOut.broken ? lostOut.broken : lostOut.t === 'unknown' ? lostOut.reason : { en: 'an output is not a tensor the analysis followed', 'zh-cn': '某个输出不是分析跟踪到的张量' }) : undefined;
    const start = ids.length > 0 ? enclosingStatement(this.layers[ids[0]!]?.node ?? node) : enclosingStatement(node);
    // An output made from a tf.input the model does not list: tfjs's "Graph disconnected" error, no model.
    const ins = inputs?.t === 'arr' ? inputs.items : inputs ? [inputs] : [];
    const given = ins.every((v) => v.t === 'sym' && v.roots?.length === 1 && v.producers.length === 0) ? new Set(ins.map((v) => (v as { roots: number[] }).roots[0]!)) : undefined;
    const needed = outs.every((o) => o.t === 'sym' && o.roots !== undefined) ? outs.flatMap((o) => (o as { roots: number[] }).roots) : undefined;
    const disconnected = given && needed && needed.some((r) => !given.has(r));
    if (disconnected) {
      const message = { en: 'an output needs a tf.input that is not among the model\'s inputs: tfjs throws "Graph disconnected"', 'zh-cn': '某个输出依赖一个不在模型 inputs 中的 tf.input：tfjs 抛出 "Graph disconnected"' };
      this.diags.push({ code: 'invalid-config', severity: 'error', range: this.nc.range(node), message, model: '' });
    }
    const refused: Msg | undefined = disconnected ? { en: 'tfjs refuses the model: an output needs a tf.input it does not list (Graph disconnected)', 'zh-cn': 'tfjs 拒绝该模型：某个输出依赖它未列出的 tf.input（Graph disconnected）' } : undefined;
    const m: ModelRec = { id: this.models.length, name: '', nameNode: fnNode, startNode: start, endRow: node.endPosition.row, endCol: node.endPosition.column, layers: ids, functional: { inputs: inputs ?? { t: 'null' }, outputs: outputs ?? { t: 'null' } }, tfName: this.modelName(config, 'model'), madeAt: node, ...this.madeHere(), ...(refused ?? incomplete ? { incomplete: refused ?? incomplete } : {}), ...(refused ? { refusedModel: refused } : {}) };
    this.models.push(m);
    return { t: 'model', id: m.id };
  }

  /** The expression after `extends` (JavaScript: `extends <expression>`; TypeScript wraps it in an extends_clause). */
  private baseExpr(cls: Node): Node | undefined {
    const heritage = this.nc.kids(cls).find((k) => k.type === 'class_heritage');
    const first = heritage?.namedChild(0);
    const base = first?.type === 'extends_clause' ? (this.nc.field(first, 'value') ?? first.namedChild(0)) : first;
    return base && (base.type === 'member_expression' || base.type === 'identifier') ? base : undefined;
  }

  /** `class Child extends Base`: `Base`. */
  private baseName(cls: Node): string | undefined {
    const b = this.baseExpr(cls);
    return b?.type === 'identifier' ? b.text : undefined;
  }

  /**
   * Could the constructors of a base class another workspace file defines make layers? Not when the
   * analysis has that file and no class of the chain mentions tfjs (a `Game` base that logs).
   */
  private foreignBaseMayMakeLayers(cls: Node, depth = 0): boolean {
    if (depth >= 8) return true;
    const b = this.baseExpr(cls);
    if (!b) return false;
    const v = this.eval(b);
    if (v.t !== 'cls') return true;
    const owner = this.ownerOf(v.node);
    if (!owner || owner.codeMayMakeLayers(v.node.text)) return true;
    return owner.foreignBaseMayMakeLayers(v.node, depth + 1);
  }

  /** The class of the file a class extends (`class Child extends Base`), if the program has it as a class. */
  private baseClass(cls: Node, depth = 0): Node | undefined {
    const b = this.baseExpr(cls);
    if (!b || depth > 8) return undefined;
    const v = this.eval(b);
    // (A base class of another workspace file is not run as this file's code.)
    return v.t === 'cls' && v.node !== cls && this.owns(v.node) ? v.node : undefined;
  }

  /**
   * `a instanceof B` when the answer is sure (`if (a instanceof tf.Sequential)` of a constructor that
   * takes a model or its sizes): a model against tf.Sequential / tf.LayersModel, an instance of a
   * class of the file against a class of the file, a number, string, literal or null against any.
   */
  private instanceOf(a: JsVal, b: JsVal): boolean | undefined {
    if (b.t !== 'tf' && b.t !== 'cls') return undefined;
    if (a.t === 'num' || a.t === 'str' || a.t === 'bool' || a.t === 'null' || a.t === 'arr' || (a.t === 'obj' && !a.inst)) return false;
    if (b.t === 'tf') {
      if (a.t !== 'model') return undefined;
      if (b.path === 'tf.LayersModel') return true;
      return b.path === 'tf.Sequential' ? this.models[a.id]?.functional === undefined : undefined;
    }
    if (a.t !== 'obj' || !a.inst) return undefined;
    let cls: Node | undefined = a.inst.cls;
    for (let depth = 0; cls && depth < 8; depth++) {
      if (cls.id === b.node.id) return true;
      if (!this.nc.kids(cls).some((k) => k.type === 'class_heritage')) return false;
      const base = this.baseExpr(cls);
      const v = base ? this.eval(base) : undefined;
      cls = v?.t === 'cls' && v.node.id !== cls.id ? v.node : undefined;
    }
    return undefined;
  }

  /** `class Model extends tf.Sequential` (or extends a class of the file that does): its instances are sequential models. */
  private extendsSequential(cls: Node, depth = 0): boolean {
    const base = this.baseExpr(cls);
    if (!base || depth > 8) return false;
    const v = this.eval(base);
    if (v.t === 'cls' && v.node !== cls && this.owns(v.node)) return this.extendsSequential(v.node, depth + 1);
    if (v.t === 'cls' && !this.owns(v.node)) return this.sequentialTemplate(cls) !== undefined;
    return v.t === 'tf' && v.path === 'tf.Sequential';
  }

  /**
   * The base class of another workspace file that only shapes a tf.Sequential for its subclasses
   * (`abstract class Model extends Sequential { constructor(c) { super(); this.initialiseModel(c); } }`):
   * which of its constructor's parameters `super(…)` and each `this.m(…)` pass on, the methods being
   * this file's class's. Undefined for any other base: its code would read its own file's names.
   */
  private sequentialTemplate(cls: Node): SequentialTemplate | undefined {
    const b = this.baseExpr(cls);
    const v = b ? this.eval(b) : undefined;
    if (v?.t !== 'cls' || this.owns(v.node)) return undefined;
    const owner = this.ownerOf(v.node);
    const tmpl = owner ? owner.templateOfSequentialBase(v.node) : undefined;
    return tmpl && tmpl.calls.every((c) => this.methodOf(cls, c.method) !== undefined) ? tmpl : undefined;
  }

  /** See sequentialTemplate: read in the base's own file (it extends tf.Sequential there). */
  private templateOfSequentialBase(base: Node): SequentialTemplate | undefined {
    const b = this.baseExpr(base);
    const v = b ? this.eval(b) : undefined;
    if (v?.t !== 'tf' || v.path !== 'tf.Sequential') return undefined;
    const body = this.nc.field(base, 'body');
    let ctor: Node | undefined;
    for (const m of body ? this.nc.kids(body) : []) {
      if (m.type === 'comment' || m.type === ';' || m.type === '{' || m.type === '}') continue;
      const isStatic = m.children.some((c) => c?.type === 'static');
      if (m.type === 'method_definition' && this.nc.field(m, 'name')?.text === 'constructor') ctor = m;
      // (A field the base's instances get a value in would be this file's names' business: not a template.)
      else if ((m.type === 'public_field_definition' || m.type === 'field_definition') && !isStatic && this.nc.field(m, 'value')) return undefined;
      // (A method the base defines is its file's code: the template may call only the subclass's.)
    }
    if (!ctor) return { superArg: 0, calls: [] };
    const paramsNode = this.nc.field(ctor, 'parameters');
    const params: string[] = [];
    for (const p of paramsNode ? this.nc.kids(paramsNode).filter((n) => n.isNamed && n.type !== 'comment') : []) {
      const id = p.type === 'identifier' ? p : p.type === 'required_parameter' && !p.children.some((c) => c?.type === 'accessibility_modifier' || c?.type === 'readonly') ? this.nc.field(p, 'pattern') : undefined;
      if (id?.type !== 'identifier') return undefined;
      params.push(id.text);
    }
    const stmts = this.nc.kids(this.nc.field(ctor, 'body')!).filter((n) => n.isNamed && n.type !== 'comment');
    const callOf = (st: Node | undefined): { fn: Node; args: number[] } | undefined => {
      const call = st?.type === 'expression_statement' ? st.namedChild(0) : undefined;
      if (call?.type !== 'call_expression') return undefined;
      const fn = this.nc.field(call, 'function');
      const argsNode = this.nc.field(call, 'arguments');
      const args = argsNode ? this.nc.kids(argsNode).filter((n) => n.isNamed && n.type !== 'comment').map((a) => (a.type === 'identifier' ? params.indexOf(a.text) : -1)) : [];
      return fn && !args.includes(-1) ? { fn, args } : undefined;
    };
    const first = callOf(stmts[0]);
    if (first?.fn.type !== 'super' || first.args.length > 1) return undefined;
    const calls: SequentialTemplate['calls'] = [];
    for (const st of stmts.slice(1)) {
      const c = callOf(st);
      const method = c?.fn.type === 'member_expression' && this.nc.field(c.fn, 'object')?.type === 'this' ? this.nc.field(c.fn, 'property')?.text : undefined;
      if (!c || !method || this.ownMethod(base, method)) return undefined;
      calls.push({ method, args: c.args });
    }
    return { ...(first.args.length ? { superArg: first.args[0] } : {}), calls };
  }

  /** A template base's constructor run on this file's instance (see sequentialTemplate): the model, then the subclass's methods. */
  private runSequentialTemplate(inst: Instance, tmpl: SequentialTemplate, vals: JsVal[], node: Node): JsVal {
    const model = this.sequential(node, tmpl.superArg === undefined || vals === NO_CALLER ? undefined : vals[tmpl.superArg]);
    inst.self = model;
    for (const c of tmpl.calls) this.runMethod(inst, c.method, vals === NO_CALLER ? NO_CALLER : c.args.map((i) => vals[i] ?? { t: 'null', undef: true }));
    return model;
  }

  /** `class ZLayer extends tf.layers.Layer`: a layer of the user's own. */
  private isLayerClass(cls: Node): boolean {
    const heritage = this.nc.kids(cls).find((k) => k.type === 'class_heritage');
    return heritage !== undefined && /\blayers\.Layer\b|^\s*extends\s+Layer\b/.test(heritage.text);
  }

  /**
   * A custom layer (`class LayerNorm extends tf.layers.Layer`). Its output is its input's shape when
   * `computeOutputShape` returns its argument or the class has none (tfjs's default); its
   * parameters are the `this.addWeight(name, shape, …)` of its `build(inputShape)`, run with the
   * input's shape (0 when it has none). One that makes layers of its own (or says its weights
   * another way) stays unknown, and tfjs's default-name counters are not known after it.
   */
  private customLayer(cls: string, node: Node, configV: JsVal | undefined, clsNode?: Node, args: JsVal[] = configV ? [configV] : []): JsVal {
    const given = configV?.t === 'obj' ? configV.props.get('name')?.v : undefined;
    const reason = { en: `${cls} is a custom layer: the analysis does not run its code`, 'zh-cn': `${cls} 是自定义层：分析不运行其代码` };
    const body = clsNode ? this.text.slice(clsNode.startIndex, clsNode.endIndex) : '';
    // (Comments left out: a word in one is not code.)
    const code = body.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
    const makesLayers = /\blayers\s*\.\s*[a-zA-Z]\w*\s*\(|\bnew\s+(?!(?:Error|TypeError|RangeError|Map|Set|Array|Float32Array|Int32Array)\b)[A-Z]\w*\s*\(|\b(?:trainableWeights|nonTrainableWeights|weights)\b|\bapply\s*\(/.test(code.replace(/\bextends\s+[\w.]+/, '')) || !clsNode;
    if (makesLayers) this.uidUnsure.add('*');
    // tfjs names it `<snake_case(className)>_<className><n>`, className being what its
    // getClassName() returns: its own method's literal, else its static className.
    const classNameM = /(?:^|[\s;}])(?:(?:public|override)\s+)*getClassName\s*\(\s*\)\s*(?::\s*string\s*)?\{\s*return\s+['"]([\w$]+)['"]\s*;?\s*\}/.exec(body)
      ?? /\bstatic\s+(?:(?:readonly|override|public)\s+)*(?:className\s*(?::\s*string\s*)?=\s*|get\s+className\s*\(\s*\)\s*(?::\s*string\s*)?\{\s*return\s+)['"]([\w$]+)['"]/.exec(body);
    let name: string;
    if (given?.t === 'str') name = given.v;
    else if (classNameM && !makesLayers) {
      const key = classNameM[1]!;
      const count = (this.uid.get(key) ?? 0) + 1;
      this.uid.set(key, count);
      if (this.loopDepth > 0) this.uidUnsure.add(key);
      name = `${snake(key)}_${key}${this.uidUnsure.has(key) || this.uidUnsure.has('*') ? '?' : count}`;
    } else name = `${snake(cls)}_?`;
    let spec = opaqueSpec(cls, reason);
    if (clsNode && !makesLayers) {
      const cos = this.ownMethod(clsNode, 'computeOutputShape');
      const params = cos ? this.nc.field(cos, 'parameters') : null;
      const first = params?.namedChildren.find((n): n is Node => n !== null && n.type !== 'comment');
      const stmts = cos ? (this.nc.field(cos, 'body')?.namedChildren ?? []).filter((n): n is Node => n !== null && n.type !== 'comment') : [];
      const ret = stmts.length === 1 && stmts[0]!.type === 'return_statement' ? stmts[0]!.namedChild(0) : undefined;
      const identity = !cos || (first?.type === 'identifier' && ret?.type === 'identifier' && ret.text === first.text);
      const buildM = this.ownMethod(clsNode, 'build');
      if (identity) {
        // (A build reading the layer's own settings, `[dim, this.hidden]`, runs on an instance the constructor made.)
        const inst = buildM && /\bthis\s*\.\s*(?!addWeight\b|built\b)[A-Za-z_$]/.test(buildM.text) ? this.layerInstance(clsNode, args) : undefined;
        spec = {
          kind: cls,
          apply: (inputs) => {
            const x = inputs.length === 1 ? inputs[0] : undefined;
            if (!x) return { output: unknown(reason.en, reason['zh-cn']), params: null };
            return { output: tensor(x), params: /\baddWeight\b/.test(code) ? this.customWeights(clsNode, buildM, shapeValue(x), inst) : 0 };
          },
        };
      } else if (cos) {
        // `computeOutputShape(inputShape)` run on an instance made with the constructor's arguments
        // (`return [s[0], this.targetHeight, this.targetWidth, s[3]]`); weights from its build.
        const inst = this.layerInstance(clsNode, args);
        spec = {
          kind: cls,
          apply: (inputs) => {
            // One input is its shape; several (`apply([x, mask])`) a list of shapes, as tfjs passes them.
            const arg: JsVal | undefined = inputs.length === 1 ? shapeValue(inputs[0]!) : inputs.length > 1 ? { t: 'arr', items: inputs.map(shapeValue) } : undefined;
            const out = arg && inst ? this.computedShape(inst, arg) : undefined;
            if (!arg || !out) return { output: unknown(reason.en, reason['zh-cn']), params: null };
            return { output: tensor(out), params: /\baddWeight\b/.test(code) ? this.customWeights(clsNode, buildM, arg, inst) : /\b(?:build|weights|trainableWeights)\b/.test(code) ? null : 0 };
          },
        };
      }
    }
    const rec: LayerRec = { id: this.layers.length, factory: cls, kind: cls, callee: `new ${cls}`, name, node, config: new Map(), configNodes: new Map(), spec, calls: [], params: null, problems: [], where: this.where, ...this.siteHere() };
    if (this.loopDepth > 0) rec.inLoop = true;
    this.layers.push(rec);
    return { t: 'layer', id: rec.id };
  }

  /** An instance of a custom layer class, its constructor run with these arguments (undefined if it cannot run). */
  private layerInstance(clsNode: Node, args: JsVal[]): Instance | undefined {
    try {
      const made = this.onItsOwnValue(() => this.construct(clsNode, args));
      return made.t === 'obj' ? made.inst : undefined;
    } catch (e) {
      if (e instanceof Stop || e instanceof Cancelled) throw e;
      return undefined;
    }
  }

  /** A custom layer's `computeOutputShape` for this input (batch first, -1 open); undefined unless every size is known or open. */
  private computedShape(inst: Instance, arg: JsVal): number[] | undefined {
    try {
      const r = this.onItsOwnValue(() => this.runMethod(inst, 'computeOutputShape', [arg]));
      if (r.t !== 'arr' || r.items.length === 0) return undefined;
      // (null: a size tfjs leaves open, the batch or a sequence's length.)
      const dims = r.items.map((d) => (d.t === 'num' && Number.isInteger(d.v) && d.v >= 0 ? d.v : d.t === 'null' ? -1 : undefined));
      return dims.every((d): d is number => d !== undefined) ? dims : undefined;
    } catch (e) {
      if (e instanceof Stop || e instanceof Cancelled) throw e;
      return undefined;
    }
  }

  /** Runs a part of a custom layer's code (it makes no layers, and tfjs's counters stay the program's). */
  /**
   * Runs code the program never runs (a function nobody calls, read for its models): the program's
   * variables it assigns, and those of factories' returned functions it calls (`net.widen()`), go
   * back to what they were.
   */
  /** The variables the code after a function's definition changes, to the end of the block (or program) around it. */
  private namesChangedAfter(fn: Node): Set<string> {
    let scope = fn.parent;
    while (scope && scope.type !== 'statement_block' && scope.type !== 'program') scope = scope.parent;
    return scope ? namesChangedIn(this.text.slice(fn.endIndex, scope.endIndex)) : new Set();
  }

  private varsPutBack(run: () => void): void {
    const vars = new Map(this.env);
    const lazy = new Map(this.lazy);
    const captured: [Frame, string, { v: JsVal | undefined; lazy: Node | undefined } | undefined][] = [];
    this.capturedWrites.push(captured);
    try {
      run();
    } finally {
      this.capturedWrites.pop();
      for (const [frame, k, was] of captured.reverse()) {
        if (was === undefined) frame.delete(k);
        else frame.set(k, was);
      }
      // (Plain variables only: instances' fields, `this#2.units`, have their own put-back.)
      const plain = (k: string): boolean => /^[A-Za-z_$][\w$]*$/.test(k);
      for (const k of [...this.env.keys()]) if (plain(k) && !vars.has(k)) this.env.restore(k, undefined);
      for (const [k, v] of vars) if (plain(k) && this.env.get(k) !== v) this.env.restore(k, v);
      for (const k of [...this.lazy.keys()]) if (plain(k) && !lazy.has(k)) this.lazy.delete(k);
      for (const [k, v] of lazy) if (plain(k) && this.lazy.get(k) !== v) this.lazy.set(k, v);
    }
  }

  /**
   * Module-level values the file's functions change (`classNames.push(name)`, `state.labels = …`,
   * `numClasses = n` in a handler), and arrays it exports for other files to fill: by path, with
   * where the change is. Read by code run on its own, they have no one value.
   */
  private valuesChangedElsewhere(): [string[], Msg][] {
    if (!this.changedByFunctions) {
      const found = new Map<string, { path: string[]; why: Msg; onlyMade: boolean }>();
      const text = blankComments(this.text);
      const exported = (this.exportedNames ??= exportedNames(text));
      const visit = (n: Node): void => {
        if (FUNCTION_LIKE.has(this.types.type(n))) {
          const name = this.nc.field(n, 'name')?.text ?? (n.parent?.type === 'variable_declarator' ? this.nc.field(n.parent, 'name')?.text : undefined);
          // (A function only the file's own top level calls, in order, changes nothing at a time the program does not decide.)
          if (name && n.parent?.type === 'program' && !exported.has(name) && this.onlyCalledAtTopLevel(name, n)) return;
          const where = name ? `${name}()` : 'a function';
          const own = this.namesDeclaredIn(n);
          for (const { path, made } of pathsChangedIn(this.codeOf(n))) {
            if (path[0] === 'this' || own.has(path[0]!)) continue;
            const key = path.join('.');
            const had = found.get(key);
            if (had) had.onlyMade &&= made;
            else found.set(key, { path, why: { en: `changed by ${where} at a time the analysis does not know`, 'zh-cn': `由 ${where} 在分析无法确定的时刻修改` }, onlyMade: made });
          }
          return;
        }
        for (const k of this.nc.kids(n)) if (k) visit(k);
      };
      if (this.rootNode) visit(this.rootNode);
      this.changedByFunctions = [...found.values()];
    }
    const out = new Map<string, [string[], Msg]>();
    for (const { path, why, onlyMade } of this.changedByFunctions) {
      const name = path[0]!;
      if (!this.env.has(name) && !this.lazy.has(name)) continue;
      // (`let model = null` that functions fill with what they make, `model = createModel()`: code testing it reads its first state.)
      if (onlyMade && path.length === 1 && (this.env.get(name) ?? this.fromLazy(name))?.t === 'null') continue;
      out.set(path.join('.'), [path, why]);
    }
    // An empty array the file exports (`export const labels = []`): other files fill it.
    for (const name of this.exportedNames ?? []) {
      if (out.has(name) || !(this.env.has(name) || this.lazy.has(name))) continue;
      const v = this.env.get(name) ?? this.fromLazy(name);
      if (v?.t === 'arr' && v.items.length === 0) out.set(name, [[name], { en: 'exported for other files to fill', 'zh-cn': '导出给其他文件填充' }]);
    }
    // An empty list in an object the file imports (`store.classes` of a shared store another module
    // fills as the user adds classes): empty only when the files are read.
    const emptyIn = (v: JsVal | undefined, path: string[], depth: number): void => {
      if (v?.t !== 'obj' || v.inst || depth > 2) return;
      for (const [k, p] of v.props) {
        const at = [...path, k];
        if (p.v.t === 'arr' && p.v.items.length === 0 && !out.has(at.join('.'))) out.set(at.join('.'), [at, { en: 'empty when the files are read; other code may fill it before this runs', 'zh-cn': '读取文件时为空；在此运行前其他代码可能已填充它' }]);
        else emptyIn(p.v, at, depth + 1);
      }
    };
    for (const name of this.importedNames) emptyIn(this.env.get(name), [name], 0);
    return [...out.values()];
  }

  /**
   * What the file's top-level code after `stmt` changes — directly (`hidden = 24`, `names.push(n)`)
   * or through a function of the file it calls there (`add('x')`). A builder nothing here calls runs
   * when someone calls it, after the file has loaded: these have no one value for it.
   */
  private changedAfter(stmt: Node): [string[], Msg][] {
    const root = this.rootNode;
    if (!root) return [];
    const why: Msg = { en: "changed by the file's code after the builder (which runs only when called, after that code)", 'zh-cn': '在构建函数之后被文件的代码修改（构建函数仅在被调用时运行，晚于这些代码）' };
    const out = new Map<string, [string[], Msg]>();
    const add = (code: string, own: Set<string> = new Set()): void => {
      for (const { path } of pathsChangedIn(code)) if (path[0] !== 'this' && !own.has(path[0]!)) out.set(path.join('.'), [path, why]);
    };
    const functions = new Map<string, Node>();
    for (const st of this.nc.kids(root)) {
      const fn = st ? this.functionDeclared(st) : undefined;
      if (fn) functions.set(fn.name, fn.node);
    }
    for (const st of this.nc.kids(root)) {
      if (!st || st.startIndex < stmt.endIndex || this.functionDeclared(st) || this.classDeclared(st)) continue;
      const code = this.codeOf(st);
      // (A declaration standing after it, `const labels = […]`, gives a name its one value: no change.)
      const declared = new Set<string>();
      if (st.type === 'lexical_declaration' || st.type === 'variable_declaration') for (const d of st.namedChildren) if (d?.type === 'variable_declarator' && d.childForFieldName('name')?.type === 'identifier') declared.add(d.childForFieldName('name')!.text);
      add(code, declared);
      for (const [name, fn] of functions) if (new RegExp(`(?<![\\w$.])${escapeRe(name)}\\s*\\(`).test(code)) add(this.codeOf(fn), this.namesDeclaredIn(fn));
    }
    return [...out.values()];
  }

  /** A function's text with its comments and quoted strings blanked (template literals kept: their `${…}` is code). */
  private codeOf(fn: Node): string {
    let text = blankComments(fn.text);
    const visit = (n: Node): void => {
      if (n.type === 'string') {
        const a = n.startIndex - fn.startIndex;
        const b = n.endIndex - fn.startIndex;
        if (b - a > 2) text = text.slice(0, a + 1) + ' '.repeat(b - a - 2) + text.slice(b - 1);
        return;
      }
      for (const k of n.namedChildren) if (k) visit(k);
    };
    visit(fn);
    return text;
  }

  /**
   * The names a function binds itself where its whole body sees them: its parameters (destructured,
   * with defaults — the names bound, not those a default reads) and the let / const / var declarations
   * standing directly in its body. (One declared in an inner block or arrow shadows only there: not counted.)
   */
  private namesDeclaredIn(fn: Node): Set<string> {
    const out = new Set<string>();
    const bound = (p: Node | null): void => {
      if (!p) return;
      switch (p.type) {
        case 'identifier': case 'shorthand_property_identifier_pattern': out.add(p.text); return;
        case 'assignment_pattern': bound(p.childForFieldName('left')); return;
        case 'rest_pattern': bound(p.namedChild(0)); return;
        case 'pair_pattern': bound(p.childForFieldName('value')); return;
        case 'object_assignment_pattern': bound(p.childForFieldName('left')); return;
        case 'required_parameter': case 'optional_parameter': bound(p.childForFieldName('pattern')); return;
        case 'object_pattern': case 'array_pattern': case 'formal_parameters': for (const k of p.namedChildren) bound(k); return;
        default: return;
      }
    };
    bound(this.nc.field(fn, 'parameters') ?? this.nc.field(fn, 'parameter'));
    const body = this.nc.field(fn, 'body');
    for (const st of body?.type === 'statement_block' ? body.namedChildren : []) {
      if (st && (st.type === 'lexical_declaration' || st.type === 'variable_declaration')) for (const d of st.namedChildren) if (d?.type === 'variable_declarator') bound(d.childForFieldName('name'));
    }
    return out;
  }

  /**
   * Whether a top-level function is called, and only by the file's own top-level code in order: at
   * least one use, every use a call (or an array method's callback) standing outside any function,
   * arrow or class — not a handler (`btn.onclick = () => grow()`), not named in a string (an HTML
   * `onclick="grow()"`, which the page runs when it decides).
   */
  private onlyCalledAtTopLevel(name: string, fn: Node): boolean {
    if (!this.rootNode) return false;
    let uses = 0;
    let ok = true;
    const named = new RegExp(`\\b${escapeRe(name)}\\b`);
    const visit = (n: Node, inFunction: boolean): void => {
      if (!ok || n.id === fn.id) return;
      if ((n.type === 'string' || n.type === 'template_string') && named.test(n.text)) {
        ok = false;
        return;
      }
      const nested = inFunction || FUNCTION_LIKE.has(this.types.type(n)) || n.type === 'class_body';
      if (n.type === 'identifier' && n.text === name) {
        const parent = n.parent;
        const called = parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === n.id;
        const callback = parent?.type === 'arguments' && /\.\s*(?:forEach|map)\s*$/.test(parent.parent?.childForFieldName('function')?.text ?? '');
        if (inFunction || (!called && !callback)) ok = false;
        uses++;
        return;
      }
      for (const k of n.namedChildren) if (k) visit(k, nested);
    };
    visit(this.rootNode, false);
    return ok && uses > 0;
  }

  /** `path` (a variable, or a property of a plain object in one) as unknown, `why`; the objects on the way are copies. */
  private forgetPath(path: string[], why: Msg): void {
    const [name, ...props] = path;
    const root = this.env.get(name!) ?? this.fromLazy(name!);
    if (props.length === 0 || root?.t !== 'obj' || root.inst) {
      this.forgetPlain(new Set([name!]), why);
      return;
    }
    const copy: JsVal & { t: 'obj' } = { ...root, props: new Map(root.props) };
    let at = copy;
    for (const [i, p] of props.entries()) {
      const child = at.props.get(p)?.v;
      const last = i === props.length - 1 || child?.t !== 'obj' || child.inst;
      if (last) {
        // (A property the code only adds later stays absent: reading it is undefined, as before.)
        if (child !== undefined) at.props.set(p, { v: U(`'${path.slice(0, i + 2).join('.')}' is ${why.en}`, `'${path.slice(0, i + 2).join('.')}' ${why['zh-cn']}`) });
        break;
      }
      const next: JsVal & { t: 'obj' } = { ...child, props: new Map(child.props) };
      at.props.set(p, { v: next });
      at = next;
    }
    this.env.set(name!, copy);
  }

  private onItsOwnValue(run: () => JsVal): JsVal {
    let v: JsVal = { t: 'null' };
    this.onItsOwn(() => {
      v = run();
    });
    return v;
  }

  /** The weights a custom layer's `build(inputShape)` adds (`this.addWeight(name, [d, units], …)`), run with the input's shape; null when one is not known. */
  private customWeights(clsNode: Node, build: Node | undefined, input: JsVal, made?: Instance): number | null {
    if (!build) return null;
    const inst: Instance = made ?? { key: `this#${++this.world.instanceSeq}`, cls: clsNode, ran: new Set() };
    inst.self ??= { t: 'obj', props: new Map(), inst };
    const prev = this.currentThis;
    const prevW = this.weightsAdded;
    this.weightsAdded = [];
    this.currentThis = inst;
    try {
      this.callFunction(build, [input]);
      const w = this.weightsAdded;
      return w.some((x) => x === null) ? null : w.reduce<number>((a, x) => a + x!, 0);
    } catch (e) {
      if (e instanceof Stop || e instanceof Cancelled) throw e;
      return null;
    } finally {
      this.currentThis = prev;
      this.weightsAdded = prevW;
    }
  }

  /** tfjs's name for a new model: its `name:`, else `<prefix><n>` from a per-prefix counter (tfjs's getUid). */
  private modelName(config: JsVal | undefined, prefix: string): string {
    const given = config?.t === 'obj' ? config.props.get('name')?.v : undefined;
    if (given?.t === 'str') return given.v;
    const count = (this.uid.get(prefix) ?? 0) + 1;
    this.uid.set(prefix, count);
    if (this.loopDepth > 0) this.uidUnsure.add(prefix);
    return `${prefix}${this.uidUnsure.has(prefix) || this.uidUnsure.has('*') ? '?' : count}`;
  }

  /** The layer a model is when another model applies it: its output from its own layers, its parameters theirs. */
  private modelAsLayer(id: number): number {
    const m = this.models[id]!;
    if (m.asLayer !== undefined) return m.asLayer;
    const kind = m.functional ? 'Model' : 'Sequential';
    const spec: TfLayerSpec = { kind, apply: (shapes) => this.runNested(m, shapes) };
    const rec: LayerRec = { id: this.layers.length, factory: m.functional ? 'model' : 'sequential', kind, callee: m.functional ? 'tf.model' : 'tf.sequential', name: m.tfName, node: m.madeAt, config: new Map(), configNodes: new Map(), spec, calls: [], params: null, problems: [], ...(m.where !== undefined ? { where: m.where } : {}), ...(m.site ? { site: m.site } : {}) };
    this.layers.push(rec);
    m.asLayer = rec.id;
    return rec.id;
  }

  /** A nested model's output for these inputs: its layers in order, or its functional graph when the input is the one it was built on. */
  private runNested(m: ModelRec, shapes: number[][]): ReturnType<TfLayerSpec['apply']> {
    const no = (en: string, zh: string): ReturnType<TfLayerSpec['apply']> => ({ output: unknown(`${m.tfName}: ${en}`, `${m.tfName}：${zh}`), params: null });
    if (m.uncertainFrom !== undefined) return no(m.uncertainWhy?.en ?? 'its layers are not known', m.uncertainWhy?.['zh-cn'] ?? '其层未知');
    if (m.incomplete) return no(m.incomplete.en, m.incomplete['zh-cn']);
    const recs = m.layers.map((i) => this.layers[i]!);
    if (m.functional) {
      const ins = m.functional.inputs.t === 'arr' ? m.functional.inputs.items : [m.functional.inputs];
      const out = m.functional.outputs.t === 'arr' ? (m.functional.outputs.items[0] ?? { t: 'null' }) : m.functional.outputs;
      if (ins.length !== shapes.length || ins.some((v, i) => v.t !== 'sym' || !v.shape || v.shape.slice(1).join() !== shapes[i]!.slice(1).join())) return no('applied to an input other than the one it was built on', '作用于与构建时不同的输入');
      if (out.t !== 'sym' || !out.shape) return no('its output is not known', '其输出未知');
      const params = recs.reduce<number | null>((a, r) => (a === null || r.params === null ? null : a + r.params), 0);
      return { output: tensor([shapes[0]![0] ?? -1, ...out.shape.slice(1)]), params };
    }
    const x0 = shapes[0];
    if (!x0 || shapes.length !== 1) return no('needs one input', '需要一个输入');
    // tfjs runs the layers on the input it is given (a model built on [null, 100] takes [null, 1, 100]:
    // Dense acts on the last axis); their weights are the ones built on the declared input, so each
    // layer must count the same parameters on both, or the result is not known.
    const run = (x: number[]): { out: ReturnType<TfLayerSpec['apply']>; counts: (number | null)[] } => {
      const counts: (number | null)[] = [];
      let cur = x;
      for (const r of recs) {
        if (!openSizesFollowed(r, [cur])) return { out: { output: unknown(`${m.tfName}: ${r.name} has an open size (null) in its input`, `${m.tfName}：${r.name} 的输入含有开放尺寸（null）`), params: null }, counts };
        const o = r.spec.apply([cur]);
        if (o.output.t !== 'tensor' || o.problem) return { out: { output: o.output.t === 'unknown' && !o.problem ? o.output : unknown(`${m.tfName}: ${r.name} is not known`, `${m.tfName}：${r.name} 未知`), params: null }, counts };
        counts.push(o.params);
        cur = o.output.shape;
      }
      const params = counts.reduce<number | null>((a, c) => (a === null || c === null ? null : a + c), 0);
      return { out: { output: tensor(cur), params }, counts };
    };
    const got = run(x0);
    const declared = recs[0] ? declaredInput(recs[0].config) : undefined;
    if (declared && got.out.output.t === 'tensor' && !fitsDeclared(declared, x0)) {
      const built = run(declared);
      if (built.out.output.t !== 'tensor' || built.counts.join() !== got.counts.join()) return no(`built on the input ${fmtShape(declared)}, its layers do not fit ${fmtShape(x0)}`, `基于输入 ${fmtShape(declared)} 构建，其层不适合 ${fmtShape(x0)}`);
    }
    return got.out;
  }

  /** A model used as a Sequential's first layer: the input it was built on is the Sequential's (tfjs's `add` takes it). */
  private nestedModelInput(rec: LayerRec, depth = 0): number[] | undefined {
    if (rec.factory !== 'model' && rec.factory !== 'sequential') return undefined;
    const m = this.models.find((x) => x.asLayer === rec.id);
    if (!m || m.uncertainFrom !== undefined) return undefined;
    if (m.functional) {
      const ins = m.functional.inputs.t === 'arr' ? m.functional.inputs.items : [m.functional.inputs];
      const only = ins.length === 1 ? ins[0] : undefined;
      return only?.t === 'sym' && only.shape ? only.shape : undefined;
    }
    const first = m.layers[0] !== undefined ? this.layers[m.layers[0]] : undefined;
    return first && depth < 8 ? (declaredInput(first.config) ?? this.nestedModelInput(first, depth + 1)) : undefined;
  }

  /** A layer's parameter count where its input does not matter (tf.layers only: not a custom layer or a nested model). */
  private paramsWithoutInput(rec: LayerRec): number | null {
    return rec.callee.startsWith('tf.layers.') ? tfParamsWithoutInput(rec.factory, rec.config) : null;
  }

  /** Runs one layer on known input shapes and records the call. */
  private runLayer(rec: LayerRec, shapes: number[][], callNode: Node): ShapeResult & { refused?: Msg } {
    if (!openSizesFollowed(rec, shapes)) {
      // A size tfjs leaves open (`null`) where this layer's rule needs it: unknown, not a guess (or a false error).
      const reason = { en: `${rec.kind}: its input ${shapes.map(fmtShape).join(', ')} has an open size (null) the analysis does not follow through this layer`, 'zh-cn': `${rec.kind}：其输入 ${shapes.map(fmtShape).join('、')} 含有开放尺寸（null），分析不跟踪其经过该层` };
      const refusal = refusedOverOpenSizes(rec, shapes);
      if (refusal) this.layerProblem(rec, { message: refusal });
      // (A count no input changes is still known: Flatten's 0.)
      if (rec.params === null) rec.params = this.paramsWithoutInput(rec);
      rec.calls.push({ range: this.range(callNode, rec.site), input: shapes[0] ? { known: true, shape: shapes[0] } : { known: false, reason }, output: { known: false, reason }, steps: [] });
      return { known: false, reason };
    }
    const refused = listRefusal(rec, shapes) ?? rebuiltRefusal(rec, shapes);
    const r = refused ?? rec.spec.apply(shapes);
    if (rec.params === null) rec.params = r.params;
    const output: ShapeResult = r.output.t === 'tensor' ? { known: true, shape: r.output.shape } : r.output.t === 'unknown' ? { known: false, reason: r.output.reason } : { known: false, reason: { en: 'not a tensor', 'zh-cn': '不是张量' } };
    const call: LayerCall = { range: this.range(callNode, rec.site), input: shapes[0] ? { known: true, shape: shapes[0] } : { known: false, reason: { en: 'no input', 'zh-cn': '没有输入' } }, output, steps: [] };
    call.steps = stepsForCall('tfjs', rec.kind, Object.fromEntries(rec.config), call, r.numbers);
    rec.calls.push(call);
    if (r.problem) this.layerProblem(rec, r.problem);
    // (The model this apply was for is never made: tfjs throws here.)
    if (refused && !output.known) REFUSED_APPLIES.add(output.reason);
    return refused && !output.known ? { ...output, refused: output.reason } : output;
  }

  /** An error diagnostic on the layer (at the setting it names, if any). */
  private layerProblem(rec: LayerRec, problem: NonNullable<ReturnType<TfLayerSpec['apply']>['problem']>): void {
    // (Reported once: a refused setting is the layer's when it is made and again at each apply.)
    if (rec.problems.some((d) => d.message.en.includes(problem.message.en))) return;
    const keyNode = problem.key ? rec.configNodes.get(problem.key) : undefined;
    const ex = explainProblem(rec.kind, { message: problem.message, ...(problem.expected !== undefined ? { expected: problem.expected } : {}) });
    const d: ShapeDiagnostic = {
      code: problem.expected !== undefined ? 'shape-mismatch' : 'invalid-config', severity: 'error', range: this.range(keyNode ?? rec.node, rec.site),
      message: { en: `${rec.name} ${problem.message.en}${ex.en}`, 'zh-cn': `${rec.name} ${problem.message['zh-cn']}${ex['zh-cn']}` }, model: '', layer: rec.name,
    };
    if (problem.expected !== undefined) d.expected = problem.expected;
    if (problem.actual !== undefined) d.actual = problem.actual;
    rec.problems.push(d);
  }

  // ---------------------------------------------------------------- models

  private finish(m: ModelRec, annotations: InputAnnotation[]): ModelInfo {
    // Layers added after an await whose continuation runs later (see interleaveFrom): their order is not known.
    const settled = this.world.interleaveFrom?.get(m);
    if (settled !== undefined && m.layers.length > settled && (m.uncertainFrom === undefined || m.uncertainFrom > settled)) {
      m.uncertainFrom = settled;
      m.uncertainWhy = { en: 'layers are added after an await whose function resumes later than the code that follows its call', 'zh-cn': '层在 await 之后添加，该函数恢复执行晚于其调用之后的代码' };
    }
    // A model another file's code made is shown at the analysed file's call that ran it.
    const own = (n: Node): Node => (this.owns(n) ? n : (m.site ?? (this.owns(m.madeAt) ? m.madeAt : n)));
    const startNode = own(m.startNode);
    const startRow = startNode.startPosition.row;
    const ann = annotations.find((a) => a.line >= startRow - 3 && a.line <= m.endRow);
    const recs = m.layers.map((id) => this.layers[id]).filter((r): r is LayerRec => r !== undefined);
    let inputs: number[][] = [];
    let source: InputSource = 'none';
    let output: ShapeResult = { known: false, reason: { en: 'no input shape', 'zh-cn': '没有输入形状' } };
    const modelDiags: ShapeDiagnostic[] = [];
    let misgiven: Msg | undefined;
    // A layer of this Sequential tfjs refuses as it is added (built before on another input): no model, no total.
    let refused: Msg | undefined;
    let outputList: ShapeResult[] | undefined;
    if (m.functional) {
      const ins = m.functional.inputs.t === 'arr' ? m.functional.inputs.items : [m.functional.inputs];
      // Every input in its place, or none: a two-input model whose first input is unknown does not show its second as the first.
      inputs = ins.every((v) => v.t === 'sym' && v.shape) ? ins.map((v) => (v as { shape: number[] }).shape) : [];
      // Shapes given in order (`--input`, "Set input shape…") that went to other inputs than this
      // model's in their places (another model's tf.input took the first, or a known input took no
      // shape): what was built on them is not this model's.
      misgiven = ins.some((v, i) => v.t === 'sym' && v.given !== undefined && v.givenAt !== i)
        ? { en: "the input shapes given could not be matched to this model's inputs in order", 'zh-cn': '给定的输入形状无法按顺序对应到该模型的输入' }
        : undefined;
      if (misgiven) {
        inputs = [];
        m.uncertainFrom = 0;
        m.uncertainWhy = misgiven;
      }
      const given = ins.find((v) => v.t === 'sym' && v.given !== undefined);
      source = inputs.length === 0 ? 'none' : given?.t === 'sym' && given.given ? given.given : 'inputShape';
      // (A model whose graph holds an apply tfjs refuses is never made: no output either.)
      const neverMade = m.incomplete && REFUSED_APPLIES.has(m.incomplete) ? m.incomplete : undefined;
      const shapeOf = (o: JsVal | undefined): ShapeResult =>
        o?.t === 'sym' && o.shape && !misgiven && !neverMade ? { known: true, shape: o.shape } : { known: false, reason: misgiven ?? neverMade ?? (o?.t === 'sym' && o.reason ? o.reason : { en: 'outputs not known', 'zh-cn': '输出未知' }) };
      const outs = m.functional.outputs.t === 'arr' ? m.functional.outputs.items : [m.functional.outputs];
      output = shapeOf(outs[0]);
      // `outputs: [a, b]`: tfjs's model.outputShape lists each (the first is `output`).
      if (m.functional.outputs.t === 'arr' && outs.length > 1) outputList = outs.map(shapeOf);
    } else {
      const first = recs[0];
      const declared = first ? (declaredInput(first.config) ?? this.nestedModelInput(first) ?? openEmbeddingInput(first)) : undefined;
      if (this.opts.forceInput?.[0]) {
        inputs = [this.opts.forceInput[0]];
        source = 'cli';
      } else if (ann?.shapes[0]) {
        inputs = [ann.shapes[0]];
        source = 'annotation';
      } else if (declared) {
        inputs = [declared];
        source = 'inputShape';
      } else if (this.opts.defaultInput) {
        inputs = [this.opts.defaultInput];
        source = 'setting';
      }
      // An annotation that disagrees with the first layer's inputShape: the layer would reject it.
      if (first && declared && inputs[0] && source !== 'inputShape' && !fitsDeclared(declared, inputs[0])) {
        const keyNode = first.configNodes.get('inputShape') ?? first.configNodes.get('batchInputShape') ?? first.configNodes.get('inputDim');
        const want = inputs[0].slice(1);
        const d: ShapeDiagnostic = {
          code: 'shape-mismatch', severity: 'error', range: this.range(keyNode ?? first.node, first.site), model: m.name, layer: first.name,
          message: { en: `${first.name} declares inputShape ${fmtShape(declared.slice(1))}, but the input is ${fmtShape(inputs[0])}`, 'zh-cn': `${first.name} 声明的 inputShape 为 ${fmtShape(declared.slice(1))}，但输入为 ${fmtShape(inputs[0])}` },
        };
        if (keyNode && first.configNodes.has('inputShape') && this.owns(keyNode)) d.fix = { title: { en: `Change inputShape to ${fmtShape(want)}`, 'zh-cn': `将 inputShape 改为 ${fmtShape(want)}` }, range: this.nc.range(keyNode), newText: fmtShape(want) };
        modelDiags.push(d);
      }
      let x: ShapeResult = inputs[0] ? { known: true, shape: inputs[0] } : output;
      recs.forEach((rec, i) => {
        if (m.uncertainFrom !== undefined && i >= m.uncertainFrom && x.known) x = { known: false, reason: m.uncertainWhy ?? { en: 'layers are added in a loop the analysis does not unroll', 'zh-cn': '层在无法展开的循环中添加' } };
        // An RNN returning its states gives a list: tfjs's Sequential takes one tensor per layer and throws.
        if (['lstm', 'gru', 'simpleRNN', 'rnn'].includes(rec.factory) && rec.config.get('returnState') === true && !refused) {
          const message = { en: 'returns its states too (returnState: true), but every layer of a Sequential model must give one tensor: tfjs throws (use tf.model with tf.input)', 'zh-cn': '还返回其状态（returnState: true），但 Sequential 模型的每一层只能输出一个张量：tfjs 会抛出错误（请用 tf.model 与 tf.input）' };
          this.layerProblem(rec, { message });
          refused = { en: `${rec.name} ${message.en}`, 'zh-cn': `${rec.name} ${message['zh-cn']}` };
          rec.calls.push({ range: this.range(rec.node, rec.site), input: x, output: { known: false, reason: refused }, steps: [] });
          x = { known: false, reason: refused };
          return;
        }
        if (x.known) {
          const ran = this.runLayer(rec, [x.shape], rec.node);
          refused ??= ran.refused;
          x = ran;
        }
        else {
          rec.calls.push({ range: this.range(rec.node, rec.site), input: x, output: x, steps: [] });
          if (m.uncertainFrom === undefined || i < m.uncertainFrom) rec.params ??= this.paramsWithoutInput(rec);
        }
      });
      // Layers not known may follow the last one listed (something unknown added, a method not seen called).
      if (m.uncertainFrom !== undefined && m.uncertainFrom >= recs.length && x.known) x = { known: false, reason: m.uncertainWhy ?? { en: 'its last layers are not known', 'zh-cn': '其最后的层未知' } };
      output = x;
    }
    const layerInfos: LayerInfo[] = recs.map((r) => {
      const last = r.calls[r.calls.length - 1];
      return {
        name: r.name, path: r.name, kind: r.kind, callee: r.callee, range: this.range(r.node, r.site), config: Object.fromEntries(r.config), calls: misgiven ? [] : r.calls,
        output: misgiven ? { known: false, reason: misgiven } : (last?.output ?? { known: false, reason: { en: 'never applied', 'zh-cn': '从未被调用' } }), params: r.params, conceptIds: conceptIdsFor('tfjs', r.callee, r.kind), depth: 0,
      };
    });
    for (const r of recs) for (const d of r.problems) modelDiags.push({ ...d, model: m.name });
    this.diags.push(...modelDiags);
    // Totals only when every layer is known (a loop may add more than the analysis lists).
    const total = m.uncertainFrom !== undefined || m.incomplete || refused ? null : layerInfos.reduce<number | null>((acc, l) => (acc === null || l.params === null ? null : acc + l.params), 0);
    if (m.uncertainFrom !== undefined) for (const l of layerInfos.slice(m.uncertainFrom)) l.params = null;
    // tfjs counts weights from the input a layer gets: an unknown count has the output's reason.
    const paramsWhy = (l: LayerInfo): Msg => (l.output.known ? { en: `${l.name}: its parameter count is not known`, 'zh-cn': `${l.name}：参数量未知` } : { en: `${l.name}: ${l.output.reason.en}`, 'zh-cn': `${l.name}：${l.output.reason['zh-cn']}` });
    layerInfos.forEach((l, i) => {
      if (l.params === null) l.paramsUnknown = m.uncertainFrom !== undefined && i >= m.uncertainFrom && m.uncertainWhy ? m.uncertainWhy : paramsWhy(l);
    });
    const firstUnknown = layerInfos.find((l) => l.params === null);
    const trace = layerInfos.flatMap((l, i) => l.calls.map((_, c) => ({ layer: i, call: c })));
    if (this.stopped) output = { known: false, reason: { en: 'the analysis stopped: the code is too large or too deeply nested to follow', 'zh-cn': '分析已停止：代码过大或嵌套过深' } };
    if (m.refusedModel) output = { known: false, reason: m.refusedModel };
    return {
      name: shownName(m), framework: 'tfjs', range: this.nc.range(own(m.nameNode)),
      extent: m.site && !this.owns(m.startNode) ? this.nc.range(m.site) : { start: { line: startRow, character: startNode.startPosition.column }, end: { line: m.endRow, character: m.endCol } },
      inputs, inputSource: source, layers: layerInfos, output, ...(outputList && output.known ? { outputs: outputList } : {}), totalParams: total, trace, flow: [],
      ...(total === null && (m.incomplete ?? m.uncertainWhy ?? refused ?? firstUnknown?.paramsUnknown) ? { totalParamsUnknown: m.incomplete ?? m.uncertainWhy ?? refused ?? firstUnknown!.paramsUnknown! } : {}),
    };
  }
}

type Frame = Map<string, { v: JsVal | undefined; lazy: Node | undefined }>;

/** The name a model is listed under: its variable's, else `model`, with the selector value it was built with. */
function shownName(m: ModelRec): string {
  return m.variant ? `${m.name || 'model'} (${m.variant})` : m.name || 'model';
}

/**
 * The value of a function that returns one of these, by conditions the analysis does not know.
 * Symbolic tensors stay one tensor made by all their layers (a layer only one path applies was
 * applied in a branch, so it is unknown in its model), shaped only where every path agrees;
 * anything else is unknown.
 */
function mergeReturns(vs: JsVal[]): JsVal {
  const first = vs[0]!;
  if (vs.every((v) => v === first)) return first;
  const why: Msg = { en: 'the function returns in a branch whose condition the analysis does not know', 'zh-cn': '函数在条件未知的分支中返回' };
  if (vs.every((v) => v.t === 'sym')) {
    const syms = vs as Extract<JsVal, { t: 'sym' }>[];
    const producers = [...new Set(syms.flatMap((v) => v.producers))].sort((a, b) => a - b);
    const shape = syms[0]!.shape;
    const broken = syms.find((v) => v.broken)?.broken;
    if (shape && syms.every((v) => v.shape?.join() === shape.join())) return { t: 'sym', shape, producers, ...(broken ? { broken } : {}) };
    // No path's shape is known: the last path's reason (the one through no early return) says why.
    const reason = syms.every((v) => v.shape === null) ? (syms[syms.length - 1]!.reason ?? why) : why;
    return { t: 'sym', shape: null, reason, producers, ...(broken ? { broken } : {}) };
  }
  const models = [...new Set(vs.flatMap((v) => (v.t === 'model' ? [v.id] : v.t === 'unknown' ? (v.models ?? []) : [])))];
  return { t: 'unknown', reason: why, ...(models.length > 0 ? { models } : {}) };
}

/** Names changed inside if/switch branches, with their values before (undefined: not set). */
type Journal = Map<string, JsVal | undefined>;

/** The variables: every change inside undecided branches is noted in the innermost journal. */
class JournaledEnv extends Map<string, JsVal> {
  readonly journals: Journal[] = [];

  override set(k: string, v: JsVal): this {
    this.note(k);
    return super.set(k, v);
  }

  override delete(k: string): boolean {
    this.note(k);
    return super.delete(k);
  }

  /** Puts back a value without noting it (undefined: removes the name). */
  restore(k: string, v: JsVal | undefined): void {
    if (v === undefined) super.delete(k);
    else super.set(k, v);
  }

  private note(k: string): void {
    const j = this.journals[this.journals.length - 1];
    if (j && !j.has(k)) j.set(k, super.get(k));
  }
}

class Stop extends Error {}
class Cancelled extends Error {}

/** The body of a callback that runs once per item (`sizes.forEach((n) => model.add(…))`). */
function isLoopCallback(block: Node): boolean {
  const fn = block.parent;
  if (fn?.type !== 'arrow_function' && fn?.type !== 'function_expression' && fn?.type !== 'function') return false;
  const call = fn.parent?.type === 'arguments' ? fn.parent.parent : undefined;
  const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : undefined;
  const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
  return method !== undefined && ['forEach', 'map', 'reduce', 'filter', 'flatMap', 'some', 'every'].includes(method);
}

function isStatement(n: Node): boolean {
  return isStatementType(n.type);
}

function isStatementType(type: string): boolean {
  return /(_statement|_declaration)$/.test(type) && type !== 'import_statement';
}

function enclosingStatement(n: Node): Node {
  let cur: Node = n;
  while (cur.parent && !isStatement(cur) && cur.parent.type !== 'program' && cur.parent.type !== 'statement_block') cur = cur.parent;
  return cur;
}

/** `get name() { … }` in a class body. */
function isGetter(m: Node): boolean {
  return m.type === 'method_definition' && m.children.some((c) => c?.type === 'get');
}

function toConfig(v: JsVal): ConfigValue {
  switch (v.t) {
    case 'num':
    case 'str':
    case 'bool':
      return v.v;
    case 'arr':
      return v.items.map(toConfig);
    default:
      return null;
  }
}

function isNums(v: ConfigValue): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number');
}

/**
 * Layers whose rule holds when a size other than the batch is open (-1: `shape: [null, 8]`, a
 * sequence of any length): element-wise layers, Dense / normalization on a known last axis, an
 * Embedding, recurrent layers over an open time axis, merges of identical shapes. Any other layer
 * with an open size is unknown.
 */
function openSizesFollowed(rec: LayerRec, shapes: number[][]): boolean {
  if (!shapes.some((s) => s.slice(1).some((d) => d < 0))) return true;
  const lastKnown = shapes.every((s) => (s[s.length - 1] ?? -1) >= 0);
  switch (rec.factory) {
    // (Permute moves an open size with its axis.)
    case 'dropout': case 'spatialDropout1d': case 'gaussianNoise': case 'gaussianDropout': case 'alphaDropout': case 'activation':
    case 'reLU': case 'leakyReLU': case 'softmax': case 'elu': case 'embedding': case 'masking': case 'thresholdedReLU': case 'permute':
      return true;
    case 'dense':
    case 'layerNormalization':
      return lastKnown;
    case 'batchNormalization': {
      const axis = rec.config.get('axis');
      return lastKnown && (axis === undefined || axis === -1 || axis === (shapes[0]?.length ?? 0) - 1);
    }
    // (Bidirectional: both directions run the wrapped RNN over the same steps.)
    case 'simpleRNN': case 'lstm': case 'gru': case 'rnn': case 'bidirectional':
      return lastKnown && shapes.every((s) => s.length === 3);
    // (ConvLSTM2D: any number of frames, the frame's sizes known.)
    case 'convLstm2d':
      return shapes.every((s) => s.length === 5 && s.slice(2).every((d) => d >= 0));
    // A nested model runs its own layers on the input, each checked the same way (runNested).
    case 'model': case 'sequential':
      return true;
    // The wrapped layer runs on each step's [batch, …]: an open number of steps passes through.
    case 'timeDistributed':
      return shapes.every((s) => s.slice(2).every((d) => d >= 0));
    // Convolutions and pooling over open spatial sizes (a fully convolutional net's `[null, null, 3]`):
    // the sizes stay open, the channels (which the weights need) must be known.
    case 'conv1d': case 'conv2d': case 'conv3d': case 'conv2dTranspose': case 'separableConv2d': case 'depthwiseConv2d': {
      const first = rec.config.get('dataFormat') === 'channelsFirst';
      return shapes.every((s) => (first ? (s[1] ?? -1) : (s[s.length - 1] ?? -1)) >= 0);
    }
    case 'maxPooling1d': case 'maxPooling2d': case 'maxPooling3d': case 'averagePooling1d': case 'averagePooling2d': case 'averagePooling3d':
    case 'globalAveragePooling1d': case 'globalAveragePooling2d': case 'globalMaxPooling1d': case 'globalMaxPooling2d':
    case 'upSampling2d': case 'zeroPadding2d': case 'cropping2D':
      return true;
    case 'add': case 'multiply': case 'average': case 'maximum': case 'minimum':
      return shapes.every((s) => s.join() === shapes[0]!.join());
    default:
      // A custom layer's own computeOutputShape (run by the analysis, null where tfjs passes null).
      return rec.callee.startsWith('new ');
  }
}

/**
 * A layer tfjs 4.22 refuses over an open size (`null`, as a Reshape's -1 leaves it): Flatten needs
 * every size ("not fully defined"); Dense sizes its kernel by the last one, when it is first built.
 */
function refusedOverOpenSizes(rec: LayerRec, shapes: number[][]): Msg | undefined {
  if (!rec.callee.startsWith('tf.layers.') || shapes.length !== 1) return undefined;
  const x = shapes[0]!;
  if (rec.factory === 'flatten' && x.slice(1).some((d) => d < 0)) {
    return { en: `is refused by tfjs: its input ${fmtShape(x)} has an open size (null), and Flatten needs every size ("not fully defined"; a Reshape's -1 stays null in tfjs)`, 'zh-cn': `被 tfjs 拒绝：其输入 ${fmtShape(x)} 含开放尺寸（null），Flatten 需要所有尺寸（"not fully defined"；tfjs 中 Reshape 的 -1 保持为 null）` };
  }
  if (rec.factory === 'dense' && rec.calls.length === 0 && (x[x.length - 1] ?? 0) < 0) {
    return { en: `is refused by tfjs: its kernel is sized by the input's last size, which is open (null) in ${fmtShape(x)} (a Reshape's -1 stays null in tfjs)`, 'zh-cn': `被 tfjs 拒绝：其权重由输入的最后一维决定，而 ${fmtShape(x)} 中该维是开放的（null）（tfjs 中 Reshape 的 -1 保持为 null）` };
  }
  return undefined;
}

/**
 * The text with comments, strings and regular expressions blanked (offsets kept): what the code itself
 * says. Read from the tree, so strings go too; blankComments (below) keeps strings, for text-level
 * scans of code fragments that have no tree of their own.
 */
function codeOnly(root: Node, text: string): string {
  const blanks: [number, number][] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'comment' || n.type === 'string' || n.type === 'string_fragment' || n.type === 'regex') blanks.push([n.startIndex, Math.min(n.endIndex, text.length)]);
    else for (const c of n.children) if (c) stack.push(c);
  }
  if (blanks.length === 0) return text;
  blanks.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [from, to] of blanks) {
    if (from < at) continue;
    out += text.slice(at, from) + text.slice(from, to).replace(/[^\n]/g, ' ');
    at = to;
  }
  return out + text.slice(at);
}

/** Does an input fit a declared input shape (same rank; a size the declaration leaves open takes any)? */
function fitsDeclared(declared: number[], input: number[]): boolean {
  return declared.length === input.length && declared.every((d, i) => i === 0 || d < 0 || d === input[i]);
}

function declaredInput(config: JsConfig): number[] | undefined {
  const bis = config.get('batchInputShape');
  if (bis !== undefined && Array.isArray(bis)) return bis.map((x) => (typeof x === 'number' ? x : -1));
  const sample = declaredSample(config);
  if (!sample) return undefined;
  // tfjs puts `batchSize` before the sample shape (`[batchSize].concat(inputShape)`); without it the batch is open.
  const batch = config.get('batchSize');
  if (batch === undefined || batch === null) return [-1, ...sample];
  return typeof batch === 'number' && Number.isInteger(batch) && batch > 0 ? [batch, ...sample] : undefined;
}

/**
 * An Embedding first in a Sequential with no inputLength (nor inputShape): tfjs's constructor gives
 * it the batch input `[batchSize, null]` anyway, a sequence of any length.
 */
function openEmbeddingInput(rec: LayerRec): number[] | undefined {
  if (rec.factory !== 'embedding' || !rec.callee.startsWith('tf.layers.')) return undefined;
  const c = rec.config;
  if (c.get('outputDim') === undefined || ['inputShape', 'batchInputShape', 'inputLength'].some((k) => c.get(k) !== undefined && c.get(k) !== null)) return undefined;
  const batch = c.get('batchSize');
  if (batch === undefined || batch === null) return [-1, -1];
  return typeof batch === 'number' && Number.isInteger(batch) && batch > 0 ? [batch, -1] : undefined;
}

/** The declared input without its batch dimension (inputShape, inputDim, an Embedding's inputLength). */
function declaredSample(config: JsConfig): number[] | undefined {
  const sample = declaredSampleAsWritten(config);
  // A size of 0 (`inputShape: [numFeatures]` with a placeholder default `numFeatures = 0`, the real
  // size coming from data the caller loads): tfjs would build an empty model, which no code means.
  return sample?.includes(0) ? undefined : sample;
}

function declaredSampleAsWritten(config: JsConfig): number[] | undefined {
  const is = config.get('inputShape');
  if (is !== undefined && isNums(is)) return is;
  // `inputShape: [null, 8]`: an open size (-1), as tfjs leaves it.
  if (Array.isArray(is) && is.length > 0 && is.every((x) => x === null || (typeof x === 'number' && Number.isInteger(x) && x >= 0))) return is.map((x) => (typeof x === 'number' ? x : -1));
  // tfjs concatenates: `inputShape: 1` is [1].
  if (typeof is === 'number') return [is];
  const dim = config.get('inputDim');
  if (typeof dim === 'number' && config.get('outputDim') === undefined) return [dim];
  // An Embedding's `inputLength` is its input's length (tfjs makes it the batchInputShape).
  const length = config.get('inputLength');
  if (config.get('outputDim') !== undefined && typeof length === 'number') return [length];
  if (config.get('outputDim') !== undefined && length !== undefined && isNums(length)) return length;
  return undefined;
}

/** `a/b/../c/./d` → `a/c/d`. */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return `/${out.join('/')}`;
}

/** tfjs's toSnakeCase (generic_utils.ts): `MaxPooling2D` → `max_pooling2d`, `SimpleRNN` → `simple_rnn`. */
function snake(kind: string): string {
  const intermediate = kind.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2');
  const insecure = intermediate.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return insecure.startsWith('_') ? `private${insecure}` : insecure;
}

/** The identifier `name` as a whole word (names may hold `$`). */
function wordRe(name: string): RegExp {
  return new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
}

/** A property of an object value, or of the tf namespace. */
function propOf(v: JsVal, key: string): JsVal {
  if (v.t === 'tf') return { t: 'tf', path: `${v.path}.${key}` };
  if (v.t === 'lib') return { t: 'lib', path: `${v.path}.${key}` };
  if (v.t === 'extmod') return { t: 'ext', name: key };
  if (v.t === 'obj') return v.props.get(key)?.v ?? { t: 'null' };
  return v.t === 'unknown' ? v : U(`${key} is not known`, `${key} 未知`);
}

/**
 * The `argparse` package (1.x `addArgument`/`parseArgs`, 2.x `add_argument`/`parse_args`): the
 * parsed arguments of a run without command-line flags are the defaults. An option without a
 * default (a positional one, `modelType`) is unknown: its value comes from the command line.
 */
function argparseCall(p: { t: 'argparser'; options: Map<string, JsVal> }, method: string, vals: JsVal[]): JsVal {
  if (method === 'addArgument' || method === 'add_argument') {
    const last = vals[vals.length - 1];
    const opts = last?.t === 'obj' ? last : undefined;
    const names: string[] = [];
    for (const v of opts ? vals.slice(0, -1) : vals) {
      if (v.t === 'str') names.push(v.v);
      else if (v.t === 'arr') for (const i of v.items) if (i.t === 'str') names.push(i.v);
    }
    const first = names.find((n) => n.startsWith('--')) ?? names[0];
    if (first === undefined) return { t: 'null' };
    const opt = (k: string): JsVal | undefined => opts?.props.get(k)?.v;
    const destV = opt('dest');
    const dest = destV?.t === 'str' ? destV.v : first.replace(/^-+/, '').replace(/-/g, '_');
    const def = opt('defaultValue') ?? opt('default');
    const action = opt('action');
    const type = opt('type');
    let value: JsVal;
    if (def !== undefined) value = def.t === 'str' && type?.t === 'str' && (type.v === 'int' || type.v === 'float') && Number.isFinite(Number(def.v)) ? { t: 'num', v: Number(def.v) } : def;
    else if (action?.t === 'str' && /^store_?[Tt]rue$/.test(action.v)) value = { t: 'bool', v: false };
    else if (action?.t === 'str' && /^store_?[Ff]alse$/.test(action.v)) value = { t: 'bool', v: true };
    else value = U(`'${first}' has no default: its value comes from the command line`, `'${first}' 没有默认值：其值来自命令行`);
    p.options.set(dest, value);
    return { t: 'null' };
  }
  if (method === 'parseArgs' || method === 'parse_args') return { t: 'obj', props: new Map([...p.options].map(([k, v]) => [k, { v }])) };
  return U(`parser.${method}() is not followed`, `不分析 parser.${method}()`);
}

/** The number and string arithmetic of `+=`-style updates; undefined when not decided. */
function arithmetic(op: string, a: JsVal, b: JsVal): JsVal | undefined {
  if (op === '+' && ((a.t === 'str' && (b.t === 'str' || b.t === 'num')) || (a.t === 'num' && b.t === 'str'))) return { t: 'str', v: `${a.v}${b.v}` };
  if (a.t !== 'num' || b.t !== 'num') return undefined;
  switch (op) {
    case '+': return { t: 'num', v: a.v + b.v };
    case '-': return { t: 'num', v: a.v - b.v };
    case '*': return { t: 'num', v: a.v * b.v };
    case '/': return { t: 'num', v: a.v / b.v };
    case '%': return { t: 'num', v: a.v % b.v };
    case '**': return { t: 'num', v: a.v ** b.v };
    // Bitwise operators on 32-bit integers, as JavaScript does (`x | 0`, `n >> 1`).
    case '|': return { t: 'num', v: a.v | b.v };
    case '&': return { t: 'num', v: a.v & b.v };
    case '^': return { t: 'num', v: a.v ^ b.v };
    case '<<': return { t: 'num', v: a.v << b.v };
    case '>>': return { t: 'num', v: a.v >> b.v };
    case '>>>': return { t: 'num', v: a.v >>> b.v };
    default: return undefined;
  }
}

const LIST_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

/**
 * May an `Object.assign(target, …sources)` of the code add `prop` to a plain object? Not when its
 * target is `this` or a fresh `{…}` (an instance or a new object), nor when every source is an
 * object literal without that key (`Object.assign(config, {k: this.k})` in a layer's getConfig).
 */
function assignMayAdd(code: string, prop: string): boolean {
  for (const m of code.matchAll(/\bObject\s*\.\s*assign\s*\(/g)) {
    // The call's argument text, to its closing parenthesis.
    let depth = 1;
    let end = m.index + m[0].length;
    while (end < code.length && depth > 0) {
      const ch = code[end++];
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
    }
    const args = splitTopLevel(code.slice(m.index + m[0].length, end - 1));
    const target = args[0]?.trim() ?? '';
    if (/^(?:this|\{[\s\S]*\}|Object\s*\.\s*create\s*\([\s\S]*\))$/.test(target)) continue;
    const sources = args.slice(1).map((a) => a.trim());
    const literalKeys = (src: string): string[] | undefined => {
      if (!/^\{[\s\S]*\}$/.test(src)) return undefined;
      const parts = splitTopLevel(src.slice(1, -1)).map((x) => x.trim()).filter((x) => x !== '');
      const keys = parts.map((x) => /^([A-Za-z_$][\w$]*)\s*(?::|$)/.exec(x)?.[1] ?? /^['"]([^'"]+)['"]\s*:/.exec(x)?.[1]);
      return keys.every((k): k is string => k !== undefined) ? keys : undefined;
    };
    if (sources.length > 0 && sources.every((src) => literalKeys(src)?.includes(prop) === false)) continue;
    return true;
  }
  return false;
}

/** A list's text split at its top-level commas. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(from, i));
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out;
}

/**
 * The code with its comments blanked (newlines kept, so lines stay where they were); strings are
 * kept whole, so `'http://…'` is no comment.
 */
function blankComments(code: string): string {
  return code.replace(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m, str: string | undefined) => str ?? m.replace(/[^\n]/g, ' '));
}

/**
 * Names a piece of code assigns or changes in place: `n = …`, `n += …`, `n++`, `xs.push(…)`,
 * `cfg.units = …` (cfg), `this.n = …` (this.n). A text test, so it may list a few more.
 */
/** Names a module exports (`module.exports = { a, b: c }`, `exports.a =`, `export const a`, `export { a }`). */
function exportedNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\bmodule\.exports\s*=\s*\{([^}]*)\}|\bexport\s*\{([^}]*)\}/g)) {
    for (const part of (m[1] ?? m[2]!).split(',')) {
      // (`b: c` exports c's value; `a as b` a's.)
      const name = /(?:^|:)\s*([A-Za-z_$][\w$]*)\s*(?:as\s+[\w$]+\s*)?$/.exec(part.trim())?.[1] ?? /^\s*([A-Za-z_$][\w$]*)/.exec(part)?.[1];
      if (name) out.add(name);
    }
  }
  for (const m of text.matchAll(/\b(?:module\.)?exports\.[A-Za-z_$][\w$]*\s*=\s*([A-Za-z_$][\w$]*)\s*[;\n]/g)) out.add(m[1]!);
  for (const m of text.matchAll(/\bexport\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g)) out.add(m[1]!);
  return out;
}

/**
 * The variables and property paths code changes (`a.b.c = 1`, `a.b.push(x)`, `a[i] = x` → a, `n++`),
 * without `this.`'s; `made`: the change is a plain assignment of what a call, `new` or `await` makes
 * (`model = createModel()`), not a size or a list.
 */
function pathsChangedIn(code: string): { path: string[]; made: boolean }[] {
  const src = code;
  const name = '([A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*)';
  const index = '(?:\\s*\\[[^\\]]*\\](?:\\s*(?:\\.\\s*[A-Za-z_$][\\w$]*|\\[[^\\]]*\\]))*)?';
  const assign = new RegExp(`(?<![\\w$.])${name}${index}\\s*((?:[-+*/%&|^]|\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?)?)=(?![=>])\\s*(new\\b|(?:await\\s+)?[A-Za-z_$][\\w$.]*\\s*\\()?`, 'g');
  const patterns = [
    new RegExp(`(?<![\\w$.])${name}${index}\\s*(?:\\+\\+|--)`, 'g'),
    new RegExp(`(?:\\+\\+|--)\\s*${name}`, 'g'),
    new RegExp(`(?<![\\w$.])${name}${index}\\s*\\.\\s*(?:${[...LIST_MUTATORS].join('|')})\\s*\\(`, 'g'),
    new RegExp(`\\bdelete\\s+${name}`, 'g'),
    new RegExp(`\\bObject\\.assign\\s*\\(\\s*${name}`, 'g'),
  ];
  const out: { path: string[]; made: boolean }[] = [];
  const declared = (at: number): boolean => /\b(?:let|const|var)\s+$/.test(src.slice(Math.max(0, at - 12), at));
  for (const m of src.matchAll(assign)) {
    if (declared(m.index!)) continue;
    // (What a model maker returns — `new …`, createModel(), tf.loadLayersModel(…) — not a number parsed or fetched.)
    const callee = (m[3] ?? '').replace(/^await\s+/, '');
    const made = m[3] !== undefined && (/^new\b/.test(callee) || /(?:^|\.)(?:\w*(?:[Mm]odel|[Nn]et|[Ss]equential|[Aa]gent|[Nn]etwork)\w*|(?:create|build|make|load)[A-Z]\w*)\s*\($/.test(callee));
    out.push({ path: m[1]!.split('.').map((x) => x.trim()), made: m[2] === '' && made && !m[0].includes('[') });
  }
  for (const re of patterns) for (const m of src.matchAll(re)) if (!declared(m.index!)) out.push({ path: m[1]!.split('.').map((x) => x.trim()), made: false });
  return out;
}

function namesChangedIn(code: string): Set<string> {
  const out = new Set<string>();
  // (`// count it.` before `n += 1` would otherwise read as `it.n += 1`.)
  const src = blankComments(code);
  const name = '((?:this\\s*\\.\\s*)?[A-Za-z_$][\\w$]*)';
  const path = '(?:\\s*(?:\\.\\s*[A-Za-z_$][\\w$]*|\\[[^\\]]*\\]))*';
  const patterns = [
    new RegExp(`(?<![\\w$.])${name}${path}\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?)?=(?![=>])`, 'g'),
    new RegExp(`(?<![\\w$.])${name}${path}\\s*(?:\\+\\+|--)`, 'g'),
    new RegExp(`(?:\\+\\+|--)\\s*${name}`, 'g'),
    new RegExp(`(?<![\\w$.])${name}${path}\\s*\\.\\s*(?:${[...LIST_MUTATORS].join('|')})\\s*\\(`, 'g'),
  ];
  for (const re of patterns) for (const m of src.matchAll(re)) out.add(m[1]!.replace(/\s+/g, ''));
  return out;
}

/**
 * A write under a computed key (`o[k] = v`) that may add a property to an object: any, except one
 * into a name the text binds once, as an array or typed array (`const view = new Float32Array(10)`,
 * `const xs = []`), and never as a parameter or again: its indexes are no object's properties.
 */
function computedKeyWrites(source: string): boolean {
  // (`// obj[k] = v` writes nothing.)
  const text = blankComments(source);
  for (const m of text.matchAll(/([A-Za-z_$][\w$]*)?\s*\[\s*[A-Za-z_$][\w$.]*\s*\]\s*=(?!=)/g)) {
    const name = m[1];
    if (!name || !onlyAnArray(text, name)) return true;
  }
  return false;
}

function onlyAnArray(text: string, name: string): boolean {
  const n = escapeRe(name);
  const declared = [...text.matchAll(new RegExp(`\\b(?:const|let|var)\\s+${n}\\s*=\\s*(\\[|new\\s+(?:Array|(?:Float|Int|Uint)(?:8|16|32|64)(?:Clamped)?Array)\\s*\\()?`, 'g'))];
  if (declared.length !== 1 || declared[0]![1] === undefined) return false;
  // Bound another way: a parameter (`function f(view)`, `(view) =>`, `view =>`), a plain assignment, a destructuring.
  const other = new RegExp(`\\([^()]*(?<![\\w$.])${n}(?![\\w$])[^()]*\\)\\s*(?:=>|\\{)|(?<![\\w$.])${n}\\s*=>|(?<![\\w$.]|(?:const|let|var)\\s+)${n}\\s*=(?!=)|[{,]\\s*${n}\\s*[,}]`);
  return !other.test(text);
}

/**
 * A classic script, which a page loads with a <script> tag (its top-level names are globals): no
 * import or export, and no require or module.exports unless `nodeToo` (a page script that also
 * exports itself for Node, `if (typeof module !== 'undefined') module.exports = Bird`).
 */
function isClassicScript(text: string, nodeToo = false): boolean {
  if (/(?:^|[\s;])(?:import(?:\s+[\w{*]|\s*['"(])|export\s)/.test(text)) return false;
  return nodeToo || !/(?:^|[\s;])(?:module\.exports|exports\.\w|require\s*\()/.test(text);
}

function isPlain(v: JsVal): v is { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'bool'; v: boolean } | { t: 'null' } {
  return v.t === 'num' || v.t === 'str' || v.t === 'bool' || v.t === 'null';
}

function plainEqual(a: JsVal, b: JsVal): boolean {
  if (a.t === 'null' || b.t === 'null') return a.t === b.t;
  return a.t === b.t && (a as { v: unknown }).v === (b as { v: unknown }).v;
}

/** `==` of two plain values: a string or a boolean against a number compares as numbers (`i == 0` with `for (i in list)`'s "0"). */
function looseEqual(a: JsVal, b: JsVal): boolean {
  if (a.t === 'null' || b.t === 'null' || a.t === b.t) return plainEqual(a, b);
  const asNumber = (v: JsVal): number => (v.t === 'num' ? v.v : v.t === 'bool' ? Number(v.v) : v.t === 'str' ? Number(v.v) : NaN);
  return asNumber(a) === asNumber(b);
}

/** JavaScript truthiness of a value the analysis knows, else undefined. */
function truthiness(v: JsVal): boolean | undefined {
  switch (v.t) {
    case 'bool': return v.v;
    case 'num': return v.v !== 0 && !Number.isNaN(v.v);
    case 'str': return v.v !== '';
    case 'null': return false;
    // A symbolic tensor is an object: `shortcut || x` with a shortcut made is the shortcut.
    case 'arr': case 'obj': case 'model': case 'layer': case 'fn': case 'cls': case 'sym': return true;
    default: return undefined;
  }
}

const num1 = (f: (x: number) => number) => (vs: JsVal[]): JsVal => (vs[0]?.t === 'num' ? { t: 'num', v: f(vs[0].v) } : U('the argument is not known', '参数未知'));
const numN = (f: (...x: number[]) => number) => (vs: JsVal[]): JsVal => (vs.length > 0 && vs.every((v) => v.t === 'num') ? { t: 'num', v: f(...vs.map((v) => (v as { v: number }).v)) } : U('the arguments are not known', '参数未知'));
/** The few standard functions sizes are computed with; each answers only for values it knows. */
/** parseInt / parseFloat / Number of a plain value (a radix only as a known number). */
function toNumber(vs: JsVal[], f: (x: string | number | boolean, radix?: number) => number): JsVal {
  const [x, radix] = vs;
  if (!x || (x.t !== 'str' && x.t !== 'num' && x.t !== 'bool') || (radix !== undefined && radix.t !== 'num')) return U('the argument is not known', '参数未知');
  return { t: 'num', v: f(x.v, radix?.v) };
}

/** Global functions of JavaScript, called by name (`parseInt(s)`), unless the file defines its own. */
const GLOBAL_FUNCTIONS: Record<string, (vs: JsVal[]) => JsVal> = {
  parseInt: (vs) => toNumber(vs, (x, radix) => parseInt(String(x), radix)),
  parseFloat: (vs) => toNumber(vs, (x) => parseFloat(String(x))),
  Number: (vs) => (vs.length === 0 ? { t: 'num', v: 0 } : vs[0]!.t === 'null' ? U('Number of null or undefined', 'null 或 undefined 的 Number') : toNumber(vs.slice(0, 1), (x) => Number(x))),
};

const BUILTINS: Record<string, (vs: JsVal[]) => JsVal> = {
  'Math.floor': num1(Math.floor), 'Math.ceil': num1(Math.ceil), 'Math.round': num1(Math.round), 'Math.sqrt': num1(Math.sqrt), 'Math.abs': num1(Math.abs),
  'Math.max': numN(Math.max), 'Math.min': numN(Math.min), 'Math.pow': numN(Math.pow),
  'Math.trunc': num1(Math.trunc), 'Math.sign': num1(Math.sign), 'Math.log2': num1(Math.log2), 'Math.log10': num1(Math.log10), 'Math.log': num1(Math.log), 'Math.exp': num1(Math.exp), 'Math.cbrt': num1(Math.cbrt),
  // JavaScript's own conversions of a string, number or boolean (`parseInt(args.units)`, `Number('64')`).
  // A promise stands for what it resolves to, as `await` reads it (`Promise.resolve(m).then(…)`).
  'Promise.resolve': (vs) => vs[0] ?? { t: 'null' },
  'Number.parseInt': (vs) => toNumber(vs, (x, radix) => Number.parseInt(String(x), radix)),
  'Number.parseFloat': (vs) => toNumber(vs, (x) => Number.parseFloat(String(x))),
  'Array.isArray': (vs) => (vs[0] && (isPlain(vs[0]) || vs[0].t === 'arr' || vs[0].t === 'obj') ? { t: 'bool', v: vs[0].t === 'arr' } : U('the argument is not known', '参数未知')),
  'Number.isInteger': (vs) => (vs[0] && (isPlain(vs[0]) || vs[0].t === 'arr' || vs[0].t === 'obj') ? { t: 'bool', v: vs[0].t === 'num' && Number.isInteger(vs[0].v) } : U('the argument is not known', '参数未知')),
};

/** Settings that change no shape and no parameter count: their values need not be known. */
const SHAPE_FREE_SETTING = /(?:Initializer|Regularizer|Constraint)$|^(?:name|trainable|activation|recurrentActivation|epsilon|momentum|rate|seed|dtype|inputDType|dropout|recurrentDropout|stddev|alpha|theta|maxValue|negativeSlope|threshold|unroll|interpolation|maskZero|implementation)$/;

/**
 * The setting of a layer's options the analysis cannot read, named for the reason shown (the whole
 * object when it is not known or may hold options it cannot list); undefined when every setting
 * that can change a shape or count is known or left out. The input's shape keys have their own rule.
 */
function unreadSetting(config: JsVal | undefined, except?: string): string | undefined {
  if (config?.t === 'unknown') return 'the options object';
  // A number or string in its place (`tf.layers.dropout(0.1)`) has no options: tfjs's defaults hold.
  if (config?.t !== 'obj') return undefined;
  if (!config.closed) return 'an option spread from an object the analysis cannot list';
  const unknownIn = (v: JsVal, depth: number): boolean => v.t === 'unknown' || (v.t === 'arr' && depth < 8 && v.items.some((x) => unknownIn(x, depth + 1)));
  for (const [k, { v }] of config.props) if (k !== except && !SHAPE_KEYS.has(k) && !SHAPE_FREE_SETTING.test(k) && unknownIn(v, 0)) return `'${k}'`;
  return undefined;
}

/** A layer whose output the analysis computes but whose parameter count it does not know. */
function countUnknown(spec: TfLayerSpec | undefined): TfLayerSpec | undefined {
  if (!spec) return undefined;
  return {
    ...spec,
    apply: (shapes) => {
      const r = spec.apply(shapes);
      return { output: r.output, params: null, ...(r.problem ? { problem: r.problem } : {}) };
    },
  };
}

/** A layer whose output and parameters the analysis does not compute. */
function opaqueSpec(kind: string, reason: Msg): TfLayerSpec {
  return { kind, apply: () => ({ output: unknown(reason.en, reason['zh-cn']), params: null }) };
}

/** The reasons of applies tfjs refuses (rebuiltRefusal), as lost tensors carry them on to a model's outputs. */
const REFUSED_APPLIES = new WeakSet<Msg>();

/** tf.layers whose weights fix the width they take once built (tfjs 4.22's inputSpec checks the feature axis). */
const WIDTH_FIXED_WHEN_BUILT = new Set(['dense', 'conv1d', 'conv2d', 'conv3d', 'conv2dTranspose', 'separableConv2d', 'batchNormalization', 'lstm', 'gru', 'simpleRNN']);
/** …and those whose inputSpec fixes the whole shape past these leading axes (TimeDistributed: the steps too). */
const SHAPE_FIXED_WHEN_BUILT: Record<string, number> = { timeDistributed: 1, convLstm2d: 2 };

/**
 * A layer applied again (shared by two models, or applied twice) to an input its first build does not
 * fit: tfjs throws "Input 0 is incompatible with layer …". (LayerNormalization, PReLU, Bidirectional
 * and depthwiseConv2d check nothing and keep their first weights: not refused.)
 */
/** Layers tfjs 4.22 refuses to apply to a list of tensors (their inputSpec or shape rule takes one; checked in tfjs). */
const ONE_INPUT_ONLY: ReadonlySet<string> = new Set([
  'dense', 'conv1d', 'conv2d', 'conv3d', 'conv2dTranspose', 'conv3dTranspose', 'separableConv2d', 'depthwiseConv2d', 'flatten', 'reshape', 'permute', 'repeatVector',
  'maxPooling1d', 'maxPooling2d', 'maxPooling3d', 'averagePooling1d', 'averagePooling2d', 'averagePooling3d', 'globalAveragePooling1d', 'globalAveragePooling2d', 'globalMaxPooling1d', 'globalMaxPooling2d',
  'batchNormalization', 'layerNormalization', 'embedding', 'upSampling2d', 'zeroPadding2d', 'cropping2D', 'timeDistributed',
]);

/** `tf.layers.dense({…}).apply([a, b])`: a layer of one input given a list: tfjs throws ("expects 1 inputs, but it received 2"). */
function listRefusal(rec: LayerRec, shapes: number[][]): ReturnType<TfLayerSpec['apply']> | undefined {
  if (shapes.length < 2 || !rec.callee.startsWith('tf.layers.') || !ONE_INPUT_ONLY.has(rec.factory)) return undefined;
  const message = { en: `takes one input, gets a list of ${shapes.length} (tfjs throws when it is applied; merge them first, e.g. tf.layers.concatenate)`, 'zh-cn': `只接受一个输入，实际为 ${shapes.length} 个张量的列表（tfjs 在 apply 时抛出错误；请先合并，例如 tf.layers.concatenate）` };
  return { output: unknown(`${rec.name} ${message.en}`, `${rec.name} ${message['zh-cn']}`), params: null, problem: { message } };
}

function rebuiltRefusal(rec: LayerRec, shapes: number[][]): ReturnType<TfLayerSpec['apply']> | undefined {
  const fixedFrom = SHAPE_FIXED_WHEN_BUILT[rec.factory];
  if (!rec.callee.startsWith('tf.layers.') || (fixedFrom === undefined && !WIDTH_FIXED_WHEN_BUILT.has(rec.factory))) return undefined;
  const first = rec.calls.find((c) => c.input.known)?.input;
  const x = shapes[0];
  if (!first?.known || !x || shapes.length !== 1) return undefined;
  // (BatchNormalization's inputSpec fixes the rank too: `ndim`.)
  const differs = fixedFrom !== undefined
    ? first.shape.length !== x.length || first.shape.slice(fixedFrom).join() !== x.slice(fixedFrom).join()
    : (rec.factory === 'batchNormalization' && first.shape.length !== x.length) || ((a, b) => a !== null && b !== null && a !== b)(rec.spec.apply([first.shape]).params, rec.spec.apply([x]).params);
  if (!differs) return undefined;
  const message = { en: `was built on the input ${fmtShape(first.shape)} and is applied again to ${fmtShape(x)}: tfjs refuses it (its weights fit the first input)`, 'zh-cn': `基于输入 ${fmtShape(first.shape)} 构建后又作用于 ${fmtShape(x)}：tfjs 拒绝（其权重只适合第一次的输入）` };
  return { output: unknown(`${rec.name} ${message.en}`, `${rec.name} ${message['zh-cn']}`), params: null, problem: { message } };
}

/** A value from another file's run, kept only if it is plain data (no nodes, layers or models of that file). */
function portable(v: JsVal): JsVal {
  switch (v.t) {
    case 'num': case 'str': case 'bool': case 'null': case 'tf': case 'unknown':
      return v;
    case 'arr':
      return { t: 'arr', items: v.items.map(portable) };
    case 'obj':
      return { t: 'obj', props: new Map([...v.props].map(([k, p]) => [k, { v: portable(p.v) }])) };
    default:
      return U('the caller passes a value of its own file (a model, layer or function)', '调用者传入其所在文件中的值（模型、层或函数）');
  }
}

/**
 * A value another workspace file gives an import: plain values (unless the file changes them after
 * their declaration) and its classes and functions; not its models, layers or instances.
 */
function importValue(v: JsVal, name: string, text: string, depth = 0, models?: Set<number>): JsVal {
  // (tfjs's namespace and its members are the same in every file: `export { tf, layers, sequential }` of a project's tfimport.)
  if (v.t === 'fn' || v.t === 'cls' || v.t === 'tf') return v;
  // `const model = require('./model')`: the model the file made, shown where it is imported.
  if (v.t === 'model' && models) {
    models.add(v.id);
    return v;
  }
  if ((v.t === 'num' || v.t === 'str' || v.t === 'bool' || v.t === 'null') && (depth > 0 || !changedLater(text, name))) return v;
  if (v.t === 'unknown') return v;
  if (depth < 8 && v.t === 'arr' && (depth > 0 || !changedLater(text, name))) return { t: 'arr', items: v.items.map((x) => importValue(x, name, text, depth + 1, models)) };
  if (depth < 8 && v.t === 'obj' && !v.inst && (depth > 0 || !changedLater(text, name))) return { t: 'obj', props: new Map([...v.props].map(([k, p]) => [k, { v: importValue(p.v, k, text, depth + 1, models) }])) };
  return U(`${name}: what another file makes or changes is analysed in that file`, `${name}：另一文件创建或修改的值在该文件中分析`);
}

/** The text of a program's outermost functions and methods (code that runs when it is called, not when the file is read). */
function functionsText(root: Node): string {
  const parts: string[] = [];
  const walk = (n: Node): void => {
    if (FUNCTION_LIKE.has(n.type)) {
      parts.push(n.text);
      return;
    }
    for (const c of n.namedChildren) if (c) walk(c);
  };
  walk(root);
  return parts.join('\n');
}

/** A literal made only of literals (numbers, strings, booleans, null, arrays and objects of them): nothing it reads can change. */
function isPlainLiteral(root: Node): boolean {
  // (Walked with a stack of its own: a 10,000-deep array literal must not overflow the call stack.)
  const stack: Node[] = [root];
  let budget = 100_000;
  while (stack.length > 0) {
    if (--budget < 0) return false;
    const n = stack.pop()!;
    switch (n.type) {
      case 'number': case 'string': case 'true': case 'false': case 'null': case 'undefined': case 'comment':
        break;
      case 'template_string':
        if (n.namedChildren.some((c) => c?.type === 'template_substitution')) return false;
        break;
      case 'unary_expression':
        if (!/^[-+]/.test(n.text) || n.namedChild(0)?.type !== 'number') return false;
        break;
      case 'parenthesized_expression':
      case 'array':
        for (const c of n.namedChildren) if (c) stack.push(c);
        break;
      case 'object':
        for (const c of n.namedChildren) {
          if (!c || c.type === 'comment') continue;
          const value = c.type === 'pair' ? c.childForFieldName('value') : null;
          if (!value || c.childForFieldName('key')?.type === 'computed_property_name') return false;
          stack.push(value);
        }
        break;
      default:
        return false;
    }
  }
  return true;
}

/** The files a relative import may name: as written, with an extension, a folder's index; TypeScript's `./x.js` for `./x.ts`. */
function importCandidates(base: string): string[] {
  const ts = /\.[cm]?js$/.test(base) ? [base.replace(/\.([cm]?)js$/, '.$1ts'), base.replace(/\.[cm]?js$/, '.tsx')] : [];
  return [base, `${base}.js`, `${base}.ts`, `${base}.mjs`, `${base}/index.js`, `${base}/index.ts`, ...ts];
}

/** `name = (…) => {…}` (or a function expression) in a class body: the field's name and the function. */
function arrowField(m: Node, nc: typeof DIRECT): { name: string; node: Node } | undefined {
  if (m.type !== 'field_definition' && m.type !== 'public_field_definition') return undefined;
  if (m.children.some((c) => c?.type === 'static')) return undefined;
  const name = nc.field(m, 'property') ?? nc.field(m, 'name');
  const value = nc.field(m, 'value');
  if (name?.type !== 'property_identifier' || !value || !FUNCTION_NODES.has(value.type)) return undefined;
  return { name: name.text, node: value };
}

/** A shape as tfjs gives it to a layer's code: a list of sizes, null where open (the batch). */
function shapeValue(shape: number[]): JsVal {
  return { t: 'arr', items: shape.map((d) => (d < 0 ? { t: 'null' as const } : { t: 'num' as const, v: d })) };
}

/** `await main();`, `const m = await build();`: a top-level statement that awaits what it calls. */
function awaitsItsCall(stmt: Node): boolean {
  if (stmt.type === 'expression_statement') return stmt.namedChild(0)?.type === 'await_expression';
  if (stmt.type === 'lexical_declaration' || stmt.type === 'variable_declaration') return stmt.namedChildren.some((d) => d?.type === 'variable_declarator' && d.childForFieldName('value')?.type === 'await_expression');
  return false;
}

/** Test files build models with toy sizes: their calls do not say how a builder is used. */
function isTestFile(path: string): boolean {
  return /(^|\/)(__tests__|tests?|spec)\//.test(path) || /[._-](test|spec)\.[cm]?[jt]sx?$/.test(path);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `\\n` → a newline, as JavaScript reads a string literal's escape. */
function unescapeJs(e: string): string {
  const c = e.slice(1);
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
  if (c in simple) return simple[c]!;
  if (/^x[0-9a-fA-F]{2}$/.test(c) || /^u[0-9a-fA-F]{4}$/.test(c)) return String.fromCharCode(parseInt(c.slice(1), 16));
  if (/^u\{[0-9a-fA-F]+\}$/.test(c)) return String.fromCodePoint(parseInt(c.slice(2, -1), 16));
  if (/^\r?\n$|^[\u2028\u2029]$/.test(c)) return '';
  return c;
}

/** A text key of a plain value (Maps included), to compare the arguments of different calls. */
function valueKey(v: JsVal): string {
  switch (v.t) {
    case 'num': case 'str': case 'bool': return `${v.t}:${JSON.stringify(v.v)}`;
    case 'arr': return `[${v.items.map(valueKey).join(',')}]`;
    case 'obj': return `{${[...v.props].map(([k, p]) => `${JSON.stringify(k)}:${valueKey(p.v)}`).join(',')}}`;
    case 'tf': return `tf:${v.path}`;
    default: return v.t;
  }
}

/** A list of known sizes (`[8, 12, 1]`); undefined when any is not a known non-negative integer. */
function knownDims(v: JsVal | undefined): number[] | undefined {
  return v?.t === 'arr' && v.items.every((d) => d.t === 'num' && Number.isInteger(d.v) && d.v >= 0) ? v.items.map((d) => (d as { v: number }).v) : undefined;
}

/** tfjs functions that make a tensor of data: what their shape comes from. */
const DATA_TENSORS = /^(?:tensor(?:[1-6]d)?|zeros|ones|fill|randomNormal|randomUniform|truncatedNormal|randomStandardNormal|zerosLike|onesLike|oneHot)$/;

/**
 * A tensor of data made by tf.tensor2d / zeros / randomNormal / …: an object whose `shape`,
 * `rank` and `size` are known when its shape is (`inputShape: [xs.shape[1]]`); its values
 * are not followed. undefined for other functions.
 */
function dataTensor(path: string, vals: JsVal[]): JsVal | undefined {
  if (!DATA_TENSORS.test(path)) return undefined;
  const dims = knownDims;
  // The shape nested arrays of numbers have (rectangular, as tfjs requires); undefined otherwise.
  const nested = (v: JsVal | undefined): number[] | undefined => {
    if (v?.t === 'num' || v?.t === 'bool') return [];
    if (v?.t !== 'arr') return undefined;
    const inner = v.items.map(nested);
    const first = inner[0];
    if (first === undefined && v.items.length > 0) return undefined;
    if (inner.some((d) => d === undefined || d.join(',') !== (first ?? []).join(','))) return undefined;
    return [v.items.length, ...(first ?? [])];
  };
  let shape: number[] | undefined;
  const tensorOf = (v: JsVal | undefined): number[] | undefined => {
    const sh = v?.t === 'obj' ? v.props.get('shape')?.v : undefined;
    return v?.t === 'obj' && v.props.has('rank') ? dims(sh) : undefined;
  };
  const rank = /^tensor([1-6])d$/.exec(path)?.[1];
  if (path === 'tensor' || rank) {
    // tf.tensorNd(values, shape?, dtype?) (tensor1d(values, dtype?)): the shape given, else the
    // nested arrays'; it must have N dims.
    const given = rank === '1' ? undefined : vals[1];
    shape = given !== undefined && given.t !== 'null' && given.t !== 'str' ? dims(given) : nested(vals[0]);
    if (shape && rank && shape.length !== Number(rank)) shape = undefined;
  } else if (path === 'zerosLike' || path === 'onesLike') shape = tensorOf(vals[0]);
  else if (path === 'oneHot') {
    const idx = tensorOf(vals[0]);
    const depth = vals[1];
    shape = idx && depth?.t === 'num' && Number.isInteger(depth.v) ? [...idx, depth.v] : undefined;
  } else shape = dims(vals[0]);
  if (!shape) return U(`the shape of tf.${path}() is not known`, `tf.${path}() 的形状未知`);
  const num = (v: number): { v: JsVal } => ({ v: { t: 'num', v } });
  return {
    t: 'obj',
    props: new Map([['shape', { v: { t: 'arr', items: shape.map((d) => ({ t: 'num' as const, v: d })) } }], ['rank', num(shape.length)], ['size', num(shape.reduce((a, b) => a * b, 1))]]),
  };
}

/** The symbolic tensors inside an argument (`{initialState: [h, c]}`). */
function symsIn(v: JsVal, depth = 0): Extract<JsVal, { t: 'sym' }>[] {
  if (depth > 4) return [];
  if (v.t === 'sym') return [v];
  if (v.t === 'arr') return v.items.flatMap((x) => symsIn(x, depth + 1));
  if (v.t === 'obj') return [...v.props.values()].flatMap((p) => symsIn(p.v, depth + 1));
  return [];
}

const STRING_METHODS = new Set(['match', 'includes', 'startsWith', 'endsWith', 'toLowerCase', 'toUpperCase', 'trim', 'trimStart', 'trimEnd', 'slice', 'substring', 'split', 'indexOf', 'lastIndexOf', 'charAt', 'repeat', 'padStart', 'padEnd', 'concat', 'replace', 'replaceAll']);

/** Array methods whose result is a plain value, followed over a list of known strings and numbers. */
const ARRAY_VALUE_METHODS = new Set(['join', 'indexOf', 'lastIndexOf', 'includes']);

function arrayValueMethod(items: JsVal[], name: string, vals: JsVal[]): JsVal | undefined {
  if (!items.every((x) => x.t === 'str' || x.t === 'num')) return undefined;
  const plain = items.map((x) => (x as { v: string | number }).v);
  if (name === 'join') {
    const sep = vals[0] === undefined || (vals[0].t === 'null' && vals[0].undef) ? ',' : vals[0].t === 'str' ? vals[0].v : undefined;
    return sep === undefined ? undefined : { t: 'str', v: plain.join(sep) };
  }
  const x = vals[0];
  if ((x?.t !== 'str' && x?.t !== 'num') || vals.length > 1) return undefined;
  if (name === 'includes') return { t: 'bool', v: plain.includes(x.v) };
  return { t: 'num', v: name === 'indexOf' ? plain.indexOf(x.v) : plain.lastIndexOf(x.v) };
}

/** The few string methods model code selects architectures with (`modelType.match('lstm')`). */
function stringMethod(s: string, name: string, vals: JsVal[]): JsVal {
  const arg = vals[0];
  if (name === 'toLowerCase') return { t: 'str', v: s.toLowerCase() };
  if (name === 'toUpperCase') return { t: 'str', v: s.toUpperCase() };
  if (name === 'trim') return { t: 'str', v: s.trim() };
  if (name === 'trimStart') return { t: 'str', v: s.trimStart() };
  if (name === 'trimEnd') return { t: 'str', v: s.trimEnd() };
  // Numbers where JavaScript takes positions and counts (an argument left out: its default).
  const ints = vals.map((v) => (v.t === 'num' && Number.isInteger(v.v) ? v.v : v.t === 'null' && v.undef ? undefined : null));
  const known = !ints.includes(null);
  const [i0, i1] = ints as (number | undefined)[];
  if (name === 'slice' && known) return { t: 'str', v: s.slice(i0, i1) };
  if (name === 'substring' && known) return { t: 'str', v: s.substring(i0 ?? 0, i1) };
  if (name === 'charAt' && known) return { t: 'str', v: s.charAt(i0 ?? 0) };
  if (name === 'repeat' && known && i0 !== undefined && i0 >= 0 && i0 * s.length <= 100_000) return { t: 'str', v: s.repeat(i0) };
  if ((name === 'padStart' || name === 'padEnd') && i0 !== undefined && i0 <= 100_000 && (vals[1] === undefined || vals[1].t === 'str')) {
    const fill = vals[1]?.t === 'str' ? vals[1].v : ' ';
    return { t: 'str', v: name === 'padStart' ? s.padStart(i0, fill) : s.padEnd(i0, fill) };
  }
  if (name === 'concat' && vals.every((v) => v.t === 'str' || v.t === 'num')) return { t: 'str', v: s.concat(...vals.map((v) => String((v as { v: string | number }).v))) };
  if (name === 'split' && vals.length === 0) return { t: 'arr', items: [{ t: 'str', v: s }] };
  if (arg?.t !== 'str') return U(`.${name}() of an unknown value`, `.${name}() 的参数未知`);
  if (name === 'split' && vals.length === 1) return { t: 'arr', items: s.split(arg.v).map((v): JsVal => ({ t: 'str', v })) };
  if ((name === 'indexOf' || name === 'lastIndexOf') && vals.length === 1) return { t: 'num', v: name === 'indexOf' ? s.indexOf(arg.v) : s.lastIndexOf(arg.v) };
  // A string pattern is replaced as text (a function replacement, or `$` patterns, are not followed).
  if ((name === 'replace' || name === 'replaceAll') && vals[1]?.t === 'str' && !vals[1].v.includes('$') && arg.v !== '') return { t: 'str', v: name === 'replace' ? s.replace(arg.v, vals[1].v) : s.split(arg.v).join(vals[1].v) };
  if (name === 'includes') return { t: 'bool', v: s.includes(arg.v) };
  if (name === 'startsWith') return { t: 'bool', v: s.startsWith(arg.v) };
  if (name === 'endsWith') return { t: 'bool', v: s.endsWith(arg.v) };
  // A string pattern is a regular expression: only plain text is decided here.
  if (name === 'match' && !/[\\^$.*+?()[\]{}|]/.test(arg.v)) return s.includes(arg.v) ? { t: 'arr', items: [{ t: 'str', v: arg.v }] } : { t: 'null' };
  return U(`.${name}() is not followed`, `不分析 .${name}()`);
}

/**
 * Do the file's functions (`text`: code that may run after the import) change this top-level name
 * (`xs.push(…)`, `n = 3`, `n += 1`, `xs[0] = …`, `cfg.units = …`)? Its value when the file was read
 * would then be wrong.
 */
function changedLater(text: string, name: string): boolean {
  // (Through any chain of properties and indexes: `CONFIG.units.push(5)`, `CONFIG.dims[0] = 3`.)
  const chain = '(?:\\s*(?:\\.\\s*[\\w$]+|\\[[^\\]]*\\]))*';
  const re = new RegExp(`(?:\\+\\+|--)\\s*${escapeRe(name)}\\b|(?<![\\w$.])${escapeRe(name)}${chain}\\s*(?:\\.\\s*(?:push|pop|shift|unshift|splice|sort|reverse|fill|copyWithin)\\s*\\(|\\.\\s*length\\s*=(?!=)|(?:[-+*/%]|\\*\\*|&&|\\|\\||\\?\\?|<<|>>>?|[&|^])?=(?![=>])|\\+\\+|--)`, 'g');
  for (const m of text.matchAll(re)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 12), m.index);
    // The declaration itself (`const TAGS = […]`) is not a change.
    if (!/\b(?:const|let|var)\s+$/.test(before)) return true;
  }
  return false;
}

/** Parents whose operand runs as an arm of its own (see runArm). */
const EXPRESSION_ARM = new Set(['ternary_expression', 'binary_expression']);

/** Could evaluating this code change a variable, a field or a model (a call, an assignment, ++ / --)? A text test. */
function mayHaveEffects(text: string): boolean {
  return /\(|[^=!<>]=(?!=)|\+\+|--/.test(text);
}
