// The host ↔ Python boundary for exact shapes (issue 9 part 5): python/model_lens/shapes.py runs a
// person's models forward once and answers with what PyTorch measured. Same transport as the
// PyTorch engine (frames on fds 3/4, src/host/python/frames.ts); both sides validate on receipt
// (shapes.py's `request_problem`, `isRuntimeShapesReply` here) with exact keys, so a forged or
// truncated reply is dropped, never half-used.
import { arrayOf, isInt, isNum, isStr, nullable, oneOf, optional, shape, type Guard } from './webviewGuards';

/** An absolute path on POSIX or Windows (this module is shared with the webview build: no node:path). */
function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** Limits both sides agree on (shapes.py checks the same numbers). */
export const RUNTIME_SHAPES_LIMITS = { models: 64, rank: 8, dim: 1_000_000, budgetMs: 600_000, sourceChars: 4_000_000 } as const;

export interface RuntimeModelRequest {
  /** A top-level name in the file: an nn.Module subclass, a module-level model, or a function returning one. */
  name: string;
  /** The static analysis's input shapes, leading dimension included. */
  inputs: number[][];
}
export interface RuntimeShapesRequest {
  type: 'runtimeShapes';
  id: number;
  /** Absolute path of the file to import (under its own module name, never `__main__`). */
  file: string;
  models: RuntimeModelRequest[];
  /** For the whole request, the import included. */
  timeBudgetMs: number;
  /** The file's text when it differs from the disk (an editor's unsaved version), run as that file. */
  source?: string;
}

/** A measured shape carried to the analysis's leading size; null for a dimension that does not follow it. */
export type MeasuredShape = (number | null)[];

export interface RuntimeLayer {
  /** `named_modules()` path: `features.0`, `lstm` (the static analysis's LayerInfo.path). */
  path: string;
  kind: string;
  /** Parameters of the module, children included. */
  params: number;
  /** One per call, in execution order; null when the call's output was not a tensor or could not be carried. */
  outputs: (MeasuredShape | null)[];
}
export type FileStage = 'syntax' | 'import' | 'budget' | 'memory' | 'request';
export type ModelStage = 'find' | 'init' | 'forward' | 'budget' | 'memory';
export const FILE_STAGES: readonly FileStage[] = ['syntax', 'import', 'budget', 'memory', 'request'];
export const MODEL_STAGES: readonly ModelStage[] = ['find', 'init', 'forward', 'budget', 'memory'];

export interface RuntimeModelOk {
  name: string; ok: true;
  inputs: { shape: number[]; dtype: 'float32' | 'int64' }[];
  /** The leading sizes the forward passes ran at ([2, 3, 4], or the given one when it is ≤ 3). */
  ranAt: (number | null)[];
  output: MeasuredShape | null;
  totalParams: number;
  layers: RuntimeLayer[];
}
export interface RuntimeModelFailed {
  name: string; ok: false; stage: ModelStage; message: string;
  /** 1-based line of the person's file where it failed, when the traceback passes through it. */
  line: number | null;
}
export type RuntimeModelResult = RuntimeModelOk | RuntimeModelFailed;

export type RuntimeShapesReply =
  | { type: 'runtimeShapes'; id: number; runtime: string; ok: true; models: RuntimeModelResult[]; elapsedMs: number }
  | { type: 'runtimeShapes'; id: number; runtime: string; ok: false; stage: FileStage; message: string; line: number | null; elapsedMs: number };

const L = RUNTIME_SHAPES_LIMITS;
const dim = isInt(0, Number.MAX_SAFE_INTEGER);
const measured = arrayOf(nullable(dim), L.rank * 4);
const line = nullable(isInt(1, 10_000_000));
const message = isStr(10_000);
const isLayer = shape<RuntimeLayer>({ path: isStr(1000), kind: isStr(200), params: dim, outputs: arrayOf(nullable(measured), 100_000) });
const isModelOk = shape<RuntimeModelOk>({
  name: isStr(200), ok: (v) => v === true,
  inputs: arrayOf(shape<{ shape: number[]; dtype: 'float32' | 'int64' }>({ shape: arrayOf(isInt(1, L.dim), L.rank), dtype: oneOf(['float32', 'int64'] as const) }), 32),
  ranAt: arrayOf(nullable(isInt(1, L.dim)), 3), output: nullable(measured), totalParams: dim, layers: arrayOf(isLayer, 100_000),
});
const isModelFailed = shape<RuntimeModelFailed>({ name: isStr(200), ok: (v) => v === false, stage: oneOf(MODEL_STAGES), message, line });
const isModelResult: Guard<RuntimeModelResult> = (v): v is RuntimeModelResult => isModelOk(v) || isModelFailed(v);
const common = { type: (v: unknown) => v === 'runtimeShapes', id: isInt(-1, Number.MAX_SAFE_INTEGER), runtime: isStr(500), elapsedMs: isNum(0, 1e9) };
const isReplyOk = shape<Extract<RuntimeShapesReply, { ok: true }>>({ ...common, ok: (v) => v === true, models: arrayOf(isModelResult, L.models) });
const isReplyFailed = shape<Extract<RuntimeShapesReply, { ok: false }>>({ ...common, ok: (v) => v === false, stage: oneOf(FILE_STAGES), message, line });

export function isRuntimeShapesReply(v: unknown): v is RuntimeShapesReply {
  return isReplyOk(v) || isReplyFailed(v);
}

const isModelRequest = shape<RuntimeModelRequest>({
  name: (v) => typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v) && v.length <= 200,
  inputs: (v) => arrayOf(arrayOf(isInt(1, L.dim), L.rank), 32)(v) && (v as unknown[]).length > 0 && (v as number[][]).every((s) => s.length > 0),
});
export const isRuntimeShapesRequest = shape<RuntimeShapesRequest>({
  type: (v) => v === 'runtimeShapes', id: isInt(0, Number.MAX_SAFE_INTEGER), file: (v) => isStr(4096)(v) && isAbsolutePath(v),
  models: arrayOf(isModelRequest, L.models), timeBudgetMs: isNum(1, L.budgetMs), source: optional(isStr(L.sourceChars)),
});

// ---------------------------------------------------------------- the editor's long-lived worker
// python/model_lens/shapes_worker.py: the same requests and replies, plus these.

/** Stops the request being answered (or drops it from the queue); its reply still comes, as a cancelled budget failure. */
export interface RuntimeShapesCancel { type: 'runtimeShapesCancel'; id: number }
/** Sent once torch is imported. */
export interface RuntimeShapesReady { type: 'runtimeShapesReady'; pid: number; runtime: string }
/** What the person's file printed or warned while a request ran (capped), sent before its reply. */
export interface RuntimeShapesOutput { type: 'runtimeShapesOutput'; id: number; text: string }
export type RuntimeWorkerMessage = RuntimeShapesReady | RuntimeShapesOutput | RuntimeShapesReply;

export const isRuntimeShapesCancel = shape<RuntimeShapesCancel>({ type: (v) => v === 'runtimeShapesCancel', id: isInt(0, Number.MAX_SAFE_INTEGER) });
const isReady = shape<RuntimeShapesReady>({ type: (v) => v === 'runtimeShapesReady', pid: isInt(1, 2 ** 31), runtime: isStr(500) });
const isOutput = shape<RuntimeShapesOutput>({ type: (v) => v === 'runtimeShapesOutput', id: isInt(0, Number.MAX_SAFE_INTEGER), text: isStr(10_000) });
export function isRuntimeWorkerMessage(v: unknown): v is RuntimeWorkerMessage {
  return isReady(v) || isOutput(v) || isRuntimeShapesReply(v);
}
