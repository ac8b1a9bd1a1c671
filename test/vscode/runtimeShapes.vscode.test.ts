// Exact shapes from PyTorch inside a real VS Code (code-server), trusted workspace, real torch:
// - the figure: time from the static answer to the exact-shape answer for the document's CNN
//   (inlay hints polled; opened files and edits), with the extension host's event-loop delay and a
//   command's round trip measured meanwhile, and the load printed;
// - a forward that raises becomes one "PyTorch: …" diagnostic on the person's line; a static
//   mismatch PyTorch disproves is withdrawn;
// - modelLens.runtimeShapes.enabled off: the worker process ends and the marks go; on: they return.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { report } from './report';
import { waitFor } from './wait';


const repo = join(__dirname, '..', '..');
const fixture = (name: string): string => readFileSync(join(repo, 'test', 'fixtures', name), 'utf8');
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('modelLens');

/** Exact-shapes workers that are children of this extension host. */
function shapeWorkers(): number[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' }).split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => Number(f[1]) === process.pid && f.slice(2).join(' ').includes('model_lens.shapes_worker'))
    .map((f) => Number(f[0]));
}

async function hints(doc: vscode.TextDocument): Promise<string[]> {
  const all = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
  return (all ?? []).map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
}

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The text of this window's log files that mention the exact-shapes pass (the Model Lens channel). */
function shapesLog(): string {
  const harness = vscode.extensions.getExtension<{ logDir: string }>('model-lens.model-lens-test-harness');
  if (!harness?.isActive) return '';
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? walk(p) : [p]; });
  return walk(dirname(harness.exports.logDir)).map((f) => readFileSync(f, 'utf8')).filter((t) => t.includes('[shapes]')).join('\n');
}

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

interface PassRecord { key: string; version: string; afterStaticMs: number; pythonMs: number; outcome: string }
const passes: PassRecord[] = [];

/**
 * Waits for the exact-shapes pass of `doc`'s current version (the extension reports the time from
 * the static answer to the merged result), then for the hints to show PyTorch's marks.
 */
