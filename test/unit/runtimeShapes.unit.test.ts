// `model-lens shapes FILE --runtime` as a real process with the real PyTorch (issue 9 part 5):
// every PyTorch fixture's layers measured by a forward pass agree with the fixture's `# => [shape]
// params` notes (written by hand and checked against torch), and each kind of bad input gives a
// one-line reason with the inferred table still printed. Skips (visibly) where no Python has torch.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverPython, ProbeCache } from '../../src/host/python/discovery';
import { isRuntimeShapesReply } from '../../src/protocol/runtimeShapes';
import { cli } from './analysisSupport';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'pytorch');

interface JsonLayer { name: string; path: string; line: number; measured: { outputShapes: ((number | null)[] | null)[]; params: number } | null }
interface JsonModel { name: string; runtime: { ran: boolean; reason?: string }; layers: JsonLayer[] }

/** `# => [64, 28, 128] 212992` on a layer's line: its output shape and parameter count. */
function notes(file: string): Map<number, { shape: number[]; params: number | null }> {
  const out = new Map<number, { shape: number[]; params: number | null }>();
  readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    const m = /#\s*=>\s*\[([\d,\s]*)\](?:\s+(\d+))?/.exec(text);
    if (m) out.set(i + 1, { shape: m[1]!.split(',').filter((x) => x.trim() !== '').map(Number), params: m[2] !== undefined ? Number(m[2]) : null });
  });
  return out;
}

