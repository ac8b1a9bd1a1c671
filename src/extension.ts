// Entry point: activate/deactivate only. Everything is wired in src/host/activate.ts.
import type * as vscode from 'vscode';
import { activateModelLens, deactivateModelLens, type ModelLensApi } from './host/activate';

export function activate(context: vscode.ExtensionContext): Promise<ModelLensApi> {
  return activateModelLens(context);
}

export function deactivate(): Promise<void> {
  return deactivateModelLens();
}
