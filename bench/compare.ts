// How the bench turns measurements into a verdict: each side's best thread count, the samples/s
// ratio, and the refusal to compare against PyTorch on the reference (netlib) BLAS.
import type { KernelShare } from './timing';
import type { WorkloadId } from './workloads';

export interface OursResult {
  workload: WorkloadId; title: string; batch: number; threads: number; engine: string;
  msPerStep: number; medianMsPerStep: number; samplesPerSec: number; cpuMsPerStep: number;
  msPerStepNoInstr: number; instrumentationOverheadPct: number; leakedTensors: number;
  /** Passed to the PyTorch twin so it has the sample's size. */
  torchTwinArgs: string[];
  profile?: { kernels: KernelShare[]; stepMs: number; outsideMs: number };
}

/** What bench/pytorch/workloads.py read from /proc/self/maps: openblas, mkl, blis, reference or unknown. */
export interface Blas { kind: string; library: string; threads: number | null }
export interface TorchResult {
  msPerStep: number; medianMsPerStep: number; cpuMsPerStep: number; samplesPerSec: number; threads: number; torch: string; blas: Blas;
  profile?: Array<{ op: string; msPerStep: number; calls: number }>;
}

export interface Verdict {
  ours: OursResult | null; torch: TorchResult | null;
  /** ours ÷ PyTorch samples/s, each at its best thread count; null when not comparable. */
  ratio: number | null;
  /** CPU ms per step at one thread: PyTorch ÷ ours (> 1: we do the step with less CPU). */
  cpuRatio: number | null;
  torchNote: string | null;
}

export const fastest = <T extends { msPerStep: number }>(byThreads: Record<number, T>): T | null =>
  Object.values(byThreads).reduce<T | null>((b, r) => (b == null || r.msPerStep < b.msPerStep ? r : b), null);

export function judge(oursByThreads: Record<number, OursResult>, torchByThreads: Record<number, TorchResult>): Verdict {
  const ours = fastest(oursByThreads);
  const torch = fastest(torchByThreads);
  const v: Verdict = { ours, torch, ratio: null, cpuRatio: null, torchNote: null };
  if (ours == null || torch == null) return v;
  if (torch.blas.kind === 'reference') {
    v.torchNote = `PyTorch runs on the reference BLAS (${torch.blas.library}): every matrix product is several times slower than in any real install, so no ratio is printed. Install an optimized BLAS (Debian: apt-get install libopenblas0-pthread) and run again.`;
    return v;
  }
  v.ratio = ours.samplesPerSec / torch.samplesPerSec;
  const o1 = oursByThreads[1];
  const t1 = torchByThreads[1];
  if (o1 && t1) v.cpuRatio = t1.cpuMsPerStep / o1.cpuMsPerStep;
  return v;
}
