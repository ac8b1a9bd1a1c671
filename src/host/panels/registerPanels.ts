// Registers both webviews with VS Code and connects them to the training feature: the training
// panel opener (for Train Sample Model / Open Run / Run again), the panel serializer (panels
// survive a window reload, re-attached to the live session or to the saved run), and the side
// panel provider fed by code analysis and by the gradients of the latest run of a file.
import * as vscode from 'vscode';
import { RecordedSession } from '../training/recordedSession';
import { listRuns, readRun } from '../training/runLibrary';
import { sampleSourceUri, scriptSourceUri, type PanelOpener, type TrainingFeature } from '../training/trainingCommands';
import type { AnalysisSource } from './editorBridge';
import { SidePanelProvider } from './sidePanel';
import { TrainingPanels, type PanelHooks } from './trainingPanel';

export interface Panels extends vscode.Disposable {
  readonly training: TrainingPanels;
  readonly side: SidePanelProvider;
  /** The PanelOpener the training feature calls for every session it starts or replays. */
  open: PanelOpener;
}

export function registerPanels(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  deps: { analysis: AnalysisSource; training: () => TrainingFeature | undefined },
): Panels {
  const runsDir = vscode.Uri.joinPath(context.globalStorageUri, 'runs').fsPath;
  const sampleSource = (sampleId: string, engine: string): vscode.Uri | undefined => sampleSourceUri(context.extensionUri, sampleId, engine);
  const hooksFor = (sampleId: string, sourceUri: vscode.Uri | undefined): PanelHooks => ({
    sourceUri,
    runAgain: async (hyper) => deps.training()?.runAgain(sampleId, hyper),
  });

  const side = new SidePanelProvider(context.extensionUri, deps.analysis, log);
  const training = new TrainingPanels({
    extensionUri: context.extensionUri,
    log,
    analysis: deps.analysis,
    onGradients: (uri, label, grads) => side.setGradients(uri, label, grads),
    restore: async (runId) => {
      const live = deps.training()?.current;
      const liveStart = live?.snapshot().runStarted;
      if (live && liveStart && (runId === null || liveStart.runId === runId)) {
        // A shipped sample's source is in the extension; a class trained by "Train this model" is the person's file.
        const source = sampleSource(liveStart.sample.id, liveStart.engine.name) ?? vscode.Uri.file(liveStart.sample.file);
        return { session: live, hooks: hooksFor(liveStart.sample.id, source) };
      }
      const saved = runId ? listRuns(runsDir).find((r) => r.runId === runId) : undefined;
      if (!saved) return undefined;
      const read = readRun(saved.dir);
      return { session: new RecordedSession(read.events), hooks: hooksFor(saved.sampleId, sampleSource(saved.sampleId, saved.engine) ?? scriptSourceUri(read.events)) };
    },
  });

  return {
    training,
    side,
    open(session, info) {
      if (info.early && training.showing(info.sourceUri)) return undefined;
      const panel = training.show(session, hooksFor(info.sampleId, info.sourceUri), info.column);
      return { close: () => panel.dispose() };
    },
    dispose() {
      training.dispose();
      side.dispose();
    },
  };
}
