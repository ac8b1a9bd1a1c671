// Runs analyses off the caller's thread, in `worker_threads` workers (main.ts → dist/analysisWorker.js).
// Used by the extension host (the editor never waits on a parse) and by the CLI (a bounded time per
// file). No VS Code here, so plain mocha tests drive the real workers.
//
// Each worker analyses one text at a time. A job ends in one of three ways:
// - its result (possibly incomplete: the analysis itself stops at its time budget);
// - cancelled: the caller no longer wants it (a newer version, a closed document). The worker is
//   told through a shared Int32 it polls; if it has not stopped `graceMs` later it is terminated;
// - the worker does not answer by the budget + `graceMs`: it is terminated and the job reports an
//   empty result marked "analysis stopped: file too complex". A new worker starts for the next job.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalysisResult, SourceLanguage } from '../types';
import { ANALYSIS_WORKER_PROTOCOL, isWorkerToHost, type HostToWorker, type WorkerAnalyzeOptions, type WorkerInit, type WorkerToHost, type WorkspaceReads } from '../../protocol/analysisWorker';

export interface AnalysisRequest {
  /** The text, or its UTF-8 bytes in slices (moved to the worker, not copied: do not reuse them). */
  text: string | Uint8Array[];
  language: SourceLanguage;
  fileName?: string;
  options: WorkerAnalyzeOptions;
}

export type AnalysisOutcome =
  | { kind: 'done'; result: AnalysisResult; ms: number; /** the worker did not stop by itself and was terminated */ terminated: boolean; /** the workspace files it read */ reads?: WorkspaceReads }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export interface AnalysisTask {
  readonly outcome: Promise<AnalysisOutcome>;
  cancel(): void;
}

export interface PoolOptions {
  /** dist/analysisWorker.js (or main.ts with a TypeScript loader in `execArgv`, for tests). */
  workerPath: string;
  parsersDir: string;
  /** Workers at most; each runs one analysis at a time. */
  size?: number;
  execArgv?: string[];
  /** How long a cancelled or over-budget job may take to stop before its worker is terminated. */
  graceMs?: number;
  /** An idle worker is ended after this long (it costs memory, not CPU). */
  idleMs?: number;
  log?: (line: string) => void;
}

interface Job {
  id: number;
  request: AnalysisRequest;
  resolve: (o: AnalysisOutcome) => void;
  settled: boolean;
  started: number;
}

interface Slot {
  worker: Worker;
  cancelSlot: Int32Array;
  ready: boolean;
  job: Job | undefined;
  /** The job was cancelled or timed out but the worker has not answered yet: it is not free. */
  draining: boolean;
  watchdog: NodeJS.Timeout | undefined;
  idle: NodeJS.Timeout | undefined;
  gone: boolean;
}

// No `resourceLimits`: a heap cap does not make a worker fail alone here. Growing the parser's wasm
// memory near the cap takes V8's fatal out-of-memory path, which aborts the whole process (seen with
// Node 20). The analysis is bounded by its own limits (time budget, steps, models) and by the
// callers' size caps instead.
const DEFAULTS = { size: 1, graceMs: 1500, idleMs: 5 * 60_000 };

/**
 * The worker's entry: dist/analysisWorker.js beside the bundle that runs this code (extension.js,
 * cli.js), or main.ts through tsx's loader when this module itself runs from source (tests, tsx).
 */
export function analysisWorkerEntry(): { workerPath: string; execArgv?: string[] } {
  const source = join(__dirname, 'main.ts');
  if (__filename.endsWith('.ts') && existsSync(source)) return { workerPath: source, execArgv: ['--require', createRequire(__filename).resolve('tsx/cjs')] };
  return { workerPath: join(__dirname, 'analysisWorker.js') };
}

/**
 * Buffers that can move to the worker instead of being copied: only those a slice owns whole
 * (a Node Buffer may be a view into a shared pool that must stay usable here).
 */
