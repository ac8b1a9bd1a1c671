// What code analysis reports about a source file: the models it defines, each layer's output shape
// and parameter count, and shape diagnostics with fixes. Pure data: the host, the CLI, the side
// panel (through its protocol) and tests all read these shapes.

import type { Framework, Lang } from '../knowledge/types';
import type { Quantity } from '../formula/substituted';

export type { Framework, Lang };

/** Text in every UI language. */
export type Msg = Record<Lang, string>;

export type SourceLanguage = 'python' | 'typescript' | 'javascript';

/** 0-based line and UTF-16 column, like VS Code positions. */
export interface SourcePos {
  line: number;
  character: number;
}

export interface SourceRange {
  start: SourcePos;
  end: SourcePos;
}

/**
 * A shape is known in full or not at all: analysis never guesses a dimension. A batch size of -1
 * means "any" (tfjs's `null` batch from `inputShape`); format it as `null`.
 */
export type ShapeResult = { known: true; shape: number[] } | { known: false; reason: Msg };

/** One step of a formula with the user's numbers, e.g. `H_out = ⌊(28 + 2·1 − 3)/1⌋ + 1 = 28`. */
export interface SubstitutedStep {
  /** What it computes: an output size, the parameter count, the attention scale, a flattened size. */
  quantity: Quantity;
  /** The result (equals the analysis's own number: same function, src/formula/layerFormulas.ts). */
  value: number;
  /** The formula in symbols, as LaTeX. */
  formula: string;
  /** Plain text with Unicode math, for hovers, inlay tooltips and the CLI. */
  text: string;
  /** The same as LaTeX, for rendering as math. */
  latex: string;
}

/** One execution of a layer while running `forward` (or the tfjs graph) symbolically. */
export interface LayerCall {
  /** Where the call happens (the `self.conv1(x)` expression), or the constructor for tfjs. */
  range: SourceRange;
  input: ShapeResult;
  output: ShapeResult;
  /** The formula for this call with its numbers (conv/pool/linear/RNN…), when there is one. */
  steps: SubstitutedStep[];
  /** After the exact-shapes pass (src/analysis/runtimeMerge.ts): where `output` came from. */
  outputSource?: NumberSource;
  /** What the analysis inferred, where PyTorch measured something else. */
  inferredOutput?: ShapeResult;
}

/** Where a number shown to the person came from: PyTorch's own forward pass, or the static analysis. */
export type NumberSource = 'pytorch' | 'inferred';

/** What the exact-shapes pass (issue 9 part 5) said about one model. */
export type ModelRuntime =
  | { ran: true; runtime: string; elapsedMs: number }
  | { ran: false; stage: string; message: string; line: number | null };

export interface LayerInfo {
  /** Name as written: `conv1`, `0` inside an nn.Sequential, tfjs `name: 'conv1'` or `dense_1`. */
  name: string;
  /** Dotted path from the model (`features.0`, `layers.2`); equals `name` at the top level. */
  path: string;
  /** Layer class as the framework names it: `Conv2d`, `MaxPool2d`, `Dense`, or a user class. */
  kind: string;
  /** Callee as written at the constructor, e.g. `nn.Conv2d`, `tf.layers.conv2d`. */
  callee: string;
  /** The constructor expression (`nn.Conv2d(1, 16, 3)`); line = range.start.line. */
  range: SourceRange;
  /** Constructor arguments as resolved (numbers, strings, booleans, tuples). */
  config: Record<string, ConfigValue>;
  /** Every call of this layer, in execution order (a module may be used several times). */
  calls: LayerCall[];
  /** Output of the last call, or unknown with a reason (never called, unknown input…). */
  output: ShapeResult;
  /** Parameters exactly as the framework counts them; null when the config is not known. */
  params: number | null;
  /** Why `params` is null: the setting or sub-module that is not known. */
  paramsUnknown?: Msg;
  /** Knowledge-base concepts this layer maps to (best first). */
  conceptIds: string[];
  /** Nesting depth below the model (0 for `self.conv1`, 1 for `features.0`). */
  depth: number;
  /** After the exact-shapes pass: where `output` and `params` came from, and the inferred count PyTorch overruled. */
  outputSource?: NumberSource;
  paramsSource?: NumberSource;
  inferredParams?: number | null;
}

export type ConfigValue = number | string | boolean | null | ConfigValue[];

/**
 * Where a model's input shape came from: an `# input:` comment, the setting, tfjs's `inputShape`,
 * the model that uses this one (`caller`), the CLI's `--input`, a call in the code with a tensor of
 * known shape (`call`: `net(torch.randn(1, 1, 32, 32))`), the data the script loads (`dataset`:
 * an MNIST DataLoader with batch_size 64), a LightningModule's `example_input_array` (`example`),
 * or nowhere.
 */
export type InputSource = 'annotation' | 'setting' | 'inputShape' | 'caller' | 'cli' | 'call' | 'dataset' | 'example' | 'none';

/** The code an input shape was read from, for "input from torch.randn(1, 1, 32, 32) at line 40". */
export interface InputOrigin {
  /** 0-based line of the call that fed the model (or of the annotation). */
  line: number;
  /** The workspace file the call is in, when it is not the analysed file (`main.py` builds `model.py`'s model). */
  file?: string;
  /** What made the tensor: `torch.randn(1, 1, 32, 32)`, `MNIST DataLoader (batch_size 64)`. */
  what: string;
}

