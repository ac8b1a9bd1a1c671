// torchvision's model builders as the analysis reads them (src/analysis/torchvisionModels.ts)
// against the real torchvision 0.14 (Debian python3-torchvision): every builder is wrapped in a
// class, run by test/fixtures/runTorch.py with forward hooks on every module on a 1×3×224×224
// input, and the analysis must list exactly PyTorch's named_modules paths, with each module's
// parameter count, the output shape of each call, the total and the model output.
// Skipped, with the reason printed, only when torch or torchvision cannot be imported.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import type { ModelInfo } from '../../src/analysis/types';
import { FIXTURES, runInFixtures, testParsers } from './analysisSupport';

const PYTHON = '/usr/bin/python3';

/**
 * A builder call and how it is run: on `input` (default 1×3×224×224), in training mode (the
 * default) or put in eval mode before its first call (`eval`). `trainingHeads`: in training mode
 * the model runs auxiliary heads and returns them with the logits (Inception v3, GoogLeNet); the
 * analysis does not know a model is training unless told, so those heads' outputs and the
 * model's must come out unknown (never guessed), everything else as PyTorch's.
 */
interface Case {
  call: string;
  input?: number[];
  eval?: boolean;
  trainingHeads?: string[];
}

/** Builder calls as user code writes them; each becomes one wrapper class. */
const BUILDERS: (string | Case)[] = [
  'models.resnet18()',
  'models.resnet34(weights=None)',
  'models.resnet50(pretrained=False)',
  'models.resnet101()',
  'models.resnet152()',
  'models.resnext50_32x4d()',
  'models.wide_resnet50_2()',
  'models.resnext101_32x8d()',
  'models.wide_resnet101_2()',
  'models.resnet18(num_classes=10)',
  'models.resnet50(replace_stride_with_dilation=[False, True, True])',
  'models.vgg11()',
  'models.vgg11_bn()',
  'models.vgg13()',
  'models.vgg13_bn()',
  'models.vgg16()',
  'models.vgg16_bn(num_classes=7)',
  'models.vgg19()',
  'models.vgg19_bn()',
  'models.alexnet()',
  'models.mobilenet_v2()',
  'models.mobilenet_v2(width_mult=0.5)',
  'models.densenet121()',
  'models.densenet161()',
  'models.densenet169(num_classes=3)',
  'models.densenet201()',
  // Inception v3 needs about 299×299 (75×75 at least; its auxiliary head, 299-ish); BatchNorm in
  // training mode needs two samples where the head pools to 1×1.
  { call: 'models.inception_v3()', input: [2, 3, 299, 299], trainingHeads: ['net.AuxLogits'] },
  { call: 'models.inception_v3()', input: [1, 3, 299, 299], eval: true },
  { call: 'models.inception_v3(aux_logits=False, num_classes=5)', input: [1, 3, 299, 299] },
  { call: 'Inception3(num_classes=10, aux_logits=False, transform_input=True)', input: [1, 3, 320, 320] },
  { call: 'Inception3(num_classes=7, aux_logits=True, transform_input=False, init_weights=False)', input: [1, 3, 299, 299], eval: true },
  { call: 'models.mobilenet_v3_small()' },
  { call: 'models.mobilenet_v3_large()' },
  { call: 'models.mobilenet_v3_large(width_mult=0.75, reduced_tail=True, dilated=True, num_classes=4)' },
  'models.efficientnet_b0()',
  'models.efficientnet_b1()',
  'models.efficientnet_b2(num_classes=3)',
  'models.efficientnet_b3()',
  'models.efficientnet_b4()',
  'models.efficientnet_b5()',
  'models.efficientnet_b6()',
  'models.efficientnet_b7()',
  'models.efficientnet_v2_s()',
  'models.efficientnet_v2_m(num_classes=12)',
  'models.efficientnet_v2_l()',
  'models.squeezenet1_0()',
  'models.squeezenet1_1(num_classes=2)',
  'models.shufflenet_v2_x0_5()',
  'models.shufflenet_v2_x1_0()',
  'models.shufflenet_v2_x1_5()',
  'models.shufflenet_v2_x2_0(num_classes=9)',
  { call: 'models.googlenet()', input: [2, 3, 224, 224], trainingHeads: ['net.aux1', 'net.aux2'] },
  { call: 'models.googlenet()', eval: true },
  { call: 'models.googlenet(aux_logits=False, num_classes=6)' },
  'models.mnasnet0_5()',
  'models.mnasnet0_75()',
  'models.mnasnet1_0()',
  'models.mnasnet1_3(num_classes=11)',
];

