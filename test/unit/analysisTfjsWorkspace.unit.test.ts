// A tfjs builder whose sizes are parameters, called by another workspace file (train.js) with
// constants of a third (vocab.js): the analysis runs the caller to learn the arguments (a test
// file's toy call is left out) and the model's layers equal what tfjs builds with them.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { analyzeText } from '../../src/analysis/analyze';
import type { WorkspaceFiles } from '../../src/analysis/types';
import { FIXTURES, read, testParsers } from './analysisSupport';

const ROOT = join(FIXTURES, 'workspace', 'tfjsBuilderCall');

/** A fixture folder as the workspace of one of its files (read from disk, as the editor's worker reads it). */
function workspaceIn(root: string, file: string): WorkspaceFiles {
  return { fileName: file, root, readFile: (p) => { try { return read(p); } catch { return undefined; } }, listFiles: (ext) => readdirSync(root).map((n) => join(root, n)).filter((p) => extname(p) === ext) };
}

function workspace(file: string): WorkspaceFiles {
  return workspaceIn(ROOT, file);
}

describe('tfjs analysis: a builder sized by the workspace file that calls it', function () {
  this.timeout(120_000);
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('takes the arguments of train.js (constants of vocab.js, escapes decoded), not the test file\'s', async () => {
    const file = join(ROOT, 'model.js');
    const result = analyzeText(await testParsers(), read(file), 'javascript', { workspace: workspace(file) }, file);
    const ours = result.models.find((m) => m.name === 'model');
    assert.ok(ours, `model found (found ${result.models.map((m) => m.name).join(', ')})`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { VOCAB, SEQ_LEN } = require(join(ROOT, 'vocab.js')) as { VOCAB: string; SEQ_LEN: number };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createModel } = require(file) as { createModel: (...a: number[]) => tf.LayersModel };
    const real = createModel(VOCAB.length, 5, SEQ_LEN, 6);
    try {
      const layers = real.layers.filter((l) => l.getClassName() !== 'InputLayer');
      assert.deepEqual(ours.layers.map((l) => l.kind), layers.map((l) => l.getClassName()));
      layers.forEach((l, i) => {
        const o = ours.layers[i]!;
        assert.deepEqual(o.output.known ? o.output.shape : o.output.reason.en, (l.outputShape as (number | null)[]).map((d) => d ?? -1), `${o.name} shape`);
        assert.equal(o.params, l.countParams(), `${o.name} params`);
      });
      assert.equal(ours.totalParams, real.countParams());
      assert.equal(ours.layers.find((l) => l.kind === 'Activation')?.name, 'weights');
    } finally {
      real.dispose();
    }
  });

  it('leaves a parameter unknown, with the reason, when no workspace file gives it', async () => {
    const file = join(ROOT, 'model.js');
    const result = analyzeText(await testParsers(), read(file), 'javascript', { workspace: { ...workspace(file), listFiles: () => [] } }, file);
    const ours = result.models.find((m) => m.name === 'model');
    assert.ok(ours);
    assert.equal(ours.totalParams, null);
    assert.ok(ours.layers.every((l) => !l.output.known), 'no shape known without the sizes');
    // Weightless layers count 0 whatever the sizes; the others need them.
    for (const l of ours.layers) assert.equal(l.params, ['Dot', 'Activation', 'Concatenate'].includes(l.kind) ? 0 : null, `${l.name} params`);
  });
});

// A subclass of a class another workspace file defines: the base's constructor (not followed)
// may make layers, so tfjs's default names after `super()` are not known; a base of this file is
// followed and its layers counted.
describe('tfjs analysis: default names after super() of a base class', () => {
  const sub = (base: string): string => `const tf = require('@tensorflow/tfjs');
${base}
class Child extends Base {
  constructor(v) {
    super(v);
    const inp = tf.input({ shape: [4] });
    this.model = tf.model({ inputs: inp, outputs: tf.layers.dense({ units: 3 }).apply(inp) });
  }
}
const m = new Child(5).model;
`;
  it('are unknown when the base is imported from another file', async () => {
    const result = analyzeText(await testParsers(), sub("const { Base } = require('./base');"), 'javascript', {}, '/ws/child.js');
    const ours = result.models.find((m) => m.name === 'm');
    assert.ok(ours, `found ${result.models.map((m) => m.name).join(', ')}`);
    assert.deepEqual(ours.layers.map((l) => l.name), ['dense_Dense?']);
  });

  it('count the layers of a base class of the file', async () => {
    const base = "class Base { constructor(v) { const i = tf.input({ shape: [2] }); this.model = tf.model({ inputs: i, outputs: tf.layers.dense({ units: v }).apply(i) }); } }";
    const result = analyzeText(await testParsers(), sub(base), 'javascript', {}, '/ws/child.js');
    const ours = result.models.find((m) => m.name === 'm');
    assert.ok(ours, `found ${result.models.map((m) => m.name).join(', ')}`);
    assert.deepEqual(ours.layers.map((l) => l.name), ['dense_Dense2']);
  });
});

