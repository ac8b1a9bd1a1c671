// The training panel's copy of a run: typed columns that grow as deltas arrive (amortized
// doubling, no per-step reallocation), rebuilt wholesale from a snapshot.
import type {
  AttentionFrame, AttentionGroup, BoundaryFrame, DecodingRow, FitFrame, GradColumns, HostToTraining, LayerRow, MetricColumns,
  PointsFrame, ReconFrame, RunHeader, RunSnapshot,
} from '../../src/protocol/trainingPanel';

export class MetricStore {
  step = new Float64Array(256);
  loss = new Float32Array(256);
  acc = new Float32Array(256);
  loss2 = new Float32Array(256);
  n = 0;

  append(c: MetricColumns): void {
    this.reserve(this.n + c.step.length);
    this.step.set(c.step, this.n);
    this.loss.set(c.loss, this.n);
    this.acc.set(c.acc, this.n);
    this.loss2.set(c.loss2, this.n);
    this.n += c.step.length;
  }

  private reserve(cap: number): void {
    if (cap <= this.step.length) return;
    const size = Math.max(cap, this.step.length * 2);
    const grow = <T extends Float32Array | Float64Array>(a: T, make: (n: number) => T): T => { const b = make(size); b.set(a.subarray(0, this.n)); return b; };
    this.step = grow(this.step, (k) => new Float64Array(k));
    this.loss = grow(this.loss, (k) => new Float32Array(k));
    this.acc = grow(this.acc, (k) => new Float32Array(k));
    this.loss2 = grow(this.loss2, (k) => new Float32Array(k));
  }

  last(a: Float32Array): number {
    for (let i = this.n - 1; i >= 0; i--) if (Number.isFinite(a[i] as number)) return a[i] as number;
    return NaN;
  }
}

export class GradStore {
  steps = new Float64Array(256);
  values: Float32Array;
  n = 0;
  constructor(public layers: string[]) {
    this.values = new Float32Array(256 * Math.max(1, layers.length));
  }

  append(c: GradColumns): void {
    const L = this.layers.length;
    const k = c.steps.length;
    if (L === 0 || c.values.length !== k * L) return; // a chunk for another layer list: ignore
    if (this.n + k > this.steps.length) {
      const cap = Math.max(this.n + k, this.steps.length * 2);
      const s = new Float64Array(cap); s.set(this.steps.subarray(0, this.n)); this.steps = s;
      const v = new Float32Array(cap * L); v.set(this.values.subarray(0, this.n * L)); this.values = v;
    }
    this.steps.set(c.steps, this.n);
    this.values.set(c.values, this.n * L);
    this.n += k;
  }

  latest(l: number): number {
    return this.n === 0 ? NaN : (this.values[(this.n - 1) * this.layers.length + l] as number);
  }
}

export interface RunData {
  header: RunHeader;
  layers: LayerRow[];
  train: MetricStore;
  val: MetricStore;
  grads: GradStore;
  attentionGroups: AttentionGroup[];
  attention: AttentionFrame[];
  boundaries: BoundaryFrame[];
  decoding: DecodingRow[];
  fit: FitFrame | null;
  points: PointsFrame | null;
  recon: ReconFrame | null;
}

export const MAX_ATTENTION_FRAMES = 400;

export function runFromSnapshot(s: RunSnapshot): RunData {
  const train = new MetricStore(); train.append(s.train);
  const val = new MetricStore(); val.append(s.val);
  const grads = new GradStore(s.gradLayers); grads.append(s.grads);
  return {
    header: s.header, layers: s.layers, train, val, grads,
    attentionGroups: s.attentionGroups, attention: s.attention.slice(-MAX_ATTENTION_FRAMES),
    boundaries: s.boundaries, decoding: s.decoding, fit: s.fit, points: s.points, recon: s.recon,
  };
}

type Delta = Extract<HostToTraining, { type: 'delta' }>;

