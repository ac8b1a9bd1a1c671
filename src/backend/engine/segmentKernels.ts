// UnsortedSegmentSum for the tfjs wasm backend, which lacks it; tf.gather's gradient (every
// embedding lookup, e.g. the Transformer's token embeddings) needs it.
import { type KernelConfig, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import { asWasmBackend, sizeOf } from './wasmHeap';

function heapView(backend: ReturnType<typeof asWasmBackend>, t: TensorInfo): Float32Array | Int32Array {
  const entry = backend.dataIdMap.get(t.dataId);
  if (entry == null) throw new Error('UnsortedSegmentSum: tensor data is not on the wasm backend');
  const n = sizeOf(t.shape);
  return t.dtype === 'int32'
    ? new Int32Array(backend.wasm.HEAP32.buffer, entry.memoryOffset, n)
    : new Float32Array(backend.wasm.HEAPF32.buffer, entry.memoryOffset, n);
}

function unsortedSegmentSum(args: { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: NamedAttrMap }): TensorInfo {
  const backend = asWasmBackend(args.backend);
  const x = args.inputs['x'];
  const ids = args.inputs['segmentIds'];
  const numSegments = args.attrs?.['numSegments'] as number;
  if (x == null || ids == null) throw new Error('UnsortedSegmentSum needs x and segmentIds');
  if (x.dtype !== 'float32' && x.dtype !== 'int32') throw new Error(`UnsortedSegmentSum: unsupported dtype ${x.dtype}`);
  const inner = sizeOf(x.shape.slice(ids.shape.length));
  const out = backend.makeOutput([numSegments, ...x.shape.slice(ids.shape.length)], x.dtype);
  const xs = heapView(backend, x);
  const segs = heapView(backend, ids);
  const o = heapView(backend, out);
  o.fill(0);
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] as number;
    if (s < 0 || s >= numSegments) continue; // like the cpu kernel: ids outside [0, numSegments) contribute nothing
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) o[dst + j] = (o[dst + j] as number) + (xs[src + j] as number);
  }
  return out;
}

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as KernelConfig['kernelFunc'],
};
