// What a person gets from the README's commands, checked end to end: `npm start` serves a VS Code
// in which Model Lens activates, and `npm run package`'s .vsix installs into code-server and
// activates there too. Both open a Python file (the activation event) and read the extension's
// own log line "activated in N ms".
import { strict as assert } from 'node:assert';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbench, captureOnFailure } from './workbench';

const repoRoot = join(__dirname, '..', '..');
const probePy = 'import torch.nn as nn\n\nfc = nn.Linear(784, 10)\n';

async function expectActivation(wb: Workbench): Promise<string> {
  await wb.openFile('probe.py');
  await wb.runCommand('Model Lens: Show Log');
  const text = await wb.outputText(/activated in [\d.]+ ms/, 30_000);
  const m = /activated in ([\d.]+) ms/.exec(text);
  assert.ok(m, `no activation line in the Model Lens log:\n${text}`);
  return m[0];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p).map((f) => `${name}/${f}`) : [name];
  });
}

describe('deliverables: npm start', function () {
  let server: ChildProcess | undefined;
  let wb: Workbench | undefined;
  let work: string;
  let output = '';

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'model-lens-start-'));
    mkdirSync(join(work, 'folder'));
    writeFileSync(join(work, 'folder', 'probe.py'), probePy);
  });
  afterEach(async function () {
    await captureOnFailure(wb, this);
  });
  after(async () => {
    await wb?.stop();
    if (server && server.exitCode === null) server.kill('SIGINT');
    rmSync(work, { recursive: true, force: true });
  });

  it('serves VS Code with Model Lens, which activates on a .py file', async () => {
    // scripts/start.mjs is what `npm start` runs after the build; its own state folder keeps a
    // developer's running `npm start` untouched.
    server = spawn(process.execPath, [join(repoRoot, 'scripts', 'start.mjs'), '--state', join(work, 'state'), join(work, 'folder')], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 90 s:\n${output}`)), 90_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /running in VS Code \(code-server\) at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      server?.stdout?.on('data', onData);
      server?.stderr?.on('data', onData);
      server?.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
    });
    wb = await Workbench.connect(url, join(work, 'folder'));
    const line = await expectActivation(wb);
    await wb.screenshot('deliverables-npm-start');
    console.log(`      npm start: ${line}`);
  });

  it('stops code-server on Ctrl-C', async () => {
    assert.ok(server);
    await wb?.stop();
    wb = undefined;
    const exited = new Promise<number | null>((r) => server?.on('exit', (code) => r(code)));
    server.kill('SIGINT');
    assert.equal(await exited, 0, output);
    const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1] ?? '';
    await assert.rejects(fetch(`${url}healthz`, { signal: AbortSignal.timeout(3000) }), 'code-server still answers after Ctrl-C');
  });
});

describe('deliverables: the .vsix', function () {
  let wb: Workbench | undefined;
  let work: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'model-lens-vsix-'));
  });
  afterEach(async function () {
    await captureOnFailure(wb, this);
  });
  after(async function () {
    // Stops a workbench and runs a full development build: minutes on a loaded machine.
    this.timeout(600_000);
    await wb?.stop();
    rmSync(work, { recursive: true, force: true });
    // Packaging left a production build in dist/; put the development build (source maps) back.
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'pipe' });
  });

  it('packages, installs with code-server --install-extension, ships no sources or maps, and activates', async function () {
    // A production build, vsce, an install and a workbench start: minutes on a loaded machine.
    this.timeout(600_000);
    const vsix = join(work, 'model-lens.vsix');
    // Exactly `npm run package` (vsce runs the production build through vscode:prepublish).
    try {
      execFileSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], { cwd: repoRoot, stdio: 'pipe', encoding: 'utf8' });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      assert.fail(`npm run package failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    }
    const megabytes = statSync(vsix).size / 1048576; // MB as vsce counts them
    const cs = await import('../../scripts/codeServer.mjs');
    const extensionsDir = join(work, 'extensions');
    const installed = await cs.codeServerCli(['--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', join(work, 'cli-user-data')]);
    assert.match(installed, /successfully installed/i);
    const folder = readdirSync(extensionsDir).find((n) => n.startsWith('model-lens.model-lens-'));
    assert.ok(folder, `not installed: ${readdirSync(extensionsDir).join(', ')}`);
    const files = filesUnder(join(extensionsDir, folder));
    assert.ok(files.includes('dist/extension.js') && files.includes('dist/backend.js'), 'bundles missing');
    assert.deepEqual(files.filter((f) => f.endsWith('.map') || f.startsWith('src/') || f.startsWith('dist-test/') || f.startsWith('node_modules/') || f.startsWith('test/')), []);
    assert.ok(existsSync(join(extensionsDir, folder, 'package.nls.zh-cn.json')));

    wb = await Workbench.start({ extensionsDir, files: { 'probe.py': probePy } });
    const line = await expectActivation(wb);
    console.log(`      .vsix: ${megabytes.toFixed(2)} MB, ${files.length} files; ${line}`);
  });
});
