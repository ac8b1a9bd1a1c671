// Constructs first met in public model code the corpus had not seen (issue 11): the known cases are
// checked against PyTorch in test/fixtures/pytorch/listMutation.py; here, what must stay unknown.
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/analysis/analyze';
import type { ModelInfo } from '../../src/analysis/types';
import { join } from 'node:path';
import { FIXTURES, assertUnknown, fixtureWorkspace, flowStep, layerAt as layer, pythonModel as model, read, testParsers } from './analysisSupport';

const HEAD = 'import torch\nimport torch.nn as nn\n\n\n';

describe('code the corpus had not seen: unknown, never a guessed number', () => {
  it('torch.distributions calls PyTorch refuses (round 23e W8): unknown, never a shape', async () => {
    const source = `${HEAD}from torch.distributions import Bernoulli, Categorical, MultivariateNormal, Normal\n\n\nclass Net(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n\n    def forward(self, x):\n        h = self.fc(x)\n        a = Categorical(logits=h).rsample()\n        b = Normal(h, torch.ones(3)).log_prob(0.0)\n        c = MultivariateNormal(h, torch.eye(3)).log_prob(torch.zeros(2, 4))\n        d = Bernoulli(probs=torch.sigmoid(h), logits=h).sample()\n        e = Categorical(logits=h).cdf(torch.zeros(2))\n        return h\n`;
    const m = analyzeText(await testParsers(), source, 'python').models.find((x) => x.name === 'Net')!;
    for (const name of ['a', 'b', 'c', 'd', 'e']) assertUnknown(flowStep(m, name), /not implemented|not known|event shape|parameters/);
  });

  it('bias= of LayerNorm / TransformerEncoderLayer (PyTorch 2.1; 1.13 refuses it): counts unknown, never the default (round 23e W7)', async () => {
    const source = `${HEAD}class Net(nn.Module):\n    # input: (2, 5, 8)\n    def __init__(self):\n        super().__init__()\n        self.n = nn.LayerNorm(8, bias=False)\n        self.t = nn.TransformerEncoderLayer(8, 2, 16, bias=False)\n\n    def forward(self, x):\n        return self.t(self.n(x))\n`;
    const m = analyzeText(await testParsers(), source, 'python').models.find((x) => x.name === 'Net')!;
    assert.equal(layer(m, 'n').params, null);
    assert.equal(m.totalParams, null);
  });

  it('an imaginary literal (2j) is no real number: a size that compares or tests it is unknown, not 2 (probes round 23e W4)', async () => {
    const source = `${HEAD}import numbers\n\n\nclass Net(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(4, 5 if 1j == 1 else 6)\n        self.b = nn.Linear(4, 2 if isinstance(2j, numbers.Real) else 3)\n\n    def forward(self, x):\n        return self.a(x), self.b(x)\n`;
    const m = analyzeText(await testParsers(), source, 'python').models.find((x) => x.name === 'Net')!;
    assert.equal(layer(m, 'a').params, null);
    assert.equal(layer(m, 'b').params, null);
  });

  it('nn.init.uniform_(w, 1.0, 0.02) in a constructor: PyTorch refuses a > b, so the model is never built: no count, no shape (corpus 24a: Synthetic2Realistic)', async () => {
    const source = `${HEAD}from torch.nn import init\n\n\nclass Net(nn.Module):\n    # input: (2, 16, 4, 4)\n    def __init__(self):\n        super().__init__()\n        self.bn = nn.BatchNorm2d(16)\n        init.uniform_(self.bn.weight, 1.0, 0.02)\n\n    def forward(self, x):\n        return self.bn(x)\n`;
    const m = analyzeText(await testParsers(), source, 'python').models.find((x) => x.name === 'Net')!;
    assert.equal(m.totalParams, null);
    assert.equal(m.output.known, false);
    const fine = analyzeText(await testParsers(), source.replace('1.0, 0.02', '0.98, 1.02'), 'python').models.find((x) => x.name === 'Net')!;
    assert.equal(fine.totalParams, 32);
  });

  it('nn.GroupNorm(3, 8): PyTorch refuses the layer (8 channels do not split into 3 groups), so no count and an error', async () => {
    const source = `${HEAD}class Net(nn.Module):\n    # input: (2, 8, 5)\n    def __init__(self):\n        super().__init__()\n        self.norm = nn.GroupNorm(3, 8)\n\n    def forward(self, x):\n        return self.norm(x)\n`;
    const result = analyzeText(await testParsers(), source, 'python');
    const m = result.models.find((x) => x.name === 'Net')!;
    assert.equal(layer(m, 'norm').params, null);
    assert.equal(m.totalParams, null);
    assert.ok(result.diagnostics.some((d) => d.severity === 'error' && /must be divisible by num_groups 3/.test(d.message.en)), JSON.stringify(result.diagnostics.map((d) => d.message.en)));
  });

  it('a class nothing builds, with a required argument: its defaults are not assumed either (WideResNet(depth, num_classes, widen_factor=1))', async () => {
    const m = await model(`${HEAD}class W(nn.Module):\n    def __init__(self, depth, num_classes, widen_factor=1):\n        super().__init__()\n        self.bn = nn.BatchNorm2d(64 * widen_factor)\n        self.fixed = nn.BatchNorm2d(16)\n\n    def forward(self, x):\n        return self.bn(x)\n`, 'W');
    assert.equal(layer(m, 'bn').params, null);
    assert.equal(layer(m, 'fixed').params, 32);
  });

  it('the same class built by the file: its defaults hold', async () => {
    const m = await model(`${HEAD}class W(nn.Module):\n    def __init__(self, depth, num_classes, widen_factor=1):\n        super().__init__()\n        self.bn = nn.BatchNorm2d(64 * widen_factor)\n\n    def forward(self, x):\n        return self.bn(x)\n\n\nm = W(28, 10)\n`, 'W');
    assert.equal(layer(m, 'bn').params, 128);
  });

  it('a class built only in code the analysis has not run (a trainer class\'s __init__): the arguments that call gives are unknown, the others keep their defaults', async () => {
    // As a public GAN collection writes it: `self.G = generator(input_dim=self.z_dim, input_size=self.input_size)`.
    const src = `${HEAD}class generator(nn.Module):\n    def __init__(self, input_dim=100, output_dim=1, input_size=32, width=8):\n        super().__init__()\n        self.fc = nn.Linear(input_dim, 16 * (input_size // 4))\n        self.out = nn.Linear(16, output_dim)\n        self.side = nn.Linear(width, 2)\n\n    def forward(self, x):\n        return self.out(x)\n\n\nclass GAN(object):\n    def __init__(self, args):\n        self.z_dim = 62\n        self.G = generator(input_dim=self.z_dim, output_dim=1, input_size=args.input_size)\n`;
    const m = await model(src, 'generator');
    const fc = layer(m, 'fc');
    assert.equal(fc.params, null);
    assert.equal(m.totalParams, null);
    assert.equal(layer(m, 'out').params, 17, 'output_dim=1 is its default written again');
    assert.equal(layer(m, 'side').params, 18, 'width is not given there: its default holds');
  });

  it('a class a workspace script builds from a module it imports at run time (`importlib.import_module(args.model).get_model(…)`): those arguments are unknown too', async () => {
    const files: Record<string, string> = {
      '/ws/models/pointnet_cls.py': `${HEAD}class get_model(nn.Module):\n    def __init__(self, k=40, normal_channel=True):\n        super().__init__()\n        self.conv1 = nn.Conv1d(6 if normal_channel else 3, 64, 1)\n        self.fc = nn.Linear(64, k)\n        self.bn = nn.BatchNorm1d(64)\n\n    def forward(self, x):\n        return self.fc(self.conv1(x).max(2)[0])\n`,
      '/ws/train.py': "import argparse\nimport importlib\n\nparser = argparse.ArgumentParser()\nparser.add_argument('--model', default='pointnet_cls')\nparser.add_argument('--use_normals', action='store_true')\nargs = parser.parse_args()\nmodel = importlib.import_module(args.model)\nclassifier = model.get_model(10, normal_channel=args.use_normals)\n",
    };
    const file = '/ws/models/pointnet_cls.py';
    const workspace = { fileName: file, root: '/ws', readFile: (p: string) => files[p], listFiles: (ext: string) => Object.keys(files).filter((p) => p.endsWith(ext)) };
    const result = analyzeText(await testParsers(), files[file]!, 'python', { workspace }, file);
    const m = result.models.find((x) => x.name === 'get_model');
    assert.ok(m);
    assert.equal(layer(m, 'conv1').params, null);
    assert.equal(layer(m, 'fc').params, null);
    assert.equal(layer(m, 'bn').params, 128);
  });

  it('`name is "features"` over `_modules.items()`: a child named by attribute syntax is interned as the literal is, so its layers run (corpus 25a, a YOLOv4 feature extractor; childNameIdentity.py runs in PyTorch)', async () => {
    const file = join(FIXTURES, 'pytorch', 'childNameIdentity.py');
    const result = analyzeText(await testParsers(), read(file), 'python', { workspace: fixtureWorkspace(file) }, file);
    const m = result.models.find((x) => x.name === 'FeatureExtractor');
    assert.ok(m);
    assert.deepEqual(layer(m, 'submodule.features.2').calls.map((c) => (c.output.known ? c.output.shape : null)), [[1, 16, 32, 32]]);
    // The child added under a name built at run time is another string object: never run.
    assert.equal(layer(m, 'submodule.header').calls.length, 0);
  });

  it('`from helpers import *` where helpers imports torch.nn as nn too, and names a local `nn` inside a method, or star-imports a settings file: the file\'s nn is unchanged (corpus 25a, segan; 41b); helpers (or the file they star-import) binding nn otherwise at its top level still may replace it', async () => {
    const block = 'class Block(nn.Module):\n    def __init__(self, c):\n        super().__init__()\n        self.conv = nn.Conv1d(c, c, 3, padding=1)\n\n    def forward(self, x):\n        return self.conv(x)\n';
    const user = `${HEAD}from helpers import *\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.b = Block(4)\n        self.fc = nn.Linear(8, 2)\n\n    def forward(self, x):\n        return self.fc(self.b(x))\n\n\nnet = Net()\nnet(torch.zeros(2, 4, 8))\n`;
    const run = async (helpers: string, config = 'settings = {"lr": 0.1}\n'): Promise<number | null> => {
      const files: Record<string, string> = { '/ws/helpers.py': helpers, '/ws/m.py': user, '/ws/config.py': config };
      const workspace = { fileName: '/ws/m.py', root: '/ws', readFile: (p: string) => files[p], listFiles: (ext: string) => Object.keys(files).filter((p) => p.endsWith(ext)) };
      const result = analyzeText(await testParsers(), user, 'python', { workspace }, '/ws/m.py');
      return result.models.find((x) => x.name === 'Net')?.totalParams ?? null;
    };
    const local = 'def count(m):\n    nn = 0\n    for _ in m.parameters():\n        nn += 1\n    return nn\n';
    assert.equal(await run(`import torch.nn as nn\n\n\n${block}\n\n${local}`), 70);
    assert.equal(await run(`import torch.nn as nn\n\n\n${block}\n\ntry:\n    import apex.nn as nn\nexcept ImportError:\n    pass\n`), null);
    // helpers' own star import of a settings file (round 41b: woshicqy HW3) leaves nn the library; one binding nn may replace it.
    assert.equal(await run(`import torch.nn as nn\nfrom config import *\n\n\n${block}`), 70);
    assert.equal(await run(`import torch.nn as nn\nfrom config import *\n\n\n${block}`, 'import apex.nn as nn\n'), null);
  });

  it('another file\'s constants changed after they are bound: `consts.A = 4` from the importing file is the new value; a function setting them as `global`, `globals()[…] =`, or another imported module\'s top level setting them, leaves them unknown (probes 25d)', async () => {
    const files: Record<string, string> = {
      '/ws/consts.py': 'A, B = 8, 16\n',
      '/ws/consts_g.py': 'A, B = 8, 16\n\n\ndef setup():\n    global A\n    A = 6\n\n\nsetup()\n',
      '/ws/consts_d.py': 'A = 8\nB = 16\nglobals()["A"] = 5\n',
      '/ws/consts_s.py': 'A, B = 8, 16\n',
      '/ws/side.py': 'import consts_s\n\nconsts_s.A = 3\n',
      '/ws/model.py': `${HEAD}import consts\nimport consts_g\nimport consts_d\nimport consts_s\nimport side\n\nconsts.A = 4\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(consts.A, consts.B)\n        self.g = nn.Linear(consts_g.A, 2)\n        self.d = nn.Linear(consts_d.A, 2)\n        self.s = nn.Linear(consts_s.A, 2)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nm = Net()\nm(torch.zeros(2, 4))\n`,
    };
    const file = '/ws/model.py';
    const workspace = { fileName: file, root: '/ws', readFile: (p: string) => files[p], listFiles: (ext: string) => Object.keys(files).filter((p) => p.endsWith(ext)) };
    const result = analyzeText(await testParsers(), files[file]!, 'python', { workspace }, file);
    const m = result.models.find((x) => x.name === 'Net');
    assert.ok(m);
    assert.equal(layer(m, 'fc').params, 80);
    assert.equal(layer(m, 'g').params, null);
    assert.equal(layer(m, 'd').params, null);
    assert.equal(layer(m, 's').params, null);
    assert.equal(result.diagnostics.filter((d) => d.severity === 'error').length, 0);
  });

  it('a script running its builder through `fire.Fire(demo)`: Python Fire calls it with its defaults, so the model is built with them (corpus 25e, efficient_densenet_pytorch)', async () => {
    const net = `${HEAD}class Net(nn.Module):\n    def __init__(self, block_config=(2, 2, 2), width=8):\n        super().__init__()\n        layers = []\n        c = 3\n        for n in block_config:\n            for _ in range(n):\n                layers.append(nn.Conv2d(c, width, 3, padding=1))\n                c = width\n        self.features = nn.Sequential(*layers)\n        self.classifier = nn.Linear(c, 10)\n\n    def forward(self, x):\n        return self.classifier(self.features(x).mean((2, 3)))\n`;
    const demo = "import fire\nfrom net import Net\n\n\ndef demo(depth=10, width=12):\n    block_config = [(depth - 4) // 6 for _ in range(3)]\n    return Net(block_config=block_config, width=width)\n\n\nif __name__ == '__main__':\n    fire.Fire(demo)\n";
    const files: Record<string, string> = { '/ws/net.py': net, '/ws/demo.py': demo };
    const workspace = { fileName: '/ws/net.py', root: '/ws', readFile: (p: string) => files[p], listFiles: (ext: string) => Object.keys(files).filter((p) => p.endsWith(ext)) };
    const result = analyzeText(await testParsers(), net, 'python', { workspace }, '/ws/net.py');
    const m = result.models.find((x) => x.name === 'Net');
    assert.ok(m);
    assert.equal(layer(m, 'classifier').params, 12 * 10 + 10);
    assert.equal(m.totalParams, 3 * 9 * 12 + 12 + 2 * (12 * 9 * 12 + 12) + 130);
  });

  it('constants another file binds by unpacking (`PAD, BOS, EOS = 0, 1, 2`) read as each item; a swap or a name assigned again stays unknown (corpus 25b)', async () => {
    const files: Record<string, string> = {
      '/ws/src/consts.py': 'PAD, BOS, EOS = 0, 1, 2\nWIDTH, DEPTH = 32, 2\nA, B = 1, 2\nA, B = B, A\n',
      '/ws/src/__init__.py': '',
      '/ws/train.py': `${HEAD}from src.consts import PAD, EOS, WIDTH, A\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.emb = nn.Embedding(100, WIDTH)\n        self.out = nn.Linear(WIDTH, 100 + EOS)\n        self.side = nn.Linear(4, A)\n\n    def forward(self, src, pad_id=0):\n        return self.out(self.emb(src)) * (src != pad_id).unsqueeze(-1)\n\n\nmodel = Net()\nmodel(torch.randint(3, 100, (64, 16)), pad_id=PAD)\n`,
    };
    const file = '/ws/train.py';
    const workspace = { fileName: file, root: '/ws', readFile: (p: string) => files[p], listFiles: (ext: string) => Object.keys(files).filter((p) => p.endsWith(ext)) };
    const result = analyzeText(await testParsers(), files[file]!, 'python', { workspace }, file);
    const m = result.models.find((x) => x.name === 'Net');
    assert.ok(m);
    assert.deepEqual(m.inputs, [[64, 16]]);
    assert.deepEqual(layer(m, 'out').calls.map((c) => (c.output.known ? c.output.shape : null)), [[64, 16, 102]]);
    assert.equal(layer(m, 'emb').params, 3200);
    assert.equal(layer(m, 'side').params, null);
  });

  it('a class a workspace script builds in code it never reaches (a lambda in a dict of models): those arguments are unknown too', async () => {
    const files: Record<string, string> = {
      '/ws/pspnet.py': `${HEAD}class PSPNet(nn.Module):\n    def __init__(self, n_classes=18, psp_size=2048):\n        super().__init__()\n        self.psp = nn.Conv2d(psp_size, 64, 1)\n        self.final = nn.Conv2d(64, n_classes, 1)\n\n    def forward(self, x):\n        return self.final(self.psp(x))\n`,
      '/ws/train.py': "from pspnet import PSPNet\n\nmodels = {\n    'resnet18': lambda: PSPNet(psp_size=512),\n}\n",
    };
    const file = '/ws/pspnet.py';
    const workspace = { fileName: file, root: '/ws', readFile: (p: string) => files[p], listFiles: (ext: string) => Object.keys(files).filter((p) => p.endsWith(ext)) };
    const result = analyzeText(await testParsers(), files[file]!, 'python', { workspace }, file);
    const m = result.models.find((x) => x.name === 'PSPNet');
    assert.ok(m);
    const psp = layer(m, 'psp');
    assert.equal(psp.params, null);
    assert.equal(layer(m, 'final').params, 64 * 18 + 18);
  });

  it('list.sort() of values it cannot order, or with a key giving them, and remove() of a value it cannot compare: the items are unknown (a key it can run sorts)', async () => {
    const m = await model(`${HEAD}class S(nn.Module):\n    def __init__(self, widths=[8, 4], n=None):\n        super().__init__()\n        a = [4, 8]\n        a.sort(key=lambda v: -v)\n        b = [8, 4]\n        b.remove(n)\n        c = [4, 8]\n        c.sort(key=lambda v: n)\n        self.fa = nn.Linear(a[0], 2)\n        self.fb = nn.Linear(b[0], 2)\n        self.fc = nn.Linear(c[0], 2)\n\n    def forward(self, x):\n        return x\n`, 'S');
    assert.equal(layer(m, 'fa').params, 18);
    assert.equal(layer(m, 'fb').params, null);
    assert.equal(layer(m, 'fc').params, null);
  });

  it('torch.empty(size=…) with sizes it cannot read, or with no size at all: unknown, never a 0-d tensor', async () => {
    const m = await model(`${HEAD}import os\n\n\nclass P(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.w = nn.Parameter(torch.empty(size=(int(os.environ["N"]), 4)))\n        self.v = nn.Parameter(torch.empty(dtype=torch.float32))\n\n    def forward(self, x):\n        return x\n`, 'P');
    assert.equal(m.totalParams, null);
  });
  it('a constructor the analysis stops inside (its step budget spent) is not a whole module: the total is unknown, never the part built so far', async () => {
    // attention-is-all-you-need's PositionalEncoding-style table built in nested Python loops.
    // A while loop of 4,000 rounds, each a short for loop: more steps than the budget in all.
    const src = `${HEAD}class P(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.emb = nn.Embedding(10, 4)\n        t = 0\n        i = 0\n        while i < 4000:\n            for j in range(60):\n                t += j * i\n            i += 1\n        self.lin = nn.Linear(4, 4)\n\n    def forward(self, x):\n        return self.lin(self.emb(x))\n\n\nm = P()\n`;
    const m = await model(src, 'P');
    assert.equal(m.totalParams, null);
    assert.match(m.totalParamsUnknown?.en ?? '', /stopped while building P/);
  });

  it('a for loop too long to follow round by round (a positional table in nested Python loops) is left, its changes unknown: the constructor goes on to the whole module', async () => {
    // attention-is-all-you-need's PositionalEncoding-style table built in nested Python loops; PyTorch: 40 + 20.
    const src = `${HEAD}class P(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.emb = nn.Embedding(10, 4)\n        t = 0\n        for i in range(3000):\n            for j in range(3000):\n                t += i * j\n        self.lin = nn.Linear(4, 4)\n\n    def forward(self, x):\n        return self.lin(self.emb(x))\n\n\nm = P()\n`;
    const m = await model(src, 'P');
    assert.equal(m.totalParams, 60);
  });

  it('a comprehension too long to follow is unknown alone: the constructor around it goes on', async () => {
    const src = `${HEAD}class P(nn.Module):\n    def __init__(self, n=200, d=512):\n        super().__init__()\n        self.emb = nn.Embedding(10, d)\n        table = [[p / (10000 ** (2 * (j // 2) / d)) for j in range(d)] for p in range(n)]\n        self.lin = nn.Linear(d, 4)\n\n    def forward(self, x):\n        return self.lin(self.emb(x))\n\n\nm = P()\n`;
    const m = await model(src, 'P');
    assert.equal(m.totalParams, 10 * 512 + 512 * 4 + 4);
  });

  it('`is` between equal strings not both written as name-like literals (built at run time, read from the command line, with other characters): undecided', async () => {
    // CPython interns only constant strings of name characters; `'pr' + x`, `s.lower()`, an argparse value or 'a-b' may be another object.
    const src = `${HEAD}import argparse\n\nparser = argparse.ArgumentParser()\nparser.add_argument('--block', default='proj')\nargs = parser.parse_args()\n\n\nclass S(nn.Module):\n    def __init__(self, tail='oj', kind='PROJ'):\n        super().__init__()\n        self.joined = nn.Linear(4, 4) if 'pr' + tail is 'proj' else nn.Linear(4, 8)\n        self.lowered = nn.Linear(4, 4) if kind.lower() is 'proj' else nn.Linear(4, 8)\n        self.parsed = nn.Linear(4, 4) if args.block is 'proj' else nn.Linear(4, 8)\n        self.dashed = nn.Linear(4, 4) if 'a-b' is 'a-b' else nn.Linear(4, 8)\n        self.plain = nn.Linear(4, 4) if 'a_b' is 'a_b' and tail is not 'proj' else nn.Linear(4, 8)\n\n    def forward(self, x):\n        return x\n\n\nm = S()\n`;
    const m = await model(src, 'S');
    // Either side may be built: no layer, or one without a count, and no total.
    for (const name of ['joined', 'lowered', 'parsed', 'dashed']) assert.equal(m.layers.find((l) => l.path === name)?.params ?? null, null, name);
    assert.equal(m.totalParams, null);
    assert.equal(layer(m, 'plain').params, 20);
  });

  it('a list of layers filtered at random: a dropped layer that changes the width leaves the output unknown; a list changed after the filter (+, append through an alias or a helper) is not taken for the filtered one', async () => {
    const keep = `def keep(layers, p):\n    to_drop = torch.zeros(len(layers)).uniform_(0., 1.) < p\n    return [l for (l, d) in zip(layers, to_drop) if not d]\n\n\ndef add(xs, m):\n    xs.append(m)\n\n\n`;
    const net = (name: string, body: string, second = 4): string => `class ${name}(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.layers = nn.ModuleList([nn.Linear(4, 4), nn.Linear(4, ${second})])\n        self.extra = nn.Linear(4, 2)\n\n    def forward(self, x):\n        kept = keep(self.layers, 0.5)\n${body}        for l in kept:\n            x = l(x)\n        return x\n\n\n`;
    const src = HEAD + keep
      + net('Widen', '', 8)
      + net('Extended', '        kept = kept + [self.extra]\n')
      + net('Appended', '        kept.append(self.extra)\n')
      + net('Aliased', '        other = kept\n        other.append(self.extra)\n')
      + net('Helper', '        add(kept, self.extra)\n')
      + net('Closure', '        f = lambda: kept.append(self.extra)\n        f()\n');
    assert.equal((await model(src, 'Widen')).output.known, false, 'Widen: output');
    // The others end with self.extra: [2, 2], or unknown; never the filtered list's [2, 4].
    for (const name of ['Extended', 'Appended', 'Aliased', 'Helper', 'Closure']) {
      const out = (await model(src, name)).output;
      assert.ok(!out.known || out.shape.join() === '2,2', `${name}: output ${out.known ? out.shape.join() : '?'}`);
    }
  });

  it('a class the file builds twice with different arguments (vit-pytorch\'s two Adapters) and tokens kept by torch.unique (adaptive token sampling): the sizes they set are unknown', async () => {
    const src = `${HEAD}class A(nn.Module):\n    def __init__(self, n=10, classes=2):\n        super().__init__()\n        self.mem = nn.Parameter(torch.randn(n, 4))\n        self.to_kv = nn.Linear(4, 8)\n        self.head = nn.Linear(4, classes)\n\n    def forward(self, x):\n        kv = torch.cat((x, self.mem.expand(x.shape[0], -1, -1)), dim=1)\n        q, k, v = map(lambda t: t * 2, (x, *self.to_kv(kv).chunk(2, dim=-1)))\n        return self.head(q)\n\n\nclass U(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n\n    def forward(self, x, ids):\n        return self.fc(x[:, torch.unique(ids)])\n\n\na1 = A(n=5, classes=2)\na1(torch.zeros(2, 3, 4))\na2 = A(n=10, classes=4)\na2(torch.zeros(2, 3, 4))\nU()(torch.zeros(2, 6, 4), torch.zeros(5, dtype=torch.long))\n`;
    const a = await model(src, 'A');
    assert.equal(a.totalParams, null);
    assert.equal(layer(a, 'head').params, null);
    assert.ok(layer(a, 'to_kv').calls.every((c) => !c.output.known));
    const u = await model(src, 'U');
    assert.equal(u.output.known, false);
    assert.ok(layer(u, 'fc').calls.every((c) => !c.output.known));
  });

  it('a custom autograd function whose forward is not a @staticmethod, is given keywords, or reads ctx.needs_input_grad: unknown', async () => {
    const fn = (body: string): string => `class F(torch.autograd.Function):\n${body}\n    @staticmethod\n    def backward(ctx, g):\n        return g\n\n\n`;
    const src = `${HEAD}${fn('    def forward(ctx, x):\n        return x * 2\n')}${fn('    @staticmethod\n    def forward(ctx, x, scale=2):\n        return x * scale\n').replace('class F(', 'class K(')}${fn('    @staticmethod\n    def forward(ctx, x):\n        if ctx.needs_input_grad[0]:\n            return x.sum(0)\n        return x\n').replace('class F(', 'class G(')}class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n\n    def forward(self, x):\n        a = F.apply(x)\n        b = K.apply(x, scale=3)\n        c = G.apply(x)\n        d = self.fc(x)\n        return d\n\n\nm = M()\nm(torch.zeros(2, 4))\n`;
    const m = await model(src);
    const a = flowStep(m, 'a').value;
    assert.match(a.known ? 'known' : a.reason.en, /not a @staticmethod/);
    assert.equal(flowStep(m, 'b').value.known, false);
    assert.equal(flowStep(m, 'c').value.known, false);
    assert.equal(flowStep(m, 'd').value.known, true);
  });

  // Probe round 22c (W1): the list given to both builds grows between them; the file runs the second.
  it('one list given to two builds and changed between them: each build has the sizes it was given, the class\'s own model no mixed guess', async () => {
    const src = `${HEAD}class Net(nn.Module):\n    def __init__(self, layers):\n        super().__init__()\n        self.fcs = nn.Sequential(*[nn.Linear(a, b) for a, b in zip(layers, layers[1:])])\n\n    def forward(self, x):\n        return self.fcs(x)\n\n\nlayers = [4, 6]\nsmall = Net(layers)\nlayers.append(2)\nbig = Net(layers)\nbig(torch.randn(2, 4))\n`;
    const models = analyzeText(await testParsers(), src, 'python', {}, '/ws/net.py').models;
    const big = models.find((m) => m.name === 'big');
    assert.equal(big?.totalParams, 44);
    assert.deepEqual(big?.output.known ? big.output.shape : null, [2, 2]);
    const cls = models.find((m) => m.name === 'Net');
    assert.ok(cls && cls.totalParams !== 30 && !(cls.output.known && cls.output.shape.join() === '2,6'), JSON.stringify(cls?.output));
  });

  // Probe round 22c (W6, W7, W9): code that changes a class, or an instance's forward, after the definition.
  it('a method or forward replaced after the class is defined, on the class or the instance: unknown, never the method as written', async () => {
    const patchedBuilder = `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.body = self.make_body()\n        self.out = nn.Linear(9, 2)\n\n    def make_body(self):\n        return nn.Linear(4, 5)\n\n    def forward(self, x):\n        return self.out(self.body(x))\n\n\ndef make_wide(self):\n    return nn.Linear(4, 9)\n\n\nNet.make_body = make_wide\nNet()(torch.randn(2, 4))\n`;
    const a = await model(patchedBuilder, 'Net');
    assert.equal(a.totalParams, null);
    const instance = `${HEAD}import types\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 6)\n        self.head = nn.Linear(6, 2)\n\n    def forward(self, x):\n        return self.head(self.fc(x))\n\n\ndef features(self, x):\n    return self.fc(x)\n\n\nm = Net()\nm.forward = types.MethodType(features, m)\nout = m(torch.randn(3, 4))\n`;
    const b = analyzeText(await testParsers(), instance, 'python', {}, '/ws/net.py').models;
    assert.ok(b.every((x) => !x.output.known || x.output.shape.join() !== '3,2'), JSON.stringify(b.map((x) => x.output)));
    const classForward = `${HEAD}class Block(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\ndef summed(self, x):\n    return self.fc(x).sum(-1, keepdim=True)\n\n\nBlock.forward = summed\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.b = Block()\n        self.out = nn.Linear(1, 3)\n\n    def forward(self, x):\n        return self.out(self.b(x))\n\n\nNet()(torch.randn(2, 4))\n`;
    const c = await model(classForward, 'Net');
    assert.equal(c.output.known, false);
    // (As written, Block's forward gives 4 features to out's 1: no such error is PyTorch's.)
    assert.deepEqual(analyzeText(await testParsers(), classForward, 'python', {}, '/ws/net.py').diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en), []);
  });

  it('a class attribute set through a parameter holding the class, a subclass\'s name, or a class-level list grown through self: unknown', async () => {
    const viaParam = `${HEAD}class Opt:\n    width = 6\n\n\ndef configure(o, **over):\n    for k, v in over.items():\n        setattr(o, k, v)\n\n\nclass Net(nn.Module):\n    def __init__(self, o):\n        super().__init__()\n        self.fc = nn.Linear(4, o.width)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nconfigure(Opt, width=5)\nm = Net(Opt())\nm(torch.randn(2, 4))\n`;
    assert.equal(layer(await model(viaParam, 'Net'), 'fc').params, null);
    const viaSub = `${HEAD}class Base(nn.Module):\n    width = 6\n\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, self.width)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nclass Child(Base):\n    pass\n\n\ndef widen():\n    Child.width = 9\n\n\nwiden()\nChild()(torch.randn(2, 4))\n`;
    assert.equal(layer(await model(viaSub, 'Child'), 'fc').params, null);
    const shared = `${HEAD}class Net(nn.Module):\n    stages = [4, 8]\n\n    def __init__(self):\n        super().__init__()\n        self.stages += [6]\n        self.fc = nn.Linear(len(self.stages), 2)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\na = Net()\nb = Net()\nb(torch.randn(2, 4))\n`;
    assert.equal(layer(await model(shared, 'Net'), 'fc').params, null);
  });

  // Probe round 22c (W4).
  it('a class decorator that replaces __init__: the class is not built as written (no layer listed); a registry handing the class back stays exact', async () => {
    const deco = `def with_defaults(**defaults):\n    def deco(cls):\n        orig = cls.__init__\n\n        def __init__(self, *a, **kw):\n            orig(self, *a, **{**defaults, **kw})\n        cls.__init__ = __init__\n        return cls\n    return deco\n\n\nREGISTRY = {}\n\n\ndef register(cls):\n    REGISTRY[cls.__name__] = cls\n    return cls\n\n\n`;
    const body = `(nn.Module):\n    def __init__(self, width=4):\n        super().__init__()\n        self.fc = nn.Linear(3, width)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nNet()(torch.randn(2, 3))\n`;
    const changed = await model(`${HEAD}${deco}@with_defaults(width=12)\nclass Net${body}`, 'Net');
    assert.equal(changed.totalParams, null);
    assert.ok(changed.layers.every((l) => l.params === null && l.calls.every((c) => !c.output.known)), JSON.stringify(changed.layers.map((l) => l.params)));
    const registered = await model(`${HEAD}${deco}@register\nclass Net${body}`, 'Net');
    assert.equal(registered.totalParams, 16);
  });

  it('parameters() with a layer whose parameters the analysis does not list (MultiheadAttention), or a tied weight: its list is unknown, never a guessed length; an LSTM\'s are listed', async () => {
    const src = `${HEAD}class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.rnn = nn.MultiheadAttention(4, 2)\n        self.lstm = nn.LSTM(4, 4, num_layers=2)\n        self.emb = nn.Embedding(10, 4)\n        self.out = nn.Linear(4, 10, bias=False)\n        self.out.weight = self.emb.weight\n\n    def forward(self, x):\n        a = x.new_zeros(len(list(self.rnn.parameters())))\n        b = x.new_zeros(len(list(self.parameters())))\n        c = x.new_zeros(len(list(self.emb.parameters())))\n        e = x.new_zeros(len(list(self.lstm.parameters())))\n        return c\n\n\nm = M()\nm(torch.zeros(2, 4))\n`;
    const m = await model(src);
    assert.equal(flowStep(m, 'a').value.known, false);
    assert.equal(flowStep(m, 'b').value.known, false);
    const c = flowStep(m, 'c').value;
    assert.deepEqual(c.known ? c.shape : null, [1]);
    // An LSTM's are listed by PyTorch's names (weight_ih_l0 … bias_hh_l1): 8 for two layers.
    const e = flowStep(m, 'e').value;
    assert.deepEqual(e.known ? e.shape : null, [8]);
  });

  it('multi-head attention weights with add_bias_kv / add_zero_attn or need_weights the analysis cannot read, and F.multi_head_attention_forward with weights that do not fit: unknown', async () => {
    const src = `${HEAD}import os\nimport torch.nn.functional as F\n\n\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.MultiheadAttention(8, 2, add_bias_kv=os.environ.get("KV") == "1")\n        self.b = nn.MultiheadAttention(8, 2)\n        self.w = nn.Parameter(torch.zeros(24, 4))\n        self.o = nn.Linear(8, 8)\n\n    def forward(self, q):\n        wa = self.a(q, q, q)[1]\n        wb = self.b(q, q, q, None, os.environ.get("W") == "1")[1]\n        wc = F.multi_head_attention_forward(q, q, q, 8, 2, self.w, None, None, None, False, 0.0, self.o.weight, self.o.bias)[0]\n        wd = F.multi_head_attention_forward(q, q, q, 8, 2, self.w, None, None, None, False, 0.0, self.o.weight, self.o.bias, need_weights=os.environ.get("W") == "1")[0]\n        return wa\n\n\nm = M()\nm(torch.zeros(3, 2, 8))\n`;
    const m = await model(src);
    for (const t of ['wa', 'wb', 'wc', 'wd']) assert.equal(flowStep(m, t).value.known, false, t);
    assert.equal(layer(m, 'a').params, null);
  });

  it('namedtuple calls Python refuses, re.split patterns it does not read, F.conv2d with a bias that does not fit: unknown', async () => {
    const src = `${HEAD}import collections\nimport os\nimport re\nimport torch.nn.functional as F\n\nP = collections.namedtuple('P', ['a', 'b'])\n\n\nclass Q(object):\n    pass\n\n\nQ.__new__.__defaults__ = (1,)\n\n\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.f1 = nn.Linear(P(4).a, 2)\n        self.f2 = nn.Linear(P(4, 5)._replace(c=1).a, 2)\n        self.f3 = nn.Linear(len(re.split(r'(?=\\d)', 'r12')), 2)\n        self.f4 = nn.Linear(len(re.split(r'\\d*', 'r12')), 2)\n        self.f5 = nn.Linear(len(Q.__name__), 2)\n        self.f6 = nn.Linear(P(4, 5).a, 2)\n        self.w = nn.Parameter(torch.zeros(8, 3, 3, 3))\n\n    def forward(self, x):\n        a = F.conv2d(x, self.w, torch.zeros(4))\n        b = F.conv2d(x, self.w, None, 1, 0, 1, int(os.environ["G"]))\n        c = F.conv2d(x, self.w)\n        return c\n\n\nm = M()\nm(torch.zeros(1, 3, 8, 8))\n`;
    const m = await model(src);
    for (const f of ['f1', 'f2', 'f3', 'f4', 'f5']) assert.equal(layer(m, f).params, null, f);
    assert.equal(layer(m, 'f6').params, 10);
    assert.equal(flowStep(m, 'a').value.known, false);
    assert.equal(flowStep(m, 'b').value.known, false);
    const c = flowStep(m, 'c').value;
    assert.deepEqual(c.known ? c.shape : null, [1, 8, 6, 6]);
  });

  it('torch.addmm with an input that does not broadcast to the product, index_select with a 2-D index: unknown', async () => {
    const src = `${HEAD}class M(nn.Module):\n    def forward(self, x):\n        a = torch.addmm(torch.zeros(3), x, x.t())\n        b = x.index_select(0, torch.zeros(2, 2, dtype=torch.long))\n        c = torch.addmm(torch.zeros(4, 1), x, x.t())\n        return c\n\n\nm = M()\nm(torch.zeros(4, 5))\n`;
    const m = await model(src);
    assert.equal(flowStep(m, 'a').value.known, false);
    assert.equal(flowStep(m, 'b').value.known, false);
    const c = flowStep(m, 'c').value;
    assert.deepEqual(c.known ? c.shape : null, [4, 4]);
  });

  it('a function given *xs the analysis cannot list: its *args is unknown, never the empty tuple', async () => {
    const src = `${HEAD}import os\n\n\ndef count(*xs):\n    return len(xs)\n\n\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        sizes = [int(s) for s in os.environ["S"].split(",")]\n        self.fc = nn.Linear(count(*sizes) + 1, 2)\n        self.known = nn.Linear(count(*[1, 2]), 2)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nm = M()\n`;
    const m = await model(src);
    assert.equal(layer(m, 'fc').params, null);
    assert.equal(layer(m, 'known').params, 6);
  });

  it('an object\'s __dict__.update, or a dict\'s update, from something it cannot read: every setting may have changed, so each is unknown', async () => {
    const src = `${HEAD}import os\n\n\nclass C:\n    def __init__(self):\n        self.width = 16\n\n\nclass P(nn.Module):\n    def __init__(self, c=C()):\n        super().__init__()\n        c.__dict__.update(PRESETS[os.environ["P"]])\n        d = {'width': 8}\n        d.update(PRESETS[os.environ["P"]])\n        self.a = nn.Linear(c.width, 2)\n        self.b = nn.Linear(d['width'], 2)\n        self.fixed = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return x\n\n\nm = P()\n`;
    const m = await model(src, 'P');
    assert.equal(layer(m, 'a').params, null);
    assert.equal(layer(m, 'b').params, null);
    assert.equal(layer(m, 'fixed').params, 10);
  });

  it('argparse.Namespace(**something it cannot read): the options are unknown, never a default', async () => {
    const src = `${HEAD}import argparse\nimport json\n\n\nclass P(nn.Module):\n    def __init__(self, opt):\n        super().__init__()\n        self.a = nn.Linear(opt.width, 2)\n\n    def forward(self, x):\n        return self.a(x)\n\n\nm = P(argparse.Namespace(**json.load(open('opt.json'))))\n`;
    const m = await model(src, 'P');
    assert.equal(layer(m, 'a').params, null);
  });

  it('F.grid_sample with a grid that does not fit the input (another batch, a 3-wide grid for an image): unknown', async () => {
    const src = `${HEAD}import torch.nn.functional as F\n\n\nclass P(nn.Module):\n    # input: (2, 1, 8, 8)\n    def __init__(self):\n        super().__init__()\n\n    def forward(self, x):\n        a = F.grid_sample(x, torch.zeros(3, 4, 4, 2))\n        b = F.grid_sample(x, torch.zeros(2, 4, 4, 3))\n        return a\n`;
    const m = await model(src, 'P');
    assert.equal(flowStep(m, 'a').value.known, false);
    assert.equal(flowStep(m, 'b').value.known, false);
  });

  it('a class built in two ways, once through a factory given arguments: each instance is named by its variable (PyTorch\'s pass would call the factory without them), and the class stays unknown where they differ', async () => {
    const src = `${HEAD}class P(nn.Module):\n    def __init__(self, width):\n        super().__init__()\n        self.a = nn.Linear(width, 2)\n\n    def forward(self, x):\n        return self.a(x)\n\n\ndef make(width=4):\n    return P(width)\n\n\nm = make(8)\nn = make(16)\nm(torch.zeros(1, 8))\nn(torch.zeros(1, 16))\n`;
    const result = analyzeText(await testParsers(), src, 'python');
    assert.deepEqual(result.models.map((x) => x.name).sort(), ['P', 'm', 'n']);
    assert.equal(layer(result.models.find((x) => x.name === 'P')!, 'a').params, null);
    assert.equal(result.models.find((x) => x.name === 'm')!.totalParams, 18);
    assert.equal(result.models.find((x) => x.name === 'n')!.totalParams, 34);
  });

  it('named_children() / _modules of a module holding something it cannot read that may be a module: unknown, never the children it knows', async () => {
    const src = `${HEAD}import os\n\n\nclass T(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(6, 8)\n        self.head = HEADS[os.environ["H"]]\n\n\nclass P(nn.Module):\n    def __init__(self, t):\n        super().__init__()\n        self.n = nn.Linear(len(list(t.named_children())), 2)\n        self.m = nn.Linear(len(t._modules), 2)\n\n    def forward(self, x):\n        return x\n\n\nm = P(T())\n`;
    const m = await model(src, 'P');
    assert.equal(layer(m, 'n').params, null);
    assert.equal(layer(m, 'm').params, null);
  });

  it('IntermediateLayerGetter asked for a layer the backbone does not have (torchvision raises): unknown', async () => {
    const src = `${HEAD}from torchvision.models._utils import IntermediateLayerGetter\n\n\nclass B(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.s1 = nn.Conv2d(3, 8, 3)\n\n\nclass P(nn.Module):\n    # input: (1, 3, 8, 8)\n    def __init__(self):\n        super().__init__()\n        self.body = IntermediateLayerGetter(B(), {'s9': 0})\n\n    def forward(self, x):\n        return self.body(x)\n`;
    const m = await model(src, 'P');
    assert.equal(m.totalParams, null);
  });

  it('topk beyond the dimension, cdist of points with different widths, a list written through a stepped slice: unknown', async () => {
    const src = `${HEAD}class P(nn.Module):\n    # input: (2, 5, 3)\n    def __init__(self):\n        super().__init__()\n\n    def forward(self, x):\n        t = torch.topk(x, 9, dim=1)[0]\n        d = torch.cdist(x, torch.zeros(2, 4, 2))\n        s = list(x.shape)\n        s[::2] = [1, 1]\n        v = x.view(s)\n        ok = x.sort(dim=1)[1]\n        return x\n`;
    const m = await model(src, 'P');
    assertUnknown(flowStep(m, 't'), /topk: k=9 is out of range/);
    assertUnknown(flowStep(m, 'd'), /cdist .*do not fit/);
    assertUnknown(flowStep(m, 'v'), /./);
    const ok = flowStep(m, 'ok').value;
    assert.deepEqual(ok.known ? ok.shape : null, [2, 5, 3]);
  });

  it('self.training: True for a module as made, False after .eval() before any call, unknown where .eval()/.train(…) cannot be followed or code sets training itself', async () => {
    const cls = `class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n\n    def forward(self, x):\n        if not self.training:\n            x = x.view(-1)\n        return self.fc(x) if self.training else x\n\n\n`;
    const cases: [string, number[] | null][] = [
      ['m = M()\ny = m(torch.zeros(2, 4))\n', [2, 4]],
      ['m = M()\nm.eval()\ny = m(torch.zeros(2, 4))\n', [8]],
      // The report follows the first call, made in training mode.
      ['m = M()\ny = m(torch.zeros(2, 4))\nm.eval()\nz = m(torch.zeros(2, 4))\n', [2, 4]],
      ['m = M()\nm.eval()\nm.train()\ny = m(torch.zeros(2, 4))\n', [2, 4]],
      ['m = M()\nm.train(False)\ny = m(torch.zeros(2, 4))\n', [8]],
      ['import os\nm = M()\nm.train(os.environ.get("T") == "1")\ny = m(torch.zeros(2, 4))\n', null],
      ['import os\nm = M()\nif os.environ.get("E"):\n    m.eval()\ny = m(torch.zeros(2, 4))\n', null],
      ['m = M()\nm.eval()\nm.fc.training = True\ny = m(torch.zeros(2, 4))\n', null],
      // The class's report runs on the first build, in eval mode, with the input of another instance's call in training mode.
      ['a = M()\na.eval()\nb = M()\ny = b(torch.zeros(2, 4))\n', null],
    ];
    for (const [tail, shape] of cases) {
      const m = await model(`${HEAD}${cls}${tail}`, 'M');
      assert.deepEqual(m.output.known ? m.output.shape : null, shape, tail);
    }
  });

  it('modules appended or extended onto a ModuleList of unknown length: left out, never listed at a wrong index', async () => {
    const src = `${HEAD}import sys\n\n\nclass D(nn.Module):\n    def __init__(self, n):\n        super().__init__()\n        self.blocks = nn.ModuleList([nn.Sequential(nn.Linear(4, 4), nn.BatchNorm1d(4)) for _ in range(n)])\n        self.blocks.append(nn.Sequential(nn.Linear(4, 2), nn.Tanh()))\n        self.more = nn.ModuleList([nn.Linear(4, 4)])\n        self.more.extend([nn.Linear(4, 4) for _ in range(n)] + [nn.Linear(4, 3)])\n\n    def forward(self, x):\n        return x\n\n\nm = D(len(sys.argv))\n`;
    const m = await model(src, 'D');
    const listed = m.layers.map((l) => `${l.path} ${l.kind} ${l.params}`);
    // PyTorch: blocks.N is the appended block, blocks.0 a Linear(4, 4) + BatchNorm1d(4) (20 + 8); more.0 is Linear(4, 4).
    assert.ok(!listed.some((l) => /^blocks\.\d/.test(l)), listed.join('\n'));
    assert.ok(listed.includes('more.0 Linear 20'), listed.join('\n'));
    assert.ok(!listed.some((l) => /^more\.[1-9]/.test(l)), listed.join('\n'));
    assert.equal(m.totalParams, null);
  });

  it('an attribute set on one side of an undecided branch: read plainly it is that value, but getattr with a default, a class attribute of that name or a try around the read leave it unknown', async () => {
    const cls = (extra: string, read: string): string => `${HEAD}import os\n\n\nclass M(nn.Module):\n${extra}    def __init__(self):\n        super().__init__()\n        if os.environ.get("E"):\n            self.register_buffer("pe", torch.zeros(1, 5, 4))\n\n    def forward(self, x):\n${read}\n\n\nm = M()\ny = m(torch.zeros(2, 5, 4))\n`;
    const plain = '        return x + self.pe';
    const cases: [string, string, number[] | null][] = [
      ['', plain, [2, 5, 4]],
      ['', '        return x + getattr(self, "pe", torch.zeros(3, 1, 1, 1))', null],
      ['    pe = torch.zeros(7, 1, 1, 1)\n', plain, null],
      ['', '        try:\n            return x + self.pe\n        except Exception:\n            return x', null],
      ['', '        return x if hasattr(self, "pe") else x.flatten()', null],
    ];
    for (const [extra, read, shape] of cases) {
      const m = await model(cls(extra, read), 'M');
      assert.deepEqual(m.output.known ? m.output.shape : null, shape, `${extra}${read}`);
    }
  });

  it('a constructor or function call Python refuses (an unexpected keyword, too many positional arguments, a value given twice, a required one missing): its values are not the model\'s', async () => {
    const cls = `class Net(nn.Module):\n    def __init__(self, n_classes, cfg=None, width=16):\n        super().__init__()\n        self.head = nn.Linear(width, n_classes)\n\n    def forward(self, x):\n        return self.head(x)\n\n\n`;
    for (const call of ['Net(n_classes=2, depth=29)', 'Net(2, None, 16, 4)', 'Net(2, n_classes=3)', 'Net(width=8)', 'build(width=8)', 'build()']) {
      const m = await model(`${HEAD}${cls}def build(n_classes, width=16):\n    return Net(n_classes, width=width)\n\n\nmodel = Net\ntry:\n    model = ${call}\nexcept TypeError:\n    pass\n`, 'Net');
      assert.equal(layer(m, 'head').params, null, call);
    }
    const ok = await model(`${HEAD}${cls}model = Net(n_classes=2, width=8)\n`, 'Net');
    assert.equal(layer(ok, 'head').params, 18);
    // A factory read on its own spreads an empty **kwargs its caller would fill: not a refused call.
    const sized = `class Net(nn.Module):\n    def __init__(self, n_classes, size, width=16):\n        super().__init__()\n        self.head = nn.Linear(width, n_classes)\n\n    def forward(self, x):\n        return self.head(x)\n\n\n`;
    // A forward given more than it takes (SRMD's `model(x, k_pca)` against `forward(self, x)`): refused, so not the model's input.
    const extra = await model(`${HEAD}${cls}model = Net(2, width=3)\nmodel(torch.zeros(4, 3), torch.zeros(4, 1))\n`, 'Net');
    assert.deepEqual(extra.inputs, []);
    const factory = await model(`${HEAD}${sized}def net8(**kwargs):\n    return Net(3, width=8, **kwargs)\n`, 'Net');
    assert.equal(layer(factory, 'head').params, 27);
    // A test function nobody calls, whose factory call lacks the required argument: its input is not the model's.
    const uncalled = await model(`${HEAD}${cls}def net8(n_classes, width=8):\n    return Net(n_classes, width=width)\n\n\ndef test():\n    net = net8()\n    y = net(torch.randn(1, 8))\n`, 'Net');
    assert.deepEqual(uncalled.inputs, []);
    // Two factories giving other widths, one called only by that refused call: it still builds the class, so the head's size is not one of theirs.
    const two = await model(`${HEAD}${cls}def small():\n    return Net(3, width=4)\n\n\ndef large(n_classes=3):\n    return Net(n_classes, width=64)\n\n\ndef test():\n    net = large(3, 64)\n    y = net(torch.randn(1, 64))\n`, 'Net');
    assert.equal(layer(two, 'head').params, null);
  });

  it('layers added on the two paths of an undecided if (or in a loop read once): only those both paths hold at the same place are listed', async () => {
    const src = `${HEAD}import sys\n\n\nclass Causal(nn.Module):\n    def __init__(self, c):\n        super().__init__()\n        self.pad = nn.ConstantPad1d((1, 0), 0.0)\n        self.conv = nn.Conv1d(c, c, 2)\n\n    def forward(self, x):\n        return self.conv(self.pad(x))\n\n\nclass Gen(nn.Module):\n    def __init__(self, causal=False):\n        super().__init__()\n        self.ups = nn.ModuleList([nn.Conv1d(4, 4, 1)])\n        for i in range(2):\n            if not causal:\n                self.ups += [nn.Sequential(nn.ReLU(), nn.Conv1d(4, 4, 3, padding=1))]\n            else:\n                self.ups += [nn.Sequential(nn.ReLU(), Causal(4))]\n        self.more = nn.ModuleList()\n        for f in sys.argv:\n            self.more.append(nn.Linear(4, 4))\n\n    def forward(self, x):\n        for u in self.ups:\n            x = u(x)\n        return x\n\n\ng = Gen(causal=len(sys.argv) > 5)\n`;
    const m = await model(src, 'Gen');
    const listed = m.layers.map((l) => l.path);
    // PyTorch (causal False): ups.1 is Sequential(ReLU, Conv1d(4, 4, 3)), 52 params — never Causal's 36.
    assert.ok(listed.includes('ups.0'), listed.join(', '));
    assert.ok(!listed.some((p) => /^ups\.[12]/.test(p) || /^more\./.test(p)), listed.join(', '));
    assert.equal(m.totalParams, null);
  });

  it('nn.TransformerEncoder given a padding mask outside training: the length is unknown (PyTorch 1.13\'s fast path cuts it to the longest unpadded sequence)', async () => {
    const cls = `class Enc(nn.Module):\n    def __init__(self):\n        super().__init__()\n        layer = nn.TransformerEncoderLayer(8, 2, 16, batch_first=True)\n        self.enc = nn.TransformerEncoder(layer, 2)\n\n    def forward(self, x, pad):\n        return self.enc(x, src_key_padding_mask=pad)\n\n\nm = Enc()\n`;
    const call = 'pad = torch.zeros(2, 10, dtype=torch.bool)\npad[:, 6:] = True\nwith torch.no_grad():\n    y = m(torch.zeros(2, 10, 8), pad)\n';
    const evaluated = await model(`${HEAD}${cls}m.eval()\n${call}`, 'Enc');
    assert.equal(evaluated.output.known, false);
    const training = await model(`${HEAD}${cls}${call}`, 'Enc');
    assert.deepEqual(training.output.known && training.output.shape, [2, 10, 8]);
  });

  it('copy.copy of a module shares its parameters (counted once); copy.deepcopy makes new ones', async () => {
    const src = (fn: string): string => `${HEAD}import copy\n\n\nclass Net(nn.Module):\n    # input: (2, 8)\n    def __init__(self):\n        super().__init__()\n        base = nn.Linear(8, 8)\n        self.seq = nn.Sequential(base, copy.${fn}(base))\n\n    def forward(self, x):\n        return self.seq(x)\n`;
    assert.equal((await model(src('copy'), 'Net')).totalParams, 72);
    assert.equal((await model(src('deepcopy'), 'Net')).totalParams, 144);
  });

  it('a block with its own __call__, or a forward wrapped by a decorator that may change its result: its output is unknown, never the bare forward\'s', async () => {
    const inner = (extra: string, deco: string): string => `${HEAD}import functools\n\n\ndef flat(fn):\n    @functools.wraps(fn)\n    def wrapper(self, x):\n        return fn(self, x).flatten(1)\n    return wrapper\n\n\nclass Enc(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(3, 4, 3)\n${extra}\n    ${deco}\n    def forward(self, x):\n        return self.conv(x)\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.enc = Enc()\n        self.fc = nn.Linear(64, 2)\n\n    def forward(self, x):\n        return self.fc(self.enc(x))\n\n\nm = Net()\nm(torch.zeros(2, 3, 6, 6))\n`;
    for (const [extra, deco] of [['', '@flat'], ['    def __call__(self, x):\n        return super().__call__(x).flatten(1)\n', '']] as [string, string][]) {
      const m = await model(inner(extra, deco), 'Net');
      assert.equal(layer(m, 'enc').output.known, false, `${extra}${deco}`);
      assert.equal(m.output.known, false, `${extra}${deco}`);
    }
  });

  it('ConvTranspose2d asked for an output_size it cannot reach (PyTorch raises) or one it cannot read: unknown', async () => {
    const src = `${HEAD}class P(nn.Module):\n    # input: (2, 8, 23, 30)\n    def __init__(self):\n        super().__init__()\n        self.up = nn.ConvTranspose2d(8, 3, 3, stride=2, padding=1)\n\n    def forward(self, x, n=None):\n        far = self.up(x, output_size=[50, 59])\n        odd = self.up(x, output_size=[45])\n        unread = self.up(x, output_size=n)\n        return x\n`;
    const m = await model(src, 'P');
    assertUnknown(flowStep(m, 'far'), /output_size \[50, 59\] is not reachable/);
    assertUnknown(flowStep(m, 'odd'), /output_size the analysis cannot read/);
    assert.equal(flowStep(m, 'unread').value.known, true);
  });

  it('del of a list item at an index it cannot read, of a dict key it cannot read: unknown; of a Sequential item: followed, as PyTorch renumbers', async () => {
    const src = `${HEAD}import os\n\n\nclass P(nn.Module):\n    def __init__(self):\n        super().__init__()\n        k = int(os.environ["K"])\n        layers = [nn.Linear(4, 4), nn.Linear(4, 4)]\n        del layers[k]\n        cfg = {'a': 2, 'b': 3}\n        del cfg[os.environ["N"]]\n        seq = nn.Sequential(nn.Linear(4, 4), nn.ReLU())\n        del seq[1]\n        self.l = nn.Sequential(*layers)\n        self.c = nn.Linear(4, cfg['a'])\n        self.s = seq\n\n    def forward(self, x):\n        return x\n\n\nm = P()\n`;
    const m = await model(src, 'P');
    for (const name of ['l', 'c']) assert.equal(layer(m, name).params, null, name);
    assert.equal(layer(m, 's').params, 20);
  });

  it('flip of a dim the tensor lacks, gather with an index of another rank, eye of an unknown size: unknown', async () => {
    const src = `${HEAD}import os\n\n\nclass P(nn.Module):\n    # input: (2, 5, 3)\n    def __init__(self):\n        super().__init__()\n\n    def forward(self, x):\n        f = torch.flip(x, dims=[3])\n        g = torch.gather(x, 1, torch.zeros(2, 4, dtype=torch.long))\n        e = torch.eye(int(os.environ["N"]))\n        return x\n`;
    const m = await model(src, 'P');
    assertUnknown(flowStep(m, 'f'), /flip/);
    assertUnknown(flowStep(m, 'g'), /gather: an index of rank 2/);
    assertUnknown(flowStep(m, 'e'), /./);
  });

  it('dict subclasses read in ways it does not follow (own __getitem__, a missing key, an attribute without __getattr__, a write under a condition, entries from the environment): unknown', async () => {
    const src = `${HEAD}import json\nimport os\n\n\nclass AttrDict(dict):\n    def __init__(self, *args, **kwargs):\n        super().__init__(*args, **kwargs)\n        self.__dict__ = self\n\n\nclass Doubled(dict):\n    def __getitem__(self, key):\n        return 2 * dict.__getitem__(self, key)\n\n\nclass Items(dict):\n    __getattr__ = dict.__getitem__\n\n\nclass Plain(dict):\n    pass\n\n\nclass P(nn.Module):\n    def __init__(self):\n        super().__init__()\n        h = AttrDict({'a': 4})\n        if os.environ.get('BIG'):\n            h.a = 8\n        self.cond = nn.Linear(h.a, 2)\n        self.own = nn.Linear(Doubled(a=4)['a'], 2)\n        self.missing = nn.Linear(Items(a=4).b, 2)\n        self.plain = nn.Linear(Plain(a=4).a, 2)\n        self.env = nn.Linear(AttrDict(json.loads(os.environ['CFG'])).a, 2)\n        self.ok = nn.Linear(Plain(a=4)['a'] + Items(a=1).a, 2)\n\n    def forward(self, x):\n        return x\n\n\nm = P()\n`;
    const m = await model(src, 'P');
    for (const name of ['cond', 'own', 'missing', 'plain', 'env']) assert.equal(layer(m, name).params, null, name);
    assert.equal(layer(m, 'ok').params, 12);
  });

  it('getattr(obj, name, default) of an attribute the object has, with a value the analysis cannot read: unknown, not the default', async () => {
    const src = `${HEAD}import os\n\n\nclass Cfg:\n    def __init__(self):\n        self.width = int(os.environ["W"])\n\n\nclass P(nn.Module):\n    def __init__(self, c):\n        super().__init__()\n        self.a = nn.Linear(4, getattr(c, 'width', 8))\n        self.b = nn.Linear(4, getattr(c, 'depth', 3))\n\n    def forward(self, x):\n        return x\n\n\nm = P(Cfg())\n`;
    const m = await model(src, 'P');
    assert.equal(layer(m, 'a').params, null);
    assert.equal(layer(m, 'b').params, 4 * 3 + 3);
  });

  it('numpy calls outside the shape rules (axes given to transpose, a sparse meshgrid, arrays that do not concatenate, a whole-array norm): unknown', async () => {
    const src = `${HEAD}import numpy as np\n\n\nclass P(nn.Module):\n    def __init__(self):\n        super().__init__()\n        a = np.zeros((2, 3, 4))\n        self.t = nn.Linear(np.transpose(a, (1, 0, 2)).shape[0], 2)\n        self.m = nn.Linear(np.meshgrid(np.arange(3), np.arange(5), sparse=True)[0].shape[0], 2)\n        self.c = nn.Linear(np.concatenate([np.zeros((2, 3)), np.zeros((2, 4))], axis=0).shape[0], 2)\n        self.n = nn.Linear(int(np.linalg.norm(a)), 2)\n        self.ok = nn.Linear(np.concatenate([np.zeros((2, 3)), np.zeros((2, 4))], axis=1).shape[1], 2)\n\n    def forward(self, x):\n        return x\n\n\nm = P()\n`;
    const m = await model(src, 'P');
    for (const name of ['t', 'm', 'c', 'n']) assert.equal(layer(m, name).params, null, name);
    assert.equal(layer(m, 'ok').params, 16);
  });

  it('a constructor that surely raises with its defaults (YOLO heads\' `anchors=()`, `len(anchors[0])`): no layer of it is listed, the count is unknown saying why; a try of its own catches it; the built one is known', async () => {
    const head = `${HEAD}class Detect(nn.Module):\n    def __init__(self, nc=80, anchors=(), ch=()):\n        super().__init__()\n        self.na = len(anchors[0]) // 2\n        self.register_buffer('anchors', torch.tensor(anchors).float().view(len(anchors), -1, 2))\n        self.m = nn.ModuleList(nn.Conv2d(x, (nc + 5) * self.na, 1) for x in ch)\n\n    def forward(self, x):\n        return [m(t) for m, t in zip(self.m, x)]\n`;
    const r = analyzeText(await testParsers(), head, 'python');
    const d = r.models.find((x) => x.name === 'Detect')!;
    assert.deepEqual(d.layers.map((l) => l.path), [], 'no layer of a module Python never builds');
    assert.equal(d.totalParams, null);
    assert.match(JSON.stringify(d), /Detect\(\) raises: index 0 of an empty tuple raises IndexError/);
    assert.deepEqual(r.diagnostics.filter((x) => x.severity === 'error'), [], 'nothing past the raise runs (the view of the empty anchors is never reached)');
    const caught = await model(head.replace('        self.na = len(anchors[0]) // 2\n', '        try:\n            self.na = len(anchors[0]) // 2\n        except IndexError:\n            self.na = 3\n').replace('ch=()', 'ch=(4,)').replace("        self.register_buffer('anchors', torch.tensor(anchors).float().view(len(anchors), -1, 2))\n", ''), 'Detect');
    assert.equal(caught.totalParams, 4 * 255 + 255);
    const built = await model(`${head}\n\nd = Detect(2, ((10, 13, 16, 30),), (8,))\n`, 'Detect');
    assert.equal(built.totalParams, 8 * 14 + 14);
  });

  it('a shape error on a path that may not run (`if self.image:` undecided, the input another instance gets) is not reported; on the path that surely runs it is', async () => {
    const src = `${HEAD}from einops import rearrange\n\n\nclass Q(nn.Module):\n    def __init__(self, dim, image=False):\n        super().__init__()\n        self.image = image\n        self.proj = nn.Linear(dim, dim)\n\n    def forward(self, x):\n        if self.image:\n            x = rearrange(x, 'b c h w -> b (h w) c')\n        return self.proj(x)\n\n\na = Q(256)\na(torch.randn(1, 1024, 256))\nb = Q(256, image=True)\nb(torch.randn(1, 256, 32, 32))\n`;
    const r = analyzeText(await testParsers(), src, 'python');
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en), []);
    const sure = analyzeText(await testParsers(), src.replace('        if self.image:\n            x = rearrange', '        if True:\n            x = rearrange'), 'python');
    assert.ok(sure.diagnostics.some((d) => d.severity === 'error' && /einops: the left side has 4 axes/.test(d.message.en)));
  });

  it('math functions outside their domain (math.sqrt(-4), math.log(0), math.acosh(0.5)) raise in Python: no number', async () => {
    const m = await model(`${HEAD}import math\n\n\nclass P(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(int(math.sqrt(-4)), 2)\n        self.b = nn.Linear(int(math.log(0)), 2)\n        self.c = nn.Linear(int(math.acosh(0.5)), 2)\n        self.ok = nn.Linear(int(math.acosh(1.0)) + 3, 2)\n\n    def forward(self, x):\n        return x\n\n\nm = P()\n`, 'P');
    for (const name of ['a', 'b', 'c']) assert.equal(layer(m, name).params, null, name);
    assert.equal(layer(m, 'ok').params, 8);
  });

  it('the truth of a module with a length of its own (`__len__`), of a ModuleList the analysis cannot list, and filter() with an undecided test: unknown, never a branch picked', async () => {
    const src = `${HEAD}class Bag(nn.Module):\n    def __init__(self, n):\n        super().__init__()\n        self.n = n\n\n    def __len__(self):\n        return self.n\n\n\nclass P(nn.Module):\n    def __init__(self, parts, flag):\n        super().__init__()\n        self.bag = Bag(0)\n        self.a = nn.Linear(4, 8) if self.bag else nn.Linear(4, 2)\n        self.some = nn.ModuleList(parts)\n        self.b = nn.Linear(4, 8) if self.some else nn.Linear(4, 2)\n        self.c = nn.Sequential(*filter(lambda m: flag, [nn.Linear(4, 4)]))\n        self.ok = nn.Linear(4, 8) if nn.ModuleList() else nn.Linear(4, 2)\n\n    def forward(self, x):\n        return x\n`;
    const m = await model(src, 'P');
    // Layers made on an undecided branch are not listed; the total says which attribute is not known.
    for (const name of ['a', 'b']) assert.ok(!m.layers.some((l) => l.path === name), name);
    assert.match(JSON.stringify(m), /self\.a is not known \(depends on self\.bag/);
    assert.equal(layer(m, 'c').params, null);
    assert.equal(m.totalParams, null);
    assert.equal(layer(m, 'ok').params, 10);
  });

  it('a list held in an attribute and changed under an undecided `if` (`self.net.append(…)`, `self.net += […]`): the Sequential built from it is unknown, not the list with the change', async () => {
    for (const change of ['self.net.append(nn.Sigmoid())', 'self.net += [nn.Sigmoid()]']) {
      const src = `${HEAD}class PixelD(nn.Module):\n    def __init__(self, in_ch, use_sigmoid=False):\n        super().__init__()\n        self.net = [nn.Conv2d(in_ch, 8, 1), nn.LeakyReLU(0.2, True), nn.Conv2d(8, 1, 1)]\n        if use_sigmoid:\n            ${change}\n        self.net = nn.Sequential(*self.net)\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef make_d(in_ch, use_sigmoid=False):\n    return PixelD(in_ch, use_sigmoid=use_sigmoid)\n`;
      const m = await model(src, 'PixelD');
      assert.ok(!m.layers.some((l) => l.kind === 'Sigmoid'), change);
      assert.equal(m.totalParams, null, change);
      assert.match(JSON.stringify(m), /'net' depends on a condition the analysis cannot decide/, change);
      const decided = await model(`${src}\n\nd = PixelD(3, use_sigmoid=True)\nd(torch.zeros(1, 3, 4, 4))\n`, 'PixelD');
      assert.deepEqual(decided.layers.filter((l) => l.path.startsWith('net.')).map((l) => l.kind), ['Conv2d', 'LeakyReLU', 'Conv2d', 'Sigmoid'], change);
      assert.equal(decided.totalParams, 3 * 8 + 8 + 8 + 1, change);
    }
  });

  it('split into listed sizes that do not add up to the dimension (PyTorch raises): unknown, never pieces; sizes that do: known', async () => {
    const src = `${HEAD}class P(nn.Module):\n    def __init__(self, n):\n        super().__init__()\n        self.n = n\n        self.a = nn.Linear(3, 2)\n        self.b = nn.Linear(5, 2)\n\n    def forward(self, x):\n        p, q = x.split([3, 4], dim=-1)\n        r, s = x.split([self.n, 3], dim=-1)\n        return self.a(p), self.b(r)\n\n\nm = P(5)\nm(torch.zeros(2, 8))\n`;
    const m = await model(src, 'P');
    assert.equal(layer(m, 'a').calls[0]?.output.known, false);
    assert.equal(layer(m, 'b').calls[0]?.output.known, true, 'sizes 5 + 3 add up to 8');
  });

  it('a model fed a list of dicts of tensors by a call (SAM\'s batched_input): the input comes from that call; a dict with a value the analysis does not know gives none', async () => {
    const body = `class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.enc = nn.Conv2d(3, 4, 3)\n        self.pt = nn.Linear(2, 4)\n\n    def forward(self, batched_input, multimask_output):\n        outs = []\n        for rec in batched_input:\n            f = self.enc(rec['image'].unsqueeze(0))\n            if 'point_coords' in rec:\n                p = self.pt(rec['point_coords'])\n            outs.append({'feat': f, 'size': rec['original_size']})\n        return outs\n\n\nm = M()\n`;
    // Checked in PyTorch 1.13: enc [1, 4, 6, 6] 112, pt [1, 5, 4] 12.
    const m = await model(`${HEAD}${body}out = m([{'image': torch.zeros(3, 8, 8), 'original_size': (8, 8), 'point_coords': torch.zeros(1, 5, 2)}], multimask_output=True)\n`);
    assert.deepEqual(layer(m, 'enc').calls.map((c) => (c.output.known ? c.output.shape : null)), [[1, 4, 6, 6]]);
    assert.deepEqual(layer(m, 'pt').calls.map((c) => (c.output.known ? c.output.shape : null)), [[1, 5, 4]]);
    assert.equal(m.totalParams, 124);
    const u = await model(`${HEAD}import os\n\n\n${body}out = m([{'image': torch.zeros(3, 8, 8), 'original_size': (8, 8), 'point_coords': torch.load(os.environ['P'])}], multimask_output=True)\n`);
    assert.ok(layer(u, 'enc').calls.every((c) => !c.output.known));
  });
  it('a torchvision dataset\'s classes (len(train_data.classes)) and the functional to_tensor as its transform (round 27b): known where torchvision fixes them', async () => {
    const source = (ds: string, transform: string): string => `${HEAD}from torch.utils.data import DataLoader\nfrom torchvision import datasets\nfrom torchvision.transforms import ToTensor\nfrom torchvision.transforms.functional import to_tensor\n\ntrain_data = datasets.${ds}(root="data", train=True, download=True, transform=${transform})\nmodel = nn.Sequential(nn.Flatten(), nn.Linear(3 * 32 * 32 if "CIFAR" in "${ds}" else 784, len(train_data.classes)))\nfor X, y in DataLoader(train_data, batch_size=32):\n    model(X)\n    break\n`;
    // torchvision 0.14: FashionMNIST and CIFAR10 list 10 classes, CIFAR100 100.
    for (const [ds, n] of [['FashionMNIST', 10], ['CIFAR10', 10], ['CIFAR100', 100]] as const) {
      for (const transform of ['ToTensor()', 'to_tensor']) {
        const m = analyzeText(await testParsers(), source(ds, transform), 'python').models.find((x) => x.name === 'model')!;
        assert.deepEqual(m.output, { known: true, shape: [32, n] }, `${ds} ${transform}`);
      }
    }
    // An ImageFolder's classes are its folders: not known.
    const folder = analyzeText(await testParsers(), source('ImageFolder', 'ToTensor()').replace('root="data", train=True, download=True, ', '"data", '), 'python').models.find((x) => x.name === 'model')!;
    assert.equal(folder.totalParams, null);
  });
  it('a model built in a loop over settings (`for s in [2, 4]: m = SubPixel(s); m(x)`, round 37a): no model for `m` with the last one\'s numbers; the class says what differs', async () => {
    const body = `${HEAD}class SubPixel(nn.Module):\n    def __init__(self, scale):\n        super().__init__()\n        self.conv = nn.Conv2d(3, 3 * scale ** 2, 3, padding=1)\n        self.shuffle = nn.PixelShuffle(scale)\n\n    def forward(self, x):\n        return self.shuffle(self.conv(x))\n\n\n`;
    const loop = analyzeText(await testParsers(), `${body}for s in [2, 4]:\n    m = SubPixel(s)\n    y = m(torch.zeros(1, 3, 16, 16))\n`, 'python');
    assert.deepEqual(loop.models.map((x) => x.name), ['SubPixel']);
    assert.equal(loop.models[0]!.totalParams, null);
    assert.equal(loop.models[0]!.output.known, false);
    // The same settings every time: one build, known.
    const same = analyzeText(await testParsers(), `${body}for seed in range(3):\n    m = SubPixel(2)\n    y = m(torch.zeros(1, 3, 16, 16))\n`, 'python');
    assert.deepEqual(same.models.find((x) => x.name === 'SubPixel')!.output, { known: true, shape: [1, 3, 32, 32] });
    assert.equal(same.models.find((x) => x.name === 'SubPixel')!.totalParams, 336);
    // Two statements building it in two ways: each name is a model of its own, with its numbers.
    const two = analyzeText(await testParsers(), `${body}a = SubPixel(2)\nya = a(torch.zeros(1, 3, 16, 16))\nb = SubPixel(4)\nyb = b(torch.zeros(1, 3, 16, 16))\n`, 'python');
    assert.equal(two.models.find((x) => x.name === 'a')!.totalParams, 336);
    assert.deepEqual(two.models.find((x) => x.name === 'b')!.output, { known: true, shape: [1, 3, 64, 64] });
  });
  it('batches through a DeviceDataLoader wrapper (`__iter__` yielding each batch moved to a device) and from zip(loader_a, loader_b) (round 37b): the loader\'s batch, never a count of rounds', async () => {
    const data = `${HEAD}import torchvision\nimport torchvision.transforms as T\nfrom torch.utils.data import DataLoader\n\n\ndef to_device(data, device):\n    if isinstance(data, (list, tuple)):\n        return [to_device(x, device) for x in data]\n    return data.to(device, non_blocking=True)\n\n\nclass DeviceDataLoader:\n    def __init__(self, dl, device):\n        self.dl, self.device = dl, device\n\n    def __iter__(self):\n        for b in self.dl:\n            yield to_device(b, self.device)\n\n    def __len__(self):\n        return len(self.dl)\n\n\nmnist = torchvision.datasets.MNIST("d", train=True, download=True, transform=T.ToTensor())\n`;
    const wrapped = analyzeText(await testParsers(), `${data}loader = DeviceDataLoader(DataLoader(mnist, 128, shuffle=True), torch.device("cpu"))\nmodel = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))\nsteps = 0\nfor images, labels in loader:\n    out = model(images)\n    steps += 1\nhead = nn.Linear(4, steps)\ny = head(torch.zeros(2, 4))\n`, 'python');
    assert.deepEqual(wrapped.models.find((x) => x.name === 'model')!.inputs, [[128, 1, 28, 28]]);
    assert.equal(wrapped.models.find((x) => x.name === 'head')!.totalParams, null);
    const zipped = analyzeText(await testParsers(), `${data}a = DataLoader(mnist, batch_size=64)\nb = DataLoader(mnist, batch_size=32)\nmodel = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))\nfor (xs, ys), (xt, _) in zip(a, b):\n    out = model(torch.cat([xs, xt], 0))\n    break\n`, 'python');
    assert.deepEqual(zipped.models.find((x) => x.name === 'model')!.inputs, [[96, 1, 28, 28]]);
  });
  it('the input of a summary call (torchsummary: the size without the batch, run on 2; torchinfo: with it) where no call of the code feeds the model (round 37b)', async () => {
    const net = `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.c = nn.Conv2d(1, 8, 3)\n        self.fc = nn.Linear(8 * 26 * 26, 10)\n\n    def forward(self, x):\n        return self.fc(torch.flatten(self.c(x), 1))\n\n\nmodel = Net()\n`;
    const inputOf = async (code: string): Promise<number[][]> => analyzeText(await testParsers(), code, 'python').models.find((x) => x.name === 'Net')!.inputs;
    assert.deepEqual(await inputOf(`${net}from torchsummary import summary\nsummary(model, (1, 28, 28))\n`), [[2, 1, 28, 28]]);
    assert.deepEqual(await inputOf(`${net}import torchinfo\ntorchinfo.summary(model, input_size=(16, 1, 28, 28))\n`), [[16, 1, 28, 28]]);
    assert.deepEqual(await inputOf(`${net}from torchinfo import summary\nsummary(model, input_data=torch.zeros(4, 1, 28, 28))\n`), [[4, 1, 28, 28]]);
    // torchinfo's batch_dim changes what input_size means: not read.
    assert.deepEqual(await inputOf(`${net}from torchinfo import summary\nsummary(model, input_size=(1, 28, 28), batch_dim=0)\n`), []);
    // The code's own call wins, wherever it stands (the package may be absent where the code runs).
    assert.deepEqual(await inputOf(`${net}from torchsummary import summary\nsummary(model, (1, 28, 28))\nout = model(torch.zeros(64, 1, 28, 28))\n`), [[64, 1, 28, 28]]);
  });
  it('a block\'s channel mismatch, found in the block\'s own view and in the model holding it, is one error on its line (round 37b: an Xception)', async () => {
    const r = analyzeText(await testParsers(), `${HEAD}class Block(nn.Module):\n    def __init__(self, cin, cout):\n        super().__init__()\n        self.conv = nn.Conv2d(cin, cout, 3, padding=1)\n        self.skip = nn.Conv2d(cout, cout, 1)\n\n    def forward(self, x):\n        return self.conv(x) + self.skip(x)\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.block1 = Block(8, 16)\n\n    def forward(self, x):\n        return self.block1(x)\n\n\nnet = Net()\nout = net(torch.zeros(2, 8, 5, 5))\n`, 'python');
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1, JSON.stringify(errors.map((d) => d.message.en)));
    assert.deepEqual([errors[0]!.expected, errors[0]!.actual], [16, 8]);
  });
  it('a channels-last image batch fed to a Conv2d ([B, H, W, C] with C = in_channels, round 38a): the error says to permute the input and offers no in_channels fix', async () => {
    const r = analyzeText(await testParsers(), `${HEAD}net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())\nout = net(torch.zeros(2, 32, 32, 3))\n`, 'python');
    const d = r.diagnostics.find((x) => x.severity === 'error');
    assert.ok(d && /expects 3 input channels, gets 32 .*permute\(0, 3, 1, 2\)/.test(d.message.en) && /permute/.test(d.message['zh-cn']), JSON.stringify(r.diagnostics));
    assert.equal(d.fix, undefined);
    // Channels that are simply wrong keep the fix.
    const wrong = analyzeText(await testParsers(), `${HEAD}net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())\nout = net(torch.zeros(2, 4, 32, 32))\n`, 'python');
    assert.equal(wrong.diagnostics.find((x) => x.severity === 'error')?.fix?.newText, '4');
  });
  it('nn.MultiheadAttention(10, 3): PyTorch asserts embed_dim divisible by num_heads in the constructor, so no model — no output, no count — and the error on the line (round 38a)', async () => {
    const r = analyzeText(await testParsers(), `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.att = nn.MultiheadAttention(10, 3, batch_first=True)\n        self.fc = nn.Linear(10, 2)\n\n    def forward(self, x):\n        y, _ = self.att(x, x, x)\n        return self.fc(y)\n\n\nm = Net()\nout = m(torch.zeros(2, 5, 10))\n`, 'python');
    const m = r.models.find((x) => x.name === 'Net')!;
    assert.equal(m.output.known, false);
    assert.equal(m.totalParams, null);
    assert.ok(r.diagnostics.some((d) => d.severity === 'error' && /embed_dim 10 must be divisible by num_heads 3 \(an AssertionError\)/.test(d.message.en)), JSON.stringify(r.diagnostics));
  });
  it('forward hooks as PyTorch runs them (probes 38h): one added after the model ran, or taken off by its handle before, changes nothing; one removed under an undecided condition makes the output unknown', async () => {
    const net = `${HEAD}import os\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(4, 6)\n        self.b = nn.Linear(6, 2)\n\n    def forward(self, x):\n        return self.b(self.a(x))\n\n\nm = Net()\n`;
    for (const tail of ['y = m(torch.zeros(3, 4))\nm.a.register_forward_hook(lambda mod, i, o: o.sum())\n', 'h = m.a.register_forward_hook(lambda mod, i, o: o.sum(-1))\nh.remove()\ny = m(torch.zeros(3, 4))\n', 'y = m(torch.zeros(3, 4))\nm.register_forward_hook(lambda mod, i, o: o.sum(-1))\n']) {
      const r = analyzeText(await testParsers(), `${net}${tail}`, 'python');
      assert.deepEqual(r.models.find((x) => x.name === 'Net')!.output, { known: true, shape: [3, 2] }, tail);
      assert.ok(!r.diagnostics.some((d) => d.severity === 'error'), `${tail}: ${JSON.stringify(r.diagnostics)}`);
    }
    const maybe = analyzeText(await testParsers(), `${net}h = m.register_forward_hook(lambda mod, i, o: o.sum(-1))\nif os.environ.get("PLAIN"):\n    h.remove()\ny = m(torch.zeros(3, 4))\n`, 'python');
    assert.equal(maybe.models.find((x) => x.name === 'Net')!.output.known, false);
  });
  it('a name a subclass sets only under an if / try / for of its body, or a method defined there, hides the base\'s: unknown, never the base\'s (probes 38h)', async () => {
    const base = `${HEAD}class Base(nn.Module):\n    W = 3\n\n    def head(self, x):\n        return x\n\n\n`;
    const value = analyzeText(await testParsers(), `${base}class Net(Base):\n    if Base.W < 5:\n        W = 9\n\n    def __init__(self):\n        super().__init__()\n        self.l = nn.Linear(4, self.W)\n\n    def forward(self, x):\n        return self.l(x)\n\n\nm = Net()\ny = m(torch.zeros(2, 4))\n`, 'python').models.find((x) => x.name === 'Net')!;
    assert.equal(value.totalParams, null);
    assert.equal(value.output.known, false);
    // A method deleted from the class after it is defined (`del Net.head`): the registered layer is what PyTorch reads then; not known here.
    const deleted = analyzeText(await testParsers(), `${HEAD}class Net(nn.Module):\n    def head(self, x):\n        return x\n\n    def __init__(self):\n        super().__init__()\n        self.head = nn.Linear(4, 3)\n\n    def forward(self, x):\n        return self.head(x)\n\n\ndel Net.head\nm = Net()\ny = m(torch.zeros(2, 4))\n`, 'python').models.find((x) => x.name === 'Net')!;
    assert.ok(!deleted.output.known || deleted.output.shape.join() === '2,3', JSON.stringify(deleted.output));
    const method = analyzeText(await testParsers(), `${base}class Net(Base):\n    if True:\n        def head(self, x):\n            return x[:, :1]\n\n    def __init__(self):\n        super().__init__()\n        self.l = nn.Linear(4, 3)\n\n    def forward(self, x):\n        return self.head(self.l(x))\n\n\nm = Net()\ny = m(torch.zeros(2, 4))\n`, 'python').models.find((x) => x.name === 'Net')!;
    assert.equal(method.output.known, false);
  });
  it('torch.cat of a 1-D empty tensor and tensors of too few dims for the dim asked (probes 38h): unknown (PyTorch\'s IndexError), never a shape; a bool layer size is a TypeError', async () => {
    const cat = await model(`${HEAD}class Net(nn.Module):\n    # input: (3, 2)\n    def forward(self, x):\n        return torch.cat([torch.tensor([]), x], dim=2)\n`, 'Net');
    assert.equal(cat.output.known, false);
    const r = analyzeText(await testParsers(), `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.l = nn.Linear(8, True)\n\n\nm = Net()\n`, 'python');
    assert.equal(r.models.find((x) => x.name === 'Net')!.totalParams, null);
    assert.ok(r.diagnostics.some((d) => d.severity === 'error' && /out_features is a bool \(True\)/.test(d.message.en)), JSON.stringify(r.diagnostics));
  });
  it('an Embedding given indices made as floats (`emb(torch.zeros(2, 6))`, round 38a): PyTorch\'s RuntimeError, no shape; integer indices however made are taken', async () => {
    const r = analyzeText(await testParsers(), `${HEAD}class Tok(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.emb = nn.Embedding(50, 8)\n\n    def forward(self, x):\n        return self.emb(x)\n\n\nm = Tok()\ny = m(torch.zeros(2, 6))\n`, 'python');
    assert.equal(r.models.find((x) => x.name === 'Tok')!.output.known, false);
    assert.ok(r.diagnostics.some((d) => d.severity === 'error' && /takes Long or Int indices, gets a float32 tensor \(a RuntimeError/.test(d.message.en)), JSON.stringify(r.diagnostics));
    const ints = analyzeText(await testParsers(), `${HEAD}emb = nn.Embedding(50, 8)\na = emb(torch.tensor([[1, 2, 3]]))\nb = emb(torch.randint(0, 10, (2, 6)))\nc = emb(torch.ones(2, 6, dtype=torch.long))\nd = emb(torch.zeros(2, 6).long())\n`, 'python');
    assert.ok(!ints.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(ints.diagnostics));
    assert.deepEqual(ints.models.find((x) => x.name === 'emb')!.output, { known: true, shape: [1, 3, 8] });
  });
  it('iter(loader).next(), as notebooks written before PyTorch 1.13 read a batch (round 36b): the batch, with a warning that 1.13 removed .next(); a loader\'s own .next() stays unknown', async () => {
    const source = (read: string): string => `${HEAD}from torch.utils.data import DataLoader\nfrom torchvision import datasets, transforms\n\ntrain = datasets.MNIST("data", train=True, download=True, transform=transforms.ToTensor())\nloader = DataLoader(train, batch_size=100)\nmodel = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))\nimages, labels = ${read}\nout = model(images)\n`;
    const old = analyzeText(await testParsers(), source('iter(loader).next()'), 'python');
    assert.deepEqual(old.models.find((x) => x.name === 'model')!.output, { known: true, shape: [100, 10] });
    const warning = old.diagnostics.find((d) => d.code === 'removed-api');
    assert.ok(warning && warning.severity === 'warning' && warning.range.start.line === 10 && /PyTorch 1\.13/.test(warning.message.en) && /1\.13/.test(warning.message['zh-cn']), JSON.stringify(old.diagnostics));
    // next(iter(loader)) and it.__next__() work in every release: the batch, no warning.
    for (const read of ['next(iter(loader))', 'iter(loader).__next__()']) {
      const now = analyzeText(await testParsers(), source(read), 'python');
      assert.deepEqual(now.models.find((x) => x.name === 'model')!.output, { known: true, shape: [100, 10] }, read);
      assert.ok(!now.diagnostics.some((d) => d.code === 'removed-api'), read);
    }
    // A DataLoader has no .next() in any release: not a batch.
    const loaderNext = analyzeText(await testParsers(), source('loader.next()'), 'python');
    assert.equal(loaderNext.models.find((x) => x.name === 'model')!.output.known, false);
  });
  it('a block whose constructor surely raises, built in a model\'s constructor: no instance of the model exists either — no output, no count (hostile-input probes 27h)', async () => {
    const source = `${HEAD}class Child(nn.Module):\n    def __init__(self):\n        super().__init__()\n        raise ValueError("not supported")\n\n\nclass Net(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n        self.child = Child()\n\n    def forward(self, x):\n        return self.fc(x)\n`;
    const m = analyzeText(await testParsers(), source, 'python').models.find((x) => x.name === 'Net')!;
    assert.equal(m.output.known, false);
    assert.equal(m.totalParams, null);
    // Caught around the call, the model is built without it.
    const caught = analyzeText(await testParsers(), source.replace('        self.child = Child()\n', '        try:\n            self.child = Child()\n        except ValueError:\n            self.child = None\n'), 'python').models.find((x) => x.name === 'Net')!;
    assert.deepEqual(caught.output, { known: true, shape: [2, 3] });
    assert.equal(caught.totalParams, 15);
  });
  it('a vocabulary counted with collections.Counter and a split by torch.randperm indices (round 27b): known as Python and PyTorch give them', async () => {
    const counted = `${HEAD}from collections import Counter\n\ncorpus = [s.lower().split() for s in ["king is a strong man", "queen is a wise woman", "paris is a city", "apple is red"]]\nvocab = sorted(Counter(w for sent in corpus for w in sent).keys())\n\n\nclass CBOW(nn.Module):\n    def __init__(self, vocab_size, dim):\n        super().__init__()\n        self.emb = nn.Embedding(vocab_size, dim)\n        self.out = nn.Linear(dim, vocab_size)\n\n    def forward(self, idx):\n        return self.out(self.emb(idx).mean(dim=1))\n\n\nmodel = CBOW(len(vocab), 10)\nmodel(torch.zeros(8, 4, dtype=torch.long))\n`;
    // Python 3.11 + PyTorch 1.13: 12 distinct words, 12·10 + 10·12 + 12 = 252 parameters, output [8, 12].
    const m = analyzeText(await testParsers(), counted, 'python').models.find((x) => x.name === 'CBOW')!;
    assert.equal(m.totalParams, 252);
    assert.deepEqual(m.output, { known: true, shape: [8, 12] });
    const split = `${HEAD}t_u = torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]).unsqueeze(1)\nn_val = int(0.2 * t_u.shape[0])\nshuffled = torch.randperm(t_u.shape[0])\nval = 0.1 * t_u[shuffled[-n_val:]]\nlinear = nn.Linear(1, 1)\nlinear(val)\n`;
    const l = analyzeText(await testParsers(), split, 'python').models.find((x) => x.name === 'linear')!;
    assert.deepEqual(l.output, { known: true, shape: [2, 1] });
  });

  it('LightningModules under each import name are models; save_hyperparameters from a base class __init__ leaves hparams unknown', async () => {
    const body = (base: string): string => `class Net(${base}):\n    def __init__(self, width=8):\n        super().__init__()\n        self.save_hyperparameters()\n        self.fc = nn.Linear(4, self.hparams.width)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nnet = Net()\nnet(torch.zeros(2, 4))\n`;
    const forms: [string, string][] = [['import pytorch_lightning as pl\n', 'pl.LightningModule'], ['import lightning as L\n', 'L.LightningModule'], ['import lightning.pytorch as pl\n', 'pl.LightningModule'], ['from lightning.pytorch import LightningModule\n', 'LightningModule'], ['from pytorch_lightning.core.lightning import LightningModule\n', 'LightningModule']];
    for (const [imp, base] of forms) {
      const m = analyzeText(await testParsers(), HEAD + imp + body(base), 'python').models.find((x) => x.name === 'Net');
      assert.ok(m, base);
      assert.equal(m.totalParams, 40, imp);
      assert.deepEqual(m.output, { known: true, shape: [2, 8] }, imp);
    }
    // Lightning gathers the arguments of every __init__ on the way (the subclass's too): not followed.
    const viaBase = `${HEAD}import pytorch_lightning as pl\n\nclass Base(pl.LightningModule):\n    def __init__(self, width=8):\n        super().__init__()\n        self.save_hyperparameters()\n\n\nclass Net(Base):\n    def __init__(self, depth=2):\n        super().__init__(width=16)\n        self.fc = nn.Linear(4, self.hparams.width)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nnet = Net()\nnet(torch.zeros(2, 4))\n`;
    const m = analyzeText(await testParsers(), viaBase, 'python').models.find((x) => x.name === 'Net')!;
    assert.equal(m.totalParams, null);
    assert.equal(m.output.known, false);
  });

  it('a def after `global name` in a function rebinds the module\'s function; getattr(Class, name, default) of an attribute code sets on the class is unknown, not the default (probes, round 26e: b21, h11)', async () => {
    // PyTorch: upgrade() replaces create_model, so the model is Linear(8, 19) → ReLU → Linear(19, 2): 211 parameters.
    const rebound = `${HEAD}def create_model():\n    return nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 2))\n\n\ndef upgrade():\n    global create_model\n\n    def create_model():\n        return nn.Sequential(nn.Linear(8, 19), nn.ReLU(), nn.Linear(19, 2))\n\n\nupgrade()\nm = create_model()\ny = m(torch.zeros(2, 8))\n`;
    const m = analyzeText(await testParsers(), rebound, 'python').models.find((x) => x.name === 'm')!;
    assert.equal(m.totalParams, 211);
    // PyTorch: the classmethod set Cfg.width = 12 before getattr read it (output [2, 12]), never the default 5.
    const viaClassmethod = `${HEAD}class Cfg:\n    @classmethod\n    def setup(cls):\n        cls.width = 12\n\n\nCfg.setup()\nmodel = nn.Linear(8, getattr(Cfg, "width", 5))\ny = model(torch.zeros(2, 8))\n`;
    const l = analyzeText(await testParsers(), viaClassmethod, 'python').models.find((x) => x.name === 'model')!;
    assert.equal(l.totalParams, null);
    assert.equal(l.output.known, false);
  });

  it('an undecided `x if c else y` or `c and f()` whose sides call something runs them as an if / else does: what they change is unknown after, never one side\'s value', async () => {
    const code = `${HEAD}import random\n\ncfg = {"w": 4}\n\n\ndef widen():\n    cfg["w"] = 8\n\n\nwiden() if random.random() < 0.5 else None\nm = nn.Sequential(nn.Linear(3, cfg["w"]))\ny = m(torch.zeros(2, 3))\nother = {"w": 4}\n\n\ndef widen_other():\n    other["w"] = 8\n\n\nrandom.random() < 0.5 and widen_other()\nm2 = nn.Sequential(nn.Linear(3, other["w"]))\ny2 = m2(torch.zeros(2, 3))\nsure = {"w": 4}\n\n\ndef widen_sure():\n    sure["w"] = 8\n\n\nwiden_sure() if len("ab") == 2 else None\nm3 = nn.Sequential(nn.Linear(3, sure["w"]))\ny3 = m3(torch.zeros(2, 3))\n`;
    const models = analyzeText(await testParsers(), code, 'python').models;
    const total = (name: string): number | null | undefined => models.find((x) => x.name === name)?.totalParams;
    assert.equal(total('m'), null);
    assert.equal(total('m2'), null);
    // Decided: widen_sure() runs, Linear(3, 8) (32 parameters in PyTorch).
    assert.equal(total('m3'), 32);
  });

  it('a model the code builds in a factory and runs only through its methods (encode, then project) lists each method\'s layers (round 28b: a Transformer notebook\'s build_transformer)', async () => {
    const code = `${HEAD}class T(nn.Module):\n    def __init__(self, f):\n        super().__init__()\n        self.a = nn.Linear(f, 8)\n        self.b = nn.Linear(8, 2)\n\n    def encode(self, x):\n        return self.a(x)\n\n    def project(self, h):\n        return self.b(h)\n\n\ndef build(f):\n    model = T(f)\n    return model\n\n\nprobe = T(5)\nmodel = build(6)\nh = model.encode(torch.zeros(2, 6))\ny = model.project(h)\n`;
    const m = analyzeText(await testParsers(), code, 'python').models.find((x) => x.name === 'model')!;
    // PyTorch: a [2, 8] (56 parameters), then b [2, 2] (18).
    assert.deepEqual(m.layers.map((l) => (l.output.known ? l.output.shape : null)), [[2, 8], [2, 2]]);
    assert.deepEqual(m.laterMethods, [{ method: 'project', inputs: [[2, 8]] }]);
  });

  it('getattr(Class or self, name, default) of an attribute the class body has but code changes, sets on the class, or deletes is unknown, never the default (probes, round 28h)', async () => {
    // PyTorch: 30 (Cfg.hidden is 6 when Net is built), 50 (Net.hidden = 10), 25 (del: the default 5).
    const cases = [
      'class Cfg:\n    hidden = 3\n\n\nCfg.hidden = 6\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, getattr(Cfg, "hidden", 5))\n',
      'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, getattr(self, "hidden", 2))\n\n\nNet.hidden = 10\n',
      'class Cfg:\n    hidden = 4\n\n\ndel Cfg.hidden\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, getattr(Cfg, "hidden", 5))\n',
    ];
    for (const body of cases) {
      const m = analyzeText(await testParsers(), `${HEAD}${body}\n    def forward(self, x):\n        return self.fc(x)\n\n\nnet = Net()\ny = net(torch.zeros(2, 4))\n`, 'python').models.find((x) => x.name === 'Net')!;
      assert.equal(m.totalParams, null, body);
    }
  });

  it('what a function nothing calls writes to the module (`global W; W = 9`, `global f; def f()`, `SIZES.append`) is not seen by the code that runs; a class a function defines after `global Block` is not the file\'s Block (probes, round 28h)', async () => {
    const model = (top: string, width: string): string => `${HEAD}${top}\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, ${width})\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nnet = Net()\ny = net(torch.zeros(2, 4))\n`;
    // PyTorch: setup() and grow() never run, so W is 3, f() is 3 and SIZES has 2 items: 15, 15 and 10 parameters.
    const cases: [string, string, number | null][] = [
      ['W = 3\n\n\ndef setup():\n    global W\n    W = 9', 'W', 15],
      ['def f():\n    return 3\n\n\ndef setup():\n    global f\n\n    def f():\n        return 7', 'f()', 15],
      ['SIZES = [1, 2]\n\n\ndef grow():\n    SIZES.append(3)', 'len(SIZES)', 10],
    ];
    for (const [top, width, total] of cases) {
      const m = analyzeText(await testParsers(), model(top, width), 'python').models.find((x) => x.name === 'Net')!;
      assert.equal(m.totalParams, total, top);
    }
    // patch() runs: Block is the class it defines (Linear(4, 8) in PyTorch), which the analysis does not follow: unknown, never the first Block's 20.
    const patched = `${HEAD}class Block(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\ndef patch():\n    global Block\n\n    class Block(nn.Module):\n        def __init__(self):\n            super().__init__()\n            self.fc = nn.Linear(4, 8)\n\n        def forward(self, x):\n            return self.fc(x)\n\n\npatch()\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.b = Block()\n\n    def forward(self, x):\n        return self.b(x)\n\n\nnet = Net()\ny = net(torch.zeros(2, 4))\n`;
    const b = analyzeText(await testParsers(), patched, 'python').models.find((x) => x.name === 'Net')!;
    assert.equal(b.totalParams, null);
  });

  it('a chained comparison evaluates an operand only when the comparisons before it held (`5 < bump() < bump()` runs bump once; probes, round 28h)', async () => {
    const code = `${HEAD}c = [0]\n\n\ndef bump():\n    c[0] += 1\n    return c[0]\n\n\nr = 5 < bump() < bump()\nm = nn.Sequential(nn.Linear(4, c[0] + 2))\ny = m(torch.zeros(2, 4))\n`;
    // PyTorch: 5 < 1 is False, the second bump() never runs: Linear(4, 3), 15 parameters.
    assert.equal(analyzeText(await testParsers(), code, 'python').models.find((x) => x.name === 'm')?.totalParams, 15);
  });
});

