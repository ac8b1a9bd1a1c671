// Restricted mode: this file runs in a second code-server session whose folder is NOT trusted
// (scripts/testVscode.mjs runs every *.untrusted.vscode.test.ts there). Model Lens declares
// limited support: it must still start and offer its reading features; what needs trust (training)
// is refused by the commands themselves, tested next to them.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

describe('Model Lens in an untrusted workspace', function () {
  it('runs in restricted mode', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the folder should open untrusted in this session');
  });

  it('still activates when a .py file is opened, with its commands registered', async () => {
    const ext = vscode.extensions.getExtension('model-lens.model-lens');
    assert.ok(ext);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const file = vscode.Uri.joinPath(folder.uri, 'untrusted_probe.py');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('import torch.nn as nn\nfc = nn.Linear(8, 2)\n'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const deadline = Date.now() + 20_000;
    while (!ext.isActive && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(ext.isActive, true, 'Model Lens did not activate in restricted mode');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('modelLens.trainSampleModel'));
    assert.ok(registered.has('modelLens.showSidePanel'));
  });
});
