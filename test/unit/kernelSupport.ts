// Shared by the kernel tests: deterministic data, a tolerance check against a reference, running
// the same code on another backend, switching our SIMD module (fused multiply-adds, mul + add, or
// off: the JavaScript fallbacks), and whether PyTorch is there to compare with.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { attachSimdKernels, detachSimdKernels, relaxedSimdAvailable, simdFor } from '../../src/backend/engine/simdKernels';
import { asWasmBackend } from '../../src/backend/engine/wasmHeap';

export const wasmDir = join(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');
// Tests run from source: our SIMD module is compiled here from its .wat, as the build does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compileKernelWat } = require('../../scripts/compileKernelWat.cjs') as { compileKernelWat(shared: boolean, relaxed?: boolean): Promise<Uint8Array> };

/** Our SIMD loops with fused multiply-adds ('fma', relaxed SIMD), with mul + add ('plain', as
 *  built into dist/wasm for engines without relaxed SIMD), or off (the JavaScript fallbacks). */
export type SimdMode = 'fma' | 'plain' | 'off';

export async function useSimd(mode: SimdMode | boolean): Promise<void> {
  const m: SimdMode = mode === true ? 'plain' : mode === false ? 'off' : mode;
  const backend = asWasmBackend(tf.engine().findBackend('wasm'));
  if (m === 'off') { detachSimdKernels(backend); return; }
  const relaxed = m === 'fma';
  if (relaxed) assert.ok(relaxedSimdAvailable(), 'this Node compiles relaxed SIMD (with --experimental-wasm-relaxed-simd set at run time)');
  const bytes = { plain: await compileKernelWat(false, relaxed), shared: await compileKernelWat(true, relaxed) };
  attachSimdKernels(backend, (shared) => (shared ? bytes.shared : bytes.plain), relaxed);
  assert.ok(simdFor(backend) != null);
}

export const python = '/usr/bin/python3';
const torchProbe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
/** Why PyTorch comparisons are skipped, or null when python3-torch imports. */
export const torchMissing = torchProbe.status === 0 ? null : `python3-torch not importable (${(torchProbe.stderr || torchProbe.error?.message || '').trim().split('\n').pop()})`;

/** Deterministic pseudo-random numbers so a failure can be reproduced. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
export function randomArray(n: number, next: () => number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = next() * 2 - 1;
  return a;
}
export const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Every element within `relative` of the reference's largest magnitude (at least 1). */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string, relative = 2e-4): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i] as number));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs((actual[i] as number) - (expected[i] as number));
    if (!(d <= worst)) { worst = d; at = i; }
  }
  assert.ok(worst <= relative * scale, `${label}: max abs diff ${worst} at ${at} (scale ${scale})`);
}

export async function onBackend<T>(name: string, f: () => T): Promise<T> {
  const before = tf.getBackend();
  await tf.setBackend(name);
  try { return f(); } finally { await tf.setBackend(before); }
}
