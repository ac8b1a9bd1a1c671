// The training process as seen from the extension host: fork, typed requests with ids and
// timeouts, validated events, and a kill that takes the whole process tree down. No `vscode`
// import here, so the lifecycle tests drive the real dist/backend.js with plain mocha.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import {
  REQUEST_TIMEOUT_MS, isBackendMessage, type BackendEvent, type BackendMessage, type HostRequest,
} from '../../protocol/backend';

export interface BackendProcessOptions extends BackendHandlers {
  /** dist/backend.js */
  backendPath: string;
  /** The runtime to fork with: process.execPath (Electron in desktop VS Code, node in code-server). */
  execPath?: string;
  /** Heap cap for the child: an out-of-memory kills the child, never the extension host. */
  maxMemoryMb: number;
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
}

export interface BackendExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  expected: boolean;
  /** V8 said on stderr that the heap cap was reached (the child aborts: SIGABRT or code 134). */
  outOfMemory: boolean;
  /** What happened, in words for a person (names the memory cap and its setting on an OOM). */
  description: string;
}

/** The heap cap the child really gets (the setting's minimum is 256 MB). */
export function effectiveMemoryMb(maxMemoryMb: number): number {
  return Math.max(256, Math.round(maxMemoryMb));
}

/** V8's last words when the old space cannot grow past --max-old-space-size. */
export function isOutOfMemoryOutput(stderrTail: string): boolean {
  return /JavaScript heap out of memory|Reached heap limit|Ineffective mark-compacts near heap limit/.test(stderrTail);
}

export function outOfMemoryMessage(limitMb: number): string {
  return `the training process ran out of memory (limit ${limitMb} MB, setting modelLens.backend.maxMemoryMb)`;
}

export type RequestWithoutId = HostRequest extends infer R ? R extends { id: number } ? Omit<R, 'id'> : never : never;
export type BackendResponse = Extract<BackendMessage, { type: 'response' }>;

/** A request failed because the process ended (a crash is handled by the exit path, not here). */
export class BackendExitedError extends Error {}

export interface ReadyInfo { pid: number; heapLimitMb: number; runtime: string }

/**
 * A training process as the session drives it: the Node backend (BackendProcess) or the PyTorch
 * engine (src/host/python/pythonBackend.ts). Both speak src/protocol/backend.ts and validate
 * every message they receive.
 */
export interface BackendChannel {
  readonly ready: ReadyInfo;
  readonly pid: number;
  readonly alive: boolean;
  request(req: RequestWithoutId, timeoutMs?: number): Promise<BackendResponse>;
  /** Asks the run to stop, then ends the process tree; never takes much longer than `budgetMs`. */
  shutdown(budgetMs?: number): Promise<void>;
  /** Ends the process tree at once. */
  kill(): Promise<void>;
}

/** What a session hands a launcher: where events, exits and log lines go. */
export interface BackendHandlers {
  onEvent(event: BackendEvent): void;
  onExit(info: BackendExitInfo): void;
  onLog?(line: string): void;
}

/** `p`, or nothing after `ms`; the timer is cleared when `p` settles first, so a finished CLI
 *  exits at once instead of waiting out the budget (it kept `model-lens train` alive 4.3 s). */