// An agent whose networks are a class and a builder of another workspace file (parts.ts): they run
// with agent.ts's arguments, their models are listed in agent.ts at the line of the call, and a
// model parts.ts makes when imported takes tfjs's first default name but is not agent.ts's.
describe('tfjs analysis: a class and a builder imported from another workspace file', function () {
  this.timeout(120_000);
  const root = join(FIXTURES, 'workspace', 'tfjsImportedClass');
  const files = (file: string): WorkspaceFiles => workspaceIn(root, file);
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('equal what tfjs builds, named as tfjs names them, shown at the calls', async () => {
    const file = join(root, 'agent.ts');
    const text = read(file);
    const result = analyzeText(await testParsers(), text, 'typescript', { workspace: files(file) }, file);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { agent, halved, wider } = require(file) as { agent: { net: { model: tf.LayersModel }; critic: tf.Sequential }; halved: tf.LayersModel; wider: { base: tf.Sequential; wide: tf.Sequential } };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { probe } = require(join(root, 'parts.ts')) as { probe: tf.Sequential };
    // This process numbered other models' layers first: Dense names less the probe's offset (the
    // probe's Dense is the first the analysis counts); other classes by their name alone.
    const offset = Number(/(\d+)$/.exec(probe.layers[0]!.name)![1]) - 1;
    const unshift = (name: string): string => (name.startsWith('dense_') ? name.replace(/\d+$/, (d) => String(Number(d) - offset)) : name.replace(/\d+$/, ''));
    const ourName = (name: string): string => (name.startsWith('dense_') ? name : name.replace(/\d+$/, ''));
    const lineOf = (s: string): number => text.split('\n').findIndex((l) => l.includes(s));
    const cases: [string, tf.LayersModel, number][] = [['model', agent.net.model, lineOf('new PolicyNet(')], ['m', agent.critic, lineOf('valueHead(this')], ['halved', halved, lineOf('new Halve(')], ['base', wider.base, lineOf('super(3)')], ['wide', wider.wide, lineOf('this.wide =')]];
    assert.deepEqual(result.models.map((m) => m.name).sort(), cases.map((c) => c[0]).sort(), 'the probe parts.ts makes on import is not listed');
    for (const [name, real, line] of cases) {
      const ours = result.models.find((m) => m.name === name)!;
      const layers = real.layers.filter((l) => l.getClassName() !== 'InputLayer');
      assert.deepEqual(ours.layers.map((l) => ourName(l.name)), layers.map((l) => unshift(l.name)), `${name}: names`);
      layers.forEach((l, i) => {
        const o = ours.layers[i]!;
        assert.deepEqual(o.output.known ? o.output.shape : o.output.reason.en, (l.outputShape as (number | null)[]).map((d) => d ?? -1), `${o.name} shape`);
        assert.equal(o.params, l.countParams(), `${o.name} params`);
        assert.equal(o.range.start.line, line, `${o.name} is shown at the call in agent.ts`);
      });
      assert.equal(ours.totalParams, real.countParams(), `${name}: total`);
      assert.equal(ours.range.start.line, line);
    }
  });

  it('without the workspace the imported class is not followed: unknown, never guessed', async () => {
    const file = join(root, 'agent.ts');
    const result = analyzeText(await testParsers(), read(file), 'typescript', {}, file);
    for (const m of result.models) assert.ok(m.layers.every((l) => !l.output.known), `${m.name}: nothing known`);
  });
});

// A training script whose model is a value another workspace file made and exports (mnist-node's
// `const model = require('./model')`): listed in the script at the require, equal to tfjs's.
describe('tfjs analysis: a model another workspace file exports as a value', function () {
  this.timeout(120_000);
  const root = join(FIXTURES, 'workspace', 'tfjsModelModule');
  const files = (file: string): WorkspaceFiles => workspaceIn(root, file);
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('is listed at the require with tfjs shapes, counts and name order', async () => {
    const file = join(root, 'main.js');
    const text = read(file);
    const result = analyzeText(await testParsers(), text, 'javascript', { workspace: files(file) }, file);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { model: real } = require(file) as { model: tf.Sequential };
    const ours = result.models.find((m) => m.name === 'model');
    assert.ok(ours, `found ${result.models.map((m) => m.name).join(', ')}`);
    const line = text.split('\n').findIndex((l) => l.includes("require('./model')"));
    assert.equal(ours.range.start.line, line);
    const layers = real.layers.filter((l) => l.getClassName() !== 'InputLayer');
    assert.deepEqual(ours.layers.map((l) => l.name.replace(/\d+$/, '')), layers.map((l) => l.name.replace(/\d+$/, '')));
    layers.forEach((l, i) => {
      const o = ours.layers[i]!;
      assert.deepEqual(o.output.known ? o.output.shape : o.output.reason.en, (l.outputShape as (number | null)[]).map((d) => d ?? -1), `${o.name} shape`);
      assert.equal(o.params, l.countParams(), `${o.name} params`);
      assert.equal(o.range.start.line, line, `${o.name} is shown at the require`);
    });
    assert.equal(ours.totalParams, real.countParams());
  });
});

// A tf.Sequential subclass whose base (another file's) only makes the model and asks the subclass
// for its layers (round 34c: a spam classifier's `abstract class Model extends Sequential`): the
// subclass's layers, as tfjs builds them; a base with code of its own is not run (no model shown).
describe('tfjs analysis: a subclass of another file\'s tf.Sequential base', function () {
  this.timeout(120_000);
  const root = join(FIXTURES, 'workspace', 'tfjsSequentialBase');
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('has the layers its methods add, with or without a constructor of its own (tfjs\'s shapes and counts)', async () => {
    const file = join(root, 'classifiers.ts');
    const result = analyzeText(await testParsers(), read(file), 'typescript', { workspace: workspaceIn(root, file) }, file);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const built = require(file) as Record<string, tf.Sequential>;
    assert.deepEqual(result.models.map((m) => m.name).sort(), ['averaging', 'recurrent'], 'counted\'s base keeps a value of its own: not run');
    for (const name of ['averaging', 'recurrent']) {
      const ours = result.models.find((m) => m.name === name)!;
      const real = built[name]!;
      const layers = real.layers.filter((l) => l.getClassName() !== 'InputLayer');
      assert.deepEqual(ours.layers.map((l) => l.kind), layers.map((l) => l.getClassName()), `${name}: kinds`);
      layers.forEach((l, i) => {
        const o = ours.layers[i]!;
        assert.deepEqual(o.output.known ? o.output.shape : o.output.reason.en, (l.outputShape as (number | null)[]).map((d) => d ?? -1), `${o.name} shape`);
        assert.equal(o.params, l.countParams(), `${o.name} params`);
      });
      assert.equal(ours.totalParams, real.countParams(), `${name}: total`);
    }
  });

  it('without the base\'s file: no model is claimed', async () => {
    const file = join(root, 'classifiers.ts');
    const result = analyzeText(await testParsers(), read(file), 'typescript', {}, file);
    assert.deepEqual(result.models.filter((m) => m.layers.some((l) => l.output.known)).map((m) => m.name), []);
  });
});

