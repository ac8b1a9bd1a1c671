// The wasm engine with more than one thread, started in a fresh process (the wasm module starts
// once per process, and a hung worker thread must show up as a process that does not exit): the
// threaded build with one XNNPACK thread, helper threads for our matrix products, used where they
// measure faster.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const tfjsWasm = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compileKernelWat, kernelWasmFile } = require('../../scripts/compileKernelWat.cjs') as {
  compileKernelWat(shared: boolean, relaxed?: boolean): Promise<Uint8Array>; kernelWasmFile(shared: boolean, relaxed?: boolean): string;
};

function runChild(script: string): { status: number | null; stdout: string; stderr: string; ms: number } {
  // Inside the checkout (git-ignored .cache/) so the child resolves node_modules.
  mkdirSync(join(root, '.cache'), { recursive: true });
  const dir = mkdtempSync(join(root, '.cache', 'ml-threads-'));
  try {
    const file = join(dir, 'child.ts');
    writeFileSync(file, script);
    const started = Date.now();
    const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', file], { cwd: root, encoding: 'utf8', timeout: 150_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A wasm folder like dist/wasm: tfjs' binaries, the threaded runtime, our compiled module. */
async function wasmFolder(withThreadedRuntime: boolean): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ml-wasm-'));
  for (const f of readdirSync(join(tfjsWasm, 'dist')).filter((n) => n.endsWith('.wasm'))) {
    if (withThreadedRuntime || !f.includes('threaded')) copyFileSync(join(tfjsWasm, 'dist', f), join(dir, f));
  }
  if (withThreadedRuntime) copyFileSync(join(tfjsWasm, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js'), join(dir, 'tfjs-backend-wasm-threaded-simd.js'));
  for (const shared of [false, true]) for (const relaxed of [false, true]) writeFileSync(join(dir, kernelWasmFile(shared, relaxed)), await compileKernelWat(shared, relaxed));
  return dir;
}

const lastJson = <T>(stdout: string): T => JSON.parse(stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop() ?? '{}') as T;

describe('wasm engine with more than one thread', function () {
  this.timeout(200_000);

  it('threaded build, one XNNPACK thread, a helper for our products: computes what cpu computes, splits products, and the process exits on its own', async () => {
    const dir = await wasmFolder(true);
    try {
      const r = runChild(`
        import * as tf from '@tensorflow/tfjs';
        import { selectEngine } from ${JSON.stringify(join(root, 'src/backend/engine/selectEngine'))};
        import { gemmThreadsFor } from ${JSON.stringify(join(root, 'src/backend/engine/gemm'))};
        import { asWasmBackend } from ${JSON.stringify(join(root, 'src/backend/engine/wasmHeap'))};
        (async () => {
          const info = await selectEngine('wasm', { wasmDir: ${JSON.stringify(dir)}, threads: 2 });
          const x = tf.randomNormal([16, 12, 12, 8], 0, 1, 'float32', 1);
          const w = tf.randomNormal([3, 3, 8, 16], 0, 1, 'float32', 2);
          const a = tf.randomNormal([200, 300], 0, 1, 'float32', 3);
          const b = tf.randomNormal([300, 96], 0, 1, 'float32', 4);
          const run = () => tf.tidy(() => [
            ...tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same').dataSync(),
            ...tf.matMul(a, a, false, true).dataSync(),
            ...tf.matMul(a, b).dataSync(),
            ...tf.grad((v: tf.Tensor) => tf.conv2d(v as tf.Tensor4D, w as tf.Tensor4D, 2, 'same').square().sum())(x).dataSync(),
          ]);
          const ours = run();
          for (let i = 0; i < 6; i++) run();
          const pool = gemmThreadsFor(asWasmBackend(tf.backend()))?.report();
          await tf.setBackend('cpu');
          const ref = run();
          let worst = 0;
          ref.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - (ours[i] as number)) / Math.max(1, Math.abs(v))); });
          console.log(JSON.stringify({ name: info.name, threads: info.threads, detail: info.detail, worst, pool }));
          // No process.exit: the worker threads must not keep the process alive.
        })();
      `);
      assert.equal(r.status, 0, `child failed: ${r.stderr.slice(-500)}`);
      const res = lastJson<{ name: string; threads: number; detail: string; worst: number; pool?: { helpers: number; splitMacs: number } }>(r.stdout);
      assert.equal(res.name, 'wasm');
      assert.equal(res.threads, 2, res.detail);
      assert.match(res.detail, /XNNPACK, 1 thread\)/);
      assert.match(res.detail, /matrix products on up to 2 threads where measured faster/);
      assert.equal(res.pool?.helpers, 1);
      assert.ok((res.pool?.splitMacs ?? 0) > 0, 'some products ran split (two runs each way before the measured choice)');
      assert.ok(res.worst < 1e-4, `largest relative difference from cpu: ${res.worst}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back to one thread, saying why, when the threaded runtime is missing', async () => {
    const dir = await wasmFolder(false);
    try {
      const r = runChild(`
        import { selectEngine } from ${JSON.stringify(join(root, 'src/backend/engine/selectEngine'))};
        selectEngine('wasm', { wasmDir: ${JSON.stringify(dir)}, threads: 2 }).then((i) => console.log(JSON.stringify(i)));
      `);
      assert.equal(r.status, 0, r.stderr.slice(-500));
      const res = lastJson<{ name: string; threads: number; detail: string }>(r.stdout);
      assert.equal(res.name, 'wasm');
      assert.equal(res.threads, 1);
      assert.match(res.detail, /one thread \(the threaded build did not start: the threaded runtime/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
