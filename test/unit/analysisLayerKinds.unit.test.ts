// The layer kinds of test/fixtures/pytorch/pretrainedEmbedding.py are checked against PyTorch
// there; here, the same constructs with an operand the analysis does not know must stay unknown,
// with a reason, and never become a number.
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/analysis/analyze';
import type { FlowStep, LayerInfo, ModelInfo } from '../../src/analysis/types';
import { testParsers } from './analysisSupport';

async function model(source: string, name = 'M'): Promise<ModelInfo> {
  const result = analyzeText(await testParsers(), source, 'python');
  const m = result.models.find((x) => x.name === name);
  assert.ok(m, `no model ${name}`);
  return m;
}

function layer(m: ModelInfo, name: string): LayerInfo | undefined {
  return m.layers.find((x) => x.path === name);
}

/** The last statement of forward assigning `target`. */
function flow(m: ModelInfo, target: string): FlowStep {
  const f = m.flow.filter((x) => x.target === target).pop();
  assert.ok(f, `no statement assigning ${target}`);
  return f;
}

function assertUnknown(f: FlowStep, reason: RegExp): void {
  assert.equal(f.value.known, false, `${f.target} should be unknown, is ${f.value.known ? `[${f.value.shape.join(', ')}]` : ''}`);
  if (!f.value.known) assert.match(f.value.reason.en, reason);
}

const HEAD = 'import os\nimport numpy as np\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\n';

describe('layer kinds with unknown operands stay unknown', () => {
  it('nn.Embedding.from_pretrained of a table of unknown or wrong shape: no count, no shape', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 5) long\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Embedding.from_pretrained(torch.load("table.pt"))\n        self.b = nn.Embedding.from_pretrained(torch.zeros(3, 4, 5))\n        self.c = nn.Embedding.from_pretrained(torch.zeros(7, 3))\n\n    def forward(self, x):\n        a = self.a(x)\n        b = self.b(x)\n        c = self.c(x)\n        return c\n`);
    assertUnknown(flow(m, 'a'), /from_pretrained of a tensor of unknown shape/);
    assertUnknown(flow(m, 'b'), /needs a 2-D tensor/);
    assert.deepEqual(flow(m, 'c').value, { known: true, shape: [2, 5, 3] });
    assert.equal(layer(m, 'c')?.params, 21);
    assert.equal(layer(m, 'a')?.params ?? null, null);
    assert.equal(m.totalParams, null);
  });

  it('np.power of numbers numpy would refuse or wrap: not a number', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(4, np.power(2, 2))\n        self.b = nn.Linear(4, int(np.power(2, -1)))\n        self.c = nn.Linear(4, np.power(10, 20) // 10 ** 19)\n\n    def forward(self, x):\n        a = self.a(x)\n        b = self.b(x)\n        c = self.c(x)\n        return a\n`);
    assert.deepEqual(flow(m, 'a').value, { known: true, shape: [2, 4] });
    assertUnknown(flow(m, 'b'), /./);
    assertUnknown(flow(m, 'c'), /./);
  });
});