describe('tfjs analysis: an anonymous default-exported builder', function () {
  this.timeout(120_000);
  const root = join(FIXTURES, 'workspace', 'tfjsDefaultExport');

  it('runs under the name its importer gives it, with tfjs shapes and counts', async () => {
    const file = join(root, 'index.js');
    const result = analyzeText(await testParsers(), read(file), 'javascript', { workspace: workspaceIn(root, file) }, file);
    const ours = result.models.find((m) => m.name === 'model');
    assert.ok(ours, `found ${result.models.map((m) => m.name).join(', ')}`);
    await tf.setBackend('cpu');
    const real = tf.sequential();
    real.add(tf.layers.conv2d({ inputShape: [12, 12, 1], kernelSize: 3, filters: 4, activation: 'relu' }));
    real.add(tf.layers.flatten());
    real.add(tf.layers.dense({ units: 5, activation: 'softmax' }));
    assert.deepEqual(ours.layers.map((l) => (l.output.known ? l.output.shape : null)), real.layers.map((l) => (l.outputShape as (number | null)[]).map((d) => d ?? -1)));
    assert.deepEqual(ours.layers.map((l) => l.params), real.layers.map((l) => l.countParams()));
    assert.equal(ours.totalParams, real.countParams());
  });
});

// super() of a base class of another file whose constructor calls a method the subclass overrides
// (a template method): that would run this file's code with the instance's fields split between the
// files, so it is not followed and the default names after it are unknown, never guessed.
describe('tfjs analysis: a base class of another file calling an overridden method', () => {
  it('is not followed: the names after it are unknown', async () => {
    const files = new Map([
      ['/ws/base.js', "const tf = require('@tensorflow/tfjs');\nclass Base {\n  constructor(n) {\n    this.n = n;\n    this.model = this.build();\n  }\n  build() {\n    return tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [this.n] })] });\n  }\n}\nmodule.exports = { Base };\n"],
      ['/ws/main.js', "const tf = require('@tensorflow/tfjs');\nconst { Base } = require('./base');\nclass Child extends Base {\n  constructor() {\n    super(3);\n  }\n  build() {\n    return tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [this.n] })] });\n  }\n}\nconst c = new Child();\nconst after = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [4] })] });\n"],
    ]);
    const ws: WorkspaceFiles = { fileName: '/ws/main.js', root: '/ws', readFile: (p) => files.get(p), listFiles: (ext) => [...files.keys()].filter((p) => p.endsWith(ext)) };
    const result = analyzeText(await testParsers(), files.get('/ws/main.js')!, 'javascript', { workspace: ws }, '/ws/main.js');
    const after = result.models.find((m) => m.name === 'after');
    assert.ok(after, `found ${result.models.map((m) => m.name).join(', ')}`);
    assert.deepEqual(after.layers.map((l) => l.name), ['dense_Dense?']);
    assert.deepEqual(after.output.known ? after.output.shape : null, [-1, 2]);
  });
});