/** Fold a delta into the run; returns which parts changed so only those redraw. */
export function applyDelta(run: RunData, d: Delta): Set<string> {
  const changed = new Set<string>();
  if (d.header) { run.header = d.header; changed.add('header'); }
  if (d.layers) { run.layers = d.layers; changed.add('layers'); }
  if (d.gradLayers && d.gradLayers.join('\n') !== run.grads.layers.join('\n')) { run.grads = new GradStore(d.gradLayers); changed.add('grads'); }
  if (d.train) { run.train.append(d.train); changed.add('curves'); }
  if (d.val) { run.val.append(d.val); changed.add('curves'); }
  if (d.grads) { run.grads.append(d.grads); changed.add('grads'); changed.add('layers'); }
  if (d.attentionGroups) { run.attentionGroups = d.attentionGroups; run.attention = []; changed.add('attention'); }
  if (d.attention) {
    run.attention.push(...d.attention);
    if (run.attention.length > MAX_ATTENTION_FRAMES) run.attention.splice(0, run.attention.length - MAX_ATTENTION_FRAMES);
    changed.add('attention');
  }
  if (d.boundaries) {
    for (const b of d.boundaries) {
      const i = run.boundaries.findIndex((x) => x.task === b.task);
      if (i >= 0) run.boundaries[i] = b; else run.boundaries.push(b);
    }
    changed.add('extras');
  }
  if (d.decoding) { run.decoding = d.decoding; changed.add('attention'); }
  if (d.fit) { run.fit = d.fit; changed.add('extras'); }
  if (d.points) { run.points = d.points; changed.add('extras'); }
  if (d.recon) { run.recon = d.recon; changed.add('extras'); }
  return changed;
}

/** Metrics as CSV: one row per training step, validation and gradient columns joined by step. */
export function metricsCsv(run: RunData): string {
  const val = new Map<number, [number, number]>();
  for (let i = 0; i < run.val.n; i++) val.set(run.val.step[i] as number, [run.val.loss[i] as number, run.val.acc[i] as number]);
  const L = run.grads.layers.length;
  const grad = new Map<number, number>();
  for (let i = 0; i < run.grads.n; i++) grad.set(run.grads.steps[i] as number, i);
  const cell = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '' : String(x));
  const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  let twoPhase = false;
  for (let i = 0; i < run.train.n && !twoPhase; i++) twoPhase = Number.isFinite(run.train.loss2[i] as number);
  const phase2 = twoPhase ? [`train_loss_${run.header.phases?.[1] ?? '2'}`] : [];
  const lines = [['step', 'train_loss', 'train_acc', 'val_loss', 'val_acc', ...phase2, ...run.grads.layers.map((l) => `grad_norm_${l}`)].map(quote).join(',')];
  const steps = new Set<number>();
  for (let i = 0; i < run.train.n; i++) steps.add(run.train.step[i] as number);
  for (const s of val.keys()) steps.add(s);
  for (const s of grad.keys()) steps.add(s);
  const trainAt = new Map<number, number>();
  for (let i = 0; i < run.train.n; i++) trainAt.set(run.train.step[i] as number, i);
  for (const s of [...steps].sort((a, b) => a - b)) {
    const ti = trainAt.get(s);
    const v = val.get(s);
    const gi = grad.get(s);
    const row = [String(s), cell(ti === undefined ? undefined : run.train.loss[ti]), cell(ti === undefined ? undefined : run.train.acc[ti]), cell(v?.[0]), cell(v?.[1])];
    if (twoPhase) row.push(cell(ti === undefined ? undefined : run.train.loss2[ti]));
    for (let l = 0; l < L; l++) row.push(cell(gi === undefined ? undefined : run.grads.values[gi * L + l]));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Layers whose gradient stayed below `floor` for the last `window` steps, or is above `ceiling` now. */
export function gradientFlags(g: GradStore, window = 20, floor = 1e-6, ceiling = 1e3): { vanishing: number[]; exploding: number[] } {
  const L = g.layers.length;
  const vanishing: number[] = [];
  const exploding: number[] = [];
  if (g.n === 0) return { vanishing, exploding };
  for (let l = 0; l < L; l++) {
    if (g.n >= window) {
      let all = true;
      for (let i = g.n - window; i < g.n; i++) { const v = g.values[i * L + l] as number; if (!(v < floor)) { all = false; break; } }
      if (all) vanishing.push(l);
    }
    const last = g.values[(g.n - 1) * L + l] as number;
    if (last > ceiling || last === Infinity) exploding.push(l);
  }
  return { vanishing, exploding };
}
