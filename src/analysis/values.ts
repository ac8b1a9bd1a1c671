// Abstract values the symbolic interpreters compute with. A tensor carries only its shape; anything
// the interpreter cannot follow becomes `unknown` with the reason, and stays unknown downstream.
import type { Node } from './parser';
import type { ArgParserInfo } from './argparseArgv';
import type { Msg, ShapeResult } from './types';

/** How a last dimension came about when dims were merged (for "gets 2048 = 32·8·8"). */
export interface Merged {
  factors: number[];
  line: number;
}

export type Value =
  /** `param`: an nn.Parameter; `tie`: the parameter of a built-in layer it is (`lm_head.weight`). */
  /** `vals`: a small 1-D tensor's values, when code computes settings with it (tensorValues.ts). */
  /** `index`: surely of an integer dtype (topk's indices, an int arange, randint, `.long()`): as an index it picks, it is never a bool mask. */
  | { t: 'tensor'; shape: number[]; merged?: Merged; param?: true; tie?: ParamRef; src?: TensorSource; vals?: TensorValues; index?: true; /** Integers at most len(of) + off - 1 and at least 0 (`torch.randint(len(data) - T, (B,))`): its items index windows of `of`. */ below?: { of: Value; off: number }; /** A view of a Parameter (`w[0]`, `w.chunk(4)[1]`): PyTorch refuses to change it in place while grad is on. */ paramView?: true; /** A row of a numpy table of known values (`T[1]`, `for r in T`): a write through it changes the table. */ rowOf?: Value }
  /** `py`: surely a Python number (a literal), never a 0-d tensor standing as a number: `isinstance(8, torch.Tensor)` is False. */
  | { t: 'num'; v: number; int: boolean; py?: true }
  /** `interned`: written as an identifier-like literal, which CPython interns: `is` between two such equal strings is true. */
  | { t: 'str'; v: string; interned?: true }
  | { t: 'bool'; v: boolean }
  | { t: 'none' }
  /** `size`: a torch.Size (`x.size()`, `x.shape`), which the legacy `torch.FloatTensor(...)` reads as a shape, not data. */
  /**
   * `set`: a Python set (its items each once). `unsized`: the sequence took items the analysis
   * cannot list (`words.extend(loaded)`, `tags.update(line)`): its length, and every item from
   * `from` on, are not known.
   */
  | { t: 'seq'; items: Value[]; tuple: boolean; size?: true; set?: true; unsized?: { why: Msg; from: number }; iterator?: IteratorState; /** Written as a list or tuple display (`[…]`, `(a, b)`): surely of Python's list / tuple type. */ literal?: true }
  | { t: 'slice'; start: Value; stop: Value; step: Value }
  | { t: 'module'; m: ModuleRef }
  | { t: 'func'; f: Callable }
  /**
   * `subclass`: an OrderedDict or defaultdict (`type(d) == dict` is False for it). `viewOf`: `vars(obj)`,
   * the instance's own attribute dict (a change through it is the instance's).
   */
  | { t: 'dict'; entries: [string, Value][]; subclass?: true; viewOf?: { attrs: Map<string, Value> }; /** A defaultdict's default_factory: a missing key read is this called, stored under it. */ factory?: Value; /** Keys CPython holds interned (a module's `_modules` names set by attribute syntax). */ internedKeys?: Set<string>; /** Keys that are numbers (stored as their text): true for an int, false for a float. Iterating gives the number back. */ numKeys?: Map<string, boolean> }
  /** A dotted name the interpreter resolves on use: 'torch.nn.Conv2d', 'math.sqrt'. */
  | { t: 'ref'; name: string }
  /** A class defined in the workspace (nn.Module subclasses, dataclasses, plain classes). */
  | { t: 'class'; c: ClassHandle }
  /** An instance of a class that is not an nn.Module: a config object, an argparse namespace. */
  /**
   * `items`: a dict subclass's own entries (a `dict`, or `unknown` when they cannot be read);
   * `itemAttrs`: `self.__dict__ = self`, so its attributes are those entries.
   */
  | { t: 'obj'; cls: string; attrs: Map<string, Value>; def?: ClassHandle; items?: Value; itemAttrs?: true }
  /** A workspace Python file used as a module (`import model` → `model.RNNModel`). */
  | { t: 'pymod'; p: ProgramHandle }
  /** Where inputs come from: images, transforms, datasets, data loaders, argument parsers. */
  | { t: 'data'; d: DataValue }
  /** `x.view`, `blocks.append`, `self.rnn.to`: a method with the receiver already evaluated. */
  | { t: 'bound'; recv: Value; name: string }
  /**
   * `mod`: it may hold nn.Modules (a layer list built in a loop…), so totals that include it are unknown.
   * `keys`: a dict two branches built differently: these entries are in both (`**kwargs` passes them), others may be.
   * `num`: surely a Python number, its value not computed (an item of a long table of numbers: `np.array` knows its shape).
   * `range`: a Python float known only to lie in [lo, hi] (`.item()` of a float32 value computed within a bound):
   * only comparisons read it; every operation that changes the number drops it (`withoutRange`).
   */
  | { t: 'unknown'; reason: Msg; tensorLike: boolean; mod?: true; keys?: [string, Value][]; num?: true; range?: [number, number]; /** A package version: `exact` (a version string parsed: `version.parse('1.5.0')`) or at least `at` (`torch.__version__`: the analysis assumes PyTorch 1.13 or later); only comparisons read it. */ version?: { at: number[]; exact: boolean }; /** A dict two branches built differently, passed as `**kwargs`: every key it may have (a key not listed is surely absent). */ mayKeys?: string[]; /** Surely a Python int in range for what it indexes (the sample index a DataLoader passes `__getitem__`): it selects, its dim goes. */ index?: true; /** The sample index plus `off` (`idx + self.T`), the index at most `max` (the dataset's length less one) where known: a window `data[idx:idx + T]` has length T when it surely fits. */ indexFrom?: { off: number; max?: number; /** The index is at most len(maxOf) + maxOff (a `torch.randint(len(data) - T, …)` draw): a window of that same value fits when maxOff + the stop's off ≤ 0. */ maxOf?: Value; maxOff?: number }; /** A module attribute set on one side of an undecided branch only (nanoGPT's mask buffer, registered only without the fused kernel): where it is set it holds this; elsewhere reading it raises. */ absentOr?: Value; /** A tensor's `.device` (which one is not known; `.to(it)` moves the tensor and keeps its values). */ device?: true; /** An array or tensor whose first dimension only the data decides (`pixels.reshape(-1, 1, 28, 28)` of a CSV read at run time), its other dimensions these: one row of it (`X[i]`, a TensorDataset's sample) has this shape. */ rows?: number[]; /** len(lenOf) + lenOff, where lenOf's length only the data decides (`len(data) - block_size`). */ lenOf?: Value; lenOff?: number; /** A dict whose keys only the run decides, each value like this one (`{ch: i for i, ch in enumerate(chars)}`: an int): what `d[k]` gives. */ values?: Value };

