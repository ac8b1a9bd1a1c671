// The constructs of test/fixtures/pytorch/weightNorm.py, einsum.py, foldUnfold.py, mapOverTensors.py,
// severalInputs.py, unknownStarArgs.py, noneSlots.py, torchLinspace.py, advancedIndexing.py, einopsPack.py, formattedNames.py, whileLoops.py, zeroRateSchedule.py, longTables.py, typeOfInput.py, forwardPreHook.py, emaCodebook.py, pairwiseLayers.py, featureColumns.py, listComparison.py, scriptModuleBase.py, branchCalls.py, smallIntIdentity.py, einsumSublist.py, filterCalls.py, noiseSchedule.py, linearKeywords.py, recurrentParamAssignment.py, evalRegistry.py, classDecoratorReplaces.py and paramInPlace.py are checked against PyTorch there; here, the same constructs with an operand
// the analysis does not know must stay unknown, with a reason, and never become a number.
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/analysis/analyze';
import type { ModelInfo } from '../../src/analysis/types';
import { assertUnknown, flowStep as flow, layerAt as layer, pythonModel as model, testParsers } from './analysisSupport';

const HEAD = 'import os\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nfrom torch.nn.utils import weight_norm\n\n\n';

describe('unknown operands stay unknown (weight_norm, einsum, unfold/fold, map, several inputs)', () => {
  it('a *list the analysis cannot read in a call: the arguments after it have no place (no layer numbered from the unknown one; unknownStarArgs.py)', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    def __init__(self, k):\n        super().__init__()\n        self.body = nn.Sequential(*[nn.ReLU() for _ in range(k)], nn.Conv2d(4, 4, 1), nn.BatchNorm2d(4))\n        self.pair = nn.Sequential(nn.Conv2d(4, 8, 1), *[nn.ReLU() for _ in range(k)])\n\n    def forward(self, x):\n        return self.pair(self.body(x))\n`);
    assert.deepEqual(m.layers.map((l) => l.path).filter((p) => p.startsWith('body')), ['body']);
    assert.equal(layer(m, 'body').params, null);
    // Before the unknown list, places are known.
    assert.equal(m.layers.find((l) => l.path === 'pair.0')?.params, 40);
    assert.equal(m.totalParams, null);
  });

  it('a class its decorator replaces by a subclass with a head of its own, or by a factory function: unknown, never the class body\'s numbers (classDecoratorReplaces.py keeps the wrappers that build the same layers)', async () => {
    const deco = { headed: 'def deco(cls):\n    class Headed(cls):\n        def __init__(self, *args, **kwargs):\n            super().__init__(*args, **kwargs)\n            self.head = nn.Linear(8, 2)\n\n        def forward(self, x):\n            return self.head(super().forward(x))\n\n    return Headed\n', factory: 'def deco(cls):\n    def build(*args, **kwargs):\n        return nn.Sequential(cls(*args, **kwargs), nn.Linear(8, 1))\n\n    return build\n', none: 'ALL = []\n\n\ndef deco(cls):\n    ALL.append(cls)\n', typed: 'def deco(cls):\n    def forward(self, x):\n        return cls.forward(self, torch.cat([x, x], 0))\n\n    return type(cls.__name__, (cls,), {"forward": forward})\n', partial: 'import functools\n\n\ndef deco(cls):\n    return functools.partial(cls)\n', instance: 'def deco(cls):\n    return cls()\n', width: 'def deco(cls):\n    cls.WIDTH = 8\n    return cls\n' };
    for (const [what, src] of Object.entries(deco)) {
      const m = await model(`${HEAD}${src}\n\n@deco\nclass M(nn.Module):\n    # input: (3, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, self.WIDTH)\n\n    WIDTH = 6\n\n    def forward(self, x):\n        return self.fc(x)\n`);
      assert.equal(m.totalParams, null, what);
      assert.equal(m.output.known, false, what);
      assert.match(m.totalParamsUnknown?.en ?? '', /(?:replaced by .*|changed by) its decorator deco/, what);
    }
  });

  it('a layer named in lower case (`nn.softmax(dim=1)`, `nn.linear(4, 2)`): torch.nn has no such attribute, the constructor raises AttributeError, no numbers', async () => {
    for (const [line, cls] of [['nn.softmax(dim=1)', 'Softmax'], ['nn.linear(4, 2)', 'Linear'], ['nn.batchnorm1d(4)', 'BatchNorm1d']] as const) {
      const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n        self.out = ${line}\n\n    def forward(self, x):\n        return self.out(self.fc(x))\n`);
      assert.equal(m.totalParams, null, line);
      assert.equal(m.output.known, false, line);
      assert.match(m.totalParamsUnknown?.en ?? '', new RegExp(`AttributeError: module 'torch.nn' has no attribute '${line.split('(')[0]!.slice(3)}' \\(the layer is nn\\.${cls}\\)`), line);
    }
  });

  it('a layer size given a list, tuple, dict or string (`nn.Conv2d(arch, 64, 3)`, a config list landing in in_channels): TypeError, the constructor ends there, no layer of it listed', async () => {
    for (const [arg, what] of [['[(1, 16), (1, 32)]', 'a list'], ['(4,)', 'a tuple'], ['{"c": 4}', 'a dict'], ['"4"', 'a string']] as const) {
      const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 4, 8, 8)\n    def __init__(self, arch=${arg}):\n        super().__init__()\n        self.ok = nn.Linear(4, 4)\n        self.conv = nn.Conv2d(arch, 8, 3)\n        self.fc = nn.Linear(8, 2)\n\n    def forward(self, x):\n        return self.fc(self.conv(x).mean((2, 3)))\n`);
      assert.equal(m.totalParams, null, arg);
      assert.deepEqual(m.layers.filter((l) => l.params !== null).map((l) => l.path), [], arg);
      assert.match(m.totalParamsUnknown?.en ?? '', new RegExp(`M\\(\\) raises: Conv2d: in_channels is ${what}, not a number \\(PyTorch raises TypeError\\)`), arg);
    }
  });

  it('a layer size that is a float (`nn.Linear(d, d / 2)`, probes 37h): the TypeError PyTorch raises making the weights, as an error on the line; sizes from //, int(), math.floor, round, np.prod stay known', async () => {
    // PyTorch 1.13: nn.Linear(8, 4.0), nn.Conv2d(3, 4.0, 3), nn.BatchNorm2d(4.0), nn.Embedding(10, 4.0), nn.LSTM(4, 2.0) raise TypeError (torch.empty); nn.InstanceNorm2d(4.0) only stores it.
    for (const [layer, arg] of [['nn.Linear(8, d / 2)', 'out_features'], ['nn.Conv2d(3, 8 * 2 ** -1, 3)', 'out_channels'], ['nn.BatchNorm2d(d * 0.5)', 'num_features'], ['nn.Embedding(10, 4.0)', 'embedding_dim'], ['nn.LSTM(4, d / 4)', 'hidden_size']] as const) {
      const r = analyzeText(await testParsers(), `${HEAD}d = 8\n\n\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.layer = ${layer}\n\n    def forward(self, x):\n        return self.layer(x)\n\n\nm = M()\n`, 'python');
      const m = r.models.find((x) => x.name === 'M')!;
      assert.equal(m.totalParams, null, layer);
      const d = r.diagnostics.find((x) => x.severity === 'error');
      assert.ok(d && d.range.start.line === 13 && new RegExp(`${arg} is a float \\(\\d+\\.\\d+\\), not an int: PyTorch raises TypeError`).test(d.message.en), `${layer}: ${JSON.stringify(r.diagnostics)}`);
    }
    const fine = analyzeText(await testParsers(), `${HEAD}import math\nimport numpy as np\n\nd = 8\n\n\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(4, d // 2)\n        self.b = nn.Linear(4, math.floor(d / 3))\n        self.c = nn.Linear(4, int(d / 2))\n        self.e = nn.Linear(4, round(d / 3))\n        self.f = nn.Linear(4, np.prod((2, 4)))\n        self.g = nn.InstanceNorm2d(d / 2)\n\n    def forward(self, x):\n        return self.a(x)\n\n\nm = M()\n`, 'python');
    assert.ok(!fine.diagnostics.some((x) => x.severity === 'error'), JSON.stringify(fine.diagnostics));
    assert.deepEqual(fine.models.find((x) => x.name === 'M')!.layers.map((l) => l.params), [20, 10, 20, 15, 40, null]);
    // Caught by the code itself (`try: M() except TypeError:`): no error shown.
    const caught = analyzeText(await testParsers(), `${HEAD}class M(nn.Module):\n    def __init__(self, d=8):\n        super().__init__()\n        self.a = nn.Linear(d, d / 2)\n\n\ntry:\n    m = M()\nexcept TypeError:\n    pass\n`, 'python');
    assert.ok(!caught.diagnostics.some((x) => x.severity === 'error'), JSON.stringify(caught.diagnostics));
  });

  it('a class whose code has a syntax error (a `def` cut off at the end of the file, an empty block Python refuses): no total, no output; a finished class beside it keeps its numbers', async () => {
    const src = `${HEAD}class Done(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self, c=4):\n`;
    const r = analyzeText(await testParsers(), src, 'python');
    assert.ok(r.syntaxErrors > 0);
    const m = r.models.find((x) => x.name === 'M')!;
    assert.equal(m.totalParams, null);
    assert.equal(m.output.known, false);
    assert.match(m.totalParamsUnknown?.en ?? '', /syntax error at line 20/);
    const done = r.models.find((x) => x.name === 'Done')!;
    assert.equal(done.totalParams, 10);
    assert.deepEqual(done.output, { known: true, shape: [2, 2] });
    // An error outside a class leaves it as it is (a notebook's `!pip install …` inside an `if` reads as a comment-only block).
    const nb = analyzeText(await testParsers(), `${HEAD}if os.environ.get("COLAB"):\n    #pip install einops\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return self.fc(x)\n`, 'python');
    assert.equal(nb.models[0]?.totalParams, 10);
    assert.deepEqual(nb.models[0]?.output, { known: true, shape: [2, 2] });
  });

  it('a Parameter, or a view of one, changed in place while grad is on (PyTorch refuses it): no numbers of the model (paramInPlace.py has the ways PyTorch accepts)', async () => {
    const cases = {
      view: 'self.lstm.bias_hh_l0.chunk(4)[1].fill_(1)',
      direct: 'self.fc.bias.zero_()',
      item: 'self.fc.bias[:2] = 1.0',
      sliced: 'self.fc.weight[0].uniform_(-1, 1)',
      enabled: 'with torch.no_grad():\n            with torch.enable_grad():\n                self.fc.bias.zero_()',
    };
    for (const [what, line] of Object.entries(cases)) {
      const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 3, 4)\n    def __init__(self):\n        super().__init__()\n        self.lstm = nn.LSTM(4, 6, batch_first=True)\n        self.fc = nn.Linear(6, 2)\n        ${line}\n\n    def forward(self, x):\n        return self.fc(self.lstm(x)[0])\n`);
      assert.equal(m.totalParams, null, what);
      assert.equal(m.output.known, false, what);
      assert.match(m.totalParamsUnknown?.en ?? '', /changes a Parameter in place outside torch\.no_grad\(\)/, what);
    }
  });

  it('a Parameter reshaped in place (squeeze_, set_, a chain through requires_grad_): its count follows the new shape, or the model is unknown where the analysis cannot tell (probes 25d)', async () => {
    const squeezed = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 6)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(6, 6)\n        self.scale = nn.Parameter(torch.ones(1, 6), requires_grad=False)\n        with torch.no_grad():\n            self.scale.squeeze_(0)\n\n    def forward(self, x):\n        return self.fc(x) * self.scale\n`);
    assert.equal(squeezed.totalParams, 48);
    assert.equal(squeezed.output.known && squeezed.output.shape.join(), '2,6');
    const chained = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 8)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 4, bias=False)\n        self.fc.weight.requires_grad_(False).resize_(2, 8)\n\n    def forward(self, x):\n        return self.fc(x)\n`);
    assert.equal(chained.totalParams, null);
    assert.equal(chained.output.known, false);
  });

  it('a recurrent layer\'s weight set to None (PyTorch\'s RNN kernels raise on it): its output unknown, its count without it (recurrentParamAssignment.py)', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 5, 6)\n    def __init__(self):\n        super().__init__()\n        self.rnn = nn.LSTM(6, 4, batch_first=True)\n        self.rnn.bias_ih_l0 = None\n\n    def forward(self, x):\n        return self.rnn(x)\n`);
    assert.equal(layer(m, 'rnn').calls.every((c) => !c.output.known), true);
    assert.equal(layer(m, 'rnn').params, 176);
  });

  it('a class named by eval() of text the analysis cannot read: what it builds may hold parameters, so the count is unknown, never 0 (evalRegistry.py)', async () => {
    const m = await model(`${HEAD}class Small(nn.Module):\n    def __init__(self, n):\n        super().__init__()\n        self.fc = nn.Linear(n, 2)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.enc = eval(os.environ.get('ENCODER', 'Small'))(4)\n        self.head = nn.Linear(4, 3)\n\n    def forward(self, x):\n        return self.enc(x), self.head(x)\n`);
    assert.equal(m.totalParams, null);
    assert.match(m.totalParamsUnknown?.en ?? '', /eval\(\)/);
  });

  // Probe round 22c (W10, W11).
  it('a parametrization with Parameters of its own registered on a layer, or a layer built by orthogonal / skip_init: the count is unknown, never the layer\'s alone', async () => {
    const scaled = await model(`${HEAD}import torch.nn.utils.parametrize as P\n\n\nclass Scale(nn.Module):\n    def __init__(self, n):\n        super().__init__()\n        self.s = nn.Parameter(torch.ones(n, 1))\n\n    def forward(self, w):\n        return w * self.s\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 6)\n        P.register_parametrization(self.fc, 'weight', Scale(6))\n\n    def forward(self, x):\n        return self.fc(x)\n`);
    assert.equal(scaled.totalParams, null);
    const plain = await model(`${HEAD}import torch.nn.utils.parametrize as P\n\n\nclass Sym(nn.Module):\n    def forward(self, w):\n        return w.triu() + w.triu(1).transpose(-1, -2)\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n        P.register_parametrization(self.fc, 'weight', Sym())\n\n    def forward(self, x):\n        return self.fc(x)\n`);
    assert.equal(plain.totalParams, 20);
    const built = await model(`${HEAD}from torch.nn.utils.parametrizations import orthogonal\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.o = orthogonal(nn.Linear(4, 4))\n        self.s = torch.nn.utils.skip_init(nn.Linear, 4, 3)\n        self.p = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return self.p(x)\n`);
    assert.equal(built.totalParams, null);
  });

  it('a module-level list or dict a function changes under a condition it cannot decide: what the paths leave differently is unknown, never one path\'s', async () => {
    const cached = await model(`${HEAD}_cache = {}\n\n\ndef get(d):\n    if os.environ.get('X'):\n        _cache['k'] = nn.Linear(d, 8)\n    return _cache.get('k', nn.Linear(d, 4))\n\n\nclass M(nn.Module):\n    # input: (2, 3)\n    def __init__(self):\n        super().__init__()\n        self.fc = get(3)\n\n    def forward(self, x):\n        return self.fc(x)\n`);
    assert.equal(cached.totalParams, null);
    const grown = await model(`${HEAD}SIZES = [4]\n\n\ndef grow():\n    if os.environ.get('X'):\n        SIZES.append(8)\n        SIZES[0] = 6\n\n\nclass M(nn.Module):\n    # input: (2, 3)\n    def __init__(self):\n        super().__init__()\n        grow()\n        self.fc = nn.Linear(3, SIZES[0] + len(SIZES))\n        self.keep = nn.Linear(3, 2)\n\n    def forward(self, x):\n        return self.fc(x), self.keep(x)\n`);
    assert.equal(layer(grown, 'fc').params, null);
    assert.equal(layer(grown, 'keep').params, 8);
    // A list the path itself makes and grows stays its own: compared as a variable.
    const own = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 3)\n    def __init__(self):\n        super().__init__()\n        if os.environ.get('X'):\n            x = [1]\n            x.append(2)\n        else:\n            x = [1]\n        self.fc = nn.Linear(3, len(x) + 4)\n\n    def forward(self, x):\n        return self.fc(x)\n`);
    assert.equal(own.totalParams, null);
  });

  it('the dtype of a tensor an operation made (not a factory): a branch on it stays undecided (dtypeBranches.py)', async () => {
    for (const made of ['torch.zeros(3, dtype=torch.long) + 1', 'torch.zeros(3, dtype=torch.long).float()']) {
      const m = await model(`${HEAD}class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.embed = nn.Embedding(10, 6)\n        self.fc = nn.Linear(3, 6)\n\n    def forward(self, y):\n        if y.dtype is torch.long:\n            return self.embed(y)\n        return self.fc(y)\n\n\nm = M()\nout = m(${made})\n`);
      assert.equal(m.output.known, false, made);
    }
  });

  it('a long table whose rows depend on the position (longer later rows, a first row of its own): unknown, never one row shape for all (longTables.py)', async () => {
    const rows = ['def row(pos):\n    return [float(j) for j in range(pos % 3 + 1)]\n', 'def row(pos):\n    if pos == 0:\n        return [0.0] * 9\n    return [pos / 10000 ** (j / 8) for j in range(8)]\n', 'def row(pos):\n    out = []\n    for j in range(8):\n        if j < pos:\n            out.append(float(j))\n    return out\n'];
    for (const row of rows) {
      const m = await model(`${HEAD}import numpy as np\n\n\n${row}\n\nclass M(nn.Module):\n    # input: (2, 5) long\n    def __init__(self, n=600):\n        super().__init__()\n        self.pos = nn.Embedding.from_pretrained(torch.FloatTensor(np.array([row(p) for p in range(n)])))\n        self.head = nn.Linear(8, 2)\n\n    def forward(self, x):\n        return self.head(self.pos(x))\n`);
      // The layer is not made (its table is unknown) or made with unknown numbers: never a row shape for all.
      const pos = m.layers.find((l) => l.path === 'pos');
      assert.ok(!pos || (pos.params === null && pos.calls.every((c) => !c.output.known)), row);
      assert.equal(layer(m, 'head').calls.every((c) => !c.output.known), true, row);
      assert.equal(m.totalParams, null, row);
    }
  });

  it('sequences packed by lengths the analysis cannot read: the packed data and the padded output unknown, the hidden state sized by the batch (workspace/packedSequences)', async () => {
    const m = await model(`${HEAD}from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence\n\n\nclass M(nn.Module):\n    # input: (3, 7) long\n    def __init__(self):\n        super().__init__()\n        self.emb = nn.Embedding(50, 8)\n        self.rnn = nn.GRU(8, 6, batch_first=True)\n        self.step = nn.Linear(6, 2)\n        self.last = nn.Linear(6, 4)\n\n    def forward(self, x):\n        lengths = (x != 0).sum(1).cpu()\n        out, h = self.rnn(pack_padded_sequence(self.emb(x), lengths, batch_first=True, enforce_sorted=False))\n        out, _ = pad_packed_sequence(out, batch_first=True)\n        return self.step(out), self.last(h[-1])\n`);
    const why = (path: string): string => { const o = layer(m, path).calls[0]!.output; return o.known ? `known ${o.shape.join(', ')}` : o.reason.en; };
    assert.match(why('rnn'), /lengths are not known/);
    assert.match(why('step'), /longest packed sequence/);
    assert.deepEqual(layer(m, 'last').calls[0]!.output, { known: true, shape: [3, 4] });
    assert.equal(layer(m, 'rnn').params, 288);
    // Lengths for another batch size, or a length past the padded width: PyTorch raises; unknown.
    for (const lengths of ['torch.tensor([4, 2])', 'torch.tensor([4, 9, 2])', '[7, 5, 0]']) {
      const bad = await model(`${HEAD}from torch.nn.utils.rnn import pack_padded_sequence\n\n\nclass M(nn.Module):\n    # input: (3, 7, 8)\n    def __init__(self):\n        super().__init__()\n        self.rnn = nn.GRU(8, 6, batch_first=True)\n\n    def forward(self, x):\n        return self.rnn(pack_padded_sequence(x, ${lengths}, batch_first=True, enforce_sorted=False))[1]\n`);
      assert.equal(bad.output.known, false, lengths);
    }
  });

  it('a class chosen by a condition the analysis cannot decide, then called (`execute_type = SeqB if reversible else SeqA`): the total is unknown, never 0 (corpus 17c, linear-attention-transformer)', async () => {
    const m = await model(`${HEAD}class SeqA(nn.Module):\n    def __init__(self, blocks):\n        super().__init__()\n        self.blocks = blocks\n\n    def forward(self, x):\n        for b in self.blocks:\n            x = b(x)\n        return x\n\n\nclass SeqB(SeqA):\n    pass\n\n\nclass Net(nn.Module):\n    # input: (2, 4)\n    def __init__(self, dim, reversible=False):\n        super().__init__()\n        execute_type = SeqB if os.environ.get('REV') else SeqA\n        self.layers = execute_type(nn.ModuleList([nn.Linear(4, 4), nn.Linear(4, 4)]))\n\n    def forward(self, x):\n        return self.layers(x)\n`, 'Net');
    assert.equal(m.totalParams, null);
    // The same with two torch.nn classes.
    const nnClass = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 4, 6)\n    def __init__(self):\n        super().__init__()\n        self.pick = (nn.Conv1d if os.environ.get('CONV') else nn.ConvTranspose1d)(4, 4, 1)\n\n    def forward(self, x):\n        return self.pick(x)\n`);
    assert.equal(nnClass.totalParams, null);
  });

  it('a module-level name that takes more steps to compute than the analysis spends: that name is unknown, the model around it is still read (longTableLoop.py)', async () => {
    const m = await model(`${HEAD}def compute():\n    i = 0\n    total = 0\n    while i < 4000:\n        row = [j * j for j in range(40)]\n        total += len(row)\n        i += 1\n    return total // 4000\n\n\nWIDTH = compute()\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(4, 3)\n        self.b = nn.Linear(3, WIDTH)\n\n    def forward(self, x):\n        return self.b(self.a(x))\n`);
    assert.equal(layer(m, 'a').params, 15);
    assert.deepEqual(layer(m, 'a').calls[0]!.output, { known: true, shape: [2, 3] });
    assert.equal(layer(m, 'b').params, null);
    assert.equal(m.totalParams, null);
    assert.match(m.totalParamsUnknown?.en ?? '', /takes more steps to compute/);
  });

  it('a `continue` under a condition the analysis cannot decide does not end the loop body: what follows it may run, so what it changes is unknown (an MoE loop skipping empty experts, corpus 17c)', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (6, 8)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 8)\n\n    def forward(self, x):\n        out = x\n        for i in range(3):\n            if os.environ.get('SKIP'):\n                continue\n            out = torch.cat([out, self.fc(x)], dim=1)\n        return out\n`);
    // PyTorch: [6, 32] without SKIP, [6, 8] with it; never [6, 8] as known.
    assert.equal(m.output.known, false);
  });

  it('a file that starts a process group itself: whether it runs distributed is not known (singleProcess.py)', async () => {
    const m = await model(`${HEAD}import torch.distributed as dist\n\n\ndef setup(rank):\n    dist.init_process_group('gloo', rank=rank, world_size=2)\n\n\nclass M(nn.Module):\n    # input: (2, 8, 16)\n    def __init__(self):\n        super().__init__()\n        self.spread = dist.is_initialized() and dist.get_world_size() > 1\n        self.fc = nn.Linear(16, 16)\n\n    def forward(self, x):\n        if self.spread:\n            x = x.repeat(2, 1, 1)\n        return self.fc(x)\n`);
    assert.equal(m.output.known, false);
  });

  it('`try: getattr(layer, "weight_u") … except AttributeError:` on a layer whose members the analysis does not list: both paths, the total unknown, never the body\'s alone (SAGAN\'s spectral norm, corpus 17a, madeParams.py)', async () => {
    const m = await model(`${HEAD}class Wrap(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.module = getattr(nn, os.environ.get("LAYER", "Linear"))(4, 3)\n        if not self._made():\n            self.module.register_parameter("weight_u", nn.Parameter(torch.zeros(3)))\n\n    def _made(self):\n        try:\n            u = getattr(self.module, "weight_u")\n            return True\n        except AttributeError:\n            return False\n\n    def forward(self, x):\n        return self.module(x)\n`, 'Wrap');
    assert.equal(m.totalParams, null);
  });

  it('hasattr on a layer after weight_norm / spectral_norm / prune (weight_g, weight_orig, weight_u added): never decided false (madeParams.py lists only fresh layers)', async () => {
    for (const wrap of ['weight_norm(nn.Linear(8, 8))', 'spectral_norm(nn.Linear(8, 8))', 'nn.Linear(8, 8)']) {
      for (const member of ['weight_g', 'weight_orig', 'weight_u', 'weight_mask']) {
        const prune = wrap === 'nn.Linear(8, 8)' ? '\n        torch.nn.utils.prune.l1_unstructured(self.lin, "weight", amount=0.5)' : '';
        const m = await model(`${HEAD}from torch.nn.utils import weight_norm, spectral_norm\nimport torch.nn.utils.prune\n\n\nclass M(nn.Module):\n    # input: (2, 8)\n    def __init__(self):\n        super().__init__()\n        self.lin = ${wrap}${prune}\n        self.a = nn.Linear(8, 3) if hasattr(self.lin, "${member}") else nn.Linear(8, 5)\n        try:\n            getattr(self.lin, "${member}")\n            self.b = nn.Linear(8, 3)\n        except AttributeError:\n            self.b = nn.Linear(8, 5)\n\n    def forward(self, x):\n        return self.a(self.lin(x)), self.b(x)\n`);
        assert.equal(m.totalParams, null, `${wrap} ${member}`);
      }
    }
  });

  it('type tests other than a tensor or list against builtin types stay undecided (typeOfInput.py); a tensor is surely no list', async () => {
    const run = (test: string): Promise<ModelInfo> => model(`${HEAD}class M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(4, 4)\n        self.b = nn.Linear(4, 2)\n        self.c = nn.Linear(4, 3)\n\n    def forward(self, x):\n        if ${test}:\n            return self.b(x)\n        return self.c(x)\n`);
    for (const test of ['type(x) == torch.Tensor', 'type(x) in (torch.Tensor, list)', 'type(self.a) == nn.Linear']) assert.equal((await run(test)).output.known, false, test);
    // A tensor's type (a subclass's too) is surely not list.
    const decided = await run('type(x) is list');
    assert.deepEqual(decided.output.known ? decided.output.shape : null, [2, 3]);
  });

  it('a layer whose weight was deleted and never set again, or a pre-hook the analysis cannot follow: unknown output (forwardPreHook.py)', async () => {
    const bare = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n        del self.fc._parameters['weight']\n\n    def forward(self, x):\n        return self.fc(x)\n`);
    assert.equal(layer(bare, 'fc').calls.every((c) => !c.output.known), true);
    const hooked = await model(`${HEAD}def hook(module, inputs):\n    return os.environ['RESHAPE'](inputs)\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n        self.fc.register_forward_pre_hook(hook)\n\n    def forward(self, x):\n        return self.fc(x)\n`);
    assert.equal(layer(hooked, 'fc').calls.every((c) => !c.output.known), true);
    assert.equal(hooked.output.known, false);
  });

  it('a layer\'s weight tied to another layer\'s under a condition the analysis cannot decide: the total is unknown (emaCodebook.py)', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 5) long\n    def __init__(self):\n        super().__init__()\n        self.enc = nn.Embedding(10, 4)\n        self.dec = nn.Linear(4, 10, bias=False)\n        if os.environ.get('TIE'):\n            self.dec.weight = self.enc.weight\n\n    def forward(self, x):\n        return self.dec(self.enc(x))\n`);
    assert.equal(m.totalParams, null);
  });

  it('pairs of a list the analysis cannot read, and a module of a class with its own __eq__ compared with a string: unknown (pairwiseLayers.py)', async () => {
    const pairs = await model(`${HEAD}import itertools\nFIELDS = os.environ.get('FIELDS', 'a,b').split(',')\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.pairs = nn.ModuleList([nn.Linear(4, 4) for _ in itertools.combinations(FIELDS, 2)])\n\n    def forward(self, x):\n        for p in self.pairs:\n            x = p(x)\n        return x\n`);
    assert.equal(pairs.totalParams, null);
    const eq = await model(`${HEAD}class Act(nn.Module):\n    def __init__(self, name):\n        super().__init__()\n        self.name = name\n\n    def __eq__(self, other):\n        return self.name == other\n\n    def forward(self, x):\n        return x\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.act = Act(os.environ['ACT'])\n        self.a = nn.Linear(4, 2)\n        self.b = nn.Linear(4, 3)\n\n    def forward(self, x):\n        if self.act == 'linear':\n            return self.a(x)\n        return self.b(x)\n`);
    assert.equal(eq.output.known, false);
  });

  it('a namedtuple subclass whose fields the analysis cannot read, or whose namedtuple it cannot read: unknown sizes (featureColumns.py)', async () => {
    for (const decl of ["class Col(namedtuple('Col', ['vocab', 'dim'])):\n    def __new__(cls, vocab, dim=int(os.environ['DIM'])):\n        return super(Col, cls).__new__(cls, vocab, dim)\n", "class Col(namedtuple('Col', os.environ['FIELDS'])):\n    pass\n"]) {
      const m = await model(`${HEAD}from collections import namedtuple\n\n\n${decl}\n\nclass M(nn.Module):\n    # input: (2, 3) long\n    def __init__(self, col=Col(10)):\n        super().__init__()\n        self.emb = nn.Embedding(col.vocab, col.dim)\n\n    def forward(self, x):\n        return self.emb(x)\n`);
      assert.equal(m.totalParams, null, decl);
      assert.equal(m.output.known, false, decl);
    }
  });

  it('weight_norm with a dim the analysis cannot read: the count is unknown, the shape is not', async () => {
    const m = await model(`${HEAD}DIM = int(os.environ.get("DIM", "0"))\n\n\nclass M(nn.Module):\n    # input: (2, 4, 10)\n    def __init__(self):\n        super().__init__()\n        self.conv = weight_norm(nn.Conv1d(4, 6, 3), dim=DIM)\n\n    def forward(self, x):\n        return self.conv(x)\n`);
    const conv = layer(m, 'conv');
    assert.equal(conv.params, null);
    assert.equal(m.totalParams, null);
    assert.deepEqual(conv.calls.map((c) => (c.output.known ? c.output.shape : null)), [[2, 6, 8]]);
  });

  it('weight_norm of a parameter the layer does not have, or of a module that is not a layer: unknown count', async () => {
    const m = await model(`${HEAD}class Block(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.a = weight_norm(nn.Linear(4, 4), name="scale")\n        self.b = weight_norm(Block())\n\n    def forward(self, x):\n        return self.b(self.a(x))\n`);
    assert.equal(layer(m, 'a').params, null);
    assert.equal(layer(m, 'b').params, null);
    assert.equal(m.totalParams, null);
  });

  it('weight_norm in a loop over a list the analysis cannot read: unknown count', async () => {
    const m = await model(`${HEAD}NAMES = os.environ.get("NORMED", "").split(",")\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n        for n in NAMES:\n            weight_norm(self.fc)\n\n    def forward(self, x):\n        return self.fc(x)\n`);
    assert.equal(layer(m, 'fc').params, null);
  });

  it('einsum with an operand of unknown shape, in the sublist form, or with subscripts that do not fit: unknown', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 3, 4)\n    def __init__(self):\n        super().__init__()\n        self.w = nn.Parameter(torch.zeros(4, 5))\n\n    def forward(self, x):\n        y = torch.einsum("bij,jk->bik", x, self.w)\n        a = torch.einsum("bij,jk->bik", x, torch.load("w.pt"))\n        b = torch.einsum("...ij,jk", torch.load("w.pt"), self.w)\n        c = torch.einsum(x, [0, 1, 2], self.w, [2, 3])\n        d = torch.einsum("ij,jk->ik", x, self.w)\n        e = torch.einsum("bij,jk->bim", x, self.w)\n        f = torch.einsum(x, [0, 1, int(os.environ.get("K", "2"))], self.w, [2, 3])\n        g = torch.einsum(x, [0, 1, 2], self.w, [2, 52])\n        h = torch.einsum(f"bij,{os.environ.get('EQ')}", x, self.w)\n        return y\n`);
    assert.deepEqual(flow(m, 'y').value, { known: true, shape: [2, 3, 5] });
    assertUnknown(flow(m, 'a'), /torch\.load|unknown/);
    assertUnknown(flow(m, 'b'), /torch\.load|unknown/);
    assert.deepEqual(flow(m, 'c').value, { known: true, shape: [2, 3, 5] });
    assertUnknown(flow(m, 'f'), /sublist/);
    assertUnknown(flow(m, 'g'), /sublist/);
    assertUnknown(flow(m, 'h'), /f-string/);
    assertUnknown(flow(m, 'd'), /does not match/);
    assertUnknown(flow(m, 'e'), /not in any operand/);
  });

  it('filter() with a test it cannot decide, view() with sizes after a *x it cannot list, map() of an unknown: unknown', async () => {
    const m = await model(`${HEAD}FLAGS = os.environ.get("FLAGS", "").split(",")\n\n\nclass M(nn.Module):\n    # input: (2, 4, 3, 3)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(3, 3)\n\n    def forward(self, x):\n        kept = list(filter(lambda f: f == "a", FLAGS))\n        some = list(filter(lambda t: t.sum() > 0, [x, x]))\n        t = torch.zeros(2)\n        n = len(kept)\n        a = t.view(*t.shape, *((1,) * n))\n        b = t.view(*t.shape, *((1,) * 3))\n        c = list(map(lambda u: u * 2, torch.load("x.pt")))\n        return self.fc(x)\n`);
    assertUnknown(flow(m, 'kept'), /environ|filter/);
    assertUnknown(flow(m, 'some'), /filter/);
    assertUnknown(flow(m, 'a'), /view|cannot|not/);
    assert.deepEqual(flow(m, 'b').value, { known: true, shape: [2, 1, 1, 1] });
    assertUnknown(flow(m, 'c'), /torch\.load|unknown|not/);
  });

  it('F.linear by keywords with an input or weight the analysis does not know: unknown', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 3, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 5)\n\n    def forward(self, x):\n        y = F.linear(input=x, weight=self.fc.weight, bias=self.fc.bias)\n        a = F.linear(input=torch.load("x.pt"), weight=self.fc.weight)\n        b = F.linear(input=x, weight=torch.load("w.pt"))\n        return y\n`);
    assert.deepEqual(flow(m, 'y').value, { known: true, shape: [2, 3, 5] });
    assertUnknown(flow(m, 'a'), /torch\.load|unknown|not/);
    assertUnknown(flow(m, 'b'), /F\.linear|unknown|not/);
  });

  it('unfold / fold with a tensor or a setting the analysis does not know: unknown', async () => {
    const m = await model(`${HEAD}SIZE = int(os.environ.get("SIZE", "8"))\n\n\nclass M(nn.Module):\n    # input: (2, 3, 8, 8)\n    def __init__(self):\n        super().__init__()\n        self.fold = nn.Fold(output_size=SIZE, kernel_size=2, stride=2)\n\n    def forward(self, x):\n        cols = F.unfold(x, 2, stride=2)\n        back = self.fold(cols)\n        a = F.unfold(torch.load("x.pt"), 2)\n        b = F.unfold(x, kernel_size=SIZE)\n        c = F.fold(cols, (SIZE, 8), 2, stride=2)\n        d = x.unfold(2, SIZE, 1)\n        e = x.unfold(SIZE, 2, 1)\n        return cols\n`);
    assert.deepEqual(flow(m, 'cols').value, { known: true, shape: [2, 12, 16] });
    assertUnknown(flow(m, 'back'), /input of Fold|not known/);
    assert.equal(layer(m, 'fold').calls[0]?.output.known, false);
    assertUnknown(flow(m, 'a'), /torch\.load|unknown|not/);
    assertUnknown(flow(m, 'b'), /not known/);
    assertUnknown(flow(m, 'c'), /not known/);
    assertUnknown(flow(m, 'd'), /does not know/);
    assertUnknown(flow(m, 'e'), /does not know/);
  });

  it('fold of blocks that do not fill output_size: an error, as PyTorch raises, and no shape', async () => {
    const result = analyzeText(await testParsers(), `${HEAD}class M(nn.Module):\n    # input: (2, 12, 15)\n    def __init__(self):\n        super().__init__()\n        self.fold = nn.Fold((8, 8), 2, stride=2)\n\n    def forward(self, x):\n        return self.fold(x)\n`, 'python');
    const m = result.models.find((x) => x.name === 'M')!;
    assert.equal(m.output.known, false);
    assert.ok(result.diagnostics.some((d) => /16 sliding blocks, the input \[2, 12, 15\] has 15/.test(d.message.en)), result.diagnostics.map((d) => d.message.en).join('\n'));
  });

  it('map / comprehensions over tensors the analysis does not know, or over a sequence it cannot list: unknown', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 6)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(6, 4)\n\n    def forward(self, x):\n        a, b = map(lambda t: t * 2, (x, torch.load("y.pt")))\n        parts = torch.load("parts.pt")\n        c = list(map(self.fc, parts))[0]\n        d, e = (t.sum(-1) for t in (torch.load("y.pt"), x))\n        f = torch.stack(list(map(lambda t: t, parts)))\n        return self.fc(x)\n`);
    assert.deepEqual(flow(m, 'a, b').value, { known: true, shape: [2, 6] });
    assertUnknown(flow(m, 'c'), /map\(\)|cannot list|torch\.load/);
    assertUnknown(flow(m, 'd, e'), /torch\.load|not followed|unknown/);
    assertUnknown(flow(m, 'f'), /map\(\)|cannot list|torch\.load|unknown/);
  });

  it('unbind along a dim the analysis does not know, arange with a step it does not know: unknown', async () => {
    const m = await model(`${HEAD}DIM = int(os.environ.get("DIM", "1"))\n\n\nclass M(nn.Module):\n    # input: (2, 3, 4)\n    def forward(self, x):\n        a = x.unbind(DIM)[0]\n        b = torch.load("x.pt").unbind(0)[0]\n        c = torch.arange(0, 8, step=DIM)\n        d = torch.arange(0, 8, step=2)\n        return x\n`);
    assertUnknown(flow(m, 'a'), /unknown dim/);
    assertUnknown(flow(m, 'b'), /torch\.load|not followed|unknown/);
    assertUnknown(flow(m, 'c'), /arange size unknown/);
    assert.deepEqual(flow(m, 'd').value, { known: true, shape: [4] });
  });

  it('several inputs: tensors given by keyword join in forward order, or go by name past a parameter left at its default; an unknown one gives no input', async () => {
    const cls = (name: string): string => `class ${name}(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(6, 4)\n\n    def forward(self, x, scale=None, shift=None):\n        y = self.fc(x)\n        if scale is not None:\n            y = y * scale\n        if shift is not None:\n            y = y + shift\n        return y\n\n\n`;
    const source = `${HEAD}${cls('A')}${cls('B')}${cls('C')}a = A()\nya = a(torch.randn(2, 6), scale=torch.randn(2, 4))\nb = B()\nyb = b(torch.randn(2, 6), shift=torch.randn(2, 4))\nc = C()\nyc = c(torch.randn(2, 6), torch.load("s.pt"))\n`;
    const result = analyzeText(await testParsers(), source, 'python');
    const byName = (n: string): ModelInfo => result.models.find((x) => x.name === n)!;
    assert.deepEqual(byName('A').inputs, [[2, 6], [2, 4]]);
    assert.equal(byName('A').inputSource, 'call');
    // shift= comes after scale, which the call leaves to None: replaying (x, shift) would be wrong,
    // so shift stays a keyword input (a runner passes it by name).
    assert.deepEqual(byName('B').inputs, [[2, 6]]);
    assert.deepEqual(byName('B').keywordInputs, { shift: [2, 4] });
    assert.deepEqual(byName('B').output, { known: true, shape: [2, 4] });
    assert.deepEqual(byName('C').inputs, []);
    assert.equal(byName('C').output.known, false);
  });

  it('a flag given by name past a parameter left at its default (VITS: `dp(x, mask, g=g, reverse=True)`) decides the path forward takes', async () => {
    const source = `${HEAD}class D(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(6, 4)\n\n    def forward(self, x, scale=None, pooled=False):\n        y = self.fc(x)\n        if pooled:\n            return y.mean(dim=1)\n        return y\n\n\nd = D()\nyd = d(torch.randn(2, 5, 6), pooled=True)\n`;
    const m = analyzeText(await testParsers(), source, 'python').models.find((x) => x.name === 'D')!;
    assert.deepEqual(m.inputs, [[2, 5, 6]]);
    // Not a tensor: a runner cannot give it again, so the runners that feed inputs in order leave this model alone.
    assert.deepEqual(m.keywordInputs, { pooled: null });
    assert.deepEqual(m.output, { known: true, shape: [2, 4] });
  });

  it('a ModuleList with a None slot: an item that may or may not be None, a slice, an insert or a write leave its layers unknown', async () => {
    const m = await model(`${HEAD}FLAG = os.environ.get("FLAG") == "1"\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.a = nn.ModuleList([nn.Linear(4, 4), nn.Linear(4, 4) if FLAG else None])\n        self.b = nn.ModuleList([None, nn.Linear(4, 4)])\n        self.c = nn.ModuleList([None, nn.Linear(4, 4)])\n        self.c.insert(0, nn.Linear(4, 4))\n        self.d = nn.ModuleList([None, nn.Linear(4, 4)])\n        self.d[1] = nn.Linear(4, 4)\n\n    def forward(self, x):\n        fa, ga = self.a\n        ya = fa(x)\n        yb = self.b[1:][0](x)\n        yc = self.c[2](x)\n        yd = self.d[1](x)\n        ok = self.b[1](x)\n        return x\n`);
    assertUnknown(flow(m, 'ya'), /condition|cannot|unknown/);
    assertUnknown(flow(m, 'yb'), /slice/);
    assertUnknown(flow(m, 'yc'), /insert/);
    assertUnknown(flow(m, 'yd'), /not followed/);
    assert.deepEqual(flow(m, 'ok').value, { known: true, shape: [2, 4] });
  });

  it('torch.linspace / logspace with a number of steps the analysis does not know, or a float one: unknown', async () => {
    const m = await model(`${HEAD}N = int(os.environ.get("N", "4"))\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def forward(self, x):\n        a = torch.linspace(0, 1, N)\n        b = torch.logspace(0, 1, steps=N)\n        c = torch.linspace(0, 1, 2.5)\n        d = [t.item() for t in torch.linspace(0, 1, N)]\n        e = torch.linspace(0, 1, 3)\n        return x\n`);
    assertUnknown(flow(m, 'a'), /linspace size unknown/);
    assertUnknown(flow(m, 'b'), /logspace size unknown/);
    assertUnknown(flow(m, 'c'), /linspace size unknown/);
    assertUnknown(flow(m, 'd'), /linspace size unknown|cannot/);
    assert.deepEqual(flow(m, 'e').value, { known: true, shape: [3] });
  });

  it('index tensors that may be bool masks, do not broadcast, or are not known: unknown', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (3, 10, 8)\n    def forward(self, x):\n        a = x[:, x[0, :, 0] > 0]\n        b = x[torch.zeros(3, 1).long(), torch.zeros(2, 4).long()]\n        c = x[:, torch.load("i.pt")]\n        d = x[torch.arange(3), torch.tensor(1)]\n        e = x[torch.arange(3)[:, None], torch.zeros(1, 4).long()]\n        f = x[torch.arange(3), torch.tensor(True)]\n        return x\n`);
    assertUnknown(flow(m, 'a'), /may be a mask/);
    assertUnknown(flow(m, 'b'), /do not broadcast/);
    assertUnknown(flow(m, 'c'), /torch\.load|unknown/);
    // A 0-d integer tensor made from a number indexes as that integer does.
    assert.deepEqual(flow(m, 'd').value, { known: true, shape: [3, 8] });
    assert.deepEqual(flow(m, 'e').value, { known: true, shape: [3, 4, 8] });
    assertUnknown(flow(m, 'f'), /may be a mask/);
  });

  it('einops.unpack with shapes the analysis does not know, that do not fill the axis, or with -1: unknown', async () => {
    const m = await model(`${HEAD}from einops import pack, unpack\n\n\nclass M(nn.Module):\n    # input: (2, 6, 4)\n    def forward(self, x):\n        a = unpack(x, torch.load("ps.pt"), "b * d")[0]\n        b = unpack(x, [(2, 2)], "b * d")[0]\n        c = unpack(x, [(2, -1)], "b * d")[0]\n        d = unpack(x, [(2, 3)], "b d")[0]\n        e = unpack(x, [(2, 3)], "b * d")[0]\n        return x\n`);
    assertUnknown(flow(m, 'a'), /unknown|torch\.load/);
    assertUnknown(flow(m, 'b'), /hold 4, the axis has 6/);
    assertUnknown(flow(m, 'c'), /-1/);
    assertUnknown(flow(m, 'd'), /one \*/);
    assert.deepEqual(flow(m, 'e').value, { known: true, shape: [2, 2, 3, 4] });
  });

  it('unpacking a different number of values than names (Python refuses it): unknown, never the first few', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.layers = nn.ModuleList([nn.ModuleList([nn.Linear(4, 4), None, nn.Linear(4, 3), nn.Linear(3, 3)])])\n\n    def forward(self, x):\n        for a, peg, b in self.layers:\n            y = b(a(x))\n        for a, peg, *rest in self.layers:\n            z = rest[0](a(x))\n        return x\n`);
    assertUnknown(flow(m, 'y'), /cannot unpack 4 values into a, peg, b/);
    assert.deepEqual(flow(m, 'z').value, { known: true, shape: [2, 3] });
  });

  it('a tuple or list with a *part the analysis cannot list: its length and later items are unknown', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n\n    def forward(self, x):\n        parts = torch.load("parts.pt")\n        a, b = (*parts, self.fc(x))\n        c = [*parts, x][-1]\n        e = (*(x, x), self.fc(x))[2]\n        return x\n`);
    assertUnknown(flow(m, 'a, b'), /torch\.load/);
    assertUnknown(flow(m, 'c'), /torch\.load/);
    assert.deepEqual(flow(m, 'e').value, { known: true, shape: [2, 3] });
  });
});

