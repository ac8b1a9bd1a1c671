// One instrumented training step and the clocks around it.
import * as tf from '@tensorflow/tfjs';
import type { Workload } from './workloads';

export interface StepState { optimizer: tf.Optimizer; step: number }

/** SGD step; with `instrument`, every variable's gradient L2 norm and max-abs are computed and read
 *  back together in one transfer (what the training panels need each step). */
export function trainStep(w: Workload, s: StepState, instrument: boolean): { loss: number; stats: Float32Array | null } {
  const batch = w.batch(s.step++);
  const { value, grads } = tf.variableGrads(() => w.loss(batch), w.variables);
  let stats: Float32Array | null = null;
  if (instrument) {
    const packed = tf.tidy(() => tf.stack(w.variables.map((v) => {
      const g = grads[v.name] as tf.Tensor;
      return tf.stack([tf.norm(g), tf.max(tf.abs(g))]);
    })));
    stats = packed.dataSync() as Float32Array;
    packed.dispose();
  }
  s.optimizer.applyGradients(grads);
  const loss = value.dataSync()[0] as number;
  value.dispose();
  tf.dispose(grads);
  tf.dispose([batch.x, batch.y, ...(batch.extra ? [batch.extra] : [])]);
  return { loss, stats };
}

export function measure(w: Workload, instrument: boolean, seconds: number): { msPerStep: number; steps: number; loss: number } {
  const s: StepState = { optimizer: tf.train.sgd(0.01), step: 0 };
  let loss = Number.NaN;
  for (let i = 0; i < 3; i++) loss = trainStep(w, s, instrument).loss;
  let steps = 0;
  const start = performance.now();
  while (steps < 5 || performance.now() - start < seconds * 1000) {
    loss = trainStep(w, s, instrument).loss;
    steps++;
  }
  const ms = (performance.now() - start) / steps;
  s.optimizer.dispose();
  return { msPerStep: ms, steps, loss };
}

export interface KernelShare { kernel: string; msPerStep: number; calls: number }

/** Per-kernel wall time over `steps` instrumented steps (tf.profile), biggest first. */
export async function profileSteps(w: Workload, steps: number): Promise<KernelShare[]> {
  const s: StepState = { optimizer: tf.train.sgd(0.01), step: 0 };
  trainStep(w, s, true);
  const info = await tf.profile(() => { for (let i = 0; i < steps; i++) trainStep(w, s, true); });
  s.optimizer.dispose();
  const byName = new Map<string, { ms: number; calls: number }>();
  for (const k of info.kernels) {
    const e = byName.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    e.calls++;
    byName.set(k.name, e);
  }
  return [...byName.entries()].map(([kernel, e]) => ({ kernel, msPerStep: e.ms / steps, calls: Math.round(e.calls / steps) })).sort((a, b) => b.msPerStep - a.msPerStep);
}
