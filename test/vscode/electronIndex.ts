// Entry for @vscode/test-electron (desktop VS Code, see scripts/testElectron.mjs): VS Code calls
// run() inside the extension host of the Extension Development Host window. It runs the same
// compiled *.vscode.test.js files as the code-server harness, named by the same variables.
import { writeFileSync } from 'node:fs';
import { optionsFromEnv, runMochaFiles } from './runMocha';

export async function run(): Promise<void> {
  const options = optionsFromEnv(process.env);
  if (!options) throw new Error('MODEL_LENS_TEST_BUNDLE and MODEL_LENS_TEST_MOCHA must name the test files and mocha');
  const report = await runMochaFiles(options);
  const resultsFile = process.env['MODEL_LENS_TEST_RESULTS'];
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify(report, null, 2));
  if (report.failures > 0 || report.passes === 0) throw new Error(`${report.failures} of ${report.passes + report.failures} tests failed`);
}
