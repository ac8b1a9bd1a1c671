// Long comment blocks are left out of the Python parse (tree-sitter-python's indentation scanner is
// quadratic on them): the analysis must stay linear, and every position must be what a full parse
// gives — lines and columns of layers, calls and diagnostics, and every node of the tree.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, pythonIdentifiersNfkc } from '../../src/analysis/analyze';
import { MIN_BLOCK_LINES, pythonCommentBlocks, pythonIncludedRanges } from '../../src/analysis/commentBlocks';
import type { Node, Tree } from '../../src/analysis/parser';
import { analyzePythonTree } from '../../src/analysis/pytorch';
import { FIXTURES, read, testParsers } from './analysisSupport';

const block = (indent: string, lines: number, tag: string): string =>
  Array.from({ length: lines }, (_, i) => `${indent}# ${tag} ${i}: 卷积层的说明 🙂 explains the next layer in words, as people write them\n`).join('');

/** Every fixture with comment blocks before each def/class/statement line, at that line's indentation. */
function withBlocks(text: string): string {
  let n = 0;
  return text.replace(/^([ \t]*)(?=def |class |self\.|x = |return |out = )/gm, (indent: string) => block(indent, MIN_BLOCK_LINES + 3, `b${n++}`) + indent) + block('', 40, 'tail');
}

/** Type and position of every node that is not a comment, in document order. */
function shape(tree: Tree): string[] {
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (n.type === 'comment') return;
    out.push(`${n.type} ${n.startIndex}-${n.endIndex} ${n.startPosition.row}:${n.startPosition.column}-${n.endPosition.row}:${n.endPosition.column}`);
    for (const c of n.children) if (c) walk(c);
  };
  walk(tree.rootNode);
  return out;
}

/**
 * Least CPU time of `rounds` runs of each, interleaved. CPU time, not wall time: the analysis is
 * single-threaded, so on an idle machine the two are the same, and on a machine shared with other
 * jobs only CPU time still measures our own work.
 */
function minMs(runs: Record<string, () => void>, rounds: number): Record<string, number> {
  const best: Record<string, number> = {};
  for (let i = 0; i < rounds; i++) {
    for (const [name, run] of Object.entries(runs)) {
      const t = process.cpuUsage();
      run();
      const used = process.cpuUsage(t);
      best[name] = Math.min(best[name] ?? Infinity, (used.user + used.system) / 1000);
    }
  }
  return best;
}

