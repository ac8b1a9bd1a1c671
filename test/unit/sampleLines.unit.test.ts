// A layer's name is its identity: every layer of every shipped sample maps to the line of code
// that creates it (the panels' "reveal line" and cursor highlight rely on it).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { SAMPLE_CATALOG } from '../../src/protocol/backend';
import { createSampleContext } from '../../src/backend/sampleContext';
import { findLayerLine, loadSample } from '../../src/backend/sampleLoader';
import type { Tf } from '../../src/backend/sampleApi';
import { ensureEngine } from '../../src/backend/runSession';
import { dataDir, ensureMnist, runConfig, samplesDir } from './backendSupport';

describe('sample layer → source line', function () {
  this.timeout(180_000);
  before(async () => {
    await ensureMnist();
    await ensureEngine(runConfig('perceptron'));
  });

  for (const entry of SAMPLE_CATALOG) {
    it(`${entry.id}: every layer has its own line of code`, () => {
      const { module, source } = loadSample(join(samplesDir, entry.file));
      const model = module.create(createSampleContext(tf as Tf, module.description.defaults, dataDir));
      try {
        const lines = source.split('\n');
        for (const layer of model.layers) {
          const line = findLayerLine(source, layer);
          assert.ok(line !== null, `${layer.name} not found`);
          const text = lines[line - 1]!;
          assert.doesNotMatch(text, /^\s*(\/\/|\/\*|\*)/, `${layer.name} mapped to a comment`);
          // The line names the layer, literally or through the template that builds its name.
          const part = layer.name.split('.').pop()!;
          assert.ok(text.includes(layer.name) || text.includes(`.${part}\``), `${layer.name} → line ${line}: ${text.trim()}`);
        }
      } finally {
        model.dispose();
      }
    });
  }
});
