// The hover model (hoverModel.ts) as plain text for a terminal, and as JSON records: what
// `model-lens explain` prints. The VS Code hover renders the same model as Markdown.
import { formatParams, formatShape, inputsShown } from '../analysis/query';
import type { ShapeResult } from '../analysis/types';
import type { Lang } from '../knowledge/types';
import type { HoverView } from './hoverModel';
import { INPUT_SOURCE, t } from './hoverStrings';

function shape(s: ShapeResult, lang: Lang): string {
  return s.known ? formatShape(s.shape) : `${t('unknown', lang)} — ${s.reason[lang]}`;
}

const WIDE = /[\u1100-\u115f\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Terminal columns: CJK and full-width characters take two. */
function columns(s: string): number {
  let n = 0;
  for (const ch of s) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - columns(s)));
}

/** Wraps prose at `width` columns, indented; wide (CJK) text breaks between any two characters, other text at spaces. */
function wrap(text: string, indent: string, width = 100): string[] {
  const out: string[] = [];
  let line = '';
  for (const token of text.match(new RegExp(`${WIDE.source}|[^\\s${WIDE.source.slice(1, -1)}]+|\\s+`, 'g')) ?? []) {
    if (/^\s+$/.test(token)) {
      if (line !== '') line += ' ';
      continue;
    }
    if (line !== '' && columns(indent + line + token) > width) {
      out.push(indent + line.trimEnd());
      line = '';
    }
    line += token;
  }
  if (line.trim() !== '') out.push(indent + line.trimEnd());
  return out;
}

export function hoverText(view: HoverView, lang: Lang): string {
  const lines: string[] = [];
  const title = view.concept ? ` — ${view.concept.title}` : '';
  lines.push(view.kind === 'layer' ? `${view.name} · ${view.callee}${view.layerKind && !view.callee.toLowerCase().endsWith(view.layerKind.toLowerCase()) ? ` (${view.layerKind})` : ''}${title}` : `${view.callee}${title}`);
  if (view.kind === 'layer') {
    const rows: [string, string][] = [];
    if (view.input) rows.push([t('input', lang), shape(view.input, lang)]);
    rows.push([t('output', lang), view.outputs.map((o) => shape(o, lang)).join(' · ')]);
    rows.push([t('parameters', lang), view.params === null && view.paramsUnknown ? `${t('unknown', lang)} — ${view.paramsUnknown[lang]}` : formatParams(view.params ?? null)]);
    if (view.model) {
      const inputs = inputsShown(view.model).join(', ');
      const from = INPUT_SOURCE[view.model.inputSource]?.[lang] ?? view.model.inputSource;
      rows.push([t('model', lang), `${view.model.name}${inputs ? ` — ${t('input', lang)} ${inputs} (${t('inputFrom', lang)} ${from})` : ''}`]);
    }
    const width = Math.max(...rows.map(([k]) => columns(k)));
    for (const [k, v] of rows) lines.push(`  ${padEnd(`${k}:`, width + 2)}${v}`);
  }
  for (const f of view.formulas) {
    lines.push('', `${t('formula', lang)}${f.label ? ` (${f.label})` : ''}${f.docLine !== undefined ? ` [${t('documentLine', lang)} ${f.docLine}]` : ''}:`, `  ${f.latex}`);
    if (f.erratum) {
      lines.push(`  ${t('erratum', lang)}:`, ...wrap(f.erratum, '    '));
      if (f.original) lines.push(`    ${t('documentWrites', lang)}: ${f.original}`);
    }
  }
  if (view.withYourNumbers.length > 0) {
    lines.push('', `${t('withYourNumbers', lang)}:`);
    for (const s of view.withYourNumbers) lines.push(`  ${s.text}`, `    ${t('inSymbols', lang)}: ${s.formula}`, `    LaTeX: ${s.latex}`);
  }
  if (view.explanation) lines.push('', `${t('explanation', lang)}:`, ...wrap(view.explanation, '  '));
  return `${lines.join('\n')}\n`;
}

function shapeJson(s: ShapeResult, lang: Lang): { shape: number[] } | { unknown: string } {
  return s.known ? { shape: s.shape } : { unknown: s.reason[lang] };
}

/** The hover model as a JSON record (shapes as arrays, -1 for tfjs's unfixed batch; reasons in `lang`). */
export function hoverJson(view: HoverView, lang: Lang): Record<string, unknown> {
  return {
    kind: view.kind,
    name: view.name,
    callee: view.callee,
    layerKind: view.layerKind ?? null,
    concept: view.concept ?? null,
    input: view.input ? shapeJson(view.input, lang) : null,
    outputs: view.outputs.map((o) => shapeJson(o, lang)),
    params: view.kind === 'layer' ? view.params ?? null : null,
    paramsUnknownReason: view.kind === 'layer' && view.params === null ? view.paramsUnknown?.[lang] ?? null : null,
    model: view.model ?? null,
    formulas: view.formulas,
    withYourNumbers: view.withYourNumbers,
    explanation: view.explanation ?? null,
  };
}
