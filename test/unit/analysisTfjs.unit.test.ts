// Correctness against the real thing for TensorFlow.js: builds every tfjs fixture (and the
// Model Lens samples) with @tensorflow/tfjs itself and compares each layer's output shape and
// countParams() with the static analysis.
import * as assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { readdirSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { analyzeText, languageOfFile } from '../../src/analysis/analyze';
import type { ConfigValue, ModelInfo } from '../../src/analysis/types';
import { PLAIN_ARG_THROWS, isTfLayersExport, tfParamsWithoutInput } from '../../src/analysis/tfjsLayers';
import { ROOT, fixtureFiles, fixtureWorkspace, read, testParsers } from './analysisSupport';

type Builder = (t: typeof tf) => tf.LayersModel;

function realLayers(model: tf.LayersModel): Map<string, { shape: string; params: number }> {
  const out = new Map<string, { shape: string; params: number }>();
  for (const l of model.layers) {
    // A layer of several outputs (a nested model) is compared by its first.
    const shape = l.outputShape as (number | null)[] | (number | null)[][];
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
    out.set(l.name, { shape: `[${s.map((d) => (d === null ? -1 : d)).join(', ')}]`, params: l.countParams() });
  }
  return out;
}

/**
 * tfjs numbers default names per class for the whole process (`dense_Dense1`, `dense_Dense2`…), and
 * this test builds many models in one process: a default name is matched by position, with the
 * same prefix and the same offset for every layer of that class in the model.
 */
function realFor(ours: ModelInfo, real: tf.LayersModel): (l: ModelInfo['layers'][number], i: number) => string {
  const ordered = real.layers.filter((x) => x.getClassName() !== 'InputLayer');
  const offsets = new Map<string, number>();
  return (l, i) => {
    // A default name the analysis says it does not know (`dense_Dense?`): the layer at its place, of that class.
    if (l.name.endsWith('?')) {
      const r = ordered[i];
      return r && r.name.startsWith(l.name.slice(0, -1)) && /^\d+$/.test(r.name.slice(l.name.length - 1)) ? r.name : l.name;
    }
    // Layers `dense_Dense3`; models nested as layers `sequential_2`, `model1`.
    const parse = (name: string): RegExpExecArray | null => /^(.*_)([A-Za-z]\w*?)(\d+)$/.exec(name) ?? /^()(sequential_|model)(\d+)$/.exec(name);
    const d = parse(l.name);
    const r = ordered[i];
    const rd = r ? parse(r.name) : null;
    if (!d || !rd || d[1] !== rd[1] || d[2] !== rd[2] || d[1] !== `${d[1]}`) return l.name;
    const offset = Number(rd[3]) - Number(d[3]);
    const seen = offsets.get(d[2]!);
    if (seen === undefined) offsets.set(d[2]!, offset);
    else assert.equal(offset, seen, `${ours.name}: default names of ${d[2]} are numbered in tfjs's order`);
    return r!.name;
  };
}

/**
 * tfjs numbers default names for the whole process (`dense_Dense7` in a test that made six before):
 * a probe layer made first marks the counter, so a model's layer numbers can be read as a fresh
 * process would give them.
 */
function nameCounter(): { fresh: (m: tf.LayersModel) => number[]; dispose: () => void } {
  const probe = tf.sequential();
  probe.add(tf.layers.dense({ units: 1, inputShape: [1] }));
  const number = (name: string): number => Number(/(\d+)$/.exec(name)![1]);
  const base = number(probe.layers[0]!.name);
  return { fresh: (m) => m.layers.map((l) => number(l.name) - base), dispose: () => probe.dispose() };
}

/**
 * A program run by tfjs itself, after a name counter's probe (see nameCounter): the models its
 * `returned` expression gives (a promise of them is awaited), their layer numbers as a fresh process
 * names them, and `dispose` for all of it.
 */
async function runInTfjs(program: string, returned: string): Promise<{ real: tf.LayersModel[]; fresh: number[][]; dispose: () => void }> {
  const counter = nameCounter();
  const out = await (new Function('tf', `${program}; return Promise.all(${returned});`) as (t: typeof tf) => Promise<tf.LayersModel[]>)(tf);
  return { real: out, fresh: out.map(counter.fresh), dispose: () => [counter, ...out].forEach((m) => m.dispose()) };
}

function compare(ours: ModelInfo, real: tf.LayersModel, where: string): void {
  const layers = realLayers(real);
  const nameIn = realFor(ours, real);
  let compared = 0;
  for (const [i, l] of ours.layers.entries()) {
    // By position first (a default name equal to one tfjs gave another layer in this process is a coincidence), then by name.
    const r = layers.get(nameIn(l, i)) ?? layers.get(l.name);
    assert.ok(r, `${where}: the analysis lists ${l.name}, tfjs has ${[...layers.keys()].join(', ')}`);
    assert.equal(l.params, r.params, `${where} ${l.name}: params`);
    // The batch is -1 in tfjs (null) unless a `batchSize` fixes it; an annotation may fix ours, so
    // an open batch is compared from dim 1 on.
    const open = r.shape.startsWith('[-1');
    const ourShape = l.output.known ? `[${l.output.shape.slice(open ? 1 : 0).join(', ')}]` : '?';
    assert.equal(ourShape, open ? r.shape.replace(/^\[-1(, )?/, '[') : r.shape, `${where} ${l.name}: output shape`);
    compared++;
  }
  assert.equal(compared, real.layers.filter((x) => x.getClassName() !== 'InputLayer').length, `${where}: layer count`);
  assert.equal(ours.totalParams, real.countParams(), `${where}: total params`);
}

// Recurrent layers default to an orthogonal recurrent initializer, which takes tens of seconds on
// the cpu backend; initial values do not change shapes or parameter counts.
const fastInit = <C extends object>(make: (c: C) => tf.layers.Layer) => (c: C) => make({ ...c, recurrentInitializer: 'glorotUniform' });
const fastTf = { ...tf, layers: { ...tf.layers, lstm: fastInit(tf.layers.lstm), gru: fastInit(tf.layers.gru), simpleRNN: fastInit(tf.layers.simpleRNN), lstmCell: fastInit(tf.layers.lstmCell), gruCell: fastInit(tf.layers.gruCell), simpleRNNCell: fastInit(tf.layers.simpleRNNCell) } } as unknown as typeof tf;

describe('analysis against TensorFlow.js (models built for real)', function () {
  this.timeout(120_000);
  before(async () => {
    await tf.setBackend('cpu');
  });

  for (const file of fixtureFiles().filter((f) => /\.(js|ts)$/.test(f))) {
    it(basename(file), async () => {
      const text = read(file);
      const result = analyzeText(await testParsers(), text, languageOfFile(file)!, { workspace: fixtureWorkspace(file) }, file);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(file) as { builders: Record<string, Builder>; expectBuildError?: boolean };
      for (const [varName, build] of Object.entries(mod.builders)) {
        const ours = result.models.find((m) => m.name === varName);
        assert.ok(ours, `${basename(file)}: no model named ${varName} (found ${result.models.map((m) => m.name).join(', ')})`);
        if (mod.expectBuildError) {
          // tfjs may accept the layers and fail on the first batch instead: run one.
          assert.throws(() => {
            const m = build(tf);
            const shape = (m.inputs[0]?.shape ?? []).map((d) => d ?? 1);
            tf.tidy(() => m.predict(tf.zeros(shape)));
          }, `${basename(file)}: tfjs accepted ${varName}, but the analysis reports an error`);
          assert.ok(result.diagnostics.some((d) => d.severity === 'error'));
          continue;
        }
        const model = build(fastTf);
        try {
          compare(ours, model, `${basename(file)} ${varName}`);
        } finally {
          model.dispose();
        }
      }
    });
  }

  // The samples the training command runs (engineer B2's), built through their own create().
  const samplesDir = join(ROOT, 'samples');
  for (const f of readdirSync(samplesDir).filter((x) => x.endsWith('.js'))) {
    it(`sample ${f}`, async () => {
      const file = join(samplesDir, f);
      const result = analyzeText(await testParsers(), read(file), 'javascript', {}, file);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const sample = require(file) as { create: (ctx: unknown) => unknown };
      let built: tf.LayersModel | undefined;
      const ctx = {
        tf: fastTf,
        random: () => 0.5,
        hp: { activation: 'relu', learningRate: 0.01, batchSize: 64, optimizer: 'adam', initializer: 'he', seed: 1 },
        kernelInitializer: () => 'glorotUniform',
        rng: () => 0.5,
        data: new Proxy({}, { get: () => () => ({}) }),
        fromLayers: (model: tf.LayersModel) => {
          built = model;
          return {};
        },
      };
      let failure: unknown;
      try {
        sample.create(ctx);
      } catch (e) {
        failure = e;
      }
      if (!built) {
        // Samples that train their own tensors (no tf.layers model) must not look like layer models.
        if (failure !== undefined && result.models.some((m) => m.layers.length > 0)) throw failure;
        assert.equal(result.models.filter((m) => m.layers.length > 0).length, 0, `${f}: analysis found layer models but create() built none`);
        return;
      }
      const model: tf.LayersModel = built;
      const ours = result.models.find((m) => m.layers.length === model.layers.length);
      assert.ok(ours, `${f}: no analysed model with ${model.layers.length} layers`);
      try {
        compare(ours, model, f);
      } finally {
        model.dispose();
      }
    });
  }
});

// A builder whose input shape is its parameter (`createMLP(inShape, …)`, as RL and tutorial code
// writes it): the code alone does not say the shape; `--input` or an `// input:` comment does.
describe('tfjs builders whose tf.input shape is a parameter', function () {
  this.timeout(60_000);
  const BUILDER = `function createMLP(tf, inShape, hidden) {
  const input = tf.input({ shape: inShape });
  let x = tf.layers.dense({ units: hidden, activation: 'relu', name: 'hidden' }).apply(input);
  x = tf.layers.dense({ units: 3, name: 'out' }).apply(x);
  // input: [1, 8]
  return tf.model({ inputs: input, outputs: x });
}
`;
  const real = (shape: number[]): tf.LayersModel => new Function('tf', `${BUILDER}\nreturn createMLP(tf, ${JSON.stringify(shape)}, 16);`)(tf) as tf.LayersModel;
  const analysed = async (text: string, forceInput?: number[][]): Promise<ModelInfo> => {
    const r = analyzeText(await testParsers(), `${text}createMLP(require('@tensorflow/tfjs'), undefined, 16);\n`, 'javascript', forceInput ? { forceInput } : {}, '/ws/mlp.js');
    assert.equal(r.models.length, 1);
    return r.models[0]!;
  };

  before(async () => {
    await tf.setBackend('cpu');
  });

  const asBuilt = (ours: ModelInfo, shape: number[], where: string): void => {
    const model = real(shape);
    try {
      compare(ours, model, where);
    } finally {
      model.dispose();
    }
  };

  it('the `// input:` comment below tf.input (where "Set input shape…" writes it) gives its shape: layers as tfjs builds them', async () => {
    const ours = await analysed(BUILDER);
    assert.equal(ours.inputSource, 'annotation');
    asBuilt(ours, [8], 'annotated createMLP');
  });

  it('`--input` gives it too, and wins over the comment', async () => {
    const ours = await analysed(BUILDER, [[-1, 5]]);
    assert.equal(ours.inputSource, 'cli');
    asBuilt(ours, [5], 'createMLP --input');
  });

  it('without either, the shapes stay unknown, with the reason', async () => {
    const ours = await analysed(BUILDER.replace('  // input: [1, 8]\n', ''));
    assert.equal(ours.inputSource, 'none');
    assert.ok(ours.layers.every((l) => !l.output.known && l.params === null));
    assert.match(ours.layers[0]!.output.known ? '' : ours.layers[0]!.output.reason.en, /tf\.input shape is not known/);
  });

  it('a rest parameter after a spread the analysis cannot expand is an unknown list: a reduce over it is not a chain of known layers (reduceChain.js)', async () => {
    const text = `const tf = require('@tensorflow/tfjs');\nfunction sequence(input, ...layers) {\n  return layers.reduce((x, layer) => layer.apply(x), input);\n}\nfunction buildSpread(extra) {\n  const input = tf.input({ shape: [5] });\n  const out = sequence(input, tf.layers.dense({ units: 4 }), ...extra);\n  return tf.model({ inputs: input, outputs: out });\n}\nconst spread = buildSpread(JSON.parse(process.env.EXTRA));\n`;
    const r = analyzeText(await testParsers(), text, 'javascript', {}, '/ws/spread.js');
    const m = r.models.find((x) => x.name === 'spread');
    assert.ok(m, r.models.map((x) => x.name).join());
    assert.equal(m.output.known, false);
    assert.equal(m.totalParams, null);
  });

  it('a model of two inputs whose first is not known shows no input, never its second in the first place (ACGAN generator, corpus 12b)', async () => {
    const text = `function twoInputs(tf, latentSize) {\n  const latent = tf.input({ shape: [latentSize] });\n  const label = tf.input({ shape: [1] });\n  const e = tf.layers.flatten().apply(tf.layers.embedding({ inputDim: 10, outputDim: 8 }).apply(label));\n  const x = tf.layers.concatenate().apply([latent, e]);\n  return tf.model({ inputs: [latent, label], outputs: x });\n}\ntwoInputs(require('@tensorflow/tfjs'), Number(process.env.LATENT));\n`;
    const r = analyzeText(await testParsers(), text, 'javascript', {}, '/ws/two.js');
    assert.equal(r.models.length, 1);
    assert.deepEqual(r.models[0]!.inputs, []);
    assert.equal(r.models[0]!.inputSource, 'none');
    const known = analyzeText(await testParsers(), text.replace('Number(process.env.LATENT));', '4);'), 'javascript', {}, '/ws/two.js');
    assert.deepEqual(known.models[0]!.inputs, [[-1, 4], [-1, 1]]);
  });

  it('a layer applied in a branch whose condition is not known is not shown as part of the model (rl-ts: flatten only when the input has rank > 1)', async () => {
    const branchy = BUILDER.replace(
      "  let x = tf.layers.dense({ units: hidden, activation: 'relu', name: 'hidden' }).apply(input);\n",
      "  let x = input;\n  if (inShape.length > 1) x = tf.layers.flatten({ name: 'flat' }).apply(x);\n  x = tf.layers.dense({ units: hidden, activation: 'relu', name: 'hidden' }).apply(x);\n",
    );
    const ours = await analysed(branchy);
    // With the input [8] tfjs builds no flatten layer: the analysis must not list it as known.
    const model = real([8]);
    try {
      assert.ok(!model.layers.some((l) => l.name === 'flat'));
    } finally {
      model.dispose();
    }
    const flat = ours.layers.find((l) => l.name === 'flat');
    assert.ok(flat && !flat.output.known && flat.params === null, 'flat is unknown');
    assert.match(flat.output.known ? '' : flat.output.reason.en, /branch of an if\/switch/);
    assert.equal(ours.totalParams, null);
  });
});

// The builder's input is a parameter nothing passes, and helpers apply its layers (one returning
// early in an if that only the input decides): without the input the analysis still lists every
// application, named as tfjs names them when the input is known, with unknown shapes.
describe('tfjs builder without its input, layers applied by helpers (fixture unknownInput.js)', function () {
  this.timeout(60_000);
  const file = join(ROOT, 'test', 'fixtures', 'tfjs', 'unknownInput.js');
  const analysed = async (forceInput?: number[][], onlyModel?: string): Promise<ModelInfo> => {
    const r = analyzeText(await testParsers(), read(file), 'javascript', { workspace: fixtureWorkspace(file), ...(forceInput ? { forceInput } : {}), ...(onlyModel ? { onlyModel } : {}) }, file);
    assert.equal(r.models.length, 1);
    return r.models[0]!;
  };

  before(async () => {
    await tf.setBackend('cpu');
  });

  it('lists every layer application in order with the names and weightless counts the input given has, shapes unknown', async () => {
    const given = await analysed([[-1, 8, 8, 3]]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const model = (require(file) as { buildNet: (shape: number[]) => tf.LayersModel }).buildNet([8, 8, 3]);
    try {
      compare(given, model, 'unknownInput.js with its input');
    } finally {
      model.dispose();
    }
    const ours = await analysed();
    assert.equal(ours.inputSource, 'none');
    assert.deepEqual(ours.layers.map((l) => l.name), given.layers.map((l) => l.name));
    for (const l of ours.layers) {
      assert.ok(!l.output.known, `${l.name}: shape unknown`);
      const want = ['Dropout', 'MaxPooling2D', 'Flatten'].includes(l.kind) ? given.layers.find((g) => g.name === l.name)!.params : null;
      assert.equal(l.params, want, `${l.name}: params`);
    }
    const why = (kind: string): string => {
      const l = ours.layers.find((x) => x.kind === kind)!;
      return l.output.known ? '' : l.output.reason.en;
    };
    assert.match(why('Conv2D'), /tf\.input shape is not known/);
    // Whether the shortcut is added depends on the input's channels: applied in a branch, not known.
    assert.match(why('Add'), /branch of an if\/switch/);
    assert.equal(ours.totalParams, null);
  });

  it('the unnamed model is found by the name it is listed under, to give it the input alone (onlyModel, as the corpus measurement reruns it)', async () => {
    const ours = await analysed();
    const again = await analysed([[-1, 8, 8, 3]], ours.name);
    assert.equal(again.inputSource, 'cli');
    assert.equal(again.layers.length, ours.layers.length);
  });
});

// Shapes given in order (`--input`, "Set input shape…") belong to the model's inputs in their places
// (round 31c, an ACGAN: the combined model's latent input showed the class input's [null, 1]).
describe('tfjs input shapes given to a model with several inputs', () => {
  const text = `const tf = require('@tensorflow/tfjs');
function buildGenerator(latentSize) {
  const latent = tf.input({shape: [latentSize]});
  const imageClass = tf.input({shape: [1]});
  const h = tf.layers.concatenate().apply([latent, imageClass]);
  return tf.model({inputs: [latent, imageClass], outputs: tf.layers.dense({units: 4}).apply(h)});
}
function buildCombined(latentSize, generator) {
  const latent = tf.input({shape: [latentSize]});
  const imageClass = tf.input({shape: [1]});
  return tf.model({inputs: [latent, imageClass], outputs: generator.apply([latent, imageClass])});
}
const generator = buildGenerator(latentSize);
const combined = buildCombined(latentSize, generator);
`;
  // (Its known input first: the first shape given goes to its second input.)
  const swapped = `const tf = require('@tensorflow/tfjs');
function classFirst(latentSize) {
  const imageClass = tf.input({shape: [1]});
  const latent = tf.input({shape: [latentSize]});
  const h = tf.layers.concatenate().apply([imageClass, latent]);
  return tf.model({inputs: [imageClass, latent], outputs: tf.layers.dense({units: 4}).apply(h)});
}
const swapped = classFirst(latentSize);
`;
  const model = async (name: string, code = text): Promise<ModelInfo> => {
    const r = analyzeText(await testParsers(), code, 'javascript', { forceInput: [[2, 100], [2, 1]], onlyModel: name }, '/ws/acgan.js');
    assert.equal(r.models.length, 1, name);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), [], `${name}: no error`);
    return r.models[0]!;
  };

  it('the model whose unknown input comes first takes the shapes in order: exact', async () => {
    const g = await model('generator');
    assert.deepEqual(g.inputs, [[-1, 100], [-1, 1]]);
    assert.deepEqual(g.output.known ? g.output.shape : g.output.reason.en, [-1, 4]);
    assert.equal(g.totalParams, 408);
  });

  it("a model built after another took the first shape, or whose first input is known: unknown, not the other input's shape", async () => {
    for (const m of [await model('combined'), await model('swapped', swapped)]) {
      assert.deepEqual(m.inputs, [], `${m.name}: inputs`);
      assert.ok(!m.output.known && /could not be matched/.test(m.output.reason.en), `${m.name}: output`);
      assert.equal(m.totalParams, null, `${m.name}: total`);
      for (const l of m.layers) assert.ok(!l.output.known && l.params === null, `${m.name} ${l.name}`);
    }
  });
});

// The counts the analysis gives without the input (tfParamsWithoutInput) are tfjs's whatever the input.
describe('tfjs parameter counts that need no input', () => {
  const cases: [string, Record<string, unknown>, number[][]][] = [
    ['maxPooling1d', { poolSize: 2 }, [[8, 3]]], ['maxPooling2d', { poolSize: 2 }, [[8, 8, 3]]], ['averagePooling1d', { poolSize: 2 }, [[8, 3]]],
    ['averagePooling2d', { poolSize: 2 }, [[8, 8, 3]]], ['globalAveragePooling1d', {}, [[8, 3]]], ['globalAveragePooling2d', {}, [[8, 8, 3]]],
    ['globalMaxPooling1d', {}, [[8, 3]]], ['globalMaxPooling2d', {}, [[8, 8, 3]]], ['flatten', {}, [[4, 3]]], ['dropout', { rate: 0.1 }, [[5]]],
    ['spatialDropout1d', { rate: 0.1 }, [[4, 3]]], ['gaussianNoise', { stddev: 0.1 }, [[5]]], ['gaussianDropout', { rate: 0.1 }, [[5]]],
    ['alphaDropout', { rate: 0.1 }, [[5]]], ['activation', { activation: 'relu' }, [[5]]], ['reLU', {}, [[5]]], ['leakyReLU', {}, [[5]]],
    ['softmax', {}, [[5]]], ['elu', {}, [[5]]], ['reshape', { targetShape: [12] }, [[4, 3]]], ['permute', { dims: [2, 1] }, [[4, 3]]],
    ['repeatVector', { n: 2 }, [[3]]], ['dot', { axes: 1 }, [[3], [3]]], ['zeroPadding2d', {}, [[4, 4, 3]]], ['upSampling2d', {}, [[4, 4, 3]]],
    ['concatenate', {}, [[3], [3]]], ['add', {}, [[3], [3]]], ['multiply', {}, [[3], [3]]], ['average', {}, [[3], [3]]],
    ['maximum', {}, [[3], [3]]], ['minimum', {}, [[3], [3]]], ['embedding', { inputDim: 10, outputDim: 4 }, [[6]]],
  ];
  for (const [factory, config, shapes] of cases) {
    it(factory, () => {
      const ours = tfParamsWithoutInput(factory, new Map(Object.entries(config) as [string, ConfigValue][]));
      const make = (tf.layers as unknown as Record<string, (c: object) => tf.layers.Layer>)[factory]!;
      const layer = make(config);
      const inputs = shapes.map((s) => tf.input({ shape: s }));
      layer.apply(inputs.length === 1 ? inputs[0]! : inputs);
      assert.equal(ours, layer.countParams());
    });
  }
  it('none for layers whose weights the input sizes', () => {
    for (const f of ['dense', 'conv2d', 'batchNormalization', 'lstm']) assert.equal(tfParamsWithoutInput(f, new Map([['units', 4], ['filters', 4], ['kernelSize', 3]])), null);
  });
});

describe('tfjs: a builder nothing in the file calls, with top-level writes after it (probes 48h)', () => {
  it('runs when called, after the file has loaded: the values written below it are unknown to it, never the ones above (tfjs gives the later ones)', async () => {
    const code = "let hidden = 8;\nconst names = [];\nfunction remember(n) { names.push(n); }\n\nfunction buildRegressor() {\n  const regressor = tf.sequential();\n  regressor.add(tf.layers.dense({ inputShape: [4], units: hidden }));\n  regressor.add(tf.layers.dense({ units: names.length }));\n  return regressor;\n}\n\nhidden = 24;\nremember('up');\nremember('down');\n";
    const real = (new Function('tf', `${code}return buildRegressor();`) as (t: typeof tf) => tf.LayersModel)(tf);
    assert.deepEqual(real.layers.map((l) => l.countParams()), [120, 50]);
    real.dispose();
    const r = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${code}module.exports = { buildRegressor };\n`, 'javascript');
    const m = r.models.find((x) => x.name === 'regressor')!;
    assert.deepEqual(m.layers.map((l) => l.params), [null, null]);
    assert.equal(m.totalParams, null);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    // The same writes above the builder are in force where it stands: followed.
    const above = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\nlet hidden = 8;\nhidden = 24;\nfunction buildRegressor() {\n  const regressor = tf.sequential();\n  regressor.add(tf.layers.dense({ inputShape: [4], units: hidden }));\n  return regressor;\n}\nmodule.exports = { buildRegressor };\n`, 'javascript');
    assert.equal(above.models.find((x) => x.name === 'regressor')?.totalParams, 120);
  });
});

