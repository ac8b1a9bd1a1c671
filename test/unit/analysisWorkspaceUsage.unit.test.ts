// A model file whose sizes come only from another workspace file that builds and feeds it: the
// analysis runs that file's code (argparse defaults included) to learn the constructor arguments
// and the input. Checked against PyTorch running the same script; skipped, with the reason
// printed, only when torch cannot be imported.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import type { LayerCall, LayerInfo, WorkspaceFiles } from '../../src/analysis/types';
import { FIXTURES, read, testParsers } from './analysisSupport';

const PYTHON = '/usr/bin/python3';
const WORKSPACES = join(FIXTURES, 'workspace');

/** The workspace folder as VS Code lists it: every file under the root, in name order. */
function workspace(root: string, file: string): WorkspaceFiles {
  const walk = (d: string): string[] => readdirSync(d).sort().flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  return { fileName: file, root, readFile: (p) => { try { return read(p); } catch { return undefined; } }, listFiles: (ext) => walk(root).filter((p) => extname(p) === ext) };
}

/** PyTorch's run of the script (or of one of its functions, run from `cwd` as pytest would be). */
function torchTruth(script: string, fn?: string, cwd = dirname(script), variable = 'model'): Promise<{ total: number; modules: Record<string, { params: number; calls: number[][] }> } | string> {
  return new Promise((resolve) => {
    execFile(PYTHON, [join(WORKSPACES, 'truth.py'), script, variable, ...(fn ? [fn] : [])], { cwd, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) resolve(/No module named 'torch'|ENOENT/.test(`${stderr}${String(err)}`) ? `PyTorch is not importable with ${PYTHON}` : new Error(stderr || String(err)).message);
      else resolve(JSON.parse(stdout) as { total: number; modules: Record<string, { params: number; calls: number[][] }> });
    });
  });
}

