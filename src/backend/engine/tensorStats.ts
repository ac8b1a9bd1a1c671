// L2 norm and max-abs of many tensors in one kernel call, so a training step can report every
// variable's gradient (and weight, and update) statistics with one small read-back instead of
// four ops per variable. Registered for wasm and cpu; other engines (native TensorFlow) get the
// same numbers from ordinary ops, which are cheap there.
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { heapOffset, simdFor } from './simdKernels';
import { asWasmBackend, f32View, sizeOf } from './wasmHeap';

export const tensorStatsKernelName = 'ModelLensTensorStats';

/** Writes [l2, maxAbs] per input into out. NaN anywhere in a tensor makes both of its figures NaN,
 *  so a trainer that checks finiteness sees it (Math.max alone would hide it in the max). */
function statsInto(arrays: ArrayLike<number>[], out: Float32Array): void {
  arrays.forEach((a, i) => {
    let sq = 0;
    let max = 0;
    for (let j = 0; j < a.length; j++) {
      const v = a[j] as number;
      sq += v * v;
      const m = v < 0 ? -v : v;
      if (!(m <= max)) max = m;
    }
    out[2 * i] = Math.sqrt(sq);
    out[2 * i + 1] = Number.isNaN(sq) ? Number.NaN : max;
  });
}

function orderedInputs(inputs: Record<string, TensorInfo>, attrs: NamedAttrMap | undefined): TensorInfo[] {
  const count = attrs?.['count'] as number;
  return Array.from({ length: count }, (_, i) => {
    const t = inputs[`t${i}`];
    if (t == null) throw new Error(`${tensorStatsKernelName}: missing input t${i}`);
    if (t.dtype !== 'float32') throw new Error(`${tensorStatsKernelName}: float32 tensors only, got ${t.dtype}`);
    return t;
  });
}

const wasmConfig: KernelConfig = {
  kernelName: tensorStatsKernelName,
  backendName: 'wasm',
  kernelFunc: ((args: { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: NamedAttrMap }) => {
    const backend = asWasmBackend(args.backend);
    const ts = orderedInputs(args.inputs, args.attrs);
    const out = backend.makeOutput([ts.length, 2], 'float32');
    const simd = simdFor(backend);
    if (simd != null) {
      const at = heapOffset(backend, out.dataId);
      ts.forEach((t, i) => simd.l2MaxAbs(heapOffset(backend, t.dataId), sizeOf(t.shape), at + 8 * i));
      return out;
    }
    const views = ts.map((t) => f32View(backend, t));
    statsInto(views, f32View(backend, out));
    return out;
  }) as unknown as KernelConfig['kernelFunc'],
};

interface CpuBackendLike {
  readSync(dataId: object): ArrayLike<number>;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

const cpuConfig: KernelConfig = {
  kernelName: tensorStatsKernelName,
  backendName: 'cpu',
  kernelFunc: ((args: { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: NamedAttrMap }) => {
    const backend = args.backend as CpuBackendLike;
    const ts = orderedInputs(args.inputs, args.attrs);
    const out = new Float32Array(ts.length * 2);
    statsInto(ts.map((t) => backend.readSync(t.dataId)), out);
    return backend.makeTensorInfo([ts.length, 2], 'float32', out);
  }) as unknown as KernelConfig['kernelFunc'],
};

/** Registers the kernel for wasm and cpu (idempotent). */
export function registerTensorStatsKernels(): void {
  for (const c of [wasmConfig, cpuConfig]) if (tf.getKernel(c.kernelName, c.backendName) == null) tf.registerKernel(c);
}

/**
 * A [n, 2] tensor: row i is [L2 norm, max |x|] of tensors[i]. One kernel on wasm/cpu; on other
 * engines a few ops per tensor. Read it back once (dataSync/data) together with anything else.
 */
export function tensorStats(tensors: readonly tf.Tensor[]): tf.Tensor2D {
  if (tensors.length === 0) return tf.zeros([0, 2]);
  if (tf.getKernel(tensorStatsKernelName, tf.getBackend()) != null) {
    return tf.tidy(() => {
      const inputs: Record<string, tf.Tensor> = {};
      tensors.forEach((t, i) => { inputs[`t${i}`] = t.dtype === 'float32' ? t : t.toFloat(); });
      return tf.engine().runKernel(tensorStatsKernelName, inputs, { count: tensors.length }) as tf.Tensor2D;
    });
  }
  return tf.tidy(() => tf.stack(tensors.map((t) => {
    const f = t.toFloat();
    return tf.stack([f.square().sum().sqrt(), f.abs().max()]);
  })) as tf.Tensor2D);
}
