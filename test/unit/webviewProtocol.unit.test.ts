// The webviews are untrusted: a compromised or buggy page can post anything. These tests hold the
// host's gates to their promise (unknown, oversized, malformed → dropped) and check that what the
// host sends passes the webview's own gate.
import { strict as assert } from 'node:assert';
import {
  MAX_CONTROL_MESSAGE, parseHostToTraining, parseTrainingToHost, type TrainingToHost,
} from '../../src/protocol/trainingPanel';
import type { HyperOverrides } from '../../src/protocol/vocabulary';
import { parseHostToSide, parseSideToHost, type HostToSide } from '../../src/protocol/sidePanel';

const hyper: HyperOverrides = { learningRate: 0.01, batchSize: 64, epochs: 5, optimizer: 'momentum', activation: 'relu', initializer: 'he' };

describe('training panel protocol: webview → host', () => {
  const valid: TrainingToHost[] = [
    { type: 'ready', protocol: 1 },
    { type: 'control', action: 'pause' },
    { type: 'control', action: 'resume' },
    { type: 'control', action: 'step' },
    { type: 'control', action: 'stop' },
    { type: 'runAgain', hyper },
    { type: 'revealLayer', layer: 'conv1' },
    { type: 'openConcept', conceptId: 'sigmoid' },
    { type: 'export', format: 'csv', fileName: 'cnn-mnist-metrics.csv', data: 'step,train_loss\n1,2.3\n' },
    { type: 'export', format: 'png', fileName: 'cnn-mnist-training.png', data: 'data:image/png;base64,iVBORw0KGgo=' },
    { type: 'openRun' },
    { type: 'drawn' },
  ];

  it('accepts every message the webview legitimately sends, unchanged', () => {
    for (const m of valid) assert.deepEqual(parseTrainingToHost(structuredClone(m)), m, JSON.stringify(m));
  });

  const forged: [string, unknown][] = [
    ['not an object', 'pause'],
    ['null', null],
    ['an array', [{ type: 'ready', protocol: 1 }]],
    ['no type', { action: 'pause' }],
    ['unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }],
    ['a prototype key as type', { type: 'toString' }],
    ['__proto__ as type', { type: '__proto__' }],
    ['unknown control action', { type: 'control', action: 'rm -rf' }],
    ['extra field smuggled in', { type: 'control', action: 'stop', command: 'evil' }],
    ['own __proto__ key', JSON.parse('{"type":"control","action":"stop","__proto__":{"polluted":true}}')],
    ['layer name not a string', { type: 'revealLayer', layer: { toString: 'x' } }],
    ['oversized layer name', { type: 'revealLayer', layer: 'x'.repeat(MAX_CONTROL_MESSAGE + 10) }],
    ['oversized control message', { type: 'ready', protocol: 1, pad: 'x'.repeat(10_000) }],
    ['learning rate NaN', { type: 'runAgain', hyper: { ...hyper, learningRate: NaN } }],
    ['learning rate negative', { type: 'runAgain', hyper: { ...hyper, learningRate: -1 } }],
    ['batch size fractional', { type: 'runAgain', hyper: { ...hyper, batchSize: 6.5 } }],
    ['epochs as string', { type: 'runAgain', hyper: { ...hyper, epochs: '5' } }],
    ['unknown optimizer', { type: 'runAgain', hyper: { ...hyper, optimizer: 'lbfgs' } }],
    ['hyper with extra key', { type: 'runAgain', hyper: { ...hyper, script: 'x' } }],
    ['concept id with path characters', { type: 'openConcept', conceptId: '../../etc/passwd' }],
    ['export file name with a path', { type: 'export', format: 'csv', fileName: '../../.bashrc.csv', data: 'x' }],
    ['export file name with wrong extension', { type: 'export', format: 'csv', fileName: 'run.sh', data: 'x' }],
    ['export png that is not a PNG data URL', { type: 'export', format: 'png', fileName: 'a.png', data: 'data:text/html;base64,PHNjcmlwdD4=' }],
    ['export over the size cap', { type: 'export', format: 'csv', fileName: 'a.csv', data: 'x'.repeat(25 * 1024 * 1024) }],
    ['a typed array where a string belongs', { type: 'revealLayer', layer: new Uint8Array(4) }],
  ];

  for (const [why, msg] of forged) {
    it(`drops a forged message: ${why}`, () => {
      assert.equal(parseTrainingToHost(msg), undefined);
    });
  }
});

describe('side panel protocol: webview → host', () => {
  it('accepts its four messages', () => {
    for (const m of [
      { type: 'ready', protocol: 1 },
      { type: 'revealLine', line: 12 },
      { type: 'trainSample', sampleId: 'cnn-mnist' },
      { type: 'trainSample', sampleId: null },
      { type: 'showConcept', conceptId: 'conv2d-layer' },
    ]) assert.deepEqual(parseSideToHost(m), m);
  });

  for (const [why, msg] of [
    ['unknown type', { type: 'executeCommand', id: 'workbench.action.reloadWindow' }],
    ['line 0', { type: 'revealLine', line: 0 }],
    ['line negative', { type: 'revealLine', line: -5 }],
    ['line fractional', { type: 'revealLine', line: 1.5 }],
    ['line as string', { type: 'revealLine', line: '12' }],
    ['sample id with spaces', { type: 'trainSample', sampleId: 'cnn mnist; rm' }],
    ['extra field', { type: 'revealLine', line: 3, uri: 'file:///etc/passwd' }],
    ['oversized', { type: 'showConcept', conceptId: 'a'.repeat(5000) }],
  ] as [string, unknown][]) {
    it(`drops a forged message: ${why}`, () => assert.equal(parseSideToHost(msg), undefined));
  }
});

describe('host → webview gates', () => {
  it('side panel: accepts a snapshot and a cursor move, drops a snapshot with a malformed layer', () => {
    const snap: HostToSide = {
      type: 'snapshot', locale: 'zh-cn', status: 'ok', fileLabel: 'model.py', error: null, samples: [{ id: 'cnn-mnist', title: 'CNN' }], runLabel: null, notices: [],
      models: [{ name: 'DigitCNN', line: 3, inputShape: [64, 1, 28, 28], layers: [
        { key: '0:0', name: 'conv1', kind: 'Conv2d', line: 5, outputShape: [64, 16, 28, 28], params: 160, warning: null, conceptId: 'conv2d-layer', gradNorm: 0.031, source: 'pytorch' },
      ] }],
      cursor: { line: 5, activeKey: '0:0', concept: null, numbers: ['H_out = ⌊(28 + 2·1 − 3)/1⌋ + 1 = 28'] },
    };
    assert.ok(parseHostToSide(snap));
    assert.ok(parseHostToSide({ type: 'cursor', line: 7, activeKey: null, concept: null, numbers: [] }));
    const bad = structuredClone(snap) as { models: { layers: { line: unknown }[] }[] };
    const layer = bad.models[0]?.layers[0];
    assert.ok(layer);
    layer.line = '5; alert(1)';
    assert.equal(parseHostToSide(bad), undefined);
    const badSource = structuredClone(snap) as { models: { layers: { source: unknown }[] }[] };
    badSource.models[0]!.layers[0]!.source = 'trust me';
    assert.equal(parseHostToSide(badSource), undefined, 'a layer\'s source is one of the two words');
    assert.equal(parseHostToSide({ type: 'cursor', line: 7, activeKey: '<img src=x>', concept: null, numbers: [] }), undefined);
  });

  it('training panel: drops unknown messages and number lists where typed arrays belong', () => {
    assert.equal(parseHostToTraining({ type: 'eval', code: '1' }), undefined);
    assert.ok(parseHostToTraining({ type: 'cursor', layer: 'fc1' }));
    assert.ok(parseHostToTraining({ type: 'snapshot', locale: 'en', run: null, previous: [], concepts: [], cursorLayer: null }));
    assert.equal(parseHostToTraining({ type: 'snapshot', locale: 'fr', run: null, previous: [], concepts: [], cursorLayer: null }), undefined);
    assert.equal(parseHostToTraining({
      type: 'delta', runId: 'r', header: null, layers: null, gradLayers: null, train: { step: [1], loss: [2], acc: [0] }, val: null, grads: null,
      attentionGroups: null, attention: null, boundaries: null, decoding: null, fit: null, points: null, recon: null, concepts: null,
    }), undefined);
  });
});
