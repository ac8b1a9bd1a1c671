// Shapes at the end of layer lines (`→ [64, 16, 14, 14] · 4,640 params`) and of forward
// statements (`→ [64, 1568]`), from the cached analysis of the document's current version.
import * as vscode from 'vscode';
import { formatParams, formatShape } from '../../analysis/query';
import type { AnalysisResult, LayerInfo, ModelInfo, ShapeResult } from '../../analysis/types';
import type { Lang } from '../../knowledge/types';
import { config, uiLang } from '../config';
import type { AnalysisCache } from './analysisCache';
import { sourceNote, t } from '../../hover/hoverStrings';

function shapeLabel(s: ShapeResult): string {
  return s.known ? formatShape(s.shape) : '?';
}

/** The model that owns a line: the innermost model whose definition contains it. */
function ownerOf(result: AnalysisResult, line: number): ModelInfo | undefined {
  let best: ModelInfo | undefined;
  for (const m of result.models) {
    if (m.extent.start.line <= line && line <= m.extent.end.line) {
      if (!best || m.extent.end.line - m.extent.start.line < best.extent.end.line - best.extent.start.line) best = m;
    }
  }
  return best;
}

export interface HintSpec {
  line: number;
  label: string;
  tooltip: string;
}

export function hintsFor(result: AnalysisResult, lang: Lang, fromLine: number, toLine: number): HintSpec[] {
  const byLine = new Map<number, HintSpec>();
  for (const model of result.models) {
    const addLayer = (l: LayerInfo): void => {
      // A multi-line constructor (nn.Sequential) gets its hint on its last line.
      const line = l.range.end.line;
      if (line < fromLine || line > toLine || byLine.has(line) || ownerOf(result, l.range.start.line) !== model) return;
      const outs = l.calls.length > 0 ? [...new Set(l.calls.map((c) => shapeLabel(c.output)))] : [shapeLabel(l.output)];
      const params = l.params === 0 ? '' : ` · ${formatParams(l.params)} ${t('params', lang)}`;
      const reasons = [...l.calls.map((c) => c.output), l.output].filter((s): s is Extract<ShapeResult, { known: false }> => !s.known).map((s) => s.reason[lang]);
      const steps = l.calls[l.calls.length - 1]?.steps.map((s) => s.text) ?? [];
      // After PyTorch ran the model: where the numbers came from, and what the analysis had inferred.
      const ran = model.runtime?.ran === true;
      const measured = ran && l.outputSource === 'pytorch' && l.paramsSource === 'pytorch';
      const from = ran ? ` · ${t(measured ? 'fromPytorch' : 'inferred', lang)}` : '';
      const overruled = l.calls.filter((c) => c.inferredOutput).map((c) => sourceNote('pytorch', shapeLabel(c.inferredOutput!), lang));
      if (l.inferredParams !== undefined) overruled.push(`${t('params', lang)}: ${sourceNote('pytorch', formatParams(l.inferredParams), lang)}`);
      byLine.set(line, { line, label: `→ ${outs.join(', ')}${params}${from}`, tooltip: [`${l.path}: ${l.kind}`, ...overruled, ...steps, ...reasons.slice(0, 1)].join('\n') });
    };
    // Nested layers (depth > 0) live on their own lines inside an nn.Sequential: hint them too.
    for (const l of model.layers) if (l.range.start.line === l.range.end.line || l.depth === 0) addLayer(l);
    for (const f of model.flow) {
      const line = f.range.end.line;
      if (line < fromLine || line > toLine || byLine.has(line) || ownerOf(result, line) !== model) continue;
      const from = model.runtime?.ran === true ? ` · ${t(f.valueSource === 'pytorch' ? 'fromPytorch' : 'inferred', lang)}` : '';
      byLine.set(line, { line, label: `→ ${shapeLabel(f.value)}${from}`, tooltip: f.value.known ? `${f.target}: ${formatShape(f.value.shape)}` : `${f.target}: ${f.value.reason[lang]}` });
    }
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}

export class ShapeInlayHintsProvider implements vscode.InlayHintsProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(private readonly cache: AnalysisCache) {}

  refresh(): void {
    this.changed.fire();
  }

  async provideInlayHints(document: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): Promise<vscode.InlayHint[]> {
    if (!config.inlayHintsEnabled()) return [];
    const result = await this.cache.analyze(document, token);
    if (!result || token.isCancellationRequested) return [];
    return hintsFor(result, uiLang(), range.start.line, range.end.line).map((h) => {
      const end = document.lineAt(h.line).range.end;
      const hint = new vscode.InlayHint(end, h.label, vscode.InlayHintKind.Type);
      hint.paddingLeft = true;
      hint.tooltip = h.tooltip;
      return hint;
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
