// Sample: the single-layer perceptron (document section 「单层感知机」).
//
// One perceptron per logic gate, all four trained side by side on their truth tables. Each
// computes a weighted sum of its two inputs plus a bias and fires (1) when the sum is positive:
// a straight line through the input square. The perceptron rule nudges the weights by
// lr · (target − output) · input whenever the output is wrong.
//
// AND, OR and NAND are separable by a line and reach 100 %. XOR is not: no single line puts
// (0,1) and (1,0) on one side and (0,0), (1,1) on the other, so at most 3 of 4 rows come out
// right. Watch its decision-boundary grid keep flipping while the other three settle.
//
// The perceptron rule is exactly gradient descent (plain SGD) on the "perceptron criterion"
//   L = −(target − step(z)) · z,   z = x·w + b,
// because step() passes no gradient, so dL/dw = −(target − output) · x. That lets the usual
// trainer (and its gradient instrumentation) run the classic rule unchanged.
'use strict';

const GATES = ['AND', 'OR', 'NAND', 'XOR'];
const INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
const TRUTH = {
  AND: [0, 0, 0, 1],
  OR: [0, 1, 1, 1],
  NAND: [1, 1, 1, 0],
  XOR: [0, 1, 1, 0],
};

/** @type {import('../src/backend/sampleApi').SampleDescription} */
const description = {
  id: 'perceptron',
  title: { en: 'Perceptron: AND, OR, NAND, XOR', 'zh-cn': '单层感知机：与、或、与非、异或' },
  sections: [{ en: 'Single-layer perceptron', 'zh-cn': '单层感知机' }],
  dataset: { en: 'Truth tables of AND, OR, NAND and XOR (4 rows each)', 'zh-cn': '与、或、与非、异或的真值表（各 4 行）' },
  goal: { en: 'AND, OR, NAND 100 %; XOR stays at or below 75 % (not linearly separable)', 'zh-cn': '与、或、与非达到 100%；异或不超过 75%（线性不可分）' },
  task: 'classification',
  // Batch 1 is the classic online rule: one row at a time.
  defaults: { learningRate: 0.1, batchSize: 1, epochs: 25, optimizer: 'sgd', activation: 'linear', initializer: 'zeros', seed: 1 },
};

/**
 * @param {import('../src/backend/sampleApi').SampleContext} ctx
 * @returns {import('../src/backend/sampleApi').TrainableModel}
 */
function create(ctx) {
  /** @type {typeof import('@tensorflow/tfjs')} */
  const tf = ctx.tf;
  const x = new Float32Array(INPUTS.flat());
  const y = new Float32Array(INPUTS.length * GATES.length);
  INPUTS.forEach((_, row) => GATES.forEach((g, col) => { y[row * GATES.length + col] = TRUTH[g][row]; }));
  // The table is all there is: the same four rows train and test.
  const data = { train: ctx.data.split(x, [4, 2], y, [4, 4]), test: ctx.data.split(x, [4, 2], y, [4, 4]) };

  // Layer 'perceptron': four units, one per gate, weights [2 inputs × 4 gates].
  const weights = ctx.variable('perceptron/weights', ctx.initTensor([2, 4], 2, 4));
  const bias = ctx.variable('perceptron/bias', tf.zeros([4]));

  const weightedSum = (inputs) => tf.add(tf.matMul(inputs, weights), bias);
  const fire = (z) => tf.step(z); // 1 when z > 0, else 0 — and no gradient

  function perGateAccuracy(inputs, targets) {
    return tf.tidy(() => tf.equal(fire(weightedSum(inputs)), targets).toFloat().mean(0).dataSync());
  }

  return {
    data,
    layers: [{ name: 'perceptron', kind: 'Perceptron (step)', outputShape: [null, 4], params: 12 }],
    variables: [
      { name: 'perceptron/weights', layer: 'perceptron', variable: weights },
      { name: 'perceptron/bias', layer: 'perceptron', variable: bias },
    ],
    phases: [{
      name: 'perceptron rule',
      variables: ['perceptron/weights', 'perceptron/bias'],
      loss(batch, tap) {
        const z = weightedSum(batch.x);
        const out = fire(z);
        if (tap.activationsWanted) tap.activation('perceptron', out, false);
        tap.metric('acc', tf.equal(out, batch.y).toFloat().mean());
        return tf.neg(tf.mul(tf.sub(batch.y, out), z)).sum(1).mean();
      },
    }],
    evaluate(split) {
      const acc = perGateAccuracy(split.x, split.y);
      const loss = tf.tidy(() => {
        const z = weightedSum(split.x);
        return tf.neg(tf.mul(tf.sub(split.y, fire(z)), z)).sum(1).mean().dataSync()[0];
      });
      const out = { loss, acc: (acc[0] + acc[1] + acc[2] + acc[3]) / 4 };
      GATES.forEach((g, i) => { out[`acc${g}`] = acc[i]; });
      return out;
    },
    visuals(emit) {
      const resolution = 41;
      const range = [-0.5, 1.5];
      const grid = [];
      for (let r = 0; r < resolution; r++) {
        for (let c = 0; c < resolution; c++) {
          grid.push(range[0] + (c / (resolution - 1)) * (range[1] - range[0]), range[0] + (r / (resolution - 1)) * (range[1] - range[0]));
        }
      }
      const fired = fire(weightedSum(tf.tensor2d(grid, [resolution * resolution, 2]))).dataSync();
      const acc = perGateAccuracy(data.train.x, data.train.y);
      GATES.forEach((gate, col) => {
        const cells = new Float32Array(resolution * resolution);
        for (let i = 0; i < cells.length; i++) cells[i] = fired[i * 4 + col];
        emit.boundary({
          task: gate, xRange: range, yRange: range, resolution, grid: cells,
          points: x, labels: new Float32Array(TRUTH[gate]), accuracy: acc[col],
        });
      });
    },
    dispose() {
      weights.dispose();
      bias.dispose();
      for (const s of [data.train, data.test]) { s.x.dispose(); s.y.dispose(); }
    },
  };
}

module.exports = { description, create };
