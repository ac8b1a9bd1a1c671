// The training commands: Train Sample Model, Stop Training, Install Native TensorFlow Engine and
// Open Run. Holds the live session for the extension's lifetime (one run at a time) and hands
// sessions to whichever panel `openPanel` shows.
import { mkdirSync } from 'node:fs';
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { DEFAULT_CADENCE, SAMPLE_CATALOG, classSampleId, torchSampleFile, type BackendEvent, type CatalogEntry, type RunConfig, type SampleRef } from '../../protocol/backend';
import type { EnginePref, HyperOverrides, RunState } from '../../protocol/vocabulary';
import { shippedSamplePath } from '../../backend/sampleLoader';
import { CommandIds, WorkbenchCommands } from '../commandIds';
import { config, uiLang } from '../config';
import type { ClassTarget } from '../editor/trainClassLens';
import { PythonEngine, showTorchHelp, type EngineChoice } from '../python/pythonEngine';
import { installNativeEngine, nativeEngineDir, verifyNativeEngine } from './nativeEngine';
import { RecordedSession } from './recordedSession';
import { listRuns, readRun } from './runLibrary';
import { TrainingSession, firstPointOrEnd, type TrainingSessionLike } from './trainingSession';
import { WarmBackend, type WarmOptions } from './warmBackend';

/** The longest the sample's file waits for the run's first point before it opens anyway. */
const SOURCE_AFTER_MS = 4000;

export interface PanelOpener {
  /**
   * Shows the session in a panel. With `early`, the session is still starting: a new panel opens
   * only when none shows this source yet, and the returned handle closes it if the start fails
   * (undefined: nothing was opened, call again once the run has started).
   */
  (session: TrainingSessionLike, info: { title: string; sourceUri: vscode.Uri | undefined; sampleId: string; early?: boolean; column?: vscode.ViewColumn }): { close(): void } | undefined;
}

export interface TrainingFeature extends vscode.Disposable {
  /** The live session, if any (tests and the panel's "run again" use it). */
  readonly current: TrainingSession | undefined;
  startSample(sampleId: string, hyper?: HyperOverrides): Promise<TrainingSession | undefined>;
  /** "Train this model": a class of the person's file on the PyTorch engine (trusted workspaces only). */
  startClass(target: ClassTarget, hyper?: HyperOverrides): Promise<TrainingSession | undefined>;
  /** The panel's "Run again": the same sample or class with these hyperparameters. */
  runAgain(sampleId: string, hyper: HyperOverrides): Promise<TrainingSession | undefined>;
  stopAll(): Promise<void>;
  /** Interpreter discovery and the PyTorch engine's processes. */
  readonly python: PythonEngine;
}


/** A run's state in the person's language (the Open Run picker). */
export function runStateLabel(state: RunState): string {
  switch (state) {
    case 'starting': return vscode.l10n.t('starting');
    case 'running': return vscode.l10n.t('running');
    case 'paused': return vscode.l10n.t('paused');
    case 'stopping': return vscode.l10n.t('stopping');
    case 'stopped': return vscode.l10n.t('stopped');
    case 'finished': return vscode.l10n.t('finished');
    case 'failed': return vscode.l10n.t('failed');
    case 'crashed': return vscode.l10n.t('crashed (its process ended without finishing)');
  }
}

/**
 * A shipped sample's source file inside the installed extension, for the engine that trains it:
 * samples/<file>.js on TensorFlow.js, samples/torch/<id>.py on PyTorch.
 */
export function sampleSourceUri(extensionUri: vscode.Uri, sampleId: string, engine: string): vscode.Uri | undefined {
  if (!SAMPLE_CATALOG.some((s) => s.id === sampleId)) return undefined;
  if (engine === 'torch') return vscode.Uri.joinPath(extensionUri, 'samples', ...torchSampleFile(sampleId).split('/'));
  return vscode.Uri.file(shippedSamplePath(vscode.Uri.joinPath(extensionUri, 'samples').fsPath, sampleId));
}

/** A person's own script run with the probe: its file, from the run's first event. */
export function scriptSourceUri(events: readonly BackendEvent[]): vscode.Uri | undefined {
  const started = events.find((e) => e.kind === 'runStarted');
  return started?.kind === 'runStarted' && started.script ? vscode.Uri.file(started.script.file) : undefined;
}

