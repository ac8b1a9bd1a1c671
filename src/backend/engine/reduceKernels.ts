// Sum for the tfjs wasm backend when it reduces leading axes (every bias gradient: a conv bias sums
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
