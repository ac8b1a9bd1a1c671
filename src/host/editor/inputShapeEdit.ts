// "Set input shape…": where the analysis has no input for a model, one click writes the
// `# input: (…)` comment the analysis reads (inputAnnotation.ts), right above the model's
// definition with its indentation. No VS Code API here: the unit test applies the edit and
// analyses the result.
import { parseShapeList } from '../../analysis/inputAnnotation';
import { inputsShown } from '../../analysis/query';
import type { AnalysisResult, SourceLanguage } from '../../analysis/types';

export interface InputShapeOffer {
  model: string;
  /** The line the CodeLens stands on (the class / `tf.sequential` line). */
  line: number;
}

/** Models whose input is unknown (no comment, call, dataset, setting or caller gave one). */
export function inputShapeOffers(result: AnalysisResult): InputShapeOffer[] {
  const seen = new Set<number>();
  const out: InputShapeOffer[] = [];
  for (const m of result.models) {
    if (inputsShown(m).length > 0 || m.inputSource !== 'none' || seen.has(m.range.start.line)) continue;
    seen.add(m.range.start.line);
    out.push({ model: m.name, line: m.range.start.line });
  }
  return out;
}

/** The shapes typed by the user, or undefined when they are not shapes. */
export function parseTypedShapes(typed: string): number[][] | undefined {
  const shapes = parseShapeList(typed.trim());
  return shapes.length > 0 ? shapes : undefined;
}

/** The comment line to insert before `line` (0-based) of `text`. */
export function inputCommentEdit(text: string, line: number, language: SourceLanguage, shapes: number[][]): { line: number; text: string } {
  const lines = text.split('\n');
  const indent = /^[ \t]*/.exec(lines[line] ?? '')?.[0] ?? '';
  const prefix = language === 'python' ? '#' : '//';
  const written = shapes.map((s) => (language === 'python' ? `(${s.join(', ')})` : `[${s.join(', ')}]`)).join(', ');
  return { line, text: `${indent}${prefix} input: ${written}\n` };
}
