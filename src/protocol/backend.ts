// The host ↔ training-backend boundary. Both sides import this module and validate every message
// on receipt: the backend is a separate process that may crash halfway through a write, and the
// host may be talking to an older build. Messages travel over Node IPC with
// `serialization: 'advanced'` (structured clone), so typed arrays arrive as typed arrays; scalars
// that went non-finite are sent as null (structured clone would carry NaN, JSON would not, and
// the panels must never see a raw NaN either way).
import {
  ENGINE_PREFS, RUN_STATES, SECONDS_LIMITS, TASK_KINDS, isHyperOverrides, isHyperparameters, withinLimits,
  type EnginePref, type HyperOverrides, type Hyperparameters, type Localized, type RunState, type TaskKind,
} from './vocabulary';
import {
  arrayOf, isBool, isFiniteNum, isInt, isObject, isStr, nullable, oneOf, optional, type Guard,
} from './webviewGuards';

/** How often the backend reports; the host picks it (panels want more detail than the CLI). */
export interface Cadence {
  /** Loss/metrics and throughput: every N steps, but no more often than `minIntervalMs`. */
  metricsEverySteps: number;
  /** Per-variable gradient/weight statistics: every N steps (0 = never). */
  gradientsEverySteps: number;
  /** Activation statistics per layer: every N steps (0 = never). */
  activationsEverySteps: number;
  /** Decision boundary, fitted curve, attention maps, generated points, reconstructions (0 = never). */
  visualsEveryMs: number;
  /** Validation pass every N steps in addition to each epoch end (0 = only at epoch ends). */
  validateEverySteps: number;
  minIntervalMs: number;
}
export const DEFAULT_CADENCE: Cadence = {
  metricsEverySteps: 1, gradientsEverySteps: 1, activationsEverySteps: 10, visualsEveryMs: 500, validateEverySteps: 0, minIntervalMs: 30,
};
export const CLI_CADENCE: Cadence = {
  metricsEverySteps: 1, gradientsEverySteps: 0, activationsEverySteps: 0, visualsEveryMs: 0, validateEverySteps: 0, minIntervalMs: 1000,
};

/** Which code to train. Workspace files are code the person has not vetted: refused unless trusted. */
export type SampleRef = { kind: 'shipped'; id: string } | { kind: 'file'; path: string } | ClassRef;
/**
 * "Train this model": an nn.Module class of a person's file, trained as written on the PyTorch
 * engine (python/model_lens/user_model.py). `input` is one input shape, batch first (the batch
 * size of the run comes from the hyperparameters).
 */
export interface ClassRef { kind: 'class'; path: string; className: string; input: number[] }
/** A class run's sample id (run folder names, "Open Training Run…"); python/model_lens/user_model.py class_sample_id. */
export function classSampleId(className: string): string {
  const slug = className.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/^-+|-+$/g, '');
  return `model-${slug || 'class'}`;
}
export const CLASS_INPUT_LIMITS = { maxDims: 8, maxSize: 1_000_000 } as const;
export function isClassInput(v: unknown): v is number[] {
  return Array.isArray(v) && v.length >= 1 && v.length <= CLASS_INPUT_LIMITS.maxDims
    && v.every((d) => typeof d === 'number' && Number.isInteger(d) && d > 0 && d <= CLASS_INPUT_LIMITS.maxSize);
}

export interface RunConfig {
  sample: SampleRef;
  hyper: HyperOverrides;
  /** Wall-clock budget for training; evaluation happens after it. */
  seconds?: number;
  engine: EnginePref;
  cadence: Cadence;
  /** Folders the backend needs (absolute). */
  paths: { samplesDir: string; wasmDir: string; dataDir: string; runsDir: string; nativeModulePaths: string[] };
  /** False in an untrusted workspace: only shipped samples may run. */
  allowWorkspaceCode: boolean;
  /** Save a checkpoint at each epoch end and at the end. */
  checkpoints: boolean;
  /** What the person should know about the engine choice; the panel shows it with a link to the README. */
  engineNote?: EngineNote;
}

