// `model-lens train <sample>`: the same run as the extension's, without VS Code. Prints progress
// and the held-out figures (or, with --json, one JSON object per event line).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLI_CADENCE, SAMPLE_CATALOG, type BackendEvent, type RunConfig } from '../protocol/backend';
import { ENGINE_PREFS, OPTIMIZERS, type EnginePref, type HyperOverrides, type OptimizerKind } from '../protocol/vocabulary';
import { assetPaths, findPackageRoot } from '../backend/paths';
import { startRun } from '../backend/runSession';

export const TRAIN_USAGE = 'train <sample|file.js> [--epochs N] [--seconds S] [--batch-size B] [--lr X] [--optimizer sgd|momentum|adam] '
  + '[--activation A] [--initializer zeros|random|xavier|he] [--seed N] [--engine auto|tensorflow|wasm|cpu] [--runs-dir DIR] [--no-checkpoints] [--json]'
  + `\n      samples: ${SAMPLE_CATALOG.map((s) => s.id).join(', ')}`;

export interface TrainArgs {
  sample: string; hyper: HyperOverrides; seconds?: number; engine: EnginePref; runsDir: string; json: boolean; checkpoints: boolean;
}

export function parseTrainArgs(args: string[]): TrainArgs {
  const out: TrainArgs = { sample: '', hyper: {}, engine: 'auto', runsDir: join(homedir(), '.model-lens', 'runs'), json: false, checkpoints: true };
  const num = (flag: string, v: string | undefined, int: boolean): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n <= 0 || (int && !Number.isInteger(n))) throw new Error(`${flag} needs a positive ${int ? 'integer' : 'number'}, got '${String(v)}'`);
    return n;
  };
  const oneOfFlag = <T extends string>(flag: string, v: string | undefined, allowed: readonly T[]): T => {
    if (v === undefined || !(allowed as readonly string[]).includes(v)) throw new Error(`${flag} must be one of ${allowed.join(', ')}, got '${String(v)}'`);
    return v as T;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = (): string | undefined => args[++i];
    switch (a) {
      case '--epochs': out.hyper.epochs = num(a, next(), true); break;
      case '--seconds': out.seconds = num(a, next(), false); break;
      case '--batch-size': out.hyper.batchSize = num(a, next(), true); break;
      case '--lr': case '--learning-rate': out.hyper.learningRate = num(a, next(), false); break;
      case '--seed': out.hyper.seed = num(a, next(), true); break;
      case '--optimizer': out.hyper.optimizer = oneOfFlag<OptimizerKind>(a, next(), OPTIMIZERS); break;
      case '--activation': out.hyper.activation = oneOfFlag(a, next(), ['relu', 'sigmoid', 'tanh', 'linear', 'elu', 'leakyRelu'] as const); break;
      case '--initializer': out.hyper.initializer = oneOfFlag(a, next(), ['zeros', 'random', 'xavier', 'he'] as const); break;
      case '--engine': out.engine = oneOfFlag(a, next(), ENGINE_PREFS); break;
      case '--runs-dir': { const d = next(); if (!d) throw new Error('--runs-dir needs a folder'); out.runsDir = resolve(d); break; }
      case '--json': out.json = true; break;
      case '--no-checkpoints': out.checkpoints = false; break;
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
        if (out.sample) throw new Error(`one sample at a time (got '${out.sample}' and '${a}')`);
        out.sample = a;
    }
  }
  if (!out.sample) throw new Error(`which sample? one of ${SAMPLE_CATALOG.map((s) => s.id).join(', ')} or a path to a sample .js file`);
  return out;
}

/** JSON has no typed arrays: they become plain number lists on this path only. */
function toJsonLine(e: BackendEvent): string {
  return JSON.stringify(e, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float32Array, (x) => (Number.isFinite(x) ? x : null)) : v));
}

const fmt = (v: number | null | undefined, digits = 4): string => (v === null || v === undefined ? '—' : Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(2) : v.toFixed(digits));

function humanLine(e: BackendEvent): string | null {
  switch (e.kind) {
    case 'runStarted':
      return `${e.sample.title.en}\n  engine   ${e.engine.name}: ${e.engine.detail}\n  data     ${e.trainSize} train / ${e.testSize} test, ${e.stepsPerEpoch} steps per epoch\n`
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

export async function runTrainCommand(args: string[]): Promise<number> {
  const parsed = parseTrainArgs(args);
  const root = findPackageRoot(__dirname);
  const assets = assetPaths(root);
  const isFile = parsed.sample.endsWith('.js') || parsed.sample.includes('/');
  const config: RunConfig = {
    sample: isFile ? { kind: 'file', path: resolve(parsed.sample) } : { kind: 'shipped', id: parsed.sample },
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
  const run = await startRun(config, (e) => {
    if (parsed.json) out(toJsonLine(e));
    else { const l = humanLine(e); if (l !== null) out(l); }
  });
  const onSigint = (): void => run.trainer.stop();
  process.once('SIGINT', onSigint);
  try {
    const result = await run.done;
    if (!parsed.json) out(`run folder: ${run.runDir}`);
    else out(JSON.stringify({ kind: 'summary', runDir: run.runDir, state: result.state, step: result.step, test: result.test }));
    return result.state === 'failed' ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
