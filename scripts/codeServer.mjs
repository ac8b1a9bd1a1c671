// code-server 4.100.3 (real VS Code 1.100.3: web workbench + Node extension host) as the test
// and demo host. `@vscode/test-electron` cannot download VS Code here, code-server installs from
// npm. Used by start.mjs, testVscode.mjs and the e2e helper; also a CLI:
//   node scripts/codeServer.mjs install              install into .cache/code-server (once)
//   node scripts/codeServer.mjs --install-extension F.vsix --extensions-dir DIR
//                                                    run code-server's own CLI with any arguments
// Why the install takes these steps (README "Dependency notes"): code-server's postinstall
// downloads ripgrep from GitHub, which fails offline, so scripts are skipped and the parts that
// need them are done explicitly: VS Code's runtime and built-in-extension dependencies, the system
// `rg`, and native builds (node-pty, argon2, …). npm 11 reviews install scripts (`allowScripts`)
// and refuses `--allow-scripts` on the command line inside a project, so a cache-local `.npmrc`
// approves exactly the native packages, and the install checks that their binaries exist instead
// of trusting npm's exit code.
/* global AbortSignal */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, readFileSync, rmSync, cpSync, copyFileSync, symlinkSync, lstatSync, readdirSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const hostDir = join(repoRoot, '.cache', 'code-server');
// Bump the suffix when the install recipe changes, so existing caches are rebuilt.
const stampFile = join(hostDir, `installed-${CODE_SERVER_VERSION}-r2.json`);
const installLog = join(hostDir, 'install.log');
const codeServerPkg = join(hostDir, 'node_modules', 'code-server');
const vscodeDir = join(codeServerPkg, 'lib', 'vscode');
export const entryJs = join(codeServerPkg, 'out', 'node', 'entry.js');

/** Packages whose install scripts build native code the host needs. */
const nativePackages = ['argon2', 'node-pty', '@vscode/spdlog', '@vscode/sqlite3', '@parcel/watcher', 'native-watchdog', 'kerberos', 'native-keymap', '@vscode/deviceid', '@vscode/policy-watcher', '@vscode/windows-process-tree', '@vscode/windows-registry'];

