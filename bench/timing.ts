// One instrumented training step and the clocks around it.
import * as tf from '@tensorflow/tfjs';
import { tensorStats } from '../src/backend/engine/tensorStats';
import type { Workload } from './workloads';

export interface StepState { optimizer: tf.Optimizer; step: number }

/** SGD step; with `instrument`, every variable's gradient L2 norm and max-abs are computed and read
 *  back together in one transfer (what the training panels need each step). */
export function trainStep(w: Workload, s: StepState, instrument: boolean): { loss: number; stats: Float32Array | null } {
  const batch = w.batch(s.step++);
  const { value, grads } = tf.variableGrads(() => w.loss(batch), w.variables);
  let stats: Float32Array | null = null;
  if (instrument) {
    const packed = tensorStats(w.variables.map((v) => grads[v.name] as tf.Tensor));
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

export interface Measurement {
  msPerStep: number; medianMsPerStep: number; steps: number; loss: number;
  /** CPU time of this process per step (all its threads), fastest chunk: unlike wall time, other
   *  programs' load barely changes it, so it compares the work each engine does. */
  cpuMsPerStep: number;
}

const chunkMs = 250;

function summarize(chunks: number[], cpu: number[], steps: number, loss: number): Measurement {
  const sorted = [...chunks].sort((a, b) => a - b);
  return { msPerStep: sorted[0] as number, medianMsPerStep: sorted[Math.floor(sorted.length / 2)] as number, steps, loss, cpuMsPerStep: Math.min(...cpu) };
}

/**
 * Steps with and without instrumentation for about `seconds` in all, alternating chunks of
 * ≥ 0.25 s so both see the same machine. The machine is shared, so bursts of other load land in
 * some chunks: the fastest chunk of each is the figure we compare (PyTorch's side is measured the
 * same way); medians are reported too.
 */
export function measure(w: Workload, seconds: number): { on: Measurement; off: Measurement } {
  const s: StepState = { optimizer: tf.train.sgd(0.01), step: 0 };
  let loss = Number.NaN;
  for (let i = 0; i < 2; i++) { trainStep(w, s, true); loss = trainStep(w, s, false).loss; }
  const chunks = { on: [] as number[], off: [] as number[] };
  const cpu = { on: [] as number[], off: [] as number[] };
  const steps = { on: 0, off: 0 };
  const start = performance.now();
  while (chunks.on.length < 3 || performance.now() - start < seconds * 1000) {
    for (const mode of ['on', 'off'] as const) {
      const c0 = performance.now();
      const u0 = process.cpuUsage();
      let n = 0;
      do { loss = trainStep(w, s, mode === 'on').loss; n++; } while (performance.now() - c0 < chunkMs);
      chunks[mode].push((performance.now() - c0) / n);
      const u = process.cpuUsage(u0);
      cpu[mode].push((u.user + u.system) / 1000 / n);
      steps[mode] += n;
    }
  }
  s.optimizer.dispose();
  return { on: summarize(chunks.on, cpu.on, steps.on, loss), off: summarize(chunks.off, cpu.off, steps.off, loss) };
}

export interface KernelShare { kernel: string; msPerStep: number; calls: number }

/**
 * CPU time per kernel over `steps` instrumented steps, each kernel's time exclusive of the kernels
 * it calls (ours call stock ones), biggest first; `outside` is the rest of the step (tfjs dispatch,
 * autograd, layers code). CPU time, not wall: on a shared machine other programs' load barely
 * changes it.
 */
export function profileKernels(w: Workload, steps: number): { kernels: KernelShare[]; stepMs: number; outsideMs: number } {
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const totals = new Map<string, { ms: number; calls: number }>();
  const nested: number[] = [];
  const restore: Array<() => void> = [];
  for (const k of tf.getKernelsForBackend(tf.getBackend())) {
    const original = k.kernelFunc;
    const timed = ((args: Parameters<typeof original>[0]) => {
      const t0 = cpu();
      nested.push(0);
      try {
        return original(args);
      } finally {
        const dt = cpu() - t0;
        const inner = nested.pop() ?? 0;
        if (nested.length > 0) nested[nested.length - 1]! += dt;
        const e = totals.get(k.kernelName) ?? { ms: 0, calls: 0 };
        e.ms += dt - inner;
        e.calls++;
        totals.set(k.kernelName, e);
      }
    }) as typeof original;
    (k as { kernelFunc: typeof original }).kernelFunc = timed;
    restore.push(() => { (k as { kernelFunc: typeof original }).kernelFunc = original; });
  }
  const s: StepState = { optimizer: tf.train.sgd(0.01), step: 0 };
  try {
    trainStep(w, s, true);
    totals.clear();
    const t0 = cpu();
    for (let i = 0; i < steps; i++) trainStep(w, s, true);
    const stepMs = (cpu() - t0) / steps;
    const kernels = [...totals.entries()].map(([kernel, e]) => ({ kernel, msPerStep: e.ms / steps, calls: Math.round(e.calls / steps) })).sort((a, b) => b.msPerStep - a.msPerStep);
    return { kernels, stepMs, outsideMs: stepMs - kernels.reduce((sum, k) => sum + k.msPerStep, 0) };
  } finally {
    for (const r of restore) r();
    s.optimizer.dispose();
  }
}
