// Host ↔ training-panel webview protocol. Imported by both sides (src/host/panels/ and
// webview/training/); each side validates what it receives with the guards below.
//
// Flow: the webview posts `ready`; the host answers with a full `snapshot`; while the panel is
// visible the host posts batched `delta`s (≤ ~30/s), one at a time: the webview answers each
// snapshot or delta with `drawn` once it has drawn it (and rested a little), and only then does
// the next one go out, holding everything that arrived meanwhile. A slow or starved page so gets
// fewer, larger deltas instead of a queue. A hidden panel gets nothing and receives a fresh
// `snapshot` when it becomes visible again. Large series travel as typed arrays.
import type { LocalizedConcept } from '../knowledge/types';
import {
  LANGS, RUN_STATES, TASK_KINDS, isHyperOverrides, isHyperparameters,
  type HyperOverrides, type Hyperparameters, type Lang, type RunState, type TaskKind,
} from './vocabulary';
import {
  type Guard, approxSize, arrayOf, isFloat32, isFloat64, isInt, isNum, isObject, isStr, nullable, oneOf, shape,
} from './webviewGuards';

export const TRAINING_PANEL_PROTOCOL = 1;

/** The engine line: which engine, and for PyTorch its version, BLAS and measured thread count. */
export interface EngineLine {
  /** 'torch', 'tensorflow', 'wasm' or 'cpu'. */
  name: string;
  /** Everything the backend said about it (the line's tooltip). */
  detail: string;
  threads: number | null;
  torch: { version: string; blas: string } | null;
  /** Why PyTorch was not used, or why modelLens.python was passed over (shown with a link to the README). */
  note: { kind: 'torchUnavailable' | 'pythonSettingIgnored'; detail: string } | null;
}

export interface RunHeader {
  runId: string;
  sampleId: string;
  title: string;
  engine: EngineLine;
  state: RunState;
  /** Why a run failed or stopped, already phrased for the reader. */
  reason: string | null;
  /** The latest warning about the training process (e.g. it was killed and the run restarted). */
  notice: string | null;
  samplesPerSec: number | null;
  epoch: number;
  epochs: number;
  step: number;
  /** Steps per epoch when known, for the progress bar. */
  stepsPerEpoch: number | null;
  /** What the backend ran with. */
  hyper: Hyperparameters;
  task: TaskKind;
  /** The sample's source file, so the table can say which line a layer is on. */
  sourceLabel: string | null;
  /** What it trains on, in the reader's language ("Train this model" says when the task is generated, and what it is). */
  dataset: string | null;
  startedAt: number;
  /** Names of the loss phases (two for the GAN: discriminator, generator). */
  phases: string[];
  /** Held-out results once the run has finished. */
  testLoss: number | null;
  testAcc: number | null;
  /** A person's own script run with the probe: its real optimizer(s), learning rate and batch (`hyper` holds only the nearest words). */
  script: { optimizer: string; lr: number | null; batch: number | null } | null;
  /** Where a failed run raised: the traceback's last frame in the person's files (`label` is the file's name; the host keeps the path). */
  errorAt: { label: string; line: number } | null;
}

/** Greedy decodings of held-out inputs (sequence tasks). */
export interface DecodingRow { input: string; expected: string; output: string; correct: boolean }

export interface LayerRow {
  name: string;
  kind: string;
  /** Output shape with the batch dimension; null entries are unknown/dynamic dimensions. */
  outputShape: (number | null)[] | null;
  params: number;
  /** 1-based line of the layer in the sample's source, when the sample maps it. */
  line: number | null;
  conceptId: string | null;
  /** The layer's formula with its own numbers substituted, e.g. "H_out = ⌊(28 + 2·1 − 3)/1⌋ + 1 = 28". */
  numbers: string[];
}

/** One point per training step (train) or evaluation (val); NaN where a value is absent. */
export interface MetricColumns {
  step: Float64Array;
  loss: Float32Array;
  acc: Float32Array;
  /** The second loss of a two-phase run (the GAN's generator), NaN otherwise. */
  loss2: Float32Array;
}