const CASES: Case[] = BUILDERS.map((b) => (typeof b === 'string' ? { call: b } : b));
const inputOf = (c: Case): number[] => c.input ?? [1, 3, 224, 224];

interface RealModel {
  total: number;
  output: number[] | null;
  error: string | null;
  modules: Record<string, { params: number; calls: (number[] | null)[] | null }>;
}

const run = (cmd: string, args: string[], input?: string): ReturnType<typeof runInFixtures> => runInFixtures(cmd, args, input, 600_000);

function source(): string {
  // An eval-mode case is built, put in eval mode and called at the top level, as user code does.
  const classes = CASES.map(
    (c, i) => `class M${i}(nn.Module):
${c.eval ? '' : `    # input: (${inputOf(c).join(', ')})\n`}    def __init__(self):
        super().__init__()
        self.net = ${c.call}

    def forward(self, x):
        return self.net(x)
${c.eval ? `\n\nm${i} = M${i}()\nm${i}.eval()\ny${i} = m${i}(torch.zeros(${inputOf(c).join(', ')}))\n` : ''}`,
  );
  return `import torch\nimport torch.nn as nn\nfrom torchvision import models\nfrom torchvision.models.inception import Inception3\n\n\n${classes.join('\n\n')}`;
}

const show = (s: number[] | null | undefined): string => (s ? `[${s.join(', ')}]` : '?');

function compare(c: Case, ours: ModelInfo | undefined, real: RealModel | undefined): void {
  const call = c.call;
  const heads = c.trainingHeads ?? [];
  // The heads, and the builder's model itself (`net`), whose output is the namedtuple in training mode.
  const inHead = (path: string): boolean => (heads.length > 0 && path === 'net') || heads.some((h) => path === h || path.startsWith(`${h}.`));
  assert.ok(ours && real, `${call}: missing (${ours ? 'PyTorch' : 'analysis'})`);
  assert.equal(real.error, null, `${call}: PyTorch failed`);
  assert.equal(ours.totalParams, real.total, `${call}: total parameters`);
  if (heads.length > 0) {
    // PyTorch returned the namedtuple (logits first); the analysis cannot tell which mode it is in.
    assert.ok(!ours.output.known && /depends on a condition/.test(ours.output.reason.en), `${call}: model output ${ours.output.known ? show(ours.output.shape) : ours.output.reason.en}`);
  } else {
    assert.equal(show(ours.output.known ? ours.output.shape : null), show(real.output), `${call}: model output`);
  }
  const paths = new Set(ours.layers.map((l) => l.path));
  assert.deepEqual(
    Object.keys(real.modules).filter((p) => !paths.has(p)),
    [],
    `${call}: modules PyTorch has that the analysis does not list`,
  );
  for (const layer of ours.layers) {
    const mod: RealModel['modules'][string] | undefined = real.modules[layer.path];
    assert.ok(mod, `${call}: the analysis lists ${layer.path}, which PyTorch does not have`);
    assert.equal(layer.params, mod.params, `${call} ${layer.path}: parameters`);
    const calls = layer.calls.map((k) => show(k.output.known ? k.output.shape : null));
    if (inHead(layer.path)) {
      // Output in training mode only: never a known shape PyTorch did not produce.
      const real = (mod.calls ?? []).map(show);
      calls.forEach((k) => assert.ok(k === '?' || real.includes(k), `${call} ${layer.path}: ${k} in training mode`));
      continue;
    }
    assert.deepEqual(calls, (mod.calls ?? []).map(show), `${call} ${layer.path}: output shape of each call`);
  }
}

describe('torchvision model builders against torchvision 0.14', function () {
  this.timeout(900_000);
  let real: Record<string, RealModel> | undefined;
  let ours: ModelInfo[] = [];
  let skipReason: string | undefined;
  let dir: string | undefined;

  before(async () => {
    const probe = await run(PYTHON, ['-c', 'import torch, torchvision']).catch(() => ({ code: 1, stdout: '', stderr: `${PYTHON} not found` }));
    if (probe.code !== 0) {
      skipReason = `torch/torchvision not importable with ${PYTHON}: ${probe.stderr.trim().split('\n').pop() ?? ''}`;
      console.log(`      skipped: ${skipReason}`);
      return;
    }
    dir = mkdtempSync(join(tmpdir(), 'tvmodels-'));
    const file = join(dir, 'builders.py');
    const text = source();
    writeFileSync(file, text);
    ours = analyzeText(await testParsers(), text, 'python', {}, file).models;
    const spec = { file, models: CASES.map((c, i) => ({ name: `M${i}`, inputs: [inputOf(c)], long: false })) };
    const r = await run(PYTHON, [join(FIXTURES, 'runTorch.py')], JSON.stringify(spec));
    assert.equal(r.code, 0, r.stderr);
    real = (JSON.parse(r.stdout) as { models: Record<string, RealModel> }).models;
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  CASES.forEach((c, i) => {
    it(`${c.call}${c.eval ? ' in eval mode' : ''}${c.input ? ` on ${c.input.join('×')}` : ''}`, function () {
      if (skipReason) this.skip();
      compare(c, ours.find((m) => m.name === `M${i}`), real?.[`M${i}`]);
    });
  });
});

/** One wrapper class around `call`, after `imports`; the analysis's model M. */
async function wrapped(imports: string, call: string): Promise<ModelInfo> {
  const text = `import torch.nn as nn\n${imports}\n\n\nclass M(nn.Module):\n    # input: (2, 3, 224, 224)\n    def __init__(self):\n        super().__init__()\n        self.net = ${call}\n\n    def forward(self, x):\n        return self.net(x)\n`;
  const m = analyzeText(await testParsers(), text, 'python').models.find((x) => x.name === 'M');
  assert.ok(m, `no model for ${call}`);
  return m;
}

// Pretrained weights need a download, so these are checked against torchvision 0.14's documented
// rules (and its messages, read off the real library once), not run.
describe('torchvision builder arguments and import forms', function () {
  this.timeout(120_000);
  const resnet18Total = 11_689_512;

  it('accepts the import forms of torchvision.models', async () => {
    for (const [imports, call] of [
      ['import torchvision', 'torchvision.models.resnet18()'],
      ['from torchvision import models', 'models.resnet18()'],
      ['import torchvision.models as models', 'models.resnet18()'],
      ['from torchvision.models import resnet18', 'resnet18()'],
      ['from torchvision.models.resnet import resnet18', 'resnet18()'],
      ['from torchvision.models import resnet', 'resnet.resnet18()'],
    ]) {
      const m = await wrapped(imports!, call!);
      assert.equal(m.totalParams, resnet18Total, `${imports}; ${call}`);
      assert.deepEqual(m.output.known ? m.output.shape : m.output.reason.en, [2, 1000], `${imports}; ${call}`);
    }
  });

  it('takes the weights enums, their names and the legacy flag as opaque values', async () => {
    for (const [imports, call] of [
      ['from torchvision.models import resnet18, ResNet18_Weights', 'resnet18(weights=ResNet18_Weights.DEFAULT)'],
      ['from torchvision import models', 'models.resnet18(weights=models.ResNet18_Weights.IMAGENET1K_V1, num_classes=1000)'],
      ['from torchvision import models', "models.resnet18(weights='IMAGENET1K_V1')"],
      ['from torchvision import models', "models.resnet18(weights='ResNet18_Weights.DEFAULT')"],
      ['from torchvision import models', 'models.resnet18(pretrained=True)'],
      ['from torchvision import models', 'models.resnet18(True)'],
      ['from torchvision import models', 'models.resnet18(pretrained=False, progress=False)'],
    ]) {
      const m = await wrapped(imports!, call!);
      assert.equal(m.totalParams, resnet18Total, call);
      assert.deepEqual(m.output.known ? m.output.shape : m.output.reason.en, [2, 1000], call);
    }
  });

  it('is unknown, with torchvision\'s reason, where torchvision refuses the call', async () => {
    for (const [call, why] of [
      ['models.resnet18(pretrained=True, num_classes=10)', "The parameter 'num_classes' expected value 1000 but got 10 instead."],
      ['models.vgg16(weights=models.VGG16_Weights.DEFAULT, num_classes=2)', "The parameter 'num_classes' expected value 1000 but got 2 instead."],
      ['models.resnet18(weights=models.ResNet50_Weights.DEFAULT)', 'is not a member of ResNet18_Weights'],
      ['models.resnext50_32x4d(groups=8)', "The parameter 'groups' expected value 32 but got 8 instead."],
      ['models.resnet18(pretrained=True, weights=None)', "unexpected keyword argument 'pretrained'"],
    ]) {
      const m = await wrapped('from torchvision import models', call!);
      assert.equal(m.totalParams, null, call);
      assert.ok(!m.output.known && m.output.reason.en.includes(why!), `${call}: ${m.output.known ? 'known' : m.output.reason.en}`);
    }
  });

  it("keeps any num_classes with vgg16's features-only weights, and looks builders up by name", async () => {
    const vgg = await wrapped('from torchvision import models', "models.vgg16(weights='IMAGENET1K_FEATURES', num_classes=3)");
    assert.deepEqual(vgg.output.known ? vgg.output.shape : vgg.output.reason.en, [2, 3]);
    const byName = await wrapped('import torchvision.models as models', "models.__dict__['alexnet'](num_classes=4)");
    assert.deepEqual(byName.output.known ? byName.output.shape : byName.output.reason.en, [2, 4]);
    const dotted = await wrapped('import torchvision', "torchvision.models.__dict__['resnet18']()");
    assert.equal(dotted.totalParams, resnet18Total);
  });

  // Totals: the num_params of each builder's weights in torchvision 0.14's metadata.
  it('accepts the import forms of the other model modules, Inception3 and GoogLeNet built directly', async () => {
    for (const [imports, call, total] of [
      ['from torchvision.models.inception import Inception3', 'Inception3(aux_logits=True, init_weights=False)', 27_161_264],
      ['import torchvision.models.inception as inception', 'inception.Inception3(aux_logits=True)', 27_161_264],
      ['from torchvision.models.inception import inception_v3', 'inception_v3(weights=None)', 27_161_264],
      ['from torchvision.models.googlenet import GoogLeNet', 'GoogLeNet(aux_logits=False, init_weights=False)', 6_624_904],
      ['from torchvision.models.efficientnet import efficientnet_b0', 'efficientnet_b0()', 5_288_548],
      ['from torchvision.models.mobilenetv3 import mobilenet_v3_large', 'mobilenet_v3_large()', 5_483_032],
      ['from torchvision.models.squeezenet import squeezenet1_1', 'squeezenet1_1()', 1_235_496],
      ['from torchvision.models.shufflenetv2 import shufflenet_v2_x1_0', 'shufflenet_v2_x1_0()', 2_278_604],
      ['from torchvision.models.mnasnet import mnasnet1_0', 'mnasnet1_0()', 4_383_312],
    ] as const) {
      const m = await wrapped(imports, call);
      assert.equal(m.totalParams, total, `${imports}; ${call}`);
    }
  });

  it("follows inception_v3's and googlenet's rules for pretrained weights", async () => {
    // Inception v3 keeps its auxiliary head with weights; GoogLeNet drops its two unless aux_logits=True is asked for.
    for (const [call, total] of [
      ['models.inception_v3(pretrained=True)', 27_161_264],
      ['models.inception_v3(weights=models.Inception_V3_Weights.DEFAULT, transform_input=False)', 27_161_264],
      ['models.googlenet(pretrained=True)', 6_624_904],
      ["models.googlenet(weights='IMAGENET1K_V1')", 6_624_904],
      ['models.googlenet(pretrained=True, aux_logits=True)', 13_004_888],
      ['models.mobilenet_v3_large(weights=models.MobileNet_V3_Large_Weights.IMAGENET1K_V2)', 5_483_032],
      ['models.efficientnet_b0(pretrained=True, num_classes=1000)', 5_288_548],
    ] as const) {
      const m = await wrapped('from torchvision import models', call);
      assert.equal(m.totalParams, total, call);
    }
    const g = await wrapped('from torchvision import models', 'models.googlenet(pretrained=True)');
    assert.deepEqual(g.output.known ? g.output.shape : g.output.reason.en, [2, 1000]);
    assert.ok(!g.layers.some((l) => l.path.startsWith('net.aux')), 'googlenet(pretrained=True) has no auxiliary heads');
    // Read off the real library (these raise before any download).
    for (const [call, why] of [
      ['models.inception_v3(pretrained=True, aux_logits=False)', "The parameter 'aux_logits' expected value True but got False instead."],
      ["models.inception_v3(weights='DEFAULT', init_weights=True)", "The parameter 'init_weights' expected value False but got True instead."],
      ['models.googlenet(pretrained=True, aux_logits=False)', "The parameter 'aux_logits' expected value True but got False instead."],
      ['models.googlenet(weights=models.GoogLeNet_Weights.DEFAULT, num_classes=10)', "The parameter 'num_classes' expected value 1000 but got 10 instead."],
      ['models.efficientnet_b0(weights=models.EfficientNet_B1_Weights.DEFAULT)', 'is not a member of EfficientNet_B0_Weights'],
      ["models.squeezenet1_0(weights='IMAGENET1K_V2')", 'is not a member of SqueezeNet1_0_Weights'],
    ] as const) {
      const m = await wrapped('from torchvision import models', call);
      assert.equal(m.totalParams, null, call);
      assert.ok(!m.output.known && m.output.reason.en.includes(why), `${call}: ${m.output.known ? 'known' : m.output.reason.en}`);
    }
  });

  it('leaves a builder it has no program of unknown', async () => {
    const m = await wrapped('from torchvision import models', 'models.regnet_y_400mf()');
    assert.equal(m.totalParams, null);
    assert.ok(!m.output.known && m.output.reason.en.includes('regnet_y_400mf'), m.output.known ? 'known' : m.output.reason.en);
  });
});

describe('a copy of torchvision in the workspace', () => {
  it("wins over the analysis's own program of the builders", async () => {
    // An in-memory workspace whose torchvision/models.py builds something else under the same name.
    const root = '/ws';
    const files = new Map([
      [`${root}/torchvision/models.py`, 'import torch.nn as nn\n\n\ndef resnet18(**kwargs):\n    return nn.Linear(3, 7)\n'],
      [`${root}/train.py`, 'import torch.nn as nn\nfrom torchvision.models import resnet18\n\n\nclass M(nn.Module):\n    # input: (2, 3)\n    def __init__(self):\n        super().__init__()\n        self.net = resnet18()\n\n    def forward(self, x):\n        return self.net(x)\n'],
    ]);
    const ws = { fileName: `${root}/train.py`, root, readFile: (p: string) => files.get(p), listFiles: (ext: string) => [...files.keys()].filter((p) => p.endsWith(ext)) };
    const m = analyzeText(await testParsers(), files.get(`${root}/train.py`)!, 'python', { workspace: ws }, ws.fileName).models.find((x) => x.name === 'M');
    assert.equal(m?.totalParams, 28);
    assert.deepEqual(m.output.known ? m.output.shape : m.output.reason.en, [2, 7]);
  });
});
