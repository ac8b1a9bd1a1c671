// What the analysis knows of a tensor's memory layout, for one check: PyTorch's `view` needs the
// new shape to fit the tensor's strides ("view size is not compatible with input tensor's size and
// stride … Use .reshape(...) instead"), the classic `(att @ v).transpose(1, 2).view(B, T, C)`.
// Layouts are known only where PyTorch surely makes them: a fresh result that is contiguous (a
// creation function, `.contiguous()`, a matmul, a Linear or an Embedding), then transposed or
// permuted. Everything else is unknown and never checked (a miss, never a false error).
import type { Node } from './parser';
import type { Value } from './values';

/** Tensor values PyTorch surely made contiguous. */
const contiguous = new WeakSet<object>();
/** Tensor values made by a transpose / permute of a tensor of known layout: their strides (in elements). */
const strided = new WeakMap<object, number[]>();

/** Marks a fresh tensor value as contiguous (returns it). */
export function madeContiguous(v: Value): Value {
  if (v.t === 'tensor') contiguous.add(v);
  return v;
}

function contiguousStrides(shape: number[]): number[] {
  const out = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) out[i] = out[i + 1]! * Math.max(shape[i + 1]!, 1);
  return out;
}

/** The strides of a tensor value whose layout is known. */
export function stridesOf(v: Value): number[] | undefined {
  if (v.t !== 'tensor') return undefined;
  if (contiguous.has(v)) return contiguousStrides(v.shape);
  const s = strided.get(v);
  return s && s.length === v.shape.length ? s : undefined;
}

/** `out` = x with its dims in `order` (a transpose or permute: a view, strides permuted alike). */
export function madePermuted(x: Value, order: number[], out: Value): Value {
  const s = stridesOf(x);
  if (s && out.t === 'tensor' && out !== x && order.length === s.length && out.shape.length === s.length) strided.set(out, order.map((d) => s[d]!));
  return out;
}

/** Whether a tensor of strides `strides` is surely not contiguous (a view of it to another shape may fail). */
export function isStrided(v: Value): boolean {
  return v.t === 'tensor' && strided.has(v) && !contiguous.has(v);
}

/**
 * Whether PyTorch can view a tensor of `shape` and `strides` as `newShape` (ATen's computeStride,
 * PyTorch 1.13): each run of dims that lie contiguously in memory must be split or merged whole.
 */
export function viewFits(shape: number[], strides: number[], newShape: number[]): boolean {
  if (shape.length === 0 || shape.some((d) => d === 0)) return true;
  let viewD = newShape.length - 1;
  let chunkBase = strides[strides.length - 1]!;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    tensorNumel *= shape[d]!;
    if (d === 0 || (shape[d - 1] !== 1 && strides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        viewNumel *= newShape[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return false;
      if (d > 0) {
        chunkBase = strides[d - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1;
}

const PERMUTING = new Set(['transpose', 'permute', 't', 'swapaxes', 'swapdims']);

function permutingCall(n: Node | null): boolean {
  const fn = n?.type === 'call' ? n.childForFieldName('function') : null;
  return fn?.type === 'attribute' && PERMUTING.has(fn.childForFieldName('attribute')?.text ?? '');
}

/**
 * Whether `call` (`….view(…)`) views the result of a transpose / permute straight away: the call
 * itself (`y.transpose(1, 2).view(…)`), or a name the statement just before bound to one (`x =
 * x.permute(0, 2, 1)` then `x.view(…)`). Anything in between could have made a contiguous copy the
 * analysis does not mark, so only these are checked.
 */
export function viewsFreshPermute(call: Node): boolean {
  const fn = call.childForFieldName('function');
  const recv = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  if (!recv) return false;
  if (permutingCall(recv)) return true;
  if (recv.type !== 'identifier') return false;
  let stmt: Node | null = call;
  while (stmt && stmt.parent && stmt.parent.type !== 'block' && stmt.parent.type !== 'module') stmt = stmt.parent;
  let prev = stmt?.previousNamedSibling ?? null;
  while (prev?.type === 'comment') prev = prev.previousNamedSibling;
  const assign = prev?.type === 'expression_statement' ? prev.namedChildren[0] : null;
  if (assign?.type !== 'assignment') return false;
  const left = assign.childForFieldName('left');
  return left?.type === 'identifier' && left.text === recv.text && permutingCall(assign.childForFieldName('right'));
}
