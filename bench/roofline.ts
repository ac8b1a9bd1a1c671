// The roofline behind the bench's ratios (`npm run bench -- --roofline`): how many float32
// multiply-adds per second each side can issue on one core of this machine, and how much of that
// the matrix products reach. Our engine is 128-bit WebAssembly SIMD (4 lanes), with a separate
// multiply and add, or one fused multiply-add where the engine has relaxed SIMD; PyTorch's BLAS
// runs native 256-bit AVX2 with FMA (8 lanes, fused). A peak loop keeps 12 independent
// accumulators busy with nothing else; the products are ours (simdKernels.wat), XNNPACK's inside
// tfjs, and OpenBLAS's through torch.mm.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { gemm, rowMajor } from '../src/backend/engine/gemm';
import { selectEngine } from '../src/backend/engine/selectEngine';
import { attachSimdKernels, heapOffset, relaxedSimdAvailable, simdFor } from '../src/backend/engine/simdKernels';
import { asWasmBackend } from '../src/backend/engine/wasmHeap';

const shapes: Array<[number, number, number]> = [[1024, 1024, 1024], [64, 128, 512], [1792, 128, 512]];
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

interface WabtModule { validate(features: object): void; toBinary(o: object): { buffer: Uint8Array }; destroy(): void }
// eslint-disable-next-line @typescript-eslint/no-require-imports -- wabt is a devDependency; the bench runs from a checkout
const loadWabt = () => (require('wabt') as () => Promise<{ parseWat(name: string, text: string, features: object): WabtModule }>)();

/** A wasm function running `n` rounds of 12 independent multiply-adds on 4 lanes each. */
function peakLoop(fused: boolean): string {
  const acc = Array.from({ length: 12 }, (_, i) => `$a${i}`);
  const op = (a: string) => fused
    ? `(local.set ${a} (f32x4.relaxed_madd (local.get ${a}) (local.get $x) (local.get $y)))`
    : `(local.set ${a} (f32x4.add (f32x4.mul (local.get ${a}) (local.get $x)) (local.get $y)))`;
  return `(module (func (export "run") (param $n i32) (result f32)
    ${acc.map((a) => `(local ${a} v128)`).join(' ')} (local $x v128) (local $y v128)
    (local.set $x (v128.const f32x4 0.9999 0.9999 0.9999 0.9999)) (local.set $y (v128.const f32x4 0.0001 0.0001 0.0001 0.0001))
    ${acc.map((a, i) => `(local.set ${a} (v128.const f32x4 ${i} ${i + 0.5} ${i + 0.25} ${i + 0.75}))`).join(' ')}
    (loop $l ${acc.map(op).join(' ')} (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (f32x4.extract_lane 0 ${acc.slice(1).reduce((s, a) => `(f32x4.add ${s} (local.get ${a}))`, `(local.get ${acc[0]})`)})))`;
}

async function wasmPeak(fused: boolean, seconds: number): Promise<number | null> {
  const wabt = await loadWabt();
  const features = { simd: true, relaxed_simd: fused };
  const m = wabt.parseWat('peak.wat', peakLoop(fused), features);
  let bytes: Uint8Array;
  try { m.validate(features); bytes = m.toBinary({}).buffer; } finally { m.destroy(); }
  const WA = (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object; Instance: new (m: object, i: object) => { exports: { run(n: number): number } } } }).WebAssembly;
  const run = new WA.Instance(new WA.Module(bytes), {}).exports.run;
  const n = 2_000_000;
  // V8 runs new wasm code in its baseline compiler and swaps in the optimized code for later
  // calls once the function has run a while: warm up with calls first.
  for (let i = 0; i < 30; i++) run(100_000);
  let bestMs = Infinity;
  const until = performance.now() + seconds * 300;
  do { const t0 = cpuMs(); run(n); bestMs = Math.min(bestMs, cpuMs() - t0); } while (performance.now() < until);
  return (n * 12 * 8) / bestMs / 1e6;
}

