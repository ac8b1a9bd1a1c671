// The training loop: one place that owns batching, optimizers, instrumentation, controls and
// disposal for every sample. It reports through `emit` only, so the same loop serves the IPC
// backend, the CLI and the tests (the trainer never knows who listens).
import type * as tfType from '@tensorflow/tfjs';
import { finiteOrNull, type BackendEvent, type Cadence, type VariableInfo } from '../protocol/backend';
import type { Hyperparameters, Localized, RunState } from '../protocol/vocabulary';
import { shuffledIndices, seededRandom } from './datasets';
import { tensorStats } from './engine/tensorStats';
import type { Batch, LossPhase, NamedVariable, Scalar, Tap, Tensor, Tf, TrainableModel, VisualEmitter } from './sampleApi';

export interface TrainerOptions {
  tf: Tf;
  model: TrainableModel;
  hp: Hyperparameters;
  cadence: Cadence;
  /** Training wall-clock budget; the loop stops at whichever comes first, this or hp.epochs. */
  seconds: number | null;
  /** Linear decay of every phase's learning rate to 10 % over the run (epochs or seconds). */
  learningRateDecay?: boolean;
  /** Scale each phase's gradients down to this global L2 norm when they exceed it. */
  clipGradientNorm?: number;
  emit(event: BackendEvent): void;
  /** Saves a checkpoint (at epoch ends, and `final` at the end) and returns its folder. */
  checkpoint?(step: number, final: boolean): Promise<string | null>;
  /** Where in the sample's file an error was thrown ("samples/x.js:12:7"), for its message. */
  locate?(err: unknown): string | null;
  now?(): number;
}

export interface TrainResult {
  state: Extract<RunState, 'finished' | 'stopped' | 'failed'>;
  step: number;
  test: Record<string, number | null> | null;
  error?: string;
}

class StepTap implements Tap {
  readonly kept: { layer: string; stats: Tensor; isRelu: boolean }[] = [];
  readonly metrics: { name: string; value: Scalar }[] = [];
  constructor(private readonly tf: Tf, readonly activationsWanted: boolean) {}
  activation(layer: string, output: Tensor, isRelu: boolean): void {
    if (!this.activationsWanted) return;
    const tf = this.tf;
    // Statistics only: the activations themselves never leave the step. A unit is dead when it
    // is ≤ 0 for every example in the batch.
    const stats = tf.tidy(() => {
      const x = output.toFloat();
      const { mean, variance } = tf.moments(x);
      const perUnit = x.reshape([x.shape[0] ?? 1, -1]).max(0);
      const dead = perUnit.lessEqual(0).toFloat().mean();
      return tf.stack([mean, variance.sqrt(), dead]);
    });
    this.kept.push({ layer, stats: tf.keep(stats), isRelu });
  }
  metric(name: string, value: Scalar): void {
    this.metrics.push({ name, value: this.tf.keep(value) });
  }
  dispose(): void {
    for (const k of this.kept) k.stats.dispose();
    for (const m of this.metrics) m.value.dispose();
  }
}

