// What a person sees in the editor, in code-server in a real browser: hovering nn.Conv2d in the
// document's CNN shows the formula as an image and the shape, in a light and a dark theme; inlay
// hints and a shape diagnostic appear on the document's CNN, RNN and Transformer code and on a tfjs
// sample. Screenshots land in test-results/.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbench, captureOnFailure } from './workbench';

const fixtures = join(__dirname, '..', 'fixtures');
const read = (rel: string): string => readFileSync(join(fixtures, rel), 'utf8');

const files = {
  'models/simple_cnn.py': read('pytorch/simpleCnn.py'),
  'models/simple_rnn.py': read('pytorch/simpleRnn.py'),
  'models/transformer.py': read('pytorch/transformer.py'),
  'models/cnn_32px.py': read('pytorch/simpleCnnMismatch.py'),
  // Layer names are any string in tfjs: they must reach the hover as text (issue 13, defect 8).
  'models/hostile.js': [
    'const model = tf.sequential();',
    "model.add(tf.layers.dense({ name: 'http://evil.example/x', units: 4, inputShape: [5] }));",
    "model.add(tf.layers.dense({ name: '$(alert) [click](https://evil.example) **b**', units: 2 }));",
    '',
  ].join('\n'),
};

/** 1-based line and column of the first occurrence of `needle` (plus an offset into it). */
function where(text: string, needle: string, offset = 0): { line: number; column: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `"${needle}" not found`);
  const before = text.slice(0, i + offset);
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

async function formulaImages(wb: Workbench): Promise<{ src: string; width: number }[]> {
  const imgs = wb.hoverLocator().locator('img');
  await imgs.first().waitFor({ timeout: 15_000 });
  // Wait until the browser has decoded the SVG: a broken image has naturalWidth 0.
  // (Browser-side code as strings: this project's TypeScript has no DOM library.)
  await wb.page.waitForFunction("[...document.querySelectorAll('.monaco-hover img')].some((i) => i.complete && i.naturalWidth > 0)", undefined, { timeout: 15_000 });
  type Img = { src: string; naturalWidth: number };
  return imgs.evaluateAll((list) => list.map((i) => ({ src: (i as unknown as Img).src.slice(0, 40), width: (i as unknown as Img).naturalWidth })));
}

