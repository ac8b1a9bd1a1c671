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

/** Builder calls as user code writes them; each becomes one wrapper class. */
const BUILDERS = [
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
];

interface RealModel {
  total: number;
  output: number[] | null;
  error: string | null;
  modules: Record<string, { params: number; calls: (number[] | null)[] | null }>;
}

const run = (cmd: string, args: string[], input?: string): ReturnType<typeof runInFixtures> => runInFixtures(cmd, args, input, 600_000);

function source(): string {
  const classes = BUILDERS.map(
    (call, i) => `class M${i}(nn.Module):
    # input: (1, 3, 224, 224)
    def __init__(self):
        super().__init__()
        self.net = ${call}

    def forward(self, x):
        return self.net(x)
`,
  );
  return `import torch.nn as nn\nfrom torchvision import models\n\n\n${classes.join('\n\n')}`;
}

const show = (s: number[] | null | undefined): string => (s ? `[${s.join(', ')}]` : '?');

function compare(call: string, ours: ModelInfo | undefined, real: RealModel | undefined): void {
  assert.ok(ours && real, `${call}: missing (${ours ? 'PyTorch' : 'analysis'})`);
  assert.equal(real.error, null, `${call}: PyTorch failed`);
  assert.equal(ours.totalParams, real.total, `${call}: total parameters`);
  assert.equal(show(ours.output.known ? ours.output.shape : null), show(real.output), `${call}: model output`);
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
    const calls = layer.calls.map((c) => show(c.output.known ? c.output.shape : null));
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
    const spec = { file, models: BUILDERS.map((_, i) => ({ name: `M${i}`, inputs: [[1, 3, 224, 224]], long: false })) };
    const r = await run(PYTHON, [join(FIXTURES, 'runTorch.py')], JSON.stringify(spec));
    assert.equal(r.code, 0, r.stderr);
    real = (JSON.parse(r.stdout) as { models: Record<string, RealModel> }).models;
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  BUILDERS.forEach((call, i) => {
    it(call, function () {
      if (skipReason) this.skip();
      compare(call, ours.find((m) => m.name === `M${i}`), real?.[`M${i}`]);
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

  it('leaves a builder it has no program of unknown', async () => {
    const m = await wrapped('from torchvision import models', 'models.inception_v3()');
    assert.equal(m.totalParams, null);
    assert.ok(!m.output.known && m.output.reason.en.includes('inception_v3'), m.output.known ? 'known' : m.output.reason.en);
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
