// Picks the TensorFlow.js backend for the training process: native TensorFlow (tfjs-node) when it
// loads, else the wasm backend with our kernels, else the pure-JS cpu backend.
//
// One tf instance: model code and the trainer import '@tensorflow/tfjs' (bundled into
// dist/backend.js). tfjs-node is never bundled; it is required at run time and brings its own copy
// of @tensorflow/tfjs-core. tfjs-core keeps its engine, kernel registry and Tensor class on the
// global object (`_tfengine`, `_tfGlobals`), so the 'tensorflow' backend that copy registers is
// visible to our copy — provided both are the same tfjs-core version. We therefore compare the
// versions, call setBackend on OUR instance, and run a smoke op through it before accepting.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { installFastOrthogonal } from './orthogonalInit';
import { installFusedRecurrentLayers, installTidyLstmBuild } from './recurrentLayers';
import { gemmThreadsFor, startGemmThreads } from './gemm';
import { attachSimdKernelsFrom, simdUsesFma } from './simdKernels';
import { registerTensorStatsKernels } from './tensorStats';
import { asWasmBackend } from './wasmHeap';
import { registerWasmKernels, wasmKernelNames } from './wasmKernels';
import { initThreadedWasm } from './wasmThreads';

export type EnginePreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export type EngineName = 'tensorflow' | 'wasm' | 'cpu';

export interface EngineInfo {
  name: EngineName;
  /** One line for people: what runs and how. */
  detail: string;
  /** Why each earlier choice was skipped, in order tried. */
  fallbacks: string[];
  threads?: number;
}

export interface SelectEngineOptions {
  /** Folder holding tfjs-backend-wasm*.wasm (dist/wasm in the build; in tests the package's dist/). */
  wasmDir: string;
  /** Extra folders to look for node_modules/@tensorflow/tfjs-node in (e.g. the extension's global
   *  storage, where "Install Native TensorFlow Engine" puts it), tried before normal resolution. */
  nativeModulePaths?: string[];
  /** Threads the wasm engine may use (default: one per core): 1 runs everything on this thread;
   *  more start the threaded build and helper threads for our matrix products (used where they
   *  measure faster). XNNPACK itself always runs one thread. */
  threads?: number;
}

const order: readonly EngineName[] = ['tensorflow', 'wasm', 'cpu'];

function errorText(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]?.slice(0, 300) ?? msg;
}

/** A few numbers through matMul + sum: proves the backend really computes in our tf instance. */
function smokeTest(): void {
  const got = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])).sum().dataSync()[0]);
  if (got !== 134) throw new Error(`smoke test computed ${String(got)} instead of 134`);
}

async function tryTensorflow(opts: SelectEngineOptions): Promise<string> {
  const candidates = [...(opts.nativeModulePaths ?? []).map((dir) => join(dir, 'index.js')), __filename];
  let loaded: { version?: Record<string, string> } | undefined;
  const problems: string[] = [];
  for (const base of candidates) {
    try {
      loaded = createRequire(base)('@tensorflow/tfjs-node') as { version?: Record<string, string> };
      break;
    } catch (err) {
      problems.push(errorText(err));
    }
  }
  if (loaded == null) {
    // A copy that exists but fails (missing libtensorflow, wrong ABI) says more than "not found".
    const real = problems.find((p) => !p.includes("Cannot find module '@tensorflow/tfjs-node'"));
    throw new Error(real != null ? `@tensorflow/tfjs-node is installed but failed to load: ${real}` : '@tensorflow/tfjs-node is not installed');
  }
  const theirs = loaded.version?.['tfjs-core'];
  const ours = tf.version_core;
  if (theirs != null && theirs !== ours) throw new Error(`@tensorflow/tfjs-node uses tfjs-core ${theirs}, the backend bundles ${ours}`);
  if (!(await tf.setBackend('tensorflow'))) throw new Error('the tensorflow backend failed to initialise');
  smokeTest();
  return `native TensorFlow (tfjs-node, tfjs-core ${ours})`;
}

