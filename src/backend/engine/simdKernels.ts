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
  im2colT(x: number, cols: number, batch: number, inH: number, inW: number, inC: number, outH: number, outW: number,
    fH: number, fW: number, strideH: number, strideW: number, dilH: number, dilW: number, padTop: number, padLeft: number): void;
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

/** The file build.mjs writes for a plain or a shared (threaded build) memory. */
export function simdKernelFile(shared: boolean): string {
  return shared ? 'modelLensKernels-shared.wasm' : 'modelLensKernels.wasm';
}

function memoryOf(backend: WasmBackendLike): WasmMemory | null {
  // Emscripten keeps the Memory as the module's export (single-threaded build) or as
  // Module.wasmMemory (threaded build).
  const m = backend.wasm as unknown as { asm?: { memory?: unknown }; wasmMemory?: unknown };
  const mem = m.wasmMemory ?? m.asm?.memory;
  return mem instanceof WA.Memory ? mem : null;
}

/** Instantiates our SIMD module on `backend`'s memory. `bytes(shared)` supplies the module built
 *  for that kind of memory. Throws with the reason when it cannot. */
export function attachSimdKernels(backend: WasmBackendLike, bytes: (shared: boolean) => Uint8Array): void {
  const memory = memoryOf(backend);
  if (memory == null) throw new Error('the wasm backend does not expose its memory');
  if (backend.wasm.HEAPF32.buffer !== memory.buffer) throw new Error('the wasm backend\'s heap is not its exported memory');
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const module = new WA.Module(bytes(shared));
  const instance = new WA.Instance(module, { env: { memory } });
  attached.set(backend, instance.exports as unknown as SimdKernels);
}

/** Loads the built module from `wasmDir` (dist/wasm). Returns why not, or null when attached. */
export function attachSimdKernelsFrom(backend: WasmBackendLike, wasmDir: string): string | null {
  try {
    attachSimdKernels(backend, (shared) => {
      const file = join(wasmDir, simdKernelFile(shared));
      if (!existsSync(file)) throw new Error(`${simdKernelFile(shared)} is not in ${wasmDir}`);
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
