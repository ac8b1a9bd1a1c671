// Input shapes written as comments: `# input: (64, 1, 28, 28)`, `// input: [64, 28, 28, 1]`,
// several inputs as `# input: (64, 10, 512), (64, 10, 512)`. Read from the raw text so a comment
// anywhere (class body, above the class, above tf.sequential) counts.

export interface InputAnnotation {
  /** 0-based line of the comment. */
  line: number;
  shapes: number[][];
}

const LINE = /(?:#|\/\/)\s*inputs?\s*[:=]\s*(.+)$/i;

export function parseInputAnnotations(text: string, commentPrefix: '#' | '//'): InputAnnotation[] {
  const out: InputAnnotation[] = [];
  // Jump from comment marker to comment marker (linear in the text, whatever the comment density),
  // counting lines on the way, without splitting a 10 MB file into an array of strings.
  let line = 0;
  let lineStart = 0;
  let searchFrom = 0;
  for (;;) {
    const idx = text.indexOf(commentPrefix, searchFrom);
    if (idx < 0) break;
    let nl = text.indexOf('\n', lineStart);
    while (nl >= 0 && nl < idx) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', lineStart);
    }
    const lineEnd = nl < 0 ? text.length : nl;
    const m = LINE.exec(text.slice(idx, Math.min(lineEnd, idx + 400)));
    if (m?.[1]) {
      const shapes = parseShapeList(m[1]);
      if (shapes.length > 0) out.push({ line, shapes });
    }
    if (nl < 0) break;
    searchFrom = lineEnd + 1;
  }
  return out;
}

/** "(64, 1, 28, 28), [64, 10]" → [[64, 1, 28, 28], [64, 10]]; "64,1,28,28" → one shape. */
export function parseShapeList(s: string): number[][] {
  const groups = [...s.matchAll(/[([]\s*([\d\s,]+?)\s*,?\s*[)\]]/g)].map((m) => m[1] ?? '');
  const raw = groups.length > 0 ? groups : /^\s*\d+(\s*[,x×]\s*\d+)*\s*$/.test(s) ? [s] : [];
  const shapes: number[][] = [];
  for (const g of raw) {
    const dims = g.split(/[,x×]/).map((t) => t.trim()).filter((t) => t !== '').map(Number);
    if (dims.length > 0 && dims.length <= 8 && dims.every((d) => Number.isInteger(d) && d > 0 && d < 1e9)) shapes.push(dims);
  }
  return shapes;
}

/** `--input 64,1,28,28` or the setting's "64, 1, 28, 28" / "[64, 1, 28, 28]". */
export function parseShapeSetting(s: string | undefined): number[] | undefined {
  if (s === undefined || s.trim() === '') return undefined;
  return parseShapeList(s.trim())[0];
}