describe('tfjs layer factories given a plain value instead of their options object', () => {
  it('PLAIN_ARG_THROWS is what tfjs itself throws on: every tf.layers factory made with a number and with a string', () => {
    const layers = tf.layers as unknown as Record<string, unknown>;
    for (const f of Object.keys(layers).filter((k) => typeof layers[k] === 'function')) {
      for (const plain of [8, 'relu']) {
        let threw = false;
        try {
          // (Called unbound: with tf.layers as `this`, the exported classes would write to it.)
          const make = layers[f] as (c: unknown) => unknown;
          make(plain);
        } catch {
          threw = true;
        }
        assert.equal(PLAIN_ARG_THROWS.has(f), threw, `tf.layers.${f}(${JSON.stringify(plain)})`);
      }
    }
  });

  it('the ones that run with their defaults warn on the value they ignore (layerPlainValueIgnored.js); no error', async () => {
    const file = join(ROOT, 'test', 'fixtures', 'tfjs', 'layerPlainValueIgnored.js');
    const r = analyzeText(await testParsers(), read(file), 'javascript');
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    const warnings = r.diagnostics.filter((d) => d.severity === 'warning').map((d) => [d.range.start.line, d.message.en] as const);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]![1], /^tf\.layers\.activation\('relu'\): tfjs reads its settings from one options object and ignores a plain value; the layer runs with its defaults$/);
    assert.match(warnings[1]![1], /^tf\.layers\.dropout\(0\.2\): .*its rate is undefined: it drops nothing/);
    assert.deepEqual(warnings.map(([line]) => line), [9, 10]);
  });
});

