// Exact shapes in the editor (issue 9 part 5): after the static analysis of a Python file answers
// (instantly, as always), one long-lived PyTorch worker per window (src/host/python/runtimeWorker.ts)
// imports the file as it is in the editor (never as `__main__`) and runs each model forward once;
// the measured shapes and parameter counts are merged into that version's result
// (src/analysis/runtimeMerge.ts) and every surface reading the analysis cache shows them, marked
// "from PyTorch". Only in a trusted workspace, only when discovery found a Python with torch, and
// only while `modelLens.runtimeShapes.enabled` is on; otherwise nothing starts. A newer version
// of the file cancels the older request; nothing here waits on Python.
//
// What the person's file does when imported is reported once per file and message in the log: an
// exception while importing, a model that fails, what it prints (a module-level side effect).
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { feedsInOrder } from '../../analysis/query';
import { mergeRuntime, runtimeSummary } from '../../analysis/runtimeMerge';
import type { AnalysisResult } from '../../analysis/types';
import { RuntimeShapesWorker } from '../python/runtimeWorker';
import { affects, config, SettingKeys } from '../config';
import type { AnalysisCache, AnalyzedEvent } from './analysisCache';

/** While the person types, the pass starts after this much quiet (the static answer does not wait). */
export const RUNTIME_TYPING_QUIET_MS = 300;

/** Where the feature gets its interpreter: the PyTorch engine's discovery. */
export interface TorchSource {
  readonly packageDir: string;
  /** The interpreter with torch, or why there is none. */
  findTorch(): Promise<{ python: string | null; reason: string | null }>;
}

/** For tests and the log: the last pass per file. */
export interface RuntimePassRecord {
  key: string;
  version: string;
  /** ms from the static answer to the merged result. */
  afterStaticMs: number;
  /** The Python side's own time (import + forward passes). */
  pythonMs: number;
  outcome: 'merged' | 'failed' | 'fileFailed';
}

export class RuntimeShapesFeature implements vscode.Disposable {
  private worker: { python: string; worker: RuntimeShapesWorker } | null = null;
  private readonly inFlight = new Map<string, AbortController>();
  private readonly lastEdit = new Map<string, number>();
  /** Files analysed while no editor showed them: measured when one does. */
  private readonly hidden = new Set<string>();
  /** Per file, what was last logged about it (so each message is written once). */
  private readonly reported = new Map<string, Set<string>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly passed = new vscode.EventEmitter<RuntimePassRecord>();
  private noTorchLogged = false;
  /** Fires after each finished pass (tests measure with it). */
  readonly onDidPass = this.passed.event;

