// The analysis worker pool with real worker threads: results equal the in-process analysis, a
// cancelled job stops (cooperatively, the worker survives), the time budget gives a partial result
// marked as such, and a worker that cannot stop is terminated and replaced.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import { AnalysisWorkerPool, analysisWorkerEntry, type AnalysisOutcome } from '../../src/analysis/worker/pool';
import { isHostToWorker, isWorkerToHost } from '../../src/protocol/analysisWorker';
import { FIXTURES, ROOT, fixtureFiles, read, testParsers } from './analysisSupport';

const parsersDir = join(ROOT, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
const cnn = read(join(FIXTURES, 'pytorch', 'simpleCnn.py'));
/** Several seconds of analysis: a 10 MB file of code after the model. */
const huge = cnn + 'value_1 = compute(table[1], 2) + 3\n'.repeat(300_000);

function done(o: AnalysisOutcome): Extract<AnalysisOutcome, { kind: 'done' }> {
  assert.equal(o.kind, 'done', JSON.stringify(o).slice(0, 500));
  return o as Extract<AnalysisOutcome, { kind: 'done' }>;
}

describe('analysis worker pool (real worker threads)', function () {
  this.timeout(300_000);
  const pools: AnalysisWorkerPool[] = [];
  const pool = (extra: Partial<ConstructorParameters<typeof AnalysisWorkerPool>[0]> = {}): AnalysisWorkerPool => {
    const p = new AnalysisWorkerPool({ ...analysisWorkerEntry(), parsersDir, graceMs: 3000, ...extra });
    pools.push(p);
    return p;
  };
  after(async () => {
    await Promise.all(pools.map((p) => p.dispose()));
  });

  it('gives the same result as the analysis in this thread, for every fixture', async () => {
    const p = pool({ size: 2 });
    const parsers = await testParsers();
    const files = fixtureFiles();
    const outcomes = await Promise.all(files.map((f) => p.run({ text: read(f), language: f.endsWith('.py') ? 'python' : f.endsWith('.ts') ? 'typescript' : 'javascript', fileName: f, options: {} }).outcome));
    files.forEach((f, i) => {
      const expected = analyzeText(parsers, read(f), f.endsWith('.py') ? 'python' : f.endsWith('.ts') ? 'typescript' : 'javascript', {}, f);
      assert.deepEqual(done(outcomes[i]!).result, expected, f);
    });
    assert.ok(p.stats.workersStarted <= 2);
  });

  it('a cancelled job ends at once for its caller; the worker stops by itself and takes the next job', async () => {
    const p = pool();
    done(await p.run({ text: cnn, language: 'python', options: {} }).outcome); // the worker is up
    const task = p.run({ text: huge, language: 'python', options: {} });
    await new Promise((r) => setTimeout(r, 200));
    const t0 = performance.now();
    task.cancel();
    assert.deepEqual(await task.outcome, { kind: 'cancelled' });
    assert.ok(performance.now() - t0 < 50);
    const next = done(await p.run({ text: cnn, language: 'python', options: {} }).outcome);
    assert.deepEqual(next.result.models.map((m) => m.name), ['SimpleCNN']);
    console.log(`      next job answered ${(performance.now() - t0).toFixed(0)} ms after the cancel`);
    assert.equal(p.stats.workersTerminated, 0, 'the worker noticed the cancel slot and was not terminated');
    assert.equal(p.stats.workersStarted, 1);
  });

  it('a job over its time budget comes back partial, marked "analysis stopped: file too complex"', async () => {
    const p = pool();
    const out = done(await p.run({ text: huge, language: 'python', options: { timeBudgetMs: 300 } }).outcome);
    assert.deepEqual(out.result.incomplete, [{ kind: 'timeBudget', budgetMs: 300 }]);
    assert.equal(out.terminated, false);
    assert.ok(out.ms < 3000, `stopped after ${out.ms.toFixed(0)} ms`);
  });

  it('a tfjs analysis cut short leaves model totals and outputs unknown, not the sum of the layers seen so far', async () => {
    const parsers = await testParsers();
    const js = read(join(FIXTURES, 'tfjs', 'cnn.js')) + 'const padding = [1, 2, 3].map((x) => x * 2);\n'.repeat(5_000);
    // Stop in the middle of the padding statements (one check each): count the parser's own checks first.
    let parseChecks = 0;
    parsers.javascript.reset();
    parsers.javascript.parse(js, null, { progressCallback: () => (parseChecks++, false) })?.delete();
    let calls = 0;
    const r = analyzeText(parsers, js, 'javascript', { isCancelled: () => ++calls > parseChecks + 1_000 });
    assert.deepEqual(r.incomplete, [{ kind: 'cancelled' }]);
    assert.ok(r.models.length > 0, 'the model before the stop is reported');
    for (const m of r.models) {
      assert.equal(m.totalParams, null);
      assert.equal(m.output.known ? 'known' : m.output.reason.en, 'analysis stopped: file too complex');
      assert.ok(m.layers.some((l) => l.output.known), 'layer calls seen before the stop keep their shapes');
    }
  });

  it('a worker that does not stop is terminated after the grace time, and a new one serves the next job', async () => {
    const stuck = pool({ workerPath: join(__dirname, 'stuckAnalysisWorker.ts'), graceMs: 300 });
    const t0 = performance.now();
    const out = done(await stuck.run({ text: cnn, language: 'python', options: { timeBudgetMs: 200 } }).outcome);
    assert.equal(out.terminated, true);
    assert.deepEqual(out.result, { language: 'python', models: [], diagnostics: [], syntaxErrors: 0, incomplete: [{ kind: 'timeBudget', budgetMs: 200 }] });
    assert.ok(performance.now() - t0 < 200 + 300 + 5000);
    const cancelled = stuck.run({ text: cnn, language: 'python', options: {} });
    await new Promise((r) => setTimeout(r, 1500));
    cancelled.cancel();
    assert.deepEqual(await cancelled.outcome, { kind: 'cancelled' });
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(stuck.stats.workersTerminated, 2, 'terminated once over budget, once after a cancel it ignored');
  });

  it('a worker whose grammars cannot load fails the job with the reason, without a restart loop', async () => {
    const p = pool({ parsersDir: join(ROOT, 'no-such-dir') });
    const out = await p.run({ text: cnn, language: 'python', options: {} }).outcome;
    assert.equal(out.kind, 'failed');
    assert.match(out.kind === 'failed' ? out.message : '', /grammars failed to load from .*no-such-dir/);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(p.stats.workersStarted, 1);
  });

  it('messages are checked on receipt on both sides', () => {
    assert.ok(isHostToWorker({ type: 'analyze', id: 1, text: 'x', language: 'python', options: { timeBudgetMs: 10 } }));
    assert.ok(!isHostToWorker({ type: 'analyze', id: 0, text: 'x', language: 'python', options: {} }), 'job 0 is the idle cancel slot');
    assert.ok(!isHostToWorker({ type: 'analyze', id: 1, text: 'x', language: 'cobol', options: {} }));
    assert.ok(!isHostToWorker({ type: 'analyze', id: 1, text: 'x', language: 'python', options: { eval: 'x' } }));
    assert.ok(isHostToWorker({ type: 'analyze', id: 1, text: 'x', language: 'python', options: { scriptArgs: ['--dataset', 'fake'], scriptArgsUnreadable: 'why' } }));
    assert.ok(!isHostToWorker({ type: 'analyze', id: 1, text: 'x', language: 'python', options: { scriptArgs: '--dataset fake' } }), 'the command line arrives as words');
    assert.ok(!isHostToWorker({ type: 'analyze', id: 1, text: 'x', language: 'python', options: { scriptArgs: ['--n', 3] } }));
    assert.ok(isWorkerToHost({ type: 'result', id: 3, ms: 1, result: { language: 'python', models: [], diagnostics: [], syntaxErrors: 0, incomplete: [] } }));
    assert.ok(!isWorkerToHost({ type: 'result', id: 3, ms: 1, result: { language: 'python', models: {}, diagnostics: [], syntaxErrors: 0, incomplete: [] } }));
    assert.ok(!isWorkerToHost({ type: 'nonsense' }));
    assert.ok(!isWorkerToHost({ type: 'ready', protocol: 1, extra: true }));
  });
});
