// `model-lens train <sample>`: the same run as the extension's, without VS Code: the training
// process (dist/backend.js) is started the same way and driven over the same protocol. Prints
// progress and the held-out figures (or, with --json, one JSON object per event line; the
// sample's own output goes to stderr). The first Ctrl-C stops the run and still saves it, a
// second one ends the training process at once — even a sample stuck in a loop.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLI_CADENCE, SAMPLE_CATALOG, isClassInput, type BackendEvent, type RunConfig, type SampleRef } from '../protocol/backend';
import {
  ACTIVATIONS, ENGINE_PREFS, INITIALIZERS, OPTIMIZERS, SECONDS_LIMITS, describeLimits, hyperProblem, withinLimits,
  type EnginePref, type HyperOverrides, type Hyperparameters,
} from '../protocol/vocabulary';
import { assetPaths, findPackageRoot } from '../backend/paths';
import { BackendProcess, type BackendChannel, type BackendExitInfo, type BackendHandlers } from '../host/training/backendProcess';
import { PythonBackendProcess } from '../host/python/pythonBackend';
import { classInputFromAnalysis } from './classInput';
import { RunFollower } from './runFollower';
import { findTorch } from './torchRun';

export const TRAIN_USAGE = `train <sample|file.js|file.py> [--class Name [--input 64,1,28,28]] [--epochs N] [--seconds S] [--batch-size B] [--lr X] [--optimizer ${OPTIMIZERS.join('|')}] `
  + `[--activation A] [--initializer ${INITIALIZERS.join('|')}] [--seed N] [--engine ${ENGINE_PREFS.join('|')}] [--python PATH] [--runs-dir DIR] [--no-checkpoints] [--json]`
  + `\n      samples: ${SAMPLE_CATALOG.map((s) => s.id).join(', ')} (a .py sample file runs on torch, a .js one on TensorFlow.js)`
  + '\n      --class: train that nn.Module class of the .py file as written, on PyTorch (MNIST or a generated task, chosen from its input and output;'
  + ' the input from --input, else from the analysis; its batch size from --batch-size)';

/** Heap cap of the training process started by the CLI (the extension's default setting). */
const CLI_MAX_MEMORY_MB = 4096;

export interface TrainArgs {
  sample: string; hyper: HyperOverrides; seconds?: number; engine: EnginePref; runsDir: string; json: boolean; checkpoints: boolean;
  /** The interpreter for the PyTorch engine (else MODEL_LENS_PYTHON, else discovery). */
  python?: string;
  /** "Train this model": the nn.Module class of the .py file to train. */
  className?: string;
  /** Its input shape (batch first); else the analysis finds it. */
  input?: number[];
}

/** Parses the options; every value is checked against the protocol's limits, as the readers do. */
export function parseTrainArgs(args: string[]): TrainArgs {
  const out: TrainArgs = { sample: '', hyper: {}, engine: 'auto', runsDir: join(homedir(), '.model-lens', 'runs'), json: false, checkpoints: true };
  const hyper = <K extends keyof Hyperparameters>(flag: string, key: K, raw: string | undefined): Hyperparameters[K] => {
    const value: unknown = key === 'optimizer' || key === 'activation' || key === 'initializer' ? raw : raw === undefined || raw.trim() === '' ? NaN : Number(raw);
    const problem = hyperProblem(key, value);
    if (problem !== null) throw new Error(`${flag} ${problem}, got '${String(raw)}'`);
    return value as Hyperparameters[K];
  };
  const oneOfFlag = <T extends string>(flag: string, v: string | undefined, allowed: readonly T[]): T => {
    if (v === undefined || !(allowed as readonly string[]).includes(v)) throw new Error(`${flag} must be one of ${allowed.join(', ')}, got '${String(v)}'`);
    return v as T;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = (): string | undefined => args[++i];
    switch (a) {
      case '--epochs': out.hyper.epochs = hyper(a, 'epochs', next()); break;
      case '--seconds': {
        const raw = next();
        const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
        if (!withinLimits(n, SECONDS_LIMITS)) throw new Error(`--seconds must be ${describeLimits(SECONDS_LIMITS)}, got '${String(raw)}'`);
        out.seconds = n;
        break;
      }
      case '--batch-size': out.hyper.batchSize = hyper(a, 'batchSize', next()); break;
      case '--lr': case '--learning-rate': out.hyper.learningRate = hyper(a, 'learningRate', next()); break;
      case '--seed': out.hyper.seed = hyper(a, 'seed', next()); break;
      case '--optimizer': out.hyper.optimizer = hyper(a, 'optimizer', next()); break;
      case '--activation': out.hyper.activation = oneOfFlag(a, next(), ACTIVATIONS); break;
      case '--initializer': out.hyper.initializer = oneOfFlag(a, next(), INITIALIZERS); break;
      case '--engine': out.engine = oneOfFlag(a, next(), ENGINE_PREFS); break;
      case '--runs-dir': { const d = next(); if (!d) throw new Error('--runs-dir needs a folder'); out.runsDir = resolve(d); break; }
      case '--python': { const p = next(); if (!p) throw new Error('--python needs an interpreter'); out.python = p; break; }
      case '--class': {
        const c = next();
        if (!c || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(c)) throw new Error(`--class needs a Python class name, got '${String(c)}'`);
        out.className = c;
        break;
      }
      case '--input': {
        const raw = next();
        const dims = raw === undefined ? [] : raw.replace(/^[[(]|[\])]$/g, '').split(',').map((d) => Number(d.trim()));
        if (!isClassInput(dims)) throw new Error(`--input needs positive sizes, batch first, like 64,1,28,28; got '${String(raw)}'`);
        out.input = dims;
        break;
      }
      case '--json': out.json = true; break;
      case '--no-checkpoints': out.checkpoints = false; break;
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
        if (out.sample) throw new Error(`one sample at a time (got '${out.sample}' and '${a}')`);
        out.sample = a;
    }
  }
  if (!out.sample) throw new Error(`which sample? one of ${SAMPLE_CATALOG.map((s) => s.id).join(', ')} or a path to a sample .js file`);
  if (out.input && !out.className) throw new Error('--input goes with --class (the input of the class to train)');
  if (out.className) {
    if (!out.sample.endsWith('.py')) throw new Error(`--class trains a class of a .py file, got '${out.sample}'`);
    if (out.engine !== 'auto' && out.engine !== 'torch') throw new Error(`--class trains on PyTorch: use --engine auto|torch, not ${out.engine}`);
  }
  return out;
}

