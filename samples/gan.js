// Sample: a generative adversarial network on a ring of 8 Gaussians (document section
// 「神经网络组成」: two MLPs built from the same parts, trained against each other).
//
// The generator turns random noise into 2-D points; the discriminator scores points as real
// (from the ring) or generated. Each training step has two phases with their own optimizer:
//   discriminator: minimise  BCE(D(real), 1) + BCE(D(G(z)), 0)   — only D's weights move
//   generator:     minimise  BCE(D(G(z)), 1)                     — only G's weights move
// Written with tf.variable and plain ops rather than tf.layers, to show a custom training step.
// The points view overlays generated points on the real ring; "modes covered" counts how many
// of the 8 clusters receive a fair share of generated points.
'use strict';

const MODES = 8;
const RADIUS = 2;
const SPREAD = 0.05;
const NOISE = 8;
const HIDDEN = 128;

/** @type {import('../src/backend/sampleApi').SampleDescription} */
const description = {
  id: 'gan',
  title: { en: 'GAN learns a ring of 8 Gaussians', 'zh-cn': '生成对抗网络学习 8 个高斯分布组成的圆环' },
  sections: [{ en: 'Components of a neural network', 'zh-cn': '神经网络组成' }],
  dataset: { en: '8 Gaussians (σ = 0.05) evenly spaced on a circle of radius 2; 4,096 points', 'zh-cn': '半径为 2 的圆上均匀分布 8 个高斯分布（σ = 0.05），共 4,096 个点' },
  goal: { en: 'generated points cover ≥ 6 of the 8 modes; both losses streamed', 'zh-cn': '生成的点覆盖 8 个模式中的至少 6 个；两个损失都实时显示' },
  task: 'generative',
  defaults: { learningRate: 0.002, batchSize: 256, epochs: 100, optimizer: 'adam', activation: 'relu', initializer: 'he', seed: 1 },
};

const centres = Array.from({ length: MODES }, (_, k) => [RADIUS * Math.cos((2 * Math.PI * k) / MODES), RADIUS * Math.sin((2 * Math.PI * k) / MODES)]);

/** Counts clusters holding ≥ 1 % of the points within 4σ of their centre, and that fraction. */
function coverage(points) {
  const counts = new Array(MODES).fill(0);
  let close = 0;
  const n = points.length / 2;
  for (let i = 0; i < n; i++) {
    let best = Infinity, which = 0;
    centres.forEach(([cx, cy], k) => {
      const d = Math.hypot(points[i * 2] - cx, points[i * 2 + 1] - cy);
      if (d < best) { best = d; which = k; }
    });
    if (best < 4 * SPREAD) { counts[which]++; close++; }
  }
  return { modesCovered: counts.filter((c) => c >= 0.01 * n).length, highQuality: close / n };
}

/**
 * @param {import('../src/backend/sampleApi').SampleContext} ctx
 * @returns {import('../src/backend/sampleApi').TrainableModel}
 */