async function staticToExact(doc: vscode.TextDocument, timeoutMs = 60_000): Promise<PassRecord> {
  const version = String(doc.version);
  const deadline = Date.now() + timeoutMs;
  let rec: PassRecord | undefined;
  while (!(rec = passes.find((p) => p.key === doc.uri.toString() && p.version === version))) {
    if (Date.now() > deadline) throw new Error(`no exact-shapes pass for ${doc.fileName} v${version} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  await until('the hints to show PyTorch\'s marks', async () => (await hints(doc)).some((l) => l.includes('from PyTorch')), 10_000);
  return rec;
}

describe('exact shapes from PyTorch in VS Code', function () {
  this.timeout(600_000);
  let dir = '';
  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    assert.equal(vscode.workspace.isTrusted, true);
    dir = join(folder.uri.fsPath, 'exact');
    mkdirSync(dir, { recursive: true });
    const api = await vscode.extensions.getExtension<{ onDidExactShapes: vscode.Event<PassRecord> }>('model-lens.model-lens')?.activate();
    assert.ok(api);
    api.onDidExactShapes((p) => passes.push(p));
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
    // The test host pins it off for the other suites (scripts/testVscode.mjs); the default is on.
    await config().update('runtimeShapes.enabled', true, vscode.ConfigurationTarget.Global);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    await config().update('runtimeShapes.enabled', false, vscode.ConfigurationTarget.Global);
    await config().update('language', undefined, vscode.ConfigurationTarget.Global);
  });

  it('the document\'s CNN: exact shapes ≤ 1 s after the static answer (warm worker), the extension host responsive meanwhile', async () => {
    const cnn = fixture('pytorch/simpleCnn.py');
    // First file of the window: discovery (cached) and torch's import in the new worker.
    writeFileSync(join(dir, 'cnn_0.py'), cnn);
    const first = await vscode.workspace.openTextDocument(join(dir, 'cnn_0.py'));
    await vscode.window.showTextDocument(first);
    const cold = (await staticToExact(first, 180_000)).afterStaticMs;
    assert.equal(shapeWorkers().length, 1, 'one worker for the window');

    let n = 0;
    const ping = vscode.commands.registerCommand('modelLensTest.pingExact', () => ++n);
    const pings: number[] = [];
    const loop = monitorEventLoopDelay({ resolution: 10 });
    let pinging = true;
    const pinger = (async () => {
      while (pinging) {
        const t = performance.now();
        await vscode.commands.executeCommand('modelLensTest.pingExact');
        pings.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    loop.enable();
    const opened: number[] = [];
    const python: number[] = [];
    const edited: number[] = [];
    try {
      // Files opened (no typing pause to wait for): another copy each time, so nothing is cached.
      for (let i = 1; i <= 5; i++) {
        writeFileSync(join(dir, `cnn_${i}.py`), cnn);
        const doc = await vscode.workspace.openTextDocument(join(dir, `cnn_${i}.py`));
        await vscode.window.showTextDocument(doc);
        const rec = await staticToExact(doc);
        opened.push(rec.afterStaticMs);
        python.push(rec.pythonMs);
      }
      // Edits (unsaved text goes to PyTorch; the pass starts after 300 ms without typing).
      const editor = await vscode.window.showTextDocument(first);
      for (let i = 1; i <= 5; i++) {
        await editor.edit((b) => b.insert(new vscode.Position(first.lineCount, 0), `\n# edit ${i}\n`));
        edited.push((await staticToExact(first)).afterStaticMs);
      }
    } finally {
      loop.disable();
      pinging = false;
      await pinger;
      ping.dispose();
    }
    const ms = (x: number): string => x.toFixed(0);
    report(`exact shapes, document CNN (simpleCnn.py): cold (torch import) ${ms(cold)} ms; opened ×${opened.length} median ${ms(pct(opened, 0.5))} / max ${ms(Math.max(...opened))} ms; ` +
      `of which PyTorch (import + 3 forward passes) median ${ms(pct(python, 0.5))} ms; after an edit ×${edited.length} median ${ms(pct(edited, 0.5))} / max ${ms(Math.max(...edited))} ms (the pass starts once typing has paused 300 ms); ` +
      `extension host: event-loop delay p99 ${ms(loop.percentile(99) / 1e6)} ms / max ${ms(loop.max / 1e6)} ms, command round trip p50 ${ms(pct(pings, 0.5))} / max ${ms(Math.max(...pings))} ms (${pings.length}); ` +
      `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    assert.ok(pct(opened, 0.5) <= 1000, `opened: median ${pct(opened, 0.5)} ms`);
    assert.ok(loop.max / 1e6 < 250, `the host's event loop was held ${loop.max / 1e6} ms`);
  });

  it('a forward that raises: one "PyTorch: …" diagnostic on the line that raised; a mismatch PyTorch disproves is withdrawn', async () => {
    const raises = fixture('runtime/forwardRaises.py');
    writeFileSync(join(dir, 'raises.py'), raises);
    const doc = await vscode.workspace.openTextDocument(join(dir, 'raises.py'));
    await vscode.window.showTextDocument(doc);
    const line = raises.split('\n').findIndex((l) => l.includes('self.fc1(x[:, :3136])'));
    const d = await waitFor('the PyTorch diagnostic', () => vscode.languages.getDiagnostics(doc.uri).find((x) => x.code === 'runtime-error'), 120_000);
    assert.equal(d.range.start.line, line);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /^PyTorch: BadFlatten — its forward raised \(line \d+\): RuntimeError: mat1 and mat2 shapes cannot be multiplied/);
    assert.equal(vscode.languages.getDiagnostics(doc.uri).filter((x) => x.code === 'runtime-error').length, 1);
    // Two more versions, two more passes: what the file prints and the failure are logged once.
    const editor = await vscode.window.showTextDocument(doc);
    for (let i = 1; i <= 2; i++) {
      await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), `\n# edit ${i}\n`));
      const version = String(doc.version);
      await waitFor(`the pass of version ${version}`, () => passes.some((p) => p.key === doc.uri.toString() && p.version === version), 60_000);
    }
    await until('the log to be written', () => shapesLog().includes('side effect: this file printed while being imported'), 15_000);
    const log = shapesLog();
    assert.equal(log.split('side effect: this file printed while being imported').length - 1, 1, log);
    assert.equal(log.split('BadFlatten — forward at line').length - 1, 1, log);

    const built = fixture('runtime/builtBeforeChange.py');
    writeFileSync(join(dir, 'built.py'), built);
    const doc2 = await vscode.workspace.openTextDocument(join(dir, 'built.py'));
    await vscode.window.showTextDocument(doc2);
    await staticToExact(doc2, 120_000);
    await until('the disproved mismatch to go', () => vscode.languages.getDiagnostics(doc2.uri).every((x) => x.severity !== vscode.DiagnosticSeverity.Error), 10_000);
    // The file was written just before it opened: the watcher's late change event may analyse it
    // again, showing the static hints until the next pass marks them (CI, 3 Dec).
    const marked = (l: string): boolean => /^→ \[64, 50\] · 39,250 params · from PyTorch$/.test(l);
    // Polled, not read once: a late re-analysis may show the static hints for a moment (CI, 6 Dec).
    let seen: string[] = [];
    await until('fc1 marked from PyTorch', async () => (seen = await hints(doc2)).some(marked), 60_000)
      .catch((err: Error) => assert.fail(`${err.message}; the hints: ${seen.join(' | ')}`));
  });

  it('turning modelLens.runtimeShapes.enabled off ends the worker and the marks; on brings them back', async () => {
    writeFileSync(join(dir, 'toggle.py'), fixture('runtime/configNet.py'));
    const doc = await vscode.workspace.openTextDocument(join(dir, 'toggle.py'));
    await vscode.window.showTextDocument(doc);
    await staticToExact(doc, 120_000);
    const [pid] = shapeWorkers();
    assert.ok(pid);
    await config().update('runtimeShapes.enabled', false, vscode.ConfigurationTarget.Global);
    await until('the worker to end', () => shapeWorkers().length === 0, 10_000);
    await until('the marks to go', async () => !(await hints(doc)).some((l) => l.includes('PyTorch')), 10_000);
    const off = await hints(doc);
    assert.ok(off.length > 0 && off.every((l) => !l.includes('PyTorch') && !l.includes('inferred')), off.join(' | '));
    await config().update('runtimeShapes.enabled', true, vscode.ConfigurationTarget.Global);
    await until('the marks to return', async () => (await hints(doc)).some((l) => l.includes('from PyTorch')), 120_000);
    assert.equal(shapeWorkers().length, 1);
    assert.notEqual(shapeWorkers()[0], pid, 'a new worker');
  });
});