describe('formatted names and while loops with an unknown operand stay unknown', () => {
  it('a layer name formatted from a value the analysis does not know, or in a way it does not reproduce: unknown layers, never a guessed name', async () => {
    const m = await model(`${HEAD}TAG = os.environ.get("TAG", "a")\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Sequential()\n        self.a.add_module("fc{}".format(TAG), nn.Linear(4, 3))\n        self.b = nn.Sequential()\n        self.b.add_module("fc{:e}".format(1.5), nn.Linear(4, 3))\n        self.c = nn.Sequential()\n        self.c.add_module("fc%x" % 255, nn.Linear(4, 3))\n        self.d = nn.Sequential()\n        self.d.add_module(f"fc{TAG=}", nn.Linear(4, 3))\n        self.e = nn.Sequential()\n        self.e.add_module("fc{}_{}".format(1), nn.Linear(4, 3))\n        self.f = nn.Sequential()\n        self.f.add_module("fc{}".format(2), nn.Linear(4, 3))\n\n    def forward(self, x):\n        a = self.a(x)\n        b = self.b(x)\n        c = self.c(x)\n        d = self.d(x)\n        e = self.e(x)\n        f = self.f(x)\n        return x\n`);
    for (const k of ['a', 'b', 'c', 'd', 'e']) assertUnknown(flow(m, k), /name the analysis cannot read/);
    assert.deepEqual(flow(m, 'f').value, { known: true, shape: [2, 3] });
    assert.equal(m.totalParams, null);
  });

  it('a layer looked up by a formatted key of an unknown value: unknown', async () => {
    const m = await model(`${HEAD}K = int(os.environ.get("K", "1"))\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.heads = nn.ModuleDict({f"h{k:02d}": nn.Linear(4, k + 1) for k in range(3)})\n\n    def forward(self, x):\n        y = self.heads[f"h{K:02d}"](x)\n        z = self.heads["h%02d" % 2](x)\n        return z\n`);
    assertUnknown(flow(m, 'y'), /subscript of a module/);
    assert.deepEqual(flow(m, 'z').value, { known: true, shape: [2, 3] });
  });

  it('a while loop whose condition the analysis cannot decide, or that outruns the loop budget: what it builds is unknown', async () => {
    const m = await model(`${HEAD}N = int(os.environ.get("N", "2"))\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        layers = [nn.Linear(4, 4)]\n        n = 0\n        while n < N:\n            layers.append(nn.Linear(4, 4))\n            n += 1\n        self.body = nn.Sequential(*layers)\n        k = 1\n        while k < 10 ** 9:\n            k += 1\n        self.head = nn.Linear(4, k)\n        w = 4\n        while w < 16:\n            w *= 2\n            if N > 3:\n                break\n        self.tail = nn.Linear(4, w)\n\n    def forward(self, x):\n        y = self.body(x)\n        z = self.head(x)\n        t = self.tail(x)\n        return x\n`);
    const body = layer(m, 'body');
    assert.equal(body.output.known, false);
    if (!body.output.known) assert.match(body.output.reason.en, /changes in a while loop/);
    for (const k of ['body', 'head', 'tail']) {
      assert.equal(layer(m, k).params, null, k);
      assert.equal(layer(m, k).output.known, false, k);
    }
    assert.equal(m.totalParams, null);
  });

  it('a while loop in forward over a shape the analysis does not know: unknown after it', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 4, 16)\n    def __init__(self):\n        super().__init__()\n        self.pool = nn.MaxPool1d(2)\n\n    def forward(self, x):\n        y = torch.load("y.pt")\n        while y.size(-1) > 4:\n            y = self.pool(y)\n        while x.size(-1) > 4:\n            x = self.pool(x)\n        return x\n`);
    assertUnknown(flow(m, 'y'), /while loop|torch\.load/);
    assert.deepEqual(m.output.known ? m.output.shape : null, [2, 4, 4]);
  });
});

describe('schedules and comparisons the analysis cannot decide stay unknown', () => {
  it('a linspace schedule with a rate it does not know, or compared within float32\'s bound of its value: what the items choose is unknown', async () => {
    const m = await model(`${HEAD}RATE = float(os.environ.get("RATE", "0"))\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        dpr = [x.item() for x in torch.linspace(0, 0.1, 3)]\n        unk = [x.item() for x in torch.linspace(0, RATE, 3)]\n        self.a = nn.Linear(4, 4) if dpr[1] > 0. else nn.Identity()\n        self.b = nn.Linear(4, 4) if unk[1] > 0. else nn.Identity()\n        self.c = nn.Linear(4, 4) if dpr[0] > 0. else nn.Identity()\n        self.d = nn.Linear(4, 4) if dpr[1] != 0.05 else nn.Identity()\n        self.e = nn.Linear(4, 4) if dpr[2] < 0.1 else nn.Identity()\n\n    def forward(self, x):\n        return self.e(self.d(self.c(self.b(self.a(x)))))\n`);
    // Far from the threshold (0.05 > 0, the first step exactly 0): decided.
    assert.equal(layer(m, 'a').params, 20);
    assert.equal(layer(m, 'c').params, 0);
    // An attribute an undecided branch sets to different modules is not a layer with numbers.
    for (const k of ['b', 'd', 'e']) assert.ok(!m.layers.some((l) => l.path === k && l.params !== null), k);
    assert.equal(m.totalParams, null);
    assert.equal(m.output.known, false);
  });

  it('a list compared with a tuple, or with a value the analysis does not know: undecided', async () => {
    const m = await model(`${HEAD}N = int(os.environ.get("N", "2"))\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        stage = [nn.Linear(4, 4)]\n        self.a = nn.Linear(4, 4) if [1, 2] == (1, 2) else nn.Identity()\n        self.b = nn.Linear(4, 4) if stage == N else nn.Identity()\n        self.c = nn.Linear(4, 4) if [(1, 2)] != [[1, 2]] else nn.Identity()\n        self.d = nn.Linear(4, 4) if stage != 2 else nn.Identity()\n\n    def forward(self, x):\n        return self.d(self.c(self.b(self.a(x))))\n`);
    for (const k of ['a', 'b', 'c']) assert.ok(!m.layers.some((l) => l.path === k && l.params !== null), k);
    assert.equal(layer(m, 'd').params, 20);
    assert.equal(m.totalParams, null);
  });
});

describe('torch.jit bases', () => {
  it('a ScriptModule block with a setting the analysis does not know is unknown; other torch.jit bases stay unseen', async () => {
    const m = await model(`${HEAD}C = int(os.environ.get("C", "4"))\n\n\nclass B(torch.jit.ScriptModule):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, C)\n\n    @torch.jit.script_method\n    def forward(self, x):\n        return self.fc(x)\n\n\nclass R(torch.jit.RecursiveScriptModule):\n    def forward(self, x):\n        return x\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.b = B()\n        self.r = R()\n\n    def forward(self, x):\n        y = self.b(x)\n        z = self.r(x)\n        return x\n`);
    assert.equal(layer(m, 'b').params, null);
    assertUnknown(flow(m, 'y'), /not known|unknown/);
    assertUnknown(flow(m, 'z'), /RecursiveScriptModule/);
    assert.equal(m.totalParams, null);
  });
});

describe('layer calls under a condition the analysis cannot decide', () => {
  it('a layer called a different number of times, or with other shapes, on each side: every such call is unknown', async () => {
    const m = await model(`${HEAD}N = int(os.environ.get("N", "2"))\n\n\nclass M(nn.Module):\n    # input: (2, 3, 16, 16)\n    def __init__(self):\n        super().__init__()\n        self.pool = nn.MaxPool2d(2)\n        self.conv = nn.Conv2d(3, 3, 1)\n        self.act = nn.ReLU()\n\n    def forward(self, x):\n        if N > 2:\n            y = self.pool(x)\n            z = self.conv(x)\n        else:\n            y = self.pool(self.pool(x))\n            z = self.conv(y)\n        return self.act(x)\n`);
    for (const k of ['pool', 'conv']) {
      const l = layer(m, k);
      assert.ok(l.calls.length > 0, k);
      for (const c of l.calls) {
        assert.equal(c.output.known, false, k);
        if (!c.output.known) assert.match(c.output.reason.en, /called under a condition the analysis cannot decide/);
      }
    }
    assert.deepEqual(layer(m, 'act').calls.map((c) => c.output), [{ known: true, shape: [2, 3, 16, 16] }]);
  });
});

