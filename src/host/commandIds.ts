// Every command id the extension contributes, in one registry (package.json must match: tested).
export const CommandIds = {
  trainSampleModel: 'modelLens.trainSampleModel',
  showSidePanel: 'modelLens.showSidePanel',
  installNativeEngine: 'modelLens.installNativeEngine',
  stopTraining: 'modelLens.stopTraining',
  openRun: 'modelLens.openRun',
  showLog: 'modelLens.showLog',
  showConcept: 'modelLens.showConcept',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

export const ViewIds = {
  container: 'modelLens',
  sidePanel: 'modelLens.sidePanel',
  trainingPanel: 'modelLens.training',
} as const;
