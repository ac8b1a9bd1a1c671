// The PyTorch engine through the real backend protocol: the real Python process (python/model_lens
// with Debian's torch), frames on fds 3/4, every message through the TypeScript validators, the
// same session, run folders and CLI as the TensorFlow.js engine, and the bad inputs: NaN, a
// forward that never returns, a model that eats memory up to the cap, the process killed mid-run,
// the extension host gone, workspace code in an untrusted workspace.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isBackendEvent, SAMPLE_CATALOG, torchSampleFile, type BackendEvent, type RunConfig } from '../../src/protocol/backend';
import { seededRandom, shuffledIndices } from '../../src/backend/datasets';
import { RunModel } from '../../src/host/panels/runModel';
import { discoverPython, ProbeCache, torchDecision } from '../../src/host/python/discovery';
import { startRun } from '../../src/backend/runSession';
import { PythonBackendProcess, pythonMemoryMb, TORCH_MIN_MEMORY_MB } from '../../src/host/python/pythonBackend';
import { RestartPolicy } from '../../src/host/training/backendProcess';
import { RecordedSession } from '../../src/host/training/recordedSession';
import { listRuns, readRun } from '../../src/host/training/runLibrary';
import { TrainingSession } from '../../src/host/training/trainingSession';
import { alive, backendJs, ensureBackendBuilt, ensureMnist, repoRoot, runConfig, samplesDir, tempRunsDir, until } from './backendSupport';

const packageDir = join(repoRoot, 'python');


/** A sample file in the person's workspace (only runs when trusted). */
function userSample(dir: string, name: string, lossBody: string): string {
  const file = join(dir, name);
  writeFileSync(file, `import torch
import torch.nn as nn

DESCRIPTION = {"id": "user-sample", "title": {"en": "user", "zh-cn": "user"}, "sections": [], "dataset": {"en": "-", "zh-cn": "-"}, "goal": {"en": "-", "zh-cn": "-"},
               "defaults": {"learningRate": 0.01, "batchSize": 16, "epochs": 1000, "optimizer": "sgd", "activation": "relu", "initializer": "xavier", "seed": 1}}
CALLS = [0]

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        CALLS[0] += 1
${lossBody}
        return self.fc(x)

def create(ctx):
    x = torch.randn(256, 4)
    data = ctx.datasets(train=ctx.data.split(x, x.sum(1, keepdim=True)), test=ctx.data.split(x[:32], x[:32].sum(1, keepdim=True)))
    return ctx.regressor(ctx.initialize(Net()), data)
`);
  return file;
}

/** Stop ends the session's process (group) within 2 s. */
async function stopsWithin2s(s: TrainingSession): Promise<void> {
  const pid = s.pid!;
  const t0 = Date.now();
  await s.stop();
  const took = Date.now() - t0;
  assert.ok(took <= 2000, `stop took ${took} ms`);
  assert.ok(!alive(pid), 'the Python process is gone');
}