/** A class as the interpreter sees it; the definition lives in pyProgram.ts. */
export interface ClassHandle {
  readonly name: string;
}

/** A parsed workspace file; the definition lives in pyProgram.ts. */
export interface ProgramHandle {
  readonly file: string;
}

/** A 1-D tensor's values as PyTorch computes them, each within `e` of the value (0: exact); `int`: an integer dtype. */
export interface TensorValues {
  v: number[];
  e: number[];
  int: boolean;
  /** A numpy integer array's: its items are integers to Python (np.int64), not 0-d tensors. */
  numpy?: true;
}

/** Where a tensor the code makes comes from, for "input from …": a literal shape or a dataset. */
export interface TensorSource {
  kind: 'call' | 'dataset';
  what: string;
}

export interface ParamRef {
  module: number;
  name: string;
}

/** torchvision / torch.utils.data / argparse objects, as far as shapes need them. */
export type DataValue =
  /** A PIL image before ToTensor; -1 = a size the analysis does not know (ImageFolder). */
  | { kind: 'image'; channels: number; height: number; width: number }
  | { kind: 'transform'; name: string; apply: (x: Value) => Value }
  /** What `dataset[i]` returns, usually `(image, label)`. */
  | { kind: 'dataset'; sample: Value; name: string; /** How many samples, where known (a TensorDataset's first dimension, `__len__`): a loader's first batch is no larger. */ length?: number; /** Tensors the dataset holds (MNIST's `.data`, `.targets`). */ fields?: Record<string, Value> }
  /** What `register_forward_hook` / `register_forward_pre_hook` gives back: `.remove()` takes the hook off the module again. */
  | { kind: 'hookHandle'; module: number; hook: Value; pre: boolean }
  /** What one iteration of the loader yields: the sample batched by `batch_size`. */
  | { kind: 'loader'; batch: Value; /** `iter(loader)`: an iterator over it (old code calls its `.next()`). */ iterator?: true }
  /** `info`: the arguments as added, for reading a script's command line (argparseArgv.ts). */
  | { kind: 'argparser'; defaults: Map<string, Value>; info: ArgParserInfo }
  /** A 1-D numpy float array whose values are known (`np.linspace`): only `.tolist()` reads them. */
  | { kind: 'array'; values: number[] }
  /** A workspace text file `open()` gave (pyFiles.ts); `consumed` once read to the end. */
  | { kind: 'file'; path: string; text: string; consumed: boolean }
  /** A configparser parser: its sections' options as text (keys lower-cased); `raw`: no %-interpolation; `opaque`: a read the analysis could not follow (nothing it holds is known). */
  | { kind: 'ini'; sections: Map<string, Map<string, string>>; defaults: Map<string, string>; raw: boolean; opaque?: string }
  /** `cfg['model']`: one section of a parser. */
  | { kind: 'iniSection'; ini: Extract<DataValue, { kind: 'ini' }>; name: string };

