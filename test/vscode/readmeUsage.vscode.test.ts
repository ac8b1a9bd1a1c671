// A model whose only usage is its package's README example, in real VS Code: the hover shows the
// shapes the README's block gives it, with the input said to come from README.md; when the README
// changes on disk (the editor watches .md files too), the shapes follow without the model's own
// file being touched. Our own fixture: test/fixtures/workspace/readmeUsage.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { report } from './report';
import { copyWorkspaceFixture, hoverOn } from './siblingBlocks';

describe('editor: a model built only by its README example', function () {
  this.timeout(120_000);
  let folder: vscode.Uri;

  before(async () => {
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the test host must open a workspace folder');
    folder = await copyWorkspaceFixture(root.uri, 'readmeUsage', 'readme-usage');
    await vscode.workspace.getConfiguration('modelLens').update('language', 'en', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('modelLens').update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  it('the hover shows the shape the README example gives, and follows an edit of README.md on disk', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'tinyvit', 'model.py'));
    await vscode.window.showTextDocument(doc);
    // PyTorch on the README block: head → [2, 10] (analysisReadmeUsage.unit.test.ts runs it).
    const text = await hoverOn(doc, 'nn.Linear(dim, num_classes)', '[2, 10]');
    assert.ok(text.includes('head'), `names the layer:\n${text}`);
    const version = doc.version;
    const readme = vscode.Uri.joinPath(folder, 'README.md');
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(readme));
    await vscode.workspace.fs.writeFile(readme, new TextEncoder().encode(before.replace('num_classes = 10', 'num_classes = 7').replace('torch.randn(2, 3, 32, 32)', 'torch.randn(5, 3, 32, 32)')));
    const started = Date.now();
    await hoverOn(doc, 'nn.Linear(dim, num_classes)', '[5, 7]');
    report(`      hover updated ${Date.now() - started} ms after README.md changed`);
    assert.equal(doc.version, version, 'the model file itself was not edited');
  });
});
