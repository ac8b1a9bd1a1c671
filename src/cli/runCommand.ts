// `model-lens run SCRIPT.py [-- ARGS]`: a person's own training script, unmodified, run with the
// probe (python/model_lens/script_probe.py) in the current folder with its own arguments. Prints
// what the probe finds (the models, each layer's line, loss, learning rate, samples/s) or, with
// --json, one event per stdout line; the script's own output goes to stderr. The run is saved like
// any other (events.log + run.json) and reopens with "Open Training Run…". --nproc N starts a
// distributed script's N ranks on this machine with torchrun's environment variables, or with
// --launcher torchrun has torchrun start them (rank 0 then streams through a Unix socket); rank 0 streams.
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { BackendEvent, Cadence } from '../protocol/backend';
import { findPackageRoot } from '../backend/paths';
import { freePort, rankEnvironment, startOtherRanks, startScriptProbe, startTorchrunProbe, type ScriptRunSpec } from '../host/python/scriptProbe';
import type { PythonBackendProcess } from '../host/python/pythonBackend';
import { findTorch } from './torchRun';
import { RunFollower } from './runFollower';
import { toJsonLine } from './trainCommand';

export const RUN_USAGE = 'run SCRIPT.py [--json] [--runs-dir DIR] [--python PATH] [--nproc N] [--launcher ranks|torchrun] [--no-step-after S] [-- SCRIPT ARGS]'
  + '\n      runs your own PyTorch training script unmodified and shows what its training does (the script\'s output goes to stderr)';

/** The CLI keeps every step's loss but samples the heavier figures; the saved run still fills the panel. */
export const RUN_CADENCE: Cadence = {
  metricsEverySteps: 1, gradientsEverySteps: 10, activationsEverySteps: 50, visualsEveryMs: 5000, validateEverySteps: 0, minIntervalMs: 1000,
};

/** Who starts a distributed script's processes: model-lens itself with torchrun's variables, or torchrun. */
export type Launcher = 'ranks' | 'torchrun';

export interface RunArgs { script: string; args: string[]; json: boolean; runsDir: string; python?: string; nproc: number; launcher: Launcher; noStepAfterS?: number }

export function parseRunArgs(argv: string[]): RunArgs {
  const out: RunArgs = { script: '', args: [], json: false, runsDir: join(homedir(), '.model-lens', 'runs'), nproc: 1, launcher: 'ranks' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => { const v = argv[++i]; if (v === undefined) throw new Error(`${a} needs a value`); return v; };
    if (a === '--') { out.args.push(...argv.slice(i + 1)); break; }
    switch (a) {
      case '--json': out.json = true; break;
      case '--runs-dir': out.runsDir = resolve(value()); break;
      case '--python': out.python = value(); break;
      case '--nproc': case '--nproc-per-node': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`${a} must be a whole number from 1 to 64`);
        out.nproc = n;
        break;
      }
      case '--launcher': {
        const v = value();
        if (v !== 'ranks' && v !== 'torchrun') throw new Error(`--launcher is 'ranks' (model-lens starts each process) or 'torchrun', not '${v}'`);
        out.launcher = v;
        break;
      }
      case '--no-step-after': {
        const n = Number(value());
        if (!Number.isFinite(n) || n < 0) throw new Error(`${a} must be a number of seconds ≥ 0`);
        out.noStepAfterS = n;
        break;
      }
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a} (the script's own arguments go after --)`);
        if (out.script) throw new Error(`one script at a time; the script's own arguments go after -- (got '${a}')`);
        out.script = a;
    }
  }
  if (!out.script) throw new Error('which script? model-lens run SCRIPT.py [-- ARGS]');
  return out;
}

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(2) : Number(v.toPrecision(4)).toString());
const where = (file: string | undefined, line: number | null, script: string): string =>
  line === null ? '' : `${file && file !== script ? relative(process.cwd(), file) || file : basename(script)}:${line}`;

