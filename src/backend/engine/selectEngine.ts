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
import { installFusedRecurrentLayers } from './recurrentLayers';
import { attachSimdKernelsFrom } from './simdKernels';
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
  /** XNNPACK threads for the wasm engine (default: `autoThreads()`; 1 = no worker threads). */
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
  const threads = Math.max(1, Math.floor(opts.threads ?? autoThreads()));
  let threadNote = opts.threads == null && threads === 1 && os.cpus().length > 1 ? ', the other cores were busy at start' : '';
  // The wasm module starts once per process; a later call keeps whatever started first.
  if (threads > 1 && tf.findBackend('wasm') == null) {
    try {
      await initThreadedWasm(opts.wasmDir, threads);
    } catch (err) {
      threadNote = `, single-threaded (threads unavailable: ${errorText(err)})`;
    }
  }
  if (!(await tf.setBackend('wasm'))) throw new Error(`the wasm backend failed to initialise (wasm files looked for in ${opts.wasmDir})`);
  smokeTest();
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  // Our SIMD loops need the SIMD build; without them the kernels keep their JavaScript loops.
  const simdProblem = simd ? attachSimdKernelsFrom(asWasmBackend(tf.backend()), opts.wasmDir) : 'no WebAssembly SIMD';
  const running = getThreadsCount();
  return `WebAssembly${simd ? ' SIMD' : ''} (XNNPACK, ${running} thread${running === 1 ? '' : 's'}${threadNote}) + Model Lens kernels: ${wasmKernelNames.join(', ')}` +
    (simdProblem == null ? ' (with our SIMD loops)' : ` (our SIMD loops off: ${simdProblem})`);
}

/**
 * Threads for XNNPACK: the cores idle when training starts (cores − 1-minute load average), at
 * most 4, at least 1. XNNPACK's pool spin-waits, so on an oversubscribed machine a second thread
 * makes a step several times slower (measured here: 10× on the SimpleCNN's filter gradient at load
 * 13 on 2 cores), while on idle cores it shares the convolutions and matmuls. Windows reports no
 * load average (zeros), so it gets one thread per core.
 */
export function autoThreads(cores = os.cpus().length, load1 = os.loadavg()[0] ?? 0): number {
  return Math.max(1, Math.min(4, Math.floor(cores - load1 + 0.5)));
}

async function tryCpu(): Promise<string> {
  if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend failed to initialise');
  smokeTest();
  return 'plain JavaScript (tfjs cpu backend, slow)';
}

/** Sets the tfjs backend for this process and says which one runs and why. */
export async function selectEngine(pref: EnginePreference, opts: SelectEngineOptions): Promise<EngineInfo> {
  registerTensorStatsKernels();
  const start = pref === 'auto' ? 0 : order.indexOf(pref);
  if (start < 0) throw new Error(`unknown engine preference "${String(pref)}" (expected auto, tensorflow, wasm or cpu)`);
  const fallbacks: string[] = [];
  for (const name of order.slice(start)) {
    try {
      const detail = name === 'tensorflow' ? await tryTensorflow(opts) : name === 'wasm' ? await tryWasm(opts) : await tryCpu();
      const info: EngineInfo = { name, detail, fallbacks };
      if (name === 'wasm') info.threads = getThreadsCount();
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
