// The extension as VS Code sees it: installed, asleep until a Python file opens, then every
// contributed command and view is there and the training command runs through the real path.
// This file must stay first in the run (scripts/testVscode.mjs orders it so): its first test checks
// that nothing activated Model Lens before it.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { report } from './report';

const extensionId = 'model-lens.model-lens';
const harnessId = 'model-lens.model-lens-test-harness';

interface ContributedCommand {
  command: string;
}

function modelLens(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `${extensionId} is not installed in this VS Code`);
  return ext;
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? filesUnder(p) : [p];
    });
  } catch {
    return [];
  }
}

/** The "activated in N ms" line Model Lens logs, measured around its own activate(). */
function loggedActivationMs(): number | undefined {
  const harness = vscode.extensions.getExtension<{ logDir: string }>(harnessId);
  if (!harness?.isActive) return undefined;
  const windowLogs = dirname(harness.exports.logDir);
  for (const file of filesUnder(windowLogs)) {
    const m = /activated in ([\d.]+) ms/.exec(readFileSync(file, 'utf8'));
    if (m?.[1]) return Number(m[1]);
  }
  return undefined;
}

describe('Model Lens in VS Code', function () {
  let workspaceRoot: vscode.Uri;

  before(() => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test host must open a workspace folder');
    workspaceRoot = folder.uri;
  });

  it('is installed with its manifest', () => {
    const ext = modelLens();
    const pkg = ext.packageJSON as { name: string; publisher: string; main: string };
    assert.equal(`${pkg.publisher}.${pkg.name}`, extensionId);
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('is not active before a Python, TypeScript or JavaScript file, view or command is opened', () => {
    const harness = vscode.extensions.getExtension<{ modelLensActiveAtStartup: boolean | undefined }>(harnessId);
    if (harness?.isActive) assert.equal(harness.exports.modelLensActiveAtStartup, false, 'Model Lens was active when startup finished');
    assert.equal(modelLens().isActive, false, 'Model Lens is active although nothing asked for it');
  });

  it('activates when a .py file is opened, and reports its activation time', async function () {
    const file = vscode.Uri.joinPath(workspaceRoot, 'activation_probe.py');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('import torch.nn as nn\n\nlayer = nn.Linear(4, 2)\n'));
    const opened = performance.now();
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'python');
    await waitFor('Model Lens to activate', () => modelLens().isActive);
    const untilActive = performance.now() - opened;
    // The extension measures its own activate(); its log is flushed a moment later.
    const own = await waitFor('the "activated in" log line', () => loggedActivationMs(), 10_000).catch(() => undefined);
    report(`activation: ${own === undefined ? 'activate() time not logged' : `activate() took ${own.toFixed(1)} ms`}, ${untilActive.toFixed(0)} ms from opening the .py file until active`);
    if (vscode.extensions.getExtension(harnessId)?.isActive) assert.ok(own !== undefined, 'Model Lens did not log its activation time');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers every command it contributes in package.json', async () => {
    const contributed = ((modelLens().packageJSON as { contributes: { commands: ContributedCommand[] } }).contributes.commands).map((c) => c.command);
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'contributed in package.json but not registered by activate()');
  });

  it('has the Model Lens view container with its side view', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    // VS Code creates these commands for every contributed container and view.
    assert.ok(registered.has('workbench.view.extension.modelLens'), 'no modelLens view container');
    assert.ok(registered.has('modelLens.sidePanel.focus'), 'no modelLens.sidePanel view');
    await vscode.commands.executeCommand('modelLens.showSidePanel');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
  });

  it('runs "Train Sample Model" through the real command path', async () => {
    // The command talks to the person (a picker or a message); dismissing the UI ends it the way
    // pressing Escape would. A failure inside the command rejects this promise.
    const run = vscode.commands.executeCommand('modelLens.trainSampleModel');
    const settled = new Promise<'done'>((resolve, reject) => run.then(() => resolve('done'), reject));
    for (let i = 0; i < 20; i++) {
      const state = await Promise.race([settled, new Promise<'pending'>((r) => setTimeout(() => r('pending'), 250))]);
      if (state === 'done') break;
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await vscode.commands.executeCommand('notifications.clearAll');
    }
    assert.equal(await Promise.race([settled, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5000))]), 'done', 'the command did not finish after its UI was dismissed');
  });
});
