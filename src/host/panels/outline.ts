// The side panel's outline, built from a code analysis: pure (no `vscode`), so it is unit-tested
// against real analyses, and every value is brought inside what the webview's gate accepts
// (tfjs writes an unknown batch dimension as -1: that becomes null, "unknown").
import type { AnalysisResult, LayerInfo, ModelInfo, ShapeDiagnostic } from '../../analysis/types';
import type { OutlineModel } from '../../protocol/sidePanel';

const MAX_DIMS = 8;

export function shapeForPanel(shape: readonly number[] | undefined | null): (number | null)[] | null {
  if (!shape || shape.length > MAX_DIMS) return null;
  return shape.map((d) => (Number.isInteger(d) && d >= 0 && d <= 1e9 ? d : null));
}

const finiteOrNull = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) && x >= 0 ? x : null);

export function buildOutline(r: AnalysisResult, lang: 'en' | 'zh-cn', grads?: ReadonlyMap<string, number>): OutlineModel[] {
  return r.models.slice(0, 64).map((m, mi) => ({
    name: m.name.slice(0, 200),
    line: m.range.start.line + 1,
    inputShape: shapeForPanel(m.inputs[0]),
    layers: m.layers.slice(0, 1000).map((l, li) => ({
      key: `${mi}:${li}`,
      name: (l.path || l.name).slice(0, 200),
      kind: l.kind.slice(0, 120),
      line: l.range.start.line + 1,
      outputShape: l.output.known ? shapeForPanel(l.output.shape) : null,
      params: l.params !== null && Number.isInteger(l.params) && l.params >= 0 ? l.params : null,
      warning: warningFor(r.diagnostics, m, l, lang),
      conceptId: l.conceptIds[0]?.slice(0, 80) ?? null,
      gradNorm: finiteOrNull(grads?.get(l.name) ?? grads?.get(l.path)),
      source: m.runtime?.ran ? (l.outputSource === 'pytorch' && l.paramsSource === 'pytorch' ? 'pytorch' : 'inferred') : null,
    })),
  }));
}

function warningFor(diags: ShapeDiagnostic[], m: ModelInfo, l: LayerInfo, lang: 'en' | 'zh-cn'): string | null {
  const d = diags.find((x) => x.model === m.name && (x.layer === l.name || x.layer === l.path) && (x.severity === 'error' || x.code === 'shape-mismatch'));
  return d ? d.message[lang].slice(0, 1000) : null;
}
