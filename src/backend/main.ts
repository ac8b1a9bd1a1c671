// The training process (dist/backend.js), forked by the extension host with an IPC channel and
// `serialization: 'advanced'`. It validates every request, runs one training run at a time and
// streams events back. It must never outlive its parent: it exits when the IPC channel closes
// and, in case that signal is lost, when a poll finds the parent gone.
import { getHeapStatistics } from 'node:v8';
import { isHostRequest, type BackendMessage, type HostRequest } from '../protocol/backend';
import { ENGINE_PREFS, type EnginePref } from '../protocol/vocabulary';
import { prewarm, startRun, type RunHandle } from './runSession';

const PARENT_POLL_MS = 500;

// Samples run in this process. One that calls process.exit() would end it with no word of why
// (the host would see a training process that "exited with code 0"): the call throws instead,
// inside the sample's code, and the run fails saying so. Our own exits use the real one.
const realExit: (code?: number) => never = process.exit.bind(process);
process.exit = ((code?: number | string | null) => {
  throw new Error(`the sample called process.exit(${code ?? ''}); a sample returns from its functions and never ends the training process`);
}) as typeof process.exit;

function send(message: BackendMessage): void {
  if (process.connected && process.send) process.send(message);
}

function exitBecause(reason: string, code = 0): never {
  process.stderr.write(`[model-lens backend] exiting: ${reason}\n`);
  realExit(code);
}

function parentAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function watchParent(): void {
  const parent = process.ppid;
  process.on('disconnect', () => exitBecause('the extension host closed the channel'));
  // Reparenting (ppid changes to init or a subreaper) is how a dead parent shows on POSIX.
  setInterval(() => {
    if (process.ppid !== parent || !parentAlive(parent)) exitBecause(`parent process ${parent} is gone`);
  }, PARENT_POLL_MS).unref();
}

interface BackendState { run: RunHandle | null }

async function handle(state: BackendState, req: HostRequest): Promise<void> {
  const ok = (runId?: string): void => send({ type: 'response', id: req.id, ok: true, ...(runId ? { runId } : {}) });
  const fail = (error: string): void => send({ type: 'response', id: req.id, ok: false, error });
  const run = state.run;
  switch (req.type) {
    case 'ping': ok(); return;
    case 'start': {
      if (run && !['finished', 'stopped', 'failed'].includes(run.trainer.currentState)) { fail('a run is already in progress in this backend'); return; }
      try {
        const handle = await startRun(req.config, (event) => send({ type: 'event', event }));
        state.run = handle;
        handle.done.catch((err: unknown) => process.stderr.write(`[model-lens backend] run failed: ${String(err)}\n`));
        ok(handle.runId);
      } catch (err) {
        fail((err as Error).message);
      }
      return;
    }
    case 'pause': case 'resume': case 'step': case 'stop': {
      if (!run) { fail(`nothing to ${req.type}: no run has started`); return; }
      if (req.type === 'pause') run.trainer.pause();
      else if (req.type === 'resume') run.trainer.resume();
      else if (req.type === 'step') run.trainer.singleStep();
      else {
        run.trainer.stop();
        await run.done;
      }
      ok(run.runId);
      return;
    }
  }
}

function main(): void {
  if (!process.send) exitBecause('dist/backend.js is started by the extension with an IPC channel; use `model-lens train` on a terminal', 2);
  watchParent();
  const state: BackendState = { run: null };
  process.on('message', (raw: unknown) => {
    if (!isHostRequest(raw)) {
      const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number' ? (raw as { id: number }).id : -1;
      process.stderr.write('[model-lens backend] dropped a malformed request\n');
      if (id >= 0) send({ type: 'response', id, ok: false, error: 'malformed request' });
      return;
    }
    void handle(state, raw);
  });
  send({ type: 'ready', pid: process.pid, heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20), runtime: `Node ${process.version}` });
  prewarmFromEnv();
}

/** MODEL_LENS_PREWARM={"engine":…,"wasmDir":…,"nativeModulePaths":[…]}: the host started this process
 *  ahead of a run (warmBackend.ts); select the engine and warm it up now. A run's own settings
 *  still decide: a different engine preference selects again. */
function prewarmFromEnv(): void {
  const raw = process.env['MODEL_LENS_PREWARM'];
  if (!raw) return;
  let cfg: { engine?: unknown; wasmDir?: unknown; nativeModulePaths?: unknown };
  try { cfg = JSON.parse(raw) as typeof cfg; } catch { process.stderr.write('[model-lens backend] ignoring an unreadable MODEL_LENS_PREWARM\n'); return; }
  const { engine, wasmDir, nativeModulePaths } = cfg;
  if (typeof engine !== 'string' || !(ENGINE_PREFS as readonly string[]).includes(engine) || typeof wasmDir !== 'string'
    || !(Array.isArray(nativeModulePaths) && nativeModulePaths.every((p) => typeof p === 'string'))) {
    process.stderr.write('[model-lens backend] ignoring a malformed MODEL_LENS_PREWARM\n');
    return;
  }
  const started = Date.now();
  prewarm({ engine: engine as EnginePref, paths: { wasmDir, nativeModulePaths: nativeModulePaths as string[], samplesDir: '', dataDir: '', runsDir: '' } })
    .then((info) => process.stderr.write(`[model-lens backend] engine ready ahead of the run in ${Date.now() - started} ms: ${info.name}\n`))
    .catch((err: unknown) => process.stderr.write(`[model-lens backend] prewarm failed (the run will select again): ${String(err)}\n`));
}

main();
