import * as assert from 'node:assert/strict';
import { createMathSvgRenderer, svgDataUri, THEME_FOREGROUND, type ThemeKind } from '../../src/formula/mathSvg';
import { allConcepts } from '../../src/knowledge/lookup';

describe('formula → SVG (MathJax)', () => {
  it('renders every formula of the knowledge base (as shown and as the document wrote it)', () => {
    const renderer = createMathSvgRenderer(10_000);
    const failures: string[] = [];
    let count = 0;
    for (const c of allConcepts()) {
      for (const f of c.formulas) {
        for (const latex of [f.corrected ?? f.latex, f.latex]) {
          const out = renderer.render(latex, { theme: 'dark' });
          count++;
          if (!out.ok) failures.push(`${c.id} (${f.docLine ?? 'ref'}): ${out.error ?? ''}`);
          else {
            assert.match(out.svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
            assert.ok(out.widthPx > 0 && out.heightPx > 0, c.id);
            assert.ok(!out.svg.includes('currentColor'), c.id);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(count > 100);
  });

  it('bakes the theme colour and px size into a self-contained SVG', () => {
    const renderer = createMathSvgRenderer();
    for (const theme of ['light', 'dark', 'highContrast', 'highContrastLight'] as ThemeKind[]) {
      const out = renderer.render('f(z) = \\max(0, z)', { theme });
      assert.ok(out.ok);
      assert.ok(out.svg.includes(THEME_FOREGROUND[theme]), theme);
      assert.match(out.svg, /width="[\d.]+px" height="[\d.]+px"/);
      // Self-contained: only in-document references (#id), no external fonts or files.
      assert.ok(!/(href|src)="(?!#)/.test(out.svg), theme);
      assert.ok(!/@font-face|url\(/.test(out.svg), theme);
    }
    assert.notEqual(renderer.render('x', { theme: 'light' }).svg, renderer.render('x', { theme: 'dark' }).svg);
    const explicit = renderer.render('x^2', { theme: 'dark', color: '#ff8800' });
    assert.ok(explicit.svg.includes('#ff8800'));
  });

  it('scales with the requested font size', () => {
    const renderer = createMathSvgRenderer();
    const small = renderer.render('\\frac{a}{b}', { theme: 'dark', fontSizePx: 10 });
    const large = renderer.render('\\frac{a}{b}', { theme: 'dark', fontSizePx: 20 });
    assert.ok(Math.abs(large.heightPx - 2 * small.heightPx) < 0.05, `${small.heightPx} → ${large.heightPx}`);
  });

  it('serves a repeated render from the cache (the same string) and evicts the least recently used', () => {
    const renderer = createMathSvgRenderer(2);
    const a = renderer.render('a+b', { theme: 'dark' });
    assert.equal(renderer.render('a+b', { theme: 'dark' }).svg, a.svg);
    assert.strictEqual(renderer.render('a+b', { theme: 'dark' }), a);
    renderer.render('c+d', { theme: 'dark' });
    renderer.render('a+b', { theme: 'dark' }); // a+b becomes most recent
    renderer.render('e+f', { theme: 'dark' }); // evicts c+d
    assert.equal(renderer.size, 2);
    assert.strictEqual(renderer.render('a+b', { theme: 'dark' }), a);
    renderer.clear();
    assert.equal(renderer.size, 0);
    assert.notStrictEqual(renderer.render('a+b', { theme: 'dark' }), a);
  });

  it('never throws on bad LaTeX: a text fallback with the reason', () => {
    const renderer = createMathSvgRenderer();
    for (const bad of ['\\frac{1}{', '\\undefinedmacro{x}', '}', '\\begin{cases} a']) {
      const out = renderer.render(bad, { theme: 'light' });
      assert.equal(out.ok, false, bad);
      assert.match(out.error ?? '', /could not render formula/);
      assert.match(out.svg, /^<svg [^>]*><text /);
      assert.ok(out.svg.includes(THEME_FOREGROUND.light));
    }
    const tricky = renderer.render('\\frac{<script>&', { theme: 'dark' });
    assert.equal(tricky.ok, false);
    assert.ok(!tricky.svg.includes('<script>') && tricky.svg.includes('&lt;script&gt;&amp;'));
  });

  it('ignores a colour that could break out of the attribute', () => {
    const out = createMathSvgRenderer().render('x', { theme: 'dark', color: '"/><script>' });
    assert.ok(!out.svg.includes('<script>'));
    assert.ok(out.svg.includes(THEME_FOREGROUND.dark));
  });

  it('warms up without caching anything, and renders afterwards', () => {
    const renderer = createMathSvgRenderer();
    renderer.warmUp();
    renderer.warmUp();
    assert.equal(renderer.size, 0);
    assert.ok(renderer.render('\\sigma(z)', { theme: 'light' }).ok);
  });

  it('makes a base64 data URI that decodes to the SVG', () => {
    const svg = createMathSvgRenderer().render('\\sqrt{d_k}', { theme: 'dark' }).svg;
    const uri = svgDataUri(svg);
    assert.match(uri, /^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
    assert.equal(Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64').toString('utf8'), svg);
  });
});