// A model held by an instance the file constructs, with a method that adds layers the program
// never calls where the analysis sees it (an event handler): the model is not shown complete.
describe('tfjs model in an instance field, grown by a method the analysis does not see called', () => {
  const SOURCE = [
    "const tf = require('@tensorflow/tfjs');",
    'class Digits {',
    '  constructor() {',
    '    this.model = tf.sequential();',
    "    this.model.add(tf.layers.dense({ units: 3, inputShape: [2], name: 'first' }));",
    '  }',
    '  initModel() {',
    "    this.model.add(tf.layers.dense({ units: 4, name: 'second' }));",
    '  }',
    '}',
    'const digits = new Digits();',
    "document.getElementById('go').onclick = () => digits.initModel();",
    '',
  ].join('\n');

  it('keeps the layers it knows and leaves the output and total unknown, saying why', async () => {
    const result = analyzeText(await testParsers(), SOURCE, 'javascript', {}, 'digits.js');
    const model = result.models.find((m) => m.name === 'model');
    assert.ok(model, `found ${result.models.map((m) => m.name).join(', ')}`);
    assert.deepEqual(model.layers.map((l) => l.name), ['first']);
    assert.equal(model.layers[0]!.params, 9);
    assert.equal(model.totalParams, null);
    assert.ok(!model.output.known);
    assert.match(model.output.known ? '' : model.output.reason.en, /initModel\(\) adds layers/);
  });
});

// A model declared on an open length (`inputShape: [null, 3]`) given a concrete input by the user's
// `// input:` comment: the input fits (no false "declares inputShape" error) and the layers run on it,
// as tfjs's predict on a [2, 10, 3] batch does.
describe('tfjs open sizes given a concrete input', () => {
  it('fit the declaration, and the layers run on the given sizes', async () => {
    const source = [
      "const tf = require('@tensorflow/tfjs');",
      'const m = tf.sequential();',
      '// input: [2, 10, 3]',
      'm.add(tf.layers.lstm({ units: 6, returnSequences: true, inputShape: [null, 3] }));',
      'm.add(tf.layers.dense({ units: 2 }));',
      '',
    ].join('\n');
    const result = analyzeText(await testParsers(), source, 'javascript', {}, 'open.js');
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en), []);
    const model = result.models.find((x) => x.name === 'm');
    assert.ok(model);
    const real = tf.sequential();
    real.add(tf.layers.lstm({ units: 6, returnSequences: true, inputShape: [null, 3], recurrentInitializer: 'glorotUniform' }));
    real.add(tf.layers.dense({ units: 2 }));
    try {
      const out = tf.tidy(() => (real.predict(tf.zeros([2, 10, 3])) as tf.Tensor).shape);
      assert.deepEqual(model.output.known ? model.output.shape : model.output.reason.en, out);
      assert.equal(model.totalParams, real.countParams());
    } finally {
      real.dispose();
    }
  });
});

// An unawaited async main: the statements up to its first await run at the call (a loader it awaits
// that only awaits I/O makes no layers), the model built below the call takes tfjs's next default
// names, and the names made after main's await are unknown. Checked against tfjs running the same
// program: the names of `later` follow those of `first` exactly as in tfjs.
describe('tfjs default names around an unawaited async main', () => {
  it('an async IIFE awaiting a helper that pauses at its own first await: the model below is named first, as in tfjs', async () => {
    const source = [
      "const tf = require('@tensorflow/tfjs');",
      'function head(n) {',
      '  return tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [n] })] });',
      '}',
      'async function run() {',
      '  const n = await Promise.resolve(3);',
      '  return head(n);',
      '}',
      '(async function () {',
      '  await run();',
      '})();',
      'const below = head(4);',
      '',
    ].join('\n');
    const result = analyzeText(await testParsers(), source, 'javascript', {}, 'iife.js');
    const below = result.models.find((m) => m.name === 'below');
    assert.ok(below, `found ${result.models.map((m) => m.name).join(', ')}`);
    // tfjs: run() pauses before making its layer, so `below`'s is the first Dense of the program.
    assert.deepEqual(below.layers.map((l) => l.name), ['dense_Dense1']);
  });

  it('the model below the call is named as tfjs names it', async () => {
    const source = [
      "const tf = require('@tensorflow/tfjs');",
      'function encoder(n) {',
      '  const m = tf.sequential();',
      '  m.add(tf.layers.dense({ units: 3, inputShape: [n] }));',
      '  m.add(tf.layers.dense({ units: 1 }));',
      '  return m;',
      '}',
      'function double(v) {',
      '  return v * 2;',
      '}',
      'async function load() {',
      '  const x = await Promise.resolve(2);',
      '  return double(x);',
      '}',
      'async function main() {',
      '  const first = encoder(2);',
      '  const n = await load();',
      '  return encoder(n);',
      '}',
      'main();',
      'const later = encoder(5);',
      '',
    ].join('\n');
    const result = analyzeText(await testParsers(), source, 'javascript', {}, 'main.js');
    const names = (name: string): string[] => result.models.find((m) => m.name === name)?.layers.map((l) => l.name) ?? [];
    // tfjs itself, same program: the offset between first's and later's numbers.
    const run = new Function('tf', `${source.replace("const tf = require('@tensorflow/tfjs');", '')}; return { first: null, later };`) as (t: typeof tf) => { later: tf.Sequential };
    const made: tf.LayersModel[] = [];
    const counter = nameCounter();
    const { later } = run(tf);
    made.push(later);
    try {
      // main's first encoder made two Dense layers before `later`'s.
      assert.deepEqual(counter.fresh(later), [3, 4]);
      assert.deepEqual(names('first'), ['dense_Dense1', 'dense_Dense2']);
      assert.deepEqual(names('later'), ['dense_Dense3', 'dense_Dense4']);
      assert.ok(result.models.filter((m) => m.name !== 'first' && m.name !== 'later').every((m) => m.layers.every((l) => l.name.endsWith('?'))), 'names after the await are unknown');
    } finally {
      counter.dispose();
      for (const m of made) m.dispose();
    }
  });
});

