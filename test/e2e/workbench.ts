// Drives real VS Code (code-server) in headless Chromium the way a person would. Shared by every
// e2e scenario (test/e2e/*.e2e.test.ts, run by `npm run test:e2e` after `npm run build`).
//
// Usage:
//   import { Workbench, captureOnFailure } from './workbench';
//   describe('my scenario', function () {
//     let wb: Workbench;
//     before(async () => { wb = await Workbench.start(); });          // samples/ copy, trusted
//     afterEach(async function () { await captureOnFailure(wb, this); }); // screenshot if red
//     after(async () => { await wb?.stop(); });
//     it('…', async () => {
//       await wb.runCommand('Model Lens: Train Sample Model');         // F1, type, Enter
//       await wb.pickQuickItem('CNN');                                 // answer a quick pick
//       await wb.openFile('cnn_mnist.py');                             // quick open
//       const hover = await wb.hoverAt(12, 15);                        // 1-based line/column
//       const panel = await wb.webview({ contains: 'canvas' });        // inner webview Frame
//       await panel.waitForSelector('text=epoch');                     // Playwright Frame API
//       const n = await panel.evaluate<number>('document.querySelectorAll("tr").length'); // string:
//                                                    // the root tsconfig has no DOM types
//       await wb.screenshot('my-scenario');                            // test-results/my-scenario.png
//     });
//   });
// Options: Workbench.start({ trust: true }) turns workspace trust on (folder untrusted until
// granted), { locale: 'zh-cn' } shows the extension's Chinese strings, { files: {'a.py': '…'} }
// adds files to the workspace copy, { settings } adds user settings, { env } reaches the extension host.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Frame, type FrameLocator, type Page } from 'playwright-core';
import type { RunningServer } from '../../scripts/codeServer.mjs' with { 'resolution-mode': 'import' };

export const resultsDir = join(__dirname, '..', '..', 'test-results');
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
const modelLensExtensionId = 'model-lens.model-lens';
const modelLensIcon = '.part.activitybar .action-item [aria-label^="Model Lens"]';

export interface WorkbenchOptions {
  /** Folder to copy as the workspace (default: the repo's samples/). */
  folder?: string;
  /** Extra files written into the workspace copy, relative path → contents. */
  files?: Record<string, string>;
  trust?: boolean;
  locale?: string;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  viewport?: { width: number; height: number };
  /** Use this extensions folder as it is (e.g. a .vsix installed into it) instead of staging dist/. */
  extensionsDir?: string;
}

export interface WebviewQuery {
  /** A CSS selector that must exist in the webview's document. */
  contains?: string;
  /** Extension that owns the webview (default Model Lens); null: any webview (e.g. a walkthrough's). */
  extensionId?: string | null;
  /** Text that must appear in the webview's body. */
  text?: string;
  timeoutMs?: number;
}

export class Workbench {
  private constructor(
    readonly page: Page,
    /** Absolute path of the workspace folder (a throw-away copy). */
    readonly workspace: string,
    private readonly browser: Browser,
    private readonly server: Pick<RunningServer, 'logs' | 'stop'>,
    private readonly workDir: string | undefined,
  ) {}

  /** A browser on a workbench someone else serves (e.g. `npm start`); stop() closes only the browser. */
  static async connect(url: string, workspace: string, viewport = { width: 1400, height: 900 }): Promise<Workbench> {
    const noServer = { logs: () => '', stop: async () => undefined };
    return Workbench.openBrowser(url, workspace, viewport, noServer, undefined);
  }

