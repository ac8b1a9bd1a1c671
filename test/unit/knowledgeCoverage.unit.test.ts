// The knowledge base against the document itself: every display formula is covered (or on a
// reviewed exclusion list), line numbers and headings are right, explanations are ours, and every
// formula renders with KaTeX exactly as the webviews will render it.

import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import katex from 'katex';
import { findDisplayFormulas, normalizeLatex, type DocFormula } from '../../src/knowledge/docFormulas';
import { allConcepts, conceptById, conceptsForCode, errata } from '../../src/knowledge/lookup';
import { PROSE_ERRATA } from '../../src/knowledge/data/proseErrata';
import { LANGS, type Concept, type Formula } from '../../src/knowledge/types';

// The seed document sits in a `shared/seed` folder beside the checkout (or beside one of its
// parent folders, as for a git worktree) on the project's machines; MODEL_LENS_SEED_DOC points
// elsewhere. Someone who cloned the project alone has no document: the tests that read it skip,
// saying why, and every other test here still runs.
const DOC_NAME = 'understanding-deep-learning.zh.md';
function seedCandidates(): string[] {
  const out = process.env.MODEL_LENS_SEED_DOC ? [process.env.MODEL_LENS_SEED_DOC] : [];
  for (let dir = path.resolve(__dirname, '../..'); ; dir = path.dirname(dir)) {
    out.push(path.join(path.dirname(dir), 'shared', 'seed', DOC_NAME));
    if (path.dirname(dir) === dir) return out;
  }
}
const DOC_PATH = seedCandidates().find((p) => existsSync(p));
const seed = DOC_PATH === undefined ? undefined : (() => {
  const doc = readFileSync(DOC_PATH, 'utf8');
  return { doc, docLines: doc.split(/\r?\n/), displays: findDisplayFormulas(doc) };
})();
const SKIP_REASON = `the learning document ${DOC_NAME} is not in ../shared/seed/ beside this checkout (set MODEL_LENS_SEED_DOC to its path)`;
if (!seed) console.log(`\n  knowledgeCoverage: tests that read the document are skipped: ${SKIP_REASON}\n`);

/** The document, or a skip of the calling test that says why. */
function needDoc(ctx: Mocha.Context): NonNullable<typeof seed> {
  if (!seed) {
    if (ctx.test) ctx.test.title += ` (skipped: ${SKIP_REASON})`;
    ctx.skip();
  }
  return seed as NonNullable<typeof seed>;
}

/** Display formulas that define nothing computable, each with the reason it is left out. */
const REVIEWED_NON_COMPUTATIONAL: { line: number; reason: string }[] = [
  { line: 56, reason: 'a diagram in words (外部信息 → 结构化知识 → 输出知识) describing learning, not a formula' },
];

function allFormulas(): { concept: Concept; formula: Formula }[] {
  return allConcepts().flatMap((concept) => concept.formulas.map((formula) => ({ concept, formula })));
}

function cjkRuns(text: string, min: number): string[] {
  return text.match(new RegExp(`[\\u3400-\\u9fff\\uf900-\\ufaff]{${min},}`, 'g')) ?? [];
}

