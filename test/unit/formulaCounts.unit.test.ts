// One source of truth for the numbers next to the formulas: for every layer kind the analysis
// knows (PyTorch and tfjs) and a range of argument combinations, the substituted formula's result
// equals the analysis's count, which equals the framework's own count (PyTorch 1.13:
// sum(p.numel()); tfjs 4.22: countParams()), and the size formulas' results equal the output
// shape the framework computes. A kind added to torchLayers.ts / tfjsLayers.ts without a case
// here fails, and so does a kind with parameters but no parameter formula unless it is listed in
// NO_PARAM_FORMULA_YET with the reason.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { analyzeText } from '../../src/analysis/analyze';
import { torchLayerKinds } from '../../src/analysis/torchLayers';
import { tfLayerFactories, tfClassName } from '../../src/analysis/tfjsLayers';
import type { LayerInfo, ModelInfo } from '../../src/analysis/types';
import { testParsers } from './analysisSupport';

interface TorchCase {
  kind: string;
  ctor: string;
  inputs: number[][];
  /** Every input is int64 (true), or the inputs at these positions are (MaxUnpool's indices). */
  long?: boolean | number[];
}

const T = (kind: string, ctor: string, ...inputs: number[][]): TorchCase => ({ kind, ctor, inputs });

const TORCH_CASES: TorchCase[] = [
  T('Conv1d', 'nn.Conv1d(4, 6, 3)', [2, 4, 20]),
  T('Conv1d', 'nn.Conv1d(4, 6, 3, stride=2, padding=1, bias=False)', [2, 4, 20]),
  T('Conv1d', "nn.Conv1d(4, 8, 5, groups=2, dilation=2, padding='same')", [2, 4, 20]),
  T('Conv1d', "nn.Conv1d(4, 6, 4, stride=3, padding='valid')", [2, 4, 21]),
  T('Conv2d', 'nn.Conv2d(3, 8, 3)', [2, 3, 16, 16]),
  // weight_norm adds weight_g to the wrapped layer's count (src/formula/paramFormulas.ts weightNormParams).
  T('Conv1d', 'nn.utils.weight_norm(nn.Conv1d(4, 6, 3))', [2, 4, 20]),
  T('Conv2d', 'nn.utils.weight_norm(nn.Conv2d(4, 6, 3, bias=False), dim=-2)', [2, 4, 9, 9]),
  T('ConvTranspose1d', 'nn.utils.weight_norm(nn.ConvTranspose1d(4, 6, 3), dim=1)', [2, 4, 10]),
  T('Linear', 'nn.utils.weight_norm(nn.Linear(5, 4), dim=None)', [4, 5]),
  T('Linear', 'nn.utils.spectral_norm(nn.Linear(5, 4))', [4, 5]),
  T('Conv2d', 'nn.Conv2d(3, 8, 3, bias=False)', [2, 3, 16, 16]),
  T('Conv2d', 'nn.Conv2d(4, 8, (3, 5), stride=(2, 1), padding=(1, 2), groups=2)', [2, 4, 16, 16]),
  T('Conv2d', "nn.Conv2d(3, 6, 3, padding='same', dilation=2)", [2, 3, 15, 15]),
  T('Conv2d', 'nn.Conv2d(3, 6, kernel_size=5, stride=3, padding=2)', [3, 17, 17]),
  T('Conv3d', 'nn.Conv3d(2, 4, 3)', [1, 2, 6, 8, 8]),
  T('Conv3d', 'nn.Conv3d(2, 4, (1, 3, 3), padding=1, bias=False)', [1, 2, 6, 8, 8]),
  T('ConvTranspose1d', 'nn.ConvTranspose1d(4, 6, 3, stride=2, padding=1, output_padding=1)', [2, 4, 10]),
  T('ConvTranspose1d', 'nn.ConvTranspose1d(4, 2, 5, bias=False)', [2, 4, 10]),
  T('ConvTranspose2d', 'nn.ConvTranspose2d(4, 6, 3)', [2, 4, 7, 7]),
  T('ConvTranspose2d', 'nn.ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2)', [2, 4, 7, 7]),
  T('ConvTranspose2d', 'nn.ConvTranspose2d(4, 2, (2, 3), stride=2, dilation=2, bias=False)', [2, 4, 7, 7]),
  T('MaxPool1d', 'nn.MaxPool1d(3, stride=2, padding=1)', [2, 3, 20]),
  T('MaxPool1d', 'nn.MaxPool1d(2, ceil_mode=True)', [2, 3, 9]),
  T('MaxPool2d', 'nn.MaxPool2d(2, stride=3, padding=1, ceil_mode=True)', [1, 1, 4, 4]),
  T('MaxPool2d', 'nn.MaxPool2d(2)', [2, 3, 16, 16]),
  T('MaxPool2d', 'nn.MaxPool2d(3, stride=2, padding=1, dilation=2)', [2, 3, 16, 16]),
  T('MaxPool2d', 'nn.MaxPool2d(2, ceil_mode=True)', [2, 3, 7, 7]),
  T('MaxPool3d', 'nn.MaxPool3d(2)', [1, 2, 6, 8, 8]),
  T('AvgPool1d', 'nn.AvgPool1d(2, ceil_mode=True)', [2, 3, 9]),
  T('AvgPool1d', 'nn.AvgPool1d(3, stride=2, padding=1)', [2, 3, 9]),
  T('AvgPool2d', 'nn.AvgPool2d(2, stride=2, padding=1, ceil_mode=True)', [2, 3, 5, 5]),
  T('AvgPool2d', 'nn.AvgPool2d(3, stride=2, padding=1)', [2, 3, 14, 14]),
  T('AvgPool3d', 'nn.AvgPool3d((2, 2, 2))', [1, 2, 6, 8, 8]),
  T('AdaptiveAvgPool1d', 'nn.AdaptiveAvgPool1d(5)', [2, 3, 20]),
  T('AdaptiveAvgPool2d', 'nn.AdaptiveAvgPool2d((4, 3))', [2, 3, 16, 16]),
  T('AdaptiveAvgPool2d', 'nn.AdaptiveAvgPool2d(1)', [2, 3, 16, 16]),
  T('AdaptiveMaxPool1d', 'nn.AdaptiveMaxPool1d(4)', [2, 3, 20]),
  T('AdaptiveMaxPool2d', 'nn.AdaptiveMaxPool2d((2, 5))', [2, 3, 16, 16]),
  T('BatchNorm1d', 'nn.BatchNorm1d(6)', [4, 6]),
  T('BatchNorm1d', 'nn.BatchNorm1d(6, affine=False)', [4, 6, 5]),
  T('BatchNorm2d', 'nn.BatchNorm2d(3)', [2, 3, 8, 8]),
  T('BatchNorm2d', 'nn.BatchNorm2d(3, affine=False)', [2, 3, 8, 8]),
  T('BatchNorm3d', 'nn.BatchNorm3d(3)', [2, 3, 4, 4, 4]),
  T('RNN', 'nn.RNN(10, 20)', [5, 3, 10]),
  T('RNN', "nn.RNN(10, 20, num_layers=3, nonlinearity='relu', bidirectional=True)", [5, 3, 10]),
  T('RNN', 'nn.RNN(10, 20, bias=False, batch_first=True)', [3, 5, 10]),
  T('LSTM', 'nn.LSTM(10, 20)', [5, 3, 10]),
  T('LSTM', 'nn.LSTM(10, 20, bias=False)', [5, 3, 10]),
  T('LSTM', 'nn.LSTM(10, 20, proj_size=5)', [5, 3, 10]),
  T('LSTM', 'nn.LSTM(10, 20, num_layers=2, proj_size=5, bidirectional=True)', [5, 3, 10]),
  T('LSTM', 'nn.LSTM(10, 20, num_layers=3, batch_first=True)', [3, 5, 10]),
  T('GRU', 'nn.GRU(10, 20)', [5, 3, 10]),
  T('GRU', 'nn.GRU(10, 20, num_layers=2, bidirectional=True, bias=False)', [5, 3, 10]),
  T('Linear', 'nn.Linear(5, 4)', [4, 5]),
  T('Linear', 'nn.Linear(5, 4, bias=False)', [4, 5]),
  T('Linear', 'nn.Linear(5, 7)', [2, 3, 5]),
  T('Bilinear', 'nn.Bilinear(3, 4, 5)', [4, 3], [4, 4]),
  T('Bilinear', 'nn.Bilinear(3, 4, 5, bias=False)', [4, 3], [4, 4]),
  T('Flatten', 'nn.Flatten()', [2, 3, 4, 5]),
  T('Flatten', 'nn.Flatten(1, 2)', [2, 3, 4, 5]),
  T('Unflatten', 'nn.Unflatten(1, (3, 4))', [2, 12]),
  T('LayerNorm', 'nn.LayerNorm(6)', [2, 5, 6]),
  T('LayerNorm', 'nn.LayerNorm([5, 6], elementwise_affine=False)', [2, 5, 6]),
  T('LayerNorm', 'nn.LayerNorm((5, 6))', [2, 5, 6]),
  T('GroupNorm', 'nn.GroupNorm(3, 6)', [2, 6, 4, 4]),
  T('GroupNorm', 'nn.GroupNorm(2, 6, affine=False)', [2, 6, 4, 4]),
  { kind: 'Embedding', ctor: 'nn.Embedding(50, 8)', inputs: [[2, 7]], long: true },
  { kind: 'Embedding', ctor: 'nn.Embedding(50, 8, padding_idx=0)', inputs: [[2, 7]], long: true },
  T('PReLU', 'nn.PReLU()', [2, 3, 4, 4]),
  T('PReLU', 'nn.PReLU(3)', [2, 3, 4, 4]),
  T('MultiheadAttention', 'nn.MultiheadAttention(40, 4)', [5, 2, 40], [5, 2, 40], [5, 2, 40]),
  T('MultiheadAttention', 'nn.MultiheadAttention(40, 4, bias=False)', [5, 2, 40], [5, 2, 40], [5, 2, 40]),
  T('MultiheadAttention', 'nn.MultiheadAttention(40, 4, kdim=10, vdim=6)', [5, 2, 40], [6, 2, 10], [6, 2, 6]),
  T('MultiheadAttention', 'nn.MultiheadAttention(40, 4, add_bias_kv=True)', [5, 2, 40], [5, 2, 40], [5, 2, 40]),
  T('MultiheadAttention', 'nn.MultiheadAttention(40, 8, batch_first=True)', [2, 5, 40], [2, 6, 40], [2, 6, 40]),
  // Transformer encoder/decoder layers are composites now (src/analysis/torchComposites.ts): their
  // sub-layers (attention, Linear, LayerNorm) are counted here, the whole against PyTorch in the
  // layerKinds.py and transformer.py fixtures.
  T('Threshold', 'nn.Threshold(0.1, 0.0)', [2, 3, 4, 5]),
  T('ChannelShuffle', 'nn.ChannelShuffle(3)', [2, 6, 4, 5]),
  T('LocalResponseNorm', 'nn.LocalResponseNorm(2)', [2, 3, 4, 5]),
  T('CrossMapLRN2d', 'nn.CrossMapLRN2d(3)', [2, 3, 4, 5]),
  T('ConvTranspose3d', 'nn.ConvTranspose3d(2, 4, 3)', [1, 2, 4, 5, 5]),
  T('ConvTranspose3d', 'nn.ConvTranspose3d(2, 4, 3, stride=2, padding=1, bias=False)', [1, 2, 4, 5, 5]),
  T('AdaptiveAvgPool3d', 'nn.AdaptiveAvgPool3d(2)', [1, 2, 4, 4, 4]),
  T('AdaptiveMaxPool3d', 'nn.AdaptiveMaxPool3d((1, 2, 3))', [1, 2, 4, 4, 4]),
  T('InstanceNorm1d', 'nn.InstanceNorm1d(3)', [2, 3, 8]),
  T('InstanceNorm2d', 'nn.InstanceNorm2d(3, affine=True)', [2, 3, 4, 5]),
  T('InstanceNorm3d', 'nn.InstanceNorm3d(2)', [1, 2, 3, 4, 5]),
  T('Upsample', 'nn.Upsample(scale_factor=2)', [2, 3, 4, 5]),
  T('Upsample', "nn.Upsample(size=(6, 7), mode='bilinear')", [2, 3, 4, 5]),
  T('UpsamplingNearest2d', 'nn.UpsamplingNearest2d(scale_factor=2)', [2, 3, 4, 5]),
  T('UpsamplingBilinear2d', 'nn.UpsamplingBilinear2d(size=(6, 8))', [2, 3, 4, 5]),
  T('ZeroPad2d', 'nn.ZeroPad2d(1)', [2, 3, 4, 5]),
  T('ConstantPad1d', 'nn.ConstantPad1d(2, 0.5)', [2, 3, 4]),
  T('ConstantPad2d', 'nn.ConstantPad2d((1, 0, 2, 1), 0.0)', [2, 3, 4, 5]),
  T('ConstantPad3d', 'nn.ConstantPad3d(1, 0.0)', [1, 2, 3, 4, 5]),
  T('ReflectionPad1d', 'nn.ReflectionPad1d(2)', [2, 3, 5]),
  T('ReflectionPad2d', 'nn.ReflectionPad2d(1)', [2, 3, 4, 5]),
  T('ReflectionPad3d', 'nn.ReflectionPad3d(1)', [1, 2, 3, 4, 5]),
  T('ReplicationPad1d', 'nn.ReplicationPad1d(2)', [2, 3, 5]),
  T('ReplicationPad2d', 'nn.ReplicationPad2d((1, 2, 0, 1))', [2, 3, 4, 5]),
  T('ReplicationPad3d', 'nn.ReplicationPad3d(1)', [1, 2, 3, 4, 5]),
  T('PixelShuffle', 'nn.PixelShuffle(2)', [2, 8, 3, 3]),
  T('PixelUnshuffle', 'nn.PixelUnshuffle(2)', [2, 2, 4, 6]),
  T('Unfold', 'nn.Unfold(kernel_size=(2, 3), stride=2, padding=1)', [2, 3, 7, 8]),
  T('Unfold', 'nn.Unfold(3, dilation=(1, 2), padding=1, stride=(2, 1))', [3, 12, 8]),
  T('Fold', 'nn.Fold(output_size=(6, 7), kernel_size=(2, 3), stride=2, padding=1)', [2, 12, 16]),
  T('Fold', 'nn.Fold((5, 5), 2)', [24, 16]),
  T('RNNCell', 'nn.RNNCell(4, 6)', [3, 4]),
  T('LSTMCell', 'nn.LSTMCell(4, 6)', [3, 4]),
  T('GRUCell', 'nn.GRUCell(4, 6, bias=False)', [3, 4]),
  T('GLU', 'nn.GLU()', [2, 4, 6]),
  // Zero indices are valid ones: every value goes to position 0 of its plane.
  { kind: 'MaxUnpool1d', ctor: 'nn.MaxUnpool1d(3, stride=2, padding=1)', inputs: [[2, 3, 5], [2, 3, 5]], long: [1] },
  { kind: 'MaxUnpool2d', ctor: 'nn.MaxUnpool2d(2)', inputs: [[2, 3, 4, 5], [2, 3, 4, 5]], long: [1] },
  { kind: 'MaxUnpool2d', ctor: 'nn.MaxUnpool2d((2, 3), stride=(1, 2))', inputs: [[3, 4, 5], [3, 4, 5]], long: [1] },
  { kind: 'MaxUnpool3d', ctor: 'nn.MaxUnpool3d(2, padding=(0, 1, 0))', inputs: [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5]], long: [1] },
  { kind: 'EmbeddingBag', ctor: 'nn.EmbeddingBag(50, 8)', inputs: [[4, 7]], long: true },
  { kind: 'EmbeddingBag', ctor: "nn.EmbeddingBag(50, 8, mode='sum', include_last_offset=True)", inputs: [[9], [3]], long: true },
  T('LPPool1d', 'nn.LPPool1d(2, 3, stride=2)', [2, 3, 10]),
  T('LPPool2d', 'nn.LPPool2d(1.5, (2, 3), ceil_mode=True)', [2, 3, 7, 8]),
  T('L1Loss', 'nn.L1Loss()', [4, 3], [4, 3]),
  T('MSELoss', "nn.MSELoss(reduction='none')", [4, 3], [1, 3]),
  T('SmoothL1Loss', "nn.SmoothL1Loss(reduction='sum', beta=0.5)", [4, 3], [4, 3]),
  T('HuberLoss', "nn.HuberLoss(reduction='none')", [4, 1], [3]),
  T('KLDivLoss', "nn.KLDivLoss(reduction='batchmean')", [4, 3], [4, 3]),
  T('BCELoss', "nn.BCELoss(reduction='none')", [4, 3], [4, 3]),
  T('BCEWithLogitsLoss', 'nn.BCEWithLogitsLoss(pos_weight=torch.ones(3))', [4, 3], [4, 3]),
  { kind: 'CrossEntropyLoss', ctor: "nn.CrossEntropyLoss(reduction='none')", inputs: [[2, 5, 3], [2, 3]], long: [1] },
  T('CrossEntropyLoss', 'nn.CrossEntropyLoss(label_smoothing=0.1)', [4, 5], [4, 5]),
  { kind: 'NLLLoss', ctor: "nn.NLLLoss(weight=torch.ones(5), reduction='none')", inputs: [[4, 5], [4]], long: [1] },
  T('CosineSimilarity', 'nn.CosineSimilarity(dim=-1)', [2, 3, 4], [4]),
  T('PairwiseDistance', 'nn.PairwiseDistance(keepdim=True)', [2, 3, 4], [3, 4]),
];