  constructor(private readonly cache: AnalysisCache, private readonly torch: TorchSource, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      this.passed,
      cache.onDidAnalyze((e) => { if (!e.refined) void this.run(e, performance.now()); }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length > 0) this.lastEdit.set(e.document.uri.toString(), performance.now()); }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri.toString())),
      vscode.window.onDidChangeVisibleTextEditors((editors) => this.runShown(editors.map((ed) => ed.document))),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.rerunOpen()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, SettingKeys.runtimeShapes)) {
          if (config.runtimeShapesEnabled()) this.rerunOpen();
          else void this.stop('modelLens.runtimeShapes.enabled is off');
        }
        if (affects(e, SettingKeys.python)) void this.stopWorker();
      }),
    );
  }

  /** Whether a pass may run at all: trusted workspace and the setting on. */
  static enabled(): boolean {
    return vscode.workspace.isTrusted && config.runtimeShapesEnabled();
  }

  /** The worker's process id, while one runs (tests check it is gone after the window). */
  get workerPid(): number | undefined { return this.worker?.worker.pid; }

  private async run(e: AnalyzedEvent, staticAt: number): Promise<void> {
    if (!RuntimeShapesFeature.enabled()) return;
    const target = this.target(e);
    if (!target) return;
    const { document, models } = target;
    this.inFlight.get(e.key)?.abort();
    const ac = new AbortController();
    this.inFlight.set(e.key, ac);
    try {
      const quiet = (this.lastEdit.get(e.key) ?? -Infinity) + RUNTIME_TYPING_QUIET_MS - performance.now();
      if (quiet > 0) await new Promise((r) => setTimeout(r, quiet));
      if (ac.signal.aborted || String(document.version) !== e.version || document.isClosed) return;
      const worker = await this.workerFor();
      if (!worker || ac.signal.aborted) return;
      const outcome = await worker.measure({
        file: document.uri.fsPath, models, timeBudgetMs: config.runtimeShapesTimeBudgetMs(),
        ...(document.isDirty ? { source: document.getText() } : {}),
      }, ac.signal);
      if (outcome.kind === 'cancelled') return;
      const name = basename(document.uri.fsPath);
      if (outcome.kind === 'failed') {
        this.reportOnce(e.key, `${name}: exact shapes not measured (${outcome.reason}); the inferred shapes stay`, 'warn');
        return;
      }
      if (outcome.output) this.reportOnce(e.key, `${name} printed while PyTorch ran it (module-level code runs on import; guard it with if __name__ == "__main__":):\n${outcome.output.trimEnd()}`, 'info');
      const reply = outcome.reply;
      const record = (o: RuntimePassRecord['outcome']): RuntimePassRecord => ({ key: e.key, version: e.version, afterStaticMs: performance.now() - staticAt, pythonMs: reply.elapsedMs, outcome: o });
      if (!reply.ok) {
        this.reportOnce(e.key, `${name}: PyTorch could not run the file — ${runtimeSummary(reply)}; the inferred shapes stay`, 'warn');
        this.passed.fire(record('fileFailed'));
        return;
      }
      for (const m of reply.models) if (!m.ok) this.reportOnce(e.key, `${name}: ${m.name} — ${m.stage}${m.line !== null ? ` at line ${m.line}` : ''}: ${m.message}`, 'warn');
      const lineLength = (l: number): number => (l < document.lineCount ? document.lineAt(l).text.length : 0);
      if (!this.cache.refine(e.key, e.version, (r: AnalysisResult) => mergeRuntime(r, reply, lineLength))) return;
      const rec = record(reply.models.every((m) => m.ok) ? 'merged' : 'failed');
      this.log.debug(`[shapes] ${name} v${e.version}: ${runtimeSummary(reply)}; ${rec.afterStaticMs.toFixed(0)} ms after the static answer`);
      this.passed.fire(rec);
    } catch (err) {
      this.log.error(`[shapes] ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (this.inFlight.get(e.key) === ac) this.inFlight.delete(e.key);
    }
  }

  /** The open file and the models to measure, when this analysis is one the worker can run. */
  private target(e: AnalyzedEvent): { document: vscode.TextDocument; models: { name: string; inputs: number[][] }[] } | null {
    if (e.parts.length !== 1 || e.parts[0]!.uri.scheme !== 'file' || e.result.language !== 'python' || e.result.syntaxErrors > 0) return null;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === e.key);
    if (!document || String(document.version) !== e.version) return null;
    // Only files on screen: a change on disk re-analyses every open file, and running PyTorch for
    // each background tab would queue the one the person is looking at behind them.
    if (!vscode.window.visibleTextEditors.some((ed) => ed.document === document)) {
      this.hidden.add(e.key);
      return null;
    }
    this.hidden.delete(e.key);
    // A model the code gives values by name (`model(x, labels=y)`) or tuples (`m((mel, audio))`)
    // keeps its static numbers: the worker feeds inputs in order.
    const models = e.result.models.filter(feedsInOrder)
      .slice(0, 64).map((m) => ({ name: m.name, inputs: m.inputs }));
    return models.length > 0 ? { document, models } : null;
  }

  private async workerFor(): Promise<RuntimeShapesWorker | null> {
    const found = await this.torch.findTorch();
    if (!found.python) {
      if (!this.noTorchLogged) this.log.info(`[shapes] exact shapes from PyTorch are off: ${found.reason ?? 'no Python with torch was found'}`);
      this.noTorchLogged = true;
      return null;
    }
    if (!RuntimeShapesFeature.enabled()) return null;
    // No await between this check and the assignment: passes that asked together share one worker.
    if (this.worker?.python !== found.python) {
      const old = this.worker;
      const worker = new RuntimeShapesWorker({
        python: found.python, packageDir: this.torch.packageDir, maxMemoryMb: config.maxMemoryMb(),
        onLog: (l) => this.log.info(`[shapes] ${l}`),
      });
      this.worker = { python: found.python, worker };
      void old?.worker.dispose();
      this.log.info(`[shapes] exact shapes from PyTorch with ${found.python}`);
    }
    return this.worker.worker;
  }

  private reportOnce(key: string, message: string, level: 'info' | 'warn'): void {
    const seen = this.reported.get(key) ?? new Set<string>();
    this.reported.set(key, seen);
    if (seen.has(message)) return;
    if (seen.size > 50) seen.clear();
    seen.add(message);
    this.log[level](`[shapes] ${message}`);
  }

  /** Runs the pass for the open Python files again (trust granted, setting turned on). */
  private rerunOpen(): void {
    this.noTorchLogged = false;
    this.rerun(vscode.workspace.textDocuments);
  }

  /** Files that became visible after their analysis skipped the pass. */
  private runShown(documents: readonly vscode.TextDocument[]): void {
    this.rerun(documents.filter((d) => this.hidden.has(d.uri.toString())));
  }

  private rerun(documents: readonly vscode.TextDocument[]): void {
    for (const d of documents) {
      if (d.languageId !== 'python' || d.uri.scheme !== 'file') continue;
      void this.cache.analyzeSource(d).then((a) => {
        if (a) void this.run({ key: d.uri.toString(), parts: a.parts, version: String(d.version), result: a.result, refined: false }, performance.now());
      });
    }
  }

  private forget(key: string): void {
    this.inFlight.get(key)?.abort();
    this.inFlight.delete(key);
    this.lastEdit.delete(key);
    this.reported.delete(key);
    this.hidden.delete(key);
  }

  private async stop(why: string): Promise<void> {
    for (const ac of this.inFlight.values()) ac.abort();
    this.inFlight.clear();
    this.cache.unrefineAll();
    if (this.worker) this.log.info(`[shapes] worker stopped: ${why}`);
    await this.stopWorker();
  }

  private async stopWorker(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    await w?.worker.dispose();
  }

  /** Ends the worker's process group; awaited by deactivate. */
  async shutdown(): Promise<void> {
    for (const d of this.disposables) d.dispose();
    for (const ac of this.inFlight.values()) ac.abort();
    await this.stopWorker();
  }

  dispose(): void {
    void this.shutdown();
  }
}
