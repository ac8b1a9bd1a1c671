// The hover model and its two renderings: the Markdown VS Code shows and the text / JSON
// `model-lens explain` prints carry the same numbers; and text from the user's file never becomes
// a link, markup or an icon, checked by rendering the Markdown the way VS Code 1.100 does
// (marked 14.0.0 with GFM, then its theme-icon pass).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { marked } from 'marked';
import { analyzeText } from '../../src/analysis/analyze';
import type { AnalysisResult, SourceLanguage } from '../../src/analysis/types';
import { createMathSvgRenderer } from '../../src/formula/mathSvg';
import { codeSpan, escapeMd, hoverMarkdown } from '../../src/host/editor/hoverMarkdown';
import { calleeAt, hoverTargetAt, hoverTargetOnLine, hoverView, type HoverView } from '../../src/hover/hoverModel';
import { hoverJson, hoverText } from '../../src/hover/hoverText';
import { FIXTURES, read, testParsers } from './analysisSupport';

const renderer = createMathSvgRenderer();

/** VS Code's hover pipeline: escaped icons kept escaped, marked (GFM), then `$(name)` → icon. */
const ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/;
function renderLikeVsCode(markdown: string): { html: string; icons: string[] } {
  const value = markdown.replace(new RegExp(`\\\\${ICON.source}`, 'g'), (m) => `\\${m}`);
  const html = marked.parse(value, { gfm: true, async: false });
  const icons: string[] = [];
  const withIcons = html.replace(new RegExp(`(\\\\)?${ICON.source}`, 'g'), (m, escaped: string | undefined) => {
    if (escaped) return m.slice(1);
    icons.push(m);
    return `<span class="codicon">`;
  });
  return { html: withIcons, icons };
}

async function analyze(text: string, language: SourceLanguage): Promise<AnalysisResult> {
  return analyzeText(await testParsers(), text, language);
}

function viewAt(result: AnalysisResult, text: string, needle: string, offset: number, language: SourceLanguage): HoverView {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, needle);
  const character = (lines[line] ?? '').indexOf(needle) + offset;
  const target = hoverTargetAt(result, lines[line] ?? '', { line, character }, language === 'python' ? 'pytorch' : 'tfjs');
  assert.ok(target, `nothing at ${needle}`);
  return hoverView(target, 'en');
}

