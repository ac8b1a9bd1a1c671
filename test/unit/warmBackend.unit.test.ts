// A training process started ahead of the run (while the sample list is open): the run takes it
// over with its engine already selected and warm; one prepared for other settings, or left
// untaken, is stopped. Real dist/backend.js.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { BackendEvent } from '../../src/protocol/backend';
import { TrainingSession } from '../../src/host/training/trainingSession';
import { WarmBackend } from '../../src/host/training/warmBackend';
import { backendJs, ensureBackendBuilt, ensureMnist, runConfig, tempRunsDir, wasmDir } from './backendSupport';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}
async function until(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!probe()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a training process started ahead of the run', function () {
  this.timeout(180_000);
  const dirs: string[] = [];
  const prewarmEnv = { ...process.env, MODEL_LENS_PREWARM: JSON.stringify({ engine: 'wasm', wasmDir, nativeModulePaths: [] }) };
  before(async () => {
    await ensureMnist();
    ensureBackendBuilt();
  });
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it('the run takes it over: same process, engine selected before the run asked, the run finishes', async () => {
    const lines: string[] = [];
    const warm = new WarmBackend((l) => lines.push(l));
    warm.prepare('k', { backendPath: backendJs, maxMemoryMb: 1024, env: prewarmEnv });
    await until('the prepared engine', () => lines.some((l) => /engine ready ahead of the run in \d+ ms: wasm/.test(l)), 120_000);
    const taken = warm.take('k');
    assert.ok(taken);
    const pid = (await taken.ready).pid;
    const runsDir = tempRunsDir(); dirs.push(runsDir);
    const sessionLog: string[] = [];
    const session = new TrainingSession({ backendPath: backendJs, maxMemoryMb: 1024, config: runConfig('perceptron', { runsDir }), log: (l) => sessionLog.push(l), warm: taken });
    const events: BackendEvent[] = [];
    session.onEvent((e) => events.push(e));
    try {
      await session.start();
      assert.equal(session.pid, pid, 'the run is in the prepared process');
      assert.ok(sessionLog.some((l) => l.includes(`started ahead of the run (${pid})`)), sessionLog.join('\n'));
      await until('the run to finish', () => events.some((e) => e.kind === 'finished'), 120_000);
      assert.equal(warm.take('k'), null, 'handed over once');
    } finally {
      await session.dispose();
      warm.dispose();
    }
  });

  it('one prepared for other settings is stopped, and the run starts its own', async () => {
    const warm = new WarmBackend(() => undefined);
    warm.prepare('engine=wasm', { backendPath: backendJs, maxMemoryMb: 1024, env: prewarmEnv });
    const stale = warm.take('engine=cpu');
    assert.equal(stale, null);
    warm.prepare('engine=wasm', { backendPath: backendJs, maxMemoryMb: 1024, env: prewarmEnv });
    const taken = warm.take('engine=wasm');
    assert.ok(taken);
    const pid = (await taken.ready).pid;
    // Nobody attached: a session disposed before it started stops the process it was given.
    const session = new TrainingSession({ backendPath: backendJs, maxMemoryMb: 1024, config: runConfig('perceptron'), log: () => undefined, warm: taken });
    await session.dispose();
    await until(`prepared process ${pid} to be stopped`, () => !alive(pid), 10_000);
  });

  it('left untaken, it is stopped after the idle time', async () => {
    const warm = new WarmBackend(() => undefined, 1500);
    warm.prepare('k', { backendPath: backendJs, maxMemoryMb: 1024, env: prewarmEnv });
    const pid = (await warm.peek())?.pid ?? 0;
    assert.ok(pid > 0 && alive(pid));
    await until(`process ${pid} to be stopped after the idle time`, () => !alive(pid), 30_000);
    assert.equal(warm.peek(), null);
    warm.dispose();
  });

  // The threaded wasm build once started tfjs' 8 preloaded workers from one worker script file
  // rewritten for each: about 1 start in 6 waited forever for a worker. Every start must finish.
  it('the engine starts in every one of 12 fresh processes (engine auto, as users have it)', async () => {
    const autoEnv = { ...process.env, MODEL_LENS_PREWARM: JSON.stringify({ engine: 'auto', wasmDir, nativeModulePaths: [] }) };
    for (let i = 0; i < 12; i++) {
      const lines: string[] = [];
      const warm = new WarmBackend((l) => lines.push(l));
      warm.prepare('k', { backendPath: backendJs, maxMemoryMb: 1024, env: autoEnv });
      try {
        await until(`process ${i + 1}'s engine (log: ${lines.join(' | ')})`, () => lines.some((l) => /engine ready ahead of the run in \d+ ms: wasm/.test(l)), 60_000);
      } finally {
        warm.dispose();
      }
    }
  });
});
