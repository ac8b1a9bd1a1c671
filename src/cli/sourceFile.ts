// Reading one model file for the analysis commands (`shapes`, `explain`): the language from the
// extension, the text, and the parsers; each failure is printed the same way and exits 2.
import { readFile, stat } from 'node:fs/promises';
import { languageOfFile } from '../analysis/analyze';
import { defaultParserDirs, findParsersDir, loadParsers, type Parsers } from '../analysis/parser';
import type { SourceLanguage } from '../analysis/types';

export interface SourceFile {
  text: string;
  language: SourceLanguage;
  parsers: Parsers;
}

/** Larger files are refused before reading (a string of this many characters is near what V8 holds). */
const MAX_SOURCE_BYTES = 256 * 1024 * 1024;

/**
 * A source file's text. Only a regular file is read: a named pipe would block forever and a device
 * (`/dev/zero`) never ends, so both are refused with a reason, as is a file past MAX_SOURCE_BYTES.
 */
export async function readSourceText(file: string): Promise<string> {
  const s = await stat(file);
  if (!s.isFile()) throw new Error(s.isDirectory() ? 'a folder, not a file' : 'not a regular file (a pipe, a socket or a device)');
  if (s.size > MAX_SOURCE_BYTES) throw new Error(`${Math.round(s.size / 1024 / 1024)} MB, more than the ${MAX_SOURCE_BYTES / 1024 / 1024} MB the analysis reads`);
  return readFile(file, 'utf8');
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
    text = await readSourceText(file);
  } catch (e) {
    process.stderr.write(`model-lens ${command}: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return undefined;
  }
  return { text, language, parsers: await loadParsers(await findParsersDir(defaultParserDirs(__dirname))) };
}
