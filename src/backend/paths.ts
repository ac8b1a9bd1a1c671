// Where the backend's assets live, from the package root: dist/wasm (engine binaries),
// dist/data (packed MNIST) and samples/. Works from dist/*.js and from src/ under tsx alike.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function findPackageRoot(from: string): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'model-lens') return dir;
      } catch { /* keep walking */ }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the model-lens package above ${from}`);
    dir = up;
  }
}

export interface AssetPaths { samplesDir: string; wasmDir: string; dataDir: string }

export function assetPaths(root: string): AssetPaths {
  return { samplesDir: join(root, 'samples'), wasmDir: join(root, 'dist', 'wasm'), dataDir: join(root, 'dist', 'data') };
}