async function tryWasm(opts: SelectEngineOptions): Promise<string> {
  const binaries = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'];
  if (!binaries.some((f) => existsSync(join(opts.wasmDir, f)))) throw new Error(`no tfjs wasm binaries (${binaries.join(', ')}) in ${opts.wasmDir}`);
  setWasmPaths(opts.wasmDir.endsWith('/') ? opts.wasmDir : `${opts.wasmDir}/`);
  registerWasmKernels();
  installFusedRecurrentLayers();
  installFastOrthogonal();
  const threads = Math.max(1, Math.floor(opts.threads ?? os.cpus().length));
  let threadNote = '';
  // The wasm module starts once per process; a later call keeps whatever started first. With more
  // than one thread wanted, the threaded build starts (its memory is shared, so our helper threads
  // can work on the same tensors), with ONE XNNPACK thread: XNNPACK's pool spin-waits for every
  // convolution, which made steps up to 10× slower here when another program held the other core,
  // and it cannot be measured call by call. Our products decide per shape (gemmThreads.ts).
  if (threads > 1 && tf.findBackend('wasm') == null) {
    try {
      await initThreadedWasm(opts.wasmDir, 1);
    } catch (err) {
      threadNote = `; one thread (the threaded build did not start: ${errorText(err)})`;
    }
  }
  if (!(await tf.setBackend('wasm'))) throw new Error(`the wasm backend failed to initialise (wasm files looked for in ${opts.wasmDir})`);
  smokeTest();
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  const backend = asWasmBackend(tf.backend());
  // Our SIMD loops need the SIMD build; without them the kernels keep their JavaScript loops.
  const simdProblem = simd ? attachSimdKernelsFrom(backend, opts.wasmDir) : 'no WebAssembly SIMD';
  const fma = simdUsesFma(backend);
  let productThreads = 1;
  if (simdProblem == null && threads > 1 && threadNote === '') {
    const problem = startGemmThreads(backend, Math.min(3, threads - 1));
    if (problem == null) productThreads = gemmThreadsFor(backend)?.threads ?? 1;
    else threadNote = `; products on one thread (${problem})`;
  }
  const running = getThreadsCount();
  const loops = simdProblem == null
    ? ` (with our SIMD loops, ${fma ? 'fused multiply-add (relaxed SIMD)' : 'multiply + add: no relaxed SIMD here'}; matrix products on ${productThreads === 1 ? 'one thread' : `up to ${productThreads} threads where measured faster`})`
    : ` (our SIMD loops off: ${simdProblem})`;
  return `WebAssembly${simd ? ' SIMD' : ''} (XNNPACK, ${running} thread${running === 1 ? '' : 's'}${threadNote}) + Model Lens kernels: ${wasmKernelNames.join(', ')}${loops}`;
}

async function tryCpu(): Promise<string> {
  if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend failed to initialise');
  installFastOrthogonal();
  smokeTest();
  return 'plain JavaScript (tfjs cpu backend, slow)';
}

/** Sets the tfjs backend for this process and says which one runs and why. */
export async function selectEngine(pref: EnginePreference, opts: SelectEngineOptions): Promise<EngineInfo> {
  registerTensorStatsKernels();
  installTidyLstmBuild();
  const start = pref === 'auto' ? 0 : order.indexOf(pref);
  if (start < 0) throw new Error(`unknown engine preference "${String(pref)}" (expected auto, tensorflow, wasm or cpu)`);
  const fallbacks: string[] = [];
  for (const name of order.slice(start)) {
    try {
      const detail = name === 'tensorflow' ? await tryTensorflow(opts) : name === 'wasm' ? await tryWasm(opts) : await tryCpu();
      const info: EngineInfo = { name, detail, fallbacks };
      if (name === 'wasm') info.threads = gemmThreadsFor(asWasmBackend(tf.backend()))?.threads ?? 1;
      return info;
    } catch (err) {
      fallbacks.push(`${name}: ${errorText(err)}`);
    }
  }
  throw new Error(`no TensorFlow.js engine could start:\n  ${fallbacks.join('\n  ')}`);
}

/** What the backend reports about its engine (JSON-safe, for the protocol's engine event). */
export interface EngineReport {
  engine: EngineName;
  detail: string;
  fallbacks: string[];
  threads: number | null;
  tfjsVersion: string;
  /** Kernels we replaced or added on this engine (empty unless wasm). */
  customKernels: string[];
}

export function engineReport(info: EngineInfo): EngineReport {
  return {
    engine: info.name,
    detail: info.detail,
    fallbacks: [...info.fallbacks],
    threads: info.threads ?? null,
    tfjsVersion: tf.version_core,
    customKernels: info.name === 'wasm' ? [...wasmKernelNames] : [],
  };
}

/** One line for logs and the CLI, e.g. "wasm — WebAssembly SIMD … (tensorflow skipped: …)". */
export function describeEngine(info: EngineInfo): string {
  const skipped = info.fallbacks.length > 0 ? ` (skipped ${info.fallbacks.join('; ')})` : '';
  return `${info.name} — ${info.detail}${skipped}`;
}
