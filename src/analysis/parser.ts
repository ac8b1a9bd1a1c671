// Loads the tree-sitter runtime and grammars. Runtime and grammars come from one package
// (@vscode/tree-sitter-wasm) so their ABI versions match; `checkAbi` proves it at load time.
import { readFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { Language, Parser, type Node, type Tree } from '@vscode/tree-sitter-wasm';
import type { SourceLanguage, SourceRange } from './types';

export type { Node, Tree };

export interface Parsers {
  readonly dir: string;
  readonly python: Parser;
  readonly typescript: Parser;
  readonly tsx: Parser;
  readonly javascript: Parser;
  /** ABI version of each grammar; Language.load already refuses ones the runtime cannot read. */
  readonly abi: { grammars: Record<string, number> };
}

const GRAMMARS = ['python', 'typescript', 'tsx', 'javascript'] as const;

/** Where the wasm files are: dist/parsers next to a bundle, or the package itself when run from source. */
export async function findParsersDir(candidates: string[]): Promise<string> {
  for (const dir of candidates) {
    try {
      await access(join(dir, 'tree-sitter-python.wasm'));
      return dir;
    } catch {
      // try the next place
    }
  }
  throw new Error(`tree-sitter grammars not found in: ${candidates.join(', ')}`);
}

/** Default search path: the bundle's own dist/parsers, then node_modules (tests, tsx). */
export function defaultParserDirs(baseDir: string): string[] {
  return [
    join(baseDir, 'parsers'),
    join(baseDir, '..', 'dist', 'parsers'),
    join(baseDir, '..', '..', 'dist', 'parsers'),
    join(baseDir, '..', 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm'),
    join(baseDir, '..', '..', 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm'),
    join(process.cwd(), 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm'),
  ];
}

let initOnce: Promise<void> | undefined;

export async function loadParsers(dir: string): Promise<Parsers> {
  // The emscripten runtime is process-wide by nature; initialise it once, from bytes we read
  // asynchronously, so nothing blocks the extension host.
  initOnce ??= readFile(join(dir, 'tree-sitter.wasm')).then((wasmBinary) =>
    Parser.init({ locateFile: (file: string) => join(dir, file), wasmBinary } as unknown as Parameters<typeof Parser.init>[0]),
  );
  await initOnce;
  const langs = await Promise.all(GRAMMARS.map(async (g) => Language.load(new Uint8Array(await readFile(join(dir, `tree-sitter-${g}.wasm`))))));
  const grammars: Record<string, number> = {};
  const parsers = langs.map((lang, i) => {
    grammars[GRAMMARS[i] ?? '?'] = lang.abiVersion;
    const p = new Parser();
    p.setLanguage(lang);
    return p;
  });
  const [python, typescript, tsx, javascript] = parsers as [Parser, Parser, Parser, Parser];
  return { dir, python, typescript, tsx, javascript, abi: { grammars } };
}

export function parserFor(parsers: Parsers, language: SourceLanguage, fileName?: string): Parser {
  if (language === 'python') return parsers.python;
  if (language === 'typescript') return fileName?.endsWith('.tsx') === true ? parsers.tsx : parsers.typescript;
  return fileName?.endsWith('.jsx') === true ? parsers.tsx : parsers.javascript;
}

export function nodeRange(n: Node): SourceRange {
  return {
    start: { line: n.startPosition.row, character: n.startPosition.column },
    end: { line: n.endPosition.row, character: n.endPosition.column },
  };
}

export function countErrors(root: Node): number {
  if (!root.hasError) return 0;
  let count = 0;
  const stack: Node[] = [root];
  while (stack.length > 0 && count < 10_000) {
    const n = stack.pop()!;
    if (n.isError || n.isMissing) count++;
    else if (n.hasError) for (const c of n.children) if (c) stack.push(c);
  }
  return count;
}

/** Where the syntax errors are (ERROR and MISSING nodes), first rows to last rows, at most 100. */
export function errorRanges(root: Node): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (!root.hasError) return out;
  const stack: Node[] = [root];
  while (stack.length > 0 && out.length < 100) {
    const n = stack.pop()!;
    if (n.isError || n.isMissing) out.push({ start: n.startPosition.row, end: n.endPosition.row });
    else if (n.hasError) for (const c of n.children) if (c) stack.push(c);
  }
  return out;
}

/**
 * Statements Python's tokenizer refuses for their indentation (the message is Python's, its exception named), which tree-sitter accepts: a line of
 * a block indented deeper than the block's first statement ("unexpected indent"), or less deep yet
 * at no enclosing level ("unindent does not match any outer indentation level"), an `else` /
 * `except` … at another column than its statement. Only lines whose
 * indentation is spaces alone and which start with the statement are compared (a tab's width, a
 * `;` or a one-line `if x: y` body are left alone). Where they are, at most 100.
 */
/** The last simple statement a statement ends with (inside its last block, its last clause's). */
function lastStatement(n: Node): Node | undefined {
  let at: Node = n;
  for (let depth = 0; depth < 200; depth++) {
    const kids = at.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    const last = kids[kids.length - 1];
    if (!last || !(last.type === 'block' || last.type.endsWith('_clause'))) return at;
    if (last.type === 'block') {
      const inner = last.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      if (inner.length === 0) return at;
      at = inner[inner.length - 1]!;
    } else at = last;
  }
  return undefined;
}

export function misindentedStatements(root: Node, text: string): { start: number; end: number; message: string }[] {
  const out: { start: number; end: number; message: string }[] = [];
  const lines = text.split('\n');
  /** The column a node's line starts at, when the node starts its line after spaces only. */
  const leads = (n: Node): number | undefined => {
    const line = lines[n.startPosition.row] ?? '';
    const col = n.startPosition.column;
    return col <= line.length && /^ *$/.test(line.slice(0, col)) ? col : undefined;
  };
  /** A node's indentation where it starts its line after spaces and tabs: tabs to 8 columns, and to 1. */
  const tabIndent = (n: Node): { col8: number; col1: number } | undefined => {
    const line = lines[n.startPosition.row] ?? '';
    const lead = line.slice(0, n.startPosition.column);
    if (!/^[ \t]*$/.test(lead)) return undefined;
    let col8 = 0;
    for (const ch of lead) col8 = ch === '\t' ? (Math.floor(col8 / 8) + 1) * 8 : col8 + 1;
    return { col8, col1: lead.length };
  };
  /** The indentation of the line a statement starts on (spaces only), as the tokenizer last saw it. */
  const lineIndent = (n: Node | undefined): number | undefined => {
    const line = n ? (lines[n.startPosition.row] ?? '') : '';
    const lead = /^ */.exec(line)![0].length;
    return n && line[lead] !== '\t' ? lead : undefined;
  };
  const CLAUSES = new Set(['elif_clause', 'else_clause', 'except_clause', 'except_group_clause', 'finally_clause']);
  const holdsStatements = (t: string): boolean => t === 'module' || t === 'block' || t.endsWith('_statement') || t.endsWith('definition') || t.endsWith('_clause');
  const stack: Node[] = [root];
  let budget = 1_000_000;
  while (stack.length > 0 && out.length < 100 && budget-- > 0) {
    const n = stack.pop()!;
    const kids = n.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment' && c.type !== 'line_continuation');
    // (Not the top level: IPython strips a cell's leading indentation, so a notebook's may be indented.)
    if (n.type === 'block') {
      const first = kids[0];
      const base = first && first.startPosition.row !== n.parent?.startPosition.row ? leads(first) : undefined;
      // Tabs: Python measures indentation with tabs to 8 columns and to 1; a line at the block's level by
      // one measure but not the other is its TabError (tabs and spaces mixed). Other checks need spaces only.
      const tabbed = first && first.startPosition.row !== n.parent?.startPosition.row ? tabIndent(first) : undefined;
      if (tabbed) {
        for (const k of kids.slice(1)) {
          const at = tabIndent(k);
          if (at && at.col8 === tabbed.col8 && at.col1 !== tabbed.col1) {
            out.push({ start: k.startPosition.row, end: k.endPosition.row, message: 'TabError: inconsistent use of tabs and spaces in indentation' });
            break;
          }
        }
      }
      if (base !== undefined) {
        for (let i = 1; i < kids.length; i++) {
          const k = kids[i]!;
          const col = leads(k);
          if (col === undefined || col === base) continue;
          // Python's tokenizer compares it with the line before (the deepest statement the sibling ends with).
          const top = lineIndent(lastStatement(kids[i - 1]!));
          out.push({ start: k.startPosition.row, end: k.endPosition.row, message: col < base || (top !== undefined && col < top) ? 'IndentationError: unindent does not match any outer indentation level' : 'IndentationError: unexpected indent' });
          break;
        }
      }
    } else if (n.type.endsWith('_statement')) {
      const col = leads(n);
      for (const k of kids) {
        if (!CLAUSES.has(k.type) || col === undefined) continue;
        const at = leads(k);
        if (at !== undefined && at !== col) {
          const prev = kids[kids.indexOf(k) - 1];
          const top = prev ? lineIndent(lastStatement(prev)) : undefined;
          out.push({ start: k.startPosition.row, end: k.endPosition.row, message: top !== undefined && at > top ? 'IndentationError: unexpected indent' : at < col || (top !== undefined && at < top) ? 'IndentationError: unindent does not match any outer indentation level' : 'SyntaxError: invalid syntax' });
          break;
        }
      }
    }
    for (const k of kids) if (holdsStatements(k.type)) stack.push(k);
  }
  // A tab in the indentation before it: Python's tokenizer may have stopped earlier, on its TabError.
  const tabbedUpTo = (row: number): boolean => lines.slice(0, row + 1).some((l) => /^ *\t/.test(l));
  return out.map((e) => (e.message.startsWith('TabError') || !tabbedUpTo(e.start) ? e : { ...e, message: 'IndentationError or TabError: tabs and spaces mixed in the indentation' }));
}

/**
 * Python blocks with nothing in them (`def __init__(self):` at the end of a file cut off, or while
 * typing): tree-sitter accepts them, Python raises IndentationError. Where they are, at most 100.
 * (A block of comments only is refused too, but a notebook's `!pip install` inside an `if` reads
 * as one here while IPython runs it: not counted.)
 */
export function emptyPythonBlocks(root: Node): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const stack: Node[] = [root];
  let budget = 1_000_000;
  while (stack.length > 0 && out.length < 100 && budget-- > 0) {
    const n = stack.pop()!;
    if (n.type === 'block' && n.namedChildCount === 0) {
      const owner = n.parent ?? n;
      out.push({ start: owner.startPosition.row, end: owner.endPosition.row });
      continue;
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return out;
}

/**
 * A named child that is part of the code: Python's `\` line continuation is a named node wherever
 * it stands (`a \⏎ if c else b` would read the `\` as the condition), never an operand.
 */
function isKid(c: Node | null): c is Node {
  return c !== null && c.type !== 'line_continuation';
}

/**
 * Memoises child and field lookups per node for one analysis. Every web-tree-sitter accessor
 * crosses into wasm and allocates a new Node object; the interpreters revisit the same nodes for
 * every model and every call of a module, so caching them halves the analysis time.
 */
export class NodeCache {
  private readonly kidsById = new Map<number, Node[]>();
  private readonly fieldsById = new Map<number, Map<string, Node | null>>();
  private readonly listsById = new Map<number, Map<string, Node[]>>();
  private readonly rangesById = new Map<number, SourceRange>();
  private readonly typesById = new Map<number, string>();
  private readonly textsById = new Map<number, string>();

  /** `node.type` crosses into wasm on every read; the interpreters read it constantly. */
  type(n: Node): string;
  type(n: Node | null | undefined): string | undefined;
  type(n: Node | null | undefined): string | undefined {
    if (!n) return undefined;
    let t = this.typesById.get(n.id);
    if (t === undefined) {
      t = n.type;
      this.typesById.set(n.id, t);
    }
    return t;
  }

  text(n: Node): string;
  text(n: Node | null | undefined): string | undefined;
  text(n: Node | null | undefined): string | undefined {
    if (!n) return undefined;
    let t = this.textsById.get(n.id);
    if (t === undefined) {
      t = n.text;
      this.textsById.set(n.id, t);
    }
    return t;
  }

  /** The node's range; shared, so callers must not mutate it. */
  range(n: Node): SourceRange {
    let r = this.rangesById.get(n.id);
    if (!r) {
      r = nodeRange(n);
      this.rangesById.set(n.id, r);
    }
    return r;
  }

  kids(n: Node): Node[] {
    let k = this.kidsById.get(n.id);
    if (!k) {
      k = n.namedChildren.filter(isKid);
      this.kidsById.set(n.id, k);
    }
    return k;
  }

  field(n: Node, name: string): Node | null {
    let m = this.fieldsById.get(n.id);
    if (!m) {
      m = new Map();
      this.fieldsById.set(n.id, m);
    }
    let v = m.get(name);
    if (v === undefined) {
      v = n.childForFieldName(name);
      m.set(name, v);
    }
    return v;
  }

  fields(n: Node, name: string): Node[] {
    let m = this.listsById.get(n.id);
    if (!m) {
      m = new Map();
      this.listsById.set(n.id, m);
    }
    let v = m.get(name);
    if (v === undefined) {
      v = n.childrenForFieldName(name).filter((c): c is Node => c !== null);
      m.set(name, v);
    }
    return v;
  }
}

/** The same interface without memoising, for single-pass walks (tfjs) where caching only adds garbage. */
export const DIRECT: Pick<NodeCache, 'kids' | 'field' | 'fields' | 'range'> = {
  kids: (n) => n.namedChildren.filter(isKid),
  field: (n, name) => n.childForFieldName(name),
  fields: (n, name) => n.childrenForFieldName(name).filter((c): c is Node => c !== null),
  range: nodeRange,
};
