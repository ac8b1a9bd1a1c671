// `npm run test:python`: the Python side's unittest suite (python/tests/), run against the real
// torch with the interpreter the product's own discovery finds (MODEL_LENS_PYTHON or --python
// to choose another). It prints mocha-style counts that `npm test` adds to its summary.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describeProbe, discoverPython, ProbeCache } from '../../src/host/python/discovery';
import { pythonEnvironment } from '../../src/host/python/pythonBackend';

const repo = join(__dirname, '..', '..');

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flag = args.indexOf('--python');
  const found = await discoverPython({
    setting: flag >= 0 ? args[flag + 1] : process.env.MODEL_LENS_PYTHON ?? '', packageDir: join(repo, 'python'), cache: new ProbeCache(null),
  });
  if (!found.chosen) {
    process.stdout.write(`[test:python] no interpreter can run the PyTorch engine's tests: ${found.reason ?? '?'}\n`
      + `  install torch (Debian: apt-get install python3-torch libopenblas0-pthread, as .ci/run does)\n  0 passing\n  1 failing\n`);
    return 1;
  }
  const python = found.chosen.result.executable ?? found.chosen.candidate.path;
  process.stdout.write(`[test:python] ${describeProbe(found.chosen)}\n`);
  const rest = args.filter((_, i) => i !== flag && i !== flag + 1);
  const child = spawn(python, [join(repo, 'python', 'tests', 'run.py'), ...rest], { cwd: repo, stdio: 'inherit', env: pythonEnvironment(process.env) });
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => {
  process.stderr.write(`[test:python] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
