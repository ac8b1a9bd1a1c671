// A model no code builds, whose README shows how to build and feed it (```python blocks): the
// example's values stand for the constructor parameters without a default, and its tensor is the
// input (said to come from README.md:N). Checked against PyTorch running the README's block. A
// default the example contradicts is unknown, with the README line; an example its constructor
// would refuse is not used; code that builds the model comes first; an edited README is read again.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import { pythonBlocks } from '../../src/analysis/markdownBlocks';
import { AnalysisWorkerPool, analysisWorkerEntry, type AnalysisOutcome } from '../../src/analysis/worker/pool';
import { clearWorkspaceCaches, workspaceOnDisk } from '../../src/analysis/workspaceFiles';
import type { AnalysisResult, ModelInfo } from '../../src/analysis/types';
import { FIXTURES, ROOT, testParsers } from './analysisSupport';

const PYTHON = '/usr/bin/python3';
const FIXTURE = join(FIXTURES, 'workspace', 'readmeUsage');

type Truth = { total: number; modules: Record<string, { params: number; calls: number[][] }> };

function torchTruth(script: string, cwd: string): Promise<Truth | string> {
  return new Promise((resolve) => {
    execFile(PYTHON, [join(FIXTURES, 'workspace', 'truth.py'), script, 'v'], { cwd, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) resolve(/No module named 'torch'|ENOENT/.test(`${stderr}${String(err)}`) ? `PyTorch is not importable with ${PYTHON}` : new Error(stderr || String(err)).message);
      else resolve(JSON.parse(stdout) as Truth);
    });
  });
}

describe('analysis: a model built only by its README usage example', function () {
  this.timeout(120_000);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'model-lens-readme-'));
    cpSync(FIXTURE, dir, { recursive: true });
    clearWorkspaceCaches();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const modelFile = (): string => join(dir, 'tinyvit', 'model.py');
  const analyse = async (): Promise<ModelInfo> => {
    const file = modelFile();
    const result = analyzeText(await testParsers(), readFileSync(file, 'utf8'), 'python', { workspace: workspaceOnDisk(file, dir) }, file);
    const m = result.models.find((x) => x.name === 'PatchClassifier');
    assert.ok(m, 'PatchClassifier found');
    return m;
  };
  const editReadme = (from: string, to: string): void => {
    const readme = join(dir, 'README.md');
    const text = readFileSync(readme, 'utf8');
    assert.ok(text.includes(from), from);
    writeFileSync(readme, text.replace(from, to));
  };

  it('takes the required arguments and the input from the README block, exactly as PyTorch runs it', async function () {
    const m = await analyse();
    assert.deepEqual(m.inputs, [[2, 3, 32, 32]]);
    assert.deepEqual(m.inputOrigin, { line: 25, file: join(dir, 'README.md'), what: 'torch.randn(2, 3, 32, 32)' });
    const block = pythonBlocks(readFileSync(join(dir, 'README.md'), 'utf8'))[0];
    assert.ok(block);
    writeFileSync(join(dir, 'readme_block.py'), block.code);
    const truth = await torchTruth(join(dir, 'readme_block.py'), dir);
    if (typeof truth === 'string') {
      if (/not importable/.test(truth)) {
        console.log(`      skipped: ${truth}`);
        this.skip();
      }
      assert.fail(truth);
    }
    assert.equal(m.totalParams, truth.total);
    for (const [path, real] of Object.entries(truth.modules)) {
      const ours = m.layers.find((l) => l.path === path);
      assert.ok(ours, `${path} listed`);
      assert.equal(ours.params, real.params, `${path} params`);
      assert.deepEqual(ours.calls.map((x) => (x.output.known ? x.output.shape : null)), real.calls, `${path} output`);
    }
  });

  it('a default the README contradicts is unknown, with the README line, in both languages', async () => {
    editReadme('depth = 2,    # the default', 'depth = 3,');
    const m = await analyse();
    assert.equal(m.totalParams, null, 'no total with the depth unknown');
    const blocks = m.layers.find((l) => l.path === 'blocks');
    assert.ok(blocks);
    assert.equal(blocks.params, null);
    const reasons = m.layers.flatMap((l) => [l.output, ...l.calls.map((c) => c.output)]).filter((o) => !o.known).map((o) => (o.known ? '' : `${o.reason.en} | ${o.reason['zh-cn']}`));
    assert.ok(reasons.some((r) => r.includes('README.md:22 builds PatchClassifier with depth = 3, its default is 2') && r.includes('README.md:22 以 depth = 3 构建 PatchClassifier，其默认值为 2')), reasons.join('\n'));
    // What the depth does not size stays known: the example's required values and its input.
    const patches = m.layers.find((l) => l.path === 'to_patches');
    assert.equal(patches?.params, 3088);
    assert.deepEqual(m.inputs, [[2, 3, 32, 32]]);
  });

  it('an example passing a keyword the constructor does not take (an outdated README) is not used', async () => {
    editReadme('dim = 16,', 'dim = 16,\n    heads = 4,');
    const m = await analyse();
    assert.equal(m.inputSource, 'none');
    assert.equal(m.layers.find((l) => l.path === 'to_patches')?.params, null);
  });

  it('code that builds the model comes before the README', async () => {
    writeFileSync(join(dir, 'train.py'), 'import torch\nfrom tinyvit import PatchClassifier\n\nmodel = PatchClassifier(image_size=16, patch_size=4, num_classes=3, dim=8)\nout = model(torch.randn(5, 3, 16, 16))\n');
    const m = await analyse();
    assert.deepEqual(m.inputs, [[5, 3, 16, 16]]);
    assert.equal(m.inputOrigin?.file, join(dir, 'train.py'));
    assert.equal(m.layers.find((l) => l.path === 'head')?.params, 27);
  });

  it('a second README example that builds the model inside a wrapper does not replace the example that builds it directly', async () => {
    const file = modelFile();
    writeFileSync(file, `${readFileSync(file, 'utf8')}

class Pair(nn.Module):
    def __init__(self, *, classes):
        super().__init__()
        self.first = PatchClassifier(image_size=16, patch_size=4, num_classes=classes, dim=8)
        self.second = PatchClassifier(image_size=16, patch_size=4, num_classes=classes, dim=8)

    def forward(self, img):
        return self.first(img) + self.second(img)
`);
    writeFileSync(join(dir, 'README.md'), `${readFileSync(join(dir, 'README.md'), 'utf8')}\nTwo of them:\n\n\`\`\`python\nimport torch\nfrom tinyvit.model import Pair\n\npair = Pair(classes = 5)\nout = pair(torch.randn(4, 3, 16, 16))\n\`\`\`\n`);
    const m = await analyse();
    assert.deepEqual(m.inputs, [[2, 3, 32, 32]]);
    assert.equal(m.layers.find((l) => l.path === 'head')?.params, 170);
    const result = analyzeText(await testParsers(), readFileSync(file, 'utf8'), 'python', { workspace: workspaceOnDisk(file, dir) }, file);
    const pair = result.models.find((x) => x.name === 'Pair');
    assert.deepEqual(pair?.inputs, [[4, 3, 16, 16]]);
    assert.equal(pair?.layers.find((l) => l.path === 'first.head')?.params, 45);
  });

  it('finds ```py / ~~~python / indented fences, not other languages', () => {
    const md = '# x\n```bash\npip install x\n```\n- item\n  ```py\n  a = 1\n  ```\n~~~python\nb = 2\n~~~\n```python\nc = 3\n';
    assert.deepEqual(pythonBlocks(md), [{ line: 6, code: 'a = 1' }, { line: 9, code: 'b = 2' }, { line: 12, code: 'c = 3\n' }]);
  });
});

