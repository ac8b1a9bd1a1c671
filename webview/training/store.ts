// The training panel's copy of a run: typed columns that grow as deltas arrive (the same growing
// columns as the host's RunModel), rebuilt wholesale from a snapshot.
import { GradSeries, MetricSeries } from '../../src/protocol/columns';
import type {
  AttentionFrame, AttentionGroup, BoundaryFrame, DecodingRow, FitFrame, HostToTraining, LayerRow,
  PointsFrame, ReconFrame, RunHeader, RunSnapshot,
} from '../../src/protocol/trainingPanel';

export interface RunData {
  header: RunHeader;
  layers: LayerRow[];
  train: MetricSeries;
  val: MetricSeries;
  grads: GradSeries;
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
  const train = new MetricSeries(); train.append(s.train);
  const val = new MetricSeries(); val.append(s.val);
  const grads = new GradSeries(s.gradLayers); grads.append(s.grads);
  return {
    header: s.header, layers: s.layers, train, val, grads,
    attentionGroups: s.attentionGroups, attention: s.attention.slice(-MAX_ATTENTION_FRAMES),
    boundaries: s.boundaries, decoding: s.decoding, fit: s.fit, points: s.points, recon: s.recon,
  };
}

type Delta = Extract<HostToTraining, { type: 'delta' }>;

/** Fold a delta into the run; returns the parts it changed (empty: nothing to redraw). */
export function applyDelta(run: RunData, d: Delta): Set<string> {
  const changed = new Set<string>();
  if (d.header) { run.header = d.header; changed.add('header'); }
  if (d.layers) { run.layers = d.layers; changed.add('layers'); }
  if (d.gradLayers && d.gradLayers.join('\n') !== run.grads.layers.join('\n')) { run.grads = new GradSeries(d.gradLayers); changed.add('grads'); }
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
export function gradientFlags(g: GradSeries, window = 20, floor = 1e-6, ceiling = 1e3): { vanishing: number[]; exploding: number[] } {
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
