// Interpreter discovery with the real interpreters of this machine: /usr/bin/python3 has torch; a
// venv made from it (and, where installed, pyenv's python3) has not and comes first on PATH; pyenv's
// Python 2.7 and 3.7 are too old; /bin/true and a shell script are not Python. Probes run in child
// processes, are cached per path and modification time, and never stall the event loop.
import * as assert from 'node:assert/strict';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverPython, parseProbeOutput, pathCandidates, ProbeCache, type DiscoverOptions } from '../../src/host/python/discovery';
import { repoRoot } from './backendSupport';

const packageDir = join(repoRoot, 'python');
const SYSTEM = '/usr/bin/python3';
const PYENV = '/root/.pyenv';
const old = (v: string, bin: string): string => join(PYENV, 'versions', v, 'bin', bin);

function hasTorch(python: string): boolean {
  try { execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 }); return true; } catch { return false; }
}

describe('Python interpreter discovery (real interpreters)', function () {
  this.timeout(180_000);
  let dir: string;
  let venv: string;
  let cacheFile: string;
  const base = (over: Partial<DiscoverOptions> = {}): DiscoverOptions => ({
    packageDir, cache: new ProbeCache(cacheFile), systemPaths: [], env: { ...process.env, PATH: '' }, ...over,
  });

  before(function () {
    if (!existsSync(SYSTEM) || !hasTorch(SYSTEM)) {
      process.stdout.write(`      (skipped: ${SYSTEM} with torch is needed; install python3-torch as .ci/run does)\n`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'ml-discovery-'));
    cacheFile = join(dir, 'probes.json');
    venv = join(dir, 'venv-without-torch');
    // A real interpreter without torch: a venv of the system Python does not see its packages.
    execFileSync(SYSTEM, ['-m', 'venv', '--without-pip', venv]);
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('skips a python3 without torch that comes first on PATH and finds the one with torch', async () => {
    const env = { ...process.env, PATH: [join(venv, 'bin'), '/usr/bin'].join(':') };
    const r = await discoverPython(base({ env }));
    assert.equal(r.chosen?.result.executable, SYSTEM);
    assert.equal(r.tried[0]?.candidate.path, join(venv, 'bin', 'python3'), 'PATH order: the venv first');
    assert.match(r.tried[0]!.result.problem ?? '', /without a usable torch \(ModuleNotFoundError: No module named 'torch'\)/);
    assert.ok(r.chosen?.result.torch, 'torch version reported');
    assert.ok(r.chosen?.result.blas, 'BLAS reported');
    assert.ok((r.chosen?.result.threads ?? 0) >= 1);
  });

  it('finds /usr/bin/python3 behind the pyenv shim of this machine (when pyenv is installed)', async function () {
    const shim = join(PYENV, 'shims', 'python3');
    if (!existsSync(shim) || hasTorch(shim)) { this.skip(); return; }
    const env = { ...process.env, PATH: [join(PYENV, 'shims'), '/usr/bin'].join(':') };
    const r = await discoverPython(base({ env }));
    assert.equal(r.tried[0]?.candidate.path, shim);
    assert.ok(r.tried[0]!.result.problem);
    assert.equal(r.chosen?.result.executable, SYSTEM);
  });

  it('the setting wins over PATH and the Python extension', async () => {
    const env = { ...process.env, PATH: join(venv, 'bin') };
    const asked: string[] = [];
    const r = await discoverPython(base({ env, setting: SYSTEM, extensionInterpreter: async () => { asked.push('x'); return join(venv, 'bin', 'python3'); } }));
    assert.equal(r.chosen?.candidate.source, 'setting');
    assert.equal(r.tried.length, 1, 'nothing else probed once the setting works');
    assert.equal(asked.length, 0);
  });

  it('order: setting, then the Python extension\'s interpreter, then PATH, then system paths', async () => {
    const r = await discoverPython(base({
      setting: '/bin/true', extensionInterpreter: async () => join(venv, 'bin', 'python3'),
      env: { ...process.env, PATH: '/nonexistent' }, systemPaths: [SYSTEM],
    }));
    assert.deepEqual(r.tried.map((t) => t.candidate.source), ['setting', 'pythonExtension', 'system']);
    assert.equal(r.chosen?.result.executable, SYSTEM);
  });

  for (const bad of [
    { name: 'a program that is not Python (/bin/true)', path: () => '/bin/true', problem: /is not a Python interpreter Model Lens can use \(it ran and ended with exit code 0 without answering\)/ },
    { name: 'a shell script', path: () => { const p = join(dir, 'fake-python'); writeFileSync(p, '#!/bin/sh\necho hello\nexit 3\n'); chmodSync(p, 0o755); return p; }, problem: /is not a Python interpreter.*exit code 3.*hello/ },
    { name: 'a file that is not executable', path: () => { const p = join(dir, 'notes.txt'); writeFileSync(p, 'print(1)\n'); return p; }, problem: /is not an executable file/ },
    { name: 'a folder', path: () => dir, problem: /is not an executable file/ },
    { name: 'a path that does not exist', path: () => join(dir, 'missing', 'python3'), problem: /does not exist/ },
  ]) {
    it(`the setting pointing at ${bad.name}: says why, falls back, does not loop`, async () => {
      const r = await discoverPython(base({ setting: bad.path(), systemPaths: [SYSTEM] }));
      assert.match(r.settingProblem ?? '', /^modelLens\.python \(/);
      assert.match(r.settingProblem ?? '', bad.problem);
      assert.equal(r.chosen?.result.executable, SYSTEM, 'the next candidate with torch is used');
      assert.equal(r.tried.filter((t) => t.candidate.source === 'setting').length, 1, 'the setting is tried once');
    });
  }

  for (const [version, bin] of [['2.7.18', 'python'], ['3.7.16', 'python3']] as const) {
    it(`a real Python ${version} is too old, said so, and skipped`, async function () {
      const python = old(version, bin);
      if (!existsSync(python)) {
        // A real old interpreter is the honest test; none is installed here (pyenv provides them on the dev machines).
        process.stdout.write(`      (skipped: ${python} is not installed)\n`);
        this.skip();
        return;
      }
      const r = await discoverPython(base({ setting: python, systemPaths: [SYSTEM] }));
      assert.match(r.settingProblem ?? '', new RegExp(`is Python ${version.replace(/\./g, '\\.')}, too old \\(the PyTorch engine needs Python 3\\.8 or newer\\)`));
      assert.equal(r.chosen?.result.executable, SYSTEM);
    });
  }

  it('a serving probe: the interpreter with torch stays alive as the engine (capped, fds 3/4); the one without torch ends', async () => {
    const env = { ...process.env, PATH: [join(venv, 'bin'), '/usr/bin'].join(':') };
    const adopted: { path: string; child: ChildProcess }[] = [];
    const r = await discoverPython(base({ env, cache: new ProbeCache(null), serve: { memoryMb: 2048, adopt: (p, child) => adopted.push({ path: p.candidate.path, child }) } }));
    try {
      assert.equal(r.chosen?.result.executable, SYSTEM);
      assert.equal(adopted.length, 1, 'only the usable interpreter is kept');
      const child = adopted[0]!.child;
      assert.equal(child.exitCode, null, 'still running after its answer');
      assert.match(readFileSync(`/proc/${child.pid}/limits`, 'utf8'), new RegExp(`Max address space\\s+${2048 * 1024 * 1024}\\s`));
      const probes = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('model_lens.probe') && l.includes(venv));
      assert.deepEqual(probes, [], 'the probe of the venv without torch has ended');
      // A cached answer starts nothing: no second process to adopt.
      const again: unknown[] = [];
      const cache = new ProbeCache(null);
      await discoverPython(base({ env, cache }));
      await discoverPython(base({ env, cache, serve: { memoryMb: 2048, adopt: (_p, c) => { again.push(c); c.kill('SIGKILL'); } } }));
      assert.equal(again.length, 0);
    } finally {
      for (const a of adopted) a.child.kill('SIGKILL');
    }
  });

  it('no Python at all: a one-line reason, nothing chosen', async () => {
    const r = await discoverPython(base({ env: { ...process.env, PATH: join(dir, 'empty') }, systemPaths: [join(dir, 'no', 'python3')] }));
    assert.equal(r.chosen, null);
    assert.equal(r.reason, 'no Python 3 interpreter was found');
  });

  it('Python without torch only: the reason names what was found', async () => {
    const r = await discoverPython(base({ env: { ...process.env, PATH: join(venv, 'bin') } }));
    assert.equal(r.chosen, null);
    assert.match(r.reason ?? '', /^no Python interpreter with torch was found \(.*venv-without-torch\/bin\/python3 is Python 3\.\d+\.\d+ without a usable torch/);
  });

  it('probes once per path and modification time (memory and disk), and again after a change', async () => {
    const wrapper = join(dir, 'py-wrapper');
    writeFileSync(wrapper, `#!/bin/sh\nexec ${join(venv, 'bin', 'python3')} "$@"\n`);
    chmodSync(wrapper, 0o755);
    const cache = new ProbeCache(join(dir, 'probes-2.json'));
    const opts = base({ setting: SYSTEM, cache });
    const first = await discoverPython(opts);
    assert.equal(first.tried[0]!.cached, false);
    const t0 = performance.now();
    const again = await discoverPython(base({ setting: SYSTEM, cache: new ProbeCache(join(dir, 'probes-2.json')) }));
    assert.equal(again.tried[0]!.cached, true, 'read back from the disk cache');
    assert.ok(performance.now() - t0 < 1000, 'a cached answer costs no torch import');
    // A launcher script: cached in memory only, re-probed when it changes.
    const s1 = await discoverPython(base({ setting: wrapper, cache, systemPaths: [] }));
    assert.equal(s1.tried[0]!.cached, false);
    const s2 = await discoverPython(base({ setting: wrapper, cache, systemPaths: [] }));
    assert.equal(s2.tried[0]!.cached, true);
    const later = new Date(Date.now() + 5000);
    utimesSync(wrapper, later, later);
    const s3 = await discoverPython(base({ setting: wrapper, cache, systemPaths: [] }));
    assert.equal(s3.tried[0]!.cached, false, 'a modified interpreter is probed again');
    const s4 = await discoverPython(base({ setting: wrapper, cache: new ProbeCache(join(dir, 'probes-2.json')), systemPaths: [] }));
    assert.equal(s4.tried[0]!.cached, false, 'launcher scripts are not trusted from disk');
  });

  it('re-probes when packages change in the interpreter\'s site-packages (a pip install after "no torch")', async () => {
    const cache = new ProbeCache(null);
    const setting = join(venv, 'bin', 'python3');
    const first = await discoverPython(base({ setting, cache }));
    assert.ok(first.tried[0]!.result.sitePackages.length > 0);
    const site = first.tried[0]!.result.sitePackages.find((s) => existsSync(s) && s.startsWith(venv));
    assert.ok(site, `a site-packages folder inside the venv (${first.tried[0]!.result.sitePackages.join(', ')})`);
    assert.equal((await discoverPython(base({ setting, cache }))).tried[0]!.cached, true);
    mkdirSync(join(site, 'newly_installed'));
    assert.equal((await discoverPython(base({ setting, cache }))).tried[0]!.cached, false);
  });

  it('never runs an interpreter it is told to refuse (untrusted workspace)', async () => {
    const marker = join(dir, 'ran');
    const trap = join(dir, 'workspace', '.venv', 'bin', 'python3');
    mkdirSync(join(dir, 'workspace', '.venv', 'bin'), { recursive: true });
    writeFileSync(trap, `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(trap, 0o755);
    const r = await discoverPython(base({
      extensionInterpreter: async () => trap, systemPaths: [SYSTEM],
      refuse: (p) => (p.startsWith(join(dir, 'workspace')) ? 'is inside the workspace, which is not trusted: it is not run' : null),
    }));
    assert.match(r.tried[0]!.result.problem ?? '', /not trusted/);
    assert.equal(existsSync(marker), false, 'the workspace interpreter did not run');
    assert.equal(r.chosen?.result.executable, SYSTEM);
  });

  it('probing runs in child processes: the event loop keeps turning', async () => {
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => { const now = performance.now(); maxGap = Math.max(maxGap, now - last); last = now; }, 5);
    try {
      await discoverPython(base({ setting: SYSTEM, cache: new ProbeCache(null) })); // a fresh probe imports torch (seconds)
    } finally {
      clearInterval(timer);
    }
    assert.ok(maxGap < 250, `the event loop stalled for ${maxGap.toFixed(0)} ms`);
  });

  it('PATH lookup lists every python3, then every python, in PATH order', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    for (const [d, names] of [[a, ['python']], [b, ['python3', 'python']]] as const) {
      mkdirSync(d, { recursive: true });
      for (const n of names) { writeFileSync(join(d, n), '#!/bin/sh\n'); chmodSync(join(d, n), 0o755); }
    }
    const found = await pathCandidates({ PATH: `${a}:${b}` }, 'linux');
    assert.deepEqual(found.map((c) => c.path), [join(b, 'python3'), join(a, 'python'), join(b, 'python')]);
  });

  it('reads the probe\'s answer only from its marker line (prints around it are ignored)', () => {
    const r = parseProbeOutput('hello\nMODEL_LENS_PROBE {"python": "3.12.1", "torch": "2.5.1", "executable": "/x/python"}\nbye\n');
    assert.equal(r?.torch, '2.5.1');
    assert.equal(r?.problem, null);
    assert.equal(parseProbeOutput('MODEL_LENS_PROBE not json'), null);
    assert.equal(parseProbeOutput('Python 3.12.1'), null);
  });
});
