// `model-lens explain FILE:LINE[:COL]`: what the VS Code hover shows for the layer or API at that
// place (the same hover model, src/hover/), as text or JSON. Exit status: 0 explained, 1 nothing
// to explain there, 2 bad usage or an unreadable file.
import { analyzeText } from '../analysis/analyze';
import { parseShapeList } from '../analysis/inputAnnotation';
import type { Lang } from '../analysis/types';
import { hoverTargetAt, hoverTargetOnLine, hoverView } from '../hover/hoverModel';
import { hoverJson, hoverText } from '../hover/hoverText';
import { readSourceFile } from './sourceFile';

export const EXPLAIN_USAGE = 'explain <file>:<line>[:<column>] [--input 64,1,28,28] [--json] [--lang en|zh-cn]   what the hover shows there';

interface ExplainArgs {
  file: string;
  /** 1-based, as editors and compilers print them. */
  line: number;
  column?: number;
  /** One shape per tensor the model's forward takes. */
  input?: number[][];
  json: boolean;
  lang: Lang;
}

function parseArgs(argv: string[]): ExplainArgs | string {
  let place: string | undefined;
  let json = false;
  let lang: Lang = 'en';
  let input: number[][] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | undefined => {
      const eq = a.indexOf('=');
      return eq >= 0 ? a.slice(eq + 1) : argv[++i];
    };
    if (a === '--json') json = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const l = value()?.toLowerCase();
      if (l !== 'en' && l !== 'zh-cn') return '--lang is en or zh-cn';
      lang = l;
    } else if (a === '--input' || a.startsWith('--input=')) {
      input = parseShapeList(value() ?? '');
      if (input.length === 0) return '--input needs sizes like 64,1,28,28 (several inputs: "(2,3,64,64),(2,5)")';
    } else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (place === undefined) place = a;
    else return `unexpected argument ${a}`;
  }
  if (place === undefined) return 'missing <file>:<line>';
  const m = /^(.+?):(\d+)(?::(\d+))?$/.exec(place);
  if (!m) return `${place}: give the place as <file>:<line> or <file>:<line>:<column>`;
  const line = Number(m[2]);
  const column = m[3] === undefined ? undefined : Number(m[3]);
  if (line < 1 || (column !== undefined && column < 1)) return 'line and column start at 1';
  return { file: m[1]!, line, ...(column !== undefined ? { column } : {}), json, lang, ...(input ? { input } : {}) };
}

export async function runExplainCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`model-lens explain: ${args}\nusage: model-lens ${EXPLAIN_USAGE}\n`);
    return 2;
  }
  const source = await readSourceFile('explain', args.file);
  if (!source) return 2;
  const { text, language } = source;
  const lines = text.split('\n');
  const lineText = (lines[args.line - 1] ?? '').replace(/\r$/, '');
  if (args.line > lines.length) {
    process.stderr.write(`model-lens explain: ${args.file} has ${lines.length} lines, not ${args.line}\n`);
    return 2;
  }
  const result = analyzeText(source.parsers, text, language, args.input ? { forceInput: args.input } : {}, args.file);
  const framework = language === 'python' ? 'pytorch' : 'tfjs';
  const line = args.line - 1;
  const target = args.column === undefined ? hoverTargetOnLine(result, lineText, line, framework) : hoverTargetAt(result, lineText, { line, character: args.column - 1 }, framework);
  const where = `${args.file}:${args.line}${args.column === undefined ? '' : `:${args.column}`}`;
  if (!target) {
    process.stderr.write(`model-lens explain: nothing to explain at ${where}: no layer or known API there\n`);
    return 1;
  }
  const view = hoverView(target, args.lang);
  if (args.json) process.stdout.write(`${JSON.stringify({ file: args.file, line: args.line, column: args.column ?? null, ...hoverJson(view, args.lang) }, null, 2)}\n`);
  else process.stdout.write(hoverText(view, args.lang));
  return 0;
}
