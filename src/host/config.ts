// Every `modelLens.*` setting, typed, in one place (package.json declares them: a unit test keeps
// the two in step and finds no `getConfiguration` elsewhere). Values are read when asked, so a
// changed setting applies to the next use; a value of the wrong type falls back to the default.
import * as vscode from 'vscode';
import { ENGINE_PREFS, LANGS, resolveLang, type EnginePref, type Lang } from '../protocol/vocabulary';

const SECTION = 'modelLens';

/** The settings' keys under `modelLens.` (package.json `contributes.configuration`). */
export const SettingKeys = {
  engine: 'engine',
  python: 'python',
  maxMemoryMb: 'backend.maxMemoryMb',
  scriptProcesses: 'script.processes',
  language: 'language',
  defaultInputShape: 'defaultInputShape',
  inlayHints: 'inlayHints.enabled',
  analysisTimeBudget: 'analysis.timeBudgetSeconds',
  runtimeShapes: 'runtimeShapes.enabled',
  runtimeShapesTimeBudget: 'runtimeShapes.timeBudgetSeconds',
} as const;
export type SettingKey = (typeof SettingKeys)[keyof typeof SettingKeys];

/** The setting's own minimum (package.json); a smaller heap would not hold the samples' data. */
export const MIN_MEMORY_MB = 256;

function read<T>(key: SettingKey, fallback: T, valid: (v: unknown) => v is T): T {
  const v: unknown = vscode.workspace.getConfiguration(SECTION).get(key);
  return valid(v) ? v : fallback;
}

const isOneOf = <T extends string>(values: readonly T[]) => (v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isMemory = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= MIN_MEMORY_MB;
const isProcessCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 64;
const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0.1 && v <= 300;

/** VS Code's launch configurations for this file's folder (launch.json, comments allowed): not a Model Lens setting, read here as every setting is. */
export function launchConfigurations(uri: vscode.Uri): unknown {
  return vscode.workspace.getConfiguration('launch', uri).get<unknown>('configurations');
}

export const config = {
  /** Which engine trains (`auto` picks the best available). Restricted in untrusted workspaces. */
  engine: (): EnginePref => read(SettingKeys.engine, 'auto', isOneOf(ENGINE_PREFS)),
  /** The interpreter for the PyTorch engine (path or command); empty: discovered. Restricted in untrusted workspaces. */
  python: (): string => read(SettingKeys.python, '', isString).trim(),
  /** Heap cap of the training process, MB. Restricted in untrusted workspaces. */
  maxMemoryMb: (): number => Math.round(read(SettingKeys.maxMemoryMb, 4096, isMemory)),
  /** Processes for "Run Script with Model Lens": 2 or more start the script under torchrun. */
  scriptProcesses: (): number => read(SettingKeys.scriptProcesses, 1, isProcessCount),
  /** The raw language setting: 'auto' follows VS Code's display language. */
  languageSetting: (): 'auto' | Lang => read(SettingKeys.language, 'auto', isOneOf(['auto', ...LANGS] as const)),
  /** Input shape for shape inference when the code names none, e.g. "[64, 1, 28, 28]". */
  defaultInputShape: (): string => read(SettingKeys.defaultInputShape, '', isString),
  inlayHintsEnabled: (): boolean => read(SettingKeys.inlayHints, true, isBoolean),
  /** How long a background analysis may run before it stops with a partial result, in ms. */
  analysisTimeBudgetMs: (): number => Math.round(read(SettingKeys.analysisTimeBudget, 5, isSeconds) * 1000),
  /** Exact shapes from PyTorch's forward pass (trusted workspaces with torch only). Restricted in untrusted workspaces. */
  runtimeShapesEnabled: (): boolean => read(SettingKeys.runtimeShapes, true, isBoolean),
  /** The exact-shapes pass's budget for one file, in ms. */
  runtimeShapesTimeBudgetMs: (): number => Math.round(Math.min(120, Math.max(0.5, read(SettingKeys.runtimeShapesTimeBudget, 10, isSeconds))) * 1000),
};

/** The language of everything Model Lens shows: the setting, else VS Code's display language. */
export function uiLang(): Lang {
  const setting = config.languageSetting();
  return setting === 'auto' ? resolveLang(vscode.env.language) : setting;
}

/** Whether a configuration change touches this setting. */
export function affects(e: vscode.ConfigurationChangeEvent, key: SettingKey): boolean {
  return e.affectsConfiguration(`${SECTION}.${key}`);
}

/** Whether a configuration change touches any Model Lens setting. */
export function affectsAny(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION);
}
