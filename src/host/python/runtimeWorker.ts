// The editor's long-lived exact-shapes worker (issue 9 part 5): one python/model_lens/shapes_worker.py
// per window, started with torch imported before the first request, so a request costs only the
// person's import and forward passes. One request runs at a time; an aborted request still running
// is cancelled inside Python (SIGUSR1 there, the process lives on); a request that outlives its budget
// plus a grace period (a C call that never returns) gets the process group killed. A worker that dies
// is started again after a growing delay, at most `restarts.max` times in `restarts.windowMs`; then
// it stays down with the reason (the same file would crash it again). Nothing here waits
// synchronously: the host thread only writes frames and reacts to messages.
// No `vscode` import: the lifecycle tests drive the real Python process with plain mocha.
import type { ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import {
  isRuntimeShapesRequest, isRuntimeWorkerMessage,
  type RuntimeModelRequest, type RuntimeShapesCancel, type RuntimeShapesReply, type RuntimeShapesRequest,
} from '../../protocol/runtimeShapes';
import { forwardOutput, killProcessTree, RestartPolicy } from '../training/backendProcess';
import { FrameDecoder, encodeFrame } from './frames';
import { isPythonOutOfMemory, pythonMemoryMb, spawnPythonSide } from './pythonBackend';

export const SHAPES_WORKER_BOOTSTRAP = 'import sys; sys.path.insert(0, sys.argv[1]); from model_lens.shapes_worker import main; main()';

export interface RuntimeWorkerOptions {
  python: string;
  /** The folder holding model_lens/ (the extension's python/). */
  packageDir: string;
  maxMemoryMb: number;
  onLog?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** torch's import (1–5 s, more on a loaded machine). */
  readyTimeoutMs?: number;
  /** After a request's budget, how long before the process is killed (a C call that never returns). */
  killGraceMs?: number;
  /** Automatic restarts: at most `max` in `windowMs`, the n-th after `baseDelayMs`·2ⁿ⁻¹ (≤ 30 s). */
  restarts?: { max: number; windowMs: number; baseDelayMs: number };
}

export interface MeasureRequest {
  file: string;
  models: RuntimeModelRequest[];
  timeBudgetMs: number;
  /** The unsaved text of the file, when it differs from the disk. */
  source?: string;
}

/** A reply (with what the file printed), or that it was cancelled, or why there is none. */
export type MeasureOutcome =
  | { kind: 'reply'; reply: RuntimeShapesReply; output: string | null }
  | { kind: 'cancelled' }
  | { kind: 'failed'; reason: string };

type WorkerState = 'idle' | 'starting' | 'ready' | 'waiting' | 'down' | 'disposed';

interface Job {
  request: RuntimeShapesRequest;
  resolve: (o: MeasureOutcome) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  output: string | null;
  /** Resolved for the caller (cancelled); the worker stays busy until Python's reply for it. */
  settled: boolean;
}

interface Proc {
  child: ChildProcess;
  requests: Writable;
  tail: () => string;
  pid: number | undefined;
  runtime: string | null;
}

export class RuntimeShapesWorker {
  private state: WorkerState = 'idle';
  private proc: Proc | null = null;
  private queue: Job[] = [];
  private running: Job | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private readonly policy: RestartPolicy;
  private downReason: string | null = null;
  private readonly memoryMb: number;
  /** For the log and tests. */
  readonly stats = { starts: 0, crashes: 0, replies: 0, cancels: 0 };

  constructor(private readonly opts: RuntimeWorkerOptions) {
    const r = opts.restarts ?? { max: 5, windowMs: 3 * 60_000, baseDelayMs: 500 };
    this.policy = new RestartPolicy(r.max, r.windowMs);
    this.memoryMb = pythonMemoryMb(opts.maxMemoryMb);
  }

  /** The Python process's id while one runs (tests check it is gone). */
  get pid(): number | undefined { return this.proc?.pid; }
  /** "Python 3.11.2, torch 1.13.1" once the worker said it is ready. */
  get runtime(): string | null { return this.proc?.runtime ?? null; }
  /** Why the worker gave up restarting, when it did. */
  get stoppedBecause(): string | null { return this.state === 'down' ? this.downReason : null; }

  /** Starts the process now (torch imports before the first file asks). */
  warm(): void {
    if (this.state === 'idle') this.start();
  }

  /** Measures a file's models; resolves `cancelled` as soon as `signal` aborts. Never rejects. */
  measure(req: MeasureRequest, signal?: AbortSignal): Promise<MeasureOutcome> {
    if (this.state === 'disposed') return Promise.resolve({ kind: 'failed', reason: 'the shapes worker was closed' });
    if (this.state === 'down') return Promise.resolve({ kind: 'failed', reason: this.downReason ?? 'the shapes worker is stopped' });
    if (signal?.aborted) return Promise.resolve({ kind: 'cancelled' });
    const request: RuntimeShapesRequest = { type: 'runtimeShapes', id: this.nextId++, file: req.file, models: req.models, timeBudgetMs: req.timeBudgetMs, ...(req.source !== undefined ? { source: req.source } : {}) };
    if (!isRuntimeShapesRequest(request)) return Promise.resolve({ kind: 'failed', reason: 'the request is outside the protocol\'s limits' });
    return new Promise<MeasureOutcome>((resolve) => {
      const job: Job = { request, resolve, signal, onAbort: () => this.abort(job), output: null, settled: false };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      if (this.state === 'idle') this.start();
      else this.pump();
    });
  }

  /** Kills the process group; pending requests resolve `cancelled`. */
  async dispose(): Promise<void> {
    if (this.state === 'disposed') return;
    this.state = 'disposed';
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.clearWatchdog();
    for (const j of [...this.queue, ...(this.running ? [this.running] : [])]) this.settle(j, { kind: 'cancelled' });
    this.queue = [];
    this.running = null;
    const p = this.proc;
    this.proc = null;
    if (p) { p.requests.destroy(); await killProcessTree(p.child); }
  }

  // ------------------------------------------------------------ the process

  private start(): void {
    this.state = 'starting';
    this.stats.starts++;
    const child = spawnPythonSide(this.opts.python, SHAPES_WORKER_BOOTSTRAP, this.opts.packageDir, this.memoryMb, this.opts.env ?? process.env);
    const requests = child.stdio[3] as Writable;
    const messages = child.stdio[4] as Readable;
    requests.on('error', () => undefined);
    messages.on('error', () => undefined);
    const proc: Proc = { child, requests, tail: forwardOutput(child, this.opts.onLog), pid: child.pid, runtime: null };
    this.proc = proc;
    const decoder = new FrameDecoder();
    const readyTimer = setTimeout(() => {
      if (this.proc === proc && this.state === 'starting') this.lost(proc, `PyTorch did not start within ${Math.round((this.opts.readyTimeoutMs ?? 90_000) / 1000)} s`);
    }, this.opts.readyTimeoutMs ?? 90_000);
    messages.on('data', (chunk: Buffer) => {
      let decoded: unknown[];
      try {
        decoded = decoder.push(chunk);
      } catch (err) {
        this.lost(proc, `the shapes worker sent an unreadable frame (${err instanceof Error ? err.message : String(err)})`);
        return;
      }
      for (const m of decoded) {
        if (this.proc !== proc) return;
        if (!isRuntimeWorkerMessage(m)) { this.opts.onLog?.('dropped a malformed message from the shapes worker'); continue; }
        if (m.type === 'runtimeShapesReady') {
          clearTimeout(readyTimer);
          proc.runtime = m.runtime;
          if (this.state === 'starting') { this.state = 'ready'; this.pump(); }
        } else if (m.type === 'runtimeShapesOutput') {
          if (this.running?.request.id === m.id) this.running.output = m.text;
        } else {
          this.onReply(m);
        }
      }
    });
    child.once('error', (err) => { clearTimeout(readyTimer); this.lost(proc, `cannot start ${this.opts.python}: ${err.message}`); });
    child.once('exit', (code, signal) => {
      clearTimeout(readyTimer);
      // Let the last frame's 'data' arrive before deciding the process died.
      setImmediate(() => {
        const why = isPythonOutOfMemory(proc.tail()) ? `it ran out of memory (limit ${this.memoryMb} MB of address space)` : signal ? `signal ${signal}` : `exit code ${String(code)}`;
        const last = proc.tail().trim().split('\n').slice(-1)[0] ?? '';
        this.lost(proc, `the shapes worker ended (${why})${last ? `: ${last}` : ''}`);
      });
    });
  }

  /** The process is gone or unusable: fail its request, and restart after a delay if the policy allows. */
  private lost(proc: Proc, reason: string): void {
    if (this.proc !== proc || this.state === 'disposed') return;
    this.proc = null;
    this.clearWatchdog();
    void killProcessTree(proc.child);
    this.stats.crashes++;
    this.opts.onLog?.(reason);
    if (this.running) { this.settle(this.running, { kind: 'failed', reason }); this.running = null; }
    if (!this.policy.allowRestart()) {
      this.state = 'down';
      this.downReason = `${reason}; not restarted again (${this.policy.max} restarts within ${Math.round(this.policy.windowMs / 60_000)} min)`;
      for (const j of this.queue) this.settle(j, { kind: 'failed', reason: this.downReason });
      this.queue = [];
      this.opts.onLog?.(this.downReason);
      return;
    }
    const n = this.policy.recentRestarts;
    const base = this.opts.restarts?.baseDelayMs ?? 500;
    const delay = Math.min(30_000, base * 2 ** (n - 1));
    this.state = 'waiting';
    this.opts.onLog?.(`restarting the shapes worker in ${delay} ms (restart ${n} of at most ${this.policy.max} in ${Math.round(this.policy.windowMs / 60_000)} min)`);
    this.restartTimer = setTimeout(() => { this.restartTimer = null; if (this.state === 'waiting') this.start(); }, delay);
  }

  // ------------------------------------------------------------ requests

  private pump(): void {
    if (this.state !== 'ready' || this.running || !this.proc) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    this.proc.requests.write(encodeFrame(job.request));
    const limit = job.request.timeBudgetMs + (this.opts.killGraceMs ?? 5_000);
    const proc = this.proc;
    this.watchdog = setTimeout(() => this.lost(proc, `PyTorch did not answer within ${(limit / 1000).toFixed(1)} s (a call that never returns?); the worker was ended`), limit);
  }

  private onReply(reply: RuntimeShapesReply): void {
    const job = this.running;
    if (!job || job.request.id !== reply.id) { this.opts.onLog?.(`dropped a reply to request ${reply.id}, which is not the one running`); return; }
    this.clearWatchdog();
    this.running = null;
    this.stats.replies++;
    this.settle(job, { kind: 'reply', reply, output: job.output });
    this.pump();
  }

  private abort(job: Job): void {
    if (job.settled) return;
    this.stats.cancels++;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    else if (this.running === job && this.proc) {
      const cancel: RuntimeShapesCancel = { type: 'runtimeShapesCancel', id: job.request.id };
      this.proc.requests.write(encodeFrame(cancel));
    }
    this.settle(job, { kind: 'cancelled' });
  }

  private settle(job: Job, outcome: MeasureOutcome): void {
    if (job.settled) return;
    job.settled = true;
    job.signal?.removeEventListener('abort', job.onAbort);
    job.resolve(outcome);
  }

  private clearWatchdog(): void {
    if (this.watchdog) { clearTimeout(this.watchdog); this.watchdog = null; }
  }
}
