// The element-wise part of one recurrent time step (gates, cell update, their gradients), on the
// wasm heap: our SIMD loops (simdKernels.wat) when the module is attached and the layer's width
// is a multiple of 4, else these JavaScript loops, which compute the same thing and are what the
// tests compare the SIMD path against. Every pointer is a byte offset into the backend's heap;
// "rows … apart" arguments are byte strides between batch rows of the batch-major [B, T, ·]
// tensors, every other buffer is a contiguous [B, ·] block.
import { simdFor, type SimdKernels } from './simdKernels';
import type { WasmBackendLike } from './wasmHeap';

/** Activations the fused layers compute, numbered as simdKernels.wat expects them. */
export const activationCodes = { linear: 0, tanh: 1, sigmoid: 2, hardSigmoid: 3, relu: 4 } as const;
export type FusedActivation = keyof typeof activationCodes;

export type RecurrentSteps = Pick<SimdKernels, 'lstmStep' | 'lstmBackStep' | 'rnnStep' | 'rnnBackStep' | 'gruGates' | 'gruOut' | 'gruBackOut' | 'gruBackReset'>;

function act(x: number, kind: number): number {
  switch (kind) {
    case 1: return Math.tanh(x);
    case 2: return 1 / (1 + Math.exp(-x));
    case 3: return Math.min(1, Math.max(0, 0.2 * x + 0.5));
    case 4: return x > 0 ? x : 0;
    default: return x;
  }
}

/** The activation's derivative from its output y (what the forward pass keeps). */
function dact(y: number, kind: number): number {
  switch (kind) {
    case 1: return 1 - y * y;
    case 2: return y * (1 - y);
    case 3: return y > 0 && y < 1 ? 0.2 : 0;
    case 4: return y > 0 ? 1 : 0;
    default: return 1;
  }
}

