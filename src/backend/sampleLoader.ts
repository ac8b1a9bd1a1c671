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
  if (ref.kind === 'class') throw new Error(`"Train this model" (${ref.className}) runs on the PyTorch engine only; this is the TensorFlow.js engine`);
  const file = resolve(ref.path);
  const rel = relative(resolve(samplesDir), file);
  const insideSamples = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  if (!insideSamples && !allowWorkspaceCode) {
    throw new Error(`refusing to run ${file}: the workspace is not trusted, so only the samples shipped with Model Lens may train`);
  }
  return file;
}

// The wrapper keeps the file's own line numbers in stack traces: its header sits on the same line
// as the first source line (whose columns it shifts by its length).
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';

/**
 * Where in the sample file an error was raised, as "file:line:column" (or "file:line" for a
 * syntax error), from V8's stack; null when the sample file is not on it.
 */
export function locateInSample(err: unknown, file: string): string | null {
  const stack = err instanceof Error && typeof err.stack === 'string' ? err.stack : '';
  // A syntax error's stack starts with "file:line", then the line and a caret.
  const head = stack.split('\n', 1)[0] ?? '';
  if (head.startsWith(`${file}:`) && /^\d+$/.test(head.slice(file.length + 1))) return head;
  for (const line of stack.split('\n')) {
    const i = line.indexOf(`${file}:`);
    if (i < 0) continue;
    const m = /^(\d+):(\d+)/.exec(line.slice(i + file.length + 1));
    if (!m) continue;
    const row = Number(m[1]);
    const col = row === 1 ? Math.max(1, Number(m[2]) - WRAPPER_HEAD.length) : Number(m[2]);
    return `${file}:${row}:${col}`;
  }
  return null;
}

/** Earlier sample files spelled the Chinese text `zh`: read them as today's `zh-cn`. */
function upgradeDescription(d: Record<string, unknown>): void {
  const text = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const l = v as Record<string, unknown>;
    return typeof l.zh === 'string' && l['zh-cn'] === undefined ? { ...l, 'zh-cn': l.zh } : v;
  };
  for (const key of ['title', 'dataset', 'goal']) d[key] = text(d[key]);
  if (Array.isArray(d.sections)) d.sections = d.sections.map(text);
}

export function loadSample(file: string): LoadedSample {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the sample ${file}: ${(err as Error).message}`);
  }
  const mod: { exports: unknown } = { exports: {} };
  const noRequire = (name: string): never => {
    throw new Error(`samples receive tf from Model Lens and may not require modules (asked for '${name}')`);
  };
  try {
    const wrapper = runInThisContext(`${WRAPPER_HEAD}${source}\n})`, { filename: file }) as
      (e: unknown, r: unknown, m: unknown, f: string, d: string) => void;
    wrapper(mod.exports, noRequire, mod, file, join(file, '..'));
  } catch (err) {
    const what = err instanceof SyntaxError ? 'syntax error' : 'error while loading';
    throw new Error(`${locateInSample(err, file) ?? file}: ${what}: ${(err as Error).message ?? String(err)}`);
  }
  const exported = mod.exports as { description?: unknown };
  if (typeof exported === 'object' && exported !== null && typeof exported.description === 'object' && exported.description !== null) {
    upgradeDescription(exported.description as Record<string, unknown>);
  }
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