function setLearningRate(optimizer: tfType.Optimizer, lr: number): void {
  // SGD and momentum cache −lr as a kept scalar (setLearningRate swaps it); Adam reads the field.
  const o = optimizer as unknown as { setLearningRate?: (lr: number) => void; learningRate: number };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

type Control = { paused: boolean; stepsAllowed: number; stopRequested: boolean; abort: Localized | null; wake: (() => void) | null };

export class Trainer {
  private readonly tf: Tf;
  private readonly control: Control = { paused: false, stepsAllowed: 0, stopRequested: false, abort: null, wake: null };
  private state: RunState = 'starting';
  private step = 0;
  private epoch = 0;
  private readonly now: () => number;

  constructor(private readonly opts: TrainerOptions) {
    this.tf = opts.tf;
    this.now = opts.now ?? (() => performance.now());
  }

  get currentStep(): number { return this.step; }
  get currentState(): RunState { return this.state; }

  pause(): void {
    if (this.state !== 'running') return;
    this.control.paused = true;
    this.setState('paused');
  }
  resume(): void {
    if (!this.control.paused) return;
    this.control.paused = false;
    this.setState('running');
    this.wake();
  }
  /** One step while paused (starting paused if it was running). */
  singleStep(): void {
    if (!this.control.paused) this.pause();
    this.control.stepsAllowed++;
    this.wake();
  }
  stop(): void {
    this.control.stopRequested = true;
    if (this.state === 'running' || this.state === 'paused' || this.state === 'starting') this.setState('stopping');
    this.wake();
  }

  /**
   * Ends the run as failed with this reason at the next step boundary (a run file could not be
   * written). The first reason wins.
   */
  abort(reason: Localized): void {
    this.control.abort ??= reason;
    this.control.stopRequested = true;
    this.wake();
  }

  private wake(): void {
    const w = this.control.wake;
    this.control.wake = null;
    w?.();
  }

  private setState(state: RunState, reason?: Localized): void {
    this.state = state;
    this.opts.emit({ kind: 'state', t: Date.now(), state, step: this.step, ...(reason ? { reason } : {}) });
  }

  /** Yields to the event loop (so control messages get through) and waits while paused. */
  private async gate(): Promise<boolean> {
    await new Promise<void>((r) => setImmediate(r));
    while (this.control.paused && this.control.stepsAllowed === 0 && !this.control.stopRequested) {
      await new Promise<void>((r) => { this.control.wake = r; });
    }
    if (this.control.stopRequested) return false;
    if (this.control.paused) this.control.stepsAllowed--;
    return true;
  }

  private phaseVariables(model: TrainableModel): tfType.Variable[][] {
    const byName = new Map(model.variables.map((v) => [v.name, v.variable]));
    return model.phases.map((p) => p.variables.map((n) => {
      const v = byName.get(n);
      if (!v) throw new Error(`phase '${p.name}' names unknown variable '${n}'`);
      return v;
    }));
  }

  private makeOptimizer(phase: LossPhase): tfType.Optimizer {
    const tf = this.tf;
    const kind = phase.optimizer?.kind ?? this.opts.hp.optimizer;
    const lr = phase.optimizer?.learningRate ?? this.opts.hp.learningRate;
    switch (kind) {
      case 'sgd': return tf.train.sgd(lr);
      case 'momentum': return tf.train.momentum(lr, 0.9);
      case 'adam': return tf.train.adam(lr, phase.optimizer?.beta1 ?? 0.9, 0.999, 1e-7);
    }
  }

  async run(): Promise<TrainResult> {
    const { tf, opts } = this;
    const { model, hp, cadence } = opts;
    const phaseVars = this.phaseVariables(model);
    const optimizers = model.phases.map((p) => this.makeOptimizer(p));
    const train = model.data.train;
    const batchSize = Math.min(hp.batchSize, train.count);
    const stepsPerEpoch = Math.ceil(train.count / batchSize);
    const random = seededRandom(hp.seed + 7919);
    const started = this.now();
    let trainMs = 0;
    let lastMetricsAt = -Infinity;
    let lastVisualAt = -Infinity;
    let samplesSinceMetrics = 0;
    let msSinceMetrics = 0;
    const lossSums = new Float64Array(model.phases.length);
    const metricSums = new Map<string, number>();
    let stepsSinceMetrics = 0;
    let lastValidation: Record<string, number | null> | null = null;
    let lastValidationStep = -1;
    let lastSamplesPerSec: number | null = null;

    const emitVisuals = (): void => {
      if (!model.visuals || cadence.visualsEveryMs <= 0) return;
      const t = Date.now();
      const step = this.step;
      const emitter: VisualEmitter = {
        boundary: (v) => opts.emit({ kind: 'boundary', t, step, ...v }),
        curve: (v) => opts.emit({ kind: 'curve', t, step, ...v }),
        points: (v) => opts.emit({ kind: 'points', t, step, ...v }),
        images: (v) => opts.emit({ kind: 'images', t, step, ...v }),
        attention: (v) => opts.emit({ kind: 'attention', t, step, ...v }),
        decoding: (v) => opts.emit({ kind: 'decoding', t, step, ...v }),
      };
      tf.tidy(() => model.visuals!(emitter));
      lastVisualAt = this.now();
    };
    const validate = (): Record<string, number | null> => {
      const m = model.evaluate(model.data.test);
      const clean: Record<string, number | null> = {};
      for (const [k, v] of Object.entries(m)) clean[k] = finiteOrNull(v);
      lastValidation = clean;
      lastValidationStep = this.step;
      opts.emit({ kind: 'validation', t: Date.now(), step: this.step, epoch: this.epoch, metrics: clean });
      return clean;
    };
    const flushMetrics = (): void => {
      if (stepsSinceMetrics === 0) return;
      const train: Record<string, number | null> = {};
      for (const [k, v] of metricSums) train[k] = finiteOrNull(v / stepsSinceMetrics);
      lastSamplesPerSec = msSinceMetrics > 0 ? finiteOrNull((samplesSinceMetrics / msSinceMetrics) * 1000) : null;
      opts.emit({
        kind: 'metrics', t: Date.now(), step: this.step, epoch: this.epoch,
        loss: Array.from(lossSums, (s) => finiteOrNull(s / stepsSinceMetrics)), train, samplesPerSec: lastSamplesPerSec,
      });
      lossSums.fill(0); metricSums.clear(); stepsSinceMetrics = 0; samplesSinceMetrics = 0; msSinceMetrics = 0;
      lastMetricsAt = this.now();
    };
    const fail = (message: string, detail?: string, reason: Localized = { en: message, 'zh-cn': message }): TrainResult => {
      opts.emit({ kind: 'error', t: Date.now(), step: this.step, message, ...(detail ? { detail } : {}) });
      this.setState('failed', reason);
      return { state: 'failed', step: this.step, test: null, error: message };
    };
    const aborted = (): TrainResult | null => {
      const reason = this.control.abort;
      return reason ? fail(reason.en, undefined, reason) : null;
    };

    try {
      this.setState('running');
      emitVisuals();
      outer: for (this.epoch = 0; this.epoch < hp.epochs; this.epoch++) {
        const order = shuffledIndices(train.count, random);
        for (let b = 0; b < stepsPerEpoch; b++) {
          if (!(await this.gate())) break outer;
          if (opts.seconds !== null && trainMs >= opts.seconds * 1000) break outer;
          if (opts.learningRateDecay) {
            const progress = Math.min(1, Math.max(this.step / (hp.epochs * stepsPerEpoch), opts.seconds ? trainMs / (opts.seconds * 1000) : 0));
            model.phases.forEach((p, i) => setLearningRate(optimizers[i]!, (p.optimizer?.learningRate ?? hp.learningRate) * (1 - 0.9 * progress)));
          }
          const stepStarted = this.now();
          const idx = order.subarray(b * batchSize, Math.min(train.count, (b + 1) * batchSize));
          const result = this.trainStep(idx, phaseVars, optimizers);
          this.step++;
          const stepMs = this.now() - stepStarted;
          trainMs += stepMs;
          msSinceMetrics += stepMs;
          samplesSinceMetrics += idx.length;
          stepsSinceMetrics++;
          result.losses.forEach((l, i) => { lossSums[i]! += l; });
          for (const [k, v] of result.metrics) metricSums.set(k, (metricSums.get(k) ?? 0) + v);
          const bad = result.losses.findIndex((l) => !Number.isFinite(l));
          if (bad >= 0) {
            flushMetrics();
            const which = model.phases.length > 1 ? ` (${model.phases[bad]!.name})` : '';
            return fail(`Training stopped: the loss${which} became ${String(result.losses[bad])} at step ${this.step} (epoch ${this.epoch + 1}). Try a smaller learning rate.`);
          }
          if (result.gradients) {
            if (result.gradients.gradNorm.some((g) => !Number.isFinite(g))) {
              const i = result.gradients.gradNorm.findIndex((g) => !Number.isFinite(g));
              return fail(`Training stopped: the gradient of ${model.variables[i]?.name ?? '?'} became non-finite at step ${this.step} (epoch ${this.epoch + 1}).`);
            }
            opts.emit({ kind: 'gradients', t: Date.now(), step: this.step, ...result.gradients });
          }
          if (result.activations) opts.emit({ kind: 'activations', t: Date.now(), step: this.step, ...result.activations });
          const now = this.now();
          const forced = this.control.paused; // a single step is always reported
          if (forced || (this.step % cadence.metricsEverySteps === 0 && now - lastMetricsAt >= cadence.minIntervalMs)) flushMetrics();
          if (cadence.validateEverySteps > 0 && this.step % cadence.validateEverySteps === 0) validate();
          if (cadence.visualsEveryMs > 0 && (forced || now - lastVisualAt >= cadence.visualsEveryMs)) emitVisuals();
        }
        flushMetrics();
        validate();
        if (opts.checkpoint) await opts.checkpoint(this.step, false);
      }
      flushMetrics();
      const abortedInLoop = aborted();
      if (abortedInLoop) return abortedInLoop;
      if (this.control.stopRequested) {
        this.setState('stopped');
        return { state: 'stopped', step: this.step, test: lastValidation };
      }
      const test = lastValidationStep === this.step && lastValidation ? lastValidation : validate();
      emitVisuals();
      const checkpoint = opts.checkpoint ? await opts.checkpoint(this.step, true) : null;
      opts.emit({
        kind: 'finished', t: Date.now(), step: this.step, epoch: Math.min(this.epoch, hp.epochs), seconds: (this.now() - started) / 1000,
        test, samplesPerSec: trainMs > 0 ? finiteOrNull((this.step * batchSize * 1000) / trainMs) : lastSamplesPerSec, checkpoint,
      });
      // A run whose last records could not be written did not finish as far as its folder knows.
      const abortedAtEnd = aborted();
      if (abortedAtEnd) return abortedAtEnd;
      this.setState('finished');
      return { state: 'finished', step: this.step, test };
    } catch (err) {
      const e = err as Error;
      const where = opts.locate?.(err);
      return aborted() ?? fail(`Training failed at step ${this.step}: ${where ? `${where}: ` : ''}${e.message}`, e.stack);
    } finally {
      for (const o of optimizers) o.dispose();
    }
  }

  private trainStep(idx: Int32Array, phaseVars: tfType.Variable[][], optimizers: tfType.Optimizer[]): {
    losses: number[]; metrics: [string, number][];
    gradients: { gradNorm: Float32Array; gradMaxAbs: Float32Array; weightNorm: Float32Array; updateRatio: Float32Array } | null;
    activations: { layers: string[]; mean: Float32Array; std: Float32Array; deadFraction: Float32Array } | null;
  } {
    const { tf } = this;
    const { model, cadence } = this.opts;
    const wantGrads = cadence.gradientsEverySteps > 0 && (this.step + 1) % cadence.gradientsEverySteps === 0;
    const wantActs = cadence.activationsEverySteps > 0 && (this.step + 1) % cadence.activationsEverySteps === 0;
    const tap = new StepTap(tf, wantActs);
    const toRead: Tensor[] = [];
    // Gradient statistics, one [variables, 4] block per phase: ‖g‖, max|g|, ‖w‖, ‖Δw‖/‖w‖.
    const varIndex = new Map(model.variables.map((v, i) => [v.variable.name, i]));
    const phaseStats: { indices: number[]; stats: Tensor }[] = [];
    const idxT = tf.tensor1d(idx, 'int32');
    const batch: Batch = { x: tf.gather(model.data.train.x, idxT), y: tf.gather(model.data.train.y, idxT), size: idx.length };
    try {
      model.phases.forEach((phase, p) => {
        const vars = phaseVars[p]!;
        const { value, grads } = tf.variableGrads(() => phase.loss(batch, tap), vars);
        toRead.push(value);
        const before = wantGrads ? vars.map((v) => v.clone()) : null;
        let clipped: tfType.NamedTensorMap | null = null;
        try {
          // Gradient figures are taken before the update (some optimizers reuse the buffers) and
          // before clipping: the panels show what backpropagation produced.
          const g = before ? tensorStats(vars.map((v) => grads[v.name]!)) : null;
          if (this.opts.clipGradientNorm) clipped = clipByGlobalNorm(tf, vars, grads, this.opts.clipGradientNorm);
          optimizers[p]!.applyGradients(clipped ?? grads);
          if (before && g) {
            const stats = tf.tidy(() => {
              const w = tensorStats(vars);
              const d = tensorStats(vars.map((v, i) => tf.sub(v, before[i]!)));
              const wNorm = w.slice([0, 0], [-1, 1]);
              return tf.concat([g, wNorm, d.slice([0, 0], [-1, 1]).div(wNorm.add(1e-12))], 1);
            });
            g.dispose();
            phaseStats.push({ indices: vars.map((v) => varIndex.get(v.name)!), stats });
          }
        } finally {
          for (const t of Object.values(grads)) t.dispose();
          if (clipped) for (const t of Object.values(clipped)) t.dispose();
          before?.forEach((b) => b.dispose());
        }
      });
      // One read-back per step: losses, metrics, gradient and activation statistics together.
      const flat = tf.tidy(() => tf.concat([
        ...toRead.map((t) => t.toFloat().reshape([1])),
        ...tap.metrics.map((m) => m.value.toFloat().reshape([1])),
        ...phaseStats.map((s) => s.stats.reshape([-1])),
        ...tap.kept.map((k) => k.stats),
      ]).dataSync());
      let o = 0;
      const losses = toRead.map(() => flat[o++]!);
      const metrics: [string, number][] = tap.metrics.map((m) => [m.name, flat[o++]!]);
      let gradients = null;
      if (wantGrads) {
        const n = model.variables.length;
        gradients = { gradNorm: new Float32Array(n), gradMaxAbs: new Float32Array(n), weightNorm: new Float32Array(n), updateRatio: new Float32Array(n) };
        for (const { indices } of phaseStats) {
          for (const i of indices) {
            gradients.gradNorm[i] = flat[o++]!; gradients.gradMaxAbs[i] = flat[o++]!; gradients.weightNorm[i] = flat[o++]!; gradients.updateRatio[i] = flat[o++]!;
          }
        }
      }
      let activations = null;
      if (wantActs && tap.kept.length > 0) {
        const L = tap.kept.length;
        activations = { layers: tap.kept.map((k) => k.layer), mean: new Float32Array(L), std: new Float32Array(L), deadFraction: new Float32Array(L) };
        for (let i = 0; i < L; i++) {
          activations.mean[i] = flat[o++]!; activations.std[i] = flat[o++]!;
          const dead = flat[o++]!;
          activations.deadFraction[i] = tap.kept[i]!.isRelu ? dead : -1;
        }
      }
      return { losses, metrics, gradients, activations };
    } finally {
      tf.dispose([idxT, batch.x, batch.y, ...toRead, ...phaseStats.map((s) => s.stats)]);
      tap.dispose();
    }
  }
}

/**
 * Gradients scaled by min(1, maxNorm / (‖g‖ + 1e-6)), ‖g‖ the L2 norm over all of them (PyTorch's
 * clip_grad_norm_), computed in the graph: no read-back. The caller disposes them.
 */
function clipByGlobalNorm(tf: Tf, vars: tfType.Variable[], grads: tfType.NamedTensorMap, maxNorm: number): tfType.NamedTensorMap {
  const scaled = tf.tidy(() => {
    const norms = tensorStats(vars.map((v) => grads[v.name]!)).slice([0, 0], [-1, 1]);
    const coef = tf.minimum(1, tf.div(maxNorm, tf.add(tf.sqrt(tf.sum(tf.square(norms))), 1e-6)));
    const out: tfType.NamedTensorMap = {};
    for (const v of vars) out[v.name] = tf.mul(grads[v.name]!, coef);
    return out;
  });
  return scaled;
}

export function variableInfos(vars: NamedVariable[]): VariableInfo[] {
  return vars.map((v) => ({ name: v.name, layer: v.layer, shape: [...v.variable.shape] }));
}
