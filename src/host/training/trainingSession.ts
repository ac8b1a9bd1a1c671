// One training run as the host sees it: the backend process behind it, its events (kept in full
// so a panel that opens late can draw everything), the controls, and the restart policy.
// Deliberately free of `vscode` so the lifecycle tests can drive it with the real backend; its
// listener API has the shape of vscode.Event, so panels subscribe the usual way.
import type { BackendEvent, RunConfig, RunStartedEvent } from '../../protocol/backend';
import { isEnded, type RunState } from '../../protocol/vocabulary';
import {
  BackendExitedError, BackendProcess, RestartPolicy, effectiveMemoryMb, type BackendChannel, type BackendExitInfo, type BackendHandlers, type RequestWithoutId,
} from './backendProcess';
import type { WarmProcess } from './warmBackend';

export interface Disposable { dispose(): void }
export type Listener<T> = (value: T) => void;
export type EventSubscribe<T> = (listener: Listener<T>) => Disposable;

export class Emitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event: EventSubscribe<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => { this.listeners.delete(listener); } };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) {
      try { l(value); } catch { /* one broken listener must not starve the others */ }
    }
  }
  dispose(): void { this.listeners.clear(); }
}

export type SessionState = RunState | 'idle' | 'crashed';

export interface SessionSnapshot {
  /** The last run's header (null before the backend has started one). */
  runStarted: RunStartedEvent | null;
  state: SessionState;
  /** Every event of the current run, in order (a restart begins a new run and a new list). */
  events: readonly BackendEvent[];
  restarts: number;
  live: boolean;
}

/** What a panel needs from a session: live, or replayed from disk (see recordedSession.ts). */
export interface TrainingSessionLike {
  readonly onEvent: EventSubscribe<BackendEvent>;
  readonly state: SessionState;
  readonly live: boolean;
  snapshot(): SessionSnapshot;
  events(): readonly BackendEvent[];
  pause(): Promise<void>;
  resume(): Promise<void>;
  step(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Resolves once the session has drawn its first loss point, failed or ended (whatever comes
 * first), or after `timeoutMs`. Work that competes with the run's first step for the CPU (opening
 * the sample's file, which starts the editor's language servers in a new window; analysing it for
 * the panel's per-layer numbers) waits for this.
 */
export function firstPointOrEnd(session: TrainingSessionLike, timeoutMs: number): Promise<void> {
  const decisive = (e: BackendEvent): boolean => e.kind === 'metrics' || e.kind === 'error' || e.kind === 'finished';
  if (!session.live || session.events().some(decisive)) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => { clearTimeout(timer); sub.dispose(); resolve(); };
    const timer = setTimeout(done, timeoutMs);
    const sub = session.onEvent((e) => { if (decisive(e) || (e.kind === 'state' && isEnded(e.state))) done(); });
  });
}

export interface TrainingSessionOptions {
  backendPath: string;
  maxMemoryMb: number;
  config: RunConfig;
  execPath?: string;
  log(line: string): void;
  restartPolicy?: RestartPolicy;
  /** A process started ahead of the run (warmBackend.ts), used for the first start only. */
  warm?: WarmProcess | null;
  /**
   * Starts the training process; default: the Node backend (backendPath). The PyTorch engine
   * passes a launcher that starts (or hands over an already started) Python process.
   */
  launch?(handlers: BackendHandlers): Promise<BackendChannel>;
  /** The memory cap the launched process really gets, for the out-of-memory report (default: the Node backend's). */
  memoryLimitMb?: number;
}

export class TrainingSession implements TrainingSessionLike {
  private readonly eventEmitter = new Emitter<BackendEvent>();
  private readonly fatal = new Emitter<string>();
  private readonly ended = new Emitter<SessionState>();
  readonly onEvent = this.eventEmitter.event;
  /** The backend kept crashing past the restart limit (message for the person). */
  readonly onFatal = this.fatal.event;
  /** The session ended: finished, stopped, failed or crashed for good. */
  readonly onDidEnd = this.ended.event;
  private backend: BackendChannel | null = null;
  private history: BackendEvent[] = [];
  private runStarted: RunStartedEvent | null = null;
  private current: SessionState = 'idle';
  private stopping = false;
  private readonly policy: RestartPolicy;
  private restarts = 0;
  private oomLimitMb: number | null = null;
  private warm: WarmProcess | null;
  readonly live = true;

  constructor(private readonly opts: TrainingSessionOptions) {
    this.policy = opts.restartPolicy ?? new RestartPolicy();
    this.warm = opts.warm ?? null;
  }

  get state(): SessionState { return this.current; }
  get pid(): number | null { return this.backend?.alive ? this.backend.pid : null; }
  get config(): RunConfig { return this.opts.config; }
  /** The heap cap (MB) the backend ran out of, when that is why the session ended; else null. */
  get outOfMemoryLimitMb(): number | null { return this.oomLimitMb; }

  /** Every event of the current run so far (what a late panel replays). */
  events(): readonly BackendEvent[] { return this.history; }

  snapshot(): SessionSnapshot {
    return { runStarted: this.runStarted, state: this.current, events: this.history, restarts: this.restarts, live: this.live };
  }

