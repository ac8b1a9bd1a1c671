// The script's command line (AnalyzeOptions.scriptArgs, the CLI's --args): parse_args() reads it
// as argparse does for the common forms, and what it cannot read is unknown with the reason, never
// a wrong value. The expected values are what Python 3.11's argparse gives for the same calls.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import { splitCommandLine } from '../../src/analysis/commandLine';
import { dataCall, dataMethod } from '../../src/analysis/torchData';
import type { ArgList } from '../../src/analysis/torchLayers';
import type { ModelInfo } from '../../src/analysis/types';
import type { Value } from '../../src/analysis/values';
import { FIXTURES, cli, layerAt, read, testParsers } from './analysisSupport';

const str = (v: string): Value => ({ t: 'str', v });
const int = (v: number): Value => ({ t: 'num', v, int: true });
const ref = (name: string): Value => ({ t: 'ref', name });
const INT = ref('builtins.int');
const FLOAT = ref('builtins.float');

function argList(positional: Value[], keyword: Record<string, Value> = {}): ArgList {
  return { positional: positional.map((value) => ({ value })), keyword: new Map(Object.entries(keyword).map(([k, value]) => [k, { value }])) };
}

type Add = [string[], Record<string, Value>?];

/** `parser.add_argument(…)` for each entry, then `parser.parse_args()` with `argv` as the command line. */
function parse(adds: Add[], argv: string[] | undefined, parserKeywords: Record<string, Value> = {}): Map<string, Value> {
  const p = dataCall('argparse.ArgumentParser', argList([], parserKeywords), () => ({ t: 'none' }));
  assert.ok(p?.t === 'data');
  for (const [flags, kw] of adds) dataMethod(p.d, 'add_argument', argList(flags.map(str), kw ?? {}));
  const ns = dataMethod(p.d, 'parse_args', argList([]), argv);
  assert.ok(ns?.t === 'obj');
  return ns.attrs;
}

function plain(v: Value | undefined): unknown {
  if (!v) return 'missing';
  switch (v.t) {
    case 'num':
    case 'str':
    case 'bool':
      return v.v;
    case 'none':
      return null;
    case 'seq':
      return v.items.map(plain);
    case 'unknown':
      return `? ${v.reason.en}`;
    default:
      return v.t;
  }
}

function values(adds: Add[], argv: string[] | undefined, parserKeywords?: Record<string, Value>): Record<string, unknown> {
  return Object.fromEntries([...parse(adds, argv, parserKeywords)].map(([k, v]) => [k, plain(v)]));
}

const TRAIN: Add[] = [
  [['--dataset'], { required: { t: 'bool', v: true }, choices: { t: 'seq', tuple: false, items: [str('mnist'), str('cifar10')] } }],
  [['-b', '--batch-size'], { type: INT, default: int(64) }],
  [['--lr'], { type: FLOAT, default: { t: 'num', v: 0.01, int: false } }],
  [['--cuda'], { action: str('store_true') }],
  [['--no-augment'], { action: str('store_false'), dest: str('augment') }],
];

