// Shared by the analysis tests: loads the real parsers once, and reads the expectations written
// next to fixture code (the format is described in test/fixtures/README.md).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { analyzeText } from '../../src/analysis/analyze';
import { loadParsers, type Parsers } from '../../src/analysis/parser';
import type { FlowStep, LayerInfo, ModelInfo, WorkspaceFiles } from '../../src/analysis/types';

export const ROOT = join(__dirname, '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

let parsers: Promise<Parsers> | undefined;
export function testParsers(): Promise<Parsers> {
  parsers ??= loadParsers(join(ROOT, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm'));
  return parsers;
}

export interface Expectation {
  /** 0-based line the expectation sits on. */
  line: number;
  /** Shapes of the calls (`null` batch written as -1), or null for `?` (unknown). */
  outputs: (number[] | null)[];
  params?: number | null;
}

export interface FixtureExpectations {
  shapes: Expectation[];
  totals: { line: number; total: number | null }[];
  errors: string[];
}

function parseShape(s: string): number[] | null {
  const t = s.trim();
  if (t === '?') return null;
  const m = /^\[(.*)\]$/.exec(t);
  if (!m) throw new Error(`bad shape in fixture: ${s}`);
  if ((m[1] ?? '').trim() === '') return [];
  return (m[1] ?? '').split(',').map((x) => (x.trim() === 'null' ? -1 : Number(x.trim())));
}

export function readExpectations(text: string): FixtureExpectations {
  const out: FixtureExpectations = { shapes: [], totals: [], errors: [] };
  text.split('\n').forEach((lineText, line) => {
    const arrow = /(?:#|\/\/)\s*=>\s*(.+)$/.exec(lineText);
    if (arrow?.[1]) {
      const body = arrow[1].trim();
      const pm = /\s+(\d+|\?)$/.exec(body);
      const shapesPart = pm ? body.slice(0, pm.index) : body;
      const e: Expectation = { line, outputs: shapesPart.split('|').map(parseShape) };
      if (pm?.[1] !== undefined) e.params = pm[1] === '?' ? null : Number(pm[1]);
      out.shapes.push(e);
    }
    const total = /(?:#|\/\/)\s*total params:\s*(\d+|\?)/.exec(lineText);
    if (total?.[1]) out.totals.push({ line, total: total[1] === '?' ? null : Number(total[1]) });
    const err = /(?:#|\/\/)\s*expect-error:\s*(.+)$/.exec(lineText);
    if (err?.[1]) out.errors.push(err[1].trim());
  });
  return out;
}

export function fixtureFiles(): string[] {
  const files: string[] = [];
  for (const dir of ['pytorch', 'tfjs']) {
    for (const f of readdirSync(join(FIXTURES, dir))) if (/\.(py|js|ts)$/.test(f)) files.push(join(FIXTURES, dir, f));
  }
  return files.sort();
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** A process run from the fixtures folder, its stdin given `input` (the PyTorch fixture runners read their spec there). */
export function runInFixtures(cmd: string, args: string[], input?: string, timeoutMs = 120_000, env?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { cwd: FIXTURES, maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs, ...(env ? { env: { ...process.env, ...env } } : {}) }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/**
 * Where Python finds timm for the fixtures that import it: nowhere extra when it is installed;
 * else a timm wheel on this machine (the offline package store, /opt/pypi/files) unpacked once
 * into .cache/timm with pip (no network, no dependencies: the helpers the fixtures use need only
 * torch). `{ skip }` with the reason when neither is there.
 */
let timmFound: Promise<{ path?: string } | { skip: string }> | undefined;
export function timmForFixtures(python: string): Promise<{ path?: string } | { skip: string }> {
  timmFound ??= (async () => {
    if ((await runInFixtures(python, ['-c', 'import timm'])).code === 0) return {};
    const target = join(ROOT, '.cache', 'timm');
    if ((await runInFixtures(python, ['-c', 'import timm'], undefined, 60_000, { PYTHONPATH: target })).code === 0) return { path: target };
    const store = '/opt/pypi/files';
    const wheel = existsSync(store) ? readdirSync(store).filter((f) => /^timm-.*\.whl$/.test(f)).sort().pop() : undefined;
    if (!wheel) return { skip: `timm is not installed for ${python} and no timm wheel is in ${store} (pip install timm)` };
    const r = await runInFixtures(python, ['-m', 'pip', 'install', '--no-deps', '--no-index', '--quiet', '--target', target, join(store, wheel)], undefined, 120_000);
    if (r.code !== 0) return { skip: `pip could not unpack ${wheel}: ${r.stderr.trim().split('\n').pop() ?? ''}` };
    return { path: target };
  })();
  return timmFound;
}

/** `model-lens ARGS` as a real process, from source (the same entry bin/model-lens.js starts). */
export function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // (A CI machine shared with other jobs runs a folder of fixtures slowly: the suites allow 600 s.)
    execFile(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'src', 'cli', 'main.ts'), ...args], { cwd: ROOT, timeout: 540_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const killed = err && (err as { killed?: boolean }).killed ? `\n(the CLI was stopped after 540 s: ${(err as { signal?: string }).signal ?? 'killed'})` : '';
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr: stderr + killed });
    });
  });
}

/** The document CNN `count` times, each class renamed, so every copy is a model of its own. */
export function manyModels(count: number): string {
  const cnn = read(join(FIXTURES, 'pytorch', 'simpleCnn.py'));
  return Array.from({ length: count }, (_, i) => cnn.replace(/SimpleCNN/g, `SimpleCNN${i}`)).join('\n');
}

/** The fixture folder as the workspace (fixtures import each other: `from importedParts import *`). */
export function fixtureWorkspace(file: string): WorkspaceFiles {
  const root = dirname(file);
  return {
    fileName: file,
    root,
    readFile: (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    listFiles: (ext) => readdirSync(root).map((n) => join(root, n)).filter((p) => extname(p) === ext),
  };
}

/** The model of this Python source named `name` (the test fails when there is none). */
export async function pythonModel(source: string, name = 'M'): Promise<ModelInfo> {
  const m = analyzeText(await testParsers(), source, 'python').models.find((x) => x.name === name);
  assert.ok(m, `no model ${name}`);
  return m;
}

/** The layer at this `named_modules()` path (the test fails when there is none). */
export function layerAt(m: ModelInfo, path: string): LayerInfo {
  const l = m.layers.find((x) => x.path === path);
  assert.ok(l, `no layer ${path}`);
  return l;
}

/** The last statement of forward assigning `target`. */
export function flowStep(m: ModelInfo, target: string): FlowStep {
  const f = m.flow.filter((x) => x.target === target).pop();
  assert.ok(f, `no statement assigning ${target}`);
  return f;
}

/** The statement's value is unknown, with a reason that says why. */
export function assertUnknown(f: FlowStep, reason: RegExp): void {
  assert.equal(f.value.known, false, `${f.target} should be unknown, is ${f.value.known ? `[${f.value.shape.join(', ')}]` : ''}`);
  if (!f.value.known) assert.match(f.value.reason.en, reason);
}
