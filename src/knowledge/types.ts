// Shapes of the knowledge base: the document's concepts, their formulas and the code that uses them.
// Pure data types: importable from the extension host, the CLI and the webviews alike.

import type { Lang, Localized } from '../protocol/vocabulary';

// The languages and localized text are the vocabulary every boundary shares.
export { LANGS } from '../protocol/vocabulary';
export type { Lang, Localized };

export type Framework = 'pytorch' | 'tfjs';

/** Stable kebab-case identifier, e.g. 'relu', 'conv2d-layer', 'multi-head-attention'. */
export type ConceptId = string;

export interface Formula {
  /** LaTeX exactly as the document writes it (for reference formulas: as we write it). */
  latex: string;
  /** The formula as it should read, when the document's version is wrong. Show this one. */
  corrected?: string;
  /** Why `corrected` differs; shown next to the formula whenever `corrected` is set. */
  erratum?: Localized;
  /**
   * 1-based line in understanding-deep-learning.zh.md: the opening `$$` line of a display
   * block, or the line holding an inline formula. Absent for formulas the document lacks.
   */
  docLine?: number;
  /** Document heading (as written, without `#`) this formula sits under; defaults to the concept's. */
  section?: string;
  /** 'display' = a `$$` block, 'inline' = `$…$` in running text, 'reference' = not in the document (e.g. PyTorch docs). */
  origin: 'display' | 'inline' | 'reference';
  /** What this particular formula states, when a concept has several (e.g. "forget gate"). */
  label?: Localized;
}

export interface SymbolMeaning {
  /** LaTeX of the symbol as it appears in the formulas. */
  symbol: string;
  meaning: Localized;
}

export interface CodePatterns {
  /** Callee texts in canonical form: 'nn.Conv2d', 'F.relu', 'torch.softmax', 'optim.Adam', '.masked_fill'. */
  pytorch: string[];
  /** 'tf.layers.conv2d', 'tf.train.adam', 'tf.softmax', '.apply'… */
  tfjs: string[];
}

export interface Concept {
  id: ConceptId;
  title: Localized;
  /** Document heading (as written, without `#` and link markup) where the concept is taught. */
  section: string;
  formulas: Formula[];
  /** Our own 2–4 sentence explanation (never the document's wording). */
  explanation: Localized;
  symbols: SymbolMeaning[];
  code: CodePatterns;
  related?: ConceptId[];
  /** Concepts that exist for the editor (layer APIs) rather than a chapter of the document. */
  kind?: 'document' | 'api';
}

/** A concept flattened to one language, ready to display. */
export interface LocalizedConcept {
  id: ConceptId;
  title: string;
  section: string;
  explanation: string;
  formulas: LocalizedFormula[];
  symbols: { symbol: string; meaning: string }[];
  related: ConceptId[];
}

export interface LocalizedFormula {
  /** What to render: the corrected formula when there is one. */
  latex: string;
  /** The document's own text, kept so the reader can compare; equals `latex` when correct. */
  original: string;
  erratum?: string;
  label?: string;
  docLine?: number;
  section: string;
  origin: Formula['origin'];
}

/** A mistake in the document's running text (not in a formula), with the fix in our words. */
export interface ProseErratum {
  docLine: number;
  /** Exact text found on that line, so the entry can be checked against the document. */
  quote: string;
  note: Localized;
  conceptId?: ConceptId;
}

/** One entry of the errata list, formula or prose, in one language. */
export interface LocalizedErratum {
  docLine: number;
  conceptId?: ConceptId;
  kind: 'formula' | 'prose';
  /** The document's LaTeX (formula errata) or the quoted text (prose errata). */
  original: string;
  /** The corrected LaTeX, for formula errata. */
  corrected?: string;
  note: string;
}
