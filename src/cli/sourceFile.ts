// Reading one model file for the analysis commands (`shapes`, `explain`): the language from the
// extension, the text, and the parsers; each failure is printed the same way and exits 2.
import { readFile } from 'node:fs/promises';
import { languageOfFile } from '../analysis/analyze';
import { defaultParserDirs, findParsersDir, loadParsers, type Parsers } from '../analysis/parser';
import type { SourceLanguage } from '../analysis/types';

export interface SourceFile {
  text: string;
  language: SourceLanguage;
  parsers: Parsers;
}

/** The file ready for analyzeText, or undefined after printing why (`model-lens <command>: …`). */
export async function readSourceFile(command: string, file: string): Promise<SourceFile | undefined> {
  const language = languageOfFile(file);
  if (!language) {
    process.stderr.write(`model-lens ${command}: ${file}: not a .py, .js or .ts file\n`);
    return undefined;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    process.stderr.write(`model-lens ${command}: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return undefined;
  }
  return { text, language, parsers: await loadParsers(await findParsersDir(defaultParserDirs(__dirname))) };
}
