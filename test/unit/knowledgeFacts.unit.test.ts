// What the knowledge base states about the frameworks, checked against the frameworks themselves:
// PyTorch 1.13 (/usr/bin/python3) and tfjs 4.22 (in-process). Each block is one claim of a
// reference formula, a default constant or an explanation; the framework decides.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { allConcepts, conceptById } from '../../src/knowledge/lookup';
import type { Concept } from '../../src/knowledge/types';

const PYTHON = '/usr/bin/python3';

function concept(id: string): Concept {
  const c = conceptById(id);
  assert.ok(c, id);
  return c;
}

/** Every text a concept shows, per language: explanation, formula labels, symbol meanings. */
function texts(c: Concept, lang: 'en' | 'zh-cn'): string {
  return [c.explanation[lang], ...c.formulas.map((f) => f.label?.[lang] ?? ''), ...c.symbols.map((s) => s.meaning[lang])].join('\n');
}

/** Some clause (split at commas and semicolons) of the text names both things. */
function sameClause(text: string, a: RegExp, b: RegExp): boolean {
  return text.split(/[,，;；]/).some((clause) => a.test(clause) && b.test(clause));
}

function symbolMeaning(c: Concept, symbol: string, lang: 'en' | 'zh-cn'): string {
  const s = c.symbols.find((x) => x.symbol === symbol);
  assert.ok(s, `${c.id}: no symbol ${symbol}`);
  return s.meaning[lang];
}

const TORCH_FACTS = `
import json, math, torch
import torch.nn as nn
torch.manual_seed(0)
out = {}
p = torch.zeros(1, requires_grad=True)
out['adam_eps'] = torch.optim.Adam([p]).defaults['eps']
out['rmsprop_alpha'] = torch.optim.RMSprop([p]).defaults['alpha']
out['rmsprop_eps'] = torch.optim.RMSprop([p]).defaults['eps']
out['bn_eps'] = nn.BatchNorm2d(3).eps
out['leaky_slope'] = nn.LeakyReLU().negative_slope
out['gain_sigmoid'] = nn.init.calculate_gain('sigmoid')
out['gain_tanh'] = nn.init.calculate_gain('tanh')
# ceil_mode pooling over a grid: the framework's output length
grid = []
for L in range(1, 12):
    for k in range(1, 5):
        for s in range(1, 4):
            for pad in range(0, k // 2 + 1):
                x = torch.zeros(1, 1, L)
                try:
                    m = nn.MaxPool1d(k, stride=s, padding=pad, ceil_mode=True)(x).shape[-1]
                    a = nn.AvgPool1d(k, stride=s, padding=pad, ceil_mode=True)(x).shape[-1]
                except RuntimeError:
                    continue
                grid.append([L, k, s, pad, m, a])
out['ceil_grid'] = grid
# orthogonal_: which Gram matrix is the identity, tall and wide
def gram_err(w):
    r, c = w.shape
    tall = (w.t() @ w - torch.eye(c)).abs().max().item()
    wide = (w @ w.t() - torch.eye(r)).abs().max().item()
    return {'tall': tall, 'wide': wide}
out['orth_wide'] = gram_err(nn.init.orthogonal_(torch.empty(3, 5)))
out['orth_tall'] = gram_err(nn.init.orthogonal_(torch.empty(5, 3)))
# kaiming_normal_: a plain normal (fan_in 400)
w = nn.init.kaiming_normal_(torch.empty(300, 400))
sigma = math.sqrt(2 / 400)
out['kaiming_std_ratio'] = (w.std() / sigma).item()
out['kaiming_max_ratio'] = (w.abs().max() / sigma).item()
# sparse_: zeros per column and per row
w = nn.init.sparse_(torch.empty(20, 10), sparsity=0.3)
out['sparse_zeros_per_column'] = (w == 0).sum(0).tolist()
out['sparse_zeros_per_row'] = (w == 0).sum(1).tolist()
# Adam's step for steady gradients of very different sizes, and for a sign that keeps flipping
def steps(opt_cls, grads, **kw):
    q = torch.zeros(1, requires_grad=True)
    opt = opt_cls([q], lr=0.01, **kw)
    res = []
    for g in grads:
        before = q.item()
        q.grad = torch.tensor([g])
        opt.step()
        res.append(abs(q.item() - before))
    return res
out['adam_big'] = steps(torch.optim.Adam, [1000.0] * 20)
out['adam_small'] = steps(torch.optim.Adam, [0.001] * 20)
out['adam_flip'] = steps(torch.optim.Adam, [1.0 if i % 2 == 0 else -1.0 for i in range(60)])
out['rms_big'] = steps(torch.optim.RMSprop, [1000.0] * 2000)
out['rms_small'] = steps(torch.optim.RMSprop, [0.001] * 2000)
out['softmax'] = torch.softmax(torch.tensor([1.0, 1.0, 0.9]), 0).tolist()
print(json.dumps(out))
`;

