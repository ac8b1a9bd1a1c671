// A person's own training script run with the probe (python/model_lens/script_probe.py) through the
// real channel (frames on fds 3/4, every message through the TypeScript validators), saved as a run
// that reopens, and `model-lens run` end to end: --json, the script's output on stderr, errors with
// their line, and a distributed script on 2 CPU processes (gloo, ranks started with torchrun's
// environment variables, and by the real torchrun with rank 0 on a Unix socket).
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackendEvent } from '../../src/protocol/backend';
import { discoverPython, ProbeCache } from '../../src/host/python/discovery';
import { startScriptProbe, startTorchrunProbe, torchrunFailure } from '../../src/host/python/scriptProbe';
import { RunModel } from '../../src/host/panels/runModel';
import { ScriptSession } from '../../src/host/training/scriptSession';
import { parseHostToTraining, parseTrainingToHost } from '../../src/protocol/trainingPanel';
import { listRuns, readRun } from '../../src/host/training/runLibrary';
import { parseRunArgs } from '../../src/cli/runCommand';
import { ensureBackendBuilt, ensureMnist, dataDir, repoRoot, tempRunsDir, until } from './backendSupport';

const packageDir = join(repoRoot, 'python');
const fixtures = join(repoRoot, 'test', 'fixtures', 'scripts');
const cliJs = join(repoRoot, 'dist', 'cli.js');

