// The editor's long-lived exact-shapes worker (src/host/python/runtimeWorker.ts +
// python/model_lens/shapes_worker.py) with the real PyTorch: answers, unsaved text, cancel inside
// Python (the process lives on), the time budget, a call that never returns (killed, restarted), a
// crash (restarted after a delay), the restart limit, and no orphan after dispose — the person's
// own child processes included. Skips (visibly) where no Python has torch.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverPython, ProbeCache } from '../../src/host/python/discovery';
import { RuntimeShapesWorker, type MeasureOutcome } from '../../src/host/python/runtimeWorker';
import type { RuntimeModelOk } from '../../src/protocol/runtimeShapes';

const ROOT = join(__dirname, '..', '..');
const CNN = join(ROOT, 'test', 'fixtures', 'pytorch', 'simpleCnn.py');

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try { process.kill(pid, 0); return true; } catch { return false; }
}

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function okModel(o: MeasureOutcome, name: string): RuntimeModelOk {
  assert.equal(o.kind, 'reply', JSON.stringify(o));
  const reply = (o as Extract<MeasureOutcome, { kind: 'reply' }>).reply;
  assert.ok(reply.ok, JSON.stringify(reply));
  const m = reply.models.find((x) => x.name === name);
  assert.ok(m?.ok, JSON.stringify(m));
  return m;
}

const LOOPING = `import torch.nn as nn
class Spin(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
    def forward(self, x):
        while True:
            try:
                pass
            except Exception:
                pass
`;

