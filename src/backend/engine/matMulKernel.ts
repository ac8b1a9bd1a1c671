// BatchMatMul for the tfjs wasm backend. The stock kernel is XNNPACK-fast only when neither
// operand is transposed; with transposeA or transposeB (every backward pass of a dense layer asks
// for one) it falls to a loop ~13× slower. We transpose the operand in JS (a copy costs far less
// than that loop) and hand the plain product to the stock kernel.
import { type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import { asWasmBackend, f32View, sizeOf, type WasmBackendLike } from './wasmHeap';

/** out[b, c, r] = src[b, r, c] for `batch` row-major rows×cols matrices, in cache-sized tiles. */
export function transposeBatched(src: Float32Array, dst: Float32Array, batch: number, rows: number, cols: number): void {
  const tile = 32;
  const plane = rows * cols;
  for (let b = 0; b < batch; b++) {
    const o = b * plane;
    for (let r0 = 0; r0 < rows; r0 += tile) {
      const r1 = Math.min(rows, r0 + tile);
      for (let c0 = 0; c0 < cols; c0 += tile) {
        const c1 = Math.min(cols, c0 + tile);
        for (let r = r0; r < r1; r++) {
          const s = o + r * cols;
          for (let c = c0; c < c1; c++) dst[o + c * rows + r] = src[s + c] as number;
        }
      }
    }
  }
}

/** A transposed copy of the last two axes of `t` (the caller disposes it). */
function transposedCopy(backend: WasmBackendLike, t: TensorInfo): TensorInfo {
  const rank = t.shape.length;
  const rows = t.shape[rank - 2] as number;
  const cols = t.shape[rank - 1] as number;
  const batch = sizeOf(t.shape.slice(0, -2));
  const out = backend.makeOutput([...t.shape.slice(0, -2), cols, rows], 'float32');
  transposeBatched(f32View(backend, t), f32View(backend, out), batch, rows, cols);
  return out;
}

export function makeBatchMatMulConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc = (args: { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: NamedAttrMap }): TensorInfo => {
    const attrs = args.attrs ?? {};
    const transposeA = attrs['transposeA'] === true;
    const transposeB = attrs['transposeB'] === true;
    const a = args.inputs['a'];
    const b = args.inputs['b'];
    if (a == null || b == null) throw new Error('BatchMatMul needs a and b');
    if ((!transposeA && !transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32') return stock.kernelFunc(args as never) as TensorInfo;
    const backend = asWasmBackend(args.backend);
    const a2 = transposeA ? transposedCopy(backend, a) : a;
    const b2 = transposeB ? transposedCopy(backend, b) : b;
    try {
      return stock.kernelFunc({ inputs: { a: a2, b: b2 }, backend: args.backend as never, attrs: { ...attrs, transposeA: false, transposeB: false } }) as TensorInfo;
    } finally {
      if (transposeA) backend.disposeData(a2.dataId);
      if (transposeB) backend.disposeData(b2.dataId);
    }
  };
  return { kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc, ...(stock.setupFunc ? { setupFunc: stock.setupFunc } : {}) };
}
