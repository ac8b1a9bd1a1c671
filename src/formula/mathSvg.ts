// LaTeX → standalone SVG for places that cannot run a math renderer themselves, chiefly hovers:
// VS Code shows a `data:image/svg+xml` image in hover Markdown but no math, and an SVG inside an
// <img> inherits nothing from the page, so colour and size are baked in here.
// MathJax is heavy (~100 ms to load), so it is required on the first render, not at activation.

import type { LiteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import type { MathDocument } from 'mathjax-full/js/core/MathDocument.js';
import type { LiteElement, LiteNode } from 'mathjax-full/js/adaptors/lite/Element.js';
import type { LiteText } from 'mathjax-full/js/adaptors/lite/Text.js';
import type * as MathJaxModule from 'mathjax-full/js/mathjax.js';
import type * as TexModule from 'mathjax-full/js/input/tex.js';
import type * as SvgModule from 'mathjax-full/js/output/svg.js';
import type * as LiteAdaptorModule from 'mathjax-full/js/adaptors/liteAdaptor.js';
import type * as HtmlHandlerModule from 'mathjax-full/js/handlers/html.js';
import type { LiteDocument } from 'mathjax-full/js/adaptors/lite/Document.js';

export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

/** Foreground colours matching VS Code's default themes of each kind. */
export const THEME_FOREGROUND: Readonly<Record<ThemeKind, string>> = {
  light: '#1f1f1f',
  dark: '#d4d4d4',
  highContrast: '#ffffff',
  highContrastLight: '#000000',
};

export interface MathSvgOptions {
  theme: ThemeKind;
  /** Overrides the theme's colour (any CSS colour without quotes or angle brackets). */
  color?: string;
  /** Display (block) style; inline style is more compact. Default true. */
  display?: boolean;
  /** Font size the formula should match, in CSS px. Default 15. */
  fontSizePx?: number;
}

export interface MathSvg {
  /** True when MathJax rendered the LaTeX; false when `svg` is the fallback showing the source. */
  ok: boolean;
  /** A complete, self-contained <svg> document (no external fonts or references). */
  svg: string;
  widthPx: number;
  heightPx: number;
  /** Plain text to show when images are not possible, and the alt text of the image. */
  text: string;
  /** Why rendering failed, when it did. */
  error?: string;
}

export interface MathSvgRenderer {
  render(latex: string, options: MathSvgOptions): MathSvg;
  /**
   * Load MathJax now (~0.2 s) instead of on the first hover; call it after activation has
   * finished (e.g. from a timer), never during activation. Safe to call repeatedly.
   */
  warmUp(): void;
  /** Entries currently cached. */
  readonly size: number;
  clear(): void;
}

type Html = MathDocument<LiteNode, LiteText, LiteDocument>;

interface Engine {
  adaptor: LiteAdaptor;
  html: Html;
}

// Loaded on first use only; esbuild keeps CommonJS modules lazy until their require runs.
function loadEngine(): Engine {
  /* eslint-disable @typescript-eslint/no-require-imports -- deliberate lazy, synchronous load of a heavy module */
  const { mathjax } = require('mathjax-full/js/mathjax.js') as typeof MathJaxModule;
  const { TeX } = require('mathjax-full/js/input/tex.js') as typeof TexModule;
  const { SVG } = require('mathjax-full/js/output/svg.js') as typeof SvgModule;
  const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js') as typeof LiteAdaptorModule;
  const { RegisterHTMLHandler } = require('mathjax-full/js/handlers/html.js') as typeof HtmlHandlerModule;
  require('mathjax-full/js/input/tex/base/BaseConfiguration.js');
  require('mathjax-full/js/input/tex/ams/AmsConfiguration.js');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const tex = new TeX<LiteNode, LiteText, LiteDocument>({
    packages: ['base', 'ams'],
    // Without this MathJax draws errors in red inside the SVG; we want to know and fall back.
    formatError: (_jax: unknown, err: Error) => {
      throw err;
    },
  });
  const svg = new SVG<LiteNode, LiteText, LiteDocument>({ fontCache: 'local' });
  const html = mathjax.document('', { InputJax: tex, OutputJax: svg }) as Html;
  return { adaptor, html };
}

const SAFE_COLOR = /^[#a-zA-Z0-9(),.%\s-]{1,64}$/;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function exToPx(value: string | undefined, exPx: number): number {
  const m = /^(-?[\d.]+)ex$/.exec(value ?? '');
  return m ? Math.round(Number(m[1]) * exPx * 100) / 100 : 0;
}

function fallbackSvg(latex: string, color: string, fontSizePx: number): MathSvg {
  const text = latex.replace(/\s+/g, ' ').trim();
  const widthPx = Math.max(16, Math.ceil(text.length * fontSizePx * 0.6) + 8);
  const heightPx = Math.ceil(fontSizePx * 1.5);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}px" height="${heightPx}px" viewBox="0 0 ${widthPx} ${heightPx}">` +
    `<text x="4" y="${Math.round(fontSizePx * 1.1)}" font-family="monospace" font-size="${fontSizePx}px" fill="${color}">${escapeXml(text)}</text></svg>`;
  return { ok: false, svg, widthPx, heightPx, text };
}

