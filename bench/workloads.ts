// What the bench times: one training step of a shipped sample's network (bench/sampleWorkloads.ts
// builds it from samples/*.js), and the PyTorch twin of each (bench/pytorch/workloads.py).
import type * as tf from '@tensorflow/tfjs';

export type WorkloadId = 'cnn' | 'rnn' | 'lstm' | 'gru' | 'transformer';
export const workloadIds: readonly WorkloadId[] = ['cnn', 'rnn', 'lstm', 'gru', 'transformer'];

export interface BenchBatch { x: tf.Tensor; y: tf.Tensor; extra?: tf.Tensor }

export interface Workload {
  id: WorkloadId;
  title: string;
  batchSize: number;
  variables: tf.Variable[];
  /** Scalar loss of one batch, in training mode (dropout on). */
  loss(batch: BenchBatch): tf.Scalar;
  /** A batch of the sample's own training data. */
  batch(step: number): BenchBatch;
  dispose(): void;
  /** Arguments that give bench/pytorch/workloads.py's twin the same size (e.g. `--units 96`). */
  torchTwinArgs?: string[];
}
