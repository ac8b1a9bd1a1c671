// Direct access to the tfjs wasm backend's heap, for kernels we write ourselves.
// The backend's public TypeScript surface does not expose these fields, so this file is the one
// place that names them; every kernel goes through it.
import type { TensorInfo, DataType } from '@tensorflow/tfjs';

interface WasmModuleLike {
  HEAPF32: Float32Array;
  HEAP32: Int32Array;
  tfjs: { disposeData(id: number): void };
}

interface DataEntry { id: number; memoryOffset: number; shape: number[]; dtype: DataType }

export interface WasmBackendLike {
  wasm: WasmModuleLike;
  /** get() of an unknown dataId tries to move it from another backend: check has() first. */
  dataIdMap: { get(dataId: object): DataEntry | undefined; has(dataId: object): boolean; delete(dataId: object): boolean };
  /** With `memoryOffset`, the output is a view on memory the caller owns (see heapView). */
  makeOutput(shape: number[], dtype: DataType, memoryOffset?: number): TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
}

export function asWasmBackend(backend: unknown): WasmBackendLike {
  const b = backend as Partial<WasmBackendLike> | null;
  if (b == null || b.wasm == null || b.dataIdMap == null || typeof b.makeOutput !== 'function') {
    throw new Error('Model Lens kernel: expected the tfjs wasm backend');
  }
  return b as WasmBackendLike;
}

/** A Float32Array view on a tensor's bytes. Take views only after every allocation of the kernel:
 *  makeOutput may grow the wasm memory, which detaches earlier views. */
export function f32View(backend: WasmBackendLike, t: TensorInfo): Float32Array {
  const entry = backend.dataIdMap.get(t.dataId);
  if (entry == null) throw new Error('Model Lens kernel: tensor data is not on the wasm backend');
  let size = 1;
  for (const d of t.shape) size *= d;
  return new Float32Array(backend.wasm.HEAPF32.buffer, entry.memoryOffset, size);
}

/** Same memory as `t`, seen with another shape, without copying (the backend refcounts the data). */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** A float32 tensor over `shape` at a byte offset inside memory the caller owns (e.g. one time
 *  step of a [T, B, H] buffer), to hand to a stock kernel without copying. Release it with
 *  releaseView before the memory goes: backend.disposeData would free the offset it points into. */
export function heapView(backend: WasmBackendLike, byteOffset: number, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32', byteOffset);
}

export function releaseView(backend: WasmBackendLike, view: TensorInfo): void {
  const entry = backend.dataIdMap.get(view.dataId);
  if (entry == null) return;
  backend.wasm.tfjs.disposeData(entry.id);
  backend.dataIdMap.delete(view.dataId);
}
