// The values of small 1-D tensors that model code computes settings with (torchvision's RegNet:
// `torch.arange(depth) * w_a + w_0`, `torch.log`, `torch.round`, `.int().tolist()`). A tensor
// carries values only when made here from known numbers, and only the operations below keep
// them; every other operation drops them (`plainTensor`), so a value is never carried through an
// operation that changes it. PyTorch computes in float32 (its default dtype) or int64: float
// results are rounded to float32, and each value carries a bound on how far it may be from what
// PyTorch computes (PyTorch's log and pow may differ from the correctly rounded result by a few
// units in the last place; a Python float may be rounded to float32 before or after the
// operation). Rounding, truncation and `.tolist()` give a number only when the whole interval
// gives the same one: otherwise the value is unknown, never a guess.
import type { ArgList } from './torchLayers';
import { num, type TensorValues, type Value } from './values';

/** Longest tensor whose values are kept. */
const MAX_VALUES = 4096;
/** Bound on PyTorch's float32 error of one operation, relative to its result (≈ 4 units in the last place). */
const F32_OPERATION = 2 ** -21;
/** Bound on how far PyTorch's float32 linspace is from the exact steps, relative to the larger end (≈ 256 units in the last place). */
const LINSPACE_ERROR = 2 ** -16;

type Tensor = Value & { t: 'tensor' };

const f32 = Math.fround;

/** The sum or product of every item of an integer tensor: a 0-d integer tensor (int64, as PyTorch reduces integers). */
function integerReduction(name: string, t: TensorValues): Tensor | undefined {
  if (!t.int || t.e.some((e) => e !== 0)) return undefined;
  const r = name === 'sum' ? t.v.reduce((a, b) => a + b, 0) : t.v.reduce((a, b) => a * b, 1);
  return Number.isSafeInteger(r) ? { t: 'tensor', shape: [], vals: { v: [r], e: [0], int: true } } : undefined;
}

function make(values: number[], err: number[], int: boolean): Tensor | undefined {
  if (values.length > MAX_VALUES || values.some((v) => !Number.isFinite(v)) || err.some((e) => !Number.isFinite(e))) return undefined;
  if (int && values.some((v) => !Number.isSafeInteger(v))) return undefined;
  return { t: 'tensor', shape: [values.length], vals: { v: values, e: err, int } };
}

/**
 * `t[i] = v` / `t[[i, j]] = v` on a tensor whose values are known: those items change in place
 * (a float tensor takes any number; an integer or bool one only 0 or 1, which it stores alike).
 * Anything else — an index or value the analysis cannot read, a slice — leaves the values unknown.
 */
export function writeItems(t: Value & { t: 'tensor' }, index: Value, v: Value): void {
  // A numpy row (or slice, transpose, ravel…) is a view: the array it views changes too (its values are no longer followed).
  forgetViewed(t.rowOf);
  const vals = t.vals;
  if (!vals) return;
  // (Items of a 1-D array only: a write into a table's row is not followed.)
  if (t.shape.length !== 1) {
    delete t.vals;
    return;
  }
  const n = vals.v.length;
  const at = (x: Value): number | undefined => (x.t === 'num' && x.int && x.v >= -n && x.v < n ? (x.v + n) % n : undefined);
  const indices = index.t === 'seq' && !index.tuple ? index.items.map(at) : [at(index)];
  const value = v.t === 'bool' ? Number(v.v) : v.t === 'num' ? v.v : undefined;
  const fits = value !== undefined && (vals.int ? value === 0 || value === 1 : Number.isFinite(value));
  if (!fits || indices.length === 0 || indices.some((i) => i === undefined)) {
    delete t.vals;
    return;
  }
  for (const i of indices as number[]) {
    vals.v[i] = vals.int ? value : f32(value);
    vals.e[i] = 0;
  }
}

/** The same tensor without values: what every operation not listed here returns. */
/**
 * The result of an operation on tensors: a new tensor, never a Parameter nor tied to one (in
 * PyTorch `w * 2`, `w.clone()`, `torch.sigmoid(w)` of an nn.Parameter are plain tensors); known
 * values it was computed with stay.
 */
