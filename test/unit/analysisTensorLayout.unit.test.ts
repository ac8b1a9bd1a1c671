// PyTorch's view needs the new shape to fit the tensor's strides: tensorLayout.ts follows the layout
// only where PyTorch surely makes it (viewNonContiguous.py and viewAfterTranspose.py are run in
// PyTorch by analysisTorch); here the stride rule itself and the cases the check must leave alone.
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/analysis/analyze';
import { viewFits } from '../../src/analysis/tensorLayout';
import { testParsers } from './analysisSupport';

const HEAD = 'import torch\nimport torch.nn as nn\n\n\n';

async function viewErrors(forward: string): Promise<string[]> {
  const src = `${HEAD}class M(nn.Module):\n    # input: (2, 5, 16)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 16)\n        self.norm = nn.LayerNorm(5)\n\n    def forward(self, x):\n${forward.split('\n').map((l) => `        ${l}`).join('\n')}\n`;
  return analyzeText(await testParsers(), src, 'python').diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en);
}

describe('tensor layout: a view after transpose / permute (PyTorch 1.13 stride rule)', () => {
  it('viewFits agrees with PyTorch (shape, strides, new shape → did x.view(new) run; cases drawn at random and run in torch 1.13)', () => {
    const cases: [number[], number[], number[], boolean][] = [
      [[6, 1], [1, 6], [1, 6], true],
      [[4, 6], [1, 4], [1, 1, 4, 6], true],
      [[2, 1, 2], [1, 4, 2], [2, 2], true],
      [[3, 1, 6, 1], [6, 18, 1, 18], [2, 3, 3], true],
      [[3, 3], [1, 3], [1, 1, 1, 3, 3], true],
      [[2, 3], [1, 2], [6, 1, 1], false],
      [[2, 6, 2, 2], [12, 2, 1, 24], [48, 1, 1], false],
      [[3, 3, 4, 4], [1, 12, 3, 36], [144], false],
      [[3, 2, 1], [1, 3, 1], [6], false],
      [[6, 6, 2], [12, 1, 6], [72], false],
      [[6, 4, 6, 3], [4, 1, 72, 24], [2, 9, 6, 1, 4], false],
    ];
    for (const [shape, strides, next, ok] of cases) assert.equal(viewFits(shape, strides, next), ok, `${shape} / ${strides} → ${next}`);
  });

  it('a name the statement before bound to a permute, then viewed across the permuted dims: the error, on the view', async () => {
    const errs = await viewErrors('h = self.fc(x)\nh = h.permute(0, 2, 1)\nreturn h.view(2, -1)');
    assert.equal(errs.length, 1);
    assert.match(errs[0]!, /view\(2, -1\) of a \[2, 16, 5\] tensor that transpose\/permute left non-contiguous/);
  });

  it('no error where the layout is not surely known: the model input of a comment, a layer between (LayerNorm gives a fresh tensor), an operation between (PyTorch keeps the strides there, but layouts are not followed through operations: a miss, never a guess); a comment line between is no statement', async () => {
    assert.deepEqual(await viewErrors('return x.transpose(1, 2).view(2, -1)'), []);
    assert.deepEqual(await viewErrors('h = self.fc(x).transpose(1, 2)\nh = self.norm(h)\nreturn h.view(2, -1)'), []);
    assert.deepEqual(await viewErrors('h = self.fc(x).transpose(1, 2)\nh = h * 2\nreturn h.view(2, -1)'), []);
    assert.equal((await viewErrors('h = self.fc(x).transpose(1, 2)\n# merge\nreturn h.view(2, -1)')).length, 1);
    assert.deepEqual(await viewErrors('h = self.fc(x).transpose(1, 2).contiguous()\nreturn h.view(2, -1)'), []);
  });
});
