// More threads for our matrix products (gemm.ts), used only where they measure faster.
//
// Helper threads (worker_threads) instantiate our SIMD module on the same shared wasm memory as
// the tfjs backend (its threaded build), so they compute rows of C in place. A product is split
// by rows between this thread and the helpers; a helper waits on an Atomics word, spinning
// ~50 µs after each product (the steps of a recurrent layer come back to back) before it sleeps.
//
// Whether a product runs split is measured, per shape: a few calls each way to start, then the
// faster on average (wall time), and every 16th call the other way again, so a machine that gets
// busy (a helper waiting for a core makes every split product wait) moves back to one thread
// within a few products, and back to two when the cores free up. Small products always run on
// this thread: waking a helper costs more than they take.
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HeapMatrix } from './gemm';
import type { SimdKernels } from './simdKernels';

const IDLE = 0, POSTED = 1, DONE = 2, STOP = 3;
/** Products below this many multiply-adds stay on one thread (≈ 50 µs of work). */
const minMacs = 1 << 19;

// The helper: wait for a product, run our module's gemm on its rows, say done. Plain JavaScript
// (it runs from a string: the backend is one bundled file).
const helperSource = `
const { workerData } = require('node:worker_threads');
const { memory, module, control } = workerData;
const { gemm } = new WebAssembly.Instance(module, { env: { memory } }).exports;
const ctrl = new Int32Array(control);
for (;;) {
  let s = Atomics.load(ctrl, 0);
  const spinUntil = performance.now() + 0.05;
  while (s !== ${POSTED} && s !== ${STOP}) {
    if (performance.now() > spinUntil) Atomics.wait(ctrl, 0, s, 1000);
    s = Atomics.load(ctrl, 0);
  }
  if (s === ${STOP}) break;
  gemm(ctrl[1], ctrl[2], ctrl[3], ctrl[4], ctrl[5], ctrl[6], ctrl[7], ctrl[8], ctrl[9], ctrl[10], ctrl[11]);
  Atomics.store(ctrl, 0, ${DONE});
  Atomics.notify(ctrl, 0);
}
`;

interface Helper { worker: Worker; ctrl: Int32Array }
interface ShapeStats { one: number; split: number; oneRuns: number; splitRuns: number; calls: number }

/** How the products ran, for the engine line and the bench. */
export interface GemmThreadsReport { helpers: number; splitMacs: number; singleMacs: number }

export class GemmThreads {
  private readonly stats = new Map<string, ShapeStats>();
  private splitMacs = 0;
  private singleMacs = 0;

  private constructor(private readonly helpers: Helper[]) {}

  /** `helpers` threads on `memory` (shared) running `module` (our compiled SIMD module). */
  static start(memory: object, module: object, helpers: number): GemmThreads {
    const list: Helper[] = [];
    for (let i = 0; i < helpers; i++) {
      const control = new SharedArrayBuffer(16 * 4);
      const worker = new Worker(helperSource, { eval: true, workerData: { memory, module, control } });
      worker.unref();
      list.push({ worker, ctrl: new Int32Array(control) });
    }
    return new GemmThreads(list);
  }

  get threads(): number { return this.helpers.length + 1; }

  report(): GemmThreadsReport { return { helpers: this.helpers.length, splitMacs: this.splitMacs, singleMacs: this.singleMacs }; }

  /** C = A·B (+ C) on this thread alone or split by rows with the helpers, whichever this shape
   *  has measured faster. */
  gemm(simd: SimdKernels, a: HeapMatrix, b: { at: number; rowStride: number }, c: { at: number; rowStride: number }, M: number, N: number, K: number, acc: number): void {
    const macs = M * N * K;
    const parts = Math.min(this.helpers.length + 1, Math.floor(M / 4));
    if (macs < minMacs || parts < 2) {
      this.singleMacs += macs;
      simd.gemm(a.at, a.rowStride, a.colStride, b.at, b.rowStride, c.at, c.rowStride, M, N, K, acc);
      return;
    }
    const key = `${M}x${N}x${K}`;
    let s = this.stats.get(key);
    if (s == null) { s = { one: 0, split: 0, oneRuns: 0, splitRuns: 0, calls: 0 }; this.stats.set(key, s); }
    const split = this.chooseSplit(s);
    const t0 = performance.now();
    if (split) {
      this.runSplit(simd, a, b, c, M, N, K, acc, parts);
      this.splitMacs += macs;
    } else {
      simd.gemm(a.at, a.rowStride, a.colStride, b.at, b.rowStride, c.at, c.rowStride, M, N, K, acc);
      this.singleMacs += macs;
    }
    const ms = performance.now() - t0;
    // Exponential average over the last few runs of each way.
    if (split) { s.split = s.splitRuns === 0 ? ms : 0.7 * s.split + 0.3 * ms; s.splitRuns++; } else { s.one = s.oneRuns === 0 ? ms : 0.7 * s.one + 0.3 * ms; s.oneRuns++; }
  }

  private chooseSplit(s: ShapeStats): boolean {
    const call = s.calls++;
    // Two runs each way first (the first of each warms caches and code), then the faster,
    // with every 16th call the other way to notice a change in the machine's load.
    if (s.oneRuns < 2) return false;
    if (s.splitRuns < 2) return true;
    const faster = s.split < s.one;
    return call % 16 === 0 ? !faster : faster;
  }

  private runSplit(simd: SimdKernels, a: HeapMatrix, b: { at: number; rowStride: number }, c: { at: number; rowStride: number }, M: number, N: number, K: number, acc: number, parts: number): void {
    // Row blocks in multiples of 4 (the loop's register tile); this thread takes the first.
    const rows = Math.ceil(M / parts / 4) * 4;
    const posted: Helper[] = [];
    for (let p = 1; p < parts && p * rows < M; p++) {
      const h = this.helpers[p - 1] as Helper;
      const r0 = p * rows;
      const r = Math.min(rows, M - r0);
      const ctrl = h.ctrl;
      ctrl[1] = a.at + r0 * a.rowStride; ctrl[2] = a.rowStride; ctrl[3] = a.colStride;
      ctrl[4] = b.at; ctrl[5] = b.rowStride;
      ctrl[6] = c.at + r0 * c.rowStride; ctrl[7] = c.rowStride;
      ctrl[8] = r; ctrl[9] = N; ctrl[10] = K; ctrl[11] = acc;
      Atomics.store(ctrl, 0, POSTED);
      Atomics.notify(ctrl, 0);
      posted.push(h);
    }
    simd.gemm(a.at, a.rowStride, a.colStride, b.at, b.rowStride, c.at, c.rowStride, Math.min(rows, M), N, K, acc);
    for (const h of posted) {
      const spinUntil = performance.now() + 0.2;
      while (Atomics.load(h.ctrl, 0) !== DONE) {
        if (performance.now() > spinUntil) Atomics.wait(h.ctrl, 0, POSTED, 1000);
      }
      Atomics.store(h.ctrl, 0, IDLE);
    }
  }

  /** Stops the helpers (tests; the process exits without it, the workers are unref'd). */
  async stop(): Promise<void> {
    for (const h of this.helpers) {
      Atomics.store(h.ctrl, 0, STOP);
      Atomics.notify(h.ctrl, 0);
    }
    await Promise.all(this.helpers.map((h) => h.worker.terminate()));
    this.helpers.length = 0;
  }
}

/** Helpers for a machine with `cores` cores: one per extra core, at most 3. */
export const helpersFor = (cores = cpus().length): number => Math.max(0, Math.min(3, cores - 1));
