// One analysis per document version, shared by hovers, inlay hints, diagnostics, quick fixes and
// the side panel. The analysis runs in a worker thread (src/analysis/worker/pool.ts), never on the
// extension host thread: callers await a promise and the editor keeps going.
//
// What is analysed for a document is its *source*: the document itself, or, for a notebook cell,
// every Python code cell of its notebook in order, as one program (src/analysis/notebook.ts).
// Per source: one run per version (concurrent requests share it); a newer version or a closed
// document cancels the older run; each run has a time budget (modelLens.analysis.timeBudgetSeconds),
// after which the partial result says "analysis stopped: file too complex".
//
// The workspace: a file on disk is analysed with its workspace folder (a loose file: its own
// folder) as the root the worker may read other files from — classes imported from a sibling
// file, `from .parts import *`, the scripts that build the model with its arguments and feed it.
// Reading is not running: this holds in an untrusted workspace too. The worker reports the files
// it read; when one of them changes on disk (or a file appears or goes under a root that was
// listed), the results that read it are dropped and `onDidInvalidate` asks every feature to
// re-read them.
import { availableParallelism } from 'node:os';
import { dirname, sep } from 'node:path';
import * as vscode from 'vscode';
import { languageOfFile } from '../../analysis/analyze';
import { notebookProgram, shiftLines } from '../../analysis/notebook';
import { defaultParserDirs, findParsersDir } from '../../analysis/parser';
import { parseShapeSetting } from '../../analysis/inputAnnotation';
import { AnalysisWorkerPool, analysisWorkerEntry, type AnalysisTask } from '../../analysis/worker/pool';
import type { AnalysisResult, SourceLanguage } from '../../analysis/types';
import type { WorkspaceReads } from '../../protocol/analysisWorker';
import { affects, config, launchConfigurations, SettingKeys } from '../config';
import { launchArgsFor, type LaunchArgs } from './launchArgs';

const LANGUAGE_IDS: Record<string, SourceLanguage> = {
  python: 'python', typescript: 'typescript', typescriptreact: 'typescript', javascript: 'javascript', javascriptreact: 'javascript',
};

/** Larger sources are not analysed live: reading them alone would cost the host thread seconds. */
export const MAX_LIVE_CHARS = 16_000_000;
/**
 * Two workers, so one long analysis does not hold up the file being edited, but always a core
 * left for the editor itself (a 2-core machine gets one).
 */
const WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));

export const ANALYSED_LANGUAGES: vscode.DocumentSelector = Object.keys(LANGUAGE_IDS).map((language) => ({ language }));

export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

/** One document of a source, and where its lines sit in the analysed program. */
export interface SourcePart {
  uri: vscode.Uri;
  startLine: number;
  lineCount: number;
}

/** A document's analysis with the program it belongs to. */
export interface DocumentAnalysis {
  /** In program lines (for a plain file, its own lines). */
  readonly result: AnalysisResult;
  /** The documents the program is made of, in order: the file, or a notebook's code cells. */
  readonly parts: readonly SourcePart[];
  /** The part of the document that was asked about. */
  readonly part: SourcePart;
  /** The file or notebook, for labels. */
  readonly label: vscode.Uri;
}

export interface AnalysisCache extends vscode.Disposable {
  /** The analysis of a document's current version, in the document's own lines. */
  analyze(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<AnalysisResult | undefined>;
  /** The same with the program it came from (a notebook cell: the whole notebook). */
  analyzeSource(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<DocumentAnalysis | undefined>;
  /** Fires after a new analysis of a source is ready, and again when a refinement replaced it. */
  readonly onDidAnalyze: vscode.Event<AnalyzedEvent>;
  /**
   * Replaces the result of a source's version with `refine(static result)` (PyTorch's exact shapes);
   * false, and nothing changes, when the source has moved on to another version. Fires onDidAnalyze
   * with `refined: true`.
   */
  refine(key: string, version: string, refine: (staticResult: AnalysisResult) => AnalysisResult): boolean;
  /** Every refined result back to the static one (the exact shapes were turned off). */
  unrefineAll(): void;
  /** Fires when a workspace file a source's analysis read has changed: its result is stale. */
  readonly onDidInvalidate: vscode.Event<{ key: string; parts: readonly SourcePart[] }>;
  /** Timing of the runs, for the log and tests. */
  readonly stats: { runs: number; hits: number; cancelled: number; lastMs: number };
}

export interface AnalyzedEvent {
  key: string;
  parts: readonly SourcePart[];
  /** The source version analysed (a document's version as a string, for a file). */
  version: string;
  /** The static result, or the refined one when `refined`. */
  result: AnalysisResult;
  refined: boolean;
}

export function sourceLanguage(document: vscode.TextDocument): SourceLanguage | undefined {
  return LANGUAGE_IDS[document.languageId] ?? languageOfFile(document.fileName);
}

/** The notebook a cell document belongs to. */
export function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== NOTEBOOK_CELL_SCHEME) return undefined;
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === document));
}

