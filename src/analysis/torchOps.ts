// Shape rules of torch's tensor operations: the methods (`x.view`, `x.transpose`, `x.mean`…), the
// `torch.*` / `F.*` functions (`torch.cat`, `F.max_pool2d`…), broadcasting, `@` and indexing. Each
// rule takes shapes and returns a shape or unknown-with-reason; a size that cannot work is
// reported at the call. The layer classes (`nn.Conv2d`…) are in torchLayers.ts.
import type { Node } from './parser';
import type { Msg } from './types';
import { buildTorchLayer, flattenShape, interpolateShape, type Arg, type ArgList } from './torchLayers';
import { broadcast, convOutLength, unflattenSizes } from './shapeMath';
import { multiHeadAttentionForward } from './torchAttention';
import { integerTensor } from './tensorValues';
import { isStrided, madeContiguous, madePermuted, stridesOf, viewFits, viewsFreshPermute } from './tensorLayout';
import { packPadded, packSequence, padPacked, padSequence } from './torchPacked';
import { NONE, asInt, asInts, fmtShape, num, product, tensor, unknown, type Value } from './values';

/**
 * Reports an operation PyTorch refuses at `node`: an optional fix of one argument, the two numbers,
 * and the exception it raises (a RuntimeError unless named).
 */
export type ReportAt = (node: Node, message: Msg, fix?: { argNode: Node; text: string; what: string }, nums?: { expected: number; actual: number }, exception?: string) => void;

/** Longest sequence an operation (chunk/split) unrolls. */
const MAX_ITEMS = 4096;

export class TorchOps {
  constructor(private readonly reportAt: ReportAt) {}

  /** `a op b` where at least one side is a tensor: broadcasting, or `@`. */
  binary(op: string, a: Value, b: Value, node: Node): Value | undefined {
    if (op === '@') return this.matmul(a, b, node);
    if (a.t === 'tensor' && (b.t === 'num' || b.t === 'bool')) return a;
    if (b.t === 'tensor' && (a.t === 'num' || a.t === 'bool')) return b;
    if (a.t === 'tensor' && b.t === 'tensor') {
      const r = broadcast(a.shape, b.shape);
      if (!r) {
        this.reportAt(node, { en: `cannot broadcast ${fmtShape(a.shape)} ${op} ${fmtShape(b.shape)}: sizes must match or be 1, aligned from the right`, 'zh-cn': `无法广播 ${fmtShape(a.shape)} ${op} ${fmtShape(b.shape)}：从右对齐后各维必须相等或为 1` });
        return unknown(`shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} do not broadcast`, `形状 ${fmtShape(a.shape)} 与 ${fmtShape(b.shape)} 无法广播`);
      }
      return tensor(r);
    }
    return undefined;
  }

  matmul(a: Value, b: Value, node: Node): Value {
    if (a.t !== 'tensor' || b.t !== 'tensor') return a.t === 'unknown' ? a : b.t === 'unknown' ? b : unknown('matmul of non-tensors', '非张量的矩阵乘法');
    const as = a.shape.length === 1 ? [1, a.shape[0] ?? 0] : a.shape;
    const bs = b.shape.length === 1 ? [b.shape[0] ?? 0, 1] : b.shape;
    const k1 = as[as.length - 1];
    const k2 = bs[bs.length - 2];
    if (k1 !== k2) {
      this.reportAt(node, { en: `matmul ${fmtShape(a.shape)} @ ${fmtShape(b.shape)}: inner sizes ${k1} and ${k2} differ`, 'zh-cn': `矩阵乘法 ${fmtShape(a.shape)} @ ${fmtShape(b.shape)}：内维 ${k1} 与 ${k2} 不相等` }, undefined, { expected: k1 ?? 0, actual: k2 ?? 0 });
      return unknown('matmul sizes differ', '矩阵乘法维度不匹配');
    }
    const batch = broadcast(as.slice(0, -2), bs.slice(0, -2));
    if (!batch) return unknown('matmul batch dims do not broadcast', '矩阵乘法的批维度无法广播');
    const out = [...batch, as[as.length - 2] ?? 0, bs[bs.length - 1] ?? 0];
    if (a.shape.length === 1) out.splice(out.length - 2, 1);
    if (b.shape.length === 1) out.splice(out.length - 1, 1);
    // mm, bmm and a batch folded into mm give a fresh contiguous result (not a matrix times a batch:
    // PyTorch may fold that one through a transpose).
    const fresh = a.shape.length >= 2 && b.shape.length >= 2 && !(a.shape.length === 2 && b.shape.length > 2);
    return fresh ? madeContiguous(tensor(out)) : tensor(out);
  }

  private intArgs(args: ArgList, from = 0): number[] | undefined {
    // `x.view(*t.shape, *unknown)`: sizes after the listed ones that the analysis cannot see.
    if (args.unknownRest) return undefined;
    // Sizes by keyword (`torch.empty(size=(n, m))`, `x.reshape(shape=…)`): without them, no sizes is not a 0-d shape.
    if (args.positional.length <= from) {
      const k = args.keyword.get('size') ?? args.keyword.get('shape') ?? args.keyword.get('dims');
      return k ? asInts(k.value) : undefined;
    }
    const first = args.positional[from]?.value;
    if (args.positional.length === from + 1 && first?.t === 'seq') return asInts(first);
    const out: number[] = [];
    for (const a of args.positional.slice(from)) {
      const n = asInt(a.value);
      if (n === undefined) return undefined;
      out.push(n);
    }
    return out;
  }

  /** `viaTorch`: called as `torch.sum(x, …)`, so x is a torch tensor (a method may be a NumPy array's). */
  tensorMethod(name: string, x: Value, args: ArgList, node: Node, viaTorch = false): Value {
    const r = this.tensorMethodShape(name, x, args, node, viaTorch);
    return x.t === 'tensor' ? indexDtype(name, x, args, r) : r;
  }

