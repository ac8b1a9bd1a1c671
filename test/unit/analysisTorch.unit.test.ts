// Correctness against the real thing: runs each PyTorch fixture in PyTorch (Debian python3-torch)
// with forward hooks on every module and compares the real output shapes and parameter counts
// with the static analysis. Skipped, with the reason printed, only when torch cannot be imported.
import * as assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import type { ModelInfo } from '../../src/analysis/types';
import { FIXTURES, ROOT, fixtureFiles, fixtureWorkspace, read, runInFixtures, testParsers, timmForFixtures } from './analysisSupport';

const PYTHON = '/usr/bin/python3';

interface TorchModel {
  /** null: the constructor raised (its error says why). */
  total: number | null;
  output: number[] | null;
  error: string | null;
  /** The instance's example_input_array (a LightningModule), one shape per tensor. */
  example?: number[][];
  /** `calls` null: a module that refuses forward hooks (a ScriptModule); its parameters are still compared. */
  modules: Record<string, { params: number; calls: (number[] | null)[] | null }>;
}

const run = (cmd: string, args: string[], input?: string): ReturnType<typeof runInFixtures> => runInFixtures(cmd, args, input);

async function torchAvailable(): Promise<string | undefined> {
  const r = await run(PYTHON, ['-c', 'import torch; print(torch.__version__)']).catch(() => ({ code: 1, stdout: '', stderr: 'python3 not found' }));
  return r.code === 0 ? undefined : `PyTorch is not importable with ${PYTHON}: ${r.stderr.trim().split('\n').pop() ?? ''}`;
}

function shapeText(s: number[] | null | undefined): string {
  return s ? `[${s.join(', ')}]` : '?';
}

