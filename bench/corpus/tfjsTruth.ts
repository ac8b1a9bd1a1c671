// What TensorFlow.js 4.22 computes for the models of one public tfjs file (the corpus measurement).
//   npx tsx bench/corpus/tfjsTruth.ts FILE --build 'createModel([28, 28, 1])'
// The file is bundled with esbuild (CommonJS or ES modules, JS or TS) with its own modules and
// with every package except tfjs replaced by an inert stub, so browser and UI code loads without
// a page; the build
// expression then runs in the file's scope and its models (a model, a list or an object of them)
// are reported layer by layer: name, class, output shape (batch null → -1), countParams().
// stdout: JSON {"roots": [...], "error": str | null}, the shape torchTruth.py prints.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { build } from 'esbuild';
import * as tf from '@tensorflow/tfjs';
import type { TruthRoot as Root } from './truth';

function shapeOf(s: unknown): number[] | null {
  const first = Array.isArray(s) && Array.isArray(s[0]) ? s[0] : s;
  return Array.isArray(first) ? first.map((d) => (d === null ? -1 : (d as number))) : null;
}

/** Anything: callable, constructible, every property is itself, awaits to itself. */
function stub(): unknown {
  const f = function () {
    return proxy;
  };
  // `import * as ui from './ui'` copies own properties only; the prototype answers the rest.
  const proto: object = new Proxy({}, { get: (_t, k) => (k === 'then' || typeof k === 'symbol' ? undefined : proxy) });
  const proxy: unknown = new Proxy(f, {
    getPrototypeOf: () => proto,
    get: (_t, k) => (k === Symbol.toPrimitive ? () => 0 : k === 'then' ? undefined : k === Symbol.iterator ? function* () {} : proxy),
    apply: () => proxy,
    construct: () => proxy as object,
    set: () => true,
    has: () => true,
  });
  return proxy;
}

async function main(): Promise<void> {
  // The file's own logging (model.summary()…) must not mix with the JSON on stdout.
  console.log = console.error;
  console.info = console.error;
  console.warn = console.error;
  const file = process.argv[2]!;
  const at = process.argv.indexOf('--build');
  const buildExpr = at > 0 ? process.argv[at + 1]! : 'undefined';
  await tf.setBackend('cpu');
  // Recurrent layers default to an orthogonal initializer that takes seconds on the cpu backend;
  // initial values change neither shapes nor counts.
  const fast = <C extends object>(make: (c: C) => tf.layers.Layer) => (c: C) => make({ recurrentInitializer: 'glorotUniform', ...c });
  (globalThis as Record<string, unknown>).__mlTf = { ...tf, layers: { ...tf.layers, lstm: fast(tf.layers.lstm), gru: fast(tf.layers.gru), simpleRNN: fast(tf.layers.simpleRNN) } };
  // Browser pages load tfjs with a <script> tag: their files use the global `tf` without importing it.
  if (!('tf' in globalThis)) (globalThis as Record<string, unknown>).tf = (globalThis as Record<string, unknown>).__mlTf;
  for (const g of ['document', 'window', 'navigator', 'localStorage', 'alert', 'requestAnimationFrame', 'Image', 'HTMLElement', 'tfvis', 'ui', 'Plotly']) {
    if (!(g in globalThis)) (globalThis as Record<string, unknown>)[g] = stub();
  }
  process.on('unhandledRejection', () => undefined);
  const source = readFileSync(file, 'utf8');
  const esm = /^\s*(import|export)\s/m.test(source);
  const tail = esm ? `\nexport function __mlBuild() { return (${buildExpr}); }\n` : `\n;module.exports.__mlBuild = function () { return (${buildExpr}); };\n`;
  const dir = mkdtempSync(join(tmpdir(), 'ml-tfjs-'));
  try {
    const shim = join(dir, 'tf.cjs');
    writeFileSync(shim, 'module.exports = globalThis.__mlTf;\n');
    const out = await build({
      stdin: { contents: source + tail, resolveDir: dirname(file), sourcefile: basename(file), loader: file.endsWith('.ts') ? 'ts' : 'js' },
      bundle: true, write: false, format: 'cjs', platform: 'node', logLevel: 'silent',
      plugins: [{
        name: 'stub-imports',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (/^@tensorflow\/tfjs/.test(args.path)) return { path: shim, external: true };
            if (builtinModules.includes(args.path.replace(/^node:/, ''))) return { path: args.path, external: true };
            // The file's own modules (constants like IMAGE_H) load for real; UI files among them
            // touch only the stubbed page. Packages are stubbed.
            if (args.path.startsWith('.') && !/\bui(\.js)?$/.test(args.path)) return undefined;
            return { path: args.path, namespace: 'stub' };
          });
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = globalThis.__mlStub;', loader: 'js' }));
        },
      }],
    });
    (globalThis as Record<string, unknown>).__mlStub = stub();
    const bundle = join(dir, 'bundle.cjs');
    writeFileSync(bundle, out.outputFiles[0]!.text);
    let error: string | null = null;
    let result: unknown;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(bundle) as { __mlBuild: () => unknown };
      result = await mod.__mlBuild();
    } catch (e) {
      error = String(e).slice(0, 300);
    }
    const models: [string, tf.LayersModel][] = [];
    const collect = (v: unknown, name: string): void => {
      if (v instanceof tf.LayersModel) models.push([name, v]);
      else if (Array.isArray(v)) v.forEach((x, i) => collect(x, `${name}[${i}]`));
      else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) for (const [k, x] of Object.entries(v)) collect(x, k);
    };
    collect(result, 'model');
    const roots: Root[] = models.map(([name, m]) => {
      const modules: Root['modules'] = {};
      for (const l of m.layers) {
        if (l.getClassName() === 'InputLayer') continue;
        modules[l.name] = { params: l.countParams(), kind: l.getClassName(), calls: [shapeOf(l.outputShape)] };
      }
      return { class: m.getClassName(), classModule: 'tfjs', variable: name, inputs: m.inputs.map((i) => i.shape.map((d) => (d === null ? -1 : d))), output: shapeOf(m.outputs[0]?.shape ?? null), total: m.countParams(), modules };
    });
    process.stdout.write(JSON.stringify({ roots, error }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

// A file esbuild cannot bundle (an import missing from the corpus…) is reported, not a silent empty run.
main().catch((e: unknown) => {
  process.stdout.write(JSON.stringify({ roots: [], error: `could not bundle or run: ${String(e).slice(0, 300)}` }));
  process.exit(0);
});
