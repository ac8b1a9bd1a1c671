// The PyTorch engine as a person meets it, in real VS Code (code-server) and Chromium: with the
// engine on "auto", "Train Sample Model" → SimpleCNN opens samples/torch/cnn_mnist.py beside the
// training panel, whose engine line names PyTorch, its BLAS and the measured thread count, and whose
// curves and gradient heatmap fill from the Python process. The time from picking the sample to the
// first loss point on the panel is measured (torch's import included, as far as it was not done
// while the pick list was open). Screenshot: test-results/torch-cnn-training-dark.png.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import type { Frame } from 'playwright-core';
import { Workbench, captureOnFailure, waitUntil, paintedPixels } from './workbench';



function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** PIDs of the PyTorch engine's processes started from this workbench's copy of the extension. */
function pythonProcessesUnder(workspace: string): number[] {
  const root = dirname(workspace);
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')
    .filter((l) => /model_lens\.(backend|probe)/.test(l) && l.includes(root))
    .map((l) => Number.parseInt(l.trim(), 10));
}

describe('the PyTorch engine in the browser workbench', function () {
  let wb: Workbench | undefined;

  before(async () => {
    wb = await Workbench.start({ viewport: { width: 1600, height: 1000 }, settings: { 'workbench.colorTheme': 'Default Dark Modern', 'modelLens.engine': 'auto' } });
    await wb.runCommand('View: Close Primary Side Bar');
  });
  afterEach(async function () { await captureOnFailure(wb, this); });
  after(async () => {
    await wb?.runCommand('Model Lens: Stop Training').catch(() => undefined);
    await wb?.stop();
  });

  it('trains SimpleCNN on torch: the engine line, live curves and heatmap; first loss point timed from the pick', async () => {
    assert.ok(wb);
    // A person opens the workbench and reads for a moment before training.
    await new Promise((r) => setTimeout(r, 8000));
    await wb.runCommand('Model Lens: Train Sample Model');
    const row = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'SimpleCNN' }).first();
    await row.waitFor({ timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 1500)); // reading the list, as a person does
    const picked = Date.now();
    await row.click();
    let panel: Frame | undefined;
    let firstLossMs = NaN;
    await waitUntil('the first loss point on the panel', async () => {
      panel ??= await wb!.webview({ contains: '[data-chart="heatmap"]', timeoutMs: 1000 }).catch(() => undefined);
      if (!panel) return false;
      const stats = await panel.evaluate<string>("document.querySelector('.stats')?.textContent ?? ''");
      if (!/step [1-9]/.test(stats)) return false;
      firstLossMs = Date.now() - picked;
      return true;
    }, 180_000, 100);
    assert.ok(panel);
    // A new window: the process that probed the interpreter is the one that trains (torch imported once).
    assert.match(wb.extensionLog('Model Lens'), /probed \/usr\/bin\/python3 in \d+ ms: .*; it stays as the PyTorch engine/);
    const stats = await panel.evaluate<string>("document.querySelector('.stats')?.textContent ?? ''");
    assert.match(stats, /PyTorch \d[\w.+-]* engine · \w+/, `engine line: ${stats}`);
    assert.match(stats, /\d+ threads?/);
    const detail = await panel.evaluate<string>("document.querySelector('.stats')?.getAttribute('title') ?? ''");
    assert.match(detail, /fastest of a timed forward \+ backward pass|MODEL_LENS_TORCH_THREADS|one core/, `the thread count says how it was chosen: ${detail}`);
    assert.equal(await panel.evaluate<boolean>("document.querySelector('.engine-note')?.hidden ?? true"), true, 'no fallback note when torch runs');
    // The sample beside the panel is the PyTorch file.
    await wb.page.locator('.tabs-container .tab[aria-label*="cnn_mnist.py"]').first().waitFor({ timeout: 10_000 });
    await waitUntil('20 steps in the gradient heatmap', async () => Number(await panel!.evaluate<string>("document.querySelector('[data-chart=\"heatmap\"]')?.dataset.steps ?? '0'")) >= 20, 150_000);
    assert.ok(await paintedPixels(panel, '[data-chart="heatmap"]', [0.3, 0.15, 0.7, 0.8]) > 500, 'heatmap is empty');
    assert.ok(await paintedPixels(panel, '[data-chart="loss"]', [0.2, 0.3, 0.95, 0.8]) > 50, 'loss curve is empty');
    const rows = await panel.evaluate<string[]>("Array.from(document.querySelectorAll('tr[data-layer]')).map((r) => r.textContent)");
    assert.ok(rows.some((r) => r.includes('conv1') && r.includes('[')), `layer rows: ${rows.join(' | ')}`);
    assert.ok(rows.some((r) => r.includes('pool (2)')), 'the reused pooling module has a row per call');
    await wb.screenshot('torch-cnn-training-dark');
    const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
    process.stdout.write(`      first loss point ${(firstLossMs / 1000).toFixed(1)} s after picking the sample (load average ${load}); engine line: ${stats.split(' · ').slice(0, 3).join(' · ')}\n`);
    // Closing the window mid-run (code-server stopped: the extension host goes away) leaves no
    // Python process behind, although it runs in its own process group.
    const ours = pythonProcessesUnder(wb.workspace);
    assert.ok(ours.length >= 1, 'the training process is a Python process of this workbench');
    await wb.stop();
    wb = undefined;
    const deadline = Date.now() + 5000;
    while (ours.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(ours.filter(alive), [], 'no orphaned Python process after the window closed');
    // The figure is asserted where the machine is not shared: a loaded CI box reports it instead.
    if (Number(load) < 4) assert.ok(firstLossMs <= 3000, `first loss point after ${firstLossMs} ms`);
    assert.ok(firstLossMs <= 60_000, `first loss point after ${firstLossMs} ms even on a loaded machine`);
  });
});

describe('the engine line when the Python setting cannot be used', function () {
  let wb: Workbench | undefined;
  before(async () => {
    wb = await Workbench.start({ viewport: { width: 1400, height: 900 }, settings: { 'modelLens.engine': 'auto', 'modelLens.python': '/bin/true' } });
  });
  afterEach(async function () { await captureOnFailure(wb, this); });
  after(async () => {
    await wb?.runCommand('Model Lens: Stop Training').catch(() => undefined);
    await wb?.stop();
  });

  it('says why in one line, trains on the interpreter found instead, and links to the README', async () => {
    assert.ok(wb);
    await wb.runCommand('Model Lens: Train Sample Model');
    await wb.pickQuickItem('Perceptron');
    const panel = await wb.webview({ contains: '.engine-note', timeoutMs: 120_000 });
    await waitUntil('the engine note', async () => !(await panel.evaluate<boolean>("document.querySelector('.engine-note').hidden")), 120_000);
    const note = await panel.evaluate<string>("document.querySelector('.engine-note')?.textContent ?? ''");
    assert.match(note, /^Setting not used: modelLens\.python \(\/bin\/true\) is not a Python interpreter/);
    assert.match(note, /How to use the PyTorch engine$/);
    assert.match(await panel.evaluate<string>("document.querySelector('.stats')?.textContent ?? ''"), /PyTorch .* engine/);
    await wb.screenshot('torch-engine-note');
    await panel.evaluate("document.querySelector('.engine-help').click()");
    await wb.page.locator('.tabs-container .tab', { hasText: 'README' }).first().waitFor({ timeout: 30_000 });
  });
});
