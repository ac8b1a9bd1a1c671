// Which classes of an analysed file "Train this model" can offer (pure, no VS Code): PyTorch
// nn.Module classes with exactly one known input shape. The lens sits on the class's line.
import { feedsInOrder } from '../../analysis/query';
import type { AnalysisResult } from '../../analysis/types';

export interface TrainOffer {
  /** The class name. */
  model: string;
  /** 0-based line of the class. */
  line: number;
  /** Its first line to last line, for "the class under the cursor". */
  extent: { start: number; end: number };
  /** The input shape, batch first. */
  input: number[];
}

export function trainOffers(result: AnalysisResult): TrainOffer[] {
  return result.models
    .filter((m) => feedsInOrder(m) && m.inputs.length === 1)
    .map((m) => ({ model: m.name, line: m.range.start.line, extent: { start: m.extent.start.line, end: m.extent.end.line }, input: [...m.inputs[0]!] }));
}

/** The class whose definition holds the cursor line, if any. */
export function classAtLine(result: AnalysisResult, line: number): { model: string; hasOffer: boolean; inputs: number } | undefined {
  const m = result.models.find((x) => x.framework === 'pytorch' && x.extent.start.line <= line && line <= x.extent.end.line);
  if (!m) return undefined;
  return { model: m.name, hasOffer: trainOffers(result).some((o) => o.model === m.name), inputs: m.inputs.length };
}