/** A write through a view: the values of the array it views, and of what that views in turn, are no longer known. */
export function forgetViewed(v: Value | undefined): void {
  for (let at = v, depth = 0; at?.t === 'tensor' && depth < 64; at = at.rowOf, depth++) delete at.vals;
}

/** A view of an array of known values (a slice, `.T`, `.ravel()`…): writes through it change that array. */
export function viewOf(base: Value, view: Value): Value {
  if (base.t !== 'tensor' || view.t !== 'tensor' || view === base || (!base.vals && !base.rowOf)) return view;
  return { ...view, rowOf: base };
}

export function computedTensor(v: Value): Value {
  if (v.t !== 'tensor' || (!v.param && !v.tie)) return v;
  const { param: _p, tie: _t, ...rest } = v;
  return rest;
}

/** A tensor with its `index` flag (surely integers) set or dropped; anything else as it is. */
export function integerTensor(v: Value, integers: boolean): Value {
  if (v.t !== 'tensor' || !!v.index === integers) return v;
  if (integers) return { ...v, index: true };
  const { index: _dropped, ...rest } = v;
  return rest;
}

export function plainTensor(v: Value): Value {
  if (v.t !== 'tensor' || !v.vals) return v;
  const { vals: _dropped, ...rest } = v;
  return rest;
}

/** Values of a 1-D tensor (a 0-d one, an item of an iterated tensor, only gives its `.item()`). */
function valuesOf(v: Value | undefined): TensorValues | undefined {
  return v?.t === 'tensor' && v.shape.length === 1 ? v.vals : undefined;
}

/** A 0-d tensor's value, made from a Python number (`torch.as_tensor(n / c)`). */
function scalarOf(v: Value | undefined): TensorValues | undefined {
  return v?.t === 'tensor' && v.shape.length === 0 && v.vals?.v.length === 1 ? v.vals : undefined;
}

/** The 0-d form of a one-value result (what an element-wise operation on a 0-d tensor gives). */
function scalar(t: Tensor | undefined): Tensor | undefined {
  return t && t.shape.length === 1 && t.shape[0] === 1 ? { ...t, shape: [] } : undefined;
}

/** The 0-d tensor `torch.tensor(x)` / `torch.as_tensor(x)` makes of a Python number: int64 or float32. */
function scalarTensor(x: Value & { t: 'num' }): Tensor | undefined {
  return scalar(x.int ? make([x.v], [0], true) : make([f32(x.v)], [Math.abs(x.v - f32(x.v))], false));
}

/** Methods that work on a 0-d tensor's value as they do item by item. */
const SCALAR_METHODS = new Set(['sqrt', 'log', 'round', 'int', 'long', 'float', 'cpu', 'cuda', 'detach', 'clone', 'contiguous', 'to']);

/**
 * `torch.sqrt` of known values, in float32: IEEE square roots are correctly rounded, so an exact
 * operand whose root is a float32 (a perfect square: `sqrt(64.)`) gives exactly that root.
 */
function squareRoot(t: TensorValues): Tensor | undefined {
  const values: number[] = [];
  const err: number[] = [];
  for (let i = 0; i < t.v.length; i++) {
    const x = t.v[i]!;
    // An int64 operand is converted to float32 first.
    const e = t.e[i]! + (t.int ? Math.abs(x - f32(x)) : 0);
    if (x - e < 0) return undefined;
    const r = Math.sqrt(x);
    const exact = e === 0 && f32(x) === x && f32(r) === r && r * r === x;
    values.push(f32(r));
    err.push(exact ? 0 : Math.max(Math.sqrt(x + e) - r, r - Math.sqrt(x - e)) + Math.abs(r) * F32_OPERATION + 2 ** -40);
  }
  return make(values, err, false);
}

/** A Python number as an operand: float32 when the tensor side is float, with its rounding as error. */
interface Operand {
  v: number[];
  e: number[];
  int: boolean;
  /** Each value is exactly a float32 (or an int64 for int operands). */
  exact: boolean;
}

