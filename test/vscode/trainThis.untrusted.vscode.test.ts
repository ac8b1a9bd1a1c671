// "Train this model" in restricted mode: no lens above a class whose input is known, and the
// command (with the lens's arguments, as a link or a keybinding could pass them) refuses, saying
// why, without importing anything of the file.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

describe('Train this model in an untrusted workspace', function () {
  this.timeout(120_000);
  after(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  it('offers no lens, and the command refuses without running the file', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in restricted mode');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const marker = join(folder.uri.fsPath, 'train-this-imported');
    const file = vscode.Uri.joinPath(folder.uri, 'untrusted_model.py');
    const code = `open(${JSON.stringify(marker)}, "w").close()\nimport torch.nn as nn\n\n\n# input: (64, 4)\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return self.fc(x)\n`;
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(code));
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    // The "Set input shape…" lens of another class would come from the same analysis: wait for
    // the analysis to have answered (a hover over the layer) before asking for lenses.
    const deadline = Date.now() + 60_000;
    let hovered = false;
    while (!hovered && Date.now() < deadline) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', file, new vscode.Position(8, 20));
      hovered = hovers.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '').includes('Linear')));
      if (!hovered) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(hovered, 'the analysis answered');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file);
    assert.deepEqual(lenses.filter((l) => l.command?.command === 'modelLens.trainThisModel'), [], 'no "Train this model" lens in restricted mode');
    const result = await vscode.commands.executeCommand('modelLens.trainThisModel', file.toString(), 'Net', [64, 4]);
    assert.equal(result, undefined, 'nothing started');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(existsSync(marker), false, 'the file was never imported');
  });
});
