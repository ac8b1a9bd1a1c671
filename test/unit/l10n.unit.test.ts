// Both languages stay complete: every runtime string the host shows (vscode.l10n.t) has a zh-cn
// translation, extracted with the same tool VS Code's l10n pipeline uses, so a new string without
// a translation fails here rather than showing English in the Chinese UI.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const root = join(__dirname, '..', '..');

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFilesUnder(p);
    return name.endsWith('.ts') ? [p] : [];
  });
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{(\d+|\w+)\}/g)].map((m) => m[0]).sort();
}

function messageOf(value: string | { message: string }): string {
  return typeof value === 'string' ? value : value.message;
}

describe('l10n: runtime strings', () => {
  const files = tsFilesUnder(join(root, 'src', 'host'));
  const zh = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string | { message: string }>;

  it('finds the host sources (guards against an extractor that silently sees nothing)', async () => {
    const found = await getL10nJson([{ extension: '.ts', contents: "import * as vscode from 'vscode';\nvscode.l10n.t('probe {0}', 1)" }]);
    assert.deepEqual(Object.keys(found), ['probe {0}']);
    assert.ok(files.length > 0, 'no .ts files under src/host');
  });

  it('every vscode.l10n.t string in src/host has a zh-cn translation with the same placeholders', async () => {
    const problems: string[] = [];
    for (const file of files) {
      const strings = await getL10nJson([{ extension: '.ts', contents: readFileSync(file, 'utf8') }]);
      for (const [key, value] of Object.entries(strings)) {
        const where = relative(root, file);
        const translated = zh[key];
        if (translated === undefined) {
          problems.push(`${where}: no zh-cn entry for ${JSON.stringify(key)}`);
          continue;
        }
        const zhText = messageOf(translated);
        if (zhText.trim() === '') problems.push(`${where}: empty zh-cn entry for ${JSON.stringify(key)}`);
        if (placeholders(zhText).join() !== placeholders(messageOf(value)).join()) {
          problems.push(`${where}: placeholders differ for ${JSON.stringify(key)}: ${JSON.stringify(zhText)}`);
        }
      }
    }
    assert.deepEqual(problems, [], `add these to l10n/bundle.l10n.zh-cn.json:\n${problems.join('\n')}`);
  });

  it('every l10n.t call passes a literal (a computed string cannot be translated)', () => {
    const computed = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bl10n\.t\(\s*([^\s'"`{])/g)].map((m) => `${relative(root, file)}: l10n.t(${m[1]}…`),
    );
    assert.deepEqual(computed, []);
  });

  it('the zh-cn bundle has no entries the code no longer uses', async () => {
    const used = new Set<string>();
    for (const file of files) for (const key of Object.keys(await getL10nJson([{ extension: '.ts', contents: readFileSync(file, 'utf8') }]))) used.add(key);
    const stale = Object.keys(zh).filter((k) => !used.has(k));
    assert.deepEqual(stale, [], `remove from l10n/bundle.l10n.zh-cn.json (or fix the source string):\n${stale.join('\n')}`);
  });
});