/** Something callable the interpreter can run: a lambda, a user function, a bound method. */
export interface Callable {
  kind: 'lambda' | 'function' | 'method';
  params: string[];
  defaults: Map<string, Node>;
  body: Node;
  closure: Map<string, Value>;
  /** The receiver of a method: a module or an object. */
  self?: Value;
  /** A lambda's body is an expression, a function's a block. */
  expression: boolean;
  name: string;
  /** `*args` and `**kwargs` parameter names. */
  varargs?: string;
  kwargs?: string;
  /** Parameters after `*` / `*args`: keyword only. */
  kwOnly?: Set<string>;
  /** The file the function is defined in (its globals and imports). */
  program: ProgramHandle;
  /** The class a method belongs to (for `super()` inside it). */
  owner?: ClassHandle;
  /** Defaults evaluated where the function was made (a nested def, a lambda): Python binds them then, in that scope. */
  boundDefaults?: Map<string, Value>;
  /** `@functools.lru_cache` / `@cache`: results by their (plain) arguments, one object per key as Python keeps it. */
  memo?: Map<string, Value>;
}

/**
 * A one-shot iterator (zip, map, filter, reversed, enumerate, iter(), a generator expression):
 * `items` are what is left to read; `next()` takes the first. Read to its end it is `done`, and a
 * second read is not followed (Python gives nothing then; a path the analysis runs twice would too).
 */
export interface IteratorState {
  done: boolean;
  /** itertools.cycle: `items` come round again without end (never read to an end; `unsized` for readers of the list). */
  cycle?: true;
}

/** Opaque handle: the interpreter keeps module instances; values only point at them. */
export interface ModuleRef {
  id: number;
}

export const NONE: Value = { t: 'none' };

export function unknown(en: string, zh: string, tensorLike = true): Value {
  return { t: 'unknown', reason: { en, 'zh-cn': zh }, tensorLike };
}

/** An unknown that may stand for nn.Modules: a module holding it has an unknown parameter count. */
export function unknownModule(en: string, zh: string): Value {
  return { t: 'unknown', reason: { en, 'zh-cn': zh }, tensorLike: true, mod: true };
}

/** Does this value (or anything inside it) stand for modules the analysis cannot see? */
export function mayHoldModule(v: Value): boolean {
  if (v.t === 'unknown') return v.mod === true;
  if (v.t === 'seq') return v.items.some(mayHoldModule);
  if (v.t === 'dict') return v.entries.some(([, x]) => mayHoldModule(x));
  return false;
}