describe('knowledge base coverage of the document', () => {
  it('finds exactly 75 display blocks in the document', function () {
    const { docLines, displays } = needDoc(this);
    assert.equal(displays.length, 75);
    assert.equal(docLines.filter((l) => l.trim() === '$$').length, 150);
  });

  it('covers every display formula (same line, same LaTeX) or lists it as reviewed', function () {
    const { displays } = needDoc(this);
    const excluded = new Set(REVIEWED_NON_COMPUTATIONAL.map((e) => e.line));
    const byLine = new Map<number, Formula[]>();
    for (const { formula } of allFormulas()) {
      if (formula.origin !== 'display' || formula.docLine === undefined) continue;
      byLine.set(formula.docLine, [...(byLine.get(formula.docLine) ?? []), formula]);
    }
    const missing: DocFormula[] = [];
    for (const d of displays) {
      if (excluded.has(d.line)) {
        assert.ok(!byLine.has(d.line), `line ${d.line} is both covered and excluded`);
        continue;
      }
      const hit = (byLine.get(d.line) ?? []).find((f) => normalizeLatex(f.latex) === normalizeLatex(d.latex));
      if (!hit) missing.push(d);
    }
    assert.deepEqual(missing.map((m) => `${m.line}: ${m.latex}`), []);
    const covered = displays.length - REVIEWED_NON_COMPUTATIONAL.length;
    assert.equal(covered, 74);
  });

  it('has no display-formula entry pointing at a line that is not a display block', function () {
    const { displays } = needDoc(this);
    const lines = new Set(displays.map((d) => d.line));
    for (const { concept, formula } of allFormulas()) {
      if (formula.origin === 'display') assert.ok(formula.docLine !== undefined && lines.has(formula.docLine), `${concept.id}: ${formula.latex}`);
    }
  });

  it('keeps each display formula under the heading the document puts it', function () {
    const { displays } = needDoc(this);
    const sectionByLine = new Map(displays.map((d) => [d.line, d.section]));
    for (const { concept, formula } of allFormulas()) {
      if (formula.origin !== 'display' || formula.docLine === undefined) continue;
      assert.equal(formula.section ?? concept.section, sectionByLine.get(formula.docLine), `${concept.id} line ${formula.docLine}`);
    }
  });

  it('finds each inline formula on the line it claims', function () {
    const { docLines } = needDoc(this);
    for (const { concept, formula } of allFormulas()) {
      if (formula.origin !== 'inline') continue;
      assert.ok(formula.docLine !== undefined, `${concept.id}: inline formula without a line`);
      const line = docLines[formula.docLine - 1] ?? '';
      assert.ok(normalizeLatex(line).includes(normalizeLatex(formula.latex)), `${concept.id}: not on line ${formula.docLine}: ${formula.latex}`);
    }
  });

  it('gives reference formulas no document line', () => {
    for (const { concept, formula } of allFormulas()) {
      if (formula.origin === 'reference') assert.equal(formula.docLine, undefined, concept.id);
    }
  });

  it('shows a corrected formula and a note in both languages for every erratum, and for the known ones', () => {
    for (const { concept, formula } of allFormulas()) {
      assert.equal(formula.corrected !== undefined, formula.erratum !== undefined, `${concept.id}: corrected and erratum go together`);
      if (formula.corrected !== undefined) {
        assert.notEqual(normalizeLatex(formula.corrected), normalizeLatex(formula.latex), concept.id);
        for (const lang of LANGS) assert.ok((formula.erratum?.[lang] ?? '').length > 20, `${concept.id} erratum ${lang}`);
      }
    }
    const corrected = (line: number): string => normalizeLatex(allFormulas().find((x) => x.formula.docLine === line && x.formula.corrected)?.formula.corrected ?? '');
    assert.match(corrected(1592), /V_X=XW_V/);
    assert.doesNotMatch(corrected(1627), /\\sqrt\{d_k\}K/);
    assert.match(corrected(1627), /Q_iK_i\^T/);
    assert.match(corrected(1707), /MultiHead\}\(\\mathrm\{Norm\}\(\\mathrm\{Input\}\)\)\+\\mathrm\{Input\}/);
  });
});

describe('errata list', () => {
  it('quotes each prose erratum from the line it names, in both languages, for a known concept', function () {
    const { doc, docLines } = needDoc(this);
    for (const p of PROSE_ERRATA) {
      assert.ok((docLines[p.docLine - 1] ?? '').includes(p.quote), `line ${p.docLine} lacks "${p.quote}"`);
      for (const lang of LANGS) assert.ok(p.note[lang].length > 20, `${p.docLine} ${lang}`);
      if (p.conceptId !== undefined) assert.ok(conceptById(p.conceptId), p.conceptId);
      for (const run of cjkRuns(p.note['zh-cn'], 12)) assert.ok(!doc.includes(run), `prose erratum ${p.docLine} copies the document`);
    }
  });

  it('names 何恺明 and Microsoft Research Asia for ResNet (document line 1697)', () => {
    for (const lang of LANGS) {
      const e = errata(lang).find((x) => x.docLine === 1697);
      assert.ok(e, lang);
      assert.equal(e.original, '清华的何凯明');
      assert.match(e.note, /何恺明/);
      assert.match(e.note, lang === 'en' ? /Microsoft Research Asia/ : /微软亚洲研究院/);
    }
  });

  it('has an erratum for every line whose markup doubles a symbol (W**W**, ht**h**t…)', function () {
    const { docLines } = needDoc(this);
    const garbled = docLines.flatMap((l, i) => (/[A-Za-z0-9−]\*\*[A-Za-z0-9−]{1,3}\*\*/.test(l) ? [i + 1] : []));
    assert.deepEqual(garbled, [331, 764, 1147, 1148, 1151]);
    const covered = new Set(PROSE_ERRATA.map((p) => p.docLine));
    assert.deepEqual(garbled.filter((l) => !covered.has(l)), []);
  });

  it('lists formula and prose errata together in document order', () => {
    for (const lang of LANGS) {
      const list = errata(lang);
      assert.equal(list.filter((e) => e.kind === 'prose').length, PROSE_ERRATA.length);
      assert.equal(list.filter((e) => e.kind === 'formula').length, allFormulas().filter((x) => x.formula.corrected !== undefined).length);
      assert.deepEqual(list.map((e) => e.docLine), [...list.map((e) => e.docLine)].sort((a, b) => a - b));
      assert.ok(list.some((e) => e.docLine === 1592 && e.kind === 'formula'));
    }
  });
});