function pythonCells(nb: vscode.NotebookDocument): vscode.NotebookCell[] {
  return nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
}

/** What the cache analyses for a document: the key, its version, and (lazily) the text. */
interface Source {
  key: string;
  version: string;
  language: SourceLanguage;
  fileName: string;
  label: vscode.Uri;
  /** The folder the worker may read other files from; undefined for a document not on disk. */
  workspaceRoot: string | undefined;
  /** The command line of the launch configuration that runs this file (a Python file on disk). */
  launch: LaunchArgs | undefined;
  /** The program text (UTF-8 slices) and its parts; undefined when the document changed while it was read. */
  build(): Promise<{ text: Utf8Text; parts: SourcePart[] } | undefined>;
}

/** The workspace folder of a file on disk, else its own folder; nothing for unsaved documents. */
function workspaceRootOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file') return undefined;
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? dirname(uri.fsPath);
}

/** The source key of a document (the notebook's URI for a cell), or undefined when not analysed. */
export function sourceKey(document: vscode.TextDocument): string | undefined {
  return sourceOf(document)?.key;
}

function sourceOf(document: vscode.TextDocument): Source | undefined {
  if (document.uri.scheme === NOTEBOOK_CELL_SCHEME) {
    const nb = notebookOf(document);
    if (!nb || document.languageId !== 'python') return undefined;
    const cells = pythonCells(nb);
    return {
      key: nb.uri.toString(),
      version: cells.map((c) => `${c.document.uri.fragment}@${c.document.version}`).join(','),
      language: 'python',
      fileName: nb.uri.scheme === 'file' ? nb.uri.fsPath : nb.uri.path,
      label: nb.uri,
      workspaceRoot: workspaceRootOf(nb.uri),
      launch: undefined,
      build: async () => {
        const program = notebookProgram(cells.map((c) => ({ index: c.index, text: c.document.getText() })));
        return { text: { chunks: [encoder.encode(program.text)], chars: program.text.length }, parts: program.cells.map((pc, i) => ({ uri: cells[i]!.document.uri, startLine: pc.startLine, lineCount: pc.lineCount })) };
      },
    };
  }
  const language = sourceLanguage(document);
  if (!language) return undefined;
  return {
    key: document.uri.toString(),
    version: String(document.version),
    language,
    fileName: document.fileName,
    label: document.uri,
    workspaceRoot: workspaceRootOf(document.uri),
    launch: language === 'python' ? launchOf(document.uri) : undefined,
    build: async () => {
      const text = await readText(document);
      return text === undefined ? undefined : { text, parts: [{ uri: document.uri, startLine: 0, lineCount: document.lineCount }] };
    },
  };
}

/**
 * The launch configuration that runs this file, through VS Code's own reading of launch.json
 * (comments and trailing commas allowed; the workspace file's configurations too): in memory, cheap
 * on the host's thread.
 */
function launchOf(uri: vscode.Uri): LaunchArgs | undefined {
  if (uri.scheme !== 'file') return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  const configurations = launchConfigurations(uri);
  return launchArgsFor(configurations, { path: uri.fsPath, ...(folder !== undefined ? { workspaceFolder: folder } : {}) }, process.env);
}

/** What the launch configuration makes the worker read parse_args() from. */
function scriptArgsOptions(launch: LaunchArgs | undefined): { scriptArgs?: string[]; scriptArgsUnreadable?: string } {
  if (!launch) return {};
  if (launch.kind === 'unreadable') return { scriptArgsUnreadable: `launch.json configuration "${launch.name}": ${launch.reason}` };
  return launch.args.length > 0 ? { scriptArgs: launch.args } : {};
}

/** The files whose change can change an analysis: Python imports, tfjs's relative imports, README usage examples. */
const WATCHED_FILES = '**/*.{py,js,mjs,cjs,jsx,ts,tsx,mts,cts,md}';
const FILE_EVENT_DEBOUNCE_MS = 150;