function operand(x: Value | undefined, n: number): Operand | undefined {
  const t = valuesOf(x);
  if (t) return { v: t.v, e: t.e, int: t.int, exact: t.e.every((e) => e === 0) };
  if (x?.t === 'num' || x?.t === 'bool') {
    const v = x.t === 'bool' ? (x.v ? 1 : 0) : x.v;
    const int = x.t === 'bool' || x.int;
    return { v: Array(n).fill(v), e: Array(n).fill(0), int, exact: int ? Number.isSafeInteger(v) : f32(v) === v };
  }
  return undefined;
}

/** Both sides of an operation as operands of one length, when at least one is a tensor of values. */
function operandPair(a: Value | undefined, b: Value | undefined): { x: Operand; y: Operand; n: number } | undefined {
  const values = valuesOf(a) ?? valuesOf(b);
  if (!values) return undefined;
  const n = values.v.length;
  const x = operand(a, n);
  const y = operand(b, n);
  return x && y && x.v.length === n && y.v.length === n ? { x, y, n } : undefined;
}

/** `a op b` with a tensor of values on at least one side. */
export function valueBinary(op: string, a: Value, b: Value): Value | undefined {
  const sa = scalarOf(a);
  const sb = scalarOf(b);
  // A 0-d tensor with a number or another 0-d tensor: a 0-d result (a 1-D side is not combined here).
  if ((sa || sb) && !valuesOf(a) && !valuesOf(b)) {
    const one = (x: Value, s: TensorValues | undefined): Value | undefined => (s ? make([...s.v], [...s.e], s.int) : x.t === 'num' || x.t === 'bool' ? x : undefined);
    const [x, y] = [one(a, sa), one(b, sb)];
    const r = x && y ? valueBinary(op, x, y) : undefined;
    return r?.t === 'tensor' ? scalar(r) : undefined;
  }
  const pair = operandPair(a, b);
  if (!pair || !['+', '-', '*', '/'].includes(op)) return undefined;
  const { x, y, n } = pair;
  if (op !== '/' && x.int && y.int) {
    const out = x.v.map((p, i) => (op === '+' ? p + y.v[i]! : op === '-' ? p - y.v[i]! : p * y.v[i]!));
    return make(out, Array(n).fill(0), true);
  }
  const values: number[] = [];
  const err: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = x.v[i]!;
    const q = y.v[i]!;
    const ep = x.e[i]! + (x.int ? 0 : Math.abs(p - f32(p)));
    const eq = y.e[i]! + (y.int ? 0 : Math.abs(q - f32(q)));
    const exactIn = ep === 0 && eq === 0 && (x.int ? Math.abs(p) <= 2 ** 24 : true) && (y.int ? Math.abs(q) <= 2 ** 24 : true);
    let r: number;
    let spread: number;
    if (op === '/') {
      if (q === 0 || Math.abs(q) <= eq) return undefined;
      r = p / q;
      spread = (Math.abs(p) * eq + Math.abs(q) * ep) / (Math.abs(q) * (Math.abs(q) - eq));
    } else {
      r = op === '+' ? p + q : op === '-' ? p - q : p * q;
      spread = op === '*' ? Math.abs(p) * eq + Math.abs(q) * ep + ep * eq : ep + eq;
    }
    // Exact float32 operands whose exact result is a float32: PyTorch gets exactly that.
    const exact = exactIn && f32(r) === r && (op !== '/' || r * q === p);
    values.push(f32(r));
    err.push(exact ? 0 : spread + Math.abs(r) * F32_OPERATION);
  }
  return make(values, err, false);
}

