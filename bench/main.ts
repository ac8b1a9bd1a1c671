// `npm run bench`: times training steps of the document's networks on our engine and, in the same
// run, the same networks in PyTorch (bench/pytorch/workloads.py), and prints the ratios.
//   node dist/bench.js [--only cnn,lstm] [--json] [--seconds 3] [--engine auto|wasm|cpu] [--no-torch] [--profile] [--own-models] [--threads N]
// Networks come from the shipped samples (samples/*.js) when they exist; --own-models (or a
// missing sample) uses the bench's own tfjs builds of the document's networks (bench/workloads.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describeEngine, selectEngine, type EnginePreference } from '../src/backend/engine/selectEngine';
import { buildCnn, buildRecurrent, buildTransformer, workloadIds, type MnistBytes, type Workload, type WorkloadId } from './workloads';
import { sampleWorkload } from './sampleWorkloads';
import { measure, profileSteps, type KernelShare } from './timing';

interface Options { only: WorkloadId[]; json: boolean; seconds: number; engine: EnginePreference; torch: boolean; profile: boolean; samples: boolean; threads: number | undefined }

function parseArgs(argv: string[]): Options {
  const o: Options = { only: [...workloadIds], json: false, seconds: 3, engine: 'auto', torch: true, profile: false, samples: true, threads: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => { const v = argv[++i]; if (v == null) throw new Error(`${a} needs a value`); return v; };
    if (a === '--only') {
      const ids = value().split(',').map((s) => s.trim()).filter(Boolean);
      const bad = ids.filter((s) => !workloadIds.includes(s as WorkloadId));
      if (bad.length) throw new Error(`unknown workload(s) ${bad.join(', ')}; choose from ${workloadIds.join(', ')}`);
      o.only = ids as WorkloadId[];
    } else if (a === '--json') o.json = true;
    else if (a === '--seconds') { o.seconds = Number(value()); if (!(o.seconds > 0)) throw new Error('--seconds must be > 0'); }
    else if (a === '--engine') o.engine = value() as EnginePreference;
    else if (a === '--no-torch') o.torch = false;
    else if (a === '--profile') o.profile = true;
    else if (a === '--own-models') o.samples = false;
    else if (a === '--threads') { o.threads = Number(value()); if (!(o.threads >= 1)) throw new Error('--threads must be ≥ 1'); }
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

/** dist/bench.js sits next to dist/wasm and dist/data; run from source (tsx) it uses dist/ too. */
function distDir(): string {
  return existsSync(join(__dirname, 'wasm')) ? __dirname : join(__dirname, '..', 'dist');
}
function repoRoot(): string {
  return existsSync(join(__dirname, 'pytorch')) ? join(__dirname, '..') : join(__dirname, '..');
}

function loadMnist(dir: string): MnistBytes {
  const images = readFileSync(join(dir, 'mnist-images.u8'));
  const labels = readFileSync(join(dir, 'mnist-labels.u8'));
  return { images: new Uint8Array(images.buffer, images.byteOffset, images.length), labels: new Uint8Array(labels.buffer, labels.byteOffset, labels.length), count: labels.length };
}

interface TorchResult { msPerStep: number; medianMsPerStep: number; cpuMsPerStep: number; samplesPerSec: number; threads: number; torch: string }
const python = '/usr/bin/python3';

function runTorchOnce(id: WorkloadId, dataDir: string, seconds: number, threads: number): TorchResult | string {
  const script = join(repoRoot(), 'bench', 'pytorch', 'workloads.py');
  const r = spawnSync(python, [script, '--workload', id, '--data', dataDir, '--seconds', String(seconds), '--threads', String(threads)], { encoding: 'utf8', timeout: 180_000 });
  if (r.error) return `python3 failed to run: ${r.error.message}`;
  if (r.status !== 0) return `python3 exited ${r.status}: ${(r.stderr ?? '').trim().split('\n').pop() ?? ''}`;
  try { return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as TorchResult; } catch { return `unreadable PyTorch output: ${r.stdout.slice(0, 200)}`; }
}

/** PyTorch with 2 threads (torch.set_num_threads(2)), and with 1: on a shared 2-core machine the
 *  2-thread run can lose badly to another process's load. The faster is the baseline we compare
 *  against, so the ratio never flatters us. The 1-thread run also gives the CPU time per step. */
function runTorch(id: WorkloadId, dataDir: string, seconds: number): { best: TorchResult; oneThread: TorchResult | null } | string {
  const two = runTorchOnce(id, dataDir, seconds, 2);
  if (typeof two === 'string') return two;
  const one = runTorchOnce(id, dataDir, seconds, 1);
  if (typeof one === 'string') return { best: two, oneThread: null };
  return { best: two.msPerStep <= one.msPerStep ? two : one, oneThread: one };
}

interface Row {
  workload: WorkloadId; title: string; source: string; batch: number;
  msPerStep: number; medianMsPerStep: number; samplesPerSec: number; msPerStepNoInstr: number; instrumentationOverheadPct: number; wallInstrumentationOverheadPct: number;
  torch: TorchResult | null; torchNote: string | null; ratio: number | null;
  /** CPU ms per step, ours and PyTorch's 1-thread run; their ratio compares the work done. */
  cpuMsPerStep: number; torchCpuMsPerStep: number | null; cpuRatio: number | null;
  leakedTensors: number; profile?: KernelShare[];
}

function buildOwn(id: WorkloadId, mnist: MnistBytes): Workload {
  return id === 'cnn' ? buildCnn(mnist) : id === 'transformer' ? buildTransformer() : buildRecurrent(id, mnist);
}

const fmt = (n: number | null | undefined, digits = 1) => (n == null || !Number.isFinite(n) ? '—' : n.toFixed(digits));

function printTable(rows: Row[]): void {
  const head = ['workload', 'ours ms/step', 'ours samples/s', 'PyTorch ms/step', 'PyTorch samples/s', 'torch threads', 'ours/PyTorch', 'instr. overhead (CPU)', 'CPU ms/step ours | torch(1t)', 'CPU-time ratio'];
  const body = rows.map((r) => [r.workload, fmt(r.msPerStep), fmt(r.samplesPerSec, 0), fmt(r.torch?.msPerStep), fmt(r.torch?.samplesPerSec, 0), r.torch ? String(r.torch.threads) : '—',
    r.ratio == null ? '—' : `${r.ratio.toFixed(2)}×`, `${fmt(r.instrumentationOverheadPct)} %`, `${fmt(r.cpuMsPerStep)} | ${fmt(r.torchCpuMsPerStep)}`, r.cpuRatio == null ? '—' : `${r.cpuRatio.toFixed(2)}×`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
  for (const r of rows) if (r.torchNote) console.log(`  ${r.workload}: PyTorch not measured (${r.torchNote})`);
  console.log('ours/PyTorch = samples/s ratio on wall time (fastest chunk); CPU-time ratio = PyTorch 1-thread CPU ms ÷ ours (>1: we do the step with less CPU).');
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const dist = distDir();
  const engine = await selectEngine(opts.engine, { wasmDir: join(dist, 'wasm'), ...(opts.threads ? { threads: opts.threads } : {}) });
  const dataDir = join(dist, 'data');
  const mnist = loadMnist(dataDir);
  if (!opts.json) {
    console.log(`engine: ${describeEngine(engine)}`);
    // Other work on the machine skews both sides; say how busy it was.
    console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (${cpus().length} cores)`);
    console.log(`batch 64, SGD; "instrumented" = every variable's gradient L2 norm and max-abs read back each step;`);
    console.log(`~${opts.seconds * 2} s per workload, instrumented and plain steps in alternating 0.25 s chunks; the fastest chunk is compared on both sides (shared machine);\nPyTorch runs with 2 threads and with 1, the faster is the baseline\n`);
  }
  const rows: Row[] = [];
  for (const id of opts.only) {
    const fromSample = opts.samples ? sampleWorkload(id, join(repoRoot(), 'samples'), dataDir, 64) : 'own models asked for';
    const w = typeof fromSample === 'string' ? buildOwn(id, mnist) : fromSample;
    const source = typeof fromSample === 'string' ? `bench/workloads.ts (${fromSample})` : 'shipped sample';
    const before = tf.memory().numTensors;
    const { on, off } = measure(w, opts.seconds * 2);
    const profile = opts.profile ? await profileSteps(w, 3) : undefined;
    const leaked = tf.memory().numTensors - before;
    w.dispose();
    let torch: TorchResult | null = null;
    let torchOne: TorchResult | null = null;
    let torchNote: string | null = null;
    if (opts.torch) {
      const t = runTorch(id, dataDir, opts.seconds);
      if (typeof t === 'string') torchNote = t; else { torch = t.best; torchOne = t.oneThread; }
    } else torchNote = 'skipped (--no-torch)';
    const samplesPerSec = (w.batchSize * 1000) / on.msPerStep;
    const row: Row = {
      workload: id, title: w.title, source, batch: w.batchSize, msPerStep: on.msPerStep, medianMsPerStep: on.medianMsPerStep, samplesPerSec, msPerStepNoInstr: off.msPerStep,
      // On CPU time: the wall-clock difference of two chunks is mostly other programs' noise here.
      instrumentationOverheadPct: ((on.cpuMsPerStep - off.cpuMsPerStep) / off.cpuMsPerStep) * 100,
      wallInstrumentationOverheadPct: ((on.msPerStep - off.msPerStep) / off.msPerStep) * 100,
      torch, torchNote, ratio: torch ? samplesPerSec / torch.samplesPerSec : null, leakedTensors: leaked,
      cpuMsPerStep: on.cpuMsPerStep, torchCpuMsPerStep: torchOne?.cpuMsPerStep ?? null,
      cpuRatio: torchOne ? torchOne.cpuMsPerStep / on.cpuMsPerStep : null,
      ...(profile ? { profile } : {}),
    };
    rows.push(row);
    if (!opts.json) {
      console.log(`${id}: ${w.title} [${source}] — ours ${fmt(on.msPerStep)} ms/step (median ${fmt(on.medianMsPerStep)}, ${on.steps} steps; ${fmt(off.msPerStep)} without instrumentation)` +
        (torch ? `, PyTorch ${fmt(torch.msPerStep)} ms/step (median ${fmt(torch.medianMsPerStep)}, ${torch.threads} thread${torch.threads === 1 ? '' : 's'})` : '') + (leaked !== 0 ? `, LEAKED ${leaked} tensors` : ''));
      if (profile) for (const k of profile.slice(0, 12)) console.log(`    ${k.kernel.padEnd(28)} ${fmt(k.msPerStep, 2).padStart(7)} ms/step  ${String(k.calls).padStart(5)} calls`);
    }
  }
  if (opts.json) console.log(JSON.stringify({ engine, loadAverage: loadavg(), rows }));
  else { console.log(''); printTable(rows); console.log(`load average at end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`); }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
