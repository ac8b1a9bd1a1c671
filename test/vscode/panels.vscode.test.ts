// The training panel inside real VS Code: its webview loads under the strict CSP, the ready
// handshake brings a full snapshot, live deltas are batched while visible and stop while hidden,
// a hidden panel gets a fresh snapshot when shown again, and a forged message from the webview
// changes nothing while the real one works. The session behind it is a real training process.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_CADENCE, type RunConfig } from '../../src/protocol/backend';
import { FLUSH_INTERVAL_MS, TrainingPanel } from '../../src/host/panels/trainingPanel';
import { webviewRoots } from '../../src/host/panels/webviewHtml';
import { TrainingSession } from '../../src/host/training/trainingSession';
import { report } from './report';

async function waitFor(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('training panel in VS Code', function () {
  this.timeout(120_000);
  let ext: vscode.Extension<unknown>;
  let runsDir: string;
  let session: TrainingSession | undefined;
  let panel: TrainingPanel | undefined;
  const log = vscode.window.createOutputChannel('Model Lens panel test', { log: true });

  before(async () => {
    const found = vscode.extensions.getExtension('model-lens.model-lens');
    assert.ok(found);
    ext = found;
    await ext.activate();
    runsDir = mkdtempSync(join(tmpdir(), 'ml-panel-runs-'));
  });

  after(async () => {
    panel?.dispose();
    await session?.stop().catch(() => undefined);
    log.dispose();
    rmSync(runsDir, { recursive: true, force: true });
  });

  function startSession(seconds: number): TrainingSession {
    const root = ext.extensionUri;
    const config: RunConfig = {
      // Many epochs of a tiny network: the run lasts until `seconds` runs out, not until XOR is learned.
      sample: { kind: 'shipped', id: 'mlp-xor' }, hyper: { epochs: 10_000 }, seconds, engine: 'auto', cadence: DEFAULT_CADENCE,
      paths: {
        samplesDir: vscode.Uri.joinPath(root, 'samples').fsPath, wasmDir: vscode.Uri.joinPath(root, 'dist', 'wasm').fsPath,
        dataDir: vscode.Uri.joinPath(root, 'dist', 'data').fsPath, runsDir, nativeModulePaths: [],
      },
      allowWorkspaceCode: false, checkpoints: false,
    };
    return new TrainingSession({ backendPath: vscode.Uri.joinPath(root, 'dist', 'backend.js').fsPath, maxMemoryMb: 1024, config, log: (l) => log.info(l) });
  }

  it('loads under a strict CSP, answers the ready handshake with a snapshot and streams batched deltas', async () => {
    const webviewPanel = vscode.window.createWebviewPanel('modelLens.training', 'Model Lens test', vscode.ViewColumn.One, {});
    panel = new TrainingPanel(webviewPanel, { extensionUri: ext.extensionUri, log });
    const html = webviewPanel.webview.html;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;|&apos;/g, "'") ?? '';
    assert.match(csp, /^default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline/);
    const nonce = /script-src 'nonce-([A-Za-z0-9]+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'a nonce of 16+ characters');
    assert.equal((html.match(/<script /g) ?? []).length, (html.match(new RegExp(`<script nonce="${nonce}"`, 'g')) ?? []).length, 'every script carries the nonce');
    assert.deepEqual((webviewPanel.webview.options.localResourceRoots ?? []).map((u) => u.toString()), webviewRoots(ext.extensionUri).map((u) => u.toString()));

    session = startSession(30);
    await session.start();
    panel.attach(session);
    // Only the webview's own script can post 'ready' (it runs only if the CSP let it load).
    await waitFor('the ready handshake and a snapshot', () => (panel?.stats.snapshots ?? 0) >= 1 && (panel?.stats.received ?? 0) >= 1, 60_000);
    const t0 = Date.now();
    const d0 = panel.stats.deltas;
    await waitFor('live deltas', () => (panel?.stats.deltas ?? 0) >= d0 + 5, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const elapsed = Date.now() - t0;
    const deltas = panel.stats.deltas - d0;
    report(`training panel: ${deltas} deltas in ${elapsed} ms while visible (cap ${Math.floor(elapsed / FLUSH_INTERVAL_MS) + 1})`);
    assert.ok(deltas <= Math.floor(elapsed / FLUSH_INTERVAL_MS) + 1, `${deltas} deltas in ${elapsed} ms is more than one per ${FLUSH_INTERVAL_MS} ms`);
  });

  it('sends nothing while hidden and a full snapshot when shown again', async () => {
    assert.ok(panel && session);
    const cover = vscode.window.createWebviewPanel('modelLens.coverTest', 'cover', vscode.ViewColumn.One, {});
    await waitFor('the panel to be hidden', () => panel?.panel.visible === false, 10_000);
    const deltas = panel.stats.deltas;
    const snapshots = panel.stats.snapshots;
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(panel.stats.deltas, deltas, 'no deltas to a hidden panel');
    cover.dispose();
    panel.panel.reveal(vscode.ViewColumn.One);
    await waitFor('a snapshot on reveal', () => (panel?.stats.snapshots ?? 0) > snapshots, 20_000);
  });

  it('drops a forged message and obeys the real one', async () => {
    assert.ok(panel && session);
    assert.equal(session.state, 'running', 'the run is still going');
    const dropped = panel.stats.dropped;
    for (const forged of [
      { type: 'control', action: 'stop', command: 'workbench.action.reloadWindow' },
      { type: 'control', action: 'STOP' },
      { type: 'control', action: 'stop', pad: 'x'.repeat(100_000) },
      { type: 'runCommand', id: 'modelLens.stopTraining' },
    ]) panel.handleWebviewMessage(forged);
    assert.equal(panel.stats.dropped, dropped + 4);
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(session.state === 'running' || session.state === 'starting', `forged stop must not stop the run (state ${session.state})`);
    panel.handleWebviewMessage({ type: 'control', action: 'stop' });
    await waitFor('the run to stop', () => session?.state === 'stopped', 10_000);
  });
});