for (const theme of [
  { name: 'light', id: 'Default Light Modern' },
  { name: 'dark', id: 'Default Dark Modern' },
]) {
  describe(`editor in code-server (${theme.name} theme)`, function () {
    let wb: Workbench | undefined;

    before(async () => {
      wb = await Workbench.start({ files, settings: { 'workbench.colorTheme': theme.id, 'modelLens.language': 'en', 'editor.hover.delay': 150 } });
    });
    afterEach(async function () {
      await captureOnFailure(wb, this);
    });
    after(async () => {
      await wb?.stop();
    });

    it('hover over nn.Conv2d in the document CNN shows the formula image and the shape', async () => {
      assert.ok(wb);
      await wb.openFile('models/simple_cnn.py');
      const at = where(files['models/simple_cnn.py'], 'nn.Conv2d(in_channels=1', 4);
      const text = await wb.hoverAt(at.line, at.column, 60_000);
      assert.ok(text.includes('[64, 16, 28, 28]'), `hover text:\n${text}`);
      assert.ok(text.includes('conv1'), text);
      assert.match(text, /H_out = ⌊\(28 \+ 2·1 − .*⌋ \+ 1 = 28/);
      const imgs = await formulaImages(wb);
      assert.ok(imgs.some((i) => i.src.startsWith('data:image/svg+xml') && i.width > 0), JSON.stringify(imgs));
      await wb.screenshot(`editor-hover-conv2d-${theme.name}`);
    });

    if (theme.name === 'light') {
      it('shows inlay shape hints on the document CNN', async () => {
        assert.ok(wb);
        await wb.page.keyboard.press('Escape');
        const lines = wb.page.locator('.monaco-editor .view-lines');
        await wb.page.waitForFunction("(document.querySelector('.monaco-editor .view-lines')?.innerText ?? '').replace(/\\u00a0/g, ' ').includes('→ [64, 16, 28, 28] · 160 params')", undefined, { timeout: 20_000 });
        const shown = (await lines.first().innerText()).replace(/\u00a0/g, ' ');
        assert.ok(shown.includes('→ [64, 32, 14, 14] · 4,640 params'), shown);
        await wb.screenshot('editor-inlay-hints-cnn');
      });

      it('hovers the RNN layer of the document SimpleRNN with its sizes from module-level constants', async () => {
        assert.ok(wb);
        await wb.openFile('models/simple_rnn.py');
        const at = where(files['models/simple_rnn.py'], 'nn.RNN(input_size', 4);
        const text = await wb.hoverAt(at.line, at.column, 30_000);
        assert.ok(text.includes('[64, 28, 128]') && text.includes('53,248'), text);
        await formulaImages(wb);
        await wb.screenshot('editor-hover-rnn');
      });

      it("hovers a Linear inside the document's Transformer attention block", async () => {
        assert.ok(wb);
        await wb.openFile('models/transformer.py');
        const at = where(files['models/transformer.py'], 'self.w_q = nn.Linear', 'self.w_q = nn.'.length + 1);
        const text = await wb.hoverAt(at.line, at.column, 30_000);
        assert.ok(text.includes('[8, 10, 64]') && text.includes('4,096'), text);
        await wb.screenshot('editor-hover-transformer');
      });

      it('shows the mismatch diagnostic with both numbers on the broken CNN', async () => {
        assert.ok(wb);
        await wb.openFile('models/cnn_32px.py');
        const at = where(files['models/cnn_32px.py'], 'nn.Linear(32 * 7 * 7', 'nn.Linear('.length + 1);
        const text = await wb.hoverAt(at.line, at.column, 30_000);
        assert.ok(text.includes('fc1 expects 1568 features, gets 2048 = 32·8·8'), text);
        await wb.page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 10_000 });
        await wb.screenshot('editor-diagnostic-mismatch');
      });

      it('a layer named like a URL, a link or an icon stays text in the hover', async () => {
        assert.ok(wb);
        await wb.openFile('models/hostile.js');
        const cases = [["tf.layers.dense({ name: 'http", 'http://evil.example/x'], ["tf.layers.dense({ name: '$(alert)", '$(alert) [click](https://evil.example) **b**']] as const;
        for (const [i, [needle, name]] of cases.entries()) {
          const at = where(files['models/hostile.js'], needle, 'tf.layers.'.length + 2);
          const text = await wb.hoverAt(at.line, at.column, 120_000);
          // (a word joiner keeps `$(` from being read as an icon; it is invisible)
          assert.ok(text.replace(/\u2060/g, '').includes(name), `the name, verbatim:\n${text}`);
          type Anchor = { href: string; dataHref: string | null };
          const anchors = await wb.hoverLocator().locator('a').evaluateAll((list) => list.map((a) => ({ href: (a as unknown as { href: string }).href, dataHref: (a as unknown as { getAttribute(n: string): string | null }).getAttribute('data-href') })));
          const targets = (anchors as Anchor[]).map((a) => a.dataHref ?? a.href);
          assert.ok(targets.every((h) => h.startsWith('command:modelLens.showConcept')), `only our command link: ${JSON.stringify(targets)}`);
          assert.equal(await wb.hoverLocator().locator('.codicon-alert').count(), 0, 'no icon from the name');
          assert.equal(await wb.hoverLocator().locator('strong', { hasText: /^b$/ }).count(), 0, 'no bold from the name');
          await wb.screenshot(`editor-hover-hostile-names-${i + 1}`);
          await wb.page.keyboard.press('Escape');
        }
      });

      it('hovers a tf.layers.conv2d in the cnnMnist sample (tfjs)', async () => {
        assert.ok(wb);
        await wb.openFile('cnnMnist.js');
        const sample = readFileSync(join(__dirname, '..', '..', 'samples', 'cnnMnist.js'), 'utf8');
        const at = where(sample, "tf.layers.conv2d({ name: 'conv1'", 'tf.layers.'.length + 2);
        // VS Code's own TypeScript features start with the first .js file and, on a loaded machine,
        // can hold the hover back for a while ("Activating Extensions…"): allow for it.
        const text = await wb.hoverAt(at.line, at.column, 120_000);
        assert.ok(text.includes('[null, 28, 28, 16]'), text);
        await formulaImages(wb);
        await wb.screenshot('editor-hover-tfjs-sample');
      });
    }
  });
}
