// `npm test`: typecheck, lint, unit tests (TypeScript, then the Python side's unittest suite),
// build, the in-VS-Code suite (code-server), the e2e scenarios and the samples trained from their
// defaults, in that order. Every step runs even when an earlier one failed (except that nothing
// runs on a failed build), so one report shows everything that is wrong. Ends with the suites' counts summed (mocha's, and the Python
// runner's in the same format), "N passed, N failed", and exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { repoRoot } from './codeServer.mjs';
import { ensureSystemPackages } from './systemPackages.mjs';

const steps = [
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'unit', script: 'test:unit', mocha: true },
  // The PyTorch engine's own unittest suite (python/tests), against the real torch.
  { name: 'python', script: 'test:python', mocha: true },
  { name: 'build', script: 'build', gate: true },
  { name: 'vscode', script: 'test:vscode', mocha: true },
  { name: 'e2e', script: 'test:e2e', mocha: true },
  // Every sample trained from its defaults on the wasm engine to its figure (2.4–8.8 min measured).
  { name: 'samples', script: 'test:samples', mocha: true },
];

function runScript(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const tee = (stream) => (chunk) => {
      out += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** The counts of mocha's closing summaries ("12 passing (3s)", "1 failing", "2 pending"). */
function mochaCounts(out) {
  // eslint-disable-next-line no-control-regex
  const text = out.replace(/\x1b\[[0-9;]*m/g, '');
  // Summed: the in-VS-Code step runs one mocha session per workspace-trust mode.
  const sum = (re) => [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  return { passed: sum(/^\s*(\d+) passing/gm), failed: sum(/^\s*(\d+) failing/gm), pending: sum(/^\s*(\d+) pending/gm) };
}

/**
 * Mocha's failure blocks ("  1) suite … title:" and the error's first lines), a few lines each:
 * printed again beside the summary, so the tail of a long CI log still names what failed and why.
 */
function failureDigest(out) {
  // eslint-disable-next-line no-control-regex
  const lines = out.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const digest = [];
  let inFailures = false;
  let kept = 0;
  for (const line of lines) {
    if (/^\s*\d+ failing/.test(line)) { inFailures = true; continue; }
    if (!inFailures) continue;
    if (/^\s*\d+ passing/.test(line)) { inFailures = false; continue; }
    if (/^\s{2}\d+\) /.test(line)) kept = 0;
    // The title lines and the error's message, not the stack.
    if (kept < 6 && line.trim() !== '' && !/^\s+at /.test(line)) {
      digest.push(`      ${line.trim().slice(0, 300)}`);
      kept += 1;
    }
  }
  return digest;
}

async function main() {
  const started = Date.now();
  // The browser, the code-server build, PyTorch: install what is missing, or say how, first.
  if (!ensureSystemPackages('test')) process.exit(1);
  const results = [];
  let skipRest = false;
  for (const step of steps) {
    if (skipRest) {
      results.push({ ...step, status: 'skipped' });
      continue;
    }
    console.log(`\n===== npm test: ${step.name} (npm run ${step.script}) =====`);
    const t0 = Date.now();
    const { code, out } = await runScript(step.script);
    const counts = step.mocha ? mochaCounts(out) : undefined;
    // A suite that exits 0 but ran nothing is not a pass.
    const ok = code === 0 && (!counts || counts.passed > 0);
    results.push({ ...step, status: ok ? 'ok' : 'FAILED', code, counts, seconds: (Date.now() - t0) / 1000, failures: ok ? [] : failureDigest(out) });
    if (!ok && step.gate) skipRest = true;
  }
  console.log('\n===== npm test: summary =====');
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    const c = r.counts ? ` — ${r.counts.passed} passing, ${r.counts.failed} failing${r.counts.pending ? `, ${r.counts.pending} pending` : ''}` : '';
    console.log(`  ${r.status.padEnd(7)} ${r.name.padEnd(10)}${r.seconds !== undefined ? ` ${r.seconds.toFixed(1).padStart(6)} s` : ''}${c}`);
    if (r.counts) {
      passed += r.counts.passed;
      failed += r.counts.failed;
    }
    // A failed step without mocha counts (typecheck, lint, build, a crashed runner) counts once.
    if (r.status !== 'ok' && (!r.counts || r.counts.failed === 0)) failed += 1;
    for (const line of r.failures ?? []) console.log(line);
  }
  const allOk = results.every((r) => r.status === 'ok');
  console.log(`\n${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  process.exit(allOk ? 0 : 1);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
