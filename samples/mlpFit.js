// Sample: a small MLP approximates y = sin(x) (document section 「通用逼近定理」).
//
// The universal approximation theorem says one hidden layer with enough units and a non-linear
// activation can get as close as we like to any continuous function on a closed interval. Two
// hidden layers of 32 tanh units make it quick in practice. The fitted-curve view overlays the
// network's output on the target as it trains.
'use strict';

const RANGE = [-Math.PI, Math.PI];
const target = (x) => Math.sin(x);

/** @type {import('../src/backend/sampleApi').SampleDescription} */
const description = {
  id: 'mlp-fit',
  title: { en: 'MLP fits sin(x) (universal approximation)', 'zh-cn': '多层感知机拟合 sin(x)（通用逼近定理）' },
  sections: [{ en: 'Universal approximation theorem', 'zh-cn': '通用逼近定理' }],
  dataset: { en: '512 random points of y = sin(x) on [−π, π]; 200 evenly spaced test points', 'zh-cn': 'y = sin(x) 在 [−π, π] 上随机取 512 个点；测试用 200 个等距点' },
  goal: { en: 'test MSE ≤ 0.001', 'zh-cn': '测试均方误差 ≤ 0.001' },
  task: 'regression',
  defaults: { learningRate: 0.01, batchSize: 64, epochs: 250, optimizer: 'adam', activation: 'tanh', initializer: 'xavier', seed: 1 },
};

/**
 * @param {import('../src/backend/sampleApi').SampleContext} ctx
 * @returns {import('../src/backend/sampleApi').TrainableModel}
 */
function create(ctx) {
  /** @type {typeof import('@tensorflow/tfjs')} */
  const tf = ctx.tf;
  const trainX = new Float32Array(512).map(() => RANGE[0] + ctx.random() * (RANGE[1] - RANGE[0]));
  const testX = new Float32Array(200).map((_, i) => RANGE[0] + (i / 199) * (RANGE[1] - RANGE[0]));
  const data = {
    train: ctx.data.split(trainX, [512, 1], trainX.map(target), [512, 1]),
    test: ctx.data.split(testX, [200, 1], testX.map(target), [200, 1]),
  };
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ name: 'hidden1', inputShape: [1], units: 32, activation: ctx.hp.activation, kernelInitializer: ctx.kernelInitializer() }),
      tf.layers.dense({ name: 'hidden2', units: 32, activation: ctx.hp.activation, kernelInitializer: ctx.kernelInitializer() }),
      tf.layers.dense({ name: 'output', units: 1, kernelInitializer: ctx.kernelInitializer() }),
    ],
  });
  return ctx.fromLayers(model, {
    data,
    loss: 'meanSquaredError',
    visuals(emit) {
      const prediction = model.predict(data.test.x).dataSync();
      emit.curve({ label: 'sin(x)', x: testX, target: testX.map(target), prediction: new Float32Array(prediction) });
    },
  });
}

module.exports = { description, create };
