// The PyTorch engine's process as the host (and the CLI) drives it: python/model_lens/backend.py
// started with the interpreter discovery chose, speaking src/protocol/backend.ts in frames over
// file descriptors 3 (requests) and 4 (messages); every message is validated on receipt. It is the
// same channel as the Node backend's (ChildChannel: ids, timeouts, stop-then-kill of the process
// group, the exit verdict), so sessions, panels and the CLI treat both engines alike.
// No `vscode` import: the lifecycle tests drive the real Python process with plain mocha.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { BackendEvent, HostRequest } from '../../protocol/backend';
import { EVENT_LOG_NAME, EventLogWriter, RunFileError } from '../../backend/eventLog';
import { ChildChannel, forwardOutput, killProcessTree, waitForReady, type BackendHandlers, type ReadyInfo } from '../training/backendProcess';
import { FrameDecoder, FrameError, encodeFrame } from './frames';

/** Importing torch alone reserves ~0.8 GB of address space; the cap (RLIMIT_AS) never goes below this. */
export const TORCH_MIN_MEMORY_MB = 1536;

export function pythonMemoryMb(settingMb: number): number {
  return Math.max(TORCH_MIN_MEMORY_MB, Math.round(settingMb));
}

/** Started with -c so nothing of the working directory or the workspace lands on sys.path first. */
export const BACKEND_BOOTSTRAP = 'import sys; sys.path.insert(0, sys.argv[1]); from model_lens.backend import main; main()';

export interface PythonBackendOptions extends BackendHandlers {
  /** The interpreter (the probed sys.executable). */
  python: string;
  /** The folder holding model_lens/ (the extension's python/). */
  packageDir: string;
  /** modelLens.backend.maxMemoryMb; applied as an address-space cap of at least TORCH_MIN_MEMORY_MB. */
  maxMemoryMb: number;
  env?: NodeJS.ProcessEnv;
  /** torch's import takes 1–5 s, more on a loaded machine. */
  readyTimeoutMs?: number;
  /** Another entry point of python/model_lens speaking the same protocol (the script probe), its arguments and working directory. */
  entry?: { bootstrap: string; args: string[]; cwd: string };
}

export function isPythonOutOfMemory(stderrTail: string): boolean {
  return /MemoryError|can't allocate memory|Cannot allocate memory|std::bad_alloc/.test(stderrTail);
}

export function pythonOutOfMemoryMessage(limitMb: number): string {
  return `the training process ran out of memory (limit ${limitMb} MB of address space, setting modelLens.backend.maxMemoryMb)`;
}

/** The environment the engine runs in: the person's, plus what keeps it quiet and fair. */
export function pythonEnvironment(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...base,
    // Idle OpenMP threads sleep instead of spinning: on a shared machine spinning threads made a
    // two-thread LSTM step 10× slower here. The thread count itself is measured per run.
    OMP_WAIT_POLICY: base.OMP_WAIT_POLICY ?? 'PASSIVE',
    // Never write __pycache__ into the extension's folder (it may be read-only).
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
  };
}

/**
 * Starts one of our Python entry points (a `-c` bootstrap that runs python/model_lens) with the
 * host's pipes on fds 3 (requests) and 4 (messages), in its own process group so the whole tree
 * can be killed, under the memory cap.
 */
export function spawnPythonSide(python: string, bootstrap: string, packageDir: string, memoryMb: number, env: NodeJS.ProcessEnv, extra?: { args: string[]; cwd: string }): ChildProcess {
  return spawn(python, ['-u', '-c', bootstrap, packageDir, '--memory-mb', String(memoryMb), ...(extra?.args ?? [])], {
    cwd: extra?.cwd ?? packageDir,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
    env: pythonEnvironment(env),
    windowsHide: true,
  });
}

/** Appends the run's validated events to its events.log (Python writes run.json and checkpoints). */
class RunLog {
  private writer: EventLogWriter | null = null;
  private failed = false;
  /** Called once when the log cannot be written (a full disk…); the events still reach the host. */
  onFailure: (err: RunFileError) => void = () => undefined;
  append(e: BackendEvent): void {
    try {
      if (e.kind === 'runStarted' && e.runDir) {
        this.close();
        this.failed = false;
        this.writer = new EventLogWriter(join(e.runDir, EVENT_LOG_NAME));
      }
      this.writer?.append(e);
    } catch (err) {
      this.writer = null;
      if (!(err instanceof RunFileError)) throw err;
      if (!this.failed) { this.failed = true; this.onFailure(err); }
    }
    if (e.kind === 'state' && (e.state === 'finished' || e.state === 'failed' || e.state === 'stopped')) this.close();
  }
  close(): void {
    try { this.writer?.close(); } catch { /* the records written so far stay readable */ }
    this.writer = null;
  }
}