function create(ctx) {
  /** @type {typeof import('@tensorflow/tfjs')} */
  const tf = ctx.tf;
  const ring = (count) => {
    const xs = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) {
      const [cx, cy] = centres[Math.floor(ctx.random() * MODES)];
      xs[i * 2] = cx + SPREAD * ctx.data.gaussian();
      xs[i * 2 + 1] = cy + SPREAD * ctx.data.gaussian();
    }
    return xs;
  };
  const trainPoints = ring(4096);
  const testPoints = ring(1024);
  // Labels are unused (the phases make their own): a zero column keeps the batch shape uniform.
  const data = {
    train: ctx.data.split(trainPoints, [4096, 2], new Float32Array(4096), [4096, 1]),
    test: ctx.data.split(testPoints, [1024, 2], new Float32Array(1024), [1024, 1]),
  };

  const variables = [];
  const layers = [];
  /** A fully connected layer as two named variables; returns x ↦ x·W + b. */
  function dense(name, inputs, units) {
    const kernel = ctx.variable(`${name}/kernel`, ctx.initTensor([inputs, units], inputs, units));
    const bias = ctx.variable(`${name}/bias`, tf.zeros([units]));
    variables.push({ name: kernel.name, layer: name, variable: kernel }, { name: bias.name, layer: name, variable: bias });
    layers.push({ name, kind: 'Dense', outputShape: [null, units], params: inputs * units + units });
    return (x) => tf.add(tf.matMul(x, kernel), bias);
  }
  const g1 = dense('g1', NOISE, HIDDEN);
  const g2 = dense('g2', HIDDEN, HIDDEN);
  const gOut = dense('gOut', HIDDEN, 2);
  const d1 = dense('d1', 3, HIDDEN); // x, y and the batch's spread (see below)
  const d2 = dense('d2', HIDDEN, HIDDEN);
  const dOut = dense('dOut', HIDDEN, 1);
  const generatorVars = variables.filter((v) => v.layer.startsWith('g')).map((v) => v.name);
  const discriminatorVars = variables.filter((v) => v.layer.startsWith('d')).map((v) => v.name);

  let noiseSeed = ctx.hp.seed * 7919;
  const noise = (count) => tf.randomNormal([count, NOISE], 0, 1, 'float32', noiseSeed++);
  const record = (tap, name, x, relu) => { if (tap && tap.activationsWanted) tap.activation(name, x, relu); return x; };
  const generator = (z, tap) => {
    const h1 = record(tap, 'g1', ctx.activate(g1(z)), ctx.hp.activation === 'relu');
    const h2 = record(tap, 'g2', ctx.activate(g2(h1)), ctx.hp.activation === 'relu');
    return record(tap, 'gOut', gOut(h2), false);
  };
  // "Minibatch standard deviation": the discriminator also sees how spread out the whole batch
  // is, so a generator that collapses onto a few clusters is easy to catch. This is what keeps
  // all eight modes alive in a short run.
  const withBatchSpread = (x) => {
    const spread = tf.moments(x, 0).variance.add(1e-8).sqrt().mean();
    return tf.concat([x, tf.fill([x.shape[0], 1], 1).mul(spread)], 1);
  };
  const discriminator = (x, tap) => {
    const h1 = record(tap, 'd1', tf.leakyRelu(d1(withBatchSpread(x)), 0.2), false);
    const h2 = record(tap, 'd2', tf.leakyRelu(d2(h1), 0.2), false);
    return record(tap, 'dOut', dOut(h2), false);
  };
  const bce = (logits, target) => tf.losses.sigmoidCrossEntropy(tf.fill(logits.shape, target), logits);
  const adam = { kind: 'adam', beta1: 0.5 };

  return {
    data, layers, variables,
    phases: [
      {
        name: 'discriminator', variables: discriminatorVars, optimizer: adam,
        loss(batch, tap) {
          const fake = generator(noise(batch.size));
          return tf.add(bce(discriminator(batch.x, tap), 1), bce(discriminator(fake), 0));
        },
      },
      {
        name: 'generator', variables: generatorVars, optimizer: adam,
        loss(batch, tap) {
          return bce(discriminator(generator(noise(batch.size), tap)), 1);
        },
      },
    ],
    evaluate(split) {
      return tf.tidy(() => {
        const fake = generator(noise(2000));
        const dLoss = tf.add(bce(discriminator(split.x), 1), bce(discriminator(fake.slice(0, split.count)), 0)).dataSync()[0];
        const gLoss = bce(discriminator(fake), 1).dataSync()[0];
        const { modesCovered, highQuality } = coverage(fake.dataSync());
        return { loss: dLoss, discriminatorLoss: dLoss, generatorLoss: gLoss, modesCovered, highQuality };
      });
    },
    visuals(emit) {
      const generated = new Float32Array(generator(noise(1000)).dataSync());
      emit.points({ real: trainPoints.subarray(0, 2000), generated, modesCovered: coverage(generated).modesCovered, modes: MODES });
    },
    dispose() {
      for (const v of variables) v.variable.dispose();
      for (const s of [data.train, data.test]) { s.x.dispose(); s.y.dispose(); }
    },
  };
}

module.exports = { description, create };
