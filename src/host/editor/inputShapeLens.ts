// The "Set input shape…" CodeLens over every model whose input the analysis could not find, and
// the command behind it: asks for the shape and writes the `# input:` comment (inputShapeEdit.ts).
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { type AnalysisCache, sourceLanguage } from './analysisCache';
import { inputCommentEdit, inputShapeOffers, parseTypedShapes } from './inputShapeEdit';

export class InputShapeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly cache: AnalysisCache) {
    this.subscription = vscode.Disposable.from(cache.onDidAnalyze(() => this.changed.fire()), cache.onDidInvalidate(() => this.changed.fire()));
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const result = await this.cache.analyze(document, token);
    if (!result || token.isCancellationRequested) return [];
    return inputShapeOffers(result).map(
      (o) =>
        new vscode.CodeLens(new vscode.Range(o.line, 0, o.line, 0), {
          title: vscode.l10n.t('Set input shape…'),
          tooltip: vscode.l10n.t('No input shape was found for {0}: write the "input:" comment the shapes are computed from', o.model),
          command: CommandIds.setInputShape,
          arguments: [document.uri.toString(), o.line, o.model],
        }),
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The model to annotate when the command comes from the palette: the one at the cursor, else picked. */
async function offerInActiveEditor(cache: AnalysisCache): Promise<{ uri: string; line: number; model: string } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const result = editor && sourceLanguage(editor.document) ? await cache.analyze(editor.document) : undefined;
  const offers = editor && result ? inputShapeOffers(result) : [];
  if (!editor || !result || offers.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Every model in this editor already has an input shape (or none was found).'));
    return undefined;
  }
  const cursor = editor.selection.active.line;
  const extentOf = (name: string): { start: number; end: number } | undefined => {
    const m = result.models.find((x) => x.name === name);
    return m ? { start: m.extent.start.line, end: m.extent.end.line } : undefined;
  };
  const atCursor = offers.find((o) => {
    const e = extentOf(o.model);
    return e !== undefined && e.start <= cursor && cursor <= e.end;
  });
  const chosen =
    atCursor ??
    (offers.length === 1
      ? offers[0]
      : (await vscode.window.showQuickPick(offers.map((o) => ({ label: o.model, description: vscode.l10n.t('line {0}', o.line + 1), offer: o })), { title: vscode.l10n.t('Which model needs an input shape?') }))?.offer);
  return chosen ? { uri: editor.document.uri.toString(), line: chosen.line, model: chosen.model } : undefined;
}

/** `modelLens.setInputShape(uri, line, model, shape?)`: without `shape`, asks for it; without arguments, the active editor's model. */
export function registerSetInputShape(cache: AnalysisCache): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.setInputShape, async (uriArg?: unknown, lineArg?: unknown, modelArg?: unknown, shape?: unknown) => {
    const target = typeof uriArg === 'string' && typeof lineArg === 'number' && Number.isInteger(lineArg) && lineArg >= 0 ? { uri: uriArg, line: lineArg, model: typeof modelArg === 'string' ? modelArg : '' } : await offerInActiveEditor(cache);
    if (!target) return false;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
    const language = sourceLanguage(document);
    if (!language || target.line >= document.lineCount) return false;
    const example = language === 'python' ? '(1, 3, 32, 32)' : '[1, 28, 28, 1]';
    const typed =
      typeof shape === 'string'
        ? shape
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Input shape of {0}', target.model),
            prompt: vscode.l10n.t('The shape of the tensor the model is called with, batch first, e.g. {0}; several inputs separated by commas', example),
            placeHolder: example,
            validateInput: (v) => (parseTypedShapes(v) ? undefined : vscode.l10n.t('Write a shape such as {0}', example)),
          });
    const shapes = typed === undefined ? undefined : parseTypedShapes(typed);
    if (!shapes) return false;
    const edit = inputCommentEdit(document.getText(), target.line, language, shapes);
    const we = new vscode.WorkspaceEdit();
    we.insert(document.uri, new vscode.Position(edit.line, 0), edit.text);
    return vscode.workspace.applyEdit(we);
  });
}
