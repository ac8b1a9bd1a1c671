// Checkpoints in the tfjs format (model.json + weights.bin). They are written to a temporary
// folder and renamed into place, so a reader never finds a model.json without its weights; a
// failed write (a full disk) removes its temporary folder and throws RunFileError.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tfType from '@tensorflow/tfjs';
import { RunFileError } from './eventLog';
import { CHECKPOINT_TMP_PREFIX } from './runFolder';
import type { Tf, TrainableModel } from './sampleApi';

function joinWeightData(data: ArrayBuffer | ArrayBuffer[]): Buffer {
  return Buffer.concat((Array.isArray(data) ? data : [data]).map((b) => Buffer.from(b)));
}

export async function saveCheckpoint(tf: Tf, model: TrainableModel, dir: string, name: string): Promise<string> {
  const final = join(dir, name);
  const tmp = join(dir, `${CHECKPOINT_TMP_PREFIX}${name}-${process.pid}`);
  let manifest: Record<string, unknown>;
  let weights: Buffer;
  if (model.layersModel) {
    let artifacts: tfType.io.ModelArtifacts | undefined;
    await model.layersModel.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    if (!artifacts?.weightData || !artifacts.weightSpecs) throw new Error('the model produced no weights to save');
    weights = joinWeightData(artifacts.weightData as ArrayBuffer | ArrayBuffer[]);
    manifest = {
      modelTopology: artifacts.modelTopology, format: 'layers-model', generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
      convertedBy: null, weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    };
  } else {
    const named: tfType.NamedTensorMap = {};
    for (const v of model.variables) named[v.name] = v.variable;
    const encoded = await tf.io.encodeWeights(named);
    weights = joinWeightData(encoded.data as ArrayBuffer | ArrayBuffer[]);
    manifest = { format: 'model-lens-variables', generatedBy: `TensorFlow.js v${tf.version_core}`, weightsManifest: [{ paths: ['weights.bin'], weights: encoded.specs }] };
  }
  let writing = tmp;
  try {
    mkdirSync(dir, { recursive: true });
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    writing = join(tmp, 'weights.bin');
    writeFileSync(writing, weights);
    writing = join(tmp, 'model.json');
    writeFileSync(writing, JSON.stringify(manifest));
    writing = final;
    rmSync(final, { recursive: true, force: true });
    renameSync(tmp, final);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw new RunFileError(writing, err);
  }
  return final;
}
