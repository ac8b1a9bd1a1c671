// Our matrix product on the wasm heap (simdKernels.wat `gemm`): C = A·B (+ C), where A may be read
// transposed in place. Where it beats XNNPACK through tfjs: XNNPACK packs its right operand into
// its own layout at every call with a new right operand (every weight gradient XᵀdY packs the
// whole dY, 0.9 M values for an LSTM layer) and has no transposed-A mode (tfjs-wasm falls to a
// scalar loop; we used to copy the transpose first); ours reads both operands where they are,
// and runs fused multiply-adds where the engine has relaxed SIMD. XNNPACK stays for products
// whose packed right operand it reuses (a layer's weights across a batch) and when our module
// is absent.
import type { SimdKernels } from './simdKernels';

/** A matrix on the heap: element (i, k) at `at + i·rowStride + k·colStride` bytes. */
export interface HeapMatrix { at: number; rowStride: number; colStride: number }

/** Row-major rows×cols at a byte offset. */
export const rowMajor = (at: number, cols: number): HeapMatrix => ({ at, rowStride: cols * 4, colStride: 4 });
/** The transpose of a row-major rows×cols matrix at a byte offset, read in place (cols × rows). */
export const transposedView = (at: number, cols: number): HeapMatrix => ({ at, rowStride: 4, colStride: cols * 4 });

/** K per call of the loop: B's panel (K × 8 floats) stays in the first-level cache. */
const kBlock = 256;
/** Rows per call: the loop runs over B's column panels outside and A's rows inside, so a block
 *  of A (mBlock × kBlock floats, 64 KB) is re-read from the second-level cache, not from memory. */
const mBlock = 64;


/**
 * C[M, N] = A[M, K]·B[K, N] (+= when `accumulate`). B and C are row-major with the given row
 * strides in bytes. Columns go eight, then four at a time, the last 1–3 one at a time.
 */
export function gemm(simd: SimdKernels, a: HeapMatrix, b: { at: number; rowStride: number }, c: { at: number; rowStride: number },
  M: number, N: number, K: number, accumulate = false): void {
  // K = 0 still makes one call: with nothing to add the loop writes zeros (or leaves C).
  for (let i0 = 0; i0 < M; i0 += mBlock) {
    const mm = Math.min(mBlock, M - i0);
    for (let k0 = 0; k0 < K || k0 === 0; k0 += kBlock) {
      const kk = Math.min(kBlock, K - k0);
      simd.gemm(a.at + i0 * a.rowStride + k0 * a.colStride, a.rowStride, a.colStride, b.at + k0 * b.rowStride, b.rowStride,
        c.at + i0 * c.rowStride, c.rowStride, mm, N, kk, accumulate || k0 > 0 ? 1 : 0);
    }
  }
}