describe('analysis: a model built and fed by another workspace file', function () {
  this.timeout(120_000);

  const cases: { what: string; root: string; file: string; script: string; model: string; input: number[] | number[][]; fn?: string; variable?: string }[] = [
    { what: "a script that imports the model's package (`from tinynet import TinyNet`, re-exported by tinynet/__init__.py)", root: 'packageUsage', file: 'tinynet/model.py', script: 'train.py', model: 'TinyNet', input: [2, 3, 16, 16] },
    { what: 'a script, for a model whose blocks come from a sibling file (`from .parts import *`)', root: 'siblingBlocks', file: 'unet/model.py', script: 'train.py', model: 'TinyUNet', input: [2, 3, 32, 32] },
    { what: 'the script itself: a model of another file built and fed there is one of its models', root: 'siblingBlocks', file: 'train.py', script: 'train.py', model: 'TinyUNet', input: [2, 3, 32, 32] },
    { what: 'the script beside the model when many example folders each have a models.py (`from models import *`)', root: 'manyExamples', file: 'zgan/models.py', script: 'zgan/train.py', model: 'Generator', input: [4, 3, 12, 12] },
    { what: 'the script itself: a star-imported class built with no arguments (`model = Critic()`)', root: 'starNoArgs', file: 'train.py', script: 'train.py', model: 'Critic', input: [2, 3, 16, 16] },
    { what: 'a unittest test class (`setUp` builds it, `test_forward` feeds it)', root: 'testClass', file: 'convnet/model.py', script: 'tests/test_convnet.py', fn: 'TestConvNet.test_forward', model: 'ConvNet', input: [4, 1, 12, 12] },
    { what: 'a script calling a factory that imports the class count inside the function (`from ..data import datasets`)', root: 'factoryImport', file: 'seg/models/net.py', script: 'train.py', model: 'SegHead', input: [2, 3, 16, 16] },
    { what: 'a script importing the model\'s module from a folder without __init__.py (`from nets import sr`, a namespace package)', root: 'namespacePackage', file: 'train.py', script: 'train.py', model: 'TinySR', input: [2, 3, 10, 10] },
    { what: 'a script, for a model that imports its graph class by a dotted name (`__import__` + getattr, `importlib.import_module`)', root: 'importByName', file: 'model/gcn.py', script: 'train.py', model: 'SkeletonGCN', input: [2, 3, 6, 5] },
    { what: 'the script itself, sized by a YAML file it finds from its own path (`os.path.dirname(__file__)`)', root: 'configBesideFile', file: 'src/lm.py', script: 'src/lm.py', model: 'LM', input: [2, 7] },
    { what: 'the script itself: padded batches packed by lengths it passes (`model(tokens, torch.tensor([4, 6, 2]))`), through an LSTM and a GRU and padded back', root: 'packedSequences', file: 'tagger.py', script: 'tagger.py', model: 'Tagger', input: [[3, 7], [3]] },
    { what: 'the script itself, importing the model only inside its `if __name__ == "__main__":` block', root: 'mainBlockImport', file: 'run.py', script: 'run.py', model: 'PatchNet', input: [5, 1, 16, 16] },
    { what: 'the script itself: a network a plain agent object builds and feeds (`agent = Agent(8, 4); agent.act(state)`)', root: 'agentHeldModel', file: 'run.py', script: 'run.py', model: 'QNetwork', input: [1, 8], variable: 'agent.qnetwork_local' },
    { what: 'the script itself, importing a package from a folder it puts on sys.path (`sys.path.append("../lib")`)', root: 'sysPathImport', file: 'notebooks/run.py', script: 'notebooks/run.py', model: 'VAE', input: [6, 20] },
    { what: 'a script whose star import replaces a class it imported by name (`from heads_small import Head`, then `from heads_wide import *`; a later `__all__` without Head replaces nothing)', root: 'starReplaces', file: 'heads_wide.py', script: 'train.py', model: 'Head', input: [5, 6] },
    { what: 'the script itself, whose star import replaces a class it imported by name', root: 'starReplaces', file: 'train.py', script: 'train.py', model: 'Head', input: [5, 6] },
    { what: 'the script itself, whose star import replaces a class it defines (listed under the variable, beside its own class)', root: 'starReplaces', file: 'local.py', script: 'local.py', model: 'model', input: [5, 6] },
    { what: 'a script that puts a folder on sys.path by its own folder (`os.path.join(sys.path[0], "utils")`) and imports the config and model from it', root: 'scriptFolderPath', file: 'utils/models.py', script: 'run.py', model: 'DilatedStack', input: [2, 4, 40] },
    { what: 'a script two imports away (main.py builds a Trainer of trainer.py, whose constructor builds the model with the options main.py made)', root: 'trainerHop', file: 'model.py', script: 'main.py', model: 'Refiner', input: [4, 3, 24, 24], variable: 'runner.net' },
    { what: 'the script itself, building another file\'s class twice under two names (each a model named by its variable)', root: 'rebuiltImport', file: 'two_models.py', script: 'two_models.py', model: 'big', input: [32, 8], variable: 'big' },
    { what: 'the script itself, building another file\'s class again under the same name (the later instance)', root: 'rebuiltImport', file: 'rebound.py', script: 'rebound.py', model: 'Tab', input: [32, 8] },
    { what: 'a script binding the imported class\'s name to its instance (`Classifier = Classifier(n_in=12)`)', root: 'shadowedImport', file: 'model.py', script: 'train.py', model: 'Classifier', input: [16, 3, 4], variable: 'Classifier' },
    { what: 'the script itself, binding the imported class\'s name to its instance', root: 'shadowedImport', file: 'train.py', script: 'train.py', model: 'Classifier', input: [16, 3, 4], variable: 'Classifier' },
    { what: 'the script itself, whose numpy comes only through `from common import *` and whose array gets a column in place (`wave.resize((24, 1))`) before it feeds the model', root: 'starImportedNumpy', file: 'sine.py', script: 'sine.py', model: 'SineRNN', input: [1, 24, 1] },
    { what: 'a script importing the model through its folder\'s `__init__.py`, which star-imports the model package (`from __init__ import *`; corpus 48b)', root: 'relayedStarImport', file: 'nets/spectral.py', script: 'train.py', model: 'SpectralHead', input: [2, 24, 6, 6] },
    { what: 'the script itself, whose `from settings import HIDDEN` keeps the value the module had when imported, though it sets `settings.HIDDEN` after (probes 48h)', root: 'fromImportThenSet', file: 'run.py', script: 'run.py', model: 'Net', input: [2, 4] },
    { what: 'a test function in another folder (`def test_output_shape(): model = PatchNet(…); model(x)`)', root: 'testFunction', file: 'patchnet/model.py', script: 'tests/test_model.py', fn: 'test_output_shape', model: 'PatchNet', input: [2, 3, 20, 20] },
  ];
  for (const c of cases) {
    it(`takes the constructor arguments and the input from ${c.what}`, async function () {
      const root = join(WORKSPACES, c.root);
      const file = join(root, c.file);
      const result = analyzeText(await testParsers(), read(file), 'python', { workspace: workspace(root, file) }, file);
      const model = result.models.find((m) => m.name === c.model);
      assert.ok(model, `${c.model} found`);
      assert.deepEqual(model.inputs, Array.isArray(c.input[0]) ? c.input : [c.input]);
      const truth = await torchTruth(join(root, c.script), c.fn, c.fn ? root : undefined, c.variable);
      if (typeof truth === 'string') {
        if (/not importable/.test(truth)) {
          console.log(`      skipped: ${truth}`);
          this.skip();
        }
        assert.fail(truth);
      }
      assert.equal(model.totalParams, truth.total);
      for (const [path, real] of Object.entries(truth.modules)) {
        const ours: LayerInfo | undefined = model.layers.find((l) => l.path === path);
        assert.ok(ours, `${path} listed`);
        assert.equal(ours.params, real.params, `${path} params`);
        assert.deepEqual(ours.calls.map((x: LayerCall) => (x.output.known ? x.output.shape : null)), real.calls, `${path} output`);
      }
    });
  }
});

