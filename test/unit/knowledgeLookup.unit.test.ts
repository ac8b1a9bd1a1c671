import * as assert from 'node:assert/strict';
import { conceptById, conceptsForCode, conceptsForLayerClass, conceptsInSection, formulaAtDocLine, localize, normalizeCallee } from '../../src/knowledge/lookup';
import { resolveLang } from '../../src/protocol/vocabulary';

describe('knowledge lookup', () => {
  it('finds a concept by id and not an unknown one', () => {
    assert.equal(conceptById('relu')?.id, 'relu');
    assert.equal(conceptById('no-such-concept'), undefined);
  });

  it('normalises PyTorch callee spellings', () => {
    assert.equal(normalizeCallee('pytorch', 'torch.nn.Conv2d'), 'nn.Conv2d');
    assert.equal(normalizeCallee('pytorch', 'torch.nn.functional.relu'), 'F.relu');
    assert.equal(normalizeCallee('pytorch', 'nn.functional.relu'), 'F.relu');
    assert.equal(normalizeCallee('pytorch', 'torch.optim.Adam'), 'optim.Adam');
    assert.equal(normalizeCallee('tfjs', 'layers.conv2d'), 'tf.layers.conv2d');
    assert.equal(normalizeCallee('tfjs', 'tfjs.layers.dense'), 'tf.layers.dense');
    assert.equal(normalizeCallee('pytorch', 'nn.Conv2d(1, 16, 3)'), 'nn.Conv2d');
    assert.equal(normalizeCallee('tfjs', 'tf.layers.dense({units: 10})'), 'tf.layers.dense');
  });

  it('matches full, aliased, bare and method-call spellings', () => {
    for (const callee of ['nn.Conv2d', 'torch.nn.Conv2d', 'Conv2d']) {
      assert.equal(conceptsForCode('pytorch', callee)[0]?.id, 'conv2d-layer', callee);
    }
    assert.equal(conceptsForCode('pytorch', 'torch.nn.functional.relu')[0]?.id, 'relu');
    assert.ok(conceptsForCode('pytorch', 'x.relu').some((c) => c.id === 'relu'));
    assert.equal(conceptsForCode('tfjs', 'tf.layers.conv2d')[0]?.id, 'conv2d-layer');
    assert.deepEqual(conceptsForCode('pytorch', 'self.fc1'), []);
    assert.deepEqual(conceptsForCode('pytorch', ''), []);
  });

  it('localizes, showing the corrected formula and the erratum', () => {
    const c = conceptById('self-attention');
    assert.ok(c);
    const zh = localize(c, 'zh-cn');
    const en = localize(c, 'en');
    assert.match(zh.formulas[0]?.latex ?? '', /V_X=XW_V/);
    assert.match(zh.formulas[0]?.original ?? '', /V_X=XW_K/);
    assert.ok((zh.formulas[0]?.erratum ?? '').length > 0);
    assert.notEqual(zh.explanation, en.explanation);
    assert.equal(zh.formulas[1]?.erratum, undefined);
  });

  it('finds concepts by document heading and formulas by document line', () => {
    assert.deepEqual(conceptsInSection('长短期记忆网络').map((c) => c.id), ['lstm']);
    assert.ok(conceptsInSection(' 损失计算 ').some((c) => c.id === 'mse'), 'formula-level section');
    assert.deepEqual(conceptsInSection('no such heading'), []);
    const hit = formulaAtDocLine(1592);
    assert.equal(hit?.concept.id, 'self-attention');
    assert.equal(hit?.index, 0);
    assert.equal(formulaAtDocLine(1), undefined);
  });

  it('maps run-time layer class names of both frameworks', () => {
    const first = (fw: 'pytorch' | 'tfjs', name: string): string | undefined => conceptsForLayerClass(fw, name)[0]?.id;
    assert.equal(first('pytorch', 'Conv2d'), 'conv2d-layer');
    assert.equal(first('pytorch', 'LSTM'), 'lstm');
    assert.equal(first('tfjs', 'Conv2D'), 'conv2d-layer');
    assert.equal(first('tfjs', 'MaxPooling2D'), 'maxpool2d-layer');
    assert.equal(first('tfjs', 'Dense'), 'linear-layer');
    assert.equal(first('tfjs', 'SimpleRNN'), 'rnn');
    assert.equal(first('tfjs', 'LayerNormalization'), 'layer-norm');
    assert.equal(first('tfjs', 'ReLU'), 'relu');
    assert.deepEqual(conceptsForLayerClass('tfjs', 'MyCustomLayer'), []);
    assert.deepEqual(conceptsForLayerClass('pytorch', 'functional'), []);
    assert.deepEqual(conceptsForLayerClass('pytorch', 'Conv2d; rm -rf'), []);
  });

  it('picks the language from a VS Code locale', () => {
    assert.equal(resolveLang('zh-cn'), 'zh-cn');
    assert.equal(resolveLang('zh-tw'), 'zh-cn');
    assert.equal(resolveLang('en-us'), 'en');
    assert.equal(resolveLang(undefined), 'en');
  });
});
