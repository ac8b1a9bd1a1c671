// Sample: a multi-layer perceptron solves XOR (document section 「多层感知机」).
//
// One hidden layer bends the input space so that a straight line in the hidden layer's space
// separates what no straight line in the input square can. Data: the four XOR rows plus a cloud
// of noisy points around each corner, labelled like their corner. The decision-boundary grid
// shows the two bands the hidden units carve out.
'use strict';

const CORNERS = [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]]; // x1, x2, x1 XOR x2

/** @type {import('../src/backend/sampleApi').SampleDescription} */
const description = {
  id: 'mlp-xor',
  title: { en: 'MLP solves XOR', 'zh-cn': '多层感知机解决异或' },
  sections: [{ en: 'Multi-layer perceptron', 'zh-cn': '多层感知机' }],
  dataset: { en: 'XOR truth table + 400 noisy points around its corners (σ = 0.15)', 'zh-cn': '异或真值表 + 四角附近 400 个带噪声的点（σ = 0.15）' },
  goal: { en: '100 % on the XOR truth table', 'zh-cn': '异或真值表 100% 正确' },
  task: 'classification',
  defaults: { learningRate: 0.03, batchSize: 32, epochs: 40, optimizer: 'adam', activation: 'tanh', initializer: 'xavier', seed: 1 },
};

/** Noisy copies of the corners, labelled one-hot (class 0 / class 1). */
function noisyXor(ctx, count, sigma) {
  const x = new Float32Array(count * 2);
  const y = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const [a, b, label] = CORNERS[i % 4];
    x[i * 2] = a + sigma * ctx.data.gaussian();
    x[i * 2 + 1] = b + sigma * ctx.data.gaussian();
    y[i * 2 + label] = 1;
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
  const train = noisyXor(ctx, 400, 0.15);
  // The exact truth table is part of the training set too.
  CORNERS.forEach(([a, b, label], i) => {
    train.x[i * 2] = a; train.x[i * 2 + 1] = b;
    train.y[i * 2] = 1 - label; train.y[i * 2 + 1] = label;
  });
  const test = noisyXor(ctx, 200, 0.15);
  const data = {
    train: ctx.data.split(train.x, [400, 2], train.y, [400, 2]),
    test: ctx.data.split(test.x, [200, 2], test.y, [200, 2]),
  };

  const model = tf.sequential({
    layers: [
      tf.layers.dense({ name: 'hidden', inputShape: [2], units: 8, activation: ctx.hp.activation, kernelInitializer: ctx.kernelInitializer() }),
      tf.layers.dense({ name: 'output', units: 2, kernelInitializer: ctx.kernelInitializer() }),
    ],
  });

  const table = tf.tensor2d(CORNERS.map(([a, b]) => [a, b]));
  const tableLabels = CORNERS.map(([, , label]) => label);
  const xorTable = () => tf.tidy(() => {
    const predicted = model.predict(table).argMax(-1).dataSync();
    return tableLabels.filter((label, i) => predicted[i] === label).length / 4;
  });

  const trainable = ctx.fromLayers(model, {
    data,
    loss: 'softmaxCrossEntropy',
    visuals(emit) {
      const resolution = 41;
      const range = [-0.5, 1.5];
      const cells = [];
      for (let r = 0; r < resolution; r++) {
        for (let c = 0; c < resolution; c++) cells.push(range[0] + (c / (resolution - 1)) * 2, range[0] + (r / (resolution - 1)) * 2);
      }
      const probs = tf.softmax(model.predict(tf.tensor2d(cells, [resolution * resolution, 2]))).dataSync();
      const grid = new Float32Array(resolution * resolution);
      for (let i = 0; i < grid.length; i++) grid[i] = probs[i * 2 + 1];
      const labels = new Float32Array(400);
      for (let i = 0; i < 400; i++) labels[i] = train.y[i * 2 + 1];
      emit.boundary({ task: 'XOR', xRange: range, yRange: range, resolution, grid, points: train.x, labels, accuracy: xorTable() });
    },
  });
  const evaluateSplit = trainable.evaluate;
  trainable.evaluate = (split) => ({ ...evaluateSplit(split), xorTable: xorTable() });
  const disposeModel = trainable.dispose;
  trainable.dispose = () => { disposeModel(); table.dispose(); };
  return trainable;
}

module.exports = { description, create };