/** GFLOP/s (CPU time) of products on the wasm heap: ours (fused or not) and XNNPACK's (tf.matMul). */
async function wasmProducts(wasmDir: string, seconds: number, log: (s: string) => void): Promise<Record<string, Record<string, number>>> {
  await selectEngine('wasm', { wasmDir, threads: 1 });
  const backend = asWasmBackend(tf.backend());
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- build-time compiler, also used by the tests
  const { compileKernelWat } = require('../scripts/compileKernelWat.cjs') as { compileKernelWat(shared: boolean, relaxed: boolean): Promise<Uint8Array> };
  const out: Record<string, Record<string, number>> = { xnnpack: {}, oursMulAdd: {}, oursFma: {} };
  for (const [variant, relaxed] of [['oursMulAdd', false], ['oursFma', true]] as const) {
    if (relaxed && !relaxedSimdAvailable()) { log('  relaxed SIMD unavailable here: no fused-multiply-add figures'); continue; }
    const bytes = await compileKernelWat(false, relaxed);
    attachSimdKernels(backend, () => bytes, relaxed);
    for (const [m, k, n] of shapes) {
      const [a, b, c] = [tf.randomNormal([m, k]), tf.randomNormal([k, n]), tf.zeros([m, n])];
      const simd = simdFor(backend)!;
      const run = () => gemm(simd, rowMajor(heapOffset(backend, a.dataId), k), rowMajor(heapOffset(backend, b.dataId), n), rowMajor(heapOffset(backend, c.dataId), n), m, n, k);
      out[variant]![`${m}x${k}x${n}`] = timeGflops(run, m, k, n, seconds);
      if (!relaxed) out['xnnpack']![`${m}x${k}x${n}`] = timeGflops(() => tf.matMul(a, b).dispose(), m, k, n, seconds);
      tf.dispose([a, b, c]);
    }
  }
  return out;
}

function timeGflops(f: () => void, m: number, k: number, n: number, seconds: number): number {
  const reps = Math.max(2, Math.round(1e8 / (2 * m * k * n)));
  f();
  let bestMs = Infinity;
  const until = performance.now() + seconds * 150;
  do { const t0 = cpuMs(); for (let i = 0; i < reps; i++) f(); bestMs = Math.min(bestMs, (cpuMs() - t0) / reps); } while (performance.now() < until);
  return (2 * m * k * n) / bestMs / 1e6;
}

// 12 independent 8-lane FMA chains: the native peak of one core, compiled with gcc when present.
const nativePeakC = `
#include <immintrin.h>
#include <stdio.h>
#include <time.h>
#define FMA12 a0 = _mm256_fmadd_ps(a0, x, y); a1 = _mm256_fmadd_ps(a1, x, y); a2 = _mm256_fmadd_ps(a2, x, y); \\
  a3 = _mm256_fmadd_ps(a3, x, y); a4 = _mm256_fmadd_ps(a4, x, y); a5 = _mm256_fmadd_ps(a5, x, y); \\
  a6 = _mm256_fmadd_ps(a6, x, y); a7 = _mm256_fmadd_ps(a7, x, y); a8 = _mm256_fmadd_ps(a8, x, y); \\
  a9 = _mm256_fmadd_ps(a9, x, y); a10 = _mm256_fmadd_ps(a10, x, y); a11 = _mm256_fmadd_ps(a11, x, y);
int main(void) {
  __m256 x = _mm256_set1_ps(0.9999f), y = _mm256_set1_ps(0.0001f);
  /* distinct starting values, so no chain can be merged with another */
  __m256 a0 = _mm256_set1_ps(0.f), a1 = _mm256_set1_ps(1.f), a2 = _mm256_set1_ps(2.f), a3 = _mm256_set1_ps(3.f),
    a4 = _mm256_set1_ps(4.f), a5 = _mm256_set1_ps(5.f), a6 = _mm256_set1_ps(6.f), a7 = _mm256_set1_ps(7.f),
    a8 = _mm256_set1_ps(8.f), a9 = _mm256_set1_ps(9.f), a10 = _mm256_set1_ps(10.f), a11 = _mm256_set1_ps(11.f);
  const long n = 20000000L;
  struct timespec t0, t1;
  double best = 1e30;
  for (int r = 0; r < 5; r++) {
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    for (long k = 0; k < n; k++) { FMA12 }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
    if (s < best) best = s;
  }
  __m256 sum = _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)), _mm256_add_ps(_mm256_add_ps(a4, a5), _mm256_add_ps(a6, a7)));
  sum = _mm256_add_ps(sum, _mm256_add_ps(_mm256_add_ps(a8, a9), _mm256_add_ps(a10, a11)));
  printf("%f %f\\n", n * 12.0 * 16.0 / best / 1e9, sum[0]);
  return 0;
}
`;