describe('analysis: a class a script may build through a registry, with arguments it cannot read', () => {
  const VAE = [
    'import torch.nn as nn', '', '',
    'class VAE(nn.Module):',
    '    def __init__(self, in_channels, latent_dim, hidden=32):',
    '        super().__init__()',
    '        self.enc = nn.Conv2d(in_channels, hidden, 3, stride=2, padding=1)',
    '        self.fc_mu = nn.Linear(hidden * 32 * 32, latent_dim)',
    '',
    '    def forward(self, x):',
    '        return self.fc_mu(self.enc(x).flatten(1))',
    '',
  ].join('\n');
  const TEST = [
    'import unittest', 'import torch', 'from vaes import VAE', '', '',
    'class TestVAE(unittest.TestCase):',
    '    def setUp(self):',
    '        self.model = VAE(3, 10)',
    '',
    '    def test_forward(self):',
    '        y = self.model(torch.randn(16, 3, 64, 64))',
    '',
  ].join('\n');
  /** An in-memory workspace: path → text. */
  const memory = (files: Record<string, string>, file: string): WorkspaceFiles => ({
    fileName: file, root: '/ws', readFile: (p) => files[p], listFiles: (ext) => Object.keys(files).filter((p) => extname(p) === ext).sort(),
  });
  const analyse = async (files: Record<string, string>): Promise<ReturnType<typeof analyzeText>> =>
    analyzeText(await testParsers(), files['/ws/vaes/vae.py']!, 'python', { workspace: memory(files, '/ws/vaes/vae.py') }, '/ws/vaes/vae.py');

  const runs: [string, Record<string, string>, RegExp][] = [
    ['a dict of classes in the package indexed by a config value (`vae_models[config["name"]](**config["params"])`)', {
      '/ws/vaes/__init__.py': 'from .vae import *\n\nvae_models = {"VAE": VAE}\n',
      '/ws/run.py': 'import json\nimport sys\nfrom vaes import *\n\nconfig = json.load(open(sys.argv[1]))\nmodel = vae_models[config["name"]](**config["params"])\n',
    }, /^run\.py:6 may build VAE through vae_models\[…\] with arguments the analysis cannot read/],
    ['the package namespace indexed by an argument (`models.__dict__[args.arch](…)`)', {
      '/ws/vaes/__init__.py': 'from .vae import *\n',
      '/ws/train.py': 'import argparse\nimport vaes as models\n\np = argparse.ArgumentParser()\np.add_argument("--arch", required=True)\nargs = p.parse_args()\nmodel = models.__dict__[args.arch](3, 128)\n',
    }, /^train\.py:7 may build VAE through __dict__\[…\]/],
    ['a dict literal of classes indexed right away by values it does not write (`return {"vae": {"2D": VAE}}[name][dim]`, then called)', {
      '/ws/vaes/__init__.py': 'from .vae import *\n\n\ndef get_network(name, dim, channels):\n    model = _pick(name, dim)\n    return model(channels, 64)\n\n\ndef _pick(name, dim):\n    return {\n        "vae": {"2D": VAE},\n    }[name][dim]\n',
      '/ws/train.py': 'import json\nimport sys\nfrom vaes import get_network\n\nopts = json.load(open(sys.argv[1]))\nnet = get_network(opts["model"], "2D", opts["channels"])\n',
    }, /^__init__\.py:12 may build VAE through a dict of classes indexed by a value with arguments the analysis cannot read/],
    ['getattr on the package with a name it does not write (`getattr(vaes, args.model)(…)`)', {
      '/ws/vaes/__init__.py': 'from .vae import *\n',
      '/ws/main.py': 'import sys\nimport vaes\n\nmodel = getattr(vaes, sys.argv[1])(3, 128)\n',
    }, /^main\.py:4 may build VAE through getattr\(…\)/],
  ];
  for (const [what, files, why] of runs) {
    it(`${what}: its sizes are unknown, said where, and the test's small build and input are not used`, async () => {
      const result = await analyse({ ...files, '/ws/vaes/vae.py': VAE, '/ws/tests/test_vae.py': TEST });
      const model = result.models.find((m) => m.name === 'VAE');
      assert.ok(model);
      assert.deepEqual(model.inputs, [], 'no input from the test');
      assert.equal(model.totalParams, null);
      const mu = model.layers.find((l) => l.name === 'fc_mu')!;
      assert.equal(mu.params, null);
      assert.match(mu.paramsUnknown?.en ?? '', /may build VAE through/);
      assert.match(model.totalParamsUnknown?.en ?? '', new RegExp(`Conv2d: in_channels is not known \\(${why.source.slice(1)}`));
    });
  }

  it('a factory such a script may call (`def vgg_small(**kwargs)` via `models.__dict__[args.arch](num_classes=10)`) does not keep the class defaults its arguments could change', async () => {
    const VGG = 'import torch.nn as nn\n\n\nclass VGG(nn.Module):\n    def __init__(self, features, num_classes=1000):\n        super().__init__()\n        self.features = features\n        self.classifier = nn.Linear(8, num_classes)\n\n    def forward(self, x):\n        return self.classifier(self.features(x).flatten(1))\n\n\ndef vgg_small(**kwargs):\n    return VGG(nn.Sequential(nn.Conv2d(3, 8, 3), nn.AdaptiveAvgPool2d(1)), **kwargs)\n';
    const files = { '/ws/nets/__init__.py': 'from .vgg import *\n', '/ws/nets/vgg.py': VGG };
    const TRAIN = 'import argparse\nimport nets as models\n\np = argparse.ArgumentParser()\np.add_argument("--arch", default="vgg_small")\nargs = p.parse_args()\nmodel = models.__dict__[args.arch](num_classes=10)\n';
    const run = async (ws: Record<string, string>): Promise<ReturnType<typeof analyzeText>> => analyzeText(await testParsers(), VGG, 'python', { workspace: memory(ws, '/ws/nets/vgg.py') }, '/ws/nets/vgg.py');
    const alone = (await run(files)).models.find((m) => m.name === 'vgg_small');
    assert.equal(alone?.layers.find((l) => l.path === 'classifier')?.params, 8 * 1000 + 1000, 'vgg_small() as the file alone defines it');
    const picked = (await run({ ...files, '/ws/train.py': TRAIN })).models.find((m) => m.name === 'vgg_small');
    const head = picked?.layers.find((l) => l.path === 'classifier');
    assert.equal(head?.params, null);
    assert.match(head?.paramsUnknown?.en ?? JSON.stringify(picked?.layers.map((l) => [l.path, l.params, l.paramsUnknown?.en])), /train\.py:7 may build vgg_small through __dict__\[…\]/);
    assert.equal(picked?.layers.find((l) => l.path === 'features.0')?.params, 8 * 3 * 9 + 8, 'what the factory fixes stays known');
  });

  it('without such a script the test builds and feeds it; a literal key (`vae_models["VAE"](3, 4)`) is not such a script', async () => {
    const alone = await analyse({ '/ws/vaes/__init__.py': 'from .vae import *\n\nvae_models = {"VAE": VAE}\n', '/ws/vaes/vae.py': VAE, '/ws/tests/test_vae.py': TEST });
    const m = alone.models.find((x) => x.name === 'VAE')!;
    assert.deepEqual(m.inputs, [[16, 3, 64, 64]]);
    assert.deepEqual(m.layers.find((l) => l.name === 'fc_mu')?.calls.map((c) => c.output), [{ known: true, shape: [16, 10] }]);
    const literal = await analyse({
      '/ws/vaes/__init__.py': 'from .vae import *\n\nvae_models = {"VAE": VAE}\n', '/ws/vaes/vae.py': VAE, '/ws/tests/test_vae.py': TEST,
      '/ws/run.py': 'import torch\nfrom vaes import *\n\nmodel = vae_models["VAE"](3, 4)\nout = model(torch.zeros(2, 3, 64, 64))\n',
    });
    assert.deepEqual(literal.models.find((x) => x.name === 'VAE')?.inputs, [[16, 3, 64, 64]]);
  });
});

