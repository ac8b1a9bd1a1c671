// Lookups over the knowledge base. Pure and synchronous: the indexes are built once, when the
// module loads, and never change afterwards, so every caller sees the same answers.

import type { Concept, ConceptId, Framework, Lang, LocalizedConcept, LocalizedErratum, LocalizedFormula } from './types';
import { ALL_CONCEPTS } from './data/all';
import { PROSE_ERRATA } from './data/proseErrata';

const byId: ReadonlyMap<ConceptId, Concept> = new Map(ALL_CONCEPTS.map((c) => [c.id, c]));
const order: ReadonlyMap<ConceptId, number> = new Map(ALL_CONCEPTS.map((c, i) => [c.id, i]));

export function allConcepts(): readonly Concept[] {
  return ALL_CONCEPTS;
}

export function conceptById(id: ConceptId): Concept | undefined {
  return byId.get(id);
}

/**
 * Bring a callee as written in code to the canonical spelling the patterns use, so that
 * `torch.nn.Conv2d`, `nn.Conv2d`, `torch.nn.functional.relu`, `F.relu` and tfjs named
 * imports (`layers.dense`) meet the same entries.
 */
export function normalizeCallee(framework: Framework, calleeText: string): string {
  // Tolerate a whole call expression being passed: keep only the callee before '(' or '<'.
  let s = calleeText.replace(/\s+/g, '').replace(/[(<].*$/s, '');
  if (framework === 'pytorch') {
    s = s
      .replace(/^torch\.nn\.functional\./, 'F.')
      .replace(/^nn\.functional\./, 'F.')
      .replace(/^functional\./, 'F.')
      .replace(/^torch\.nn\./, 'nn.')
      .replace(/^torch\.optim\.lr_scheduler\./, 'optim.lr_scheduler.')
      .replace(/^torch\.optim\./, 'optim.')
      .replace(/^init\./, 'nn.init.');
  } else {
    s = s.replace(/^[A-Za-z_$][\w$]*\.(layers|train|initializers|losses|metrics|regularizers)\./, 'tf.$1.');
    s = s.replace(/^(layers|train|initializers|losses|metrics|regularizers)\./, 'tf.$1.');
  }
  return s;
}

interface PatternHit {
  concept: Concept;
  rank: number;
}

// Ranks: 0 exact canonical callee, 1 method call on any receiver ('.masked_fill'),
// 2 bare name from a `from torch.nn import Conv2d` style import.
function matchRank(pattern: string, callee: string): number | undefined {
  if (pattern === callee) return 0;
  if (pattern.startsWith('.')) {
    return callee.endsWith(pattern) && callee.length > pattern.length ? 1 : undefined;
  }
  if (!callee.includes('.')) {
    const last = pattern.slice(pattern.lastIndexOf('.') + 1);
    if (last === callee) return 2;
  }
  return undefined;
}

/**
 * Concepts whose code patterns match the callee. Order: exact matches before method/bare-name
 * matches; among equals the API concept (e.g. 'conv2d-layer', which knows the call's arguments)
 * before the document concepts it implements, then knowledge-base (document) order.
 */
export function conceptsForCode(framework: Framework, calleeText: string): Concept[] {
  const callee = normalizeCallee(framework, calleeText);
  if (callee === '') return [];
  const hits: PatternHit[] = [];
  for (const concept of ALL_CONCEPTS) {
    let best: number | undefined;
    for (const raw of concept.code[framework]) {
      const rank = matchRank(normalizeCallee(framework, raw), callee);
      if (rank !== undefined && (best === undefined || rank < best)) best = rank;
    }
    if (best !== undefined) hits.push({ concept, rank: best });
  }
  const apiFirst = (c: Concept): number => (c.kind === 'api' ? 0 : 1);
  hits.sort(
    (a, b) =>
      a.rank - b.rank ||
      apiFirst(a.concept) - apiFirst(b.concept) ||
      (order.get(a.concept.id) ?? 0) - (order.get(b.concept.id) ?? 0),
  );
  return hits.map((h) => h.concept);
}

/**
 * Concepts for a layer class as the framework reports it at run time: PyTorch module class names
 * ('Conv2d', 'LSTM') or tfjs `getClassName()` ('Conv2D', 'MaxPooling2D', 'SimpleRNN'), whose
 * factory is `tf.layers.<name>` up to letter case.
 */
export function conceptsForLayerClass(framework: Framework, className: string): Concept[] {
  const name = className.trim();
  if (!/^[A-Za-z_][\w]*$/.test(name)) return [];
  if (framework === 'pytorch') return conceptsForCode('pytorch', `nn.${name}`).filter((c) => c.code.pytorch.includes(`nn.${name}`));
  const wanted = `tf.layers.${name}`.toLowerCase();
  const factory = ALL_CONCEPTS.flatMap((c) => c.code.tfjs).find((p) => p.toLowerCase() === wanted);
  return factory === undefined ? [] : conceptsForCode('tfjs', factory);
}

/**
 * Layer classes that are not a framework's layer API: the custom layers training samples write
 * (the Transformer's blocks, the perceptron), keyed in lower case.
 */
const CUSTOM_LAYER_CONCEPTS: Readonly<Record<string, ConceptId>> = {
  multiheadattention: 'multi-head-attention', selfattention: 'self-attention', crossattention: 'cross-attention',
  ffn: 'ffn', feedforward: 'ffn', positionwisefeedforward: 'ffn', positionalencoding: 'positional-encoding',
  encoderlayer: 'transformer-layers', decoderlayer: 'transformer-layers', outputprojection: 'output-projection',
  residual: 'residual', perceptron: 'mcp-neuron',
  // The document's own PyTorch Transformer classes, as the PyTorch engine reports them.
  multiheadattentionblock: 'multi-head-attention', feedforwardblock: 'ffn', inputembeddings: 'embedding', projectionlayer: 'output-projection',
};

/**
 * The concept for a layer kind as a training run reports it: a class name ('Conv2D', 'LSTM',
 * 'LayerNorm') or a description that starts with one ('MultiHeadAttention (cross, 4 heads)').
 * tfjs class names first, then PyTorch's (any letter case), then the custom layers above.
 */
export function conceptForLayerKind(kind: string): Concept | undefined {
  const name = /^[A-Za-z_]\w*/.exec(kind.trim())?.[0];
  if (name === undefined) return undefined;
  const pytorchName = ALL_CONCEPTS.flatMap((c) => c.code.pytorch).find((p) => p.toLowerCase() === `nn.${name.toLowerCase()}`)?.slice(3);
  const custom = CUSTOM_LAYER_CONCEPTS[name.toLowerCase()];
  return conceptsForLayerClass('tfjs', name)[0]
    ?? (pytorchName === undefined ? undefined : conceptsForLayerClass('pytorch', pytorchName)[0])
    ?? (custom === undefined ? undefined : byId.get(custom));
}

/** Concepts taught under a document heading (matched as written, ignoring surrounding space). */
export function conceptsInSection(heading: string): Concept[] {
  const h = heading.trim();
  return ALL_CONCEPTS.filter((c) => c.section === h || c.formulas.some((f) => f.section === h));
}

/** The concept and formula index of the display/inline formula that starts at a document line. */
export function formulaAtDocLine(line: number): { concept: Concept; index: number } | undefined {
  for (const concept of ALL_CONCEPTS) {
    const index = concept.formulas.findIndex((f) => f.docLine === line);
    if (index >= 0) return { concept, index };
  }
  return undefined;
}

export function localize(concept: Concept, lang: Lang): LocalizedConcept {
  const formulas: LocalizedFormula[] = concept.formulas.map((f) => {
    const out: LocalizedFormula = {
      latex: f.corrected ?? f.latex,
      original: f.latex,
      section: f.section ?? concept.section,
      origin: f.origin,
    };
    if (f.erratum) out.erratum = f.erratum[lang];
    if (f.label) out.label = f.label[lang];
    if (f.docLine !== undefined) out.docLine = f.docLine;
    return out;
  });
  return {
    id: concept.id,
    title: concept.title[lang],
    section: concept.section,
    explanation: concept.explanation[lang],
    formulas,
    symbols: concept.symbols.map((s) => ({ symbol: s.symbol, meaning: s.meaning[lang] })),
    related: concept.related ?? [],
  };
}

/** Every known mistake of the document, formula and prose, in document order. */
export function errata(lang: Lang): LocalizedErratum[] {
  const out: LocalizedErratum[] = [];
  for (const concept of ALL_CONCEPTS) {
    for (const f of concept.formulas) {
      if (f.corrected === undefined || f.erratum === undefined || f.docLine === undefined) continue;
      out.push({ docLine: f.docLine, conceptId: concept.id, kind: 'formula', original: f.latex, corrected: f.corrected, note: f.erratum[lang] });
    }
  }
  for (const p of PROSE_ERRATA) {
    const e: LocalizedErratum = { docLine: p.docLine, kind: 'prose', original: p.quote, note: p.note[lang] };
    if (p.conceptId !== undefined) e.conceptId = p.conceptId;
    out.push(e);
  }
  return out.sort((a, b) => a.docLine - b.docLine);
}
