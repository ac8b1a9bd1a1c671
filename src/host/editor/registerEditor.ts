// Registers the editor features (hover, inlay hints, diagnostics, quick fix, the "Set input
// shape…" CodeLens) for Python, TypeScript and JavaScript files and Python notebook cells, all
// reading one per-version analysis cache.
import * as vscode from 'vscode';
import { createMathSvgRenderer } from '../../formula/mathSvg';
import { affectsAny } from '../config';
import { ANALYSED_LANGUAGES, NOTEBOOK_CELL_SCHEME, type AnalysisCache } from './analysisCache';
import { ShapeDiagnostics, ShapeQuickFixProvider } from './diagnostics';
import { LayerHoverProvider } from './hoverProvider';
import { ShapeInlayHintsProvider } from './inlayHints';
import { InputShapeLensProvider, registerSetInputShape } from './inputShapeLens';

export interface EditorFeatures extends vscode.Disposable {
  readonly hints: ShapeInlayHintsProvider;
}

export function registerEditorFeatures(cache: AnalysisCache, log?: vscode.LogOutputChannel): EditorFeatures {
  const renderer = createMathSvgRenderer();
  const hints = new ShapeInlayHintsProvider(cache);
  const lenses = new InputShapeLensProvider(cache);
  // MathJax takes ~0.2 s to load: do it after activation, before the first hover needs it.
  const warm = setTimeout(() => renderer.warmUp(), 1500);
  const disposables: vscode.Disposable[] = [
    vscode.languages.registerHoverProvider(ANALYSED_LANGUAGES, new LayerHoverProvider(cache, renderer)),
    vscode.languages.registerInlayHintsProvider(ANALYSED_LANGUAGES, hints),
    vscode.languages.registerCodeActionsProvider(ANALYSED_LANGUAGES, new ShapeQuickFixProvider(cache), { providedCodeActionKinds: ShapeQuickFixProvider.kinds }),
    new ShapeDiagnostics(cache, log),
    // "Set input shape…" over models whose input is unknown, and the command that writes the comment.
    vscode.languages.registerCodeLensProvider(ANALYSED_LANGUAGES, lenses),
    lenses,
    registerSetInputShape(cache),
    hints,
    // An edit in one cell changes the shapes in the others: their hints must be asked for again.
    // PyTorch's exact shapes replaced a version's numbers: every hint is asked for again.
    cache.onDidAnalyze((e) => { if (e.refined || e.parts.some((p) => p.uri.scheme === NOTEBOOK_CELL_SCHEME)) hints.refresh(); }),
    // A workspace file the analysis read (an imported block class) changed: shapes may have too.
    cache.onDidInvalidate(() => hints.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsAny(e)) hints.refresh();
    }),
    // Formula images are rendered for one theme kind; the next hover renders for the new one.
    vscode.window.onDidChangeActiveColorTheme(() => renderer.clear()),
    { dispose: () => clearTimeout(warm) },
  ];
  return {
    hints,
    dispose: () => {
      for (const d of disposables) d.dispose();
      renderer.clear();
    },
  };
}
