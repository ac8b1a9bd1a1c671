// A person's own training script run with the probe (python/model_lens/script_probe.py): the same
// channel as the PyTorch engine (frames on fds 3/4, every message validated, stop-then-kill of the
// process group), started in the folder the script expects with its own arguments. Used by
// `model-lens run` and the editor's "Run Script with Model Lens". No `vscode` import.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Cadence } from '../../protocol/backend';
import { forwardOutput, killProcessTree } from '../training/backendProcess';
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

/** The variable naming the Unix socket rank 0 connects to under a launcher that passes no fds (python/model_lens/script_probe.py). */
export const CHANNEL_ENV = 'MODEL_LENS_CHANNEL';

/**
 * torchrun's arguments for the script under the probe, run with the chosen interpreter as
 * `python -m torch.distributed.run` (torchrun's own module: the same torch as the probe).
 * `--standalone`: a rendezvous on a free local port, never a fixed 29500 shared with other runs.
 * `--redirects 9:1 --tee 9:1`: torch 1.13 on Python ≥ 3.11 reads the default `0` ("no
 * redirection") as None and crashes before starting any rank ('NoneType' object has no attribute
 * 'get'); a mapping for local rank 9 is read correctly and leaves ranks 0–8 on the console (with 10
 * or more ranks, rank 9's stdout is also copied to torchrun's log folder).
 */
export function torchrunArgs(nproc: number, spec: ScriptRunSpec): string[] {
  return ['-u', '-m', 'torch.distributed.run', '--standalone', '--nproc_per_node', String(nproc), '--redirects', '9:1', '--tee', '9:1',
    '-m', 'model_lens.script_probe', ...scriptProbeArgs(spec)];
}

export type TorchrunProbeOptions = ScriptProbeOptions & { nproc: number };

/**
 * A distributed script started by torchrun: rank 0 of `nproc` streams through a Unix socket in a
 * private (0700) temporary folder, named to every rank by MODEL_LENS_CHANNEL (torchrun passes the
 * environment, not our fds). Exactly one connection is taken (rank 0's; the others run untouched);
 * its frames are validated as on the fd channel. torchrun leads its own process group, which holds
 * every rank and what they start: Stop ends it all. The folder is removed when torchrun exits or the
 * start fails. Rejects, with the reason in one line, when torchrun ends before rank 0 connects
 * (its own output went to `onLog`).
 */
export async function startTorchrunProbe(opts: TorchrunProbeOptions): Promise<PythonBackendProcess> {
  const { spec, nproc, ...rest } = opts;
  // Node listens on a named pipe there, which the probe's AF_UNIX socket cannot reach.
  if (process.platform === 'win32') throw new Error('torchrun with Model Lens needs a Unix socket, which Windows does not give here: start the ranks with --nproc instead');
  const dir = mkdtempSync(join(tmpdir(), 'model-lens-')); // mode 0700: only this user can reach the socket
  const path = join(dir, 'channel.sock');
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  let server: Server | undefined;
  try {
    server = await listen(path);
    const base = opts.env ?? process.env;
    const env = { ...base, [CHANNEL_ENV]: path, PYTHONPATH: [opts.packageDir, base.PYTHONPATH].filter(Boolean).join(delimiter) };
    const child = spawn(opts.python, torchrunArgs(nproc, spec), {
      cwd: spec.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: pythonEnvironment(env), windowsHide: true,
    });
    child.once('exit', cleanup);
    const lines: string[] = [];
    const tail = forwardOutput(child, (line) => { lines.push(line); if (lines.length > 400) lines.shift(); opts.onLog?.(line); });
    let conn: Socket;
    try {
      conn = await firstConnection(server, child, opts.readyTimeoutMs ?? 90_000, () => torchrunFailure(lines), opts.onLog);
    } catch (err) {
      await killProcessTree(child);
      throw err;
    }
    return await PythonBackendProcess.over(child, { requests: conn, messages: conn }, tail, rest);
  } catch (err) {
    cleanup();
    throw err;
  } finally {
    server?.close();
  }
}

function listen(path: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.maxConnections = 1;
    server.once('error', reject);
    server.listen(path, () => { server.off('error', reject); resolve(server); });
  });
}

/** Rank 0's connection; any later one is refused. Rejects when torchrun ends first or the time runs out. */
/**
 * The one line that says why torchrun ended, from its output (and its ranks'): the last Python
 * exception with a message (torch 1.13's crash: "AttributeError: 'NoneType' object has no attribute
 * 'get'"; a rank that could not start: "… (ModuleNotFoundError: No module named 'model_lens')"),
 * else the last line. torchrun's closing `ChildFailedError:` carries no message of its own.
 */
export function torchrunFailure(lines: readonly string[]): string | null {
  const said = lines.map((l) => l.trim()).filter((l) => l !== '');
  const errors = said.filter((l) => /(?:^|[\s(])[\w.]*(?:Error|Exception)\b: \S/.test(l));
  return errors.at(-1) ?? said.at(-1) ?? null;
}

function firstConnection(server: Server, child: ChildProcess, timeoutMs: number, reason: () => string | null, onLog: ((line: string) => void) | undefined): Promise<Socket> {
  return new Promise((resolve, reject) => {
    let taken = false;
    const timer = setTimeout(() => finish(new Error(`rank 0 did not connect within ${Math.round(timeoutMs / 1000)} s of starting torchrun`)), timeoutMs);
    const onExit = (code: number | null, signal: string | null): void => {
      const why = reason();
      finish(new Error(`torchrun ended (${signal ?? `code ${String(code)}`}) before rank 0 connected${why ? `: ${why}` : ''}`));
    };
    const onError = (err: Error): void => finish(new Error(`could not start torchrun: ${err.message}`));
    function finish(result: Error | Socket): void {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('error', onError);
      if (result instanceof Error) reject(result); else resolve(result);
    }
    server.on('connection', (socket) => {
      if (taken) {
        onLog?.('a second process connected to the Model Lens channel; refused (only rank 0 streams)');
        socket.destroy();
        return;
      }
      taken = true;
      finish(socket);
    });
    child.once('exit', onExit);
    child.once('error', onError);
  });
}