export interface ModelInfo {
  /** Class name (PyTorch), or the variable the tfjs model is assigned to. */
  name: string;
  framework: Framework;
  /** The class name / `tf.sequential` call. */
  range: SourceRange;
  /** The whole definition (class body / from tf.sequential to the last model.add). */
  extent: SourceRange;
  /** Shapes bound to `forward`'s tensor parameters (tfjs: one input with the batch dimension). */
  inputs: number[][];
  /**
   * What the code gave forward by name (`model(x, labels=y)`, `dp(x, mask, reverse=True)`): a
   * tensor's shape, or null for another value (a flag, None) a runner cannot make again.
   */
  keywordInputs?: Record<string, number[] | null>;
  /**
   * Forward is given tuples or lists of tensors (`m((mel, audio))`): `inputs` lists their tensors
   * in order, and a runner cannot feed them one by one.
   */
  nestedInputs?: true;
  /**
   * The code never calls the model but runs it through this other method (`model.encode(x)`):
   * `inputs` are that method's, and the layers' shapes are those of its run.
   */
  inputMethod?: string;
  /** The other methods the code runs it through after inputMethod, each with its first call's tensors' shapes (`decode`, `project` after `encode`). */
  laterMethods?: { method: string; inputs: number[][] }[];
  inputSource: InputSource;
  /** For inputs found in the code (`call`, `dataset`): where. */
  inputOrigin?: InputOrigin;
  layers: LayerInfo[];
  output: ShapeResult;
  /** A forward that returns a tuple (tfjs: a functional model with several outputs): each item's shape, `output` being the first's. */
  outputs?: ShapeResult[];
  /** Sum over all layers (called or not) plus the model's own nn.Parameter tensors. */
  totalParams: number | null;
  /** Why `totalParams` is null: the first layer or tensor whose count is not known. */
  totalParamsUnknown?: Msg;
  /** Execution order of calls for a torchinfo-like table: index into layers + call index. */
  trace: { layer: number; call: number }[];
  /** Shapes of variables assigned in the model's own forward (for hints on those lines). */
  flow: FlowStep[];
  /** Set by the exact-shapes pass: whether PyTorch ran this model, and then where the totals came from. */
  runtime?: ModelRuntime;
  outputSource?: NumberSource;
  totalParamsSource?: NumberSource;
}

export interface FlowStep {
  /** The assignment / return statement. */
  range: SourceRange;
  /** Variable(s) as written, e.g. `x` or `out, hn`; `return` for a return statement. */
  target: string;
  value: ShapeResult;
  /** After the exact-shapes pass: where `value` came from. */
  valueSource?: NumberSource;
}

/** `removed-api`: code that works only in some PyTorch releases (a warning, never a shape). */
export type DiagnosticCode = 'shape-mismatch' | 'unknown-shape' | 'invalid-config' | 'no-input-shape' | 'runtime-error' | 'removed-api';

export interface FixEdit {
  title: Msg;
  range: SourceRange;
  newText: string;
}

export interface ShapeDiagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning' | 'info';
  range: SourceRange;
  message: Msg;
  model: string;
  layer?: string;
  /** The two numbers of a mismatch, e.g. expected 1568, actual 2048. */
  expected?: number;
  actual?: number;
  fix?: FixEdit;
}

/**
 * Why a result covers less than the whole file. Whatever is reported is still right; what is
 * missing is said here, so hovers, the side panel and the CLI can say it too (`incomplete.ts`).
 */
export type Incomplete =
  /** The time budget ran out ("analysis stopped: file too complex"). */
  | { kind: 'timeBudget'; budgetMs: number }
  /** The caller cancelled the request (a newer version of the document, or it was closed). */
  | { kind: 'cancelled' }
  /** Only the first `analysed` of `found` models were analysed; `lastLine` (0-based) ends the last one. */
  | { kind: 'modelCap'; analysed: number; found: number; lastLine: number }
  /** Not analysed at all: larger than the editor analyses live (`chars`: at least this many). */
  | { kind: 'tooLarge'; chars: number; limitChars: number }
  /** Not analysed: Python refuses to run a file with NUL bytes (SyntaxError), so no model in it exists. */
  | { kind: 'nulBytes'; line: number };

export interface AnalysisResult {
  language: SourceLanguage;
  models: ModelInfo[];
  diagnostics: ShapeDiagnostic[];
  /** Syntax errors the parser recovered from (analysis still ran on the rest). */
  syntaxErrors: number;
  /** Empty when the whole file was analysed. */
  incomplete: Incomplete[];
}

export interface AnalyzeOptions {
  /** Input shape for models with no annotation, e.g. from `modelLens.defaultInputShape` or `--input`. */
  defaultInput?: number[];
  /** Overrides every annotation (the CLI's `--input`): one shape per tensor `forward` takes. */
  forceInput?: number[][];
  /** Only this model (class name / variable). */
  onlyModel?: string;
  /**
   * The command line the script runs with (the CLI's `--args`, the `args` of the launch.json
   * configuration that runs the file): what `parse_args()` reads. Without it, the defaults.
   */
  scriptArgs?: string[];
  /** The script runs with arguments that cannot be read (a launch.json `${input:…}`): why. Every parse_args() value is then unknown. */
  scriptArgsUnreadable?: string;
  /** Checked between models and statements; return true to stop early (a cancelled request). */
  isCancelled?: () => boolean;
  /** Stop after this many milliseconds and report what was analysed, marked incomplete. */
  timeBudgetMs?: number;
  /**
   * Other files of the workspace, for imported classes (`from .parts import *`) and for the code
   * that instantiates this file's models. Read synchronously: pass it only off the extension
   * host's thread (the analysis worker, the CLI).
   */
  workspace?: WorkspaceFiles;
}

export interface WorkspaceFiles {
  /** Absolute path of the analysed file. */
  fileName: string;
  /** The workspace folder: imports and usages are looked for below it only. */
  root: string;
  /** A file's text, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** Files of the workspace with this extension (bounded by the implementation). */
  listFiles(extension: string): readonly string[];
}
