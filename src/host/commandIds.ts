// Every command id the extension contributes, in one registry (package.json must match: tested).
export const CommandIds = {
  trainSampleModel: 'modelLens.trainSampleModel',
  showSidePanel: 'modelLens.showSidePanel',
  installNativeEngine: 'modelLens.installNativeEngine',
  stopTraining: 'modelLens.stopTraining',
  openRun: 'modelLens.openRun',
  showLog: 'modelLens.showLog',
  showConcept: 'modelLens.showConcept',
  setInputShape: 'modelLens.setInputShape',
  trainThisModel: 'modelLens.trainThisModel',
  runScript: 'modelLens.runScript',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

export const ViewIds = {
  container: 'modelLens',
  sidePanel: 'modelLens.sidePanel',
  trainingPanel: 'modelLens.training',
} as const;

/** VS Code's own commands that Model Lens runs, named after our views. */
export const WorkbenchCommands = {
  /** Opens the Model Lens view container in the activity bar. */
  showContainer: `workbench.view.extension.${ViewIds.container}`,
  /** Focuses the side panel view (VS Code registers `<view id>.focus` for every view). */
  focusSidePanel: `${ViewIds.sidePanel}.focus`,
  /** Opens a Markdown file rendered (the README's "How to use the PyTorch engine"). */
  markdownPreview: 'markdown.showPreview',
  /** Opens a file or URI in an editor (the fallback when Markdown preview is unavailable). */
  open: 'vscode.open',
  /** Opens VS Code's workspace trust editor (a refused "Train this model" offers it). */
  manageTrust: 'workbench.trust.manage',
  /** Sets the editor area's groups (a sample's file and its panel side by side in a new window). */
  setEditorLayout: 'vscode.setEditorLayout',
} as const;
