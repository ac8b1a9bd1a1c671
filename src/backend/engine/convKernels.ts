// Convolution training kernels for the tfjs wasm backend, written as im2col + the backend's own
// XNNPACK matrix multiply. The stock wasm backend (4.22) has no Conv2DBackpropFilter at all.
import { backend_util, getKernel, type KernelConfig, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import { heapOffset, simdFor } from './simdKernels';
import { asWasmBackend, f32View, type WasmBackendLike } from './wasmHeap';

export interface ConvGeometry {
  batch: number; inH: number; inW: number; inC: number;
  outH: number; outW: number; outC: number;
  fH: number; fW: number; strideH: number; strideW: number;
  dilH: number; dilW: number; padTop: number; padLeft: number;
}

export function convGeometry(xShape: readonly number[], filterShape: readonly number[], attrs: NamedAttrMap): ConvGeometry {
  const dataFormat = (attrs['dataFormat'] as 'NHWC' | 'NCHW' | undefined) ?? 'NHWC';
  if (dataFormat !== 'NHWC') throw new Error(`Model Lens wasm kernels support channels-last (NHWC) convolutions only, got ${dataFormat}`);
  const info = backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs['strides'] as number | [number, number],
    // tfjs never passes dilations to the gradient kernels (it refuses dilated conv gradients);
    // we accept them so the same code serves dilated convolutions checked against PyTorch.
    (attrs['dilations'] as number | [number, number] | undefined) ?? 1,
    attrs['pad'] as 'same' | 'valid' | number | backend_util.ExplicitPadding,
    attrs['dimRoundingMode'] as 'floor' | 'round' | 'ceil' | undefined,
    false,
    'channelsLast',
  );
  return {
    batch: info.batchSize, inH: info.inHeight, inW: info.inWidth, inC: info.inChannels,
    outH: info.outHeight, outW: info.outWidth, outC: info.outChannels,
    fH: info.filterHeight, fW: info.filterWidth, strideH: info.strideHeight, strideW: info.strideWidth,
    dilH: info.dilationHeight, dilW: info.dilationWidth, padTop: info.padInfo.top, padLeft: info.padInfo.left,
  };
}

/** Transposed patch matrix colsT[k, m]: row k = (fy, fx, ci), column m = (n, oy, ox); zero where
 *  the window leaves the image. Built transposed because the backend's matmul is only fast
 *  (XNNPACK) without transpose flags: with transposeA it is ~13× slower. */