describe('analysis: a factory another file calls with other values, in code the analysis has not run', () => {
  // DeepLab's shape: the backbone's factory passes `**kwargs` to the class; the segmentation model
  // file calls it with `output_stride=os` inside a helper that only a command line reaches.
  const BACKBONE = [
    'import torch.nn as nn', '', '',
    'class StemNet(nn.Module):',
    '    def __init__(self, num_classes=10, output_stride=8):',
    '        super().__init__()',
    '        self.stem = nn.Conv2d(3, 8, 3, stride=2 if output_stride == 16 else 1, padding=1)',
    '        self.head = nn.Conv2d(8, num_classes, 1)',
    '',
    '    def forward(self, x):',
    '        return self.head(self.stem(x))',
    '', '',
    'def stemnet(pretrained=False, **kwargs):',
    '    return StemNet(**kwargs)',
    '',
  ].join('\n');
  const SEGMENT = [
    'from backbone import stemnet', '', '',
    'def _build(os):',
    '    return stemnet.stemnet(pretrained=False, output_stride=os)',
    '', '',
    'def seg_model(output_stride=16):',
    '    return _build(output_stride)',
    '',
  ].join('\n');
  const run = async (files: Record<string, string>): Promise<ReturnType<typeof analyzeText>> => {
    const file = '/ws/backbone/stemnet.py';
    const all: Record<string, string> = { '/ws/backbone/__init__.py': '', [file]: BACKBONE, ...files };
    const ws: WorkspaceFiles = { fileName: file, root: '/ws', readFile: (p) => all[p], listFiles: (ext) => Object.keys(all).filter((p) => extname(p) === ext).sort() };
    return analyzeText(await testParsers(), BACKBONE, 'python', { workspace: ws, forceInput: [[1, 3, 32, 32]] }, file);
  };
  const stem = (r: ReturnType<typeof analyzeText>, model: string): LayerInfo | undefined => r.models.find((m) => m.name === model)?.layers.find((l) => l.path === 'stem');

  it('alone, the factory and the class keep the defaults the file gives them', async () => {
    const alone = await run({});
    for (const model of ['StemNet', 'stemnet']) assert.deepEqual(stem(alone, model)?.calls.map((c) => c.output), [{ known: true, shape: [1, 8, 32, 32] }], model);
  });

  it('called elsewhere with output_stride = os, neither keeps the default stride: unknown, with the line that passes it', async () => {
    const called = await run({ '/ws/segment.py': SEGMENT });
    for (const model of ['StemNet', 'stemnet']) {
      const out = stem(called, model)?.calls[0]?.output;
      assert.ok(out && !out.known, `${model}: ${JSON.stringify(out)}`);
      assert.match(out.reason.en, /segment\.py:5 builds stemnet with output_stride = os, in code the analysis has not run/, `${model}: ${out.reason.en}`);
    }
    // What the call cannot change stays known.
    assert.equal(stem(called, 'StemNet')?.params, 8 * 3 * 9 + 8);
  });

  it('called under the name a script imports it as (`from … import stemnet as create_model`): the same', async () => {
    const TRAIN = ['from backbone.stemnet import stemnet as create_model', '', '', 'def train(os):', '    model = create_model(output_stride=os)', '    return model', ''].join('\n');
    const called = await run({ '/ws/train.py': TRAIN });
    for (const model of ['StemNet', 'stemnet']) {
      const out = stem(called, model)?.calls[0]?.output;
      assert.ok(out && !out.known, `${model}: ${JSON.stringify(out)}`);
      assert.match(out.reason.en, /train\.py:5 builds stemnet with output_stride = os, in code the analysis has not run/, `${model}: ${out.reason.en}`);
    }
    // Another name called in the script is not the factory.
    const other = await run({ '/ws/train.py': TRAIN.replace('create_model(output_stride', 'build_other(output_stride') });
    assert.deepEqual(stem(other, 'stemnet')?.calls.map((c) => c.output), [{ known: true, shape: [1, 8, 32, 32] }]);
  });
});

