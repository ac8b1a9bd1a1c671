// `npm run bench`: times training steps of the shipped samples' networks on our engine and, in the
// same run, their PyTorch twins (bench/pytorch/workloads.py), each side at 1 and at 2 threads in
// separate processes, and prints the ratio of the best of each side. PyTorch's BLAS is read from
// the libraries its process loaded; against the reference (netlib) BLAS no ratio is printed.
//   node dist/bench.js [--only cnn,lstm] [--seconds 3] [--threads 1,2] [--repeat 2] [--json]
//                      [--no-torch] [--profile] [--no-roofline | --roofline (nothing else)]
// Internal: node dist/bench.js --worker ID --threads N --seconds S [--profile] measures our side
// in this process and prints one JSON line.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describeEngine, selectEngine } from '../src/backend/engine/selectEngine';
import { sampleWorkload } from './sampleWorkloads';
import { measure, profileKernels } from './timing';
import { runRoofline } from './roofline';
import { judge, type OursResult, type TorchResult } from './compare';
import { workloadIds, type WorkloadId } from './workloads';

interface Options {
  only: WorkloadId[]; json: boolean; seconds: number; threads: number[]; repeat: number; torch: boolean; profile: boolean; roofline: 'also' | 'only' | 'no';
  worker: WorkloadId | null;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { only: [...workloadIds], json: false, seconds: 3, threads: cpus().length > 1 ? [1, 2] : [1], repeat: 2, torch: true, profile: false, roofline: 'also', worker: null };
  const ids = (v: string) => {
    const list = v.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.filter((s) => !workloadIds.includes(s as WorkloadId));
    if (bad.length) throw new Error(`unknown workload(s) ${bad.join(', ')}; choose from ${workloadIds.join(', ')}`);
    return list as WorkloadId[];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => { const v = argv[++i]; if (v == null) throw new Error(`${a} needs a value`); return v; };
    if (a === '--only') o.only = ids(value());
    else if (a === '--worker') o.worker = ids(value())[0] ?? null;
    else if (a === '--json') o.json = true;
    else if (a === '--seconds') { o.seconds = Number(value()); if (!(o.seconds > 0)) throw new Error('--seconds must be > 0'); }
    else if (a === '--threads') { o.threads = value().split(',').map(Number); if (!o.threads.every((t) => t >= 1)) throw new Error('--threads takes counts ≥ 1, e.g. 1,2'); }
    else if (a === '--repeat') { o.repeat = Number(value()); if (!(o.repeat >= 1)) throw new Error('--repeat must be ≥ 1'); }
    else if (a === '--no-torch') o.torch = false;
    else if (a === '--profile') o.profile = true;
    else if (a === '--roofline') o.roofline = 'only';
    else if (a === '--no-roofline') o.roofline = 'no';
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

/** dist/bench.js sits next to dist/wasm and dist/data; run from source (tsx) it uses dist/ too. */
const distDir = (): string => (existsSync(join(__dirname, 'wasm')) ? __dirname : join(__dirname, '..', 'dist'));
const repoRoot = (): string => join(distDir(), '..');
const python = '/usr/bin/python3';

// ---- one side of one configuration, in its own process ----

async function worker(id: WorkloadId, opts: Options): Promise<void> {
  const threads = opts.threads[0] ?? 1;
  const engine = await selectEngine('wasm', { wasmDir: join(distDir(), 'wasm'), threads });
  const w = sampleWorkload(id, join(repoRoot(), 'samples'), join(distDir(), 'data'), 64);
  if (typeof w === 'string') throw new Error(w);
  const before = tf.memory().numTensors;
  const { on, off } = measure(w, opts.seconds * 2);
  const profile = opts.profile ? profileKernels(w, 10) : undefined;
  const leaked = tf.memory().numTensors - before;
  w.dispose();
  const result: OursResult = {
    workload: id, title: w.title, batch: w.batchSize, threads: engine.threads ?? 1, engine: describeEngine(engine),
    msPerStep: on.msPerStep, medianMsPerStep: on.medianMsPerStep, samplesPerSec: (w.batchSize * 1000) / on.msPerStep, cpuMsPerStep: on.cpuMsPerStep,
    msPerStepNoInstr: off.msPerStep,
    // On CPU time: the wall-clock difference of two chunks is mostly other programs' noise here.
    instrumentationOverheadPct: ((on.cpuMsPerStep - off.cpuMsPerStep) / off.cpuMsPerStep) * 100,
    leakedTensors: leaked, torchTwinArgs: w.torchTwinArgs ?? [], ...(profile ? { profile } : {}),
  };
  console.log(JSON.stringify(result));
}

function lastJsonLine<T>(label: string, r: ReturnType<typeof spawnSync>): T | string {
  if (r.error) return `${label} failed to run: ${r.error.message}`;
  const stdout = String(r.stdout ?? '');
  if (r.status !== 0) return `${label} exited ${r.status}: ${String(r.stderr ?? '').trim().split('\n').pop() ?? ''}`;
  const line = stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  try { return JSON.parse(line ?? '') as T; } catch { return `unreadable ${label} output: ${stdout.slice(0, 200)}`; }
}

function runOurs(id: WorkloadId, threads: number, opts: Options, profile = false): OursResult | string {
  const r = spawnSync(process.execPath, [process.argv[1] ?? join(distDir(), 'bench.js'), '--worker', id, '--threads', String(threads), '--seconds', String(opts.seconds), ...(profile ? ['--profile'] : [])],
    { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 24 });
  return lastJsonLine<OursResult>('our engine', r);
}

/** PyTorch with `threads` intra-op threads and the same number of BLAS threads (OpenBLAS keeps
 *  its own pool, which torch.set_num_threads does not size). */
function runTorch(id: WorkloadId, threads: number, opts: Options, twinArgs: string[], profile = false): TorchResult | string {
  const script = join(repoRoot(), 'bench', 'pytorch', 'workloads.py');
  const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
  const r = spawnSync(python, [script, '--workload', id, '--data', join(distDir(), 'data'), '--seconds', String(opts.seconds), '--threads', String(threads), ...twinArgs, ...(profile ? ['--profile'] : [])],
    { encoding: 'utf8', timeout: 600_000, env, maxBuffer: 1 << 24 });
  return lastJsonLine<TorchResult>('PyTorch', r);
}

// ---- the comparison ----

interface Row {
  workload: WorkloadId; title: string;
  ours: OursResult | null; oursByThreads: Record<number, OursResult>; oursNote: string | null;
  torch: TorchResult | null; torchByThreads: Record<number, TorchResult>; torchNote: string | null;
  /** ours ÷ PyTorch samples/s, each at its best thread count; null when not comparable. */
  ratio: number | null;
  /** CPU ms per step at one thread: PyTorch ÷ ours (> 1: we do the step with less CPU). */
  cpuRatio: number | null;
}

const fmt = (n: number | null | undefined, digits = 1) => (n == null || !Number.isFinite(n) ? '—' : n.toFixed(digits));
const keepFaster = <T extends { msPerStep: number }>(map: Record<number, T>, threads: number, r: T) => {
  const old = map[threads];
  if (old == null || r.msPerStep < old.msPerStep) map[threads] = r;
};

function compare(id: WorkloadId, opts: Options, log: (s: string) => void): Row {
  const row: Row = { workload: id, title: id, ours: null, oursByThreads: {}, oursNote: null, torch: null, torchByThreads: {}, torchNote: opts.torch ? null : 'skipped (--no-torch)', ratio: null, cpuRatio: null };
  // Rounds of every configuration in turn, so a burst of other load hits both sides alike; the
  // fastest of each configuration is kept.
  for (let round = 0; round < opts.repeat; round++) {
    for (const threads of opts.threads) {
      const ours = runOurs(id, threads, opts);
      if (typeof ours === 'string') row.oursNote = ours; else { keepFaster(row.oursByThreads, threads, ours); row.title = ours.title; }
      if (opts.torch) {
        // The twin takes the sample's size from our side's run (a failed run: the twin's default).
        const torch = runTorch(id, threads, opts, typeof ours === 'string' ? [] : ours.torchTwinArgs);
        if (typeof torch === 'string') row.torchNote = torch; else keepFaster(row.torchByThreads, threads, torch);
      }
      log(`  ${id} round ${round + 1}, ${threads} thread${threads === 1 ? '' : 's'}: ours ${typeof ours === 'string' ? ours : `${fmt(ours.msPerStep)} ms/step`}` +
        (opts.torch ? `, PyTorch ${fmt(row.torchByThreads[threads]?.msPerStep)} ms/step (load ${loadavg()[0]?.toFixed(1)})` : ''));
    }
  }
  const v = judge(row.oursByThreads, row.torchByThreads);
  Object.assign(row, { ours: v.ours, torch: v.torch, ratio: v.ratio, cpuRatio: v.cpuRatio, torchNote: v.torchNote ?? row.torchNote });
  return row;
}

function printTable(rows: Row[]): void {
  const head = ['workload', 'ours ms/step', 'ours thr', 'PyTorch ms/step', 'PyTorch thr', 'ours/PyTorch', 'ours 1t | 2t', 'PyTorch 1t | 2t', 'CPU ms 1t ours | torch', 'CPU ratio', 'instr. (CPU)'];
  const byT = <T extends { msPerStep: number }>(m: Record<number, T>) => `${fmt(m[1]?.msPerStep)} | ${fmt(m[2]?.msPerStep)}`;
  const body = rows.map((r) => [r.workload, fmt(r.ours?.msPerStep), r.ours ? String(r.ours.threads) : '—', fmt(r.torch?.msPerStep), r.torch ? String(r.torch.threads) : '—',
    r.ratio == null ? '—' : `${r.ratio.toFixed(2)}×`, byT(r.oursByThreads), byT(r.torchByThreads),
    `${fmt(r.oursByThreads[1]?.cpuMsPerStep)} | ${fmt(r.torchByThreads[1]?.cpuMsPerStep)}`, r.cpuRatio == null ? '—' : `${r.cpuRatio.toFixed(2)}×`, `${fmt(r.ours?.instrumentationOverheadPct)} %`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
  for (const r of rows) {
    if (r.oursNote) console.log(`  ${r.workload}: ours not measured (${r.oursNote})`);
    if (r.torchNote) console.log(`  ${r.workload}: ${r.torchNote}`);
    if (r.ours && r.ours.leakedTensors !== 0) console.log(`  ${r.workload}: LEAKED ${r.ours.leakedTensors} tensors`);
  }
  console.log('ours/PyTorch = samples/s of the fastest 0.25 s chunk, each side at its faster thread count (thr); CPU ratio = PyTorch CPU ms ÷ ours at one thread (> 1: we do a step with less CPU).');
}

function printProfiles(id: WorkloadId, opts: Options): void {
  const ours = runOurs(id, 1, opts, true);
  const torch = opts.torch ? runTorch(id, 1, opts, typeof ours === 'string' ? [] : ours.torchTwinArgs, true) : 'skipped';
  console.log(`\n${id}, one thread, CPU ms per step by kernel (ours: exclusive of the kernels it calls) / by op (PyTorch: self CPU time):`);
  if (typeof ours !== 'string' && ours.profile) {
    console.log(`  ours ${fmt(ours.profile.stepMs)} ms/step: kernels ${fmt(ours.profile.stepMs - ours.profile.outsideMs)}, outside kernels (dispatch, autograd, layers) ${fmt(ours.profile.outsideMs)}`);
  }
  const left = typeof ours === 'string' ? [ours] : (ours.profile?.kernels ?? []).slice(0, 14).map((k) => `${k.kernel.slice(0, 26).padEnd(26)} ${fmt(k.msPerStep, 2).padStart(7)} ${String(k.calls).padStart(5)}×`);
  const right = typeof torch === 'string' ? [torch] : (torch.profile ?? []).slice(0, 14).map((k) => `${k.op.slice(0, 26).padEnd(26)} ${fmt(k.msPerStep, 2).padStart(7)} ${String(Math.round(k.calls)).padStart(5)}×`);
  for (let i = 0; i < Math.max(left.length, right.length); i++) console.log(`  ${(left[i] ?? '').padEnd(44)}  ${right[i] ?? ''}`);
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.worker) { await worker(opts.worker, opts); return; }
  const log = (s: string) => { if (!opts.json) console.log(s); };
  const startLoad = loadavg();
  log(`${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}); load average at start ${startLoad.map((l) => l.toFixed(1)).join(' ')}; Node ${process.versions.node} (V8 ${process.versions.v8})`);
  log(`batch 64, SGD, every variable's gradient L2 norm and max-abs read back each step; each configuration in its own process, ${opts.repeat} round(s), ~${opts.seconds * 2} s ours / ~${opts.seconds} s PyTorch each; threads ${opts.threads.join(', ')}\n`);
  const rows: Row[] = [];
  for (const id of opts.roofline === 'only' ? [] : opts.only) rows.push(compare(id, opts, log));
  const first = rows.find((r) => r.ours)?.ours;
  const torchInfo = rows.find((r) => r.torch)?.torch;
  if (!opts.json && rows.length > 0) {
    console.log('');
    if (first) console.log(`ours: ${first.engine.replace(/\(XNNPACK, \d+ threads?[^)]*\)/, '(XNNPACK, threads as in the table)')}`);
    if (torchInfo) console.log(`PyTorch ${torchInfo.torch}, BLAS: ${torchInfo.blas.kind} (${torchInfo.blas.library}, ${torchInfo.blas.threads ?? '?'} BLAS thread(s) at PyTorch's best thread count)`);
    console.log('');
    printTable(rows);
    console.log(`load average at end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    if (opts.profile) for (const id of opts.only) printProfiles(id, opts);
  }
  const roofline = opts.roofline !== 'no' ? await runRoofline({ seconds: opts.seconds, wasmDir: join(distDir(), 'wasm'), python, torchScript: join(repoRoot(), 'bench', 'pytorch', 'workloads.py'), log }) : undefined;
  if (opts.json) console.log(JSON.stringify({ loadAverage: { start: startLoad, end: loadavg() }, cores: cpus().length, rows, ...(roofline ? { roofline } : {}) }));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
