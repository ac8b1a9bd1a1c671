// A real .ipynb in VS Code's notebook editor (the built-in ipynb serializer): the code cells are one
// program, so a hover in the class cell knows the constants of the cell above, inlay hints and
// diagnostics land in the right cells, the quick fix edits the cell, and an edit in one cell
// changes the shapes shown in another.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { report } from './report';
import { waitFor } from './waitFor';

const repo = join(__dirname, '..', '..');

function positionOf(doc: vscode.TextDocument, needle: string, offsetInNeedle = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `"${needle}" not in cell ${doc.uri.toString()}`);
  return doc.positionAt(i + offsetInNeedle);
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

async function hints(doc: vscode.TextDocument): Promise<Map<number, string>> {
  const got = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
  return new Map((got ?? []).map((h) => [h.position.line, typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')]));
}

const errorsIn = (doc: vscode.TextDocument): vscode.Diagnostic[] => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Model Lens' && d.severity === vscode.DiagnosticSeverity.Error);

describe('Jupyter notebooks: code cells read as one program', function () {
  this.timeout(180_000);
  let nb: vscode.NotebookDocument;
  const cell = (index: number): vscode.TextDocument => nb.cellAt(index).document;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    await vscode.workspace.getConfiguration('modelLens').update('language', 'en', vscode.ConfigurationTarget.Global);
    const uri = vscode.Uri.joinPath(folder.uri, 'notebooks', 'cnn_across_cells.ipynb');
    await vscode.workspace.fs.writeFile(uri, readFileSync(join(repo, 'test', 'fixtures', 'notebook', 'cnnAcrossCells.ipynb')));
    nb = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(nb);
    assert.equal(nb.notebookType, 'jupyter-notebook', 'opened by VS Code\'s own ipynb serializer');
    assert.deepEqual(nb.getCells().map((c) => c.kind), [1, 2, 2, 1, 2, 2].map((k) => (k === 1 ? vscode.NotebookCellKind.Markup : vscode.NotebookCellKind.Code)));
    assert.equal(cell(2).uri.scheme, 'vscode-notebook-cell');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('modelLens').update('language', undefined, vscode.ConfigurationTarget.Global);
  });

  it('a hover in the class cell shows shapes computed with the constants of the cell above', async () => {
    const started = performance.now();
    const text = await waitFor('a hover with conv1\'s shape', async () => {
      const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', cell(2).uri, positionOf(cell(2), 'nn.Conv2d(1, channels', 4)));
      return t.includes('[64, 16, 28, 28]') ? t : undefined;
    }, 90_000);
    report(`      first hover in a notebook cell (worker start + analysis of the notebook): ${(performance.now() - started).toFixed(0)} ms`);
    assert.match(text, /conv1/);
    assert.match(text, /160/);
    // The same program seen from the cell below the class (where `net = Net(CHANNELS)` is): nothing
    // of the class cell's layers leaks into its lines.
    const other = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', cell(4).uri, new vscode.Position(1, 2)));
    assert.ok(!other.includes('[64, 16, 28, 28]'), other);
  });

  it('inlay hints sit on the layer lines of the class cell', async () => {
    const h = await waitFor('hints in the class cell', async () => {
      const got = await hints(cell(2));
      return got.size > 0 ? got : undefined;
    });
    assert.equal(h.get(positionOf(cell(2), 'self.conv1 =').line), '→ [64, 16, 28, 28] · 160 params');
    assert.equal(h.get(positionOf(cell(2), 'self.fc1 =').line), '→ [64, 100] · 313,700 params');
    assert.equal((await hints(cell(1))).size, 0, 'no hints in the constants cell');
  });

  it('the mismatch is a diagnostic in its own cell, and the quick fix edits that cell', async () => {
    const wrong = cell(5);
    // Code actions, like every editor feature, run on cells the notebook editor has rendered.
    await vscode.window.showNotebookDocument(nb, { selections: [new vscode.NotebookRange(5, 6)] });
    vscode.window.activeNotebookEditor?.revealRange(new vscode.NotebookRange(5, 6), vscode.NotebookEditorRevealType.InCenter);
    await waitFor('the last cell rendered', () => vscode.window.visibleTextEditors.some((e) => e.document === wrong));
    const diag = await waitFor('the fc diagnostic in the last cell', () => errorsIn(wrong).find((d) => d.message.includes('fc expects 12544 features, gets 10816 = 16·26·26')));
    assert.equal(wrong.getText(diag.range), 'CHANNELS * 28 * 28');
    for (const i of [1, 2, 4]) assert.deepEqual(errorsIn(cell(i)), [], `no error in cell ${i + 1}`);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', wrong.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions?.find((a) => a.edit !== undefined);
    assert.ok(fix?.edit, `a quick fix, got: ${(actions ?? []).map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(wrong.lineAt(diag.range.start.line).text, /nn\.Linear\(16 \* 26 \* 26, 10\)/);
    await waitFor('the error to clear', () => errorsIn(wrong).length === 0);
  });

  it('an edit in the constants cell changes the shapes shown in the class cell', async () => {
    const constants = cell(1);
    const edit = new vscode.WorkspaceEdit();
    const at = positionOf(constants, 'CHANNELS = 16', 'CHANNELS = '.length);
    edit.replace(constants.uri, new vscode.Range(at, at.translate(0, 2)), '8');
    const started = performance.now();
    assert.ok(await vscode.workspace.applyEdit(edit));
    const line = positionOf(cell(2), 'self.conv1 =').line;
    await waitFor('conv1 with 8 channels in the class cell', async () => (await hints(cell(2))).get(line) === '→ [64, 8, 28, 28] · 80 params');
    report(`      edit in cell 2 → new hints in cell 3: ${(performance.now() - started).toFixed(0)} ms`);
    // And the last cell, which now multiplies 8 channels: the fixed 16 * 26 * 26 is wrong again.
    await waitFor('the mismatch back in the last cell', () => errorsIn(cell(5)).find((d) => d.message.includes('fc expects 10816 features, gets 5408 = 8·26·26')));
  });
});