describe('script arguments: parse_args() reads the command line', () => {
  it('a string default goes through type= as argparse converts it: int and float read, bool(\'False\') is True, a function the analysis does not run is unknown (probes 39h F2)', () => {
    // Python 3.11: {'a': 64, 'b': 0.5, 'c': True, 'd': 12, 'e': '7'}
    const lambda: Value = { t: 'unknown', reason: { en: 'a lambda', 'zh-cn': 'lambda' }, tensorLike: false };
    const got = values([
      [['--a'], { type: INT, default: str('64') }],
      [['--b'], { type: FLOAT, default: str('0.5') }],
      [['--c'], { type: ref('builtins.bool'), default: str('False') }],
      [['--d'], { type: lambda, default: str('6') }],
      [['--e'], { default: str('7') }],
    ], undefined);
    assert.deepEqual({ ...got, d: String(got.d).startsWith('? argparse converts the default') }, { a: 64, b: 0.5, c: true, d: true, e: '7' });
  });

  it('without arguments: the defaults, a required option without default unknown (as before)', () => {
    const v = values(TRAIN, undefined);
    assert.match(String(v.dataset), /^\? the command-line argument 'dataset' has no default/);
    assert.deepEqual({ ...v, dataset: 0 }, { dataset: 0, batch_size: 64, lr: 0.01, cuda: false, augment: true });
  });

  it('a parser built with parents=[…] (each made with add_help=False) has their options and defaults, read from the command line; a parent with its own -h is not followed', () => {
    const parent = (help?: Value): Value => {
      const p = dataCall('argparse.ArgumentParser', argList([], help ? { add_help: help } : {}), () => ({ t: 'none' }));
      assert.ok(p?.t === 'data');
      dataMethod(p.d, 'add_argument', argList([str('--config')], { type: ref('builtins.str'), default: str('base') }));
      dataMethod(p.d, 'set_defaults', argList([], { seed: int(7) }));
      return p;
    };
    const child = (parents: Value[], argv: string[] | undefined): Record<string, unknown> => {
      const c = dataCall('argparse.ArgumentParser', argList([str('train')], { parents: { t: 'seq', tuple: false, items: parents } }), () => ({ t: 'none' }));
      assert.ok(c?.t === 'data');
      dataMethod(c.d, 'add_argument', argList([str('--epochs')], { type: INT, default: int(3) }));
      const ns = dataMethod(c.d, 'parse_args', argList([]), argv);
      assert.ok(ns?.t === 'obj');
      return Object.fromEntries([...ns.attrs].map(([k, v]) => [k, plain(v)]));
    };
    assert.deepEqual(child([parent({ t: 'bool', v: false })], undefined), { config: 'base', seed: 7, epochs: 3 });
    assert.deepEqual(child([parent({ t: 'bool', v: false })], ['--config', 'big', '--epochs', '5']), { config: 'big', seed: 7, epochs: 5 });
    // argparse refuses two -h (the parent's and the child's): not followed.
    const refused = child([parent()], ['--epochs', '5']);
    assert.ok(Object.values(refused).every((v) => String(v).startsWith('?')), JSON.stringify(refused));
  });

  it('--name value, --name=value, short -b 8 and -b8, store_true / store_false, dashes become underscores', () => {
    assert.deepEqual(values(TRAIN, ['--dataset', 'mnist', '--batch-size', '8', '--cuda']), { dataset: 'mnist', batch_size: 8, lr: 0.01, cuda: true, augment: true });
    assert.deepEqual(values(TRAIN, ['--dataset=cifar10', '-b', '16', '--lr=0.5', '--no-augment']), { dataset: 'cifar10', batch_size: 16, lr: 0.5, cuda: false, augment: false });
    assert.deepEqual(values(TRAIN, ['-b32', '--dataset', 'mnist']), { dataset: 'mnist', batch_size: 32, lr: 0.01, cuda: false, augment: true });
  });

  it('a unique abbreviation (--batch for --batch-size), a later word overriding an earlier, a negative number as a value', () => {
    assert.equal(values(TRAIN, ['--dataset', 'mnist', '--batch', '4']).batch_size, 4);
    assert.equal(values(TRAIN, ['--dataset', 'mnist', '-b', '4', '-b', '5']).batch_size, 5);
    assert.equal(values([[['--shift'], { type: INT }]], ['--shift', '-3']).shift, -3);
    assert.equal(values([[['-lrate'], { type: FLOAT }]], ['-lr', '0.5']).lrate, 0.5);
  });

  it('nargs +, N, ? (with const) and *, count, append', () => {
    const adds: Add[] = [
      [['--sizes'], { type: INT, nargs: str('+') }],
      [['--pair'], { type: INT, nargs: int(2) }],
      [['--resume'], { nargs: str('?'), const: str('last.pt'), default: { t: 'none' } }],
      [['--tags'], { nargs: str('*'), default: { t: 'seq', tuple: false, items: [] } }],
      [['-v'], { action: str('count'), default: int(0) }],
      [['--layer'], { action: str('append'), type: INT }],
    ];
    assert.deepEqual(values(adds, ['--sizes', '1', '2', '3', '--pair', '4', '5', '--resume', '-v', '-v', '--layer', '7', '--layer', '8']), {
      sizes: [1, 2, 3], pair: [4, 5], resume: 'last.pt', tags: [], v: 2, layer: [7, 8],
    });
    assert.deepEqual(values(adds, ['--tags', 'a', 'b', '--resume', 'x.pt']), { sizes: null, pair: null, resume: 'x.pt', tags: ['a', 'b'], v: 0, layer: null });
  });

  it('positional arguments, before or after the options', () => {
    const adds: Add[] = [[['data']], [['--epochs'], { type: INT, default: int(1) }], [['out'], { nargs: str('?'), default: str('out.pt') }]];
    assert.deepEqual(values(adds, ['--epochs', '3', '/data/mnist']), { data: '/data/mnist', epochs: 3, out: 'out.pt' });
    assert.deepEqual(values(adds, ['/data/mnist', 'model.pt', '--epochs', '2']), { data: '/data/mnist', epochs: 2, out: 'model.pt' });
  });

  it('an unrecognised flag, a bad choice, a missing required option: every attribute unknown, with argparse\'s reason', () => {
    for (const [argv, reason] of [
      [['--dataset', 'mnist', '--bogus', '3'], /argparse would stop the script: unrecognized argument --bogus/],
      [['--dataset', 'svhn'], /'svhn' is not one of the choices of 'dataset'/],
      [['--batch-size', '8'], /the required argument --dataset is not given/],
      [['--dataset', 'mnist', '--lr'], /--lr expects an argument/],
      [['--dataset', 'mnist', 'extra'], /unrecognized arguments/],
      [['--dataset', 'mnist', '--cuda=1'], /ignored explicit argument/],
    ] as [string[], RegExp][]) {
      const v = values(TRAIN, argv);
      for (const [k, x] of Object.entries(v)) assert.match(String(x), reason, `${argv.join(' ')}: ${k}`);
    }
  });

  it('what the analysis cannot pair faithfully is unknown, never a guess: combined short flags, an ambiguous or unknowable abbreviation', () => {
    const flags: Add[] = [[['-v'], { action: str('store_true') }], [['-q'], { action: str('store_true') }], [['--width'], { type: INT }], [['--warmup'], { type: INT }]];
    assert.match(String(values(flags, ['-vq']).v), /^\? combined short options -vq are not followed/);
    assert.match(String(values(flags, ['--w', '3']).width), /ambiguous option --w/);
    assert.match(String(values(flags, ['--wid', '3'], { allow_abbrev: { t: 'bool', v: false } }).width), /unrecognized argument --wid/);
    assert.equal(values(flags, ['--wid', '3']).width, 3);
  });

  it('a value the analysis cannot convert leaves that attribute unknown and the others known', () => {
    const adds: Add[] = [[['--nz'], { type: INT, default: int(100) }], [['--flag'], { type: ref('str2bool'), default: { t: 'bool', v: false } }], [['--ngf'], { type: INT, default: int(64) }]];
    const v = values(adds, ['--nz', '0x10', '--flag', 'yes', '--ngf', '32']);
    assert.match(String(v.nz), /^\? 'nz' gets '0x10', which the analysis does not convert with int\(\)/);
    assert.match(String(v.flag), /^\? 'flag' is converted by str2bool, which the analysis does not run/);
    assert.equal(v.ngf, 32);
  });

  it('parse_args(list) reads that list, not the script\'s command line', () => {
    const p = dataCall('argparse.ArgumentParser', argList([]), () => ({ t: 'none' }));
    assert.ok(p?.t === 'data');
    dataMethod(p.d, 'add_argument', argList([str('--nz')], { type: INT, default: int(100) }));
    const ns = dataMethod(p.d, 'parse_args', argList([{ t: 'seq', tuple: false, items: [str('--nz'), str('7')] }]), ['--nz', '9']);
    assert.ok(ns?.t === 'obj');
    assert.equal(plain(ns.attrs.get('nz')), 7);
  });

  it('parse_args(a list it cannot read): the defaults of a plain run as before; with a command line given, unknown', () => {
    const p = dataCall('argparse.ArgumentParser', argList([]), () => ({ t: 'none' }));
    assert.ok(p?.t === 'data');
    dataMethod(p.d, 'add_argument', argList([str('--nz')], { type: INT, default: int(100) }));
    const list: Value = { t: 'unknown', reason: { en: 'sys.argv[1:]', 'zh-cn': 'sys.argv[1:]' }, tensorLike: false };
    const plainRun = dataMethod(p.d, 'parse_args', argList([list]));
    assert.ok(plainRun?.t === 'obj');
    assert.equal(plain(plainRun.attrs.get('nz')), 100);
    const withArgs = dataMethod(p.d, 'parse_args', argList([list]), ['--nz', '9']);
    assert.ok(withArgs?.t === 'obj');
    assert.match(String(plain(withArgs.attrs.get('nz'))), /parse_args\(\) is given arguments the analysis does not know/);
  });

  it('splits a command line written as one string as a shell does, and refuses what a shell would expand', () => {
    assert.deepEqual(splitCommandLine(`--dataset fake  --name "my run" --tag 'a b' --x=\\"q\\"`), ['--dataset', 'fake', '--name', 'my run', '--tag', 'a b', '--x="q"']);
    assert.equal(splitCommandLine('--data $HOME/x'), undefined);
    assert.equal(splitCommandLine('--name "unclosed'), undefined);
  });
});

