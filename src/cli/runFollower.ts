// What `model-lens train` and `model-lens run` both do while a run streams: keep its folder, state,
// last step and last error from the events, end the wait when the run reaches a final state or its
// process ends without one, answer Ctrl-C (the first asks the run to stop, the second ends the
// process at once), and say the summary and exit status. How each event is printed is the caller's.
import type { BackendEvent } from '../protocol/backend';
import type { RunState } from '../protocol/vocabulary';
import type { BackendChannel, BackendExitInfo } from '../host/training/backendProcess';

const isFinal = (s: RunState): boolean => s === 'finished' || s === 'failed' || s === 'stopped';

export class RunFollower {
  runDir: string | null = null;
  state: RunState = 'starting';
  step = 0;
  lastError: string | null = null;
  /** Why the run ended without a final state of its own (its process died, a second Ctrl-C). */
  exitNote: string | null = null;
  interrupts = 0;
  /** Resolves when the run reached a final state or its process ended. */
  readonly ended: Promise<void>;
  private settle: () => void = () => undefined;

  /**
   * `print` shows each event (progress lines or the --json stream); `noteForExit` phrases a process
   * that ended before the run reached a final state.
   */
  constructor(private readonly print: (e: BackendEvent) => void, private readonly noteForExit: (info: BackendExitInfo) => string) {
    this.ended = new Promise((resolve) => { this.settle = resolve; });
  }

  readonly onEvent = (e: BackendEvent): void => {
    if (e.kind === 'runStarted') this.runDir = e.runDir;
    if ('step' in e && typeof e.step === 'number') this.step = Math.max(this.step, e.step);
    if (e.kind === 'error') this.lastError = e.message;
    this.print(e);
    if (e.kind === 'state') {
      this.state = e.state;
      if (isFinal(this.state)) this.settle();
    }
  };

  readonly onExit = (info: BackendExitInfo): void => {
    if (!isFinal(this.state)) {
      this.exitNote = this.noteForExit(info);
      this.state = 'crashed';
    }
    this.settle();
  };

  /**
   * Ctrl-C while the run goes on: the first says `first` and asks the run to stop, the second says
   * `second` (if any) and ends the process at once, noting `secondNote`. Returns the remover.
   */
  onInterrupt(channel: BackendChannel, say: (line: string) => void, words: { first: string; second?: string; secondNote: string }): () => void {
    const handler = (): void => {
      this.interrupts++;
      if (this.interrupts === 1) {
        say(words.first);
        void channel.request({ type: 'stop' }).catch(() => undefined);
        return;
      }
      if (words.second !== undefined) say(words.second);
      this.exitNote = words.secondNote;
      this.state = 'crashed';
      void channel.kill().then(() => this.settle());
    };
    process.on('SIGINT', handler);
    return () => { process.off('SIGINT', handler); };
  }

  /** The --json stream's last line; `extra` goes after the step (train's held-out results). */
  summary(extra: Record<string, unknown> = {}): string {
    return JSON.stringify({ kind: 'summary', runDir: this.runDir, state: this.state, step: this.step, ...extra,
      ...(this.lastError !== null && this.state !== 'finished' ? { error: this.lastError } : {}) });
  }

  /** 0 finished or stopped, 130 ended by a second Ctrl-C, 1 otherwise. */
  exitStatus(): number {
    return this.state === 'finished' || this.state === 'stopped' ? 0 : this.state === 'crashed' && this.interrupts > 1 ? 130 : 1;
  }
}
