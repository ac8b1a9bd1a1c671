// Finds the Python interpreter that can run the PyTorch engine, in this order:
//   1. the modelLens.python setting (always wins when usable; when not, we say why and go on),
//   2. the interpreter selected in the Python extension (ms-python.python), when installed,
//   3. every `python3`, then every `python`, on PATH (in PATH order),
//   4. well-known system locations.
// Each candidate is probed once (python/model_lens/probe.py: version, torch, the BLAS really
// loaded, threads) in a child process with a time limit, and the answer is cached per path and
// modification time, in memory and on disk. Candidates are probed one after the other and the
// search stops at the first one with torch, so a pyenv `python3` without torch that comes first on
// PATH is reported and skipped, and /usr/bin/python3 with torch is found. No `vscode` here: the CLI
// and the unit tests use the same code; the Python extension's answer is passed in.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import type { EngineNote } from '../../protocol/backend';
import { killProcessTree } from '../training/backendProcess';
import { pythonEnvironment, spawnPythonSide } from './pythonBackend';

export const MIN_PYTHON = [3, 8] as const;
const PROBE_MARKER = 'MODEL_LENS_PROBE ';
/** Parsable by Python 2 too: an interpreter too old for our package answers with its version only. */
export const PROBE_BOOTSTRAP = [
  'import sys',
  'v = sys.version_info',
  `if v < (${MIN_PYTHON[0]}, ${MIN_PYTHON[1]}):`,
  '    sys.stdout.write("MODEL_LENS_PROBE {\\"python\\": \\"%d.%d.%d\\", \\"tooOld\\": true}\\n" % (v[0], v[1], v[2]))',
  '    sys.exit(0)',
  'sys.path.insert(0, sys.argv[1])',
  'from model_lens.probe import main',
  'main()',
].join('\n');

export type CandidateSource = 'setting' | 'pythonExtension' | 'path' | 'system';
export interface Candidate { path: string; source: CandidateSource }

export interface ProbeResult {
  /** The interpreter that answered (sys.executable), the one to run. */
  executable: string | null;
  python: string | null;
  torch: string | null;
  blas: string | null;
  blasPath: string | null;
  threads: number | null;
  cpuCount: number | null;
  importSeconds: number | null;
  /** Where its packages are installed (a change there means torch may have come or gone). */
  sitePackages: string[];
  /** Why this interpreter cannot run the engine, in words; null when it can. */
  problem: string | null;
}

export interface Probed { candidate: Candidate; result: ProbeResult; cached: boolean }

export interface DiscoveryResult {
  /** The first usable interpreter, or null. */
  chosen: Probed | null;
  /** Every candidate probed, in order (the chosen one last). */
  tried: Probed[];
  /** The setting's problem when modelLens.python is set but unusable. */
  settingProblem: string | null;
  /** One line for the engine line and the log when nothing is usable. */
  reason: string | null;
}

const SOURCE_LABEL: Record<CandidateSource, string> = {
  setting: 'modelLens.python', pythonExtension: 'the Python extension\'s interpreter', path: 'on PATH', system: 'system location',
};

export function describeCandidate(c: Candidate): string {
  return c.source === 'path' ? `${c.path} (on PATH)` : `${c.path} (${SOURCE_LABEL[c.source]})`;
}

export function describeProbe(p: Probed): string {
  const r = p.result;
  if (r.problem === null) return `${describeCandidate(p.candidate)}: Python ${r.python ?? '?'}, torch ${r.torch ?? '?'}, ${r.blas ?? 'BLAS unknown'}`;
  return `${describeCandidate(p.candidate)} ${r.problem}`;
}

const empty = (problem: string): ProbeResult => ({
  executable: null, python: null, torch: null, blas: null, blasPath: null, threads: null, cpuCount: null, importSeconds: null, sitePackages: [], problem,
});

const versionTuple = (v: string): number[] => v.split('.').map((x) => Number.parseInt(x, 10));

