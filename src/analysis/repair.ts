// Half-typed Python often has an unclosed bracket (`self.fc2 = nn.Linear(120, `). Python's grammar
// lets brackets span lines, so the parser swallows the rest of the class into one error node.
// When the next statement starts at the same or a lower indentation, the bracket was clearly meant
// to close on its own line: close it there, at the line's end, so no other position moves.

const OPEN = new Set(['(', '[', '{']);
const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

/** Pushes/pops the brackets of one line (strings skipped); returns where a trailing comment starts. */
function scanLine(line: string, stack: string[]): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '#') return i;
    if (c === '"' || c === "'") {
      if (line.startsWith(c.repeat(3), i)) return line.length; // docstrings: leave the line alone
      quote = c;
    } else if (OPEN.has(c)) stack.push(c);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.length > 0 && CLOSE[stack[stack.length - 1]!] === c) stack.pop();
    }
  }
  return line.length;
}

export function repairUnclosedBrackets(text: string): string {
  const lines = text.split('\n');
  if (lines.length > 200_000) return text;
  let changed = false;
  let stack: string[] = [];
  let startIndent = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (stack.length === 0) startIndent = indentOf(line);
    const codeEnd = scanLine(line, stack);
    if (stack.length === 0) continue;
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    const next = lines[j];
    if (next === undefined) continue;
    const t = next.trimStart();
    if (indentOf(next) <= startIndent && !/^[)\]}]/.test(t)) {
      // Close before a trailing comment, or the closers would be commented out.
      const closers = stack.reverse().map((o) => CLOSE[o]).join('');
      const head = line.slice(0, codeEnd).replace(/\s+$/, '');
      lines[i] = head + closers + line.slice(head.length);
      stack = [];
      changed = true;
    }
  }
  return changed ? lines.join('\n') : text;
}
