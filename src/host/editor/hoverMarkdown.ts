// The hover's Markdown, rendered from the hover model (src/hover/hoverModel.ts) without the VS Code
// API, so the bench times exactly what a hover computes and `model-lens explain` shows the same
// content. hoverContent.ts wraps it in a MarkdownString trusted for our one command.
//
// Text that comes from the user's file (layer names, tfjs `name:` strings, model names, settings
// echoed in reasons) is never Markdown: every ASCII punctuation character is escaped, so a name
// like `http://x.y` or `[a](b)` can become neither a link, nor emphasis, nor HTML, nor an icon.
import { svgDataUri, type MathSvgRenderer, type ThemeKind } from '../../formula/mathSvg';
import { formatParams, formatShape, inputsShown } from '../../analysis/query';
import type { ShapeResult } from '../../analysis/types';
import type { Lang } from '../../knowledge/types';
import type { HoverFormula, HoverView } from '../../hover/hoverModel';
import { INPUT_SOURCE, sourceNote, t } from '../../hover/hoverStrings';
import { CommandIds } from '../commandIds';

export interface HoverDeps {
  renderer: MathSvgRenderer;
  lang: Lang;
  theme: ThemeKind;
}

/** VS Code turns `$(name)` anywhere in a hover's HTML, even in code, into an icon: a word joiner keeps it text. */
function noIcons(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/\$\(/g, '$\u2060(');
}

/** Literal text in Markdown: every ASCII punctuation character backslash-escaped, line breaks as spaces. */
export function escapeMd(s: string): string {
  return noIcons(s).replace(/[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/g, (c) => `\\${c}`);
}

/** A code span that holds any text: a fence longer than the longest run of backticks inside. */
export function codeSpan(s: string, inTable = false): string {
  let text = noIcons(s);
  // In a table a `|` ends the cell even inside a code span (GFM) unless escaped.
  if (inTable) text = text.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function shapeText(s: ShapeResult, lang: Lang): string {
  return s.known ? codeSpan(formatShape(s.shape), true) : `${t('unknown', lang)} — ${escapeMd(s.reason[lang])}`;
}

function formulaImage(deps: HoverDeps, latex: string): string {
  const svg = deps.renderer.render(latex, { theme: deps.theme, display: true, fontSizePx: 15 });
  // Alt text is not unescaped by the renderer: drop what would end it instead of escaping it.
  const alt = noIcons(svg.text).replace(/[[\]()\\]/g, '');
  return `![${alt}](${svgDataUri(svg.svg)})`;
}

function formulaBlock(f: HoverFormula, deps: HoverDeps): string {
  let md = `${formulaImage(deps, f.latex)}\n\n`;
  if (f.erratum) md += `*${t('erratum', deps.lang)}:* ${escapeMd(f.erratum)}\n\n`;
  return md;
}

function conceptLink(conceptId: string, lang: Lang): string {
  const args = encodeURIComponent(JSON.stringify([conceptId]));
  return `[$(book) ${t('openInPanel', lang)}](command:${CommandIds.showConcept}?${args})`;
}

/** The hover for a layer (formula, your numbers, shapes, explanation) or an API name (formulas, explanation). */
export function hoverMarkdown(view: HoverView, deps: HoverDeps): string {
  const lang = deps.lang;
  const title = view.concept ? ` — ${escapeMd(view.concept.title)}` : '';
  if (view.kind === 'api') {
    const formulas = view.formulas.map((f) => formulaBlock(f, deps)).join('');
    const explanation = view.explanation ? `${escapeMd(view.explanation)}\n\n` : '';
    return `**${codeSpan(view.callee)}**${title}\n\n${formulas}${explanation}${view.concept ? conceptLink(view.concept.id, lang) : ''}`;
  }
  // Most useful first (a hover shows ~10 lines before it scrolls): the formula, the same formula
  // with this code's numbers, the shapes; the explanation and the link come last.
  let md = `**${escapeMd(view.name)}** · ${codeSpan(view.callee)}${title}\n\n`;
  md += view.formulas.map((f) => formulaBlock(f, deps)).join('');
  // One step per line (Markdown hard breaks), so H_out and W_out line up under each other.
  if (view.withYourNumbers.length > 0) md += `${t('withYourNumbers', lang)}:  \n${view.withYourNumbers.map((s) => codeSpan(s.text)).join('  \n')}\n\n`;
  const rows: string[] = [];
  if (view.input) rows.push(`| ${t('input', lang)} | ${shapeText(view.input, lang)} |`);
  const src = view.sources;
  const note = (s: { source: 'pytorch' | 'inferred' } | undefined, inferred: string | undefined): string => (s ? ` *(${escapeMd(sourceNote(s.source, inferred, lang))})*` : '');
  const inferredShape = (s: ShapeResult | undefined): string | undefined => (s === undefined ? undefined : s.known ? formatShape(s.shape) : '?');
  rows.push(`| ${t('output', lang)} | ${view.outputs.map((o, i) => `${shapeText(o, lang)}${note(src?.outputs[i], inferredShape(src?.outputs[i]?.inferred))}`).join(' · ')} |`);
  const paramsShown = view.params === null && view.paramsUnknown ? `${t('unknown', lang)} — ${escapeMd(view.paramsUnknown[lang])}` : formatParams(view.params ?? null);
  rows.push(`| ${t('parameters', lang)} | ${paramsShown}${note(src?.params, src?.params.inferred !== undefined ? formatParams(src.params.inferred) : undefined)} |`);
  if (view.model) {
    const inputs = inputsShown(view.model).join(', ');
    const from = escapeMd(INPUT_SOURCE[view.model.inputSource]?.[lang] ?? view.model.inputSource);
    rows.push(`| ${t('model', lang)} | ${escapeMd(view.model.name)}${inputs ? ` — ${t('input', lang)} ${codeSpan(inputs, true)} (${t('inputFrom', lang)} ${from})` : ''} |`);
  }
  md += `| | |\n|---|---|\n${rows.join('\n')}\n\n`;
  if (src) md += `*${escapeMd(`${t('fromPytorch', lang)}: ${src.runtime}`)}*\n\n`;
  if (view.explanation) md += `${escapeMd(view.explanation)}\n\n`;
  if (view.concept) md += conceptLink(view.concept.id, lang);
  return md;
}