/** Kinds the analysis knows that are not torch.nn layers, and where they are checked instead. */
const NOT_TORCH_NN: Record<string, string> = {
  Rearrange: 'einops.layers.torch: checked against our einops stand-in in test/fixtures/pytorch/einopsLayers.py',
  Reduce: 'einops.layers.torch: checked against our einops stand-in in test/fixtures/pytorch/einopsLayers.py',
};

const IDENTITY_INPUT: Record<string, number[]> = { Dropout1d: [2, 3, 4], Dropout3d: [2, 3, 4, 5, 6] };
const IDENTITY_CTOR: Record<string, string> = { Softmax: 'nn.Softmax(dim=1)', LogSoftmax: 'nn.LogSoftmax(dim=1)', Softmin: 'nn.Softmin(dim=1)', LeakyReLU: 'nn.LeakyReLU(0.1)' };

/** Layer kinds with parameters whose hover has no parameter formula yet, and why. Keep it empty. */
const NO_PARAM_FORMULA_YET: Record<string, string> = {};

/** Kinds whose output sizes come from a size formula the hover shows (one step per spatial axis). */
const SIZE_FORMULA = /^(Conv[123]d|ConvTranspose[123]d|MaxPool[123]d|AvgPool[123]d|Conv[123]D|SeparableConv2D|DepthwiseConv2D|Conv2DTranspose|MaxPooling[123]D|AveragePooling[123]D)$/;

