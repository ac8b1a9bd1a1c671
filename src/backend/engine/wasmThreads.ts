// Starts the tfjs wasm backend's multi-threaded SIMD build in Node. tfjs 4.22 turns threads off in
// Node (its feature check returns false there), and its loader hands the emscripten runtime blob:
// URLs that Node's worker_threads cannot start. Emscripten's own glue does support Node workers, so
// for the duration of the initialisation we:
//   • report multithread support, and make the core count XNNPACK sizes its pool by match `threads`;
//   • answer the loader's URL.createObjectURL (asked only for the pthread worker script) with a
//     file: the worker script the loader built (Node-aware; its text is captured when the Blob is
//     made) plus a few lines that load the package's own copy of the threaded runtime
//     (wasm-out/tfjs-backend-wasm-threaded-simd.js, copied next to the .wasm files) instead of the
//     blob the loader posts, whose text is a bundled function that cannot run on its own;
// and afterwards unref the worker threads so they never keep the process alive.
// All of it is undone when initialisation ends. Any failure leaves the caller to start the
// single-threaded build, with the reason.
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, type CpuInfo } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

const runtimeName = 'tfjs-backend-wasm-threaded-simd.js';

/** Where the threaded runtime's JS lives: next to the .wasm files in dist/, or in the package. */
export function threadedRuntimeDir(wasmDir: string): string | null {
  for (const dir of [wasmDir, join(wasmDir, '..', 'wasm-out')]) {
    if (existsSync(join(dir, runtimeName)) && existsSync(join(wasmDir, 'tfjs-backend-wasm-threaded-simd.wasm'))) return dir;
  }
  return null;
}

interface PThreadLike { unusedWorkers: Array<{ unref?(): void }>; runningWorkers: Array<{ unref?(): void }> }

/** Initialises the 'wasm' backend with `threads` XNNPACK threads; rejects, leaving the backend
 *  uninitialised, with the reason when it cannot. */
export async function initThreadedWasm(wasmDir: string, threads: number): Promise<void> {
  const runtimeDir = threadedRuntimeDir(wasmDir);
  if (runtimeDir == null) throw new Error(`the threaded runtime (${runtimeName}) is not in ${wasmDir}`);
  const tmp = mkdtempSync(join(tmpdir(), 'model-lens-wasm-'));
  process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
  const runtimePath = join(runtimeDir, runtimeName);
  // The pthread worker receives `urlOrBlob` (the runtime to import) in its 'load' message; a Blob
  // cannot be imported in Node, so point it at the runtime file.
  const shim = `
;(function () {
  var handle = self.onmessage;
  self.onmessage = function (e) {
    if (e.data && e.data.cmd === 'load' && typeof e.data.urlOrBlob !== 'string') e.data.urlOrBlob = ${JSON.stringify(runtimePath)};
    return handle(e);
  };
})();
`;
  const blobText = new WeakMap<object, string>();
  const RealBlob = globalThis.Blob;
  class RecordingBlob extends RealBlob {
    constructor(parts?: ConstructorParameters<typeof Blob>[0], options?: ConstructorParameters<typeof Blob>[1]) {
      super(parts ?? [], options);
      if (parts != null && parts.every((p) => typeof p === 'string')) blobText.set(this, (parts as string[]).join(''));
    }
  }
  // One file per distinct script, written once: the loader asks for a URL once per worker it
  // starts, and rewriting the file while an earlier worker may still be reading it is a race.
  // (With tfjs' 8 preloaded workers and one rewritten file, 1 process start in 5–7 here waited
  // forever for a worker's "loaded"; with one worker and files written once, 0 in 25.)
  const written = new Map<string, string>();
  const workerUrl = (blob: Blob): string => {
    const text = blobText.get(blob);
    if (text == null) throw new Error('the wasm loader asked for a worker URL of an unknown blob');
    let path = written.get(text);
    if (path == null) {
      path = join(tmp, `worker-${written.size}.js`);
      writeFileSync(path, text + shim);
      written.set(text, path);
    }
    return path;
  };

  const osModule = createRequire(__filename)('node:os') as { cpus(): CpuInfo[] };
  const realCpus = osModule.cpus;
  const realCreateObjectURL = URL.createObjectURL;
  const flag = 'WASM_HAS_MULTITHREAD_SUPPORT';
  let started = false;
  try {
    tf.env().set(flag, true);
    // XNNPACK sizes its pool as (logical cores / 2), counting hyper-threads twice.
    osModule.cpus = () => Array.from({ length: threads * 2 }, () => realCpus.call(osModule)[0] as CpuInfo);
    globalThis.Blob = RecordingBlob;
    URL.createObjectURL = workerUrl as typeof URL.createObjectURL;
    setThreadsCount(threads);
    // XNNPACK's pool needs threads − 1 emscripten workers; the bundle (scripts/build.mjs) reads
    // this instead of its fixed 8, each of which loads the whole module at startup. At least one:
    // this runtime starts only after the last preloaded worker reports in, so with none it never
    // starts.
    (globalThis as { __modelLensPthreadPoolSize?: number }).__modelLensPthreadPoolSize = Math.max(1, threads - 1);
    started = await tf.setBackend('wasm');
    if (!started) throw new Error('the threaded wasm backend failed to initialise');
  } finally {
    delete (globalThis as { __modelLensPthreadPoolSize?: number }).__modelLensPthreadPoolSize;
    osModule.cpus = realCpus;
    URL.createObjectURL = realCreateObjectURL;
    globalThis.Blob = RealBlob;
    // A retry must load the single-threaded build.
    if (!started) tf.env().set(flag, false);
  }
  const pthread = (tf.backend() as unknown as { wasm?: { PThread?: PThreadLike } }).wasm?.PThread;
  if (pthread == null) throw new Error('the wasm runtime has no worker pool');
  for (const w of [...pthread.unusedWorkers, ...pthread.runningWorkers]) w.unref?.();
}
