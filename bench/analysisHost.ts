// Part of `npm run bench:analysis`: the costs around the analysis rather than of it — comment
// blocks (skipped by the parser, which is quadratic on them otherwise), the trip through a worker
// thread, and a notebook read as one program. CPU time, so a machine shared with other jobs still
// measures our own work; the old full parse of the comment block is timed in the same run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../src/analysis/analyze';
import { notebookProgram, readIpynb } from '../src/analysis/notebook';
import type { Parsers } from '../src/analysis/parser';
import { AnalysisWorkerPool, analysisWorkerEntry } from '../src/analysis/worker/pool';

const fixtures = join(__dirname, '..', 'test', 'fixtures');

function cpuMs(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1000;
}

/** Least CPU time of `runs` interleaved runs of each. */
function least(runs: number, cases: Record<string, () => void>): Record<string, number> {
  const best: Record<string, number> = {};
  for (let i = 0; i < runs; i++) for (const [k, f] of Object.entries(cases)) best[k] = Math.min(best[k] ?? Infinity, cpuMs(f));
  return best;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function hostFigures(parsers: Parsers, parsersDir: string, runs: number): Promise<string[]> {
  const lines: string[] = [];
  const cnn = readFileSync(join(fixtures, 'pytorch', 'simpleCnn.py'), 'utf8');
  const transformer = readFileSync(join(fixtures, 'pytorch', 'transformer.py'), 'utf8');
  const block = Array.from({ length: 2000 }, (_, i) => `# note ${i}: what this layer does and why the sizes are what they are\n`).join('');
  const py = (t: string) => () => void analyzeText(parsers, t, 'python');
  for (const [name, model] of [['document CNN', cnn], ['Transformer fixture', transformer]] as const) {
    const withBlock = model + block;
    const t = least(Math.max(5, Math.floor(runs / 4)), { alone: py(model), block: py(withBlock), hashes: py(model + '#\n'.repeat(50_000)) });
    lines.push(`${name}: alone ${t.alone!.toFixed(1)} ms CPU; + 2,000 comment lines (${(withBlock.length / 1024).toFixed(0)} KB) ${t.block!.toFixed(1)} ms = ${(t.block! / t.alone!).toFixed(2)}×; + 100 KB of '#' lines ${t.hashes!.toFixed(1)} ms = ${(t.hashes! / t.alone!).toFixed(2)}×`);
  }
  // The parse as it was (whole text, comment blocks included), once: it takes seconds.
  const oldParse = cpuMs(() => {
    parsers.python.reset();
    parsers.python.parse(cnn + block)?.delete();
  });
  lines.push(`the same document CNN + 2,000 comment lines parsed whole, as before the fix: ${oldParse.toFixed(0)} ms CPU (parse alone)`);

  // Through a worker thread: what a hover after an edit waits for (the copy there and back included).
  const pool = new AnalysisWorkerPool({ ...analysisWorkerEntry(), parsersDir, size: 1 });
  try {
    const viaWorker: number[] = [];
    for (let i = 0; i < Math.max(10, runs / 2); i++) {
      const t0 = performance.now();
      await pool.run({ text: cnn, language: 'python', options: {} }).outcome;
      if (i >= 3) viaWorker.push(performance.now() - t0); // the first runs include the worker's start and JIT
    }
    const inThread = least(Math.max(10, runs / 2), { cnn: py(cnn) });
    lines.push(`document CNN through the analysis worker: median ${median(viaWorker).toFixed(1)} ms wall (in this thread: ${inThread.cnn!.toFixed(1)} ms CPU)`);
    const nb = readIpynb(readFileSync(join(fixtures, 'notebook', 'cnnAcrossCells.ipynb'), 'utf8'));
    const program = notebookProgram(nb.cells);
    const nbTimes: number[] = [];
    for (let i = 0; i < Math.max(10, runs / 2); i++) {
      const t0 = performance.now();
      await pool.run({ text: program.text, language: 'python', options: {} }).outcome;
      nbTimes.push(performance.now() - t0);
    }
    lines.push(`notebook with ${program.cells.length} code cells (${program.text.split('\n').length} lines) through the worker: median ${median(nbTimes).toFixed(1)} ms wall, least ${Math.min(...nbTimes).toFixed(1)} ms`);
  } finally {
    await pool.dispose();
  }
  return lines;
}