// ─── events (backend → host → panels) ─────────────────────────────────────────────────────────
export interface LayerInfo {
  name: string;
  kind: string;
  /** Batch dimension first; null where it varies. */
  outputShape: (number | null)[];
  params: number;
  /** 1-based line in the sample's file where the layer's name appears, or null. */
  line: number | null;
  /** The file `line` is in when it is not the sample's (a person's script imports its model from another file). */
  file?: string;
}
export interface VariableInfo { name: string; layer: string; shape: number[] }
/**
 * torchUnavailable: the PyTorch engine was wanted (engine auto/torch) but cannot run; detail says
 * why ("no Python interpreter with torch was found (…)"). pythonSettingIgnored: modelLens.python
 * names something unusable, another interpreter runs; detail says what is wrong with it.
 */
export interface EngineNote { kind: 'torchUnavailable' | 'pythonSettingIgnored'; detail: string }
export interface TorchRuntime { version: string; python: string; interpreter: string; blas: string }
export interface EngineSummary {
  name: string; detail: string; fallbacks: string[]; threads: number | null;
  /** The PyTorch engine's versions and BLAS (for the panel's engine line). */
  torch?: TorchRuntime;
  /** RunConfig.engineNote, carried with the run. */
  note?: EngineNote;
}
export interface SampleSummary {
  id: string;
  title: Localized;
  sections: Localized[];
  dataset: Localized;
  file: string;
  goal: Localized;
  /** What the sample learns (the panel's headline figure and views follow it). */
  task: TaskKind;
}

/**
 * A person's own training script run with the probe (python/model_lens/script_probe.py): what is
 * really known of it. The run's `hyper` then holds only the nearest words of the shared vocabulary
 * (the first optimizer's lr, the batch size of the model's input); these fields are the truth.
 */
export interface ScriptRunInfo {
  file: string; args: string[]; cwd: string;
  /**
   * The trained models (the outermost modules whose parameters an optimizer owns), grouped by their
   * names in the script. Empty (and no layers) when the script failed before its first training
   * step: the run exists to carry its error and line.
   */
  models: { name: string; class: string; wrapper: string | null; params: number }[];
  /** One per loss phase, in the order of `phases`. */
  optimizers: { class: string; lr: number | null }[];
  /** The first dimension of the model's input at the first training step. */
  batchSize: number | null;
  /** Forward passes in eval mode or under no_grad seen before the first step. */
  evalBatches: number;
  /** DDP: rank 0 streams, its gradients are read after the all-reduce. */
  distributed?: { rank: number; worldSize: number; note: string };
}

export interface RunStartedEvent {
  kind: 'runStarted'; t: number;
  runId: string; runDir: string | null;
  sample: SampleSummary;
  engine: EngineSummary;
  hyper: Hyperparameters;
  layers: LayerInfo[];
  variables: VariableInfo[];
  trainSize: number; testSize: number; stepsPerEpoch: number; seconds: number | null;
  /** Names of the loss phases (one per optimizer; the GAN has two). */
  phases: string[];
  /** Present when the run is a person's own script watched by the probe. */
  script?: ScriptRunInfo;
}
export interface MetricsEvent {
  kind: 'metrics'; t: number;
  step: number; epoch: number;
  /** Mean training loss per phase since the last metrics event, in the order of `phases`. */
  loss: (number | null)[];
  /** Other training metrics, e.g. { acc: 0.93 }. */
  train: Record<string, number | null>;
  samplesPerSec: number | null;
}
export interface ValidationEvent {
  kind: 'validation'; t: number; step: number; epoch: number;
  metrics: Record<string, number | null>;
}
/** One row per variable (same order as runStarted.variables). */
export interface GradientsEvent {
  kind: 'gradients'; t: number; step: number;
  gradNorm: Float32Array; gradMaxAbs: Float32Array; weightNorm: Float32Array; updateRatio: Float32Array;
}
export interface ActivationsEvent {
  kind: 'activations'; t: number; step: number;
  layers: string[]; mean: Float32Array; std: Float32Array;
  /** Fraction of units that are ≤ 0 for the whole batch (dead ReLUs); -1 where the layer is not a ReLU. */
  deadFraction: Float32Array;
}
export type AttentionKind = 'encoderSelf' | 'decoderSelf' | 'cross';
export interface AttentionMap {
  attention: AttentionKind; layer: number; heads: number; rows: number; cols: number;
  /** heads × rows × cols, row-major; rows are queries, columns keys. */
  weights: Float32Array;
}
export interface AttentionEvent {
  kind: 'attention'; t: number; step: number;
  sourceTokens: string[]; targetTokens: string[];
  maps: AttentionMap[];
}
export interface BoundaryEvent {
  kind: 'boundary'; t: number; step: number;
  /** Which problem the grid belongs to (the perceptron learns four gates at once). */
  task: string;
  xRange: [number, number]; yRange: [number, number]; resolution: number;
  /** resolution × resolution model outputs in [0, 1], row-major, row 0 at yRange[0]. */
  grid: Float32Array;
  /** Training points: x, y interleaved, and their labels. */
  points: Float32Array; labels: Float32Array;
  accuracy: number | null;
}
export interface CurveEvent {
  kind: 'curve'; t: number; step: number;
  label: string; x: Float32Array; target: Float32Array; prediction: Float32Array;
}
export interface PointsEvent {
  kind: 'points'; t: number; step: number;
  /** x, y interleaved. */
  real: Float32Array; generated: Float32Array;
  modesCovered: number; modes: number;
}
export interface ImagesEvent {
  kind: 'images'; t: number; step: number;
  width: number; height: number; count: number;
  /** count × height × width in [0, 1]. */
  originals: Float32Array; reconstructions: Float32Array;
}
export interface DecodingEvent {
  kind: 'decoding'; t: number; step: number;
  items: { input: string; expected: string; output: string; correct: boolean }[];
}
export interface StateEvent {
  kind: 'state'; t: number; state: RunState; step: number; reason?: Localized;
}
export interface ErrorEvent {
  kind: 'error'; t: number; step: number | null; message: string; detail?: string;
  /** Where it happened in the person's own files (a script's traceback, its last frame there). */
  location?: { file: string; line: number };
}
export interface FinishedEvent {
  kind: 'finished'; t: number; step: number; epoch: number; seconds: number;
  /** Held-out figures (test split), e.g. { acc: 0.981, loss: 0.06 }. */
  test: Record<string, number | null>;
  samplesPerSec: number | null;
  checkpoint: string | null;
}
export interface LogEvent { kind: 'log'; t: number; level: 'info' | 'warn'; message: string }

