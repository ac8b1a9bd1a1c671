// PyTorch's measurement merged into the static analysis (src/analysis/runtimeMerge.ts): the real
// analysis of a fixture, the real worker's reply, the merge. Measured numbers win and say so, what
// was derived from a contradicted shape is not shown as known, a contradicted static diagnostic is
// withdrawn, and a forward that raises becomes one diagnostic on the person's line.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import type { Parsers } from '../../src/analysis/parser';
import { mergeRuntime, runtimeSummary } from '../../src/analysis/runtimeMerge';
import type { AnalysisResult } from '../../src/analysis/types';
import { discoverPython, ProbeCache } from '../../src/host/python/discovery';
import { RuntimeShapesWorker } from '../../src/host/python/runtimeWorker';
import type { RuntimeShapesReply } from '../../src/protocol/runtimeShapes';
import { createMathSvgRenderer } from '../../src/formula/mathSvg';
import { hoverMarkdown } from '../../src/host/editor/hoverMarkdown';
import { buildOutline } from '../../src/host/panels/outline';
import { hoverTargetAt, hoverView } from '../../src/hover/hoverModel';
import { ROOT, testParsers } from './analysisSupport';

const RUNTIME = join(ROOT, 'test', 'fixtures', 'runtime');

describe('exact shapes merged into the analysis (real analysis, real PyTorch)', function () {
  this.timeout(180_000);
  let parsers: Parsers;
  let worker: RuntimeShapesWorker;
  before(async function () {
    const found = await discoverPython({ packageDir: join(ROOT, 'python'), cache: new ProbeCache(null) });
    if (!found.chosen) {
      process.stdout.write(`      (skipped: ${found.reason ?? 'no Python with torch'}; install python3-torch as .ci/run does)\n`);
      this.skip();
    }
    parsers = await testParsers();
    worker = new RuntimeShapesWorker({ python: found.chosen!.result.executable ?? found.chosen!.candidate.path, packageDir: join(ROOT, 'python'), maxMemoryMb: 4096 });
  });
  after(async () => { await worker?.dispose(); });

  async function both(name: string): Promise<{ text: string; result: AnalysisResult; reply: RuntimeShapesReply; merged: AnalysisResult }> {
    const file = join(RUNTIME, name);
    const text = readFileSync(file, 'utf8');
    const result = analyzeText(parsers, text, 'python', {});
    const models = result.models.filter((m) => m.inputs.length > 0).map((m) => ({ name: m.name, inputs: m.inputs }));
    const o = await worker.measure({ file, models, timeBudgetMs: 20_000 });
    assert.equal(o.kind, 'reply', JSON.stringify(o));
    const reply = (o as { reply: RuntimeShapesReply }).reply;
    const lines = text.split('\n');
    return { text, result, reply, merged: mergeRuntime(result, reply, (l) => lines[l]?.length ?? 0) };
  }

  it('a width the analysis cannot know (read from a configuration when the file runs) comes from PyTorch, marked so; the rest stays inferred where PyTorch agrees', async function () {
    const { result, merged, reply } = await both('configNet.py');
    const before = result.models[0]!;
    assert.equal(before.layers.find((l) => l.path === 'fc1')!.output.known, false, 'the static analysis says unknown here (else this fixture tests nothing)');
    const m = merged.models[0]!;
    const fc1 = m.layers.find((l) => l.path === 'fc1')!;
    assert.deepEqual(fc1.output, { known: true, shape: [64, 120] });
    assert.equal(fc1.outputSource, 'pytorch');
    assert.equal(fc1.params, 376440);
    assert.equal(fc1.paramsSource, 'pytorch');
    assert.equal(fc1.calls[0]!.inferredOutput?.known, false);
    assert.deepEqual(m.output, { known: true, shape: [64, 10] });
    assert.equal(m.outputSource, 'pytorch');
    assert.equal(m.totalParams, 377810);
    assert.equal(m.runtime?.ran, true);
    // conv1 agreed: PyTorch's number, no inferred one kept beside it.
    const conv1 = m.layers.find((l) => l.path === 'conv1')!;
    assert.equal(conv1.outputSource, 'pytorch');
    assert.equal(conv1.calls[0]!.inferredOutput, undefined);
    // The variable after fc1 in forward: its statement ends with fc2's call → measured.
    const measuredFlow = m.flow.filter((f) => f.valueSource === 'pytorch');
    assert.ok(measuredFlow.length >= 3, JSON.stringify(m.flow));
    // `return x`: forward's only return is the model's output, which PyTorch measured.
    const ret = m.flow.find((f) => f.target === 'return');
    assert.deepEqual([ret?.value, ret?.valueSource], [{ known: true, shape: [64, 10] }, 'pytorch']);
    // `x = x.view(-1, 16 * 14 * 14)`: no module measured it, PyTorch agreed before it: inferred and known.
    const view = m.flow.find((f) => f.valueSource === 'inferred' && f.value.known);
    assert.ok(view, JSON.stringify(m.flow));
    assert.match(runtimeSummary(reply), /^ConfigNet → \[64, 10\], 377810 params \(\d+ ms\)$/);
    // The input is not mutated: the cache keeps the static result too.
    assert.equal(result.models[0]!.layers.find((l) => l.path === 'fc1')!.outputSource, undefined);
  });

  it('where PyTorch contradicts the analysis, its numbers win, the inferred ones stay beside them, and the static mismatch it disproves is withdrawn', async function () {
    const { result, merged } = await both('builtBeforeChange.py');
    const m = merged.models[0]!;
    const fc1 = m.layers.find((l) => l.path === 'fc1')!;
    assert.deepEqual(fc1.output, { known: true, shape: [64, 50] });
    assert.equal(fc1.params, 39250);
    assert.deepEqual(m.output, { known: true, shape: [64, 10] });
    assert.equal(m.totalParams, 39760);
    assert.deepEqual(merged.diagnostics.filter((d) => d.model === 'TwoLayer' && d.severity === 'error'), []);
    const staticFc1 = result.models[0]!.layers.find((l) => l.path === 'fc1')!;
    if (staticFc1.output.known && staticFc1.output.shape[1] !== 50) {
      // The analysis read HIDDEN's last value: the inferred number is kept for "inferred …", and its formula steps are dropped.
      assert.deepEqual(fc1.calls[0]!.inferredOutput, staticFc1.output);
      assert.equal(fc1.inferredParams, staticFc1.params);
      assert.deepEqual(fc1.calls[0]!.steps, []);
      assert.ok(result.diagnostics.some((d) => d.code === 'shape-mismatch'), 'the static analysis had a mismatch to withdraw');
    }
  });

  it('the hover and the side panel say where each number came from, in both languages', async function () {
    const { text, merged, result } = await both('builtBeforeChange.py');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('self.fc1 = nn.Linear'));
    const pos = { line, character: lines[line]!.indexOf('Linear') + 1 };
    const renderer = createMathSvgRenderer();
    const md = (r: AnalysisResult, lang: 'en' | 'zh-cn'): string => {
      const target = hoverTargetAt(r, lines[line]!, pos, 'pytorch');
      assert.ok(target);
      return hoverMarkdown(hoverView(target, lang), { renderer, lang, theme: 'dark' }).replace(/\\(.)/g, '$1');
    };
    const en = md(merged, 'en');
    assert.match(en, /\| Output \| `\[64, 50\]` \*\(from PyTorch(; inferred \[64, 100\])?\)\* \|/);
    assert.match(en, /\| Parameters \| 39,250 \*\(from PyTorch(; inferred 78,500)?\)\* \|/);
    assert.match(en, /\*from PyTorch: Python 3\.\d+\.\d+, torch [\d.]+/);
    const zh = md(merged, 'zh-cn');
    assert.match(zh, /\| 输出 \| `\[64, 50\]` \*\(来自 PyTorch(; 推断 \[64, 100\])?\)\* \|/);
    // Before PyTorch answers (or without it) the hover is as it always was: no source words.
    assert.doesNotMatch(md(result, 'en'), /from PyTorch|inferred/);
    const outline = buildOutline(merged, 'en');
    assert.deepEqual(outline[0]!.layers.map((l) => [l.name, l.outputShape, l.params, l.source]), [['fc1', [64, 50], 39250, 'pytorch'], ['fc2', [64, 10], 510, 'pytorch']]);
    assert.deepEqual(buildOutline(result, 'en')[0]!.layers.map((l) => l.source), [null, null]);
  });

  it('a forward that raises: one diagnostic on the person\'s line naming PyTorch\'s error (both languages); the static result stays', async function () {
    const { text, merged, reply } = await both('forwardRaises.py');
    const lineOfCall = text.split('\n').findIndex((l) => l.includes('self.fc1(x[:, :3136])'));
    const d = merged.diagnostics.filter((x) => x.code === 'runtime-error');
    assert.equal(d.length, 1, JSON.stringify(merged.diagnostics));
    assert.equal(d[0]!.range.start.line, lineOfCall);
    assert.equal(d[0]!.range.end.character, text.split('\n')[lineOfCall]!.length);
    assert.match(d[0]!.message.en, new RegExp(`^PyTorch: BadFlatten — its forward raised \\(line ${lineOfCall + 1}\\): RuntimeError: mat1 and mat2 shapes cannot be multiplied`));
    assert.match(d[0]!.message['zh-cn'], new RegExp(`^PyTorch：BadFlatten — forward 出错（第 ${lineOfCall + 1} 行）：RuntimeError`));
    const m = merged.models[0]!;
    assert.deepEqual(m.runtime && !m.runtime.ran ? m.runtime.stage : null, 'forward');
    assert.equal(m.layers.find((l) => l.path === 'conv')!.outputSource, undefined, 'nothing marked as measured');
    assert.ok(merged.diagnostics.some((x) => x.code === 'shape-mismatch'), 'the static mismatch (which PyTorch confirms) stays');
    assert.match(runtimeSummary(reply), /BadFlatten: forward at line \d+: RuntimeError/);
  });
});