describe('is between numbers', () => {
  it('outside the small ints CPython caches, with a float, or with a value the analysis does not know: undecided', async () => {
    const m = await model(`${HEAD}N = int(os.environ.get("N", "2"))\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        big = 300\n        self.a = nn.Linear(4, 4) if big is 300 else nn.Identity()\n        self.b = nn.Linear(4, 4) if N is 2 else nn.Identity()\n        self.c = nn.Linear(4, 4) if 2.0 is 2 else nn.Identity()\n        self.d = nn.Linear(4, 4) if 2 is not 3 else nn.Identity()\n\n    def forward(self, x):\n        return self.d(self.c(self.b(self.a(x))))\n`);
    for (const k of ['a', 'b', 'c']) assert.ok(!m.layers.some((l) => l.path === k && l.params !== null), k);
    assert.equal(layer(m, 'd').params, 20);
    assert.equal(m.totalParams, null);
  });

  it('a layer put in place of another between two calls of the model (a re-parameterisation switch): its count and calls are unknown, the others stay', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.stem = nn.Conv2d(3, 8, 1)\n        self.body = nn.Conv2d(8, 16, 1, bias=False)\n        self.norm = nn.BatchNorm2d(16)\n\n    def fuse(self):\n        self.body = nn.Conv2d(8, 16, 1)\n        del self.norm\n        self.norm = nn.Identity()\n\n    def forward(self, x):\n        return self.norm(self.body(self.stem(x)))\n\n\nm = M()\nx = torch.zeros(2, 3, 4, 4)\na = m(x)\nm.fuse()\nb = m(x)\n`);
    assert.equal(layer(m, 'stem').params, 32);
    assert.deepEqual(layer(m, 'stem').calls.map((c) => c.output), [{ known: true, shape: [2, 8, 4, 4] }]);
    for (const path of ['body', 'norm']) {
      assert.equal(layer(m, path).params, null, path);
      assert.match(layer(m, path).paramsUnknown?.en ?? '', new RegExp(`self\\.${path} was replaced after M ran`), path);
      assert.equal(layer(m, path).calls[0]?.output.known, false, path);
    }
    assert.equal(m.totalParams, null);
  });

  it('a class defined inside a function is not the module\'s class of the same name: its build and call give that class nothing', async () => {
    const source = `${HEAD}class Block(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\ndef _other():\n    class Block(nn.Module):\n        def __init__(self, n):\n            super().__init__()\n            self.fc = nn.Linear(4, n)\n\n        def forward(self, x):\n            return self.fc(x)\n    return Block\n\n\nOtherBlock = _other()\nm = OtherBlock(3)\nout = m(torch.zeros(2, 4))\n`;
    const result = analyzeText(await testParsers(), source, 'python');
    const block = result.models.find((x) => x.name === 'Block')!;
    // PyTorch: the inner Block is Linear(4, 3) and gives [2, 3]; the module's Block is Linear(4, 4) and is never called.
    assert.deepEqual(block.inputs, []);
    assert.equal(layer(block, 'fc').params, 20);
    assert.ok(!result.models.some((x) => x.output.known && x.output.shape.join() === '2,4'), 'no [2, 4] output from the wrong class');
  });
});

describe('numpy\'s axis= in torch calls', () => {
  it('axis= where PyTorch refuses it (F.softmax, Tensor.split, flatten) or beside dim=: unknown, never the default dim', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 3, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 5)\n\n    def forward(self, x):\n        a = F.softmax(x, axis=1)\n        b = x.split(1, axis=1)\n        c = torch.flatten(x, axis=1)\n        d = x.sum(axis=1, dim=2)\n        e = x.sum(axis=1)\n        return self.fc(x)\n`);
    for (const name of ['a', 'b', 'c', 'd']) assertUnknown(flow(m, name), /does not take axis/);
    assert.deepEqual(flow(m, 'e').value, { known: true, shape: [2, 4] });
  });

  it('repeat_interleave by a tensor of unknown values, negative or float repeats, a dim out of range or an output_size that does not fit: unknown', async () => {
    const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 3, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 5)\n\n    def forward(self, x):\n        r = torch.load("r.pt")\n        a = x.repeat_interleave(r, dim=0)\n        b = x.repeat_interleave(-1, dim=1)\n        c = x.repeat_interleave(2.0, dim=1)\n        d = torch.repeat_interleave(x, 2, dim=3)\n        e = x.repeat_interleave(2, 1, output_size=7)\n        f = torch.repeat_interleave(torch.randint(0, 3, (3,)))\n        g = x.repeat_interleave(torch.randint(1, 4, (2,)), dim=0, output_size=5)\n        h = torch.repeat_interleave(torch.zeros(3).long())\n        return self.fc(x)\n`);
    assertUnknown(flow(m, 'a'), /torch\.load|unknown|not/);
    assertUnknown(flow(m, 'b'), /negative/);
    assertUnknown(flow(m, 'c'), /cannot read/);
    assertUnknown(flow(m, 'd'), /out of range/);
    assertUnknown(flow(m, 'e'), /output_size/);
    assertUnknown(flow(m, 'f'), /values/);
    assert.deepEqual(flow(m, 'g').value, { known: true, shape: [5, 3, 4] });
    // Repeats of known values (zeros: nothing repeated), as PyTorch gives: an empty result.
    assert.deepEqual(flow(m, 'h').value, { known: true, shape: [0] });
  });

  it('a norm layer the analysis does not know, tested with type(…) == functools.partial or isinstance: the bias it decides stays unknown', async () => {
    const m = await model(`${HEAD}import functools\n\n\ndef pick():\n    return torch.load("norm.pt")\n\n\nclass M(nn.Module):\n    # input: (2, 3, 8, 8)\n    def __init__(self, norm_layer=pick()):\n        super().__init__()\n        a = type(norm_layer) == functools.partial\n        b = isinstance(norm_layer, functools.partial)\n        self.c1 = nn.Conv2d(3, 4, 1, bias=a)\n        self.c2 = nn.Conv2d(4, 4, 1, bias=b)\n\n    def forward(self, x):\n        return self.c2(self.c1(x))\n`);
    assert.equal(layer(m, 'c1').params, null);
    assert.equal(layer(m, 'c2').params, null);
    assert.equal(m.totalParams, null);
  });

  it('re.search / re.match with a pattern or text the analysis does not read, or a group that is not there: unknown', async () => {
    const m = await model(`${HEAD}import re\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self, cfg=os.environ.get("CFG", "spade3")):\n        super().__init__()\n        a = int(re.search(r"(\\d)", cfg).group(1))\n        b = int(re.search(r"(?P<k>\\d)", "spade3").group(1))\n        c = int(re.match(r"(\\d)", "3").group(2))\n        d = int(re.search(r"(\\d)", "3", re.I).group(1))\n        e = int(re.search(r"(\\d)", "spade3").group(1))\n        self.fa = nn.Linear(4, a)\n        self.fe = nn.Linear(4, e)\n        self.fb = nn.Linear(4, b)\n        self.fc = nn.Linear(4, c)\n        self.fd = nn.Linear(4, d)\n\n    def forward(self, x):\n        return self.fa(x), self.fb(x), self.fc(x), self.fd(x)\n`);
    for (const name of ['fa', 'fb', 'fc', 'fd']) assert.equal(layer(m, name).params, null, name);
    assert.equal(layer(m, 'fe').params, 15);
  });
});