function torchCases(): TorchCase[] {
  const explicit = new Set(TORCH_CASES.map((c) => c.kind));
  const identity = torchLayerKinds()
    .filter((k) => !explicit.has(k) && NOT_TORCH_NN[k] === undefined)
    .map((k) => T(k, IDENTITY_CTOR[k] ?? `nn.${k}()`, IDENTITY_INPUT[k] ?? [2, 3, 4, 5]));
  return [...TORCH_CASES, ...identity];
}

function isLong(c: TorchCase, i: number): boolean {
  return c.long === true || (Array.isArray(c.long) && c.long.includes(i));
}

function torchSource(c: TorchCase): string {
  const names = c.inputs.map((_, i) => `x${i}`);
  return [
    'import torch',
    'import torch.nn as nn',
    '',
    '',
    'class M(nn.Module):',
    `    # input: ${c.inputs.map((s, i) => `(${s.join(', ')})${isLong(c, i) ? ' long' : ''}`).join(', ')}`,
    '    def __init__(self):',
    '        super().__init__()',
    `        self.layer = ${c.ctor}`,
    '',
    `    def forward(self, ${names.join(', ')}):`,
    `        return self.layer(${names.join(', ')})`,
    '',
  ].join('\n');
}

const TORCH_SCRIPT = `
import json, sys, warnings
import torch
warnings.filterwarnings('ignore')
out = []
for case in json.load(sys.stdin):
    ns = {'__name__': 'case'}
    try:
        exec(compile(case['source'], 'case', 'exec'), ns)
        torch.manual_seed(0)
        m = ns['M']()
        layer = m.layer
        y = m(*[torch.zeros(*s, dtype=torch.long if i in case['long'] else torch.float32) for i, s in enumerate(case['inputs'])])
        while isinstance(y, (tuple, list)):
            y = y[0]
        out.append({'params': sum(p.numel() for p in layer.parameters()), 'shape': list(y.shape), 'error': None})
    except Exception as e:
        out.append({'params': None, 'shape': None, 'error': f'{type(e).__name__}: {e}'})
print(json.dumps(out))
`;