/** Gradient L2 norms per layer: `values[i * layers.length + l]` belongs to `steps[i]`. */
export interface GradColumns {
  steps: Float64Array;
  values: Float32Array;
}

export const ATTENTION_KINDS = ['encoderSelf', 'decoderSelf', 'cross'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export interface AttentionGroup {
  kind: AttentionKind;
  layers: number;
  heads: number;
  /** Query tokens (rows) and key tokens (columns). */
  qTokens: string[];
  kTokens: string[];
}

/** Attention weights for every group at one step: weights[g] is layers × heads × Tq × Tk. */
export interface AttentionFrame {
  step: number;
  weights: Float32Array[];
}

export interface BoundaryFrame {
  step: number;
  /** Which problem the grid belongs to (the perceptron learns several gates at once). */
  task: string;
  accuracy: number | null;
  res: number;
  xMin: number; xMax: number; yMin: number; yMax: number;
  /** res × res probabilities of class 1, row-major from yMin upwards. */
  grid: Float32Array;
  /** (x, y, label) triples. */
  points: Float32Array;
}

export interface FitFrame {
  step: number;
  x: Float32Array;
  target: Float32Array;
  pred: Float32Array;
}

/** Generated vs real 2-D points (GAN): (x, y) pairs. */
export interface PointsFrame {
  step: number;
  real: Float32Array;
  fake: Float32Array;
}

/** Autoencoder: n images of side×side, originals and reconstructions in [0, 1]. */
export interface ReconFrame {
  step: number;
  side: number;
  originals: Float32Array;
  recon: Float32Array;
}

export interface RunSnapshot {
  header: RunHeader;
  layers: LayerRow[];
  /** Layers that have a gradient row in `grads`, in heatmap order (input side first). */
  gradLayers: string[];
  train: MetricColumns;
  val: MetricColumns;
  grads: GradColumns;
  attentionGroups: AttentionGroup[];
  attention: AttentionFrame[];
  /** Latest frame per task. */
  boundaries: BoundaryFrame[];
  fit: FitFrame | null;
  points: PointsFrame | null;
  recon: ReconFrame | null;
  decoding: DecodingRow[];
}

export type HostToTraining =
  | {
      type: 'snapshot';
      locale: Lang;
      run: RunSnapshot | null;
      /** Earlier runs of this panel, oldest first, for side-by-side comparison. */
      previous: RunSnapshot[];
      concepts: LocalizedConcept[];
      cursorLayer: string | null;
    }
  | {
      type: 'delta';
      runId: string;
      header: RunHeader | null;
      layers: LayerRow[] | null;
      gradLayers: string[] | null;
      train: MetricColumns | null;
      val: MetricColumns | null;
      grads: GradColumns | null;
      attentionGroups: AttentionGroup[] | null;
      attention: AttentionFrame[] | null;
      boundaries: BoundaryFrame[] | null;
      decoding: DecodingRow[] | null;
      fit: FitFrame | null;
      points: PointsFrame | null;
      recon: ReconFrame | null;
      concepts: LocalizedConcept[] | null;
    }
  | { type: 'cursor'; layer: string | null }
  | { type: 'notice'; text: string; level: 'info' | 'error' };

export const CONTROL_ACTIONS = ['pause', 'resume', 'stop', 'step'] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

export type TrainingToHost =
  | { type: 'ready'; protocol: number }
  | { type: 'control'; action: ControlAction }
  /** The next run's settings; a choice left "as in the sample" is absent. */
  | { type: 'runAgain'; hyper: HyperOverrides }
  | { type: 'revealLayer'; layer: string }
  /** Reveal the line of the run's error (`header.errorAt`); the host knows the file. */
  | { type: 'revealError' }
  | { type: 'openConcept'; conceptId: string }
  | { type: 'export'; format: 'png' | 'csv'; fileName: string; data: string }
  | { type: 'openRun' }
  /** The last snapshot or delta is drawn: the host may send the next one. */
  | { type: 'drawn' }
  | { type: 'openHelp'; topic: 'torchEngine' };

// ---- limits --------------------------------------------------------------------------------

/** Any webview → host message but an export must fit in this many (serialized) characters. */
export const MAX_CONTROL_MESSAGE = 4 * 1024;
/** A PNG data URL or a CSV of a long run. */
export const MAX_EXPORT_MESSAGE = 24 * 1024 * 1024;
const MAX_NAME = 200;

const isName = isStr(MAX_NAME);
// Export names become file names: no separators, no leading dot.
const isFileName = (v: unknown): v is string => typeof v === 'string' && /^[\w][\w .()-]{0,120}\.(png|csv)$/.test(v);

type ToHost<K extends TrainingToHost['type']> = Extract<TrainingToHost, { type: K }>;

const trainingToHostGuards: { [K in TrainingToHost['type']]: Guard<Extract<TrainingToHost, { type: K }>> } = {
  ready: shape<ToHost<'ready'>>({ type: oneOf(['ready']), protocol: isInt(1, 1000) }),
  control: shape<ToHost<'control'>>({ type: oneOf(['control']), action: oneOf(CONTROL_ACTIONS) }),
  runAgain: shape<ToHost<'runAgain'>>({ type: oneOf(['runAgain']), hyper: isHyperOverrides }),
  revealLayer: shape<ToHost<'revealLayer'>>({ type: oneOf(['revealLayer']), layer: isName }),
  openConcept: shape<ToHost<'openConcept'>>({ type: oneOf(['openConcept']), conceptId: (v) => typeof v === 'string' && /^[a-z0-9-]{1,80}$/.test(v) }),
  export: shape<ToHost<'export'>>({
    type: oneOf(['export']),
    format: oneOf(['png', 'csv']),
    fileName: isFileName,
    data: (v) => typeof v === 'string' && v.length <= MAX_EXPORT_MESSAGE,
  }),
  openRun: shape<ToHost<'openRun'>>({ type: oneOf(['openRun']) }),
  revealError: shape<ToHost<'revealError'>>({ type: oneOf(['revealError']) }),
  drawn: shape<ToHost<'drawn'>>({ type: oneOf(['drawn']) }),
  openHelp: shape<ToHost<'openHelp'>>({ type: oneOf(['openHelp']), topic: oneOf(['torchEngine']) }),
};

/**
 * The host's gate for everything a training webview posts: returns the typed message, or
 * undefined for anything unknown, oversized or malformed (the caller drops it and logs).
 */
export function parseTrainingToHost(msg: unknown): TrainingToHost | undefined {
  if (!isObject(msg) || typeof msg.type !== 'string') return undefined;
  const limit = msg.type === 'export' ? MAX_EXPORT_MESSAGE + 1024 : MAX_CONTROL_MESSAGE;
  if (approxSize(msg, limit) > limit) return undefined;
  if (!Object.prototype.hasOwnProperty.call(trainingToHostGuards, msg.type)) return undefined;
  const guard = trainingToHostGuards[msg.type as TrainingToHost['type']] as Guard<TrainingToHost>;
  if (!guard(msg)) return undefined;
  if (msg.type === 'export' && msg.format === 'png' && !String(msg.data).startsWith('data:image/png;base64,')) return undefined;
  return msg as TrainingToHost;
}

// ---- host → webview checks (the webview drops what does not fit) ------------------------------

const MAX_LAYERS = 512;
const MAX_POINTS = 5_000_000;
const isShape = nullable(arrayOf((v: unknown) => v === null || isInt(0, 1e9)(v), 8));

export const isLayerRow: Guard<LayerRow> = shape<LayerRow>({
  name: isName,
  kind: isStr(80),
  outputShape: isShape,
  params: isInt(0, 1e12),
  line: nullable(isInt(1, 1e7)),
  conceptId: nullable(isStr(80)),
  numbers: arrayOf(isStr(400), 16),
});

export const isRunHeader: Guard<RunHeader> = shape<RunHeader>({
  runId: isStr(120),
  sampleId: isStr(80),
  title: isStr(200),
  engine: shape<EngineLine>({
    name: isStr(40), detail: isStr(4000), threads: nullable(isInt(0, 1024)),
    torch: nullable(shape<{ version: string; blas: string }>({ version: isStr(80), blas: isStr(200) })),
    note: nullable(shape<NonNullable<EngineLine['note']>>({ kind: oneOf(['torchUnavailable', 'pythonSettingIgnored']), detail: isStr(4000) })),
  }),
  state: oneOf(RUN_STATES),
  reason: nullable(isStr(2000)),
  notice: nullable(isStr(2000)),
  samplesPerSec: nullable(isNum(0, 1e12)),
  epoch: isInt(0, 1e7),
  epochs: isInt(0, 1e7),
  step: isInt(0, 1e12),
  stepsPerEpoch: nullable(isInt(0, 1e9)),
  hyper: isHyperparameters,
  task: oneOf(TASK_KINDS),
  sourceLabel: nullable(isStr(500)),
  dataset: nullable(isStr(1000)),
  startedAt: isNum(0, 1e15),
  phases: arrayOf(isStr(60), 8),
  testLoss: nullable(isNum(-1e300, 1e300)),
  testAcc: nullable(isNum(0, 1)),
  script: nullable(shape<NonNullable<RunHeader['script']>>({ optimizer: isStr(200), lr: nullable(isNum(0, 1e300)), batch: nullable(isInt(1, 1e9)) })),
  errorAt: nullable(shape<NonNullable<RunHeader['errorAt']>>({ label: isStr(500), line: isInt(1, 1e7) })),
});

const isDecodingRow: Guard<DecodingRow> = shape<DecodingRow>({ input: isStr(400), expected: isStr(400), output: isStr(400), correct: (v) => typeof v === 'boolean' });

const isMetricColumns: Guard<MetricColumns> = (v): v is MetricColumns =>
  isObject(v) && isFloat64(MAX_POINTS)(v.step) && isFloat32(MAX_POINTS)(v.loss) && isFloat32(MAX_POINTS)(v.acc) && isFloat32(MAX_POINTS)(v.loss2) &&
  v.loss.length === v.step.length && v.acc.length === v.step.length && v.loss2.length === v.step.length;

const isGradColumns: Guard<GradColumns> = (v): v is GradColumns =>
  isObject(v) && isFloat64(MAX_POINTS)(v.steps) && isFloat32(MAX_POINTS * 4)(v.values);

const isAttentionGroup: Guard<AttentionGroup> = shape<AttentionGroup>({
  kind: oneOf(ATTENTION_KINDS),
  layers: isInt(1, 64),
  heads: isInt(1, 64),
  qTokens: arrayOf(isStr(40), 256),
  kTokens: arrayOf(isStr(40), 256),
});

const isAttentionFrame: Guard<AttentionFrame> = (v): v is AttentionFrame =>
  isObject(v) && isInt(0, 1e12)(v.step) && arrayOf(isFloat32(4_000_000), 3)(v.weights);

const isBoundary: Guard<BoundaryFrame> = (v): v is BoundaryFrame =>
  isObject(v) && isInt(0, 1e12)(v.step) && isStr(80)(v.task) && nullable(isNum(0, 1))(v.accuracy) && isInt(2, 512)(v.res) &&
  [v.xMin, v.xMax, v.yMin, v.yMax].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
  isFloat32(512 * 512)(v.grid) && v.grid.length === v.res * v.res && isFloat32(300_000)(v.points);

const isFit: Guard<FitFrame> = (v): v is FitFrame =>
  isObject(v) && isInt(0, 1e12)(v.step) && isFloat32(100_000)(v.x) && isFloat32(100_000)(v.target) && isFloat32(100_000)(v.pred);

const isPoints: Guard<PointsFrame> = (v): v is PointsFrame =>
  isObject(v) && isInt(0, 1e12)(v.step) && isFloat32(200_000)(v.real) && isFloat32(200_000)(v.fake);

const isRecon: Guard<ReconFrame> = (v): v is ReconFrame =>
  isObject(v) && isInt(0, 1e12)(v.step) && isInt(1, 128)(v.side) && isFloat32(2_000_000)(v.originals) && isFloat32(2_000_000)(v.recon);

const isConcept: Guard<LocalizedConcept> = (v): v is LocalizedConcept =>
  isObject(v) && isStr(80)(v.id) && isStr(400)(v.title) && isStr(400)(v.section) && isStr(8000)(v.explanation) &&
  Array.isArray(v.formulas) && v.formulas.length <= 64 &&
  v.formulas.every((f) => isObject(f) && isStr(4000)(f.latex) && isStr(4000)(f.original)) &&
  Array.isArray(v.symbols) && Array.isArray(v.related);

export const isRunSnapshot: Guard<RunSnapshot> = (v): v is RunSnapshot =>
  isObject(v) && isRunHeader(v.header) && arrayOf(isLayerRow, MAX_LAYERS)(v.layers) && arrayOf(isName, MAX_LAYERS)(v.gradLayers) &&
  isMetricColumns(v.train) && isMetricColumns(v.val) && isGradColumns(v.grads) &&
  arrayOf(isAttentionGroup, 3)(v.attentionGroups) && arrayOf(isAttentionFrame, 2000)(v.attention) &&
  arrayOf(isBoundary, 16)(v.boundaries) && nullable(isFit)(v.fit) && nullable(isPoints)(v.points) && nullable(isRecon)(v.recon) &&
  arrayOf(isDecodingRow, 64)(v.decoding);

const isLocale = oneOf(LANGS);

/** The webview's gate for host messages. */
export function parseHostToTraining(msg: unknown): HostToTraining | undefined {
  if (!isObject(msg)) return undefined;
  switch (msg.type) {
    case 'snapshot':
      return isLocale(msg.locale) && nullable(isRunSnapshot)(msg.run) && arrayOf(isRunSnapshot, 8)(msg.previous) &&
        arrayOf(isConcept, 256)(msg.concepts) && nullable(isName)(msg.cursorLayer)
        ? (msg as HostToTraining) : undefined;
    case 'delta':
      return isStr(120)(msg.runId) && nullable(isRunHeader)(msg.header) && nullable(arrayOf(isLayerRow, MAX_LAYERS))(msg.layers) &&
        nullable(arrayOf(isName, MAX_LAYERS))(msg.gradLayers) &&
        nullable(isMetricColumns)(msg.train) && nullable(isMetricColumns)(msg.val) && nullable(isGradColumns)(msg.grads) &&
        nullable(arrayOf(isAttentionGroup, 3))(msg.attentionGroups) && nullable(arrayOf(isAttentionFrame, 500))(msg.attention) &&
        nullable(arrayOf(isBoundary, 16))(msg.boundaries) && nullable(arrayOf(isDecodingRow, 64))(msg.decoding) && nullable(isFit)(msg.fit) && nullable(isPoints)(msg.points) && nullable(isRecon)(msg.recon) &&
        nullable(arrayOf(isConcept, 256))(msg.concepts)
        ? (msg as HostToTraining) : undefined;
    case 'cursor':
      return shape({ type: oneOf(['cursor']), layer: nullable(isName) })(msg) ? (msg as HostToTraining) : undefined;
    case 'notice':
      return shape({ type: oneOf(['notice']), text: isStr(2000), level: oneOf(['info', 'error']) })(msg) ? (msg as HostToTraining) : undefined;
    default:
      return undefined;
  }
}

export const isConceptPayload = isConcept;