describe('PyTorch engine through the real backend protocol', function () {
  this.timeout(300_000);
  let python = '';
  const dirs: string[] = [];
  const cleanup: (() => Promise<void>)[] = [];
  const tmp = (): string => { const d = tempRunsDir(); dirs.push(d); return d; };
  const torchConfig = (sampleId: string, over: Parameters<typeof runConfig>[1] = {}): RunConfig => ({ ...runConfig(sampleId, { runsDir: tmp(), ...over }), engine: 'torch' });

  before(async function () {
    const found = await discoverPython({ packageDir, cache: new ProbeCache(null) });
    if (!found.chosen) {
      process.stdout.write(`      (skipped: ${found.reason ?? 'no Python with torch'}; install python3-torch as .ci/run does)\n`);
      this.skip();
    }
    python = found.chosen!.result.executable ?? found.chosen!.candidate.path;
    await ensureMnist();
  });
  afterEach(async () => { for (const c of cleanup.splice(0)) await c(); });
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  const session = (config: RunConfig, over: { maxMemoryMb?: number; policy?: RestartPolicy; logs?: string[] } = {}): TrainingSession => {
    const maxMemoryMb = over.maxMemoryMb ?? 4096;
    const s = new TrainingSession({
      backendPath: backendJs, maxMemoryMb, config, log: (l) => over.logs?.push(l), memoryLimitMb: pythonMemoryMb(maxMemoryMb),
      ...(over.policy ? { restartPolicy: over.policy } : {}),
      launch: (handlers) => PythonBackendProcess.start({ python, packageDir, maxMemoryMb, ...handlers }),
    });
    cleanup.push(() => s.dispose());
    return s;
  };
  const finished = (s: TrainingSession, timeoutMs = 240_000): Promise<number> =>
    until('the run to end', () => ['finished', 'failed', 'stopped', 'crashed'].includes(s.state), timeoutMs);

  it('a run of mlp-xor: every message validated, the same events, run folder and checkpoint as the tfjs engine', async () => {
    const logs: string[] = [];
    const config = torchConfig('mlp-xor', { checkpoints: true });
    const s = session(config, { logs });
    const received: BackendEvent[] = [];
    s.onEvent((e) => received.push(e));
    await s.start();
    await finished(s);
    assert.equal(s.state, 'finished', received.filter((e) => e.kind === 'error').map((e) => e.kind === 'error' && e.message).join('; '));
    assert.ok(!logs.some((l) => /dropped a malformed message|unreadable frame/.test(l)), 'no message failed validation');
    for (const e of received) assert.ok(isBackendEvent(e), `${e.kind} passes the TypeScript validator`);
    const kinds = new Set(received.map((e) => e.kind));
    for (const k of ['runStarted', 'state', 'metrics', 'gradients', 'activations', 'boundary', 'validation', 'finished'] as const) assert.ok(kinds.has(k), `no ${k}`);
    const started = received[0];
    assert.ok(started?.kind === 'runStarted');
    assert.equal(started.engine.name, 'torch');
    assert.ok(started.engine.torch?.version && started.engine.torch.blas, 'torch version and BLAS travel with the run');
    assert.match(started.engine.detail, /thread/);
    assert.equal(started.sample.file, join(samplesDir, torchSampleFile('mlp-xor')));
    const source = readFileSync(started.sample.file, 'utf8').split('\n');
    for (const l of started.layers) assert.match(source[(l.line ?? 0) - 1] ?? '', new RegExp(`self\\.${l.name.split(' ')[0]} =`), l.name);
    const grads = received.find((e) => e.kind === 'gradients');
    assert.ok(grads?.kind === 'gradients' && grads.gradNorm instanceof Float32Array && grads.gradNorm.length === started.variables.length);
    const done = received.find((e) => e.kind === 'finished');
    assert.ok(done?.kind === 'finished' && (done.test.acc ?? 0) >= 0.95 && done.test.xorTable === 1, JSON.stringify(done));
    // The run folder: what "Open Training Run…" and "Compare runs" read.
    const runDir = started.runDir!;
    const meta = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(meta.engine, 'torch');
    assert.equal(meta.checkpointFormat, 'pytorch-state-dict');
    assert.equal(meta.state, 'finished');
    const log = readRun(runDir);
    assert.equal(log.truncatedBytes, 0);
    assert.equal(log.invalidRecords, 0);
    assert.deepEqual(log.events.map((e) => e.kind), received.filter((e) => e.kind !== 'log').map((e) => e.kind), 'events.log holds the run as received');
    assert.ok(existsSync(join(done.checkpoint!, 'model.pt')) && existsSync(join(done.checkpoint!, 'checkpoint.json')));
    assert.equal(listRuns(config.paths.runsDir)[0]?.engine, 'torch');
    assert.equal(new RecordedSession(log.events).state, 'finished');
    // The panel draws it like any run: the engine line comes from the torch fields.
    const model = new RunModel('en');
    for (const e of log.events) model.apply(e);
    assert.equal(model.header?.engine.name, 'torch');
    assert.equal(model.header?.engine.torch?.version, started.engine.torch?.version);
  });

  it('pause, single step, resume, and Stop ends the process group within 2 s', async () => {
    const s = session(torchConfig('cnn-mnist', { hyper: { epochs: 50 } }));
    await s.start();
    await until('first metrics', () => s.events().some((e) => e.kind === 'metrics'), 120_000);
    await s.pause();
    await until('paused', () => s.state === 'paused', 10_000);
    // Where it paused, as the pause says (metrics of steps before it may still be on their way, and
    // on a fast machine several steps pass between the last metrics seen and the pause).
    const paused = s.events().filter((e) => e.kind === 'state' && e.state === 'paused').pop();
    assert.ok(paused?.kind === 'state');
    const at = paused.step;
    await s.step();
    await until('one more step', () => s.events().some((e) => e.kind === 'metrics' && e.step === at + 1), 30_000);
    await s.resume();
    await until('running again', () => s.state === 'running', 10_000);
    await stopsWithin2s(s);
    assert.equal(s.state, 'stopped');
  });

  it('NaN loss: the run stops and names the step', async () => {
    const s = session(torchConfig('mlp-fit', { hyper: { learningRate: 1e12, optimizer: 'sgd' } }));
    await s.start();
    await finished(s);
    assert.equal(s.state, 'failed');
    const err = s.events().find((e) => e.kind === 'error');
    assert.ok(err?.kind === 'error');
    assert.match(err.message, /the loss became (NaN|Infinity|-Infinity) at step (\d+) \(epoch \d+\)/);
    assert.equal(err.step, Number(/at step (\d+)/.exec(err.message)![1]));
  });

  it('a forward that never returns: Stop ends it within 2 s (the whole process group)', async () => {
    const dir = tmp();
    const file = userSample(dir, 'hangs.py', '        if CALLS[0] > 60:  # well into training (the trace and the thread timing call it first)\n            while True:\n                pass');
    const s = session({ ...torchConfig('mlp-fit'), sample: { kind: 'file', path: file }, allowWorkspaceCode: true });
    await s.start();
    await until('training to start', () => s.events().some((e) => e.kind === 'metrics'), 120_000);
    await new Promise((r) => setTimeout(r, 1000)); // it is stuck inside forward by now
    await stopsWithin2s(s);
  });

  it('a model that allocates until the memory cap: a clear error naming the cap, the run fails, no restart', async () => {
    const dir = tmp();
    const file = userSample(dir, 'hungry.py', '        KEPT.append(torch.empty(64 * 1024 * 1024))  # 256 MB of address space per call');
    writeFileSync(file, readFileSync(file, 'utf8').replace('CALLS = [0]', 'CALLS = [0]\nKEPT = []'));
    const s = session({ ...torchConfig('mlp-fit'), sample: { kind: 'file', path: file }, allowWorkspaceCode: true }, { maxMemoryMb: 256 });
    let restarts = 0;
    s.onEvent((e) => { if (e.kind === 'log' && /restarting/.test(e.message)) restarts++; });
    const startResult = await s.start().then(() => 'started', (err: Error) => err.message);
    if (startResult === 'started') await finished(s);
    const text = startResult === 'started'
      ? s.events().filter((e) => e.kind === 'error').map((e) => (e.kind === 'error' ? e.message : '')).join(' ')
      : startResult;
    assert.match(text, new RegExp(`ran out of memory \\(limit ${TORCH_MIN_MEMORY_MB} MB(, setting| of address space, setting) modelLens\\.backend\\.maxMemoryMb\\)`));
    assert.equal(restarts, 0, 'no restart loop');
    assert.notEqual(s.state, 'finished');
  });

  it('the Python process killed mid-run: the session says so, the run folder stays readable', async () => {
    const s = session(torchConfig('cnn-mnist', { hyper: { epochs: 50 } }), { policy: new RestartPolicy(0) });
    await s.start();
    await until('a few steps', () => s.events().filter((e) => e.kind === 'metrics').length >= 2, 120_000);
    const started = s.events().find((e) => e.kind === 'runStarted');
    assert.ok(started?.kind === 'runStarted' && started.runDir);
    process.kill(s.pid!, 'SIGKILL');
    await until('the session to notice', () => s.state === 'crashed', 10_000);
    const err = s.events().find((e) => e.kind === 'error');
    assert.ok(err?.kind === 'error' && /SIGKILL/.test(err.message), 'the panel gets the reason');
    const model = new RunModel('en');
    for (const e of s.events()) model.apply(e);
    assert.equal(model.header?.state, 'failed');
    assert.match(model.header?.reason ?? '', /SIGKILL/);
    const read = readRun(started.runDir);
    assert.equal(read.invalidRecords, 0);
    assert.ok(read.events.some((e) => e.kind === 'metrics'), 'the steps so far are on disk');
    assert.equal(new RecordedSession(read.events).state, 'crashed', 'reopened, the run says it ended unexpectedly');
  });

  it('the extension host gone (killed): the Python process exits by itself, no orphan', async () => {
    const script = join(tmp(), 'host.ts');
    writeFileSync(script, `import { PythonBackendProcess } from ${JSON.stringify(join(repoRoot, 'src', 'host', 'python', 'pythonBackend'))};
PythonBackendProcess.start({ python: ${JSON.stringify(python)}, packageDir: ${JSON.stringify(packageDir)}, maxMemoryMb: 4096, onEvent: () => undefined, onExit: () => undefined })
  .then((p) => { process.stdout.write(String(p.pid) + '\\n'); setInterval(() => undefined, 1000); });
`);
    const host = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve, reject) => {
      host.stdout.on('data', (b: Buffer) => { const n = Number.parseInt(b.toString(), 10); if (n > 0) resolve(n); });
      host.once('exit', () => reject(new Error('the fake host exited early')));
    });
    assert.ok(alive(pid));
    host.kill('SIGKILL');
    const took = await until('the orphaned Python process to exit', () => !alive(pid), 5000);
    assert.ok(took < 5000);
  });

  it('an untrusted workspace never runs workspace Python; shipped samples still run', async () => {
    const dir = tmp();
    const marker = join(dir, 'ran');
    const file = join(dir, 'evil.py');
    writeFileSync(file, `open(${JSON.stringify(marker)}, "w").write("x")\nDESCRIPTION = {}\n`);
    const refused = session({ ...torchConfig('mlp-fit'), sample: { kind: 'file', path: file }, allowWorkspaceCode: false });
    await assert.rejects(refused.start(), /refusing to run .*evil\.py: the workspace is not trusted/);
    assert.equal(existsSync(marker), false, 'the file was never imported');
    const shipped = session({ ...torchConfig('perceptron'), allowWorkspaceCode: false });
    await shipped.start();
    await finished(shipped);
    assert.equal(shipped.state, 'finished');
  });

  it('the same seeded shuffles as the TypeScript side (so both engines hold out the same digits)', () => {
    const out = execFileSync(python, ['-c', 'import sys; sys.path.insert(0, sys.argv[1]); from model_lens.data import seeded_random, shuffled_indices; r = seeded_random(7); print([r() for _ in range(5)]); print(shuffled_indices(50, seeded_random(1)))', packageDir], { encoding: 'utf8' });
    const [values, order] = out.trim().split('\n').map((l) => JSON.parse(l) as number[]);
    const r = seededRandom(7);
    assert.deepEqual(values, Array.from({ length: 5 }, () => r()));
    assert.deepEqual(order, Array.from(shuffledIndices(50, seededRandom(1))));
  });

  it('every shipped sample has its PyTorch version, named by the catalog', () => {
    for (const s of SAMPLE_CATALOG) assert.ok(existsSync(join(samplesDir, torchSampleFile(s.id))), `samples/${torchSampleFile(s.id)}`);
  });

  it('the CLI: --engine torch trains a shipped sample and prints the JSON events and summary', function () {
    ensureBackendBuilt();
    const runsDir = tmp();
    const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'train', 'perceptron', '--engine', 'torch', '--python', python, '--json', '--runs-dir', runsDir], { encoding: 'utf8', timeout: 240_000 });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const started = lines.find((l) => l.kind === 'runStarted') as { engine: { name: string } } | undefined;
    assert.equal(started?.engine.name, 'torch');
    const summary = lines[lines.length - 1] as { kind: string; state: string; test: Record<string, number>; runDir: string };
    assert.equal(summary.kind, 'summary');
    assert.equal(summary.state, 'finished');
    assert.equal(summary.test.accAND, 1);
    assert.ok(existsSync(join(summary.runDir, 'events.log')));
  });

  it('the CLI: --python pointing at something unusable says why and trains on the interpreter found instead', function () {
    ensureBackendBuilt();
    const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'train', 'perceptron', '--engine', 'torch', '--python', '/bin/true', '--epochs', '1', '--runs-dir', tmp()], { encoding: 'utf8', timeout: 240_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /engine {3}torch: PyTorch/);
    assert.match(r.stdout, /note {5}--python \(\/bin\/true\) is not a Python interpreter/);
  });

  it('the probe that found torch trains the first run itself: one torch import, then the same session', async () => {
    let child: ChildProcess | undefined;
    const found = await discoverPython({
      packageDir, cache: new ProbeCache(null), env: { ...process.env, PATH: dirname(python) }, systemPaths: [],
      serve: { memoryMb: pythonMemoryMb(4096), adopt: (_p, c) => { child = c; } },
    });
    assert.ok(found.chosen && child, 'discovery handed over its probe');
    const adopted = child;
    cleanup.push(async () => { adopted.kill('SIGKILL'); });
    const launched: number[] = [];
    const s = new TrainingSession({
      backendPath: backendJs, maxMemoryMb: 4096, config: torchConfig('mlp-xor', { seconds: 2 }), log: () => undefined, memoryLimitMb: pythonMemoryMb(4096),
      launch: async (handlers) => { const p = await PythonBackendProcess.attach(adopted, { python, packageDir, maxMemoryMb: 4096, ...handlers }); launched.push(p.pid); return p; },
    });
    cleanup.push(() => s.dispose());
    const received: BackendEvent[] = [];
    s.onEvent((e) => received.push(e));
    await s.start();
    await finished(s);
    assert.deepEqual(launched, [adopted.pid], 'the run happened in the probe\'s process');
    assert.ok(received.some((e) => e.kind === 'metrics'), 'it trained');
    assert.ok(received.every((e) => isBackendEvent(e)));
    const started = received.find((e) => e.kind === 'runStarted');
    assert.ok(started?.kind === 'runStarted' && started.engine.name === 'torch');
  });

  it('the memory cap is applied to the Python process (address space, with a floor torch can import under)', async () => {
    const p = await PythonBackendProcess.start({ python, packageDir, maxMemoryMb: 300, onEvent: () => undefined, onExit: () => undefined });
    cleanup.push(() => p.kill());
    assert.equal(p.ready.heapLimitMb, TORCH_MIN_MEMORY_MB);
    const limits = readFileSync(`/proc/${p.pid}/limits`, 'utf8');
    assert.match(limits, new RegExp(`Max address space\\s+${TORCH_MIN_MEMORY_MB * 1024 * 1024}\\s`));
    assert.match(p.ready.runtime, /^Python 3\.\d+\.\d+, torch \d/);
  });
});

