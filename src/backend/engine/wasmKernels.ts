// Our training kernels for the tfjs wasm backend. Registering replaces whatever the backend had
// for that kernel name (some are missing, some are slower than ours), and can be undone so tests
// can compare against the stock kernels.
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs';
import { conv2DBackpropFilterConfig, conv2DBackpropInputConfig } from './convKernels';
import { makeCastConfig, makeGatherConfig, makeIdentityConfig, makeSliceConfig, makeSplitVConfig, makeUnpackConfig } from './layoutKernels';
import { makeBatchMatMulConfig, TransposeCache } from './matMulKernel';
import { asWasmBackend } from './wasmHeap';
import { maxPoolGradConfig } from './poolKernels';
import { recurrentKernelConfigs } from './recurrentKernels';
import { makeAddConfig, makeSumConfig } from './reduceKernels';
import { unsortedSegmentSumConfig } from './segmentKernels';

/** Kernels we add outright, and kernels we wrap (ours delegates the fast cases to the stock one). */
const added: readonly KernelConfig[] = [conv2DBackpropFilterConfig, conv2DBackpropInputConfig, maxPoolGradConfig, unsortedSegmentSumConfig, ...recurrentKernelConfigs];
// Transposed weight copies the BatchMatMul kernel reuses (process-wide, like the kernel registry).
const transposeCache = new TransposeCache();
const wrapped: ReadonlyArray<{ name: string; make(stock: KernelConfig): KernelConfig }> = [
  { name: 'BatchMatMul', make: (stock) => makeBatchMatMulConfig(stock, transposeCache) },
  { name: 'Slice', make: makeSliceConfig },
  { name: 'Unpack', make: makeUnpackConfig },
  { name: 'SplitV', make: makeSplitVConfig },
  { name: 'Identity', make: makeIdentityConfig },
  { name: 'Cast', make: makeCastConfig },
  { name: 'GatherV2', make: makeGatherConfig },
  { name: 'Sum', make: makeSumConfig },
  { name: 'Add', make: makeAddConfig },
];

/** Names of the kernels Model Lens supplies for the wasm backend (reported with the engine). */
export const wasmKernelNames: readonly string[] = [...added.map((k) => k.kernelName), ...wrapped.map((w) => w.name)];

// The tfjs kernel registry is process-wide; so is this record of what we replaced in it.
const installed = new Map<string, { ours: KernelConfig; previous: KernelConfig | undefined }>();

/** Installs our kernels for 'wasm' (idempotent). Returns a function that restores the stock ones.
 *  A replaced kernel keeps the stock setupFunc, which the backend runs when it initialises. */
export function registerWasmKernels(): () => void {
  const install = (ours: KernelConfig, previous: KernelConfig | undefined) => {
    if (previous != null) unregisterKernel(ours.kernelName, 'wasm');
    registerKernel(ours);
    installed.set(ours.kernelName, { ours, previous });
  };
  for (const config of added) {
    if (installed.has(config.kernelName)) continue;
    install(config, getKernel(config.kernelName, 'wasm'));
  }
  for (const w of wrapped) {
    if (installed.has(w.name)) continue;
    const stock = getKernel(w.name, 'wasm');
    if (stock == null) throw new Error(`the wasm backend has no ${w.name} kernel to wrap`);
    install(w.make(stock), stock);
  }
  return () => {
    for (const [name, { ours, previous }] of installed) {
      if (getKernel(name, 'wasm') === ours) unregisterKernel(name, 'wasm');
      if (previous != null) registerKernel(previous);
      installed.delete(name);
    }
  };
}

/** Frees the buffers our kernels keep between calls (tests call it before counting buffers). */
export function releaseWasmKernelCaches(backend: unknown): void {
  transposeCache.clear(asWasmBackend(backend));
}
