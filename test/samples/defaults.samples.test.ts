// Every shipped sample from its own defaults on the wasm engine (`npm run test:samples`), through
// the path a person uses: `node dist/cli.js train <id> --engine wasm --json`, the CLI starting the
// training process from dist/ (the engine with our SIMD kernels and product threads, as the
// extension runs it). Each sample must reach the figure its goal and the README's samples table
// state; each run's wall time (the whole CLI process, start to exit) is printed with the load
// average. On a machine no busier than its cores it must stay within the 90 s a person waits at
// the screen (issue 12); on a busier one the time is reported and the test shows as pending, not
// as a pass it did not check. The last step of `npm test` (2.4–8.8 min measured, see the README).
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { BackendEvent, FinishedEvent } from '../../src/protocol/backend';
import { ensureBackendBuilt, repoRoot, tempRunsDir } from '../unit/backendSupport';

const runsDir = tempRunsDir();
const cli = join(repoRoot, 'dist', 'cli.js');
/** The longest a sample may take from its defaults on a machine that is not overloaded. */
const WALL_GOAL_S = 90;
let child: ChildProcess | null = null;

interface SampleRun { finished: FinishedEvent; wallS: number; load: number; engine: string }

/** One `model-lens train <id> --engine wasm --json` from the sample's defaults. */
async function train(sampleId: string): Promise<SampleRun> {
  const loadBefore = loadavg()[0] ?? 0;
  const started = Date.now();
  const proc = spawn(process.execPath, [cli, 'train', sampleId, '--engine', 'wasm', '--json', '--runs-dir', runsDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let finished: FinishedEvent | undefined;
  let engine = '';
  let summary: { state?: string; error?: string } = {};
  let pending = '';
  let stderr = '';
  proc.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  proc.stdout.on('data', (c: Buffer) => {
    pending += c.toString();
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      const e = JSON.parse(line) as BackendEvent | { kind: 'summary'; state: string; error?: string };
      if (e.kind === 'summary') summary = e;
      else if (e.kind === 'runStarted') engine = `${e.engine.name} — ${e.engine.detail}`;
      else if (e.kind === 'finished') finished = e;
      else if (e.kind === 'validation' && e.epoch < 10) process.stdout.write(`      ${sampleId} epoch ${e.epoch + 1}: ${JSON.stringify(e.metrics)}\n`);
    }
  });
  const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
  child = null;
  const wallS = (Date.now() - started) / 1000;
  assert.equal(code, 0, `${sampleId}: the CLI exited with ${String(code)}: ${summary.error ?? stderr.slice(-2000)}`);
  assert.equal(summary.state, 'finished', summary.error);
  assert.ok(finished, `${sampleId}: no finished event`);
  assert.match(engine, /^wasm — /, `${sampleId} ran on ${engine}`);
  const load = Math.max(loadBefore, loadavg()[0] ?? 0);
  process.stdout.write(`      ${sampleId}: held-out ${JSON.stringify(finished.test)}; ${wallS.toFixed(1)} s wall (training ${finished.seconds.toFixed(1)} s, ${finished.samplesPerSec?.toFixed(0) ?? '—'} samples/s), load average ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores, ${new Date().toISOString().slice(11, 19)} UTC\n`);
  return { finished, wallS, load, engine };
}

/** The 90 s goal, where the machine is not busier than its cores (else reported, pending). */
function checkWall(ctx: Mocha.Context, sampleId: string, run: SampleRun): void {
  if (run.wallS <= WALL_GOAL_S) return;
  if (run.load >= cpus().length) {
    process.stdout.write(`      ${sampleId}: not checked against the ${WALL_GOAL_S} s goal: load average ${run.load.toFixed(1)} ≥ ${cpus().length} cores\n`);
    ctx.skip();
  }
  assert.fail(`${sampleId}: ${run.wallS.toFixed(0)} s wall (goal ${WALL_GOAL_S} s) at load average ${run.load.toFixed(1)}`);
}

const held = (run: SampleRun, key: string): number => {
  const v = run.finished.test[key];
  assert.ok(typeof v === 'number', `no held-out ${key} in ${JSON.stringify(run.finished.test)}`);
  return v;
};

/** Each sample with what its goal (samples/<id>.js) and the README's table state. */
const SAMPLES: { id: string; figure: string; check(run: SampleRun): void }[] = [
  { id: 'perceptron', figure: 'AND, OR, NAND 100 %, XOR ≤ 75 %', check: (r) => {
    for (const g of ['AND', 'OR', 'NAND']) assert.equal(held(r, `acc${g}`), 1, g);
    assert.ok(held(r, 'accXOR') <= 0.75, 'XOR is not linearly separable');
  } },
  { id: 'mlp-xor', figure: 'XOR table 100 %', check: (r) => assert.equal(held(r, 'xorTable'), 1) },
  { id: 'mlp-fit', figure: 'test MSE ≤ 0.001', check: (r) => assert.ok(held(r, 'loss') <= 1e-3) },
  { id: 'cnn-mnist', figure: '≥ 97 % held-out accuracy', check: (r) => assert.ok(held(r, 'acc') >= 0.97) },
  // A plain RNN's figure is reported as it is; it must still clearly learn.
  { id: 'rnn-mnist', figure: 'accuracy reported (> 50 %)', check: (r) => assert.ok(held(r, 'acc') > 0.5) },
  { id: 'lstm-mnist', figure: '≥ 95 % held-out accuracy', check: (r) => assert.ok(held(r, 'acc') >= 0.95) },
  { id: 'gru-mnist', figure: '≥ 95 % held-out accuracy', check: (r) => assert.ok(held(r, 'acc') >= 0.95) },
  { id: 'transformer', figure: '≥ 99 % held-out token accuracy', check: (r) => assert.ok(held(r, 'tokenAcc') >= 0.99) },
  // Its goal is that the error falls (0.23 at the first step); the README gives 0.017.
  { id: 'autoencoder', figure: 'held-out MSE ≤ 0.02', check: (r) => assert.ok(held(r, 'loss') <= 0.02) },
  { id: 'gan', figure: '≥ 6 of the 8 modes covered', check: (r) => assert.ok(held(r, 'modesCovered') >= 6) },
];

describe('samples from their defaults on the wasm engine (slow)', function () {
  this.timeout(1_800_000);
  const suiteStart = Date.now();
  before(() => ensureBackendBuilt());
  afterEach(() => { child?.kill('SIGKILL'); child = null; });
  after(() => {
    rmSync(runsDir, { recursive: true, force: true });
    process.stdout.write(`      all samples: ${((Date.now() - suiteStart) / 1000).toFixed(0)} s (build included)\n`);
  });

  for (const s of SAMPLES) {
    it(`${s.id}: ${s.figure}, ≤ ${WALL_GOAL_S} s`, async function () {
      const run = await train(s.id);
      s.check(run);
      checkWall(this, s.id, run);
    });
  }
});
