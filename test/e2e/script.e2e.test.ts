// Run Script with Model Lens as a person meets it, in real VS Code (code-server) and Chromium: an
// MNIST training script in the style of the official PyTorch examples (test/fixtures/scripts/)
// opened in a trusted workspace, started from the CodeLens on `if __name__ == "__main__":`; the
// training panel fills with live loss and the gradient heatmap from the unmodified script, each
// layer row tied to its line (a click on the nn.Sequential's item moves the cursor there), Pause
// holds the script and Stop ends it. A Transformer script shows its attention maps. An untrusted
// workspace is refused, saying why. Screenshots: test-results/script-*.png.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { Workbench, captureOnFailure, waitUntil, paintedPixels } from './workbench';

const repoRoot = join(__dirname, '..', '..');
const fixture = (name: string): string => readFileSync(join(repoRoot, 'test', 'fixtures', 'scripts', name), 'utf8');



async function cursorLine(wb: Workbench): Promise<number> {
  const text = await wb.page.locator('.statusbar-item[id="status.editor.selection"]').first().innerText();
  const m = /(\d+)/.exec(text);
  return m ? Number(m[1]) : NaN;
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const step = async (panel: Frame): Promise<number> => Number(/step (\d+)/.exec(await panel.evaluate<string>("document.querySelector('.stats')?.textContent ?? ''"))?.[1] ?? 0);

/** Trains two steps, then fails inside the model's forward (a shape error), as scripts do. */
const BROKEN = [
  'import torch, torch.nn as nn',
  '',
  'class Net(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc = nn.Linear(4, 2)',
  '    def forward(self, x):',
  '        return self.fc(x)',
  '',
  'if __name__ == "__main__":',
  '    model = Net()',
  '    opt = torch.optim.SGD(model.parameters(), lr=0.1)',
  '    for step in range(5):',
  '        width = 4 if step < 2 else 5',
  '        loss = model(torch.randn(8, width)).pow(2).mean()',
  '        opt.zero_grad(); loss.backward(); opt.step()',
  '',
].join('\n');

describe('Run Script with Model Lens in the browser workbench', function () {
  let wb: Workbench | undefined;
  const mnist = fixture('mnist_train.py');
  const failsAtImport = fixture('fails_at_import.py');

  before(async () => {
    // trust left off: the workspace-trust feature disabled, so the workspace is trusted.
    wb = await Workbench.start({
      viewport: { width: 1600, height: 1000 },
      files: {
        'scripts/mnist_train.py': mnist, 'scripts/transformer_train.py': fixture('transformer_train.py'), 'scripts/broken_train.py': BROKEN,
        'scripts/fails_at_import.py': failsAtImport,
      },
      settings: { 'workbench.colorTheme': 'Default Dark Modern', 'modelLens.engine': 'auto' },
      env: { MNIST_U8_DIR: join(repoRoot, 'dist', 'data') },
    });
    await wb.runCommand('View: Close Primary Side Bar');
  });
  afterEach(async function () { await captureOnFailure(wb, this); });
  after(async () => { await wb?.stop(); });

  it('the MNIST example script from its CodeLens: live loss, heatmap, layers tied to their lines, pause and stop', async () => {
    assert.ok(wb);
    await wb.openFile('scripts/mnist_train.py');
    await wb.goTo(lineOf(mnist, 'if __name__ == "__main__":'));
    const lens = wb.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Run Script with Model Lens' }).first();
    await lens.waitFor({ timeout: 60_000 });
    const clicked = Date.now();
    await lens.click();
    const panel = await wb.webview({ contains: '[data-chart="heatmap"]', timeoutMs: 120_000 });
    await waitUntil('the first training steps on the panel', async () => (await step(panel)) >= 1, 120_000, 100);
    const firstStepMs = Date.now() - clicked;
    await waitUntil('15 steps in the gradient heatmap', async () => Number(await panel.evaluate<string>("document.querySelector('[data-chart=\"heatmap\"]')?.dataset.steps ?? '0'")) >= 15, 120_000);
    assert.ok(await paintedPixels(panel, '[data-chart="heatmap"]', [0.3, 0.15, 0.7, 0.8]) > 300, 'heatmap is empty');
    assert.ok(await paintedPixels(panel, '[data-chart="loss"]', [0.2, 0.3, 0.95, 0.8]) > 30, 'loss curve is empty');
    const rows = await panel.evaluate<string[]>("Array.from(document.querySelectorAll('tr[data-layer]')).map((r) => r.dataset.layer)");
    assert.deepEqual(rows, ['conv1', 'conv2', 'dropout', 'head.0', 'head.1', 'head.2']);
    const summary = await panel.evaluate<string>("document.querySelector('.hp-current')?.textContent ?? ''");
    assert.match(summary, /Adadelta/, `the script's own optimizer, not a sample's word: ${summary}`);
    await wb.screenshot('script-mnist-training-dark');
    // The nn.Sequential's item: a click moves the cursor to its own line.
    const want = lineOf(mnist, 'nn.Linear(32 * 7 * 7, 64)');
    await panel.evaluate("document.querySelector('tr[data-layer=\"head.0\"]').click()");
    await waitUntil(`the cursor on line ${want}`, async () => (await cursorLine(wb!)) === want, 15_000);
    // Pause holds the script between optimizer steps; Resume goes on; Stop ends it.
    await panel.evaluate("document.querySelector('vscode-button[data-action=\"pause\"]').click()");
    await new Promise((r) => setTimeout(r, 1500));
    const held = await step(panel);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await step(panel), held, 'no step while paused');
    await panel.evaluate("document.querySelector('vscode-button[data-action=\"resume\"]').click()");
    await waitUntil('steps after resume', async () => (await step(panel)) > held, 30_000);
    await panel.evaluate("document.querySelector('vscode-button[data-action=\"stop\"]').click()");
    await waitUntil('the run stopped', async () => /stopped|finished/i.test(await panel.evaluate<string>("document.querySelector('.title-row')?.textContent ?? ''")), 10_000);
    const output = await wb.outputText(/Train Epoch: 1/, 15_000).catch(() => '');
    process.stdout.write(`      first step on the panel ${(firstStepMs / 1000).toFixed(1)} s after the click (load average ${loadavg()[0]!.toFixed(1)}); output channel ${output ? 'has' : 'lacks'} the script's prints\n`);
  });

  it('a Transformer script: the attention maps of its nn.MultiheadAttention layers', async () => {
    assert.ok(wb);
    await wb.openFile('scripts/transformer_train.py');
    await wb.runCommand('Model Lens: Run Script with Model Lens');
    const panel = await wb.webview({ contains: 'vscode-tab-header[data-tab="attention"]', text: 'transformer_train.py', timeoutMs: 120_000 });
    await waitUntil('training steps', async () => (await step(panel)) >= 5, 120_000);
    await panel.evaluate("document.querySelector('vscode-tab-header[data-tab=\"attention\"]').click()");
    await panel.waitForSelector('canvas.att-cell', { timeout: 60_000 });
    await waitUntil('encoder self-attention maps', async () => (await panel.evaluate<string>("document.querySelector('.att-grid')?.dataset.geom ?? ''")).startsWith('encoderSelf'), 20_000);
    const cells = await panel.evaluate<number>("document.querySelectorAll('canvas.att-cell').length");
    assert.ok(cells >= 8, `2 layers × 4 heads expected, got ${cells} maps`);
    assert.ok(await paintedPixels(panel, 'canvas.att-cell', [0.3, 0.3, 0.95, 0.95]) > 50, 'the map is painted');
    await wb.screenshot('script-transformer-attention-dark');
    await panel.evaluate("document.querySelector('vscode-button[data-action=\"stop\"]')?.click()");
  });

  it('an exception mid-training: the run shows as failed, the notification and the panel\'s own link lead to the line of the last frame', async () => {
    assert.ok(wb);
    await wb.openFile('scripts/broken_train.py');
    await wb.runCommand('Model Lens: Run Script with Model Lens');
    const note = await wb.waitForNotification(/broken_train\.py failed: RuntimeError: mat1 and mat2 shapes cannot be multiplied/, 120_000);
    assert.match(note, /\(broken_train\.py:8\)/);
    await wb.page.locator('.notification-toast .monaco-button', { hasText: 'Go to Line' }).first().click();
    await waitUntil('the cursor on line 8', async () => (await cursorLine(wb!)) === 8, 15_000);
    const panel = await wb.webview({ contains: '.title-row', text: 'broken_train.py', timeoutMs: 30_000 });
    await waitUntil('the run shown as failed', async () => /failed/i.test(await panel.evaluate<string>("document.querySelector('.title-row')?.textContent ?? ''")), 15_000);
    // The panel itself names the last frame and links to it: move the cursor away, then click.
    await waitUntil('the panel\'s link to the line', async () => (await panel.evaluate<string>("document.querySelector('.reason a.error-at:not([hidden])')?.textContent ?? ''")) === 'Go to broken_train.py:8', 15_000);
    assert.match(await panel.evaluate<string>("document.querySelector('.reason')?.textContent ?? ''"), /RuntimeError: mat1 and mat2 shapes cannot be multiplied/);
    await wb.screenshot('script-failed-dark');
    await wb.goTo(1);
    await waitUntil('the cursor on line 1', async () => (await cursorLine(wb!)) === 1, 15_000);
    await panel.locator('.reason a.error-at').click();
    await waitUntil('the cursor back on line 8 after the panel\'s link', async () => (await cursorLine(wb!)) === 8, 15_000);
  });

  it('an exception at import, before any training step: the panel shows the failed run with a link to the module-level line', async () => {
    assert.ok(wb);
    const want = lineOf(failsAtImport, 'model = Net(HIDDEN_SIZE)');
    await wb.openFile('scripts/fails_at_import.py');
    await wb.runCommand('Model Lens: Run Script with Model Lens');
    const panel = await wb.webview({ contains: '.title-row', text: 'fails_at_import.py', timeoutMs: 120_000 });
    await waitUntil('the run shown as failed', async () => /failed/i.test(await panel.evaluate<string>("document.querySelector('.title-row')?.textContent ?? ''")), 120_000);
    await waitUntil('the panel\'s link to the line', async () => (await panel.evaluate<string>("document.querySelector('.reason a.error-at:not([hidden])')?.textContent ?? ''")) === `Go to fails_at_import.py:${want}`, 15_000);
    assert.match(await panel.evaluate<string>("document.querySelector('.reason')?.textContent ?? ''"), /NameError: name 'HIDDEN_SIZE' is not defined/);
    await wb.screenshot('script-failed-at-import-dark');
    await wb.goTo(1);
    await waitUntil('the cursor on line 1', async () => (await cursorLine(wb!)) === 1, 15_000);
    await panel.locator('.reason a.error-at').click();
    await waitUntil(`the cursor on line ${want} after the panel's link`, async () => (await cursorLine(wb!)) === want, 15_000);
  });
});

describe('Run Script with Model Lens in an untrusted workspace', function () {
  let wb: Workbench | undefined;
  // trust: the workspace-trust feature on and this folder not trusted (Restricted Mode).
  before(async () => { wb = await Workbench.start({ trust: true, files: { 'scripts/mnist_train.py': fixture('mnist_train.py') } }); });
  afterEach(async function () { await captureOnFailure(wb, this); });
  after(async () => { await wb?.stop(); });

  it('is refused, saying why; no CodeLens is offered', async () => {
    assert.ok(wb);
    await wb.openFile('scripts/mnist_train.py');
    await wb.goTo(lineOf(fixture('mnist_train.py'), 'if __name__ == "__main__":'));
    await wb.runCommand('Model Lens: Run Script with Model Lens');
    const note = await wb.waitForNotification(/only in a trusted workspace/, 20_000);
    assert.match(note, /running mnist_train\.py would execute code from the workspace/);
    assert.equal(await wb.page.locator('.codelens-decoration a', { hasText: 'Run Script with Model Lens' }).count(), 0);
  });
});
