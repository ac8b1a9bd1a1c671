// KaTeX rendering for formulas from the knowledge base. The LaTeX is our own data, but it is
// still treated as untrusted: no \href/\url/\htmlClass (trust: false), bounded macro expansion
// and sizes, and a parse error becomes visible text instead of a broken page.
import katex from 'katex';
import 'katex/dist/katex.min.css';

export const KATEX_OPTIONS = {
  trust: false,
  maxExpand: 500,
  maxSize: 20,
  throwOnError: true,
  strict: 'ignore',
  output: 'htmlAndMathml',
} as const;

// KaTeX's fonts use `font-display: block`: text stays invisible until they load. Ask for the
// common faces as soon as the page starts, so the first formula does not appear blank.
if (typeof document !== 'undefined' && 'fonts' in document) {
  for (const face of ['1em KaTeX_Main', 'italic 1em KaTeX_Math', '1em KaTeX_Size1', '1em KaTeX_Size2']) void document.fonts.load(face).catch(() => undefined);
}

/** Render into `el` (DOM-built, so KaTeX's inline sizes go through CSSOM, which the CSP allows). */
export function renderMath(el: HTMLElement, latex: string, displayMode: boolean, errorLabel: string): boolean {
  try {
    katex.render(latex, el, { ...KATEX_OPTIONS, displayMode });
    return true;
  } catch (err) {
    el.textContent = '';
    const code = document.createElement('code');
    code.textContent = latex;
    const note = document.createElement('div');
    note.className = 'math-error';
    note.textContent = `${errorLabel}: ${err instanceof Error ? err.message : String(err)}`;
    el.append(code, note);
    return false;
  }
}