// Assignments and comma expressions inside expressions (corpus 17b: a tfjs-examples-like
// `var run = module.exports.run = async function () {…}` never called, a build written as
// `(data.ready = true, mlp())`): the function is a value, not code run where it stands, and the
// comma expression's last part is the model. Checked against tfjs running the same program.
describe('tfjs: assignments and comma expressions inside expressions', () => {
  const source = [
    "const tf = require('@tensorflow/tfjs');",
    'const data = {};',
    'function mlp(units) {',
    '  const model = tf.sequential();',
    '  model.add(tf.layers.dense({ inputShape: [12], units }));',
    '  model.add(tf.layers.dense({ units: 1 }));',
    '  return model;',
    '}',
    'var runAll = module.exports.runAll = async function () {',
    '  const small = mlp(10);',
    '  return mlp(50);',
    '};',
    'const built = (data.ready = true, mlp(50));',
    'const again = data.ready ? mlp(7) : null;',
    '',
  ].join('\n');

  it('an exported function never called does not advance the default names; the comma expression builds the model', async () => {
    const result = analyzeText(await testParsers(), source, 'javascript', {}, 'chain.js');
    const names = (name: string): string[] => result.models.find((m) => m.name === name)?.layers.map((l) => l.name) ?? [];
    const run = new Function('tf', 'module', `${source.replace("const tf = require('@tensorflow/tfjs');", '')}; return { built, again };`) as (t: typeof tf, m: { exports: object }) => { built: tf.Sequential; again: tf.Sequential };
    const counter = nameCounter();
    const { built, again } = run(tf, { exports: {} });
    try {
      assert.deepEqual(counter.fresh(built), [1, 2]);
      assert.deepEqual(counter.fresh(again), [3, 4]);
      assert.deepEqual(names('built'), ['dense_Dense1', 'dense_Dense2']);
      assert.deepEqual(names('again'), ['dense_Dense3', 'dense_Dense4']);
      const ours = result.models.find((m) => m.name === 'built')!;
      assert.equal(ours.totalParams, built.countParams());
      assert.deepEqual(ours.layers.map((l) => (l.calls[0]?.output.known ? l.calls[0].output.shape : null)), built.layers.map((l) => (l.outputShape as number[]).map((d) => d ?? -1)));
    } finally {
      counter.dispose();
      for (const m of [built, again]) m.dispose();
    }
  });
});

// Probes of round 23 (W1): `super({layers: […]})` in a subclass of tf.Sequential makes its layers
// once; their default names, and those of a model made after it, are tfjs's.
describe('tfjs: a Sequential subclass given its layers through super', () => {
  const source = [
    'class Net extends tf.Sequential {',
    '  constructor(h) {',
    '    super({ layers: [tf.layers.dense({ units: h, inputShape: [1] }), tf.layers.dense({ units: 1 })] });',
    '  }',
    '}',
    'const net = new Net(16);',
    'const after = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });',
    '',
  ].join('\n');

  it('names the layers as tfjs does', async () => {
    const result = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${source}`, 'javascript', {}, 'subclass.js');
    const names = (name: string): string[] => result.models.find((m) => m.name === name)?.layers.map((l) => l.name) ?? [];
    const tfjs = await runInTfjs(source, '[net, after]');
    try {
      assert.deepEqual(tfjs.fresh, [[1, 2], [3]]);
      assert.deepEqual(names('net'), ['dense_Dense1', 'dense_Dense2']);
      assert.deepEqual(names('after'), ['dense_Dense3']);
    } finally {
      tfjs.dispose();
    }
  });
});

// Probes of round 23 (W2): a static method that builds a model runs where the file calls it
// (`Brain.createModel()`), so the model made after it is named after its layers, as in tfjs.
describe('tfjs: a model built by a static method', () => {
  const source = [
    'class Brain {',
    '  static createModel(width) {',
    '    const m = tf.sequential();',
    '    m.add(tf.layers.dense({ units: width, inputShape: [20] }));',
    '    m.add(tf.layers.dense({ units: 2 }));',
    '    return m;',
    '  }',
    '}',
    'function other() {',
    '  const model = tf.sequential();',
    '  model.add(tf.layers.dense({ units: 1, inputShape: [6] }));',
    '  return model;',
    '}',
    'const a = Brain.createModel(16);',
    'const b = other();',
    '',
  ].join('\n');

  it('is the call\'s model, with its arguments; the next model is named after it', async () => {
    const result = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${source}`, 'javascript', {}, 'static.js');
    assert.deepEqual(result.models.map((m) => m.name), ['a', 'b'], 'the static method is not also read on its own');
    const tfjs = await runInTfjs(source, '[a, b]');
    try {
      assert.deepEqual(tfjs.fresh, [[1, 2], [3]]);
      const [ourA, ourB] = result.models;
      assert.deepEqual(ourA!.layers.map((l) => l.name), ['dense_Dense1', 'dense_Dense2']);
      assert.deepEqual(ourB!.layers.map((l) => l.name), ['dense_Dense3']);
      assert.equal(ourA!.totalParams, tfjs.real[0]!.countParams());
    } finally {
      tfjs.dispose();
    }
  });
});

// Corpus 23b (045-Joval's run.js): an unawaited async run() whose first await is inside a try with
// a catch that only reports. It pauses there; the model the file builds below the call takes the
// first default names, as in tfjs, and the continuation's names are unknown.
describe('tfjs: an unawaited async function that first awaits inside a try', () => {
  const source = [
    'function createModel() {',
    '  const model = tf.sequential();',
    '  model.add(tf.layers.dense({ inputShape: [4], units: 8 }));',
    '  model.add(tf.layers.dense({ units: 2 }));',
    '  return model;',
    '}',
    'let trained;',
    'async function run() {',
    '  try {',
    '    const data = await Promise.resolve(3);',
    '    trained = createModel();',
    '  } catch (err) {',
    '    console.error(err);',
    '  }',
    '}',
    'const done = run();',
    'const built = createModel();',
    '',
  ].join('\n');

  it('pauses at that await: the model below the call is named first', async () => {
    const result = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${source}`, 'javascript', {}, 'run.js');
    const tfjs = await runInTfjs(source, '[built, done.then(() => trained)]');
    try {
      assert.deepEqual(tfjs.fresh, [[1, 2], [3, 4]]);
      assert.deepEqual(result.models.find((m) => m.name === 'built')?.layers.map((l) => l.name), ['dense_Dense1', 'dense_Dense2']);
      const other = result.models.filter((m) => m.name !== 'built').flatMap((m) => m.layers.map((l) => l.name));
      assert.ok(other.length === 2 && other.every((n) => n === 'dense_Dense?'), other.join(', '));
    } finally {
      tfjs.dispose();
    }
  });
});

// Probes of round 23f: lists and objects changed in ways the analysis does not follow. What tfjs
// builds differs from the lists as first written, so the analysis must not read them as before.
describe('tfjs: lists and objects changed in ways not followed (unfollowedListChanges.js)', () => {
  it('tfjs builds them from the changed values; the analysis says unknown', async () => {
    const file = join(ROOT, 'test', 'fixtures', 'tfjs', 'unfollowedListChanges.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { models } = require(file) as { models: Record<'a' | 'b' | 'c', tf.Sequential> };
    const units = (m: tf.Sequential): number[] => m.layers.map((l) => (l.outputShape as number[])[1]!);
    assert.deepEqual(units(models.a), [3], 'a hole counts in the length');
    assert.deepEqual(units(models.b), [5, 4, 3, 2], 'for…in enumerates the named property too');
    assert.deepEqual(units(models.c), [3], 'the deleted property is gone');
    const ours = analyzeText(await testParsers(), read(file), 'javascript', {}, file).models;
    for (const name of ['a', 'c']) assert.equal(ours.find((m) => m.name === name)?.layers[0]?.output.known, false, name);
    assert.equal(ours.find((m) => m.name === 'b')?.totalParams, null);
  });
});

// Probes of round 23f (A, F): functions handed to code the analysis does not run.
describe('tfjs: functions handed to code the analysis does not run (unrunCallbacks.js)', () => {
  it('tfjs adds their layers; the analysis shows the models unknown from there, never complete', async () => {
    const file = join(ROOT, 'test', 'fixtures', 'tfjs', 'unrunCallbacks.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { chained: () => Promise<tf.Sequential>; borrowed: () => tf.Sequential };
    const chained = await mod.chained();
    const borrowed = mod.borrowed();
    try {
      assert.equal(chained.layers.length, 3);
      assert.equal(borrowed.layers.length, 5);
      const ours = analyzeText(await testParsers(), read(file), 'javascript', {}, file).models;
      assert.equal(ours.length, 2);
      for (const m of ours) {
        assert.equal(m.totalParams, null, m.name);
        assert.equal(m.output.known, false, m.name);
      }
    } finally {
      chained.dispose();
      borrowed.dispose();
    }
  });
});

// Probes of round 23f (B): an async function called without await from inside another function
// pauses at its await, and the caller's rest runs first: the layers it adds after the await come
// later in tfjs than where the code stands, and the default names after it are not known.
describe('tfjs: an unawaited async call inside a builder', () => {
  const source = [
    'async function grow(m, ws) {',
    '  for (const w of ws) {',
    '    m.add(tf.layers.dense({ units: w }));',
    '    await null;',
    '  }',
    '}',
    'function build() {',
    '  const m = tf.sequential();',
    '  m.add(tf.layers.dense({ inputShape: [2], units: 4 }));',
    '  grow(m, [3, 2]);',
    '  m.add(tf.layers.dense({ units: 8 }));',
    '  return m;',
    '}',
    'const built = build();',
    '',
  ].join('\n');

  it('shows the layers up to the await, the rest unknown, never in the order written', async () => {
    const result = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${source}`, 'javascript', {}, 'grow.js');
    const tfjs = await runInTfjs(source, '[built]');
    try {
      // tfjs: 4, 3, then build's 8, then grow's 2 after its await.
      assert.deepEqual(tfjs.real[0]!.layers.map((l) => (l.outputShape as number[])[1]), [4, 3, 8, 2]);
      const ours = result.models.find((m) => m.name === 'built')!;
      assert.deepEqual(ours.layers.slice(0, 2).map((l) => (l.output.known ? l.output.shape[1] : null)), [4, 3]);
      assert.ok(ours.layers.slice(2).every((l) => !l.output.known), JSON.stringify(ours.layers.map((l) => l.output)));
      assert.equal(ours.totalParams, null);
    } finally {
      tfjs.dispose();
    }
  });
});

