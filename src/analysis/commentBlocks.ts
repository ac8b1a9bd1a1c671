// Blocks of comment-only lines in Python source, and the ranges of code around them.
//
// Why: tree-sitter-python's external scanner decides, at every line break, whether an INDENT or
// DEDENT follows. When a comment line follows indented code it reads ahead to the end of the whole
// comment block to find the next code line's indentation, and it does that again for each line of
// the block: a block of n lines costs O(n²) (tree-sitter/tree-sitter-python PRs #243–#245 tried to
// cache that lookahead and were closed unmerged). A model followed by 2,000 comment lines parsed
// in seconds; 100 KB of `#` lines in minutes.
//
// Python treats a comment-only line exactly like a blank line, so the parser may skip long blocks
// altogether: they are left out of tree-sitter's *included ranges*. Every other character keeps
// its offset, line and column, so every node's position is the same as in a full parse.
import type { Range } from '@vscode/tree-sitter-wasm';

/** Shorter blocks cost at most a few times their own length; skipping them would only add ranges. */
export const MIN_BLOCK_LINES = 8;
/**
 * tree-sitter's lexer looks a position's range up by walking the range list from its start
 * (`ts_lexer_goto`), so each range adds a little to every token: keep the longest blocks only.
 */
export const MAX_BLOCKS = 64;

export interface CommentBlock {
  /** Offset (UTF-16) of the first line's `#`. */
  start: number;
  /** Offset just after the last comment line's text (before its line break). */
  end: number;
  startRow: number;
  startColumn: number;
  endRow: number;
  endColumn: number;
  /** Comment lines in the block (blank lines between them are part of it but not counted). */
  lines: number;
}

const HASH = 0x23;
const CR = 0x0d;
const BACKSLASH = 0x5c;

function isIndent(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0c;
}

/**
 * Comment-only lines outside string literals, grouped into blocks of consecutive lines (blank
 * lines may sit between them), in one linear pass. Lines inside triple-quoted strings and lines
 * continued by a backslash are code, never comments.
 */
export function pythonCommentBlocks(text: string, minLines = MIN_BLOCK_LINES): CommentBlock[] {
  return scan(text, minLines).blocks;
}

function scan(text: string, minLines: number): { blocks: CommentBlock[]; end: { row: number; column: number } } {
  const blocks: CommentBlock[] = [];
  let open: CommentBlock | undefined;
  /**
   * Blocks ended, waiting for the next line of code: one whose `#` column is deeper than that line's
   * indentation trails the indented code before it, and tree-sitter counts it in that code's block
   * (a function's extent reaches its last comment): kept in the parse, so positions stay a full parse's.
   */
  let pending: CommentBlock[] = [];
  /** The quote of a string still open at the end of a line: only triple-quoted ones can be. */
  let quote = 0;
  let triple = false;
  let continued = false;
  let row = 0;
  let lineStart = 0;
  let lastLineStart = 0;
  const n = text.length;
  const close = (): void => {
    if (open && open.lines >= minLines) pending.push(open);
    open = undefined;
  };
  const settle = (codeIndent: number): void => {
    close();
    for (const b of pending) if (b.startColumn <= codeIndent) blocks.push(b);
    pending = [];
  };
  while (lineStart <= n) {
    lastLineStart = lineStart;
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    let contentEnd = lineEnd;
    if (contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === CR) contentEnd--;
    let i = lineStart;
    if (quote === 0 && !continued) {
      while (i < contentEnd && isIndent(text.charCodeAt(i))) i++;
      if (i < contentEnd && text.charCodeAt(i) === HASH) {
        // (A block is one column of `#`s: a change of column starts another.)
        if (open && open.startColumn !== i - lineStart) close();
        if (open) {
          open.end = contentEnd;
          open.endRow = row;
          open.endColumn = contentEnd - lineStart;
          open.lines++;
        } else open = { start: i, end: contentEnd, startRow: row, startColumn: i - lineStart, endRow: row, endColumn: contentEnd - lineStart, lines: 1 };
        lineStart = lineEnd + 1;
        row++;
        continue;
      }
      if (i === contentEnd) {
        // A blank line: it neither ends a block nor starts one.
        lineStart = lineEnd + 1;
        row++;
        continue;
      }
      settle(i - lineStart);
    } else if (open) close();
    // A line of code (or the rest of a string): follow strings to know where the next line starts.
    continued = false;
    while (i < contentEnd) {
      const c = text.charCodeAt(i);
      if (quote !== 0) {
        if (c === BACKSLASH) i += 2;
        else if (c === quote && (!triple || (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) {
          i += triple ? 3 : 1;
          quote = 0;
        } else i++;
        continue;
      }
      if (c === HASH) break;
      if (c === 0x22 || c === 0x27) {
        triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
        quote = c;
        i += triple ? 3 : 1;
        continue;
      }
      if (c === BACKSLASH && i === contentEnd - 1) continued = true;
      i++;
    }
    // A one-line string cannot run on to the next line (an unterminated one is a syntax error).
    if (quote !== 0 && !triple) {
      if (text.charCodeAt(contentEnd - 1) === BACKSLASH) continued = true;
      quote = 0;
    }
    lineStart = lineEnd + 1;
    row++;
  }
  settle(0);
  return { blocks, end: { row: row - 1, column: n - lastLineStart } };
}

/** The longest `max` blocks, in source order. */
function longest(blocks: CommentBlock[], max: number): CommentBlock[] {
  if (blocks.length <= max) return blocks;
  const keep = new Set([...blocks].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, max));
  return blocks.filter((b) => keep.has(b));
}

/**
 * The parts of a Python file the parser should read: everything but long comment blocks, or
 * undefined when there is nothing to skip (then the parser reads the whole text as usual).
 */
export function pythonIncludedRanges(text: string): Range[] | undefined {
  const found = scan(text, MIN_BLOCK_LINES);
  // A block the file starts with (a license header) follows no indented code, so it costs nothing to
  // parse; skipping it would start the module node after it.
  const firstCode = text.search(/\S/);
  const blocks = longest(found.blocks.filter((b) => b.start > firstCode), MAX_BLOCKS);
  if (blocks.length === 0) return undefined;
  const ranges: Range[] = [];
  let from = { index: 0, row: 0, column: 0 };
  for (const b of blocks) {
    ranges.push({ startIndex: from.index, endIndex: b.start, startPosition: { row: from.row, column: from.column }, endPosition: { row: b.startRow, column: b.startColumn } });
    from = { index: b.end, row: b.endRow, column: b.endColumn };
  }
  ranges.push({ startIndex: from.index, endIndex: text.length, startPosition: { row: from.row, column: from.column }, endPosition: found.end });
  return ranges;
}