describe('windows of data whose length only the run decides (nanoGPT get_batch; round 29b)', () => {
  const batches = (draw: string, cut: string): string =>
    `${HEAD}import numpy as np\n\ntrain = np.memmap("train.bin", dtype=np.uint16, mode="r")\nval = np.memmap("val.bin", dtype=np.uint16, mode="r")\nix = torch.randint(${draw}, (4,))\nx = torch.stack([torch.from_numpy(${cut}.astype(np.int64)) for i in ix])\nm = nn.Sequential(nn.Embedding(100, 8))\ny = m(x)\n`;
  const input = async (code: string): Promise<number[][] | undefined> => analyzeText(await testParsers(), code, 'python').models.find((x) => x.name === 'm')?.inputs;

  it('are [batch, T] where every draw keeps the window inside the data', async () => {
    assert.deepEqual(await input(batches('len(train) - 8', 'train[i:i + 8]')), [[4, 8]]);
    assert.deepEqual(await input(batches('len(train) - 8', 'train[i + 1:i + 1 + 7]')), [[4, 7]]);
  });

  it('are not known where a draw may run past the end, or the window is cut from other data', async () => {
    // PyTorch: a window at an index near the end is shorter (and torch.stack then fails on unequal sizes).
    for (const [draw, cut] of [['len(train)', 'train[i:i + 8]'], ['len(train) - 7', 'train[i + 1:i + 8 + 1]'], ['len(train) - 8', 'val[i:i + 8]'], ['len(train) - 8', 'train[:100][i:i + 8]']]) {
      assert.deepEqual(await input(batches(draw!, cut!)), [], `${draw} / ${cut}`);
    }
  });
});