// SSL4MIS (corpus 23a): the model file's class is built by a factory of another file, and every
// training script calls that factory with its own class count (`net_factory(…, class_num=num_classes)`).
describe('analysis: a usage file\'s factory that other scripts call with other values', () => {
  const UNET = ['import torch.nn as nn', '', '', 'class UNet(nn.Module):', '    def __init__(self, in_chns, class_num):', '        super().__init__()', '        self.enc = nn.Conv2d(in_chns, 16, 3, padding=1)', '        self.out_conv = nn.Conv2d(16, class_num, 3, padding=1)', '', '    def forward(self, x):', '        return self.out_conv(self.enc(x))', ''].join('\n');
  const FACTORY = ['from networks.unet import UNet', '', '', 'def net_factory(in_chns=1, class_num=3):', '    return UNet(in_chns=in_chns, class_num=class_num)', ''].join('\n');
  const run = async (files: Record<string, string>): Promise<LayerInfo | undefined> => {
    const file = '/ws/networks/unet.py';
    const all: Record<string, string> = { '/ws/networks/__init__.py': '', [file]: UNET, '/ws/networks/net_factory.py': FACTORY, ...files };
    const ws: WorkspaceFiles = { fileName: file, root: '/ws', readFile: (p) => all[p], listFiles: (ext) => Object.keys(all).filter((p) => extname(p) === ext).sort() };
    const r = analyzeText(await testParsers(), UNET, 'python', { workspace: ws }, file);
    return r.models.find((m) => m.name === 'UNet')?.layers.find((l) => l.path === 'out_conv');
  };

  it('alone, the factory\'s defaults build the class', async () => {
    assert.equal((await run({}))?.params, 16 * 3 * 9 + 3);
  });

  it('called by a training script with class_num = 4: that script runs (two imports away), so 4, not the default 3', async () => {
    const out = await run({ '/ws/train.py': ['import torch', 'from networks.net_factory import net_factory', '', 'model = net_factory(in_chns=1, class_num=4)', 'model(torch.randn(2, 1, 64, 64))', ''].join('\n') });
    assert.equal(out?.params, 16 * 4 * 9 + 4);
    assert.deepEqual(out?.calls.map((c) => (c.output.known ? c.output.shape : null)), [[2, 4, 64, 64]]);
  });

  it('called by two scripts with class_num = 4 and 2: unknown, as differing between the places that build it', async () => {
    const script = (n: number): string => ['import torch', 'from networks.net_factory import net_factory', '', `model = net_factory(in_chns=1, class_num=${n})`, 'model(torch.randn(2, 1, 64, 64))', ''].join('\n');
    const out = await run({ '/ws/train.py': script(4), '/ws/evaluate.py': script(2) });
    assert.equal(out?.params, null);
    assert.match(out?.paramsUnknown?.en ?? '', /'class_num' differs between the places that build UNet/);
  });
});