/** Where the frames travel: fds 3/4 of the child, or a Unix socket that a launcher's rank 0 connected to. */
export interface FramePipes { requests: Writable; messages: Readable }

export class PythonBackendProcess extends ChildChannel {
  private readonly requests: Writable;
  private readonly log: RunLog;

  private constructor(child: ChildProcess, ready: ReadyInfo, opts: PythonBackendOptions, stderrTail: () => string, log: RunLog, frames: StreamFrames, requests: Writable) {
    super(child, ready, { ...opts, onEvent: (e) => { log.append(e); opts.onEvent(e); } }, stderrTail, {
      isOutOfMemory: isPythonOutOfMemory,
      message: () => pythonOutOfMemoryMessage(pythonMemoryMb(opts.maxMemoryMb)),
    });
    this.log = log;
    // The run cannot be recorded: say why and stop it (what was written stays readable).
    log.onFailure = (err) => {
      opts.onEvent({ kind: 'error', t: Date.now(), step: null, message: `${err.message}; the run stops` });
      void this.request({ type: 'stop' }).catch(() => undefined);
    };
    this.requests = requests;
    frames.onMessage = (raw) => this.receive(raw);
  }

  protected post(req: HostRequest): void { this.requests.write(encodeFrame(req)); }
  protected get open(): boolean { return !this.requests.destroyed && this.requests.writable; }
  protected override onExited(): void { this.log.close(); }

  static async start(opts: PythonBackendOptions): Promise<PythonBackendProcess> {
    const child = opts.entry
      ? spawnPythonSide(opts.python, opts.entry.bootstrap, opts.packageDir, opts.maxMemoryMb > 0 ? pythonMemoryMb(opts.maxMemoryMb) : 0, opts.env ?? process.env, opts.entry)
      : spawnPythonSide(opts.python, BACKEND_BOOTSTRAP, opts.packageDir, pythonMemoryMb(opts.maxMemoryMb), opts.env ?? process.env);
    return PythonBackendProcess.attach(child, opts);
  }

  /**
   * Drives a process already started the way `start` starts one (discovery's serving probe, whose
   * torch is imported by now): its output goes to the log from here on, and it is ready once its
   * `ready` frame (waiting in the fd 4 pipe) is read.
   */
  static async attach(child: ChildProcess, opts: PythonBackendOptions): Promise<PythonBackendProcess> {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the PyTorch engine had already exited (${child.signalCode ?? `code ${String(child.exitCode)}`})`);
    const tail = forwardOutput(child, opts.onLog);
    child.stdout?.resume();
    child.stderr?.resume();
    return PythonBackendProcess.over(child, { requests: child.stdio[3] as Writable, messages: child.stdio[4] as Readable }, tail, opts);
  }

  /**
   * The channel over `pipes` for a started `child` (whose process group is ended on stop and whose
   * exit ends the channel): the same frames, validation and ready wait as `start`. `attach` uses
   * fds 3/4; a launcher's rank 0 (torchrun) a Unix socket (scriptProbe.ts).
   */
  static async over(child: ChildProcess, pipes: FramePipes, stderrTail: () => string, opts: PythonBackendOptions): Promise<PythonBackendProcess> {
    const frames = new StreamFrames(child, pipes, opts.onLog);
    const ready = await waitForReady(child, (fn) => frames.subscribe(fn), opts.readyTimeoutMs ?? 90_000, 'the PyTorch engine');
    return new PythonBackendProcess(child, ready, opts, stderrTail, new RunLog(), frames, pipes.requests);
  }
}

/** Frames from the messages pipe to one listener; a corrupt stream ends the process (it cannot resync). */
class StreamFrames {
  onMessage: ((raw: unknown) => void) | null = null;
  private readonly decoder = new FrameDecoder();
  constructor(child: ChildProcess, pipes: FramePipes, onLog: ((line: string) => void) | undefined) {
    const messages = pipes.messages;
    messages.on('data', (chunk: Buffer) => {
      let decoded: unknown[];
      try {
        decoded = this.decoder.push(chunk);
      } catch (err) {
        onLog?.(`the PyTorch engine sent an unreadable frame (${err instanceof FrameError ? err.message : String(err)}); ending it`);
        messages.removeAllListeners('data');
        void killProcessTree(child);
        return;
      }
      for (const m of decoded) this.onMessage?.(m);
    });
    // An 'error' on a pipe (the child died mid-write) is reported through the exit path.
    messages.on('error', () => undefined);
    pipes.requests.on('error', () => undefined);
  }
  subscribe(fn: (raw: unknown) => void): () => void {
    this.onMessage = fn;
    return () => { if (this.onMessage === fn) this.onMessage = null; };
  }
}