  private static async openBrowser(url: string, workspace: string, viewport: { width: number; height: number }, server: Pick<RunningServer, 'logs' | 'stop'>, workDir: string | undefined): Promise<Workbench> {
    const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: chromiumArgs });
    try {
      const page = await browser.newPage({ viewport });
      // The workbench page is ~10 MB of scripts served by code-server: on a machine whose cores
      // are taken (CI beside other jobs) loading it takes longer than Playwright's 30 s default.
      await page.goto(`${url}?folder=${encodeURIComponent(workspace)}`, { timeout: 90_000 });
      await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
      await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
      // Extension contributions (commands in the palette, views) arrive after the workbench
      // renders; the activity-bar icon is the sign that Model Lens's manifest is registered.
      await page.locator(modelLensIcon).first().waitFor({ timeout: 60_000 });
      return new Workbench(page, workspace, browser, server, workDir);
    } catch (err) {
      await browser.close();
      await server.stop();
      if (workDir) rmSync(workDir, { recursive: true, force: true });
      throw err;
    }
  }

  static async start(options: WorkbenchOptions = {}): Promise<Workbench> {
    const cs = await import('../../scripts/codeServer.mjs');
    const workDir = mkdtempSync(join(tmpdir(), 'model-lens-e2e-'));
    const workspace = join(workDir, 'workspace');
    cs.copyWorkspace(workspace, options.folder);
    for (const [rel, text] of Object.entries(options.files ?? {})) {
      mkdirSync(dirname(join(workspace, rel)), { recursive: true });
      writeFileSync(join(workspace, rel), text);
    }
    const extensionsDir = options.extensionsDir ?? join(workDir, 'extensions');
    const userDataDir = join(workDir, 'user-data');
    if (!options.extensionsDir) cs.stageExtension(extensionsDir);
    // The scenarios written for the TensorFlow.js engine pin it (this machine has PyTorch, which
    // `auto` would pick); the PyTorch scenarios set 'modelLens.engine' themselves.
    // Exact shapes from PyTorch are pinned off likewise (they change hints a moment after the static
    // answer); test/e2e/runtimeShapes turns them on.
    cs.writeUserSettings(userDataDir, { trust: options.trust ?? false, settings: { 'modelLens.engine': 'wasm', 'modelLens.runtimeShapes.enabled': false, ...options.settings } });
    const server = await cs.startCodeServer({
      folder: workspace, extensionsDir, userDataDir, quiet: true,
      trust: options.trust ?? false, env: options.env ?? {}, ...(options.locale ? { locale: options.locale } : {}),
    });
    return Workbench.openBrowser(server.url, workspace, options.viewport ?? { width: 1400, height: 900 }, server, workDir);
  }

  /**
   * The text of the extension host's log files whose name contains `name` (an output channel,
   * e.g. "Model Lens", or "exthost"), oldest first; '' when there are none (or no server of ours).
   */
  extensionLog(name: string): string {
    if (!this.workDir) return '';
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (entry.name.includes(name) && entry.name.endsWith('.log')) found.push(p);
      }
    };
    const logs = join(this.workDir, 'user-data', 'logs');
    if (existsSync(logs)) walk(logs);
    return found.sort().map((f) => readFileSync(f, 'utf8')).join('\n');
  }

  /** code-server's own output (startup, extension host crashes). */
  logs(): string {
    return this.server.logs();
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    if (this.workDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  private get quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  /** Opens the command palette (F1) with `text` typed after the ">" prefix. */
  async openPalette(text = ''): Promise<void> {
    await this.typeInQuickInput(`>${text}`);
  }

  /**
   * Opens the quick input (F1), replaces its text with `text` and waits for `ready` (e.g. a
   * provider's row). A webview that finishes loading can take focus and close the quick input at
   * any point of this (seen in CI right after the Model Lens view opened), so the whole sequence
   * is the retried unit.
   */
  private async typeInQuickInput(text: string, ready?: () => Promise<void>): Promise<void> {
    const input = this.quickInput.locator('.quick-input-box input');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Escape');
      // Keys go to the focused frame: a webview that has focus but never loaded would swallow F1.
      await this.page.evaluate('document.activeElement instanceof HTMLIFrameElement && document.activeElement.blur()');
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: 5000 });
        await input.fill(text, { timeout: 5000 });
        if (ready) await ready();
        return;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
  }

  /** Labels of the quick-input rows currently shown (e.g. palette results), in order. */
  async quickItems(): Promise<string[]> {
    const rows = this.quickInput.locator('.quick-input-list .monaco-list-row .label-name');
    return (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Palette entries matching `filter`; closes the palette again. */
  async paletteItems(filter: string): Promise<string[]> {
    await this.openPalette(filter);
    // Results are filtered asynchronously; wait until the list shows something for this filter.
    await this.quickInput.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    const items = await this.quickItems();
    await this.page.keyboard.press('Escape');
    return items;
  }

  /** Runs a command by its palette title, e.g. "Model Lens: Train Sample Model". */
  async runCommand(title: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // The palette lists what the context allows when it opens (e.g. Markdown commands once the
    // editor's language is known); a command that is not there yet gets a fresh palette.
    for (;;) {
      await this.openPalette(title);
      try {
        await this.pickQuickItem(title, { exact: true, timeoutMs: Math.min(5000, Math.max(1, deadline - Date.now())) });
        return;
      } catch (err) {
        if (Date.now() > deadline) {
          const shown = await this.quickItems().catch(() => []);
          throw new Error(`no palette entry "${title}" within ${timeoutMs} ms (shown: ${shown.join(' | ') || 'nothing'})`, { cause: err });
        }
      }
    }
  }

  /**
   * Chooses the quick-pick row whose label contains (or equals) `label`, with the keyboard as a
   * person can: a tooltip left open where the mouse rests (seen on a loaded machine: a
   * `.context-view` hover over the list) would swallow a click.
   */
  async pickQuickItem(label: string, { exact = false, timeoutMs = 15_000 } = {}): Promise<void> {
    const rows = this.quickInput.locator('.quick-input-list .monaco-list-row');
    const row = rows.filter({ has: this.page.locator('.label-name', exact ? { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) } : { hasText: label }) }).first();
    await row.waitFor({ timeout: timeoutMs });
    const wanted = await row.getAttribute('data-index');
    const focusedIndex = async (): Promise<string | null> => rows.and(this.page.locator('.focused')).first().getAttribute('data-index', { timeout: 1000 }).catch(() => null);
    for (let moves = 0; wanted !== null && moves < 200; moves++) {
      const at = await focusedIndex();
      if (at === wanted) {
        await this.page.keyboard.press('Enter');
        return;
      }
      if (at === null) break;
      await this.page.keyboard.press(Number(at) < Number(wanted) ? 'ArrowDown' : 'ArrowUp');
    }
    await row.click({ timeout: 5000 });
  }

  /** Opens a workspace file through Quick Open (path relative to the workspace). */
  async openFile(relativePath: string): Promise<void> {
    await this.typeInQuickInput(relativePath);
    await this.pickQuickItem(relativePath.split('/').pop() ?? relativePath);
    const tabName = relativePath.split('/').pop() ?? relativePath;
    await this.page.locator(`.tabs-container .tab[aria-label*="${tabName}"]`).first().waitFor();
  }

  /** Moves the cursor to a 1-based line and column (Go to Line), scrolling it into view. */
  async goTo(line: number, column = 1): Promise<void> {
    // Enter only once the Go to Line provider has understood the text, or it is lost.
    const row = this.quickInput.locator('.quick-input-list .monaco-list-row', { hasText: `${line}` }).filter({ visible: true }).first();
    await this.typeInQuickInput(`:${line}:${column}`, () => row.waitFor({ timeout: 10_000 }));
    await this.page.keyboard.press('Enter');
    await this.page.locator('.part.statusbar', { hasText: `Ln ${line}, Col ${column}` }).waitFor();
    await this.page.locator('.monaco-editor.focused').first().waitFor();
  }

  /**
   * Rests the mouse on the character at a 1-based line/column of the active editor and returns the
   * hover's text once it shows. `hoverLocator()` gives the hover itself (images, links).
   */
  async hoverAt(line: number, column: number, timeoutMs = 15_000): Promise<string> {
    await this.goTo(line, column);
    const cursor = this.page.locator('.monaco-editor.focused .cursors-layer .cursor').first();
    const hover = this.hoverLocator();
    const deadline = Date.now() + timeoutMs;
    // A hover whose providers answer nothing yet (a language server still starting) closes again;
    // a person would move the mouse away and back, and so does this. The cursor is measured on
    // every try and again once the hover has text: a CodeLens or an inlay hint that arrives in
    // between moves the text under the mouse, and the hover would belong to another line.
    for (;;) {
      const box = await cursor.boundingBox();
      if (!box) throw new Error(`no cursor at ${line}:${column}`);
      await this.page.mouse.move(box.x + 200, box.y + 200);
      await this.page.mouse.move(box.x + 4, box.y + box.height / 2, { steps: 4 });
      const shown = await hover.waitFor({ state: 'visible', timeout: Math.min(5000, Math.max(1, deadline - Date.now())) }).then(() => true, () => false);
      if (shown) {
        // Providers answer asynchronously; the hover shows a placeholder until the first one does.
        for (;;) {
          const text = (await hover.innerText().catch(() => '')).trim();
          if (text && !/^(Loading\.\.\.|正在加载\.\.\.)$/.test(text)) {
            const now = await cursor.boundingBox();
            if (now && Math.abs(now.x - box.x) < 2 && Math.abs(now.y - box.y) < 2) return text;
            await this.page.keyboard.press('Escape');
            break;
          }
          if (Date.now() > deadline || !(await hover.isVisible())) break;
          await this.page.waitForTimeout(100);
        }
      }
      if (Date.now() > deadline) throw new Error(`no hover at ${line}:${column} within ${timeoutMs} ms`);
    }
  }

  /**
   * The editor's hover. The workbench's own tooltips (a tab's path, an activity-bar label) are
   * `.monaco-hover.workbench-hover` too, and one can be showing where the mouse passed: never them.
   */
  hoverLocator() {
    return this.page.locator('.monaco-hover:not(.hidden):not(.workbench-hover) .monaco-hover-content').first();
  }

  /** Clicks the Model Lens icon in the activity bar and waits for its side bar. */
  async openModelLensView(): Promise<void> {
    const title = this.page.locator('.part.sidebar .composite.title', { hasText: /model lens/i });
    // The icon toggles: clicking it while the container is open would close the side bar.
    if (await title.isVisible()) return;
    await this.page.locator(modelLensIcon).first().click();
    await title.waitFor();
  }

  /**
   * The document inside a webview. VS Code puts each webview in an iframe (class "webview", its
   * src names the owning extension) that hosts the extension's HTML in a nested iframe
   * (#active-frame). Waits until one matches the query.
   */
  async webview(query: WebviewQuery = {}): Promise<Frame> {
    const extensionId = query.extensionId === undefined ? modelLensExtensionId : query.extensionId;
    const deadline = Date.now() + (query.timeoutMs ?? 30_000);
    const isWebviewHost = (url: string) => url.includes('/webview/') || url.includes('extensionId=');
    for (;;) {
      for (const outer of this.page.frames()) {
        if (!isWebviewHost(outer.url())) continue;
        if (extensionId !== null && !outer.url().includes(`extensionId=${encodeURIComponent(extensionId)}`) && !outer.url().includes(`extensionId=${extensionId}`)) continue;
        for (const inner of outer.childFrames()) {
          if (inner.isDetached()) continue;
          if (query.contains && (await inner.$(query.contains).catch(() => null)) === null) continue;
          if (query.text && !(await inner.evaluate<string>('document.body ? document.body.innerText : ""').catch(() => '')).includes(query.text)) continue;
          return inner;
        }
      }
      if (Date.now() > deadline) {
        throw new Error(`no webview of ${extensionId ?? 'any extension'}${query.contains ? ` containing ${query.contains}` : ''}${query.text ? ` with text "${query.text}"` : ''} within ${query.timeoutMs ?? 30_000} ms`);
      }
      await this.page.waitForTimeout(200);
    }
  }

  /** A FrameLocator for the n-th webview of an extension (auto-waiting Playwright locators). */
  webviewLocator(n = 0, extensionId = modelLensExtensionId): FrameLocator {
    return this.page.locator(`iframe.webview[src*="extensionId=${extensionId}"]`).nth(n).contentFrame().locator('iframe#active-frame').contentFrame();
  }

  /** Evaluates an expression (or a function) inside a webview's document. */
  async evaluateInWebview<T>(query: WebviewQuery, expression: string | (() => T | Promise<T>)): Promise<T> {
    const frame = await this.webview(query);
    return typeof expression === 'string' ? frame.evaluate<T>(expression) : frame.evaluate(expression);
  }

  /** Visible text of the Output panel (after e.g. "Model Lens: Show Log"). */
  async outputText(contains?: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const lines = this.page.locator('.part.panel .monaco-editor .view-lines');
    await lines.first().waitFor({ timeout: timeoutMs });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Monaco renders spaces as no-break spaces.
      const text = (await lines.first().innerText()).replace(/\u00a0/g, ' ');
      const found = contains === undefined || (typeof contains === 'string' ? text.includes(contains) : contains.test(text));
      if (found || Date.now() > deadline) return text;
      await this.page.waitForTimeout(200);
    }
  }

  /** Texts of the notification toasts currently visible. */
  async notifications(): Promise<string[]> {
    return (await this.page.locator('.notifications-toasts .notification-list-item-message').allTextContents()).map((t) => t.trim());
  }

  async waitForNotification(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first();
    await toast.waitFor({ timeout: timeoutMs });
    return (await toast.textContent())?.trim() ?? '';
  }

  /** Saves a full-window screenshot to test-results/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** For afterEach: keeps a screenshot of the window when a test failed. */
export async function captureOnFailure(wb: Workbench | undefined, ctx: Mocha.Context): Promise<void> {
  const test = ctx.currentTest;
  if (!wb || !test || test.state !== 'failed') return;
  const file = await wb.screenshot(`FAILED-${test.fullTitle()}`).catch(() => undefined);
  if (file && existsSync(file)) console.log(`      screenshot of the failure: ${file}`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Polls `probe` until it answers true (a throw counts as false); fails after `timeoutMs`. */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 90_000, everyMs = 300): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** How many pixels of the canvas `selector` are painted inside `region` (fractions x0, y0, x1, y1). */
export function paintedPixels(frame: Frame, selector: string, region: [number, number, number, number] = [0, 0, 1, 1]): Promise<number> {
  return frame.evaluate(`(() => {
    const c = document.querySelector(${JSON.stringify(selector)});
    if (!c || !c.width) return 0;
    const [x0, y0, x1, y1] = ${JSON.stringify(region)};
    const d = c.getContext('2d').getImageData(Math.floor(c.width * x0), Math.floor(c.height * y0), Math.max(1, Math.floor(c.width * (x1 - x0))), Math.max(1, Math.floor(c.height * (y1 - y0)))).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  })()`);
}
