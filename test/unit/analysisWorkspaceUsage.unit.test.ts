// A model file whose sizes come only from another workspace file that builds and feeds it: the
// analysis runs that file's code (argparse defaults included) to learn the constructor arguments
// and the input. Checked against PyTorch running the same script; skipped, with the reason
// printed, only when torch cannot be imported.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import type { WorkspaceFiles } from '../../src/analysis/types';
import { FIXTURES, read, testParsers } from './analysisSupport';

const PYTHON = '/usr/bin/python3';
const ROOT = join(FIXTURES, 'workspace', 'packageUsage');

function workspace(file: string): WorkspaceFiles {
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  return { fileName: file, root: ROOT, readFile: (p) => { try { return read(p); } catch { return undefined; } }, listFiles: (ext) => walk(ROOT).filter((p) => extname(p) === ext) };
}

function torchTruth(): Promise<{ total: number; modules: Record<string, { params: number; calls: number[][] }> } | string> {
  return new Promise((resolve) => {
    execFile(PYTHON, [join(FIXTURES, 'workspace', 'truth.py'), join(ROOT, 'train.py'), 'model'], { cwd: ROOT, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) resolve(/No module named 'torch'|ENOENT/.test(`${stderr}${String(err)}`) ? `PyTorch is not importable with ${PYTHON}` : new Error(stderr || String(err)).message);
      else resolve(JSON.parse(stdout) as { total: number; modules: Record<string, { params: number; calls: number[][] }> });
    });
  });
}

describe('analysis: a model built and fed by another workspace file', function () {
  this.timeout(120_000);

  it("takes the constructor arguments and the input from a script that imports the model's package", async function () {
    const file = join(ROOT, 'tinynet', 'model.py');
    const result = analyzeText(await testParsers(), read(file), 'python', { workspace: workspace(file) }, file);
    const model = result.models.find((m) => m.name === 'TinyNet');
    assert.ok(model, 'TinyNet found');
    assert.deepEqual(model.inputs, [[2, 3, 16, 16]]);
    const truth = await torchTruth();
    if (typeof truth === 'string') {
      if (/not importable/.test(truth)) {
        console.log(`      skipped: ${truth}`);
        this.skip();
      }
      assert.fail(truth);
    }
    assert.equal(model.totalParams, truth.total);
    for (const [path, real] of Object.entries(truth.modules)) {
      const ours = model.layers.find((l) => l.path === path);
      assert.ok(ours, `${path} listed`);
      assert.equal(ours.params, real.params, `${path} params`);
      assert.deepEqual(ours.calls.map((c) => (c.output.known ? c.output.shape : null)), real.calls, `${path} output`);
    }
  });
});