  private tensorMethodShape(name: string, x: Value, args: ArgList, node: Node, viaTorch: boolean): Value {
    if (x.t !== 'tensor') return x.t === 'unknown' ? x : unknown(`.${name}() on a non-tensor`, `对非张量调用 .${name}()`);
    // `x.sum(*dims)` with dims the analysis cannot list: which dimensions go is not known (a method
    // whose arguments never change the shape, `x.to(*a)`, keeps it).
    if (args.unknownRest && !SHAPE_KEEPING_CALLS.has(name)) return unknown(`.${name}() with arguments the analysis cannot list`, `.${name}() 的参数无法列出`);
    // `scatter(dim, index, value=top)` with a tensor of values: PyTorch takes a number (or a 0-d tensor) there, a tensor as src=.
    const value = name === 'scatter' || name === 'scatter_' ? args.keyword.get('value')?.value : undefined;
    if (value?.t === 'tensor' && value.shape.length > 0) {
      const why = { en: `${name}(value=…) gets a tensor of shape ${fmtShape(value.shape)}: PyTorch takes a number there (TypeError); a tensor of values goes in src=`, 'zh-cn': `${name}(value=…) 得到形状为 ${fmtShape(value.shape)} 的张量：PyTorch 在此只接受数值（TypeError）；张量应传给 src=` };
      this.reportAt(node, why);
      return unknown(why.en, why['zh-cn']);
    }
    const shape = x.shape;
    const r = shape.length;
    const kw = (k: string): Value | undefined => args.keyword.get(k)?.value;
    const dimArg = (i: number, k = 'dim'): number | undefined => asInt(args.positional[i]?.value ?? kw(k));
    const norm = (d: number, rank = r): number => (d < 0 ? d + rank : d);
    // No keyword but these (a numpy array's same-named method takes others: `axis1=`).
    const onlyKw = (...names: string[]): boolean => [...args.keyword.keys()].every((k) => names.includes(k));
    switch (name) {
      case 'view':
      case 'reshape': {
        const dims = this.intArgs(args);
        if (!dims) return unknown(`${name}() with sizes the analysis cannot compute`, `${name}() 的尺寸无法计算`);
        const out = this.reshape(shape, dims, node, args, name);
        if (name === 'view' && out.t === 'tensor' && isStrided(x) && viewsFreshPermute(node) && !viewFits(shape, stridesOf(x)!, out.shape)) {
          const why = {
            en: `view(${dims.join(', ')}) of a ${fmtShape(shape)} tensor that transpose/permute left non-contiguous: PyTorch cannot view it (RuntimeError: view size is not compatible with input tensor's size and stride); use .reshape(…) or .contiguous().view(…)`,
            'zh-cn': `view(${dims.join(', ')})：这个 ${fmtShape(shape)} 张量经 transpose/permute 后内存不连续，PyTorch 无法对其 view（RuntimeError：view size is not compatible with input tensor's size and stride）；请改用 .reshape(…) 或 .contiguous().view(…)`,
          };
          this.reportAt(node, why);
          return unknown(why.en, why['zh-cn']);
        }
        // (A view or reshape of a contiguous tensor is contiguous.)
        return out !== x && stridesOf(x) && !isStrided(x) ? madeContiguous(out) : out;
      }
      case 'flatten':
        return flattenShape(shape, dimArg(0, 'start_dim') ?? 0, asInt(args.positional[1]?.value ?? kw('end_dim')) ?? -1, node.startPosition.row);
      // (numpy's ravel takes `order=`, which changes the values' order, not the shape.)
      case 'ravel':
        return args.positional.length === 0 && onlyKw('order') ? tensor([shape.reduce((a, b) => a * b, 1)]) : unknown('ravel() with arguments', 'ravel() 带参数');
      case 'transpose':
      case 'swapaxes':
      case 'swapdims': {
        // numpy's `arr.transpose(2, 0, 1)` / `arr.transpose((2, 0, 1))` / `arr.transpose()` permute
        // (or reverse) every axis; torch's transpose takes exactly two dims, which it swaps.
        if (name === 'transpose' && args.keyword.size === 0 && !args.unknownRest && (args.positional.length === 0 || args.positional.length > 2 || (args.positional.length === 1 && args.positional[0]!.value.t === 'seq'))) {
          if (args.positional.length === 0) return tensor([...shape].reverse());
          const axes = asInts(args.positional.length === 1 ? args.positional[0]!.value : { t: 'seq', items: args.positional.map((p) => p.value), tuple: true });
          if (!axes) return unknown('transpose axes unknown', 'transpose 轴未知');
          const order = axes.map((d) => (d < 0 ? d + r : d));
          if (order.length !== r || new Set(order).size !== r || order.some((d) => d < 0 || d >= r)) return unknown(`transpose: axes ${axes.join(', ')} do not match an array of ${r} dimensions (numpy raises)`, `transpose：轴 ${axes.join(', ')} 与 ${r} 维数组不符（numpy 会报错）`);
          return tensor(order.map((d) => shape[d]!));
        }
        // swapaxes names its dims axis0 / axis1; transpose and swapdims dim0 / dim1.
        const a = dimArg(0, name === 'swapaxes' ? 'axis0' : 'dim0');
        const b = asInt(args.positional[1]?.value ?? kw(name === 'swapaxes' ? 'axis1' : 'dim1'));
        if (a === undefined || b === undefined) return unknown('transpose dims unknown', 'transpose 维度未知');
        const out = [...shape];
        const i = norm(a);
        const j = norm(b);
        if (i < 0 || j < 0 || i >= r || j >= r) return this.dimError(node, name, shape);
        [out[i], out[j]] = [shape[j] ?? 0, shape[i] ?? 0];
        const order = shape.map((_, d) => (d === i ? j : d === j ? i : d));
        return madePermuted(x, order, tensor(out));
      }
      case 't':
        return r < 2 ? x : madePermuted(x, [1, 0], tensor([shape[1] ?? 0, shape[0] ?? 0]));
      case 'contiguous': {
        // A fresh value where the layout was another (never the receiver marked: it keeps its own).
        if (!args.unknownRest && args.positional.length === 0 && args.keyword.size === 0) return stridesOf(x) && !isStrided(x) ? x : madeContiguous({ ...x });
        return x;
      }
      case 'permute': {
        const dims = this.intArgs(args);
        if (!dims || dims.length !== r) return dims ? this.dimError(node, name, shape) : unknown('permute dims unknown', 'permute 维度未知');
        const order = dims.map((d) => norm(d));
        if (order.some((d) => d < 0 || d >= r) || new Set(order).size !== r) return tensor(dims.map((d) => shape[norm(d)] ?? 0));
        return madePermuted(x, order, tensor(order.map((d) => shape[d] ?? 0)));
      }
      case 'unsqueeze': {
        const d = dimArg(0);
        if (d === undefined) return unknown('unsqueeze dim unknown', 'unsqueeze 维度未知');
        const i = d < 0 ? d + r + 1 : d;
        if (i < 0 || i > r) return this.dimError(node, name, shape);
        return tensor([...shape.slice(0, i), 1, ...shape.slice(i)]);
      }
      case 'squeeze': {
        const d = dimArg(0);
        if (args.positional.length === 0 && !kw('dim')) return tensor(shape.filter((s) => s !== 1));
        if (d === undefined) return unknown('squeeze dim unknown', 'squeeze 维度未知');
        if (d < -Math.max(r, 1) || d >= Math.max(r, 1)) return this.dimError(node, name, shape);
        const i = norm(d);
        return shape[i] === 1 ? tensor([...shape.slice(0, i), ...shape.slice(i + 1)]) : x;
      }
      case 'add': case 'sub': case 'mul': case 'div': case 'pow': case 'add_': case 'sub_': case 'mul_': case 'div_':
      case 'atan2': case 'hypot': case 'maximum': case 'minimum': case 'fmax': case 'fmin': case 'fmod': case 'remainder':
      case 'true_divide': case 'floor_divide': case 'logaddexp': case 'subtract': case 'multiply': case 'divide':
      case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge': case 'greater': case 'less': case 'greater_equal': case 'less_equal': case 'not_equal':
      case 'logical_and': case 'logical_or': case 'logical_xor': case 'bitwise_and': case 'bitwise_or': case 'bitwise_xor': {
        // With a tensor operand the result broadcasts (in place: it must keep this tensor's shape);
        // comparisons and logical ops the same way (their result is a mask).
        const other = args.positional[0]?.value ?? args.keyword.get('other')?.value ?? args.keyword.get('exponent')?.value;
        if (other?.t === 'unknown' && other.tensorLike) return other;
        if (other?.t !== 'tensor') return x;
        const out = broadcast(shape, other.shape);
        if (!out || (name.endsWith('_') && out.join() !== shape.join())) return unknown(`${name} of shapes ${fmtShape(shape)} and ${fmtShape(other.shape)}`, `${name}：形状 ${fmtShape(shape)} 与 ${fmtShape(other.shape)}`);
        return tensor(out);
      }
      case 'narrow': {
        // narrow(dim, start, length): that many along dim, from a start that must leave room for them.
        const d = dimArg(0);
        const start = asInt(args.positional[1]?.value ?? kw('start'));
        const length = asInt(args.positional[2]?.value ?? kw('length'));
        if (d === undefined || start === undefined || length === undefined) return unknown('narrow arguments unknown', 'narrow 参数未知');
        const i = norm(d);
        const n = shape[i];
        if (n === undefined) return this.dimError(node, name, shape);
        const from = start < 0 ? start + n : start;
        if (from < 0 || length < 0 || from + length > n) return unknown(`narrow: ${length} from ${start} does not fit in ${n}`, `narrow：从 ${start} 起 ${length} 个超出 ${n}`);
        return tensor(shape.map((x, j) => (j === i ? length : x)));
      }
      case 'select': {
        const d = dimArg(0);
        const at = asInt(args.positional[1]?.value ?? kw('index'));
        if (d === undefined || at === undefined) return unknown('select arguments unknown', 'select 参数未知');
        const i = norm(d);
        const n = shape[i];
        if (n === undefined) return this.dimError(node, name, shape);
        if (at < -n || at >= n) return unknown(`select: index ${at} is out of range for size ${n}`, `select：下标 ${at} 超出大小 ${n}`);
        return tensor(shape.filter((_, j) => j !== i));
      }
      case 'movedim': case 'moveaxis': {
        // movedim(source, destination): ints or sequences of as many; the other dims keep their order.
        const src = args.positional[0]?.value ?? kw('source');
        const dst = args.positional[1]?.value ?? kw('destination');
        const list = (v: Value | undefined): number[] | undefined => (v?.t === 'num' ? (asInt(v) !== undefined ? [asInt(v)!] : undefined) : v ? asInts(v) : undefined);
        const a = list(src)?.map((d) => norm(d));
        const b = list(dst)?.map((d) => norm(d));
        if (!a || !b || a.length !== b.length || [...a, ...b].some((d) => d < 0 || d >= r) || new Set(a).size !== a.length || new Set(b).size !== b.length) return unknown(`${name} dims unknown or out of range`, `${name} 维度未知或越界`);
        const rest = shape.map((_, j) => j).filter((j) => !a.includes(j));
        const order: number[] = Array<number>(r).fill(-1);
        a.forEach((from, k) => { order[b[k]!] = from; });
        let q = 0;
        for (let j = 0; j < r; j++) if (order[j] === -1) order[j] = rest[q++]!;
        return tensor(order.map((j) => shape[j] ?? 0));
      }
      case 'unflatten': {
        // x.unflatten(dim, sizes): one size may be -1 (what the others leave of the dimension).
        const dim = dimArg(0);
        const sizes = asInts(args.positional[1]?.value ?? args.keyword.get('sizes')?.value ?? NONE);
        if (dim === undefined || !sizes) return unknown('unflatten sizes unknown', 'unflatten 尺寸未知');
        const d = norm(dim);
        const whole = shape[d];
        if (whole === undefined) return this.dimError(node, name, shape);
        const filled = unflattenSizes(whole, sizes);
        if (!filled) return unknown(`unflatten: sizes ${fmtShape(sizes)} do not make ${whole}`, `unflatten：尺寸 ${fmtShape(sizes)} 的积不是 ${whole}`);
        return tensor([...shape.slice(0, d), ...filled, ...shape.slice(d + 1)]);
      }
      case 'addcmul': case 'addcdiv': case 'addcmul_': case 'addcdiv_': case 'lerp': case 'lerp_': {
        // x + value · t1 ⊙ t2 (or t1 / t2); lerp: x + w · (end − x): every tensor operand broadcasts in.
        const operands = name.startsWith('lerp') ? [args.positional[0]?.value ?? args.keyword.get('end')?.value, args.positional[1]?.value ?? args.keyword.get('weight')?.value] : [args.positional[0]?.value ?? args.keyword.get('tensor1')?.value, args.positional[1]?.value ?? args.keyword.get('tensor2')?.value];
        let out: number[] | undefined = shape;
        for (const v of operands) {
          if (v?.t === 'unknown') return v.tensorLike ? v : unknown(`${name} of an unknown operand`, `${name} 的操作数未知`);
          if (v?.t === 'tensor') out = out && broadcast(out, v.shape);
          else if (v?.t !== 'num' || !name.startsWith('lerp')) return unknown(`${name} of operands the analysis cannot read`, `${name} 的操作数无法分析`);
        }
        if (!out || (name.endsWith('_') && out.join() !== shape.join())) return unknown(`${name}: the shapes do not broadcast to ${fmtShape(shape)}`, `${name}：形状无法广播`);
        return tensor(out);
      }
      case 'new_tensor': {
        // Data in, the same shape out, as torch.tensor (only dtype and device come from this tensor).
        const data = args.positional[0]?.value ?? args.keyword.get('data')?.value;
        if (data?.t === 'tensor') return tensor(data.shape);
        if (data?.t === 'num' || data?.t === 'bool') return tensor([]);
        const dims = data?.t === 'seq' ? nestedShape(data) : undefined;
        if (dims) return tensor(dims);
        return data?.t === 'unknown' ? data : unknown('new_tensor from data of unknown shape', '由形状未知的数据创建的 new_tensor');
      }
      case 'new_zeros': case 'new_ones': case 'new_empty': case 'new_full': {
        // A new tensor of the given size (only dtype and device come from this one).
        const size = name === 'new_full' ? asInts(args.positional[0]?.value ?? args.keyword.get('size')?.value ?? NONE) : args.keyword.has('size') ? asInts(args.keyword.get('size')!.value) : this.intArgs(args);
        if (!size || args.unknownRest || (name !== 'new_full' && args.positional.length === 0 && !args.keyword.has('size'))) return unknown(`${name} size unknown`, `${name} 尺寸未知`);
        return tensor(size);
      }
      case 'new': {
        // The legacy `x.new(B, 400)`: sizes as the legacy constructors read them (ints or a
        // torch.Size); a list is data, a tensor is copied, `x.new()` is empty.
        const pos = args.positional.map((p) => p.value);
        if (args.unknownRest || [...args.keyword.keys()].some((k) => k !== 'device' && k !== 'dtype' && k !== 'requires_grad')) return unknown('.new() with arguments the analysis cannot read', '参数无法分析的 .new()');
        if (pos.length === 0) return tensor([0]);
        const only = pos.length === 1 ? pos[0]! : undefined;
        if (only?.t === 'tensor') return tensor(only.shape);
        if (only?.t === 'seq' && only.size) return asInts(only) ? tensor(asInts(only)!) : unknown('.new() of sizes the analysis cannot read', '尺寸无法分析的 .new()');
        if (only?.t === 'seq' && !only.tuple) {
          const dims = nestedShape(only);
          return dims ? tensor(dims) : unknown('.new() of data of unknown shape', '数据形状未知的 .new()');
        }
        const sizes = pos.every((p) => p.t === 'num' && p.int && p.v >= 0) ? pos.map((p) => (p as { v: number }).v) : undefined;
        return sizes ? tensor(sizes) : unknown('.new() of sizes the analysis cannot read', '尺寸无法分析的 .new()');
      }
      // Out of place, a mask or a tensor bound broadcasts with the tensor: `zeros(L, L).masked_fill(mask[B, L, L], v)`
      // is [B, L, L]. (A number bound, or one the analysis does not know, keeps the shape: bounds are mostly numbers.)
      case 'softmax': case 'log_softmax': {
        // (A dim PyTorch refuses: IndexError. Without one, PyTorch picks it (and warns).)
        const d = dimArg(0);
        return d !== undefined && (d < -Math.max(r, 1) || d >= Math.max(r, 1)) ? this.dimError(node, name, shape) : x;
      }
      // In place (`masked_fill_`), the result must keep the tensor's shape: a bigger mask or bound is PyTorch's RuntimeError.
      case 'masked_fill': case 'masked_scatter': case 'clamp': case 'clip': case 'clamp_min': case 'clamp_max':
      case 'masked_fill_': case 'masked_scatter_': case 'clamp_': case 'clip_': case 'clamp_min_': case 'clamp_max_': {
        const base = name.replace(/_$/, '');
        const masked = base.startsWith('masked');
        const operands = masked
          ? [args.positional[0]?.value ?? kw('mask')]
          : base === 'clamp_min' || base === 'clamp_max'
            ? [args.positional[0]?.value ?? kw(base.slice(6))]
            : [args.positional[0]?.value ?? kw('min'), args.positional[1]?.value ?? kw('max')];
        // clamp(T, 1.0): PyTorch 1.13 takes both bounds as numbers or both as tensors (TypeError otherwise); a 0-d
        // tensor that is no Parameter passes as a number (`x.clamp(0.0, x.max())` runs).
        const [lo, hi] = operands;
        const tensorBound = (v: Value): boolean => v.t === 'tensor' && (v.shape.length > 0 || v.param === true);
        if (!masked && lo && hi && lo.t !== 'none' && hi.t !== 'none' && ((tensorBound(lo) && hi.t === 'num') || (tensorBound(hi) && lo.t === 'num'))) {
          // (A NumPy array's `clip` takes them mixed: only `clamp`, or `torch.clip`, is surely torch's.)
          if (base === 'clip' && !viaTorch) return unknown(`${name} with a tensor bound and a number bound: NumPy's clip takes them, torch's refuses them`, `${name} 混用张量边界与数值边界：NumPy 接受，torch 拒绝`);
          this.reportAt(node, { en: `${name} takes both bounds as numbers or both as tensors, gets a tensor and a number (a TypeError)`, 'zh-cn': `${name} 的两个边界须同为数值或同为张量，实际为一个张量和一个数值（TypeError）` }, undefined, undefined, 'TypeError');
          return unknown(`${name}: a tensor bound and a number bound`, `${name}：张量边界与数值边界混用`);
        }
        let out: number[] | undefined = shape;
        for (const v of operands) if (v?.t === 'tensor' && out) out = broadcast(out, v.shape);
        const same = out !== undefined && out.length === shape.length && out.every((d, i) => d === shape[i]);
        if (!out || (name.endsWith('_') && !same)) {
          const what = `${fmtShape(shape)} and its ${masked ? 'mask' : 'bounds'} ${operands.filter((v) => v?.t === 'tensor').map((v) => fmtShape((v as { shape: number[] }).shape)).join(', ')}`;
          if (out) this.reportAt(node, { en: `${name}: in place, the result must keep ${fmtShape(shape)}, but ${what} broadcast to ${fmtShape(out)} (a RuntimeError)`, 'zh-cn': `${name}：原地操作须保持 ${fmtShape(shape)}，但广播结果为 ${fmtShape(out)}（RuntimeError）` });
          return unknown(`${name}: ${what} do not fit`, `${name}：${fmtShape(shape)} 与其${masked ? '掩码' : '边界'}不匹配`);
        }
        return same ? x : x.t === 'tensor' && x.index ? { t: 'tensor', shape: out, index: true } : tensor(out);
      }
      // Shape-keeping methods (`astype`: numpy's dtype change, arrays share the tensor value).
      // A complex tensor's real part, its conjugate made physical: the same shape (a real tensor's real part is itself).
      case 'real': case 'conj_physical':
      case 'roll':
      case 'clone': case 'detach': case 'float': case 'double': case 'half': case 'long': case 'int': case 'bool': case 'to':
      case 'byte': case 'char': case 'short': case 'bfloat16':
      case 'cpu': case 'cuda': case 'requires_grad_': case 'type_as': case 'relu': case 'sigmoid':
      case 'tanh': case 'exp': case 'log': case 'sqrt': case 'abs': case 'neg': case 'tril': case 'triu':
      case 'fill_': case 'zero_': case 'sign':
      case 'log2': case 'log10': case 'log2_': case 'log10_': case 'log_': case 'sqrt_': case 'abs_': case 'neg_':
      case 'normal_': case 'uniform_': case 'cumsum': case 'cumprod': case 'gelu': case 'type': case 'numpy': case 'pin_memory': case 'long_': case 'float_':
      case 'argsort': case 'exp_': case 'sigmoid_': case 'tanh_': case 'relu_': case 'scatter_':
      case 'scatter': case 'index_fill_': case 'bernoulli_': case 'bernoulli': case 'reciprocal': case 'rsqrt': case 'square': case 'sin': case 'cos':
      case 'floor': case 'ceil': case 'round': case 'trunc': case 'frac': case 'log1p': case 'expm1': case 'silu': case 'erf': case 'softplus':
      case 'to_dense': case 'to_sparse': case 'coalesce': case 'share_memory_': case 'requires_grad': case 'astype':
      case 'cumsum_': case 'cumprod_': case 'tan': case 'tan_': case 'sin_': case 'cos_': case 'atan': case 'asin': case 'acos':
      case 'atanh': case 'asinh': case 'acosh': case 'sinh': case 'cosh': case 'arctan': case 'arcsin': case 'arccos': case 'arctanh': case 'exp2':
      case 'logit': case 'erfc': case 'erfinv': case 'lgamma': case 'digamma': case 'sgn': case 'nan_to_num': case 'deg2rad': case 'rad2deg':
      case 'conj': case 'resolve_conj': case 'resolve_neg': case 'angle':
        return x;
      // `images.resize_(n, 1, 784)` (through its out-of-place name): the sizes given, whatever the
      // element count (PyTorch grows or keeps the storage); `resize_as_(other)`: other's.
      case 'resize': {
        const dims = args.keyword.size === 0 ? this.intArgs(args) : undefined;
        return dims && dims.every((d) => d >= 0) ? tensor(dims) : unknown('resize_ to sizes the analysis does not know', 'resize_ 的尺寸未知');
      }
      case 'resize_as': {
        const other = args.positional[0]?.value;
        return other?.t === 'tensor' && args.positional.length === 1 ? tensor(other.shape) : unknown('resize_as_ of an unknown tensor', 'resize_as_ 的参数未知');
      }
      case 'view_as': case 'reshape_as': case 'expand_as': {
        const other = args.positional[0]?.value;
        if (other?.t !== 'tensor') return other?.t === 'unknown' ? other : unknown(`${name} of an unknown tensor`, `${name} 的参数未知`);
        // (expand_as is expand to the other's sizes, with expand's checks: `[N, C, 1]` to `[N, C, H, W]` is refused.)
        if (name === 'expand_as') return this.tensorMethodShape('expand', x, { positional: [{ value: { t: 'seq', items: other.shape.map((d) => num(d, true)), tuple: true } }], keyword: new Map() }, node, viaTorch);
        return this.reshape(shape, other.shape, node, args, name);
      }
      case 'item':
        return unknown('a tensor\'s value', '张量的数值', false);
      case 'size': {
        const d = dimArg(0);
        if (args.positional.length === 0 && !kw('dim')) return { t: 'seq', items: shape.map((s) => num(s, true)), tuple: true, size: true };
        if (d === undefined) return unknown('size dim unknown', 'size 维度未知', false);
        const v = shape[norm(d)];
        return v === undefined ? this.dimError(node, name, shape) : num(v, true);
      }
      case 'dim':
        return num(r, true);
      case 'numel':
        return num(product(shape), true);
      case 'mean': case 'sum': case 'std': case 'var': case 'amax': case 'amin': case 'prod': case 'norm': case 'argmax': case 'argmin': case 'max': case 'min': case 'logsumexp':
      case 'var_mean': case 'std_mean': case 'nansum': {
        // (dim, keepdim) for most; norm(p, dim, keepdim) and std/var(dim, unbiased, keepdim) take keepdim third.
        const third = name === 'norm' || name === 'std' || name === 'var' || name === 'var_mean' || name === 'std_mean';
        // `x.std(False)`: a bool first is std / var's `unbiased`, over every dim (their other signature).
        const unbiasedFirst = third && name !== 'norm' && args.positional[0]?.value.t === 'bool';
        if (unbiasedFirst) return args.positional.length === 1 && !kw('dim') && !kw('keepdim') ? (name === 'var_mean' || name === 'std_mean' ? { t: 'seq', items: [tensor([]), tensor([])], tuple: true } : tensor([])) : unknown(`${name}(unbiased, …) with more arguments the analysis does not read`, `${name}(unbiased, …) 的其余参数无法分析`);
        const dArg = name === 'norm' ? args.positional[1]?.value ?? kw('dim') : args.positional[0]?.value ?? kw('dim');
        // `keepdims=` is PyTorch's other spelling (numpy's), taken by every reduction here but norm, which raises on it.
        if (name === 'norm' && kw('keepdims')) return unknown('norm() takes keepdim, not keepdims (PyTorch raises)', 'norm() 只接受 keepdim，不接受 keepdims（PyTorch 会报错）');
        const keepArg = kw('keepdim') ?? kw('keepdims') ?? args.positional[third ? 2 : 1]?.value;
        if (keepArg !== undefined && keepArg.t !== 'bool') return unknown(`${name}: keepdim the analysis cannot read`, `${name}：keepdim 无法分析`);
        const keep = keepArg?.v === true;
        const both = (t: Value): Value => (name === 'var_mean' || name === 'std_mean' ? { t: 'seq', items: [t, t], tuple: true } : t);
        if (!dArg || dArg.t === 'none') return both(tensor([]));
        const dims = asInts(dArg);
        if (!dims) return unknown(`${name} dim unknown`, `${name} 维度未知`);
        if (dims.length === 0) {
          // An empty dim list (`dim=tuple(range(2, t.dim()))` on a 2-D tensor) reduces every dim in PyTorch 1.13;
          // prod / argmax / max / min refuse a list (TypeError) and logsumexp fails without keepdim.
          if (!FULL_ON_EMPTY_DIMS.has(name) || (name === 'logsumexp' && !keep)) return unknown(`${name} over an empty list of dims (PyTorch 1.13 refuses it here)`, `${name} 的 dim 为空列表（PyTorch 1.13 在此报错）`);
          // (NumPy reduces over no axis at all: `a.sum(axis=())` keeps the array. Only `dim=` or `torch.sum` is surely torch's.)
          if (!viaTorch && (kw('dim') === undefined || FROM_AXIS.has(args))) return unknown(`${name} over an empty list of dims: a torch tensor reduces every dim, a NumPy array none`, `${name} 的维度为空列表：torch 张量归约所有维，NumPy 数组不归约`);
          return tensor(keep ? shape.map(() => 1) : []);
        }
        if (dims.some((d) => d < -Math.max(r, 1) || d >= Math.max(r, 1))) return this.dimError(node, name, shape);
        const set = new Set(dims.map((d) => (r === 0 ? 0 : norm(d))));
        if (set.size !== dims.length) return this.repeatedDim(node, name, dims);
        const out = keep ? shape.map((s, i) => (set.has(i) ? 1 : s)) : shape.filter((_, i) => !set.has(i));
        if ((name === 'max' || name === 'min') && dims.length === 1) return { t: 'seq', items: [tensor(out), tensor(out)], tuple: true };
        return both(tensor(out));
      }
      case 'flip': {
        // flip(dims): the same shape; every dim named must exist.
        const dims = asInts(args.positional.length > 1 ? { t: 'seq', items: args.positional.map((a) => a.value), tuple: true } : (args.positional[0]?.value ?? kw('dims')));
        if (!dims || args.unknownRest || dims.some((d) => d < -Math.max(r, 1) || d >= Math.max(r, 1))) return unknown('flip with dims the analysis cannot read', 'dims 无法分析的 flip');
        return x;
      }
      case 'gather': {
        // gather(dim, index): the index's shape, which must have this tensor's rank.
        const d = dimArg(0);
        const index = args.positional[1]?.value ?? kw('index');
        if (index?.t !== 'tensor' || d === undefined || d < -Math.max(r, 1) || d >= Math.max(r, 1)) return index?.t === 'unknown' ? index : unknown('gather with a dim or index the analysis cannot read', 'dim 或 index 无法分析的 gather');
        if (index.shape.length !== r) return unknown(`gather: an index of rank ${index.shape.length} for a tensor of rank ${r}`, `gather：索引的维数 ${index.shape.length} 与张量的 ${r} 不同`);
        return tensor(index.shape);
      }
      case 'sort': case 'topk': {
        // (values, indices), both of one shape: sort keeps it; topk(k, dim=-1) has k along dim (k larger than it raises).
        const k = name === 'topk' ? asInt(args.positional[0]?.value ?? kw('k')) : undefined;
        const dv = name === 'topk' ? args.positional[1]?.value ?? kw('dim') : args.positional[0]?.value ?? kw('dim');
        const d = dv === undefined || dv.t === 'none' ? -1 : asInt(dv);
        if (args.unknownRest || d === undefined || (name === 'topk' && k === undefined) || (r > 0 ? d < -r || d >= r : d < -1 || d > 0)) return unknown(`${name} with arguments the analysis cannot read`, `参数无法分析的 ${name}`);
        const at = r === 0 ? -1 : norm(d);
        if (k !== undefined && (k < 0 || k > (r === 0 ? 1 : shape[at]!))) return unknown(`topk: k=${k} is out of range for ${fmtShape(shape)}`, `topk：k=${k} 超出 ${fmtShape(shape)} 的范围`);
        const out = k === undefined ? shape : shape.map((s, i) => (i === at ? k : s));
        return { t: 'seq', items: [tensor(out), tensor(out)], tuple: true };
      }
      case 'expand': {
        const dims = this.intArgs(args);
        if (!dims) return unknown('expand sizes unknown', 'expand 尺寸未知');
        const offset = dims.length - r;
        // PyTorch's checks: no fewer sizes than dims, -1 only over an existing dim, and an existing size other than 1 kept.
        // (PyTorch checks from the last dim, and names the first it meets.)
        let last = -1;
        for (let i = dims.length - 1; i >= 0 && last === -1 && offset >= 0; i--) {
          const d = dims[i]!;
          if (i < offset ? d < 0 : d !== -1 && shape[i - offset] !== 1 && shape[i - offset] !== d) last = i;
        }
        const bad = offset < 0 ? 'fewer sizes than the tensor has dims' : last;
        if (bad !== -1) {
          const why = typeof bad === 'string' ? bad : bad < offset ? `-1 is not allowed for the new leading dim ${bad}` : `the expanded size ${dims[bad]} must match the existing size ${shape[bad - offset]} at non-singleton dimension ${bad}`;
          this.reportAt(node, { en: `expand(${dims.join(', ')}) of ${fmtShape(shape)}: ${why} (a RuntimeError)`, 'zh-cn': `对 ${fmtShape(shape)} 的 expand(${dims.join(', ')})：尺寸不合法（RuntimeError）` });
          return unknown(`expand: ${why}`, 'expand：尺寸不合法');
        }
        return tensor(dims.map((d, i) => (d === -1 ? (shape[i - offset] ?? 0) : d)));
      }
      case 'index_select': {
        // (dim, index): that dimension becomes the 1-D index's length (0-d index: one row).
        const d = dimArg(0);
        const index = args.positional[1]?.value ?? kw('index');
        if (d === undefined || index?.t !== 'tensor' || index.shape.length > 1 || d < -Math.max(r, 1) || d >= Math.max(r, 1)) return index?.t === 'unknown' ? index : unknown('index_select with a dim or index the analysis cannot read', 'dim 或 index 无法分析的 index_select');
        if (r === 0) return (index.shape[0] ?? 1) === 1 ? tensor([]) : unknown('index_select: a 0-d tensor has one element', 'index_select：0 维张量只有一个元素');
        return tensor(shape.map((s, i) => (i === norm(d) ? (index.shape[0] ?? 1) : s)));
      }
      case 'repeat': {
        // (`cls_token.repeat(repeats=(B, 1, 1))`: the sizes by their keyword.)
        const byKeyword = args.positional.length === 0 && !args.unknownRest ? args.keyword.get('repeats') : undefined;
        const dims = byKeyword ? asInts(byKeyword.value) : this.intArgs(args);
        if (!dims || dims.length < r) return unknown('repeat sizes unknown', 'repeat 尺寸未知');
        const padded = [...Array<number>(dims.length - r).fill(1), ...shape];
        return tensor(padded.map((s, i) => s * (dims[i] ?? 1)));
      }
      case 'diag': {
        // diag(diagonal=0): a vector → the square matrix with it on that diagonal; a matrix → that diagonal.
        const kv = args.positional[0]?.value ?? kw('diagonal');
        const k = kv === undefined ? 0 : asInt(kv);
        if (k === undefined || args.unknownRest || (r !== 1 && r !== 2)) return unknown('diag of a tensor or diagonal the analysis cannot read', 'diag 的张量或对角线无法分析');
        if (r === 1) return tensor([shape[0]! + Math.abs(k), shape[0]! + Math.abs(k)]);
        const [m, n] = shape as [number, number];
        return tensor([Math.max(0, k >= 0 ? Math.min(m, n - k) : Math.min(m + k, n))]);
      }
      case 'tile': {
        // tile(dims): like repeat, but fewer dims than the tensor has are padded with 1s in front.
        const dims = args.positional.length === 1 && args.positional[0]!.value.t === 'seq' ? asInts(args.positional[0]!.value) : args.positional.length === 0 ? asInts(kw('dims')) : this.intArgs(args);
        if (!dims || args.unknownRest) return unknown('tile sizes unknown', 'tile 尺寸未知');
        const n = Math.max(dims.length, r);
        const reps = [...Array<number>(n - dims.length).fill(1), ...dims];
        const padded = [...Array<number>(n - r).fill(1), ...shape];
        return tensor(padded.map((s, i) => s * reps[i]!));
      }
      case 'repeat_interleave':
        return this.repeatInterleave(x, args, node);
      case 'outer': case 'ger': {
        // outer(vec2): [n] × [m] → [n, m]; both must be 1-D.
        const v = args.positional[0]?.value ?? kw('vec2');
        if (v?.t !== 'tensor' || r !== 1 || v.shape.length !== 1) return v?.t === 'unknown' ? v : unknown(`${name} needs two 1-D tensors`, `${name} 需要两个一维张量`);
        return tensor([shape[0]!, v.shape[0]!]);
      }
      case 'inner': {
        // Over the last dims: [*a, k] and [*b, k] → [*a, *b] (a 0-d side is a product, not followed).
        const v = args.positional[0]?.value ?? kw('other');
        if (v?.t !== 'tensor' || r === 0 || v.shape.length === 0) return v?.t === 'unknown' ? v : unknown('inner of tensors the analysis cannot read', '无法分析的 inner');
        if (shape[r - 1] !== v.shape[v.shape.length - 1]) return unknown(`inner: last sizes of ${fmtShape(shape)} and ${fmtShape(v.shape)} differ`, `inner：${fmtShape(shape)} 与 ${fmtShape(v.shape)} 的最后一维不同`);
        return tensor([...shape.slice(0, -1), ...v.shape.slice(0, -1)]);
      }
      case 'dot': case 'vdot': case 'mv': {
        // dot / vdot: two 1-D tensors of one length → a 0-d tensor; mv: [n, m] · [m] → [n].
        const v = args.positional[0]?.value ?? kw(name === 'mv' ? 'vec' : 'other') ?? kw('tensor');
        if (v?.t !== 'tensor') return v?.t === 'unknown' ? v : unknown(`${name} of something that is not a tensor`, `${name} 的参数不是张量`);
        const want = name === 'mv' ? r === 2 && v.shape.length === 1 && shape[1] === v.shape[0] : r === 1 && v.shape.length === 1 && shape[0] === v.shape[0];
        if (!want) {
          // (Not reported for dot: a numpy array's `a.dot(b)` of matrices is their product.)
          if (name === 'mv') this.reportAt(node, { en: `${name}: ${fmtShape(shape)} and ${fmtShape(v.shape)} do not fit`, 'zh-cn': `${name}：${fmtShape(shape)} 与 ${fmtShape(v.shape)} 不匹配` });
          return unknown(`${name}: ${fmtShape(shape)} and ${fmtShape(v.shape)} do not fit`, `${name}：${fmtShape(shape)} 与 ${fmtShape(v.shape)} 不匹配`);
        }
        return tensor(name === 'mv' ? [shape[0]!] : []);
      }
      // spmm: a sparse matrix times a dense one, the shapes of a matrix product.
      case 'matmul':
      case 'bmm':
      case 'mm':
        return this.strictMatmul(name, x, args.positional[0]?.value ?? NONE, node);
      case 'spmm':
        return this.matmul(x, args.positional[0]?.value ?? NONE, node);
      case 'unfold': {
        // x.unfold(dimension, size, step): that dimension becomes the number of windows, and a last dim of `size`.
        const at = dimArg(0, 'dimension');
        const size = asInt(args.positional[1]?.value ?? kw('size'));
        const step = asInt(args.positional[2]?.value ?? kw('step'));
        if (at === undefined || size === undefined || step === undefined || step < 1 || size < 0 || r === 0) return unknown('unfold with arguments the analysis does not know', 'unfold 的参数未知');
        const d = norm(at);
        if (d < 0 || d >= r) return this.dimError(node, 'unfold', shape);
        const windows = convOutLength(shape[d]!, size, step, 0, 1);
        if (!(windows >= 1)) return unknown(`unfold: windows of ${size} do not fit dimension ${at} of ${fmtShape(shape)}`, `unfold：大小为 ${size} 的窗口放不进 ${fmtShape(shape)} 的第 ${at} 维`);
        return tensor([...shape.slice(0, d), windows, ...shape.slice(d + 1), size]);
      }
      case 'unbind': {
        // One tensor per index of `dim`, without that dim.
        const at = args.positional[0] || kw('dim') ? dimArg(0) : 0;
        const d = at === undefined ? undefined : norm(at);
        const len = d === undefined ? undefined : shape[d];
        if (d === undefined || len === undefined || d < 0) return at === undefined ? unknown('unbind along an unknown dim', '沿未知维度 unbind') : this.dimError(node, 'unbind', shape);
        if (len > MAX_ITEMS) return unknown(`unbind into ${len} tensors is not followed`, `不分析拆成 ${len} 个张量的 unbind`);
        return { t: 'seq', items: Array.from({ length: len }, () => tensor(shape.filter((_, i) => i !== d))), tuple: true };
      }
      case 'chunk': case 'split': {
        const first = args.positional[0]?.value ?? kw(name === 'chunk' ? 'chunks' : 'split_size') ?? kw('split_size_or_sections');
        const d = norm(dimArg(1) ?? 0);
        const len = shape[d];
        // `x.split([d_inner, d_inner], dim=-1)`: pieces of the listed sizes, which must add up to the dimension.
        const sections = name === 'split' && first?.t === 'seq' ? asInts(first) : undefined;
        if (sections && len !== undefined) {
          if (sections.some((x) => x < 0) || sections.reduce((a, b) => a + b, 0) !== len || sections.length > MAX_ITEMS) return unknown(`split sizes ${sections.join(', ')} do not add up to ${len}`, `split 的尺寸 ${sections.join(', ')} 之和不等于 ${len}`);
          return { t: 'seq', items: sections.map((k) => tensor(shape.map((x, i) => (i === d ? k : x)))), tuple: true };
        }
        const n = asInt(first);
        if (n === undefined || len === undefined || n <= 0) return unknown(`${name} unknown`, `${name} 未知`);
        const size = name === 'chunk' ? Math.ceil(len / n) : n;
        const items: Value[] = [];
        for (let start = 0; start < len && items.length < MAX_ITEMS; start += size) items.push(tensor(shape.map((s, i) => (i === d ? Math.min(size, len - start) : s))));
        return { t: 'seq', items, tuple: true };
      }
      case 'rot90': {
        // rot90(k=1, dims=[0, 1]): an odd number of quarter turns swaps the two sizes; two distinct dims of a tensor of rank ≥ 2.
        const k = asInt(args.positional[0]?.value ?? kw('k') ?? num(1));
        const dims = asInts(args.positional[1]?.value ?? kw('dims') ?? { t: 'seq', items: [num(0), num(1)], tuple: false });
        if (args.unknownRest || k === undefined || !dims || !onlyKw('k', 'dims')) return unknown('rot90 with arguments the analysis cannot read', '参数无法分析的 rot90');
        if (r < 2 || dims.length !== 2) return unknown(`rot90 needs two dims of a tensor of rank 2 or more, gets dims ${fmtShape(dims)} for ${fmtShape(shape)}`, `rot90 需要秩不小于 2 的张量上的两个维度，实际为 ${fmtShape(dims)} 与 ${fmtShape(shape)}`);
        const [i, j] = [norm(dims[0]!), norm(dims[1]!)];
        if (i < 0 || j < 0 || i >= r || j >= r) return this.dimError(node, name, shape);
        if (i === j) return unknown('rot90: the two rotation dims are the same', 'rot90：两个旋转维度相同');
        const out = [...shape];
        if (((k % 4) + 4) % 2 === 1) [out[i], out[j]] = [shape[j]!, shape[i]!];
        return tensor(out);
      }
      case 'tensor_split': case 'hsplit': case 'vsplit': case 'dsplit': {
        // tensor_split(sections | indices, dim=0): n sections, the first len % n one longer; indices
        // cut where Python slices would. hsplit / vsplit / dsplit: dim 1 (0 for 1-D) / 0 / 2, and n
        // sections must divide that dim evenly.
        const first = args.positional[0]?.value ?? kw('sections') ?? kw('indices');
        const need = name === 'vsplit' ? 2 : name === 'dsplit' ? 3 : 1;
        const at = name === 'tensor_split' ? (args.positional[1] || kw('dim') ? dimArg(1) : 0) : name === 'hsplit' ? (r === 1 ? 0 : 1) : name === 'vsplit' ? 0 : 2;
        if (args.unknownRest || first === undefined || first.t === 'tensor' || at === undefined || (name !== 'tensor_split' && (args.positional.length > 1 || kw('dim')))) return unknown(`${name} with arguments the analysis cannot read`, `参数无法分析的 ${name}`);
        if (r < need) return unknown(`${name} needs a tensor of rank ${need} or more, gets ${fmtShape(shape)}`, `${name} 需要秩不小于 ${need} 的张量，实际为 ${fmtShape(shape)}`);
        const d = norm(at);
        if (d < 0 || d >= r) return this.dimError(node, name, shape);
        const len = shape[d]!;
        const piece = (n: number): Value => tensor(shape.map((s, i) => (i === d ? n : s)));
        const n = asInt(first);
        if (first.t === 'num') {
          if (n === undefined || n <= 0 || n > MAX_ITEMS) return unknown(`${name}: ${first.v} sections`, `${name}：${first.v} 段`);
          if (name !== 'tensor_split' && len % n !== 0) return unknown(`${name}: ${len} does not split into ${n} equal sections`, `${name}：${len} 不能均分为 ${n} 段`);
          return { t: 'seq', items: Array.from({ length: n }, (_, i) => piece(Math.floor(len / n) + (i < len % n ? 1 : 0))), tuple: true };
        }
        const cuts = asInts(first);
        if (!cuts || first.t !== 'seq' || cuts.length >= MAX_ITEMS) return unknown(`${name} with indices the analysis cannot read`, `${name} 的下标无法分析`);
        const clip = (c: number): number => Math.min(Math.max(c < 0 ? c + len : c, 0), len);
        const bounds = [0, ...cuts.map(clip), len];
        return { t: 'seq', items: bounds.slice(1).map((end, i) => piece(Math.max(0, end - bounds[i]!))), tuple: true };
      }
      case 'kron': {
        // Kronecker product: the shapes padded to one rank with leading 1s, multiplied dim by dim.
        const v = args.positional[0]?.value ?? kw('other');
        if (v?.t !== 'tensor' || args.unknownRest) return v?.t === 'unknown' ? v : unknown('kron of something that is not a tensor', 'kron 的参数不是张量');
        const n = Math.max(r, v.shape.length);
        const pad = (s: number[]): number[] => [...Array<number>(n - s.length).fill(1), ...s];
        const [a, b] = [pad(shape), pad(v.shape)];
        return tensor(a.map((s, i) => s * b[i]!));
      }
      case 'diagonal': case 'diag_embed': {
        // diagonal(offset=0, dim1=0, dim2=1): those two dims go, their diagonal's length comes last.
        // diag_embed(offset=0, dim1=-2, dim2=-1): the last dim n becomes an (n+|offset|)² matrix at dim1, dim2 of a rank one higher.
        const embed = name === 'diag_embed';
        const off = asInt(args.positional[0]?.value ?? kw('offset') ?? num(0));
        const d1 = asInt(args.positional[1]?.value ?? kw('dim1') ?? num(embed ? -2 : 0));
        const d2 = asInt(args.positional[2]?.value ?? kw('dim2') ?? num(embed ? -1 : 1));
        if (args.unknownRest || off === undefined || d1 === undefined || d2 === undefined || !onlyKw('offset', 'dim1', 'dim2')) return unknown(`${name} with arguments the analysis cannot read`, `参数无法分析的 ${name}`);
        const rank = embed ? r + 1 : r;
        const [i, j] = [norm(d1, rank), norm(d2, rank)];
        if ((!embed && r < 2) || (embed && r < 1) || i < 0 || j < 0 || i >= rank || j >= rank) return this.dimError(node, name, shape);
        if (i === j) return unknown(`${name}: the two dims are the same`, `${name}：两个维度相同`);
        if (embed) {
          const m = shape[r - 1]! + Math.abs(off);
          const rest = shape.slice(0, -1);
          const out: number[] = [];
          for (let q = 0, p = 0; q < rank; q++) out.push(q === i || q === j ? m : rest[p++]!);
          return tensor(out);
        }
        const [a, b] = [shape[i]!, shape[j]!];
        const len = Math.max(0, off >= 0 ? Math.min(a, b - off) : Math.min(a + off, b));
        return tensor([...shape.filter((_, q) => q !== i && q !== j), len]);
      }
      case 'cummax': case 'cummin': {
        // (values, indices), both of this shape, along a dim that must be given.
        const d = dimArg(0);
        if (args.unknownRest || d === undefined || !onlyKw('dim')) return unknown(`${name} with a dim the analysis cannot read`, `dim 无法分析的 ${name}`);
        if (d < -Math.max(r, 1) || d >= Math.max(r, 1)) return this.dimError(node, name, shape);
        return { t: 'seq', items: [tensor(shape), tensor(shape)], tuple: true };
      }
      case 'kthvalue': case 'median': case 'nanmedian': case 'mode': {
        // (values, indices) along dim (kthvalue / mode: -1 by default), that dim kept as 1 or dropped;
        // median() / nanmedian() without a dim: one 0-d tensor. kthvalue's k must be 1…size.
        const kth = name === 'kthvalue';
        const k = kth ? asInt(args.positional[0]?.value ?? kw('k')) : undefined;
        const off = kth ? 1 : 0;
        const dv = args.positional[off]?.value ?? kw('dim');
        const keepArg = args.positional[off + 1]?.value ?? kw('keepdim');
        if (args.unknownRest || (kth && k === undefined) || (keepArg !== undefined && keepArg.t !== 'bool') || !onlyKw('k', 'dim', 'keepdim')) return unknown(`${name} with arguments the analysis cannot read`, `参数无法分析的 ${name}`);
        if (dv === undefined && (name === 'median' || name === 'nanmedian')) return keepArg === undefined ? tensor([]) : unknown(`${name}: keepdim without a dim`, `${name}：有 keepdim 而无 dim`);
        const d = dv === undefined ? -1 : asInt(dv);
        if (d === undefined || dv?.t === 'bool') return unknown(`${name} with a dim the analysis cannot read`, `dim 无法分析的 ${name}`);
        if (d < -Math.max(r, 1) || d >= Math.max(r, 1)) return this.dimError(node, name, shape);
        const at = r === 0 ? -1 : norm(d);
        if (kth && (k! < 1 || k! > (r === 0 ? 1 : shape[at]!))) return unknown(`kthvalue: k=${k} is out of range for ${fmtShape(shape)}`, `kthvalue：k=${k} 超出 ${fmtShape(shape)} 的范围`);
        const out = keepArg?.t === 'bool' && keepArg.v ? shape.map((s, q) => (q === at ? 1 : s)) : shape.filter((_, q) => q !== at);
        return { t: 'seq', items: [tensor(out), tensor(out)], tuple: true };
      }
      case 'broadcast_to': {
        // As expand: the sizes (one tuple, or several ints), -1 keeping a size this tensor has; its sizes must be 1 or equal.
        const dims = args.positional.length === 0 ? asInts(kw('size')) : this.intArgs(args);
        if (!dims || args.unknownRest) return unknown('broadcast_to sizes unknown', 'broadcast_to 尺寸未知');
        const lead = dims.length - r;
        const out = dims.map((d, i) => (d === -1 && i >= lead ? shape[i - lead]! : d));
        if (lead < 0 || out.some((d) => d < 0) || shape.some((s, i) => s !== 1 && s !== out[i + lead])) return unknown(`broadcast_to: ${fmtShape(shape)} does not broadcast to (${dims.join(', ')})`, `broadcast_to：${fmtShape(shape)} 无法广播到 (${dims.join(', ')})`);
        return tensor(out);
      }
      case 'all': case 'any': case 'count_nonzero': {
        // all / any(dim=None, keepdim=False): one dim (PyTorch 1.13 takes no tuple); count_nonzero(dim=None): dims, no keepdim.
        const dv = args.positional[0]?.value ?? kw('dim');
        const keepArg = name === 'count_nonzero' ? undefined : args.positional[1]?.value ?? kw('keepdim');
        const extra = name === 'count_nonzero' ? args.positional.length > 1 || kw('keepdim') : args.positional.length > 2;
        if (args.unknownRest || extra || (keepArg !== undefined && keepArg.t !== 'bool') || !onlyKw('dim', 'keepdim')) return unknown(`${name} with arguments the analysis cannot read`, `参数无法分析的 ${name}`);
        if (dv === undefined || (dv.t === 'none' && name === 'count_nonzero')) return keepArg === undefined ? tensor([]) : unknown(`${name}: keepdim without a dim`, `${name}：有 keepdim 而无 dim`);
        const dims = name === 'count_nonzero' ? asInts(dv) : dv.t === 'num' ? asInts(dv) : undefined;
        if (!dims || dv.t === 'bool') return unknown(`${name} with a dim the analysis cannot read`, `dim 无法分析的 ${name}`);
        // (count_nonzero(dim=()) counts over every dim, as the reductions above do.)
        if (dims.length === 0) return tensor([]);
        const set = new Set(dims.map((d) => (r === 0 ? 0 : norm(d))));
        if (dims.some((d) => d < -Math.max(r, 1) || d >= Math.max(r, 1))) return this.dimError(node, name, shape);
        if (set.size !== dims.length) return this.repeatedDim(node, name, dims);
        return tensor(keepArg?.t === 'bool' && keepArg.v ? shape.map((s, q) => (set.has(q) ? 1 : s)) : shape.filter((_, q) => !set.has(q)));
      }
      case 'trace':
        // The sum of a matrix's diagonal: 0-d; PyTorch refuses anything but 2-D.
        return r === 2 && args.positional.length === 0 && !args.unknownRest ? tensor([]) : unknown(`trace needs a matrix, gets ${fmtShape(shape)}`, `trace 需要矩阵，实际为 ${fmtShape(shape)}`);
      case 'histc': {
        // histc(bins=100, min=0, max=0): a 1-D histogram of `bins` counts.
        const bins = asInt(args.positional[0]?.value ?? kw('bins') ?? num(100));
        if (args.unknownRest || bins === undefined || bins <= 0) return unknown('histc with a number of bins the analysis cannot read', 'bins 无法分析的 histc');
        return tensor([bins]);
      }
      case 'take_along_dim': {
        // take_along_dim(indices, dim=None): no dim, both flattened (the indices' count); with a dim,
        // indices of this rank, the other dims broadcast, that dim the indices' size.
        const idx = args.positional[0]?.value ?? kw('indices');
        const dv = args.positional[1]?.value ?? kw('dim');
        if (idx?.t !== 'tensor' || args.unknownRest) return idx?.t === 'unknown' ? idx : unknown('take_along_dim with indices the analysis cannot read', 'indices 无法分析的 take_along_dim');
        if (dv === undefined || dv.t === 'none') return tensor([product(idx.shape)]);
        const d = asInt(dv);
        if (d === undefined || dv.t === 'bool') return unknown('take_along_dim with a dim the analysis cannot read', 'dim 无法分析的 take_along_dim');
        if (idx.shape.length !== r) return unknown(`take_along_dim: indices of rank ${idx.shape.length} for a tensor of rank ${r}`, `take_along_dim：索引的秩 ${idx.shape.length} 与张量的 ${r} 不同`);
        if (d < -Math.max(r, 1) || d >= Math.max(r, 1)) return this.dimError(node, name, shape);
        const at = norm(d);
        const out = broadcast(shape.map((s, q) => (q === at ? 1 : s)), idx.shape.map((s, q) => (q === at ? 1 : s)));
        if (!out) return unknown(`take_along_dim: ${fmtShape(shape)} and indices ${fmtShape(idx.shape)} do not broadcast`, `take_along_dim：${fmtShape(shape)} 与索引 ${fmtShape(idx.shape)} 无法广播`);
        return tensor(out.map((s, q) => (q === at ? idx.shape[at]! : s)));
      }
      case 'scatter_add': case 'index_add': {
        // This tensor's shape, once the operands fit: scatter_add(dim, index, src) — index of this rank, no
        // larger than src anywhere nor than this tensor off dim; index_add(dim, index, source) — a 1-D (or 0-d)
        // index, source this shape but with the index's length along dim.
        const d = dimArg(0);
        const idx = args.positional[1]?.value ?? kw('index');
        const src = args.positional[2]?.value ?? kw(name === 'scatter_add' ? 'src' : 'source');
        for (const v of [idx, src]) if (v?.t === 'unknown') return v;
        if (args.unknownRest || d === undefined || idx?.t !== 'tensor' || src?.t !== 'tensor') return unknown(`${name} with arguments the analysis cannot read`, `参数无法分析的 ${name}`);
        if (d < -Math.max(r, 1) || d >= Math.max(r, 1)) return this.dimError(node, name, shape);
        const at = r === 0 ? 0 : norm(d);
        const fits = name === 'scatter_add'
          ? idx.shape.length === r && src.shape.length === r && idx.shape.every((s, q) => s <= src.shape[q]! && (q === at || s <= shape[q]!))
          : idx.shape.length <= 1 && src.shape.length === r && (r === 0 ? product(idx.shape) === 1 : src.shape.every((s, q) => (q === at ? s === product(idx.shape) : s === shape[q])));
        return fits ? x : unknown(`${name}: the index ${fmtShape(idx.shape)} and ${fmtShape(src.shape)} do not fit ${fmtShape(shape)}`, `${name}：索引 ${fmtShape(idx.shape)} 与 ${fmtShape(src.shape)} 不匹配 ${fmtShape(shape)}`);
      }
      case 'baddbmm': case 'addbmm': {
        // this + batch1 @ batch2 with [b, n, m] · [b, m, p]: baddbmm → [b, n, p], addbmm sums over b → [n, p];
        // this tensor broadcasts to that (not the other way round).
        const b1 = args.positional[0]?.value ?? kw('batch1');
        const b2 = args.positional[1]?.value ?? kw('batch2');
        for (const v of [b1, b2]) if (v?.t === 'unknown') return v;
        if (args.unknownRest || b1?.t !== 'tensor' || b2?.t !== 'tensor' || args.positional.length > 2) return unknown(`${name} with arguments the analysis cannot read`, `参数无法分析的 ${name}`);
        const [p, q] = [b1.shape, b2.shape];
        if (p.length !== 3 || q.length !== 3 || p[0] !== q[0] || p[2] !== q[1]) return unknown(`${name}: batches ${fmtShape(p)} and ${fmtShape(q)} do not multiply`, `${name}：批矩阵 ${fmtShape(p)} 与 ${fmtShape(q)} 无法相乘`);
        const out = name === 'baddbmm' ? [p[0]!, p[1]!, q[2]!] : [p[1]!, q[2]!];
        const b = broadcast(shape, out);
        return b && b.join() === out.join() ? tensor(out) : unknown(`${name}: ${fmtShape(shape)} does not broadcast to ${fmtShape(out)}`, `${name}：${fmtShape(shape)} 无法广播到 ${fmtShape(out)}`);
      }
      case 'cross': {
        // cross(other, dim=None): the two broadcast (of one rank); dim None is the first dim of size 3.
        const v = args.positional[0]?.value ?? kw('other');
        const dv = args.positional[1]?.value ?? kw('dim');
        if (v?.t !== 'tensor' || args.unknownRest) return v?.t === 'unknown' ? v : unknown('cross of something that is not a tensor', 'cross 的参数不是张量');
        return crossShape(shape, v.shape, dv, false);
      }
      default:
        return unknown(`tensor.${name}() is not followed by the analysis`, `分析不支持 tensor.${name}()`);
    }
  }

