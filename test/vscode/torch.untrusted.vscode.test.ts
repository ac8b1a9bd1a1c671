// Restricted mode with the PyTorch engine: the shipped PyTorch samples still train, and an
// interpreter inside the untrusted workspace is never run, even when the user setting names it.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TrainingSession } from '../../src/host/training/trainingSession';

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('modelLens');

describe('the PyTorch engine in an untrusted workspace', function () {
  this.timeout(300_000);
  after(async () => {
    await vscode.commands.executeCommand('modelLens.stopTraining');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('python', undefined, vscode.ConfigurationTarget.Global);
    await config().update('engine', 'wasm', vscode.ConfigurationTarget.Global);
  });

  it('trains a shipped PyTorch sample; a workspace interpreter is never run', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in restricted mode');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder);
    const marker = join(folder, 'interpreter-ran');
    const trap = join(folder, '.venv', 'bin', 'python3');
    mkdirSync(join(folder, '.venv', 'bin'), { recursive: true });
    writeFileSync(trap, `#!/bin/sh\ntouch '${marker}'\nexec /usr/bin/python3 "$@"\n`);
    chmodSync(trap, 0o755);
    await config().update('engine', 'auto', vscode.ConfigurationTarget.Global);
    await config().update('python', trap, vscode.ConfigurationTarget.Global);
    const session = await vscode.commands.executeCommand<TrainingSession | undefined>('modelLens.trainSampleModel', 'perceptron');
    assert.ok(session, 'the shipped sample did not start');
    assert.equal(session.config.allowWorkspaceCode, false);
    const deadline = Date.now() + 180_000;
    while (session.state !== 'finished' && session.state !== 'failed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(session.state, 'finished');
    const started = session.snapshot().runStarted;
    assert.equal(started?.engine.name, 'torch');
    assert.match(started?.engine.note?.detail ?? '', /is inside the workspace, which is not trusted: it is not run/);
    assert.equal(existsSync(marker), false, 'the workspace interpreter never ran');
  });
});