function transferable(text: string | Uint8Array[]): ArrayBuffer[] {
  if (typeof text === 'string') return [];
  const own = text.filter((c) => c.byteOffset === 0 && c.byteLength === c.buffer.byteLength && c.buffer instanceof ArrayBuffer).map((c) => c.buffer as ArrayBuffer);
  return [...new Set(own)];
}

export function stoppedResult(language: SourceLanguage, budgetMs: number): AnalysisResult {
  return { language, models: [], diagnostics: [], syntaxErrors: 0, incomplete: [{ kind: 'timeBudget', budgetMs }] };
}

export class AnalysisWorkerPool {
  private readonly opts: Required<Omit<PoolOptions, 'execArgv' | 'log'>> & Pick<PoolOptions, 'execArgv' | 'log'>;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;
  /** For tests and the log. */
  readonly stats = { workersStarted: 0, workersTerminated: 0, jobs: 0, cancelled: 0 };

  constructor(options: PoolOptions) {
    this.opts = { ...DEFAULTS, ...options };
  }

  run(request: AnalysisRequest): AnalysisTask {
    let resolve!: (o: AnalysisOutcome) => void;
    const outcome = new Promise<AnalysisOutcome>((r) => (resolve = r));
    const job: Job = { id: this.nextId++, request, resolve: () => undefined, settled: false, started: 0 };
    job.resolve = (o) => {
      if (job.settled) return;
      job.settled = true;
      resolve(o);
    };
    if (this.disposed) job.resolve({ kind: 'cancelled' });
    else {
      this.stats.jobs++;
      this.queue.push(job);
      this.pump();
    }
    return { outcome, cancel: () => this.cancel(job) };
  }

