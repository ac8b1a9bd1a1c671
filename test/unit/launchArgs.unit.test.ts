// The launch configuration that runs a Python file, and its args, as the analysis is given them
// (src/host/editor/launchArgs.ts; the editor passes what VS Code read from .vscode/launch.json).
import * as assert from 'node:assert/strict';
import { launchArgsFor } from '../../src/host/editor/launchArgs';

const ws = '/home/me/proj';
const file = { path: `${ws}/dcgan/main.py`, workspaceFolder: ws };
const py = (name: string, program: string, args?: unknown): Record<string, unknown> => ({ type: 'debugpy', request: 'launch', name, program, ...(args !== undefined ? { args } : {}) });

describe('launch.json: the arguments a Python file runs with', () => {
  it('the configuration naming the file by ${workspaceFolder}/…, by an absolute or a relative path, wins over "${file}"', () => {
    const current = py('Current file', '${file}', ['--dataset', 'mnist']);
    assert.deepEqual(launchArgsFor([current, py('dcgan', '${workspaceFolder}/dcgan/main.py', ['--dataset', 'fake', '--imageSize', '32'])], file), { kind: 'args', args: ['--dataset', 'fake', '--imageSize', '32'], name: 'dcgan' });
    assert.deepEqual(launchArgsFor([py('abs', `${ws}/dcgan/main.py`, ['-b', '8'])], file), { kind: 'args', args: ['-b', '8'], name: 'abs' });
    assert.deepEqual(launchArgsFor([py('rel', 'dcgan/main.py', ['-b', '8'])], file), { kind: 'args', args: ['-b', '8'], name: 'rel' });
    assert.deepEqual(launchArgsFor([current], file), { kind: 'args', args: ['--dataset', 'mnist'], name: 'Current file' });
  });

  it('other files, other debuggers, attach requests and module configurations are not this file\'s', () => {
    assert.equal(launchArgsFor([py('other', '${workspaceFolder}/vae/main.py', ['--x'])], file), undefined);
    assert.equal(launchArgsFor([{ type: 'node', request: 'launch', name: 'n', program: '${file}', args: ['--x'] }], file), undefined);
    assert.equal(launchArgsFor([{ type: 'python', request: 'attach', name: 'a', program: '${file}', args: ['--x'] }], file), undefined);
    assert.equal(launchArgsFor([{ type: 'python', request: 'launch', name: 'm', module: 'dcgan.main', args: ['--x'] }], file), undefined);
    assert.equal(launchArgsFor(undefined, file), undefined);
  });

  it('args as a string are split as a shell would; variables VS Code resolves are resolved', () => {
    assert.deepEqual(launchArgsFor([py('s', '${file}', '--dataset fake --dataroot "${workspaceFolder}/my data"')], file), { kind: 'args', args: ['--dataset', 'fake', '--dataroot', `${ws}/my data`], name: 's' });
    assert.deepEqual(launchArgsFor([py('e', '${file}', ['--out', '${env:OUT}/x', '--in', '${fileDirname}'])], file, { OUT: '/tmp' }), { kind: 'args', args: ['--out', '/tmp/x', '--in', `${ws}/dcgan`], name: 'e' });
  });

  it('arguments that cannot be read here are said to be unreadable, never dropped or guessed', () => {
    const r = launchArgsFor([py('i', '${file}', ['--dataset', '${input:pickDataset}'])], file);
    assert.equal(r?.kind, 'unreadable');
    assert.match(r?.kind === 'unreadable' ? r.reason : '', /\$\{input:pickDataset\}/);
    assert.equal(launchArgsFor([py('s', '${file}', '--data $HOME/x')], file)?.kind, 'unreadable');
    assert.equal(launchArgsFor([py('n', '${file}', [1, 2])], file)?.kind, 'unreadable');
  });
});