describe('a DataLoader over the script\'s own data', () => {
  const script = (loader: string, dataset = 'TensorDataset(torch.randn(10, 4))'): string =>
    `${HEAD}from torch.utils.data import DataLoader, Dataset, TensorDataset, random_split\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nclass Rows(Dataset):\n    def __init__(self, rows):\n        self.rows = rows\n\n    def __len__(self):\n        return len(self.rows)\n\n    def __getitem__(self, idx):\n        return self.rows[idx]\n\n\nnet = Net()\nds = ${dataset}\nfor (x,) in ${loader}:\n    net(x)\n`;
  const input = async (source: string): Promise<number[][]> => (await model(source, 'Net')).inputs;

  it('a dataset smaller than batch_size: the first batch is the whole dataset, none with drop_last=True, unknown when drop_last is not known', async () => {
    assert.deepEqual(await input(script('DataLoader(ds, batch_size=32)')), [[10, 4]]);
    assert.deepEqual(await input(script('DataLoader(ds, batch_size=8)')), [[8, 4]]);
    assert.deepEqual(await input(script('DataLoader(ds, batch_size=32, drop_last=True)')), []);
    assert.deepEqual(await input(script('DataLoader(ds, batch_size=32, drop_last=os.environ.get("DROP") == "1")')), []);
  });

  it('a batch_sampler, a collate_fn the analysis cannot run, or rows of different shapes: no input', async () => {
    assert.deepEqual(await input(script('DataLoader(ds, batch_sampler=torch.load("batches.pt"))')), []);
    assert.deepEqual(await input(script('DataLoader(ds, batch_size=4, collate_fn=torch.load("collate.pt"))')), []);
    assert.deepEqual(await input(script('DataLoader(ds, batch_size=4)', 'Rows([(torch.randn(4),), (torch.randn(5),)])')), []);
    assert.deepEqual(await input(script('DataLoader(ds, batch_size=4)', 'Rows(torch.load("rows.pt"))')), []);
  });

  it('loader options in a dict two branches built differently: a key neither adds is surely absent, until the dict is written to', async () => {
    const options = (after: string): string => script('DataLoader(ds, **kw)').replace('\nfor (x,)', `\nkw = {"batch_size": 32}\nif os.environ.get("WORKERS"):\n    kw.update({"num_workers": 2})\n${after}for (x,)`);
    assert.deepEqual(await input(options('')), [[10, 4]]);
    for (const write of ['kw["batch_size"] = 4\n', 'kw.update(drop_last=True)\n', 'kw.setdefault("collate_fn", torch.load("c.pt"))\n', 'del kw["batch_size"]\n']) {
      assert.deepEqual(await input(options(write)), [], write);
    }
    const maybeDrop = script('DataLoader(ds, **kw)').replace('\nfor (x,)', '\nkw = {"batch_size": 32}\nif os.environ.get("DROP"):\n    kw = {"batch_size": 32, "drop_last": True}\nfor (x,)');
    assert.deepEqual(await input(maybeDrop), []);
  });

  it('a dataset whose length is not known (random_split by fractions of it too): the first batch is batch_size, as for an image folder', async () => {
    const unsized = 'class Unsized(Dataset):\n    def __len__(self):\n        return int(os.environ["ROWS"])\n\n    def __getitem__(self, idx):\n        return (torch.randn(4),)\n\n\n';
    const source = script('DataLoader(random_split(ds, [0.5, 0.5])[0], batch_size=4)', 'Unsized()').replace('\n\nnet = Net()', `\n\n${unsized}net = Net()`);
    assert.deepEqual(await input(source), [[4, 4]]);
  });
});

