// `npm run bench:torch [-- --only cnn-mnist,lstm-mnist --no-overhead --no-figures --seconds 3]`:
// the PyTorch engine's figures as a person gets them and its instrumentation overhead.
//  • figures: `node dist/cli.js train <id> --engine torch --json` for each sample with its defaults
//    (held-out result, wall time from starting the command to its exit — Python's start and
//    torch's import included —, training seconds, samples/s, the thread count the engine chose);
//  • overhead: bench/pytorch/engine_overhead.py, the plain PyTorch step against the engine's
//    instrumented step in the same process (fastest 0.25 s chunk of each, wall and CPU).
// Prints the interpreter, torch, BLAS, the date and the load average before and after each run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeProbe, discoverPython, ProbeCache } from '../src/host/python/discovery';
import { pythonEnvironment } from '../src/host/python/pythonBackend';

const repo = join(__dirname, '..');
/** The issue's targets: held-out figure and wall time. */
const TARGETS: Record<string, { metric: string; atLeast?: number; atMost?: number; seconds?: number }> = {
  'cnn-mnist': { metric: 'acc', atLeast: 0.975, seconds: 30 },
  'lstm-mnist': { metric: 'acc', atLeast: 0.97, seconds: 90 },
  'gru-mnist': { metric: 'acc', atLeast: 0.97, seconds: 90 },
  'rnn-mnist': { metric: 'acc', atLeast: 0.95 },
  transformer: { metric: 'tokenAcc', atLeast: 0.99, seconds: 60 },
  perceptron: { metric: 'accAND', atLeast: 1 },
  'mlp-xor': { metric: 'xorTable', atLeast: 1 },
  'mlp-fit': { metric: 'mse', atMost: 1e-3 },
  autoencoder: { metric: 'mse' },
  gan: { metric: 'modesCovered', atLeast: 6 },
};
const DEFAULT_ONLY = ['cnn-mnist', 'lstm-mnist', 'gru-mnist', 'rnn-mnist', 'transformer'];

interface Figure {
  id: string; value: number | null; metric: string; met: boolean | null; wallS: number; trainS: number | null;
  samplesPerSec: number | null; threads: number | null; loadBefore: number; loadAfter: number; test: Record<string, number | null>;
}

const load = (): number => Number(loadavg()[0]!.toFixed(1));

function runFigure(id: string, python: string, runsDir: string, extra: string[]): Promise<Figure> {
  return new Promise((resolve, reject) => {
    const loadBefore = load();
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(repo, 'dist', 'cli.js'), 'train', id, '--engine', 'torch', '--python', python, '--json', '--no-checkpoints', '--runs-dir', runsDir, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString('utf8'); });
    child.on('close', (code) => {
      const wallS = (performance.now() - t0) / 1000;
      const lines = out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      const started = lines.find((l) => l.kind === 'runStarted') as { engine?: { threads: number | null } } | undefined;
      const finished = lines.find((l) => l.kind === 'finished') as { seconds: number; samplesPerSec: number | null; test: Record<string, number | null> } | undefined;
      if (code !== 0 || !finished) { reject(new Error(`${id}: exit ${String(code)}, no finished event`)); return; }
      const target = TARGETS[id] ?? { metric: 'loss' };
      const value = finished.test[target.metric] ?? null;
      const met = value === null ? null
        : (target.atLeast === undefined || value >= target.atLeast) && (target.atMost === undefined || value <= target.atMost) && (target.seconds === undefined || wallS <= target.seconds);
      resolve({
        id, value, metric: target.metric, met, wallS, trainS: finished.seconds, samplesPerSec: finished.samplesPerSec,
        threads: started?.engine?.threads ?? null, loadBefore, loadAfter: load(), test: finished.test,
      });
    });
  });
}

function fmt(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined ? '—' : v.toFixed(digits);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const only = (flag('--only') ?? DEFAULT_ONLY.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const found = await discoverPython({ setting: flag('--python') ?? process.env.MODEL_LENS_PYTHON ?? '', packageDir: join(repo, 'python'), cache: new ProbeCache(null) });
  if (!found.chosen) throw new Error(`no Python with torch: ${found.reason ?? '?'}`);
  const python = found.chosen.result.executable ?? found.chosen.candidate.path;
  console.log(`PyTorch engine bench, ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`  ${describeProbe(found.chosen)}; ${found.chosen.result.cpuCount ?? '?'} cores`);

  if (!args.includes('--no-figures')) {
    const runsDir = mkdtempSync(join(tmpdir(), 'ml-bench-torch-'));
    const figures: Figure[] = [];
    try {
      for (const id of only) {
        const f = await runFigure(id, python, runsDir, []);
        figures.push(f);
        console.log(`  ${id}: ${f.metric} ${fmt(f.value, 4)} in ${fmt(f.wallS)} s wall (${fmt(f.trainS)} s training, ${fmt(f.samplesPerSec, 0)} samples/s, ${String(f.threads)} thread(s)), load ${f.loadBefore} → ${f.loadAfter}${f.met === false ? '  ← target missed' : ''}`);
      }
    } finally {
      rmSync(runsDir, { recursive: true, force: true });
    }
    console.log('\n| sample | held-out | target | wall (command) | training | samples/s | threads | load avg |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const f of figures) {
      const t = TARGETS[f.id];
      const target = t ? `${t.atLeast !== undefined ? `≥ ${t.atLeast}` : t.atMost !== undefined ? `≤ ${t.atMost}` : '—'}${t.seconds ? ` in ≤ ${t.seconds} s` : ''}` : '—';
      console.log(`| ${f.id} | ${f.metric} ${fmt(f.value, 4)} | ${target} | ${fmt(f.wallS)} s | ${fmt(f.trainS)} s | ${fmt(f.samplesPerSec, 0)} | ${String(f.threads)} | ${f.loadBefore}–${f.loadAfter} |`);
    }
    if (args.includes('--json')) console.log(JSON.stringify(figures));
  }

  if (!args.includes('--no-overhead')) {
    console.log('\nInstrumentation overhead (plain PyTorch step vs the engine\'s instrumented step, same process; fastest 0.25 s chunk):');
    const r = spawnSync(python, [join(repo, 'bench', 'pytorch', 'engine_overhead.py'), '--only', only.filter((id) => DEFAULT_ONLY.includes(id)).join(','), '--seconds', flag('--seconds') ?? '3', '--threads', flag('--threads') ?? '1'],
      { cwd: repo, encoding: 'utf8', env: pythonEnvironment(process.env), timeout: 1_800_000 });
    if (r.status !== 0) throw new Error(`engine_overhead.py: ${r.stderr}`);
    console.log('| sample | plain ms/step | instrumented ms/step | overhead (wall) | plain CPU ms | instrumented CPU ms | overhead (CPU) |');
    console.log('|---|---|---|---|---|---|---|');
    for (const line of r.stdout.trim().split('\n')) {
      const o = JSON.parse(line) as Record<string, number | string>;
      console.log(`| ${o.sample} | ${o.plainMsPerStep} | ${o.instrumentedMsPerStep} | ${o.overheadPct} % | ${o.plainCpuMsPerStep} | ${o.instrumentedCpuMsPerStep} | ${o.cpuOverheadPct} % |`);
    }
    console.log(`  load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
