// Every fixture's expected shapes, parameter counts and errors (written next to the code) must be
// what the analysis computes. The expectations come from running the code in PyTorch / tfjs
// (see analysisTorch.unit.test.ts, which re-checks them against a live PyTorch).
import * as assert from 'node:assert/strict';
import { basename } from 'node:path';
import { analyzeText, languageOfFile } from '../../src/analysis/analyze';
import type { AnalysisResult, ShapeResult } from '../../src/analysis/types';
import { fixtureFiles, fixtureWorkspace, read, readExpectations, testParsers } from './analysisSupport';

function show(s: ShapeResult): string {
  return s.known ? `[${s.shape.join(', ')}]` : '?';
}
function showExpected(s: number[] | null): string {
  return s === null ? '?' : `[${s.join(', ')}]`;
}

function checkFile(result: AnalysisResult, text: string, file: string): void {
  const exp = readExpectations(text);
  assert.ok(exp.shapes.length + exp.totals.length + exp.errors.length > 0, `${file} has no expectations`);
  for (const e of exp.shapes) {
    // A layer constructed on this line, from the model that owns the line (not a model nesting it);
    // a model written on one line (`const made = new tf.Sequential({…})`) owns it too.
    // (A line no model's text holds, a layer made elsewhere and handed to the model — a subclass's list
    // passed to its base's `tf.sequential({layers})` —, belongs to whichever model lists a layer there.)
    const around = result.models.filter((m) => m.extent.start.line <= e.line && e.line <= m.extent.end.line);
    const own = around.length > 0 ? around : result.models;
    const layer = own.flatMap((m) => m.layers.filter((l) => l.range.start.line === e.line)).sort((a, b) => a.depth - b.depth)[0];
    const where = `${basename(file)}:${e.line + 1}`;
    if (layer) {
      const got = layer.calls.length > 0 ? layer.calls.map((c) => show(c.output)) : [show(layer.output)];
      assert.deepEqual(got, e.outputs.map(showExpected), `${where} ${layer.path} outputs`);
      if (e.params !== undefined) assert.equal(layer.params, e.params, `${where} ${layer.path} params`);
      continue;
    }
    const flow = own.flatMap((m) => m.flow.filter((f) => f.range.start.line === e.line));
    assert.ok(flow.length > 0, `${where}: no layer or statement result on this line`);
    assert.deepEqual(flow.map((f) => show(f.value)).slice(-1), e.outputs.map(showExpected), `${where} ${flow[0]?.target}`);
  }
  for (const t of exp.totals) {
    const m = result.models.find((mm) => mm.extent.start.line <= t.line && t.line <= mm.extent.end.line);
    assert.ok(m, `${basename(file)}:${t.line + 1}: no model around the total`);
    assert.equal(m.totalParams, t.total, `${basename(file)} ${m.name} total params`);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  for (const text of exp.errors) assert.ok(errors.some((d) => d.message.en.includes(text)), `${basename(file)}: expected an error containing "${text}", got:\n${errors.map((d) => d.message.en).join('\n')}`);
  if (exp.errors.length === 0) assert.deepEqual(errors.map((d) => d.message.en), [], `${basename(file)}: unexpected errors`);
}

describe('analysis fixtures (expected shapes written next to the code)', () => {
  for (const file of fixtureFiles()) {
    it(basename(file), async () => {
      const parsers = await testParsers();
      const text = read(file);
      const result = analyzeText(parsers, text, languageOfFile(file)!, { workspace: fixtureWorkspace(file) }, file);
      assert.ok(result.models.length > 0, 'no model found');
      checkFile(result, text, file);
    });
  }
});
