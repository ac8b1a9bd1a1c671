// The language of the editor features: VS Code's display language unless `modelLens.language`
// overrides it. The strings themselves are in editorStrings.ts.
import * as vscode from 'vscode';
import { resolveLang } from '../../knowledge/lookup';
import type { Lang } from '../../knowledge/types';

export function editorLang(): Lang {
  const setting = vscode.workspace.getConfiguration('modelLens').get<string>('language', 'auto');
  return resolveLang(setting === 'auto' ? vscode.env.language : setting);
}