describe('tfjs analysis: more imports than the analysis reads', () => {
  const workspaceOf = (lastImport: string): { ws: WorkspaceFiles; main: string } => {
    const files = new Map<string, string>();
    const imports: string[] = [];
    // The file's own imports: 16 read, the 17th not.
    for (let i = 1; i <= 17; i++) {
      files.set(`/ws/c${i}.js`, `module.exports = { c${i}: ${i} };\n`);
      imports.push(`const { c${i} } = require('./c${i}');`);
    }
    files.set('/ws/c17.js', lastImport);
    const main = `const tf = require('@tensorflow/tfjs');\n${imports.join('\n')}\nconst net = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [c8] })] });\n`;
    files.set('/ws/main.js', main);
    return { ws: { fileName: '/ws/main.js', root: '/ws', readFile: (p) => files.get(p), listFiles: (ext) => [...files.keys()].filter((p) => p.endsWith(ext)) }, main };
  };
  const names = async (lastImport: string): Promise<string[]> => {
    const { ws, main } = workspaceOf(lastImport);
    const net = analyzeText(await testParsers(), main, 'javascript', { workspace: ws }, '/ws/main.js').models.find((m) => m.name === 'net');
    assert.ok(net);
    assert.deepEqual(net.output.known ? net.output.shape : null, [-1, 2]);
    return net.layers.map((l) => l.name);
  };

  it('one left unread that may make layers when imported: tfjs\'s default names are unknown (tfjs counts its layers first)', async () => {
    assert.deepEqual(await names("const tf = require('@tensorflow/tfjs');\nconst warm = tf.layers.dense({ units: 1 });\nmodule.exports = { c17: 17 };\n"), ['dense_Dense?']);
  });

  it('one left unread that makes no layers: the names stay known', async () => {
    assert.deepEqual(await names('module.exports = { c17: 17 };\n'), ['dense_Dense1']);
  });

  // survaillant-ais (corpus 21b): the unread file is a game's entity class, whose imports touch no tfjs.
  it('one left unread whose imports, read as text, make no layers: the names stay known', async () => {
    const { ws, main } = workspaceOf("const { Base } = require('./entity/base');\nclass Chest extends Base {}\nmodule.exports = { c17: 17, Chest };\n");
    const files = new Map([['/ws/entity/base.js', "const { log } = require('../util/log.js');\nclass Base {}\nmodule.exports = { Base };\n"], ['/ws/util/log.js', 'module.exports = { log: console.log };\n']]);
    const all: WorkspaceFiles = { ...ws, readFile: (p) => files.get(p) ?? ws.readFile(p) };
    const net = analyzeText(await testParsers(), main, 'javascript', { workspace: all }, '/ws/main.js').models.find((m) => m.name === 'net');
    assert.deepEqual(net?.layers.map((l) => l.name), ['dense_Dense1']);
  });

  // KristoferSundequist's ppo.ts (corpus 14b): `./index` imports every page module, the analysed file too.
  it('one left unread that uses tfjs only inside its functions, or imports the analysed file back: the names stay known', async () => {
    for (const last of ["const tf = require('@tensorflow/tfjs');\nfunction make() {\n  return tf.layers.dense({ units: 1 });\n}\nclass Agent {\n  build() {\n    return tf.sequential();\n  }\n}\nmodule.exports = { c17: 17, make, Agent };\n", "const back = require('./main');\nmodule.exports = { c17: 17 };\n"]) {
      assert.deepEqual(await names(last), ['dense_Dense1'], last);
    }
    // A top-level statement that calls such a function does make a layer as the file is read.
    assert.deepEqual(await names("const tf = require('@tensorflow/tfjs');\nfunction make() {\n  return tf.layers.dense({ units: 1 });\n}\nconst warm = make();\nmodule.exports = { c17: 17 };\n"), ['dense_Dense?']);
  });

  // aeolai1/Roman-Road (corpus 15b) vendors tf.min.js beside its scripts: parsing such bundles, again
  // and again, exhausted the parser's wasm heap. A bundle is not parsed; it may make layers.
  it('one left unread that is a bundle of tfjs: not parsed, the names are unknown', async () => {
    const bundle = `const tf = require('@tensorflow/tfjs');\n${'function f(a) { return a + 1; }\n'.repeat(8000)}module.exports = { c17: 17 };\n`;
    assert.ok(bundle.length > 200_000);
    assert.deepEqual(await names(bundle), ['dense_Dense?']);
  });

  it('one left unread whose import makes a layer, or names a file that is not there: the names are unknown', async () => {
    for (const second of ["const tf = require('@tensorflow/tfjs');\nmodule.exports = { warm: tf.layers.dense({ units: 1 }) };\n", undefined]) {
      const { ws, main } = workspaceOf("const { warm } = require('./deep/warm');\nmodule.exports = { c17: 17, warm };\n");
      const all: WorkspaceFiles = { ...ws, readFile: (p) => (p === '/ws/deep/warm.js' ? second : ws.readFile(p)) };
      const net = analyzeText(await testParsers(), main, 'javascript', { workspace: all }, '/ws/main.js').models.find((m) => m.name === 'net');
      assert.deepEqual(net?.layers.map((l) => l.name), ['dense_Dense?'], String(second));
    }
  });

  // survaillant-ais (corpus 21b): `../common/network.js` pulls in a whole package before
  // `../common/tensorflow/keras.js`, the layer helpers, is imported.
  const helpers = "const tf = require('@tensorflow/tfjs');\nfunction dense(o) {\n  return tf.layers.dense({ ...o, units: o.units * 2 });\n}\nmodule.exports = { dense };\n";
  const chain = (files: Map<string, string>): void => {
    for (let i = 1; i <= 12; i++) files.set(`/ws/pkg/p${i}.js`, i < 12 ? `const next = require('./p${i + 1}');\nmodule.exports = { depth: next.depth + 1 };\n` : 'module.exports = { depth: 1 };\n');
    files.set('/ws/pkg/index.js', "const { depth } = require('./p1');\nmodule.exports = { depth };\n");
    files.set('/ws/helpers.js', helpers);
  };
  const widths = (r: ReturnType<typeof analyzeText>, name: string): unknown => {
    const m = r.models.find((x) => x.name === name);
    return m?.layers.map((l) => (l.output.known ? l.output.shape : null));
  };

  it('a first import reading a long chain of files does not leave the file\'s next import unread', async () => {
    const files = new Map<string, string>();
    chain(files);
    files.set('/ws/main.js', "const tf = require('@tensorflow/tfjs');\nconst { depth } = require('./pkg');\nconst { dense } = require('./helpers');\nconst net = tf.sequential();\nnet.add(dense({ units: 3, inputShape: [4] }));\n");
    const ws: WorkspaceFiles = { fileName: '/ws/main.js', root: '/ws', readFile: (p) => files.get(p), listFiles: (ext) => [...files.keys()].filter((p) => p.endsWith(ext)) };
    assert.deepEqual(widths(analyzeText(await testParsers(), files.get('/ws/main.js')!, 'javascript', { workspace: ws }, '/ws/main.js'), 'net'), [[-1, 6]]);
  });

  it('the files run to learn a builder\'s arguments read their imports on a budget of their own', async () => {
    const files = new Map<string, string>();
    chain(files);
    files.set('/ws/model.js', "const tf = require('@tensorflow/tfjs');\nconst { dense } = require('./helpers');\nfunction build(n) {\n  const net = tf.sequential();\n  net.add(dense({ units: 3, inputShape: [n] }));\n  return net;\n}\nmodule.exports = { build };\n");
    files.set('/ws/train.js', "const { depth } = require('./pkg');\nconst { build } = require('./model');\nconst m = build(5);\n");
    const ws: WorkspaceFiles = { fileName: '/ws/model.js', root: '/ws', readFile: (p) => files.get(p), listFiles: (ext) => [...files.keys()].filter((p) => p.endsWith(ext)) };
    assert.deepEqual(widths(analyzeText(await testParsers(), files.get('/ws/model.js')!, 'javascript', { workspace: ws }, '/ws/model.js'), 'net'), [[-1, 6]]);
  });
});