/** The JavaScript loops; `heap()` is read on every call because the wasm memory may have grown. */
export function jsRecurrentSteps(backend: WasmBackendLike): RecurrentSteps {
  const heap = () => backend.wasm.HEAPF32;
  return {
    lstmStep(xw, xwRow, rec, cPrev, gates, c, actC, h, hRow, hNext, batch, H, a, ra) {
      const m = heap();
      for (let b = 0; b < batch; b++) {
        const x = (xw + b * xwRow) >> 2, q = (rec >> 2) + b * 4 * H, g = (gates >> 2) + b * 4 * H, o = b * H;
        const hp = (h + b * hRow) >> 2;
        for (let j = 0; j < H; j++) {
          const i = act(m[x + j]! + m[q + j]!, ra);
          const f = act(m[x + H + j]! + m[q + H + j]!, ra);
          const gg = act(m[x + 2 * H + j]! + m[q + 2 * H + j]!, a);
          const oo = act(m[x + 3 * H + j]! + m[q + 3 * H + j]!, ra);
          const cc = f * m[(cPrev >> 2) + o + j]! + i * gg;
          const ac = act(cc, a);
          m[g + j] = i; m[g + H + j] = f; m[g + 2 * H + j] = gg; m[g + 3 * H + j] = oo;
          m[(c >> 2) + o + j] = cc;
          m[(actC >> 2) + o + j] = ac;
          m[hp + j] = m[(hNext >> 2) + o + j] = oo * ac;
        }
      }
    },
    lstmBackStep(gates, cPrev, actC, dh, dhRow, dhRec, dc, dG, dxw, dxwRow, batch, H, a, ra) {
      const m = heap();
      for (let b = 0; b < batch; b++) {
        const g = (gates >> 2) + b * 4 * H, d = (dG >> 2) + b * 4 * H, x = (dxw + b * dxwRow) >> 2, p = (dh + b * dhRow) >> 2, o = b * H;
        for (let j = 0; j < H; j++) {
          const i = m[g + j]!, f = m[g + H + j]!, gg = m[g + 2 * H + j]!, oo = m[g + 3 * H + j]!;
          const ac = m[(actC >> 2) + o + j]!;
          const dhv = m[p + j]! + m[(dhRec >> 2) + o + j]!;
          const dO = dhv * ac * dact(oo, ra);
          const dcv = m[(dc >> 2) + o + j]! + dhv * oo * dact(ac, a);
          const dI = dcv * gg * dact(i, ra);
          const dF = dcv * m[(cPrev >> 2) + o + j]! * dact(f, ra);
          const dGg = dcv * i * dact(gg, a);
          m[d + j] = m[x + j] = dI;
          m[d + H + j] = m[x + H + j] = dF;
          m[d + 2 * H + j] = m[x + 2 * H + j] = dGg;
          m[d + 3 * H + j] = m[x + 3 * H + j] = dO;
          m[(dc >> 2) + o + j] = dcv * f;
        }
      }
    },
    rnnStep(xw, xwRow, rec, h, hRow, hNext, batch, H, a) {
      const m = heap();
      for (let b = 0; b < batch; b++) {
        const x = (xw + b * xwRow) >> 2, hp = (h + b * hRow) >> 2, o = b * H;
        for (let j = 0; j < H; j++) m[hp + j] = m[(hNext >> 2) + o + j] = act(m[x + j]! + m[(rec >> 2) + o + j]!, a);
      }
    },
    rnnBackStep(h, dh, dhRow, dhRec, dA, dxw, dxwRow, batch, H, a) {
      const m = heap();
      for (let b = 0; b < batch; b++) {
        const p = (dh + b * dhRow) >> 2, x = (dxw + b * dxwRow) >> 2, o = b * H;
        for (let j = 0; j < H; j++) {
          m[(dA >> 2) + o + j] = m[x + j] = (m[p + j]! + m[(dhRec >> 2) + o + j]!) * dact(m[(h >> 2) + o + j]!, a);
        }
      }
    },
    gruGates(xw, xwRow, rec, hPrev, z, r, q, batch, H, ra) {
      const m = heap();
      for (let b = 0; b < batch; b++) {
        const x = (xw + b * xwRow) >> 2, re = (rec >> 2) + b * 2 * H, o = b * H;
        for (let j = 0; j < H; j++) {
          m[(z >> 2) + o + j] = act(m[x + j]! + m[re + j]!, ra);
          const rv = act(m[x + H + j]! + m[re + H + j]!, ra);
          m[(r >> 2) + o + j] = rv;
          m[(q >> 2) + o + j] = rv * m[(hPrev >> 2) + o + j]!;
        }
      }
    },
    gruOut(xw, xwRow, s, z, hPrev, hh, h, hRow, hNext, batch, H, a) {
      const m = heap();
      for (let b = 0; b < batch; b++) {
        const x = ((xw + b * xwRow) >> 2) + 2 * H, hp = (h + b * hRow) >> 2, o = b * H;
        for (let j = 0; j < H; j++) {
          const hhv = act(m[x + j]! + m[(s >> 2) + o + j]!, a);
          const zv = m[(z >> 2) + o + j]!;
          m[(hh >> 2) + o + j] = hhv;
          m[hp + j] = m[(hNext >> 2) + o + j] = zv * m[(hPrev >> 2) + o + j]! + (1 - zv) * hhv;
        }
      }
    },
    gruBackOut(dh, dhRow, dhA, dhB, z, hh, hPrev, dAh, dAzr, dxw, dxwRow, batch, H, a, ra) {
      const m = heap();
      for (let b = 0; b < batch; b++) {
        const p = (dh + b * dhRow) >> 2, x = (dxw + b * dxwRow) >> 2, zr = (dAzr >> 2) + b * 2 * H, o = b * H;
        for (let j = 0; j < H; j++) {
          const dhv = m[p + j]! + m[(dhA >> 2) + o + j]! + m[(dhB >> 2) + o + j]!;
          const zv = m[(z >> 2) + o + j]!, hhv = m[(hh >> 2) + o + j]!;
          m[(dAh >> 2) + o + j] = m[x + 2 * H + j] = dhv * (1 - zv) * dact(hhv, a);
          m[zr + j] = m[x + j] = dhv * (m[(hPrev >> 2) + o + j]! - hhv) * dact(zv, ra);
          m[(dhA >> 2) + o + j] = dhv * zv;
        }
      }
    },
    gruBackReset(dq, hPrev, r, dhA, dAzr, dxw, dxwRow, batch, H, ra) {
      const m = heap();
      for (let b = 0; b < batch; b++) {
        const x = (dxw + b * dxwRow) >> 2, zr = (dAzr >> 2) + b * 2 * H, o = b * H;
        for (let j = 0; j < H; j++) {
          const dqv = m[(dq >> 2) + o + j]!, rv = m[(r >> 2) + o + j]!;
          m[zr + H + j] = m[x + H + j] = dqv * m[(hPrev >> 2) + o + j]! * dact(rv, ra);
          m[(dhA >> 2) + o + j] = m[(dhA >> 2) + o + j]! + dqv * rv;
        }
      }
    },
  };
}

/** Our SIMD loops when they can run this width, else the JavaScript loops. */
export function recurrentStepsFor(backend: WasmBackendLike, units: number): RecurrentSteps {
  const simd = simdFor(backend);
  return simd != null && units % 4 === 0 ? simd : jsRecurrentSteps(backend);
}
