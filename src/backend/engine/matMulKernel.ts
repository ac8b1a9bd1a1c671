// BatchMatMul for the tfjs wasm backend. With our SIMD module every product runs our own loop
// (simdProduct below). Without it: the stock kernel is XNNPACK-fast only when neither operand is
// transposed (and the batch is 1); with transposeA or transposeB (every backward pass of a dense
// layer asks for one) it falls to a scalar loop ~13× slower, so we transpose the operand in JS
// (a copy costs far less than that loop) and hand the plain product to the stock kernel.
//
// The stock kernel caches XNNPACK's packed weights by the id of `b`. A recurrent layer multiplies
// by the same transposed recurrent kernel at every time step of the backward pass, so we keep the
// transposed copy of a `b` while its source lives: the same copy (same id) means XNNPACK packs it
// once per training step instead of once per time step. tfjs never changes a tensor's data in
// place (a variable update gets a new dataId), so a copy keyed by the source's dataId stays right.
import { type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import { gemm, gemmThreadsFor, rowMajor, transposedView } from './gemm';
import { heapOffset, simdFor } from './simdKernels';
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

/** Transposed copies of recent `b` operands, keyed by the source's dataId (oldest first). */
export class TransposeCache {
  private readonly entries = new Map<object, TensorInfo>();
  constructor(private readonly capacity = 8) {}

  get(backend: WasmBackendLike, b: TensorInfo): TensorInfo {
    this.sweep(backend);
    const hit = this.entries.get(b.dataId);
    if (hit != null) {
      this.entries.delete(b.dataId);
      this.entries.set(b.dataId, hit);
      return hit;
    }
    const copy = transposedCopy(backend, b);
    this.entries.set(b.dataId, copy);
    while (this.entries.size > this.capacity) {
      const [oldest, t] = this.entries.entries().next().value as [object, TensorInfo];
      backend.disposeData(t.dataId);
      this.entries.delete(oldest);
    }
    return copy;
  }

  /** Drops copies whose source tensor is gone. */
  sweep(backend: WasmBackendLike): void {
    for (const [src, t] of this.entries) {
      if (!backend.dataIdMap.has(src)) {
        backend.disposeData(t.dataId);
        this.entries.delete(src);
      }
    }
  }

  /** Frees every copy (tests use it to check that nothing else is left behind). */
  clear(backend: WasmBackendLike): void {
    for (const t of this.entries.values()) backend.disposeData(t.dataId);
    this.entries.clear();
  }

  get size(): number { return this.entries.size; }
}

/**
 * A·Bᵀ with a small A and a large B used once (a dense layer's input gradient, dy·Wᵀ, when W
 * changes every step): computed as (B·Aᵀ)ᵀ, so XNNPACK packs the small Aᵀ instead of a transposed
 * copy of the large B, and only the small A and the result get transposed. Null when it does not
 * pay: batched operands, or a B not ≥ 4× A (a recurrent weight reused over time steps stays in the
 * transpose cache instead).
 */
function viaSwappedOperands(backend: WasmBackendLike, stock: KernelConfig, args: { backend: unknown; attrs?: NamedAttrMap }, a: TensorInfo, b: TensorInfo): TensorInfo | null {
  if (a.shape.length !== 2 || b.shape.length !== 2 || sizeOf(b.shape) < 4 * sizeOf(a.shape)) return null;
  const m = a.shape[0] as number;
  const n = b.shape[0] as number;
  const aT = transposedCopy(backend, a);
  let bat: TensorInfo;
  try {
    bat = stock.kernelFunc({ inputs: { a: b, b: aT }, backend: args.backend as never, attrs: { ...(args.attrs ?? {}), transposeA: false, transposeB: false } }) as TensorInfo;
  } finally {
    backend.disposeData(aT.dataId);
  }
  try {
    const out = backend.makeOutput([m, n], 'float32');
    transposeBatched(f32View(backend, bat), f32View(backend, out), 1, n, m);
    return out;
  } finally {
    backend.disposeData(bat.dataId);
  }
}

/**
 * Every product with our SIMD loop (gemm.ts) when the module is attached: it reads A transposed
 * in place and never packs B, where XNNPACK packs its right operand at every call with a new one
 * (each weight, once per training step; every weight gradient's dY) and tfjs-wasm runs batched
 * or transposed products as a scalar loop. A transposed B is copied first (a weight's copy is
 * kept while the weight lives). Batches must match or one side must have a single one; other
 * broadcasts return null (the stock path).
 */
function simdProduct(backend: WasmBackendLike, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean, cache: TransposeCache): TensorInfo | null {
  const simd = simdFor(backend);
  const rank = a.shape.length;
  if (simd == null || rank < 2 || b.shape.length < 2) return null;
  const batchA = sizeOf(a.shape.slice(0, -2));
  const batchB = sizeOf(b.shape.slice(0, -2));
  const outer = batchA >= batchB ? a.shape.slice(0, -2) : b.shape.slice(0, -2);
  const sameBatches = batchA === batchB && (rank === b.shape.length ? a.shape.slice(0, -2).every((d, i) => d === b.shape[i]) : batchA === 1);
  if (!sameBatches && batchA !== 1 && batchB !== 1) return null;
  const [ar, ac] = a.shape.slice(-2) as [number, number];
  const [br, bc] = b.shape.slice(-2) as [number, number];
  const M = transposeA ? ac : ar;
  const K = transposeA ? ar : ac;
  const N = transposeB ? br : bc;
  if ((transposeB ? bc : br) !== K) throw new Error(`matMul: inner dimensions ${K} and ${transposeB ? bc : br} of shapes ${JSON.stringify(a.shape)} and ${JSON.stringify(b.shape)} differ`);
  const batch = Math.max(batchA, batchB);
  const bt = transposeB ? (b.shape.length === 2 ? cache.get(backend, b) : transposedCopy(backend, b)) : b;
  try {
    const out = backend.makeOutput([...outer, M, N], 'float32');
    const pa = heapOffset(backend, a.dataId);
    const pb = heapOffset(backend, bt.dataId);
    const pc = heapOffset(backend, out.dataId);
    const threads = gemmThreadsFor(backend);
    for (let i = 0; i < batch; i++) {
      const at = pa + (batchA === 1 ? 0 : i) * M * K * 4;
      gemm(simd, transposeA ? transposedView(at, M) : rowMajor(at, K), rowMajor(pb + (batchB === 1 ? 0 : i) * K * N * 4, N), rowMajor(pc + i * M * N * 4, N), M, N, K, false, threads);
    }
    return out;
  } finally {
    if (transposeB && b.shape.length !== 2) backend.disposeData(bt.dataId);
  }
}

export function makeBatchMatMulConfig(stock: KernelConfig, cache: TransposeCache = new TransposeCache()): KernelConfig {
  const kernelFunc = (args: { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: NamedAttrMap }): TensorInfo => {
    const attrs = args.attrs ?? {};
    const transposeA = attrs['transposeA'] === true;
    const transposeB = attrs['transposeB'] === true;
    const a = args.inputs['a'];
    const b = args.inputs['b'];
    if (a == null || b == null) throw new Error('BatchMatMul needs a and b');
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return stock.kernelFunc(args as never) as TensorInfo;
    const backend = asWasmBackend(args.backend);
    const ours = simdProduct(backend, a, b, transposeA, transposeB, cache);
    if (ours != null) return ours;
    if (!transposeA && !transposeB) return stock.kernelFunc(args as never) as TensorInfo;
    const swapped = !transposeA && transposeB ? viaSwappedOperands(backend, stock, args, a, b) : null;
    if (swapped != null) return swapped;
    const a2 = transposeA ? transposedCopy(backend, a) : a;
    const b2 = transposeB ? cache.get(backend, b) : b;
    try {
      return stock.kernelFunc({ inputs: { a: a2, b: b2 }, backend: args.backend as never, attrs: { ...attrs, transposeA: false, transposeB: false } }) as TensorInfo;
    } finally {
      if (transposeA) backend.disposeData(a2.dataId);
    }
  };
  return { kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc, ...(stock.setupFunc ? { setupFunc: stock.setupFunc } : {}) };
}
