// "Set input shape…": offered exactly where the analysis has no input, and the comment it writes
// is read back by the analysis as that model's input (the shapes follow from it).
import { strict as assert } from 'node:assert';
import { analyzeText } from '../../src/analysis/analyze';
import type { AnalysisResult, SourceLanguage } from '../../src/analysis/types';
import { inputCommentEdit, inputShapeOffers, parseTypedShapes } from '../../src/host/editor/inputShapeEdit';
import { testParsers } from './analysisSupport';

const TORCH = `import torch.nn as nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        return self.fc(self.pool(self.block(x)).flatten(1))


def make_head():
    return nn.Sequential(nn.Linear(16, 4), nn.ReLU())


head = make_head()
`;

const TFJS = `import * as tf from '@tensorflow/tfjs';

export function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({units: 4}));
  return model;
}
`;

function apply(text: string, edit: { line: number; text: string }): string {
  const lines = text.split('\n');
  lines.splice(edit.line, 0, edit.text.replace(/\n$/, ''));
  return lines.join('\n');
}

async function analyse(text: string, language: SourceLanguage): Promise<AnalysisResult> {
  return analyzeText(await testParsers(), text, language, {}, language === 'python' ? 'net.py' : 'net.js');
}

describe('"Set input shape…" (the comment it writes is the input the analysis uses)', () => {
  it('is offered for each model without an input, once per line', async () => {
    const result = await analyse(TORCH, 'python');
    const offers = inputShapeOffers(result);
    assert.deepEqual(offers.map((o) => o.model).sort(), result.models.filter((m) => m.inputs.length === 0).map((m) => m.name).sort());
    assert.ok(offers.some((o) => o.model === 'Net'), `offers: ${offers.map((o) => o.model).join(', ')}`);
    assert.equal(new Set(offers.map((o) => o.line)).size, offers.length);
  });

  it('PyTorch class: the comment above the class gives every layer its shape', async () => {
    const before = await analyse(TORCH, 'python');
    const offer = inputShapeOffers(before).find((o) => o.model === 'Net')!;
    const text = apply(TORCH, inputCommentEdit(TORCH, offer.line, 'python', parseTypedShapes('(2, 3, 16, 16)')!));
    assert.match(text, /\n# input: \(2, 3, 16, 16\)\nclass Net\(nn\.Module\):/);
    const after = await analyse(text, 'python');
    const net = after.models.find((m) => m.name === 'Net')!;
    assert.equal(net.inputSource, 'annotation');
    assert.deepEqual(net.inputs, [[2, 3, 16, 16]]);
    assert.deepEqual(net.output.known ? net.output.shape : null, [2, 10]);
    assert.ok(!inputShapeOffers(after).some((o) => o.model === 'Net'), 'no offer once the input is set');
  });

  it('a model built by a function: the comment goes above the line that builds it', async () => {
    const before = await analyse(TORCH, 'python');
    const offer = inputShapeOffers(before).find((o) => before.models.find((m) => m.name === o.model)?.layers.some((l) => l.kind === 'Linear' && l.params === 68));
    assert.ok(offer, `offers: ${inputShapeOffers(before).map((o) => o.model).join(', ')}`);
    const text = apply(TORCH, inputCommentEdit(TORCH, offer.line, 'python', parseTypedShapes('5, 16')!));
    assert.match(text, /\n# input: \(5, 16\)\nhead = make_head\(\)/);
    const head = (await analyse(text, 'python')).models.find((m) => m.name === offer.model)!;
    assert.deepEqual(head.output.known ? head.output.shape : null, [5, 4]);
  });

  it('tfjs: a // comment above tf.sequential', async () => {
    const before = await analyse(TFJS, 'javascript');
    const offer = inputShapeOffers(before)[0];
    assert.ok(offer, 'a tfjs model without inputShape has no input');
    const text = apply(TFJS, inputCommentEdit(TFJS, offer.line, 'javascript', parseTypedShapes('[8, 6]')!));
    assert.match(text, /\n {2}\/\/ input: \[8, 6\]\n {2}const model = tf\.sequential\(\);/);
    const model = (await analyse(text, 'javascript')).models[0]!;
    assert.equal(model.inputSource, 'annotation');
    assert.deepEqual(model.output.known ? model.output.shape : null, [8, 4]);
  });

  it('rejects text that is not a shape', () => {
    for (const bad of ['', 'abc', '(0, 3)', '(-1, 3)', '(1.5, 2)']) assert.equal(parseTypedShapes(bad), undefined, bad);
    assert.deepEqual(parseTypedShapes('(8, 10), (8, 12)'), [[8, 10], [8, 12]]);
  });
});
