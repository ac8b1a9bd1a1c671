// Which classes get "Train this model" (src/host/editor/trainClassOffers.ts): PyTorch classes with
// one known input shape, the lens on the class line; the class under the cursor for the palette.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import { classAtLine, trainOffers } from '../../src/host/editor/trainClassOffers';
import { ROOT, testParsers } from './analysisSupport';

describe('Train this model: which classes are offered', () => {
  it('the document\'s SimpleCNN pasted with its script part: input [64, 1, 28, 28] from the data it loads', async () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'trainThis', 'simpleCnn.py'), 'utf8');
    const result = await analyzeText(await testParsers(), text, 'python', {}, 'simple_cnn.py');
    const offers = trainOffers(result);
    assert.deepEqual(offers.map((o) => [o.model, o.line, o.input]), [['SimpleCNN', 8, [64, 1, 28, 28]]]);
    assert.equal(classAtLine(result, 25)?.model, 'SimpleCNN', 'the cursor in forward is in the class');
    assert.equal(classAtLine(result, 2), undefined, 'the imports are in no class');
  });

  it('no offer without an input, or with two inputs; the palette says which', async () => {
    const text = [
      'import torch.nn as nn',
      '',
      'class NoInput(nn.Module):',
      '    def __init__(self, n):',
      '        super().__init__()',
      '        self.fc = nn.Linear(n, 2)',
      '    def forward(self, x):',
      '        return self.fc(x)',
      '',
      '# input: (8, 4), (8, 4)',
      'class Two(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.fc = nn.Linear(4, 2)',
      '    def forward(self, a, b):',
      '        return self.fc(a + b)',
      '',
      '# input: (8, 4)',
      'class One(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.fc = nn.Linear(4, 2)',
      '    def forward(self, x):',
      '        return self.fc(x)',
      '',
    ].join('\n');
    const result = await analyzeText(await testParsers(), text, 'python', {}, 'models.py');
    assert.deepEqual(trainOffers(result).map((o) => [o.model, o.input]), [['One', [8, 4]]]);
    assert.deepEqual(classAtLine(result, 5), { model: 'NoInput', hasOffer: false, inputs: 0 });
    assert.deepEqual(classAtLine(result, 14), { model: 'Two', hasOffer: false, inputs: 2 });
  });

  it('no offer for a class whose input the code gives inside a tuple (`model((mel, audio))`): it cannot be fed one tensor', async () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'pytorch', 'tupleInput.py'), 'utf8');
    const result = await analyzeText(await testParsers(), text, 'python', {}, 'tupleInput.py');
    const m = result.models.find((x) => x.name === 'TinyVocoder');
    assert.deepEqual([m?.inputs, m?.nestedInputs], [[[2, 8, 10], [2, 40]], true]);
    assert.deepEqual(trainOffers(result), []);
  });
});