describe('model-lens shapes --runtime (real PyTorch)', function () {
  this.timeout(240_000);
  let python = '';
  before(async function () {
    const found = await discoverPython({ packageDir: join(ROOT, 'python'), cache: new ProbeCache(null) });
    if (!found.chosen) {
      process.stdout.write(`      (skipped: ${found.reason ?? 'no Python with torch'}; install python3-torch as .ci/run does)\n`);
      this.skip();
    }
    python = found.chosen!.result.executable ?? found.chosen!.candidate.path;
  });

  it('agrees with PyTorch on every PyTorch fixture: each measured layer matches the fixture\'s checked note', async function () {
    // 17 processes, each importing torch: slow on a loaded 2-core machine, so two at a time.
    this.timeout(900_000);
    let compared = 0;
    let ranModels = 0;
    const files = readdirSync(FIXTURES).filter((n) => n.endsWith('.py')).sort();
    const outputs = new Map<string, Promise<{ code: number; stdout: string; stderr: string }>>();
    const queue = [...files];
    const worker = async (): Promise<void> => {
      for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
        const out = cli(['shapes', join(FIXTURES, f), '--runtime', '--json', '--python', python]);
        outputs.set(f, out);
        await out;
      }
    };
    await Promise.all([worker(), worker()]);
    for (const f of files) {
      const file = join(FIXTURES, f);
      const { code, stdout, stderr } = await outputs.get(f)!;
      assert.ok(code === 0 || code === 1, `${f}: exit ${code} ${stderr}`);
      const models = (JSON.parse(stdout) as { models: JsonModel[] }).models;
      const expected = notes(file);
      for (const m of models) {
        assert.ok(m.runtime, `${f} ${m.name}: no runtime record`);
        if (!m.runtime.ran) continue;
        ranModels++;
        // The outermost modules written on each noted line (`nn.Sequential(nn.Conv2d(…), …)` on one
        // line carries the Sequential's note; a `super().__init__(…)` line builds several modules).
        const byLine = new Map<number, JsonLayer[]>();
        for (const l of m.layers) {
          if (!expected.has(l.line) || !l.measured) continue;
          // An attribute assigned in two branches (if/else): the note describes its line's branch, PyTorch the one that ran.
          if ((readFileSync(file, 'utf8').match(new RegExp(`self\\.${l.path.split('.')[0]!}\\s*=`, 'g')) ?? []).length > 1) continue;
          if (m.layers.some((o) => o.line === l.line && l.path.startsWith(`${o.path}.`))) continue;
          byLine.set(l.line, [...(byLine.get(l.line) ?? []), l]);
        }
        for (const [line, layers] of byLine) {
          const note = expected.get(line)!;
          const shapes = layers.flatMap((l) => l.measured!.outputShapes).filter((s): s is number[] => s !== null && s.every((d) => d !== null));
          if (shapes.length === 0) continue;
          assert.ok(shapes.some((s) => JSON.stringify(s) === JSON.stringify(note.shape)), `${f} ${m.name}.${layers.map((l) => l.path).join('/')} line ${line}: PyTorch measured ${JSON.stringify(shapes)}, the note says ${JSON.stringify(note.shape)}`);
          if (note.params !== null && layers.length === 1) assert.equal(layers[0]!.measured!.params, note.params, `${f} ${m.name}.${layers[0]!.path}: params`);
          compared++;
        }
      }
    }
    process.stdout.write(`      (${ranModels} models ran, ${compared} layers compared with their notes)\n`);
    assert.ok(ranModels >= 15 && compared >= 60, `too little was measured: ${ranModels} models, ${compared} layers`);
  });

  const dir = mkdtempSync(join(tmpdir(), 'ml-runtime-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const model = (body: string, forward = 'return self.fc(x)'): string => `import torch
import torch.nn as nn


class Net(nn.Module):
    # input: (8, 4)
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)
${body}

    def forward(self, x):
        ${forward}


if __name__ == "__main__":
    raise SystemExit("the script part must not run")
`;
  const run = async (name: string, text: string, extra: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> => {
    const file = join(dir, `${name}.py`);
    writeFileSync(file, text);
    return cli(['shapes', file, '--runtime', '--python', python, ...extra]);
  };

  it('runs the file as a module (its __main__ part does not run) and marks every row "PyTorch"', async () => {
    const r = await run('plain', model(''));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /fc\s+9\s+Linear\s+\[8, 3\]\s+15\s+PyTorch/);
    assert.match(r.stdout, /Total params: 15 {2}\(from PyTorch\)/);
  });

  it('takes constructor arguments from a call in the file with literal values', async () => {
    const text = `import torch.nn as nn


class Wide(nn.Module):
    # input: (8, 4)
    def __init__(self, width):
        super().__init__()
        self.fc = nn.Linear(4, width)

    def forward(self, x):
        return self.fc(x)


net = Wide(width=7)
`;
    const r = await run('ctorArgs', text, ['--json']);
    const wide = (JSON.parse(r.stdout) as { models: (JsonModel & { runtime: { output?: number[] } })[] }).models.find((m) => m.name === 'Wide')!;
    assert.equal(wide.runtime.ran, true, JSON.stringify(wide.runtime));
    assert.deepEqual(wide.runtime.output, [8, 7]);
  });

  const badCases: [string, string, RegExp][] = [
    ['syntax', model('').replace('def forward(self, x):', 'def forward(self, x)'), /PyTorch: not run: the file has a syntax error/],
    ['importError', `import not_a_module_anywhere\n${model('')}`, /PyTorch: importing the file failed at line 1: ModuleNotFoundError/],
    ['initError', model('        raise ValueError("bad config")'), /PyTorch: Net's constructor failed at line 10: ValueError: bad config; the shapes below are inferred/],
    ['forwardError', model('', 'return self.fc(x.view(-1, 5))'), /PyTorch: Net's forward failed at line 13: RuntimeError/],
    ['neverReturns', model('', 'while True:\n            pass'), /PyTorch: the time budget ran out at line 1[34]/],
  ];
  for (const [name, text, expected] of badCases) {
    it(`bad input (${name}): a one-line reason, the inferred table stays`, async () => {
      const started = Date.now();
      const r = await run(name, text, ['--timeout', '3']);
      assert.match(r.stdout, expected);
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
      if (name !== 'syntax') assert.match(r.stdout, /fc\s+\d+\s+Linear\s+.*\s15\s+inferred/);
      assert.ok(Date.now() - started < 60_000);
    });
  }

  it('a model over the memory cap: named as such, with its line, and the inferred table stays', async () => {
    const r = await run('tooBig', model('        self.big = nn.Linear(100000, 100000)'));
    assert.match(r.stdout, /PyTorch: the memory cap was reached at line 10: .*; the shapes below are inferred/);
    assert.match(r.stdout, /fc\s+9\s+Linear\s+\[8, 3\]\s+15\s+inferred/);
  });

  it('no torch: says why in one line and prints the inferred shapes', async () => {
    writeFileSync(join(dir, 'noTorch.py'), model(''));
    const r = await cli(['shapes', join(dir, 'noTorch.py'), '--runtime', '--python', '/nonexistent/python3']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /PyTorch: failed: cannot start \/nonexistent\/python3: .*; the shapes below are inferred/);
    // A real Python without torch: a venv of the same interpreter (system site-packages left out).
    const venv = join(dir, 'venv-no-torch');
    const made = spawnSync(python, ['-m', 'venv', '--without-pip', venv], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const r2 = await cli(['shapes', join(dir, 'noTorch.py'), '--runtime', '--python', join(venv, 'bin', 'python')]);
    assert.equal(r2.code, 0, r2.stderr);
    assert.match(r2.stdout, /PyTorch: failed: the shapes process ended without an answer \(exit code 1\): ModuleNotFoundError: No module named 'torch'; the shapes below are inferred/);
    assert.match(r2.stdout, /fc\s+9\s+Linear\s+\[8, 3\]\s+15\s+inferred/);
    assert.match(r.stdout, /fc\s+\d+\s+Linear\s+.*\s15\s+inferred/);
  });

  it('rejects a forged reply: extra keys or a wrong stage do not pass the validator', () => {
    const ok = { type: 'runtimeShapes', id: 1, runtime: 'x', ok: false, stage: 'import', message: 'm', line: null, elapsedMs: 1 };
    assert.equal(isRuntimeShapesReply(ok), true);
    assert.equal(isRuntimeShapesReply({ ...ok, stage: 'rm -rf' }), false);
    assert.equal(isRuntimeShapesReply({ ...ok, extra: 1 }), false);
    assert.equal(isRuntimeShapesReply({ ...ok, ok: true, models: [{ name: 'N', ok: true, inputs: [], ranAt: [2], output: [-1], totalParams: 0, layers: [] }] }), false);
  });
});
