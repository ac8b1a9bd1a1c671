// Host ↔ analysis worker protocol (a `worker_threads` Worker running dist/analysisWorker.js).
// Imported by both sides: the pool in the extension host or the CLI (src/analysis/worker/pool.ts)
// and the worker's entry (src/analysis/worker/main.ts).
//
// The worker loads the parsers and posts `ready` (or `failed`). The host then sends one `analyze`
// at a time and waits for its `result` or `error`. Cancellation cannot be a message: the worker is
// busy in a synchronous analysis and reads no messages until it ends, so the host writes the id of
// the job to cancel into a shared Int32 (`WorkerInit.cancel`) that the analysis polls.
import type { AnalysisResult, SourceLanguage } from '../analysis/types';
import { type Guard, arrayOf, isInt, isObject, isStr, oneOf, optional, shape } from './webviewGuards';

export const ANALYSIS_WORKER_PROTOCOL = 1;

/** `workerData` of a new worker. */
export interface WorkerInit {
  protocol: number;
  /** Folder of tree-sitter.wasm and the grammars. */
  parsersDir: string;
  /** Int32Array(1) view: the id of the job the host wants stopped. */
  cancel: SharedArrayBuffer;
}

/** What the analysis may be told, besides the text (see AnalyzeOptions). */
export interface WorkerAnalyzeOptions {
  defaultInput?: number[];
  forceInput?: number[][];
  onlyModel?: string;
  /** The script's command line (AnalyzeOptions.scriptArgs). */
  scriptArgs?: string[];
  scriptArgsUnreadable?: string;
  timeBudgetMs?: number;
  /** The folder the worker may read other files from (imports, the scripts that build the models). */
  workspaceRoot?: string;
}

/**
 * The workspace files a result depends on (besides the analysed file): the editor re-analyses the
 * file when one of them changes on disk, or, when `listed`, when a file is created or deleted
 * below the root.
 */
export interface WorkspaceReads {
  files: string[];
  listed: boolean;
}

export type HostToWorker = {
  type: 'analyze';
  /** Positive and increasing; 0 is never a job (the cancel slot starts at 0). */
  id: number;
  /**
   * The source text, or its UTF-8 bytes in slices: the extension host encodes a large document a
   * slice per turn of its event loop and *transfers* the buffers, so nothing of that size is
   * copied on its thread in one go.
   */
  text: string | Uint8Array[];
  language: SourceLanguage;
  fileName?: string;
  options: WorkerAnalyzeOptions;
};

export type WorkerToHost =
  | { type: 'ready'; protocol: number }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: AnalysisResult; ms: number; reads?: WorkspaceReads }
  | { type: 'error'; id: number; message: string };

const isId = isInt(1, Number.MAX_SAFE_INTEGER);
const isShape = arrayOf(isInt(-1, 1e9), 8);
const isLanguage = oneOf<SourceLanguage>(['python', 'typescript', 'javascript']);

const isOptions: Guard<WorkerAnalyzeOptions> = (v: unknown): v is WorkerAnalyzeOptions =>
  isObject(v) &&
  Object.keys(v).every((k) => ['defaultInput', 'forceInput', 'onlyModel', 'scriptArgs', 'scriptArgsUnreadable', 'timeBudgetMs', 'workspaceRoot'].includes(k)) &&
  optional(isShape)(v.defaultInput) &&
  optional(arrayOf(isShape, 16))(v.forceInput) &&
  optional(isStr(500))(v.onlyModel) &&
  optional(arrayOf(isStr(4096), 1000))(v.scriptArgs) &&
  optional(isStr(2000))(v.scriptArgsUnreadable) &&
  optional(isInt(1, 24 * 3600 * 1000))(v.timeBudgetMs) &&
  optional(isStr(4096))(v.workspaceRoot);

const isText = (v: unknown): boolean => typeof v === 'string' || (Array.isArray(v) && v.length <= 1_000_000 && v.every((c) => c instanceof Uint8Array));

const isAnalyze = shape<HostToWorker>({ type: oneOf(['analyze']), id: isId, text: isText, language: isLanguage, fileName: optional(isStr(4096)), options: isOptions });

export function isHostToWorker(v: unknown): v is HostToWorker {
  return isAnalyze(v);
}

/**
 * The result itself is produced by our own analysis in the same build, so it is checked at the
 * envelope and its top level (arrays where arrays belong), not field by field.
 */
const isResult = (v: unknown): v is AnalysisResult =>
  isObject(v) && isLanguage(v.language) && Array.isArray(v.models) && Array.isArray(v.diagnostics) && Array.isArray(v.incomplete) && isInt(0, Number.MAX_SAFE_INTEGER)(v.syntaxErrors);

const isReads: Guard<WorkspaceReads> = shape<WorkspaceReads>({ files: arrayOf(isStr(4096), 10_000), listed: (v): v is boolean => typeof v === 'boolean' });

type FromWorker<K extends WorkerToHost['type']> = Extract<WorkerToHost, { type: K }>;

const workerToHostGuards: { [K in WorkerToHost['type']]: Guard<FromWorker<K>> } = {
  ready: shape<FromWorker<'ready'>>({ type: oneOf(['ready']), protocol: isInt(1, 1000) }),
  failed: shape<FromWorker<'failed'>>({ type: oneOf(['failed']), message: isStr(10_000) }),
  result: shape<FromWorker<'result'>>({ type: oneOf(['result']), id: isId, result: isResult, ms: (v) => typeof v === 'number' && v >= 0, reads: optional(isReads) }),
  error: shape<FromWorker<'error'>>({ type: oneOf(['error']), id: isId, message: isStr(10_000) }),
};

export function isWorkerToHost(v: unknown): v is WorkerToHost {
  if (!isObject(v) || typeof v.type !== 'string' || !Object.prototype.hasOwnProperty.call(workerToHostGuards, v.type)) return false;
  return (workerToHostGuards[v.type as WorkerToHost['type']] as Guard<WorkerToHost>)(v);
}