describe('analysis: comment blocks are skipped by the parser', function () {
  this.timeout(120_000);

  it('finds comment-only lines outside strings, with blank lines inside a block', () => {
    const text = [
      'x = 1  # trailing comments are code lines',
      '# a', '', '#b', // one block of 2 comment lines (a blank line inside)
      '    # c', '\t# d', // other columns: blocks of their own, deeper than the code after them, so parsed (see below)
      's = """',
      '# inside a triple-quoted string: not a comment',
      '# still inside',
      '"""',
      "t = '#' + \"# not a comment either\"",
      'u = 1 + \\',
      '# a backslash-continued line is code',
      '# e', '# f\r', // CRLF line end
    ].join('\n');
    const blocks = pythonCommentBlocks(text, 1);
    assert.deepEqual(blocks.map((b) => [b.startRow, b.endRow, b.lines]), [[1, 3, 2], [13, 14, 2]]);
    const first = blocks[0]!;
    assert.equal(text.slice(first.start, first.end), '# a\n\n#b');
    assert.equal(first.endColumn, '#b'.length);
    assert.equal(text.slice(blocks[1]!.start, blocks[1]!.end), '# e\n# f', 'the range stops before a CR');
    assert.deepEqual(pythonCommentBlocks(text).length, 0, `blocks shorter than ${MIN_BLOCK_LINES} lines are parsed as usual`);
    assert.equal(pythonIncludedRanges('x = 1\n# short\n'), undefined);
    const ranges = pythonIncludedRanges(`${block('', 9, 'head')}x = "卷积🙂"\n${block('', 9, 'tail')}`)!;
    assert.deepEqual(ranges.map((r) => [r.startIndex, r.startPosition.row, r.startPosition.column, r.endPosition.row, r.endPosition.column]), [
      [0, 0, 0, 10, 0],
      [ranges[1]!.startIndex, 18, ranges[1]!.startPosition.column, 19, 0],
    ], 'the block the file starts with (a license header) is parsed: the module node starts at 0; the later one is skipped');
  });

  it('a model followed by 2,000 comment lines analyses in at most 2× the time of the model alone', async () => {
    const parsers = await testParsers();
    for (const file of ['simpleCnn.py', 'transformer.py']) {
      const model = read(join(FIXTURES, 'pytorch', file));
      // After the model, inside the class between methods (indented), and 100 KB of bare `#` lines
      // (119 s before the fix).
      const cases = { after: model + block('', 2000, 'note'), inClass: model.replace(/\n( {4}def forward)/, `\n${block('    ', 2000, 'note')}$1`), hashes: model + '#\n'.repeat(50_000) };
      const texts: Record<string, string> = { alone: model, ...cases };
      const times = minMs(Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, () => analyzeText(parsers, text, 'python')])), 15);
      const alone = times['alone']!;
      for (const [name, text] of Object.entries(cases)) {
        const ms = times[name]!;
        console.log(`      ${file} + ${name} (${(text.length / 1024).toFixed(0)} KB): ${ms.toFixed(1)} ms CPU vs ${alone.toFixed(1)} ms alone (${(ms / alone).toFixed(2)}×)`);
        // 50,000 lines still cost a linear scan each (~2 ms), more than the CNN's whole analysis.
        const bound = name === 'hashes' ? 10 : 2;
        assert.ok(ms <= bound * alone, `${file} + ${name}: ${ms.toFixed(1)} ms, ${(ms / alone).toFixed(2)}× the model alone (at most ${bound}×)`);
      }
    }
  });

  it('a block deeper than the code after it (`# total params` ending a method, then comments before the next def) is parsed: tree-sitter counts it in the method', async () => {
    const parsers = await testParsers();
    const text = `class M:\n    def f(self):\n        x = 1\n        # the last words of f\n\n${block('    ', 12, 'before g')}    def g(self):\n        return 2\n`;
    const ranges = pythonIncludedRanges(text)!;
    const full = parsers.python.parse(text)!;
    const skipped = parsers.python.parse(text, null, { includedRanges: ranges })!;
    try {
      assert.equal(ranges.length, 2, 'the block before g is still skipped');
      assert.deepEqual(shape(skipped), shape(full));
    } finally {
      full.delete();
      skipped.delete();
    }
  });

  it('every node of the tree has the position a full parse gives it', async () => {
    const parsers = await testParsers();
    for (const file of readdirSync(join(FIXTURES, 'pytorch')).filter((f) => f.endsWith('.py'))) {
      const text = withBlocks(read(join(FIXTURES, 'pytorch', file)));
      const ranges = pythonIncludedRanges(text);
      assert.ok(ranges && ranges.length > 3, `${file}: blocks found`);
      const full = parsers.python.parse(text)!;
      const skipped = parsers.python.parse(text, null, { includedRanges: ranges })!;
      try {
        assert.deepEqual(shape(skipped), shape(full), file);
      } finally {
        full.delete();
        skipped.delete();
      }
    }
  });

  it('layers, calls, flow and diagnostics keep their lines and columns', async () => {
    const parsers = await testParsers();
    let layers = 0;
    let diagnostics = 0;
    for (const file of readdirSync(join(FIXTURES, 'pytorch')).filter((f) => f.endsWith('.py'))) {
      const text = withBlocks(read(join(FIXTURES, 'pytorch', file)));
      const result = analyzeText(parsers, text, 'python');
      parsers.python.reset();
      // (Names read in NFKC form as analyzeText reads them: nfkcNames.py.)
      const source = pythonIdentifiersNfkc(text);
      const tree = parsers.python.parse(source)!;
      // Programs the analysis parses besides the file (torchvision's ops blocks) with the full parser too.
      // The analysis owns the trees of workspace files it parses; library trees are the caller's.
      const library: Tree[] = [];
      const libraryTree = (_file: string, t: string): Tree | undefined => {
        const parsed = parsers.python.parse(t) ?? undefined;
        if (parsed) library.push(parsed);
        return parsed;
      };
      const reference = analyzePythonTree(tree.rootNode, source, {}, (t) => parsers.python.parse(t) ?? undefined, libraryTree);
      tree.delete();
      for (const t of library) t.delete();
      assert.deepEqual(result.models, reference.models, file);
      assert.deepEqual(result.diagnostics, reference.diagnostics, file);
      layers += result.models.reduce((n, m) => n + m.layers.length, 0);
      diagnostics += result.diagnostics.length;
    }
    assert.ok(layers > 50 && diagnostics >= 2, `${layers} layers, ${diagnostics} diagnostics compared`);
  });
});
