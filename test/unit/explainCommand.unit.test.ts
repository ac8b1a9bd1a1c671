// `model-lens explain FILE:LINE[:COL]`, run as a real process (the entry bin/model-lens.js starts):
// it prints exactly the hover model the editor renders, for layers and API names, in both
// languages and as JSON, and exits 0 / 1 / 2 as documented.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import { hoverTargetAt, hoverView } from '../../src/hover/hoverModel';
import { hoverText } from '../../src/hover/hoverText';
import { FIXTURES, ROOT, read, testParsers } from './analysisSupport';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'src', 'cli', 'main.ts'), ...args], { cwd: ROOT, timeout: 120_000, maxBuffer: 8 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface ExplainJson {
  kind: string;
  name: string;
  params: number | null;
  outputs: ({ shape: number[] } | { unknown: string })[];
  withYourNumbers: { quantity: string; value: number; text: string; latex: string; formula: string }[];
  formulas: { latex: string; erratum?: string }[];
  explanation: string | null;
}

describe('model-lens explain (CLI)', function () {
  this.timeout(300_000);
  const cnn = join(FIXTURES, 'pytorch', 'simpleCnn.py');
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'model-lens-explain-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints what the hover shows for the layer at FILE:LINE:COL, from the same model', async () => {
    const r = await cli(['explain', `${cnn}:14:24`]);
    assert.equal(r.code, 0, r.stderr);
    // The same target, through the hover model in-process: identical text.
    const text = read(cnn);
    const line = text.split('\n')[13]!;
    const target = hoverTargetAt(analyzeText(await testParsers(), text, 'python'), line, { line: 13, character: 23 }, 'pytorch');
    assert.ok(target);
    assert.equal(r.stdout, hoverText(hoverView(target, 'en'), 'en'));
    assert.match(r.stdout, /^conv2 · nn\.Conv2d — 2-D convolution layer$/m);
    assert.match(r.stdout, /Output: +\[64, 32, 14, 14\]/);
    assert.match(r.stdout, /Parameters: +4,640/);
    assert.match(r.stdout, /^ {2}#params = 32·16·3·3 \+ 32 = 4,640$/m);
    assert.match(r.stdout, /in symbols: \\#\\text\{params\} = C_\{out\}/);
  });

  it('--json: the issue’s LSTM(10, 20, proj_size=5) counts 1,460, formula and analysis alike', async () => {
    const file = join(dir, 'proj.py');
    writeFileSync(file, ['import torch.nn as nn', '', 'class Net(nn.Module):', '    # input: (5, 3, 10)', '    def __init__(self):', '        super().__init__()', '        self.rnn = nn.LSTM(10, 20, proj_size=5)', '', '    def forward(self, x):', '        return self.rnn(x)', ''].join('\n'));
    const r = await cli(['explain', `${file}:7`, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as ExplainJson;
    assert.equal(out.kind, 'layer');
    assert.equal(out.params, 1460);
    const step = out.withYourNumbers.find((s) => s.quantity === 'params');
    assert.equal(step?.value, 1460);
    assert.equal(step?.text, '#params = (4·20·(10+5) + 2·4·20 + 5·20) = 1,460');
    assert.deepEqual(out.outputs, [{ shape: [5, 3, 5] }]); // the projection's width
  });

  it('--lang zh-cn on a tfjs file, and an API name without a layer', async () => {
    const file = join(dir, 'net.js');
    writeFileSync(file, ["const model = tf.sequential();", "model.add(tf.layers.gru({ units: 6, inputShape: [3, 20] }));", 'const opt = tf.train.adam(0.01);', ''].join('\n'));
    const gru = await cli(['explain', `${file}:2`, '--lang', 'zh-cn']);
    assert.equal(gru.code, 0, gru.stderr);
    assert.match(gru.stdout, /参数量: +486/);
    assert.match(gru.stdout, /#params = \(3·6·\(20\+6\) \+ 3·6\) = 486/);
    assert.match(gru.stdout, /解释:/);
    const adam = await cli(['explain', `${file}:3:20`, '--json']);
    assert.equal(adam.code, 0, adam.stderr);
    const out = JSON.parse(adam.stdout) as ExplainJson & { concept: { id: string } };
    assert.equal(out.kind, 'api');
    assert.equal(out.concept.id, 'adam');
    assert.match(out.explanation ?? '', /1000 or 0\.001/);
  });

  it('exits 1 when there is nothing to explain, 2 on bad usage or an unreadable file', async () => {
    const nothing = await cli(['explain', `${cnn}:3`]);
    assert.equal(nothing.code, 1);
    assert.match(nothing.stderr, /nothing to explain at .*simpleCnn\.py:3/);
    const noLine = await cli(['explain', cnn]);
    assert.equal(noLine.code, 2);
    assert.match(noLine.stderr, /<file>:<line>/);
    const missing = await cli(['explain', join(dir, 'missing.py:1')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read/);
    const past = await cli(['explain', `${cnn}:400`]);
    assert.equal(past.code, 2);
    assert.match(past.stderr, /has \d+ lines, not 400/);
  });
});