describe('script arguments: a training script with a required --dataset', function () {
  this.timeout(120_000);
  const file = join(FIXTURES, 'scriptArgs', 'datasetChannels.py');

  async function net(scriptArgs?: string[]): Promise<ModelInfo> {
    const r = analyzeText(await testParsers(), read(file), 'python', scriptArgs ? { scriptArgs } : {}, file);
    const m = r.models.find((x) => x.name === 'Net');
    assert.ok(m, 'no model Net');
    return m;
  }

  it('without arguments the channel count is unknown, and says why', async () => {
    const m = await net();
    assert.equal(layerAt(m, 'conv').params, null);
    assert.match(layerAt(m, 'conv').paramsUnknown?.en ?? '', /'nc' depends on a condition/);
    assert.equal(m.totalParams, null);
  });

  it('with --dataset mnist: PyTorch\'s numbers (1 channel, 28×28, batch 4, 170 parameters)', async () => {
    const m = await net(['--dataset', 'mnist']);
    assert.deepEqual(layerAt(m, 'conv').output, { known: true, shape: [4, 8, 28, 28] });
    assert.equal(m.totalParams, 170);
  });

  it('with --dataset=cifar10 --width 16 -b2 and with an abbreviation --batch 5', async () => {
    const a = await net(['--dataset=cifar10', '--width', '16', '-b2']);
    assert.deepEqual(layerAt(a, 'conv').output, { known: true, shape: [2, 16, 32, 32] });
    assert.equal(a.totalParams, 618);
    const b = await net(['--dataset=cifar10', '--batch', '5']);
    assert.deepEqual(layerAt(b, 'conv').output, { known: true, shape: [5, 8, 32, 32] });
    assert.equal(b.totalParams, 314);
  });

  it('with an unrecognised flag: unknown with argparse\'s reason, not the defaults', async () => {
    const m = await net(['--dataset', 'mnist', '--bogus']);
    assert.equal(m.totalParams, null);
    assert.match(layerAt(m, 'fc').paramsUnknown?.en ?? '', /in_features is not known \(argparse would stop the script: unrecognized argument --bogus\)/);
  });

  it('arguments the editor cannot read (a launch.json ${input:…}): unknown with that reason, not the defaults', async () => {
    const r = analyzeText(await testParsers(), read(file), 'python', { scriptArgsUnreadable: 'launch.json configuration "train": ${input:pick}' }, file);
    const m = r.models.find((x) => x.name === 'Net');
    assert.ok(m);
    assert.match(layerAt(m, 'fc').paramsUnknown?.en ?? '', /the script's arguments are not known: launch\.json configuration "train"/);
  });

  it('the CLI: shapes FILE --args "…" says where the arguments came from', async () => {
    const r = await cli(['shapes', file, '--args', '--dataset mnist -b 4', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { scriptArgs: unknown; models: { name: string; totalParams: number | null }[] };
    assert.deepEqual(out.scriptArgs, { args: ['--dataset', 'mnist', '-b', '4'], from: '--args' });
    assert.equal(out.models.find((x) => x.name === 'Net')?.totalParams, 170);
    const text = await cli(['shapes', file, '--args=--dataset cifar10']);
    assert.match(text.stdout, /^script arguments \(from --args\): --dataset cifar10$/m);
    assert.match(text.stdout, /Total params: 314/);
    const bad = await cli(['shapes', file, '--args', '--dataset "mnist']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--args needs/);
  });
});

describe('script arguments: JavaScript argparse', () => {
  const js = [
    "const tf = require('@tensorflow/tfjs');",
    "const { ArgumentParser } = require('argparse');",
    'const parser = new ArgumentParser();',
    "parser.add_argument('--units', { type: 'int', default: 8 });",
    'const args = parser.parse_args();',
    'const model = tf.sequential();',
    'model.add(tf.layers.dense({ units: args.units, inputShape: [4] }));',
    '',
  ].join('\n');

  it('its defaults without a command line; with one (not read for JavaScript) its options are unknown, not the defaults', async () => {
    const plainRun = analyzeText(await testParsers(), js, 'javascript', {}, '/ws/train.js');
    assert.equal(plainRun.models[0]?.layers[0]?.params, 40);
    const given = analyzeText(await testParsers(), js, 'javascript', { scriptArgs: ['--units', '16'] }, '/ws/train.js');
    const layer = given.models[0]?.layers[0];
    assert.equal(layer?.params, null);
    assert.equal(layer?.output.known, false);
  });
});

describe('script arguments: sys.argv changed by the code before parse_args() (probes 39h W1)', () => {
  // PyTorch / Python 3.11 with each line before `parse_args()`: [3, 5] (25 parameters) for the first
  // four; `sys.argv = ['']` (the notebook idiom) leaves the defaults: [3, 16].
  const script = (line: string): string => `import argparse\nimport sys\nimport torch\nimport torch.nn as nn\n\n${line}\np = argparse.ArgumentParser()\np.add_argument('--hidden', type=int, default=16)\nargs = p.parse_args()\nm = nn.Linear(4, args.hidden)\ny = m(torch.randn(3, 4))\n`;
  const output = async (line: string): Promise<ModelInfo['output']> => analyzeText(await testParsers(), script(line), 'python').models.find((x) => x.name === 'm')!.output;
  it('a list of strings assigned to sys.argv is the command line', async () => {
    assert.deepEqual(await output("sys.argv = ['train.py', '--hidden', '5']"), { known: true, shape: [3, 5] });
    assert.deepEqual(await output("sys.argv = ['']"), { known: true, shape: [3, 16] });
  });
  it('sys.argv extended, appended to or sliced into: unknown, never the defaults', async () => {
    for (const line of ["sys.argv += ['--hidden', '5']", "sys.argv[1:] = ['--hidden', '5']", "sys.argv.append('--hidden')\nsys.argv.append('5')", "sys.argv.extend(['--hidden', '5'])"]) {
      const out = await output(line);
      assert.equal(out.known, false, line);
      assert.match(out.known ? '' : out.reason.en, /sys\.argv/, line);
    }
  });
});
