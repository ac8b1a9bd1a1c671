// "Model Lens: Install Native TensorFlow Engine" in a real VS Code on a machine that cannot
// download libtensorflow (the npm registry answers, storage.googleapis.com does not): the real
// command runs the real npm install, fails saying why, does not hang, and training stays on wasm.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { InstallResult } from '../../src/host/training/nativeEngine';
import type { TrainingSession } from '../../src/host/training/trainingSession';
import { report } from './report';
import { waitFor } from './wait';

describe('Install Native TensorFlow Engine (offline)', function () {
  this.timeout(240_000);

  afterEach(async () => {
    await vscode.commands.executeCommand('modelLens.stopTraining');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('fails with the reason (libtensorflow cannot be fetched), keeps the wasm engine, and returns', async () => {
    const engineSetting = vscode.workspace.getConfiguration('modelLens').get<string>('engine');
    const t0 = performance.now();
    // Bounded so a hang fails the test instead of stalling the run.
    const result = await Promise.race([
      vscode.commands.executeCommand<InstallResult | undefined>('modelLens.installNativeEngine'),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the install command did not return within 180 s')), 180_000)),
    ]);
    const seconds = (performance.now() - t0) / 1000;
    assert.ok(result, 'the command returns its outcome');
    assert.equal(result.ok, false, `the install cannot succeed offline, yet it reported: ${result.reason}`);
    // The reason a person sees names the network failure (or, failing that, the download step).
    assert.match(result.reason, /ENOTFOUND|EAI_AGAIN|getaddrinfo|ECONNREFUSED|ETIMEDOUT|libtensorflow/i, result.reason);
    assert.match(result.log, /libtensorflow|storage\.googleapis\.com/i, 'npm really ran tfjs-node\'s install script');
    assert.equal(vscode.workspace.getConfiguration('modelLens').get<string>('engine'), engineSetting, 'the engine setting is untouched');

    // A run started afterwards still trains on the WebAssembly engine.
    const session = await vscode.commands.executeCommand<TrainingSession | undefined>('modelLens.trainSampleModel', 'mlp-fit');
    assert.ok(session, 'the run did not start (see the Model Lens log)');
    const started = await waitFor('the run header', () => session.events().find((e) => e.kind === 'runStarted'), 60_000);
    assert.ok(started.kind === 'runStarted');
    assert.equal(started.engine.name, 'wasm', `engine ${started.engine.name}: ${started.engine.detail}`);
    report(`native engine: install failed offline in ${seconds.toFixed(1)} s (${result.reason}); next run on ${started.engine.name}${started.engine.fallbacks.length ? ` after ${started.engine.fallbacks.join('; ')}` : ''}`);
  });
});
