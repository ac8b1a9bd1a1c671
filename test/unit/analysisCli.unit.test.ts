// `model-lens shapes`: the table, the JSON records and the exit status, run as a real process
// (the same entry bin/model-lens.js starts) and, for every fixture, checked against the
// expectations written next to the fixture code.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { FIXTURES, cli, fixtureFiles, read, readExpectations } from './analysisSupport';

interface JsonOut {
  models: { name: string; totalParams: number | null; layers: { name: string; path: string; line: number; kind: string; outputShapes: (number[] | null)[]; params: number | null }[] }[];
  diagnostics: { severity: string; message: string; expected: number | null; actual: number | null; fix: { newText: string } | null }[];
}

describe('model-lens shapes (CLI)', function () {
  this.timeout(300_000);

  it('prints a torchinfo-like table of the document CNN and exits 0', async () => {
    const r = await cli(['shapes', join(FIXTURES, 'pytorch', 'simpleCnn.py')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^conv1\s+12\s+Conv2d\s+\[64, 16, 28, 28\]\s+160$/m);
    assert.match(r.stdout, /^pool\s+13\s+MaxPool2d\s+\[64, 32, 7, 7\]\s+\(again\)$/m);
    assert.match(r.stdout, /^fc1\s+15\s+Linear\s+\[64, 120\]\s+188,280$/m);
    assert.match(r.stdout, /Total params: 204,094/);
  });

  it('reports a mismatch with both numbers and exits 1', async () => {
    const r = await cli(['shapes', join(FIXTURES, 'pytorch', 'simpleCnnMismatch.py')]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /error: simpleCnnMismatch\.py:15:\d+ fc1 expects 1568 features, gets 2048 = 32·8·8/);
  });

  it('--input overrides the annotation, --class picks a model, --json gives records', async () => {
    const r = await cli(['shapes', join(FIXTURES, 'pytorch', 'lstmGru.py'), '--class', 'RowLSTM', '--input', '8,100,28', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as JsonOut;
    assert.deepEqual(out.models.map((m) => m.name), ['RowLSTM']);
    const lstm = out.models[0]!.layers.find((l) => l.name === 'lstm');
    assert.deepEqual(lstm?.outputShapes, [[8, 100, 128]]);
    assert.equal(lstm?.params, 212992);
  });

  it('--input gives a forward that takes several tensors one shape each, in its order', async () => {
    const r = await cli(['shapes', join(FIXTURES, 'pytorch', 'severalInputs.py'), '--class', 'PairTranslator', '--input', '(3, 5, 12), (3, 4, 12)', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const m = (JSON.parse(r.stdout) as JsonOut).models[0]!;
    assert.deepEqual(m.layers.find((l) => l.name === 'encode')?.outputShapes, [[3, 5, 12]]);
    assert.deepEqual(m.layers.find((l) => l.name === 'head')?.outputShapes, [[3, 4, 20]]);
  });

  it('a model with no input says how to give one in its own language\'s comment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-cli-'));
    const js = join(dir, 'head.js');
    writeFileSync(js, "const tf = require('@tensorflow/tfjs');\nfunction head(n) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({units: 2, inputShape: [n]}));\n  return model;\n}\nmodule.exports = { head };\n");
    const py = join(dir, 'head.py');
    writeFileSync(py, 'import torch.nn as nn\nclass Head(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n    def forward(self, x):\n        return self.fc(x)\n');
    try {
      assert.match((await cli(['shapes', js])).stdout, /no input shape: add "\/\/ input: \(…\)" or pass --input/);
      assert.match((await cli(['shapes', py])).stdout, /no input shape: add "# input: \(…\)" or pass --input/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bad usage and unreadable files exit 2 with a message', async () => {
    const missing = await cli(['shapes', join(FIXTURES, 'nope.py')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read/);
    const badInput = await cli(['shapes', join(FIXTURES, 'pytorch', 'simpleCnn.py'), '--input', 'abc']);
    assert.equal(badInput.code, 2);
    assert.match(badInput.stderr, /--input/);
  });

  for (const file of fixtureFiles()) {
    it(`--json matches the expectations in ${basename(file)}`, async () => {
      const r = await cli(['shapes', file, '--json']);
      const exp = readExpectations(read(file));
      assert.equal(r.code, exp.errors.length > 0 ? 1 : 0, r.stderr);
      const out = JSON.parse(r.stdout) as JsonOut;
      const layers = out.models.flatMap((m) => m.layers);
      for (const e of exp.shapes) {
        const l = layers.find((x) => x.line === e.line + 1);
        if (!l) continue; // a forward statement, checked by the fixture test
        assert.deepEqual(l.outputShapes.length > 0 ? l.outputShapes : [null], e.outputs, `${basename(file)}:${e.line + 1} ${l.path}`);
        if (e.params !== undefined) assert.equal(l.params, e.params, `${basename(file)}:${e.line + 1} ${l.path} params`);
      }
      for (const text of exp.errors) assert.ok(out.diagnostics.some((d) => d.message.includes(text)), text);
    });
  }
});
