// Factory functions (`def resnet18(**kwargs): return _resnet(BasicBlock, [2, 2, 2, 2], …)`): each
// is a model named by the function, sized by its arguments; the class they all build, with
// arguments that differ, stays unknown; an architecture change the analysis cannot decide is
// unknown. The numbers themselves are checked against PyTorch by analysisTorch.unit.test.ts.
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/analysis/analyze';
import { FIXTURES, fixtureWorkspace, read, testParsers } from './analysisSupport';
import { join } from 'node:path';

describe('analysis: models built by factory functions', () => {
  const file = join(FIXTURES, 'pytorch', 'factories.py');

  it('a factory importing its class inside the function (`from vit import ViT` in get_model) builds the sibling file\'s class', async () => {
    // Beside the fixtures (importedParts.py's DoubleConv: 3·6·9 + 12 + 6·6·9 + 12 = 510 parameters in PyTorch).
    const at = join(FIXTURES, 'pytorch', 'localImportFactory.py');
    const text = 'import torch\n\n\ndef get_model(name, width):\n    if name == "double":\n        from importedParts import DoubleConv\n        net = DoubleConv(3, width)\n    else:\n        raise NotImplementedError(name)\n    return net\n\n\nmodel = get_model("double", 6)\nout = model(torch.zeros(2, 3, 8, 8))\n';
    const result = analyzeText(await testParsers(), text, 'python', { workspace: fixtureWorkspace(at) }, at);
    const m = result.models.find((x) => x.name === 'DoubleConv');
    assert.ok(m, result.models.map((x) => x.name).join(', '));
    assert.equal(m.totalParams, 510);
    assert.deepEqual(m.output.known ? m.output.shape : null, [2, 6, 8, 8]);
  });

  it("a thin entry script whose call builds another file's model in its locals shows that model, at the call (fixture entryScript.py)", async () => {
    const at = join(FIXTURES, 'pytorch', 'entryScript.py');
    const text = read(at);
    const result = analyzeText(await testParsers(), text, 'python', { workspace: fixtureWorkspace(at) }, at);
    assert.deepEqual(result.models.map((x) => x.name), ['TrainedNet']);
    const m = result.models[0]!;
    assert.deepEqual(m.inputs, [[16, 12]]);
    assert.deepEqual(m.output.known ? m.output.shape : null, [16, 3]);
    assert.equal(m.totalParams, 323);
    assert.match(text.split('\n')[m.range.start.line]!, /^ {4}return train\(steps_from\(argv\)\)/);
  });

  it('lists each factory as a model named by the function, at its name', async () => {
    const text = read(file);
    const result = analyzeText(await testParsers(), text, 'python', {}, file);
    const names = result.models.map((m) => m.name);
    for (const f of ['stagenet_small', 'stagenet_wide', 'plain_a', 'plain_b_bn', 'StageNetTiny', 'head_finetuned', 'head_maybe']) assert.ok(names.includes(f), `${f} in ${names.join(', ')}`);
    // Helpers (`_stagenet`, `make_layers`) are not models: one starts with _, the other returns a Sequential nothing names.
    assert.ok(!names.includes('_stagenet') && !names.includes('make_layers'), names.join(', '));
    const small = result.models.find((m) => m.name === 'stagenet_small')!;
    assert.equal(text.split('\n')[small.range.start.line]!.slice(small.range.start.character, small.range.end.character), 'stagenet_small');
    assert.equal(small.inputSource, 'annotation');
    assert.deepEqual(small.output.known ? small.output.shape : null, [2, 10]);
    assert.equal(small.totalParams, 17642);
  });

  it('keeps the class built with differing arguments, and an undecidable architecture change, unknown', async () => {
    const result = analyzeText(await testParsers(), read(file), 'python', {}, file);
    for (const cls of ['StageNet', 'Plain', 'Head']) assert.equal(result.models.find((m) => m.name === cls)?.totalParams, null, cls);
    const maybe = result.models.find((m) => m.name === 'head_maybe')!;
    assert.equal(maybe.totalParams, null);
    assert.equal(maybe.output.known, false);
    assert.ok(!maybe.layers.some((l) => l.path === 'fc' && l.params !== null), 'fc is not known');
  });

  it('a factory that needs arguments is not a model (it would be built with unknown ones)', async () => {
    const text = 'import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self, n):\n        super().__init__()\n        self.fc = nn.Linear(n, 2)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\ndef make(n):\n    return Net(n)\n';
    const result = analyzeText(await testParsers(), text, 'python', {}, 'make.py');
    assert.deepEqual(result.models.map((m) => m.name), ['Net']);
  });

  it('a child replaced by index in a Sequential is the new layer; an index write it cannot follow leaves the layers unknown', async () => {
    const text = 'import torch\nimport torch.nn as nn\n\nmodel = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))\nmodel[2] = nn.Linear(8, 5)\nout = model(torch.zeros(3, 4))\n\nother = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 2))\nother[k] = nn.Linear(8, 3)\nout2 = other(torch.zeros(3, 4))\n';
    const result = analyzeText(await testParsers(), text, 'python', {}, 'seq.py');
    const model = result.models.find((m) => m.name === 'model')!;
    assert.deepEqual(model.output.known ? model.output.shape : null, [3, 5]);
    assert.equal(model.totalParams, 40 + 45);
    const other = result.models.find((m) => m.name === 'other')!;
    assert.equal(other.totalParams, null);
    assert.equal(other.output.known, false);
  });
});
