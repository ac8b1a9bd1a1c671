// Wraps the hover Markdown (hoverMarkdown.ts) for VS Code: trusted for our one command only, and
// rendered for the active theme kind (formula SVGs cannot inherit theme colours).
import * as vscode from 'vscode';
import type { ThemeKind } from '../../formula/mathSvg';
import type { LayerHit } from '../../analysis/query';
import { CommandIds } from '../commandIds';
import { conceptHoverMarkdown, layerHoverMarkdown, type HoverDeps } from './hoverMarkdown';

export type { HoverDeps };

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

function wrap(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, true);
  // Only our own command may run from a hover link.
  md.isTrusted = { enabledCommands: [CommandIds.showConcept] };
  md.supportHtml = false;
  return md;
}

export function layerHover(hit: LayerHit, deps: HoverDeps): vscode.MarkdownString {
  return wrap(layerHoverMarkdown(hit, deps));
}

export function conceptHover(conceptId: string, callee: string, deps: HoverDeps): vscode.MarkdownString | undefined {
  const text = conceptHoverMarkdown(conceptId, callee, deps);
  return text === undefined ? undefined : wrap(text);
}