function isBelow(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Lines read per turn of the event loop: a millisecond or two of the host's thread at a time. */
const READ_CHUNK_LINES = 4_000;

/** A text as the worker receives it: UTF-8 slices (moved, not copied), and its length in UTF-16 units. */
interface Utf8Text {
  chunks: Uint8Array[];
  chars: number;
}

const encoder = new TextEncoder();

/**
 * The document's text as UTF-8, read and encoded a slice per turn of the event loop, so a 10 MB
 * file never holds the extension host for the whole copy (the slices then move to the worker
 * without a copy). Undefined if the document changed in the meantime.
 */
async function readText(document: vscode.TextDocument): Promise<Utf8Text | undefined> {
  const lines = document.lineCount;
  const version = document.version;
  const chunks: Uint8Array[] = [];
  let chars = 0;
  for (let from = 0; from < lines; from += READ_CHUNK_LINES) {
    if (from > 0) {
      await new Promise((r) => setImmediate(r));
      if (document.version !== version || document.isClosed) return undefined;
    }
    const slice = lines <= READ_CHUNK_LINES ? document.getText() : document.getText(new vscode.Range(from, 0, Math.min(lines, from + READ_CHUNK_LINES), 0));
    chars += slice.length;
    // Over the live limit: stop reading, the count says enough ("at least this large").
    if (chars > MAX_LIVE_CHARS) return { chunks: [], chars };
    chunks.push(encoder.encode(slice));
  }
  return { chunks, chars };
}

interface Entry {
  version: string;
  settings: string;
  result: AnalysisResult;
  /** The static analysis's own result when `result` was refined. */
  base?: AnalysisResult;
  parts: SourcePart[];
  label: vscode.Uri;
  /** Per part: the result in that part's own lines (notebook cells), made on first use. */
  local: Map<string, AnalysisResult>;
  /** The workspace files the result depends on, and the root they were read under. */
  reads?: WorkspaceReads;
  root?: string;
}

interface PendingRun {
  version: string;
  settings: string;
  task: AnalysisTask | undefined;
  promise: Promise<Entry | undefined>;
}

function raceToken<T>(promise: Promise<T | undefined>, token: vscode.CancellationToken | undefined): Promise<T | undefined> {
  if (!token) return promise;
  if (token.isCancellationRequested) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const sub = token.onCancellationRequested(() => {
      sub.dispose();
      resolve(undefined);
    });
    promise.then(
      (v) => {
        sub.dispose();
        resolve(v);
      },
      () => {
        sub.dispose();
        resolve(undefined);
      },
    );
  });
}

