// Test harness extension for code-server, which rejects --extensionDevelopmentPath. It is staged
// next to Model Lens in the test extensions folder only. code-server passes its environment to the
// extension host; when MODEL_LENS_TEST_BUNDLE names compiled test files, this runs them with mocha
// after startup and writes the report to MODEL_LENS_TEST_RESULTS, which scripts/testVscode.mjs waits for.
import * as vscode from 'vscode';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { optionsFromEnv, runMochaFiles, type TestReport } from '../runMocha';

export const modelLensId = 'model-lens.model-lens';

/** What tests can read through `vscode.extensions.getExtension(harnessId).exports`. */
export interface HarnessApi {
  /** Model Lens's isActive when startup had finished, before any test ran. */
  modelLensActiveAtStartup: boolean | undefined;
  /** This extension's log folder; its parent holds every extension's logs of this window. */
  logDir: string;
}

function writeJsonAtomically(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
  renameSync(`${file}.tmp`, file);
}

export function activate(context: vscode.ExtensionContext): HarnessApi {
  const api: HarnessApi = { modelLensActiveAtStartup: vscode.extensions.getExtension(modelLensId)?.isActive, logDir: context.logUri.fsPath };
  const options = optionsFromEnv(process.env);
  const resultsFile = process.env['MODEL_LENS_TEST_RESULTS'];
  if (!options || !resultsFile) return api;

  writeJsonAtomically(`${resultsFile}.started.json`, { at: new Date().toISOString(), files: options.files, modelLensActiveAtStartup: api.modelLensActiveAtStartup });
  // After activate() returns, so tests can read this extension's exports.
  setTimeout(() => {
    runMochaFiles(options).then(
      (report) => writeJsonAtomically(resultsFile, report),
      (err: unknown) => {
        const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
        const report: TestReport = { passes: 0, failures: 1, pending: 0, durationMs: 0, tests: [], text: `the test run itself failed:\n${message}` };
        writeJsonAtomically(resultsFile, report);
      },
    );
  }, 0);
  return api;
}

export function deactivate(): void {
  // Nothing to release: the run ends when the outside runner stops code-server.
}
