// The abstract interpreter behind the PyTorch analysis: runs Python statements and expressions over
// values that are shapes, numbers, strings, tuples, modules, objects and functions (values.ts).
// Module construction is torchModules.ts, tensor operations torchOps.ts, datasets and argparse
// torchData.ts. What it cannot follow becomes `unknown` with the reason and stays unknown
// downstream; a condition it cannot decide runs both branches and keeps only what they agree on
// (module attributes included), never both branches' layers. Bounded by a step budget, an
// expression depth, a call depth and a loop-unrolling limit.
import type { LayerNumbers } from '../formula/layerFormulas';
import type { Node } from './parser';
import type { NodeCache } from './parser';
import type { Arg, ArgList } from './torchLayers';
import { isTorchLayer, torchLayerKinds } from './torchLayers';
import {
  NONE, asInt, asInts, describe as describeValue, firstTensor, fmtShape, isPlain, isPlainConstant, mayHoldModule, num, sameValue, tensor, toShape, truth, unknown, unknownModule, withoutRange, withoutRows,
  type Callable, type ClassHandle, type DataValue, type ModuleRef, type ProgramHandle, type Value,
} from './values';
import { broadcast } from './shapeMath';
import { TorchOps, axisAsDim, indexTensor, nestedShape, numpyCall, scipyCall, pick, sliceRange, windowLength } from './torchOps';
import { RE_MATCH, matchMethod, reMatch, reSplit } from './pyRegex';
import { isTupleType, namedTupleType, newTuple, tupleMethod, tupleTypeOf, withDefaults } from './namedTuples';
import { NN_MODULE_METHODS, NN_MODULE_PUBLIC, type ModuleInst, type TorchModules, type WriteLog } from './torchModules';
import { isTorchBase, namesBoundBy, type ClassDef, type ClassIndex, type MethodDef, type PyProgram } from './pyProgram';
import type { Msg } from './types';
import { dataCall, dataMethod, iterateData } from './torchData';
import { fileLines, fileMethod, iniMethod, iniSectionItem, newIni, openFile, parseCall, type OpenedText } from './pyFiles';
import type { ScriptArgs } from './argparseArgv';
import { isPacked } from './torchPacked';
import { einopsEinsumEquation, einopsShape, einopsUnpackShapes, type EinopsMode } from './einops';
import { isTorchvisionModelsModule } from './torchvisionModels';
import { isTorchvisionOpsModule } from './torchvisionOps';
import { computedTensor, forgetViewed, integerTensor, plainTensor, valueBinary, valueFunction, valueMethod, viewOf, writeItems } from './tensorValues';
import { runComposite, type LayerMasks } from './torchComposites';
import { FORWARD_INPUTS, refusedForwardCall } from './torchForward';
import { formatValue, nearestName, pyRepr, pyStr, strFormat } from './pyFormat';
import { osPathCall, pathCall, pathJoin, pathText } from './pyPath';
import { DISTRIBUTION_METHODS, distributionCall, distributionMethod, isDistribution } from './torchDistributions';

/** ConvNd attributes PyTorch stores as tuples of the layer's rank (`_ntuple`), whatever the constructor was given. */
const CONV_TUPLE_ATTRS = new Set(['kernel_size', 'stride', 'padding', 'dilation', 'output_padding']);

/** Thrown when the step budget is spent; the model's analysis stops with a reason. */
export class Budget extends Error {}

/**
 * An exception the code surely raises (a dict lookup of a key a fully known dict lacks), thrown
 * only where a `try` of the same function catches it: darknet's `try: bn = int(block["batch_normalize"])
 * … except: bias = True` takes the except path for a block without that key.
 */
class PyRaise extends Error {
  constructor(readonly type: string, readonly what: string) {
    super(what);
  }
}

/** The exception classes an `except X:` catches a raised `type` with (its bases, as Python's hierarchy has them). */
const EXCEPTION_BASES: Record<string, readonly string[]> = {
  // A layer's constructor refusing its settings: an AssertionError, ValueError or RuntimeError by layer; only a handler of any error surely catches it.
  TorchError: ['Exception', 'BaseException'],
  KeyError: ['KeyError', 'LookupError', 'Exception', 'BaseException'],
  FrozenInstanceError: ['FrozenInstanceError', 'dataclasses.FrozenInstanceError', 'AttributeError', 'Exception', 'BaseException'],
  IndexError: ['IndexError', 'LookupError', 'Exception', 'BaseException'],
  ZeroDivisionError: ['ZeroDivisionError', 'ArithmeticError', 'Exception', 'BaseException'],
  UnboundLocalError: ['UnboundLocalError', 'NameError', 'Exception', 'BaseException'],
};

/**
 * A module constructor that surely raises where nothing of its own catches it (an item of the
 * empty `anchors=()` default): thrown to `instantiate`, which keeps no layer of it.
 */
class ConstructorRaised extends Error {
  constructor(readonly why: Msg) {
    super(why.en);
  }
}

const MAX_STEPS = 200_000;
const MAX_DEPTH = 120;
const MAX_CALL_DEPTH = 32;
const MAX_LOOP = 4096;
/** itertools combinatorics longer than this are not unrolled (a grid of numbers, not a list of layers). */
const MAX_ITERTOOLS = 1024;
/** A list comprehension of numbers longer than this is a table whose items are not computed one by one. */
const NUMBER_TABLE_MIN = 256;
/** Syntax a table's item may be made of (with calls of numpy's / math's functions). */
const PURE_ARITHMETIC = new Set(['identifier', 'integer', 'float', 'true', 'false', 'binary_operator', 'unary_operator', 'parenthesized_expression', 'attribute', 'subscript', 'argument_list', 'comparison_operator', 'boolean_operator', 'conditional_expression', 'keyword_argument', 'slice']);
/** A training loop (epochs, steps) in the program's own code: its first round is enough to see the models fed. */
const TRAINING_LOOP = /\.backward\(|\.step\(|zero_grad\(|\btrain\w*\(|\bfit\(|\bevaluate\(|\btest\(/;

export interface Scope {
  vars: Map<string, Value>;
  self?: Value;
  /** The class whose method is running (for `super()`). */
  cls?: ClassDef;
  /** Names this function declared `global`: read from, and assigned to, the module's names. */
  globalNames?: Set<string>;
  /** Names a `nonlocal` statement made the enclosing function's: written into its variables (`closure`). */
  nonlocalNames?: Set<string>;
  closure?: Map<string, Value>;
  /** True while running the analysed model's own forward: its statements feed `flow`. */
  recordFlow: boolean;
  program: PyProgram;
  /** A value returned under a condition the analysis could not decide; merged with the final one. */
  pending?: Value;
  /**
   * Guards that returned under an undecided condition (`if not FAST: return super().forward(x)`):
   * the trace positions where the returning side's layer calls start and end. The rest of the
   * function is the other path; the two are settled as alternatives when the function ends.
   */
  guards?: [number, number][];
  /** How many branch journals were open when the function started: a guard counts only at its own top level. */
  guardDepth?: number;
  /**
   * A loop body read once for what it may do (execUnrolled): a `continue` or `break` under a
   * condition the analysis cannot decide does not end it, as some rounds go on past it.
   */
  pastUnsure?: true;
  /** A generator function's run: what it yields, in order; unsure when a yield is under a condition or loop the analysis cannot decide; `batches` when under a loop over a data loader. */
  yields?: { items: Value[]; unsure: boolean; batches?: true };
}

/** How control leaves a block: return, break, continue, raise, or a loop exit under a condition the analysis cannot decide. */
type Flow = { kind: 'return'; value: Value } | { kind: 'break' } | { kind: 'continue' } | { kind: 'raise'; what?: string; type?: string; /** A bare `raise`: what the handler caught, raised again. */ again?: true } | { kind: 'unsure'; reason: string } | undefined;

/** Files of the workspace, loaded on demand (imports, base classes). */
export interface ProgramLoader {
  /** The program a `from <spec> import …` refers to, when it is a workspace file. */
  load(from: PyProgram, level: number, module: string): PyProgram | undefined;
  /** The text `open(path)` reads in code of `from` (a workspace file), or why it cannot be read. */
  readText?(from: PyProgram, path: string): OpenedText;
  /** The workspace files read so far. */
  loaded?(): PyProgram[];
}

/** Hooks the discovery (pytorch.ts) uses to learn what the code does with model classes. */
export interface RunObserver {
  /** A user nn.Module class was instantiated (its constructor arguments bound by name). */
  created(c: ClassDef, inst: ModuleInst, ctor: Map<string, Value>, insideModule: boolean): void;
  copied(original: ModuleInst, copy: ModuleInst): void;
  /** A module was called with these inputs, at this call (the analysed file's node when it is in an imported file). */
  /** `keywords`: what the call gave forward by name past the inputs placed in order (`model(x, labels=y)`, `reverse=True`). */
  called(inst: ModuleInst, inputs: Value[], node: Node, keywords?: Map<string, Value>): void;
  /** A module value was bound to a variable of code that is not a module method. */
  named(inst: ModuleInst, name: string, node: Node): void;
  /**
   * A workspace class is about to be built by a call outside any module's `__init__`: the
   * arguments to build it with (a documentation example's are weaker than code's), or undefined
   * when the call is not to be used (it passes what the constructor does not take).
   */
  constructing?(c: ClassDef, args: ArgList, node: Node): ArgList | undefined;
  /** A method of a workspace module other than forward was called by code outside any module (`model.encode(x)`). */
  methodCalled?(inst: ModuleInst, method: string, args: ArgList, node: Node): void;
  /** torchsummary / torchinfo ran the module on these inputs (a model's input when no call of the code gives one). */
  summarized?(inst: ModuleInst, inputs: Value[], node: Node): void;
  /**
   * What the code at `node` does wherever it runs, whichever model it builds: an error PyTorch raises
   * there (a layer size that is a float), or a warning (code that works only in some PyTorch releases).
   */
  noted?(node: Node, message: Msg, severity?: 'error' | 'warning'): void;
}

/** Checks that are False when PyTorch runs the module eagerly, as the analysis follows it. */
/** Builtins whose handling below reads a starred argument the analysis cannot list itself (a dict's keys, print's nothing). */
const STAR_READING_BUILTINS = new Set(['dict', 'print', 'super', 'slice']);
const SCRIPTING_WRAPPERS = new Set(['torch.jit.script', 'torch.jit.trace', 'torch.compile']);
const TRACING_CHECKS = new Set(['torchvision._is_tracing', 'torch.jit.is_tracing', 'torch.jit.is_scripting', 'torch.onnx.is_in_onnx_export', 'torch._dynamo.is_compiling', 'torch.compiler.is_compiling']);

const BUILTINS = new Set([
  'range', 'len', 'int', 'float', 'str', 'bool', 'list', 'tuple', 'dict', 'set', 'frozenset', 'super', 'max', 'min', 'print', 'isinstance', 'issubclass',
  'sum', 'enumerate', 'zip', 'abs', 'round', 'sorted', 'reversed', 'hasattr', 'getattr', 'setattr', 'iter', 'next', 'any', 'all', 'map', 'filter',
  'divmod', 'pow', 'type', 'callable', 'vars', 'id', 'repr', 'format', 'open', 'Exception', 'ValueError', 'NotImplementedError', 'AssertionError',
  'RuntimeError', 'TypeError', 'KeyError', 'object', 'hash', 'chr', 'ord', 'slice', 'locals', 'eval', 'globals', '__import__', 'exec',
]);

/** Every name Python 3's builtins module has: `eval('name')` of one of these never raises NameError. */
const PYTHON_BUILTIN_NAMES = new Set(
  ('ArithmeticError AssertionError AttributeError BaseException BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ' +
    'ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError ' +
    'Exception False FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError ' +
    'IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError ' +
    'NotImplemented NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ReferenceError ' +
    'ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True ' +
    'TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ' +
    'ZeroDivisionError __build_class__ __debug__ __doc__ __import__ __loader__ __name__ __package__ __spec__ abs aiter all anext any ascii bin bool breakpoint ' +
    'bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset ' +
    'getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow ' +
    'print property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip').split(' '),
);

function iterableType(v: Value): boolean | undefined {
  if (v.t === 'num' || v.t === 'bool' || v.t === 'none') return false;
  return v.t === 'seq' || v.t === 'str' || v.t === 'dict' || v.t === 'tensor' ? true : undefined;
}

function sequenceType(v: Value): boolean | undefined {
  if (v.t === 'num' || v.t === 'bool' || v.t === 'none' || v.t === 'dict' || v.t === 'tensor') return false;
  return v.t === 'str' || (v.t === 'seq' && !v.set) ? true : v.t === 'seq' ? false : undefined;
}

const PY_TYPES: Record<string, (v: Value) => boolean | undefined> = {
  // (A bool is an int: `isinstance(True, int)`.)
  'builtins.int': (v) => (v.t === 'num' && v.int) || v.t === 'bool',
  // The numbers ABCs (MTGNN's `isinstance(normalized_shape, numbers.Integral)`); numpy's scalars are registered with them too.
  'numbers.Integral': (v) => (v.t === 'num' && v.int) || v.t === 'bool',
  'numbers.Real': (v) => v.t === 'num' || v.t === 'bool',
  'numbers.Number': (v) => v.t === 'num' || v.t === 'bool',
  'builtins.float': (v) => v.t === 'num' && !v.int,
  // The collections ABCs of ntuple helpers (`isinstance(x, collections.abc.Iterable)`): a tensor is iterable, not a Sequence.
  'collections.abc.Iterable': iterableType,
  'typing.Iterable': iterableType,
  'collections.Iterable': iterableType,
  'collections.abc.Sequence': sequenceType,
  'typing.Sequence': sequenceType,
  'collections.Sequence': sequenceType,
  'builtins.str': (v) => v.t === 'str',
  'builtins.bool': (v) => v.t === 'bool',
  'builtins.list': (v) => v.t === 'seq' && !v.tuple,
  'builtins.tuple': (v) => v.t === 'seq' && v.tuple,
  'builtins.dict': (v) => v.t === 'dict' || (v.t === 'obj' && v.items !== undefined),
  // A Python function (`def`, lambda), not a bound method, class, layer or builtin.
  'types.FunctionType': isPyFunction,
  'types.LambdaType': isPyFunction,
  // A number may stand for a 0-d tensor (`x.sum()`): undecided, never guessed.
  'torch.Tensor': (v) => (v.t === 'num' ? (v.py ? false : undefined) : v.t === 'tensor'),
  // A path made by pathlib.Path (pyPath.ts); a string or number is not one.
  'pathlib.Path': (v) => (pathText(v) !== undefined ? true : isPlain(v) ? false : undefined),
};

/** A workspace class or a torch.nn layer class: compared by identity. */
function isClassValue(v: Value): boolean {
  return v.t === 'class' || (v.t === 'ref' && isLayerClassRef(v.name));
}

/** `nn.Linear`, `torch.nn.Identity`: a layer class torch has. */
/**
 * Functions torch.nn.functional has since PyTorch 1.13 (and keeps): `hasattr(F, 'silu')` and
 * `'silu' in dir(F)` are true. A name not listed stays undecided (it may be newer than 1.13:
 * `scaled_dot_product_attention`).
 */
const FUNCTIONAL_NAMES = new Set([
  'silu', 'mish', 'hardswish', 'hardsigmoid', 'gelu', 'relu6', 'elu', 'selu', 'celu', 'softplus', 'leaky_relu', 'glu', 'logsigmoid',
  'hardtanh', 'tanhshrink', 'softsign', 'softshrink', 'hardshrink', 'relu', 'sigmoid', 'tanh', 'softmax', 'log_softmax', 'dropout',
  'layer_norm', 'group_norm', 'interpolate', 'pad', 'conv2d', 'linear', 'embedding', 'normalize', 'one_hot', 'avg_pool2d', 'max_pool2d',
  'adaptive_avg_pool2d',
]);

/** What torch.nn has besides layer classes, in every PyTorch the analysis reads (`from torch.nn import init`). */
const TORCH_NN_PARTS = new Set(['Module', 'ModuleList', 'ModuleDict', 'Sequential', 'Parameter', 'ParameterList', 'ParameterDict', 'init', 'functional', 'utils', 'modules', 'parameter', 'parallel', 'DataParallel']);

/** `hasattr(ns, name)` / `name in dir(ns)` for torch.nn and torch.nn.functional: true for what the analysis knows they have. */
function torchNamespaceHas(ns: string, name: string): boolean {
  return (ns === 'torch.nn' && isLayerClassRef(`torch.nn.${name}`)) || (ns === 'torch.nn.functional' && FUNCTIONAL_NAMES.has(name));
}

/**
 * The first item of a container's arguments that is surely no module (a layer class not called, a
 * function, a list, a number…), as PyTorch's TypeError names it; undefined when every item is a
 * module, None, or something the analysis does not know.
 */
function notAModule(kind: 'Sequential' | 'ModuleList' | 'ModuleDict', args: ArgList): Msg | undefined {
  const first = args.positional[0]?.value;
  const items = kind === 'Sequential'
    ? (first?.t === 'dict' && args.positional.length === 1 ? first.entries.map(([, v]) => v) : args.positional.map((p) => p.value))
    : kind === 'ModuleList'
      ? (first?.t === 'seq' && !first.unsized ? first.items : [])
      : first?.t === 'dict' ? first.entries.map(([, v]) => v) : [];
  for (const v of items) {
    const what = v.t === 'ref' && isLayerClassRef(v.name) ? { en: `nn.${torchNnClassName(v.name)} is the layer's class, not a layer: write nn.${torchNnClassName(v.name)}()`, zh: `nn.${torchNnClassName(v.name)} 是层的类而不是层：应写 nn.${torchNnClassName(v.name)}()` }
      : v.t === 'ref' && /^torch\.(?:nn\.functional\.)?[a-z_]\w*$/.test(v.name) ? { en: `${v.name.replace(/^torch\.nn\.functional\./, 'F.')} is a function, not a layer`, zh: `${v.name.replace(/^torch\.nn\.functional\./, 'F.')} 是函数而不是层` }
        : v.t === 'class' ? { en: `${(v.c as ClassDef).name} is a class, not a layer: call it`, zh: `${(v.c as ClassDef).name} 是类而不是层：需要调用它` }
          : v.t === 'func' || v.t === 'bound' ? { en: 'a function is not a layer', zh: '函数不是层' }
            : v.t === 'seq' && !v.unsized ? { en: `a ${v.tuple ? 'tuple' : 'list'} is not a layer${kind === 'Sequential' ? ': unpack it, nn.Sequential(*layers)' : ''}`, zh: `${v.tuple ? '元组' : '列表'}不是层${kind === 'Sequential' ? '：应展开，nn.Sequential(*layers)' : ''}` }
              : v.t === 'num' || v.t === 'str' || v.t === 'bool' || v.t === 'tensor' ? { en: `a ${v.t === 'num' ? 'number' : v.t === 'str' ? 'string' : v.t === 'bool' ? 'bool' : 'tensor'} is not a layer`, zh: `${v.t === 'num' ? '数字' : v.t === 'str' ? '字符串' : v.t === 'bool' ? '布尔值' : '张量'}不是层` }
                : undefined;
    if (what) return { en: `TypeError: nn.${kind} takes modules only (… is not a Module subclass): ${what.en}`, 'zh-cn': `TypeError：nn.${kind} 只接受模块（… is not a Module subclass）：${what.zh}` };
  }
  return undefined;
}

/** A callee's text kept short for a message. */
function compactCall(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function isLayerClassRef(name: string): boolean {
  const cls = torchNnClassName(name);
  return cls !== undefined && isTorchLayer(cls);
}

/** The class a dotted torch.nn name spells (`torch.nn.modules.conv.Conv2d` → Conv2d), known to the analysis or not. */
function torchNnClassName(name: string): string | undefined {
  return /^torch\.nn\.(?:modules\.\w+\.)?([A-Z]\w*)$/.exec(name)?.[1];
}

/** `isinstance(v, types.FunctionType)` / `inspect.isfunction(v)`: undefined when it cannot be told. */
function isPyFunction(v: Value): boolean | undefined {
  if (v.t === 'func') return v.f.kind !== 'method';
  if (v.t === 'ref' && isLayerClassRef(v.name)) return false;
  if (v.t === 'unknown' || v.t === 'ref' || v.t === 'data') return undefined;
  return false;
}

/** `callable(v)`: undefined when it cannot be told (a dotted name, a data object, an instance whose class may define __call__). */
function isCallable(v: Value): boolean | undefined {
  switch (v.t) {
    case 'num': case 'str': case 'bool': case 'none': case 'seq': case 'slice': case 'dict': case 'tensor': case 'pymod':
      return false;
    case 'func': case 'class': case 'module': case 'bound':
      return true;
    case 'ref':
      return isLayerClassRef(v.name) ? true : undefined;
    default:
      return undefined;
  }
}

const HARMLESS_MODULE_METHODS = new Set(['parameters', 'named_parameters', 'modules', 'children', 'named_modules', 'named_children', 'state_dict', 'buffers', 'named_buffers', 'register_forward_hook', 'register_forward_pre_hook', 'register_backward_hook', 'register_full_backward_hook', 'extra_repr', 'get_parameter', 'type', 'num_parameters', 'flatten_parameters']);

/** What every nn.Module has (`hasattr(self, 'training')`). */
const MODULE_MEMBERS = new Set(['training', 'forward', 'parameters', 'modules', 'children', 'named_modules', 'named_parameters', 'state_dict', 'to', 'cuda', 'cpu', 'train', 'eval', 'apply', 'register_buffer', 'register_parameter', 'add_module', 'zero_grad']);

/** nn.Module members of PyTorch releases after 1.13 (code written for them is not flagged as reading a missing attribute). */
const NEWER_MODULE_MEMBERS = new Set(['compile', 'mtia', 'set_submodule', 'register_full_backward_pre_hook', 'register_state_dict_pre_hook', 'register_state_dict_post_hook', 'register_load_state_dict_pre_hook', 'call_super_init']);
/** A transform set or edited on something other than `self` (`train_set.transform = aug`, `tf.transforms.append(…)`, `setattr(ds, 'transform', …)`). */
const TRANSFORM_REWRITE = /(?<!\bself)\.transforms?\s*=(?!=)|\.transforms\s*(?:\.\s*(?:append|insert|extend|pop|remove|clear)\s*\(|\[[^\]\n]*\]\s*=(?!=))|\bsetattr\s*\([^,\n]+,\s*['"]transforms?['"]/;
/** Code that may change or read a module's training mode. */
const MODE_CHANGES = /\beval\b|\.train\b|\btraining\b|\bmethodcaller\b|\btrack_running_stats\b/;
/** Code that may give a norm layer running statistics or change its groups after it is built (a buffer registered, settings written, its `__init__` run again). */
const STATS_CHANGES = /\.\s*(?:track_running_stats|running_mean|running_var|num_groups)\b|setattr|__dict__|\bvars\s*\(|\bregister_buffer\b|\b_buffers\b|\b(?!Module\b)\w+\s*\.\s*__init__\s*\(/;
/** Code that sets attributes by a computed name: any attribute may be set. */
const COMPUTED_ATTR_WRITE = /\bsetattr\s*\((?![^,()]*,\s*['"])|__dict__|\bvars\s*\(|\blocals\s*\(|\bglobals\s*\(|__setattr__|\bexec\s*\(|\.(?:add_module|register_module|register_buffer|register_parameter)\s*\(\s*(?!['"])|\b_(?:buffers|parameters|modules)\b|\bnamespace\s*=|\bprune\.|\bmetaclass\b|\bsetitem\b|\btorch\.nn\.utils\.|\bnn\.utils\./;
/** The public members some built-in layers add to nn.Module's (PyTorch 1.13's `dir()`): a name beyond them and what was set on the layer is surely absent. */
const CONV_MEMBERS = ['bias', 'dilation', 'groups', 'in_channels', 'kernel_size', 'out_channels', 'output_padding', 'padding', 'padding_mode', 'reset_parameters', 'stride', 'transposed', 'weight'];
const LAYER_MEMBERS: Record<string, string[]> = {
  ...Object.fromEntries(['Conv1d', 'Conv2d', 'Conv3d', 'ConvTranspose1d', 'ConvTranspose2d', 'ConvTranspose3d'].map((k) => [k, CONV_MEMBERS])),
  Linear: ['bias', 'in_features', 'out_features', 'reset_parameters', 'weight'],
  Embedding: ['embedding_dim', 'from_pretrained', 'max_norm', 'norm_type', 'num_embeddings', 'padding_idx', 'reset_parameters', 'scale_grad_by_freq', 'sparse', 'weight'],
  ...Object.fromEntries(['BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'InstanceNorm1d', 'InstanceNorm2d', 'InstanceNorm3d'].map((k) => [k, ['affine', 'bias', 'eps', 'momentum', 'num_batches_tracked', 'num_features', 'reset_parameters', 'reset_running_stats', 'running_mean', 'running_var', 'track_running_stats', 'weight']])),
  GroupNorm: ['affine', 'bias', 'eps', 'num_channels', 'num_groups', 'reset_parameters', 'weight'],
  LayerNorm: ['bias', 'elementwise_affine', 'eps', 'normalized_shape', 'reset_parameters', 'weight'],
  ...Object.fromEntries(['ReLU', 'SiLU', 'Hardswish', 'Mish', 'Hardsigmoid', 'SELU', 'CELU'].map((k) => [k, ['inplace', ...(k === 'CELU' ? ['alpha'] : [])]])),
  ReLU6: ['inplace', 'max_val', 'min_val'],
  GELU: ['approximate'],
  LeakyReLU: ['inplace', 'negative_slope'],
  ELU: ['alpha', 'inplace'],
  ...Object.fromEntries(['Sigmoid', 'Tanh', 'Identity'].map((k) => [k, []])),
  ...Object.fromEntries(['Dropout', 'Dropout1d', 'Dropout2d', 'Dropout3d', 'AlphaDropout'].map((k) => [k, ['inplace', 'p']])),
  ...Object.fromEntries(['Softmax', 'LogSoftmax'].map((k) => [k, ['dim']])),
  Flatten: ['end_dim', 'start_dim'],
  ...Object.fromEntries(['MaxPool1d', 'MaxPool2d', 'MaxPool3d'].map((k) => [k, ['ceil_mode', 'dilation', 'kernel_size', 'padding', 'return_indices', 'stride']])),
  AvgPool1d: ['ceil_mode', 'count_include_pad', 'kernel_size', 'padding', 'stride'],
  ...Object.fromEntries(['AvgPool2d', 'AvgPool3d'].map((k) => [k, ['ceil_mode', 'count_include_pad', 'divisor_override', 'kernel_size', 'padding', 'stride']])),
  ...Object.fromEntries(['AdaptiveAvgPool1d', 'AdaptiveAvgPool2d', 'AdaptiveAvgPool3d'].map((k) => [k, ['output_size']])),
  ...Object.fromEntries(['AdaptiveMaxPool1d', 'AdaptiveMaxPool2d', 'AdaptiveMaxPool3d'].map((k) => [k, ['output_size', 'return_indices']])),
  Upsample: ['align_corners', 'mode', 'name', 'recompute_scale_factor', 'scale_factor', 'size'],
};

/** nn.Module's own private members (every module has them). */
const MODULE_PRIVATE = new Set(['_modules', '_parameters', '_buffers', '_forward_hooks', '_forward_pre_hooks', '_backward_hooks', '_state_dict_hooks', '_load_state_dict_pre_hooks', '_non_persistent_buffers_set', '_version', '_get_name', '_apply', '_named_members', '_call_impl', '_slow_forward', '_load_from_state_dict', '_save_to_state_dict', '_register_state_dict_hook', '_register_load_state_dict_pre_hook', '_is_full_backward_hook']);
/** Decorators on a forward that change neither its arguments nor its result. */
/** nn.Module's own methods: a decorator's subclass defining one changes what the module does. */
const MODULE_API = /^(?:forward|train|eval|to|cuda|cpu|apply|state_dict|load_state_dict|parameters|buffers|children|modules|named_\w+|register_\w+|add_module|zero_grad|requires_grad_|half|float|double|type|extra_repr|get_submodule|get_parameter)$/;
/** In-place Tensor methods that change values: refused on a Parameter requiring grad while grad is on. */
const PARAM_REFUSED_IN_PLACE = new Set(['fill_', 'zero_', 'normal_', 'uniform_', 'add_', 'sub_', 'mul_', 'div_', 'copy_', 'clamp_', 'clip_', 'exp_', 'log_', 'pow_', 'sqrt_', 'neg_', 'abs_', 'fill_diagonal_', 'masked_fill_', 'index_fill_', 'scatter_', 'bernoulli_', 'random_', 'exponential_', 'geometric_', 'cauchy_', 'log_normal_', 'addcmul_', 'addcdiv_', 'lerp_', 'masked_scatter_', 'index_copy_', 'index_add_', 'put_', 'sign_', 'tanh_', 'sigmoid_', 'relu_', 'floor_', 'ceil_', 'round_', 'trunc_', 'fmod_', 'remainder_', 'renorm_', 'set_', 'resize_']);
/** Tensor methods giving a view of the tensor (a Parameter's view is still refused in-place changes). */
const TENSOR_VIEWS = new Set(['view', 'view_as', 'chunk', 'split', 'unbind', 'narrow', 'select', 'transpose', 't', 'permute', 'squeeze', 'unsqueeze', 'expand', 'expand_as', 'flatten', 'reshape', 'diagonal', 'unfold', 'split_with_sizes', 'tensor_split', 'hsplit', 'vsplit', 'movedim', 'swapaxes', 'as_strided', 'unflatten', 'T', 'mT']);
/** `@torch.no_grad()` / `@torch.inference_mode()` on a function. */
const GRAD_OFF_DECORATOR = /^@\s*(?:torch\.)?(?:autograd\.)?(?:no_grad|inference_mode)\b/;
const HARMLESS_DECORATOR = /^@\s*(?:torch\.)?(?:no_grad|inference_mode|enable_grad|jit\.(?:ignore|unused|export|script_method)|(?:cuda\.)?amp\.autocast|autocast|compile)\b/;

/** torch functions with no Tensor method of the name (checked in PyTorch 1.13). */
const TORCH_FUNCTIONS_ONLY = new Set(['var_mean', 'std_mean', 'view_as_complex', 'view_as_real', 'polar', 'complex']);

/** torch.utils.checkpoint.checkpoint's own keywords; the others go to the function. */
const CHECKPOINT_OPTIONS = new Set(['use_reentrant', 'preserve_rng_state', 'context_fn', 'determinism_check', 'debug']);

/** nn.Sequential / ModuleList / ModuleDict methods a subclass has. */
const CONTAINER_METHODS = new Set(['append', 'extend', 'insert', 'pop', 'keys', 'items', 'values', 'update', 'clear']);

const notTensor = (en: string, zh: string): Value => unknown(en, zh, false);
/** The context object `F.apply` gives a torch.autograd.Function's forward. */
const AUTOGRAD_CTX = 'torch.autograd.function.FunctionCtx';
/** The context's methods forward may call: they record for backward and change no shape. */
const AUTOGRAD_CTX_METHODS = new Set(['save_for_backward', 'save_for_forward', 'mark_dirty', 'mark_non_differentiable', 'set_materialize_grads']);

/** The method name a `functools.partial` value carries: (function, stored positionals, stored keywords). */
const PARTIAL = '<functools.partial>';
const isPartial = (v: Value): boolean => v.t === 'bound' && v.name === PARTIAL && v.recv.t === 'seq';
// torch 1.13 exports them from torch.nn.utils and their own modules; parametrizations.spectral_norm keeps the count too.
const NORM_WRAPPERS = /^torch\.nn\.utils\.(?:(?:weight_norm\.)?(?:remove_)?weight_norm|(?:spectral_norm\.|parametrizations\.)?spectral_norm)$/;
const DATACLASS_INIT = '<dataclass __init__>';
/** `obj.__dict__` of a plain object: its attributes as a dict whose changes write through (`config.__dict__.update(…)`). */
const OBJ_DICT = '<__dict__>';
/** A namedtuple's own `__new__`, reached by `super(C, cls).__new__` in a subclass. */
const TUPLE_NEW = '<namedtuple __new__>';
/** `type(x)` of a tensor / of a list or tuple: compared only with Python's builtin types. */
const TYPE_OF_TENSOR = '<type of a tensor>';
const TYPE_OF_SEQ = '<type of a list or tuple>';
/** A number's type: int or float (or a 0-d tensor's, a NumPy scalar's), never dict, str, bool, list, tuple or set. */
const TYPE_OF_NUMBER = '<type of a number>';
/** `type(None)`. */
const TYPE_OF_NONE = '<type of None>';
/** An OrderedDict's or defaultdict's type: a subclass of dict, none of the builtin classes. */
const TYPE_OF_DICT_SUBCLASS = '<type of a dict subclass>';
/** `super().__init__(...)` / `dict.__init__(self, ...)` in a dict subclass: the entries it starts with. */
const DICT_INIT = '<dict.__init__>';
/** `super().__getitem__(k)` / `super().__setitem__(k, v)` in a dict subclass: dict's own, past the subclass's overrides. */
const DICT_GETITEM = '<dict.__getitem__>';
const DICT_SETITEM = '<dict.__setitem__>';
/** dict's own methods, reached on a subclass that does not define them. */
const DICT_METHODS = new Set(['items', 'keys', 'values', 'get', 'pop', 'setdefault', 'update', 'copy']);
/** Overrides that change how a dict subclass is read; with one, reads through dict's own behaviour are not followed. */
const DICT_READS = ['__getitem__', '__contains__', '__iter__', '__len__', 'keys', '__missing__'];
/** `__getattr__ = dict.__getitem__` / `dict.get` (AttrDict, EasyDict). */
const DICT_ITEM_REF = /^(?:builtins\.)?dict\.(__getitem__|get|__setitem__)$/;

export class PyInterpreter {
  readonly ops: TorchOps;
  private readonly resolving = new Set<string>();
  private readonly libraryNames = new Set<string>();
  /** Depth of module `__init__`/`forward` code running; 0 in the program's own code. */
  private moduleDepth = 0;
  /** Try bodies running whose handlers catch the errors PyTorch raises (RuntimeError, AssertionError, Exception…). */
  private catchingErrors = 0;
  /** The type of the exception the last function that surely raised raised (a constructor's, for its caller's `except`). */
  private lastRaisedType: string | undefined;
  /** Set by the discovery while it runs the file's own code: long loops there run their first round only. */
  entryMode = false;
  private steps = 0;
  private depth = 0;
  private callDepth = 0;
  /**
   * Each `try` body running: the call depth and how many undecided paths were open at its start. A
   * PyRaise is thrown only to a try of the same function, on a path that surely runs (no branch
   * or loop the analysis cannot decide opened since).
   */
  private readonly tryDepths: string[] = [];
  /** Depth of module `__init__`s running (a module made inside another one is a block). */
  private initDepth = 0;
  /** Open write logs of undecided branches and loops the analysis cannot unroll (innermost last). */
  private readonly logs: Journal[] = [];
  /**
   * Lists filtered by a condition the analysis cannot decide (a random layer dropout keeping each
   * layer or not): which known items they may hold, in order. A list is kept here only while it is
   * passed around unchanged — named, returned, given to a function of the file — and any other use
   * (a method, an index, an operator, a library call) forgets it, since that may change or reorder it.
   */
  private readonly subsets = new WeakMap<Value, { items: Value[]; sure: boolean[] }>();
  /** The functions of the calls whose arguments are being evaluated (innermost last). */
  private readonly callees: Value[] = [];
  observer: RunObserver | undefined;
  /** Cancellation, checked every 1,024 steps. */
  isCancelled: (() => boolean) | undefined;
  /** The command line `parse_args()` reads (the analysed script's; none while other files' code runs). */
  scriptArgs: ScriptArgs | undefined;
  /** The command line the code itself put in sys.argv (`sys.argv = ['train.py', '--hidden', '5']`), or why it is not known. */
  argvFromCode: ScriptArgs | undefined;

  /** Code changed sys.argv: a list of known strings is the command line from here on; anything else makes it unknown. */
  private setArgv(v: Value | undefined): void {
    const words = v?.t === 'seq' && !v.unsized && this.logs.length === 0 && v.items.every((w) => w.t === 'str') ? v.items.map((w) => (w as { v: string }).v) : undefined;
    this.scriptArgs = this.argvFromCode = words ? words.slice(1) : { unreadable: { en: 'the code changes sys.argv in a way the analysis does not follow', 'zh-cn': '代码以分析无法跟踪的方式修改了 sys.argv' } };
  }
  /**
   * False once code that sets a module's `training` attribute itself is loaded: then
   * `self.training` is never known. While true, a module reads `self.training` as True (every
   * module is made training) until `.eval()` / `.train(…)` change it where the analysis follows
   * them (setMode) or leave it unknown where it cannot.
   */
  modesFollowed = true;

  constructor(
    private readonly nc: NodeCache,
    private readonly index: ClassIndex,
    readonly mods: TorchModules,
    private readonly loader: ProgramLoader,
  ) {
    // An operation PyTorch refuses (a matmul of mismatched sizes) inside a try of this function raises there (a RuntimeError unless named).
    this.ops = new TorchOps((node, message, fix, nums, exception) => {
      if (this.catchingErrors > 0 && this.tryDepths[this.tryDepths.length - 1] === this.raiseHere()) this.surelyRaises(exception ?? 'RuntimeError', message);
      this.mods.reportAt(node, message, fix, nums);
    });
    const logs = this.logs;
    const log: WriteLog = {
      attr: (map, key, owner) => {
        for (const j of logs) j.attr(map, key, owner);
      },
      children: (m) => {
        for (const j of logs) j.children(m);
      },
    };
    this.mods.log = log;
    // (Inside a try whose handler catches what PyTorch raises, an error the code handles is not reported either.)
    this.mods.onUndecidedPath = () => logs.length > 0 || this.catchingErrors > 0;
    this.mods.inCaughtTry = () => this.catchingErrors > 0;
  }

  /** A fresh step budget (per model, per top-level statement). */
  resetBudget(): void {
    this.steps = 0;
  }

  // ---------------------------------------------------------------- programs and names

  /** The value of a top-level name of a program: class, function, import, or module-level assignment. */
  global(p: PyProgram, name: string): Value | undefined {
    const v = this.starReplaced(p, name) ?? this.globalAsDefined(p, name);
    const defaults = p.tupleDefaults.get(name);
    if (!v || !defaults || p.lazyValues.get(`${name}\u0000defaults`)) return v;
    // `Point.__new__.__defaults__ = (…)` gives the fields defaults; on anything but a namedtuple it is a change the analysis does not follow.
    // Marked first: the defaults' own expression reads the type (`(None,) * len(Point._fields)`).
    p.lazyValues.set(`${name}\u0000defaults`, NONE);
    const d = this.safeEval(defaults, { vars: new Map(), recordFlow: false, program: p });
    const typed = isTupleType(v) ? withDefaults(v, d) : unknownModule(`'${name}' is changed by its __new__.__defaults__`, `'${name}' 被其 __new__.__defaults__ 改变`);
    p.lazyValues.set(name, typed);
    return typed;
  }

  /**
   * Another file read so far writes the name on p's module at its top level (`import consts;
   * consts.A = 3` in a module the model file imports): which value a read sees is not followed.
   * (The main program's own writes are followed as its statements run.)
   */
  private setFromOutside(p: PyProgram, name: string): boolean {
    const base = p.file.replace(/^.*[\\/]/, '').replace(/\.py$/, '');
    // (The modules the analysed file imports are read too: `import side_effects` runs their top level.)
    const main = this.mainProgram;
    const imported = main ? [...main.imports.values()].map((spec) => this.loader.load(main, spec.level, spec.name === undefined ? spec.module : spec.module === '' ? spec.name : `${spec.module}.${spec.name}`) ?? (spec.name !== undefined ? this.loader.load(main, spec.level, spec.module) : undefined)) : [];
    return [...new Set([...(this.loader.loaded?.() ?? []), ...imported])].some((o) => {
      if (!o) return false;
      if (o === p || o === this.mainProgram) return false;
      const aliases = [...o.imports].filter(([, spec]) => (spec.name ?? spec.module).split('.').pop() === base).map(([alias]) => alias);
      return aliases.length > 0 && new RegExp(`^[ \\t]*(?:${aliases.map((a) => a.replace(/\W/g, '')).join('|')})\\s*\\.\\s*${name}\\s*(?:[-+*/]?=)(?!=)`, 'm').test(this.nc.text(o.root));
    });
  }

  /**
   * `random.shuffle(data)`: the list in a random order, in place. Each item is then any of them:
   * what they share (one length, tensors of one shape) stays known, the rest is not.
   */
  private shuffled(v: Value): Value {
    if (v.t !== 'seq' || v.tuple || v.set) return NONE;
    this.willChange(v);
    if (v.unsized || v.items.length < 2) return NONE;
    const any = v.items.length <= 4096 ? anyOf(v.items, 0) : undefined;
    const item = any ?? unknownModule('an item of a list random.shuffle put in an order the analysis cannot know', '被 random.shuffle 打乱顺序的列表中的一项，分析无法知道是哪一项');
    v.items.splice(0, v.items.length, ...v.items.map(() => item));
    return NONE;
  }

  /** The values items are ranked by (`key=` applied to each): all numbers or all strings, else undefined. */
  private rankKeys(items: Value[], key: Value | undefined): (number | string)[] | undefined {
    const keys = items.map((x) => (key && key.t !== 'none' ? this.invokeValue(key, [x]) : x));
    if (keys.every((k) => k.t === 'num' || k.t === 'bool')) return keys.map((k) => (k.t === 'bool' ? (k.v ? 1 : 0) : (k as { v: number }).v));
    if (keys.every((k) => k.t === 'str')) return keys.map((k) => (k as { v: string }).v);
    return undefined;
  }

  /** `sorted(xs, key=…, reverse=…)` / `list.sort(…)`: Python's stable order, reverse keeping equal items' order. */
  private sortedBy(items: Value[], keyword: Map<string, { value: Value }>): Value[] | undefined {
    if ([...keyword.keys()].some((k) => k !== 'key' && k !== 'reverse')) return undefined;
    const rev = keyword.get('reverse')?.value;
    if (rev && rev.t !== 'bool' && !(rev.t === 'num' && rev.int)) return undefined;
    const descending = rev ? (rev.t === 'bool' ? rev.v : (rev as { v: number }).v !== 0) : false;
    const keys = this.rankKeys(items, keyword.get('key')?.value);
    if (!keys) return undefined;
    const order = items.map((_, i) => i).sort((i, j) => {
      const c = keys[i]! < keys[j]! ? -1 : keys[i]! > keys[j]! ? 1 : 0;
      return descending ? -c : c;
    });
    return order.map((i) => items[i]!);
  }

  /**
   * A method under a decorator of the workspace (`@doubled def _make(self, …)`, `@staticmethod
   * @scale_width(2) def block(…)`): what the decorator returns, bound to the instance as a function
   * found on the class is (a static method's is not). undefined: no such decorator (the method as written).
   */
  private decoratedMethod(meth: MethodDef & { owner: ClassDef }, recv: Value | undefined): Value | undefined {
    if (meth.node.parent?.type !== 'decorated_definition' || meth.isProperty) return undefined;
    const plain: Value = { t: 'func', f: this.makeFunction(meth.node, new Map(), undefined, 'function', meth.owner.program, meth.owner) };
    const v = this.decorated(meth.node, plain, { vars: new Map(), recordFlow: false, program: meth.owner.program as PyProgram });
    if (v === plain) return undefined;
    if (v.t !== 'func' || meth.isStatic || !recv) return v;
    return { t: 'func', f: { ...v.f, self: meth.isClassMethod && meth.owner ? { t: 'class', c: meth.owner } : recv, kind: 'method' } };
  }

  /**
   * A plain function as its decorators leave it, the innermost first: a decorator of the workspace
   * (`@widen(3)`, a registry's `@register('mlp')`) runs and its result is the name's value; one
   * known to change neither arguments nor result is skipped, and so is a library's the analysis
   * cannot run (the function as written, as before).
   */
  private decorated(def: Node, f: Value, scope: Scope): Value {
    const parent = def.parent;
    if (parent?.type !== 'decorated_definition') return f;
    let v = f;
    for (const d of this.nc.kids(parent).filter((k) => k.type === 'decorator').reverse()) {
      const text = this.nc.text(d);
      // A cache keeps one result per arguments (`@lru_cache` on a layer factory returns one layer).
      if (/^@\s*(?:functools\.)?(?:lru_cache|cache)\b/.test(text) && v.t === 'func') {
        v = { t: 'func', f: { ...v.f, memo: new Map() } };
        continue;
      }
      if (HARMLESS_DECORATOR.test(text) || /^@\s*(?:staticmethod|classmethod|property|abc\.abstractmethod|abstractmethod|typing\.overload|overload|functools\.wraps|wraps)\b/.test(text)) continue;
      const expr = d.namedChild(0);
      const deco = expr ? this.safeEval(expr, { ...scope, recordFlow: false }) : undefined;
      if (deco?.t !== 'func') continue;
      v = this.invokeFunction(deco.f, { positional: [{ value: v }], keyword: new Map() }, false);
    }
    return v;
  }

  /** A top-level `def` of p as its decorators leave it, bound to its name in `into`. */
  topLevelFunction(p: PyProgram, name: string, fn: Node, into: Map<string, Value>): Value {
    // (Set first: a decorator reading the name back, or registering it, finds the function itself.)
    const plain: Value = { t: 'func', f: this.makeFunction(fn, new Map(), undefined, 'function', p) };
    into.set(name, plain);
    const v = this.decorated(fn, plain, { vars: new Map(), recordFlow: false, program: p });
    into.set(name, v);
    return v;
  }

  private globalAsDefined(p: PyProgram, name: string): Value | undefined {
    const known = p.globals.get(name) ?? p.lazyValues.get(name);
    if (known) return known;
    const fn = p.functions.get(name);
    if (fn) return this.topLevelFunction(p, name, fn, p.lazyValues);
    const node = p.globalNodes.get(name);
    const key = `${p.file}\u0000${name}`;
    // Changed by module-level code that has not run (yet): its last assignment alone would be a
    // wrong value (a vocabulary dict filled by a loop, a counter assigned twice).
    if (node && p !== this.mainProgram && this.setFromOutside(p, name)) return unknownModule(`'${name}' of ${p.file} is set by another file's module-level code the analysis does not run`, `${p.file} 的 '${name}' 被分析不运行的另一文件的模块级代码设置`);
    if (node && p.globalsWritten && p !== this.mainProgram) return unknownModule(`'${name}' may be changed through globals() in ${p.file}`, `'${name}' 可能在 ${p.file} 中通过 globals() 被修改`);
    if (node && p.mutated.has(name)) return unknownModule(`'${name}' is changed by module-level code (a loop, a second assignment, an in-place update) the analysis has not run here`, `'${name}' 被模块级代码（循环、再次赋值、原地修改）改变，分析在此处尚未运行这些代码`);
    if (node && !this.resolving.has(key)) {
      this.resolving.add(key);
      if (p !== this.mainProgram) this.replayParserSetup(p, node);
      let v: Value;
      // Computed with a step budget of its own: a name too long to compute (a 160 × 512 table
      // filled element by element) is unknown, and the statement that reads it goes on.
      const spent = this.steps;
      this.steps = 0;
      try {
        v = this.safeEval(node, { vars: new Map(), recordFlow: false, program: p });
      } catch (e) {
        if (!(e instanceof Budget) || this.isCancelled?.()) throw e;
        v = tooLong(name);
      } finally {
        this.resolving.delete(key);
        this.steps = spent;
      }
      p.lazyValues.set(name, v);
      if (v.t === 'dict' || (v.t === 'seq' && !v.tuple)) this.registerDecorated(p);
      return v;
    }
    // An import cycle (a package's __init__.py importing its own modules by the package's name,
    // two files star-importing each other) ends here: the name is not defined along it.
    const importKey = `${key}\u0000import`;
    if (this.resolving.has(importKey)) return undefined;
    this.resolving.add(importKey);
    try {
      return this.importedGlobal(p, name);
    } finally {
      this.resolving.delete(importKey);
    }
  }

  /**
   * `args = parser.parse_args()` at the top level of another file (a `configs.py` the model file
   * imports `args` from): the `parser.add_argument(…)` statements above it ran when Python imported
   * the file, so they run here first, once per file, in order (the options' defaults are then known).
   */
  private replayParserSetup(p: PyProgram, node: Node): void {
    if (this.parsersReplayed.has(p) || !/\bparse_(?:known_)?args\s*\(/.test(this.nc.text(node))) return;
    this.parsersReplayed.add(p);
    let top: Node = node;
    while (top.parent && top.parent.type !== 'module') top = top.parent;
    const scope: Scope = { vars: new Map(), recordFlow: false, program: p };
    for (const st of p.statements) {
      if (st.startIndex >= top.startIndex) break;
      const call = st.type === 'expression_statement' ? st.namedChild(0) : null;
      const fn = call?.type === 'call' ? this.nc.field(call, 'function') : null;
      const method = fn?.type === 'attribute' ? this.nc.field(fn, 'attribute')?.text : undefined;
      if (call && method && PARSER_SETUP.has(method) && this.nc.field(fn!, 'object')?.type === 'identifier') this.safeEval(call, scope);
    }
  }

  private readonly parsersReplayed = new WeakSet<PyProgram>();

  /**
   * `REG = {}` read for the first time: the file's decorators (`@register("big") class Big`,
   * `@register_model def resnet(…)`) ran when Python imported it, so a registry they fill holds
   * their entries. Each top-level decorated definition is resolved once, its workspace decorators
   * run; a class keeps its name (what a decorator returns in place of a class is not followed).
   */
  private registerDecorated(p: PyProgram): void {
    if (this.registered.has(p)) return;
    this.registered.add(p);
    for (const stmt of p.statements) {
      if (stmt.type !== 'decorated_definition') continue;
      const def = this.nc.field(stmt, 'definition');
      const name = def ? this.nc.field(def, 'name')?.text : undefined;
      if (!def || !name) continue;
      if (def.type === 'function_definition') {
        this.global(p, name);
        continue;
      }
      const cls = def.type === 'class_definition' ? p.classAt(def) : undefined;
      if (!cls) continue;
      for (const d of this.nc.kids(stmt).filter((k) => k.type === 'decorator').reverse()) {
        const text = this.nc.text(d);
        if (HARMLESS_DECORATOR.test(text) || /^@\s*(?:dataclasses\.)?dataclass\b/.test(text)) continue;
        const expr = d.namedChild(0);
        const deco = expr ? this.safeEval(expr, { vars: new Map(), recordFlow: false, program: p }) : undefined;
        if (deco?.t !== 'func') continue;
        try {
          this.invokeFunction(deco.f, { positional: [{ value: { t: 'class', c: cls } }], keyword: new Map() }, false);
        } catch (e) {
          if (!(e instanceof PyRaise)) throw e;
        }
      }
    }
  }

  private readonly registered = new WeakSet<PyProgram>();

  /** A top-level name a program imports (`from m import name`, `from m import *`). */
  /** What an import binds from a workspace file (`from model import Net`); undefined for a library or a file not found. */
  importedSpec(p: PyProgram, imp: { level: number; module: string; name?: string }): Value | undefined {
    const other = this.loader.load(p, imp.level, imp.module);
    if (!other) return undefined;
    if (imp.name === undefined) return { t: 'pymod', p: other };
    const v = this.global(other, imp.name);
    if (v) return v;
    // `from . import model`: the name is a module of the package.
    const sub = this.loader.load(p, imp.level, imp.module === '' ? imp.name : `${imp.module}.${imp.name}`);
    return sub ? { t: 'pymod', p: sub } : undefined;
  }

  private importedGlobal(p: PyProgram, name: string): Value | undefined {
    const imp = p.imports.get(name);
    if (imp && !this.libraryNames.has(`${p.file}\u0000${name}`)) {
      const found = this.importedSpec(p, imp);
      if (found) return found;
      if (!this.loader.load(p, imp.level, imp.module) && (imp.level > 0 || imp.name !== undefined)) {
        // `from . import block`, and `from model import architecture` where model/ has no
        // __init__.py (a namespace package): the name is a module file of that folder.
        const sub = this.loader.load(p, imp.level, imp.module === '' ? (imp.name ?? '') : `${imp.module}.${imp.name ?? ''}`);
        if (sub) return { t: 'pymod', p: sub };
      }
      // A library (torch, numpy…): resolved through the aliases from now on.
      this.libraryNames.add(`${p.file}\u0000${name}`);
    }
    // The last star import exporting the name binds it — one after the name's own import (`from helpers import *`,
    // then `import torch.nn.functional as F`: F is torch's).
    const importedAt = imp ? (p.lastBinding.get(name) ?? -1) : -1;
    for (const star of [...p.starImports].reverse()) {
      if (star.index < importedAt) continue;
      const other = this.loader.load(p, star.level, star.module);
      if (!other || other === p || this.starExports(other, name) === false) continue;
      const v = this.global(other, name);
      if (v) return v;
    }
    return undefined;
  }

  /**
   * A name the file binds (`from a import Net`, `class Net`) and a later `from b import *` binds
   * again: b's value when b exports the name, unknown when whether it does is unknown, undefined
   * when no later star import of a workspace file replaces it.
   */
  starReplaced(p: PyProgram, name: string): Value | undefined {
    const bound = p.lastBinding.get(name);
    if (bound === undefined || (p.starImports.length === 0 && p.blockStarImports.length === 0)) return undefined;
    const key = `${p.file}\u0000${name}\u0000star`;
    if (this.resolving.has(key)) return undefined;
    this.resolving.add(key);
    try {
      for (const star of p.starImports.filter((s) => s.index > bound).reverse()) {
        const other = this.loader.load(p, star.level, star.module);
        if (!other) {
          if (this.libraryStarMayBind(p, star.module, name, bound)) return unknownModule(`'from ${star.module} import *' may replace '${name}' (a library's names are not listed here)`, `'from ${star.module} import *' 可能替换 '${name}'（此处不列出库的名字）`);
          continue;
        }
        if (other === p) continue;
        const exported = this.starExports(other, name);
        if (exported === false || this.sameLibraryImport(p, other, name)) continue;
        const v = this.global(other, name);
        if (v) return exported ? v : unknownModule(`whether 'from ${star.module} import *' replaces '${name}' is not known here (its __all__, or a del of the name)`, `'from ${star.module} import *' 是否替换 '${name}' 在此处未知（其 __all__，或对该名字的 del）`);
        // Defined there only inside a block (`try:` / `if`): whether it is, and as what, is not known.
        if (this.mayBind(other, name)) return unknownModule(`'from ${star.module} import *' may replace '${name}' (defined there inside a block)`, `'from ${star.module} import *' 可能替换 '${name}'（在其代码块中定义）`);
      }
      // A star import under a module-level `if` / `try` / `for` (run or not: not decided here).
      for (const star of p.blockStarImports.filter((s) => s.index > bound)) {
        const other = this.loader.load(p, star.level, star.module);
        if (!other && this.libraryStarMayBind(p, star.module, name, bound)) return unknownModule(`'${name}' may be replaced by 'from ${star.module} import *' inside a block`, `'${name}' 可能被代码块中的 'from ${star.module} import *' 替换`);
        if (!other || other === p || this.starExports(other, name) === false || this.sameLibraryImport(p, other, name)) continue;
        if (this.global(other, name) || this.mayBind(other, name)) return unknownModule(`'${name}' may be replaced by 'from ${star.module} import *' inside a block`, `'${name}' 可能被代码块中的 'from ${star.module} import *' 替换`);
      }
      return undefined;
    } finally {
      this.resolving.delete(key);
    }
  }

  /**
   * `e = 4; from math import *`: a library's star import after the file bound a name may bind it
   * again. Names bound by an import (`import torch.nn as nn`) are left: a library exporting another
   * library's alias is not how they are written. math's names are known; other libraries' are not.
   */
  private libraryStarMayBind(p: PyProgram, module: string, name: string, bound: number): boolean {
    const st = p.statements[bound];
    if (name.startsWith('_') || st?.type === 'import_statement' || st?.type === 'import_from_statement') return false;
    const known = LIBRARY_STAR_EXPORTS[module];
    return known === undefined || known.has(name);
  }

  /**
   * Whether a module may bind the name somewhere its import runs: a class, def or assignment of it at
   * any depth (under a block, a loop), or a module it star-imports (in a block too) that may.
   */
  private mayBind(p: PyProgram, name: string, depth = 0): boolean {
    if (depth > 8 || !/^\w+$/.test(name)) return true;
    if (this.bindsInModuleScope(p.root, name, 0)) return true;
    for (const star of [...p.starImports, ...p.blockStarImports]) {
      const other = this.loader.load(p, star.level, star.module);
      if (other && other !== p && this.mayBind(other, name, depth + 1)) return true;
    }
    return false;
  }

  /**
   * A class, def, assignment, loop target or import of the name in the module's own scope (under
   * blocks too), not inside a function or class body (segan's `nn = 1` inside a method binds a local).
   */
  private bindsInModuleScope(n: Node, name: string, depth: number, skipImports = false): boolean {
    if (depth > 60) return true;
    const own = (t: Node | null): boolean => !!t && (t.type === 'identifier' ? this.nc.text(t) === name : t.type === 'pattern_list' || t.type === 'tuple_pattern' || t.type === 'list_pattern' || t.type === 'parenthesized_expression' ? this.nc.kids(t).some((k) => own(k)) : t.type === 'list_splat_pattern' ? own(t.namedChild(0)) : false);
    for (const c of this.nc.kids(n)) {
      const type = c.type;
      if (type === 'function_definition' || type === 'class_definition') {
        if (this.nc.field(c, 'name')?.text === name) return true;
        continue;
      }
      if (type === 'lambda') continue;
      if (type === 'import_statement' || type === 'import_from_statement' || type === 'future_import_statement') {
        if (skipImports) continue;
        // The names it binds: an alias, else `import a.b` binds `a`, `from m import a` binds `a`.
        const from = type === 'import_from_statement';
        for (const nm of this.nc.fields(c, 'name')) {
          if (!nm) continue;
          const bound = nm.type === 'aliased_import' ? this.nc.field(nm, 'alias')?.text : from ? this.nc.text(nm) : this.nc.text(nm).split('.')[0];
          if (bound === name) return true;
        }
        continue;
      }
      if ((type === 'assignment' || type === 'augmented_assignment' || type === 'for_statement' || type === 'for_in_clause') && own(this.nc.field(c, 'left'))) return true;
      if (type === 'named_expression' && own(this.nc.field(c, 'name'))) return true;
      if ((type === 'as_pattern' || type === 'except_clause') && /\bas\s+(\w+)/.exec(this.nc.text(c))?.[1] === name) return true;
      if (this.bindsInModuleScope(c, name, depth + 1, skipImports)) return true;
    }
    return false;
  }

  /**
   * `from helpers import *` where helpers imports the library module under the same name as this
   * file does (`import torch.nn as nn` in both) and binds it no other way: the name it brings is the
   * one already here.
   */
  private sameLibraryImport(p: PyProgram, other: PyProgram, name: string): boolean {
    const lib = other.aliases.get(name);
    if (lib === undefined || lib !== p.aliases.get(name) || other.imports.get(name)?.level !== 0 || this.bindsInModuleScope(other.root, name, 0, true)) return false;
    // (Its own star imports may rebind the name only from a workspace file that binds it: `from config import *`
    // of a file of settings leaves `torch` the library. A library's star import does not rebind an imported name.)
    return [...other.starImports, ...other.blockStarImports].every((star) => {
      const from = this.loader.load(other, star.level, star.module);
      return !from || (from !== other && !this.mayBind(from, name));
    });
  }

  /** Does `from m import *` bring the name: listed in m's `__all__`, else public. undefined: `__all__` is not known. */
  private starExports(m: PyProgram, name: string): boolean | undefined {
    // `del Net` at the module's top level (after `Big = Net`): whether the name is left is not followed.
    if (m.statements.some((st) => st.type === 'delete_statement' && new RegExp(`\\b${name.replace(/\W/g, '')}\\b`).test(this.nc.text(st)))) return undefined;
    if (!m.globalNodes.has('__all__')) return !name.startsWith('_');
    const all = this.global(m, '__all__');
    if (all?.t !== 'seq' || all.unsized || !all.items.every((x) => x.t === 'str')) return undefined;
    return all.items.some((x) => x.t === 'str' && x.v === name);
  }

  /** The classes and functions `from m import *` brings from workspace files (`D = Discriminator()`). */
  starImportedNames(p: PyProgram): string[] {
    const names: string[] = [];
    for (const star of p.starImports) {
      const other = this.loader.load(p, star.level, star.module);
      // (Its imports too: `np` reaches a script only through `from helpers import *`.)
      if (other && other !== p) names.push(...other.classes.keys(), ...other.functions.keys(), ...[...other.imports.keys()].filter((n) => !n.startsWith('_')));
    }
    return names;
  }

  /**
   * Python's truth of a value. A module is true unless it has a length: an nn.Sequential /
   * ModuleList / ModuleDict is false when empty (`Linear(4, 8) if self.extra else Linear(4, 2)`
   * over an empty list picks the second), and a class defining __len__ or __bool__ is undecided.
   */
  private truthOf(v: Value): boolean | undefined {
    if (v.t !== 'module') return truth(v);
    const m = this.mods.get(v.m);
    if (!m) return undefined;
    if (m.userClass && (this.index.findMethod(m.userClass, '__len__') || this.index.findMethod(m.userClass, '__bool__'))) return undefined;
    if (m.container || m.paramHolder) {
      const items = this.mods.iterate(m);
      return items ? items.length > 0 : undefined;
    }
    return true;
  }

  /**
   * Is `name` read at `node` a local of the function around it, bound there only by plain
   * assignments (`name = …`, `name += …`, `for name in …`), which the analysis follows? Other ways
   * to bind it (unpacking, `with … as`, imports, `del`, `global`, walrus, `exec`) answer no.
   */
  private plainLocal(node: Node, name: string): boolean {
    let fn: Node | null = node.parent;
    while (fn && fn.type !== 'function_definition') {
      if (fn.type === 'class_definition' || fn.type === 'lambda' || /comprehension$|^generator_expression$/.test(fn.type)) return false;
      fn = fn.parent;
    }
    if (!fn) return false;
    const locals = this.plainLocals.get(fn.id) ?? this.bindingsOf(fn);
    this.plainLocals.set(fn.id, locals);
    return locals.plain.has(name) && !locals.other.has(name);
  }

  /** The names a function binds by plain assignment, and those it binds any other way (one walk per function). */
  private bindingsOf(fn: Node): { plain: Set<string>; other: Set<string> } {
    const plain = new Set<string>();
    const other = new Set<string>();
    // (`exec`, `locals()` may bind anything: no name is surely plain.)
    if (/\b(?:exec|eval|locals|vars)\s*\(/.test(this.nc.text(fn))) return { plain, other };
    const params = this.nc.field(fn, 'parameters');
    for (const m of params ? this.nc.text(params).matchAll(/[A-Za-z_]\w*/g) : []) other.add(m[0]);
    const body = this.nc.field(fn, 'body');
    const stack: Node[] = body ? [body] : [];
    let budget = 200_000;
    while (stack.length > 0) {
      if (--budget < 0) return { plain: new Set(), other };
      const n = stack.pop()!;
      // (A nested function or class binds its own names; its name is bound here.)
      if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') {
        const nm = this.nc.field(n, 'name');
        if (nm) other.add(this.nc.text(nm));
        continue;
      }
      if (n.type === 'identifier') {
        const p = n.parent;
        const text = this.nc.text(n);
        if (p && (p.type === 'assignment' || p.type === 'augmented_assignment' || p.type === 'for_statement') && this.nc.field(p, 'left')?.id === n.id) plain.add(text);
        else if (p && /^(?:pattern_list|tuple_pattern|list_pattern|as_pattern|as_pattern_target|named_expression|global_statement|nonlocal_statement|delete_statement|dotted_name|aliased_import|import_statement|import_from_statement|except_clause|list_splat_pattern|case_pattern|keyword_pattern)$/.test(p.type)) other.add(text);
        continue;
      }
      for (const c of this.nc.kids(n)) stack.push(c);
    }
    return { plain, other };
  }

  private readonly plainLocals = new Map<number, { plain: Set<string>; other: Set<string> }>();

  private lookup(name: string, scope: Scope): Value {
    const v = (scope.globalNames?.has(name) ? undefined : scope.vars.get(name)) ?? this.global(scope.program, name);
    if (v) return v;
    const alias = scope.program.aliases.get(name);
    if (alias) return { t: 'ref', name: alias };
    if (BUILTINS.has(name)) return { t: 'ref', name: `builtins.${name}` };
    if (name === '__name__') return { t: 'str', v: '__main__' };
    // The file's own path (`os.path.dirname(__file__)` to find a config beside it); a notebook has none.
    if (name === '__file__') return scope.program.file.startsWith('/') && !scope.program.file.endsWith('.ipynb') ? { t: 'str', v: scope.program.file } : unknown('__file__ of code that is not a file on disk', '不是磁盘文件的代码的 __file__', false);
    return unknownModule(`'${name}' is not defined where the analysis can see it`, `分析看不到 '${name}' 的定义`);
  }

  // ---------------------------------------------------------------- functions

  makeFunction(def: Node, closure: Map<string, Value>, self: Value | undefined, kind: Callable['kind'], program: PyProgram, owner?: ClassDef): Callable {
    const params: string[] = [];
    const defaults = new Map<string, Node>();
    const kwOnly = new Set<string>();
    let varargs: string | undefined;
    let kwargs: string | undefined;
    let afterStar = false;
    const paramsNode = this.nc.field(def, 'parameters');
    for (const p of paramsNode ? this.nc.kids(paramsNode) : []) {
      if (!p) continue;
      const type = this.nc.type(p);
      let name: string | undefined;
      if (type === 'identifier') name = this.nc.text(p);
      else if (type === 'typed_parameter') {
        const inner = p.namedChild(0);
        if (inner?.type === 'list_splat_pattern') {
          varargs = inner.namedChild(0)?.text;
          afterStar = true;
          continue;
        }
        if (inner?.type === 'dictionary_splat_pattern') {
          kwargs = inner.namedChild(0)?.text;
          continue;
        }
        name = inner?.text;
      } else if (type === 'default_parameter' || type === 'typed_default_parameter') {
        name = this.nc.field(p, 'name')?.text;
        const v = this.nc.field(p, 'value');
        if (name && v) defaults.set(name, v);
      } else if (type === 'list_splat_pattern') {
        varargs = p.namedChild(0)?.text;
        afterStar = true;
        continue;
      } else if (type === 'dictionary_splat_pattern') {
        kwargs = p.namedChild(0)?.text;
        continue;
      } else if (type === 'keyword_separator') {
        afterStar = true;
        continue;
      } else continue;
      if (!name) continue;
      params.push(name);
      if (afterStar) kwOnly.add(name);
    }
    const body = this.nc.field(def, 'body')!;
    const f: Callable = { kind, params, defaults, body, closure, expression: this.nc.type(def) === 'lambda', name: this.nc.field(def, 'name')?.text ?? 'lambda', program };
    if (self) f.self = self;
    if (owner) f.owner = owner;
    if (varargs) f.varargs = varargs;
    if (kwargs) f.kwargs = kwargs;
    if (kwOnly.size > 0) f.kwOnly = kwOnly;
    return f;
  }

  /**
   * A def or lambda made while code runs. It reads the enclosing variables when called, not as they
   * were when made (`[lambda t: t[:, :i] for i in range(3)]` all see the last i): the closure is
   * the scope's own map. Its defaults are evaluated now, in that scope (`lambda t, i=i: …`).
   */
  private makeClosure(def: Node, scope: Scope, self: Value | undefined, kind: Callable['kind']): Callable {
    const f = this.makeFunction(def, scope.vars, self, kind, scope.program);
    if (f.defaults.size > 0) f.boundDefaults = new Map([...f.defaults].map(([n, d]) => [n, this.safeEval(d, { ...scope, recordFlow: false })]));
    return f;
  }

  /** Binds a call's arguments to a function's parameters (defaults evaluated in its file). */
  private bind(f: Callable, args: ArgList, names: string[]): Map<string, Value> {
    const out = new Map<string, Value>();
    const positional = names.filter((n) => !f.kwOnly?.has(n));
    const used = new Set<string>();
    args.positional.forEach((a, i) => {
      const n = positional[i];
      if (n !== undefined) {
        out.set(n, a.value);
        used.add(n);
      }
    });
    // `f(*xs)` with xs the analysis cannot list: *args holds more than the listed arguments (not an empty tuple).
    if (f.varargs) out.set(f.varargs, args.unknownRest ? { ...unknownModule(`'*${f.varargs}' holds arguments the analysis cannot list`, `'*${f.varargs}' 含有无法列出的参数`), ...(args.unknownRest.t === 'unknown' ? { reason: args.unknownRest.reason } : {}) } : { t: 'seq', items: args.positional.slice(positional.length).map((a) => a.value), tuple: true });
    const extra: [string, Value][] = [];
    for (const [k, a] of args.keyword) {
      if (names.includes(k) && !used.has(k)) out.set(k, a.value);
      else extra.push([k, a.value]);
    }
    // A required parameter without a value: no real call looks like this (a class analysed on its
    // own), so its **kwargs are unknown too, not empty.
    const required = names.find((n) => !out.has(n) && !f.defaults.has(n) && !f.kwOnly?.has(n));
    const fromNowhere = required !== undefined;
    // (So are those of a class a registry records and nothing here builds: the config builds it through them, `REG[name](**cfg)`.)
    if (f.kwargs) out.set(f.kwargs, args.unknownRest ? (args.unknownRest.t === 'unknown' ? { ...args.unknownRest, mod: true } : unknownModule('**kwargs with unknown contents', '内容未知的 **kwargs')) : fromNowhere || args.builtByRegistry ? unknownModule(`'**${f.kwargs}' has no value here (instantiate the class in this file)`, `'**${f.kwargs}' 在此处没有值（请在本文件中实例化该类）`) : { t: 'dict', entries: extra });
    for (const n of names) {
      if (out.has(n)) continue;
      if (args.unknownRest) {
        out.set(n, args.unknownRest);
        continue;
      }
      const d = f.defaults.get(n);
      // The same for its defaults: code that passes `depth` passes `num_classes=10` as well (bearpaw's WideResNet, PreResNet).
      if (d && fromNowhere && !args.unknownRest) {
        out.set(n, unknownModule(`'${n}' is not known: nothing here builds this with its required '${required}', so its default may not be the value used`, `'${n}' 未知：此处没有代码给出必需参数 '${required}' 来构建它，默认值未必是实际所用的值`));
        continue;
      }
      out.set(n, d ? this.defaultValue(f, n, d) : unknownModule(`'${n}' has no value here (instantiate the class in this file or give it a default)`, `'${n}' 在此处没有值（请在本文件中实例化该类或给出默认值）`));
    }
    return out;
  }

  /** How a class is built: `__init__`'s parameters after `self`, a dataclass's fields; undefined when neither is in the workspace. */
  constructorSignature(c: ClassDef): Callable | undefined {
    const init = this.index.findMethod(c, '__init__');
    if (init) {
      const f = this.makeFunction(init.node, new Map(), undefined, 'function', init.owner.program);
      return { ...f, params: f.params.slice(1) };
    }
    if (!c.isDataclass) return undefined;
    const fields = this.index.fields(c);
    return { kind: 'function', params: fields.map((f) => f.name), defaults: new Map(fields.filter((f) => f.default).map((f) => [f.name, f.default!])), body: c.node, closure: new Map(), expression: false, name: c.name, program: c.program };
  }

  /** A parameter's default value, as Python bound it when the function was defined. */
  defaultOf(f: Callable, name: string): Value | undefined {
    const d = f.defaults.get(name);
    return d ? this.defaultValue(f, name, d) : undefined;
  }

  /**
   * Python evaluates a default once, where the `def` runs: a nested def's or a lambda's in the
   * enclosing scope (bound when made), a method's in its class body (`w=W` reads the class's W,
   * not a global W), a module-level def's in the globals as they were then (defaultsAtDefinition).
   */
  private defaultValue(f: Callable, name: string, d: Node): Value {
    // A module made by a default (`act=nn.SiLU()`, `actv=nn.PReLU()`) is one object every call
    // shares: PyTorch counts its weights once, wherever it is used.
    let shared = this.sharedDefaults.get(this.mods);
    const made = shared?.get(d.id);
    if (made) return made;
    const bound = f.boundDefaults?.get(name) ?? this.defaultsAtDefinition.get(d.id);
    const v = bound ?? this.safeEval(d, this.definitionScope(d, f.program as PyProgram));
    if (v.t === 'module') {
      if (!shared) this.sharedDefaults.set(this.mods, (shared = new Map()));
      shared.set(d.id, v);
    }
    // One list for every call: a function that changes it gives each later call a different default.
    if (MUTABLE_DISPLAY.has(this.nc.type(d)) && mutatesName(this.nc.text(f.body), name)) return unknown(`the default of '${name}' is one ${this.nc.type(d) === 'list' ? 'list' : 'object'} shared by every call, and ${f.name}() changes it`, `'${name}' 的默认值是所有调用共享的同一个对象，而 ${f.name}() 会修改它`);
    return v;
  }

  /** Modules made by parameter defaults, per default (and per set of modules the analysis builds). */
  private readonly sharedDefaults = new WeakMap<object, Map<number, Value>>();

  /** Defaults of the analysed file's module-level definitions that read a global the file changes, evaluated when the definition ran. */
  readonly defaultsAtDefinition = new Map<number, Value>();

  /** Records the defaults of a module-level def or class statement (its methods') that read one of `changed`, with the globals as they are now. */
  bindDefinitionDefaults(stmt: Node, changed: ReadonlySet<string>, scope: Scope): void {
    for (const d of this.defaultNodes(stmt)) {
      const reads = identifiersIn(d);
      if (reads.some((n) => changed.has(n))) this.defaultsAtDefinition.set(d.id, this.safeEval(d, this.definitionScope(d, scope.program, scope)));
    }
    // Class attributes too (`block_cls = Block` with Block defined again further down): the body runs here.
    const def = this.nc.type(stmt) === 'decorated_definition' ? this.nc.field(stmt, 'definition') : stmt;
    const cls = def?.type === 'class_definition' ? (scope.program as PyProgram).classAt(def) : undefined;
    for (const [name, node] of cls?.attrs ?? []) if (identifiersIn(node).some((n) => changed.has(n))) this.classBodyValue(cls!, name, node);
  }

  /** The default value nodes of a def, or of the methods directly in a class body. */
  private defaultNodes(stmt: Node): Node[] {
    const def = this.nc.type(stmt) === 'decorated_definition' ? this.nc.field(stmt, 'definition') : stmt;
    if (!def) return [];
    const defs = def.type === 'function_definition' ? [def] : def.type === 'class_definition' ? this.nc.kids(this.nc.field(def, 'body')!).map((m) => (m?.type === 'decorated_definition' ? this.nc.field(m, 'definition') : m)).filter((m): m is Node => m?.type === 'function_definition') : [];
    const out: Node[] = [];
    for (const fd of defs) {
      const params = this.nc.field(fd, 'parameters');
      for (const p of params ? this.nc.kids(params) : []) {
        const v = p && (p.type === 'default_parameter' || p.type === 'typed_default_parameter') ? this.nc.field(p, 'value') : undefined;
        if (v) out.push(v);
      }
    }
    return out;
  }

  /**
   * The scope an expression written in a class body (a method's default, a class attribute) reads:
   * the names the body assigned before it, then the globals. Elsewhere, the globals.
   */
  private definitionScope(node: Node, program: PyProgram, globals?: Scope): Scope {
    const base: Scope = globals ?? { vars: new Map(), recordFlow: false, program };
    let p: Node | null = node.parent;
    // The parameter list the default belongs to, and its def, are not scopes the default sees.
    while (p && p.type !== 'parameters' && p.type !== 'lambda_parameters' && p.type !== 'class_definition' && p.type !== 'function_definition' && p.type !== 'module') p = p.parent;
    if (p?.type === 'parameters' || p?.type === 'lambda_parameters') {
      p = p.parent?.parent ?? null;
      if (p?.type === 'decorated_definition') p = p.parent;
    }
    if (p?.type === 'block' && p.parent?.type === 'class_definition') p = p.parent;
    else if (p?.type !== 'class_definition') return base;
    const cls = (program.classDefs as ClassDef[]).find((c) => c.node.startIndex === p!.startIndex);
    if (!cls) return base;
    const vars = new Map(base.vars);
    // A comprehension's or lambda's body in a class body does not see the class's names (Python 3:
    // `[n * s for s in sizes]` reads the global n); its first iterable does. A name read both ways
    // is not one value here.
    const { outer, inner } = classScopeNames(node);
    for (const n of outer) {
      const at = cls.attrs.get(n);
      // (Changed in the body by a statement not followed: not the value of its assignment.)
      if (cls.rewritten.has(n) && !inner.has(n)) vars.set(n, unknown(`${cls.name}.${n} is changed in the class body by a statement the analysis does not follow there`, `${cls.name}.${n} 在类体中被分析不跟踪的语句修改`));
      else if (at && at.startIndex < node.startIndex) vars.set(n, inner.has(n) ? unknown(`'${n}' is both ${cls.name}'s and, inside a comprehension, the module's`, `'${n}' 既是 ${cls.name} 的名字，在推导式中又是模块的名字`) : this.classBodyValue(cls, n, at));
    }
    return { ...base, vars };
  }

  private readonly classBodyValues = new Map<ClassDef, Map<string, Value>>();

  /** A class attribute as the class body left it (later writes to it aside). */
  private classBodyValue(c: ClassDef, name: string, node: Node): Value {
    let cache = this.classBodyValues.get(c);
    if (!cache) this.classBodyValues.set(c, (cache = new Map()));
    let v = cache.get(name);
    if (!v) {
      cache.set(name, unknown(`${c.name}.${name} reads itself`, `${c.name}.${name} 读取自身`));
      v = this.safeEval(node, this.definitionScope(node, c.program));
      cache.set(name, v);
    }
    return v;
  }

  /** The constructor arguments of a class as `__init__` would bind them (for the discovery). */
  ctorValues(c: ClassDef, args: ArgList): Map<string, Value> {
    const init = this.index.findMethod(c, '__init__');
    if (!init) return new Map();
    const f = this.makeFunction(init.node, new Map(), undefined, 'function', init.owner.program);
    return this.bind(f, args, f.params.slice(1));
  }

  /** The definitions (function nodes' ids) whose bodies have run: a function only refused calls reached has not. */
  readonly ranDefs = new Set<number>();

  /**
   * Runs code the program itself does not run (a module-level function nothing calls, run to find
   * the models it builds and feeds): what it writes to the module's names, containers and modules
   * is put back after, so the code that does run never sees it (`global W; W = 9` in an uncalled
   * `setup()`). Models it makes and the observer's records stay.
   */
  runDiscarding<T>(run: () => T): T {
    const journal = new Journal(this.mods.count);
    this.logs.push(journal);
    try {
      return run();
    } finally {
      this.logs.pop();
      journal.switchToSecond();
    }
  }

  invokeFunction(f: Callable, args: ArgList, isModelForward: boolean, cls?: ClassDef): Value {
    // `@torch.no_grad()` on the function: grad is off while it runs.
    const def = f.body.parent;
    const decorated = def?.type === 'function_definition' && def.parent?.type === 'decorated_definition' ? this.nc.kids(def.parent).filter((d) => d.type === 'decorator').map((d) => this.nc.text(d)) : [];
    if (!decorated.some((d) => GRAD_OFF_DECORATOR.test(d))) return this.invokeFunctionBody(f, args, isModelForward, cls);
    this.gradModes.push(false);
    try {
      return this.invokeFunctionBody(f, args, isModelForward, cls);
    } finally {
      this.gradModes.pop();
    }
  }

  private invokeFunctionBody(f: Callable, args: ArgList, isModelForward: boolean, cls?: ClassDef): Value {
    if (f.memo) {
      // A cached function called again with equal arguments gives the object it gave the first time
      // (a layer built once is one layer, however many attributes hold it).
      const key = memoKey(args);
      const hit = key === undefined ? undefined : f.memo.get(key);
      if (hit) return hit;
      const r = this.invokeFunction({ ...f, memo: undefined }, args, isModelForward, cls);
      if (key !== undefined && this.logs.length === 0) f.memo.set(key, r);
      return key === undefined && r.t === 'module' ? unknownModule(`${f.name}() is cached by arguments the analysis cannot compare: the same module may be given twice`, `${f.name}() 按无法比较的参数缓存：可能两次返回同一模块`) : r;
    }
    if (f.body.parent) this.ranDefs.add(f.body.parent.id);
    if (this.callDepth >= MAX_CALL_DEPTH) {
      for (const a of [...args.positional, ...args.keyword.values()]) this.subsets.delete(a.value);
      return unknownModule('calls nest too deeply to follow', '调用嵌套过深，无法继续分析');
    }
    const vars = new Map<string, Value>(f.closure);
    let names = f.params;
    if (f.self && f.kind === 'method') {
      vars.set(names[0] ?? 'self', f.self);
      names = names.slice(1);
    }
    for (const [k, v] of this.bind(f, args, names)) vars.set(k, v);
    const scope: Scope = { vars, recordFlow: isModelForward, program: f.program as PyProgram, guards: [], guardDepth: this.logs.length, closure: f.closure };
    if (f.self) scope.self = f.self;
    const owner = cls ?? (f.owner as ClassDef | undefined);
    if (owner) scope.cls = owner;
    this.callDepth++;
    try {
      if (f.expression) {
        const v = this.evalExpr(f.body, scope);
        this.subsets.delete(v);
        return v;
      }
      // A generator function (`def stages(c, n): … yield nn.Conv2d(…)`) is run to its end at once:
      // what it yields becomes an iterator (`nn.Sequential(*stages(4, 3))`).
      if (this.isGenerator(f.body)) scope.yields = { items: [], unsure: false };
      let r: Flow;
      try {
        r = this.execBlock(f.body, scope);
      } finally {
        // Latest guard first: each one's other path is everything the function did after it.
        for (const [start, mid] of scope.guards!.reverse()) this.mods.settleBranchCalls(start, mid, this.mods.trace.length);
      }
      if (r?.kind === 'raise') {
        // Caught by a `try` around the call in the caller (`try: validate(cfg) except AssertionError:`): its handler runs.
        if (r.type && this.tryDepths[this.tryDepths.length - 1] === `${this.callDepth - 1}:${this.logs.length}`) throw new PyRaise(r.type, r.what ?? r.type);
        this.lastRaisedType = r.type;
        return r.what !== undefined ? unknownModule(`${f.name}() raises ${r.what}`, `${f.name}() 抛出 ${r.what}`) : unknownModule(`${f.name}() raises an exception here`, `${f.name}() 在此抛出异常`);
      }
      if (scope.yields) {
        if (scope.yields.unsure || scope.pending) return unknownModule(`${f.name}() yields under a condition or in a loop the analysis cannot decide`, `${f.name}() 在无法判断的条件或循环中 yield`);
        // Batches of a loader, one yield per batch: a loader itself (one representative batch, never a count).
        if (scope.yields.batches) {
          const only = scope.yields.items[0];
          return scope.yields.items.length === 1 && only ? { t: 'data', d: { kind: 'loader', batch: only } } : unknownModule(`${f.name}() yields batches of a loader along with other values`, `${f.name}() 除数据批次外还 yield 了其他值`);
        }
        return { t: 'seq', items: scope.yields.items, tuple: false, iterator: { done: false } };
      }
      const value = r?.kind === 'return' ? r.value : NONE;
      return scope.pending ? merge(scope.pending, value, 'the returned value depends on a condition') : value;
    } finally {
      this.callDepth--;
    }
  }

  private readonly generators = new Map<number, boolean>();

  /** Does this function body yield (not counting defs, lambdas and classes inside it)? */
  private isGenerator(body: Node): boolean {
    let known = this.generators.get(body.id);
    if (known === undefined) {
      // An explicit stack: code nested thousands deep must not overflow the call stack.
      known = false;
      const stack: Node[] = [body];
      while (stack.length > 0 && !known) {
        const n = stack.pop()!;
        if (n.type === 'yield') known = true;
        else for (const c of n.namedChildren) if (c !== null && c.type !== 'function_definition' && c.type !== 'lambda' && c.type !== 'class_definition') stack.push(c);
      }
      this.generators.set(body.id, known);
    }
    return known;
  }

  /**
   * A class's own `__call__` (run instead of nn.Module's: it may change the input or the output), or
   * a forward wrapped by a decorator that may do the same: why what a call gives is not known.
   */
  /**
   * `def __call__(self, *args, **kwargs): return self.forward(*args, **kwargs)` (or
   * `super().__call__(…)`): a call is nn.Module's, forward with the same arguments.
   */
  private onlyDelegates(def: Node): boolean {
    const params = this.nc.text(this.nc.field(def, 'parameters') ?? def).replace(/\s+/g, '');
    const m = /^\(self,\*(\w+)(?:,\*\*(\w+))?\)$/.exec(params);
    const body = this.nc.field(def, 'body');
    const stmts = body ? this.nc.kids(body).filter((c) => c.type !== 'comment' && !(c.type === 'expression_statement' && c.namedChild(0)?.type === 'string')) : [];
    if (!m || stmts.length !== 1 || stmts[0]!.type !== 'return_statement') return false;
    const ret = this.nc.text(stmts[0]!).replace(/\s+/g, '');
    const passed = `*${m[1]}${m[2] ? `,**${m[2]}` : ''}`;
    return ret === `returnself.forward(${passed})` || ret === `returnsuper().__call__(${passed})`;
  }

  private opaqueCall(m: ModuleInst): Msg | undefined {
    // `m.forward = types.MethodType(f, m)`, `Block.forward = f`: what runs is not the forward the class defines.
    if (m.forwardReplaced) return { en: `${m.kind}.forward is replaced on the instance, which the analysis does not follow`, 'zh-cn': `${m.kind}.forward 在实例上被替换，分析不跟踪` };
    if (!m.userClass) return undefined;
    if (this.methodPatched(m.userClass, 'forward') || this.methodPatched(m.userClass, '__call__')) return { en: `${m.kind}.forward is replaced after the class is defined, which the analysis does not follow`, 'zh-cn': `${m.kind}.forward 在类定义之后被替换，分析不跟踪` };
    const call = this.index.findMethod(m.userClass, '__call__');
    if (call && !this.onlyDelegates(call.node)) return { en: `${m.kind} defines its own __call__, which the analysis does not follow`, 'zh-cn': `${m.kind} 定义了自己的 __call__，分析不跟踪` };
    const fwd = this.index.findMethod(m.userClass, 'forward');
    const wrapped = fwd?.node.parent?.type === 'decorated_definition' && this.nc.kids(fwd.node.parent).some((d) => d.type === 'decorator' && !HARMLESS_DECORATOR.test(this.nc.text(d)) && !/^@\s*staticmethod\s*$/.test(this.nc.text(d)));
    return wrapped ? { en: `${m.kind}.forward is wrapped by a decorator the analysis does not follow`, 'zh-cn': `${m.kind}.forward 被分析不跟踪的装饰器包装` } : undefined;
  }

  /**
   * A module's forward as a function to call: bound to the module, or not at all when it is a
   * `@staticmethod` (YOLO's export-friendly `SiLU.forward(x)`). `inputs`: its parameters the call's
   * inputs go to.
   */
  private forwardFunction(fwd: MethodDef & { owner: ClassDef }, m: ModuleInst): { f: Callable; inputs: string[] } {
    const f = fwd.isStatic ? this.makeFunction(fwd.node, new Map(), undefined, 'function', fwd.owner.program, fwd.owner) : this.makeFunction(fwd.node, new Map(), { t: 'module', m }, 'method', fwd.owner.program);
    return { f, inputs: fwd.isStatic ? f.params : f.params.slice(1) };
  }

  /** The analysed model's own forward: its statements are recorded in `flow`. */
  runForward(c: ClassDef, self: ModuleInst, args: ArgList): Value {
    const opaque = this.opaqueCall(self) ?? this.classDecoratorChanges(c);
    if (opaque) return unknownModule(opaque.en, opaque['zh-cn']);
    const fwd = this.index.findMethod(c, 'forward');
    // A subclass of nn.Sequential filled with add_module (DeepLab's backbones), or of a layer, runs its base's own forward.
    if (!fwd) return self.container === 'Sequential' || self.builtin ? this.callModule(self, args, c.node) : unknown(`${c.name} has no forward method`, `${c.name} 没有 forward 方法`);
    this.moduleDepth++;
    let out: Value;
    try {
      out = this.invokeFunction(this.forwardFunction(fwd, self).f, args, true, fwd.owner);
    } finally {
      this.moduleDepth--;
    }
    // `model(x)` gives what the model's own forward hooks make of forward's value (`self.register_forward_hook(…)` in __init__).
    return self.postHooks ? this.runPostHooks(self, args.positional.map((a) => a.value), out) : out;
  }

  /**
   * The analysed model run through another of its methods (`model.encode(x)`, a script that never
   * calls forward): its statements are recorded as forward's are.
   */
  runMethod(c: ClassDef, self: ModuleInst, name: string, args: ArgList): Value {
    const opaque = this.opaqueCall(self) ?? this.classDecoratorChanges(c);
    if (opaque) return unknownModule(opaque.en, opaque['zh-cn']);
    const meth = this.index.findMethod(c, name);
    if (!meth || meth.isStatic || meth.isClassMethod || meth.isProperty || this.methodPatched(c, name) || this.decoratedMethod(meth, { t: 'module', m: self })) return unknown(`${c.name}.${name}() cannot be followed`, `无法跟踪 ${c.name}.${name}()`);
    this.moduleDepth++;
    try {
      return this.invokeFunction(this.makeFunction(meth.node, new Map(), { t: 'module', m: self }, 'method', meth.owner.program, meth.owner), args, true, meth.owner);
    } finally {
      this.moduleDepth--;
    }
  }

  // ---------------------------------------------------------------- classes

  /** `SomeClass(...)`: an nn.Module subclass, or an object of a plain class / dataclass. */
  private callClass(c: ClassDef, args0: ArgList, node: Node): Value {
    if (this.callDepth >= MAX_CALL_DEPTH) {
      // A constructor that builds its own class again with the same plain arguments, nesting past
      // the limit, never ends: Python stops it with RecursionError, so no instance exists.
      const key = memoKey(args0);
      if (key !== undefined && this.inits.some((i) => i.inst?.userClass === c && i.args === key)) {
        const why = { en: `${c.name}() builds ${c.name} again with the same arguments: the recursion never ends (RecursionError)`, 'zh-cn': `${c.name}() 以相同参数再次构建 ${c.name}：递归不会结束（RecursionError）` };
        this.surelyRaises('RecursionError', why);
        return unknownModule(why.en, why['zh-cn']);
      }
      return unknownModule('too deep', '嵌套过深');
    }
    let args = args0;
    if (this.initDepth === 0 && this.observer?.constructing) {
      const chosen = this.observer.constructing(c, args, node);
      if (!chosen) return unknownModule(`this call passes ${c.name} what its constructor does not take`, `此调用向 ${c.name} 传入了其构造函数不接受的参数`);
      args = chosen;
    }
    const refused = this.refusedCall(c, args);
    if (refused) {
      this.surelyRaises('TypeError', refused);
      return unknownModule(refused.en, refused['zh-cn']);
    }
    if (this.index.isModuleClass(c)) return { t: 'module', m: this.instantiate(c, args, node) };
    const tupleBase = this.tupleBaseOf(c);
    if (tupleBase) return this.newTupleOfClass(c, tupleBase, args);
    const unseen = this.index.unseenBase(c);
    if (unseen) return unknownModule(`${c.name} derives from ${unseen}, which the analysis cannot see`, `${c.name} 继承自分析看不到的 ${unseen}`);
    const obj: Value & { t: 'obj' } = { t: 'obj', cls: c.name, attrs: new Map(), def: c };
    if (this.index.isDictClass(c)) obj.items = { t: 'dict', entries: [] };
    // (A subclass without a decorator or an __init__ of its own — `class Big(Cfg): pass` of a NamedTuple
    // or dataclass — is built by its base's generated __init__, from the base's fields.)
    const generated = c.isDataclass && !c.methods.has('__init__') ? c : !this.index.findMethod(c, '__init__') ? this.dataclassBase(c) : undefined;
    if (generated) {
      this.dataclassInit(obj, generated, args);
      const post = this.index.findMethod(c, '__post_init__');
      if (post) this.invokeFunction(this.makeFunction(post.node, new Map(), obj, 'method', post.owner.program), { positional: [], keyword: new Map() }, false, post.owner);
      return obj;
    }
    const init = this.index.findMethod(c, '__init__');
    if (init) {
      this.callDepth++;
      try {
        // (A decorated __init__ runs as decorated: a wrapper may change its arguments.)
        const wrapped = this.decoratedMethod(init, obj);
        if (wrapped?.t === 'func') this.invokeFunction(wrapped.f, args, false, init.owner);
        else this.invokeFunction(this.makeFunction(init.node, new Map(), obj, 'method', init.owner.program), args, false, init.owner);
      } finally {
        this.callDepth--;
      }
    } else if (obj.items) this.dictInit(obj, args);
    return obj;
  }

  /**
   * A constructor call Python refuses with a TypeError before `__init__` runs (an unexpected
   * keyword, too many positional arguments, one argument given twice, a required one missing): no
   * instance is made, so its values say nothing about the model.
   */
  private refusedCall(c: ClassDef, args: ArgList): Msg | undefined {
    const init = this.index.findMethod(c, '__init__');
    // Its own or a base's `__init__` in the workspace, not decorated, and no `__new__` that may take other arguments.
    if (!init || init.node.parent?.type === 'decorated_definition' || this.index.findMethod(c, '__new__')) return undefined;
    const sig = this.constructorSignature(c);
    return sig ? refusedArgs(c.name, sig, sig.params, args) : undefined;
  }

  /** dict's own __init__ on a subclass's instance: its entries are those `dict(...)` would hold. */
  private dictInit(obj: Value & { t: 'obj' }, args: ArgList): Value {
    obj.items = args.unknownRest ? unknownModule('dict() of arguments the analysis cannot list', '参数无法列出的 dict()') : dictFromArgs(this.dictView(args.positional[0]?.value), args);
    return NONE;
  }

  /** dict's own `__getitem__` / `__setitem__` on a dict subclass's instance (called through `super()`). */
  private dictItem(obj: Value & { t: 'obj' }, write: boolean, args: ArgList): Value {
    const d = obj.items;
    const k = args.positional[0]?.value;
    const key = k ? dictKey(k) : undefined;
    if (d?.t !== 'dict') return write ? NONE : (d ?? NONE);
    if (key === undefined || args.positional.length !== (write ? 2 : 1) || args.keyword.size > 0) {
      if (write) obj.items = unknownModule('an entry with a key the analysis cannot read', '键无法分析的条目');
      return write ? NONE : unknownModule('an entry with a key the analysis cannot read', '键无法分析的条目');
    }
    if (!write) return d.entries.find(([x]) => x === key)?.[1] ?? unknownModule(`KeyError: '${key}'`, `KeyError：'${key}'`);
    this.willChange(d);
    // (Under a condition the analysis cannot decide, the entry is unknown: the instance is not copied per branch.)
    setEntry(d.entries, key, this.logs.length > 0 ? unknownModule(`'${key}' is set under a condition the analysis cannot decide`, `'${key}' 在无法判断的条件下被赋值`) : args.positional[1]!.value);
    return NONE;
  }

  /** A dict subclass's instance read as a dict (`h['k']`, `in`, `len`, `**h`); any other value as it is. */
  /** What `x in v` searches: a dict subclass's entries, an nn.ModuleDict's keys (`'norm' in block`), else v. */
  private membershipView(v: Value | undefined): Value | undefined {
    if (v?.t !== 'module') return this.dictView(v);
    const m = this.mods.get(v.m);
    if (m?.container !== 'ModuleDict' || m.uncertain || (m.userClass && this.index.findMethod(m.userClass, '__contains__'))) return v;
    return { t: 'seq', items: m.children.map((c): Value => ({ t: 'str', v: c.name })), tuple: false };
  }

  private dictView(v: Value | undefined): Value | undefined {
    if (v?.t !== 'obj' || !v.items) return v;
    const c = v.def as ClassDef | undefined;
    const over = c ? DICT_READS.find((m) => this.index.findMethod(c, m)) : undefined;
    return over ? unknownModule(`${v.cls} defines its own ${over}, which is not followed`, `${v.cls} 自定义了 ${over}，不分析`) : v.items;
  }

  /** An attribute of a dict subclass read through its entries (`self.__dict__ = self`, `__getattr__`); undefined: no such entry. */
  private itemAttr(o: Value & { t: 'obj' }, attr: string): Value | undefined {
    const d = o.items;
    if (d?.t !== 'dict') return d;
    return d.entries.find(([k]) => k === attr)?.[1];
  }

  /** `h.k = v` on a dict subclass whose attributes are its entries, or that routes them there with __setattr__; false: an ordinary attribute. */
  private setItemAttr(o: Value & { t: 'obj' }, attr: string, v: Value): boolean {
    const c = o.def as ClassDef | undefined;
    const hook = c ? this.index.findMethod(c, '__setattr__') : undefined;
    if (hook && c) {
      this.invokeFunction(this.makeFunction(hook.node, new Map(), o, 'method', hook.owner.program, hook.owner), { positional: [{ value: { t: 'str', v: attr } }, { value: v }], keyword: new Map() }, false, hook.owner);
      return true;
    }
    const ref = c ? this.classAttr(c, '__setattr__') : undefined;
    if (ref && !(ref.t === 'ref' && DICT_ITEM_REF.exec(ref.name)?.[1] === '__setitem__')) {
      o.items = unknownModule(`${o.cls}.__setattr__ is not followed`, `不分析 ${o.cls}.__setattr__`);
      return true;
    }
    if (!ref && !o.itemAttrs) return false;
    // A write under a condition the analysis cannot decide is not undone for the other branch: unknown.
    if (o.items?.t === 'dict') setEntry(o.items.entries, attr, this.logs.length > 0 ? unknownModule(`'${attr}' is set under a condition the analysis cannot decide`, `'${attr}' 在无法判断的条件下被赋值`) : v);
    return true;
  }

  /** A list or dict about to change in place: on an undecided path or in a loop visited once, each open journal keeps its contents. */
  private willChange(c: Value): void {
    if ((c.t === 'seq' && !c.tuple) || c.t === 'dict') for (const j of this.logs) j.container(c);
  }

  /** Plain instances given an attribute through `__dict__[name]` with a name the analysis cannot read: any attribute may be there. */
  private readonly openAttrObjs = new WeakSet<object>();
  /** Constructors running (innermost last): the undecided paths and the `try` bodies open at their start. */
  private readonly inits: { logs: number; tries: number; inst?: ModuleInst; args?: string }[] = [];

  /**
   * An exception raised on a path that surely runs: to a `try` of this function (PyRaise), else,
   * inside a module constructor with no `try` opened since it began, out of that constructor.
   * Anywhere else the caller's unknown stands.
   */
  /** Grad modes of the `with` blocks and `@no_grad` functions running, innermost last (undefined: not known). */
  private gradModes: (boolean | undefined)[] = [];

  /**
   * Grad is on as far as the analysis sees: no `with torch.no_grad()` / `inference_mode()` around,
   * nor one it cannot read. (A bare `torch.set_grad_enabled(False)` is not followed: what it would
   * leave known becomes unknown, never a wrong number.)
   */
  private gradSurelyOn(): boolean {
    return (this.gradModes.length > 0 ? this.gradModes[this.gradModes.length - 1] : true) === true;
  }

  /** A `with` item's grad mode: off, on, not known, or 'same' (not a grad-mode context). */
  private gradModeOf(item: Node | null, scope: Scope): boolean | undefined | 'same' {
    const e = item?.type === 'as_pattern' ? item.namedChild(0) : item;
    if (!e || e.type !== 'call') return 'same';
    const callee = this.nc.text(this.nc.field(e, 'function')!).replace(/\s+/g, '');
    const args = this.nc.field(e, 'arguments');
    const plain = !!args && this.nc.kids(args).filter((a) => a.type !== 'comment').length === 0;
    if (/^(?:torch\.)?(?:autograd\.)?(?:grad_mode\.)?no_grad$/.test(callee)) return false;
    if (/^(?:torch\.)?(?:autograd\.)?(?:grad_mode\.)?enable_grad$/.test(callee)) return true;
    if (/^(?:torch\.)?(?:autograd\.)?(?:grad_mode\.)?inference_mode$/.test(callee)) return plain ? false : undefined;
    if (/^(?:torch\.)?(?:autograd\.)?(?:grad_mode\.)?set_grad_enabled$/.test(callee)) {
      const a = args ? this.nc.kids(args).filter((x) => x.type !== 'comment') : [];
      const v = a.length === 1 && a[0]!.type !== 'keyword_argument' ? this.safeEval(a[0]!, scope) : undefined;
      return v?.t === 'bool' ? v.v : undefined;
    }
    return /grad|inference/.test(callee) ? undefined : 'same';
  }

  /**
   * An in-place change of a Parameter (or a view of one) while grad is on: PyTorch raises
   * RuntimeError ("a leaf Variable that requires grad is being used in an in-place operation"),
   * unless the Parameter does not require grad, which the analysis does not track. The module being
   * built is unknown, never its numbers as if it were built.
   */
  private changedParamInPlace(what: string, unheld = false): Value {
    const why: Msg = unheld
      ? { en: `${what} changes the shape of a Parameter the analysis cannot name`, 'zh-cn': `${what} 改变了分析无法确定其名称的 Parameter 的形状` }
      : { en: `${what} changes a Parameter in place outside torch.no_grad() (PyTorch's RuntimeError, unless the Parameter does not require grad)`, 'zh-cn': `${what} 在 torch.no_grad() 之外原地修改 Parameter（PyTorch 抛出 RuntimeError，除非该 Parameter 不需要梯度）` };
    const top = this.inits[this.inits.length - 1];
    if (unheld) {
      if (top?.inst) top.inst.uncertain ??= why;
      return unknown(why.en, why['zh-cn']);
    }
    // (Where nothing catches it, the constructor ends there: no instance, no layer of it listed —
    // unless the code may switch requires_grad off somewhere, when the module is only unknown.)
    const cls = top?.inst?.userClass as ClassDef | undefined;
    const mayFreeze = [this.mainProgram?.root, ...(cls ? this.index.mro(cls).map((k) => (typeof k === 'string' ? undefined : k.node)) : [])].some((n) => n && /requires_grad/.test(n.text));
    if (top && !mayFreeze && this.logs.length === top.logs && this.tryDepths.length === top.tries) throw new ConstructorRaised(why);
    if (top?.inst) top.inst.uncertain ??= why;
    return unknown(why.en, why['zh-cn']);
  }

  /**
   * An error Python surely raises here, thrown only to a try of this function that may catch it
   * (elsewhere the value stays unknown, as before: a constructor run with placeholder defaults —
   * `None`, 0 — is still listed).
   */
  private raisesInTry(type: string, why: Msg): void {
    if (this.tryDepths[this.tryDepths.length - 1] === this.raiseHere()) throw new PyRaise(type, why.en);
  }

  private surelyRaises(type: string, why: Msg): void {
    if (this.tryDepths[this.tryDepths.length - 1] === this.raiseHere()) throw new PyRaise(type, why.en);
    const top = this.inits[this.inits.length - 1];
    if (top && this.logs.length === top.logs && this.tryDepths.length === top.tries) throw new ConstructorRaised(why);
  }

  /**
   * A decorator of the workspace on the class (or a base) that replaces its constructor, call or
   * forward (`cls.__init__ = __init__` to inject defaults, setattr on it): what an instance is built
   * with is not what the class body says. Registries that hand the class back unchanged are fine.
   */
  private undecidedBaseOf(c: ClassDef): Msg | undefined {
    const why = this.index.undecidedBase(c);
    return why ? { en: `a base class of ${c.name} is not known: ${why.en}`, 'zh-cn': `${c.name} 的基类未知：${why['zh-cn']}` } : undefined;
  }

  private readonly decoratorChanges = new Map<ClassDef, Msg | undefined>();

  /** (Asked at every construction and call of a workspace class: read once per class.) */
  private classDecoratorChanges(c: ClassDef): Msg | undefined {
    if (!this.decoratorChanges.has(c)) this.decoratorChanges.set(c, this.readClassDecorators(c));
    return this.decoratorChanges.get(c);
  }

  private readClassDecorators(c: ClassDef): Msg | undefined {
    for (const k of this.index.mro(c)) {
      if (typeof k === 'string') continue;
      const parent = k.node.parent;
      if (parent?.type !== 'decorated_definition') continue;
      for (const d of this.nc.kids(parent).filter((x) => x.type === 'decorator')) {
        const expr = d.namedChild(0);
        const deco = expr ? this.safeEval(expr, { vars: new Map(), recordFlow: false, program: k.program as PyProgram }) : undefined;
        // (A bound method, `@REGISTRY.register`: the class is its first parameter after self.)
        const param = deco?.t === 'func' ? deco.f.params[deco.f.self && deco.f.kind === 'method' ? 1 : 0] : undefined;
        if (deco?.t !== 'func' || !param) continue;
        const p = param.replace(/[^\w]/g, '');
        const named = this.nc.text(d).slice(1, 40);
        // It sets the class's constructor, call or forward (`cls.__init__ = …`, `cls.__init__.__defaults__ = …`),
        // an attribute the class reads (`cls.WIDTH = 10`), or anything through setattr.
        const bodyText = this.nc.text(deco.f.body);
        const classText = this.index.mro(k).map((x) => (typeof x === 'string' ? '' : this.nc.text(x.node))).join('\n');
        const setsRead = [...bodyText.matchAll(new RegExp(`\\b${p}\\s*\\.\\s*(\\w+)\\s*(?:\\.\\s*\\w+\\s*)*=(?!=)`, 'g'))].some((mm) => /^(?:__init__|__new__|__call__|forward)$/.test(mm[1]!) || new RegExp(`\\b${mm[1]}\\b`).test(classText));
        if (setsRead || new RegExp(`\\bsetattr\\s*\\(\\s*${p}\\s*,`).test(bodyText)) return { en: `${k.name} is changed by its decorator ${named}, which the analysis does not follow`, 'zh-cn': `${k.name} 被其装饰器 ${named} 改变，分析不跟踪` };
        const replaced = deco.f.expression ? undefined : this.decoratorReplaces(deco.f.body, p, k);
        if (replaced) return { en: `${k.name} is replaced by ${replaced.en} its decorator ${named} returns, which the analysis does not follow`, 'zh-cn': `${k.name} 被其装饰器 ${named} 返回的${replaced['zh-cn']}替换，分析不跟踪` };
      }
    }
    return undefined;
  }

  /**
   * What a class decorator's body hands back in place of the class `param` names, when it is not
   * the class: nothing (None), a function or a class it defines (a subclass with a head of its own, a
   * factory building a Sequential around it). A subclass that only records its constructor's
   * arguments (StyleGAN's `persistent_class`) builds the same layers and is not reported; nor is
   * any other return (a registry's call, the parameter itself), which stays as written.
   */
  private decoratorReplaces(body: Node, param: string, decorated: ClassDef): Msg | undefined {
    const returns: Node[] = [];
    const defs = new Map<string, Node>();
    const visit = (n: Node): void => {
      for (const c of this.nc.kids(n)) {
        if (c.type === 'return_statement') returns.push(c);
        const def = c.type === 'decorated_definition' ? this.nc.field(c, 'definition') : c;
        if (def?.type === 'function_definition' || def?.type === 'class_definition') {
          const name = this.nc.field(def, 'name');
          if (name && n === body) defs.set(this.nc.text(name), def);
          continue;
        }
        if (c.type !== 'lambda') visit(c);
      }
    };
    visit(body);
    if (returns.length === 0) return { en: 'None, which', 'zh-cn': ' None ' };
    // `Wide = type(cls.__name__, (cls,), {…})`: a class made by type() is one it defines.
    for (const st of this.nc.kids(body)) {
      const a = st.type === 'expression_statement' ? st.namedChild(0) : null;
      const left = a?.type === 'assignment' ? this.nc.field(a, 'left') : null;
      const right = a?.type === 'assignment' ? this.nc.field(a, 'right') : null;
      if (left?.type === 'identifier' && right?.type === 'call' && /^type$/.test(this.nc.text(this.nc.field(right, 'function')!))) defs.set(this.nc.text(left), right);
    }
    for (const r of returns) {
      const v = r.namedChild(0);
      if (!v) return { en: 'None, which', 'zh-cn': ' None ' };
      if (v.type === 'lambda') return { en: 'a function', 'zh-cn': '函数' };
      // `type(…)`, `functools.partial(cls, n=12)`, `cls(8)`: another class, a factory, an instance.
      if (v.type === 'call') {
        const callee = this.nc.text(this.nc.field(v, 'function')!).replace(/\s+/g, '');
        if (/^(?:type|(?:functools\.)?partial)$/.test(callee) || callee === param) return { en: `what ${callee}(…)`, 'zh-cn': ` ${callee}(…) 的结果` };
        continue;
      }
      if (v.type !== 'identifier' || this.nc.text(v) === param) continue;
      const def = defs.get(this.nc.text(v));
      if (def?.type === 'function_definition') return { en: `the function ${this.nc.text(v)}`, 'zh-cn': `函数 ${this.nc.text(v)} ` };
      if (def?.type === 'call') return { en: `the class type() makes, ${this.nc.text(v)},`, 'zh-cn': `type() 创建的类 ${this.nc.text(v)} ` };
      if (def?.type === 'class_definition' && !this.onlyRecordsArgs(def, decorated)) return { en: `the class ${this.nc.text(v)}`, 'zh-cn': `类 ${this.nc.text(v)} ` };
    }
    return undefined;
  }

  /**
   * A subclass a decorator defines that builds what its base builds: `__init__(self, *args,
   * **kwargs)` passing them all to the base, then only assertions, plain calls not given the
   * instance, and attributes set from copies of the arguments; other methods only properties,
   * pickling / printing dunders, or new names the decorated class never uses and nn.Module lacks.
   */
  private onlyRecordsArgs(cls: Node, decorated: ClassDef): boolean {
    const used = this.index.mro(decorated).map((k) => (typeof k === 'string' ? '' : this.nc.text(k.node))).join('\n');
    const body = this.nc.field(cls, 'body');
    if (!body) return false;
    for (const st of this.nc.kids(body)) {
      if (st.type === 'pass_statement' || st.type === 'comment') continue;
      if (st.type === 'expression_statement') {
        // A docstring, or a class attribute of a name the decorated class never reads (`_orig_module_src = …`).
        const a = st.namedChild(0);
        const left = a?.type === 'assignment' ? this.nc.field(a, 'left') : null;
        if (a?.type === 'string') continue;
        if (left?.type === 'identifier' && !new RegExp(`\\b${this.nc.text(left)}\\b`).test(used)) continue;
        return false;
      }
      const isProperty = st.type === 'decorated_definition' && this.nc.kids(st).some((d) => d.type === 'decorator' && /^@\s*property\s*$/.test(this.nc.text(d)));
      const def = st.type === 'decorated_definition' ? this.nc.field(st, 'definition') : st;
      if (def?.type !== 'function_definition') return false;
      const name = this.nc.text(this.nc.field(def, 'name')!);
      if (name === '__init__') {
        if (st !== def || !this.initOnlyRecords(def)) return false;
      } else if (!isProperty && !/^__(?:reduce|reduce_ex|getstate|setstate|repr|str|deepcopy|copy)__$/.test(name)) {
        if (name.startsWith('__') || MODULE_API.test(name) || new RegExp(`\\b${name}\\b`).test(used)) return false;
      }
    }
    return true;
  }

  private initOnlyRecords(def: Node): boolean {
    const params = this.nc.field(def, 'parameters');
    const ps = params ? this.nc.kids(params).filter((x) => x.type !== 'comment') : [];
    const star = ps[1]?.type === 'list_splat_pattern' ? this.nc.text(ps[1]).slice(1) : undefined;
    const kw = ps[2]?.type === 'dictionary_splat_pattern' ? this.nc.text(ps[2]).slice(2) : undefined;
    if (ps.length !== 3 || ps[0]!.type !== 'identifier' || !star || !kw) return false;
    const self = this.nc.text(ps[0]!);
    const stmts = this.nc.kids(this.nc.field(def, 'body')!).filter((x) => x.type !== 'comment');
    const first = stmts[0] ? this.nc.text(stmts[0]).replace(/\s+/g, '') : '';
    const passOn = `.__init__(*${star},**${kw})`;
    if (!(first === `super()${passOn}` || (first.startsWith('super(') && first.endsWith(`,${self})${passOn}`)))) return false;
    return stmts.slice(1).every((st) => {
      const t = this.nc.text(st);
      if (st.type === 'assert_statement') return true;
      if (st.type !== 'expression_statement') return false;
      const e = st.namedChild(0);
      if (e?.type === 'call') return !new RegExp(`^${self}\\s*\\.|[(,]\\s*${self}\\s*[,)]`).test(t);
      if (e?.type !== 'assignment') return false;
      const rhs = this.nc.field(e, 'right');
      return new RegExp(`^${self}\\.\\w+\\s*=`).test(t) && !!rhs && new RegExp(`^(?:copy\\.(?:deep)?copy|dict|list|tuple)\\(\\s*(?:${star}|${kw})\\s*\\)$|^(?:${star}|${kw})$`).test(this.nc.text(rhs));
    });
  }

  /**
   * A layer or Parameter assigned to an instance of a workspace class before nn.Module.__init__ ran
   * on it (`super().__init__()` left out, or `super(Net).__init__()` without the instance): PyTorch's
   * __setattr__ raises. Only when every class along its MRO is the workspace's or torch's own, and
   * on a path that surely runs.
   */
  private beforeModuleInit(m: ModuleInst, v: Value): boolean {
    // (False only while instantiate runs its constructor: a clone or another path's instance is not judged.)
    if (!m.userClass || m.moduleInitRan !== false || this.logs.length > 0) return false;
    if (v.t !== 'module' && !(v.t === 'tensor' && v.param)) return false;
    // Nor when any of those classes calls an __init__ anywhere (`Base.__init__(self, n)`, `super().__init__()`
    // in a helper method) other than an unbound `super(Net).__init__()`: it may run Module's in a way not followed.
    return this.index.mro(m.userClass as ClassDef).every((k) => (typeof k === 'string' ? isTorchBase(k) || k === 'object' : !/__init__\s*\(/.test(k.node.text.replace(/\bdef\s+__init__\s*\(|\bsuper\s*\(\s*[A-Za-z_]\w*\s*\)\s*\.\s*__init__\s*\(/g, ''))));
  }

  /** A new instance of an nn.Module subclass: runs `__init__` with these arguments. */
  instantiate(c: ClassDef, args: ArgList, node: Node): ModuleInst {
    const inst = this.mods.newModule(c.name, c.name, node);
    inst.userClass = c;
    inst.moduleInitRan = false;
    const self: Value = { t: 'module', m: inst };
    this.observer?.created(c, inst, this.ctorValues(c, args), this.initDepth > 0);
    const init = this.index.findMethod(c, '__init__');
    // (Not run as written: no layer of it is listed.)
    const changed = this.classDecoratorChanges(c) ?? this.undecidedBaseOf(c);
    if (changed) {
      inst.uncertain = changed;
      inst.moduleInitRan = true;
      return inst;
    }
    this.callDepth++;
    this.initDepth++;
    this.moduleDepth++;
    this.inits.push({ logs: this.logs.length, tries: this.tryDepths.length, inst, args: memoKey(args) });
    let raised: Msg | undefined;
    let raisedType = 'Exception';
    try {
      if (init) {
        this.lastRaisedType = undefined;
        // A decorated __init__ (`@widen`, whose wrapper calls it with other arguments) runs as decorated.
        const wrapped = this.decoratedMethod(init, self);
        const r = wrapped?.t === 'func' ? this.invokeFunction(wrapped.f, args, false, init.owner) : this.invokeFunction(this.makeFunction(init.node, new Map(), self, 'method', init.owner.program), args, false, init.owner);
        // __init__ gives None; an unknown is a constructor that raised (torchvision's IntermediateLayerGetter asked for a missing layer): no whole module.
        if (r.t === 'unknown') {
          inst.uncertain ??= r.reason;
          raised = inst.uncertain;
          raisedType = this.lastRaisedType ?? 'Exception';
        }
      } else this.torchInit(inst, this.index.torchBase(c) ?? 'Module', args, node);
    } catch (e) {
      if (e instanceof ConstructorRaised) {
        // No instance exists: no layer of it is listed, and its count is unknown, saying why.
        // (Said once when the reason already names this class: a recursion raises at every level.)
        inst.uncertain = e.why.en.startsWith(`${c.name}() `) ? e.why : { en: `${c.name}() raises: ${e.why.en}`, 'zh-cn': `${c.name}() 抛出异常：${e.why['zh-cn']}` };
        inst.children.length = 0;
        for (const [k, v] of [...inst.attrs]) if (v.t === 'module') inst.attrs.delete(k);
        raised = inst.uncertain;
      } else {
        // Stopped part-way (the step budget): what it has so far is not the whole module, and the
        // instance may still be used (a statement's variable, a caller's feed).
        if (e instanceof Budget) inst.uncertain ??= { en: `the analysis stopped while building ${c.name}: its constructor is too long to follow`, 'zh-cn': `分析在构建 ${c.name} 时停止：其构造函数过长，无法跟踪` };
        throw e;
      }
    } finally {
      this.inits.pop();
      this.moduleDepth--;
      this.initDepth--;
      this.callDepth--;
    }
    // A block whose constructor surely raises, built in another's constructor outside any try:
    // that constructor raises too (no instance of either exists).
    if (raised) this.surelyRaises(raisedType, raised);
    return inst;
  }

  /**
   * Lightning's `self.save_hyperparameters()` in the class's own `__init__`: `self.hparams` holds
   * that `__init__`'s arguments as they are at the call (`**kwargs` spread in, `*args` left out),
   * or only the names given, or the one dict or namespace given; `ignore` leaves names out. It is
   * read both as attributes and as items (Lightning's AttributeDict).
   */
  private saveHyperparameters(m: ModuleInst, args: ArgList, scope: Scope): Value {
    const give = (hparams: Value): Value => {
      this.mods.setAttr(m, 'hparams', hparams);
      return NONE;
    };
    const notKnown = (en: string, zh: string): Value => give(unknownModule(`self.hparams is not known: ${en}`, `self.hparams 未知：${zh}`));
    const c = m.userClass as ClassDef;
    const init = this.index.findMethod(c, '__init__');
    const sig = this.constructorSignature(c);
    // Called from a base class's __init__ under a subclass's, Lightning gathers every such frame's arguments.
    if (!init || !sig || scope.cls !== init.owner) return notKnown(`save_hyperparameters() is called outside ${c.name}'s own __init__`, `save_hyperparameters() 不在 ${c.name} 自己的 __init__ 中调用`);
    if (args.unknownRest || [...args.keyword.keys()].some((k) => k !== 'ignore' && k !== 'logger')) return notKnown('save_hyperparameters() is given arguments the analysis cannot read', 'save_hyperparameters() 的参数无法分析');
    const ignoreV = args.keyword.get('ignore')?.value;
    const ignored = ignoreV === undefined || ignoreV.t === 'none' ? [] : ignoreV.t === 'str' ? [ignoreV.v] : ignoreV.t === 'seq' && ignoreV.items.every((v) => v.t === 'str') ? ignoreV.items.map((v) => (v as { v: string }).v) : undefined;
    if (!ignored) return notKnown('the names it ignores are not known', '忽略的名称未知');
    const given = args.positional.map((a) => a.value);
    let entries: [string, Value][];
    if (given.length === 1 && given[0]!.t !== 'str') {
      const one = given[0]!;
      if (one.t === 'dict') entries = [...one.entries];
      else if (one.t === 'obj' && !one.def && !one.items) entries = [...one.attrs];
      else return notKnown('save_hyperparameters() is given a value the analysis cannot list', 'save_hyperparameters() 的参数无法列出');
    } else {
      if (!given.every((v) => v.t === 'str')) return notKnown('save_hyperparameters() is given names the analysis cannot read', 'save_hyperparameters() 的名称无法分析');
      const all = new Map<string, Value>();
      for (const n of sig.params) all.set(n, scope.vars.get(n) ?? unknownModule(`'${n}' is not known`, `'${n}' 未知`));
      if (sig.kwargs) {
        const rest = scope.vars.get(sig.kwargs);
        if (rest?.t !== 'dict') return notKnown(`**${sig.kwargs} is not known`, `**${sig.kwargs} 未知`);
        for (const [k, v] of rest.entries) all.set(k, v);
      }
      const names = given.length > 0 ? given.map((v) => (v as { v: string }).v) : [...all.keys()];
      // (A name the __init__ does not take: Lightning raises KeyError.)
      if (names.some((n) => !all.has(n))) return notKnown('save_hyperparameters() names an argument __init__ does not take', 'save_hyperparameters() 给出了 __init__ 没有的参数名');
      entries = names.map((n) => [n, all.get(n)!]);
    }
    return give(attributeDictOf({ t: 'dict', entries: entries.filter(([k]) => !ignored.includes(k)) })!);
  }

  /** `super().__init__(...)` reaching torch.nn: a container or layer base class builds its part. */
  private torchInit(inst: ModuleInst, base: string, args: ArgList, node: Node): Value {
    inst.moduleInitRan = true;
    if (base === 'Sequential' || base === 'ModuleList' || base === 'ModuleDict') this.mods.fillContainer(inst, base, args);
    else if (base !== 'Module') {
      // `class ContBatchNorm3d(nn.modules.batchnorm._BatchNorm)` (V-Net ports): BatchNorm's
      // parameters (2C with affine), any rank with the channels second (F.batch_norm's rule).
      const privateNorm = base === '_BatchNorm' || base === '_NormBase';
      const built = this.mods.construct(privateNorm ? 'BatchNorm1d' : base, args, node);
      const b = built.t === 'module' ? this.mods.get(built.m) : undefined;
      if (b?.builtin && privateNorm) {
        const channels = b.builtin.config.num_features;
        inst.builtin = {
          ...b.builtin,
          kind: base,
          apply: (inputs) => {
            const x = inputs[0];
            const ok = x?.t === 'tensor' && x.shape.length >= 2 && x.shape[1] === channels;
            return { output: ok ? tensor(x.shape) : unknown(`nn.${base}: the input is not known or does not have num_features channels`, `nn.${base}：输入未知或通道数不等于 num_features`), problems: [] };
          },
        };
      } else if (b?.builtin) {
        inst.builtin = b.builtin;
        inst.children.push(...b.children);
      } else if (b?.container) {
        inst.container = b.container;
        inst.children.push(...b.children);
        if (b.nones) inst.nones = new Set(b.nones);
      } else if (b?.composite) {
        // nn.Transformer's sub-modules become the subclass's own attributes (it may replace them).
        inst.composite = b.composite;
        if (b.numbers) inst.numbers = b.numbers;
        if (b.uncertain) inst.uncertain = b.uncertain;
        for (const c of b.children) this.mods.setAttr(inst, c.name, { t: 'module', m: c.inst });
        for (const [k, v] of b.attrs) if (v.t !== 'module') inst.attrs.set(k, v);
      } else inst.uncertain = built.t === 'unknown' ? built.reason : { en: `the nn.${base} base class is not followed`, 'zh-cn': `不分析 nn.${base} 基类` };
    }
    return NONE;
  }

  /**
   * `class ConfigType(Enum)`: its class attributes are members. Not a `str, Enum` / IntEnum mix-in,
   * whose members also compare equal to their values (left as the values they are written as).
   */
  private isEnum(c: ClassDef, depth = 0): boolean {
    // (The depth bounds base chains broken code may make circular: `class A(B)`, `class B(A)`.)
    if (depth > 16 || c.bases.some((b) => /^(?:str|int|float|bytes)$|^(?:enum\.)?(?:IntEnum|StrEnum|IntFlag)$/.test(b))) return false;
    return c.bases.some((b) => /^(?:enum\.)?(?:Enum|Flag)$/.test(b)) || this.index.bases(c).some((b) => this.isEnum(b, depth + 1));
  }

  /** An enum member: one object per member, with its `.value` and `.name` (`_configs[ConfigType.RES8.value]`). */
  private enumMember(c: ClassDef, name: string, value: Value): Value {
    const key = `${c.program.file}\u0000${c.name}\u0000${name}`;
    let m = this.enumMembers.get(key);
    if (!m) {
      m = { t: 'obj', cls: c.name, def: c, attrs: new Map<string, Value>([['value', value], ['name', { t: 'str', v: name }]]) };
      this.enumMembers.set(key, m);
      ENUM_MEMBERS.add(m);
      ENUM_KEYS.set(enumKey(m as Value & { t: 'obj' }), m);
    }
    return m;
  }

  private readonly enumMembers = new Map<string, Value>();

  /**
   * A class along c's MRO changes the name in its body by a statement not followed (`if …: W = 9`,
   * a def under an if) before any class defines it plainly: what c reads under that name is not known.
   */
  private rewrittenAlong(c: ClassDef, name: string): ClassDef | undefined {
    for (const k of this.index.mro(c)) {
      if (typeof k === 'string') continue;
      if (k.rewritten.has(name)) return k;
      if (k.attrs.has(name) || k.methods.has(name)) return undefined;
    }
    return undefined;
  }

  private classAttr(c: ClassDef, name: string): Value | undefined {
    const rewritten = this.rewrittenAlong(c, name);
    if (rewritten) return unknownModule(`${rewritten.name}.${name} is changed in the class body by a statement the analysis does not follow there (an if, a loop, W *= 2, .append)`, `${rewritten.name}.${name} 在类体中被分析不跟踪的语句修改（if、循环、W *= 2、.append）`);
    const found = this.index.findAttr(c, name);
    if (!found) {
      // A class defined in the class body: `self.Inner(…)`, `Up.Inner(…)`.
      const nested = this.index.findNested(c, name);
      return nested ? { t: 'class', c: nested } : undefined;
    }
    // Set again outside the class body (`Net.width = 12`, a classmethod's `cls.width = w`, setattr on
    // the class): which value a read finds depends on whether and when that ran.
    if (this.classAttrWritten(found.owner, name) || this.classWrittenAlong(c, found.owner, name)) return unknownModule(`${found.owner.name}.${name} is set again outside the class body`, `${found.owner.name}.${name} 在类体外被重新赋值`);
    if (found.owner.rewritten.has(name)) return unknownModule(`${found.owner.name}.${name} is changed in the class body by a statement the analysis does not follow there (an if, a loop, W *= 2, .append)`, `${found.owner.name}.${name} 在类体中被分析不跟踪的语句修改（if、循环、W *= 2、.append）`);
    // (A plain `name = expr` after a changing statement of another class nearer along the MRO: see rewrittenAlong.)
    return this.classBodyValue(found.owner, name, found.node);
  }

  /** Names of libraries the code replaced (`nn.Linear = partial(nn.Linear, bias=False)`), by their dotted name. */
  private readonly patchedRefs = new Map<string, Value>();
  /** Class attributes the running code set (`setattr(Opt, k, v)` through a parameter, `Child.width = 3`); '*': a name it could not read. */
  private readonly classWrites = new Map<ClassDef, Set<string>>();

  private recordClassWrite(c: ClassDef, name: string): void {
    const set = this.classWrites.get(c) ?? new Set<string>();
    set.add(name);
    this.classWrites.set(c, set);
  }

  /** A method set on the class (or a base) after its definition, as the code ran (`Net.make_body = make_wide`). */
  private methodPatched(c: ClassDef, name: string): boolean {
    if (this.classWrites.size === 0) return false;
    return this.index.mro(c).some((k) => typeof k !== 'string' && !!this.classWrites.get(k)?.has(name));
  }

  private patchedMethod(c: ClassDef, name: string): Value {
    return unknownModule(`${c.name}.${name} is replaced after the class is defined, which the analysis does not follow`, `${c.name}.${name} 在类定义之后被替换，分析不跟踪`);
  }

  /** Did the running code set this attribute on the class read, or on a class between it and the one defining it? */
  private classWrittenAlong(c: ClassDef, owner: ClassDef, name: string): boolean {
    if (this.classWrites.size === 0) return false;
    for (const k of this.index.mro(c)) {
      if (typeof k === 'string') continue;
      const w = this.classWrites.get(k);
      if (w && (w.has(name) || w.has('*'))) return true;
      if (k === owner) break;
    }
    return false;
  }

  private readonly classAttrWrites = new Map<ClassDef, Map<string, boolean>>();

  private classAttrWritten(c: ClassDef, name: string): boolean {
    let known = this.classAttrWrites.get(c);
    if (!known) this.classAttrWrites.set(c, (known = new Map()));
    const cached = known.get(name);
    if (cached !== undefined) return cached;
    const esc = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // The class by its own name or a subclass's (`Child.width = 3` shadows it for Child).
    const programs = new Set([c.program, ...(this.mainProgram ? [this.mainProgram] : [])]);
    const subclasses = [...programs].flatMap((p) => p.classDefs.filter((k) => k !== c && this.index.mro(k).includes(c)).map((k) => k.name));
    const cls = [c.name, ...subclasses].map(esc).join('|');
    const attr = esc(name);
    // Also changed in place through an instance: `self.stages += [6]` or `self.stages.append(6)` on a
    // class-level list changes it for every instance.
    const write = new RegExp(`\\bdel\\s+(?:${cls}|cls)\\s*\\.\\s*${attr}\\b|(?:\\b(?:${cls})|\\bcls|type\\(\\s*self\\s*\\)|self\\.__class__)\\s*\\.\\s*${attr}\\s*(?:[-+*/%|&^@]|//|\\*\\*|<<|>>)?=(?!=)|setattr\\(\\s*(?:${cls}|cls|type\\(\\s*self\\s*\\)|self\\.__class__)\\s*,|\\b(?:self|${cls}|cls)\\s*\\.\\s*${attr}\\s*(?:\\+=|\\*=|\\|=|\\.\\s*(?:append|extend|insert|pop|remove|clear|update|setdefault|sort|reverse)\\s*\\(|\\[[^\\]\\n]*\\]\\s*=(?!=))`);
    const texts = new Set([...programs].map((p) => this.nc.text(p.root).replace(/^\s*#.*$/gm, '')));
    const written = [...texts].some((t) => write.test(t));
    known.set(name, written);
    return written;
  }

  // ---------------------------------------------------------------- statements

  /** Where a raise would be now: the function (call depth) and the undecided paths open (see tryDepths). */
  private raiseHere(): string {
    return `${this.callDepth}:${this.logs.length}`;
  }

  /** `contextlib.suppress(NameError, …)` as a `with` item: the exception class names it swallows; undefined for anything else. */
  private suppressedExceptions(item: Node, scope: Scope): string[] | undefined {
    if (item.type !== 'call') return undefined;
    const fn = this.nc.field(item, 'function');
    const argList = this.nc.field(item, 'arguments');
    if (!fn || !argList) return undefined;
    const callee = this.safeEval(fn, scope);
    if (callee.t !== 'ref' || callee.name !== 'contextlib.suppress') return undefined;
    const names = argList.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    // Only plain exception names are read; anything else suppresses what the analysis cannot tell.
    return names.every((n) => n.type === 'identifier' && PYTHON_BUILTIN_NAMES.has(n.text) && !scope.vars.has(n.text)) ? names.map((n) => n.text) : ['BaseException'];
  }

  /** `except:`, `except KeyError:`, `except (KeyError, ValueError) as e:` — does it catch a raised `type`? */
  private catches(handler: Node, type: string): boolean {
    const first = handler.namedChildren.find((c): c is Node => c !== null && c.type !== 'block' && c.type !== 'comment');
    if (!first) return true;
    const cls = first.type === 'as_pattern' ? first.namedChild(0) : first;
    if (!cls) return false;
    const listed = cls.type === 'tuple' || cls.type === 'parenthesized_expression' ? cls.namedChildren.filter((x): x is Node => x !== null) : [cls];
    const bases = EXCEPTION_BASES[type] ?? [type, 'Exception', 'BaseException'];
    return listed.some((c) => bases.includes(c.text.replace(/^builtins\./, '')));
  }

  /** Runs statements; returns how control leaves the block (return/break/continue) or undefined. */
  execBlock(block: Node, scope: Scope): Flow {
    for (const stmt of this.nc.kids(block)) {
      if (!stmt) continue;
      const r = this.execStmt(stmt, scope);
      if (r !== undefined && !(r.kind === 'unsure' && scope.pastUnsure)) return r;
    }
    return undefined;
  }

  /** One top-level statement of a file (the discovery's entry run). */
  execTopLevel(stmt: Node, scope: Scope): void {
    this.execStmt(stmt, scope);
  }

  /**
   * Does this `try:` body import a package other than torch (apex, einops, a fused kernel)? The
   * user may not have it installed. torch itself is (the code runs on it); a name torch lacks is
   * unknown to the analysis too.
   */
  private importsOptionalPackage(body: Node): boolean {
    return this.nc.kids(body).some((st) => this.isOptionalImport(st));
  }

  /**
   * An import whose success depends on what the user has installed: a package other than torch, or
   * a name from torch.nn / torch.nn.functional the analysis does not know torch 1.13 has
   * (`from torch.nn import RMSNorm`, newer than some users' PyTorch).
   */
  private isOptionalImport(st: Node | null): boolean {
    if (st?.type !== 'import_statement' && st?.type !== 'import_from_statement') return false;
    const m = /^from\s+(\.*[\w.]*)\s+import\s+\(?\s*([\s\S]*?)\)?\s*$|^import\s+([\w.]+)/.exec(this.nc.text(st));
    const mod = m?.[1] ?? m?.[3] ?? '';
    // (A relative import is the user's own file.)
    if (mod === '' || mod.startsWith('.')) return false;
    if (!/^torch(?:$|\.)/.test(mod)) return true;
    if (mod !== 'torch.nn' && mod !== 'torch.nn.functional') return false;
    const names = (m?.[2] ?? '').split(',').map((n) => n.trim().split(/\s+/)[0] ?? '').filter((n) => n !== '');
    return names.some((n) => n !== '*' && !torchNamespaceHas(mod, n) && !(mod === 'torch.nn' && TORCH_NN_PARTS.has(n)));
  }

  /**
   * Does this handler define something in place of what the body imports (a class, a function, an
   * import, a value)? One that only reports, re-raises or sets the name to None leaves no working
   * alternative: the code runs as the body has it. A flag the body sets too (`APEX = True` there,
   * `APEX = False` here) is one: the code picks its layers by it.
   */
  private givesAlternative(handler: Node, body?: Node, orElse?: Node): boolean {
    const block = handler.namedChildren.find((c): c is Node => c?.type === 'block');
    const stmts = [...(body ? this.nc.kids(body) : []), ...(orElse ? this.nc.kids(orElse) : [])];
    const setInBody = new Set(stmts.map((st) => (st.type === 'expression_statement' ? st.namedChild(0) : null)).filter((a) => a?.type === 'assignment').map((a) => this.nc.text(this.nc.field(a!, 'left') ?? a!)));
    // (`def has_apex(): try: import apex; return True / except ImportError: return False`: the handler returns the other answer.)
    const returnsInBody = stmts.some((st) => st.type === 'return_statement');
    return (block ? this.nc.kids(block) : []).some((st) => {
      if (!st) return false;
      if (['class_definition', 'function_definition', 'decorated_definition', 'import_statement', 'import_from_statement'].includes(st.type)) return true;
      if (st.type === 'return_statement' && returnsInBody) return true;
      const a = st.type === 'expression_statement' ? st.namedChild(0) : null;
      const right = a?.type === 'assignment' ? this.nc.field(a, 'right') : null;
      if (right === null) return false;
      return !/^(?:None|False)$/.test(this.nc.text(right)) || setInBody.has(this.nc.text(this.nc.field(a!, 'left') ?? a!));
    });
  }

  /**
   * A class statement inside a function: not the module's class of that name (which the program
   * reads lazily), and not followed, so the name is unknown there rather than the other class.
   */
  private localClass(def: Node, name: string, scope: Scope): void {
    const program = scope.program as PyProgram;
    if (scope.vars === program.globals) {
      // A module-level class under an `if` / `try` (`if __name__ == '__main__': class Configs: …`):
      // from here on the name is this definition, not another one of the same name the file has.
      const cls = program.classAt(def);
      if (cls) scope.vars.set(name, { t: 'class', c: cls });
      return;
    }
    // A class that reads nothing of the function around it (SRGAN's `class ConvBlock` inside `__init__`, using
    // only nn and its own arguments) is the same class wherever it is defined: followed as a module-level one.
    // (After `global Block`, the module's name: it is no longer the class the file defines at its top level.)
    const cls = scope.globalNames?.has(name) || this.readsEnclosingFunction(def) ? undefined : program.classAt(def);
    this.bindName(name, cls ? { t: 'class', c: cls } : unknownModule(`class ${name} is defined inside a function and reads its names, which the analysis does not follow`, `类 ${name} 定义在函数内部并读取其中的名字，分析不跟踪`), scope);
  }

  /**
   * Does a class defined in a function read a name that function (or one around it) binds — a closure
   * the module-level reading of the class would miss? Its own name counts (`super(Block, self)` reads
   * the function's local), a name its methods bind themselves does not.
   */
  private readsEnclosingFunction(def: Node): boolean {
    const locals = new Set<string>();
    for (let p = def.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') this.localNames(p, locals);
    if (locals.size === 0) return false;
    const own = this.nc.field(def, 'name');
    const inMethods = this.namesBoundInMethods(def);
    const stack: Node[] = [def];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'identifier' && n.id !== own?.id && locals.has(this.nc.text(n)) && !inMethods.has(this.nc.text(n))) {
        // (An attribute's name, `x.model`, or a keyword's, `f(model=…)`, reads nothing.)
        const parent = n.parent;
        const asAttribute = parent?.type === 'attribute' && this.nc.field(parent, 'attribute')?.id === n.id;
        const asKeyword = parent?.type === 'keyword_argument' && this.nc.field(parent, 'name')?.id === n.id;
        if (!asAttribute && !asKeyword) return true;
      }
      for (const c of n.namedChildren) if (c) stack.push(c);
    }
    return false;
  }

  /** The names a function binds in its own scope: its parameters and what its statements bind (not inside nested defs). */
  private localNames(fn: Node, into: Set<string>): void {
    const params = this.nc.field(fn, 'parameters');
    for (const prm of params ? params.namedChildren : []) {
      if (!prm) continue;
      const id = prm.type === 'identifier' ? prm : (this.nc.field(prm, 'name') ?? prm.namedChildren.find((c) => c?.type === 'identifier') ?? null);
      if (id?.type === 'identifier') into.add(this.nc.text(id));
    }
    const targets = (t: Node | null): void => {
      if (!t) return;
      if (t.type === 'identifier') into.add(this.nc.text(t));
      else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'parenthesized_expression', 'list_splat_pattern', 'tuple', 'list'].includes(t.type)) for (const c of t.namedChildren) targets(c);
    };
    const body = this.nc.field(fn, 'body');
    const stack: Node[] = body ? [body] : [];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'function_definition' || n.type === 'class_definition') {
        const nm = this.nc.field(n, 'name');
        if (nm) into.add(this.nc.text(nm));
        continue;
      }
      if (n.type === 'lambda') continue;
      if (n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'for_statement' || n.type === 'for_in_clause') targets(this.nc.field(n, 'left'));
      if (n.type === 'named_expression') targets(this.nc.field(n, 'name'));
      if (n.type === 'as_pattern' || n.type === 'except_clause') {
        const m = /\bas\s+(\w+)/.exec(this.nc.text(n));
        if (m) into.add(m[1]!);
      }
      if (n.type === 'import_statement' || n.type === 'import_from_statement') {
        for (const nm of this.nc.fields(n, 'name')) if (nm) into.add(nm.type === 'aliased_import' ? this.nc.text(this.nc.field(nm, 'alias') ?? nm) : this.nc.text(nm).split('.')[0]!);
      }
      for (const c of n.namedChildren) if (c) stack.push(c);
    }
  }

  /** The names the class's own methods bind (parameters, locals): reading one there is local, not the enclosing function's. */
  private namesBoundInMethods(def: Node): Set<string> {
    const own = new Set<string>();
    const body = this.nc.field(def, 'body');
    for (const m of body ? this.nc.kids(body) : []) {
      const fn = m?.type === 'decorated_definition' ? this.nc.field(m, 'definition') : m;
      if (fn?.type === 'function_definition') this.localNames(fn, own);
    }
    return own;
  }

  private execStmt(stmt: Node, scope: Scope): Flow {
    this.tick();
    switch (this.nc.type(stmt)) {
      case 'expression_statement': {
        const e = stmt.namedChild(0);
        if (!e) return undefined;
        if (this.nc.type(e) === 'assignment') {
          this.execAssign(e, scope);
          const raised = this.pendingRaise;
          this.pendingRaise = undefined;
          if (raised) return raised;
        } else if (this.nc.type(e) === 'augmented_assignment') this.execAugAssign(e, scope);
        // `model1(X), model2(X), model3(X)` (a notebook cell showing three outputs): a tuple, each part evaluated in order.
        else for (const part of this.nc.kids(stmt).filter((k) => this.nc.type(k) !== 'comment')) this.safeEval(part, scope);
        if (this.nc.type(e) === 'call') this.forgetChangedInPlace(e, scope);
        return undefined;
      }
      case 'return_statement': {
        const e = stmt.namedChild(0);
        const v = e ? this.safeEval(e, scope) : NONE;
        if (scope.recordFlow) this.mods.flow.push({ range: this.mods.range(stmt), target: 'return', value: toShape(firstTensor(v)) });
        return { kind: 'return', value: v };
      }
      case 'if_statement':
        return this.execIf(stmt, scope);
      case 'match_statement':
        return this.execMatch(stmt, scope);
      case 'for_statement':
        return this.execFor(stmt, scope);
      case 'while_statement':
        return this.execWhile(stmt, scope);
      case 'with_statement': {
        const suppressed: string[] = [];
        for (const item of this.nc.kids(stmt).filter((n) => n.type === 'with_clause').flatMap((n) => this.nc.kids(n))) {
          const v = item.namedChild(0);
          const names = v ? this.suppressedExceptions(v, scope) : undefined;
          if (names) suppressed.push(...names);
          else if (v?.type === 'as_pattern') {
            const value = v.namedChild(0);
            const target = this.nc.field(v, 'alias') ?? v.namedChild(1);
            const val = value ? this.safeEval(value, scope) : NONE;
            if (target) this.assignTarget(target.type === 'as_pattern_target' ? (target.namedChild(0) ?? target) : target, val, scope);
          } else if (v) this.safeEval(v, scope);
        }
        const body = this.nc.field(stmt, 'body');
        if (!body) return undefined;
        // The body runs in the grad mode its items set (`with torch.no_grad():`), suppressing or not.
        const modes = this.nc.kids(stmt).filter((n) => n.type === 'with_clause').flatMap((n) => this.nc.kids(n)).map((item) => this.gradModeOf(item.namedChild(0), scope)).filter((m) => m !== 'same');
        const run = (s: Scope = scope): Flow => {
          if (modes.length === 0) return this.execBlock(body, s);
          this.gradModes.push(modes[modes.length - 1] as boolean | undefined);
          try {
            return this.execBlock(body, s);
          } finally {
            this.gradModes.pop();
          }
        };
        if (suppressed.length === 0) return run();
        // `with contextlib.suppress(ImportError): import apex; HAS_APEX = True`: whether the user has
        // the package is not known, so the body may stop at its import — both paths are possible.
        const optional = this.nc.kids(body).findIndex((st) => this.isOptionalImport(st));
        if (optional >= 0 && suppressed.some((n) => ['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException'].includes(n))) {
          const before = this.nc.kids(body).slice(0, optional);
          return this.undecided(scope, (s) => run(s), (s) => {
            for (const st of before) {
              const f = this.execStmt(st, s);
              if (f) return f;
            }
            return undefined;
          });
        }
        // `with contextlib.suppress(NameError):` — an exception of these types surely raised in
        // the body ends the statement there, as a `try: … except NameError: pass` would.
        let r: Flow;
        let raised: PyRaise | undefined;
        this.tryDepths.push(this.raiseHere());
        try {
          r = run();
        } catch (e) {
          if (!(e instanceof PyRaise)) throw e;
          raised = e;
        } finally {
          this.tryDepths.pop();
        }
        if (!raised) return r;
        const bases = EXCEPTION_BASES[raised.type] ?? [raised.type, 'Exception', 'BaseException'];
        if (suppressed.some((n) => bases.includes(n))) return undefined;
        if (this.tryDepths[this.tryDepths.length - 1] === this.raiseHere()) throw raised;
        return { kind: 'raise', what: raised.what };
      }
      case 'try_statement': {
        // The path without an exception: the body, its `else:` when the body falls through, then
        // `finally:`; or, when the body surely raises (PyRaise), the handler that catches it.
        const body = this.nc.field(stmt, 'body');
        const clause = (type: string): Node | undefined => stmt.namedChildren.find((c): c is Node => c?.type === type);
        const handlers = stmt.namedChildren.filter((c): c is Node => c?.type === 'except_clause');
        let r: Flow;
        let raised: PyRaise | undefined;
        // `except AttributeError:` — whether the body reads an attribute its object lacks (SAGAN's
        // `getattr(self.module, "weight_u")` before it is registered) is not something the analysis
        // surely knows: the body (then `else:`) and the handler are two paths it cannot decide.
        const attrHandler = handlers.find((h) => /\bAttributeError\b/.test(this.nc.text(h).split(':')[0] ?? ''));
        // `except ImportError:` after importing a package other than torch (apex, einops, a fused
        // kernel): whether the user has it installed is not known, so both paths are possible.
        const importHandler = body && this.importsOptionalPackage(body) ? handlers.find((h) => /^except\s*(?::|\(?\s*(?:ImportError|ModuleNotFoundError|Exception|BaseException)\b)/.test(this.nc.text(h)) && this.givesAlternative(h, body, clause('else_clause') ? this.nc.field(clause('else_clause')!, 'body') ?? undefined : undefined)) : undefined;
        // `assert torch.__version__ >= "1.8"` in the body, `except AssertionError:` giving another
        // definition: asserts are not followed, so whether the body gets past it is not known.
        // A leading `assert` is read first: surely true, the body runs; surely false, the handler
        // does; otherwise both are possible, whatever the handler holds (`pass` keeps what was there).
        const assertCatchers = handlers.filter((h) => /^except\s*(?::|\(?\s*(?:AssertionError|Exception|BaseException)\b)/.test(this.nc.text(h)));
        const catchesAssert = assertCatchers[0];
        const leading = body ? this.nc.kids(body).find((c) => c.type !== 'comment') : undefined;
        const leadingCond = leading?.type === 'assert_statement' && catchesAssert ? leading.namedChild(0) : null;
        const leadingTruth = leadingCond ? this.truthOf(this.safeEval(leadingCond, scope)) : undefined;
        // (A leading call of a function of this file that asserts — `newer()` — stands for its assert.)
        const leadingCall = !leadingCond && catchesAssert && leading?.type === 'expression_statement' && leading.namedChild(0)?.type === 'call' ? this.nc.field(leading.namedChild(0)!, 'function') : null;
        const callsAsserting = leadingCall?.type === 'identifier' && /\bassert\b/.test(this.nc.text((scope.program as PyProgram).functions.get(this.nc.text(leadingCall)) ?? leadingCall).replace(/^[^\n]*/, ''));
        const assertHandler = (leadingCond && leadingTruth === undefined) || callsAsserting ? catchesAssert : !leadingCond && body && this.nc.kids(body).some((st) => st?.type === 'assert_statement') ? assertCatchers.find((h) => this.givesAlternative(h)) : undefined;
        const attrBlock = (attrHandler ?? importHandler ?? assertHandler)?.namedChildren.find((c): c is Node => c?.type === 'block');
        // A shape or setting error PyTorch raises inside the body is handled here: not the user's error to report.
        const catching = handlers.some((h) => /^except\s*(?::|\(?[^:]*\b(?:RuntimeError|AssertionError|ValueError|TypeError|IndexError|Exception|BaseException)\b)/.test(this.nc.text(h)));
        if (body && attrBlock) {
          const orelseBlock = clause('else_clause') ? this.nc.field(clause('else_clause')!, 'body') : undefined;
          const chosen = (attrHandler ?? importHandler ?? assertHandler)!;
          const tried = (s: Scope): Flow => {
            let raisedType: string | undefined;
            let f: Flow;
            this.tryDepths.push(this.raiseHere());
            try {
              f = this.caught(catching, () => this.execBlock(body, s));
              if (f?.kind === 'raise') raisedType = f.type;
              else if (f === undefined && orelseBlock) f = this.execBlock(orelseBlock, s);
            } catch (e) {
              if (!(e instanceof PyRaise)) throw e;
              f = { kind: 'raise', what: e.what };
              raisedType = e.type;
            } finally {
              this.tryDepths.pop();
            }
            // The body surely raised part-way (`W = W * 2; assert W < 5`): the handler runs on what it had
            // done by then, and this is the one path (the other side stands down as raising).
            if (raisedType && this.catches(chosen, raisedType)) {
              handledInBody = true;
              return this.execBlock(attrBlock, s);
            }
            return f;
          };
          let handledInBody = false;
          r = this.undecided(scope, tried, (s) => (handledInBody ? { kind: 'raise', what: 'handled on the body path' } : this.execBlock(attrBlock, s)));
          const fin = clause('finally_clause')?.namedChildren.find((c): c is Node => c?.type === 'block');
          if (fin) r = this.execBlock(fin, scope) ?? r;
          return r;
        }
        this.tryDepths.push(this.raiseHere());
        try {
          if (leadingCond && leadingTruth === false) throw new PyRaise('AssertionError', 'AssertionError');
          r = body ? this.caught(catching, () => this.execBlock(body, scope)) : undefined;
        } catch (e) {
          if (!(e instanceof PyRaise)) throw e;
          raised = e;
        } finally {
          this.tryDepths.pop();
        }
        // A `raise` statement the body surely reaches: its handler runs (a fast path that gives up).
        if (!raised && r?.kind === 'raise' && r.type) raised = new PyRaise(r.type, r.what ?? r.type);
        if (raised) {
          const handler = handlers.find((h) => this.catches(h, raised!.type));
          // A layer refusing its settings raises ValueError, RuntimeError… by layer: a handler of one
          // of those may catch it or not, two paths the analysis cannot decide.
          // (Several such handlers: any one of them, or none.)
          const mayCatch = !handler && raised.type === 'TorchError' ? handlers.filter((h) => /^except\s*\(?[^:]*\b(?:ValueError|RuntimeError|AssertionError|TypeError)\b/.test(this.nc.text(h))) : [];
          const mayBlocks = mayCatch.map((h) => h.namedChildren.find((c): c is Node => c?.type === 'block')).filter((b): b is Node => b !== undefined);
          if (mayBlocks.length > 0) {
            const what = raised.what;
            const paths = mayBlocks.reduceRight<(s: Scope) => Flow>((rest, block) => (s) => this.undecided(s, (t) => this.execBlock(block, t), rest), () => ({ kind: 'raise', what }));
            r = paths(scope);
            const fin = clause('finally_clause')?.namedChildren.find((c): c is Node => c?.type === 'block');
            if (fin) r = this.execBlock(fin, scope) ?? r;
            return r;
          }
          // Not caught here: on to an enclosing try of this function, else the function raises.
          if (!handler) {
            if (this.tryDepths[this.tryDepths.length - 1] === this.raiseHere()) throw raised;
            return { kind: 'raise', what: raised.what };
          }
          const target = handler.namedChildren.find((c) => c?.type === 'as_pattern')?.namedChildren.find((c) => c?.type === 'as_pattern_target')?.namedChild(0);
          if (target) this.assignTarget(target, notTensor(`the ${raised.type} caught here`, `此处捕获的 ${raised.type}`), scope);
          const hb = handler.namedChildren.find((c): c is Node => c?.type === 'block');
          r = hb ? this.execBlock(hb, scope) : undefined;
          // A bare `raise` in the handler raises what it caught again (an enclosing try may catch it).
          if (r?.kind === 'raise' && r.again && !r.type) r = { kind: 'raise', what: raised.what, type: raised.type };
          const fin = clause('finally_clause')?.namedChildren.find((c): c is Node => c?.type === 'block');
          if (fin) r = this.execBlock(fin, scope) ?? r;
          return r;
        }
        const orelse = clause('else_clause');
        const orelseBody = orelse ? this.nc.field(orelse, 'body') : undefined;
        if (r === undefined && orelseBody) r = this.execBlock(orelseBody, scope);
        const fin = clause('finally_clause')?.namedChildren.find((c): c is Node => c?.type === 'block');
        if (fin) r = this.execBlock(fin, scope) ?? r;
        return r;
      }
      case 'function_definition':
      case 'decorated_definition': {
        const def = this.nc.type(stmt) === 'decorated_definition' ? this.nc.field(stmt, 'definition') : stmt;
        const name = def ? this.nc.field(def, 'name')?.text : undefined;
        if (def?.type === 'function_definition' && name) {
          this.forgetLists(scope);
          this.bindName(name, this.decorated(def, { t: 'func', f: this.makeClosure(def, scope, undefined, 'function') }, scope), scope);
        }
        if (def?.type === 'class_definition' && name) this.localClass(def, name, scope);
        return undefined;
      }
      case 'class_definition': {
        const name = this.nc.field(stmt, 'name')?.text;
        if (name) this.localClass(stmt, name, scope);
        return undefined;
      }
      case 'global_statement':
        scope.globalNames ??= new Set();
        for (const n of this.nc.kids(stmt)) if (n?.type === 'identifier') scope.globalNames.add(this.nc.text(n));
        return undefined;
      case 'nonlocal_statement':
        scope.nonlocalNames ??= new Set();
        for (const n of this.nc.kids(stmt)) if (n?.type === 'identifier') scope.nonlocalNames.add(this.nc.text(n));
        return undefined;
      case 'break_statement':
        return { kind: 'break' };
      case 'continue_statement':
        return { kind: 'continue' };
      case 'raise_statement': {
        // `raise ImportError("…")` / `raise ImportError`: the class raised, when it is written by name.
        const raisedNode = stmt.namedChildren.find((c): c is Node => c !== null && c.type !== 'comment');
        const named = raisedNode?.type === 'call' ? raisedNode.childForFieldName('function') : raisedNode;
        const type = named?.type === 'identifier' && /^[A-Z]\w*(?:Error|Exception)$/.test(this.nc.text(named)) ? this.nc.text(named) : undefined;
        return { kind: 'raise', what: this.raisedMessage(stmt, scope), ...(type ? { type } : {}), ...(raisedNode ? {} : { again: true as const }) };
      }
      case 'assert_statement': {
        // Surely false: AssertionError, as a `raise` (a handler of this function's try, or the caller
        // gets "raises"). Not decided: the code goes on, as it does when it runs.
        const cond = stmt.namedChild(0);
        if (!cond || this.truthOf(this.safeEval(cond, scope)) !== false) return undefined;
        return { kind: 'raise', what: `AssertionError (${compact(this.nc.text(cond))})`, type: 'AssertionError' };
      }
      case 'import_statement':
      case 'import_from_statement':
        this.localImport(stmt, scope);
        return undefined;
      case 'delete_statement':
        this.execDelete(stmt, scope);
        return undefined;
      default:
        return undefined;
    }
  }

  /** A change made through `vars(obj)` / `obj.__dict__`: the instance's attributes become the dict's entries (undone per undecided path). */
  private writeBack(d: Value & { t: 'dict' }): void {
    const attrs = d.viewOf?.attrs;
    if (!attrs) return;
    const now = new Map(d.entries);
    if ([...attrs].every(([k, v]) => now.get(k) === v) && now.size === attrs.size) return;
    for (const j of this.logs) for (const k of new Set([...attrs.keys(), ...now.keys()])) j.attr(attrs, k);
    attrs.clear();
    for (const [k, v] of d.entries) attrs.set(k, v);
  }

  private deleteItem(t: Node, scope: Scope): void {
    const obj = this.nc.field(t, 'value');
    const idxNode = this.nc.fields(t, 'subscript')[0];
    if (!obj || !idxNode || this.nc.fields(t, 'subscript').length > 1) return;
    // `del module._parameters[name]`: that parameter leaves the module (EqualLR, weight norms).
    if (obj.type === 'attribute' && this.nc.field(obj, 'attribute')?.text === '_parameters') {
      const owner = this.nc.field(obj, 'object');
      const o = owner ? this.safeEval(owner, scope) : undefined;
      const m = o?.t === 'module' ? this.mods.get(o.m) : undefined;
      const key = this.safeEval(idxNode, scope);
      if (m) this.mods.removeParam(m, key.t === 'str' ? key.v : undefined);
      return;
    }
    const o0 = this.safeEval(obj, scope);
    // An instance of a dict subclass (AttrDict, Lightning's hparams): its entries (a class's own __delitem__ is not followed).
    if (o0.t === 'obj' && o0.items && o0.def && this.index.findMethod(o0.def as ClassDef, '__delitem__')) {
      o0.items = unknownModule(`${o0.cls}.__delitem__ is not followed`, `不分析 ${o0.cls}.__delitem__`);
      return;
    }
    const o = o0.t === 'obj' && o0.items ? o0.items : o0;
    forgetKeys(o);
    this.willChange(o);
    const i = this.safeEval(idxNode, scope);
    if (o.t === 'seq' && !o.tuple) {
      const n = asInt(i);
      const at = n !== undefined ? (n < 0 ? o.items.length + n : n) : undefined;
      const r = i.t === 'slice' ? sliceRange(i, o.items.length) : undefined;
      if (at !== undefined && o.items[at] !== undefined) o.items.splice(at, 1);
      else if (r && r.step === 1) o.items.splice(r.start, Math.max(0, r.stop - r.start));
      else o.items.splice(0, o.items.length, unknownModule('a list changed by del at an index the analysis cannot read', '列表在无法分析的下标处被 del'));
    } else if (o.t === 'dict') {
      const key = dictKey(i);
      const at = key === undefined ? -1 : o.entries.findIndex(([k]) => k === key);
      if (at >= 0) o.entries.splice(at, 1);
      else if (key === undefined) o.entries.splice(0, o.entries.length, ['\u0000?', unknownModule('a dict changed by del with a key the analysis cannot read', '字典被 del 了无法分析的键')]);
      this.writeBack(o);
    } else if (o.t === 'module') {
      // `del seq[1]`, `del layers[-2:]`, `del heads['b']`: the container's children change as in PyTorch.
      const m = this.mods.get(o.m);
      const n = asInt(i);
      const r = i.t === 'slice' && m ? sliceRange(i, m.children.length) : undefined;
      const positions = r ? Array.from({ length: Math.max(0, Math.ceil((r.stop - r.start) / r.step)) }, (_, k) => r.start + k * r.step).filter((p) => p >= 0 && p < (m?.children.length ?? 0)) : n !== undefined ? [n] : undefined;
      if (m && m.container === 'ModuleDict' && i.t === 'str') this.mods.removeChildren(m, { key: i.v });
      else if (m && m.container && positions) this.mods.removeChildren(m, { at: positions });
      else if (m) m.uncertain = { en: `del ${m.kind}[…] is not followed`, 'zh-cn': `不分析 del ${m.kind}[…]` };
    }
  }

  /** `raise ValueError("…")` with a message the analysis computes: `ValueError: …`, for the unknown it leaves. */
  private raisedMessage(stmt: Node, scope: Scope): string | undefined {
    const call = stmt.namedChildren.find((c) => c?.type === 'call');
    const fn = call?.childForFieldName('function');
    const first = call?.childForFieldName('arguments')?.namedChildren[0];
    if (!fn || fn.type !== 'identifier' || !first || first.type === 'keyword_argument') return undefined;
    const msg = this.safeEval(first, { ...scope, recordFlow: false });
    return msg.t === 'str' ? `${this.nc.text(fn)}: ${msg.v}` : undefined;
  }

  /**
   * `del model.fc` (a factory moving a layer: `model.last_linear = model.fc; del model.fc`),
   * `del layers[6]` / `del layers[2:]` on a list, `del cfg['key']` on a dict; an index or key the
   * analysis cannot read leaves the list or dict unknown, and a container module's items unknown
   * (Sequential and ModuleList renumber differently across PyTorch versions).
   */
  private execDelete(stmt: Node, scope: Scope): void {
    const targets = this.nc.kids(stmt).flatMap((t) => (t.type === 'expression_list' ? this.nc.kids(t) : [t]));
    for (const t of targets) {
      if (t.type === 'subscript') {
        this.deleteItem(t, scope);
        continue;
      }
      if (t.type !== 'attribute') continue;
      const obj = this.nc.field(t, 'object');
      const attr = this.attrName(t);
      if (!obj || !attr) continue;
      const o = this.safeEval(obj, scope);
      const m = o.t === 'module' ? this.mods.get(o.m) : undefined;
      if (m) this.mods.deleteAttr(m, attr);
      // `del Net.head` after the class: what its instances read under the name is not the body's any more.
      else if (o.t === 'class') this.recordClassWrite(o.c as ClassDef, attr);
    }
  }

  /** `import torch.nn as nn` inside a function: the alias is visible to the rest of its file. */
  /**
   * An import inside a function (`from ..data.dataloader import datasets` in a model factory):
   * a relative import's names become the function's variables, as at module level; other
   * names resolve through the aliases (a library's).
   */
  private localImport(stmt: Node, scope: Scope): void {
    const text = this.nc.text(stmt).replace(/#.*$/gm, '');
    let inFunction = false;
    for (let p = stmt.parent; p && !inFunction; p = p.parent) inFunction = p.type === 'function_definition';
    const from = /^from\s+(\.*)([\w.]*)\s+import\s+(.+)$/s.exec(text);
    if (from) {
      const level = from[1]!.length;
      const mod = from[2]!;
      for (const part of from[3]!.replace(/[()\s\\]+/g, ' ').split(',')) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (!name || name === '*') continue;
        // Relative imports, absolute ones inside a function (a factory's `from vit import ViT`), and
        // any in the analysed file itself (`if __name__ == "__main__": from dit import DiT`): an
        // absolute one in another script's `__main__` block may bring in a class that usage then
        // feeds (a wrapper's reshaped frames) ahead of the README's example.
        const other = level > 0 || inFunction || this.isMain(scope.program) ? this.loader.load(scope.program, level, mod) : undefined;
        let v = other && other !== scope.program ? this.global(other, name) : undefined;
        if (!v && level > 0) {
          const sub = this.loader.load(scope.program, level, mod === '' ? name : `${mod}.${name}`);
          if (sub) v = { t: 'pymod', p: sub };
        }
        // The import rebinds the name where it runs: a function's own, unless declared `global`
        // (`with open(p) as F: …` earlier, then `import … as F`, is the library's name after it).
        if (v) this.bindName(alias ?? name, v, scope);
        else if (level === 0) this.bindImport(alias ?? name, `${mod}.${name}`, scope, inFunction);
      }
      return;
    }
    for (const m of text.matchAll(/import\s+([\w.]+)\s+as\s+(\w+)/g)) this.bindImport(m[2]!, m[1]!, scope, inFunction);
    // `import yaml` inside a function (YOLOv5's "for torch hub"): a library named by its own name.
    const plain = /^import\s+([\w.]+(?:\s*,\s*[\w.]+)*)\s*$/.exec(text.trim());
    for (const mod of plain ? plain[1]!.split(',').map((x) => x.trim()) : []) {
      const head = mod.split('.')[0]!;
      if (!scope.vars.has(head) && !scope.program.aliases.has(head) && !this.loader.load(scope.program, 0, head)) scope.program.aliases.set(head, head);
    }
  }

  /**
   * `from config import HID` then `config.HID = 32` in the same file: the import bound the value the
   * module had then, which the write does not change. Before the write, names this file imported
   * from that module by an import above it take the module's value of now.
   */
  private keepFromImports(p: PyProgram, from: PyProgram, attr: string, at: Node): void {
    for (const [alias, spec] of p.imports) {
      if (spec.name !== attr || p.globals.has(alias) || p.lazyValues.has(alias)) continue;
      const above = p.root.namedChildren.some((c) => c?.type === 'import_from_statement' && c.endIndex <= at.startIndex && this.nc.fields(c, 'name').some((nm) => nm !== null && (nm.type === 'aliased_import' ? this.nc.field(nm, 'alias')?.text : this.nc.text(nm)) === alias));
      if (!above || this.loader.load(p, spec.level, spec.module) !== from) continue;
      const was = this.global(from, attr);
      if (was) p.lazyValues.set(alias, was);
    }
  }

  /** A library name an import binds where it runs: inside a function, its variable (or the module's after `global`); at module level, the file's alias too. */
  private bindImport(name: string, target: string, scope: Scope, inFunction: boolean): void {
    if (!inFunction) scope.program.aliases.set(name, target);
    this.bindName(name, { t: 'ref', name: target }, scope);
  }

  /**
   * `match kind: case "deep" | "deeper": …`: the first case whose pattern (a literal, a dotted
   * value, an or-pattern, a capture, `_`) matches and whose guard holds runs. A pattern or guard the
   * analysis cannot decide (or a sequence / class pattern) leaves what any case would change unknown.
   */
  private execMatch(stmt: Node, scope: Scope): Flow {
    const subjectNode = this.nc.field(stmt, 'subject');
    const body = this.nc.field(stmt, 'body');
    if (!subjectNode || !body) return undefined;
    const subject = this.safeEval(subjectNode, scope);
    const clauses = this.nc.kids(body).filter((c): c is Node => c?.type === 'case_clause');
    for (const [i, clause] of clauses.entries()) {
      const pattern = this.nc.kids(clause).find((c) => c?.type === 'case_pattern');
      let ok = pattern ? this.matchPattern(pattern, subject, scope) : undefined;
      const guard = this.nc.field(clause, 'guard');
      if (ok === true && guard) ok = this.truthOf(this.safeEval(guard.namedChild(0) ?? guard, scope));
      if (ok === false) continue;
      const consequence = this.nc.field(clause, 'consequence');
      if (ok === true) return consequence ? this.execBlock(consequence, scope) : undefined;
      // Undecided: this case and every later one may run; what they change is not known.
      for (const later of clauses.slice(i)) {
        const block = this.nc.field(later, 'consequence');
        if (block) this.execUnrolled(block, scope, 'a match statement the analysis cannot decide');
      }
      return undefined;
    }
    return undefined;
  }

  /** Does a case pattern match (binding its captures)? undefined: not decided, or a pattern not followed. */
  private matchPattern(pattern: Node, subject: Value, scope: Scope): boolean | undefined {
    const inner = pattern.type === 'case_pattern' ? pattern.namedChild(0) : pattern;
    if (!inner) return true; // `case _:`
    switch (inner.type) {
      case 'union_pattern': {
        let undecided = false;
        for (const alt of inner.namedChildren) {
          const r = alt ? this.matchPattern(alt, subject, scope) : undefined;
          if (r === true) return true;
          if (r === undefined) undecided = true;
        }
        return undecided ? undefined : false;
      }
      case 'dotted_name': {
        const parts = inner.namedChildren.filter((c): c is Node => c?.type === 'identifier');
        if (parts.length === 1) {
          // A bare name captures the subject.
          this.assignTarget(parts[0]!, subject, scope);
          return true;
        }
        let v = this.safeEval(parts[0]!, scope);
        for (const p of parts.slice(1)) v = this.getAttr(v, p.text, scope);
        return this.sameAs('==', subject, v);
      }
      case 'string': case 'integer': case 'float':
        return this.sameAs('==', subject, this.safeEval(inner, scope));
      case 'none': case 'true': case 'false':
        return this.sameAs('is', subject, this.safeEval(inner, scope));
      default:
        return undefined;
    }
  }

  /** `a == b` / `a is b` as a comparison decides it; undefined when it cannot. */
  private sameAs(op: '==' | 'is', a: Value, b: Value): boolean | undefined {
    const m = this.moduleEquals(op, a, b);
    if (m !== undefined) return m;
    const r = compareValues(op, a, b);
    return r.t === 'bool' ? r.v : undefined;
  }

  private execIf(stmt: Node, scope: Scope): Flow {
    const cond = this.nc.field(stmt, 'condition');
    const cons = this.nc.field(stmt, 'consequence');
    const alts = this.nc.fields(stmt, 'alternative').filter((n): n is Node => n !== null);
    return this.branch(cond, cons, alts, scope);
  }

  /**
   * Why a condition is undecided: the first name in it whose value is unknown, with that value's
   * reason (`stride=2 if output_stride == 16 else 1` with output_stride unknown says where it came from).
   */
  private undecidedWhy(cond: Node, scope: Scope): Msg {
    const text = this.nc.text(cond).replace(/\s+/g, ' ').trim();
    const shown = text.length > 50 ? `${text.slice(0, 47)}...` : text;
    const stack: Node[] = [cond];
    let seen = 0;
    while (stack.length > 0 && seen++ < 40) {
      const n = stack.shift()!;
      const type = this.nc.type(n);
      if (type === 'identifier' || type === 'attribute') {
        const v = this.safeEval(n, scope);
        if (v.t === 'unknown') return { en: `depends on ${shown}: ${this.nc.text(n)} is not known (${v.reason.en})`, 'zh-cn': `取决于 ${shown}：${this.nc.text(n)} 未知（${v.reason['zh-cn']}）` };
        continue;
      }
      if (type === 'call' || type === 'lambda') continue;
      for (const k of this.nc.kids(n)) if (k) stack.push(k);
    }
    return { en: `depends on ${shown}, which the analysis cannot decide`, 'zh-cn': `取决于 ${shown}，无法静态判断` };
  }

  private branch(cond: Node | null, cons: Node | null, alts: Node[], scope: Scope): Flow {
    const c = cond ? this.truthOf(this.safeEval(cond, scope)) : undefined;
    const runElse = (s: Scope): Flow => {
      const first = alts[0];
      if (!first) return undefined;
      if (this.nc.type(first) === 'else_clause') {
        const body = this.nc.field(first, 'body');
        return body ? this.execBlock(body, s) : undefined;
      }
      return this.branch(this.nc.field(first, 'condition'), this.nc.field(first, 'consequence'), alts.slice(1), s);
    };
    if (c === true) return cons ? this.execBlock(cons, scope) : undefined;
    if (c === false) return runElse(scope);
    return this.undecided(scope, (a) => (cons ? this.execBlock(cons, a) : undefined), runElse);
  }

  /** Undecided: run both on copies and keep only what they agree on, module attributes included. */
  /**
   * A model on one side of an undecided `if` and its DataParallel wrapper on the other (`if use_gpu: net =
   * nn.DataParallel(net)`): a call runs the model either way, so the model stands for both.
   */
  private behindWrapper(a: Value, b: Value): Value | undefined {
    if (a.t !== 'module' || b.t !== 'module') return undefined;
    const ma = this.mods.get(a.m);
    const mb = this.mods.get(b.m);
    if (!ma || !mb) return undefined;
    return ma.wraps === mb ? b : mb.wraps === ma ? a : undefined;
  }

  private undecided(scope: Scope, first: (s: Scope) => Flow, second: (s: Scope) => Flow): Flow {
    const journal = new Journal(this.mods.count);
    this.logs.push(journal);
    let fa: Flow;
    let fb: Flow;
    const a: Scope = { ...scope, vars: forkVars(scope.vars) };
    const b: Scope = { ...scope, vars: forkVars(scope.vars) };
    journal.own(a.vars);
    journal.own(b.vars);
    const traceStart = this.mods.trace.length;
    let traceMid = traceStart;
    try {
      fa = first(a);
      traceMid = this.mods.trace.length;
      journal.own(a.vars);
      journal.switchToSecond();
      fb = second(b);
      journal.own(b.vars);
    } finally {
      this.logs.pop();
    }
    // Only one side's layer calls happen. A first side that returns while the second falls through
    // (a guard clause) has the rest of the function as its alternative: settled when it ends.
    if (fa?.kind === 'return' && fb === undefined && scope.guards && this.logs.length === scope.guardDepth) scope.guards.push([traceStart, traceMid]);
    else this.mods.settleBranchCalls(traceStart, traceMid, this.mods.trace.length);
    journal.merge(this.mods, 'depends on a condition the analysis cannot decide', fa?.kind === 'raise' ? 'second' : fb?.kind === 'raise' ? 'first' : 'both');
    const reason = (k: string): Value => unknownModule(`'${k}' depends on a condition the analysis cannot decide`, `'${k}' 取决于无法静态判断的条件`);
    // A branch that returns or raises never reaches the code after the `if`.
    const aReturns = fa?.kind === 'return' || fa?.kind === 'raise';
    const bReturns = fb?.kind === 'return' || fb?.kind === 'raise';
    // Variables: from the branch that falls through (a returning branch's values never reach here).
    for (const k of new Set([...a.vars.keys(), ...b.vars.keys()])) {
      const va = a.vars.get(k);
      const vb = b.vars.get(k);
      if (aReturns && !bReturns) scope.vars.set(k, vb ?? reason(k));
      else if (bReturns && !aReturns) scope.vars.set(k, va ?? reason(k));
      else scope.vars.set(k, va && vb && sameValue(va, vb) ? va : (va && vb && this.behindWrapper(va, vb)) ?? (va?.t === 'dict' && vb?.t === 'dict' ? { ...reason(k), keys: commonEntries(va, vb), ...possibleKeys(va, vb) } as Value : reason(k)));
    }
    const pend = (v: Value): void => {
      scope.pending = scope.pending ? merge(scope.pending, v, 'the returned value depends on a condition') : v;
    };
    if (fa?.kind === 'raise' && fb?.kind === 'raise') return fa;
    if (fa?.kind === 'raise' && fb?.kind === 'return') return fb;
    if (fb?.kind === 'raise' && fa?.kind === 'return') return fa;
    if (fa?.kind === 'return' && fb?.kind === 'return') return { kind: 'return', value: merge(fa.value, fb.value, 'the returned value depends on a condition') };
    if (fa?.kind === 'return') pend(fa.value);
    if (fb?.kind === 'return') pend(fb.value);
    const loopExit = (f: Flow): boolean => f?.kind === 'break' || f?.kind === 'continue' || f?.kind === 'unsure';
    if (loopExit(fa) || loopExit(fb)) return fa?.kind === fb?.kind && fa?.kind !== 'unsure' ? fa : { kind: 'unsure', reason: 'a break or continue under a condition the analysis cannot decide' };
    return undefined;
  }

  private execFor(stmt: Node, scope: Scope): Flow {
    const left = this.nc.field(stmt, 'left');
    const right = this.nc.field(stmt, 'right');
    const body = this.nc.field(stmt, 'body');
    if (!left || !right || !body) return undefined;
    // `for … else`: the else block runs when the loop ends without a break. Where the rounds are not
    // all followed, it surely runs only when the body has no break of its own; else it may.
    const orElse = this.nc.field(stmt, 'alternative');
    const elseBody = orElse ? this.nc.field(orElse, 'body') : null;
    const mayBreak = elseBody ? this.hasOwnBreak(body) : false;
    const orElseRuns = (surely: boolean): Flow => {
      if (!elseBody) return undefined;
      if (surely) return this.execBlock(elseBody, scope);
      this.execUnrolled(elseBody, scope, 'the else of a loop that may end by a break');
      return undefined;
    };
    const over = this.safeEval(right, scope);
    let iter = this.iterate(over);
    if (!iter) {
      const subset = this.subsets.get(over);
      if (subset) return this.execMaybeItems(left, body, scope, over, subset) ?? orElseRuns(!mayBreak);
      this.execUnrolled(body, scope, 'a loop over something the analysis cannot list', left);
      return orElseRuns(!mayBreak);
    }
    // The program's own training loops (epochs, steps) run their first round: that is where it builds
    // and feeds its models; what the loop changes is unknown afterwards.
    // (Over a few factories, models or configs — or a written list of settings, `for hidden in [64, 128]` —,
    // each round may build another model: all of them run, or the first would stand for every build of the class.)
    const fewBuilders = iter.items.length <= 8 && (iter.items.some((v) => v.t === 'func' || v.t === 'class' || v.t === 'module' || v.t === 'dict' || v.t === 'seq') || right.type === 'list' || right.type === 'tuple');
    if (this.entryMode && this.moduleDepth === 0 && iter.exact && iter.items.length > 1 && !fewBuilders && TRAINING_LOOP.test(this.nc.text(body))) iter = { items: iter.items.slice(0, 1), exact: false };
    // `for pos in range(max_len): for i in range(0, d, 2): pe[pos, i] = math.sin(…)`: rounds that
    // only write numbers into tensors whose values the analysis does not keep change nothing it
    // follows (shapes stay): skipped, however many, the loop names left unknown.
    if (iter.exact && iter.items.length > 16 && this.onlyWritesUnvalued(body, scope, new Set(this.loopNames(left)), 0)) {
      for (const name of this.loopNames(left)) scope.vars.set(name, unknownModule(`'${name}' after a loop that only fills a tensor's values`, `'${name}' 位于只填充张量值的循环之后`));
      return orElseRuns(true);
    }
    // `for layer in self.layers: x = layer(x); if torch.isnan(x).any(): break` — a break on a
    // condition the analysis cannot decide, last in the body: after each round the loop may end or
    // go on; both are followed, and what every way out agrees on (x's shape) is known.
    const guard = iter.exact && !elseBody && iter.items.length <= MAX_GUARDED_ROUNDS ? this.breakGuard(body) : undefined;
    if (guard) return this.execGuardedRounds(left, iter.items, guard, scope);
    // A data loader yields one representative batch: the loop's later rounds are not followed.
    const journal = iter.exact ? undefined : new Journal(this.mods.count);
    // (Over a loader or dataset, a yield in the body yields its representative batch: see 'yield'.)
    if (journal && over.t === 'data' && (over.d.kind === 'loader' || over.d.kind === 'dataset')) this.dataLoops.add(journal);
    // Copies, so a list the loop appends to in place is seen to change.
    const before = iter.exact ? undefined : forkVars(scope.vars);
    if (journal) this.logs.push(journal);
    // A loop that has spent half the step budget (a 160 × 512 table filled element by element) is
    // not followed round by round any further: what it changes is unknown, and the code after it goes on.
    const started = this.steps;
    let broke = false;
    let rounds = 0;
    try {
      for (const item of iter.items) {
        rounds++;
        if (this.steps - started > MAX_STEPS / 2) {
          this.poisonLoop(body, scope, 'a loop too long to follow', left);
          return orElseRuns(!mayBreak);
        }
        this.assignTarget(left, item, scope);
        const r = this.execLoopRound(body, scope);
        if (r?.kind === 'break') {
          broke = true;
          break;
        }
        if (r?.kind === 'continue') continue;
        if (r?.kind === 'return' || r?.kind === 'raise') return r;
        if (r?.kind === 'unsure') {
          this.poisonLoop(body, scope, 'a loop that stops on a condition the analysis cannot decide', left);
          return orElseRuns(!mayBreak);
        }
      }
    } finally {
      if (journal) this.logs.pop();
    }
    // `for images, labels in loader: break` (the first batch, taken): the loop surely ended in the
    // round followed, so what it left is known.
    if (journal && before && !(broke && rounds === 1)) {
      journal.poison(this.mods, 'changes in a loop the analysis follows only once');
      for (const [k, v] of scope.vars) {
        const was = before.get(k);
        if (!was || (was !== v && !sameValue(was, v))) scope.vars.set(k, unknownModule(`'${k}' changes in a loop over data the analysis follows only once`, `'${k}' 在只分析一次的数据循环中被修改`));
      }
    }
    // (Every round followed: the else runs unless one broke. One round of many: unless a later one may break.)
    if (broke) return undefined;
    return orElseRuns(iter.exact || !mayBreak);
  }

  /** Does a loop body hold a `break` of its own (not one of a loop, function or class inside it)? */
  /** A `return` or `yield` of this function in the block (not of a function defined inside it). */
  private exitsFunction(body: Node): boolean {
    const stack: Node[] = [body];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'return_statement' || n.type === 'yield') return true;
      for (const c of this.nc.kids(n)) if (c.type !== 'function_definition' && c.type !== 'class_definition' && c.type !== 'lambda') stack.push(c);
    }
    return false;
  }

  private hasOwnBreak(body: Node): boolean {
    const stack: Node[] = [body];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'break_statement') return true;
      for (const c of this.nc.kids(n)) {
        if (c.type === 'for_statement' || c.type === 'while_statement') {
          // (An inner loop's else block belongs to this loop's body.)
          const inner = this.nc.field(c, 'alternative');
          if (inner) stack.push(inner);
          continue;
        }
        if (c.type !== 'function_definition' && c.type !== 'class_definition' && c.type !== 'lambda') stack.push(c);
      }
    }
    return false;
  }

  /** The plain names a loop target binds (`pos`, `i, j`), or none when it binds anything else. */
  private loopNames(target: Node): string[] {
    if (target.type === 'identifier') return [this.nc.text(target)];
    if (target.type !== 'pattern_list' && target.type !== 'tuple_pattern') return [];
    const kids = this.nc.kids(target).filter((k) => k.type !== 'comment');
    return kids.every((k) => k.type === 'identifier') ? kids.map((k) => this.nc.text(k)) : [];
  }

  /**
   * A loop body that only writes items of tensors the analysis keeps no values of (`pe[pos, i] =
   * math.sin(…)`), from arithmetic on numbers, the loop's own names and `math` functions, possibly
   * in nested `for … in range(…)` loops: running it changes nothing the analysis follows.
   */
  private onlyWritesUnvalued(body: Node, scope: Scope, loopVars: Set<string>, depth: number): boolean {
    if (depth > 3) return false;
    const pure = (e: Node): boolean => {
      const t = e.type;
      if (t === 'integer' || t === 'float' || t === 'comment') return true;
      if (t === 'identifier') return true;
      if (t === 'binary_operator' || t === 'unary_operator' || t === 'parenthesized_expression') return this.nc.kids(e).every((k) => k.type === 'comment' || !k.isNamed || pure(k));
      if (t === 'attribute') return /^(?:math\.(?:pi|e|tau)|self\.\w+)$/.test(this.nc.text(e).replace(/\s+/g, ''));
      if (t === 'call') {
        const fn = this.nc.text(this.nc.field(e, 'function')!).replace(/\s+/g, '');
        const args = this.nc.field(e, 'arguments');
        return /^(?:math\.(?:sin|cos|exp|log|sqrt|pow|tan|log10|log2)|float|int|abs|min|max|pow|np\.(?:sin|cos|exp|log|sqrt|power))$/.test(fn) && !!args && this.nc.kids(args).every((k) => k.type === 'comment' || pure(k));
      }
      return false;
    };
    const stmts = this.nc.kids(body).filter((k) => k.type !== 'comment');
    if (stmts.length === 0) return false;
    return stmts.every((st) => {
      if (st.type === 'pass_statement') return true;
      if (st.type === 'for_statement') {
        const left = this.nc.field(st, 'left');
        const right = this.nc.field(st, 'right');
        const inner = this.nc.field(st, 'body');
        const names = left ? this.loopNames(left) : [];
        if (!left || !right || !inner || names.length === 0 || this.nc.field(st, 'alternative')) return false;
        if (!(right.type === 'call' && /^range$/.test(this.nc.text(this.nc.field(right, 'function')!)) && pure(this.nc.field(right, 'arguments')!))) return false;
        return this.onlyWritesUnvalued(inner, scope, new Set([...loopVars, ...names]), depth + 1);
      }
      const a = st.type === 'expression_statement' ? st.namedChild(0) : null;
      if (a?.type !== 'assignment' && a?.type !== 'augmented_assignment') return false;
      const target = this.nc.field(a, 'left');
      const value = this.nc.field(a, 'right');
      if (target?.type !== 'subscript' || !value || !pure(value)) return false;
      const obj = this.nc.field(target, 'value');
      const held = obj?.type === 'identifier' && !loopVars.has(this.nc.text(obj)) ? scope.vars.get(this.nc.text(obj)) : undefined;
      if (held?.t !== 'tensor' || held.vals) return false;
      return this.nc.fields(target, 'subscript').every((i) => !!i && pure(i));
    });
  }

  /**
   * One round of a loop body. A guard `if cond: continue` whose condition the analysis cannot
   * decide (an MoE loop skipping experts no token chose) skips the rest of this round or not: the
   * rest runs as a branch it cannot decide, and the next rounds go on with their own items.
   */
  private execLoopRound(body: Node, scope: Scope): Flow {
    const kids = this.nc.kids(body).filter((k): k is Node => k !== null);
    for (let i = 0; i < kids.length; i++) {
      const stmt = kids[i]!;
      const r = this.execStmt(stmt, scope);
      if (r?.kind === 'unsure' && this.isContinueGuard(stmt)) {
        const rest = kids.slice(i + 1);
        return this.undecided(scope, () => undefined, (s) => {
          for (const x of rest) {
            const f = this.execStmt(x, s);
            if (f !== undefined) return f;
          }
          return undefined;
        });
      }
      if (r !== undefined) return r;
    }
    return undefined;
  }

  /**
   * The body's last statement when it is `if cond: break` (nothing else in the if, no elif/else)
   * and the body has no other way out (break, continue, return, yield) of its own.
   */
  private breakGuard(body: Node): { before: Node[]; cond: Node } | undefined {
    const kids = this.nc.kids(body).filter((k) => k.type !== 'comment');
    const last = kids[kids.length - 1];
    if (!last || this.nc.type(last) !== 'if_statement' || this.nc.field(last, 'alternative')) return undefined;
    const cons = this.nc.field(last, 'consequence');
    const inner = cons ? this.nc.kids(cons).filter((k) => k.type !== 'comment') : [];
    const cond = this.nc.field(last, 'condition');
    if (!cond || inner.length !== 1 || inner[0]!.type !== 'break_statement') return undefined;
    const before = kids.slice(0, -1);
    const exits = (n: Node): boolean => {
      if (n.type === 'break_statement' || n.type === 'continue_statement' || n.type === 'return_statement' || n.type === 'yield') return true;
      return this.nc.kids(n).some((c) => !['function_definition', 'class_definition', 'lambda', 'for_statement', 'while_statement'].includes(c.type) && exits(c));
    };
    // (A return or yield inside a nested loop leaves the function too.)
    const leavesFunction = (n: Node): boolean => this.exitsFunction(n);
    return before.some((st) => exits(st) || leavesFunction(st)) ? undefined : { before, cond };
  }

  /** The rounds of a loop whose body ends in an undecided `if cond: break`: each may be the last. */
  private execGuardedRounds(left: Node, items: Value[], guard: { before: Node[]; cond: Node }, scope: Scope): Flow {
    const rounds = (from: number, s: Scope): Flow => {
      for (let k = from; k < items.length; k++) {
        this.assignTarget(left, items[k]!, s);
        for (const st of guard.before) {
          const f = this.execStmt(st, s);
          if (f) return f;
        }
        const c = this.truthOf(this.safeEval(guard.cond, s));
        if (c === true) return { kind: 'break' };
        if (c === false) continue;
        const r = this.undecided(s, () => ({ kind: 'break' }), (rest) => rounds(k + 1, rest));
        // Both ways end the loop here or later: only a return or raise goes on out.
        return r?.kind === 'return' || r?.kind === 'raise' ? r : { kind: 'break' };
      }
      return undefined;
    };
    const r = rounds(0, scope);
    return r?.kind === 'return' || r?.kind === 'raise' ? r : undefined;
  }

  /** `if cond: continue` with nothing else in the if. */
  private isContinueGuard(stmt: Node): boolean {
    if (this.nc.type(stmt) !== 'if_statement' || this.nc.field(stmt, 'alternative')) return false;
    const cons = this.nc.field(stmt, 'consequence');
    const body = cons ? this.nc.kids(cons).filter((k) => k && k.type !== 'comment') : [];
    return body.length === 1 && body[0]!.type === 'continue_statement';
  }

  /**
   * A loop over a list that may hold each of its known items (a random layer dropout): each item
   * the list surely holds runs as in any loop, each other one as an `if` the analysis cannot decide.
   */
  private execMaybeItems(left: Node, body: Node, scope: Scope, list: Value, subset: { items: Value[]; sure: boolean[] }): Flow {
    const why = 'a loop over a list filtered by a condition the analysis cannot decide';
    for (const [i, item] of subset.items.entries()) {
      const once = (s: Scope): Flow => {
        this.assignTarget(left, item, s);
        const r = this.execBlock(body, s);
        return r?.kind === 'continue' ? undefined : r;
      };
      const r = subset.sure[i] ? once(scope) : this.undecided(scope, once, () => undefined);
      if (r?.kind === 'return' || r?.kind === 'raise') return r;
      // A break, or the body changing the list: the rounds left are not followed.
      if (r !== undefined || !this.subsets.has(list)) {
        this.poisonLoop(body, scope, why, left);
        return undefined;
      }
    }
    return undefined;
  }

  /**
   * A `while` loop runs while its condition is known each round (`while repeat - 1: … repeat -= 1`),
   * within the loop budget; from a round whose condition is undecided on, what the loop changes is
   * unknown, as for a loop the analysis cannot unroll.
   */
  private execWhile(stmt: Node, scope: Scope): Flow {
    const cond = this.nc.field(stmt, 'condition');
    const body = this.nc.field(stmt, 'body');
    const orElse = this.nc.field(stmt, 'alternative');
    const elseBody = orElse ? this.nc.field(orElse, 'body') : null;
    if (!cond || !body) return undefined;
    const why = 'a while loop';
    const undecided = (): Flow => {
      this.execUnrolled(body, scope, why);
      if (elseBody) this.execUnrolled(elseBody, scope, why);
      return undefined;
    };
    // A generator's endless loop (`while True: … yield …`): its items come one by one as the caller asks,
    // so one round is read, not thousands. Round after round of a loader's batches (`while True: for b in
    // loader: yield b`) yields like the loader; anything else yields items the analysis cannot list.
    if (scope.yields && /^(?:True|1)$/.test(this.nc.text(cond)) && !this.hasOwnBreak(body)) {
      const r = this.execBlock(body, scope);
      if (r?.kind === 'return' || r?.kind === 'raise') return r;
      if (!(scope.yields.batches && scope.yields.items.length === 1)) scope.yields.unsure = true;
      // (Nothing after the loop runs: it never ends.)
      return { kind: 'return', value: NONE };
    }
    // `while True:` with no break, return or yield of its own never ends normally (an exception is
    // its only way out): what follows never runs, and the function never returns a value.
    if (/^(?:True|1)$/.test(this.nc.text(cond)) && !this.hasOwnBreak(body) && !this.exitsFunction(body)) {
      this.execUnrolled(body, scope, why);
      return { kind: 'raise', what: 'at best an exception: its `while True` loop has no break, so it never returns' };
    }
    // The program's own training loop (`while step < max_steps`) is not run round by round.
    if (this.entryMode && this.moduleDepth === 0 && TRAINING_LOOP.test(this.nc.text(body))) return undecided();
    for (let round = 0; ; round++) {
      const c = this.truthOf(this.safeEval(cond, scope));
      if (c === false) return elseBody ? this.execBlock(elseBody, scope) : undefined;
      if (c === undefined || round >= MAX_LOOP) return undecided();
      const r = this.execBlock(body, scope);
      if (r?.kind === 'break') return undefined;
      if (r?.kind === 'return' || r?.kind === 'raise') return r;
      if (r?.kind === 'unsure') return undecided();
    }
  }

  /** A loop we cannot unroll: anything it assigns or builds becomes unknown afterwards. */
  private execUnrolled(body: Node, scope: Scope, why: string, target?: Node): void {
    const fork: Scope = { ...scope, vars: forkVars(scope.vars), recordFlow: false, pastUnsure: true };
    if (target) this.assignTarget(target, unknownModule(`the items of ${why}`, '无法展开的循环的元素'), fork);
    const journal = new Journal(this.mods.count);
    journal.own(fork.vars);
    const traceStart = this.mods.trace.length;
    this.logs.push(journal);
    try {
      this.execBlock(body, fork);
    } finally {
      this.logs.pop();
    }
    journal.poison(this.mods, `built in ${why}`);
    // In a forward, how often its layers run is the model's own: not known (a script's loop
    // feeding a model keeps the call it shows).
    if (this.moduleDepth > 0) this.mods.unsureLoopCalls(traceStart, { en: `called in ${why}, which may run it any number of times (none too)`, 'zh-cn': '在无法展开的循环中调用，可能运行任意次（包括零次）' });
    for (const [k, v] of fork.vars) {
      const before = scope.vars.get(k);
      if (!before || (before !== v && !sameValue(before, v))) scope.vars.set(k, unknownModule(`'${k}' changes in ${why}`, `'${k}' 在无法展开的循环中被修改`));
    }
  }

  /** The journals of loops over a data loader or dataset now open (a yield under them yields batches). */
  private readonly dataLoops = new WeakSet<Journal>();
  /** `__iter__` methods running (one iterating another instance): bounded. */
  private iterDepth = 0;

  private poisonLoop(body: Node, scope: Scope, why: string, target: Node): void {
    // Run once more on a fork only to learn what the loop touches, then forget those values.
    this.execUnrolled(body, scope, why, target);
  }

  /** What a `for` loop runs over, or undefined when the items are not known. */
  private iterate(v: Value): { items: Value[]; exact: boolean } | undefined {
    switch (v.t) {
      case 'seq': {
        if (!v.iterator) return { items: v.items, exact: !v.unsized };
        if (v.iterator.done || v.iterator.cycle) return undefined;
        // Read to its end: what is left is gone for later readers.
        const items = v.items;
        const exact = !v.unsized;
        v.iterator.done = true;
        v.items = [];
        v.unsized = { why: { en: 'an iterator (zip, map, a generator…) already read to its end', 'zh-cn': '已读完的迭代器（zip、map、生成器等）' }, from: 0 };
        return { items, exact };
      }
      case 'dict':
        return { items: v.entries.map(([k]) => strKey(v, k)), exact: true };
      case 'str':
        return v.v.length <= MAX_LOOP ? { items: [...v.v].map((ch) => ({ t: 'str', v: ch })), exact: true } : undefined;
      case 'module': {
        const m = this.mods.get(v.m);
        const items = m ? this.mods.iterate(m) : undefined;
        return items ? { items, exact: true } : undefined;
      }
      case 'tensor': {
        const n = v.shape[0];
        if (n === undefined || n > MAX_LOOP) return undefined;
        // A 1-D tensor of known values yields 0-d tensors that keep theirs (`[x.item() for x in dpr]`).
        const vals = v.vals;
        // A numpy integer array yields integers (np.int64 acts as one: `sum(field_dims)`).
        if (vals?.numpy && vals.int && v.shape.length === 1 && vals.v.length === n) return { items: vals.v.map((x) => num(x, true)), exact: true };
        if (vals && v.shape.length === 1 && vals.v.length === n) return { items: vals.v.map((x, i): Value => ({ t: 'tensor', shape: [], vals: { v: [x], e: [vals.e[i]!], int: vals.int } })), exact: true };
        // A numpy integer table yields its rows (`for out_ch, k, s in conv_params:`).
        const rows = Array.from({ length: n }, (_, i) => tableRow(v, num(i, true)));
        if (rows.every((r) => r)) return { items: rows as Value[], exact: true };
        if (v.below && v.shape.length === 1) return { items: Array.from({ length: n }, () => drawnIndex(v.below!)), exact: true };
        return { items: Array.from({ length: n }, () => integerTensor(tensor(v.shape.slice(1)), v.index === true)), exact: true };
      }
      case 'data': {
        if (v.d.kind === 'file') return { items: fileLines(v.d), exact: true };
        const item = iterateData(v.d);
        return item ? { items: [item], exact: false } : undefined;
      }
      case 'obj': {
        if (v.items) {
          const d = this.dictView(v);
          return d?.t === 'dict' ? this.iterate(d) : undefined;
        }
        if (tupleTypeOf(v)) return { items: [...v.attrs.values()], exact: true };
        // A class of the code with `__iter__` (Kaggle's DeviceDataLoader wrapping a DataLoader): what it gives.
        const iterMethod = v.def && this.iterDepth < 4 ? this.index.findMethod(v.def as ClassDef, '__iter__') : undefined;
        if (!iterMethod || iterMethod.isProperty || iterMethod.isStatic || iterMethod.isClassMethod) return undefined;
        this.iterDepth++;
        try {
          const it = this.invokeFunction(this.makeFunction(iterMethod.node, new Map(), v, 'method', iterMethod.owner.program, iterMethod.owner), { positional: [], keyword: new Map() }, false, iterMethod.owner);
          return it.t === 'obj' && it === v ? undefined : this.iterate(it);
        } finally {
          this.iterDepth--;
        }
      }
      default:
        return undefined;
    }
  }

  private execAssign(e: Node, scope: Scope): void {
    const left = this.nc.field(e, 'left');
    let right = this.nc.field(e, 'right');
    if (!left) return;
    if (!right) return; // `x: int` declares, assigns nothing
    // a = b = value
    const targets = [left];
    while (right?.type === 'assignment') {
      const l = this.nc.field(right, 'left');
      if (l) targets.push(l);
      right = this.nc.field(right, 'right');
    }
    if (!right) return;
    const v = this.safeEval(right, scope);
    for (const t of targets) this.assignTarget(t, v, scope);
    if (scope.recordFlow && this.nc.type(left) !== 'attribute' && this.nc.type(left) !== 'subscript') {
      // `q, k, v = map(…)` / `[…]`: the first name's shape, as for a tuple.
      const shown = v.t === 'seq' && !v.tuple && v.items[0] && /pattern/.test(this.nc.type(left)) ? v.items[0] : v;
      this.mods.flow.push({ range: this.mods.range(e.parent ?? e), target: this.nc.text(left), value: toShape(firstTensor(shown)) });
    }
    // Not while a module's constructor runs: a helper it calls (`create_modules(defs)`) builds parts of it, not models.
    if (this.observer && v.t === 'module' && this.nc.type(left) === 'identifier' && scope.self?.t !== 'module' && this.initDepth === 0) {
      const m = this.mods.get(v.m);
      if (m) this.observer.named(m, this.nc.text(left), e.parent ?? e);
    }
    // A plain object holding models (an RL agent's `self.qnetwork_local = QNetwork(…)`, built by
    // `agent = Agent(…)`): each model it holds is named as the script holds it, `agent.qnetwork_local`.
    if (this.observer && v.t === 'obj' && !v.items && this.nc.type(left) === 'identifier' && scope.self === undefined && this.initDepth === 0) {
      for (const [attr, a] of v.attrs) {
        const m = a.t === 'module' && !attr.startsWith('_') ? this.mods.get(a.m) : undefined;
        if (m) this.observer.named(m, `${this.nc.text(left)}.${attr}`, e.parent ?? e);
      }
    }
  }

  private execAugAssign(e: Node, scope: Scope): void {
    const left = this.nc.field(e, 'left');
    const right = this.nc.field(e, 'right');
    const op = this.nc.field(e, 'operator')?.text.replace('=', '') ?? '+';
    if (!left || !right) return;
    const cur = this.safeEval(left, scope);
    const add = this.safeEval(right, scope);
    // `layers += [...]` extends the list in place (an alias sees it too).
    if (op === '+' && cur.t === 'seq' && !cur.tuple && add.t === 'seq') {
      (this.branchCopy(cur, left, scope) ?? cur).items.push(...add.items);
      return;
    }
    if (cur.t === 'module') {
      // `self.layers += [block]` extends a ModuleList in place (nn.ModuleList.__iadd__); any other
      // in-place operator on a module changes it in a way the analysis does not follow.
      const m = this.mods.get(cur.m);
      if (op === '+' && m?.container === 'ModuleList') this.callBound(cur, 'extend', { positional: [{ value: add }], keyword: new Map() }, e, scope);
      else this.assignTarget(left, unknownModule(`'${this.nc.text(left)} ${op}=' on a module is not followed`, `不分析模块上的 '${this.nc.text(left)} ${op}='`), scope);
      return;
    }
    const v = this.binary(op, cur, add, e);
    // An array's or tensor's `+=` changes it in place: every name for it sees the new values (the
    // same integer kind only; under a condition the analysis cannot decide, none), and an array it
    // views no longer holds the values it had.
    if (cur.t === 'tensor' && (cur.vals || cur.rowOf) && v.t === 'tensor' && v.shape.join() === cur.shape.join()) {
      forgetViewed(cur.rowOf);
      if (v.vals && cur.vals && !!v.vals.int === !!cur.vals.int && this.logs.length === 0) cur.vals = cur.vals.numpy ? { ...v.vals, numpy: true } : v.vals;
      else delete cur.vals;
      return;
    }
    // `self.weight.data *= self.mask`: a tensor's in-place operator changes its values, never its
    // shape (PyTorch raises if the result would not fit), and it stays the same object.
    if (cur.t === 'tensor' && !cur.vals && v.t === 'tensor' && v.shape.join() === cur.shape.join()) {
      // (`T[:, 0] *= 2` through a view of an array of known values changes that array.)
      const viewed = this.nc.type(left) === 'subscript' ? this.nc.field(left, 'value') : null;
      if (viewed) forgetViewed(this.safeEval(viewed, scope));
      if (scope.recordFlow && this.nc.type(left) === 'identifier') this.mods.flow.push({ range: this.mods.range(e.parent ?? e), target: this.nc.text(left), value: toShape(cur) });
      return;
    }
    this.assignTarget(left, v, scope);
    if (scope.recordFlow && this.nc.type(left) === 'identifier') this.mods.flow.push({ range: this.mods.range(e.parent ?? e), target: this.nc.text(left), value: toShape(firstTensor(v)) });
  }

  /**
   * A list held in an attribute (`self.net.append(nn.Sigmoid())` under `if use_sigmoid:`) changed
   * on a path the analysis cannot decide: the change goes to a copy assigned back to the
   * attribute, so the branch journal sees two values and keeps what both paths agree on (local
   * lists are copied per branch already). `expr`: the attribute, or the method access on it.
   */
  private branchCopy(list: Value & { t: 'seq' }, expr: Node | undefined, scope: Scope): (Value & { t: 'seq' }) | undefined {
    if (this.logs.length === 0 || !expr) return undefined;
    const holder = this.nc.type(expr) === 'attribute' && LIST_MUTATORS.has(this.nc.field(expr, 'attribute')?.text ?? '') ? this.nc.field(expr, 'object') : expr;
    if (!holder || this.nc.type(holder) !== 'attribute') return undefined;
    const copy: Value & { t: 'seq' } = { ...list, items: [...list.items] };
    this.assignTarget(holder, copy, scope);
    return copy;
  }

  /** A name bound by an assignment or a `def`: the function's variable, or the module's / enclosing function's one it declared `global` / `nonlocal`. */
  private bindName(name: string, v: Value, scope: Scope): void {
    // `global WIDTH; WIDTH = w` (or `def create_model():` after `global create_model`): the module's name changes (undone per path like any module-level write).
    if (scope.globalNames?.has(name)) {
      const globals = scope.program.globals;
      for (const j of this.logs) j.attr(globals, name);
      globals.set(name, v);
      return;
    }
    // `nonlocal count; count += 1`: the enclosing function's variable changes (a counter closure sees it next call).
    if (scope.nonlocalNames?.has(name) && scope.closure) {
      for (const j of this.logs) j.attr(scope.closure, name);
      scope.closure.set(name, v);
    }
    scope.vars.set(name, v);
  }

  private assignTarget(target: Node, v: Value, scope: Scope): void {
    switch (this.nc.type(target)) {
      case 'identifier':
        this.bindName(this.nc.text(target), v, scope);
        return;
      case 'attribute': {
        const obj = this.nc.field(target, 'object');
        const attr = this.attrName(target);
        if (!obj || !attr) return;
        const o = this.safeEval(obj, scope);
        // `consts.A = 4` on an imported module of the workspace: its name holds the new value from
        // now on (under a condition the analysis cannot decide: unknown).
        if (o.t === 'pymod') {
          const prog = o.p as PyProgram;
          this.keepFromImports(scope.program, prog, attr, target);
          const now = this.logs.length > 0 ? unknownModule(`${o.p.file}'s ${attr} is set under a condition the analysis cannot decide`, `${o.p.file} 的 ${attr} 在无法判断的条件下被赋值`) : v;
          if (prog.globals.has(attr)) prog.globals.set(attr, now);
          else prog.lazyValues.set(attr, now);
          return;
        }
        if (o.t === 'ref' && o.name === 'sys' && attr === 'argv') {
          this.setArgv(v);
          return;
        }
        // `Opt.width = 5`, `cls.width = w`, `Child.width = 3` as the code runs: the class attribute's reads are not known from then on.
        if (o.t === 'class') this.recordClassWrite(o.c as ClassDef, attr);
        if (o.t === 'module' && (attr === 'forward' || attr === '__call__')) {
          const m = this.mods.get(o.m);
          if (m) m.forwardReplaced = true;
          return;
        }
        // `nn.Linear = partial(nn.Linear, bias=False)`, `string.digits = "01"`: the library's name
        // means the new value from now on (under a condition the analysis cannot decide: unknown).
        if (o.t === 'ref' && /^[A-Za-z_][\w.]*$/.test(o.name)) {
          this.patchedRefs.set(`${o.name}.${attr}`, this.logs.length > 0 ? unknownModule(`${o.name}.${attr} is replaced under a condition the analysis cannot decide`, `${o.name}.${attr} 在无法判断的条件下被替换`) : v);
          return;
        }
        if (o.t === 'tensor' && attr === 'data' && (this.nc.type(obj) === 'identifier' || this.nc.type(obj) === 'attribute')) {
          // `self.weight.data = self.weight.data.transpose(0, 1)` (GPT-2's Conv1D layout, LoRA's
          // fan_in_fan_out): the same parameter takes the new shape. Its count stays only when the
          // number of items does; a tensor the analysis cannot size leaves it unknown.
          const sameCount = v.t === 'tensor' && v.shape.reduce((a, b) => a * b, 1) === o.shape.reduce((a, b) => a * b, 1);
          this.assignTarget(obj, v.t === 'tensor' && sameCount ? { ...o, shape: v.shape } : unknownModule('a parameter given data of another size', '参数被赋予另一尺寸的数据'), scope);
          return;
        }
        if (o.t === 'tensor' && attr === 'shape' && (this.nc.type(obj) === 'identifier' || this.nc.type(obj) === 'attribute')) {
          // `data.shape = (20, 1)`: numpy reshapes the array in place (same number of items, one -1 inferred).
          const dims = asInts(v);
          const total = o.shape.reduce((a, b) => a * b, 1);
          const known = dims?.filter((d) => d !== -1) ?? [];
          const rest = known.reduce((a, b) => a * b, 1);
          const free = dims ? dims.length - known.length : 0;
          const out = dims && free <= 1 && known.every((d) => d >= 0) && (free === 0 ? rest === total : rest > 0 && total % rest === 0) ? dims.map((d) => (d === -1 ? total / rest : d)) : undefined;
          this.assignTarget(obj, out ? tensor(out) : unknown('an array reshaped in place to sizes the analysis cannot check', '数组被原地改为无法检查的形状'), scope);
          return;
        }
        // A property's setter runs instead of a plain write (`self.hidden = 10` storing `_hidden = 20`).
        const cls = (o.t === 'module' ? this.mods.get(o.m)?.userClass : o.t === 'obj' ? o.def : undefined) as ClassDef | undefined;
        const setter = cls ? this.index.findSetter(cls, attr) : undefined;
        if (setter) {
          this.invokeFunction(this.makeFunction(setter.node, new Map(), o, 'method', setter.owner.program, setter.owner), { positional: [{ value: v }], keyword: new Map() }, false, setter.owner);
          return;
        }
        if (o.t === 'module') {
          const m = this.mods.get(o.m);
          if (m && this.beforeModuleInit(m, v)) {
            const why = { en: `AttributeError: cannot assign ${v.t === 'module' ? 'module' : 'parameter'} '${attr}' before Module.__init__() call (super().__init__() has not run on ${m.kind})`, 'zh-cn': `AttributeError：在 Module.__init__() 调用之前不能赋值${v.t === 'module' ? '模块' : '参数'} '${attr}'（${m.kind} 上尚未运行 super().__init__()）` };
            m.raised ??= { node: target, why };
            this.surelyRaises('AttributeError', why);
            m.uncertain ??= { en: `'${attr}' is assigned before Module.__init__() ran, which PyTorch refuses`, 'zh-cn': `'${attr}' 在 Module.__init__() 运行前被赋值，PyTorch 会拒绝` };
            return;
          }
          if (m) {
            // Lightning's old `self.hparams = hparams` (a dict or namespace): kept as an AttributeDict of its entries.
            const hparams = attr === 'hparams' && m.userClass && this.index.isLightningModule(m.userClass as ClassDef) ? attributeDictOf(v) : undefined;
            this.mods.setAttr(m, attr, hparams ?? v);
            if (v.t === 'module') (m.attrNamed ??= new Set()).add(attr);
          }
        } else if (o.t === 'obj') {
          // `self.__dict__ = self` (AttrDict): its attributes are its entries from now on.
          if (o.items && attr === '__dict__' && v === o && this.logs.length === 0) {
            o.itemAttrs = true;
            o.attrs.clear();
            return;
          }
          if (o.items && this.setItemAttr(o, attr, v)) return;
          // `cfg.hid = 3` on a frozen dataclass or a NamedTuple: Python refuses, the value stays.
          const frozen = o.def ? this.frozenClass(o.def as ClassDef) : undefined;
          if (frozen) {
            const why = frozen === 'dataclass'
              ? { en: `dataclasses.FrozenInstanceError: cannot assign to field '${attr}' of a frozen dataclass`, 'zh-cn': `dataclasses.FrozenInstanceError：不能给冻结 dataclass 的字段 '${attr}' 赋值` }
              : { en: `AttributeError: can't set attribute '${attr}' of a NamedTuple`, 'zh-cn': `AttributeError：不能设置 NamedTuple 的属性 '${attr}'` };
            this.surelyRaises(frozen === 'dataclass' ? 'FrozenInstanceError' : 'AttributeError', why);
            return;
          }
          for (const j of this.logs) j.attr(o.attrs, attr);
          o.attrs.set(attr, v);
        }
        return;
      }
      case 'subscript': {
        // `cfg['vocab_size'] = n`, `layers[i] = block`; tensor element writes change values, not shapes.
        const obj = this.nc.field(target, 'value');
        const idxNode = this.nc.fields(target, 'subscript')[0];
        if (!obj || !idxNode) return;
        // `self._parameters['ga' + 'in'] = p`: a Parameter or module registered by a key the analysis does not follow.
        const internals = obj.type === 'attribute' ? /^_(parameters|modules)$/.exec(this.nc.field(obj, 'attribute')?.text ?? '')?.[1] : undefined;
        const internalKey = internals ? this.safeEval(idxNode, scope) : undefined;
        if (internals && (internalKey?.t !== 'str' || internals === 'parameters')) {
          const owner = this.nc.field(obj, 'object');
          const o = owner ? this.safeEval(owner, scope) : undefined;
          const m = o?.t === 'module' ? this.mods.get(o.m) : undefined;
          // `self._parameters['gain'] = nn.Parameter(…)` registers it as `self.gain = …` would.
          if (m && internalKey?.t === 'str' && v.t === 'tensor' && v.param && this.logs.length === 0) this.mods.setAttr(m, internalKey.v, v);
          else if (m) m.uncertain ??= { en: `${this.nc.text(obj)}[…] is written in a way the analysis does not follow`, 'zh-cn': `以分析不跟踪的方式写入了 ${this.nc.text(obj)}[…]` };
          return;
        }
        // `sys.argv[1:] = ['--hidden', '5']`
        if (/^sys\s*\.\s*argv$/.test(this.nc.text(obj))) {
          this.setArgv(undefined);
          return;
        }
        // `globals()['SIZE'] = 7`: the module's name changes.
        if (obj.type === 'call' && /^globals\s*\(\s*\)$/.test(this.nc.text(obj))) {
          const ns = this.safeEval(obj, scope);
          if (ns.t === 'bound' && ns.name === OBJ_DICT && ns.recv.t === 'pymod') {
            const globals = (ns.recv.p as PyProgram).globals;
            const key = this.safeEval(idxNode, scope);
            if (key.t === 'str') {
              for (const j of this.logs) j.attr(globals, key.v);
              globals.set(key.v, v);
            }
            return;
          }
        }
        const owner = obj.type === 'attribute' && this.nc.field(obj, 'attribute')?.text === '_modules' ? this.nc.field(obj, 'object') : null;
        const ownerValue = owner ? this.safeEval(owner, scope) : undefined;
        if (ownerValue?.t === 'module') {
          // `self._modules[name] = layer` registers a child, as add_module does.
          const m = this.mods.get(ownerValue.m);
          const key = this.safeEval(idxNode, scope);
          if (m && key.t === 'str') this.mods.setAttr(m, key.v, v);
          else if (m) m.uncertain = { en: `${m.kind}._modules[…] = … with a name the analysis cannot read`, 'zh-cn': `${m.kind}._modules[…] = … 的名称无法分析` };
          return;
        }
        // `self.__dict__[key] = value` on an instance of a plain class: the attribute, as `setattr` sets it.
        const dictOwner = obj.type === 'attribute' && this.nc.field(obj, 'attribute')?.text === '__dict__' ? this.nc.field(obj, 'object') : null;
        const dictOf = dictOwner ? this.safeEval(dictOwner, scope) : undefined;
        if (dictOf?.t === 'obj' && !dictOf.items && !tupleTypeOf(dictOf)) {
          const key = this.safeEval(idxNode, scope);
          if (key.t === 'str') {
            for (const j of this.logs) j.attr(dictOf.attrs, key.v);
            dictOf.attrs.set(key.v, v);
          } else {
            // A name it cannot read may replace any attribute.
            for (const j of this.logs) for (const k of dictOf.attrs.keys()) j.attr(dictOf.attrs, k);
            for (const k of [...dictOf.attrs.keys()]) dictOf.attrs.set(k, unknownModule(`set through ${dictOwner!.text}.__dict__[…] with a name the analysis cannot read`, `通过名称无法分析的 ${dictOwner!.text}.__dict__[…] 设置`));
            this.openAttrObjs.add(dictOf);
          }
          return;
        }
        const o0 = this.safeEval(obj, scope);
        forgetKeys(o0);
        // `w[:n] = 1` writes a Parameter in place: refused while grad is on.
        if (o0.t === 'tensor' && (o0.param || o0.paramView) && this.gradSurelyOn()) {
          this.changedParamInPlace('an item assignment');
          return;
        }
        // `pe[:, 1::2] = torch.cos(position * div_term)` with an odd d_model: a value that does not
        // broadcast to the part written is refused (PyTorch's RuntimeError; NumPy's ValueError).
        const refusedWrite = o0.t === 'tensor' && v.t === 'tensor' && !o0.vals ? this.refusedItemWrite(o0.shape, target, v.shape, scope) : undefined;
        if (refusedWrite) {
          if (this.catchingErrors > 0) this.raisesInTry('RuntimeError', refusedWrite);
          else {
            this.mods.reportAt(target, refusedWrite);
            // (Written in a constructor or the script itself: the file's own line holds the error.)
            if (scope.program === this.mainProgram && this.mainProgram.owns(target)) this.observer?.noted?.(target, refusedWrite, 'error');
          }
          this.pendingRaise = { kind: 'raise', what: refusedWrite.en, type: 'RuntimeError' };
          return;
        }
        // `self[k] = v` on an instance whose class defines __setitem__ (a config wrapper storing each key as an attribute): it runs.
        const setItem = o0.t === 'obj' && !o0.items && o0.def ? this.index.findMethod(o0.def as ClassDef, '__setitem__') : undefined;
        if (setItem && o0.t === 'obj') {
          this.invokeFunction(this.makeFunction(setItem.node, new Map(), o0, 'method', setItem.owner.program, setItem.owner), { positional: [{ value: this.safeEval(idxNode, scope) }, { value: v }], keyword: new Map() }, false, setItem.owner);
          return;
        }
        if (o0.t === 'obj' && o0.items && o0.def && this.index.findMethod(o0.def as ClassDef, '__setitem__')) {
          o0.items = unknownModule(`${o0.cls}.__setitem__ is not followed`, `不分析 ${o0.cls}.__setitem__`);
          return;
        }
        // A tensor whose values the analysis knows: the items written change (under a condition it cannot decide, they are unknown).
        if (o0.t === 'tensor' && o0.vals) {
          if (this.logs.length > 0) forgetViewed(o0);
          else writeItems(o0, this.safeEval(idxNode, scope), v);
          return;
        }
        // A view of such an array (`w[::-1][0] = 32`, `T.reshape(2, 2)[1, 1] = 20`): the array's values change.
        if (o0.t === 'tensor' && o0.rowOf) forgetViewed(o0.rowOf);
        const o = o0.t === 'obj' && o0.items ? o0.items : o0;
        // The instance is not copied for each branch: a write under a condition it cannot decide makes the entry unknown.
        if (o0.t === 'obj' && o.t === 'dict' && this.logs.length > 0) {
          const key = dictKey(this.safeEval(idxNode, scope));
          if (key === undefined) o0.items = unknownModule('an entry with a key the analysis cannot read', '键无法分析的条目');
          else setEntry(o.entries, key, unknownModule(`'${key}' is set under a condition the analysis cannot decide`, `'${key}' 在无法判断的条件下被赋值`));
          return;
        }
        if (o.t === 'seq' && o.tuple && !tupleTypeOf(o)) this.raisesInTry('TypeError', { en: "'tuple' object does not support item assignment (TypeError)", 'zh-cn': "'tuple' 对象不支持元素赋值（TypeError）" });
        if (o.t !== 'dict' && !(o.t === 'seq' && !o.tuple) && o.t !== 'module') return;
        this.willChange(o);
        const i = this.safeEval(idxNode, scope);
        if (o.t === 'dict') {
          // A key the analysis cannot read: the dict holds something unknown from now on.
          // Numbers are keys as in a dict literal (`out[1] = x`, torchvision's IntermediateLayerGetter keyed by the names given).
          const key = dictKey(i);
          if (key === undefined) {
            o.entries.push(['\u0000?', unknownModule('an entry with a key the analysis cannot read', '键无法分析的条目')]);
            // Through `vars(obj)`: any of the instance's attributes may be the one set.
            if (o.viewOf) {
              for (const j of this.logs) for (const k of o.viewOf.attrs.keys()) j.attr(o.viewOf.attrs, k);
              for (const k of [...o.viewOf.attrs.keys()]) o.viewOf.attrs.set(k, unknownModule('set through vars() with a name the analysis cannot read', '通过名称无法分析的 vars() 设置'));
              this.openAttrObjs.add(o.viewOf);
            }
            return;
          }
          if (!o.entries.some(([e]) => e === key)) {
            o.numKeys = new Map(o.numKeys ?? []);
            keyKind(o.numKeys, i, key);
          }
          setEntry(o.entries, key, v);
          this.writeBack(o);
        } else if (o.t === 'seq' && i.t === 'slice') {
          // `shape[1:] = [1] * (len(shape) - 1)`: a step-1 slice takes any number of items; anything else unknown.
          const r = sliceRange(i, o.items.length);
          const items = v.t === 'seq' ? v.items : undefined;
          if (r && r.step === 1 && items) o.items.splice(r.start, Math.max(0, r.stop - r.start), ...items);
          else o.items.splice(0, o.items.length, unknownModule('a list changed through a slice the analysis cannot follow', '列表通过无法分析的切片被修改'));
        } else if (o.t === 'seq') {
          const n = asInt(i);
          if (n !== undefined && o.items[n < 0 ? o.items.length + n : n] !== undefined) o.items[n < 0 ? o.items.length + n : n] = v;
          else o.items.splice(0, o.items.length, unknownModule('a list changed at an unknown index', '列表在未知下标处被修改'));
        } else {
          const m = this.mods.get(o.m);
          if (!m) return;
          // `model.classifier[6] = nn.Linear(4096, 10)` replaces that child (Sequential sets the
          // attribute named by the index); any other write leaves the layers unknown.
          const n = asInt(i);
          const at = n !== undefined ? (n < 0 ? m.children.length + n : n) : -1;
          if (m.container === 'ModuleDict' && i.t === 'str') this.mods.setAttr(m, i.v, v);
          else if ((m.container === 'Sequential' || m.container === 'ModuleList') && !m.uncertain && !m.nones?.size && v.t === 'module' && m.children[at] !== undefined) this.mods.setAttr(m, m.children[at]!.name, v);
          else m.uncertain = { en: `${m.kind}[…] = … is not followed`, 'zh-cn': `不分析 ${m.kind}[…] = …` };
        }
        return;
      }
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list': {
        const targets = this.nc.kids(target).filter((n): n is Node => n !== null);
        let items: Value[] | undefined;
        if (v.t === 'seq') items = v.items;
        else if (v.t === 'module' || tupleTypeOf(v)) items = this.iterate(v)?.items;
        else if (v.t === 'tensor' && v.shape[0] === targets.length) items = this.iterate(v)?.items;
        const star = targets.findIndex((t) => t.type === 'list_splat_pattern');
        // Python refuses to unpack a different number of values: nothing here is known then.
        if (items && (star < 0 ? items.length !== targets.length : items.length < targets.length - 1)) {
          const why = unknown(`cannot unpack ${items.length} values into ${this.nc.text(target)}`, `无法把 ${items.length} 个值解包到 ${this.nc.text(target)}`);
          if (v.t !== 'seq' || !v.unsized) this.raisesInTry('ValueError', why.t === 'unknown' ? why.reason : { en: 'ValueError', 'zh-cn': 'ValueError' });
          for (const t of targets) this.assignTarget(this.nc.type(t) === 'list_splat_pattern' ? (t.namedChild(0) ?? t) : t, why, scope);
          return;
        }
        targets.forEach((t, i) => {
          if (star >= 0 && items) {
            if (i === star) {
              const inner = t.namedChild(0);
              if (inner) this.assignTarget(inner, { t: 'seq', items: items.slice(star, items.length - (targets.length - star - 1)), tuple: false }, scope);
              return;
            }
            const j = i < star ? i : items.length - (targets.length - i);
            this.assignTarget(t, items[j] ?? unknown(`cannot unpack ${this.nc.text(target)}`, `无法解包 ${this.nc.text(target)}`), scope);
            return;
          }
          this.assignTarget(t, items?.[i] ?? (v.t === 'unknown' ? v : unknown(`cannot unpack ${this.nc.text(target)}`, `无法解包 ${this.nc.text(target)}`)), scope);
        });
        return;
      }
      case 'parenthesized_expression': {
        const inner = target.namedChildren.find((c) => c !== null && c.type !== 'comment');
        if (inner) this.assignTarget(inner, v, scope);
        return;
      }
      default:
        return;
    }
  }

  // ---------------------------------------------------------------- expressions

  private tick(): void {
    if (++this.steps > MAX_STEPS) throw new Budget();
    if ((this.steps & 1023) === 0 && this.isCancelled?.()) throw new Budget();
  }

  /** Evaluates without ever throwing for ordinary reasons (only the budget escapes). */
  safeEval(node: Node, scope: Scope): Value {
    if (this.depth >= MAX_DEPTH) return unknownModule('the expression nests too deeply to follow', '表达式嵌套过深，无法分析');
    this.depth++;
    try {
      const v = this.evalExpr(node, scope);
      if (this.subsets.has(v) && !this.keepsList(node)) this.subsets.delete(v);
      return v;
    } catch (e) {
      // A string or list doubled past what JavaScript holds (`s = f"{s}{s}"` in a loop): that value is unknown, the rest of the file is not lost.
      if (e instanceof RangeError && /^Invalid (?:string|array|typed array) length/.test(e.message)) return unknownModule('a value too large to follow', '值过大，无法分析');
      throw e;
    } finally {
      this.depth--;
    }
  }

  private evalExpr(node: Node, scope: Scope): Value {
    this.tick();
    switch (this.nc.type(node)) {
      case 'integer': {
        const t = this.nc.text(node).replace(/_/g, '').toLowerCase();
        // `2j`: an imaginary number, not the real 2 (complex values are not followed).
        if (t.endsWith('j')) return notTensor(`the complex number ${this.nc.text(node)}`, `复数 ${this.nc.text(node)}`);
        const v = t.startsWith('0x') ? parseInt(t.slice(2), 16) : t.startsWith('0o') ? parseInt(t.slice(2), 8) : t.startsWith('0b') ? parseInt(t.slice(2), 2) : parseInt(t, 10);
        // (Above 2^53 a JavaScript number rounds: Python's exact integer is not known here.)
        if (Number.isFinite(v) && !Number.isSafeInteger(v)) return notTensor(`the integer ${this.nc.text(node).slice(0, 30)} is above 2^53, which the analysis cannot hold exactly`, `整数 ${this.nc.text(node).slice(0, 30)} 超过 2^53，分析无法精确表示`);
        return Number.isFinite(v) ? { t: 'num', v, int: true, py: true } : notTensor('bad number', '无效数字');
      }
      case 'float':
        if (/j$/i.test(this.nc.text(node))) return notTensor(`the complex number ${this.nc.text(node)}`, `复数 ${this.nc.text(node)}`);
        return { t: 'num', v: parseFloat(this.nc.text(node).replace(/_/g, '')), int: false, py: true };
      case 'true':
        return { t: 'bool', v: true };
      case 'false':
        return { t: 'bool', v: false };
      case 'none':
        return NONE;
      case 'string':
        return this.stringValue(node, scope);
      case 'concatenated_string': {
        const parts = this.nc.kids(node).map((c) => this.safeEval(c, scope));
        return parts.every((p) => p.t === 'str') ? { t: 'str', v: parts.map((p) => (p as { v: string }).v).join('') } : notTensor('string', '字符串');
      }
      case 'identifier': {
        const name = this.nc.text(node);
        // `try: skip = skip + s except: skip = s` on the first round: a local read before any
        // assignment raises UnboundLocalError, which a handler of this function may catch. Never the
        // module's value of the name (`w = w + 1` in a function reads no global `w`).
        if (!scope.vars.has(name) && !scope.closure?.has(name) && !scope.globalNames?.has(name) && this.plainLocal(node, name)) {
          const why = { en: `local variable '${name}' referenced before assignment (UnboundLocalError)`, 'zh-cn': `局部变量 '${name}' 在赋值前被引用（UnboundLocalError）` };
          this.raisesInTry('UnboundLocalError', why);
          return unknownModule(why.en, why['zh-cn']);
        }
        // `nn.Linear(4, __w)` in a class body or method reads the module's `_Net__w` (Python renames a
        // private name written inside a class, a global's too); locals are renamed alike, so stay as they are.
        const owner = name.startsWith('__') && !name.endsWith('__') && !scope.vars.has(name) && !scope.closure?.has(name) ? privateNameOwner(node) : undefined;
        if (owner) {
          const mangled = `_${owner}${name}`;
          return this.global(scope.program, mangled) ?? unknownModule(`NameError: name '${mangled}' is not defined (inside class ${owner}, '${name}' is '${mangled}')`, `NameError：名称 '${mangled}' 未定义（在类 ${owner} 中，'${name}' 即 '${mangled}'）`);
        }
        return this.stale(this.lookup(name, scope));
      }
      case 'parenthesized_expression': {
        // Comments inside the parentheses (`return (  # (B, T, H, D)`) are not the expression.
        const inner = node.namedChildren.find((c) => c !== null && c.type !== 'comment');
        return inner ? this.safeEval(inner, scope) : NONE;
      }
      case 'tuple':
      case 'expression_list':
      case 'list':
      case 'set': {
        const parts = this.nc.kids(node).filter((n): n is Node => n !== null && this.nc.type(n) !== 'comment').map((n) => this.spread(n, scope));
        // A `*x` the analysis cannot list leaves the length and every later position unknown.
        const unlisted = parts.find((p): p is Value => !Array.isArray(p));
        if (unlisted) return unlisted;
        const items = (parts as Value[][]).flat();
        if (this.nc.type(node) !== 'set') return { t: 'seq', items, tuple: this.nc.type(node) !== 'list', literal: true };
        const unique = distinct(items);
        return unique ? { ...unique, set: true } : unknownModule('a set of values the analysis cannot compare', '无法比较其元素的集合');
      }
      case 'dictionary': {
        const entries: [string, Value][] = [];
        const numKeys = new Map<string, boolean>();
        // A key or a `**` part the analysis cannot read would leave the dict short: its length
        // and iteration would be wrong, so the whole dict is unknown.
        for (const p of this.nc.kids(node)) {
          if (p?.type === 'dictionary_splat') {
            const inner = p.namedChild(0);
            const v = this.dictView(inner ? this.safeEval(inner, scope) : NONE)!;
            if (v.t !== 'dict') return v.t === 'unknown' ? v : unknownModule('** of something that is not a dict', '对非字典使用 **');
            for (const [k, x] of v.entries) {
              if (!entries.some(([e]) => e === k)) keyKind(numKeys, v.numKeys?.has(k) ? num(Number(k), v.numKeys.get(k)!) : { t: 'str', v: k }, k);
              setEntry(entries, k, x);
            }
            continue;
          }
          if (p?.type !== 'pair') continue;
          const k = this.nc.field(p, 'key');
          const v = this.nc.field(p, 'value');
          const kv = k ? this.safeEval(k, scope) : NONE;
          const key = dictKey(kv);
          if (key === undefined || !v) return unknownModule('a dict key the analysis cannot read', '无法读取的字典键');
          if (!entries.some(([e]) => e === key)) keyKind(numKeys, kv, key);
          setEntry(entries, key, this.safeEval(v, scope));
        }
        return { t: 'dict', entries, ...(numKeys.size > 0 ? { numKeys } : {}) };
      }
      case 'unary_operator': {
        const op = this.nc.field(node, 'operator')?.text;
        const arg = this.nc.field(node, 'argument');
        const v = arg ? this.safeEval(arg, scope) : NONE;
        if (v.t === 'num') return op === '-' ? num(-v.v, v.int) : op === '~' ? num(~v.v, true) : v;
        return v.t === 'tensor' ? computedTensor(plainTensor(v)) : notTensor(`unknown value of ${this.nc.text(node).slice(0, 40)}`, `${this.nc.text(node).slice(0, 40)} 的值未知`);
      }
      case 'not_operator': {
        const arg = this.nc.field(node, 'argument');
        const b = arg ? this.truthOf(this.safeEval(arg, scope)) : undefined;
        return b === undefined ? notTensor('condition', '条件') : { t: 'bool', v: !b };
      }
      case 'boolean_operator':
        return this.booleanOp(node, scope);
      case 'comparison_operator':
        return this.compare(node, scope);
      case 'conditional_expression': {
        // A comment between the parts of a parenthesized `a  # …⏎ if c else b` is not one of them.
        const parts = this.nc.kids(node).filter((n) => this.nc.type(n) !== 'comment');
        const [a, cond, b] = parts;
        if (!a || !cond || !b) return unknown('incomplete expression', '表达式不完整');
        const c = this.truthOf(this.safeEval(cond, scope));
        if (c === true) return this.safeEval(a, scope);
        if (c === false) return this.safeEval(b, scope);
        let va: Value = NONE;
        let vb: Value = NONE;
        if (mayChangeState(this.nc.text(a)) || mayChangeState(this.nc.text(b))) {
          // Sides that call or assign (`widen() if random.random() < p else None`): each runs on a
          // copy, as an if / else does, and what they change is merged after.
          this.undecided(scope, (sa) => void (va = this.safeEval(a, sa)), (sb) => void (vb = this.safeEval(b, sb)));
        } else {
          const start = this.mods.trace.length;
          va = this.safeEval(a, scope);
          const mid = this.mods.trace.length;
          vb = this.safeEval(b, scope);
          // Only one side's layer calls happen.
          this.mods.settleBranchCalls(start, mid, this.mods.trace.length);
        }
        return sameValue(va, vb) ? va : merge(va, vb, this.undecidedWhy(cond, scope));
      }
      case 'binary_operator': {
        const l = this.nc.field(node, 'left');
        const r = this.nc.field(node, 'right');
        const op = this.nc.field(node, 'operator')?.text ?? '?';
        if (!l || !r) return unknown('incomplete expression', '表达式不完整');
        return this.binary(op, this.safeEval(l, scope), this.safeEval(r, scope), node);
      }
      case 'attribute':
        return this.attribute(node, scope);
      case 'subscript':
        return this.subscript(node, scope);
      case 'call':
        return this.call(node, scope);
      case 'yield': {
        const inner = node.namedChild(0);
        const v = inner ? this.safeEval(inner, scope) : NONE;
        const out = scope.yields;
        if (!out) return notTensor('a yield the analysis does not follow', '分析不跟踪的 yield');
        // Under a loop over a data loader only (a DeviceDataLoader's `for b in self.dl: yield to_device(b)`):
        // each round yields a batch like the representative one; under anything else, not known.
        const open = this.logs.slice(scope.guardDepth ?? 0);
        if (open.length > 0 && open.every((j) => this.dataLoops.has(j))) out.batches = true;
        else if (open.length > 0) out.unsure = true;
        if (node.children.some((c) => c?.type === 'from')) {
          // `yield from parts`: each of its items.
          const it = this.iterate(v);
          if (it?.exact) out.items.push(...it.items);
          else out.unsure = true;
        } else out.items.push(v);
        return NONE;
      }
      case 'lambda':
        this.forgetLists(scope);
        return { t: 'func', f: this.makeClosure(node, scope, scope.self, 'lambda') };
      case 'list_comprehension':
      case 'generator_expression':
        return this.comprehension(node, scope, false);
      case 'set_comprehension': {
        // Each value once (`{tag for tag in tags}`).
        const made = this.comprehension(node, scope, false);
        if (made.t !== 'seq' || made.unsized) return made.t === 'seq' ? { ...made, set: true } : made;
        const unique = distinct(made.items);
        return unique ? { ...unique, set: true } : unknownModule('a set of values the analysis cannot compare', '无法比较其元素的集合');
      }
      case 'dictionary_comprehension':
        return this.comprehension(node, scope, true);
      case 'keyword_argument': {
        const v = this.nc.field(node, 'value');
        return v ? this.safeEval(v, scope) : NONE;
      }
      case 'list_splat': {
        // Inside `(*x).shape` (see spread): the splatted value itself.
        const inner = node.namedChild(0);
        return inner ? this.safeEval(inner, scope) : NONE;
      }
      case 'slice':
        return this.sliceValue(node, scope);
      case 'ellipsis':
        return { t: 'str', v: '...' };
      case 'named_expression': {
        const name = this.nc.field(node, 'name');
        const value = this.nc.field(node, 'value');
        const v = value ? this.safeEval(value, scope) : NONE;
        if (name) scope.vars.set(this.nc.text(name), v);
        return v;
      }
      case 'await':
        return node.namedChild(0) ? this.safeEval(node.namedChild(0)!, scope) : NONE;
      default:
        return unknownModule(`'${this.nc.text(node).slice(0, 40)}' is not something the analysis follows`, `分析不支持 '${this.nc.text(node).slice(0, 40)}'`);
    }
  }

  /** A string literal; an f-string with every placeholder known (`f"layer{i}"`) is known too. */
  private stringValue(node: Node, scope: Scope): Value {
    let out = '';
    const prefix = /^[A-Za-z]*/.exec(this.nc.text(node))![0].toLowerCase();
    const raw = prefix.includes('r');
    for (const c of this.nc.kids(node)) {
      const type = this.nc.type(c);
      // The grammar puts escape sequences inside string_content: the whole content is unescaped here (not in a raw string).
      if (type === 'string_content' || type === 'escape_sequence') {
        const text = raw ? this.nc.text(c) : unescape(this.nc.text(c));
        if (text === undefined) return notTensor('a string with an escape the analysis does not read', '含无法分析的转义的字符串');
        out += text;
      } else if (type === 'interpolation') {
        const text = this.interpolation(c, scope);
        if (text === undefined) return notTensor('an f-string with a value the analysis does not know', '含未知值的 f 字符串');
        out += text;
      }
    }
    // CPython interns a code object's constant strings made only of name characters, so
    // `block_type is 'proj'` (DPN) is true when both sides are such literals.
    const interned = (prefix === '' || prefix === 'r' || prefix === 'u') && /^\w*$/.test(out);
    return interned ? { t: 'str', v: out, interned } : { t: 'str', v: out };
  }

  /** One `{expr!conv:spec}` of an f-string as Python formats it, or undefined when not certain. */
  private interpolation(c: Node, scope: Scope): string | undefined {
    const expr = this.nc.field(c, 'expression') ?? c.namedChild(0);
    // `{x=}` prints the expression's source too: not followed.
    if (!expr || this.nc.kids(c).some((k) => this.nc.type(k) === '=')) return undefined;
    const v = this.safeEval(expr, scope);
    const conv = this.nc.field(c, 'type_conversion');
    const specNode = this.nc.field(c, 'format_specifier');
    let spec = '';
    if (specNode) {
      // The spec's text with its nested `{width}` fields replaced by their values.
      const text = this.nc.text(specNode);
      let at = specNode.startIndex;
      for (const k of this.nc.kids(specNode)) {
        if (this.nc.type(k) !== 'format_expression') continue;
        const inner = this.nc.field(k, 'expression') ?? k.namedChild(0);
        const iv = inner ? pyStr(this.safeEval(inner, scope)) : undefined;
        if (iv === undefined) return undefined;
        spec += text.slice(at - specNode.startIndex, k.startIndex - specNode.startIndex) + iv;
        at = k.endIndex;
      }
      spec += text.slice(at - specNode.startIndex);
      spec = spec.replace(/^:/, '');
    }
    if (conv) {
      const how = this.nc.text(conv).replace(/^!/, '');
      const t = how === 's' ? pyStr(v) : how === 'r' || how === 'a' ? pyRepr(v) : undefined;
      return t === undefined ? undefined : formatValue({ t: 'str', v: t }, spec);
    }
    return formatValue(v, spec);
  }

  /** The items `n` adds to a tuple or list; `*x` the analysis cannot list is that unknown instead. */
  private spread(n: Node, scope: Scope): Value[] | Value {
    // tree-sitter reads `*x.shape` as `(*x).shape`: the splat applies to the whole expression.
    if (this.nc.type(n) === 'list_splat' || this.leftmostSplat(n)) {
      const inner = this.nc.type(n) === 'list_splat' ? n.namedChild(0) : n;
      const v = inner ? this.safeEval(inner, scope) : NONE;
      const it = this.iterate(v);
      return it?.exact ? it.items : v.t === 'unknown' ? v : unknownModule('*items the analysis cannot list', '无法列出的 *参数');
    }
    return [this.safeEval(n, scope)];
  }

  private leftmostSplat(n: Node): boolean {
    let cur: Node | null = n;
    for (let i = 0; cur && i < 20; i++) {
      const type = this.nc.type(cur);
      if (type === 'list_splat') return i > 0;
      if (type !== 'attribute' && type !== 'subscript' && type !== 'call') return false;
      cur = this.nc.field(cur, type === 'attribute' ? 'object' : type === 'subscript' ? 'value' : 'function');
    }
    return false;
  }

  private booleanOp(node: Node, scope: Scope): Value {
    const l = this.nc.field(node, 'left');
    const r = this.nc.field(node, 'right');
    const op = this.nc.field(node, 'operator')?.text;
    const lv = l ? this.safeEval(l, scope) : NONE;
    const lt = this.truthOf(lv);
    // Python returns operands, not booleans: `hidden = hidden or 4 * dim`.
    // The right side runs or not by the left: when that is undecided and it calls or assigns
    // (`ready and widen()`), it runs as an if without an else does.
    const right = (): Value => {
      if (!r) return NONE;
      if (lt !== undefined || !mayChangeState(this.nc.text(r))) return this.safeEval(r, scope);
      let rv: Value = NONE;
      this.undecided(scope, (s) => void (rv = this.safeEval(r, s)), () => undefined);
      return rv;
    };
    if (op === 'and') {
      if (lt === false) return lv;
      const rv = right();
      if (lt === true) return rv;
      return this.truthOf(rv) === false ? { t: 'bool', v: false } : notTensor('condition', '条件');
    }
    if (lt === true) return lv;
    const rv = right();
    if (lt === false) return rv;
    return this.truthOf(rv) === true && rv.t === 'bool' ? rv : notTensor('condition', '条件');
  }

  private compare(node: Node, scope: Scope): Value {
    const parts = this.nc.kids(node).filter((n): n is Node => n !== null);
    const ops: string[] = [];
    let pending = '';
    for (const c of node.children) {
      if (!c || c.isNamed) {
        if (pending) ops.push(pending.trim());
        pending = '';
        continue;
      }
      pending += ` ${this.nc.text(c)}`;
    }
    if (parts.length < 2 || ops.length !== parts.length - 1) return notTensor('comparison', '比较');
    // `'silu' in dir(torch.nn.functional)` (gen-efficientnet's activation probe): as hasattr.
    if (ops.length === 1 && (ops[0] === 'in' || ops[0] === 'not in') && parts[1]!.type === 'call' && this.nc.text(this.nc.field(parts[1]!, 'function') ?? parts[1]!) === 'dir') {
      const name = this.safeEval(parts[0]!, scope);
      const arg = this.nc.field(parts[1]!, 'arguments')?.namedChildren;
      const ns = arg?.length === 1 && arg[0] ? this.safeEval(arg[0], scope) : undefined;
      if (name.t === 'str' && ns?.t === 'ref' && torchNamespaceHas(ns.name, name.v)) return { t: 'bool', v: ops[0] === 'in' };
    }
    // `x in (f(i) for i in xs)` reads the generator only up to the first item equal to x.
    if (ops.length === 1 && (ops[0] === 'in' || ops[0] === 'not in') && this.nc.type(parts[1]!) === 'generator_expression') {
      const needle = this.safeEval(parts[0]!, scope);
      let found = false;
      const made = this.comprehension(parts[1]!, scope, false, (item) => {
        const eq = this.truthOf(compareValues('==', needle, item));
        if (eq === undefined) return 'undecided';
        found = eq;
        return eq ? 'stop' : 'go';
      });
      if (made.t !== 'seq') return notTensor('membership in a generator the analysis cannot read', '分析无法读取的生成器中的成员判断');
      return { t: 'bool', v: found === (ops[0] === 'in') };
    }
    // A chain (`a < f() < g()`) evaluates each operand only when the comparisons before it held, as Python does;
    // where one is undecided, the operands after it may or may not run (their changes: as in an undecided if).
    const values: Value[] = [this.safeEval(parts[0]!, scope)];
    const maybeRest = (from: number): void => {
      const rest = parts.slice(from).filter((p) => mayChangeState(this.nc.text(p)));
      if (rest.length > 0) this.undecided(scope, (s) => void rest.forEach((p) => this.safeEval(p, s)), () => undefined);
    };
    let result: boolean | undefined = true;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      values[i + 1] ??= this.safeEval(parts[i + 1]!, scope);
      const moduleEq = this.moduleEquals(op, values[i]!, values[i + 1]!);
      if (moduleEq === false) return { t: 'bool', v: false };
      if (moduleEq === true) continue;
      const inNames = this.namespaceHas(op, values[i]!, values[i + 1]!);
      if (inNames === false) return { t: 'bool', v: false };
      if (inNames === true) continue;
      if (inNames === null) return notTensor('a name the analysis cannot find in the module', '分析在模块中找不到的名字');
      // `x.size() is not out.size()`: each `.size()` / `.shape` of a tensor is a new torch.Size, never
      // an object that existed before (nor the other side's new one).
      if ((op === 'is' || op === 'is not') && (this.freshSize(parts[i]!, values[i]!, scope) || this.freshSize(parts[i + 1]!, values[i + 1]!, scope))) {
        if (op === 'is') return { t: 'bool', v: false };
        continue;
      }
      const r = compareValues(op, values[i]!, op === 'in' || op === 'not in' ? this.membershipView(values[i + 1])! : values[i + 1]!);
      if (r.t === 'tensor') return r;
      if (r.t !== 'bool') {
        maybeRest(i + 2);
        return r;
      }
      if (!r.v) return { t: 'bool', v: false };
      result = result && r.v;
    }
    return { t: 'bool', v: result === true };
  }

  private binary(op: string, a: Value, b: Value, node: Node): Value {
    const r = this.binaryOf(op, a, b, node);
    // (An operation's result is another value: a factory's dtype is not claimed for it — `long + 0.5` is float.)
    return (r === a || r === b) && r.t === 'tensor' && CREATED_DTYPE.has(r) ? { ...r } : r;
  }

  private binaryOf(op: string, a: Value, b: Value, node: Node): Value {
    if ((a.t === 'num' || a.t === 'bool') && (b.t === 'num' || b.t === 'bool')) {
      const x = a.t === 'bool' ? num(a.v ? 1 : 0, true) : a;
      const y = b.t === 'bool' ? num(b.v ? 1 : 0, true) : b;
      if (x.t !== 'num' || y.t !== 'num') return notTensor(`operator ${op}`, `运算符 ${op}`);
      const bothInt = x.int && y.int;
      const r = this.numBinary(op, x, y, bothInt);
      // Python's integers are exact at any size; a JavaScript number is not above 2^53.
      return r.t === 'num' && r.int && !Number.isSafeInteger(r.v) ? notTensor(`operator ${op}: an integer above 2^53, which the analysis cannot hold exactly`, `运算符 ${op}：超过 2^53 的整数，分析无法精确表示`) : r;
    }
    return this.binaryOther(op, a, b, node);
  }

  private numBinary(op: string, x: Value & { t: 'num' }, y: Value & { t: 'num' }, bothInt: boolean): Value {
    if ((op === '/' || op === '//' || op === '%') && y.v === 0) this.raisesInTry('ZeroDivisionError', { en: `${op} by zero raises ZeroDivisionError`, 'zh-cn': `${op} 除以零会抛出 ZeroDivisionError` });
    switch (op) {
        case '+': return num(x.v + y.v, bothInt);
        case '-': return num(x.v - y.v, bothInt);
        case '*': return num(x.v * y.v, bothInt);
        case '/': return y.v === 0 ? notTensor('division by zero', '除以零') : num(x.v / y.v, false);
        case '//': return y.v === 0 ? notTensor('division by zero', '除以零') : num(Math.floor(x.v / y.v), bothInt);
        case '%': return y.v === 0 ? notTensor('division by zero', '除以零') : num(((x.v % y.v) + y.v) % y.v, bothInt);
        case '**': return num(x.v ** y.v, bothInt && y.v >= 0);
        case '<<': case '>>': case '&': case '|': case '^': {
          // Python's integers have no width (`1 << 40`): computed exactly, never in JavaScript's 32 bits.
          if (!bothInt || !Number.isSafeInteger(x.v) || !Number.isSafeInteger(y.v) || ((op === '<<' || op === '>>') && (y.v < 0 || y.v > 1024))) return notTensor(`operator ${op}`, `运算符 ${op}`);
          const [p, q] = [BigInt(x.v), BigInt(y.v)];
          const r = op === '<<' ? p << q : op === '>>' ? p >> q : op === '&' ? p & q : op === '|' ? p | q : p ^ q;
          return r >= BigInt(Number.MIN_SAFE_INTEGER) && r <= BigInt(Number.MAX_SAFE_INTEGER) ? num(Number(r), true) : notTensor(`operator ${op}: a number too large to follow`, `运算符 ${op}：数值过大`);
        }
        default: return notTensor(`operator ${op}`, `运算符 ${op}`);
    }
  }

  private binaryOther(op: string, a: Value, b: Value, node: Node): Value {
    // (A list doubled again and again — `t = t + t` — grows past what the analysis holds.)
    if (a.t === 'seq' && b.t === 'seq' && op === '+') return a.items.length + b.items.length <= MAX_SEQ_ITEMS ? { t: 'seq', items: [...a.items, ...b.items], tuple: a.tuple } : notTensor('a list too long to follow', '列表过长');
    if (a.t === 'seq' && b.t === 'num' && b.int && op === '*') return b.v * a.items.length <= MAX_LOOP ? { t: 'seq', items: Array.from({ length: Math.max(0, b.v) }, () => a.items).flat(), tuple: a.tuple } : notTensor('a list too long to follow', '列表过长');
    if (a.t === 'num' && a.int && b.t === 'seq' && op === '*') return this.binary(op, b, a, node);
    if (a.t === 'str' && b.t === 'str' && op === '+') return a.v.length + b.v.length <= MAX_STR_CHARS ? { t: 'str', v: a.v + b.v } : notTensor('a string too long to follow', '字符串过长');
    // `'ab' * 3`, `3 * '-'`: repeated (a negative count gives '').
    if (op === '*' && ((a.t === 'str' && b.t === 'num' && b.int) || (a.t === 'num' && a.int && b.t === 'str'))) {
      const [text, times] = a.t === 'str' ? [a.v, (b as { v: number }).v] : [(b as { v: string }).v, a.v];
      return text.length * Math.max(0, times) <= MAX_STR_CHARS ? { t: 'str', v: text.repeat(Math.max(0, times)) } : notTensor('a string too long to follow', '字符串过长');
    }
    if (op === '/' && (a.t === 'obj' || b.t === 'obj')) {
      const p = pathJoin(a, b);
      if (p) return p;
    }
    if (a.t === 'str' && op === '%') return percentFormat(a.v, b);
    // Operands Python refuses to combine (`None + 1`, `"a" + 1`): TypeError, which a try may catch.
    const plainKind = (v: Value): string | undefined => (v.t === 'none' ? 'NoneType' : v.t === 'str' ? 'str' : v.t === 'num' || v.t === 'bool' ? 'number' : undefined);
    const [ka, kb] = [plainKind(a), plainKind(b)];
    if (ka && kb && (ka === 'NoneType' || kb === 'NoneType' || (ka !== kb && (op === '+' || op === '-' || op === '/' || op === '//' || op === '**')))) {
      this.raisesInTry('TypeError', { en: `unsupported operand types for ${op}: ${ka} and ${kb} (TypeError)`, 'zh-cn': `运算符 ${op} 不支持的操作数类型：${ka} 与 ${kb}（TypeError）` });
    }
    const withValues = valueBinary(op, a, b);
    if (withValues) return withValues;
    const t = this.ops.binary(op, plainTensor(a), plainTensor(b), node);
    if (t) {
      const out = keepSource(a.t === 'tensor' ? a : b, computedTensor(plainTensor(t)));
      // Integers with integers (`lengths - 1`) stay integers: still an index.
      const integral = (v: Value): boolean => (v.t === 'tensor' && v.index === true) || (v.t === 'num' && v.int) || v.t === 'bool';
      return integerTensor(out, ['+', '-', '*', '//', '%'].includes(op) && integral(a) && integral(b));
    }
    // A tensor with a Python number whose value is unknown (`x / keep_prob`): the tensor's shape.
    const surelyNumber = (v: Value): boolean => v.t === 'unknown' && v.num === true;
    if (['+', '-', '*', '/', '//', '%', '**'].includes(op) && ((a.t === 'tensor' && surelyNumber(b)) || (b.t === 'tensor' && surelyNumber(a)))) {
      const t = (a.t === 'tensor' ? a : b) as Value & { t: 'tensor' };
      return keepSource(t, plainTensor({ t: 'tensor', shape: t.shape }));
    }
    // `idx + self.T`, `idx - 1`: still the sample index, moved by a known amount.
    const offset = (u: Value, k: Value, sign: number): Value | undefined =>
      u.t === 'unknown' && u.indexFrom && k.t === 'num' && k.int ? { ...u, indexFrom: { ...u.indexFrom, off: u.indexFrom.off + sign * k.v } } : undefined;
    const moved = op === '+' ? (offset(a, b, 1) ?? offset(b, a, 1)) : op === '-' ? offset(a, b, -1) : undefined;
    if (moved) return moved;
    // `len(data) - block_size`: still that length, moved by a known amount.
    const lenMove = (u: Value, k: Value, sign: number): Value | undefined =>
      u.t === 'unknown' && u.lenOf && k.t === 'num' && k.int ? { ...u, lenOff: (u.lenOff ?? 0) + sign * k.v } : undefined;
    const lenMoved = op === '+' ? (lenMove(a, b, 1) ?? lenMove(b, a, 1)) : op === '-' ? lenMove(a, b, -1) : undefined;
    if (lenMoved) return lenMoved;
    if (a.t === 'unknown' || b.t === 'unknown') {
      // The operand's own reason; it is surely a number only when both sides are numbers.
      const numeric = (v: Value): boolean => v.t === 'num' || v.t === 'bool' || surelyNumber(v);
      const u = (a.t === 'unknown' && !(surelyNumber(a) && b.t === 'unknown') ? a : b.t === 'unknown' ? b : a) as Value & { t: 'unknown' };
      const { num: _n, range: _r, ...rest } = u;
      // Data of unknown length scaled by a number (`X / 255.0`) keeps its rows' shape; with anything else it may broadcast.
      const other = u === a ? b : a;
      const byNumber = other.t === 'num' || other.t === 'bool' || surelyNumber(other);
      return numeric(a) && numeric(b) ? withoutRange(u) : byNumber ? rest : withoutRows(rest);
    }
    const joined = this.joinedContainers(op, a, b, node);
    if (joined) return joined;
    return notTensor(`cannot follow ${op} here`, `无法分析此处的 ${op}`);
  }

  /**
   * `seq_a + seq_b`, `blocks + [extra]`, `stage * 3` on nn containers (PyTorch 1.13's Sequential
   * `__add__` / `__mul__` by n > 0, ModuleList `__add__`): a new container of the same modules, numbered
   * from 0 (a repeated module is one module: its parameters count once). Any other arithmetic with a
   * module is a module the analysis does not know — never nothing, which would leave it out of the total.
   */
  private joinedContainers(op: string, a: Value, b: Value, node: Node): Value | undefined {
    const holds = (v: Value): boolean => v.t === 'module' || (v.t === 'seq' && v.items.some((x) => x.t === 'module')) || mayHoldModule(v);
    if (!holds(a) && !holds(b)) return undefined;
    const container = (v: Value): ModuleInst | undefined => {
      const m = v.t === 'module' ? this.mods.get(v.m) : undefined;
      return m && (m.container === 'Sequential' || m.container === 'ModuleList') && !m.uncertain && !m.nones?.size && !m.userClass ? m : undefined;
    };
    const items = (v: Value): Value[] | undefined => {
      const m = container(v);
      if (m) return this.mods.iterate(m);
      return v.t === 'seq' && !v.unsized && v.items.every((x) => x.t === 'module') ? v.items : undefined;
    };
    const made = (kind: 'Sequential' | 'ModuleList', parts: Value[]): Value => {
      const out = this.mods.newModule(kind, `nn.${kind}`, node);
      out.container = kind;
      parts.forEach((p, i) => {
        const inst = p.t === 'module' ? this.mods.get(p.m) : undefined;
        if (inst) out.children.push({ name: String(i), inst });
      });
      return { t: 'module', m: out };
    };
    const [ca, cb] = [container(a), container(b)];
    if (op === '+' && ca) {
      const [ia, ib] = [items(a), items(b)];
      // (Sequential + Sequential only; ModuleList + any iterable of modules.)
      const fits = ca.container === 'ModuleList' ? ib !== undefined : cb?.container === 'Sequential';
      if (ia && ib && fits) return made(ca.container as 'Sequential' | 'ModuleList', [...ia, ...ib]);
    }
    if (op === '*') {
      const seq = ca?.container === 'Sequential' ? ca : cb?.container === 'Sequential' ? cb : undefined;
      const n = seq === ca ? b : a;
      const parts = seq ? items({ t: 'module', m: seq }) : undefined;
      if (seq && parts && n.t === 'num' && n.int && n.v > 0 && n.v * parts.length <= MAX_SEQ_ITEMS) return made('Sequential', Array.from({ length: n.v }, () => parts).flat());
    }
    return unknownModule(`${op} of modules the analysis does not follow`, `分析不跟踪的模块 ${op} 运算`);
  }

  /**
   * An attribute name as Python stores it: `self.__yolov4` written in class Build_Model's body is
   * `_Build_Model__yolov4` (private-name mangling), which named_modules() lists.
   */
  private attrName(node: Node): string | undefined {
    const attr = this.nc.field(node, 'attribute')?.text;
    if (!attr || !attr.startsWith('__') || attr.endsWith('__')) return attr;
    for (let p = node.parent; p; p = p.parent) {
      if (p.type !== 'class_definition') continue;
      const cls = this.nc.text(this.nc.field(p, 'name')!).replace(/^_+/, '');
      return cls ? `_${cls}${attr}` : attr;
    }
    return attr;
  }

  private attribute(node: Node, scope: Scope): Value {
    const objNode = this.nc.field(node, 'object');
    const attr = this.attrName(node);
    if (!objNode || !attr) return unknown('incomplete attribute', '属性不完整');
    const o = this.safeEval(objNode, scope);
    const v = this.getAttr(o, attr, scope);
    // `self.covn1(x)` where no code anywhere sets covn1: Python's AttributeError, not a silent "?".
    if (v.t === 'bound' && v.name === attr && o.t === 'module' && this.surelyUnset(o, attr)) {
      const m = this.mods.get(o.m)!;
      const cls = m.userClass!.name;
      const near = nearestName(attr, [...m.attrs.keys(), ...m.userClass!.methods.keys()]);
      const why = near
        ? { en: `AttributeError: '${cls}' object has no attribute '${attr}' (no code sets it; did you mean '${near}'?)`, 'zh-cn': `AttributeError：'${cls}' 对象没有属性 '${attr}'（没有代码设置它；是否想写 '${near}'？）` }
        : { en: `AttributeError: '${cls}' object has no attribute '${attr}' (no code sets it)`, 'zh-cn': `AttributeError：'${cls}' 对象没有属性 '${attr}'（没有代码设置它）` };
      if (this.catchingErrors > 0) this.raisesInTry('AttributeError', why);
      else this.mods.reportAt(node, why);
      return unknown(why.en, why['zh-cn']);
    }
    return v;
  }

  /**
   * The attribute is surely missing from an instance of a workspace nn.Module class: its class
   * derives (through workspace classes only) from nn.Module itself, has no __getattr__, no
   * decorator and no subclass, and no code read so far names the attribute other than by reading
   * it, nor sets attributes by computed names (setattr, __dict__, add_module(f"…")).
   */
  private surelyUnset(o: Value & { t: 'module' }, attr: string): boolean {
    const m = this.mods.get(o.m);
    const c = m?.userClass as ClassDef | undefined;
    if (!m || !c || m.builtin || m.composite || m.container || m.uncertain || m.membersUnsure || m.bare) return false;
    if (attr.startsWith('_') || NN_MODULE_PUBLIC.has(attr) || NEWER_MODULE_MEMBERS.has(attr) || m.attrs.has(attr) || this.mods.child(m, attr)) return false;
    const mro = this.index.mro(c);
    if (!mro.every((k) => (typeof k === 'string' ? k === 'object' || /^(?:torch\.nn\.(?:modules\.module\.)?)?Module$/.test(k) : !k.bases.some((b) => b.includes('=')) && k.node.parent?.type !== 'decorated_definition'))) return false;
    if (this.index.torchBase(c) !== 'Module' || this.index.isLightningModule(c)) return false;
    if (this.index.findMethod(c, attr) || this.index.findAttr(c, attr) || this.index.findNested(c, attr) || this.rewrittenAlong(c, attr) || this.methodPatched(c, attr)) return false;
    if (this.index.findMethod(c, '__getattr__') || this.index.findMethod(c, '__getattribute__') || this.index.findAttr(c, '__getattr__')) return false;
    const texts = [...new Set([c.program, ...(this.loader.loaded?.() ?? [])])].map((p) => this.nc.text(p.root));
    const named = new RegExp(`\\b${attr}\\b`, 'g');
    const sub = new RegExp(`\\bclass\\s+\\w+\\s*\\([^)]*\\b${c.name}\\b`);
    for (const text of texts) {
      if (COMPUTED_ATTR_WRITE.test(text) || sub.test(text) || /\b__bases__\b|\.__class__\s*=(?!=)/.test(text)) return false;
      for (const hit of text.matchAll(named)) {
        // Only reads `.attr` not followed by an assignment (a tuple target `self.a, self.b = …` has a comma after it).
        const at = hit.index;
        // (In a comment: not code. Strings before a `#` on the line are blanked first.)
        const prefix = text.slice(text.lastIndexOf('\n', at) + 1, at).replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, '');
        if (prefix.includes('#')) continue;
        const after = text.slice(at + attr.length, at + attr.length + 4);
        // (A bare name — a constructor's parameter `patch_size=16`, a local — sets no attribute; one in quotes
        // may: `setattr(self, 'patch_size', v)`, `getattr(self, 'patch_size', 16)`.)
        if (text[at - 1] !== '.') {
          if (/['"]/.test(text[at - 1] ?? '') || /^['"]/.test(after)) return false;
          // (A statement binding the bare name — a class attribute `scale = 2.0` another class may lend
          // through `__bases__` or a mixin — may set it; a parameter's default stands inside parentheses.)
          const lineStart = text.lastIndexOf('\n', at) + 1;
          if (/^\s*$/.test(text.slice(lineStart, at)) && /^\s*(?::[^=\n]*)?=(?!=)/.test(text.slice(at + attr.length, at + attr.length + 40))) return false;
          continue;
        }
        if (/^\s*(?:[-+*/%&|^@:,]|\/\/|\*\*|>>|<<)?=(?!=)|^\s*[,:)\]]/.test(after)) return false;
      }
    }
    return true;
  }

  private getAttr(o: Value, attr: string, scope: Scope): Value {
    switch (o.t) {
      case 'ref': {
        if (o.name === 'super') return this.superAttr(attr, scope, scope.cls);
        const full = `${o.name}.${attr}`;
        const patched = this.patchedRefs.size > 0 ? this.patchedRefs.get(full) : undefined;
        if (patched) return patched;
        if (full === 'math.pi' || full === 'torch.pi' || full === 'numpy.pi') return num(Math.PI, false);
        if (full === 'math.e' || full === 'torch.e' || full === 'numpy.e') return num(Math.E, false);
        if (full === 'math.tau') return num(2 * Math.PI, false);
        if (full === 'torch.__version__') return TORCH_VERSION;
        if (full === 'math.inf' || full === 'float.inf' || full === 'torch.inf' || full === 'numpy.inf') return num(Infinity, false);
        if (o.name === 'string' && Object.hasOwn(STRING_CONSTANTS, attr)) return { t: 'str', v: STRING_CONSTANTS[attr]! };
        if (full === 'numpy.newaxis' || full === 'np.newaxis') return NONE;
        // `type(m).__name__`, `m.__class__.__name__`: the module's class name (DeepLab's `classname.find('Conv')`).
        if (o.name.startsWith('type:') && attr === '__name__' && o.name !== 'type:?') return { t: 'str', v: o.name.slice(5) };
        // A name of a library program (`models.ResNet18_Weights`, whose `.DEFAULT` is then read).
        return this.libraryName(full) ?? { t: 'ref', name: full };
      }
      case 'class': {
        const c = o.c as ClassDef;
        if (this.methodPatched(c, attr)) return this.patchedMethod(c, attr);
        const m = this.index.findMethod(c, attr);
        const wrapped = m ? this.decoratedMethod(m, m.isClassMethod ? o : undefined) : undefined;
        if (wrapped) return wrapped;
        if (m) return { t: 'func', f: this.makeFunction(m.node, new Map(), m.isClassMethod ? o : undefined, m.isClassMethod ? 'method' : 'function', m.owner.program, m.owner) };
        const a = this.classAttr(c, attr);
        if (a && !attr.startsWith('_') && this.isEnum(c)) return this.enumMember(c, attr, a);
        if (a) return a;
        if (attr === '__name__') return { t: 'str', v: c.name };
        if (attr === 'apply' && this.index.isAutogradFunction(c)) return { t: 'bound', recv: o, name: 'apply' };
        // `Base.__init__(self, …)` of a workspace class without one of its own: its torch.nn base's.
        const torchBase = attr === '__init__' ? this.index.torchBase(c) : undefined;
        if (torchBase) return { t: 'ref', name: `torch.nn.${torchBase}.__init__` };
        return unknownModule(`${c.name}.${attr} is not known`, `${c.name}.${attr} 未知`);
      }
      case 'module': {
        const m = this.mods.get(o.m);
        if (!m) return unknownModule('module', '模块');
        // `model.module` of nn.DataParallel: the model itself (`model.module.fc = nn.Linear(…)` changes what the wrapper runs).
        if (m.wraps && attr === 'module') return { t: 'module', m: m.wraps };
        const v = m.attrs.get(attr);
        if (v?.t === 'unknown' && v.absentOr && this.tryDepths.length === 0 && !this.mods.child(m, attr) && !(m.userClass && (this.index.findMethod(m.userClass, attr) || this.classAttr(m.userClass, attr)))) return v.absentOr;
        // A module or Parameter registered under the name lives in _modules / _parameters, which
        // nn.Module.__getattr__ reads only when Python's own lookup fails: a method, property or class
        // attribute of that name on the class (or a base, a mixin) wins (`def block(self, x)` beside `self.block = …`).
        const child = v ? undefined : this.mods.child(m, attr);
        const registered = v?.t === 'module' || (v?.t === 'tensor' && v.param === true) || child !== undefined;
        const shadowed = registered && !!m.userClass && (!!this.rewrittenAlong(m.userClass as ClassDef, attr) || this.methodPatched(m.userClass as ClassDef, attr) || !!this.index.findMethod(m.userClass, attr) || !!this.index.findAttr(m.userClass, attr));
        // `self.train = nn.Linear(…)`, then `self.train(x)`: Python finds nn.Module's own method first
        // (the layer is registered and counted, but never reached by that name).
        if (registered && !shadowed && NN_MODULE_METHODS.has(attr)) return unknownModule(`self.${attr} is nn.Module's ${attr}() method, not the layer assigned to that name (Python finds the class's method first)`, `self.${attr} 是 nn.Module 的 ${attr}() 方法，而不是赋给这个名字的层（Python 先找到类的方法）`);
        if (v && !shadowed) return v;
        if (child && !shadowed) return { t: 'module', m: child };
        if (m.userClass) {
          if (attr !== 'forward' && this.methodPatched(m.userClass, attr)) return this.patchedMethod(m.userClass, attr);
          // (A def or value under an if / try / loop of the class body, nearer than a plain one: not known.)
          if (this.rewrittenAlong(m.userClass as ClassDef, attr)) return this.classAttr(m.userClass as ClassDef, attr)!;
          const meth = this.index.findMethod(m.userClass, attr);
          const wrapped = meth && attr !== 'forward' ? this.decoratedMethod(meth, o) : undefined;
          if (wrapped) return wrapped;
          // `self.highway.forward(x)`: a call of the module, as PyTorch runs it (its forward, without hooks).
          if (meth && attr === 'forward' && !meth.isStatic && !meth.isClassMethod && !meth.isProperty) return { t: 'bound', recv: o, name: 'forward' };
          if (meth) {
            const f = this.makeFunction(meth.node, new Map(), meth.isStatic ? undefined : meth.isClassMethod ? { t: 'class', c: m.userClass } : o, meth.isStatic ? 'function' : 'method', meth.owner.program, meth.owner);
            if (!meth.isProperty) return { t: 'func', f };
            const got = this.invokeFunction(f, { positional: [], keyword: new Map() }, false, meth.owner);
            if (meth.cached) {
              for (const j of this.logs) j.attr(m.attrs, attr, m);
              m.attrs.set(attr, got);
            }
            return got;
          }
          const ca = this.classAttr(m.userClass, attr);
          if (ca) return ca;
        }
        // `self._modules.values()`: the children in order (a copy; writes through it are followed in assignTarget).
        if (attr === '_modules' && !m.builtin) {
          const kids = this.childrenInOrder(m);
          if (!Array.isArray(kids)) return unknownModule(`${m.kind}._modules: ${kids.en}`, `${m.kind}._modules：${kids['zh-cn']}`);
          return { t: 'dict', entries: kids.map((c) => [c.name, { t: 'module', m: c.inst }] as [string, Value]), ...(m.attrNamed ? { internedKeys: new Set(m.attrNamed) } : {}) };
        }
        if (m.builtin) {
          const p = this.mods.param(m, attr);
          if (p) return p;
          const c = m.builtin.config[attr];
          // `bias=False` registers no bias: `layer.bias` is None, not the flag.
          // (An RNN's `bias` is the flag itself: its parameters are `bias_ih_l0`….)
          if (attr === 'bias' && c === false && m.builtin.weights && 'weight' in m.builtin.weights && !('bias' in m.builtin.weights)) return NONE;
          // ConvNd keeps these as tuples whatever it was given (`conv.kernel_size[0]`, as DeepLab's fixed_padding reads it); a list stays as long as it was (`stride=[2]` is `(2,)`, EfficientNet checks).
          const convDims = /^Conv(?:Transpose)?([123])d$/.exec(m.builtin.kind)?.[1];
          if (convDims !== undefined && CONV_TUPLE_ATTRS.has(attr) && c !== null && c !== undefined && typeof c !== 'string') {
            const n = Number(convDims);
            const items = typeof c === 'number' ? Array<number>(n).fill(c) : Array.isArray(c) && c.every((x) => typeof x === 'number') ? (c as number[]) : undefined;
            if (items) return { t: 'seq', items: items.map((x) => num(x)), tuple: true };
            return unknown(`${m.builtin.kind}.${attr} is not known`, `${m.builtin.kind}.${attr} 未知`);
          }
          // MaxPoolNd / AvgPool2d/3d keep their sizes as given (a list stays a list), a missing stride being the kernel's
          // (I3D's `self.kernel_size[dim] - self.stride[dim]` in a MaxPool3d subclass).
          if (/^(?:MaxPool[123]d|AvgPool[23]d)$/.test(m.builtin.kind) && (attr === 'kernel_size' || attr === 'stride' || attr === 'padding' || attr === 'dilation')) {
            const given = attr === 'stride' && (c === null || c === undefined) ? m.builtin.config.kernel_size : c;
            if (typeof given === 'number') return num(given);
            if (Array.isArray(given) && given.every((x) => typeof x === 'number')) return { t: 'seq', items: (given as number[]).map((x) => num(x)), tuple: true };
            return unknown(`${m.builtin.kind}.${attr} is not known`, `${m.builtin.kind}.${attr} 未知`);
          }
          const stored = storedSetting(m.builtin.kind, attr, m.builtin.config);
          if (stored) return stored;
          if (typeof c === 'number') return num(c);
          if (typeof c === 'boolean') return { t: 'bool', v: c };
          if (typeof c === 'string') return { t: 'str', v: c };
        }
        if (attr === 'training') return this.modesFollowed && !m.modeUnsure ? { t: 'bool', v: !m.evaluating } : notTensor('whether the model is training', '模型是否处于训练模式');
        // A workspace class is itself (its classmethods and attributes: `self.__class__.K`); a torch.nn one a named type.
        if (attr === '__class__') return m.userClass ? { t: 'class', c: m.userClass } : { t: 'ref', name: `type:${m.kind}` };
        if (attr === '__dict__') return { t: 'bound', recv: o, name: OBJ_DICT };
        return { t: 'bound', recv: o, name: attr };
      }
      case 'obj': {
        const own = o.itemAttrs ? this.itemAttr(o, attr) : undefined;
        if (own) return own;
        if (o.itemAttrs && attr === '__dict__') return o;
        const v = o.attrs.get(attr);
        if (v) return v;
        if (this.openAttrObjs.has(o)) return unknownModule(`${o.cls}.${attr} may have been set through __dict__ with a name the analysis cannot read`, `${o.cls}.${attr} 可能已通过名称无法分析的 __dict__ 设置`);
        if (o.cls === AUTOGRAD_CTX) return this.autogradCtxAttr(o, attr);
        // `MyFn().apply(x)`: apply is a classmethod of a torch.autograd.Function: the class's.
        if (attr === 'apply' && o.def && this.index.isAutogradFunction(o.def as ClassDef)) return { t: 'bound', recv: { t: 'class', c: o.def }, name: attr };
        if (o.cls === RE_MATCH) return { t: 'bound', recv: o, name: attr };
        if (isDistribution(o) && DISTRIBUTION_METHODS.has(attr)) return { t: 'bound', recv: o, name: attr };
        const tt = tupleTypeOf(o);
        if (tt && (attr === '_replace' || attr === '_asdict')) return { t: 'bound', recv: o, name: attr };
        if (tt && attr === '_fields') return tt.attrs.get('_fields')!;
        if (attr === '__dict__') return { t: 'bound', recv: o, name: OBJ_DICT };
        const c = o.def as ClassDef | undefined;
        if (c) {
          if (this.methodPatched(c, attr)) return this.patchedMethod(c, attr);
          const meth = this.index.findMethod(c, attr);
          const wrapped = meth ? this.decoratedMethod(meth, o) : undefined;
          if (wrapped) return wrapped;
          if (meth) {
            const f = this.makeFunction(meth.node, new Map(), meth.isStatic ? undefined : o, meth.isStatic ? 'function' : 'method', meth.owner.program, meth.owner);
            if (!meth.isProperty) return { t: 'func', f };
            const got = this.invokeFunction(f, { positional: [], keyword: new Map() }, false, meth.owner);
            if (meth.cached) {
              for (const j of this.logs) j.attr(o.attrs, attr);
              o.attrs.set(attr, got);
            }
            return got;
          }
          const ca = this.classAttr(c, attr);
          if (ca) return ca;
          if (o.items) return this.dictSubclassAttr(o, c, attr);
        }
        // A dict the library subclasses (Lightning's AttributeDict `self.hparams`): dict's own methods.
        if (!c && o.items && DICT_METHODS.has(attr)) return { t: 'bound', recv: o, name: attr };
        return unknownModule(`${o.cls}.${attr} is not known`, `${o.cls}.${attr} 未知`);
      }
      case 'pymod': {
        if (attr === '__dict__') return { t: 'bound', recv: o, name: OBJ_DICT };
        const v = this.global(o.p as PyProgram, attr);
        // A package's submodule (`pkg.sub` once `pkg.sub` was imported, as import_class's getattr chain reads it).
        const sub = !v && /(?:^|\/)__init__\.py$/.test(o.p.file) ? this.loader.load(o.p as PyProgram, 1, attr) : undefined;
        return v ?? (sub ? { t: 'pymod', p: sub } : unknownModule(`${attr} is not defined in ${o.p.file}`, `${o.p.file} 中没有 ${attr}`));
      }
      case 'tensor': {
        if (attr === 'shape') return { t: 'seq', items: o.shape.map((d) => num(d, true)), tuple: true, size: true };
        // (Views of the same data: a write through one changes the array's known values.)
        if (attr === 'T') return o.shape.length < 2 ? o : viewOf(o, tensor([...o.shape].reverse()));
        if (attr === 'data') return viewOf(o, { t: 'tensor', shape: o.shape });
        if (attr === 'mT') return viewOf(o, tensor([...o.shape.slice(0, -2), o.shape[o.shape.length - 1] ?? 0, o.shape[o.shape.length - 2] ?? 0]));
        if (attr === 'flat' && (o.vals || o.rowOf)) return viewOf(o, tensor([o.shape.reduce((a, b) => a * b, 1)]));
        if (attr === 'ndim') return num(o.shape.length, true);
        // A numpy array's `size` is its number of elements (a torch tensor's is a method).
        if (attr === 'size' && o.vals?.numpy) return num(o.shape.reduce((p, d) => p * d, 1), true);
        // A complex tensor's real part (a real one's is itself): the same shape. (`.imag` of a real one raises.)
        if (attr === 'real') return tensor(o.shape);
        // The dtype of a tensor just made by a factory (a model's input `torch.randint(…)`): torch's own.
        if (attr === 'dtype' && CREATED_DTYPE.has(o)) return { t: 'ref', name: CREATED_DTYPE.get(o)! };
        if (attr === 'device') return { t: 'unknown', reason: { en: attr, 'zh-cn': attr }, tensorLike: false, device: true };
        if (attr === 'dtype' || attr === 'is_cuda' || attr === 'requires_grad' || attr === 'grad') return notTensor(attr, attr);
        return { t: 'bound', recv: o, name: attr };
      }
      case 'data':
        return this.dataAttr(o.d, attr, o);
      case 'bound':
        // `super(SparseFeat, cls).__new__` in a namedtuple subclass's __new__: the tuple's own.
        if (o.name === '__super__' && attr === '__new__' && o.recv.t === 'class' && this.tupleBaseOf(o.recv.c as ClassDef)) return { t: 'bound', recv: o.recv, name: TUPLE_NEW };
        if (o.name === '__super__' && o.recv.t === 'class') return this.superAttr(attr, scope, o.recv.c as ClassDef);
        if (o.name === OBJ_DICT) return { t: 'bound', recv: o, name: attr };
        // A functools.partial's `.func`, `.args`, `.keywords` (CycleGAN's `norm_layer.func == nn.InstanceNorm2d`).
        if (o.name === PARTIAL && o.recv.t === 'seq') {
          const at = ['func', 'args', 'keywords'].indexOf(attr);
          if (at >= 0) return o.recv.items[at]!;
        }
        return unknownModule(`.${attr} is not known`, `.${attr} 未知`);
      case 'func': {
        // `f.__name__` (`is_lambda(d)`: `callable(d) and d.__name__ == "<lambda>"`); a decorated def may
        // carry another's name (functools.wraps), so only an undecorated one is read.
        if (attr !== '__name__') return { t: 'bound', recv: o, name: attr };
        if (o.f.expression) return { t: 'str', v: '<lambda>' };
        const def = (o.f.body as Node).parent;
        return def?.type === 'function_definition' && def.parent?.type !== 'decorated_definition' ? { t: 'str', v: o.f.name } : notTensor('the __name__ of a decorated function', '被装饰函数的 __name__');
      }
      case 'seq':
        // torch.return_types of topk / sort / max(dim) / min(dim) / median(dim)…: `.values`, `.indices`
        // (a plain tuple has neither: code that runs reads them only on those).
        if ((attr === 'values' || attr === 'indices') && o.tuple && o.items.length === 2 && !tupleTypeOf(o) && o.items.every((x) => x.t === 'tensor')) return o.items[attr === 'values' ? 0 : 1]!;
        return { t: 'bound', recv: o, name: attr };
      case 'dict':
      case 'str':
        return { t: 'bound', recv: o, name: attr };
      case 'num':
        // A float's methods (`.is_integer()`); its attributes (`.real`) are not followed.
        if (attr === 'is_integer' || attr === 'bit_length') return { t: 'bound', recv: o, name: attr };
        return unknownModule(`.${attr} of a number is not known`, `数字的 .${attr} 未知`);
      case 'unknown': {
        // `pixels.reshape(-1, 1, 28, 28)` of data read at run time: its rows' shape is known.
        if (attr === 'reshape' || attr === 'view' || (o.rows && ROWS_KEEPING.has(attr))) return { t: 'bound', recv: o, name: attr };
        if (o.rows) return this.getAttr(withoutRows(o), attr, scope);
        // `kwargs.update(…)` on a dict the branches built differently: which keys it has is no longer known.
        if (DICT_MUTATORS.has(attr)) forgetKeys(o);
        // `torch.__version__.split('.')`: not a version any more.
        if (o.version) return unknown(`${attr} of a version string the analysis does not read`, `分析不读取的版本字符串的 ${attr}`, false);
        // An attribute of a number is not that number (`p.imag`), nor surely a number.
        if (!o.num && !o.range) return o;
        const { num: _n, range: _r, ...rest } = o;
        return rest;
      }
      default:
        return unknownModule(`.${attr} is not known`, `.${attr} 未知`);
    }
  }

  /** After the instance and its class: dict's methods, then `__getattr__` (a method, or `dict.__getitem__` / `dict.get`). */
  private dictSubclassAttr(o: Value & { t: 'obj' }, c: ClassDef, attr: string): Value {
    if (DICT_METHODS.has(attr)) return { t: 'bound', recv: o, name: attr };
    const hook = this.index.findMethod(c, '__getattr__');
    if (hook) return this.invokeFunction(this.makeFunction(hook.node, new Map(), o, 'method', hook.owner.program, hook.owner), { positional: [{ value: { t: 'str', v: attr } }], keyword: new Map() }, false, hook.owner);
    const ref = this.classAttr(c, '__getattr__');
    const kind = ref?.t === 'ref' ? DICT_ITEM_REF.exec(ref.name)?.[1] : undefined;
    if (kind === '__getitem__' || kind === 'get') {
      const d = this.dictView(o);
      if (d?.t !== 'dict') return d ?? NONE;
      return d.entries.find(([k]) => k === attr)?.[1] ?? (kind === 'get' ? NONE : unknownModule(`${o.cls} has no key '${attr}'`, `${o.cls} 没有键 '${attr}'`));
    }
    return unknownModule(`${o.cls}.${attr} is not known`, `${o.cls}.${attr} 未知`);
  }

  private dataAttr(d: DataValue, attr: string, o: Value): Value {
    if (d.kind === 'loader' && attr === 'dataset') return notTensor('the loader\'s dataset', '数据加载器的数据集');
    const field = d.kind === 'dataset' ? d.fields?.[attr] : undefined;
    if (field) return field;
    if (d.kind === 'dataset' && (attr === 'classes' || attr === 'targets' || attr === 'data')) return notTensor(`dataset.${attr}`, `dataset.${attr}`);
    return { t: 'bound', recv: o, name: attr };
  }

  /** Runs a try body: with a handler that catches PyTorch's errors, the errors it would report are not reported. */
  private caught<T>(catching: boolean, run: () => T): T {
    if (!catching) return run();
    this.catchingErrors++;
    try {
      return run();
    } finally {
      this.catchingErrors--;
    }
  }

  /** Might an object of a workspace class hold this attribute though the analysis read none (a class attribute, `__getattr__`, a base it cannot see)? */
  private objectMayHold(o: Value & { t: 'obj' }, name: string): boolean {
    const c = o.def as ClassDef | undefined;
    if (!c) return false;
    return this.index.mro(c).some((k) => typeof k === 'string' ? !/^(?:object|builtins\.object)$/.test(k) : k.attrs.has(name) || k.methods.has(name) || k.methods.has('__getattr__') || k.methods.has('__getattribute__'));
  }

  /** `super().attr`: the next definition along the bases of the class whose method is running. */
  private superAttr(attr: string, scope: Scope, owner: ClassDef | undefined): Value {
    const self = scope.self;
    if (!owner || !self) return unknownModule('super() outside a method', '方法之外的 super()');
    // What follows `owner` along the MRO of self's own class (a diamond's super() reaches the
    // sibling, not the shared base), or of `owner` when self's class is not known.
    const selfClass = (self.t === 'module' ? this.mods.get(self.m)?.userClass : self.t === 'obj' ? self.def : undefined) as ClassDef | undefined;
    const along = selfClass && this.index.mro(selfClass).includes(owner) ? selfClass : owner;
    const next = this.index.findMethodAfter(along, owner, attr);
    const torchNext = self.t === 'module' && (attr === '__init__' || attr === 'forward') && next !== undefined && 'library' in next && isTorchBase(next.library);
    if (next && !('library' in next)) return { t: 'func', f: this.makeFunction(next.node, new Map(), self, 'method', next.owner.program, next.owner) };
    if (next && 'library' in next && !torchNext) {
      // A library class before any workspace one: its method is not seen; a workspace class after it may still have it.
      const later = this.index.mro(along).slice(this.index.mro(along).indexOf(owner) + 1).find((k): k is ClassDef => typeof k !== 'string' && k.methods.has(attr));
      if (later) return { t: 'func', f: this.makeFunction(later.methods.get(attr)!.node, new Map(), self, 'method', later.program, later) };
    }
    if (attr === '__init__' && self.t === 'obj') {
      // A dataclass base's generated __init__ (`super().__init__(expand_ratio, kernel, …)`).
      const dc = this.dataclassBase(owner);
      if (dc) return { t: 'bound', recv: { t: 'seq', tuple: true, items: [self, { t: 'class', c: dc }] }, name: DATACLASS_INIT };
    }
    if (attr === '__init__' && self.t === 'obj' && self.items) return { t: 'bound', recv: self, name: DICT_INIT };
    if (attr === '__getitem__' && self.t === 'obj' && self.items) return { t: 'bound', recv: self, name: DICT_GETITEM };
    if (attr === '__setitem__' && self.t === 'obj' && self.items) return { t: 'bound', recv: self, name: DICT_SETITEM };
    if (attr === '__init__') return { t: 'bound', recv: self, name: '__torch_init__' };
    if (attr === 'forward') return { t: 'bound', recv: self, name: '__torch_forward__' };
    return { t: 'bound', recv: self, name: attr };
  }

  /** Instances Python refuses attribute writes on: a `@dataclass(frozen=True)` class (or a subclass), a typing.NamedTuple. */
  private frozenClass(c: ClassDef): 'dataclass' | 'namedtuple' | undefined {
    for (const k of this.index.mro(c)) {
      if (typeof k === 'string') continue;
      if (k.bases.some((b) => /^(?:typing\.)?NamedTuple$/.test(b)) && k === c) return 'namedtuple';
      const deco = k.node.parent?.type === 'decorated_definition' ? this.nc.text(k.node.parent).slice(0, k.node.startIndex - k.node.parent.startIndex) : '';
      if (/@\s*(?:dataclasses\.)?dataclass\s*\([^)]*\bfrozen\s*=\s*True/.test(deco)) return 'dataclass';
    }
    return undefined;
  }

  /** The nearest base class that is a dataclass (its fields make the generated __init__). */
  private dataclassBase(c: ClassDef, depth = 0): ClassDef | undefined {
    if (depth > 10) return undefined;
    for (const base of this.index.bases(c)) {
      if (base.isDataclass) return base;
      const deeper = this.dataclassBase(base, depth + 1);
      if (deeper) return deeper;
    }
    return undefined;
  }

  /** A field's value when the call gives none: `field(default=4)`, or a new one from `field(default_factory=list)` for each instance. */
  private dataclassDefault(v: Value, c: ClassDef): Value {
    if (v.t !== 'obj' || v.cls !== 'field') return v;
    const d = v.attrs.get('default');
    if (d) return d;
    const factory = v.attrs.get('default_factory');
    return factory ? this.apply(factory, { positional: [], keyword: new Map() }, c.node, { vars: new Map(), recordFlow: false, program: c.program }) : unknownModule('a dataclass field with no default', '没有默认值的 dataclass 字段');
  }

  /** Binds a dataclass's fields to an object, as its generated __init__ does. */
  private dataclassInit(obj: Value & { t: 'obj' }, c: ClassDef, args: ArgList): void {
    const fields = this.index.fields(c);
    const fake: Callable = { kind: 'function', params: fields.map((f) => f.name), defaults: new Map(fields.filter((f) => f.default).map((f) => [f.name, f.default!])), body: c.node, closure: new Map(), expression: false, name: c.name, program: c.program };
    for (const [k, v] of this.bind(fake, args, fake.params)) obj.attrs.set(k, this.dataclassDefault(v, c));
  }

  private sliceValue(node: Node, scope: Scope): Value {
    const parts: (Node | null)[] = [null, null, null];
    let idx = 0;
    for (const c of node.children) {
      if (!c) continue;
      if (!c.isNamed && this.nc.text(c) === ':') idx++;
      else if (c.isNamed && idx < 3) parts[idx] = c;
    }
    const ev = (n: Node | null): Value => (n ? indexNumber(this.safeEval(n, scope)) : NONE);
    return { t: 'slice', start: ev(parts[0] ?? null), stop: ev(parts[1] ?? null), step: ev(parts[2] ?? null) };
  }

  private subscript(node: Node, scope: Scope): Value {
    const valueNode = this.nc.field(node, 'value');
    if (!valueNode) return unknown('incomplete subscript', '下标不完整');
    const base = this.safeEval(valueNode, scope);
    const idxNodes = this.nc.fields(node, 'subscript').filter((n): n is Node => n !== null);
    const idx = idxNodes.map((n) => this.safeEval(n, scope));
    // `self.__dict__[key]` of an instance of a plain class: its attribute of that name (a KeyError when it has none).
    const dictOwner = valueNode.type === 'attribute' && this.nc.field(valueNode, 'attribute')?.text === '__dict__' ? this.nc.field(valueNode, 'object') : null;
    const dictOf = dictOwner ? this.safeEval(dictOwner, scope) : undefined;
    if (dictOf?.t === 'obj' && !dictOf.items && !tupleTypeOf(dictOf) && idx.length === 1) {
      const key = idx[0]!;
      return key.t === 'str' && dictOf.attrs.has(key.v) ? dictOf.attrs.get(key.v)! : unknownModule(`${dictOwner!.text}.__dict__[…]: an entry the analysis does not know`, `${dictOwner!.text}.__dict__[…]：分析不知道的条目`);
    }
    // `sys.modules[__name__]`: the running file's own module (`__name__` reads as '__main__').
    if (base.t === 'ref' && base.name === 'sys.modules' && idx.length === 1 && idx[0]?.t === 'str' && idx[0].v === '__main__') return { t: 'pymod', p: scope.program };
    // `config['model']` on an instance of a plain class with its own __getitem__ (a config wrapper): it runs.
    const getItem = base.t === 'obj' && !base.items && base.def && idx.length === 1 && !tupleTypeOf(base) ? this.index.findMethod(base.def as ClassDef, '__getitem__') : undefined;
    if (getItem && base.t === 'obj') return this.invokeFunction(this.makeFunction(getItem.node, new Map(), base, 'method', getItem.owner.program, getItem.owner), { positional: [{ value: idx[0]! }], keyword: new Map() }, false, getItem.owner);
    // `x[:, ::-1]` in a forward: a torch tensor takes no negative slice step (NumPy's arrays do; outside a forward one may be an array).
    const flip = this.moduleDepth > 0 && base.t === 'tensor' && !this.mayHoldArrays(node) ? idx.flatMap((i) => (i.t === 'seq' && i.tuple ? i.items : [i])).find((i) => i.t === 'slice' && i.step.t === 'num' && i.step.v < 0) : undefined;
    if (flip) {
      // (Unknown, not an error: a NumPy array reaching the forward — an argument, an attribute, a batch's item — reverses.)
      const why = { en: 'a negative slice step: a torch tensor refuses it (ValueError: step must be greater than zero; torch.flip reverses a dim), a NumPy array reverses', 'zh-cn': '负的切片步长：torch 张量会拒绝（ValueError：step 必须大于零；可用 torch.flip 反转某一维），NumPy 数组则会反转' };
      if (this.catchingErrors > 0) this.raisesInTry('ValueError', why);
      return unknown(why.en, why['zh-cn']);
    }
    return this.index1(base, idx);
  }

  private readonly codeTexts = new WeakMap<PyProgram, string>();

  /** A program's text with its `#` comments blanked (what the code, not its notes, says), read once. */
  private codeOf(p: PyProgram): string {
    let code = this.codeTexts.get(p);
    if (code === undefined) this.codeTexts.set(p, (code = this.nc.text(p.root).replace(/#[^\n]*/g, '')));
    return code;
  }

  /** Does the code of any program read so far match? (Text tests that keep a rule away from code it cannot follow.) */
  private loadedCodeMatches(re: RegExp): boolean {
    return (this.loader.loaded?.() ?? []).some((p) => re.test(this.codeOf(p)));
  }

  /** Where code sets or edits a transform of an object other than `self` (a dataset's, after it was built), as "file:line"; undefined when none does. */
  private transformRewritten(p: PyProgram | undefined): string | undefined {
    for (const prog of new Set([p, ...(this.loader.loaded?.() ?? [])])) {
      if (!prog) continue;
      const text = this.codeOf(prog);
      const hit = TRANSFORM_REWRITE.exec(text);
      if (hit) return `${prog.file.split(/[\\/]/).pop()}:${text.slice(0, hit.index).split('\n').length}`;
    }
    return undefined;
  }

  /**
   * A call whose result is dropped that changes a name's value in place in ways the analysis does not
   * follow — `dims.sort()` of a NumPy array (a torch tensor's sort changes nothing, so a dropped one
   * is an array's), `np.put(a, …)`, `heapq.heappush(h, …)`, `list.append(xs, …)`, `np.clip(a, …, out=a)`:
   * from here on an array keeps only its shape, anything else is unknown.
   */
  private forgetChangedInPlace(call: Node, scope: Scope): void {
    const fn = this.nc.field(call, 'function');
    const args = this.nc.field(call, 'arguments');
    if (!fn || !args) return;
    const targets: Node[] = [];
    const fnText = this.nc.text(fn);
    if (fn.type === 'attribute' && /^(?:sort|itemset|partition|fill|put|byteswap|setfield|shuffle)$/.test(this.nc.field(fn, 'attribute')?.text ?? '')) {
      const obj = this.nc.field(fn, 'object');
      const v = obj?.type === 'identifier' ? this.safeEval(obj, scope) : undefined;
      if (obj && v?.t === 'tensor') targets.push(obj);
    }
    const first = this.nc.kids(args).find((k) => k.type !== 'comment' && k.type !== 'keyword_argument');
    if (/^(?:np|numpy)\.(?:put|copyto|place|putmask|put_along_axis|fill_diagonal)$|^(?:np|numpy)\.ndarray\.(?:sort|itemset|partition|fill|put|resize)$|^heapq\.\w+$|^bisect\.insort\w*$|^(?:list|dict|set)\.\w+$|^operator\.i\w+$/.test(fnText) && first?.type === 'identifier') targets.push(first);
    for (const k of this.nc.kids(args)) {
      if (k.type === 'keyword_argument' && this.nc.field(k, 'name')?.text === 'out' && this.nc.field(k, 'value')?.type === 'identifier') targets.push(this.nc.field(k, 'value')!);
    }
    for (const t of targets) {
      // An array keeps its shape (sort, put, fill_diagonal change values only); its values and anything else are unknown.
      const was = this.safeEval(t, scope);
      const why = unknown(`${this.nc.text(t)} is changed in place by ${compactCall(fnText)}(), which the analysis does not follow`, `${this.nc.text(t)} 被 ${compactCall(fnText)}() 原地修改，分析不跟踪`);
      this.bindName(this.nc.text(t), was.t === 'tensor' && !/resize$/.test(fnText) ? tensor(was.shape) : why, scope);
    }
  }

  /** The function around `node` may make NumPy arrays (`x.numpy()`, `np.…`), which the analysis holds as tensors too. */
  private mayHoldArrays(node: Node): boolean {
    let f: Node | null = node.parent;
    while (f && f.type !== 'function_definition') f = f.parent;
    return !f || /\.numpy\s*\(|\bnp\.|\bnumpy\.|\bcv2\.|\bPIL\b|\bImage\./.test(this.nc.text(f));
  }

  /**
   * itertools' combinatorics over sequences the analysis can list (`for a, b in
   * combinations(range(fields), 2)`, a ModuleList of one layer per pair): the tuples in
   * Python's order; undefined (not followed) otherwise.
   */
  private itertoolsCall(f: string, args: ArgList, node: Node, scope: Scope): Value | undefined {
    if (args.unknownRest) return undefined;
    const once = (items: Value[]): Value => ({ t: 'seq', items, tuple: false, iterator: { done: false } });
    if (f === 'cycle') {
      // cycle(xs): xs again and again, read only by what stops it (zip with a finite list, islice, next).
      const list = args.positional.length === 1 && args.keyword.size === 0 ? this.iterate(args.positional[0]!.value) : undefined;
      if (!list?.exact || list.items.length === 0) return undefined;
      return { t: 'seq', items: [...list.items], tuple: false, iterator: { done: false, cycle: true }, unsized: { why: { en: 'itertools.cycle never ends', 'zh-cn': 'itertools.cycle 没有尽头' }, from: 0 } };
    }
    if (f === 'accumulate' || f === 'islice' || f === 'pairwise' || f === 'repeat') return this.itertoolsMore(f, args, once, node, scope);
    // combinations(xs, r) / permutations(xs, r) take one iterable; product(*xs) and chain(*xs) all.
    const iterables = f === 'product' || f === 'chain' ? args.positional : args.positional.slice(0, 1);
    if (f === 'chain.from_iterable' && args.positional.length !== 1) return undefined;
    const lists = iterables.map((p) => this.iterate(p.value));
    if (lists.some((l) => !l?.exact)) return undefined;
    const items = lists.map((l) => l!.items);
    const r = args.keyword.get('r')?.value ?? args.positional[1]?.value;
    const tuples: Value[][] = [];
    // Long products are grids of numbers (SSD's 38 × 38 prior boxes), not layers: left unknown, as before, rather than spend the step budget.
    const tooMany = (): boolean => tuples.length > MAX_ITERTOOLS;
    if ((f === 'combinations' || f === 'combinations_with_replacement' || f === 'permutations') && items.length >= 1) {
      const pool = items[0]!;
      const k = r === undefined && f === 'permutations' ? pool.length : asInt(r ?? NONE);
      if (k === undefined || k < 0 || args.positional.length > 2) return undefined;
      const pick = (start: number, chosen: number[]): void => {
        if (tooMany()) return;
        if (chosen.length === k) {
          tuples.push(chosen.map((i) => pool[i]!));
          return;
        }
        for (let i = f === 'permutations' ? 0 : start; i < pool.length; i++) {
          if (f === 'permutations' && chosen.includes(i)) continue;
          pick(f === 'combinations' ? i + 1 : i, [...chosen, i]);
        }
      };
      pick(0, []);
    } else if (f === 'product' && args.keyword.size <= 1) {
      const repeat = asInt(args.keyword.get('repeat')?.value ?? num(1, true));
      if (repeat === undefined || repeat < 0 || (args.keyword.size === 1 && !args.keyword.has('repeat'))) return undefined;
      const pools = Array.from({ length: repeat }, () => items).flat();
      let acc: Value[][] = [[]];
      for (const pool of pools) {
        acc = acc.flatMap((t) => pool.map((x) => [...t, x]));
        if (acc.length > MAX_ITERTOOLS) return undefined;
      }
      tuples.push(...acc);
    } else if (f === 'chain' && args.keyword.size === 0) {
      return once(items.flat());
    } else if (f === 'chain.from_iterable' && args.keyword.size === 0 && items.length === 1) {
      // from_iterable(xss): each of xss's items in turn, each listed whole.
      const inner = items[0]!.map((x) => this.iterate(x));
      if (inner.some((l) => !l?.exact)) return undefined;
      return once(inner.flatMap((l) => l!.items));
    } else return undefined;
    if (tooMany()) return undefined;
    return once(tuples.map((t) => ({ t: 'seq', items: t, tuple: true })));
  }

  /** itertools.accumulate(xs[, func], initial=…), islice(xs, [start,] stop[, step]), pairwise(xs), repeat(x, n). */
  private itertoolsMore(f: string, args: ArgList, once: (items: Value[]) => Value, node: Node, scope: Scope): Value | undefined {
    if (f === 'repeat') {
      const n = asInt(args.positional[1]?.value ?? args.keyword.get('times')?.value ?? NONE);
      const x = args.positional[0]?.value ?? args.keyword.get('object')?.value;
      // Without a count it never ends.
      return x && n !== undefined && n >= 0 && n <= MAX_LOOP ? once(Array.from({ length: n }, () => x)) : undefined;
    }
    const first = args.positional[0]?.value;
    // islice of a cycle: as many items as the slice takes, round and round.
    if (f === 'islice' && first?.t === 'seq' && first.iterator?.cycle) {
      const stop = asInt(args.positional.length === 2 ? args.positional[1]!.value : NONE);
      if (stop === undefined || stop < 0 || stop > MAX_LOOP || args.keyword.size > 0) return undefined;
      return once(Array.from({ length: stop }, () => nextOf(first)!));
    }
    const list = first ? this.iterate(first) : undefined;
    if (!list?.exact) return undefined;
    const xs = list.items;
    if (f === 'pairwise') return args.positional.length === 1 ? once(xs.slice(1).map((x, i): Value => ({ t: 'seq', items: [xs[i]!, x], tuple: true }))) : undefined;
    if (f === 'islice') {
      // islice(xs, stop) / islice(xs, start, stop[, step]); None for no bound; no negative values.
      const bound = (v: Value | undefined, dflt: number | undefined): number | undefined | null => (v === undefined || v.t === 'none' ? dflt : (asInt(v) ?? null));
      const [a, b, c] = args.positional.slice(1).map((p) => p.value);
      const start = args.positional.length > 2 ? bound(a, 0) : 0;
      const stop = args.positional.length > 2 ? bound(b, xs.length) : bound(a, xs.length);
      const step = bound(c, 1);
      if (start == null || stop == null || step == null || start < 0 || stop < 0 || step < 1 || args.keyword.size > 0) return undefined;
      const out: Value[] = [];
      for (let i = start; i < Math.min(stop, xs.length); i += step) out.push(xs[i]!);
      return once(out);
    }
    // accumulate: running sums (or func(acc, x)), starting from `initial` when given.
    const func = args.positional[1]?.value ?? args.keyword.get('func')?.value;
    const initial = args.keyword.get('initial')?.value;
    if (args.positional.length > 2 || [...args.keyword.keys()].some((k) => k !== 'func' && k !== 'initial')) return undefined;
    const out: Value[] = [];
    let acc: Value | undefined = initial && initial.t !== 'none' ? initial : undefined;
    if (acc) out.push(acc);
    for (const x of xs) {
      acc = acc === undefined ? x : func && func.t !== 'none' ? this.apply(func, { positional: [{ value: acc }, { value: x }], keyword: new Map() }, node, scope) : this.binary('+', acc, x, node);
      out.push(acc);
    }
    return once(out);
  }

  /**
   * A module compared with a string, number or None (`self.activation == 'linear'` where the
   * activation became a layer): nn.Module compares by identity, so never equal, unless the code's
   * own class defines __eq__. undefined: not such a comparison.
   */
  /**
   * `t.size()` / `t.shape` of a tensor named by a plain name or attribute chain: a torch.Size made by
   * this very evaluation (PyTorch builds a new one each time), so no other object is it.
   */
  private freshSize(node: Node, v: Value, scope: Scope): boolean {
    if (v.t !== 'unknown' && !(v.t === 'seq' && v.size)) return false;
    let receiver: Node | null = null;
    if (node.type === 'call') {
      const fn = this.nc.field(node, 'function');
      const args = this.nc.field(node, 'arguments');
      if (fn?.type !== 'attribute' || this.nc.field(fn, 'attribute')?.text !== 'size' || !args || args.namedChildCount > 0) return false;
      receiver = this.nc.field(fn, 'object');
    } else if (node.type === 'attribute' && this.nc.field(node, 'attribute')?.text === 'shape') receiver = this.nc.field(node, 'object');
    if (!receiver || !/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/.test(this.nc.text(receiver))) return false;
    const r = this.safeEval(receiver, scope);
    return r.t === 'tensor' || (r.t === 'unknown' && r.tensorLike === true && !r.mod);
  }

  private moduleEquals(op: string, a: Value, b: Value): boolean | undefined {
    if (op !== '==' && op !== '!=') return undefined;
    const [m, other] = a.t === 'module' ? [a, b] : b.t === 'module' ? [b, a] : [undefined, undefined];
    if (!m || !other || !(other.t === 'str' || other.t === 'num' || other.t === 'none' || other.t === 'bool')) return undefined;
    const inst = this.mods.get(m.m);
    if (!inst || (inst.userClass && (this.index.findMethod(inst.userClass, '__eq__') || this.index.findMethod(inst.userClass, '__ne__')))) return undefined;
    return op === '!=';
  }

  /**
   * `'mixnet_s' in globals()` / `in module.__dict__`: true when the file defines or imports the
   * name; a name the analysis cannot find stays undecided (code it does not follow may define it).
   * undefined: not such a test; null: undecided.
   */
  private namespaceHas(op: string, a: Value, b: Value): boolean | null | undefined {
    if ((op !== 'in' && op !== 'not in') || b.t !== 'bound' || b.name !== OBJ_DICT || b.recv.t !== 'pymod') return undefined;
    if (a.t !== 'str' || this.global(b.recv.p as PyProgram, a.v) === undefined) return null;
    return op === 'in';
  }

  /** What a defaultdict's factory makes for a missing key: `list` → [], `int` → 0, a function's result. */
  private defaultMade(factory: Value): Value {
    if (factory.t === 'func') return this.invokeFunction(factory.f, { positional: [], keyword: new Map() }, false);
    const made: Record<string, () => Value> = {
      'builtins.list': () => ({ t: 'seq', items: [], tuple: false }),
      'builtins.dict': () => ({ t: 'dict', entries: [] }),
      'builtins.set': () => ({ t: 'seq', items: [], tuple: false, set: true }),
      'builtins.int': () => num(0, true),
      'builtins.float': () => num(0, false),
      'builtins.str': () => ({ t: 'str', v: '' }),
    };
    const make = factory.t === 'ref' ? made[factory.name] : undefined;
    return make ? make() : unknownModule('what the defaultdict factory makes', 'defaultdict 工厂生成的值');
  }

  private index1(base00: Value, idx0: Value[]): Value {
    const base0 = this.dictView(base00)!;
    // `(1, 3)[flag]` (SSD's extra layers): a bool indexes a list or tuple as 0 / 1 (a tensor's does not).
    const idx = base0.t === 'seq' && idx0.length === 1 && idx0[0]?.t === 'bool' ? [num(idx0[0].v ? 1 : 0, true)] : idx0;
    const i = idx[0];
    // `models.__dict__[args.arch]`: a module's name looked up by a string (torchvision's builders).
    if (i?.t === 'str' && idx.length === 1) {
      if (base0.t === 'bound' && base0.name === OBJ_DICT && base0.recv.t === 'pymod') return this.global(base0.recv.p as PyProgram, i.v) ?? unknownModule(`${i.v} is not defined in ${base0.recv.p.file}`, `${base0.recv.p.file} 中没有 ${i.v}`);
      if (base0.t === 'ref' && base0.name.endsWith('.__dict__')) return this.libraryName(`${base0.name.slice(0, -'.__dict__'.length)}.${i.v}`) ?? unknownModule(`${base0.name}[${JSON.stringify(i.v)}] is not something the analysis knows`, `分析不认识 ${base0.name}[${JSON.stringify(i.v)}]`);
    }
    // A namedtuple indexes like the tuple of its fields.
    // (A PackedSequence is one too: `hiddens[0]` is its data.)
    const base: Value = tupleTypeOf(base0) || isPacked(base0) ? { t: 'seq', items: [...(base0 as Value & { t: 'obj' }).attrs.values()], tuple: true } : base0;
    if (base.t === 'seq' || base.t === 'str') {
      const items: Value[] = base.t === 'seq' ? base.items : [...base.v].map((ch) => ({ t: 'str', v: ch }));
      if (idx.length !== 1 || !i) return unknown('subscript', '下标');
      // A list that took items the analysis cannot list: only the places before them are known.
      if (base.t === 'seq' && base.unsized && !(i.t === 'num' && i.int && i.v >= 0 && i.v < base.unsized.from)) return unknownModule(`an item of a list ${base.unsized.why.en}`, `列表的元素：${base.unsized.why['zh-cn']}`);
      if (i.t === 'num' && i.int) {
        const item = items[i.v < 0 ? items.length + i.v : i.v];
        if (item) return item;
        // An empty tuple or list (the `anchors=()` default a builder always replaces) has no item:
        // Python raises IndexError, so a constructor that surely gets here builds no module.
        // (Any index past either end of a list the analysis holds whole raises so: a try may catch it.)
        const what = base.t === 'str' ? ['string', '字符串'] : base.tuple ? ['tuple', '元组'] : ['list', '列表'];
        (items.length === 0 ? this.surelyRaises : this.raisesInTry).call(this, 'IndexError', items.length === 0 ? { en: `index ${i.v} of an empty ${what[0]} raises IndexError`, 'zh-cn': `空${what[1]}的下标 ${i.v} 会抛出 IndexError` } : { en: `index ${i.v} of a ${what[0]} of ${items.length} raises IndexError`, 'zh-cn': `长度为 ${items.length} 的${what[1]}的下标 ${i.v} 会抛出 IndexError` });
        return unknown(`index ${i.v} is out of range`, `下标 ${i.v} 越界`);
      }
      // A sample index the loader picks, into a list of tensors all of one shape: a tensor of that shape.
      if (i.t === 'unknown' && i.index && base.t === 'seq' && items.length > 0) {
        const first = items[0]!;
        if (first.t === 'tensor' && items.every((x) => x.t === 'tensor' && x.shape.join() === first.shape.join())) return tensor(first.shape);
      }
      if (i.t === 'slice') {
        const r = sliceRange(i, items.length);
        // A window of a list of numbers (or of tensors of one shape) at the sample index: T items of that kind.
        const window = r || base.t !== 'seq' ? undefined : windowLength(i, items.length);
        const first = items[0];
        if (window !== undefined && base.t === 'seq' && first && items.every((x) => x.t === 'num')) return { t: 'seq', items: Array.from({ length: window }, () => ({ t: 'unknown', reason: { en: 'an item of a window the loader picks', 'zh-cn': '数据加载器选取的窗口中的一项' }, tensorLike: false, num: true }) as Value), tuple: base.tuple };
        if (window !== undefined && base.t === 'seq' && first?.t === 'tensor' && items.every((x) => x.t === 'tensor' && x.shape.join() === first.shape.join())) return { t: 'seq', items: Array.from({ length: window }, () => tensor(first.shape)), tuple: base.tuple };
        if (!r) return unknownModule('slice', '切片');
        const picked = pick(items, r);
        return base.t === 'str' ? { t: 'str', v: picked.map((p) => (p as { v: string }).v).join('') } : { t: 'seq', items: picked, tuple: base.tuple };
      }
      return unknownModule('subscript', '下标');
    }
    if (base.t === 'module') {
      const m = this.mods.get(base.m);
      if (m && i?.t === 'slice' && m.container) {
        const r = sliceRange(i, m.children.length);
        if (!r || m.uncertain || m.nones?.size) return unknownModule('slice of a container', '容器切片');
        const sub = this.mods.newModule(m.kind, m.callee, m.node);
        sub.container = m.container;
        for (const c of pick(m.children, r)) sub.children.push(c);
        return { t: 'module', m: sub };
      }
      return m && i ? this.mods.index(m, i) : unknownModule('subscript of a module', '模块下标');
    }
    if (base.t === 'dict') {
      const key = i ? dictKey(i) : undefined;
      if (key !== undefined) {
        const hit = base.entries.find(([k]) => k === key)?.[1];
        if (hit) return hit;
        // A defaultdict: the factory's value, stored under the key (`groups[name].append(x)`).
        if (base.factory && base.entries.every(([k]) => k !== '\u0000?')) {
          const made = this.defaultMade(base.factory);
          this.willChange(base);
          base.entries.push([key, made]);
          return made;
        }
        // A dict whose every key is known lacks this string key: Python raises KeyError, which a try of this function may catch.
        const complete = base.entries.every(([k]) => k !== '\u0000?');
        if (complete && i?.t === 'str' && this.tryDepths[this.tryDepths.length - 1] === this.raiseHere()) throw new PyRaise('KeyError', `KeyError: '${key}'`);
        return unknownModule(`no key '${key}'`, `没有键 '${key}'`);
      }
      return unknownModule('dict lookup', '字典查找');
    }
    // An item of a 1-D tensor of known values keeps its value (`n_channels[0]`).
    // `ix[k]` of such a draw: one index.
    if (base.t === 'tensor' && base.below && base.shape.length === 1 && idx.length === 1 && i?.t === 'num' && i.int && i.v < (base.shape[0] ?? 0) && i.v >= -(base.shape[0] ?? 0)) return drawnIndex(base.below);
    // A row of a numpy integer table, or one of its items (`conv_params[i][0]`, `conv_params[-1, 0]`).
    const row = base.t === 'tensor' ? tableRow(base, i) : undefined;
    if (row && idx.length === 1) return row;
    const j = idx[1];
    if (row?.t === 'tensor' && row.vals && idx.length === 2 && j?.t === 'num' && j.int && j.v >= -row.vals.v.length && j.v < row.vals.v.length) return num(row.vals.v.at(j.v)!, true);
    if (base.t === 'tensor' && base.vals && base.shape.length === 1 && idx.length === 1 && i?.t === 'num' && i.int) {
      const at = i.v < 0 ? base.vals.v.length + i.v : i.v;
      if (at >= 0 && at < base.vals.v.length && base.vals.numpy && base.vals.int) return num(base.vals.v[at]!, true);
      if (at >= 0 && at < base.vals.v.length) return { t: 'tensor', shape: [], vals: { v: [base.vals.v[at]!], e: [base.vals.e[at]!], int: base.vals.int } };
    }
    if (base.t === 'tensor') {
      const picked0 = keepSource(base, plainTensor(indexTensor(base.shape, idx)));
      const picked = base.param || base.paramView ? asParamView(picked0) : picked0;
      // Items of an integer tensor are integers; a slice of an array of known values views it.
      return viewOf(base, integerTensor(picked, base.index === true));
    }
    if (base.t === 'data' && base.d.kind === 'dataset') return base.d.sample;
    // `cfg['model']`, then `cfg['model']['emb']`: a section, then its option's text.
    if (base.t === 'data' && (base.d.kind === 'ini' || base.d.kind === 'iniSection') && idx.length === 1 && i) {
      const ini = base.d.kind === 'ini' ? base.d : base.d.ini;
      if (ini.opaque) return notTensor(`configparser: ${ini.opaque}`, `configparser：${ini.opaque}`);
      if (base.d.kind === 'iniSection') return iniSectionItem(ini, base.d.name, i);
      if (i.t !== 'str') return notTensor('a configparser section the analysis cannot read', '分析无法读取的 configparser 节');
      return i.v === 'DEFAULT' || ini.sections.has(i.v) ? { t: 'data', d: { kind: 'iniSection', ini, name: i.v } } : notTensor(`configparser: no section '${i.v}' (KeyError)`, `configparser：没有节 '${i.v}'（KeyError）`);
    }
    if (base.t === 'ref' || base.t === 'class') return base; // type hints: List[int], Optional[Tensor]
    // `self.stride[i]` while YOLOv5's Detect.stride is still the class's None: Python raises TypeError; no module comes of it.
    if (base.t === 'none' || base.t === 'num' || base.t === 'bool') return unknown(`a ${base.t === 'none' ? 'None' : base.t === 'bool' ? 'bool' : 'number'} is not subscriptable (TypeError)`, `${base.t === 'none' ? 'None' : base.t === 'bool' ? '布尔值' : '数字'}不可下标（TypeError）`);
    if (base.t === 'unknown' && base.values && idx.length === 1 && i?.t !== 'slice') return base.values;
    if (base.t === 'unknown' && base.rows) {
      // One row (`X[idx]`, an int): its shape; rows sliced off the front (`X[:1000]`): rows still.
      if (idx.length === 1 && ((i?.t === 'unknown' && i.index) || (i?.t === 'num' && i.int))) return tensor(base.rows);
      // A window `data[i:i + T]` at an index drawn below len(data) - T + 1 (nanoGPT's get_batch): T rows.
      const window = idx.length === 1 && i?.t === 'slice' ? windowLength(i, base) : undefined;
      if (window !== undefined) return tensor([window, ...base.rows]);
      // (A new value: its length is not the sliced one's.)
      if (idx.length === 1 && i?.t === 'slice' && (i.step.t === 'none' || (i.step.t === 'num' && i.step.int && i.step.v > 0))) return { ...base, reason: { en: 'a slice of data only the run decides', 'zh-cn': '只有运行时才知道的数据的切片' } };
      return withoutRows(base);
    }
    return base.t === 'unknown' ? (base.version ? unknown('a part of a version string', '版本字符串的一部分', false) : base) : unknownModule('subscript', '下标');
  }

  /**
   * `[pos / np.power(10000, 2 * (j // 2) / d) for j in range(512)]`: a long list of numbers (a
   * sinusoid table's row) whose values only numpy's array shape needs. One `for` over known items,
   * no condition, a body of arithmetic and pure math calls: the first items are computed (each a
   * number), the others are numbers of unknown value, so the list's length, and np.array's shape
   * of a list of such rows, are known without spending the step budget on 100,000 values.
   */
  private numberTable(node: Node, body: Node, clauses: Node[], scope: Scope): Value | undefined {
    if (this.nc.type(node) !== 'list_comprehension' || clauses.length !== 1 || this.nc.type(clauses[0]!) !== 'for_in_clause') return undefined;
    // `[i for i in range(n)]` costs a step an item: computed as usual.
    if (this.nc.type(body) === 'identifier') return undefined;
    const left = this.nc.field(clauses[0]!, 'left');
    const right = this.nc.field(clauses[0]!, 'right');
    if (!left || !right) return undefined;
    const pure = this.pureArithmetic(body, scope);
    if (!pure && (this.nc.type(left) !== 'identifier' || this.nc.type(body) !== 'call')) return undefined;
    const over = this.safeEval(right, scope);
    // An iterator is read once, by the comprehension itself.
    if (over.t === 'seq' && over.iterator) return undefined;
    const items = this.iterate(over);
    if (!items?.exact || items.items.length <= NUMBER_TABLE_MIN) return undefined;
    const inner: Scope = { ...scope, vars: new Map(scope.vars), recordFlow: false };
    if (!pure) {
      // Rows of a table (`[row_of(pos) for pos in range(1024)]`): the row made once for a position
      // of unknown value. When its shape is still known, no decision in it depended on the
      // position, so every row has that shape.
      inner.vars.set(left.text, { t: 'unknown', reason: { en: 'a position in a long table, not computed one by one', 'zh-cn': '长数值表中的位置，未逐项计算' }, tensorLike: false, num: true });
      const row = this.safeEval(body, inner);
      return row.t === 'seq' && row.items.length > 0 && nestedShape(row) ? { t: 'seq', items: items.items.map(() => row), tuple: false } : undefined;
    }
    const out: Value[] = [];
    for (const it of items.items.slice(0, 2)) {
      this.assignTarget(left, it, inner);
      const v = this.safeEval(body, inner);
      if (v.t !== 'num' && v.t !== 'bool') return undefined;
      out.push(v);
    }
    const rest: Value = { t: 'unknown', reason: { en: 'an item of a long table of numbers, not computed one by one', 'zh-cn': '长数值表中的一项，未逐项计算' }, tensorLike: false, num: true };
    while (out.length < items.items.length) out.push(rest);
    return { t: 'seq', items: out, tuple: false };
  }

  /**
   * Numbers, names, attributes, subscripts, arithmetic and calls of numpy's / math's functions only
   * (or of a function of the file that returns such an expression and does nothing else: the
   * sinusoid table's `cal_angle(pos, j)`): nothing a comprehension's body could change or leave early.
   */
  private pureArithmetic(node: Node, scope: Scope, depth = 0): boolean {
    const stack = [node];
    while (stack.length > 0) {
      const n = stack.pop()!;
      const type = this.nc.type(n);
      if (type === 'call') {
        const fn = this.nc.field(n, 'function');
        if (!fn) return false;
        const own = fn.type === 'identifier' && depth < 2 ? this.pureFunctionBody(fn.text, scope) : undefined;
        if (own && !this.pureArithmetic(own.body, { ...scope, program: own.program }, depth + 1)) return false;
        if (!own && !/^(?:np|numpy|math)\.\w+$|^(?:float|int|abs|round|pow|min|max)$/.test(fn.text)) return false;
        const args = this.nc.field(n, 'arguments');
        if (args) stack.push(args);
        continue;
      }
      if (!PURE_ARITHMETIC.has(type)) return false;
      for (const k of this.nc.kids(n)) if (k) stack.push(k);
    }
    return true;
  }

  /** The returned expression of a plain function `def f(a, b): return <expression>` a name is bound to here. */
  private pureFunctionBody(name: string, scope: Scope): { body: Node; program: PyProgram } | undefined {
    const v = scope.vars.get(name) ?? this.global(scope.program, name);
    if (v?.t !== 'func' || v.f.kind !== 'function' || v.f.expression || v.f.varargs || v.f.kwargs || v.f.defaults.size > 0) return undefined;
    const statements = this.nc.kids(v.f.body).filter((k): k is Node => k !== null && this.nc.type(k) !== 'comment');
    const only = statements.length === 1 && this.nc.type(statements[0]!) === 'return_statement' ? statements[0]!.namedChild(0) : null;
    return only ? { body: only, program: v.f.program as PyProgram } : undefined;
  }

  /**
   * A comprehension over data only the run decides (a file's text), whose item is surely one number:
   * `[stoi[c] for c in text]` is a list of that many numbers (rows [], so a tensor of it is 1-D, of
   * the data's length); `{ch: i for i, ch in enumerate(chars)}` a dict whose every value is an int.
   * Only for one `for` over a name (or `enumerate` of one) and an item that calls nothing: the item
   * is evaluated once, on an unknown element, and changes nothing.
   */
  private unsizedComprehension(node: Node, body: Node, clauses: Node[], scope: Scope, isDict: boolean): Value | undefined {
    const c = clauses[0];
    if (clauses.length !== 1 || !c || this.nc.type(c) !== 'for_in_clause' || (!isDict && this.nc.type(node) !== 'list_comprehension')) return undefined;
    const left = this.nc.field(c, 'left');
    const right = this.nc.field(c, 'right');
    const item = isDict ? this.nc.field(body, 'value') : body;
    if (!left || !right || !item || mayChangeState(this.nc.text(body))) return undefined;
    const pure = (n: Node | null): boolean => !!n && (n.type === 'identifier' || (n.type === 'attribute' && pure(this.nc.field(n, 'object'))));
    const enumerated = right.type === 'call' && this.nc.text(this.nc.field(right, 'function')) === 'enumerate' ? this.nc.field(right, 'arguments')?.namedChildren.filter((a): a is Node => a !== null) : undefined;
    const over = enumerated ? (enumerated.length === 1 ? enumerated[0] : undefined) : right;
    if (!over || !pure(over) || (enumerated && this.global(scope.program, 'enumerate'))) return undefined;
    const data = this.safeEval(over, scope);
    if (data.t !== 'unknown' || data.mod || data.rows || data.values) return undefined;
    const element = unknown('an item of data only the run decides', '只有运行时才知道的数据中的一项', false);
    const inner: Scope = { ...scope, vars: new Map(scope.vars), recordFlow: false };
    if (enumerated) {
      const names = left.type === 'pattern_list' || left.type === 'tuple_pattern' ? left.namedChildren : [];
      if (names.length !== 2 || names.some((n) => n?.type !== 'identifier')) return undefined;
      inner.vars.set(this.nc.text(names[0]!), { t: 'unknown', reason: { en: 'an index only the run decides', 'zh-cn': '只有运行时才知道的下标' }, tensorLike: false, num: true });
      inner.vars.set(this.nc.text(names[1]!), element);
    } else if (left.type === 'identifier') inner.vars.set(this.nc.text(left), element);
    else return undefined;
    const v = this.safeEval(item, inner);
    if (v.t !== 'num' && !(v.t === 'unknown' && v.num && !v.tensorLike)) return undefined;
    if (isDict) return { t: 'unknown', reason: { en: 'a dict whose keys only the run decides', 'zh-cn': '键只有运行时才知道的字典' }, tensorLike: false, values: v };
    return { t: 'unknown', reason: { en: 'a list as long as data only the run decides', 'zh-cn': '长度只有运行时才知道的列表' }, tensorLike: true, rows: [] };
  }

  /**
   * A list, set, dict comprehension or generator expression, unrolled. `consume` reads a generator
   * expression's items as they are made, as `any`/`all`/`next`/`in` do: it says after each item
   * whether to go on, stop there (the later items never run, nor their calls), or that it cannot
   * decide (the later items run as the body of an `if` the analysis cannot decide does).
   */
  private comprehension(node: Node, scope: Scope, isDict: boolean, consume?: (item: Value) => 'go' | 'stop' | 'undecided'): Value {
    const body = this.nc.field(node, 'body');
    const clauses = this.nc.kids(node).filter((n): n is Node => n !== null && (this.nc.type(n) === 'for_in_clause' || this.nc.type(n) === 'if_clause'));
    if (!body) return unknown('comprehension', '推导式');
    const table = isDict || consume ? undefined : this.numberTable(node, body, clauses, scope);
    if (table) return table;
    const unsized = consume ? undefined : this.unsizedComprehension(node, body, clauses, scope, isDict);
    if (unsized) return unsized;
    const out: Value[] = [];
    const entries: [string, Value][] = [];
    const numKeys = new Map<string, boolean>();
    const vars = new Map(scope.vars);
    const inner: Scope = { ...scope, vars, recordFlow: false };
    let why = { en: 'a comprehension the analysis cannot unroll', 'zh-cn': '无法展开的推导式' };
    // A table of numbers (200 × 512 sinusoid angles) is not worth the whole step budget: the
    // comprehension alone becomes unknown, the constructor around it goes on.
    const started = this.steps;
    // `[layer for layer, drop in zip(layers, to_drop) if not drop]`: a name kept or not by a last
    // condition the analysis cannot decide is a list that may hold it (nothing else runs for it).
    const filtersName = !isDict && this.nc.type(node) === 'list_comprehension' && this.nc.type(body) === 'identifier';
    const sure: boolean[] = [];
    let maybe = false;
    // One item per step: a consumer may stop reading after any of them.
    const run = function* (this: PyInterpreter, i: number): Generator<void, boolean> {
      if (out.length + entries.length > MAX_LOOP) return false;
      if (this.steps - started > MAX_STEPS / 4) {
        why = { en: 'a comprehension too long to follow', 'zh-cn': '推导式过长，无法跟踪' };
        return false;
      }
      const c = clauses[i];
      if (!c) {
        if (isDict) {
          const k = this.nc.field(body, 'key');
          const v = this.nc.field(body, 'value');
          const kv = k ? this.safeEval(k, inner) : NONE;
          const key = dictKey(kv);
          if (key === undefined || !v) return false;
          if (!entries.some(([e]) => e === key)) keyKind(numKeys, kv, key);
          setEntry(entries, key, this.safeEval(v, inner));
        } else {
          out.push(this.safeEval(body, inner));
          sure.push(!maybe);
          yield;
        }
        return true;
      }
      if (this.nc.type(c) === 'if_clause') {
        const cond = c.namedChild(0);
        const t = cond ? this.truthOf(this.safeEval(cond, inner)) : undefined;
        if (t === undefined) {
          if (!filtersName || i !== clauses.length - 1) return false;
          maybe = true;
          const ok = yield* run.call(this, i + 1);
          maybe = false;
          return ok;
        }
        return t ? yield* run.call(this, i + 1) : true;
      }
      const left = this.nc.field(c, 'left');
      const right = this.nc.field(c, 'right');
      const rv = right ? this.safeEval(right, inner) : NONE;
      const items = this.iterate(rv);
      if (!left || !items?.exact) {
        if (rv.t === 'unknown') why = rv.reason;
        this.forgetLists(inner);
        return false;
      }
      for (const it of items.items) {
        this.assignTarget(left, it, inner);
        if (!(yield* run.call(this, i + 1))) return false;
      }
      return true;
    };
    const items = run.call(this, 0);
    // A generator kept for later, or read by something that may stop early (zip, a loop that
    // breaks, a function of the code), whose items call or assign: how many of them run by a given
    // point is not known, so what they change is not (as in an undecided if). Its items stay known.
    if (!consume && !isDict && this.nc.type(node) === 'generator_expression' && mayChangeState([body, ...clauses.filter((c) => this.nc.type(c) === 'if_clause')].map((c) => this.nc.text(c)).join(' ')) && this.readLater(node, scope)) {
      let done: IteratorResult<void, boolean> | undefined;
      this.undecided(scope, () => {
        do done = items.next();
        while (!done.done);
        return undefined;
      }, () => undefined);
      if (!done?.value) return unknownModule(why.en, why['zh-cn']);
      return { t: 'seq', items: out, tuple: true, iterator: { done: false } };
    }
    let step = items.next();
    while (!step.done) {
      const verdict = consume?.(out[out.length - 1]!) ?? 'go';
      if (verdict === 'stop') return { t: 'seq', items: out, tuple: true, iterator: { done: false } };
      if (verdict === 'undecided') {
        this.undecided(scope, () => {
          while (!items.next().done);
          return undefined;
        }, () => undefined);
        return unknownModule('a generator read up to an item the analysis cannot judge', '生成器读到分析无法判断的元素为止');
      }
      step = items.next();
    }
    if (!step.value) return unknownModule(why.en, why['zh-cn']);
    if (sure.some((x) => !x)) {
      const list = unknownModule('a list filtered by a condition the analysis cannot decide', '按无法静态判断的条件筛选的列表');
      this.subsets.set(list, { items: out, sure });
      return list;
    }
    const generator = this.nc.type(node) === 'generator_expression';
    return isDict ? { t: 'dict', entries, ...(numKeys.size > 0 ? { numKeys } : {}) } : { t: 'seq', items: out, tuple: generator, ...(generator ? { iterator: { done: false } } : {}) };
  }

  evalArgs(argNode: Node | null, scope: Scope): ArgList {
    const args: ArgList = { positional: [], keyword: new Map() };
    if (!argNode) return args;
    if (this.nc.type(argNode) === 'generator_expression') {
      args.positional.push({ value: this.safeEval(argNode, scope), node: argNode });
      return args;
    }
    // After a *args the analysis cannot list, no later positional argument has a known place: they
    // are evaluated but not bound (`nn.Sequential(*group(n), *tail)` must not number tail's layers from 0).
    let placesLost = false;
    for (const a of this.nc.kids(argNode)) {
      if (!a || this.nc.type(a) === 'comment') continue;
      if (this.nc.type(a) === 'keyword_argument') {
        const name = this.nc.field(a, 'name')?.text;
        const v = this.nc.field(a, 'value');
        if (name && v) args.keyword.set(name, { value: this.safeEval(v, scope), node: v });
      } else if (this.nc.type(a) === 'list_splat') {
        args.splat = true;
        const inner = a.namedChild(0);
        const v = inner ? this.safeEval(inner, scope) : NONE;
        const it = this.iterate(v);
        if (it?.exact && !placesLost) for (const x of it.items) args.positional.push({ value: x });
        else if (!it?.exact) {
          args.unknownRest ??= v.t === 'unknown' ? { ...v, mod: true } : unknownModule('*args the analysis cannot list', '无法列出的 *args');
          placesLost = true;
        }
      } else if (this.nc.type(a) === 'dictionary_splat') {
        args.splat = true;
        const inner = a.namedChild(0);
        const v = this.dictView(inner ? this.safeEval(inner, scope) : NONE)!;
        if (v.t === 'dict') for (const [k, x] of v.entries) args.keyword.set(k, { value: x });
        else if (v.t === 'obj' && !tupleTypeOf(v)) for (const [k, x] of v.attrs) args.keyword.set(k, { value: x });
        else {
          // A dict the branches built differently: the keys both have are passed for sure.
          if (v.t === 'unknown' && v.keys) for (const [k, x] of v.keys) args.keyword.set(k, { value: x });
          // (The keys it may have stay known only when nothing else in the call is unknown.)
          const only = !args.unknownRest && !placesLost && v.t === 'unknown' && v.mayKeys ? { mayKeys: v.mayKeys } : {};
          args.unknownRest = v.t === 'unknown' ? { t: 'unknown', reason: v.reason, tensorLike: v.tensorLike, mod: true, ...only } : unknownModule('**kwargs the analysis cannot list', '无法列出的 **kwargs');
        }
      } else {
        const value = this.safeEval(a, scope);
        if (!placesLost) args.positional.push({ value, node: a });
      }
    }
    return args;
  }

  private call(node: Node, scope: Scope): Value {
    const fnNode = this.nc.field(node, 'function');
    if (!fnNode) return unknown('incomplete call', '调用不完整');
    const prevAnchor = this.mods.anchor;
    if (scope.program.owns(node) && this.isMain(scope.program)) this.mods.anchor = node;
    try {
      const fn = this.safeEval(fnNode, scope);
      const lazily = this.readGeneratorLazily(fn, node, scope);
      if (lazily) return lazily;
      this.callees.push(fn);
      let args: ArgList;
      try {
        args = this.evalArgs(this.nc.field(node, 'arguments'), scope);
      } finally {
        this.callees.pop();
      }
      // A generator function of the code runs as it is read: kept for later or read by something
      // that may stop early, its body runs as an undecided branch (what it changes is not known).
      if (fn.t === 'func' && !fn.f.expression && this.isGenerator(fn.f.body) && this.readLater(node, scope)) {
        let made: Value = NONE;
        this.undecided(scope, () => void (made = this.apply(fn, args, node, scope, fnNode)), () => undefined);
        return made;
      }
      return this.apply(fn, args, node, scope, fnNode);
    } finally {
      this.mods.anchor = prevAnchor;
    }
  }

  /**
   * Is this lazy iterator (a map object) kept to be read later, or read by something that may stop
   * before its end: assigned, returned, yielded, given to zip / enumerate / next / any / all / filter
   * / map / iter / itertools, or the source of a generator expression? (Read right here in full by
   * list(), a for loop, a splat… it is not.)
   */
  private readLater(node: Node, scope?: Scope): boolean {
    let child = node;
    let parent = node.parent;
    while (parent && this.nc.type(parent) === 'parenthesized_expression') {
      child = parent;
      parent = parent.parent;
    }
    if (!parent) return false;
    switch (this.nc.type(parent)) {
      case 'assignment':
      case 'augmented_assignment':
      case 'return_statement':
      case 'yield':
        return true;
      case 'for_in_clause':
        return this.nc.type(parent.parent ?? parent) === 'generator_expression' && this.nc.field(parent, 'right')?.id === child.id;
      case 'for_statement': {
        // A loop that may leave early reads only some of it.
        const body = this.nc.field(parent, 'body');
        return this.nc.field(parent, 'right')?.id === child.id && !!body && /\b(?:break|return|raise)\b/.test(this.nc.text(body));
      }
      case 'call':
      case 'argument_list': {
        // (A generator alone in the call's parentheses is its argument list itself: `enumerate(f(i) for i in xs)`.)
        if (this.nc.type(parent) === 'call' && this.nc.field(parent, 'arguments')?.id !== child.id) return false;
        const callee = this.nc.type(parent) === 'call' ? this.nc.field(parent, 'function') : parent.parent ? this.nc.field(parent.parent, 'function') : null;
        const name = callee ? this.nc.text(callee).replace(/^(?:builtins|itertools)\./, '') : '';
        // (A function of the code may read it any way it likes.)
        if (scope && callee?.type === 'identifier' && scope.program.functions.has(name)) return true;
        return /^(?:zip|enumerate|next|any|all|filter|map|iter|islice|takewhile|dropwhile|zip_longest|compress|starmap|tee|accumulate|groupby|cycle|chain)$/.test(name) || this.nc.text(callee ?? parent).startsWith('itertools.');
      }
      case 'generator_expression':
        // The body of a generator read lazily itself (`next(x for x in (f(i) for i in xs))`).
        return true;
      default:
        return false;
    }
  }

  /**
   * `any(f(x) for x in xs)`, `all(…)`, `next(…)`: Python makes the generator's items one at a time
   * and stops reading at the first that decides, so the calls of the later items never happen.
   */
  private readGeneratorLazily(fn: Value, node: Node, scope: Scope): Value | undefined {
    if (fn.t !== 'ref' || (fn.name !== 'builtins.any' && fn.name !== 'builtins.all' && fn.name !== 'builtins.next')) return undefined;
    const argNode = this.nc.field(node, 'arguments');
    if (!argNode) return undefined;
    const listed = this.nc.type(argNode) === 'argument_list' ? this.nc.kids(argNode).filter((k): k is Node => k !== null && this.nc.type(k) !== 'comment') : [argNode];
    const first = listed[0] && this.nc.type(listed[0]) === 'parenthesized_expression' ? listed[0].namedChild(0) : listed[0];
    const gen = first && this.nc.type(first) === 'generator_expression' ? first : undefined;
    if (!gen || listed.length > (fn.name === 'builtins.next' ? 2 : 1)) return undefined;
    let decided: boolean | undefined;
    const made = this.comprehension(gen, scope, false, (item) => {
      if (fn.name === 'builtins.next') return 'stop';
      const t = this.truthOf(item);
      if (t === undefined) return 'undecided';
      if (t === (fn.name === 'builtins.any')) {
        decided = t;
        return 'stop';
      }
      return 'go';
    });
    if (made.t !== 'seq') return made;
    if (fn.name === 'builtins.next') {
      const fallback = listed[1] ? this.safeEval(listed[1], scope) : undefined;
      return made.items[0] ?? fallback ?? notTensor('next() of an exhausted iterator raises StopIteration', '对耗尽的迭代器调用 next() 会抛出 StopIteration');
    }
    // Every item read without one deciding: any() of them all false is False, all() of them all true True.
    return { t: 'bool', v: decided ?? fn.name === 'builtins.all' };
  }

  /**
   * Whether a list computed here is passed on unchanged: `ys = xs`, `return xs`, `for x in xs`, or
   * an argument of a function of the file (which reads it by name in turn).
   */
  private keepsList(node: Node): boolean {
    const parent = node.parent;
    if (!parent) return false;
    switch (this.nc.type(parent)) {
      case 'return_statement':
        return true;
      case 'assignment':
        return this.nc.field(parent, 'right')?.id === node.id && this.nc.type(this.nc.field(parent, 'left') ?? parent) === 'identifier' && !this.nc.field(parent, 'type');
      case 'for_statement':
        return this.nc.field(parent, 'right')?.id === node.id;
      case 'keyword_argument':
      case 'argument_list': {
        const list = this.nc.type(parent) === 'argument_list' ? parent : parent.parent;
        if (this.nc.type(parent) === 'keyword_argument' && this.nc.field(parent, 'value')?.id !== node.id) return false;
        const callee = this.callees[this.callees.length - 1];
        return list?.parent?.type === 'call' && callee?.t === 'func';
      }
      default:
        return false;
    }
  }

  /** Code the analysis does not run now (a closure, a comprehension it cannot unroll) may change the lists in scope. */
  private forgetLists(scope: Scope): void {
    for (const v of scope.vars.values()) this.subsets.delete(v);
  }

  /** Does this file, or the analysed one, start a distributed process group anywhere? */
  private startsProcessGroup(p: PyProgram): boolean {
    const starts = (x: PyProgram): boolean => {
      let v = this.processGroupIn.get(x);
      if (v === undefined) this.processGroupIn.set(x, (v = (x.root as Node).text.includes('init_process_group')));
      return v;
    };
    return starts(p) || (this.mainProgram !== undefined && starts(this.mainProgram));
  }

  private readonly processGroupIn = new WeakMap<PyProgram, boolean>();

  /** Set by the discovery: the program of the analysed file (its nodes anchor imported code). */
  mainProgram: PyProgram | undefined;

  private isMain(p: PyProgram): boolean {
    return p === this.mainProgram;
  }

  /** Calls a value with arguments. */
  apply(fn: Value, args: ArgList, node: Node, scope: Scope, fnNode?: Node): Value {
    const r = this.applyCall(fn, args, node, scope, fnNode);
    if (r.t !== 'unknown' || !r.range) return r;
    // A number known within a range keeps it only through the code's own functions, float() and
    // the tensor methods that make it: library calls and builtins that pass an unknown through change it.
    const keeps = fn.t === 'func' || (fn.t === 'ref' && fn.name === 'builtins.float') || (fn.t === 'bound' && (fn.name === PARTIAL || (fn.recv.t === 'tensor' && (fn.name === 'item' || fn.name === 'tolist'))));
    return keeps ? r : withoutRange(r);
  }

  private applyCall(fn: Value, args: ArgList, node: Node, scope: Scope, fnNode?: Node): Value {
    switch (fn.t) {
      case 'module':
        return this.callModule(this.mods.get(fn.m), args, node);
      case 'func': {
        // A call of the code's own function that Python refuses (`Net8()` without its required
        // `num_classes`): it raises before the body runs. A decorated function may take other arguments.
        const def = fn.f.body.parent;
        const refused = def?.parent?.type === 'decorated_definition' ? undefined : refusedArgs(fn.f.name, fn.f, fn.f.self && fn.f.kind === 'method' ? fn.f.params.slice(1) : fn.f.params, args);
        if (refused) {
          this.surelyRaises('TypeError', refused);
          return unknownModule(refused.en, refused['zh-cn']);
        }
        const self = fn.f.kind === 'method' && fn.f.self?.t === 'module' && this.moduleDepth === 0 ? this.mods.get(fn.f.self.m) : undefined;
        if (self?.userClass && def && this.index.findMethod(self.userClass, fn.f.name)?.node.id === def.id) {
          this.observer?.methodCalled?.(self, fn.f.name, args, node);
          // Run on tensors, the model has run: what it holds now is its first run's (a layer put in its place later is not).
          if (!self.called && args.positional.some((a) => a.value.t === 'tensor')) this.noteFirstRun(self);
        }
        return this.invokeFunction(fn.f, args, false);
      }
      case 'class':
        return this.callClass(fn.c as ClassDef, args, node);
      case 'ref':
        return this.callRef(fn.name, args, node, scope);
      case 'bound':
        if (fn.name === DATACLASS_INIT && fn.recv.t === 'seq') {
          const [self, cls] = fn.recv.items;
          if (self?.t === 'obj' && cls?.t === 'class') this.dataclassInit(self, cls.c as ClassDef, args);
          return NONE;
        }
        if (fn.name === PARTIAL && fn.recv.t === 'seq') {
          // functools.partial(f, *a, **kw)(*b, **kw2) ≡ f(*a, *b, **{**kw, **kw2})
          const [f, stored, kw] = fn.recv.items as [Value, Value, Value];
          const keyword = new Map(kw.t === 'dict' ? kw.entries.map(([k, v]) => [k, { value: v }] as const) : []);
          for (const [k, a] of args.keyword) keyword.set(k, a);
          const positional = [...(stored.t === 'seq' ? stored.items.map((value) => ({ value })) : []), ...args.positional];
          return this.apply(f, { positional, keyword, ...(args.unknownRest ? { unknownRest: args.unknownRest } : {}) }, node, scope);
        }
        if (fn.recv.t === 'tensor' && INPLACE_RESHAPES.has(fn.name)) return this.reshapeInPlace(fn.recv, fn.name, args, node, scope);
        if (fn.recv.t === 'tensor' && fn.name === 'resize' && node.parent?.type === 'expression_statement') return this.arrayResize(args, node, scope);
        if (fn.recv.t === 'seq' && !fn.recv.tuple && LIST_MUTATORS.has(fn.name)) {
          const copy = this.branchCopy(fn.recv, fnNode, scope);
          if (copy) return this.callBound(copy, fn.name, args, node, scope);
        }
        return this.callBound(fn.recv, fn.name, args, node, scope);
      case 'data': {
        const r = dataMethod(fn.d, '__call__', args);
        return r ?? notTensor('a data object is not callable', '数据对象不可调用');
      }
      case 'obj': {
        const obj: Value & { t: 'obj' } = fn;
        const asValue: Value = fn;
        if (isTupleType(asValue)) return newTuple(asValue, args);
        // An instance of a workspace class with __call__ (x-transformers' `filter(equals('a'), layer_types)`).
        const c = obj.def as ClassDef | undefined;
        const call = c ? this.index.findMethod(c, '__call__') : undefined;
        if (call && !call.isProperty) {
          const f = this.makeFunction(call.node, new Map(), call.isStatic ? undefined : obj, call.isStatic ? 'function' : 'method', call.owner.program, call.owner);
          return this.invokeFunction(f, args, false, call.owner);
        }
        return unknownModule(`${obj.cls} is not callable here`, `${obj.cls} 在此不可调用`);
      }
      case 'unknown':
        // Something the analysis lost track of, called: none of what the callee is known to be is
        // the result's; in a module's constructor it may make a layer (`vars(nn)["Linear"](4, 3)`).
        return this.initDepth > 0 || fn.mod ? unknownModule(fn.reason.en, fn.reason['zh-cn']) : unknown(fn.reason.en, fn.reason['zh-cn']);
      default: {
        // A list, tuple, dict, string or tensor called (`self.features(x)` on a plain list of layers):
        // Python's TypeError. (None and numbers may be a placeholder default a real caller replaces: not reported.)
        const pyType = fn.t === 'seq' ? (fn.tuple ? 'tuple' : 'list') : fn.t === 'dict' ? 'dict' : fn.t === 'str' ? 'str' : fn.t === 'tensor' ? 'Tensor' : undefined;
        const what = fnNode ? this.nc.text(fnNode).slice(0, 40) : fn.t;
        if (pyType) {
          const hint = pyType === 'list' ? { en: '; nn.Sequential(*layers) makes a callable module of them', 'zh-cn': '；nn.Sequential(*layers) 可将其组成可调用的模块' } : { en: '', 'zh-cn': '' };
          const why = { en: `TypeError: '${pyType}' object is not callable (${what})${hint.en}`, 'zh-cn': `TypeError：'${pyType}' object is not callable（${what}）${hint['zh-cn']}` };
          if (this.catchingErrors > 0) this.raisesInTry('TypeError', why);
          else this.mods.reportAt(node, why);
          return unknownModule(why.en, why['zh-cn']);
        }
        return unknownModule(`${what} is not callable`, `${what} 不可调用`);
      }
    }
  }

  private invokeValue = (f: Value, xs: Value[]): Value => this.apply(f, { positional: xs.map((value) => ({ value })), keyword: new Map() }, this.mods.anchor ?? (this.mainProgram?.root as Node), { vars: new Map(), recordFlow: false, program: this.mainProgram! });

  /**
   * `DataLoader(MyDataset(…), …)`, `random_split(MyDataset(…), …)`: a dataset class of the
   * workspace gives its sample by its own `__getitem__`, run with an index the analysis does not
   * know (what depends on which sample it is stays unknown), and its length by `__len__`: a
   * dataset value the loader batches. (ConcatDataset: each dataset of its list.)
   */
  private userDatasetArgs(args: ArgList): ArgList {
    const inPositional = args.positional[0] !== undefined;
    const key = args.keyword.has('datasets') ? 'datasets' : 'dataset';
    const first = inPositional ? args.positional[0]!.value : args.keyword.get(key)?.value;
    if (!first) return args;
    const value = first.t === 'seq' ? { ...first, items: first.items.map((x) => this.userDataset(x)) } : this.userDataset(first);
    if (value === first) return args;
    if (inPositional) return { ...args, positional: [{ ...args.positional[0]!, value }, ...args.positional.slice(1)] };
    const keyword = new Map(args.keyword);
    keyword.set(key, { ...args.keyword.get(key)!, value });
    return { ...args, keyword };
  }

  /** An instance of a workspace Dataset class as a dataset value; anything else as it is. */
  private userDataset(ds: Value): Value {
    if (ds.t !== 'obj' || !ds.def) return ds;
    const scope: Scope = { vars: new Map(), recordFlow: false, program: this.mainProgram! };
    const method = (name: string, xs: Value[]): Value | undefined => {
      const f = this.index.findMethod(ds.def as ClassDef, name) ? this.getAttr(ds, name, scope) : undefined;
      return f && f.t === 'func' ? this.invokeValue(f, xs) : undefined;
    };
    // (The length first: the index runs up to it, which a window `data[idx:idx + T]` needs.)
    const len = this.index.findMethod(ds.def as ClassDef, '__getitem__') ? method('__len__', []) : undefined;
    const count = len?.t === 'num' && len.int && len.v >= 0 ? len.v : undefined;
    const index: Value = { t: 'unknown', reason: { en: 'the index of a sample the loader picks', 'zh-cn': '数据加载器选取的样本下标' }, tensorLike: false, num: true, index: true, indexFrom: { off: 0, ...(count ? { max: count - 1 } : {}) } };
    const sample = method('__getitem__', [index]);
    if (!sample) return ds;
    return { t: 'data', d: { kind: 'dataset', name: ds.cls, sample, ...(count !== undefined ? { length: count } : {}) } };
  }

  /**
   * A workspace module imported by a name the code computes: `__import__('pkg.sub')` gives `pkg`
   * (`top`), `importlib.import_module('pkg.sub')` gives `pkg.sub`. A library, or a name the analysis
   * cannot read, is unknown.
   */
  private importByName(args: ArgList, scope: Scope, top: boolean): Value {
    const a = args.positional[0]?.value ?? args.keyword.get('name')?.value;
    const relative = args.positional[1]?.value ?? args.keyword.get('package')?.value;
    if (a?.t !== 'str' || !/^[A-Za-z_][\w.]*$/.test(a.v) || (relative !== undefined && relative.t !== 'none' && !top) || args.unknownRest) return unknownModule('a module imported by a name the analysis cannot read', '按无法分析的名称导入的模块');
    const name = top ? a.v.split('.')[0]! : a.v;
    // (`__import__('pkg.sub')` imports pkg.sub too: pkg's attribute `sub` is then the submodule.)
    if (top && a.v.includes('.')) this.loader.load(scope.program, 0, a.v);
    const p = this.loader.load(scope.program, 0, name);
    if (p) return { t: 'pymod', p };
    // `__import__("math")`: a library the analysis knows, bound as `import math` binds it.
    if (NAMED_LIBRARIES.has(a.v.split('.')[0]!)) return { t: 'ref', name };
    return unknownModule(`${a.v} is not a module of the workspace`, `${a.v} 不是工作区中的模块`);
  }

  /**
   * `Counter(words)`: each distinct item (in first-seen order) with how often it comes — a dict to
   * what reads it (`.keys()`, `len`, `most_common` is not followed). Only strings are counted (a
   * vocabulary's words); anything else is unknown.
   */
  private counter(args: ArgList): Value {
    if (args.keyword.size > 0 || args.unknownRest || args.positional.length > 1) return notTensor('Counter() with arguments the analysis does not follow', '参数无法分析的 Counter()');
    const src = args.positional[0]?.value;
    if (!src) return { t: 'dict', entries: [] };
    const it = this.iterate(src);
    if (!it || !it.exact || it.items.length > MAX_SEQ_ITEMS) return notTensor('Counter() of items the analysis cannot list', '无法列出元素的 Counter()');
    const counts = new Map<string, number>();
    for (const x of it.items) {
      if (x.t !== 'str') return notTensor('Counter() of items other than strings', '元素不是字符串的 Counter()');
      counts.set(x.v, (counts.get(x.v) ?? 0) + 1);
    }
    return { t: 'dict', entries: [...counts].map(([k, n]) => [k, num(n, true)] as [string, Value]) };
  }

  /**
   * `summary(model, (1, 28, 28))` of torchsummary (the size without the batch: it runs a batch of 2)
   * and torchinfo's `summary(model, input_size=(16, 1, 28, 28))` / `input_data=x` (the batch
   * included): the input they run the model on, kept for a model no call of the code feeds (the
   * package may not be installed where it runs). Undefined when the call is not one of those.
   */
  private summaryCall(name: string, args: ArgList, node: Node): Value | undefined {
    const lib = /^(torchsummary|torchinfo)\.(?:torchsummary\.|torchinfo\.)?summary$/.exec(name)?.[1];
    const model = args.positional[0]?.value ?? args.keyword.get('model')?.value;
    if (!lib || model?.t !== 'module' || args.unknownRest) return undefined;
    const m = this.mods.get(model.m);
    const sizesOf = (v: Value | undefined): number[][] | undefined => {
      if (v?.t !== 'seq') return undefined;
      const one = asInts(v);
      if (one && one.length > 0 && one.every((d) => d > 0)) return [one];
      const many = v.items.map((x) => (x.t === 'seq' ? asInts(x) : undefined));
      return many.length > 0 && many.every((x) => x && x.length > 0 && x.every((d) => d > 0)) ? (many as number[][]) : undefined;
    };
    let inputs: Value[] | undefined;
    if (lib === 'torchsummary') {
      // (torchsummary's dtypes / a device other than its default leave the run as it is: float batches of 2.)
      const sizes = sizesOf(args.positional[1]?.value ?? args.keyword.get('input_size')?.value);
      inputs = sizes?.map((s) => tensor([2, ...s]));
    } else if (!args.keyword.has('batch_dim') && !args.keyword.has('dtypes')) {
      const data = args.keyword.get('input_data')?.value ?? (args.positional[1]?.value.t === 'tensor' ? args.positional[1].value : undefined);
      if (data?.t === 'tensor') inputs = [data];
      else {
        const sizes = sizesOf(args.keyword.get('input_size')?.value ?? args.positional[1]?.value);
        inputs = sizes?.map((s) => tensor(s));
      }
    }
    if (m && inputs) this.observer?.summarized?.(m, inputs, node);
    return notTensor(`${lib}.summary()`, `${lib}.summary()`);
  }

  private callRef(name: string, args: ArgList, node: Node, scope: Scope): Value {
    const summarized = /summary$/.test(name) ? this.summaryCall(name, args, node) : undefined;
    if (summarized) return summarized;
    // `torch.Tensor.t_(y)`, `type(y).resize_(y, 3, 4)`: an in-place reshape through the class, not followed;
    // every name holding y reads it as unknown from here.
    const method = ['torch.Tensor.', 'torch.nn.Parameter.', `${TYPE_OF_TENSOR}.`].map((p) => (name.startsWith(p) ? name.slice(p.length) : undefined)).find((m) => m !== undefined);
    if (method !== undefined && INPLACE_RESHAPES.has(method)) {
      const held = args.positional[0]?.value;
      if (held?.t === 'tensor') for (const t of sameTensors(held)) RESHAPED_IN_PLACE.add(t);
      return unknown(`${name}() through the class is not followed`, `不分析通过类调用的 ${name}()`);
    }
    // `torch.from_numpy(pixels.reshape(-1, 1, 28, 28))`: the same rows as a tensor.
    const first = args.positional[0]?.value;
    if (first?.t === 'unknown' && first.rows && args.positional.length === 1 && ROWS_CONVERTERS.has(name)) return first;
    // `fire.Fire(demo)` run with no command line: Python Fire calls demo with its defaults (a
    // command line given, or a required parameter, is not followed).
    if (name === 'fire.Fire' && args.positional.length === 1 && args.keyword.size === 0 && !args.unknownRest) {
      const f = args.positional[0]!.value;
      if (f.t === 'func' && !this.scriptArgs && f.f.params.every((p) => f.f.defaults.has(p)) && !f.f.varargs) return this.invokeFunction(f.f, { positional: [], keyword: new Map() }, false);
      return unknown('fire.Fire(…) with a command line or required parameters is not followed', '不分析带命令行或必需参数的 fire.Fire(…)');
    }
    // `version.parse(torch.__version__) >= version.parse('1.5')`: versions compared as versions.
    if (VERSION_PARSERS.has(name) && args.positional.length === 1 && args.keyword.size === 0 && !args.unknownRest) return asVersion(args.positional[0]!.value);
    // torch's own `_pair(3)` → (3, 3), `_triple((1, 2, 2))` → (1, 2, 2): how layers read a size given as one number or several.
    const ntuple = /^torch\.nn\.(?:modules\.utils\.)?_(single|pair|triple|quadruple)$/.exec(name);
    if (ntuple) {
      const n = { single: 1, pair: 2, triple: 3, quadruple: 4 }[ntuple[1] as 'single' | 'pair' | 'triple' | 'quadruple'];
      const x = args.positional[0]?.value;
      if (args.positional.length !== 1 || args.keyword.size > 0 || args.unknownRest || !x) return unknown(`${name.slice(name.lastIndexOf('.') + 1)} of arguments the analysis does not read`, `${name.slice(name.lastIndexOf('.') + 1)} 的参数无法分析`);
      if (x.t === 'seq') return { t: 'seq', items: [...x.items], tuple: true };
      if (x.t === 'unknown') return x;
      return { t: 'seq', items: Array.from({ length: n }, () => x), tuple: true };
    }
    // `nn.Linear.__init__(self, …)`: a base's constructor called by name (BigGAN's SNLinear) builds
    // the same part as `super().__init__(…)` would.
    const baseInit = /^torch\.nn\.(?:modules\.\w+\.)?(\w+)\.__init__$/.exec(name);
    const initSelf = args.positional[0]?.value;
    if (baseInit && initSelf?.t === 'module') {
      const m = this.mods.get(initSelf.m);
      if (m) return this.torchInit(m, baseInit[1]!, { ...args, positional: args.positional.slice(1) }, node);
    }
    if (name === 'torch.nn.Transformer.generate_square_subsequent_mask') return squareMask(args);
    // `model = nn.DataParallel(model)`: a call runs the model with the same arguments; `.module` is the model.
    if (/^torch\.nn\.(?:parallel\.(?:data_parallel\.|distributed\.)?)?(?:DataParallel|DistributedDataParallel)$/.test(name)) {
      const inner = args.positional[0]?.value ?? args.keyword.get('module')?.value;
      const m = inner?.t === 'module' ? this.mods.get(inner.m) : undefined;
      if (!m) return unknownModule(`${name.slice(name.lastIndexOf('.') + 1)} of a module the analysis does not know`, `${name.slice(name.lastIndexOf('.') + 1)} 包装的模块未知`);
      const w = this.mods.newModule(name.slice(name.lastIndexOf('.') + 1), name, node);
      w.children.push({ name: 'module', inst: m });
      w.wraps = m;
      w.moduleInitRan = true;
      return { t: 'module', m: w };
    }
    if (name.startsWith('torch.nn.') && !name.startsWith('torch.nn.functional.') && !name.startsWith('torch.nn.init.') && !name.startsWith('torch.nn.utils.')) {
      const kind = name.slice('torch.nn.'.length).replace(/^(?:modules\.\w+|parameter)\./, '');
      // `device="gpu"` / `dtype="float32"`: PyTorch refuses them before the layer exists.
      const refusedKw = refusedFactoryKeywords(args);
      if (refusedKw) {
        this.surelyRaises(refusedKw.type, refusedKw.why);
        return unknownModule(`${kind}: ${refusedKw.why.en}`, `${kind}：${refusedKw.why['zh-cn']}`);
      }
      // `nn.softmax(dim=1)`: torch.nn has the class nn.Softmax (and F.softmax), no lowercase name of a layer.
      const miscased = /^[a-z]\w*$/.test(kind) ? [...torchLayerKinds(), 'Sequential', 'ModuleList', 'ModuleDict', 'Module', 'Parameter'].find((k) => k.toLowerCase() === kind.toLowerCase()) : undefined;
      if (miscased) {
        const why = { en: `AttributeError: module 'torch.nn' has no attribute '${kind}' (the layer is nn.${miscased})`, 'zh-cn': `AttributeError：模块 'torch.nn' 没有属性 '${kind}'（该层是 nn.${miscased}）` };
        this.surelyRaises('AttributeError', why);
        return unknownModule(why.en, why['zh-cn']);
      }
      // `nn.Sequential(nn.Linear(4, 8), nn.ReLU)`: add_module takes modules (or None) only — a class, function or list raises TypeError.
      const notModule = kind === 'Sequential' || kind === 'ModuleList' || kind === 'ModuleDict' ? notAModule(kind, args) : undefined;
      if (notModule) {
        if (this.tryDepths.length === 0) this.observer?.noted?.(node, notModule, 'error');
        this.surelyRaises('TypeError', notModule);
        return unknownModule(notModule.en, notModule['zh-cn']);
      }
      const built = this.mods.construct(kind, args, node);
      // Settings PyTorch refuses, inside a try of this function: the constructor raises there, and
      // a handler catching any error (the exact class varies by layer) runs instead.
      const problem = built.t === 'module' ? this.mods.get(built.m)?.builtin?.problems[0] : undefined;
      // (A size that is no number raises wherever it stands: the constructor ends there, with an error on the layer's line.)
      if (problem?.refusal) {
        // (Inside a try the code may catch it, as probes do: no error shown there.)
        if (this.tryDepths.length === 0) this.observer?.noted?.(node, problem.message, 'error');
        this.surelyRaises(problem.refusal, problem.message);
      }
      if (problem && this.tryDepths[this.tryDepths.length - 1] === this.raiseHere()) this.surelyRaises('TorchError', problem.message);
      const refused = built.t === 'module' ? refusedSetting(kind, this.mods.get(built.m)?.builtin?.config) : undefined;
      if (refused && this.tryDepths[this.tryDepths.length - 1] === this.raiseHere()) this.surelyRaises(refused.type, refused.why);
      return built;
    }
    const self0 = args.positional[0]?.value;
    if ((name === 'builtins.dict.__init__' || name === 'dict.__init__') && self0?.t === 'obj' && self0.items) return this.dictInit(self0, { ...args, positional: args.positional.slice(1) });
    // `object.__setattr__(self, "plain", 5)`: the instance's own dict, past nn.Module's registration —
    // a plain value is an attribute as any; a module or tensor set so is not registered (not followed).
    if (name === 'builtins.object.__setattr__' || name === 'object.__setattr__') {
      const v = args.positional[2]?.value;
      if (v && isPlain(v)) return this.builtin('setattr', args, node, scope);
      const target = args.positional[0]?.value;
      const m = target?.t === 'module' ? this.mods.get(target.m) : undefined;
      if (m) m.uncertain = { en: 'object.__setattr__ of something that is not a plain value', 'zh-cn': '对非普通值调用 object.__setattr__' };
      return NONE;
    }
    if (name.startsWith('builtins.')) return this.builtin(name.slice(9), args, node, scope);
    // `sys.argv.append('--deep')`, `.extend(…)`, `.insert(1, …)`: the command line changes.
    if (/^sys\.argv\.(?:append|extend|insert|pop|remove|clear|reverse|sort|__setitem__|__delitem__)$/.test(name)) {
      this.setArgv(undefined);
      return NONE;
    }
    if (name.startsWith('math.')) {
      const r = mathCall(name, args);
      // Outside its domain (math.sqrt(-1)): ValueError, which a try of this function may catch.
      if (r.t === 'unknown' && /raises an error in Python/.test(r.reason.en)) this.raisesInTry('ValueError', r.reason);
      return r;
    }
    if (name === 're.search' || name === 're.match' || name === 're.fullmatch') return reMatch(name.slice(3) as 'search' | 'match' | 'fullmatch', args) ?? notTensor(`${name}() with a pattern or arguments the analysis does not read`, `模式或参数无法分析的 ${name}()`);
    if (name === 're.split') return reSplit(args) ?? notTensor('re.split() with a pattern or arguments the analysis does not read', '模式或参数无法分析的 re.split()');
    if (name === 'collections.namedtuple') return namedTupleType(args);
    if (name.startsWith('os.path.') || name.startsWith('posixpath.')) {
      const r = osPathCall(name.slice(name.indexOf('path.') + 5), args);
      if (r) return r;
    }
    if (/^pathlib\.(?:Pure)?(?:Posix)?Path$/.test(name)) {
      return (args.keyword.size === 0 && !args.unknownRest ? pathCall(args.positional.map((a) => a.value)) : undefined) ?? notTensor(`${name}() of a path the analysis cannot read`, `${name}() 的路径无法分析`);
    }
    if (name === 'collections.defaultdict') {
      // defaultdict(factory, …): the dict of the rest, a missing key read made with the factory.
      const factory = args.positional[0]?.value ?? args.keyword.get('default_factory')?.value;
      const d = orderedDict({ ...args, positional: args.positional.slice(1) });
      return d.t === 'dict' && factory && factory.t !== 'none' ? { ...d, factory } : d;
    }
    if (name === 'collections.OrderedDict' || name === 'typing.OrderedDict' || name === 'OrderedDict') return orderedDict(args);
    if (name === 'collections.Counter') return this.counter(args);
    if (name === 'inspect.isfunction' && args.positional.length === 1 && args.keyword.size === 0) {
      const is = isPyFunction(args.positional[0]!.value);
      return is === undefined ? notTensor('inspect.isfunction of a value the analysis cannot tell', '无法判断的 inspect.isfunction') : { t: 'bool', v: is };
    }
    // `typing.cast(int, v)` is `v` at run time, and so is TorchScript's `torch.jit.annotate(List[Tensor], [])` run eagerly.
    if (name === 'typing.cast' && args.positional.length === 2) return args.positional[1]!.value;
    if (name === 'torch.jit.annotate' && args.positional.length === 2 && args.keyword.size === 0 && !args.unknownRest) return args.positional[1]!.value;
    // `torch.jit.script(Model())`, `torch.jit.trace(model, example)`, `torch.compile(model)`: the same
    // module (or function) run scripted, traced or compiled, its layers and shapes its own.
    if (SCRIPTING_WRAPPERS.has(name) && !args.unknownRest) {
      const wrapped = args.positional[0]?.value ?? args.keyword.get(name === 'torch.jit.script' ? 'obj' : name === 'torch.compile' ? 'model' : 'func')?.value;
      if (wrapped?.t === 'module' || wrapped?.t === 'func') return wrapped;
    }
    if (name === 'einops.einsum') return this.einopsEinsum(args, node);
    // Activation checkpointing recomputes in backward; the forward is the function's own call.
    if (name === 'torch.utils.checkpoint.checkpoint' && args.positional.length >= 1 && !args.unknownRest) {
      const keyword = new Map([...args.keyword].filter(([k]) => !CHECKPOINT_OPTIONS.has(k)));
      return this.apply(args.positional[0]!.value, { positional: args.positional.slice(1), keyword }, node, scope);
    }
    // checkpoint_sequential(functions, segments, input): each module of the Sequential (or list) in
    // order, as its own call — the Sequential itself is never called.
    if (name === 'torch.utils.checkpoint.checkpoint_sequential' && args.positional.length === 3 && !args.unknownRest) {
      const fns = args.positional[0]!.value;
      const m = fns.t === 'module' ? this.mods.get(fns.m) : undefined;
      const steps = m ? (m.container === 'Sequential' ? this.mods.iterate(m) : undefined) : fns.t === 'seq' ? fns.items : undefined;
      if (!steps) return unknownModule('checkpoint_sequential of modules the analysis cannot list', '无法列出模块的 checkpoint_sequential');
      let x = args.positional[2]!.value;
      for (const f of steps) x = this.apply(f, { positional: [{ value: x }], keyword: new Map() }, node, scope);
      return x;
    }
    if (name === 'copy.deepcopy') return this.deepcopy(args.positional[0]?.value ?? NONE);
    if (name === 'copy.copy') {
      const v = args.positional[0]?.value ?? NONE;
      const m = v.t === 'module' ? this.mods.get(v.m) : undefined;
      return m ? { t: 'module', m: this.mods.shallowClone(m) } : shallowCopy(v);
    }
    // dataclasses.replace(obj, **changes): a new instance with those fields changed; asdict: its fields as a dict.
    if ((name === 'dataclasses.replace' || name === 'dataclasses.asdict') && args.positional[0]?.value.t === 'obj' && !args.unknownRest) {
      const obj = args.positional[0].value;
      const c = obj.def as ClassDef | undefined;
      if (c?.isDataclass && args.positional.length === 1) {
        const fields = this.index.fields(c).map((f) => f.name);
        if (name === 'dataclasses.replace') {
          if ([...args.keyword.keys()].some((k) => !fields.includes(k))) return unknownModule('dataclasses.replace with a field the class lacks (Python raises TypeError)', 'dataclasses.replace 的字段不存在（Python 抛出 TypeError）');
          // replace() builds a new instance through __init__: a __post_init__ runs again on the
          // fields as they are now (a derived size it doubled is doubled again).
          if (this.index.findMethod(c, '__post_init__')) {
            const passed = this.index.fields(c).filter((f) => !(f.default && /\binit\s*=\s*False\b/.test(this.nc.text(f.default))));
            const keyword = new Map(passed.map((f): [string, Arg] => [f.name, args.keyword.get(f.name) ?? { value: obj.attrs.get(f.name) ?? unknownModule(`${c.name}.${f.name} is not known`, `${c.name}.${f.name} 未知`) }]));
            return this.apply({ t: 'class', c }, { positional: [], keyword }, node, scope);
          }
          return { ...obj, attrs: new Map([...obj.attrs, ...[...args.keyword].map(([k, a]): [string, Value] => [k, a.value])]) };
        }
        const entries = fields.map((f): [string, Value | undefined] => [f, obj.attrs.get(f)]);
        // Nested dataclasses become dicts too: left unknown rather than half converted.
        if (args.keyword.size === 0 && entries.every(([, v]) => v !== undefined && v.t !== 'obj')) return { t: 'dict', entries: entries as [string, Value][] };
      }
    }
    if (name === 'dataclasses.field') return { t: 'obj', cls: 'field', attrs: new Map([...args.keyword].map(([k, a]) => [k, a.value])) };
    if (name === 'einops.layers.torch.Rearrange' || name === 'einops.layers.torch.Reduce') return this.mods.constructLibrary(name.endsWith('Reduce') ? 'Reduce' : 'Rearrange', name.replace('einops.layers.torch.', ''), args, node);
    if (name === 'einops.rearrange' || name === 'einops.repeat' || name === 'einops.reduce') return this.einops(name.slice(7) as EinopsMode, args, node);
    if (name === 'einops.pack') return this.einopsPack(args);
    if (name === 'einops.unpack') return einopsUnpack(args);
    if (name === 'super') return { t: 'ref', name: 'super' };
    // The analysis follows an eager run: not traced, scripted or exported (DETR's `torchvision._is_tracing()` branch).
    if (TRACING_CHECKS.has(name) && args.positional.length === 0 && args.keyword.size === 0) return { t: 'bool', v: false };
    if (name === 'functools.partial') {
      const f = args.positional[0]?.value;
      if (!f || args.unknownRest) return unknownModule('functools.partial with arguments the analysis cannot list', '参数无法列出的 functools.partial');
      const stored: Value = { t: 'seq', tuple: true, items: args.positional.slice(1).map((a) => a.value) };
      const kw: Value = { t: 'dict', entries: [...args.keyword].map(([k, a]) => [k, a.value]) };
      return { t: 'bound', recv: { t: 'seq', tuple: true, items: [f, stored, kw] }, name: PARTIAL };
    }
    if (name.startsWith('itertools.')) {
      const made = this.itertoolsCall(name.slice('itertools.'.length), args, node, scope);
      if (made) return made;
    }
    if (name === 'importlib.import_module') return this.importByName(args, scope, false);
    // `functools.reduce(operator.mul, shape)`: the operator module's functions are Python's operators.
    const operatorOp = name.startsWith('operator.') ? operatorFunction(name.slice('operator.'.length)) : undefined;
    if (operatorOp && args.positional.length === 2 && args.keyword.size === 0 && !args.unknownRest) return this.binary(operatorOp, args.positional[0]!.value, args.positional[1]!.value, node);
    if (name === 'functools.reduce') {
      // reduce(f, xs[, init]) is f(…f(f(init, x0), x1)…): over a sequence the analysis can list.
      const f = args.positional[0]?.value;
      const it = args.positional[1] ? this.iterate(args.positional[1].value) : undefined;
      if (!f || !it?.exact || args.unknownRest || args.keyword.size > 0) return unknownModule('functools.reduce over a sequence the analysis cannot list', '无法展开的 functools.reduce');
      const items = [...it.items];
      let acc = args.positional[2]?.value ?? items.shift();
      if (acc === undefined) return unknownModule('functools.reduce of an empty sequence with no initial value (Python raises TypeError)', '对空序列且无初始值的 functools.reduce（Python 会抛出 TypeError）');
      for (const x of items) acc = this.apply(f, { positional: [{ value: acc }, { value: x }], keyword: new Map() }, node, scope);
      return acc;
    }
    if (NORM_WRAPPERS.test(name)) return this.normWrapper(name, args);
    // prune, parametrize… may add members (weight_orig, weight_mask) to the layer they are given.
    if (name.startsWith('torch.nn.utils.')) {
      for (const x of [...args.positional.map((p) => p.value), ...[...args.keyword.values()].map((k) => k.value)]) {
        const mm = x.t === 'module' ? this.mods.get(x.m) : undefined;
        if (mm) mm.membersUnsure = true;
      }
      // A parametrization with Parameters of its own (a LoRA-style scale) adds them to the layer's count.
      if (/^torch\.nn\.utils\.parametrize\.register_parametrization$/.test(name)) {
        const target = args.positional[0]?.value ?? args.keyword.get('module')?.value;
        const p = args.positional[2]?.value ?? args.keyword.get('parametrization')?.value;
        const tm = target?.t === 'module' ? this.mods.get(target.m) : undefined;
        const pm = p?.t === 'module' ? this.mods.get(p.m) : undefined;
        if (tm && (!pm || this.mods.subtreeParams(pm) !== 0)) tm.paramsUnsure ??= { en: `${tm.kind} has a parametrization whose parameters the analysis does not add`, 'zh-cn': `${tm.kind} 带有参数化，分析不计入其参数` };
        return target ?? NONE;
      }
      // Other helpers that build or wrap a layer (orthogonal, skip_init, fusion, prune): a module the analysis does not follow.
      if (/^torch\.nn\.utils\.(?:parametrizations\.|skip_init$|fusion\.|prune\.)/.test(name) && !NORM_WRAPPERS.test(name)) return unknownModule(`${name}() is not followed`, `不分析 ${name}()`);
    }
    const d = dataCall(name, /^torch\.utils\.data(?:\.dataloader|\.dataset)?\.(?:DataLoader|random_split|Subset|ConcatDataset)$/.test(name) ? this.userDatasetArgs(args) : args, this.invokeValue);
    // `ds.transform = …`, `loader.dataset.transform = …`, `tf.transforms.append(…)` after a torchvision
    // dataset is built: its samples are not what its constructor's transform makes (not followed: unknown).
    if (d?.t === 'data' && d.d.kind === 'dataset' && name.startsWith('torchvision.')) {
      const line = this.transformRewritten(scope.program);
      if (line) return { t: 'data', d: { ...d.d, sample: unknown(`the code changes a dataset's transform after building it (${line})`, `代码在构建数据集后修改了其 transform（${line}）`) } };
    }
    if (d) return d;
    // Shapes do not depend on the device: the CPU path is the one followed.
    if (name === 'torch.cuda.is_available' || name === 'torch.backends.mps.is_available') return { t: 'bool', v: false };
    // One process, as a model is read and run here (`dist.is_initialized() and dist.get_world_size() > 1`),
    // unless the code starts a process group (`init_process_group` anywhere in the file or the caller's, run or not): then not known.
    if (name === 'torch.distributed.is_initialized') return this.startsProcessGroup(scope.program) ? notTensor('whether a process group is running', '进程组是否已启动') : { t: 'bool', v: false };
    if (name.startsWith('numpy.')) {
      // numpy functions that change their first array in place (`np.random.shuffle(T)`): its values are no longer followed.
      if (NUMPY_IN_PLACE.has(name.slice(6))) forgetViewed(args.positional[0]?.value);
      const r = numpyCall(name, args);
      if (r) return r;
    }
    if (name.startsWith('scipy.linalg.') || name.startsWith('scipy.signal.') || name.startsWith('scipy.stats.')) {
      const r = scipyCall(name, args);
      if (r) return r;
    }
    // nn.init's initialisers fill the tensor in place and return it (`fc.weight = nn.init.xavier_uniform_(fc.weight)`).
    if (/^torch\.nn\.init\.(?:\w+_|uniform|normal|constant|xavier_uniform|xavier_normal|kaiming_uniform|kaiming_normal|orthogonal|sparse)$/.test(name)) {
      const filled = args.positional[0]?.value ?? args.keyword.get('tensor')?.value;
      // `init.uniform_(w, 1.0, 0.02)` (a std passed as the upper bound): PyTorch refuses a > b.
      if (name === 'torch.nn.init.uniform_' || name === 'torch.nn.init.uniform') {
        const lo = args.positional[1]?.value ?? args.keyword.get('a')?.value;
        const hi = args.positional[2]?.value ?? args.keyword.get('b')?.value;
        if (lo?.t === 'num' && hi?.t === 'num' && lo.v > hi.v) {
          const why = { en: `nn.init.uniform_ gets a = ${lo.v} above b = ${hi.v}: PyTorch refuses a range [a, b) with a > b (RuntimeError)`, 'zh-cn': `nn.init.uniform_ 的 a = ${lo.v} 大于 b = ${hi.v}：PyTorch 拒绝 a > b 的区间 [a, b)（RuntimeError）` };
          this.mods.reportAt(node, why);
          this.surelyRaises('RuntimeError', why);
          return unknown(why.en, why['zh-cn']);
        }
      }
      if (filled) return filled;
    }
    const dist = distributionCall(name, args);
    if (dist) return dist;
    if (name.startsWith('torch.')) {
      // `F.relu(input=x)`, `torch.flatten(input=x, start_dim=1)`: PyTorch names the tensor argument `input`.
      if (args.positional.length === 0 && args.keyword.has('input') && !TAKES_NO_INPUT.test(name)) {
        const keyword = new Map(args.keyword);
        const input = keyword.get('input')!;
        keyword.delete('input');
        args = { ...args, positional: [input], keyword };
      }
      if (name === 'torch.device' || (name.startsWith('torch.cuda.') && !name.endsWith('Tensor')) || name.startsWith('torch.backends.') || name === 'torch.manual_seed' || name.startsWith('torch.optim.')) return notTensor(name, name);
      const dimArgs = axisAsDim(name, args);
      if (!isArgList(dimArgs)) return dimArgs;
      // `nn.init.xavier_uniform_(w)` gives w itself back; any other function a new tensor.
      const made = valueFunction(name, dimArgs) ?? plainTensor(this.ops.torchFunction(name, dimArgs, node));
      const r = name.endsWith('_') ? made : computedTensor(made);
      // A tensor of literal size made here is an input the code gives a model: remember where.
      if (r.t === 'tensor' && CREATION.test(name)) {
        const made: Value = { ...r, src: { kind: 'call', what: compact(this.nc.text(node)) } };
        const dtype = createdDtype(name, dimArgs, [scope.program, this.mainProgram]);
        if (dtype) CREATED_DTYPE.set(made, dtype);
        return made;
      }
      return keepSource(args.positional[0]?.value, r);
    }
    // `random.choice(test_data)` over a list of samples of one size ((image, label) pairs): whichever
    // it picks has those shapes; what differs between them (the label) is unknown.
    if (name === 'random.choice' && args.positional.length === 1 && args.keyword.size === 0 && !args.unknownRest) {
      const seq = args.positional[0]!.value;
      const picked = seq.t === 'seq' && !seq.unsized && !seq.set && seq.items.length > 0 && seq.items.length <= 4096 ? anyOf(seq.items, 0) : undefined;
      if (picked) return picked;
    }
    if ((name === 'random.shuffle' || name === 'numpy.random.shuffle') && args.positional.length >= 1) return this.shuffled(args.positional[0]!.value);
    // `for x, y in tqdm(loader, total=len(loader))`: a progress bar yields what it wraps.
    if (/^tqdm(?:\.\w+)*\.tqdm$/.test(name)) {
      const wrapped = args.positional[0]?.value ?? args.keyword.get('iterable')?.value;
      if (wrapped && wrapped.t !== 'none') return wrapped;
    }
    if (/^tqdm(?:\.\w+)*\.trange$/.test(name)) return this.callRef('builtins.range', { positional: args.positional, keyword: new Map(), ...(args.unknownRest ? { unknownRest: args.unknownRest } : {}) }, node, scope);
    const parsed = parseCall(name, args) ?? newIni(name, args);
    if (parsed) return parsed;
    if (name.startsWith('numpy.') || name.startsWith('os.') || name.startsWith('time.') || name.startsWith('random.') || name.startsWith('json.') || name.startsWith('logging.')) return notTensor(`${name}() is not followed`, `不分析 ${name}()`);
    const lib = this.libraryName(name);
    if (lib) return this.apply(lib, args, node, scope);
    return unknownModule(`${name} is not something the analysis knows`, `分析不认识 ${name}`);
  }

  /**
   * `weight_norm(layer)` / `spectral_norm(layer)` / `remove_weight_norm(layer)`: the same module,
   * changed in place. spectral_norm keeps the count (weight_orig replaces weight; u, v are buffers).
   */
  private normWrapper(name: string, args: ArgList): Value {
    const mv = args.positional[0]?.value ?? args.keyword.get('module')?.value;
    const m = mv?.t === 'module' ? this.mods.get(mv.m) : undefined;
    if (!mv || !m) return mv?.t === 'unknown' ? mv : unknownModule(`${name} of something that is not a module`, `${name} 的参数不是模块`);
    if (name.endsWith('spectral_norm')) {
      m.membersUnsure = true;
      return mv;
    }
    if (this.logs.some((j) => j.madeBefore(m))) {
      m.uncertain = { en: `${name} under a condition or loop the analysis cannot decide`, 'zh-cn': `${name} 处于无法静态判断的条件或循环中` };
      return mv;
    }
    if (name.endsWith('remove_weight_norm')) {
      this.mods.removeWeightNorm(m);
      return mv;
    }
    const nameV = args.positional[1]?.value ?? args.keyword.get('name')?.value ?? (args.unknownRest ? undefined : { t: 'str', v: 'weight' });
    const dimV = args.positional[2]?.value ?? args.keyword.get('dim')?.value ?? (args.unknownRest ? undefined : { t: 'num', v: 0, int: true });
    this.mods.weightNorm(m, nameV?.t === 'str' ? nameV.v : undefined, dimV?.t === 'none' ? null : asInt(dimV));
    return mv;
  }

  /** A dotted library name the analysis has a program for (`torchvision.ops.MLP`, `torchvision.models.resnet18`). */
  libraryName(dotted: string): Value | undefined {
    const at = dotted.lastIndexOf('.');
    const module = dotted.slice(0, at);
    if (at < 0 || !this.mainProgram || !(isTorchvisionOpsModule(module) || isTorchvisionModelsModule(module))) return undefined;
    const p = this.loader.load(this.mainProgram, 0, module);
    return p ? this.global(p, dotted.slice(at + 1)) : undefined;
  }

  /** `einops.einsum(*tensors, pattern)`: torch.einsum of the pattern with a letter per axis name. */
  private einopsEinsum(args: ArgList, node: Node): Value {
    const pattern = args.positional[args.positional.length - 1]?.value;
    if (args.unknownRest || args.keyword.size > 0 || args.positional.length < 2) return unknown('einops.einsum with arguments the analysis cannot list', '参数无法列出的 einops.einsum');
    if (pattern?.t !== 'str') return unknown('einops.einsum with an unknown pattern', 'einops.einsum 的模式未知');
    const equation = einopsEinsumEquation(pattern.v);
    if (!equation) return unknown(`einops.einsum pattern '${pattern.v}' is not followed`, `不分析 einops.einsum 模式 '${pattern.v}'`);
    return this.ops.torchFunction('torch.einsum', { positional: [{ value: { t: 'str', v: equation } }, ...args.positional.slice(0, -1)], keyword: new Map() }, node);
  }

  private einops(mode: EinopsMode, args: ArgList, node: Node): Value {
    // (Each by position or by its name: `rearrange(x, pattern="b c h w -> b (h w) c")`.)
    const x = args.positional[0]?.value ?? args.keyword.get('tensor')?.value;
    const pattern = args.positional[1]?.value ?? args.keyword.get('pattern')?.value;
    const sizes = new Map<string, number>();
    if (x?.t !== 'tensor') return x?.t === 'unknown' ? x : unknown(`${mode} of an unknown tensor`, `${mode} 的输入未知`);
    if (pattern?.t !== 'str') return unknown(`${mode} with an unknown pattern`, `${mode} 的模式未知`);
    for (const [k, a] of args.keyword) {
      if (k === 'tensor' || k === 'pattern' || k === 'reduction') continue;
      const n = asInt(a.value);
      if (n === undefined) {
        return unknown(`${mode}: the size of '${k}' is not known`, `${mode}：'${k}' 的大小未知`);
      }
      sizes.set(k, n);
    }
    const r = einopsShape(x.shape, pattern.v, sizes, mode);
    if ('error' in r) {
      this.mods.reportAt(node, r.error);
      return unknown(r.error.en, r.error['zh-cn']);
    }
    return tensor(r.shape);
  }

  private einopsPack(args: ArgList): Value {
    const list = args.positional[0]?.value;
    const pattern = args.positional[1]?.value;
    if (list?.t !== 'seq' || pattern?.t !== 'str' || !list.items.every((x) => x.t === 'tensor')) return unknown('einops.pack of unknown tensors', 'einops.pack 的输入未知');
    const names = pattern.v.trim().split(/\s+/);
    const star = names.indexOf('*');
    if (star < 0) return unknown('einops.pack needs a *', 'einops.pack 需要 *');
    const after = names.length - star - 1;
    const shapes = list.items.map((x) => (x as { shape: number[] }).shape);
    const flat = shapes.map((s) => [...s.slice(0, star), s.slice(star, s.length - after).reduce((p, d) => p * d, 1), ...s.slice(s.length - after)]);
    const first = flat[0];
    if (!first) return unknown('einops.pack of nothing', 'einops.pack 没有输入');
    const packed = tensor(first.map((d, i) => (i === star ? flat.reduce((acc, s) => acc + (s[i] ?? 0), 0) : d)));
    const ps: Value = { t: 'seq', items: shapes.map((s) => ({ t: 'seq', items: s.slice(star, s.length - after).map((d) => num(d, true)), tuple: true })), tuple: false };
    return { t: 'seq', items: [packed, ps], tuple: true };
  }

  private deepcopy(v: Value): Value {
    if (v.t === 'module') {
      const m = this.mods.get(v.m);
      if (!m) return v;
      const copy = this.mods.clone(m, new Map());
      copy.copyOf = m.copyOf ?? m.id;
      if (copy.userClass) this.observer?.copied(m, copy);
      return { t: 'module', m: copy };
    }
    if (v.t === 'seq') return { ...v, items: v.items.map((x) => this.deepcopy(x)) };
    if (v.t === 'obj') return { ...v, attrs: new Map(v.attrs), ...(v.items ? { items: this.deepcopy(v.items) } : {}) };
    if (v.t === 'dict') return { ...v, entries: v.entries.map(([k, x]) => [k, this.deepcopy(x)]) };
    return v;
  }

  private builtin(name: string, args: ArgList, node: Node, scope: Scope): Value {
    // `__import__('graph')` (ST-GCN's import_class): the workspace package of that name, its top-level module.
    if (name === '__import__') return this.importByName(args, scope, true);
    const a0 = args.positional[0]?.value;
    // (`str(torch.__version__)` is a plain string, compared as text: not a version any more.)
    const a = a0?.t === 'unknown' && a0.version ? unknown(`${name}() of a version string`, `版本字符串的 ${name}()`, false) : a0;
    // `round(2.5, *digits)`, `max(4, *shape)`: arguments behind a star the analysis cannot list may change the result.
    if (args.unknownRest && !STAR_READING_BUILTINS.has(name)) return notTensor(`${name}() with arguments the analysis cannot list`, `${name}() 的参数无法列出`);
    switch (name) {
      case 'eval':
        return this.evalText(args, scope);
      case 'exec':
        this.execText(args, scope);
        return NONE;
      case 'slice': {
        // slice(stop) / slice(start, stop[, step]): as `[start:stop:step]` writes it.
        const p = args.positional.map((x) => x.value);
        if (args.unknownRest || args.keyword.size > 0 || p.length === 0 || p.length > 3) return notTensor('slice() with arguments the analysis cannot read', '参数无法分析的 slice()');
        return p.length === 1 ? { t: 'slice', start: NONE, stop: p[0]!, step: NONE } : { t: 'slice', start: p[0]!, stop: p[1]!, step: p[2] ?? NONE };
      }
      case 'globals':
        // The file's own names (`globals()[model_name]`, a factory's lookup): read as its module's __dict__.
        return args.positional.length === 0 ? { t: 'bound', recv: { t: 'pymod', p: scope.program }, name: OBJ_DICT } : notTensor('globals() here is not followed', '不分析此处的 globals()');
      case 'locals':
        // The function's names so far (`kwargs = dict(locals())`, CvT's settings); at module level unknown.
        return scope.vars.size > 0 && args.positional.length === 0 ? { t: 'dict', entries: [...scope.vars].map(([k, v]) => [k, v] as [string, Value]) } : notTensor('locals() here is not followed', '不分析此处的 locals()');
      case 'range': {
        const ns = args.positional.map((p) => asInt(p.value));
        if (ns.some((n) => n === undefined) || ns.length === 0) {
          // The operand's own reason, so a layer stack sized by it says where the size was lost.
          const cause = args.positional.map((p) => p.value).find((v): v is Value & { t: 'unknown' } => v.t === 'unknown');
          return cause ? notTensor(`range of unknown length: ${cause.reason.en}`, `长度未知的 range：${cause.reason['zh-cn']}`) : notTensor('range of unknown length', '长度未知的 range');
        }
        const [start, stop, step] = ns.length === 1 ? [0, ns[0]!, 1] : [ns[0]!, ns[1]!, ns[2] ?? 1];
        if (step === 0) return notTensor('range step 0', 'range 步长为 0');
        const items: Value[] = [];
        for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
          items.push(num(i, true));
          if (items.length > MAX_LOOP) return notTensor('range too long to unroll', 'range 过长，无法展开');
        }
        return { t: 'seq', items, tuple: false };
      }
      case 'len': {
        if (a?.t === 'seq') return a.unsized ? notTensor(`len of a ${a.set ? 'set' : 'list'} ${a.unsized.why.en}`, `${a.set ? '集合' : '列表'}的 len：${a.unsized.why['zh-cn']}`) : num(a.items.length, true);
        // Python counts code points: '😀' is one, not JavaScript's two UTF-16 units.
        if (a?.t === 'str') return num(codePointLength(a.v), true);
        // An entry whose key is not known may stand for none or several: such a dict's length is unknown.
        const dictLen = (d: Value & { t: 'dict' }): Value => (d.entries.some(([k]) => k === '\u0000?') ? unknownModule('len of a dict with keys the analysis cannot read', '含无法分析的键的字典的 len') : num(d.entries.length, true));
        if (a?.t === 'dict') return dictLen(a);
        if (a?.t === 'obj' && a.items) {
          const d = this.dictView(a);
          return d?.t === 'dict' ? dictLen(d) : d ?? notTensor('len', 'len');
        }
        // An instance of a class of the code with `__len__` (a vocabulary): what it returns, a whole number.
        const lenMethod = a?.t === 'obj' && a.def ? this.index.findMethod(a.def as ClassDef, '__len__') : undefined;
        if (a?.t === 'obj' && lenMethod && !lenMethod.isProperty && !lenMethod.isStatic) {
          const n = this.invokeFunction(this.makeFunction(lenMethod.node, new Map(), a, 'method', lenMethod.owner.program, lenMethod.owner), { positional: [], keyword: new Map() }, false, lenMethod.owner);
          return n.t === 'num' && n.int && n.v >= 0 ? n : notTensor(`len(): ${a.cls}.__len__ gives no whole number the analysis knows`, `len()：${a.cls}.__len__ 未给出已知的非负整数`);
        }
        if (a?.t === 'tensor') return a.shape[0] === undefined ? notTensor('len of a scalar', '标量的 len') : num(a.shape[0], true);
        // Data of a length only the run decides (a text's token ids): that length, named, so a
        // window drawn below it (`torch.randint(len(data) - T, …)`) is known to fit.
        if (a?.t === 'unknown' && a.rows) return { t: 'unknown', reason: { en: 'the length of data only the run decides', 'zh-cn': '只有运行时才知道的数据长度' }, tensorLike: false, num: true, lenOf: a, lenOff: 0 };
        if (a?.t === 'module') {
          const m = this.mods.get(a.m);
          const items = m ? this.mods.iterate(m) : undefined;
          return items ? num(items.length, true) : notTensor('len of a module', '模块的 len');
        }
        return notTensor('len of something the analysis cannot measure', '无法计算 len');
      }
      case 'int':
        if (a?.t === 'num') return num(Math.trunc(a.v), true);
        // `int(torch.prod(t))`, `int(torch.sqrt(torch.as_tensor(n / c)))`: a one-element tensor whose
        // value truncates to one integer across its error bound.
        if (a?.t === 'tensor' && a.vals?.v.length === 1 && a.shape.every((d) => d === 1) && args.positional.length === 1) {
          const t = valueMethod('int', a, { positional: [], keyword: new Map() });
          if (t?.t === 'tensor' && t.vals?.e[0] === 0) return num(t.vals.v[0]!, true);
        }
        if (a?.t === 'str' && args.positional.length === 1 && args.keyword.size === 0) {
          if (/^\s*[+-]?\d+(?:_\d+)*\s*$/.test(a.v)) return num(parseInt(a.v.replace(/_/g, ''), 10), true);
          // ASCII text that is no integer literal: `int("x")` raises ValueError (an `except ValueError:` takes over).
          if ([...a.v].every((ch) => ch.charCodeAt(0) < 128)) {
            const why = { en: `int(${JSON.stringify(a.v)}) raises ValueError`, 'zh-cn': `int(${JSON.stringify(a.v)}) 会抛出 ValueError` };
            this.surelyRaises('ValueError', why);
            return notTensor(why.en, why['zh-cn']);
          }
        }
        if (a?.t === 'bool') return num(a.v ? 1 : 0, true);
        // Keeps why its argument is unknown (`int(opt.nz)`: argparse would stop the script).
        if (a?.t === 'unknown' && !a.tensorLike) return a;
        return notTensor('int()', 'int()');
      case 'float':
        if (a?.t === 'num') return num(a.v, false);
        if (a?.t === 'tensor' && a.vals?.v.length === 1 && a.vals.e[0] === 0 && a.shape.every((d) => d === 1) && args.positional.length === 1) return num(a.vals.v[0]!, false);
        if (a?.t === 'str' && Number.isFinite(Number(a.v))) return num(Number(a.v), false);
        if (a?.t === 'unknown' && !a.tensorLike) return a;
        return notTensor('float()', 'float()');
      case 'bool': {
        const b = a ? this.truthOf(a) : false;
        return b === undefined ? notTensor('bool()', 'bool()') : { t: 'bool', v: b };
      }
      case 'str':
        return a?.t === 'str' ? a : textValue(a ? pyStr(a) : '', 'str()');
      case 'abs':
        return a?.t === 'num' ? num(Math.abs(a.v), a.int) : a?.t === 'tensor' ? a : notTensor('abs()', 'abs()');
      // `chr(ord('a') + i)`: block names 'a', 'b', … (ShuffleNet's stages).
      case 'chr':
        return a?.t === 'num' && a.int && a.v >= 0 && a.v <= 0x10ffff && args.positional.length === 1 ? { t: 'str', v: String.fromCodePoint(a.v) } : notTensor('chr()', 'chr()');
      case 'ord': {
        const cp = a?.t === 'str' && [...a.v].length === 1 ? a.v.codePointAt(0) : undefined;
        return cp !== undefined && args.positional.length === 1 ? num(cp, true) : notTensor('ord()', 'ord()');
      }
      case 'round': {
        const digits = asInt(args.positional[1]?.value);
        if (a?.t !== 'num') return notTensor('round()', 'round()');
        if (digits === undefined) return num(roundHalfEven(a.v), true);
        const r = roundToDigits(a.v, digits);
        return r === undefined ? notTensor('round() of a value at a tie the analysis does not decide', '处于舍入临界点的 round()') : num(r, a.int);
      }
      case 'pow': {
        // pow(base, exp, mod): the power taken modulo mod (exactly, on integers).
        const m = args.positional[2]?.value ?? args.keyword.get('mod')?.value;
        if (m && m.t !== 'none') {
          const [b, e, md] = [asInt(a), asInt(args.positional[1]?.value), asInt(m)];
          if (b === undefined || e === undefined || md === undefined || e < 0 || md === 0 || !Number.isSafeInteger(b) || !Number.isSafeInteger(md)) return notTensor('pow() with a modulus the analysis cannot compute', '无法计算的带模 pow()');
          const M = BigInt(Math.abs(md));
          let r = 1n % M;
          let base = ((BigInt(b) % M) + M) % M;
          for (let k = BigInt(e); k > 0n; k >>= 1n, base = (base * base) % M) if (k & 1n) r = (r * base) % M;
          // Python's result takes the modulus's sign.
          return num(Number(md < 0 && r !== 0n ? r - M : r), true);
        }
        return this.binary('**', a ?? NONE, args.positional[1]?.value ?? NONE, node);
      }
      case 'divmod': {
        const b = args.positional[1]?.value ?? NONE;
        return { t: 'seq', items: [this.binary('//', a ?? NONE, b, node), this.binary('%', a ?? NONE, b, node)], tuple: true };
      }
      case 'list':
      case 'tuple':
      case 'set':
      case 'frozenset':
      case 'sorted':
      case 'reversed': {
        if (!a) return name === 'set' || name === 'frozenset' ? { t: 'seq', items: [], tuple: false, set: true } : { t: 'seq', items: [], tuple: name === 'tuple' };
        const it = this.iterate(a);
        if (!it?.exact) return a.t === 'unknown' ? a : unknownModule(`${name}() of something the analysis cannot list`, `无法列出的 ${name}()`);
        let items = [...it.items];
        if (name === 'set' || name === 'frozenset') {
          // A set keeps each value once: `len(set(words))` is a vocabulary size.
          const unique = distinct(items);
          if (!unique) return unknownModule(`${name}() of values the analysis cannot compare`, `无法比较其元素的 ${name}()`);
          return { ...unique, set: true };
        }
        if (name === 'reversed') items.reverse();
        if (name === 'sorted') {
          const s = this.sortedBy(items, args.keyword);
          if (!s) return unknownModule('sorted() of values or with a key the analysis cannot order', '无法排序的 sorted()（元素或 key 未知）');
          items = s;
        }
        return { t: 'seq', items, tuple: name === 'tuple', ...(name === 'reversed' ? { iterator: { done: false } } : {}) };
      }
      case 'dict':
        return dictFromArgs(this.dictView(a), args);
      case 'vars':
        if (a?.t === 'obj' && a.itemAttrs) return this.dictView(a) ?? notTensor('vars()', 'vars()');
        // The instance's attribute dict itself: `vars(args).update(…)`, `vars(cfg)[k] = v` change the instance.
        return a?.t === 'obj' ? { t: 'dict', entries: [...a.attrs], viewOf: a } : notTensor('vars()', 'vars()');
      case 'super':
        // super(Cls) without the instance is an unbound super object: its __init__ does not run the base's on self.
        if (a?.t === 'class' && args.positional.length === 1 && args.keyword.size === 0) return notTensor(`super(${a.c.name}) without the instance is an unbound super object`, `不带实例的 super(${a.c.name}) 是未绑定的 super 对象`);
        // super(Cls, self): the next definition after Cls.
        if (a?.t === 'class') return { t: 'bound', recv: a, name: '__super__' };
        return { t: 'ref', name: 'super' };
      case 'zip': {
        // Each argument read in turn, an item at a time: one iterator given twice (`zip(*[iter(xs)] * 2)`
        // pairs neighbours) is read by both places, and zip stops at the first that runs out.
        const sources = args.positional.map((p) => p.value);
        // Loaders zipped together (a domain-adaptation loop's source and target batches): a loader of their batches side by side.
        const batches = sources.map((v) => (v.t === 'data' && (v.d.kind === 'loader' || v.d.kind === 'dataset') ? iterateData(v.d) : undefined));
        if (sources.length > 0 && !args.unknownRest && batches.every((b) => b !== undefined)) return { t: 'data', d: { kind: 'loader', batch: { t: 'seq', items: batches as Value[], tuple: true } } };
        if (sources.length === 0 || args.unknownRest || sources.some((v) => v.t === 'seq' && v.iterator?.done)) return unknownModule('zip of sequences the analysis cannot list', '无法展开的 zip');
        // A cycle never runs out: zip stops at another argument (all cycles: no end).
        if (sources.every((v) => v.t === 'seq' && v.iterator?.cycle)) return unknownModule('zip of cycles only never ends', '只含 cycle 的 zip 没有尽头');
        const cursors = sources.map((v) => (v.t === 'seq' && v.iterator ? undefined : this.iterate(v)));
        if (sources.some((v, i) => (v.t === 'seq' && v.iterator ? v.unsized && !v.iterator.cycle : !cursors[i]?.exact))) return unknownModule('zip of sequences the analysis cannot list', '无法展开的 zip');
        const at = sources.map(() => 0);
        const items: Value[] = [];
        for (let round = 0; round <= MAX_LOOP; round++) {
          const row: Value[] = [];
          for (const [i, v] of sources.entries()) {
            const item = v.t === 'seq' && v.iterator ? nextOf(v) : cursors[i]!.items[at[i]!++];
            if (item === undefined) break;
            row.push(item);
          }
          if (row.length < sources.length) break;
          items.push({ t: 'seq', items: row, tuple: true });
        }
        return { t: 'seq', items, tuple: false, iterator: { done: false } };
      }
      case 'enumerate': {
        const l = a ? this.iterate(a) : undefined;
        if (!l) return unknownModule('enumerate of a sequence the analysis cannot list', '无法展开的 enumerate');
        const start = asInt(args.positional[1]?.value ?? args.keyword.get('start')?.value) ?? 0;
        const items = l.items.map((v, i): Value => ({ t: 'seq', items: [num(i + start, true), v], tuple: true }));
        // One representative batch of a loader: `for i, (x, y) in enumerate(loader)`.
        return l.exact ? { t: 'seq', items, tuple: false, iterator: { done: false } } : { t: 'data', d: { kind: 'loader', batch: items[0] ?? NONE } };
      }
      case 'iter': {
        // iter() of an iterator is itself; of a list, a new iterator over its items.
        if (a?.t === 'data' && a.d.kind === 'loader') return { t: 'data', d: { ...a.d, iterator: true } };
        if (a?.t !== 'seq' || a.iterator || a.unsized) return a ?? NONE;
        return { t: 'seq', items: [...a.items], tuple: false, iterator: { done: false } };
      }
      case 'next': {
        if (a?.t === 'data') return iterateData(a.d) ?? notTensor('next()', 'next()');
        if (a?.t === 'seq' && a.iterator) {
          if (a.iterator.done || (a.unsized && !a.iterator.cycle)) return notTensor('next() of an iterator already read', '对已读完的迭代器调用 next()');
          // An exhausted iterator gives the default (x-transformers' `next(iter_attn_cache, None)`).
          return nextOf(a) ?? args.positional[1]?.value ?? notTensor('next() of an exhausted iterator raises StopIteration', '对耗尽的迭代器调用 next() 会抛出 StopIteration');
        }
        const l = a ? this.iterate(a) : undefined;
        // next(iter([]), default): an exhausted iterator gives the default (x-transformers' `next(iter_attn_cache, None)`).
        const fallback = args.positional[1]?.value;
        if (l?.exact && l.items.length === 0 && fallback) return fallback;
        return l?.items[0] ?? notTensor('next()', 'next()');
      }
      case 'filter': {
        // filter(f, xs) keeps the items f(x) is true for; filter(None, xs) the items true themselves.
        const f = a;
        const seq = args.positional[1]?.value;
        const l = seq ? this.iterate(seq) : undefined;
        if (!f || args.positional.length !== 2 || args.keyword.size > 0 || args.unknownRest || !l?.exact) {
          return seq?.t === 'unknown' ? { ...seq, mod: true } : unknownModule('filter() of a sequence the analysis cannot list', '无法展开的 filter()');
        }
        const items: Value[] = [];
        let undecidedKeep = false;
        const test = (): void => {
          for (const x of l.items) {
            const keep = this.truthOf(f.t === 'none' ? x : this.apply(f, { positional: [{ value: x }], keyword: new Map() }, node, scope));
            if (keep === undefined) {
              undecidedKeep = true;
              return;
            }
            if (keep) items.push(x);
          }
        };
        // filter() is lazy too: the code's own test, read later or partly, runs as an undecided branch (see map).
        if (f.t === 'func' && this.readLater(node, scope)) this.undecided(scope, () => void test(), () => undefined);
        else test();
        if (undecidedKeep) return unknownModule('filter() keeps items by a test the analysis cannot decide', '无法判断 filter() 保留哪些元素');
        return { t: 'seq', items, tuple: false, iterator: { done: false } };
      }
      case 'map': {
        // map(f, xs, ys, …) calls f(x, y, …) until the shortest sequence ends.
        const f = a;
        const lists = args.positional.slice(1).map((p) => this.iterate(p.value));
        if (!f || lists.length === 0 || args.unknownRest || lists.some((l) => !l?.exact)) {
          // A sequence that is itself unknown (a tensor from an operation not followed) keeps its own reason.
          const unknownSeq = args.positional.slice(1).find((p) => p.value.t === 'unknown')?.value;
          return unknownSeq?.t === 'unknown' ? { ...unknownSeq, mod: true } : unknownModule('map() of a sequence the analysis cannot list', '无法展开的 map()');
        }
        const n = Math.min(...lists.map((l) => l!.items.length));
        const call = (i: number): Value => this.apply(f, { positional: lists.map((l) => ({ value: l!.items[i]! })), keyword: new Map() }, node, scope);
        let items: Value[] = [];
        // map() is lazy: f runs as the map is read. Kept for later (`m = map(push, xs)`), or read by
        // something that may stop early (zip, next, takewhile), the code's own f may run for some
        // items, all, or none by a given point: what it changes is not known (as in an undecided if).
        if (f.t === 'func' && this.readLater(node, scope)) this.undecided(scope, () => void (items = Array.from({ length: n }, (_, i) => call(i))), () => undefined);
        else items = Array.from({ length: n }, (_, i) => call(i));
        return { t: 'seq', items, tuple: false, iterator: { done: false } };
      }
      case 'max':
      case 'min': {
        // One iterable (all of it listed) or several arguments; `key=` ranks them, `default=` stands for an empty one.
        const it = args.positional.length === 1 ? this.iterate(a ?? NONE) : undefined;
        const ns = args.positional.length === 1 ? (it?.exact ? it.items : undefined) : args.positional.map((p) => p.value);
        if (!ns || args.unknownRest || [...args.keyword.keys()].some((k) => k !== 'key' && k !== 'default')) return notTensor(name, name);
        if (ns.length === 0 && !args.keyword.has('default')) this.raisesInTry('ValueError', { en: `${name}() of an empty sequence raises ValueError`, 'zh-cn': `${name}() 作用于空序列会抛出 ValueError` });
        if (ns.length === 0) return args.keyword.get('default')?.value ?? notTensor(`${name}() of an empty sequence raises ValueError`, `${name}() 作用于空序列会抛出 ValueError`);
        const keys = this.rankKeys(ns, args.keyword.get('key')?.value);
        if (!keys) return notTensor(name, name);
        // The first of the largest (smallest), as Python's.
        let best = 0;
        for (let i = 1; i < ns.length; i++) if (name === 'max' ? keys[i]! > keys[best]! : keys[i]! < keys[best]!) best = i;
        return ns[best]!;
      }
      case 'sum': {
        const it = a ? this.iterate(a) : undefined;
        if (!it?.exact) return notTensor('sum()', 'sum()');
        let acc: Value = args.positional[1]?.value ?? num(0, true);
        for (const x of it.items) acc = this.binary('+', acc, x, node);
        return acc;
      }
      case 'any':
      case 'all': {
        const it = a ? this.iterate(a) : undefined;
        if (!it?.exact) return notTensor(name, name);
        const ts = it.items.map((x) => this.truthOf(x));
        if (name === 'any') return ts.some((t) => t === true) ? { t: 'bool', v: true } : ts.every((t) => t === false) ? { t: 'bool', v: false } : notTensor('any', 'any');
        return ts.some((t) => t === false) ? { t: 'bool', v: false } : ts.every((t) => t === true) ? { t: 'bool', v: true } : notTensor('all', 'all');
      }
      case 'isinstance':
        return this.isInstance(a ?? NONE, args.positional[1]?.value ?? NONE);
      case 'callable': {
        const is = a && args.positional.length === 1 && args.keyword.size === 0 ? isCallable(a) : undefined;
        return is === undefined ? notTensor('callable(…) of a value the analysis cannot tell', '无法判断的 callable(…)') : { t: 'bool', v: is };
      }
      case 'hasattr': {
        const n = args.positional[1]?.value;
        if (n?.t !== 'str' || !a) return notTensor('hasattr', 'hasattr');
        if (a.t === 'module' || a.t === 'obj') return this.hasAttr(a, n.v, scope);
        // `if hasattr(nn, 'SiLU')`: a layer class this analysis knows is one torch has (a name it does not know stays undecided).
        if (a.t === 'ref' && torchNamespaceHas(a.name, n.v)) return { t: 'bool', v: true };
        const v = this.getAttr(a, n.v, scope);
        return v.t === 'unknown' || v.t === 'bound' || v.t === 'ref' ? notTensor('hasattr', 'hasattr') : { t: 'bool', v: true };
      }
      case 'getattr': {
        const n = args.positional[1]?.value;
        if (n?.t !== 'str' || !a) return unknownModule('getattr with a name the analysis does not know', '名称未知的 getattr');
        const def = args.positional[2]?.value;
        // `getattr(conv, "weight_u")` on a layer surely without it raises AttributeError (a spectral norm's "made yet?" test).
        if (!def && a.t === 'module' && args.positional.length === 2) {
          if (this.surelyLacks(a, n.v)) {
            const why = { en: `AttributeError: the layer has no attribute '${n.v}'`, 'zh-cn': `AttributeError：该层没有属性 '${n.v}'` };
            this.surelyRaises('AttributeError', why);
            return unknownModule(why.en, why['zh-cn']);
          }
        }
        // Set on one side of an undecided branch only: the default may stand for it.
        const raw = a.t === 'module' ? this.mods.get(a.m)?.attrs.get(n.v) : undefined;
        const v = def && raw?.t === 'unknown' ? raw : this.getAttr(a, n.v, scope);
        // The default stands for a missing attribute only: an object's or module's own attribute whose value is unknown stays unknown.
        const own = (a.t === 'obj' && a.attrs.has(n.v)) || (a.t === 'module' && this.mods.get(a.m)?.attrs.has(n.v) === true);
        // A module attribute the analysis does not know (`getattr(block, "is_strided", False)` on a block
        // that never sets it): the default when hasattr is decided false, else unknown as before.
        // `getattr(module, 'stride', None)` on a built-in layer whose members are listed and lack it: the default.
        if (def && a.t === 'module' && args.positional.length === 3 && this.surelyLacks(a, n.v)) return def;
        if (def && !own && v.t === 'bound' && a.t === 'module') {
          const has = this.hasAttr(a, n.v, scope);
          return has.t === 'bool' && !has.v ? def : v;
        }
        // `getattr(F, 'scaled_dot_product_attention', None)`: a name of torch.nn(.functional) the
        // analysis does not know torch 1.13 has may be missing from the user's PyTorch (the default).
        if (def && a.t === 'ref' && (a.name === 'torch.nn' || a.name === 'torch.nn.functional') && !torchNamespaceHas(a.name, n.v)) {
          return unknownModule(`getattr(${a.name}, '${n.v}', default): whether the user's PyTorch has it depends on its version`, `getattr(${a.name}, '${n.v}', 默认值)：用户的 PyTorch 是否有它取决于版本`);
        }
        // A class attribute its body lacks but code sets (`cls.width = 12` in a classmethod, `Cfg.width = 12`,
        // setattr on the class): the default only stands if that code has not run.
        if (def && a.t === 'class' && !this.index.findAttr(a.c as ClassDef, n.v) && (this.methodPatched(a.c as ClassDef, n.v) || this.classAttrWritten(a.c as ClassDef, n.v))) {
          return unknownModule(`getattr(${(a.c as ClassDef).name}, '${n.v}', default): ${(a.c as ClassDef).name}.${n.v} is set outside the class body`, `getattr(${(a.c as ClassDef).name}, '${n.v}', 默认值)：${(a.c as ClassDef).name}.${n.v} 在类体外被赋值`);
        }
        if (def && !own && (v.t === 'unknown' || v.t === 'bound') && a.t !== 'ref') {
          if (v.t === 'bound') return v;
          // The default only where the object surely lacks the name: of an object the analysis cannot
          // see into (fairseq's `getattr(args, "hidden", 2)` with args unknown), or whose class may
          // hold it, the value is not known.
          if (a.t === 'unknown') return unknownModule(`getattr(…, '${n.v}', default) of something the analysis cannot see into: ${a.reason.en}`, `对分析无法看清的对象 getattr(…, '${n.v}', 默认值)：${a.reason['zh-cn']}`);
          if (a.t === 'obj' && this.objectMayHold(a, n.v)) return v;
          // A class (or an instance of one) whose body has the attribute, or which code sets (`Cfg.hidden = 6`,
          // a classmethod's `cls.hidden = n`, setattr, del): not the default, whatever its value.
          const cls = (a.t === 'class' ? a.c : a.t === 'module' ? this.mods.get(a.m)?.userClass : a.t === 'obj' ? a.def : undefined) as ClassDef | undefined;
          if (cls && (this.index.findAttr(cls, n.v) || this.methodPatched(cls, n.v) || this.index.mro(cls).some((k) => typeof k !== 'string' && this.classAttrWritten(k, n.v)))) {
            return v.t === 'unknown' ? v : unknownModule(`getattr(…, '${n.v}', default): ${cls.name}.${n.v} is set outside the class body`, `getattr(…, '${n.v}', 默认值)：${cls.name}.${n.v} 在类体外被赋值`);
          }
          return def;
        }
        return v;
      }
      case 'setattr': {
        const n = args.positional[1]?.value;
        const v = args.positional[2]?.value;
        if (a?.t === 'module' && n?.t === 'str' && v) {
          const m = this.mods.get(a.m);
          if (m) this.mods.setAttr(m, n.v, v);
        } else if (a?.t === 'obj' && n?.t === 'str' && v) {
          if (!(a.items && this.setItemAttr(a, n.v, v))) a.attrs.set(n.v, v);
        } else if (a?.t === 'pymod' && n?.t === 'str' && v) {
          // `setattr(sys.modules[__name__], f"cifar10_{name}", partial(_resnet, …))`: a module-level name set by code.
          const globals = (a.p as PyProgram).globals;
          for (const j of this.logs) j.attr(globals, n.v);
          globals.set(n.v, v);
        }
        else if (a?.t === 'module') {
          const m = this.mods.get(a.m);
          if (m) m.uncertain = { en: 'setattr with a name the analysis does not know', 'zh-cn': '名称未知的 setattr' };
        } else if (a?.t === 'obj' && !a.items) {
          // A name it cannot read: any of the instance's attributes may be the one set.
          for (const j of this.logs) for (const k of a.attrs.keys()) j.attr(a.attrs, k);
          for (const k of [...a.attrs.keys()]) a.attrs.set(k, unknownModule('set by setattr with a name the analysis cannot read', '由名称无法分析的 setattr 设置'));
          this.openAttrObjs.add(a);
        }
        if (a?.t === 'class') this.recordClassWrite(a.c as ClassDef, n?.t === 'str' ? n.v : '*');
        return NONE;
      }
      case 'type':
        if (a?.t === 'module') {
          const cls = this.mods.get(a.m)?.userClass;
          return cls ? { t: 'class', c: cls } : { t: 'ref', name: `type:${this.mods.get(a.m)?.kind ?? '?'}` };
        }
        // `type(norm_layer) == functools.partial`: a partial's type, or a torch.nn layer class's (type itself).
        if (a && args.positional.length === 1 && isPartial(a)) return { t: 'ref', name: 'functools.partial' };
        if (a?.t === 'ref' && args.positional.length === 1 && isLayerClassRef(a.name)) return { t: 'ref', name: 'type' };
        // A tensor's or list's type, only told apart from Python's builtin types (`type(input) not in (list, tuple)`).
        // A list or tuple display (`cfg = [(3, 16), "M", [...]]`, YOLO v1's config): Python's list / tuple.
        if (args.positional.length === 1 && a?.t === 'seq' && a.literal && !a.size && !a.set) return { t: 'ref', name: a.tuple ? 'builtins.tuple' : 'builtins.list' };
        if (args.positional.length === 1 && (a?.t === 'tensor' || a?.t === 'seq')) return { t: 'ref', name: a.t === 'tensor' ? TYPE_OF_TENSOR : TYPE_OF_SEQ };
        // A str, a bool, a plain dict (`if type(v) == dict:` of a config wrapper): Python's builtin class.
        if (args.positional.length === 1 && (a?.t === 'str' || a?.t === 'bool' || (a?.t === 'dict' && !a.subclass))) return { t: 'ref', name: `builtins.${a.t}` };
        // A number written as a literal is Python's int or float; others may be numpy's (np.int64 is no int).
        if (args.positional.length === 1 && a?.t === 'num') return { t: 'ref', name: a.py ? (a.int ? 'builtins.int' : 'builtins.float') : TYPE_OF_NUMBER };
        if (args.positional.length === 1 && a?.t === 'dict') return { t: 'ref', name: TYPE_OF_DICT_SUBCLASS };
        if (args.positional.length === 1 && a?.t === 'none') return { t: 'ref', name: TYPE_OF_NONE };
        return notTensor('type()', 'type()');
      case 'open':
        return this.loader.readText ? openFile(args, (path) => this.loader.readText!(scope.program, path)) : notTensor('open() is not followed here', '此处不分析 open()');
      case 'print':
      case 'id':
      case 'repr':
        // repr of a string adds its quotes (and escapes, which the analysis does not write): plain text only.
        if (a?.t === 'str') return /^[ -&(-[\]-~]*$/.test(a.v) ? { t: 'str', v: `'${a.v}'` } : notTensor('repr() of a string with quotes, escapes or non-ASCII text', '含引号、转义或非 ASCII 字符的字符串的 repr()');
        if (a && a.t !== 'num' && a.t !== 'bool' && a.t !== 'none') return notTensor('repr()', 'repr()');
        // (A number's repr is its str.)
        return a ? textValue(formatValue(a, ''), 'repr()') : notTensor('repr()', 'repr()');
      case 'format': {
        const spec = args.positional[1]?.value ?? { t: 'str', v: '' };
        return a && spec.t === 'str' ? textValue(formatValue(a, spec.v), 'format()') : notTensor('format()', 'format()');
      }
      case 'hash':
        return notTensor(`${name}()`, `${name}()`);
      default:
        return notTensor(`${name}()`, `${name}()`);
    }
  }

  /**
   * `eval(s)` of a string the analysis reads exactly: a literal (`'80'`, `'None'`, `'0.5'`) or a
   * bare or dotted name (`'Conv'`, `'nn.Upsample'`, a local `'nc'`) looked up as the code would
   * (locals, globals, builtins). A name defined nowhere Python could find it raises NameError
   * (YOLOv5's parse_model leaves `'nearest'` a string under contextlib.suppress(NameError)); any
   * other text, or a name that may be defined where the analysis cannot see, is unknown.
   */
  /**
   * `exec("SIZE = 7")` at module level (or given `globals()`): the code is not run, so each name it
   * binds (assigns, defines, imports) is unknown from here on — never the value from before. Code the
   * analysis cannot read (`exec(open('configurator.py').read())`) is left out, as before.
   */
  private execText(args: ArgList, scope: Scope): void {
    const code = args.positional[0]?.value;
    const ns = args.positional[1]?.value;
    const program = scope.program as PyProgram;
    const toGlobals = scope.vars === program.globals || (ns?.t === 'bound' && ns.name === OBJ_DICT && ns.recv.t === 'pymod' && ns.recv.p === program);
    if (code?.t !== 'str' || !toGlobals) return;
    for (const name of namesBoundBy(code.v)) {
      for (const j of this.logs) j.attr(program.globals, name);
      program.globals.set(name, unknownModule(`${name} is set by exec(…), which the analysis does not run`, `${name} 由 exec(…) 设置，分析不运行它`));
    }
  }

  private evalText(args: ArgList, scope: Scope): Value {
    const a = args.positional[0]?.value;
    // (What it cannot read may name anything: a class, a layer, a module.)
    if (args.positional.length !== 1 || args.keyword.size > 0 || args.unknownRest || a?.t !== 'str') return unknownModule('eval() of something the analysis cannot read', '无法分析的 eval()');
    const text = a.v.trim();
    if (text === 'None') return NONE;
    if (text === 'True' || text === 'False') return { t: 'bool', v: text === 'True' };
    if (/^(?:0|[1-9][0-9]*)$/.test(text) && Number.isSafeInteger(Number(text))) return num(Number(text), true);
    if (/^(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(text)) return num(Number(text), false);
    if (!/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(text) || text !== a.v) return unknownModule(`eval('${a.v.slice(0, 40)}') is not followed (only a literal or a name is)`, `不分析 eval('${a.v.slice(0, 40)}')（只分析字面量或名称）`);
    const [head, ...rest] = text.split('.');
    if (!scope.vars.has(head!) && this.surelyUndefined(head!, scope.program)) {
      this.surelyRaises('NameError', { en: `eval('${text}'): name '${head}' is not defined (NameError)`, 'zh-cn': `eval('${text}')：名称 '${head}' 未定义（NameError）` });
      return notTensor(`eval('${text}') raises NameError`, `eval('${text}') 抛出 NameError`);
    }
    let v = this.lookup(head!, scope);
    for (const attr of rest) v = this.getAttr(v, attr, scope);
    return v;
  }

  /**
   * A name no code of this file, of the files it star-imports, nor Python's builtins can define:
   * it is nowhere an identifier in them. A star import the analysis cannot read may define anything.
   */
  private surelyUndefined(name: string, p: PyProgram, seen = new Set<PyProgram>()): boolean {
    if (PYTHON_BUILTIN_NAMES.has(name) || BUILTINS.has(name) || p.aliases.has(name)) return false;
    if (seen.has(p)) return true;
    seen.add(p);
    let ids = this.identifierSets.get(p);
    if (!ids) {
      ids = new Set<string>();
      const walk = (n: Node): void => {
        if (n.type === 'identifier') ids!.add(n.text);
        for (const c of n.namedChildren) if (c) walk(c);
      };
      walk(p.root);
      this.identifierSets.set(p, ids);
    }
    if (ids.has(name)) return false;
    for (const star of p.starImports) {
      const other = this.loader.load(p, star.level, star.module);
      if (!other || !this.surelyUndefined(name, other, seen)) return false;
    }
    return true;
  }

  private readonly identifierSets = new WeakMap<PyProgram, Set<string>>();

  /** `hasattr(self, 'shortcut')`: an attribute set (or not) in `__init__`, a method, a class attribute. */
  /**
   * A fresh built-in layer of a listed kind surely lacks a public name beyond its listed members
   * (PyTorch 1.13's `dir()`) and what was set or registered on it —
   * unless a torch.nn.utils function it went through (spectral_norm, prune…) may have added some.
   */
  private surelyLacks(o: Value & { t: 'module' }, name: string): boolean {
    const m = this.mods.get(o.m);
    const listed = m?.builtin && !m.userClass && !m.composite && !m.uncertain && !m.membersUnsure && !m.unnormed ? LAYER_MEMBERS[m.kind] : undefined;
    if (!m || !listed || name.startsWith('_') || m.attrs.has(name) || this.mods.child(m, name) || (m.builtin?.weights && name in m.builtin.weights)) return false;
    return !NN_MODULE_PUBLIC.has(name) && !listed.includes(name);
  }

  private hasAttr(o: Value & { t: 'module' | 'obj' }, name: string, scope: Scope): Value {
    const attrs = o.t === 'module' ? this.mods.get(o.m)?.attrs : o.attrs;
    const set = attrs?.get(name);
    if (set) return set.t === 'unknown' ? notTensor(`whether ${name} is set`, `${name} 是否已设置`) : { t: 'bool', v: true };
    if (o.t === 'module') {
      const m = this.mods.get(o.m);
      if (!m || m.uncertain) return notTensor('hasattr', 'hasattr');
      if (this.mods.child(m, name)) return { t: 'bool', v: true };
      // A bare nn.Module holder (`hasattr(level, 'reduce')`) has only nn.Module's members and what was set on it.
      if (m.bare) return { t: 'bool', v: MODULE_MEMBERS.has(name) };
      if (m.builtin || m.composite || !m.userClass) return notTensor('hasattr', 'hasattr');
      // (A property's getter may raise AttributeError, which hasattr reads as False: not decided.)
      if (this.index.findMethod(m.userClass, name)?.isProperty) return notTensor('hasattr of a property', 'hasattr 作用于属性');
      if (this.index.findMethod(m.userClass, name) || this.index.findAttr(m.userClass, name) || MODULE_MEMBERS.has(name)) return { t: 'bool', v: true };
      // A container subclass has its base's methods (append, keys…), which the analysis does not list.
      if (MODULE_PRIVATE.has(name)) return { t: 'bool', v: true };
      if ((m.container && CONTAINER_METHODS.has(name)) || name.startsWith('__')) return notTensor('hasattr', 'hasattr');
      return { t: 'bool', v: false };
    }
    const c = o.def as ClassDef | undefined;
    if (!c) return notTensor('hasattr', 'hasattr');
    if (o.t === 'obj' && o.items) {
      const own = o.itemAttrs ? this.itemAttr(o, name) : undefined;
      if (own) return own.t === 'unknown' ? notTensor(`whether ${name} is set`, `${name} 是否已设置`) : { t: 'bool', v: true };
      if (DICT_METHODS.has(name)) return { t: 'bool', v: true };
      // dict's other members, or a __getattr__ that may find it: not decided here.
      if (!this.index.findMethod(c, name) && !this.index.findAttr(c, name) && (name.startsWith('__') || ['clear', 'fromkeys', 'popitem'].includes(name) || this.index.findMethod(c, '__getattr__') || this.index.findAttr(c, '__getattr__'))) return notTensor('hasattr', 'hasattr');
    }
    void scope;
    if (this.index.findMethod(c, name)?.isProperty) return notTensor('hasattr of a property', 'hasattr 作用于属性');
    return { t: 'bool', v: Boolean(this.index.findMethod(c, name) || this.index.findAttr(c, name)) };
  }

  private isInstance(v: Value, t: Value): Value {
    const types = t.t === 'seq' ? t.items : [t];
    let any = false;
    // A class is no instance of an nn.Module class (`isinstance(norm_layer, FrozenBatchNorm2d)` with norm_layer = nn.BatchNorm2d).
    const classObj = v.t === 'class' || (v.t === 'ref' && torchNnClassName(v.name) !== undefined);
    for (const ty of types) {
      if (classObj && ((ty.t === 'ref' && /^(?:torch\.nn|torchvision)\.(?:[\w.]*\.)?[A-Z]\w*$/.test(ty.name)) || (ty.t === 'class' && this.index.torchBase(ty.c as ClassDef) !== undefined))) continue;
      if (ty.t === 'ref' && ty.name === 'functools.partial') {
        const is = isPartial(v) ? true : v.t === 'none' || v.t === 'num' || v.t === 'str' || v.t === 'bool' || v.t === 'class' || v.t === 'module' || (v.t === 'ref' && isLayerClassRef(v.name)) ? false : undefined;
        if (is === undefined) return notTensor('isinstance(…, functools.partial) of a value the analysis cannot tell', '无法判断的 isinstance(…, functools.partial)');
        if (is) any = true;
        continue;
      }
      if (ty.t === 'ref') {
        const check = PY_TYPES[ty.name];
        if (check) {
          const is = v.t === 'unknown' ? undefined : check(v);
          if (is === undefined) return notTensor('isinstance of an unknown value', '未知值的 isinstance');
          if (is) any = true;
          continue;
        }
        if (ty.name.startsWith('torch.nn.')) {
          const kind = ty.name.slice('torch.nn.'.length);
          if (v.t !== 'module') {
            if (v.t === 'unknown') return notTensor('isinstance', 'isinstance');
            continue;
          }
          const m = this.mods.get(v.m);
          if (!m) return notTensor('isinstance', 'isinstance');
          if (kind === 'Module' || m.kind === kind || m.container === kind) any = true;
          else if (m.userClass && this.index.torchBase(m.userClass) === kind) any = true;
          continue;
        }
        return notTensor('isinstance', 'isinstance');
      }
      if (ty.t === 'class') {
        const c = ty.c as ClassDef;
        if (v.t === 'module') {
          const m = this.mods.get(v.m);
          if (m?.userClass && this.isSubclass(m.userClass, c)) any = true;
        } else if (v.t === 'obj' && v.def && this.isSubclass(v.def as ClassDef, c)) any = true;
        else if (v.t === 'unknown') return notTensor('isinstance', 'isinstance');
        continue;
      }
      return notTensor('isinstance', 'isinstance');
    }
    return { t: 'bool', v: any };
  }

  private readonly tupleBases = new Map<ClassDef, (Value & { t: 'obj' }) | null>();

  /** `class SparseFeat(namedtuple('SparseFeat', [...]))`: the namedtuple type the class derives from. */
  private tupleBaseOf(c: ClassDef): (Value & { t: 'obj' }) | undefined {
    const known = this.tupleBases.get(c);
    if (known !== undefined) return known ?? undefined;
    this.tupleBases.set(c, null);
    const sup = this.nc.field(c.node, 'superclasses')?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
    if (sup?.length !== 1 || sup[0]!.type !== 'call' || !/^(?:collections\.)?namedtuple$/.test(this.nc.text(this.nc.field(sup[0]!, 'function') ?? sup[0]!))) return undefined;
    const t = this.safeEval(sup[0]!, { vars: new Map(), recordFlow: false, program: c.program as PyProgram });
    const base = isTupleType(t) ? t : undefined;
    this.tupleBases.set(c, base ?? null);
    return base;
  }

  /**
   * An instance of a namedtuple subclass: its own `__new__` (`super(C, cls).__new__(cls, name,
   * size, dim)` fills the defaults) or the tuple's; the instance is of the class (isinstance, its
   * methods and properties) and holds the tuple's fields.
   */
  private newTupleOfClass(c: ClassDef, base: Value & { t: 'obj' }, args: ArgList): Value {
    const ctor = this.index.findMethod(c, '__new__');
    if (ctor && ctor.owner === c) {
      const f = this.makeFunction(ctor.node, new Map(), undefined, 'function', ctor.owner.program, ctor.owner);
      return this.invokeFunction(f, { ...args, positional: [{ value: { t: 'class', c } }, ...args.positional] }, false, ctor.owner);
    }
    if (ctor) return unknown(`${c.name}() of a __new__ the analysis does not follow`, `分析不跟踪 ${c.name}() 的 __new__`);
    const made = newTuple({ ...base, attrs: new Map([...base.attrs, ['__name__', { t: 'str', v: c.name }]]) }, args);
    return made.t === 'obj' ? { ...made, def: c } : made;
  }

  /**
   * `F.apply(*args)` of a torch.autograd.Function: PyTorch 1.13 runs the static `forward(ctx, *args)`
   * with a fresh context and returns what it returns; the tensors keep their shapes (an input
   * returned as is comes back as a new tensor, no longer a parameter).
   */
  private autogradApply(c: ClassDef, args: ArgList): Value {
    const fwd = this.index.findMethod(c, 'forward');
    if (!fwd?.isStatic) return unknown(`${c.name}.apply: its forward is not a @staticmethod of the class`, `${c.name}.apply：其 forward 不是该类的 @staticmethod`);
    // Function.apply takes positional arguments only; a keyword one is a TypeError.
    if (args.keyword.size > 0) return unknown(`${c.name}.apply() takes no keyword arguments`, `${c.name}.apply() 不接受关键字参数`);
    const ctx: Value = { t: 'obj', cls: AUTOGRAD_CTX, attrs: new Map() };
    const f = this.makeFunction(fwd.node, new Map(), undefined, 'function', fwd.owner.program, fwd.owner);
    const out = this.invokeFunction(f, { ...args, positional: [{ value: ctx }, ...args.positional] }, false, fwd.owner);
    const fresh = (v: Value): Value => (v.t === 'tensor' ? { t: 'tensor', shape: v.shape } : v);
    return out.t === 'seq' && out.tuple ? { ...out, items: out.items.map(fresh) } : fresh(out);
  }

  /** What forward reads from its context before setting it: flags that depend on the caller's tensors. */
  private autogradCtxAttr(o: Value, attr: string): Value {
    if (AUTOGRAD_CTX_METHODS.has(attr)) return { t: 'bound', recv: o, name: attr };
    return notTensor(`ctx.${attr} in an autograd Function's forward is not known`, `autograd Function 的 forward 中的 ctx.${attr} 未知`);
  }

  private isSubclass(c: ClassDef, of: ClassDef, depth = 0): boolean {
    if (c === of) return true;
    if (depth > 10) return false;
    return this.index.bases(c).some((b) => this.isSubclass(b, of, depth + 1));
  }

  /**
   * A module's children in registration order (`_modules`, `named_children()`): a user class's are
   * the modules its attributes hold, in the order they were first set; or why they are not known.
   */
  private childrenInOrder(m: ModuleInst): { name: string; inst: ModuleInst }[] | Msg {
    if (m.uncertain) return m.uncertain;
    if (m.userClass || m.bare) {
      const held = [...m.attrs].find(([, v]) => mayHoldModule(v));
      if (held) return { en: `self.${held[0]} is not known`, 'zh-cn': `self.${held[0]} 未知` };
      // A container subclass that also sets module attributes: their order among its items is not kept.
      if (m.children.length > 0 && [...m.attrs.values()].some((v) => v.t === 'module')) return { en: `the order of ${m.kind}'s children is not known`, 'zh-cn': `${m.kind} 的子模块顺序未知` };
    }
    return this.mods.namedChildren(m);
  }

  /** Could this function (or functools.partial of one) assign a layer's shape settings (`m.stride = …`)? Yes when its code is not known. */
  private maySetLayerSettings(fn: Value): boolean {
    const f = fn.t === 'func' ? fn.f : fn.t === 'bound' && fn.name === PARTIAL && fn.recv.t === 'seq' && fn.recv.items[0]?.t === 'func' ? fn.recv.items[0].f : undefined;
    if (!f) return true;
    return /\.(?:stride|padding|dilation|kernel_size|groups|output_padding|scale_factor|ceil_mode|size)\s*=[^=]/.test(this.nc.text(f.body));
  }

  /** named_modules(): the module itself (name ''), then each child's tree under its dotted name, each module once; or why not. */
  private namedTree(root: ModuleInst): { name: string; inst: ModuleInst }[] | Msg {
    const out: { name: string; inst: ModuleInst }[] = [];
    const seen = new Set<number>();
    const visit = (m: ModuleInst, prefix: string): Msg | undefined => {
      if (seen.has(m.id)) return undefined;
      seen.add(m.id);
      out.push({ name: prefix, inst: m });
      if (out.length > MAX_LOOP) return { en: 'too many modules to list', 'zh-cn': '模块过多，无法列出' };
      const kids = this.childrenInOrder(m);
      if (!Array.isArray(kids)) return kids;
      for (const c of kids) {
        const why = visit(c.inst, prefix === '' ? c.name : `${prefix}.${c.name}`);
        if (why) return why;
      }
      return undefined;
    };
    return visit(root, '') ?? out;
  }

  /**
   * `x.transpose_(1, 2)` changes x's shape where it stands (WaveRNN's encoder does not assign the
   * result): the name or attribute it was read from is bound to the new shape. Another name for the
   * same tensor is not followed: such a read stays as it was.
   */
  /**
   * `data.resize((n, 1))` as a statement: numpy's ndarray.resize changes the array in place
   * (torch's deprecated non-in-place `Tensor.resize` as a statement would change nothing, and is
   * not what such code means). The array takes the new shape; sizes the analysis cannot read leave it unknown.
   */
  private arrayResize(args: ArgList, node: Node, scope: Scope): Value {
    const first = args.positional[0]?.value;
    const sizes = args.unknownRest ? undefined : args.positional.length === 1 && first?.t === 'seq' ? asInts(first) : asInts({ t: 'seq', items: args.positional.map((a) => a.value), tuple: true });
    const fn = this.nc.field(node, 'function');
    const target = fn && this.nc.type(fn) === 'attribute' ? this.nc.field(fn, 'object') : null;
    const kind = target ? this.nc.type(target) : undefined;
    const resized = sizes && sizes.length > 0 && sizes.every((d) => d >= 0) ? tensor(sizes) : unknown('resize() to sizes the analysis cannot read', 'resize() 的尺寸无法分析');
    if (target && (kind === 'identifier' || kind === 'attribute')) this.assignTarget(target, resized, scope);
    return NONE;
  }

  /** A value read back: a tensor another name changed in place is not the shape this one was. */
  private stale(v: Value): Value {
    return v.t === 'tensor' && sameTensors(v).some((t) => RESHAPED_IN_PLACE.has(t)) ? unknown('a tensor given another shape in place through another name (resize_, t_, unsqueeze_…)', '通过其他名称原地改变了形状的张量（resize_、t_、unsqueeze_…）') : v;
  }

  private reshapeInPlace(recv: Value & { t: 'tensor' }, name: string, args: ArgList, node: Node, scope: Scope): Value {
    // (Other names, a caller's argument or a list holding this tensor see the new shape: theirs is unknown from here.)
    for (const t of sameTensors(recv)) RESHAPED_IN_PLACE.add(t);
    // (Outside torch.no_grad() PyTorch refuses it, unless the Parameter does not require grad: then it is followed, the module unknown.)
    if ((recv.param || recv.paramView) && this.gradSurelyOn()) this.changedParamInPlace(`${name}()`);
    // `w.set_(src)` takes src's shape; the others as their out-of-place forms.
    const src = name === 'set_' ? args.positional[0]?.value : undefined;
    const made = name === 'set_' ? (src?.t === 'tensor' && args.positional.length === 1 && args.keyword.size === 0 ? tensor(src.shape) : unknown('set_() of something the analysis cannot size', 'set_() 的参数大小无法分析')) : this.callBound(recv, name.slice(0, -1), args, node, scope);
    // A Parameter changed in place stays one (its count follows the new shape).
    // (A new value even where the shape stays: the receiver's old one is marked above.)
    const out = recv.param && made.t === 'tensor' ? { ...made, param: true as const } : made === recv ? { ...made } : made;
    const fn = this.nc.field(node, 'function');
    // The tensor changed is the receiver, through in-place calls that give it back (`w.requires_grad_(False).resize_(2, 8)`).
    let target = fn && this.nc.type(fn) === 'attribute' ? this.nc.field(fn, 'object') : null;
    while (target && this.nc.type(target) === 'call') {
      const inner = this.nc.field(target, 'function');
      const method = inner && this.nc.type(inner) === 'attribute' ? this.nc.field(inner, 'attribute')?.text : undefined;
      target = method && /^[a-z]\w*_$/.test(method) ? this.nc.field(inner!, 'object') : null;
    }
    const kind = target ? this.nc.type(target) : undefined;
    // `buf.data.resize_(…)`: `.data` is a new tensor sharing buf's storage; reshaping it leaves buf's shape as it was.
    const alias = kind === 'attribute' && this.nc.field(target!, 'attribute')?.text === 'data';
    if (alias) return out;
    if (target && (kind === 'identifier' || kind === 'attribute')) this.assignTarget(target, out, scope);
    // Changed where the analysis cannot say which name holds it: what holds a Parameter is unknown.
    else if (recv.param) return this.changedParamInPlace(`${name}()`, true);
    return out;
  }

  private callBound(recv: Value, name: string, args: ArgList, node: Node, scope: Scope): Value {
    const r = this.callBoundOn(recv, name, args, node, scope);
    // A method of a tensor a factory just made gives another value, whose dtype is not claimed
    // (`torch.zeros(3, dtype=torch.long).float()` keeps the shape, not the dtype).
    const out = r === recv && recv.t === 'tensor' && CREATED_DTYPE.has(recv) ? { ...r } : r;
    // `y = x.contiguous()`, `x.float()`, `x.add_(1)`: PyTorch may give x itself back (see sameTensors).
    if (recv.t === 'tensor' && out.t === 'tensor' && out !== recv && (MAY_RETURN_SELF.has(name) || (name.endsWith('_') && !INPLACE_RESHAPES.has(name)))) SAME_TENSOR.set(out, recv);
    return out;
  }

  private callBoundOn(recv: Value, name: string, args: ArgList, node: Node, _scope: Scope): Value {
    switch (recv.t) {
      case 'module': {
        const m = this.mods.get(recv.m);
        if (!m) return unknownModule('module', '模块');
        // `m.forward(x)` runs no hooks; `m.__call__(x)` does.
        if (name === 'forward' || name === '__call__') return this.callModule(m, args, node, name === 'forward');
        // `self.core.encoder(src)` of a library module (nn.Transformer's encoder and decoder): its child, called.
        const child = m.builtin || !m.userClass ? m.children.find((c) => c.name === name) : undefined;
        if (child) return this.callModule(child.inst, args, node);
        if (name === '__torch_init__') return this.torchInit(m, m.userClass ? (this.index.torchBase(m.userClass) ?? 'Module') : 'Module', args, node);
        if (name === '__torch_forward__') return this.builtinForward(m, args, node);
        if (name === '__setattr__') {
          const n = args.positional[0]?.value;
          const v = args.positional[1]?.value;
          if (n?.t === 'str' && v) this.mods.setAttr(m, n.v, v);
          else m.uncertain = { en: '__setattr__ with a name the analysis cannot read', 'zh-cn': '名称无法分析的 __setattr__' };
          return NONE;
        }
        // `self.__delattr__('avg')` (RepMLP's switch_to_deploy): as `del self.avg`.
        if (name === '__delattr__') {
          const n = args.positional[0]?.value;
          if (n?.t === 'str' && args.positional.length === 1) this.mods.deleteAttr(m, n.v);
          else m.uncertain = { en: '__delattr__ with a name the analysis cannot read', 'zh-cn': '名称无法分析的 __delattr__' };
          return NONE;
        }
        if (name === '__getattr__' || name === 'get_submodule') {
          const n = args.positional[0]?.value;
          return n?.t === 'str' ? this.getAttr(recv, n.v, _scope) : unknownModule(`${name} with a name the analysis cannot read`, `名称无法分析的 ${name}`);
        }
        if (name === 'eval') this.setMode(m, args.positional.length === 0 && args.keyword.size === 0 && !args.unknownRest ? false : undefined);
        if (name === 'train') {
          // `train()`, `train(False)`, `train(mode=flag)`: a mode only when the one argument is a known bool.
          const given = [...args.positional.map((a) => a.value), ...[...args.keyword].map(([k, a]) => (k === 'mode' ? a.value : NONE))];
          const mode = given.length === 0 ? true : given.length === 1 && given[0]!.t === 'bool' ? given[0]!.v : undefined;
          this.setMode(m, args.unknownRest ? undefined : mode);
        }
        // nn.Module.apply(fn): fn on every module, children before their parent (weight inits, or a
        // dilated ResNet's `layer4.apply(partial(self._nostride_dilate, dilate=4))`).
        if (name === 'apply' && args.positional.length === 1 && args.keyword.size === 0 && !args.unknownRest) {
          const tree = this.namedTree(m);
          // Modules the analysis cannot list, and a function that may set their layers' settings:
          // which layers changed is not known (a weight init changes no shape and is let be).
          if (!Array.isArray(tree) && this.maySetLayerSettings(args.positional[0]!.value)) m.uncertain = { en: `${m.kind}.apply(…) may change layers the analysis cannot list (${tree.en})`, 'zh-cn': `${m.kind}.apply(…) 可能修改分析无法列出的层（${tree['zh-cn']}）` };
          if (Array.isArray(tree)) {
            const fn = args.positional[0]!.value;
            const order: ModuleInst[] = [];
            const visit = (x: ModuleInst, seen: Set<number>): void => {
              const kids = this.childrenInOrder(x);
              if (Array.isArray(kids)) for (const c of kids) if (!seen.has(c.inst.id)) { seen.add(c.inst.id); visit(c.inst, seen); }
              order.push(x);
            };
            visit(m, new Set([m.id]));
            for (const x of order) this.apply(fn, { positional: [{ value: { t: 'module', m: x } }], keyword: new Map() }, node, _scope);
          }
          return recv;
        }
        if (name === 'save_hyperparameters' && m.userClass && this.index.isLightningModule(m.userClass as ClassDef)) return this.saveHyperparameters(m, args, _scope);
        const r = this.mods.method(m, name, args);
        if (r) return r;
        // nn.Transformer's static causal mask, called on an instance (`self.tr.generate_square_subsequent_mask(T)`).
        if (name === 'generate_square_subsequent_mask' && (m.kind === 'Transformer' || m.builtin?.kind === 'Transformer')) return squareMask(args);
        // In forward the module is complete: its parameters are a list the code may pass on (guided-diffusion's checkpoint).
        if (name === 'parameters' && args.positional.length === 0 && args.keyword.size === 0 && !args.unknownRest && this.initDepth === 0) {
          const ps = this.mods.parameterList(m);
          return Array.isArray(ps) ? { t: 'seq', items: ps, tuple: false } : notTensor(`parameters(): ${ps.why.en}`, `parameters()：${ps.why['zh-cn']}`);
        }
        // The children in order, each object once (as named_children's memo does): torchvision's IntermediateLayerGetter keeps a prefix of them.
        if ((name === 'children' || name === 'named_children') && args.positional.length === 0 && args.keyword.size === 0) {
          const kids = this.childrenInOrder(m);
          if (!Array.isArray(kids)) return unknownModule(`${m.kind}.${name}(): ${kids.en}`, `${m.kind}.${name}()：${kids['zh-cn']}`);
          const seen = new Set<number>();
          const items: Value[] = [];
          for (const c of kids) {
            if (seen.has(c.inst.id)) continue;
            seen.add(c.inst.id);
            items.push(name === 'children' ? { t: 'module', m: c.inst } : { t: 'seq', items: [{ t: 'str', v: c.name }, { t: 'module', m: c.inst }], tuple: true });
          }
          return { t: 'seq', items, tuple: false };
        }
        // `for n, m in self.layer3.named_modules(): m.stride = …`: the tree in nn.Module's order (each module once).
        if ((name === 'modules' || name === 'named_modules') && args.positional.length === 0 && args.keyword.size === 0 && !args.unknownRest) {
          const tree = this.namedTree(m);
          if (Array.isArray(tree)) return { t: 'seq', items: tree.map((x): Value => (name === 'modules' ? { t: 'module', m: x.inst } : { t: 'seq', items: [{ t: 'str', v: x.name }, { t: 'module', m: x.inst }], tuple: true })), tuple: false };
        }
        // A pre-hook (StyleGAN's equalized learning rate sets the weight it deleted): run before each call's forward.
        if (name === 'register_forward_pre_hook' && args.positional.length === 1 && args.keyword.size === 0 && !args.unknownRest) {
          const hook = args.positional[0]!.value;
          m.preHooks = [...(m.preHooks ?? []), hook];
          return { t: 'data', d: { kind: 'hookHandle', module: m.id, hook, pre: true } };
        }
        // A forward hook: run after each call's forward; a value it returns replaces the output.
        if (name === 'register_forward_hook') {
          const plain = args.positional.length === 1 && args.keyword.size === 0 && !args.unknownRest;
          if (!plain) return notTensor('a hook handle', '钩子句柄');
          const hook = args.positional[0]!.value;
          m.postHooks = [...(m.postHooks ?? []), hook];
          return { t: 'data', d: { kind: 'hookHandle', module: m.id, hook, pre: false } };
        }
        if (HARMLESS_MODULE_METHODS.has(name)) return notTensor(`${name}()`, `${name}()`);
        // A ModuleDict's items/keys/values only read it (DenseNet's block iterates `self.items()` in
        // forward, which may run from a module-level call: entry mode).
        if (m.container === 'ModuleDict' && (name === 'items' || name === 'keys' || name === 'values')) {
          if (m.uncertain) return unknownModule(m.uncertain.en, m.uncertain['zh-cn']);
          const items = m.children.map((c): Value => (name === 'keys' ? { t: 'str', v: c.name } : name === 'values' ? { t: 'module', m: c.inst } : { t: 'seq', items: [{ t: 'str', v: c.name }, { t: 'module', m: c.inst }], tuple: true }));
          return { t: 'seq', items, tuple: false };
        }
        // `self._conv_forward(x, w, b)` in a subclass of a conv (a "same padding" conv, a standardized
        // weight): the conv with the module's own settings, given weights of its shape.
        if (name === '_conv_forward' && m.builtin && /^Conv[123]d$/.test(m.builtin.kind)) {
          const [x, w, b] = [0, 1, 2].map((i) => args.positional[i]?.value);
          const shape = m.builtin.weights?.weight;
          const fits = !!shape && w?.t === 'tensor' && w.shape.join() === shape.join() && (b?.t === 'none' || (b?.t === 'tensor' && b.shape.join() === String(shape[0])));
          if (fits && x && args.positional.length === 3 && args.keyword.size === 0 && !args.unknownRest) return this.mods.applyBuiltin(m, m.builtin, [x], node).out;
          // (It changes nothing on the module: only its output is not known.)
          return unknown(`${m.kind}._conv_forward() of weights or settings the analysis cannot size`, `${m.kind}._conv_forward() 的权重或设置无法确定尺寸`);
        }
        // A method of nn.Module the analysis does not follow may change the module: say so.
        if (this.initDepth > 0 || this.entryMode) m.uncertain ??= { en: `${m.kind}.${name}() is not followed`, 'zh-cn': `不分析 ${m.kind}.${name}()` };
        return unknown(`${m.kind}.${name}() is not followed`, `不分析 ${m.kind}.${name}()`, false);
      }
      case 'tensor': {
        // torch functions that are no Tensor methods (PyTorch raises AttributeError).
        if (TORCH_FUNCTIONS_ONLY.has(name)) return unknown(`a tensor has no method ${name} (torch.${name} is a function)`, `张量没有 ${name} 方法（torch.${name} 是函数）`);
        const dimArgs = axisAsDim(name, args);
        if (!isArgList(dimArgs)) return dimArgs;
        {
          const ofParam = recv.param === true || recv.paramView === true;
          if (ofParam && PARAM_REFUSED_IN_PLACE.has(name) && this.gradSurelyOn()) return this.changedParamInPlace(`${name}()`);
          // Values changed in place (`T[2:].fill(12)`, `arr.sort()`, `t.add_(1)`): not followed, here or in the array viewed.
          // (numpy's `sort` is in place; torch's gives sorted copies.)
          if ((recv.vals || recv.rowOf) && ((VALUES_IN_PLACE.has(name) && (recv.vals?.numpy || recv.rowOf)) || (/^[a-z]\w*_$/.test(name) && !INPLACE_RESHAPES.has(name)))) forgetViewed(recv);
          // A view of an array of known values (`B.ravel()`, `A.reshape(2, 2)`): a write through it changes the array.
          if (ARRAY_VIEWS.has(name) && (recv.vals || recv.rowOf) && !(name === 'flatten' && recv.vals?.numpy)) {
            // (numpy's `T.view()` with no dtype: the same array seen again.)
            const sameView = name === 'view' && dimArgs.positional.length === 0 && dimArgs.keyword.size === 0 && !dimArgs.unknownRest;
            const made = sameView ? tensor(recv.shape) : (valueMethod(name, recv, dimArgs) ?? computedTensor(plainTensor(this.ops.tensorMethod(name, plainTensor(recv) as typeof recv, dimArgs, node))));
            // A view the analysis cannot size may be written through all the same: the values are no longer known.
            if (made.t !== 'tensor') forgetViewed(recv);
            return viewOf(recv, made);
          }
          const known = valueMethod(name, recv, dimArgs);
          if (known) return known;
          const r = this.ops.tensorMethod(name, plainTensor(recv) as typeof recv, dimArgs, node);
          if (ofParam && TENSOR_VIEWS.has(name)) return asParamView(r);
          // An in-place method (`w.uniform_(…)`, `requires_grad_()`) gives the tensor itself back: a Parameter stays one.
          const inPlace = name.endsWith('_') && !name.startsWith('_') && r.t === 'tensor' && recv.param;
          return keepSource(recv, inPlace ? plainTensor({ ...r, param: true, ...(recv.tie ? { tie: recv.tie } : {}) }) : computedTensor(plainTensor(r)));
        }
      }
      case 'seq':
        if (SEQ_MUTATORS.has(name)) this.willChange(recv);
        return this.seqMethod(recv, name, args);
      case 'dict': {
        if (!/^(?:items|keys|values|get|copy|__contains__|__len__|__getitem__|__iter__|fromkeys)$/.test(name)) this.willChange(recv);
        const r = this.dictMethod(recv, name, args);
        this.writeBack(recv);
        return r;
      }
      case 'str': {
        const r = strMethod(recv.v, name, args);
        // `"abc".index("z")`: ValueError, which a try of this function may catch.
        if (r.t === 'unknown' && /raises ValueError/.test(r.reason.en)) this.raisesInTry('ValueError', r.reason);
        return r;
      }
      case 'num':
        // `(n / k).is_integer()`: a float's (an int has it only from Python 3.12).
        if (name === 'is_integer' && !recv.int && args.positional.length === 0 && args.keyword.size === 0) return { t: 'bool', v: Number.isInteger(recv.v) };
        // `(n - 1).bit_length()`: the bits of |n|, as an int's.
        if (name === 'bit_length' && recv.int && Number.isSafeInteger(recv.v) && args.positional.length === 0) return num(recv.v === 0 ? 0 : BigInt(Math.abs(recv.v)).toString(2).length, true);
        return unknownModule(`.${name}() of a number is not followed by the analysis`, `分析不支持数字的 .${name}()`);
      case 'data': {
        // `handle.remove()`: the hook comes off its module (under an undecided condition: its calls are not known).
        if (recv.d.kind === 'hookHandle' && name === 'remove') {
          const m = this.mods.get({ id: recv.d.module } as ModuleRef);
          const hook = recv.d.hook;
          if (m && this.logs.length > 0) m.hooksUnsure = true;
          else if (m && recv.d.pre) m.preHooks = (m.preHooks ?? []).filter((h) => h !== hook);
          else if (m) m.postHooks = (m.postHooks ?? []).filter((h) => h !== hook);
          return NONE;
        }
        if (recv.d.kind === 'ini' || recv.d.kind === 'iniSection') {
          const ini = recv.d.kind === 'ini' ? recv.d : recv.d.ini;
          // After a read the analysis could not follow, only another read is (what it holds is not known).
          if (ini.opaque && !/^read/.test(name)) return notTensor(`configparser: ${ini.opaque}`, `configparser：${ini.opaque}`);
          const read = (path: string): OpenedText => (this.loader.readText ? this.loader.readText(_scope.program, path) : { why: { en: 'files are not read here', zh: '此处不读取文件' } });
          return iniMethod(ini, recv.d.kind === 'iniSection' ? recv.d.name : undefined, name, args, read) ?? notTensor(`configparser .${name}() is not followed`, `不分析 configparser 的 .${name}()`);
        }
        if (recv.d.kind === 'loader' && recv.d.iterator && (name === 'next' || name === '__next__') && args.positional.length === 0 && args.keyword.size === 0) {
          // `iter(loader).next()`, as notebooks written before PyTorch 1.13 read a batch: that release
          // removed the alias (AttributeError), so the batch is the one the code means, with a warning.
          if (name === 'next') this.observer?.noted?.(node, { en: '.next() of a DataLoader iterator was removed in PyTorch 1.13 (AttributeError there and later): next(it) reads the batch in every version', 'zh-cn': 'PyTorch 1.13 起 DataLoader 迭代器不再有 .next()（会抛出 AttributeError）：next(it) 在所有版本中都能读取一个批次' });
          return recv.d.batch;
        }
        return (recv.d.kind === 'file' ? fileMethod(recv.d, name, args) : dataMethod(recv.d, name, args, this.scriptArgs)) ?? notTensor(`.${name}() is not followed`, `不分析 .${name}()`);
      }
      case 'class':
        if (name === 'apply' && this.index.isAutogradFunction(recv.c as ClassDef)) return this.autogradApply(recv.c as ClassDef, args);
        if (name === TUPLE_NEW) {
          // `tuple.__new__(cls, *fields)`: an instance of cls (the class or a subclass of it) with these fields.
          const cls = args.positional[0]?.value;
          const base = cls?.t === 'class' ? this.tupleBaseOf(cls.c as ClassDef) : undefined;
          if (!cls || cls.t !== 'class' || !base) return unknown('a namedtuple __new__ of a class the analysis cannot tell', '分析无法判断类的 namedtuple __new__');
          const made = newTuple({ ...base, attrs: new Map([...base.attrs, ['__name__', { t: 'str', v: (cls.c as ClassDef).name }]]) }, { ...args, positional: args.positional.slice(1) });
          return made.t === 'obj' ? { ...made, def: cls.c } : made;
        }
        return unknownModule(`.${name}()`, `.${name}()`);
      case 'obj': {
        if (recv.cls === AUTOGRAD_CTX && AUTOGRAD_CTX_METHODS.has(name)) return NONE;
        const drawn = distributionMethod(recv, name, args);
        if (drawn) return drawn;
        if (recv.cls === RE_MATCH) return matchMethod(recv, name, args) ?? notTensor(`a match object's .${name}() is not followed by the analysis`, `分析不支持匹配对象的 .${name}()`);
        if (recv.items && name === DICT_INIT) return this.dictInit(recv, args);
        if (recv.items && (name === DICT_GETITEM || name === DICT_SETITEM)) return this.dictItem(recv, name === DICT_SETITEM, args);
        if (recv.items && DICT_METHODS.has(name)) {
          const d = this.dictView(recv);
          return d?.t === 'dict' ? this.dictMethod(d, name, args) : d ?? NONE;
        }
        const tt = tupleTypeOf(recv);
        const r = tt ? tupleMethod(recv, tt, name, args) : undefined;
        if (r) return r;
        return unknownModule(`.${name}() is not followed by the analysis`, `分析不支持 .${name}()`);
      }
      case 'func':
        if (name === '__call__') return this.invokeFunction(recv.f, args, false);
        return unknownModule(`.${name}()`, `.${name}()`);
      case 'bound': {
        const obj = recv.recv;
        if (recv.name === OBJ_DICT && obj.t === 'module') return this.moduleDictMethod(obj, name, args);
        if (recv.name !== OBJ_DICT || obj.t !== 'obj') return unknownModule(`.${name}() is not followed by the analysis`, `分析不支持 .${name}()`);
        // The dict method on the attributes, then its changes written back (update, pop, setdefault).
        const d: Value & { t: 'dict' } = { t: 'dict', entries: [...obj.attrs], viewOf: obj };
        const r = this.dictMethod(d, name, args);
        this.writeBack(d);
        return r;
      }
      case 'unknown': {
        if (name !== 'reshape' && name !== 'view') return recv;
        const rows = reshapedRows(args);
        return rows ? { t: 'unknown', reason: { en: 'how many rows the data has is decided when the script runs', 'zh-cn': '数据有多少行在脚本运行时才确定' }, tensorLike: true, rows } : withoutRows(recv);
      }
      default:
        return unknownModule(`.${name}() is not followed by the analysis`, `分析不支持 .${name}()`);
    }
  }

  /**
   * `self.__dict__.update(kwargs)` on a module: plain values become its attributes (read back by
   * `getattr(self, 'extra', 0)`). Modules or tensors put there skip nn.Module's registration, and
   * entries the analysis cannot list may be any name: then its attributes are uncertain.
   */
  private moduleDictMethod(o: Value & { t: 'module' }, name: string, args: ArgList): Value {
    const m = this.mods.get(o.m);
    if (!m) return unknownModule('a module the analysis lost', '分析丢失的模块');
    if (name !== 'update') return unknownModule(`.__dict__.${name}() of a module is not followed`, `不跟踪模块的 .__dict__.${name}()`);
    const first = args.positional[0]?.value;
    const entries: [string, Value][] | undefined = args.unknownRest || args.positional.length > 1 || (first && first.t !== 'dict') ? undefined : [...(first?.t === 'dict' ? first.entries : []), ...[...args.keyword].map(([k, a]): [string, Value] => [k, a.value])];
    if (!entries || !entries.every(([, v]) => isPlain(v))) {
      m.uncertain = { en: 'attributes set through __dict__.update() the analysis cannot list', 'zh-cn': '通过 __dict__.update() 设置的属性无法列出' };
      return NONE;
    }
    for (const [k, v] of entries) this.mods.setAttr(m, k, v);
    return NONE;
  }

  private seqMethod(recv: Value & { t: 'seq' }, name: string, args: ArgList): Value {
    if (recv.set) return this.setMethod(recv, name, args);
    const a = args.positional[0]?.value;
    // Python lists are mutable: `blocks.append(EncoderBlock(...))` in __init__ builds the model.
    switch (name) {
      case 'append':
        if (a) recv.items.push(a);
        return NONE;
      case 'extend': {
        const it = a ? this.iterate(a) : undefined;
        if (it?.exact) recv.items.push(...it.items);
        else {
          recv.unsized ??= { why: { en: 'extended with items the analysis cannot list', 'zh-cn': '以无法列出的元素扩展' }, from: recv.items.length };
          recv.items.push(unknownModule('extend() with items the analysis cannot list', '无法列出的 extend()'));
        }
        return NONE;
      }
      case 'insert': {
        const at = asInt(a);
        const v = args.positional[1]?.value;
        // At a position it cannot read: one more item, and which one is where is not known.
        if (at === undefined || !v) recv.items.splice(0, recv.items.length, ...[...recv.items, NONE].map(() => unknownModule('an item after insert() at an unknown position', '在未知位置 insert() 之后的元素')));
        else recv.items.splice(at < 0 ? recv.items.length + at : at, 0, v);
        return NONE;
      }
      case 'pop': {
        const at = a ? asInt(a) : -1;
        if (recv.items.length === 0 && !recv.unsized) this.raisesInTry('IndexError', { en: 'pop from an empty list raises IndexError', 'zh-cn': '从空列表 pop 会抛出 IndexError' });
        if (at === undefined) {
          // One item fewer (pop raises on an empty list), which one is not known.
          recv.items.splice(0, recv.items.length, ...recv.items.slice(1).map(() => unknownModule('an item after pop() at an unknown position', '在未知位置 pop() 之后的元素')));
          return unknownModule('pop at an unknown position', '在未知位置 pop');
        }
        const i = at < 0 ? recv.items.length + at : at;
        return recv.items.splice(i, 1)[0] ?? unknown('pop from an empty list', '从空列表 pop');
      }
      case 'index': {
        const i = a ? recv.items.findIndex((x) => sameValue(x, a)) : -1;
        if (i < 0 && a && isPlainConstant(a) && recv.items.every(isPlainConstant) && !recv.unsized) this.raisesInTry('ValueError', { en: 'index() of an item the list lacks raises ValueError', 'zh-cn': '对列表中没有的元素调用 index() 会抛出 ValueError' });
        return i >= 0 ? num(i, true) : notTensor('index()', 'index()');
      }
      case 'count':
        return a ? num(recv.items.filter((x) => sameValue(x, a)).length, true) : notTensor('count()', 'count()');
      case 'copy':
        return { ...recv, items: [...recv.items] };
      // In-place changes: left undone, `hidden_dims.reverse()` would build a decoder's layers in the wrong order.
      case 'reverse':
        recv.items.reverse();
        return NONE;
      case 'clear':
        recv.items.length = 0;
        return NONE;
      case 'remove': {
        const i = a ? recv.items.findIndex((x) => sameValue(x, a)) : -1;
        const known = a && isPlainConstant(a) && recv.items.every(isPlainConstant);
        if (known && i >= 0) recv.items.splice(i, 1);
        else recv.items.splice(0, recv.items.length, ...recv.items.slice(1).map(() => unknownModule('an item after remove() of a value the analysis cannot compare', '无法比较的 remove() 之后的元素')));
        return NONE;
      }
      case 'sort': {
        const sorted = args.positional.length === 0 && !args.unknownRest ? this.sortedBy(recv.items, args.keyword) : undefined;
        // Items it cannot rank: each is then any of them (what they share stays known: numbers are numbers).
        const any = sorted || recv.items.length === 0 || recv.items.length > 4096 ? undefined : anyOf(recv.items, 0);
        recv.items.splice(0, recv.items.length, ...(sorted ?? recv.items.map(() => any ?? unknownModule('an item after sort() the analysis cannot follow', '无法跟踪的 sort() 之后的元素'))));
        return NONE;
      }
      default:
        return notTensor(`.${name}() is not followed by the analysis`, `分析不支持 .${name}()`);
    }
  }

  /**
   * A set's methods: `add`, `update`, `discard`, `remove`, `clear`, `copy` and the operations that
   * make a new set; a change the analysis cannot follow (items it cannot compare or list, an
   * arbitrary `pop`) leaves its size unknown.
   */
  private setMethod(recv: Value & { t: 'seq' }, name: string, args: ArgList): Value {
    const lost = (en: string, zh: string): Value => {
      recv.unsized ??= { why: { en, 'zh-cn': zh }, from: 0 };
      return NONE;
    };
    const listed = (): Value[] | undefined => {
      const out: Value[] = [];
      for (const p of args.positional) {
        const it = this.iterate(p.value);
        if (!it?.exact) return undefined;
        out.push(...it.items);
      }
      return args.keyword.size > 0 || args.unknownRest ? undefined : out;
    };
    const a = args.positional[0]?.value;
    switch (name) {
      case 'add': case 'update': {
        const more = name === 'add' ? (a && args.positional.length === 1 ? [a] : undefined) : listed();
        const unique = more && !recv.unsized ? distinct([...recv.items, ...more]) : undefined;
        if (!unique) return lost(`changed by ${name}() with items the analysis cannot list or compare`, `被 ${name}() 以无法列出或比较的元素修改`);
        recv.items.splice(0, recv.items.length, ...unique.items);
        return NONE;
      }
      case 'discard': case 'remove': {
        if (!a || recv.unsized || !isPlainConstant(a) || !recv.items.every(isPlainConstant)) return lost(`changed by ${name}() of a value the analysis cannot compare`, `被 ${name}() 以无法比较的值修改`);
        const i = recv.items.findIndex((x) => sameValue(x, a));
        if (i >= 0) recv.items.splice(i, 1);
        return NONE;
      }
      case 'clear':
        recv.items.length = 0;
        delete recv.unsized;
        return NONE;
      case 'copy':
        return { ...recv, items: [...recv.items] };
      case 'union': {
        const more = listed();
        const unique = more && !recv.unsized ? distinct([...recv.items, ...more]) : undefined;
        return unique ? { ...unique, set: true } : unknownModule('a union the analysis cannot list', '无法列出的并集');
      }
      default:
        // pop, intersection_update, difference_update…: which items stay is not followed.
        if (/_update$|^pop$/.test(name)) lost(`changed by ${name}()`, `被 ${name}() 修改`);
        return notTensor(`set.${name}() is not followed by the analysis`, `分析不支持 set.${name}()`);
    }
  }

  private dictMethod(recv: Value & { t: 'dict' }, name: string, args: ArgList): Value {
    const a = args.positional[0]?.value;
    switch (name) {
      case 'items':
        return { t: 'seq', items: recv.entries.map(([k, v]) => ({ t: 'seq', items: [strKey(recv, k), v], tuple: true })), tuple: false };
      case 'keys':
        return { t: 'seq', items: recv.entries.map(([k]) => strKey(recv, k)), tuple: false };
      case 'values':
        return { t: 'seq', items: recv.entries.map(([, v]) => v), tuple: false };
      case 'get':
      case 'pop':
      case 'setdefault': {
        const key = a ? dictKey(a) : undefined;
        const def = args.positional[1]?.value ?? (name === 'pop' ? unknown('pop of a missing key', '弹出缺失的键') : NONE);
        if (key === undefined) {
          // A key it cannot read changes the dict all the same (a vocabulary grown by
          // `chars.setdefault(ch, len(chars))`): it may hold that key from now on, or (pop) have lost any.
          const lost = unknownModule(`a dict changed by ${name}() with a key the analysis cannot read`, `字典被 ${name}() 以无法分析的键修改`);
          if (name === 'pop') recv.entries.splice(0, recv.entries.length, ['\u0000?', lost]);
          else if (name === 'setdefault' && !recv.entries.some(([k]) => k === '\u0000?')) recv.entries.push(['\u0000?', lost]);
          return unknownModule(`${name} with an unknown key`, `键未知的 ${name}`);
        }
        const at = recv.entries.findIndex(([k]) => k === key);
        // (A dict that may hold keys the analysis cannot read may hold this one.)
        if (at < 0 && recv.entries.some(([k]) => k === '\u0000?')) return unknownModule(`${name}('${key}') of a dict with keys the analysis cannot read`, `含无法分析的键的字典的 ${name}('${key}')`);
        if (at < 0) {
          if (name === 'pop' && args.positional.length === 1) this.raisesInTry('KeyError', { en: `pop('${key}') of a dict without it raises KeyError`, 'zh-cn': `对不含 '${key}' 的字典 pop 会抛出 KeyError` });
          if (name === 'setdefault') recv.entries.push([key, def]);
          return def;
        }
        const v = recv.entries[at]![1];
        if (name === 'pop') recv.entries.splice(at, 1);
        return v;
      }
      case 'update': {
        // From something it cannot read, any entry may change.
        if (a && a.t !== 'dict') {
          const why = a.t === 'unknown' ? a : unknownModule('update() from something the analysis cannot read', '无法分析的 update()');
          recv.entries.splice(0, recv.entries.length, ...recv.entries.map(([k]) => [k, why] as [string, Value]));
          // (It may add keys too.)
          if (!recv.entries.some(([k]) => k === '\u0000?')) recv.entries.push(['\u0000?', why]);
          return NONE;
        }
        const src: [string, Value][] = a?.t === 'dict' ? [...a.entries] : [];
        for (const [k, x] of args.keyword) src.push([k, x.value]);
        for (const [k, v] of src) {
          const at = recv.entries.findIndex(([kk]) => kk === k);
          if (at >= 0) recv.entries[at] = [k, v];
          else recv.entries.push([k, v]);
        }
        return NONE;
      }
      case 'copy':
        return { t: 'dict', entries: [...recv.entries], ...(recv.subclass ? { subclass: true as const } : {}), ...(recv.numKeys ? { numKeys: new Map(recv.numKeys) } : {}) };
      case 'move_to_end': {
        // OrderedDict: the entry to the end (last=True) or the front; a missing key raises KeyError.
        const lastV = args.positional[1]?.value ?? args.keyword.get('last')?.value ?? { t: 'bool', v: true };
        const at = a?.t === 'str' ? recv.entries.findIndex(([k]) => k === a.v) : -1;
        if (at < 0 || (lastV.t !== 'bool' && lastV.t !== 'num')) {
          recv.entries.splice(0, recv.entries.length, ...recv.entries.map(([k]) => [k, unknownModule('an entry after move_to_end() the analysis cannot follow', '无法跟踪的 move_to_end() 之后的条目')] as [string, Value]));
          return notTensor('move_to_end()', 'move_to_end()');
        }
        const [entry] = recv.entries.splice(at, 1);
        if ((lastV as { v: boolean | number }).v) recv.entries.push(entry!);
        else recv.entries.unshift(entry!);
        return NONE;
      }
      case 'clear':
        recv.entries.splice(0, recv.entries.length);
        return NONE;
      case 'popitem': {
        // The last entry (an OrderedDict's first with last=False).
        const lastV = args.positional[0]?.value ?? args.keyword.get('last')?.value;
        if (recv.entries.length === 0 || (lastV && lastV.t !== 'bool')) return notTensor('popitem()', 'popitem()');
        const [k, v] = (lastV?.t === 'bool' && !lastV.v ? recv.entries.shift() : recv.entries.pop())!;
        return { t: 'seq', items: [{ t: 'str', v: k }, v], tuple: true };
      }
      default:
        // A method it does not know may change the entries (read-only ones leave them).
        if (!/^(?:__contains__|__len__|__getitem__|__iter__|__repr__|fromkeys)$/.test(name)) recv.entries.splice(0, recv.entries.length, ...recv.entries.map(([k]) => [k, unknownModule(`an entry after .${name}() the analysis does not follow`, `分析不跟踪的 .${name}() 之后的条目`)] as [string, Value]));
        return notTensor(`.${name}() is not followed by the analysis`, `分析不支持 .${name}()`);
    }
  }

  /**
   * What a call gives a user model's forward, in parameter order: tensors passed by keyword
   * (`model(src, tgt=t)`, `model(x=a, mask=m)`) join the positional ones. A tensor given by keyword
   * to a parameter that cannot follow them (one left to its default comes first) makes the inputs
   * unknown: replaying only the others would run forward with that parameter's default.
   */
  private forwardInputs(fwd: MethodDef & { owner: ClassDef }, m: ModuleInst, args: ArgList): { inputs: Value[]; keywords?: Map<string, Value> } {
    const inputs = args.positional.map((a) => a.value);
    if (args.keyword.size === 0) return { inputs };
    const { f, inputs: params } = this.forwardFunction(fwd, m);
    const names = params.filter((n) => !f.kwOnly?.has(n));
    const left = new Map(args.keyword);
    for (let i = inputs.length; i < names.length; i++) {
      const a = left.get(names[i]!);
      if (!a) break;
      inputs.push(a.value);
      left.delete(names[i]!);
    }
    // The rest go by name, as Python binds them: to a keyword-only parameter, to `**kwargs` (a
    // conditional VAE's `labels=`), or to a parameter after one left at its default (Perceiver's
    // `model(data, queries=q)` past `mask=None`); a name forward does not take cannot be placed.
    if (left.size === 0) return { inputs };
    const byName = f.kwargs !== undefined || [...left.keys()].every((k) => f.kwOnly?.has(k) || params.includes(k));
    const stranded = [...left].find(([, a]) => a.value.t === 'tensor' || a.value.t === 'unknown');
    if (byName) return { inputs, keywords: new Map([...left].map(([k, a]) => [k, a.value])) };
    if (stranded) inputs.push(unknown(`the tensor given as ${stranded[0]}= cannot be placed after the other inputs`, `以 ${stranded[0]}= 传入的张量无法排在其他输入之后`));
    return { inputs };
  }

  /**
   * A call's forward pre-hooks, in order: each gets the module and the positional inputs as a
   * tuple; None keeps them, a tuple or a tensor replaces them, anything the analysis cannot read
   * makes them unknown.
   */
  private runPreHooks(m: ModuleInst, args: ArgList): ArgList {
    let positional = args.positional;
    for (const hook of m.preHooks ?? []) {
      const r = this.invokeValue(hook, [{ t: 'module', m }, { t: 'seq', items: positional.map((a) => a.value), tuple: true }]);
      if (r.t === 'none') continue;
      if (r.t === 'seq' && r.tuple) positional = r.items.map((value) => ({ value }));
      else if (r.t === 'tensor') positional = [{ value: r }];
      else {
        const why = unknown(`a forward pre-hook of ${m.kind} the analysis cannot follow`, `分析无法跟踪 ${m.kind} 的前向预钩子`);
        positional = positional.map(() => ({ value: why }));
      }
    }
    return { ...args, positional };
  }

  /** The torch.nn base class's own forward (`super().forward(x)` in a subclass of nn.LSTM…). */
  private builtinForward(m: ModuleInst, args: ArgList, node: Node): Value {
    const inputs = args.positional.map((a) => a.value);
    if (m.builtin) return this.mods.applyBuiltin(m, m.builtin, inputs, node).out;
    if (m.container === 'Sequential') return this.runChain(m, inputs[0] ?? NONE, node);
    return unknown(`${m.kind}: the base class forward is not followed`, `不分析 ${m.kind} 基类的 forward`);
  }

  /**
   * A normalization layer that normalizes over one value: PyTorch's ValueError. BatchNorm and
   * InstanceNorm use the batch's statistics in training mode and, without running stats
   * (InstanceNorm's default), in eval mode too; GroupNorm always does, over N × C/G × spatial values.
   */
  private oneValuePerChannel(m: ModuleInst, x: Value | undefined): boolean {
    if (x?.t !== 'tensor' || !m.builtin) return false;
    const s = x.shape;
    const cfg = m.builtin.config;
    const volume = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);
    if (m.kind === 'GroupNorm') {
      const g = cfg['num_groups'];
      const c = s[1];
      if (typeof g !== 'number' || c === undefined || s.length < 2 || c % g !== 0 || this.loadedCodeMatches(STATS_CHANGES)) return false;
      return (s[0]! * c) / g * volume(s.slice(2)) === 1;
    }
    const batchNorm = /^(?:BatchNorm[123]d|SyncBatchNorm)$/.test(m.kind);
    const instanceNorm = /^InstanceNorm[123]d$/.test(m.kind);
    if (!batchNorm && !instanceNorm) return false;
    const dims = Number(m.kind.match(/(\d)d$/)?.[1] ?? 0);
    // (Only where the layer takes this rank: other ranks are its own rank error. InstanceNorm: unbatched
    // [C, …] or batched [N, C, …], the spatial part the last `dims`.)
    const one = batchNorm
      ? dims > 0 && (s.length === dims + 2 || (dims === 1 && s.length === 2)) && s[0]! * volume(s.slice(2)) === 1
      : (s.length === dims + 1 || s.length === dims + 2) && volume(s.slice(-dims)) === 1;
    if (!one) return false;
    // Without running stats the mode does not matter (unless code may give the layer some).
    if (cfg['track_running_stats'] === false && !this.loadedCodeMatches(STATS_CHANGES)) return true;
    if (!this.modesFollowed || m.modeUnsure || m.evaluating) return false;
    // (Only where no loaded code switches modes or reads them: freezing BatchNorms by `isinstance(…, _BatchNorm)` and
    // `nn.Module.eval(m)` are ways the analysis does not follow.)
    return !this.loadedCodeMatches(MODE_CHANGES);
  }

  private runChain(m: ModuleInst, x: Value, node: Node): Value {
    if (m.uncertain) return unknown(`${m.kind}: ${m.uncertain.en}`, `${m.kind}：${m.uncertain['zh-cn']}`);
    let y = x;
    let child = 0;
    for (let at = 0; at < m.children.length + (m.nones?.size ?? 0); at++) {
      // `nn.Sequential(conv, norm if use_bn else None, act)`: add_module keeps the None, forward calls it.
      if (m.nones?.has(at)) {
        // (Code that may put a module in its place — add_module, setattr, _modules, an item assigned — leaves it unknown.)
        if (this.loadedCodeMatches(/\b(?:add_module|register_module|_modules|setattr)\b|\]\s*=(?!=)/)) return unknown('an item of the nn.Sequential is None, which code may replace', 'nn.Sequential 的某项为 None，代码可能替换它');
        const why = { en: `TypeError: 'NoneType' object is not callable (item ${at} of the nn.Sequential is None; nn.Identity() passes its input through)`, 'zh-cn': `TypeError：'NoneType' object is not callable（nn.Sequential 的第 ${at} 项是 None；nn.Identity() 会原样传递输入）` };
        if (this.catchingErrors > 0) this.raisesInTry('TypeError', why);
        else this.mods.reportAt(node, why);
        return unknown(why.en, why['zh-cn']);
      }
      y = this.callModule(m.children[child++]!.inst, { positional: [{ value: y }], keyword: new Map() }, node);
    }
    return y;
  }

  /** nn.TransformerEncoder / Decoder: every layer gets the running output (and the memory), then the norm. */
  private runStack(m: ModuleInst, inputs: Value[], node: Node): Value {
    const layers = m.children.find((c) => c.name === 'layers')?.inst;
    const norm = m.children.find((c) => c.name === 'norm')?.inst;
    if (!layers || layers.uncertain) return unknown(`${m.kind}: its layers are not known`, `${m.kind}：层未知`);
    let y = inputs[0] ?? NONE;
    for (const c of layers.children) y = firstTensor(this.callModule(c.inst, { positional: [y, ...inputs.slice(1)].map((value) => ({ value })), keyword: new Map() }, node));
    if (norm) y = this.callModule(norm, { positional: [{ value: y }], keyword: new Map() }, node);
    return y;
  }

  /**
   * `.eval()` / `.train(mode)`: the module and every module it holds enter that mode (`training`
   * undefined: a mode the analysis cannot read). Followed only on straight-line code, not in a
   * branch or loop the analysis cannot decide; eval mode only when none of them was called before
   * (an earlier call ran in training mode: the same code would then have seen two modes). What is
   * not followed leaves the mode unknown.
   */
  private setMode(m: ModuleInst, training: boolean | undefined): void {
    const all = this.moduleTree(m);
    const followed = training !== undefined && this.logs.length === 0 && (training || !all.some((x) => x.called || x.uncertain));
    for (const x of all) {
      if (followed) x.evaluating = !training;
      x.modeUnsure = !followed;
    }
  }

  /** The module's first run (a call, or a method of it run on tensors): its plain attributes and mode as they are now. */
  private noteFirstRun(m: ModuleInst): void {
    m.plainAtFirstCall = new Map([...m.attrs].filter(([, v]) => isPlainAttr(v)));
    m.modeAtFirstCall = { evaluating: m.evaluating === true, unsure: m.modeUnsure === true };
    m.hooksAtFirstCall = { ...(m.preHooks ? { pre: [...m.preHooks] } : {}), ...(m.postHooks ? { post: [...m.postHooks] } : {}) };
    m.called = true;
  }

  /**
   * The report's pass is the model's first call again: plain attributes a forward wrote since
   * (a KV cache registered as None, `if self.cache_k is None: … else: torch.cat(…)`; a step
   * counter) go back to what each module of the tree held at its first call. Modules put in place
   * later are not touched (a deploy-time swap has its own rule).
   */
  rewindToFirstCall(root: ModuleInst): void {
    for (const m of this.moduleTree(root)) {
      if (m.modeAtFirstCall) {
        m.evaluating = m.modeAtFirstCall.evaluating;
        m.modeUnsure = m.modeAtFirstCall.unsure;
      }
      if (m.hooksAtFirstCall) {
        m.preHooks = m.hooksAtFirstCall.pre ? [...m.hooksAtFirstCall.pre] : undefined;
        m.postHooks = m.hooksAtFirstCall.post ? [...m.hooksAtFirstCall.post] : undefined;
      }
      const before = m.plainAtFirstCall;
      if (!before) continue;
      for (const [k, v] of [...m.attrs]) if (isPlainAttr(v) && !before.has(k)) m.attrs.delete(k);
      for (const [k, v] of before) {
        const now = m.attrs.get(k);
        if (now === undefined || isPlainAttr(now)) m.attrs.set(k, v);
      }
    }
  }

  /**
   * A model's report runs its forward on `root` with the input of `fed`'s first call: the mode of
   * that call (rewound to) holds only when it was `root`'s own; with an input from another
   * instance's call, a comment or the command line, the mode is not known.
   */
  keepModeFor(root: ModuleInst, fed: ModuleInst | undefined): void {
    if (fed === root) return;
    for (const x of this.moduleTree(root)) x.modeUnsure = true;
  }

  /** The module and every module it holds, each once. */
  private moduleTree(m: ModuleInst): ModuleInst[] {
    const seen = new Set<ModuleInst>([m]);
    const out = [m];
    for (let i = 0; i < out.length && out.length < 100_000; i++) {
      for (const c of this.mods.namedChildren(out[i]!)) {
        if (!seen.has(c.inst)) {
          seen.add(c.inst);
          out.push(c.inst);
        }
      }
    }
    return out;
  }

  callModule(m: ModuleInst | undefined, given0: ArgList, node: Node, noHooks = false): Value {
    if (!m) return unknown('module', '模块');
    const given = m.preHooks && !noHooks ? this.runPreHooks(m, given0) : given0;
    const args: ArgList = { ...given, positional: given.positional.map((a) => ({ ...a, value: forwardArg(a.value) })) };
    const fwd = m.userClass ? this.index.findMethod(m.userClass, 'forward') : undefined;
    const opaque = this.opaqueCall(m);
    if (opaque) {
      m.called = true;
      return unknownModule(opaque.en, opaque['zh-cn']);
    }
    // `model(x, k)` where forward takes only x: Python refuses the call (no forward runs, its input is not the model's).
    if (fwd && (fwd.node.parent?.type !== 'decorated_definition' || fwd.isStatic)) {
      const { f, inputs } = this.forwardFunction(fwd, m);
      const refused = refusedArgs(`${m.kind}.forward`, f, inputs, args);
      if (refused) {
        this.surelyRaises('TypeError', refused);
        return unknownModule(refused.en, refused['zh-cn']);
      }
    }
    // `self.encoder_layer(x, mask=m)` (its forward names it src_mask): Python refuses the call.
    const torchKind = fwd || this.forwardMayBeOther(m) ? undefined : m.builtin ? m.builtin.kind : !m.userClass && (m.composite || m.container === 'Sequential' || m.container === 'TransformerStack') ? m.kind : undefined;
    const refusedCall = torchKind ? refusedForwardCall(torchKind, isTorchLayer(torchKind), args) : undefined;
    if (refusedCall) {
      if (!refusedCall.version) this.surelyRaises('TypeError', refusedCall.refused);
      m.called = true;
      return unknownModule(refusedCall.refused.en, refusedCall.refused['zh-cn']);
    }
    const placed = m.userClass && fwd ? this.forwardInputs(fwd, m, args) : undefined;
    const inputs = placed ? placed.inputs : m.userClass ? args.positional.map((a) => a.value) : torchForwardInputs(m.kind, args);
    let out: Value;
    let numbers: LayerNumbers | undefined;
    if (!m.called) this.noteFirstRun(m);
    m.called = true;
    this.observer?.called(m, inputs, this.mainProgram?.owns(node) ? node : (this.mods.anchor ?? node), placed?.keywords);
    // (A class its decorator replaces: its constructor did not run as written, nor will its forward.)
    const replaced = m.userClass ? this.classDecoratorChanges(m.userClass as ClassDef) : undefined;
    if (replaced) out = unknownModule(replaced.en, replaced['zh-cn']);
    else if (m.userClass && fwd) {
      this.moduleDepth++;
      try {
        out = this.invokeFunction(this.forwardFunction(fwd, m).f, args, false, fwd.owner);
      } finally {
        this.moduleDepth--;
      }
    } else if (m.builtin && (m.builtin.kind === 'Embedding' || m.builtin.kind === 'EmbeddingBag') && inputs[0] && /^torch\.(?:float|bfloat|bool)/.test(CREATED_DTYPE.get(inputs[0]) ?? '')) {
      // Indices made as floats (`emb(torch.zeros(2, 6))`): PyTorch's embedding takes Long or Int only.
      const why = { en: `${m.kind} takes Long or Int indices, gets a ${CREATED_DTYPE.get(inputs[0])!.slice(6)} tensor (a RuntimeError; make it with dtype=torch.long or .long())`, 'zh-cn': `${m.kind} 只接受 Long 或 Int 索引，实际为 ${CREATED_DTYPE.get(inputs[0])!.slice(6)} 张量（RuntimeError；请用 dtype=torch.long 或 .long()）` };
      if (this.catchingErrors > 0) this.raisesInTry('RuntimeError', why);
      else this.mods.reportAt(node, why);
      out = unknown(why.en, why['zh-cn']);
    } else if (m.builtin && this.oneValuePerChannel(m, inputs[0])) {
      // BatchNorm in training mode needs two values per channel to have a variance (one sample of [1, C]
      // in a freshly built model); InstanceNorm two per channel of each sample. PyTorch's ValueError.
      const x = inputs[0] as Value & { t: 'tensor' };
      const evalHelps = m.kind !== 'GroupNorm' && m.builtin.config['track_running_stats'] !== false;
      const why = {
        en: `${m.kind}: Expected more than 1 ${m.kind.startsWith('Instance') ? 'spatial element' : 'value per channel'} when training, got input size ${fmtShape(x.shape)} (a ValueError; ${evalHelps ? 'model.eval() before a one-sample call' : 'it normalizes over the input itself, in eval mode too: give it more values'})`,
        'zh-cn': `${m.kind}：每个通道需要多于 1 个值，输入大小为 ${fmtShape(x.shape)}（ValueError；${evalHelps ? '单样本调用前先 model.eval()' : '它用输入自身的统计量归一化，eval 模式下也是：需要更多的值'}）`,
      };
      if (this.catchingErrors > 0) this.raisesInTry('ValueError', why);
      else this.mods.reportAt(node, why);
      out = unknown(why.en, why['zh-cn']);
    } else if (m.builtin) {
      const r = this.mods.applyBuiltin(m, m.builtin, inputs, node);
      // An input the layer refuses, inside a try of this function catching errors: it raises there.
      if (r.refused && this.catchingErrors > 0) this.raisesInTry('RuntimeError', r.refused);
      out = r.out;
      numbers = r.numbers;
    } else if (m.wraps) {
      out = this.callModule(m.wraps, given0, node);
    } else if (m.composite) {
      out = runComposite(this.mods, m, inputs, (c, xs) => this.callModule(c, { positional: xs.map((value) => ({ value })), keyword: new Map() }, node), compositeMasks(m.kind, args));
      if (m.numbers) numbers = m.numbers;
    } else if (m.container === 'Sequential') {
      out = this.runChain(m, inputs[0] ?? NONE, node);
    } else if (m.container === 'TransformerStack') {
      out = this.runStack(m, inputs, node);
      // PyTorch ≥ 1.13's encoder fast path (eval mode, no grad, a padding mask): the output is cut to
      // the longest unpadded sequence, a length the data decides. Known only when surely training.
      const mask = args.keyword.get('src_key_padding_mask')?.value ?? args.positional[2]?.value;
      const training = this.modesFollowed && !m.modeUnsure && !m.evaluating;
      if (m.kind === 'TransformerEncoder' && mask !== undefined && mask.t !== 'none' && !training) out = unknown('TransformerEncoder with a padding mask outside training: PyTorch may cut the output to the longest unpadded sequence', '训练模式以外带 padding mask 的 TransformerEncoder：PyTorch 可能把输出截到最长的未填充序列');
    } else if (m.userClass) out = unknown(`${m.kind} has no forward`, `${m.kind} 没有 forward`);
    else out = unknown(`${m.kind} is not callable`, `${m.kind} 不可直接调用`);
    // PyTorch's attention weights are None (need_weights=False) or per head (average_attn_weights=False):
    // the analysis follows only the default, averaged weights.
    if (!m.userClass && m.kind === 'MultiheadAttention' && (args.keyword.has('need_weights') || args.keyword.has('average_attn_weights') || args.positional.length > 4 || args.unknownRest) && out.t === 'seq' && out.items.length === 2) {
      out = { ...out, items: [out.items[0]!, unknown('attention weights depend on need_weights / average_attn_weights', '注意力权重取决于 need_weights / average_attn_weights')] };
    }
    this.mods.recordCall(m, node, inputs[0], out, numbers);
    if (m.callUnsure && !noHooks) return unknownModule(m.callUnsure.en, m.callUnsure['zh-cn']);
    if (!m.postHooks || noHooks) return out;
    const hooked = this.runPostHooks(m, inputs, out);
    // A hook that replaces the value: the call gives the hook's, while a global hook (a profiler's)
    // sees forward's. Which one "the layer's output" means is not one answer: the row says so.
    if (hooked !== out) this.mods.hookedLastCall(m, { en: `a forward hook of ${m.kind} replaces what forward returned (the call gives ${describeValue(hooked)})`, 'zh-cn': `${m.kind} 的前向钩子替换了 forward 的返回值（调用得到 ${describeValue(hooked)}）` });
    return hooked;
  }

  /**
   * Whether the forward a call of `m` runs may not be torch's own: its class binds forward or
   * __call__ some other way than a plain def (`forward = scaled`, a def under an if), or the code
   * replaces a torch class's forward (`nn.Linear.forward = lora_forward`, setattr on it) or an
   * instance's class (`m.__class__ = Sub`). Then torch's signature says nothing of the call.
   */
  private readonly patchesForward = new Map<ProgramHandle, boolean>();

  /** An item write Python refuses (set by assignTarget, taken by the statement that made it). */
  private pendingRaise?: Flow;

  /**
   * Why `t[i, a:b] = value` is refused: the part written (plain integer and slice indices only) and
   * the value's shape, its leading ones dropped as PyTorch drops them, do not broadcast.
   */
  private refusedItemWrite(shape: number[], target: Node, value: number[], scope: Scope): Msg | undefined {
    const idx = this.nc.fields(target, 'subscript').map((n) => this.safeEval(n, scope));
    const plain = (v: Value): boolean => (v.t === 'num' && v.int) || v.t === 'none';
    if (idx.length === 0 || !idx.every((i) => (i.t === 'num' && i.int) || (i.t === 'slice' && plain(i.start) && plain(i.stop) && plain(i.step)))) return undefined;
    const part = indexTensor(shape, idx);
    if (part.t !== 'tensor') return undefined;
    let v = value;
    while (v.length > 0 && v[0] === 1) v = v.slice(1);
    const fits = v.length <= part.shape.length && v.every((d, k) => d === 1 || d === part.shape[part.shape.length - v.length + k]);
    if (fits) return undefined;
    return { en: `cannot write a ${fmtShape(value)} value into the ${fmtShape(part.shape)} part of a ${fmtShape(shape)} tensor (PyTorch's RuntimeError: the sizes do not broadcast)`, 'zh-cn': `无法把 ${fmtShape(value)} 的值写入 ${fmtShape(shape)} 张量中 ${fmtShape(part.shape)} 的部分（PyTorch 的 RuntimeError：尺寸无法广播）` };
  }

  private forwardMayBeOther(m: ModuleInst): boolean {
    const c = m.userClass as ClassDef | undefined;
    if (c && ['forward', '__call__'].some((n) => this.index.findAttr(c, n) || this.index.findMethod(c, n) || this.rewrittenAlong(c, n))) return true;
    if (c && /\bdef\s+(?:forward|__call__)\s*\(/.test(c.node.text)) return true;
    if (m.forwardReplaced) return true;
    // (Each program read once; asked again while files load: an import may bring the patch.)
    const patches = (p: ProgramHandle): boolean => {
      let found = this.patchesForward.get(p);
      if (found === undefined) this.patchesForward.set(p, (found = FORWARD_PATCH.test(this.codeOf(p as PyProgram))));
      return found;
    };
    return (this.mainProgram !== undefined && patches(this.mainProgram)) || (this.loader.loaded?.() ?? []).some(patches);
  }

  /**
   * Forward hooks, in order: one of the code's functions returning a value replaces the output (None
   * keeps it). A hook the analysis cannot see (a profiler's counter picked from a table by the
   * layer's type) is taken to return None, as counting and recording hooks do.
   */
  private runPostHooks(m: ModuleInst, inputs: Value[], out: Value): Value {
    if (m.hooksUnsure) return unknown(`a forward hook of ${m.kind} may have been removed (under a condition the analysis cannot decide)`, `${m.kind} 的前向钩子可能已被移除（在分析无法判断的条件下）`);
    let y = out;
    for (const hook of m.postHooks ?? []) {
      if (hook.t !== 'func' && hook.t !== 'bound') continue;
      const r = this.invokeValue(hook, [{ t: 'module', m }, { t: 'seq', items: inputs, tuple: true }, y]);
      if (r.t === 'none') continue;
      y = r.t === 'tensor' || r.t === 'seq' ? r : unknown(`a forward hook of ${m.kind} the analysis cannot follow`, `分析无法跟踪 ${m.kind} 的前向钩子`);
    }
    return y;
  }
}

/** A torch.nn layer's inputs in forward's order: the positional ones, then those given by name. */
function torchForwardInputs(kind: string, args: ArgList): Value[] {
  const inputs = args.positional.map((a) => a.value);
  const names = FORWARD_INPUTS[kind] ?? ['input'];
  for (let i = inputs.length; i < names.length; i++) {
    const byName = args.keyword.get(names[i]!);
    if (!byName) break;
    inputs.push(forwardArg(byName.value));
  }
  // MultiheadAttention's masks, by name or in place (key_padding_mask 4th, attn_mask 6th): its checks read them there.
  if (kind === 'MultiheadAttention' && inputs.length >= 3) {
    const at = (i: number, name: string): Value => inputs[i] ?? args.keyword.get(name)?.value ?? NONE;
    return [...inputs.slice(0, 3), at(3, 'key_padding_mask'), at(4, 'need_weights'), at(5, 'attn_mask')];
  }
  return inputs;
}

/**
 * A tensor as a module's forward receives it. Exact integer values go in (the sequence lengths
 * `pack_padded_sequence` reads: `model(tokens, torch.tensor([4, 7, 2]))`); computed float values
 * do not, a forward computes new ones.
 */
function forwardArg(v: Value): Value {
  return v.t === 'tensor' && v.vals?.int && v.vals.e.every((e) => e === 0) ? v : plainTensor(v);
}

/** Writes made while an undecided branch or a loop the analysis cannot unroll runs. */
/**
 * A built-in layer's parameter as each side of a branch leaves it: its own as built (not in its
 * attributes) or a new nn.Parameter of its own of the same shape (VQ-VAE's EMA codebook,
 * `self._embedding.weight = nn.Parameter(…)` while training). Either way the count and the
 * forward are the same; a parameter tied to another layer's is not.
 */
function sameOwnParameter(owner: ModuleInst | undefined, key: string, a: { had: boolean; v: Value | undefined }, b: { had: boolean; v: Value | undefined }): boolean {
  const built = owner?.builtin && !owner.userClass ? owner.builtin.weights?.[key] : undefined;
  if (!owner || !built) return false;
  const shapeOf = (side: { had: boolean; v: Value | undefined }): string | undefined => {
    if (!side.had) return built.join(',');
    const v = side.v;
    return v?.t === 'tensor' && v.param && (!v.tie || v.tie.module === owner.id) ? v.shape.join(',') : undefined;
  };
  const x = shapeOf(a);
  return x !== undefined && x === shapeOf(b) && x === built.join(',');
}

type Container = Extract<Value, { t: 'seq' }> | Extract<Value, { t: 'dict' }>;

/** A list's items or a dict's entries, copied (the container itself stays the same object). */
function contentsOf(c: Container): Value[] | [string, Value][] {
  return c.t === 'seq' ? [...c.items] : [...c.entries];
}

function setContents(c: Container, to: Value[] | [string, Value][], unsized: Extract<Value, { t: 'seq' }>['unsized']): void {
  if (c.t === 'seq') {
    c.items.splice(0, c.items.length, ...(to as Value[]));
    if (unsized) c.unsized = unsized;
    else delete c.unsized;
  } else c.entries.splice(0, c.entries.length, ...(to as [string, Value][]));
}

function sameContents(a: Value[] | [string, Value][], b: Value[] | [string, Value][]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return Array.isArray(x) ? x[0] === (y as [string, Value])[0] && (x[1] === (y as [string, Value])[1] || sameValue(x[1], (y as [string, Value])[1])) : x === y || sameValue(x as Value, y as Value);
  });
}

/**
 * A list or dict two paths (or a loop's rounds) left differently: what both have alike stays; a
 * list's items past the first difference, and its length, are unknown; a dict's differing values
 * are unknown and a key one path lacks may or may not be there.
 */
function unknownContents(c: Container, other: Value[] | [string, Value][], why: string): void {
  const u = (k: string): Value => unknownModule(`'${k}' ${why}`, `'${k}' 取决于无法静态判断的条件`);
  if (c.t === 'seq') {
    const b = other as Value[];
    let n = 0;
    while (n < c.items.length && n < b.length && (c.items[n] === b[n] || sameValue(c.items[n]!, b[n]!))) n++;
    if (n === c.items.length && n === b.length) return;
    c.items.splice(n, c.items.length - n);
    c.unsized = { why: { en: why, 'zh-cn': '取决于无法静态判断的条件' }, from: n };
    return;
  }
  const b = new Map(other as [string, Value][]);
  const out: [string, Value][] = [];
  let maybe = false;
  for (const [k, v] of c.entries) {
    if (!b.has(k)) maybe = true;
    else out.push([k, v === b.get(k) || sameValue(v, b.get(k)!) ? v : u(k)]);
  }
  if ([...b.keys()].some((k) => !c.entries.some(([k2]) => k2 === k))) maybe = true;
  if (maybe && !out.some(([k]) => k === '\u0000?')) out.push(['\u0000?', u('a key')]);
  c.entries.splice(0, c.entries.length, ...out);
}

class Journal {
  private readonly attrs: { map: Map<string, Value>; key: string; had: boolean; old: Value | undefined; owner?: ModuleInst; first?: { had: boolean; v: Value | undefined } }[] = [];
  /** Lists and dicts that existed before (a module-level dict a function fills, a list inside a dict), changed in place. */
  private readonly containers: { c: Container; old: Value[] | [string, Value][]; oldUnsized: Extract<Value, { t: 'seq' }>['unsized']; first?: { v: Value[] | [string, Value][]; unsized: Extract<Value, { t: 'seq' }>['unsized'] } }[] = [];
  /** The path's own copies of the variables' lists and dicts (forkVars): their changes are compared as variables. */
  readonly local = new WeakSet<object>();

  /**
   * The path's own lists and dicts: the copies made for it, and (after it ran) those its variables
   * hold, made on it (two levels deep): their changes are the path's variables', compared as such.
   */
  own(vars: Map<string, Value>): void {
    const add = (v: Value, depth: number): void => {
      if (v.t !== 'seq' && v.t !== 'dict') return;
      this.local.add(v);
      if (depth < 2) for (const x of v.t === 'seq' ? v.items : v.entries.map(([, y]) => y)) add(x, depth + 1);
    };
    for (const v of vars.values()) add(v, 0);
  }

  /** Containers found to be a path's own after it ran are not restored nor merged here. */
  private dropLocal(): void {
    for (let i = this.containers.length - 1; i >= 0; i--) if (this.local.has(this.containers[i]!.c)) this.containers.splice(i, 1);
  }

  container(c: Container): void {
    if (this.local.has(c) || this.containers.some((e) => e.c === c)) return;
    this.containers.push({ c, old: contentsOf(c), oldUnsized: c.t === 'seq' ? c.unsized : undefined });
  }
  private readonly kids: { m: ModuleInst; old: ModuleInst['children']; oldUncertain: ModuleInst['uncertain']; first?: { kids: ModuleInst['children']; uncertain: ModuleInst['uncertain'] } }[] = [];
  private second = false;

  /** `firstNew`: the id the first module made inside the branch or loop gets; those modules did not exist before it, so their writes are theirs alone. */
  constructor(private readonly firstNew: number) {}

  /** A module that existed before the branch or loop: a change to it in place cannot be undone. */
  madeBefore(m: ModuleInst): boolean {
    return m.id < this.firstNew;
  }

  attr(map: Map<string, Value>, key: string, owner?: ModuleInst): void {
    if (owner && owner.id >= this.firstNew) return;
    if (this.attrs.some((e) => e.map === map && e.key === key)) return;
    this.attrs.push({ map, key, had: map.has(key), old: map.get(key), ...(owner ? { owner } : {}) });
  }

  children(m: ModuleInst): void {
    if (m.id >= this.firstNew) return;
    if (this.kids.some((e) => e.m === m)) return;
    this.kids.push({ m, old: [...m.children], oldUncertain: m.uncertain });
  }

  /** The first branch is done: remember its writes and undo them before the second runs. */
  switchToSecond(): void {
    this.second = true;
    this.dropLocal();
    for (const e of this.containers) {
      e.first = { v: contentsOf(e.c), unsized: e.c.t === 'seq' ? e.c.unsized : undefined };
      setContents(e.c, e.old, e.oldUnsized);
    }
    for (const e of this.attrs) {
      e.first = { had: e.map.has(e.key), v: e.map.get(e.key) };
      restore(e.map, e.key, e.had, e.old);
    }
    for (const e of this.kids) {
      e.first = { kids: [...e.m.children], uncertain: e.m.uncertain };
      e.m.children = [...e.old];
      e.m.uncertain = e.oldUncertain;
    }
  }

  /** Both branches ran: keep what they agree on, the rest is unknown. */
  merge(mods: TorchModules, why: string, keep: 'first' | 'second' | 'both'): void {
    if (!this.second) return;
    this.dropLocal();
    for (const e of this.containers) {
      const a = e.first ?? { v: e.old, unsized: e.oldUnsized };
      if (keep === 'first') {
        setContents(e.c, a.v, a.unsized);
        continue;
      }
      if (keep === 'second' || (sameContents(a.v, contentsOf(e.c)) && (e.c.t !== 'seq' || !a.unsized === !e.c.unsized))) continue;
      unknownContents(e.c, a.v, why);
    }
    for (const e of this.attrs) {
      const a = e.first ?? { had: e.had, v: e.old };
      const b = { had: e.map.has(e.key), v: e.map.get(e.key) };
      // Only one branch continues (the other raised): its writes stand.
      if (keep === 'first') {
        restore(e.map, e.key, a.had, a.v);
        continue;
      }
      if (keep === 'second') continue;
      if (a.had === b.had && (a.v === b.v || (a.v && b.v && sameValue(a.v, b.v)))) continue;
      if (sameOwnParameter(e.owner, e.key, a, b)) continue;
      // A buffer (nanoGPT's causal mask, registered only without the fused kernel) or a plain
      // value on either side holds no parameters and no layers: the value is unknown, the counts are not.
      // So does a list of such values (YOLOv5 Detect's `self.grid[i]`, `self.anchor_grid[i]` made in an
      // eval-mode branch), and an unknown that surely holds no module.
      const inert = (v: Value | undefined): boolean => v === undefined || (v.t === 'tensor' && !v.param && !v.tie) || isPlain(v) || (v.t === 'seq' && v.items.every(inert)) || (v.t === 'unknown' && !mayHoldModule(v));
      const merged = inert(a.v) && inert(b.v) ? unknown(`'${e.key}' ${why}`, `'${e.key}' 取决于无法静态判断的条件`) : unknownModule(`'${e.key}' ${why}`, `'${e.key}' 取决于无法静态判断的条件`);
      // A module's attribute one side set and the other never had: reading it either finds that
      // value or raises (a buffer or a plain value; getattr's default and hasattr stay undecided).
      const only = a.had !== b.had && e.owner ? (a.had ? a.v : b.v) : undefined;
      const held = only?.t === 'unknown' && only.absentOr ? only.absentOr : only;
      if (held && merged.t === 'unknown' && ((held.t === 'tensor' && !held.param && !held.tie) || isPlain(held))) merged.absentOr = held;
      e.map.set(e.key, merged);
    }
    for (const e of this.kids) {
      const a = e.first ?? { kids: e.old, uncertain: e.oldUncertain };
      if (keep === 'first') {
        e.m.children = [...a.kids];
        e.m.uncertain = a.uncertain;
        continue;
      }
      if (keep === 'second') continue;
      const same = a.kids.length === e.m.children.length && a.kids.every((c, i) => c.inst === e.m.children[i]?.inst) && a.uncertain === e.m.uncertain;
      if (!same) {
        // Only the layers both paths hold at the same place stay listed: past them, which layers
        // there are (and where) depends on the path (never the last path's layers shown as known).
        let n = 0;
        while (n < a.kids.length && n < e.m.children.length && a.kids[n]!.inst === e.m.children[n]!.inst && a.kids[n]!.name === e.m.children[n]!.name) n++;
        e.m.children = e.m.children.slice(0, n);
        e.m.uncertain = { en: `${e.m.kind}'s layers ${why}`, 'zh-cn': `${e.m.kind} 的层取决于无法静态判断的条件` };
      }
    }
    void mods;
  }

  /** A loop ran once on a fork: whatever it wrote is unknown. */
  poison(mods: TorchModules, why: string): void {
    for (const e of this.containers) if (!sameContents(e.old, contentsOf(e.c))) unknownContents(e.c, e.old, why);
    for (const e of this.attrs) {
      const now = e.map.get(e.key);
      if (e.had && now !== undefined && e.old !== undefined && sameValue(now, e.old)) continue;
      // A value no round makes a module of (`self.kl = 0`, then a tensor each round) is unknown but holds no layer.
      const plain = (v: Value | undefined): boolean => v === undefined || (v.t === 'tensor' && !v.param) || v.t === 'num' || v.t === 'bool' || v.t === 'str' || v.t === 'none';
      e.map.set(e.key, e.had && plain(e.old) && now !== undefined && plain(now) ? unknown(`'${e.key}' ${why}`, `'${e.key}' 在无法展开的循环中被修改`) : unknownModule(`'${e.key}' ${why}`, `'${e.key}' 在无法展开的循环中被修改`));
    }
    for (const e of this.kids) {
      // The layers the loop may add (any number of times) are not listed: only those before it.
      const n = e.old.length;
      if (e.m.children.length !== n || e.m.children.some((c, i) => c.inst !== e.old[i]!.inst)) {
        e.m.children = e.m.children.slice(0, n).every((c, i) => c.inst === e.old[i]!.inst) ? e.m.children.slice(0, n) : [];
        e.m.uncertain = { en: `${e.m.kind}'s layers are ${why}`, 'zh-cn': `${e.m.kind} 的层在无法展开的循环中构建` };
      }
    }
    void mods;
  }
}

/** A string's length as Python counts it: code points. */
function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Python's round(x, n): the decimal nearest to the double's exact value (round(2.675, 2) is 2.67,
 * the double being 2.67499…), as toFixed computes it; an exact tie (0.125 is exactly a double) goes
 * to the even digit, where toFixed would round away from zero.
 */
function roundToDigits(x: number, digits: number): number | undefined {
  if (!Number.isFinite(x) || digits > 15 || digits < -15 || Math.abs(x) >= 1e21 || (x !== 0 && Math.abs(x) < 1e-50)) return undefined;
  if (digits < 0) {
    const p = 10 ** -digits;
    const q = x / p;
    return Math.abs(q - Math.trunc(q)) === 0.5 ? undefined : Math.round(q) * p;
  }
  // 100 places show a double's expansion exactly at these magnitudes, or far past where it leaves a tie.
  const wide = x.toFixed(100);
  const point = wide.indexOf('.');
  const kept = wide.slice(0, point + 1 + digits);
  if (/^50*$/.test(wide.slice(point + 1 + digits))) {
    const last = Number(kept.replace(/\D/g, '').slice(-1));
    if (last % 2 === 0) return Number(kept);
  }
  return Number(x.toFixed(digits));
}

/** The most rounds of a loop with an undecided break followed one by one (each nests the rest in a branch). */
const MAX_GUARDED_ROUNDS = 128;

/** The longest string and list the analysis builds (`s += s` in a loop would exhaust memory). */
const MAX_STR_CHARS = 1_000_000;
const MAX_SEQ_ITEMS = 1_000_000;

/** Methods that keep an array's rows (a dtype, a device, a copy). */
const ROWS_KEEPING = new Set(['float', 'double', 'half', 'long', 'int', 'to', 'cuda', 'cpu', 'contiguous', 'detach', 'clone', 'astype', 'requires_grad_', 'numpy', 'copy']);
/** Calls that make a tensor (or array) of an array, keeping its shape. */
/** The argparse calls that set a parser up (run again when another file's `parse_args()` is read). */
const PARSER_SETUP = new Set(['add_argument', 'set_defaults', 'add_subparsers']);

/** Libraries `__import__` / `importlib.import_module` may name that the analysis reads as `import` does. */
const NAMED_LIBRARIES = new Set(['math', 'os', 'sys', 'operator', 'functools', 'itertools', 'collections', 'string', 'random', 're', 'json', 'copy', 'numpy', 'torch']);
const ROWS_CONVERTERS = new Set(['torch.from_numpy', 'torch.tensor', 'torch.as_tensor', 'torch.Tensor', 'torch.FloatTensor', 'torch.LongTensor', 'torch.autograd.Variable', 'numpy.array', 'numpy.asarray', 'numpy.float32']);

/**
 * `.reshape(-1, 1, 28, 28)` / `.view(n, 28, 28)` of data whose size is unknown: every dimension
 * but the first given as a number, so a row's shape is known (undefined otherwise).
 */
function reshapedRows(args: ArgList): number[] | undefined {
  if (args.unknownRest || args.keyword.size > 0) return undefined;
  let dims = args.positional.map((p) => p.value);
  if (dims.length === 1 && dims[0]!.t === 'seq') dims = dims[0]!.items;
  if (dims.length < 2) return undefined;
  const lead = dims[0]!;
  const leadOk = (lead.t === 'num' && lead.int && lead.v === -1) || (lead.t === 'unknown' && !lead.tensorLike);
  const rest = dims.slice(1).map((d) => asInt(d));
  return leadOk && rest.every((d): d is number => d !== undefined && d >= 0) ? rest : undefined;
}

const CREATION = /^torch\.(randn|rand|zeros|ones|empty|full|randint|arange|linspace|normal|eye|tensor|from_numpy|FloatTensor|LongTensor|Tensor)$/;
/** torch functions whose first parameter is not `input` (makers, functions of several tensors): `input=` is no tensor of theirs. */
const TAKES_NO_INPUT = /^torch\.(?:randn|rand|zeros|ones|empty|full|randint|randperm|arange|range|linspace|logspace|normal|eye|tensor|as_tensor|from_numpy|\w*Tensor|cat|concat|stack|hstack|vstack|dstack|einsum|meshgrid|broadcast_tensors|block_diag|cartesian_prod|nn\.(?!functional\.)|optim\.|utils\.|distributions\.|cuda\.|backends\.|device|manual_seed)/;

/**
 * The dtype of a tensor a factory has just made, by the very object it returned (any operation on it
 * makes a new value, whose dtype is not claimed): `dtype=` as given, randint's int64, arange's int64
 * over integers, the float factories' float32 — unless the program changes the default dtype.
 */
const CREATED_DTYPE = new WeakMap<Value, string>();

/** Canonical names of torch dtypes (`torch.long` is `torch.int64`). */
const DTYPE_ALIASES: Record<string, string> = {
  'torch.long': 'torch.int64', 'torch.int64': 'torch.int64', 'torch.int': 'torch.int32', 'torch.int32': 'torch.int32',
  'torch.short': 'torch.int16', 'torch.int16': 'torch.int16', 'torch.int8': 'torch.int8', 'torch.uint8': 'torch.uint8',
  'torch.float': 'torch.float32', 'torch.float32': 'torch.float32', 'torch.double': 'torch.float64', 'torch.float64': 'torch.float64',
  'torch.half': 'torch.float16', 'torch.float16': 'torch.float16', 'torch.bfloat16': 'torch.bfloat16', 'torch.bool': 'torch.bool',
};

function createdDtype(name: string, args: ArgList, programs: (ProgramHandle | undefined)[]): string | undefined {
  const given = args.keyword.get('dtype')?.value;
  if (given) return given.t === 'ref' ? DTYPE_ALIASES[given.name] : undefined;
  const f = name.slice('torch.'.length);
  if (f === 'randint') return 'torch.int64';
  if (f === 'arange') return args.positional.every((a) => a.value.t === 'num' && a.value.int) && args.positional.length > 0 ? 'torch.int64' : undefined;
  if (!['randn', 'rand', 'zeros', 'ones', 'empty'].includes(f)) return undefined;
  return programs.some((p) => p && /\bset_default_dtype\b|\bset_default_tensor_type\b/.test((p as PyProgram).root.text)) ? undefined : 'torch.float32';
}

/** `torch.randn(1, 1, 32, 32)` as one line of at most 60 characters. */
function compact(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

/** A dict's key as a string value (interned where the dict says CPython holds it so). */
function strKey(d: Value & { t: 'dict' }, k: string): Value {
  if (k.startsWith('\u0001enum\u0000')) return ENUM_KEYS.get(k) ?? unknownModule('an enum member used as a key', '用作键的枚举成员');
  const n = d.numKeys?.get(k);
  if (n !== undefined) return num(Number(k), n);
  return d.internedKeys?.has(k) ? { t: 'str', v: k, interned: true } : { t: 'str', v: k };
}

/** A view of a Parameter (a tensor, or the tensors `chunk` / `split` give). */
function asParamView(v: Value): Value {
  if (v.t === 'tensor') return { ...v, paramView: true };
  if (v.t === 'seq') return { ...v, items: v.items.map((x) => (x.t === 'tensor' ? { ...x, paramView: true as const } : x)) };
  return v;
}

/**
 * Code that may give a torch class (or an instance's class) another forward: a class's `forward` or
 * `__call__` assigned (`nn.Linear.forward = lora_forward`; an instance's own, `self.forward = …`, is
 * followed per instance), setattr naming forward or a name held in a variable, or on a class it reads
 * by name (`setattr(getattr(nn, kind), …)`), the instance dict, or `__class__` replaced.
 */
const FORWARD_PATCH = /(?<![\w.])(?:[\w.]*\.)?[A-Z]\w*\.(?:forward|__call__)\s*=(?!=)|setattr\s*\([^)]*['"](?:forward|__call__)['"]|setattr\s*\(\s*(?:nn\.|torch\.nn\.|getattr\s*\()|setattr\s*\([^,()]+,\s*(?!['"])[^,()]+,|__dict__\s*\[\s*['"](?:forward|__call__)|\.__class__\s*=(?!=)/;

/** numpy functions that change their first argument in place. */
const NUMPY_IN_PLACE: ReadonlySet<string> = new Set(['random.shuffle', 'put', 'putmask', 'place', 'copyto', 'fill_diagonal', 'put_along_axis']);


/** Row i of a numpy integer table of known values, as a 1-D array that keeps its own. */
function tableRow(t: Value & { t: 'tensor' }, i: Value | undefined): Value | undefined {
  const [rows, width] = t.shape;
  if (!t.vals?.numpy || !t.vals.int || t.shape.length !== 2 || rows === undefined || width === undefined || i?.t !== 'num' || !i.int || i.v < -rows || i.v >= rows) return undefined;
  const at = ((i.v % rows) + rows) % rows;
  const v = t.vals.v.slice(at * width, (at + 1) * width);
  return { t: 'tensor', shape: [width], vals: { v, e: v.map(() => 0), int: true, numpy: true }, rowOf: t };
}

/** A tensor made from another keeps where the original came from (`x.view(…)` of a batch is still the batch). */
function keepSource(from: Value | undefined, to: Value): Value {
  if (from?.t === 'tensor' && from.src && to.t === 'tensor' && !to.src) return { ...to, src: from.src };
  return to;
}

function restore(map: Map<string, Value>, key: string, had: boolean, old: Value | undefined): void {
  if (had && old !== undefined) map.set(key, old);
  else map.delete(key);
}

/**
 * Why Python refuses this call with a TypeError before the body runs (an unexpected keyword, too
 * many positional arguments, one argument given twice, a required one missing where nothing is
 * spread); undefined when it binds, or when arguments the analysis cannot list may fill it.
 */
function refusedArgs(name: string, sig: Callable, names: string[], args: ArgList): Msg | undefined {
  if (args.unknownRest) return undefined;
  const positional = names.filter((n) => !sig.kwOnly?.has(n));
  if (args.positional.length > positional.length && !sig.varargs) {
    return { en: `TypeError: ${name}() takes ${positional.length} positional arguments but ${args.positional.length} were given`, 'zh-cn': `TypeError：${name}() 接受 ${positional.length} 个位置参数，但给出了 ${args.positional.length} 个` };
  }
  const byPosition = new Set(positional.slice(0, args.positional.length));
  for (const k of args.keyword.keys()) {
    if (byPosition.has(k)) return { en: `TypeError: ${name}() got multiple values for argument '${k}'`, 'zh-cn': `TypeError：${name}() 的参数 '${k}' 得到多个值` };
    if (!names.includes(k) && !sig.kwargs) return { en: `TypeError: ${name}() got an unexpected keyword argument '${k}'`, 'zh-cn': `TypeError：${name}() 得到意外的关键字参数 '${k}'` };
  }
  // (Not after a spread: a factory run on its own spreads an empty **kwargs its real caller fills.)
  const missing = args.splat ? undefined : names.find((n) => !byPosition.has(n) && !args.keyword.has(n) && !sig.defaults.has(n));
  if (missing !== undefined) return { en: `TypeError: ${name}() missing required argument '${missing}'`, 'zh-cn': `TypeError：${name}() 缺少必需参数 '${missing}'` };
  return undefined;
}

/** `copy.copy` of a list / dict / object: a new one holding the same items (a module's: TorchModules.shallowClone). */
function shallowCopy(v: Value): Value {
  if (v.t === 'seq') return { ...v, items: [...v.items] };
  if (v.t === 'dict') return { ...v, entries: v.entries.map(([k, x]): [string, Value] => [k, x]) };
  if (v.t === 'obj') return { ...v, attrs: new Map(v.attrs), ...(v.items?.t === 'dict' ? { items: shallowCopy(v.items) } : {}) };
  return v;
}

/** An attribute that holds no module: a tensor, a number, a string, None (what a forward may overwrite as state). */
function isPlainAttr(v: Value): boolean {
  return isPlain(v) || v.t === 'tensor' || (v.t === 'unknown' && !v.mod);
}


/** The masks given to a Transformer layer's forward, by keyword or in their places (PyTorch 1.13's signatures). */
function compositeMasks(kind: string, args: ArgList): LayerMasks {
  const order: Record<string, (keyof LayerMasks)[]> = {
    TransformerEncoderLayer: ['src_mask', 'src_key_padding_mask'],
    TransformerDecoderLayer: ['tgt_mask', 'memory_mask', 'tgt_key_padding_mask', 'memory_key_padding_mask'],
  };
  const names = order[kind];
  if (!names || args.unknownRest) return {};
  const from = kind === 'TransformerDecoderLayer' ? 2 : 1;
  const out: LayerMasks = {};
  names.forEach((n, i) => {
    const v = args.keyword.get(n)?.value ?? args.positional[from + i]?.value;
    if (v && v.t !== 'none') out[n] = v;
  });
  return out;
}

/** What `from m import *` binds for libraries whose names are listed here (math of Python 3.11, with 3.12's sumprod). */
const LIBRARY_STAR_EXPORTS: Record<string, ReadonlySet<string>> = {
  math: new Set('acos acosh asin asinh atan atan2 atanh cbrt ceil comb copysign cos cosh degrees dist e erf erfc exp exp2 expm1 fabs factorial floor fmod frexp fsum gamma gcd hypot inf isclose isfinite isinf isnan isqrt lcm ldexp lgamma log log10 log1p log2 modf nan nextafter perm pi pow prod radians remainder sin sinh sqrt sumprod tan tanh tau trunc ulp'.split(' ')),
};

/** Python's `string` module constants (vocabularies: `all_letters = string.ascii_letters + " .,;'"`). */
const STRING_CONSTANTS: Record<string, string> = {
  ascii_letters: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
  ascii_lowercase: "abcdefghijklmnopqrstuvwxyz",
  ascii_uppercase: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  digits: "0123456789",
  hexdigits: "0123456789abcdefABCDEF",
  octdigits: "01234567",
  punctuation: "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
  printable: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\u000b\f",
  whitespace: " \t\n\r\u000b\f",
};

/** Methods that change a Python list in place. */
const LIST_MUTATORS = new Set(['append', 'extend', 'insert', 'pop', 'remove', 'clear', 'sort', 'reverse']);

/** nn.Transformer.generate_square_subsequent_mask(sz): a float [sz, sz] mask (-inf above the diagonal). */
function squareMask(args: ArgList): Value {
  const n = asInt(args.positional[0]?.value ?? args.keyword.get('sz')?.value);
  return n !== undefined && n >= 0 && !args.unknownRest ? tensor([n, n]) : unknown('the size of a square mask the analysis cannot read', '无法读取方形掩码的尺寸');
}

/** operator.mul and its kin: the binary operator each stands for. */
const OPERATOR_FUNCTIONS: Record<string, string> = { add: '+', sub: '-', mul: '*', truediv: '/', floordiv: '//', mod: '%', pow: '**', matmul: '@', and_: '&', or_: '|', xor: '^', lshift: '<<', rshift: '>>' };

/**
 * A setting PyTorch refuses when it builds the layer, which the layer rules do not report: a size
 * below zero (RuntimeError), a dropout probability outside [0, 1] (ValueError).
 */
function refusedSetting(kind: string, config: Record<string, unknown> | undefined): { type: string; why: Msg } | undefined {
  if (!config) return undefined;
  for (const k of ['in_features', 'out_features', 'in_channels', 'out_channels', 'num_embeddings', 'embedding_dim', 'input_size', 'hidden_size', 'num_features']) {
    const v = config[k];
    if (typeof v === 'number' && v < 0) return { type: 'RuntimeError', why: { en: `${k} = ${v}: PyTorch cannot make a tensor of a negative size (RuntimeError)`, 'zh-cn': `${k} = ${v}：PyTorch 无法创建负尺寸的张量（RuntimeError）` } };
  }
  if (typeof config.padding === 'string' && config.padding !== 'same' && config.padding !== 'valid') return { type: 'ValueError', why: { en: `padding '${config.padding}' is neither 'same' nor 'valid' (ValueError)`, 'zh-cn': `padding '${config.padding}' 既不是 'same' 也不是 'valid'（ValueError）` } };
  // (`p` is a probability in the dropout layers only: PairwiseDistance's is a norm's degree.)
  for (const k of /Dropout/.test(kind) ? ['p'] : ['dropout']) {
    const v = config[k];
    if (typeof v === 'number' && (v < 0 || v > 1)) return { type: 'ValueError', why: { en: `${k} = ${v} is not a probability in [0, 1] (ValueError)`, 'zh-cn': `${k} = ${v} 不是 [0, 1] 内的概率（ValueError）` } };
  }
  return undefined;
}

/** `operator.mul`, `operator.__mul__`, `operator.__and__`: the binary operator, else undefined. */
function operatorFunction(name: string): string | undefined {
  const dunder = /^__(\w+)__$/.exec(name)?.[1];
  return Object.hasOwn(OPERATOR_FUNCTIONS, name) ? OPERATOR_FUNCTIONS[name] : dunder ? (OPERATOR_FUNCTIONS[dunder] ?? OPERATOR_FUNCTIONS[`${dunder}_`]) : undefined;
}

/** The next item of a one-shot iterator (a cycle's comes round to its end again); undefined when exhausted. */
function nextOf(it: Value & { t: 'seq' }): Value | undefined {
  const item = it.items.shift();
  if (item !== undefined && it.iterator?.cycle) it.items.push(item);
  return item;
}

/** Defaults that make a mutable object (one per def, shared by its calls). */
const MUTABLE_DISPLAY = new Set(['list', 'dictionary', 'set']);

/** Does this code change the list or dict `name` in place (`name.append(…)`, `name[i] = …`, `name += …`)? */
function mutatesName(code: string, name: string): boolean {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![.\\w])${n}\\s*(?:\\.\\s*(?:append|extend|insert|pop|remove|clear|sort|reverse|update|setdefault|popitem|add|discard)\\s*\\(|\\[[^\\]]*\\]\\s*=(?!=)|\\+=|\\|=)`).test(code);
}

/** The names an expression reads (not attribute names or keyword argument names). */
/**
 * The names an expression of a class body reads in the class's scope (`outer`: outside nested
 * scopes, and each comprehension's first iterable) and inside nested scopes (`inner`: comprehension
 * and generator bodies, lambdas), which read the enclosing function's or the module's names.
 */
function classScopeNames(node: Node): { outer: Set<string>; inner: Set<string> } {
  const outer = new Set<string>();
  const inner = new Set<string>();
  const nested = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'lambda']);
  const visit = (n: Node, into: Set<string>): void => {
    if (into === outer && nested.has(n.type)) {
      const clause = n.type === 'lambda' ? undefined : n.namedChildren.find((c) => c?.type === 'for_in_clause');
      const first = clause?.childForFieldName('right');
      for (const c of n.namedChildren) {
        if (!c) continue;
        if (c.id !== clause?.id) visit(c, inner);
        else for (const k of c.namedChildren) if (k) visit(k, k.id === first?.id ? outer : inner);
      }
      return;
    }
    if (n.type === 'identifier') {
      for (const x of identifiersIn(n)) into.add(x);
      return;
    }
    for (const c of n.namedChildren) if (c) visit(c, into);
  };
  visit(node, outer);
  return { outer, inner };
}

function identifiersIn(node: Node): string[] {
  const out = new Set<string>();
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'identifier') {
      const parent = n.parent;
      if (!(parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === n.id) && !(parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === n.id)) out.add(n.text);
    } else for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return [...out];
}

/** Variables for one branch: lists and dicts are copied so `layers.append` in one branch does not reach the other. */
/** A cache key for plain arguments (numbers, strings, booleans, None, tuples of them); undefined otherwise. */
function memoKey(args: ArgList): string | undefined {
  const plain = (v: Value): unknown => (v.t === 'num' ? ['n', v.v] : v.t === 'str' ? ['s', v.v] : v.t === 'bool' ? ['b', v.v] : v.t === 'none' ? ['0'] : v.t === 'seq' && v.tuple ? ['t', ...v.items.map(plain)] : undefined);
  const parts = [...args.positional.map((a) => plain(a.value)), ...[...args.keyword].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, a]) => [k, plain(a.value)])];
  const flat = JSON.stringify(parts);
  return args.unknownRest || flat.includes('null') ? undefined : flat;
}

function forkVars(vars: Map<string, Value>): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const [k, v] of vars) out.set(k, v.t === 'seq' && !v.tuple ? { ...v, items: [...v.items] } : v.t === 'dict' ? { ...v, entries: [...v.entries] } : v);
  return out;
}

/**
 * A slice bound as Python reads it: an integer tensor of one known value is that integer
 * (`x[:, :n]` with `n = torch.IntTensor([c])[0]`, WaveGlow's channel split), via __index__.
 */
function indexNumber(v: Value): Value {
  if (v.t !== 'tensor' || !v.vals?.int || v.vals.v.length !== 1 || v.vals.e[0] !== 0 || !v.shape.every((d) => d === 1)) return v;
  return num(v.vals.v[0]!, true);
}

/** Tensor methods that change the tensor's own shape (the result is the tensor itself). */
/** The class whose body (or a method of it) holds a name: Python renames `__x` there to `_Class__x` (none for a class named only by underscores). */
function privateNameOwner(node: Node): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type !== 'class_definition') continue;
    const name = p.childForFieldName('name')?.text.replace(/^_+/, '');
    return name || undefined;
  }
  return undefined;
}

/**
 * Tensors given another shape in place (`resize_`, `t_`, `unsqueeze_`…) where another name, a caller's
 * argument or a list may hold the same tensor: whatever still holds the old value reads it as unknown.
 */
const RESHAPED_IN_PLACE = new WeakSet<object>();

/** Methods PyTorch may answer with the tensor itself (already contiguous, already that dtype or device). */
const MAY_RETURN_SELF = new Set(['contiguous', 'float', 'double', 'half', 'bfloat16', 'long', 'int', 'short', 'bool', 'byte', 'to', 'cpu', 'cuda', 'type', 'type_as']);

/** A value a method gave back that may be the receiver itself in PyTorch: an in-place reshape of either is the other's too. */
const SAME_TENSOR = new WeakMap<object, Value>();

/**
 * A tensor as a call received it, for running that call again later: a value of its own, so an in-place
 * reshape the call itself makes (`x.unsqueeze_(1)` in forward) marks only the caller's tensor; its dtype
 * is kept. One already reshaped through another name stays as it is (marked).
 */
export function tensorAsReceived(v: Value): Value {
  if (v.t !== 'tensor' || sameTensors(v).some((t) => RESHAPED_IN_PLACE.has(t))) return v;
  const copy: Value = { ...v };
  const dtype = CREATED_DTYPE.get(v);
  if (dtype !== undefined) CREATED_DTYPE.set(copy, dtype);
  return copy;
}

/** The tensor and those it may be (its receivers back along such calls). */
function sameTensors(v: Value): Value[] {
  const out: Value[] = [];
  for (let t: Value | undefined = v; t && out.length < 64; t = SAME_TENSOR.get(t)) out.push(t);
  return out;
}

/** numpy's methods that change an array's values in place (torch's end in `_`). */
const VALUES_IN_PLACE: ReadonlySet<string> = new Set(['fill', 'sort', 'put', 'itemset', 'partition', 'setfield', 'byteswap']);
/** Methods that give a view of the same data (numpy and torch alike; torch's flatten too, when it can — numpy's copies). */
const ARRAY_VIEWS: ReadonlySet<string> = new Set(['view', 'reshape', 'ravel', 'transpose', 'swapaxes', 'squeeze', 'unsqueeze', 'flatten', 'permute', 't', 'narrow', 'select', 'unfold', 'diagonal', 'expand', 'view_as', 'reshape_as', 'movedim', 'moveaxis', 'detach', 'numpy']);
const INPLACE_RESHAPES = new Set(['transpose_', 't_', 'squeeze_', 'unsqueeze_', 'swapaxes_', 'swapdims_', 'resize_', 'resize_as_', 'set_']);


/** The entries two dicts agree on (same key, same value). */
function commonEntries(a: Value & { t: 'dict' }, b: Value & { t: 'dict' }): [string, Value][] {
  return a.entries.filter(([k, v]) => b.entries.some(([k2, v2]) => k2 === k && sameValue(v, v2)));
}

const SEQ_MUTATORS = new Set(['append', 'extend', 'insert', 'pop', 'remove', 'clear', 'sort', 'reverse', '__setitem__', '__delitem__', '__iadd__']);

const DICT_MUTATORS = new Set(['update', 'setdefault', 'pop', 'popitem', 'clear', '__setitem__', '__delitem__', '__ior__']);

/** A dict the branches built differently, or one of unknown keys, written to: the keys it surely has, or may have, and what its values are, are not known any more. */
function forgetKeys(v: Value): void {
  if (v.t !== 'unknown') return;
  delete v.keys;
  delete v.mayKeys;
  delete v.values;
}

/** Every string key either of two dicts has (none when a key is not a plain string). */
function possibleKeys(a: Value & { t: 'dict' }, b: Value & { t: 'dict' }): { mayKeys?: string[] } {
  const keys = [...a.entries, ...b.entries].map(([k]) => k);
  return keys.some((k) => k === '\u0000?') ? {} : { mayKeys: [...new Set(keys)] };
}

/** Two possible values: one value if they agree, else unknown (modules included: may hold modules). */
/** A module-level name whose computation spent the whole step budget: unknown, and it may hold modules. */
export function tooLong(name: string): Value {
  return unknownModule(`'${name}' takes more steps to compute than the analysis spends (a long loop)`, `计算 '${name}' 所需的步数超过分析的预算（长循环）`);
}

/**
 * A built-in layer's setting as PyTorch 1.13 stores it where that differs from what was given:
 * AvgPool1d's sizes as 1-tuples, LayerNorm's normalized_shape as a tuple, the pad layers' padding
 * as a tuple per side, Embedding's negative padding_idx counted from the end, Upsample's
 * scale_factor as a float. Undefined for the others (read as given).
 */
function storedSetting(kind: string, attr: string, config: Record<string, unknown>): Value | undefined {
  const c = config[attr];
  const ints = (v: unknown, n: number): Value | undefined => {
    const items = typeof v === 'number' ? Array<number>(n).fill(v) : Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number') ? (v as number[]) : undefined;
    return items ? { t: 'seq', items: items.map((x) => num(x)), tuple: true } : unknown(`${kind}.${attr} is not known`, `${kind}.${attr} 未知`);
  };
  if (kind === 'AvgPool1d' && (attr === 'kernel_size' || attr === 'stride' || attr === 'padding')) {
    const given = attr === 'stride' && (c === null || c === undefined) ? config.kernel_size : attr === 'padding' && c === undefined ? 0 : c;
    return ints(given, 1);
  }
  if (kind === 'LayerNorm' && attr === 'normalized_shape') return ints(c, typeof c === 'number' ? 1 : Array.isArray(c) ? c.length : 0);
  const pad = /^(?:Zero|Constant|Reflection|Replication|Circular)Pad([123])d$/.exec(kind);
  if (pad && attr === 'padding') return ints(c, 2 * Number(pad[1]));
  if (kind === 'Embedding' && attr === 'padding_idx' && typeof c === 'number' && c < 0) {
    const rows = config.num_embeddings;
    return typeof rows === 'number' ? num(rows + c, true) : unknown('Embedding.padding_idx is not known', 'Embedding.padding_idx 未知');
  }
  if (kind === 'Upsample' && attr === 'scale_factor') {
    if (typeof c === 'number') return num(c, false);
    if (Array.isArray(c) && c.every((x) => typeof x === 'number')) return { t: 'seq', items: (c as number[]).map((x) => num(x, false)), tuple: true };
  }
  return undefined;
}

/**
 * One of these values, not known which: what they share (tensors of one shape, tuples of one length
 * item by item, one plain value); numbers that differ are an unknown number. Undefined when they
 * differ otherwise.
 */
function anyOf(items: Value[], depth: number): Value | undefined {
  const first = items[0]!;
  if (items.every((x) => x === first)) return first;
  if (items.every((x) => (x.t === 'num' && x.int) || (x.t === 'unknown' && x.num))) return { t: 'unknown', reason: { en: 'one of several numbers, picked at random', 'zh-cn': '随机选出的若干数之一' }, tensorLike: false, num: true };
  if (items.every((x) => x.t === 'tensor')) return items.every((x) => sameValue(x, first)) ? { t: 'tensor', shape: (first as { shape: number[] }).shape } : undefined;
  if (items.every((x) => isPlain(x) && sameValue(x, first))) return first;
  if (items.every((x) => x.t === 'num')) return { t: 'unknown', reason: { en: 'one of several numbers, picked at random', 'zh-cn': '随机选出的若干数之一' }, tensorLike: false, num: true };
  if (depth < 4 && first.t === 'seq' && items.every((x) => x.t === 'seq' && !x.unsized && !x.set && !!x.tuple === !!first.tuple && x.items.length === first.items.length)) {
    const parts: Value[] = [];
    for (let i = 0; i < first.items.length; i++) {
      const p = anyOf(items.map((x) => (x as { items: Value[] }).items[i]!), depth + 1);
      if (!p) return undefined;
      parts.push(p);
    }
    return { t: 'seq', items: parts, tuple: first.tuple };
  }
  return undefined;
}

/** One index of a `torch.randint(len(data) - T, …)` draw: at least 0, at most len(data) - T - 1. */
function drawnIndex(below: { of: Value; off: number }): Value {
  return { t: 'unknown', reason: { en: 'a randomly drawn index', 'zh-cn': '随机抽取的下标' }, tensorLike: false, num: true, index: true, indexFrom: { off: 0, maxOf: below.of, maxOff: below.off - 1 } };
}

function merge(a: Value, b: Value, why: string | Msg): Value {
  if (sameValue(a, b)) return a;
  // Data of either branch, each of a length only the run decides, rows alike (`train_data if split == 'train' else val_data`).
  if (a.t === 'unknown' && b.t === 'unknown' && a.rows && b.rows && a.rows.join() === b.rows.join()) return { t: 'unknown', reason: typeof why === 'string' ? { en: why, 'zh-cn': '取决于无法静态判断的条件' } : why, tensorLike: true, rows: a.rows };
  return { t: 'unknown', reason: typeof why === 'string' ? { en: why, 'zh-cn': '取决于无法静态判断的条件' } : why, tensorLike: true, ...(mayHoldModule(a) || mayHoldModule(b) || mayMakeModule(a) || mayMakeModule(b) || a.t === 'seq' || b.t === 'seq' ? { mod: true as const } : {}) };
}

/**
 * A module, or something that may make one when called: a class (`execute_type = SeqB if
 * reversible else SeqA`), a function, a torch.nn name. One of two such values is unknown and may
 * hold modules, so totals that include what it makes are unknown.
 */
function mayMakeModule(v: Value): boolean {
  return v.t === 'module' || v.t === 'class' || v.t === 'func' || v.t === 'bound' || (v.t === 'ref' && /^torch\.nn\.|^torchvision\.|^timm\./.test(v.name));
}


/**
 * Classes compare by identity: two class statements are two classes; one statement reached through
 * two readings of its file (run as a script and imported) is undecided, as Python would make two.
 */
function sameClass(a: ClassHandle, b: ClassHandle): boolean | undefined {
  if (a === b) return true;
  const x = a as ClassDef;
  const y = b as ClassDef;
  return x.program.file === y.program.file && x.node.startIndex === y.node.startIndex ? undefined : false;
}

/** The interval a number lies in: exactly itself, or an unknown's range. */
function interval(v: Value): [number, number] | undefined {
  if (v.t === 'num') return [v.v, v.v];
  return v.t === 'unknown' && v.range ? v.range : undefined;
}

/** `dpr[i] > 0.` where a side is known only within a range: decided when every value in it gives the same answer. */
function rangeCompare(op: string, a: Value, b: Value): Value | undefined {
  if (!((a.t === 'unknown' && a.range) || (b.t === 'unknown' && b.range))) return undefined;
  const x = interval(a);
  const y = interval(b);
  if (!x || !y) return undefined;
  const [xl, xh] = x;
  const [yl, yh] = y;
  let r: boolean | undefined;
  switch (op) {
    case '<': r = xh < yl ? true : xl >= yh ? false : undefined; break;
    case '<=': r = xh <= yl ? true : xl > yh ? false : undefined; break;
    case '>': r = xl > yh ? true : xh <= yl ? false : undefined; break;
    case '>=': r = xl >= yh ? true : xh < yl ? false : undefined; break;
    case '==': r = xh < yl || yh < xl ? false : undefined; break;
    case '!=': r = xh < yl || yh < xl ? true : undefined; break;
    default: r = undefined;
  }
  return r === undefined ? notTensor('comparison of a number known only within a range', '仅知范围的数值比较') : { t: 'bool', v: r };
}

/** The types `type(x)` gives that compare by identity (`type(norm_layer) == functools.partial`). */
/** Python's builtin classes as the analysis names them (`type(v) == dict` compares two of them). */
const BUILTIN_TYPES = new Set(['builtins.dict', 'builtins.str', 'builtins.bool', 'builtins.int', 'builtins.float', 'builtins.list', 'builtins.tuple', 'builtins.set']);
const TYPE_REFS = new Set(['functools.partial', 'type', ...BUILTIN_TYPES]);

/** A partly known type (a number's, a list's or tuple's, a tensor's, None's, a dict subclass's) against a builtin class: false where it surely differs; undefined otherwise. */
function partialTypeVsBuiltin(a: string, b: string): boolean | undefined {
  // What each partly known type may still be among the builtin classes (none: it is none of them).
  const mayBe: Record<string, string[]> = {
    [TYPE_OF_NUMBER]: ['builtins.int', 'builtins.float'],
    [TYPE_OF_SEQ]: ['builtins.list', 'builtins.tuple'],
    [TYPE_OF_DICT_SUBCLASS]: [],
    [TYPE_OF_TENSOR]: [],
    [TYPE_OF_NONE]: [],
  };
  const [partial, other] = a in mayBe ? [a, b] : b in mayBe ? [b, a] : [undefined, undefined];
  return partial !== undefined && BUILTIN_TYPES.has(other!) && !mayBe[partial]!.includes(other!) ? false : undefined;
}

/**
 * `a == b` between classes and types: torch.nn layer classes (`norm_layer.func == nn.InstanceNorm2d`),
 * the workspace's classes, and `type(x)` of a partial or a class. Undefined when these do not decide it.
 */
function sameTypeObject(a: Value, b: Value): boolean | undefined {
  const layer = (v: Value): boolean => v.t === 'ref' && isLayerClassRef(v.name);
  const typeRef = (v: Value): boolean => v.t === 'ref' && TYPE_REFS.has(v.name);
  if (a.t === 'ref' && b.t === 'ref' && layer(a) && layer(b)) return torchNnClassName(a.name) === torchNnClassName(b.name);
  if ((a.t === 'class' && layer(b)) || (b.t === 'class' && layer(a))) return false;
  if (a.t === 'ref' && b.t === 'ref' && typeRef(a) && typeRef(b)) return a.name === b.name;
  if (a.t === 'ref' && b.t === 'ref' && partialTypeVsBuiltin(a.name, b.name) !== undefined) return partialTypeVsBuiltin(a.name, b.name);
  // A type is none of the layer classes; a partial is neither a class nor a type.
  if ((typeRef(a) && layer(b)) || (typeRef(b) && layer(a))) return false;
  if ((isPartial(a) && (layer(b) || typeRef(b) || b.t === 'class')) || (isPartial(b) && (layer(a) || typeRef(a) || a.t === 'class'))) return false;
  return undefined;
}

/** PyTorch's version as the analysis assumes it: 1.13 (the reference it is checked against) or later. */
const TORCH_VERSION: Value = { t: 'unknown', reason: { en: 'the PyTorch version installed (1.13 or later assumed)', 'zh-cn': '所安装的 PyTorch 版本（假定为 1.13 或更高）' }, tensorLike: false, version: { at: [1, 13, 0], exact: false } };

const VERSION_PARSERS = new Set(['packaging.version.parse', 'packaging.version.Version', 'distutils.version.LooseVersion', 'distutils.version.StrictVersion', 'pkg_resources.parse_version', 'looseversion.LooseVersion']);

/** A version string as a version (digits and dots only: a pre-release or local tag is not read). */
function asVersion(v: Value): Value {
  if (v.t === 'unknown' && v.version) return v;
  if (v.t === 'str' && /^\d+(?:\.\d+)*$/.test(v.v)) return { t: 'unknown', reason: { en: `version ${v.v}`, 'zh-cn': `版本 ${v.v}` }, tensorLike: false, version: { at: v.v.split('.').map(Number), exact: true } };
  return unknown('a version the analysis does not read', '分析不读取的版本', false);
}

/** -1, 0, 1 as version a is below, equal to or above version b (missing parts are 0). */
function versionOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * `torch.__version__ >= '1.5.0'` (TorchVersion compares as a version, a string too): decided when
 * every version the left side may be gives the same answer; undefined otherwise or when neither
 * side is a version.
 */
function compareVersions(op: string, a: Value, b: Value): boolean | undefined {
  const va = a.t === 'unknown' && a.version ? a.version : a.t === 'str' ? (asVersion(a) as { version?: { at: number[]; exact: boolean } }).version : undefined;
  const vb = b.t === 'unknown' && b.version ? b.version : b.t === 'str' ? (asVersion(b) as { version?: { at: number[]; exact: boolean } }).version : undefined;
  if (!va || !vb || (a.t === 'str' && b.t === 'str') || !['<', '<=', '>', '>=', '==', '!='].includes(op)) return undefined;
  if (!va.exact && !vb.exact) return undefined;
  // a op b with a ∈ [lo, ∞) (or exact): true / false for every a, else undecided.
  const decide = (lo: number[], exactLeft: boolean, o: string, hi: number[]): boolean | undefined => {
    const c = versionOrder(lo, hi);
    if (exactLeft) return { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '==': c === 0, '!=': c !== 0 }[o];
    // (Only when the bound is above b: Debian's 1.13 is '1.13.0a0', a pre-release below 1.13.0.)
    if (c <= 0) return undefined;
    return { '<': false, '<=': false, '>': true, '>=': true, '==': false, '!=': true }[o];
  };
  const flip: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };
  return va.exact && !vb.exact ? decide(vb.at, false, flip[op]!, va.at) : decide(va.at, va.exact, op, vb.at);
}

/** Kinds of value that are never the True / False singletons (`x is True` is false for them). */
const NEVER_A_BOOL = new Set<string>(['module', 'class', 'seq', 'dict', 'str', 'tensor', 'func', 'obj']);

/** The members of plain Enum classes: one object each, equal only to itself. */
const ENUM_MEMBERS = new WeakSet<Value>();

function compareValues(op: string, a: Value, b: Value): Value {
  // torch dtypes, by their canonical names (`torch.long is torch.int64`).
  const dtype = (v: Value): string | undefined => (v.t === 'ref' ? DTYPE_ALIASES[v.name] : undefined);
  if (dtype(a) && dtype(b) && (op === 'is' || op === 'is not' || op === '==' || op === '!=')) {
    const same = dtype(a) === dtype(b);
    return { t: 'bool', v: op === 'is' || op === '==' ? same : !same };
  }
  if (dtype(a) && b.t === 'seq' && !b.unsized && b.items.length > 0 && b.items.every((x) => dtype(x)) && (op === 'in' || op === 'not in')) {
    const found = b.items.some((x) => dtype(x) === dtype(a));
    return { t: 'bool', v: op === 'in' ? found : !found };
  }
  // `spec.act is Act.GELU`, `mode == Mode.TRAIN`: a plain Enum's member is equal only to itself (not to its value).
  if ((ENUM_MEMBERS.has(a) || ENUM_MEMBERS.has(b)) && (op === 'is' || op === 'is not' || op === '==' || op === '!=')) {
    const other = ENUM_MEMBERS.has(a) ? b : a;
    const same = ENUM_MEMBERS.has(a) && ENUM_MEMBERS.has(b) ? a === b : other.t === 'none' || other.t === 'str' || other.t === 'num' || other.t === 'bool' ? false : undefined;
    if (same !== undefined) return { t: 'bool', v: op === 'is' || op === '==' ? same : !same };
  }
  if ((a.t === 'unknown' && a.version) || (b.t === 'unknown' && b.version)) {
    const r = compareVersions(op, a, b);
    return r === undefined ? notTensor('a version comparison the analysis cannot decide', '分析无法判断的版本比较') : { t: 'bool', v: r };
  }
  if (op === 'is' || op === 'is not') {
    if (a.t === 'unknown' || b.t === 'unknown') return notTensor('comparison', '比较');
    const bothNone = a.t === 'none' && b.t === 'none';
    const oneNone = (a.t === 'none') !== (b.t === 'none');
    let same: boolean | undefined;
    if (bothNone) same = true;
    else if (oneNone) same = false;
    else if (a.t === 'bool' && b.t === 'bool') same = a.v === b.v;
    // `act is True` with act a module (YOLO's `act=SiLU()` default): True and False are singletons no other kind of value is.
    else if ((a.t === 'bool') !== (b.t === 'bool') && NEVER_A_BOOL.has(a.t === 'bool' ? b.t : a.t)) same = false;
    else if (a.t === 'module' && b.t === 'module') same = a.m.id === b.m.id;
    else if (a.t === 'class' && b.t === 'class') same = sameClass(a.c, b.c);
    // A class of the workspace is never one of torch.nn's; two torch.nn classes are one when named alike.
    else if ((a.t === 'class' && b.t === 'ref' && isLayerClassRef(b.name)) || (b.t === 'class' && a.t === 'ref' && isLayerClassRef(a.name))) same = false;
    else if (a.t === 'ref' && b.t === 'ref' && isLayerClassRef(a.name) && isLayerClassRef(b.name)) same = torchNnClassName(a.name) === torchNnClassName(b.name);
    else if (a.t === 'ref' && b.t === 'ref' && BUILTIN_TYPES.has(a.name) && BUILTIN_TYPES.has(b.name)) same = a.name === b.name;
    else if (a.t === 'ref' && b.t === 'ref') same = partialTypeVsBuiltin(a.name, b.name);
    // Different strings are different objects; equal ones are one object only when both were interned.
    else if (a.t === 'str' && b.t === 'str') same = a.v !== b.v ? false : a.interned && b.interned ? true : undefined;
    // CPython keeps one object per small int (-5…256): `i is 0` (SRGAN's discriminator) is `i == 0`.
    else if (a.t === 'num' && b.t === 'num' && a.int && b.int && [a.v, b.v].every((v) => Number.isInteger(v) && v >= -5 && v <= 256)) same = a.v === b.v;
    // Two ints of different values are never one object (`self.padding is not 0` with 512: ClariNet).
    else if (a.t === 'num' && b.t === 'num' && a.int && b.int && Number.isInteger(a.v) && Number.isInteger(b.v) && a.v !== b.v) same = false;
    if (same === undefined) return notTensor('comparison', '比较');
    return { t: 'bool', v: op === 'is' ? same : !same };
  }
  if (op === 'in' || op === 'not in') {
    let found: boolean | undefined;
    // `m in {Conv, C3, nn.ConvTranspose2d}` (YOLOv5's parse_model): classes compare by identity, as `is` does.
    if (b.t === 'seq' && isClassValue(a) && !b.unsized) {
      let undecided = false;
      found = false;
      for (const x of b.items) {
        if (isClassValue(x)) {
          const r = compareValues('is', a, x);
          if (r.t !== 'bool') undecided = true;
          else if (r.v) found = true;
        } else if (!isPlain(x) && x.t !== 'module') undecided = true;
      }
      if (!found && undecided) found = undefined;
    } else if (b.t === 'seq' && a.t === 'ref' && (a.name === TYPE_OF_TENSOR || a.name === TYPE_OF_SEQ)) {
      // `type(x) in (list, tuple)`: a tensor (or Parameter) is of no builtin type; a sequence is a
      // list or a tuple (which one is not told: the analysis's tuples are not always Python's).
      const builtins = b.items.map((x) => (x.t === 'ref' && /^builtins\.(?:list|tuple|dict|set|int|float|str|bool)$/.test(x.name) ? x.name.slice(9) : undefined));
      if (builtins.some((x) => x === undefined)) return notTensor('comparison', '比较');
      if (a.name === TYPE_OF_TENSOR) found = false;
      else if (builtins.includes('list') && builtins.includes('tuple')) found = true;
      else if (!builtins.includes('list') && !builtins.includes('tuple')) found = false;
    } else if (b.t === 'seq') {
      if (a.t === 'unknown' || b.unsized || b.items.some((x) => x.t === 'unknown')) return notTensor('comparison', '比较');
      found = b.items.some((x) => sameValue(x, a) && x.t !== 'tensor');
    } else if (b.t === 'dict' && a.t === 'str') found = b.entries.some(([k]) => k === a.v) ? true : b.entries.some(([k]) => k === '\u0000?') ? undefined : false;
    else if (b.t === 'str' && a.t === 'str') found = b.v.includes(a.v);
    else if (b.t === 'obj' && a.t === 'str') found = b.attrs.has(a.v);
    if (found === undefined) return notTensor('comparison', '比较');
    return { t: 'bool', v: op === 'in' ? found : !found };
  }
  // An elementwise mask, broadcast as arithmetic is (`row < lengths` of [10] and [64, 1, 1] is [64, 1, 10]).
  if (a.t === 'tensor' && b.t === 'tensor') {
    const shape = broadcast(a.shape, b.shape);
    return shape ? { t: 'tensor', shape } : notTensor(`cannot broadcast [${a.shape.join(', ')}] ${op} [${b.shape.join(', ')}]`, `无法广播 [${a.shape.join(', ')}] ${op} [${b.shape.join(', ')}]`);
  }
  if (a.t === 'tensor' || b.t === 'tensor') {
    const t = (a.t === 'tensor' ? a : b) as Value & { t: 'tensor' };
    const other = a.t === 'tensor' ? b : a;
    // `h == None` (old RNN code): Tensor.__eq__ gives False for None (PyTorch 1.13), not a mask.
    if ((op === '==' || op === '!=') && other.t === 'none') return { t: 'bool', v: op === '!=' };
    // With a number (or a 0-d tensor, handled above) the mask has the tensor's shape; with what may be a larger tensor, it is not known.
    return other.t === 'num' || other.t === 'bool' || (other.t === 'unknown' && other.num) ? { t: 'tensor', shape: t.shape } : notTensor('a comparison with a value the analysis cannot read', '与无法分析的值比较');
  }
  // `block == BasicBlock` (DenseNet's depth rule).
  if ((op === '==' || op === '!=') && a.t === 'class' && b.t === 'class') {
    const same = sameClass(a.c, b.c);
    return same === undefined ? notTensor('comparison', '比较') : { t: 'bool', v: same === (op === '==') };
  }
  if (op === '==' || op === '!=') {
    const same = sameTypeObject(a, b);
    if (same !== undefined) return { t: 'bool', v: same === (op === '==') };
  }
  const x = a.t === 'bool' ? num(a.v ? 1 : 0, true) : a;
  const y = b.t === 'bool' ? num(b.v ? 1 : 0, true) : b;
  const ranged = rangeCompare(op, x, y);
  if (ranged) return ranged;
  if (x.t === 'num' && y.t === 'num') {
    const r = op === '==' ? x.v === y.v : op === '!=' ? x.v !== y.v : op === '<' ? x.v < y.v : op === '<=' ? x.v <= y.v : op === '>' ? x.v > y.v : op === '>=' ? x.v >= y.v : undefined;
    return r === undefined ? notTensor('comparison', '比较') : { t: 'bool', v: r };
  }
  if ((op === '==' || op === '!=') && a.t !== 'unknown' && b.t !== 'unknown') {
    const scalar = (v: Value): boolean => v.t === 'str' || v.t === 'num' || v.t === 'none' || v.t === 'bool';
    const comparable = (v: Value): boolean => scalar(v) || (v.t === 'seq' && !v.unsized && v.items.every(comparable));
    // Two sets are equal when each holds the other's items, in any order.
    if (a.t === 'seq' && b.t === 'seq' && a.set && b.set && comparable(a) && comparable(b)) {
      const eq = a.items.length === b.items.length && a.items.every((x) => b.items.some((y) => sameValue(x, y) && x.t === y.t));
      return { t: 'bool', v: op === '==' ? eq : !eq };
    }
    // A list or tuple never equals a number, string or None, whatever its items (ShuffleNet's
    // `stage == 2` where `stage` is the list of blocks being built).
    if ((a.t === 'seq' && scalar(b)) || (b.t === 'seq' && scalar(a))) return { t: 'bool', v: op !== '==' };
    // A list never equals a tuple ([1, 2] != (1, 2)); where code would tell them apart is not
    // followed (the analysis's notion of which sequences are tuples is not always Python's).
    const mixed = (x: Value, y: Value): boolean => x.t === 'seq' && y.t === 'seq' && (x.tuple !== y.tuple || x.items.some((it, i) => y.items[i] !== undefined && mixed(it, y.items[i]!)));
    if (comparable(a) && comparable(b) && !mixed(a, b)) {
      const eq = sameValue(a, b) && a.t === b.t;
      return { t: 'bool', v: op === '==' ? eq : !eq };
    }
  }
  if (a.t === 'str' && b.t === 'str') {
    const r = op === '<' ? a.v < b.v : op === '>' ? a.v > b.v : op === '<=' ? a.v <= b.v : op === '>=' ? a.v >= b.v : undefined;
    if (r !== undefined) return { t: 'bool', v: r };
  }
  return notTensor('comparison', '比较');
}

function mathCall(name: string, args: ArgList): Value {
  const f = name.slice(5);
  const xs = args.positional.map((p) => p.value);
  const a = xs[0];
  if (f === 'prod') {
    const items = a?.t === 'seq' ? a.items : undefined;
    if (!items || !items.every((x) => x.t === 'num')) return notTensor('math.prod of unknown values', 'math.prod 的参数未知');
    return num(items.reduce((p, x) => p * (x as { v: number }).v, 1), items.every((x) => (x as { int: boolean }).int));
  }
  if (f === 'gcd' || f === 'lcm') {
    const ns = xs.map((x) => asInt(x));
    if (ns.some((n) => n === undefined) || ns.length < 2) return notTensor(name, name);
    const gcd = (p: number, q: number): number => (q === 0 ? Math.abs(p) : gcd(q, p % q));
    const g = ns.reduce((p, q) => gcd(p!, q!))!;
    return num(f === 'gcd' ? g : Math.abs(ns[0]! * ns[1]!) / gcd(ns[0]!, ns[1]!), true);
  }
  if (a?.t !== 'num') return notTensor(`${name} of an unknown value`, `${name} 的参数未知`);
  if (f === 'pow') {
    const b = xs[1];
    return b?.t === 'num' ? num(a.v ** b.v, false) : notTensor(name, name);
  }
  if (f === 'log' && xs[1]?.t === 'num') return num(Math.log(a.v) / Math.log((xs[1] as { v: number }).v), false);
  if ((f === 'atan2' || f === 'hypot') && xs[1]?.t === 'num') {
    const b = (xs[1] as { v: number }).v;
    return num(f === 'atan2' ? Math.atan2(a.v, b) : Math.hypot(a.v, b), false);
  }
  const fns: Record<string, (x: number) => number> = {
    sqrt: Math.sqrt, log: Math.log, exp: Math.exp, floor: Math.floor, ceil: Math.ceil, log2: Math.log2, log10: Math.log10, cos: Math.cos, sin: Math.sin, tan: Math.tan,
    fabs: Math.abs, trunc: Math.trunc, isqrt: (x) => Math.floor(Math.sqrt(x)), atan: Math.atan, asin: Math.asin, acos: Math.acos, tanh: Math.tanh, sinh: Math.sinh,
    cosh: Math.cosh, atanh: Math.atanh, asinh: Math.asinh, acosh: Math.acosh, expm1: Math.expm1, log1p: Math.log1p, degrees: (x) => x * (180 / Math.PI), radians: (x) => x * (Math.PI / 180), // as CPython computes them (one rounding)
  };
  const g = fns[f];
  if (!g) return notTensor(name, name);
  const r = g(a.v);
  // Outside the domain (math.sqrt(-1), math.log(0)) Python raises ValueError, past a float's range (math.exp(1000)) OverflowError: no number.
  if (!Number.isFinite(r) && Number.isFinite(a.v)) return notTensor(`${name}(${a.v}) raises an error in Python (outside its domain or a float's range)`, `${name}(${a.v}) 在 Python 中抛出异常（超出定义域或浮点范围）`);
  return num(r, f === 'floor' || f === 'ceil' || f === 'trunc' || f === 'isqrt');
}

function orderedDict(args: ArgList): Value {
  const a = args.positional[0]?.value;
  const entries: [string, Value][] = [];
  const numKeys = new Map<string, boolean>(a?.t === 'dict' ? (a.numKeys ?? []) : []);
  // A key given twice keeps its first place and takes the later value, as in any dict; a pair it cannot read makes the whole unknown.
  if (a?.t === 'seq') {
    for (const it of a.items) {
      const key = it.t === 'seq' && it.items.length === 2 ? dictKey(it.items[0]!) : undefined;
      if (key === undefined || a.unsized) return unknownModule('OrderedDict of pairs the analysis cannot read', '无法读取的 OrderedDict 键值对');
      if (!entries.some(([e]) => e === key)) keyKind(numKeys, (it as { items: Value[] }).items[0]!, key);
      setEntry(entries, key, (it as { items: Value[] }).items[1]!);
    }
  }
  if (a?.t === 'dict') entries.push(...a.entries);
  for (const [k, x] of args.keyword) setEntry(entries, k, x.value);
  if (a && a.t !== 'seq' && a.t !== 'dict' && a.t !== 'ref') return a.t === 'unknown' ? { ...a, mod: true } : unknownModule('OrderedDict of unknown items', '未知项的 OrderedDict');
  return { t: 'dict', entries, subclass: true, ...(numKeys.size > 0 ? { numKeys } : {}) };
}

function strMethod(s: string, name: string, args: ArgList): Value {
  const a = args.positional[0]?.value;
  switch (name) {
    case 'lower': return { t: 'str', v: s.toLowerCase() };
    case 'upper': return { t: 'str', v: s.toUpperCase() };
    // `str(i).zfill(2)` (layer names '00', '01'…): zeros after a sign, up to the width (Python's rule; ASCII only).
    case 'zfill': case 'ljust': case 'rjust': case 'center': {
      const w = a?.t === 'num' && a.int ? a.v : undefined;
      const fill = name === 'zfill' ? '0' : args.positional[1]?.value.t === 'str' ? (args.positional[1].value as { v: string }).v : args.positional.length > 1 ? undefined : ' ';
      if (w === undefined || fill === undefined || [...fill].length !== 1 || [...s].some((c) => c.charCodeAt(0) > 0x7f) || args.keyword.size > 0 || args.positional.length > (name === 'zfill' ? 1 : 2)) return notTensor(`str.${name}() with arguments the analysis does not read`, `参数无法分析的 str.${name}()`);
      const pad = Math.max(0, w - s.length);
      if (name === 'zfill') return { t: 'str', v: /^[-+]/.test(s) ? s[0] + '0'.repeat(pad) + s.slice(1) : '0'.repeat(pad) + s };
      if (name === 'ljust') return { t: 'str', v: s + fill.repeat(pad) };
      if (name === 'rjust') return { t: 'str', v: fill.repeat(pad) + s };
      // center: Python puts the extra fill on the right when the padding is odd and the width even… its rule: left = pad // 2 + (pad & w & 1).
      const left = Math.floor(pad / 2) + (pad & w & 1);
      return { t: 'str', v: fill.repeat(left) + s + fill.repeat(pad - left) };
    }
    // (Python cases the first letter by its title case, which for other scripts JavaScript has no call for.)
    case 'capitalize': case 'title': case 'swapcase': case 'casefold': {
      if ([...s].some((c) => c.charCodeAt(0) > 0x7f)) return notTensor(`str.${name}() of non-ASCII text`, `非 ASCII 文本的 str.${name}()`);
      if (name === 'casefold') return { t: 'str', v: s.toLowerCase() };
      if (name === 'swapcase') return { t: 'str', v: [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('') };
      if (name === 'title') return { t: 'str', v: s.replace(/[A-Za-z]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()) };
      return { t: 'str', v: s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase() };
    }
    case 'strip': case 'lstrip': case 'rstrip': {
      // No argument (or None): whitespace; a string: any of its characters.
      if (a !== undefined && a.t !== 'none' && a.t !== 'str') return notTensor(`str.${name}()`, `str.${name}()`);
      const chars = a?.t === 'str' ? new Set([...a.v]) : undefined;
      const strips = (ch: string): boolean => (chars ? chars.has(ch) : /\s/.test(ch));
      const cs = [...s];
      let i = 0;
      let j = cs.length;
      if (name !== 'rstrip') while (i < j && strips(cs[i]!)) i++;
      if (name !== 'lstrip') while (j > i && strips(cs[j - 1]!)) j--;
      return { t: 'str', v: cs.slice(i, j).join('') };
    }
    case 'splitlines': {
      if (args.positional.length > 0 || args.keyword.size > 0) return notTensor('str.splitlines(keepends)', 'str.splitlines(keepends)');
      // Python also breaks at \v, \f, \x1c-\x1e, \x85, \u2028/9: text with those is not followed.
      if ([...s].some((ch) => '\v\f\x1c\x1d\x1e\x85\u2028\u2029'.includes(ch))) return notTensor('str.splitlines() of text with rare line breaks', '含少见换行符的 str.splitlines()');
      const parts = s.split(/\r\n|[\n\r]/);
      if (parts[parts.length - 1] === '') parts.pop();
      return { t: 'seq', items: parts.map((p) => ({ t: 'str', v: p })), tuple: false };
    }
    case 'find': case 'rfind': case 'index': case 'rindex': {
      // One argument, and no characters outside the BMP: JavaScript's index is then Python's.
      if (a?.t !== 'str' || args.positional.length !== 1 || args.keyword.size > 0 || /[\uD800-\uDFFF]/.test(s + a.v)) return notTensor(`str.${name}`, `str.${name}`);
      const at = name === 'find' || name === 'index' ? s.indexOf(a.v) : s.lastIndexOf(a.v);
      // index() raises where find() gives -1.
      if (at < 0 && (name === 'index' || name === 'rindex')) return notTensor(`str.${name}() of a substring it does not hold raises ValueError`, `str.${name}() 找不到子串时抛出 ValueError`);
      return num(at, true);
    }
    case 'startswith': return a?.t === 'str' ? { t: 'bool', v: s.startsWith(a.v) } : notTensor('startswith', 'startswith');
    case 'endswith': return a?.t === 'str' ? { t: 'bool', v: s.endsWith(a.v) } : notTensor('endswith', 'endswith');
    case 'replace': {
      const b = args.positional[1]?.value;
      return a?.t === 'str' && b?.t === 'str' ? { t: 'str', v: s.split(a.v).join(b.v) } : notTensor('replace', 'replace');
    }
    case 'partition': case 'rpartition': {
      // (head, separator, tail); not found: the whole text first (partition) or last (rpartition).
      if (a?.t !== 'str' || a.v === '' || args.positional.length !== 1) return notTensor(`str.${name}()`, `str.${name}()`);
      const at = name === 'partition' ? s.indexOf(a.v) : s.lastIndexOf(a.v);
      const parts = at < 0 ? (name === 'partition' ? [s, '', ''] : ['', '', s]) : [s.slice(0, at), a.v, s.slice(at + a.v.length)];
      return { t: 'seq', items: parts.map((v) => ({ t: 'str', v }) as Value), tuple: true };
    }
    case 'split': case 'rsplit': {
      // split(sep=None, maxsplit=-1): no separator splits on runs of whitespace and drops empty ends.
      const sep = args.positional[0]?.value ?? args.keyword.get('sep')?.value;
      const maxv = args.positional[1]?.value ?? args.keyword.get('maxsplit')?.value;
      const max = maxv === undefined ? -1 : asInt(maxv);
      if ((sep !== undefined && sep.t !== 'none' && (sep.t !== 'str' || sep.v === '')) || max === undefined || args.unknownRest) return notTensor(`str.${name}() with arguments the analysis does not read`, `无法分析参数的 str.${name}()`);
      const parts = splitText(s, sep?.t === 'str' ? sep.v : undefined, max, name === 'rsplit');
      return { t: 'seq', items: parts.map((p) => ({ t: 'str', v: p })), tuple: false };
    }
    case 'join': {
      const items = a?.t === 'seq' ? a.items : undefined;
      return items?.every((x) => x.t === 'str') ? { t: 'str', v: items.map((x) => (x as { v: string }).v).join(s) } : notTensor('join', 'join');
    }
    case 'isdigit': return { t: 'bool', v: /^\d+$/.test(s) };
    case 'format': {
      const text = strFormat(s, { positional: args.positional.map((x) => x.value), keyword: new Map([...args.keyword].map(([k, x]) => [k, x.value])), unknownRest: args.unknownRest !== undefined });
      return textValue(text, 'str.format()');
    }
    default: return notTensor(`str.${name}()`, `str.${name}()`);
  }
}

/** Python's str.split / str.rsplit: at most `max` splits (-1: all), from the right for rsplit. */
function splitText(s: string, sep: string | undefined, max: number, fromRight: boolean): string[] {
  if (sep === undefined) {
    const words = s.split(/\s+/).filter((w) => w !== '');
    if (max < 0 || words.length <= max + 1) return words;
    // The rest keeps its inner whitespace: cut at the (max)th run of whitespace from that end.
    const re = /\S+/g;
    const spans: [number, number][] = [];
    for (let m = re.exec(s); m; m = re.exec(s)) spans.push([m.index, m.index + m[0].length]);
    // The rest keeps the whitespace at its far end: '  a b  c '.split(None, 1) is ['a', 'b  c '].
    if (!fromRight) return [...spans.slice(0, max).map(([a, b]) => s.slice(a, b)), s.slice(spans[max]![0])];
    const k = spans.length - max;
    return [s.slice(0, spans[k - 1]![1]), ...spans.slice(k).map(([a, b]) => s.slice(a, b))];
  }
  const all = s.split(sep);
  if (max < 0 || all.length <= max + 1) return all;
  return fromRight ? [all.slice(0, all.length - max).join(sep), ...all.slice(all.length - max)] : [...all.slice(0, max), all.slice(max).join(sep)];
}

/** A string the formatting gave, or unknown when its text is not certain. */
function textValue(text: string | undefined, what: string): Value {
  return text === undefined ? notTensor(`${what} of values the analysis does not know`, `${what} 的值未知`) : { t: 'str', v: text };
}

const ESCAPES: Record<string, string> = { '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Python's escape sequences in a (non-raw) string's text; undefined for `\\N{name}`, which the analysis does not read. */
function unescape(text: string): string | undefined {
  if (!text.includes('\\')) return text;
  let bad = false;
  const out = text.replace(/\\(N\{[^}]*\}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (all, e: string) => {
    if (e in ESCAPES) return ESCAPES[e]!;
    if (/^[xuU]./.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCodePoint(parseInt(e, 8));
    if (e.startsWith('N{')) bad = true;
    // An unknown escape keeps its backslash.
    return all;
  });
  return bad ? undefined : out;
}

/** `'denselayer%d' % (i + 1)` with known values; flags, width and precision as Python applies them. */
function percentFormat(fmt: string, args: Value): Value {
  const values = args.t === 'seq' && args.tuple ? args.items : [args];
  let i = 0;
  let failed = false;
  const out = fmt.replace(/%(\([^)]*\))?([-+ 0#]*)(\d+|\*)?(?:\.(\d+|\*))?(.)?/gs, (all, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string | undefined) => {
    if (all === '%%') return '%';
    if (key || width === '*' || prec === '*' || flags.includes('#') || !conv || !'sdirf'.includes(conv)) {
      failed = true;
      return all;
    }
    const v = values[i++];
    const align = flags.includes('-') ? '<' : '';
    const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const zero = flags.includes('0') && !align ? '0' : '';
    let text: string | undefined;
    if (conv === 's' || conv === 'r') {
      const t = v ? (conv === 'r' ? pyRepr(v) : pyStr(v)) : undefined;
      text = t === undefined || zero || sign ? undefined : formatValue({ t: 'str', v: t }, `${align || '>'}${width ?? ''}${prec !== undefined ? `.${prec}` : ''}`);
    } else if (v?.t === 'num' && (conv === 'd' || conv === 'i')) {
      // %d of a float is int(x).
      text = prec !== undefined ? undefined : formatValue(num(Math.trunc(v.v), true), `${align}${sign}${zero}${width ?? ''}d`);
    } else if (v?.t === 'num' && conv === 'f') text = formatValue(num(v.v, false), `${align}${sign}${zero}${width ?? ''}.${prec ?? 6}f`);
    if (text === undefined) failed = true;
    return text ?? all;
  });
  return failed || i !== values.length ? notTensor('a formatted string with values the analysis does not know', '含未知值的格式化字符串') : { t: 'str', v: out };
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export { asInts, mayHoldModule, type Arg, type ModuleRef, type ProgramHandle };

/** What `dict(a, **kw)` holds. */
function dictFromArgs(a: Value | undefined, args: ArgList): Value {
  const entries: [string, Value][] = [];
  const numKeys = new Map<string, boolean>(a?.t === 'dict' ? (a.numKeys ?? []) : []);
  if (a?.t === 'dict') entries.push(...a.entries);
  else if (a?.t === 'seq') {
    for (const it of a.items) {
      const pair = it.t === 'seq' && it.items.length === 2 ? it.items : undefined;
      const key = pair ? dictKey(pair[0]!) : undefined;
      if (!pair || key === undefined) return unknownModule('dict() of pairs the analysis cannot read', '无法读取的 dict() 键值对');
      if (!entries.some(([e]) => e === key)) keyKind(numKeys, pair[0]!, key);
      setEntry(entries, key, pair[1]!);
    }
  } else if (a) return a.t === 'unknown' ? a : unknownModule('dict() of something the analysis cannot list', '无法列出的 dict()');
  for (const [k, x] of args.keyword) {
    numKeys.delete(k);
    setEntry(entries, k, x.value);
  }
  return { t: 'dict', entries, ...(numKeys.size > 0 ? { numKeys } : {}) };
}

/** A dict key as the analysis stores it (strings, numbers as their text, enum members), or undefined when it cannot. */
function dictKey(v: Value): string | undefined {
  if (v.t === 'obj' && ENUM_MEMBERS.has(v)) return enumKey(v);
  return v.t === 'str' ? v.v : v.t === 'num' ? String(v.v) : undefined;
}

/** An enum member as a dict key (`{Noise.DIAG: 8}`): its file, class and name, never a string's. */
function enumKey(m: Value & { t: 'obj' }): string {
  return `\u0001enum\u0000${(m.def as ClassDef | undefined)?.program.file ?? ''}\u0000${m.cls}\u0000${String(m.attrs.get('name')?.t === 'str' ? (m.attrs.get('name') as { v: string }).v : '')}`;
}

/** Notes whether a new key was a number (`{4: 'a'}`), so iterating the dict gives 4, not '4'. */
function keyKind(numKeys: Map<string, boolean>, kv: Value, key: string): void {
  if (kv.t === 'num') numKeys.set(key, kv.int);
  else numKeys.delete(key);
}

/** The members behind enum keys, for iterating a dict keyed by them. */
const ENUM_KEYS = new Map<string, Value>();

/** Python's `d[k] = v`: a key already there keeps its place and takes the new value. */
function setEntry(entries: [string, Value][], key: string, value: Value): void {
  const at = entries.findIndex(([k]) => k === key);
  if (at >= 0) entries[at] = [key, value];
  else entries.push([key, value]);
}

/** The distinct values of a set (first occurrences), or undefined when they cannot be compared. */
function distinct(items: Value[]): Extract<Value, { t: 'seq' }> | undefined {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const it of items) {
    // 1 == 1.0 == True in a Python set.
    if (isClassValue(it)) {
      // Classes are kept once each; two that may or may not be one class leave the set unknown.
      const same = out.filter(isClassValue).map((o) => compareValues('is', it, o));
      if (same.some((r) => r.t !== 'bool')) return undefined;
      if (!same.some((r) => r.t === 'bool' && r.v)) out.push(it);
      continue;
    }
    const key = it.t === 'str' ? `s${it.v}` : it.t === 'num' ? `n${it.v}` : it.t === 'bool' ? `n${it.v ? 1 : 0}` : it.t === 'none' ? 'none' : undefined;
    if (key === undefined) return undefined;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(it);
  }
  return { t: 'seq', items: out, tuple: true };
}

/** `einops.unpack(x, ps, pattern)` with the packed shapes known (einops.pack's second result). */
function einopsUnpack(args: ArgList): Value {
  const x = args.positional[0]?.value;
  const ps = args.positional[1]?.value ?? args.keyword.get('packed_shapes')?.value;
  const pattern = args.positional[2]?.value ?? args.keyword.get('pattern')?.value;
  if (x?.t === 'unknown') return x;
  const packed = ps?.t === 'seq' ? ps.items.map((p) => (p.t === 'seq' && p.items.every((d) => d.t === 'num' && d.int) ? p.items.map((d) => (d as { v: number }).v) : undefined)) : undefined;
  if (x?.t !== 'tensor' || pattern?.t !== 'str' || !packed || packed.some((p) => p === undefined)) return unknown('einops.unpack of unknown tensors or shapes', 'einops.unpack 的输入或形状未知');
  const r = einopsUnpackShapes(x.shape, packed as number[][], pattern.v);
  if ('error' in r) return unknown(r.error.en, r.error['zh-cn']);
  return { t: 'seq', items: r.shapes.map((s) => tensor(s)), tuple: false };
}

/** A number, string, bool or None: values `==` compares the way sameValue does. */


function isArgList(v: ArgList | Value): v is ArgList {
  return 'positional' in v && 'keyword' in v;
}

/** Device types PyTorch 1.13 names (`cuda:0`, `cpu`…): another string is its RuntimeError. */
const DEVICE_TYPES = /^(?:cpu|cuda|ipu|xpu|mkldnn|opengl|opencl|ideep|hip|ve|fpga|ort|xla|lazy|vulkan|mps|meta|hpu|privateuseone)(?::\d+)?$/;

/** A layer's `device=` string PyTorch does not know, or a `dtype=` given as a string: the error PyTorch raises. */
function refusedFactoryKeywords(args: ArgList): { type: string; why: Msg } | undefined {
  const device = args.keyword.get('device')?.value;
  if (device?.t === 'str' && !DEVICE_TYPES.test(device.v)) return { type: 'RuntimeError', why: { en: `device '${device.v}' is not a device type PyTorch knows`, 'zh-cn': `device '${device.v}' 不是 PyTorch 认识的设备类型` } };
  const dtype = args.keyword.get('dtype')?.value;
  if (dtype?.t === 'str') return { type: 'TypeError', why: { en: `dtype '${dtype.v}' is a string, not a torch.dtype`, 'zh-cn': `dtype '${dtype.v}' 是字符串而不是 torch.dtype` } };
  return undefined;
}

/** Could evaluating this expression change a variable, an attribute or a module (a call, `:=`)? A text test. */
function mayChangeState(text: string): boolean {
  return text.includes('(') || text.includes(':=');
}

/** A dict's or plain namespace's entries as Lightning's AttributeDict (read as items and as attributes); undefined for anything else. */
function attributeDictOf(v: Value): Value | undefined {
  const entries: [string, Value][] | undefined = v.t === 'dict' ? [...v.entries] : v.t === 'obj' && !v.def && !v.items ? [...v.attrs] : undefined;
  return entries ? { t: 'obj', cls: 'AttributeDict', attrs: new Map(), items: { t: 'dict', entries }, itemAttrs: true } : undefined;
}
