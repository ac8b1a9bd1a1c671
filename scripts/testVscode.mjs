// `npm run test:vscode`: runs dist-test/vscode/*.vscode.test.js inside real VS Code (code-server).
//   node scripts/testVscode.mjs [--grep PATTERN] [--keep]     (build first: npm run build)
// How the tests get into the extension host: code-server rejects --extensionDevelopmentPath, but
// its environment reaches the extension host. So a small harness extension (test/vscode/harness/,
// activation onStartupFinished) is staged next to Model Lens in a throw-away extensions folder; it
// reads MODEL_LENS_TEST_BUNDLE, runs those files with the repo's mocha and writes the report to
// MODEL_LENS_TEST_RESULTS. The extension host only starts when a browser opens the workbench, so
// this script opens it in headless Chromium and waits for the report.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { copyWorkspace, repoRoot, ensureCodeServer, stageExtension, writeUserSettings, startCodeServer } from './codeServer.mjs';

const require = createRequire(import.meta.url);
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Bundles the harness extension (TypeScript) into a stageable folder. */
export async function buildHarness(outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(repoRoot, 'test/vscode/harness/package.json'), join(outDir, 'package.json'));
  await esbuild.build({
    entryPoints: [join(repoRoot, 'test/vscode/harness/extension.ts')],
    outfile: join(outDir, 'extension.js'),
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning',
    external: ['vscode'],
  });
  return outDir;
}

/**
 * Test bundles in run order: extension.vscode.test.js first (it checks nothing activated us early).
 * Files named *.untrusted.vscode.test.js run in a second session whose folder is not trusted.
 */
export function testBundles() {
  const dir = join(repoRoot, 'dist-test', 'vscode');
  if (!existsSync(dir)) throw new Error('dist-test/vscode is missing: run `npm run build` first');
  const files = readdirSync(dir).filter((f) => f.endsWith('.vscode.test.js')).sort((a, b) => (a === 'extension.vscode.test.js' ? -1 : b === 'extension.vscode.test.js' ? 1 : a.localeCompare(b)));
  if (files.length === 0) throw new Error('no *.vscode.test.js in dist-test/vscode: run `npm run build` first');
  return files.map((f) => join(dir, f));
}

function parseArgs(argv) {
  const opts = { grep: undefined, keep: false, timeoutMs: Number(process.env.MODEL_LENS_TEST_TIMEOUT_MS ?? 10 * 60_000) };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--grep') opts.grep = argv[++i];
    else if (argv[i] === '--keep') opts.keep = true;
  }
  return opts;
}

/** Extension-host and window logs of a run: the first place to look when a test never reported. */
function hostLogs(userDataDir) {
  const out = [];
  const walk = (dir) => {
    for (const name of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
      const p = join(dir, name.name);
      if (name.isDirectory()) walk(p);
      else if (/exthost|remoteagent|renderer/i.test(p) && name.name.endsWith('.log')) out.push(`--- ${p} ---\n${readFileSync(p, 'utf8').split('\n').slice(-60).join('\n')}`);
    }
  };
  walk(join(userDataDir, 'logs'));
  return out.join('\n');
}

/**
 * One code-server session running `files` in its extension host. `trust: true` turns workspace
 * trust on, so the folder opens in restricted mode (the *.untrusted.vscode.test.ts files).
 */
async function runPass({ name, files, trust }, opts, work) {
  rmSync(work, { recursive: true, force: true });
  const extensionsDir = join(work, 'extensions');
  const userDataDir = join(work, 'user-data');
  const workspace = join(work, 'workspace');
  const resultsFile = join(work, 'results.json');
  // Tests may write files; they get a copy of samples/, never the repo's own.
  copyWorkspace(workspace);
  stageExtension(extensionsDir, [await buildHarness(join(work, 'harness'))]);
  // The suites written for the TensorFlow.js engine run on it; the PyTorch tests switch the
  // setting to 'auto' (which finds torch here) and back.
  // Exact shapes from PyTorch (on by default for people) would append "· from PyTorch" to hints a
  // moment after the static answer; the suites that check the static answer pin it off, and the
  // runtimeShapes suites turn it on.
  writeUserSettings(userDataDir, { trust, settings: { 'modelLens.engine': 'wasm', 'modelLens.runtimeShapes.enabled': false } });

  const env = {
    MODEL_LENS_TEST_BUNDLE: files.join(delimiter),
    MODEL_LENS_TEST_RESULTS: resultsFile,
    MODEL_LENS_TEST_MOCHA: join(repoRoot, 'node_modules', 'mocha'),
    ...(opts.grep ? { MODEL_LENS_TEST_GREP: opts.grep } : {}),
  };
  console.log(`[test:vscode] ${name}: code-server + ${files.length} test file(s): ${files.map((f) => f.slice(repoRoot.length + 1)).join(', ')}`);
  const started = Date.now();
  const server = await startCodeServer({ folder: workspace, extensionsDir, userDataDir, env, trust, quiet: true });
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  let report;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
    const deadline = Date.now() + opts.timeoutMs;
    let announced = false;
    while (!existsSync(resultsFile)) {
      if (!announced && existsSync(`${resultsFile}.started.json`)) {
        announced = true;
        console.log(`[test:vscode] ${name}: extension host up after ${((Date.now() - started) / 1000).toFixed(1)} s; running tests…`);
      }
      if (Date.now() > deadline) {
        throw new Error(`${name}: no test report after ${opts.timeoutMs / 1000} s (harness ${announced ? 'started' : 'never started'}).\n` +
          `--- browser console errors ---\n${consoleErrors.slice(-20).join('\n')}\n--- code-server output ---\n${server.logs()}\n${hostLogs(userDataDir)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    report = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } finally {
    await browser.close();
    await server.stop();
    // Kept when something failed: user-data/logs has the extension host's logs.
    if (!opts.keep && report && report.failures === 0) rmSync(work, { recursive: true, force: true });
    else console.log(`[test:vscode] ${name}: logs and workspace kept in ${work}`);
  }
  console.log(report.text);
  console.log(`[test:vscode] ${name}: ${report.passes} passed, ${report.failures} failed, ${report.pending} pending (code-server, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return report;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const files = testBundles();
  await ensureCodeServer();
  // One folder per run: several people may run the suite in this checkout at the same time.
  mkdirSync(join(repoRoot, '.cache', 'vscode-test'), { recursive: true });
  const root = mkdtempSync(join(repoRoot, '.cache', 'vscode-test', 'run-'));
  const isUntrusted = (f) => f.endsWith('.untrusted.vscode.test.js');
  const passes = [
    { name: 'trusted workspace', files: files.filter((f) => !isUntrusted(f)), trust: false, dir: 'trusted' },
    { name: 'untrusted workspace', files: files.filter(isUntrusted), trust: true, dir: 'untrusted' },
  ].filter((p) => p.files.length > 0);
  let passed = 0;
  let failed = 0;
  for (const pass of passes) {
    const report = await runPass(pass, opts, join(root, pass.dir));
    passed += report.passes;
    failed += report.failures;
  }
  if (passes.length > 1) console.log(`[test:vscode] all passes: ${passed} passed, ${failed} failed`);
  if (failed === 0 && !opts.keep) rmSync(root, { recursive: true, force: true });
  if (failed > 0 || passed === 0) process.exit(1);
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) main().catch((err) => {
  console.error(`[test:vscode] ${err instanceof Error ? err.stack ?? err.message : err}`);
  process.exit(1);
});
