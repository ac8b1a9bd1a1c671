// The one list of Debian packages and the decision npm start / npm test / .ci/run make about it:
// install what is missing when allowed, else print the exact apt-get line and stop. Driven with a
// package name that does not exist, so nothing on this machine changes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './backendSupport';

interface Pkg { name: string; for: string[]; why: string }
interface Plan { action: 'none' | 'install' | 'tell' | 'notDebian'; missing: Pkg[]; command?: string[]; how?: string }
interface SystemPackagesModule {
  SYSTEM_PACKAGES: Pkg[];
  packagesFor(purpose: string): Pkg[];
  isInstalled(name: string): boolean | null;
  plan(packages: Pkg[], o?: { installed?: (n: string) => boolean | null; how?: () => string; mode?: string }): Plan;
}

const NOT_A_PACKAGE: Pkg = { name: 'model-lens-no-such-package', for: ['test'], why: 'a name no archive has' };

describe('system packages (scripts/systemPackages.mjs)', function () {
  this.timeout(60_000);
  let m: SystemPackagesModule;
  before(async () => { m = (await import(join(repoRoot, 'scripts', 'systemPackages.mjs'))) as SystemPackagesModule; });

  it('has one list with a reason per package; npm start needs the code-server build, npm test also the browser, PyTorch and its BLAS', () => {
    for (const p of m.SYSTEM_PACKAGES) assert.ok(p.why.length > 10 && p.for.length > 0, p.name);
    const test = m.packagesFor('test').map((p) => p.name);
    for (const name of ['chromium', 'python3-torch', 'libopenblas0-pthread', 'fonts-wqy-microhei', 'libkrb5-dev', 'ripgrep', 'build-essential']) assert.ok(test.includes(name), name);
    assert.ok(!m.packagesFor('start').some((p) => p.name === 'chromium'), 'npm start serves VS Code to the person\'s own browser');
    const ci = readFileSync(join(repoRoot, '.ci', 'run'), 'utf8');
    assert.match(ci, /node scripts\/systemPackages\.mjs install --for ci/, '.ci/run uses the same list');
    assert.doesNotMatch(ci, /apt-get install/, 'and keeps no list of its own');
  });

  it('asks dpkg: an installed package is found, a missing one is missing', function () {
    const dpkg = m.isInstalled('dpkg');
    if (dpkg === null) { console.log('      (no dpkg: not a Debian system)'); this.skip(); }
    assert.equal(dpkg, true);
    assert.equal(m.isInstalled(NOT_A_PACKAGE.name), false);
  });

  it('installs when root or sudo may, else tells the exact line', () => {
    const missing = (): boolean => false;
    assert.deepEqual(m.plan([NOT_A_PACKAGE], { installed: missing, how: () => 'root' }).command, ['apt-get', 'install', '-y', '--no-install-recommends', NOT_A_PACKAGE.name]);
    assert.equal(m.plan([NOT_A_PACKAGE], { installed: missing, how: () => 'sudo' }).action, 'install');
    const told = m.plan([NOT_A_PACKAGE], { installed: missing, how: () => 'none' });
    assert.equal(told.action, 'tell');
    assert.deepEqual(told.command, ['sudo', 'apt-get', 'install', '-y', '--no-install-recommends', NOT_A_PACKAGE.name]);
    assert.equal(m.plan([NOT_A_PACKAGE], { installed: () => true, how: () => 'root' }).action, 'none');
    assert.equal(m.plan([NOT_A_PACKAGE], { installed: missing, how: () => 'root', mode: 'print' }).action, 'tell', 'MODEL_LENS_SYSTEM_PACKAGES=print never installs');
  });

  it('stops with the one apt-get line and the reason when it may not install (real dpkg, nothing installed)', function () {
    if (m.isInstalled('dpkg') === null) this.skip();
    const script = `import('${join(repoRoot, 'scripts', 'systemPackages.mjs')}').then((m) => process.exit(m.ensureSystemPackages('test', { packages: [${JSON.stringify(NOT_A_PACKAGE)}] }) ? 0 : 1))`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, MODEL_LENS_SYSTEM_PACKAGES: 'print' } });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /npm test needs Debian packages that are not installed:\n {2}model-lens-no-such-package: a name no archive has/);
    assert.match(r.stderr, /\n {2}sudo apt-get install -y --no-install-recommends model-lens-no-such-package\n/);
  });

  it('says nothing and goes on when everything is there', function () {
    if (m.isInstalled('dpkg') === null) this.skip();
    const script = `import('${join(repoRoot, 'scripts', 'systemPackages.mjs')}').then((m) => process.exit(m.ensureSystemPackages('test', { packages: [{ name: 'dpkg', for: ['test'], why: 'present' }] }) ? 0 : 1))`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.equal(r.stdout + r.stderr, '');
  });
});