  /**
   * torch.einsum('bhid,bhjd->bhij', q, k): sizes by letter, checked where they meet (a size 1
   * broadcasts); `...` stands for the dims no letter names, broadcast across operands. Without
   * `->`, the output is the ellipsis dims, then the letters used once, in alphabetical order
   * (upper case first); an explicit output without `...` sums the ellipsis dims, as PyTorch 1.13 does.
   */
  private einsum(args: ArgList, node: Node): Value {
    const first = args.positional[0]?.value;
    if (args.unknownRest) return unknown('einsum of arguments the analysis cannot list', '参数无法列出的 einsum');
    if (first?.t === 'tensor' || (first?.t === 'unknown' && first.tensorLike && args.positional.length >= 2 && args.positional[1]!.value.t === 'seq')) {
      const sublist = sublistEquation(args.positional.map((a) => a.value));
      if (!sublist) return unknown('einsum in the sublist form with subscripts the analysis cannot read', '子列表形式的 einsum，下标无法分析');
      return this.einsumOf(sublist.equation, sublist.operands, node);
    }
    if (first?.t === 'unknown') return first;
    if (first?.t !== 'str') return unknown('einsum without an equation string or subscript lists', 'einsum 既无表达式字符串也无下标列表');
    const ops = args.positional.slice(1).map((a) => a.value);
    return this.einsumOf(first.v, ops.length === 1 && ops[0]?.t === 'seq' ? ops[0].items : ops, node);
  }

  private einsumOf(equation: string, tensors: Value[], node: Node): Value {
    const eq = { v: equation };
    const notTensor = tensors.find((t) => t.t !== 'tensor');
    if (notTensor) return notTensor.t === 'unknown' ? notTensor : unknown('einsum of unknown operands', 'einsum 的输入未知');
    const notFollowed = unknown(`einsum equation '${eq.v}' not followed`, `不分析 einsum 表达式 '${eq.v}'`);
    const [lhs, rhs, extra] = eq.v.replace(/\s+/g, '').split('->');
    const inputs = (lhs ?? '').split(',');
    const subscripts = (term: string): [string, string] | [string] | undefined => {
      const parts = term.split('...');
      return parts.length <= 2 && parts.every((p) => /^[a-zA-Z]*$/.test(p)) ? (parts as [string, string] | [string]) : undefined;
    };
    if (extra !== undefined || inputs.length !== tensors.length) return notFollowed;
    const size = new Map<string, number>();
    let ellipsis: number[] = [];
    for (let i = 0; i < inputs.length; i++) {
      const parts = subscripts(inputs[i]!);
      const shape = (tensors[i] as { shape: number[] }).shape;
      if (!parts) return notFollowed;
      const named = parts.join('');
      const spanned = shape.length - named.length;
      if (spanned < 0 || (parts.length === 1 && spanned !== 0)) return unknown(`einsum: '${inputs[i]}' does not match a tensor of shape ${fmtShape(shape)}`, `einsum：'${inputs[i]}' 与形状 ${fmtShape(shape)} 不符`);
      const head = parts[0].length;
      const joined = broadcast(ellipsis, shape.slice(head, head + spanned));
      if (!joined) {
        this.reportAt(node, { en: `einsum '${eq.v}': the dims '...' stands for do not broadcast (${fmtShape(ellipsis)} and ${fmtShape(shape.slice(head, head + spanned))})`, 'zh-cn': `einsum '${eq.v}'：'...' 代表的维度无法广播（${fmtShape(ellipsis)} 与 ${fmtShape(shape.slice(head, head + spanned))}）` });
        return unknown('einsum: the ellipsis dims do not broadcast', 'einsum：省略号维度无法广播');
      }
      ellipsis = joined;
      const dims = [...shape.slice(0, head), ...shape.slice(head + spanned)];
      for (let j = 0; j < named.length; j++) {
        const ch = named[j]!;
        const d = dims[j]!;
        const had = size.get(ch);
        if (had !== undefined && had !== d && had !== 1 && d !== 1) {
          this.reportAt(node, { en: `einsum '${eq.v}': '${ch}' is ${had} in one operand and ${d} in another`, 'zh-cn': `einsum '${eq.v}'：'${ch}' 在一个操作数中为 ${had}，另一个中为 ${d}` });
          return unknown('einsum sizes differ', 'einsum 尺寸不一致');
        }
        size.set(ch, had === undefined || had === 1 ? d : had);
      }
    }
    const all = inputs.join('').replace(/\./g, '');
    const outParts: [string, string] | [string] | undefined = rhs !== undefined ? subscripts(rhs) : ['', [...new Set(all)].filter((ch) => all.split(ch).length === 2).sort().join('')];
    if (!outParts || new Set(outParts.join('')).size !== outParts.join('').length) return notFollowed;
    const letterDims = (letters: string): number[] | undefined => {
      const out: number[] = [];
      for (const ch of letters) {
        const d = size.get(ch);
        if (d === undefined) return undefined;
        out.push(d);
      }
      return out;
    };
    const before = letterDims(outParts[0]);
    const after = letterDims(outParts[1] ?? '');
    if (!before || !after) return unknown(`einsum: an output letter of '${eq.v}' is not in any operand`, `einsum：'${eq.v}' 的输出字母不在任何操作数中`);
    return tensor([...before, ...(outParts.length === 2 ? ellipsis : []), ...after]);
  }

  /**
   * x.repeat_interleave(repeats, dim=None, *, output_size=None): each slice along `dim` repeated; no dim
   * flattens first. Repeats as a tensor need its values (or `output_size`); `torch.repeat_interleave(r)`
   * alone (no repeats given here) is the indices 0… each repeated by r's values.
   */
  private repeatInterleave(x: Value & { t: 'tensor' }, args: ArgList, node: Node): Value {
    const shape = x.shape;
    const kw = (k: string): Value | undefined => args.keyword.get(k)?.value;
    const reps = args.positional[0]?.value ?? kw('repeats');
    const dimV = args.positional[1]?.value ?? kw('dim');
    const outSize = kw('output_size');
    const outN = outSize === undefined || outSize.t === 'none' ? undefined : asInt(outSize);
    const cannot = unknown('repeat_interleave with arguments the analysis cannot read', '参数无法分析的 repeat_interleave');
    if (args.unknownRest || args.positional.length > 2 || (outSize !== undefined && outSize.t !== 'none' && (outSize.t !== 'num' || !outSize.int))) return cannot;
    const intVals = (v: Value): number[] | undefined => (v.t === 'tensor' && v.shape.length === 1 && v.vals?.int ? v.vals.v : undefined);
    if (reps === undefined) {
      // torch.repeat_interleave(repeats): this tensor is the repeats.
      const vals = intVals(x);
      return vals && vals.every((n) => n >= 0) ? tensor([vals.reduce((s, n) => s + n, 0)]) : unknown('torch.repeat_interleave(repeats) with repeats whose values the analysis does not know', 'torch.repeat_interleave(repeats) 的取值未知');
    }
    let base = shape;
    let d = 0;
    if (dimV === undefined || dimV.t === 'none') base = [product(shape)];
    else {
      const at = dimV.t === 'num' && dimV.int ? dimV.v : undefined;
      if (at === undefined) return cannot;
      if (shape.length === 0 || at < -shape.length || at >= shape.length) return this.dimError(node, 'repeat_interleave', shape);
      d = at < 0 ? at + shape.length : at;
    }
    const len = base[d]!;
    let total: number | undefined;
    if (reps.t === 'num' && reps.int) total = reps.v < 0 ? undefined : len * reps.v;
    else if (reps.t === 'tensor') {
      const vals = intVals(reps);
      if (vals && vals.every((n) => n >= 0) && (vals.length === 1 || vals.length === len)) total = vals.length === 1 ? len * vals[0]! : vals.reduce((s, n) => s + n, 0);
      else if (!vals && outN !== undefined && (reps.shape.length === 0 || (reps.shape.length === 1 && (reps.shape[0] === 1 || reps.shape[0] === len)))) total = outN;
      else return reps.shape.length > 1 ? cannot : unknown('repeat_interleave by a tensor of repeats whose values the analysis does not know', 'repeat_interleave 的 repeats 张量取值未知');
    } else return reps.t === 'unknown' ? reps : cannot;
    if (total === undefined) return unknown('repeat_interleave: repeats can not be negative', 'repeat_interleave：repeats 不能为负');
    if (outN !== undefined && outN !== total) return unknown(`repeat_interleave: output_size=${outN} is not the ${total} the repeats give`, `repeat_interleave：output_size=${outN} 与 repeats 得到的 ${total} 不同`);
    return tensor(base.map((s, i) => (i === d ? total! : s)));
  }

  /** mm takes two matrices, bmm two batches of matrices of one batch size (no broadcasting): anything else is PyTorch's RuntimeError. */
  private strictMatmul(op: string, a: Value, b: Value, node: Node): Value {
    if (a.t === 'tensor' && b.t === 'tensor') {
      const rank = op === 'mm' ? 2 : 3;
      if (a.shape.length !== rank || b.shape.length !== rank || (rank === 3 && a.shape[0] !== b.shape[0])) {
        this.reportAt(node, { en: `${op} takes two ${rank}-D tensors${rank === 3 ? ' of one batch size' : ''}, gets ${fmtShape(a.shape)} and ${fmtShape(b.shape)} (a RuntimeError; torch.matmul broadcasts)`, 'zh-cn': `${op} 需要两个 ${rank} 维张量${rank === 3 ? '（批大小相同）' : ''}，实际为 ${fmtShape(a.shape)} 与 ${fmtShape(b.shape)}（RuntimeError；torch.matmul 才会广播）` });
        return unknown(`${op}: not two ${rank}-D tensors`, `${op}：不是两个 ${rank} 维张量`);
      }
    }
    return this.matmul(a, b, node);
  }