// Probes of round 23f (e29): a catch runs after part of its try ran — a layer tfjs refuses after
// taking its default name, or any layers before the throw — so the names from the catch on are not known.
describe('tfjs: default names in a catch', () => {
  it('are unknown when the try makes layers', async () => {
    const source = [
      'const m = tf.sequential();',
      'm.add(tf.layers.dense({ inputShape: [3], units: 4 }));',
      'try {',
      '  m.add(tf.layers.dense({ units: 2.5 }));',
      '} catch (e) {',
      '  m.add(tf.layers.dense({ units: 3 }));',
      '}',
      'm.add(tf.layers.dense({ units: 2 }));',
      '',
    ].join('\n');
    const result = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${source}`, 'javascript', {}, 'catch.js');
    const tfjs = await runInTfjs(source, '[m]');
    try {
      // tfjs: the refused layer took number 2 before it threw.
      assert.deepEqual(tfjs.fresh, [[1, 3, 4]]);
      const names = result.models.find((x) => x.name === 'm')!.layers.map((l) => l.name);
      assert.equal(names[0], 'dense_Dense1');
      assert.ok(names.slice(2).every((n) => n === 'dense_Dense?'), names.join(', '));
    } finally {
      tfjs.dispose();
    }
  });
});

// Probes of round 23 (W3–W5): sizes tfjs refuses are reported as its error, never shown as shapes.
describe('tfjs: sizes tfjs refuses (refusedSizes.js)', () => {
  it('tfjs itself refuses each of them', () => {
    const file = join(ROOT, 'test', 'fixtures', 'tfjs', 'refusedSizes.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { refused } = require(file) as { refused: Record<string, () => tf.Sequential> };
    for (const [name, build] of Object.entries(refused)) assert.throws(build, /positive integer|Negative dimension size|shape comprised of positive integers/, name);
  });
});

// iNikolas's nonlinear-regression helper (corpus 17b): an exported async builder nobody in the file
// calls, which awaits `tf.ready()` before it builds. Run on its own, whoever runs it awaits it, so
// nothing runs between its await and its layers: their default names are known.
describe('tfjs: an async builder read on its own', () => {
  const source = [
    "const tf = require('@tensorflow/tfjs');",
    'async function loadModel(units) {',
    '  await tf.ready();',
    '  const model = tf.sequential();',
    '  model.add(tf.layers.dense({ inputShape: [1], units: 20, activation: "relu" }));',
    '  model.add(tf.layers.dense({ units: 1 }));',
    '  return model;',
    '}',
    'module.exports = { loadModel };',
    '',
  ].join('\n');

  it('names its layers as tfjs does after the await', async () => {
    const result = analyzeText(await testParsers(), source, 'javascript', {}, 'ready.js');
    const ours = result.models.find((m) => m.name === 'model');
    assert.ok(ours, 'the builder\'s model is found');
    const mod = { exports: {} as { loadModel?: () => Promise<tf.Sequential> } };
    new Function('tf', 'module', source.replace("const tf = require('@tensorflow/tfjs');", ''))(tf, mod);
    const counter = nameCounter();
    const real = await mod.exports.loadModel!();
    try {
      assert.deepEqual(counter.fresh(real), [1, 2]);
      assert.deepEqual(ours.layers.map((l) => l.name), ['dense_Dense1', 'dense_Dense2']);
      assert.equal(ours.totalParams, real.countParams());
    } finally {
      counter.dispose();
      for (const m of [real]) m.dispose();
    }
  });
});

// The same builder's model taken with `.then` (no top-level await in CommonJS): the callback gets
// what the async function returns. A model the file makes below the call takes tfjs's names before
// the continuation does, so then the names are unknown.
describe('tfjs: a model taken with .then from an async builder', () => {
  const source = (below: string): string => [
    'async function loadModel(units) {',
    '  await tf.ready();',
    '  const model = tf.sequential();',
    '  model.add(tf.layers.dense({ inputShape: [1], units, activation: "relu" }));',
    '  model.add(tf.layers.dense({ units: 1 }));',
    '  return { model, history: null };',
    '}',
    'const built = loadModel(20).then((r) => r.model);',
    below,
    '',
  ].join('\n');

  it('is the model the callback returns, named as tfjs names it', async () => {
    const text = source('');
    const result = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${text}`, 'javascript', {}, 'then.js');
    const ours = result.models.find((m) => m.name === 'built');
    assert.ok(ours, `found ${result.models.map((m) => m.name).join(', ')}`);
    const tfjs = await runInTfjs(text, '[built]');
    try {
      assert.deepEqual(tfjs.fresh, [[1, 2]]);
      assert.deepEqual(ours.layers.map((l) => l.name), ['dense_Dense1', 'dense_Dense2']);
      assert.equal(ours.totalParams, tfjs.real[0]!.countParams());
    } finally {
      tfjs.dispose();
    }
  });

  it('an async builder that never awaits runs to its end at the call: the names stay known (Apress\'s defineModel().then(() => model), corpus 16b)', async () => {
    const text = [
      'let model;',
      'async function defineModel() {',
      '  model = tf.sequential();',
      '  model.add(tf.layers.dense({ inputShape: [1], units: 6 }));',
      '  model.add(tf.layers.dense({ units: 1 }));',
      '}',
      'const built = defineModel().then(() => model);',
      'const other = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });',
      '',
    ].join('\n');
    const result = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${text}`, 'javascript', {}, 'define.js');
    const tfjs = await runInTfjs(text, '[built, other]');
    try {
      assert.deepEqual(tfjs.fresh, [[1, 2], [3]]);
      assert.deepEqual(result.models.find((m) => m.name === 'built')?.layers.map((l) => l.name), ['dense_Dense1', 'dense_Dense2']);
      assert.deepEqual(result.models.find((m) => m.name === 'other')?.layers.map((l) => l.name), ['dense_Dense3']);
    } finally {
      tfjs.dispose();
    }
  });

  it('leaves the names unknown when the file makes layers below the call', async () => {
    const text = source('const other = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });');
    const result = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${text}`, 'javascript', {}, 'then.js');
    const tfjs = await runInTfjs(text, '[built, other]');
    try {
      // tfjs: `other` (made synchronously) takes the name before the continuation's layers.
      assert.deepEqual(tfjs.fresh, [[2, 3], [1]]);
      const names = result.models.flatMap((m) => m.layers.map((l) => l.name));
      assert.ok(names.length === 3 && names.every((n) => n === 'dense_Dense?'), names.join(', '));
    } finally {
      tfjs.dispose();
    }
  });
});

// Z3r0cks's NeuralNetwork.ts (corpus 22b): `new Layer({neurons})` with a list the analysis cannot
// size reached `constructor({neurons = []})`, and the default `[]` stood in for it.
describe('tfjs: a destructured parameter\'s default', () => {
  it('is used for a property the caller leaves out, never for one it gives of unknown value', async () => {
    const file = join(ROOT, 'test', 'fixtures', 'tfjs', 'options.js');
    const models = analyzeText(await testParsers(), read(file), 'javascript', {}, file).models;
    const out = (name: string): unknown => {
      const m = models.find((x) => x.name === name);
      assert.ok(m, name);
      return m.output.known ? m.output.shape : 'unknown';
    };
    assert.deepEqual(out('leftOut'), [-1, 4]);
    assert.equal(out('defaulted'), 'unknown');
  });
});

// Round 32c: tree-sitter reads `x as unknown as tf.layers.Layer` as `(x as unknown as tf.layers).Layer`.
describe('tfjs: a cast to a dotted type', () => {
  it('is the value cast, not a property of it', async () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const inputs = tf.input({ shape: [4] });
const h = tf.layers.dense({ units: 3 }).apply(inputs) as unknown as tf.layers.Layer;
const out = tf.layers.dense({ units: 2 }).apply(h as unknown as tf.SymbolicTensor) as tf.SymbolicTensor;
export const model = tf.model({ inputs, outputs: out });
`;
    const m = analyzeText(await testParsers(), text, 'typescript', {}, '/ws/cast.ts').models[0]!;
    assert.equal(m.totalParams, 4 * 3 + 3 + 3 * 2 + 2);
    assert.deepEqual(m.output.known ? m.output.shape : m.output.reason.en, [-1, 2]);
  });
});

// Round 31c (an ACGAN's `opts.latentSize ?? 100`): a write under a computed key into a local typed
// array adds no property to an object; one into a parameter, or a name bound as something else, may.
describe('tfjs: an option the object lacks, beside writes under computed keys', () => {
  const text = (writer: string): string => `const tf = require('@tensorflow/tfjs');
const cfg = {units: 8};
const m = tf.sequential();
m.add(tf.layers.dense({units: cfg.units, inputShape: [cfg.size ?? 100]}));
${writer}
`;
  const total = async (writer: string): Promise<number | null> => analyzeText(await testParsers(), text(writer), 'javascript', {}, '/ws/opts.js').models[0]!.totalParams;

  it('a typed array or array filled by index leaves the default known', async () => {
    assert.equal(await total('function fill() {\n  const view = new Float32Array(10);\n  for (let j = 0; j < 10; j++) view[j] = 1;\n}'), 808);
    assert.equal(await total('const xs = [];\nfor (let j = 0; j < 3; j++) xs[j] = j;'), 808);
    // (A comment is no code; round 32c: `// weights[layer] = …` in a comment.)
    assert.equal(await total('// weights[layer] = values;\n/* cfg[key] = 4 */'), 808);
  });

  it('a write into a parameter or a name bound to another object may add the option: unknown', async () => {
    assert.equal(await total('function set(o, k) {\n  o[k] = 4;\n}'), null);
    assert.equal(await total('const view = cfg;\nfor (const k of ["size"]) view[k] = 4;'), null);
    assert.equal(await total('let arr = [];\narr = cfg;\narr[key] = 4;'), null);
  });
});

// Probe round 22d (W3): `addTower(m, units / 2, depth - 1)` calls itself; the analysis follows one level.
describe('tfjs: a recursive builder', () => {
  it('leaves the model it is handed incomplete (output and total unknown), never shown as if the first level were all', async () => {
    const file = join(ROOT, 'test', 'fixtures', 'tfjs', 'evaluationOrder.js');
    const tower = analyzeText(await testParsers(), read(file), 'javascript', {}, file).models.find((m) => m.name === 'tower');
    assert.ok(tower);
    assert.equal(tower.totalParams, null);
    assert.equal(tower.output.known, false);
  });
});

// Probe round 26e (i24): a click handler sets the size and returns build()'s model; the program's own
// `const model = build()` runs with the first size. tfjs: model's dense [null, 3], 12 parameters.
describe('tfjs: a model a never-called function returns unnamed', () => {
  it('is listed under that function\'s name, never as the program\'s `model`', async () => {
    const code = "const tf = require('@tensorflow/tfjs');\nlet units = 3;\nfunction build() {\n  return tf.sequential({layers: [tf.layers.dense({units: units, inputShape: [3]}), tf.layers.dense({units: 1})]});\n}\nfunction onTrainClick() {\n  units = 12;\n  return build();\n}\nconst model = build();\n";
    const models = analyzeText(await testParsers(), code, 'javascript').models;
    assert.deepEqual(models.filter((m) => m.name === 'model').map((m) => m.layers[0]!.params), [12]);
    assert.deepEqual(models.find((m) => m.name === 'onTrainClick')?.layers[0]?.params, 48);
  });
});

