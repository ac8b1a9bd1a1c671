// The Debian packages Model Lens needs on a machine, in one list, and the one way to get them:
// `npm start`, `npm test` and `.ci/run` call ensureSystemPackages(purpose). Missing packages are
// installed when this process may (root, or sudo without a password), saying what and why;
// otherwise the exact `apt-get install …` line is printed and the caller stops.
//   node scripts/systemPackages.mjs install [--for start|test|ci]   install what is missing
//   node scripts/systemPackages.mjs check [--for …]                 exit 1 and print the line if anything is missing
//   node scripts/systemPackages.mjs list [--for …]                  the packages and why
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What needs each package: `start` (npm start: build code-server), `test` (npm test), `ci` (.ci/run). */
export const SYSTEM_PACKAGES = [
  { name: 'build-essential', for: ['start', 'test', 'ci'], why: "compilers for code-server's native modules (node-pty, argon2, kerberos)" },
  { name: 'python3', for: ['start', 'test', 'ci'], why: 'node-gyp runs on Python' },
  { name: 'libkrb5-dev', for: ['start', 'test', 'ci'], why: "headers for code-server's kerberos module" },
  { name: 'libx11-dev', for: ['start', 'test', 'ci'], why: "headers for code-server's native-keymap module" },
  { name: 'libxkbfile-dev', for: ['start', 'test', 'ci'], why: "headers for code-server's native-keymap module" },
  { name: 'libsecret-1-dev', for: ['start', 'test', 'ci'], why: "headers for code-server's keytar module" },
  { name: 'ripgrep', for: ['start', 'test', 'ci'], why: "VS Code's search (code-server would download it; we use Debian's)" },
  { name: 'chromium', for: ['test', 'ci'], why: 'the browser that drives VS Code in the in-VS-Code and e2e tests' },
  { name: 'fonts-wqy-microhei', for: ['test', 'ci'], why: 'a CJK font, so zh-CN screenshots are readable' },
  { name: 'python3-torch', for: ['test', 'ci'], why: 'PyTorch: the PyTorch engine (its tests and samples), the reference shapes, values and benchmarks the tests compare against' },
  { name: 'python3-torchvision', for: ['test', 'ci'], why: "torchvision 0.14 (python3-torch's): the real ops blocks (Conv2dNormActivation, MLP…) the analysis's torchvision fixture is checked against, and the dataset scripts' input check" },
  { name: 'python3-scipy', for: ['test', 'ci'], why: "scipy.linalg (qr, lu): the fixture of Glow's invertible 1×1 convolution runs in PyTorch with it (python3-torchvision depends on it too)" },
  { name: 'libopenblas0-pthread', for: ['test', 'ci'], why: "the optimized BLAS a real PyTorch install runs on (Debian's default reference BLAS is several times slower; the bench refuses to compare against it)" },
  { name: 'python3-venv', for: ['test', 'ci'], why: 'a real interpreter without torch (a venv) for the interpreter-discovery tests' },
  { name: 'git', for: ['ci'], why: 'CI clones and inspects the repository' },
  { name: 'ca-certificates', for: ['ci'], why: 'HTTPS to the npm registry' },
];

export function packagesFor(purpose) {
  return SYSTEM_PACKAGES.filter((p) => p.for.includes(purpose));
}

/** Installed according to dpkg; null where there is no dpkg (not Debian). */
export function isInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  if (r.error) return null;
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** How this process may install: 'root', 'sudo' (no password asked) or 'none'. */
export function privilege() {
  if (process.getuid?.() === 0) return 'root';
  const r = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return !r.error && r.status === 0 ? 'sudo' : 'none';
}

export function installCommand(names, how = 'none') {
  const args = ['apt-get', 'install', '-y', '--no-install-recommends', ...names];
  return how === 'root' ? args : ['sudo', ...args];
}

/**
 * What to do about `packages` on this machine: nothing, install (and how), or tell the person the
 * line to run. Pure apart from the `installed` and `how` probes, so tests can drive it.
 */
export function plan(packages, { installed = isInstalled, how = privilege, mode = process.env.MODEL_LENS_SYSTEM_PACKAGES } = {}) {
  const status = packages.map((p) => ({ ...p, installed: installed(p.name) }));
  if (status.some((p) => p.installed === null)) return { action: 'notDebian', missing: packages };
  const missing = status.filter((p) => !p.installed);
  if (missing.length === 0) return { action: 'none', missing };
  // MODEL_LENS_SYSTEM_PACKAGES=print: never install, only say what to run.
  const may = mode === 'print' ? 'none' : how();
  if (may === 'none') return { action: 'tell', missing, command: installCommand(missing.map((p) => p.name)) };
  return { action: 'install', missing, how: may, command: installCommand(missing.map((p) => p.name), may) };
}

function say(message) {
  console.log(`[system packages] ${message}`);
}

function run(args) {
  const r = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

/**
 * Makes sure the packages for `purpose` are there. Returns true when they are (or were just
 * installed); false after printing what the person must run (the caller stops).
 */
export function ensureSystemPackages(purpose, options = {}) {
  const packages = options.packages ?? packagesFor(purpose);
  const p = plan(packages, options);
  if (p.action === 'none') return true;
  if (p.action === 'notDebian') {
    say(`not a Debian-based system (no dpkg): make sure these are installed: ${packages.map((x) => x.name).join(' ')}`);
    return true;
  }
  const list = p.missing.map((x) => `  ${x.name}: ${x.why}`).join('\n');
  if (p.action === 'tell') {
    console.error(`[system packages] ${purpose === 'start' ? 'npm start' : purpose === 'test' ? 'npm test' : '.ci/run'} needs Debian packages that are not installed:\n${list}\nInstall them with:\n\n  ${p.command.join(' ')}\n`);
    return false;
  }
  say(`installing ${p.missing.length} missing Debian package(s) as ${p.how === 'root' ? 'root' : 'sudo'}:\n${list}`);
  const sudo = p.how === 'sudo' ? ['sudo', '-n'] : [];
  if (!run([...sudo, 'apt-get', 'update', '-q']) || !run([...sudo, ...p.command.filter((a) => a !== 'sudo')])) {
    console.error(`[system packages] apt-get failed; run it yourself:\n\n  ${installCommand(p.missing.map((x) => x.name)).join(' ')}\n`);
    return false;
  }
  const still = p.missing.filter((x) => isInstalled(x.name) !== true);
  if (still.length > 0) {
    console.error(`[system packages] still missing after apt-get: ${still.map((x) => x.name).join(' ')}`);
    return false;
  }
  say('installed');
  return true;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [command = 'check', ...rest] = process.argv.slice(2);
  const i = rest.indexOf('--for');
  const purpose = i >= 0 ? rest[i + 1] : 'ci';
  if (!['start', 'test', 'ci'].includes(purpose)) {
    console.error(`--for must be start, test or ci, got ${purpose}`);
    process.exit(2);
  }
  if (command === 'list') {
    for (const p of packagesFor(purpose)) console.log(`${p.name.padEnd(22)} ${p.why}`);
  } else if (command === 'install') {
    process.exit(ensureSystemPackages(purpose) ? 0 : 1);
  } else if (command === 'check') {
    process.exit(ensureSystemPackages(purpose, { mode: 'print' }) ? 0 : 1);
  } else {
    console.error(`unknown command ${command}: install, check or list`);
    process.exit(2);
  }
}
