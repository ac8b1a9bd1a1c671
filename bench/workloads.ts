// The networks the bench times, built in tfjs the way the document writes them in PyTorch.
// bench/pytorch/workloads.py builds the same networks, on the same shapes, for the comparison.
import * as tf from '@tensorflow/tfjs';

export type WorkloadId = 'cnn' | 'rnn' | 'lstm' | 'gru' | 'transformer';
export const workloadIds: readonly WorkloadId[] = ['cnn', 'rnn', 'lstm', 'gru', 'transformer'];

export interface BenchBatch { x: tf.Tensor; y: tf.Tensor; extra?: tf.Tensor }

export interface Workload {
  id: WorkloadId;
  title: string;
  batchSize: number;
  variables: tf.Variable[];
  /** Scalar loss of one batch, in training mode (dropout on). */
  loss(batch: BenchBatch): tf.Scalar;
  /** A batch of real data (MNIST rows/images, or generated digit sequences). */
  batch(step: number): BenchBatch;
  dispose(): void;
}

export interface MnistBytes { images: Uint8Array; labels: Uint8Array; count: number }

function mnistBatch(data: MnistBytes, step: number, batchSize: number, shape: number[]): BenchBatch {
  return tf.tidy(() => {
    const img = new Float32Array(batchSize * 784);
    const lab = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) {
      // A fixed stride through the digits so batches mix classes like a shuffled loader does.
      const k = ((step * batchSize + i) * 7919) % data.count;
      for (let p = 0; p < 784; p++) img[i * 784 + p] = (data.images[k * 784 + p] as number) / 255;
      lab[i] = data.labels[k] as number;
    }
    return { x: tf.tensor(img, [batchSize, ...shape]), y: tf.oneHot(tf.tensor1d(lab, 'int32'), 10) };
  });
}

function layersWorkload(id: WorkloadId, title: string, model: tf.LayersModel, data: MnistBytes, inputShape: number[]): Workload {
  const batchSize = 64;
  return {
    id, title, batchSize,
    variables: model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val),
    loss: (b) => tf.losses.softmaxCrossEntropy(b.y, model.apply(b.x, { training: true }) as tf.Tensor) as tf.Scalar,
    batch: (step) => mnistBatch(data, step, batchSize, inputShape),
    dispose: () => model.dispose(),
  };
}

/** The document's SimpleCNN: conv16 → pool → conv32 → pool → fc120 → fc84 → fc10, ReLU, dropout 0.25. */
export function buildCnn(data: MnistBytes): Workload {
  const m = tf.sequential({ name: 'SimpleCNN' });
  m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv1' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: 'pool1' }));
  m.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv2' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: 'pool2' }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 120, activation: 'relu', name: 'fc1' }));
  m.add(tf.layers.dropout({ rate: 0.25 }));
  m.add(tf.layers.dense({ units: 84, activation: 'relu', name: 'fc2' }));
  m.add(tf.layers.dropout({ rate: 0.25 }));
  m.add(tf.layers.dense({ units: 10, name: 'fc3' }));
  return layersWorkload('cnn', 'SimpleCNN (MNIST 28×28)', m, data, [28, 28, 1]);
}

/** The document's SimpleRNN (2 layers, hidden 128, 28 rows as steps) and its LSTM / GRU twins. */
export function buildRecurrent(kind: 'rnn' | 'lstm' | 'gru', data: MnistBytes): Workload {
  const make = (cfg: { units: number; returnSequences: boolean; inputShape?: number[]; name: string }) =>
    kind === 'rnn' ? tf.layers.simpleRNN({ ...cfg, activation: 'tanh' }) : kind === 'lstm' ? tf.layers.lstm(cfg) : tf.layers.gru(cfg);
  const m = tf.sequential({ name: `Simple${kind.toUpperCase()}` });
  m.add(make({ units: 128, returnSequences: true, inputShape: [28, 28], name: `${kind}1` }));
  m.add(make({ units: 128, returnSequences: false, name: `${kind}2` }));
  m.add(tf.layers.dense({ units: 10, name: 'fc' }));
  const title = { rnn: 'SimpleRNN 2×128, 28 steps', lstm: 'LSTM 2×128, 28 steps', gru: 'GRU 2×128, 28 steps' }[kind];
  return layersWorkload(kind, title, m, data, [28, 28]);
}

// ---- Transformer (encoder-decoder, pre-LN, as the document builds it), written with tfjs ops ----

export const transformerShape = { d: 64, heads: 4, ffn: 128, layers: 2, seq: 10, vocab: 14 } as const;

function positional(seq: number, d: number): tf.Tensor2D {
  const pe = new Float32Array(seq * d);
  for (let p = 0; p < seq; p++) {
    for (let i = 0; i < d; i += 2) {
      const angle = p * Math.exp((-i * Math.log(10000)) / d);
      pe[p * d + i] = Math.sin(angle);
      if (i + 1 < d) pe[p * d + i + 1] = Math.cos(angle);
    }
  }
  return tf.tensor2d(pe, [seq, d]);
}

