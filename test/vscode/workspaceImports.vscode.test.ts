// Multi-file analysis in real VS Code: a model whose blocks are imported from a sibling file
// (`from .parts import *`) and which a script in the workspace builds and feeds shows the right
// shapes in its hover and inlay hints; when the imported file changes on disk, the shapes follow
// without the model's own file being touched. Our own fixture: test/fixtures/workspace/siblingBlocks.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { report } from './report';
import { copySiblingBlocks, hintOnLine, hoverOn } from './siblingBlocks';

describe('editor: a model built from another workspace file', function () {
  this.timeout(120_000);
  let folder: vscode.Uri;

  before(async () => {
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the test host must open a workspace folder');
    folder = await copySiblingBlocks(root.uri);
    await vscode.workspace.getConfiguration('modelLens').update('language', 'en', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('modelLens').update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  it('the hover over a block imported with `from .parts import *` shows its shape, with the input from the workspace script', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'unet', 'model.py'));
    await vscode.window.showTextDocument(doc);
    const started = Date.now();
    const text = await hoverOn(doc, 'Down(16, 32)', '[2, 32, 16, 16]');
    report(`      first hover with the workspace read (grammars + 3 files): ${Date.now() - started} ms`);
    assert.ok(text.includes('down1'), `names the block:\n${text}`);
    // The parameter count of the block from the other file, as PyTorch counts it (truth.py on train.py).
    assert.ok(/13,?952/.test(text), `Down(16, 32) has 13,952 parameters in PyTorch:\n${text}`);
    await hintOnLine(doc, 'Up(32, 16)', '[2, 16, 32, 32]');
  });

  it('when the imported file changes on disk, the hover and hints follow without touching the model file', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'unet', 'model.py'));
    await hoverOn(doc, 'Down(16, 32)', '[2, 32, 16, 16]');
    const version = doc.version;
    const parts = vscode.Uri.joinPath(folder, 'unet', 'parts.py');
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(parts));
    await vscode.workspace.fs.writeFile(parts, new TextEncoder().encode(before.replace('nn.MaxPool2d(2)', 'nn.MaxPool2d(kernel_size=4)')));
    const started = Date.now();
    await hoverOn(doc, 'Down(16, 32)', '[2, 32, 8, 8]');
    report(`      hover updated ${Date.now() - started} ms after the imported file changed`);
    await hintOnLine(doc, 'Down(32, 64)', '[2, 64, 2, 2]');
    assert.equal(doc.version, version, 'the model file itself was not edited');
  });
});