  /** `x.mean((1, 1))`, `sum(dim=[1, -2])` on a 2-D tensor: PyTorch's RuntimeError. */
  private repeatedDim(node: Node, op: string, dims: number[]): Value {
    this.reportAt(node, { en: `${op}: a dim appears more than once in (${dims.join(', ')}) (a RuntimeError)`, 'zh-cn': `${op}：维度在 (${dims.join(', ')}) 中出现多次（RuntimeError）` });
    return unknown(`${op}: a dim is named twice`, `${op}：维度重复`);
  }

  private dimError(node: Node, op: string, shape: number[]): Value {
    this.reportAt(node, { en: `${op}: dimension out of range for a tensor of shape ${fmtShape(shape)} (an IndexError)`, 'zh-cn': `${op}：维度超出形状 ${fmtShape(shape)} 的范围（IndexError）` }, undefined, undefined, 'IndexError');
    return unknown(`${op}: dimension out of range`, `${op}：维度越界`);
  }

  private reshape(shape: number[], dims: number[], node: Node, args: ArgList, op: string): Value {
    const total = product(shape);
    const minus = dims.filter((d) => d === -1).length;
    if (minus > 1 || dims.some((d) => d < -1)) return unknown(`${op}: only one -1 allowed`, `${op}：只能有一个 -1`);
    const known = product(dims.filter((d) => d !== -1));
    let out: number[];
    if (minus === 1) {
      if (known === 0 || total % known !== 0) {
        // The document's CNN writes x.view(-1, 32*7*7): if the sample no longer has that many
        // features, -1 cannot absorb the difference. Offer the per-sample count as the fix.
        const perSample = shape.length > 1 ? product(shape.slice(1)) : undefined;
        const lastIdx = dims.length - 1;
        const lastArg = args.positional.length === dims.length ? args.positional[lastIdx]?.node : undefined;
        const fixable = dims.length === 2 && dims[0] === -1 && perSample !== undefined && lastArg !== undefined;
        const factors = shape.slice(1);
        const how = factors.length > 1 ? ` = ${factors.join('·')}` : '';
        this.reportAt(
          node,
          {
            en: `${op}(${dims.join(', ')}): ${total} elements ${fmtShape(shape)} cannot be split into rows of ${known}; each sample has ${perSample ?? '?'}${how} values`,
            'zh-cn': `${op}(${dims.join(', ')})：${total} 个元素 ${fmtShape(shape)} 不能按每行 ${known} 个拆分；每个样本有 ${perSample ?? '?'}${how} 个值`,
          },
          fixable ? { argNode: lastArg, text: factors.length > 1 ? factors.join(' * ') : String(perSample), what: `the ${op} size` } : undefined,
          { expected: known, actual: total },
        );
        return unknown(`${op} sizes do not divide the ${total} elements`, `${op} 的尺寸不能整除 ${total} 个元素`);
      }
      out = dims.map((d) => (d === -1 ? total / known : d));
    } else {
      if (known !== total) {
        this.reportAt(node, { en: `${op}(${dims.join(', ')}) needs ${known} elements, the tensor ${fmtShape(shape)} has ${total}`, 'zh-cn': `${op}(${dims.join(', ')}) 需要 ${known} 个元素，张量 ${fmtShape(shape)} 有 ${total} 个` }, undefined, { expected: known, actual: total });
        return unknown(`${op} size mismatch`, `${op} 尺寸不匹配`);
      }
      out = dims;
    }
    // Remember which dims were merged into the last one ("2048 = 32·8·8").
    const last = out[out.length - 1] ?? 0;
    for (let i = 1; i < shape.length - 1; i++) {
      const factors = shape.slice(i);
      if (product(factors) === last && out.length - 1 === i) return tensor(out, { factors, line: node.startPosition.row });
    }
    return tensor(out);
  }