describe('a wrapper built twice from blocks of the code\'s own classes (round 29b)', () => {
  const code = (second: number): string =>
    `${HEAD}class Encoder(nn.Module):\n    def __init__(self, hidden=50):\n        super().__init__()\n        self.rnn = nn.RNN(1, hidden, batch_first=True)\n\n    def forward(self, x):\n        return self.rnn(x)\n\n\nclass Decoder(nn.Module):\n    def __init__(self, hidden=50):\n        super().__init__()\n        self.out = nn.Linear(hidden, 1)\n\n    def forward(self, h):\n        return self.out(h)\n\n\nclass Wrapper(nn.Module):\n    def __init__(self, encoder, decoder):\n        super().__init__()\n        self.encoder = encoder\n        self.decoder = decoder\n\n    def forward(self, x):\n        out, h = self.encoder(x)\n        return self.decoder(out)\n\n\nmodel = Wrapper(Encoder(hidden=50), Decoder(hidden=50))\ny = model(torch.zeros(64, 50, 1))\nmodel = Wrapper(Encoder(hidden=${second}), Decoder(hidden=${second}))\ny = model(torch.zeros(64, 50, 1))\n`;
  const wrapper = async (second: number): Promise<number | null | undefined> => analyzeText(await testParsers(), code(second), 'python').models.find((m) => m.name === 'Wrapper')?.totalParams;

  it('of alike blocks: known (PyTorch: RNN 2,650 + Linear 51)', async () => {
    assert.equal(await wrapper(50), 2701);
  });

  it('of blocks of other sizes: unknown, never the first build\'s', async () => {
    assert.equal(await wrapper(40), null);
  });
});

