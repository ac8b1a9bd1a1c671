// The analysis worker thread (bundled as dist/analysisWorker.js): loads the parsers once, then
// analyses one text at a time for the pool (pool.ts) and posts the result back. It never touches
// VS Code, and reads files only below the workspace root a job names (imports, the scripts that
// build the models); a job stops early when the host writes its id into the shared cancel slot or
// when its time budget runs out (analyze.ts says which in `incomplete`).
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeText } from '../analyze';
import { loadParsers } from '../parser';
import { workspaceOnDisk } from '../workspaceFiles';
import { ANALYSIS_WORKER_PROTOCOL, isHostToWorker, type WorkerInit, type WorkerToHost } from '../../protocol/analysisWorker';

const port = parentPort;
if (!port) throw new Error('analysisWorker.js runs as a worker thread');
const init = workerData as WorkerInit;
const cancelSlot = new Int32Array(init.cancel);
const post = (m: WorkerToHost): void => port.postMessage(m);
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 10_000);

// Background work: on Linux a thread's nice value is its own (setpriority with pid 0 changes only
// the calling thread), so the analysis yields the CPU to the editor's threads. Elsewhere it would
// lower the whole process, the extension host with it: left alone there.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // not allowed here: run at normal priority
  }
}

const decoder = new TextDecoder();
const parsers = loadParsers(init.parsersDir);
parsers.then(
  () => post({ type: 'ready', protocol: ANALYSIS_WORKER_PROTOCOL }),
  (e: unknown) => post({ type: 'failed', message: `tree-sitter grammars failed to load from ${init.parsersDir}: ${message(e)}` }),
);

port.on('message', (raw: unknown) => {
  // Only our own pool talks to this thread; anything else is a bug worth dropping, not obeying.
  if (!isHostToWorker(raw)) return;
  const job = raw;
  void parsers.then((p) => {
    const started = performance.now();
    try {
      const text = typeof job.text === 'string' ? job.text : job.text.map((chunk) => decoder.decode(chunk)).join('');
      // Other files of the workspace are read here, in the worker, never on the host's thread.
      const { workspaceRoot, ...options } = job.options;
      const workspace = workspaceRoot !== undefined && job.fileName !== undefined ? workspaceOnDisk(job.fileName, workspaceRoot) : undefined;
      const result = analyzeText(p, text, job.language, { ...options, ...(workspace ? { workspace } : {}), isCancelled: () => Atomics.load(cancelSlot, 0) === job.id }, job.fileName);
      post({ type: 'result', id: job.id, result, ms: performance.now() - started, ...(workspace ? { reads: workspace.reads() } : {}) });
    } catch (e) {
      if (e instanceof Error && e.name === 'RuntimeError' && /Aborted\(/.test(e.message)) {
        // The parser's wasm aborted (its heap could not grow on this text): this thread's parsers
        // are unusable from now on. Say so for this job and end the thread; the pool starts a
        // fresh one for the next job.
        post({ type: 'error', id: job.id, message: `the parser aborted on this text (${message(e)}); the analysis worker is replaced` });
        process.exit(1);
      }
      post({ type: 'error', id: job.id, message: message(e) });
    }
  });
});
