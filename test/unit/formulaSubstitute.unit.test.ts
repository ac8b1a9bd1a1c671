import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import katex from 'katex';
import { attentionScale, convParams, embeddingParams, layerNormParams, linearParams, multiheadAttentionParams, normParams, recurrentParams, transformerLayerParams } from '../../src/formula/paramFormulas';
import { convOutputSize, convTransposeOutputSize, flattenSize, poolOutputSize, tfjsConvOutputSize, tfjsConvTransposeOutputSize } from '../../src/formula/sizeFormulas';
import { layerSubstitutions } from '../../src/formula/layerFormulas';
import { latexToText, type Substituted } from '../../src/formula/substituted';

const renders = (s: Substituted): void => {
  assert.doesNotThrow(() => katex.renderToString(s.latex, { throwOnError: true, trust: false }), s.latex);
};

describe('formula with the user’s numbers', () => {
  it('conv output size, exactly as the issue spells it', () => {
    const r = convOutputSize({ input: 28, padding: 1, dilation: 1, kernel: 3, stride: 1 });
    assert.deepEqual(r, {
      quantity: 'size',
      value: 28,
      formula: 'H_{out} = \\lfloor (H_{in} + 2p - d\\cdot(k-1) - 1)/s \\rfloor + 1',
      latex: 'H_{out} = \\lfloor (28 + 2\\cdot1 - 1\\cdot(3-1) - 1)/1 \\rfloor + 1 = 28',
      text: 'H_out = ⌊(28 + 2·1 − 1·(3−1) − 1)/1⌋ + 1 = 28',
    });
    renders(r);
    assert.doesNotThrow(() => katex.renderToString(r.formula, { throwOnError: true }));
  });

  it('conv output size: stride, dilation, padding strings, too-small inputs', () => {
    assert.equal(convOutputSize({ input: 32, kernel: 5, stride: 2 }).value, 14);
    assert.equal(convOutputSize({ input: 32, kernel: 3, dilation: 2, padding: 2 }).value, 32);
    assert.equal(convOutputSize({ input: 7, kernel: 3, stride: 2, padding: 1, dim: 'W' }).latex.startsWith('W_{out}'), true);
    assert.equal(convOutputSize({ input: 28, kernel: 5, padding: 'same' }).value, 28);
    assert.match(convOutputSize({ input: 28, kernel: 5, padding: 'same', stride: 2 }).error ?? '', /strided/);
    assert.equal(convOutputSize({ input: 28, kernel: 5, padding: 'valid' }).value, 24);
    const tooSmall = convOutputSize({ input: 2, kernel: 5 });
    assert.ok(tooSmall.value < 1 && /kernel spans 5/.test(tooSmall.error ?? ''));
    const bad = convOutputSize({ input: 28, kernel: 0 });
    assert.ok(Number.isNaN(bad.value) && bad.error !== undefined);
    assert.ok(Number.isNaN(convOutputSize({ input: 28.5, kernel: 3 }).value));
  });

  it('pool output size with floor and ceil_mode (including the dropped last window)', () => {
    const p = poolOutputSize({ input: 28, kernel: 2, kind: 'max' });
    assert.equal(p.value, 14);
    assert.equal(p.text, 'H_out = ⌊(28 + 2·0 − 1·(2−1) − 1)/2⌋ + 1 = 14');
    assert.equal(poolOutputSize({ input: 7, kernel: 2, kind: 'max' }).value, 3);
    assert.equal(poolOutputSize({ input: 7, kernel: 2, kind: 'max', ceilMode: true }).value, 4);
    // ceil would start a 4th window at 6 ≥ 5 + 1 = in + pad: PyTorch drops it.
    const dropped = poolOutputSize({ input: 5, kernel: 2, stride: 2, padding: 1, kind: 'avg', ceilMode: true });
    assert.equal(dropped.value, 3);
    assert.match(dropped.latex, /\\lceil .* \\rceil \+ 1 - 1 = 3$/);
    assert.equal(poolOutputSize({ input: 14, kernel: 3, stride: 2, padding: 1, kind: 'avg' }).value, 7);
    assert.match(poolOutputSize({ input: 14, kernel: 2, padding: 2, kind: 'max' }).error ?? '', /half the kernel/);
    renders(dropped);
  });

  it('tfjs conv output size for valid and same padding', () => {
    assert.equal(tfjsConvOutputSize({ input: 28, kernel: 3 }).value, 26);
    assert.equal(tfjsConvOutputSize({ input: 28, kernel: 3, padding: 'same' }).value, 28);
    assert.equal(tfjsConvOutputSize({ input: 28, kernel: 2, stride: 2, padding: 'same' }).value, 14);
    assert.equal(tfjsConvOutputSize({ input: 27, kernel: 2, stride: 2 }).value, 13);
    assert.equal(tfjsConvOutputSize({ input: 27, kernel: 2, stride: 2, padding: 'same' }).value, 14);
    assert.equal(tfjsConvTransposeOutputSize({ input: 7, kernel: 3, stride: 2 }).value, 15);
    assert.equal(tfjsConvTransposeOutputSize({ input: 7, kernel: 3, stride: 2, padding: 'same' }).value, 14);
  });

  it('transposed convolution output size (PyTorch), with its limits', () => {
    const t = convTransposeOutputSize({ input: 7, kernel: 3, stride: 2, padding: 1, outputPadding: 1 });
    assert.equal(t.value, 14);
    assert.equal(t.text, 'H_out = (7 − 1)·2 − 2·1 + 1·(3−1) + 1 + 1 = 14');
    renders(t);
    assert.match(convTransposeOutputSize({ input: 7, kernel: 3, stride: 2, outputPadding: 2 }).error ?? '', /output_padding/);
    assert.ok(convTransposeOutputSize({ input: 1, kernel: 1, padding: 1 }).value < 1);
  });

  it('parameter counts of the document’s SimpleCNN', () => {
    assert.equal(convParams({ inChannels: 1, outChannels: 16, kernel: [3, 3] }).value, 160);
    assert.equal(convParams({ inChannels: 16, outChannels: 32, kernel: [3, 3] }).value, 4640);
    const fc1 = linearParams({ inFeatures: 32 * 7 * 7, outFeatures: 120 });
    assert.equal(fc1.value, 188_280);
    assert.equal(fc1.text, '#params = 1568·120 + 120 = 188,280');
    assert.equal(linearParams({ inFeatures: 120, outFeatures: 84 }).value, 10_164);
    assert.equal(linearParams({ inFeatures: 84, outFeatures: 10, bias: false }).value, 840);
    assert.equal(flattenSize([32, 7, 7]).text, 'n = 32·7·7 = 1,568');
    assert.equal(convParams({ inChannels: 32, outChannels: 64, kernel: [3, 5], groups: 4, bias: false }).value, 64 * 8 * 15);
    assert.match(convParams({ inChannels: 30, outChannels: 64, kernel: [3, 3], groups: 4 }).error ?? '', /divisible/);
    assert.equal(convParams({ transposed: true, inChannels: 4, outChannels: 6, kernel: [3, 3], groups: 2 }).text, '#params = 4·(6/2)·3·3 + 6 = 114');
    assert.equal(convParams({ framework: 'tfjs', inChannels: 3, outChannels: 8, kernel: [3, 3], bias: false }).text, '#params = 3·3·3·8 = 216');
    renders(fc1);
  });

  it('recurrent parameter counts and shapes (the document’s SimpleRNN: 28 → 128, 2 layers)', () => {
    const rnn = recurrentParams({ kind: 'rnn', inputSize: 28, hiddenSize: 128, numLayers: 2 });
    assert.equal(rnn.value, 53_248);
    assert.equal(rnn.text, '#params = (128·(28+128) + 2·128) + (128·(128+128) + 2·128) = 53,248');
    assert.equal(recurrentParams({ kind: 'lstm', inputSize: 28, hiddenSize: 128, numLayers: 2 }).value, 4 * 53_248);
    assert.equal(recurrentParams({ kind: 'gru', inputSize: 28, hiddenSize: 128, numLayers: 2 }).value, 3 * 53_248);
    assert.equal(recurrentParams({ kind: 'lstm', inputSize: 10, hiddenSize: 20, bidirectional: true }).value, 2 * (80 * 30 + 160));
    const deep = recurrentParams({ kind: 'gru', inputSize: 8, hiddenSize: 16, numLayers: 4, bidirectional: true, bias: false });
    assert.equal(deep.value, 2 * 48 * (8 + 16) + 3 * 2 * 48 * (32 + 16));
    assert.match(deep.latex, /3\\cdot2\\cdot\(3\\cdot16\\cdot\(32\+16\)\)/);
    renders(rnn);
    renders(deep);
    const proj = recurrentParams({ kind: 'lstm', inputSize: 10, hiddenSize: 20, projSize: 5 });
    assert.equal(proj.text, '#params = (4·20·(10+5) + 2·4·20 + 5·20) = 1,460');
    assert.match(recurrentParams({ kind: 'gru', inputSize: 10, hiddenSize: 20, projSize: 5 }).error ?? '', /proj_size/);
    assert.equal(recurrentParams({ framework: 'tfjs', kind: 'lstm', inputSize: 10, hiddenSize: 20 }).text, '#params = (4·20·(10+20) + 4·20) = 2,480');
    renders(proj);
  });

  it('embedding, attention, normalisation and Transformer layer counts', () => {
    assert.equal(embeddingParams({ numEmbeddings: 10_000, embeddingDim: 512 }).value, 5_120_000);
    assert.equal(multiheadAttentionParams({ embedDim: 512, numHeads: 8 }).value, 4 * 512 * 512 + 4 * 512);
    assert.equal(multiheadAttentionParams({ embedDim: 512, numHeads: 8, bias: false }).value, 4 * 512 * 512);
    assert.equal(multiheadAttentionParams({ embedDim: 8, numHeads: 2, kdim: 4, vdim: 6 }).value, 8 * (8 + 4 + 6) + 64 + 32);
    assert.match(multiheadAttentionParams({ embedDim: 10, numHeads: 3 }).error ?? '', /divisible/);
    const scale = attentionScale({ dModel: 512, numHeads: 8 });
    assert.equal(scale.value, 64);
    assert.equal(scale.text, 'd_k = 512/8 = 64, 1/√64 = 0.125');
    assert.equal(multiheadAttentionParams({ embedDim: 40, numHeads: 4, addBiasKv: true }).value, 6640);
    assert.equal(layerNormParams({ normalizedShape: [512] }).value, 1024);
    assert.equal(layerNormParams({ normalizedShape: [512], affine: false }).value, 0);
    assert.equal(normParams({ kind: 'batch', channels: 16 }).value, 32);
    assert.equal(normParams({ framework: 'tfjs', kind: 'batch', channels: 16 }).value, 64);
    assert.equal(normParams({ framework: 'tfjs', kind: 'batch', channels: 16, center: false }).value, 48);
    assert.equal(normParams({ framework: 'tfjs', kind: 'layer', channels: 16 }).value, 32);
    assert.equal(transformerLayerParams({ dModel: 512, numHeads: 8, dimFeedforward: 2048 }).value, 3_152_384);
    for (const s of [scale, layerNormParams({ normalizedShape: [4, 5] }), transformerLayerParams({ dModel: 64, numHeads: 4, dimFeedforward: 128 }), transformerLayerParams({ decoder: true, dModel: 16, numHeads: 4, dimFeedforward: 32 })]) renders(s);
    assert.equal(transformerLayerParams({ decoder: true, dModel: 16, numHeads: 4, dimFeedforward: 32 }).value, 3344);
  });

  it('per-layer entry point: the numbers shape inference records for the document’s models', () => {
    const conv1 = layerSubstitutions('pytorch', 'Conv2d', { in: [28, 28], kernel: [3, 3], stride: [1, 1], padding: [1, 1], dilation: [1, 1], inChannels: 1, outChannels: 16 });
    assert.deepEqual(conv1.map((s) => s.text), [
      'H_out = ⌊(28 + 2·1 − 1·(3−1) − 1)/1⌋ + 1 = 28',
      'W_out = ⌊(28 + 2·1 − 1·(3−1) − 1)/1⌋ + 1 = 28',
      '#params = 16·1·3·3 + 16 = 160',
    ]);
    const pool = layerSubstitutions('pytorch', 'MaxPool2d', { in: [28, 28], kernel: [2], stride: [2], padding: [0], dilation: [1], ceilMode: false });
    assert.deepEqual(pool.map((s) => s.value), [14, 14]);
    const avgDefaultStride = layerSubstitutions('pytorch', 'AvgPool2d', { in: [7, 7], kernel: [2, 2] });
    assert.deepEqual(avgDefaultStride.map((s) => s.value), [3, 3]);
    const conv1d = layerSubstitutions('pytorch', 'Conv1d', { in: [100], kernel: [5], stride: [2], padding: 'valid', inChannels: 8, outChannels: 4, groups: 2 });
    assert.deepEqual(conv1d.map((s) => s.value), [48, 4 * 4 * 5 + 4]);
    assert.ok(conv1d[0]?.latex.startsWith('L_{out}'));
    const tfConv = layerSubstitutions('tfjs', 'Conv2D', { in: [28, 28], kernel: [3, 3], stride: [1, 1], padding: 'same', inChannels: 1, outChannels: 16 });
    assert.deepEqual(tfConv.map((s) => s.value), [28, 28, 160]);
    const tfPool = layerSubstitutions('tfjs', 'MaxPooling2D', { in: [28, 28], kernel: [2, 2], padding: 'valid' });
    assert.deepEqual(tfPool.map((s) => s.value), [14, 14]);
    assert.equal(layerSubstitutions('pytorch', 'Linear', { inFeatures: 1568, outFeatures: 120, bias: true })[0]?.value, 188_280);
    assert.equal(layerSubstitutions('tfjs', 'Dense', { inFeatures: 784, outFeatures: 10 })[0]?.value, 7850);
    assert.equal(layerSubstitutions('pytorch', 'RNN', { inputSize: 28, hidden: 128, layers: 2, directions: 1 })[0]?.value, 53_248);
    assert.equal(layerSubstitutions('pytorch', 'LSTM', { inputSize: 10, hidden: 20, layers: 1, directions: 2 })[0]?.value, 2 * (80 * 30 + 160));
    // tfjs recurrent layers have one bias vector per gate block (PyTorch has two).
    assert.equal(layerSubstitutions('tfjs', 'SimpleRNN', { inputSize: 28, hidden: 64, layers: 1, directions: 1 })[0]?.value, 64 * 92 + 64);
    assert.equal(layerSubstitutions('pytorch', 'Embedding', { vocab: 1000, dim: 64 })[0]?.value, 64_000);
    assert.deepEqual(layerSubstitutions('pytorch', 'MultiheadAttention', { embed: 512, heads: 8 }).map((s) => s.value), [64, 1_050_624]);
    assert.equal(layerSubstitutions('pytorch', 'BatchNorm2d', { numFeatures: 16 })[0]?.value, 32);
    assert.equal(layerSubstitutions('pytorch', 'Flatten', { flattened: [32, 7, 7] })[0]?.value, 1568);
    assert.deepEqual(layerSubstitutions('pytorch', 'MyBlock', { in: [28, 28] }), []);
    assert.deepEqual(layerSubstitutions('pytorch', 'Conv2d', { in: [28, 28], kernel: [3, 3, 3] }), []);
    for (const s of [...conv1, ...pool, ...tfConv, ...conv1d]) renders(s);
  });

  it('turns our LaTeX into readable text', () => {
    assert.equal(latexToText('\\#\\text{params} = 3\\cdot4 = 1{,}024'), '#params = 3·4 = 1,024');
    assert.equal(latexToText('H_{out} = \\lceil 27/2 \\rceil = 14'), 'H_out = ⌈27/2⌉ = 14');
  });

  const python = '/usr/bin/python3';
  const hasTorch = ((): boolean => {
    if (!existsSync(python)) return false;
    try {
      execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
      return true;
    } catch {
      return false;
    }
  })();

  (hasTorch ? it : it.skip)('agrees with real PyTorch on sizes and parameter counts (python3-torch)', function () {
    this.timeout(120_000);
    // Deterministic pseudo-random configurations, also sent to PyTorch.
    let seed = 7;
    const rnd = (lo: number, hi: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return lo + (seed % (hi - lo + 1));
    };
    const convs = Array.from({ length: 40 }, () => {
      const kernel = rnd(1, 5);
      return { input: rnd(kernel, 40), kernel, stride: rnd(1, 3), padding: rnd(0, 2), dilation: rnd(1, 2) };
    }).filter((c) => c.input + 2 * c.padding >= c.dilation * (c.kernel - 1) + 1);
    const pools = Array.from({ length: 40 }, () => {
      const kernel = rnd(1, 4);
      return { input: rnd(kernel + 1, 30), kernel, stride: rnd(1, 3), padding: rnd(0, Math.floor(kernel / 2)), ceil: rnd(0, 1) === 1 };
    });
    const rnns = Array.from({ length: 12 }, (_, i) => ({
      kind: (['rnn', 'lstm', 'gru'] as const)[i % 3] ?? 'rnn',
      input: rnd(1, 20),
      hidden: rnd(1, 20),
      layers: rnd(1, 3),
      bi: rnd(0, 1) === 1,
      bias: rnd(0, 3) > 0,
    }));
    const script = `
import json, sys, torch, torch.nn as nn
cfg = json.load(sys.stdin)
out = {'conv': [], 'maxpool': [], 'avgpool': [], 'rnn': [], 'mha': [], 'tel': []}
for c in cfg['conv']:
    m = nn.Conv2d(1, 1, c['kernel'], stride=c['stride'], padding=c['padding'], dilation=c['dilation'])
    out['conv'].append(m(torch.zeros(1, 1, c['input'], c['input'])).shape[-1])
for c in cfg['pool']:
    mp = nn.MaxPool2d(c['kernel'], stride=c['stride'], padding=c['padding'], ceil_mode=c['ceil'])
    ap = nn.AvgPool2d(c['kernel'], stride=c['stride'], padding=c['padding'], ceil_mode=c['ceil'])
    x = torch.zeros(1, 1, c['input'], c['input'])
    out['maxpool'].append(mp(x).shape[-1]); out['avgpool'].append(ap(x).shape[-1])
for c in cfg['rnn']:
    cls = {'rnn': nn.RNN, 'lstm': nn.LSTM, 'gru': nn.GRU}[c['kind']]
    m = cls(c['input'], c['hidden'], c['layers'], bidirectional=c['bi'], bias=c['bias'])
    out['rnn'].append(sum(p.numel() for p in m.parameters()))
for e, h in [(512, 8), (64, 4), (30, 5)]:
    out['mha'].append(sum(p.numel() for p in nn.MultiheadAttention(e, h).parameters()))
    out['tel'].append(sum(p.numel() for p in nn.TransformerEncoderLayer(e, h, dim_feedforward=4 * e).parameters()))
print(json.dumps(out))
`;
    const stdout = execFileSync(python, ['-c', script], {
      input: JSON.stringify({ conv: convs, pool: pools, rnn: rnns }),
      encoding: 'utf8',
      timeout: 110_000,
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    });
    const real = JSON.parse(stdout) as Record<'conv' | 'maxpool' | 'avgpool' | 'rnn' | 'mha' | 'tel', number[]>;
    assert.deepEqual(convs.map((c) => convOutputSize(c).value), real.conv);
    assert.deepEqual(pools.map((c) => poolOutputSize({ ...c, kind: 'max', ceilMode: c.ceil }).value), real.maxpool);
    assert.deepEqual(pools.map((c) => poolOutputSize({ ...c, kind: 'avg', ceilMode: c.ceil }).value), real.avgpool);
    assert.deepEqual(
      rnns.map((c) => recurrentParams({ kind: c.kind, inputSize: c.input, hiddenSize: c.hidden, numLayers: c.layers, bidirectional: c.bi, bias: c.bias }).value),
      real.rnn,
    );
    const heads: [number, number][] = [[512, 8], [64, 4], [30, 5]];
    assert.deepEqual(heads.map(([e, h]) => multiheadAttentionParams({ embedDim: e, numHeads: h }).value), real.mha);
    assert.deepEqual(heads.map(([e, h]) => transformerLayerParams({ dModel: e, numHeads: h, dimFeedforward: 4 * e }).value), real.tel);
  });
});
