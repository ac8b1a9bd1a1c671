// The Markdown of a layer hover, built without the VS Code API so the bench can time exactly
// what a hover computes. The host wraps it in a trusted MarkdownString (hoverContent.ts).
import { conceptById, localize } from '../../knowledge/lookup';
import type { Lang, LocalizedConcept } from '../../knowledge/types';
import { svgDataUri, type MathSvgRenderer, type ThemeKind } from '../../formula/mathSvg';
import type { LayerHit } from '../../analysis/query';
import { formatParams, formatShape } from '../../analysis/query';
import type { ShapeResult } from '../../analysis/types';
import { CommandIds } from '../commandIds';
import { INPUT_SOURCE, t } from './editorStrings';

export interface HoverDeps {
  renderer: MathSvgRenderer;
  lang: Lang;
  theme: ThemeKind;
}

function shapeText(s: ShapeResult, lang: Lang): string {
  return s.known ? `\`${formatShape(s.shape)}\`` : `${t('unknown', lang)} — ${escapeMd(s.reason[lang])}`;
}

export function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

function formulaImage(deps: HoverDeps, latex: string): string {
  const svg = deps.renderer.render(latex, { theme: deps.theme, display: true, fontSizePx: 15 });
  const alt = svg.text.replace(/[[\]()]/g, '');
  return `![${alt}](${svgDataUri(svg.svg)})`;
}

function conceptSection(concept: LocalizedConcept, deps: HoverDeps, maxFormulas: number): string {
  let md = '';
  for (const f of concept.formulas.slice(0, maxFormulas)) {
    md += `${formulaImage(deps, f.latex)}\n\n`;
    if (f.erratum) md += `*${t('erratum', deps.lang)}:* ${escapeMd(f.erratum)}\n\n`;
  }
  return `${md}${escapeMd(concept.explanation)}\n\n`;
}

function conceptLink(conceptId: string, lang: Lang): string {
  const args = encodeURIComponent(JSON.stringify([conceptId]));
  return `[$(book) ${t('openInPanel', lang)}](command:${CommandIds.showConcept}?${args})`;
}

export function layerHoverMarkdown(hit: LayerHit, deps: HoverDeps): string {
  const { layer, model } = hit;
  const lang = deps.lang;
  const concept = layer.conceptIds.map((id) => conceptById(id)).find((c) => c !== undefined);
  const local = concept ? localize(concept, lang) : undefined;
  // Most useful first (a hover shows ~10 lines before it scrolls): the formula, the same formula
  // with this code's numbers, the shapes; the explanation and the link come last.
  let md = `**${escapeMd(layer.path)}** · \`${layer.callee}\`${local ? ` — ${escapeMd(local.title)}` : ''}\n\n`;
  const first = local?.formulas[0];
  if (first) {
    md += `${formulaImage(deps, first.latex)}\n\n`;
    if (first.erratum) md += `*${t('erratum', deps.lang)}:* ${escapeMd(first.erratum)}\n\n`;
  }
  const call = hit.call ?? layer.calls[layer.calls.length - 1];
  const steps = call?.steps ?? [];
  // One step per line (Markdown hard breaks), so H_out and W_out line up under each other.
  if (steps.length > 0) md += `${t('withYourNumbers', lang)}:  \n${steps.map((s) => `\`${s.text}\``).join('  \n')}\n\n`;
  const rows: string[] = [];
  if (call) rows.push(`| ${t('input', lang)} | ${shapeText(call.input, lang)} |`);
  if (hit.call || layer.calls.length <= 1) rows.push(`| ${t('output', lang)} | ${shapeText(call?.output ?? layer.output, lang)} |`);
  else rows.push(`| ${t('output', lang)} | ${layer.calls.map((c) => shapeText(c.output, lang)).join(' · ')} |`);
  rows.push(`| ${t('parameters', lang)} | ${formatParams(layer.params)} |`);
  const inputs = model.inputs.map((s) => formatShape(s)).join(', ');
  rows.push(`| ${t('model', lang)} | ${escapeMd(model.name)}${inputs ? ` — ${t('input', lang)} \`${inputs}\` (${t('inputFrom', lang)} ${escapeMd(INPUT_SOURCE[model.inputSource]?.[lang] ?? model.inputSource)})` : ''} |`);
  md += `| | |\n|---|---|\n${rows.join('\n')}\n\n`;
  if (local) md += `${escapeMd(local.explanation)}\n\n`;
  if (concept) md += conceptLink(concept.id, lang);
  return md;
}

export function conceptHoverMarkdown(conceptId: string, callee: string, deps: HoverDeps): string | undefined {
  const concept = conceptById(conceptId);
  if (!concept) return undefined;
  const local = localize(concept, deps.lang);
  return `**\`${callee}\`** — ${escapeMd(local.title)}\n\n${conceptSection(local, deps, 2)}${conceptLink(concept.id, deps.lang)}`;
}