function lineOf(file: string, text: string): number {
  const i = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${text} not in ${file}`);
  return i + 1;
}

describe('model-lens run: a training script with the probe', function () {
  this.timeout(300_000);
  let python = '';

  before(async function () {
    const found = await discoverPython({ packageDir, cache: new ProbeCache(null) });
    if (!found.chosen) {
      process.stdout.write(`      (skipped: ${found.reason ?? 'no Python with torch'}; install python3-torch as .ci/run does)\n`);
      this.skip();
    }
    python = found.chosen!.result.executable ?? found.chosen!.candidate.path;
    await ensureMnist();
    ensureBackendBuilt();
  });

  it('parses its own options before -- and hands the rest to the script', () => {
    assert.deepEqual(parseRunArgs(['train.py', '--json', '--runs-dir', '/tmp/r', '--', '--epochs', '2', '--json']),
      { script: 'train.py', args: ['--epochs', '2', '--json'], json: true, runsDir: '/tmp/r', nproc: 1, launcher: 'ranks' });
    assert.equal(parseRunArgs(['ddp.py', '--nproc', '2', '--launcher', 'torchrun']).launcher, 'torchrun');
    assert.throws(() => parseRunArgs(['ddp.py', '--launcher', 'mpirun']), /--launcher is 'ranks' \(model-lens starts each process\) or 'torchrun', not 'mpirun'/);
    assert.throws(() => parseRunArgs(['train.py', '--epochs', '2']), /unknown option --epochs \(the script's own arguments go after --\)/);
    assert.throws(() => parseRunArgs([]), /which script\?/);
    assert.throws(() => parseRunArgs(['a.py', '--nproc', '0']), /--nproc must be a whole number/);
  });

  it('streams the MNIST example script through the validators and saves a run that reopens', async () => {
    const runsDir = tempRunsDir();
    const script = join(fixtures, 'mnist_train.py');
    const events: BackendEvent[] = [];
    const logs: string[] = [];
    let exited = false;
    const probe = await startScriptProbe({
      python, packageDir, maxMemoryMb: 0,
      spec: { script, args: ['--data', dataDir, '--max-steps', '15', '--train-size', '1000', '--log-interval', '5'], cwd: tmpdir(), runsDir,
        cadence: { metricsEverySteps: 1, gradientsEverySteps: 1, activationsEverySteps: 5, visualsEveryMs: 500, validateEverySteps: 0, minIntervalMs: 0 } },
      onEvent: (e) => events.push(e), onLog: (l) => logs.push(l), onExit: () => { exited = true; },
    });
    await until('the script to end', () => exited, 120_000);
    await probe.shutdown(500);
    assert.ok(!logs.some((l) => l.includes('dropped a malformed message')), logs.join('\n'));
    assert.ok(logs.some((l) => l.includes('Train Epoch: 1')), 'the script\'s own output reached the log, not the events');
    const started = events.find((e) => e.kind === 'runStarted');
    assert.ok(started?.kind === 'runStarted' && started.script);
    assert.deepEqual(started.layers.map((l) => [l.name, l.line]), [
      ['conv1', lineOf(script, 'self.conv1 =')], ['conv2', lineOf(script, 'self.conv2 =')], ['dropout', lineOf(script, 'self.dropout =')],
      ['head.0', lineOf(script, 'nn.Linear(32 * 7 * 7, 64)')], ['head.1', lineOf(script, 'nn.ReLU(),')], ['head.2', lineOf(script, 'nn.Linear(64, 10)')],
    ]);
    assert.deepEqual(started.script.optimizers, [{ class: 'Adadelta', lr: 1 }]);
    const metrics = events.filter((e) => e.kind === 'metrics');
    assert.equal(metrics.length, 15);
    const grads = events.filter((e) => e.kind === 'gradients');
    assert.equal(grads.length, 15);
    const last = events.at(-1);
    assert.equal(last?.kind === 'state' ? last.state : last?.kind, 'finished');

    const [saved] = listRuns(runsDir);
    assert.equal(saved?.state, 'finished');
    assert.equal(saved?.title.en, 'mnist_train.py');
    const replay = readRun(saved!.dir);
    assert.equal(replay.events.length, events.length);
    const model = new RunModel('en');
    for (const e of replay.events) model.apply(e);
    const snap = model.snapshot();
    assert.equal(snap?.header.step, 15);
    assert.deepEqual(snap?.layers.map((l) => l.line), started.layers.map((l) => l.line));
  });

  it('--json: one event per stdout line, the script\'s output on stderr, a summary last', () => {
    const runsDir = tempRunsDir();
    const r = spawnSync(process.execPath, [cliJs, 'run', join(fixtures, 'transformer_train.py'), '--json', '--python', python, '--runs-dir', runsDir, '--', '--steps', '12'],
      { encoding: 'utf8', timeout: 240_000, cwd: tmpdir() });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; [k: string]: unknown });
    assert.equal(lines[0]?.kind, 'runStarted');
    assert.deepEqual(lines.at(-1), { kind: 'summary', runDir: lines[0]!.runDir, state: 'finished', step: 12 });
    assert.match(r.stderr, /step 0 loss/);
    assert.match(r.stderr, /token accuracy/);
    assert.ok(!r.stdout.includes('token accuracy'));
    assert.ok(lines.some((l) => l.kind === 'metrics'));
  });

  it('an exception mid-training: the error names the line, exit status 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-script-'));
    const script = join(dir, 'broken.py');
    writeFileSync(script, [
      'import torch, torch.nn as nn',
      'model = nn.Linear(4, 2)',
      'opt = torch.optim.SGD(model.parameters(), lr=0.1)',
      'for step in range(5):',
      '    loss = model(torch.randn(8, 4)).sum()',
      '    opt.zero_grad(); loss.backward(); opt.step()',
      '    if step == 2:',
      '        raise ValueError("bad batch")',
      '',
    ].join('\n'));
    const r = spawnSync(process.execPath, [cliJs, 'run', script, '--python', python, '--runs-dir', tempRunsDir()], { encoding: 'utf8', timeout: 120_000, cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /error: ValueError: bad batch \(broken\.py:8\)\n {4}at .*broken\.py:8/);
    const missing = spawnSync(process.execPath, [cliJs, 'run', join(dir, 'nope.py'), '--python', python], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /model-lens: script not found: .*nope\.py/);
  });

  it('an exception mid-training reaches the panel: the header names the last frame, and the webview may ask to reveal it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-script-'));
    const script = join(dir, 'broken_panel.py');
    writeFileSync(script, [
      'import torch, torch.nn as nn',
      'model = nn.Linear(4, 2)',
      'opt = torch.optim.SGD(model.parameters(), lr=0.1)',
      'def check(step):',
      '    if step == 2:',
      '        raise ValueError("bad batch")',
      'for step in range(5):',
      '    loss = model(torch.randn(8, 4)).sum()',
      '    opt.zero_grad(); loss.backward(); opt.step()',
      '    check(step)',
      '',
    ].join('\n'));
    const events: BackendEvent[] = [];
    let exited = false;
    const probe = await startScriptProbe({
      python, packageDir, maxMemoryMb: 0,
      spec: { script, args: [], cwd: dir, runsDir: tempRunsDir(),
        cadence: { metricsEverySteps: 1, gradientsEverySteps: 1, activationsEverySteps: 5, visualsEveryMs: 500, validateEverySteps: 0, minIntervalMs: 0 } },
      onEvent: (e) => events.push(e), onLog: () => undefined, onExit: () => { exited = true; },
    });
    await until('the script to end', () => exited, 120_000);
    await probe.shutdown(500);
    const model = new RunModel('zh-cn');
    for (const e of events) model.apply(e);
    // The last frame in the person's file: the raise inside check(), not the call in the loop.
    assert.deepEqual(model.errorLocation, { file: script, line: 6 });
    const snap = model.snapshot();
    assert.equal(snap?.header.state, 'failed');
    assert.match(snap?.header.reason ?? '', /ValueError: bad batch/);
    assert.deepEqual(snap?.header.errorAt, { label: 'broken_panel.py', line: 6 });
    // What the host posts passes the webview's gate, and a line out of range does not.
    const posted = parseHostToTraining({ type: 'snapshot', locale: 'zh-cn', run: snap, previous: [], concepts: [], cursorLayer: null });
    assert.ok(posted?.type === 'snapshot' && posted.run?.header.errorAt?.line === 6);
    const forged = parseHostToTraining({ type: 'snapshot', locale: 'en', run: { ...snap, header: { ...snap!.header, errorAt: { label: 'x.py', line: 0 } } }, previous: [], concepts: [], cursorLayer: null });
    assert.equal(forged, undefined);
    // The webview's request names no file: the host reveals the line it holds (a forged page cannot open other files).
    assert.deepEqual(parseTrainingToHost({ type: 'revealError' }), { type: 'revealError' });
    assert.equal(parseTrainingToHost({ type: 'revealErrors' }), undefined);
  });

  it('an exception at import reaches the panel as a failed run with the line, and the run reopens', async () => {
    const script = join(fixtures, 'fails_at_import.py');
    const runsDir = tempRunsDir();
    const events: BackendEvent[] = [];
    let exited = false;
    const probe = await startScriptProbe({
      python, packageDir, maxMemoryMb: 0, spec: { script, args: [], cwd: tmpdir(), runsDir, cadence: { metricsEverySteps: 1, gradientsEverySteps: 1, activationsEverySteps: 5, visualsEveryMs: 500, validateEverySteps: 0, minIntervalMs: 0 } },
      onEvent: (e) => events.push(e), onLog: () => undefined, onExit: () => { exited = true; },
    });
    await until('the script to end', () => exited, 120_000);
    await probe.shutdown(500);
    assert.deepEqual(events.map((e) => e.kind), ['runStarted', 'error', 'state']);
    const line = lineOf(script, 'model = Net(HIDDEN_SIZE)');
    const live = new RunModel('en');
    for (const e of events) live.apply(e);
    // What the panel draws: the run failed, its reason, and the link to the module-level line.
    const snap = live.snapshot();
    assert.equal(snap?.header.state, 'failed');
    assert.match(snap?.header.reason ?? '', /^NameError: name 'HIDDEN_SIZE' is not defined/);
    assert.deepEqual(snap?.header.errorAt, { label: 'fails_at_import.py', line });
    assert.deepEqual(live.errorLocation, { file: script, line });
    assert.deepEqual(snap?.layers, []);
    assert.ok(parseHostToTraining({ type: 'snapshot', locale: 'en', run: snap, previous: [], concepts: [], cursorLayer: null }), 'the snapshot passes the webview\'s gate');
    // Saved like a run that failed mid-training: it reopens with the same error and link.
    const [saved] = listRuns(runsDir);
    assert.equal(saved?.state, 'failed');
    const reopened = new RunModel('en');
    for (const e of readRun(saved!.dir).events) reopened.apply(e);
    assert.deepEqual(reopened.snapshot()?.header.errorAt, { label: 'fails_at_import.py', line });
  });

  it('a syntax error and refused arguments: the CLI names the line, keeps the failed run and exits 1', () => {
    const syntax = join(fixtures, 'syntax_error.py');
    const runsDir = tempRunsDir();
    const r = spawnSync(process.execPath, [cliJs, 'run', syntax, '--python', python, '--runs-dir', runsDir], { encoding: 'utf8', timeout: 120_000, cwd: tmpdir() });
    assert.equal(r.status, 1, r.stderr);
    const line = lineOf(syntax, 'model = nn.Sequential(');
    assert.match(r.stdout, new RegExp(`^syntax_error\\.py: failed before its first training step\n {2}error: SyntaxError: .* \\(syntax_error\\.py:${line}\\)\n {4}at .*syntax_error\\.py:${line}\n`));
    assert.match(r.stdout, /run folder: /);
    assert.equal(listRuns(runsDir)[0]?.state, 'failed');
    const args = join(fixtures, 'fails_parsing_args.py');
    const j = spawnSync(process.execPath, [cliJs, 'run', args, '--json', '--python', python, '--runs-dir', runsDir], { encoding: 'utf8', timeout: 120_000, cwd: tmpdir() });
    assert.equal(j.status, 1, j.stderr);
    assert.match(j.stderr, /fails_parsing_args\.py: error: argument --lr: invalid float value: '0\.1x'/);
    const lines = j.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; [k: string]: unknown });
    const err = lines.find((l) => l.kind === 'error') as unknown as { message: string; location: { file: string; line: number } };
    assert.equal(err.message, `the script's arguments were refused (exit status 2): argument --lr: invalid float value: '0.1x' (fails_parsing_args.py:${lineOf(args, 'args = parser.parse_args()')})`);
    assert.deepEqual(err.location, { file: args, line: lineOf(args, 'args = parser.parse_args()') });
    assert.deepEqual(lines.at(-1), { kind: 'summary', runDir: lines[0]!.runDir, state: 'failed', step: 0, error: err.message });
  });

  it('DDP on 2 CPU processes: rank 0 streams gradients read after the all-reduce, rank 1 stays silent', () => {
    const runsDir = tempRunsDir();
    const out = join(mkdtempSync(join(tmpdir(), 'ml-ddp-')), 'grad.txt');
    const r = spawnSync(process.execPath, [cliJs, 'run', join(fixtures, 'ddp_train.py'), '--nproc', '2', '--json', '--python', python, '--runs-dir', runsDir],
      { encoding: 'utf8', timeout: 240_000, cwd: tmpdir(), env: { ...process.env, GRAD_NORM_OUT: out, GRAD_NORM_STEP: '10' } });
    assert.equal(r.status, 0, r.stderr);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const started = events.find((e) => e.kind === 'runStarted') as { script: { distributed: { rank: number; worldSize: number; note: string }; models: { wrapper: string }[] } };
    assert.deepEqual({ ...started.script.distributed, note: '' }, { rank: 0, worldSize: 2, note: '' });
    assert.match(started.script.distributed.note, /after DistributedDataParallel's all-reduce/);
    assert.equal(started.script.models[0]?.wrapper, 'DistributedDataParallel');
    const grads = events.find((e) => e.kind === 'gradients' && e.step === 10) as { gradNorm: number[] };
    assert.ok(Math.abs(grads.gradNorm[0]! - Number(readFileSync(out, 'utf8'))) < 1e-5, `${grads.gradNorm[0]} vs ${readFileSync(out, 'utf8')}`);
    assert.match(r.stderr, /\[rank 1\] rank 1\/2 \(local 1\) done/);
    assert.match(r.stderr, /rank 0\/2 \(local 0\) done/);
    assert.equal(events.filter((e) => e.kind === 'runStarted').length, 1);
    assert.equal(listRuns(runsDir).length, 1, 'one run: rank 1 wrote nothing');
  });
  /** Processes (not zombies) whose process group is `pgid`, from /proc. */
  const groupMembers = (pgid: number): number[] => readdirSync('/proc').filter((n) => /^\d+$/.test(n)).flatMap((n) => {
    try {
      const fields = readFileSync(`/proc/${n}/stat`, 'utf8').split(')').at(-1)!.trim().split(/\s+/);
      return Number(fields[2]) === pgid && fields[0] !== 'Z' ? [Number(n)] : [];
    } catch { return []; }
  });
  const channelFolders = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith('model-lens-'));

  it('--launcher torchrun: the real torchrun starts 2 gloo ranks, rank 0 streams through the private socket, the folder is removed', () => {
    const runsDir = tempRunsDir();
    const tmp = mkdtempSync(join(tmpdir(), 'ml-tmp-'));
    const out = join(tmp, 'grad.txt');
    const r = spawnSync(process.execPath, [cliJs, 'run', join(fixtures, 'ddp_train.py'), '--nproc', '2', '--launcher', 'torchrun', '--json', '--python', python, '--runs-dir', runsDir],
      { encoding: 'utf8', timeout: 240_000, cwd: tmpdir(), env: { ...process.env, TMPDIR: tmp, GRAD_NORM_OUT: out, GRAD_NORM_STEP: '10' } });
    assert.equal(r.status, 0, r.stderr);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const started = events.find((e) => e.kind === 'runStarted') as { script: { distributed: { rank: number; worldSize: number }; models: { wrapper: string }[] } };
    assert.deepEqual([started.script.distributed.rank, started.script.distributed.worldSize], [0, 2]);
    assert.equal(started.script.models[0]?.wrapper, 'DistributedDataParallel');
    const grads = events.find((e) => e.kind === 'gradients' && e.step === 10) as { gradNorm: number[] };
    assert.ok(Math.abs(grads.gradNorm[0]! - Number(readFileSync(out, 'utf8'))) < 1e-5, `${grads.gradNorm[0]} vs ${readFileSync(out, 'utf8')}`);
    // torchrun started both ranks (its own banner), each ran the script to its end.
    assert.match(r.stderr, /OMP_NUM_THREADS/);
    assert.match(r.stderr, /rank 1\/2 \(local 1\) done/);
    assert.match(r.stderr, /rank 0\/2 \(local 0\) done/);
    assert.deepEqual(events.at(-1), { kind: 'summary', runDir: (events[0] as { runDir: string }).runDir, state: 'finished', step: 30 });
    assert.equal(listRuns(runsDir).length, 1, 'one run: rank 1 wrote nothing');
    assert.deepEqual(channelFolders(tmp), [], 'the socket\'s folder is removed');
  });

  it('--launcher torchrun: Ctrl-C stops at the next step and the whole process group (torchrun and both ranks) is gone', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ml-tmp-'));
    const pids = mkdtempSync(join(tmpdir(), 'ml-pids-'));
    const cli = spawn(process.execPath, [cliJs, 'run', join(fixtures, 'ddp_train.py'), '--nproc', '2', '--launcher', 'torchrun', '--json', '--python', python, '--runs-dir', tempRunsDir(), '--', '--steps', '100000000'],
      { cwd: tmpdir(), env: { ...process.env, TMPDIR: tmp, PID_DIR: pids }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let status: number | null | undefined;
    cli.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    cli.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    cli.on('exit', (code) => { status = code; });
    try {
      await until('steps from rank 0', () => stdout.includes('"kind":"metrics"') || status !== undefined, 180_000);
      assert.equal(status, undefined, stderr);
      // The socket lives in a folder only this user can enter.
      const [folder] = channelFolders(tmp);
      assert.ok(folder, `no model-lens-* folder in ${tmp}`);
      assert.equal(statSync(join(tmp, folder)).mode & 0o777, 0o700);
      await until('both ranks to say who they are', () => existsSync(join(pids, 'rank0')) && existsSync(join(pids, 'rank1')), 30_000);
      const [pid0, pgid] = readFileSync(join(pids, 'rank0'), 'utf8').split(' ').map(Number);
      const [, pgid1] = readFileSync(join(pids, 'rank1'), 'utf8').split(' ').map(Number);
      assert.equal(pgid1, pgid, 'torchrun starts the ranks in its own process group');
      assert.notEqual(pgid, pid0, 'rank 0 does not lead the group: torchrun does');
      assert.ok(groupMembers(pgid!).length >= 3, 'torchrun and two ranks');
      const stopped = Date.now();
      cli.kill('SIGINT');
      await until('the CLI to end', () => status !== undefined, 10_000);
      const tookMs = Date.now() - stopped;
      assert.equal(status, 0, stderr);
      assert.equal((JSON.parse(stdout.trim().split('\n').at(-1)!) as { state: string }).state, 'stopped');
      assert.ok(tookMs < 4000, `stopped in ${tookMs} ms`);
      // Every member (torchrun, rank 0 and rank 1, and whatever they started) is gone.
      await until('the process group to be gone', () => groupMembers(pgid!).length === 0, 2000);
      assert.deepEqual(channelFolders(tmp), []);
    } finally {
      if (status === undefined) cli.kill('SIGKILL');
    }
  });

  it('the editor\'s session with modelLens.script.processes 2: torchrun starts the ranks, rank 0 is shown, Stop ends the process group within 2 s', async () => {
    const pids = mkdtempSync(join(tmpdir(), 'ml-pids-'));
    const output: string[] = [];
    const session = new ScriptSession({
      python, packageDir, maxMemoryMb: 0, processes: 2, env: { ...process.env, PID_DIR: pids }, onOutput: (l) => output.push(l),
      spec: { script: join(fixtures, 'ddp_train.py'), args: ['--steps', '100000000'], cwd: tmpdir(), runsDir: tempRunsDir(),
        cadence: { metricsEverySteps: 1, gradientsEverySteps: 1, activationsEverySteps: 5, visualsEveryMs: 500, validateEverySteps: 0, minIntervalMs: 0 } },
    });
    try {
      await session.start();
      await until('steps on the session', () => session.events().some((e) => e.kind === 'metrics'), 180_000);
      const started = session.snapshot().runStarted;
      assert.deepEqual([started?.script?.distributed?.rank, started?.script?.distributed?.worldSize], [0, 2]);
      assert.ok(output.some((l) => l.includes('OMP_NUM_THREADS')), 'torchrun\'s own output reaches the output channel');
      await until('both ranks to say who they are', () => existsSync(join(pids, 'rank0')) && existsSync(join(pids, 'rank1')), 30_000);
      const pgid = Number(readFileSync(join(pids, 'rank0'), 'utf8').split(' ')[1]);
      const t0 = Date.now();
      await session.stop();
      const tookMs = Date.now() - t0;
      assert.ok(tookMs < 2500, `Stop took ${tookMs} ms`);
      assert.equal(session.state, 'stopped');
      await until('the process group to be gone', () => groupMembers(pgid).length === 0, 1000);
    } finally {
      await session.dispose();
    }
  });

  it('--launcher torchrun: torchrun ending before rank 0 connects is said in one line, its own output kept, the folder removed', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ml-no-package-'));
    const tmp = mkdtempSync(join(tmpdir(), 'ml-tmp-'));
    const logs: string[] = [];
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      // A package folder without model_lens: torchrun starts the ranks, both fail to import the probe, torchrun exits 1.
      await assert.rejects(startTorchrunProbe({
        python, packageDir: empty, maxMemoryMb: 0, nproc: 2, onEvent: () => undefined, onExit: () => undefined, onLog: (l) => logs.push(l),
        spec: { script: join(fixtures, 'ddp_train.py'), args: [], cwd: tmpdir(), runsDir: tempRunsDir(), cadence: { metricsEverySteps: 1, gradientsEverySteps: 1, activationsEverySteps: 5, visualsEveryMs: 500, validateEverySteps: 0, minIntervalMs: 0 } },
      }), /^Error: torchrun ended \(code 1\) before rank 0 connected: .*ModuleNotFoundError: No module named 'model_lens'/);
    } finally {
      if (before === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = before;
    }
    assert.ok(logs.some((l) => l.includes('ChildFailedError')), 'torchrun\'s own report reaches the output');
    assert.deepEqual(channelFolders(tmp), []);
  });

  it('the one-line reason for the crash of Debian\'s torchrun (torch 1.13, Python 3.11) run without our flags', function () {
    const dir = mkdtempSync(join(tmpdir(), 'ml-torchrun-'));
    writeFileSync(join(dir, 'hello.py'), 'print("a rank ran")\n');
    const r = spawnSync(python, ['-m', 'torch.distributed.run', '--standalone', '--nproc_per_node', '2', 'hello.py'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    if (r.status === 0) {
      process.stdout.write('      (skipped: this torchrun does not crash with its default --redirects/--tee)\n');
      this.skip();
    }
    assert.ok(!r.stdout.includes('a rank ran'), 'no rank started');
    assert.equal(torchrunFailure(r.stderr.split('\n')), "AttributeError: 'NoneType' object has no attribute 'get'");
  });
});
