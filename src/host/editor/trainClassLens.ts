// "Train this model": a CodeLens above each nn.Module class whose input is known (trusted
// workspaces only: training imports the person's file), and the command behind it, which from the
// palette takes the class under the cursor. The run itself is the training feature's
// (`TrainingFeature.startClass`): the PyTorch engine, the normal training panel.
import * as vscode from 'vscode';
import { CommandIds, WorkbenchCommands } from '../commandIds';
import { type AnalysisCache, sourceLanguage } from './analysisCache';
import { classAtLine, trainOffers, type TrainOffer } from './trainClassOffers';

export interface ClassTarget { uri: vscode.Uri; className: string; input: number[] }

export class TrainClassLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly cache: AnalysisCache) {
    this.subscriptions = [cache.onDidAnalyze(() => this.changed.fire()), vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire())];
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    // A file on disk (the Python side imports it); never in an untrusted workspace.
    if (!vscode.workspace.isTrusted || document.uri.scheme !== 'file' || document.languageId !== 'python') return [];
    const result = await this.cache.analyze(document, token);
    if (!result || token.isCancellationRequested) return [];
    return trainOffers(result).map((o) => new vscode.CodeLens(new vscode.Range(o.line, 0, o.line, 0), {
      title: vscode.l10n.t('$(play) Train this model'),
      tooltip: vscode.l10n.t('Train {0} as written, on PyTorch, with input [{1}] (the batch size comes from the run\'s hyperparameters)', o.model, o.input.join(', ')),
      command: CommandIds.trainThisModel,
      arguments: [document.uri.toString(), o.model, o.input],
    }));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/** Says why an untrusted workspace does not train its own classes, with the way to trust it. */
async function refuseUntrusted(className: string | undefined): Promise<void> {
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const pick = await vscode.window.showWarningMessage(
    vscode.l10n.t('"Train this model" imports {0} from the workspace and runs it, so it only works in a trusted workspace. Trust this workspace to train it.', className ?? vscode.l10n.t('the class')),
    manage,
  );
  if (pick === manage) await vscode.commands.executeCommand(WorkbenchCommands.manageTrust);
}

/** The class under the cursor of the active Python editor (from the palette), or why there is none. */
async function classInActiveEditor(cache: AnalysisCache): Promise<ClassTarget | undefined> {
  const editor = vscode.window.activeTextEditor;
  const document = editor?.document;
  if (!editor || !document || document.languageId !== 'python' || !sourceLanguage(document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Python file and put the cursor in an nn.Module class to train it.'));
    return undefined;
  }
  if (document.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Save the file first: "Train this model" imports the class from its file.'));
    return undefined;
  }
  const result = await cache.analyze(document);
  if (!result) return undefined;
  const offers = trainOffers(result);
  const here = classAtLine(result, editor.selection.active.line);
  let offer: TrainOffer | undefined;
  if (here) {
    offer = offers.find((o) => o.model === here.model);
    if (!offer) {
      if (here.inputs > 1) {
        void vscode.window.showWarningMessage(vscode.l10n.t('{0}.forward takes {1} inputs; "Train this model" trains a class with one input tensor.', here.model, here.inputs));
        return undefined;
      }
      const set = vscode.l10n.t('Set input shape…');
      const pick = await vscode.window.showWarningMessage(vscode.l10n.t('The input shape of {0} is unknown, so Model Lens cannot choose its data. Set it first (an "input:" comment).', here.model), set);
      if (pick === set) await vscode.commands.executeCommand(CommandIds.setInputShape);
      return undefined;
    }
  } else if (offers.length === 1) {
    offer = offers[0];
  } else if (offers.length > 1) {
    offer = (await vscode.window.showQuickPick(
      offers.map((o) => ({ label: o.model, description: `[${o.input.join(', ')}] · ${vscode.l10n.t('line {0}', o.line + 1)}`, offer: o })),
      { title: vscode.l10n.t('Which model should train?') },
    ))?.offer;
    if (!offer) return undefined;
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('No nn.Module class with a known input shape was found in this file.'));
    return undefined;
  }
  if (!offer) return undefined;
  if (document.isDirty) await document.save();
  return { uri: document.uri, className: offer.model, input: offer.input };
}

/** `modelLens.trainThisModel(uri, className, input)`; without arguments, the class under the cursor. */
export function registerTrainThisModel(cache: AnalysisCache, start: (target: ClassTarget) => Promise<unknown>): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.trainThisModel, async (uriArg?: unknown, classArg?: unknown, inputArg?: unknown) => {
    const className = typeof classArg === 'string' ? classArg : undefined;
    if (!vscode.workspace.isTrusted) {
      void refuseUntrusted(className); // the message stays until dismissed: the command does not wait for it
      return undefined;
    }
    let target: ClassTarget | undefined;
    if (typeof uriArg === 'string' && className && Array.isArray(inputArg) && inputArg.every((d) => typeof d === 'number')) {
      const uri = vscode.Uri.parse(uriArg);
      // The Python side imports the file from disk: what the person sees is what trains.
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open?.isDirty) await open.save();
      target = { uri, className, input: inputArg as number[] };
    } else {
      target = await classInActiveEditor(cache);
    }
    return target ? start(target) : undefined;
  });
}