describe('the PyTorch version in the code', () => {
  const sized = async (expr: string): Promise<number | null> => {
    const m = await model(`${HEAD}from packaging import version\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3 if ${expr} else 5)\n\n    def forward(self, x):\n        return self.fc(x)\n`);
    return layer(m, 'fc').params;
  };

  it('decided where every PyTorch from 1.13 on answers alike, as a version (packaging\'s parse too)', async () => {
    assert.equal(await sized('torch.__version__ >= "1.5.0"'), 15);
    assert.equal(await sized('torch.__version__ < "1.10"'), 25);
    assert.equal(await sized('version.parse(torch.__version__) >= version.parse("1.6")'), 15);
    assert.equal(await sized('version.parse("1.10") > version.parse("1.9")'), 15);
  });

  it('undecided where a newer PyTorch (or Debian\'s 1.13.0a0 pre-release) answers otherwise, or the version string is taken apart', async () => {
    for (const expr of ['torch.__version__ >= "2.0"', 'torch.__version__ >= "1.13"', 'torch.__version__ == "1.13.0"', 'int(torch.__version__.split(".")[1]) >= 13', 'torch.__version__[0] == "1"', 'str(torch.__version__) >= "1.5"', 'version.parse(torch.__version__) >= version.parse("1.13.0rc1")']) {
      assert.equal(await sized(expr), null, expr);
    }
  });
});

