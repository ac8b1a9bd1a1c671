// "Install Native TensorFlow Engine": npm-installs @tensorflow/tfjs-node into the extension's
// global storage (never into the workspace). Where its install script cannot fetch
// libtensorflow (offline machines, unsupported platforms) we say why and training stays on wasm.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const NATIVE_PACKAGE = '@tensorflow/tfjs-node@4.22.0';

export interface InstallResult { ok: boolean; reason: string; log: string }

/** The folder the backend searches for node_modules/@tensorflow/tfjs-node. */
export function nativeEngineDir(globalStorage: string): string {
  return join(globalStorage, 'native-engine');
}

/** Picks the most telling line of npm's output to show a person. */
export function explainNpmFailure(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const telling = lines.find((l) => /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|getaddrinfo/i.test(l))
    ?? lines.find((l) => /libtensorflow|node-pre-gyp ERR|gyp ERR/i.test(l))
    ?? lines.find((l) => /npm (ERR!|error)/i.test(l))
    ?? lines[lines.length - 1];
  return telling ?? 'npm failed without output';
}

export function installNativeEngine(globalStorage: string, onLine: (line: string) => void, npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm'): Promise<InstallResult> {
  const dir = nativeEngineDir(globalStorage);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'model-lens-native-engine', private: true }));
  return new Promise((resolve) => {
    let log = '';
    // --loglevel: VS Code may have been started from `npm run --silent` (npm_config_loglevel=silent
    // in its environment), which would hide npm's error, the reason we show. Other npm settings
    // (a registry mirror, a proxy) are the user's and stay.
    const child = spawn(npmCommand, ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=warn', NATIVE_PACKAGE], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const take = (b: Buffer): void => {
      const text = b.toString('utf8');
      log += text;
      for (const l of text.split('\n')) if (l.trim()) onLine(l.trim());
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err) => resolve({ ok: false, reason: `npm could not be started: ${err.message}`, log }));
    // 'close', not 'exit': 'exit' can fire while npm's last output is still in the pipes, and
    // the reason a person sees comes from that output.
    child.on('close', (code) => {
      if (code === 0) resolve({ ok: true, reason: `installed ${NATIVE_PACKAGE}`, log });
      else resolve({ ok: false, reason: explainNpmFailure(log), log });
    });
  });
}

/** Loads the installed package in a throwaway process: an install that cannot load is no engine. */
export function verifyNativeEngine(globalStorage: string, execPath = process.execPath): Promise<InstallResult> {
  const dir = nativeEngineDir(globalStorage);
  return new Promise((resolve) => {
    let log = '';
    const child = spawn(execPath, ['-e', "require(require('path').join(process.argv[1], 'node_modules', '@tensorflow', 'tfjs-node')); console.log('loaded')", dir], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, windowsHide: true,
    });
    child.stdout.on('data', (b: Buffer) => { log += b.toString('utf8'); });
    child.stderr.on('data', (b: Buffer) => { log += b.toString('utf8'); });
    child.on('error', (err) => resolve({ ok: false, reason: err.message, log }));
    child.on('close', (code) => resolve(code === 0 ? { ok: true, reason: 'tfjs-node loads', log } : { ok: false, reason: explainNpmFailure(log), log }));
  });
}
