// A person's first minutes with Model Lens: the commands are in the palette, "Train Sample Model"
// answers, the Model Lens side bar opens. Screenshots land in test-results/.
import { strict as assert } from 'node:assert';
import { Workbench, captureOnFailure } from './workbench';

describe('foundation: Model Lens in the browser workbench', function () {
  let wb: Workbench | undefined;

  before(async () => {
    wb = await Workbench.start({
      files: {
        'notes.md': '# Notes\n\nA paragraph the preview renders.\n',
        'probe/corners.js': 'const CORNERS = [[0, 0, 0]];\nconsole.log(CORNERS.length);\n',
      },
    });
  });
  afterEach(async function () {
    await captureOnFailure(wb, this);
  });
  after(async () => {
    await wb?.stop();
  });

  it('shows the activity-bar icon and lists its commands in the palette', async () => {
    assert.ok(wb);
    assert.equal(await wb.page.locator('.part.activitybar [aria-label^="Model Lens"]').count() > 0, true, 'no Model Lens icon in the activity bar');
    const items = await wb.paletteItems('Model Lens');
    assert.ok(items.includes('Model Lens: Train Sample Model'), `palette shows: ${items.join(' | ')}`);
    assert.ok(items.includes('Model Lens: Show Side Panel'), `palette shows: ${items.join(' | ')}`);
  });

  it('runs "Model Lens: Train Sample Model" from the palette and gets an answer', async () => {
    assert.ok(wb);
    await wb.runCommand('Model Lens: Train Sample Model');
    // Whatever the command shows first (a sample picker, a message, the training panel), the
    // person sees a response from Model Lens and no "command not found".
    const page = wb.page;
    const answer = page
      .locator('.notifications-toasts .notification-toast.notification-fade-in-done', { hasText: 'Model Lens' })
      // a picker of its own, not the palette row that was just clicked
      .or(page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasNotText: 'Model Lens: Train Sample Model' }))
      .or(page.locator('iframe.webview[src*="extensionId=model-lens.model-lens"]'));
    await answer.filter({ visible: true }).first().waitFor({ timeout: 20_000 });
    const errors = (await wb.notifications()).filter((t) => /not found|failed|error/i.test(t));
    assert.deepEqual(errors, []);
    await wb.screenshot('foundation-train-sample-model');
    await page.keyboard.press('Escape');
  });

  it('opens the Model Lens side bar from the activity bar', async () => {
    assert.ok(wb);
    await wb.openModelLensView();
    const title = await wb.page.locator('.part.sidebar .composite.title').innerText();
    assert.match(title, /model lens/i);
    const file = await wb.screenshot('foundation-side-view');
    assert.ok(file.endsWith('.png'));
  });

  it('offers the getting-started walkthrough with its first step', async () => {
    assert.ok(wb);
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.pickQuickItem('Get started with Model Lens');
    await wb.page.locator('.getting-started-step', { hasText: 'Train XOR' }).first().waitFor();
    // The step's markdown (media/walkthrough/en/train.md) renders in a webview.
    const step = await wb.webview({ extensionId: null, text: 'XOR is the smallest problem' });
    assert.ok(await step.$('ol'));
    await wb.screenshot('foundation-walkthrough');
    await wb.runCommand('View: Close All Editors');
  });

  it('hovers at a line and column like a mouse would (checked on VS Code\'s own JavaScript hover)', async () => {
    assert.ok(wb);
    await wb.openFile('probe/corners.js');
    const text = await wb.hoverAt(2, 15, 60_000);
    assert.match(text, /const CORNERS: number\[\]\[\]/);
    await wb.page.keyboard.press('Escape');
    await wb.runCommand('View: Close All Editors');
  });

  it('can look inside a webview (checked on VS Code\'s own Markdown preview)', async () => {
    assert.ok(wb);
    await wb.openFile('notes.md');
    await wb.runCommand('Markdown: Open Preview to the Side');
    const preview = await wb.webview({ extensionId: 'vscode.markdown-language-features', contains: 'h1' });
    // A string runs in the page; the root tsconfig has no DOM types for a function body.
    const heading = await preview.evaluate<string>("document.querySelector('h1')?.textContent ?? ''");
    assert.equal(heading.trim(), 'Notes');
    const paragraph = await wb.webviewLocator(0, 'vscode.markdown-language-features').locator('p').first().innerText();
    assert.match(paragraph, /paragraph the preview renders/);
  });
});
