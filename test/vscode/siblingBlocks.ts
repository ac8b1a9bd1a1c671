// The siblingBlocks workspace fixture in VS Code, and waiting for what a person would see over it.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

const fixtures = join(__dirname, '..', '..', 'test', 'fixtures', 'workspace');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

/** Writes test/fixtures/workspace/`name` into `root`/`folderName` and returns that folder. */
export async function copyWorkspaceFixture(root: vscode.Uri, name: string, folderName: string): Promise<vscode.Uri> {
  const fixture = join(fixtures, name);
  const folder = vscode.Uri.joinPath(root, folderName);
  for (const f of filesUnder(fixture)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, relative(fixture, f)), readFileSync(f));
  return folder;
}

/** Writes test/fixtures/workspace/siblingBlocks into `root`/sibling-blocks and returns that folder. */
export function copySiblingBlocks(root: vscode.Uri): Promise<vscode.Uri> {
  return copyWorkspaceFixture(root, 'siblingBlocks', 'sibling-blocks');
}

export async function hoverOn(doc: vscode.TextDocument, needle: string, mustContain: string): Promise<string> {
  const at = doc.positionAt(doc.getText().indexOf(needle) + 1);
  return waitFor(`a hover over ${needle} containing ${mustContain}`, async () => {
    const text = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at)) ?? []);
    return text.includes(mustContain) ? text : undefined;
  });
}

export async function hintOnLine(doc: vscode.TextDocument, needle: string, mustContain: string): Promise<string> {
  const line = doc.positionAt(doc.getText().indexOf(needle)).line;
  return waitFor(`an inlay hint on "${needle}" containing ${mustContain}`, async () => {
    const hints = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(line, 0, line + 1, 0))) ?? [];
    const label = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''))).join(' ');
    return label.includes(mustContain) ? label : undefined;
  });
}
