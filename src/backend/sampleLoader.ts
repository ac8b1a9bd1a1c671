// Loads a sample file (CommonJS, no imports) and finds each layer's source line. Shipped samples
// are our own code; any other file is the person's code and runs only when the host says the
// workspace is trusted (RunConfig.allowWorkspaceCode).
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { runInThisContext } from 'node:vm';
import { SAMPLE_CATALOG, type SampleRef } from '../protocol/backend';
import { isSampleModule, type LayerDescriptor, type SampleModule } from './sampleApi';

export interface LoadedSample { module: SampleModule; file: string; source: string }

/** The one place a shipped sample's id becomes its source file (host, backend and CLI). */
export function shippedSamplePath(samplesDir: string, id: string): string {
  const entry = SAMPLE_CATALOG.find((s) => s.id === id);
  if (!entry) throw new Error(`unknown sample '${id}' (known: ${SAMPLE_CATALOG.map((s) => s.id).join(', ')})`);
  return join(samplesDir, entry.file);
}

export function resolveSamplePath(ref: SampleRef, samplesDir: string, allowWorkspaceCode: boolean): string {
  if (ref.kind === 'shipped') return shippedSamplePath(samplesDir, ref.id);
  const file = resolve(ref.path);
  const rel = relative(resolve(samplesDir), file);
  const insideSamples = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  if (!insideSamples && !allowWorkspaceCode) {
    throw new Error(`refusing to run ${file}: the workspace is not trusted, so only the samples shipped with Model Lens may train`);
  }
  return file;
}

export function loadSample(file: string): LoadedSample {
  const source = readFileSync(file, 'utf8');
  // The wrapper keeps the file's own line numbers in stack traces (the function header is on the
  // same line as the first source line).
  const wrapper = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file }) as
    (e: unknown, r: unknown, m: unknown, f: string, d: string) => void;
  const mod: { exports: unknown } = { exports: {} };
  const noRequire = (name: string): never => {
    throw new Error(`samples receive tf from Model Lens and may not require modules (asked for '${name}')`);
  };
  wrapper(mod.exports, noRequire, mod, file, join(file, '..'));
  if (!isSampleModule(mod.exports)) throw new Error(`${file} does not export { description, create(ctx) } as a Model Lens sample`);
  return { module: mod.exports, file, source };
}

/** 1-based line of the first mention of the layer's name (quoted) or of its sourceHint. */
export function findLayerLine(source: string, layer: Pick<LayerDescriptor, 'name' | 'sourceHint'>): number | null {
  const lines = source.split('\n');
  const needles = [`'${layer.name}'`, `"${layer.name}"`, `\`${layer.name}\``];
  if (layer.sourceHint) needles.push(layer.sourceHint);
  for (const needle of needles) {
    const i = lines.findIndex((l) => l.includes(needle) && !/^\s*(\/\/|\/\*|\*)/.test(l));
    if (i >= 0) return i + 1;
  }
  return null;
}