describe('an import inside a block or a function rebinds the name where it runs (round 30h probes)', () => {
  const width = async (top: string): Promise<number | null | undefined> =>
    analyzeText(await testParsers(), `${HEAD}text = "ab"\n${top}\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, W)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nnet = Net()\ny = net(torch.zeros(2, 4))\n`, 'python').models.find((m) => m.name === 'Net')?.totalParams;

  it('the earlier value is gone after it (PyTorch: string.digits, 10 characters; the analysis does not read it: unknown, never 2)', async () => {
    for (const top of ['flag = len(text) > 5\nif flag:\n    pass\nelse:\n    from string import digits as text\nW = len(text)', 'for _ in range(1):\n    from string import digits as text\nW = len(text)', '\n\ndef load():\n    global text\n    from string import digits as text\n\n\nload()\nW = len(text)']) {
      assert.equal(await width(top), null, top);
    }
  });

  it('a function\'s own import is the function\'s: the module\'s name keeps its value (PyTorch: W = 2, Linear(4, 2) has 10 parameters)', async () => {
    assert.equal(await width('\n\ndef load():\n    from string import digits as text\n    return text\n\n\nk = load()\nW = len(text)'), 10);
  });
});

describe('a module a function makes, the function called from several places (round 34a: a SAGAN notebook\'s loss in find_latent)', () => {
  const code = (third: string): string =>
    `${HEAD}def fit(target):\n    crit = nn.MSELoss()\n    head = nn.Linear(4, 4)\n    return crit(head(target), target)\n\n\na = fit(torch.zeros(2, 4))\nb = fit(torch.zeros(2, 4))\nfor _ in range(3):\n    c = fit(${third})\n`;
  const listed = async (third: string): Promise<string[]> => analyzeText(await testParsers(), code(third), 'python').models.map((m) => `${m.name} ${m.inputs.map((s) => s.join('x')).join(',')}`);

  it('is listed once when every call gives it the same tensors', async () => {
    assert.deepEqual(await listed('torch.zeros(2, 4)'), ['crit 2x4,2x4', 'head 2x4']);
  });

  it('is listed per distinct input when the calls differ', async () => {
    assert.deepEqual(await listed('torch.zeros(5, 4)'), ['crit 2x4,2x4', 'crit 5x4,5x4', 'head 2x4', 'head 5x4']);
  });
});