describe('hover model', () => {
  const cnnText = read(join(FIXTURES, 'pytorch', 'simpleCnn.py'));

  it('describes a layer constructor: shapes, parameters, formula, the formula with its numbers', async () => {
    const view = viewAt(await analyze(cnnText, 'python'), cnnText, 'nn.Conv2d(in_channels=1', 4, 'python');
    assert.equal(view.kind, 'layer');
    assert.equal(view.name, 'conv1');
    assert.equal(view.callee, 'nn.Conv2d');
    assert.equal(view.concept?.id, 'conv2d-layer');
    assert.deepEqual(view.outputs, [{ known: true, shape: [64, 16, 28, 28] }]);
    assert.equal(view.params, 160);
    assert.deepEqual(view.withYourNumbers.map((s) => s.text), ['H_out = ⌊(28 + 2·1 − 1·(3−1) − 1)/1⌋ + 1 = 28', 'W_out = ⌊(28 + 2·1 − 1·(3−1) − 1)/1⌋ + 1 = 28', '#params = 16·1·3·3 + 16 = 160']);
    assert.equal(view.withYourNumbers.find((s) => s.quantity === 'params')?.value, view.params);
    assert.equal(view.formulas.length, 1);
    assert.equal(view.model?.name, 'SimpleCNN');
  });

  it('on a layer used twice: each call from the constructor, one call from a call', async () => {
    const result = await analyze(cnnText, 'python');
    assert.equal(viewAt(result, cnnText, 'nn.MaxPool2d', 4, 'python').outputs.length, 2);
    const call = viewAt(result, cnnText, 'self.pool(self.relu(self.conv2', 6, 'python');
    assert.deepEqual(call.outputs, [{ known: true, shape: [64, 32, 7, 7] }]);
    assert.deepEqual(call.input, { known: true, shape: [64, 32, 14, 14] });
  });

  it('describes a known API name without a layer, and finds nothing on plain code', async () => {
    const text = 'import torch.nn.functional as F\n\ny = F.relu(x)\nz = w + 1\n';
    const result = await analyze(text, 'python');
    const target = hoverTargetAt(result, 'y = F.relu(x)', { line: 2, character: 6 }, 'pytorch');
    assert.equal(target?.kind, 'api');
    const view = hoverView(target!, 'zh-cn');
    assert.equal(view.concept?.id, 'relu');
    assert.match(view.explanation ?? '', /死亡/);
    assert.equal(hoverTargetAt(result, 'z = w + 1', { line: 3, character: 4 }, 'pytorch'), undefined);
    assert.equal(hoverTargetOnLine(result, 'y = F.relu(x)', 2, 'pytorch')?.kind, 'api');
  });

  it('takes the word under the cursor as VS Code would (identifier paths)', () => {
    assert.deepEqual(calleeAt('    x = self.conv1(x)', 12), { text: 'self.conv1', start: 8, end: 18 });
    assert.deepEqual(calleeAt('tf.layers.dense({ units: 4 })', 0), { text: 'tf.layers.dense', start: 0, end: 15 });
    assert.equal(calleeAt('  (1, 2)', 4), undefined);
  });

  it('the Markdown and the text carry the same numbers', async () => {
    const tfText = read(join(FIXTURES, 'tfjs', 'recurrent.ts'));
    const cases: [string, string, number, SourceLanguage][] = [
      [cnnText, 'nn.Conv2d(in_channels=16', 4, 'python'],
      [cnnText, 'nn.Linear(32 * 7 * 7', 4, 'python'],
      [tfText, 'tf.layers.lstm', 12, 'typescript'],
    ];
    for (const [text, needle, offset, language] of cases) {
      const view = viewAt(await analyze(text, language), text, needle, offset, language);
      const md = hoverMarkdown(view, { renderer, lang: 'en', theme: 'dark' });
      const plain = hoverText(view, 'en');
      assert.ok(view.withYourNumbers.length > 0, needle);
      for (const s of view.withYourNumbers) {
        assert.ok(md.includes(s.text), `${needle}: Markdown lacks ${s.text}`);
        assert.ok(plain.includes(s.text) && plain.includes(s.latex) && plain.includes(s.formula), `${needle}: text lacks ${s.text}`);
      }
      const params = (view.params ?? 0).toLocaleString('en-US');
      assert.ok(md.includes(`| ${params} |`) && plain.includes(params), needle);
      const json = JSON.parse(JSON.stringify(hoverJson(view, 'en'))) as { params: number; withYourNumbers: { value: number }[] };
      assert.equal(json.params, view.params);
      assert.deepEqual(json.withYourNumbers.map((s) => s.value), view.withYourNumbers.map((s) => s.value));
    }
  });

  it('a count the analysis does not know says why, in both languages and every rendering (not a bare "?")', async () => {
    // The vocabulary comes from a file read at run time, as in a character-level GPT tutorial.
    const text = 'import torch\nimport torch.nn as nn\n\nchars = sorted(set(open("input.txt").read()))\nvocab_size = len(chars)\n\n\nclass Tiny(nn.Module):\n    def __init__(self, n_embd=32):\n        super().__init__()\n        self.tok = nn.Embedding(vocab_size, n_embd)\n        self.head = nn.Linear(n_embd, vocab_size)\n\n    def forward(self, idx):\n        return self.head(self.tok(idx))\n\n\nout = Tiny()(torch.zeros(4, 8, dtype=torch.long))\n';
    const result = await analyze(text, 'python');
    const model = result.models.find((m) => m.name === 'Tiny');
    assert.ok(model);
    assert.equal(model.totalParams, null);
    assert.match(model.totalParamsUnknown?.en ?? '', /^Embedding: num_embeddings is not known/);
    const head = model.layers.find((l) => l.name === 'head')!;
    assert.equal(head.params, null);
    assert.match(head.paramsUnknown?.en ?? '', /^Linear: out_features is not known/);
    assert.match(head.paramsUnknown?.['zh-cn'] ?? '', /^Linear：out_features 未知/);
    // The input is known ([4, 8, 32]): the output's reason is the setting, not the input.
    assert.ok(!head.output.known && /out_features is not known/.test(head.output.reason.en), JSON.stringify(head.output));
    const tok = model.layers.find((l) => l.name === 'tok')!;
    assert.deepEqual(tok.output, { known: true, shape: [4, 8, 32] });
    for (const lang of ['en', 'zh-cn'] as const) {
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes('nn.Linear(n_embd'));
      const target = hoverTargetAt(result, lines[line]!, { line, character: lines[line]!.indexOf('nn.Linear') + 4 }, 'pytorch');
      assert.ok(target);
      const view = hoverView(target, lang);
      const why = head.paramsUnknown![lang];
      assert.ok(hoverText(view, lang).includes(why), hoverText(view, lang));
      assert.equal((hoverJson(view, lang) as { paramsUnknownReason: string | null }).paramsUnknownReason, why);
      assert.ok(renderLikeVsCode(hoverMarkdown(view, { renderer, lang, theme: 'dark' })).html.includes(why.replace(/[()]/g, '').slice(0, 20)), lang);
    }
  });
});