describe('analysis: star imports that may bind a name again (probes, round 24d)', () => {
  const NET = (out: number, name = 'Net'): string => `import torch.nn as nn\n\n\nclass ${name}(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, ${out})\n\n    def forward(self, x):\n        return self.fc(x)\n`;
  const run = async (files: Record<string, string>): Promise<ReturnType<typeof analyzeText>> => {
    const file = '/ws/main.py';
    const ws: WorkspaceFiles = { fileName: file, root: '/ws', readFile: (p) => files[p], listFiles: (ext) => Object.keys(files).filter((p) => extname(p) === ext).sort() };
    return analyzeText(await testParsers(), files[file]!, 'python', { workspace: ws }, file);
  };

  it('under a module-level `if` / `try` of the script, or defining the name only inside a block there: the name is unknown, never the earlier binding', async () => {
    const scripts = [
      'import os\nimport torch\nfrom a import Net\nif os.environ.get("FAST"):\n    from b import *\nmodel = Net()\nmodel(torch.zeros(2, 4))\n',
      'import torch\nfrom a import Net\ntry:\n    from b import *\nexcept ImportError:\n    pass\nmodel = Net()\nmodel(torch.zeros(2, 4))\n',
    ];
    for (const main of scripts) {
      const r = await run({ '/ws/a.py': NET(3), '/ws/b.py': NET(7), '/ws/main.py': main });
      assert.ok(!r.models.some((m) => m.totalParams === 15), `${main}: a's Net shown as known`);
    }
    const deleted = await run({ '/ws/a.py': NET(3), '/ws/b.py': `${NET(7)}\n\nBig = Net\ndel Net\n`, '/ws/main.py': 'import torch\nfrom a import Net\nfrom b import *\nmodel = Net()\nmodel(torch.zeros(2, 4))\n' });
    assert.ok(!deleted.models.some((m) => m.totalParams === 35), 'b deletes Net: its Net is not the one');
    const inBlock = `import os\nimport torch.nn as nn\nif os.environ.get("WIDE"):\n${NET(7).split('\n').slice(3).map((l) => (l ? `    ${l}` : l)).join('\n')}`;
    const r = await run({ '/ws/a.py': NET(3), '/ws/b.py': inBlock, '/ws/main.py': 'import torch\nfrom a import Net\nfrom b import *\nmodel = Net()\nmodel(torch.zeros(2, 4))\n' });
    assert.ok(!r.models.some((m) => m.totalParams === 15), 'b defines Net inside an if: a\'s Net is not known to be the one');
  });

  it('a base class written between two star imports of the name is the earlier one (`from a import *; class B(A); from b import *`)', async () => {
    const main = 'import torch\nimport torch.nn as nn\nfrom a import *\n\n\nclass B(A):\n    pass\n\n\nfrom b import *\n\n\nclass C(A):\n    pass\n\n\nB()(torch.zeros(2, 4))\nC()(torch.zeros(2, 4))\n';
    const r = await run({ '/ws/a.py': NET(3, 'A'), '/ws/b.py': NET(7, 'A'), '/ws/main.py': main });
    assert.equal(r.models.find((m) => m.name === 'B')?.totalParams, 4 * 3 + 3);
    assert.equal(r.models.find((m) => m.name === 'C')?.totalParams, 4 * 7 + 7);
    const byName = await run({ '/ws/a.py': NET(3, 'A'), '/ws/b.py': NET(7, 'A'), '/ws/main.py': 'import torch\nfrom a import A\n\n\nclass B(A):\n    pass\n\n\nfrom b import A\n\nB()(torch.zeros(2, 4))\n' });
    assert.equal(byName.models.find((m) => m.name === 'B')?.totalParams, 4 * 3 + 3, '`from b import A` after B: B keeps a\'s A');
  });
});