export function im2colT(x: Float32Array, g: ConvGeometry, colsT: Float32Array): void {
  const { batch, inH, inW, inC, outH, outW, fH, fW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  const M = batch * outH * outW;
  const rowStride = inW * inC;
  const imgStride = inH * rowStride;
  // Reads run along x's channels (contiguous); writes go to inC rows of colsT, each sequentially.
  for (let fy = 0; fy < fH; fy++) {
    for (let fx = 0; fx < fW; fx++) {
      const k0 = (fy * fW + fx) * inC;
      const dx0 = fx * dilW - padLeft;
      let m = 0;
      for (let n = 0; n < batch; n++) {
        const xN = n * imgStride;
        for (let oy = 0; oy < outH; oy++) {
          const iy = oy * strideH - padTop + fy * dilH;
          const rowOk = iy >= 0 && iy < inH;
          const xRow = xN + iy * rowStride;
          for (let ox = 0; ox < outW; ox++, m++) {
            const ix = ox * strideW + dx0;
            if (!rowOk || ix < 0 || ix >= inW) {
              for (let ci = 0; ci < inC; ci++) colsT[(k0 + ci) * M + m] = 0;
            } else {
              const src = xRow + ix * inC;
              for (let ci = 0; ci < inC; ci++) colsT[(k0 + ci) * M + m] = x[src + ci] as number;
            }
          }
        }
      }
    }
  }
}

/** Adds patch-matrix rows back into the image: dx[n, iy, ix, ci] += dcols[m, k] (the adjoint of im2col). */
export function col2im(dcols: Float32Array, g: ConvGeometry, dx: Float32Array): void {
  const { batch, inH, inW, inC, outH, outW, fH, fW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  dx.fill(0);
  const rowLen = fH * fW * inC;
  let r = 0;
  for (let n = 0; n < batch; n++) {
    const xN = n * inH * inW * inC;
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * strideH - padTop;
      for (let ox = 0; ox < outW; ox++, r += rowLen) {
        const ix0 = ox * strideW - padLeft;
        let c = r;
        for (let fy = 0; fy < fH; fy++) {
          const iy = iy0 + fy * dilH;
          if (iy < 0 || iy >= inH) { c += fW * inC; continue; }
          const xRow = xN + iy * inW * inC;
          for (let fx = 0; fx < fW; fx++) {
            const ix = ix0 + fx * dilW;
            if (ix < 0 || ix >= inW) { c += inC; continue; }
            const dst = xRow + ix * inC;
            for (let ci = 0; ci < inC; ci++) dx[dst + ci] = (dx[dst + ci] as number) + (dcols[c++] as number);
          }
        }
      }
    }
  }
}

/** out[a,b] = A·B via the wasm backend's BatchMatMul (XNNPACK). The operands are views of existing
 *  data with a matrix shape; the backend's reshape bumps and drops their refcounts itself. */
export function wasmMatMul(backend: WasmBackendLike, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): TensorInfo {
  const kernel = getKernel('BatchMatMul', 'wasm');
  if (kernel == null) throw new Error('wasm BatchMatMul kernel missing');
  return kernel.kernelFunc({ inputs: { a, b }, backend: backend as never, attrs: { transposeA, transposeB } }) as TensorInfo;
}

/**
 * One input channel, 3-wide filters, stride 1 (an MNIST CNN's first layer): our SIMD loop on the
 * explicitly padded input, no im2col and no matrix multiply (which would pack the whole dy every
 * step). Null when the geometry or the backend does not allow it.
 */
function filterGradSingleChannel(backend: WasmBackendLike, x: TensorInfo, dy: TensorInfo, g: ConvGeometry, filterShape: number[]): TensorInfo | null {
  const simd = simdFor(backend);
  if (simd == null || g.inC !== 1 || g.fW !== 3 || g.outC % 16 !== 0 || g.strideH !== 1 || g.strideW !== 1 || g.dilH !== 1 || g.dilW !== 1) return null;
  const hp = g.outH + g.fH - 1;
  const wp = g.outW + g.fW - 1;
  const dw = backend.makeOutput([...filterShape], 'float32');
  const padded = backend.makeOutput([g.batch * hp * wp], 'float32');
  try {
    const src = f32View(backend, x);
    const dst = f32View(backend, padded);
    dst.fill(0);
    for (let n = 0; n < g.batch; n++) {
      for (let r = 0; r < hp; r++) {
        const iy = r - g.padTop;
        if (iy < 0 || iy >= g.inH) continue;
        // Columns of this padded row that come from the image.
        const c0 = Math.max(0, g.padLeft);
        const c1 = Math.min(wp, g.inW + g.padLeft);
        if (c1 <= c0) continue;
        const from = (n * g.inH + iy) * g.inW + (c0 - g.padLeft);
        dst.set(src.subarray(from, from + (c1 - c0)), (n * hp + r) * wp + c0);
      }
    }
    simd.filterGrad1ch3(heapOffset(backend, padded.dataId), heapOffset(backend, dy.dataId), heapOffset(backend, dw.dataId),
      g.batch, g.outH, g.outW, hp, wp, g.fH, g.outC);
  } finally {
    backend.disposeData(padded.dataId);
  }
  return dw;
}

function conv2DBackpropFilter(args: { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: NamedAttrMap }): TensorInfo {
  const backend = asWasmBackend(args.backend);
  const x = args.inputs['x'];
  const dy = args.inputs['dy'];
  const attrs = args.attrs ?? {};
  if (x == null || dy == null) throw new Error('Conv2DBackpropFilter needs x and dy');
  const filterShape = attrs['filterShape'] as number[];
  const g = convGeometry(x.shape, filterShape, attrs);
  const direct = filterGradSingleChannel(backend, x, dy, g, filterShape);
  if (direct != null) return direct;
  const rows = g.batch * g.outH * g.outW;
  const k = g.fH * g.fW * g.inC;
  const colsT = backend.makeOutput([1, k, rows], 'float32');
  const simd = simdFor(backend);
  if (simd != null) {
    simd.im2colT(heapOffset(backend, x.dataId), heapOffset(backend, colsT.dataId), g.batch, g.inH, g.inW, g.inC, g.outH, g.outW,
      g.fH, g.fW, g.strideH, g.strideW, g.dilH, g.dilW, g.padTop, g.padLeft);
  } else {
    im2colT(f32View(backend, x), g, f32View(backend, colsT));
  }
  // dW[k, co] = Σ_m colsT[k, m] · dy[m, co]
  const dy2 = { dataId: dy.dataId, shape: [1, rows, g.outC], dtype: dy.dtype };
  const dw = wasmMatMul(backend, colsT, dy2, false, false);
  backend.disposeData(colsT.dataId);
  return { dataId: dw.dataId, shape: [...filterShape], dtype: 'float32' };
}

/**
 * With stride 1 and no dilation, dX is itself a forward convolution: dY convolved with the
 * filter rotated 180° and its channel axes swapped, padded by (filter − 1 − forward padding) on
 * each side. XNNPACK runs that (threaded, when threads are on) faster than im2col + col2im.
 * Null when the geometry does not allow it.
 */
function backpropInputAsConv(backend: WasmBackendLike, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry, inputShape: number[]): TensorInfo | null {
  if (g.strideH !== 1 || g.strideW !== 1 || g.dilH !== 1 || g.dilW !== 1) return null;
  const top = g.fH - 1 - g.padTop;
  const left = g.fW - 1 - g.padLeft;
  const bottom = g.inH - g.outH + g.padTop;
  const right = g.inW - g.outW + g.padLeft;
  if (top < 0 || left < 0 || bottom < 0 || right < 0) return null;
  const conv = getKernel('Conv2D', 'wasm');
  if (conv == null) return null;
  const { fH, fW, inC, outC } = g;
  const rotated = backend.makeOutput([fH, fW, outC, inC], 'float32');
  const w = f32View(backend, filter);
  const r = f32View(backend, rotated);
  for (let fy = 0; fy < fH; fy++) {
    for (let fx = 0; fx < fW; fx++) {
      const src = ((fH - 1 - fy) * fW + (fW - 1 - fx)) * inC * outC;
      const dst = (fy * fW + fx) * outC * inC;
      for (let ci = 0; ci < inC; ci++) for (let co = 0; co < outC; co++) r[dst + co * inC + ci] = w[src + ci * outC + co] as number;
    }
  }
  try {
    const dx = conv.kernelFunc({
      inputs: { x: dy, filter: rotated }, backend: backend as never,
      attrs: { strides: [1, 1], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined } as never,
    }) as TensorInfo;
    return { dataId: dx.dataId, shape: [...inputShape], dtype: 'float32' };
  } finally {
    backend.disposeData(rotated.dataId);
  }
}

function conv2DBackpropInput(args: { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: NamedAttrMap }): TensorInfo {
  const backend = asWasmBackend(args.backend);
  const dy = args.inputs['dy'];
  const filter = args.inputs['filter'];
  const attrs = args.attrs ?? {};
  if (dy == null || filter == null) throw new Error('Conv2DBackpropInput needs dy and filter');
  const inputShape = attrs['inputShape'] as number[];
  const g = convGeometry(inputShape, filter.shape, attrs);
  const viaConv = backpropInputAsConv(backend, dy, filter, g, inputShape);
  if (viaConv != null) return viaConv;
  const rows = g.batch * g.outH * g.outW;
  const k = g.fH * g.fW * g.inC;
  // dcols[m, k] = Σ_co dy[m, co] · W[k, co]: W transposed here (it is small) so the matmul is plain.
  const wT = backend.makeOutput([1, g.outC, k], 'float32');
  const w = f32View(backend, filter);
  const wTv = f32View(backend, wT);
  for (let i = 0; i < k; i++) for (let co = 0; co < g.outC; co++) wTv[co * k + i] = w[i * g.outC + co] as number;
  const dy2 = { dataId: dy.dataId, shape: [1, rows, g.outC], dtype: dy.dtype };
  const dcols = wasmMatMul(backend, dy2, wT, false, false);
  backend.disposeData(wT.dataId);
  const dx = backend.makeOutput([...inputShape], 'float32');
  col2im(f32View(backend, dcols), g, f32View(backend, dx));
  backend.disposeData(dcols.dataId);
  return dx;
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput as unknown as KernelConfig['kernelFunc'],
};

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelConfig['kernelFunc'],
};