/** The same unknown without its range: what an operation that changes the number returns. */
/** The value without `rows`: what an operation that may change its shape gives. */
export function withoutRows<V extends Value>(v: V): V {
  if (v.t !== 'unknown' || !v.rows) return v;
  const { rows: _dropped, ...rest } = v;
  return rest as V;
}

export function withoutRange(v: Value): Value {
  if (v.t !== 'unknown' || !v.range) return v;
  const { range: _dropped, ...rest } = v;
  return rest;
}

export function num(v: number, int = Number.isInteger(v)): Value {
  return { t: 'num', v, int };
}

export function tensor(shape: number[], merged?: Merged): Value {
  return merged ? { t: 'tensor', shape, merged } : { t: 'tensor', shape };
}

export function asInt(v: Value | undefined): number | undefined {
  if (v?.t === 'num' && v.int) return v.v;
  if (v?.t === 'bool') return v.v ? 1 : 0;
  return undefined;
}

export function asNumber(v: Value | undefined): number | undefined {
  return v?.t === 'num' ? v.v : undefined;
}

/** An int, or a tuple/list of ints (kernel sizes, shapes). */
export function asInts(v: Value | undefined): number[] | undefined {
  if (v === undefined) return undefined;
  const one = asInt(v);
  if (one !== undefined) return [one];
  if (v.t === 'seq') {
    const out: number[] = [];
    for (const item of v.items) {
      const n = asInt(item);
      if (n === undefined) return undefined;
      out.push(n);
    }
    return out;
  }
  return undefined;
}

export function isKnown(v: Value): boolean {
  return v.t !== 'unknown';
}

export function fmtShape(shape: readonly number[]): string {
  return `[${shape.map((d) => (d === -1 ? 'null' : String(d))).join(', ')}]`;
}

export function product(xs: readonly number[]): number {
  let p = 1;
  for (const x of xs) p *= x;
  return p;
}

export function describe(v: Value): string {
  switch (v.t) {
    case 'tensor':
      return `tensor ${fmtShape(v.shape)}`;
    case 'num':
      return String(v.v);
    case 'str':
      return JSON.stringify(v.v);
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'seq':
      return `(${v.items.map(describe).join(', ')})`;
    case 'slice':
      return 'slice';
    case 'module':
      return 'module';
    case 'func':
      return v.f.name;
    case 'dict':
      return 'dict';
    case 'ref':
      return v.name;
    case 'bound':
      return `.${v.name}`;
    case 'class':
      return v.c.name;
    case 'obj':
      return v.cls;
    case 'pymod':
      return v.p.file;
    case 'data':
      return v.d.kind;
    case 'unknown':
      return 'unknown';
  }
}

/** `out, h = self.rnn(x)` style tuples: the first tensor is what flows on. */
export function firstTensor(v: Value): Value {
  if (v.t === 'seq' && v.tuple && v.items[0]) return firstTensor(v.items[0]);
  return packedData(v) ?? v;
}

/** The `cls` of a PackedSequence value (torchPacked.ts). */
export const PACKED_SEQUENCE = 'torch.nn.utils.rnn.PackedSequence';

/** A PackedSequence is a named tuple whose first field is its data: what an RNN's output is shown by. */
function packedData(v: Value): Value | undefined {
  return v.t === 'obj' && v.cls === PACKED_SEQUENCE ? v.attrs.get('data') : undefined;
}

/**
 * The tensor a layer call's output is shown by: the first of nested tuples and lists, as PyTorch
 * summaries read it (HRNet's stages take and return a list of branch tensors). Only for showing:
 * what flows on is the value itself.
 */
export function shownTensor(v: Value): Value {
  if (v.t === 'seq' && v.items[0]) return shownTensor(v.items[0]);
  return packedData(v) ?? v;
}

/**
 * A forward returning a tuple (`return logits, attn`): each item's shape (a nested tuple by its first
 * tensor), so what the model gives besides its first output is said too. Undefined for one value.
 */
