// What a hover over layer code shows: the concept's formula rendered as math (an SVG image made
// for the current theme), our explanation, the output shape and parameters, the formula with the
// code's own numbers, and a link that opens the concept in the side panel.
import * as vscode from 'vscode';
import { conceptById, localize } from '../../knowledge/lookup';
import type { Lang, LocalizedConcept } from '../../knowledge/types';
import { svgDataUri, type MathSvgRenderer, type ThemeKind } from '../../formula/mathSvg';
import type { LayerHit } from '../../analysis/query';
import { formatParams, formatShape } from '../../analysis/query';
import type { ShapeResult } from '../../analysis/types';
import { CommandIds } from '../commandIds';
import { INPUT_SOURCE, t } from './editorText';

export function themeKind(kind: vscode.ColorThemeKind): ThemeKind {
  switch (kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'highContrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'highContrastLight';
    default:
      return 'dark';
  }
}

function shapeText(s: ShapeResult, lang: Lang): string {
  return s.known ? `\`${formatShape(s.shape)}\`` : `${t('unknown', lang)} — ${s.reason[lang]}`;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

export interface HoverDeps {
  renderer: MathSvgRenderer;
  lang: Lang;
  theme: ThemeKind;
}

function formulaImage(deps: HoverDeps, latex: string): string {
  const svg = deps.renderer.render(latex, { theme: deps.theme, display: true, fontSizePx: 15 });
  const alt = svg.text.replace(/[[\]]/g, '');
  return `![${alt}](${svgDataUri(svg.svg)})`;
}

function conceptSection(md: vscode.MarkdownString, concept: LocalizedConcept, deps: HoverDeps, maxFormulas: number): void {
  for (const f of concept.formulas.slice(0, maxFormulas)) {
    md.appendMarkdown(`${formulaImage(deps, f.latex)}\n\n`);
    if (f.erratum) md.appendMarkdown(`*${t('erratum', deps.lang)}:* ${escapeMd(f.erratum)}\n\n`);
  }
  md.appendMarkdown(`${escapeMd(concept.explanation)}\n\n`);
}

function conceptLink(md: vscode.MarkdownString, conceptId: string, lang: Lang): void {
  const args = encodeURIComponent(JSON.stringify([conceptId]));
  md.appendMarkdown(`[$(book) ${t('openInPanel', lang)}](command:${CommandIds.showConcept}?${args})`);
}

function newMarkdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  // Only our own command may run from a hover link.
  md.isTrusted = { enabledCommands: [CommandIds.showConcept] };
  md.supportHtml = false;
  return md;
}

export function layerHover(hit: LayerHit, deps: HoverDeps): vscode.MarkdownString {
  const { layer, model } = hit;
  const lang = deps.lang;
  const md = newMarkdown();
  const concept = layer.conceptIds.map((id) => conceptById(id)).find((c) => c !== undefined);
  const local = concept ? localize(concept, lang) : undefined;
  md.appendMarkdown(`**${escapeMd(layer.path)}** · \`${layer.callee}\`${local ? ` — ${escapeMd(local.title)}` : ''}\n\n`);
  if (local) conceptSection(md, local, deps, 1);
  const call = hit.call ?? layer.calls[layer.calls.length - 1];
  const rows: string[] = [];
  if (call) rows.push(`| ${t('input', lang)} | ${shapeText(call.input, lang)} |`);
  if (hit.call || layer.calls.length <= 1) rows.push(`| ${t('output', lang)} | ${shapeText(call?.output ?? layer.output, lang)} |`);
  else rows.push(`| ${t('output', lang)} | ${layer.calls.map((c) => shapeText(c.output, lang)).join(' · ')} |`);
  rows.push(`| ${t('parameters', lang)} | ${formatParams(layer.params)} |`);
  const inputs = model.inputs.map((s) => formatShape(s)).join(', ');
  rows.push(`| ${t('model', lang)} | ${escapeMd(model.name)}${inputs ? ` — ${t('input', lang)} \`${inputs}\` (${t('inputFrom', lang)} ${escapeMd(INPUT_SOURCE[model.inputSource]?.[lang] ?? model.inputSource)})` : ''} |`);
  md.appendMarkdown(`| | |\n|---|---|\n${rows.join('\n')}\n\n`);
  const steps = call?.steps ?? [];
  if (steps.length > 0) {
    md.appendMarkdown(`**${t('withYourNumbers', lang)}**\n\n`);
    for (const s of steps) md.appendMarkdown(`${formulaImage(deps, s.latex)}\n\n\`${s.text}\`\n\n`);
  }
  if (concept) conceptLink(md, concept.id, lang);
  return md;
}

export function conceptHover(conceptId: string, callee: string, deps: HoverDeps): vscode.MarkdownString | undefined {
  const concept = conceptById(conceptId);
  if (!concept) return undefined;
  const local = localize(concept, deps.lang);
  const md = newMarkdown();
  md.appendMarkdown(`**\`${callee}\`** — ${escapeMd(local.title)}\n\n`);
  conceptSection(md, local, deps, 2);
  conceptLink(md, concept.id, deps.lang);
  return md;
}