// Probe round 26e (g12): `Math.random() < 2 ? net.widen() : null` ran neither arm, so the builder
// read the width as before the call (tfjs: 4 units, the analysis said 2).
describe('tfjs: an undecided ?: or && whose arms change things', () => {
  it('runs them as an if / else does: what they change is unknown after, never the old value', async () => {
    const code = "const tf = require('@tensorflow/tfjs');\nfunction createNet() {\n  let width = 2;\n  return {\n    getModel: () => tf.sequential({layers: [tf.layers.dense({units: width, inputShape: [3]})]}),\n    widen: () => { width *= 2; },\n  };\n}\nconst a = createNet();\nMath.random() < 0.5 ? a.widen() : null;\nconst maybe = a.getModel();\nconst b = createNet();\nprocess.env.WIDE && b.widen();\nconst maybeToo = b.getModel();\nconst c = createNet();\ntrue ? c.widen() : null;\nconst wide = c.getModel();\n";
    const models = analyzeText(await testParsers(), code, 'javascript').models;
    const params = (name: string): number | null | undefined => models.find((m) => m.name === name)?.totalParams;
    assert.equal(params('maybe'), null);
    assert.equal(params('maybeToo'), null);
    assert.equal(params('wide'), 16);
  });
});

// Probes round 26e (g28, g29): `n.width = 9` on an object literal with `get width()` / `set width(w)`
// runs the setter (tfjs: 10 units), or, with a getter only, is dropped (5 units); the analysis said 9.
describe('tfjs: an object literal\'s accessors', () => {
  it('make what is written through them unknown, never the written value', async () => {
    const make = (setter: string): string => `const tf = require('@tensorflow/tfjs');\nfunction createNet() {\n  let width = 5;\n  return {\n    get width() { return width; },\n${setter}    getModel() { return tf.sequential({layers: [tf.layers.dense({units: this.width, inputShape: [4]})]}); },\n  };\n}\nconst n = createNet();\nn.width = 9;\nconst model = n.getModel();\n`;
    for (const setter of ['    set width(w) { width = w + 1; },\n', '']) {
      const model = analyzeText(await testParsers(), make(setter), 'javascript').models.find((m) => m.name === 'model');
      assert.equal(model?.totalParams, null, setter || 'getter only');
    }
    // A setter that changes a variable (`set v(x) { n = x * 2; }`; tfjs: n is 12 after `o.v = 6`): n is unknown after the write.
    const side = "const tf = require('@tensorflow/tfjs');\nlet n = 2;\nconst o = { set v(x) { n = x * 2; } };\no.v = 6;\nconst model = tf.sequential({layers: [tf.layers.dense({units: n, inputShape: [2]})]});\n";
    assert.equal(analyzeText(await testParsers(), side, 'javascript').models.find((m) => m.name === 'model')?.totalParams, null);
  });
});

// Probes round 28h: `a ||= bump()` with a truthy `a`, `b &&= bump()` with a falsy `b` never run bump()
// (tfjs: units 2, 6 parameters); the analysis ran both and said 12 units.
describe('tfjs: logical assignment', () => {
  it('runs its right side only when the left does not decide it', async () => {
    const code = "const tf = require('@tensorflow/tfjs');\nlet n = 2;\nfunction bump() { n += 5; return 1; }\nlet a = 1; a ||= bump();\nlet b = 0; b &&= bump();\nlet c = null; c ??= bump();\nconst model = tf.sequential({layers: [tf.layers.dense({units: n, inputShape: [2]})]});\n";
    const model = analyzeText(await testParsers(), code, 'javascript').models.find((m) => m.name === 'model');
    // Only `c ??= bump()` runs it: n is 7, 21 parameters.
    assert.equal(model?.totalParams, 21);
    // `o?.f(bump())` with o null calls nothing and evaluates no argument (tfjs: n stays 2, 6 parameters).
    const optional = "const tf = require('@tensorflow/tfjs');\nlet n = 2;\nfunction bump() { n += 5; return 1; }\nconst o = null;\no?.f(bump());\nconst model = tf.sequential({layers: [tf.layers.dense({units: n, inputShape: [2]})]});\n";
    assert.equal(analyzeText(await testParsers(), optional, 'javascript').models.find((m) => m.name === 'model')?.totalParams, 6);
  });
});

// Probes round 28h: `[…].find(v => { n += 1; … })` (a callback the analysis does not run) left n at 0, and a
// false "units must be a positive integer" error followed; tfjs runs it 3 times (3 units).
describe('tfjs: a callback the analysis does not run', () => {
  it('makes what it changes unknown (no false error), and a returned class\'s static method changes its factory\'s variables', async () => {
    const code = "const tf = require('@tensorflow/tfjs');\nlet n = 0;\nconst f = [1, 2, 3, 4, 5].find((v) => { n += 1; return v === 3; });\nconst model = tf.sequential({layers: [tf.layers.dense({units: n, inputShape: [2]})]});\n";
    const r = analyzeText(await testParsers(), code, 'javascript');
    assert.equal(r.models.find((m) => m.name === 'model')?.totalParams, null);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en), []);
    // tfjs: grow() makes hidden 7 before build(): 49 parameters.
    const statics = "const tf = require('@tensorflow/tfjs');\nfunction makeClass() {\n  let hidden = 3;\n  return class {\n    static grow() { hidden += 4; }\n    build() { return tf.sequential({layers: [tf.layers.dense({units: hidden, inputShape: [6]})]}); }\n  };\n}\nconst C = makeClass();\nC.grow();\nconst model = new C().build();\n";
    assert.equal(analyzeText(await testParsers(), statics, 'javascript').models.find((m) => m.name === 'model')?.totalParams, 49);
  });
});

// Round 35: a fixture's header comment saying a builder "is refused (an error…)" made the analysis
// take `refused (…)` for a call of refused(), so the builder was neither run nor read on its own.
describe('tfjs: a builder whose name only a comment or a string follows with "("', () => {
  it('is still read on its own (not taken as called)', async () => {
    for (const mention of ['// build (the widest) first', '/* build (x) */', "const note = 'build (later)';", 'const t = `build (${1})`;']) {
      const code = `const tf = require('@tensorflow/tfjs');\n${mention}\nfunction build() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 3, inputShape: [4]}));\n  return m;\n}\nmodule.exports = { build };\n`;
      const r = analyzeText(await testParsers(), code, 'javascript');
      assert.equal(r.models.find((m) => m.name === 'm')?.totalParams, 15, mention);
    }
  });
});

describe('tfjs: Permute dims that are not 1…n (Keras code counting from 0)', () => {
  it('is the error tfjs raises, with no shape or count after it (tfjs: "Invalid permutation")', async () => {
    const code = "const tf = require('@tensorflow/tfjs');\nconst model = tf.sequential();\nmodel.add(tf.layers.permute({dims: [0, 2, 1], inputShape: [4, 5]}));\nmodel.add(tf.layers.dense({units: 3}));\n";
    assert.throws(() => new Function('tf', code.replace("const tf = require('@tensorflow/tfjs');\n", ''))(tf), /Invalid permutation/);
    const r = analyzeText(await testParsers(), code, 'javascript');
    const m = r.models.find((x) => x.name === 'model')!;
    assert.equal(m.totalParams, null);
    assert.ok(m.layers.every((l) => !l.output.known));
    assert.match(r.diagnostics.find((d) => d.severity === 'error')?.message.en ?? '', /dims \[0, 2, 1\] must hold 1…3 once each/);
  });
});

describe('tfjs: a tf.layers name tfjs does not export (Keras\'s subtract, lambda)', () => {
  it('is the TypeError tfjs raises, with no shape or count after it; a layer tfjs has but the analysis does not model stays unknown, no error', async () => {
    for (const name of ['subtract', 'lambda']) {
      const code = `const tf = require('@tensorflow/tfjs');\nconst a = tf.input({shape: [4]});\nconst b = tf.input({shape: [4]});\nconst d = tf.layers.${name}().apply([a, b]);\nconst model = tf.model({inputs: [a, b], outputs: tf.layers.dense({units: 2}).apply(d)});\n`;
      assert.throws(() => new Function('tf', code.replace("const tf = require('@tensorflow/tfjs');\n", ''))(tf), /is not a function/);
      const r = analyzeText(await testParsers(), code, 'javascript');
      const m = r.models.find((x) => x.name === 'model')!;
      assert.equal(m.totalParams, null);
      assert.ok(m.layers.every((l) => !l.output.known));
      assert.match(r.diagnostics.find((d) => d.severity === 'error')?.message.en ?? '', new RegExp(`tf\\.layers\\.${name} is not a function`));
    }
    // The list of names is tfjs's own: every export of tf.layers, and nothing else.
    for (const name of Object.keys(tf.layers)) assert.ok(isTfLayersExport(name), name);
    for (const name of ['subtract', 'lambda', 'conv2D', 'Dense']) assert.equal(isTfLayersExport(name), name in tf.layers, name);
    // tf.layers.categoryEncoding exists in tfjs 4.22: not modelled, so unknown, but no error.
    assert.equal(typeof tf.layers.categoryEncoding, 'function');
    const known = analyzeText(await testParsers(), "const tf = require('@tensorflow/tfjs');\nconst model = tf.sequential();\nmodel.add(tf.layers.categoryEncoding({numTokens: 4, inputShape: [3]}));\n", 'javascript');
    assert.ok(!known.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(known.diagnostics));
  });
});

// Round 37c: tfjs refuses these as the model is made; the analysis showed their numbers as known.
describe('tfjs: a layer built on one input applied again to another (shared by two models)', () => {
  const run = (code: string): unknown => new Function('tf', `${code.replace("const tf = require('@tensorflow/tfjs');\n", '')}\nreturn typeof b !== 'undefined' ? b : model;`)(tf);
  it('is the error tfjs raises for Dense, convolutions, RNNs, BatchNormalization and TimeDistributed: no total, no output', async () => {
    const cases: [string, string, number[], number[]][] = [
      ['dense', 'tf.layers.dense({units: 3})', [4], [5]],
      ['conv', 'tf.layers.conv1d({filters: 2, kernelSize: 2})', [6, 3], [6, 4]],
      ['lstm', 'tf.layers.lstm({units: 3})', [5, 3], [5, 4]],
      ['batchNormalization', 'tf.layers.batchNormalization()', [5, 3], [5, 4]],
      ['batchNormalization rank', 'tf.layers.batchNormalization()', [4, 4, 3], [3]],
      ['timeDistributed', 'tf.layers.timeDistributed({layer: tf.layers.dense({units: 3})})', [5, 3], [6, 3]],
    ];
    for (const [label, make, first, second] of cases) {
      const sequential = `const tf = require('@tensorflow/tfjs');\nconst shared = ${make};\nconst a = tf.sequential();\na.add(tf.layers.inputLayer({inputShape: [${first.join(', ')}]}));\na.add(shared);\nconst b = tf.sequential();\nb.add(tf.layers.inputLayer({inputShape: [${second.join(', ')}]}));\nb.add(shared);\n`;
      const functional = `const tf = require('@tensorflow/tfjs');\nconst shared = ${make};\nconst x1 = tf.input({shape: [${first.join(', ')}]});\nconst x2 = tf.input({shape: [${second.join(', ')}]});\nconst model = tf.model({inputs: [x1, x2], outputs: [shared.apply(x1), shared.apply(x2)]});\n`;
      for (const code of [sequential, functional]) {
        assert.throws(() => run(code), /is incompatible with layer/, label);
        const r = analyzeText(await testParsers(), code, 'javascript');
        const m = r.models.find((x) => x.name === (code === sequential ? 'b' : 'model'))!;
        assert.equal(m.totalParams, null, `${label}: ${m.totalParams}`);
        assert.equal(m.output.known, false, label);
        assert.ok(r.diagnostics.some((d) => d.severity === 'error' && /was built on the input .* applied again/.test(d.message.en)), `${label}: ${JSON.stringify(r.diagnostics.map((d) => d.message.en))}`);
        if (code === sequential) assert.equal(r.models.find((x) => x.name === 'a')!.totalParams, (run(code.replace(/const b[\s\S]*$/, 'const b = a;\n')) as tf.LayersModel).countParams(), label);
      }
    }
  });
  it('is no error where tfjs checks nothing and keeps the first weights (LayerNormalization, PReLU): tfjs\'s shapes and counts', async () => {
    for (const make of ['tf.layers.layerNormalization()', 'tf.layers.prelu()']) {
      const code = `const tf = require('@tensorflow/tfjs');\nconst shared = ${make};\nconst a = tf.sequential();\na.add(tf.layers.dense({inputShape: [4], units: 5}));\na.add(shared);\nconst b = tf.sequential();\nb.add(tf.layers.dense({inputShape: [4], units: 6}));\nb.add(shared);\n`;
      const real = run(code) as tf.LayersModel;
      const r = analyzeText(await testParsers(), code, 'javascript');
      assert.ok(!r.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(r.diagnostics));
      const m = r.models.find((x) => x.name === 'b')!;
      assert.deepEqual(m.output, { known: true, shape: real.outputs[0]!.shape.map((d) => d ?? -1) }, make);
    }
  });
});

