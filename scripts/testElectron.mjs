// `npm run test:electron`: the same in-VS-Code suite as `npm run test:vscode`, but in desktop VS Code
// through @vscode/test-electron (Extension Development Host). It downloads VS Code into
// .vscode-test/ on first use, so it needs internet access (it cannot run on the offline CI machine;
// code-server is the host there). Build first: `npm run build`.
//   node scripts/testElectron.mjs [--version 1.90.0|stable|insiders] [--grep PATTERN]
// Like rust-analyzer's tests/runTests.ts, run it on the minimum supported version (package.json
// engines.vscode, 1.90.0) and on stable.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { copyWorkspace, repoRoot } from './codeServer.mjs';
import { testBundles } from './testVscode.mjs';

function parseArgs(argv) {
  const opts = { version: 'stable', grep: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--version') opts.version = argv[++i];
    else if (argv[i] === '--grep') opts.grep = argv[++i];
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // *.untrusted.vscode.test.js need a session with an untrusted folder, which the code-server
  // runner sets up; here the folder is trusted (--disable-workspace-trust), so they are left out.
  const files = testBundles().filter((f) => !f.endsWith('.untrusted.vscode.test.js'));
  const work = join(repoRoot, '.cache', 'electron-test');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const workspace = join(work, 'workspace');
  copyWorkspace(workspace);
  const index = join(work, 'electronIndex.js');
  await esbuild.build({
    entryPoints: [join(repoRoot, 'test/vscode/electronIndex.ts')],
    outfile: index, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning',
    external: ['vscode'],
  });
  const resultsFile = join(work, 'results.json');
  let exitCode = 1;
  try {
    exitCode = await runTests({
      version: opts.version,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: index,
      // --disable-extensions keeps other installed extensions out; the one under development loads.
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: {
        MODEL_LENS_TEST_BUNDLE: files.join(delimiter),
        MODEL_LENS_TEST_MOCHA: join(repoRoot, 'node_modules', 'mocha'),
        MODEL_LENS_TEST_RESULTS: resultsFile,
        ...(opts.grep ? { MODEL_LENS_TEST_GREP: opts.grep } : {}),
      },
    });
  } catch (err) {
    console.error(`[test:electron] ${err instanceof Error ? err.message : err}`);
  }
  if (existsSync(resultsFile)) {
    const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
    console.log(report.text);
    console.log(`[test:electron] ${report.passes} passed, ${report.failures} failed, ${report.pending} pending (VS Code ${opts.version})`);
    if (report.failures > 0 || report.passes === 0) exitCode = 1;
  }
  process.exit(exitCode);
}

main().catch((err) => {
  console.error(`[test:electron] ${err instanceof Error ? err.stack ?? err.message : err}`);
  process.exit(1);
});
