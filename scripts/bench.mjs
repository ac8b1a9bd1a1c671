// `npm run bench [-- ARGS]`: builds, runs the engine bench (dist/bench.js) with ARGS, then the
// analysis bench (bench/analysis.ts) so one run shows both. ARGS reach the engine bench (npm
// appends them to the script's last command, which used to be the analysis bench); --json is
// passed to both.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function run(label, argv) {
  const r = spawnSync(process.execPath, argv, { cwd: root, stdio: 'inherit' });
  if (r.error) throw new Error(`${label} failed to start: ${r.error.message}`);
  return r.status ?? 1;
}

if (run('build', [join(root, 'scripts', 'build.mjs')]) !== 0) process.exit(1);
const engine = run('engine bench', [join(root, 'dist', 'bench.js'), ...args]);
const analysis = run('analysis bench', [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'bench', 'analysis.ts'), ...(args.includes('--json') ? ['--json'] : [])]);
process.exit(engine !== 0 ? engine : analysis);