const PYTHON = '/usr/bin/python3';

function runPython(script: string, input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(PYTHON, ['-c', script], { maxBuffer: 16 * 1024 * 1024, timeout: 240_000, env: { ...process.env, OMP_NUM_THREADS: '1' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}

interface Real {
  params: number;
  /** Output shape; tfjs's unfixed batch is -1. */
  shape: number[];
}

/** Formula (step) vs analysis vs framework for one layer; returns what was compared, for the log. */
function checkLayer(where: string, kind: string, ours: LayerInfo, real: Real, spatial: (shape: number[], n: number) => number[]): void {
  assert.equal(ours.params, real.params, `${where}: the analysis counts ${ours.params}, the framework ${real.params}`);
  const call = ours.calls[ours.calls.length - 1];
  assert.ok(call && call.output.known, `${where}: the analysis has no output shape (${call && !call.output.known ? call.output.reason.en : 'no call'})`);
  assert.deepEqual(call.output.shape, real.shape, `${where}: output shape`);
  const paramSteps = call.steps.filter((s) => s.quantity === 'params');
  assert.ok(paramSteps.length <= 1, `${where}: more than one parameter formula`);
  const paramStep = paramSteps[0];
  if (paramStep) {
    assert.equal(paramStep.value, ours.params, `${where}: the formula says ${paramStep.text}, the analysis counts ${ours.params}`);
    assert.match(paramStep.text, new RegExp(`= ${real.params.toLocaleString('en-US')}$`), `${where}: ${paramStep.text}`);
  } else if (real.params > 0 && NO_PARAM_FORMULA_YET[kind] === undefined) {
    assert.fail(`${where}: ${real.params} parameters but no parameter formula (add one in src/formula/layerFormulas.ts, or list ${kind} in NO_PARAM_FORMULA_YET with the reason)`);
  }
  if (paramStep && NO_PARAM_FORMULA_YET[kind] !== undefined) assert.fail(`${where}: ${kind} has a parameter formula now: remove it from NO_PARAM_FORMULA_YET`);
  const sizeSteps = call.steps.filter((s) => s.quantity === 'size');
  if (SIZE_FORMULA.test(kind)) {
    assert.ok(sizeSteps.length > 0, `${where}: no size formula`);
    assert.deepEqual(sizeSteps.map((s) => s.value), spatial(real.shape, sizeSteps.length), `${where}: size formulas ${sizeSteps.map((s) => s.text).join('; ')}`);
  } else assert.equal(sizeSteps.length, 0, `${where}: unexpected size formula`);
}

function layerNamed(models: ModelInfo[], modelName: string, layerName: string): LayerInfo | undefined {
  return models.find((m) => m.name === modelName)?.layers.find((l) => l.name === layerName);
}

describe('formula = analysis = framework, for every layer kind', function () {
  this.timeout(300_000);

  describe('PyTorch 1.13', () => {
    const cases = torchCases();
    let real: ({ params: number; shape: number[]; error: null } | { params: null; shape: null; error: string })[] | undefined;
    let skipReason: string | undefined;

    before(async () => {
      const probe = await runPython('import torch', '').catch(() => ({ code: 1, stdout: '', stderr: 'no python3' }));
      if (probe.code !== 0) {
        skipReason = `PyTorch is not importable with ${PYTHON}`;
        console.log(`      skipped: ${skipReason}`);
        return;
      }
      const r = await runPython(TORCH_SCRIPT, JSON.stringify(cases.map((c) => ({ source: torchSource(c), inputs: c.inputs, long: c.inputs.map((_, i) => i).filter((i) => isLong(c, i)) }))));
      assert.equal(r.code, 0, r.stderr);
      real = JSON.parse(r.stdout) as typeof real;
    });

    it('has a case for every kind torchLayers.ts knows', () => {
      const covered = new Set(cases.map((c) => c.kind));
      assert.deepEqual(torchLayerKinds().filter((k) => !covered.has(k) && NOT_TORCH_NN[k] === undefined), []);
      assert.deepEqual([...covered].filter((k) => !torchLayerKinds().includes(k)), [], 'cases for kinds the analysis does not know');
    });

    for (const [i, c] of cases.entries()) {
      it(`${c.ctor} on ${c.inputs.map((s) => `[${s.join(', ')}]`).join(', ')}`, async function () {
        if (skipReason) this.skip();
        const r = real?.[i];
        assert.ok(r && r.error === null, `PyTorch failed: ${r?.error}`);
        const result = analyzeText(await testParsers(), torchSource(c), 'python');
        const ours = layerNamed(result.models, 'M', 'layer');
        assert.ok(ours, 'the analysis did not find self.layer');
        assert.equal(ours.kind, c.kind);
        checkLayer(c.ctor, c.kind, ours, { params: r.params, shape: r.shape }, (shape, n) => shape.slice(shape.length - n));
      });
    }
  });

  describe('TensorFlow.js 4.22', () => {
    // Recurrent layers default to an orthogonal recurrent initializer, slow on the cpu backend;
    // initial values change neither shapes nor counts.
    const fastInit = <C extends object>(make: (c: C) => tf.layers.Layer) => (c: C) => make({ ...c, recurrentInitializer: 'glorotUniform' });
    const fastTf = { ...tf, layers: { ...tf.layers, lstm: fastInit(tf.layers.lstm), gru: fastInit(tf.layers.gru), simpleRNN: fastInit(tf.layers.simpleRNN), lstmCell: fastInit(tf.layers.lstmCell), gruCell: fastInit(tf.layers.gruCell), simpleRNNCell: fastInit(tf.layers.simpleRNNCell) } } as unknown as typeof tf;

    /** One layer named 'layer' in a sequential model (or a functional one for merge layers). */
    const seq = (factory: string, config: string, inputShape: number[]): { factory: string; code: string } => ({
      factory,
      code: `const model = tf.sequential();\nmodel.add(tf.layers.${factory}({ name: 'layer', ${config}${config ? ', ' : ''}inputShape: [${inputShape.join(', ')}] }));\n`,
    });
    const merge = (factory: string): { factory: string; code: string } => ({
      factory,
      code: [
        "const a = tf.input({ shape: [4, 6], name: 'a' });",
        "const b = tf.input({ shape: [4, 6], name: 'b' });",
        `const joined = tf.layers.${factory}({ name: 'layer' }).apply([a, b]);`,
        'const model = tf.model({ inputs: [a, b], outputs: joined });',
        '',
      ].join('\n'),
    });

    const TFJS_CASES = [
      seq('dense', 'units: 4', [5]),
      seq('dense', 'units: 4, useBias: false', [5]),
      seq('dense', 'units: 7', [3, 5]),
      seq('conv1d', 'filters: 6, kernelSize: 3', [20, 4]),
      seq('conv1d', "filters: 6, kernelSize: 3, strides: 2, padding: 'same', useBias: false", [20, 4]),
      seq('conv1d', 'filters: 6, kernelSize: 3, dilationRate: 2', [20, 4]),
      seq('conv2d', 'filters: 8, kernelSize: 3, useBias: false', [8, 8, 3]),
      seq('conv2d', "filters: 8, kernelSize: [3, 5], strides: [2, 1], padding: 'same'", [9, 9, 3]),
      seq('conv2d', 'filters: 4, kernelSize: 3, dilationRate: 2', [9, 9, 3]),
      seq('conv3d', 'filters: 4, kernelSize: 3', [6, 8, 8, 2]),
      seq('conv3d', "filters: 5, kernelSize: [1, 3, 3], strides: [1, 2, 2], padding: 'same', useBias: false", [5, 9, 9, 2]),
      seq('convLstm2d', 'filters: 4, kernelSize: 3', [5, 12, 12, 2]),
      seq('convLstm2d', "filters: 3, kernelSize: [3, 2], strides: 2, padding: 'same', returnSequences: true, useBias: false", [5, 12, 11, 2]),
      seq('conv2dTranspose', 'filters: 6, kernelSize: 3, strides: 2', [7, 7, 4]),
      seq('conv2dTranspose', "filters: 6, kernelSize: [2, 3], strides: 2, padding: 'same', useBias: false", [7, 7, 4]),
      seq('separableConv2d', 'filters: 8, kernelSize: 3', [8, 8, 3]),
      seq('separableConv2d', "filters: 5, kernelSize: [3, 2], depthMultiplier: 2, strides: 2, padding: 'same', useBias: false", [9, 9, 3]),
      seq('separableConv2d', 'filters: 4, kernelSize: 3, dilationRate: 2', [9, 9, 3]),
      seq('depthwiseConv2d', 'kernelSize: 3', [8, 8, 3]),
      seq('depthwiseConv2d', "kernelSize: [3, 2], depthMultiplier: 3, strides: 2, padding: 'same', useBias: false", [9, 9, 3]),
      seq('maxPooling1d', 'poolSize: 3, strides: 2', [20, 3]),
      seq('maxPooling1d', "poolSize: 3, strides: 2, padding: 'same'", [20, 3]),
      seq('maxPooling2d', 'poolSize: 2', [7, 7, 3]),
      seq('maxPooling2d', "poolSize: [3, 2], strides: [2, 1], padding: 'same'", [7, 7, 3]),
      seq('maxPooling3d', 'poolSize: 2', [6, 8, 8, 3]),
      seq('averagePooling3d', "poolSize: [1, 2, 2], strides: [1, 2, 1], padding: 'same'", [5, 7, 7, 3]),
      seq('averagePooling1d', 'poolSize: 2', [9, 3]),
      seq('averagePooling2d', "poolSize: 3, strides: 2, padding: 'same'", [7, 7, 3]),
      seq('globalAveragePooling1d', '', [20, 3]),
      seq('globalAveragePooling2d', '', [7, 7, 3]),
      seq('globalMaxPooling1d', '', [20, 3]),
      seq('globalMaxPooling2d', '', [7, 7, 3]),
      seq('flatten', '', [3, 4, 5]),
      seq('dropout', 'rate: 0.5', [5]),
      seq('spatialDropout1d', 'rate: 0.5', [20, 3]),
      seq('gaussianNoise', 'stddev: 0.1', [5]),
      seq('gaussianDropout', 'rate: 0.1', [5]),
      seq('alphaDropout', 'rate: 0.1', [5]),
      seq('activation', "activation: 'relu'", [5]),
      seq('reLU', '', [5]),
      seq('leakyReLU', '', [5]),
      seq('softmax', '', [5]),
      seq('elu', '', [5]),
      seq('batchNormalization', '', [8, 8, 3]),
      seq('batchNormalization', 'center: false', [8, 8, 3]),
      seq('batchNormalization', 'center: false, scale: false', [6]),
      seq('layerNormalization', '', [5, 6]),
      seq('layerNormalization', 'scale: false', [5, 6]),
      seq('reshape', 'targetShape: [3, 4]', [12]),
      seq('permute', 'dims: [2, 1]', [3, 4]),
      seq('repeatVector', 'n: 3', [5]),
      seq('embedding', 'inputDim: 50, outputDim: 8', [7]),
      seq('simpleRNN', 'units: 5', [4, 6]),
      seq('simpleRNN', 'units: 5, useBias: false, returnSequences: true', [4, 6]),
      seq('lstm', 'units: 20', [3, 10]),
      seq('lstm', 'units: 20, useBias: false', [3, 10]),
      seq('gru', 'units: 6', [3, 20]),
      seq('gru', 'units: 6, returnSequences: true', [3, 20]),
      seq('bidirectional', 'layer: tf.layers.lstm({ units: 8 })', [5, 4]),
      seq('bidirectional', "layer: tf.layers.gru({ units: 3, returnSequences: true }), mergeMode: 'sum'", [5, 4]),
      seq('rnn', 'cell: tf.layers.lstmCell({ units: 5 })', [4, 6]),
      seq('rnn', 'cell: [tf.layers.gruCell({ units: 6 }), tf.layers.simpleRNNCell({ units: 3, useBias: false })], returnSequences: true', [4, 5]),
      { factory: 'lstmCell', code: seq('rnn', 'cell: [tf.layers.lstmCell({ units: 4 }), tf.layers.lstmCell({ units: 2, useBias: false })]', [3, 7]).code },
      { factory: 'gruCell', code: seq('rnn', 'cell: tf.layers.gruCell({ units: 3 })', [3, 7]).code },
      { factory: 'simpleRNNCell', code: seq('rnn', 'cell: tf.layers.simpleRNNCell({ units: 3 })', [3, 7]).code },
      { factory: 'stackedRNNCells', code: seq('rnn', 'cell: tf.layers.stackedRNNCells({ cells: [tf.layers.lstmCell({ units: 4 }), tf.layers.gruCell({ units: 2 })] })', [3, 7]).code },
      seq('zeroPadding2d', 'padding: 1', [5, 5, 3]),
      seq('zeroPadding2d', 'padding: [2, 1]', [5, 5, 3]),
      seq('upSampling2d', '', [5, 5, 3]),
      seq('upSampling2d', 'size: [2, 3]', [5, 5, 3]),
      seq('zeroPadding2d', 'padding: [[1, 2], [0, 3]]', [5, 5, 3]),
      seq('cropping2D', 'cropping: [[1, 0], [2, 1]]', [6, 7, 3]),
      seq('cropping2D', 'cropping: 1', [6, 7, 3]),
      seq('masking', '', [5, 4]),
      seq('thresholdedReLU', 'theta: 0.5', [5, 4]),
      seq('prelu', '', [5, 4]),
      seq('prelu', 'sharedAxes: [1]', [5, 4]),
      merge('concatenate'),
      merge('add'),
      merge('multiply'),
      merge('average'),
      merge('maximum'),
      merge('minimum'),
      seq('timeDistributed', 'layer: tf.layers.dense({ units: 3 })', [5, 4]),
      seq('timeDistributed', "layer: tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same' })", [4, 6, 6, 1]),
      { factory: 'dot', code: merge('dot').code.replace("dot({ name: 'layer' })", "dot({ name: 'layer', axes: -1 })") },
      { factory: 'dot', code: merge('dot').code.replace("dot({ name: 'layer' })", "dot({ name: 'layer', axes: [1, 1] })") },
    ];

    it('has a case for every factory tfjsLayers.ts knows', () => {
      const covered = new Set([...TFJS_CASES.map((c) => c.factory), 'inputLayer']);
      assert.deepEqual(tfLayerFactories().filter((k) => !covered.has(k)), []);
    });

    it('tf.layers.inputLayer: no parameters, the declared shape', async () => {
      const code = "const model = tf.sequential();\nmodel.add(tf.layers.inputLayer({ name: 'layer', inputShape: [5] }));\nmodel.add(tf.layers.dense({ name: 'out', units: 2 }));\n";
      const result = analyzeText(await testParsers(), code, 'javascript');
      const ours = layerNamed(result.models, 'model', 'layer');
      assert.ok(ours);
      assert.equal(ours.params, 0);
      assert.deepEqual(ours.output.known ? ours.output.shape : null, [-1, 5]);
    });

    for (const c of TFJS_CASES) {
      it(c.code.split('\n').find((l) => l.includes("name: 'layer'"))?.trim() ?? c.factory, async () => {
        const result = analyzeText(await testParsers(), c.code, 'javascript');
        const ours = layerNamed(result.models, 'model', 'layer');
        assert.ok(ours, `the analysis did not find the layer (models: ${result.models.map((m) => m.name).join(', ')})`);
        const model = new Function('tf', `${c.code}return model;`)(fastTf) as tf.LayersModel;
        try {
          const layer = model.getLayer('layer');
          const shape = (layer.outputShape as (number | null)[]).map((d) => d ?? -1);
          const kind = tfClassName(c.factory) ?? c.factory;
          checkLayer(`tf.layers.${c.factory}`, kind, ours, { params: layer.countParams(), shape }, (s, n) => s.slice(1, 1 + n));
        } finally {
          model.dispose();
        }
      });
    }
  });
});