/** torch.arange / torch.tensor of known numbers, torch.log / round / pow / divide / diff of value tensors. */
export function valueFunction(name: string, args: ArgList): Value | undefined {
  if (args.unknownRest) return undefined;
  const a0 = args.positional[0]?.value;
  const a1 = args.positional[1]?.value;
  switch (name) {
    case 'torch.sum':
    case 'torch.prod': {
      // `torch.prod(torch.tensor(shape))` of known integers (a flattened size): a 0-d tensor of that value.
      const t = valuesOf(a0);
      return t && args.positional.length === 1 && args.keyword.size === 0 ? integerReduction(name.slice(6), t) : undefined;
    }
    case 'torch.arange': {
      const extra = [...args.keyword.keys()].filter((k) => k !== 'device' && k !== 'dtype');
      const dtype = args.keyword.get('dtype')?.value;
      if (extra.length > 0 || args.positional.length > 3 || (dtype && !isIntDtype(dtype))) return undefined;
      const ns = args.positional.map((p) => p.value);
      if (!ns.every((v) => v.t === 'num' && v.int)) return undefined;
      const [start, end, step] = ns.length === 1 ? [0, (ns[0] as { v: number }).v, 1] : [(ns[0] as { v: number }).v, (ns[1] as { v: number }).v, ns[2] ? (ns[2] as { v: number }).v : 1];
      if (step === 0) return undefined;
      const count = Math.max(0, Math.ceil((end - start) / step));
      if (count > MAX_VALUES) return undefined;
      return make(Array.from({ length: count }, (_, i) => start + i * step), Array(count).fill(0), true);
    }
    case 'torch.linspace': {
      // A schedule from a rate of 0 (`torch.linspace(0, drop_path_rate, depth)` at its default) is
      // `start` at every step: PyTorch's step (end - start) / (steps - 1) is 0. Other values are not kept.
      const arg = (i: number, k: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(k)?.value;
      const [start, end, steps] = [arg(0, 'start'), arg(1, 'end'), arg(2, 'steps')];
      if ([...args.keyword.keys()].some((k) => !['start', 'end', 'steps', 'device', 'requires_grad'].includes(k)) || args.positional.length > 3) return undefined;
      if (start?.t !== 'num' || end?.t !== 'num' || steps?.t !== 'num' || !steps.int || steps.v < 0 || steps.v > MAX_VALUES) return undefined;
      if (start.v === end.v || steps.v <= 1) return make(Array(steps.v).fill(f32(start.v)), Array(steps.v).fill(0), false);
      // PyTorch's float32 steps (`start + step·i` below halfway, `end - step·(steps-1-i)` above,
      // vectorised as `base + k·step`) are a few units in the last place from the exact values;
      // only the first is exactly `start`. Each carries a bound far above that.
      const n = steps.v;
      const bound = Math.max(Math.abs(start.v), Math.abs(end.v)) * LINSPACE_ERROR;
      const values: number[] = [];
      const err: number[] = [];
      for (let i = 0; i < n; i++) {
        const r = i === 0 ? f32(start.v) : start.v + ((end.v - start.v) * i) / (n - 1);
        values.push(f32(r));
        err.push(i === 0 ? 0 : bound + Math.abs(r - f32(r)));
      }
      return make(values, err, false);
    }
    case 'torch.tensor':
    case 'torch.as_tensor': {
      // A Python number: a 0-d tensor of it.
      if (a0?.t === 'num' && args.positional.length === 1 && [...args.keyword.keys()].every((k) => k === 'device')) return scalarTensor(a0);
      if (name === 'torch.as_tensor') return undefined;
      if ([...args.keyword.keys()].some((k) => k !== 'device') || a0?.t !== 'seq' || !a0.items.every((x) => x.t === 'num' || x.t === 'bool')) return undefined;
      const items = a0.items as (Value & ({ t: 'num' } | { t: 'bool' }))[];
      const int = items.every((x) => x.t === 'bool' || x.int);
      if (items.some((x) => x.t === 'bool') && !items.every((x) => x.t === 'bool')) return undefined;
      const values = items.map((x) => (x.t === 'bool' ? (x.v ? 1 : 0) : int ? x.v : f32(x.v)));
      const err = items.map((x) => (x.t === 'num' && !int ? Math.abs(x.v - f32(x.v)) : 0));
      if (items.every((x) => x.t === 'bool')) return undefined;
      return make(values, err, int);
    }
    case 'torch.ones': case 'torch.zeros': {
      // A 1-D flag or count vector (`torch.ones(n, dtype=torch.bool)`, TabNet's continuous-feature mask):
      // n ones or zeros, integers unless a float dtype (the default) is asked for.
      const dtype = args.keyword.get('dtype')?.value;
      if ([...args.keyword.keys()].some((k) => k !== 'dtype' && k !== 'device' && k !== 'requires_grad')) return undefined;
      const size = args.positional.length === 1 && a0?.t === 'seq' && a0.items.length === 1 ? a0.items[0] : args.positional.length === 1 ? a0 : undefined;
      if (size?.t !== 'num' || !size.int || size.v < 0 || size.v > MAX_VALUES) return undefined;
      const int = dtype !== undefined && (isIntDtype(dtype) || (dtype.t === 'ref' && dtype.name === 'torch.bool'));
      if (dtype !== undefined && !int && !(dtype.t === 'ref' && /^torch\.(?:float|float32)$/.test(dtype.name))) return undefined;
      return make(Array(size.v).fill(name === 'torch.ones' ? 1 : 0), Array(size.v).fill(0), int);
    }
    case 'torch.IntTensor': case 'torch.LongTensor': {
      // The legacy constructors read a list as data (`torch.IntTensor([self.n_channels])`, WaveGlow); a tuple may be a size.
      if (args.keyword.size > 0 || args.positional.length !== 1 || a0?.t !== 'seq' || a0.tuple || a0.size || !a0.items.every((x) => x.t === 'num' && x.int)) return undefined;
      const values = a0.items.map((x) => (x as { v: number }).v);
      return make(values, Array(values.length).fill(0), true);
    }
    case 'torch.sqrt':
      return args.positional.length === 1 && args.keyword.size === 0 ? valueMethod('sqrt', a0, { positional: [], keyword: new Map() }) : undefined;
    case 'torch.log':
      return args.positional.length === 1 && args.keyword.size === 0 ? valueMethod('log', a0, { positional: [], keyword: new Map() }) : undefined;
    case 'torch.round':
      return args.positional.length === 1 && args.keyword.size === 0 ? valueMethod('round', a0, { positional: [], keyword: new Map() }) : undefined;
    case 'torch.diff':
      return args.positional.length === 1 && args.keyword.size === 0 ? valueMethod('diff', a0, { positional: [], keyword: new Map() }) : undefined;
    case 'torch.divide':
    case 'torch.div':
    case 'torch.true_divide':
      return args.positional.length === 2 && args.keyword.size === 0 && a0 && a1 ? valueBinary('/', a0, a1) : undefined;
    case 'torch.mul':
    case 'torch.multiply':
      return args.positional.length === 2 && args.keyword.size === 0 && a0 && a1 ? valueBinary('*', a0, a1) : undefined;
    case 'torch.add':
      return args.positional.length === 2 && args.keyword.size === 0 && a0 && a1 ? valueBinary('+', a0, a1) : undefined;
    case 'torch.pow':
      return args.positional.length === 2 && args.keyword.size === 0 ? power(a0, a1) : undefined;
    default:
      return undefined;
  }
}

function isIntDtype(v: Value): boolean {
  return v.t === 'ref' && /^torch\.(long|int64|int|int32)$/.test(v.name);
}

/** torch.pow(base, exponent), one side a value tensor, in float32. */
function power(base: Value | undefined, exponent: Value | undefined): Value | undefined {
  const pair = operandPair(base, exponent);
  if (!pair || pair.x.int) return undefined;
  const { x: b, y: x, n } = pair;
  const values: number[] = [];
  const err: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = b.v[i]!;
    const k = x.v[i]!;
    const ec = b.e[i]! + Math.abs(c - f32(c));
    const ek = x.e[i]! + (x.int ? 0 : Math.abs(k - f32(k)));
    if (c <= 0 || c <= ec) return undefined;
    const r = c ** k;
    // How far c^k moves when c and k move by their errors (both directions bounded by the larger end).
    const spread = Math.max(Math.abs((c + ec) ** (k + Math.sign(k) * ek) - r), Math.abs((c - ec) ** (k - Math.sign(k) * ek) - r), Math.abs((c + ec) ** (k - ek) - r), Math.abs((c - ec) ** (k + ek) - r));
    values.push(f32(r));
    err.push(spread + Math.abs(r) * F32_OPERATION);
  }
  return make(values, err, false);
}