  torchFunction(name: string, args: ArgList, node: Node): Value {
    const short = name.replace(/^torch\.nn\.functional\./, 'F.').replace(/^torch\./, '');
    const x = args.positional[0]?.value;
    // `torch.sum(x, *dims)`: as for a method (the tensor, listed before the star, keeps its place).
    if (args.unknownRest && !SHAPE_KEEPING_CALLS.has(short.replace(/^F\./, ''))) return unknown(`${short}() with arguments the analysis cannot list`, `${short}() 的参数无法列出`);
    // (A starred argument the analysis cannot list stays with the rest: `torch.zeros(1, *shape)` is not [1].)
    const more = args.unknownRest ? { unknownRest: args.unknownRest } : {};
    const rest: ArgList = { positional: args.positional.slice(1), keyword: args.keyword, ...more };
    const pool = (kind: string): Value => {
      // F.max_poolNd takes ceil_mode before return_indices; nn.MaxPoolNd the other way round.
      const named = /^MaxPool[123]d$/.test(kind) && rest.positional.length > 4 ? { positional: rest.positional.slice(0, 4), keyword: new Map([...rest.keyword, ...rest.positional.slice(4, 6).map((a, i): [string, Arg] => [i === 0 ? 'ceil_mode' : 'return_indices', a])]) } : rest;
      const layer = buildTorchLayer(kind, named);
      if (!layer || !x) return unknown(short, short);
      const r = layer.apply([x]);
      for (const p of r.problems) this.reportAt(node, p.message);
      return r.output;
    };
    const refusedP = DROPOUT_FUNCTIONS.test(short) ? dropoutOutOfRange(short, args) : undefined;
    if (refusedP) {
      this.reportAt(node, refusedP, undefined, undefined, 'ValueError');
      return unknown(refusedP.en, refusedP['zh-cn']);
    }
    switch (short.replace(/^(?:F\.|nn\.functional\.)/, 'F.').replace(/^(max_pool|avg_pool|adaptive_avg_pool|adaptive_max_pool)/, 'F.$1')) {
      case 'F.max_pool1d': return pool('MaxPool1d');
      case 'F.max_pool2d': return pool('MaxPool2d');
      case 'F.avg_pool1d': return pool('AvgPool1d');
      case 'F.avg_pool2d': return pool('AvgPool2d');
      case 'F.adaptive_avg_pool1d': return pool('AdaptiveAvgPool1d');
      case 'F.adaptive_avg_pool2d': return pool('AdaptiveAvgPool2d');
      case 'F.adaptive_max_pool2d': return pool('AdaptiveMaxPool2d');
      case 'F.max_pool3d': return pool('MaxPool3d');
      case 'F.avg_pool3d': return pool('AvgPool3d');
      case 'F.adaptive_max_pool1d': return pool('AdaptiveMaxPool1d');
      case 'F.adaptive_avg_pool3d': return pool('AdaptiveAvgPool3d');
      case 'F.l1_loss': case 'F.mse_loss': case 'F.smooth_l1_loss': case 'F.huber_loss': case 'F.kl_div': case 'F.binary_cross_entropy':
      case 'F.binary_cross_entropy_with_logits': case 'F.cross_entropy': case 'F.nll_loss': case 'F.cosine_similarity': case 'F.pairwise_distance': {
        // The functional forms take the module's settings in the same order, after the two tensors.
        const kind = FUNCTIONAL_LAYERS[short]!;
        const two = args.positional[1]?.value ?? args.keyword.get(kind === 'CosineSimilarity' || kind === 'PairwiseDistance' ? 'x2' : 'target')?.value;
        const one = x ?? args.keyword.get(kind === 'CosineSimilarity' || kind === 'PairwiseDistance' ? 'x1' : 'input')?.value;
        const layer = buildTorchLayer(kind, { positional: args.positional.slice(2), keyword: new Map([...args.keyword].filter(([k]) => !['input', 'target', 'x1', 'x2'].includes(k))), ...more });
        if (!layer || !one) return unknown(short, short);
        const r = layer.apply([one, two ?? NONE]);
        for (const p of [...layer.problems, ...r.problems]) this.reportAt(node, p.message);
        return r.output;
      }
      case 'F.max_unpool1d': case 'F.max_unpool2d': case 'F.max_unpool3d': {
        // (input, indices, kernel_size, stride=None, padding=0, output_size=None)
        const at = (i: number, name: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(name)?.value;
        const settings: ArgList = { positional: args.positional.slice(2, 5), keyword: new Map([...args.keyword].filter(([k]) => k === 'kernel_size' || k === 'stride' || k === 'padding')), ...more };
        const layer = buildTorchLayer(`MaxUnpool${short.slice(-2, -1)}d`, settings);
        if (!layer || !x) return unknown(short, short);
        const r = layer.apply([x, at(1, 'indices') ?? NONE, at(5, 'output_size') ?? NONE]);
        for (const p of [...layer.problems, ...r.problems]) this.reportAt(node, p.message);
        return r.output;
      }
      // A Python number first (`res = 0; res = torch.add(res, x)`, TabNet's decoder): the number is
      // wrapped as a 0-d tensor, so the result has the tensor's shape (sub / div: number op tensor).
      // (torch.pow(0.7, powers): PyTorch's Scalar-base overload; remainder, floor_divide, float_power and
      // xlogy take a number first too. maximum, atan2, fmod and hypot refuse one: not here.)
      case 'add': case 'sub': case 'mul': case 'div': case 'multiply': case 'subtract': case 'divide': case 'true_divide':
      case 'pow': case 'remainder': case 'floor_divide': case 'float_power': case 'xlogy': {
        const second = short === 'pow' ? 'exponent' : 'other';
        const y = args.positional[1]?.value ?? args.keyword.get(second)?.value;
        if ((x?.t === 'num' || x?.t === 'bool') && y?.t === 'tensor' && args.positional.length <= 2 && !args.unknownRest && [...args.keyword.keys()].every((k) => k === second || k === 'alpha')) return integerTensor(tensor(y.shape), false);
        break;
      }
      // Not the tensor method x.unfold(dimension, size, step) the fallback below would take.
      case 'F.unfold': return pool('Unfold');
      case 'F.fold': return pool('Fold');
      case 'meshgrid': {
        // torch.meshgrid(a, b, …) or ([a, b, …]): one grid per 1-D input, sized by all of them
        // ('ij', PyTorch's default), or with the first two sizes swapped ('xy').
        const list = args.positional.length === 1 && x?.t === 'seq' ? x.items : args.positional.map((p) => p.value);
        const indexing = args.keyword.get('indexing')?.value;
        const order = indexing === undefined ? 'ij' : indexing.t === 'str' ? indexing.v : undefined;
        if (args.unknownRest || (order !== 'ij' && order !== 'xy') || list.length === 0 || !list.every((t) => t.t === 'tensor' && t.shape.length <= 1)) return unknown('meshgrid of unknown tensors', 'meshgrid 的输入未知');
        const sizes = list.map((t) => ((t as { shape: number[] }).shape[0] ?? 1));
        const grid = order === 'xy' && sizes.length >= 2 ? [sizes[1]!, sizes[0]!, ...sizes.slice(2)] : sizes;
        return { t: 'seq', items: list.map(() => tensor(grid)), tuple: true };
      }
      case 'cdist': {
        // Pairwise distances of [*, P, M] and [*, R, M]: [*, P, R], the batch dims broadcast.
        const y = args.positional[1]?.value ?? args.keyword.get('x2')?.value;
        if (x?.t !== 'tensor' || y?.t !== 'tensor') return x?.t === 'unknown' ? x : y?.t === 'unknown' ? y : unknown('cdist of unknown tensors', 'cdist 的输入未知');
        const a = x.shape;
        const b = y.shape;
        const batch = a.length >= 2 && b.length >= 2 && a[a.length - 1] === b[b.length - 1] ? broadcast(a.slice(0, -2), b.slice(0, -2)) : undefined;
        if (!batch) return unknown(`cdist of ${fmtShape(a)} and ${fmtShape(b)}: the shapes do not fit`, `cdist 的 ${fmtShape(a)} 与 ${fmtShape(b)} 形状不匹配`);
        return tensor([...batch, a[a.length - 2]!, b[b.length - 2]!]);
      }
      case 'cat':
      case 'concat':
      case 'stack': {
        // (The list by position or by its name: `torch.cat(tensors=[x, out], dim=1)`.)
        const seq = x ?? args.keyword.get('tensors')?.value;
        const dv = args.positional[1]?.value ?? args.keyword.get('dim')?.value;
        const d = dv === undefined ? 0 : asInt(dv);
        if (d === undefined || dv?.t === 'bool') return unknown(`${short} along a dim the analysis cannot read`, `${short} 的维度无法分析`);
        if (seq?.t !== 'seq') return unknown(`${short} of unknown tensors`, `${short} 的输入未知`);
        const shapes: number[][] = [];
        for (const it of seq.items) {
          if (it.t !== 'tensor') return it.t === 'unknown' ? it : unknown(`${short} of non-tensors`, `${short} 的输入不是张量`);
          shapes.push(it.shape);
        }
        const first = shapes[0];
        if (!first) return unknown(`${short} of nothing`, `${short} 没有输入`);
        if (short === 'stack') {
          const i = d < 0 ? d + first.length + 1 : d;
          if (i < 0 || i > first.length) return this.dimError(node, 'stack', [...first, shapes.length]);
          if (shapes.some((s) => s.join() !== first.join())) {
            this.reportAt(node, { en: `stack needs equal shapes, gets ${shapes.map(fmtShape).join(', ')}`, 'zh-cn': `stack 需要相同形状，实际为 ${shapes.map(fmtShape).join('、')}` });
            return unknown('stack shapes differ', 'stack 形状不同');
          }
          return tensor([...first.slice(0, i), shapes.length, ...first.slice(i)]);
        }
        // PyTorch 1.13 skips 1-D empty tensors (a legacy rule) (`torch.tensor([])`, `torch.empty(0)`), whatever the
        // others' rank: the start of an accumulation loop (`feats = torch.cat((feats, x))`).
        const kept = shapes.filter((s) => !(s.length === 1 && s[0] === 0));
        const base = kept[0];
        if (!base) return tensor([0]);
        // (The dim is still checked against the tensors kept: out of range is PyTorch's IndexError.)
        if (d >= base.length || d < -base.length) return unknown(`cat along dim ${d} of ${base.length}-D tensors: out of range`, `沿维度 ${d} 拼接 ${base.length} 维张量：超出范围`);
        const i = d < 0 ? d + base.length : d;
        for (const s of kept) {
          if (s.length !== base.length || s.some((v, j) => j !== i && v !== base[j])) {
            this.reportAt(node, { en: `cat along dim ${d}: the other sizes must match, gets ${shapes.map(fmtShape).join(', ')}`, 'zh-cn': `沿维度 ${d} 拼接：其余各维必须相同，实际为 ${shapes.map(fmtShape).join('、')}` });
            return unknown('cat shapes differ', 'cat 形状不匹配');
          }
        }
        return tensor(base.map((v, j) => (j === i ? kept.reduce((acc, s) => acc + (s[j] ?? 0), 0) : v)));
      }
      case 'ravel':
        if (x?.t !== 'tensor' || args.positional.length !== 1 || args.keyword.size > 0) return unknown('torch.ravel of an unknown tensor', 'torch.ravel 的输入未知');
        return tensor([x.shape.reduce((a, b) => a * b, 1)]);
      case 'flatten':
        if (x?.t !== 'tensor') return x ?? NONE;
        return flattenShape(x.shape, asInt(args.positional[1]?.value ?? args.keyword.get('start_dim')?.value) ?? 0, asInt(args.positional[2]?.value ?? args.keyword.get('end_dim')?.value) ?? -1, node.startPosition.row);
      case 'zeros': case 'ones': case 'randn': case 'rand': case 'empty': case 'full': {
        const sizeKw = args.keyword.get('size');
        const dims = short === 'full' ? asInts(x ?? sizeKw?.value ?? NONE) : this.intArgs({ positional: args.positional, keyword: sizeKw ? new Map([['size', sizeKw]]) : new Map(), ...more });
        return dims ? madeContiguous(tensor(dims)) : unknown(`${short} size unknown`, `${short} 尺寸未知`);
      }
      case 'zeros_like': case 'ones_like': case 'randn_like': case 'rand_like': case 'empty_like':
        return x ?? NONE;
      case 'normal': {
        // normal(mean, std): the two broadcast (a number is a scalar); normal(mean, std, size) of two numbers: that size.
        const mean = x ?? args.keyword.get('mean')?.value;
        const std = args.positional[1]?.value ?? args.keyword.get('std')?.value ?? num(1, false);
        const size = args.positional[2]?.value ?? args.keyword.get('size')?.value;
        if (args.unknownRest || [...args.keyword.keys()].some((k) => !['mean', 'std', 'size', 'generator'].includes(k))) return unknown('torch.normal with arguments the analysis does not read', '分析无法读取参数的 torch.normal');
        if (mean?.t === 'num' && std.t === 'num') {
          const dims = size ? asInts(size) : undefined;
          return dims ? tensor(dims) : unknown('torch.normal of two numbers needs its size', '两个数的 torch.normal 需要 size');
        }
        const ms = mean?.t === 'tensor' ? mean.shape : mean?.t === 'num' ? [] : undefined;
        const ss = std.t === 'tensor' ? std.shape : std.t === 'num' ? [] : undefined;
        const out = ms && ss && !size ? broadcast(ms, ss) : undefined;
        return out ? tensor(out) : unknown('torch.normal of means or deviations the analysis does not know', '分析不知道 torch.normal 的均值或标准差');
      }
      case 'hann_window': case 'hamming_window': case 'blackman_window': case 'bartlett_window': case 'kaiser_window': {
        // A window of window_length points (periodic or not, the length is the same).
        const n = asInt(x ?? args.keyword.get('window_length')?.value);
        return n !== undefined && n >= 0 && !args.unknownRest ? tensor([n]) : unknown(`${short} length unknown`, `${short} 长度未知`);
      }
      case 'sparse_coo_tensor': case 'sparse_csr_tensor': case 'sparse.FloatTensor': case 'sparse.DoubleTensor': case 'sparse.LongTensor': {
        // A sparse tensor (a GCN's adjacency) stands for a dense one of `size`; without it the size is
        // the largest index + 1, data the analysis does not read.
        const at = short === 'sparse_csr_tensor' ? 3 : 2;
        const size = args.positional[at]?.value ?? args.keyword.get('size')?.value;
        const dims = size && size.t !== 'none' && !args.unknownRest ? asInts(size) : undefined;
        return dims ? tensor(dims) : unknown(`${short}: its size is not given, and its indices are data the analysis does not read`, `${short}：未给出 size，其索引是分析不读取的数据`);
      }
      case 'eye': {
        // eye(n, m=None): n rows, m (else n) columns.
        const n = asInt(x ?? args.keyword.get('n')?.value);
        const mv = args.positional[1]?.value ?? args.keyword.get('m')?.value;
        const m = mv === undefined || mv.t === 'none' ? n : asInt(mv);
        return n !== undefined && m !== undefined && n >= 0 && m >= 0 && !args.unknownRest ? tensor([n, m]) : unknown('eye size unknown', 'eye 尺寸未知');
      }
      case 'arange': {
        // arange(end) / arange(start, end, step=1), each also by keyword (`step=2`).
        const pos = args.positional.map((p) => p.value);
        const named = pos.length === 1 && !args.keyword.has('end') ? { end: pos[0] } : { start: pos[0], end: pos[1], step: pos[2] };
        const pick = (k: 'start' | 'end' | 'step', def?: number): number | undefined => {
          const v = named[k as keyof typeof named] ?? args.keyword.get(k)?.value;
          return v === undefined ? def : v.t === 'num' ? v.v : undefined;
        };
        const [start, end, step] = [pick('start', 0), pick('end'), pick('step', 1)];
        const other = [...args.keyword.keys()].some((k) => !['start', 'end', 'step', 'dtype', 'device', 'requires_grad', 'layout'].includes(k));
        if (start === undefined || end === undefined || step === undefined || step === 0 || pos.length > 3 || other) return unknown('arange size unknown', 'arange 尺寸未知');
        const size = [Math.max(0, Math.ceil((end - start) / step))];
        // Integer bounds and no dtype: int64 values, indices.
        const given = [...pos, ...['start', 'end', 'step'].map((k) => args.keyword.get(k)?.value)].filter((v) => v !== undefined);
        return !args.keyword.has('dtype') && given.every((v) => v.t === 'num' && v.int) ? { t: 'tensor', shape: size, index: true } : tensor(size);
      }
      case 'range': {
        // The deprecated torch.range(start, end, step=1): the end included, float values unless a
        // dtype is given; ATen sizes it trunc((end - start) / step + 1), in doubles as here.
        const pos = args.positional.map((p) => p.value);
        const get = (i: number, k: string): Value | undefined => pos[i] ?? args.keyword.get(k)?.value;
        const [start, end, step] = [get(0, 'start'), get(1, 'end'), get(2, 'step') ?? num(1, true)];
        const other = [...args.keyword.keys()].some((k) => !['start', 'end', 'step', 'dtype', 'device', 'requires_grad', 'layout'].includes(k));
        if (start?.t !== 'num' || end?.t !== 'num' || step.t !== 'num' || step.v === 0 || pos.length > 3 || other || args.unknownRest) return unknown('torch.range size unknown', 'torch.range 尺寸未知');
        if ((step.v > 0 && end.v < start.v) || (step.v < 0 && end.v > start.v)) return unknown('torch.range: bounds inconsistent with the step sign (PyTorch raises)', 'torch.range：上下界与步长符号不一致（PyTorch 会报错）');
        return tensor([Math.trunc((end.v - start.v) / step.v + 1)]);
      }
      case 'linspace': case 'logspace': {
        // linspace(start, end, steps) / logspace(start, end, steps, base): `steps` values, each by keyword too
        // (steps is required since torch 1.11); the values themselves are not kept.
        const steps = args.positional[2]?.value ?? args.keyword.get('steps')?.value;
        const known = ['start', 'end', 'steps', 'base', 'dtype', 'device', 'requires_grad', 'layout', 'out'];
        const other = [...args.keyword.keys()].some((k) => !known.includes(k)) || args.keyword.has('out') || args.positional.length > (short === 'logspace' ? 4 : 3);
        if (steps?.t !== 'num' || !steps.int || steps.v < 0 || other) return unknown(`${short} size unknown`, `${short} 尺寸未知`);
        return tensor([steps.v]);
      }
      case 'tensor': case 'as_tensor': case 'from_numpy': case 'autograd.Variable': case 'FloatTensor': case 'LongTensor': case 'Tensor':
      case 'DoubleTensor': case 'IntTensor': case 'BoolTensor': case 'ByteTensor': case 'cuda.FloatTensor': case 'cuda.LongTensor': {
        // Data (or an array) in, the same shape out; `torch.FloatTensor(64, 1)` makes a tensor of that size.
        if (x?.t === 'tensor') return x;
        // `torch.tensor(np.linspace(0, 1, s))`: a 1-D array of that many.
        if (x?.t === 'data' && x.d.kind === 'array' && (!/Tensor$/.test(short) || args.positional.length === 1)) return tensor([x.d.values.length]);
        if (x?.t === 'seq') {
          const legacy = /Tensor$/.test(short);
          // The legacy constructors read a torch.Size as the new tensor's shape, any other
          // sequence as its data; a tuple from elsewhere could be either.
          if (legacy && args.positional.length === 1 && x.size) {
            const dims = asInts(x);
            if (dims) return tensor(dims);
          }
          // (A tuple holding a float, `rgb_mean = (0.4488, 0.4371, 0.4040)`, is no torch.Size: data.)
          const sizeLike = !x.items.some((it) => it.t === 'num' && !it.int);
          if (legacy && x.tuple && !x.size && sizeLike && args.positional.length === 1 && !/^[([]/.test(args.positional[0]?.node?.text ?? '')) return unknown(`torch.${short} of a tuple: a torch.Size gives the shape, other tuples the data`, `torch.${short} 的参数是元组：torch.Size 给出形状，其他元组给出数据`);
          const dims = nestedShape(x);
          if (dims && (!legacy || args.positional.length === 1)) return tensor(dims);
        }
        // torch.tensor(0.125): a 0-dim tensor (a learned temperature); the legacy constructors read a number as a size.
        if ((short === 'tensor' || short === 'as_tensor') && (x?.t === 'num' || x?.t === 'bool')) return tensor([]);
        if (/Tensor$/.test(short)) {
          const dims = this.intArgs({ positional: args.positional, keyword: new Map(), ...more });
          if (dims && args.positional.length > 0) return tensor(dims);
        }
        // A tensor, whatever the data was: it holds no module (YOLOv5's stride from a forward pass in __init__).
        if (x?.t === 'unknown') {
          const { mod: _mod, ...rest } = x;
          return rest;
        }
        return unknown(`torch.${short} from data of unknown shape`, `由形状未知的数据创建的 torch.${short}`);
      }
      case 'randperm': {
        // randperm(n): the integers 0…n-1 shuffled, int64 unless a dtype says otherwise — an index.
        const n = asInt(args.positional[0]?.value ?? args.keyword.get('n')?.value);
        if (n === undefined || n < 0 || args.positional.length > 1 || args.unknownRest) return unknown('randperm of a length the analysis does not know', '长度未知的 randperm');
        return args.keyword.has('dtype') ? tensor([n]) : { t: 'tensor', shape: [n], index: true };
      }
      case 'randint': {
        // randint(high, size) / randint(low, high, size); `size=` (and the bounds) by name too
        // (`randint(low=0, high=10000, size=(4, 20))`): a high bound and a size are needed.
        const size = asInts(args.keyword.get('size')?.value ?? args.positional[args.positional.length - 1]?.value);
        const bounds = args.positional.length - (args.keyword.has('size') ? 0 : 1) + (args.keyword.has('high') ? 1 : 0);
        // Drawn below a data length less a constant (`randint(len(data) - T, (B,))`, a low of 0 or more):
        // each draw starts a window of T that fits.
        const high = args.keyword.get('high')?.value ?? (bounds === 1 ? args.positional[0]?.value : args.positional[1]?.value);
        const lowValue = bounds === 1 ? undefined : (args.keyword.get('low')?.value ?? args.positional[0]?.value);
        const low = lowValue === undefined ? 0 : asInt(lowValue);
        const below = high?.t === 'unknown' && high.lenOf && low !== undefined && low >= 0 ? { below: { of: high.lenOf, off: high.lenOff ?? 0 } } : {};
        return size && bounds >= 1 ? (args.keyword.has('dtype') ? tensor(size) : { t: 'tensor', shape: size, index: true, ...(size.length === 1 ? below : {}) }) : unknown('randint size unknown', 'randint 尺寸未知');
      }
      case 'where': {
        const a = args.positional[1]?.value;
        const b = args.positional[2]?.value;
        if (x?.t !== 'tensor') return unknown('where of unknown tensors', 'where 的输入未知');
        let out = x.shape;
        for (const v of [a, b]) {
          if (v?.t === 'tensor') {
            const r = broadcast(out, v.shape);
            if (!r) return unknown('where: shapes do not broadcast', 'where：形状无法广播');
            out = r;
          } else if (v?.t !== 'num' && v?.t !== 'bool') return unknown('where of unknown values', 'where 的参数未知');
        }
        return tensor(out);
      }
      case 'einsum':
        return this.einsum(args, node);
      case 'F.interpolate':
      case 'F.upsample':
      case 'F.upsample_nearest':
      case 'F.upsample_bilinear': {
        // upsample_nearest / upsample_bilinear(input, size, scale_factor) fix the mode (bilinear: align_corners=True).
        const fixed = short === 'F.upsample_nearest' ? 'nearest' : short === 'F.upsample_bilinear' ? 'bilinear' : undefined;
        const names = fixed ? ['input', 'size', 'scale_factor'] : ['input', 'size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor', 'antialias'];
        const arg = (name: string): Value | undefined => {
          const i = names.indexOf(name);
          return i < 0 ? undefined : (args.positional[i]?.value ?? args.keyword.get(name)?.value);
        };
        const input = arg('input');
        if (input?.t !== 'tensor') return input?.t === 'unknown' ? input : unknown(`${short} of something that is not a tensor`, `${short} 的输入不是张量`);
        const r = interpolateShape(short, input.shape, {
          size: arg('size') ?? NONE, scale: arg('scale_factor') ?? NONE, mode: fixed ? { t: 'str', v: fixed } : (arg('mode') ?? { t: 'str', v: 'nearest' }),
          alignCorners: fixed === 'bilinear' ? { t: 'bool', v: true } : (arg('align_corners') ?? NONE), recompute: arg('recompute_scale_factor') ?? NONE, antialias: arg('antialias') ?? { t: 'bool', v: false },
        });
        for (const p of r.problems) this.reportAt(node, p.message);
        return r.output;
      }
      case 'F.grid_sample': {
        // (N, C, H, W) sampled at a grid (N, Ho, Wo, 2) → (N, C, Ho, Wo); 5-D alike with a 3-wide grid.
        const grid = args.positional[1]?.value ?? args.keyword.get('grid')?.value;
        if (x?.t !== 'tensor' || grid?.t !== 'tensor') return unknown('F.grid_sample of unknown tensors', 'F.grid_sample 的输入未知');
        const rank = x.shape.length;
        if ((rank !== 4 && rank !== 5) || grid.shape.length !== rank || grid.shape[0] !== x.shape[0] || grid.shape[rank - 1] !== rank - 2) return unknown('F.grid_sample: the input and grid shapes do not fit', 'F.grid_sample：输入与网格形状不匹配');
        return tensor([x.shape[0]!, x.shape[1]!, ...grid.shape.slice(1, rank - 1)]);
      }
      case 'F.pad': {
        const pad = asInts(args.positional[1]?.value ?? args.keyword.get('pad')?.value);
        if (x?.t !== 'tensor' || !pad || pad.length % 2 !== 0 || pad.length / 2 > x.shape.length) return unknown('F.pad sizes unknown', 'F.pad 尺寸未知');
        const out = [...x.shape];
        for (let i = 0; i < pad.length / 2; i++) {
          const axis = out.length - 1 - i;
          out[axis] = (out[axis] ?? 0) + (pad[2 * i] ?? 0) + (pad[2 * i + 1] ?? 0);
        }
        return tensor(out);
      }
      case 'F.linear': {
        // F.linear(input=x, weight=w, bias=b) too (Swin V2's attention).
        const inp = args.positional.length > 0 ? x : args.keyword.get('input')?.value;
        const w = args.positional[1]?.value ?? args.keyword.get('weight')?.value;
        if (inp?.t === 'unknown') return inp;
        if (inp?.t !== 'tensor' || w?.t !== 'tensor' || w.shape.length !== 2) return unknown('F.linear of unknown tensors', 'F.linear 的输入未知');
        return this.matmul(inp, tensor([w.shape[1]!, w.shape[0]!]), node);
      }
      case 'F.conv1d': case 'F.conv2d': case 'F.conv3d': {
        // (input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1): the layer's rule, sized by the weight.
        const dims = Number(short.slice(-2, -1));
        const at = (i: number, name: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(name)?.value;
        const w = at(1, 'weight');
        const bias = at(2, 'bias') ?? NONE;
        const groups = asInt(at(6, 'groups') ?? num(1));
        const known = [...args.keyword.keys()].every((k) => ['input', 'weight', 'bias', 'stride', 'padding', 'dilation', 'groups'].includes(k)) && args.positional.length <= 7 && !args.unknownRest;
        if (x?.t !== 'tensor' || w?.t !== 'tensor' || w.shape.length !== dims + 2 || groups === undefined || !known) return unknown(`${short} of unknown tensors or settings`, `${short} 的输入或参数未知`);
        if (bias.t !== 'none' && (bias.t !== 'tensor' || bias.shape.length !== 1 || bias.shape[0] !== w.shape[0])) return unknown(`${short}: the bias does not fit the weight`, `${short}：bias 与 weight 不符`);
        const settings = (['stride', 'padding', 'dilation'] as const).flatMap((k, i): [string, { value: Value }][] => {
          const v = at(3 + i, k);
          return v ? [[k, { value: v }]] : [];
        });
        const layer = buildTorchLayer(`Conv${dims}d`, { positional: [{ value: num(w.shape[1]! * groups) }, { value: num(w.shape[0]!) }, { value: { t: 'seq', items: w.shape.slice(2).map((d) => num(d)), tuple: true } }], keyword: new Map([...settings, ['groups', { value: num(groups) }], ['bias', { value: { t: 'bool', v: bias.t !== 'none' } }]]) });
        if (!layer || layer.problems.length > 0) return unknown(`${short} settings are not known`, `${short} 的参数值未知`);
        const r = layer.apply([x]);
        for (const p of r.problems) this.reportAt(node, p.message);
        return r.output;
      }
      case 'F.conv_transpose1d': case 'F.conv_transpose2d': {
        // (input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1): the
        // layer's rule, sized by the weight [in, out / groups, *kernel] (an inverse STFT's synthesis).
        const dims = Number(short.slice(-2, -1));
        const at = (i: number, name: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(name)?.value;
        const w = at(1, 'weight');
        const bias = at(2, 'bias') ?? NONE;
        const groups = asInt(at(6, 'groups') ?? num(1));
        const known = [...args.keyword.keys()].every((k) => ['input', 'weight', 'bias', 'stride', 'padding', 'output_padding', 'groups', 'dilation'].includes(k)) && args.positional.length <= 8 && !args.unknownRest;
        if (x?.t !== 'tensor' || w?.t !== 'tensor' || w.shape.length !== dims + 2 || groups === undefined || !known) return unknown(`${short} of unknown tensors or settings`, `${short} 的输入或参数未知`);
        if (bias.t !== 'none' && (bias.t !== 'tensor' || bias.shape.length !== 1 || bias.shape[0] !== w.shape[1]! * groups)) return unknown(`${short}: the bias does not fit the weight`, `${short}：bias 与 weight 不符`);
        const settings = ([['stride', 3], ['padding', 4], ['output_padding', 5], ['dilation', 7]] as const).flatMap(([k, i]): [string, { value: Value }][] => {
          const v = at(i, k);
          return v ? [[k, { value: v }]] : [];
        });
        const layer = buildTorchLayer(`ConvTranspose${dims}d`, { positional: [{ value: num(w.shape[0]!) }, { value: num(w.shape[1]! * groups) }, { value: { t: 'seq', items: w.shape.slice(2).map((d) => num(d)), tuple: true } }], keyword: new Map([...settings, ['groups', { value: num(groups) }], ['bias', { value: { t: 'bool', v: bias.t !== 'none' } }]]) });
        if (!layer || layer.problems.length > 0) return unknown(`${short} settings are not known`, `${short} 的参数值未知`);
        const r = layer.apply([x]);
        for (const p of r.problems) this.reportAt(node, p.message);
        return r.output;
      }
      case 'F.embedding': {
        const w = args.positional[1]?.value ?? args.keyword.get('weight')?.value;
        if (x?.t !== 'tensor' || w?.t !== 'tensor' || w.shape.length !== 2) return unknown('F.embedding of unknown tensors', 'F.embedding 的输入未知');
        return tensor([...x.shape, w.shape[1]!]);
      }
      case 'F.one_hot': {
        const n = asInt(args.positional[1]?.value ?? args.keyword.get('num_classes')?.value);
        return x?.t === 'tensor' && n !== undefined && n > 0 ? tensor([...x.shape, n]) : unknown('one_hot with an unknown number of classes', '类别数未知的 one_hot');
      }
      case 'addmm': {
        // input + mat1 @ mat2 (both 2-D), the input broadcast to the product's (n, p).
        const m1 = args.positional[1]?.value ?? args.keyword.get('mat1')?.value;
        const m2 = args.positional[2]?.value ?? args.keyword.get('mat2')?.value;
        if (x?.t !== 'tensor' || m1?.t !== 'tensor' || m2?.t !== 'tensor' || m1.shape.length !== 2 || m2.shape.length !== 2 || m1.shape[1] !== m2.shape[0]) return unknown('addmm of tensors the analysis cannot read or that do not fit', 'addmm 的张量未知或不匹配');
        const out = [m1.shape[0]!, m2.shape[1]!];
        const b = broadcast(x.shape, out);
        return b && b.length === 2 && b[0] === out[0] && b[1] === out[1] ? tensor(out) : unknown('addmm: the input does not broadcast to the product', 'addmm：input 无法广播到乘积的形状');
      }
      case 'matmul':
        return this.matmul(x ?? NONE, args.positional[1]?.value ?? NONE, node);
      case 'bmm': case 'mm':
        return this.strictMatmul(short, x ?? args.keyword.get('input')?.value ?? NONE, args.positional[1]?.value ?? args.keyword.get('mat2')?.value ?? NONE, node);
      case 'spmm': case 'sparse.mm': {
        // A sparse matrix times a dense one (a GCN's propagation): two matrices only, a matrix product's shape.
        const y = args.positional[1]?.value;
        if (x?.t !== 'tensor' || y?.t !== 'tensor' || x.shape.length !== 2 || y.shape.length !== 2) return unknown(`${name} of tensors the analysis cannot read, or not two matrices`, `${name} 的张量未知或不是两个矩阵`);
        return this.matmul(x, y, node);
      }
      case 'F.scaled_dot_product_attention': {
        // softmax(q·kᵀ)·v: (…, L, E) with (…, S, E) and (…, S, Ev) → (…, L, Ev).
        const k = args.positional[1]?.value ?? args.keyword.get('key')?.value;
        const v = args.positional[2]?.value ?? args.keyword.get('value')?.value;
        if (x?.t !== 'tensor' || k?.t !== 'tensor' || v?.t !== 'tensor') return unknown('scaled_dot_product_attention of unknown tensors', 'scaled_dot_product_attention 的输入未知');
        const n = x.shape.length;
        const ok = n >= 2 && k.shape.length === n && v.shape.length === n && x.shape[n - 1] === k.shape[n - 1] && k.shape[n - 2] === v.shape[n - 2] && x.shape.slice(0, -2).every((d, i) => d === k.shape[i] && d === v.shape[i]);
        if (!ok) return unknown('scaled_dot_product_attention: the query, key and value shapes do not fit', 'scaled_dot_product_attention：query、key、value 形状不匹配');
        return tensor([...x.shape.slice(0, -1), v.shape[n - 1]!]);
      }
      case 'F.multi_head_attention_forward':
        return multiHeadAttentionForward(args);
      // Complex views (rotary embeddings): a last dim of 2 is the real and imaginary parts.
      case 'view_as_complex': {
        if (x?.t !== 'tensor') return x?.t === 'unknown' ? x : unknown('view_as_complex of an unknown tensor', 'view_as_complex 的参数未知');
        if (x.shape[x.shape.length - 1] !== 2) return unknown(`view_as_complex needs a last dimension of 2, gets ${fmtShape(x.shape)}`, `view_as_complex 需要最后一维为 2，实际为 ${fmtShape(x.shape)}`);
        return tensor(x.shape.slice(0, -1));
      }
      case 'view_as_real':
        return x?.t === 'tensor' ? tensor([...x.shape, 2]) : x?.t === 'unknown' ? x : unknown('view_as_real of an unknown tensor', 'view_as_real 的参数未知');
      // polar(abs, angle) / complex(real, imag): one complex tensor of the two broadcast together.
      case 'polar': case 'complex': {
        const other = args.positional[1]?.value ?? args.keyword.get(short === 'polar' ? 'angle' : 'imag')?.value;
        const first = x ?? args.keyword.get(short === 'polar' ? 'abs' : 'real')?.value;
        if (first?.t !== 'tensor' || other?.t !== 'tensor') return unknown(`${short} of unknown tensors`, `${short} 的参数未知`);
        const out = broadcast(first.shape, other.shape);
        return out ? tensor(out) : unknown(`${short}: shapes ${fmtShape(first.shape)} and ${fmtShape(other.shape)} do not broadcast`, `${short}：形状 ${fmtShape(first.shape)} 与 ${fmtShape(other.shape)} 无法广播`);
      }
      case 'fft.fft': case 'fft.ifft': case 'fft.rfft': case 'fft.irfft': case 'fft.hfft': case 'fft.ihfft':
      case 'fft.fft2': case 'fft.ifft2': case 'fft.rfft2': case 'fft.irfft2': case 'fft.fftn': case 'fft.ifftn': case 'fft.rfftn': case 'fft.irfftn':
        return fftShape(short.slice(4), args);
      case 'fft.fftshift': case 'fft.ifftshift':
        return x?.t === 'tensor' || x?.t === 'unknown' ? x : unknown(`${short} of something that is not a tensor`, `${short} 的参数不是张量`);
      case 'fft.fftfreq': case 'fft.rfftfreq': {
        const n = asInt(x ?? args.keyword.get('n')?.value);
        if (n === undefined || n < 0) return unknown(`${short}: n is not known`, `${short}：n 未知`);
        return tensor([short === 'fft.fftfreq' ? n : Math.floor(n / 2) + 1]);
      }
      case 'qr': case 'linalg.qr': case 'svd': case 'linalg.svd': case 'linalg.svdvals': case 'det': case 'linalg.det': case 'logdet':
      case 'slogdet': case 'linalg.slogdet': case 'inverse': case 'linalg.inv': case 'pinverse': case 'linalg.pinv':
      case 'lu': case 'linalg.lu_factor': case 'linalg.lu': case 'lu_unpack':
        return linalgShape(short, args);
      case 'nn.utils.rnn.pack_padded_sequence': return packPadded(args);
      case 'nn.utils.rnn.pack_sequence': return packSequence(args);
      case 'nn.utils.rnn.pad_packed_sequence': return padPacked(args);
      case 'nn.utils.rnn.pad_sequence': return padSequence(args);
      case 'no_grad':
        return NONE;
      case 'Size': {
        // torch.Size(sizes) is a tuple of the ints (torch.Size() the empty one); anything else raises.
        if (args.positional.length === 0 && args.keyword.size === 0) return { t: 'seq', items: [], tuple: true, size: true };
        const sizes = args.positional.length === 1 && args.keyword.size === 0 && x?.t === 'seq' && x.items.every((it) => it.t === 'num' && it.int) ? x.items : undefined;
        if (sizes) return { t: 'seq', items: sizes, tuple: true, size: true };
        return x?.t === 'unknown' ? x : unknown('torch.Size of something that is not a list of ints', 'torch.Size 的参数不是整数列表');
      }
      case 'tensordot': {
        // tensordot(a, b, dims=2): dims n contracts a's last n dims with b's first n; a pair of lists
        // names them. Contracted sizes must match (a 1 broadcasts); a's other dims, then b's.
        const b = args.positional[1]?.value ?? args.keyword.get('b')?.value;
        const a = x ?? args.keyword.get('a')?.value;
        const dv = args.positional[2]?.value ?? args.keyword.get('dims')?.value ?? num(2);
        if (a?.t !== 'tensor' || b?.t !== 'tensor' || args.unknownRest) return a?.t === 'unknown' ? a : b?.t === 'unknown' ? b : unknown('tensordot of unknown tensors', 'tensordot 的输入未知');
        const [ra, rb] = [a.shape.length, b.shape.length];
        let da: number[] | undefined;
        let db: number[] | undefined;
        const n = dv.t === 'num' ? asInt(dv) : undefined;
        if (n !== undefined) {
          if (n < 0 || n > ra || n > rb) return unknown(`tensordot: dims=${n} for ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`, `tensordot：dims=${n} 与 ${fmtShape(a.shape)}、${fmtShape(b.shape)} 不符`);
          da = Array.from({ length: n }, (_, i) => ra - n + i);
          db = Array.from({ length: n }, (_, i) => i);
        } else if (dv.t === 'seq' && dv.items.length === 2) {
          // (Each side a list: PyTorch 1.13 refuses `dims=[1, 0]`.)
          const fix = (v: Value, rank: number): number[] | undefined => (v.t === 'seq' ? asInts(v)?.map((d) => (d < 0 ? d + rank : d)) : undefined);
          da = fix(dv.items[0]!, ra);
          db = fix(dv.items[1]!, rb);
        }
        const inRange = (ds: number[], rank: number): boolean => ds.every((d) => d >= 0 && d < rank) && new Set(ds).size === ds.length;
        if (!da || !db || da.length !== db.length || !inRange(da, ra) || !inRange(db, rb)) return unknown('tensordot with dims the analysis cannot read', 'dims 无法分析的 tensordot');
        const mismatch = da.findIndex((d, i) => a.shape[d] !== b.shape[db![i]!] && a.shape[d] !== 1 && b.shape[db![i]!] !== 1);
        if (mismatch >= 0) return unknown(`tensordot: contracted sizes ${a.shape[da[mismatch]!]} and ${b.shape[db[mismatch]!]} differ`, `tensordot：缩并的尺寸 ${a.shape[da[mismatch]!]} 与 ${b.shape[db[mismatch]!]} 不同`);
        return tensor([...a.shape.filter((_, i) => !da!.includes(i)), ...b.shape.filter((_, i) => !db!.includes(i))]);
      }
      case 'linalg.norm': case 'linalg.vector_norm': {
        // linalg.norm(A, ord=None, dim=None, keepdim=False): one dim is a vector norm, two a matrix
        // norm (of the orders PyTorch has), none the whole tensor (with an ord: only 1-D or 2-D).
        // linalg.vector_norm(x, ord=2, dim=None, keepdim=False): any dims, none = all.
        const vec = short === 'linalg.vector_norm';
        const a = x ?? args.keyword.get(vec ? 'x' : 'A')?.value;
        const ordV = args.positional[1]?.value ?? args.keyword.get('ord')?.value;
        const dimV = args.positional[2]?.value ?? args.keyword.get('dim')?.value;
        const keepV = args.positional[3]?.value ?? args.keyword.get('keepdim')?.value;
        if (a?.t !== 'tensor') return a?.t === 'unknown' ? a : unknown(`${short} of something that is not a tensor`, `${short} 的参数不是张量`);
        const r = a.shape.length;
        const ordNone = ordV === undefined || ordV.t === 'none';
        const ordNum = ordV?.t === 'num' ? ordV.v : undefined;
        const ordStr = ordV?.t === 'str' ? ordV.v : undefined;
        if (args.unknownRest || (keepV !== undefined && keepV.t !== 'bool') || (!ordNone && ordNum === undefined && ordStr === undefined) || (vec && ordStr !== undefined)) return unknown(`${short} with arguments the analysis cannot read`, `参数无法分析的 ${short}`);
        const keep = keepV?.t === 'bool' && keepV.v;
        const dims = dimV === undefined || dimV.t === 'none' ? undefined : asInts(dimV);
        if (dimV !== undefined && dimV.t !== 'none' && (!dims || dimV.t === 'bool')) return unknown(`${short} with a dim the analysis cannot read`, `dim 无法分析的 ${short}`);
        const matrixOrd = ordNone || (ordStr !== undefined ? ordStr === 'fro' || ordStr === 'nuc' : [1, -1, 2, -2, Infinity, -Infinity].includes(ordNum!));
        let over: number[];
        // (vector_norm over an empty dim list reduces every dim, as the reductions do.)
        if (!dims || (vec && dims.length === 0)) {
          if (!vec && !ordNone && (r < 1 || r > 2 || (r === 1 && ordStr !== undefined) || (r === 2 && !matrixOrd))) return unknown(`${short}: this ord needs a 1-D or 2-D input (or a dim), gets ${fmtShape(a.shape)}`, `${short}：此 ord 需要一维或二维输入（或给出 dim），实际为 ${fmtShape(a.shape)}`);
          over = a.shape.map((_, i) => i);
        } else {
          if (!vec && (dims.length < 1 || dims.length > 2 || (dims.length === 1 && ordStr !== undefined) || (dims.length === 2 && !matrixOrd))) return unknown(`${short}: dim ${fmtShape(dims)} does not suit this ord`, `${short}：dim ${fmtShape(dims)} 与此 ord 不符`);
          if (dims.some((d) => d < -Math.max(r, 1) || d >= Math.max(r, 1))) return this.dimError(node, short, a.shape);
          over = dims.map((d) => (r === 0 ? 0 : d < 0 ? d + r : d));
          if (new Set(over).size !== over.length) return unknown(`${short}: a dim is named twice`, `${short}：维度重复`);
        }
        return tensor(keep ? a.shape.map((s, i) => (over.includes(i) ? 1 : s)) : a.shape.filter((_, i) => !over.includes(i)));
      }
      case 'F.affine_grid': {
        // affine_grid(theta, size): a 4-D size [N, C, H, W] with theta [N, 2, 3] → [N, H, W, 2]; a 5-D
        // size [N, C, D, H, W] with theta [N, 3, 4] → [N, D, H, W, 3].
        const theta = x ?? args.keyword.get('theta')?.value;
        const size = asInts(args.positional[1]?.value ?? args.keyword.get('size')?.value);
        if (theta?.t !== 'tensor' || !size || args.unknownRest) return theta?.t === 'unknown' ? theta : unknown('F.affine_grid with a theta or size the analysis cannot read', 'theta 或 size 无法分析的 F.affine_grid');
        const k = size.length - 2;
        const want = [size[0]!, k, k + 1];
        if ((k !== 2 && k !== 3) || size.some((s) => s <= 0) || theta.shape.join() !== want.join()) return unknown(`F.affine_grid: theta ${fmtShape(theta.shape)} does not fit size ${fmtShape(size)}`, `F.affine_grid：theta ${fmtShape(theta.shape)} 与 size ${fmtShape(size)} 不符`);
        return tensor([size[0]!, ...size.slice(2), k]);
      }
      case 'F.bilinear': {
        // bilinear(x1 [*, in1], x2 [*, in2], weight [out, in1, in2], bias=None) → [*, out]; the leading dims must be equal.
        const at = (i: number, k: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(k)?.value;
        const [a, b, w, bias] = [at(0, 'input1'), at(1, 'input2'), at(2, 'weight'), at(3, 'bias') ?? NONE];
        for (const v of [a, b, w, bias]) if (v?.t === 'unknown') return v;
        if (a?.t !== 'tensor' || b?.t !== 'tensor' || w?.t !== 'tensor' || args.unknownRest) return unknown('F.bilinear of unknown tensors', 'F.bilinear 的输入未知');
        const [p, q, s] = [a.shape, b.shape, w.shape];
        const ok = p.length >= 1 && p.length === q.length && p.slice(0, -1).join() === q.slice(0, -1).join() && s.length === 3 && s[1] === p[p.length - 1] && s[2] === q[q.length - 1];
        if (!ok || (bias.t !== 'none' && (bias.t !== 'tensor' || bias.shape.join() !== String(s[0])))) return unknown(`F.bilinear: ${fmtShape(p)}, ${fmtShape(q)} and weight ${fmtShape(s)} do not fit`, `F.bilinear：${fmtShape(p)}、${fmtShape(q)} 与权重 ${fmtShape(s)} 不匹配`);
        return tensor([...p.slice(0, -1), s[0]!]);
      }
      case 'linalg.cross': {
        const b = args.positional[1]?.value ?? args.keyword.get('other')?.value;
        const a = x ?? args.keyword.get('input')?.value;
        if (a?.t !== 'tensor' || b?.t !== 'tensor' || args.unknownRest) return a?.t === 'unknown' ? a : b?.t === 'unknown' ? b : unknown('linalg.cross of unknown tensors', 'linalg.cross 的输入未知');
        return crossShape(a.shape, b.shape, args.positional[2]?.value ?? args.keyword.get('dim')?.value, true);
      }
      case 'cartesian_prod': {
        // 1-D tensors of n1…nk → [n1·…·nk, k] (one tensor: itself).
        const list = args.positional.map((p) => p.value);
        const bad = list.find((t) => t.t !== 'tensor');
        if (bad || list.length === 0 || args.unknownRest || args.keyword.size > 0) return bad?.t === 'unknown' ? bad : unknown('cartesian_prod of arguments the analysis cannot read', '参数无法分析的 cartesian_prod');
        const shapes = list.map((t) => (t as { shape: number[] }).shape);
        if (shapes.some((s) => s.length !== 1)) return unknown(`cartesian_prod needs 1-D tensors, gets ${shapes.map(fmtShape).join(', ')}`, `cartesian_prod 需要一维张量，实际为 ${shapes.map(fmtShape).join('、')}`);
        return tensor(shapes.length === 1 ? shapes[0]! : [product(shapes.map((s) => s[0]!)), shapes.length]);
      }
      case 'broadcast_tensors': {
        // Every tensor at the shape they broadcast to.
        const list = args.positional.map((p) => p.value);
        const bad = list.find((t) => t.t !== 'tensor');
        if (bad || args.unknownRest || args.keyword.size > 0) return bad?.t === 'unknown' ? bad : unknown('broadcast_tensors of arguments the analysis cannot read', '参数无法分析的 broadcast_tensors');
        let out: number[] | undefined = [];
        for (const t of list) out = out && broadcast(out, (t as { shape: number[] }).shape);
        if (!out) return unknown(`broadcast_tensors: ${list.map((t) => fmtShape((t as { shape: number[] }).shape)).join(', ')} do not broadcast`, '广播失败的 broadcast_tensors');
        return { t: 'seq', items: list.map(() => tensor(out!)), tuple: true };
      }
      case 'full_like':
        // full_like(input, fill_value): the input's shape.
        return x?.t === 'tensor' && (args.positional.length >= 2 || args.keyword.has('fill_value')) ? tensor(x.shape) : x?.t === 'unknown' ? x : unknown('full_like of arguments the analysis cannot read', '参数无法分析的 full_like');
      case 'F.glu': {
        // glu(input, dim=-1): that dim halves (it must be even).
        const d = asInt(args.positional[1]?.value ?? args.keyword.get('dim')?.value ?? num(-1));
        if (x?.t !== 'tensor' || d === undefined || args.unknownRest) return x?.t === 'unknown' ? x : unknown('F.glu with arguments the analysis cannot read', '参数无法分析的 F.glu');
        const r = x.shape.length;
        if (r === 0 || d < -r || d >= r) return unknown(`F.glu: dim ${d} is out of range for ${fmtShape(x.shape)}`, `F.glu：dim ${d} 超出 ${fmtShape(x.shape)} 的范围`);
        const at = d < 0 ? d + r : d;
        if (x.shape[at]! % 2 !== 0) return unknown(`F.glu: dimension ${d} of ${fmtShape(x.shape)} is odd`, `F.glu：${fmtShape(x.shape)} 的第 ${d} 维为奇数`);
        return tensor(x.shape.map((s, i) => (i === at ? s / 2 : s)));
      }
      case 'F.group_norm': case 'F.instance_norm': case 'F.local_response_norm': {
        // The input's shape, once PyTorch accepts it: group_norm's channels divide into num_groups;
        // instance_norm (with batch statistics) needs more than one value per channel; local_response_norm 3-D or more.
        if (x?.t !== 'tensor' || args.unknownRest) return x?.t === 'unknown' ? x : unknown(`${short} of something that is not a tensor`, `${short} 的输入不是张量`);
        const s = x.shape;
        if (short === 'F.group_norm') {
          const g = asInt(args.positional[1]?.value ?? args.keyword.get('num_groups')?.value);
          const affine = [args.positional[2]?.value ?? args.keyword.get('weight')?.value, args.positional[3]?.value ?? args.keyword.get('bias')?.value];
          const affineOk = affine.every((v) => v === undefined || v.t === 'none' || (v.t === 'tensor' && v.shape.length === 1 && v.shape[0] === s[1]));
          return g !== undefined && g > 0 && s.length >= 2 && s[1]! % g === 0 && affineOk ? x : unknown(`F.group_norm: ${fmtShape(s)} in ${g ?? '?'} groups`, `F.group_norm：${fmtShape(s)} 分 ${g ?? '?'} 组`);
        }
        if (short === 'F.instance_norm') {
          const stats = args.positional[5]?.value ?? args.keyword.get('use_input_stats')?.value ?? { t: 'bool', v: true };
          if (stats.t !== 'bool' || !stats.v || args.positional.length > 1 || [...args.keyword.keys()].some((k) => !['weight', 'bias', 'eps', 'momentum', 'use_input_stats'].includes(k))) return unknown('F.instance_norm with statistics or weights the analysis does not check', 'F.instance_norm 的统计量或权重未检查');
          return s.length >= 3 && product(s.slice(2)) > 1 && [args.keyword.get('weight')?.value, args.keyword.get('bias')?.value].every((v) => v === undefined || v.t === 'none' || (v.t === 'tensor' && v.shape.join() === String(s[1]))) ? x : unknown(`F.instance_norm: ${fmtShape(s)} has no more than one value per channel`, `F.instance_norm：${fmtShape(s)} 每个通道至多一个值`);
        }
        return s.length >= 3 ? x : unknown(`F.local_response_norm needs 3-D or more, gets ${fmtShape(s)}`, `F.local_response_norm 需要三维以上输入，实际为 ${fmtShape(s)}`);
      }
      case 'F.lp_pool1d': case 'F.lp_pool2d': {
        // lp_pool(input, norm_type, kernel_size, stride=None, ceil_mode=False): avg_pool's windows, no padding.
        const at = (i: number, k: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(k)?.value;
        const kernel = at(2, 'kernel_size');
        if (x?.t !== 'tensor' || !kernel || args.unknownRest || at(1, 'norm_type') === undefined) return x?.t === 'unknown' ? x : unknown(`${short} with arguments the analysis cannot read`, `参数无法分析的 ${short}`);
        const settings = new Map<string, { value: Value }>([['kernel_size', { value: kernel }], ['stride', { value: at(3, 'stride') ?? NONE }], ['padding', { value: num(0) }], ['ceil_mode', { value: at(4, 'ceil_mode') ?? { t: 'bool', v: false } }]]);
        const layer = buildTorchLayer(short === 'F.lp_pool1d' ? 'AvgPool1d' : 'AvgPool2d', { positional: [], keyword: settings });
        if (!layer || layer.problems.length > 0) return unknown(`${short} settings are not known`, `${short} 的参数值未知`);
        const res = layer.apply([x]);
        for (const p of res.problems) this.reportAt(node, p.message);
        return res.output;
      }
      case 'F.pixel_shuffle': case 'pixel_shuffle': case 'F.pixel_unshuffle': case 'pixel_unshuffle': case 'F.channel_shuffle': case 'channel_shuffle': case 'native_channel_shuffle': case 'F.native_channel_shuffle': {
        // pixel_shuffle(r): [*, C·r², H, W] → [*, C, H·r, W·r]; pixel_unshuffle(r) the reverse (H, W divisible by r);
        // channel_shuffle(groups): the same shape, C divisible by groups (3-D or more).
        const op = short.replace(/^F\./, '');
        const f = asInt(args.positional[1]?.value ?? args.keyword.get(op === 'pixel_shuffle' ? 'upscale_factor' : op === 'pixel_unshuffle' ? 'downscale_factor' : 'groups')?.value);
        if (x?.t !== 'tensor' || f === undefined || args.unknownRest) return x?.t === 'unknown' ? x : unknown(`${short} with arguments the analysis cannot read`, `参数无法分析的 ${short}`);
        const s = x.shape;
        const n = s.length;
        const refused = unknown(`${short}(${f}) does not fit ${fmtShape(s)}`, `${short}(${f}) 与 ${fmtShape(s)} 不符`);
        if (f <= 0 || n < 3) return refused;
        const [c, h, w] = [s[n - 3]!, s[n - 2]!, s[n - 1]!];
        if (op === 'pixel_shuffle') return c % (f * f) === 0 ? tensor([...s.slice(0, -3), c / (f * f), h * f, w * f]) : refused;
        if (op === 'pixel_unshuffle') return h % f === 0 && w % f === 0 ? tensor([...s.slice(0, -3), c * f * f, h / f, w / f]) : refused;
        return s[1]! % f === 0 ? x : refused;
      }
      case 'atleast_1d': case 'atleast_2d': case 'atleast_3d': case 'hstack': case 'vstack': case 'row_stack': case 'column_stack': case 'dstack': {
        // atleast_Nd: 0-d → [1…], 1-D [n] → [1, n] (3-D: [1, n, 1]), 2-D [m, n] → [m, n, 1] for 3-D; one tensor
        // gives one, several (or a list) a tuple. The stacks: hstack cats the atleast_1d's on dim 0 when
        // the first is 1-D, else 1; vstack atleast_2d's on 0; dstack atleast_3d's on 2; column_stack
        // makes 0-d / 1-D ones columns [n, 1] and cats on 1.
        const stack = !short.startsWith('atleast');
        const one = !stack && args.positional.length === 1 && x?.t === 'tensor';
        const list = stack ? (x ?? args.keyword.get('tensors')?.value) : args.positional.length === 1 && x?.t === 'seq' ? x : { t: 'seq' as const, items: args.positional.map((p) => p.value), tuple: true };
        if (args.unknownRest || list?.t !== 'seq' || list.items.length === 0) return list?.t === 'unknown' ? list : unknown(`${short} of arguments the analysis cannot list`, `参数无法列出的 ${short}`);
        const bad = list.items.find((t) => t.t !== 'tensor');
        if (bad) return bad.t === 'unknown' ? bad : unknown(`${short} of something that is not a tensor`, `${short} 的参数不是张量`);
        const shapes = list.items.map((t) => (t as { shape: number[] }).shape);
        const least = (s: number[], k: number): number[] => (s.length >= k ? s : k === 1 ? [1] : k === 2 ? [1, ...(s.length === 0 ? [1] : s)] : s.length === 0 ? [1, 1, 1] : s.length === 1 ? [1, s[0]!, 1] : [...s, 1]);
        if (!stack) {
          const k = Number(short.slice(-2, -1));
          const outs = shapes.map((s) => tensor(least(s, k)));
          return one ? outs[0]! : { t: 'seq', items: outs, tuple: true };
        }
        const k = short === 'hstack' ? 1 : short === 'dstack' ? 3 : short === 'column_stack' ? 0 : 2;
        const parts = short === 'column_stack' ? shapes.map((s) => (s.length <= 1 ? [product(s), 1] : s)) : shapes.map((s) => least(s, k));
        const d = short === 'hstack' ? (parts[0]!.length === 1 ? 0 : 1) : short === 'dstack' ? 2 : short === 'column_stack' ? 1 : 0;
        const first = parts[0]!;
        if (parts.some((s) => s.length !== first.length || s.some((v, j) => j !== d && v !== first[j]))) return unknown(`${short}: the shapes ${shapes.map(fmtShape).join(', ')} do not join along dim ${d}`, `${short}：形状 ${shapes.map(fmtShape).join('、')} 无法沿维度 ${d} 拼接`);
        return tensor(first.map((v, j) => (j === d ? parts.reduce((acc, s) => acc + s[j]!, 0) : v)));
      }
      case 'block_diag': {
        // Blocks of 0-d ([1, 1]), 1-D [n] ([1, n]) or 2-D tensors on the diagonal: the rows and columns add up.
        const list = args.positional.map((p) => p.value);
        const bad = list.find((t) => t.t !== 'tensor');
        if (bad || list.length === 0 || args.unknownRest || args.keyword.size > 0) return bad?.t === 'unknown' ? bad : unknown('block_diag of arguments the analysis cannot read', '参数无法分析的 block_diag');
        const blocks = list.map((t) => (t as { shape: number[] }).shape).map((s) => (s.length === 0 ? [1, 1] : s.length === 1 ? [1, s[0]!] : s));
        if (blocks.some((s) => s.length !== 2)) return unknown('block_diag takes tensors of 2 or fewer dimensions', 'block_diag 只接受不超过二维的张量');
        return tensor([blocks.reduce((a, s) => a + s[0]!, 0), blocks.reduce((a, s) => a + s[1]!, 0)]);
      }
      case 'combinations': {
        // combinations(input [n], r=2, with_replacement=False) → [C(n, r), r] (C(n+r-1, r) with replacement); r=0 → [0].
        const rr = asInt(args.positional[1]?.value ?? args.keyword.get('r')?.value ?? num(2));
        const rep = args.positional[2]?.value ?? args.keyword.get('with_replacement')?.value ?? { t: 'bool', v: false };
        if (x?.t !== 'tensor' || rr === undefined || rep.t !== 'bool' || args.unknownRest) return x?.t === 'unknown' ? x : unknown('combinations with arguments the analysis cannot read', '参数无法分析的 combinations');
        if (x.shape.length !== 1 || rr < 0) return unknown(`combinations needs a 1-D tensor, gets ${fmtShape(x.shape)}`, `combinations 需要一维张量，实际为 ${fmtShape(x.shape)}`);
        if (rr === 0) return tensor([0]);
        const n = rep.v ? x.shape[0]! + rr - 1 : x.shape[0]!;
        let c = 1;
        for (let i = 0; i < rr && c > 0; i++) c = n - i <= 0 ? 0 : (c * (n - i)) / (i + 1);
        return Number.isSafeInteger(c) ? tensor([c, rr]) : unknown('combinations: too many to count', 'combinations：数量过大');
      }
      case 'tril_indices': case 'triu_indices': {
        // [2, count]: the (i, j) of a row × col matrix with j − i ≤ offset (tril) or ≥ offset (triu).
        const at = (i: number, k: string): number | undefined => asInt(args.positional[i]?.value ?? args.keyword.get(k)?.value);
        const [rows, cols, off] = [at(0, 'row'), at(1, 'col'), asInt(args.positional[2]?.value ?? args.keyword.get('offset')?.value ?? num(0))];
        if (rows === undefined || cols === undefined || off === undefined || rows < 0 || cols < 0 || rows > 1e7 || args.unknownRest) return unknown(`${short} with sizes the analysis cannot read`, `尺寸无法分析的 ${short}`);
        let count = 0;
        for (let i = 0; i < rows; i++) {
          const lower = Math.min(Math.max(i + off + 1, 0), cols);
          count += short === 'tril_indices' ? lower : cols - Math.min(Math.max(i + off, 0), cols);
        }
        return { t: 'tensor', shape: [2, count], index: true };
      }
      case 'searchsorted': case 'bucketize': {
        // Where each value would go: the values' shape (a number: 0-d), int64 or int32 indices.
        // searchsorted's sorted sequence is 1-D or has the values' leading dims; bucketize's boundaries are 1-D.
        const search = short === 'searchsorted';
        const seq = search ? (x ?? args.keyword.get('sorted_sequence')?.value) : (args.positional[1]?.value ?? args.keyword.get('boundaries')?.value);
        const vals = search ? (args.positional[1]?.value ?? args.keyword.get('input')?.value ?? args.keyword.get('self')?.value) : (x ?? args.keyword.get('input')?.value);
        for (const v of [seq, vals]) if (v?.t === 'unknown') return v;
        if (seq?.t !== 'tensor' || (vals?.t !== 'tensor' && vals?.t !== 'num') || args.unknownRest || args.positional.length > 2) return unknown(`${short} with arguments the analysis cannot read`, `参数无法分析的 ${short}`);
        const out = vals.t === 'tensor' ? vals.shape : [];
        const s = seq.shape;
        const fits = s.length === 1 || (search && vals.t === 'tensor' && s.length === out.length && s.slice(0, -1).join() === out.slice(0, -1).join());
        return fits ? { t: 'tensor', shape: out, index: true } : unknown(`${short}: boundaries ${fmtShape(s)} do not fit values ${fmtShape(out)}`, `${short}：边界 ${fmtShape(s)} 与取值 ${fmtShape(out)} 不符`);
      }
      default:
        break;
    }
    if (x?.t === 'tensor' && !short.replace(/^F\./, '').includes('.')) {
      // Same-named tensor methods: torch.transpose(x, 0, 1) ≡ x.transpose(0, 1); F.relu(x) keeps the shape.
      const method = short.replace(/^F\./, '');
      if ((method === 'softmax' || method === 'log_softmax') && !args.unknownRest) return this.tensorMethod(method, x, rest, node, true);
      if (ELEMENTWISE.has(method)) {
        return integerTensor(x, false);
      }
      return this.tensorMethod(method, x, rest, node, true);
    }
    return x?.t === 'unknown' ? x : unknown(`${name} is not followed by the analysis`, `分析不支持 ${name}`);
  }
}

/** Methods that keep a tensor's values, only moving or viewing them: an integer tensor stays one. */
/** Calls whose arguments after the tensor never change its shape (conversions, element-wise activations, softmax, roll). */
const SHAPE_KEEPING_CALLS = new Set(['to', 'type', 'float', 'double', 'half', 'bfloat16', 'int', 'long', 'short', 'bool', 'byte', 'cuda', 'cpu', 'contiguous', 'clone', 'detach', 'detach_', 'requires_grad_', 'pin_memory', 'softmax', 'log_softmax', 'roll', 'fill_', 'zero_', 'normal_', 'uniform_', 'relu', 'relu_', 'sigmoid', 'tanh', 'gelu', 'leaky_relu', 'elu', 'dropout', 'normalize']);

const VALUE_KEEPING = new Set(['numpy', 'view', 'reshape', 'unsqueeze', 'squeeze', 'flatten', 'unflatten', 'expand', 'expand_as', 'repeat', 'contiguous', 'clone', 'detach', 'cpu', 'cuda', 'permute', 'transpose', 't', 'flip', 'roll', 'view_as', 'reshape_as', 'pin_memory', 'requires_grad_']);

/**
 * Which results of a tensor method are surely integer tensors (its `index` flag): the indices of
 * sort / topk / max(dim) / argmax, `.long()`, and what a value-keeping method makes of one.
 * Anything else is not known to be (a `.float()` of one is not).
 */
function indexDtype(name: string, x: Value & { t: 'tensor' }, args: ArgList, r: Value): Value {
  const mark = (v: Value): Value => integerTensor(v, true);
  const unmark = (v: Value): Value => integerTensor(v, false);
  if (['sort', 'topk', 'max', 'min', 'kthvalue', 'mode', 'median', 'nanmedian', 'cummax', 'cummin'].includes(name) && r.t === 'seq' && r.items.length === 2) return { ...r, items: [x.index ? mark(r.items[0]!) : unmark(r.items[0]!), mark(r.items[1]!)] };
  if (['argmax', 'argmin', 'argsort', 'long', 'int', 'short', 'nonzero', 'multinomial'].includes(name)) return mark(r);
  if (name === 'to' || name === 'type') {
    const dtype = [...args.positional.map((a) => a.value), args.keyword.get('dtype')?.value].find((v) => v?.t === 'ref');
    const n = dtype?.t === 'ref' ? dtype.name : undefined;
    if (n && /^torch\.(?:long|int64|int|int32|int16|short|LongTensor|IntTensor)$/.test(n)) return mark(r);
    if (n) return unmark(r);
    return x.index ? r : unmark(r);
  }
  return x.index && VALUE_KEEPING.has(name) ? mark(r) : unmark(r);
}

/**
 * torch.fft's transforms: each transformed dim takes its length `n` (or `s`), else keeps it; the
 * one-sided ones halve the last transformed dim (rfft: n // 2 + 1) or undo that (irfft, hfft:
 * 2 · (m − 1)). Unknown for arguments the rule does not read.
 */
function fftShape(kind: string, args: ArgList): Value {
  const x = args.positional[0]?.value ?? args.keyword.get('input')?.value;
  if (x?.t !== 'tensor') return x?.t === 'unknown' ? x : unknown(`fft.${kind} of something that is not a tensor`, `fft.${kind} 的参数不是张量`);
  if (args.unknownRest) return unknown(`fft.${kind} with arguments the analysis cannot list`, `fft.${kind} 的参数无法列出`);
  const at = (i: number, name: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(name)?.value;
  const rank = x.shape.length;
  const one = /^(?:i?r?fft|hfft|ihfft)$/.test(kind);
  const nV = at(1, one ? 'n' : 's');
  const dimV = at(2, 'dim');
  const normV = at(3, 'norm');
  if (normV !== undefined && normV.t !== 'none' && normV.t !== 'str') return unknown(`fft.${kind}: norm is not known`, `fft.${kind}：norm 未知`);
  // The dims transformed, and the lengths asked for them (undefined: as they are).
  let dims: number[] | undefined;
  let lengths: (number | undefined)[];
  const fix = (d: number): number | undefined => (d < -rank || d >= rank ? undefined : d < 0 ? d + rank : d);
  if (one) {
    const d = dimV === undefined || dimV.t === 'none' ? -1 : asInt(dimV);
    const n = nV === undefined || nV.t === 'none' ? undefined : asInt(nV);
    if (d === undefined || (nV !== undefined && nV.t !== 'none' && (n === undefined || n < 1))) return unknown(`fft.${kind}: dim or n is not known`, `fft.${kind}：dim 或 n 未知`);
    const fd = fix(d);
    dims = fd === undefined ? undefined : [fd];
    lengths = [n];
  } else {
    const s = nV === undefined || nV.t === 'none' ? undefined : asInts(nV);
    if (nV !== undefined && nV.t !== 'none' && (!s || s.some((v) => v < 1 && v !== -1))) return unknown(`fft.${kind}: s is not known`, `fft.${kind}：s 未知`);
    const two = /2$/.test(kind);
    let ds: number[] | undefined;
    if (dimV === undefined || dimV.t === 'none') ds = two ? [-2, -1] : s ? s.map((_, i) => i - s.length) : x.shape.map((_, i) => i);
    else ds = asInts(dimV) ?? (asInt(dimV) !== undefined ? [asInt(dimV)!] : undefined);
    if (!ds || (s && s.length !== ds.length)) return unknown(`fft.${kind}: dim or s is not known`, `fft.${kind}：dim 或 s 未知`);
    const fixed = ds.map(fix);
    dims = fixed.some((d) => d === undefined) || new Set(fixed).size !== fixed.length ? undefined : (fixed as number[]);
    lengths = ds.map((_, i) => (s && s[i] !== -1 ? s[i] : undefined));
  }
  if (!dims || dims.length === 0) return unknown(`fft.${kind}: a dim is out of range for ${fmtShape(x.shape)}`, `fft.${kind}：维度超出 ${fmtShape(x.shape)} 的范围`);
  const out = [...x.shape];
  const halving = /^(?:rfft|ihfft|rfft2|rfftn)$/.test(kind);
  const doubling = /^(?:irfft|hfft|irfft2|irfftn)$/.test(kind);
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i]!;
    const last = i === dims.length - 1;
    const len = lengths[i];
    if (last && doubling) {
      const m = out[d]!;
      const n = len ?? 2 * (m - 1);
      if (n < 1) return unknown(`fft.${kind}: the output length would be ${n}`, `fft.${kind}：输出长度将为 ${n}`);
      out[d] = n;
    } else {
      out[d] = len ?? out[d]!;
      if (last && halving) out[d] = Math.floor(out[d]! / 2) + 1;
    }
  }
  return tensor(out);
}

/**
 * Linear algebra of [*, m, n] matrices: QR and SVD factors (reduced or complete), determinants
 * (the batch shape), inverses. Unknown for a mode or argument the rule does not read.
 */
function linalgShape(name: string, args: ArgList): Value {
  const a = args.positional[0]?.value ?? args.keyword.get(name.startsWith('linalg.') ? 'A' : 'input')?.value;
  if (a?.t !== 'tensor') return a?.t === 'unknown' ? a : unknown(`${name} of something that is not a tensor`, `${name} 的参数不是张量`);
  if (args.unknownRest || a.shape.length < 2) return unknown(`${name} needs a matrix (or a batch of them), gets ${fmtShape(a.shape)}`, `${name} 需要矩阵（或其批次），实际为 ${fmtShape(a.shape)}`);
  const batch = a.shape.slice(0, -2);
  const m = a.shape[a.shape.length - 2]!;
  const n = a.shape[a.shape.length - 1]!;
  const k = Math.min(m, n);
  const opt = (i: number, key: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(key)?.value;
  const pair = (x: number[], y: number[]): Value => ({ t: 'seq', items: [tensor(x), tensor(y)], tuple: true });
  switch (name) {
    // LU: the packed factors and the pivots (torch.lu adds the infos with get_infos=True); unpacked, P, L and U.
    case 'lu': case 'linalg.lu_factor': {
      const infos = name === 'lu' ? opt(2, 'get_infos') : undefined;
      if (infos !== undefined && infos.t !== 'bool') return unknown(`${name}: get_infos is not known`, `${name}：get_infos 未知`);
      const out: Value[] = [tensor(a.shape), { t: 'tensor', shape: [...batch, k], index: true }];
      if (infos?.t === 'bool' && infos.v) out.push({ t: 'tensor', shape: batch, index: true });
      return { t: 'seq', items: out, tuple: true };
    }
    case 'linalg.lu': case 'lu_unpack':
      if (name === 'lu_unpack' && (args.positional.length > 2 || args.keyword.size > 0)) return unknown('lu_unpack with unpack_data / unpack_pivots', 'lu_unpack 带 unpack_data / unpack_pivots');
      return { t: 'seq', items: [tensor([...batch, m, m]), tensor([...batch, m, k]), tensor([...batch, k, n])], tuple: true };
    case 'qr': case 'linalg.qr': {
      // torch.qr(A, some=True) is linalg.qr's 'reduced' (some=False: 'complete').
      const v = opt(1, name === 'qr' ? 'some' : 'mode');
      const mode = v === undefined ? 'reduced' : name === 'qr' ? (v.t === 'bool' ? (v.v ? 'reduced' : 'complete') : undefined) : v.t === 'str' ? v.v : undefined;
      if (mode === 'reduced') return pair([...batch, m, k], [...batch, k, n]);
      if (mode === 'complete') return pair([...batch, m, m], [...batch, m, n]);
      if (mode === 'r') return pair([0], [...batch, k, n]);
      return unknown(`${name}: the mode is not known`, `${name}：mode 未知`);
    }
    case 'svd': case 'linalg.svd': {
      // linalg.svd(A, full_matrices=True) → U, S, Vh; torch.svd(A, some=True) → U, S, V (reduced by default).
      const v = opt(1, name === 'svd' ? 'some' : 'full_matrices');
      const full = v === undefined ? name === 'linalg.svd' : v.t === 'bool' ? (name === 'svd' ? !v.v : v.v) : undefined;
      if (full === undefined) return unknown(`${name}: full_matrices / some is not known`, `${name}：full_matrices / some 未知`);
      const s = tensor([...batch, k]);
      if (name === 'svd') return { t: 'seq', items: [tensor([...batch, m, full ? m : k]), s, tensor([...batch, n, full ? n : k])], tuple: true };
      return { t: 'seq', items: [tensor([...batch, m, full ? m : k]), s, tensor([...batch, full ? n : k, n])], tuple: true };
    }
    case 'linalg.svdvals':
      return tensor([...batch, k]);
    case 'det': case 'linalg.det': case 'logdet':
      return m === n ? tensor(batch) : unknown(`${name} needs square matrices, gets ${fmtShape(a.shape)}`, `${name} 需要方阵，实际为 ${fmtShape(a.shape)}`);
    case 'slogdet': case 'linalg.slogdet':
      return m === n ? pair(batch, batch) : unknown(`${name} needs square matrices, gets ${fmtShape(a.shape)}`, `${name} 需要方阵，实际为 ${fmtShape(a.shape)}`);
    case 'inverse': case 'linalg.inv':
      return m === n ? tensor(a.shape) : unknown(`${name} needs square matrices, gets ${fmtShape(a.shape)}`, `${name} 需要方阵，实际为 ${fmtShape(a.shape)}`);
    default:
      // pinverse / linalg.pinv: [*, n, m].
      return tensor([...batch, n, m]);
  }
}

/**
 * torch.cross / linalg.cross: two tensors of one rank broadcast together, both 3 along the dim
 * (linalg.cross: -1 by default; torch.cross: the first dim of size 3 of the first tensor).
 */
function crossShape(a: number[], b: number[], dimV: Value | undefined, linalg: boolean): Value {
  const r = a.length;
  const given = dimV === undefined || dimV.t === 'none' ? undefined : asInt(dimV);
  if (dimV !== undefined && dimV.t !== 'none' && (given === undefined || dimV.t === 'bool')) return unknown('cross with a dim the analysis cannot read', 'dim 无法分析的 cross');
  const d = given ?? (linalg ? -1 : a.indexOf(3));
  const out = r === b.length ? broadcast(a, b) : undefined;
  const at = d < 0 ? d + r : d;
  if (!out || at < 0 || at >= r || a[at] !== 3 || b[at] !== 3) return unknown(`cross: ${fmtShape(a)} and ${fmtShape(b)} do not fit (rank, broadcasting, a size 3 along the dim)`, `cross：${fmtShape(a)} 与 ${fmtShape(b)} 不匹配（秩、广播或该维大小 3）`);
  return tensor(out);
}

/** Reductions that take `dim=()` / `dim=[]` as every dim (PyTorch 1.13): the whole tensor to one number. */
const FULL_ON_EMPTY_DIMS = new Set(['sum', 'mean', 'nansum', 'amax', 'amin', 'std', 'var', 'norm', 'logsumexp']);

/** The functional dropouts (`F.dropout(x, p=0.2)`), which check p before anything else, in training or not. */
const DROPOUT_FUNCTIONS = /^(?:F|nn\.functional)\.(?:dropout|dropout[123]d|alpha_dropout|feature_alpha_dropout)$/;

/** A functional dropout's p given outside [0, 1]: PyTorch's ValueError (undefined when p is in range or not known). */
function dropoutOutOfRange(short: string, args: ArgList): Msg | undefined {
  const pv = args.positional[1]?.value ?? args.keyword.get('p')?.value;
  if (pv?.t !== 'num' || (pv.v >= 0 && pv.v <= 1)) return undefined;
  const name = short.replace(/^nn\.functional\./, 'F.');
  return { en: `${name}: dropout probability has to be between 0 and 1, but got ${pv.v} (a ValueError)`, 'zh-cn': `${name}：dropout 概率必须在 0 到 1 之间，实际为 ${pv.v}（ValueError）` };
}

const ELEMENTWISE = new Set([
  'relu', 'relu6', 'gelu', 'silu', 'elu', 'selu', 'leaky_relu', 'sigmoid', 'tanh', 'softmax', 'log_softmax', 'softplus', 'dropout', 'dropout1d', 'dropout2d', 'dropout3d', 'alpha_dropout', 'feature_alpha_dropout',
  'normalize', 'exp', 'log', 'sqrt', 'abs', 'hardtanh', 'mish', 'layer_norm', 'batch_norm', 'sin', 'cos', 'tril', 'triu', 'sign',
  'log2', 'log10', 'hardsigmoid', 'hardswish', 'logsigmoid', 'softsign', 'celu', 'relu_', 'elu_', 'leaky_relu_', 'hardtanh_', 'clamp_', 'clip_',
]);

/**
 * torch.einsum(a, [0, 1, 2], b, [0, 2, 3], [0, 1, 3]) as PyTorch 1.13 reads it: subscripts 0–25
 * are 'A'–'Z', 26–51 'a'–'z', `...` the ellipsis; an odd number of arguments ends with the output's.
 */
function sublistEquation(args: Value[]): { equation: string; operands: Value[] } | undefined {
  const letters = (v: Value | undefined): string | undefined => {
    if (v?.t !== 'seq') return undefined;
    let out = '';
    for (const s of v.items) {
      if (s.t === 'str' && s.v === '...') out += '...';
      else if (s.t === 'num' && s.int && s.v >= 0 && s.v < 52) out += String.fromCharCode(s.v < 26 ? 65 + s.v : 97 + s.v - 26);
      else return undefined;
    }
    return out;
  };
  const pairs = Math.floor(args.length / 2);
  const inputs: string[] = [];
  const operands: Value[] = [];
  for (let i = 0; i < pairs; i++) {
    const sub = letters(args[2 * i + 1]);
    if (sub === undefined) return undefined;
    inputs.push(sub);
    operands.push(args[2 * i]!);
  }
  let equation = inputs.join(',');
  if (args.length % 2 === 1) {
    const out = letters(args[args.length - 1]);
    if (out === undefined) return undefined;
    equation += `->${out}`;
  }
  return pairs > 0 ? { equation, operands } : undefined;
}

/** The shape of nested lists of numbers ([[1, 2], [3, 4]] → [2, 2]), or undefined when ragged. */
/** A copy of an array value: the same shape and values, none of its links (`rowOf`). */
function copiedArray(a: Value & { t: 'tensor' }): Value {
  const { rowOf: _row, ...rest } = a;
  return rest.vals ? { ...rest, vals: { ...rest.vals, v: [...rest.vals.v], e: [...rest.vals.e] } } : rest;
}

/** Rows of Python integers, all as long (a rectangular 2-D table, at most MAX_LINSPACE items). */
function intTable(v: Value & { t: 'seq' }): number[][] | undefined {
  const rows = v.items.map((r) => (r.t === 'seq' && r.items.every((x) => x.t === 'num' && x.int && Number.isSafeInteger(x.v)) ? r.items.map((x) => (x as { v: number }).v) : undefined));
  const width = rows[0]?.length;
  if (!width || rows.some((r) => r?.length !== width) || rows.length * width > MAX_LINSPACE) return undefined;
  return rows as number[][];
}

export function nestedShape(v: Value): number[] | undefined {
  // A 0-d tensor is one number too (an item of an iterated array: `(0, *offsets)`).
  if (v.t === 'num' || v.t === 'bool' || (v.t === 'unknown' && v.num) || (v.t === 'tensor' && v.shape.length === 0)) return [];
  if (v.t !== 'seq') return undefined;
  if (v.items.length === 0) return [0];
  const inner = v.items.map(nestedShape);
  const first = inner[0];
  if (!first || inner.some((s) => !s || s.join() !== first.join())) return undefined;
  return [v.items.length, ...first];
}

/** numpy's array makers and reductions, for arrays that become model inputs (shapes only). */
/**
 * PyTorch's native operations take `axis=` for `dim=` (numpy's name: `torch.cat([a, b], axis=1)`);
 * the ones written in Python (`Tensor.split`, `torch.norm`, `F.softmax`…) refuse it. Those listed
 * here are checked in PyTorch 1.13.
 */
const AXIS_ALIASED = new Set([
  'cat', 'concat', 'stack', 'sum', 'nansum', 'mean', 'prod', 'std', 'var', 'var_mean', 'std_mean', 'any', 'all', 'amax', 'amin', 'max', 'min', 'argmax', 'argmin',
  'median', 'mode', 'logsumexp', 'cumsum', 'cumprod', 'softmax', 'log_softmax', 'squeeze', 'unsqueeze', 'chunk', 'sort', 'argsort', 'topk',
  'gather', 'index_select', 'narrow', 'count_nonzero', 'unbind', 'select', 'repeat_interleave',
]);

/** The arguments with `axis=` read as `dim=` where PyTorch does so; an unknown where it refuses `axis` or both are given. */
export function axisAsDim(name: string, args: ArgList): ArgList | Value {
  const axis = args.keyword.get('axis');
  if (!axis) return args;
  const short = name.replace(/^torch\.(?:Tensor\.)?/, '');
  if (!AXIS_ALIASED.has(short) || args.keyword.has('dim')) return unknown(`${short}(axis=…): PyTorch's ${short} does not take axis`, `${short}(axis=…)：PyTorch 的 ${short} 不接受 axis`);
  const keyword = new Map(args.keyword);
  keyword.delete('axis');
  keyword.set('dim', axis);
  const out = { ...args, keyword };
  FROM_AXIS.add(out);
  return out;
}

/** Argument lists whose `dim=` was written `axis=` (NumPy's spelling: the receiver may be an array). */
const FROM_AXIS = new WeakSet<ArgList>();

export function numpyCall(name: string, args: ArgList): Value | undefined {
  const f = name.replace(/^numpy\./, '');
  const a = args.positional[0]?.value;
  const size = (v: Value | undefined): number[] | undefined => (v === undefined || v.t === 'none' ? undefined : asInts(v));
  // (`np.random.randn(2, *shape)`: arguments behind a star the analysis cannot list.)
  if (args.unknownRest) return undefined;
  switch (f) {
    // `np.clip(noisy, 0., 1.)` of a tensor or array between two numbers: the same shape.
    case 'clip': {
      const bound = (v: Value | undefined): boolean => v === undefined || v.t === 'num' || v.t === 'none';
      const lo = args.positional[1]?.value ?? args.keyword.get('a_min')?.value;
      const hi = args.positional[2]?.value ?? args.keyword.get('a_max')?.value;
      return a?.t === 'tensor' && bound(lo) && bound(hi) && args.positional.length <= 3 ? tensor(a.shape) : undefined;
    }
    // (`np.product`: numpy's old name for prod, removed in 2.0.)
    case 'prod': case 'product': {
      if (a?.t === 'seq' && a.items.every((x) => x.t === 'num')) return num(a.items.reduce((p, x) => p * (x as { v: number }).v, 1), true);
      return undefined;
    }
    // `np.sum(cat_emb_dims)` of a list of ints (TabNet's width after its embeddings): an integer.
    case 'sum': {
      if (args.positional.length === 1 && args.keyword.size === 0 && a?.t === 'seq' && !a.unsized && a.items.every((x) => x.t === 'num' && x.int)) return num(a.items.reduce((p, x) => p + (x as { v: number }).v, 0), true);
      return undefined;
    }
    case 'zeros': case 'ones': case 'empty':
      return size(a) ? tensor(size(a)!) : undefined;
    case 'eye': case 'identity': {
      // eye(N, M=None): N rows, M (else N) columns; identity(n): n by n.
      const n = asInt(a ?? NONE);
      const mv = f === 'eye' ? args.positional[1]?.value ?? args.keyword.get('M')?.value : undefined;
      const m = mv === undefined || mv.t === 'none' ? n : asInt(mv);
      return n !== undefined && m !== undefined && n >= 0 && m >= 0 && !args.unknownRest ? tensor([n, m]) : undefined;
    }
    case 'random.normal': case 'random.uniform': case 'random.randint': {
      const sv = args.positional[2]?.value ?? args.keyword.get('size')?.value;
      const s2 = size(sv);
      if (s2) return tensor(s2);
      // Without a size (and bounds that are numbers): one number, its value drawn when the script runs.
      const bounds = [...args.positional.map((a) => a.value), ...[...args.keyword].filter(([k]) => k !== 'size' && k !== 'dtype').map(([, a]) => a.value)];
      const scalar = (sv === undefined || sv.t === 'none') && !args.unknownRest && bounds.every((b) => b.t === 'num');
      return scalar ? { t: 'unknown', reason: { en: `np.${f}: a number drawn when the script runs`, 'zh-cn': `np.${f}：运行时抽取的一个数` }, tensorLike: false, num: true } : undefined;
    }
    case 'random.randn': case 'random.rand': {
      const dims = args.positional.map((p) => asInt(p.value));
      return dims.every((d) => d !== undefined) && dims.length > 0 ? tensor(dims as number[]) : undefined;
    }
    case 'memmap': case 'fromfile': {
      // A flat file of numbers (nanoGPT's `np.memmap('train.bin', dtype=np.uint16, mode='r')`): one
      // axis whose length only the file decides, unless a shape (a count) is given.
      const shape = f === 'memmap' ? size(args.keyword.get('shape')?.value ?? args.positional[4]?.value) : undefined;
      if (shape) return tensor(shape);
      const count = f === 'fromfile' ? asInt(args.keyword.get('count')?.value ?? args.positional[2]?.value) : undefined;
      if (count !== undefined && count >= 0) return tensor([count]);
      if (args.unknownRest || (f === 'memmap' && (args.keyword.has('shape') || args.positional.length > 4)) || (f === 'fromfile' && (args.keyword.has('count') || args.positional.length > 2 || args.keyword.has('sep') || args.positional.length > 3))) return undefined;
      return { t: 'unknown', reason: { en: `np.${f}: how many numbers the file holds is decided when the script runs`, 'zh-cn': `np.${f}：文件中有多少个数在脚本运行时才确定` }, tensorLike: true, rows: [] };
    }
    case 'fromstring': {
      // `np.fromstring("13-512-256", dtype=int, sep="-")` (DLRM's layer sizes from a flag): the integers the text lists.
      const sep = args.keyword.get('sep')?.value ?? args.positional[2]?.value;
      const dtype = args.keyword.get('dtype')?.value ?? args.positional[1]?.value;
      const isInt = dtype?.t === 'ref' ? /^(?:builtins\.int|numpy\.(?:int_?|int64|int32|intc|longlong))$/.test(dtype.name) : dtype?.t === 'str' && /^(?:int|int64|int32|i8|i4)$/.test(dtype.v);
      if (a?.t !== 'str' || sep?.t !== 'str' || sep.v.trim() === '' || !isInt || args.unknownRest) return undefined;
      const parts = a.v.split(sep.v);
      if (parts.length > MAX_LINSPACE || !parts.every((x) => /^\s*[+-]?\d+\s*$/.test(x))) return undefined;
      const v = parts.map((x) => Number.parseInt(x, 10));
      return v.every(Number.isSafeInteger) ? { t: 'tensor', shape: [v.length], vals: { v, e: v.map(() => 0), int: true, numpy: true } } : undefined;
    }
    case 'array': case 'asarray': {
      // np.array copies (a write into the copy leaves the original); np.asarray is the array itself.
      if (a?.t === 'tensor') return f === 'array' ? copiedArray(a) : a;
      // A flat list of integers keeps its values (pytorch-fm's `field_dims`, summed and accumulated later).
      if (a?.t === 'seq' && args.positional.length === 1 && args.keyword.size === 0 && a.items.length <= MAX_LINSPACE && a.items.every((x) => x.t === 'num' && x.int && Number.isSafeInteger(x.v))) {
        const v = a.items.map((x) => (x as { v: number }).v);
        return { t: 'tensor', shape: [v.length], vals: { v, e: v.map(() => 0), int: true, numpy: true } };
      }
      // A table of integers (`np.array([[16, 3, 1], [32, 3, 2]])`, a config read row by row) keeps its values too.
      const table = a?.t === 'seq' && args.positional.length === 1 && args.keyword.size === 0 ? intTable(a) : undefined;
      if (table) return { t: 'tensor', shape: [table.length, table[0]!.length], vals: { v: table.flat(), e: table.flat().map(() => 0), int: true, numpy: true } };
      // Arrays of one shape stack into one more axis (`np.array([np.random.choice(100, 10) for _ in range(256)])`).
      if (a?.t === 'seq' && !a.unsized && a.items.length > 0 && a.items.every((x) => x.t === 'tensor' && x.shape.length > 0 && x.shape.join() === (a.items[0] as { shape: number[] }).shape.join())) return tensor([a.items.length, ...(a.items[0] as { shape: number[] }).shape]);
      return a ? (nestedShape(a) ? tensor(nestedShape(a)!) : undefined) : undefined;
    }
    case 'random.choice': {
      // choice(a, size): an array of that shape (no size: one item, left to the caller).
      const s2 = size(args.positional[1]?.value ?? args.keyword.get('size')?.value);
      return s2 && !args.unknownRest ? tensor(s2) : undefined;
    }
    case 'linspace':
      return linspace(args);
    case 'fromfunction': {
      // `np.fromfunction(lambda f, t: …, (n, m))`: the function gets one index grid of that shape per
      // axis; an expression of them has that shape (one reading none of them is its own value: not followed).
      const fn = a;
      const shape = size(args.positional[1]?.value ?? args.keyword.get('shape')?.value);
      const body = fn?.t === 'func' && fn.f.kind === 'lambda' && fn.f.expression ? fn.f.body.text : undefined;
      if (!shape || body === undefined || args.unknownRest || fn?.t !== 'func' || fn.f.params.length !== shape.length) return undefined;
      const reads = fn.f.params.some((p) => new RegExp(`(?<![\\w.])${p}(?!\\w)`).test(body));
      return reads ? tensor(shape) : undefined;
    }
    case 'cumsum': {
      // Running totals of a flat list (or integer array) of numbers (pytorch-fm's field offsets: `np.cumsum(field_dims)[:-1]`).
      if (args.positional.length !== 1 || args.keyword.size > 0 || args.unknownRest) return undefined;
      const items = a?.t === 'seq' ? a.items : a?.t === 'tensor' && a.vals?.numpy && a.shape.length === 1 ? a.vals.v.map((v) => num(v, true)) : undefined;
      if (!items || items.length > MAX_LINSPACE || !items.every((x) => x.t === 'num')) return undefined;
      // An array of as many; integers keep their values (int64, as numpy sums them).
      const ints = items.every((x) => x.t === 'num' && x.int);
      const values: number[] = [];
      for (const x of items) values.push((values[values.length - 1] ?? 0) + (x as { v: number }).v);
      return ints && values.every(Number.isSafeInteger) ? { t: 'tensor', shape: [values.length], vals: { v: values, e: values.map(() => 0), int: true, numpy: true } } : tensor([values.length]);
    }
    case 'power': {
      // Two Python numbers give a number (float64, as numpy computes it); arrays are left to the caller.
      const b = args.positional[1]?.value;
      if (a?.t !== 'num' || b?.t !== 'num' || args.positional.length !== 2 || args.keyword.size > 0) return undefined;
      const ints = a.int && b.int;
      // numpy refuses integers to negative integer powers, and wraps int64 where JavaScript would round.
      if (ints && b.v < 0) return undefined;
      const v = a.v ** b.v;
      return Number.isFinite(v) && (!ints || Number.isSafeInteger(v)) ? num(v, ints) : undefined;
    }
    case 'sqrt': case 'log': case 'log2': case 'log10': case 'exp': case 'floor': case 'ceil': {
      // The values change: only the shape is kept.
      if (a?.t === 'tensor' && args.positional.length === 1 && args.keyword.size === 0) return tensor(a.shape);
      // numpy gives a float64 even for floor and ceil (`range(np.floor(x))` raises), and nan/inf outside the domain.
      const v = a?.t === 'num' && args.positional.length === 1 && args.keyword.size === 0 ? (Math as unknown as Record<string, (x: number) => number>)[f]!(a.v) : NaN;
      return Number.isFinite(v) ? num(v, false) : undefined;
    }
    default:
      return numpyArrayCall(f, args);
  }
}

/**
 * scipy.linalg's factorisations of a 2-D array (Glow's invertible 1×1 convolution starts from
 * `la.qr` and `la.lu` of a random square matrix): the factors' shapes for the default options; and
 * scipy.signal.get_window's length (an STFT's analysis window).
 */
export function scipyCall(name: string, args: ArgList): Value | undefined {
  // scipy.stats.special_ortho_group.rvs(dim, size=1) (Glow's 1×1 convolution starts from one), ortho_group,
  // unitary_group: a random dim × dim matrix, `size` of them with a size above 1.
  if (/^scipy\.stats\.(?:special_ortho_group|ortho_group|unitary_group)\.rvs$/.test(name)) {
    const dim = asInt(args.positional[0]?.value ?? args.keyword.get('dim')?.value);
    const sv = args.positional[1]?.value ?? args.keyword.get('size')?.value;
    const size = sv === undefined ? 1 : asInt(sv);
    if (dim === undefined || dim < 2 || size === undefined || size < 1 || args.unknownRest || args.positional.length > 2 || [...args.keyword.keys()].some((k) => k !== 'dim' && k !== 'size' && k !== 'random_state')) return undefined;
    return tensor(size === 1 ? [dim, dim] : [size, dim, dim]);
  }
  // scipy.signal.get_window(window, Nx, fftbins=True): Nx points (an STFT's analysis window).
  if (name === 'scipy.signal.get_window' || name === 'scipy.signal.windows.get_window') {
    const nx = asInt(args.positional[1]?.value ?? args.keyword.get('Nx')?.value);
    return nx !== undefined && nx >= 0 && !args.unknownRest ? tensor([nx]) : undefined;
  }
  const f = name.replace(/^scipy\.linalg\./, '');
  const sh = arrayShape(args.positional[0]?.value ?? args.keyword.get('a')?.value);
  if (!sh || sh.length !== 2 || args.unknownRest || args.positional.length > 1 || args.keyword.size > (args.positional.length === 0 ? 1 : 0)) return undefined;
  const [m, n] = sh as [number, number];
  const k = Math.min(m, n);
  const pair = (items: Value[]): Value => ({ t: 'seq', items, tuple: true });
  switch (f) {
    // mode='full': Q [M, M], R [M, N].
    case 'qr': return pair([tensor([m, m]), tensor([m, n])]);
    // permute_l=False: P [M, M], L [M, K], U [K, N].
    case 'lu': return pair([tensor([m, m]), tensor([m, k]), tensor([k, n])]);
    default: return undefined;
  }
}

/** numpy's shape of an array-like: an array, a kept linspace, a number, nested lists of numbers. */
function arrayShape(v: Value | undefined): number[] | undefined {
  if (v === undefined) return undefined;
  if (v.t === 'tensor') return v.shape;
  if (v.t === 'data' && v.d.kind === 'array') return [v.d.values.length];
  return nestedShape(v);
}

/** An axis of a `rank`-dimensional result, numpy's negative axes counted from the end. */
function axisOf(v: Value | undefined, rank: number, dflt: number | undefined): number | undefined {
  const n = v === undefined || v.t === 'none' ? dflt : asInt(v);
  if (n === undefined || n < -rank || n >= rank) return undefined;
  return n < 0 ? n + rank : n;
}

/**
 * numpy's array functions that arrays built in a constructor go through (a spatial transformer's
 * control points and kernel matrices, built with numpy and registered as buffers): their shapes
 * only, by numpy's rules; undefined (not followed) for any argument the rule does not cover.
 */
function numpyArrayCall(f: string, args: ArgList): Value | undefined {
  const arg = (i: number, name: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(name)?.value;
  if (args.unknownRest) return undefined;
  const a = arg(0, f === 'stack' || f === 'concatenate' ? 'arrays' : 'a');
  switch (f) {
    case 'stack': case 'concatenate': {
      if (a?.t !== 'seq' || a.items.length === 0 || args.keyword.has('out')) return undefined;
      const shapes = a.items.map(arrayShape);
      const first = shapes[0];
      if (!first || shapes.some((x) => !x || x.length !== first.length)) return undefined;
      if (f === 'stack') {
        if (shapes.some((x) => x!.join() !== first.join())) return undefined;
        const ax = axisOf(arg(1, 'axis'), first.length + 1, 0);
        return ax === undefined ? undefined : tensor([...first.slice(0, ax), shapes.length, ...first.slice(ax)]);
      }
      const ax = axisOf(arg(1, 'axis'), first.length, 0);
      if (ax === undefined || shapes.some((x) => x!.some((d, i) => i !== ax && d !== first[i]))) return undefined;
      return tensor(first.map((d, i) => (i === ax ? shapes.reduce((t, x) => t + x![ax]!, 0) : d)));
    }
    case 'transpose': {
      const sh = arrayShape(a);
      const axes = arg(1, 'axes');
      if (!sh || (axes !== undefined && axes.t !== 'none')) return undefined;
      return tensor([...sh].reverse());
    }
    case 'expand_dims': {
      const sh = arrayShape(a);
      const ax = sh ? axisOf(arg(1, 'axis'), sh.length + 1, undefined) : undefined;
      return sh && ax !== undefined ? tensor([...sh.slice(0, ax), 1, ...sh.slice(ax)]) : undefined;
    }
    case 'tile': {
      const sh = arrayShape(a);
      const reps = asInts(arg(1, 'reps'));
      if (!sh || !reps || reps.some((r) => r < 0)) return undefined;
      const d = Math.max(sh.length, reps.length);
      const s2 = [...Array<number>(d - sh.length).fill(1), ...sh];
      const r2 = [...Array<number>(d - reps.length).fill(1), ...reps];
      return tensor(s2.map((x, i) => x * r2[i]!));
    }
    case 'linalg.inv': {
      const sh = arrayShape(a);
      return sh && sh.length >= 2 && sh[sh.length - 1] === sh[sh.length - 2] ? tensor(sh) : undefined;
    }
    case 'linalg.qr': {
      // numpy's qr(a, mode='reduced'): Q [.., m, k], R [.., k, n]; 'complete': Q [.., m, m], R [.., m, n]; 'r': R alone.
      const sh = arrayShape(a);
      const mode = arg(1, 'mode');
      const m0 = mode === undefined ? 'reduced' : mode.t === 'str' ? mode.v : undefined;
      if (!sh || sh.length < 2 || args.unknownRest || m0 === undefined) return undefined;
      const batch = sh.slice(0, -2);
      const m = sh[sh.length - 2]!;
      const n = sh[sh.length - 1]!;
      const k = Math.min(m, n);
      if (m0 === 'reduced') return { t: 'seq', items: [tensor([...batch, m, k]), tensor([...batch, k, n])], tuple: true };
      if (m0 === 'complete') return { t: 'seq', items: [tensor([...batch, m, m]), tensor([...batch, m, n])], tuple: true };
      if (m0 === 'r') return tensor([...batch, k, n]);
      return undefined;
    }
    case 'linalg.norm': {
      // Over one axis: that axis goes (kept as 1 with keepdims). The whole array's norm is a number the analysis does not compute.
      const sh = arrayShape(a);
      const axis = arg(2, 'axis');
      const keep = arg(3, 'keepdims') ?? { t: 'bool', v: false };
      if (!sh || axis === undefined || axis.t === 'none' || keep.t !== 'bool' || asInt(axis) === undefined) return undefined;
      const ax = axisOf(axis, sh.length, undefined);
      if (ax === undefined) return undefined;
      return tensor(keep.v ? sh.map((d, i) => (i === ax ? 1 : d)) : sh.filter((_, i) => i !== ax));
    }
    case 'fill_diagonal':
      // Writes values in place; the shape stays.
      return arrayShape(a) ? NONE : undefined;
    case 'fft.rfft': case 'fft.fft': case 'fft.ifft': {
      // Over the last axis (n and axis left at their defaults): rfft keeps n // 2 + 1 frequencies.
      const sh = arrayShape(a);
      if (!sh || sh.length === 0 || args.positional.length !== 1 || args.keyword.size > 0) return undefined;
      const n = sh[sh.length - 1]!;
      return tensor([...sh.slice(0, -1), f === 'fft.rfft' ? Math.floor(n / 2) + 1 : n]);
    }
    case 'real': case 'imag': {
      const sh = args.positional.length === 1 && args.keyword.size === 0 ? arrayShape(a) : undefined;
      return sh && a?.t !== 'num' ? tensor(sh) : undefined;
    }
    case 'linalg.pinv': {
      // [..., m, n] → [..., n, m].
      const sh = arrayShape(a);
      return sh && sh.length >= 2 && args.positional.length === 1 && args.keyword.size === 0 ? tensor([...sh.slice(0, -2), sh[sh.length - 1]!, sh[sh.length - 2]!]) : undefined;
    }
    case 'hamming': case 'hanning': case 'bartlett': case 'blackman': {
      // A window of M points.
      const m = asInt(a ?? args.keyword.get('M')?.value);
      return m !== undefined && m >= 0 && args.positional.length === 1 ? tensor([m]) : undefined;
    }
    case 'triu': case 'tril': {
      // The same shape, entries above (or below) the k-th diagonal zeroed; numpy needs at least 2-D (1-D is read as a row).
      const sh = arrayShape(a);
      const k = arg(1, 'k');
      if (!sh || sh.length < 2 || (k !== undefined && asInt(k) === undefined) || args.positional.length + args.keyword.size > 2) return undefined;
      return tensor(sh);
    }
    case 'ones_like': case 'zeros_like': case 'empty_like': {
      const sh = arrayShape(a);
      return sh && args.positional.length === 1 && args.keyword.size === 0 && a?.t !== 'num' ? tensor(sh) : undefined;
    }
    case 'diag': {
      // 1-D → the square matrix with it on the diagonal; 2-D → its diagonal (k = 0 only).
      const sh = arrayShape(a);
      if (!sh || args.positional.length !== 1 || args.keyword.size > 0) return undefined;
      if (sh.length === 1) return tensor([sh[0]!, sh[0]!]);
      return sh.length === 2 ? tensor([Math.min(sh[0]!, sh[1]!)]) : undefined;
    }
    case 'sign': case 'square': case 'abs': case 'absolute': case 'negative': case 'tanh': case 'sin': case 'cos': case 'tan': case 'arcsin': case 'arccos': case 'arctan':
    case 'sinh': case 'cosh': case 'expm1': case 'log1p': case 'rint': {
      const sh = args.positional.length === 1 && args.keyword.size === 0 ? arrayShape(a) : undefined;
      return sh && a?.t !== 'num' ? tensor(sh) : undefined;
    }
    case 'dot': case 'matmul': {
      // 2-D × 2-D: [m, k] · [k, n] → [m, n]; with a 1-D side that dim goes (dot and matmul agree up to 2-D).
      const x = arrayShape(arg(0, 'a'));
      const y = arrayShape(arg(1, 'b'));
      if (!x || !y || args.positional.length !== 2 || args.keyword.size > 0 || x.length === 0 || y.length === 0 || x.length > 2 || y.length > 2) return undefined;
      const inner = x[x.length - 1]!;
      const against = y.length === 1 ? y[0]! : y[0]!;
      if (inner !== against) return undefined;
      const out = [...x.slice(0, -1), ...(y.length === 2 ? [y[1]!] : [])];
      return out.length === 0 ? undefined : tensor(out);
    }
    case 'multiply': case 'add': case 'subtract': case 'divide': case 'true_divide': case 'floor_divide': case 'mod': case 'remainder': case 'fmod':
    case 'maximum': case 'minimum': case 'equal': case 'not_equal': case 'greater': case 'greater_equal': case 'less': case 'less_equal':
    case 'logical_and': case 'logical_or': case 'logical_xor': {
      const x = arrayShape(arg(0, 'x1'));
      const y = arrayShape(arg(1, 'x2'));
      if (!x || !y || args.positional.length !== 2 || args.keyword.size > 0 || (x.length === 0 && y.length === 0)) return undefined;
      const out = broadcast(x, y);
      return out ? tensor(out) : undefined;
    }
    case 'arange': {
      // arange(stop) / arange(start, stop[, step]): ceil((stop - start) / step) values.
      const nums = args.positional.map((p) => p.value);
      if (args.keyword.size > 0 || nums.length === 0 || nums.length > 3 || nums.some((v) => v.t !== 'num')) return undefined;
      const [start, stop, step] = nums.length === 1 ? [0, (nums[0] as { v: number }).v, 1] : [(nums[0] as { v: number }).v, (nums[1] as { v: number }).v, nums[2] ? (nums[2] as { v: number }).v : 1];
      if (step === 0 || !Number.isFinite(start) || !Number.isFinite(stop) || !Number.isFinite(step)) return undefined;
      return tensor([Math.max(0, Math.ceil((stop - start) / step))]);
    }
    case 'meshgrid': {
      // Default 'xy' indexing: the first two sizes swap (rows follow the second input).
      const indexing = args.keyword.get('indexing')?.value ?? { t: 'str', v: 'xy' };
      if ([...args.keyword.keys()].some((k) => k !== 'indexing') || indexing.t !== 'str' || (indexing.v !== 'xy' && indexing.v !== 'ij')) return undefined;
      const lens = args.positional.map((p) => arrayShape(p.value)).map((sh) => (sh ? product(sh) : undefined));
      if (lens.length === 0 || lens.some((n) => n === undefined)) return undefined;
      const out = lens as number[];
      if (indexing.v === 'xy' && out.length >= 2) [out[0], out[1]] = [out[1]!, out[0]!];
      return { t: 'seq', items: out.map(() => tensor([...out])), tuple: false };
    }
    default:
      return undefined;
  }
}

/** Longest `np.linspace` whose values are kept. */
const MAX_LINSPACE = 4096;

/** `np.linspace(start, stop, num=50, endpoint=True)`: numpy's own float64 steps, `start + i·step`, the last one `stop`. */
function linspace(args: ArgList): Value | undefined {
  const arg = (i: number, name: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(name)?.value;
  const start = arg(0, 'start');
  const stop = arg(1, 'stop');
  const n = arg(2, 'num') ?? num(50, true);
  const endpoint = arg(3, 'endpoint') ?? { t: 'bool', v: true };
  if (args.unknownRest || args.keyword.has('retstep') || args.keyword.has('axis')) return undefined;
  // With a dtype (`dtype=np.float32`): n values whose exact values are not followed.
  if (args.keyword.has('dtype')) return n.t === 'num' && n.int && n.v >= 0 && [...args.keyword.keys()].every((k) => ['dtype', 'num', 'start', 'stop', 'endpoint'].includes(k)) ? tensor([n.v]) : undefined;
  // Ends that are numbers of unknown value (`start = np.random.randint(3)`): n values, whatever they are
  // (array ends would add their own dims, so only numbers).
  const number = (v: Value | undefined): boolean => v?.t === 'num' || (v?.t === 'unknown' && v.num === true);
  if (number(start) && number(stop) && (start?.t !== 'num' || stop?.t !== 'num')) return n.t === 'num' && n.int && n.v >= 0 && endpoint.t === 'bool' ? tensor([n.v]) : undefined;
  if (start?.t !== 'num' || stop?.t !== 'num' || n.t !== 'num' || !n.int || n.v < 0 || n.v > MAX_LINSPACE || endpoint.t !== 'bool') return undefined;
  const div = endpoint.v ? n.v - 1 : n.v;
  const step = div > 0 ? (stop.v - start.v) / div : NaN;
  const values = Array.from({ length: n.v }, (_, i) => i * step + start.v);
  if (div <= 0 && n.v > 0) values[0] = start.v;
  if (endpoint.v && n.v > 1) values[n.v - 1] = stop.v;
  return { t: 'data', d: { kind: 'array', values } };
}

/** Functions of torch.nn.functional whose shape rule is a layer's (same settings, same order). */
const FUNCTIONAL_LAYERS: Record<string, string> = {
  'F.l1_loss': 'L1Loss', 'F.mse_loss': 'MSELoss', 'F.smooth_l1_loss': 'SmoothL1Loss', 'F.huber_loss': 'HuberLoss', 'F.kl_div': 'KLDivLoss',
  'F.binary_cross_entropy': 'BCELoss', 'F.binary_cross_entropy_with_logits': 'BCEWithLogitsLoss', 'F.cross_entropy': 'CrossEntropyLoss',
  'F.nll_loss': 'NLLLoss', 'F.cosine_similarity': 'CosineSimilarity', 'F.pairwise_distance': 'PairwiseDistance',
};

export function sliceRange(s: { start: Value; stop: Value; step: Value }, len: number): { start: number; stop: number; step: number } | undefined {
  const step = s.step.t === 'none' ? 1 : asInt(s.step);
  if (step === undefined || step === 0) return undefined;
  const norm = (v: Value, def: number): number | undefined => {
    if (v.t === 'none') return def;
    const n = asInt(v);
    if (n === undefined) return undefined;
    const m = n < 0 ? n + len : n;
    return step > 0 ? Math.min(Math.max(m, 0), len) : Math.min(Math.max(m, -1), len - 1);
  };
  const start = norm(s.start, step > 0 ? 0 : len - 1);
  const stop = norm(s.stop, step > 0 ? len : -1);
  if (start === undefined || stop === undefined) return undefined;
  return { start, stop, step };
}

/**
 * The length of a window `data[i + a:i + b]` whose index i has a known bound, when every window
 * surely fits in the data: b - a; otherwise undefined. The bound is either a number of items (a
 * Dataset's `data[idx:idx + T]`, idx from the loader: 0 to len - 1) or the data itself (nanoGPT's
 * get_batch: i drawn by `torch.randint(len(data) - T, …)`, so at most len(data) - T - 1).
 */
export function windowLength(s: { start: Value; stop: Value; step: Value }, within: number | Value): number | undefined {
  if (s.step.t !== 'none' && !(s.step.t === 'num' && s.step.v === 1)) return undefined;
  const from = s.start.t === 'unknown' ? s.start.indexFrom : undefined;
  const to = s.stop.t === 'unknown' ? s.stop.indexFrom : undefined;
  if (!from || !to) return undefined;
  const n = to.off - from.off;
  if (n < 0 || from.off < 0) return undefined;
  // How far the last window may end past the data's end (0 or less: it fits).
  const overrun =
    typeof within === 'number'
      ? from.max !== undefined && to.max === from.max ? from.max + to.off - within : undefined
      : from.maxOf === within && to.maxOf === within && from.maxOff !== undefined && to.maxOff === from.maxOff ? from.maxOff + to.off : undefined;
  return overrun !== undefined && overrun <= 0 ? n : undefined;
}

function sliceLength(r: { start: number; stop: number; step: number }): number {
  return r.step > 0 ? Math.max(0, Math.ceil((r.stop - r.start) / r.step)) : Math.max(0, Math.ceil((r.start - r.stop) / -r.step));
}

export function pick<T>(items: T[], r: { start: number; stop: number; step: number }): T[] {
  const out: T[] = [];
  for (let i = r.start; r.step > 0 ? i < r.stop : i > r.stop; i += r.step) {
    const it = items[i];
    if (it !== undefined) out.push(it);
  }
  return out;
}

/** Surely integers: flagged as such, or of known integer values. */
function isIntegerTensor(v: Value & { t: 'tensor' }): boolean {
  return v.index === true || v.vals?.int === true;
}

export function indexTensor(shape: number[], idx: Value[]): Value {
  const only = idx.length === 1 ? idx[0] : undefined;
  // A tuple given as one index (`e[(...,) + (None,) * 2]`) is the indices it holds, as `e[..., None, None]`.
  if (only?.t === 'seq' && only.tuple && !only.unsized && only.items.length > 0) return indexByParts(shape, only.items);
  if (only?.t === 'tensor' && shape.length > 0) {
    // `table[index]`: a bool mask has the shape of the leading dims (a size only the data decides);
    // an index tensor of any other shape can only be integers (PyTorch refuses other masks), each
    // picking a row: the index's shape, then the rows' shape.
    const s = only.shape;
    const couldBeMask = !isIntegerTensor(only) && s.length <= shape.length && s.every((d, k) => d === shape[k]);
    if (couldBeMask) return unknown('indexing with a tensor that may be a mask', '用可能是掩码的张量索引');
    return tensor([...s, ...shape.slice(1)]);
  }
  return indexByParts(shape, idx);
}

/**
 * `x[0, :, None]`, `x[batch_range, idx]`, `x[:, idx]`: indices as PyTorch reads them. Ints
 * select (their dim goes), slices / None / `...` keep or add dims, each index tensor (integers:
 * one that could be a bool mask is unknown) takes one dim; the index tensors broadcast together,
 * and their shape stands where they are when they are next to each other, else first.
 */
function indexByParts(shape: number[], idx: Value[]): Value {
  type Part = { dims: number[]; index?: number[] };
  const parts: Part[] = [];
  let dim = 0;
  const consumed = idx.filter((i) => i.t !== 'none' && !(i.t === 'str' && i.v === '...')).length;
  for (const i of idx) {
    if (i.t === 'none') {
      parts.push({ dims: [1] });
      continue;
    }
    if (i.t === 'str' && i.v === '...') {
      const skip = shape.length - consumed;
      for (let k = 0; k < skip; k++) parts.push({ dims: [shape[dim++] ?? 0] });
      continue;
    }
    const size = shape[dim];
    if (size === undefined) return unknown(`too many indices for a tensor of shape ${fmtShape(shape)}`, `对形状 ${fmtShape(shape)} 的下标过多`);
    if (i.t === 'unknown' && i.index) {
      dim++;
      continue;
    }
    if (i.t === 'num' && i.int) {
      if (i.v >= size || i.v < -size) return unknown(`index ${i.v} is out of range for size ${size}`, `下标 ${i.v} 超出大小 ${size}`);
      dim++;
      continue;
    }
    if (i.t === 'slice') {
      const r = sliceRange(i, size);
      const window = r ? undefined : windowLength(i, size);
      if (!r && window === undefined) return unknown('slice bounds unknown', '切片边界未知');
      parts.push({ dims: [r ? sliceLength(r) : window!] });
      dim++;
      continue;
    }
    if (i.t === 'tensor') {
      // A bool mask has the shape of the dims it covers, and a size only the data decides (a 0-d
      // one adds a dim of 1 or 0; a 0-d integer one selects, like an int).
      const couldBeMask = !isIntegerTensor(i) && i.shape.every((d, k) => d === shape[dim + k]);
      if (couldBeMask) return unknown('indexing with a tensor that may be a mask', '用可能是掩码的张量索引');
      parts.push({ dims: [], index: i.shape });
      dim++;
      continue;
    }
    if (i.t === 'seq' && !i.tuple && i.items.length > 0 && i.items.every((x) => x.t === 'num' && x.int)) {
      // A list of integers is an index tensor of that length (nanoGPT's `x[:, [-1], :]` keeps the
      // dim); a list of bools would be a mask, and nested lists are not read.
      if (i.items.some((x) => x.t === 'num' && (x.v >= size || x.v < -size))) return unknown(`an index in the list is out of range for size ${size}`, `列表中的下标超出大小 ${size}`);
      parts.push({ dims: [], index: [i.items.length] });
      dim++;
      continue;
    }
    return unknown('indexing with a tensor or unknown value', '用张量或未知值索引');
  }
  for (; dim < shape.length; dim++) parts.push({ dims: [shape[dim] ?? 0] });
  const rest = (ps: Part[]): number[] => ps.filter((p) => !p.index).flatMap((p) => p.dims);
  const first = parts.findIndex((p) => p.index);
  if (first < 0) return tensor(rest(parts));
  let joint: number[] | undefined = [];
  for (const p of parts) if (p.index) joint = joint && broadcast(joint, p.index);
  if (!joint) return unknown('index tensors whose shapes do not broadcast', '索引张量的形状无法广播');
  const last = parts.length - 1 - [...parts].reverse().findIndex((p) => p.index);
  const together = parts.slice(first, last + 1).every((p) => p.index);
  return tensor(together ? [...rest(parts.slice(0, first)), ...joint, ...rest(parts.slice(last + 1))] : [...joint, ...rest(parts)]);
}