export function buildTransformer(): Workload {
  const { d, heads, ffn, layers, seq, vocab } = transformerShape;
  const batchSize = 64;
  const vars: tf.Variable[] = [];
  const glorot = (shape: number[], name: string) => {
    const v = tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / ((shape[0] ?? 1) + (shape[shape.length - 1] ?? 1)))), true, name);
    vars.push(v);
    return v;
  };
  const zeros = (shape: number[], name: string) => { const v = tf.variable(tf.zeros(shape), true, name); vars.push(v); return v; };
  const ones = (shape: number[], name: string) => { const v = tf.variable(tf.ones(shape), true, name); vars.push(v); return v; };
  const norm = (name: string) => ({ g: ones([d], `${name}.gamma`), b: zeros([d], `${name}.beta`) });
  const attn = (name: string) => ({ q: glorot([d, d], `${name}.wq`), k: glorot([d, d], `${name}.wk`), v: glorot([d, d], `${name}.wv`), o: glorot([d, d], `${name}.wo`) });
  const ff = (name: string) => ({ w1: glorot([d, ffn], `${name}.w1`), b1: zeros([ffn], `${name}.b1`), w2: glorot([ffn, d], `${name}.w2`), b2: zeros([d], `${name}.b2`) });
  const srcEmb = glorot([vocab, d], 'src_embed');
  const tgtEmb = glorot([vocab, d], 'tgt_embed');
  const enc = Array.from({ length: layers }, (_, i) => ({ n1: norm(`enc${i}.norm1`), a: attn(`enc${i}.self`), n2: norm(`enc${i}.norm2`), f: ff(`enc${i}.ffn`) }));
  const dec = Array.from({ length: layers }, (_, i) => ({ n1: norm(`dec${i}.norm1`), a: attn(`dec${i}.self`), n2: norm(`dec${i}.norm2`), c: attn(`dec${i}.cross`), n3: norm(`dec${i}.norm3`), f: ff(`dec${i}.ffn`) }));
  const encNorm = norm('enc.norm');
  const decNorm = norm('dec.norm');
  const proj = { w: glorot([d, vocab], 'proj.w'), b: zeros([vocab], 'proj.b') };
  const pe = positional(seq, d);
  // Causal mask as an additive bias: 0 where allowed, -1e9 above the diagonal.
  const causal = tf.tidy(() => tf.linalg.bandPart(tf.ones([seq, seq]), -1, 0).sub(1).mul(1e9).reshape([1, 1, seq, seq]));

  const layerNorm = (x: tf.Tensor, n: { g: tf.Variable; b: tf.Variable }) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return x.sub(mean).div(variance.add(1e-6).sqrt()).mul(n.g).add(n.b);
  };
  const dense = (x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor) => {
    const [B, T] = x.shape as [number, number, number];
    const y = tf.matMul(x.reshape([B * T, -1]), w as tf.Tensor2D);
    return (b ? y.add(b) : y).reshape([B, T, -1]);
  };
  const split = (x: tf.Tensor) => { const [B, T] = x.shape as [number, number, number]; return x.reshape([B, T, heads, d / heads]).transpose([0, 2, 1, 3]); };
  const mha = (q: tf.Tensor, kv: tf.Tensor, a: ReturnType<typeof attn>, bias: tf.Tensor | null) => {
    const Q = split(dense(q, a.q));
    const K = split(dense(kv, a.k));
    const V = split(dense(kv, a.v));
    let scores = tf.matMul(Q, K, false, true).div(Math.sqrt(d / heads));
    if (bias) scores = scores.add(bias);
    const ctx = tf.matMul(tf.softmax(scores), V);
    const [B, , T] = ctx.shape as [number, number, number, number];
    return dense(ctx.transpose([0, 2, 1, 3]).reshape([B, T, d]), a.o);
  };
  const feed = (x: tf.Tensor, f: ReturnType<typeof ff>) => dense(dense(x, f.w1, f.b1).relu(), f.w2, f.b2);
  const embed = (tokens: tf.Tensor, table: tf.Tensor) => tf.gather(table, tokens.toInt()).mul(Math.sqrt(d)).add(pe);

  return {
    id: 'transformer', title: `Transformer d=${d}, ${layers}+${layers} layers, ${heads} heads (reverse ${seq} digits)`, batchSize,
    variables: vars,
    loss: (b) => {
      let x = embed(b.x, srcEmb);
      for (const l of enc) {
        x = x.add(mha(layerNorm(x, l.n1), layerNorm(x, l.n1), l.a, null));
        x = x.add(feed(layerNorm(x, l.n2), l.f));
      }
      const memory = layerNorm(x, encNorm);
      let y = embed(b.extra as tf.Tensor, tgtEmb);
      for (const l of dec) {
        y = y.add(mha(layerNorm(y, l.n1), layerNorm(y, l.n1), l.a, causal));
        y = y.add(mha(layerNorm(y, l.n2), memory, l.c, null));
        y = y.add(feed(layerNorm(y, l.n3), l.f));
      }
      const logits = dense(layerNorm(y, decNorm), proj.w, proj.b);
      return tf.losses.softmaxCrossEntropy(tf.oneHot(b.y.toInt().reshape([-1]), vocab), logits.reshape([-1, vocab])) as tf.Scalar;
    },
    batch: (step) => tf.tidy(() => {
      // Tokens: 0 pad, 1 BOS, 2..11 digits. Task: output the input digits reversed.
      const src = new Int32Array(batchSize * seq);
      const tgtIn = new Int32Array(batchSize * seq);
      const tgtOut = new Int32Array(batchSize * seq);
      let s = (step + 1) * 2654435761;
      for (let i = 0; i < batchSize; i++) {
        for (let t = 0; t < seq; t++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; src[i * seq + t] = 2 + (s % 10); }
        for (let t = 0; t < seq; t++) tgtOut[i * seq + t] = src[i * seq + (seq - 1 - t)] as number;
        tgtIn[i * seq] = 1;
        for (let t = 1; t < seq; t++) tgtIn[i * seq + t] = tgtOut[i * seq + t - 1] as number;
      }
      return { x: tf.tensor2d(src, [batchSize, seq], 'int32'), y: tf.tensor2d(tgtOut, [batchSize, seq], 'int32'), extra: tf.tensor2d(tgtIn, [batchSize, seq], 'int32') };
    }),
    dispose: () => { for (const v of vars) v.dispose(); pe.dispose(); causal.dispose(); },
  };
}
