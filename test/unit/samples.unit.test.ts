// Each shipped sample reaches the figure the issue sets, from its own defaults, on the engine
// `auto` picks here (wasm). The recurrent MNIST samples take minutes: see test/samples/.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { isBackendEvent, type BackendEvent, type FinishedEvent } from '../../src/protocol/backend';
import { ensureEngine, startRun } from '../../src/backend/runSession';
import { ensureMnist, runConfig, tempRunsDir } from './backendSupport';

const runsDir = tempRunsDir();

async function train(sampleId: string): Promise<{ events: BackendEvent[]; finished: FinishedEvent }> {
  const baseline = tf.memory().numTensors;
  const events: BackendEvent[] = [];
  const atEpochEnd: number[] = [];
  const run = await startRun(runConfig(sampleId, { runsDir, engine: 'auto', cadence: { visualsEveryMs: 3000, activationsEverySteps: 25, minIntervalMs: 100 } }), (e) => {
    events.push(e);
    if (e.kind === 'validation') atEpochEnd.push(tf.memory().numTensors);
  });
  const result = await run.done;
  assert.equal(result.state, 'finished', `${sampleId}: ${result.error ?? ''}`);
  for (const e of events) assert.ok(isBackendEvent(e), `${sampleId}: invalid ${e.kind} event`);
  assert.ok(new Set(atEpochEnd.slice(1)).size <= 1, `${sampleId}: numTensors drifted across epochs: ${atEpochEnd.join(', ')}`);
  assert.equal(tf.memory().numTensors, baseline, `${sampleId}: tensors leaked`);
  const finished = events.find((e): e is FinishedEvent => e.kind === 'finished');
  assert.ok(finished);
  return { events, finished };
}

const last = <K extends BackendEvent['kind']>(events: BackendEvent[], kind: K): Extract<BackendEvent, { kind: K }> | undefined =>
  events.filter((e): e is Extract<BackendEvent, { kind: K }> => e.kind === kind).pop();

describe('samples reach their figures', function () {
  this.timeout(300_000);
  before(async () => {
    await ensureMnist();
    const engine = await ensureEngine(runConfig('perceptron', { engine: 'auto' }));
    assert.equal(engine.name, 'wasm', 'auto picks wasm on this machine');
  });
  after(() => rmSync(runsDir, { recursive: true, force: true }));

  it('perceptron: AND, OR, NAND 100 %, XOR at most 75 %, with decision-boundary grids', async () => {
    const { events, finished } = await train('perceptron');
    assert.equal(finished.test.accAND, 1);
    assert.equal(finished.test.accOR, 1);
    assert.equal(finished.test.accNAND, 1);
    assert.ok((finished.test.accXOR ?? 1) <= 0.75, `XOR ${finished.test.accXOR}`);
    const grids = events.filter((e) => e.kind === 'boundary');
    assert.deepEqual([...new Set(grids.map((g) => g.kind === 'boundary' && g.task))].sort(), ['AND', 'NAND', 'OR', 'XOR']);
  });

  it('mlp-xor: 100 % on the XOR truth table, boundary grid', async () => {
    const { events, finished } = await train('mlp-xor');
    assert.equal(finished.test.xorTable, 1);
    assert.ok((finished.test.acc ?? 0) >= 0.97);
    const b = last(events, 'boundary');
    assert.ok(b && b.accuracy === 1 && b.grid.length === b.resolution ** 2);
  });

  it('mlp-fit: test MSE ≤ 1e-3 on sin(x), fitted curve', async () => {
    const { events, finished } = await train('mlp-fit');
    assert.ok((finished.test.mse ?? 1) <= 1e-3, `mse ${finished.test.mse}`);
    const c = last(events, 'curve');
    assert.ok(c && c.x.length === 200);
    let worst = 0;
    for (let i = 0; i < c.x.length; i++) worst = Math.max(worst, Math.abs(c.prediction[i]! - Math.sin(c.x[i]!)));
    assert.ok(worst < 0.15, `the drawn curve follows sin(x) (worst gap ${worst})`);
  });

  it('autoencoder: reconstruction error falls, reconstructions streamed', async () => {
    const { events, finished } = await train('autoencoder');
    const first = events.find((e) => e.kind === 'metrics');
    assert.ok(first?.kind === 'metrics' && first.loss[0] !== null && first.loss[0] !== undefined);
    assert.ok((finished.test.mse ?? 1) < first.loss[0] / 5, `MSE ${finished.test.mse} vs first ${first.loss[0]}`);
    const img = last(events, 'images');
    assert.ok(img && img.count === 8 && img.reconstructions.length === 8 * 784);
  });

  it('gan: generated points cover at least 6 of the 8 modes; both losses streamed', async () => {
    const { events, finished } = await train('gan');
    assert.ok((finished.test.modesCovered ?? 0) >= 6, `modes ${finished.test.modesCovered}`);
    const m = last(events, 'metrics');
    assert.ok(m && m.loss.length === 2 && m.loss.every((l) => l !== null));
    const p = last(events, 'points');
    assert.ok(p && p.modes === 8 && p.generated.length === 2000);
  });

  it('transformer: ≥ 99 % held-out token accuracy; attention per layer and head; greedy decodings', async () => {
    const { events, finished } = await train('transformer');
    assert.ok((finished.test.tokenAcc ?? 0) >= 0.99, `token accuracy ${finished.test.tokenAcc}`);
    const att = last(events, 'attention');
    assert.ok(att);
    assert.deepEqual(att.maps.map((m) => `${m.attention}${m.layer}`).sort(), ['cross0', 'cross1', 'decoderSelf0', 'decoderSelf1', 'encoderSelf0', 'encoderSelf1']);
    for (const m of att.maps) {
      assert.equal(m.heads, 4);
      // Every query's weights sum to 1 (softmax rows).
      for (let h = 0; h < m.heads; h++) for (let r = 0; r < m.rows; r++) {
        let sum = 0;
        for (let c = 0; c < m.cols; c++) sum += m.weights[(h * m.rows + r) * m.cols + c]!;
        assert.ok(Math.abs(sum - 1) < 1e-3);
      }
      if (m.attention === 'decoderSelf') {
        for (let r = 0; r < m.rows; r++) for (let c = r + 1; c < m.cols; c++) assert.ok(m.weights[r * m.cols + c]! < 1e-6, 'the causal mask hides the future');
      }
    }
    assert.equal(att.sourceTokens.length, 8);
    const dec = last(events, 'decoding');
    assert.ok(dec && dec.items.length === 6 && dec.items.filter((i) => i.correct).length >= 5, JSON.stringify(dec?.items));
  });

  it('cnn-mnist: the document\'s SimpleCNN reaches ≥ 97 % held-out accuracy with its defaults', async () => {
    const { events, finished } = await train('cnn-mnist');
    assert.ok((finished.test.acc ?? 0) >= 0.97, `test accuracy ${finished.test.acc}`);
    const started = events[0];
    assert.ok(started?.kind === 'runStarted');
    assert.deepEqual(started.layers.map((l) => l.name), ['conv1', 'pool1', 'conv2', 'pool2', 'flatten', 'fc1', 'dropout1', 'fc2', 'dropout2', 'fc3']);
    assert.deepEqual(started.layers.map((l) => l.outputShape.slice(1)), [[28, 28, 16], [14, 14, 16], [14, 14, 32], [7, 7, 32], [1568], [120], [120], [84], [84], [10]]);
    assert.deepEqual(started.layers.map((l) => l.params), [160, 0, 4640, 0, 0, 188280, 0, 10164, 0, 850]);
  });
});