  /** Terminates every worker; jobs not finished resolve as cancelled. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.resolve({ kind: 'cancelled' });
    await Promise.all([...this.slots].map((s) => this.terminate(s, 'disposed')));
  }

  private cancel(job: Job): void {
    if (job.settled) return;
    this.stats.cancelled++;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    const slot = this.slots.find((s) => s.job === job);
    job.resolve({ kind: 'cancelled' });
    if (slot) {
      Atomics.store(slot.cancelSlot, 0, job.id);
      this.drain(slot, `job ${job.id} cancelled`);
    }
  }

  /** The slot's job is over for its caller; give the worker `graceMs` to come back, then end it. */
  private drain(slot: Slot, why: string): void {
    slot.draining = true;
    if (slot.watchdog) clearTimeout(slot.watchdog);
    slot.watchdog = setTimeout(() => {
      this.opts.log?.(`analysis worker did not stop within ${this.opts.graceMs} ms (${why}): terminated`);
      void this.terminate(slot, why).then(() => this.pump());
    }, this.opts.graceMs);
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.disposed) {
      const slot = this.slots.find((s) => !s.gone && s.ready && !s.job && !s.draining);
      if (!slot) {
        // Wait for a starting worker rather than start another one for the same job.
        if (this.slots.some((s) => !s.gone && !s.ready)) return;
        if (this.slots.length >= this.opts.size) return;
        this.spawn();
        return;
      }
      this.assign(slot, this.queue.shift()!);
    }
  }

  private spawn(): void {
    const cancel = new SharedArrayBuffer(4);
    const init: WorkerInit = { protocol: ANALYSIS_WORKER_PROTOCOL, parsersDir: this.opts.parsersDir, cancel };
    let worker: Worker;
    try {
      worker = new Worker(this.opts.workerPath, {
        workerData: init,
        ...(this.opts.execArgv ? { execArgv: this.opts.execArgv } : {}),
        stdout: false,
        stderr: false,
      });
    } catch (e) {
      this.failAll(`the analysis worker could not start: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.stats.workersStarted++;
    const slot: Slot = { worker, cancelSlot: new Int32Array(cancel), ready: false, job: undefined, draining: false, watchdog: undefined, idle: undefined, gone: false };
    this.slots.push(slot);
    worker.on('message', (m: unknown) => this.receive(slot, m));
    worker.on('error', (e: Error) => {
      // An uncaught error in the worker: the job fails with the reason.
      this.lost(slot, e.message);
      void this.terminate(slot, 'error').then(() => this.pump());
    });
    worker.on('exit', (code) => {
      if (slot.gone) return;
      this.lost(slot, `the analysis worker exited (code ${code})`);
      slot.gone = true;
      this.remove(slot);
      this.pump();
    });
    // A starting worker and a running job keep the process alive (assign/finish ref and unref): an
    // idle worker must not hold a CLI process or a test open.
  }

  /** A worker died: its job fails; one that never got ready fails everything queued (no respawn loop). */
  private lost(slot: Slot, message: string): void {
    if (!slot.ready) this.failAll(message);
    else this.finish(slot, { kind: 'failed', message });
  }

  private receive(slot: Slot, raw: unknown): void {
    if (!isWorkerToHost(raw)) {
      this.opts.log?.('analysis worker: dropped a malformed message');
      return;
    }
    const m: WorkerToHost = raw;
    switch (m.type) {
      case 'ready':
        slot.ready = true;
        this.pump();
        if (!slot.job) slot.worker.unref();
        return;
      case 'failed':
        this.failAll(m.message);
        void this.terminate(slot, 'failed to start');
        return;
      case 'result':
      case 'error': {
        if (slot.job?.id !== m.id) return;
        const outcome: AnalysisOutcome = m.type === 'result' ? { kind: 'done', result: m.result, ms: m.ms, terminated: false, ...(m.reads ? { reads: m.reads } : {}) } : { kind: 'failed', message: m.message };
        this.finish(slot, outcome);
        this.idleLater(slot);
        this.pump();
        return;
      }
    }
  }

  private assign(slot: Slot, job: Job): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.job = job;
    slot.draining = false;
    slot.worker.ref();
    job.started = performance.now();
    const msg: HostToWorker = { type: 'analyze', id: job.id, text: job.request.text, language: job.request.language, options: job.request.options, ...(job.request.fileName !== undefined ? { fileName: job.request.fileName } : {}) };
    slot.worker.postMessage(msg, transferable(msg.text));
    const budget = job.request.options.timeBudgetMs;
    if (budget !== undefined) {
      // The analysis stops itself at its budget; this catches a worker stuck where it cannot look.
      slot.watchdog = setTimeout(() => {
        const language = job.request.language;
        this.finish(slot, { kind: 'done', result: stoppedResult(language, budget), ms: performance.now() - job.started, terminated: true });
        this.opts.log?.(`analysis worker: job ${job.id} ran past its ${budget} ms budget + ${this.opts.graceMs} ms: terminated`);
        void this.terminate(slot, 'over budget').then(() => this.pump());
      }, budget + this.opts.graceMs);
    }
  }

  /** Settles the slot's job (if it still has one) and frees the slot. */
  private finish(slot: Slot, outcome: AnalysisOutcome): void {
    if (slot.watchdog) clearTimeout(slot.watchdog);
    slot.watchdog = undefined;
    const job = slot.job;
    slot.job = undefined;
    slot.draining = false;
    if (!slot.gone) slot.worker.unref();
    job?.resolve(outcome);
  }

  private idleLater(slot: Slot): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = setTimeout(() => {
      if (!slot.job && !slot.draining) void this.terminate(slot, 'idle');
    }, this.opts.idleMs);
    slot.idle.unref();
  }

  private failAll(message: string): void {
    for (const job of this.queue.splice(0)) job.resolve({ kind: 'failed', message });
    for (const s of this.slots) this.finish(s, { kind: 'failed', message });
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  private async terminate(slot: Slot, why: string): Promise<void> {
    if (slot.watchdog) clearTimeout(slot.watchdog);
    if (slot.idle) clearTimeout(slot.idle);
    const wasGone = slot.gone;
    slot.gone = true;
    this.remove(slot);
    this.finish(slot, { kind: 'failed', message: `the analysis worker was ended (${why})` });
    if (wasGone) return;
    this.stats.workersTerminated++;
    await slot.worker.terminate().catch(() => undefined);
  }
}
