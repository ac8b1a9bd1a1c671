// The training panel draws only what RunModel makes of the backend's events. These tests feed it
// the events of real (short) training runs of the shipped samples, in this process, and check
// that what the panel would receive passes the webview's own gate and says what happened.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CADENCE, type BackendEvent, type RunConfig } from '../../src/protocol/backend';
import type { HyperOverrides } from '../../src/protocol/vocabulary';
import { parseHostToTraining } from '../../src/protocol/trainingPanel';
import { assetPaths, findPackageRoot } from '../../src/backend/paths';
import { startRun } from '../../src/backend/runSession';
import { RunModel } from '../../src/host/panels/runModel';
import { conceptForLayerKind } from '../../src/knowledge/lookup';

async function record(sample: string, seconds: number, hyper: HyperOverrides = {}): Promise<BackendEvent[]> {
  const runsDir = mkdtempSync(join(tmpdir(), 'ml-panel-'));
  try {
    const config: RunConfig = {
      sample: { kind: 'shipped', id: sample }, hyper, seconds, engine: 'auto',
      cadence: { ...DEFAULT_CADENCE, visualsEveryMs: 200 },
      paths: { ...assetPaths(findPackageRoot(__dirname)), runsDir, nativeModulePaths: [] },
      allowWorkspaceCode: false, checkpoints: false,
    };
    const events: BackendEvent[] = [];
    const run = await startRun(config, (e) => events.push(e));
    await run.done;
    return events;
  } finally {
    rmSync(runsDir, { recursive: true, force: true });
  }
}

function snapshotMessage(m: RunModel): unknown {
  return { type: 'snapshot', locale: 'en', run: m.snapshot(), previous: [], concepts: [], cursorLayer: null };
}

