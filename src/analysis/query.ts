// Questions the editor asks about an analysis: what is at this position, and what to show there.
import type { AnalysisResult, LayerCall, LayerInfo, ModelInfo, SourcePos, SourceRange } from './types';

export function contains(r: SourceRange, p: SourcePos): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

function size(r: SourceRange): number {
  return (r.end.line - r.start.line) * 10_000 + (r.end.character - r.start.character);
}

export interface LayerHit {
  model: ModelInfo;
  layer: LayerInfo;
  /** The call under the cursor, when the cursor is on a call rather than the constructor. */
  call?: LayerCall;
  range: SourceRange;
}

/**
 * The layer whose constructor or call encloses the position; the innermost wins. A model's own
 * class is preferred over another model that merely contains the same code through nesting.
 */
export function layerAt(result: AnalysisResult, pos: SourcePos): LayerHit | undefined {
  let best: LayerHit | undefined;
  let bestScore = Infinity;
  for (const model of result.models) {
    const own = contains(model.extent, pos);
    for (const layer of model.layers) {
      const consider = (range: SourceRange, call?: LayerCall): void => {
        if (!contains(range, pos)) return;
        // Prefer: inside the model's own extent, then the smallest range, then a known shape.
        const score = (own ? 0 : 1e9) + size(range) * 10 + (layer.output.known ? 0 : 1) + layer.depth;
        if (score < bestScore) {
          bestScore = score;
          best = call ? { model, layer, call, range } : { model, layer, range };
        }
      };
      consider(layer.range);
      for (const call of layer.calls) consider(call.range, call);
    }
  }
  return best;
}

export function modelAt(result: AnalysisResult, pos: SourcePos): ModelInfo | undefined {
  return result.models.find((m) => contains(m.extent, pos));
}

/** `[64, 16, 14, 14]`; a batch of -1 (tfjs's unfixed batch) prints as `null`, as tfjs's summary does. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.map((d) => (d === -1 ? 'null' : String(d))).join(', ')}]`;
}

export function formatParams(n: number | null): string {
  return n === null ? '?' : n.toLocaleString('en-US');
}

/**
 * A model's input as shown: its positional tensors' shapes, then the tensors given by name
 * (`tokens=[4, 7]`); a value by name that is no tensor is not listed.
 */
export function inputsShown(m: Pick<ModelInfo, 'inputs' | 'keywordInputs'>): string[] {
  const byName = Object.entries(m.keywordInputs ?? {}).flatMap(([k, s]) => (s ? [`${k}=${formatShape(s)}`] : []));
  return [...m.inputs.map((s) => formatShape(s)), ...byName];
}

/**
 * A PyTorch model a runner can feed as PyTorch's own run would: its input tensors in order, one
 * per forward parameter (not also values given by name, nor tensors inside a tuple).
 */
export function feedsInOrder(m: ModelInfo): boolean {
  return m.framework === 'pytorch' && m.inputs.length > 0 && !m.keywordInputs && !m.nestedInputs && !m.inputMethod && /^[A-Za-z_]\w*$/.test(m.name);
}
