// The multi-threaded wasm build, started in a fresh process (the wasm module starts once per
// process, and a hung worker thread must show up as a process that does not exit).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const wasmDir = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');

function runChild(script: string): { status: number | null; stdout: string; stderr: string; ms: number } {
  // Inside the checkout (git-ignored .cache/) so the child resolves node_modules.
  mkdirSync(join(root, '.cache'), { recursive: true });
  const dir = mkdtempSync(join(root, '.cache', 'ml-threads-'));
  try {
    const file = join(dir, 'child.ts');
    writeFileSync(file, script);
    const started = Date.now();
    const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', file], { cwd: root, encoding: 'utf8', timeout: 100_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('wasm engine with worker threads', () => {
  it('starts 2 XNNPACK threads, computes what cpu computes, and lets the process exit on its own', () => {
    const r = runChild(`
      import * as tf from '@tensorflow/tfjs';
      import { selectEngine } from ${JSON.stringify(join(root, 'src/backend/engine/selectEngine'))};
      (async () => {
        const info = await selectEngine('wasm', { wasmDir: ${JSON.stringify(wasmDir)}, threads: 2 });
        const x = tf.randomNormal([16, 12, 12, 8], 0, 1, 'float32', 1);
        const w = tf.randomNormal([3, 3, 8, 16], 0, 1, 'float32', 2);
        const a = tf.randomNormal([200, 300], 0, 1, 'float32', 3);
        const run = () => tf.tidy(() => [
          ...tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same').dataSync(),
          ...tf.matMul(a, a, false, true).dataSync(),
          ...tf.grad((v: tf.Tensor) => tf.conv2d(v as tf.Tensor4D, w as tf.Tensor4D, 2, 'same').square().sum())(x).dataSync(),
        ]);
        const ours = run();
        await tf.setBackend('cpu');
        const ref = run();
        let worst = 0;
        ref.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - (ours[i] as number)) / Math.max(1, Math.abs(v))); });
        console.log(JSON.stringify({ name: info.name, threads: info.threads, detail: info.detail, worst }));
        // No process.exit: the worker threads must not keep the process alive.
      })();
    `);
    assert.equal(r.status, 0, `child failed: ${r.stderr.slice(-500)}`);
    const line = r.stdout.trim().split('\n').find((l) => l.startsWith('{'));
    assert.ok(line, `no result line in: ${r.stdout}`);
    const res = JSON.parse(line) as { name: string; threads: number; detail: string; worst: number };
    assert.equal(res.name, 'wasm');
    assert.equal(res.threads, 2, res.detail);
    assert.match(res.detail, /2 threads/);
    assert.ok(res.worst < 1e-4, `largest relative difference from cpu: ${res.worst}`);
  });

  it('falls back to one thread, saying why, when the threaded runtime is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-nothreads-'));
    try {
      // Only the single-threaded binaries: no threaded .wasm / runtime.
      for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) writeFileSync(join(dir, f), readFileSync(join(wasmDir, f)));
      const r = runChild(`
        import { selectEngine } from ${JSON.stringify(join(root, 'src/backend/engine/selectEngine'))};
        selectEngine('wasm', { wasmDir: ${JSON.stringify(dir)}, threads: 2 }).then((i) => console.log(JSON.stringify(i)));
      `);
      assert.equal(r.status, 0, r.stderr.slice(-500));
      const res = JSON.parse(r.stdout.trim().split('\n').find((l) => l.startsWith('{')) ?? '{}') as { name: string; threads: number; detail: string };
      assert.equal(res.name, 'wasm');
      assert.equal(res.threads, 1);
      assert.match(res.detail, /single-threaded \(threads unavailable: the threaded runtime/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