describe('sets and lists that took items the analysis cannot list', () => {
  const sized = async (setup: string, expr: string): Promise<number | null> => {
    const m = await model(`${HEAD}import json\n\n${setup}\n\n\nclass M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3 if ${expr} else 5)\n\n    def forward(self, x):\n        return self.fc(x)\n`);
    return layer(m, 'fc').params;
  };

  it('sets compare as sets: equal in any order', async () => {
    assert.equal(await sized('a = set("ab")\nb = {"b", "a"}', 'a == b'), 15);
    assert.equal(await sized('a = set("ab")\nb = {"b", "c"}', 'a != b'), 15);
  });

  it('equality and membership of one that took unread items are undecided', async () => {
    const setup = 'loaded = json.load(open("w.json"))\ns = {"a"}\ns.update(loaded)\nl = ["a"]\nl.extend(loaded)';
    for (const expr of ['s == {"a"}', '"b" in s', 'l == ["a"]', '"b" in l', 'len(s) == 1', 'len(l) > 0']) assert.equal(await sized(setup, expr), null, expr);
  });
});

describe('image folders: the photos\' size is unknown until a transform fixes it', () => {
  const inputOf = async (transforms: string): Promise<number[][]> => {
    const m = await model(`${HEAD}from torchvision import datasets, transforms\nfrom torch.utils.data import DataLoader\n\n\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(3, 4, 3)\n\n    def forward(self, x):\n        return self.conv(x)\n\n\nphotos = datasets.ImageFolder("photos/", transform=transforms.Compose([${transforms}]))\nnet = M()\nfor x, _ in DataLoader(photos, batch_size=8):\n    net(x)\n`);
    return m.inputs;
  };

  it('Resize(n) keeps the aspect ratio of photos of unknown size: unknown, unless a crop or a (h, w) size follows (imageFolderCrop.py runs the crop in PyTorch)', async () => {
    assert.deepEqual(await inputOf('transforms.Resize(64), transforms.ToTensor()'), []);
    assert.deepEqual(await inputOf('transforms.ToTensor()'), []);
    assert.deepEqual(await inputOf('transforms.Resize(64), transforms.CenterCrop(56), transforms.ToTensor()'), [[8, 3, 56, 56]]);
    assert.deepEqual(await inputOf('transforms.Resize((40, 30)), transforms.ToTensor()'), [[8, 3, 40, 30]]);
    assert.deepEqual(await inputOf('transforms.RandomResizedCrop(32), transforms.Grayscale(), transforms.ToTensor()'), [[8, 1, 32, 32]]);
  });
});