describe('a class a registry records that takes **kwargs and passes them on, nothing in the file building it (round 35b: registry-built ResNets, num_classes from YAML)', () => {
  const code = (below: string, decorator = '@register("wide")\n'): string =>
    `${HEAD}REGISTRY = {}\n\n\ndef register(name):\n    def deco(cls):\n        REGISTRY[name] = cls\n        return cls\n\n    return deco\n\n\nclass Backbone(nn.Module):\n    def __init__(self, width=16, num_classes=10):\n        super().__init__()\n        self.conv = nn.Conv2d(3, width, 3, padding=1)\n        self.fc = nn.Linear(width, num_classes)\n\n    def forward(self, x):\n        return self.fc(self.conv(x).mean((2, 3)))\n\n\n${decorator}class Wide(Backbone):\n    def __init__(self, **kwargs):\n        super().__init__(width=64, **kwargs)\n${below}`;
  const wide = async (below: string, decorator?: string): Promise<ModelInfo> => analyzeText(await testParsers(), code(below, decorator), 'python').models.find((m) => m.name === 'Wide')!;

  it('without a registry decorator: the defaults, as `Wide()` builds it (PyTorch: fc 650)', async () => {
    assert.equal((await wide('', '')).layers.find((l) => l.path === 'fc')?.params, 650);
  });

  it('what a caller would pass through them is unknown, said why; what the class passes itself is known (PyTorch: conv 1,792)', async () => {
    const m = await wide('');
    assert.equal(m.layers.find((l) => l.path === 'conv')?.params, 1792);
    assert.equal(m.layers.find((l) => l.path === 'fc')?.params, null);
    assert.match(m.totalParamsUnknown?.en ?? '', /'\*\*kwargs' has no value here/);
  });

  it('built in the file, with or without arguments: what that build gives (PyTorch: fc 650, or 6,500 with num_classes=100)', async () => {
    assert.equal((await wide('\n\nnet = Wide()\n')).layers.find((l) => l.path === 'fc')?.params, 650);
    assert.equal((await wide('\n\nnet = Wide(num_classes=100)\n')).layers.find((l) => l.path === 'fc')?.params, 6500);
  });
});

