// `os.path.*` over known strings (a script finding a config beside itself: `os.path.join(
// os.path.dirname(__file__), '..', 'config', 'lm.yaml')`): each function checked against Python's
// own posixpath on the same inputs, and a relative `abspath` (it depends on where the script runs)
// left unknown.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { osPathCall } from '../../src/analysis/pyPath';
import type { Value } from '../../src/analysis/values';

const PYTHON = '/usr/bin/python3';

const CASES: [string, string[]][] = [
  ['join', ['/work/repo/src', '..', 'config', 'lm.yaml']],
  ['join', ['a', '/abs', 'b']],
  ['join', ['a/', 'b']],
  ['join', ['', 'b']],
  ['join', ['a', '']],
  ['dirname', ['/work/repo/src/lm.py']],
  ['dirname', ['lm.py']],
  ['dirname', ['/']],
  ['dirname', ['//x']],
  ['dirname', ['a//b//']],
  ['basename', ['/work/repo/src/lm.py']],
  ['basename', ['dir/']],
  ['normpath', ['/work/repo/src/../config/./lm.yaml']],
  ['normpath', ['../a/../../b']],
  ['normpath', ['//x/../y']],
  ['normpath', ['']],
  ['abspath', ['/work/repo/src/../lm.py']],
  ['splitext', ['/a/b.tar.gz']],
  ['splitext', ['/a/.bashrc']],
  ['splitext', ['/a.d/file']],
  ['splitext', ['..x']],
];

function text(v: Value | undefined): unknown {
  if (!v) return undefined;
  if (v.t === 'str') return v.v;
  if (v.t === 'seq') return v.items.map(text);
  return `<${v.t}>`;
}

describe('os.path over known strings, as posixpath computes it', () => {
  it('join, dirname, basename, normpath, abspath and splitext give what Python gives', function () {
    let real: unknown[];
    try {
      const script = `import json, posixpath, sys\ncases = json.loads(sys.argv[1])\nprint(json.dumps([getattr(posixpath, f)(*a) for f, a in cases]))`;
      real = JSON.parse(execFileSync(PYTHON, ['-c', script, JSON.stringify(CASES)]).toString()) as unknown[];
    } catch (e) {
      console.log(`      skipped: ${PYTHON} cannot run (${String(e).slice(0, 80)})`);
      this.skip();
    }
    CASES.forEach(([fn, a], i) => {
      const ours = osPathCall(fn, { positional: a.map((s) => ({ value: { t: 'str', v: s } as Value })), keyword: new Map() });
      const want = real[i];
      assert.deepEqual(text(ours), Array.isArray(want) ? want : want, `${fn}(${a.map((s) => JSON.stringify(s)).join(', ')})`);
    });
  });

  it('abspath of a relative path depends on the directory the script runs in: not known', () => {
    assert.equal(osPathCall('abspath', { positional: [{ value: { t: 'str', v: 'config.yaml' } }], keyword: new Map() }), undefined);
    assert.equal(osPathCall('join', { positional: [{ value: { t: 'unknown', reason: { en: '?', 'zh-cn': '?' }, tensorLike: false } }, { value: { t: 'str', v: 'x' } }], keyword: new Map() }), undefined);
  });
});
