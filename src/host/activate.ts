// Wires the extension's features to VS Code. Each feature registers itself from its own module
// and adds its disposables to the context; nothing here holds state of its own.
import * as vscode from 'vscode';
import { CommandIds, WorkbenchCommands } from './commandIds';
import { createAnalysisCache } from './editor/analysisCache';
import { registerEditorFeatures } from './editor/registerEditor';
import { RuntimeShapesFeature, type RuntimePassRecord } from './editor/runtimeShapes';
import { TrainClassLensProvider, registerTrainThisModel } from './editor/trainClassLens';
import { registerPanels } from './panels/registerPanels';
import { registerScriptCommand } from './training/scriptCommand';
import { registerTrainingFeature, type TrainingFeature } from './training/trainingCommands';

let activatedAt: number | undefined;
/** Held only so deactivate() can wait for the training process to end. */
let training: TrainingFeature | undefined;
/** Held only so deactivate() can wait for the exact-shapes worker's process group to end. */
let runtimeShapes: RuntimeShapesFeature | undefined;

/** What activate() returns (the extension's exports): events a test or another extension may watch. */
export interface ModelLensApi {
  /** After each exact-shapes pass: its timing from the static answer, and how it ended. */
  readonly onDidExactShapes: vscode.Event<RuntimePassRecord>;
}

export async function activateModelLens(context: vscode.ExtensionContext): Promise<ModelLensApi> {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Model Lens', { log: true });
  context.subscriptions.push(log);

  // Panels: the training panel (opened for each session) and the side panel view.
  // One analysis per document version, shared by the side panel and the editor features.
  const analysis = createAnalysisCache(context.extensionUri, log);
  const panels = registerPanels(context, log, { analysis, training: () => training });
  context.subscriptions.push(analysis, panels, registerEditorFeatures(analysis, log));

  // Training: Train Sample Model / Stop Training / Install Native Engine / Open Run.
  training = registerTrainingFeature(context, log, (session, info) => panels.open(session, info));
  context.subscriptions.push(training);
  // Run Script with Model Lens: a person's own training script with the probe (issue 10).
  context.subscriptions.push(registerScriptCommand(context, log, training.python, (session, info) => panels.open(session, info)));

  // Exact shapes: PyTorch's forward pass refines the analysis (trusted workspaces with torch only).
  const python = training.python;
  runtimeShapes = new RuntimeShapesFeature(analysis, {
    packageDir: python.packageDir,
    findTorch: async () => {
      const choice = await python.choose('torch');
      return choice.kind === 'torch' ? { python: choice.python, reason: null } : { python: null, reason: choice.note?.detail ?? null };
    },
  }, log);
  context.subscriptions.push(runtimeShapes);

  // "Train this model": the CodeLens over each class with a known input, and its command.
  const trainLens = new TrainClassLensProvider(analysis);
  context.subscriptions.push(
    trainLens,
    vscode.languages.registerCodeLensProvider({ language: 'python', scheme: 'file' }, trainLens),
    registerTrainThisModel(analysis, async (target) => training?.startClass(target)),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand(CommandIds.showSidePanel, async () => {
      await vscode.commands.executeCommand(WorkbenchCommands.showContainer);
    }),
    vscode.commands.registerCommand(CommandIds.showLog, () => log.show()),
  );

  activatedAt = performance.now() - started;
  log.info(`activated in ${activatedAt.toFixed(1)} ms`);
  return { onDidExactShapes: runtimeShapes.onDidPass };
}

export async function deactivateModelLens(): Promise<void> {
  // The training process must be gone before the extension host exits (it also watches for that).
  await Promise.all([training?.stopAll(), runtimeShapes?.shutdown()]);
  training = undefined;
  runtimeShapes = undefined;
}
