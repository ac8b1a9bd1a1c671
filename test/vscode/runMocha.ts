// Runs compiled *.vscode.test.js files with mocha inside a VS Code extension host and returns a
// report the outside runner can print. Shared by the code-server harness (harness/extension.ts)
// and the @vscode/test-electron entry (electronIndex.ts), so both hosts run the suite the same way.
import { createRequire } from 'node:module';
import { delimiter } from 'node:path';
import { format } from 'node:util';
import type Mocha from 'mocha';
import { installReportSink } from './report';

export interface TestOutcome {
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

export interface TestReport {
  passes: number;
  failures: number;
  pending: number;
  durationMs: number;
  tests: TestOutcome[];
  /** Mocha's own spec-reporter output, closing summary included. */
  text: string;
}

export interface RunOptions {
  /** Absolute path of the mocha package to use (the repo's node_modules/mocha). */
  mochaPath: string;
  files: string[];
  grep?: string;
  timeoutMs?: number;
}

/** Files and options from the environment the outside runner sets. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): RunOptions | undefined {
  const bundle = env['MODEL_LENS_TEST_BUNDLE'];
  const mochaPath = env['MODEL_LENS_TEST_MOCHA'];
  if (!bundle || !mochaPath) return undefined;
  const options: RunOptions = { mochaPath, files: bundle.split(delimiter).filter((f) => f.length > 0) };
  if (env['MODEL_LENS_TEST_GREP']) options.grep = env['MODEL_LENS_TEST_GREP'];
  return options;
}

export function runMochaFiles(options: RunOptions): Promise<TestReport> {
  const load = createRequire(__filename);
  const MochaCtor = load(options.mochaPath) as typeof Mocha;
  const mocha = new MochaCtor({ ui: 'bdd', color: false, timeout: options.timeoutMs ?? 60_000, reporter: 'spec' });
  if (options.grep) mocha.grep(options.grep);
  for (const f of options.files) mocha.addFile(f);

  // The spec reporter prints through Base.consoleLog; the extension host has no terminal, so the
  // text is collected (and echoed to the host's console) for the outside runner to print.
  const lines: string[] = [];
  const base = MochaCtor.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const originalLog = base.consoleLog;
  const capture = (...args: unknown[]) => {
    const line = format(...args);
    lines.push(line);
    console.log(line);
  };
  base.consoleLog = capture;
  // Tests that print a measurement (report() in report.ts) show it in the runner's output too.
  installReportSink((line) => capture(`      ${line}`));
  const restore = () => {
    base.consoleLog = originalLog;
    installReportSink(undefined);
  };

  const tests: TestOutcome[] = [];
  const started = Date.now();
  return new Promise<TestReport>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        restore();
        resolve({
          passes: tests.filter((t) => t.state === 'passed').length,
          failures,
          pending: tests.filter((t) => t.state === 'pending').length,
          durationMs: Date.now() - started,
          tests,
          text: lines.join('\n'),
        });
      });
      runner.on('pass', (t) => tests.push({ fullTitle: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
      runner.on('pending', (t) => tests.push({ fullTitle: t.fullTitle(), state: 'pending', durationMs: 0 }));
      runner.on('fail', (t, err: unknown) =>
        tests.push({ fullTitle: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
    } catch (err) {
      restore();
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
