// The words every boundary shares: languages and localized text, run states, the training
// choices (optimizers, activations, initializers, engines), task kinds, and the hyperparameters
// with their one set of limits. Imported by the host↔backend protocol, the host↔webview
// protocols, the knowledge base, the backend, the CLI and the webviews; it imports nothing, so
// every side can bundle it. Adding a member (an engine, an optimizer) is one line here.

// ─── languages ────────────────────────────────────────────────────────────────────────────────
export const LANGS = ['en', 'zh-cn'] as const;
export type Lang = (typeof LANGS)[number];
/** Text in every language we ship: `text[lang]`, never a hand-written `lang === … ? … : …`. */
export type Localized = Record<Lang, string>;

/**
 * The one language rule: a VS Code display language or a `modelLens.language` value → the
 * language we have text for (any Chinese variant reads the Simplified Chinese text).
 */
export function resolveLang(locale: string | undefined): Lang {
  return locale !== undefined && locale.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

// ─── runs ─────────────────────────────────────────────────────────────────────────────────────
/**
 * What a run is doing. The backend reports starting…failed; `crashed` is said by whoever finds
 * that the process behind a run ended without reporting its end (the host, a run-folder reader).
 */
export const RUN_STATES = ['starting', 'running', 'paused', 'stopping', 'stopped', 'finished', 'failed', 'crashed'] as const;
export type RunState = (typeof RUN_STATES)[number];
export const ENDED_STATES: readonly RunState[] = ['stopped', 'finished', 'failed', 'crashed'];
export const isEnded = (s: RunState): boolean => ENDED_STATES.includes(s);

/** What a sample learns; the panel picks its headline figure and task views from it. */
export const TASK_KINDS = ['classification', 'regression', 'seq2seq', 'generative', 'reconstruction'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

// ─── training choices ─────────────────────────────────────────────────────────────────────────
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];
export const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'linear', 'elu', 'leakyRelu'] as const;
export type ActivationKind = (typeof ACTIVATIONS)[number];
export const INITIALIZERS = ['zeros', 'random', 'xavier', 'he'] as const;
export type InitializerKind = (typeof INITIALIZERS)[number];
/** Which engine trains (`modelLens.engine`, `--engine`): `auto` picks the best one available. */
export const ENGINE_PREFS = ['auto', 'torch', 'tensorflow', 'wasm', 'cpu'] as const;
export type EnginePref = (typeof ENGINE_PREFS)[number];
/** The TensorFlow.js engines the Node backend runs ('torch' runs in Python, python/model_lens). */
export type TfjsEnginePref = Exclude<EnginePref, 'torch'>;

// ─── hyperparameters and their limits ─────────────────────────────────────────────────────────
export interface Hyperparameters {
  learningRate: number;
  batchSize: number;
  epochs: number;
  optimizer: OptimizerKind;
  activation: ActivationKind;
  initializer: InitializerKind;
  seed: number;
}
/** What a person asks to change for a run (CLI flags, the panel's "Run again" form). */
export type HyperOverrides = Partial<Hyperparameters>;

/**
 * The one set of numeric limits. The CLI refuses what is outside them, the panel's form too, and
 * the readers of events and run folders accept everything inside them, so a run that trains
 * always opens. (Batches larger than the training split are trained as the whole split.)
 */
export const HYPER_LIMITS = {
  /** Any positive finite rate: a run at lr 1e8 that diverges is a lesson too. */
  learningRate: { min: Number.MIN_VALUE, max: Number.MAX_VALUE, integer: false },
  batchSize: { min: 1, max: 1_000_000, integer: true },
  epochs: { min: 1, max: 100_000, integer: true },
  /** A 32-bit unsigned seed: 0 is a seed like any other. */
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
} as const;
export type NumericHyper = keyof typeof HYPER_LIMITS;
export const NUMERIC_HYPERS = Object.keys(HYPER_LIMITS) as NumericHyper[];

/** The bound of a run's wall-clock budget in seconds (`--seconds`). */
export const SECONDS_LIMITS = { min: Number.MIN_VALUE, max: 10 * 365 * 24 * 3600, integer: false } as const;

export interface NumberLimits { min: number; max: number; integer: boolean }

export function withinLimits(v: unknown, l: NumberLimits): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= l.min && v <= l.max && (!l.integer || Number.isInteger(v));
}

/** "a positive integer from 1 to 1,000,000", for messages that say what is allowed. */
export function describeLimits(l: NumberLimits): string {
  const fmt = (n: number): string => n.toLocaleString('en-US');
  if (!l.integer) return l.max >= 1e300 ? 'a positive number' : `a positive number up to ${fmt(l.max)}`;
  return `${l.min === 0 ? 'an integer' : 'a positive integer'} from ${fmt(l.min)} to ${fmt(l.max)}`;
}

type ChoiceHyper = 'optimizer' | 'activation' | 'initializer';
export const HYPER_CHOICES: { [K in ChoiceHyper]: readonly Hyperparameters[K][] } = {
  optimizer: OPTIMIZERS, activation: ACTIVATIONS, initializer: INITIALIZERS,
};

/** Why `value` cannot be this hyperparameter (in English, for the CLI and logs), or null. */
export function hyperProblem(key: keyof Hyperparameters, value: unknown): string | null {
  if (key === 'optimizer' || key === 'activation' || key === 'initializer') {
    const allowed = HYPER_CHOICES[key] as readonly string[];
    return typeof value === 'string' && allowed.includes(value) ? null : `must be one of ${allowed.join(', ')}`;
  }
  const limits = HYPER_LIMITS[key];
  return withinLimits(value, limits) ? null : `must be ${describeLimits(limits)}`;
}

const HYPER_KEYS: readonly (keyof Hyperparameters)[] = ['learningRate', 'batchSize', 'epochs', 'optimizer', 'activation', 'initializer', 'seed'];

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every hyperparameter present and within its limits (what a run ran with). */
export function isHyperparameters(v: unknown): v is Hyperparameters {
  return isPlainObject(v) && HYPER_KEYS.every((k) => hyperProblem(k, v[k]) === null);
}

/** Only known keys, each absent or within its limits (what a person asks for). */
export function isHyperOverrides(v: unknown): v is HyperOverrides {
  if (!isPlainObject(v)) return false;
  for (const k of Object.keys(v)) if (!(HYPER_KEYS as readonly string[]).includes(k)) return false;
  return HYPER_KEYS.every((k) => v[k] === undefined || hyperProblem(k, v[k]) === null);
}
