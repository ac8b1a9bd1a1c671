// tf.layers.lstm / gru / simpleRNN on the wasm engine: when a layer's configuration is one our
// whole-sequence kernels compute (recurrentKernels.ts), its call runs as
//   xw = x·W + b   (one product over all time steps, ordinary ops, so W, b and x get their
//                   gradients from autograd)
//   h  = sequence(xw, U)   (one kernel; its gradient is one kernel too)
// instead of tfjs-layers' loop of small ops per time step. Anything else (dropout, masks, initial
// or returned states, stateful or backwards layers, other activations, another backend) takes the
// stock path unchanged. Model code does not change: the layer classes' `call` is wrapped once.
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { activationCodes, type FusedActivation } from './recurrentSteps';
import { recurrentKernelNames } from './recurrentKernels';

type Kind = 'lstm' | 'gru' | 'rnn';

const layerClasses: Record<Kind, string> = { lstm: 'LSTM', gru: 'GRU', rnn: 'SimpleRNN' };
const gateCount: Record<Kind, number> = { lstm: 4, gru: 3, rnn: 1 };
const savedNames: Record<Kind, string[]> = { lstm: ['hAll', 'cAll', 'actC', 'gates'], gru: ['hAll', 'z', 'r', 'q', 'hh'], rnn: ['hAll'] };

interface ActivationLike { getClassName(): string }
interface WeightLike { read(): Tensor }
interface CellLike {
  units: number; activation: ActivationLike; recurrentActivation?: ActivationLike;
  kernel: WeightLike; recurrentKernel: WeightLike; bias: WeightLike | null;
  dropout: number; recurrentDropout: number;
}
interface RecurrentLayerLike {
  cell: CellLike; returnSequences: boolean; returnState: boolean; goBackwards: boolean; stateful: boolean;
}
type Call = (this: RecurrentLayerLike, inputs: Tensor | Tensor[], kwargs: Record<string, unknown>) => Tensor | Tensor[];

function fusedName(a: ActivationLike | undefined): FusedActivation | null {
  const name = a?.getClassName();
  return name != null && name in activationCodes ? (name as FusedActivation) : null;
}

/** The attributes our kernel needs, or null when this call must take the stock path. */
function fusedAttrs(kind: Kind, layer: RecurrentLayerLike, inputs: Tensor | Tensor[], kwargs: Record<string, unknown> | undefined): Record<string, string> | null {
  const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0] : undefined) : inputs;
  if (x == null || x.rank !== 3 || x.dtype !== 'float32') return null;
  if (kwargs?.['mask'] != null || kwargs?.['initialState'] != null) return null;
  if (layer.returnState || layer.goBackwards || layer.stateful) return null;
  const cell = layer.cell;
  if (cell.dropout > 0 || cell.recurrentDropout > 0) return null;
  if (tf.getBackend() !== 'wasm' || tf.getKernel(recurrentKernelNames[kind], 'wasm') == null) return null;
  const activation = fusedName(cell.activation);
  if (activation == null) return null;
  if (kind === 'rnn') return { activation };
  const recurrentActivation = fusedName(cell.recurrentActivation);
  return recurrentActivation == null ? null : { activation, recurrentActivation };
}

/** h [B, T, H] from xw [B, T, G·H] and the recurrent kernel, differentiable in both. */
function sequence(kind: Kind, attrs: Record<string, string>): (xw: Tensor, U: Tensor) => Tensor {
  const forward = kind === 'lstm' ? recurrentKernelNames.lstm : kind === 'gru' ? recurrentKernelNames.gru : recurrentKernelNames.rnn;
  const backward = kind === 'lstm' ? recurrentKernelNames.lstmGrad : kind === 'gru' ? recurrentKernelNames.gruGrad : recurrentKernelNames.rnnGrad;
  const f = (xw: Tensor, U: Tensor, save: tf.GradSaveFunc) => {
    const [h, ...saved] = tf.engine().runKernel(forward, { xw, recurrentKernel: U }, attrs) as Tensor[];
    save([U, ...saved]);
    return {
      value: h as Tensor,
      gradFunc: (dy: Tensor, kept: Tensor[]) => {
        const [recurrentKernel, ...rest] = kept;
        const inputs: Record<string, Tensor> = { dh: dy, recurrentKernel: recurrentKernel as Tensor };
        savedNames[kind].forEach((n, i) => { inputs[n] = rest[i] as Tensor; });
        return tf.engine().runKernel(backward, inputs, attrs) as Tensor[];
      },
    };
  };
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (xw: Tensor, U: Tensor) => Tensor;
}

function fusedCall(kind: Kind, layer: RecurrentLayerLike, x: Tensor, attrs: Record<string, string>): Tensor {
  return tf.tidy(() => {
    const [B, T, I] = x.shape as [number, number, number];
    const cell = layer.cell;
    const width = gateCount[kind] * cell.units;
    let xw = tf.matMul(x.reshape([B * T, I]), cell.kernel.read());
    if (cell.bias != null) xw = tf.add(xw, cell.bias.read());
    const h = sequence(kind, attrs)(xw.reshape([B, T, width]), cell.recurrentKernel.read());
    return layer.returnSequences ? h : h.slice([0, T - 1, 0], [B, 1, cell.units]).reshape([B, cell.units]);
  });
}

let installed: Array<() => void> | null = null;

/** Wraps the layer classes' `call` (idempotent); returns a function that restores them. */
export function installFusedRecurrentLayers(): () => void {
  if (installed == null) {
    installed = [];
    const registry = tf.serialization.SerializationMap.getMap().classNameMap as Record<string, [{ prototype: { call: Call } }, unknown] | undefined>;
    for (const kind of ['lstm', 'gru', 'rnn'] as const) {
      const cls = registry[layerClasses[kind]]?.[0];
      if (cls == null) continue;
      const stock = cls.prototype.call;
      const call: Call = function (this: RecurrentLayerLike, inputs, kwargs) {
        const attrs = fusedAttrs(kind, this, inputs, kwargs);
        if (attrs == null) return stock.call(this, inputs, kwargs);
        return fusedCall(kind, this, Array.isArray(inputs) ? inputs[0] as Tensor : inputs, attrs);
      };
      cls.prototype.call = call;
      installed.push(() => { if (cls.prototype.call === call) cls.prototype.call = stock; });
    }
  }
  return () => {
    for (const undo of installed ?? []) undo();
    installed = null;
  };
}

let tidyLstmBuild: (() => void) | null = null;

/**
 * tfjs-layers' LSTMCell makes its `unitForgetBias` starting bias ([0…, 1…, 0…, 0…]) from four
 * temporary tensors it never disposes: 4 tensors left behind per LSTM layer built, on every
 * backend. Building the cell inside tf.tidy frees them; its weights are variables, which tidy
 * keeps. Idempotent; returns a function that restores the stock build.
 */
export function installTidyLstmBuild(): () => void {
  if (tidyLstmBuild == null) {
    const registry = tf.serialization.SerializationMap.getMap().classNameMap as Record<string, [{ prototype: { build(shape: unknown): void } }, unknown] | undefined>;
    const cls = registry['LSTMCell']?.[0];
    if (cls != null) {
      const stock = cls.prototype.build;
      const build = function (this: unknown, shape: unknown): void { tf.tidy(() => { stock.call(this, shape); }); };
      cls.prototype.build = build;
      tidyLstmBuild = () => { if (cls.prototype.build === build) cls.prototype.build = stock; };
    }
  }
  return () => {
    tidyLstmBuild?.();
    tidyLstmBuild = null;
  };
}
