// Jupyter notebooks as one program: code cells in order (constants in one cell, the class in the
// next, its use in a third), IPython lines neutralised without moving anything, positions mapped
// between the program and each cell; and `model-lens shapes NB.ipynb`.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import { cellAt, notebookProgram, pythonOfCell, readIpynb, shiftLines } from '../../src/analysis/notebook';
import { FIXTURES, cli, read, testParsers } from './analysisSupport';

const NOTEBOOK = join(FIXTURES, 'notebook', 'cnnAcrossCells.ipynb');

describe('analysis of Jupyter notebooks', function () {
  this.timeout(300_000);

  it('code cells become one program; every line maps back to its cell', () => {
    const nb = readIpynb(read(NOTEBOOK));
    assert.equal(nb.language, 'python');
    assert.deepEqual(nb.cells.map((c) => c.index), [1, 2, 4, 5], 'markdown cells are left out, code cells keep their notebook index');
    const program = notebookProgram(nb.cells);
    for (const [i, c] of nb.cells.entries()) {
      const pc = program.cells[i]!;
      const lines = c.text.split('\n');
      assert.equal(pc.lineCount, lines.length);
      for (let l = 0; l < lines.length; l++) {
        assert.deepEqual(cellAt(program, pc.startLine + l), { cell: pc, line: l });
        // Same line, same length: positions inside a cell are the program's, shifted by whole lines.
        assert.equal(program.text.split('\n')[pc.startLine + l]!.length, lines[l]!.length);
      }
    }
    assert.equal(cellAt(program, -1), undefined);
    assert.equal(cellAt(program, program.text.split('\n').length), undefined);
  });

  it('IPython lines and foreign cell magics are neutralised in place', () => {
    assert.equal(pythonOfCell('%matplotlib inline\nx = 1\n  !pip install torch'), '#matplotlib inline\nx = 1\n  #pip install torch');
    assert.equal(pythonOfCell('%%bash\nls -l\n'), '      \n     \n');
    // `%` continuing a statement (inside brackets, a triple-quoted string, after a backslash) is Python's operator, not a magic.
    const percent = "print('Epoch %03d | loss %.4f'\n      %(epoch + 1, loss))\ns = '''a\n%b'''\nt = 1 + \\\n%2\n%time x = 1";
    assert.equal(pythonOfCell(percent), percent.replace('\n%time', '\n#time'));
    assert.equal(pythonOfCell('%%time\nx = 1'), '#%time\nx = 1');
    assert.equal(notebookProgram([{ index: 0, text: 'a = 1\r\nb = 2' }, { index: 1, text: 'c = 3' }]).text, 'a = 1\nb = 2\nc = 3');
    assert.throws(() => readIpynb('{"nbformat": 4}'), /no "cells" list/);
    assert.throws(() => readIpynb('not json'), /not a notebook/);
    assert.deepEqual(readIpynb('{"cells": [{"cell_type": "code", "source": "x = 1"}], "metadata": {"language_info": {"name": "R"}}}'), { cells: [{ index: 0, text: 'x = 1' }], language: 'r' });
  });

  it('the class in one cell reads the constants of an earlier one; a mismatch lands in its own cell', async () => {
    const program = notebookProgram(readIpynb(read(NOTEBOOK)).cells);
    const r = analyzeText(await testParsers(), program.text, 'python');
    const net = r.models.find((m) => m.name === 'Net');
    assert.ok(net);
    assert.deepEqual(net.layers.map((l) => [l.name, l.output.known ? l.output.shape : null, l.params]), [
      ['conv1', [64, 16, 28, 28], 160],
      ['pool', [64, 16, 14, 14], 0],
      ['fc1', [64, 100], 313700],
      ['fc2', [64, 10], 1010],
    ]);
    assert.equal(net.totalParams, 314870, 'as PyTorch counts it (checked with torch 1.13)');
    const error = r.diagnostics.find((d) => d.severity === 'error');
    assert.ok(error, 'the Wrong model has a mismatch');
    const at = cellAt(program, error.range.start.line)!;
    assert.equal(at.cell.index, 5);
    // In the cell's own lines, the diagnostic is where the cell's text has it.
    const local = shiftLines(error, -at.cell.startLine);
    const cellText = readIpynb(read(NOTEBOOK)).cells.find((c) => c.index === 5)!.text.split('\n');
    assert.equal(cellText[local.range.start.line]!.slice(local.range.start.character, local.range.end.character), 'CHANNELS * 28 * 28');
    assert.equal(shiftLines(error, 0), error);
  });

  it('model-lens shapes NB.ipynb names cells and lines, in the table and in --json', async () => {
    const text = await cli(['shapes', NOTEBOOK]);
    assert.equal(text.code, 1, 'the notebook has a mismatch');
    assert.match(text.stdout, /^Net \(pytorch\) {2}cnnAcrossCells\.ipynb cell 3:1 {2}input \[64, 1, 28, 28\]/m);
    assert.match(text.stdout, /^fc1\s+cell 3:7\s+Linear\s+\[64, 100\]\s+313,700$/m);
    assert.match(text.stdout, /^error: cnnAcrossCells\.ipynb cell 6:6:\d+ fc expects 12544 features, gets 10816 = 16·26·26/m);
    const json = await cli(['shapes', NOTEBOOK, '--json']);
    const out = JSON.parse(json.stdout) as { notebook: { codeCells: number }; models: { name: string; cell: number; line: number; layers: { name: string; cell: number; line: number }[] }[]; diagnostics: { cell: number; line: number; fix: { cell: number; line: number; newText: string } | null }[] };
    assert.equal(out.notebook.codeCells, 4);
    assert.deepEqual(out.models.map((m) => [m.name, m.cell, m.line]), [['Net', 3, 1], ['Wrong', 6, 1]]);
    assert.deepEqual(out.models[0]!.layers.map((l) => [l.name, l.cell, l.line]), [['conv1', 3, 5], ['pool', 3, 6], ['fc1', 3, 7], ['fc2', 3, 8]]);
    const d = out.diagnostics.find((x) => x.fix);
    assert.deepEqual([d?.cell, d?.line, d?.fix?.cell, d?.fix?.line, d?.fix?.newText], [6, 6, 6, 6, '16 * 26 * 26']);
  });
});
