// Folds the backend's event stream into what the training panel draws: a full snapshot for a
// panel that (re)opens or becomes visible, and the delta accumulated since the last flush for a
// visible one. Pure (no `vscode`), so it is unit-tested with real event sequences.
import type { BackendEvent, RunStartedEvent } from '../../protocol/backend';
import { GradSeries, MetricSeries } from '../../protocol/columns';
import type {
  AttentionFrame, AttentionGroup, AttentionKind, BoundaryFrame, DecodingRow, EngineLine, FitFrame, HostToTraining,
  LayerRow, PointsFrame, ReconFrame, RunHeader, RunSnapshot,
} from '../../protocol/trainingPanel';
import { isEnded, type Lang } from '../../protocol/vocabulary';
import { conceptForLayerKind } from '../../knowledge/lookup';

export type TrainingDelta = Extract<HostToTraining, { type: 'delta' }>;

const ATTENTION_FRAME_CAP = 300;

const nanIfNull = (x: number | null | undefined): number => (x === null || x === undefined ? NaN : x);

const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export function engineLine(e: RunStartedEvent['engine']): EngineLine {
  return {
    name: clip(e.name, 40), detail: clip(e.detail, 4000), threads: e.threads,
    torch: e.torch ? { version: clip(e.torch.version, 80), blas: clip(e.torch.blas, 200) } : null,
    note: e.note ? { kind: e.note.kind, detail: clip(e.note.detail, 4000) } : null,
  };
}

export class RunModel {
  header: RunHeader | null = null;
  /** The file and line where the run's script raised (its last frame in the person's files), if it did. */
  errorLocation: { file: string; line: number } | null = null;
  layers: LayerRow[] = [];
  gradLayers: string[] = [];
  private varToGrad: number[] = [];
  private train = new MetricSeries();
  private val = new MetricSeries();
  private grads = new GradSeries([]);
  private attentionGroups: AttentionGroup[] = [];
  private attention: AttentionFrame[] = [];
  private boundaries: BoundaryFrame[] = [];
  private decoding: DecodingRow[] = [];
  private fit: FitFrame | null = null;
  private points: PointsFrame | null = null;
  private recon: ReconFrame | null = null;
  // What the visible panel already has (indexes into the columns) and what changed since.
  private sentTrain = 0;
  private sentVal = 0;
  private sentGrads = 0;
  private pendingAttention: AttentionFrame[] = [];
  private dirty = new Set<string>();
  private pendingBoundaries = new Map<string, BoundaryFrame>();

  /** Per layer name, its formulas with the layer's own numbers (from the code analysis). */
  private numbers = new Map<string, string[]>();

  constructor(private readonly lang: Lang, private readonly sourceLabel: string | null = null) {}

  setLayerNumbers(numbers: ReadonlyMap<string, string[]>): void {
    this.numbers = new Map(numbers);
    this.layers = this.layers.map((l) => ({ ...l, numbers: this.numbers.get(l.name) ?? [] }));
    this.dirty.add('layers');
  }

  get runId(): string | null { return this.header?.runId ?? null; }

