// Growing typed columns of a run's series (loss/accuracy per step, ‖∇W‖ per layer per step). The
// host's RunModel fills them from backend events and slices deltas out of them; the training
// webview appends those deltas to its own copy. One implementation for both sides: amortized
// doubling, no per-step allocation.
import type { GradColumns, MetricColumns } from './trainingPanel';

const INITIAL_CAPACITY = 256;

function grown<T extends Float32Array | Float64Array>(a: T, capacity: number, used: number): T {
  if (capacity <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(capacity, a.length * 2));
  b.set(a.subarray(0, used));
  return b;
}

/** Training or validation metrics: one row per report, NaN where a value is absent. */
export class MetricSeries {
  step = new Float64Array(INITIAL_CAPACITY);
  loss = new Float32Array(INITIAL_CAPACITY);
  acc = new Float32Array(INITIAL_CAPACITY);
  /** The second loss of a two-phase run (the GAN's generator). */
  loss2 = new Float32Array(INITIAL_CAPACITY);
  n = 0;

  private reserve(rows: number): void {
    const cap = this.n + rows;
    this.step = grown(this.step, cap, this.n);
    this.loss = grown(this.loss, cap, this.n);
    this.acc = grown(this.acc, cap, this.n);
    this.loss2 = grown(this.loss2, cap, this.n);
  }

  push(step: number, loss: number, acc: number, loss2 = NaN): void {
    this.reserve(1);
    this.step[this.n] = step; this.loss[this.n] = loss; this.acc[this.n] = acc; this.loss2[this.n] = loss2;
    this.n++;
  }

  append(c: MetricColumns): void {
    this.reserve(c.step.length);
    this.step.set(c.step, this.n);
    this.loss.set(c.loss, this.n);
    this.acc.set(c.acc, this.n);
    this.loss2.set(c.loss2, this.n);
    this.n += c.step.length;
  }

  /** Rows from `from` on, as protocol columns (copies). */
  slice(from: number): MetricColumns {
    return { step: this.step.slice(from, this.n), loss: this.loss.slice(from, this.n), acc: this.acc.slice(from, this.n), loss2: this.loss2.slice(from, this.n) };
  }

  /** The newest finite value of one of this series' columns, NaN if none. */
  last(column: Float32Array): number {
    for (let i = this.n - 1; i >= 0; i--) if (Number.isFinite(column[i] as number)) return column[i] as number;
    return NaN;
  }
}

/** Gradient L2 norms per layer: `values[i * layers.length + l]` belongs to `steps[i]`. */
export class GradSeries {
  steps = new Float64Array(INITIAL_CAPACITY);
  values: Float32Array;
  n = 0;

  constructor(readonly layers: readonly string[]) {
    this.values = new Float32Array(INITIAL_CAPACITY * Math.max(1, layers.length));
  }

  private reserve(rows: number): void {
    const cap = this.n + rows;
    if (cap <= this.steps.length) return;
    const width = Math.max(1, this.layers.length);
    this.steps = grown(this.steps, cap, this.n);
    this.values = grown(this.values, this.steps.length * width, this.n * width);
  }

  /** One step's row, one value per layer. */
  push(step: number, row: Float32Array): void {
    this.reserve(1);
    this.steps[this.n] = step;
    this.values.set(row.subarray(0, this.layers.length), this.n * this.layers.length);
    this.n++;
  }

  /** Appends a chunk; a chunk whose width is not this layer list's is ignored (another run's). */
  append(c: GradColumns): void {
    const width = this.layers.length;
    const rows = c.steps.length;
    if (width === 0 || c.values.length !== rows * width) return;
    this.reserve(rows);
    this.steps.set(c.steps, this.n);
    this.values.set(c.values, this.n * width);
    this.n += rows;
  }

  slice(from: number): GradColumns {
    const width = this.layers.length;
    return { steps: this.steps.slice(from, this.n), values: this.values.slice(from * width, this.n * width) };
  }

  /** The newest value of layer `l`, NaN before the first step. */
  latest(l: number): number {
    return this.n === 0 ? NaN : (this.values[(this.n - 1) * this.layers.length + l] as number);
  }
}
