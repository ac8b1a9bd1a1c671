// Wraps the hover Markdown (hoverMarkdown.ts) for VS Code: trusted for our one command only, and
// rendered for the active theme kind (formula SVGs cannot inherit theme colours).
import * as vscode from 'vscode';
import type { ThemeKind } from '../../formula/mathSvg';
import type { HoverView } from '../../hover/hoverModel';
import { CommandIds } from '../commandIds';
import { hoverMarkdown, type HoverDeps } from './hoverMarkdown';

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

export function hoverContent(view: HoverView, deps: HoverDeps): vscode.MarkdownString {
  // Theme icons on for the $(book) of our link; text from the user's file is kept out of icon
  // syntax by hoverMarkdown.ts.
  const md = new vscode.MarkdownString(hoverMarkdown(view, deps), true);
  // Only our own command may run from a hover link.
  md.isTrusted = { enabledCommands: [CommandIds.showConcept] };
  md.supportHtml = false;
  return md;
}