export type BackendEvent =
  | RunStartedEvent | MetricsEvent | ValidationEvent | GradientsEvent | ActivationsEvent | AttentionEvent
  | BoundaryEvent | CurveEvent | PointsEvent | ImagesEvent | DecodingEvent | StateEvent | ErrorEvent
  | FinishedEvent | LogEvent;
export type BackendEventKind = BackendEvent['kind'];

// ─── messages ─────────────────────────────────────────────────────────────────────────────────
export type HostRequest =
  | { type: 'start'; id: number; config: RunConfig }
  | { type: 'pause'; id: number }
  | { type: 'resume'; id: number }
  | { type: 'step'; id: number }
  | { type: 'stop'; id: number }
  | { type: 'ping'; id: number };
export type HostRequestType = HostRequest['type'];

export type BackendMessage =
  /** runtime: "Node v20.20.2" or "Python 3.11.2, torch 1.13.0a0"; heapLimitMb: the memory cap (0: none). */
  | { type: 'ready'; pid: number; heapLimitMb: number; runtime: string }
  | { type: 'response'; id: number; ok: true; runId?: string }
  | { type: 'response'; id: number; ok: false; error: string }
  | { type: 'event'; event: BackendEvent };

/** How long the host waits for each request's response before treating the backend as hung. */
export const REQUEST_TIMEOUT_MS: Record<HostRequestType, number> = {
  start: 60_000, pause: 5_000, resume: 5_000, step: 30_000, stop: 5_000, ping: 5_000,
};

// ─── validators ───────────────────────────────────────────────────────────────────────────────
const MAX_ARRAY = 4_000_000;
const str = isStr(10_000);
const shortStr = isStr(500);
const numOrNull = nullable(isFiniteNum);
const isT = isFiniteNum;
const isStep = isInt(0, Number.MAX_SAFE_INTEGER);
const f32 = (v: unknown): v is Float32Array => v instanceof Float32Array && v.length <= MAX_ARRAY;
const isLocalized = (v: unknown): v is Localized => isObject(v) && str(v.en) && str(v['zh-cn']);
const isRecordOfNums = (v: unknown): v is Record<string, number | null> =>
  isObject(v) && Object.keys(v).length <= 64 && Object.values(v).every(numOrNull);
const isRange = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every(isFiniteNum);

function fields(v: unknown, checks: Record<string, (x: unknown) => boolean>): boolean {
  if (!isObject(v)) return false;
  for (const [k, check] of Object.entries(checks)) if (!check(v[k])) return false;
  return true;
}

