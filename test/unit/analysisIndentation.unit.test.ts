// Indentation Python's tokenizer refuses and tree-sitter accepts (misindentedStatements in parser.ts,
// corpora 48a/48b): the class holding it has no total or output, saying Python's own error. Each
// snippet's outcome below is what `compile()` of Python 3.11 gives (checked when written).
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/analysis/analyze';
import { misindentedStatements } from '../../src/analysis/parser';
import { testParsers } from './analysisSupport';

const HEAD = 'import torch\nimport torch.nn as nn\n\n\n';
const model = (init: string, forward = '        return self.fc(x)\n'): string =>
  `${HEAD}class M(nn.Module):\n    # input: (2, 4)\n    def __init__(self):\n        super().__init__()\n${init}\n    def forward(self, x):\n${forward}`;

async function findings(src: string): Promise<string[]> {
  const p = await testParsers();
  const tree = p.python.parse(src)!;
  try {
    return misindentedStatements(tree.rootNode, src).map((e) => `${e.start + 1}: ${e.message}`);
  } finally {
    tree.delete();
  }
}

describe('indentation Python refuses (IndentationError, TabError) in code tree-sitter reads', () => {
  it('a statement at no enclosing level, one indented deeper than its block, tabs and spaces mixed: Python\'s error, and the class has no numbers', async () => {
    const cases: [string, string][] = [
      [`${HEAD}class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n\n     def forward(self, x):\n         return self.fc(x)\n`, '11: IndentationError: unindent does not match any outer indentation level'],
      [model('        self.fc = nn.Linear(4, 2)\n          self.k = 3\n'), '10: IndentationError: unexpected indent'],
      [model('        self.fc = nn.Linear(4, 2)\n\tself.k = 3\n'), '10: TabError: inconsistent use of tabs and spaces in indentation'],
    ];
    for (const [src, expected] of cases) {
      assert.deepEqual(await findings(src), [expected]);
      const m = analyzeText(await testParsers(), src, 'python').models.find((x) => x.name === 'M')!;
      assert.equal(m.totalParams, null, expected);
      assert.equal(m.output.known, false, expected);
      assert.match(m.totalParamsUnknown?.en ?? '', /does not compile: .*Python refuses the file/);
    }
  });

  it('nothing in code Python compiles: tabs throughout, `;`, one-line bodies, continuation lines, comments at any column, an indented notebook cell', async () => {
    const fine = [
      `${HEAD}class M(nn.Module):\n\tdef __init__(self):\n\t\tsuper().__init__()\n\t\tself.fc = nn.Linear(4, 2)\n\n\tdef forward(self, x):\n\t\treturn self.fc(x)\n`,
      model('        self.fc = nn.Linear(4, 2); self.k = 3\n        if self.k: self.j = 1\n        self.w = (1 +\n                  2)\n  # a comment\n        self.v = 1 \\\n            + 2\n'),
      `    x = 1\n    class M(nn.Module):\n        def __init__(self):\n            super().__init__()\n`,
      model('        try:\n            self.fc = nn.Linear(4, 2)\n        except ValueError:\n            pass\n        else:\n            self.k = 1\n        finally:\n            self.j = 2\n'),
    ];
    for (const src of fine) assert.deepEqual(await findings(src), [], src);
    const r = analyzeText(await testParsers(), fine[0]!, 'python');
    assert.equal(r.models[0]?.totalParams, 10);
  });
});
