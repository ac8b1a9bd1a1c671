// A result says what it leaves out: the 200-model cap (issue 13, defect 7) and the time budget,
// with a sentence in both languages for the hover, the side panel and the CLI.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import { describeIncomplete, incompleteNotices } from '../../src/analysis/incomplete';
import { FIXTURES, manyModels, read, testParsers } from './analysisSupport';

const cnn = read(join(FIXTURES, 'pytorch', 'simpleCnn.py'));

describe('analysis: incomplete results say so', function () {
  this.timeout(120_000);

  it('a file with more than 200 models says only the first 200 were analysed, and up to which line', async () => {
    const text = manyModels(250);
    const r = analyzeText(await testParsers(), text, 'python');
    assert.equal(r.models.length, 200);
    assert.equal(r.models[199]?.name, 'SimpleCNN199');
    const lastLine = r.models[199]!.extent.end.line;
    assert.deepEqual(r.incomplete, [{ kind: 'modelCap', analysed: 200, found: 250, lastLine }]);
    const msg = describeIncomplete(r.incomplete[0]!);
    assert.equal(msg.en, `Only the first 200 of the 250 models in this file were analysed (at most 200 a file); models after line ${(lastLine + 1).toLocaleString('en-US')} are not shown.`);
    assert.match(msg['zh-cn'], /共有 250 个模型，只分析了前 200 个/);
  });

  it('a layer the forward never reached says what stopped it (a loop of unknown length), not "never called"', async () => {
    const text = [
      'import torch', 'from torch import nn', '',
      '# input: (4, 8)',
      'class Stack(nn.Module):',
      '    def __init__(self, depth, dim=8):',
      '        super().__init__()',
      '        self.layers = nn.ModuleList([nn.Linear(dim, dim) for _ in range(depth)])',
      '        self.head = nn.Linear(dim, 2)',
      '        self.unused = nn.Linear(dim, 3)',
      '    def forward(self, x):',
      '        for layer in self.layers:',
      '            x = layer(x)',
      '        return self.head(x)', '',
    ].join('\n');
    const head = (r: ReturnType<typeof analyzeText>, name: string) => r.models[0]!.layers.find((l) => l.name === name)!.output;
    const stopped = analyzeText(await testParsers(), text, 'python');
    for (const name of ['layers', 'unused']) {
      const out = head(stopped, name);
      assert.ok(!out.known && /^not reached: the forward pass stopped before it \('x' changes in a loop/.test(out.reason.en), JSON.stringify(out));
      assert.ok(!out.known && /^未到达/.test(out.reason['zh-cn']));
    }
    // The same class with its depth known runs to the end: the layer it skips is "never called".
    const ran = analyzeText(await testParsers(), text + 'model = Stack(2)\n', 'python');
    const unused = head(ran, 'unused');
    assert.ok(!unused.known && unused.reason.en === 'this layer is never called in forward', JSON.stringify(unused));
    assert.ok(head(ran, 'head').known);
  });

  it('200 models or fewer: nothing to say', async () => {
    const r = analyzeText(await testParsers(), manyModels(200), 'python');
    assert.equal(r.models.length, 200);
    assert.deepEqual(r.incomplete, []);
  });

  it('the time budget stops the analysis and says "analysis stopped: file too complex"', async () => {
    const text = cnn + 'value_1 = compute(table[1], 2) + 3\n'.repeat(100_000);
    const r = analyzeText(await testParsers(), text, 'python', { timeBudgetMs: 1 });
    assert.deepEqual(r.incomplete, [{ kind: 'timeBudget', budgetMs: 1 }]);
    const [notice] = incompleteNotices(r.incomplete);
    assert.match(notice!.en, /^Analysis stopped: file too complex \(over its 1 ms budget\)\. This is a partial result/);
    assert.match(notice!['zh-cn'], /^分析已停止：文件过于复杂/);
    assert.deepEqual(incompleteNotices([{ kind: 'cancelled' }]), [], 'a cancelled result is never shown, so it has nothing to say');
  });
});