/** JSON has no typed arrays: they become plain number lists on this path only. */
export function toJsonLine(e: BackendEvent): string {
  return JSON.stringify(e, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float32Array, (x) => (Number.isFinite(x) ? x : null)) : v));
}

const fmt = (v: number | null | undefined, digits = 4): string => (v === null || v === undefined ? '—' : Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(2) : v.toFixed(digits));

export function humanLine(e: BackendEvent): string | null {
  switch (e.kind) {
    case 'runStarted':
      return `${e.sample.title.en}\n  engine   ${e.engine.name}: ${e.engine.detail}${e.engine.note ? `\n  note     ${e.engine.note.detail}` : ''}\n  data     ${e.trainSize} train / ${e.testSize} test, ${e.stepsPerEpoch} steps per epoch\n`
        + `  hyper    lr ${e.hyper.learningRate}, batch ${e.hyper.batchSize}, epochs ${e.hyper.epochs}, ${e.hyper.optimizer}, ${e.hyper.activation}, init ${e.hyper.initializer}${e.seconds ? `, at most ${e.seconds} s` : ''}\n`
        + `  layers   ${e.layers.map((l) => `${l.name}[${l.outputShape.map((d) => d ?? '?').join('×')}]`).join(' → ')}`;
    case 'metrics':
      return `  step ${String(e.step).padStart(6)}  epoch ${e.epoch + 1}  loss ${e.loss.map((l) => fmt(l)).join(' / ')}${Object.entries(e.train).map(([k, v]) => `  ${k} ${fmt(v)}`).join('')}  ${e.samplesPerSec === null ? '' : `${Math.round(e.samplesPerSec)} samples/s`}`;
    case 'validation':
      return `  test after epoch ${e.epoch + 1} (step ${e.step}): ${Object.entries(e.metrics).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`;
    case 'error':
      return `  error: ${e.message}`;
    case 'finished':
      return `finished: ${e.step} steps in ${e.seconds.toFixed(1)} s, ${e.samplesPerSec === null ? '—' : Math.round(e.samplesPerSec)} samples/s\n  held-out: ${Object.entries(e.test).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`;
    case 'state':
      return e.state === 'stopped' ? '  stopped' : null;
    default:
      return null;
  }
}

/** Why a training process that ended before its run did, in words for the terminal. */
function earlyExitMessage(info: BackendExitInfo): string {
  if (info.outOfMemory) return `${info.description}; a smaller --batch-size or model needs less`;
  if (info.code === 0) return 'the sample ended the training process (exit code 0) before the run finished';
  return `${info.description} before the run finished`;
}

