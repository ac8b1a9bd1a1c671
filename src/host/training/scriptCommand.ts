// "Model Lens: Run Script with Model Lens": a person's own training script, unmodified, run with the
// probe (python/model_lens/script_probe.py) and shown in the training panel beside its code. From
// the palette, the editor title's button and a CodeLens on `if __name__ == "__main__":`. Trusted
// workspaces only: running the script runs the workspace's code. The script's own output goes to
// the "Model Lens Script" output channel. An error, before the first training step (the probe then
// opens a run without layers) or during training, is said in a notification with a link to the line
// and in the panel (RunHeader.errorAt, revealed by the panel's `revealError`); "no step after 30 s"
// in a notification.
import { mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_CADENCE, type BackendEvent } from '../../protocol/backend';
import { CommandIds } from '../commandIds';
import { config } from '../config';
import { revealLine } from '../panels/editorBridge';
import type { PythonEngine } from '../python/pythonEngine';
import { torchDecision } from '../python/discovery';
import type { PanelOpener } from './trainingCommands';
import { ScriptSession } from './scriptSession';

/** `if __name__ == "__main__":` (either quotes, any spacing) at the start of a line. */
export const MAIN_GUARD = /^if\s+__name__\s*==\s*(['"])__main__\1\s*:/;

/** Lines (0-based) where a CodeLens offers to run the file. */
export function mainGuardLines(text: string): number[] {
  const out: number[] = [];
  text.split('\n').forEach((l, i) => { if (MAIN_GUARD.test(l)) out.push(i); });
  return out;
}

/** Collects output lines and hands them to the channel a few times a second (a script printing a flood must not flood the host). */
class OutputPump {
  private lines: string[] = [];
  private bytes = 0;
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly channel: vscode.OutputChannel) {}
  push(line: string): void {
    if (this.bytes > 1_000_000) { this.dropped++; return; }
    this.lines.push(line);
    this.bytes += line.length;
    this.timer ??= setTimeout(() => this.flush(), 100);
  }
  flush(): void {
    this.timer = undefined;
    if (this.lines.length === 0 && this.dropped === 0) return;
    const text = this.lines.join('\n');
    this.lines = [];
    this.bytes = 0;
    this.channel.appendLine(this.dropped > 0 ? `${text}\n${vscode.l10n.t('… {0} more lines of output not shown', this.dropped)}` : text);
    this.dropped = 0;
  }
}

export function registerScriptCommand(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, python: PythonEngine, openPanel: PanelOpener): vscode.Disposable {
  const runsDir = vscode.Uri.joinPath(context.globalStorageUri, 'runs').fsPath;
  const output = vscode.window.createOutputChannel('Model Lens Script');
  let current: ScriptSession | undefined;
  const lensChanged = new vscode.EventEmitter<void>();

  const goTo = async (location: { file: string; line: number } | undefined, message: string, kind: 'error' | 'warn', extra: string[] = []): Promise<void> => {
    const openLine = vscode.l10n.t('Go to Line');
    const showOutput = vscode.l10n.t('Show Output');
    const show = kind === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    const pick = await show(message, ...(location ? [openLine] : []), showOutput, ...extra);
    if (pick === openLine && location) await revealLine(vscode.Uri.file(location.file), location.line);
    else if (pick === showOutput) output.show(true);
    else if (pick === vscode.l10n.t('Stop')) await current?.stop();
  };

  async function run(target?: unknown): Promise<ScriptSession | undefined> {
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme !== 'file' || !uri.fsPath.endsWith('.py')) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a Python training script first: Run Script with Model Lens runs the active .py file.'));
      return undefined;
    }
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Model Lens runs a script only in a trusted workspace: running {0} would execute code from the workspace. Trust the workspace (Workspaces: Manage Workspace Trust) and run it again.', basename(uri.fsPath)));
      return undefined;
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty) await doc.save();
    const found = torchDecision(await python.find());
    if (found.python === null) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Run Script with Model Lens needs Python with PyTorch: {0}', found.note?.detail ?? ''));
      return undefined;
    }
    if (current) await current.dispose();
    mkdirSync(runsDir, { recursive: true });
    const script = uri.fsPath;
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? dirname(script);
    const pump = new OutputPump(output);
    output.clear();
    output.appendLine(vscode.l10n.t('{0} (working directory {1}, {2})', script, folder, found.python));
    const processes = config.scriptProcesses();
    if (processes > 1) output.appendLine(vscode.l10n.t('under torchrun with {0} processes (modelLens.script.processes); rank 0 is shown', processes));
    output.show(true);
    const session = new ScriptSession({
      python: found.python, packageDir: vscode.Uri.joinPath(context.extensionUri, 'python').fsPath, maxMemoryMb: 0,
      spec: { script, args: [], cwd: folder, runsDir, cadence: DEFAULT_CADENCE }, processes,
      onOutput: (line) => pump.push(line),
    });
    current = session;
    let sawRun = false;
    session.onEvent((e: BackendEvent) => {
      if (e.kind === 'runStarted') { sawRun = true; log.info(`[script] ${e.runId}: ${e.layers.length} layers, ${e.script?.models.map((m) => m.name).join(', ') ?? ''}`); }
      else if (e.kind === 'error') {
        log.error(`[script] ${e.message}`);
        void goTo(e.location, vscode.l10n.t('{0} failed: {1}', basename(script), e.message), 'error');
      } else if (e.kind === 'log' && e.level === 'warn') {
        log.warn(`[script] ${e.message}`);
        if (!sawRun) void goTo(undefined, vscode.l10n.t('{0}: {1}', basename(script), e.message), 'warn', [vscode.l10n.t('Stop')]);
      }
    });
    session.onDidEnd((state) => { pump.flush(); output.appendLine(vscode.l10n.t('[the script ended: {0}]', state)); });
    const panel = openPanel(session, { title: basename(script), sourceUri: uri, sampleId: 'script', early: true });
    try {
      await session.start();
    } catch (err) {
      panel?.close();
      if (current === session) current = undefined;
      void vscode.window.showErrorMessage(vscode.l10n.t('Model Lens could not start {0}: {1}', basename(script), (err as Error).message));
      return undefined;
    }
    if (!panel) openPanel(session, { title: basename(script), sourceUri: uri, sampleId: 'script' });
    return session;
  }

  const lenses: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: lensChanged.event,
    provideCodeLenses(document) {
      if (!vscode.workspace.isTrusted) return [];
      return mainGuardLines(document.getText()).map((line) => new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: vscode.l10n.t('$(play) Run Script with Model Lens'), command: CommandIds.runScript, arguments: [document.uri],
      }));
    },
  };

  const disposables: vscode.Disposable[] = [
    output, lensChanged,
    vscode.commands.registerCommand(CommandIds.runScript, run),
    vscode.languages.registerCodeLensProvider({ language: 'python', scheme: 'file' }, lenses),
    vscode.workspace.onDidGrantWorkspaceTrust(() => lensChanged.fire()),
  ];
  return {
    dispose: () => {
      for (const d of disposables) d.dispose();
      void current?.dispose();
    },
  };
}
