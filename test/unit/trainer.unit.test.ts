// The training loop's promises: tensors do not leak (flat numTensors across epochs, also when a
// run fails), a NaN loss stops the run naming the step, controls work mid-run, workspace code is
// refused unless trusted, checkpoints are complete tfjs models, every event is valid protocol.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { isBackendEvent, type BackendEvent, type RunConfig } from '../../src/protocol/backend';
import { ensureEngine, startRun } from '../../src/backend/runSession';
import { Trainer } from '../../src/backend/trainer';
import { ensureMnist, runConfig, tempRunsDir } from './backendSupport';

interface Collected { events: BackendEvent[]; tensorsAtEpochEnd: number[] }

async function collectRun(config: RunConfig, onEvent?: (e: BackendEvent, run: { stop(): void }) => void): Promise<Collected & { result: Awaited<ReturnType<typeof startRun>>['done'] extends Promise<infer R> ? R : never }> {
  const events: BackendEvent[] = [];
  const tensorsAtEpochEnd: number[] = [];
  // `stop` is only called once the run is under way, after `handle` is assigned.
  const handle: Awaited<ReturnType<typeof startRun>> = await startRun(config, (e) => {
    events.push(e);
    if (e.kind === 'validation') tensorsAtEpochEnd.push(tf.memory().numTensors);
    onEvent?.(e, { stop: () => handle.trainer.stop() });
  });
  const result = await handle.done;
  return { events, tensorsAtEpochEnd, result };
}

function assertAllValid(events: BackendEvent[]): void {
  for (const e of events) assert.ok(isBackendEvent(e), `invalid event on the wire: ${JSON.stringify(e).slice(0, 300)}`);
}

