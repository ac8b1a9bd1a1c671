// Sample: the document's encoder–decoder Transformer, small, learning to reverse digit
// sequences (section 「Transformer」 and its sub-sections on embeddings, positional encoding,
// Q/K/V self-attention, multi-head attention, residual + LayerNorm, FFN, masked attention,
// cross attention and the final linear + softmax).
//
// Task: the source is 4–8 random digits (padded to 8), the target is the same digits reversed,
// then an end token. Reversal makes attention easy to read: to write output position t the
// decoder must look at source position (L − 1 − t), so the cross-attention maps grow an
// anti-diagonal as training goes, and the decoder's self-attention shows the empty upper
// triangle of the causal mask.
//
// Shapes: d_model = 64, 4 heads of 16, FFN 128, 2 encoder + 2 decoder layers, pre-LayerNorm
// residual blocks (x + Sublayer(LN(x))), final LayerNorm on each stack. Written with tf.variable
// and plain ops so every matrix of the document's formulas is a named variable here:
//   Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k + mask) · V
'use strict';

const PAD = 0, BOS = 1, EOS = 2, DIGIT0 = 3;
const VOCAB = 13;
const SRC_LEN = 8;          // longest source
const TGT_LEN = SRC_LEN + 1; // reversed digits + end token
const D_MODEL = 64, HEADS = 4, D_FF = 128, LAYERS = 2;
const D_K = D_MODEL / HEADS;
const TOKEN_TEXT = ['·', '<s>', '</s>', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** @type {import('../src/backend/sampleApi').SampleDescription} */
const description = {
  id: 'transformer',
  title: { en: 'Transformer learns to reverse digit sequences', 'zh-cn': 'Transformer 学习反转数字序列' },
  sections: [
    { en: 'Transformer', 'zh-cn': 'Transformer' },
    { en: 'Multi-head attention', 'zh-cn': '多头注意力' },
    { en: 'Decoder masked attention', 'zh-cn': 'Decoder掩码注意力' },
    { en: 'Decoder cross attention', 'zh-cn': 'Decoder的交叉注意力' },
  ],
  dataset: { en: 'Generated: 4–8 random digits → the same digits reversed; 8,000 training and 1,000 held-out pairs', 'zh-cn': '自动生成：4–8 个随机数字 → 反转后的序列；8,000 对训练、1,000 对留出' },
  goal: { en: '≥ 99 % token accuracy on held-out sequences; greedy decodings shown', 'zh-cn': '留出序列的逐词准确率 ≥ 99%；展示贪心解码结果' },
  task: 'seq2seq',
  // 3 epochs: held-out token accuracy 99.96 % (95.3 / 99.6 / 99.96 % after epochs 1–3; a 4th and
  // 5th add 0.03 %), and the run stays within the 90 s a person waits on a busy 2-core machine.
  defaults: { learningRate: 0.001, batchSize: 64, epochs: 3, optimizer: 'adam', activation: 'relu', initializer: 'xavier', seed: 1 },
};

/** Source ids (padded), decoder input (<s> + reversed) and target (reversed + </s>), padded. */
function makePairs(ctx, count) {
  const x = new Float32Array(count * (SRC_LEN + TGT_LEN));
  const y = new Float32Array(count * TGT_LEN);
  for (let i = 0; i < count; i++) {
    const length = 4 + Math.floor(ctx.random() * (SRC_LEN - 3));
    const digits = Array.from({ length }, () => DIGIT0 + Math.floor(ctx.random() * 10));
    const reversed = [...digits].reverse();
    const row = x.subarray(i * (SRC_LEN + TGT_LEN));
    digits.forEach((d, t) => { row[t] = d; });
    [BOS, ...reversed].forEach((d, t) => { row[SRC_LEN + t] = d; });
    [...reversed, EOS].forEach((d, t) => { y[i * TGT_LEN + t] = d; });
  }
  return { x, y };
}

/**
 * @param {import('../src/backend/sampleApi').SampleContext} ctx
 * @returns {import('../src/backend/sampleApi').TrainableModel}
 */
function create(ctx) {
  /** @type {typeof import('@tensorflow/tfjs')} */
  const tf = ctx.tf;
  const train = makePairs(ctx, 8000);
  const test = makePairs(ctx, 1000);
  const width = SRC_LEN + TGT_LEN;
  const data = {
    train: ctx.data.split(train.x, [8000, width], train.y, [8000, TGT_LEN]),
    test: ctx.data.split(test.x, [1000, width], test.y, [1000, TGT_LEN]),
  };

  const variables = [];
  const layers = [];
  const param = (layer, name, init) => {
    const v = ctx.variable(`${layer}/${name}`, init);
    variables.push({ name: v.name, layer, variable: v });
    return v;
  };
  const addLayer = (name, kind, outputShape, sourceHint) => layers.push({ name, kind, outputShape, params: 0, sourceHint });
  /** Names built at run time ('enc1.ffn') are found by the template that builds them. */
  const hintFor = (name) => {
    const [stack, part] = name.split('.');
    if (part && /^enc\d+$/.test(stack)) return `\${enc}.${part}\``;
    if (part && /^dec\d+$/.test(stack)) return `\${dec}.${part}\``;
    return `'${name}'`;
  };
  const linear = (layer, name, inputs, outputs) => {
    const w = param(layer, `${name}_kernel`, ctx.initTensor([inputs, outputs], inputs, outputs));
    const b = param(layer, `${name}_bias`, tf.zeros([outputs]));
    // x: [..., inputs] → [..., outputs]
    return (x) => {
      const shape = x.shape;
      return tf.add(tf.matMul(x.reshape([-1, inputs]), w), b).reshape([...shape.slice(0, -1), outputs]);
    };
  };

  // Token embedding shared by source and target, scaled by √d_model; fixed sinusoidal positions.
  const embedding = param('embedding', 'table', tf.randomNormal([VOCAB, D_MODEL], 0, 1 / Math.sqrt(D_MODEL), 'float32', ctx.hp.seed));
  addLayer('embedding', 'Embedding ×√d + positions', [null, null, D_MODEL], "'embedding'");
  const positions = tf.keep(tf.tidy(() => {
    const pe = new Float32Array(TGT_LEN * D_MODEL);
    for (let pos = 0; pos < TGT_LEN; pos++) {
      for (let i = 0; i < D_MODEL; i += 2) {
        const angle = pos / Math.pow(10000, i / D_MODEL);
        pe[pos * D_MODEL + i] = Math.sin(angle);
        pe[pos * D_MODEL + i + 1] = Math.cos(angle);
      }
    }
    return tf.tensor2d(pe, [TGT_LEN, D_MODEL]);
  }));
  const embed = (ids) => tf.add(tf.gather(embedding, ids).mul(Math.sqrt(D_MODEL)), positions.slice([0, 0], [ids.shape[1], D_MODEL]));

  function layerNorm(name) {
    const gamma = param(name, 'gamma', tf.ones([D_MODEL]));
    const beta = param(name, 'beta', tf.zeros([D_MODEL]));
    addLayer(name, 'LayerNorm', [null, null, D_MODEL], hintFor(name));
    return (x) => {
      const { mean, variance } = tf.moments(x, -1, true);
      return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
    };
  }

  /** Multi-head attention: returns (queries, keysValues, additiveMask) → { out, weights }. */
  function attention(name, kind) {
    const wq = linear(name, 'q', D_MODEL, D_MODEL);
    const wk = linear(name, 'k', D_MODEL, D_MODEL);
    const wv = linear(name, 'v', D_MODEL, D_MODEL);
    const wo = linear(name, 'o', D_MODEL, D_MODEL);
    addLayer(name, `MultiHeadAttention (${kind}, ${HEADS} heads)`, [null, null, D_MODEL], hintFor(name));
    const split = (x) => x.reshape([x.shape[0], x.shape[1], HEADS, D_K]).transpose([0, 2, 1, 3]); // [B, h, T, d_k]
    return (queries, keysValues, mask) => {
      const q = split(wq(queries));
      const k = split(wk(keysValues));
      const v = split(wv(keysValues));
      const scores = tf.add(tf.matMul(q, k, false, true).div(Math.sqrt(D_K)), mask); // [B, h, Tq, Tk]
      const weights = tf.softmax(scores, -1);
      const mixed = tf.matMul(weights, v).transpose([0, 2, 1, 3]).reshape([queries.shape[0], queries.shape[1], D_MODEL]);
      return { out: wo(mixed), weights };
    };
  }

  function feedForward(name) {
    const inner = linear(name, 'inner', D_MODEL, D_FF);
    const outer = linear(name, 'outer', D_FF, D_MODEL);
    addLayer(name, `FFN (${D_MODEL}→${D_FF}→${D_MODEL})`, [null, null, D_MODEL], hintFor(name));
    return (x, tap) => {
      const hidden = ctx.activate(inner(x));
      if (tap && tap.activationsWanted) tap.activation(name, hidden, ctx.hp.activation === 'relu');
      return outer(hidden);
    };
  }

  // One sublayer per line, so each layer name maps to its own line of code.
  const encoderLayers = Array.from({ length: LAYERS }, (_, i) => {
    const enc = `enc${i}`;
    return {
      ln1: layerNorm(`${enc}.ln1`),
      selfAttn: attention(`${enc}.selfAttn`, 'encoder self'),
      ln2: layerNorm(`${enc}.ln2`),
      ffn: feedForward(`${enc}.ffn`),
    };
  });
  const encoderNorm = layerNorm('encoder.norm');
  const decoderLayers = Array.from({ length: LAYERS }, (_, i) => {
    const dec = `dec${i}`;
    return {
      ln1: layerNorm(`${dec}.ln1`),
      selfAttn: attention(`${dec}.maskedSelfAttn`, 'decoder masked self'),
      ln2: layerNorm(`${dec}.ln2`),
      crossAttn: attention(`${dec}.crossAttn`, 'decoder cross'),
      ln3: layerNorm(`${dec}.ln3`),
      ffn: feedForward(`${dec}.ffn`),
    };
  });
  const decoderNorm = layerNorm('decoder.norm');
  const project = linear('outProj', 'logits', D_MODEL, VOCAB);
  addLayer('outProj', 'Linear → vocabulary logits', [null, null, VOCAB], "'outProj'");
  for (const l of layers) l.params = variables.filter((v) => v.layer === l.name).reduce((n, v) => n + v.variable.size, 0);

  // Masks are added to the scores: 0 where attention is allowed, −1e9 where it is not.
  const paddingMask = (ids) => tf.equal(ids, PAD).toFloat().mul(-1e9).reshape([ids.shape[0], 1, 1, ids.shape[1]]);
  const causalMask = (t) => tf.sub(1, tf.linalg.bandPart(tf.ones([t, t]), -1, 0)).mul(-1e9).reshape([1, 1, t, t]);

  function encode(src, tap, attn) {
    const mask = paddingMask(src);
    let x = embed(src);
    encoderLayers.forEach((layer, i) => {
      const a = layer.selfAttn(layer.ln1(x), layer.ln1(x), mask);
      if (attn) attn.push({ attention: 'encoderSelf', layer: i, w: a.weights });
      x = tf.add(x, a.out);
      x = tf.add(x, layer.ffn(layer.ln2(x), tap));
    });
    return { memory: encoderNorm(x), mask };
  }
  function decode(decIn, memory, srcMask, tap, attn) {
    const selfMask = tf.minimum(causalMask(decIn.shape[1]), paddingMask(decIn));
    let y = embed(decIn);
    decoderLayers.forEach((layer, i) => {
      const s = layer.selfAttn(layer.ln1(y), layer.ln1(y), selfMask);
      y = tf.add(y, s.out);
      const c = layer.crossAttn(layer.ln2(y), memory, srcMask);
      y = tf.add(y, c.out);
      y = tf.add(y, layer.ffn(layer.ln3(y), tap));
      if (attn) attn.push({ attention: 'decoderSelf', layer: i, w: s.weights }, { attention: 'cross', layer: i, w: c.weights });
    });
    return project(decoderNorm(y)); // [B, T, VOCAB]
  }
  const splitBatch = (x) => ({
    src: x.slice([0, 0], [-1, SRC_LEN]).toInt(),
    decIn: x.slice([0, SRC_LEN], [-1, TGT_LEN]).toInt(),
  });
  function forward(x, tap, attn) {
    const { src, decIn } = splitBatch(x);
    const { memory, mask } = encode(src, tap, attn);
    return decode(decIn, memory, mask, tap, attn);
  }
  /** Cross-entropy and accuracy over real (non-padding) target tokens only. */
  function lossAndAccuracy(logits, target) {
    const ids = target.toInt();
    const real = tf.notEqual(ids, PAD).toFloat();
    const perToken = tf.losses.softmaxCrossEntropy(tf.oneHot(ids, VOCAB), logits, undefined, 0, tf.Reduction.NONE);
    const count = real.sum();
    const loss = tf.mul(perToken, real).sum().div(count);
    const correct = tf.equal(logits.argMax(-1), ids).toFloat().mul(real).sum();
    return { loss, correct, count };
  }

  /** Greedy decoding: feed back the most likely token one position at a time. */
  function greedy(src) {
    const { memory, mask } = encode(src);
    const n = src.shape[0];
    const out = new Int32Array(n * TGT_LEN).fill(PAD);
    for (let i = 0; i < n; i++) out[i * TGT_LEN] = BOS;
    const produced = new Int32Array(n * TGT_LEN);
    for (let t = 0; t < TGT_LEN; t++) {
      const next = tf.tidy(() => decode(tf.tensor2d(out, [n, TGT_LEN], 'int32'), memory, mask).slice([0, t, 0], [n, 1, VOCAB]).argMax(-1).dataSync());
      for (let i = 0; i < n; i++) {
        produced[i * TGT_LEN + t] = next[i];
        if (t + 1 < TGT_LEN) out[i * TGT_LEN + t + 1] = next[i];
      }
    }
    return produced;
  }
  const text = (ids) => {
    const words = [];
    for (const id of ids) { if (id === EOS || id === PAD) break; words.push(TOKEN_TEXT[id]); }
    return words.join(' ');
  };

  const probe = test.x.subarray(0, width); // a fixed held-out input for the attention maps
  const srcTokens = Array.from(probe.subarray(0, SRC_LEN), (id) => TOKEN_TEXT[id]);
  const tgtTokens = Array.from(probe.subarray(SRC_LEN, width), (id) => TOKEN_TEXT[id]);

  return {
    data, layers, variables,
    phases: [{
      name: 'loss',
      variables: variables.map((v) => v.name),
      loss(batch, tap) {
        const { loss, correct, count } = lossAndAccuracy(forward(batch.x, tap), batch.y);
        tap.metric('tokenAcc', correct.div(count));
        return loss;
      },
    }],
    evaluate(split) {
      let lossSum = 0, correct = 0, tokens = 0;
      for (let from = 0; from < split.count; from += 250) {
        const n = Math.min(250, split.count - from);
        const v = tf.tidy(() => {
          const r = lossAndAccuracy(forward(split.x.slice(from, n)), split.y.slice(from, n));
          return tf.stack([r.loss.mul(r.count), r.correct, r.count]).dataSync();
        });
        lossSum += v[0]; correct += v[1]; tokens += v[2];
      }
      // Exact-match rate of free-running (greedy) decoding on the first 200 held-out inputs.
      const n = Math.min(200, split.count);
      const expected = tf.tidy(() => split.y.slice(0, n).dataSync());
      const produced = tf.tidy(() => greedy(split.x.slice([0, 0], [n, SRC_LEN]).toInt()));
      let exact = 0;
      for (let i = 0; i < n; i++) {
        if (text(produced.subarray(i * TGT_LEN, (i + 1) * TGT_LEN)) === text(expected.subarray(i * TGT_LEN, (i + 1) * TGT_LEN))) exact++;
      }
      return { loss: lossSum / tokens, tokenAcc: correct / tokens, greedySequenceAcc: exact / n };
    },
    visuals(emit) {
      const attn = [];
      forward(tf.tensor2d(probe, [1, width]), undefined, attn);
      emit.attention({
        sourceTokens: srcTokens, targetTokens: tgtTokens,
        maps: attn.map(({ attention, layer, w }) => {
          const rows = w.shape[2];
          return { attention, layer, heads: HEADS, rows, cols: w.shape[3], weights: new Float32Array(w.dataSync()) };
        }),
      });
      const shown = 6;
      const inputs = data.test.x.slice([0, 0], [shown, SRC_LEN]).toInt();
      const produced = greedy(inputs);
      const src = inputs.dataSync();
      const expected = data.test.y.slice(0, shown).dataSync();
      emit.decoding({
        items: Array.from({ length: shown }, (_, i) => {
          const input = text(src.subarray(i * SRC_LEN, (i + 1) * SRC_LEN));
          const want = text(expected.subarray(i * TGT_LEN, (i + 1) * TGT_LEN));
          const got = text(produced.subarray(i * TGT_LEN, (i + 1) * TGT_LEN));
          return { input, expected: want, output: got, correct: want === got };
        }),
      });
    },
    dispose() {
      for (const v of variables) v.variable.dispose();
      positions.dispose();
      for (const s of [data.train, data.test]) { s.x.dispose(); s.y.dispose(); }
    },
  };
}

module.exports = { description, create };