// `this.tf.sequential()` in a class the file never constructs: the field is tfjs only when every
// assignment the class and its bases make is surely tfjs (fieldNamespace.js has the cases that are).
describe('tfjs analysis: the tf namespace held in a field', () => {
  const code = (init: string, head = ''): string => `const tfjs = require('@tensorflow/tfjs');
${head}
class Base {
  async init(options) {
${init}
    this.net = this.build();
  }
}
class Critic extends Base {
  build() {
    const net = this.tf.sequential();
    net.add(this.tf.layers.dense({ inputShape: [8], units: 4 }));
    return net;
  }
}
`;
  const found = async (src: string): Promise<boolean> => analyzeText(await testParsers(), src, 'javascript', {}, '/ws/critic.js').models.some((m) => m.name === 'net');

  it('is followed through a variable of tfjs and `await import` of a tfjs package', async () => {
    assert.ok(await found(code("    this.tf = tf;\n    if (options.gpu) { const pkg = '@tensorflow/tfjs-node-gpu'; tf = await import(pkg); this.tf = tf; }", 'let tf = tfjs;')));
  });

  it('is not followed when one assignment may be something else', async () => {
    assert.equal(await found(code('    this.tf = tfjs;\n    if (options.lib) this.tf = options.lib;')), false);
    assert.equal(await found(code('    this.tf = tf;', "let tf = tfjs;\nif (process.env.FAKE) tf = { sequential: () => null };")), false);
    assert.equal(await found(code("    this.tf = await import(options.pkg);")), false);
    assert.equal(await found(code('    this.tf = require(\'@tensorflow/tfjs-core\');')), false);
  });

  it('is not followed when the base is a class the analysis cannot read', async () => {
    const src = code('    this.tf = tfjs;').replace(/class Base \{[^]*?\n\}\n/, "const { Base } = require('./base');\n");
    assert.equal(await found(src), false);
  });
});

// pageScript.js has a page in its own folder; here the page is a folder above the script and
// loads another script only after it (not a global the script can read while it runs).
describe('tfjs analysis: globals of the scripts a page loads first', () => {
  const files = new Map([
    ['/ws/game/index.html', '<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs"></script>\n<script src="settings/settings.js"></script>\n<script src="agent/policy.js"></script>\n<script src="late.js"></script>\n'],
    ['/ws/game/settings/settings.js', 'let g_settings = { units: 6, layers: 2 };\n'],
    ['/ws/game/late.js', 'var g_late = { units: 9 };\n'],
    ['/ws/game/agent/policy.js', 'function build() {\n  const policy = tf.sequential();\n  for (let i = 0; i < g_settings.layers; i++) policy.add(tf.layers.dense({ units: g_settings.units, inputShape: i === 0 ? [3] : undefined }));\n  return policy;\n}\nfunction buildLate() {\n  const late = tf.sequential();\n  late.add(tf.layers.dense({ units: g_late.units, inputShape: [3] }));\n  return late;\n}\n'],
  ]);
  const ws: WorkspaceFiles = { fileName: '/ws/game/agent/policy.js', root: '/ws', readFile: (p) => files.get(p), listFiles: (ext) => [...files.keys()].filter((p) => p.endsWith(ext)) };

  it('reads a global of a script loaded before it by a page of a folder above, not of one loaded after', async () => {
    const result = analyzeText(await testParsers(), files.get('/ws/game/agent/policy.js')!, 'javascript', { workspace: ws }, '/ws/game/agent/policy.js');
    const policy = result.models.find((m) => m.name === 'policy');
    assert.ok(policy, result.models.map((m) => m.name).join());
    assert.deepEqual(policy.layers.map((l) => l.params), [24, 42]);
    const late = result.models.find((m) => m.name === 'late');
    assert.ok(late);
    assert.equal(late.totalParams, null);
  });
});

// survaillant-ais's ppo/hyperparameters.js (corpus 21b): `Defaults[Keys.UNITS] = [64, 64]` at the
// file's top level, which ran when the file was read; a change inside one of its functions may run later.
describe('tfjs analysis: an imported object its file fills at its top level', () => {
  const widths = async (hyper: string): Promise<unknown> => {
    const files = new Map([
      ['/ws/hyper.js', hyper],
      ['/ws/main.js', "import * as tf from '@tensorflow/tfjs';\nimport { Defaults } from './hyper.js';\nconst input = tf.input({ shape: [3] });\nlet x = input;\nfor (const u of Defaults.UNITS) x = tf.layers.dense({ units: u }).apply(x);\nconst net = tf.model({ inputs: input, outputs: x });\n"],
    ]);
    const ws: WorkspaceFiles = { fileName: '/ws/main.js', root: '/ws', readFile: (p) => files.get(p), listFiles: (ext) => [...files.keys()].filter((p) => p.endsWith(ext)) };
    const net = analyzeText(await testParsers(), files.get('/ws/main.js')!, 'javascript', { workspace: ws }, '/ws/main.js').models.find((m) => m.name === 'net');
    return net?.layers.map((l) => (l.output.known ? l.output.shape : null));
  };

  it('by computed keys: the values are known', async () => {
    assert.deepEqual(await widths("const Keys = { UNITS: 'UNITS' };\nconst Defaults = {};\nDefaults[Keys.UNITS] = [64, 8];\nexport { Defaults };\n"), [[-1, 64], [-1, 8]]);
  });

  it('changed by a function of that file, or under a condition it cannot decide: not known', async () => {
    for (const change of ['export function grow() {\n  Defaults.UNITS.push(5);\n}\n', 'setTimeout(() => {\n  Defaults.UNITS = [3];\n}, 0);\n', 'if (process.env.WIDE) Defaults.UNITS = [128, 8];\n']) {
      const got = await widths(`const Defaults = { UNITS: [64, 8] };\n${change}export { Defaults };\n`);
      assert.ok(!Array.isArray(got) || got.every((s) => s === null), `${change}: ${JSON.stringify(got)}`);
    }
  });
});

