// The parser runtime and the grammars come from one package (@vscode/tree-sitter-wasm): prove
// they fit together, and that the build ships the same files the tests load.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countErrors } from '../../src/analysis/parser';
import { ROOT, testParsers } from './analysisSupport';

describe('analysis parser (web-tree-sitter + grammars)', () => {
  it('every grammar has an ABI the runtime reads and parses valid code without errors', async () => {
    const p = await testParsers();
    for (const [name, abi] of Object.entries(p.abi.grammars)) assert.ok(abi >= 13 && abi <= 15, `${name} grammar ABI ${abi}`);
    const samples: [typeof p.python, string][] = [
      [p.python, 'class A(nn.Module):\n    def forward(self, x):\n        return x @ x.T\n'],
      [p.typescript, 'const m: tf.Sequential = tf.sequential({ layers: [tf.layers.dense({ units: 1 })] });\n'],
      [p.tsx, 'const v = <div>{m.name}</div>;\n'],
      [p.javascript, 'model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3 }));\n'],
    ];
    for (const [parser, code] of samples) {
      const tree = parser.parse(code);
      assert.ok(tree);
      assert.equal(countErrors(tree.rootNode), 0, code);
      tree.delete();
    }
  });

  it('the runtime and grammars come from the same package version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@vscode', 'tree-sitter-wasm', 'package.json'), 'utf8')) as { version: string };
    assert.match(pkg.version, /^\d+\.\d+\.\d+/);
    const dir = join(ROOT, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
    for (const f of ['tree-sitter.js', 'tree-sitter.wasm', 'tree-sitter-python.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-javascript.wasm']) assert.ok(existsSync(join(dir, f)), f);
  });
});
