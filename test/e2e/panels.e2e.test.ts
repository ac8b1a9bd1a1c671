// The panels as a person meets them, in real VS Code (code-server) and Chromium: train the CNN
// and watch curves and the gradient heatmap fill; train the Transformer and see its attention
// maps; move the cursor in a model file and see the side panel follow; click a layer and land on
// its line. Screenshots (dark, then light + Chinese) go to test-results/.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { Workbench, captureOnFailure, waitUntil, paintedPixels } from './workbench';

const MODEL_PY = `import torch
import torch.nn as nn
import torch.nn.functional as F

# input: (64, 1, 28, 28)
class DigitCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        self.fc1 = nn.Linear(32 * 8 * 8, 120)
        self.fc2 = nn.Linear(120, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)
`;

const EMPTY_PY = 'def add(a, b):\n    return a + b\n';

/** Line and column the editor's status bar shows ("Ln 12, Col 5"). */
async function cursorLine(wb: Workbench): Promise<number> {
  const text = await wb.page.locator('.statusbar-item[id="status.editor.selection"]').first().innerText();
  const m = /(\d+)/.exec(text);
  return m ? Number(m[1]) : NaN;
}

async function cursorText(wb: Workbench): Promise<string> {
  const item = wb.page.locator('.statusbar-item[id="status.editor.selection"]').first();
  return `"${await item.innerText().catch(() => '?')}" (${(await item.isVisible().catch(() => false)) ? 'visible' : 'hidden'})`;
}


/** Opaque pixels in a canvas region (fractions of its size): proof that something was drawn there. */

/** KaTeX's fonts load lazily (font-display: block): wait for them before a screenshot. */
async function fontsReady(frame: Frame): Promise<void> {
  await frame.evaluate('document.fonts.ready.then(() => true)');
}

async function trainingPanel(wb: Workbench): Promise<Frame> {
  return wb.webview({ contains: '[data-chart="heatmap"]', timeoutMs: 60_000 });
}

async function stopTraining(wb: Workbench): Promise<void> {
  await wb.runCommand('Model Lens: Stop Training').catch(() => undefined);
}

/** Stops any run and closes every editor (panels included), so one training panel is on screen. */
async function freshStart(wb: Workbench): Promise<void> {
  await stopTraining(wb);
  await wb.runCommand('View: Close All Editors');
}