/** One event in words for the terminal (null: nothing to print). */
export function scriptLine(e: BackendEvent, script: string): string | null {
  switch (e.kind) {
    case 'runStarted': {
      const s = e.script;
      // No model found: the script failed before its first training step (its error comes next).
      if (s && s.models.length === 0) return `${basename(script)}: failed before its first training step`;
      const models = s ? s.models.map((m) => `${m.name}: ${m.class}${m.wrapper ? ` in ${m.wrapper}` : ''} (${m.params.toLocaleString('en')} parameters)`).join(', ') : '';
      const opts = s ? s.optimizers.map((o) => `${o.class} lr ${fmt(o.lr)}`).join(', ') : '';
      const layers = e.layers.map((l) => `    ${l.name.padEnd(28)} ${l.kind.padEnd(20)} [${l.outputShape.map((d) => d ?? '?').join(', ')}]`.padEnd(80) + ` ${where(l.file, l.line, script)}`);
      return [`${basename(script)}: first training step`, `  models   ${models}`, `  optim    ${opts}${s?.batchSize ? `, batch ${s.batchSize}` : ''}`,
        ...(s?.distributed ? [`  ranks    ${s.distributed.note}`] : []), `  engine   ${e.engine.detail}`, '  layers', ...layers].join('\n');
    }
    case 'metrics':
      return `  step ${String(e.step).padStart(6)}  loss ${e.loss.map(fmt).join(' / ')}  lr ${fmt(e.train.lr)}${e.samplesPerSec === null ? '' : `  ${Math.round(e.samplesPerSec)} samples/s`}`;
    case 'error':
      return `  error: ${e.message}${e.location ? `\n    at ${e.location.file}:${e.location.line}` : ''}`;
    case 'log':
      return `  ${e.level === 'warn' ? 'warning: ' : ''}${e.message}`;
    case 'finished':
      return `finished: ${e.step} steps in ${e.seconds.toFixed(1)} s${e.samplesPerSec === null ? '' : `, ${Math.round(e.samplesPerSec)} samples/s`}`;
    case 'state':
      return e.state === 'stopped' ? '  stopped' : null;
    default:
      return null;
  }
}

export async function runScriptCommand(argv: string[]): Promise<number> {
  const parsed = parseRunArgs(argv);
  const script = resolve(parsed.script);
  if (!existsSync(script) || !statSync(script).isFile()) throw new Error(`script not found: ${script}`);
  const root = findPackageRoot(__dirname);
  const found = await findTorch(root, parsed.python);
  if (!found.python) throw new Error(`${parsed.script} needs PyTorch, and ${found.note?.detail ?? 'no Python with torch was found'}`);
  const spec: ScriptRunSpec = { script, args: parsed.args, cwd: process.cwd(), runsDir: parsed.runsDir, cadence: RUN_CADENCE, ...(parsed.noStepAfterS !== undefined ? { noStepAfterS: parsed.noStepAfterS } : {}) };
  const out = (line: string): void => { process.stdout.write(`${line}\n`); };
  const say = (line: string): void => { process.stderr.write(`${line}\n`); };

  const run = new RunFollower((e) => {
    if (parsed.json) out(toJsonLine(e));
    else { const l = scriptLine(e, script); if (l !== null) out(l); }
  }, (info) => `the script's process ended without saying how (${info.description})`);
  const torchrun = parsed.launcher === 'torchrun';
  const env = parsed.nproc > 1 && !torchrun ? rankEnvironment(process.env, 0, parsed.nproc, await freePort()) : process.env;
  let ranks: ChildProcess[] = [];
  const start = torchrun ? (o: Parameters<typeof startScriptProbe>[0]) => startTorchrunProbe({ ...o, nproc: parsed.nproc }) : startScriptProbe;
  const probe: PythonBackendProcess = await start({
    python: found.python, packageDir: join(root, 'python'), maxMemoryMb: 0, env, spec,
    onEvent: run.onEvent,
    // The script's own output: stdout is ours (progress or the --json stream).
    onLog: (line) => say(line),
    onExit: run.onExit,
  });
  if (parsed.nproc > 1 && !torchrun) {
    ranks = startOtherRanks(found.python, join(root, 'python'), spec, parsed.nproc, Number(env.MASTER_PORT), process.env, (rank, line) => say(`[rank ${rank}] ${line}`));
  }
  const endRanks = async (graceMs: number): Promise<void> => {
    const deadline = Date.now() + graceMs;
    for (const r of ranks) {
      while (r.exitCode === null && r.signalCode === null && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
      if (r.exitCode === null && r.signalCode === null && r.pid !== undefined) { try { process.kill(-r.pid, 'SIGKILL'); } catch { /* gone */ } }
    }
  };

  const stopInterrupts = run.onInterrupt(probe, say, {
    first: '\nstopping at the next optimizer step… (Ctrl-C again to end the script at once)', secondNote: 'ended at once by a second Ctrl-C',
  });
  try {
    await run.ended;
    if (run.exitNote !== null) { say(`model-lens: ${run.exitNote}`); run.lastError ??= run.exitNote; }
    if (!parsed.json) out(run.runDir ? `run folder: ${run.runDir}` : 'no run folder: the script never reached a training step');
    else out(run.summary());
    return run.exitStatus();
  } finally {
    stopInterrupts();
    // Under torchrun the other ranks may still be finishing after rank 0 has said so.
    if (torchrun && run.state === 'finished') await Promise.race([probe.exitPromise, new Promise((r) => setTimeout(r, 10_000))]);
    await probe.shutdown(2000);
    await endRanks(run.state === 'finished' ? 10_000 : 0);
  }
}
