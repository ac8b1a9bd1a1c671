// A saved run replayed into a panel: the same surface as a live session, with the events read
// from disk and controls that do nothing (the run is over).
import type { BackendEvent } from '../../protocol/backend';
import { Emitter, type SessionSnapshot, type SessionState, type TrainingSessionLike } from './trainingSession';

export class RecordedSession implements TrainingSessionLike {
  private readonly emitter = new Emitter<BackendEvent>();
  readonly onEvent = this.emitter.event;
  readonly live = false;
  readonly state: SessionState;

  constructor(private readonly recorded: readonly BackendEvent[]) {
    let state: SessionState = 'stopped';
    for (const e of recorded) if (e.kind === 'state') state = e.state;
    // A run whose log ends mid-training was cut short (process killed): say so, don't pretend.
    this.state = state === 'running' || state === 'paused' || state === 'starting' || state === 'stopping' ? 'crashed' : state;
  }

  events(): readonly BackendEvent[] { return this.recorded; }
  snapshot(): SessionSnapshot {
    const runStarted = this.recorded.find((e) => e.kind === 'runStarted') ?? null;
    return { runStarted: runStarted?.kind === 'runStarted' ? runStarted : null, state: this.state, events: this.recorded, restarts: 0, live: false };
  }
  async pause(): Promise<void> { /* a recorded run cannot be controlled */ }
  async resume(): Promise<void> { /* a recorded run cannot be controlled */ }
  async step(): Promise<void> { /* a recorded run cannot be controlled */ }
  async stop(): Promise<void> { /* a recorded run cannot be controlled */ }
  dispose(): void { this.emitter.dispose(); }
}