export function registerTrainingFeature(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, openPanel: PanelOpener): TrainingFeature {
  const ext = context.extensionUri;
  const storage = context.globalStorageUri.fsPath;
  const runsDir = vscode.Uri.joinPath(context.globalStorageUri, 'runs').fsPath;
  let current: TrainingSession | undefined;
  const python = new PythonEngine(context, log);

  // Look for an interpreter with torch in the background soon after start-up (child processes,
  // cached per interpreter), so the first "Train Sample Model" does not wait for the probe.
  const early = setTimeout(() => { const p = config.engine(); if (p === 'auto' || p === 'torch') void python.find(); }, 3000);
  early.unref?.();

  const configFor = (sample: SampleRef, hyper: HyperOverrides, choice: EngineChoice): RunConfig => {
    mkdirSync(runsDir, { recursive: true });
    return {
      sample,
      hyper,
      engine: choice.kind === 'torch' ? 'torch' : choice.pref,
      ...(choice.note ? { engineNote: choice.note } : {}),
      cadence: DEFAULT_CADENCE,
      paths: {
        samplesDir: vscode.Uri.joinPath(ext, 'samples').fsPath,
        wasmDir: vscode.Uri.joinPath(ext, 'dist', 'wasm').fsPath,
        dataDir: vscode.Uri.joinPath(ext, 'dist', 'data').fsPath,
        runsDir,
        nativeModulePaths: [nativeEngineDir(storage)],
      },
      // Shipped samples are ours; anything else would be workspace code, allowed only when trusted.
      allowWorkspaceCode: vscode.workspace.isTrusted,
      checkpoints: true,
    };
  };

  // A training process started when the sample list opens, so the run the person picks begins
  // with its engine compiled and warm (first point ≤ 2 s after the click).
  const warm = new WarmBackend((line) => log.info(line));
  const backendOptions = (engine: EnginePref): { key: string; opts: WarmOptions } => {
    const maxMemoryMb = config.maxMemoryMb();
    const prewarm = { engine, wasmDir: vscode.Uri.joinPath(ext, 'dist', 'wasm').fsPath, nativeModulePaths: [nativeEngineDir(storage)] };
    const backendPath = vscode.Uri.joinPath(ext, 'dist', 'backend.js').fsPath;
    return { key: JSON.stringify({ backendPath, maxMemoryMb, prewarm }), opts: { backendPath, maxMemoryMb, env: { ...process.env, MODEL_LENS_PREWARM: JSON.stringify(prewarm) } } };
  };
  const prepareBackend = (): void => {
    const pref = config.engine();
    if (pref === 'torch') return;
    const { key, opts } = backendOptions(pref);
    warm.prepare(key, opts);
  };

  const stopAll = async (): Promise<void> => {
    const s = current;
    current = undefined;
    if (s) await s.dispose();
  };

  async function startSample(sampleId: string, hyper: HyperOverrides = {}): Promise<TrainingSession | undefined> {
    const entry = SAMPLE_CATALOG.find((s) => s.id === sampleId);
    if (!entry) throw new Error(`unknown sample ${sampleId}`);
    const choice = await python.choose(config.engine());
    const sourceUri = sampleSourceUri(ext, sampleId, choice.kind);
    await stopAll();
    const memory = config.maxMemoryMb();
    const runConfig = configFor({ kind: 'shipped', id: sampleId }, hyper, choice);
    const { key, opts } = backendOptions(runConfig.engine);
    return runSession(new TrainingSession({
      backendPath: opts.backendPath,
      maxMemoryMb: opts.maxMemoryMb,
      config: runConfig,
      log: (line) => log.info(line),
      ...(choice.kind === 'torch' ? { launch: python.launcher(choice.python, memory), memoryLimitMb: python.memoryLimitMb(memory) } : { warm: warm.take(key) }),
    }), choice, { title: entry.title[uiLang()], sourceUri, sampleId, openSource: true });
  }

  /**
   * Shows a new session in a panel and starts it; undefined when it could not start (the person was
   * told why). With `openSource`, the panel opens in the second column and the sample's file in the
   * first once the run has drawn its first point: the first file of a kind in a window starts the
   * editor's language servers for it (two tsserver processes and the typings installer for a
   * sample's .js), which on a 2-core machine held the run's first step back by seconds.
   */
  async function runSession(session: TrainingSession, choice: EngineChoice, info: { title: string; sourceUri: vscode.Uri | undefined; sampleId: string; openSource?: boolean }, pref: () => EnginePref = config.engine): Promise<TrainingSession | undefined> {
    const { sampleId, sourceUri, openSource } = info;
    const memory = config.maxMemoryMb();
    if (choice.kind === 'torch') {
      // "Run again" right after a run: have torch imported by then.
      session.onDidEnd((state) => { if (state !== 'crashed') void python.prewarm(pref(), memory); });
    }
    session.onFatal((message) => {
      const oom = session.outOfMemoryLimitMb;
      const shown = oom === null ? message
        : vscode.l10n.t('The training process ran out of memory (limit {0} MB, setting modelLens.backend.maxMemoryMb). The run is stopped and not restarted; raise the setting or make the model smaller.', oom);
      void vscode.window.showErrorMessage(shown, vscode.l10n.t('Show Log')).then((pick) => { if (pick) log.show(); });
    });
    session.onEvent((e) => {
      if (e.kind === 'error') log.error(`[run] ${e.message}`);
      else if (e.kind === 'finished') log.info(`[run] finished: ${JSON.stringify(e.test)} in ${e.seconds.toFixed(1)} s`);
      else if (e.kind === 'runStarted') log.info(`[run] ${e.runId} on ${e.engine.name}: ${e.engine.detail}`);
    });
    current = session;
    // A new panel opens now, so the webview loads while the engine starts (model, data, thread
    // timing) and the first loss point shows sooner; a panel already showing this sample keeps
    // its run until the new one has started.
    const column = openSource && sourceUri ? vscode.ViewColumn.Two : undefined;
    // In an empty editor area the panel, asked for column two, landed in the file's group (one
    // group, the panel hidden behind the file): lay out the two columns first.
    if (column && vscode.window.tabGroups.all.every((g) => g.tabs.length === 0)) {
      await vscode.commands.executeCommand(WorkbenchCommands.setEditorLayout, { orientation: 0, groups: [{ size: 0.5 }, { size: 0.5 }] });
    }
    const early = openPanel(session, { ...info, early: true, ...(column ? { column } : {}) });
    if (openSource && sourceUri) {
      void firstPointOrEnd(session, SOURCE_AFTER_MS)
        .then(() => vscode.window.showTextDocument(sourceUri, { viewColumn: vscode.ViewColumn.One, preview: false }))
        .then(undefined, (err: unknown) => log.warn(`could not open ${sourceUri.fsPath}: ${(err as Error).message}`));
    }
    try {
      await session.start();
    } catch (err) {
      early?.close();
      if (current === session) current = undefined;
      log.error(`could not start ${sampleId}: ${(err as Error).message}`);
      // A backend that died for good while starting (e.g. out of memory) was already reported by onFatal.
      if (session.state === 'crashed') return undefined;
      void vscode.window.showErrorMessage(vscode.l10n.t('Model Lens could not start training: {0}', (err as Error).message), vscode.l10n.t('Show Log'))
        .then((pick) => { if (pick) log.show(); });
      return undefined;
    }
    if (!early) openPanel(session, { ...info, ...(column ? { column } : {}) });
    return session;
  }

  /** The classes trained in this window, by sample id, for "Run again". */
  const classTargets = new Map<string, ClassTarget>();

  async function startClass(target: ClassTarget, hyper: HyperOverrides = {}): Promise<TrainingSession | undefined> {
    // The person's file is imported and run: never in an untrusted workspace (the Python side checks too).
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('"Train this model" imports {0} from the workspace and runs it, so it only works in a trusted workspace. Trust this workspace to train it.', target.className));
      return undefined;
    }
    // A PyTorch class trains on PyTorch whatever the engine setting says for the samples.
    const choice = await python.choose('torch');
    if (choice.kind !== 'torch') {
      const how = vscode.l10n.t('How to use the PyTorch engine');
      void vscode.window.showErrorMessage(vscode.l10n.t('"Train this model" needs Python with PyTorch: {0}', choice.note?.detail ?? vscode.l10n.t('no Python interpreter with torch was found')), how)
        .then((pick) => { if (pick === how) void showTorchHelp(ext); });
      return undefined;
    }
    const sampleId = classSampleId(target.className);
    classTargets.set(sampleId, target);
    await stopAll();
    const memory = config.maxMemoryMb();
    const runConfig = configFor({ kind: 'class', path: target.uri.fsPath, className: target.className, input: target.input }, hyper, choice);
    const session = new TrainingSession({
      backendPath: vscode.Uri.joinPath(ext, 'dist', 'backend.js').fsPath,
      maxMemoryMb: memory,
      config: runConfig,
      log: (line) => log.info(line),
      launch: python.launcher(choice.python, memory),
      memoryLimitMb: python.memoryLimitMb(memory),
    });
    return runSession(session, choice, { title: `${target.className} · ${basename(target.uri.fsPath)}`, sourceUri: target.uri, sampleId }, () => 'torch');
  }

  async function runAgain(sampleId: string, hyper: HyperOverrides): Promise<TrainingSession | undefined> {
    const target = classTargets.get(sampleId);
    return target ? startClass(target, hyper) : startSample(sampleId, hyper);
  }

  const disposables: vscode.Disposable[] = [
    vscode.commands.registerCommand(CommandIds.trainSampleModel, async (sampleId?: unknown) => {
      if (typeof sampleId === 'string') return startSample(sampleId);
      // While the person picks, the engine that will train gets ready: torch imports (seconds), or
      // a TensorFlow.js process compiles its kernels. The first loss point comes sooner.
      // Before discovery has answered, the TensorFlow.js process waits for its verdict: started
      // for nothing, it would take a core from torch's import.
      const willUseTorch = python.willUseTorch(config.engine());
      if (willUseTorch === false) prepareBackend();
      else void python.prewarm(config.engine(), config.maxMemoryMb()).finally(() => { if (python.willUseTorch(config.engine()) === false) prepareBackend(); });
      const lang = uiLang();
      const torch = python.willUseTorch(config.engine());
      const file = (s: CatalogEntry): string => (torch === undefined ? `samples/${s.file} · samples/${torchSampleFile(s.id)}` : `samples/${torch ? torchSampleFile(s.id) : s.file}`);
      const pick = await vscode.window.showQuickPick(
        SAMPLE_CATALOG.map((s) => ({ label: s.title[lang], description: s.sections.map((sec) => sec[lang]).join(' · '), detail: file(s), id: s.id })),
        { placeHolder: vscode.l10n.t('Pick a network from the document to train'), matchOnDescription: true },
      );
      return pick ? startSample(pick.id) : undefined;
    }),
    vscode.commands.registerCommand(CommandIds.stopTraining, async () => {
      if (!current) { void vscode.window.showInformationMessage(vscode.l10n.t('No training is running.')); return; }
      await stopAll();
    }),
    vscode.commands.registerCommand(CommandIds.installNativeEngine, async () => {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Installing the native TensorFlow engine (tfjs-node)'), cancellable: false },
        async (progress) => {
          const installed = await installNativeEngine(storage, (line) => { log.info(`[npm] ${line}`); progress.report({ message: line.slice(0, 80) }); });
          if (!installed.ok) return installed;
          progress.report({ message: vscode.l10n.t('checking that it loads…') });
          return verifyNativeEngine(storage);
        },
      );
      if (result.ok) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Native TensorFlow engine installed: new runs use it when the engine setting is "auto" or "tensorflow".'));
      } else {
        log.warn(`native engine not installed: ${result.reason}`);
        void vscode.window.showWarningMessage(
          vscode.l10n.t('The native TensorFlow engine could not be installed ({0}). Training keeps using the WebAssembly engine.', result.reason),
          vscode.l10n.t('Show Log'),
        ).then((pick) => { if (pick) log.show(); });
      }
      return result;
    }),
    vscode.commands.registerCommand(CommandIds.openRun, async () => {
      const runs = listRuns(runsDir);
      if (runs.length === 0) { void vscode.window.showInformationMessage(vscode.l10n.t('No saved runs yet. Train a sample first.')); return; }
      const lang = uiLang();
      const pick = await vscode.window.showQuickPick(runs.map((r) => ({
        label: r.title[lang],
        description: `${new Date(r.created).toLocaleString()} · ${runStateLabel(r.state)} · ${vscode.l10n.t('step {0}', r.step)} · ${r.engine}`,
        detail: r.test ? Object.entries(r.test).map(([k, v]) => `${k} ${v === null ? '—' : v.toPrecision(4)}`).join(', ') : undefined,
        run: r,
      })), { placeHolder: vscode.l10n.t('Pick a saved run to open') });
      if (!pick) return;
      const read = readRun(pick.run.dir);
      if (read.truncatedBytes > 0) log.warn(`run ${pick.run.runId}: ignored ${read.truncatedBytes} bytes of an unfinished last record`);
      const sourceUri = sampleSourceUri(ext, pick.run.sampleId, pick.run.engine) ?? scriptSourceUri(read.events);
      openPanel(new RecordedSession(read.events), { title: pick.label, sourceUri, sampleId: pick.run.sampleId });
    }),
  ];

  return {
    get current() { return current; },
    startSample,
    startClass,
    runAgain,
    stopAll,
    python,
    dispose() {
      clearTimeout(early);
      for (const d of disposables) d.dispose();
      warm.dispose();
      void stopAll();
      python.dispose();
    },
  };
}
