// Bias kernels for the tfjs wasm backend.
// Sum when it reduces leading axes (every bias gradient: a conv bias sums
// dy over [N, H, W], a dense bias over the batch). The stock kernel first transposes the input
// so the reduced axes come last (a full copy of dy); our SIMD loop adds rows in place. Any other
// reduction, dtype, or a backend without our SIMD module goes to the stock kernel.
import { util, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import { heapOffset, simdFor } from './simdKernels';
import { asWasmBackend, sizeOf } from './wasmHeap';

type Args = { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: NamedAttrMap };

/** How many leading axes `axes` reduces (0 when they are not exactly axes 0..p−1). */
export function leadingAxes(axes: readonly number[]): number {
  const sorted = [...axes].sort((a, b) => a - b);
  return sorted.every((a, i) => a === i) ? sorted.length : 0;
}

export function makeSumConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc = (args: Args): TensorInfo => {
    const x = args.inputs['x'];
    if (x == null) throw new Error('Sum needs x');
    const backend = asWasmBackend(args.backend);
    const simd = simdFor(backend);
    const axes = util.parseAxisParam(args.attrs?.['axis'] as number | number[], x.shape);
    const p = leadingAxes(axes);
    if (simd == null || x.dtype !== 'float32' || p === 0 || sizeOf(x.shape) === 0) return stock.kernelFunc(args as never) as TensorInfo;
    const keepDims = args.attrs?.['keepDims'] === true;
    const rows = sizeOf(x.shape.slice(0, p));
    const inner = sizeOf(x.shape.slice(p));
    const outShape = keepDims ? x.shape.map((d, i) => (i < p ? 1 : d)) : x.shape.slice(p);
    const out = backend.makeOutput(outShape, 'float32');
    const scratch = backend.makeOutput([3 * inner], 'float32');
    try {
      simd.sumLeading(heapOffset(backend, x.dataId), heapOffset(backend, out.dataId), heapOffset(backend, scratch.dataId), rows, inner);
    } finally {
      backend.disposeData(scratch.dataId);
    }
    return out;
  };
  return { kernelName: 'Sum', backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc, ...(stock.setupFunc ? { setupFunc: stock.setupFunc } : {}) };
}

/** The vector's length when `b` broadcasts along x's last axis only (shape [C], [1, C], [1, 1, 1, C]). */
function rowVectorLength(x: TensorInfo, b: TensorInfo): number {
  const c = b.shape[b.shape.length - 1];
  if (c == null || b.shape.length > x.shape.length || x.shape[x.shape.length - 1] !== c) return 0;
  if (!b.shape.slice(0, -1).every((d) => d === 1)) return 0;
  return c;
}

/** Add: x + bias (either order), the forward pass of every conv and dense layer with a bias. The
 *  stock kernel's broadcasting path is several times slower than a row loop. */
export function makeAddConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc = (args: Args): TensorInfo => {
    const a = args.inputs['a'];
    const b = args.inputs['b'];
    if (a == null || b == null) throw new Error('Add needs a and b');
    const backend = asWasmBackend(args.backend);
    const simd = simdFor(backend);
    if (simd == null || a.dtype !== 'float32' || b.dtype !== 'float32') return stock.kernelFunc(args as never) as TensorInfo;
    const total = sizeOf(a.shape) >= sizeOf(b.shape) ? { x: a, v: b } : { x: b, v: a };
    const inner = rowVectorLength(total.x, total.v);
    const size = sizeOf(total.x.shape);
    // Same-shape adds are already fast in the stock kernel; ours is for the broadcast.
    if (inner === 0 || size === inner || size === 0) return stock.kernelFunc(args as never) as TensorInfo;
    const out = backend.makeOutput([...total.x.shape], 'float32');
    simd.addRowVector(heapOffset(backend, total.x.dataId), heapOffset(backend, total.v.dataId), heapOffset(backend, out.dataId), size / inner, inner);
    return out;
  };
  return { kernelName: 'Add', backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc, ...(stock.setupFunc ? { setupFunc: stock.setupFunc } : {}) };
}
