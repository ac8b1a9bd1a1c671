// A Jupyter notebook as one program: its code cells, in notebook order, one after the other, the
// way a reader runs them top to bottom (constants in one cell, the class in the next, the call in
// a third). Positions map both ways between the program and each cell. Pure: the CLI reads
// `.ipynb` files with it and the editor builds the program from VS Code's notebook cells.

export interface ProgramCell {
  /** The cell's index in the notebook (all cells, markdown included), 0-based. */
  index: number;
  /** First line of the cell in the program (0-based). */
  startLine: number;
  lineCount: number;
}

export interface NotebookProgram {
  text: string;
  cells: ProgramCell[];
}

/**
 * IPython lines (`%matplotlib inline`, `!pip install torch`) are not Python: their first character
 * becomes `#`. A cell magic other than the timing ones (`%%bash`, `%%html`, `%%writefile`) makes the
 * whole cell foreign: it becomes blank. Lengths never change, so every position stays put.
 */
export function pythonOfCell(text: string): string {
  const first = /^\s*%%(\w+)/.exec(text);
  if (first && !['time', 'timeit', 'capture', 'prun'].includes(first[1]!)) return text.replace(/[^\n]/g, ' ');
  const starts = logicalLineStarts(text);
  return text
    .split('\n')
    .map((line, i) => (starts[i] ? line.replace(/^([ \t]*)[%!]/, '$1#') : line))
    .join('\n');
}

/**
 * Which lines begin a logical line: IPython reads `%` / `!` as a magic only there. A line inside
 * open brackets, a triple-quoted string or after a backslash continues a statement
 * (`print('loss %.4f'` then `% (loss))` on the next line is Python's `%` operator).
 */
function logicalLineStarts(text: string): boolean[] {
  const starts: boolean[] = [];
  let depth = 0;
  let quote = '';
  let continued = false;
  for (const line of text.split('\n')) {
    starts.push(depth === 0 && quote === '' && !continued);
    continued = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quote) {
        if (ch === '\\') i++;
        else if (line.startsWith(quote, i)) {
          i += quote.length - 1;
          quote = '';
        }
        continue;
      }
      if (ch === '#') break;
      if (ch === '"' || ch === "'") quote = line.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      if (quote.length === 3) i += 2;
      else if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
      else if (ch === '\\' && i === line.length - 1) continued = true;
    }
    // A one-quote string never spans lines (unless continued by a backslash, left as it is).
    if (quote.length === 1) quote = '';
  }
  return starts;
}

/** Code cells, given as (notebook index, text), joined into one program. */
export function notebookProgram(cells: readonly { index: number; text: string }[]): NotebookProgram {
  const out: ProgramCell[] = [];
  const parts: string[] = [];
  let line = 0;
  for (const c of cells) {
    const text = pythonOfCell(c.text.replace(/\r\n?/g, '\n'));
    const lineCount = text.split('\n').length;
    out.push({ index: c.index, startLine: line, lineCount });
    parts.push(text);
    line += lineCount;
  }
  return { text: parts.join('\n'), cells: out };
}

/** The cell holding a program line, and the line within it. */
export function cellAt(program: NotebookProgram, line: number): { cell: ProgramCell; line: number } | undefined {
  let lo = 0;
  let hi = program.cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = program.cells[mid]!;
    if (line < c.startLine) hi = mid - 1;
    else if (line >= c.startLine + c.lineCount) lo = mid + 1;
    else return { cell: c, line: line - c.startLine };
  }
  return undefined;
}

export interface IpynbCells {
  /** Code cells with their notebook index. */
  cells: { index: number; text: string }[];
  /** The kernel's language as the notebook names it (`python` for PyTorch notebooks). */
  language: string;
}

/** Reads nbformat 4 JSON (what Jupyter and VS Code write). Throws with the reason on anything else. */
export function readIpynb(json: string): IpynbCells {
  let nb: unknown;
  try {
    nb = JSON.parse(json);
  } catch (e) {
    throw new Error(`not a notebook: ${e instanceof Error ? e.message : String(e)}`);
  }
  const rec = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const root = rec(nb);
  if (!root || !Array.isArray(root.cells)) throw new Error('not a notebook: no "cells" list (nbformat 4 expected)');
  const meta = rec(root.metadata);
  const language = String(rec(meta?.language_info)?.name ?? rec(meta?.kernelspec)?.language ?? 'python').toLowerCase();
  const cells: { index: number; text: string }[] = [];
  root.cells.forEach((c: unknown, index: number) => {
    const cell = rec(c);
    if (cell?.cell_type !== 'code') return;
    const source = cell.source;
    const text = Array.isArray(source) ? source.filter((s): s is string => typeof s === 'string').join('') : typeof source === 'string' ? source : '';
    cells.push({ index, text });
  });
  return { cells, language };
}

/**
 * The same value with every source position moved by `lines` (a program's result seen from one of
 * its cells). Every `{ line, character }` pair is a position (`SourcePos`), wherever it sits, so
 * fields added to the result later move too.
 */
export function shiftLines<T>(value: T, lines: number): T {
  if (lines === 0) return value;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 2 && typeof o.line === 'number' && typeof o.character === 'number') return { line: o.line + lines, character: o.character };
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = walk(o[k]);
    return out;
  };
  return walk(value) as T;
}