export function createAnalysisCache(extensionUri: vscode.Uri, log?: vscode.LogOutputChannel): AnalysisCache {
  let pool: Promise<AnalysisWorkerPool> | undefined;
  const cache = new Map<string, Entry>();
  const pending = new Map<string, PendingRun>();
  const emitter = new vscode.EventEmitter<AnalyzedEvent>();
  const invalidated = new vscode.EventEmitter<{ key: string; parts: readonly SourcePart[] }>();
  /** When each workspace file last changed on disk (ms, performance.now()), and when one was last created or deleted, per path. */
  const changedAt = new Map<string, number>();
  const createdOrDeletedAt = new Map<string, number>();
  const stats = { runs: 0, hits: 0, cancelled: 0, lastMs: 0 };
  /** Everything from the settings that changes a result: a change makes cached results stale. */
  const settingsKey = (): string => JSON.stringify([config.defaultInputShape(), config.analysisTimeBudgetMs()]);

  const poolOnce = (): Promise<AnalysisWorkerPool> => {
    pool ??= findParsersDir([vscode.Uri.joinPath(extensionUri, 'dist', 'parsers').fsPath, ...defaultParserDirs(__dirname)]).then(
      (parsersDir) => new AnalysisWorkerPool({ ...analysisWorkerEntry(), parsersDir, size: WORKERS, log: (l) => log?.info(l) }),
    );
    pool.catch((e: unknown) => log?.error(`tree-sitter grammars not found: ${e instanceof Error ? e.message : String(e)}`));
    return pool;
  };

  const cancelPending = (key: string): void => {
    const p = pending.get(key);
    if (!p) return;
    pending.delete(key);
    stats.cancelled++;
    p.task?.cancel();
  };

  const run = (source: Source, settings: string): Promise<Entry | undefined> => {
    const slot = { version: source.version, settings, task: undefined as AnalysisTask | undefined, promise: Promise.resolve<Entry | undefined>(undefined) };
    slot.promise = source.build().then((built) => (built && pending.get(source.key) === slot ? analyse(source, settings, slot, built.text, built.parts) : undefined));
    pending.set(source.key, slot);
    return slot.promise;
  };

  const analyse = (source: Source, settings: string, slot: PendingRun, text: Utf8Text, parts: SourcePart[]): Promise<Entry | undefined> => {
    if (text.chars > MAX_LIVE_CHARS) {
      const result: AnalysisResult = { language: source.language, models: [], diagnostics: [], syntaxErrors: 0, incomplete: [{ kind: 'tooLarge', chars: text.chars, limitChars: MAX_LIVE_CHARS }] };
      const entry: Entry = { version: source.version, settings, result, parts, label: source.label, local: new Map() };
      cache.set(source.key, entry);
      pending.delete(source.key);
      return Promise.resolve(entry);
    }
    const defaultInput = parseShapeSetting(config.defaultInputShape());
    return poolOnce().then(async (p) => {
      if (pending.get(source.key) !== slot) return undefined; // superseded while the pool started
      const root = source.workspaceRoot;
      const launchOptions = scriptArgsOptions(source.launch);
      if (source.launch) log?.info(`analysis of ${source.label.toString(true)}: script arguments from launch.json configuration "${source.launch.name}": ${source.launch.kind === 'args' ? JSON.stringify(source.launch.args) : `not known (${source.launch.reason})`}`);
      slot.task = p.run({ text: text.chunks, language: source.language, fileName: source.fileName, options: { ...(defaultInput ? { defaultInput } : {}), timeBudgetMs: config.analysisTimeBudgetMs(), ...(root !== undefined ? { workspaceRoot: root } : {}), ...launchOptions } });
      const started = performance.now();
      const outcome = await slot.task.outcome;
      if (pending.get(source.key) === slot) pending.delete(source.key);
      if (outcome.kind === 'cancelled') return undefined;
      if (outcome.kind === 'failed') {
        log?.error(`analysis of ${source.label.toString(true)} failed: ${outcome.message}`);
        return undefined;
      }
      stats.runs++;
      stats.lastMs = outcome.ms;
      if (outcome.terminated || outcome.result.incomplete.length > 0) log?.info(`analysis of ${source.label.toString(true)}: ${JSON.stringify(outcome.result.incomplete)} after ${outcome.ms.toFixed(0)} ms${outcome.terminated ? ' (worker terminated)' : ''}`);
      const entry: Entry = { version: source.version, settings, result: outcome.result, parts, label: source.label, local: new Map(), ...(outcome.reads ? { reads: outcome.reads } : {}), ...(root !== undefined ? { root } : {}) };
      // A file it read changed while it ran: this result serves the callers waiting for it, but
      // is not kept, and the features are asked to read again.
      if (dependsOnChangesSince(entry, started)) {
        queueMicrotask(() => invalidated.fire({ key: source.key, parts }));
        return entry;
      }
      cache.set(source.key, entry);
      emitter.fire({ key: source.key, parts, version: source.version, result: entry.result, refined: false });
      return entry;
    });
  };

  const dependsOnChangesSince = (entry: Entry, since: number): boolean => {
    if (!entry.reads) return false;
    if (entry.reads.files.some((f) => (changedAt.get(f) ?? -1) >= since)) return true;
    if (!entry.reads.listed || entry.root === undefined) return false;
    const root = entry.root;
    for (const [path, at] of createdOrDeletedAt) if (at >= since && isBelow(path, root)) return true;
    return false;
  };

  // File events come in bursts (a save writes once, a `git checkout` a thousand times): handled together.
  let changeTimer: NodeJS.Timeout | undefined;
  let changeSince = Number.POSITIVE_INFINITY;
  const fileChanged = (uri: vscode.Uri, kind: 'change' | 'create' | 'delete'): void => {
    if (uri.scheme !== 'file') return;
    const now = performance.now();
    changedAt.set(uri.fsPath, now);
    if (kind !== 'change') createdOrDeletedAt.set(uri.fsPath, now);
    // Bounded: old change times no longer matter once every run started before them has ended.
    if (changedAt.size > 10_000) changedAt.clear();
    if (createdOrDeletedAt.size > 10_000) createdOrDeletedAt.clear();
    changeSince = Math.min(changeSince, now);
    clearTimeout(changeTimer);
    changeTimer = setTimeout(() => {
      const since = changeSince;
      changeTimer = undefined;
      changeSince = Number.POSITIVE_INFINITY;
      for (const [key, entry] of [...cache]) {
        if (!dependsOnChangesSince(entry, since)) continue;
        cache.delete(key);
        log?.info(`analysis of ${entry.label.toString(true)}: a workspace file it reads changed; analysing again`);
        invalidated.fire({ key, parts: entry.parts });
      }
    }, FILE_EVENT_DEBOUNCE_MS);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED_FILES);

  const entryFor = async (document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<Entry | undefined> => {
    const source = sourceOf(document);
    if (!source) return undefined;
    // The launch configuration's arguments are part of what the result depends on.
    const settings = `${settingsKey()}${JSON.stringify(source.launch ?? null)}`;
    const hit = cache.get(source.key);
    if (hit && hit.version === source.version && hit.settings === settings) {
      stats.hits++;
      return hit;
    }
    const inFlight = pending.get(source.key);
    if (inFlight && inFlight.version === source.version && inFlight.settings === settings) return raceToken(inFlight.promise, token);
    // A newer version (or new settings) makes the older run worthless: stop it.
    cancelPending(source.key);
    // The shared run must not die with the first caller's token: it serves every caller.
    return raceToken(run(source, settings), token);
  };

  const view = (entry: Entry, document: vscode.TextDocument): DocumentAnalysis | undefined => {
    const part = entry.parts.find((p) => p.uri.toString() === document.uri.toString());
    return part ? { result: entry.result, parts: entry.parts, part, label: entry.label } : undefined;
  };

  const disposables = [
    emitter,
    invalidated,
    watcher,
    watcher.onDidChange((u) => fileChanged(u, 'change')),
    watcher.onDidCreate((u) => fileChanged(u, 'create')),
    watcher.onDidDelete((u) => fileChanged(u, 'delete')),
    // Files outside the workspace folders (a loose file's siblings) are not watched; their saves in
    // this window still count.
    vscode.workspace.onDidSaveTextDocument((d) => { if (!vscode.workspace.getWorkspaceFolder(d.uri)) fileChanged(d.uri, 'change'); }),
    { dispose: () => clearTimeout(changeTimer) },
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === NOTEBOOK_CELL_SCHEME) return; // its notebook's close event handles it
      cancelPending(d.uri.toString());
      cache.delete(d.uri.toString());
    }),
    vscode.workspace.onDidCloseNotebookDocument((nb) => {
      cancelPending(nb.uri.toString());
      cache.delete(nb.uri.toString());
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, SettingKeys.defaultInputShape) || affects(e, SettingKeys.analysisTimeBudget)) cache.clear();
      // launch.json edited: Python results may have read other script arguments; the features read again.
      if (e.affectsConfiguration('launch')) {
        for (const [key, entry] of [...cache]) {
          if (entry.result.language !== 'python') continue;
          cache.delete(key);
          invalidated.fire({ key, parts: entry.parts });
        }
      }
    }),
  ];

  return {
    stats,
    onDidAnalyze: emitter.event,
    onDidInvalidate: invalidated.event,
    async analyzeSource(document, token) {
      const entry = await entryFor(document, token);
      return entry && !token?.isCancellationRequested ? view(entry, document) : undefined;
    },
    async analyze(document, token) {
      const entry = await entryFor(document, token);
      if (!entry || token?.isCancellationRequested) return undefined;
      const a = view(entry, document);
      if (!a) return undefined;
      if (a.part.startLine === 0) return entry.result;
      const key = a.part.uri.toString();
      let local = entry.local.get(key);
      if (!local) {
        local = shiftLines(entry.result, -a.part.startLine);
        entry.local.set(key, local);
      }
      return local;
    },
    refine(key, version, refine) {
      const entry = cache.get(key);
      if (!entry || entry.version !== version) return false;
      entry.base ??= entry.result;
      entry.result = refine(entry.base);
      entry.local.clear();
      emitter.fire({ key, parts: entry.parts, version, result: entry.result, refined: true });
      return true;
    },
    unrefineAll() {
      for (const [key, entry] of cache) {
        if (!entry.base) continue;
        entry.result = entry.base;
        delete entry.base;
        entry.local.clear();
        emitter.fire({ key, parts: entry.parts, version: entry.version, result: entry.result, refined: true });
      }
    },
    dispose() {
      for (const d of disposables) d.dispose();
      for (const key of [...pending.keys()]) cancelPending(key);
      cache.clear();
      void pool?.then((p) => p.dispose());
    },
  };
}