describe('tfjs analysis: tfjs through a file of the project that re-exports it', () => {
  it('`import * as tf from \'./tensorflow\'` where tensorflow.js says `export * from \'@tensorflow/tfjs\'` is tfjs (round 27c: a knapsack RL app)', async () => {
    const files: Record<string, string> = {
      '/ws/tensorflow.js': "export * from '@tensorflow/tfjs';\n",
      '/ws/model.js': "import * as tf from './tensorflow';\nimport { sequential, layers } from './tensorflow';\n\nexport function createModel() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ inputShape: [2, 2, 4], units: 128, activation: 'elu' }));\n  model.add(tf.layers.flatten());\n  model.add(tf.layers.dense({ units: 2 }));\n  return model;\n}\n\nexport function createHead() {\n  const head = sequential();\n  head.add(layers.dense({ inputShape: [8], units: 3 }));\n  return head;\n}\n\nconst model = createModel();\nconst head = createHead();\n",
    };
    const file = '/ws/model.js';
    const workspace: WorkspaceFiles = { fileName: file, root: '/ws', readFile: (p) => files[p], listFiles: (ext) => Object.keys(files).filter((p) => p.endsWith(ext)) };
    const result = analyzeText(await testParsers(), files[file]!, 'javascript', { workspace }, file);
    // tfjs 4.22: dense over [2, 2, 4] gives [null, 2, 2, 128] (640 weights), flatten 512, dense 1026.
    const model = result.models.find((m) => m.name === 'model');
    assert.equal(model?.totalParams, 640 + 1026);
    assert.deepEqual(model?.output, { known: true, shape: [-1, 2] });
    assert.equal(result.models.find((m) => m.name === 'head')?.totalParams, 27);
  });
});


describe('tfjs analysis: tfjs names a project file imports and exports again', () => {
  it('`export { tf, layers, sequential }` of names it imported from tfjs are tfjs where they are imported (round 28c: a bindings benchmark\'s tfimport.ts)', async () => {
    const files: Record<string, string> = {
      '/ws/tfimport.js': "import * as tf from '@tensorflow/tfjs';\nimport { layers, sequential } from '@tensorflow/tfjs';\nexport { tf, layers, sequential };\n",
      '/ws/model.js': "import { layers, sequential } from './tfimport';\nimport * as lib from './tfimport';\n\nexport function build() {\n  const model = sequential();\n  model.add(layers.dense({ inputShape: [8], units: 4 }));\n  model.add(layers.dense({ units: 2 }));\n  return model;\n}\n\nconst model = build();\nconst small = lib.tf.sequential({ layers: [lib.layers.dense({ inputShape: [3], units: 5 })] });\n",
    };
    const file = '/ws/model.js';
    const workspace: WorkspaceFiles = { fileName: file, root: '/ws', readFile: (p) => files[p], listFiles: (ext) => Object.keys(files).filter((p) => p.endsWith(ext)) };
    const result = analyzeText(await testParsers(), files[file]!, 'javascript', { workspace }, file);
    // tfjs 4.22: dense 8→4 (36 weights), dense 4→2 (10); dense 3→5 (20).
    assert.equal(result.models.find((m) => m.name === 'model')?.totalParams, 46);
    assert.equal(result.models.find((m) => m.name === 'small')?.totalParams, 20);
  });
});

// A page's classic scripts (no import or export: `<script src="nn.js">`, `<script src="bird.js">`,
// as the Coding Train's neuro-evolution sketches and their many copies are written): nn.js's class
// is built only by bird.js, through the global name. Round 28c: three such repositories.
describe('tfjs analysis: a class of a classic script built by another script of the page', function () {
  this.timeout(60_000);
  const NN = 'class NeuralNetwork {\n  constructor(a, b, c) {\n    if (a instanceof tf.Sequential) {\n      this.model = a;\n    } else {\n      this.hidden = b;\n      this.model = this.createModel(a, c);\n    }\n  }\n\n  copy() {\n    return new NeuralNetwork(this.createModel(), 0, 0);\n  }\n\n  createModel(inputs, outputs) {\n    const model = tf.sequential();\n    model.add(tf.layers.dense({ units: this.hidden, inputShape: [inputs], activation: \'sigmoid\' }));\n    model.add(tf.layers.dense({ units: outputs, activation: \'softmax\' }));\n    return model;\n  }\n}\n';
  const BIRD = (args: string): string => `class Bird {\n  constructor(brain) {\n    this.rays = [];\n    for (let a = -45; a < 45; a += 15) this.rays.push(a);\n    this.brain = brain ? brain.copy() : new NeuralNetwork(${args});\n  }\n}\n`;
  const analyse = async (others: Record<string, string>): Promise<ModelInfoLike | undefined> => {
    const files = new Map([['/ws/sketch/nn.js', NN], ...Object.entries(others)]);
    const ws: WorkspaceFiles = { fileName: '/ws/sketch/nn.js', root: '/ws', readFile: (p) => files.get(p), listFiles: (ext) => [...files.keys()].filter((p) => p.endsWith(ext)) };
    return analyzeText(await testParsers(), NN, 'javascript', { workspace: ws }, '/ws/sketch/nn.js').models.find((m) => m.name === 'model');
  };
  type ModelInfoLike = { totalParams: number | null; layers: { params: number | null; output: { known: boolean; shape?: number[] } }[] };
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('takes the arguments bird.js gives (its own loop counting the inputs): what tfjs builds', async () => {
    const ours = await analyse({ '/ws/sketch/bird.js': BIRD('this.rays.length, 8, 2') });
    assert.ok(ours, 'model found');
    const real = (new Function('tf', `${NN}\nreturn new NeuralNetwork(6, 8, 2).model;`) as (t: typeof tf) => tf.Sequential)(tf);
    try {
      assert.deepEqual(ours.layers.map((l) => [l.output.known ? l.output.shape : null, l.params]), real.layers.map((l) => [(l.outputShape as (number | null)[]).map((d) => d ?? -1), l.countParams()]));
      assert.equal(ours.totalParams, real.countParams());
    } finally {
      real.dispose();
    }
  });

  it('not from a module that builds its own NeuralNetwork, and unknown where two scripts disagree', async () => {
    const own = await analyse({ '/ws/sketch/bird.js': `import { NeuralNetwork } from './lib.js';\n${BIRD('6, 8, 2')}` });
    assert.equal(own?.totalParams, null);
    const two = await analyse({ '/ws/sketch/bird.js': BIRD('6, 8, 2'), '/ws/sketch/fish.js': BIRD('6, 4, 2') });
    assert.ok(two, 'model found');
    assert.equal(two.totalParams, null);
    assert.ok(two.layers.every((l) => !l.output.known));
  });
});

