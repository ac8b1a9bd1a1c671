// Restricted mode: shipped samples still train (they are Model Lens's own code), and the run is
// started with workspace code forbidden, which the backend enforces (see
// test/unit/backendLifecycle.unit.test.ts for the refusal itself).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { TrainingSession } from '../../src/host/training/trainingSession';

describe('training in an untrusted workspace', function () {
  this.timeout(120_000);
  after(async () => {
    await vscode.commands.executeCommand('modelLens.stopTraining');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('trains a shipped sample with workspace code disallowed', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in restricted mode');
    const session = await vscode.commands.executeCommand<TrainingSession | undefined>('modelLens.trainSampleModel', 'perceptron');
    assert.ok(session, 'the shipped sample did not start');
    assert.equal(session.config.allowWorkspaceCode, false);
    const deadline = Date.now() + 60_000;
    while (session.state !== 'finished' && session.state !== 'failed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(session.state, 'finished');
    const finished = session.events().find((e) => e.kind === 'finished');
    assert.ok(finished?.kind === 'finished' && finished.test.accAND === 1);
  });
});
