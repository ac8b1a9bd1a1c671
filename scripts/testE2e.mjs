// `npm run test:e2e`: scenarios in real VS Code (code-server) driven by headless Chromium.
//   node scripts/testE2e.mjs [--grep PATTERN] [files…]      (build first: npm run build)
// Each scenario file starts its own code-server through test/e2e/workbench.ts; screenshots go
// to test-results/ (git-ignored).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, ensureCodeServer } from './codeServer.mjs';

async function main() {
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  await ensureCodeServer();
  const args = process.argv.slice(2);
  const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--grep');
  const mochaArgs = [
    join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js'),
    '--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--ui', 'bdd', '--reporter', 'spec',
    '--timeout', '180000', '--slow', '20000',
    ...(files.length > 0 ? files : ['test/e2e/**/*.e2e.test.ts']),
    ...args.filter((a, i) => a.startsWith('--') || args[i - 1] === '--grep'),
  ];
  const child = spawn(process.execPath, mochaArgs, { cwd: repoRoot, stdio: 'inherit' });
  const code = await new Promise((r) => child.on('close', (c) => r(c ?? 1)));
  process.exit(code);
}

main().catch((err) => {
  console.error(`[test:e2e] ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