describe('knowledge base entries', () => {
  const concepts = allConcepts();

  it('has unique ids and known related ids', () => {
    const ids = concepts.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const c of concepts) {
      assert.match(c.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const r of c.related ?? []) assert.ok(conceptById(r), `${c.id} → unknown related ${r}`);
    }
  });

  it('has the concepts the issue requires', () => {
    const required = [
      'mcp-neuron', 'linear-layer', 'composite-network', 'universal-approximation', 'loss-minimization', 'chain-rule', 'delta-rule',
      'mse', 'mae', 'cross-entropy', 'binary-cross-entropy', 'l1-regularization', 'l2-regularization', 'elastic-net',
      'sigmoid', 'tanh', 'relu', 'softmax', 'zero-init', 'random-init', 'xavier-init', 'he-init', 'orthogonal-init', 'sparse-init',
      'dot-product', 'vector-norm', 'mean', 'median', 'variance', 'std-dev', 'iqr', 'skewness', 'kurtosis', 'covariance', 'correlation',
      'standardization', 'min-max-normalization', 'pca', 'dataset-split', 'dropout', 'early-stopping', 'gradient-descent', 'momentum', 'adam',
      'continuous-convolution', 'discrete-convolution', 'pooling', 'multi-channel-convolution', 'rnn', 'lstm', 'gru', 'embedding',
      'positional-encoding', 'self-attention', 'multi-head-attention', 'residual', 'layer-norm', 'ffn', 'padding-mask', 'causal-mask',
      'cross-attention', 'output-projection',
    ];
    for (const id of required) assert.ok(conceptById(id), id);
  });

  it('has both languages, a section, at least one formula and 2–4 sentence explanations', () => {
    for (const c of concepts) {
      assert.ok(c.section.length > 0 && c.formulas.length > 0, c.id);
      for (const lang of LANGS) {
        assert.ok(c.title[lang].trim().length > 0, `${c.id} title ${lang}`);
        const text = c.explanation[lang];
        const sentences = lang === 'en' ? text.split(/(?<=[.!?])\s+(?=[A-Z0-9±"‘“(])/).length : (text.match(/[。！？]/g) ?? []).length;
        assert.ok(sentences >= 2 && sentences <= 4, `${c.id} ${lang}: ${sentences} sentences`);
        for (const s of c.symbols) assert.ok(s.meaning[lang].trim().length > 0, `${c.id} symbol ${s.symbol} ${lang}`);
        for (const f of c.formulas) if (f.label) assert.ok(f.label[lang].trim().length > 0, `${c.id} label ${lang}`);
      }
      assert.ok(/[\u4e00-\u9fff]/.test(c.explanation['zh-cn']), `${c.id}: zh-cn explanation has no Chinese`);
      assert.ok(!/[\u4e00-\u9fff]/.test(c.explanation.en), `${c.id}: en explanation contains Chinese`);
    }
  });

  it('never copies the document: no run of 12 or more CJK characters shared with it', function () {
    const { doc } = needDoc(this);
    const docCjk = doc;
    for (const c of concepts) {
      const texts = [c.explanation['zh-cn'], c.title['zh-cn'], ...c.symbols.map((s) => s.meaning['zh-cn']), ...c.formulas.map((f) => f.erratum?.['zh-cn'] ?? '')];
      for (const text of texts) {
        for (const run of cjkRuns(text, 12)) {
          for (let i = 0; i + 12 <= run.length; i++) {
            const window = run.slice(i, i + 12);
            assert.ok(!docCjk.includes(window), `${c.id} copies "${window}"`);
          }
        }
      }
    }
  });

  it('the copy check itself notices a copied sentence', function () {
    const { doc } = needDoc(this);
    const copied = '激活函数引入的非线性变换是神经网络能拟合任何函数的关键';
    assert.ok(cjkRuns(copied, 12).some((run) => doc.includes(run.slice(0, 12))));
  });

  it('resolves every code pattern back to its own concept', () => {
    for (const c of concepts) {
      for (const fw of ['pytorch', 'tfjs'] as const) {
        for (const pattern of c.code[fw]) {
          const callee = pattern.startsWith('.') ? `x${pattern}` : pattern;
          assert.ok(conceptsForCode(fw, callee).some((hit) => hit.id === c.id), `${fw} ${pattern} → ${c.id}`);
        }
      }
    }
  });

  it('maps the calls of the document’s models to the right concepts', () => {
    const first = (fw: 'pytorch' | 'tfjs', callee: string): string | undefined => conceptsForCode(fw, callee)[0]?.id;
    assert.equal(first('pytorch', 'nn.Conv2d'), 'conv2d-layer');
    assert.ok(conceptsForCode('pytorch', 'nn.Conv2d').some((c) => c.id === 'discrete-convolution'));
    assert.equal(first('pytorch', 'nn.MaxPool2d'), 'maxpool2d-layer');
    assert.equal(first('pytorch', 'nn.Linear'), 'linear-layer');
    assert.equal(first('pytorch', 'nn.ReLU'), 'relu');
    assert.equal(first('pytorch', 'nn.Dropout'), 'dropout');
    assert.equal(first('pytorch', 'nn.CrossEntropyLoss'), 'cross-entropy');
    assert.deepEqual(conceptsForCode('pytorch', 'optim.SGD').map((c) => c.id), ['gradient-descent', 'momentum']);
    assert.equal(first('pytorch', 'nn.RNN'), 'rnn');
    assert.equal(first('pytorch', 'torch.nn.LSTM'), 'lstm');
    assert.equal(first('pytorch', 'nn.GRU'), 'gru');
    assert.equal(first('pytorch', 'nn.Embedding'), 'embedding');
    assert.equal(first('pytorch', 'nn.Embedding.from_pretrained'), 'embedding');
    assert.equal(first('pytorch', 'nn.MultiheadAttention'), 'multi-head-attention');
    assert.equal(first('pytorch', 'nn.init.xavier_uniform_'), 'xavier-init');
    assert.equal(first('pytorch', 'torch.nn.init.kaiming_normal_'), 'he-init');
    assert.deepEqual(conceptsForCode('pytorch', 'attention_scores.masked_fill_').map((c) => c.id).sort(), ['causal-mask', 'padding-mask']);
    assert.equal(first('pytorch', 'x.view'), 'flatten');
    assert.equal(first('tfjs', 'tf.layers.lstm'), 'lstm');
    assert.equal(first('tfjs', 'tf.train.adam'), 'adam');
    assert.equal(first('tfjs', 'tf.softmax'), 'softmax');
    assert.equal(first('tfjs', 'tf.layers.dense'), 'linear-layer');
    assert.deepEqual(conceptsForCode('pytorch', 'self.fc1'), []);
    assert.deepEqual(conceptsForCode('tfjs', 'nn.Conv2d'), []);
  });
});

describe('every formula renders with KaTeX', () => {
  const render = (latex: string): string => katex.renderToString(latex, { throwOnError: true, trust: false, displayMode: true, strict: 'ignore', maxExpand: 500, maxSize: 20 });

  it('renders the displayed (corrected) and the original LaTeX of every formula', () => {
    const failures: string[] = [];
    let count = 0;
    for (const { concept, formula } of allFormulas()) {
      for (const latex of [formula.latex, formula.corrected].filter((x): x is string => x !== undefined)) {
        count++;
        try {
          assert.match(render(latex), /class="katex/);
        } catch (e) {
          failures.push(`${concept.id} (${formula.docLine ?? 'ref'}): ${(e as Error).message}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(count > 100, `only ${count} formulas rendered`);
  });

  it('renders every symbol of every concept', () => {
    for (const c of allConcepts()) {
      for (const sym of c.symbols) assert.doesNotThrow(() => render(sym.symbol), `${c.id}: ${sym.symbol}`);
    }
  });

  it('would notice LaTeX that KaTeX cannot render', () => {
    assert.throws(() => render('\\frac{1}{'));
    // With trust: false an \href is shown as an unsupported command, never as a link.
    assert.doesNotMatch(render('\\href{javascript:alert(1)}{x}'), /href=/);
  });
});
