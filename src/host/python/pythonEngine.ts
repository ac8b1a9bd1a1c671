// The PyTorch engine as the extension host sees it: which interpreter (discovery, with the
// modelLens.python setting and the Python extension's selection), whether a run uses torch or
// falls back to TensorFlow.js (and the one-line reason), and a Python process started ahead of
// time so the first loss point does not wait for torch's import (in a new window, the probe that
// found torch is that process). Discovery runs in child
// processes with time limits; nothing here blocks the extension host.
import type { ChildProcess } from 'node:child_process';
import { relative, isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import type { EngineNote } from '../../protocol/backend';
import type { EnginePref, TfjsEnginePref } from '../../protocol/vocabulary';
import { WorkbenchCommands } from '../commandIds';
import { affects, config, SettingKeys } from '../config';
import { killProcessTree, type BackendChannel, type BackendHandlers } from '../training/backendProcess';
import { describeProbe, discoverPython, ProbeCache, torchDecision, type DiscoveryResult, type Probed } from './discovery';
import { PythonBackendProcess, pythonMemoryMb, type PythonBackendOptions } from './pythonBackend';

/** Where the README explains the PyTorch engine (the link shown with a fallback reason). */
export const TORCH_HELP_ANCHOR = 'how-to-use-the-pytorch-engine';
const WARM_IDLE_MS = 120_000;

/** Opens the README's "How to use the PyTorch engine" section (the fallback reason's link). */
export async function showTorchHelp(extensionUri: vscode.Uri): Promise<void> {
  const readme = vscode.Uri.joinPath(extensionUri, 'README.md').with({ fragment: TORCH_HELP_ANCHOR });
  try {
    await vscode.commands.executeCommand(WorkbenchCommands.markdownPreview, readme);
  } catch {
    await vscode.commands.executeCommand(WorkbenchCommands.open, readme);
  }
}

export type EngineChoice =
  | { kind: 'torch'; python: string; note: EngineNote | null }
  | { kind: 'tfjs'; pref: TfjsEnginePref; note: EngineNote | null };

interface PythonApi {
  environments?: {
    getActiveEnvironmentPath?(resource?: vscode.Uri): { id?: string; path?: string } | undefined;
    resolveEnvironment?(env: unknown): Promise<{ executable?: { uri?: vscode.Uri } } | undefined>;
    onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
  };
}

async function withTimeout<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([Promise.resolve(p), new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

/** The interpreter the Python extension has selected for the workspace, through its public API. */
async function pythonExtensionInterpreter(): Promise<string | undefined> {
  const ext = vscode.extensions.getExtension<PythonApi>('ms-python.python');
  if (!ext) return undefined;
  const api = ext.isActive ? ext.exports : await withTimeout(ext.activate(), 10_000, 'activating the Python extension');
  const envs = api?.environments;
  const active = envs?.getActiveEnvironmentPath?.(vscode.workspace.workspaceFolders?.[0]?.uri);
  if (!active) return undefined;
  const resolved = envs?.resolveEnvironment ? await withTimeout(envs.resolveEnvironment(active), 10_000, 'resolving the Python extension\'s environment') : undefined;
  return resolved?.executable?.uri?.fsPath ?? active.path;
}

/** In an untrusted workspace no interpreter inside it runs (a .venv/bin/python is workspace code). */
function insideUntrustedWorkspace(path: string): string | null {
  if (vscode.workspace.isTrusted) return null;
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    const rel = relative(f.uri.fsPath, path);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return 'is inside the workspace, which is not trusted: it is not run';
  }
  return null;
}

interface Warm { python: string; relay: { target: BackendHandlers | null }; process: Promise<PythonBackendProcess>; timer: NodeJS.Timeout }

export class PythonEngine implements vscode.Disposable {
  private discovery: Promise<DiscoveryResult> | null = null;
  /** The last discovery's answer, once it is in (for labels that cannot wait for a probe). */
  private known: DiscoveryResult | null = null;
  private readonly cache: ProbeCache;
  private warm: Warm | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  private warnedSetting: string | null = null;
  /** Bumped when settings or trust change: a probe that answers for an older discovery is not kept. */
  private generation = 0;
  readonly packageDir: string;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    this.packageDir = vscode.Uri.joinPath(context.extensionUri, 'python').fsPath;
    this.cache = new ProbeCache(vscode.Uri.joinPath(context.globalStorageUri, 'python-probes.json').fsPath);
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => { if (affects(e, SettingKeys.python)) this.forget(); }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.forget()),
    );
    const ext = vscode.extensions.getExtension<PythonApi>('ms-python.python');
    const changed = ext?.isActive ? ext.exports?.environments?.onDidChangeActiveEnvironmentPath : undefined;
    if (changed) this.disposables.push(changed(() => this.forget()));
  }

  /** Whether a run with this preference would use torch, if discovery has already answered. */
  willUseTorch(pref: EnginePref): boolean | undefined {
    if (pref !== 'auto' && pref !== 'torch') return false;
    return this.discovery && this.known ? this.known.chosen !== null : undefined;
  }

  private forget(): void {
    this.generation++;
    this.discovery = null;
    this.known = null;
    this.dropWarm();
  }

  /**
   * The discovery result for the current settings (probes at most once per interpreter and change).
   * With `serveMemoryMb` (a run is about to start), the interpreter found by a real probe stays
   * alive as the early PyTorch process, so its torch import is paid once.
   */
  find(serveMemoryMb?: number): Promise<DiscoveryResult> {
    this.discovery ??= (async () => {
      const setting = config.python();
      const generation = ++this.generation;
      const serve = serveMemoryMb === undefined ? undefined : {
        memoryMb: pythonMemoryMb(serveMemoryMb),
        adopt: (probed: Probed, child: ChildProcess): void => {
          if (generation !== this.generation) { void killProcessTree(child, 300); return; }
          this.keepWarm(probed.result.executable ?? probed.candidate.path, serveMemoryMb, (o) => PythonBackendProcess.attach(child, o));
        },
      };
      const result = await discoverPython({
        setting, extensionInterpreter: pythonExtensionInterpreter, packageDir: this.packageDir, cache: this.cache,
        refuse: insideUntrustedWorkspace, log: (l) => this.log.info(`[python] ${l}`), serve,
      });
      const tried = result.tried.map((t) => `  ${describeProbe(t)}${t.cached ? ' (cached)' : ''}`).join('\n');
      if (result.chosen) this.log.info(`[python] PyTorch engine: ${result.chosen.result.executable ?? result.chosen.candidate.path}\n${tried}`);
      else this.log.warn(`[python] PyTorch engine unavailable: ${result.reason ?? '?'}\n${tried}`);
      if (result.settingProblem && this.warnedSetting !== setting) {
        // Once per value of the setting: a clear message, never a loop of dialogs.
        this.warnedSetting = setting;
        void vscode.window.showWarningMessage(vscode.l10n.t('Model Lens cannot use the modelLens.python setting: {0}. It uses {1} instead.',
          result.settingProblem, result.chosen ? (result.chosen.result.executable ?? result.chosen.candidate.path) : vscode.l10n.t('the TensorFlow.js engine')));
      }
      this.known = result;
      return result;
    })().catch((err: unknown) => {
      this.discovery = null;
      this.log.error(`[python] discovery failed: ${err instanceof Error ? err.message : String(err)}`);
      return { chosen: null, tried: [], settingProblem: null, reason: `discovery failed: ${err instanceof Error ? err.message : String(err)}` };
    });
    return this.discovery;
  }

  /** Which engine a run with this preference uses, and what the person should know about it. */
  async choose(pref: EnginePref, serveMemoryMb?: number): Promise<EngineChoice> {
    if (pref !== 'auto' && pref !== 'torch') return { kind: 'tfjs', pref, note: null };
    const { python, note } = torchDecision(await this.find(serveMemoryMb));
    return python !== null ? { kind: 'torch', python, note } : { kind: 'tfjs', pref: 'auto', note };
  }

  /**
   * Gets a Python process ready now (torch imports while the person picks a sample): the probe's
   * own process when discovery runs now, else a new one.
   */
  async prewarm(pref: EnginePref, maxMemoryMb: number): Promise<void> {
    const choice = await this.choose(pref, maxMemoryMb);
    if (choice.kind !== 'torch' || (this.warm && this.warm.python === choice.python)) return;
    this.keepWarm(choice.python, maxMemoryMb, (o) => PythonBackendProcess.start(o));
  }

  /** Holds a starting engine process for the next run (killed after WARM_IDLE_MS unused). */
  private keepWarm(python: string, maxMemoryMb: number, begin: (opts: PythonBackendOptions) => Promise<PythonBackendProcess>): void {
    this.dropWarm();
    const relay: Warm['relay'] = { target: null };
    const process = begin({
      python, packageDir: this.packageDir, maxMemoryMb,
      onEvent: (e) => relay.target?.onEvent(e),
      onExit: (info) => {
        if (relay.target) relay.target.onExit(info);
        else if (this.warm?.relay === relay) { clearTimeout(this.warm.timer); this.warm = null; }
      },
      onLog: (l) => (relay.target?.onLog ?? ((line: string) => this.log.info(`[python] ${line}`)))(l),
    });
    process.catch((err: unknown) => {
      this.log.warn(`[python] the early PyTorch process did not start: ${err instanceof Error ? err.message : String(err)}`);
      if (this.warm?.relay === relay) { clearTimeout(this.warm.timer); this.warm = null; }
    });
    const timer = setTimeout(() => this.dropWarm(), WARM_IDLE_MS);
    timer.unref?.();
    this.warm = { python, relay, process, timer };
  }

  private dropWarm(): void {
    const w = this.warm;
    this.warm = null;
    if (!w) return;
    clearTimeout(w.timer);
    void w.process.then((p) => p.kill(), () => undefined);
  }

  /** The launcher a TrainingSession calls: the process started early when it fits, else a new one. */
  launcher(python: string, maxMemoryMb: number): (handlers: BackendHandlers) => Promise<BackendChannel> {
    return async (handlers) => {
      const w = this.warm;
      if (w && w.python === python) {
        this.warm = null;
        clearTimeout(w.timer);
        w.relay.target = handlers;
        try {
          const p = await w.process;
          if (p.alive) return p;
        } catch { /* start a fresh one below */ }
      }
      return PythonBackendProcess.start({ python, packageDir: this.packageDir, maxMemoryMb, ...handlers });
    };
  }

  memoryLimitMb(settingMb: number): number {
    return pythonMemoryMb(settingMb);
  }

  dispose(): void {
    this.dropWarm();
    for (const d of this.disposables) d.dispose();
  }
}
