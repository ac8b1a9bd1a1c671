// Slice, Unpack, SplitV, Identity, Cast and GatherV2 for the tfjs wasm backend. The stock Slice reads its input
// through readSync, which copies the WHOLE input out of the wasm heap for every slice: unstacking
// a [64, 28, 128] sequence into 28 time steps copied ~26 MB. Ours reads the heap in place.
// The stock Identity copies; tfjs' cpu backend aliases the data with a reference count, and so
// do we (tensor data is immutable in tfjs, so sharing it is safe).
import { backend_util, slice_util, util, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import { asWasmBackend, sizeOf, type WasmBackendLike } from './wasmHeap';

type Heap = Float32Array | Int32Array | Uint8Array;

function heapOf(backend: WasmBackendLike, t: TensorInfo): Heap {
  const entry = backend.dataIdMap.get(t.dataId);
  if (entry == null) throw new Error('tensor data is not on the wasm backend');
  const n = sizeOf(t.shape);
  const buf = backend.wasm.HEAPF32.buffer;
  if (t.dtype === 'float32') return new Float32Array(buf, entry.memoryOffset, n);
  if (t.dtype === 'int32') return new Int32Array(buf, entry.memoryOffset, n);
  return new Uint8Array(buf, entry.memoryOffset, n);
}

const supported = (t: TensorInfo) => t.dtype === 'float32' || t.dtype === 'int32' || t.dtype === 'bool';

/** Copies x[begin : begin+size] (any rank) into a new output: contiguous runs of the last axis. */
function sliceHeap(backend: WasmBackendLike, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  if (sizeOf(size) === 0) return out;
  const src = heapOf(backend, x);
  const dst = heapOf(backend, out);
  const rank = x.shape.length;
  const strides = util.computeStrides(x.shape);
  if (slice_util.isSliceContinous(x.shape, begin, size)) {
    const off = slice_util.computeFlatOffset(begin, strides);
    dst.set(src.subarray(off, off + sizeOf(size)));
    return out;
  }
  // Odometer over all axes but the last.
  const run = size[rank - 1] as number;
  const idx = new Array<number>(Math.max(0, rank - 1)).fill(0);
  let o = 0;
  const rows = sizeOf(size.slice(0, -1));
  for (let r = 0; r < rows; r++) {
    let off = begin[rank - 1] as number;
    for (let a = 0; a < rank - 1; a++) off += ((begin[a] as number) + (idx[a] as number)) * (strides[a] as number);
    dst.set(src.subarray(off, off + run), o);
    o += run;
    for (let a = rank - 2; a >= 0; a--) {
      idx[a] = (idx[a] as number) + 1;
      if ((idx[a] as number) < (size[a] as number)) break;
      idx[a] = 0;
    }
  }
  return out;
}

type Args = { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: NamedAttrMap };

function wrap(name: string, stock: KernelConfig, ours: (args: Args) => TensorInfo | TensorInfo[] | null): KernelConfig {
  const kernelFunc = (args: Args) => ours(args) ?? stock.kernelFunc(args as never);
  return { kernelName: name, backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc, ...(stock.setupFunc ? { setupFunc: stock.setupFunc } : {}) };
}

export function makeSliceConfig(stock: KernelConfig): KernelConfig {
  return wrap('Slice', stock, (args) => {
    const x = args.inputs['x'];
    if (x == null || !supported(x)) return null;
    const [begin, size] = slice_util.parseSliceParams(x, args.attrs?.['begin'] as number[], args.attrs?.['size'] as number[] | undefined);
    if (begin == null || size == null) return null;
    return sliceHeap(asWasmBackend(args.backend), x, begin, size);
  });
}

export function makeUnpackConfig(stock: KernelConfig): KernelConfig {
  return wrap('Unpack', stock, (args) => {
    const value = args.inputs['value'];
    if (value == null || !supported(value)) return null;
    const backend = asWasmBackend(args.backend);
    const rank = value.shape.length;
    let axis = args.attrs?.['axis'] as number;
    if (axis < 0) axis += rank;
    const count = value.shape[axis] as number;
    const outShape = value.shape.filter((_, i) => i !== axis);
    const begin = new Array<number>(rank).fill(0);
    const size = [...value.shape];
    size[axis] = 1;
    return Array.from({ length: count }, (_, i) => {
      begin[axis] = i;
      const s = sliceHeap(backend, value, begin, size);
      return { dataId: s.dataId, dtype: s.dtype, shape: outShape };
    });
  });
}

export function makeSplitVConfig(stock: KernelConfig): KernelConfig {
  return wrap('SplitV', stock, (args) => {
    const x = args.inputs['x'];
    if (x == null || !supported(x)) return null;
    const backend = asWasmBackend(args.backend);
    const axis = util.parseAxisParam(args.attrs?.['axis'] as number, x.shape)[0] as number;
    const sizes = backend_util.prepareSplitSize(x as never, args.attrs?.['numOrSizeSplits'] as number | number[], axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((s) => {
      const size = [...x.shape];
      size[axis] = s;
      const out = sliceHeap(backend, x, begin, size);
      begin[axis] = (begin[axis] as number) + s;
      return out;
    });
  });
}

export function makeIdentityConfig(stock: KernelConfig): KernelConfig {
  return wrap('Identity', stock, (args) => {
    const x = args.inputs['x'];
    if (x == null || !supported(x)) return null;
    (args.backend as { incRef(dataId: object): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  });
}

/** Cast to the dtype it already has (every Mul/Div gradient casts its inputs to float32): shares
 *  the data like Identity instead of the stock kernel's copy. Real conversions stay stock. */
export function makeCastConfig(stock: KernelConfig): KernelConfig {
  return wrap('Cast', stock, (args) => {
    const x = args.inputs['x'];
    if (x == null || !supported(x) || args.attrs?.['dtype'] !== x.dtype) return null;
    (args.backend as { incRef(dataId: object): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  });
}

/** Gather along axis 0 without batch dimensions (embedding lookups, batches of rows): one copy per
 *  index of a contiguous row. The stock kernel walks every element with strides. Indices out of
 *  range are refused with the stock kernel's message. */
export function makeGatherConfig(stock: KernelConfig): KernelConfig {
  return wrap('GatherV2', stock, (args) => {
    const x = args.inputs['x'];
    const indices = args.inputs['indices'];
    if (x == null || indices == null || !supported(x) || indices.dtype !== 'int32' || x.shape.length === 0) return null;
    const axis = util.parseAxisParam(args.attrs?.['axis'] as number, x.shape)[0];
    if (axis !== 0 || ((args.attrs?.['batchDims'] as number | undefined) ?? 0) !== 0) return null;
    const backend = asWasmBackend(args.backend);
    const rows = x.shape[0] as number;
    const row = sizeOf(x.shape.slice(1));
    const out = backend.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
    const ids = heapOf(backend, indices) as Int32Array;
    for (const id of ids) {
      if (!(id >= 0 && id < rows)) {
        backend.disposeData(out.dataId);
        throw new Error(`GatherV2: the index value ${id} is not in [0, ${rows - 1}]`);
      }
    }
    const src = heapOf(backend, x);
    const dst = heapOf(backend, out);
    for (let i = 0; i < ids.length; i++) {
      const from = (ids[i] as number) * row;
      dst.set(src.subarray(from, from + row), i * row);
    }
    return out;
  });
}
