// Convolution training kernels for the tfjs wasm backend, written as im2col + the backend's own
// XNNPACK matrix multiply. The stock wasm backend (4.22) has no Conv2DBackpropFilter at all.
import { backend_util, getKernel, type KernelConfig, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
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

/** Patch matrix: row (n, oy, ox), column (fy, fx, ci); zero where the window leaves the image. */
export function im2col(x: Float32Array, g: ConvGeometry, cols: Float32Array): void {
  const { batch, inH, inW, inC, outH, outW, fH, fW, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
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
          if (iy < 0 || iy >= inH) { cols.fill(0, c, c + fW * inC); c += fW * inC; continue; }
          const xRow = xN + iy * inW * inC;
          for (let fx = 0; fx < fW; fx++) {
            const ix = ix0 + fx * dilW;
            if (ix < 0 || ix >= inW) { cols.fill(0, c, c + inC); c += inC; continue; }
            const src = xRow + ix * inC;
            for (let ci = 0; ci < inC; ci++) cols[c++] = x[src + ci] as number;
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

function conv2DBackpropFilter(args: { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: NamedAttrMap }): TensorInfo {
  const backend = asWasmBackend(args.backend);
  const x = args.inputs['x'];
  const dy = args.inputs['dy'];
  const attrs = args.attrs ?? {};
  if (x == null || dy == null) throw new Error('Conv2DBackpropFilter needs x and dy');
  const filterShape = attrs['filterShape'] as number[];
  const g = convGeometry(x.shape, filterShape, attrs);
  const rows = g.batch * g.outH * g.outW;
  const k = g.fH * g.fW * g.inC;
  const cols = backend.makeOutput([1, rows, k], 'float32');
  im2col(f32View(backend, x), g, f32View(backend, cols));
  // dW[k, co] = Σ_rows cols[row, k] · dy[row, co]
  const dy2 = { dataId: dy.dataId, shape: [1, rows, g.outC], dtype: dy.dtype };
  const dw = wasmMatMul(backend, cols, dy2, true, false);
  backend.disposeData(cols.dataId);
  return { dataId: dw.dataId, shape: [...filterShape], dtype: 'float32' };
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelConfig['kernelFunc'],
};