const isCadence = (v: unknown): v is Cadence => fields(v, {
  metricsEverySteps: isInt(1, 1e9), gradientsEverySteps: isInt(0, 1e9), activationsEverySteps: isInt(0, 1e9),
  visualsEveryMs: isInt(0, 1e9), validateEverySteps: isInt(0, 1e9), minIntervalMs: isInt(0, 1e9),
});
const isTorchRuntime = (v: unknown): v is TorchRuntime => fields(v, { version: shortStr, python: shortStr, interpreter: str, blas: shortStr });
const isEngineNote = (v: unknown): v is EngineNote => fields(v, { kind: oneOf(['torchUnavailable', 'pythonSettingIgnored'] as const), detail: str });
const isSampleRef = (v: unknown): v is SampleRef =>
  isObject(v) && ((v.kind === 'shipped' && shortStr(v.id) && /^[a-z0-9-]+$/.test(v.id)) || (v.kind === 'file' && str(v.path))
    || (v.kind === 'class' && str(v.path) && shortStr(v.className) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v.className) && isClassInput(v.input)));
export const isRunConfig: Guard<RunConfig> = (v): v is RunConfig => fields(v, {
  sample: isSampleRef, hyper: isHyperOverrides, seconds: optional((x): x is number => withinLimits(x, SECONDS_LIMITS)),
  engine: oneOf(ENGINE_PREFS), cadence: isCadence,
  paths: (p) => fields(p, { samplesDir: str, wasmDir: str, dataDir: str, runsDir: str, nativeModulePaths: arrayOf(str, 16) }),
  allowWorkspaceCode: isBool, checkpoints: isBool, engineNote: optional(isEngineNote),
});

const isLayerInfo = (v: unknown): v is LayerInfo => fields(v, {
  name: shortStr, kind: shortStr, outputShape: arrayOf(nullable(isInt(0, 1e9)), 8), params: isInt(0, 1e12), line: nullable(isInt(1, 1e7)), file: optional(str),
});
const isScriptRunInfo = (v: unknown): v is ScriptRunInfo => fields(v, {
  file: str, args: arrayOf(str, 1000), cwd: str,
  models: arrayOf((m): m is ScriptRunInfo['models'][number] => fields(m, { name: shortStr, class: shortStr, wrapper: nullable(shortStr), params: isInt(0, 1e13) }), 8),
  optimizers: arrayOf((o): o is ScriptRunInfo['optimizers'][number] => fields(o, { class: shortStr, lr: numOrNull }), 8),
  batchSize: nullable(isInt(1, 1e9)), evalBatches: isInt(0, 1e12),
  distributed: optional((d): d is NonNullable<ScriptRunInfo['distributed']> => fields(d, { rank: isInt(0, 1e6), worldSize: isInt(1, 1e6), note: str })),
});
const isVariableInfo = (v: unknown): v is VariableInfo => fields(v, { name: shortStr, layer: shortStr, shape: arrayOf(isInt(0, 1e9), 8) });
const isAttentionMap = (v: unknown): v is AttentionMap => fields(v, {
  attention: oneOf(['encoderSelf', 'decoderSelf', 'cross'] as const), layer: isInt(0, 1000), heads: isInt(1, 1000),
  rows: isInt(1, 10_000), cols: isInt(1, 10_000), weights: f32,
}) && (v as AttentionMap).weights.length === (v as AttentionMap).heads * (v as AttentionMap).rows * (v as AttentionMap).cols;

