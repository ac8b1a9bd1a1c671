// Hover over a layer constructor or call (`nn.Conv2d(…)`, `self.conv1(x)`, `tf.layers.dense({…})`)
// or over a known API name (`F.relu`, `torch.softmax`, `tf.train.adam`). What it says comes from
// the hover model, the same one `model-lens explain` prints. When the file's analysis is incomplete
// (stopped at its time budget, the model cap, too large), the hover says so first.
import * as vscode from 'vscode';
import { incompleteNotices } from '../../analysis/incomplete';
import type { AnalysisResult } from '../../analysis/types';
import type { MathSvgRenderer } from '../../formula/mathSvg';
import { calleeAt, hoverTargetAt, hoverView } from '../../hover/hoverModel';
import type { AnalysisCache } from './analysisCache';
import { sourceLanguage } from './analysisCache';
import { hoverContent, themeKind } from './hoverContent';
import { escapeMd } from './hoverMarkdown';
import { uiLang } from '../config';

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
    const lineText = document.lineAt(position.line).text;
    const framework = sourceLanguage(document) === 'python' ? 'pytorch' : 'tfjs';
    const target = hoverTargetAt(result, lineText, { line: position.line, character: position.character }, framework);
    if (!target) return undefined;
    const lang = uiLang();
    // The theme is read per hover, so a theme change shows in the next hover without any cache flush.
    const md = hoverContent(hoverView(target, lang), { renderer: this.renderer, lang, theme: themeKind(vscode.window.activeColorTheme.kind) });
    const word = calleeAt(lineText, position.character);
    const wordRange = word ? new vscode.Range(position.line, word.start, position.line, word.end) : undefined;
    if (target.kind === 'api') return new vscode.Hover([...noticeOf(result), md], wordRange);
    const r = target.hit.range;
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    return new vscode.Hover([...noticeOf(result), md], wordRange && range.contains(wordRange) ? wordRange : range);
  }
}