export async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([p, new Promise<void>((r) => { timer = setTimeout(r, ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kills a process and everything it started; resolves when the process has exited. */
export async function killProcessTree(child: ChildProcess, waitMs = 1500): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
  } else {
    // The child leads its own process group (detached), so one signal reaches the whole tree.
    try { process.kill(-pid, 'SIGKILL'); } catch { try { child.kill('SIGKILL'); } catch { /* already gone */ } }
  }
  await within(exited, waitMs);
}

/** How a channel tells an out-of-memory death from other exits (V8's words, or Python's). */
export interface MemoryVerdict {
  isOutOfMemory(stderrTail: string): boolean;
  message(): string;
}

/** Forwards a child's stdout/stderr lines to the log and keeps stderr's tail for the exit verdict. */
export function forwardOutput(child: ChildProcess, onLog: ((line: string) => void) | undefined): () => string {
  const forward = (chunk: Buffer): void => { for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) onLog?.(line); };
  let tail = '';
  child.stdout?.on('data', forward);
  child.stderr?.on('data', (chunk: Buffer) => { tail = (tail + chunk.toString('utf8')).slice(-4096); forward(chunk); });
  return () => tail;
}

/**
 * Resolves with the child's first valid `ready` message (a backend sends nothing after `ready`
 * until it gets a request, so the channel can attach its own listener after this resolves); rejects (and kills the tree) when the
 * child exits first or stays silent past the time limit.
 */
export function waitForReady(child: ChildProcess, subscribe: (onMessage: (raw: unknown) => void) => () => void, timeoutMs: number, what = 'the training process'): Promise<ReadyInfo> {
  return new Promise((resolve, reject) => {
    let unsubscribe = (): void => undefined;
    const onEarlyExit = (code: number | null, signal: string | null): void => {
      clearTimeout(timer);
      unsubscribe();
      reject(new Error(`${what} exited before it was ready (${signal ?? `code ${String(code)}`})`));
    };
    const timer = setTimeout(() => {
      unsubscribe();
      child.off('exit', onEarlyExit);
      void killProcessTree(child);
      reject(new Error(`${what} did not start within the time limit (${Math.round(timeoutMs / 1000)} s)`));
    }, timeoutMs);
    unsubscribe = subscribe((raw) => {
      if (!isBackendMessage(raw) || raw.type !== 'ready') return;
      clearTimeout(timer);
      unsubscribe();
      child.off('exit', onEarlyExit);
      resolve({ pid: raw.pid, heapLimitMb: raw.heapLimitMb, runtime: raw.runtime });
    });
    child.once('exit', onEarlyExit);
    child.once('error', (err) => { clearTimeout(timer); unsubscribe(); reject(err); });
  });
}

/**
 * What every training process channel shares: requests with ids and timeouts, validated
 * messages, the exit verdict (out of memory or not) and a shutdown that ends the process tree.
 * Subclasses say how a request is written (`post`) and whether the channel is still open.
 */
export abstract class ChildChannel implements BackendChannel {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: BackendResponse): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  private expectedExit = false;
  private exited = false;
  readonly exitPromise: Promise<void>;

  protected constructor(protected readonly child: ChildProcess, readonly ready: ReadyInfo, protected readonly handlers: BackendHandlers, stderrTail: () => string, memory: MemoryVerdict) {
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = true;
        // The out-of-memory report may still be in the pipe when 'exit' fires: read stderr to its
        // end (briefly) before deciding what killed the child.
        const stderrDone = child.stderr && !child.stderr.readableEnded ? new Promise<void>((r) => child.stderr?.once('close', () => r())) : Promise.resolve();
        void within(stderrDone, 300).then(() => {
          const outOfMemory = memory.isOutOfMemory(stderrTail());
          const description = outOfMemory ? memory.message() : `the training process exited (${signal ?? `code ${String(code)}`})`;
          for (const [, p] of this.pending) { clearTimeout(p.timer); p.reject(new BackendExitedError(description)); }
          this.pending.clear();
          this.onExited();
          handlers.onExit({ code, signal, expected: this.expectedExit, outOfMemory, description });
          resolve();
        });
      });
    });
  }

  protected abstract post(req: HostRequest): void;
  protected abstract get open(): boolean;
  /** After the process is gone, before onExit is called. */
  protected onExited(): void { /* nothing by default */ }

  get pid(): number { return this.ready.pid; }
  get alive(): boolean { return !this.exited; }

  protected receive(raw: unknown): void {
    if (!isBackendMessage(raw)) {
      this.handlers.onLog?.('dropped a malformed message from the training process');
      return;
    }
    if (raw.type === 'event') this.handlers.onEvent(raw.event);
    else if (raw.type === 'response') {
      const p = this.pending.get(raw.id);
      if (!p) return;
      this.pending.delete(raw.id);
      clearTimeout(p.timer);
      p.resolve(raw);
    }
  }

  request(req: RequestWithoutId, timeoutMs = REQUEST_TIMEOUT_MS[req.type]): Promise<BackendResponse> {
    if (this.exited || !this.open) return Promise.reject(new BackendExitedError('the training process is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the training process did not answer '${req.type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.post({ ...req, id } as HostRequest);
    });
  }

  /**
   * Asks the run to stop (so its log ends with 'stopped'), then kills the process tree. Resolves
   * when the process is gone; never takes longer than about `budgetMs`.
   */
  async shutdown(budgetMs = 2000): Promise<void> {
    this.expectedExit = true;
    if (this.exited) return;
    const grace = Math.max(0, budgetMs - 700);
    await within(this.request({ type: 'stop' }, grace).catch(() => undefined), grace);
    await killProcessTree(this.child, 600);
    await within(this.exitPromise, 100);
  }

  /** Immediate kill (no stop request), e.g. when the extension deactivates. */
  async kill(): Promise<void> {
    this.expectedExit = true;
    await killProcessTree(this.child);
  }
}

/** The Node training process (dist/backend.js) over Node IPC with structured clone. */
export class BackendProcess extends ChildChannel {
  private constructor(child: ChildProcess, ready: ReadyInfo, opts: BackendProcessOptions, stderrTail: () => string) {
    super(child, ready, opts, stderrTail, {
      isOutOfMemory: isOutOfMemoryOutput,
      message: () => outOfMemoryMessage(effectiveMemoryMb(opts.maxMemoryMb)),
    });
    child.on('message', (raw: unknown) => this.receive(raw));
  }

  protected post(req: HostRequest): void { this.child.send(req); }
  protected get open(): boolean { return this.child.connected; }

  static async start(opts: BackendProcessOptions): Promise<BackendProcess> {
    const child = fork(opts.backendPath, [], {
      execPath: opts.execPath ?? process.execPath,
      execArgv: [`--max-old-space-size=${effectiveMemoryMb(opts.maxMemoryMb)}`],
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: process.platform !== 'win32',
      // In desktop VS Code process.execPath is Electron: make it behave as plain Node.
      env: { ...(opts.env ?? process.env), ELECTRON_RUN_AS_NODE: '1' },
    });
    const tail = forwardOutput(child, opts.onLog);
    const ready = await waitForReady(child, (fn) => { child.on('message', fn); return () => child.off('message', fn); }, opts.readyTimeoutMs ?? 20_000);
    return new BackendProcess(child, ready, opts, tail);
  }
}

/** At most `max` automatic restarts within `windowMs`; then the failure is reported instead. */
export class RestartPolicy {
  private readonly crashes: number[] = [];
  constructor(readonly max = 5, readonly windowMs = 3 * 60_000, private readonly now: () => number = Date.now) {}
  /** Records a crash; true when another automatic restart is allowed. */
  allowRestart(): boolean {
    const t = this.now();
    while (this.crashes.length > 0 && t - this.crashes[0]! > this.windowMs) this.crashes.shift();
    if (this.crashes.length >= this.max) return false;
    this.crashes.push(t);
    return true;
  }
  get recentRestarts(): number { return this.crashes.length; }
}