describe('getattr with a default', () => {
  const outFeatures = async (setup: string, arg: string): Promise<number | null> => {
    const m = await model(`${HEAD}import argparse\n\n${setup}\n\n\nclass M(nn.Module):\n    # input: (2, 8)\n    def __init__(self, args=None):\n        super().__init__()\n        self.fc = nn.Linear(8, getattr(${arg}, "hidden", 2))\n\n    def forward(self, x):\n        return self.fc(x)\n`);
    return layer(m, 'fc').params;
  };

  it('of an object the analysis cannot see into (fairseq\'s getattr(args, "hidden", 2)), or whose class may hold the name: unknown, never the default (probes 26d)', async () => {
    assert.equal(await outFeatures('from fairseq_like.options import ARGS', 'ARGS'), null);
    assert.equal(await outFeatures('import pickle\nCFG = pickle.load(open("cfg.pkl", "rb"))', 'CFG'), null);
    assert.equal(await outFeatures('class Cfg:\n    def __getattr__(self, name):\n        return 5', 'Cfg()'), null);
  });

  it('of an object that surely lacks the name: the default, as Python gives it', async () => {
    assert.equal(await outFeatures('class Cfg:\n    depth = 3', 'Cfg()'), 8 * 2 + 2);
    assert.equal(await outFeatures('NS = argparse.Namespace(depth=3)', 'NS'), 8 * 2 + 2);
    assert.equal(await outFeatures('NS = argparse.Namespace(hidden=6)', 'NS'), 8 * 6 + 6);
  });
});

describe('optional packages', () => {
  it('a flag set True after importing a package and False when the import fails picks sizes the analysis cannot know (whether apex is installed): unknown, never the installed path (probes 26d)', async () => {
    const flagged = (handler: string): string => `${HEAD}try:\n    import apex\n    APEX = True\nexcept ImportError:\n    ${handler}\n\n\nclass M(nn.Module):\n    # input: (2, 8)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 16 if APEX else 4)\n\n    def forward(self, x):\n        return self.fc(x)\n`;
    assert.equal(layer(await model(flagged('APEX = False')), 'fc').params, null);
    // A handler that only reports leaves the body's path (the code cannot run without the package).
    assert.equal(layer(await model(flagged('raise')), 'fc').params, 8 * 16 + 16);
  });

  it('the flag set in the try\'s else, or returned by a function (`def has_apex(): … return True / except ImportError: return False`): undecided too (probes 26d)', async () => {
    const net = (setup: string, cond: string): string => `${HEAD}${setup}\n\n\nclass M(nn.Module):\n    # input: (2, 8)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 16 if ${cond} else 4)\n\n    def forward(self, x):\n        return self.fc(x)\n`;
    assert.equal(layer(await model(net('try:\n    import apex\nexcept ImportError:\n    APEX = False\nelse:\n    APEX = True', 'APEX')), 'fc').params, null);
    assert.equal(layer(await model(net('def has_apex():\n    try:\n        import apex\n        return True\n    except ImportError:\n        return False', 'has_apex()')), 'fc').params, null);
  });
});

describe('errors PyTorch raises inside a try', () => {
  const tried = (body: string, handler: string, fallback: string, input = '(5, 2, 8)'): string => `${HEAD}class M(nn.Module):\n    # input: ${input}\n    def __init__(self):\n        super().__init__()\n        try:\n            self.layer = ${body}\n        except ${handler}:\n            self.layer = ${fallback}\n\n    def forward(self, x):\n        out = self.layer(x)\n        return out[0] if isinstance(out, tuple) else out\n`;

  it('settings the layer refuses: the handler builds another layer — never the refused one\'s numbers, never an error the code handles (probes 26d)', async () => {
    // (Under `except AssertionError:` the refusal may be another error, which the constructor would
    // raise: an instance that exists took the handler's path all the same.)
    for (const handler of ['AssertionError', 'Exception']) {
      const m = await model(tried('nn.MultiheadAttention(8, 3)', handler, 'nn.MultiheadAttention(8, 2, bias=False)'));
      assert.deepEqual(m.layers.filter((l) => l.params !== null && l.path.startsWith('layer.out_proj')).map((l) => l.params), [64], handler);
      assert.equal(m.totalParams === null || m.totalParams === 256, true, `${handler}: ${m.totalParams}`);
    }
  });

  it('a device or dtype PyTorch refuses (`device="gpu"`, `dtype="float32"`): the handler catching that error builds the fallback; outside a try, no numbers (probes 26d)', async () => {
    const cases: [string, string][] = [['device="gpu"', 'RuntimeError'], ['dtype="float32"', 'TypeError'], ['device="nowhere"', 'Exception']];
    for (const [kw, handler] of cases) {
      const m = await model(tried(`nn.Linear(8, 4, ${kw})`, handler, 'nn.Linear(8, 6)', '(2, 8)'));
      assert.equal(m.totalParams, 8 * 6 + 6, kw);
    }
    const plain = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 8)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 4, device="gpu")\n\n    def forward(self, x):\n        return self.fc(x)\n`);
    assert.equal(plain.totalParams, null);
  });

  it('an operation PyTorch refuses inside a try (a matmul of mismatched sizes) raises there: the handler\'s layer is the one built; a strided padding="same" conv is refused when made (probes 26d)', async () => {
    const m = await model(tried('nn.Linear(8, 4)\n            torch.zeros(2, 3) @ torch.zeros(4, 2)', 'RuntimeError', 'nn.Linear(8, 5)', '(2, 8)'));
    assert.equal(m.totalParams, 8 * 5 + 5);
    const conv = await model(`${HEAD}class M(nn.Module):\n    # input: (1, 3, 8, 8)\n    def __init__(self):\n        super().__init__()\n        self.c = nn.Conv2d(3, 3, 3, stride=2, padding="same")\n\n    def forward(self, x):\n        return self.c(x)\n`);
    assert.equal(conv.totalParams, null);
  });

  it('a shape error in a forward inside a try that catches RuntimeError is not reported; a size below zero is no shape', async () => {
    const src = `${HEAD}class M(nn.Module):\n    # input: (2, 8)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(6, 2)\n        self.neg = nn.Linear(8, -1)\n\n    def forward(self, x):\n        try:\n            return self.fc(x)\n        except RuntimeError:\n            return self.neg(x)\n`;
    const result = analyzeText(await testParsers(), src, 'python', {});
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en), []);
    const m = result.models.find((x) => x.name === 'M')!;
    assert.equal(layer(m, 'neg').output.known, false);
  });
});

