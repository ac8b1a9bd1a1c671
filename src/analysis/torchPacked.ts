// torch.nn.utils.rnn: padded batches and PackedSequence, as RNN code passes variable-length
// sequences. A PackedSequence holds `data` ([sum of lengths, *features]) and `batch_sizes`; the
// analysis also keeps how many sequences it packs, which an RNN's hidden state is sized by even
// when the lengths come from data and are not known. Sizes that depend on lengths the analysis
// cannot read are unknown, never guessed; lengths PyTorch refuses make the result unknown too.
import type { ArgList } from './torchLayers';
import { NONE, PACKED_SEQUENCE as PACKED, fmtShape, tensor, unknown, type Value } from './values';

type Obj = Value & { t: 'obj' };

/** What the analysis knows of a packed batch beside its attributes. */
interface PackedInfo {
  /** How many sequences. */
  batch: number;
  /** The dims after time and batch (an RNN input's features). */
  features: number[];
  /** Each sequence's length, in the batch's order, where known. */
  lengths?: number[];
}

const info = new WeakMap<Map<string, Value>, PackedInfo>();

export function isPacked(v: Value | undefined): v is Obj {
  return v?.t === 'obj' && v.cls === PACKED && info.has(v.attrs);
}

export function packedInfo(v: Obj): PackedInfo {
  return info.get(v.attrs)!;
}

/** A PackedSequence of `batch` sequences with these feature dims (`lengths` where known). */
export function makePacked(p: PackedInfo, sorted: boolean): Value {
  const { batch, features, lengths } = p;
  const why = unknown('the packed sequences\' lengths are not known', '打包序列的长度未知');
  const attrs = new Map<string, Value>([
    ['data', lengths ? tensor([lengths.reduce((a, b) => a + b, 0), ...features]) : why],
    ['batch_sizes', lengths ? { t: 'tensor', shape: [Math.max(...lengths)], index: true } : why],
    ['sorted_indices', sorted ? NONE : { t: 'tensor', shape: [batch], index: true }],
    ['unsorted_indices', sorted ? NONE : { t: 'tensor', shape: [batch], index: true }],
  ]);
  info.set(attrs, p);
  return { t: 'obj', cls: PACKED, attrs };
}

/** A 1-D list of lengths: a list of ints or an integer tensor whose values are known; undefined when not known. */
function lengthsOf(v: Value | undefined): number[] | undefined {
  if (v?.t === 'seq' && !v.unsized && v.items.every((x) => x.t === 'num' && x.int)) return v.items.map((x) => (x as { v: number }).v);
  if (v?.t === 'tensor' && v.shape.length === 1 && v.vals && v.vals.int && v.vals.e.every((e) => e === 0)) return v.vals.v;
  return undefined;
}

/** How many lengths, when their values are not known: a list's length, a 1-D tensor's size. */
function countOf(v: Value | undefined): number | undefined {
  if (v?.t === 'seq' && !v.unsized) return v.items.length;
  if (v?.t === 'tensor' && v.shape.length === 1) return v.shape[0];
  return undefined;
}

const flag = (v: Value | undefined, dflt: boolean): boolean | undefined => (v === undefined ? dflt : v.t === 'bool' ? v.v : undefined);