function renderWith(engine: Engine, latex: string, color: string, display: boolean, fontSizePx: number): MathSvg {
  const exPx = fontSizePx / 2;
  const node = engine.html.convert(latex, { display, em: fontSizePx, ex: exPx, containerWidth: 80 * fontSizePx }) as LiteElement;
  const svgNode = engine.adaptor.firstChild(node) as LiteElement;
  const widthPx = exToPx(engine.adaptor.getAttribute(svgNode, 'width'), exPx);
  const heightPx = exToPx(engine.adaptor.getAttribute(svgNode, 'height'), exPx);
  // Absolute px sizes: an <img> of a data URI knows no surrounding font, so "ex" would drift.
  engine.adaptor.setAttribute(svgNode, 'width', `${widthPx}px`);
  engine.adaptor.setAttribute(svgNode, 'height', `${heightPx}px`);
  engine.adaptor.removeAttribute(svgNode, 'style');
  engine.adaptor.setAttribute(svgNode, 'color', color);
  const svg = engine.adaptor.outerHTML(svgNode).replace(/currentColor/g, color);
  return { ok: true, svg, widthPx, heightPx, text: latex };
}

/**
 * A renderer with its own LRU cache (one per extension context). Never throws: bad LaTeX or a
 * MathJax failure gives `ok: false` and an SVG that shows the LaTeX source as text.
 */
export function createMathSvgRenderer(maxEntries = 500): MathSvgRenderer {
  const cache = new Map<string, MathSvg>();
  let engine: Engine | undefined;
  let engineError: string | undefined;

  const render = (latex: string, options: MathSvgOptions): MathSvg => {
    const requested = options.color ?? THEME_FOREGROUND[options.theme] ?? THEME_FOREGROUND.dark;
    const color = SAFE_COLOR.test(requested) ? requested : THEME_FOREGROUND.dark;
    const display = options.display ?? true;
    const fontSizePx = Number.isFinite(options.fontSizePx) && (options.fontSizePx ?? 0) > 0 ? (options.fontSizePx as number) : 15;
    const key = `${color}\u0000${display ? 'd' : 'i'}\u0000${fontSizePx}\u0000${latex}`;
    const hit = cache.get(key);
    if (hit) {
      // Re-insert so the Map's insertion order doubles as recency order.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    let result: MathSvg;
    try {
      if (engine === undefined && engineError === undefined) engine = loadEngine();
      if (engine === undefined) throw new Error(engineError);
      result = renderWith(engine, latex, color, display, fontSizePx);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (engine === undefined) engineError = message;
      result = { ...fallbackSvg(latex, color, fontSizePx), error: `could not render formula: ${message}` };
    }
    cache.set(key, result);
    while (cache.size > maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
    return result;
  };

  return {
    render,
    warmUp: () => {
      if (engine !== undefined || engineError !== undefined) return;
      try {
        engine = loadEngine();
      } catch (e) {
        engineError = e instanceof Error ? e.message : String(e);
      }
    },
    get size() {
      return cache.size;
    },
    clear: () => cache.clear(),
  };
}

/** `data:` URI for an SVG, as hover Markdown `![alt](…)` and <img src> accept it. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