  apply(ev: BackendEvent): void {
    if (ev.kind === 'runStarted') { this.start(ev); return; }
    const h = this.header;
    if (!h) return; // events before runStarted belong to no run we can show
    switch (ev.kind) {
      case 'metrics': {
        const loss = nanIfNull(ev.loss[0]);
        this.train.push(ev.step, loss, nanIfNull(ev.train.acc ?? ev.train.accuracy), nanIfNull(ev.loss[1]));
        h.step = ev.step;
        h.epoch = Math.max(h.epoch, ev.epoch + 1 > h.epochs ? h.epochs : ev.epoch + 1);
        if (ev.samplesPerSec !== null) h.samplesPerSec = ev.samplesPerSec;
        if (h.state === 'starting') h.state = 'running';
        this.dirty.add('header');
        break;
      }
      case 'validation':
        this.val.push(ev.step, nanIfNull(ev.metrics.loss), nanIfNull(ev.metrics.acc ?? ev.metrics.accuracy));
        break;
      case 'gradients': {
        const row = new Float32Array(this.gradLayers.length);
        for (let v = 0; v < ev.gradNorm.length; v++) {
          const g = this.varToGrad[v];
          if (g === undefined || g < 0) continue;
          const x = ev.gradNorm[v] as number;
          row[g] = (row[g] as number) + x * x;
        }
        for (let i = 0; i < row.length; i++) row[i] = Math.sqrt(row[i] as number);
        this.grads.push(ev.step, row);
        break;
      }
      case 'attention': this.addAttention(ev); break;
      case 'boundary': {
        const pts = new Float32Array(ev.labels.length * 3);
        for (let i = 0; i < ev.labels.length; i++) {
          pts[i * 3] = ev.points[i * 2] as number; pts[i * 3 + 1] = ev.points[i * 2 + 1] as number; pts[i * 3 + 2] = ev.labels[i] as number;
        }
        const frame: BoundaryFrame = {
          step: ev.step, task: ev.task, accuracy: ev.accuracy, res: ev.resolution, xMin: ev.xRange[0], xMax: ev.xRange[1], yMin: ev.yRange[0], yMax: ev.yRange[1], grid: ev.grid, points: pts,
        };
        const i = this.boundaries.findIndex((b) => b.task === ev.task);
        if (i >= 0) this.boundaries[i] = frame; else this.boundaries.push(frame);
        this.pendingBoundaries.set(ev.task, frame);
        break;
      }
      case 'curve': this.fit = { step: ev.step, x: ev.x, target: ev.target, pred: ev.prediction }; this.dirty.add('fit'); break;
      case 'points': this.points = { step: ev.step, real: ev.real, fake: ev.generated }; this.dirty.add('points'); break;
      case 'images':
        if (ev.width === ev.height) { this.recon = { step: ev.step, side: ev.width, originals: ev.originals, recon: ev.reconstructions }; this.dirty.add('recon'); }
        break;
      case 'decoding': this.decoding = ev.items.slice(0, 64).map((r) => ({ ...r })); this.dirty.add('decoding'); break;
      case 'state':
        h.state = ev.state;
        if (ev.reason) h.reason = ev.reason[this.lang];
        h.step = Math.max(h.step, ev.step);
        this.dirty.add('header');
        break;
      case 'error':
        h.state = 'failed';
        h.reason = ev.message;
        // The panel shows the file's name with a link; the path stays here for revealing it.
        this.errorLocation = ev.location ?? null;
        h.errorAt = ev.location ? { label: (ev.location.file.split(/[\\/]/).pop() ?? '').slice(0, 500), line: ev.location.line } : null;
        this.dirty.add('header');
        break;
      case 'log':
        if (ev.level === 'warn') { h.notice = clip(ev.message, 2000); this.dirty.add('header'); }
        break;
      case 'finished':
        h.state = 'finished';
        h.step = Math.max(h.step, ev.step);
        h.testAcc = ev.test.acc ?? ev.test.accuracy ?? null;
        h.testLoss = ev.test.loss ?? null;
        if (ev.samplesPerSec !== null) h.samplesPerSec = ev.samplesPerSec;
        this.dirty.add('header');
        break;
      default:
        break;
    }
  }

  private start(ev: RunStartedEvent): void {
    this.header = {
      runId: ev.runId, sampleId: ev.sample.id, title: ev.sample.title[this.lang], engine: engineLine(ev.engine), state: 'starting', reason: null, notice: null,
      samplesPerSec: null, epoch: 0, epochs: ev.hyper.epochs, step: 0, stepsPerEpoch: ev.stepsPerEpoch || null,
      hyper: { ...ev.hyper }, task: ev.sample.task, sourceLabel: this.sourceLabel ?? ev.sample.file,
      dataset: ev.sample.dataset[this.lang].slice(0, 1000),
      startedAt: ev.t, phases: ev.phases.slice(0, 8).map((p) => p.slice(0, 60)), testLoss: null, testAcc: null, errorAt: null,
      script: ev.script ? { optimizer: ev.script.optimizers.map((o) => o.class).join(' + ').slice(0, 200), lr: ev.script.optimizers[0]?.lr ?? null, batch: ev.script.batchSize } : null,
    };
    this.layers = ev.layers.map((l) => ({
      name: l.name, kind: l.kind, outputShape: l.outputShape, params: l.params, line: l.line, conceptId: conceptForLayerKind(l.kind)?.id ?? null, numbers: this.numbers.get(l.name) ?? [],
    }));
    // Gradient rows: layers that own variables, in model order.
    const owners = new Set(ev.variables.map((v) => v.layer));
    this.gradLayers = ev.layers.map((l) => l.name).filter((n) => owners.has(n));
    for (const v of ev.variables) if (!this.gradLayers.includes(v.layer)) this.gradLayers.push(v.layer);
    this.varToGrad = ev.variables.map((v) => this.gradLayers.indexOf(v.layer));
    this.train = new MetricSeries();
    this.val = new MetricSeries();
    this.grads = new GradSeries(this.gradLayers);
    this.attentionGroups = [];
    this.attention = [];
    this.boundaries = [];
    this.decoding = [];
    this.fit = null; this.points = null; this.recon = null;
    this.markAllSent();
    this.dirty = new Set(['header', 'layers', 'reset']);
  }

