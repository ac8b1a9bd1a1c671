// `model-lens shapes <file>`: a torchinfo-like table of every model in a PyTorch or tfjs file,
// without VS Code or Python. Exit status: 0 shapes fit, 1 a shape mismatch or invalid layer,
// 2 bad usage or an unreadable file.
import { basename } from 'node:path';
import { analyzeText } from '../analysis/analyze';
import { parseShapeSetting } from '../analysis/inputAnnotation';
import { formatParams, formatShape } from '../analysis/query';
import type { AnalysisResult, Lang, ModelInfo, ShapeResult } from '../analysis/types';
import { readSourceFile } from './sourceFile';

export const SHAPES_USAGE = 'shapes <file.py|.js|.ts> [--input 64,1,28,28] [--class Name] [--json] [--lang en|zh-cn]   layer shapes and parameters';

interface ShapesArgs {
  file: string;
  input?: number[];
  className?: string;
  json: boolean;
  lang: Lang;
}

function parseArgs(argv: string[]): ShapesArgs | string {
  let file: string | undefined;
  const out: Partial<ShapesArgs> = { json: false, lang: 'en' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | undefined => {
      const eq = a.indexOf('=');
      return eq >= 0 ? a.slice(eq + 1) : argv[++i];
    };
    if (a === '--json') out.json = true;
    else if (a === '--input' || a.startsWith('--input=')) {
      const shape = parseShapeSetting(value());
      if (!shape) return '--input needs sizes like 64,1,28,28';
      out.input = shape;
    } else if (a === '--class' || a.startsWith('--class=')) {
      const name = value();
      if (!name) return '--class needs a name';
      out.className = name;
    } else if (a === '--lang' || a.startsWith('--lang=')) {
      const l = value()?.toLowerCase();
      if (l !== 'en' && l !== 'zh-cn') return '--lang is en or zh-cn';
      out.lang = l;
    } else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (file === undefined) file = a;
    else return `unexpected argument ${a}`;
  }
  if (file === undefined) return 'missing <file>';
  return { file, json: out.json ?? false, lang: out.lang ?? 'en', ...(out.input ? { input: out.input } : {}), ...(out.className ? { className: out.className } : {}) };
}

function shape(s: ShapeResult): string {
  return s.known ? formatShape(s.shape) : '?';
}

interface Row {
  name: string;
  line: string;
  kind: string;
  output: string;
  params: string;
}

function rowsOf(model: ModelInfo): Row[] {
  const rows: Row[] = [];
  const shown = new Set<number>();
  const row = (i: number, out: string): void => {
    const l = model.layers[i]!;
    rows.push({ name: `${'  '.repeat(l.depth)}${l.name}`, line: String(l.range.start.line + 1), kind: l.kind, output: out, params: shown.has(i) ? '(again)' : formatParams(l.params) });
    shown.add(i);
  };
  // Execution order, like torchinfo; a layer used twice gets a row per call.
  for (const t of model.trace) row(t.layer, shape(model.layers[t.layer]!.calls[t.call]!.output));
  model.layers.forEach((l, i) => {
    if (!shown.has(i)) row(i, l.calls.length === 0 ? `? ${l.output.known ? '' : `(${l.output.reason.en})`}`.trim() : shape(l.output));
  });
  return rows;
}

const INPUT_FROM: Record<string, string> = { annotation: 'input comment', setting: 'setting', inputShape: 'inputShape', caller: 'the model using it', cli: '--input', none: 'none' };

function table(model: ModelInfo, file: string): string {
  const rows = rowsOf(model);
  const head: Row = { name: 'Layer (name as written)', line: 'Line', kind: 'Kind', output: 'Output shape', params: 'Params' };
  const all = [head, ...rows];
  const w = (k: keyof Row): number => Math.max(...all.map((r) => r[k].length));
  const widths = { name: w('name'), line: w('line'), kind: w('kind'), output: w('output'), params: w('params') };
  const fmt = (r: Row): string => `${r.name.padEnd(widths.name)}  ${r.line.padStart(widths.line)}  ${r.kind.padEnd(widths.kind)}  ${r.output.padEnd(widths.output)}  ${r.params.padStart(widths.params)}`;
  const width = fmt(head).length;
  const input = model.inputs.length > 0 ? `input ${model.inputs.map(formatShape).join(', ')} from ${INPUT_FROM[model.inputSource] ?? model.inputSource}` : 'no input shape: add "# input: (…)" or pass --input';
  return [
    `${model.name} (${model.framework})  ${basename(file)}:${model.range.start.line + 1}  ${input}`,
    '='.repeat(width),
    fmt(head),
    '-'.repeat(width),
    ...rows.map(fmt),
    '='.repeat(width),
    `Total params: ${formatParams(model.totalParams)}`,
    `Output: ${shape(model.output)}${model.output.known ? '' : ` (${model.output.reason.en})`}`,
  ].join('\n');
}

function toJson(result: AnalysisResult, file: string, lang: Lang): unknown {
  return {
    file,
    language: result.language,
    syntaxErrors: result.syntaxErrors,
    models: result.models.map((m) => ({
      name: m.name,
      framework: m.framework,
      line: m.range.start.line + 1,
      inputs: m.inputs,
      inputSource: m.inputSource,
      output: m.output.known ? m.output.shape : null,
      totalParams: m.totalParams,
      layers: m.layers.map((l) => ({
        name: l.name,
        path: l.path,
        line: l.range.start.line + 1,
        kind: l.kind,
        callee: l.callee,
        outputShapes: l.calls.map((c) => (c.output.known ? c.output.shape : null)),
        output: l.output.known ? l.output.shape : null,
        unknownReason: l.output.known ? null : l.output.reason[lang],
        params: l.params,
        concepts: l.conceptIds,
      })),
    })),
    diagnostics: result.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      model: d.model,
      layer: d.layer ?? null,
      message: d.message[lang],
      expected: d.expected ?? null,
      actual: d.actual ?? null,
      fix: d.fix ? { line: d.fix.range.start.line + 1, column: d.fix.range.start.character + 1, endColumn: d.fix.range.end.character + 1, newText: d.fix.newText } : null,
    })),
  };
}

export async function runShapesCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`model-lens shapes: ${args}\nusage: model-lens ${SHAPES_USAGE}\n`);
    return 2;
  }
  const source = await readSourceFile('shapes', args.file);
  if (!source) return 2;
  const result = analyzeText(source.parsers, source.text, source.language, { ...(args.input ? { forceInput: args.input } : {}), ...(args.className ? { onlyModel: args.className } : {}) }, args.file);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (args.className && result.models.length === 0) {
    process.stderr.write(`model-lens shapes: no model named ${args.className} in ${args.file}\n`);
    return 2;
  }
  if (args.json) process.stdout.write(`${JSON.stringify(toJson(result, args.file, args.lang), null, 2)}\n`);
  else {
    if (result.models.length === 0) process.stdout.write(`No nn.Module subclass or tf.sequential/tf.model found in ${args.file}.\n`);
    process.stdout.write(result.models.map((m) => table(m, args.file)).join('\n\n') + (result.models.length > 0 ? '\n' : ''));
    for (const d of result.diagnostics) {
      const where = `${basename(args.file)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const fix = d.fix ? `  (fix: write ${d.fix.newText})` : '';
      process.stdout.write(`${d.severity}: ${where} ${d.message[args.lang]}${fix}\n`);
    }
  }
  return errors.length > 0 ? 1 : 0;
}