describe('without PyTorch: the TensorFlow.js engine trains, with the one-line reason', function () {
  this.timeout(120_000);
  before(ensureMnist);

  it('no Python found → a tfjs run whose engine carries the reason, shown by the panel', async () => {
    const found = await discoverPython({ packageDir, cache: new ProbeCache(null), env: { ...process.env, PATH: '' }, systemPaths: [] });
    const decision = torchDecision(found);
    assert.equal(decision.python, null);
    assert.deepEqual(decision.note, { kind: 'torchUnavailable', detail: 'no Python 3 interpreter was found' });
    const events: BackendEvent[] = [];
    const runsDir = tempRunsDir();
    try {
      const run = await startRun({ ...runConfig('perceptron', { runsDir }), engine: 'auto', engineNote: decision.note! }, (e) => events.push(e));
      await run.done;
    } finally {
      rmSync(runsDir, { recursive: true, force: true });
    }
    const started = events[0];
    assert.ok(started?.kind === 'runStarted');
    assert.notEqual(started.engine.name, 'torch');
    assert.deepEqual(started.engine.note, decision.note);
    const model = new RunModel('en');
    for (const e of events) model.apply(e);
    assert.deepEqual(model.header?.engine.note, decision.note, 'the panel gets the reason (and shows the README link with it)');
  });
});
