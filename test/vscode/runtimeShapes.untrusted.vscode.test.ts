// Restricted mode: exact shapes from PyTorch never run workspace Python. A model file whose import
// would leave a marker file is opened and analysed; no exact-shapes worker starts, the file is never
// imported, and the hints carry no PyTorch marks (the static answer is all there is).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

const repo = join(__dirname, '..', '..');

function shapeWorkers(): number[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' }).split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => Number(f[1]) === process.pid && f.slice(2).join(' ').includes('model_lens.shapes_worker'))
    .map((f) => Number(f[0]));
}

describe('exact shapes in an untrusted workspace', function () {
  this.timeout(180_000);

  it('never starts the worker nor imports the file; the static hints stay unmarked', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in restricted mode');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder);
    await vscode.workspace.getConfiguration('modelLens').update('language', 'en', vscode.ConfigurationTarget.Global);
    // On, as it is by default (the test host pins it off for the other suites): trust alone must stop it.
    await vscode.workspace.getConfiguration('modelLens').update('runtimeShapes.enabled', true, vscode.ConfigurationTarget.Global);
    const marker = join(folder, 'imported-by-pytorch');
    const text = `import pathlib\npathlib.Path(${JSON.stringify(marker)}).write_text("ran")\n` + readFileSync(join(repo, 'test', 'fixtures', 'runtime', 'configNet.py'), 'utf8');
    mkdirSync(join(folder, 'exact'), { recursive: true });
    writeFileSync(join(folder, 'exact', 'trap.py'), text);
    const doc = await vscode.workspace.openTextDocument(join(folder, 'exact', 'trap.py'));
    await vscode.window.showTextDocument(doc);
    let labels: string[] = [];
    const deadline = Date.now() + 60_000;
    while (labels.length === 0 && Date.now() < deadline) {
      const all = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
      labels = (all ?? []).map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(labels.some((l) => l.startsWith('→ [64, 16, 28, 28]')), `static hints: ${labels.join(' | ')}`);
    // Longer than a warm pass takes in a trusted window (well under a second) and than discovery's start-up delay.
    await new Promise((r) => setTimeout(r, 10_000));
    assert.deepEqual(shapeWorkers(), []);
    assert.equal(existsSync(marker), false, 'the file was never imported');
    const again = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
    assert.ok((again ?? []).every((h) => !String(typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')).includes('PyTorch')));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('modelLens').update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('modelLens').update('runtimeShapes.enabled', false, vscode.ConfigurationTarget.Global);
  });
});
