// Hover over a layer constructor or call (`nn.Conv2d(…)`, `self.conv1(x)`, `tf.layers.dense({…})`)
// or over a known API name (`F.relu`, `torch.softmax`, `tf.train.adam`). When the file's analysis
// is incomplete (stopped at its time budget, the model cap, too large), the hover says so first.
import * as vscode from 'vscode';
import { layerAt } from '../../analysis/query';
import { incompleteNotices } from '../../analysis/incomplete';
import { conceptsForCode } from '../../knowledge/lookup';
import type { MathSvgRenderer } from '../../formula/mathSvg';
import type { AnalysisResult } from '../../analysis/types';
import type { AnalysisCache } from './analysisCache';
import { sourceLanguage } from './analysisCache';
import { conceptHover, layerHover, themeKind } from './hoverContent';
import { escapeMd } from './hoverMarkdown';
import { uiLang } from '../config';

const CALLEE = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/;

/** "⚠ Analysis stopped: file too complex …" above the hover's own content. */
function noticeOf(result: AnalysisResult | undefined): vscode.MarkdownString[] {
  const lang = uiLang();
  return incompleteNotices(result?.incomplete ?? []).map((m) => new vscode.MarkdownString(`$(warning) ${escapeMd(m[lang])}`, true));
}

export class LayerHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly cache: AnalysisCache,
    private readonly renderer: MathSvgRenderer,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const result = await this.cache.analyze(document, token);
    if (token.isCancellationRequested) return undefined;
    // The theme is read per hover, so a theme change shows in the next hover without any cache flush.
    const deps = { renderer: this.renderer, lang: uiLang(), theme: themeKind(vscode.window.activeColorTheme.kind) };
    const hit = result ? layerAt(result, { line: position.line, character: position.character }) : undefined;
    const word = document.getWordRangeAtPosition(position, CALLEE);
    if (hit) {
      const r = hit.range;
      const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
      return new vscode.Hover([...noticeOf(result), layerHover(hit, deps)], word && range.contains(word) ? word : range);
    }
    if (!word) return undefined;
    const text = document.getText(word);
    const framework = sourceLanguage(document) === 'python' ? 'pytorch' : 'tfjs';
    const concept = conceptsForCode(framework, text)[0];
    if (!concept) return undefined;
    const md = conceptHover(concept.id, text, deps);
    return md ? new vscode.Hover([...noticeOf(result), md], word) : undefined;
  }
}
