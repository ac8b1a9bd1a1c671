// The constructs of test/fixtures/pytorch/pretrainedEmbedding.py, interpolateSizes.py,
// maxUnpool.py, lossModules.py, lpPool.py and embeddingBag.py are checked against PyTorch there; here, the same constructs with an operand the analysis does not know must stay unknown,
// with a reason, and never become a number.
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/analysis/analyze';
import type { AnalysisResult, LayerInfo, ModelInfo } from '../../src/analysis/types';
import { assertUnknown, flowStep as flow, testParsers } from './analysisSupport';

async function model(source: string, name = 'M'): Promise<ModelInfo> {
  const result = await analyzed(source);
  const m = result.models.find((x) => x.name === name);
  assert.ok(m, `no model ${name}`);
  return m;
}

async function analyzed(source: string): Promise<AnalysisResult> {
  return analyzeText(await testParsers(), source, 'python');
}

async function errors(source: string): Promise<string[]> {
  return (await analyzed(source)).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en);
}

function layer(m: ModelInfo, name: string): LayerInfo | undefined {
  return m.layers.find((x) => x.path === name);
}

const HEAD = 'import os\nimport numpy as np\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\n';

describe('layer kinds with unknown operands stay unknown', () => {
  it('a bias, affine, batch_first or bidirectional flag the analysis does not know: no count (never the default), no shape where it decides one', async () => {
    const m = await model(`${HEAD}FLAG = os.environ.get("FLAG") == "1"\n\n\nclass M(nn.Module):\n    # input: (2, 5, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 8, bias=FLAG)\n        self.conv = nn.Conv1d(5, 3, 1, bias=FLAG)\n        self.norm = nn.LayerNorm(8, elementwise_affine=FLAG)\n        self.bn = nn.BatchNorm1d(5, affine=FLAG)\n        self.rnn = nn.LSTM(4, 6, batch_first=FLAG)\n        self.birnn = nn.GRU(4, 6, bidirectional=FLAG)\n        self.plain = nn.Linear(4, 8, bias=False)\n\n    def forward(self, x):\n        a = self.norm(self.fc(x))\n        b = self.conv(self.bn(x))\n        c, _ = self.rnn(x)\n        d, _ = self.birnn(x)\n        return self.plain(x)\n`);
    for (const name of ['fc', 'conv', 'norm', 'bn', 'birnn']) {
      assert.equal(layer(m, name)?.params, null, name);
      assert.match(layer(m, name)?.paramsUnknown?.en ?? '', /is not known/, name);
    }
    assert.equal(layer(m, 'plain')?.params, 32);
    assert.equal(layer(m, 'rnn')?.params, 288, 'batch_first does not size the weights');
    assert.equal(m.totalParams, null);
    // Shapes a flag does not decide stay known; batch_first and bidirectional decide the RNNs'.
    assert.deepEqual(flow(m, 'a').value, { known: true, shape: [2, 5, 8] });
    assert.deepEqual(flow(m, 'b').value, { known: true, shape: [2, 3, 4] });
    assert.equal(layer(m, 'rnn')?.calls[0]?.output.known, false);
    assert.equal(layer(m, 'birnn')?.calls[0]?.output.known, false);
  });

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

  it('F.interpolate / nn.Upsample with a size, scale or mode the analysis does not know: unknown', async () => {
    const m = await model(`${HEAD}SIZE = int(os.environ.get("SIZE", "8"))\nMODE = os.environ.get("MODE", "nearest")\n\n\nclass M(nn.Module):\n    # input: (2, 3, 4, 5)\n    def __init__(self):\n        super().__init__()\n        self.up = nn.Upsample(scale_factor=SIZE)\n\n    def forward(self, x):\n        ok = F.interpolate(x, scale_factor=2)\n        a = F.interpolate(x, size=SIZE)\n        b = F.interpolate(x, size=(SIZE, 4))\n        c = F.interpolate(x, scale_factor=2, mode=MODE)\n        d = F.interpolate(torch.load("x.pt"), scale_factor=2)\n        e = self.up(x)\n        f = F.interpolate(x, size=torch.Size([SIZE, 2]))\n        g = F.interpolate(x, scale_factor=float(os.environ.get("S", "2")))\n        return ok\n`);
    assert.deepEqual(flow(m, 'ok').value, { known: true, shape: [2, 3, 8, 10] });
    for (const name of ['a', 'b', 'f']) assertUnknown(flow(m, name), /size|not known|Size/);
    assertUnknown(flow(m, 'c'), /mode is not known/);
    assertUnknown(flow(m, 'd'), /torch\.load|not/);
    assertUnknown(flow(m, 'e'), /scale_factor is not known|size or scale_factor/);
    assertUnknown(flow(m, 'g'), /scale_factor|not/);
  });

  it('F.interpolate calls PyTorch refuses: an error and no shape', async () => {
    const body = (line: string): string => `${HEAD}class M(nn.Module):\n    # input: (2, 3, 4, 5)\n    def __init__(self):\n        super().__init__()\n\n    def forward(self, x):\n        ${line}\n        return y\n`;
    const cases: [string, RegExp][] = [
      ['y = F.interpolate(x, size=[8])', /one entry per spatial dimension/],
      ['y = F.interpolate(x, size=8, scale_factor=2)', /only one of size or scale_factor/],
      ['y = F.interpolate(x)', /either size or scale_factor/],
      ['y = F.interpolate(x, scale_factor=2, mode="linear")', /needs a 3-D input/],
      ['y = F.interpolate(x, scale_factor=2, align_corners=True)', /align_corners can only be set/],
      ['y = F.interpolate(x, scale_factor=0.1)', /greater than 0/],
      ['y = F.interpolate(x, scale_factor=(2, 2, 2))', /scale_factor has 3 entries/],
      ['y = F.interpolate(x, size=8, recompute_scale_factor=True)', /not meaningful with an explicit size/],
      ['y = nn.Upsample(scale_factor=2, mode="trilinear")(x)', /needs a 5-D input/],
    ];
    for (const [line, why] of cases) {
      const src = body(line);
      const es = await errors(src);
      assert.ok(es.some((e) => why.test(e)), `${line}: ${es.join(' / ') || 'no error'}`);
      assertUnknown(flow(await model(src), 'y'), /./);
    }
  });

  it('MaxUnpool with indices or an output_size the analysis does not know: unknown; ones PyTorch refuses: an error', async () => {
    const m = await model(`${HEAD}SIZE = int(os.environ.get("SIZE", "8"))\n\n\nclass M(nn.Module):\n    # input: (2, 3, 8, 10)\n    def __init__(self):\n        super().__init__()\n        self.pool = nn.MaxPool2d(2, return_indices=True)\n        self.unpool = nn.MaxUnpool2d(2)\n\n    def forward(self, x):\n        y, idx = self.pool(x)\n        ok = self.unpool(y, idx)\n        a = self.unpool(y, torch.load("idx.pt"))\n        b = self.unpool(y, idx, output_size=(SIZE, 10))\n        c = F.max_unpool2d(y, idx, SIZE)\n        return ok\n`);
    assert.deepEqual(flow(m, 'ok').value, { known: true, shape: [2, 3, 8, 10] });
    assertUnknown(flow(m, 'a'), /indices are not known/);
    assertUnknown(flow(m, 'b'), /output_size is not known/);
    assertUnknown(flow(m, 'c'), /kernel_size is not known \(os\.environ\.get\(\) is not followed\)/);
    const body = (line: string): string => `${HEAD}class M(nn.Module):\n    # input: (2, 3, 8, 10)\n    def __init__(self):\n        super().__init__()\n        self.unpool = nn.MaxUnpool2d(2)\n\n    def forward(self, x):\n        y, idx = F.max_pool2d(x, 2, return_indices=True)\n        ${line}\n        return z\n`;
    const cases: [string, RegExp][] = [
      ['z = self.unpool(y, idx, output_size=(10, 10))', /dimension 0 must be between 6 and 10/],
      ['z = self.unpool(y, idx, output_size=(2, 3, 8))', /2 or 4 elements/],
      ['z = self.unpool(y, idx[:, :1])', /must have the shape of the input/],
      ['z = self.unpool(x[0, 0], idx[0, 0])', /3-D/],
    ];
    for (const [line, why] of cases) {
      const src = body(line);
      const es = await errors(src);
      assert.ok(es.some((e) => why.test(e)), `${line}: ${es.join(' / ') || 'no error'}`);
      assertUnknown(flow(await model(src), 'z'), /./);
    }
  });

  it('losses with a target, reduction or weight the analysis does not know: unknown, the count still 0', async () => {
    const m = await model(`${HEAD}RED = os.environ.get("RED", "mean")\n\n\nclass M(nn.Module):\n    # input: (4, 5)\n    def __init__(self):\n        super().__init__()\n        self.ce = nn.CrossEntropyLoss()\n        self.some = nn.MSELoss(reduction=RED)\n        self.old = nn.MSELoss(reduce=False)\n        self.weighted = nn.CrossEntropyLoss(weight=torch.load("w.pt"))\n\n    def forward(self, x):\n        ok = self.ce(x, torch.zeros(4, dtype=torch.long))\n        a = self.ce(x, torch.load("y.pt"))\n        b = self.some(x, x)\n        c = self.old(x, x)\n        d = self.weighted(x, torch.zeros(4, dtype=torch.long))\n        e = F.mse_loss(x, x, reduction=RED)\n        return ok\n`);
    assert.deepEqual(flow(m, 'ok').value, { known: true, shape: [] });
    assertUnknown(flow(m, 'a'), /target is not known|torch\.load/);
    assertUnknown(flow(m, 'b'), /reduction is not known/);
    assertUnknown(flow(m, 'c'), /reduction is not known/);
    assertUnknown(flow(m, 'd'), /weight/);
    assertUnknown(flow(m, 'e'), /reduction is not known/);
    assert.equal(m.totalParams, 0);
  });

  it('losses and similarities PyTorch refuses: an error and no shape', async () => {
    const body = (line: string): string => `${HEAD}class M(nn.Module):\n    # input: (4, 5)\n    def __init__(self):\n        super().__init__()\n\n    def forward(self, x):\n        ${line}\n        return y\n`;
    const cases: [string, RegExp][] = [
      ['y = nn.BCELoss()(x.sigmoid(), torch.zeros(5))', /must have the input's size/],
      ['y = nn.CrossEntropyLoss()(x, torch.zeros(3, dtype=torch.long))', /fits neither class indices/],
      ['y = F.nll_loss(x, torch.zeros(4, 5))', /fits neither class indices/],
      ['y = nn.MSELoss()(x, torch.zeros(3))', /do not broadcast/],
      ['y = nn.L1Loss(reduction="avg")(x, x)', /reduction 'avg'/],
      ['y = nn.CosineSimilarity(dim=2)(x, x)', /out of range/],
    ];
    for (const [line, why] of cases) {
      const src = body(line);
      const es = await errors(src);
      assert.ok(es.some((e) => why.test(e)), `${line}: ${es.join(' / ') || 'no error'}`);
      assertUnknown(flow(await model(src), 'y'), /./);
    }
  });

  it('LPPool with a kernel the analysis does not know: unknown; a window larger than the input: an error', async () => {
    const m = await model(`${HEAD}K = int(os.environ.get("K", "2"))\n\n\nclass M(nn.Module):\n    # input: (2, 3, 8, 8)\n    def __init__(self):\n        super().__init__()\n        self.a = nn.LPPool2d(2, K)\n        self.b = nn.LPPool2d(2, 2)\n\n    def forward(self, x):\n        a = self.a(x)\n        b = self.b(x)\n        return b\n`);
    assertUnknown(flow(m, 'a'), /LPPool2d: kernel_size is not known \(os\.environ/);
    assert.deepEqual(flow(m, 'b').value, { known: true, shape: [2, 3, 4, 4] });
    const es = await errors(`${HEAD}class M(nn.Module):\n    # input: (2, 3, 2, 2)\n    def __init__(self):\n        super().__init__()\n        self.p = nn.LPPool2d(2, 3)\n\n    def forward(self, x):\n        y = self.p(x)\n        return y\n`);
    assert.ok(es.some((e) => /smaller than the window/.test(e)), es.join(' / ') || 'no error');
  });

  it('EmbeddingBag with offsets or a mode the analysis does not know: unknown; calls PyTorch refuses: an error', async () => {
    const m = await model(`${HEAD}MODE = os.environ.get("MODE", "mean")\n\n\nclass M(nn.Module):\n    # input: (9) long\n    def __init__(self):\n        super().__init__()\n        self.bag = nn.EmbeddingBag(20, 4)\n        self.some = nn.EmbeddingBag(20, 4, mode=MODE)\n        self.given = nn.EmbeddingBag(20, 4, _weight=torch.load("w.pt"))\n\n    def forward(self, x):\n        ok = self.bag(x, torch.tensor([0, 3]))\n        a = self.bag(x, torch.load("offsets.pt"))\n        b = self.some(x, torch.tensor([0, 3]))\n        c = self.given(x, torch.tensor([0, 3]))\n        return ok\n`);
    assert.deepEqual(flow(m, 'ok').value, { known: true, shape: [2, 4] });
    assertUnknown(flow(m, 'a'), /torch\.load|not/);
    assertUnknown(flow(m, 'b'), /EmbeddingBag: mode is not known \(os\.environ/);
    assertUnknown(flow(m, 'c'), /EmbeddingBag: _weight is not known \(torch\.load is not followed/);
    assert.equal(layer(m, 'given')?.params, null);
    const body = (line: string): string => `${HEAD}class M(nn.Module):\n    # input: (3, 3) long\n    def __init__(self):\n        super().__init__()\n        self.bag = nn.EmbeddingBag(20, 4)\n\n    def forward(self, x):\n        ${line}\n        return y\n`;
    const cases: [string, RegExp][] = [
      ['y = self.bag(x, torch.tensor([0, 1]))', /takes no offsets/],
      ['y = self.bag(x.view(9))', /needs 1-D offsets/],
      ['y = self.bag(x.view(1, 3, 3))', /1-D or 2-D input/],
    ];
    for (const [line, why] of cases) {
      const src = body(line);
      const es = await errors(src);
      assert.ok(es.some((e) => why.test(e)), `${line}: ${es.join(' / ') || 'no error'}`);
      assertUnknown(flow(await model(src), 'y'), /./);
    }
  });
});
