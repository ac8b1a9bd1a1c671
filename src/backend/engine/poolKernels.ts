// MaxPoolGrad for the tfjs wasm backend: one pass that routes each output gradient to the input
// position that won the max (the stock wasm kernel takes ~30× longer on the SimpleCNN's shapes).
import { backend_util, type KernelConfig, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import { simdFor, heapOffset } from './simdKernels';
import { asWasmBackend, f32View } from './wasmHeap';

function maxPoolGrad(args: { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: NamedAttrMap }): TensorInfo {
  const backend = asWasmBackend(args.backend);
  const dy = args.inputs['dy'];
  const input = args.inputs['input'];
  const attrs = args.attrs ?? {};
  if (dy == null || input == null) throw new Error('MaxPoolGrad needs dy and input');
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs['filterSize'] as number | [number, number],
    attrs['strides'] as number | [number, number],
    1,
    attrs['pad'] as 'same' | 'valid' | number,
    attrs['dimRoundingMode'] as 'floor' | 'round' | 'ceil' | undefined,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth,
    effectiveFilterHeight, effectiveFilterWidth, dilationHeight, dilationWidth } = info;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  const dx = backend.makeOutput([...input.shape], 'float32');
  const x = f32View(backend, input);
  const g = f32View(backend, dy);
  const out = f32View(backend, dx);
  const C = inChannels;
  if (strideHeight === effectiveFilterHeight && strideWidth === effectiveFilterWidth && padTop === 0 && padLeft === 0 && dilationHeight === 1 && dilationWidth === 1
    && outHeight * strideHeight <= inHeight && outWidth * strideWidth <= inWidth) {
    const simd = simdFor(backend);
    if (simd != null && strideHeight === 2 && strideWidth === 2 && C % 4 === 0) {
      // The SIMD loop writes every position inside a window; rows/columns past the last whole one get 0.
      if (outHeight * 2 !== inHeight || outWidth * 2 !== inWidth) out.fill(0);
      simd.maxPoolGrad2x2(heapOffset(backend, input.dataId), heapOffset(backend, dy.dataId), heapOffset(backend, dx.dataId),
        batchSize, outHeight, outWidth, C, inHeight, inWidth);
      return dx;
    }
    tileGrad(x, g, out, batchSize, inHeight, inWidth, C, outHeight, outWidth, strideHeight, strideWidth);
    return dx;
  }
  out.fill(0);
  const best = new Float32Array(C);
  const at = new Int32Array(C);
  for (let b = 0; b < batchSize; b++) {
    const xB = b * inHeight * inWidth * C;
    for (let yR = 0; yR < outHeight; yR++) {
      const rC = yR * strideHeight - padTop;
      const rMin = Math.max(0, rC);
      const rMax = Math.min(inHeight, effectiveFilterHeight + rC);
      for (let yC = 0; yC < outWidth; yC++) {
        const cC = yC * strideWidth - padLeft;
        const cMin = Math.max(0, cC);
        const cMax = Math.min(inWidth, effectiveFilterWidth + cC);
        const gBase = ((b * outHeight + yR) * outWidth + yC) * C;
        // Same tie rule as the cpu kernel: the first strictly greater value in row-major window
        // order wins. Channels innermost so every read is contiguous.
        best.fill(Number.NEGATIVE_INFINITY);
        at.fill(-1);
        for (let xR = rMin; xR < rMax; xR += dilationHeight) {
          for (let xC = cMin; xC < cMax; xC += dilationWidth) {
            const base = xB + (xR * inWidth + xC) * C;
            for (let d = 0; d < C; d++) {
              const v = x[base + d] as number;
              if (v > (best[d] as number)) { best[d] = v; at[d] = base + d; }
            }
          }
        }
        for (let d = 0; d < C; d++) {
          const i = at[d] as number;
          if (i >= 0) out[i] = (out[i] as number) + (g[gBase + d] as number);
        }
      }
    }
  }
  return dx;
}

/**
 * Windows that tile the input without overlap or padding (stride = window, every window whole: the
 * 2×2 pools of the SimpleCNN): each input position has at most one window, so one pass writes every position, and
 * per channel the winner is tracked in locals. Same tie rule as the cpu kernel (first strictly
 * greater value, starting from −∞, so an all-NaN window passes no gradient).
 */
function tileGrad(x: Float32Array, g: Float32Array, out: Float32Array, batch: number, inH: number, inW: number, C: number, outH: number, outW: number, fh: number, fw: number): void {
  // Rows/columns past the last whole window get no gradient.
  if (outH * fh !== inH || outW * fw !== inW) out.fill(0);
  const rowStride = inW * C;
  for (let b = 0; b < batch; b++) {
    const xB = b * inH * rowStride;
    for (let yR = 0; yR < outH; yR++) {
      for (let yC = 0; yC < outW; yC++) {
        const corner = xB + yR * fh * rowStride + yC * fw * C;
        const gBase = ((b * outH + yR) * outW + yC) * C;
        for (let d = 0; d < C; d++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let r = 0; r < fh; r++) {
            let p = corner + r * rowStride + d;
            for (let c = 0; c < fw; c++, p += C) {
              const v = x[p] as number;
              if (v > best) { best = v; at = p; }
              out[p] = 0;
            }
          }
          if (at >= 0) out[at] = g[gBase + d] as number;
        }
      }
    }
  }
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: 'MaxPoolGrad',
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelConfig['kernelFunc'],
};
