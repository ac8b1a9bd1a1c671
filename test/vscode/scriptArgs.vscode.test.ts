// A training script's argparse options from the launch configuration that runs it, in real VS Code:
// with `"args": ["--dataset", "mnist"]` in launch.json the channel count the script picks from
// `--dataset` is known, and editing the args re-analyses the file. Our own fixture:
// test/fixtures/scriptArgs/datasetChannels.py (PyTorch's numbers are in analysisScriptArgs.unit.test.ts).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { hoverOn } from './siblingBlocks';

const fixture = join(__dirname, '..', '..', 'test', 'fixtures', 'scriptArgs', 'datasetChannels.py');

describe('editor: script arguments from launch.json', function () {
  this.timeout(120_000);
  let root: vscode.WorkspaceFolder;
  let folder: vscode.Uri;
  let before: unknown;

  const setLaunch = (args: string[]): Thenable<void> =>
    vscode.workspace.getConfiguration('launch', root.uri).update('configurations', [
      { type: 'debugpy', request: 'launch', name: 'train', program: '${workspaceFolder}/script-args/datasetChannels.py', args },
    ], vscode.ConfigurationTarget.WorkspaceFolder);

  it('the args of the configuration whose program is the file decide what parse_args() gives; editing them re-analyses', async () => {
    const r = vscode.workspace.workspaceFolders?.[0];
    assert.ok(r, 'the test host must open a workspace folder');
    root = r;
    before = vscode.workspace.getConfiguration('launch', root.uri).inspect('configurations')?.workspaceFolderValue;
    folder = vscode.Uri.joinPath(root.uri, 'script-args');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'datasetChannels.py'), readFileSync(fixture));
    await vscode.workspace.getConfiguration('modelLens').update('language', 'en', vscode.ConfigurationTarget.Global);
    await setLaunch(['--dataset', 'mnist']);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'datasetChannels.py'));
    await vscode.window.showTextDocument(doc);
    await hoverOn(doc, 'nn.Conv2d(nc', '[4, 8, 28, 28]');
    await setLaunch(['--dataset', 'cifar10', '-b', '2']);
    await hoverOn(doc, 'nn.Conv2d(nc', '[2, 8, 32, 32]');
  });

  after(async () => {
    if (!root) return;
    await vscode.workspace.getConfiguration('launch', root.uri).update('configurations', before, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.workspace.getConfiguration('modelLens').update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });
});
