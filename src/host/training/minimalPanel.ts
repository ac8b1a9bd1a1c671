// A plain list of the events a session delivers, for when the full training panel
// (src/host/panels/trainingPanel.ts) is not wired in. No scripts: the host re-renders the HTML
// at most twice a second, escaping every string.
import * as vscode from 'vscode';
import { describeEventForLog, type BackendEvent } from '../../protocol/backend';
import type { TrainingSessionLike } from './trainingSession';

const MAX_ROWS = 200;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function summary(e: BackendEvent): string {
  switch (e.kind) {
    case 'runStarted': return `${e.sample.title.en} · ${e.engine.name} · ${e.layers.length} layers`;
    case 'gradients': return `step ${e.step}: ‖∇‖ max ${Math.max(...e.gradNorm).toExponential(2)}`;
    case 'validation': return `step ${e.step}: ${JSON.stringify(e.metrics)}`;
    default: return describeEventForLog(e);
  }
}

export function showMinimalPanel(session: TrainingSessionLike, title: string): vscode.Disposable {
  const panel = vscode.window.createWebviewPanel('modelLens.minimalTraining', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false });
  const counts = new Map<string, number>();
  const rows: string[] = [];
  const add = (e: BackendEvent): void => {
    counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
    rows.push(`<tr><td>${escapeHtml(e.kind)}</td><td>${escapeHtml(summary(e))}</td></tr>`);
    if (rows.length > MAX_ROWS) rows.shift();
  };
  for (const e of session.events()) add(e);
  let timer: NodeJS.Timeout | undefined;
  const render = (): void => {
    timer = undefined;
    const tally = [...counts].map(([k, n]) => `${escapeHtml(k)}: ${n}`).join(' · ');
    panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)} td{padding:0 8px;vertical-align:top} td:first-child{color:var(--vscode-descriptionForeground)}</style></head>
<body><h3>${escapeHtml(title)} — ${escapeHtml(session.state)}</h3><p>${tally}</p><table>${rows.slice().reverse().join('')}</table></body></html>`;
  };
  render();
  const sub = session.onEvent((e) => {
    add(e);
    timer ??= setTimeout(render, 500);
  });
  panel.onDidDispose(() => { sub.dispose(); if (timer) clearTimeout(timer); });
  return panel;
}