/** Half to even, as torch.round; undefined when the interval holds a halfway point. */
function roundExact(v: number, e: number): number | undefined {
  const lo = v - e;
  const hi = v + e;
  const r = Math.round(v);
  const even = Math.abs(v - Math.trunc(v)) === 0.5 ? 2 * Math.round(v / 2) : r;
  if (e === 0) return even;
  // Both ends round the same way, and no halfway point lies in between.
  const nearestHalf = Math.floor(v) + 0.5;
  if (Math.abs(v - nearestHalf) <= e || Math.round(lo) !== Math.round(hi)) return undefined;
  return r;
}

function truncExact(v: number, e: number): number | undefined {
  const lo = Math.trunc(v - e);
  const hi = Math.trunc(v + e);
  if (lo !== hi) return undefined;
  // An interval touching an integer from below truncates differently at its top end.
  if (e > 0 && Number.isInteger(v + e) && v + e !== lo) return undefined;
  return lo;
}

/** Each value rounded to an integer by `f` (undefined when its interval could go two ways): exact values. */
function exactEach(t: TensorValues, f: (v: number, e: number) => number | undefined, int: boolean): Tensor | undefined {
  const values: number[] = [];
  for (let i = 0; i < t.v.length; i++) {
    const r = f(t.v[i]!, t.e[i]!);
    if (r === undefined) return undefined;
    values.push(r);
  }
  return make(values, Array(values.length).fill(0), int);
}