// Round 30c: which value a page's global has where a script reads it is the page's order only when
// every script runs in the order of its tag; a global other scripts change later has no one value.
describe('tfjs analysis: a page global whose value the tag order does not decide', () => {
  const NN = 'function build() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 8, inputShape: [INPUTS] }));\n  return model;\n}\n';
  const total = async (html: string, scripts: Record<string, string>): Promise<number | null | undefined> => {
    const files = new Map<string, string>([['/ws/page/index.html', html], ['/ws/page/nn.js', NN], ...Object.entries(scripts).map(([k, v]): [string, string] => [`/ws/page/${k}`, v])]);
    const ws: WorkspaceFiles = { fileName: '/ws/page/nn.js', root: '/ws', readFile: (p) => files.get(p), listFiles: (ext) => [...files.keys()].filter((p) => p.endsWith(ext)) };
    return analyzeText(await testParsers(), NN, 'javascript', { workspace: ws }, '/ws/page/nn.js').models[0]?.totalParams;
  };
  const tags = (...srcs: string[]): string => srcs.map((s) => (s.startsWith('<') ? s : `<script src="${s}"></script>`)).join('\n');

  it('in tag order, a global set by the script before: known (tfjs: 4 inputs, 40 parameters)', async () => {
    assert.equal(await total(tags('config.js', 'nn.js'), { 'config.js': 'var INPUTS = 4;\n' }), 40);
  });

  it('a deferred, async or module script, or an inline one, on the page: not known', async () => {
    const config = { 'config.js': 'var INPUTS = 4;\n', 'override.js': 'INPUTS = 6;\n' };
    assert.equal(await total(tags('<script defer src="override.js"></script>', 'config.js', 'nn.js'), config), null);
    assert.equal(await total(tags('<script async src="override.js"></script>', 'config.js', 'nn.js'), config), null);
    assert.equal(await total(tags('config.js', '<script type="module" src="override.js"></script>', 'nn.js'), config), null);
    assert.equal(await total(tags('config.js', '<script>INPUTS = 10;</script>', 'nn.js'), config), null);
  });

  it('written by another script\'s function (p5\'s setup), through window, or by a later script: not known', async () => {
    assert.equal(await total(tags('config.js', 'nn.js', 'sketch.js'), { 'config.js': 'var INPUTS = 4;\n', 'sketch.js': 'function setup() {\n  INPUTS = 6;\n  brain = build();\n}\n' }), null);
    assert.equal(await total(tags('config.js', 'main.js', 'nn.js'), { 'config.js': 'var INPUTS = 4;\n', 'main.js': 'window.INPUTS = 6;\n' }), null);
    assert.equal(await total(tags('config.js', 'nn.js', 'late.js'), { 'config.js': 'var INPUTS = 4;\n', 'late.js': 'INPUTS = 6;\n' }), null);
  });
});

describe('tfjs analysis: subclasses handing their layers to a base of another file (round 41c: an MNIST zoo of `class LeNet extends Model`)', () => {
  const base = "const tf = require('@tensorflow/tfjs');\nclass Model {\n  constructor(layers, name, data) {\n    this.data = data;\n    this.model = tf.sequential({ name, layers });\n  }\n}\nmodule.exports = { Model };\n";
  const net = "const tf = require('@tensorflow/tfjs');\nconst { Model } = require('./model');\nclass Mini extends Model {\n  constructor(data) {\n    const layers = [\n      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, padding: 'same' }),\n      tf.layers.maxPooling2d({ poolSize: 2 }),\n      tf.layers.flatten(),\n      tf.layers.dense({ units: 10 }),\n    ];\n    super(layers, 'mini', data);\n  }\n}\n";
  const analyse = async (main: string) => {
    const files = new Map([['/ws/model.js', base], ['/ws/mini.js', main]]);
    const ws: WorkspaceFiles = { fileName: '/ws/mini.js', root: '/ws', readFile: (p) => files.get(p), listFiles: (ext) => [...files.keys()].filter((p) => p.endsWith(ext)) };
    return analyzeText(await testParsers(), main, 'javascript', { workspace: ws }, '/ws/mini.js');
  };

  it('a subclass the file never constructs: read as constructed, the base gets its layers (tfjs: 15,770 parameters, [null, 10])', async () => {
    const m = (await analyse(`${net}module.exports = { Mini };\n`)).models;
    assert.deepEqual(m.map((x) => [x.totalParams, x.output.known ? x.output.shape : null]), [[15_770, [-1, 10]]]);
  });

  it('constructed only inside an exported arrow nobody here calls (`make: () => new Mini(data)`): the same model', async () => {
    const m = (await analyse(`${net}module.exports = { make: () => new Mini(null) };\n`)).models;
    assert.deepEqual(m.map((x) => [x.totalParams, x.output.known ? x.output.shape : null]), [[15_770, [-1, 10]]]);
  });
});