describe('tfjs: an Embedding whose vocabulary size the data decides (round 37c)', () => {
  it('has an unknown count but its output and every later layer\'s shape and count as tfjs builds them', async () => {
    const code = "const tf = require('@tensorflow/tfjs');\nconst vocab = Array.from(new Set(process.env.TEXT ?? 'hello world'));\nconst model = tf.sequential();\nmodel.add(tf.layers.embedding({inputDim: vocab.length, outputDim: 16, batchInputShape: [8, 12]}));\nmodel.add(tf.layers.gru({units: 10, returnSequences: true}));\nmodel.add(tf.layers.timeDistributed({layer: tf.layers.dense({units: 3})}));\n";
    const real = new Function('tf', 'process', `${code.replace("const tf = require('@tensorflow/tfjs');\n", '')}return model;`)(tf, { env: {} }) as tf.LayersModel;
    const m = analyzeText(await testParsers(), code, 'javascript').models.find((x) => x.name === 'model')!;
    assert.deepEqual(m.layers.map((l) => (l.output.known ? l.output.shape : null)), real.layers.map((l) => l.outputShape as number[]));
    assert.deepEqual(m.layers.map((l) => l.params), [null, ...real.layers.slice(1).map((l) => l.countParams())]);
    assert.equal(m.totalParams, null);
  });
});

describe('tfjs: Flatten or TimeDistributed on a 2-D input (round 37c)', () => {
  it('is the error tfjs raises (their inputSpec wants rank 3 or more), no shape after it', async () => {
    for (const [layer, refusal] of [['tf.layers.flatten()', /min_ndim=3/], ['tf.layers.timeDistributed({layer: tf.layers.dense({units: 2})})', /expects an input shape >= 3D/]] as const) {
      const code = `const tf = require('@tensorflow/tfjs');\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [10], units: 4}));\nmodel.add(${layer});\n`;
      assert.throws(() => new Function('tf', code.replace("const tf = require('@tensorflow/tfjs');\n", ''))(tf), refusal);
      const r = analyzeText(await testParsers(), code, 'javascript');
      assert.equal(r.models.find((x) => x.name === 'model')!.output.known, false);
      assert.match(r.diagnostics.find((d) => d.severity === 'error')?.message.en ?? '', /expects a (rank 3|3-D) or higher input, gets \[null, 4\]/, layer);
    }
  });
});

describe('tfjs: a functional model with several outputs (round 37c)', () => {
  it('lists each output\'s shape as tfjs\'s model.outputShape does, the first as its output', async () => {
    const code = "const tf = require('@tensorflow/tfjs');\nconst inp = tf.input({shape: [5, 4]});\nconst [seq, h, c] = tf.layers.lstm({units: 6, returnSequences: true, returnState: true}).apply(inp);\nconst a = tf.layers.dense({units: 7}).apply(tf.layers.flatten().apply(seq));\nconst b = tf.layers.dense({units: 3}).apply(h);\nconst model = tf.model({inputs: inp, outputs: [a, b, c]});\n";
    const real = new Function('tf', `${code.replace("const tf = require('@tensorflow/tfjs');\n", '')}return model;`)(tf) as tf.LayersModel;
    const m = analyzeText(await testParsers(), code, 'javascript').models.find((x) => x.name === 'model')!;
    const want = (real.outputShape as (number | null)[][]).map((s) => s.map((d) => d ?? -1));
    assert.deepEqual(m.outputs?.map((o) => (o.known ? o.shape : null)), want);
    assert.deepEqual(m.output, { known: true, shape: want[0] });
    assert.equal(m.totalParams, real.countParams());
  });
});

describe('tfjs: an RNN with returnState: true in a Sequential model', () => {
  it('is the error tfjs raises (a Sequential layer gives one tensor): no count, no shapes after it', async () => {
    for (const kind of ['lstm', 'gru', 'simpleRNN']) {
      const code = `const tf = require('@tensorflow/tfjs');\nconst model = tf.sequential();\nmodel.add(tf.layers.${kind}({inputShape: [5, 3], units: 4, returnState: true}));\nmodel.add(tf.layers.dense({units: 2}));\n`;
      assert.throws(() => new Function('tf', code.replace("const tf = require('@tensorflow/tfjs');\n", ''))(tf), /single output tensor/);
      const r = analyzeText(await testParsers(), code, 'javascript');
      const m = r.models.find((x) => x.name === 'model')!;
      assert.equal(m.totalParams, null);
      assert.ok(m.layers.every((l) => !l.output.known));
      assert.match(r.diagnostics.find((d) => d.severity === 'error')?.message.en ?? '', /returnState: true.*one tensor/);
    }
  });
});

// Round 36c: a GPT-2 port builds its model through the class's prototype, never constructing it.
describe('tfjs: a builder method called through the class\'s prototype (`Net.prototype.getModel(8, 2)`)', () => {
  it('runs as on an instance whose constructor never ran: tfjs\'s shapes and counts', async () => {
    const body = "class Net {\n  constructor(model) { this.model = model; }\n  block(x, units) {\n    const h = tf.layers.dense({units, activation: 'relu'}).apply(x);\n    return tf.layers.add().apply([x, tf.layers.dense({units}).apply(h)]);\n  }\n  getModel(nIn = 16, nLayer = 2) {\n    const inp = tf.input({shape: [nIn]});\n    let x = inp;\n    for (let i = 0; i < nLayer; i++) x = this.block(x, nIn);\n    return tf.model({inputs: inp, outputs: tf.layers.dense({units: 3}).apply(x)});\n  }\n}\nconst viaProto = Net.prototype.getModel(8, 2);\n";
    const real = (new Function('tf', `${body}return viaProto;`) as (t: typeof tf) => tf.LayersModel)(tf);
    try {
      const r = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${body}`, 'javascript');
      const m = r.models.find((x) => x.name === 'viaProto');
      assert.ok(m, `found ${r.models.map((x) => x.name).join(', ')}`);
      assert.equal(m.totalParams, real.countParams());
      assert.deepEqual(m.output.known ? m.output.shape : null, (real.outputs[0]!.shape as (number | null)[]).map((d) => d ?? -1));
    } finally {
      real.dispose();
    }
  });
});

describe('tfjs: a property a known object lacks, with Object.assign elsewhere in the file (round 39c B)', () => {
  it('an Object.assign that can add only other keys (a custom layer\'s getConfig), or a comment naming it, leaves `opts.norm` undefined: tfjs\'s numbers', async () => {
    const body = "class Scale extends tf.layers.Layer {\n  constructor(config) { super(config); this.k = config.k; }\n  computeOutputShape(s) { return s; }\n  call(x) { return tf.mul(Array.isArray(x) ? x[0] : x, this.k); }\n  getConfig() { const config = super.getConfig(); Object.assign(config, {k: this.k}); return config; }\n  static get className() { return 'Scale'; }\n}\n// Object.assign(opts, extra) would add anything\nfunction build(opts = {}) {\n  const m = tf.sequential();\n  for (let i = 0; i < 2; i++) {\n    m.add(tf.layers.dense({units: 16, inputShape: i === 0 ? [2] : undefined}));\n    if (opts.norm !== false) m.add(tf.layers.layerNormalization());\n  }\n  m.add(tf.layers.dense({units: 3}));\n  return m;\n}\nconst built = build();\n";
    const real = (new Function('tf', `${body}return built;`) as (t: typeof tf) => tf.LayersModel)(tf);
    try {
      const m = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${body}`, 'javascript').models.find((x) => x.name === 'built');
      assert.ok(m);
      assert.equal(m.totalParams, real.countParams());
      // An Object.assign whose sources the analysis cannot list may add it: unknown again.
      const open = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${body.replace('Object.assign(config, {k: this.k})', 'Object.assign(config, this.extra)')}`, 'javascript').models.find((x) => x.name === 'built');
      assert.equal(open?.totalParams, null);
    } finally {
      real.dispose();
    }
  });
});

describe('tfjs: a builder whose only call stands in a handler nothing runs (round 39c A: a React component\'s `const train = async () => { createModel() }`)', () => {
  it('is run on its own, as a builder nobody calls: tfjs\'s shapes and counts', async () => {
    const body = "function createModel() {\n  const model = tf.sequential();\n  model.add(tf.layers.conv2d({inputShape: [28, 28, 1], kernelSize: 5, filters: 8, activation: 'relu'}));\n  model.add(tf.layers.maxPooling2d({poolSize: 2, strides: 2}));\n  model.add(tf.layers.flatten());\n  model.add(tf.layers.dense({units: 10, activation: 'softmax'}));\n  return model;\n}\nfunction Page() {\n  const train = async () => {\n    const model = createModel();\n    model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\n  };\n  return {onClick: train};\n}\n";
    const real = (new Function('tf', `${body}return createModel();`) as (t: typeof tf) => tf.LayersModel)(tf);
    try {
      const r = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${body}`, 'javascript');
      assert.equal(r.models.length, 1, r.models.map((x) => x.name).join(', '));
      compare(r.models[0]!, real, 'createModel');
    } finally {
      real.dispose();
    }
  });
});

