// The workspace as the analysis reads it from disk: imported files and the files that build this
// file's models. Synchronous reads: for the CLI and the analysis worker, never the extension
// host's thread.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type { WorkspaceFiles } from './types';

/** Files listed per extension (a workspace bigger than this is searched partly). */
const MAX_LISTED = 2000;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '__pycache__', '.venv', 'venv', '.cache', 'site-packages']);

/** `root` defaults to the file's folder; files outside `root` are never read. */
export function workspaceOnDisk(fileName: string, root = dirname(resolve(fileName))): WorkspaceFiles {
  const file = resolve(fileName);
  const top = resolve(root);
  const listed = new Map<string, string[]>();
  return {
    fileName: file,
    root: top,
    readFile: (p) => {
      if (!resolve(p).startsWith(top)) return undefined;
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    listFiles: (ext) => {
      let out = listed.get(ext);
      if (out) return out;
      out = [];
      const stack = [top];
      while (stack.length > 0 && out.length < MAX_LISTED) {
        const d = stack.pop()!;
        let names: string[];
        try {
          names = readdirSync(d);
        } catch {
          continue;
        }
        for (const n of names) {
          if (n.startsWith('.') || SKIP_DIRS.has(n)) continue;
          const p = join(d, n);
          let isDir = false;
          try {
            isDir = statSync(p).isDirectory();
          } catch {
            continue;
          }
          if (isDir) stack.push(p);
          else if (extname(n) === ext) out.push(p);
        }
      }
      listed.set(ext, out);
      return out;
    },
  };
}