describe('tfjs analysis: a class sized two files away (main.js → population.js passing its parameters through → net.js; round 44c)', function () {
  this.timeout(60_000);
  it('takes the sizes main.js gives, as tfjs builds them', async () => {
    const root = join(FIXTURES, 'workspace', 'tfjsTwoHop');
    const file = join(root, 'net.js');
    const ours = analyzeText(await testParsers(), read(file), 'javascript', { workspace: workspaceIn(root, file) }, file).models[0];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Brain } = require(file) as { Brain: new (a: number, b: number, c: number) => { model: tf.LayersModel } };
    const real = new Brain(5, 7, 3).model;
    try {
      assert.deepEqual(ours?.layers.map((l) => [l.output.known ? l.output.shape.map((d) => (d === -1 ? null : d)) : null, l.params]), real.layers.map((l) => [(l.outputShape as (number | null)[]), l.countParams()]));
    } finally {
      real.dispose();
    }
  });
});

describe('tfjs analysis: values the analysed file changes in a module another file reads (probes 48h)', () => {
  it('a list it fills, a field it sets, a field a function of it sets: unknown in the builder of the other file, never the module\'s first values (no "units 0")', async () => {
    const cases: Record<string, string>[] = [
      { '/ws/labels.js': 'const LABELS = [];\nmodule.exports = { LABELS };\n', '/ws/main.js': "const { LABELS } = require('./labels');\nconst { createNet } = require('./net');\nLABELS.push('cat', 'dog', 'bird', 'fish');\nconst model = createNet();\n", '/ws/net.js': "const tf = require('@tensorflow/tfjs');\nconst { LABELS } = require('./labels');\nfunction createNet() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ inputShape: [10], units: 6 }));\n  m.add(tf.layers.dense({ units: LABELS.length }));\n  return m;\n}\nmodule.exports = { createNet };\n" },
      { '/ws/settings.js': 'const SETTINGS = { inputs: 5, hidden: 9 };\nmodule.exports = { SETTINGS };\n', '/ws/main.js': "const settings = require('./settings');\nsettings.SETTINGS.hidden = 30;\nconst { createNet } = require('./net');\nconst model = createNet();\n", '/ws/net.js': "const tf = require('@tensorflow/tfjs');\nconst { SETTINGS } = require('./settings');\nfunction createNet() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ inputShape: [4], units: SETTINGS.hidden }));\n  return m;\n}\nmodule.exports = { createNet };\n" },
      { '/ws/cfg.js': 'module.exports = { units: 20 };\n', '/ws/main.js': "const cfg = require('./cfg');\nconst { createNet } = require('./net');\nfunction setUnits(u) { cfg.units = u; }\nsetUnits(3);\nconst model = createNet();\n", '/ws/net.js': "const tf = require('@tensorflow/tfjs');\nconst cfg = require('./cfg');\nfunction createNet() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ inputShape: [4], units: cfg.units }));\n  return m;\n}\nmodule.exports = { createNet };\n" },
    ];
    for (const files of cases) {
      const workspace: WorkspaceFiles = { fileName: '/ws/main.js', root: '/ws', readFile: (p) => files[p], listFiles: (ext) => Object.keys(files).filter((p) => extname(p) === ext) };
      const r = analyzeText(await testParsers(), files['/ws/main.js']!, 'javascript', { workspace }, '/ws/main.js');
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en), [], files['/ws/main.js']);
      const m = r.models.find((x) => x.name === 'model');
      assert.ok(m, files['/ws/main.js']);
      assert.equal(m.totalParams, null, files['/ws/main.js']);
      assert.equal(m.layers[m.layers.length - 1]!.params, null, files['/ws/main.js']);
    }
  });
});

describe('tfjs analysis: an empty list in an object another workspace file exports (round 44c: a shared store whose classes the UI adds)', () => {
  it('read by a builder nobody in the file calls: unknown, not tfjs\'s "units 0" refusal', async () => {
    const files: Record<string, string> = {
      '/ws/store.js': 'export const store = { classes: [], embeddingSize: 16 };\n',
      '/ws/training.js': "import * as tf from '@tensorflow/tfjs';\nimport { store } from './store.js';\n\nexport function train() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ inputShape: [store.embeddingSize], units: 8 }));\n  m.add(tf.layers.dense({ units: store.classes.length }));\n  return m;\n}\n",
    };
    const workspace: WorkspaceFiles = { fileName: '/ws/training.js', root: '/ws', readFile: (p) => files[p], listFiles: (ext) => Object.keys(files).filter((p) => extname(p) === ext) };
    const r = analyzeText(await testParsers(), files['/ws/training.js']!, 'javascript', { workspace }, '/ws/training.js');
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.en), []);
    assert.deepEqual(r.models[0]?.layers.map((l) => [l.output.known ? l.output.shape : null, l.params]), [[[-1, 8], 136], [null, null]]);
  });
});
