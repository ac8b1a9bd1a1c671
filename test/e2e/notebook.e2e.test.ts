// A Jupyter notebook as a person meets it, in real VS Code (code-server, its own ipynb support) and
// Chromium: the side panel shows the notebook's models, follows the cursor from cell to cell, and a
// click on a layer row lands on that layer's line in its own cell.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { Workbench, captureOnFailure, waitUntil } from './workbench';

const NOTEBOOK = readFileSync(join(__dirname, '..', 'fixtures', 'notebook', 'cnnAcrossCells.ipynb'), 'utf8');


describe('notebooks: the side panel follows the active cell', function () {
  this.timeout(300_000);
  let wb: Workbench | undefined;

  before(async () => {
    wb = await Workbench.start({ files: { 'cells.ipynb': NOTEBOOK }, settings: { 'modelLens.language': 'en' } });
  });
  afterEach(async function () { await captureOnFailure(wb, this); });
  after(async () => { await wb?.stop(); });

  /** A line of the code cell that contains `cellText` (cells off screen are not in the page: scroll first). */
  const codeLine = (w: Workbench, cellText: string, line: string): Locator =>
    w.page.locator('.notebookOverlay .code-cell-row', { hasText: cellText }).locator('.view-line', { hasText: line }).first();
  /** Scrolls the notebook down until this line is on screen (the notebook scrolls itself, not the page). */
  const scrollTo = async (w: Workbench, line: Locator): Promise<void> => {
    const onScreen = async (): Promise<boolean> => {
      const box = await line.boundingBox().catch(() => null);
      return box !== null && box.y > 120 && box.y + box.height < 820;
    };
    for (let i = 0; i < 30 && !(await onScreen()); i++) {
      await w.page.mouse.move(900, 450);
      await w.page.mouse.wheel(0, 150);
      await new Promise((r) => setTimeout(r, 150));
    }
    assert.ok(await onScreen(), 'the line scrolled into view');
  };

  it('shows the notebook\'s models, marks the layer under the cursor in any cell, and jumps to a layer\'s cell', async () => {
    assert.ok(wb);
    await wb.openFile('cells.ipynb');
    await wb.page.locator('.notebookOverlay .code-cell-row', { hasText: 'class Net' }).waitFor({ timeout: 60_000 });
    // The cursor in the class cell (the second code cell), on fc1's line.
    await codeLine(wb, 'class Net', 'self.fc1').click();
    await wb.openModelLensView();
    const side = await wb.webview({ contains: '.row[data-layer="conv1"]', timeoutMs: 90_000 });
    const text = await side.evaluate<string>('document.body.innerText');
    assert.match(text, /cells\.ipynb/, 'the notebook is named, not a cell');
    assert.match(text, /Net/);
    assert.match(text, /Wrong/, 'models of every cell are listed');
    const active = (): Promise<string> => side.evaluate<string>("document.querySelector('.row.active')?.dataset.layer ?? ''");
    await codeLine(wb, 'class Net', 'self.fc1').click();
    await waitUntil('fc1 marked while the cursor is on its line in the class cell', async () => (await active()) === 'fc1');
    // Another cell: the Wrong model's conv, four cells further down.
    await scrollTo(wb, codeLine(wb, 'class Wrong', 'self.conv = '));
    await codeLine(wb, 'class Wrong', 'self.conv = ').click();
    await waitUntil('conv marked after moving to the last cell', async () => (await active()) === 'conv');
    const warning = await side.evaluate<string>("document.querySelector('.row.warning')?.textContent ?? ''");
    assert.match(warning, /fc expects 12544 features, gets 10816/, 'the mismatch found across cells is on its row');
    await wb.screenshot('notebook-side-panel-dark');
    // A click on conv1 (class cell) moves the cursor back there, onto conv1's line.
    await side.evaluate("document.querySelector('.row[data-layer=\"conv1\"]').click()");
    await waitUntil('the class cell (the notebook\'s third) focused', async () => (await wb!.page.locator('.statusbar-item', { hasText: /Cell \d+ of 6/ }).first().innerText()).includes('Cell 3 of 6'));
    await waitUntil('conv1 marked again', async () => (await active()) === 'conv1');
    // The cursor stands on conv1's line (a notebook's status bar shows no line: compare positions).
    const cursor = await wb.page.locator('.notebookOverlay .monaco-editor.focused .cursors-layer .cursor').first().boundingBox();
    const line = await codeLine(wb, 'class Net', 'self.conv1 =').boundingBox();
    assert.ok(cursor && line && Math.abs(cursor.y - line.y) < line.height / 2, `cursor at y=${cursor?.y}, conv1's line at y=${line?.y}`);
  });
});