describe('panels: training panel and side panel in the browser workbench (dark theme)', function () {
  let wb: Workbench | undefined;

  before(async () => {
    wb = await Workbench.start({ viewport: { width: 1600, height: 1000 }, settings: { 'workbench.colorTheme': 'Default Dark Modern' }, files: { 'digit_cnn.py': MODEL_PY, 'helpers.py': EMPTY_PY } });
    // More room for the panel beside the code, as on a real screen.
    await wb.runCommand('View: Close Primary Side Bar');
  });
  afterEach(async function () { await captureOnFailure(wb, this); });
  after(async () => {
    if (wb) await stopTraining(wb);
    await wb?.stop();
  });

  it('trains the CNN sample: the curves draw and the gradient heatmap fills, layer rows come with shapes', async () => {
    assert.ok(wb);
    await wb.runCommand('Model Lens: Train Sample Model');
    await wb.pickQuickItem('SimpleCNN');
    const panel = await trainingPanel(wb);
    await waitUntil('20 steps in the gradient heatmap', async () => Number(await panel.evaluate<string>("document.querySelector('[data-chart=\"heatmap\"]')?.dataset.steps ?? '0'")) >= 20, 150_000);
    const rows = await panel.evaluate<string[]>("Array.from(document.querySelectorAll('tr[data-layer]')).map((r) => r.textContent)");
    assert.ok(rows.some((r) => r.includes('conv1') && r.includes('[')), `layer rows: ${rows.join(' | ')}`);
    assert.ok(rows.length >= 8, `expected the CNN's layers, got ${rows.length}`);
    // The heatmap's plot area has colour; the loss chart has a curve.
    assert.ok(await paintedPixels(panel, '[data-chart="heatmap"]', [0.3, 0.15, 0.7, 0.8]) > 500, 'heatmap is empty');
    assert.ok(await paintedPixels(panel, '[data-chart="loss"]', [0.2, 0.3, 0.95, 0.8]) > 50, 'loss curve is empty');
    const stats = await panel.evaluate<string>("document.querySelector('.stats')?.textContent ?? ''");
    assert.match(stats, /engine/);
    assert.match(stats, /samples\/s/);
    const alt = await panel.evaluate<string>("document.querySelector('[data-chart=\"heatmap\"]')?.getAttribute('aria-label') ?? ''");
    assert.match(alt, /conv1 /, 'the heatmap has a text alternative naming its layers');
    assert.equal(await panel.evaluate<string>("document.querySelector('.notice')?.textContent ?? ''"), '', 'no message was dropped');
    await wb.screenshot('panels-cnn-training-dark');
    // Export: the metrics as CSV and the view as PNG, through VS Code's save dialog.
    for (const [action, file, check] of [
      ['export-csv', 'cnn-mnist-metrics.csv', (b: Buffer) => b.toString('utf8').startsWith('step,train_loss,train_acc,val_loss,val_acc,grad_norm_conv1')],
      ['export-png', 'cnn-mnist-training.png', (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
    ] as const) {
      await panel.evaluate(`document.querySelector('vscode-button[data-action="${action}"]').click()`);
      const input = wb.page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await waitUntil('the save dialog to propose the file name', async () => (await input.inputValue()).endsWith(file), 10_000);
      await wb.page.keyboard.press('Enter');
      const target = join(wb.workspace, file);
      await waitUntil(`${file} to be written`, async () => existsSync(target) && check(readFileSync(target)), 15_000).catch((err: unknown) => {
        throw new Error(`${(err as Error).message}; Model Lens log:\n${(wb as Workbench).extensionLog('Model Lens').split('\n').filter((l) => /training panel/.test(l)).slice(-8).join('\n')}`);
      });
    }
    // The side panel shows the sample's layers with the gradients of this run next to them.
    await wb.openModelLensView();
    const side = await wb.webview({ contains: '.row[data-layer="conv1"]', timeoutMs: 60_000 });
    await waitUntil('‖∇W‖ next to conv1 in the side panel', async () => /‖∇W‖ \d/.test(await side.evaluate<string>("document.querySelector('.row[data-layer=\"conv1\"] .grad')?.textContent ?? ''")), 30_000);
    await wb.runCommand('View: Close Primary Side Bar');
  });

  it('clicking a layer row reveals its line in the sample code', async () => {
    assert.ok(wb);
    const panel = await trainingPanel(wb);
    const line = await panel.evaluate<number>("(() => { const r = document.querySelector('tr[data-layer=\"conv2\"]'); const m = /(\\d+)/.exec(r?.lastElementChild?.textContent ?? ''); r?.click(); return m ? Number(m[1]) : NaN; })()");
    assert.ok(line > 0, 'conv2 has a line');
    const clicked = Date.now();
    await waitUntil(`the cursor on line ${line}`, async () => (await cursorLine(wb as Workbench)) === line, 15_000).catch(async (err: unknown) => {
      // What the extension host did with the click, for the report.
      const log = (wb as Workbench).extensionLog('Model Lens').split('\n').filter((l) => /training panel|reveal/.test(l)).slice(-14).join('\n');
      throw new Error(`${(err as Error).message}; status bar: ${await cursorText(wb as Workbench)}; Model Lens log:\n${log}`);
    });
    console.log(`      (the cursor reached line ${line} ${Date.now() - clicked} ms after the click; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
    // The formula pane shows the selected layer with KaTeX-rendered math.
    const formula = await panel.evaluate<string>("document.querySelector('[data-pane=\"formula\"]')?.textContent ?? ''");
    assert.match(formula, /conv2/);
    assert.ok(await panel.evaluate<number>("document.querySelectorAll('[data-pane=\"formula\"] .katex').length") > 0, 'formula rendered by KaTeX');
    // …with the layer's own numbers from the analysis of the sample's code.
    await waitUntil('conv2\'s own numbers in the formula pane', async () => /= 14/.test(await panel.evaluate<string>("document.querySelector('[data-pane=\"formula\"] .numbers')?.textContent ?? ''")), 15_000);
    // The editor cursor now sits on conv2's line: its row is highlighted in the panel too.
    await waitUntil('conv2 row highlighted from the editor', async () => (await panel.evaluate<string>("document.querySelector('tr.cursor')?.dataset.layer ?? ''")) === 'conv2', 10_000);
    await panel.evaluate("document.querySelector('.layers-and-formula')?.scrollIntoView()");
    await fontsReady(panel);
    await wb.screenshot('panels-cnn-layers-formula-dark');
    await stopTraining(wb);
  });

  it('trains the Transformer: attention maps per layer and head, the causal mask an empty upper triangle', async () => {
    assert.ok(wb);
    await freshStart(wb);
    await wb.runCommand('Model Lens: Train Sample Model');
    await wb.pickQuickItem('Transformer');
    const panel = await wb.webview({ contains: 'vscode-tab-header[data-tab="attention"]', timeoutMs: 150_000 });
    await panel.evaluate("document.querySelector('vscode-tab-header[data-tab=\"attention\"]').click()");
    await panel.waitForSelector('canvas.att-cell', { timeout: 60_000 });
    await panel.evaluate("document.querySelector('vscode-button[data-kind=\"decoderSelf\"]')?.click()");
    await waitUntil('decoder self-attention maps', async () => (await panel.evaluate<string>("document.querySelector('.att-grid')?.dataset.geom ?? ''")).startsWith('decoderSelf'), 20_000);
    const cells = await panel.evaluate<number>("document.querySelectorAll('canvas.att-cell').length");
    assert.ok(cells >= 4, `only ${cells} attention maps`);
    // Map area starts after the token labels (~22 % of the cell): lower-left painted, upper-right empty.
    const lower = await paintedPixels(panel, 'canvas.att-cell', [0.3, 0.75, 0.45, 0.95]);
    const upper = await paintedPixels(panel, 'canvas.att-cell', [0.8, 0.3, 0.97, 0.45]);
    assert.ok(lower > 20, `lower triangle painted (${lower})`);
    assert.equal(upper, 0, 'the causal mask leaves the upper triangle empty');
    // Cross attention after a few more probes, for the picture (the anti-diagonal forms later).
    await waitUntil('a few attention frames', async () => Number(await panel.evaluate<string>("document.querySelector('.scrubber')?.max ?? '0'")) >= 4, 60_000).catch(() => undefined);
    await panel.evaluate("document.querySelector('vscode-button[data-kind=\"cross\"]')?.click()");
    await waitUntil('cross-attention maps', async () => (await panel.evaluate<string>("document.querySelector('.att-grid')?.dataset.geom ?? ''")).startsWith('cross'), 20_000);
    await wb.screenshot('panels-transformer-attention-dark');
    await panel.evaluate("document.querySelector('canvas.att-cell').click()");
    await panel.waitForSelector('.att-overlay:not([hidden]) canvas', { timeout: 10_000 });
    await wb.screenshot('panels-transformer-attention-enlarged-dark');
    await panel.evaluate("document.querySelector('.att-overlay vscode-button')?.click()");
    await stopTraining(wb);
  });

  it('the perceptron shows a decision boundary per gate, and XOR stays unsolved', async () => {
    assert.ok(wb);
    await freshStart(wb);
    await wb.runCommand('Model Lens: Train Sample Model');
    await wb.pickQuickItem('Perceptron');
    const panel = await wb.webview({ contains: 'vscode-tab-header[data-tab="boundary"]', timeoutMs: 120_000 });
    await panel.evaluate("document.querySelector('vscode-tab-header[data-tab=\"boundary\"]').click()");
    await waitUntil('the run to finish', async () => (await panel.evaluate<string>("document.querySelector('.state')?.dataset.state ?? ''")) === 'finished', 120_000);
    await panel.waitForSelector('canvas[data-chart="boundary"]');
    const labels = await panel.evaluate<string[]>("Array.from(document.querySelectorAll('canvas[data-chart=\"boundary\"]')).map((c) => c.getAttribute('aria-label'))");
    assert.ok(labels.length >= 4, labels.join(' | '));
    const xor = labels.find((l) => /XOR/i.test(l));
    assert.ok(xor, 'an XOR plot');
    const acc = Number(/([\d.]+) %/.exec(xor)?.[1] ?? NaN);
    assert.ok(acc <= 75, `XOR accuracy ${acc} %: one straight line cannot separate it`);
    assert.ok(await paintedPixels(panel, 'canvas[data-chart="boundary"]', [0.1, 0.2, 0.9, 0.9]) > 1000);
    await wb.screenshot('panels-perceptron-boundaries-dark');
  });

  it('reopens the saved perceptron run from "Open Training Run…" with its boundaries', async () => {
    assert.ok(wb);
    await freshStart(wb);
    await wb.runCommand('Model Lens: Open Training Run…');
    await wb.pickQuickItem('Perceptron');
    const panel = await wb.webview({ contains: 'vscode-tab-header[data-tab="boundary"]', timeoutMs: 30_000 });
    assert.equal(await panel.evaluate<string>("document.querySelector('.state')?.dataset.state ?? ''"), 'finished');
    assert.ok(Number(await panel.evaluate<string>("document.querySelector('[data-chart=\"heatmap\"]')?.dataset.steps ?? '0'")) > 10, 'the saved gradients are drawn');
    assert.equal(await panel.evaluate<boolean>("document.querySelector('vscode-button[data-action=\"stop\"]')?.hasAttribute('disabled') ?? false"), true, 'a finished run cannot be stopped');
  });

  it('the panel survives a window reload (serializer): it comes back with the same run', async () => {
    assert.ok(wb);
    let panel = await wb.webview({ contains: 'vscode-tab-header[data-tab="boundary"]', timeoutMs: 30_000 });
    const runId = await panel.evaluate<string>('document.body.dataset.runId ?? ""');
    assert.ok(runId.length > 0);
    const page = wb.page;
    const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60_000 });
    await wb.runCommand('Developer: Reload Window');
    await navigated;
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    let state = '';
    await waitUntil('the restored panel with the same run', async () => {
      panel = await (wb as Workbench).webview({ contains: '[data-chart="heatmap"]', timeoutMs: 5_000 });
      const [id, st] = await panel.evaluate<[string, string]>("[document.body.dataset.runId ?? '', document.querySelector('.state')?.dataset.state ?? '']");
      state = st;
      return id === runId;
    }, 90_000);
    assert.equal(state, 'finished');
  });

  it('task views: the fitted curve (regression) and the generated points (GAN)', async () => {
    assert.ok(wb);
    for (const [sample, tab, chart] of [['sin(x)', 'fit', 'fit'], ['GAN', 'points', 'points']] as const) {
      await freshStart(wb);
      await wb.runCommand('Model Lens: Train Sample Model');
      await wb.pickQuickItem(sample);
      const panel = await wb.webview({ contains: `vscode-tab-header[data-tab="${tab}"]`, timeoutMs: 120_000 });
      await panel.evaluate(`document.querySelector('vscode-tab-header[data-tab="${tab}"]').click()`);
      await waitUntil(`the ${chart} chart`, async () => (await paintedPixels(panel, `canvas[data-chart="${chart}"]`, [0.15, 0.25, 0.9, 0.9])) > 200, 30_000);
      const alt = await panel.evaluate<string>(`document.querySelector('canvas[data-chart="${chart}"]')?.getAttribute('aria-label') ?? ''`);
      assert.match(alt, /step \d+/, `text alternative: ${alt}`);
      await wb.screenshot(`panels-${chart}-dark`);
    }
    await stopTraining(wb);
  });

  it('compares runs side by side: ReLU + He keeps the first layer learning, sigmoid + random init fades it', async () => {
    assert.ok(wb);
    await freshStart(wb);
    await wb.runCommand('Model Lens: Train Sample Model');
    await wb.pickQuickItem('Autoencoder');
    let panel = await trainingPanel(wb);
    const steps = async (p: Frame): Promise<number> => Number(await p.evaluate<string>("document.querySelector('[data-chart=\"heatmap\"]')?.dataset.steps ?? '0'"));
    await waitUntil('the first run to report gradients', async () => (await steps(panel)) >= 5, 120_000);
    await panel.evaluate("document.querySelector('vscode-tab-header[data-tab=\"recon\"]')?.click()");
    await waitUntil('reconstructions drawn', async () => (await paintedPixels(panel, 'canvas[data-chart="recon"]', [0, 0.1, 1, 1])) > 500, 60_000);
    await panel.evaluate("document.querySelector('vscode-tab-header[data-tab=\"training\"]')?.click()");
    const runAgain = async (activation: string, initializer: string): Promise<void> => {
      await panel.evaluate(`(() => {
        document.querySelector('details.next-run').open = true;
        document.querySelector('[data-hp="activation"]').value = ${JSON.stringify(activation)};
        document.querySelector('[data-hp="initializer"]').value = ${JSON.stringify(initializer)};
        document.querySelector('vscode-button[data-action="run-again"]').click();
      })()`);
    };
    await runAgain('sigmoid', 'random');
    await waitUntil('40 steps of the sigmoid run in the panel', async () => {
      panel = await trainingPanel(wb as Workbench);
      return (await panel.evaluate<string>('document.body.dataset.hyper ?? ""')) === 'sigmoid/random' && (await steps(panel)) >= 40;
    }, 150_000);
    await stopTraining(wb);
    await panel.evaluate("document.querySelector('vscode-tab-header[data-tab=\"compare\"]').click()");
    await panel.waitForSelector('canvas[data-chart="compare-heatmap"]', { timeout: 20_000 });
    const captions = await panel.evaluate<string[]>("Array.from(document.querySelectorAll('.compare figcaption')).map((f) => f.textContent)");
    assert.equal(captions.length, 2, captions.join(' | '));
    assert.match(captions[0] ?? '', /relu · he/, 'the sample\'s own settings first');
    assert.match(captions[1] ?? '', /sigmoid · random/);
    // The lesson in numbers: the first layer's recent mean gradient, ReLU + He vs sigmoid.
    const firstLayer = captions.map((c) => Number(/: ([\d.e+-]+)$/.exec(c.trim())?.[1] ?? NaN));
    assert.ok((firstLayer[1] ?? NaN) * 10 < (firstLayer[0] ?? NaN), `first-layer ‖∇W‖ ReLU + He ${firstLayer[0]} vs sigmoid ${firstLayer[1]}`);
    await wb.screenshot('panels-compare-runs-dark');
  });

  it('the side panel follows the cursor in a model file and jumps to a layer when clicked', async () => {
    assert.ok(wb);
    await wb.openFile('digit_cnn.py');
    await wb.openModelLensView();
    const side = await wb.webview({ contains: '.row[data-layer="conv1"]', timeoutMs: 60_000 });
    await wb.goTo(11, 9); // self.conv2 = nn.Conv2d(...)
    await waitUntil('conv2 highlighted', async () => (await side.evaluate<string>("document.querySelector('.row.active')?.dataset.layer ?? ''")) === 'conv2', 15_000);
    const mark = await side.evaluate<string>("document.querySelector('.row.active .mark')?.textContent ?? ''");
    assert.equal(mark, '●');
    assert.ok(await side.evaluate<number>("document.querySelectorAll('[data-pane=\"concept\"] .katex').length") > 0, 'the layer\'s formula is rendered');
    await wb.goTo(9, 9); // self.conv1
    await waitUntil('conv1 highlighted', async () => (await side.evaluate<string>("document.querySelector('.row.active')?.dataset.layer ?? ''")) === 'conv1', 15_000);
    const warning = await side.evaluate<string>("document.querySelector('.row.warning')?.textContent ?? ''");
    assert.match(warning, /fc1/, 'the shape mismatch in fc1 is flagged');
    await fontsReady(side);
    await wb.screenshot('panels-side-panel-dark');
    await side.evaluate("document.querySelector('.row[data-layer=\"fc2\"]').click()");
    await waitUntil('cursor on fc2\'s line', async () => (await cursorLine(wb as Workbench)) === 13, 15_000);
    // "Show Formula in Side Panel" (also what the hovers' link runs) pins a concept below the outline.
    await wb.runCommand('Model Lens: Show Formula in Side Panel');
    await wb.page.locator('.quick-input-widget .quick-input-box input').fill('ReLU');
    await wb.pickQuickItem('ReLU');
    await waitUntil('the ReLU concept in the side panel', async () => (await side.evaluate<string>("document.querySelector('[data-pane=\"concept\"] .concept')?.dataset.concept ?? ''")) === 'relu', 15_000);
  });

  it('a file without a model says so and offers the samples', async () => {
    assert.ok(wb);
    await wb.openFile('helpers.py');
    const side = await wb.webview({ contains: 'body[data-status="noModel"]', timeoutMs: 30_000 });
    const text = await side.evaluate<string>('document.body.innerText');
    assert.match(text, /No model/);
    assert.ok(await side.evaluate<number>("document.querySelectorAll('[data-sample]').length") >= 5);
  });
});

describe('panels: light theme, Chinese UI', function () {
  let wb: Workbench | undefined;

  before(async () => {
    wb = await Workbench.start({ locale: 'zh-cn', viewport: { width: 1600, height: 1000 }, settings: { 'workbench.colorTheme': 'Default Light Modern', 'modelLens.language': 'zh-cn' }, files: { 'digit_cnn.py': MODEL_PY } });
  });
  afterEach(async function () { await captureOnFailure(wb, this); });
  after(async () => {
    if (wb) await stopTraining(wb);
    await wb?.stop();
  });

  it('shows the training panel and the side panel in Chinese on a light theme', async () => {
    assert.ok(wb);
    await wb.runCommand('Model Lens: Train Sample Model');
    await wb.pickQuickItem('SimpleCNN');
    const panel = await trainingPanel(wb);
    await waitUntil('10 steps', async () => Number(await panel.evaluate<string>("document.querySelector('[data-chart=\"heatmap\"]')?.dataset.steps ?? '0'")) >= 10, 150_000);
    const header = await panel.evaluate<string>("document.querySelector('.panel-header')?.textContent ?? ''");
    assert.match(header, /引擎|训练中|第/);
    await wb.screenshot('panels-cnn-training-light-zh');
    await stopTraining(wb);
    await wb.openFile('digit_cnn.py');
    await wb.openModelLensView();
    const side = await wb.webview({ contains: '.row[data-layer="conv1"]', timeoutMs: 60_000 });
    await wb.goTo(9, 9);
    await waitUntil('conv1 highlighted', async () => (await side.evaluate<string>("document.querySelector('.row.active')?.dataset.layer ?? ''")) === 'conv1', 15_000);
    await fontsReady(side);
    await wb.page.mouse.move(900, 600); // no activity-bar tooltip over the rows
    await wb.screenshot('panels-side-panel-light-zh');
  });

  it('follows a switch to a high-contrast theme: the panel redraws with its colours', async () => {
    assert.ok(wb);
    await wb.runCommand('Preferences: Color Theme');
    await wb.pickQuickItem('Dark High Contrast');
    const panel = await trainingPanel(wb);
    await waitUntil('the panel in high contrast', async () => panel.evaluate<boolean>("document.body.classList.contains('vscode-high-contrast')"), 15_000);
    assert.ok(await paintedPixels(panel, '[data-chart="heatmap"]', [0.3, 0.15, 0.7, 0.8]) > 500, 'heatmap still drawn');
    const fg = await panel.evaluate<string>("getComputedStyle(document.body).getPropertyValue('--vscode-editor-foreground').trim()");
    assert.match(fg, /^#fff/i, `high-contrast foreground, got ${fg}`);
    await wb.screenshot('panels-cnn-training-high-contrast-zh');
  });
});
