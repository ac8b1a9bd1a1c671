// Builds the SampleContext a sample's create() receives, including the wrapper that turns a
// tf.LayersModel into a TrainableModel with per-layer activation taps.
import type * as tfType from '@tensorflow/tfjs';
import type { ActivationKind, Hyperparameters, InitializerKind } from '../protocol/vocabulary';
import { createDataHelpers, seededRandom } from './datasets';
import type {
  DataSplit, FromLayersOptions, LayerDescriptor, NamedVariable, SampleContext, Tensor, Tf, TrainableModel,
} from './sampleApi';

const EVAL_BATCH = 500;

export function createSampleContext(tf: Tf, hp: Hyperparameters, dataDir: string): SampleContext {
  const random = seededRandom(hp.seed);
  // Each initializer gets its own seed so two layers never start identical (unless 'zeros').
  let seedCounter = hp.seed * 1000 + 1;
  const nextSeed = (): number => seedCounter++;

  const kernelInitializer = (kind: InitializerKind = hp.initializer): ReturnType<Tf['initializers']['zeros']> => {
    switch (kind) {
      case 'zeros': return tf.initializers.zeros();
      case 'random': return tf.initializers.randomNormal({ mean: 0, stddev: 0.05, seed: nextSeed() });
      case 'xavier': return tf.initializers.glorotNormal({ seed: nextSeed() });
      case 'he': return tf.initializers.heNormal({ seed: nextSeed() });
    }
  };
  const initTensor = (shape: number[], fanIn: number, fanOut: number, kind: InitializerKind = hp.initializer): Tensor => {
    switch (kind) {
      case 'zeros': return tf.zeros(shape);
      case 'random': return tf.randomNormal(shape, 0, 0.05, 'float32', nextSeed());
      case 'xavier': return tf.randomNormal(shape, 0, Math.sqrt(2 / (fanIn + fanOut)), 'float32', nextSeed());
      case 'he': return tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', nextSeed());
    }
  };
  const activate = (x: Tensor, kind: ActivationKind = hp.activation): Tensor => {
    switch (kind) {
      case 'relu': return tf.relu(x);
      case 'sigmoid': return tf.sigmoid(x);
      case 'tanh': return tf.tanh(x);
      case 'linear': return x;
      case 'elu': return tf.elu(x);
      case 'leakyRelu': return tf.leakyRelu(x, 0.01);
    }
  };
  const variable = (name: string, initial: Tensor): tfType.Variable => {
    // tf.variable keeps its own copy of the data; the initial tensor would otherwise leak.
    const v = tf.variable(initial, true, name);
    initial.dispose();
    return v;
  };
  return {
    tf, hp, random, kernelInitializer, initTensor, activate, variable,
    data: createDataHelpers(tf, dataDir, random),
    fromLayers: (model, options) => wrapLayersModel(tf, model, options),
  };
}

function layerActivation(layer: tfType.layers.Layer): string | undefined {
  const cfg = layer.getConfig() as { activation?: unknown };
  return typeof cfg.activation === 'string' ? cfg.activation : undefined;
}

function outputShapeOf(layer: tfType.layers.Layer): (number | null)[] {
  const s = layer.outputShape as unknown;
  const first = Array.isArray(s) && Array.isArray(s[0]) ? s[0] : s;
  return Array.isArray(first) ? first.map((d) => (typeof d === 'number' ? d : null)) : [];
}

export function classificationFigures(tf: Tf, logits: Tensor, labels: Tensor): { lossSum: number; correct: number } {
  return tf.tidy(() => {
    const loss = tf.losses.softmaxCrossEntropy(labels, logits, undefined, 0, tf.Reduction.SUM);
    const correct = tf.equal(tf.argMax(logits, -1), tf.argMax(labels, -1)).sum();
    const v = tf.stack([loss, correct.toFloat()]).dataSync();
    return { lossSum: v[0]!, correct: v[1]! };
  });
}

