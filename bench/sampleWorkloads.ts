// Bench workloads built by the shipped samples' own create(ctx), so the bench times the networks
// people actually train. The step itself (SGD, batch 64, gradient statistics) stays the bench's,
// the same work the PyTorch twins do.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { SAMPLE_CATALOG } from '../src/protocol/backend';
import { createSampleContext } from '../src/backend/sampleContext';
import { loadSample } from '../src/backend/sampleLoader';
import type { Tap } from '../src/backend/sampleApi';
import type { Workload, WorkloadId } from './workloads';

const sampleIds: Record<WorkloadId, string> = { cnn: 'cnn-mnist', rnn: 'rnn-mnist', lstm: 'lstm-mnist', gru: 'gru-mnist', transformer: 'transformer' };

const quietTap: Tap = { activationsWanted: false, activation: () => undefined, metric: () => undefined };

/** The sample's network as a Workload, or a reason it cannot be used (then the bench builds its own). */
export function sampleWorkload(id: WorkloadId, samplesDir: string, dataDir: string, batchSize: number): Workload | string {
  const entry = SAMPLE_CATALOG.find((s) => s.id === sampleIds[id]);
  if (entry == null) return `no catalog entry ${sampleIds[id]}`;
  const file = join(samplesDir, entry.file);
  if (!existsSync(file)) return `samples/${entry.file} not written yet`;
  try {
    const { module } = loadSample(file);
    const hp = { ...module.description.defaults, batchSize };
    const model = module.create(createSampleContext(tf, hp, dataDir));
    const phase = model.phases[0];
    if (phase == null || model.phases.length !== 1) { model.dispose(); return `samples/${entry.file} has ${model.phases.length} loss phases (bench times one)`; }
    const byName = new Map(model.variables.map((v) => [v.name, v.variable]));
    const variables = phase.variables.map((n) => byName.get(n)).filter((v): v is tf.Variable => v != null);
    const train = model.data.train;
    const twin = recurrentTwin(id, model.variables.map((v) => ({ name: v.name, shape: v.variable.shape })));
    if (typeof twin === 'string') { model.dispose(); return `samples/${entry.file}: ${twin}`; }
    return {
      id, title: `${module.description.title.en} (samples/${entry.file})`, batchSize, variables,
      loss: (b) => phase.loss({ x: b.x, y: b.y, size: batchSize }, quietTap),
      batch: (step) => {
        const start = (step * batchSize) % Math.max(1, train.count - batchSize);
        return { x: train.x.slice(start, batchSize), y: train.y.slice(start, batchSize) };
      },
      dispose: () => model.dispose(),
      torchTwinArgs: twin,
    };
  } catch (err) {
    return `samples/${entry.file} failed to build: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** The PyTorch twin of a recurrent sample is two layers of `--units` units: read the sample's
 *  units from its recurrent kernels ([units, gates × units]) so both sides time the same network. */
function recurrentTwin(id: WorkloadId, variables: Array<{ name: string; shape: number[] }>): string[] | string {
  if (id !== 'rnn' && id !== 'lstm' && id !== 'gru') return [];
  const kernels = variables.filter((v) => /recurrent_kernel/.test(v.name));
  const units = kernels[0]?.shape[0];
  if (kernels.length !== 2 || units == null || kernels.some((k) => k.shape[0] !== units)) {
    return `the PyTorch twin is two recurrent layers of equal size; the sample has ${kernels.length} (${kernels.map((k) => k.shape.join('×')).join(', ')})`;
  }
  return ['--units', String(units)];
}
