// Finds the display formulas (`$$ … $$` blocks) of a Markdown document, with the heading each
// sits under. Used by the coverage test against the seed document; pure so any side can reuse it.

export interface DocFormula {
  /** 1-based line of the opening `$$`. */
  line: number;
  /** The LaTeX between the delimiters, lines joined with '\n', indentation removed. */
  latex: string;
  /** Nearest heading above, without `#`s and with Markdown links reduced to their text. */
  section: string;
}

export function headingText(raw: string): string {
  return raw
    .replace(/^#+\s*/, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*/g, '')
    .trim();
}

/** Whitespace-insensitive form used to compare formulas. */
export function normalizeLatex(latex: string): string {
  return latex.replace(/\s+/g, '');
}

/**
 * A display block is a line holding only `$$` (any indentation), up to the next such line;
 * `$$` inside running text (e.g. a typo like `b$$^k$`) is not a delimiter. Fenced code is skipped
 * so that `#` comments in code are not taken for headings.
 */
export function findDisplayFormulas(markdown: string): DocFormula[] {
  const lines = markdown.split(/\r?\n/);
  const out: DocFormula[] = [];
  let section = '';
  let inFence = false;
  let open: { line: number; body: string[] } | undefined;
  lines.forEach((text, i) => {
    const trimmed = text.trim();
    if (open === undefined && /^(```|~~~)/.test(trimmed)) {
      inFence = !inFence;
      return;
    }
    if (inFence) return;
    if (trimmed === '$$') {
      if (open === undefined) {
        open = { line: i + 1, body: [] };
      } else {
        out.push({ line: open.line, latex: open.body.map((l) => l.trim()).join('\n').trim(), section });
        open = undefined;
      }
      return;
    }
    if (open !== undefined) {
      open.body.push(text);
      return;
    }
    if (/^#{1,6}\s/.test(text)) section = headingText(text);
  });
  return out;
}
