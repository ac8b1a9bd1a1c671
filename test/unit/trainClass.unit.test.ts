// "Train this model" outside VS Code, with the real torch: `model-lens train FILE --class Name
// [--input …]` (the input from the flag or from the analysis), every message through the
// TypeScript validators, and the bad inputs through the real process: a syntax error, an
// exception in forward naming the line, a forward that never returns (Stop ≤ 2 s, whole process
// group), an untrusted workspace refused.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classSampleId, isBackendEvent, isRunConfig, type BackendEvent, type RunConfig } from '../../src/protocol/backend';
import { parseTrainArgs } from '../../src/cli/trainCommand';
import { discoverPython, ProbeCache } from '../../src/host/python/discovery';
import { PythonBackendProcess, pythonMemoryMb } from '../../src/host/python/pythonBackend';
import { TrainingSession } from '../../src/host/training/trainingSession';
import { alive, backendJs, ensureMnist, repoRoot, runConfig, tempRunsDir, until } from './backendSupport';

const cliJs = join(repoRoot, 'dist', 'cli.js');
const packageDir = join(repoRoot, 'python');
const fixture = join(repoRoot, 'test', 'fixtures', 'trainThis', 'simpleCnn.py');

function userFile(body: string, name = 'model.py'): string {
  const dir = mkdtempSync(join(tmpdir(), 'ml-class-'));
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}

interface CliResult { code: number | null; stdout: string; stderr: string; events: BackendEvent[]; summary: Record<string, unknown> | undefined }

function cli(args: string[], python: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliJs, 'train', ...args, '--python', python, '--runs-dir', tempRunsDir(), '--no-checkpoints'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString('utf8'); });
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString('utf8'); });
    child.on('close', (code) => {
      const lines = args.includes('--json') ? stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : [];
      resolve({
        code, stdout, stderr,
        events: lines.filter((l) => l.kind !== 'summary') as unknown as BackendEvent[],
        summary: lines.find((l) => l.kind === 'summary'),
      });
    });
  });
}