describe('layers a forward makes on its first call', () => {
  it('without an input the forward does not run here: the total is unknown, never the constructor\'s alone; with one it counts them (probes 26d)', async () => {
    const src = (input: string): string => `${HEAD}class M(nn.Module):\n    ${input}\n    def __init__(self):\n        super().__init__()\n        self.fc = None\n        self.out = nn.Linear(4, 2)\n\n    def forward(self, x):\n        if self.fc is None:\n            self.fc = nn.Linear(x.shape[1], 4)\n        return self.out(self.fc(x))\n`;
    const none = await model(src('pass'));
    assert.equal(none.totalParams, null);
    assert.match(none.totalParamsUnknown?.en ?? '', /forward makes layers on its first call/);
    assert.equal((await model(src('# input: (3, 7)'))).totalParams, 7 * 4 + 4 + 4 * 2 + 2);
  });
});

describe('a model run through another method', () => {
  it('a layer put in place of another between two runs of the method: unknown, as between two forward calls (probes 26e)', async () => {
    const src = `${HEAD}class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 4)\n\n    def encode(self, x):\n        return self.fc(x)\n\n\nnet = M()\nz1 = net.encode(torch.zeros(2, 8))\nnet.fc = nn.Linear(8, 6)\nz2 = net.encode(torch.zeros(3, 8))\n`;
    const m = analyzeText(await testParsers(), src, 'python', {}).models.find((x) => x.name === 'M')!;
    assert.equal(m.inputMethod, 'encode');
    assert.equal(layer(m, 'fc').output.known, false);
  });

  it('a layer removed with `self.__delattr__(name)` and put back as another after a run (RepMLP\'s switch_to_deploy, round 35d): unknown, said why', async () => {
    const src = `${HEAD}class Rep(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.avg = nn.Sequential(nn.AvgPool2d(4), nn.BatchNorm2d(8))\n        self.fc = nn.Linear(32, 32)\n\n    def switch_to_deploy(self):\n        self.__delattr__('avg')\n        self.avg = nn.AvgPool2d(4)\n\n    def forward(self, x):\n        return self.fc(self.avg(x).reshape(-1, 32))\n\n\nm = Rep()\ny = m(torch.randn(3, 8, 8, 8))\nm.switch_to_deploy()\ny = m(torch.randn(3, 8, 8, 8))\n`;
    const m = analyzeText(await testParsers(), src, 'python', {}).models.find((x) => x.name === 'Rep')!;
    assert.equal(m.totalParams, null);
    assert.match(m.totalParamsUnknown?.en ?? '', /self\.avg was replaced after Rep ran/);
  });
});

describe('a starred argument the analysis cannot list (round 35a: a conv VAE\'s torch.zeros(1, *shape))', () => {
  it('a size, dims or settings behind the star are unknown: no rank or shape from the listed part alone, no false error', async () => {
    const calls = ['torch.zeros(1, *shape)', 'torch.ones(2, *shape)', 'torch.randn(*shape, 3)', 'torch.zeros(2, 3).sum(*shape)', 'torch.zeros(2, 3).mean(*shape)', 'torch.zeros(2, 3).flatten(*shape)', 'torch.zeros(1, 2, 3).squeeze(*shape)', 'torch.zeros(2, 3).std(*shape)', 'torch.sum(torch.zeros(2, 3), *shape)', 'torch.flatten(torch.zeros(2, 3), *shape)'];
    for (const call of calls) {
      const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 4)\n    def __init__(self, shape):\n        super().__init__()\n        self.fc = nn.Linear(4, 4 + ${call}.dim())\n\n    def forward(self, x):\n        return self.fc(x)\n`);
      assert.equal(layer(m, 'fc').params, null, call);
      assert.equal(m.output.known, false, call);
    }
    // A builtin too: `round(2.5, *digits)` is 2 only when digits is empty (else 2.5, a TypeError in Linear).
    for (const width of ['round(2.5, *shape)', 'max(4, *shape)', 'min(*shape, 9)']) {
      const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 4)\n    def __init__(self, shape):\n        super().__init__()\n        self.fc = nn.Linear(4, ${width})\n\n    def forward(self, x):\n        return self.fc(x)\n`);
      assert.equal(layer(m, 'fc').params, null, width);
    }
    const conv = await model(`${HEAD}class M(nn.Module):\n    def __init__(self, shape):\n        super().__init__()\n        self.conv = nn.Conv2d(3, 8, 3)\n        self.fc = nn.Linear(int(self.conv(torch.zeros(1, *shape)).numel()), 2)\n\n    def forward(self, x):\n        return self.fc(self.conv(x).flatten(1))\n`);
    assert.equal(layer(conv, 'fc').params, null);
  });

  it('a call whose arguments never change the shape keeps it (`x.softmax(*a)`, `x.to(*a)`, `x.roll(*a)`)', async () => {
    for (const call of ['torch.zeros(2, 3).softmax(*shape)', 'torch.zeros(2, 3).to(*shape)', 'torch.zeros(2, 3).roll(*shape)', 'F.softmax(torch.zeros(2, 3), *shape)']) {
      const m = await model(`${HEAD}class M(nn.Module):\n    # input: (2, 4)\n    def __init__(self, shape):\n        super().__init__()\n        self.fc = nn.Linear(4, 4 + ${call}.dim())\n\n    def forward(self, x):\n        return self.fc(x)\n`);
      assert.equal(layer(m, 'fc').params, 30, call);
    }
  });
});

describe('a tensor given another shape in place where another name holds it (round 36h probes)', () => {
  const forward = (body: string): string => `${HEAD}class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.l = nn.Linear(2, 5)\n\n    def forward(self, x):\n${body}\n\n\nm = M()\ny = m(torch.zeros(2, 6))\n`;
  it('an alias, a helper\'s argument, a list item, a bound method, the class\'s unbound method: unknown, no false error (PyTorch: each reads the new shape)', async () => {
    const bodies = [
      '        y = x.clone()\n        z = y\n        y.t_()\n        return self.l(z)',
      '        y = x.clone()\n        flip(y)\n        return self.l(y)',
      '        y = x.clone()\n        for t in [y]:\n            t.t_()\n        return self.l(y)',
      '        y = x.clone()\n        r = y.t_\n        r()\n        return self.l(y)',
      '        y = x.clone()\n        torch.Tensor.t_(y)\n        return self.l(y)',
      '        y = x.clone()\n        type(y).t_(y)\n        return self.l(y)',
      // `contiguous()` / `float()` of a tensor that already is one give it back: x turns too.
      '        y = x.contiguous()\n        y.t_()\n        return self.l(x.t())',
      '        y = x.float()\n        x.t_()\n        return self.l(y.t())',
    ];
    for (const body of bodies) {
      const src = forward(body).replace('class M(', 'def flip(t):\n    t.t_()\n\n\nclass M(');
      const r = analyzeText(await testParsers(), src, 'python');
      const m = r.models.find((x) => x.name === 'M')!;
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en), [], body);
      assert.equal(m.output.known, false, body);
    }
  });

  it('the name the call is made on takes the new shape; a clone or a detached tensor is another tensor (PyTorch: [6, 5] and [2, 5])', async () => {
    const m = analyzeText(await testParsers(), forward('        y = x.clone()\n        y.t_()\n        return self.l(y)'), 'python').models.find((x) => x.name === 'M')!;
    assert.deepEqual(m.output.known ? m.output.shape : null, [6, 5]);
    for (const made of ['x.clone()', 'x.detach()']) {
      const other = analyzeText(await testParsers(), forward(`        y = ${made}\n        y.t_()\n        return self.l(x.t())`), 'python').models.find((x) => x.name === 'M')!;
      assert.deepEqual(other.output.known ? other.output.shape : null, [6, 5], made);
    }
  });
});

describe('str.zfill / ljust / rjust / center in the names and sizes code computes (round 39a: `setattr(self, "block" + str(i).zfill(2), …)`)', () => {
  it('names and sizes as Python makes them (PyTorch 1.13: block01 [2, 6], head [2, 2], 130 parameters; "ab".center(5, "*") is "**ab*")', async () => {
    const src = `${HEAD}class Stack(nn.Module):\n    def __init__(self, n=3):\n        super().__init__()\n        for i in range(n):\n            setattr(self, "block" + str(i).zfill(2), nn.Linear(4 + i, 5 + i))\n        self.head = nn.Linear(len("ab".center(5, "*")) + len("-7".zfill(4)) + "**ab*".index("ab".center(5, "*")), 2)\n\n    def forward(self, x):\n        return self.block01(x), self.head(torch.zeros(x.shape[0], 9))\n\n\nm = Stack()\ny = m(torch.zeros(2, 5))\n`;
    const m = analyzeText(await testParsers(), src, 'python').models.find((x) => x.name === 'Stack')!;
    assert.deepEqual(m.layers.map((l) => [l.path, l.params]).sort(), [['block00', 25], ['block01', 36], ['block02', 49], ['head', 20]]);
    assert.deepEqual(m.outputs?.map((o) => (o.known ? o.shape : null)), [[2, 6], [2, 2]]);
    assert.equal(m.totalParams, 130);
  });
});
