// Our hand-written WebAssembly SIMD loops (simdKernels.wat, compiled at build time into
// dist/wasm/), instantiated on the tfjs wasm backend's own memory so they read and write tensors
// in place. Kernels ask `simdFor(backend)` and keep their JavaScript loop when it answers null
// (no SIMD, the file is missing, or the backend's memory is not reachable).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WasmBackendLike } from './wasmHeap';

export interface SimdKernels {
  maxPoolGrad2x2(x: number, dy: number, dx: number, batch: number, outH: number, outW: number, C: number, inH: number, inW: number): void;
  filterGrad1ch3(xpad: number, dy: number, dw: number, batch: number, outH: number, outW: number, hp: number, wp: number, fH: number, outC: number): void;
  addRowVector(x: number, b: number, out: number, rows: number, inner: number): void;
  l2MaxAbs(x: number, n: number, out: number): void;
  sumLeading(x: number, out: number, scratch: number, rows: number, inner: number): void;
  /** C = A·B (+ C when acc = 1); A's (i, k) at a + i·sai + k·sak bytes (gemm.ts). */
  gemm(a: number, sai: number, sak: number, b: number, ldb: number, c: number, ldc: number, M: number, N: number, K: number, acc: number): void;
  im2colT(x: number, cols: number, batch: number, inH: number, inW: number, inC: number, outH: number, outW: number,
    fH: number, fW: number, strideH: number, strideW: number, dilH: number, dilW: number, padTop: number, padLeft: number): void;
  // Recurrent layers, one call per time step (recurrentSteps.ts documents the arguments).
  lstmStep(xw: number, xwRow: number, rec: number, cPrev: number, gates: number, c: number, actC: number, h: number, hRow: number, hNext: number,
    batch: number, H: number, a: number, ra: number): void;
  lstmBackStep(gates: number, cPrev: number, actC: number, dh: number, dhRow: number, dhRec: number, dc: number, dG: number, dxw: number, dxwRow: number,
    batch: number, H: number, a: number, ra: number): void;
  rnnStep(xw: number, xwRow: number, rec: number, h: number, hRow: number, hNext: number, batch: number, H: number, a: number): void;
  rnnBackStep(h: number, dh: number, dhRow: number, dhRec: number, dA: number, dxw: number, dxwRow: number, batch: number, H: number, a: number): void;
  gruGates(xw: number, xwRow: number, rec: number, hPrev: number, z: number, r: number, q: number, batch: number, H: number, ra: number): void;
  gruOut(xw: number, xwRow: number, s: number, z: number, hPrev: number, hh: number, h: number, hRow: number, hNext: number, batch: number, H: number, a: number): void;
  gruBackOut(dh: number, dhRow: number, dhA: number, dhB: number, z: number, hh: number, hPrev: number, dAh: number, dAzr: number, dxw: number, dxwRow: number,
    batch: number, H: number, a: number, ra: number): void;
  gruBackReset(dq: number, hPrev: number, r: number, dhA: number, dAzr: number, dxw: number, dxwRow: number, batch: number, H: number, ra: number): void;
}

// The project's TypeScript libs carry no WebAssembly JS API types; these are the parts we use.
interface WasmMemory { readonly buffer: ArrayBufferLike }
interface WasmJsApi {
  Memory: abstract new (...args: never[]) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const WA = (globalThis as unknown as { WebAssembly: WasmJsApi }).WebAssembly;

// Per backend object: the kernels are tied to that backend's memory.
const attached = new WeakMap<object, SimdKernels>();

/** The file build.mjs writes for a plain or a shared (threaded build) memory, with fused
 *  multiply-adds (relaxed SIMD) or without. */
export function simdKernelFile(shared: boolean, relaxed: boolean): string {
  return `modelLensKernels${shared ? '-shared' : ''}${relaxed ? '-relaxed' : ''}.wasm`;
}

function memoryOf(backend: WasmBackendLike): WasmMemory | null {
  // Emscripten keeps the Memory as the module's export (single-threaded build) or as
  // Module.wasmMemory (threaded build).
  const m = backend.wasm as unknown as { asm?: { memory?: unknown }; wasmMemory?: unknown };
  const mem = m.wasmMemory ?? m.asm?.memory;
  return mem instanceof WA.Memory ? mem : null;
}

// (module (func (result v128) (f32x4.relaxed_madd (v128.const …) (v128.const …) (v128.const …))))
const relaxedProbe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 61, 1, 59, 0,
  253, 12, 0, 0, 128, 63, 0, 0, 128, 63, 0, 0, 128, 63, 0, 0, 128, 63, 253, 12, 0, 0, 0, 64, 0, 0, 0, 64, 0, 0, 0, 64, 0, 0, 0, 64,
  253, 12, 0, 0, 64, 64, 0, 0, 64, 64, 0, 0, 64, 64, 0, 0, 64, 64, 253, 133, 2, 11]);