describe('tfjs: module values the file\'s functions (or other files, through its exports) change, read by a builder nobody in the file calls (round 44c W1)', () => {
  const HEAD = "const tf = require('@tensorflow/tfjs');\n";
  const head = 'function buildHead(numClasses) {\n  const head = tf.sequential();\n  head.add(tf.layers.dense({inputShape: [FEATURES], units: 8}));\n  head.add(tf.layers.dense({units: numClasses}));\n  return head;\n}\n';
  const analyze = async (body: string) => analyzeText(await testParsers(), `${HEAD}${body}`, 'javascript');
  const errors = (r: Awaited<ReturnType<typeof analyze>>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en);
  const rows = (r: Awaited<ReturnType<typeof analyze>>) => r.models.flatMap((m) => m.layers.map((l) => [l.output.known ? l.output.shape.join(',') : '?', l.params]));

  it('an array a handler fills (classNames.push) or the file exports: its length is no size, no "units 0" error; the layer before it keeps tfjs\'s numbers', async () => {
    for (const body of [
      `const FEATURES = 16;\nconst classNames = [];\nfunction addClass(name) {\n  classNames.push(name);\n}\n${head}function train() {\n  return buildHead(classNames.length);\n}\nmodule.exports = { addClass, train };\n`,
      `const FEATURES = 16;\nconst classNames = [];\n${head}function train() {\n  return buildHead(classNames.length);\n}\nmodule.exports = { classNames, train };\n`,
      `const FEATURES = 16;\nlet numClasses = 0;\nfunction onData(classes) {\n  numClasses = classes.length;\n}\n${head}function train() {\n  return buildHead(numClasses);\n}\nmodule.exports = { onData, train };\n`,
    ]) {
      const r = await analyze(body);
      assert.deepEqual(errors(r), [], body);
      assert.deepEqual(rows(r), [['-1,8', 136], ['?', null]], body);
    }
  });

  it('only the property a function changes is unknown (state.labels), the object\'s other settings stay (state.featureSize)', async () => {
    const r = await analyze(`const state = { labels: [], featureSize: 16 };\nconst FEATURES = state.featureSize;\nfunction addLabel(name) {\n  state.labels.push(name);\n}\n${head.replace('[FEATURES]', '[state.featureSize]')}function train() {\n  return buildHead(state.labels.length);\n}\nmodule.exports = { addLabel, train };\n`);
    assert.deepEqual(errors(r), []);
    assert.deepEqual(rows(r), [['-1,8', 136], ['?', null]]);
  });

  it('what stays known (probes 46h J1): a function only the top level calls in order, a function\'s own parameter or local of the same name, a string naming it, an exported constant array; a null placeholder a function sets to a size is unknown (J3)', async () => {
    const known = [
      `const FEATURES = 16;\nconst classes = [];\nfunction addClass(c) { classes.push(c); }\n['a', 'b', 'c'].forEach(addClass);\n${head}function train() {\n  return buildHead(classes.length);\n}\nmodule.exports = { train };\n`,
      `const FEATURES = 16;\nconst units = 3;\nfunction a(units = 4) { return units; }\nfunction c(units) { units = Math.max(1, units); return units; }\nfunction d() { console.log('set units = 7'); }\n${head}function train() {\n  return buildHead(units);\n}\nmodule.exports = { a, c, d, train };\n`,
      `const FEATURES = 16;\nexport const OUT = [3];\n${head}export function train() {\n  return buildHead(OUT[0]);\n}\n`,
    ];
    for (const body of known) assert.deepEqual(rows(await analyze(body)), [['-1,8', 136], ['-1,3', 27]], body);
    // What is not the top level's alone (probes 47h J4–J7): a handler arrow calling the function, a function
    // nothing in the file calls (the page's HTML does), a default that only reads the name, a string naming
    // the function, a write inside a template's ${…}: unknown.
    const unknownNow = [
      `const FEATURES = 16;\nconst classes = [];\nfunction grow() { classes.push(1); }\ndocument.body.onclick = () => grow();\n${head}function train() {\n  return buildHead(classes.length);\n}\nmodule.exports = { train };\n`,
      `const FEATURES = 16;\nconst classes = [];\nfunction addClass(n) { classes.push(n); }\n${head}function train() {\n  return buildHead(classes.length);\n}\n`,
      `const FEATURES = 16;\nlet UNITS = 2;\nfunction tweak(v = UNITS) { UNITS = v; }\n${head}function train() {\n  return buildHead(UNITS);\n}\nmodule.exports = { train, tweak };\n`,
      `const FEATURES = 16;\nconst labels = [];\nfunction note(c) { return \`\${labels.push(c)}\`; }\n${head}function train() {\n  return buildHead(labels.length);\n}\nmodule.exports = { train, note };\n`,
    ];
    for (const body of unknownNow) {
      const r = await analyze(body);
      assert.deepEqual(errors(r), [], body);
      assert.deepEqual(rows(r), [['-1,8', 136], ['?', null]], body);
    }
    const placeholder = await analyze(`const FEATURES = 16;\nlet numClasses = null;\nfunction onData(classes) { numClasses = classes.length; }\n${head}function train() {\n  return buildHead(numClasses || 2);\n}\nmodule.exports = { train, onData };\n`);
    assert.deepEqual(rows(placeholder), [['-1,8', 136], ['?', null]]);
  });

  it('values only the program\'s own statements set before it calls the builder: tfjs\'s numbers', async () => {
    const body = `const FEATURES = 16;\nconst classNames = [];\n${head}classNames.push('cat');\nclassNames.push('dog');\nclassNames.push('bird');\nconst model = buildHead(classNames.length);\n`;
    const real = (new Function('tf', `${body}return model;`) as (t: typeof tf) => tf.LayersModel)(tf);
    try {
      const r = await analyze(body);
      assert.deepEqual(rows(r), [['-1,8', 136], ['-1,3', real.countParams() - 136]]);
    } finally {
      real.dispose();
    }
  });
});

describe('tfjs: a functional model whose output a layer class the analysis cannot see makes (round 44c: a dueling head merged by a package\'s layer)', () => {
  it('lists the layers before it with tfjs\'s numbers; the total and the output are unknown', async () => {
    const body = "const { MergeHeads } = require('some-layers-package');\nfunction createDueling() {\n  const input = tf.input({ shape: [64] });\n  const hidden = tf.layers.dense({ units: 32, activation: 'relu' }).apply(input);\n  const value = tf.layers.dense({ units: 1 }).apply(hidden);\n  const advantage = tf.layers.dense({ units: 4 }).apply(hidden);\n  const q = new MergeHeads({}).apply([advantage, value]);\n  return tf.model({ inputs: input, outputs: q });\n}\nmodule.exports = { createDueling };\n";
    const m = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${body}`, 'javascript').models[0]!;
    // (tfjs 4.22 with the head as a plain add: dense_Dense1 [null,32] 2080, dense_Dense2 [null,1] 33, dense_Dense3 [null,4] 132.)
    assert.deepEqual(m.layers.map((l) => [l.name, l.output.known ? l.output.shape.join(',') : '?', l.params]), [['dense_Dense1', '-1,32', 2080], ['dense_Dense2', '-1,1', 33], ['dense_Dense3', '-1,4', 132]]);
    assert.equal(m.totalParams, null);
    assert.equal(m.output.known, false);
  });
});

describe('tfjs: functional models tfjs refuses (round 47c: a dense given a list, a critic that forgets its action input)', () => {
  const analyze = async (body: string) => analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${body}`, 'javascript');
  const errors = (r: Awaited<ReturnType<typeof analyze>>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en);
  const build = (body: string, name: string): (() => tf.LayersModel) => () => (new Function('tf', `${body}return ${name};`) as (t: typeof tf) => tf.LayersModel)(tf);

  it('tf.layers.dense(…).apply([a, b]): tfjs throws ("expects 1 inputs, but it received 2"); an error, no numbers', async () => {
    const body = "const input = tf.input({shape: [12]});\nconst a = tf.layers.dense({units: 4}).apply(input);\nconst b = tf.layers.dense({units: 4}).apply(input);\nconst merged = tf.layers.dense({units: 6}).apply([a, b]);\nconst model = tf.model({inputs: input, outputs: merged});\n";
    assert.throws(build(body, 'model'), /expects 1 inputs/);
    const r = await analyze(body);
    assert.ok(errors(r).some((e) => /takes one input, gets a list of 2/.test(e)), JSON.stringify(errors(r)));
    assert.equal(r.models[0]?.totalParams, null);
  });

  it('an output that needs a tf.input the model does not list: tfjs\'s "Graph disconnected"; listed, tfjs\'s numbers', async () => {
    const body = "const s = tf.input({shape: [8]});\nconst a = tf.input({shape: [2]});\nconst h = tf.layers.dense({units: 16}).apply(s);\nconst cat = tf.layers.concatenate().apply([h, a]);\nconst q = tf.layers.dense({units: 1}).apply(cat);\nconst critic = tf.model({inputs: s, outputs: q});\n";
    assert.throws(build(body, 'critic'), /Graph disconnected/);
    const r = await analyze(body);
    assert.ok(errors(r).some((e) => /Graph disconnected/.test(e)), JSON.stringify(errors(r)));
    assert.deepEqual([r.models[0]?.output.known, r.models[0]?.totalParams], [false, null]);
    const fixed = body.replace('inputs: s,', 'inputs: [s, a],');
    const real = build(fixed, 'critic')();
    try {
      const ok = await analyze(fixed);
      assert.deepEqual(errors(ok), []);
      assert.equal(ok.models[0]?.totalParams, real.countParams());
    } finally {
      real.dispose();
    }
  });
});

describe('tfjs: layers made in an Array.from callback (round 47c: the names of every later layer)', () => {
  it('run once per item, in order: the layers, their default names and the later model\'s names are tfjs\'s', async () => {
    const body = "function tower(n) {\n  const input = tf.input({shape: [8]});\n  const layers = Array.from({length: n}, (_, i) => tf.layers.dense({units: 2 ** (i + 3)}));\n  const out = layers.reduce((x, l) => l.apply(x), input);\n  return tf.model({inputs: input, outputs: out});\n}\nfunction head() {\n  return tf.sequential({layers: [tf.layers.dense({inputShape: [6], units: 12}), tf.layers.dense({units: 3})]});\n}\nconst built = {tower: tower(3), head: head()};\n";
    const real = (new Function('tf', `${body}return built;`) as (t: typeof tf) => { tower: tf.LayersModel; head: tf.LayersModel })(tf);
    try {
      const r = analyzeText(await testParsers(), `const tf = require('@tensorflow/tfjs');\n${body}`, 'javascript');
      const ours = r.models.flatMap((m) => m.layers.map((l) => [l.name, l.params]));
      // (tfjs numbers default names per process: counted from this build's first Dense, they are what a fresh run shows.)
      const real0 = [real.tower, real.head].flatMap((m) => m.layers.filter((l) => l.getClassName() !== 'InputLayer'));
      const first = Math.min(...real0.map((l) => Number(/(\d+)$/.exec(l.name)![1])));
      const theirs = real0.map((l) => [l.name.replace(/(\d+)$/, (d) => String(Number(d) - first + 1)), l.countParams()]);
      assert.deepEqual(ours, theirs);
    } finally {
      real.tower.dispose();
      real.head.dispose();
    }
  });
});