describe('a model scripted, traced or compiled before it is called (round 35d: `m = torch.jit.script(Model()); m(x)`)', () => {
  const code = (wrap: string): string =>
    `${HEAD}class Scorer(nn.Module):\n    def __init__(self, d_in: int = 20, d_out: int = 6):\n        super().__init__()\n        self.fc1 = nn.Linear(d_in, 32)\n        self.fc2 = nn.Linear(32, d_out)\n\n    def forward(self, x: torch.Tensor) -> torch.Tensor:\n        return self.fc2(torch.relu(self.fc1(x)))\n\n\nm = ${wrap}\ny = m(torch.randn(3, 20))\n`;

  it('is the module: its input is the wrapper\'s call (PyTorch: [3, 6], 870 parameters)', async () => {
    for (const wrap of ['torch.jit.script(Scorer())', 'torch.jit.trace(Scorer(), torch.randn(3, 20))', 'torch.compile(Scorer())', 'torch.compile(model=Scorer(), mode="max-autotune")']) {
      const m = analyzeText(await testParsers(), code(wrap), 'python').models.find((x) => x.name === 'Scorer')!;
      assert.deepEqual(m.inputs, [[3, 20]], wrap);
      assert.deepEqual(m.output.known ? m.output.shape : null, [3, 6], wrap);
      assert.equal(m.totalParams, 870, wrap);
    }
  });
});

describe('a forward that returns a tuple (round 35d: models showing only their first output)', () => {
  it('lists each item\'s shape beside the first (PyTorch: [4, 3] and [4, 5]; None where the item is None)', async () => {
    const src = `${HEAD}class TwoHeads(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(8, 3)\n        self.b = nn.Linear(8, 5)\n\n    def forward(self, x):\n        return self.a(x), (self.b(x), x), None\n\n\nm = TwoHeads()\ny = m(torch.randn(4, 8))\n`;
    const m = analyzeText(await testParsers(), src, 'python').models.find((x) => x.name === 'TwoHeads')!;
    assert.deepEqual(m.output.known ? m.output.shape : null, [4, 3]);
    assert.deepEqual(m.outputs?.map((o) => (o.known ? o.shape : o.reason.en)), [[4, 3], [4, 5], 'None']);
    const one = analyzeText(await testParsers(), src.replace('return self.a(x), (self.b(x), x), None', 'return self.a(x)'), 'python').models.find((x) => x.name === 'TwoHeads')!;
    assert.equal(one.outputs, undefined);
  });
});

describe('a forward reading an attribute no code sets (a typo: `self.covn1`) — AttributeError, checked against PyTorch in missingAttribute.py', () => {
  // Each of these runs in PyTorch 1.13 (written for Model Lens and run there): the attribute is set,
  // or may be, by code the text shows — no AttributeError may be reported.
  const mayBeSet: [string, string][] = [
    ["set by setattr with a name from a parameter", "class Net(nn.Module):\n    def __init__(self, names=(\"enc\",)):\n        super().__init__()\n        for n in names:\n            setattr(self, n, nn.Linear(4, 4))\n\n    def forward(self, x):\n        return self.enc(x)\n\nprint(Net()(torch.zeros(2, 4)).shape)\n"],
    ["set on the instance by code after construction", "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n\n    def forward(self, x):\n        return self.extra(self.fc(x))\n\nnet = Net()\nnet.extra = nn.ReLU()\nprint(net(torch.zeros(2, 4)).shape)\n"],
    ["set by another method (a tuple target) before the call", "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.rnn = nn.GRU(4, 8, batch_first=True)\n\n    def reset(self, b):\n        self.h, self.c = torch.zeros(1, b, 8), None\n\n    def forward(self, x):\n        y, self.h = self.rnn(x, self.h)\n        return y\n\nnet = Net()\nnet.reset(2)\nprint(net(torch.zeros(2, 3, 4)).shape)\n"],
    ["read by a base class whose subclass sets it", "class Base(nn.Module):\n    def forward(self, x):\n        return self.head(x)\n\nclass Net(Base):\n    def __init__(self):\n        super().__init__()\n        self.head = nn.Linear(4, 2)\n\nprint(Net()(torch.zeros(2, 4)).shape)\n"],
    ["answered by the class's own __getattr__", "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n\n    def __getattr__(self, name):\n        if name == 'alias':\n            return self.fc\n        return super().__getattr__(name)\n\n    def forward(self, x):\n        return self.alias(x)\n\nprint(Net()(torch.zeros(2, 4)).shape)\n"],
    ["set through self.__dict__.update(kwargs)", "class Net(nn.Module):\n    def __init__(self, **kw):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n        self.__dict__.update(kw)\n\n    def forward(self, x):\n        return self.fc(x) * self.scale\n\nprint(Net(scale=2.0)(torch.zeros(2, 4)).shape)\n"],
    ["guarded by hasattr(self, \u2026)", "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n\n    def forward(self, x):\n        if hasattr(self, 'proj'):\n            x = self.proj(x)\n        return self.fc(x)\n\nprint(Net()(torch.zeros(2, 4)).shape)\n"],
    ["on a torch.nn container subclass", "from torch.nn import Sequential\n\nclass Net(Sequential):\n    def __init__(self):\n        super().__init__(nn.Linear(4, 4))\n\n    def forward(self, x):\n        return self[0](x)\n\nprint(Net()(torch.zeros(2, 4)).shape)\n"],
    ["added by add_module(f\"\u2026\")", "class Net(nn.Module):\n    def __init__(self, n=2):\n        super().__init__()\n        for i in range(n):\n            self.add_module(f\"layer{i}\", nn.Linear(4, 4))\n\n    def forward(self, x):\n        return self.layer1(self.layer0(x))\n\nprint(Net()(torch.zeros(2, 4)).shape)\n"],
    ["read inside try / except AttributeError", "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n\n    def forward(self, x):\n        try:\n            x = self.pre(x)\n        except AttributeError:\n            pass\n        return self.fc(x)\n\nprint(Net()(torch.zeros(2, 4)).shape)\n"],
  ];
  for (const [how, body] of mayBeSet) {
    it(`no error when it is ${how}`, async () => {
      const r = analyzeText(await testParsers(), `${HEAD}${body}`, 'python');
      assert.deepEqual(r.diagnostics.filter((d) => /has no attribute/.test(d.message.en)).map((d) => d.message.en), []);
    });
  }

  it('a read in a comment or a string elsewhere does not count; a near name is suggested', async () => {
    const body = `class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv1 = nn.Conv2d(1, 4, 3)  # later: self.covn1 = nn.Identity()\n\n    def forward(self, x):\n        return self.covn1(x)\n\n\nNet()(torch.zeros(1, 1, 8, 8))\n`;
    const r = analyzeText(await testParsers(), `${HEAD}${body}`, 'python');
    assert.deepEqual(r.diagnostics.map((d) => d.message.en), ["AttributeError: 'Net' object has no attribute 'covn1' (no code sets it; did you mean 'conv1'?)"]);
    const quoted = analyzeText(await testParsers(), `${HEAD}${body}NAME = 'covn1'\n`, 'python');
    assert.deepEqual(quoted.diagnostics.map((d) => d.message.en), []);
  });
});

describe('a model changed through a copy or a wrapper after it was built (probes 39h W2, W3, W6; numbers from PyTorch 1.13)', () => {
  const NET = 'import copy\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.body = nn.Linear(8, 6)\n        self.fc = nn.Linear(6, 3)\n\n    def forward(self, x):\n        return self.fc(self.body(x))\n\n\n';
  const net = async (tail: string): Promise<ModelInfo> => analyzeText(await testParsers(), `${HEAD}${NET}${tail}`, 'python').models.find((x) => x.name === 'Net')!;
  it('a deep copy run after its original changed is the copy as it was (PyTorch: [4, 3], 75); the class, built two ways, is unknown where they differ (probes 44h W1)', async () => {
    const r = analyzeText(await testParsers(), `${HEAD}${NET}base = Net()\nclone = copy.deepcopy(base)\nbase.fc = nn.Linear(6, 9)\ny = clone(torch.randn(4, 8))\n`, 'python');
    const clone = r.models.find((x) => x.name === 'clone')!;
    assert.deepEqual([clone.output, clone.totalParams], [{ known: true, shape: [4, 3] }, 75]);
    const cls = r.models.find((x) => x.name === 'Net')!;
    assert.deepEqual([cls.output.known, cls.totalParams], [false, null]);
  });
  it('a copy made after eval() is in eval mode too; a forward hook on one instance leaves the class\'s output unknown (probes 46h D1, D2)', async () => {
    const cls = 'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(8, 6)\n        self.b = nn.Linear(6, 2)\n\n    def forward(self, x):\n        h = self.a(x)\n        if self.training:\n            return h\n        return self.b(h)\n\n\n';
    const copied = analyzeText(await testParsers(), `${HEAD}import copy\n\n\n${cls}a = Net()\na.eval()\nb = copy.deepcopy(a)\ny = b(torch.randn(4, 8))\n`, 'python');
    assert.deepEqual(copied.models.find((x) => x.name === 'Net')?.output, { known: true, shape: [4, 2] });
    const hooked = analyzeText(await testParsers(), `${HEAD}${cls}a = Net()\nb = Net()\nb.register_forward_hook(lambda m, i, o: o[:, :1])\nx = torch.randn(4, 8)\nya = a(x)\nyb = b(x)\n`, 'python');
    assert.equal(hooked.models.find((x) => x.name === 'Net')?.output.known, false);
    assert.deepEqual(['a', 'b'].map((n) => hooked.models.find((x) => x.name === n)?.output), [{ known: true, shape: [4, 6] }, { known: true, shape: [4, 1] }]);
  });

  it('two instances alike but one in eval mode, the forward branching on self.training: the class\'s output unknown, each instance its own (probes 44h W2)', async () => {
    const code = `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(8, 6)\n        self.b = nn.Linear(6, 2)\n\n    def forward(self, x):\n        h = self.a(x)\n        if self.training:\n            return h\n        return self.b(h)\n\n\nteacher = Net()\nteacher.eval()\nstudent = Net()\nx = torch.randn(4, 8)\nt = teacher(x)\ns = student(x)\n`;
    const r = analyzeText(await testParsers(), code, 'python');
    assert.equal(r.models.find((x) => x.name === 'Net')?.output.known, false);
    assert.deepEqual(['teacher', 'student'].map((n) => r.models.find((x) => x.name === n)?.output), [{ known: true, shape: [4, 2] }, { known: true, shape: [4, 6] }]);
  });
  it('a layer swapped through nn.DataParallel\'s .module is what the wrapper runs (PyTorch: [4, 10], 124)', async () => {
    const m = await net('m = nn.DataParallel(Net())\nm.module.fc = nn.Linear(6, 10)\ny = m(torch.randn(4, 8))\n');
    assert.deepEqual([m.output, m.totalParams], [{ known: true, shape: [4, 10] }, 124]);
  });
  it('a layer set on a shallow copy (copy.copy shares _modules) is the original\'s too (PyTorch: [4, 9], 117)', async () => {
    const m = await net('base = Net()\nc = copy.copy(base)\nc.fc = nn.Linear(6, 9)\ny = base(torch.randn(4, 8))\n');
    assert.deepEqual([m.output, m.totalParams], [{ known: true, shape: [4, 9] }, 117]);
  });
});

describe('a torchvision dataset whose transform the code changes after building it (probes 39h F1: a false "expects 196 features" error)', () => {
  const script = (change: string): string => `${HEAD}from torch.utils.data import DataLoader, Dataset\nfrom torchvision import datasets, transforms\n\n\nclass Pairs(Dataset):\n    def __init__(self, transform=None):\n        self.transform = transform\n\n\ntf = transforms.Compose([transforms.ToTensor()])\nds = datasets.MNIST('./data', download=False, transform=tf)\n${change}\nloader = DataLoader(ds, batch_size=4)\nm = nn.Sequential(nn.Flatten(), nn.Linear(196, 3))\nx, y = next(iter(loader))\nout = m(x)\n`;
  // PyTorch 1.13 with fake MNIST files: x [4, 1, 14, 14], out [4, 3] for each change below.
  for (const change of ['ds.transform = transforms.Compose([transforms.Resize(14), transforms.ToTensor()])', 'tf.transforms.insert(0, transforms.Resize(14))', 'tf.transforms[0] = transforms.Compose([transforms.Resize(14), transforms.ToTensor()])', "setattr(ds, 'transform', transforms.Compose([transforms.Resize(14), transforms.ToTensor()]))"]) {
    it(`${change}: the input is unknown, no error`, async () => {
      const r = analyzeText(await testParsers(), script(change), 'python');
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en), []);
      assert.equal(r.models.find((x) => x.name === 'm')?.inputs.length, 0);
    });
  }
  it('a Dataset class setting self.transform does not count: the MNIST input stays known (and its mismatch an error)', async () => {
    const r = analyzeText(await testParsers(), script(''), 'python');
    assert.deepEqual(r.models.find((x) => x.name === 'm')?.inputs, [[4, 1, 28, 28]]);
    assert.equal(r.diagnostics.filter((d) => d.severity === 'error').length, 1);
  });
});

describe('config objects Python builds or refuses to change (probes 39h W4, W5; numbers from PyTorch 1.13)', () => {
  const out = async (src: string): Promise<ModelInfo['output']> => analyzeText(await testParsers(), `${HEAD}${src}m = nn.Linear(4, c.hid)\ny = m(torch.randn(3, 4))\n`, 'python').models.find((x) => x.name === 'm')!.output;
  it('a subclass of a NamedTuple or dataclass without an __init__ of its own is built from the base\'s fields ([3, 11])', async () => {
    const nt = 'from typing import NamedTuple\n\n\nclass Cfg(NamedTuple):\n    inp: int = 4\n    hid: int = 7\n\n\nclass Big(Cfg):\n    pass\n\n\n';
    assert.deepEqual(await out(`${nt}c = Big(4, 11)\n`), { known: true, shape: [3, 11] });
    assert.deepEqual(await out(`${nt}c = Big(hid=11)\n`), { known: true, shape: [3, 11] });
    const dc = 'from dataclasses import dataclass\n\n\n@dataclass\nclass Cfg:\n    inp: int = 4\n    hid: int = 7\n\n\nclass Big(Cfg):\n    extra: int = 2\n\n\n';
    assert.deepEqual(await out(`${dc}c = Big(4, 11)\n`), { known: true, shape: [3, 11] });
  });
  it('an assignment to a frozen dataclass or a NamedTuple raises, caught: the value stays ([3, 8])', async () => {
    assert.deepEqual(await out('from dataclasses import dataclass\n\n\n@dataclass(frozen=True)\nclass Cfg:\n    hid: int = 8\n\n\nc = Cfg()\ntry:\n    c.hid = 3\nexcept AttributeError:\n    pass\n'), { known: true, shape: [3, 8] });
    assert.deepEqual(await out('from typing import NamedTuple\n\n\nclass Cfg(NamedTuple):\n    hid: int = 8\n\n\nc = Cfg()\ntry:\n    c.hid = 3\nexcept Exception:\n    pass\n'), { known: true, shape: [3, 8] });
  });
});

describe('a PackedSequence indexed as the named tuple it is (round 40a: a show-and-tell decoder\'s `self.linear(hiddens[0])`)', () => {
  it('[0] is its data: PyTorch 1.13 gives [12, 100] for lengths [7, 5]', async () => {
    const src = `${HEAD}from torch.nn.utils.rnn import pack_padded_sequence\n\n\nclass Decoder(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.embed = nn.Embedding(100, 32)\n        self.lstm = nn.LSTM(32, 64, batch_first=True)\n        self.linear = nn.Linear(64, 100)\n\n    def forward(self, features, captions, lengths):\n        e = torch.cat((features.unsqueeze(1), self.embed(captions)), 1)\n        hiddens, _ = self.lstm(pack_padded_sequence(e, lengths, batch_first=True))\n        return self.linear(hiddens[0])\n\n\nd = Decoder()\nout = d(torch.zeros(2, 32), torch.zeros(2, 6, dtype=torch.long), [7, 5])\n`;
    const m = analyzeText(await testParsers(), src, 'python').models.find((x) => x.name === 'Decoder')!;
    assert.deepEqual(m.output, { known: true, shape: [12, 100] });
  });
});

describe('a negative slice step in a forward (`x[:, ::-1]`): a torch tensor refuses it, a NumPy array reverses (probes 40h B1)', () => {
  const src = (forward: string, call: string): string => `${HEAD}import numpy as np\n\n\nclass Rev(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.proj = nn.Linear(6, 3)\n\n    def forward(self, x):\n${forward}\n\n\nm = Rev()\ny = ${call}\n`;
  it('the value after it is unknown, not the reversed shape PyTorch never makes; no error, as the value may be an array', async () => {
    // PyTorch 1.13: `x[:, ::-1]` on a tensor raises ValueError: step must be greater than zero.
    const r = analyzeText(await testParsers(), src('        return self.proj(x[:, ::-1])', 'm(torch.zeros(2, 5, 6))'), 'python');
    const m = r.models.find((x) => x.name === 'Rev')!;
    assert.equal(m.output.known, false);
    assert.match(m.output.known ? '' : m.output.reason.en, /negative slice step/);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en), []);
  });
  it('an array reaching the forward as an argument reverses in PyTorch\'s run ([2, 5, 3]): no error there either', async () => {
    const r = analyzeText(await testParsers(), src('        return self.proj(torch.from_numpy(x[:, ::-1].copy()).float())', 'm(np.zeros((2, 5, 6)))'), 'python');
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en), []);
  });
});

describe('probes 40h: code that runs in PyTorch 1.13 gets no error, and what the analysis cannot follow is unknown', () => {
  const run = async (body: string) => analyzeText(await testParsers(), `${HEAD}${body}`, 'python');
  const errors = (r: ReturnType<typeof analyzeText>): string[] => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en);
  it('attributes a class gets by computed names are not reported missing (parse_args(namespace=self), a computed _buffers key)', async () => {
    for (const init of ["        import argparse\n        p = argparse.ArgumentParser()\n        p.add_argument('--hidden-scale', type=float, default=2.0)\n        p.parse_args([], namespace=self)\n", "        self._buffers['hidden' + '_scale'] = torch.tensor(2.0)\n"]) {
      const r = await run(`class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n${init}\n    def forward(self, x):\n        return self.fc(x) * self.hidden_scale\n\n\nm = Net()\ny = m(torch.randn(2, 4))\n`);
      assert.deepEqual(errors(r), [], init);
    }
  });
  it('BatchNorms frozen by isinstance(…, _BatchNorm) before a one-sample call: no error (PyTorch: [1, 3])', async () => {
    const r = await run('m = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.Linear(8, 3))\nfor mod in m.modules():\n    if isinstance(mod, nn.modules.batchnorm._BatchNorm):\n        mod.eval()\ny = m(torch.randn(1, 4))\n');
    assert.deepEqual(errors(r), []);
  });
  it('a None set later by its name in an OrderedDict Sequential: no error, unknown (PyTorch: [2, 3])', async () => {
    const r = await run('from collections import OrderedDict\n\nm = nn.Sequential(OrderedDict(fc=nn.Linear(4, 8), act=None, out=nn.Linear(8, 3)))\nm.act = nn.ReLU()\ny = m(torch.randn(2, 4))\n');
    assert.deepEqual(errors(r), []);
    assert.equal(r.models.find((x) => x.name === 'm')?.output.known, false);
  });
  it('torchvision transforms inside an nn.Sequential are not identities: unknown (PyTorch: Resize / CenterCrop make [2, 4, 4, 4])', async () => {
    const r = await run('import torchvision.transforms as T\n\nm = nn.Sequential(T.Resize((8, 8)), T.CenterCrop(6), nn.Conv2d(3, 4, 3))\ny = m(torch.rand(2, 3, 10, 12))\n');
    assert.equal(r.models.find((x) => x.name === 'm')?.output.known, false);
  });
  it('sys.argv patched by mock.patch.object: the command line is unknown, never the defaults (PyTorch: [2, 5])', async () => {
    const r = await run("import argparse\nimport sys\nfrom unittest import mock\n\np = argparse.ArgumentParser()\np.add_argument('--hidden', type=int, default=16)\nwith mock.patch.object(sys, 'argv', ['prog', '--hidden', '5']):\n    args = p.parse_args()\nm = nn.Linear(3, args.hidden)\ny = m(torch.randn(2, 3))\n");
    assert.equal(r.models.find((x) => x.name === 'm')?.output.known, false);
  });
  it('an array sorted in place (a dropped `dims.sort()`) is not its unsorted values: no false error, unknown (PyTorch: [2, 3])', async () => {
    const r = await run('import numpy as np\n\ndims = np.array([8, 4])\ndims.sort()\nx = torch.randn(2, int(dims[0]))\nm = nn.Linear(4, 3)\ny = m(x)\n');
    assert.deepEqual(errors(r), []);
  });
  it('a Parameter registered through self._parameters[key] counts; a subclass of MultiheadAttention counts out_proj once (PyTorch: 18; 288)', async () => {
    const r = await run("class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n        self._parameters['ga' + 'in'] = nn.Parameter(torch.ones(3))\n\n    def forward(self, x):\n        return self.fc(x) * self.gain\n\n\nclass Attn(nn.MultiheadAttention):\n    pass\n\n\nm = Net()\ny = m(torch.randn(2, 4))\na = Attn(8, 2)\nx = torch.randn(5, 2, 8)\nz = a(x, x, x)\n");
    assert.equal(r.models.find((x) => x.name === 'Net')?.totalParams, 18);
    assert.equal(r.models.find((x) => x.name === 'Attn')?.totalParams, 288);
  });
});

