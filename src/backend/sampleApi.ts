// The contract between a sample file (samples/*.js) and the trainer.
//
// A sample is a plain CommonJS file that never imports anything: the backend hands it `tf` and
// the data helpers in a SampleContext. It exports
//
//   module.exports = { description: SampleDescription, create(ctx) { return <TrainableModel> } }
//
// Two ways to build the TrainableModel:
//  • a tf.LayersModel (Sequential or functional) wrapped by `ctx.fromLayers(model, {...})`: the
//    trainer taps every layer's output, so activation statistics come for free;
//  • a custom model (Transformer, GAN, perceptron rule): named tf.Variables plus one or more loss
//    "phases", each a function of a batch that returns a scalar loss. The trainer differentiates
//    each phase with respect to its variables and applies its own optimizer (the GAN's
//    discriminator and generator are two phases). Custom code reports activations through
//    `tap.activation(layer, tensor)` and extra training metrics through `tap.metric(name, t)`.
//
// Either way the trainer owns the loop, the optimizers, the instrumentation and the disposal;
// the sample only says what the network is. A layer's name is its identity: the panels find the
// layer's source line by searching the sample's file for that name (or for `sourceHint`).
import type * as tfType from '@tensorflow/tfjs';
import type { AttentionMap, LayerInfo } from '../protocol/backend';
import type {
  ActivationKind, HyperOverrides, Hyperparameters, InitializerKind, Localized, TaskKind,
} from '../protocol/vocabulary';
import type { DataHelpers } from './datasets';

export type Tf = typeof tfType;
export type Tensor = tfType.Tensor;
export type Scalar = tfType.Scalar;
export type Variable = tfType.Variable;

export interface SampleDescription {
  id: string;
  title: Localized;
  /** The document's section(s) this sample illustrates, as headed there. */
  sections: Localized[];
  dataset: Localized;
  /** The figure the sample must reach, in words. */
  goal: Localized;
  /** What the sample learns; the panel shows the matching headline figure. Default 'classification'. */
  task?: TaskKind;
  defaults: Hyperparameters;
  /** Default wall-clock budget in seconds, if the sample is bounded by time rather than epochs. */
  seconds?: number;
  /** 'linear': the learning rate falls linearly to 10 % of its start over the run (steadier last epochs). */
  learningRateDecay?: 'linear';
  /** Gradient clipping: when the global L2 norm of a phase's gradients exceeds this, they are scaled
   *  down to it before the update (PyTorch's clip_grad_norm_). Recurrent nets take a larger
   *  learning rate safely with it. */
  clipGradientNorm?: number;
}

export interface DataSplit {
  x: Tensor;
  y: Tensor;
  count: number;
}
export interface SampleData { train: DataSplit; test: DataSplit }
export interface Batch { x: Tensor; y: Tensor; size: number }

/** Collects extra per-step signals from inside a loss function (kept until the step is read). */
export interface Tap {
  /** True on steps where activation statistics are wanted; skip the work otherwise. */
  readonly activationsWanted: boolean;
  activation(layer: string, output: Tensor, isRelu: boolean): void;
  metric(name: string, value: Scalar): void;
}

export interface LossPhase {
  name: string;
  /** Variable names (from TrainableModel.variables) this phase updates. */
  variables: string[];
  loss(batch: Batch, tap: Tap): Scalar;
  /** Phase-specific optimizer settings (e.g. the GAN's Adam β1 = 0.5); defaults to the run's. */
  optimizer?: { kind?: Hyperparameters['optimizer']; learningRate?: number; beta1?: number };
}

export interface NamedVariable { name: string; layer: string; variable: Variable }

export interface LayerDescriptor extends Omit<LayerInfo, 'line'> {
  /** Text to look for in the sample file when the name itself is built at run time. */
  sourceHint?: string;
}

/** What visual helpers a sample may emit; the trainer timestamps and forwards them. */
export interface VisualEmitter {
  boundary(v: { task: string; xRange: [number, number]; yRange: [number, number]; resolution: number; grid: Float32Array; points: Float32Array; labels: Float32Array; accuracy: number | null }): void;
  curve(v: { label: string; x: Float32Array; target: Float32Array; prediction: Float32Array }): void;
  points(v: { real: Float32Array; generated: Float32Array; modesCovered: number; modes: number }): void;
  images(v: { width: number; height: number; count: number; originals: Float32Array; reconstructions: Float32Array }): void;
  attention(v: { sourceTokens: string[]; targetTokens: string[]; maps: AttentionMap[] }): void;
  decoding(v: { items: { input: string; expected: string; output: string; correct: boolean }[] }): void;
}

export interface TrainableModel {
  data: SampleData;
  layers: LayerDescriptor[];
  variables: NamedVariable[];
  phases: LossPhase[];
  /**
   * Held-out figures over a split (synchronous; may call dataSync). Must include `loss`; the
   * headline metric is `acc` for classifiers, `mse` for regression, others as the sample defines.
   */
  evaluate(split: DataSplit): Record<string, number>;
  /** Called at the visual cadence, inside tf.tidy: emit boundary grids, curves, attention… */
  visuals?(emit: VisualEmitter): void;
  /** The tfjs-format checkpoint: a LayersModel, or else the named variables are saved. */
  layersModel?: tfType.LayersModel;
  dispose(): void;
}

export interface FromLayersOptions {
  data: SampleData;
  loss: 'softmaxCrossEntropy' | 'meanSquaredError' | 'sigmoidCrossEntropy';
  visuals?: TrainableModel['visuals'];
  /** Extra figures computed on each evaluated split. */
  extraMetrics?(predictions: Tensor, split: DataSplit): Record<string, number>;
}

export interface SampleContext {
  tf: Tf;
  hp: Hyperparameters;
  data: DataHelpers;
  /** A deterministic random source (seeded from hp.seed) for data generation and shuffles. */
  random(): number;
  /** Layers initializer for hp.initializer (zeros / random normal 0.05 / Glorot / He). */
  kernelInitializer(kind?: InitializerKind): ReturnType<Tf['initializers']['zeros']>;
  /** A fresh tensor of `shape` initialised per hp.initializer, for custom variables. */
  initTensor(shape: number[], fanIn: number, fanOut: number, kind?: InitializerKind): Tensor;
  /** A trainable variable named `name`, taking ownership of `initial` (disposed after copying). */
  variable(name: string, initial: Tensor): Variable;
  /** Apply hp.activation (or `kind`) element-wise, for custom code. */
  activate(x: Tensor, kind?: ActivationKind): Tensor;
  fromLayers(model: tfType.LayersModel, options: FromLayersOptions): TrainableModel;
}

export interface SampleModule {
  description: SampleDescription;
  create(ctx: SampleContext): TrainableModel;
}

export function resolveHyper(defaults: Hyperparameters, overrides: HyperOverrides): Hyperparameters {
  const out: Hyperparameters = { ...defaults };
  for (const [k, v] of Object.entries(overrides) as [keyof Hyperparameters, never][]) if (v !== undefined) out[k] = v;
  return out;
}

export function isSampleModule(v: unknown): v is SampleModule {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  const d = m.description as Record<string, unknown> | undefined;
  return typeof m.create === 'function' && typeof d === 'object' && d !== null && typeof d.id === 'string'
    && typeof d.title === 'object' && typeof d.defaults === 'object';
}