function wrapLayersModel(tf: Tf, model: tfType.LayersModel, options: FromLayersOptions): TrainableModel {
  // One forward pass yields every layer's output: the last is the prediction, the rest are taps.
  const tapModel = tf.model({ inputs: model.inputs, outputs: model.layers.map((l) => l.output as tfType.SymbolicTensor) });
  const reluLayers = new Set(model.layers.filter((l) => layerActivation(l) === 'relu').map((l) => l.name));
  const layers: LayerDescriptor[] = model.layers.map((l) => ({
    name: l.name, kind: l.getClassName(), outputShape: outputShapeOf(l), params: l.countParams(),
  }));
  const variables: NamedVariable[] = [];
  for (const layer of model.layers) {
    for (const w of layer.trainableWeights) variables.push({ name: w.name, layer: layer.name, variable: w.read() as tfType.Variable });
  }
  const lossOf = (y: Tensor, out: Tensor, reduction = tf.Reduction.SUM_BY_NONZERO_WEIGHTS): tfType.Scalar => {
    switch (options.loss) {
      case 'softmaxCrossEntropy': return tf.losses.softmaxCrossEntropy(y, out, undefined, 0, reduction) as tfType.Scalar;
      case 'sigmoidCrossEntropy': return tf.losses.sigmoidCrossEntropy(y, out, undefined, 0, reduction) as tfType.Scalar;
      case 'meanSquaredError': return tf.losses.meanSquaredError(y, out, undefined, reduction) as tfType.Scalar;
    }
  };
  const classifier = options.loss === 'softmaxCrossEntropy';

  return {
    data: options.data, layers, variables, layersModel: model,
    phases: [{
      name: 'loss',
      variables: variables.map((v) => v.name),
      loss(batch, tap) {
        const outs = tapModel.apply(batch.x, { training: true }) as Tensor | Tensor[];
        const all = Array.isArray(outs) ? outs : [outs];
        const prediction = all[all.length - 1]!;
        if (tap.activationsWanted) all.forEach((o, i) => tap.activation(layers[i]!.name, o, reluLayers.has(layers[i]!.name)));
        if (classifier) tap.metric('acc', tf.equal(tf.argMax(prediction, -1), tf.argMax(batch.y, -1)).toFloat().mean() as tfType.Scalar);
        return lossOf(batch.y, prediction);
      },
    }],
    evaluate(split: DataSplit) {
      let lossSum = 0;
      let correct = 0;
      const extras: Record<string, number> = {};
      let extraWeight = 0;
      for (let from = 0; from < split.count; from += EVAL_BATCH) {
        const n = Math.min(EVAL_BATCH, split.count - from);
        tf.tidy(() => {
          const x = split.x.slice(from, n);
          const y = split.y.slice(from, n);
          const pred = model.predict(x) as Tensor;
          if (classifier) {
            const f = classificationFigures(tf, pred, y);
            lossSum += f.lossSum; correct += f.correct;
          } else {
            // Per-sample mean over outputs, summed over samples, so batches weigh by size.
            const perSample = lossOf(y, pred, tf.Reduction.NONE).reshape([n, -1]).mean(1).sum();
            lossSum += perSample.dataSync()[0]!;
          }
          if (options.extraMetrics) {
            for (const [k, v] of Object.entries(options.extraMetrics(pred, { x, y, count: n }))) extras[k] = (extras[k] ?? 0) + v * n;
            extraWeight += n;
          }
        });
      }
      const out: Record<string, number> = { loss: lossSum / split.count };
      if (classifier) out.acc = correct / split.count;
      if (options.loss === 'meanSquaredError') out.mse = out.loss!;
      for (const [k, v] of Object.entries(extras)) out[k] = v / Math.max(1, extraWeight);
      return out;
    },
    ...(options.visuals ? { visuals: options.visuals } : {}),
    dispose() {
      model.dispose();
      for (const s of [options.data.train, options.data.test]) { s.x.dispose(); s.y.dispose(); }
    },
  };
}
