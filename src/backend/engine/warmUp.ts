// A few small training steps through the kernels every sample uses, run while the person is still
// choosing a sample (the host starts the training process when "Train Sample Model" opens its
// list). The first call of each op otherwise lands in the first real step: JavaScript that has not
// been compiled yet, wasm code still in V8's baseline tier, tfjs' per-kernel setup. Measured on
// the Transformer sample: its first step took 0.9 s of CPU cold.
import * as tf from '@tensorflow/tfjs';

/** Runs `steps` training steps of a tiny conv + LSTM + attention + dense model (a few hundred ms). */
export function warmUpKernels(steps = 3): void {
  const vars: tf.Variable[] = [];
  const v = (shape: number[]) => { const init = tf.randomNormal(shape, 0, 0.1, 'float32', vars.length + 1); const x = tf.variable(init); init.dispose(); vars.push(x); return x; };
  const conv = v([3, 3, 1, 8]);
  const dense = v([8 * 7 * 7, 32]);
  const lstm = tf.layers.lstm({ units: 32, returnSequences: true, recurrentActivation: 'sigmoid' });
  const gru = tf.layers.gru({ units: 16 });
  const q = v([32, 32]);
  const out = v([16, 10]);
  const bias = v([10]);
  const optimizer = tf.train.sgd(1e-3);
  try {
    for (let s = 0; s < steps; s++) {
      tf.tidy(() => {
        const x = tf.randomNormal([16, 28, 28, 1], 0, 1, 'float32', s);
        const labels = tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => (i + s) % 10), 'int32'), 10);
        const { value, grads } = tf.variableGrads(() => {
          const c = tf.maxPool(tf.relu(tf.conv2d(x as tf.Tensor4D, conv as tf.Tensor4D, 1, 'same')), 4, 4, 'same'); // [16, 7, 7, 8]
          const seq = tf.matMul(c.reshape([16, 8 * 7 * 7]), dense).reshape([16, 4, 8]).tile([1, 1, 4]); // [16, 4, 32]
          const h = lstm.apply(seq) as tf.Tensor; // [16, 4, 32]
          // Attention-shaped products: batched Q·Kᵀ, softmax, ·V, a layer norm's moments.
          const qh = tf.matMul(h.reshape([64, 32]), q).reshape([16, 4, 2, 16]).transpose([0, 2, 1, 3]);
          const att = tf.matMul(tf.softmax(tf.matMul(qh, qh, false, true).div(4), -1), qh).transpose([0, 2, 1, 3]).reshape([16, 4, 32]);
          const { mean, variance } = tf.moments(att, -1, true);
          const normed = tf.div(tf.sub(att, mean), tf.sqrt(tf.add(variance, 1e-5)));
          const last = gru.apply(normed) as tf.Tensor; // [16, 16]
          return tf.losses.softmaxCrossEntropy(labels, tf.add(tf.matMul(last, out), bias)) as tf.Scalar;
        }, vars.concat(lstm.trainableWeights.map((w) => w.read() as tf.Variable), gru.trainableWeights.map((w) => w.read() as tf.Variable)));
        optimizer.applyGradients(grads as tf.NamedTensorMap as never);
        value.dataSync();
      });
    }
  } finally {
    optimizer.dispose();
    // Layers used outside a model own their weights: dispose those directly.
    for (const layer of [lstm, gru]) for (const w of layer.weights) w.dispose();
    tf.dispose(vars);
  }
}