describe('RunModel: real runs folded into what the training panel draws', function () {
  this.timeout(120_000);
  let xor: BackendEvent[] = [];

  before(async () => { xor = await record('mlp-xor', 2); });

  it('builds a snapshot the webview accepts, with layers, curves, per-layer gradients and the boundary', () => {
    const m = new RunModel('en');
    for (const e of xor) m.apply(e);
    const snap = m.snapshot();
    assert.ok(snap);
    assert.ok(parseHostToTraining(snapshotMessage(m)), 'the webview gate must accept the snapshot');
    const started = xor.find((e) => e.kind === 'runStarted');
    assert.ok(started && started.kind === 'runStarted');
    assert.deepEqual(snap.layers.map((l) => l.name), started.layers.map((l) => l.name));
    const metrics = xor.filter((e) => e.kind === 'metrics');
    assert.equal(snap.train.step.length, metrics.length);
    assert.ok(snap.train.step.length > 5, `only ${snap.train.step.length} training steps recorded`);
    // One gradient row per layer that owns variables; the norm combines the layer's variables.
    const owners = [...new Set(started.variables.map((v) => v.layer))];
    assert.deepEqual([...snap.gradLayers].sort(), owners.sort());
    const g = xor.find((e) => e.kind === 'gradients');
    assert.ok(g && g.kind === 'gradients');
    const layer0 = snap.gradLayers[0] ?? '';
    const expect = Math.sqrt(started.variables.reduce((s, v, i) => (v.layer === layer0 ? s + (g.gradNorm[i] ?? 0) ** 2 : s), 0));
    assert.ok(Math.abs((snap.grads.values[0] ?? NaN) - expect) <= 1e-6 * Math.max(1, expect));
    assert.equal(snap.grads.values.length, snap.grads.steps.length * snap.gradLayers.length);
    assert.ok(snap.boundaries.length > 0, 'mlp-xor streams a decision boundary');
    assert.equal(snap.header.state, 'finished');
  });

  it('hands a visible panel only what is new since the last flush', () => {
    const m = new RunModel('en');
    const half = Math.floor(xor.length / 2);
    for (const e of xor.slice(0, half)) m.apply(e);
    m.snapshot();
    m.markAllSent();
    assert.equal(m.takeDelta(), null, 'nothing new yet');
    for (const e of xor.slice(half)) m.apply(e);
    const d = m.takeDelta();
    assert.ok(d);
    assert.ok(parseHostToTraining(d), 'the webview gate must accept the delta');
    const newMetrics = xor.slice(half).filter((e) => e.kind === 'metrics').length;
    assert.equal(d.train?.step.length ?? 0, newMetrics);
    assert.ok(d.train && d.train.step instanceof Float64Array && d.train.loss instanceof Float32Array, 'series travel as typed arrays');
    assert.equal(m.takeDelta(), null, 'a delta is handed out once');
  });

  it('maps layer kinds to the knowledge base for formula chips, including the samples\' own layers', () => {
    const id = (kind: string): string | undefined => conceptForLayerKind(kind)?.id;
    assert.equal(id('Dense'), 'linear-layer');
    assert.equal(id('Conv2D'), 'conv2d-layer');
    assert.equal(id('MaxPooling2D'), 'maxpool2d-layer');
    assert.equal(id('LayerNorm'), 'layer-norm');
    assert.equal(id('MultiHeadAttention (cross, 4 heads)'), 'multi-head-attention');
    assert.equal(id('FFN (64→128→64)'), 'ffn');
    assert.equal(id('Perceptron (step)'), 'mcp-neuron');
    assert.equal(id('NoSuchLayer'), undefined);
  });

  it('a run that blows up shows as failed with the reason, never with NaN numbers in the header', async () => {
    const events = await record('mlp-fit', 2, { learningRate: 50, optimizer: 'sgd' });
    const m = new RunModel('zh-cn');
    for (const e of events) m.apply(e);
    const snap = m.snapshot();
    assert.ok(snap);
    assert.ok(parseHostToTraining(snapshotMessage(m)));
    assert.equal(snap.header.state, 'failed', `state ${snap.header.state}`);
    assert.match(snap.header.reason ?? '', /learning rate|学习率/, 'the reason says what to do');
    assert.ok(snap.header.step > 0 && Number.isFinite(snap.header.samplesPerSec ?? 0));
  });

  it('a two-phase run (GAN) keeps both losses, named by phase, and its generated points', async () => {
    const events = await record('gan', 2);
    const m = new RunModel('en');
    for (const e of events) m.apply(e);
    const snap = m.snapshot();
    assert.ok(snap);
    assert.ok(parseHostToTraining(snapshotMessage(m)));
    assert.equal(snap.header.phases.length, 2);
    const finite = (a: Float32Array): number => a.filter((x) => Number.isFinite(x)).length;
    assert.ok(finite(snap.train.loss) > 0 && finite(snap.train.loss2) === finite(snap.train.loss), 'both phases have a loss at every step');
    assert.ok(snap.points && snap.points.fake.length > 0 && snap.points.real.length > 0);
  });

  it('the Transformer run yields attention groups with token labels and a masked decoder self-attention', async () => {
    const events = await record('transformer', 4);
    const m = new RunModel('en');
    for (const e of events) m.apply(e);
    const snap = m.snapshot();
    assert.ok(snap);
    assert.ok(parseHostToTraining(snapshotMessage(m)));
    const kinds = snap.attentionGroups.map((g) => g.kind);
    assert.deepEqual(kinds, ['encoderSelf', 'decoderSelf', 'cross']);
    assert.ok(snap.attention.length > 0);
    const dec = snap.attentionGroups[1];
    const frame = snap.attention[snap.attention.length - 1];
    assert.ok(dec && frame);
    const w = frame.weights[1];
    assert.ok(w);
    assert.equal(w.length, dec.layers * dec.heads * dec.qTokens.length * dec.kTokens.length);
    // Causal mask: nothing above the diagonal of the first map.
    const T = dec.kTokens.length;
    let above = 0;
    for (let i = 0; i < dec.qTokens.length; i++) for (let j = i + 1; j < T; j++) above += w[i * T + j] ?? 0;
    assert.ok(above < 1e-4, `weight above the diagonal: ${above}`);
  });
});