/** Native binaries that must exist after install; a missing one means npm skipped a build. */
const nativeChecks = [
  ['argon2', () => findFile(join(hostDir, 'node_modules', 'argon2'), /\.node$/)],
  ['node-pty', () => findFile(join(vscodeDir, 'node_modules', 'node-pty', 'build', 'Release'), /^pty\.node$/)],
  ['ripgrep', () => (existsSync(join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg')) ? 'rg' : undefined)],
  ['typescript (tsserver)', () => (existsSync(join(vscodeDir, 'extensions', 'node_modules', 'typescript', 'lib', 'tsserver.js')) ? 'tsserver' : undefined)],
];

function findFile(dir, pattern) {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    if (entry.isFile() && pattern.test(entry.name)) return p;
    if (entry.isDirectory()) {
      const found = findFile(p, pattern);
      if (found) return found;
    }
  }
  return undefined;
}

export function isInstalled() {
  return existsSync(stampFile) && existsSync(entryJs);
}

function say(msg) {
  console.log(`[code-server] ${msg}`);
}

/** Runs a command, appending its output to install.log; on failure shows the log's tail. */
function run(cmd, args, cwd, env = {}) {
  return new Promise((resolvePromise, reject) => {
    const log = createWriteStream(installLog, { flags: 'a' });
    log.write(`\n$ (cd ${cwd} && ${cmd} ${args.join(' ')})\n`);
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('error', reject);
    child.on('close', (code) => {
      log.end(() => {
        if (code === 0) return resolvePromise();
        const tail = readFileSync(installLog, 'utf8').split('\n').slice(-40).join('\n');
        reject(new Error(`${cmd} ${args.join(' ')} failed with exit code ${code} in ${cwd}\n--- last lines of ${installLog} ---\n${tail}`));
      });
    });
  });
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Several test runs may start at once (one checkout, several people): one installs, the rest wait. */
async function withInstallLock(fn) {
  const lockDir = `${hostDir}.lock`;
  mkdirSync(dirname(lockDir), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err?.code !== 'EEXIST') throw err;
      let holder = 0;
      try {
        holder = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {
        // the holder is between mkdir and writing its pid
      }
      if (holder && !processAlive(holder)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!announced) say(`another process (${holder || '?'}) is installing code-server; waiting for it…`);
      announced = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Installs code-server into .cache/code-server on first use; later calls return at once. */
export async function ensureCodeServer() {
  if (isInstalled()) return entryJs;
  return withInstallLock(async () => (isInstalled() ? entryJs : install()));
}

async function install() {
  const started = Date.now();
  say(`installing code-server ${CODE_SERVER_VERSION} into ${hostDir} (first run only, about 1-2 minutes)…`);
  rmSync(hostDir, { recursive: true, force: true });
  mkdirSync(hostDir, { recursive: true });
  writeFileSync(
    join(hostDir, 'package.json'),
    JSON.stringify(
      {
        name: 'model-lens-code-server-host',
        private: true,
        description: 'Test host for Model Lens; created by scripts/codeServer.mjs',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
      },
      null,
      2,
    ),
  );
  // yes: node-pty's build runs `npx node-gyp`, which must not wait for a prompt (CI has no stdin).
  const env = { npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  // npm 11 reviews install scripts (allowScripts) and refuses --allow-scripts on the command line
  // in a project; a project .npmrc approves exactly the native builds we need.
  const rebuildArgs = ['rebuild', '--ignore-scripts=false', '--foreground-scripts'];
  const approveNative = (dir) => writeFileSync(join(dir, '.npmrc'), nativePackages.map((p) => `allow-scripts[]=${p}\n`).join(''));
  approveNative(hostDir);
  const step = (n, text) => say(`step ${n}/5: ${text} (${Math.round((Date.now() - started) / 1000)} s)`);

  step(1, 'npm install code-server (scripts off: its postinstall downloads ripgrep)');
  await run('npm', ['install', '--ignore-scripts', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], hostDir, env);

  step(2, "install VS Code's runtime dependencies and its built-in extensions' TypeScript");
  approveNative(vscodeDir);
  await run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], vscodeDir, env);
  // The built-in extensions share one dependency, TypeScript (JS/TS language features: tsserver).
  await run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], join(vscodeDir, 'extensions'), env);

  step(3, 'use the system ripgrep (Debian package) instead of downloading one');
  const rgDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  const systemRg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => existsSync(p));
  if (!systemRg) throw new Error('ripgrep not found: install the Debian package `ripgrep` (node scripts/systemPackages.mjs install --for start)');
  copyFileSync(systemRg, join(rgDir, 'rg'));

  step(4, "build VS Code's native modules (node-pty, spdlog, …) for this Node");
  await run('npm', rebuildArgs, vscodeDir, env);
  const asar = join(vscodeDir, 'node_modules.asar');
  if (existsSync(asar) || isSymlink(asar)) rmSync(asar, { force: true });
  symlinkSync('node_modules', asar);

  step(5, "build code-server's own native module (argon2)");
  // Only argon2: rebuilding code-server itself would rerun its ripgrep-downloading postinstall.
  await run('npm', [...rebuildArgs, 'argon2'], hostDir, env);

  const missing = nativeChecks.filter(([, check]) => !check()).map(([name]) => name);
  if (missing.length > 0) {
    throw new Error(`code-server install incomplete: no native binary for ${missing.join(', ')} (see ${installLog}). Needs the Debian packages of \`node scripts/systemPackages.mjs list --for start\`.`);
  }
  writeFileSync(stampFile, JSON.stringify({ version: CODE_SERVER_VERSION, node: process.version, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) }, null, 2));
  say(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return entryJs;
}

function isSymlink(p) {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** What an unpacked copy of the extension needs at run time (mirrors .vscodeignore). */
const extensionFiles = ['package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'l10n', 'dist', 'media', 'samples', 'python/model_lens', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/**
 * Copies the built extension into `extensionsDir/model-lens.model-lens-<version>/`, the layout
 * VS Code gives an installed extension. Source maps stay (stack traces in tests), dist-test does not.
 * `extra` are other unpacked extension folders (the test harness) staged next to it.
 */
export function stageExtension(extensionsDir, extra = []) {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  mkdirSync(extensionsDir, { recursive: true });
  // A stale registry keeps an older copy registered and the new one from activating.
  rmSync(join(extensionsDir, 'extensions.json'), { force: true });
  for (const name of readdirSync(extensionsDir)) {
    if (name.startsWith(`${pkg.publisher}.${pkg.name}-`)) rmSync(join(extensionsDir, name), { recursive: true, force: true });
  }
  const target = join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  for (const f of extensionFiles) {
    const from = join(repoRoot, f);
    if (existsSync(from)) cpSync(from, join(target, f), { recursive: true });
  }
  for (const dir of extra) {
    const extraPkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const extraTarget = join(extensionsDir, `${extraPkg.publisher}.${extraPkg.name}-${extraPkg.version}`);
    rmSync(extraTarget, { recursive: true, force: true });
    cpSync(dir, extraTarget, { recursive: true });
  }
  return target;
}

/** A throw-away workspace: a copy of `from` (samples/ by default; empty if it does not exist yet). */
export function copyWorkspace(to, from = join(repoRoot, 'samples')) {
  mkdirSync(to, { recursive: true });
  if (existsSync(from)) cpSync(from, to, { recursive: true });
  return to;
}

/** A user profile for tests: no Welcome page, no telemetry, workspace trust as asked. */
export function writeUserSettings(userDataDir, { trust = false, settings = {} } = {}) {
  const userDir = join(userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  const all = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': trust,
    'security.workspace.trust.startupPrompt': 'never',
    'git.enabled': false,
    ...settings,
  };
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify(all, null, 2));
}

export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolvePromise(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Process groups of the servers this process started and has not stopped yet. If this process
 * ends any other way (Ctrl-C, a timeout's SIGTERM, an uncaught error), they are killed with it:
 * code-server runs in its own process group, so the terminal's Ctrl-C would not reach it.
 */
const liveGroups = new Set();
let exitHooksInstalled = false;

function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = () => {
      // Someone else (npm start) handles this signal and stops its server itself.
      if (process.listenerCount(signal) > 1) return;
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.on(signal, onSignal);
  }
}

/**
 * Starts code-server and resolves when its HTTP server answers.
 * @param {{folder: string, extensionsDir: string, userDataDir: string, trust?: boolean,
 *   env?: Record<string, string>, port?: number, host?: string, quiet?: boolean, timeoutMs?: number,
 *   locale?: string}} o
 * @returns {Promise<{url: string, port: number, pid: number, logs: () => string, stop: () => Promise<void>, exited: Promise<number | null>}>}
 */
export async function startCodeServer(o) {
  await ensureCodeServer();
  const port = o.port ?? (await freePort());
  const host = o.host ?? '127.0.0.1';
  const args = [
    entryJs,
    '--auth', 'none',
    '--bind-addr', `${host}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(o.trust ? [] : ['--disable-workspace-trust']),
    ...(o.locale ? ['--locale', o.locale] : []),
    '--extensions-dir', resolve(o.extensionsDir),
    '--user-data-dir', resolve(o.userDataDir),
    resolve(o.folder),
  ];
  let output = '';
  // detached: the server gets its own process group so stop() can end its whole tree
  // (extension host, file watcher, pty host, training backends) and nothing else.
  const child = spawn(process.execPath, args, { env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const onData = (chunk) => {
    output += chunk.toString();
    if (!o.quiet) process.stdout.write(chunk);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((r) => child.on('exit', (code) => r(code)));
  const url = `http://${host}:${port}/`;
  installExitHooks();
  liveGroups.add(child.pid);
  const stop = async () => {
    await stopTree(child.pid, exited);
    liveGroups.delete(child.pid);
  };
  try {
    await waitForHttp(url, o.timeoutMs ?? 60_000, exited);
  } catch (err) {
    await stop();
    throw new Error(`${err instanceof Error ? err.message : err}\n--- code-server output ---\n${output}`);
  }
  return { url, port, pid: child.pid, logs: () => output, stop, exited };
}

async function waitForHttp(url, timeoutMs, exited) {
  const deadline = Date.now() + timeoutMs;
  let exitCode;
  exited.then((c) => (exitCode = c === null ? 'signal' : c));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`code-server exited (${exitCode}) before answering at ${url}`);
    try {
      const res = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
}

/** Ends a process group started with detached: true: SIGTERM, then SIGKILL after 5 s. */
export async function stopTree(pid, exited) {
  if (!pid) return;
  const signalGroup = (sig) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // already gone
    }
  };
  signalGroup('SIGTERM');
  const timer = new Promise((r) => setTimeout(() => r('timeout'), 5000));
  if ((await Promise.race([exited.then(() => 'exited'), timer])) === 'timeout') signalGroup('SIGKILL');
  // Children that outlive the leader (extension host, pty host) are in the same group.
  await new Promise((r) => setTimeout(r, 200));
  signalGroup('SIGKILL');
}

/** Runs code-server's own CLI (e.g. --install-extension) and returns its output. */
export async function codeServerCli(args) {
  await ensureCodeServer();
  return execFileSync(process.execPath, [entryJs, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const argv = process.argv.slice(2);
  (async () => {
    if (argv[0] === 'install' || argv.length === 0) {
      await ensureCodeServer();
      say(`ready: ${entryJs}`);
    } else {
      process.stdout.write(await codeServerCli(argv));
    }
  })().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