/** Reads the probe's answer: the last marker line on stdout. */
export function parseProbeOutput(stdout: string): ProbeResult | null {
  const line = stdout.split('\n').reverse().find((l) => l.startsWith(PROBE_MARKER));
  if (line === undefined) return null;
  let raw: Record<string, unknown>;
  try { raw = JSON.parse(line.slice(PROBE_MARKER.length)) as Record<string, unknown>; } catch { return null; }
  const str = (k: string): string | null => (typeof raw[k] === 'string' ? raw[k] as string : null);
  const num = (k: string): number | null => (typeof raw[k] === 'number' && Number.isFinite(raw[k]) ? raw[k] as number : null);
  const python = str('python');
  if (python === null) return null;
  const sites = Array.isArray(raw.sitePackages) ? raw.sitePackages.filter((x): x is string => typeof x === 'string').slice(0, 8) : [];
  const out: ProbeResult = {
    executable: str('executable'), python, torch: str('torch'), blas: str('blas'), blasPath: str('blasPath'),
    threads: num('threads'), cpuCount: num('cpuCount'), importSeconds: num('importSeconds'), sitePackages: sites, problem: null,
  };
  const [major = 0, minor = 0] = versionTuple(python);
  if (raw.tooOld === true || major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
    out.problem = `is Python ${python}, too old (the PyTorch engine needs Python ${MIN_PYTHON.join('.')} or newer)`;
  } else if (out.torch === null) {
    const why = str('torchError');
    out.problem = `is Python ${python} without a usable torch${why ? ` (${why})` : ''}`;
  }
  return out;
}

/** Runs the probe in a child process (its own process group) with a time limit. */
export async function probeInterpreter(path: string, packageDir: string, timeoutMs = 45_000, env: NodeJS.ProcessEnv = process.env): Promise<ProbeResult> {
  return (await runProbe(path, packageDir, timeoutMs, env, null)).result;
}

/**
 * The probe, and with `serveMemoryMb` the probe started as the engine is (fds 3/4, memory cap):
 * an interpreter with torch answers and then serves runs, so its torch import is not paid twice.
 * The child is handed back only when the answer says the interpreter is usable; otherwise (and on
 * every failure) it is ended here.
 */