const eventChecks: { [K in BackendEventKind]: Record<string, (x: unknown) => boolean> } = {
  runStarted: {
    runId: shortStr, runDir: nullable(str),
    sample: (s) => fields(s, { id: shortStr, title: isLocalized, sections: arrayOf(isLocalized, 50), dataset: isLocalized, file: str, goal: isLocalized, task: oneOf(TASK_KINDS) }),
    engine: (e) => fields(e, {
      name: shortStr, detail: str, fallbacks: arrayOf(str, 10), threads: nullable(isInt(0, 1024)),
      torch: optional(isTorchRuntime), note: optional(isEngineNote),
    }),
    hyper: isHyperparameters, layers: arrayOf(isLayerInfo, 10_000), variables: arrayOf(isVariableInfo, 100_000),
    trainSize: isInt(0, 1e9), testSize: isInt(0, 1e9), stepsPerEpoch: isInt(0, 1e9), seconds: numOrNull, phases: arrayOf(shortStr, 8),
    script: optional(isScriptRunInfo),
  },
  metrics: { step: isStep, epoch: isStep, loss: arrayOf(numOrNull, 8), train: isRecordOfNums, samplesPerSec: numOrNull },
  validation: { step: isStep, epoch: isStep, metrics: isRecordOfNums },
  gradients: { step: isStep, gradNorm: f32, gradMaxAbs: f32, weightNorm: f32, updateRatio: f32 },
  activations: { step: isStep, layers: arrayOf(shortStr, 10_000), mean: f32, std: f32, deadFraction: f32 },
  attention: { step: isStep, sourceTokens: arrayOf(shortStr, 10_000), targetTokens: arrayOf(shortStr, 10_000), maps: arrayOf(isAttentionMap, 1000) },
  boundary: { step: isStep, task: shortStr, xRange: isRange, yRange: isRange, resolution: isInt(1, 4096), grid: f32, points: f32, labels: f32, accuracy: numOrNull },
  curve: { step: isStep, label: shortStr, x: f32, target: f32, prediction: f32 },
  points: { step: isStep, real: f32, generated: f32, modesCovered: isInt(0, 1e6), modes: isInt(0, 1e6) },
  images: { step: isStep, width: isInt(1, 4096), height: isInt(1, 4096), count: isInt(0, 10_000), originals: f32, reconstructions: f32 },
  decoding: {
    step: isStep,
    items: arrayOf((i): i is DecodingEvent['items'][number] => fields(i, { input: shortStr, expected: shortStr, output: shortStr, correct: isBool }), 1000),
  },
  state: { state: oneOf(RUN_STATES), step: isStep, reason: optional(isLocalized) },
  error: { step: nullable(isStep), message: str, detail: optional(isStr(100_000)), location: optional((l): l is NonNullable<ErrorEvent['location']> => fields(l, { file: str, line: isInt(1, 1e7) })) },
  finished: { step: isStep, epoch: isStep, seconds: isFiniteNum, test: isRecordOfNums, samplesPerSec: numOrNull, checkpoint: nullable(str) },
  log: { level: oneOf(['info', 'warn'] as const), message: str },
};

/** Cross-field checks the per-field guards cannot express (array lengths that must agree). */
function consistent(e: BackendEvent): boolean {
  switch (e.kind) {
    case 'gradients': { const n = e.gradNorm.length; return e.gradMaxAbs.length === n && e.weightNorm.length === n && e.updateRatio.length === n; }
    case 'activations': { const n = e.layers.length; return e.mean.length === n && e.std.length === n && e.deadFraction.length === n; }
    case 'boundary': return e.grid.length === e.resolution * e.resolution && e.points.length === e.labels.length * 2;
    case 'curve': return e.x.length === e.target.length && e.x.length === e.prediction.length;
    case 'images': return e.originals.length === e.count * e.width * e.height && e.reconstructions.length === e.originals.length;
    default: return true;
  }
}

export function isBackendEvent(v: unknown): v is BackendEvent {
  if (!isObject(v) || typeof v.kind !== 'string' || !isT(v.t)) return false;
  const checks = (eventChecks as Record<string, Record<string, (x: unknown) => boolean> | undefined>)[v.kind];
  return checks !== undefined && fields(v, checks) && consistent(v as unknown as BackendEvent);
}

const requestTypes = ['start', 'pause', 'resume', 'step', 'stop', 'ping'] as const;
export function isHostRequest(v: unknown): v is HostRequest {
  if (!isObject(v) || !oneOf(requestTypes)(v.type) || !isInt(0, Number.MAX_SAFE_INTEGER)(v.id)) return false;
  return v.type === 'start' ? isRunConfig(v.config) : true;
}

export function isBackendMessage(v: unknown): v is BackendMessage {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'ready': return isInt(1, 2 ** 31)(v.pid) && isFiniteNum(v.heapLimitMb) && shortStr(v.runtime);
    case 'response':
      return isInt(0, Number.MAX_SAFE_INTEGER)(v.id) && (v.ok === true ? optional(shortStr)(v.runId) : v.ok === false && str(v.error));
    case 'event': return isBackendEvent(v.event);
    default: return false;
  }
}

