// The editor never waits on the analysis: while a model with a long comment block, a 10 MB file
// and random bytes are being analysed (in worker threads), the extension host answers commands
// within 100 ms. Hovers on those files still come back, complete or marked partial.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { report } from './report';

const repo = join(__dirname, '..', '..');
const cnn = readFileSync(join(repo, 'test', 'fixtures', 'pytorch', 'simpleCnn.py'), 'utf8');

/** The hovers' Markdown with its escapes removed, to read as a person does. */
function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n').replace(/\\(.)/g, '$1');
}

function positionOf(doc: vscode.TextDocument, needle: string, offsetInNeedle = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `"${needle}" not in ${doc.fileName}`);
  return doc.positionAt(i + offsetInNeedle);
}

/**
 * What the extension host's main thread did, in ms since boot (Linux /proc, ns precision): time on
 * a core, and time runnable but waiting for one. Workers are threads of the same process, so
 * process.cpuUsage() would count the analysis itself.
 */
function mainThreadSched(): { cpuMs: number; waitMs: number } | undefined {
  try {
    const [cpu, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return cpu === undefined || wait === undefined || Number.isNaN(cpu + wait) ? undefined : { cpuMs: cpu / 1e6, waitMs: wait / 1e6 };
  } catch {
    return undefined;
  }
}

/**
 * Time the hypervisor took each virtual core away from this machine (the "steal" column of
 * /proc/stat, 10 ms ticks), per core: a thread on a stolen core neither runs nor waits in its
 * run queue, yet its wall clock goes on.
 */
function stealMsPerCore(): number[] {
  try {
    return readFileSync('/proc/stat', 'utf8').split('\n').filter((l) => /^cpu\d/.test(l)).map((l) => Number(l.split(/\s+/)[8] ?? 0) * 10);
  } catch {
    return [];
  }
}

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

describe('analysis off the extension host thread', function () {
  this.timeout(240_000);
  let root: vscode.Uri;
  const disposables: vscode.Disposable[] = [];

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    root = folder.uri;
    const ext = vscode.extensions.getExtension('model-lens.model-lens');
    assert.ok(ext);
    await ext.activate();
    await vscode.workspace.getConfiguration('modelLens').update('language', 'en', vscode.ConfigurationTarget.Global);
    let n = 0;
    disposables.push(vscode.commands.registerCommand('modelLensTest.ping', () => ++n));
  });

  after(async () => {
    for (const d of disposables) d.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('modelLens').update('language', undefined, vscode.ConfigurationTarget.Global);
  });

  it('answers commands within 100 ms while a comment-block file, a 10 MB file and random bytes are analysed', async () => {
    // Written straight to disk (this extension host runs beside the workspace): going through
    // VS Code's file service would keep its connection busy compressing 12 MB during the window.
    const write = async (name: string, content: string | Uint8Array): Promise<vscode.TextDocument> => {
      const uri = vscode.Uri.joinPath(root, 'freeze', name);
      mkdirSync(join(uri.fsPath, '..'), { recursive: true });
      writeFileSync(uri.fsPath, content);
      return vscode.workspace.openTextDocument(uri);
    };
    const comments = Array.from({ length: 2000 }, (_, i) => `# note ${i}: what the next experiment changes, and why it should help the model\n`).join('');
    // Opening is VS Code's own work (the extension host builds its copy of each document): done
    // before the clock starts. Each document is then edited inside the window, so the measured
    // part holds everything Model Lens does per version: reading the text, handing it to a worker.
    const docs = {
      comments: await write('comment_block.py', cnn + comments + '#\n'.repeat(50_000)),
      big: await write('big.py', cnn + 'value_1 = compute(table[1], 2) + 3\n'.repeat(300_000)),
      // VS Code refuses to open a file with NUL bytes as text: every other byte value stays.
      random: await write('random_bytes.py', randomBytes(2 * 1024 * 1024).map((b) => (b === 0 ? 32 : b))),
    };
    assert.ok(docs.big.getText().length >= 10 * 1024 * 1024, 'a 10 MB file');
    // Found before the clock starts (reading a 10 MB document costs the host too), one line down:
    // the edit below inserts a line at the top.
    const convLine = positionOf(docs.comments, 'self.conv1 = ').line + 1;
    await new Promise((r) => setTimeout(r, 1000)); // let the first analyses of the opened files start

    const commandMs: number[] = [];
    const roundTripMs: number[] = [];
    const loop = monitorEventLoopDelay({ resolution: 10 });
    let sampling = true;
    const sampler = (async () => {
      for (let i = 0; sampling; i++) {
        let t = performance.now();
        await vscode.commands.executeCommand('modelLensTest.ping');
        commandMs.push(performance.now() - t);
        // Every few samples, a command the workbench (renderer) answers, for the report.
        if (i % 4 === 0) {
          t = performance.now();
          await vscode.commands.executeCommand('setContext', 'modelLensTest.sample', i);
          roundTripMs.push(performance.now() - t);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    loop.enable();
    const started = performance.now();
    // Every tick 50 ms late or more: when, how late, how much of that the host's thread was on a
    // core (busy), waiting for one (queued: a machine shared with other jobs), or on a core the
    // hypervisor took away (stolen). What is left was the thread sleeping in a call.
    const stalls: { at: number; lateMs: number; busyMs: number; queuedMs: number; stolenMs: number }[] = [];
    const describe = (s: (typeof stalls)[number]): string => `${s.at.toFixed(0)}+${s.lateMs.toFixed(0)} (busy ${s.busyMs.toFixed(0)}, queued ${s.queuedMs.toFixed(0)}, stolen ≤ ${s.stolenMs.toFixed(0)})`;
    let busiestMs = 0;
    let last = performance.now();
    let lastSched = mainThreadSched();
    let lastSteal = stealMsPerCore();
    const ticker = setInterval(() => {
      const now = performance.now();
      const sched = mainThreadSched();
      const steal = stealMsPerCore();
      const busy = sched && lastSched ? sched.cpuMs - lastSched.cpuMs : now - last;
      const queued = sched && lastSched ? sched.waitMs - lastSched.waitMs : 0;
      const stolen = Math.max(0, ...steal.map((v, i) => v - (lastSteal[i] ?? v)));
      busiestMs = Math.max(busiestMs, busy);
      if (now - last > 60) stalls.push({ at: last - started, lateMs: now - last - 10, busyMs: busy, queuedMs: queued, stolenMs: stolen });
      last = now;
      lastSched = sched;
      lastSteal = steal;
    }, 10);
    const edit = new vscode.WorkspaceEdit();
    for (const d of Object.values(docs)) edit.insert(d.uri, new vscode.Position(0, 0), '# edited\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // Inlay hints wait for their document's analysis and cost the host next to nothing themselves
    // (a hover would also render formula images: the editor's work, not the analysis').
    const hintsOf = async (doc: vscode.TextDocument): Promise<{ hints: Map<number, string>; ms: number }> => {
      const t = performance.now();
      const got = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, 60, 0));
      return { hints: new Map((got ?? []).map((h) => [h.position.line, typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')])), ms: performance.now() - t };
    };
    const [h1, h2, h3] = await Promise.all([hintsOf(docs.comments), hintsOf(docs.big), hintsOf(docs.random)]);
    const window = performance.now() - started;
    sampling = false;
    await sampler;
    loop.disable();
    clearInterval(ticker);

    const maxLoopMs = loop.max / 1e6;
    report(`      window ${window.toFixed(0)} ms: comment-block file analysed in ${h1.ms.toFixed(0)} ms, 10 MB file ${h2.ms.toFixed(0)} ms, random bytes ${h3.ms.toFixed(0)} ms (one worker per spare core: ${Math.max(1, Math.min(2, availableParallelism() - 1))})`);
    report(`      commands answered by the extension host: ${commandMs.length} (max ${Math.max(...commandMs).toFixed(1)} ms, p95 ${pct(commandMs, 0.95).toFixed(1)}); its event-loop delay max ${maxLoopMs.toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms; round trips through the workbench: ${roundTripMs.length} (max ${Math.max(...roundTripMs).toFixed(1)} ms, p95 ${pct(roundTripMs, 0.95).toFixed(1)}); load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    report(`      the host thread's longest busy stretch: ${busiestMs.toFixed(0)} ms of CPU between two ticks`);
    if (stalls.length > 0) report(`      stalls (ms after the edit + ms late): ${stalls.map(describe).join(', ')}`);
    assert.ok(h2.ms > 500, `the 10 MB analysis took real time (${h2.ms.toFixed(0)} ms), so the commands were answered during it`);
    assert.ok(commandMs.length >= 10);
    // What a command waits for is the host's thread. It must never be busy for 100 ms in one go:
    // that is Model Lens's part, and what the old in-host analysis broke (seconds on these files).
    // Nor may it sleep that long in a blocking call. How long it waits for a core, or sits on a
    // core the hypervisor took away, is the machine's (the analysis worker runs at a lower
    // priority than the host): on a machine with a core to spare the wall-clock figures are the
    // thread's own, so they must stay under 100 ms too; where the thread queued for a core
    // (50 ms or more in one stall) or the load is above 2 per core, they are reported instead.
    const all = stalls.map(describe).join(', ');
    assert.ok(busiestMs < 100, `the extension host's thread was busy for ${busiestMs.toFixed(0)} ms in one go (stalls: ${all})`);
    for (const s of stalls) assert.ok(s.lateMs - s.queuedMs - s.stolenMs < 100, `the extension host's thread was held up for ${describe(s)}: not by a busy machine`);
    const [load] = loadavg();
    const queuedForACore = stalls.some((s) => s.queuedMs + s.stolenMs >= 50);
    if ((load ?? 0) <= 2 * availableParallelism() && !queuedForACore) {
      assert.ok(Math.max(...commandMs) < 100, `slowest command ${Math.max(...commandMs).toFixed(1)} ms`);
      assert.ok(maxLoopMs < 100, `the extension host's event loop was blocked for ${maxLoopMs.toFixed(1)} ms (stalls: ${all})`);
    }

    // The results: the comment-block file fully; the 10 MB file fully or marked partial.
    assert.equal(h1.hints.get(convLine), '→ [64, 16, 28, 28] · 160 params');
    const big = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', docs.big.uri, positionOf(docs.big, 'nn.Conv2d(in_channels=1', 4)));
    assert.ok(big.includes('[64, 16, 28, 28]') || big.includes('Analysis stopped: file too complex'), big.slice(0, 500));
  });

  it('a file over the time budget says "analysis stopped: file too complex" in the hover and the Problems view', async () => {
    // 3 MB of code: seconds of analysis, over a budget of half a second.
    await vscode.workspace.getConfiguration('modelLens').update('analysis.timeBudgetSeconds', 0.5, vscode.ConfigurationTarget.Global);
    disposables.push({ dispose: () => void vscode.workspace.getConfiguration('modelLens').update('analysis.timeBudgetSeconds', undefined, vscode.ConfigurationTarget.Global) });
    const uri = vscode.Uri.joinPath(root, 'freeze', 'too_complex.py');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(cnn + 'value_1 = compute(table[1], 2) + 3\n'.repeat(90_000)));
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'nn.Linear(120, 84)', 4)));
    assert.match(text, /Analysis stopped: file too complex \(over its 500 ms budget\)\. This is a partial result/);
    const deadline = Date.now() + 60_000;
    let notice: vscode.Diagnostic | undefined;
    while (!notice && Date.now() < deadline) {
      notice = vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'incomplete');
      if (!notice) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(notice, 'an information line in the Problems view');
    assert.equal(notice.severity, vscode.DiagnosticSeverity.Information);
    assert.match(notice.message, /^Analysis stopped: file too complex/);
  });
});
