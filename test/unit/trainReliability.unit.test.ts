// What a hostile user found wrong with training runs, each reproduced with the real parts: a full
// disk (a real tmpfs of a few hundred kilobytes, filled while the run writes), CLI values the
// readers rejected, a sample stuck in a loop under Ctrl-C, a sample that ends the process or
// prints into --json, killed runs listed as "running", and load errors that named no line.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_LOG_NAME, EventLogWriter, RunFileError, readEventLog } from '../../src/backend/eventLog';
import { CHECKPOINTS_DIR, readRunMeta, writeRunMeta } from '../../src/backend/runFolder';
import { ensureEngine, startRun } from '../../src/backend/runSession';
import { loadSample } from '../../src/backend/sampleLoader';
import { parseTrainArgs } from '../../src/cli/trainCommand';
import { RunModel } from '../../src/host/panels/runModel';
import { listRuns, readRun } from '../../src/host/training/runLibrary';
import { isBackendEvent, type BackendEvent } from '../../src/protocol/backend';
import { parseHostToTraining } from '../../src/protocol/trainingPanel';
import { HYPER_LIMITS, isHyperOverrides } from '../../src/protocol/vocabulary';
import { ensureBackendBuilt, ensureMnist, repoRoot, runConfig, tempRunsDir } from './backendSupport';

const cliJs = join(repoRoot, 'dist', 'cli.js');

/** A real, small filesystem (tmpfs, as root); undefined where mounting is not allowed. */
function mountTmpfs(sizeKb: number): { dir: string; unmount(): void } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'ml-tmpfs-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) { rmSync(dir, { recursive: true, force: true }); return undefined; }
  return { dir, unmount: () => { spawnSync('umount', ['-l', dir]); rmSync(dir, { recursive: true, force: true }); } };
}

/** Writes until the filesystem says ENOSPC: afterwards not one more page fits. */
function fillDisk(dir: string): void {
  const chunk = Buffer.alloc(4096, 1);
  const file = join(dir, `filler-${Math.random().toString(36).slice(2)}`);
  try {
    for (;;) writeFileSync(file, chunk, { flag: 'a' });
  } catch (err) {
    assert.equal((err as NodeJS.ErrnoException).code, 'ENOSPC');
  }
}

interface CliRun { child: ChildProcess; stdout: string[]; stderr: () => string; exited: Promise<number | null> }

