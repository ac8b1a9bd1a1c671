// Runs python/model_lens/shapes.py for one file and returns its validated reply: the exact shapes
// PyTorch measured (issue 9 part 5). The process is started like the PyTorch engine's (-c bootstrap,
// the package's folder as working directory, its own process group, fds 3/4, RLIMIT_AS) and killed
// with its group when the budget plus a grace period passes (a C call that never returns cannot be
// interrupted from inside). No `vscode` import: the CLI and the tests use it as it is.
import type { Readable, Writable } from 'node:stream';
import { isRuntimeShapesReply, isRuntimeShapesRequest, type RuntimeModelRequest, type RuntimeShapesReply } from '../../protocol/runtimeShapes';
import { forwardOutput, killProcessTree } from '../training/backendProcess';
import { FrameDecoder, encodeFrame } from './frames';
import { isPythonOutOfMemory, pythonMemoryMb, spawnPythonSide } from './pythonBackend';

export const SHAPES_BOOTSTRAP = 'import sys; sys.path.insert(0, sys.argv[1]); from model_lens.shapes import main; main()';
/** torch's import (1–5 s, more on a loaded machine) comes before the budget starts. */
export const TORCH_IMPORT_GRACE_MS = 60_000;

export interface RuntimeShapesOptions {
  python: string;
  /** The folder holding model_lens/ (the extension's python/). */
  packageDir: string;
  file: string;
  models: RuntimeModelRequest[];
  timeBudgetMs: number;
  maxMemoryMb: number;
  onLog?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** The validated reply, or why there is none (the process died, hung past the budget, sent garbage). */
export type RuntimeShapesOutcome = { kind: 'reply'; reply: RuntimeShapesReply } | { kind: 'failed'; reason: string };

export async function runtimeShapes(opts: RuntimeShapesOptions): Promise<RuntimeShapesOutcome> {
  const request = { type: 'runtimeShapes' as const, id: 1, file: opts.file, models: opts.models, timeBudgetMs: opts.timeBudgetMs };
  if (!isRuntimeShapesRequest(request)) return { kind: 'failed', reason: 'the request is outside the protocol\'s limits' };
  const memoryMb = pythonMemoryMb(opts.maxMemoryMb);
  const child = spawnPythonSide(opts.python, SHAPES_BOOTSTRAP, opts.packageDir, memoryMb, opts.env ?? process.env);
  const tail = forwardOutput(child, opts.onLog);
  const requests = child.stdio[3] as Writable;
  const messages = child.stdio[4] as Readable;
  requests.on('error', () => undefined);
  messages.on('error', () => undefined);
  const decoder = new FrameDecoder();
  const outcome = await new Promise<RuntimeShapesOutcome>((resolveOutcome) => {
    let done = false;
    const finish = (o: RuntimeShapesOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolveOutcome(o);
    };
    const limitMs = opts.timeBudgetMs + TORCH_IMPORT_GRACE_MS;
    const timer = setTimeout(() => finish({ kind: 'failed', reason: `PyTorch did not answer within ${Math.round(limitMs / 1000)} s (a forward pass that never returns?); the process was ended` }), limitMs);
    messages.on('data', (chunk: Buffer) => {
      let decoded: unknown[];
      try {
        decoded = decoder.push(chunk);
      } catch (err) {
        finish({ kind: 'failed', reason: `the shapes process sent an unreadable frame (${err instanceof Error ? err.message : String(err)})` });
        return;
      }
      for (const m of decoded) {
        if (isRuntimeShapesReply(m) && m.id === request.id) finish({ kind: 'reply', reply: m });
        else opts.onLog?.('dropped a malformed message from the shapes process');
      }
    });
    child.once('error', (err) => finish({ kind: 'failed', reason: `cannot start ${opts.python}: ${err.message}` }));
    child.once('exit', (code, signal) => {
      // Let the last frame's 'data' arrive before deciding the process died without answering.
      setImmediate(() => {
        const why = isPythonOutOfMemory(tail()) ? `it ran out of memory (limit ${memoryMb} MB of address space)` : signal ? `signal ${signal}` : `exit code ${code}`;
        const last = tail().trim().split('\n').slice(-1)[0] ?? '';
        finish({ kind: 'failed', reason: `the shapes process ended without an answer (${why})${last ? `: ${last}` : ''}` });
      });
    });
    requests.write(encodeFrame(request));
  });
  requests.end();
  await killProcessTree(child);
  return outcome;
}
