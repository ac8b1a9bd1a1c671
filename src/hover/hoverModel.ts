// What a hover says about the code at a position, as plain data: the layer or API, its shapes and
// parameter count, the formulas (LaTeX, corrected where the document is wrong, with the erratum),
// the same formulas with the user's numbers, and our explanation. One model, two renderings: the
// VS Code hover's Markdown (src/host/editor/hoverMarkdown.ts) and `model-lens explain`'s text and
// JSON (src/hover/hoverText.ts). Pure: no vscode, no Node APIs.
import { layerAt, type LayerHit } from '../analysis/query';
import type { AnalysisResult, InputSource, Msg, NumberSource, ShapeResult, SourcePos, SourceRange, SubstitutedStep } from '../analysis/types';
import { conceptById, conceptsForCode, localize } from '../knowledge/lookup';
import type { Framework, Lang, LocalizedFormula } from '../knowledge/types';

/** What is under the cursor: a layer the analysis found, or an API name the knowledge base knows. */
export type HoverTarget = { kind: 'layer'; hit: LayerHit } | { kind: 'api'; conceptId: string; callee: string; range: SourceRange };

export interface HoverFormula {
  /** LaTeX to show: the corrected formula when the document's is wrong. */
  latex: string;
  /** The document's own LaTeX, when it differs from `latex`. */
  original?: string;
  erratum?: string;
  label?: string;
  docLine?: number;
  origin: LocalizedFormula['origin'];
}

export interface HoverView {
  kind: 'layer' | 'api';
  /** The layer's path (`conv1`, `features.0`), or the API name as written (`F.relu`). */
  name: string;
  /** The constructor or API as written in the code (`nn.Conv2d`, `tf.layers.dense`). */
  callee: string;
  /** The layer class (`Conv2d`, `Dense`); layers only. */
  layerKind?: string;
  concept?: { id: string; title: string };
  /** The knowledge base's formulas for it (a layer hover shows the first, an API hover two). */
  formulas: HoverFormula[];
  /** The layer's size and parameter formulas with this call's numbers. */
  withYourNumbers: SubstitutedStep[];
  /** Layers: the input of the call shown and the output of each call shown. */
  input?: ShapeResult;
  outputs: ShapeResult[];
  /** Layers: the parameter count (null: not known, with the reason when there is one). */
  params?: number | null;
  paramsUnknown?: Msg;
  /**
   * Set when PyTorch's exact-shapes pass ran the model: where each output (parallel to `outputs`)
   * and the count came from, with the inferred value PyTorch overruled (undefined when they agree).
   */
  sources?: {
    outputs: { source: NumberSource; inferred?: ShapeResult }[];
    params: { source: NumberSource; inferred?: number | null };
    /** "Python 3.11.2, torch 1.13.1". */
    runtime: string;
  };
  model?: { name: string; inputs: number[][]; keywordInputs?: Record<string, number[] | null>; inputSource: InputSource };
  explanation?: string;
}

/** An identifier path (`nn.Conv2d`, `self.conv1`, `tf.layers.dense`), as VS Code's word range would take it. */
const CALLEE = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/g;

/** The callee-like word that contains the column, with its columns (0-based, end exclusive). */
export function calleeAt(lineText: string, character: number): { text: string; start: number; end: number } | undefined {
  for (const m of lineText.matchAll(CALLEE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (character >= start && character <= end) return { text: m[0], start, end };
    if (start > character) break;
  }
  return undefined;
}

/** The layer at the position (the analysis's own), else a known API name under the cursor. */
export function hoverTargetAt(result: AnalysisResult | undefined, lineText: string, pos: SourcePos, framework: Framework): HoverTarget | undefined {
  const hit = result ? layerAt(result, pos) : undefined;
  if (hit) return { kind: 'layer', hit };
  const word = calleeAt(lineText, pos.character);
  if (!word) return undefined;
  const concept = conceptsForCode(framework, word.text)[0];
  if (!concept) return undefined;
  return { kind: 'api', conceptId: concept.id, callee: word.text, range: { start: { line: pos.line, character: word.start }, end: { line: pos.line, character: word.end } } };
}

/** The first hover target on a line, scanning its words left to right (`explain FILE:LINE` without a column). */
export function hoverTargetOnLine(result: AnalysisResult | undefined, lineText: string, line: number, framework: Framework): HoverTarget | undefined {
  for (const m of lineText.matchAll(CALLEE)) {
    const target = hoverTargetAt(result, lineText, { line, character: m.index }, framework);
    if (target) return target;
  }
  return undefined;
}

function hoverFormula(f: LocalizedFormula): HoverFormula {
  const out: HoverFormula = { latex: f.latex, origin: f.origin };
  if (f.original !== f.latex) out.original = f.original;
  if (f.erratum !== undefined) out.erratum = f.erratum;
  if (f.label !== undefined) out.label = f.label;
  if (f.docLine !== undefined) out.docLine = f.docLine;
  return out;
}

export function hoverView(target: HoverTarget, lang: Lang): HoverView {
  if (target.kind === 'api') {
    const concept = conceptById(target.conceptId);
    const local = concept ? localize(concept, lang) : undefined;
    return {
      kind: 'api',
      name: target.callee,
      callee: target.callee,
      ...(local ? { concept: { id: local.id, title: local.title }, explanation: local.explanation } : {}),
      formulas: (local?.formulas ?? []).slice(0, 2).map(hoverFormula),
      withYourNumbers: [],
      outputs: [],
    };
  }
  const { layer, model } = target.hit;
  const concept = layer.conceptIds.map((id) => conceptById(id)).find((c) => c !== undefined);
  const local = concept ? localize(concept, lang) : undefined;
  const call = target.hit.call ?? layer.calls[layer.calls.length - 1];
  // On the constructor of a layer called several times, every call's output; on a call, its own.
  const shownCalls = target.hit.call || layer.calls.length <= 1 ? [call] : layer.calls;
  const outputs = shownCalls.map((c) => c?.output ?? layer.output);
  const runtime = model.runtime?.ran ? model.runtime.runtime : null;
  return {
    kind: 'layer',
    name: layer.path,
    callee: layer.callee,
    layerKind: layer.kind,
    ...(local ? { concept: { id: local.id, title: local.title }, explanation: local.explanation } : {}),
    formulas: (local?.formulas ?? []).slice(0, 1).map(hoverFormula),
    withYourNumbers: call?.steps ?? [],
    ...(call ? { input: call.input } : {}),
    outputs,
    params: layer.params,
    ...(layer.params === null && layer.paramsUnknown ? { paramsUnknown: layer.paramsUnknown } : {}),
    model: { name: model.name, inputs: model.inputs, ...(model.keywordInputs ? { keywordInputs: model.keywordInputs } : {}), inputSource: model.inputSource },
    ...(runtime !== null ? {
      sources: {
        outputs: shownCalls.map((c) => ({ source: c?.outputSource ?? layer.outputSource ?? 'inferred', ...(c?.inferredOutput ? { inferred: c.inferredOutput } : {}) })),
        params: { source: layer.paramsSource ?? 'inferred', ...(layer.inferredParams !== undefined ? { inferred: layer.inferredParams } : {}) },
        runtime,
      },
    } : {}),
  };
}
