// Wires the extension's features to VS Code. Each feature registers itself from its own module
// and adds its disposables to the context; nothing here holds state of its own.
import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { showMinimalPanel } from './training/minimalPanel';
import { registerTrainingFeature, type TrainingFeature } from './training/trainingCommands';

let activatedAt: number | undefined;
/** Held only so deactivate() can wait for the training process to end. */
let training: TrainingFeature | undefined;

export async function activateModelLens(context: vscode.ExtensionContext): Promise<void> {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Model Lens', { log: true });
  context.subscriptions.push(log);

  // Training: Train Sample Model / Stop Training / Install Native Engine / Open Run. The panel
  // shown for a session is the one place to swap in the full training panel.
  training = registerTrainingFeature(context, log, (session, info) => {
    context.subscriptions.push(showMinimalPanel(session, info.title));
  });
  context.subscriptions.push(training);

  context.subscriptions.push(
    vscode.commands.registerCommand(CommandIds.showSidePanel, async () => {
      await vscode.commands.executeCommand(`workbench.view.extension.modelLens`);
    }),
    vscode.commands.registerCommand(CommandIds.showLog, () => log.show()),
  );

  activatedAt = performance.now() - started;
  log.info(`activated in ${activatedAt.toFixed(1)} ms`);
}

export async function deactivateModelLens(): Promise<void> {
  // The training process must be gone before the extension host exits (it also watches for that).
  await training?.stopAll();
  training = undefined;
}
