// Python code blocks of a Markdown file (a README's usage examples: ```python … ```), with the
// line each starts on, so what the analysis learns from one can say "README.md:123".

export interface CodeBlock {
  /** 0-based line of the block's first code line in the Markdown file. */
  line: number;
  code: string;
}

const OPEN = /^( {0,3})(`{3,}|~{3,})[ \t]*(?:python3?|py)\b[^`]*$/i;

/** The fenced Python blocks, in order; an unclosed fence runs to the end of the file, as CommonMark reads it. */
export function pythonBlocks(markdown: string, maxBlocks = 200): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length && blocks.length < maxBlocks; i++) {
    const open = OPEN.exec(lines[i]!.replace(/\r$/, ''));
    if (!open) continue;
    const indent = open[1]!.length;
    const fence = open[2]!;
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
    const code: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!.replace(/\r$/, '');
      if (close.test(line)) break;
      // A fence indented in a list item: its lines lose as many leading spaces.
      code.push(line.replace(new RegExp(`^ {0,${indent}}`), ''));
    }
    blocks.push({ line: i + 1, code: code.join('\n') });
    i = j;
  }
  return blocks;
}
