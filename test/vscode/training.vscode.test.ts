// "Train Sample Model" in a real VS Code: the command opens the sample's code, forks the real
// training process, and its events reach the session the panel draws from; Stop Training ends
// the process; Open Run replays a saved run into a panel.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { BackendEvent } from '../../src/protocol/backend';
import type { TrainingSession } from '../../src/host/training/trainingSession';
import { report } from './report';
import { alive, waitFor } from './wait';

const trainingPanelTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
  .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('modelLens.training'));

describe('training from VS Code', function () {
  this.timeout(180_000);

  afterEach(async () => {
    await vscode.commands.executeCommand('modelLens.stopTraining');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Train Sample Model opens the sample beside a panel and streams a real run', async () => {
    const started = performance.now();
    const session = await vscode.commands.executeCommand<TrainingSession | undefined>('modelLens.trainSampleModel', 'mlp-fit');
    assert.ok(session, 'the command returned no session (see the Model Lens log)');
    // The panel opens in the second column at once; the file in the first after the first point.
    assert.ok(trainingPanelTabs().some((t) => t.group.viewColumn === vscode.ViewColumn.Two), 'the panel is in column two');
    await waitFor('the sample open in column one', () => vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath.endsWith(join('samples', 'mlpFit.js')) && e.viewColumn === vscode.ViewColumn.One), 15_000);
    const seen: BackendEvent[] = [];
    session.onEvent((e) => seen.push(e));
    await waitFor('the run to finish', () => session.state === 'finished' || session.state === 'failed');
    assert.equal(session.state, 'finished');
    const events = session.events();
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of ['runStarted', 'metrics', 'gradients', 'activations', 'curve', 'validation', 'finished'] as const) assert.ok(kinds.has(k), `no ${k} event reached the host`);
    const runStarted = events[0];
    assert.ok(runStarted?.kind === 'runStarted');
    assert.equal(runStarted.engine.name, 'wasm');
    assert.ok(runStarted.runDir && existsSync(join(runStarted.runDir, 'events.log')), 'the run is saved');
    const grads = events.find((e) => e.kind === 'gradients');
    assert.ok(grads?.kind === 'gradients' && grads.gradNorm instanceof Float32Array, 'typed arrays arrive as typed arrays');
    const finished = events.find((e) => e.kind === 'finished');
    assert.ok(finished?.kind === 'finished' && (finished.test.mse ?? 1) <= 1e-3);
    assert.ok(seen.length > 0, 'a listener attached after start still receives events');
    await waitFor('a training panel', () => trainingPanelTabs().length > 0, 10_000);
    report(`training: mlp-fit run from the command finished in ${((performance.now() - started) / 1000).toFixed(1)} s with ${events.length} events, test MSE ${finished.test.mse?.toExponential(2)}`);
  });

  it('Stop Training ends the training process within 2 s', async () => {
    const session = await vscode.commands.executeCommand<TrainingSession | undefined>('modelLens.trainSampleModel', 'cnn-mnist');
    assert.ok(session);
    await waitFor('first metrics', () => session.events().some((e) => e.kind === 'metrics'), 120_000);
    const pid = session.pid;
    assert.ok(pid !== null && alive(pid));
    const t0 = performance.now();
    await vscode.commands.executeCommand('modelLens.stopTraining');
    const took = performance.now() - t0;
    assert.ok(!alive(pid), 'the training process is gone');
    assert.ok(took <= 2000, `stop took ${took.toFixed(0)} ms`);
    assert.equal(session.state, 'stopped');
  });

  it('Open Run replays a saved run into a panel', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const opening = vscode.commands.executeCommand('modelLens.openRun');
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await opening;
    await waitFor('the replayed run\'s panel', () => trainingPanelTabs().length > 0, 10_000);
  });
});
