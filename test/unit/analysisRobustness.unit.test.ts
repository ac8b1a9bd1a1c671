// Bad input never crashes the analysis and always finishes: huge files, absurd nesting, random
// bytes, code cut off at every point while it is being typed. These assert completion and sane
// results, not timings (timings are measured by `npm run bench`).
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import type { AnalysisResult, SourceLanguage } from '../../src/analysis/types';
import { AnalysisWorkerPool, analysisWorkerEntry } from '../../src/analysis/worker/pool';
import { FIXTURES, ROOT, read, testParsers } from './analysisSupport';

async function analyze(text: string, language: SourceLanguage, isCancelled?: () => boolean): Promise<AnalysisResult> {
  return analyzeText(await testParsers(), text, language, isCancelled ? { isCancelled } : {});
}

function assertWellFormed(r: AnalysisResult): void {
  for (const m of r.models) {
    assert.equal(typeof m.name, 'string');
    for (const l of m.layers) assert.ok(l.output.known ? l.output.shape.every((d) => Number.isInteger(d)) : l.output.reason.en.length > 0);
  }
  for (const d of r.diagnostics) assert.ok(d.message.en.length > 0 && d.message['zh-cn'].length > 0);
}

describe('analysis on bad input', function () {
  this.timeout(240_000);
  const cnn = read(join(FIXTURES, 'pytorch', 'simpleCnn.py'));
  const tfjsCnn = read(join(FIXTURES, 'tfjs', 'cnn.js'));

  it('a 10 MB Python file: the model in it is still analysed', async () => {
    const filler = 'value_1 = compute(table[1], 2) + 3  # padding line to make the file large\n';
    const text = cnn + filler.repeat(Math.ceil((10 * 1024 * 1024) / filler.length));
    assert.ok(text.length >= 10 * 1024 * 1024);
    const r = await analyze(text, 'python');
    const m = r.models.find((x) => x.name === 'SimpleCNN');
    assert.ok(m?.output.known);
    assert.deepEqual(m.output.shape, [64, 10]);
  });

  it('a 10 MB file of thousands of models: finishes, the first models are complete', async () => {
    let n = 0;
    const text = cnn.repeat(Math.ceil((10 * 1024 * 1024) / cnn.length)).replace(/SimpleCNN/g, () => `SimpleCNN${n++}`);
    const r = await analyze(text, 'python');
    assert.ok(n > 5000);
    assert.ok(r.models.length >= 100, `${r.models.length} models analysed`);
    assert.ok(r.models[0]?.output.known);
    assertWellFormed(r);
  });

  it('a 10 MB Python file without a single comment, and a 1 MB single line', async () => {
    const filler = 'value_1 = compute(table[1], 2) + 3\n';
    const text = cnn + filler.repeat(Math.ceil((10 * 1024 * 1024) / filler.length));
    const r = await analyze(text, 'python');
    assert.ok(r.models.some((m) => m.name === 'SimpleCNN' && m.output.known));
    assertWellFormed(await analyze('x = 1; '.repeat(150_000), 'python')); // one 1 MB line
  });

  it('a 10 MB JavaScript file', async () => {
    const filler = 'const padding = [1, 2, 3].map((x) => x * 2); // padding line\n';
    const text = tfjsCnn + filler.repeat(Math.ceil((10 * 1024 * 1024) / filler.length));
    const r = await analyze(text, 'javascript');
    assert.ok(r.models.some((m) => m.name === 'model' && m.output.known));
  });

  it('classes whose bases make a circle (`class A(B)` / `class B(A)`): an attribute of one is read without overflowing the stack', async () => {
    const src = 'import torch.nn as nn\n\n\nclass A(B):\n    X = 1\n\n\nclass B(A):\n    Y = 2\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, A.X + 1)\n\n    def forward(self, x):\n        return self.fc(x)\n';
    const m = analyzeText(await testParsers(), src, 'python').models.find((x) => x.name === 'M');
    assert.equal(m?.totalParams, 10);
  });

  it('10,000-deep nesting of brackets, calls and blocks', async () => {
    const depth = 10_000;
    const py = [
      `x = ${'('.repeat(depth)}1${')'.repeat(depth)}`,
      `y = ${'f('.repeat(depth)}1${')'.repeat(depth)}`,
      `z = ${'['.repeat(depth)}${']'.repeat(depth)}`,
      cnn.replace('x = self.fc3(x)', `x = self.fc3(${'('.repeat(depth)}x${')'.repeat(depth)})`),
    ].join('\n');
    const r = await analyze(py, 'python');
    assertWellFormed(r);
    assert.ok(r.models.some((m) => m.name === 'SimpleCNN'));
    let blocks = '';
    for (let i = 0; i < depth; i++) blocks += `${' '.repeat(i % 200)}if x:\n`;
    assertWellFormed(await analyze(blocks, 'python'));
    const js = `const a = ${'['.repeat(depth)}${']'.repeat(depth)};\n${'{'.repeat(depth)}${'}'.repeat(depth)}\nconst m = tf.sequential({layers: [${'tf.layers.dense({units: 1, inputShape: [1]}).apply('.repeat(depth)}x${')'.repeat(depth)}]});\n`;
    assertWellFormed(await analyze(js, 'javascript'));
    assertWellFormed(await analyze(js, 'typescript'));
  });

  it('random bytes: each gives a sane result or a clear failure, and the next file analyses', async () => {
    // In worker threads, as the editor and the CLI run it: tree-sitter's wasm can abort when its
    // heap cannot grow on some garbage, which leaves that thread's parsers unusable; the worker
    // then ends and the pool replaces it. (In this thread an abort would break every later test.)
    // With the editor's default budget (5 s): about one garbage file in a thousand sends
    // tree-sitter-typescript's error recovery into minutes of work; the budget stops it and the
    // result says so.
    const budgetMs = 5000;
    const pool = new AnalysisWorkerPool({ ...analysisWorkerEntry(), parsersDir: join(ROOT, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm'), size: 1, graceMs: 3000 });
    try {
      for (let i = 0; i < 6; i++) {
        const text = randomBytes(64 * 1024).toString('latin1');
        for (const lang of ['python', 'javascript', 'typescript'] as const) {
          const started = performance.now();
          const out = await pool.run({ text, language: lang, options: { timeBudgetMs: budgetMs } }).outcome;
          assert.ok(performance.now() - started < budgetMs + 3000 + 2000, 'the budget (and the pool grace) bound each file');
          if (out.kind === 'done') {
            assertWellFormed(out.result);
            if (out.ms > budgetMs) assert.ok(out.result.incomplete?.some((i) => i.kind === 'timeBudget'), 'a stopped analysis says so');
          } else assert.ok(out.kind === 'failed' && out.message.length > 0, `a failure says why: ${JSON.stringify(out)}`);
        }
      }
      const after = await pool.run({ text: cnn, language: 'python', options: {} }).outcome;
      assert.equal(after.kind, 'done', JSON.stringify(after).slice(0, 300));
      assert.deepEqual(after.kind === 'done' ? after.result.models.map((m) => m.name) : [], ['SimpleCNN']);
    } finally {
      await pool.dispose();
    }
  });

  it('half-typed code: every prefix of the document CNN and of a tfjs model', async () => {
    let models = 0;
    for (let cut = 0; cut <= cnn.length; cut += 11) {
      const r = await analyze(cnn.slice(0, cut), 'python');
      assertWellFormed(r);
      models += r.models.length;
    }
    assert.ok(models > 0, 'prefixes that contain the class header are recognised');
    for (let cut = 0; cut <= tfjsCnn.length; cut += 13) assertWellFormed(await analyze(tfjsCnn.slice(0, cut), 'javascript'));
  });

  it('half-typed lines inside a model keep the rest analysable', async () => {
    const broken = cnn.replace('self.fc2 = nn.Linear(120, 84)', 'self.fc2 = nn.Linear(120, ').replace('x = self.dropout(x)  # => [64, 120]', 'x = self.dropout(x');
    const r = await analyze(broken, 'python');
    const m = r.models.find((x) => x.name === 'SimpleCNN');
    assert.ok(m, 'model still found');
    assert.ok(r.syntaxErrors > 0);
    const conv1 = m.layers.find((l) => l.name === 'conv1');
    assert.deepEqual(conv1?.output.known ? conv1.output.shape : null, [64, 16, 28, 28]);
  });

  it('import cycles between workspace files end (a package __init__ importing its own modules by name, star imports both ways)', async () => {
    // As written in a public DeepLab repository: modeling/backbone/__init__.py says
    // `from modeling.backbone import resnet` and defines the factory the model file imports.
    const files: Record<string, string> = {
      '/ws/modeling/__init__.py': '',
      '/ws/modeling/backbone/__init__.py': 'from modeling.backbone import resnet\n\ndef build_backbone(c):\n    return resnet.Backbone(c)\n',
      '/ws/modeling/backbone/resnet.py': 'import torch.nn as nn\n\nclass Backbone(nn.Module):\n    def __init__(self, c):\n        super().__init__()\n        self.conv = nn.Conv2d(3, c, 3, padding=1)\n\n    def forward(self, x):\n        return self.conv(x)\n',
      '/ws/modeling/a.py': 'from modeling.b import *\n',
      '/ws/modeling/b.py': 'from modeling.a import *\n',
      '/ws/modeling/deeplab.py': 'import torch\nimport torch.nn as nn\nfrom modeling.backbone import build_backbone\nfrom modeling.a import missing\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.backbone = build_backbone(8)\n\n    def forward(self, x):\n        return self.backbone(x)\n\nnet = Net()\nnet(torch.zeros(1, 3, 16, 16))\n',
    };
    const file = '/ws/modeling/deeplab.py';
    const workspace = { fileName: file, root: '/ws', readFile: (p: string) => files[p], listFiles: (ext: string) => Object.keys(files).filter((p) => p.endsWith(ext)) };
    const r = analyzeText(await testParsers(), files[file]!, 'python', { workspace }, file);
    const conv = r.models.find((m) => m.name === 'Net')?.layers.find((l) => l.path === 'backbone.conv');
    assert.ok(conv?.output.known, JSON.stringify(conv?.output));
    assert.deepEqual(conv.output.shape, [1, 8, 16, 16]);
    assert.equal(conv.params, 3 * 8 * 9 + 8);
  });

  it('lone carriage returns end lines as they do for Python and VS Code: the same models, on the same lines', async () => {
    const lf = await analyze(cnn, 'python');
    const byLine = (r: AnalysisResult): string => JSON.stringify(r.models.map((m) => [m.name, m.totalParams, m.output, m.layers.map((l) => [l.path, l.range.start.line, l.output, l.params])]));
    assert.ok(lf.models.some((m) => m.totalParams !== null));
    assert.equal(byLine(await analyze(cnn.replace(/\n/g, '\r'), 'python')), byLine(lf));
    // Mixed: every third line break a lone CR, every other CRLF.
    let k = 0;
    const mixed = cnn.replace(/\n/g, () => ['\r', '\r\n', '\n'][k++ % 3]!);
    assert.equal(byLine(await analyze(mixed, 'python')), byLine(lf));
    const tfLf = await analyze(tfjsCnn, 'javascript');
    assert.equal(byLine(await analyze(tfjsCnn.replace(/\n/g, '\r'), 'javascript')), byLine(tfLf));
  });

  it('a NUL byte in a Python file: nothing is shown as known (Python refuses the file), and the notice names its line', async () => {
    const lines = cnn.split('\n');
    lines[6] = `${lines[6]}\0`;
    const r = await analyze(lines.join('\n'), 'python');
    assert.equal(r.models.length, 0);
    assert.equal(r.diagnostics.length, 0);
    assert.deepEqual(r.incomplete, [{ kind: 'nulBytes', line: 6 }]);
  });

  it('integers above 2^53: unknown, never rounded — no rounded count, no mismatch from rounded arithmetic', async () => {
    const layer = (a: string, b: string, input: string): string => `import torch\nimport torch.nn as nn\n\nclass Net(nn.Module):\n    # input: ${input}\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(${a}, ${b})\n\n    def forward(self, x):\n        return self.fc(x)\n`;
    // 123456789 * 98765433 + 98765433 = 12,193,263,321,140,070 parameters: a double rounds it to …068.
    const big = (await analyze(layer('123456789', '98765433', '(2, 123456789)'), 'python')).models[0]!;
    assert.equal(big.totalParams, null);
    assert.equal(big.layers[0]!.params, null);
    assert.match(big.totalParamsUnknown?.en ?? '', /2\^53/);
    for (const size of ['10**30', '2**53 + 1', '123456789012345678901']) {
      const m = (await analyze(layer('4', size, '(2, 4)'), 'python')).models[0]!;
      assert.equal(m.output.known, false, size);
      assert.equal(m.totalParams, null, size);
    }
    // Python: int(2**53 + 1) - 2**53 + 2 == 3. Rounded, it would be 2 and a false "expects 2 features, gets 3".
    const r = await analyze(layer('int(2**53 + 1) - 2**53 + 2', '3', '(2, 3)'), 'python');
    assert.equal(r.diagnostics.filter((d) => d.severity === 'error').length, 0);
    assert.equal(r.models[0]!.layers[0]!.params, null);
  });

  it('a string or tuple doubled in a loop past what JavaScript holds: that value is unknown, the model after it is analysed', async () => {
    const model = 'import torch.nn as nn\n\nclass Net(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n\n    def forward(self, x):\n        return self.fc(x)\n';
    for (const grow of ['s = "x"\nfor i in range(35):\n    s = f"{s}{s}"\n', 's = "a"\nfor i in range(35):\n    s += s\n', 's = "x"\nfor i in range(35):\n    s = "".join([s, s])\n', 't = (1,)\nfor i in range(40):\n    t = t + t\n']) {
      const r = await analyze(grow + model, 'python');
      const m = r.models.find((x) => x.name === 'Net');
      assert.ok(m?.output.known, grow);
      assert.deepEqual(m.output.shape, [2, 3]);
      assert.equal(m.totalParams, 15);
    }
  });

  it('exec("NAME = …") and globals()["NAME"] = … at module level: the name is not the value from before', async () => {
    const model = (change: string): string => `import torch\nimport torch.nn as nn\n\nSIZE = 4\n${change}\n\nclass Net(nn.Module):\n    # input: (2, 7)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(SIZE, 3)\n\n    def forward(self, x):\n        return self.fc(x)\n`;
    const byExec = await analyze(model('exec("SIZE = 7")'), 'python');
    assert.equal(byExec.diagnostics.filter((d) => d.severity === 'error').length, 0);
    assert.equal(byExec.models[0]!.layers[0]!.params, null);
    assert.match(byExec.models[0]!.totalParamsUnknown?.en ?? '', /exec/);
    const byGlobals = await analyze(model('globals()["SIZE"] = 7'), 'python');
    assert.equal(byGlobals.diagnostics.filter((d) => d.severity === 'error').length, 0);
    assert.equal(byGlobals.models[0]!.totalParams, 7 * 3 + 3);
    assert.deepEqual(byGlobals.models[0]!.output, { known: true, shape: [2, 3] });
  });

  it('Python\'s own rules where JavaScript\'s differ: code-point lengths, pow with a modulus, round to digits, repr; no input read from a string', async () => {
    const sized = (expr: string): string => `import torch\nimport torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(${expr}, 3)\n\n    def forward(self, x):\n        return self.fc(x)\n`;
    // Each expression's value in Python 3.11 (checked there): the layer's in_features, so its parameter count is 3·value + 3.
    const cases: [string, number][] = [['len("😀😀")', 2], ['len("a𝔘b")', 3], ['len(chr(128512))', 1], ['pow(2, 10, 1000) - 20', 4], ['pow(3, 4, -5) + 5', 1], ['int(round(2.675, 2) * 100) - 260', 7], ['int(round(0.375, 2) * 100) - 30', 8], ['int(round(0.125, 2) * 100)', 12], ['int(round(-0.125, 2) * -100)', 12], ['int(round(2.5))', 2], ['len(repr("a"))', 3], ['len(repr(12))', 2]];
    for (const [expr, value] of cases) {
      const m = (await analyze(sized(expr), 'python')).models[0]!;
      assert.equal(m.layers[0]!.params, 3 * value + 3, expr);
    }
    // A `# input:` inside a string (a print, a constant) is no comment: the code's own input is used.
    const fed = 'import torch\nimport torch.nn as nn\n\nNOTE = "# input: (2, 50)"\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n\n    def forward(self, x):\n        print("# input: (2, 50)")\n        return self.fc(x)\n\nnet = Net()\nnet(torch.randn(5, 4))\n';
    const r = await analyze(fed, 'python');
    assert.equal(r.diagnostics.filter((d) => d.severity === 'error').length, 0);
    assert.deepEqual(r.models[0]!.inputs, [[5, 4]]);
    assert.equal(r.models[0]!.inputSource, 'call');
  });

  it('a `while True:` with no break, return or yield never returns: a forward or constructor with one gives no known output', async () => {
    const model = (init: string, fwd: string): string => `import torch.nn as nn\n\nclass Net(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n${init}        self.fc = nn.Linear(4, 4)\n\n    def forward(self, x):\n${fwd}        return self.fc(x)\n`;
    const forever = (await analyze(model('', '        while True:\n            x = self.fc(x)\n'), 'python')).models[0]!;
    assert.equal(forever.output.known, false);
    assert.match(forever.output.known ? '' : forever.output.reason.en, /while True/);
    const building = (await analyze(model('        n = 0\n        while True:\n            n += 1\n', ''), 'python')).models[0]!;
    assert.equal(building.totalParams, null);
    assert.equal(building.output.known, false);
    // With a way out the loop is followed as before.
    const leaves = (await analyze(model('', '        while True:\n            x = self.fc(x)\n            if x.shape[-1] == 4:\n                break\n'), 'python')).models[0]!;
    assert.deepEqual(leaves.output, { known: true, shape: [2, 4] });
  });

  it('a constructor that builds its own class again with the same arguments never ends (RecursionError): no output; a recursion that ends is followed', async () => {
    const tree = (child: string): string => `import torch\nimport torch.nn as nn\n\nclass Tree(nn.Module):\n    def __init__(self, depth):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n        self.child = ${child}\n\n    def forward(self, x):\n        return self.fc(x)\n\nm = Tree(3)\ny = m(torch.zeros(2, 4))\n`;
    const endless = (await analyze(tree('Tree(depth)'), 'python')).models[0]!;
    assert.equal(endless.output.known, false);
    assert.equal(endless.totalParams, null);
    assert.match(endless.totalParamsUnknown?.en ?? '', /RecursionError/);
    // PyTorch: 4 levels of Linear(4, 4), 80 parameters, output [2, 4].
    const ends = (await analyze(tree('Tree(depth - 1) if depth > 0 else None'), 'python')).models[0]!;
    assert.equal(ends.totalParams, 80);
    assert.deepEqual(ends.output, { known: true, shape: [2, 4] });
  });

  it('a convolution with negative padding is refused for that reason, not for the input size (PyTorch: "negative padding is not supported")', async () => {
    const r = await analyze('import torch\nimport torch.nn as nn\n\nm = nn.Sequential(nn.Conv2d(3, 8, 3, padding=-1))\ny = m(torch.zeros(1, 3, 8, 8))\n', 'python');
    assert.equal(r.models[0]!.output.known, false);
    assert.match(r.diagnostics.map((d) => d.message.en).join('\n'), /negative padding \(-1, -1\) is not supported/);
  });

  it('a cancelled request stops early and still returns a result', async () => {
    let calls = 0;
    const r = await analyze(cnn.repeat(50), 'python', () => ++calls > 3);
    assert.ok(calls > 3);
    assertWellFormed(r);
  });
});

describe('analysis after a cancelled parse', () => {
  it('the next request parses its own text, not the rest of the cancelled one', async () => {
    const parsers = await testParsers();
    const big = read(join(FIXTURES, 'pytorch', 'transformer.py')).repeat(200);
    const cancelled = analyzeText(parsers, big, 'python', { isCancelled: () => true });
    assert.equal(cancelled.models.length, 0);
    const r = analyzeText(parsers, read(join(FIXTURES, 'pytorch', 'simpleCnn.py')), 'python');
    assert.deepEqual(r.models.map((m) => m.name), ['SimpleCNN']);
  });
});
