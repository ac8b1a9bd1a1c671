// Lifecycle promises of the REAL training process (dist/backend.js, built from the current
// sources): memory cap (and a real out-of-memory in the child), stop within 2 s with no orphans, exit when the parent dies, at most 5
// automatic restarts in 3 minutes, malformed requests refused, workspace code refused.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendEvent, RunConfig } from '../../src/protocol/backend';
import { BackendProcess, RestartPolicy, effectiveMemoryMb } from '../../src/host/training/backendProcess';
import { TrainingSession } from '../../src/host/training/trainingSession';
import { alive, backendJs, ensureBackendBuilt, ensureMnist, runConfig, tempRunsDir, until } from './backendSupport';

function commandOf(pid: number): string {
  try { return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }); } catch { return ''; }
}
function childrenOf(pid: number): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' });
  return out.split('\n').map((l) => l.trim().split(/\s+/).map(Number)).filter(([, ppid]) => ppid === pid).map(([p]) => p!);
}

describe('training process lifecycle (real dist/backend.js)', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  const cleanup: (() => Promise<void>)[] = [];
  const longRun = (): RunConfig => {
    const d = tempRunsDir(); dirs.push(d);
    return runConfig('mlp-fit', { runsDir: d, hyper: { epochs: 100_000 } });
  };
  const session = (config: RunConfig, policy?: RestartPolicy): TrainingSession => {
    const s = new TrainingSession({ backendPath: backendJs, maxMemoryMb: 1024, config, log: () => undefined, ...(policy ? { restartPolicy: policy } : {}) });
    cleanup.push(() => s.dispose());
    return s;
  };
  const nextEvent = (s: TrainingSession, kind: BackendEvent['kind']): Promise<BackendEvent> => new Promise((resolve) => {
    const sub = s.onEvent((e) => { if (e.kind === kind) { sub.dispose(); resolve(e); } });
  });

  before(async () => {
    await ensureMnist();
    ensureBackendBuilt();
  });
  afterEach(async () => { for (const c of cleanup.splice(0)) await c(); });
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it('caps the child\'s heap at the configured size (an OOM kills the child, not the host)', async () => {
    const b = await BackendProcess.start({ backendPath: backendJs, maxMemoryMb: 300, onEvent: () => undefined, onExit: () => undefined });
    cleanup.push(() => b.kill());
    assert.ok(b.ready.heapLimitMb >= 300 && b.ready.heapLimitMb < 400, `heap limit ${b.ready.heapLimitMb} MB`);
  });

  it('a workspace model that eats memory kills only the child: clear error naming the cap, no restart loop, no orphan', async () => {
    const dir = tempRunsDir(); dirs.push(dir);
    const file = join(dir, 'hungryModel.js');
    // "User code that eats memory": building the model keeps every allocation reachable.
    writeFileSync(file, `module.exports = {
  description: { id: 'hungry', title: { en: 'hungry', zh: 'hungry' }, sections: [], dataset: { en: '-', zh: '-' }, goal: { en: '-', zh: '-' }, defaults: {} },
  create() {
    const kept = [];
    for (;;) kept.push(Array.from({ length: 1000 }, (_, i) => ({ i, s: 'x' + i })));
  },
};
`);
    const minimum = effectiveMemoryMb(0);
    assert.equal(minimum, 256, 'the cap\'s floor matches the setting\'s minimum');
    const logs: string[] = [];
    const s = new TrainingSession({
      backendPath: backendJs, maxMemoryMb: minimum, log: (l) => logs.push(l),
      config: { ...runConfig('mlp-fit', { runsDir: dir }), sample: { kind: 'file', path: file }, allowWorkspaceCode: true },
    });
    cleanup.push(() => s.dispose());
    const fatal = new Promise<string>((resolve) => s.onFatal(resolve));
    const heapBefore = process.memoryUsage().heapUsed;
    const startError = await s.start().then(() => null, (err: unknown) => err as Error);
    assert.ok(startError, 'start() must fail: the model never finished building');
    const expected = /ran out of memory \(limit 256 MB, setting modelLens\.backend\.maxMemoryMb\)/i;
    assert.match(startError.message, expected);
    const message = await fatal;
    assert.match(message, expected);
    assert.ok(logs.some((l) => /heap out of memory|Reached heap limit/.test(l)), 'V8\'s own OOM report reached the log');
    assert.equal(s.state, 'crashed');
    assert.equal(s.outOfMemoryLimitMb, 256, 'the host knows which cap was hit (for the localized notification)');
    const errors = s.events().filter((e) => e.kind === 'error');
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.kind === 'error' ? errors[0]!.message : '', expected);
    // No restart loop: the same model on the same cap would only run out again.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(s.snapshot().restarts, 0);
    assert.equal(s.pid, null, 'no backend was started again');
    const pids = logs.map((l) => /^training process (\d+) ready/.exec(l)?.[1]).filter((p) => p !== undefined).map(Number);
    assert.equal(pids.length, 1, 'exactly one backend was started');
    assert.ok(!alive(pids[0]!), 'the backend that ran out of memory is gone');
    assert.deepEqual(childrenOf(process.pid).filter(alive).filter((p) => /backend\.js/.test(commandOf(p))), [], 'no training process left behind');
    // The test's own process (the extension host's stand-in) is alive and keeps working.
    assert.ok(process.memoryUsage().heapUsed < heapBefore + 64 * 2 ** 20, 'the parent did not take on the child\'s memory');
    const b = await BackendProcess.start({ backendPath: backendJs, maxMemoryMb: 512, onEvent: () => undefined, onExit: () => undefined });
    cleanup.push(() => b.kill());
    assert.equal((await b.request({ type: 'ping' })).ok, true);
  });

  it('Stop ends the process tree within 2 s, leaving no orphans', async () => {
    const s = session(longRun());
    const metrics = nextEvent(s, 'metrics');
    await s.start();
    await metrics;
    const pid = s.pid!;
    assert.ok(alive(pid));
    const orphansBefore = childrenOf(pid);
    const started = Date.now();
    await s.stop();
    const took = Date.now() - started;
    assert.ok(took <= 2000, `stop took ${took} ms`);
    assert.ok(!alive(pid), 'the backend process is gone');
    for (const c of orphansBefore) assert.ok(!alive(c), `child ${c} is gone too`);
    assert.equal(s.state, 'stopped');
    const states = s.events().filter((e) => e.kind === 'state').map((e) => e.kind === 'state' && e.state);
    assert.equal(states[states.length - 1], 'stopped');
  });

  it('the child exits within ~3 s when its parent is SIGKILLed', async () => {
    // A stand-in extension host: forks the backend the way the extension does, then gets killed.
    const parentCode = `
      const { fork } = require('node:child_process');
      const child = fork(${JSON.stringify(backendJs)}, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
      child.on('message', (m) => { if (m && m.type === 'ready') process.stdout.write(String(m.pid) + '\\n'); });
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', parentCode], { stdio: ['ignore', 'pipe', 'inherit'] });
    const childPid = await new Promise<number>((resolve, reject) => {
      parent.stdout.once('data', (b: Buffer) => resolve(Number(b.toString().trim())));
      parent.once('exit', () => reject(new Error('stand-in parent exited early')));
    });
    assert.ok(alive(childPid));
    parent.kill('SIGKILL');
    const took = await until('the orphaned backend to exit', () => !alive(childPid), 5000);
    assert.ok(took <= 3500, `child lived ${took} ms after its parent died`);
  });

  it('restarts a crashed backend at most 5 times in 3 minutes, then reports the failure', async () => {
    const s = session(longRun(), new RestartPolicy(5, 180_000));
    const fatal = new Promise<string>((resolve) => s.onFatal(resolve));
    const pids: number[] = [];
    let runs = nextEvent(s, 'runStarted');
    await s.start();
    for (let crash = 1; crash <= 6; crash++) {
      await runs;
      const pid = s.pid!;
      assert.ok(!pids.includes(pid), 'each restart is a new process');
      pids.push(pid);
      runs = nextEvent(s, 'runStarted');
      process.kill(pid, 'SIGKILL');
      await until(`backend ${pid} to die`, () => !alive(pid), 3000);
    }
    const message = await fatal;
    assert.match(message, /crashed 6 times within 3 minutes/);
    assert.equal(s.snapshot().restarts, 5);
    assert.equal(s.state, 'crashed');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(s.pid, null, 'no sixth restart');
    assert.ok(pids.every((p) => !alive(p)));
    const warnings = s.events().filter((e) => e.kind === 'log' && e.level === 'warn');
    assert.ok(warnings.length >= 1, s.events().map((e) => e.kind).join(','));
  });

  it('refuses malformed requests and keeps working', async () => {
    const b = await BackendProcess.start({ backendPath: backendJs, maxMemoryMb: 512, onEvent: () => undefined, onExit: () => undefined });
    cleanup.push(() => b.kill());
    const bad = await b.request({ type: 'start', config: { sample: { kind: 'shipped', id: 'x' }, engine: 'gpu' } } as never);
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && /malformed/.test(bad.error));
    const pong = await b.request({ type: 'ping' });
    assert.equal(pong.ok, true);
    const noRun = await b.request({ type: 'pause' });
    assert.ok(!noRun.ok && /no run has started/.test(noRun.error));
  });

  it('in an untrusted workspace the real backend refuses a workspace file without running it', async () => {
    const dir = tempRunsDir(); dirs.push(dir);
    const marker = join(dir, 'ran');
    const file = join(dir, 'myModel.js');
    writeFileSync(file, `process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(marker)}, 'x');\nmodule.exports = {};\n`);
    const s = session({ ...runConfig('mlp-fit', { runsDir: dir }), sample: { kind: 'file', path: file }, allowWorkspaceCode: false });
    await assert.rejects(s.start(), /not trusted/);
    assert.ok(!existsSync(marker));
  });
});