function nativePeak(): number | string {
  const dir = mkdtempSync(join(tmpdir(), 'model-lens-roofline-'));
  try {
    writeFileSync(join(dir, 'peak.c'), nativePeakC);
    const cc = spawnSync('gcc', ['-O2', '-mavx2', '-mfma', '-o', join(dir, 'peak'), join(dir, 'peak.c')], { encoding: 'utf8' });
    if (cc.error || cc.status !== 0) return `no native figure (gcc: ${cc.error?.message ?? cc.stderr.trim().split('\n').pop()})`;
    const r = spawnSync(join(dir, 'peak'), [], { encoding: 'utf8', timeout: 60_000 });
    const v = Number(r.stdout.trim().split(' ')[0]);
    return Number.isFinite(v) ? v : `no native figure (${r.stderr || r.stdout})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Roofline {
  wasmPeak: { mulAdd: number | null; fma: number | null };
  nativePeak: number | string;
  products: Record<string, Record<string, number>>;
}

export async function runRoofline(o: { seconds: number; wasmDir: string; python: string; torchScript: string; log: (s: string) => void }): Promise<Roofline> {
  const fma = relaxedSimdAvailable();
  const wasm = { mulAdd: await wasmPeak(false, o.seconds), fma: fma ? await wasmPeak(true, o.seconds) : null };
  const products = await wasmProducts(o.wasmDir, o.seconds, o.log);
  const torch = spawnSync(o.python, [o.torchScript, '--peak', '--seconds', String(o.seconds)], { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' } });
  try { products['openblas'] = (JSON.parse(torch.stdout.trim().split('\n').pop() ?? '') as { peakGflops: Record<string, number> }).peakGflops; } catch { o.log(`  PyTorch peak not measured: ${torch.stderr.trim().split('\n').pop() ?? ''}`); }
  const native = nativePeak();
  const f = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(1));
  o.log('\nRoofline, one core, float32 GFLOP/s by CPU time (2 FLOP per multiply-add):');
  o.log(`  peak loop: wasm SIMD 128-bit mul + add ${f(wasm.mulAdd)}; wasm SIMD 128-bit fused (relaxed SIMD) ${f(wasm.fma)}; native AVX2 + FMA 256-bit ${typeof native === 'number' ? f(native) : native}`);
  const names: Record<string, string> = { oursMulAdd: 'ours, mul + add', oursFma: 'ours, fused', xnnpack: 'XNNPACK (tfjs-wasm)', openblas: 'OpenBLAS (torch.mm)' };
  o.log(`  ${'matrix product'.padEnd(22)} ${shapes.map(([m, k, n]) => `${m}×${k}×${n}`.padStart(14)).join('')}`);
  for (const [key, label] of Object.entries(names)) {
    const r = products[key];
    if (r) o.log(`  ${label.padEnd(22)} ${shapes.map(([m, k, n]) => f(r[`${m}x${k}x${n}`]).padStart(14)).join('')}`);
  }
  return { wasmPeak: wasm, nativePeak: native, products };
}