async function runProbe(path: string, packageDir: string, timeoutMs: number, env: NodeJS.ProcessEnv, serveMemoryMb: number | null): Promise<{ result: ProbeResult; child: ChildProcess | null }> {
  return new Promise((resolvePromise) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    let child: ChildProcess;
    const finish = (result: ProbeResult, keep = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.removeListener('data', onOut);
      child.stderr?.removeListener('data', onErr);
      child.stdout?.pause(); // what it prints next waits for its new owner's listeners
      child.stderr?.pause();
      if (!keep && serveMemoryMb !== null && child.exitCode === null && child.signalCode === null) void killProcessTree(child, 300);
      resolvePromise({ result, child: keep ? child : null });
    };
    const onOut = (b: Buffer): void => {
      stdout = (stdout + b.toString('utf8')).slice(-65_536);
      // A serving probe does not exit after its answer: read it as soon as the line is complete.
      if (serveMemoryMb !== null && stdout.endsWith('\n')) {
        const parsed = parseProbeOutput(stdout);
        if (parsed) finish(parsed, parsed.problem === null);
      }
    };
    const onErr = (b: Buffer): void => { stderr = (stderr + b.toString('utf8')).slice(-4096); };
    try {
      child = serveMemoryMb !== null
        ? spawnPythonSide(path, PROBE_BOOTSTRAP, packageDir, serveMemoryMb, env, { args: ['--serve'], cwd: packageDir })
        : spawn(path, ['-c', PROBE_BOOTSTRAP, packageDir], {
          cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', windowsHide: true, env: pythonEnvironment(env),
        });
    } catch (err) {
      resolvePromise({ result: empty(`cannot be started: ${(err as Error).message}`), child: null });
      return;
    }
    const timer = setTimeout(() => {
      void killProcessTree(child);
      finish(empty(`did not answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.stdout?.on('data', onOut);
    child.stderr?.on('data', onErr);
    child.on('error', (err: NodeJS.ErrnoException) => finish(empty(`cannot be started (${err.code ?? err.message})`)));
    child.on('close', (code, signal) => {
      const parsed = parseProbeOutput(stdout);
      if (parsed) { finish(parsed); return; }
      const said = (stderr.trim() || stdout.trim()).split('\n').pop()?.slice(0, 160) ?? '';
      finish(empty(`is not a Python interpreter Model Lens can use (it ran and ended with ${signal ?? `exit code ${String(code)}`} without answering${said ? `: ${said}` : ''})`));
    });
  });
}

// ─── the cache (per path and modification time; memory + a JSON file) ─────────────────────────
interface Stamp { mtimeMs: number; size: number }
interface CacheEntry { candidate: Stamp; executable: Stamp | null; sites: (Stamp | null)[]; result: ProbeResult }
const CACHE_VERSION = 2;

async function stamp(path: string): Promise<Stamp | null> {
  try {
    const s = await fs.stat(path);
    return { mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return null;
  }
}
const sameStamp = (a: Stamp | null, b: Stamp | null): boolean => a !== null && b !== null && a.mtimeMs === b.mtimeMs && a.size === b.size;
/** For folders that may not exist yet (a user site before the first `pip install --user`). */
const sameOrBothAbsent = (a: Stamp | null, b: Stamp | null): boolean => (a === null && b === null) || sameStamp(a, b);

/** A launcher script (pyenv's shim) runs whatever its configuration says today: never trusted from disk. */
async function isScript(path: string): Promise<boolean> {
  try {
    const fh = await fs.open(path, 'r');
    try {
      const buf = Buffer.alloc(2);
      await fh.read(buf, 0, 2, 0);
      return buf.toString('latin1') === '#!';
    } finally { await fh.close(); }
  } catch {
    return false;
  }
}

export class ProbeCache {
  private readonly memory = new Map<string, CacheEntry>();
  private loaded = false;
  constructor(private readonly file: string | null) {}

  private async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    if (!this.file) return;
    try {
      const data = JSON.parse(await fs.readFile(this.file, 'utf8')) as { version?: number; entries?: Record<string, CacheEntry & { script?: boolean }> };
      if (data.version !== CACHE_VERSION || typeof data.entries !== 'object' || data.entries === null) return;
      for (const [k, v] of Object.entries(data.entries)) if (v && typeof v === 'object' && v.result && v.candidate) this.memory.set(k, v);
    } catch { /* no cache yet, or unreadable: probe again */ }
  }

  private async save(): Promise<void> {
    if (!this.file) return;
    const entries: Record<string, CacheEntry> = {};
    for (const [k, v] of this.memory) if (!(await isScript(k))) entries[k] = v;
    try {
      await fs.mkdir(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, JSON.stringify({ version: CACHE_VERSION, entries }, null, 1));
      await fs.rename(tmp, this.file);
    } catch { /* a cache that cannot be written only costs a probe next time */ }
  }

  async get(path: string): Promise<ProbeResult | null> {
    await this.load();
    const e = this.memory.get(path);
    if (!e) return null;
    if (!sameStamp(e.candidate, await stamp(path))) return null;
    if (e.result.executable && e.executable && !sameStamp(e.executable, await stamp(e.result.executable))) return null;
    const sites = e.result.sitePackages;
    if (!Array.isArray(e.sites) || e.sites.length !== sites.length) return null;
    for (let i = 0; i < sites.length; i++) if (!sameOrBothAbsent(e.sites[i] ?? null, await stamp(sites[i]!))) return null;
    return e.result;
  }

  /** Only answers are kept: "could not start" or "timed out" may be a passing state of the machine. */
  async set(path: string, result: ProbeResult): Promise<void> {
    if (result.python === null) return;
    await this.load();
    const candidate = await stamp(path);
    if (!candidate) return;
    const sites = await Promise.all(result.sitePackages.map((s) => stamp(s)));
    this.memory.set(path, { candidate, executable: result.executable ? await stamp(result.executable) : null, sites, result });
    await this.save();
  }

  /** Forget everything (a person asked to look again). */
  async clear(): Promise<void> {
    await this.load();
    this.memory.clear();
    await this.save();
  }
}

// ─── candidates ────────────────────────────────────────────────────────────────────────────────
async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const s = await fs.stat(path);
    if (!s.isFile()) return false;
    if (process.platform === 'win32') return true;
    await fs.access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Every `python3`, then every `python`, on PATH, in PATH order. */
export async function pathCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<Candidate[]> {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter).filter((d) => d && isAbsolute(d));
  const names = platform === 'win32' ? ['python3.exe', 'python.exe'] : ['python3', 'python'];
  const out: Candidate[] = [];
  for (const name of names) {
    for (const dir of dirs) {
      const p = join(dir, name);
      // The Microsoft Store's python.exe stubs in WindowsApps open the Store instead of running.
      if (platform === 'win32' && /\\WindowsApps\\/i.test(p)) continue;
      if (await isExecutableFile(p)) out.push({ path: p, source: 'path' });
    }
  }
  return out;
}

export function systemPaths(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
    const versions = ['313', '312', '311', '310', '39', '38'];
    return [
      ...versions.map((v) => join(local, 'Programs', 'Python', `Python${v}`, 'python.exe')),
      ...versions.map((v) => `C:\\Python${v}\\python.exe`),
      join(home, 'miniconda3', 'python.exe'), join(home, 'anaconda3', 'python.exe'),
    ];
  }
  const common = ['/usr/bin/python3', '/usr/local/bin/python3', '/bin/python3', '/opt/conda/bin/python3',
    join(home, 'miniconda3', 'bin', 'python3'), join(home, 'anaconda3', 'bin', 'python3'), join(home, 'miniforge3', 'bin', 'python3'),
    '/usr/bin/python', '/usr/local/bin/python'];
  if (platform === 'darwin') return ['/opt/homebrew/bin/python3', '/usr/local/bin/python3', '/Library/Frameworks/Python.framework/Versions/Current/bin/python3', ...common];
  return common;
}

export interface DiscoverOptions {
  /** modelLens.python (absolute, or a name looked up on PATH); empty when unset. */
  setting?: string;
  /** How the setting is called where it came from (the CLI's is --python). */
  settingName?: string;
  /** The Python extension's selected interpreter, when it is installed (undefined otherwise). */
  extensionInterpreter?: () => Promise<string | undefined>;
  env?: NodeJS.ProcessEnv;
  /** Candidates to try after PATH (default: systemPaths()). */
  systemPaths?: string[];
  /** The folder holding model_lens/ (the probe's package). */
  packageDir: string;
  cache: ProbeCache;
  /** True for interpreters inside an untrusted workspace: they are never run. */
  refuse?: (path: string) => string | null;
  probeTimeoutMs?: number;
  log?: (line: string) => void;
  /**
   * Probe as the engine is started (memory cap, fds 3/4) and hand the usable interpreter's live
   * process to `adopt`: it serves runs with torch already imported. Only a candidate actually
   * probed has one (a cached answer started nothing).
   */
  serve?: { memoryMb: number; adopt: (probed: Probed, child: ChildProcess) => void };
}

async function resolveSetting(setting: string, env: NodeJS.ProcessEnv): Promise<string> {
  const expanded = setting.startsWith('~') ? join(env.HOME ?? homedir(), setting.slice(1)) : setting;
  if (isAbsolute(expanded) || expanded.includes('/') || expanded.includes('\\')) return resolve(expanded);
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const d of dirs) if (await isExecutableFile(join(d, expanded))) return join(d, expanded);
  return expanded;
}

/**
 * Two candidates are the same interpreter when they are the same file in the same folder after
 * resolving the folder (/bin/python3 and /usr/bin/python3 on a merged /usr). The file itself is
 * not resolved: a venv's python3 is a symlink to the system one, yet it is another environment.
 */
async function identity(path: string): Promise<string> {
  try { return join(await fs.realpath(dirname(path)), basename(path)); } catch { return path; }
}

export async function discoverPython(opts: DiscoverOptions): Promise<DiscoveryResult> {
  const env = opts.env ?? process.env;
  if ((await stamp(join(opts.packageDir, 'model_lens', 'probe.py'))) === null) {
    // A broken install, not a property of any interpreter: say so instead of blaming them.
    return { chosen: null, tried: [], settingProblem: null, reason: `Model Lens's Python package is missing (${join(opts.packageDir, 'model_lens')}); reinstall the extension` };
  }
  const log = opts.log ?? ((): void => undefined);
  const tried: Probed[] = [];
  const seen = new Set<string>();
  let settingProblem: string | null = null;

  const consider = async (candidate: Candidate): Promise<Probed | null> => {
    const key = await identity(candidate.path);
    if (seen.has(key)) return null;
    seen.add(key);
    const refusal = opts.refuse?.(candidate.path) ?? opts.refuse?.(key) ?? null;
    let result: ProbeResult | null = null;
    let cached = false;
    let live: ChildProcess | null = null;
    if (refusal !== null) result = empty(refusal);
    else if (!(await isExecutableFile(candidate.path))) {
      result = empty((await stamp(candidate.path)) === null ? 'does not exist' : 'is not an executable file');
    } else {
      result = await opts.cache.get(candidate.path);
      cached = result !== null;
      if (!result) {
        const t0 = Date.now();
        const answer = await runProbe(candidate.path, opts.packageDir, opts.probeTimeoutMs ?? 45_000, env, opts.serve?.memoryMb ?? null);
        result = answer.result;
        live = answer.child;
        log(`probed ${candidate.path} in ${Date.now() - t0} ms: ${result.problem ?? `Python ${result.python}, torch ${result.torch}, ${result.blas}`}${live ? '; it stays as the PyTorch engine' : ''}`);
        await opts.cache.set(candidate.path, result);
      }
    }
    const probed = { candidate, result, cached };
    tried.push(probed);
    if (live) opts.serve?.adopt(probed, live);
    return probed;
  };

  const search = async function* (): AsyncGenerator<Candidate> {
    if (opts.setting && opts.setting.trim()) yield { path: await resolveSetting(opts.setting.trim(), env), source: 'setting' };
    if (opts.extensionInterpreter) {
      let p: string | undefined;
      try { p = await opts.extensionInterpreter(); } catch (err) { log(`the Python extension did not name an interpreter: ${(err as Error).message}`); }
      if (p) yield { path: p, source: 'pythonExtension' };
    }
    for (const c of await pathCandidates(env)) yield c;
    for (const p of opts.systemPaths ?? systemPaths(process.platform, env)) yield { path: p, source: 'system' };
  };

  for await (const candidate of search()) {
    const probed = await consider(candidate);
    if (!probed) continue;
    if (candidate.source === 'setting' && probed.result.problem !== null) {
      settingProblem = `${opts.settingName ?? 'modelLens.python'} (${candidate.path}) ${probed.result.problem}`;
      log(`${settingProblem}; looking elsewhere`);
    }
    if (probed.result.problem === null) return { chosen: probed, tried, settingProblem, reason: null };
  }
  const found = tried.filter((t) => t.result.python !== null);
  const reason = tried.length === 0 || found.length === 0
    ? 'no Python 3 interpreter was found'
    : `no Python interpreter with torch was found (${found.map((t) => `${t.candidate.path} ${t.result.problem ?? ''}`).slice(0, 3).join('; ')})`;
  return { chosen: null, tried, settingProblem, reason };
}

/**
 * What discovery means for a run that wants PyTorch: the interpreter to start, or none, and the
 * note the person sees with the engine (why the setting was passed over, or why PyTorch is not used).
 */
export function torchDecision(found: DiscoveryResult): { python: string | null; note: EngineNote | null } {
  if (found.chosen) {
    return {
      python: found.chosen.result.executable ?? found.chosen.candidate.path,
      note: found.settingProblem ? { kind: 'pythonSettingIgnored', detail: found.settingProblem } : null,
    };
  }
  const why = [found.settingProblem, found.reason].filter((x): x is string => x !== null).join('; ');
  return { python: null, note: { kind: 'torchUnavailable', detail: why || 'no Python interpreter with torch was found' } };
}
