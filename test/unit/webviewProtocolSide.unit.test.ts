// What the side panel receives is built from real analyses of real files (the tfjs CNN sample, a
// PyTorch model with a shape mistake): it must pass the webview's gate, or the panel would drop
// it and stay on "Reading the file…".
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import { defaultParserDirs, findParsersDir, loadParsers, type Parsers } from '../../src/analysis/parser';
import { allConcepts, conceptById, localize } from '../../src/knowledge/lookup';
import { isConceptPayload } from '../../src/protocol/trainingPanel';
import { buildOutline } from '../../src/host/panels/outline';
import { parseHostToSide, type HostToSide, type OutlineModel } from '../../src/protocol/sidePanel';

const MODEL_PY = `import torch
import torch.nn as nn
import torch.nn.functional as F

# input: (64, 1, 28, 28)
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        self.fc1 = nn.Linear(32 * 8 * 8, 120)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        return self.fc1(x)
`;

function snapshot(models: OutlineModel[], conceptId: string | null): HostToSide {
  const c = conceptId ? conceptById(conceptId) : undefined;
  return {
    type: 'snapshot', locale: 'en', status: 'ok', fileLabel: 'f', error: null, models, samples: [], runLabel: null, notices: [],
    cursor: { line: 1, activeKey: '0:0', concept: c ? localize(c, 'en') : null, numbers: [] },
  };
}

describe('side panel outline from real analyses', function () {
  this.timeout(60_000);
  let parsers: Parsers;
  before(async () => { parsers = await loadParsers(await findParsersDir(defaultParserDirs(join(__dirname, '..', '..', 'dist')))); });

  it('the tfjs CNN sample: unknown batch (-1 in tfjs) becomes null, gradients join by layer name, the gate accepts it', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'samples', 'cnnMnist.js'), 'utf8');
    const r = analyzeText(parsers, text, 'javascript', {}, 'cnnMnist.js');
    const outline = buildOutline(r, 'en', new Map([['conv1', 0.031], ['fc1', NaN]]));
    const conv1 = outline[0]?.layers.find((l) => l.name === 'conv1');
    assert.ok(conv1);
    assert.deepEqual(conv1.outputShape, [null, 28, 28, 16]);
    assert.equal(conv1.gradNorm, 0.031);
    assert.equal(outline[0]?.layers.find((l) => l.name === 'fc1')?.gradNorm, null, 'a NaN gradient is shown as none');
    assert.ok(parseHostToSide(snapshot(outline, conv1.conceptId)), 'the webview gate accepts the snapshot');
  });

  it('a PyTorch model with a shape mistake: the row carries the warning, both languages', () => {
    const r = analyzeText(parsers, MODEL_PY, 'python', {}, 'digit_cnn.py');
    for (const lang of ['en', 'zh-cn'] as const) {
      const outline = buildOutline(r, lang);
      const fc1 = outline[0]?.layers.find((l) => l.name === 'fc1');
      assert.ok(fc1?.warning && /2048/.test(fc1.warning) && /1568/.test(fc1.warning), fc1?.warning ?? 'no warning');
      assert.deepEqual(outline[0]?.inputShape, [64, 1, 28, 28]);
      assert.ok(parseHostToSide(snapshot(outline, 'conv2d-layer')));
    }
  });
});

describe('knowledge-base concepts as webview payloads', () => {
  it('every concept, in both languages, passes the webviews\' gate (none would be dropped)', () => {
    const rejected = allConcepts().flatMap((c) => (['en', 'zh-cn'] as const).filter((lang) => !isConceptPayload(localize(c, lang))).map((lang) => `${c.id}/${lang}`));
    assert.deepEqual(rejected, []);
  });
});