export async function runTrainCommand(args: string[]): Promise<number> {
  const parsed = parseTrainArgs(args);
  const root = findPackageRoot(__dirname);
  const assets = assetPaths(root);
  const isFile = /\.(js|py)$/.test(parsed.sample) || parsed.sample.includes('/');
  const isPython = isFile && parsed.sample.endsWith('.py');
  if (isPython && parsed.engine !== 'auto' && parsed.engine !== 'torch') throw new Error(`${parsed.sample} is a PyTorch sample: it runs on --engine torch, not ${parsed.engine}`);
  if (isFile && !isPython && parsed.engine === 'torch') throw new Error(`${parsed.sample} is a TensorFlow.js sample: use --engine auto|tensorflow|wasm|cpu`);
  let sample: SampleRef = isFile ? { kind: 'file', path: resolve(parsed.sample) } : { kind: 'shipped', id: parsed.sample };
  if (parsed.className) {
    const found = parsed.input ? { input: parsed.input, from: '--input' } : await classInputFromAnalysis(resolve(parsed.sample), parsed.className);
    if ('error' in found) throw new Error(found.error);
    if (!parsed.json) process.stderr.write(`${parsed.className}: input [${found.input.join(', ')}] (from ${found.from})\n`);
    sample = { kind: 'class', path: resolve(parsed.sample), className: parsed.className, input: found.input };
  }
  const config: RunConfig = {
    sample,
    hyper: parsed.hyper,
    ...(parsed.seconds !== undefined ? { seconds: parsed.seconds } : {}),
    engine: parsed.engine,
    cadence: CLI_CADENCE,
    paths: { ...assets, runsDir: parsed.runsDir, nativeModulePaths: [] },
    // The person named this file on their own command line: that is the trust decision.
    allowWorkspaceCode: true,
    checkpoints: parsed.checkpoints,
  };
  const out = (line: string): void => { process.stdout.write(`${line}\n`); };
  const say = (line: string): void => { process.stderr.write(`${line}\n`); };

  let test = null as Record<string, number | null> | null;
  const run = new RunFollower((e) => {
    if (e.kind === 'finished') test = e.test;
    if (e.kind === 'log' && e.level === 'warn' && !parsed.json) say(`  warning: ${e.message}`);
    if (parsed.json) out(toJsonLine(e));
    else { const l = humanLine(e); if (l !== null) out(l); }
  }, earlyExitMessage);
  const handlers: BackendHandlers = {
    onEvent: run.onEvent,
    // The sample's own output (console.log) and the engine's notices go to stderr: stdout is the
    // progress or the --json stream, and nothing else may end up in it.
    onLog: (line) => say(line),
    onExit: run.onExit,
  };
  // auto and torch: PyTorch when an interpreter with torch is found, else TensorFlow.js with the
  // reason. Both engines' processes speak the same protocol; only the channel differs.
  let python: string | null = null;
  if (parsed.engine === 'torch' || (parsed.engine === 'auto' && !(isFile && !isPython))) {
    const found = await findTorch(root, parsed.python);
    if (!found.python && isPython) throw new Error(`${parsed.sample} needs the PyTorch engine, and ${found.note?.detail ?? 'no Python with torch was found'}`);
    if (found.note) config.engineNote = found.note;
    python = found.python;
  }
  config.engine = python !== null ? 'torch' : parsed.engine === 'torch' ? 'auto' : parsed.engine;
  const backend: BackendChannel = python !== null
    ? await PythonBackendProcess.start({ ...handlers, python, packageDir: join(root, 'python'), maxMemoryMb: CLI_MAX_MEMORY_MB })
    : await BackendProcess.start({ ...handlers, backendPath: join(root, 'dist', 'backend.js'), maxMemoryMb: CLI_MAX_MEMORY_MB });

  const stopInterrupts = run.onInterrupt(backend, say, {
    first: '\nstopping after this step… (Ctrl-C again to end at once)',
    second: 'ending the training process now; the run folder keeps what was written so far', secondNote: 'stopped at once by a second Ctrl-C',
  });
  try {
    const res = await backend.request({ type: 'start', config });
    if (!res.ok) throw new Error(res.error);
    await run.ended;
    if (run.exitNote !== null) {
      say(`model-lens: ${run.exitNote}`);
      run.lastError = run.exitNote;
    }
    if (!parsed.json) out(`run folder: ${String(run.runDir)}`);
    else out(run.summary({ test }));
    // A run stopped because of an error (the PyTorch engine's host could not write its events.log) failed.
    if (run.state === 'stopped' && run.lastError !== null) return 1;
    return run.exitStatus();
  } finally {
    stopInterrupts();
    await backend.shutdown(5000);
  }
}