/** The TensorFlow.js engine's CLI runs (pinned: `auto` would train on PyTorch where torch is installed; torchEngine.unit.test.ts covers that engine). */
function startCli(args: string[]): CliRun {
  const child = spawn(process.execPath, [cliJs, 'train', ...args, '--engine', 'wasm'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  let pending = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => {
    pending += b.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    stdout.push(...lines);
  });
  child.stderr!.on('data', (b: Buffer) => { err += b.toString('utf8'); });
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return { child, stdout, stderr: () => err, exited };
}

async function until(what: string, probe: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const jsonLines = (run: CliRun): Record<string, unknown>[] => run.stdout.filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

/** A user sample (same API as samples/) whose loss runs `onStep(step)` first. */
function userSample(dir: string, name: string, opts: { create?: string; onStep?: string; top?: string } = {}): string {
  const file = join(dir, name);
  writeFileSync(file, `${opts.top ?? ''}
let step = 0;
module.exports = {
  description: { id: 'user-xor', title: { en: 'user', 'zh-cn': 'user' }, sections: [], dataset: { en: '-', 'zh-cn': '-' }, goal: { en: '-', 'zh-cn': '-' },
    defaults: { learningRate: 0.1, batchSize: 4, epochs: 1000, optimizer: 'sgd', activation: 'tanh', initializer: 'xavier', seed: 1 } },
  create(ctx) {
    const tf = ctx.tf;
    ${opts.create ?? ''}
    const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const y = tf.tensor2d([[0], [1], [1], [0]]);
    const w = ctx.variable('w', tf.randomNormal([2, 1]));
    return {
      data: { train: { x, y, count: 4 }, test: { x, y, count: 4 } },
      layers: [{ name: 'w', kind: 'Dense', outputShape: [null, 1], params: 2 }],
      variables: [{ name: 'w', layer: 'w', variable: w }],
      phases: [{ name: 'main', variables: ['w'], loss: (b) => { step++; ${opts.onStep ?? ''}; return tf.losses.meanSquaredError(b.y, b.x.matMul(w)); } }],
      evaluate: () => ({ loss: 0.25 }),
      dispose: () => { x.dispose(); y.dispose(); },
    };
  },
};
`);
  return file;
}

describe('training runs under hostile conditions', function () {
  this.timeout(240_000);
  const dirs: string[] = [];
  const temp = (): string => { const d = tempRunsDir(); dirs.push(d); return d; };
  before(async () => {
    ensureBackendBuilt();
    await ensureMnist();
    await ensureEngine(runConfig('mlp-xor'));
  });
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  describe('1. a full disk', () => {
    it('the log writer finishes short writes, and a failed write names the file and leaves whole records', () => {
      const dir = temp();
      const file = join(dir, EVENT_LOG_NAME);
      const w = new EventLogWriter(file);
      const e: BackendEvent = { kind: 'log', t: 1, level: 'info', message: 'x'.repeat(5000) };
      w.append(e);
      w.close();
      assert.deepEqual(readEventLog(file).events, [e]);
      // /dev/full accepts the open and refuses every write with ENOSPC.
      const full = new EventLogWriter('/dev/full');
      assert.throws(() => full.append(e), (err: unknown) => err instanceof RunFileError && err.code === 'ENOSPC' && err.message.includes('/dev/full'));
      full.close();
    });

    it('ends a run as failed naming events.log and the reason when the disk fills mid-run; the log stays readable', async function () {
      const fs = mountTmpfs(512);
      if (!fs) { console.log('      (no tmpfs: mounting needs root; the /dev/full test above covers the writer)'); this.skip(); }
      try {
        const events: BackendEvent[] = [];
        let filled = false;
        const handle = await startRun(runConfig('mlp-xor', { runsDir: fs.dir, hyper: { epochs: 200 }, checkpoints: true }), (e) => {
          events.push(e);
          if (!filled && e.kind === 'metrics' && e.step >= 3) { filled = true; fillDisk(fs.dir); }
        });
        const result = await handle.done;
        assert.equal(result.state, 'failed', `the run ${result.state} (it must not hang or report success)`);
        const error = events.find((e) => e.kind === 'error');
        assert.ok(error?.kind === 'error', 'the host receives an error event');
        assert.match(error.message, new RegExp(`${handle.runDir}/${EVENT_LOG_NAME}|${handle.runDir}/run\\.json`), error.message);
        assert.match(error.message, /no space left|ENOSPC/);
        const last = events[events.length - 1];
        assert.ok(last?.kind === 'state' && last.state === 'failed' && last.reason?.['zh-cn'].includes('空间'), 'the run ends failed, with the reason in both languages');
        for (const e of events) assert.ok(isBackendEvent(e));
        const read = readEventLog(join(handle.runDir, EVENT_LOG_NAME));
        assert.equal(read.truncatedBytes, 0, 'no half record at the end');
        assert.equal(read.invalidRecords, 0);
        assert.equal(read.events[0]?.kind, 'runStarted', 'the log opens');
      } finally {
        fs.unmount();
      }
    });

    it('a checkpoint that cannot be written is a warning: the run finishes', async function () {
      const fs = mountTmpfs(4096);
      if (!fs) this.skip();
      const small = mountTmpfs(8);
      try {
        if (!small) this.skip();
        const events: BackendEvent[] = [];
        const handle = await startRun(runConfig('mlp-xor', { runsDir: fs.dir, hyper: { epochs: 3 }, checkpoints: true }), (e) => {
          events.push(e);
          // The checkpoints folder is a full filesystem of its own: only checkpoints fail.
          if (e.kind === 'runStarted' && e.runDir) {
            const target = join(e.runDir, CHECKPOINTS_DIR);
            mkdirSync(target);
            assert.equal(spawnSync('mount', ['--bind', small.dir, target]).status, 0);
            fillDisk(target);
          }
        });
        try {
          const result = await handle.done;
          assert.equal(result.state, 'finished');
          const warning = events.find((e) => e.kind === 'log' && e.level === 'warn');
          assert.ok(warning?.kind === 'log' && /Checkpoint at step \d+ not saved .*no space left/.test(warning.message), JSON.stringify(warning));
          const finished = events.find((e) => e.kind === 'finished');
          assert.ok(finished?.kind === 'finished' && finished.checkpoint === null);
          assert.deepEqual(readdirSync(join(handle.runDir, CHECKPOINTS_DIR)).filter((n) => n.startsWith('.tmp-')), [], 'no half-written checkpoint left');
        } finally {
          spawnSync('umount', ['-l', join(handle.runDir, CHECKPOINTS_DIR)]);
        }
      } finally {
        small?.unmount();
        fs.unmount();
      }
    });

    it('the CLI says which file could not be written and why, and exits non-zero', async function () {
      const fs = mountTmpfs(512);
      if (!fs) this.skip();
      try {
        const run = startCli(['mlp-xor', '--epochs', '400', '--json', '--runs-dir', fs.dir]);
        await until('the run to start', () => run.stdout.some((l) => l.includes('"kind":"metrics"')));
        fillDisk(fs.dir);
        assert.equal(await run.exited, 1, run.stderr());
        const summary = jsonLines(run).find((l) => l.kind === 'summary');
        assert.equal(summary?.state, 'failed');
        assert.match(String(summary?.error), /could not write .*(events\.log|run\.json): no space left on the device \(ENOSPC\)/);
      } finally {
        fs.unmount();
      }
    });
  });

  describe('2. one set of limits', () => {
    it('the CLI refuses what the readers would reject, with the allowed range', () => {
      assert.throws(() => parseTrainArgs(['mlp-xor', '--batch-size', '1000000000']), /--batch-size must be a positive integer from 1 to 1,000,000, got '1000000000'/);
      assert.throws(() => parseTrainArgs(['mlp-xor', '--epochs', '1000000000']), /--epochs must be a positive integer from 1 to 100,000/);
      assert.throws(() => parseTrainArgs(['mlp-xor', '--seed', '4294967296']), /--seed must be an integer from 0 to 4,294,967,295/);
      assert.throws(() => parseTrainArgs(['mlp-xor', '--lr', '-1']), /--lr must be a positive number/);
      assert.throws(() => parseTrainArgs(['mlp-xor', '--epochs', '']), /--epochs/);
      assert.equal(parseTrainArgs(['mlp-xor', '--seed', '0']).hyper.seed, 0, '--seed 0 is a seed');
    });

    it('the panel\'s Run again form accepts exactly the same values', () => {
      assert.ok(isHyperOverrides({ batchSize: HYPER_LIMITS.batchSize.max, epochs: HYPER_LIMITS.epochs.max, seed: 0 }));
      assert.ok(!isHyperOverrides({ batchSize: HYPER_LIMITS.batchSize.max + 1 }));
      assert.ok(!isHyperOverrides({ seed: HYPER_LIMITS.seed.max + 1 }));
    });

    it('a CLI run at the limits opens in the panel with its curves (not an empty panel)', async () => {
      const dir = temp();
      const run = startCli(['mlp-xor', '--batch-size', String(HYPER_LIMITS.batchSize.max), '--epochs', '2', '--seed', '0', '--json', '--runs-dir', dir]);
      assert.equal(await run.exited, 0, run.stderr());
      const [saved] = listRuns(dir);
      assert.ok(saved);
      assert.equal(saved.state, 'finished');
      const model = new RunModel('en');
      for (const e of readRun(saved.dir).events) model.apply(e);
      const snap = model.snapshot();
      assert.ok(snap, 'runStarted was accepted by the reader');
      assert.equal(snap.header.hyper.batchSize, HYPER_LIMITS.batchSize.max);
      assert.equal(snap.header.hyper.seed, 0);
      assert.ok(snap.train.step.length > 0, 'the curves have points');
      assert.ok(parseHostToTraining({ type: 'snapshot', locale: 'en', run: snap, previous: [], concepts: [], cursorLayer: null }), 'the webview accepts the snapshot');
    });
  });

  describe('3–4. the CLI and a misbehaving sample', () => {
    it('first Ctrl-C stops a stuck sample gracefully if it can; the second ends the training process at once', async () => {
      const dir = temp();
      const file = userSample(dir, 'stuck.js', { onStep: 'if (step > 5) for (;;) {}' });
      const run = startCli([file, '--json', '--runs-dir', dir]);
      await until('the run to start', () => run.stdout.some((l) => l.includes('"kind":"runStarted"')));
      const runDir = String(jsonLines(run).find((l) => l.kind === 'runStarted')?.runDir);
      const backendPid = readRunMeta(runDir, 'x')?.process?.pid;
      assert.ok(backendPid, 'run.json names the training process');
      await new Promise((r) => setTimeout(r, 1500)); // well inside the endless loop
      run.child.kill('SIGINT');
      await until('the first Ctrl-C to be acknowledged', () => /Ctrl-C again/.test(run.stderr()), 10_000);
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(run.child.exitCode, null, 'a stuck sample cannot stop gracefully: the CLI waits');
      run.child.kill('SIGINT');
      const started = Date.now();
      assert.equal(await run.exited, 130);
      assert.ok(Date.now() - started < 5000, 'the second Ctrl-C ends it at once');
      assert.throws(() => process.kill(backendPid, 0), 'the training process is gone');
      assert.match(run.stderr(), /ending the training process now/);
      assert.equal(listRuns(dir)[0]?.state, 'crashed', 'the killed run is listed as crashed');
    });

    it('one Ctrl-C on a healthy run stops it, saves it, and exits 0', async () => {
      const dir = temp();
      const run = startCli(['mlp-fit', '--epochs', '5000', '--json', '--runs-dir', dir]);
      await until('a few steps', () => run.stdout.filter((l) => l.includes('"kind":"metrics"')).length >= 2);
      run.child.kill('SIGINT');
      assert.equal(await run.exited, 0, run.stderr());
      assert.equal(jsonLines(run).find((l) => l.kind === 'summary')?.state, 'stopped');
      assert.equal(listRuns(dir)[0]?.state, 'stopped');
    });

    it('a sample that calls process.exit(0) fails the run saying so; the CLI exits non-zero with a summary', async () => {
      const dir = temp();
      const file = userSample(dir, 'quits.js', { onStep: 'if (step === 3) process.exit(0)' });
      const run = startCli([file, '--json', '--runs-dir', dir]);
      assert.equal(await run.exited, 1, run.stderr());
      const summary = jsonLines(run).find((l) => l.kind === 'summary');
      assert.equal(summary?.state, 'failed');
      assert.match(String(summary?.error), /the sample called process\.exit\(0\)/);
      assert.match(String(summary?.error), /quits\.js:\d+:\d+/, 'and where');
    });

    it('a sample that ends the process anyway is reported as having ended it', async () => {
      const dir = temp();
      const file = userSample(dir, 'reallyQuits.js', { onStep: 'if (step === 3) process.reallyExit(0)' });
      const run = startCli([file, '--json', '--runs-dir', dir]);
      assert.equal(await run.exited, 1, run.stderr());
      assert.match(run.stderr(), /the sample ended the training process \(exit code 0\)/);
      const summary = jsonLines(run).find((l) => l.kind === 'summary');
      assert.equal(summary?.state, 'crashed');
    });

    it("a sample's own output never reaches the --json stream", async () => {
      const dir = temp();
      const file = userSample(dir, 'chatty.js', { top: "console.log('hello from the top');", create: "console.log('{\"kind\": \"not json');", onStep: "if (step < 3) { console.log('step', step); process.stdout.write('raw\\n'); }" });
      const run = startCli([file, '--epochs', '3', '--json', '--runs-dir', dir]);
      assert.equal(await run.exited, 0, run.stderr());
      const lines = run.stdout.filter((l) => l.trim() !== '');
      for (const l of lines) assert.doesNotThrow(() => JSON.parse(l), `not JSON on stdout: ${l}`);
      assert.equal(jsonLines(run).at(-1)?.kind, 'summary');
      assert.match(run.stderr(), /hello from the top/, "the sample's output is on stderr");
      assert.match(run.stderr(), /step 1/);
    });
  });

  describe('5. run folders', () => {
    it('a run whose process was killed is listed as crashed with its last step, not "running, step 0"', async () => {
      const dir = temp();
      const run = startCli(['mlp-fit', '--epochs', '5000', '--json', '--runs-dir', dir]);
      await until('some steps', () => run.stdout.filter((l) => l.includes('"kind":"metrics"')).length >= 3);
      const runDir = String(jsonLines(run).find((l) => l.kind === 'runStarted')?.runDir);
      const pid = readRunMeta(runDir, 'x')?.process?.pid;
      assert.ok(pid);
      process.kill(pid, 'SIGKILL');
      await run.exited;
      // A half-written checkpoint of the dead process.
      mkdirSync(join(runDir, CHECKPOINTS_DIR, `.tmp-step-9-${pid}`), { recursive: true });
      const [saved] = listRuns(dir);
      assert.equal(saved?.state, 'crashed');
      const lastLogged = Math.max(...readEventLog(join(runDir, EVENT_LOG_NAME)).events.map((e) => ('step' in e && typeof e.step === 'number' ? e.step : 0)));
      assert.ok(lastLogged > 0);
      assert.equal(saved?.step, lastLogged);
      assert.ok(!existsSync(join(runDir, CHECKPOINTS_DIR, `.tmp-step-9-${pid}`)), 'stale .tmp-* checkpoint folder removed');
    });

    it('a run of a live process stays as it is', () => {
      const dir = temp();
      const runDir = join(dir, 'live');
      mkdirSync(runDir);
      writeFileSync(join(runDir, EVENT_LOG_NAME), '');
      writeRunMeta(runDir, { runId: 'live', sampleId: 'x', title: { en: 'x', 'zh-cn': 'x' }, created: new Date().toISOString(), engine: 'wasm', state: 'running', test: null, step: 7, process: { pid: process.pid, boot: null, start: null } });
      assert.equal(listRuns(dir)[0]?.state, 'running');
    });

    it('run.json is replaced whole (written to a temporary file, then renamed)', () => {
      const dir = temp();
      const meta = { runId: 'r', sampleId: 'x', title: { en: 'x', 'zh-cn': 'x' }, created: 'now', engine: 'wasm', state: 'running' as const, test: null, step: 1 };
      writeRunMeta(dir, meta);
      assert.deepEqual(readdirSync(dir), ['run.json']);
      assert.equal(readRunMeta(dir, 'r')?.step, 1);
      assert.throws(() => writeRunMeta(join(dir, 'missing'), meta), RunFileError, 'a failed write says which file');
    });

    it('a sample that cannot build leaves no empty run folder behind', async () => {
      const dir = temp();
      const file = userSample(dir, 'broken.js', { create: 'throw new Error("no model today");' });
      const runs = join(dir, 'runs');
      mkdirSync(runs);
      await assert.rejects(startRun({ ...runConfig('mlp-xor', { runsDir: runs }), sample: { kind: 'file', path: file }, allowWorkspaceCode: true }, () => undefined), /broken\.js:\d+:\d+: could not build the model: no model today/);
      assert.deepEqual(readdirSync(runs), []);
    });
  });

  describe('6. errors in a user sample name the file and the line', () => {
    it('a syntax error', () => {
      const dir = temp();
      const file = join(dir, 'typo.js');
      writeFileSync(file, 'module.exports = {\n  description: {},\n  create(ctx) { return ctx.tf.tensor( ; }\n};\n');
      assert.throws(() => loadSample(file), (err: Error) => err.message.startsWith(`${file}:3: syntax error:`));
    });

    it('an error while loading, and one while building the model, with line and column', async () => {
      const dir = temp();
      const file = join(dir, 'throws.js');
      writeFileSync(file, '// a comment\nconst x = undefined;\nx.y = 1;\n');
      assert.throws(() => loadSample(file), (err: Error) => err.message.startsWith(`${file}:3:`) && /error while loading: Cannot set properties of undefined/.test(err.message));
      const run = startCli([userSample(dir, 'late.js', { create: 'ctx.tf.noSuchOp();' }), '--runs-dir', dir]);
      assert.equal(await run.exited, 1);
      assert.match(run.stderr(), /late\.js:\d+:\d+: could not build the model: ctx\.tf\.noSuchOp is not a function/);
    });

    it('an error thrown during training names its place in the sample', async () => {
      const dir = temp();
      const run = startCli([userSample(dir, 'midway.js', { onStep: 'if (step === 4) undefinedThing.go()' }), '--json', '--runs-dir', dir]);
      assert.equal(await run.exited, 1);
      assert.match(String(jsonLines(run).find((l) => l.kind === 'summary')?.error), /Training failed at step \d+: .*midway\.js:\d+:\d+: undefinedThing is not defined/);
    });
  });
});
