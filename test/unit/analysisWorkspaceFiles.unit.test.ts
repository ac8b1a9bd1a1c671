// The workspace as the analysis worker reads it (src/analysis/workspaceFiles.ts): through a real
// worker thread, a model whose blocks are imported from a sibling file gets their shapes, the
// worker says which files it read (the editor re-analyses when one changes), and a changed file
// is read again (the text cache is keyed by modification time). The reader's bounds: nothing
// outside the root, no file over the size limit, a bounded number of reads and listed files, and a
// listing that notices a new file.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisWorkerPool, analysisWorkerEntry, type AnalysisOutcome } from '../../src/analysis/worker/pool';
import { WORKSPACE_LIMITS, clearWorkspaceCaches, workspaceOnDisk } from '../../src/analysis/workspaceFiles';
import type { AnalysisResult } from '../../src/analysis/types';
import { FIXTURES, ROOT } from './analysisSupport';

const parsersDir = join(ROOT, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');

function done(o: AnalysisOutcome): Extract<AnalysisOutcome, { kind: 'done' }> {
  assert.equal(o.kind, 'done', JSON.stringify(o).slice(0, 500));
  return o as Extract<AnalysisOutcome, { kind: 'done' }>;
}

function outputOf(result: AnalysisResult, model: string, path: string): number[] | string {
  const m = result.models.find((x) => x.name === model);
  const layer = m?.layers.find((l) => l.path === path);
  const out = layer?.calls[0]?.output;
  if (!out) return `no call of ${path} in ${model}`;
  return out.known ? out.shape : `unknown: ${out.reason.en}`;
}

describe('analysis: the workspace files the worker reads', function () {
  this.timeout(120_000);
  let dir: string;
  let pool: AnalysisWorkerPool;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'model-lens-ws-'));
    cpSync(join(FIXTURES, 'workspace', 'siblingBlocks'), dir, { recursive: true });
    pool = new AnalysisWorkerPool({ ...analysisWorkerEntry(), parsersDir, size: 1, graceMs: 3000 });
  });
  after(async () => {
    await pool.dispose();
    rmSync(dir, { recursive: true, force: true });
    clearWorkspaceCaches();
  });

  const analyse = async (): Promise<Extract<AnalysisOutcome, { kind: 'done' }>> => {
    const file = join(dir, 'unet', 'model.py');
    return done(await pool.run({ text: readFileSync(file, 'utf8'), language: 'python', fileName: file, options: { workspaceRoot: dir, timeBudgetMs: 60_000 } }).outcome);
  };

  it('a model built from a sibling file\'s blocks (`from .parts import *`) gets their shapes, and the worker lists the files it read', async () => {
    const o = await analyse();
    assert.deepEqual(outputOf(o.result, 'TinyUNet', 'down1'), [2, 32, 16, 16]);
    assert.deepEqual(outputOf(o.result, 'TinyUNet', 'up2'), [2, 16, 32, 32]);
    assert.ok(o.reads, 'reads reported');
    assert.ok(o.reads.files.includes(join(dir, 'unet', 'parts.py')), `parts.py among ${o.reads.files.join(', ')}`);
    assert.ok(o.reads.files.includes(join(dir, 'train.py')), 'the script that builds and feeds the model');
    assert.ok(!o.reads.files.includes(join(dir, 'unet', 'model.py')), 'not the analysed file itself');
    assert.equal(o.reads.listed, true, 'the workspace was listed for scripts that build the model');
  });

  it('without a workspace root nothing is read: the blocks are unknown, said so', async () => {
    const file = join(dir, 'unet', 'model.py');
    const o = done(await pool.run({ text: readFileSync(file, 'utf8'), language: 'python', fileName: file, options: { timeBudgetMs: 60_000 } }).outcome);
    assert.equal(o.reads, undefined);
    assert.equal(typeof outputOf(o.result, 'TinyUNet', 'down1'), 'string');
  });

  it('an imported file changed on disk is read again by the same worker (cache keyed by mtime)', async () => {
    const parts = join(dir, 'unet', 'parts.py');
    writeFileSync(parts, readFileSync(parts, 'utf8').replace('nn.MaxPool2d(2)', 'nn.MaxPool2d(kernel_size=4)'));
    const o = await analyse();
    assert.deepEqual(outputOf(o.result, 'TinyUNet', 'down1'), [2, 32, 8, 8]);
  });

  it('reads nothing outside the root and no file over the size limit', () => {
    const inner = join(dir, 'unet');
    const ws = workspaceOnDisk(join(inner, 'model.py'), inner);
    assert.equal(ws.readFile(join(dir, 'train.py')), undefined, 'outside the root');
    assert.equal(ws.readFile(`${inner}-sibling/x.py`), undefined, 'a folder whose name starts like the root is outside it');
    writeFileSync(join(inner, 'big.py'), 'x = 1\n'.repeat(WORKSPACE_LIMITS.fileBytes / 6 + 10));
    assert.equal(ws.readFile(join(inner, 'big.py')), undefined, 'over the size limit');
    assert.ok(ws.readFile(join(inner, 'parts.py'))?.includes('class Down'));
    rmSync(join(inner, 'big.py'));
  });

  it('reads at most a bounded number of files per analysis', () => {
    const many = join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < WORKSPACE_LIMITS.readsPerAnalysis + 5; i++) writeFileSync(join(many, `m${i}.py`), `A = ${i}\n`);
    const ws = workspaceOnDisk(join(many, 'm0.py'), dir);
    let read = 0;
    for (let i = 0; i < WORKSPACE_LIMITS.readsPerAnalysis + 5; i++) if (ws.readFile(join(many, `m${i}.py`)) !== undefined) read++;
    assert.equal(read, WORKSPACE_LIMITS.readsPerAnalysis);
    rmSync(many, { recursive: true });
  });

  it('a listing is reused while no folder changes, and notices a new file', () => {
    const first = workspaceOnDisk(join(dir, 'train.py'), dir).listFiles('.py');
    assert.ok(first.includes(join(dir, 'unet', 'parts.py')));
    const again = workspaceOnDisk(join(dir, 'train.py'), dir).listFiles('.py');
    assert.equal(again, first, 'the same listing object: nothing walked again');
    writeFileSync(join(dir, 'unet', 'extra.py'), 'B = 2\n');
    const after = workspaceOnDisk(join(dir, 'train.py'), dir).listFiles('.py');
    assert.ok(after.includes(join(dir, 'unet', 'extra.py')), 'the new file is listed');
    rmSync(join(dir, 'unet', 'extra.py'));
  });

  it('a listing stops at the file limit', () => {
    const wide = mkdtempSync(join(tmpdir(), 'model-lens-wide-'));
    try {
      for (let i = 0; i < WORKSPACE_LIMITS.listedFiles + 50; i++) writeFileSync(join(wide, `f${i}.py`), '');
      const listed = workspaceOnDisk(join(wide, 'f0.py'), wide).listFiles('.py');
      assert.equal(listed.length, WORKSPACE_LIMITS.listedFiles);
    } finally {
      rmSync(wide, { recursive: true, force: true });
    }
  });

  it('a workspace import after many library imports is still read (the bound counts files loaded, not names looked up)', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'model-lens-ws-libs-'));
    try {
      mkdirSync(join(ws, 'pkg', 'sub'), { recursive: true });
      writeFileSync(join(ws, 'pkg', '__init__.py'), '');
      writeFileSync(join(ws, 'pkg', 'parts.py'), 'import torch.nn as nn\n\n\nclass Inner(nn.Module):\n    def __init__(self, n):\n        super().__init__()\n        self.fc = nn.Linear(n, n)\n\n    def forward(self, x):\n        return self.fc(x)\n');
      // 30 imports of libraries the workspace does not hold (each looked up in several folders) first.
      const libs = `${Array.from({ length: 30 }, (_, i) => `import lib${i}`).join('\n')}\nsettings = [${Array.from({ length: 30 }, (_, i) => `lib${i}.value`).join(', ')}]`;
      const text = `${libs}\nimport torch.nn as nn\nfrom pkg.parts import Inner\n\n\nclass Outer(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.inner = Inner(4)\n\n    def forward(self, x):\n        return self.inner(x)\n`;
      const file = join(ws, 'pkg', 'sub', 'model.py');
      writeFileSync(file, text);
      const o = done(await pool.run({ text, language: 'python', fileName: file, options: { workspaceRoot: ws, timeBudgetMs: 60_000 } }).outcome);
      assert.deepEqual(outputOf(o.result, 'Outer', 'inner.fc'), [2, 4]);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
