// Wires the extension's features to VS Code. Each feature registers itself from its own module
// and adds its disposables to the context; nothing here holds state of its own.
import * as vscode from 'vscode';
import { CommandIds } from './commandIds';

let activatedAt: number | undefined;

export async function activateModelLens(context: vscode.ExtensionContext): Promise<void> {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Model Lens', { log: true });
  context.subscriptions.push(log);

  context.subscriptions.push(
    vscode.commands.registerCommand(CommandIds.trainSampleModel, async () => {
      await vscode.window.showInformationMessage(vscode.l10n.t('Model Lens: training is coming soon.'));
    }),
    vscode.commands.registerCommand(CommandIds.showSidePanel, async () => {
      await vscode.commands.executeCommand(`workbench.view.extension.modelLens`);
    }),
    vscode.commands.registerCommand(CommandIds.showLog, () => log.show()),
  );

  activatedAt = performance.now() - started;
  log.info(`activated in ${activatedAt.toFixed(1)} ms`);
}

export async function deactivateModelLens(): Promise<void> {
  // Backend sessions register their own stop promises here once training exists.
}