describe('exact-shapes worker (real PyTorch)', function () {
  this.timeout(240_000);
  let python = '';
  let dir = '';
  const workers: RuntimeShapesWorker[] = [];
  const make = (extra: Partial<ConstructorParameters<typeof RuntimeShapesWorker>[0]> = {}): RuntimeShapesWorker => {
    const w = new RuntimeShapesWorker({ python, packageDir: join(ROOT, 'python'), maxMemoryMb: 4096, ...extra });
    workers.push(w);
    return w;
  };
  before(async function () {
    const found = await discoverPython({ packageDir: join(ROOT, 'python'), cache: new ProbeCache(null) });
    if (!found.chosen) {
      process.stdout.write(`      (skipped: ${found.reason ?? 'no Python with torch'}; install python3-torch as .ci/run does)\n`);
      this.skip();
    }
    python = found.chosen!.result.executable ?? found.chosen!.candidate.path;
    dir = mkdtempSync(join(tmpdir(), 'ml-worker-'));
  });
  afterEach(async () => { for (const w of workers.splice(0)) await w.dispose(); });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('measures the document\'s CNN, then an unsaved version of it, in the same process; what the file prints comes back once per request', async function () {
    const w = make();
    const first = okModel(await w.measure({ file: CNN, models: [{ name: 'SimpleCNN', inputs: [[64, 1, 28, 28]] }], timeBudgetMs: 20_000 }), 'SimpleCNN');
    assert.deepEqual(first.output, [64, 10]);
    assert.equal(first.totalParams, 204094);
    assert.deepEqual(first.layers.find((l) => l.path === 'conv1')?.outputs, [[64, 16, 28, 28]]);
    const pid = w.pid;
    assert.ok(alive(pid));
    assert.match(w.runtime ?? '', /^Python 3\.\d+\.\d+, torch \d/);
    // Unsaved: 8 channels instead of 16, and a print at module level.
    const edited = readFileSync(CNN, 'utf8').replace('out_channels=16', 'out_channels=8').replace('in_channels=16', 'in_channels=8') + '\nprint("hello from the module")\n';
    const second = await w.measure({ file: CNN, source: edited, models: [{ name: 'SimpleCNN', inputs: [[64, 1, 28, 28]] }], timeBudgetMs: 20_000 });
    const m = okModel(second, 'SimpleCNN');
    assert.deepEqual(m.layers.find((l) => l.path === 'conv1')?.outputs, [[64, 8, 28, 28]]);
    assert.equal(m.layers.find((l) => l.path === 'conv1')?.params, 80);
    assert.equal((second as Extract<MeasureOutcome, { kind: 'reply' }>).output?.trim(), 'hello from the module');
    assert.equal(w.pid, pid, 'one long-lived process');
    assert.equal(w.stats.starts, 1);
  });

  it('a sibling module edited between two requests is imported afresh', async function () {
    const w = make();
    const parts = join(dir, 'parts.py');
    const model = join(dir, 'net.py');
    writeFileSync(parts, 'WIDTH = 5\n');
    writeFileSync(model, 'import torch.nn as nn\nfrom parts import WIDTH\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(3, WIDTH)\n    def forward(self, x):\n        return self.fc(x)\n');
    const req = { file: model, models: [{ name: 'Net', inputs: [[2, 3]] }], timeBudgetMs: 20_000 };
    assert.deepEqual(okModel(await w.measure(req), 'Net').output, [2, 5]);
    writeFileSync(parts, 'WIDTH = 7\n');
    assert.deepEqual(okModel(await w.measure(req), 'Net').output, [2, 7]);
  });

  it('an aborted request is cancelled inside Python: the same process answers the next one at once', async function () {
    const w = make();
    const spin = join(dir, 'spin.py');
    writeFileSync(spin, LOOPING);
    w.warm();
    await until('the worker to be ready', () => w.runtime !== null, 90_000);
    const pid = w.pid;
    const ac = new AbortController();
    const pending = w.measure({ file: spin, models: [{ name: 'Spin', inputs: [[2, 4]] }], timeBudgetMs: 60_000 }, ac.signal);
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    ac.abort();
    assert.deepEqual(await pending, { kind: 'cancelled' });
    const next = await w.measure({ file: CNN, models: [{ name: 'SimpleCNN', inputs: [[64, 1, 28, 28]] }], timeBudgetMs: 20_000 });
    const elapsed = Date.now() - t0;
    okModel(next, 'SimpleCNN');
    assert.equal(w.pid, pid, 'cancel did not cost a restart');
    assert.ok(elapsed < 5_000, `next answer ${elapsed} ms after the cancel`);
  });

  it('the time budget stops a forward that loops, naming the stage', async function () {
    const w = make();
    const spin = join(dir, 'spin2.py');
    writeFileSync(spin, LOOPING);
    const o = await w.measure({ file: spin, models: [{ name: 'Spin', inputs: [[2, 4]] }], timeBudgetMs: 800 });
    assert.equal(o.kind, 'reply');
    const reply = (o as Extract<MeasureOutcome, { kind: 'reply' }>).reply;
    assert.ok(reply.ok);
    const m = reply.models[0]!;
    assert.ok(!m.ok && m.stage === 'budget', JSON.stringify(m));
  });

  it('a call that never returns gets the process killed after budget + grace, and a new worker answers', async function () {
    const w = make({ killGraceMs: 1_000, restarts: { max: 5, windowMs: 60_000, baseDelayMs: 100 } });
    const stuck = join(dir, 'stuck.py');
    // Signals blocked, then a sleep: neither the budget's SIGALRM nor a cancel can reach it.
    writeFileSync(stuck, 'import signal, time\nimport torch.nn as nn\nclass Stuck(nn.Module):\n    def forward(self, x):\n        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGUSR1})\n        time.sleep(600)\n        return x\n');
    const o = await w.measure({ file: stuck, models: [{ name: 'Stuck', inputs: [[2, 4]] }], timeBudgetMs: 1_000 });
    assert.equal(o.kind, 'failed');
    assert.match((o as { reason: string }).reason, /did not answer within 2\.0 s/);
    const next = await w.measure({ file: CNN, models: [{ name: 'SimpleCNN', inputs: [[64, 1, 28, 28]] }], timeBudgetMs: 20_000 });
    okModel(next, 'SimpleCNN');
    assert.equal(w.stats.starts, 2);
  });

  it('a crash (the process killed) fails the request, and the worker is restarted after a delay; past the limit it stays down with the reason', async function () {
    const w = make({ restarts: { max: 1, windowMs: 60_000, baseDelayMs: 200 } });
    const crash = join(dir, 'crash.py');
    writeFileSync(crash, 'import os, signal\nimport torch.nn as nn\nclass Boom(nn.Module):\n    def forward(self, x):\n        os.kill(os.getpid(), signal.SIGKILL)\n');
    const req = { file: crash, models: [{ name: 'Boom', inputs: [[2, 4]] }], timeBudgetMs: 20_000 };
    const first = await w.measure(req);
    assert.equal(first.kind, 'failed');
    assert.match((first as { reason: string }).reason, /signal SIGKILL/);
    const pid1 = w.pid;
    assert.equal(pid1, undefined, 'no process during the restart delay');
    await until('the restart', () => w.runtime !== null, 90_000);
    okModel(await w.measure({ file: CNN, models: [{ name: 'SimpleCNN', inputs: [[64, 1, 28, 28]] }], timeBudgetMs: 20_000 }), 'SimpleCNN');
    const second = await w.measure(req);
    assert.equal(second.kind, 'failed');
    const third = await w.measure({ file: CNN, models: [{ name: 'SimpleCNN', inputs: [[64, 1, 28, 28]] }], timeBudgetMs: 20_000 });
    assert.equal(third.kind, 'failed');
    assert.match((third as { reason: string }).reason, /not restarted again \(1 restarts within 1 min\)/);
    assert.equal(w.stats.starts, 2);
  });

  it('dispose leaves no process behind: the worker and a child process the person\'s file started', async function () {
    const w = make();
    const pidFile = join(dir, 'child.pid');
    const spawner = join(dir, 'spawner.py');
    writeFileSync(spawner, `import subprocess\nimport torch.nn as nn\n_p = subprocess.Popen(["sleep", "600"])\nopen(${JSON.stringify(pidFile)}, "w").write(str(_p.pid))\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n    def forward(self, x):\n        return self.fc(x)\n`);
    okModel(await w.measure({ file: spawner, models: [{ name: 'Net', inputs: [[2, 4]] }], timeBudgetMs: 20_000 }), 'Net');
    const pid = w.pid;
    assert.ok(existsSync(pidFile));
    const childPid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(alive(pid) && alive(childPid));
    await w.dispose();
    await until('the worker and its child to be gone', () => !alive(pid) && !alive(childPid), 5_000);
    assert.deepEqual(await w.measure({ file: CNN, models: [{ name: 'SimpleCNN', inputs: [[64, 1, 28, 28]] }], timeBudgetMs: 20_000 }), { kind: 'failed', reason: 'the shapes worker was closed' });
  });
});