describe('norms over their own input, functional dropouts, area interpolation to nothing (checked against PyTorch in normWithoutRunningStats.py; the rest here)', () => {
  const run = async (body: string) => analyzeText(await testParsers(), `${HEAD}${body}`, 'python');
  const errors = (r: Awaited<ReturnType<typeof run>>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en);
  const head = (norm: string, after = '') => `class Head(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(3, 8, 4)\n        self.norm = ${norm}\n${after}\n    def forward(self, x):\n        return self.norm(self.conv(x))\n\n\nm = Head().eval()\ny = m(torch.randn(2, 3, 4, 4))\n`;

  it('an InstanceNorm that tracks running stats, in eval mode, on a 1×1 map: no error, its shape (PyTorch eval: [2, 8, 1, 1])', async () => {
    const r = await run(head('nn.InstanceNorm2d(8, track_running_stats=True)'));
    assert.deepEqual(errors(r), []);
    const m = r.models.find((x) => x.name === 'Head')!;
    assert.deepEqual(m.output.known ? m.output.shape : null, [2, 8, 1, 1]);
  });

  it('the same InstanceNorm without running stats raises in eval too; given running stats after it is built, no error is claimed', async () => {
    assert.match(errors(await run(head('nn.InstanceNorm2d(8)'))).join('\n'), /InstanceNorm2d: Expected more than 1 spatial element.*eval mode too/);
    assert.deepEqual(errors(await run(head('nn.InstanceNorm2d(8)', '        self.norm.track_running_stats = True\n'))), []);
  });

  it("F.interpolate(mode='area') down to a size of 0 runs (adaptive average pooling): [2, 3, 0, 0], no error; nearest to 0 is still PyTorch's error (probes 41h F2)", async () => {
    const net = (mode: string) => `import torch.nn.functional as F\n\n\nclass Net(nn.Module):\n    def forward(self, x):\n        return F.interpolate(x, scale_factor=0.2, mode='${mode}')\n\n\nm = Net()\ny = m(torch.randn(2, 3, 4, 4))\n`;
    const area = await run(net('area'));
    assert.deepEqual(errors(area), []);
    assert.deepEqual(area.models.find((x) => x.name === 'Net')?.output, { known: true, shape: [2, 3, 0, 0] });
    assert.match(errors(await run(net('nearest'))).join('\n'), /input and output sizes should be greater than 0/);
  });

  it('an empty dim list reduces every dim when it is surely torch\'s (`dim=()`, torch.sum); `axis=()` or a bare `()` may be a NumPy array\'s (no reduction): unknown (probes 42h W1)', async () => {
    const r = await run('class Net(nn.Module):\n    # input: (2, 3)\n    def forward(self, x):\n        a = x.sum(dim=())\n        b = torch.sum(x, ())\n        c = x.sum(axis=())\n        d = x.mean(())\n        return x\n');
    const m = r.models.find((x) => x.name === 'Net')!;
    assert.deepEqual(flowStep(m, 'a').value, { known: true, shape: [] });
    assert.deepEqual(flowStep(m, 'b').value, { known: true, shape: [] });
    for (const name of ['c', 'd']) assertUnknown(flowStep(m, name), /a NumPy array none/);
  });

  it('in place, a mask or bound that would grow the tensor is a RuntimeError; clamp with a tensor and a number bound a TypeError (x.clip may be NumPy\'s, which takes them: unknown, no error) (probes 42h M1, M2)', async () => {
    const r = await run('class Net(nn.Module):\n    # input: (4, 4)\n    def forward(self, x):\n        lo = torch.zeros(2, 1, 4)\n        a = x.clone().masked_fill_(lo > 0, 0.0)\n        b = x.clamp(lo, 1.0)\n        c = x.clip(lo, 1.0)\n        d = x.clamp(min=lo)\n        return x\n');
    assert.deepEqual(errors(r).map((e) => e.replace(/^.*?(masked_fill_|clamp)/, '$1').slice(0, 40)), ['masked_fill_: in place, the result must ', 'clamp takes both bounds as numbers or bo']);
    const m = r.models.find((x) => x.name === 'Net')!;
    assertUnknown(flowStep(m, 'c'), /NumPy's clip takes them/);
    assert.deepEqual(flowStep(m, 'd').value, { known: true, shape: [2, 4, 4] });
  });

  it('byte() / char() / short() / bfloat16() keep the shape, so a uint8 mask still broadcasts a masked_fill (probes 42h d009: [2, 4, 4])', async () => {
    const r = await run('class Net(nn.Module):\n    # input: (4, 4)\n    def forward(self, x):\n        mask = torch.rand(2, 1, 4) > 0.5\n        b = mask.byte()\n        c = x.char()\n        d = x.short()\n        e = x.bfloat16()\n        return x.masked_fill(b, 0.0)\n');
    const m = r.models.find((x) => x.name === 'Net')!;
    assert.deepEqual(['b', 'c', 'd', 'e'].map((n) => flowStep(m, n).value), [{ known: true, shape: [2, 1, 4] }, ...Array(3).fill({ known: true, shape: [4, 4] })]);
    assert.deepEqual(m.output, { known: true, shape: [2, 4, 4] });
  });

  it('F.dropout with p outside [0, 1] is its ValueError (caught by `except ValueError`, not by `except RuntimeError`); p in range keeps the shape', async () => {
    const net = (body: string) => `import torch.nn.functional as F\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n\n    def forward(self, x):\n${body}\n        return self.fc(x)\n\n\nm = Net()\ny = m(torch.randn(2, 4))\n`;
    assert.match(errors(await run(net('        x = F.dropout(x, p=1.5, training=self.training)'))).join('\n'), /F\.dropout: dropout probability has to be between 0 and 1, but got 1\.5 \(a ValueError\)/);
    const caught = await run(net('        try:\n            x = F.dropout2d(x, -0.1)\n        except ValueError:\n            pass'));
    assert.deepEqual(errors(caught), []);
    assert.deepEqual(caught.models.find((x) => x.name === 'Net')?.output, { known: true, shape: [2, 3] });
    const uncaught = await run(net('        try:\n            x = F.dropout2d(x, -0.1)\n        except RuntimeError:\n            pass'));
    assert.equal(uncaught.models.find((x) => x.name === 'Net')?.output.known, false);
    const fine = await run(net('        x = F.alpha_dropout(x, 0.3, self.training)'));
    assert.deepEqual(errors(fine), []);
    assert.deepEqual(fine.models.find((x) => x.name === 'Net')?.output, { known: true, shape: [2, 3] });
  });
});

describe('training scripts of round 41b: what the analysis now follows (numbers from PyTorch 1.13)', () => {
  const run = async (body: string) => analyzeText(await testParsers(), `${HEAD}${body}`, 'python');
  const net = 'import sys\n\n\nclass CNN(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(3, 8, 3, padding=1)\n        self.fc = nn.Linear(8 * 32 * 32, 10)\n\n    def forward(self, x):\n        x = self.conv(x)\n        return self.fc(x.view(x.size(0), -1))\n\n\nuse_gpu = len(sys.argv) > 5\nnet = CNN()\n';

  it('a model wrapped in DataParallel under a condition the analysis cannot decide is called the same either way: its input [64, 3, 32, 32] is found, output [64, 10]', async () => {
    const r = await run(`${net}if use_gpu:\n    net = torch.nn.DataParallel(net)\nout = net(torch.randn(64, 3, 32, 32))\n`);
    const m = r.models.find((x) => x.name === 'CNN');
    assert.deepEqual([m?.inputs, m?.output], [[[64, 3, 32, 32]], { known: true, shape: [64, 10] }]);
  });

  it('np.linspace between numbers drawn at run time (`start = np.random.randint(3)`) has its num values: the input [1, 50, 1] is found (PyTorch: [1, 50, 4])', async () => {
    const r = await run('import numpy as np\n\nmodel = nn.Linear(1, 4)\nstart = np.random.randint(3)\nt = np.linspace(start, start + 10, 50)\nx = torch.tensor(t).float().view(1, 50, 1)\ny = model(x)\n');
    assert.deepEqual(r.models.find((x) => x.name === 'model')?.output, { known: true, shape: [1, 50, 4] });
  });

  it('an endless generator is read one round, not thousands: calling one leaves the script\'s later calls followed, and `while True: for b in loader: yield b` yields the loader\'s batches (PyTorch: [16, 3]; [8, 2])', async () => {
    const gen = 'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(2, 3)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\ndef batches():\n    while True:\n        rows = []\n        for i in range(512):\n            rows.append([0.0, 0.0])\n        yield torch.tensor(rows)\n\n\ndef main():\n    model = Net()\n    data_iter = batches()\n    out = model(torch.randn(16, 2))\n\n\nmain()\n';
    assert.deepEqual((await run(gen)).models.find((x) => x.name === 'Net')?.output, { known: true, shape: [16, 3] });
    const cycle = 'from torch.utils.data import DataLoader, TensorDataset\n\n\ndef cycle(loader):\n    while True:\n        for batch in loader:\n            yield batch\n\n\nds = TensorDataset(torch.randn(100, 6), torch.zeros(100))\nit = cycle(DataLoader(ds, batch_size=8))\nmodel = nn.Linear(6, 2)\nx, y = next(it)\nout = model(x)\n';
    assert.deepEqual((await run(cycle)).models.find((x) => x.name === 'model')?.output, { known: true, shape: [8, 2] });
  });

  it('replaced by another model under that condition, the call is not known to be the first model\'s', async () => {
    const r = await run(`${net}if use_gpu:\n    net = nn.Sequential(nn.Flatten(), nn.Linear(3 * 32 * 32, 10))\nout = net(torch.randn(64, 3, 32, 32))\n`);
    assert.notDeepEqual(r.models.find((x) => x.name === 'CNN')?.inputs, [[64, 3, 32, 32]]);
  });
});

describe('corpus 42a: a Glow step whose 1×1 convolution starts from scipy.stats.special_ortho_group', () => {
  it('special_ortho_group.rvs(C) is a C × C matrix, so the Parameter and the einsum through it are known (PyTorch: 474 parameters, [2, 12, 16, 16]); size=3 stacks three', async () => {
    const source = `${HEAD}from scipy.stats import special_ortho_group, ortho_group\n\n\nclass InvConv(nn.Module):\n    def __init__(self, C):\n        super().__init__()\n        self.W = nn.Parameter(torch.Tensor(special_ortho_group.rvs(C)))\n        self.coupling = nn.Conv2d(C // 2, C // 2, 3, padding=1)\n        self.bank = nn.Parameter(torch.Tensor(ortho_group.rvs(4, size=3)))\n\n    def forward(self, x):\n        h = torch.einsum('ji,bihw->bjhw', self.W, x)\n        return torch.cat([h[:, :6], self.coupling(h[:, 6:])], 1)\n\n\nm = InvConv(12)\ny = m(torch.randn(2, 12, 16, 16))\n`;
    const m = analyzeText(await testParsers(), source, 'python').models.find((x) => x.name === 'InvConv');
    assert.deepEqual([m?.totalParams, m?.output], [474 + 48, { known: true, shape: [2, 12, 16, 16] }]);
  });
});

describe('notebooks of round 42b: one name bound to one factory\'s model after another\'s', () => {
  it('`import model` then `model = model.Net()`: the call reads the module, so Net is found with the loader\'s input (PyTorch: [64, 10])', async () => {
    const files: Record<string, string> = {
      '/ws/model.py': `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(3 * 32 * 32, 10)\n\n    def forward(self, x):\n        return self.fc(x.flatten(1))\n`,
      '/ws/train.py': "import torch\nfrom torch.utils.data import DataLoader\nfrom torchvision import datasets, transforms\nimport model\n\nloader = DataLoader(datasets.CIFAR10('./data', train=True, download=True, transform=transforms.ToTensor()), batch_size=64)\nmodel = model.Net()\nfor x, y in loader:\n    out = model(x)\n    break\n",
    };
    const workspace = { fileName: '/ws/train.py', root: '/ws', readFile: (p: string) => files[p], listFiles: (ext: string) => Object.keys(files).filter((p) => p.endsWith(ext)) };
    const r = analyzeText(await testParsers(), files['/ws/train.py']!, 'python', { workspace }, '/ws/train.py');
    assert.deepEqual(r.models.find((x) => x.name === 'Net')?.output, { known: true, shape: [64, 10] });
  });

  it('`model = Small(); train(model); model = Big(); train(model)`: both listed, each named by its factory (PyTorch: 58 and 386 parameters, [32, 2])', async () => {
    const source = `${HEAD}class Net(nn.Module):\n    def __init__(self, widths):\n        super().__init__()\n        layers, c = [], 4\n        for w in widths:\n            layers.append(nn.Linear(c, w))\n            c = w\n        self.body = nn.Sequential(*layers)\n\n    def forward(self, x):\n        return self.body(x)\n\n\ndef Small():\n    return Net([8, 2])\n\n\ndef Big():\n    return Net([16, 16, 2])\n\n\ndef train(model):\n    out = model(torch.randn(32, 4))\n    out.sum().backward()\n\n\nmodel = Small()\ntrain(model)\nmodel = Big()\ntrain(model)\n`;
    const r = analyzeText(await testParsers(), source, 'python');
    assert.deepEqual(['Small', 'Big'].map((n) => { const m = r.models.find((x) => x.name === n); return [m?.totalParams, m?.output.known ? m.output.shape : null]; }), [[58, [32, 2]], [386, [32, 2]]]);
  });
});

describe('probes 43h: code that runs in PyTorch 1.13 gets no error, and its numbers', () => {
  const run = async (body: string) => analyzeText(await testParsers(), `${HEAD}${body}`, 'python');
  const errors = (r: Awaited<ReturnType<typeof run>>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en);

  it('clamp with a 0-d tensor bound and a number runs (the 0-d tensor passes as a number): [3, 4], no error', async () => {
    const r = await run('class Net(nn.Module):\n    # input: (3, 4)\n    def forward(self, x):\n        return x.clamp(0.0, x.max())\n');
    assert.deepEqual(errors(r), []);
    assert.deepEqual(r.models.find((x) => x.name === 'Net')?.output, { known: true, shape: [3, 4] });
  });

  it('std / var with a bool first are over every dim (`unbiased`), not dim 1: x.std(False) is [], torch.var_mean(x, True) two of them', async () => {
    const r = await run('class Net(nn.Module):\n    # input: (3, 4, 5)\n    def forward(self, x):\n        a = x.std(False)\n        b = x.var(True)\n        c = torch.var_mean(x, True)[0]\n        d = torch.std_mean(x, False)[1]\n        return x\n');
    assert.deepEqual(errors(r), []);
    const m = r.models.find((x) => x.name === 'Net')!;
    assert.deepEqual(['a', 'b', 'c', 'd'].map((n) => flowStep(m, n).value), Array(4).fill({ known: true, shape: [] }));
  });

  it('a PReLU or Bilinear whose weight is replaced after it is built: no width error from the constructor\'s sizes, the new weight counted (PyTorch: 4; 95)', async () => {
    const prelu = await run('class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.PReLU(3)\n        self.a.weight = nn.Parameter(torch.full((4,), 0.2))\n\n    def forward(self, x):\n        return self.a(x)\n\n\nm = Net()\ny = m(torch.randn(2, 4, 5))\n');
    assert.deepEqual(errors(prelu), []);
    assert.equal(prelu.models.find((x) => x.name === 'Net')?.totalParams, 4);
    const bil = await run('class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.b = nn.Bilinear(3, 4, 5)\n        self.b.weight = nn.Parameter(torch.zeros(5, 3, 6))\n\n    def forward(self, x, y):\n        return self.b(x, y)\n\n\nm = Net()\nz = m(torch.randn(2, 3), torch.randn(2, 6))\n');
    assert.deepEqual(errors(bil), []);
    assert.equal(bil.models.find((x) => x.name === 'Net')?.totalParams, 95);
  });

  it('a training loop over a few factories or a written list of settings runs every round: the class row is unknown where the builds differ, each factory\'s own row exact (PyTorch: 15 and 50 parameters)', async () => {
    const cls = 'class Small(nn.Module):\n    def __init__(self, n=3):\n        super().__init__()\n        self.fc = nn.Linear(4, n)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\ndef small():\n    return Small(3)\n\n\ndef big():\n    return Small(10)\n\n\ndef train(model):\n    return model(torch.randn(2, 4))\n\n\n';
    const byFactory = await run(`${cls}for fn in (small, big):\n    model = fn()\n    train(model)\n`);
    assert.deepEqual(['Small', 'small', 'big'].map((n) => byFactory.models.find((x) => x.name === n)?.totalParams), [null, 15, 50]);
    const sweep = await run(`${cls}for n in [3, 10]:\n    model = Small(n)\n    train(model)\n`);
    assert.equal(sweep.models.find((x) => x.name === 'Small')?.totalParams, null);
  });

  it('a star import before `import torch.nn.functional as F` leaves F torch\'s, whatever the star-imported file calls F (PyTorch: [2, 3])', async () => {
    const files: Record<string, string> = {
      '/ws/helpers.py': 'import torch\n\n\nclass F:\n    @staticmethod\n    def relu(x):\n        return torch.cat([x, x], -1)\n',
      '/ws/m.py': 'from helpers import *\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 3)\n\n    def forward(self, x):\n        return self.fc(F.relu(x))\n\n\nm = Net()\ny = m(torch.randn(2, 8))\n',
    };
    const workspace = { fileName: '/ws/m.py', root: '/ws', readFile: (p: string) => files[p], listFiles: (ext: string) => Object.keys(files).filter((p) => p.endsWith(ext)) };
    const r = analyzeText(await testParsers(), files['/ws/m.py']!, 'python', { workspace }, '/ws/m.py');
    assert.deepEqual(errors(r), []);
    assert.deepEqual(r.models.find((x) => x.name === 'Net')?.output, { known: true, shape: [2, 3] });
  });
});

describe('attention and recurrent cells PyTorch refuses by their operands (numbers from PyTorch 1.13)', () => {
  const fmt = (shape: number[]) => `[${shape.join(', ')}]`;
  const run = async (body: string) => analyzeText(await testParsers(), `${HEAD}${body}`, 'python');
  const errors = (r: Awaited<ReturnType<typeof run>>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en);
  const attention = (settings: string, call: string) => run(`class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.m = nn.MultiheadAttention(8, 2${settings})\n\n    def forward(self, q, k, v):\n        return self.m(q, k, v)[0]\n\n\nnet = Net()\ny = net(${call})\n`);

  it('MultiheadAttention refuses a key of another batch, key and value of other lengths, widths other than kdim, a 2-D query with 3-D keys', async () => {
    const cases: [string, string, RegExp][] = [
      [', batch_first=True', 'torch.randn(2, 5, 8), torch.randn(3, 5, 8), torch.randn(3, 5, 8)', /key's batch 3 is not the query's 2 \(a RuntimeError\)/],
      ['', 'torch.randn(5, 2, 8), torch.randn(7, 3, 8), torch.randn(7, 3, 8)', /key's batch 3 is not the query's 2/],
      [', kdim=4, vdim=6', 'torch.randn(5, 2, 8), torch.randn(7, 2, 4), torch.randn(6, 2, 6)', /key shape \[7, 2, 4\] does not match value shape \[6, 2, 6\] \(an AssertionError\)/],
      [', kdim=4, vdim=6', 'torch.randn(5, 2, 8), torch.randn(7, 2, 5), torch.randn(7, 2, 6)', /keys of width 4, gets \[7, 2, 5\] \(an AssertionError\)/],
      ['', 'torch.randn(5, 2, 8), torch.randn(7, 2, 8), torch.randn(7, 2, 6)', /key shape \[7, 2, 8\] does not match value shape \[7, 2, 6\]/],
      ['', 'torch.randn(5, 8), torch.randn(7, 2, 8), torch.randn(7, 2, 8)', /2-D query needs a 2-D key and value/],
    ];
    for (const [settings, call, want] of cases) {
      const r = await attention(settings, call);
      assert.ok(errors(r).some((e) => want.test(e)), `${call}: ${JSON.stringify(errors(r))}`);
      assert.equal(r.models.find((x) => x.name === 'Net')?.output.known, false, call);
    }
  });

  it('MultiheadAttention refuses masks of other shapes: attn_mask [L, S] or [N·heads, L, S], key_padding_mask [N, S] (probes 44h M2)', async () => {
    // (The masks by name, and in place: key_padding_mask 4th, need_weights 5th, attn_mask 6th.)
    const byName = (settings: string, call: string) => run(`class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.m = nn.MultiheadAttention(8, 2${settings})\n\n    def forward(self, q, k, kpm=None, mask=None):\n        return self.m(q, k, k, key_padding_mask=kpm, attn_mask=mask)[0]\n\n\nnet = Net()\ny = net(${call})\n`);
    const inPlace = (settings: string, call: string) => run(`class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.m = nn.MultiheadAttention(8, 2${settings})\n\n    def forward(self, q, k, kpm=None, mask=None):\n        return self.m(q, k, k, kpm, True, mask)[0]\n\n\nnet = Net()\ny = net(${call})\n`);
    const cases: [Promise<Awaited<ReturnType<typeof run>>>, RegExp][] = [
      [byName(', batch_first=True', 'torch.randn(2, 5, 8), torch.randn(2, 7, 8), mask=torch.zeros(7, 5, dtype=torch.bool)'), /attn_mask of shape \[5, 7\], gets \[7, 5\] \(a RuntimeError\)/],
      [inPlace('', 'torch.randn(5, 2, 8), torch.randn(7, 2, 8), None, torch.zeros(2, 5, 7, dtype=torch.bool)'), /attn_mask of shape \[4, 5, 7\], gets \[2, 5, 7\]/],
      [inPlace('', 'torch.randn(5, 2, 8), torch.randn(7, 2, 8), torch.zeros(2, 5, dtype=torch.bool)'), /key_padding_mask of shape \[2, 7\], gets \[2, 5\] \(an AssertionError\)/],
    ];
    for (const [pending, want] of cases) {
      const r = await pending;
      assert.ok(errors(r).some((e) => want.test(e)), JSON.stringify(errors(r)));
    }
    // Masks that fit (a causal [T, T] mask and a [B, T] padding mask, batch first): no error, the query's shape.
    for (const fine of [await byName(', batch_first=True', 'torch.randn(2, 5, 8), torch.randn(2, 5, 8), torch.zeros(2, 5, dtype=torch.bool), torch.triu(torch.ones(5, 5), 1).bool()'), await inPlace('', 'torch.randn(5, 2, 8), torch.randn(7, 2, 8), torch.zeros(2, 7, dtype=torch.bool), torch.zeros(4, 5, 7, dtype=torch.bool)')]) {
      assert.deepEqual(errors(fine), []);
      assert.equal(fine.models.find((x) => x.name === 'Net')?.output.known, true);
    }
  });

  it('MultiheadAttention on operands it takes: no error, the query\'s shape ([5, 2, 8]; unbatched [5, 8])', async () => {
    for (const [settings, call, shape] of [
      [', kdim=4, vdim=6', 'torch.randn(5, 2, 8), torch.randn(7, 2, 4), torch.randn(7, 2, 6)', [5, 2, 8]],
      ['', 'torch.randn(5, 8), torch.randn(7, 8), torch.randn(7, 8)', [5, 8]],
      [', batch_first=True', 'torch.randn(5, 2, 8), torch.randn(5, 9, 8), torch.randn(5, 9, 8)', [5, 2, 8]],
    ] as const) {
      const r = await attention(settings, call);
      assert.deepEqual(errors(r), [], call);
      assert.deepEqual(r.models.find((x) => x.name === 'Net')?.output, { known: true, shape }, call);
    }
  });

  it('a torch.nn layer called with a keyword its forward does not take (TransformerEncoderLayer\'s mask=, 1.13\'s src_mask=): the TypeError, no shape; is_causal= (PyTorch 2.x) depends on the version', async () => {
    const call = (layer: string, callArgs: string) => run(`class Net(nn.Module):\n    # input: (2, 5, 8)\n    def __init__(self):\n        super().__init__()\n        self.l = ${layer}\n\n    def forward(self, x):\n        return self.l(${callArgs})\n`);
    const output = (r: Awaited<ReturnType<typeof run>>) => r.models.find((x) => x.name === 'Net')!.output;
    const reason = (r: Awaited<ReturnType<typeof run>>) => {
      const o = output(r);
      return o.known ? `known: ${fmt(o.shape)}` : o.reason.en;
    };
    assert.match(reason(await call('nn.TransformerEncoderLayer(8, 2, 16, batch_first=True)', 'x, mask=None')), /unexpected keyword argument 'mask'/);
    assert.match(reason(await call('nn.Linear(8, 3)', 'x, x')), /takes 2 positional arguments but 3 were given/);
    assert.match(reason(await call('nn.MultiheadAttention(8, 2)', 'x')), /missing 2 required positional arguments: 'key' and 'value'/);
    const causal = await call('nn.TransformerEncoderLayer(8, 2, 16, batch_first=True)', 'x, is_causal=False');
    assert.match(reason(causal), /PyTorch 2\.x's/);
    assert.deepEqual(errors(causal), []);
    for (const [layer, callArgs] of [['nn.TransformerEncoderLayer(8, 2, 16, batch_first=True)', 'x, src_mask=None, src_key_padding_mask=None'], ['nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, batch_first=True), 2)', 'x, mask=None'], ['nn.MultiheadAttention(8, 2, batch_first=True)', 'query=x, key=x, value=x, need_weights=False'], ['nn.LSTM(8, 4, batch_first=True)', 'x, None'], ['nn.Sequential(nn.Linear(8, 3))', 'input=x']] as const) {
      const fine = await call(layer, callArgs);
      assert.equal(output(fine).known, true, `${layer}(${callArgs}): ${JSON.stringify(output(fine))}`);
    }
  });

  it('a layer assigned under a name of nn.Module\'s own methods (self.train, self.type, self.float): self.train(x) calls the method, no shape; the layer is still counted (PyTorch: ValueError, 27 parameters)', async () => {
    const r = await run('class Net(nn.Module):\n    # input: (2, 8)\n    def __init__(self):\n        super().__init__()\n        self.train = nn.Linear(8, 3)\n\n    def forward(self, x):\n        return self.train(x)\n');
    const m = r.models.find((x) => x.name === 'Net')!;
    assert.deepEqual([m.output.known, m.totalParams], [false, 27]);
    const fine = await run('class Net(nn.Module):\n    # input: (2, 8)\n    def __init__(self):\n        super().__init__()\n        self.trainable = nn.Linear(8, 3)\n\n    def forward(self, x):\n        return self.trainable(x)\n');
    assert.deepEqual(fine.models.find((x) => x.name === 'Net')!.output, { known: true, shape: [2, 3] });
  });

  it('torch.pow / remainder / floor_divide / float_power / xlogy with a Python number first: the tensor\'s shape (corpus 44a: an EMA\'s torch.pow(1 - alpha, powers)); maximum and atan2 refuse a number: unknown', async () => {
    const r = await run('class Net(nn.Module):\n    # input: (2, 3)\n    def forward(self, x):\n        a = torch.pow(0.7, x)\n        b = torch.remainder(5, x)\n        c = torch.floor_divide(7, x)\n        d = torch.float_power(2, x)\n        e = torch.xlogy(2, x)\n        f = torch.maximum(2, x)\n        g = torch.atan2(1, x)\n        return x\n');
    const m = r.models.find((x) => x.name === 'Net')!;
    assert.deepEqual(['a', 'b', 'c', 'd', 'e'].map((n) => flowStep(m, n).value), Array(5).fill({ known: true, shape: [2, 3] }));
    assert.deepEqual(['f', 'g'].map((n) => flowStep(m, n).value.known), [false, false]);
  });

  it('a Softmax whose dim is set after construction: forward reads the attribute (probes 45h FE1: no false IndexError; dim set out of range is the error)', async () => {
    const net = (setting: string) => run(`class Net(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.sm = nn.Softmax(dim=2)\n        self.sm.dim = ${setting}\n\n    def forward(self, x):\n        return self.sm(x)\n`);
    const fine = await net('-1');
    assert.deepEqual(errors(fine), []);
    assert.deepEqual(fine.models.find((x) => x.name === 'Net')?.output, { known: true, shape: [2, 4] });
    assert.ok(errors(await net('3')).some((e) => /dim 3 is out of range/.test(e)));
  });

  it('a layer whose forward is not torch\'s own (a class-body alias, a global nn.Linear.forward patch): torch\'s signature is not applied (probes 45h FE2; PyTorch: [2, 3])', async () => {
    const alias = await run('import torch.nn.functional as F\n\n\ndef scaled(self, x, s=1.0):\n    return F.linear(x, self.weight, self.bias) * s\n\n\nclass A(nn.Linear):\n    forward = scaled\n\n\nclass Net(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.a = A(4, 3)\n\n    def forward(self, x):\n        return self.a(x, 2.0)\n');
    assert.doesNotMatch(JSON.stringify(alias.models.find((x) => x.name === 'Net')?.output), /TypeError/);
    const patched = await run('_orig = nn.Linear.forward\n\n\ndef lora_forward(self, x, scale=0.0):\n    return _orig(self, x) * (1 + scale)\n\n\nnn.Linear.forward = lora_forward\n\n\nclass Net(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n        self.b = nn.Linear(4, 3)\n\n    def forward(self, x):\n        return self.b(x, 0.5)\n');
    assert.doesNotMatch(JSON.stringify(patched.models.find((x) => x.name === 'Net')?.output), /TypeError/);
  });

  it('an RNNCell / GRUCell state of another width, an unbatched input with a batched state: the cell\'s RuntimeError', async () => {
    for (const [cell, call] of [['RNNCell', 'torch.randn(4), torch.randn(1, 6)'], ['GRUCell', 'torch.randn(2, 4), torch.randn(2, 5)']] as const) {
      const r = await run(`class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.c = nn.${cell}(4, 6)\n\n    def forward(self, x, h):\n        return self.c(x, h)\n\n\nnet = Net()\ny = net(${call})\n`);
      assert.ok(errors(r).some((e) => /initial hidden state of size/.test(e)), JSON.stringify(errors(r)));
    }
  });
});

describe('an error inside a model of another workspace file (round 44b A2: a BCELoss target of another size in parts.py)', () => {
  it('stands on the line of this file that builds the model, and says where in the other file it is', async () => {
    const files: Record<string, string> = {
      '/ws/parts.py': 'import torch\nfrom torch import nn\n\n\nclass Head(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 1)\n        self.bce = nn.BCELoss()\n\n    def forward(self, feats, labels):\n        p = torch.sigmoid(self.fc(feats))\n        return self.bce(p, labels)\n',
      '/ws/run.py': 'import torch\nfrom parts import Head\n\nhead = Head()\nloss = head(torch.randn(8, 16), torch.ones(8))\n',
    };
    const workspace = { fileName: '/ws/run.py', root: '/ws', readFile: (p: string) => files[p], listFiles: (ext: string) => Object.keys(files).filter((p) => p.endsWith(ext)) };
    const r = analyzeText(await testParsers(), files['/ws/run.py']!, 'python', { workspace }, '/ws/run.py');
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    // (PyTorch 1.13: ValueError at parts.py line 13; run.py has 5 lines.)
    assert.equal(errors[0]!.range.start.line, 3);
    assert.match(errors[0]!.message.en, /target \[8\] must have the input's size \[8, 1\] \(at parts\.py:13\)$/);
  });
});

describe('a numpy table written after it is made: its values are no longer followed (probes 46h N1, N2)', () => {
  const net = (change: string) => `${HEAD}import numpy as np\n\nT = np.array([[16, 3], [32, 3]])\n${change}\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.c = nn.Conv2d(3, T[1][0], T[1][1], padding=1)\n\n    def forward(self, x):\n        return self.c(x)\n\n\nm = Net()\ny = m(torch.randn(2, 3, 8, 8))\n`;
  it('through a row (T[1][0] = 48, a row alias, rows of a loop), a column in place, np.random.shuffle: unknown, never the old values', async () => {
    for (const change of ['T[1][0] = 48', 'row = T[1]\nrow[0] = 48', 'for r in T:\n    r[0] *= 3', 'T[:, 0] *= 2', 'np.random.shuffle(T)']) {
      const m = analyzeText(await testParsers(), net(change), 'python').models.find((x) => x.name === 'Net')!;
      assert.deepEqual([m.output.known, m.totalParams], [false, null], change);
    }
  });
  it('read only: the table\'s numbers (PyTorch: [2, 32, 8, 8], 896)', async () => {
    const m = analyzeText(await testParsers(), net('n = len(T)'), 'python').models.find((x) => x.name === 'Net')!;
    assert.deepEqual([m.output, m.totalParams], [{ known: true, shape: [2, 32, 8, 8] }, 896]);
  });
});

describe('an item write whose value does not broadcast to the part written (probes 44h M6: a sin/cos table with an odd d_model)', () => {
  const pe = (d: number) => `${HEAD}import math\n\n\nclass PE(nn.Module):\n    def __init__(self, d_model=${d}, max_len=40):\n        super().__init__()\n        pe = torch.zeros(max_len, d_model)\n        position = torch.arange(0, max_len).unsqueeze(1).float()\n        div_term = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))\n        pe[:, 0::2] = torch.sin(position * div_term)\n        pe[:, 1::2] = torch.cos(position * div_term)\n        self.register_buffer('pe', pe.unsqueeze(0))\n        self.fc = nn.Linear(d_model, 2)\n\n    def forward(self, x):\n        return self.fc(x + self.pe[:, :x.size(1)])\n\n\nm = PE()\ny = m(torch.randn(2, 9, ${d}))\n`;
  it('d_model 15: PyTorch refuses the write (RuntimeError), so no model is built: an error, no count', async () => {
    const r = analyzeText(await testParsers(), pe(15), 'python');
    assert.ok(r.diagnostics.some((d) => d.severity === 'error' && /cannot write a \[40, 8\] value into the \[40, 7\] part/.test(d.message.en)), JSON.stringify(r.diagnostics.map((d) => d.message.en)));
    assert.equal(r.models.find((x) => x.name === 'PE')?.totalParams, null);
  });
  it('d_model 16, and writes that broadcast (a row per step, leading ones, a number): no error (PyTorch: [2, 9, 2], 34)', async () => {
    const r = analyzeText(await testParsers(), pe(16).replace('        return self.fc(x + self.pe[:, :x.size(1)])', '        out = torch.zeros(x.size(0), x.size(1), 16)\n        for t in range(x.size(1)):\n            out[:, t] = x[:, t] * 2\n        out[:, :, :4] = torch.ones(1, 4)\n        out[..., 0] = 1.0\n        return self.fc(out + self.pe[:, :x.size(1)])'), 'python');
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en), []);
    const m = r.models.find((x) => x.name === 'PE')!;
    assert.deepEqual([m.output, m.totalParams], [{ known: true, shape: [2, 9, 2] }, 34]);
  });
});

describe('probes 47h: names PyTorch refuses or never sets, copies, and patches elsewhere (numbers from PyTorch 1.13)', () => {
  const run = async (body: string) => analyzeText(await testParsers(), `${HEAD}${body}`, 'python');
  const net = (r: Awaited<ReturnType<typeof run>>, name = 'Net') => r.models.find((x) => x.name === name)!;

  it('nn.ModuleDict({"train": …}) / Sequential(OrderedDict(append=…)): add_module\'s KeyError, no numbers', async () => {
    const r = await run("class Net(nn.Module):\n    # input: (2, 8)\n    def __init__(self):\n        super().__init__()\n        self.heads = nn.ModuleDict({'train': nn.Linear(8, 4), 'eval': nn.Linear(8, 2)})\n\n    def forward(self, x):\n        return self.heads['train'](x)\n");
    assert.deepEqual([net(r).output.known, net(r).totalParams], [false, null]);
    assert.match(JSON.stringify(net(r).output), /attribute 'train' already exists/);
    // A name with a dot (probes 48h d06): add_module's other KeyError.
    const dotted = await run("class Net(nn.Module):\n    # input: (2, 8)\n    def __init__(self):\n        super().__init__()\n        self.blocks = nn.ModuleDict({'layer.1': nn.Linear(8, 8)})\n\n    def forward(self, x):\n        return self.blocks['layer.1'](x)\n");
    assert.deepEqual([net(dotted).output.known, net(dotted).totalParams], [false, null]);
    assert.match(JSON.stringify(net(dotted).output), /module name can't contain/);
  });

  it('a forward that reads an attribute no code sets (self.patch_size, its value only a constructor parameter): the AttributeError on the line', async () => {
    const r = await run('class Net(nn.Module):\n    def __init__(self, patch_size=16):\n        super().__init__()\n        self.proj = nn.Conv2d(3, 8, kernel_size=patch_size, stride=patch_size)\n\n    def forward(self, x):\n        assert x.shape[-1] % self.patch_size == 0\n        return self.proj(x)\n\n\nm = Net()\ny = m(torch.randn(2, 3, 32, 32))\n');
    assert.ok(r.diagnostics.some((d) => d.severity === 'error' && /has no attribute 'patch_size'/.test(d.message.en)));
    // Set through setattr with the name in quotes, or read with getattr and a default: no error.
    for (const set of ["setattr(self, 'patch_size', patch_size)", "self.ps = getattr(self, 'patch_size', 16)"]) {
      const fine = await run(`class Net(nn.Module):\n    def __init__(self, patch_size=16):\n        super().__init__()\n        ${set}\n        self.proj = nn.Conv2d(3, 8, kernel_size=patch_size, stride=patch_size)\n\n    def forward(self, x):\n        return self.proj(x)\n\n\nm = Net()\ny = m(torch.randn(2, 3, 32, 32))\n`);
      assert.deepEqual(fine.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en), [], set);
    }
  });

  it('np.array(T[1]) copies: a write into the copy leaves the table\'s numbers (PyTorch: [2, 32, 4, 4], 5088)', async () => {
    const r = await run('import numpy as np\n\nT = np.array([[16, 3], [32, 3]])\nr = np.array(T[1])\nr[0] = 8\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.c1 = nn.Conv2d(3, T[0][0], T[0][1])\n        self.c2 = nn.Conv2d(T[0][0], T[1][0], T[1][1])\n\n    def forward(self, x):\n        return self.c2(self.c1(x))\n\n\nm = Net()\ny = m(torch.randn(2, 3, 8, 8))\n');
    assert.deepEqual([net(r).output, net(r).totalParams], [{ known: true, shape: [2, 32, 4, 4] }, 5088]);
  });

  it('another class\'s own `self.forward = self.forward_train` leaves torch\'s signature on nn.Linear: self.fc(x, mask) is the TypeError', async () => {
    const r = await run('class Switch(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.forward = self.forward_train\n\n    def forward_train(self, x):\n        return x\n\n\nclass Net(nn.Module):\n    # input: (2, 8)\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 4)\n\n    def forward(self, x):\n        return self.fc(x, x)\n');
    assert.match(JSON.stringify(net(r).output), /TypeError: Linear\.forward\(\) takes 2 positional arguments but 3 were given/);
  });
});

describe('a class of another file built in two functions, the script calling one (corpus 47b W1)', () => {
  it('the model is the one the script\'s run builds, not the one a function nothing calls builds (PyTorch: [16, 9, 1], 97)', async () => {
    const files: Record<string, string> = {
      '/ws/netmod.py': 'import torch\nimport torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self, in_dim, d=32):\n        super().__init__()\n        self.embed = nn.Linear(in_dim, d)\n        self.head = nn.Linear(d, in_dim)\n\n    def forward(self, x):\n        return self.head(torch.relu(self.embed(x)))\n',
      '/ws/main.py': 'import torch\nfrom netmod import *\n\n\ndef inference_test():\n    model = Net(2)\n    print(model(torch.rand(5, 1, 2)).shape)\n\n\ndef train_test():\n    model = Net(1)\n    batch = torch.rand(16, 10, 1)\n    y = model(batch[:, :-1, :])\n\n\nif __name__ == "__main__":\n    train_test()\n',
    };
    const workspace = { fileName: '/ws/main.py', root: '/ws', readFile: (p: string) => files[p], listFiles: (ext: string) => Object.keys(files).filter((p) => p.endsWith(ext)) };
    const m = analyzeText(await testParsers(), files['/ws/main.py']!, 'python', { workspace }, '/ws/main.py').models.find((x) => x.name === 'Net')!;
    assert.deepEqual([m.inputs, m.output, m.totalParams], [[[16, 9, 1]], { known: true, shape: [16, 9, 1] }, 97]);
  });
});

describe('an attribute a class body binds by a bare name may reach an instance (probes 40h p048: `Net.__bases__ = (Other,)` lends Other.scale)', () => {
  const net = async (other: string, swap: string) => analyzeText(await testParsers(), `${HEAD}class Other(nn.Module):\n    ${other}\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n\n    def forward(self, x):\n        return self.fc(x) * self.scale\n\n\nm = Net()\n${swap}\ny = m(torch.randn(2, 4))\n`, 'python');
  const errors = (r: Awaited<ReturnType<typeof net>>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en);
  it('a class attribute of that name elsewhere, or bases swapped: no AttributeError (PyTorch: [2, 3])', async () => {
    assert.deepEqual(errors(await net('scale = 2.0', 'Net.__bases__ = (Other,)')), []);
    assert.deepEqual(errors(await net('scale = 2.0', 'pass')), []);
  });
  it('an annotation alone (`scale: float`) sets nothing: the AttributeError', async () => {
    assert.ok(errors(await net('scale: float', 'pass')).some((e) => /has no attribute 'scale'/.test(e)));
  });
});
