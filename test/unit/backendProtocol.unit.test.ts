// The host↔backend protocol: what each side accepts on receipt, and what it must drop.
import * as assert from 'node:assert/strict';
import {
  DEFAULT_CADENCE, finiteOrNull, isBackendEvent, isBackendMessage, isHostRequest, SAMPLE_CATALOG, type BackendEvent, type RunConfig,
} from '../../src/protocol/backend';
import { loadSample } from '../../src/backend/sampleLoader';
import { join } from 'node:path';
import { samplesDir } from './backendSupport';

const config: RunConfig = {
  sample: { kind: 'shipped', id: 'cnn-mnist' }, hyper: { learningRate: 0.01, optimizer: 'momentum' }, engine: 'auto', cadence: DEFAULT_CADENCE,
  paths: { samplesDir: '/s', wasmDir: '/w', dataDir: '/d', runsDir: '/r', nativeModulePaths: [] }, allowWorkspaceCode: false, checkpoints: true,
};

const gradients: BackendEvent = {
  kind: 'gradients', t: 1, step: 3, gradNorm: new Float32Array([1, 2]), gradMaxAbs: new Float32Array([1, 2]), weightNorm: new Float32Array([1, 2]), updateRatio: new Float32Array([0.1, 0.2]),
};

describe('backend protocol', () => {
  it('accepts well-formed requests and validates the start config deeply', () => {
    assert.ok(isHostRequest({ type: 'start', id: 1, config }));
    assert.ok(isHostRequest({ type: 'pause', id: 2 }));
    assert.ok(!isHostRequest({ type: 'start', id: 1, config: { ...config, hyper: { learningRate: -1 } } }));
    assert.ok(!isHostRequest({ type: 'start', id: 1, config: { ...config, hyper: { optimizer: 'rmsprop' } } }));
    assert.ok(!isHostRequest({ type: 'start', id: 1, config: { ...config, sample: { kind: 'shipped', id: '../../etc/passwd' } } }));
    assert.ok(!isHostRequest({ type: 'start', id: 1, config: { ...config, engine: 'gpu' } }));
    assert.ok(!isHostRequest({ type: 'start', id: 1 }));
    assert.ok(!isHostRequest({ type: 'rm -rf', id: 1 }));
    assert.ok(!isHostRequest({ type: 'pause', id: -1 }));
    assert.ok(!isHostRequest({ type: 'pause', id: 1.5 }));
    assert.ok(!isHostRequest(null));
  });

  it('accepts typed-array events and rejects number lists, NaN scalars and inconsistent lengths', () => {
    assert.ok(isBackendEvent(gradients));
    assert.ok(!isBackendEvent({ ...gradients, gradNorm: [1, 2] }), 'large arrays travel as typed arrays');
    assert.ok(!isBackendEvent({ ...gradients, weightNorm: new Float32Array([1]) }), 'lengths must agree');
    const metrics = { kind: 'metrics', t: 1, step: 1, epoch: 0, loss: [0.5], train: { acc: 0.9 }, samplesPerSec: 100 };
    assert.ok(isBackendEvent(metrics));
    assert.ok(isBackendEvent({ ...metrics, loss: [null], train: { acc: null }, samplesPerSec: null }), 'null is how non-finite values travel');
    assert.ok(!isBackendEvent({ ...metrics, loss: [NaN] }), 'a raw NaN is refused');
    assert.ok(!isBackendEvent({ ...metrics, train: { acc: Infinity } }));
    assert.ok(!isBackendEvent({ ...metrics, kind: 'bogus' }));
    assert.ok(!isBackendEvent({ ...metrics, t: 'now' }));
    const boundary = { kind: 'boundary', t: 1, step: 0, task: 'XOR', xRange: [0, 1], yRange: [0, 1], resolution: 2, grid: new Float32Array(4), points: new Float32Array(4), labels: new Float32Array(2), accuracy: 0.5 };
    assert.ok(isBackendEvent(boundary));
    assert.ok(!isBackendEvent({ ...boundary, grid: new Float32Array(3) }));
    const attention = { kind: 'attention', t: 1, step: 0, sourceTokens: ['1'], targetTokens: ['2'], maps: [{ attention: 'cross', layer: 0, heads: 2, rows: 1, cols: 1, weights: new Float32Array(2) }] };
    assert.ok(isBackendEvent(attention));
    assert.ok(!isBackendEvent({ ...attention, maps: [{ attention: 'cross', layer: 0, heads: 2, rows: 1, cols: 1, weights: new Float32Array(3) }] }));
  });

  it('validates backend messages, including events nested in them', () => {
    assert.ok(isBackendMessage({ type: 'ready', pid: 42, heapLimitMb: 4096, runtime: 'Node v20' }));
    assert.ok(isBackendMessage({ type: 'response', id: 1, ok: true }));
    assert.ok(isBackendMessage({ type: 'response', id: 1, ok: false, error: 'no' }));
    assert.ok(!isBackendMessage({ type: 'response', id: 1, ok: false }));
    assert.ok(isBackendMessage({ type: 'event', event: gradients }));
    assert.ok(!isBackendMessage({ type: 'event', event: { ...gradients, gradNorm: 'x' } }));
  });

  it('spells non-finite numbers as null', () => {
    assert.equal(finiteOrNull(NaN), null);
    assert.equal(finiteOrNull(-Infinity), null);
    assert.equal(finiteOrNull(0.25), 0.25);
  });

  it('lists every shipped sample, and each file agrees with its catalog entry', () => {
    for (const entry of SAMPLE_CATALOG) {
      const { module } = loadSample(join(samplesDir, entry.file));
      assert.equal(module.description.id, entry.id, entry.file);
      assert.deepEqual(module.description.title, entry.title, entry.file);
      assert.ok(module.description.sections.length > 0 && module.description.dataset.en && module.description.dataset['zh-cn'] && module.description.goal['zh-cn'] && module.description.task);
    }
  });
});