describe('trainer', function () {
  this.timeout(180_000);
  const dirs: string[] = [];
  const runsDir = (): string => { const d = tempRunsDir(); dirs.push(d); return d; };
  before(async () => {
    await ensureMnist();
    await ensureEngine(runConfig('perceptron'));
  });
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it('keeps tf.memory().numTensors flat over 30 epochs with every instrument on', async () => {
    const baseline = tf.memory().numTensors;
    const { events, tensorsAtEpochEnd, result } = await collectRun(runConfig('mlp-xor', {
      runsDir: runsDir(), hyper: { epochs: 30 },
      cadence: { metricsEverySteps: 1, gradientsEverySteps: 1, activationsEverySteps: 1, visualsEveryMs: 1, minIntervalMs: 0 },
    }));
    assert.equal(result.state, 'finished');
    assert.equal(tensorsAtEpochEnd.length, 30);
    assert.equal(new Set(tensorsAtEpochEnd.slice(1)).size, 1, `numTensors per epoch: ${tensorsAtEpochEnd.join(', ')}`);
    assert.equal(tf.memory().numTensors, baseline, 'everything the run made is disposed');
    assertAllValid(events);
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of ['runStarted', 'metrics', 'gradients', 'activations', 'boundary', 'validation', 'finished', 'state'] as const) assert.ok(kinds.has(k), `no ${k} event`);
    const started = events.find((e) => e.kind === 'runStarted');
    assert.ok(started?.kind === 'runStarted');
    assert.deepEqual(started.layers.map((l) => [l.name, l.params, l.outputShape]), [['hidden', 24, [null, 8]], ['output', 18, [null, 2]]]);
    const source = readFileSync(started.sample.file, 'utf8').split('\n');
    for (const l of started.layers) assert.ok(l.line !== null && source[l.line - 1]!.includes(`'${l.name}'`), `${l.name} maps to its line`);
    const grads = events.filter((e) => e.kind === 'gradients');
    assert.ok(grads.every((g) => g.gradNorm.length === started.variables.length && g.gradNorm.every((v) => v > 0 && Number.isFinite(v))));
    const acts = events.find((e) => e.kind === 'activations');
    assert.ok(acts?.kind === 'activations' && acts.layers.includes('hidden'));
  });

  it('stops a diverging run with a message naming the step, without leaking tensors', async () => {
    const baseline = tf.memory().numTensors;
    const { events, result } = await collectRun(runConfig('mlp-fit', {
      runsDir: runsDir(), hyper: { optimizer: 'sgd', learningRate: 1e12, epochs: 50 }, cadence: { gradientsEverySteps: 1, activationsEverySteps: 1, minIntervalMs: 0 },
    }));
    assert.equal(result.state, 'failed');
    const error = events.find((e) => e.kind === 'error');
    assert.ok(error?.kind === 'error');
    assert.match(error.message, /became (NaN|Infinity|-Infinity|non-finite) at step \d+/);
    assert.equal(error.step, result.step);
    assert.ok(result.step < 50 * 8, 'it stopped early');
    const last = events[events.length - 1];
    assert.ok(last?.kind === 'state' && last.state === 'failed');
    assert.equal(tf.memory().numTensors, baseline);
    assertAllValid(events); // no raw NaN anywhere: non-finite values went out as null
    assert.ok(events.some((e) => e.kind === 'metrics' && e.loss.some((l) => l === null)), 'the NaN loss is reported as null');
  });

  it('pauses, single-steps, resumes and stops mid-run', async () => {
    const events: BackendEvent[] = [];
    const handle = await startRun(runConfig('mlp-fit', { runsDir: runsDir(), hyper: { epochs: 5000 }, cadence: { minIntervalMs: 0 } }), (e) => events.push(e));
    const trainer = handle.trainer;
    while (trainer.currentStep < 5) await new Promise((r) => setTimeout(r, 5));
    trainer.pause();
    await new Promise((r) => setTimeout(r, 50));
    const paused = trainer.currentStep;
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(trainer.currentStep, paused, 'no steps while paused');
    assert.equal(trainer.currentState, 'paused');
    trainer.singleStep();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(trainer.currentStep, paused + 1, 'exactly one step');
    const stepped = events.filter((e) => e.kind === 'metrics' && e.step === paused + 1);
    assert.equal(stepped.length, 1, 'a single step is always reported');
    trainer.resume();
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(trainer.currentStep > paused + 1, 'running again');
    trainer.stop();
    const result = await handle.done;
    assert.equal(result.state, 'stopped');
    assert.deepEqual(events.filter((e) => e.kind === 'state').map((e) => e.kind === 'state' && e.state),
      ['running', 'paused', 'running', 'stopping', 'stopped']);
  });

  it('never runs workspace code unless the workspace is trusted', async () => {
    const dir = runsDir();
    const marker = join(dir, 'workspace-code-ran');
    const evil = join(dir, 'model.js');
    // What a hostile model file could do on load: write to the disk.
    writeFileSync(evil, `process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(marker)}, 'x');\nmodule.exports = {};\n`);
    const untrusted: RunConfig = { ...runConfig('mlp-fit', { runsDir: dir }), sample: { kind: 'file', path: evil }, allowWorkspaceCode: false };
    await assert.rejects(startRun(untrusted, () => undefined), /not trusted/);
    assert.ok(!existsSync(marker), 'the workspace file was not executed');
    // The same file in a trusted workspace does run (so the check above can fail): it is then
    // refused only because it is not a sample.
    await assert.rejects(startRun({ ...untrusted, allowWorkspaceCode: true }, () => undefined), /does not export/);
    assert.ok(existsSync(marker), 'trusted workspace code ran');
    // A shipped sample named by path is fine even when untrusted.
    const shipped: RunConfig = { ...untrusted, sample: { kind: 'file', path: join(untrusted.paths.samplesDir, 'perceptron.js') } };
    const ok = await startRun(shipped, () => undefined);
    assert.equal((await ok.done).state, 'finished');
  });

  it('writes checkpoints as complete tfjs models through a temporary folder', async () => {
    const dir = runsDir();
    const { events, result } = await collectRun(runConfig('mlp-xor', { runsDir: dir, checkpoints: true }));
    assert.equal(result.state, 'finished');
    const started = events[0];
    assert.ok(started?.kind === 'runStarted' && started.runDir);
    const ckDir = join(started.runDir, 'checkpoints');
    const names = readdirSync(ckDir);
    assert.deepEqual(names, [`step-${result.step}`], 'only the newest checkpoint is kept, no temporary folder left');
    const last = `step-${result.step}`;
    assert.ok(names.includes(last));
    const manifest = JSON.parse(readFileSync(join(ckDir, last, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const weightData = readFileSync(join(ckDir, last, 'weights.bin'));
    const model = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: manifest.modelTopology, weightSpecs: manifest.weightsManifest[0]!.weights,
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    }));
    const out = tf.tidy(() => (model.predict(tf.tensor2d([[0, 1], [1, 1]])) as tf.Tensor).argMax(-1).arraySync());
    assert.deepEqual(out, [1, 0], 'the restored network still computes XOR');
    model.dispose();
    const finished = events.find((e) => e.kind === 'finished');
    assert.ok(finished?.kind === 'finished' && finished.checkpoint === join(ckDir, last));
  });

  it('clips gradients to a global L2 norm before the update, reports them as backpropagation made them', async () => {
    // One step of SGD (lr 1) on loss = Σ c·w: the gradient is c (norm 5 = ‖(3, 4)‖).
    const step = async (clip: number | undefined): Promise<{ delta: number[]; reported: number }> => {
      const w = tf.variable(tf.tensor1d([0, 0]), true, `clip-w-${clip ?? 'none'}`);
      const c = tf.tensor1d([3, 4]);
      const x = tf.zeros([1, 1]);
      const events: BackendEvent[] = [];
      const before = tf.memory().numTensors;
      const trainer = new Trainer({
        tf, hp: { learningRate: 1, batchSize: 1, epochs: 1, optimizer: 'sgd', activation: 'relu', initializer: 'zeros', seed: 1 },
        cadence: { metricsEverySteps: 1, gradientsEverySteps: 1, activationsEverySteps: 0, visualsEveryMs: 0, validateEverySteps: 0, minIntervalMs: 0 },
        seconds: null, emit: (e) => events.push(e), ...(clip ? { clipGradientNorm: clip } : {}),
        model: {
          data: { train: { x, y: x, count: 1 }, test: { x, y: x, count: 1 } }, layers: [], variables: [{ name: w.name, layer: 'w', variable: w }],
          phases: [{ name: 'loss', variables: [w.name], loss: () => tf.sum(tf.mul(c, w)) as tf.Scalar }],
          evaluate: () => ({ loss: 0 }), dispose: () => undefined,
        },
      });
      assert.equal((await trainer.run()).state, 'finished');
      assert.equal(tf.memory().numTensors, before, 'no tensors left by the clipped update');
      const delta = Array.from(w.dataSync()).map((v) => -v);
      const g = events.find((e) => e.kind === 'gradients');
      tf.dispose([w, c, x]);
      return { delta, reported: g?.kind === 'gradients' ? g.gradNorm[0]! : NaN };
    };
    const free = await step(undefined);
    assert.deepEqual(free.delta, [3, 4]);
    const clipped = await step(1);
    assert.ok(Math.abs(clipped.delta[0]! - 0.6) < 1e-5 && Math.abs(clipped.delta[1]! - 0.8) < 1e-5, `update ${clipped.delta.join(', ')}`);
    assert.ok(Math.abs(clipped.reported - 5) < 1e-5, 'the gradient event shows the norm before clipping');
    const loose = await step(10);
    assert.deepEqual(loose.delta, [3, 4], 'a norm under the limit is left alone');
  });
});
