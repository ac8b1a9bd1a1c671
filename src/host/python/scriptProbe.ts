// A person's own training script run with the probe (python/model_lens/script_probe.py): the same
// channel as the PyTorch engine (frames on fds 3/4, every message validated, stop-then-kill of the
// process group), started in the folder the script expects with its own arguments. Used by
// `model-lens run` and the editor's "Run Script with Model Lens". No `vscode` import.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Cadence } from '../../protocol/backend';
import { PythonBackendProcess, pythonEnvironment, type PythonBackendOptions } from './pythonBackend';

/** -c, so nothing of the working directory lands on sys.path before the probe puts the script's folder there. */
export const SCRIPT_PROBE_BOOTSTRAP = 'import sys; sys.path.insert(0, sys.argv[1]); from model_lens.script_probe import main; main(sys.argv[2:])';

/** How long a script may run without an optimizer step before the probe says so (it keeps running). */
export const NO_STEP_AFTER_S = 30;

export interface ScriptRunSpec {
  /** Absolute path of the script. */
  script: string;
  args: string[];
  /** The working directory the script runs in. */
  cwd: string;
  runsDir: string;
  cadence: Cadence;
  noStepAfterS?: number;
}

export function scriptProbeArgs(spec: ScriptRunSpec): string[] {
  return ['--runs-dir', spec.runsDir, '--cadence', JSON.stringify(spec.cadence), '--no-step-after', String(spec.noStepAfterS ?? NO_STEP_AFTER_S), '--', spec.script, ...spec.args];
}

export type ScriptProbeOptions = Omit<PythonBackendOptions, 'entry'> & { spec: ScriptRunSpec };

/** Starts the probe (ready once torch is imported); the script starts at once, no start request. */
export function startScriptProbe(opts: ScriptProbeOptions): Promise<PythonBackendProcess> {
  const { spec, ...rest } = opts;
  return PythonBackendProcess.start({ ...rest, entry: { bootstrap: SCRIPT_PROBE_BOOTSTRAP, args: scriptProbeArgs(spec), cwd: spec.cwd } });
}

/** The environment torchrun gives rank `rank` of `world` processes on this machine. */
export function rankEnvironment(base: NodeJS.ProcessEnv, rank: number, world: number, port: number): NodeJS.ProcessEnv {
  return {
    ...base, MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port), RANK: String(rank), WORLD_SIZE: String(world), LOCAL_RANK: String(rank),
    LOCAL_WORLD_SIZE: String(world), GROUP_RANK: '0', ROLE_RANK: String(rank), ROLE_WORLD_SIZE: String(world),
  };
}

/** A free TCP port on 127.0.0.1 for the ranks' rendezvous. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Ranks 1…world−1 of a distributed script, started the way torchrun starts them (its environment
 * variables), each in its own process group: the probe runs them untouched and silent (rank 0
 * streams). Their output goes to `onOutput` with the rank.
 */
export function startOtherRanks(python: string, packageDir: string, spec: ScriptRunSpec, world: number, port: number, env: NodeJS.ProcessEnv,
  onOutput: (rank: number, line: string) => void): ChildProcess[] {
  const ranks: ChildProcess[] = [];
  for (let rank = 1; rank < world; rank++) {
    const child = spawn(python, ['-u', '-c', SCRIPT_PROBE_BOOTSTRAP, packageDir, '--', spec.script, ...spec.args], {
      cwd: spec.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', env: pythonEnvironment(rankEnvironment(env, rank, world, port)), windowsHide: true,
    });
    const forward = (chunk: Buffer): void => { for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) onOutput(rank, line); };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.on('error', (err) => onOutput(rank, `could not start: ${err.message}`));
    ranks.push(child);
  }
  return ranks;
}
