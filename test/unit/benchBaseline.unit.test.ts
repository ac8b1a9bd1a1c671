// The bench's baseline is honest: it reads which BLAS a torch process really loaded, and it
// refuses to print a ratio against the reference (netlib) BLAS.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judge, type Blas, type OursResult, type TorchResult } from '../../bench/compare';
import { python, torchMissing } from './kernelSupport';

const benchDir = join(__dirname, '../../bench/pytorch');

function ours(msPerStep: number, threads: number, cpuMsPerStep = msPerStep): OursResult {
  return { workload: 'lstm', title: 'LSTM', batch: 64, threads, engine: 'wasm', msPerStep, medianMsPerStep: msPerStep, samplesPerSec: 64000 / msPerStep,
    cpuMsPerStep, msPerStepNoInstr: msPerStep, instrumentationOverheadPct: 0, leakedTensors: 0, torchTwinArgs: [] };
}
function torch(msPerStep: number, threads: number, blas: Blas, cpuMsPerStep = msPerStep): TorchResult {
  return { msPerStep, medianMsPerStep: msPerStep, cpuMsPerStep, samplesPerSec: 64000 / msPerStep, threads, torch: '1.13', blas };
}
const openblas: Blas = { kind: 'openblas', library: '/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so', threads: 1 };
const reference: Blas = { kind: 'reference', library: '/usr/lib/x86_64-linux-gnu/blas/libblas.so.3', threads: 1 };

describe('bench baseline', () => {
  it('compares each side at its faster thread count, samples/s', () => {
    const v = judge({ 1: ours(200, 1, 190), 2: ours(150, 2) }, { 1: torch(80, 1, openblas, 80), 2: torch(300, 2, openblas) });
    assert.equal(v.ours?.threads, 2);
    assert.equal(v.torch?.threads, 1);
    assert.ok(Math.abs((v.ratio ?? 0) - 80 / 150) < 1e-9);
    assert.ok(Math.abs((v.cpuRatio ?? 0) - 80 / 190) < 1e-9, 'CPU ratio at one thread');
    assert.equal(v.torchNote, null);
  });

  it('prints no ratio against the reference BLAS, and says why and what to install', () => {
    const v = judge({ 1: ours(200, 1) }, { 1: torch(900, 1, reference) });
    assert.equal(v.ratio, null);
    assert.equal(v.cpuRatio, null);
    assert.match(v.torchNote ?? '', /reference BLAS \(\/usr\/lib\/x86_64-linux-gnu\/blas\/libblas\.so\.3\).*libopenblas0-pthread/);
  });

  describe('which BLAS a torch process loaded (bench/pytorch/workloads.py, from /proc/<pid>/maps)', () => {
    before(function () {
      if (torchMissing != null) {
        console.log(`      skipped: ${torchMissing}`);
        this.skip();
      }
    });
    const line = (path: string) => `7f0000000000-7f0000001000 r-xp 00000000 08:01 123 ${path}\n`;
    const cases: Array<[string, string[], string, string]> = [
      ['OpenBLAS through the Debian alternative', ['/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3', '/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so'], 'openblas', 'libopenblasp-r0.3.21.so'],
      ['the reference BLAS', ['/usr/lib/x86_64-linux-gnu/blas/libblas.so.3', '/usr/lib/x86_64-linux-gnu/libgomp.so.1'], 'reference', 'blas/libblas.so.3'],
      ['MKL', ['/opt/intel/lib/libmkl_rt.so.2'], 'mkl', 'libmkl_rt.so.2'],
      ['BLIS', ['/usr/lib/x86_64-linux-gnu/libblis.so.4'], 'blis', 'libblis.so.4'],
    ];
    it(`recognises ${cases.map(([what]) => what).join(', ')}`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'ml-maps-'));
      try {
        const files = cases.map(([, libs], i) => {
          const maps = join(dir, `maps${i}`);
          writeFileSync(maps, ['/usr/lib/x86_64-linux-gnu/libc.so.6', ...libs].map(line).join(''));
          return maps;
        });
        // One interpreter for all cases: importing torch takes seconds.
        const out = execFileSync(python, ['-c', `import sys, json; sys.path.insert(0, ${JSON.stringify(benchDir)}); import workloads; print(json.dumps([workloads.blas_info(p) for p in ${JSON.stringify(files)}]))`], { encoding: 'utf8' });
        const found = JSON.parse(out.trim().split('\n').pop() ?? '[]') as Blas[];
        cases.forEach(([what, , kind, file], i) => {
          assert.equal(found[i]?.kind, kind, what);
          assert.ok(found[i]?.library.endsWith(file), `${what}: ${found[i]?.library}`);
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('reads this machine\'s real torch process, with its BLAS thread count', () => {
      const out = execFileSync(python, ['-c', `import sys, json; sys.path.insert(0, ${JSON.stringify(benchDir)}); import workloads; print(json.dumps(workloads.blas_info()))`],
        { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1' } });
      const blas = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Blas;
      assert.ok(['openblas', 'mkl', 'blis', 'reference', 'unknown'].includes(blas.kind), blas.kind);
      if (blas.kind === 'openblas') assert.equal(blas.threads, 1, 'OPENBLAS_NUM_THREADS is what the process runs with');
    });
  });
});
