// Files a script reads while it builds its model (pyFiles.ts): a YAML or JSON config, a
// Darknet-style layer list. Real files in a temporary workspace, read as open() reads them;
// whatever the analysis cannot read exactly is unknown, never a guessed number.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import { workspaceOnDisk } from '../../src/analysis/workspaceFiles';
import type { ModelInfo } from '../../src/analysis/types';
import { layerAt as layer, testParsers } from './analysisSupport';

const HEAD = 'import json\nimport yaml\nimport torch\nimport torch.nn as nn\n\n\n';

describe('analysis: config files the script reads (open, json, yaml)', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'model-lens-configs-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function write(rel: string, text: string): string {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  }

  async function analyse(rel: string, source: string, name: string): Promise<ModelInfo> {
    const file = write(rel, source);
    const result = analyzeText(await testParsers(), source, 'python', { workspace: workspaceOnDisk(file, root) }, file);
    const m = result.models.find((x) => x.name === name);
    assert.ok(m, `no model ${name} (models: ${result.models.map((x) => x.name).join(', ')})`);
    return m;
  }

  it('a YAML config (anchors and merge keys, PyYAML 1.1 booleans) and a JSON one size the layers', async () => {
    write('configs/net.yaml', 'base: &b\n  hidden: 32\nmodel:\n  <<: *b\n  in_features: 20\n  widths: [64, 48]\n  norm: yes\n');
    write('configs/head.json', '{"out": 3, "scale": 1.0}');
    const src = `${HEAD}with open('configs/net.yaml') as f:\n    cfg = yaml.safe_load(f)['model']\nhead = json.load(open('configs/head.json'))\n\n\nclass M(nn.Module):\n    def __init__(self, c, h):\n        super().__init__()\n        dims = [c['in_features']] + c['widths'] + [c['hidden']]\n        self.body = nn.Sequential(*[nn.Linear(a, b) for a, b in zip(dims, dims[1:])])\n        self.norm = nn.BatchNorm1d(c['hidden']) if c['norm'] else nn.Identity()\n        self.head = nn.Linear(c['hidden'], h['out'] * 2 if isinstance(h['scale'], float) else 1)\n\n    def forward(self, x):\n        return self.head(self.norm(self.body(x)))\n\n\nm = M(cfg, head)\ny = m(torch.zeros(8, 20))\n`;
    const m = await analyse('train.py', src, 'M');
    assert.equal(layer(m, 'body').params, 20 * 64 + 64 + 64 * 48 + 48 + 48 * 32 + 32);
    assert.equal(layer(m, 'norm').kind, 'BatchNorm1d');
    assert.equal(layer(m, 'head').params, 32 * 6 + 6);
    assert.deepEqual(m.output.known && m.output.shape, [8, 6]);
  });

  it('`!!python/tuple` in YAML: a tuple for full_load and the unsafe loaders; safe_load refuses the tag (unknown)', async () => {
    write('configs/base.yaml', 'model:\n  in_dim: 12\n  hidden: 8\n  mults: !!python/tuple [1, 2, 4]\n');
    const net = (load: string): string => `${HEAD}class Tower(nn.Module):\n    def __init__(self, in_dim, hidden, mults):\n        super().__init__()\n        dims = [in_dim] + [hidden * m for m in mults]\n        self.layers = nn.Sequential(*[nn.Linear(a, b) for a, b in zip(dims[:-1], dims[1:])])\n\n    def forward(self, x):\n        return self.layers(x)\n\n\nwith open('configs/base.yaml') as f:\n    cfg = ${load}\nmodel = Tower(**cfg['model'])\nout = model(torch.zeros(4, 12))\n`;
    for (const load of ['yaml.full_load(f)', 'yaml.load(f, Loader=yaml.FullLoader)', 'yaml.unsafe_load(f)']) {
      const m = await analyse('train.py', net(load), 'Tower');
      // 12→8, 8→16, 16→32: (12·8+8) + (8·16+16) + (16·32+32).
      assert.equal(m.totalParams, 104 + 144 + 544, load);
      assert.deepEqual(m.output, { known: true, shape: [4, 32] }, load);
    }
    for (const load of ['yaml.safe_load(f)', 'yaml.load(f, Loader=yaml.SafeLoader)']) {
      const m = await analyse('train.py', net(load), 'Tower');
      assert.equal(m.totalParams, null, load);
    }
  });

  it('a Darknet-style .cfg parsed line by line builds one layer per block', async () => {
    write('cfg/tiny.cfg', '# layers\n[net]\nchannels=3\n\n[convolutional]\nfilters=16\nsize=3\n\n[convolutional]\nfilters = 8\nsize=1\n');
    const src = `${HEAD}def parse(path):\n    lines = open(path, 'r').read().split('\\n')\n    lines = [x.rstrip().lstrip() for x in lines if x and not x.startswith('#')]\n    blocks = []\n    for line in lines:\n        if line.startswith('['):\n            blocks.append({'type': line[1:-1].rstrip()})\n        else:\n            key, value = line.split('=')\n            blocks[-1][key.rstrip()] = value.strip()\n    return blocks\n\n\nclass Dark(nn.Module):\n    def __init__(self, path):\n        super().__init__()\n        defs = parse(path)\n        ch = int(defs[0]['channels'])\n        self.convs = nn.ModuleList()\n        for d in defs[1:]:\n            self.convs.append(nn.Conv2d(ch, int(d['filters']), int(d['size'])))\n            ch = int(d['filters'])\n\n    def forward(self, x):\n        for c in self.convs:\n            x = c(x)\n        return x\n\n\nnet = Dark('cfg/tiny.cfg')\nout = net(torch.zeros(1, 3, 10, 10))\n`;
    const m = await analyse('models.py', src, 'Dark');
    assert.equal(m.totalParams, 3 * 16 * 9 + 16 + 16 * 8 + 8);
    assert.deepEqual(m.output.known && m.output.shape, [1, 8, 8, 8]);
  });

  it('a missing file, a file opened for writing, a path that names different files beside the script and at the workspace folder, a YAML octal: unknown', async () => {
    write('conf.json', '{"n": 4}');
    write('sub/conf.json', '{"n": 5}');
    write('sub/odd.yaml', 'n: 010\n');
    const src = `${HEAD}class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.missing = nn.Linear(json.load(open('nowhere.json'))['n'], 2)\n        self.written = nn.Linear(json.load(open('conf.json', 'w'))['n'], 2)\n        self.ambiguous = nn.Linear(json.load(open('conf.json'))['n'], 2)\n        self.octal = nn.Linear(yaml.safe_load(open('odd.yaml'))['n'], 2)\n\n    def forward(self, x):\n        return x\n\n\nm = M()\n`;
    const m = await analyse('sub/script.py', src, 'M');
    for (const name of ['missing', 'written', 'ambiguous', 'octal']) assert.equal(layer(m, name).params, null, name);
  });

  it('the same file beside the script and at the workspace folder, text read twice (the second read is empty), malformed JSON', async () => {
    write('conf.json', '{"n": 4}');
    write('bad.json', '{"n": 4,}');
    const src = `${HEAD}class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        f = open('conf.json')\n        first = f.read()\n        self.twice = nn.Linear(len(f.read()) + 1, 2)\n        self.once = nn.Linear(json.loads(first)['n'], 2)\n        self.bad = nn.Linear(json.load(open('bad.json'))['n'], 2)\n\n    def forward(self, x):\n        return x\n\n\nm = M()\n`;
    const m = await analyse('script.py', src, 'M');
    assert.equal(layer(m, 'twice').params, 1 * 2 + 2);
    assert.equal(layer(m, 'once').params, 4 * 2 + 2);
    assert.equal(layer(m, 'bad').params, null);
  });
  it('configparser: what configparser would not give is unknown — a missing option or section, %-interpolation, a file it cannot read, a read of an unknown path', async () => {
    write('config.ini', '[model]\nwidth = 16\nscaled = %(width)s\nlabel = 50%%\n');
    const model = (size: string, read = "ini.read('config.ini')"): string => `import configparser\nimport torch\nimport torch.nn as nn\n\nini = configparser.ConfigParser()\n${read}\n\n\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, ${size})\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nm = M()\ny = m(torch.zeros(2, 4))\n`;
    assert.deepEqual((await analyse('net.py', model("int(ini['model']['width'])"), 'M')).output, { known: true, shape: [2, 16] });
    assert.deepEqual((await analyse('net.py', model("ini.getint('model', 'width') + len(ini['model']['label'])"), 'M')).output, { known: true, shape: [2, 19] });
    for (const size of ["ini.getint('model', 'depth')", "int(ini['other']['width'])", "ini.getint('model', 'scaled')"]) {
      const m = await analyse('net.py', model(size), 'M');
      assert.equal(m.output.known, false, size);
      assert.equal(layer(m, 'fc').params, null, size);
    }
    // Nothing configparser holds is known after a read the analysis cannot follow.
    for (const read of ['ini.read(some_path)', "ini.read_string(open('config.ini').read() + suffix)"]) {
      const m = await analyse('net.py', model("ini.getint('model', 'width')", read), 'M');
      assert.equal(layer(m, 'fc').params, null, read);
    }
    // A file that does not exist is skipped by configparser, as here: the option is then missing.
    const missing = await analyse('net.py', model("ini.getint('model', 'width', fallback=6)", "ini.read('absent.ini')"), 'M');
    assert.deepEqual(missing.output, { known: true, shape: [2, 6] });
  });
});
