// Our matrix product on the wasm heap (simdKernels.wat `gemm`): C = A·B (+ C), where A may be read
// transposed in place. Where it beats XNNPACK through tfjs: XNNPACK packs its right operand into
// its own layout at every call with a new right operand (every weight gradient XᵀdY packs the
// whole dY, 0.9 M values for an LSTM layer) and has no transposed-A mode (tfjs-wasm falls to a
// scalar loop; we used to copy the transpose first); ours reads both operands where they are,
// and runs fused multiply-adds where the engine has relaxed SIMD. XNNPACK stays for products
// whose packed right operand it reuses (a layer's weights across a batch) and when our module
// is absent.
import { GemmThreads } from './gemmThreads';
import { sharedSimdModule, type SimdKernels } from './simdKernels';
import type { WasmBackendLike } from './wasmHeap';

/** A matrix on the heap: element (i, k) at `at + i·rowStride + k·colStride` bytes. */
export interface HeapMatrix { at: number; rowStride: number; colStride: number }

/** Row-major rows×cols at a byte offset. */
export const rowMajor = (at: number, cols: number): HeapMatrix => ({ at, rowStride: cols * 4, colStride: 4 });
/** The transpose of a row-major rows×cols matrix at a byte offset, read in place (cols × rows). */
export const transposedView = (at: number, cols: number): HeapMatrix => ({ at, rowStride: 4, colStride: cols * 4 });

/**
 * C[M, N] = A[M, K]·B[K, N] (+= when `accumulate`). B and C are row-major with the given row
 * strides in bytes. Columns go eight, then four at a time, the last 1–3 one at a time.
 */
export function gemm(simd: SimdKernels, a: HeapMatrix, b: { at: number; rowStride: number }, c: { at: number; rowStride: number },
  M: number, N: number, K: number, accumulate = false, threads: GemmThreads | null = null): void {
  if (threads != null) threads.gemm(simd, a, b, c, M, N, K, accumulate ? 1 : 0);
  else simd.gemm(a.at, a.rowStride, a.colStride, b.at, b.rowStride, c.at, c.rowStride, M, N, K, accumulate ? 1 : 0);
}

// Helper threads per backend object (they run on that backend's memory).
const pools = new WeakMap<object, GemmThreads>();

/** Starts `helpers` helper threads for our products on `backend`. Returns why not, or null. */
export function startGemmThreads(backend: WasmBackendLike, helpers: number): string | null {
  if (helpers < 1) return 'one core';
  if (pools.has(backend)) return null;
  const shared = sharedSimdModule(backend);
  if (shared == null) return 'the wasm memory is not shared (single-threaded tfjs build, or our SIMD module is off)';
  try {
    pools.set(backend, GemmThreads.start(shared.memory, shared.module, helpers));
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export function gemmThreadsFor(backend: WasmBackendLike): GemmThreads | null {
  return pools.get(backend) ?? null;
}

/** Stops and forgets the helpers (tests compare with and without them). */
export async function stopGemmThreads(backend: WasmBackendLike): Promise<void> {
  const pool = pools.get(backend);
  pools.delete(backend);
  await pool?.stop();
}
