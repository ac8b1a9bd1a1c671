// A training process started before it is needed: "Train Sample Model" starts one (and its
// engine: MODEL_LENS_PREWARM, see src/backend/main.ts) while the person reads the list of
// samples, and the run that follows takes it over. Starting the process, compiling the wasm
// engine and the first calls of its kernels take about two seconds that would otherwise come
// between the click and the first point. Free of `vscode` (tested with the real backend).
import { BackendProcess, type BackendHandlers, type BackendProcessOptions } from './backendProcess';

/** Where the process's events go once a session owns it. */
/** Where a taken process's events go: the session's own handlers. */
export type BackendSink = BackendHandlers;

/** A prepared process handed to a session: wait for it, then attach the session's handlers. */
export interface WarmProcess {
  ready: Promise<BackendProcess>;
  attach(sink: BackendSink): void;
}

export type WarmOptions = Omit<BackendProcessOptions, 'onEvent' | 'onLog' | 'onExit'>;

interface Pending { key: string; ready: Promise<BackendProcess>; sink: { current: BackendSink | null }; timer: ReturnType<typeof setTimeout> }

export class WarmBackend {
  private pending: Pending | null = null;

  /** `idleMs`: a prepared process nobody takes is stopped after this long (it holds ~150 MB). */
  constructor(private readonly log: (line: string) => void, private readonly idleMs = 120_000) {}

  /** Starts a process for runs with these settings (`key`), unless one is already prepared. */
  prepare(key: string, opts: WarmOptions): void {
    if (this.pending?.key === key) {
      this.pending.timer.refresh();
      return;
    }
    this.discard();
    const sink: Pending['sink'] = { current: null };
    const ready = BackendProcess.start({
      ...opts,
      onEvent: (e) => sink.current?.onEvent(e),
      onLog: (l) => (sink.current ? sink.current.onLog?.(l) : this.log(`[backend, prepared] ${l}`)),
      onExit: (info) => sink.current?.onExit(info),
    });
    // A failure here is the next run's to report (it starts its own process instead).
    const startedAt = Date.now();
    ready.then((b) => this.log(`prepared training process ${b.pid} answered after ${Date.now() - startedAt} ms`),
      (err: unknown) => this.log(`prepared training process did not start: ${(err as Error).message}`));
    const timer = setTimeout(() => this.discard(), this.idleMs);
    timer.unref?.();
    this.pending = { key, ready, sink, timer };
  }

  /** The prepared process for `key`, handed over once; null when there is none for these settings. */
  take(key: string): WarmProcess | null {
    const p = this.pending;
    if (p == null) return null;
    this.pending = null;
    clearTimeout(p.timer);
    if (p.key !== key) {
      void p.ready.then((b) => b.kill(), () => undefined);
      return null;
    }
    return { ready: p.ready, attach: (s) => { p.sink.current = s; } };
  }

  /** The prepared process without handing it over (logs and tests). */
  peek(): Promise<BackendProcess> | null {
    return this.pending?.ready ?? null;
  }

  /** Stops a prepared process nobody took. */
  discard(): void {
    const p = this.pending;
    this.pending = null;
    if (p == null) return;
    clearTimeout(p.timer);
    void p.ready.then((b) => b.kill(), () => undefined);
  }

  dispose(): void { this.discard(); }
}