export function tupleOutputs(v: Value): ShapeResult[] | undefined {
  if (v.t !== 'seq' || !v.tuple || v.unsized || v.items.length < 2) return undefined;
  return v.items.map((x) => (x.t === 'none' ? { known: false, reason: { en: 'None', 'zh-cn': 'None' } } : toShape(firstTensor(x))));
}

export function toShape(v: Value): ShapeResult {
  if (v.t === 'tensor') return { known: true, shape: v.shape };
  if (v.t === 'unknown') return { known: false, reason: v.reason };
  return { known: false, reason: { en: `not a tensor (${v.t})`, 'zh-cn': `不是张量（${v.t}）` } };
}

/** Python truthiness, or undefined when the value is not known. */
export function truth(v: Value): boolean | undefined {
  switch (v.t) {
    case 'bool': return v.v;
    case 'num': return v.v !== 0;
    case 'none': return false;
    case 'str': return v.v !== '';
    case 'seq': return v.iterator !== undefined || v.items.length > 0; // an iterator object is true, read or not
    // A dict with an entry whose key is not known may have lost it to a `del`: only fully known dicts decide.
    case 'dict': return v.entries.some(([k]) => k === '\u0000?') ? undefined : v.entries.length > 0;
    case 'module': case 'func': return true;
    // A class is truthy (`norm_layer(dim) if norm_layer else nn.Identity()`): a workspace class, a
    // torch.nn layer class, a torch.nn.functional function, a builtin, `type(x)`. Other library
    // names may be constants (`from cfg import USE_BN`): undecided.
    case 'class': return true;
    case 'ref': return /^torch\.nn\.(?:modules\.\w+\.)?[A-Z]\w*$|^torch\.nn\.functional\.[a-z_]\w*$|^builtins\.\w+$|^type:/.test(v.name) ? true : undefined;
    // A tensor's truth is its one value (PyTorch refuses any other): only exact known values decide.
    case 'tensor': return v.vals && v.vals.v.length === 1 && v.vals.e[0] === 0 ? v.vals.v[0] !== 0 : undefined;
    default: return undefined;
  }
}

/** Same value as far as shapes go (two branches that agree can be merged). */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.t !== b.t) return false;
  if (a.t === 'tensor' && b.t === 'tensor') return a.shape.join() === b.shape.join();
  if (a.t === 'num' && b.t === 'num') return a.v === b.v;
  if (a.t === 'str' && b.t === 'str') return a.v === b.v;
  if (a.t === 'bool' && b.t === 'bool') return a.v === b.v;
  if (a.t === 'none') return true;
  if (a.t === 'module' && b.t === 'module') return a.m.id === b.m.id;
  if (a.t === 'seq' && b.t === 'seq') return !a.unsized && !b.unsized && !a.set === !b.set && a.items.length === b.items.length && a.items.every((x, i) => sameValue(x, b.items[i]!));
  if (a.t === 'ref' && b.t === 'ref') return a.name === b.name;
  if (a.t === 'class' && b.t === 'class') return a.c === b.c;
  if (a.t === 'func' && b.t === 'func') return a.f.body === b.f.body || a.f.body.id === b.f.body.id;
  if (a.t === 'dict' && b.t === 'dict') return a.entries.length === b.entries.length && a.entries.every(([k, v], i) => b.entries[i]?.[0] === k && sameValue(v, b.entries[i]![1]));
  if (a.t === 'obj' && b.t === 'obj') {
    if (a.def !== b.def || a.cls !== b.cls || a.attrs.size !== b.attrs.size) return false;
    for (const [k, v] of a.attrs) {
      const o = b.attrs.get(k);
      if (!o || !sameValue(v, o)) return false;
    }
    return true;
  }
  return false;
}

/** Numbers, strings, booleans, None and sequences of them: values that mean the same in any run. */
/** A number, string, bool or None (not a sequence of them). */
export function isPlainConstant(v: Value): boolean {
  return v.t === 'num' || v.t === 'str' || v.t === 'bool' || v.t === 'none';
}

export function isPlain(v: Value): boolean {
  if (v.t === 'seq') return v.items.every(isPlain);
  return v.t === 'num' || v.t === 'str' || v.t === 'bool' || v.t === 'none';
}