  private addAttention(ev: Extract<BackendEvent, { kind: 'attention' }>): void {
    const kinds: AttentionKind[] = ['encoderSelf', 'decoderSelf', 'cross'];
    const groups: AttentionGroup[] = [];
    const weights: Float32Array[] = [];
    for (const kind of kinds) {
      const maps = ev.maps.filter((m) => m.attention === kind).sort((a, b) => a.layer - b.layer);
      const first = maps[0];
      if (!first) continue;
      const qTokens = kind === 'encoderSelf' ? ev.sourceTokens : ev.targetTokens;
      const kTokens = kind === 'cross' ? ev.sourceTokens : qTokens;
      const fix = (tokens: string[], n: number): string[] => Array.from({ length: n }, (_, i) => (tokens[i] ?? String(i)).slice(0, 40));
      groups.push({ kind, layers: maps.length, heads: first.heads, qTokens: fix(qTokens, first.rows), kTokens: fix(kTokens, first.cols) });
      const size = first.heads * first.rows * first.cols;
      const all = new Float32Array(size * maps.length);
      maps.forEach((m, i) => { if (m.weights.length === size) all.set(m.weights, i * size); });
      weights.push(all);
    }
    if (groups.length === 0) return;
    const sameGroups = JSON.stringify(groups) === JSON.stringify(this.attentionGroups);
    if (!sameGroups) {
      this.attentionGroups = groups;
      this.attention = [];
      this.pendingAttention = [];
      this.dirty.add('attentionGroups');
    }
    const frame: AttentionFrame = { step: ev.step, weights };
    this.attention.push(frame);
    this.pendingAttention.push(frame);
    if (this.attention.length > ATTENTION_FRAME_CAP) {
      // Thin the older half rather than dropping the start: the maps' formation stays visible.
      const half = Math.floor(this.attention.length / 2);
      this.attention = [...this.attention.slice(0, half).filter((_, i) => i % 2 === 0), ...this.attention.slice(half)];
    }
  }

  /** A replayed run that never reported its end: show it as crashed with this reason. */
  markCrashed(reason: string): void {
    const h = this.header;
    if (!h || isEnded(h.state)) return;
    h.state = 'crashed';
    h.reason = reason;
    this.dirty.add('header');
  }

  snapshot(): RunSnapshot | null {
    if (!this.header) return null;
    const g = this.grads.slice(0);
    return {
      header: { ...this.header, hyper: { ...this.header.hyper } },
      layers: this.layers,
      gradLayers: this.gradLayers,
      train: this.train.slice(0),
      val: this.val.slice(0),
      grads: g,
      attentionGroups: this.attentionGroups,
      attention: this.attention.slice(),
      boundaries: this.boundaries.slice(),
      fit: this.fit, points: this.points, recon: this.recon,
      decoding: this.decoding,
    };
  }

  /** After a snapshot was posted, the visible panel holds everything: deltas start from here. */
  markAllSent(): void {
    this.sentTrain = this.train.n;
    this.sentVal = this.val.n;
    this.sentGrads = this.grads.n;
    this.pendingAttention = [];
    this.pendingBoundaries.clear();
    this.dirty.clear();
  }

  /** Whether the panel must be rebuilt from a snapshot (a new run started in this model). */
  needsSnapshot(): boolean { return this.dirty.has('reset') || this.dirty.has('attentionGroups'); }

  takeDelta(): TrainingDelta | null {
    const h = this.header;
    if (!h) return null;
    const anything = this.dirty.size > 0 || this.train.n > this.sentTrain || this.val.n > this.sentVal || this.grads.n > this.sentGrads ||
      this.pendingAttention.length > 0 || this.pendingBoundaries.size > 0;
    if (!anything) return null;
    const d: TrainingDelta = {
      type: 'delta', runId: h.runId,
      header: this.dirty.has('header') || this.train.n > this.sentTrain ? { ...h, hyper: { ...h.hyper } } : null,
      layers: this.dirty.has('layers') ? this.layers : null,
      gradLayers: null,
      train: this.train.n > this.sentTrain ? this.train.slice(this.sentTrain) : null,
      val: this.val.n > this.sentVal ? this.val.slice(this.sentVal) : null,
      grads: this.grads.n > this.sentGrads ? this.grads.slice(this.sentGrads) : null,
      attentionGroups: null,
      attention: this.pendingAttention.length > 0 ? this.pendingAttention.slice() : null,
      boundaries: this.pendingBoundaries.size > 0 ? [...this.pendingBoundaries.values()] : null,
      decoding: this.dirty.has('decoding') ? this.decoding : null,
      fit: this.dirty.has('fit') ? this.fit : null,
      points: this.dirty.has('points') ? this.points : null,
      recon: this.dirty.has('recon') ? this.recon : null,
      concepts: null,
    };
    this.markAllSent();
    return d;
  }

  /** Latest gradient norm per layer name (for the side panel's "last run" column). */
  latestGradients(): Map<string, number> {
    const out = new Map<string, number>();
    if (this.grads.n === 0) return out;
    this.gradLayers.forEach((name, i) => out.set(name, this.grads.latest(i)));
    return out;
  }

  conceptIds(): string[] {
    return [...new Set(this.layers.map((l) => l.conceptId).filter((x): x is string => x !== null))];
  }
}