describe('analysis against PyTorch (forward hooks on the real modules)', function () {
  this.timeout(300_000);
  let skipReason: string | undefined;
  before(async () => {
    skipReason = await torchAvailable();
    if (skipReason) console.log(`      skipped: ${skipReason}`);
  });

  for (const file of fixtureFiles().filter((f) => f.endsWith('.py'))) {
    it(basename(file), async function () {
      if (skipReason) this.skip();
      const text = read(file);
      const result = analyzeText(await testParsers(), text, 'python', { workspace: fixtureWorkspace(file) }, file);
      // Models with an input: from a comment, or found in the code (a call with a tensor, a dataset).
      // Token ids (`# input: (8, 12) long`, or a call fed `torch.randint(…)`) are fed as integers.
      const annotated = result.models.filter((m) => m.inputSource === 'annotation' || m.inputSource === 'call' || m.inputSource === 'dataset' || m.inputSource === 'example');
      assert.ok(annotated.length > 0, 'fixture has no model with an input');
      const lines = text.split('\n');
      // A class defined twice under one name (a notebook redefining it) is two models: told apart by line.
      const keyOf = (m: ModelInfo): string => (result.models.filter((x) => x.name === m.name).length > 1 ? `${m.name}@${m.range.start.line + 1}` : m.name);
      const spec = {
        file: join(FIXTURES, 'pytorch', basename(file)),
        models: annotated.map((m) => ({ name: m.name, key: keyOf(m), line: m.range.start.line + 1, inputs: m.inputs, keywords: m.keywordInputs, nested: m.nestedInputs, method: m.inputMethod, later: m.laterMethods, long: lines.slice(m.extent.start.line, m.extent.end.line + 1).some((l) => /#\s*input:.*\blong\b/.test(l)) || (m.inputSource === 'call' && /\brandint\b|LongTensor|\.long\(\)|torch\.(?:long|int64)\b/.test(m.inputOrigin?.what ?? '')) })),
      };
      if (/^(?:from|import) torchvision\b/m.test(text) && (await run(PYTHON, ['-c', 'import torchvision'])).code !== 0) {
        console.log(`      skipped ${basename(file)}: torchvision is not installed (Debian python3-torchvision)`);
        this.skip();
      }
      let env: NodeJS.ProcessEnv | undefined;
      if (/^(?:from|import) timm\b/m.test(text)) {
        const timm = await timmForFixtures(PYTHON);
        if ('skip' in timm) {
          console.log(`      skipped ${basename(file)}: ${timm.skip}`);
          this.skip();
        }
        if (timm.path) env = { PYTHONPATH: timm.path };
      }
      const r = await runInFixtures(PYTHON, [join(FIXTURES, 'runTorch.py')], JSON.stringify(spec), 120_000, env);
      assert.equal(r.code, 0, r.stderr);
      const real = (JSON.parse(r.stdout) as { models: Record<string, TorchModel> }).models;
      // (Shape mismatches first; then errors naming the exception PyTorch raises, a TypeError of a call's arguments.)
      const raising = (d: (typeof result.diagnostics)[number]): boolean => d.code === 'invalid-config' && d.severity === 'error' && /\b[A-Z]\w*Error\b/.test(d.message.en);
      // (An error of a constructor that surely raises is the line's, whichever model runs it: one inside the class is its model's.)
      const ofModel = (d: (typeof result.diagnostics)[number], m: ModelInfo): boolean => d.model === m.name || (d.model === '' && d.range.start.line >= m.extent.start.line && d.range.end.line <= m.extent.end.line);
      for (const m of annotated) compareModel(m, real[keyOf(m)], [...result.diagnostics.filter((d) => ofModel(d, m) && d.code === 'shape-mismatch'), ...result.diagnostics.filter((d) => ofModel(d, m) && raising(d))]);
      // A LightningModule's example_input_array: the instance's own tensor in PyTorch.
      for (const m of annotated.filter((x) => x.inputSource === 'example')) assert.deepEqual(m.inputs, real[keyOf(m)]?.example, `${m.name}: example_input_array`);
      const found = annotated.filter((m) => m.inputSource === 'call' || m.inputSource === 'dataset');
      if (found.length > 0) await checkFoundInputs(file, found, env);
    });
  }
});

/**
 * Inputs the analysis found in the code must be what the code really feeds: the file runs as
 * `__main__` under bench/corpus/torchTruth.py (datasets replaced by random images of their real
 * size, stopped at the first backward pass) and each model's first call is recorded.
 */
async function checkFoundInputs(file: string, models: ModelInfo[], env?: NodeJS.ProcessEnv): Promise<void> {
  const usesTorchvision = /torchvision/.test(read(file));
  if (usesTorchvision) {
    const tv = await run(PYTHON, ['-c', 'import torchvision']);
    if (tv.code !== 0) {
      console.log(`      skipped the input check of ${basename(file)}: torchvision is not installed (Debian python3-torchvision)`);
      return;
    }
  }
  const r = await runInFixtures(PYTHON, [join(ROOT, 'bench', 'corpus', 'torchTruth.py'), file], undefined, 120_000, env);
  assert.equal(r.code, 0, r.stderr);
  // The file's own prints come first: the result is the last line.
  const truth = JSON.parse(r.stdout.slice(Math.max(0, r.stdout.lastIndexOf('{"roots"')))) as { roots: { class: string; variable: string; classModule: string; inputs: number[][]; factories?: string[]; binding?: string; classLine?: number }[]; error: string | null };
  for (const m of models) {
    // A model named by a factory or a module-level name holding an instance (a class built in several ways) is that root;
    // a class defined twice under one name, the root of the definition on its line.
    const lineOk = (line: number | undefined): boolean => line === undefined || line === m.range.start.line + 1 || line === m.extent.start.line + 1;
    const root = truth.roots.find((x) => x.factories?.includes(m.name) || x.binding === m.name) ?? truth.roots.find((x) => (x.classModule.startsWith('torch.nn.modules') ? x.variable : x.class) === m.name && lineOk(x.classLine));
    // (A call PyTorch refused is no finished run the truth lists: the analysis must have said that exception.)
    const refused = !root && truth.error !== null && !m.output.known && m.output.reason.en.includes(truth.error.split(':')[0]!);
    if (refused) continue;
    assert.ok(root, `${basename(file)}: the code never calls ${m.name} (${truth.error ?? 'no error'})`);
    assert.deepEqual(m.inputs, root.inputs, `${basename(file)} ${m.name}: the input the analysis found (${m.inputOrigin?.what ?? ''})`);
  }
}

function compareModel(ours: ModelInfo, real: TorchModel | undefined, mismatches: { expected?: number; actual?: number; message: { en: string } }[]): void {
  assert.ok(real, `PyTorch did not report ${ours.name}`);
  // Unknown is allowed (the fixtures mark it `?`); a known number must be PyTorch's.
  if (ours.totalParams !== null) assert.equal(ours.totalParams, real.total, `${ours.name}: total parameters`);
  if (real.error) {
    // PyTorch refused the input: we must have said so too, with both of its numbers.
    assert.ok(mismatches.length > 0, `${ours.name}: PyTorch failed (${real.error}) but the analysis reported no mismatch`);
    const m = mismatches[0]!;
    // An error without two numbers (a TypeError) names the exception PyTorch raises.
    const raised = m.expected === undefined && m.actual === undefined ? /\b([A-Z]\w*Error)\b/.exec(m.message.en)?.[1] : undefined;
    if (raised) assert.ok(real.error.startsWith(`${raised}:`), `${ours.name}: PyTorch says "${real.error}", we say "${m.message.en}"`);
    else assert.ok(real.error.includes(String(m.actual)) && real.error.includes(String(m.expected)), `${ours.name}: PyTorch says "${real.error}", we say "${m.message.en}"`);
  } else {
    assert.deepEqual(mismatches.map((m) => m.message.en), [], `${ours.name}: PyTorch ran fine but the analysis reported a mismatch`);
    if (ours.output.known) assert.equal(shapeText(ours.output.shape), shapeText(real.output), `${ours.name}: model output`);
  }
  let compared = 0;
  for (const layer of ours.layers) {
    const mod: TorchModel["modules"][string] | undefined = real.modules[layer.path];
    assert.ok(mod, `${ours.name}: the analysis lists ${layer.path}, which PyTorch does not have`);
    if (layer.params !== null) assert.equal(layer.params, mod.params, `${ours.name}.${layer.path}: parameters`);
    if (mod.calls === null) {
      compared++;
      continue;
    }
    const realCalls: string[] = mod.calls.map((c) => shapeText(c));
    const ourCalls: string[] = layer.calls.filter((c) => c.output.known).map((c) => shapeText(c.output.known ? c.output.shape : null));
    // A layer the forward did not reach for certain (a loop over a list the analysis cannot read)
    // has no calls and an unknown output: unknown, not "never called".
    const allKnown = layer.calls.every((c) => c.output.known) && (layer.calls.length > 0 || layer.output.known);
    if (!real.error && allKnown) assert.deepEqual(ourCalls, realCalls, `${ours.name}.${layer.path}: output shape of each call`);
    else if (!real.error) layer.calls.forEach((c, i) => c.output.known && assert.equal(shapeText(c.output.shape), realCalls[i], `${ours.name}.${layer.path}: call ${i + 1}`));
    else assert.deepEqual(ourCalls, realCalls.slice(0, ourCalls.length), `${ours.name}.${layer.path}: calls before the failure`);
    compared++;
  }
  // (A model whose constructor PyTorch refuses has no layers: its error, compared above, is the whole check.)
  assert.ok(compared > 0 || (real.error !== null && real.total === null), `${ours.name}: nothing compared`);
}

// yonas-g's conformer (corpus 22a): `super(SelfAttention).__init__()` without `self` never runs
// nn.Module.__init__, and PyTorch refuses the first layer assigned after it.
describe('a layer assigned before nn.Module.__init__ ran (against PyTorch)', function () {
  this.timeout(120_000);
  const code = (init: string): string => `import torch\nfrom torch import nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n${init}        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nnet = Net()\nnet(torch.zeros(3, 4))\n`;
  const cases: [string, string, boolean][] = [
    ['super() left out', '', true],
    ['super(Net) without the instance', '        super(Net).__init__()\n', true],
    ['super(Net, self)', '        super(Net, self).__init__()\n', false],
    ['nn.Module.__init__(self)', '        nn.Module.__init__(self)\n', false],
  ];
  for (const [what, init, raises] of cases) {
    it(`${what}: ${raises ? 'the AttributeError PyTorch raises, on the assignment' : 'no error, as in PyTorch'}`, async function () {
      const skip = await torchAvailable();
      if (skip) this.skip();
      const text = code(init);
      const real = await run(PYTHON, ['-c', text]);
      assert.equal(real.code !== 0, raises, real.stderr);
      if (raises) assert.match(real.stderr, /cannot assign module before Module\.__init__\(\) call/);
      const errors = analyzeText(await testParsers(), text, 'python', {}, '/ws/net.py').diagnostics.filter((d) => d.severity === 'error');
      if (!raises) return assert.deepEqual(errors.map((d) => d.message.en), []);
      assert.equal(errors.length, 1, errors.map((d) => d.message.en).join('\n'));
      assert.match(errors[0]!.message.en, /cannot assign module 'fc' before Module\.__init__\(\) call/);
      assert.equal(errors[0]!.range.start.line, text.split('\n').findIndex((l) => l.includes('self.fc =')));
    });
  }
});
