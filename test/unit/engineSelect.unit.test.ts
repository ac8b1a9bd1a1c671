import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describeEngine, engineReport, selectEngine } from '../../src/backend/engine/selectEngine';

const wasmDir = join(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');

describe('selectEngine', () => {
  let tmp = '';
  before(() => { tmp = mkdtempSync(join(tmpdir(), 'ml-engine-')); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('auto falls past tfjs-node (not installable here) to wasm with our kernels, and says why', async () => {
    const info = await selectEngine('auto', { wasmDir });
    assert.equal(info.name, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
    assert.equal(info.fallbacks.length, 1);
    assert.match(info.fallbacks[0] ?? '', /^tensorflow: .*tfjs-node/);
    assert.match(info.detail, /Conv2DBackpropFilter/);
    assert.equal(typeof info.threads, 'number');
    const report = engineReport(info);
    assert.equal(report.engine, 'wasm');
    assert.ok(report.customKernels.includes('Conv2DBackpropFilter'));
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
    assert.match(describeEngine(info), /^wasm — .*skipped tensorflow/);
  });

  it('reports the error a broken native install throws, then still trains on wasm', async () => {
    // A tfjs-node whose native binding is missing fails inside require(); the user must see that text.
    const pkg = join(tmp, 'node_modules', '@tensorflow', 'tfjs-node');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-node', main: 'index.js' }));
    writeFileSync(join(pkg, 'index.js'), "throw new Error('libtensorflow.so.2: cannot open shared object file');\n");
    const info = await selectEngine('tensorflow', { wasmDir, nativeModulePaths: [tmp] });
    assert.equal(info.name, 'wasm');
    assert.match(info.fallbacks[0] ?? '', /libtensorflow\.so\.2/);
  });

  it('falls to cpu with the reason when the wasm binaries are missing', async () => {
    const missing = join(tmp, 'no-such-dir');
    const info = await selectEngine('wasm', { wasmDir: missing });
    assert.equal(info.name, 'cpu');
    assert.equal(tf.getBackend(), 'cpu');
    assert.equal(info.fallbacks.length, 1);
    assert.ok(info.fallbacks[0]?.startsWith('wasm: no tfjs wasm binaries'));
    assert.ok(info.fallbacks[0]?.includes(missing));
  });

  it('cpu when asked, with no fallbacks', async () => {
    const info = await selectEngine('cpu', { wasmDir });
    assert.equal(info.name, 'cpu');
    assert.deepEqual(info.fallbacks, []);
    assert.equal(tf.getBackend(), 'cpu');
    assert.deepEqual(engineReport(info).customKernels, []);
  });

  it('rejects an unknown preference clearly', async () => {
    await assert.rejects(selectEngine('gpu' as never, { wasmDir }), /unknown engine preference "gpu"/);
  });
});
