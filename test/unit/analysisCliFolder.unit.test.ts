// `model-lens shapes FOLDER`: every supported file under a folder, one summary line each (`--json`
// for all records), dependency and hidden folders skipped, large files skipped with the reason,
// a bounded time per file; and the CLI says when a result is incomplete (model cap, time budget).
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, ROOT, cli, manyModels, read } from './analysisSupport';

interface FolderJson {
  root: string;
  files: { file: string; status: string; reason?: string; models?: { name: string }[]; incomplete?: { kind: string; message: string }[] }[];
  summary: { files: number; withModels: number; models: number; withErrors: number; stopped: number; skipped: number; failed: number };
}

describe('model-lens shapes FOLDER (CLI)', function () {
  this.timeout(600_000);
  let root: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ml-shapes-folder-'));
    const put = (rel: string, text: string): void => {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      writeFileSync(join(root, rel), text);
    };
    copyFileSync(join(FIXTURES, 'pytorch', 'simpleCnn.py'), join(root, 'cnn.py'));
    put('models/mismatch.py', read(join(FIXTURES, 'pytorch', 'simpleCnnMismatch.py')));
    put('web/model.js', read(join(FIXTURES, 'tfjs', 'cnn.js')));
    put('notebooks/cells.ipynb', read(join(FIXTURES, 'notebook', 'cnnAcrossCells.ipynb')));
    put('scripts/train.py', 'import sys\nprint(sys.argv)\n');
    put('README.md', '# not code\n');
    put('web/types.d.ts', 'export declare const x: number;\n');
    // Not entered: dependencies, caches, hidden folders.
    put('node_modules/pkg/model.py', read(join(FIXTURES, 'pytorch', 'simpleCnn.py')));
    put('.venv/lib/model.py', read(join(FIXTURES, 'pytorch', 'simpleCnn.py')));
    put('__pycache__/model.py', read(join(FIXTURES, 'pytorch', 'simpleCnn.py')));
    // Over --max-size 1 MB.
    put('data/huge.py', read(join(FIXTURES, 'pytorch', 'simpleCnn.py')) + 'x = 1\n'.repeat(300_000));
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists one line per supported file, skips what it should, and sums up', async () => {
    const r = await cli(['shapes', root, '--max-size', '1']);
    assert.equal(r.code, 1, `a mismatch in models/mismatch.py:\n${r.stdout}\n${r.stderr}`);
    const lines = r.stdout.trimEnd().split('\n');
    const files = lines.slice(0, -1).map((l) => l.split(/\s{2,}/)[0]);
    assert.deepEqual(files, ['cnn.py', 'data/huge.py', 'models/mismatch.py', 'notebooks/cells.ipynb', 'scripts/train.py', 'web/model.js']);
    assert.match(r.stdout, /^cnn\.py\s+1 model \(SimpleCNN\) · 8 layers, 8 with known shapes$/m);
    assert.match(r.stdout, /^data\/huge\.py\s+skipped: 1\.7 MB, over --max-size 1 MB$/m);
    assert.match(r.stdout, /^models\/mismatch\.py\s+1 model \(SimpleCNN32\) · .* · 1 error$/m);
    assert.match(r.stdout, /^notebooks\/cells\.ipynb\s+2 models \(Net, Wrong\) · .* · 1 error$/m);
    assert.match(r.stdout, /^scripts\/train\.py\s+no model$/m);
    assert.equal(lines.at(-1), '6 files: 4 with models (6 models), 2 with shape errors, 1 skipped');
  });

  it('--json gives every file\'s records and the summary', async () => {
    const r = await cli(['shapes', root, '--json', '--max-size', '1']);
    assert.ok(r.stdout.trim().length > 0, `no output (exit ${r.code}):\n${r.stderr}`);
    const out = JSON.parse(r.stdout) as FolderJson;
    assert.equal(out.files.length, 6);
    assert.deepEqual(out.summary, { files: 6, analysed: 5, withModels: 4, models: 6, withErrors: 2, stopped: 0, skipped: 1, failed: 0 } as unknown as FolderJson['summary']);
    assert.deepEqual(out.files.find((f) => f.file === 'cnn.py')?.models?.map((m) => m.name), ['SimpleCNN']);
    assert.equal(out.files.find((f) => f.file === 'data/huge.py')?.status, 'skipped');
  });

  it('--timeout bounds each file: a file over it is reported partial, "stopped: file too complex"', async () => {
    const slow = mkdtempSync(join(tmpdir(), 'ml-shapes-slow-'));
    try {
      // 4.5 MB: seconds of parsing, under the default --max-size.
      writeFileSync(join(slow, 'big.py'), read(join(FIXTURES, 'pytorch', 'simpleCnn.py')) + 'value_1 = compute(table[1], 2) + 3\n'.repeat(130_000));
      copyFileSync(join(FIXTURES, 'pytorch', 'simpleCnn.py'), join(slow, 'small.py'));
      const r = await cli(['shapes', slow, '--timeout', '1.5']);
      assert.match(r.stdout, /^big\.py\s+.*stopped: file too complex \(over 1\.5 s\), partial$/m);
      assert.match(r.stdout, /^small\.py\s+1 model \(SimpleCNN\)/m, 'the next file is analysed as usual');
      assert.match(r.stdout, /1 stopped \(partial\)/);
      const single = await cli(['shapes', join(slow, 'big.py'), '--timeout', '0.2', '--json']);
      const out = JSON.parse(single.stdout) as { incomplete: { kind: string; message: string }[] };
      assert.equal(out.incomplete[0]?.kind, 'timeBudget');
      assert.match(out.incomplete[0]?.message ?? '', /^Analysis stopped: file too complex \(over its 200 ms budget\)/);
    } finally {
      rmSync(slow, { recursive: true, force: true });
    }
  });

  it('a file with more than 200 models: the table says only the first 200 were analysed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-shapes-cap-'));
    try {
      writeFileSync(join(dir, 'generated.py'), manyModels(230));
      const r = await cli(['shapes', join(dir, 'generated.py')]);
      assert.match(r.stdout, /^note: Only the first 200 of the 230 models in this file were analysed \(at most 200 a file\); models after line [\d,]+ are not shown\.$/m);
      const zh = await cli(['shapes', join(dir, 'generated.py'), '--json', '--lang', 'zh-cn']);
      const out = JSON.parse(zh.stdout) as { models: unknown[]; incomplete: { kind: string; analysed: number; found: number; message: string }[] };
      assert.equal(out.models.length, 200);
      assert.deepEqual(out.incomplete.map((i) => [i.kind, i.analysed, i.found]), [['modelCap', 200, 230]]);
      assert.match(out.incomplete[0]!.message, /只分析了前 200 个/);
      const folder = await cli(['shapes', dir]);
      assert.match(folder.stdout, /^generated\.py\s+200 models .* · only the first 200 of 230 models$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('output piped into a reader that stops early (| head) ends quietly, not with an EPIPE stack', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'src', 'cli', 'main.ts'), 'shapes', root], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    // The reader takes the first chunk and closes its end, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
    assert.equal(code, 0, stderr);
  });

  it('a file outside the current folder reads its project: an import from a sibling folder ("../lib/…") is followed, alone or in a folder run', async () => {
    const project = mkdtempSync(join(tmpdir(), 'ml-shapes-project-'));
    try {
      const put = (rel: string, text: string): void => {
        mkdirSync(join(project, rel, '..'), { recursive: true });
        writeFileSync(join(project, rel), text);
      };
      put('package.json', '{"name": "net"}\n');
      put('lib/wide.js', "import * as tf from '@tensorflow/tfjs';\nexport function dense(o) {\n  return tf.layers.dense({...o, units: o.units * 2});\n}\n");
      put('app/net.js', "import * as tf from '@tensorflow/tfjs';\nimport {dense} from '../lib/wide.js';\nconst net = tf.sequential();\nnet.add(dense({inputShape: [3], units: 4}));\nnet.add(dense({units: 1}));\n");
      const one = await cli(['shapes', join(project, 'app', 'net.js'), '--json']);
      const layers = (JSON.parse(one.stdout) as { models: { layers: { output: number[] | null; params: number | null }[] }[] }).models[0]?.layers;
      assert.deepEqual(layers?.map((l) => [l.output, l.params]), [[[-1, 8], 32], [[-1, 2], 18]], one.stdout);
      const all = await cli(['shapes', join(project, 'app')]);
      assert.match(all.stdout, /^net\.js\s+1 model \(net\) · 2 layers, 2 with known shapes$/m, all.stdout);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('a file in a Python package, outside the current folder and any marked project: `from models.blocks import Block` is read from the folder above the package', async () => {
    const project = mkdtempSync(join(tmpdir(), 'ml-shapes-package-'));
    try {
      mkdirSync(join(project, 'models'));
      writeFileSync(join(project, 'models', '__init__.py'), '');
      writeFileSync(join(project, 'models', 'blocks.py'), 'import torch.nn as nn\n\n\nclass Block(nn.Module):\n    def __init__(self, c):\n        super().__init__()\n        self.fc = nn.Linear(c, c * 2)\n\n    def forward(self, x):\n        return self.fc(x)\n');
      writeFileSync(join(project, 'models', 'net.py'), 'import torch\nimport torch.nn as nn\nfrom models.blocks import Block\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.b = Block(4)\n        self.out = nn.Linear(8, 2)\n\n    def forward(self, x):\n        return self.out(self.b(x))\n\n\nprint(Net()(torch.zeros(3, 4)).shape)\n');
      const one = await cli(['shapes', join(project, 'models', 'net.py'), '--json']);
      const net = (JSON.parse(one.stdout) as { models: { name: string; totalParams: number | null; output: number[] | null }[] }).models.find((m) => m.name === 'Net');
      // (PyTorch 1.13, run as `python -m models.net` from the project: torch.Size([3, 2]), 58 parameters.)
      assert.deepEqual([net?.totalParams, net?.output], [58, [3, 2]], one.stdout);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('a file in a folder without __init__.py inside a package (torchfm/model/dfm.py importing torchfm.layer): read from the folder above the package it imports', async () => {
    const project = mkdtempSync(join(tmpdir(), 'ml-shapes-namespace-'));
    try {
      mkdirSync(join(project, 'pkg', 'sub'), { recursive: true });
      writeFileSync(join(project, 'pkg', '__init__.py'), '');
      writeFileSync(join(project, 'pkg', 'layers.py'), 'import torch.nn as nn\n\n\nclass Block(nn.Module):\n    def __init__(self, a, b):\n        super().__init__()\n        self.fc = nn.Linear(a, b)\n\n    def forward(self, x):\n        return self.fc(x)\n');
      writeFileSync(join(project, 'pkg', 'sub', 'model.py'), 'import torch\nimport torch.nn as nn\nfrom pkg.layers import Block\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.b = Block(10, 20)\n        self.out = nn.Linear(20, 2)\n\n    def forward(self, x):\n        return self.out(self.b(x))\n\n\nprint(Net()(torch.zeros(4, 10)).shape)\n');
      const one = await cli(['shapes', join(project, 'pkg', 'sub', 'model.py'), '--json']);
      const net = (JSON.parse(one.stdout) as { models: { name: string; totalParams: number | null; output: number[] | null }[] }).models.find((m) => m.name === 'Net');
      // (PyTorch 1.13, `python -m pkg.sub.model` from the project: torch.Size([4, 2]), 262 parameters.)
      assert.deepEqual([net?.totalParams, net?.output], [262, [4, 2]], one.stdout);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('a named pipe or a device given as the file: refused at once with the reason (reading it would block or never end)', async () => {
    const pipe = join(root, 'pipe.py');
    const zero = join(root, 'zero.py');
    execFileSync('mkfifo', [pipe]);
    try {
      const started = Date.now();
      const r = await cli(['shapes', pipe]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /not a regular file/);
      assert.ok(Date.now() - started < 60_000);
      symlinkSync('/dev/zero', zero);
      const dev = await cli(['shapes', zero]);
      assert.equal(dev.code, 2);
      assert.match(dev.stderr, /not a regular file/);
    } finally {
      rmSync(pipe, { force: true });
      rmSync(zero, { force: true });
    }
  });

  it('a file with a syntax error says so above the results (they are for the code as repaired)', async () => {
    const broken = join(root, 'broken.py');
    writeFileSync(broken, read(join(FIXTURES, 'pytorch', 'simpleCnn.py')).replace(/nn\.Linear\(([^)]*)\)/, 'nn.Linear($1'));
    try {
      const r = await cli(['shapes', broken]);
      assert.match(r.stdout, /^note: The file has 1 syntax error: the results are for the code as the analysis repaired it; Python would refuse to run the file as it is\.$/m);
      const clean = await cli(['shapes', join(FIXTURES, 'pytorch', 'simpleCnn.py')]);
      assert.doesNotMatch(clean.stdout, /syntax error/);
    } finally {
      rmSync(broken, { force: true });
    }
  });

  it('bad usage exits 2', async () => {
    const r = await cli(['shapes', root, '--class', 'Net']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--class needs a single file/);
    const t = await cli(['shapes', root, '--timeout', '-1']);
    assert.equal(t.code, 2);
    assert.match(t.stderr, /--timeout needs a positive number of seconds/);
  });
});