/** Replaces a non-finite number by null, the protocol's only spelling of "not a number". */
export const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Events the panels need in full when they open late (the rest can be summarized). */
export function describeEventForLog(e: BackendEvent): string {
  switch (e.kind) {
    case 'metrics': return `step ${e.step} loss ${e.loss.map((l) => (l === null ? 'null' : l.toPrecision(4))).join('/')}`;
    case 'state': return `state ${e.state}${e.reason ? `: ${e.reason.en}` : ''}`;
    case 'error': return `error at step ${String(e.step)}: ${e.message}`;
    case 'finished': return `finished after ${e.seconds.toFixed(1)} s: ${JSON.stringify(e.test)}`;
    default: return e.kind;
  }
}

// ─── the shipped samples (host and CLI list them without loading tfjs) ────────────────────────
/** file: the TensorFlow.js sample (samples/); its PyTorch twin is samples/torch/<id with _>.py (torchSampleFile). */
export interface CatalogEntry { id: string; file: string; title: Localized; sections: Localized[] }

/** The PyTorch version of a shipped sample, relative to samples/ (python/model_lens/sample.py finds it the same way). */
export function torchSampleFile(id: string): string {
  return `torch/${id.replace(/-/g, '_')}.py`;
}
export const SAMPLE_CATALOG: readonly CatalogEntry[] = [
  { id: 'perceptron', file: 'perceptron.js', title: { en: 'Perceptron: AND, OR, NAND, XOR', 'zh-cn': '单层感知机：与、或、与非、异或' }, sections: [{ en: 'Single-layer perceptron', 'zh-cn': '单层感知机' }] },
  { id: 'mlp-xor', file: 'mlpXor.js', title: { en: 'MLP solves XOR', 'zh-cn': '多层感知机解决异或' }, sections: [{ en: 'Multi-layer perceptron', 'zh-cn': '多层感知机' }] },
  { id: 'mlp-fit', file: 'mlpFit.js', title: { en: 'MLP fits sin(x) (universal approximation)', 'zh-cn': '多层感知机拟合 sin(x)（通用逼近定理）' }, sections: [{ en: 'Universal approximation theorem', 'zh-cn': '通用逼近定理' }] },
  { id: 'cnn-mnist', file: 'cnnMnist.js', title: { en: 'SimpleCNN on MNIST digits', 'zh-cn': '卷积网络 SimpleCNN 识别 MNIST 手写数字' }, sections: [{ en: 'Convolutional neural network (CNN)', 'zh-cn': '卷积神经网络CNN' }] },
  { id: 'rnn-mnist', file: 'rnnMnist.js', title: { en: 'SimpleRNN reads MNIST row by row', 'zh-cn': '循环网络 SimpleRNN 逐行读取 MNIST' }, sections: [{ en: 'Recurrent neural network (RNN)', 'zh-cn': '循环神经网络 (RNN)' }] },
  { id: 'lstm-mnist', file: 'lstmMnist.js', title: { en: 'LSTM reads MNIST row by row', 'zh-cn': '长短期记忆网络 LSTM 逐行读取 MNIST' }, sections: [{ en: 'Long short-term memory (LSTM)', 'zh-cn': '长短期记忆网络' }] },
  { id: 'gru-mnist', file: 'gruMnist.js', title: { en: 'GRU reads MNIST row by row', 'zh-cn': '门控循环单元 GRU 逐行读取 MNIST' }, sections: [{ en: 'Gated recurrent unit (GRU)', 'zh-cn': '门控循环单元 (GRU)' }] },
  { id: 'transformer', file: 'transformer.js', title: { en: 'Transformer learns to reverse digit sequences', 'zh-cn': 'Transformer 学习反转数字序列' }, sections: [{ en: 'Transformer', 'zh-cn': 'Transformer' }] },
  { id: 'autoencoder', file: 'autoencoder.js', title: { en: 'Autoencoder compresses and rebuilds MNIST', 'zh-cn': '自编码器压缩并重建 MNIST' }, sections: [{ en: 'Components of a neural network', 'zh-cn': '神经网络组成' }] },
  { id: 'gan', file: 'gan.js', title: { en: 'GAN learns a ring of 8 Gaussians', 'zh-cn': '生成对抗网络学习 8 个高斯分布组成的圆环' }, sections: [{ en: 'Components of a neural network', 'zh-cn': '神经网络组成' }] },
];