/** A Python number PyTorch computed within `e` of `v`: unknown, but comparisons that hold across the range decide. */
function ranged(v: number, e: number): Value {
  return {
    t: 'unknown',
    reason: { en: `a float32 value PyTorch computes, known only within ${e.toPrecision(2)} of ${v}`, 'zh-cn': `PyTorch 以 float32 计算的数值，仅知在 ${v} 的 ${e.toPrecision(2)} 范围内` },
    tensorLike: false,
    num: true,
    range: [v - e, v + e],
  };
}

/** To another device, or a copy: the same values (`lengths.cpu()`, `.to('cpu')`, `.detach()`). */
function movedValues(name: string, t: TensorValues, args: ArgList): Value | undefined {
  const none = args.positional.length === 0 && args.keyword.size === 0;
  const device = (v: Value | undefined): boolean => (v?.t === 'str' && /^(?:cpu|cuda|mps)(?::\d+)?$/.test(v.v)) || (v?.t === 'unknown' && v.device === true);
  const keeps =
    (none && (name === 'cpu' || name === 'cuda' || name === 'detach' || name === 'clone' || name === 'contiguous')) ||
    (name === 'to' && args.keyword.size === 0 && args.positional.length === 1 && device(args.positional[0]!.value)) ||
    (name === 'to' && args.positional.length === 0 && args.keyword.size === 1 && device(args.keyword.get('device')?.value));
  const made = keeps ? make([...t.v], [...t.e], t.int) : undefined;
  return made && t.int ? integerTensor(made, true) : made;
}

/**
 * `lengths.sort(dim=0, descending=True)` of exact integers: (values, indices). torch.sort is not
 * stable by default, so the indices are known only when no two values tie.
 */