  private receive(e: BackendEvent): void {
    if (e.kind === 'runStarted') { this.history = []; this.runStarted = e; }
    if (e.kind === 'state') this.current = e.state;
    this.history.push(e);
    this.eventEmitter.fire(e);
    // Why this run began again (a restart notice) belongs to the new run's history.
    if (e.kind === 'runStarted') for (const notice of this.carried.splice(0)) this.hostEvent(notice);
    if (e.kind === 'state' && (e.state === 'finished' || e.state === 'failed' || e.state === 'stopped')) {
      // The run is over: free the process (its memory is the model and the data).
      this.stopping = true;
      void this.backend?.shutdown(2000);
      this.ended.fire(e.state);
    }
  }

  private readonly carried: BackendEvent[] = [];

  private hostEvent(e: BackendEvent, carryIntoNextRun = false): void {
    if (carryIntoNextRun) this.carried.push(e);
    this.history.push(e);
    this.eventEmitter.fire(e);
  }

  /** Forks the backend and starts the run; rejects if the backend refuses it (bad sample, untrusted…). */
  async start(): Promise<string> {
    this.stopping = false;
    const handlers: BackendHandlers = {
      onEvent: (e) => this.receive(e),
      onLog: (l) => this.opts.log(`[backend] ${l}`),
      onExit: (info) => this.onBackendExit(info),
    };
    this.backend = this.opts.launch ? await this.opts.launch(handlers) : await this.takeWarm(handlers) ?? await BackendProcess.start({
      backendPath: this.opts.backendPath, maxMemoryMb: this.opts.maxMemoryMb,
      ...(this.opts.execPath ? { execPath: this.opts.execPath } : {}),
      ...handlers,
    });
    this.opts.log(`training process ${this.backend.pid} ready (memory limit ${this.backend.ready.heapLimitMb || 'none'}${this.backend.ready.heapLimitMb ? ' MB' : ''}, ${this.backend.ready.runtime})`);
    const res = await this.backend.request({ type: 'start', config: this.opts.config });
    if (!res.ok) {
      await this.backend.kill();
      this.current = 'failed';
      throw new Error(res.error);
    }
    return res.runId ?? '';
  }

  /** The process started ahead of this run, if it came up and is still alive. */
  private async takeWarm(sink: Parameters<WarmProcess['attach']>[0]): Promise<BackendProcess | null> {
    const warm = this.warm;
    this.warm = null;
    if (warm == null) return null;
    const b = await warm.ready.catch(() => null);
    if (b == null || !b.alive) return null;
    warm.attach(sink);
    this.opts.log(`using the training process started ahead of the run (${b.pid})`);
    return b;
  }

  private onBackendExit(info: BackendExitInfo): void {
    if (info.expected || this.stopping) return;
    const how = info.signal ?? `exit code ${String(info.code)}`;
    this.opts.log(`training process ended unexpectedly (${how})`);
    if (info.outOfMemory) {
      this.oomLimitMb = this.opts.memoryLimitMb ?? effectiveMemoryMb(this.opts.maxMemoryMb);
      // The same model on the same cap runs out again: restarting would only repeat the crash.
      const message = `${info.description.charAt(0).toUpperCase()}${info.description.slice(1)}. The run is stopped and not restarted; raise the setting or make the model smaller.`;
      this.giveUp(message);
      return;
    }
    if (this.policy.allowRestart()) {
      this.restarts++;
      const message = `The training process ended unexpectedly (${how}); restarting the run (${this.policy.recentRestarts}/${this.policy.max} in ${this.policy.windowMs / 60_000} min).`;
      this.hostEvent({ kind: 'log', t: Date.now(), level: 'warn', message }, true);
      this.start().catch((err: unknown) => {
        // A crash during the restart is counted by the exit path like any other crash.
        if (!(err instanceof BackendExitedError)) this.giveUp(`could not restart the training process: ${(err as Error).message}`);
      });
    } else {
      this.giveUp(`The training process crashed ${this.policy.max + 1} times within ${this.policy.windowMs / 60_000} minutes (last: ${how}). Automatic restarts are stopped; see the Model Lens log.`);
    }
  }

  private giveUp(message: string): void {
    this.current = 'crashed';
    this.hostEvent({ kind: 'error', t: Date.now(), step: null, message });
    this.fatal.fire(message);
    this.ended.fire('crashed');
  }

  private async control(req: RequestWithoutId): Promise<void> {
    if (!this.backend?.alive) return;
    const res = await this.backend.request(req);
    if (!res.ok) throw new Error(res.error);
  }
  pause(): Promise<void> { return this.control({ type: 'pause' }); }
  resume(): Promise<void> { return this.control({ type: 'resume' }); }
  step(): Promise<void> { return this.control({ type: 'step' }); }

  /** Stops the run and ends the process tree (within ~2 s). */
  async stop(): Promise<void> {
    this.stopping = true;
    const b = this.backend;
    if (b?.alive) await b.shutdown(2000);
    if (this.current !== 'finished' && this.current !== 'failed' && this.current !== 'stopped') {
      this.current = 'stopped';
      this.hostEvent({ kind: 'state', t: Date.now(), state: 'stopped', step: this.lastStep() });
      this.ended.fire('stopped');
    }
  }

  private lastStep(): number {
    for (let i = this.history.length - 1; i >= 0; i--) {
      const e = this.history[i]!;
      if ('step' in e && typeof e.step === 'number') return e.step;
    }
    return 0;
  }

  async dispose(): Promise<void> {
    const warm = this.warm;
    this.warm = null;
    if (warm) void warm.ready.then((b) => b.kill(), () => undefined);
    await this.stop();
    this.eventEmitter.dispose(); this.fatal.dispose(); this.ended.dispose();
  }
}
