// MaxPoolGrad for the tfjs wasm backend: one pass that routes each output gradient to the input
// position that won the max (the stock wasm kernel takes ~30× longer on the SimpleCNN's shapes).
import { backend_util, type KernelConfig, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
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
  out.fill(0);
  const C = inChannels;
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

export const maxPoolGradConfig: KernelConfig = {
  kernelName: 'MaxPoolGrad',
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelConfig['kernelFunc'],
};