describe('Train this model: the CLI and the PyTorch process', function () {
  this.timeout(300_000);
  let python = '';
  const cleanup: (() => Promise<void>)[] = [];

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

  it('parses --class and --input, and refuses what cannot train', () => {
    const a = parseTrainArgs(['net.py', '--class', 'Net', '--input', '64,1,28,28', '--batch-size', '32']);
    assert.equal(a.className, 'Net');
    assert.deepEqual(a.input, [64, 1, 28, 28]);
    assert.equal(a.hyper.batchSize, 32);
    assert.deepEqual(parseTrainArgs(['net.py', '--class', 'Net', '--input', '(8, 28, 28)']).input, [8, 28, 28]);
    assert.throws(() => parseTrainArgs(['net.py', '--class', 'Net', '--input', '64,-1']), /--input needs positive sizes/);
    assert.throws(() => parseTrainArgs(['net.py', '--class', 'not a name']), /--class needs a Python class name/);
    assert.throws(() => parseTrainArgs(['net.js', '--class', 'Net']), /a class of a \.py file/);
    assert.throws(() => parseTrainArgs(['net.py', '--class', 'Net', '--engine', 'wasm']), /trains on PyTorch/);
    assert.throws(() => parseTrainArgs(['cnn-mnist', '--input', '1,2']), /--input goes with --class/);
    assert.equal(classSampleId('SimpleCNN'), 'model-simplecnn');
    assert.equal(classSampleId('Net_v2__X'), 'model-net-v2-x', 'the same id as python/model_lens/user_model.py');
  });

  it('the protocol carries a class reference and refuses a malformed one', () => {
    const base = runConfig('cnn-mnist');
    const ok: RunConfig = { ...base, sample: { kind: 'class', path: '/w/net.py', className: 'Net', input: [64, 1, 28, 28] } };
    assert.ok(isRunConfig(ok));
    for (const sample of [
      { kind: 'class', path: '/w/net.py', className: 'Net; import os', input: [1, 2] },
      { kind: 'class', path: '/w/net.py', className: 'Net', input: [] },
      { kind: 'class', path: '/w/net.py', className: 'Net', input: [64, 0] },
      { kind: 'class', path: '/w/net.py', className: 'Net', input: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      { kind: 'class', path: '/w/net.py', className: 'Net' },
    ]) assert.ok(!isRunConfig({ ...base, sample }), JSON.stringify(sample));
  });

  it('`train FILE --class SimpleCNN`: the input from the analysis, MNIST images, layers on the file\'s lines, a run folder', async () => {
    const r = await cli([fixture, '--class', 'SimpleCNN', '--seconds', '2', '--json'], python);
    assert.equal(r.code, 0, r.stderr);
    for (const e of r.events) assert.ok(isBackendEvent(e), `valid ${e.kind}`);
    const started = r.events.find((e) => e.kind === 'runStarted');
    assert.ok(started && started.kind === 'runStarted');
    assert.equal(started.sample.id, 'model-simplecnn');
    assert.equal(started.sample.file, fixture);
    assert.match(started.sample.dataset.en, /MNIST images \[N, 1, 28, 28\] → 10 classes/);
    assert.equal(started.layers.find((l) => l.name === 'conv1')?.line, 13, 'conv1 is written on line 13 of the fixture');
    assert.equal(started.hyper.batchSize, 32, 'the hyperparameters\' batch size, not the input\'s 64');
    assert.ok(r.events.some((e) => e.kind === 'finished'));
    assert.equal(r.summary?.state, 'finished');
    assert.match(String(r.summary?.runDir), /model-simplecnn/);
  });

  it('`--input` overrides the analysis; the batch size comes from the hyperparameters', async () => {
    const file = userFile('import torch.nn as nn\n\nclass Rows(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.rnn = nn.GRU(28, 16, batch_first=True)\n        self.fc = nn.Linear(16, 10)\n\n    def forward(self, x):\n        out, _ = self.rnn(x)\n        return self.fc(out[:, -1])\n');
    const r = await cli([file, '--class', 'Rows', '--input', '5,28,28', '--batch-size', '48', '--seconds', '1'], python);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Rows: input \[5, 28, 28\] \(from --input\)/);
    assert.match(r.stdout, /lr 0\.002, batch 48/);
  });

  it('without a known input it says how to give one', async () => {
    const file = userFile('import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self, n):\n        super().__init__()\n        self.fc = nn.Linear(n, 2)\n\n    def forward(self, x):\n        return self.fc(x)\n');
    const r = await cli([file, '--class', 'Net'], python);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /the input of Net is unknown: pass --input 64,1,28,28 or add a comment "# input: \(64, 1, 28, 28\)"/);
  });

  it('a syntax error and an exception in forward name the person\'s line (exit 1, no crash)', async () => {
    const broken = userFile('import torch.nn as nn\n\nclass Net(nn.Module):\n    def forward(self, x)\n        return x\n');
    const a = await cli([broken, '--class', 'Net', '--input', '4,3'], python);
    assert.equal(a.code, 1);
    assert.match(a.stderr, /model\.py has a syntax error \(model\.py, line 4\)/);
    const raises = userFile('import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(3, 2)\n\n    def forward(self, x):\n        return self.fc(x.view(-1, 7))\n');
    const b = await cli([raises, '--class', 'Net', '--input', '4,3'], python);
    assert.equal(b.code, 1);
    assert.match(b.stderr, /Net\.forward failed on a batch of 2 \(model\.py, line 9\): RuntimeError/);
  });

  const session = (config: RunConfig): TrainingSession => {
    const s = new TrainingSession({
      backendPath: backendJs, maxMemoryMb: 4096, config, log: () => undefined, memoryLimitMb: pythonMemoryMb(4096),
      launch: (handlers) => PythonBackendProcess.start({ python, packageDir, maxMemoryMb: 4096, ...handlers }),
    });
    cleanup.push(() => s.dispose());
    return s;
  };
  const classConfig = (file: string, className: string, input: number[], trusted: boolean): RunConfig => ({
    ...runConfig('cnn-mnist', { runsDir: tempRunsDir() }), engine: 'torch', sample: { kind: 'class', path: file, className, input }, allowWorkspaceCode: trusted,
  });

  it('a forward that never returns mid-run: Stop ends the whole process group within 2 s', async () => {
    const file = userFile('import time\nimport torch.nn as nn\n\nclass Stuck(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(6, 3)\n        self.calls = 0\n\n'
      + '    def forward(self, x):\n        self.calls += 1\n        if self.calls > 40:\n            time.sleep(3600)\n        return self.fc(x)\n');
    const s = session({ ...classConfig(file, 'Stuck', [8, 6], true), hyper: { epochs: 1000 } });
    await s.start();
    await until('training to start', () => s.events().some((e) => e.kind === 'metrics'), 120_000);
    await new Promise((r) => setTimeout(r, 1500)); // stuck in forward's sleep by now (40 calls ≈ 30 steps)
    const pid = s.pid!;
    const t0 = Date.now();
    await s.stop();
    const took = Date.now() - t0;
    assert.ok(took <= 2000, `stop took ${took} ms`);
    assert.ok(!alive(pid), 'the Python process is gone');
  });

  it('an untrusted workspace: refused before anything of the file runs', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'ml-class-marker-')), 'ran');
    const file = userFile(`open(${JSON.stringify(marker)}, "w").close()\nimport torch.nn as nn\n\nclass Net(nn.Module):\n    def forward(self, x):\n        return x\n`);
    const s = session(classConfig(file, 'Net', [4, 3], false));
    await assert.rejects(s.start(), /the workspace is not trusted/);
    assert.ok(!existsSync(marker), 'the file was not imported');
  });
});