describe('analysis: other scripts that build the model, read as code', () => {
  const memory = (files: Record<string, string>, file: string): WorkspaceFiles => ({
    fileName: file, root: '/ws', readFile: (p) => files[p], listFiles: (ext) => Object.keys(files).filter((p) => extname(p) === ext).sort(),
  });
  const run = async (files: Record<string, string>, file: string): Promise<ReturnType<typeof analyzeText>> =>
    analyzeText(await testParsers(), files[file]!, 'python', { workspace: memory(files, file) }, file);

  it('a script that names the model only in a comment ("the inference-time Net (…)") is not a usage of it', async () => {
    const MODEL = [
      'import torch.nn as nn', '', '',
      'class Net(nn.Module):',
      '    def __init__(self, deploy=False):',
      '        super().__init__()',
      '        self.head = nn.Conv2d(3, 8, 3, bias=deploy)',
      '',
      '    def forward(self, x):',
      '        return self.head(x)',
      '', '',
      'def build(deploy=False):',
      '    return Net(deploy=deploy)',
      '',
      'builders = {"a0": build}',
      '',
    ].join('\n');
    const TOOL = [
      '# Folds the branches of a trained model into the inference-time Net (one conv per block).',
      'import torch',
      'from model import builders', '', '',
      'def fold():',
      '    for name in sorted(builders):',
      '        print(name, torch.zeros(2, 3, 16, 16).shape)', '', '',
      'if __name__ == "__main__":',
      '    fold()',
      '',
    ].join('\n');
    const result = await run({ '/ws/model.py': MODEL, '/ws/tools/fold.py': TOOL }, '/ws/model.py');
    const net = result.models.find((m) => m.name === 'Net');
    assert.deepEqual(net?.inputs, [], 'fold.py is not run: no input from it');
    // Not deploy=True from fold.py (bias: 224): the file's own `Net(deploy=deploy)` says it is not known.
    const head = net?.layers.find((l) => l.path === 'head');
    assert.equal(head?.params, null);
    assert.match(head?.paramsUnknown?.en ?? '', /^Conv2d: bias is not known \(line 14 builds Net with deploy = deploy/);
  });

  it('a script calling a registry or a factory the model file exports (`from model import MODELS; MODELS["wide"](12)`) builds and feeds it', async () => {
    const MODEL = [
      'import torch.nn as nn', '', '',
      'class Net(nn.Module):',
      '    def __init__(self, width=4):',
      '        super().__init__()',
      '        self.fc = nn.Linear(width, 3)',
      '',
      '    def forward(self, x):',
      '        return self.fc(x)',
      '', '',
      'MODELS = {"wide": Net}',
      '',
    ].join('\n');
    const SCRIPT = 'import torch\nfrom model import MODELS as zoo\n\nnet = zoo["wide"](12)\nnet(torch.zeros(5, 12))\n';
    const result = await run({ '/ws/model.py': MODEL, '/ws/train.py': SCRIPT }, '/ws/model.py');
    const net = result.models.find((m) => m.name === 'Net');
    assert.deepEqual(net?.inputs, [[5, 12]]);
    assert.equal(net?.layers.find((l) => l.path === 'fc')?.params, 12 * 3 + 3, 'width=12 from train.py, not the default 4');
  });

  it('a script importing the model module by a computed name (`__import__(config["model"])`) keeps a literal build elsewhere from standing for it', async () => {
    const GEN = [
      'import torch.nn as nn', '', '',
      'class Generator(nn.Module):',
      '    def __init__(self, dim_z=64, shared=True, **kwargs):',
      '        super().__init__()',
      '        self.embed = nn.Embedding(100, dim_z) if shared else nn.Identity()',
      '        self.fc = nn.Linear(dim_z, 16)',
      '',
      '    def forward(self, z):',
      '        return self.fc(z)',
      '',
    ].join('\n');
    const CONVERT = 'import gen\n\n\ndef convert():\n    config = {"shared": True, "dim_z": 64}\n    return gen.Generator(**config)\n';
    const TRAIN = 'import argparse\n\np = argparse.ArgumentParser()\np.add_argument("--model", default="gen")\nconfig = vars(p.parse_args())\nmodule = __import__(config["model"])\nG = module.Generator(**config)\n';
    const alone = await run({ '/ws/gen.py': GEN, '/ws/convert.py': CONVERT }, '/ws/gen.py');
    assert.equal(alone.models.find((m) => m.name === 'Generator')?.totalParams, 6400 + 1040, 'convert.py builds it with shared=True');
    const both = await run({ '/ws/gen.py': GEN, '/ws/convert.py': CONVERT, '/ws/train.py': TRAIN }, '/ws/gen.py');
    const g = both.models.find((m) => m.name === 'Generator');
    assert.equal(g?.totalParams, null);
    assert.match(g?.totalParamsUnknown?.en ?? '', /train\.py:7 builds Generator with \*\*config/);
  });
});

describe('analysis: differing builds that ran, and a build in code the analysis has not run', () => {
  // BigGAN's shape: a converter script builds the generator with several configs (they agree on
  // `shared`), while the training script builds it with **config from a module it imports at run
  // time: what the converter's builds agree on is not what every build gives.
  const MODEL = [
    'import torch.nn as nn', '', '',
    'class Net(nn.Module):',
    '    def __init__(self, width=8, shared=False, n_classes=10):',
    '        super().__init__()',
    '        self.body = nn.Linear(16, width)',
    '        self.embed = nn.Embedding(n_classes, 5) if shared else nn.Identity()',
    '',
    '    def forward(self, x):',
    '        return self.body(x)',
    '',
  ].join('\n');
  const CONVERT = [
    'import torch', 'from model import Net', '',
    'for config in [dict(width=4, shared=True), dict(width=6, shared=True)]:',
    '    net = Net(**config)',
    '    net(torch.zeros(2, 16))',
    '',
  ].join('\n');
  const TRAIN = [
    'import importlib', '', '',
    'def run(config):',
    "    model = importlib.import_module(config['model'])",
    '    return model.Net(**config)',
    '',
  ].join('\n');
  const run = async (files: Record<string, string>): Promise<ReturnType<typeof analyzeText>> => {
    const file = '/ws/model.py';
    const all: Record<string, string> = { [file]: MODEL, '/ws/convert.py': CONVERT, ...files };
    const ws: WorkspaceFiles = { fileName: file, root: '/ws', readFile: (p) => all[p], listFiles: (ext) => Object.keys(all).filter((p) => extname(p) === ext).sort() };
    return analyzeText(await testParsers(), MODEL, 'python', { workspace: ws }, file);
  };
  const embed = (r: ReturnType<typeof analyzeText>): LayerInfo | undefined => r.models.find((m) => m.name === 'Net')?.layers.find((l) => l.path === 'embed');

  it('the builds that ran agree on shared: the embedding is counted', async () => {
    assert.equal(embed(await run({}))?.params, 50);
  });

  it('a build with **config in code not run may give shared otherwise: unknown, naming that line, not the converter\'s (which ran)', async () => {
    const r = await run({ '/ws/train.py': TRAIN });
    const net = r.models.find((m) => m.name === 'Net');
    assert.equal(embed(r)?.params ?? null, null);
    assert.equal(net?.totalParams, null);
    assert.match(net?.totalParamsUnknown?.en ?? '', /train\.py:6 builds Net with \*\*config, in code the analysis has not run/);
    assert.doesNotMatch(net?.totalParamsUnknown?.en ?? '', /convert\.py/);
  });
});
