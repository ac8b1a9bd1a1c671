// A person's own training script run with the probe, as a session the training panel can show:
// the same TrainingSessionLike as a sample's run (events kept for panels that open late, pause /
// step / resume / stop), but never restarted — a script that crashed is the person's to rerun.
// No `vscode` import: the unit tests drive it with the real probe.
import type { BackendEvent, RunStartedEvent } from '../../protocol/backend';
import type { BackendChannel, BackendExitInfo } from './backendProcess';
import { startScriptProbe, startTorchrunProbe, type ScriptRunSpec } from '../python/scriptProbe';
import { Emitter, type SessionSnapshot, type SessionState, type TrainingSessionLike } from './trainingSession';

export interface ScriptSessionOptions {
  python: string;
  packageDir: string;
  spec: ScriptRunSpec;
  /** modelLens.backend.maxMemoryMb, or 0 for no cap. */
  maxMemoryMb: number;
  env?: NodeJS.ProcessEnv;
  /** 2 or more: a distributed script started by torchrun with this many processes (rank 0 is shown). */
  processes?: number;
  /** The script's own stdout/stderr, line by line (torchrun's and every rank's under torchrun). */
  onOutput(line: string): void;
}

const FINAL: readonly SessionState[] = ['finished', 'failed', 'stopped', 'crashed'];

export class ScriptSession implements TrainingSessionLike {
  private readonly emitter = new Emitter<BackendEvent>();
  private readonly ended = new Emitter<SessionState>();
  readonly onEvent = this.emitter.event;
  /** The script ended: finished, stopped, failed, or its process ended without saying (crashed). */
  readonly onDidEnd = this.ended.event;
  readonly live = true;
  private channel: BackendChannel | null = null;
  private history: BackendEvent[] = [];
  private started: RunStartedEvent | null = null;
  private current: SessionState = 'idle';

  constructor(private readonly opts: ScriptSessionOptions) {}

  get state(): SessionState { return this.current; }
  get pid(): number | null { return this.channel?.alive ? this.channel.pid : null; }
  get script(): string { return this.opts.spec.script; }
  events(): readonly BackendEvent[] { return this.history; }
  snapshot(): SessionSnapshot {
    return { runStarted: this.started, state: this.current, events: this.history, restarts: 0, live: this.channel?.alive ?? false };
  }

  /** Starts the probe; resolves once torch is imported and the script runs. */
  async start(): Promise<void> {
    this.current = 'starting';
    const options = {
      python: this.opts.python, packageDir: this.opts.packageDir, maxMemoryMb: this.opts.maxMemoryMb, spec: this.opts.spec,
      ...(this.opts.env ? { env: this.opts.env } : {}),
      onEvent: (e: BackendEvent) => this.receive(e),
      onLog: (line: string) => this.opts.onOutput(line),
      onExit: (info: BackendExitInfo) => this.exited(info),
    };
    const processes = this.opts.processes ?? 1;
    this.channel = await (processes > 1 ? startTorchrunProbe({ ...options, nproc: processes }) : startScriptProbe(options));
  }

  private receive(e: BackendEvent): void {
    if (e.kind === 'runStarted') this.started = e;
    if (e.kind === 'state') this.current = e.state;
    this.history.push(e);
    this.emitter.fire(e);
    if (e.kind === 'state' && FINAL.includes(e.state)) this.ended.fire(e.state);
  }

  private exited(info: BackendExitInfo): void {
    if (FINAL.includes(this.current)) return;
    this.receive({ kind: 'error', t: Date.now(), step: null, message: `the script's process ended without saying how (${info.description})` });
    this.receive({ kind: 'state', t: Date.now(), state: 'crashed', step: 0 });
  }

  async pause(): Promise<void> { await this.channel?.request({ type: 'pause' }); }
  async resume(): Promise<void> { await this.channel?.request({ type: 'resume' }); }
  async step(): Promise<void> { await this.channel?.request({ type: 'step' }); }
  /** Stops at the next optimizer step, or ends the process group (DataLoader workers included) within 2 s. */
  async stop(): Promise<void> { await this.channel?.shutdown(2000); }
  async dispose(): Promise<void> {
    await this.stop();
    this.emitter.dispose();
    this.ended.dispose();
  }
}