let relaxedSimd: boolean | null = null;

/**
 * Whether this engine compiles relaxed SIMD (f32x4.relaxed_madd: one fused multiply-add, FMA on
 * x64 and arm64). Shipped in V8 11.4+ (Chrome 114+, so VS Code's Electron); Node 20's V8 11.3 has
 * it behind a flag, which we turn on for this process when the probe fails. Feature-detected, so
 * an engine without it runs the mul + add build.
 */
export function relaxedSimdAvailable(): boolean {
  if (relaxedSimd != null) return relaxedSimd;
  const validate = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly.validate;
  relaxedSimd = validate(relaxedProbe);
  if (!relaxedSimd) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- node:v8 only where it is there (Node, Electron)
      (require('node:v8') as { setFlagsFromString(flags: string): void }).setFlagsFromString('--experimental-wasm-relaxed-simd');
      relaxedSimd = validate(relaxedProbe);
    } catch {
      relaxedSimd = false;
    }
  }
  return relaxedSimd;
}

/** How the attached module multiplies and adds (for the engine line), the compiled module and
 *  the memory it runs on (for helper threads, gemmThreads.ts). */
const variants = new WeakMap<object, { relaxed: boolean; module: object; memory: WasmMemory }>();

/** Instantiates our SIMD module on `backend`'s memory. `bytes(shared, relaxed)` supplies the module
 *  built for that kind of memory, with fused multiply-adds when `relaxed`. Throws with the reason
 *  when it cannot. */
export function attachSimdKernels(backend: WasmBackendLike, bytes: (shared: boolean, relaxed: boolean) => Uint8Array, relaxed = relaxedSimdAvailable()): void {
  const memory = memoryOf(backend);
  if (memory == null) throw new Error('the wasm backend does not expose its memory');
  if (backend.wasm.HEAPF32.buffer !== memory.buffer) throw new Error('the wasm backend\'s heap is not its exported memory');
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const module = new WA.Module(bytes(shared, relaxed));
  const instance = new WA.Instance(module, { env: { memory } });
  attached.set(backend, instance.exports as unknown as SimdKernels);
  variants.set(backend, { relaxed, module, memory });
}

/** The compiled module and its memory when that memory is shared (tfjs' threaded build), so
 *  other threads can run the same loops on the same tensors; null otherwise. */
export function sharedSimdModule(backend: WasmBackendLike): { module: object; memory: object } | null {
  const v = attached.has(backend) ? variants.get(backend) : undefined;
  if (v == null || typeof SharedArrayBuffer === 'undefined' || !(v.memory.buffer instanceof SharedArrayBuffer)) return null;
  return { module: v.module, memory: v.memory };
}

/** Whether the attached module uses fused multiply-adds (null: no module attached). */
export function simdUsesFma(backend: WasmBackendLike): boolean | null {
  return attached.has(backend) ? (variants.get(backend)?.relaxed ?? false) : null;
}

/** Loads the built module from `wasmDir` (dist/wasm). Returns why not, or null when attached. */
export function attachSimdKernelsFrom(backend: WasmBackendLike, wasmDir: string): string | null {
  try {
    attachSimdKernels(backend, (shared, relaxed) => {
      const file = join(wasmDir, simdKernelFile(shared, relaxed));
      if (!existsSync(file)) throw new Error(`${simdKernelFile(shared, relaxed)} is not in ${wasmDir}`);
      return readFileSync(file);
    });
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Tests compare the JavaScript fallbacks too. */
export function detachSimdKernels(backend: WasmBackendLike): void {
  attached.delete(backend);
  variants.delete(backend);
}

export function simdFor(backend: WasmBackendLike): SimdKernels | null {
  return attached.get(backend) ?? null;
}

/** Byte offset of a tensor's data in the wasm heap. */
export function heapOffset(backend: WasmBackendLike, dataId: object): number {
  const entry = backend.dataIdMap.get(dataId);
  if (entry == null) throw new Error('Model Lens kernel: tensor data is not on the wasm backend');
  return entry.memoryOffset;
}