function sortValues(t: TensorValues, args: ArgList): Value | undefined {
  const dim = args.positional[0]?.value ?? args.keyword.get('dim')?.value;
  const desc = args.positional[1]?.value ?? args.keyword.get('descending')?.value;
  const known = [...args.keyword.keys()].every((k) => k === 'dim' || k === 'descending') && args.positional.length <= 2;
  if (!known || !t.int || t.e.some((e) => e !== 0)) return undefined;
  if (dim !== undefined && !(dim.t === 'num' && (dim.v === 0 || dim.v === -1))) return undefined;
  if (desc !== undefined && desc.t !== 'bool') return undefined;
  const down = desc?.v === true;
  const order = t.v.map((v, i) => [v, i] as const).sort((a, b) => (down ? b[0] - a[0] : a[0] - b[0]) || a[1] - b[1]);
  const values = make(order.map(([v]) => v), order.map(() => 0), true);
  const ties = new Set(t.v).size !== t.v.length;
  const indices = ties ? { t: 'tensor' as const, shape: [t.v.length] } : make(order.map(([, i]) => i), order.map(() => 0), true);
  if (!values || !indices) return undefined;
  return { t: 'seq', items: [integerTensor(values, true), integerTensor(indices, true)], tuple: true };
}

/** Tensor methods that keep values: log, round, diff, int/long/float, tolist. */
export function valueMethod(name: string, recv: Value | undefined, args: ArgList): Value | undefined {
  if (name === 'item' && recv?.t === 'tensor' && recv.vals?.v.length === 1 && recv.shape.every((d) => d === 1) && args.positional.length === 0 && args.keyword.size === 0) {
    return recv.vals.e[0] === 0 ? num(recv.vals.v[0]!, recv.vals.int) : ranged(recv.vals.v[0]!, recv.vals.e[0]!);
  }
  const s = scalarOf(recv);
  if (s) {
    if (name === 'tolist' && args.positional.length === 0 && args.keyword.size === 0) return s.e[0] === 0 ? num(s.v[0]!, s.int) : ranged(s.v[0]!, s.e[0]!);
    if (!SCALAR_METHODS.has(name)) return undefined;
    const r = valueMethod(name, make([...s.v], [...s.e], s.int), args);
    return r?.t === 'tensor' ? scalar(r) : undefined;
  }
  const t = valuesOf(recv);
  if (!t || args.unknownRest) return undefined;
  const moved = movedValues(name, t, args);
  if (moved) return moved;
  if (name === 'sort') return sortValues(t, args);
  if (args.positional.length > 0 || args.keyword.size > 0) return undefined;
  const n = t.v.length;
  switch (name) {
    case 'sum':
    case 'prod':
      return integerReduction(name, t);
    case 'sqrt':
      return squareRoot(t);
    case 'log': {
      const values: number[] = [];
      const err: number[] = [];
      for (let i = 0; i < n; i++) {
        const x = t.v[i]!;
        const e = t.e[i]!;
        if (x <= e) return undefined;
        const r = Math.log(x);
        values.push(f32(r));
        err.push(Math.max(Math.log(x + e) - r, r - Math.log(x - e)) + Math.abs(r) * F32_OPERATION + 2 ** -40);
      }
      return make(values, err, false);
    }
    case 'round':
      return t.int ? make([...t.v], [...t.e], true) : exactEach(t, roundExact, false);
    case 'int':
    case 'long':
      return t.int ? make([...t.v], [...t.e], true) : exactEach(t, truncExact, true);
    case 'float':
      return t.int ? (t.v.every((v) => Math.abs(v) <= 2 ** 24) ? make([...t.v], Array(n).fill(0), false) : undefined) : make([...t.v], [...t.e], false);
    case 'diff': {
      if (n === 0) return undefined;
      const values = t.v.slice(1).map((v, i) => v - t.v[i]!);
      if (t.int) return make(values, Array(n - 1).fill(0), true);
      return valueBinary('-', make(t.v.slice(1), t.e.slice(1), false)!, make(t.v.slice(0, -1), t.e.slice(0, -1), false)!);
    }
    case 'tolist':
      // Exact values become Python numbers, the others numbers known within their bound.
      return { t: 'seq', items: t.v.map((v, i) => (t.e[i] === 0 ? num(v, t.int) : ranged(v, t.e[i]!))), tuple: false };
    default:
      return undefined;
  }
}