describe('hover text from the user’s file stays text (issue 13, defect 8)', () => {
  const hostile = [
    'http://evil.example/x',
    'www.evil.example',
    'me@evil.example',
    '[click](https://evil.example)',
    '<img src=x onerror=alert(1)>',
    '$(alert) **bold** _it_ `code` | pipe',
  ];

  it('escapes every ASCII punctuation character and breaks icon syntax', () => {
    assert.equal(escapeMd('a.b:c/d'), 'a\\.b\\:c\\/d');
    assert.equal(escapeMd('line\nbreak'), 'line break');
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`x`'), '`` `x` ``');
    assert.equal(codeSpan('a|b', true), '`a\\|b`');
    assert.doesNotMatch(escapeMd('$(alert)'), /\$\(/);
  });

  it('renders layer names, model names and reasons from a tfjs file as literal text', async () => {
    const layers = hostile.map((name, i) => `model.add(tf.layers.dense({ name: ${JSON.stringify(name)}, units: ${i + 2}${i === 0 ? ', inputShape: [4]' : ''} }));`);
    const text = [
      'const model = tf.sequential();',
      ...layers,
      "model.add(tf.layers.conv1d({ name: 'pad', filters: 2, kernelSize: 2, padding: 'http://pad.example/p' }));",
      '',
    ].join('\n');
    const result = await analyze(text, 'javascript');
    const lines = text.split('\n');
    let checked = 0;
    for (const [i, line] of lines.entries()) {
      const col = line.indexOf('tf.layers.');
      if (col < 0) continue;
      const target = hoverTargetAt(result, line, { line: i, character: col + 3 }, 'tfjs');
      assert.ok(target?.kind === 'layer', line);
      const view = hoverView(target, 'en');
      const { html, icons } = renderLikeVsCode(hoverMarkdown(view, { renderer, lang: 'en', theme: 'dark' }));
      const links = [...html.matchAll(/<a\b[^>]*href="([^"]*)"/g)].map((m) => m[1]);
      assert.ok(links.length === 1 && links[0]?.startsWith('command:modelLens.showConcept?'), `${view.name}: links ${links.join(', ')}`);
      assert.deepEqual(icons, ['$(book)'], `${view.name}: icons`);
      for (const img of html.matchAll(/<img\b[^>]*src="([^"]*)"/g)) assert.match(img[1] ?? '', /^data:image\/svg\+xml;base64,/, view.name);
      assert.doesNotMatch(html, /<img src=x/);
      assert.doesNotMatch(html, /<strong>bold<\/strong>|<em>it<\/em>/);
      checked++;
    }
    assert.equal(checked, hostile.length + 1);
    // The padding value reaches the hover as part of the unknown-shape reason, and stays text.
    const padLine = lines.findIndex((l) => l.includes("name: 'pad'"));
    const pad = hoverView(hoverTargetAt(result, lines[padLine]!, { line: padLine, character: 12 }, 'tfjs')!, 'en');
    const padHtml = renderLikeVsCode(hoverMarkdown(pad, { renderer, lang: 'en', theme: 'dark' })).html;
    assert.match(padHtml, /http:\/\/pad\.example\/p/);
    assert.doesNotMatch(padHtml, /href="http/);
  });

  it('keeps the names readable: they appear verbatim in the rendered text', async () => {
    const text = `const model = tf.sequential();\nmodel.add(tf.layers.dense({ name: 'http://evil.example/x', units: 2, inputShape: [4] }));\n`;
    const result = await analyze(text, 'javascript');
    const line = text.split('\n')[1]!;
    const view = hoverView(hoverTargetAt(result, line, { line: 1, character: line.indexOf('dense') }, 'tfjs')!, 'en');
    const { html } = renderLikeVsCode(hoverMarkdown(view, { renderer, lang: 'en', theme: 'dark' }));
    assert.match(html, /<strong>http:\/\/evil\.example\/x<\/strong>/);
  });
});
