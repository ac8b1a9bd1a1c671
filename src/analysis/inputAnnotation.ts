// Input shapes written as comments: `# input: (64, 1, 28, 28)`, `// input: [64, 28, 28, 1]`,
// several inputs as `# input: (64, 10, 512), (64, 10, 512)`. Read from the raw text so a comment
// anywhere (class body, above the class, above tf.sequential) counts.

export interface InputAnnotation {
  /** 0-based line of the comment. */
  line: number;
  shapes: number[][];
}

// One native regex scan over the text finds the annotations (most comments are not, and need no
// substring of their own); lines are counted only up to each match.
const ANNOTATION = { '#': /#[^\S\n]*inputs?[^\S\n]*[:=][^\S\n]*(.+)$/gim, '//': /\/\/[^\S\n]*inputs?[^\S\n]*[:=][^\S\n]*(.+)$/gim };

/** `inString(offset)`: the `#` found there is inside a string literal (`print("# input: (2, 50)")`), no comment. */
export function parseInputAnnotations(text: string, commentPrefix: '#' | '//', inString?: (offset: number) => boolean): InputAnnotation[] {
  const out: InputAnnotation[] = [];
  const pattern = new RegExp(ANNOTATION[commentPrefix]);
  let line = 0;
  let counted = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (inString?.(m.index)) continue;
    for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < m.index; nl = text.indexOf('\n', nl + 1)) {
      line++;
      counted = nl + 1;
    }
    const shapes = parseShapeList((m[1] ?? '').slice(0, 400));
    if (shapes.length > 0) out.push({ line, shapes });
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
