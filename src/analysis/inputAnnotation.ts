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
  let line = 0;
  let start = 0;
  // Scan line by line without splitting a 10 MB file into an array of strings.
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const idx = text.indexOf(commentPrefix, start);
    if (idx >= 0 && idx < end) {
      const m = LINE.exec(text.slice(idx, Math.min(end, idx + 400)));
      if (m?.[1]) {
        const shapes = parseShapeList(m[1]);
        if (shapes.length > 0) out.push({ line, shapes });
      }
    }
    start = end + 1;
    line++;
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