describe('analysis: the worker reads the README again when it changes', function () {
  this.timeout(120_000);
  let dir: string;
  let pool: AnalysisWorkerPool;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'model-lens-readme-ws-'));
    cpSync(FIXTURE, dir, { recursive: true });
    pool = new AnalysisWorkerPool({ ...analysisWorkerEntry(), parsersDir: join(ROOT, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm'), size: 1, graceMs: 3000 });
  });
  after(async () => {
    await pool.dispose();
    rmSync(dir, { recursive: true, force: true });
    clearWorkspaceCaches();
  });

  const analyse = async (): Promise<Extract<AnalysisOutcome, { kind: 'done' }>> => {
    const file = join(dir, 'tinyvit', 'model.py');
    const o = await pool.run({ text: readFileSync(file, 'utf8'), language: 'python', fileName: file, options: { workspaceRoot: dir, timeBudgetMs: 60_000 } }).outcome;
    assert.equal(o.kind, 'done', JSON.stringify(o).slice(0, 300));
    return o as Extract<AnalysisOutcome, { kind: 'done' }>;
  };
  const inputsOf = (r: AnalysisResult): number[][] | undefined => r.models.find((m) => m.name === 'PatchClassifier')?.inputs;

  it('lists README.md among the files it read, and an edit to it changes the result', async () => {
    const first = await analyse();
    assert.deepEqual(inputsOf(first.result), [[2, 3, 32, 32]]);
    assert.ok(first.reads?.files.includes(join(dir, 'README.md')), `README.md among ${first.reads?.files.join(', ')}`);
    const readme = join(dir, 'README.md');
    // A later mtime, whatever the file system's resolution.
    const text = readFileSync(readme, 'utf8').replace('image_size = 32', 'image_size = 64').replace('torch.randn(2, 3, 32, 32)', 'torch.randn(4, 3, 64, 64)');
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(readme, text);
    const second = await analyse();
    assert.deepEqual(inputsOf(second.result), [[4, 3, 64, 64]]);
  });
});
