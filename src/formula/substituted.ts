// A formula filled in with the user's numbers: the value, the formula as the framework documents it
// (LaTeX), the same with the numbers put in (LaTeX), and its plain-text form for places that
// cannot render math (inlay tooltips, diagnostics, the CLI). Pure: no vscode, no Node-only APIs.

/** What a substituted formula computes, so callers can match it with the analysis's numbers. */
export type Quantity = 'size' | 'params' | 'scale' | 'flatten';

export interface Substituted {
  quantity: Quantity;
  /** The computed number; NaN when the arguments are invalid. */
  value: number;
  /** The formula in symbols, e.g. `H_{out} = \lfloor (H_{in} + 2p - d(k-1) - 1)/s \rfloor + 1`. */
  formula: string;
  /** The same formula with the user's numbers, ending in `= value`. */
  latex: string;
  text: string;
  /** Set when the framework would reject these arguments (e.g. an output size below 1). */
  error?: string;
}

/** LaTeX of our own restricted form → the plain-text form shown where math cannot be rendered. */
export function latexToText(latex: string): string {
  return latex
    .replace(/\\#\\text\{params\}/g, '#params')
    .replace(/\\lfloor\s*/g, '⌊')
    .replace(/\s*\\rfloor/g, '⌋')
    .replace(/\\lceil\s*/g, '⌈')
    .replace(/\s*\\rceil/g, '⌉')
    .replace(/\\cdot\s*/g, '·')
    .replace(/\\times/g, '×')
    .replace(/\\max/g, 'max')
    .replace(/\\sqrt\{([^}]*)\}/g, '√$1')
    .replace(/\{,\}/g, ',')
    .replace(/\\text\{([^}]*)\}/g, '$1')
    .replace(/\\_/g, '_')
    .replace(/\\[,;]/g, ' ')
    .replace(/_\{([^}]*)\}/g, '_$1')
    .replace(/-/g, '−')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** 53248 → '53{,}248' (LaTeX) — thousands grouped so parameter counts are readable. */
export function groupLatex(n: number): string {
  return Number.isFinite(n) ? Math.trunc(n).toLocaleString('en-US').replace(/,/g, '{,}') : '?';
}

export function substituted(quantity: Quantity, formula: string, latex: string, value: number, error?: string): Substituted {
  const out: Substituted = { quantity, value, formula, latex, text: latexToText(latex) };
  if (error !== undefined) out.error = error;
  return out;
}

/** Arguments the framework would reject: the value is NaN and the formula says why. */
export function invalid(quantity: Quantity, formula: string, symbol: string, why: string): Substituted {
  return substituted(quantity, formula, `${symbol} = ?`, Number.NaN, why);
}

export function isCount(n: unknown, min: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min;
}
