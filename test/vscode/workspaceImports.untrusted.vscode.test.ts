// Multi-file analysis in a workspace that is not trusted: reading the other files is not running
// them, so the hover over a block imported from a sibling file still shows its shape, with the
// input taken from the workspace script (which is never executed).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { copySiblingBlocks, hoverOn } from './siblingBlocks';

describe('editor (untrusted workspace): a model built from another workspace file', function () {
  this.timeout(120_000);
  let folder: vscode.Uri;

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite runs in restricted mode');
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the test host must open a workspace folder');
    folder = await copySiblingBlocks(root.uri);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  it('the hover over a block imported with `from .parts import *` shows its shape', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'unet', 'model.py'));
    await vscode.window.showTextDocument(doc);
    await hoverOn(doc, 'Down(16, 32)', '[2, 32, 16, 16]');
  });
});
