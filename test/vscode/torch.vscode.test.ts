// The PyTorch engine in a real VS Code (code-server): with modelLens.engine "auto", interpreter
// discovery finds /usr/bin/python3 with torch behind the pyenv python3 on PATH, "Train Sample
// Model" opens samples/torch/<sample>.py beside a panel and streams a real PyTorch run; Stop ends the
// Python process within 2 s; a modelLens.python that is not an interpreter is passed over with the
// reason carried to the panel.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TrainingSession } from '../../src/host/training/trainingSession';
import { report } from './report';
import { alive, waitFor } from './wait';

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('modelLens');

describe('training on the PyTorch engine', function () {
  this.timeout(300_000);
  let engineBefore: string | undefined;

  before(async () => {
    engineBefore = config().inspect<string>('engine')?.globalValue;
    await config().update('engine', 'auto', vscode.ConfigurationTarget.Global);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('modelLens.stopTraining');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('python', undefined, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await config().update('engine', engineBefore, vscode.ConfigurationTarget.Global);
  });

  it('engine auto finds torch: the PyTorch sample opens beside the panel and a real run streams in', async () => {
    const t0 = performance.now();
    const session = await vscode.commands.executeCommand<TrainingSession | undefined>('modelLens.trainSampleModel', 'mlp-xor');
    assert.ok(session, 'the command returned no session (see the Model Lens log)');
    await waitFor('samples/torch/mlp_xor.py open in column one', () => vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath.endsWith(join('samples', 'torch', 'mlp_xor.py')) && e.viewColumn === vscode.ViewColumn.One), 60_000);
    const started = await waitFor('runStarted', () => session.snapshot().runStarted ?? undefined, 120_000);
    assert.equal(started.engine.name, 'torch', `engine ${started.engine.name}: ${started.engine.detail}`);
    assert.ok(started.engine.torch, 'torch version and BLAS reported');
    assert.match(started.engine.torch.interpreter, /python3/);
    assert.equal(started.engine.note, undefined, 'nothing to warn about');
    const firstLoss = await waitFor('the first loss point', () => session.events().find((e) => e.kind === 'metrics'), 120_000);
    await waitFor('the run to finish', () => session.state === 'finished' || session.state === 'failed', 240_000);
    assert.equal(session.state, 'finished');
    const kinds = new Set(session.events().map((e) => e.kind));
    for (const k of ['gradients', 'activations', 'boundary', 'validation', 'finished'] as const) assert.ok(kinds.has(k), `no ${k} event reached the host`);
    const grads = session.events().find((e) => e.kind === 'gradients');
    assert.ok(grads?.kind === 'gradients' && grads.gradNorm instanceof Float32Array, 'float32 arrays arrive as Float32Array');
    const finished = session.events().find((e) => e.kind === 'finished');
    assert.ok(finished?.kind === 'finished' && finished.test.xorTable === 1, JSON.stringify(finished));
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('modelLens.training'));
    assert.ok(tabs.length > 0, 'a training panel is open');
    report(`torch: mlp-xor on ${started.engine.torch.interpreter} (torch ${started.engine.torch.version}, ${started.engine.torch.blas}, ${String(started.engine.threads)} thread(s)); `
      + `first loss point ${((firstLoss.t - started.t) / 1000).toFixed(1)} s after runStarted, run finished ${((performance.now() - t0) / 1000).toFixed(1)} s after the command`);
  });

  it('Stop Training ends the Python process within 2 s', async () => {
    const session = await vscode.commands.executeCommand<TrainingSession | undefined>('modelLens.trainSampleModel', 'cnn-mnist');
    assert.ok(session);
    await waitFor('first metrics', () => session.events().some((e) => e.kind === 'metrics'), 180_000);
    assert.equal(session.snapshot().runStarted?.engine.name, 'torch');
    const pid = session.pid;
    assert.ok(pid !== null && alive(pid));
    const t0 = performance.now();
    await vscode.commands.executeCommand('modelLens.stopTraining');
    const took = performance.now() - t0;
    assert.ok(!alive(pid), 'the Python process is gone');
    assert.ok(took <= 2000, `stop took ${took.toFixed(0)} ms`);
    assert.equal(session.state, 'stopped');
  });

  it('modelLens.python pointing at something that is not Python: passed over with the reason, torch found elsewhere', async () => {
    await config().update('python', '/bin/true', vscode.ConfigurationTarget.Global);
    const session = await vscode.commands.executeCommand<TrainingSession | undefined>('modelLens.trainSampleModel', 'perceptron');
    assert.ok(session);
    const started = await waitFor('runStarted', () => session.snapshot().runStarted ?? undefined, 120_000);
    assert.equal(started.engine.name, 'torch');
    assert.equal(started.engine.note?.kind, 'pythonSettingIgnored');
    assert.match(started.engine.note?.detail ?? '', /^modelLens\.python \(\/bin\/true\) is not a Python interpreter/);
    await waitFor('the run to finish', () => session.state === 'finished' || session.state === 'failed', 120_000);
    assert.equal(session.state, 'finished');
  });
});