/** `pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True)`. */
export function packPadded(args: ArgList): Value {
  const at = (i: number, name: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(name)?.value;
  const x = at(0, 'input');
  const lens = at(1, 'lengths');
  const batchFirst = flag(at(2, 'batch_first'), false);
  const sorted = flag(at(3, 'enforce_sorted'), true);
  if (x?.t !== 'tensor') return x?.t === 'unknown' ? x : unknown('pack_padded_sequence of something that is not a tensor', 'pack_padded_sequence 的输入不是张量');
  if (args.unknownRest || batchFirst === undefined || sorted === undefined) return unknown('pack_padded_sequence with arguments the analysis cannot read', '参数无法分析的 pack_padded_sequence');
  if (x.shape.length < 2) return unknown(`pack_padded_sequence needs a [T, B, *] input, gets ${fmtShape(x.shape)}`, `pack_padded_sequence 需要 [T, B, *] 输入，实际为 ${fmtShape(x.shape)}`);
  const [t, b] = batchFirst ? [x.shape[1]!, x.shape[0]!] : [x.shape[0]!, x.shape[1]!];
  const features = x.shape.slice(2);
  const lengths = lengthsOf(lens);
  const count = lengths?.length ?? countOf(lens);
  // PyTorch raises on a count that is not the batch, a length of 0 or past T, and unsorted lengths when it enforces order.
  if (count !== undefined && count !== b) return unknown(`pack_padded_sequence: ${count} lengths for a batch of ${b}`, `pack_padded_sequence：批大小为 ${b}，长度却有 ${count} 个`);
  if (lengths && lengths.some((l, i) => l <= 0 || l > t || (sorted && i > 0 && l > lengths[i - 1]!))) return unknown(`pack_padded_sequence: lengths ${lengths.join(', ')} that PyTorch refuses for ${t} steps`, `pack_padded_sequence：PyTorch 不接受 ${t} 步的长度 ${lengths.join(', ')}`);
  return makePacked({ batch: b, features, ...(lengths ? { lengths } : {}) }, sorted);
}

/**
 * The `sequences` argument of pack_sequence / pad_sequence: a list of [L_i, *] tensors whose
 * trailing sizes agree, as each one's length and those sizes; a reason when it is not.
 */
function sequencesOf(fn: string, args: ArgList, flagName: string, flagDefault: boolean): { lengths: number[]; features: number[]; flag: boolean } | Value {
  const seqs = args.positional[0]?.value ?? args.keyword.get('sequences')?.value;
  const f = flag(args.positional[1]?.value ?? args.keyword.get(flagName)?.value, flagDefault);
  const items = seqs?.t === 'seq' && !seqs.unsized ? seqs.items : undefined;
  if (!items || items.length === 0 || f === undefined || !items.every((s) => s.t === 'tensor' && s.shape.length >= 1)) return unknown(`${fn} of sequences the analysis cannot list`, `无法列出序列的 ${fn}`);
  const shapes = items.map((s) => (s as { shape: number[] }).shape);
  const features = shapes[0]!.slice(1);
  if (shapes.some((s) => fmtShape(s.slice(1)) !== fmtShape(features))) return unknown(`${fn} of tensors whose trailing sizes differ`, `${fn} 的各张量尾部维度不同`);
  return { lengths: shapes.map((s) => s[0]!), features, flag: f };
}

/** `pack_sequence(sequences, enforce_sorted=True)`: a list of [L_i, *] tensors. */
export function packSequence(args: ArgList): Value {
  const r = sequencesOf('pack_sequence', args, 'enforce_sorted', true);
  if ('t' in r) return r;
  const { lengths, features, flag: sorted } = r;
  if (lengths.some((l, i) => l <= 0 || (sorted && i > 0 && l > lengths[i - 1]!))) return unknown('pack_sequence: lengths PyTorch refuses', 'pack_sequence：PyTorch 不接受的长度');
  return makePacked({ batch: lengths.length, features, lengths }, sorted);
}

/** `pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None)` → (padded, lengths). */
export function padPacked(args: ArgList): Value {
  const at = (i: number, name: string): Value | undefined => args.positional[i]?.value ?? args.keyword.get(name)?.value;
  const p = at(0, 'sequence');
  const batchFirst = flag(at(1, 'batch_first'), false);
  const total = at(3, 'total_length');
  if (!isPacked(p)) return p?.t === 'unknown' ? p : unknown('pad_packed_sequence of something that is not a PackedSequence the analysis follows', 'pad_packed_sequence 的输入不是分析能跟踪的 PackedSequence');
  const { batch, features, lengths } = packedInfo(p);
  const lengthsOut: Value = lengths ? { t: 'tensor', shape: [batch], index: true, vals: { v: lengths, e: lengths.map(() => 0), int: true } } : { t: 'tensor', shape: [batch], index: true };
  const longest = lengths ? Math.max(...lengths) : undefined;
  let steps: number | undefined;
  if (total === undefined || total.t === 'none') steps = longest;
  else if (total.t === 'num' && total.int) {
    // PyTorch raises when total_length is shorter than the longest sequence.
    if (longest !== undefined && total.v < longest) return unknown(`pad_packed_sequence: total_length ${total.v} is shorter than the longest sequence (${longest})`, `pad_packed_sequence：total_length ${total.v} 短于最长序列（${longest}）`);
    steps = longest === undefined ? undefined : total.v;
  }
  if (batchFirst === undefined || args.unknownRest) return unknown('pad_packed_sequence with arguments the analysis cannot read', '参数无法分析的 pad_packed_sequence');
  const padded = steps === undefined ? unknown('the padded length is the longest packed sequence, whose length is not known', '填充后的长度取最长序列，而其长度未知') : tensor(batchFirst ? [batch, steps, ...features] : [steps, batch, ...features]);
  return { t: 'seq', items: [padded, lengthsOut], tuple: true };
}

/** `pad_sequence(sequences, batch_first=False, padding_value=0.0)`: [L_max, N, *] (or [N, L_max, *]). */
export function padSequence(args: ArgList): Value {
  const r = sequencesOf('pad_sequence', args, 'batch_first', false);
  if ('t' in r) return r;
  const { lengths, features, flag: batchFirst } = r;
  const longest = Math.max(...lengths);
  return tensor(batchFirst ? [lengths.length, longest, ...features] : [longest, lengths.length, ...features]);
}