interface TorchFacts {
  adam_eps: number;
  rmsprop_alpha: number;
  rmsprop_eps: number;
  bn_eps: number;
  leaky_slope: number;
  gain_sigmoid: number;
  gain_tanh: number;
  ceil_grid: [number, number, number, number, number, number][];
  orth_wide: { tall: number; wide: number };
  orth_tall: { tall: number; wide: number };
  kaiming_std_ratio: number;
  kaiming_max_ratio: number;
  sparse_zeros_per_column: number[];
  sparse_zeros_per_row: number[];
  adam_big: number[];
  adam_small: number[];
  adam_flip: number[];
  rms_big: number[];
  rms_small: number[];
  softmax: number[];
}

function torchFacts(): Promise<TorchFacts | string> {
  return new Promise((resolve) => {
    if (!existsSync(PYTHON)) {
      resolve(`${PYTHON} not found`);
      return;
    }
    execFile(PYTHON, ['-c', TORCH_FACTS], { timeout: 120_000, env: { ...process.env, OMP_NUM_THREADS: '1' } }, (err, stdout, stderr) => {
      if (err) resolve(`PyTorch facts failed: ${stderr.trim().split('\n').pop() ?? err.message}`);
      else resolve(JSON.parse(stdout) as TorchFacts);
    });
  });
}

let stopModel: tf.Sequential | undefined;

/** tf.callbacks.earlyStopping itself, fed a sequence of validation losses: the epoch it stops after. */
async function tfjsStopEpoch(losses: number[], patience: number, minDelta: number): Promise<number | undefined> {
  const cb = tf.callbacks.earlyStopping({ monitor: 'val_loss', patience, minDelta });
  stopModel ??= tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
  stopModel.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  cb.setModel(stopModel);
  stopModel.stopTraining = false;
  await cb.onTrainBegin();
  for (const [epoch, val_loss] of losses.entries()) {
    await cb.onEpochEnd(epoch, { val_loss });
    if (stopModel.stopTraining) return epoch + 1;
  }
  return undefined;
}

/** The knowledge base's early-stopping formulas, evaluated as written (b, w recurrence; 1-based epochs). */
function formulaStopEpoch(losses: number[], patience: number, delta: number): number | undefined {
  let b = Infinity;
  let w = 0;
  for (const [i, l] of losses.entries()) {
    if (l < b - delta) {
      w = 0;
      b = l;
    } else w += 1;
    if (w >= Math.max(patience, 1)) return i + 1;
  }
  return undefined;
}

/** The knowledge base's ceil_mode formula, evaluated as written: n = ⌈…/s⌉ + 1, minus 1 if (n−1)s ≥ H_in + p. */
function formulaCeilPool(input: number, kernel: number, stride: number, padding: number, kind: 'max' | 'avg'): number {
  const span = kind === 'max' ? input + 2 * padding - (kernel - 1) - 1 : input + 2 * padding - kernel;
  const n = Math.ceil(span / stride) + 1;
  return (n - 1) * stride >= input + padding ? n - 1 : n;
}

