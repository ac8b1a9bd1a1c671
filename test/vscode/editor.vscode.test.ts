// The editor features inside real VS Code: hovers with a rendered formula image and the shape,
// inlay hints with shapes and params, shape diagnostics and the quick fix that repairs them, on
// the document's CNN (PyTorch) and on a tfjs sample; the "Set input shape…" CodeLens.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { report } from './report';
import { waitFor } from './waitFor';

const repo = join(__dirname, '..', '..');

async function writeFixture(root: vscode.Uri, relative: string, name: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(root, 'editor-fixtures', name);
  await vscode.workspace.fs.writeFile(uri, readFileSync(join(repo, 'test', 'fixtures', relative)));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

function positionOf(doc: vscode.TextDocument, needle: string, offsetInNeedle = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `"${needle}" not in ${doc.fileName}`);
  return doc.positionAt(i + offsetInNeedle);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

async function hoverAt(doc: vscode.TextDocument, pos: vscode.Position, mustContain: string): Promise<string> {
  // The first hover waits for the grammars to load; later ones come from the cache.
  return waitFor(`a hover containing ${mustContain}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
    const text = hoverText(hovers ?? []);
    return text.includes(mustContain) ? text : undefined;
  });
}

async function hintsOn(doc: vscode.TextDocument): Promise<Map<number, string>> {
  const range = new vscode.Range(0, 0, doc.lineCount, 0);
  const hints = await waitFor('inlay hints', async () => {
    const h = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, range);
    return h && h.length > 0 ? h : undefined;
  });
  const byLine = new Map<number, string>();
  for (const h of hints) byLine.set(h.position.line, typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
  return byLine;
}

describe('editor: hovers, inlay hints, diagnostics and quick fix', function () {
  this.timeout(120_000);
  let root: vscode.Uri;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test host must open a workspace folder');
    root = folder.uri;
    await vscode.workspace.getConfiguration('modelLens').update('language', 'en', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('modelLens').update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('hover over nn.Conv2d in the document CNN shows the formula as an SVG image, the shape and the numbers', async () => {
    const doc = await writeFixture(root, 'pytorch/simpleCnn.py', 'simple_cnn.py');
    const started = Date.now();
    const text = await hoverAt(doc, positionOf(doc, 'nn.Conv2d(in_channels=1', 4), '[64, 16, 28, 28]');
    report(`      first hover (grammars + analysis + MathJax): ${Date.now() - started} ms`);
    assert.match(text, /!\[[^\]]*\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/, 'formula rendered as an SVG data-URI image');
    assert.ok(text.includes('conv1'), 'names the layer');
    assert.ok(text.includes('160'), 'parameter count');
    assert.ok(/H_out = ⌊\(28 \+ 2·1 − .*\)\/1⌋ \+ 1 = 28/.test(text), `formula with the code's numbers, got:\n${text}`);
    assert.ok(text.includes('command:modelLens.showConcept'), 'link to the side panel');
    const svg = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(text)?.[1] ?? '', 'base64').toString('utf8');
    assert.ok(svg.startsWith('<svg') && svg.includes('</svg>'), 'a real SVG document');

    // On a call in forward: that call's shapes (the pool is used twice, with different outputs).
    const callText = await hoverAt(doc, positionOf(doc, 'self.pool(self.relu(self.conv2', 6), '[64, 32, 7, 7]');
    assert.ok(callText.includes('[64, 32, 14, 14]'), 'input of the second pool call');
  });

  it('measures hover latency through VS Code (reported, not asserted)', async () => {
    const doc = await writeFixture(root, 'pytorch/simpleCnn.py', 'simple_cnn_timing.py');
    await hoverAt(doc, positionOf(doc, 'nn.Conv2d(in_channels=1', 4), '[64, 16, 28, 28]');
    const needles = ['nn.Conv2d(in_channels=1', 'nn.MaxPool2d', 'nn.Linear(32', 'self.conv1(x)', 'self.fc3(x)'];
    const times: number[] = [];
    for (let r = 0; r < 12; r++) {
      for (const n of needles) {
        const started = performance.now();
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, n, 6));
        times.push(performance.now() - started);
        assert.ok(hoverText(hovers ?? []).includes('['), `hover at ${n}`);
      }
    }
    times.sort((a, b) => a - b);
    report(`      hover through executeHoverProvider (${times.length}×): median ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms, p95 ${times[Math.floor(times.length * 0.95)]?.toFixed(1)} ms`);
  });

  it('hover text follows modelLens.language', async () => {
    const doc = await writeFixture(root, 'pytorch/simpleCnn.py', 'simple_cnn_zh.py');
    await vscode.workspace.getConfiguration('modelLens').update('language', 'zh-cn', vscode.ConfigurationTarget.Global);
    try {
      const text = await hoverAt(doc, positionOf(doc, 'nn.Linear(120, 84)', 4), '输出');
      assert.ok(text.includes('[64, 84]'));
    } finally {
      await vscode.workspace.getConfiguration('modelLens').update('language', 'en', vscode.ConfigurationTarget.Global);
    }
  });

  it('inlay hints show each layer shape and parameters at the end of its line', async () => {
    const doc = await writeFixture(root, 'pytorch/simpleCnn.py', 'simple_cnn_hints.py');
    const hints = await hintsOn(doc);
    const conv1 = positionOf(doc, 'self.conv1 = ').line;
    const conv2 = positionOf(doc, 'self.conv2 = ').line;
    const view = positionOf(doc, 'x = x.view(').line;
    assert.equal(hints.get(conv1), '→ [64, 16, 28, 28] · 160 params');
    assert.equal(hints.get(conv2), '→ [64, 32, 14, 14] · 4,640 params');
    assert.equal(hints.get(view), '→ [64, 1568]');
    for (const [line, label] of hints) assert.equal(doc.lineAt(line).range.end.character > 0, true, `hint "${label}" sits on an empty line`);
  });

  it('inlay hints and hovers work on a tfjs sample (JavaScript)', async () => {
    const uri = vscode.Uri.joinPath(root, 'cnnMnist.js');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const hints = await hintsOn(doc);
    assert.equal(hints.get(positionOf(doc, "name: 'conv1'").line), '→ [null, 28, 28, 16] · 160 params');
    assert.equal(hints.get(positionOf(doc, "name: 'fc3'").line), '→ [null, 10] · 850 params');
    const text = await hoverAt(doc, positionOf(doc, 'tf.layers.conv2d({ name: \'conv1\'', 12), '[null, 28, 28, 16]');
    assert.match(text, /data:image\/svg\+xml;base64,/);
  });

  it('a shape mismatch is a diagnostic with both numbers, and the quick fix repairs it', async () => {
    const doc = await writeFixture(root, 'pytorch/simpleCnnMismatch.py', 'cnn_32px.py');
    const diag = await waitFor('the fc1 diagnostic', () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.message.includes('fc1 expects 1568 features, gets 2048 = 32·8·8')));
    assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(diag.range), '32 * 7 * 7', 'the squiggle is on the number to change');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions?.find((a) => a.edit !== undefined && a.title.includes('in_features'));
    assert.ok(fix?.edit, `a quick fix, got: ${(actions ?? []).map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(doc.lineAt(diag.range.start.line).text.includes('nn.Linear(32 * 8 * 8, 120)'), doc.lineAt(diag.range.start.line).text);
    await waitFor('the diagnostics to clear after the fix', () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Model Lens' && d.severity === vscode.DiagnosticSeverity.Error).length === 0);
    const hints = await hintsOn(doc);
    assert.equal(hints.get(diag.range.start.line), '→ [64, 120] · 245,880 params');
  });

  it('"Set input shape…" stands over a model without an input and writes the comment its shapes come from', async () => {
    const uri = vscode.Uri.joinPath(root, 'editor-fixtures', 'no_input.py');
    const code = ['import torch.nn as nn', '', '', 'class TinyNet(nn.Module):', '    def __init__(self):', '        super().__init__()', '        self.conv = nn.Conv2d(3, 8, 3)', '', '    def forward(self, x):', '        return self.conv(x)', ''].join('\n');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(code));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const lens = await waitFor('the "Set input shape…" CodeLens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
      return (lenses ?? []).find((l) => l.command?.title === 'Set input shape…');
    });
    const classLine = positionOf(doc, 'class TinyNet').line;
    assert.equal(lens.range.start.line, classLine, 'on the class line');
    // The lens's own command and arguments, with the shape the input box would return.
    assert.ok(await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []), '(2, 3, 10, 10)'));
    assert.equal(doc.lineAt(classLine).text, '# input: (2, 3, 10, 10)');
    const hints = await hintsOn(doc);
    assert.equal(hints.get(positionOf(doc, 'self.conv = ').line), '→ [2, 8, 8, 8] · 224 params');
    await waitFor('the CodeLens to go once the input is set', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
      return !(lenses ?? []).some((l) => l.command?.title === 'Set input shape…');
    });
    await vscode.commands.executeCommand('workbench.action.files.save');
  });

  it('typing a broken line does not lose the rest of the model', async () => {
    const doc = await writeFixture(root, 'pytorch/simpleCnn.py', 'simple_cnn_typing.py');
    const editor = await vscode.window.showTextDocument(doc);
    const line = positionOf(doc, 'self.fc2 = nn.Linear(120, 84)').line;
    const end = doc.lineAt(line).range.end;
    // Half-typed: delete ", 84)" and everything after it on the line, like someone retyping it.
    const start = positionOf(doc, 'nn.Linear(120, 84)', 'nn.Linear(120,'.length);
    assert.ok(await editor.edit((e) => e.delete(new vscode.Range(start, end))));
    const hints = await hintsOn(doc);
    assert.equal(hints.get(positionOf(doc, 'self.conv1 = ').line), '→ [64, 16, 28, 28] · 160 params');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
