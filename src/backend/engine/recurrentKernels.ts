// Whole-sequence kernels for LSTM, GRU and SimpleRNN layers on the tfjs wasm backend. tfjs-layers
// runs a recurrent layer as a loop of ~15 small ops per time step (split, add, activations, mul…),
// and autograd records every one of them: the document's 2 × 128 LSTM cost ~450 ms per training
// step, mostly dispatch and tiny kernels. Here one kernel runs the whole sequence: per time step
// one matrix product (h_{t−1}·U, the only part that must wait for the previous step: our gemm.ts,
// or XNNPACK without our SIMD module) into a buffer reused across steps, and one pass of our
// element-wise step (recurrentSteps.ts). The input product x·W for all steps is one large product
// done by ordinary ops (recurrentLayers.ts); the recurrent weight's gradient is one product over
// all steps after the loop.
//
// Internal buffers are time-major ([T, B, ·], or [T + 1, B, H] with a zero initial state in slot
// 0), so each step's operand is one contiguous block; the tensors the layer sees stay batch-major.
//
// Forward kernels take { xw: [B, T, G·H] (x·W + b), recurrentKernel: [H, G·H] } and return the
// output sequence h [B, T, H] first, then what their gradient kernel needs. Gradient kernels take
// { dh: [B, T, H], recurrentKernel, …saved } and return [dxw, dRecurrentKernel].
import { getKernel, type DataType, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import { gemm, gemmThreadsFor, rowMajor, transposedView, type HeapMatrix } from './gemm';
import { activationCodes, recurrentStepsFor, type FusedActivation } from './recurrentSteps';
import { heapOffset, simdFor } from './simdKernels';
import { asWasmBackend, heapView, releaseView, sizeOf, type WasmBackendLike } from './wasmHeap';

export const recurrentKernelNames = {
  lstm: 'ModelLensLstm', lstmGrad: 'ModelLensLstmGrad',
  gru: 'ModelLensGru', gruGrad: 'ModelLensGruGrad',
  rnn: 'ModelLensSimpleRnn', rnnGrad: 'ModelLensSimpleRnnGrad',
} as const;

type Args = { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: NamedAttrMap };

function input(args: Args, name: string): TensorInfo {
  const t = args.inputs[name];
  if (t == null) throw new Error(`Model Lens recurrent kernel: missing input ${name}`);
  if (t.dtype !== 'float32') throw new Error(`Model Lens recurrent kernel: ${name} must be float32, got ${t.dtype}`);
  return t;
}

function activation(attrs: NamedAttrMap | undefined, name: string): number {
  const a = attrs?.[name] as FusedActivation | undefined;
  const code = a == null ? undefined : activationCodes[a];
  if (code == null) throw new Error(`Model Lens recurrent kernel: unsupported ${name} ${String(a)}`);
  return code;
}

/** A heap session for one kernel call: byte offsets, zeroed buffers, products, and cleanup. */
class Heap {
  private readonly temps: TensorInfo[] = [];
  constructor(readonly backend: WasmBackendLike, private readonly backendArg: unknown) {}

  at(t: TensorInfo): number { return heapOffset(this.backend, t.dataId); }

  output(shape: number[], dtype: DataType = 'float32'): TensorInfo { return this.backend.makeOutput(shape, dtype); }

  /** A buffer freed when the call ends. */
  temp(shape: number[]): TensorInfo {
    const t = this.backend.makeOutput(shape, 'float32');
    this.temps.push(t);
    return t;
  }

  zero(t: TensorInfo, fromFloat = 0, count = sizeOf(t.shape) - fromFloat): TensorInfo {
    const start = (this.at(t) >> 2) + fromFloat;
    this.backend.wasm.HEAPF32.fill(0, start, start + count);
    return t;
  }

  /**
   * out[M, N] = A[M, K]·b[K, N] (b and out row-major tensors). Our SIMD product when it can run
   * (no packing, A read in place even when transposed), else XNNPACK through the registered
   * BatchMatMul on a view of A (it caches b's packing by b's id, so a recurrent weight is packed
   * once per call however many steps use it) and a copy into `out`.
   */
  product(a: HeapMatrix, M: number, K: number, b: TensorInfo, out: TensorInfo): void {
    const N = b.shape[1] as number;
    const simd = simdFor(this.backend);
    if (simd != null) {
      gemm(simd, a, rowMajor(this.at(b), N), rowMajor(this.at(out), N), M, N, K, false, gemmThreadsFor(this.backend));
      return;
    }
    const contiguous = a.colStride === 4 && a.rowStride === K * 4;
    const left = contiguous ? heapView(this.backend, a.at, [M, K]) : this.strided(a, M, K);
    try {
      const matMul = getKernel('BatchMatMul', 'wasm');
      if (matMul == null) throw new Error('the wasm backend has no BatchMatMul');
      const r = matMul.kernelFunc({ inputs: { a: left, b }, backend: this.backendArg as never, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
      const heap = this.backend.wasm.HEAPF32;
      heap.copyWithin(this.at(out) >> 2, this.at(r) >> 2, (this.at(r) >> 2) + M * N);
      this.backend.disposeData(r.dataId);
    } finally {
      if (contiguous) releaseView(this.backend, left); else this.backend.disposeData(left.dataId);
    }
  }

  /** A contiguous copy of a strided matrix (the fallback's transposed operands). */
  private strided(a: HeapMatrix, M: number, K: number): TensorInfo {
    const out = this.backend.makeOutput([M, K], 'float32');
    const heap = this.backend.wasm.HEAPF32;
    const o = this.at(out) >> 2;
    for (let i = 0; i < M; i++) for (let k = 0; k < K; k++) heap[o + i * K + k] = heap[(a.at + i * a.rowStride + k * a.colStride) >> 2] as number;
    return out;
  }

  /** Columns [from, from + count) of a row-major [rows, cols] matrix, transposed or not, as a temp. */
  columns(src: TensorInfo, from: number, count: number, transpose: boolean): TensorInfo {
    const [rows, cols] = src.shape as [number, number];
    const out = this.temp(transpose ? [count, rows] : [rows, count]);
    const heap = this.backend.wasm.HEAPF32;
    const s = this.at(src) >> 2;
    const o = this.at(out) >> 2;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < count; c++) heap[transpose ? o + c * rows + r : o + r * count + c] = heap[s + r * cols + from + c] as number;
    }
    return out;
  }

  dispose(t: TensorInfo): void { this.backend.disposeData(t.dataId); }

  end(): void {
    for (const t of this.temps) this.backend.disposeData(t.dataId);
    this.temps.length = 0;
  }
}

/** Shape bookkeeping shared by every kernel: [B, T, G·H] gate inputs over H units. */
function dims(xwOrDh: TensorInfo, recurrentKernel: TensorInfo, gates: number) {
  const [B, T] = xwOrDh.shape as [number, number, number];
  const H = recurrentKernel.shape[0] as number;
  if (recurrentKernel.shape[1] !== gates * H) throw new Error(`Model Lens recurrent kernel: recurrent kernel ${JSON.stringify(recurrentKernel.shape)} is not [H, ${gates}·H]`);
  return { B, T, H, BH: B * H * 4 };
}

function run(args: Args, body: (heap: Heap) => TensorInfo[]): TensorInfo[] {
  const heap = new Heap(asWasmBackend(args.backend), args.backend);
  try { return body(heap); } finally { heap.end(); }
}

// ---- LSTM: saved [hAll [T+1, B, H], cAll [T+1, B, H], actC [T, B, H], gates [T, B, 4H]] ----

function lstmForward(args: Args): TensorInfo[] {
  return run(args, (m) => {
    const xw = input(args, 'xw');
    const U = input(args, 'recurrentKernel');
    const { B, T, H, BH } = dims(xw, U, 4);
    const a = activation(args.attrs, 'activation');
    const ra = activation(args.attrs, 'recurrentActivation');
    const steps = recurrentStepsFor(m.backend, H);
    const h = m.output([B, T, H]);
    const hAll = m.zero(m.output([T + 1, B, H]), 0, B * H);
    const cAll = m.zero(m.output([T + 1, B, H]), 0, B * H);
    const actC = m.output([T, B, H]);
    const gates = m.output([T, B, 4 * H]);
    const rec = m.zero(m.temp([B, 4 * H])); // h_{t−1}·U; zero for t = 0
    for (let t = 0; t < T; t++) {
      if (t > 0) m.product(rowMajor(m.at(hAll) + t * BH, H), B, H, U, rec);
      steps.lstmStep(m.at(xw) + t * 16 * H, T * 16 * H, m.at(rec), m.at(cAll) + t * BH, m.at(gates) + t * 4 * BH,
        m.at(cAll) + (t + 1) * BH, m.at(actC) + t * BH, m.at(h) + t * 4 * H, T * 4 * H, m.at(hAll) + (t + 1) * BH, B, H, a, ra);
    }
    return [h, hAll, cAll, actC, gates];
  });
}

function lstmBackward(args: Args): TensorInfo[] {
  return run(args, (m) => {
    const dh = input(args, 'dh');
    const U = input(args, 'recurrentKernel');
    const [hAll, cAll, actC, gates] = ['hAll', 'cAll', 'actC', 'gates'].map((n) => input(args, n)) as [TensorInfo, TensorInfo, TensorInfo, TensorInfo];
    const { B, T, H, BH } = dims(dh, U, 4);
    const a = activation(args.attrs, 'activation');
    const ra = activation(args.attrs, 'recurrentActivation');
    const steps = recurrentStepsFor(m.backend, H);
    const dxw = m.output([B, T, 4 * H]);
    const dU = m.output([H, 4 * H]);
    const dG = m.temp([T, B, 4 * H]);
    const dc = m.zero(m.temp([B, H]));
    const dhRec = m.zero(m.temp([B, H])); // dG_{t+1}·Uᵀ; zero at the last step
    const UT = m.columns(U, 0, 4 * H, true);
    for (let t = T - 1; t >= 0; t--) {
      steps.lstmBackStep(m.at(gates) + t * 4 * BH, m.at(cAll) + t * BH, m.at(actC) + t * BH, m.at(dh) + t * 4 * H, T * 4 * H, m.at(dhRec),
        m.at(dc), m.at(dG) + t * 4 * BH, m.at(dxw) + t * 16 * H, T * 16 * H, B, H, a, ra);
      if (t > 0) m.product(rowMajor(m.at(dG) + t * 4 * BH, 4 * H), B, 4 * H, UT, dhRec);
    }
    // dU = Σ_t h_{t−1}ᵀ·dG_t: one product over all steps, hAll[0..T−1] read transposed.
    m.product(transposedView(m.at(hAll), H), H, T * B, { ...dG, shape: [T * B, 4 * H] }, dU);
    return [dxw, dU];
  });
}

// ---- SimpleRNN: saved [hAll [T+1, B, H]] ----

function rnnForward(args: Args): TensorInfo[] {
  return run(args, (m) => {
    const xw = input(args, 'xw');
    const U = input(args, 'recurrentKernel');
    const { B, T, H, BH } = dims(xw, U, 1);
    const a = activation(args.attrs, 'activation');
    const steps = recurrentStepsFor(m.backend, H);
    const h = m.output([B, T, H]);
    const hAll = m.zero(m.output([T + 1, B, H]), 0, B * H);
    const rec = m.zero(m.temp([B, H]));
    for (let t = 0; t < T; t++) {
      if (t > 0) m.product(rowMajor(m.at(hAll) + t * BH, H), B, H, U, rec);
      steps.rnnStep(m.at(xw) + t * 4 * H, T * 4 * H, m.at(rec), m.at(h) + t * 4 * H, T * 4 * H, m.at(hAll) + (t + 1) * BH, B, H, a);
    }
    return [h, hAll];
  });
}

function rnnBackward(args: Args): TensorInfo[] {
  return run(args, (m) => {
    const dh = input(args, 'dh');
    const U = input(args, 'recurrentKernel');
    const hAll = input(args, 'hAll');
    const { B, T, H, BH } = dims(dh, U, 1);
    const a = activation(args.attrs, 'activation');
    const steps = recurrentStepsFor(m.backend, H);
    const dxw = m.output([B, T, H]);
    const dU = m.output([H, H]);
    const dA = m.temp([T, B, H]);
    const dhRec = m.zero(m.temp([B, H]));
    const UT = m.columns(U, 0, H, true);
    for (let t = T - 1; t >= 0; t--) {
      steps.rnnBackStep(m.at(hAll) + (t + 1) * BH, m.at(dh) + t * 4 * H, T * 4 * H, m.at(dhRec), m.at(dA) + t * BH, m.at(dxw) + t * 4 * H, T * 4 * H, B, H, a);
      if (t > 0) m.product(rowMajor(m.at(dA) + t * BH, H), B, H, UT, dhRec);
    }
    m.product(transposedView(m.at(hAll), H), H, T * B, { ...dA, shape: [T * B, H] }, dU);
    return [dxw, dU];
  });
}

// ---- GRU: saved [hAll [T+1, B, H], z, r, q = r·h_{t−1}, hh — each [T, B, H]] ----

function gruForward(args: Args): TensorInfo[] {
  return run(args, (m) => {
    const xw = input(args, 'xw');
    const U = input(args, 'recurrentKernel');
    const { B, T, H, BH } = dims(xw, U, 3);
    const a = activation(args.attrs, 'activation');
    const ra = activation(args.attrs, 'recurrentActivation');
    const steps = recurrentStepsFor(m.backend, H);
    const h = m.output([B, T, H]);
    const hAll = m.zero(m.output([T + 1, B, H]), 0, B * H);
    const [z, r, q, hh] = [0, 1, 2, 3].map(() => m.output([T, B, H])) as [TensorInfo, TensorInfo, TensorInfo, TensorInfo];
    // The update/reset columns and the candidate's columns are separate products (the candidate's
    // input depends on the reset gate).
    const Uzr = m.columns(U, 0, 2 * H, false);
    const Uh = m.columns(U, 2 * H, H, false);
    const rec = m.zero(m.temp([B, 2 * H]));
    const s = m.zero(m.temp([B, H]));
    for (let t = 0; t < T; t++) {
      if (t > 0) m.product(rowMajor(m.at(hAll) + t * BH, H), B, H, Uzr, rec);
      steps.gruGates(m.at(xw) + t * 12 * H, T * 12 * H, m.at(rec), m.at(hAll) + t * BH, m.at(z) + t * BH, m.at(r) + t * BH, m.at(q) + t * BH, B, H, ra);
      if (t > 0) m.product(rowMajor(m.at(q) + t * BH, H), B, H, Uh, s);
      steps.gruOut(m.at(xw) + t * 12 * H, T * 12 * H, m.at(s), m.at(z) + t * BH, m.at(hAll) + t * BH, m.at(hh) + t * BH,
        m.at(h) + t * 4 * H, T * 4 * H, m.at(hAll) + (t + 1) * BH, B, H, a);
    }
    return [h, hAll, z, r, q, hh];
  });
}

function gruBackward(args: Args): TensorInfo[] {
  return run(args, (m) => {
    const dh = input(args, 'dh');
    const U = input(args, 'recurrentKernel');
    const [hAll, z, r, q, hh] = ['hAll', 'z', 'r', 'q', 'hh'].map((n) => input(args, n)) as [TensorInfo, TensorInfo, TensorInfo, TensorInfo, TensorInfo];
    const { B, T, H, BH } = dims(dh, U, 3);
    const a = activation(args.attrs, 'activation');
    const ra = activation(args.attrs, 'recurrentActivation');
    const steps = recurrentStepsFor(m.backend, H);
    const dxw = m.output([B, T, 3 * H]);
    const dAh = m.temp([T, B, H]);
    const dAzr = m.temp([T, B, 2 * H]);
    const dhA = m.zero(m.temp([B, H]));
    const dhB = m.zero(m.temp([B, H]));
    const dq = m.temp([B, H]);
    const UzrT = m.columns(U, 0, 2 * H, true);
    const UhT = m.columns(U, 2 * H, H, true);
    for (let t = T - 1; t >= 0; t--) {
      const rows = m.at(dxw) + t * 12 * H;
      steps.gruBackOut(m.at(dh) + t * 4 * H, T * 4 * H, m.at(dhA), m.at(dhB), m.at(z) + t * BH, m.at(hh) + t * BH, m.at(hAll) + t * BH,
        m.at(dAh) + t * BH, m.at(dAzr) + 2 * t * BH, rows, T * 12 * H, B, H, a, ra);
      m.product(rowMajor(m.at(dAh) + t * BH, H), B, H, UhT, dq);
      steps.gruBackReset(m.at(dq), m.at(hAll) + t * BH, m.at(r) + t * BH, m.at(dhA), m.at(dAzr) + 2 * t * BH, rows, T * 12 * H, B, H, ra);
      if (t > 0) m.product(rowMajor(m.at(dAzr) + 2 * t * BH, 2 * H), B, 2 * H, UzrT, dhB);
    }
    const dUzr = m.temp([H, 2 * H]);
    const dUh = m.temp([H, H]);
    m.product(transposedView(m.at(hAll), H), H, T * B, { ...dAzr, shape: [T * B, 2 * H] }, dUzr);
    m.product(transposedView(m.at(q), H), H, T * B, { ...dAh, shape: [T * B, H] }, dUh);
    // dU = [dUzr | dUh] column-wise, as U is laid out.
    const dU = m.output([H, 3 * H]);
    const heap = m.backend.wasm.HEAPF32;
    const o = m.at(dU) >> 2, s1 = m.at(dUzr) >> 2, s2 = m.at(dUh) >> 2;
    for (let row = 0; row < H; row++) {
      heap.copyWithin(o + row * 3 * H, s1 + row * 2 * H, s1 + (row + 1) * 2 * H);
      heap.copyWithin(o + row * 3 * H + 2 * H, s2 + row * H, s2 + (row + 1) * H);
    }
    return [dxw, dU];
  });
}

const config = (kernelName: string, f: (args: Args) => TensorInfo[]): KernelConfig =>
  ({ kernelName, backendName: 'wasm', kernelFunc: f as unknown as KernelFunc });

export const recurrentKernelConfigs: readonly KernelConfig[] = [
  config(recurrentKernelNames.lstm, lstmForward), config(recurrentKernelNames.lstmGrad, lstmBackward),
  config(recurrentKernelNames.gru, gruForward), config(recurrentKernelNames.gruGrad, gruBackward),
  config(recurrentKernelNames.rnn, rnnForward), config(recurrentKernelNames.rnnGrad, rnnBackward),
];