describe('knowledge base facts, checked against the frameworks', function () {
  this.timeout(180_000);
  let facts: TorchFacts | undefined;
  before(async () => {
    await tf.setBackend('cpu');
    const r = await torchFacts();
    if (typeof r === 'string') console.log(`      PyTorch checks skipped: ${r}`);
    else facts = r;
  });
  const withTorch = (name: string, fn: (f: TorchFacts) => void): void => {
    it(`${name} (PyTorch)`, function () {
      if (!facts) this.skip();
      fn(facts);
    });
  };

  describe('early stopping: the formula is tf.callbacks.earlyStopping', () => {
    it('stops where tfjs stops on the issue’s example (patience 2, Δ 0.25: epoch 5)', async () => {
      const losses = [0.391, 0.212, 0.105, 0.618, 0.47];
      assert.equal(await tfjsStopEpoch(losses, 2, 0.25), 5);
      assert.equal(formulaStopEpoch(losses, 2, 0.25), 5);
    });

    it('agrees with tfjs on 300 random loss curves, patience 0–4, Δ 0–0.3', async () => {
      let seed = 11;
      const rnd = (): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      for (let i = 0; i < 300; i++) {
        const losses = Array.from({ length: 4 + Math.floor(rnd() * 10) }, () => Number(rnd().toFixed(3)));
        const patience = Math.floor(rnd() * 5);
        const delta = Number((rnd() * 0.3).toFixed(2));
        assert.equal(formulaStopEpoch(losses, patience, delta), await tfjsStopEpoch(losses, patience, delta), `losses ${losses.join(' ')}, patience ${patience}, Δ ${delta}`);
      }
    });

    it('writes the formula as that recurrence, and the explanation does not promise the best weights in tfjs', () => {
      const es = concept('early-stopping');
      const latex = es.formulas.map((f) => f.latex).join(' ');
      assert.match(latex, /L_\{\\text\{val\}\}\(t\) < b_\{t-1\} - \\Delta/);
      assert.match(latex, /w_t \\ge \\max\(P, 1\)/);
      assert.throws(() => tf.callbacks.earlyStopping({ restoreBestWeights: true }), /restoreBestWeights/);
      for (const lang of ['en', 'zh-cn'] as const) {
        assert.match(es.explanation[lang], /restoreBestWeights/);
        assert.doesNotMatch(es.explanation[lang], /keeping the weights from the best epoch|保留表现最好那一轮的权重/);
      }
    });
  });

  describe('pooling with ceil_mode', () => {
    withTorch('the formula drops a last window that starts in the padding, as PyTorch does', (f) => {
      assert.ok(f.ceil_grid.length > 200);
      for (const [L, k, s, p, max, avg] of f.ceil_grid) {
        assert.equal(formulaCeilPool(L, k, s, p, 'max'), max, `MaxPool1d(${k}, stride=${s}, padding=${p}, ceil_mode=True) on ${L}`);
        assert.equal(formulaCeilPool(L, k, s, p, 'avg'), avg, `AvgPool1d(${k}, stride=${s}, padding=${p}, ceil_mode=True) on ${L}`);
      }
      assert.equal(formulaCeilPool(4, 2, 3, 1, 'max'), 2);
    });

    it('states that rule in both pooling concepts', () => {
      for (const id of ['maxpool2d-layer', 'avgpool2d-layer']) {
        const ceil = concept(id).formulas.find((x) => /ceil_mode=True/.test(x.label?.en ?? ''));
        assert.ok(ceil, id);
        assert.match(ceil.latex, /\(n - 1\)\\,s \\ge H_\{in\} \+ p/, id);
        assert.match(ceil.latex, /\\lceil/, id);
      }
    });
  });

  describe('initialisers', () => {
    withTorch('orthogonal_: QᵀQ = I for tall weights, QQᵀ = I for wide ones', (f) => {
      assert.ok(f.orth_tall.tall < 1e-5 && f.orth_tall.wide > 0.1);
      assert.ok(f.orth_wide.wide < 1e-5 && f.orth_wide.tall > 0.1);
    });

    it('tf.initializers.orthogonal agrees, and the formula says which product is I', () => {
      for (const [shape, identity] of [[[5, 3], 'tall'], [[3, 5], 'wide']] as const) {
        const w = tf.initializers.orthogonal({ gain: 1 }).apply([...shape]) as tf.Tensor2D;
        const [r, c] = shape;
        const tallErr = tf.sub(tf.matMul(w, w, true, false), tf.eye(c)).abs().max().dataSync()[0] ?? 1;
        const wideErr = tf.sub(tf.matMul(w, w, false, true), tf.eye(r)).abs().max().dataSync()[0] ?? 1;
        assert.ok(identity === 'tall' ? tallErr < 1e-4 && wideErr > 0.1 : wideErr < 1e-4 && tallErr > 0.1, `${shape.join('×')}: ${tallErr} ${wideErr}`);
      }
      const latex = concept('orthogonal-init').formulas[0]?.latex ?? '';
      assert.match(latex, /Q\^\{T\}Q = I_c, & r \\ge c/);
      assert.match(latex, /QQ\^\{T\} = I_r, & r < c/);
    });

    withTorch('kaiming_normal_ draws a plain normal', (f) => {
      assert.ok(Math.abs(f.kaiming_std_ratio - 1) < 0.02, String(f.kaiming_std_ratio));
      assert.ok(f.kaiming_max_ratio > 3, String(f.kaiming_max_ratio));
    });

    it('tfjs heNormal and glorotNormal are normals truncated at 2σ (std ≈ 0.88σ), and the labels say so', () => {
      const cases = [
        { init: tf.initializers.heNormal({ seed: 1 }), sigma: Math.sqrt(2 / 400), id: 'he-init' },
        { init: tf.initializers.glorotNormal({ seed: 1 }), sigma: Math.sqrt(2 / 700), id: 'xavier-init' },
      ];
      for (const { init, sigma, id } of cases) {
        const w = init.apply([400, 300]);
        const max = (w.abs().max().dataSync()[0] ?? 0) / sigma;
        const std = Math.sqrt(tf.moments(w).variance.dataSync()[0] ?? 0) / sigma;
        assert.ok(max <= 2.0001 && max > 1.95, `${id}: max ${max}σ`);
        assert.ok(Math.abs(std - 0.88) < 0.02, `${id}: std ${std}σ`);
        const normal = concept(id).formulas.find((x) => /normal/.test(x.label?.en ?? ''));
        assert.match(normal?.label?.en ?? '', /truncated normal.*0\.88σ/, id);
        assert.match(normal?.label?.['zh-cn'] ?? '', /截断正态.*0\.88σ/, id);
      }
    });

    withTorch('sparse_ zeroes a fixed share of each column, not of each unit’s inputs', (f) => {
      assert.deepEqual(f.sparse_zeros_per_column, Array<number>(10).fill(6));
      assert.ok(new Set(f.sparse_zeros_per_row).size > 1, 'rows would all have the same count if zeros were per unit');
      const c = concept('sparse-init');
      assert.match(c.explanation.en, /every column/);
      assert.match(c.explanation['zh-cn'], /每一列/);
      assert.doesNotMatch(c.explanation.en, /connected to only a few/);
    });

    withTorch('Xavier: the gain table is PyTorch’s, and the derivation’s assumption is stated, not "fits sigmoid"', (f) => {
      assert.equal(f.gain_sigmoid, 1);
      assert.ok(Math.abs(f.gain_tanh - 5 / 3) < 1e-9);
      const c = concept('xavier-init');
      assert.doesNotMatch(c.explanation.en, /such as tanh or sigmoid/);
      assert.match(c.explanation.en, /slope 1\/4/);
      assert.match(c.explanation['zh-cn'], /斜率 1\/4/);
    });
  });

  it('recurrent parameter labels give tfjs’s single bias vector, and tfjs counts that way', () => {
    const layers: [string, () => tf.layers.Layer, number][] = [
      ['rnn', () => tf.layers.simpleRNN({ units: 5, inputShape: [3, 6], recurrentInitializer: 'glorotUniform' }), 1],
      ['lstm', () => tf.layers.lstm({ units: 5, inputShape: [3, 6], recurrentInitializer: 'glorotUniform' }), 4],
      ['gru', () => tf.layers.gru({ units: 5, inputShape: [3, 6], recurrentInitializer: 'glorotUniform' }), 3],
    ];
    for (const [id, make, gates] of layers) {
      const model = tf.sequential({ layers: [make()] });
      assert.equal(model.countParams(), gates * 5 * (6 + 5) + gates * 5, id);
      model.dispose();
      const label = concept(id).formulas.find((f) => f.latex.startsWith('\\#\\text{params}'))?.label;
      assert.match(label?.en ?? '', /tf\.layers\.\w+ has one bias vector/, id);
      assert.match(label?.['zh-cn'] ?? '', /只有一组偏置/, id);
    }
  });

  describe('default constants, per framework', () => {
    withTorch('PyTorch: Adam eps, RMSprop alpha, BatchNorm eps, LeakyReLU slope', (f) => {
      assert.equal(f.adam_eps, 1e-8);
      assert.equal(f.rmsprop_alpha, 0.99);
      assert.equal(f.rmsprop_eps, 1e-8);
      assert.equal(f.bn_eps, 1e-5);
      assert.equal(f.leaky_slope, 0.01);
    });

    it('tfjs: Adam epsilon, RMSprop decay, BatchNormalization epsilon, the two leaky slopes', () => {
      assert.equal((tf.train.adam(0.001) as unknown as { epsilon: number }).epsilon, 1e-7);
      const rms = tf.train.rmsprop(0.01) as unknown as Record<string, unknown>;
      assert.equal(rms.decay, 0.9);
      assert.equal(rms.rho, undefined);
      assert.equal((tf.layers.batchNormalization({}) as unknown as { epsilon: number }).epsilon, 1e-3);
      assert.ok(Math.abs((tf.leakyRelu(tf.scalar(-1)).dataSync()[0] ?? 0) + 0.2) < 1e-7);
      assert.ok(Math.abs(((tf.layers.leakyReLU().apply(tf.scalar(-1)) as tf.Tensor).dataSync()[0] ?? 0) + 0.3) < 1e-7);
    });

    it('quotes each default for the framework it belongs to', () => {
      for (const lang of ['en', 'zh-cn'] as const) {
        const claims: [string, string, RegExp, RegExp][] = [
          ['adam', '\\epsilon', /PyTorch/, /1e-8/],
          ['adam', '\\epsilon', /tfjs/, /1e-7/],
          ['batch-norm', '\\epsilon', /PyTorch/, /1e-5/],
          ['batch-norm', '\\epsilon', /tfjs/, /1e-3/],
          ['rmsprop', '\\epsilon', /PyTorch/, /1e-8/],
          ['rmsprop', '\\epsilon', /tfjs/, /1e-7/],
        ];
        for (const [id, symbol, framework, value] of claims) {
          const text = symbolMeaning(concept(id), symbol, lang);
          assert.ok(sameClause(text, framework, value), `${id} ${symbol} ${lang}: "${text}" should pair ${framework} with ${value}`);
        }
        const alpha = symbolMeaning(concept('rmsprop'), '\\alpha', lang);
        assert.match(alpha, /alpha[^；;]*0\.99/);
        assert.match(alpha, /decay[^；;]*0\.9\b/);
        assert.doesNotMatch(texts(concept('rmsprop'), lang), /rho/);
        const leaky = concept('leaky-relu').explanation[lang];
        assert.match(leaky, /0\.01/);
        assert.match(leaky, /tf\.leakyRelu 为 0\.2|0\.2 for the tfjs op tf\.leakyRelu/);
        assert.match(leaky, /tf\.layers\.leakyReLU 为 0\.3|0\.3 for the tfjs layer tf\.layers\.leakyReLU/);
      }
    });
  });

  describe('explanations', () => {
    withTorch('Adam: a steady gradient moves by ≈ η whatever its size; a flipping one by much less', (f) => {
      for (const s of [...f.adam_big, ...f.adam_small]) assert.ok(Math.abs(s - 0.01) < 0.01 * 0.02, String(s));
      const late = f.adam_flip.slice(-10);
      assert.ok(Math.max(...late) < 0.01 * 0.2, late.join(' '));
      const c = concept('adam');
      assert.doesNotMatch(c.explanation.en, /large where gradients are small/);
      assert.doesNotMatch(c.explanation['zh-cn'], /梯度小而稳定处步子大/);
      assert.match(c.explanation.en, /1000 or 0\.001/);
    });

    withTorch('RMSprop: ≈ η once warmed up whatever the gradient’s size, up to η/√(1−α) at first', (f) => {
      for (const s of [f.rms_big, f.rms_small]) {
        assert.ok(Math.abs((s[0] ?? 0) - 0.01 / Math.sqrt(1 - 0.99)) < 1e-3, String(s[0]));
        assert.ok(Math.abs((s[s.length - 1] ?? 0) - 0.01) < 0.01 * 0.01, String(s[s.length - 1]));
      }
      assert.doesNotMatch(concept('rmsprop').explanation.en, /large, noisy gradients take smaller steps/);
    });

    withTorch('softmax of close scores does not give the largest most of the mass', (f) => {
      assert.ok(Math.max(...f.softmax) < 0.5);
      assert.deepEqual(f.softmax.map((p) => p.toFixed(2)), ['0.34', '0.34', '0.31']);
      const c = concept('softmax');
      assert.doesNotMatch(c.explanation.en, /the largest score takes most of the mass/);
      assert.match(c.explanation.en, /0\.34, 0\.34, 0\.31/);
      assert.match(c.explanation['zh-cn'], /0\.34、0\.34、0\.31/);
    });

    it('universal approximation: a step or a ramp per unit, on a compact set', () => {
      const c = concept('universal-approximation');
      assert.doesNotMatch(c.explanation.en, /bump|bounded region/);
      assert.doesNotMatch(c.explanation['zh-cn'], /鼓包|有界区域/);
      assert.match(c.explanation.en, /compact set/);
      assert.match(c.explanation['zh-cn'], /紧集/);
    });

    it('embedding: the √d scaling’s reason is given as an interpretation, not as fact', () => {
      const c = concept('embedding');
      assert.doesNotMatch(c.explanation.en, /so that their scale is comparable/);
      assert.match(c.explanation.en, /gives no reason/);
      assert.match(c.explanation['zh-cn'], /没有说明原因/);
    });

    it('sigmoid: the English says what the Chinese says (binary classifiers)', () => {
      const c = concept('sigmoid');
      assert.match(c.explanation['zh-cn'], /二分类/);
      assert.match(c.explanation.en, /binary classifier/);
    });

    it('every concept says as many sentences in English as in Chinese', () => {
      for (const c of allConcepts()) {
        const en = c.explanation.en.split(/(?<=[.!?])\s+(?=[A-Z0-9±"‘“(])/).length;
        const zh = (c.explanation['zh-cn'].match(/[。！？]/g) ?? []).length;
        assert.equal(en, zh, `${c.id}: ${en} English sentences, ${zh} Chinese`);
      }
    });

    it('dilation is 膨胀率（空洞率）, never 膨胀系数', () => {
      for (const c of allConcepts()) assert.doesNotMatch(texts(c, 'zh-cn'), /膨胀系数/, c.id);
      assert.match(texts(concept('conv2d-layer'), 'zh-cn'), /膨胀率（空洞率）/);
    });
  });
});
